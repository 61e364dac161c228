//! A big article end to end, in the real binary in a pseudo-terminal: its beginning at once,
//! the whole after it, and the whole's warnings said when the reader quits.

#[allow(dead_code)]
mod common;

use common::pty::{row_text, Lede};

#[path = "../examples/gen_article.rs"]
#[allow(dead_code)]
mod gen_article;

/// Sections of the generated article: about 5 MB, past the size that opens head first.
const SECTIONS: usize = 2_600;

fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

#[test]
fn a_big_article_shows_its_beginning_then_the_whole_and_its_warnings_after_quitting() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let last = format!("{SECTIONS}) Section number {SECTIONS} |\n");
    let text = gen_article::big_article(SECTIONS).replacen(
        &last,
        &format!("{last}{}) Never written |\n", SECTIONS + 1),
        1,
    );
    assert!(text.len() > 4 << 20, "{} bytes", text.len());
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).expect("the article is written");

    let mut lede = Lede::spawn_in(dir.path(), 100, 30, &["big.txt"]);
    lede.wait_for("the first screen", |s| {
        s.contents().contains("A lead paragraph that opens")
    });
    // the status bar says the rest is on its way, then gives the time left in the whole
    lede.wait_for("the whole article", |s| status(s).contains("min left"));
    lede.send("G");
    let end = format!("{SECTIONS}/{} Section number {SECTIONS}", SECTIONS + 1);
    lede.wait_for("the last section, only in the whole", |s| {
        status(s).contains(&end) || s.contents().contains("It was long.")
    });
    lede.send("q");
    assert!(lede.wait_exit().success());
    // the screen as text, a line too long for it joined again
    let said = lede.term().screen().contents();
    assert!(
        said.contains(&format!(
            "lede: warning: big.txt: section {} \"Never written\" is listed in the subheadings table but never appears",
            SECTIONS + 1
        )),
        "{said}"
    );
}
