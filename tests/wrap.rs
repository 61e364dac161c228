//! `wrap = "optimal"` in config.toml: the same words, each line within the width, and a more
//! even right edge than first fit, in `lede print` and in the reader.

#[allow(dead_code)]
mod common;

use common::env::{run, Env};
use common::pty::{status, Lede};

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

/// The squared gaps at the ends of a paragraph's lines but its last.
fn raggedness(text: &str, width: usize) -> usize {
    let mut total = 0;
    for paragraph in text.split("\n\n") {
        let lines: Vec<&str> = paragraph.lines().collect();
        for line in lines.iter().take(lines.len().saturating_sub(1)) {
            total += width.saturating_sub(line.chars().count()).pow(2);
        }
    }
    total
}

#[test]
fn the_optimal_fit_prints_the_same_words_with_an_even_edge() {
    let env = Env::new();
    let file = env.file("seed.txt", SEED.as_bytes());
    let print = |env: &Env| run(env.lede().args(["print", "--width", "60"]).arg(&file));
    let first = print(&env);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    std::fs::write(
        env.dir.path().join("config/config.toml"),
        "wrap = \"optimal\"\n",
    )
    .unwrap();
    let optimal = print(&env);
    assert_eq!(optimal.code, Some(0), "{}", optimal.stderr);
    let words = |t: &str| t.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    assert_eq!(words(&optimal.stdout), words(&first.stdout));
    assert_ne!(optimal.stdout, first.stdout);
    assert!(optimal.stdout.lines().all(|l| l.chars().count() <= 60));
    assert!(
        raggedness(&optimal.stdout, 60) < raggedness(&first.stdout, 60),
        "optimal {} against first fit {}",
        raggedness(&optimal.stdout, 60),
        raggedness(&first.stdout, 60)
    );
    // a bad value is named with its line
    std::fs::write(
        env.dir.path().join("config/config.toml"),
        "wrap = \"justify\"\n",
    )
    .unwrap();
    let bad = run(env.lede().arg("config"));
    assert!(
        bad.stderr
            .contains("unknown wrap \"justify\": expected first-fit or optimal"),
        "{}",
        bad.stderr
    );
}

#[test]
fn the_reader_wraps_with_the_optimal_fit_when_asked() {
    let env = Env::new();
    let file = env.file("seed.txt", SEED.as_bytes());
    // an 80-column terminal gives the text 76 columns
    let first_line = |env: &Env| {
        let printed = run(env.lede().args(["print", "--width", "76"]).arg(&file));
        printed
            .stdout
            .lines()
            .nth(2)
            .expect("the lead's first line")
            .trim()
            .to_owned()
    };
    let first_fit = first_line(&env);
    std::fs::write(
        env.dir.path().join("config/config.toml"),
        "wrap = \"optimal\"\n",
    )
    .unwrap();
    let lead_line = first_line(&env);
    assert_ne!(
        lead_line, first_fit,
        "the two fits break the lead's first line apart"
    );
    let vars = env.vars();
    let vars: Vec<(&str, &std::path::Path)> = vars.iter().map(|(k, v)| (*k, v.as_path())).collect();
    let lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        env.dir.path(),
        80,
        30,
        &[file.to_str().unwrap()],
        &vars,
    );
    lede.wait_for("the lead wrapped optimally", |s| {
        status(s).contains("help")
            && s.contents()
                .lines()
                .any(|l| l.trim_end_matches(['█', '║', ' ']).trim() == lead_line)
    });
}
