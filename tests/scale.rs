//! The library at scale, as a test can show it without timing anything: a scan larger than
//! a batch holds a few batches of texts at most; a search while another lede indexes answers
//! from what is indexed and says it is partial; an index killed with SIGKILL in the middle of
//! a batch is consistent, and the next scan goes on from where it was.
//!
//! The scans here read in batches of [`BATCH`] files (`LEDE_SCAN_BATCH`), so a few hundred
//! articles are many batches.

#[path = "../examples/gen_library.rs"]
#[allow(dead_code)]
mod gen_library;

#[allow(dead_code)]
mod common;

use common::env::{Env, Reaped};
use lede::article::DEFAULT_MAX_SIZE;
use lede::library::scan::most_texts_held;
use lede::library::{Scan, ScanEvent, Target};
use lede::store::Store;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const BATCH: usize = 8;

/// `lede search WORD LIB` in the background, with the test's folders and small batches.
fn search_in_background(env: &Env, lib: &Path, word: &str) -> Reaped {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    for (key, value) in env.vars() {
        cmd.env(key, value);
    }
    cmd.env("LEDE_SCAN_BATCH", BATCH.to_string())
        .args(["search", word])
        .arg(lib)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    Reaped(cmd.spawn().unwrap())
}

/// The store's own file, opened as SQLite, to look at the index from outside lede.
fn database(env: &Env) -> rusqlite::Connection {
    rusqlite::Connection::open(env.dir.path().join("data/lede/lede.db")).unwrap()
}

/// How many articles the index holds, by its own count and by the cache's: they must agree.
fn indexed(db: &rusqlite::Connection) -> (i64, i64) {
    let words: i64 = db
        .query_row("SELECT count(*) FROM library_words_docsize", [], |r| {
            r.get(0)
        })
        .unwrap_or(-1);
    let files: i64 = db
        .query_row(
            "SELECT count(*) FROM library_files WHERE indexed_hash IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-2);
    (words, files)
}

#[test]
fn a_scan_larger_than_a_batch_holds_a_few_batches_of_texts_at_most() {
    std::env::set_var("LEDE_SCAN_BATCH", BATCH.to_string());
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    gen_library::generate(&lib, 400).unwrap();
    let data = dir.path().join("data");
    let (send, receive) = mpsc::channel();
    let scan = Scan::start(
        Target::Roots(vec![lib]),
        Some(data.clone()),
        DEFAULT_MAX_SIZE,
        move |e| {
            let _ = send.send(e);
        },
    );
    let events: Vec<ScanEvent> = receive.iter().collect();
    scan.wait();
    assert_eq!(events.last(), Some(&ScanEvent::Finished));
    let batches = events
        .iter()
        .filter(|e| matches!(e, ScanEvent::Indexed { .. }))
        .count();
    assert!(batches >= 400 / BATCH, "{batches} batches");
    // each worker builds one batch, one more waits, and one is being written
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (most, batch) = most_texts_held();
    assert_eq!(batch, BATCH);
    assert!(most > 0, "the texts were counted");
    assert!(
        most <= (workers + 2) * BATCH,
        "{most} texts held at once, for {workers} workers and batches of {BATCH}"
    );
    // and all of it is in the index
    let store = Store::open_in(&data).store.unwrap();
    assert_eq!(store.search_count("the", None).unwrap(), 400);
}

#[test]
fn a_search_while_another_lede_indexes_answers_from_the_index_and_says_it_is_partial() {
    let env = Env::new();
    let lib = env.dir.path().join("lib");
    gen_library::generate(&lib, 3000).unwrap();
    let _first = search_in_background(&env, &lib, "council");
    let started = Instant::now();
    let db = loop {
        // the first lede has made its store and indexed a batch or two
        if let Ok(db) = rusqlite::Connection::open_with_flags(
            env.dir.path().join("data/lede/lede.db"),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
        ) {
            if indexed(&db).0 > 0 {
                break db;
            }
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the first search indexes"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = common::env::run(
        env.lede()
            .env("LEDE_SCAN_BATCH", BATCH.to_string())
            .args(["search", "the"])
            .arg(&lib),
    );
    let (now, _) = indexed(&db);
    assert!(
        out.stderr.contains("partial: ")
            && out.stderr.contains(" of 3,000 articles are in the index"),
        "{}",
        out.stderr
    );
    assert!(
        now < 3000,
        "the first search was still indexing ({now} of 3,000)"
    );
    // what is indexed was searched: hits, one a line
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(!out.stdout.is_empty());
}

#[test]
fn an_index_killed_in_the_middle_of_a_batch_is_consistent_and_the_next_scan_goes_on() {
    let env = Env::new();
    let lib = env.dir.path().join("lib");
    gen_library::generate(&lib, 1500).unwrap();
    let mut before = 0;
    for delay in [300u64, 700, 1100] {
        let mut child = search_in_background(&env, &lib, "council");
        std::thread::sleep(Duration::from_millis(delay));
        // SIGKILL: no chance to finish a batch or close the store
        let _ = child.0.kill();
        let _ = child.0.wait();
        let db = database(&env);
        let (words, files) = indexed(&db);
        assert_eq!(words, files, "the index and the cache agree after a kill");
        assert!(words >= before, "nothing indexed was lost");
        before = words;
        let check: rusqlite::Result<usize> = db.execute(
            "INSERT INTO library_words (library_words, rank) VALUES ('integrity-check', 1)",
            [],
        );
        assert!(check.is_ok(), "{check:?}");
    }
    assert!(before > 0, "some batches were kept before the kills");
    // the next search goes on from there and finishes the index
    let out = common::env::run(env.lede().args(["search", "the"]).arg(&lib));
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(indexed(&database(&env)), (1500, 1500));
}
