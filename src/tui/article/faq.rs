//! The FAQ view: the questions listed, answers opened and closed one by one or all together.

use super::ArticleLayer;
use crate::article::layout::wrap_ranges;
use crate::article::search::find_in;
use crate::tui::article::highlight;
use crate::tui::article::reading::Reading;
use crate::tui::context::Context;
use crate::tui::geometry::Areas;
use ratatui::buffer::Buffer;
use ratatui::text::{Line, Span};

/// Rows above the questions: the title and a blank.
const HEAD_ROWS: usize = 2;
const QUESTION_MARKER_WIDTH: usize = 2;
const ANSWER_INDENT: usize = 4;

/// A screen row of the view: part of a question or of one of its answer's paragraphs.
#[derive(Debug, Clone, Copy)]
enum FaqRow<'a> {
    Question {
        index: usize,
        text: &'a str,
        first: bool,
    },
    Answer {
        index: usize,
        text: &'a str,
    },
    Blank {
        index: usize,
    },
}

impl FaqRow<'_> {
    fn index(&self) -> usize {
        match *self {
            FaqRow::Question { index, .. }
            | FaqRow::Answer { index, .. }
            | FaqRow::Blank { index } => index,
        }
    }
}

fn rows(reading: &Reading, width: usize) -> Vec<FaqRow<'_>> {
    let mut rows = Vec::new();
    for (index, entry) in reading.article.faq.iter().enumerate() {
        if index > 0 {
            rows.push(FaqRow::Blank { index: index - 1 });
        }
        let q_width = width.saturating_sub(QUESTION_MARKER_WIDTH).max(1);
        let mut ranges = wrap_ranges(&entry.question, q_width);
        if ranges.is_empty() {
            ranges.push((0, 0));
        }
        for (k, (s, e)) in ranges.into_iter().enumerate() {
            rows.push(FaqRow::Question {
                index,
                text: &entry.question[s..e],
                first: k == 0,
            });
        }
        if reading.faq.open.contains(&index) {
            let a_width = width.saturating_sub(ANSWER_INDENT).max(1);
            for (p, paragraph) in entry.answer.iter().enumerate() {
                if p > 0 {
                    rows.push(FaqRow::Blank { index });
                }
                for (s, e) in wrap_ranges(paragraph, a_width) {
                    rows.push(FaqRow::Answer {
                        index,
                        text: &paragraph[s..e],
                    });
                }
            }
        }
    }
    rows
}

/// The first row shown: the selected question stays in view, with as much of its answer as fits.
fn offset(rows: &[FaqRow], selected: usize, height: usize) -> usize {
    let first = rows
        .iter()
        .position(|r| r.index() == selected && matches!(r, FaqRow::Question { .. }));
    let Some(first) = first else { return 0 };
    let last = rows
        .iter()
        .rposition(|r| r.index() == selected && !matches!(r, FaqRow::Blank { .. }))
        .unwrap_or(first);
    let wanted = (last + 1).saturating_sub(height);
    wanted.min(first)
}

/// The question drawn at a screen row, if any.
pub fn question_at(reading: &Reading, areas: Areas, row: u16) -> Option<usize> {
    let area = areas.text;
    let height = usize::from(area.height).saturating_sub(HEAD_ROWS);
    let body_y = area.y + HEAD_ROWS as u16;
    if row < body_y {
        return None;
    }
    let rows = rows(reading, usize::from(area.width));
    let top = offset(&rows, reading.faq.selected, height);
    match rows.get(top + usize::from(row - body_y)) {
        Some(FaqRow::Question { index, .. }) => Some(*index),
        _ => None,
    }
}

pub fn render(article: &ArticleLayer, ctx: &Context, buf: &mut Buffer) {
    let theme = &ctx.theme;
    let reading = article.reading();
    let area = article.areas(ctx).text;
    let count = reading.article.faq.len();
    let mut lines = vec![
        Line::from(vec![Span::styled(
            format!("Frequently Asked Questions ({count})"),
            theme.title,
        )]),
        Line::raw(""),
    ];
    if count == 0 {
        lines.push(Line::styled("This article has no FAQ.", theme.dim));
    }
    let height = usize::from(area.height).saturating_sub(HEAD_ROWS);
    let rows = rows(reading, usize::from(area.width));
    let top = offset(&rows, reading.faq.selected, height);
    let query = reading.search.query();
    for row in rows.iter().skip(top).take(height) {
        let line = match *row {
            FaqRow::Question { index, text, first } => {
                let selected = index == reading.faq.selected;
                let open = reading.faq.open.contains(&index);
                let marker = match (first, open) {
                    (false, _) => "  ",
                    (true, true) => "▾ ",
                    (true, false) => "▸ ",
                };
                let style = if selected {
                    theme.question.patch(theme.selected)
                } else {
                    theme.question
                };
                let marks = query.map(|q| find_in(text, q)).unwrap_or_default();
                let mut spans = vec![Span::styled(marker, theme.marker)];
                spans.extend(highlight::spans(theme, text, &marks, None, style));
                Line::from(spans)
            }
            FaqRow::Answer { text, .. } => {
                let marks = query.map(|q| find_in(text, q)).unwrap_or_default();
                let mut spans = vec![Span::raw(" ".repeat(ANSWER_INDENT))];
                spans.extend(highlight::spans(theme, text, &marks, None, theme.text));
                Line::from(spans)
            }
            FaqRow::Blank { .. } => Line::raw(""),
        };
        lines.push(line);
    }
    for (y, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        buf.set_line(area.x, area.y + y as u16, line, area.width);
    }
}
