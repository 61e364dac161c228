//! Tags and what is new: `lede tag`, `lede tags`, `lede search --tag`, `lede new`, and in the
//! library (the real binary in a pty) `T` with completion, `#tag` and `-#tag` in the filter,
//! the count of what arrived since last time and `:new`.

#[allow(dead_code)]
mod common;

use assert_cmd::Command;
use common::pty::{status, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const SHORT: &str = include_str!("fixtures/short_article.txt");

fn cli(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lede").unwrap();
    cmd.env_clear()
        .env("HOME", dir)
        .env("LEDE_DATA_DIR", dir.join("data"))
        .env("LEDE_CONFIG", dir.join("config.toml"))
        .current_dir(dir);
    cmd
}

fn stdout(cmd: &mut Command) -> (bool, String) {
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn library(dir: &Path) -> std::path::PathBuf {
    let lib = dir.join("news");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join("seed.txt"), SEED).unwrap();
    std::fs::write(lib.join("short.txt"), SHORT).unwrap();
    lib
}

#[test]
fn tags_from_the_command_line_follow_a_rename_and_narrow_a_search() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    let (ok, out) = stdout(cli(dir.path()).args(["tag", "news/seed.txt", "Ukraine", "#to-read"]));
    assert!(ok, "{out}");
    assert_eq!(out, "news/seed.txt: #to-read #ukraine\n");
    // moved and renamed: the same article, the same tags
    std::fs::rename(lib.join("seed.txt"), lib.join("moved.txt")).unwrap();
    let (_, out) = stdout(cli(dir.path()).args(["tag", "news/moved.txt", "friday"]));
    assert_eq!(out, "news/moved.txt: #friday #to-read #ukraine\n");
    let (_, out) = stdout(cli(dir.path()).args(["tag", "--remove", "news/moved.txt", "friday"]));
    assert_eq!(out, "news/moved.txt: #to-read #ukraine\n");
    stdout(cli(dir.path()).args(["tag", "news/short.txt", "harbour", "to-read"]));
    let (_, out) = stdout(cli(dir.path()).arg("tags"));
    assert_eq!(out, "to-read  2\nharbour  1\nukraine  1\n");
    // the search takes only the articles with the tag
    let (ok, out) = stdout(cli(dir.path()).args(["search", "the", "--tag", "ukraine", "news"]));
    assert!(ok);
    assert!(
        out.contains("moved.txt") && !out.contains("short.txt"),
        "{out}"
    );
    let (ok, out) = stdout(cli(dir.path()).args(["search", "the", "--tag", "to-read", "news"]));
    assert!(
        ok && out.contains("moved.txt") && out.contains("short.txt"),
        "{out}"
    );
    let (ok, _) = stdout(cli(dir.path()).args(["search", "the", "--tag", "nowhere", "news"]));
    assert!(!ok, "no article has that tag: nothing found");
}

fn open(dir: &Path, lib: &Path) -> Lede {
    let data = dir.join("data");
    let config = dir.join("config.toml");
    let lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        30,
        &[lib.to_str().unwrap()],
        &[("LEDE_DATA_DIR", &data), ("LEDE_CONFIG", &config)],
    );
    lede.wait_for("the library", |s| {
        s.contents().contains("Library ·") && s.contents().contains("Harborview")
    });
    lede
}

#[test]
fn t_tags_with_completion_and_the_filter_takes_tags() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    stdout(cli(dir.path()).args(["tag", "news/short.txt", "harbour"]));
    let mut lede = open(dir.path(), &lib);
    lede.wait_for("the tag shown", |s| s.contents().contains("#harbour"));
    // the seed chosen by the filter, then tagged
    lede.send("/White House\r");
    lede.wait_for("filtered", |s| s.contents().contains("1 match"));
    lede.send("T");
    lede.wait_for("the tags prompt", |s| status(s).starts_with(" Tags: "));
    lede.send("ukraine ha\t");
    lede.wait_for("completed", |s| status(s).contains("Tags: ukraine harbour"));
    lede.send("\r");
    lede.wait_for("tagged", |s| status(s).contains("Tagged #ukraine #harbour"));
    lede.send("/");
    lede.wait_for("the filter prompt", |s| status(s).starts_with(" Filter: "));
    lede.send("\x15#harbour -#ukraine\r");
    lede.wait_for("only the short one", |s| {
        s.contents().contains("1 match")
            && s.contents().contains("Harborview")
            && !s.contents().contains("White House envoy")
    });
    lede.send("Q");
    lede.wait_exit();
    let (_, out) = stdout(cli(dir.path()).arg("tags"));
    assert_eq!(out, "harbour  2\nukraine  1\n");
}

#[test]
fn what_arrived_since_the_library_was_last_opened_is_counted_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    // before any visit nothing is new
    let (ok, _) = stdout(cli(dir.path()).args(["new", "--library"]).arg(&lib));
    assert!(!ok);
    let mut lede = open(dir.path(), &lib);
    lede.send("Q");
    lede.wait_exit();
    // a second later two files arrive
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(
        lib.join("one.txt"),
        SHORT.replace("Harborview", "Alderbank"),
    )
    .unwrap();
    std::fs::write(
        lib.join("two.txt"),
        SHORT.replace("Harborview", "Brightwater"),
    )
    .unwrap();
    let (ok, out) = stdout(cli(dir.path()).args(["new", "--library"]).arg(&lib));
    assert!(ok, "{out}");
    let mut listed: Vec<&str> = out.lines().collect();
    listed.sort_unstable();
    assert_eq!(listed.len(), 2, "{out}");
    assert!(
        listed[0].ends_with("one.txt") && listed[1].ends_with("two.txt"),
        "{out}"
    );
    let mut lede = open(dir.path(), &lib);
    lede.wait_for(
        "the count of what is new, and the divider above them",
        |s| {
            let text = s.contents();
            text.contains("Library · 4 articles")
                && text.contains("2 new since")
                && common::pty::find(s, "── new since").is_some_and(|(row, _)| {
                    let below = common::pty::row_text(s, row + 1);
                    below.contains("Alderbank") || below.contains("Brightwater")
                })
        },
    );
    // a click on the row below the divider selects that article, the divider none
    let (row, _) = {
        let term = lede.term();
        common::pty::find(term.screen(), "── new since").unwrap()
    };
    lede.send(format!("\x1b[<0;20;{}M\x1b[<0;20;{}m", row + 2, row + 2));
    lede.wait_for("the row under the divider selected", |s| {
        status(s).contains("one.txt") || status(s).contains("two.txt")
    });
    lede.send(":new\r");
    lede.wait_for("only the new ones", |s| {
        let text = s.contents();
        text.contains("only new")
            && text.contains("Alderbank")
            && text.contains("Brightwater")
            && !text.contains("White House envoy")
    });
    lede.send("Q");
    lede.wait_exit();
}

#[test]
fn a_saved_search_counts_its_unread_articles_and_filters_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let lib = library(dir.path());
    std::fs::write(
        dir.path().join("config.toml"),
        "[searches]\nharbour = \"Harborview\"\n",
    )
    .unwrap();
    stdout(cli(dir.path()).args(["tag", "news/seed.txt", "ukraine"]));
    let mut lede = open(dir.path(), &lib);
    lede.send("/White\r");
    lede.wait_for("filtered", |s| s.contents().contains("1 match"));
    lede.send(":save talks\r");
    lede.wait_for("saved", |s| status(s).contains("saved search talks: White"));
    lede.send("/\x15\r");
    lede.wait_for("the filter cleared", |s| !s.contents().contains("match \""));
    lede.send("F");
    lede.wait_for("the picker", |s| {
        let text = s.contents();
        text.contains("Saved searches and tags")
            && text.contains("talks")
            && text.contains("harbour")
            && text.contains("#ukraine")
            && text.contains("1 unread / 1")
    });
    // read the talks' article: its count goes down
    lede.send("q");
    lede.wait_for("the picker closed", |s| {
        !s.contents().contains("Saved searches and tags")
    });
    lede.send("/White\r");
    lede.wait_for("filtered", |s| s.contents().contains("1 match"));
    lede.send("r");
    lede.wait_for("marked read", |s| status(s).contains("read"));
    lede.send("F");
    lede.wait_for("the picker again", |s| {
        s.contents().contains("Saved searches and tags")
    });
    let row = {
        let term = lede.term();
        let (row, _) = common::pty::find(term.screen(), " talks").expect("talks listed");
        common::pty::row_text(term.screen(), row)
    };
    assert!(row.contains("0 unread / 1"), "{row}");
    // Enter on a pick (the first, by name) filters the list by it
    lede.send("\r");
    lede.wait_for("filtered by harbour", |s| {
        s.contents().contains("match \"Harborview\"") && s.contents().contains("Harborview Opens")
    });
    lede.send("Q");
    lede.wait_exit();
    // kept in lede.db: the next run lists it too
    let mut lede = open(dir.path(), &lib);
    lede.send("F");
    lede.wait_for("the picker", |s| s.contents().contains("talks"));
    lede.send("Q");
    lede.wait_exit();
}
