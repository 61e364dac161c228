//! A note, a quote or a path from the store never reaches the terminal as a control sequence:
//! the reader's bookmarks list shows the text of a store written by anything (an old import, a
//! script) with its controls dropped.

#[allow(dead_code)]
mod common;

use common::pty::{row_text, Lede};
use lede::article::document::{Document, Origin};
use lede::article::identity::Identity;
use lede::article::place::Place;
use lede::article::{load_bytes, Source};
use lede::store::{Seen, Store};

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

#[test]
fn the_bookmarks_list_shows_notes_without_their_controls() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SEED).unwrap();
    let data = dir.path().join("data");
    {
        let article = load_bytes(Source::Stdin, SEED.as_bytes()).unwrap().article;
        let seen = Seen {
            identity: Identity::of(&article),
            title: article.title.clone(),
            path: Some(file.to_string_lossy().into_owned()),
            words: article.word_count(),
        };
        let doc = Document::new(&article);
        let block = doc
            .blocks()
            .position(|b| b.origin == Origin::SectionParagraph(1, 0))
            .unwrap();
        let mut place = Place::at(&doc, block, 0).unwrap();
        place.quote = "quoted \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7} end".to_owned();
        let mut store = Store::open_in(&data).store.expect("a store");
        store
            .add_bookmark(
                &seen,
                &place,
                "note 1 \u{1b}]52;c;SGVsbG8=\u{7} \u{1b}[2J evil \u{9b}31m",
            )
            .unwrap();
    }
    let mut lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        dir.path(),
        120,
        30,
        &[file.to_str().unwrap()],
        Some(&data),
    );
    lede.wait_for("the reader", |s| row_text(s, 29).contains("help"));
    lede.send("B");
    lede.wait_for("the list with the note", |s| {
        s.contents().contains("evil") && s.contents().contains("Bookmarks (1)")
    });
    {
        let term = lede.term();
        let output = String::from_utf8_lossy(&term.output);
        assert!(!output.contains("]52;"), "OSC 52 reached the terminal");
        assert!(!output.contains("]8;;"), "OSC 8 reached the terminal");
        assert!(
            !output.contains("\u{1b}[2J evil"),
            "a clear-screen reached the terminal"
        );
        assert!(term.parser.callbacks().clipboard.is_empty());
    }
    lede.send("Q");
    assert!(lede.wait_exit().success());
}
