//! The mouse over an article: the wheel scrolls what is under the pointer, a click on the
//! sidebar jumps, a click on a question opens its answer.

use super::{faq, sidebar, ArticleLayer};
use crate::tui::action::Action;
use crate::tui::context::Context;
use crate::tui::geometry;
use crate::tui::layer::Outcome;
use crate::tui::state::{Focus, View};

impl ArticleLayer {
    pub(super) fn wheel(&mut self, column: u16, row: u16, lines: isize, ctx: &mut Context) {
        let areas = self.areas(ctx);
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
                View::Faq => self.scroll(lines.signum(), ctx),
                _ => self.scroll(lines, ctx),
            }
        }
    }

    pub(super) fn click(&mut self, column: u16, row: u16, ctx: &mut Context) -> Outcome {
        let areas = self.areas(ctx);
        // a press in the text may start a selection, made when the button is let go
        self.pressed = match self.view {
            View::Article => self.anchor_at(column, row, ctx),
            _ => None,
        };
        if let Some(area) = areas.sidebar {
            if let Some(entry) = sidebar::entry_at(self.reading(), area, column, row) {
                self.jump(entry, ctx);
                self.focus = Focus::Reader;
            }
        }
        if self.view == View::Faq && geometry::contains(areas.pane, column, row) {
            if let Some(q) = faq::question_at(self.reading(), areas, row) {
                self.reading_mut().faq.selected = q;
                return self.handle(Action::FaqToggleAnswer, ctx);
            }
        }
        Outcome::Done
    }
}
