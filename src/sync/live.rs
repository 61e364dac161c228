//! Sync while the reader runs: at its start, every [`EVERY`], and before it quits (the store
//! thread calls it). Each problem is said once, not every time it happens again.

use super::{sync_as, Limits};
use crate::store::Store;
use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How often the reader syncs while it runs.
pub const EVERY: Duration = Duration::from_secs(30);

pub struct Live {
    folder: PathBuf,
    next: Instant,
    said: HashSet<String>,
    runs: u64,
    /// The store's data version after the last sync: while it stays, no other lede wrote.
    version: Option<i64>,
}

/// What one sync in the reader brought.
#[derive(Debug, Default)]
pub struct Synced {
    /// `2 bookmarks and a position from laptop`, when anything came.
    pub summary: Option<String>,
    /// Problems not said before.
    pub notices: Vec<String>,
    /// The articles whose marks changed.
    pub fingerprints: BTreeSet<String>,
    /// The first sync of this reader: the one at its start.
    pub first: bool,
}

impl Live {
    /// Syncs through `folder`, the first time at once.
    pub fn new(folder: PathBuf) -> Live {
        Live {
            folder,
            next: Instant::now(),
            said: HashSet::new(),
            runs: 0,
            version: None,
        }
    }

    /// When the next sync is due.
    pub fn due(&self) -> Instant {
        self.next
    }

    pub fn run(&mut self, store: &mut Store) -> Synced {
        self.next = Instant::now() + EVERY;
        self.runs += 1;
        let mut synced = Synced {
            first: self.runs == 1,
            ..Synced::default()
        };
        // an import or a `lede sync now` from another process: look for what it left
        let version = store.data_version().ok();
        let reconcile = version.is_none() || version != self.version;
        let result = sync_as(store, &self.folder, Limits::default(), reconcile);
        // as it was before: a write by another lede during this sync is looked for next time
        self.version = version;
        let notices = match result {
            Ok(outcome) => {
                synced.summary = outcome.summary();
                synced.fingerprints = outcome.merged.fingerprints;
                outcome.notices
            }
            // another lede is at it: this one tries again next time
            Err(super::Error::Busy) => Vec::new(),
            Err(e) => vec![e.to_string()],
        };
        for notice in notices {
            if self.said.insert(notice.clone()) {
                synced.notices.push(notice);
            }
        }
        synced
    }
}
