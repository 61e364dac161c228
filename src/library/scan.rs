//! The background scan behind the library screen and `lede search`: show what the cache
//! knows at once, list the files, then read what the cache lacks or the index is behind on,
//! in batches on every core, each batch's summaries and index rows kept in one transaction
//! and its texts freed before the next is read; reporting each step as a [`ScanEvent`].

use super::summary::summarize;
use super::walk::{walk_reporting, Walked};
use super::words::Words;
use super::{FoundFile, Info, ScanEvent};
use crate::store::indexing::{claim, Claim, WhenBusy};
use crate::store::library::{CacheSnapshot, Known};
use crate::store::{Access, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::thread::JoinHandle;

/// Files read per batch: one [`ScanEvent::Summaries`], one transaction, one
/// [`ScanEvent::Indexed`]. At most workers + [`WAITING`] + 1 batches of words are held at
/// once: one each worker is reading, those waiting, and the one being written.
const BATCH: usize = 128;

/// Batches read and waiting to be written; a worker with another waits too.
const WAITING: usize = 1;

/// How many files a batch holds: [`BATCH`], or `LEDE_SCAN_BATCH` (for tests that watch a
/// scan larger than a batch).
fn batch_size() -> usize {
    std::env::var("LEDE_SCAN_BATCH")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or(BATCH)
}

/// The texts a scan holds read and not yet written, at most: what a test of the bound counts.
static WORDS_ALIVE: AtomicUsize = AtomicUsize::new(0);
static WORDS_PEAK: AtomicUsize = AtomicUsize::new(0);

/// The most article texts any scan of this process has held at once (read, not yet in the
/// store), and the batch size they came in.
pub fn most_texts_held() -> (usize, usize) {
    (WORDS_PEAK.load(Ordering::Relaxed), batch_size())
}

/// An article's words for the index, counted while they are alive.
struct Held(Words);

impl Held {
    fn new(words: Words) -> Held {
        let now = WORDS_ALIVE.fetch_add(1, Ordering::Relaxed) + 1;
        WORDS_PEAK.fetch_max(now, Ordering::Relaxed);
        Held(words)
    }
}

impl std::borrow::Borrow<Words> for Held {
    fn borrow(&self) -> &Words {
        &self.0
    }
}

impl Drop for Held {
    fn drop(&mut self) {
        WORDS_ALIVE.fetch_sub(1, Ordering::Relaxed);
    }
}

/// What was read of one file: its index in the list, what it holds, and its words when the
/// index needs them.
type Read = (usize, Info, Option<Held>);

/// What to scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Library folders (or files), walked.
    Roots(Vec<PathBuf>),
    /// These files as they are: files named on the command line, or the bundled samples.
    Files(Vec<FoundFile>),
}

impl Target {
    /// What the store knows this library by (its sort order, say): the folders' absolute
    /// paths, or the files' keys, one a line, sorted.
    pub fn key(&self) -> String {
        let mut parts: Vec<String> = match self {
            Target::Roots(roots) => roots
                .iter()
                .map(|root| {
                    let absolute = std::fs::canonicalize(root).unwrap_or_else(|_| {
                        std::env::current_dir()
                            .map(|cwd| cwd.join(root))
                            .unwrap_or_else(|_| root.clone())
                    });
                    absolute.to_string_lossy().into_owned()
                })
                .collect(),
            Target::Files(files) => files.iter().map(FoundFile::key).collect(),
        };
        parts.sort();
        parts.dedup();
        parts.join("\n")
    }
}

/// A scan running on its own thread. Dropping it cancels it.
#[derive(Debug)]
pub struct Scan {
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Scan {
    /// Starts scanning `target`, with the cache and index of the store in `store_dir` (none:
    /// files are still listed and summarised). `events` is called from the scan's thread.
    pub fn start(
        target: Target,
        store_dir: Option<PathBuf>,
        max_size: u64,
        events: impl Fn(ScanEvent) + Send + Sync + 'static,
    ) -> Scan {
        Scan::start_with(target, store_dir, max_size, WhenBusy::IndexToo, events)
    }

    /// As [`Scan::start`]; `when_busy` says what to do when another lede is indexing into
    /// the same store: index too, or leave the index as it is and say
    /// [`ScanEvent::Busy`].
    pub fn start_with(
        target: Target,
        store_dir: Option<PathBuf>,
        max_size: u64,
        when_busy: WhenBusy,
        events: impl Fn(ScanEvent) + Send + Sync + 'static,
    ) -> Scan {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let events: Arc<dyn Fn(ScanEvent) + Send + Sync> = Arc::new(events);
        let thread_events = Arc::clone(&events);
        let thread = std::thread::Builder::new()
            .name("lede-scan".to_owned())
            .spawn(move || {
                let job = Job {
                    max_size,
                    when_busy,
                    cancel: &flag,
                    events: &*thread_events,
                };
                job.run(target, store_dir);
            });
        let thread = match thread {
            Ok(thread) => Some(thread),
            Err(e) => {
                events(ScanEvent::Problem(format!(
                    "the library scan could not start: {e}"
                )));
                events(ScanEvent::Finished);
                None
            }
        };
        Scan { cancel, thread }
    }

    /// Asks the scan to stop soon; it sends no more events once it notices.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Waits for the scan to end.
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            // a panic in the scan has been reported by the hook; the caller goes on without it
            let _ = thread.join();
        }
    }
}

impl Drop for Scan {
    fn drop(&mut self) {
        self.cancel();
    }
}

struct Job<'a> {
    max_size: u64,
    when_busy: WhenBusy,
    cancel: &'a AtomicBool,
    events: &'a (dyn Fn(ScanEvent) + Send + Sync),
}

/// Which preview the list has: the walk's or the cache's, which is better and is never
/// replaced by the walk's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Previewed {
    Nothing,
    Walk,
    Cache,
    /// The list itself has been sent: no preview after it.
    Listed,
}

impl Job<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn run(&self, target: Target, store_dir: Option<PathBuf>) {
        // the library screen's scan yields to its loop (lede search has no loop to wait)
        if self.when_busy == WhenBusy::IndexToo {
            crate::niceness::background();
        }
        let roots: Vec<PathBuf> = match &target {
            Target::Roots(roots) => super::absolute_roots(roots),
            Target::Files(_) => Vec::new(),
        };
        let previewed = Mutex::new(Previewed::Nothing);
        let preview = |rows: Vec<(FoundFile, Option<Info>)>, from: Previewed| {
            let mut shown = previewed.lock().unwrap_or_else(|e| e.into_inner());
            let better = match from {
                Previewed::Walk => *shown == Previewed::Nothing,
                _ => *shown != Previewed::Listed,
            };
            if !better || rows.is_empty() {
                return;
            }
            *shown = from;
            (self.events)(ScanEvent::Preview(rows));
        };
        let key = target.key();
        let lock_dir = store_dir.clone();
        let started = crate::store::time::now_nanos();
        let (walked, (mut store, snapshot)) = std::thread::scope(|scope| {
            // the store opens, shows its first page and reads its cache while the folders
            // are walked
            let opening = scope.spawn(|| {
                let store = store_dir.and_then(|dir| Store::open_in(&dir).store);
                let Some(store) = store else {
                    return (None, None);
                };
                // a failure only costs speed
                let _ = store.relax_durability();
                if roots.is_empty() {
                    return (Some(store), None);
                }
                let sort = store.library_sort(&key).ok().flatten();
                if let Ok(page) = store.first_page(&roots, sort.as_deref().unwrap_or("date")) {
                    preview(page, Previewed::Cache);
                }
                let snapshot = store.cache_snapshot().ok();
                if let Some(snapshot) = &snapshot {
                    preview(snapshot.under(&roots), Previewed::Cache);
                }
                (Some(store), snapshot)
            });
            let walked = match target {
                Target::Roots(roots) => walk_reporting(&roots, &|n, so_far| {
                    (self.events)(ScanEvent::Walking(n));
                    let shown = *previewed.lock().unwrap_or_else(|e| e.into_inner());
                    if shown == Previewed::Nothing {
                        let rows = so_far.iter().map(|f| (f.clone(), None)).collect();
                        preview(rows, Previewed::Walk);
                    }
                }),
                Target::Files(files) => Walked {
                    files,
                    ..Walked::default()
                },
            };
            let mut shown = previewed.lock().unwrap_or_else(|e| e.into_inner());
            *shown = Previewed::Listed;
            (self.events)(ScanEvent::Listed(walked.files.clone()));
            drop(shown);
            let opened = opening.join().unwrap_or((None, None));
            (walked, opened)
        });
        let Walked {
            files,
            problems,
            folders,
            whole,
        } = walked;
        for problem in problems {
            (self.events)(ScanEvent::Problem(problem));
        }
        if self.cancelled() {
            return;
        }
        let known = self.known(store.as_ref(), snapshot, &files);
        let cached: Vec<(usize, Info)> = known
            .iter()
            .enumerate()
            .filter_map(|(i, k)| Some((i, k.info.clone()?)))
            .collect();
        if !cached.is_empty() {
            (self.events)(ScanEvent::Summaries(cached));
        }
        let writable = store
            .as_ref()
            .is_some_and(|s| *s.access() == Access::ReadWrite);
        // what is to be read: files the cache lacks, and (with a store to keep it in) articles
        // the index lacks or holds at an older text
        let todo: Vec<(usize, bool)> = known
            .iter()
            .enumerate()
            .filter(|(_, k)| k.info.is_none() || (writable && !k.indexed))
            .map(|(i, k)| (i, writable && !k.indexed))
            .collect();
        let to_index = todo.iter().filter(|(_, index)| *index).count();
        let _claim = match lock_dir
            .filter(|_| to_index > 0)
            .map(|d| claim(&d, self.when_busy))
        {
            Some(Claim::Busy) => {
                let indexed = known.iter().filter(|k| k.indexed).count();
                (self.events)(ScanEvent::Busy {
                    indexed,
                    total: known.len(),
                });
                return (self.events)(ScanEvent::Finished);
            }
            claim => claim,
        };
        let mut indexed = 0;
        let mut failed = false;
        self.read_all(&files, &todo, |batch| {
            let summaries: Vec<(usize, Info)> = batch
                .iter()
                .filter(|(i, _, _)| known[*i].info.is_none())
                .map(|(i, info, _)| (*i, info.clone()))
                .collect();
            if !summaries.is_empty() {
                (self.events)(ScanEvent::Summaries(summaries));
            }
            let Some(store) = store.as_mut().filter(|_| writable && !failed) else {
                return;
            };
            let written = batch.iter().filter(|(i, _, _)| !known[*i].indexed).count();
            let rows: Vec<(FoundFile, Info, Option<Held>)> = batch
                .into_iter()
                .map(|(i, info, held)| (files[i].clone(), info, held))
                .collect();
            match store.absorb(&rows) {
                Ok(_) => {
                    indexed += written;
                    (self.events)(ScanEvent::Indexed {
                        done: indexed,
                        total: to_index,
                    });
                }
                Err(e) => {
                    failed = true;
                    (self.events)(ScanEvent::Problem(format!(
                        "the library cache and search index could not be saved: {e}"
                    )));
                }
            }
        });
        if self.cancelled() {
            return;
        }
        // a whole walk, all of it in the cache and the index: while its folders keep their
        // times, a search need not walk again
        if let Some(store) = store
            .as_mut()
            .filter(|_| writable && whole && !failed && !roots.is_empty())
        {
            if let Err(e) = store.keep_folders(&key, &folders, started) {
                (self.events)(ScanEvent::Problem(format!(
                    "the library's folders could not be kept: {e}"
                )));
            }
        }
        (self.events)(ScanEvent::Finished);
    }

    /// What the cache knows of each file: from the snapshot read during the walk, or looked
    /// up now (a list of files given as they are); nothing without a store.
    fn known(
        &self,
        store: Option<&Store>,
        snapshot: Option<CacheSnapshot>,
        files: &[FoundFile],
    ) -> Vec<Known> {
        let known = match snapshot {
            Some(snapshot) => Some(snapshot.lookup(files)),
            None => store.and_then(|s| s.known(files).ok()),
        };
        known.unwrap_or_else(|| {
            vec![
                Known {
                    info: None,
                    indexed: false,
                };
                files.len()
            ]
        })
    }

    /// Reads `files[i]` for each `(i, index)` in `which` on every core, in batches, each
    /// with the article's words when `index`; hands each batch over as it is read. Workers
    /// wait while [`WAITING`] batches are read and not yet handed over.
    fn read_all(
        &self,
        files: &[FoundFile],
        which: &[(usize, bool)],
        mut batch: impl FnMut(Vec<Read>),
    ) {
        let size = batch_size();
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(which.len().div_ceil(size).max(1));
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (send, receive) = mpsc::sync_channel(WAITING);
            for _ in 0..workers {
                let send = send.clone();
                let next = &next;
                scope.spawn(move || {
                    // beside the reader's loop, the readers yield to it
                    if self.when_busy == WhenBusy::IndexToo {
                        crate::niceness::background();
                    }
                    loop {
                        let start = next.fetch_add(1, Ordering::Relaxed) * size;
                        if start >= which.len() || self.cancelled() {
                            return;
                        }
                        let done: Vec<Read> = which[start..(start + size).min(which.len())]
                            .iter()
                            .map(|&(i, index)| {
                                let (info, article) = summarize(&files[i], self.max_size);
                                let words =
                                    article.filter(|_| index).map(|a| Held::new(Words::of(&a)));
                                (i, info, words)
                            })
                            .collect();
                        if send.send(done).is_err() {
                            return;
                        }
                    }
                });
            }
            drop(send);
            for done in receive {
                if self.cancelled() {
                    return;
                }
                batch(done);
            }
        });
    }
}
