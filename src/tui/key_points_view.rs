//! The key points as a table: No. | Key point, rows wrapped so nothing is cut.

use super::app::App;
use super::geometry::Areas;
use super::highlight;
use super::reading::Reading;
use super::theme;
use crate::article::layout::wrap_ranges;
use crate::article::search::find_in;
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

/// Rows above the table body: title, blank, column header, rule.
const HEAD_ROWS: usize = 4;

fn number_width(count: usize) -> usize {
    count.to_string().len().max(3)
}

/// One table row on screen: which point, and bytes `start..end` of it (first rows carry the number).
struct TableRow {
    point: usize,
    start: usize,
    end: usize,
    first: bool,
}

fn table_rows(reading: &Reading, width: usize) -> Vec<TableRow> {
    let count = reading.article.key_points.len();
    let text_width = width.saturating_sub(number_width(count) + 3).max(1);
    let mut rows = Vec::new();
    for (point, text) in reading.article.key_points.iter().enumerate() {
        let ranges = wrap_ranges(text, text_width);
        if ranges.is_empty() {
            rows.push(TableRow {
                point,
                start: 0,
                end: 0,
                first: true,
            });
        }
        for (k, (start, end)) in ranges.into_iter().enumerate() {
            rows.push(TableRow {
                point,
                start,
                end,
                first: k == 0,
            });
        }
    }
    rows
}

/// The furthest the table scrolls.
pub fn max_top(reading: &Reading, areas: Areas) -> usize {
    let area = areas.text;
    let body = usize::from(area.height).saturating_sub(HEAD_ROWS);
    table_rows(reading, usize::from(area.width))
        .len()
        .saturating_sub(body)
}

/// The key point whose row is at the top of the table: what `b` bookmarks in this view.
pub fn point_at_top(reading: &Reading, areas: Areas) -> Option<usize> {
    let rows = table_rows(reading, usize::from(areas.text.width));
    let top = reading.key_points_top.min(max_top(reading, areas));
    rows.get(top).map(|row| row.point)
}

pub fn render(app: &App, buf: &mut Buffer) {
    let reading = app.reading();
    let area = app.areas().text;
    let width = usize::from(area.width);
    let count = reading.article.key_points.len();
    let nw = number_width(count);
    let mut lines: Vec<Line> = vec![
        Line::styled(format!("Key Points ({count})"), theme::TITLE),
        Line::raw(""),
        Line::from(vec![
            Span::styled(format!("{:>nw$}", "No."), theme::TABLE_HEADER),
            Span::styled(" │ ", theme::BORDER),
            Span::styled("Key point", theme::TABLE_HEADER),
        ]),
        Line::styled(
            format!(
                "{}┼{}",
                "─".repeat(nw + 1),
                "─".repeat(width.saturating_sub(nw + 2))
            ),
            theme::BORDER,
        ),
    ];
    if count == 0 {
        lines.push(Line::styled("This article has no key points.", theme::DIM));
    }
    let query = reading.search.query();
    let rows = table_rows(reading, width);
    let body = usize::from(area.height).saturating_sub(HEAD_ROWS);
    let top = reading.key_points_top.min(rows.len().saturating_sub(body));
    for row in rows.iter().skip(top).take(body) {
        let text = &reading.article.key_points[row.point];
        let number = if row.first {
            format!("{:>nw$}", row.point + 1)
        } else {
            " ".repeat(nw)
        };
        let slice = &text[row.start..row.end];
        let marks: Vec<(usize, usize)> = query.map(|q| find_in(slice, q)).unwrap_or_default();
        let mut spans = vec![
            Span::styled(number, theme::MARKER),
            Span::styled(" │ ", theme::BORDER),
        ];
        spans.extend(highlight::spans(slice, &marks, None, theme::TEXT));
        lines.push(Line::from(spans));
    }
    for (y, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        buf.set_line(area.x, area.y + y as u16, line, area.width);
    }
    if let Some(bar) = app.areas().scrollbar {
        super::pane::scrollbar(bar, top, rows.len().saturating_sub(body), body, buf);
    }
}
