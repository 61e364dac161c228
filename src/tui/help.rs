//! The help overlay: every key, from the key map's own table.

use super::app::App;
use super::state::Screen;
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

/// The keys the help lists where the person is: the library's own on the library screen.
pub fn rows(app: &App) -> Vec<(String, String)> {
    match app.screen {
        Screen::Library => app.ctx.keys.library_help_rows(),
        _ => app.ctx.keys.help_rows(),
    }
}

/// The furthest the list of keys scrolls on this screen.
pub fn max_top(app: &App) -> usize {
    let rows = rows(app).len();
    rows.saturating_sub(usize::from(
        popup(app.ctx.size, rows).height.saturating_sub(2),
    ))
}

pub fn render(app: &App, buf: &mut Buffer) {
    let (theme, screen, top) = (&app.ctx.theme, app.ctx.size, app.help_top);
    let rows = rows(app);
    let area = popup(screen, rows.len());
    Clear.render(area, buf);
    let more = if top < max_top(app) { " ↓ more " } else { "" };
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
