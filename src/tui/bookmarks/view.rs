//! Drawing the marks list: a title line, then each article's title and its bookmarks and
//! highlights.

use super::{BookmarksList, ListRow};
use crate::article::title::shorten;
use crate::store::time;
use crate::tui::draw::{faint, tail};
use crate::tui::memory::{Mark, Whereabouts};
use crate::tui::theme::Theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

pub fn render(list: &BookmarksList, theme: &Theme, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let count = list.visible().len();
    let any_highlight = list.listed.iter().flatten().any(|l| l.mark.is_highlight());
    let name = match (list.only, any_highlight) {
        (super::Only::Highlights, _) => "Highlights",
        (super::Only::All, true) => "Bookmarks and highlights",
        (super::Only::All, false) => "Bookmarks",
    };
    let whole = list.filter.is_empty() && list.only == super::Only::All;
    let heading = match (&list.listed, whole) {
        (None, _) => format!("{name} (loading…)"),
        (Some(_), true) => format!("{name} ({count})"),
        (Some(all), false) if list.filter.is_empty() => {
            format!("{name} ({count} of {})", all.len())
        }
        (Some(all), false) => format!(
            "{name} ({count} of {}, filter \"{}\")",
            all.len(),
            list.filter
        ),
    };
    crate::tui::draw::top_line(buf, area, &heading, theme.title);
    let Some(listed) = &list.listed else { return };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 1,
        ..area
    };
    if count == 0 {
        let empty = if list.only == super::Only::Highlights && list.filter.is_empty() {
            "No highlights yet: h in an article selects words to highlight."
        } else if list.filter.is_empty() {
            "No bookmarks yet: b in an article bookmarks the paragraph at the top."
        } else {
            "No bookmark matches the filter (Esc clears it)."
        };
        crate::tui::draw::top_line(buf, body, empty, faint());
        return;
    }
    let selected = list.selected_index();
    let now = time::now();
    for (y, row) in list
        .rows()
        .into_iter()
        .skip(list.top)
        .take(usize::from(body.height))
        .enumerate()
    {
        let is_selected = |i: usize| Some(i) == selected;
        let line = match row {
            ListRow::Blank => Line::raw(""),
            ListRow::Article(i) => {
                let l = &listed[i];
                let width = usize::from(body.width);
                let missing = if l.whereabouts == Whereabouts::Missing {
                    "  missing"
                } else {
                    ""
                };
                // what the store holds may have come from another machine: no control reaches
                // the terminal from it
                let path = &clean(l.article.path.as_deref().unwrap_or(""));
                // the title cut on a word, with an ellipsis; the path gets what is left
                let room = width.saturating_sub(missing.width());
                let title_room = room.saturating_sub(path.width() + 2).max(room * 2 / 3);
                let title = shorten(&clean(&l.article.title), title_room);
                let path_room = room.saturating_sub(title.width() + 2);
                let mut spans = vec![Span::styled(title, theme.heading)];
                if !missing.is_empty() {
                    spans.push(Span::styled(missing, theme.current_match));
                }
                if !path.is_empty() && path_room > 1 {
                    spans.push(Span::styled(
                        format!("  {}", tail(path, path_room - 2)),
                        faint(),
                    ));
                }
                Line::from(spans)
            }
            ListRow::Place(i) => {
                let l = &listed[i];
                let mut spans = vec![Span::styled(
                    if is_selected(i) { "▌ " } else { "  " },
                    theme.active,
                )];
                if let Mark::Highlight(h) = &l.mark {
                    spans.push(Span::styled("▪ highlight", theme.highlight(h.colour)));
                    spans.push(Span::raw(" · "));
                }
                spans.push(Span::styled(clean(&l.mark.place().label()), theme.text));
                spans.push(Span::styled(
                    format!("  {}", time::ago(now, l.mark.created())),
                    faint(),
                ));
                match &l.whereabouts {
                    Whereabouts::Gone(gone) => {
                        spans.push(Span::styled(format!("  ({gone})"), theme.current_match));
                    }
                    Whereabouts::Changed => {
                        spans.push(Span::styled("  (text changed)", theme.current_match));
                    }
                    _ => {}
                }
                Line::from(spans)
            }
            ListRow::Quote(i) => {
                let l = &listed[i];
                let mut spans = vec![
                    Span::styled(if is_selected(i) { "▌ " } else { "  " }, theme.active),
                    Span::styled(format!("  “{}”", clean(&l.mark.quote())), faint()),
                ];
                if !l.mark.note().is_empty() {
                    spans.push(Span::styled(
                        format!("  {}", clean(l.mark.note())),
                        theme.question,
                    ));
                }
                Line::from(spans)
            }
        };
        let line = if matches!(row, ListRow::Place(i) | ListRow::Quote(i) if is_selected(i)) {
            line.patch_style(theme.selected)
        } else {
            line
        };
        buf.set_line(body.x, body.y + y as u16, &line, body.width);
    }
}

fn clean(text: &str) -> String {
    crate::article::sanitize::sanitize_inline(text)
}
