//! Which rows the list shows: the sort order, kept between changes; the filter's rows, worked
//! out here or (in a big library) by the worker while the loop goes on; and what of them is
//! out of date, brought up to date once before a frame however many changes came in between.

use super::filter::Job;
use super::haystacks::Haystacks;
use super::{words, Library, Show, Sort};
use crate::tui::app::Effect;
use crate::tui::context::Context;
use std::sync::Arc;

/// What of the rows shown is out of date. Later variants take in the earlier ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stale {
    /// Nothing: the rows are those of the entries, the sort and the filter.
    Fresh,
    /// The filter's rows: the filter changed, or what it matches.
    Filter,
    /// The order, then the filter's rows over it.
    Order,
}

/// Why the rows are out of date, which says whether rows worked out before still do meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// The scan told more of the same entries (their summaries): rows worked out before are
    /// rows of these entries still, and shown until newer ones come.
    Told,
    /// The entries, the sort, the filter or the tags changed: rows from before are wrong.
    Changed,
}

/// Whether the filter's rows are here or on their way from the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Matching {
    /// The rows shown are the filter's (or there is no filter).
    Settled,
    /// The worker is matching (job `generation`); the rows shown are the ones before.
    Out { generation: u64, then: Then },
}

/// What follows when the worker's rows come back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    Nothing,
    /// The scan told more meanwhile: the filter runs again over what is known now.
    Again,
}

impl Library {
    /// Marks what of the rows is out of date, and why; [`Library::settle`] works it out.
    pub fn outdate(&mut self, stale: Stale, change: Change) {
        self.stale = self.stale.max(stale);
        if change == Change::Changed {
            // whatever the worker is doing now answers a question no longer asked
            self.wanted_from = self.generation + 1;
        }
    }

    /// Works the rows out again now, keeping the selected entry selected when it still shows.
    pub fn refresh(&mut self, stale: Stale, ctx: &mut Context) {
        self.outdate(stale, Change::Changed);
        self.settle(ctx);
    }

    /// Whether something of the rows is out of date.
    pub fn unsettled(&self) -> bool {
        self.stale != Stale::Fresh
    }

    /// Brings the rows up to date: a change by a key does so at once; the scan's news waits
    /// for the loop, so a burst of it costs one sort.
    pub fn settle(&mut self, ctx: &mut Context) {
        match std::mem::replace(&mut self.stale, Stale::Fresh) {
            Stale::Fresh => return,
            Stale::Order => self.order = Arc::new(self.sorted()),
            Stale::Filter => {}
        }
        self.match_rows(ctx);
    }

    /// Every entry in the sort order (only the new ones under `:new`).
    fn sorted(&self) -> Vec<usize> {
        let entries = &self.entries;
        let mut order: Vec<usize> = (0..entries.len()).collect();
        match self.sort {
            Sort::Date => order.sort_by(|&a, &b| {
                entries[b]
                    .file
                    .modified
                    .cmp(&entries[a].file.modified)
                    .then(a.cmp(&b))
            }),
            Sort::Title => order.sort_by_cached_key(|&i| (entries[i].title().to_lowercase(), i)),
            Sort::Path => order.sort_by(|&a, &b| entries[a].file.rel.cmp(&entries[b].file.rel)),
            Sort::Length => {
                order.sort_by(|&a, &b| words(&entries[b]).cmp(&words(&entries[a])).then(a.cmp(&b)))
            }
        }
        if self.show == Show::New {
            order.retain(|&e| self.arrived.contains(&entries[e].file.key()));
        }
        order
    }

    /// The filter's rows over the order: at once, or from the worker in a big library.
    fn match_rows(&mut self, ctx: &mut Context) {
        if self.filter.is_empty() || self.entries.len() < self.worker_from {
            // rows worked out here are newer than any on their way
            self.wanted_from = self.generation + 1;
            self.matching = super::Matching::Settled;
            let rows = match self.filter.is_empty() {
                true => self.order.to_vec(),
                false => {
                    let hay = self.haystacks();
                    self.filter.apply(&hay, &self.order)
                }
            };
            self.show_rows(rows, ctx);
            return;
        }
        match &mut self.matching {
            // rows still right for the filter are on their way: newer ones are asked then
            Matching::Out { generation, then } if *generation >= self.wanted_from => {
                *then = Then::Again;
            }
            _ => self.send_job(ctx),
        }
    }

    /// Hands the filter to the worker, over what is known now.
    fn send_job(&mut self, ctx: &mut Context) {
        self.generation += 1;
        let job = Job {
            generation: self.generation,
            text: self.filter.text.clone(),
            order: Arc::clone(&self.order),
            haystacks: self.haystacks(),
        };
        self.matching = Matching::Out {
            generation: self.generation,
            then: Then::Nothing,
        };
        ctx.effects.push(Effect::Filter(job));
    }

    /// The worker's rows for job `generation`: shown, unless a later change made them wrong.
    pub fn filtered(&mut self, generation: u64, rows: Vec<usize>, ctx: &mut Context) {
        if generation < self.wanted_from {
            return;
        }
        let then = match self.matching {
            Matching::Out {
                generation: out,
                then,
            } if out == generation => then,
            // a newer job is out: these rows are shown meanwhile
            _ => Then::Nothing,
        };
        if generation == self.generation {
            self.matching = Matching::Settled;
        }
        self.show_rows(rows, ctx);
        if then == Then::Again {
            self.send_job(ctx);
        }
    }

    /// The rows shown from now on, the selected entry kept selected when it still shows.
    fn show_rows(&mut self, rows: Vec<usize>, ctx: &Context) {
        let keep = self.selected_entry();
        self.visible = rows;
        self.find_first_arrived();
        self.selected = keep
            .and_then(|e| self.visible.iter().position(|&v| v == e))
            .unwrap_or(0)
            .min(self.visible.len().saturating_sub(1));
        self.keep_visible(Self::height(ctx));
    }

    /// Finds the first row that arrived since the library was last opened (for the divider).
    pub(super) fn find_first_arrived(&mut self) {
        self.first_arrived = match self.arrived.is_empty() {
            true => None,
            false => self
                .visible
                .iter()
                .position(|&e| self.arrived.contains(&self.entries[e].file.key())),
        };
    }

    /// What the filter matches, built now if it was not.
    pub(super) fn haystacks(&mut self) -> Arc<Haystacks> {
        let (entries, tags) = (&self.entries, &self.tags);
        let haystacks = self
            .haystacks
            .get_or_insert_with(|| Arc::new(Haystacks::of(entries, tags)));
        Arc::clone(haystacks)
    }

    /// The entries whose summaries came: their hay follows, when it was built.
    pub fn told(&mut self, entries: &[usize]) {
        let Some(haystacks) = self.haystacks.as_mut() else {
            return;
        };
        // the worker may hold these: then they are copied once, and it keeps its own
        let haystacks = Arc::make_mut(haystacks);
        for &e in entries {
            haystacks.update(e, &self.entries[e], &self.tags);
        }
    }

    /// The tags changed: the hay's follow (its texts are as they were).
    pub fn retag_haystacks(&mut self) {
        if let Some(haystacks) = self.haystacks.as_mut() {
            Arc::make_mut(haystacks).retag(&self.entries, &self.tags);
        }
    }

    /// The entries themselves or their tags changed: the hay is built again when needed.
    pub fn forget_haystacks(&mut self) {
        self.haystacks = None;
    }
}
