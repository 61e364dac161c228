//! The status bar: where the reader is, how far, how long is left, and the keys that matter.

use super::app::App;
use super::search::Search;
use super::state::{Screen, View};
use super::theme;
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// What the left of the bar says: the search being typed, or the part being read.
fn place(app: &App) -> String {
    let reading = app.reading();
    if let Some(prompt) = &app.prompt {
        return format!("{}{}", prompt.label(), prompt.text);
    }
    if let Search::Typing { query } = &reading.search {
        return format!("/{query}");
    }
    if let Some(notice) = &app.notice {
        return notice.clone();
    }
    if let Screen::Bookmarks(list) = &app.screen {
        return match list.selected() {
            Some(l) => l.row.article.title.clone(),
            None => "Bookmarks".to_owned(),
        };
    }
    match app.view {
        View::KeyPoints => return "Key Points".to_owned(),
        View::Faq => {
            let count = reading.article.faq.len();
            return format!("FAQ {}/{count}", (reading.faq.selected + 1).min(count));
        }
        View::Article => {}
    }
    let part = app.status_place();
    match app.readings.len() {
        1 => part,
        n => format!("[{}/{n}] {part}", app.current + 1),
    }
}

fn search_note(app: &App) -> Option<String> {
    match &app.reading().search {
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

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    buf.set_style(area, theme::STATUS);
    let reading = app.reading();
    let height = app.pane_height();
    let left = place(app);
    let typing = matches!(reading.search, Search::Typing { .. }) || app.prompt.is_some();
    let listing = matches!(app.screen, Screen::Bookmarks(_));
    let mut right: Vec<String> = Vec::new();
    if let Some(note) = search_note(app).filter(|_| !listing) {
        right.push(note);
    }
    if !typing && !listing && app.view == View::Article {
        right.push(format!("{}%", reading.percent(height)));
        let minutes = reading.minutes_left();
        right.push(if minutes == 0 {
            "end".to_owned()
        } else {
            format!("{minutes} min left")
        });
    }
    let keys: &[(&str, &str)] = match (typing, app.view) {
        (true, _) if app.prompt.is_some() => &[("Enter", "save"), ("Esc", "cancel")],
        (true, _) => &[("Enter", "find"), ("Esc", "cancel")],
        (false, _) if listing => &[
            ("Enter", "open"),
            ("d", "delete"),
            ("e", "note"),
            ("Esc", "close"),
        ],
        (false, View::Article) => &[("?", "help"), ("q", "quit")],
        (false, View::KeyPoints) => &[("j/k", "scroll"), ("t", "close")],
        (false, View::Faq) => &[("Enter", "open"), ("a", "all"), ("f", "close")],
    };
    let width = usize::from(area.width);
    let facts = right.join(" · ");
    let keys_text: String = keys
        .iter()
        .map(|(k, what)| format!(" {k} {what}"))
        .collect();
    // drop the key hints, then the facts, when the bar is too narrow for the place
    let mut spans_right: Vec<Span> = vec![Span::styled(format!(" {facts} "), theme::STATUS)];
    let mut right_width = facts.width() + 2;
    if width >= left.width().min(30) + right_width + keys_text.width() + 2 {
        for (k, what) in keys {
            spans_right.push(Span::styled(format!(" {k}"), theme::STATUS_KEY));
            spans_right.push(Span::styled(format!(" {what}"), theme::STATUS));
        }
        spans_right.push(Span::styled(" ", theme::STATUS));
        right_width += keys_text.width() + 1;
    }
    if right_width + 10 > width && !typing {
        spans_right.clear();
        right_width = 0;
    }
    let room = width.saturating_sub(right_width + 1);
    let left = if typing { format!("{left}▏") } else { left };
    let left = shorten(&left, room);
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(format!(" {left}"), theme::STATUS),
        area.width,
    );
    if right_width > 0 && right_width <= width {
        let x = area.x + (width - right_width) as u16;
        buf.set_line(x, area.y, &Line::from(spans_right), right_width as u16);
    }
}
