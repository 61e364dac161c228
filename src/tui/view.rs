//! Drawing a whole frame from the app's state; nothing here changes it.

use super::app::App;
use super::article::{self, brief, faq, header, key_points, pane, sidebar};
use super::layer::Layer;
use super::state::View;
use super::{bookmarks, help, library, pager, picker, status};
use ratatui::style::Style;
use ratatui::Frame;

/// Below this many columns of text the reader shows a notice: one-column rows are unreadable,
/// and laying a big article out in them would take many times its size in memory.
pub const MIN_TEXT_WIDTH: u16 = 10;

/// Draws the stack from the topmost layer that fills the screen up, then the status bar, then
/// the overlays over it.
pub fn render(app: &App, frame: &mut Frame) {
    let ctx = &app.ctx;
    if frame.area() != ctx.size {
        return; // the loop resizes the app before the next frame; drawing now would overrun
    }
    let areas = app.areas();
    if areas.text.width < MIN_TEXT_WIDTH {
        render_notice(frame, "Too narrow");
        return;
    }
    let buf = frame.buffer_mut();
    let body = ratatui::layout::Rect {
        height: ctx.size.height.saturating_sub(1),
        ..ctx.size
    };
    let from = app.stack.iter().rposition(Layer::is_screen).unwrap_or(0);
    for layer in &app.stack[from..] {
        match layer {
            Layer::Library(l) => library::view::render(l, &ctx.theme, body, buf),
            Layer::Bookmarks(list) => bookmarks::view::render(list, &ctx.theme, body, buf),
            Layer::Article(a) => render_article(a, ctx, buf),
            Layer::Pager(p) => pager::render(p, &ctx.theme, body, buf),
            Layer::Help(_) | Layer::Prompt(_) | Layer::Picker(_) => {}
        }
    }
    if let Some(area) = areas.status {
        status::render(app, area, buf);
    }
    for layer in &app.stack[from..] {
        match layer {
            Layer::Help(h) => help::render(h, ctx, buf),
            Layer::Picker(p) => picker::render(p, &ctx.theme, ctx.size, buf),
            _ => {}
        }
    }
}

fn render_article(
    a: &article::ArticleLayer,
    ctx: &super::context::Context,
    buf: &mut ratatui::buffer::Buffer,
) {
    let areas = a.areas(ctx);
    if let Some(area) = areas.header {
        header::render(a, ctx, area, buf);
    }
    match a.view {
        View::Article => pane::render(a, ctx, buf),
        View::KeyPoints => key_points::render(a, ctx, buf),
        View::Faq => faq::render(a, ctx, buf),
        View::Brief => brief::render(a, ctx, buf),
    }
    // drawn after the pane: a sidebar over the text covers it
    if let Some(area) = areas.sidebar {
        sidebar::render(a, ctx, area, buf);
    }
}

/// A one-line notice in the middle of an otherwise empty screen, for work that takes a moment.
pub fn render_notice(frame: &mut Frame, notice: &str) {
    let area = frame.area();
    let y = area.y + area.height / 2;
    let width = notice.chars().count() as u16;
    let x = area.x + area.width.saturating_sub(width) / 2;
    if area.height > 0 {
        frame
            .buffer_mut()
            .set_stringn(x, y, notice, usize::from(area.width), Style::new());
    }
}
