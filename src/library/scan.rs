//! The background scan behind the library screen and `lede search`: list the files, summarise
//! them (cached ones first, the rest in parallel), cache what was read, bring the index up to
//! date, reporting each step as a [`ScanEvent`].

use super::summary::summarize;
use super::walk::walk_reporting;
use super::{FoundFile, Info, ScanEvent};
use crate::article::Article;
use crate::store::{Access, Store};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::thread::JoinHandle;

/// Files summarised per [`ScanEvent::Summaries`] batch, so the list fills in as it goes.
const BATCH: usize = 64;
/// Articles indexed per transaction (and per [`ScanEvent::Indexed`]).
const INDEX_BATCH: usize = 128;

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
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let events: Arc<dyn Fn(ScanEvent) + Send + Sync> = Arc::new(events);
        let thread_events = Arc::clone(&events);
        let thread = std::thread::Builder::new()
            .name("lede-scan".to_owned())
            .spawn(move || {
                let job = Job {
                    max_size,
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
    cancel: &'a AtomicBool,
    events: &'a (dyn Fn(ScanEvent) + Send + Sync),
}

impl Job<'_> {
    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    fn run(&self, target: Target, store_dir: Option<PathBuf>) {
        // the store opens and its cache is read while the folders are walked
        let big = matches!(target, Target::Roots(_));
        let opening = std::thread::spawn(move || {
            let store = store_dir.and_then(|dir| Store::open_in(&dir).store);
            let snapshot = store
                .as_ref()
                .filter(|_| big)
                .and_then(|s| s.cache_snapshot().ok());
            (store, snapshot)
        });
        let (files, problems) = match target {
            Target::Roots(roots) => {
                walk_reporting(&roots, &|n| (self.events)(ScanEvent::Walking(n)))
            }
            Target::Files(files) => (files, Vec::new()),
        };
        (self.events)(ScanEvent::Listed(files.clone()));
        for problem in problems {
            (self.events)(ScanEvent::Problem(problem));
        }
        if self.cancelled() {
            return;
        }
        let (mut store, snapshot) = opening.join().unwrap_or((None, None));
        let mut infos = match snapshot {
            Some(snapshot) => snapshot.lookup(&files),
            None => store
                .as_ref()
                .and_then(|store| store.cached(&files).ok())
                .unwrap_or_else(|| vec![None; files.len()]),
        };
        let known: Vec<(usize, Info)> = infos
            .iter()
            .enumerate()
            .filter_map(|(i, info)| Some((i, info.clone()?)))
            .collect();
        if !known.is_empty() {
            (self.events)(ScanEvent::Summaries(known));
        }
        let missing: Vec<usize> = (0..files.len()).filter(|&i| infos[i].is_none()).collect();
        let mut articles: Vec<Option<Article>> = vec![None; files.len()];
        self.summarize_all(&files, &missing, |batch| {
            let mut summaries = Vec::with_capacity(batch.len());
            for (i, (info, article)) in batch {
                summaries.push((i, info.clone()));
                infos[i] = Some(info);
                articles[i] = article;
            }
            (self.events)(ScanEvent::Summaries(summaries));
        });
        if self.cancelled() {
            return;
        }
        if let Some(store) = store.as_mut().filter(|s| *s.access() == Access::ReadWrite) {
            let fresh: Vec<(FoundFile, Info)> = missing
                .iter()
                .filter_map(|&i| Some((files[i].clone(), infos[i].clone()?)))
                .collect();
            if let Err(e) = store.remember(&fresh) {
                (self.events)(ScanEvent::Problem(format!(
                    "the library cache could not be saved: {e}"
                )));
            }
            self.index(store, &files, &infos, articles);
            if self.cancelled() {
                return;
            }
        }
        (self.events)(ScanEvent::Finished);
    }

    /// Summarises `files[i]` for each `i` in `which` on every core, handing over batches.
    fn summarize_all(
        &self,
        files: &[FoundFile],
        which: &[usize],
        mut batch: impl FnMut(Vec<(usize, (Info, Option<Article>))>),
    ) {
        let workers = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(which.len().div_ceil(BATCH).max(1));
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let (send, receive) = mpsc::channel();
            for _ in 0..workers {
                let send = send.clone();
                let next = &next;
                scope.spawn(move || loop {
                    let start = next.fetch_add(1, Ordering::Relaxed) * BATCH;
                    if start >= which.len() || self.cancelled() {
                        return;
                    }
                    let done: Vec<_> = which[start..(start + BATCH).min(which.len())]
                        .iter()
                        .map(|&i| (i, summarize(&files[i], self.max_size)))
                        .collect();
                    if send.send(done).is_err() {
                        return;
                    }
                });
            }
            drop(send);
            for done in receive {
                batch(done);
            }
        });
    }

    /// Indexes every article the index lacks or holds at an older text, in batches; an article
    /// only known from the cache is read again.
    fn index(
        &self,
        store: &mut Store,
        files: &[FoundFile],
        infos: &[Option<Info>],
        mut articles: Vec<Option<Article>>,
    ) {
        let candidates: Vec<usize> = (0..files.len())
            .filter(|&i| matches!(infos[i], Some(Info::Article(_))))
            .collect();
        let listed: Vec<FoundFile> = candidates.iter().map(|&i| files[i].clone()).collect();
        let needs = match store.needs_index(&listed) {
            Ok(needs) => needs,
            Err(e) => {
                return (self.events)(ScanEvent::Problem(format!(
                    "the search index could not be read: {e}"
                )))
            }
        };
        let todo: Vec<usize> = candidates
            .into_iter()
            .zip(needs)
            .filter_map(|(i, needed)| needed.then_some(i))
            .collect();
        let total = todo.len();
        let mut done = 0;
        for chunk in todo.chunks(INDEX_BATCH) {
            if self.cancelled() {
                return;
            }
            let again: Vec<usize> = chunk
                .iter()
                .copied()
                .filter(|&i| articles[i].is_none())
                .collect();
            self.summarize_all(files, &again, |batch| {
                for (i, (_, article)) in batch {
                    articles[i] = article;
                }
            });
            let items: Vec<(FoundFile, Article)> = chunk
                .iter()
                .filter_map(|&i| Some((files[i].clone(), articles[i].take()?)))
                .collect();
            if let Err(e) = store.index(&items) {
                return (self.events)(ScanEvent::Problem(format!(
                    "the search index could not be saved: {e}"
                )));
            }
            done += chunk.len();
            (self.events)(ScanEvent::Indexed { done, total });
        }
    }
}
