//! The sidebar: the article's outline, the section being read highlighted.

use super::ArticleLayer;
use crate::article::title::shorten;
use crate::tui::article::reading::Reading;
use crate::tui::context::Context;
use crate::tui::geometry;
use crate::tui::state::Focus;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Rows above the list: the "Contents" header.
const HEADER_ROWS: u16 = 1;

/// Rows under the list for the facts about the article (a blank, then up to four lines).
const FACT_ROWS: u16 = 5;

/// The part of the sidebar the entries are listed in: a column kept clear of the border.
fn list_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(2);
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

pub fn render(article: &ArticleLayer, ctx: &Context, area: Rect, buf: &mut Buffer) {
    let theme = &ctx.theme;
    let reading = article.reading();
    // over the text, the sidebar clears what it covers
    ratatui::widgets::Widget::render(ratatui::widgets::Clear, area, buf);
    let focused = article.effective_focus(ctx) == Focus::Sidebar;
    let border = if focused {
        theme.focused_border
    } else {
        theme.border
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
            &Line::styled(shorten(header, usize::from(list.width)), theme.dim),
            list.width,
        );
    }
    let active = article.sidebar_active(ctx);
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
        let mark = match (article.entry_marked(i), article.entry_highlighted(i)) {
            (true, true) => " •▪",
            (true, false) => " •",
            (false, true) => " ▪",
            (false, false) => "",
        };
        let room =
            usize::from(list.width).saturating_sub(bar.width() + number.width() + mark.width());
        let label = shorten(article.reading().doc.label(entry), room);
        let mut style = if Some(i) == active {
            theme.active
        } else {
            theme.text
        };
        if focused && i == reading.sidebar_selected {
            style = style.patch(theme.selected);
        }
        let line = Line::from(vec![
            Span::styled(bar, theme.active),
            Span::styled(number, theme.dim),
            Span::styled(label, style),
            Span::styled(mark, theme.marker),
        ]);
        buf.set_line(list.x, y, &line, list.width);
    }
    let listed = reading
        .doc
        .outline
        .len()
        .saturating_sub(reading.sidebar_scroll);
    let under = list.y + u16::try_from(listed).unwrap_or(u16::MAX).min(list.height);
    if list.bottom() >= under + FACT_ROWS {
        render_facts(
            article,
            ctx,
            Rect {
                y: under + 1,
                height: list.bottom() - under - 1,
                ..list
            },
            buf,
        );
    }
}

/// What a reader wants at a glance, under the contents: length, read state, bookmarks, file.
fn render_facts(article: &ArticleLayer, ctx: &Context, area: Rect, buf: &mut Buffer) {
    let reading = article.reading();
    let words = reading.doc.total_words();
    let minutes = words
        .div_ceil(crate::tui::article::reading::WORDS_PER_MINUTE)
        .max(1);
    let mut facts = vec![format!(
        "{} words · {}",
        crate::warnings::grouped(words),
        crate::tui::status::duration(minutes)
    )];
    if let Some(state) = reading.memory.state() {
        facts.push(state.label());
    }
    match reading.memory.bookmarks.len() {
        0 => {}
        1 => facts.push("1 bookmark".to_owned()),
        n => facts.push(format!("{n} bookmarks")),
    }
    facts.push(reading.name.clone());
    for (y, fact) in (area.y..area.bottom()).zip(&facts) {
        let line = Line::styled(shorten(fact, usize::from(area.width)), ctx.theme.dim);
        buf.set_line(area.x, y, &line, area.width);
    }
}
