//! Sync in the reader, end to end: the real binary in a pseudo-terminal on two machines (two
//! data folders, one sync folder). It syncs at its start, at a flush (here Ctrl-Z) and before
//! it quits, and its status bar says what came from the other machine.

#[allow(dead_code)]
mod common;
mod sync_support;

use common::pty::{row_text, Lede};
use std::path::{Path, PathBuf};
use sync_support::Machine;

const SAMPLE_TEXT: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

/// The reader on `file`, on this machine.
fn open(machine: &Machine, file: &Path) -> Lede {
    let vars = machine.vars();
    let vars: Vec<(&str, &Path)> = vars.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        machine.root.path(),
        100,
        30,
        &[file.to_str().unwrap()],
        &vars,
    );
    lede.wait_for("the first frame", |s| s.alternate_screen());
    lede
}

fn quit(lede: &mut Lede) {
    lede.send("q");
    let status = lede.wait_exit();
    assert!(status.success(), "lede exited with {status:?}");
}

fn copy_of_the_sample(machine: &Machine) -> PathBuf {
    let file = machine.root.path().join("home/news.txt");
    std::fs::write(&file, SAMPLE_TEXT).unwrap();
    file
}

#[test]
fn the_reader_syncs_at_start_at_a_flush_and_before_it_quits_and_says_what_came() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let b = Machine::new(folder.path());
    let host = lede::sync::host::name();
    let file_a = copy_of_the_sample(&a);
    let file_b = copy_of_the_sample(&b);

    // on a: section 3 bookmarked; quitting writes it to a's log
    let mut reader = open(&a, &file_a);
    reader.send("3");
    reader.wait_for("section 3", |s| {
        status(s).starts_with(" 3/5 Recent Developments")
    });
    reader.send("b");
    reader.wait_for("the confirmation", |s| {
        status(s).starts_with(" Bookmarked 3 Recent Developments")
    });
    quit(&mut reader);

    // on b, the same article at another path: where a left it, a's mark in the sidebar, and
    // the status bar says so
    let mut reader = open(&b, &file_b);
    reader.wait_for("what came from a", |s| {
        status(s).contains(&format!("a bookmark and a position from {host}"))
            && row_text(s, 1).contains("3. Recent Developments in Ukraine")
            && s.contents().contains("Recent Developments… •")
    });

    // meanwhile a bookmarks section 2 (in its reader, which resumes at 3)
    let mut other = open(&a, &file_a);
    other.wait_for("a resumed", |s| {
        row_text(s, 1).contains("3. Recent Developments in Ukraine")
    });
    other.send("2");
    other.wait_for("section 2", |s| status(s).starts_with(" 2/5 "));
    other.send("b");
    other.wait_for("the confirmation", |s| {
        status(s).starts_with(" Bookmarked 2 ")
    });
    quit(&mut other);

    // and on b, another process imports a bookmark of another article while the reader runs
    let export = b.root.path().join("export.json");
    std::fs::write(
        &export,
        r#"{"version":1,"bookmarks":[{"article":"Elsewhere","fingerprint":"00ff00ff00ff00ff",
            "part":"lead","paragraph":0,"quote":"The lead","note":"imported","saved":"2025-01-01T00:00:00Z"}]}"#,
    )
    .unwrap();
    b.lede(&["bookmarks", "import", export.to_str().unwrap()]);

    // b, suspended and back: the flush before the suspend synced; the open article has both
    reader.send("\x1a");
    reader.wait_until("the terminal given back", |t| {
        !t.screen().alternate_screen()
    });
    let sent = std::process::Command::new("kill")
        .args(["-CONT", &reader.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    reader.wait_for("what came from a since", |s| {
        s.alternate_screen() && status(s).contains(&format!("from {host}"))
    });
    reader.send("B");
    reader.wait_for("both of a's bookmarks and the import in b's list", |s| {
        s.contents().contains("Bookmarks (3)")
    });
    reader.send("q");
    reader.wait_for("the article again", |s| {
        row_text(s, 1).contains("3. Recent Developments in Ukraine")
    });
    // b bookmarks section 4; quitting syncs it out
    reader.send("4");
    reader.wait_for("section 4", |s| status(s).starts_with(" 4/5 "));
    reader.send("b");
    reader.wait_for("the confirmation", |s| {
        status(s).starts_with(" Bookmarked 4 ")
    });
    quit(&mut reader);

    let said = a.lede(&["sync", "now"]);
    // b's section 4 and the import, which the reader found was made without it
    assert!(
        said.contains(&format!("merged 2 bookmarks and a position from {host}")),
        "{said}"
    );
    let (here, there) = (a.state(), b.state());
    assert_eq!(here.bookmarks.len(), 4);
    assert_eq!(here, there);
}

#[test]
fn a_reader_without_a_sync_folder_writes_nothing_anywhere_but_its_store() {
    let folder = tempfile::tempdir().unwrap();
    let mut a = Machine::new(folder.path());
    a.sync = None;
    let file = copy_of_the_sample(&a);
    let mut reader = open(&a, &file);
    reader.send("3");
    reader.wait_for("section 3", |s| status(s).starts_with(" 3/5 "));
    reader.send("b");
    reader.wait_for("the confirmation", |s| {
        status(s).starts_with(" Bookmarked 3 ")
    });
    quit(&mut reader);
    assert_eq!(std::fs::read_dir(folder.path()).unwrap().count(), 0);
    // what it did waits in lede.db for a folder: the first sync writes it
    let status = a.lede(&["sync", "status"]);
    assert!(status.starts_with("sync is off"), "{status}");
    let folder_arg = folder.path().to_str().unwrap();
    let said = a.lede(&["sync", "init", folder_arg]);
    assert!(said.contains("3 changes new"), "{said}");
    let b = Machine::new(folder.path());
    let said = b.lede(&["sync", "now"]);
    assert!(
        said.contains("merged a bookmark and a position from "),
        "{said}"
    );
}
