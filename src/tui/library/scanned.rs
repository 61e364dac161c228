//! What the scan's reports do to the library: rows to show early, the files listed, their
//! summaries, the index's progress. A summary only marks the rows out of date; they are
//! worked out once before the next frame, however many came.

use super::rows::{Change, Stale};
use super::{Changes, Entry, Library, Progress, ScanReason, Sort};
use crate::library::{FoundFile, Info, ScanEvent};
use crate::tui::context::Context;
use crate::tui::memory::Request;
use std::collections::HashMap;

impl Library {
    pub fn scan_event(&mut self, event: ScanEvent, ctx: &mut Context) {
        match event {
            ScanEvent::Listed(files) => self.listed(files, ctx),
            ScanEvent::Preview(rows) if !self.progress.listed => self.preview(rows, ctx),
            // the screen indexes beside another lede: it never asks to be told instead
            ScanEvent::Preview(_) | ScanEvent::Busy { .. } => {}
            ScanEvent::Problem(problem) => self.problems.push(problem),
            ScanEvent::Summaries(batch) => self.summaries(batch),
            ScanEvent::Walking(walked) => self.progress.walked = walked,
            ScanEvent::Indexed { done, total } => {
                self.progress.indexed = done;
                self.progress.to_index = total;
            }
            ScanEvent::Finished => {
                self.progress.finished = true;
                // a big library's match texts are made now, not at the filter's first key
                if self.entries.len() >= self.worker_from {
                    self.haystacks();
                }
                ctx.outbox.push(Request::Marks);
                if let Some(since) = self.since {
                    ctx.outbox.push(Request::Arrivals(since));
                }
            }
        }
    }

    /// Every file found: a rescan keeps what is known of the files that did not change, and
    /// says what did. The selected and the open article follow their file, not their row.
    fn listed(&mut self, files: Vec<FoundFile>, ctx: &mut Context) {
        let again = self.progress.listed;
        let selected = self
            .selected_entry()
            .map(|e| self.entries[e].file.source.clone());
        let opened = self.opened.map(|e| self.entries[e].file.source.clone());
        let mut known: HashMap<String, Entry> =
            self.entries.drain(..).map(|e| (e.file.key(), e)).collect();
        let mut changes = Changes::default();
        self.entries = files
            .into_iter()
            .map(|file| {
                // a first listing knows nothing yet: no key is made for it
                let before = match known.is_empty() {
                    true => None,
                    false => known.remove(&file.key()),
                };
                let info = match before {
                    None => {
                        changes.new += 1;
                        None
                    }
                    Some(entry) if entry.file == file => entry.info,
                    Some(_) => {
                        changes.changed += 1;
                        None
                    }
                };
                Entry { file, info }
            })
            .collect();
        // what is left was not found again
        changes.gone = known.len();
        drop(known);
        self.opened = self.entry_of(opened);
        let keep = self.entry_of(selected);
        self.progress = Progress {
            listed: true,
            ..Default::default()
        };
        self.entries_replaced(ctx);
        self.select_entry(keep, Self::height(ctx));
        let quiet = self.scan_reason == ScanReason::Watched && changes.is_empty();
        if again && !quiet {
            ctx.notice = Some(changes.to_string());
        }
        self.scan_reason = ScanReason::Asked;
    }

    /// Rows to show before the walk ends; the selected one follows its file.
    fn preview(&mut self, rows: Vec<(FoundFile, Option<Info>)>, ctx: &mut Context) {
        let selected = self
            .selected_entry()
            .map(|e| self.entries[e].file.source.clone());
        self.entries = rows
            .into_iter()
            .map(|(file, info)| Entry { file, info })
            .collect();
        self.entries_replaced(ctx);
        let keep = self.entry_of(selected);
        self.select_entry(keep, Self::height(ctx));
    }

    /// The entry of the file from `source`, when one is listed.
    fn entry_of(&self, source: Option<crate::article::Source>) -> Option<usize> {
        source.and_then(|s| self.entries.iter().position(|e| e.file.source == s))
    }

    /// The entries are new: the rows are worked out at once, as the old ones name entries
    /// no longer there.
    fn entries_replaced(&mut self, ctx: &mut Context) {
        self.forget_haystacks();
        self.count_arrived();
        self.refresh(Stale::Order, ctx);
    }

    /// Summaries of listed files: the rows they change are worked out before the next frame.
    fn summaries(&mut self, batch: Vec<(usize, Info)>) {
        let mut told = Vec::with_capacity(batch.len());
        for (index, info) in batch {
            if let Some(entry) = self.entries.get_mut(index) {
                entry.info = Some(info);
                self.progress.summarised += 1;
                told.push(index);
            }
        }
        self.told(&told);
        // a title or a length moves its row only in the order that goes by it
        let stale = match (self.sort, self.filter.is_empty()) {
            (Sort::Title | Sort::Length, _) => Stale::Order,
            (Sort::Date | Sort::Path, false) => Stale::Filter,
            (Sort::Date | Sort::Path, true) => Stale::Fresh,
        };
        self.outdate(stale, Change::Told);
    }
}
