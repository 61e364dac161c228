//! The mouse: the wheel scrolls the pane under the pointer, a click jumps or opens.

use super::action::Action;
use super::app::App;
use super::geometry;
use super::state::{Focus, Overlay, View};
use super::{faq_view, sidebar};

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: isize) {
        let areas = self.areas();
        let lines = lines * WHEEL_LINES;
        if self.overlay == Overlay::Help {
            self.scroll(lines);
        } else if let Some(area) = areas
            .sidebar
            .filter(|a| geometry::contains(*a, column, row))
        {
            let count = self.reading().doc.outline.len();
            let visible = sidebar::list_height(area);
            let reading = self.reading_mut();
            reading.sidebar_scroll = reading
                .sidebar_scroll
                .saturating_add_signed(lines.signum())
                .min(count.saturating_sub(visible));
        } else if geometry::contains(areas.pane, column, row) {
            match self.view {
                View::Faq => self.scroll(lines.signum()),
                _ => self.scroll(lines),
            }
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16) {
        if self.overlay != Overlay::None {
            return;
        }
        let areas = self.areas();
        if let Some(area) = areas.sidebar {
            if let Some(entry) = sidebar::entry_at(self.reading(), area, column, row) {
                self.jump(entry);
                self.focus = Focus::Reader;
            }
        }
        if self.view == View::Faq && geometry::contains(areas.pane, column, row) {
            if let Some(q) = faq_view::question_at(self.reading(), areas, row) {
                self.reading_mut().faq.selected = q;
                self.update(Action::FaqToggleAnswer);
            }
        }
    }
}
