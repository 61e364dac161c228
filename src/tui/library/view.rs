//! Drawing the library: a title line, then one row per article (or the search results).

use super::actions::HEAD_ROWS;
use super::{Entry, Library, Mode};
use crate::article::title::shorten;
use crate::library::{Info, MATCH_END, MATCH_START};
use crate::store::{time, ReadState};
use crate::tui::reading::WORDS_PER_MINUTE;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Width of the read mark column: `new`, ` 42%`, `read`, `chg`.
const MARK: usize = 5;
/// The right-hand columns: sections, minutes, bookmarks, date.
const FACTS: usize = 32;

pub fn render(library: &Library, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    crate::tui::view::top_line(buf, area, &heading(library), theme.title);
    let body = Rect {
        y: area.y + HEAD_ROWS.min(area.height),
        height: area.height.saturating_sub(HEAD_ROWS),
        ..area
    };
    match &library.mode {
        Mode::List => render_list(library, theme, body, buf),
        Mode::Searching(query) => {
            let line = format!("Searching every article for \"{query}\"…");
            crate::tui::view::top_line(buf, body, &line, theme.dim);
        }
        Mode::Results(results) => render_results(library, theme, results, body, buf),
    }
}

fn heading(library: &Library) -> String {
    let count = library.entries.len();
    let mut heading = format!(
        "Library · {} articles · by {}",
        group(count),
        library.sort.label()
    );
    if !library.filter.is_empty() {
        heading.push_str(&format!(
            " · {} match \"{}\"",
            group(library.visible.len()),
            library.filter.text
        ));
    }
    if let Mode::Results(results) = &library.mode {
        heading = format!(
            "Search \"{}\" · {} hits{}",
            results.query,
            group(results.hits.len()),
            if results.partial {
                " (index still being built)"
            } else {
                ""
            }
        );
    }
    heading
}

/// `10,000`.
pub fn group(n: usize) -> String {
    crate::warnings::grouped(n)
}

fn mark(theme: &Theme, state: ReadState, entry: &Entry) -> (String, Style) {
    if matches!(entry.info, Some(Info::NotArticle(_))) {
        return ("  !  ".to_owned(), theme.current_match);
    }
    match state {
        ReadState::New => (" new ".to_owned(), theme.active),
        ReadState::InProgress(percent) => (format!("{percent:>3}% "), theme.marker),
        ReadState::Read => ("     ".to_owned(), theme.dim),
        ReadState::ChangedSinceRead => (" chg ".to_owned(), theme.heading),
    }
}

fn render_list(library: &Library, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    if library.entries.is_empty() {
        let text = if library.progress.finished {
            "No articles here: lede looks for .txt and .json files in the folders given."
        } else {
            "Looking for articles…"
        };
        crate::tui::view::top_line(buf, area, text, theme.dim);
        return;
    }
    if library.visible.is_empty() {
        let text = "Nothing matches the filter (Esc clears it).";
        crate::tui::view::top_line(buf, area, text, theme.dim);
        return;
    }
    let facts = if width >= 70 { FACTS } else { 0 };
    let title_room = width.saturating_sub(MARK + facts + 1);
    for (y, (row, &e)) in library
        .visible
        .iter()
        .enumerate()
        .skip(library.top)
        .take(usize::from(area.height))
        .enumerate()
    {
        let entry = &library.entries[e];
        let selected = row == library.selected;
        let (mark_text, mark_style) = mark(theme, library.state_of(entry), entry);
        let mut spans = vec![Span::styled(mark_text, mark_style)];
        let title = shorten(entry.title(), title_room);
        let read = library.state_of(entry) == ReadState::Read;
        let base = if read { theme.dim } else { theme.text };
        spans.extend(highlighted(
            theme,
            &title,
            library.filter.highlights(e),
            base,
        ));
        let used = MARK + title.width();
        if facts > 0 {
            spans.push(Span::raw(" ".repeat(width.saturating_sub(used + facts))));
            spans.push(Span::styled(facts_text(library, entry), theme.dim));
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.patch_style(theme.selected);
        }
        buf.set_line(area.x, area.y + y as u16, &line, area.width);
    }
}

/// `5 sec  4 min  ★2   3 d ago`, right-aligned in [`FACTS`] columns.
fn facts_text(library: &Library, entry: &Entry) -> String {
    let (sections, minutes) = match &entry.info {
        Some(Info::Article(summary)) => (
            format!("{:>2} sec", summary.sections),
            format!("{:>3} min", summary.words.div_ceil(WORDS_PER_MINUTE).max(1)),
        ),
        Some(Info::NotArticle(_)) => ("      ".to_owned(), "not an article".to_owned()),
        None => (String::new(), String::new()),
    };
    let bookmarks = match library.marks_of(entry).map(|m| m.bookmarks) {
        Some(n) if n > 0 => format!("★{n}"),
        _ => String::new(),
    };
    let date = if entry.file.modified > 0 {
        time::when(library.now, entry.file.modified / 1_000_000_000)
    } else {
        "bundled".to_owned()
    };
    let text = format!("{sections} {minutes:>7} {bookmarks:>3} {date:>11}");
    format!("{:>width$}", shorten(&text, FACTS), width = FACTS)
}

/// `text` with the characters at `marks` (char indices) in the match style.
fn highlighted(theme: &Theme, text: &str, marks: &[usize], base: Style) -> Vec<Span<'static>> {
    if marks.is_empty() {
        return vec![Span::styled(text.to_owned(), base)];
    }
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_marked = false;
    for (i, c) in text.chars().enumerate() {
        let marked = marks.binary_search(&i).is_ok();
        if marked != run_marked && !run.is_empty() {
            let style = if run_marked { theme.search_match } else { base };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_marked = marked;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(Span::styled(
            run,
            if run_marked { theme.search_match } else { base },
        ));
    }
    spans
}

fn render_results(
    library: &Library,
    theme: &Theme,
    results: &super::Results,
    area: Rect,
    buf: &mut Buffer,
) {
    let width = usize::from(area.width);
    if results.hits.is_empty() {
        let text = format!(
            "No article holds \"{}\" (Esc goes back to the list).",
            results.query
        );
        crate::tui::view::top_line(buf, area, &text, theme.dim);
        return;
    }
    let per_screen = usize::from(area.height) / 2;
    for (k, (i, hit)) in results
        .hits
        .iter()
        .enumerate()
        .skip(results.top)
        .take(per_screen)
        .enumerate()
    {
        let y = area.y + (2 * k) as u16;
        let selected = i == results.selected;
        let mut head = Line::from(vec![
            Span::styled(if selected { "▌ " } else { "  " }, theme.active),
            Span::styled(shorten(&hit.title, width / 2), theme.heading),
            Span::styled(" › ", theme.dim),
            Span::styled(hit.label.clone(), theme.text),
        ]);
        let mut snippet = vec![Span::styled(
            if selected { "▌   " } else { "    " },
            theme.active,
        )];
        snippet.extend(snippet_spans(theme, &hit.snippet));
        let mut snippet = Line::from(snippet);
        if selected {
            head = head.patch_style(theme.selected);
            snippet = snippet.patch_style(theme.selected);
        }
        buf.set_line(area.x, y, &head, area.width);
        if y + 1 < area.bottom() {
            buf.set_line(area.x, y + 1, &snippet, area.width);
        }
    }
    let _ = library;
}

/// A snippet with its match markers turned into highlighted spans.
fn snippet_spans(theme: &Theme, snippet: &str) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut rest = snippet;
    while let Some(start) = rest.find(MATCH_START) {
        spans.push(Span::styled(rest[..start].to_owned(), theme.dim));
        let after = &rest[start + MATCH_START.len_utf8()..];
        let end = after.find(MATCH_END).unwrap_or(after.len());
        spans.push(Span::styled(after[..end].to_owned(), theme.search_match));
        rest = after.get(end + MATCH_END.len_utf8()..).unwrap_or("");
    }
    spans.push(Span::styled(rest.to_owned(), theme.dim));
    spans
}
