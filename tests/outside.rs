//! The article handed to programs outside lede, the real binary in a pty: `|` pipes it to a
//! shell command (one line of output in the status bar, more in the pager, a failure's code
//! and first error), `e` opens its file in `$EDITOR` at the paragraph at the top and reads it
//! again after, at the same place; `:export` writes the article, or the library's list.

#[allow(dead_code)]
mod common;

use common::pty::{status, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

fn open(dir: &Path, file: &Path, extra: &[(&str, &Path)]) -> Lede {
    let data = dir.join("data");
    let config = dir.join("config.toml");
    let mut vars: Vec<(&str, &Path)> = vec![("LEDE_DATA_DIR", &data), ("LEDE_CONFIG", &config)];
    vars.extend_from_slice(extra);
    let lede = Lede::spawn_with_env(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        40,
        &[file.to_str().unwrap()],
        &vars,
    );
    lede.wait_for("the first frame", |s| {
        s.alternate_screen() && status(s).contains("help")
    });
    lede
}

#[test]
fn a_pipe_to_wc_says_the_word_count_and_longer_output_opens_the_pager() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::write(&file, SEED).unwrap();
    // what the article is as text, counted the same way
    let printed = assert_cmd::Command::cargo_bin("lede")
        .unwrap()
        .env("LEDE_DATA_DIR", dir.path().join("data"))
        .args(["print", "--width", "80"])
        .arg(&file)
        .output()
        .unwrap();
    let words = String::from_utf8_lossy(&printed.stdout)
        .split_whitespace()
        .count();
    assert!(words > 1000, "{words}");
    let mut lede = open(dir.path(), &file, &[]);
    lede.send("|");
    lede.wait_for("the prompt", |s| status(s).starts_with(" | "));
    lede.send("wc -w\r");
    let shown = words.to_string();
    lede.wait_for("the count", |s| status(s).trim_start().starts_with(&shown));

    // more than a line: the pager, q back to the article
    lede.send("|");
    lede.wait_for("the prompt", |s| status(s).starts_with(" | "));
    lede.send("grep -n Ukraine\r");
    lede.wait_for("the pager", |s| {
        s.contents().contains("| grep -n Ukraine") && status(s).contains("lines 1-")
    });
    lede.send("q");
    lede.wait_for("the article again", |s| status(s).contains("help"));

    // a failing command: its code and its first error
    lede.send("|");
    lede.wait_for("the prompt", |s| status(s).starts_with(" | "));
    lede.send("echo broken >&2; exit 4\r");
    lede.wait_for("the failure", |s| {
        status(s).contains("exited with 4: broken")
    });

    // the section chosen in the sidebar alone: its heading and its paragraphs
    lede.send("\t");
    lede.wait_for("the sidebar focused", |s| {
        status(s).starts_with(" 1/5 Context")
    });
    lede.send("j");
    lede.wait_for("section 2 chosen", |s| {
        status(s).starts_with(" 2/5 U.S. Strategy")
    });
    lede.send("|");
    lede.wait_for("the prompt", |s| status(s).starts_with(" | "));
    lede.send("head -1\r");
    lede.wait_for("the section's heading first", |s| {
        status(s)
            .trim_start()
            .starts_with("U.S. Strategy and Reaction")
    });
    lede.send("\t");
    lede.wait_for("the text focused again", |s| !status(s).starts_with(" 2/5"));

    // --json: the model, sections and all
    lede.send("|");
    lede.wait_for("the prompt", |s| status(s).starts_with(" | "));
    lede.send("--json grep -c '\"heading\"'\r");
    lede.wait_for("five headings", |s| {
        status(s).trim_start().starts_with("5 ")
    });
    lede.send("Q");
    lede.wait_exit();
}

#[test]
fn e_edits_the_file_at_the_paragraph_and_the_reader_shows_the_change_there() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::write(&file, SEED).unwrap();
    // an editor that adds a paragraph under the line it is opened at, and says which
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nline=${1#+}\necho \"$line\" > \"$2.line\"\nsed -i \"${line}a An editor wrote this paragraph just now.\" \"$2\"\n",
    )
    .unwrap();
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut lede = open(
        dir.path(),
        &file,
        &[("EDITOR", &editor), ("VISUAL", Path::new(""))],
    );
    lede.send("3");
    lede.wait_for("section 3", |s| status(s).starts_with(" 3/5 Recent"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    lede.send("e");
    lede.wait_for("read again, the new paragraph in view at section 3", |s| {
        status(s).contains("read again")
            && s.contents()
                .contains("An editor wrote this paragraph just now.")
            && s.contents().contains("3. Recent Developments in Ukraine")
    });
    // the editor was opened at the heading's line in the file
    let line: usize = std::fs::read_to_string(dir.path().join("seed.txt.line"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let at = SEED.lines().nth(line - 1).unwrap();
    assert_eq!(at, "Recent Developments in Ukraine");
    lede.send("Q");
    lede.wait_exit();
}

#[test]
fn export_on_the_command_line_writes_the_article_or_the_library_s_list() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::write(&file, SEED).unwrap();
    let mut lede = open(dir.path(), &file, &[]);
    lede.send(":export md\r");
    lede.wait_for("written", |s| {
        status(s).contains("exported 1 article to seed.md")
    });
    let markdown = std::fs::read_to_string(dir.path().join("seed.md")).unwrap();
    assert!(
        markdown.starts_with("# In a significant diplomatic development"),
        "{markdown}"
    );
    assert!(markdown.contains("## 2. U.S. Strategy and Reaction"));
    lede.send(":export pdf\r");
    lede.wait_for("a form it does not know", |s| {
        status(s).contains("export: md, html or epub")
    });
    lede.send("Q");
    lede.wait_exit();

    // the library: every article listed, in one book
    let lib = dir.path().join("news");
    std::fs::create_dir_all(&lib).unwrap();
    std::fs::write(lib.join("a.txt"), SEED).unwrap();
    std::fs::write(
        lib.join("b.txt"),
        include_str!("fixtures/short_article.txt"),
    )
    .unwrap();
    let mut lede = open(dir.path(), &lib, &[]);
    lede.send(":export html paper.html\r");
    lede.wait_for("written", |s| {
        status(s).contains("exported 2 articles to paper.html")
    });
    let page = std::fs::read_to_string(dir.path().join("paper.html")).unwrap();
    assert!(page.contains("Harborview") && page.contains("White House envoy"));
    lede.send("Q");
    lede.wait_exit();
}
