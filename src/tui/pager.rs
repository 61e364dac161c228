//! The pager: what a command piped to (`|`) printed, on a screen of its own, as less shows
//! it. A layer: the movement keys scroll it, `q` and `Esc` close it.

use super::action::Action;
use super::context::Context;
use super::layer::Outcome;
use super::theme::Theme;
use crate::article::sanitize::sanitize_inline;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

/// A command's output, scrolled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// What ran, and how it ended: the title line.
    pub title: String,
    /// Its output's lines, cleaned of control characters: a command's bytes never reach
    /// the terminal as sequences.
    pub lines: Vec<String>,
    pub top: usize,
}

impl Pager {
    pub fn new(title: String, output: &str) -> Pager {
        Pager {
            title,
            lines: output.lines().map(sanitize_inline).collect(),
            top: 0,
        }
    }

    /// Rows of output the screen shows: all but the title line and the status bar.
    fn height(ctx: &Context) -> usize {
        usize::from(ctx.size.height.saturating_sub(2)).max(1)
    }

    fn max_top(&self, ctx: &Context) -> usize {
        self.lines.len().saturating_sub(Self::height(ctx))
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        let height = Self::height(ctx);
        let page = height.saturating_sub(2).max(1) as isize;
        let half = (height / 2).max(1) as isize;
        let lines = match action {
            Action::Quit | Action::Back => return Outcome::Close,
            Action::LineDown => 1,
            Action::LineUp => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::HalfPageDown => half,
            Action::HalfPageUp => -half,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Wheel { lines, .. } => lines as isize * super::mouse::WHEEL_LINES,
            // the reader's own keys wait until the pager is closed
            _ => return Outcome::Done,
        };
        self.top = self.top.saturating_add_signed(lines).min(self.max_top(ctx));
        Outcome::Done
    }

    pub fn resize(&mut self, ctx: &Context) {
        self.top = self.top.min(self.max_top(ctx));
    }

    /// Where the pager is, for the status bar: `lines 1-38 of 120`.
    pub fn status(&self, ctx: &Context) -> String {
        let last = (self.top + Self::height(ctx)).min(self.lines.len());
        match self.lines.len() {
            0 => "no output".to_owned(),
            n => format!("lines {}-{last} of {n}", self.top + 1),
        }
    }
}

pub fn render(pager: &Pager, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    crate::tui::draw::top_line(buf, area, &pager.title, theme.title);
    for (y, line) in pager
        .lines
        .iter()
        .skip(pager.top)
        .take(usize::from(area.height - 1))
        .enumerate()
    {
        buf.set_line(
            area.x,
            area.y + 1 + y as u16,
            &Line::raw(line.as_str()),
            area.width,
        );
    }
}
