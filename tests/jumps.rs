//! A jump is "here" even when the view cannot bring its target to the top: in a short article
//! that fits the screen, and near the end of a long one. The real binary in a pty: each
//! section's number, then `y` and `b`, act on that section; the resume returns to it.

#[allow(dead_code)]
mod common;

use assert_cmd::Command;
use common::pty::{status, unbase64, Lede};
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

/// Each section's heading and first paragraph, from `lede parse`.
fn sections(dir: &Path, file: &Path) -> Vec<(String, String)> {
    let out = cli(dir).arg("parse").arg(file).output().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["sections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["heading"].as_str().unwrap().to_owned(),
                s["paragraphs"][0].as_str().unwrap().to_owned(),
            )
        })
        .collect()
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

fn copied(lede: &Lede) -> String {
    let term = lede.term();
    let data = term.parser.callbacks().clipboard.last().cloned();
    String::from_utf8(unbase64(&data.expect("an OSC 52 sequence"))).unwrap()
}

/// Every section by its number: the bar names it, `y` copies its heading and first paragraph,
/// `b` bookmarks it; then the last one jumped to is where the next run resumes.
fn every_section_is_here_after_its_jump(text: &str, cols: u16, rows: u16) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, text).unwrap();
    let sections = sections(dir.path(), &file);
    let count = sections.len();
    let mut lede = open(dir.path(), &file, cols, rows);
    for (i, (heading, paragraph)) in sections.iter().enumerate() {
        let n = i + 1;
        lede.send(n.to_string());
        let place = format!(" {n}/{count} {}", &heading[..heading.len().min(12)]);
        lede.wait_for("the bar naming the section", |s| {
            status(s).starts_with(&place)
        });
        lede.send("y");
        lede.wait_for("the copy", |s| {
            status(s).starts_with(" Copied heading and paragraph (")
                && status(s).contains(&format!("from {n} "))
        });
        let text = copied(&lede);
        assert!(
            text.starts_with(&format!("{heading}\n\n{paragraph}\n\n— ")),
            "{n}: {text}"
        );
        lede.send("b");
        lede.wait_for("the bookmark", |s| {
            status(s).starts_with(&format!(" Bookmarked {n} "))
        });
    }
    // the last section jumped to is left as the place: the next run comes back to it
    lede.send("q");
    assert!(lede.wait_exit().success());
    let out = cli(dir.path())
        .args(["bookmarks", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut marked: Vec<(u64, String)> = json["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            assert_eq!(b["part"], "section", "{b}");
            (
                b["index"].as_u64().unwrap(),
                b["heading"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    marked.sort();
    let expected: Vec<(u64, String)> = sections
        .iter()
        .enumerate()
        .map(|(i, (h, _))| (i as u64, h.clone()))
        .collect();
    assert_eq!(marked, expected);
    let mut lede = open(dir.path(), &file, cols, rows);
    let (last, _) = &sections[count - 1];
    lede.wait_for("the resume at the last section", |s| {
        status(s).starts_with(&format!(" Resumed at {count}/{count} {}", &last[..8]))
    });
    lede.send("y");
    lede.wait_for("the copy after the resume", |s| {
        status(s).contains(&format!("from {count} "))
    });
    lede.send("q");
    assert!(lede.wait_exit().success());
}

#[test]
fn a_short_article_at_120x40() {
    every_section_is_here_after_its_jump(SHORT, 120, 40);
}

#[test]
fn a_short_article_at_200x60() {
    every_section_is_here_after_its_jump(SHORT, 200, 60);
}

#[test]
fn the_seed_at_120x40() {
    every_section_is_here_after_its_jump(SEED, 120, 40);
}

#[test]
fn the_seed_at_200x60() {
    every_section_is_here_after_its_jump(SEED, 200, 60);
}

/// Scrolling by hand after a jump goes back to the rule of the top of the pane.
#[test]
fn a_scroll_after_the_jump_returns_to_the_top_of_the_pane() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SHORT).unwrap();
    let mut lede = open(dir.path(), &file, 120, 40);
    lede.send("2");
    lede.wait_for("section 2 is here", |s| {
        status(s).starts_with(" 2/2 Changing With the Times")
            && s.contents().contains("▶ 2. Changing With the Times")
    });
    lede.send("k");
    lede.wait_for("the lead again", |s| {
        status(s).starts_with(" Lead") && !s.contents().contains('▶')
    });
    lede.send("]");
    lede.wait_for("] from the lead", |s| {
        status(s).starts_with(" 1/2 A Library")
    });
    lede.send("]");
    lede.wait_for("] again", |s| status(s).starts_with(" 2/2 Changing"));
    lede.send("[");
    lede.wait_for("[ back", |s| status(s).starts_with(" 1/2 A Library"));
    lede.send("q");
    assert!(lede.wait_exit().success());
}

/// `[` from the first section goes back to the lead even where nothing scrolls, and `G` at the
/// bottom makes the section the bar names "here" for `b`.
#[test]
fn back_to_the_lead_and_the_bottom_are_here_too() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SHORT).unwrap();
    let mut lede = open(dir.path(), &file, 120, 40);
    lede.send("1");
    lede.wait_for("section 1", |s| status(s).starts_with(" 1/2 A Library"));
    lede.send("[");
    lede.wait_for("the lead", |s| status(s).starts_with(" Lead"));
    lede.send("b");
    lede.wait_for("the lead bookmarked", |s| {
        status(s).starts_with(" Bookmarked Lead")
    });
    lede.send("q");
    assert!(lede.wait_exit().success());
    let seed = dir.path().join("seed.txt");
    std::fs::write(&seed, SEED).unwrap();
    let mut lede = open(dir.path(), &seed, 200, 60);
    lede.send("G");
    let named = |s: &vt100::Screen| {
        let bar = status(s);
        bar.split_whitespace().next().map(str::to_owned)
    };
    lede.wait_for("the bottom", |s| status(s).contains("done"));
    let place = {
        let term = lede.term();
        named(term.screen()).unwrap()
    };
    lede.send("b");
    lede.wait_for("the bookmark where the bar said", |s| {
        let bar = status(s);
        bar.starts_with(" Bookmarked ") && !bar.starts_with(" Bookmarked Lead")
    });
    let bar = {
        let term = lede.term();
        status(term.screen())
    };
    // the bar said e.g. "FAQ" or "5/5 …": the bookmark is on that part
    let part = place.split('/').next().unwrap().to_owned();
    assert!(
        bar.contains(&part) || (place == "FAQ" && bar.contains("FAQ")),
        "{place} vs {bar}"
    );
    lede.send("q");
    assert!(lede.wait_exit().success());
}
