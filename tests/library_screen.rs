//! The library screen end to end: the real binary in a pseudo-terminal over a folder with a
//! sub-folder, a hidden folder, an empty file and a binary file.

#[allow(dead_code)]
mod common;

use common::pty::{find, row_text, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const PROBE: &str = include_str!("../assets/001_lunar_ice_probe.txt");
const HALL: &str = include_str!("../assets/002_cannery_food_hall.txt");

fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

/// A reef article: the probe's text under a title of its own.
fn reef() -> String {
    format!("Coral reef survey finds recovery\n{PROBE}")
}

fn library(dir: &Path) {
    std::fs::write(dir.join("seed.txt"), SEED).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub").join("reef.txt"), reef()).unwrap();
    std::fs::write(dir.join("sub").join("hall.txt"), HALL).unwrap();
    std::fs::create_dir(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join(".hidden").join("secret.txt"), SEED).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 7, 0].repeat(200),
    )
    .unwrap();
}

fn open(dir: &Path) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        30,
        &["library"],
        Some(&dir.join("data")),
    );
    lede.wait_for("every file listed and read", |s| {
        s.contents().contains("Library · 5 articles")
            && s.contents().contains("Coral reef survey finds recovery")
            && !status(s).contains("reading ")
    });
    lede
}

#[test]
fn browse_filter_open_back_next_unread_and_search() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    std::fs::create_dir(&dir).unwrap();
    library(&dir);
    let mut lede = open(root.path());
    // the bad files are rows, marked, and the hidden folder is skipped
    lede.wait_for("the bad files marked", |s| {
        let text = s.contents();
        text.contains("empty.txt")
            && text.contains("binary.txt")
            && text.matches("not an article").count() == 2
            && !text.contains("secret")
    });
    // filter as you type, open, and back to the same row with the filter kept
    lede.send("/reef");
    // fuzzy, best first: the reef article at the top, selected
    lede.wait_for("the filter", |s| {
        s.contents().contains("match \"reef\"")
            && row_text(s, 1).contains("Coral reef survey")
            && status(s).starts_with(" Filter: reef")
    });
    lede.send("\r");
    lede.wait_for("the filter kept after Enter", |s| {
        status(s).contains("reef.txt")
    });
    lede.send("\r");
    lede.wait_for("the reef article", |s| {
        s.contents().contains("A Quiet Landing at the Pole")
    });
    lede.send("q");
    lede.wait_for("back in the library at the reef row, filtered", |s| {
        s.contents().contains("match \"reef\"") && status(s).contains("reef.txt")
    });
    // Esc clears the filter; opening a file that is not an article says why
    lede.send("\x1b");
    lede.wait_for("the filter cleared", |s| {
        !s.contents().contains("match \"reef\"")
    });
    let empty_row = lede
        .term()
        .screen()
        .contents()
        .lines()
        .position(|l| l.contains("empty.txt"))
        .expect("the empty file's row");
    lede.send("g");
    for _ in 1..empty_row {
        lede.send("j");
    }
    lede.wait_for("the empty file selected", |s| {
        status(s).contains("empty.txt")
    });
    lede.send("\r");
    lede.wait_for("why it does not open", |s| {
        status(s).contains("empty.txt: empty file")
    });
    // the next unread article, from the list
    lede.send("U");
    lede.wait_for("an article opened by U", |s| find(s, "Contents").is_some());
    lede.send("q");
    lede.wait_for("the library", |s| {
        s.contents().contains("Library · 5 articles")
    });
    // a full-text search, opening the hit at its section
    lede.wait_for("the index built", |s| !status(s).contains("indexing"));
    lede.send("SZelenskyy\r");
    lede.wait_for("the search results", |s| {
        s.contents().contains("Search \"Zelenskyy\"")
            && s.contents().contains("Recent Developments in Ukraine")
    });
    lede.send("\r");
    lede.wait_for("the hit opened at its section, the match lit", |s| {
        row_text(s, 1).contains("3. Recent Developments in Ukraine")
            && status(s).contains("match 1/")
    });
    lede.send("Q");
    let status = lede.wait_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn rescan_finds_new_files_and_drops_deleted_ones() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    std::fs::create_dir(&dir).unwrap();
    library(&dir);
    let mut lede = open(root.path());
    std::fs::remove_file(dir.join("empty.txt")).unwrap();
    std::fs::write(
        dir.join("sub").join("new.txt"),
        format!("A brand new article arrives\n{HALL}"),
    )
    .unwrap();
    lede.send("R");
    lede.wait_for("the new file listed, the deleted one gone", |s| {
        s.contents().contains("A brand new article arrives") && !s.contents().contains("empty.txt")
    });
    lede.send("q");
    let status = lede.wait_exit();
    assert!(status.success(), "{status:?}");
}
