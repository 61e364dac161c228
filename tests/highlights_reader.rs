//! Highlights as a person makes and finds them, the real binary in a pty: three words chosen
//! with `w` and saved, drawn highlighted (and nothing else) after a restart at another width,
//! the sidebar's mark, `}`, `y` of a highlight, a selection made with the mouse, and the
//! JSON and Markdown forms.

#[allow(dead_code)]
mod common;

use assert_cmd::Command;
use common::pty::{find, status, unbase64, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

fn cli(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("lede").unwrap();
    cmd.env_clear()
        .env("HOME", dir)
        .env("LEDE_DATA_DIR", dir.join("data"))
        .env("LEDE_CONFIG", dir.join("config.toml"))
        .current_dir(dir);
    cmd
}

fn open(dir: &Path, file: &Path, cols: u16, rows: u16) -> Lede {
    let lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        cols,
        rows,
        &[file.to_str().unwrap()],
        &[
            ("LEDE_DATA_DIR", &dir.join("data")),
            ("LEDE_CONFIG", &dir.join("config.toml")),
        ],
    );
    lede.wait_for("the first frame", |s| {
        s.alternate_screen() && status(s).contains("help")
    });
    lede
}

/// The store's highlights, from `lede bookmarks --json`.
fn highlights(dir: &Path) -> Vec<serde_json::Value> {
    let out = cli(dir).args(["bookmarks", "--json"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["highlights"].as_array().cloned().unwrap_or_default()
}

/// The text of every cell drawn on highlight colour 1's background, row by row, and the
/// rows it is on.
fn highlighted_text(screen: &vt100::Screen) -> (String, Vec<u16>) {
    let (rows, cols) = screen.size();
    let mut text = String::new();
    let mut on = Vec::new();
    for row in 0..rows.get() {
        let mut line = String::new();
        for col in 0..cols.get() {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.bgcolor() == vt100::Color::Idx(2) {
                line.push_str(if cell.has_contents() {
                    cell.contents()
                } else {
                    " "
                });
            }
        }
        if !line.is_empty() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line.trim());
            on.push(row);
        }
    }
    (text, on)
}

#[test]
fn three_words_selected_with_w_are_saved_and_drawn_again_at_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::write(&file, SEED).unwrap();
    let mut lede = open(dir.path(), &file, 120, 40);
    lede.send("2");
    lede.wait_for("section 2", |s| status(s).starts_with(" 2/5 U.S. Strategy"));
    // the first sentence of the paragraph under the heading, then its first word, then three
    lede.send("h");
    lede.wait_for("a selection", |s| status(s).contains("words · Enter save"));
    lede.send("0");
    lede.wait_for("one word", |s| status(s).starts_with(" 1 word ·"));
    lede.send("ww");
    lede.wait_for("three words", |s| status(s).starts_with(" 3 words ·"));
    lede.send("\r");
    lede.wait_for("the notice", |s| {
        status(s).contains("Highlighted 3 words in 2 U.S. Strategy and Reaction")
    });
    // the sidebar marks the section
    lede.wait_for("the sidebar's mark", |s| {
        common::pty::row_text(s, find(s, "2 U.S. Strategy and Reaction").unwrap().0).contains('▪')
    });
    lede.send("Q");
    lede.wait_exit();

    let saved = highlights(dir.path());
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0]["words"], "During the meeting,");
    assert_eq!(saved[0]["part"], "section");
    assert_eq!(saved[0]["colour"], 1);

    // at another width, the same three words are drawn highlighted and nothing else is
    let mut lede = open(dir.path(), &file, 90, 30);
    // } goes to it from the top; the same three words are drawn highlighted, nothing else
    lede.send("}");
    lede.wait_for("the step", |s| status(s).contains("highlight 1/1"));
    lede.wait_for("the highlight drawn", |s| {
        highlighted_text(s).0 == "During the meeting,"
    });
    // and y copies its exact words
    lede.send("y");
    lede.wait_for("the copy", |s| status(s).contains("Copied highlight"));
    let copied = {
        let term = lede.term();
        let data = term.parser.callbacks().clipboard.last().cloned();
        String::from_utf8(unbase64(&data.expect("an OSC 52 sequence"))).unwrap()
    };
    assert!(
        copied.starts_with("During the meeting,\n\n— "),
        "{copied:?}"
    );
    // the marks list holds it with its words; H shows the highlights alone; e notes it;
    // Enter goes back to it in the article
    lede.send("B");
    lede.wait_for("the marks list", |s| {
        s.contents().contains("Bookmarks and highlights (1)")
            && s.contents()
                .contains("▪ highlight · 2 U.S. Strategy and Reaction")
            && s.contents().contains("“During the meeting,”")
    });
    lede.send("H");
    lede.wait_for("only highlights", |s| {
        s.contents().contains("Highlights (1 of 1)")
    });
    lede.send("e");
    lede.wait_for("the note prompt", |s| status(s).contains("Edit note:"));
    lede.send("the key quote\r");
    lede.wait_for("the note shown", |s| s.contents().contains("the key quote"));
    lede.send("\r");
    lede.wait_for("back in the article at it", |s| {
        !s.contents().contains("Highlights (") && highlighted_text(s).0 == "During the meeting,"
    });
    lede.send("Q");
    lede.wait_exit();

    let markdown = cli(dir.path())
        .args(["bookmarks", "--markdown"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert_eq!(highlights(dir.path())[0]["note"], "the key quote");
    assert!(
        markdown
            .contains("### Highlight · 2 U.S. Strategy and Reaction\n\n> During the meeting,\n"),
        "{markdown}"
    );
}

#[test]
fn a_press_and_a_release_of_the_mouse_select_the_words_between() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::write(&file, SEED).unwrap();
    let mut lede = open(dir.path(), &file, 120, 40);
    lede.send("2");
    lede.wait_for("section 2", |s| status(s).starts_with(" 2/5 U.S. Strategy"));
    let (row, white) = {
        let term = lede.term();
        find(term.parser.screen(), "White House press").expect("the words on screen")
    };
    let press_end = white + "White House pr".len() as u16;
    // SGR reports are 1-based: press on "White", let go inside "press"
    lede.send(format!("\x1b[<0;{};{}M", white + 1, row + 1));
    lede.send(format!("\x1b[<0;{};{}m", press_end + 1, row + 1));
    lede.wait_for("three words", |s| status(s).starts_with(" 3 words ·"));
    // a colour, and a note typed for it
    lede.send("3");
    lede.wait_for("colour 3", |s| status(s).contains("colour 3"));
    lede.send("m");
    lede.wait_for("the note prompt", |s| status(s).contains("Note:"));
    lede.send("who spoke\r");
    lede.wait_for("saved", |s| status(s).contains("with a note"));
    lede.send("Q");
    lede.wait_exit();
    let saved = highlights(dir.path());
    assert_eq!(saved.len(), 1, "{saved:?}");
    assert_eq!(saved[0]["words"], "White House press");
    assert_eq!(saved[0]["note"], "who spoke");
    assert_eq!(saved[0]["colour"], 3);
}
