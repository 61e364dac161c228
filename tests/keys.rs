//! Keys as the hands of less, vim, helix and newsboat users expect them: the real binary in a
//! pseudo-terminal, keys in, the screen read back.

#[allow(dead_code)]
mod common;

use common::pty::{find_all, row_text, unbase64, Lede};
use std::path::Path;

const SAMPLE: &str = "assets/000_addf95f289c0a8cc.txt";

fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

fn open_with(data: Option<&Path>, cols: u16, rows: u16) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        common::pty::repo_root(),
        cols,
        rows,
        &[SAMPLE],
        data,
    );
    lede.wait_for("the first frame", |s| {
        s.alternate_screen() && status(s).contains("help")
    });
    lede
}

fn open() -> Lede {
    open_with(None, 100, 30)
}

fn quit(lede: &mut Lede) {
    lede.send("Q");
    let status = lede.wait_exit();
    assert!(status.success(), "lede exited with {status:?}");
}

/// Whether some cell of `word` on screen has a background colour (a lit match).
fn lit(screen: &vt100::Screen, word: &str) -> bool {
    find_all(screen, word).into_iter().any(|(row, col)| {
        screen
            .cell(row, col)
            .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
    })
}

#[test]
fn q_backs_out_of_help_and_views_one_level_at_a_time() {
    let mut lede = open();
    lede.send("3");
    lede.wait_for("section 3", |s| status(s).starts_with(" 3/5 Recent"));
    lede.send("?");
    lede.wait_for("help", |s| s.contents().contains("Keys — Esc closes"));
    lede.send("q");
    lede.wait_for("help closed, same place", |s| {
        !s.contents().contains("Keys — Esc closes") && status(s).starts_with(" 3/5 Recent")
    });
    lede.send("t");
    lede.wait_for("key points", |s| status(s).starts_with(" Key Points"));
    lede.send("q");
    lede.wait_for("the article at the same place", |s| {
        status(s).starts_with(" 3/5 Recent") && row_text(s, 0).contains("3. Recent Developments")
    });
    lede.send("q");
    let status = lede.wait_exit();
    assert!(status.success());
}

#[test]
fn every_key_that_cannot_act_says_why() {
    let mut lede = open();
    lede.send("7");
    lede.wait_for("no section 7", |s| {
        status(s).starts_with(" no section 7: this article has 5")
    });
    lede.send("n");
    lede.wait_for("no search yet", |s| status(s).starts_with(" no search yet"));
    lede.send("'");
    lede.wait_for("no bookmarks", |s| {
        status(s).starts_with(" no bookmarks in this article")
    });
    quit(&mut lede);
}

#[test]
fn search_lights_matches_as_you_type_and_esc_puts_the_view_back() {
    let mut lede = open();
    lede.send("/Zelensk");
    lede.wait_for("the match lit and shown before Enter", |s| {
        status(s).starts_with(" /Zelensk▏") && lit(s, "Zelensk")
    });
    lede.send("\x1b");
    // the prompt gone too: an ESC still pending would make the `/` sent next an Alt-/
    lede.wait_for("the view back at the top, nothing lit", |s| {
        row_text(s, 0).contains("In a significant")
            && !lit(s, "Witkoff")
            && !lit(s, "Zelensk")
            && !status(s).starts_with(" /")
    });
    // Enter keeps the matches; / Enter repeats the last search
    lede.send("/Witkoff\r");
    lede.wait_for("the search done", |s| status(s).contains("match 1/"));
    // Esc and g apart: in one read they are Alt-g
    lede.send("\x1b");
    lede.wait_for("the matches put out", |s| !lit(s, "Witkoff"));
    lede.send("g");
    lede.send("/\r");
    lede.wait_for("the last search again", |s| status(s).contains("match 1/"));
    // n wraps round with a notice: the eighth of eight matches, then the first again
    for _ in 0..8 {
        lede.send("n");
    }
    lede.wait_for("the wrap notice", |s| {
        status(s).starts_with(" search hit BOTTOM, continuing at TOP")
    });
    quit(&mut lede);
}

#[test]
fn search_history_survives_a_restart_and_the_prompt_edits_like_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut lede = open_with(Some(&data), 100, 30);
    lede.send("/ceasefire\r");
    lede.wait_for("searched", |s| status(s).contains("match 1/"));
    quit(&mut lede);
    let mut lede = open_with(Some(&data), 100, 30);
    lede.send("/");
    lede.wait_for("the prompt", |s| status(s).starts_with(" /▏"));
    lede.send("\x1b[A");
    lede.wait_for("the last search from history", |s| {
        status(s).starts_with(" /ceasefire▏")
    });
    // Left twice, then a letter goes in before the cursor
    lede.send("\x1b[D\x1b[DX");
    lede.wait_for("edited at the cursor", |s| {
        status(s).starts_with(" /ceasefiX▏re")
    });
    // Q is a letter while typing: Esc leaves the prompt first (and alone, or it is Alt-Q)
    lede.send("\x1b");
    lede.wait_for("the prompt closed", |s| !status(s).starts_with(" /"));
    quit(&mut lede);
}

#[test]
fn movement_keys_move_the_focused_sidebar() {
    let mut lede = open();
    lede.send("\t");
    lede.wait_for("the sidebar focused", |s| {
        s.contents().contains("Contents (Enter jumps)")
    });
    lede.send("G");
    lede.wait_for("the last entry selected, the text where it was", |s| {
        let (row, col) = common::pty::find(s, "FAQ").expect("the FAQ entry");
        let text_top = row_text(s, 1);
        s.cell(row, col).is_some_and(|c| c.inverse()) && text_top.contains("In a significant")
    });
    lede.send("\r");
    // the header names the part being read
    lede.wait_for("the FAQ reached", |s| {
        row_text(s, 0).trim_end().ends_with("FAQ")
    });
    quit(&mut lede);
}

#[test]
fn y_copies_the_paragraph_at_the_top_through_osc_52() {
    let mut lede = open();
    lede.send("2");
    lede.wait_for("section 2", |s| status(s).starts_with(" 2/5 U.S. Strategy"));
    // once the digit no longer waits for a count, j is a line from section 2
    lede.wait_for("the count gone", |s| !status(s).contains("count 2"));
    lede.send("j");
    lede.send("j");
    lede.send("y");
    lede.wait_for("the confirmation", |s| {
        status(s).starts_with(" Copied paragraph (")
            && status(s).contains(" characters) from 2 U.S. Strategy")
    });
    let copied = {
        let term = lede.term();
        let events = term.parser.callbacks();
        let data = events.clipboard.last().expect("an OSC 52 sequence").clone();
        String::from_utf8(unbase64(&data)).expect("UTF-8 text")
    };
    assert!(
        copied.starts_with("During the meeting, White House press secretary Karoline Leavitt"),
        "{copied}"
    );
    assert!(
        copied.ends_with("\n\n— In a significant diplomatic development, White House envoy Steve Witkoff met with Russian President Vladimir Putin in St. Petersburg on Friday, aiming to revive stalled peace talks regarding the ongoing conflict with Ukraine."),
        "{copied}"
    );
    quit(&mut lede);
}

#[test]
fn ctrl_z_suspends_and_fg_brings_the_same_screen_back() {
    let mut lede = open();
    lede.send("4");
    lede.wait_for("section 4", |s| status(s).starts_with(" 4/5 Humanitarian"));
    lede.send("\x1a");
    lede.wait_until("the terminal given back", |t| {
        !t.screen().alternate_screen()
    });
    let sent = std::process::Command::new("kill")
        .args(["-CONT", &lede.pid().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    lede.wait_for("the same screen again", |s| {
        s.alternate_screen() && status(s).starts_with(" 4/5 Humanitarian")
    });
    quit(&mut lede);
}

#[test]
fn a_remapped_key_works_and_the_old_one_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys]\n\"J\" = \"next_section\"\n\"]\" = \"nothing\"\n",
    )
    .unwrap();
    let mut lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        common::pty::repo_root(),
        100,
        30,
        &[SAMPLE],
        &[("LEDE_CONFIG", config.as_path())],
    );
    lede.wait_for("the first frame", |s| status(s).contains("help"));
    lede.send("]");
    lede.send("J");
    lede.wait_for("J goes to section 1, ] did nothing", |s| {
        status(s).starts_with(" 1/5 Context of the Meeting")
    });
    lede.send("J");
    lede.wait_for("J again: section 2", |s| {
        status(s).starts_with(" 2/5 U.S. Strategy")
    });
    quit(&mut lede);
    // lede keys shows the map in effect
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("keys")
        .env("LEDE_CONFIG", &config)
        .env("LEDE_DATA_DIR", dir.path().join("data"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let listing = String::from_utf8(out.stdout).unwrap();
    let line = listing
        .lines()
        .find(|l| l.contains("next_section"))
        .unwrap();
    assert!(line.starts_with("J "), "{line}");
    assert!(!line.contains(']'), "{line}");
}

#[test]
fn a_bad_key_binding_names_its_line_and_the_defaults_stay() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "width = 80\n[keys]\n\"J\" = \"fly_away\"\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
        .arg("keys")
        .env("LEDE_CONFIG", &config)
        .env("LEDE_DATA_DIR", dir.path().join("data"))
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        said.trim(),
        format!(
            "lede: {}:3: [keys] \"fly_away\" is not an action (`lede keys` lists them)",
            config.display()
        )
    );
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(listing
        .lines()
        .any(|l| l.starts_with("] ") && l.contains("next_section")));
}
