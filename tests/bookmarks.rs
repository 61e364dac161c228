//! Bookmarks and reading positions end to end: the real binary in a pseudo-terminal, two runs
//! sharing one data folder, then the command line reading what the reader saved.

#[allow(dead_code)]
mod common;

use assert_cmd::Command;
use common::pty::{find, row_text, Lede};
use std::path::Path;

const SAMPLE_TEXT: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

fn open(dir: &Path, file: &Path, cols: u16, rows: u16) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        cols,
        rows,
        &[file.to_str().unwrap()],
        Some(&dir.join("data")),
    );
    lede.wait_for("the first frame", |s| {
        s.alternate_screen() && status(s).contains("help")
    });
    lede
}

fn quit(lede: &mut Lede) {
    lede.send("q");
    let status = lede.wait_exit();
    assert!(status.success(), "lede exited with {status:?}");
}

fn cli(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lede").unwrap();
    cmd.env_clear()
        .env("HOME", dir)
        .env("LEDE_DATA_DIR", dir.join("data"))
        .env("LEDE_CONFIG", dir.join("config.toml"))
        .current_dir(dir);
    cmd
}

#[test]
fn bookmark_resume_list_open_and_export_survive_a_rename() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SAMPLE_TEXT).unwrap();

    // first run: section 3, bookmark it, quit
    let mut lede = open(dir.path(), &file, 100, 30);
    lede.send("3");
    lede.wait_for("section 3", |s| {
        status(s).starts_with(" 3/5 Recent Developments")
    });
    lede.send("b");
    lede.wait_for("the confirmation", |s| {
        status(s).starts_with(" Bookmarked 3 Recent Developments in Ukraine")
    });
    lede.wait_for("the sidebar's mark", |s| {
        find(s, "Recent Developments… •").is_some()
    });
    quit(&mut lede);

    // second run, another size: back at section 3
    let mut lede = open(dir.path(), &file, 70, 20);
    lede.wait_for("the resumed position", |s| {
        status(s).starts_with(" Resumed at 3/5 Recent Developments")
            && row_text(s, 1).contains("3. Recent Developments in Ukraine")
    });
    lede.send("g");
    lede.wait_for("the top", |s| row_text(s, 1).contains("In a significant"));
    // the bookmarks list, and Enter opens the bookmark
    lede.send("B");
    lede.wait_for("the bookmarks list", |s| {
        s.contents().contains("Bookmarks (1)")
            && s.contents().contains("3 Recent Developments in Ukraine")
            && s.contents().contains("just now")
    });
    lede.send("\r");
    lede.wait_for("the bookmark opened", |s| {
        row_text(s, 1).contains("3. Recent Developments in Ukraine")
            && status(s).contains("Bookmark: 3 Recent Developments")
    });
    quit(&mut lede);

    // the command line sees it
    let out = cli(dir.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let bookmarks = json["bookmarks"].as_array().unwrap();
    assert_eq!(bookmarks.len(), 1);
    assert_eq!(bookmarks[0]["part"], "section");
    assert_eq!(bookmarks[0]["index"], 2);
    assert_eq!(bookmarks[0]["heading"], "Recent Developments in Ukraine");
    assert!(bookmarks[0]["path"].as_str().unwrap().ends_with("a.txt"));

    // renamed and moved: found by its fingerprint, position and bookmark kept
    let moved = dir.path().join("moved");
    std::fs::create_dir(&moved).unwrap();
    let renamed = moved.join("renamed.txt");
    std::fs::rename(&file, &renamed).unwrap();
    let mut lede = open(dir.path(), &renamed, 100, 30);
    lede.wait_for("the resumed position and mark after a rename", |s| {
        row_text(s, 1).contains("3. Recent Developments in Ukraine")
            && find(s, "Recent Developments… •").is_some()
    });
    quit(&mut lede);
    let out = cli(dir.path()).args(["bookmarks"]).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("ARTICLE"), "{table}");
    assert!(
        table.contains("3 Recent Developments in Ukraine"),
        "{table}"
    );
}

#[test]
fn a_note_the_list_delete_undo_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SAMPLE_TEXT).unwrap();
    let mut lede = open(dir.path(), &file, 100, 30);
    lede.send("2");
    lede.wait_for("section 2", |s| status(s).starts_with(" 2/5 U.S. Strategy"));
    lede.send("m");
    lede.wait_for("the note prompt", |s| status(s).starts_with(" Note: "));
    lede.send("ask the editor\r");
    lede.wait_for("the confirmation", |s| {
        status(s).starts_with(" Bookmarked 2 U.S. Strategy and Reaction with a note")
    });
    // b again on the same place removes it; b once more brings it back
    lede.send("b");
    lede.wait_for("removed", |s| {
        status(s).starts_with(" Bookmark removed: 2 U.S. Strategy")
    });
    lede.send("m");
    lede.send("ask the editor\r");
    lede.wait_for("bookmarked again", |s| status(s).contains("with a note"));
    lede.send("5");
    lede.wait_for("section 5", |s| status(s).starts_with(" 5/5 Future"));
    lede.send("b");
    lede.wait_for("second bookmark", |s| {
        status(s).starts_with(" Bookmarked 5 Future")
    });
    // ' goes round the bookmarks
    lede.send("'");
    lede.wait_for("the first bookmark again", |s| {
        row_text(s, 1).contains("2. U.S. Strategy and Reaction")
    });
    lede.send("B");
    lede.wait_for("both listed, the note shown", |s| {
        s.contents().contains("Bookmarks (2)") && s.contents().contains("ask the editor")
    });
    // newest first: section 5 is selected; delete it, then undo
    lede.send("d");
    lede.wait_for("deleted", |s| s.contents().contains("Bookmarks (1)"));
    lede.send("u");
    lede.wait_for("restored", |s| s.contents().contains("Bookmarks (2)"));
    lede.send("/editor");
    lede.wait_for("filtered", |s| s.contents().contains("Bookmarks (1 of 2"));
    lede.send("\x1b");
    lede.wait_for("filter cleared", |s| s.contents().contains("Bookmarks (2)"));
    lede.send("\x1b");
    lede.wait_for("back in the article", |s| {
        !s.contents().contains("Bookmarks (2)")
    });
    quit(&mut lede);
    let out = cli(dir.path())
        .args(["bookmarks", "--markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(out.stdout).unwrap();
    assert!(markdown.starts_with("# Bookmarks\n"), "{markdown}");
    assert!(
        markdown.contains("### 2 U.S. Strategy and Reaction"),
        "{markdown}"
    );
    assert!(markdown.contains("\n> "), "{markdown}");
    assert!(markdown.contains("\nask the editor\n"), "{markdown}");
    assert_eq!(markdown.matches("### ").count(), 2, "{markdown}");
}

#[test]
fn import_merges_an_export_from_another_machine() {
    let here = tempfile::tempdir().unwrap();
    let there = tempfile::tempdir().unwrap();
    let file = there.path().join("a.txt");
    std::fs::write(&file, SAMPLE_TEXT).unwrap();
    let mut lede = open(there.path(), &file, 100, 30);
    lede.send("4");
    lede.wait_for("section 4", |s| status(s).starts_with(" 4/5 Humanitarian"));
    lede.send("b");
    lede.wait_for("bookmarked", |s| status(s).starts_with(" Bookmarked 4"));
    quit(&mut lede);
    let export = cli(there.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    let json = here.path().join("export.json");
    std::fs::write(&json, &export.stdout).unwrap();
    for expected in ["1 added", "0 added"] {
        let out = cli(here.path())
            .args(["bookmarks", "import", json.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success());
        let said = String::from_utf8(out.stderr).unwrap();
        assert!(said.contains(expected), "{said}");
    }
    let out = cli(here.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bookmarks"].as_array().unwrap().len(), 1);
    // a file that is not an export: one line naming it
    std::fs::write(here.path().join("bad.json"), "[1, 2]").unwrap();
    let out = cli(here.path())
        .args(["bookmarks", "import", "bad.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(
        said.starts_with("lede: bad.json: not a lede bookmarks export"),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
}

#[test]
fn a_locked_database_costs_no_frame_and_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SAMPLE_TEXT).unwrap();
    // another lede holds the write lock the whole time the reader starts and is used
    let data = dir.path().join("data");
    drop(lede::store::Store::open_in(&data).store.expect("a store"));
    let locker = rusqlite::Connection::open(data.join("lede.db")).unwrap();
    locker.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let mut lede = open(dir.path(), &file, 100, 30);
    lede.send("3");
    lede.wait_for("section 3 while the store is locked", |s| {
        status(s).starts_with(" 3/5 Recent Developments")
    });
    lede.send("b");
    lede.wait_for("the bookmark confirmed at once", |s| {
        status(s).starts_with(" Bookmarked 3 Recent Developments in Ukraine")
    });
    lede.send("4");
    lede.wait_for("still reading", |s| {
        status(s).starts_with(" 4/5 Humanitarian")
    });
    // the lock goes; quitting writes what waited
    locker.execute_batch("COMMIT;").unwrap();
    quit(&mut lede);
    let out = cli(dir.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["bookmarks"].as_array().unwrap().len(), 1, "{json}");
}

#[test]
fn a_damaged_database_is_set_aside_with_a_notice_and_reading_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SAMPLE_TEXT).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("lede.db"),
        b"not a database at all, just words ".repeat(64),
    )
    .unwrap();
    let mut lede = open(dir.path(), &file, 100, 30);
    lede.wait_for("the notice", |s| status(s).contains("moved aside"));
    lede.send("b");
    lede.wait_for("bookmarks work again", |s| {
        status(s).starts_with(" Bookmarked")
    });
    quit(&mut lede);
    // said again on stderr once the screen is given back
    let said = String::from_utf8_lossy(&lede.term().output).into_owned();
    assert!(
        said.contains("lede: ") && said.contains("was damaged"),
        "{said}"
    );
    let aside = std::fs::read_dir(&data)
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("lede.db.corrupt-")
        });
    assert!(aside);
}
