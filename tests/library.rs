//! The library without a terminal: the walk, summaries, the cache, the scan's events, the
//! full-text index, and `lede search` from the command line.

#[path = "../examples/gen_library.rs"]
mod gen_library;

use assert_cmd::Command;
use lede::article::{Source, DEFAULT_MAX_SIZE};
use lede::library::{
    summarize, walk, FoundFile, HitPart, Info, Scan, ScanEvent, Target, MATCH_END, MATCH_START,
};
use lede::store::Store;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

fn rels(files: &[FoundFile]) -> Vec<&str> {
    files.iter().map(|f| f.rel.as_str()).collect()
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn open(dir: &Path) -> Store {
    Store::open_in(dir).store.expect("a store")
}

/// A short article whose title and one section are given.
fn article(title: &str, heading: &str, body: &str) -> String {
    format!(
        "{title}\nA lead paragraph that is longer than the title line above it, about the town.\n\
         Article Subheadings |\n---|\n1) Opening |\n2) {heading} |\n\
         Opening\nThe opening paragraph says little of note.\n\
         {heading}\n{body}\n\
         No. | Key Points |\n---|---|\n1 | A point worth making. |\n\
         Summary\nA summary of the piece.\n\
         Frequently Asked Questions\nQuestion: What now?\nWe wait and see.\n"
    )
}

/// Runs a scan to its end, returning every event.
fn scan(target: Target, store: Option<&Path>) -> Vec<ScanEvent> {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&events);
    Scan::start(
        target,
        store.map(Path::to_path_buf),
        DEFAULT_MAX_SIZE,
        move |e| sink.lock().unwrap().push(e),
    )
    .wait();
    let events = events.lock().unwrap().clone();
    events
}

/// Every summary the events hold, by file index, with the batch each came in.
fn summaries(events: &[ScanEvent]) -> Vec<(usize, usize, Info)> {
    events
        .iter()
        .filter_map(|e| match e {
            ScanEvent::Summaries(batch) => Some(batch),
            _ => None,
        })
        .enumerate()
        .flat_map(|(n, batch)| batch.iter().map(move |(i, info)| (n, *i, info.clone())))
        .collect()
}

#[test]
fn the_walk_recurses_skips_hidden_names_and_takes_only_article_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    for name in [
        "a.txt",
        "B.JSON",
        "notes.md",
        "sub/c.TXT",
        "sub/deeper/d.json",
        ".hidden/e.txt",
        "sub/.f.txt",
    ] {
        write(&root.join(name), "text");
    }
    let (files, problems) = walk(&[root.to_path_buf()]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        rels(&files),
        ["B.JSON", "a.txt", "sub/c.TXT", "sub/deeper/d.json"]
    );
    let a = &files[1];
    assert_eq!(a.source, Source::File(root.join("a.txt")));
    assert_eq!(a.size, 4);
    assert!(a.modified > 1_000_000_000 * 1_000_000_000, "{}", a.modified);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_reported_and_not_followed_while_a_linked_folder_is() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("lib");
    let elsewhere = dir.path().join("elsewhere");
    write(&root.join("sub/a.txt"), "text");
    write(&elsewhere.join("b.txt"), "text");
    std::os::unix::fs::symlink(&root, root.join("sub/back")).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("linked")).unwrap();
    let (files, problems) = walk(std::slice::from_ref(&root));
    assert_eq!(rels(&files), ["linked/b.txt", "sub/a.txt"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("sub/back") && problems[0].contains("loop"),
        "{problems:?}"
    );
}

#[test]
fn a_file_root_is_taken_as_is_and_a_missing_one_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("story.text");
    write(&file, "text");
    let missing = dir.path().join("gone");
    let (files, problems) = walk(&[file.clone(), missing]);
    assert_eq!(rels(&files), ["story.text"]);
    assert_eq!(files[0].source, Source::File(file));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].ends_with("gone: no such file or folder"),
        "{problems:?}"
    );
}

#[test]
fn non_articles_get_their_reason_and_a_vanished_file_is_no_such_file() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("empty.txt"), "");
    fs::write(
        dir.path().join("binary.txt"),
        [0u8, 159, 146, 150, 0, 1, 2, 255].repeat(64),
    )
    .unwrap();
    let (files, _) = walk(&[dir.path().to_path_buf()]);
    let reasons: Vec<Info> = files
        .iter()
        .map(|f| summarize(f, DEFAULT_MAX_SIZE).0)
        .collect();
    assert_eq!(
        reasons,
        [
            Info::NotArticle("binary data, not an article".to_owned()),
            Info::NotArticle("empty file, no article in it".to_owned()),
        ]
    );
    let gone = FoundFile {
        source: Source::File(dir.path().join("vanished.txt")),
        rel: "vanished.txt".to_owned(),
        size: 10,
        modified: 1,
    };
    let (info, article) = summarize(&gone, DEFAULT_MAX_SIZE);
    assert_eq!(info, Info::NotArticle("no such file".to_owned()));
    assert!(article.is_none());
}

#[test]
fn a_scan_lists_first_summarises_every_file_once_indexes_and_finishes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    gen_library::generate(&lib, 150).unwrap();
    write(&lib.join("empty.txt"), "");
    fs::write(
        lib.join("world/binary.json"),
        [0u8, 1, 2, 3, 0, 255].repeat(50),
    )
    .unwrap();
    let events = scan(Target::Roots(vec![lib]), Some(&dir.path().join("data")));
    let ScanEvent::Listed(files) = &events[0] else {
        panic!("first event {:?}", events[0]);
    };
    assert_eq!(files.len(), 152);
    assert_eq!(events.last(), Some(&ScanEvent::Finished));
    let mut seen: Vec<usize> = summaries(&events).iter().map(|(_, i, _)| *i).collect();
    seen.sort_unstable();
    assert_eq!(
        seen,
        (0..152).collect::<Vec<_>>(),
        "every file exactly once"
    );
    let not_articles = summaries(&events)
        .into_iter()
        .filter(|(_, _, info)| matches!(info, Info::NotArticle(_)))
        .count();
    assert_eq!(not_articles, 2);
    // the kinds come in order: list, summaries, index progress, end
    let order: Vec<u8> = events
        .iter()
        .map(|e| match e {
            ScanEvent::Preview(_) | ScanEvent::Walking(_) | ScanEvent::Listed(_) => 0,
            ScanEvent::Problem(_) => 1,
            ScanEvent::Summaries(_) => 2,
            ScanEvent::Indexed { .. } => 3,
            ScanEvent::Finished => 4,
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    assert!(
        order.iter().filter(|&&k| k == 2).count() >= 3,
        "batches: {order:?}"
    );
    assert!(events.contains(&ScanEvent::Indexed {
        done: 150,
        total: 150
    }));
}

#[test]
fn the_cache_reads_again_only_files_whose_size_or_time_changed() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    let data = dir.path().join("data");
    for name in ["a", "b", "c"] {
        write(
            &lib.join(format!("{name}.txt")),
            &article(&format!("Story {name}"), "Middle", "Text."),
        );
    }
    scan(Target::Roots(vec![lib.clone()]), Some(&data));

    // b grows, c keeps its size but gets a new time; a is untouched
    write(
        &lib.join("b.txt"),
        &article("Story b, longer now", "Middle", "Text."),
    );
    let c = fs::File::options()
        .write(true)
        .open(lib.join("c.txt"))
        .unwrap();
    c.set_modified(SystemTime::now() - Duration::from_secs(3600))
        .unwrap();
    drop(c);

    let (files, _) = walk(std::slice::from_ref(&lib));
    let cached = open(&data).cached(&files).unwrap();
    assert!(matches!(&cached[0], Some(Info::Article(s)) if s.title == "Story a"));
    assert_eq!(cached[1], None);
    assert_eq!(cached[2], None);

    let events = scan(Target::Roots(vec![lib]), Some(&data));
    let got = summaries(&events);
    // the first batch is the cache's; the touched files were read again, after it
    assert_eq!(
        got.iter()
            .map(|(batch, i, _)| (*batch, *i))
            .collect::<Vec<_>>()[0],
        (0, 0)
    );
    assert!(got.iter().filter(|(batch, _, _)| *batch == 0).count() == 1);
    assert!(got.iter().any(|(batch, i, info)| *batch > 0
        && *i == 1
        && matches!(info, Info::Article(s) if s.title == "Story b, longer now")));
    // only b's text changed, so only b is indexed again
    assert!(
        events.contains(&ScanEvent::Indexed { done: 1, total: 1 }),
        "{events:?}"
    );
}

/// A small library in `dir/lib`, scanned into `dir/data`.
fn indexed_library(dir: &Path) -> (Vec<FoundFile>, Store) {
    let lib = dir.join("lib");
    write(
        &lib.join("reef.txt"),
        &article("Reef Divers Return", "Middle", "Nothing of note here."),
    );
    write(
        &lib.join("harbour.txt"),
        &article(
            "Harbour Plans Approved",
            "Under the Water",
            "Divers found the old reef beneath the harbour wall.",
        ),
    );
    write(
        &lib.join("quiet.txt"),
        &article("A Quiet Week", "Middle", "Nothing happened at all."),
    );
    scan(Target::Roots(vec![lib.clone()]), Some(&dir.join("data")));
    (walk(&[lib]).0, open(&dir.join("data")))
}

#[test]
fn search_names_the_article_and_section_and_ranks_a_title_above_a_body() {
    let dir = tempfile::tempdir().unwrap();
    let (files, store) = indexed_library(dir.path());
    let hits = store.search("reef", None, 10).unwrap();
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits[0].key.ends_with("reef.txt"));
    assert_eq!(hits[0].part, HitPart::Title);
    assert!(hits[1].key.ends_with("harbour.txt"));
    assert_eq!(hits[1].part, HitPart::Section(1));
    assert_eq!(hits[1].label, "2 Under the Water");
    assert_eq!(hits[1].title, "Harbour Plans Approved");
    assert!(
        hits[1]
            .snippet
            .contains(&format!("{MATCH_START}reef{MATCH_END}")),
        "{:?}",
        hits[1].snippet
    );
    assert!(hits[0].rank < hits[1].rank);

    // a prefix finds the longer word; words must all be there; keys restrict
    let harb = store.search("harb", None, 10).unwrap();
    let parts: Vec<HitPart> = harb.iter().map(|h| h.part).collect();
    assert_eq!(parts, [HitPart::Title, HitPart::Section(1)]);
    assert!(harb.iter().all(|h| h.key.ends_with("harbour.txt")));
    assert_eq!(store.search("reef wall", None, 10).unwrap().len(), 1);
    let harbour: Vec<String> = files
        .iter()
        .filter(|f| f.rel == "harbour.txt")
        .map(FoundFile::key)
        .collect();
    let only = store.search("reef", Some(&harbour), 10).unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].key, harbour[0]);
    assert_eq!(store.search("reef", None, 1).unwrap().len(), 1);
}

#[test]
fn queries_with_quotes_stars_and_operators_never_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = indexed_library(dir.path());
    for query in [
        "\"reef",
        "reef*",
        "reef OR harbour",
        "-reef",
        "NOT reef",
        "reef AND (",
        "NEAR(reef",
        "'; DROP TABLE library_files; --",
        "col:reef",
        "^reef",
    ] {
        let hits = store.search(query, None, 10);
        assert!(hits.is_ok(), "{query}: {hits:?}");
    }
    assert_eq!(store.search("\"reef*", None, 10).unwrap().len(), 2);
    assert!(store.search("", None, 10).unwrap().is_empty());
    assert!(store.search(" \"* - ( ", None, 10).unwrap().is_empty());
}

#[test]
fn a_file_that_is_no_longer_an_article_leaves_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = indexed_library(dir.path());
    drop(store);
    write(&dir.path().join("lib/reef.txt"), "");
    scan(
        Target::Roots(vec![dir.path().join("lib")]),
        Some(&dir.path().join("data")),
    );
    let hits = open(&dir.path().join("data"))
        .search("reef", None, 10)
        .unwrap();
    assert_eq!(hits.len(), 1);
    assert!(hits[0].key.ends_with("harbour.txt"));
}

#[test]
fn without_a_store_a_scan_still_lists_and_summarises() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("a.txt"),
        &article("Alone", "Middle", "Text."),
    );
    let events = scan(Target::Roots(vec![dir.path().to_path_buf()]), None);
    assert!(matches!(&events[0], ScanEvent::Listed(files) if files.len() == 1));
    assert!(matches!(&summaries(&events)[..], [(_, 0, Info::Article(s))] if s.title == "Alone"));
    assert_eq!(events.last(), Some(&ScanEvent::Finished));
}

/// `lede` with a temporary home and data directory, run in `cwd`.
fn lede(home: &Path, cwd: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.current_dir(cwd)
        .env("HOME", home.join("home"))
        .env("XDG_DATA_HOME", home.join("xdg-data"))
        .env("XDG_CONFIG_HOME", home.join("xdg-config"))
        .env("LEDE_DATA_DIR", home.join("data"))
        .env("LEDE_CONFIG", home.join("config.toml"))
        .env_remove("LEDE_LIBRARY");
    cmd
}

fn search_library(dir: &Path) -> PathBuf {
    let lib = dir.join("lib");
    write(
        &lib.join("news/reef.txt"),
        &article("Reef Divers Return", "Middle", "Nothing of note."),
    );
    write(
        &lib.join("harbour.txt"),
        &article(
            "Harbour Plans",
            "Under the Water",
            "The old reef lies below.",
        ),
    );
    lib
}

#[test]
fn lede_search_prints_one_line_per_hit_relative_to_the_current_folder() {
    let dir = tempfile::tempdir().unwrap();
    let lib = search_library(dir.path());
    let out = lede(dir.path(), &lib)
        .args(["search", "reef"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "news/reef.txt: Reef Divers Return › Title: Reef Divers Return",
            "harbour.txt: Harbour Plans › 2 Under the Water: The old reef lies below.",
        ]
    );
    // a folder given as PATH restricts the search to it
    let out = lede(dir.path(), dir.path())
        .args(["search", "reef", "lib/news"])
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    assert!(stdout.starts_with("lib/news/reef.txt: "), "{stdout}");
}

#[test]
fn lede_search_json_has_stable_fields() {
    let dir = tempfile::tempdir().unwrap();
    let lib = search_library(dir.path());
    let out = lede(dir.path(), dir.path())
        .args(["search", "lies below", "--json"])
        .arg(&lib)
        .assert()
        .success();
    let hits: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit["path"], "lib/harbour.txt");
    assert_eq!(hit["title"], "Harbour Plans");
    assert_eq!(hit["section"], "2 Under the Water");
    assert_eq!(hit["part"], "section");
    assert_eq!(hit["section_index"], 1);
    assert_eq!(hit["snippet"], "The old reef lies below.");
    assert!(hit["rank"].as_f64().is_some());
}

#[test]
fn lede_search_exits_1_on_no_match_and_2_on_a_missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let lib = search_library(dir.path());
    lede(dir.path(), &lib)
        .args(["search", "zeppelin"])
        .assert()
        .code(1)
        .stdout("");
    let out = lede(dir.path(), &lib)
        .args(["search", "reef", "nowhere"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr, "lede: nowhere: no such file or folder\n");
    lede(dir.path(), &lib).args(["search"]).assert().code(2);
}
