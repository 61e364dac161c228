//! The store under real concurrency and real crashes: two processes adding bookmarks at once,
//! and a process killed with SIGKILL at random moments while it saves.
//!
//! The child processes are this test binary run again with `LEDE_TEST_CHILD` set: they use
//! the store as the reader and the CLI do, through the library.

#[allow(dead_code)]
mod common;

use common::env::Reaped;
use lede::article::document::{Document, Origin};
use lede::article::identity::Identity;
use lede::article::layout::Anchor;
use lede::article::passage::{Passage, Range};
use lede::article::place::Place;
use lede::article::{Article, FaqEntry, Section};
use lede::store::{Seen, Store};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const CHILD: &str = "LEDE_TEST_CHILD";

/// An article with `n` sections, so each bookmark has a place of its own.
fn article(name: &str, n: usize) -> Article {
    Article {
        title: format!("Article {name}"),
        lead: vec![format!("The lead of article {name}.")],
        sections: (0..n)
            .map(|i| Section {
                heading: format!("Section {i}"),
                paragraphs: vec![format!("Paragraph of section {i} in {name}.")],
            })
            .collect(),
        faq: vec![FaqEntry {
            question: "Why?".to_owned(),
            answer: vec!["Because.".to_owned()],
        }],
        ..Article::default()
    }
}

fn seen(article: &Article) -> Seen {
    Seen {
        identity: Identity::of(article),
        title: article.title.clone(),
        path: None,
        words: article.word_count(),
    }
}

fn place(doc: &Document, section: usize) -> Place {
    let block = doc
        .blocks()
        .position(|b| b.origin == Origin::SectionParagraph(section, 0))
        .unwrap();
    Place::at(doc, block, 0).unwrap()
}

/// The child's work: add `count` bookmarks to article `name`, printing each once saved.
fn child(dir: &Path, name: &str, count: usize) {
    let opened = Store::open_in(dir);
    let mut store = opened
        .store
        .unwrap_or_else(|| panic!("no store: {:?}", opened.notices));
    let article = article(name, count);
    let doc = Document::new(&article);
    let seen = seen(&article);
    let highlights = std::env::var("LEDE_TEST_KIND").is_ok_and(|k| k == "highlight");
    for i in 0..count {
        if highlights {
            let block = doc
                .blocks()
                .position(|b| b.origin == Origin::SectionParagraph(i, 0))
                .unwrap();
            let len = doc.text(block).len();
            let range = Range::between(
                Anchor { block, byte: 0 },
                Anchor {
                    block,
                    byte: len / 2,
                },
            );
            let passage = Passage::of(&doc, range).unwrap();
            store
                .add_highlight(&seen, &passage, &format!("note {i}"), 1 + (i % 4) as u8)
                .expect("saved");
        } else {
            store
                .add_bookmark(&seen, &place(&doc, i), &format!("note {i}"))
                .expect("saved");
        }
        println!("saved {i}");
    }
}

/// Runs as a child when asked to; otherwise does nothing (so the test harness can list it).
#[test]
fn child_entry() {
    let (Ok(dir), Ok(name), Ok(count)) = (
        std::env::var(CHILD),
        std::env::var("LEDE_TEST_NAME"),
        std::env::var("LEDE_TEST_COUNT"),
    ) else {
        return;
    };
    child(Path::new(&dir), &name, count.parse().unwrap());
}

fn spawn_child(dir: &Path, name: &str, count: usize) -> std::process::Child {
    spawn_kind(dir, name, count, "bookmark")
}

fn spawn_kind(dir: &Path, name: &str, count: usize, kind: &str) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .env("LEDE_TEST_KIND", kind)
        .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
        .env(CHILD, dir)
        .env("LEDE_TEST_NAME", name)
        .env("LEDE_TEST_COUNT", count.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap()
}

fn count_for(store: &Store, name: &str) -> usize {
    store
        .bookmarks_of(&Identity::of(&article(name, 1)).fingerprint)
        .unwrap()
        .len()
}

#[test]
fn two_processes_adding_bookmarks_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let a = Reaped(spawn_child(dir.path(), "a", 200));
    let b = Reaped(spawn_child(dir.path(), "b", 200));
    for mut child in [a, b] {
        let status = child.0.wait().unwrap();
        assert!(status.success(), "a child failed: {status}");
    }
    let store = Store::open_in(dir.path()).store.unwrap();
    assert_eq!(count_for(&store, "a"), 200);
    assert_eq!(count_for(&store, "b"), 200);
    assert_eq!(store.all_bookmarks().unwrap().len(), 400);
}

#[test]
fn two_processes_adding_highlights_at_once_lose_none() {
    let dir = tempfile::tempdir().unwrap();
    let a = Reaped(spawn_kind(dir.path(), "a", 200, "highlight"));
    let b = Reaped(spawn_kind(dir.path(), "b", 200, "highlight"));
    for mut child in [a, b] {
        let status = child.0.wait().unwrap();
        assert!(status.success(), "a child failed: {status}");
    }
    let store = Store::open_in(dir.path()).store.unwrap();
    for name in ["a", "b"] {
        let fingerprint = Identity::of(&article(name, 1)).fingerprint;
        let highlights = store.highlights_of(&fingerprint).unwrap();
        assert_eq!(highlights.len(), 200);
        // each kept whole: its words, its note, its colour
        let doc = Document::new(&article(name, 200));
        for h in &highlights {
            let i: usize = h.note.strip_prefix("note ").unwrap().parse().unwrap();
            assert_eq!(h.colour, 1 + (i % 4) as u8);
            let found = h.passage.resolve(&doc).range().expect("found");
            assert_eq!(
                lede::article::passage::text_of(&doc, found),
                h.passage.words
            );
            assert!(
                h.passage.words.starts_with("Paragraph of"),
                "{}",
                h.passage.words
            );
        }
    }
    assert_eq!(store.all_highlights().unwrap().len(), 400);
}

/// A small deterministic generator of kill moments (no extra crate for one test).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below
    }
}

#[test]
fn sigkill_at_random_moments_loses_no_saved_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let mut random = Lcg(0x1ede_2026);
    for round in 0..50 {
        let name = format!("round{round}");
        let mut child = Reaped(spawn_child(dir.path(), &name, 10_000));
        let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
        // wait for a random number of saves (zero included), then kill at once
        let target = random.next(40) as usize;
        let mut reported = 0;
        let start = Instant::now();
        while reported < target && start.elapsed() < Duration::from_secs(20) {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("saved ") => reported += 1,
                Some(_) => {}
                None => break,
            }
        }
        // SAFETY: kill only sends a signal
        unsafe { libc::kill(child.0.id() as i32, libc::SIGKILL) };
        let _ = child.0.wait();
        // lines already written before the kill were saved too
        for line in lines.map_while(Result::ok) {
            if line.starts_with("saved ") {
                reported += 1;
            }
        }
        let opened = Store::open_in(dir.path());
        assert!(
            opened.notices.is_empty(),
            "round {round}: {:?}",
            opened.notices
        );
        let store = opened.store.expect("the database opens");
        let kept = count_for(&store, &name);
        assert!(
            kept >= reported,
            "round {round}: {reported} reported saved, {kept} kept"
        );
    }
}
