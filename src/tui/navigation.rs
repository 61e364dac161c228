//! Moving through the article: scrolling, jumps between sections, the sidebar's selection
//! following the reading, and which part is being read.

use super::app::App;
use super::sidebar;
use super::state::{Focus, Overlay, Screen, View};
use super::{help, key_points_view};
use crate::article::document::Part;

impl App {
    /// Scrolls whatever the movement keys act on now.
    pub(super) fn scroll(&mut self, lines: isize) {
        let height = self.pane_height();
        if self.overlay == Overlay::Help {
            let max = help::max_top(self);
            self.help_top = self.help_top.saturating_add_signed(lines).min(max);
            return;
        }
        match (self.view, self.effective_focus()) {
            (View::KeyPoints, _) => {
                let max = key_points_view::max_top(self.reading(), self.areas());
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
                self.keep_sidebar_visible();
            }
        }
    }

    pub(super) fn jump(&mut self, entry: usize) {
        self.view = View::Article;
        let height = self.pane_height();
        // a heading near the end stops at the bottom rather than leave blank rows under it,
        // and is the place here all the same
        self.reading_mut().jump_to_entry(entry, height);
        self.keep_sidebar_visible();
    }

    pub(super) fn step_section(&mut self, step: isize) {
        let reading = self.reading();
        let count = reading.doc.outline.len();
        if count == 0 {
            return;
        }
        // at the very bottom the section named here can be below the top of the pane
        let named = self
            .reading_entry()
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
            Some(entry) => self.jump(entry),
            None if step < 0 => {
                self.view = View::Article;
                self.reading_mut().top = 0;
                self.reading_mut().clear_aim();
                self.keep_sidebar_visible();
            }
            None => self.ctx.notice = Some("this is the last section".to_owned()),
        }
    }

    pub(super) fn move_sidebar(&mut self, step: isize) {
        let count = self.reading().doc.outline.len();
        let reading = self.reading_mut();
        reading.sidebar_selected = reading
            .sidebar_selected
            .saturating_add_signed(step)
            .min(count.saturating_sub(1));
        self.keep_sidebar_visible();
    }

    /// Scrolls the sidebar so the entry that matters (selected, or the one being read) shows.
    pub(super) fn keep_sidebar_visible(&mut self) {
        let Some(area) = self.areas().sidebar else {
            return;
        };
        let rows = sidebar::list_height(area);
        let target = match self.effective_focus() {
            Focus::Sidebar => Some(self.reading().sidebar_selected),
            Focus::Reader => self.reading_entry(),
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
    pub fn reading_entry(&self) -> Option<usize> {
        let reading = self.reading();
        if reading.aimed().is_some() {
            return reading.active_entry();
        }
        let height = self.pane_height();
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
    pub fn sidebar_active(&self) -> Option<usize> {
        let reading = self.reading();
        let part = match self.view {
            View::KeyPoints | View::Brief => Part::KeyPoints,
            View::Faq => Part::Faq,
            View::Article => return self.reading_entry(),
        };
        reading.doc.outline.iter().position(|e| e.part == part)
    }

    /// Where the reader is, as the status bar says it: `3/5 Recent Developments in Ukraine`.
    pub fn status_place(&self) -> String {
        let reading = self.reading();
        let sections = reading.doc.section_count();
        match self.status_part() {
            Some((Part::Section(i), label)) => format!("{}/{sections} {label}", i + 1),
            Some((_, label)) => label,
            None => reading.article.title.clone(),
        }
    }

    /// The part of the article the status bar names.
    pub fn status_part(&self) -> Option<(Part, String)> {
        let reading = self.reading();
        let entry = self.reading_entry()?;
        let e = &reading.doc.outline[entry];
        Some((e.part, reading.doc.label(e).to_owned()))
    }
}

/// `14.2 KB`, `3.1 MB`: a size as people read it.
fn size(bytes: u64) -> String {
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

impl App {
    /// `=` and `Ctrl-g`, as in less: the file, its size, the place, how far, how many words.
    pub fn file_info(&self) -> String {
        if self.screen == Screen::Library || self.readings.is_empty() {
            let Some(library) = self.library.as_deref() else {
                return "no file here".to_owned();
            };
            return match library.selected_entry() {
                Some(e) => {
                    let file = &library.entries[e].file;
                    format!("{} · {}", file.rel, size(file.size))
                }
                None => "no file here".to_owned(),
            };
        }
        let reading = self.reading();
        let height = self.pane_height();
        let place = match self.status_part() {
            Some(_) => self.status_place(),
            None => "Lead".to_owned(),
        };
        format!(
            "{} · {} · {} words · {place} · row {} of {} · {}%",
            reading.name,
            size(reading.bytes() as u64),
            crate::warnings::grouped(reading.doc.total_words()),
            reading.top + 1,
            reading.layout.len(),
            reading.percent(height)
        )
    }
}
