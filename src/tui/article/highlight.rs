//! Splitting a piece of text into spans where search matches, highlights and a selection fall.

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

/// Spans of `text` in `base`, each byte range of `layers` (relative to `text`) patching the
/// style of what it covers, later layers over earlier ones: a match over a highlight shows
/// as a match, and the highlight's colour around it.
pub fn layered<'a>(text: &'a str, base: Style, layers: &[(usize, usize, Style)]) -> Vec<Span<'a>> {
    let floor = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for &(start, end, _) in layers {
        cuts.push(floor(start));
        cuts.push(floor(end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let style = layers
                .iter()
                .filter(|&&(start, end, _)| floor(start) <= w[0] && floor(end) >= w[1])
                .fold(base, |style, &(_, _, layer)| style.patch(layer));
            Span::styled(&text[w[0]..w[1]], style)
        })
        .collect()
}
