//! The `:` command line end to end: the real binary in a pty. A command by its name with its
//! argument, one that does not apply, an unknown one, `Tab` completion of a name and of a
//! path, and the history of commands across a restart.

#[allow(dead_code)]
mod common;

use common::pty::{status, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const SHORT: &str = include_str!("fixtures/short_article.txt");

fn spawn(dir: &Path, args: &[&str]) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        30,
        args,
        Some(&dir.join("data")),
    );
    lede.wait_for("the first frame", |s| {
        s.alternate_screen() && status(s).contains("help")
    });
    lede
}

#[test]
fn commands_by_name_in_the_article_and_the_library_and_their_history() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("library");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("seed.txt"), SEED).unwrap();
    std::fs::write(lib.join("short.txt"), SHORT).unwrap();
    let mut lede = spawn(dir.path(), &[lib.to_str().unwrap()]);
    lede.wait_for("the library", |s| {
        s.contents().contains("Library · 2 articles")
    });
    // a command of the library, with its argument
    lede.send(":sort title\r");
    lede.wait_for("sorted by title", |s| s.contents().contains("by title"));
    // one that does not apply here says so, and nothing else changes
    lede.send(":section 3\r");
    lede.wait_for("section does not apply", |s| {
        status(s).starts_with(" section applies in an article")
    });
    // Tab completes a command's name
    lede.send(":sec");
    lede.wait_for("typed", |s| status(s).starts_with(" :sec"));
    lede.send("\t");
    lede.wait_for("section completed", |s| status(s).starts_with(" :section "));
    lede.send("\x1b");
    lede.wait_for("the line closed", |s| !status(s).starts_with(" :"));
    lede.send(":open library/seed.txt\r");
    lede.wait_for("the seed opened", |s| status(s).contains("min left"));
    lede.send(":section 3\r");
    lede.wait_for("section 3", |s| {
        status(s).starts_with(" 3/5 Recent Developments")
    });
    // an unknown command says the nearest one
    lede.send(":secton 2\r");
    lede.wait_for("did you mean", |s| {
        status(s).starts_with(" not a command: secton (did you mean section?)")
    });
    lede.send(":percent 50\r");
    lede.wait_for("halfway", |s| status(s).contains(" 50% "));
    lede.send(":open library\r");
    lede.wait_for("a folder is not an article", |s| {
        status(s).contains("library: a folder (:open takes an article file)")
    });
    lede.send(":search peace talks\r");
    lede.wait_for("the search ran", |s| status(s).contains("match 1/"));
    lede.send("Q");
    assert!(lede.wait_exit().success());
    // the history of commands is kept: Up brings the last one back
    let mut lede = spawn(dir.path(), &[lib.to_str().unwrap()]);
    lede.send(":");
    lede.wait_for("the command line", |s| status(s).starts_with(" :"));
    lede.send("\x1b[A");
    lede.wait_for("the last command", |s| {
        status(s).starts_with(" :search peace talks")
    });
    lede.send("\x1b[A");
    lede.wait_for("the one before", |s| {
        status(s).starts_with(" :open library")
    });
    lede.send("\x1b");
    lede.wait_for("the line closed", |s| !status(s).starts_with(" :"));
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn tab_completes_a_path_for_open() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("library");
    std::fs::create_dir(&lib).unwrap();
    std::fs::write(lib.join("short.txt"), SHORT).unwrap();
    let mut lede = spawn(dir.path(), &[lib.join("short.txt").to_str().unwrap()]);
    lede.send(":open lib");
    lede.wait_for("typed", |s| status(s).starts_with(" :open lib"));
    lede.send("\t");
    lede.wait_for("the folder completed", |s| {
        status(s).starts_with(" :open library/")
    });
    lede.send("sh\t");
    lede.wait_for("the file completed", |s| {
        status(s).starts_with(" :open library/short.txt")
    });
    lede.send("\r");
    lede.wait_for("opened", |s| {
        s.contents().contains("Harborview Opens Its Doors")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

/// config.toml can bind a key to a command with its arguments; `lede keys` lists it.
#[test]
fn a_key_bound_to_a_command_line_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[keys]\n\"ctrl-t\" = \"section 3\"\n").unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, SEED).unwrap();
    let mut lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        dir.path(),
        120,
        30,
        &[file.to_str().unwrap()],
        &[
            ("LEDE_CONFIG", &config),
            ("LEDE_DATA_DIR", &dir.path().join("data")),
        ],
    );
    lede.wait_for("the first frame", |s| status(s).contains("help"));
    lede.send("\x14");
    lede.wait_for("section 3 by ctrl-t", |s| {
        status(s).starts_with(" 3/5 Recent Developments")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
    // the same key on the library screen runs the same line: there it does not apply
    let mut lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        dir.path(),
        120,
        30,
        &[dir.path().to_str().unwrap()],
        &[
            ("LEDE_CONFIG", &config),
            ("LEDE_DATA_DIR", &dir.path().join("data")),
        ],
    );
    lede.wait_for("the library", |s| s.contents().contains("Library ·"));
    lede.send("\x14");
    lede.wait_for("the bound line ran", |s| {
        status(s).starts_with(" section applies in an article")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
    let out = assert_cmd::Command::cargo_bin("lede")
        .unwrap()
        .env_clear()
        .env("HOME", dir.path())
        .env("LEDE_CONFIG", &config)
        .env("LEDE_DATA_DIR", dir.path().join("data"))
        .arg("keys")
        .output()
        .unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("Ctrl-t") && l.ends_with(":section 3")),
        "{listing}"
    );
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
