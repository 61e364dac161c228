//! `cargo bench --bench library`: the library at scale, 10,000 articles and, with
//! `LEDE_BENCH_100K=1`, 100,000: the walk; the scan as the library screen runs it at a first
//! start (a fresh store: first rows, the list, every summary, the index built) and at a second
//! (from the cache); a common and a rare word's search of the index; and `lede search` itself,
//! its time and peak memory from the kernel.
//!
//! The articles are `examples/gen_titled.rs`'s (byte for byte `gen_articles.py titled`: about
//! 13.6 KB each, "coral" in every one, "09999" in one title), written once into
//! `target/bench-library/titled-N` and kept for the next run. `LEDE_BENCH_LIBRARY=DIR[:DIR…]`
//! benches those folders instead (made already, of the same generator).
//!
//! The same plain harness as `reader.rs`: each figure is the median of a few runs.

#[path = "../examples/gen_titled.rs"]
mod gen_titled;

#[path = "common/timing.rs"]
mod timing;
use timing::{report, time, wanted};

use lede::article::DEFAULT_MAX_SIZE;
use lede::library::{walk, FoundFile, Scan, ScanEvent, Target};
use lede::store::Store;
use lede::warnings::grouped;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A word in every article, and one in a single article's title.
const COMMON: &str = "coral";
const RARE: &str = "09999";

/// When a scan's events came, from its start.
#[derive(Debug, Default, Clone, Copy)]
struct ScanTimes {
    /// The first rows to show: the walk's first files, or the cache's rows.
    preview: Duration,
    /// Every file found.
    listed: Duration,
    /// Every file with its summary.
    summarised: Duration,
    /// The end: at a first start, the index built.
    finished: Duration,
}

/// Scans `roots` into the store in `data` as the library screen does (events on a channel, as
/// the screen receives them).
fn scan(roots: &[PathBuf], data: &Path) -> ScanTimes {
    let (send, receive) = mpsc::channel();
    let start = Instant::now();
    let scan = Scan::start(
        Target::Roots(roots.to_vec()),
        Some(data.to_path_buf()),
        DEFAULT_MAX_SIZE,
        move |e| {
            let _ = send.send((start.elapsed(), e));
        },
    );
    let mut times = ScanTimes::default();
    let (mut previewed, mut files, mut seen) = (false, 0, 0);
    for (at, event) in receive {
        match event {
            ScanEvent::Preview(_) if !previewed => (times.preview, previewed) = (at, true),
            ScanEvent::Listed(found) => {
                (times.listed, files) = (at, found.len());
                // no preview before the list: the list is the first rows
                if !previewed {
                    (times.preview, previewed) = (at, true);
                }
            }
            ScanEvent::Summaries(batch) => {
                seen += batch.len();
                if seen == files {
                    times.summarised = at;
                }
            }
            ScanEvent::Finished => times.finished = at,
            _ => {}
        }
    }
    scan.wait();
    times
}

/// One figure of a scan's.
type Figure = fn(&ScanTimes) -> Duration;

/// Prints the medians of the scans' figures, each named `{label}: {what}`.
fn report_scans(label: &str, scans: &[ScanTimes]) {
    let figures: [(&str, Figure); 4] = [
        ("first rows (Preview)", |t| t.preview),
        ("names listed (Listed)", |t| t.listed),
        ("every summary", |t| t.summarised),
        ("finished", |t| t.finished),
    ];
    for (what, figure) in figures {
        report(
            &format!("{label}: {what}"),
            scans.iter().map(figure).collect(),
        );
    }
}

/// This process's peak resident set (VmHWM), in bytes.
fn peak_of_self() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Sets this process's peak resident set back to what it holds now (Linux 4.0 and later).
fn reset_peak_of_self() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Runs `lede search WORD DIR` with the store in `data`, its output dropped: its time, and its
/// peak resident set from the kernel, in bytes. The bench runs itself as a small go-between
/// ([`go_between`]) that starts lede and waits for it: a process started straight from here
/// would inherit this one's peak (Linux keeps the peak of the memory an `exec` replaces).
fn lede_search(word: &str, lib: &Path, data: &Path) -> (Duration, u64) {
    let out = Command::new(std::env::current_exe().expect("the bench's own path"))
        .args([GO_BETWEEN, env!("CARGO_BIN_EXE_lede"), "search", word])
        .arg(lib)
        .env("LEDE_DATA_DIR", data)
        .env("LEDE_CONFIG", data.join("none.toml"))
        .stderr(Stdio::inherit())
        .output()
        .expect("the go-between runs");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut figures = text.split_whitespace().map(|f| f.parse::<u64>().ok());
    match (out.status.success(), figures.next(), figures.next()) {
        (true, Some(Some(nanos)), Some(Some(peak))) => (Duration::from_nanos(nanos), peak),
        _ => panic!("lede search {word} failed: {text}"),
    }
}

/// The go-between's first argument, before the command it runs.
const GO_BETWEEN: &str = "--go-between";

/// Runs `command` (output dropped), waits for it and prints its time in nanoseconds and its own
/// peak resident set in bytes; fails as it fails.
fn go_between(command: &[String]) -> ! {
    let start = Instant::now();
    let child = Command::new(&command[0])
        .args(&command[1..])
        .stdout(Stdio::null())
        .spawn()
        .expect("the command runs");
    let pid = libc::pid_t::try_from(child.id()).expect("a pid");
    let mut status = 0;
    // SAFETY: wait4 only writes the status and the struct it is given
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    if waited != pid || !libc::WIFEXITED(status) || libc::WEXITSTATUS(status) != 0 {
        std::process::exit(1);
    }
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    println!("{} {peak}", elapsed.as_nanos());
    std::process::exit(0);
}

/// The size of `lede.db` and its journal files in `data`.
fn store_size(data: &Path) -> u64 {
    std::fs::read_dir(data)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("lede.db"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// The library folders to bench: those of `LEDE_BENCH_LIBRARY`, else the generated ones.
fn libraries() -> Vec<PathBuf> {
    if let Some(dirs) = std::env::var_os("LEDE_BENCH_LIBRARY").filter(|d| !d.is_empty()) {
        return std::env::split_paths(&dirs).collect();
    }
    let mut sizes = vec![10_000];
    if std::env::var_os("LEDE_BENCH_100K").is_some_and(|v| !v.is_empty() && v != "0") {
        sizes.push(100_000);
    }
    sizes.into_iter().map(generated).collect()
}

/// `target/bench-library/titled-N`, written once: a marker beside it says it is whole.
fn generated(n: usize) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    let base = target.join("bench-library");
    let dir = base.join(format!("titled-{n}"));
    let whole = base.join(format!("titled-{n}.whole"));
    if !whole.exists() {
        let made = Instant::now();
        let _ = std::fs::remove_dir_all(&dir);
        gen_titled::generate(&dir, n).expect("the library is written");
        std::fs::write(&whole, "").expect("the marker is written");
        println!(
            "generated {} articles into {} in {:.1?}",
            grouped(n),
            dir.display(),
            made.elapsed()
        );
    }
    dir
}

fn bench(lib: &Path) {
    let roots = vec![lib.to_path_buf()];
    let files: Vec<FoundFile> = walk(&roots).0;
    let count = files.len();
    let size: u64 = files.iter().map(|f| f.size).sum();
    let label = grouped(count);
    let big = count > 20_000;
    println!(
        "\nlibrary: {} ({label} articles, {})",
        lib.display(),
        mib(size)
    );
    time(&format!("{label}: walk"), if big { 3 } else { 5 }, || {
        walk(&roots).0.len()
    });

    let dir = tempfile::tempdir().expect("a temporary folder");
    let cold_name = format!("{label}: first start");
    let mut data = dir.path().join("data-0");
    if wanted(&cold_name) {
        let mut scans = Vec::new();
        let mut peaks = Vec::new();
        for run in 0..if big { 1 } else { 3 } {
            data = dir.path().join(format!("data-{run}"));
            let reset = reset_peak_of_self();
            let before = peak_of_self();
            scans.push(scan(&roots, &data));
            if let (true, Some(before), Some(after)) = (reset, before, peak_of_self()) {
                peaks.push((before, after));
            }
        }
        report_scans(&cold_name, &scans);
        if let Some(&(before, after)) = peaks.iter().max_by_key(|p| p.1) {
            println!(
                "{cold_name}: peak RSS of this process (VmHWM) {} (held before: {})",
                mib(after),
                mib(before)
            );
        }
        let db = store_size(&data);
        println!(
            "{label}: lede.db {} for {} of articles: {:.2} x",
            mib(db),
            mib(size),
            db as f64 / size as f64
        );
    } else {
        scan(&roots, &data);
    }

    let warm_name = format!("{label}: second start");
    if wanted(&warm_name) {
        let scans: Vec<ScanTimes> = (0..if big { 3 } else { 5 })
            .map(|_| scan(&roots, &data))
            .collect();
        report_scans(&warm_name, &scans);
    }

    let store = Store::open_in(&data).store.expect("the store opens");
    let keys: Vec<String> = files.iter().map(FoundFile::key).collect();
    let runs = if big { 5 } else { 20 };
    for word in [COMMON, RARE] {
        time(
            &format!("{label}: search \"{word}\" (keys given)"),
            runs,
            || store.search(word, Some(&keys), 50).map(|h| h.len()),
        );
        time(&format!("{label}: search_within \"{word}\""), runs, || {
            store
                .search_within(word, &|_: &str| true, 50)
                .map(|h| h.len())
        });
    }
    drop(store);

    let command = format!("{label}: lede search");
    if wanted(&command) {
        let fresh = dir.path().join("data-search");
        let (took, peak) = lede_search(COMMON, lib, &fresh);
        println!(
            "{command} {COMMON}, fresh store (index build) {:>10.3?}  peak RSS {}",
            took,
            mib(peak)
        );
        for word in [COMMON, RARE] {
            let runs: Vec<(Duration, u64)> =
                (0..5).map(|_| lede_search(word, lib, &fresh)).collect();
            let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
            report(
                &format!("{command} {word}, warm"),
                runs.into_iter().map(|r| r.0).collect(),
            );
            println!("{command} {word}, warm: peak RSS {}", mib(peak));
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(GO_BETWEEN) {
        go_between(&args[1..]);
    }
    for lib in libraries() {
        bench(&lib);
    }
}
