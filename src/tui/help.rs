//! The help overlay: every key, from the key map's own table.

use super::bindings::Bindings;
use super::theme::Theme;
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

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

/// The furthest the list of keys scrolls on this screen.
pub fn max_top(screen: Rect, keys: &Bindings) -> usize {
    let rows = keys.help_rows().len();
    rows.saturating_sub(usize::from(popup(screen, rows).height.saturating_sub(2)))
}

pub fn render(theme: &Theme, screen: Rect, top: usize, keys: &Bindings, buf: &mut Buffer) {
    let rows = keys.help_rows();
    let area = popup(screen, rows.len());
    Clear.render(area, buf);
    let more = if top < max_top(screen, keys) {
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
    for (i, (keys, what)) in rows
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
