//! The line above the text that always names the article: its headline, which of the open
//! articles it is, and the part being read.

use super::ArticleLayer;
use crate::article::title::shorten;
use crate::tui::context::Context;
use crate::tui::state::View;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// The part being read, as the right of the header names it.
fn part(article: &ArticleLayer, ctx: &Context) -> String {
    match article.view {
        View::KeyPoints => "Key Points".to_owned(),
        View::Faq => "FAQ".to_owned(),
        View::Brief => "Brief".to_owned(),
        View::Article => match article.reading_entry(ctx) {
            Some(entry) => {
                let doc = &article.reading().doc;
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

pub fn render(article: &ArticleLayer, ctx: &Context, area: Rect, buf: &mut Buffer) {
    let theme = &ctx.theme;
    let width = usize::from(area.width);
    let count = match article.readings.len() {
        1 => String::new(),
        n => format!("[{}/{n}] ", article.current + 1),
    };
    // the part gets at most a third of the line, the headline the rest
    let part = shorten(&part(article, ctx), width / 3);
    let room = width.saturating_sub(count.width() + part.width() + 3);
    let title = shorten(&article.reading().article.title, room);
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
