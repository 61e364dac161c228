//! The line above the text that always names the article: its headline, which of the open
//! articles it is, and the part being read.

use super::app::App;
use super::state::View;
use crate::article::title::shorten;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The part being read, as the right of the header names it.
fn part(app: &App) -> String {
    match app.view {
        View::KeyPoints => "Key Points".to_owned(),
        View::Faq => "FAQ".to_owned(),
        View::Brief => "Brief".to_owned(),
        View::Article => match app.reading_entry() {
            Some(entry) => {
                let doc = &app.reading().doc;
                let e = &doc.outline[entry];
                match e.number() {
                    Some(n) => format!("{n}. {}", doc.label(e)),
                    None => doc.label(e).to_owned(),
                }
            }
            None => String::new(),
        },
    }
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.ctx.theme;
    let width = usize::from(area.width);
    let count = match app.readings.len() {
        1 => String::new(),
        n => format!("[{}/{n}] ", app.current + 1),
    };
    // the part gets at most a third of the line, the headline the rest
    let part = shorten(&part(app), width / 3);
    let room = width.saturating_sub(count.width() + part.width() + 3);
    let title = shorten(&app.reading().article.title, room);
    let left = Line::from(vec![
        Span::styled(format!(" {count}"), theme.dim),
        Span::styled(title, theme.header),
    ]);
    buf.set_line(area.x, area.y, &left, area.width);
    if !part.is_empty() && part.width() + 1 < width {
        let x = area.right() - part.width() as u16 - 1;
        buf.set_line(x, area.y, &Line::styled(part, theme.dim), area.width);
    }
}
