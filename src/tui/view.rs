//! Drawing a whole frame from the app's state; nothing here changes it.

use super::app::App;
use super::state::{Overlay, View};
use super::{faq_view, help, key_points_view, pane, sidebar, status};
use ratatui::Frame;

pub fn render(app: &App, frame: &mut Frame) {
    if frame.area() != app.size {
        return; // the loop resizes the app before the next frame; drawing now would overrun
    }
    let areas = app.areas();
    let buf = frame.buffer_mut();
    if let Some(area) = areas.sidebar {
        sidebar::render(app, area, buf);
    }
    match app.view {
        View::Article => pane::render(app, buf),
        View::KeyPoints => key_points_view::render(app, buf),
        View::Faq => faq_view::render(app, buf),
    }
    if let Some(area) = areas.status {
        status::render(app, area, buf);
    }
    if app.overlay == Overlay::Help {
        help::render(app.size, app.help_top, buf);
    }
}
