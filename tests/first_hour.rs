//! What a new user met in the first hour, each as it should be now: a manual unread sticks,
//! a failed search is not announced everywhere. The real binary in a pty on a small library.

#[allow(dead_code)]
mod common;

use common::pty::{find, row_text, status, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const SHORT: &str = include_str!("fixtures/short_article.txt");

fn library(dir: &Path) -> std::path::PathBuf {
    let lib = dir.join("library");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("seed.txt"), SEED).unwrap();
    std::fs::write(lib.join("short.txt"), SHORT).unwrap();
    lib
}

fn open(dir: &Path, lib: &Path) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        30,
        &[lib.to_str().unwrap()],
        Some(&dir.join("data")),
    );
    lede.wait_for("the library", |s| {
        s.contents().contains("Library · 2 articles") && s.contents().contains("Harborview")
    });
    lede
}

/// Whether some cell of `word` on screen has a background colour (a lit match).
fn lit(screen: &vt100::Screen, word: &str) -> bool {
    common::pty::find_all(screen, word)
        .into_iter()
        .any(|(row, col)| {
            screen
                .cell(row, col)
                .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
        })
}

/// The row of the library list that shows `title`.
fn row_of(screen: &vt100::Screen, title: &str) -> String {
    let (row, _) = find(screen, title).unwrap_or_else(|| panic!("{title} listed"));
    row_text(screen, row)
}

/// Selects the row showing `title` with a click on it, and waits for the bar to name its file.
fn select(lede: &mut Lede, title: &str) {
    let file = if title == "Harborview" {
        "short.txt"
    } else {
        "seed.txt"
    };
    let row = {
        let term = lede.term();
        find(term.screen(), title).expect("listed").0
    };
    lede.send(format!("\x1b[<0;20;{}M\x1b[<0;20;{}m", row + 1, row + 1));
    lede.wait_for("the row selected", |s| status(s).contains(file));
}

#[test]
fn a_manual_unread_sticks_after_leaving_and_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let mut lede = open(dir.path(), &lib);
    // a long article read to its end, then marked unread
    select(&mut lede, "White House envoy");
    lede.send("\r");
    lede.wait_for("the article", |s| status(s).contains("min left"));
    lede.send("G");
    lede.wait_for("the end", |s| status(s).contains("done"));
    lede.send("r");
    lede.wait_for("marked unread", |s| status(s).starts_with(" Marked unread"));
    lede.send("q");
    lede.wait_for("the library again", |s| {
        s.contents().contains("Library · 2 articles")
            && row_of(s, "White House envoy").contains("new")
    });
    // a short article is read the moment it opens; r keeps it unread all the same
    select(&mut lede, "Harborview");
    lede.send("\r");
    lede.wait_for("the short article", |s| status(s).contains("done"));
    lede.send("r");
    lede.wait_for("marked unread", |s| status(s).starts_with(" Marked unread"));
    lede.wait_for("the sidebar no longer says read", |s| {
        !s.contents().contains("100% read") && !s.contents().contains(" · read")
    });
    lede.send("q");
    lede.wait_for("the library again", |s| {
        s.contents().contains("Library · 2 articles") && row_of(s, "Harborview").contains("new")
    });
    lede.send("q");
    assert!(lede.wait_exit().success());
    let lede = open(dir.path(), &lib);
    lede.wait_for("both still unread after a restart", |s| {
        row_of(s, "Harborview").contains("new") && row_of(s, "White House envoy").contains("new")
    });
}

#[test]
fn a_failed_search_is_said_where_it_was_made_and_on_n_only() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let mut lede = open(dir.path(), &lib);
    select(&mut lede, "White House envoy");
    lede.send("\r");
    lede.wait_for("the article", |s| status(s).contains("min left"));
    lede.send("/zqx\r");
    lede.wait_for("the failure, once", |s| {
        status(s).matches("no match for \"zqx\"").count() == 1
    });
    lede.send("\x1b");
    lede.wait_for("the search gone", |s| !status(s).contains("zqx"));
    // the next article does not announce it
    lede.send(">");
    lede.wait_for("the next article", |s| {
        status(s).contains("[2/2]") || s.contents().contains("Harborview")
    });
    lede.wait_for("silence about zqx", |s| !status(s).contains("zqx"));
    // n asks for it, and hears it once
    lede.send("n");
    lede.wait_for("the failure on n, once", |s| {
        status(s).matches("no match for \"zqx\"").count() == 1
    });
    // a search that matches, lit here
    lede.send("/library\r");
    lede.wait_for("library lit", |s| lit(s, "library"));
    lede.send("q");
    lede.wait_for("the library", |s| {
        s.contents().contains("Library · 2 articles")
    });
    lede.send("q");
    assert!(lede.wait_exit().success());
    // a new process on the same data: the pattern is history, not carried into what opens
    let mut lede = open(dir.path(), &lib);
    lede.send("\r");
    lede.wait_for("an article", |s| status(s).contains("help"));
    lede.wait_for("nothing lit, no word of zqx", |s| {
        let word = common::pty::find(s, "presidential library")
            .or_else(|| common::pty::find(s, "public library"));
        let lit_word = word.and_then(|(row, col)| {
            let at = col
                + if s.contents().contains("presidential library") {
                    13
                } else {
                    7
                };
            s.cell(row, at)
                .map(|c| c.bgcolor() != vt100::Color::Default)
        });
        lit_word == Some(false) && !s.contents().contains("zqx")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn the_wheel_and_clicks_work_on_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let mut lede = open(dir.path(), &lib);
    lede.send("g");
    lede.wait_for("the first row", |s| status(s).contains(".txt"));
    let first = {
        let term = lede.term();
        status(term.screen())
    };
    // the wheel moves the selection (it used to crash lede)
    lede.send("\x1b[<65;10;5M");
    lede.wait_for("the selection moved", |s| {
        status(s).contains(".txt") && status(s) != first
    });
    lede.send("\x1b[<64;10;5M");
    lede.wait_for("and back", |s| status(s) == first);
    // a click selects the row it is on; a second click opens it
    let row = {
        let term = lede.term();
        find(term.screen(), "Harborview").expect("listed").0
    };
    let click = format!("\x1b[<0;20;{}M\x1b[<0;20;{}m", row + 1, row + 1);
    lede.send(&click);
    lede.wait_for("the row selected", |s| status(s).contains("short.txt"));
    lede.send(&click);
    lede.wait_for("the article open", |s| {
        s.contents().contains("1. A Library for Everyone") && status(s).contains("done")
    });
    // the wheel in the reader scrolls the text, outside the window it does nothing
    lede.send("\x1b[<65;250;80M");
    lede.send("=");
    lede.wait_for("the file's facts", |s| {
        status(s).contains("short.txt · ")
            && status(s).contains(" bytes · 88 words · Lead · row 1 of ")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn counts_a_key_that_does_nothing_and_space_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let mut lede = open(dir.path(), &lib);
    select(&mut lede, "White House envoy");
    lede.send("\r");
    lede.wait_for("the article", |s| status(s).contains("min left"));
    // 5j: five lines, not section 5
    lede.send("5j");
    lede.wait_for("five lines down", |s| {
        status(s).starts_with(" Lead") && !status(s).contains("count")
    });
    lede.send("=");
    lede.wait_for("row 6", |s| status(s).contains(" · row 6 of "));
    // 12 Enter: there is no section 12, and the bar says how many there are
    lede.send("12\r");
    lede.wait_for("no section 12", |s| {
        status(s).starts_with(" no section 12: this article has 5")
    });
    // 50%: the middle
    lede.send("50%");
    lede.wait_for("the middle", |s| status(s).contains(" 50% "));
    lede.send("x");
    lede.wait_for("x does nothing, and says so", |s| {
        status(s).starts_with(" x is not a key here · ? help")
    });
    // Space at the end says where it is, and a second Space goes on to the next unread
    lede.send("G");
    lede.wait_for("the end", |s| status(s).contains("done"));
    lede.send(" ");
    lede.wait_for("the word at the end", |s| {
        status(s).starts_with(" end · Space again: next unread")
    });
    lede.send(" ");
    lede.wait_for("the next unread", |s| {
        s.contents().contains("Harborview Opens Its Doors")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}
