//! `cargo bench --bench library`: the library at 10,000 generated articles: the walk, the
//! first start (summaries in parallel, cache, index), the second start (cache), a search.
//!
//! The same plain harness as `reader.rs`: each figure is the median of a few runs.

#[path = "../examples/gen_library.rs"]
mod gen_library;

use lede::article::DEFAULT_MAX_SIZE;
use lede::library::{walk, FoundFile, Scan, ScanEvent, Target};
use lede::store::Store;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const ARTICLES: usize = 10_000;

/// Runs `f` when its name matches a filter given on the command line (`cargo bench -- walk`).
fn time<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
        return;
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!("{name:<44} {:>12.3?}  (median of {runs})", median);
}

/// As [`time`], for figures measured inside `f`: the median of the durations it returns.
fn median(name: &str, runs: usize, mut f: impl FnMut() -> Duration) {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
        return;
    }
    let mut times: Vec<Duration> = (0..runs).map(|_| f()).collect();
    times.sort();
    println!("{name:<44} {:>12.3?}  (median of {runs})", times[runs / 2]);
}

/// Scans `target` as the library screen does; returns when the files were listed, when
/// every file had its summary, and when the scan finished.
fn scan(target: Target, store: Option<&Path>) -> (Duration, Duration, Duration) {
    let (send, receive) = mpsc::channel();
    let start = Instant::now();
    let scan = Scan::start(
        target,
        store.map(Path::to_path_buf),
        DEFAULT_MAX_SIZE,
        move |e| {
            let _ = send.send((start.elapsed(), e));
        },
    );
    let (mut listed, mut summarised, mut finished) = Default::default();
    let (mut files, mut seen) = (0, 0);
    for (at, event) in receive {
        match event {
            ScanEvent::Listed(found) => (listed, files) = (at, found.len()),
            ScanEvent::Summaries(batch) => {
                seen += batch.len();
                if seen == files {
                    summarised = at;
                }
            }
            ScanEvent::Finished => finished = at,
            _ => {}
        }
    }
    scan.wait();
    (listed, summarised, finished)
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let lib = dir.path().join("lib");
    let made = Instant::now();
    gen_library::generate(&lib, ARTICLES).expect("the library is written");
    println!(
        "library: {ARTICLES} articles, generated in {:.1?}",
        made.elapsed()
    );
    let roots: Vec<PathBuf> = vec![lib];

    time("walk 10,000 files", 5, || walk(&roots).0.len());
    let files: Vec<FoundFile> = walk(&roots).0;

    median("summarise all, in parallel, no store", 3, || {
        scan(Target::Files(files.clone()), None).1
    });

    let data = dir.path().join("data");
    let (listed, summarised, finished) = scan(Target::Roots(roots.clone()), Some(&data));
    println!("first start: listed {listed:.1?}, summarised {summarised:.1?}, cached and indexed {finished:.1?}");

    let store = Store::open_in(&data).store.expect("the store opens");
    time("cached lookup of all", 5, || {
        store.cached(&files).map(|c| c.len())
    });
    median("second start: listed", 5, || {
        scan(Target::Roots(roots.clone()), Some(&data)).0
    });
    median("second start: every summary", 5, || {
        scan(Target::Roots(roots.clone()), Some(&data)).1
    });
    median("second start: finished", 5, || {
        scan(Target::Roots(roots.clone()), Some(&data)).2
    });

    let keys: Vec<String> = files.iter().map(FoundFile::key).collect();
    time("search \"reef\" in all 10,000 (keys given)", 20, || {
        store.search("reef", Some(&keys), 50).map(|h| h.len())
    });
    time("search \"council budget\" (common words)", 20, || {
        store
            .search("council budget", Some(&keys), 50)
            .map(|h| h.len())
    });
    time("search \"reef\" (no keys)", 20, || {
        store.search("reef", None, 50).map(|h| h.len())
    });
}
