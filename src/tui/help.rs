//! The help overlay: every key, from the key map's own table.

use super::keymap::HELP;
use super::theme::Theme;
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

const KEYS_WIDTH: usize = 18;

/// The box the overlay is drawn in, centred.
fn popup(screen: Rect) -> Rect {
    let width = screen.width.min(60);
    let height = screen.height.min(HELP.len() as u16 + 2);
    Rect {
        x: screen.x + (screen.width - width) / 2,
        y: screen.y + (screen.height - height) / 2,
        width,
        height,
    }
}

/// The furthest the list of keys scrolls on this screen.
pub fn max_top(screen: Rect) -> usize {
    HELP.len()
        .saturating_sub(usize::from(popup(screen).height.saturating_sub(2)))
}

pub fn render(theme: &Theme, screen: Rect, top: usize, buf: &mut Buffer) {
    let area = popup(screen);
    Clear.render(area, buf);
    let more = if top < max_top(screen) {
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
    for (i, (keys, what)) in HELP
        .iter()
        .skip(top)
        .take(usize::from(inner.height))
        .enumerate()
    {
        // what does not fit ends in an ellipsis, never cut mid-word without a sign
        let room = usize::from(inner.width).saturating_sub(KEYS_WIDTH + 1);
        let line = Line::from(vec![
            Span::styled(format!(" {keys:<KEYS_WIDTH$}"), theme.table_header),
            Span::raw(shorten(what, room)),
        ]);
        buf.set_line(inner.x, inner.y + i as u16, &line, inner.width);
    }
}
