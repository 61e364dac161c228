//! The library watches its folders, the real binary in a pty: an article copied in shows with
//! no key pressed, a removed one goes, an open article changed on disk says so and `R` reads it
//! again at the same place; with `watch = "poll"` the same, by polling.

#[allow(dead_code)]
mod common;

use common::pty::{status, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const SHORT: &str = include_str!("fixtures/short_article.txt");

fn open(dir: &Path, lib: &Path, config: &str) -> Lede {
    let config_file = dir.join("config.toml");
    std::fs::write(&config_file, config).unwrap();
    let data = dir.join("data");
    let lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        30,
        &[lib.to_str().unwrap()],
        &[("LEDE_DATA_DIR", &data), ("LEDE_CONFIG", &config_file)],
    );
    lede.wait_for("the library", |s| {
        s.contents().contains("Library · 1 article") && s.contents().contains("White House")
    });
    lede
}

fn new_and_removed_articles_show_without_a_key(config: &str) {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("news");
    std::fs::create_dir_all(lib.join("later")).unwrap();
    std::fs::write(lib.join("seed.txt"), SEED).unwrap();
    let lede = open(dir.path(), &lib, config);
    // copied in, as a script does each morning: written under another name, then renamed
    std::fs::write(lib.join("later").join(".part"), SHORT).unwrap();
    std::fs::rename(
        lib.join("later").join(".part"),
        lib.join("later").join("short.txt"),
    )
    .unwrap();
    lede.wait_for("the new article listed", |s| {
        s.contents().contains("Library · 2 articles") && s.contents().contains("Harborview")
    });
    std::fs::remove_file(lib.join("later").join("short.txt")).unwrap();
    lede.wait_for("the article gone", |s| {
        s.contents().contains("Library · 1 article") && !s.contents().contains("Harborview")
    });
}

#[test]
fn new_and_removed_articles_show_without_a_key_by_the_system_s_events() {
    new_and_removed_articles_show_without_a_key("");
}

#[test]
fn new_and_removed_articles_show_without_a_key_by_polling() {
    new_and_removed_articles_show_without_a_key("watch = \"poll\"\n");
}

#[test]
fn an_open_article_changed_on_disk_says_so_and_r_reads_it_again_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("news");
    std::fs::create_dir_all(&lib).unwrap();
    let file = lib.join("seed.txt");
    std::fs::write(&file, SEED).unwrap();
    let mut lede = open(dir.path(), &lib, "");
    lede.send("\r");
    lede.wait_for("the article", |s| status(s).contains("min left"));
    lede.send("4");
    lede.wait_for("section 4", |s| status(s).starts_with(" 4/5 Humanitarian"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let edited = SEED.replacen(
        "Humanitarian Impact and Casualties\n",
        "Humanitarian Impact and Casualties\nA paragraph written while the article was open.\n",
        2,
    );
    assert_ne!(edited, SEED);
    std::fs::write(&file, edited).unwrap();
    lede.wait_for("the notice", |s| {
        status(s).contains("changed on disk · R reads it again")
    });
    lede.send("R");
    lede.wait_for("read again, at section 4", |s| {
        status(s).contains("read again")
            && s.contents()
                .contains("A paragraph written while the article was open.")
            && s.contents()
                .contains("4. Humanitarian Impact and Casualties")
    });
    lede.send("Q");
    lede.wait_exit();
}

#[test]
fn watch_false_turns_it_off() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("news");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join("seed.txt"), SEED).unwrap();
    let mut lede = open(dir.path(), &lib, "watch = false\n");
    std::fs::write(lib.join("short.txt"), SHORT).unwrap();
    // R still looks; until then the list is as it was
    std::thread::sleep(std::time::Duration::from_millis(2500));
    assert!(!lede.contents().contains("Harborview"));
    lede.send("R");
    lede.wait_for("the new article after R", |s| {
        s.contents().contains("Harborview")
    });
}
