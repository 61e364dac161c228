//! The store seen from the reader: a thread of its own owns `lede.db`, so a slow or locked
//! database never costs a frame. Requests go in over a channel; replies come back over
//! another, with a byte on a socket to wake the reader's loop.

use crate::article::layout::Anchor;
use crate::article::passage::Passage;
use crate::article::place::{Gone, Place};
use crate::article::{self, Source};
use crate::store::{ArticleRecord, Bookmark, BookmarkRow, Highlight, HighlightRow, Seen, Store};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Positions are written at most this often while reading; a `kill -9` loses at most this.
pub const POSITION_EVERY: Duration = Duration::from_secs(2);

/// Hits a full-text search lists at most.
const SEARCH_LIMIT: usize = 200;

/// What the reader asks of the store.
#[derive(Debug, Clone)]
pub enum Request {
    /// An article was opened: record it, and send back its position and bookmarks.
    Open(Seen),
    /// Where the reader is; written within [`POSITION_EVERY`].
    Position {
        seen: Seen,
        anchor: Anchor,
        percent: u8,
        reached_end: bool,
    },
    AddBookmark {
        seen: Seen,
        place: Place,
        note: String,
    },
    RemoveBookmarkAt {
        fingerprint: String,
        place: Place,
    },
    RemoveBookmark(i64),
    RestoreBookmark {
        fingerprint: String,
        bookmark: Bookmark,
    },
    SetNote {
        id: i64,
        note: String,
    },
    AddHighlight {
        seen: Seen,
        passage: Passage,
        note: String,
        colour: u8,
    },
    RemoveHighlight {
        fingerprint: String,
        id: i64,
    },
    RestoreHighlight {
        fingerprint: String,
        highlight: Highlight,
    },
    SetHighlightNote {
        id: i64,
        note: String,
    },
    SetRead {
        seen: Seen,
        read: bool,
    },
    SetReadMany {
        seen: Vec<Seen>,
        read: bool,
    },
    /// Read states and bookmark counts for the library (after writing what waits), and
    /// every article's tags.
    Marks,
    /// The library with this key is opened now: when was it before?
    VisitLibrary(String),
    /// The saved searches.
    SavedSearches,
    /// Keep a filter under a name.
    SaveSearch {
        name: String,
        query: String,
    },
    /// The library files first seen after this time (Unix seconds).
    Arrivals(i64),
    /// Give an article exactly these tags.
    SetTags {
        seen: Seen,
        tags: Vec<String>,
    },
    /// The searches typed before, newest first.
    SearchHistory,
    /// The sort order kept for the library with this key.
    LibrarySort(String),
    /// Keep this sort order (by name) for the library with this key.
    SetLibrarySort {
        library: String,
        sort: String,
    },
    AddSearch(String),
    /// The commands typed after `:` before, newest first.
    CommandHistory,
    AddCommand(String),
    /// A full-text search over the library's files.
    Search {
        query: String,
        keys: Vec<String>,
    },
    /// Every bookmark, for the bookmarks list.
    ListAll,
    /// Load the article at `hint` (a path, or `bundled:NAME`), then go on as `then` says.
    Load {
        hint: String,
        then: AfterLoad,
        /// The text's width: a big article is laid out here, not in a frame.
        width: usize,
    },
    /// Write whatever waits, then say so.
    Flush(Sender<()>),
    /// Sync with other machines through this folder: now, every 30 s, and at each flush.
    Sync(std::path::PathBuf),
}

/// Where an article loaded from the library or a bookmark opens.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterLoad {
    /// At the saved position, if any.
    Resume,
    /// At a bookmark's place.
    Place(Place),
    /// Read again (after the editor, or `R` on a file changed on disk): in place of the
    /// reading of the same file, at the place the reader was.
    Reread(Option<Place>),
    /// At a search hit's part, with the query's matches highlighted.
    Hit {
        part: crate::library::HitPart,
        query: String,
    },
}

/// Whether a listed bookmark or highlight can be opened, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Whereabouts {
    /// Its article loads and the place is in it.
    Found(Anchor),
    /// Its article loads but the place is gone.
    Gone(Gone),
    /// Its article loads but a highlight's words are not in it any more.
    Changed,
    /// The file is not where it was last seen (or is another article now).
    Missing,
    /// Not looked for: the article has no path the store knows.
    Unknown,
}

/// A bookmark or a highlight: what the marks list holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    Bookmark(Bookmark),
    Highlight(Highlight),
}

/// Which mark, by its table and id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkId {
    Bookmark(i64),
    Highlight(i64),
}

impl Mark {
    pub fn id(&self) -> MarkId {
        match self {
            Mark::Bookmark(b) => MarkId::Bookmark(b.id),
            Mark::Highlight(h) => MarkId::Highlight(h.id),
        }
    }

    /// Where it is: a bookmark's place, the place of a highlight's first word.
    pub fn place(&self) -> &Place {
        match self {
            Mark::Bookmark(b) => &b.place,
            Mark::Highlight(h) => &h.passage.place,
        }
    }

    pub fn note(&self) -> &str {
        match self {
            Mark::Bookmark(b) => &b.note,
            Mark::Highlight(h) => &h.note,
        }
    }

    pub fn set_note(&mut self, note: String) {
        match self {
            Mark::Bookmark(b) => b.note = note,
            Mark::Highlight(h) => h.note = note,
        }
    }

    pub fn created(&self) -> i64 {
        match self {
            Mark::Bookmark(b) => b.created,
            Mark::Highlight(h) => h.created,
        }
    }

    /// The words the list quotes: a bookmark's first ones, a highlight's all.
    pub fn quote(&self) -> String {
        match self {
            Mark::Bookmark(b) => format!("{}…", b.place.quote),
            Mark::Highlight(h) => h.passage.words.replace('\n', " "),
        }
    }

    pub fn is_highlight(&self) -> bool {
        matches!(self, Mark::Highlight(_))
    }
}

/// A bookmark or highlight for the list, with its article and where it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub article: ArticleRecord,
    pub mark: Mark,
    pub whereabouts: Whereabouts,
}

/// What the store sends back.
#[derive(Debug)]
pub enum Reply {
    Opened {
        fingerprint: String,
        record: Option<ArticleRecord>,
        bookmarks: Vec<Bookmark>,
        highlights: Vec<Highlight>,
    },
    /// An article's highlights after a change.
    Highlights {
        fingerprint: String,
        highlights: Vec<Highlight>,
    },
    /// An article's bookmarks after a change.
    Bookmarks {
        fingerprint: String,
        bookmarks: Vec<Bookmark>,
    },
    All(Vec<Listed>),
    Loaded {
        reading: Box<super::article::reading::Reading>,
        then: AfterLoad,
    },
    Marks(HashMap<String, crate::store::Marks>),
    /// Every article's tags, by fingerprint.
    Tags(HashMap<String, Vec<String>>),
    /// The saved searches, (name, query), by name.
    SavedSearches(Vec<(String, String)>),
    /// When the library was opened before this time, if it was.
    Visited {
        library: String,
        previous: Option<i64>,
    },
    /// The library files (by key) that arrived since the library was last opened.
    Arrivals(std::collections::HashSet<String>),
    SearchHistory(Vec<String>),
    CommandHistory(Vec<String>),
    /// The sort order kept for a library, if one was.
    LibrarySort {
        library: String,
        sort: Option<String>,
    },
    Hits {
        query: String,
        hits: Vec<crate::library::Hit>,
        /// Hits in all, of which `hits` are the best.
        total: usize,
    },
    /// What the library's scan reports (sent from its own threads).
    Scan(crate::library::ScanEvent),
    /// A big article read whole in the background, laid out, to replace its beginning.
    Whole {
        reading: Box<super::article::reading::Reading>,
        /// Its warnings, as lines to say when the reader quits.
        warnings: Vec<String>,
    },
    /// A big article's text wrapped whole for a new width, in the background.
    Layout {
        fingerprint: String,
        layout: Box<crate::article::layout::Layout>,
    },
    /// Something to tell the person: the store was moved aside, is read-only, a write failed.
    Notice(String),
    /// What a sync merged from other machines (`2 bookmarks and a position from laptop`).
    Synced(String),
    /// What the watch of the library's folders and the open files saw.
    Watched(crate::library::watch::WatchEvent),
    /// The library filter's rows for a job, worked out by its worker.
    Filtered {
        generation: u64,
        rows: Vec<usize>,
    },
    /// A command piped to has ended (run in a thread of its own).
    Piped {
        command: String,
        /// Its exit code; `None` when it could not run or was killed.
        code: Option<i32>,
        stdout: String,
        stderr: String,
    },
}

/// The reader's handle on the store thread.
pub struct Memory {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
    wake: UnixStream,
    /// For other threads (a scan, a load, a re-wrap): the same queue the store answers on.
    to_loop: Answer,
    thread: Option<JoinHandle<()>>,
}

/// The way back to the loop: a reply queued, then the loop woken to take it.
struct Answer {
    outbox: Sender<Reply>,
    waker: UnixStream,
}

impl Answer {
    fn send(&self, reply: Reply) {
        // a loop that has gone needs no answer
        if self.outbox.send(reply).is_ok() {
            let _ = (&self.waker).write(&[1]);
        }
    }

    fn try_clone(&self) -> std::io::Result<Answer> {
        Ok(Answer {
            outbox: self.outbox.clone(),
            waker: self.waker.try_clone()?,
        })
    }
}

impl Memory {
    /// Starts the store thread; `open` opens the store there, so even that never waits.
    pub fn start(
        open: impl FnOnce() -> crate::store::Opened + Send + 'static,
    ) -> std::io::Result<Memory> {
        let (requests, inbox) = mpsc::channel();
        let (outbox, replies) = mpsc::channel();
        let (wake, waker) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        waker.set_nonblocking(true)?;
        let answer = Answer { outbox, waker };
        let to_loop = answer.try_clone()?;
        let thread = std::thread::Builder::new()
            .name("lede-store".to_owned())
            .spawn(move || {
                let opened = open();
                let mut worker = Worker {
                    store: opened.store,
                    answer,
                    pending: HashMap::new(),
                    due: None,
                    sync: None,
                    opened: Vec::new(),
                    held: None,
                };
                for notice in opened.notices {
                    worker.reply(Reply::Notice(notice));
                }
                worker.run(inbox);
            })?;
        Ok(Memory {
            requests,
            replies,
            wake,
            to_loop,
            thread: Some(thread),
        })
    }

    pub fn send(&self, request: Request) {
        // a store thread that died has already said why; reading goes on without it
        let _ = self.requests.send(request);
    }

    /// The descriptor that becomes readable when replies wait.
    pub fn wake_fd(&self) -> RawFd {
        self.wake.as_raw_fd()
    }

    /// Every reply waiting, without blocking.
    pub fn replies(&self) -> Vec<Reply> {
        let mut drain = [0u8; 64];
        while matches!((&self.wake).read(&mut drain), Ok(n) if n > 0) {}
        self.replies.try_iter().collect()
    }

    /// Waits up to `limit` for the next reply (used once, before the first frame).
    pub fn wait_reply(&self, limit: Duration) -> Option<Reply> {
        self.replies.recv_timeout(limit).ok()
    }

    /// A function that hands a reply to the loop from any thread, waking it.
    pub fn replier(&self) -> std::io::Result<impl Fn(Reply) + Send + Sync + 'static> {
        let answer = self.to_loop.try_clone()?;
        Ok(move |reply| answer.send(reply))
    }

    /// A sender that can ask for a flush from another thread (the hang-up watcher).
    pub fn flusher(&self) -> Sender<Request> {
        self.requests.clone()
    }

    /// Writes what waits and stops the thread, waiting at most `limit`.
    pub fn finish(mut self, limit: Duration) {
        let (done, flushed) = mpsc::channel();
        self.send(Request::Flush(done));
        let _ = flushed.recv_timeout(limit);
        if let Some(thread) = self.thread.take() {
            drop(self.requests);
            if thread.is_finished() {
                let _ = thread.join();
            }
        }
    }
}

/// Asks the store thread behind `sender` to write what waits, waiting at most `limit`.
pub fn flush(sender: &Sender<Request>, limit: Duration) {
    let (done, flushed) = mpsc::channel();
    if sender.send(Request::Flush(done)).is_ok() {
        let _ = flushed.recv_timeout(limit);
    }
}

struct Worker {
    store: Option<Store>,
    answer: Answer,
    /// Positions not yet written, by fingerprint.
    pending: HashMap<String, Request>,
    due: Option<Instant>,
    /// Sync with other machines, when a folder is set.
    sync: Option<crate::sync::live::Live>,
    /// The articles opened, most recent last: a sync sends their new marks.
    opened: Vec<String>,
    /// What the sync at start brought, said once the first article or the library's marks
    /// are answered (or "Resumed at" would cover it at once).
    held: Option<String>,
}

/// Articles whose marks a sync sends again, at most.
const OPENED_KEPT: usize = 16;

impl Worker {
    fn run(&mut self, inbox: Receiver<Request>) {
        loop {
            let next = [self.due, self.sync.as_ref().map(|s| s.due())]
                .into_iter()
                .flatten()
                .min();
            let request = match next {
                Some(due) => {
                    match inbox.recv_timeout(due.saturating_duration_since(Instant::now())) {
                        Ok(request) => Some(request),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => break,
                    }
                }
                None => match inbox.recv() {
                    Ok(request) => Some(request),
                    Err(_) => break,
                },
            };
            if let Some(request) = request {
                let answered = matches!(request, Request::Open(_) | Request::Marks);
                self.handle(request);
                if answered {
                    if let Some(summary) = self.held.take() {
                        self.reply(Reply::Synced(summary));
                    }
                }
            }
            if self.due.is_some_and(|due| Instant::now() >= due) {
                self.write_positions();
            }
            if self
                .sync
                .as_ref()
                .is_some_and(|s| Instant::now() >= s.due())
            {
                self.sync_now();
            }
        }
        self.write_positions();
    }

    fn reply(&mut self, reply: Reply) {
        self.answer.send(reply);
    }

    /// Runs a store call, turning a failure into a notice.
    fn attempt<T>(
        &mut self,
        what: &str,
        f: impl FnOnce(&mut Store) -> crate::store::Result<T>,
    ) -> Option<T> {
        let store = self.store.as_mut()?;
        match f(store) {
            Ok(value) => Some(value),
            Err(e) => {
                self.reply(Reply::Notice(format!("{what} not saved: {e}")));
                None
            }
        }
    }

    fn handle(&mut self, request: Request) {
        match request {
            Request::Open(seen) => {
                let fingerprint = seen.identity.fingerprint.clone();
                self.opened.retain(|f| *f != fingerprint);
                self.opened.push(fingerprint.clone());
                if self.opened.len() > OPENED_KEPT {
                    self.opened.remove(0);
                }
                let record = self.attempt("article", |s| s.see(&seen)).flatten();
                let bookmarks = self
                    .attempt("bookmarks", |s| s.bookmarks_of(&fingerprint))
                    .unwrap_or_default();
                let highlights = self
                    .attempt("highlights", |s| s.highlights_of(&fingerprint))
                    .unwrap_or_default();
                self.reply(Reply::Opened {
                    fingerprint,
                    record,
                    bookmarks,
                    highlights,
                });
            }
            Request::Position { ref seen, .. } => {
                let fingerprint = seen.identity.fingerprint.clone();
                // a later position does not take back that the end was reached before it
                let reached = matches!(
                    self.pending.get(&fingerprint),
                    Some(Request::Position {
                        reached_end: true,
                        ..
                    })
                );
                let mut request = request;
                if let Request::Position { reached_end, .. } = &mut request {
                    *reached_end |= reached;
                }
                self.pending.insert(fingerprint, request);
                self.due
                    .get_or_insert_with(|| Instant::now() + POSITION_EVERY);
            }
            Request::AddBookmark { seen, place, note } => {
                self.attempt("bookmark", |s| s.add_bookmark(&seen, &place, &note));
                self.send_bookmarks(&seen.identity.fingerprint);
            }
            Request::RemoveBookmarkAt { fingerprint, place } => {
                self.attempt("bookmark removal", |s| {
                    s.remove_bookmark_at(&fingerprint, &place)
                });
                self.send_bookmarks(&fingerprint);
            }
            Request::RemoveBookmark(id) => {
                self.attempt("bookmark removal", |s| s.remove_bookmark(id));
            }
            Request::RestoreBookmark {
                fingerprint,
                bookmark,
            } => {
                self.attempt("bookmark", |s| s.restore_bookmark(&fingerprint, &bookmark));
                self.send_bookmarks(&fingerprint);
            }
            Request::SetNote { id, note } => {
                self.attempt("note", |s| s.set_note(id, &note));
            }
            Request::AddHighlight {
                seen,
                passage,
                note,
                colour,
            } => {
                self.attempt("highlight", |s| {
                    s.add_highlight(&seen, &passage, &note, colour)
                });
                self.send_highlights(&seen.identity.fingerprint);
            }
            Request::RemoveHighlight { fingerprint, id } => {
                self.attempt("highlight removal", |s| s.remove_highlight(id));
                self.send_highlights(&fingerprint);
            }
            Request::RestoreHighlight {
                fingerprint,
                highlight,
            } => {
                self.attempt("highlight", |s| {
                    s.restore_highlight(&fingerprint, &highlight)
                });
                self.send_highlights(&fingerprint);
            }
            Request::SetHighlightNote { id, note } => {
                self.attempt("note", |s| s.set_highlight_note(id, &note));
            }
            // a position still waiting (one that reached the end) is older than the mark
            Request::SetRead { seen, read } => {
                self.write_positions();
                self.attempt("read state", |s| s.set_read(&seen, read));
            }
            Request::SetReadMany { seen, read } => {
                self.write_positions();
                self.attempt("read state", |s| s.set_read_many(&seen, read));
            }
            Request::Marks => {
                self.write_positions();
                if let Some(marks) = self.attempt("read states", |s| s.marks()) {
                    self.reply(Reply::Marks(marks));
                }
                if let Some(tags) = self.attempt("tags", |s| s.all_tags()) {
                    self.reply(Reply::Tags(tags));
                }
            }
            Request::VisitLibrary(library) => {
                let previous = self
                    .attempt("library visit", |s| s.visit_library(&library))
                    .flatten();
                self.reply(Reply::Visited { library, previous });
            }
            Request::SavedSearches => {
                let saved = self
                    .attempt("saved searches", |s| s.saved_searches())
                    .unwrap_or_default();
                self.reply(Reply::SavedSearches(saved));
            }
            Request::SaveSearch { name, query } => {
                self.attempt("saved search", |s| s.save_search(&name, &query));
                let saved = self
                    .attempt("saved searches", |s| s.saved_searches())
                    .unwrap_or_default();
                self.reply(Reply::SavedSearches(saved));
            }
            Request::Arrivals(since) => {
                if let Some(keys) = self.attempt("new files", |s| s.arrived_since(since)) {
                    self.reply(Reply::Arrivals(keys));
                }
            }
            Request::SetTags { seen, tags } => {
                self.attempt("tags", |s| s.set_tags(&seen, &tags));
                if let Some(tags) = self.attempt("tags", |s| s.all_tags()) {
                    self.reply(Reply::Tags(tags));
                }
            }
            Request::SearchHistory => {
                let history = self
                    .attempt("search history", |s| s.searches())
                    .unwrap_or_default();
                self.reply(Reply::SearchHistory(history));
            }
            Request::LibrarySort(library) => {
                let sort = self
                    .attempt("sort order", |s| s.library_sort(&library))
                    .flatten();
                self.reply(Reply::LibrarySort { library, sort });
            }
            Request::SetLibrarySort { library, sort } => {
                self.attempt("sort order", |s| s.set_library_sort(&library, &sort));
            }
            Request::CommandHistory => {
                let history = self
                    .attempt("command history", |s| s.commands())
                    .unwrap_or_default();
                self.reply(Reply::CommandHistory(history));
            }
            Request::AddCommand(command) => {
                self.attempt("command history", |s| s.add_command(&command));
            }
            Request::AddSearch(query) => {
                self.attempt("search history", |s| s.add_search(&query));
            }
            Request::Search { query, keys } => {
                let hits = self
                    .attempt("search", |s| s.search(&query, Some(&keys), SEARCH_LIMIT))
                    .unwrap_or_default();
                // only a capped list needs the count of all the articles found
                let total = match hits.len() {
                    n if n < SEARCH_LIMIT => 0,
                    _ => self
                        .attempt("search", |s| s.search_count(&query, Some(&keys)))
                        .unwrap_or(0),
                };
                self.reply(Reply::Hits { query, hits, total });
            }
            Request::ListAll => {
                let bookmarks = self
                    .attempt("bookmarks", |s| s.all_bookmarks())
                    .unwrap_or_default();
                let highlights = self
                    .attempt("highlights", |s| s.all_highlights())
                    .unwrap_or_default();
                let rows = marks_of(bookmarks, highlights);
                // other files known to hold each article, for one no longer where it was seen
                let mut copies: HashMap<String, Vec<String>> = HashMap::new();
                for row in &rows {
                    let fingerprint = &row.0.fingerprint;
                    if !copies.contains_key(fingerprint) {
                        let paths = self
                            .store
                            .as_ref()
                            .and_then(|s| s.paths_of(fingerprint).ok())
                            .unwrap_or_default();
                        copies.insert(fingerprint.clone(), paths);
                    }
                }
                let listed = locate(rows, &copies);
                self.reply(Reply::All(listed));
            }
            Request::Load { hint, then, width } => {
                let opened = article::open_limited(&source_of(&hint), article::DEFAULT_MAX_SIZE);
                // what the parse of a big article freed goes back to the system
                crate::heap::give_back();
                match opened {
                    Ok(opened) => {
                        let mut reading = super::article::reading::Reading::new(opened);
                        reading.relayout_now(width);
                        self.reply(Reply::Loaded {
                            reading: Box::new(reading),
                            then,
                        });
                    }
                    Err(e) => self.reply(Reply::Notice(e.to_string())),
                }
            }
            Request::Flush(done) => {
                self.write_positions();
                if self.sync.is_some() {
                    self.sync_now();
                }
                let _ = done.send(());
            }
            Request::Sync(folder) => {
                self.sync = Some(crate::sync::live::Live::new(folder));
            }
        }
    }

    /// Syncs with the other machines; says what came, and sends the marks that changed.
    fn sync_now(&mut self) {
        let (Some(live), Some(store)) = (self.sync.as_mut(), self.store.as_mut()) else {
            return;
        };
        let synced = live.run(store);
        for notice in &synced.notices {
            self.reply(Reply::Notice(notice.clone()));
        }
        if synced.summary.is_none() {
            return;
        }
        let open: Vec<String> = self
            .opened
            .iter()
            .filter(|f| synced.fingerprints.contains(*f))
            .cloned()
            .collect();
        for fingerprint in open {
            self.send_bookmarks(&fingerprint);
            self.send_highlights(&fingerprint);
        }
        if let Some(marks) = self.attempt("read states", |s| s.marks()) {
            self.reply(Reply::Marks(marks));
        }
        if let Some(tags) = self.attempt("tags", |s| s.all_tags()) {
            self.reply(Reply::Tags(tags));
        }
        if let Some(saved) = self.attempt("saved searches", |s| s.saved_searches()) {
            self.reply(Reply::SavedSearches(saved));
        }
        match synced.summary {
            Some(summary) if synced.first => self.held = Some(summary),
            Some(summary) => self.reply(Reply::Synced(summary)),
            None => {}
        }
    }

    fn send_bookmarks(&mut self, fingerprint: &str) {
        if let Some(bookmarks) = self.attempt("bookmarks", |s| s.bookmarks_of(fingerprint)) {
            self.reply(Reply::Bookmarks {
                fingerprint: fingerprint.to_owned(),
                bookmarks,
            });
        }
    }

    fn send_highlights(&mut self, fingerprint: &str) {
        if let Some(highlights) = self.attempt("highlights", |s| s.highlights_of(fingerprint)) {
            self.reply(Reply::Highlights {
                fingerprint: fingerprint.to_owned(),
                highlights,
            });
        }
    }

    fn write_positions(&mut self) {
        self.due = None;
        let pending: Vec<Request> = self.pending.drain().map(|(_, r)| r).collect();
        for request in pending {
            if let Request::Position {
                seen,
                anchor,
                percent,
                reached_end,
            } = request
            {
                self.attempt("reading position", |s| {
                    s.save_position(&seen, anchor, percent, reached_end)
                });
            }
        }
    }
}

/// A path as the store keeps it: the file's absolute path, or `bundled:NAME` for a sample.
pub fn path_hint(source: &Source) -> Option<String> {
    match source {
        Source::File(path) => Some(
            std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .to_string_lossy()
                .into_owned(),
        ),
        Source::Bundled(name) => Some(format!("bundled:{name}")),
        Source::Stdin => None,
    }
}

/// The source a stored path hint names.
pub fn source_of(hint: &str) -> Source {
    match hint.strip_prefix("bundled:") {
        Some(name) => Source::Bundled(name.to_owned()),
        None => Source::File(Path::new(hint).to_path_buf()),
    }
}

/// Bookmarks and highlights in one list, newest first.
fn marks_of(
    bookmarks: Vec<BookmarkRow>,
    highlights: Vec<HighlightRow>,
) -> Vec<(ArticleRecord, Mark)> {
    let mut rows: Vec<(ArticleRecord, Mark)> = bookmarks
        .into_iter()
        .map(|r| (r.article, Mark::Bookmark(r.bookmark)))
        .chain(
            highlights
                .into_iter()
                .map(|r| (r.article, Mark::Highlight(r.highlight))),
        )
        .collect();
    rows.sort_by_key(|(_, mark)| std::cmp::Reverse(mark.created()));
    rows
}

/// Looks for each mark's article where it was last seen, else in the newest of the other
/// files known to hold it (`copies`, by fingerprint), and for the place in it.
fn locate(rows: Vec<(ArticleRecord, Mark)>, copies: &HashMap<String, Vec<String>>) -> Vec<Listed> {
    type Doc = std::rc::Rc<crate::article::document::Document>;
    let mut documents: HashMap<String, Option<Doc>> = HashMap::new();
    let mut load = |hint: &str, fingerprint: &str| {
        documents
            .entry(hint.to_owned())
            .or_insert_with(|| {
                let source = source_of(hint);
                let opened = article::open_limited(&source, article::DEFAULT_MAX_SIZE);
                let opened = opened.ok()?;
                // another article at the old path is not this one
                (opened.identity.fingerprint == fingerprint).then(|| Doc::new(opened.doc))
            })
            .clone()
    };
    rows.into_iter()
        .map(|(mut article, mark)| {
            let fingerprint = article.fingerprint.clone();
            let mut doc = article.path.as_deref().and_then(|h| load(h, &fingerprint));
            if doc.is_none() {
                let others = copies.get(&fingerprint).into_iter().flatten();
                for other in others.filter(|p| Some(p.as_str()) != article.path.as_deref()) {
                    if let Some(found) = load(other, &fingerprint) {
                        article.path = Some(other.clone());
                        doc = Some(found);
                        break;
                    }
                }
            }
            let whereabouts = match (&article.path, &doc, &mark) {
                (None, _, _) => Whereabouts::Unknown,
                (Some(_), None, _) => Whereabouts::Missing,
                (Some(_), Some(doc), Mark::Bookmark(b)) => match b.place.resolve(doc) {
                    Ok(anchor) => Whereabouts::Found(anchor),
                    Err(gone) => Whereabouts::Gone(gone),
                },
                (Some(_), Some(doc), Mark::Highlight(h)) => match h.passage.resolve(doc).range() {
                    Some(range) => Whereabouts::Found(range.start),
                    None => Whereabouts::Changed,
                },
            };
            Listed {
                article,
                mark,
                whereabouts,
            }
        })
        .collect()
}
