//! Splitting a piece of text into spans where search matches fall.

use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::Span;

/// Spans of `text`, with byte ranges in `marks` (sorted, relative to `text`) styled as matches;
/// `current` is the range of the match the reader moved to.
pub fn spans<'a>(
    theme: &Theme,
    text: &'a str,
    marks: &[(usize, usize)],
    current: Option<(usize, usize)>,
    style: Style,
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    let mut at = 0;
    for &(start, end) in marks {
        let (start, end) = (start.clamp(at, text.len()), end.min(text.len()));
        if start >= end {
            continue;
        }
        if start > at {
            spans.push(Span::styled(&text[at..start], style));
        }
        let mark = if current.is_some_and(|(cs, ce)| cs < end && ce > start) {
            theme.current_match
        } else {
            theme.search_match
        };
        spans.push(Span::styled(&text[start..end], mark));
        at = end;
    }
    if at < text.len() {
        spans.push(Span::styled(&text[at..], style));
    }
    spans
}
