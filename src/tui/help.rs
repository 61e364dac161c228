//! The help overlay: every key, from the key map's own table, the keys of the layer it opened
//! over first. A layer: the movement keys scroll it, `q`, `Esc` and `?` close it.

use super::action::Action;
use super::bindings::Bindings;
use super::context::Context;
use super::layer::{Kind, Outcome};
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};
use unicode_width::UnicodeWidthStr;

const KEYS_WIDTH: usize = 18;

/// The box the overlay is drawn in, centred.
fn popup(screen: Rect, rows: usize) -> Rect {
    let width = screen.width.min(64);
    let height = screen
        .height
        .min(u16::try_from(rows).unwrap_or(u16::MAX).saturating_add(2));
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

/// The help's state: which layer it lists the keys of, and how far it is scrolled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Help {
    pub of: Kind,
    pub top: usize,
}

/// The keys the help lists where the person is: the library's own on the library screen, the
/// list's over the bookmarks list, the reader's over an article.
pub fn rows(keys: &Bindings, of: Kind) -> Vec<(String, String)> {
    match of {
        Kind::Library => keys.library_help_rows(),
        Kind::Bookmarks => keys.list_help_rows(),
        Kind::Article | Kind::Help | Kind::Prompt | Kind::Pager | Kind::Picker => keys.help_rows(),
    }
}

impl Help {
    pub fn new(of: Kind) -> Help {
        Help { of, top: 0 }
    }

    /// The furthest the list of keys scrolls on this screen.
    pub fn max_top(&self, ctx: &Context) -> usize {
        let rows = rows(&ctx.keys, self.of).len();
        rows.saturating_sub(usize::from(popup(ctx.size, rows).height.saturating_sub(2)))
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        // pages as long as the reading pane's, as the keys scroll it there
        let height = usize::from(ctx.areas().pane.height);
        let page = height.saturating_sub(2).max(1) as isize;
        let half = (height / 2).max(1) as isize;
        let lines = match action {
            Action::ToggleHelp | Action::Back | Action::Quit => return Outcome::Close,
            Action::LineDown => 1,
            Action::LineUp => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::HalfPageDown => half,
            Action::HalfPageUp => -half,
            Action::Top => isize::MIN / 2,
            Action::Bottom => isize::MAX / 2,
            Action::Wheel { lines, .. } => lines as isize * super::mouse::WHEEL_LINES,
            _ => return Outcome::Done,
        };
        self.top = self.top.saturating_add_signed(lines).min(self.max_top(ctx));
        Outcome::Done
    }

    pub fn resize(&mut self, ctx: &Context) {
        self.top = self.top.min(self.max_top(ctx));
    }
}

pub fn render(help: &Help, ctx: &Context, buf: &mut Buffer) {
    let (theme, screen, top) = (&ctx.theme, ctx.size, help.top);
    let rows = rows(&ctx.keys, help.of);
    let area = popup(screen, rows.len());
    Clear.render(area, buf);
    let more = if top < help.max_top(ctx) {
        " ↓ more "
    } else {
        ""
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.focused_border)
        .title(Span::styled(" Keys — Esc closes ", theme.title))
        .title_bottom(Line::styled(more, theme.dim).right_aligned());
    let inner = block.inner(area);
    block.render(area, buf);
    // the keys' column, wider when some keys fill it: a space always before what they do
    let column = rows
        .iter()
        .map(|(keys, _)| keys.width() + 1)
        .max()
        .unwrap_or(0)
        .max(KEYS_WIDTH);
    for (i, (keys, what)) in rows
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .enumerate()
    {
        // what does not fit ends in an ellipsis, never cut mid-word without a sign
        let room = usize::from(inner.width).saturating_sub(column + 1);
        let line = Line::from(vec![
            Span::styled(format!(" {keys:<column$}"), theme.table_header),
            Span::raw(shorten(what, room)),
        ]);
        buf.set_line(inner.x, inner.y + i as u16, &line, inner.width);
    }
}
