//! The config in the reader itself: the library folders, the measure, the sidebar and the
//! mouse, as a person's config.toml sets them.

#[allow(dead_code)]
mod common;

use common::pty::{row_text, Lede};

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const PROBE: &str = include_str!("../assets/001_lunar_ice_probe.txt");

#[test]
fn the_config_s_library_measure_sidebar_and_mouse_are_used() {
    let root = tempfile::tempdir().unwrap();
    let news = root.path().join("news");
    std::fs::create_dir(&news).unwrap();
    std::fs::write(news.join("a.txt"), SEED).unwrap();
    std::fs::write(news.join("b.txt"), PROBE).unwrap();
    let config = root.path().join("config.toml");
    std::fs::write(
        &config,
        format!(
            "library = [\"{}\"]\nwidth = 50\nsidebar = \"closed\"\nmouse = false\ntheme = \"dark\"\n",
            news.display()
        ),
    )
    .unwrap();
    let mut lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        root.path(),
        120,
        30,
        &[],
        &[("LEDE_CONFIG", config.as_path())],
    );
    // no argument: the config's library, not the bundled samples
    lede.wait_for("the configured library", |s| {
        s.contents().contains("Library · 2 articles")
            && s.contents().contains("A small robotic probe")
    });
    lede.send("G\r");
    lede.wait_for("an article, no sidebar, the text at 50 columns", |s| {
        let rows: Vec<String> = (1..28).map(|r| row_text(s, r)).collect();
        !s.contents().contains("Contents")
            && rows.iter().any(|r| r.contains("Witkoff") || r.contains("probe"))
            // the text's own width, the scrollbar at the far right left out
            && rows.iter().all(|r| {
                r.trim_end_matches(['█', '║', ' ']).trim_start().chars().count() <= 50
            })
    });
    lede.send("Q");
    let status = lede.wait_exit();
    assert!(status.success(), "{status:?}");
    // mouse = false: the terminal was never asked for mouse reports
    let output = lede.term().output.clone();
    let asked = |mode: &str| output.windows(mode.len()).any(|w| w == mode.as_bytes());
    assert!(!asked("\x1b[?1000h") && !asked("\x1b[?1003h"));
}
