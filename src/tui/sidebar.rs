//! The sidebar: the article's outline, the section being read highlighted.

use super::app::App;
use super::geometry;
use super::reading::Reading;
use super::state::Focus;
use super::theme;
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Rows above the list: the "Contents" header.
const HEADER_ROWS: u16 = 1;

/// The part of the sidebar the entries are listed in (right border excluded).
fn list_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(1);
    let top = HEADER_ROWS.min(area.height);
    Rect {
        x: area.x,
        y: area.y + top,
        width,
        height: area.height - top,
    }
}

/// How many entries fit at once.
pub fn list_height(area: Rect) -> usize {
    usize::from(list_area(area).height)
}

/// The outline entry drawn at a screen cell, if any.
pub fn entry_at(reading: &Reading, area: Rect, column: u16, row: u16) -> Option<usize> {
    let list = list_area(area);
    if !geometry::contains(list, column, row) {
        return None;
    }
    let entry = reading.sidebar_scroll + usize::from(row - list.y);
    (entry < reading.doc.outline.len()).then_some(entry)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let reading = app.reading();
    let focused = app.effective_focus() == Focus::Sidebar;
    let border = if focused {
        theme::FOCUSED_BORDER
    } else {
        theme::BORDER
    };
    for y in area.top()..area.bottom() {
        buf.set_string(area.right() - 1, y, "│", border);
    }
    let list = list_area(area);
    if area.height > 0 && list.width > 0 {
        let header = if focused {
            "Contents (Enter jumps)"
        } else {
            "Contents"
        };
        buf.set_line(
            area.x,
            area.y,
            &Line::styled(shorten(header, usize::from(list.width)), theme::DIM),
            list.width,
        );
    }
    let active = app.sidebar_active();
    let numbers_width = reading
        .doc
        .outline
        .iter()
        .filter_map(|e| e.number())
        .max()
        .map_or(0, |n| n.to_string().len());
    for (i, entry) in reading
        .doc
        .outline
        .iter()
        .enumerate()
        .skip(reading.sidebar_scroll)
        .take(usize::from(list.height))
    {
        let y = list.y + (i - reading.sidebar_scroll) as u16;
        let number = match entry.number() {
            Some(n) => format!("{n:>numbers_width$} "),
            None => " ".repeat(numbers_width + usize::from(numbers_width > 0)),
        };
        let bar = if Some(i) == active { "▌" } else { " " };
        // a bookmark under the entry: a mark at its end, room kept for it
        let mark = if app.entry_marked(i) { " •" } else { "" };
        let room =
            usize::from(list.width).saturating_sub(bar.width() + number.width() + mark.width());
        let label = shorten(&entry.label, room);
        let mut style = if Some(i) == active {
            theme::SIDEBAR_ACTIVE
        } else {
            theme::TEXT
        };
        if focused && i == reading.sidebar_selected {
            style = style.patch(theme::SIDEBAR_SELECTED);
        }
        let line = Line::from(vec![
            Span::styled(bar, theme::SIDEBAR_ACTIVE),
            Span::styled(number, theme::DIM),
            Span::styled(label, style),
            Span::styled(mark, theme::MARKER),
        ]);
        buf.set_line(list.x, y, &line, list.width);
    }
}
