//! Drawing a whole frame from the app's state; nothing here changes it.

use super::app::App;
use super::state::{Overlay, Screen, View};
use super::{
    bookmarks_view, brief, faq_view, header, help, key_points_view, library, pane, sidebar, status,
};
use ratatui::style::Style;
use ratatui::Frame;

/// Below this many columns of text the reader shows a notice: one-column rows are unreadable,
/// and laying a big article out in them would take many times its size in memory.
pub const MIN_TEXT_WIDTH: u16 = 10;

pub fn render(app: &App, frame: &mut Frame) {
    if frame.area() != app.ctx.size {
        return; // the loop resizes the app before the next frame; drawing now would overrun
    }
    let areas = app.areas();
    if areas.text.width < MIN_TEXT_WIDTH {
        render_notice(frame, "Too narrow");
        return;
    }
    let buf = frame.buffer_mut();
    if let (Screen::Library, Some(library)) = (&app.screen, &app.library) {
        let body = ratatui::layout::Rect {
            height: app.ctx.size.height.saturating_sub(1),
            ..app.ctx.size
        };
        library::view::render(library, &app.ctx.theme, body, buf);
        if let Some(area) = areas.status {
            status::render(app, area, buf);
        }
        if app.overlay == Overlay::Help {
            help::render(app, buf);
        }
        return;
    }
    if let Screen::Bookmarks(list) = &app.screen {
        let body = ratatui::layout::Rect {
            height: app.ctx.size.height.saturating_sub(1),
            ..app.ctx.size
        };
        bookmarks_view::render(list, &app.ctx.theme, body, buf);
        if let Some(area) = areas.status {
            status::render(app, area, buf);
        }
        if app.overlay == Overlay::Help {
            help::render(app, buf);
        }
        return;
    }
    if let Some(area) = areas.header {
        header::render(app, area, buf);
    }
    match app.view {
        View::Article => pane::render(app, buf),
        View::KeyPoints => key_points_view::render(app, buf),
        View::Faq => faq_view::render(app, buf),
        View::Brief => brief::render(app, buf),
    }
    // drawn after the pane: a sidebar over the text covers it
    if let Some(area) = areas.sidebar {
        sidebar::render(app, area, buf);
    }
    if let Some(area) = areas.status {
        status::render(app, area, buf);
    }
    if app.overlay == Overlay::Help {
        help::render(app, buf);
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

/// `text` on the first row of `area` in `style`, shortened with `…` where it does not fit.
pub fn top_line(
    buf: &mut ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    text: &str,
    style: ratatui::style::Style,
) {
    let line = ratatui::text::Line::styled(
        crate::article::title::shorten(text, usize::from(area.width)),
        style,
    );
    buf.set_line(area.x, area.y, &line, area.width);
}
