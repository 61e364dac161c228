//! The picker of saved searches and tags (`F` in the library): each with its count of
//! unread articles; Enter filters the library by it. A layer: `j`/`k` move, `Enter` chooses,
//! `q` and `Esc` close.

use super::action::Action;
use super::context::Context;
use super::layer::{Message, Outcome};
use super::theme::Theme;
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

/// One thing to pick: what it is called, the filter it stands for, its counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub label: String,
    pub filter: String,
    pub unread: usize,
    pub total: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    pub picks: Vec<Pick>,
    pub selected: usize,
}

impl Picker {
    pub fn new(picks: Vec<Pick>) -> Picker {
        Picker { picks, selected: 0 }
    }

    pub fn handle(&mut self, action: Action, _ctx: &mut Context) -> Outcome {
        let last = self.picks.len().saturating_sub(1);
        match action {
            Action::Quit | Action::Back => return Outcome::Close,
            Action::ListDown | Action::LineDown => self.selected = (self.selected + 1).min(last),
            Action::ListUp | Action::LineUp => self.selected = self.selected.saturating_sub(1),
            Action::ListTop | Action::Top => self.selected = 0,
            Action::ListBottom | Action::Bottom => self.selected = last,
            Action::Wheel { lines, .. } => {
                self.selected = self
                    .selected
                    .saturating_add_signed(lines as isize)
                    .min(last);
            }
            Action::ListOpen => {
                if let Some(pick) = self.picks.get(self.selected) {
                    return Outcome::CloseWith(Message::Filter(pick.filter.clone()));
                }
            }
            _ => {}
        }
        Outcome::Done
    }
}

pub fn render(picker: &Picker, theme: &Theme, screen: Rect, buf: &mut Buffer) {
    let rows = picker.picks.len().max(1);
    let width = screen.width.min(60);
    let height = screen
        .height
        .saturating_sub(2)
        .min(u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2));
    let area = Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height.saturating_sub(height)) / 2,
        width,
        height,
    };
    Clear.render(area, buf);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(Span::styled(
            " Saved searches and tags — Enter filters ",
            theme.title,
        ));
    let inner = block.inner(area);
    block.render(area, buf);
    if picker.picks.is_empty() {
        let line = Line::styled(
            " None yet: :save NAME keeps a filter, T tags an article",
            theme.dim,
        );
        buf.set_line(inner.x, inner.y, &line, inner.width);
        return;
    }
    let height = usize::from(inner.height);
    let top = picker.selected.saturating_sub(height.saturating_sub(1));
    for (y, (i, pick)) in picker
        .picks
        .iter()
        .enumerate()
        .skip(top)
        .take(height)
        .enumerate()
    {
        let counts = format!("{} unread / {} ", pick.unread, pick.total);
        let room = usize::from(inner.width).saturating_sub(counts.width() + 2);
        let label = shorten(&pick.label, room);
        let gap = usize::from(inner.width).saturating_sub(label.width() + counts.width() + 1);
        let mut line = Line::from(vec![
            Span::raw(" "),
            Span::styled(label, theme.text),
            Span::raw(" ".repeat(gap)),
            Span::styled(counts, theme.dim),
        ]);
        if i == picker.selected {
            line = line.patch_style(theme.selected);
        }
        buf.set_line(inner.x, inner.y + y as u16, &line, inner.width);
    }
}
