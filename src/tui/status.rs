//! The status bar: where the reader is, how far, how long is left, and the keys that matter.

use super::action::Action;
use super::app::App;
use super::article::search::Search;
use super::article::ArticleLayer;
use super::layer::Kind;
use super::state::View;
use super::theme::Theme;
use crate::article::title::shorten;
use crate::warnings::grouped as group;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// What the left of the bar says: the search being typed, or the part being read.
fn place(app: &App) -> String {
    if let Some(prompt) = app.prompt() {
        return format!("{}{}", prompt.label(), prompt.line.shown());
    }
    if let Some(selecting) = app.article_in_front().and_then(|a| a.selection_status()) {
        return selecting;
    }
    if let Some(notice) = &app.ctx.notice {
        return notice.clone();
    }
    match (app.screen(), app.library(), app.bookmarks()) {
        (Some(Kind::Library), Some(library), _) => return library.status_text(),
        (Some(Kind::Bookmarks), _, Some(list)) => {
            return match list.selected() {
                Some(l) => l.article.title.clone(),
                None => "Bookmarks".to_owned(),
            };
        }
        _ => {}
    }
    let Some(article) = app.article() else {
        return String::new();
    };
    let ctx = &app.ctx;
    let reading = article.reading();
    if let Search::Typing(typing) = &reading.search {
        return format!("/{}", typing.line.shown());
    }
    let part = match article.view {
        View::KeyPoints => "Key Points".to_owned(),
        View::Brief => "Brief".to_owned(),
        View::Faq => {
            let count = reading.article.faq.len();
            format!("FAQ {}/{count}", (reading.faq.selected + 1).min(count))
        }
        // the entry chosen in the sidebar, whole, however the sidebar cut it
        View::Article if article.effective_focus(ctx) == super::state::Focus::Sidebar => {
            let entry = reading.doc.outline.get(reading.sidebar_selected);
            match (entry, entry.and_then(|e| e.number())) {
                (Some(e), Some(n)) => format!(
                    "{n}/{} {}",
                    reading.doc.section_count(),
                    reading.doc.label(e)
                ),
                (Some(e), None) => reading.doc.label(e).to_owned(),
                (None, _) => "Contents".to_owned(),
            }
        }
        // the header names the article: before the first section the bar says where that is
        View::Article if article.status_part(ctx).is_none() => "Lead".to_owned(),
        View::Article => article.status_place(ctx),
    };
    match article.readings.len() {
        1 => part,
        n => format!("[{}/{n}] {part}", article.current + 1),
    }
}

fn search_note(article: &ArticleLayer) -> Option<String> {
    match &article.reading().search {
        Search::Done { query, matches, .. } if matches.is_empty() => {
            Some(format!("no match for \"{query}\""))
        }
        Search::Done {
            matches, current, ..
        } => Some(format!(
            "match {}/{}",
            current.map_or(0, |c| c + 1),
            matches.len()
        )),
        _ => None,
    }
}

/// `7 min`, `1 h`, `40 h 15 min`: minutes as people read them.
pub fn duration(minutes: usize) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The library's progress: `indexing 48,210 of 100,000`, or how many are still being read.
fn library_progress(app: &App) -> Option<String> {
    let library = app.library()?;
    let p = library.progress;
    let count = library.entries.len();
    if !p.listed && p.walked > 0 {
        Some(format!("scanning… {} files and folders", group(p.walked)))
    } else if !p.listed {
        Some("looking for articles…".to_owned())
    } else if p.summarised < count {
        Some(format!(
            "reading {} of {}",
            group(p.summarised),
            group(count)
        ))
    } else if !p.finished && p.to_index > 0 {
        Some(format!(
            "indexing {} of {}",
            group(p.indexed),
            group(p.to_index)
        ))
    } else {
        None
    }
}

fn render_library(app: &App, area: Rect, buf: &mut Buffer) {
    let typing = app.prompt().is_some();
    let prompt_hints = app.prompt().map(|p| p.hints());
    let keys: &[(&str, &str)] = match (&prompt_hints, app.screen()) {
        (Some(hints), _) => hints,
        // the bookmarks list opened from the library before any article was read
        (None, Some(Kind::Bookmarks)) => &[
            ("Enter", "open"),
            ("d", "delete"),
            ("e", "note"),
            ("H", "highlights"),
            ("Esc", "close"),
        ],
        (None, _) => &[
            ("Enter", "open"),
            ("/", "filter"),
            ("S", "search"),
            ("U", "unread"),
            ("?", "help"),
        ],
    };
    let right = library_progress(app).unwrap_or_default();
    let left = place(app);
    // a notice (why a file is no article) takes the width the key hints would
    let hints: usize = keys.iter().map(|(k, w)| k.width() + w.width() + 2).sum();
    let room = usize::from(area.width).saturating_sub(right.width() + 3 + hints);
    let keys = if app.ctx.notice.is_some() && left.width() > room {
        &[]
    } else {
        keys
    };
    draw_bar(&app.ctx.theme, area, buf, left, typing, right, keys);
}

/// Draws the bar: `left` (shortened to fit), then the facts and the key hints on the right.
fn draw_bar(
    theme: &Theme,
    area: Rect,
    buf: &mut Buffer,
    left: String,
    typing: bool,
    facts: String,
    keys: &[(&str, &str)],
) {
    let width = usize::from(area.width);
    let keys_text: String = keys
        .iter()
        .map(|(k, what)| format!(" {k} {what}"))
        .collect();
    // drop the key hints, then the facts, when the bar is too narrow for the place
    let mut spans_right: Vec<Span> = vec![Span::styled(format!(" {facts} "), theme.status)];
    let mut right_width = facts.width() + 2;
    if width >= left.width().min(30) + right_width + keys_text.width() + 2 {
        for (k, what) in keys {
            spans_right.push(Span::styled(format!(" {k}"), theme.status_key));
            spans_right.push(Span::styled(format!(" {what}"), theme.status));
        }
        spans_right.push(Span::styled(" ", theme.status));
        right_width += keys_text.width() + 1;
    }
    if right_width + 10 > width && !typing {
        spans_right.clear();
        right_width = 0;
    }
    let room = width.saturating_sub(right_width + 1);
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(format!(" {}", shorten(&left, room)), theme.status),
        area.width,
    );
    if right_width > 0 && right_width <= width {
        let x = area.x + (width - right_width) as u16;
        buf.set_line(x, area.y, &Line::from(spans_right), right_width as u16);
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, app.ctx.theme.status);
    if let Some(super::layer::Layer::Pager(pager)) = app.stack.last() {
        let left = match &app.ctx.notice {
            Some(notice) => notice.clone(),
            None => pager.status(&app.ctx),
        };
        let keys = [("j/k", "scroll"), ("q", "close")];
        return draw_bar(&app.ctx.theme, area, buf, left, false, String::new(), &keys);
    }
    let article = match (app.screen(), app.article()) {
        (Some(Kind::Library) | None, _) | (_, None) => return render_library(app, area, buf),
        (_, Some(article)) => article,
    };
    let ctx = &app.ctx;
    let reading = article.reading();
    let height = article.pane_height(ctx);
    let left = place(app);
    let typing = reading.search.is_typing() || app.prompt().is_some();
    let listing = app.screen() == Some(Kind::Bookmarks);
    let mut right: Vec<String> = Vec::new();
    // digits waiting for a key that takes a count, as vim's showcmd shows them
    if let Some(count) = article.count {
        right.push(format!("count {}", count.value));
    }
    if let Some(note) = search_note(article).filter(|_| !listing) {
        right.push(note);
    }
    let head = reading.completeness.is_head();
    if head && !typing && !listing {
        // minutes of a beginning would mislead; its percent is an estimate, and says so
        if article.view == View::Article {
            right.push(format!("~{}%", reading.percent(height)));
        }
        right.push("reading the rest…".to_owned());
    } else if !typing && !listing {
        let percent = match article.view {
            View::Article => Some(reading.percent(height)),
            View::KeyPoints => Some(super::article::key_points::percent(
                reading,
                article.areas(ctx),
            )),
            View::Faq | View::Brief => None,
        };
        if let Some(percent) = percent {
            right.push(format!("{percent}%"));
        }
        if article.view == View::Article {
            right.push(match reading.minutes_left(height) {
                0 => "done".to_owned(),
                minutes => format!("{} left", duration(minutes)),
            });
        }
    }
    // the hints name the keys the map has for these commands, remapped or not
    let hint = |action: Action, what: &'static str| app.ctx.keys.hint(action).map(|k| (k, what));
    let fixed = |key: &str, what: &'static str| Some((key.to_owned(), what));
    let hints: Vec<Option<(String, &'static str)>> = match (typing, article.view) {
        (true, _) if app.prompt().is_some() => {
            let hints = app.prompt().map(|p| p.hints()).unwrap_or_default();
            hints.iter().map(|(k, what)| fixed(k, what)).collect()
        }
        (true, _) => vec![fixed("Enter", "find"), fixed("Esc", "cancel")],
        (false, _) if listing => vec![
            fixed("Enter", "open"),
            fixed("d", "delete"),
            fixed("e", "note"),
            fixed("H", "highlights"),
            fixed("Esc", "close"),
        ],
        (false, View::Article) if article.origin == super::article::Origin::Library => {
            vec![
                hint(Action::ToggleHelp, "help"),
                hint(Action::Quit, "library"),
            ]
        }
        (false, View::Article) => {
            vec![hint(Action::ToggleHelp, "help"), hint(Action::Quit, "quit")]
        }
        (false, View::KeyPoints) => vec![
            fixed("j/k", "scroll"),
            hint(Action::ToggleKeyPoints, "close"),
        ],
        (false, View::Brief) => vec![
            fixed("j/k", "point"),
            fixed("Enter", "open"),
            hint(Action::Quit, "back"),
        ],
        (false, View::Faq) => vec![
            fixed("Enter", "open"),
            fixed("a", "all"),
            hint(Action::ToggleFaq, "close"),
        ],
    };
    let hints: Vec<(String, &str)> = hints.into_iter().flatten().collect();
    let keys: Vec<(&str, &str)> = hints.iter().map(|(k, w)| (k.as_str(), *w)).collect();
    draw_bar(
        &app.ctx.theme,
        area,
        buf,
        left,
        typing,
        right.join(" · "),
        &keys,
    );
}
