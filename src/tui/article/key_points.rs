//! The key points as a table: No. | Key point, rows wrapped so nothing is cut.

use super::ArticleLayer;
use crate::article::layout::wrap_ranges;
use crate::article::search::find_in;
use crate::tui::article::highlight;
use crate::tui::article::reading::Reading;
use crate::tui::context::Context;
use crate::tui::geometry::Areas;
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

/// Rows above the table body: title, blank, column header, rule.
const HEAD_ROWS: usize = 4;

fn number_width(count: usize) -> usize {
    count.to_string().len().max(3)
}

/// One table row on screen: which point, and bytes `start..end` of it (first rows carry the
/// number); a gap row (`start == end`, not first) separates two points.
struct TableRow {
    point: usize,
    start: usize,
    end: usize,
    first: bool,
}

impl TableRow {
    fn gap(point: usize) -> TableRow {
        TableRow {
            point,
            start: 0,
            end: 0,
            first: false,
        }
    }
}

fn table_rows(reading: &Reading, width: usize) -> Vec<TableRow> {
    let count = reading.article.key_points.len();
    let text_width = width.saturating_sub(number_width(count) + 3).max(1);
    let mut rows = Vec::new();
    for (point, text) in reading.article.key_points.iter().enumerate() {
        if point > 0 {
            rows.push(TableRow::gap(point));
        }
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

/// How far the table is scrolled, as the status bar says it: 0 at the top, 100 at the end.
pub fn percent(reading: &Reading, areas: Areas) -> usize {
    let max = max_top(reading, areas);
    if max == 0 {
        return 100;
    }
    reading.key_points_top.min(max) * 100 / max
}

pub fn render(article: &ArticleLayer, ctx: &Context, buf: &mut Buffer) {
    let theme = &ctx.theme;
    let reading = article.reading();
    let area = article.areas(ctx).text;
    let width = usize::from(area.width);
    let count = reading.article.key_points.len();
    let nw = number_width(count);
    let mut lines: Vec<Line> = vec![
        Line::styled(format!("Key Points ({count})"), theme.title),
        Line::raw(""),
    ];
    if count == 0 {
        lines.push(Line::styled("This article has no key points.", theme.dim));
    } else {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>nw$}", "No."), theme.table_header),
            Span::styled(" │ ", theme.border),
            Span::styled("Key point", theme.table_header),
        ]));
        lines.push(Line::styled(
            format!(
                "{}┼{}",
                "─".repeat(nw + 1),
                "─".repeat(width.saturating_sub(nw + 2))
            ),
            theme.border,
        ));
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
            Span::styled(number, theme.marker),
            Span::styled(" │ ", theme.border),
        ];
        spans.extend(highlight::spans(theme, slice, &marks, None, theme.text));
        lines.push(Line::from(spans));
    }
    for (y, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        buf.set_line(area.x, area.y + y as u16, line, area.width);
    }
    if let Some(bar) = article.areas(ctx).scrollbar {
        crate::tui::article::pane::scrollbar(
            theme,
            bar,
            top,
            rows.len().saturating_sub(body),
            body,
            buf,
        );
    }
}
