//! The mouse: the wheel scrolls what is under the pointer, a click selects, jumps or opens.

use super::action::Action;
use super::app::App;
use super::geometry;
use super::state::{Focus, Overlay, Screen, View};
use super::{faq_view, sidebar};

/// Lines the mouse wheel scrolls per notch.
const WHEEL_LINES: isize = 3;

impl App {
    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: isize) {
        if self.overlay == Overlay::Help {
            self.scroll(lines * WHEEL_LINES);
            return;
        }
        match self.screen {
            // in a list the wheel moves the selection, as in lazygit and newsboat
            Screen::Library => self.library_move(lines * WHEEL_LINES),
            Screen::Bookmarks(_) => self.move_in_list(lines),
            Screen::Article => self.wheel_in_article(column, row, lines * WHEEL_LINES),
        }
    }

    fn wheel_in_article(&mut self, column: u16, row: u16, lines: isize) {
        if self.readings.is_empty() {
            return;
        }
        let areas = self.areas();
        if let Some(area) = areas
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
        if self.overlay != Overlay::None || self.prompt.is_some() {
            return;
        }
        match self.screen {
            Screen::Library => self.click_in_library(row),
            Screen::Bookmarks(_) => self.click_in_bookmarks(row),
            Screen::Article => self.click_in_article(column, row),
        }
    }

    /// A click selects a row; a click on the selected row opens it, as Enter does.
    fn click_in_library(&mut self, row: u16) {
        // the status bar is below the list
        if row >= self.ctx.size.height.saturating_sub(1) {
            return;
        }
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let Some(index) = library.row_at(row) else {
            return;
        };
        if library.select(index) {
            self.update(Action::ListOpen);
        }
    }

    fn click_in_bookmarks(&mut self, row: u16) {
        let height = self.list_height();
        let Screen::Bookmarks(list) = &mut self.screen else {
            return;
        };
        // the list's title line is above its rows
        let Some(index) = row
            .checked_sub(1)
            .and_then(|y| list.bookmark_at(usize::from(y)))
        else {
            return;
        };
        let again = list.selected == index && list.clicked == Some(index);
        list.clicked = Some(index);
        list.selected = index;
        list.keep_visible(height);
        if again {
            self.update(Action::ListOpen);
        }
    }

    fn click_in_article(&mut self, column: u16, row: u16) {
        if self.readings.is_empty() {
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
