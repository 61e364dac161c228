//! Moving through the article: scrolling, jumps between sections, the sidebar's selection
//! following the reading, and which part is being read.

use super::ArticleLayer;
use crate::article::document::Part;
use crate::tui::article::key_points;
use crate::tui::article::sidebar;
use crate::tui::context::Context;
use crate::tui::state::{Focus, View};

impl ArticleLayer {
    /// Scrolls whatever the movement keys act on now.
    pub(super) fn scroll(&mut self, lines: isize, ctx: &mut Context) {
        let height = self.pane_height(ctx);
        match (self.view, self.effective_focus(ctx)) {
            (View::KeyPoints, _) => {
                let max = key_points::max_top(self.reading(), self.areas(ctx));
                let reading = self.reading_mut();
                reading.key_points_top =
                    reading.key_points_top.saturating_add_signed(lines).min(max);
            }
            (View::Faq, _) => {
                let count = self.reading().article.faq.len();
                let faq = &mut self.reading_mut().faq;
                faq.selected = faq
                    .selected
                    .saturating_add_signed(lines.signum() * lines.abs().min(count as isize))
                    .min(count.saturating_sub(1));
            }
            (View::Brief, _) => self.brief_step(lines.signum()),
            (View::Article, _) => {
                self.reading_mut().scroll(lines, height);
                self.keep_sidebar_visible(ctx);
            }
        }
    }

    pub(super) fn jump(&mut self, entry: usize, ctx: &mut Context) {
        self.view = View::Article;
        let height = self.pane_height(ctx);
        // a heading near the end stops at the bottom rather than leave blank rows under it,
        // and is the place here all the same
        self.reading_mut().jump_to_entry(entry, height);
        self.keep_sidebar_visible(ctx);
    }

    pub(super) fn step_section(&mut self, step: isize, ctx: &mut Context) {
        let reading = self.reading();
        let count = reading.doc.outline.len();
        if count == 0 {
            return;
        }
        // at the very bottom the section named here can be below the top of the pane
        let named = self
            .reading_entry(ctx)
            .map(|e| reading.layout.block_row(reading.doc.outline[e].block));
        let here = reading.here_row().max(named.unwrap_or(0));
        // headings' rows rise with their order, so a binary search finds the neighbours
        let below = reading
            .doc
            .outline
            .partition_point(|e| reading.layout.block_row(e.block) <= here);
        let target = if step > 0 {
            (below < count).then_some(below)
        } else {
            let above = reading
                .doc
                .outline
                .partition_point(|e| reading.layout.block_row(e.block) < here);
            above.checked_sub(1)
        };
        match target {
            Some(entry) => self.jump(entry, ctx),
            None if step < 0 => {
                self.view = View::Article;
                self.reading_mut().top = 0;
                self.reading_mut().clear_aim();
                self.keep_sidebar_visible(ctx);
            }
            None => ctx.notice = Some("this is the last section".to_owned()),
        }
    }

    pub(super) fn move_sidebar(&mut self, step: isize, ctx: &mut Context) {
        let count = self.reading().doc.outline.len();
        let reading = self.reading_mut();
        reading.sidebar_selected = reading
            .sidebar_selected
            .saturating_add_signed(step)
            .min(count.saturating_sub(1));
        self.keep_sidebar_visible(ctx);
    }

    /// Scrolls the sidebar so the entry that matters (selected, or the one being read) shows.
    pub(super) fn keep_sidebar_visible(&mut self, ctx: &mut Context) {
        let Some(area) = self.areas(ctx).sidebar else {
            return;
        };
        let rows = sidebar::list_height(area);
        let target = match self.effective_focus(ctx) {
            Focus::Sidebar => Some(self.reading().sidebar_selected),
            Focus::Reader => self.reading_entry(ctx),
        };
        let Some(target) = target else { return };
        let count = self.reading().doc.outline.len();
        let reading = self.reading_mut();
        if target < reading.sidebar_scroll {
            reading.sidebar_scroll = target;
        } else if rows > 0 && target >= reading.sidebar_scroll + rows {
            reading.sidebar_scroll = target + 1 - rows;
        }
        // no empty rows under the list while entries above it are hidden
        reading.sidebar_scroll = reading.sidebar_scroll.min(count.saturating_sub(rows));
    }

    /// The outline entry being read: the section at the top of the pane, or at the very
    /// bottom of the article the last heading in view, since later ones can never reach the top.
    pub fn reading_entry(&self, ctx: &Context) -> Option<usize> {
        let reading = self.reading();
        if reading.aimed().is_some() {
            return reading.active_entry();
        }
        let height = self.pane_height(ctx);
        let max_top = reading.max_top(height);
        if max_top > 0 && reading.top == max_top {
            let row =
                |e: &crate::article::document::OutlineEntry| reading.layout.block_row(e.block);
            let in_view = reading
                .doc
                .outline
                .partition_point(|e| row(e) < reading.top + height);
            let last = in_view
                .checked_sub(1)
                .filter(|&i| row(&reading.doc.outline[i]) >= reading.top);
            if last.is_some() {
                return last;
            }
        }
        reading.active_entry()
    }

    /// The sidebar entry to highlight: the open view's, or the section being read.
    pub fn sidebar_active(&self, ctx: &Context) -> Option<usize> {
        let reading = self.reading();
        let part = match self.view {
            View::KeyPoints | View::Brief => Part::KeyPoints,
            View::Faq => Part::Faq,
            View::Article => return self.reading_entry(ctx),
        };
        reading.doc.outline.iter().position(|e| e.part == part)
    }

    /// Where the reader is, as the status bar says it: `3/5 Recent Developments in Ukraine`.
    pub fn status_place(&self, ctx: &Context) -> String {
        let reading = self.reading();
        let sections = reading.doc.section_count();
        match self.status_part(ctx) {
            Some((Part::Section(i), label)) => format!("{}/{sections} {label}", i + 1),
            Some((_, label)) => label,
            None => reading.article.title.clone(),
        }
    }

    /// The part of the article the status bar names.
    pub fn status_part(&self, ctx: &Context) -> Option<(Part, String)> {
        let reading = self.reading();
        let entry = self.reading_entry(ctx)?;
        let e = &reading.doc.outline[entry];
        Some((e.part, reading.doc.label(e).to_owned()))
    }
}

impl ArticleLayer {
    /// `=` and `Ctrl-g`, as in less: the file, its size, the place, how far, how many words.
    pub fn file_info(&self, ctx: &Context) -> String {
        let reading = self.reading();
        let height = self.pane_height(ctx);
        let place = match self.status_part(ctx) {
            Some(_) => self.status_place(ctx),
            None => "Lead".to_owned(),
        };
        format!(
            "{} · {} · {} words · {place} · row {} of {} · {}%",
            reading.name,
            crate::tui::draw::size(reading.bytes() as u64),
            crate::warnings::grouped(reading.doc.total_words()),
            reading.top + 1,
            reading.layout.len(),
            reading.percent(height)
        )
    }
}
