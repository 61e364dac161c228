//! Watching the library's folders: the system's file events (inotify on Linux, FSEvents or
//! kqueue elsewhere, through the `notify` crate), or its polling watcher when the system
//! cannot watch so many folders. Events are gathered until the folders have been quiet for a
//! moment, so a copy in progress is read once it is whole and a thousand files dropped at
//! once are one change. No terminal in here.

use notify::{Config, Event, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long the folders stay quiet before what changed is told.
pub const QUIET: Duration = Duration::from_millis(600);
/// The longest a burst of changes goes untold: files still arriving are told meanwhile.
pub const LONGEST: Duration = Duration::from_millis(1500);
/// How often the polling watcher looks.
pub const POLL_EVERY: Duration = Duration::from_secs(1);

/// What a watch tells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WatchEvent {
    /// Files (or folders) under the watched ones changed: created, written, removed, renamed.
    Changed(Vec<PathBuf>),
    /// The system could not watch every folder (its limit reached): the folders are polled.
    Polling(String),
    /// A folder cannot be watched at all.
    Failed(String),
}

/// How the folders are watched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The system's events, falling back to polling when they cannot be had.
    Events,
    /// Polling only (network mounts, or a test).
    Poll,
}

/// What is watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Watched {
    /// A library folder and every folder under it (or a file, by itself).
    Tree(PathBuf),
    /// The folder an open file is in, not the ones under it: an editor that saves by
    /// renaming a new file over the old one is seen too.
    Folder(PathBuf),
}

/// A running watch; dropping it stops it.
pub struct Watch {
    /// The watcher, once it is set up (a thread of its own does that: the system's watcher
    /// reads every folder entry of the tree first, a third of a second at 100,000 files).
    _watcher: Arc<Mutex<Option<Box<dyn Watcher + Send>>>>,
}

/// Whether an event is a change worth a rescan: content or names, not a read, of an
/// article file or a folder (not lede's own files, a partial download, an editor's swap file).
fn matters(event: &Event, ignored: &[PathBuf]) -> bool {
    let kind = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any
    );
    kind && event.paths.iter().any(|path| {
        let article = match path.extension().and_then(|e| e.to_str()) {
            Some(ext) => ext.eq_ignore_ascii_case("txt") || ext.eq_ignore_ascii_case("json"),
            // a folder made, moved or removed (its name has no ending, or the event says so)
            None => true,
        };
        article && !ignored.iter().any(|i| path.starts_with(i))
    })
}

impl Watch {
    /// Watches `roots` (folders recursively, files by themselves) and calls `tell` from a
    /// thread of its own with what changed, once the folders are quiet. Returns once the
    /// folders are watched.
    pub fn start(
        roots: &[Watched],
        mode: Mode,
        ignored: Vec<PathBuf>,
        tell: impl Fn(WatchEvent) + Send + 'static,
    ) -> Option<Watch> {
        let (ready, set_up) = mpsc::channel();
        let watch = Watch::spawn(roots, mode, ignored, tell, Some(ready))?;
        set_up.recv().ok()?;
        Some(watch)
    }

    /// As [`Watch::start`], returning at once: the folders are watched from a moment later
    /// (the reader's first frame does not wait for the system's watcher, which reads every
    /// entry of the tree first: a third of a second at 100,000 files). A change made in that
    /// moment is seen by the library's first scan, which walks the folders meanwhile, or by
    /// the next.
    pub fn start_soon(
        roots: &[Watched],
        mode: Mode,
        ignored: Vec<PathBuf>,
        tell: impl Fn(WatchEvent) + Send + 'static,
    ) -> Option<Watch> {
        Watch::spawn(roots, mode, ignored, tell, None)
    }

    /// The watch's thread: it sets the watcher up, says so on `ready`, then gathers what
    /// changes (nothing is said when no watcher could be set up).
    fn spawn(
        roots: &[Watched],
        mode: Mode,
        ignored: Vec<PathBuf>,
        tell: impl Fn(WatchEvent) + Send + 'static,
        ready: Option<mpsc::Sender<()>>,
    ) -> Option<Watch> {
        let (events, inbox) = mpsc::channel::<notify::Result<Event>>();
        let (said, said_inbox) = mpsc::channel::<WatchEvent>();
        let slot = Arc::new(Mutex::new(None));
        // dropped with the Watch: a watcher set up after that is dropped at once
        let kept = Arc::downgrade(&slot);
        let roots = roots.to_vec();
        std::thread::Builder::new()
            .name("lede-watch".to_owned())
            .spawn(move || {
                let watcher = watcher(&roots, mode, events, &said);
                match (watcher, kept.upgrade()) {
                    (Some(watcher), Some(slot)) => {
                        if let Ok(mut slot) = slot.lock() {
                            *slot = Some(watcher);
                        }
                    }
                    // nothing can be watched, or nobody wants it any more
                    _ => return,
                }
                drop(said);
                if let Some(ready) = ready {
                    let _ = ready.send(());
                }
                gather(inbox, said_inbox, &ignored, tell)
            })
            .ok()?;
        Some(Watch { _watcher: slot })
    }
}

/// The watcher over `roots`: the system's, unless it cannot watch them all.
fn watcher(
    roots: &[Watched],
    mode: Mode,
    events: mpsc::Sender<notify::Result<Event>>,
    said: &mpsc::Sender<WatchEvent>,
) -> Option<Box<dyn Watcher + Send>> {
    if mode == Mode::Events {
        let sender = events.clone();
        if let Ok(mut watcher) = RecommendedWatcher::new(
            move |e| {
                let _ = sender.send(e);
            },
            Config::default(),
        ) {
            match watch_all(&mut watcher, roots) {
                Ok(()) => return Some(Box::new(watcher)),
                Err(why) => {
                    let _ = said.send(WatchEvent::Polling(why));
                }
            }
        }
    }
    let sender = events;
    let mut poller = PollWatcher::new(
        move |e| {
            let _ = sender.send(e);
        },
        Config::default().with_poll_interval(POLL_EVERY),
    )
    .ok()?;
    if let Err(why) = watch_all(&mut poller, roots) {
        let _ = said.send(WatchEvent::Failed(why));
    }
    Some(Box::new(poller))
}

fn watch_all(watcher: &mut dyn Watcher, roots: &[Watched]) -> Result<(), String> {
    for watched in roots {
        let (root, mode) = match watched {
            Watched::Tree(root) if root.is_dir() => (root, RecursiveMode::Recursive),
            Watched::Tree(root) | Watched::Folder(root) => (root, RecursiveMode::NonRecursive),
        };
        watcher
            .watch(root, mode)
            .map_err(|e| format!("{}: {}", root.display(), reason(&e)))?;
    }
    Ok(())
}

/// Why a folder cannot be watched, in a person's words.
fn reason(e: &notify::Error) -> String {
    match &e.kind {
        notify::ErrorKind::MaxFilesWatch => {
            "the system's limit of watched folders is reached (fs.inotify.max_user_watches)"
                .to_owned()
        }
        notify::ErrorKind::PathNotFound => "no such folder".to_owned(),
        _ => e.to_string(),
    }
}

/// Gathers events until the folders are quiet for [`QUIET`] (or a burst has lasted
/// [`LONGEST`]), then tells the paths that changed, once.
fn gather(
    inbox: mpsc::Receiver<notify::Result<Event>>,
    said: mpsc::Receiver<WatchEvent>,
    ignored: &[PathBuf],
    tell: impl Fn(WatchEvent),
) {
    let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    loop {
        for event in said.try_iter() {
            tell(event);
        }
        let wait = match first {
            None => Duration::from_secs(3600),
            Some(start) => QUIET
                .saturating_sub(last.elapsed())
                .min(LONGEST.saturating_sub(start.elapsed())),
        };
        match inbox.recv_timeout(wait) {
            Ok(Ok(event)) if matters(&event, ignored) => {
                changed.extend(event.paths);
                first.get_or_insert_with(Instant::now);
                last = Instant::now();
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        let due = first.is_some_and(|start| last.elapsed() >= QUIET || start.elapsed() >= LONGEST);
        if due {
            first = None;
            tell(WatchEvent::Changed(
                std::mem::take(&mut changed).into_iter().collect(),
            ));
        }
    }
}

/// Whether `path` is `file` or inside it: a change to a folder holding an open article
/// (renamed, removed) concerns the article too.
pub fn touches(changed: &[PathBuf], file: &Path) -> bool {
    changed.iter().any(|c| c == file || file.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    fn watch(dir: &Path, mode: Mode) -> (Watch, Arc<Mutex<Vec<WatchEvent>>>) {
        let told = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&told);
        let ignored = vec![dir.join("data")];
        let watch = Watch::start(
            &[Watched::Tree(dir.to_path_buf())],
            mode,
            ignored,
            move |e| sink.lock().unwrap().push(e),
        )
        .expect("a watch");
        (watch, told)
    }

    fn wait_for(told: &Mutex<Vec<WatchEvent>>, what: impl Fn(&[WatchEvent]) -> bool) -> bool {
        let deadline = Instant::now() + Duration::from_secs(8);
        while Instant::now() < deadline {
            if what(&told.lock().unwrap()) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    fn changes(told: &[WatchEvent]) -> Vec<&Vec<PathBuf>> {
        told.iter()
            .filter_map(|e| match e {
                WatchEvent::Changed(paths) => Some(paths),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_burst_of_files_is_told_once_or_a_few_times_not_each() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let (_watch, told) = watch(dir.path(), Mode::Events);
        for i in 0..1000 {
            std::fs::write(dir.path().join("sub").join(format!("{i}.txt")), "x").unwrap();
        }
        assert!(wait_for(&told, |t| changes(t)
            .iter()
            .map(|c| c.len())
            .sum::<usize>()
            >= 1000));
        std::thread::sleep(QUIET * 2);
        let told = told.lock().unwrap();
        let times = changes(&told).len();
        assert!((1..=5).contains(&times), "told {times} times");
    }

    #[test]
    fn lede_s_own_files_and_other_endings_are_not_changes() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("data")).unwrap();
        let (_watch, told) = watch(dir.path(), Mode::Events);
        // the store writing inside the library, a partial download, an editor's swap file
        std::fs::write(dir.path().join("data").join("lede.db"), "x").unwrap();
        std::fs::write(dir.path().join("data").join("x.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt.part"), "x").unwrap();
        std::fs::write(dir.path().join(".a.txt.swp"), "x").unwrap();
        std::thread::sleep(QUIET * 3);
        assert!(changes(&told.lock().unwrap()).is_empty());
        // an article is
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(wait_for(&told, |t| changes(t)
            .iter()
            .any(|c| c.contains(&file))));
    }

    #[test]
    fn the_polling_watcher_sees_a_new_file_and_a_removed_one() {
        let dir = tempfile::tempdir().unwrap();
        let (_watch, told) = watch(dir.path(), Mode::Poll);
        let file = dir.path().join("new.txt");
        std::fs::write(&file, "x").unwrap();
        assert!(wait_for(&told, |t| changes(t)
            .iter()
            .any(|c| c.contains(&file))));
        told.lock().unwrap().clear();
        std::fs::remove_file(&file).unwrap();
        assert!(wait_for(&told, |t| changes(t)
            .iter()
            .any(|c| c.contains(&file))));
    }
}
