//! The reading pane: the visible slice of the laid-out article, with search highlights.

use super::ArticleLayer;
use crate::article::document::BlockKind;
use crate::article::layout::Row;
use crate::article::search::Match;
use crate::tui::article::highlight;
use crate::tui::context::Context;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Scrollbar, ScrollbarOrientation, ScrollbarState, StatefulWidget};

fn block_style(theme: &Theme, kind: BlockKind) -> Style {
    match kind {
        BlockKind::Title => theme.title,
        BlockKind::Heading => theme.heading,
        BlockKind::Question => theme.question,
        _ => theme.text,
    }
}

fn marker_style(theme: &Theme, kind: BlockKind) -> Style {
    match kind {
        BlockKind::Heading => theme.heading,
        BlockKind::Question => theme.marker.add_modifier(ratatui::style::Modifier::BOLD),
        _ => theme.marker,
    }
}

/// Draws only the rows that show: the work is the size of the screen, not of the article.
pub fn render(article: &ArticleLayer, ctx: &Context, buf: &mut Buffer) {
    let theme = &ctx.theme;
    let areas = article.areas(ctx);
    let reading = article.reading();
    let text = areas.text;
    let matches = reading.search.matches();
    let current = reading.search.current();
    let (layout, top) = reading.shown();
    let selection = article.selection.map(|s| s.range());
    // a place jumped to below the top of the pane is marked, so the eye finds "here"
    let aimed = reading
        .aimed()
        .filter(|a| layout.row_of_anchor(*a) > top)
        // a search hit shows as the current match already
        .filter(|a| current.is_none_or(|m| m.anchor() != *a));
    for y in 0..text.height {
        let index = top + usize::from(y);
        let Some(row) = layout.row(&reading.doc, index) else {
            break;
        };
        let Row::Text {
            block,
            start,
            end,
            first,
        } = row
        else {
            continue;
        };
        let block_index = block as usize;
        let b = reading.doc.block(block_index);
        let (start, end) = (start as usize, end as usize);
        let slice = &b.text[start..end];
        let mut spans = Vec::new();
        if first {
            spans.push(Span::styled(b.marker(), marker_style(theme, b.kind)));
        } else if b.marker_width() > 0 {
            spans.push(Span::raw(" ".repeat(b.marker_width())));
        }
        // highlights, then the selection, then search matches over them
        let relative =
            |s: usize, e: usize| (s.max(start) - start, e.min(end).saturating_sub(start));
        let mut layers: Vec<(usize, usize, Style)> = Vec::new();
        let len = b.text.len();
        for (s, e, colour) in reading.memory.highlights.in_block(block_index, len) {
            if s < end && e > start {
                let (s, e) = relative(s, e);
                layers.push((s, e, theme.highlight(colour)));
            }
        }
        if let Some((s, e)) = selection.and_then(|r| r.in_block(block_index, len)) {
            if s < end && e > start {
                let (s, e) = relative(s, e);
                layers.push((s, e, theme.selecting));
            }
        }
        for (s, e) in row_marks(matches, block_index, start, end) {
            layers.push((s, e, theme.search_match));
        }
        if let Some(m) = current.filter(|m| m.block() == block_index) {
            if m.start() < end && m.end() > start {
                let (s, e) = relative(m.start(), m.end());
                layers.push((s, e, theme.current_match));
            }
        }
        spans.extend(highlight::layered(
            slice,
            block_style(theme, b.kind),
            &layers,
        ));
        let mut line = Line::from(spans);
        let here = aimed.is_some_and(|a| layout.row_of_anchor(a) == index);
        if here && text.x >= areas.pane.x + 2 {
            buf.set_string(text.x - 2, text.y + y, "▶", theme.active);
        } else if here {
            line = line.patch_style(theme.selected);
        }
        buf.set_line(text.x, text.y + y, &line, text.width);
    }
    if let Some(bar) = areas.scrollbar {
        let height = usize::from(areas.pane.height);
        scrollbar(
            theme,
            bar,
            reading.top,
            reading.estimated_max_top(height),
            height,
            buf,
        );
    }
}

/// A scrollbar in `bar` for a view scrolled to `top` of `max_top`, or nothing when all fits.
pub fn scrollbar(
    theme: &Theme,
    bar: Rect,
    top: usize,
    max_top: usize,
    height: usize,
    buf: &mut Buffer,
) {
    if max_top == 0 {
        return;
    }
    let mut state = ScrollbarState::new(max_top + 1)
        .position(top.min(max_top))
        .viewport_content_length(height);
    Scrollbar::new(ScrollbarOrientation::VerticalRight)
        .begin_symbol(None)
        .end_symbol(None)
        .thumb_style(theme.marker)
        .track_style(theme.dim)
        .render(bar, buf, &mut state);
}

/// The parts of search matches that fall in bytes `start..end` of a block, relative to `start`.
fn row_marks(matches: &[Match], block: usize, start: usize, end: usize) -> Vec<(usize, usize)> {
    let first = matches.partition_point(|m| (m.block(), m.end()) <= (block, start));
    matches[first..]
        .iter()
        .take_while(|m| m.block() == block && m.start() < end)
        .map(|m| (m.start().max(start) - start, m.end().min(end) - start))
        .collect()
}
