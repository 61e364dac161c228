//! `cargo bench --bench export`: 10,000 generated articles (the library bench's, about 43 MB)
//! written as one EPUB, one HTML page and one Markdown file, in process through the export
//! writers; then `lede export --library DIR --to epub` itself, with its peak memory.
//!
//! The same plain harness as `reader.rs`: each figure is the median of a few runs.

#[path = "../examples/gen_library.rs"]
mod gen_library;

#[path = "common/timing.rs"]
mod timing;
use timing::{median, time, wanted};

use lede::article::{parsed_limited, DEFAULT_MAX_SIZE};
use lede::export::epub::{Book, Epub};
use lede::export::html::Page;
use lede::export::markdown::Markdown;
use lede::export::Exporter;
use lede::library::{walk, FoundFile};
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ARTICLES: usize = 10_000;

/// Every file parsed and handed to `exporter`, as `lede export` does; the time it took.
fn export(files: &[FoundFile], exporter: Box<dyn Exporter>) -> Duration {
    let start = Instant::now();
    let mut exporter = exporter;
    for file in files {
        let (written, _) = parsed_limited(&file.source, DEFAULT_MAX_SIZE, |a| exporter.article(a))
            .expect("a generated article loads");
        written.expect("the article is written");
    }
    exporter.finish().expect("the export is finished");
    start.elapsed()
}

fn out(path: &Path) -> BufWriter<File> {
    BufWriter::with_capacity(
        256 << 10,
        File::create(path).expect("the output is created"),
    )
}

/// The command itself on the library: its time, and its peak memory from the kernel.
fn command(lib: &Path, book: &Path, data: &Path) -> (Duration, u64) {
    let start = Instant::now();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .args(["export", "--library"])
        .arg(lib)
        .args(["--to", "epub", "-o"])
        .arg(book)
        .env("LEDE_DATA_DIR", data)
        .env("LEDE_CONFIG", data.join("none.toml"))
        .status()
        .expect("lede runs");
    let elapsed = start.elapsed();
    assert!(status.success());
    (elapsed, peak_of_children())
}

/// The largest resident set of any child waited for so far, in bytes.
fn peak_of_children() -> u64 {
    // SAFETY: getrusage only writes the struct it is given
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024
}

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let lib = dir.path().join("lib");
    let made = Instant::now();
    gen_library::generate(&lib, ARTICLES).expect("the library is written");
    let roots: Vec<PathBuf> = vec![lib.clone()];
    let files = walk(&roots).0;
    let bytes: u64 = files.iter().map(|f| f.size).sum();
    println!(
        "library: {} articles, {:.1} MB, generated in {:.1?}",
        files.len(),
        bytes as f64 / 1e6,
        made.elapsed()
    );
    let book = || Book {
        title: Some("The paper".to_owned()),
        made: 1_764_107_710,
    };
    // what reading and parsing alone cost, for the writers' share of the figures below
    time("10,000 articles parsed, nothing written", 3, || {
        for file in &files {
            parsed_limited(&file.source, DEFAULT_MAX_SIZE, |a| a.sections.len())
                .expect("a generated article loads");
        }
    });
    let epub = dir.path().join("paper.epub");
    median("10,000 articles to EPUB", 3, || {
        export(&files, Box::new(Epub::new(out(&epub), book()).unwrap()))
    });
    if wanted("10,000 articles to EPUB") {
        let size = std::fs::metadata(&epub).map_or(0, |m| m.len());
        println!("  the book: {:.1} MB", size as f64 / 1e6);
    }
    let html = dir.path().join("page.html");
    median("10,000 articles to one HTML page", 3, || {
        export(&files, Box::new(Page::new(out(&html), None).unwrap()))
    });
    let md = dir.path().join("all.md");
    median("10,000 articles to Markdown", 3, || {
        export(&files, Box::new(Markdown::new(out(&md))))
    });
    if wanted("lede export") {
        let data = dir.path().join("data");
        let mut runs: Vec<(Duration, u64)> = (0..3)
            .map(|_| command(&lib, &dir.path().join("cli.epub"), &data))
            .collect();
        runs.sort();
        let (time, _) = runs[1];
        let peak = runs.iter().map(|r| r.1).max().unwrap_or(0);
        println!(
            "{:<44} {:>12.3?}  (median of 3), peak memory {:.1} MB",
            "lede export --library (10,000) --to epub",
            time,
            peak as f64 / 1e6
        );
    }
}
