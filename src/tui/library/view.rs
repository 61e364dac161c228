//! Drawing the library: a title line, the columns' names, then one row per article (or the
//! search results, grouped by article).

use super::actions::HEAD_ROWS;
use super::results::ResultRow;
use super::{Entry, Library, Mode};
use crate::article::title::shorten;
use crate::article::WORDS_PER_MINUTE;
use crate::library::{Info, MATCH_END, MATCH_START};
use crate::store::{time, ReadState};
use crate::tui::draw::faint;
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// Width of the read mark column: `new`, ` 42%`, `read`, `chg`.
const MARK: usize = 5;
/// The right-hand columns, each with its header and width, two spaces apart.
const COLUMNS: [(&str, usize); 4] = [("sections", 8), ("length", 7), ("★", 3), ("date", 11)];
/// Columns the right-hand facts take: the widths and the gaps between them.
const FACTS: usize = 8 + 7 + 3 + 11 + 2 * 3;
/// Below this width the facts go and the title takes the row.
const FACTS_FROM: usize = 70;

pub fn render(library: &Library, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    crate::tui::draw::top_line(buf, area, &heading(library), theme.title);
    let second = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let body = Rect {
        y: area.y + HEAD_ROWS.min(area.height),
        height: area.height.saturating_sub(HEAD_ROWS),
        ..area
    };
    match &library.mode {
        Mode::List => {
            if second.height > 0 && !library.visible.is_empty() {
                column_header(theme, second, buf);
            }
            render_list(library, theme, body, buf)
        }
        Mode::Searching(query) => {
            let line = format!("Searching every article for \"{query}\"…");
            crate::tui::draw::top_line(buf, body, &line, faint());
        }
        Mode::Results(results) => {
            if second.height > 0 && !results.hits.is_empty() {
                let line = "Hits by article, best first · Enter opens one · Esc back to the list";
                crate::tui::draw::top_line(buf, second, line, faint());
            }
            render_results(theme, results, body, buf)
        }
    }
}

fn heading(library: &Library) -> String {
    let count = library.entries.len();
    let noun = if count == 1 { "article" } else { "articles" };
    let mut heading = format!(
        "Library · {} {noun} · by {}",
        group(count),
        library.sort.label()
    );
    let arrived = library.new_count();
    if let (Some(since), true) = (library.since, arrived > 0) {
        heading.push_str(&format!(
            " · {} new since {}",
            group(arrived),
            time::weekday_date_time(since)
        ));
    }
    if library.show == super::Show::New {
        heading.push_str(" · only new (:new again: all)");
    }
    match (library.filter.is_empty(), library.matching) {
        (true, _) => {}
        (false, super::Matching::Settled) => heading.push_str(&format!(
            " · {} match \"{}\"",
            group(library.visible.len()),
            library.filter.text
        )),
        // the rows shown are the last filter's until the worker's come
        (false, super::Matching::Out { .. }) => {
            heading.push_str(&format!(" · filtering \"{}\"…", library.filter.text))
        }
    }
    if let Mode::Results(results) = &library.mode {
        let hits = match results.hits.len() {
            1 => "1 hit".to_owned(),
            n => format!("{} hits", group(n)),
        };
        let articles = match (results.articles(), results.total) {
            (0, _) => String::new(),
            (shown, total) if total > shown => {
                format!(" in {} of {} articles", group(shown), group(total))
            }
            (1, _) => " in 1 article".to_owned(),
            (n, _) => format!(" in {} articles", group(n)),
        };
        heading = format!(
            "Search \"{}\" · {hits}{articles}{}",
            results.query, results.coverage
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
        ReadState::Read => ("     ".to_owned(), faint()),
        ReadState::ChangedSinceRead => (" chg ".to_owned(), theme.heading),
    }
}

/// The row naming the columns: `article` over the titles, then the facts' names.
fn column_header(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    let style = theme.table_header;
    let mut spans = vec![Span::raw(" ".repeat(MARK)), Span::styled("article", style)];
    if width >= FACTS_FROM {
        let used = MARK + "article".len();
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used + FACTS))));
        let names: Vec<String> = COLUMNS
            .iter()
            .map(|(name, w)| format!("{name:>w$}"))
            .collect();
        spans.push(Span::styled(names.join("  "), style));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
}

fn render_list(library: &Library, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    if library.entries.is_empty() {
        let text = if library.progress.finished {
            "No articles here: lede looks for .txt and .json files in the folders given."
        } else {
            "Looking for articles…"
        };
        crate::tui::draw::top_line(buf, area, text, faint());
        return;
    }
    if library.visible.is_empty() {
        let text = "Nothing matches the filter (Esc clears it).";
        crate::tui::draw::top_line(buf, area, text, faint());
        return;
    }
    let facts = if width >= FACTS_FROM { FACTS } else { 0 };
    let divider = library.divider();
    let shown = library.rows_from(library.top, usize::from(area.height));
    for (y, (row, &e)) in library
        .visible
        .iter()
        .enumerate()
        .skip(library.top)
        .take(shown)
        .enumerate()
    {
        // the rows below the divider move down one
        let y = match divider {
            Some(d) if row == d => {
                let since = library
                    .since
                    .map(time::weekday_date_time)
                    .unwrap_or_default();
                let text = format!("── new since {since} ");
                let rule = "─".repeat(width.saturating_sub(text.width()));
                let line = Line::styled(format!("{text}{rule}"), theme.active);
                buf.set_line(area.x, area.y + y as u16, &line, area.width);
                y + 1
            }
            Some(d) if row > d && d >= library.top => y + 1,
            _ => y,
        };
        let entry = &library.entries[e];
        let selected = row == library.selected;
        let (mark_text, mark_style) = mark(theme, library.state_of(entry), entry);
        let mut spans = vec![Span::styled(mark_text, mark_style)];
        if let Some(Info::NotArticle(reason)) = &entry.info {
            // the reason takes the row: it is all there is to say of the file
            let half = width.saturating_sub(MARK) / 2;
            let name_room = width.saturating_sub(MARK + reason.width() + 2).max(half);
            let name = shorten(&entry.file.rel, name_room);
            let room = width.saturating_sub(MARK + name.width() + 2);
            spans.push(Span::styled(name, theme.text));
            spans.push(Span::styled(
                format!("  {}", shorten(reason, room)),
                faint(),
            ));
        } else {
            // the tags and the arrival mark keep room after the title, which gives way first
            let tags: String = entry
                .fingerprint()
                .and_then(|f| library.tags.get(f))
                .into_iter()
                .flatten()
                .map(|t| format!(" #{t}"))
                .collect();
            let arrived = library.arrived.contains(&entry.file.key());
            let after = tags.width() + if arrived { 6 } else { 0 };
            let room = width.saturating_sub(MARK + facts + 1);
            let title_room = room.saturating_sub(after).max(room / 2);
            let title = shorten(entry.title(), title_room);
            let read = library.state_of(entry) == ReadState::Read;
            let base = if read { faint() } else { theme.text };
            let used = MARK + title.width();
            spans.extend(highlighted(
                theme,
                &title,
                library.filter.highlights(e),
                base,
            ));
            let mut used = used;
            if !tags.is_empty() {
                let tags = shorten(&tags, room.saturating_sub(title.width()));
                used += tags.width();
                spans.push(Span::styled(tags, theme.marker));
            }
            if arrived && used + 6 + facts < width {
                used += 6;
                spans.push(Span::styled("  +new", theme.active));
            }
            if facts > 0 {
                spans.push(Span::raw(" ".repeat(width.saturating_sub(used + facts))));
                spans.push(Span::styled(facts_text(library, entry), faint()));
            }
        }
        let mut line = Line::from(spans);
        if selected {
            line = line.patch_style(theme.selected);
        }
        buf.set_line(area.x, area.y + y as u16, &line, area.width);
    }
}

/// `5 min`, `2 h` past an hour: the reading time in at most 7 columns.
fn reading_time(words: usize) -> String {
    let minutes = words.div_ceil(WORDS_PER_MINUTE).max(1);
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h", group((minutes + 30) / 60))
    }
}

/// `       5    4 min   ★2  3 d ago`, in the [`COLUMNS`], [`FACTS`] wide.
fn facts_text(library: &Library, entry: &Entry) -> String {
    let (sections, length) = match &entry.info {
        Some(Info::Article(summary)) => (group(summary.sections), reading_time(summary.words)),
        _ => (String::new(), String::new()),
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
    let cells: Vec<String> = [sections, length, bookmarks, date]
        .iter()
        .zip(COLUMNS)
        .map(|(text, (_, w))| format!("{:>w$}", shorten(text, w)))
        .collect();
    cells.join("  ")
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

fn render_results(theme: &Theme, results: &super::Results, area: Rect, buf: &mut Buffer) {
    let width = usize::from(area.width);
    if results.hits.is_empty() {
        let text = format!(
            "No article holds \"{}\" (Esc goes back to the list).",
            results.query
        );
        crate::tui::draw::top_line(buf, area, &text, faint());
        return;
    }
    let selected_bar = |i: usize| if i == results.selected { "▌ " } else { "  " };
    for (y, row) in results
        .rows()
        .into_iter()
        .skip(results.top)
        .take(usize::from(area.height))
        .enumerate()
    {
        let line = match row {
            ResultRow::Article { first, count } => {
                let hit = &results.hits[first];
                let path = results.path_of(hit);
                let count = match count {
                    1 => String::new(),
                    n => format!(" · {n} hits"),
                };
                let room = width.saturating_sub(count.width() + 1);
                let title = shorten(&hit.title, room.saturating_sub(2).max(room / 2));
                let rest = width.saturating_sub(title.width() + count.width() + 2);
                Line::from(vec![
                    Span::styled(title, theme.heading),
                    Span::styled(count, faint()),
                    Span::styled(format!("  {}", shorten(path, rest)), faint()),
                ])
            }
            ResultRow::Part(i) => {
                let line = Line::from(vec![
                    Span::styled(selected_bar(i), theme.active),
                    Span::styled(results.hits[i].label.clone(), theme.text),
                ]);
                select(line, i == results.selected, theme)
            }
            ResultRow::Snippet(i) => {
                let mut spans = vec![Span::styled(format!("{}  ", selected_bar(i)), theme.active)];
                spans.extend(snippet_spans(theme, &results.hits[i].snippet));
                select(Line::from(spans), i == results.selected, theme)
            }
        };
        buf.set_line(area.x, area.y + y as u16, &line, area.width);
    }
}

fn select<'a>(line: Line<'a>, selected: bool, theme: &Theme) -> Line<'a> {
    if selected {
        line.patch_style(theme.selected)
    } else {
        line
    }
}

/// A snippet with its match markers turned into highlighted spans.
fn snippet_spans(theme: &Theme, snippet: &str) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut rest = snippet;
    while let Some(start) = rest.find(MATCH_START) {
        spans.push(Span::styled(rest[..start].to_owned(), faint()));
        let after = &rest[start + MATCH_START.len_utf8()..];
        let end = after.find(MATCH_END).unwrap_or(after.len());
        spans.push(Span::styled(after[..end].to_owned(), theme.search_match));
        rest = after.get(end + MATCH_END.len_utf8()..).unwrap_or("");
    }
    spans.push(Span::styled(rest.to_owned(), faint()));
    spans
}
