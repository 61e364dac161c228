//! The library screen: every article of the folders given, newest first, with its read mark,
//! sections, minutes and bookmarks; a fuzzy filter, sort orders, and a full-text search.
//! A layer: its own state, keys and drawing.

mod actions;
pub mod filter;
mod haystacks;
pub mod results;
mod rows;
mod scanned;
pub mod view;
pub mod worker;

use crate::library::scan::Target;
use crate::library::{FoundFile, Info};
use crate::store::{Marks, ReadState};
use filter::Filter;
pub use results::{Coverage, ResultRow, Results};
pub use rows::Matching;
use rows::Stale;
use std::collections::HashMap;
use std::sync::Arc;

/// Libraries of at least this many entries filter in the worker: below it a keystroke's
/// matching takes less than a frame's time, and the rows come with the frame.
pub const WORKER_FROM: usize = 5_000;

/// How the list is ordered; a key cycles through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Newest file first.
    #[default]
    Date,
    Title,
    Path,
    /// Longest first.
    Length,
}

impl Sort {
    pub fn next(self) -> Sort {
        match self {
            Sort::Date => Sort::Title,
            Sort::Title => Sort::Path,
            Sort::Path => Sort::Length,
            Sort::Length => Sort::Date,
        }
    }

    /// The sort order a [`Sort::label`] names.
    pub fn named(label: &str) -> Option<Sort> {
        [Sort::Date, Sort::Title, Sort::Path, Sort::Length]
            .into_iter()
            .find(|s| s.label() == label)
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Date => "date",
            Sort::Title => "title",
            Sort::Path => "path",
            Sort::Length => "length",
        }
    }
}

/// Where the library's sort order came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortFrom {
    Default,
    /// Kept in the store from an earlier session.
    Kept,
    /// Chosen with `o` in this session.
    Chosen,
}

/// One file of the library, with what is known of it so far.
#[derive(Debug, Clone)]
pub struct Entry {
    pub file: FoundFile,
    /// `None` until it is summarised.
    pub info: Option<Info>,
}

impl Entry {
    /// The title, or the file name while it is not known (or not an article).
    pub fn title(&self) -> &str {
        match &self.info {
            Some(Info::Article(summary)) if !summary.title.is_empty() => &summary.title,
            _ => &self.file.rel,
        }
    }

    pub fn fingerprint(&self) -> Option<&str> {
        match &self.info {
            Some(Info::Article(summary)) => Some(&summary.fingerprint),
            _ => None,
        }
    }
}

/// What a rescan found changed: files new, gone, and changed since the last scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Changes {
    pub new: usize,
    pub gone: usize,
    pub changed: usize,
}

/// `2 new, 1 gone`, or `no change`.
impl std::fmt::Display for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parts: Vec<String> = [
            (self.new, "new"),
            (self.changed, "changed"),
            (self.gone, "gone"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{} {what}", crate::warnings::grouped(*n)))
        .collect();
        if parts.is_empty() {
            write!(f, "no change")
        } else {
            write!(f, "{}", parts.join(", "))
        }
    }
}

/// How far the scan has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub listed: bool,
    /// Folder entries the walk has looked at, while it goes on.
    pub walked: usize,
    pub summarised: usize,
    pub indexed: usize,
    pub to_index: usize,
    pub finished: bool,
}

/// What the screen shows: the list, or search results over it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Mode {
    #[default]
    List,
    /// The search was sent; results come back from the store.
    Searching(String),
    Results(Results),
}

#[derive(Debug, Clone)]
pub struct Library {
    /// What was scanned, to scan again (`R`).
    pub target: Target,
    pub entries: Vec<Entry>,
    /// Read state and bookmark count by fingerprint, from the store.
    pub marks: HashMap<String, Marks>,
    pub sort: Sort,
    /// Where the sort order came from: a kept one only replaces the default.
    pub sort_from: SortFrom,
    /// What the store knows this library by (its folders).
    pub key: String,
    pub filter: Filter,
    /// Entries in the order shown (sorted, and only the new ones under `:new`), before the
    /// filter: kept, as sorting is the dearest part of working out the rows.
    order: Arc<Vec<usize>>,
    /// What the filter matches each entry against, built when a filter first needs it.
    haystacks: Option<Arc<haystacks::Haystacks>>,
    /// What of the rows shown is out of date, to be worked out by [`Library::settle`].
    stale: Stale,
    /// Whether the filter's rows are here, or on their way from the worker.
    pub matching: Matching,
    /// The last filter job's number.
    generation: u64,
    /// The worker's rows are taken for jobs from this number on: older ones answer a filter
    /// or entries no longer there.
    wanted_from: u64,
    /// Libraries of at least this many entries filter in the worker ([`WORKER_FROM`]).
    pub worker_from: usize,
    /// Entries in the order shown, after the filter.
    pub visible: Vec<usize>,
    /// The first row of `visible` that arrived since the library was last opened.
    first_arrived: Option<usize>,
    /// How many entries arrived since then.
    arrived_count: usize,
    /// The selected row, as an index into `visible`.
    pub selected: usize,
    pub top: usize,
    pub progress: Progress,
    pub problems: Vec<String>,
    pub mode: Mode,
    /// The entry open in the reader, to come back to and to go on from.
    pub opened: Option<usize>,
    /// The row last clicked: a click on it again opens it.
    pub clicked: Option<usize>,
    /// Now, in Unix seconds, for "today 09:14": set by the loop, so drawing stays pure.
    pub now: i64,
    /// The articles the last `A` marked read that were not read before, for `u`.
    pub undo: Vec<crate::store::Seen>,
    /// Why the scan running now was started: what a watch started says only what changed.
    pub scan_reason: ScanReason,
    /// Every article's tags, by fingerprint, from the store.
    pub tags: HashMap<String, Vec<String>>,
    /// When this library was opened before now (Unix seconds), once the store has said.
    pub since: Option<i64>,
    /// The files (by key) that arrived since then.
    pub arrived: std::collections::HashSet<String>,
    /// Every article, or only those new since the last time (`:new`, `--new`).
    pub show: Show,
}

/// Which articles the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    #[default]
    All,
    New,
}

/// Why the library is being scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScanReason {
    /// At start, or `R`: what the scan found is said, "no change" too.
    #[default]
    Asked,
    /// The watch saw files change: said only when the list changed.
    Watched,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.new + self.gone + self.changed == 0
    }
}

impl Library {
    pub fn new(target: Target) -> Library {
        Library {
            key: target.key(),
            target,
            entries: Vec::new(),
            marks: HashMap::new(),
            sort: Sort::Date,
            sort_from: SortFrom::Default,
            filter: Filter::default(),
            order: Arc::default(),
            haystacks: None,
            stale: Stale::Fresh,
            matching: Matching::Settled,
            generation: 0,
            wanted_from: 0,
            worker_from: WORKER_FROM,
            visible: Vec::new(),
            first_arrived: None,
            arrived_count: 0,
            selected: 0,
            top: 0,
            progress: Progress::default(),
            problems: Vec::new(),
            mode: Mode::List,
            opened: None,
            clicked: None,
            now: crate::store::time::now(),
            undo: Vec::new(),
            scan_reason: ScanReason::Asked,
            tags: HashMap::new(),
            since: None,
            arrived: std::collections::HashSet::new(),
            show: Show::All,
        }
    }

    pub fn marks_of(&self, entry: &Entry) -> Option<Marks> {
        self.marks.get(entry.fingerprint()?).copied()
    }

    /// The read state shown for an entry: new until the store says otherwise.
    pub fn state_of(&self, entry: &Entry) -> ReadState {
        self.marks_of(entry).map_or(ReadState::New, |m| m.state)
    }

    /// What the status bar names: the selected search hit's file, or the selected row's, or
    /// the last problem met.
    pub fn status_text(&self) -> String {
        if let Mode::Results(results) = &self.mode {
            if let Some(hit) = results.selected_hit() {
                return results.path_of(hit).to_owned();
            }
        }
        match self.selected_entry() {
            Some(e) => self.entries[e].file.rel.clone(),
            None => self.problems.last().cloned().unwrap_or_default(),
        }
    }

    pub fn selected_entry(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// Selects entry `entry`'s row when it shows.
    pub fn select_entry(&mut self, entry: Option<usize>, height: usize) {
        if let Some(row) = entry.and_then(|e| self.visible.iter().position(|&v| v == e)) {
            self.selected = row;
            self.keep_visible(height);
        }
    }

    /// Where the divider `new since …` goes: before this row (an index into `visible`), the
    /// first of the articles that arrived since the library was last opened.
    pub fn divider(&self) -> Option<usize> {
        if self.since.is_none() || self.show == Show::New || !matches!(self.mode, Mode::List) {
            return None;
        }
        self.first_arrived
    }

    /// How many list rows fit in `height` screen rows from `top`: one fewer where the
    /// divider shows among them.
    pub fn rows_from(&self, top: usize, height: usize) -> usize {
        match self.divider() {
            Some(d) if d >= top && d < top + height => height.saturating_sub(1),
            _ => height,
        }
    }

    /// Scrolls so the selected row shows in `height` rows.
    pub fn keep_visible(&mut self, height: usize) {
        if self.selected < self.top {
            self.top = self.selected;
        } else if height > 0 && self.selected >= self.top + height {
            self.top = self.selected + 1 - height;
        }
        // the divider takes a row: the selected one may need the view one further
        while height > 1 && self.selected >= self.top + self.rows_from(self.top, height) {
            self.top += 1;
        }
        let extra = usize::from(self.divider().is_some());
        self.top = self
            .top
            .min((self.visible.len() + extra).saturating_sub(height.max(1)))
            .min(self.selected);
        let rows: Vec<usize> = self
            .visible
            .iter()
            .skip(self.top)
            .take(height)
            .copied()
            .collect();
        self.filter.highlight(&self.entries, &rows);
    }

    /// The row (an index into `visible`, or a search hit) drawn at screen row `row`.
    pub fn row_at(&self, row: u16) -> Option<usize> {
        let y = usize::from(row.checked_sub(actions::HEAD_ROWS)?);
        match &self.mode {
            Mode::List => {
                // the divider's row stands for no article
                let at = match self.divider() {
                    Some(d) if d >= self.top && y == d - self.top => return None,
                    Some(d) if d >= self.top && y > d - self.top => self.top + y - 1,
                    _ => self.top + y,
                };
                Some(at).filter(|&i| i < self.visible.len())
            }
            // a hit is its part and its snippet; an article's title row stands for its first hit
            Mode::Results(results) => match results.rows().get(results.top + y)? {
                ResultRow::Article { first, .. } => Some(*first),
                ResultRow::Part(i) | ResultRow::Snippet(i) => Some(*i),
            },
            Mode::Searching(_) => None,
        }
    }

    /// A click on a row given by `row_at` selects it; true when it is the second click on
    /// the selected row, which opens it.
    pub fn select(&mut self, index: usize) -> bool {
        let selected = match &mut self.mode {
            Mode::Results(results) => &mut results.selected,
            _ => &mut self.selected,
        };
        let again = std::mem::replace(selected, index) == index && self.clicked == Some(index);
        self.clicked = Some(index);
        again
    }

    /// The next entry after `from` (in the order shown, round) that is an article not yet read.
    pub fn next_unread(&self, from: Option<usize>) -> Option<usize> {
        let start = from
            .and_then(|e| self.visible.iter().position(|&v| v == e))
            .map_or(0, |p| p + 1);
        let count = self.visible.len();
        (0..count)
            .map(|k| self.visible[(start + k) % count])
            .filter(|&e| Some(e) != from)
            .find(|&e| {
                let entry = &self.entries[e];
                matches!(entry.info, Some(Info::Article(_)))
                    && self.state_of(entry) != ReadState::Read
            })
    }
}

fn words(entry: &Entry) -> usize {
    match &entry.info {
        Some(Info::Article(summary)) => summary.words,
        _ => 0,
    }
}
