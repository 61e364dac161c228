//! `lede bookmarks import` and every output of what it stored, without a terminal: an export
//! full of escape sequences comes out clean in every form, notes stay bounded, the Markdown
//! quotes whole paragraphs, and a missing file is one ordinary line.

#[allow(dead_code)]
mod common;

use common::env::{one_line_error, run, Env};
use lede::article::sanitize::sanitize_inline;
use lede::library::{Hit, HitPart, MATCH_END, MATCH_START};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const ESCAPES: &str = "tests/fixtures/bookmarks_escapes.json";
const SAMPLE: &str = "assets/000_addf95f289c0a8cc.txt";

/// Fails naming the first ESC, BEL or C1 control in `text`.
fn assert_clean(what: &str, text: &str) {
    if let Some((at, c)) = text
        .char_indices()
        .find(|&(_, c)| c == '\u{1b}' || c == '\u{7}' || ('\u{80}'..='\u{9f}').contains(&c))
    {
        panic!(
            "{what}: {c:?} at byte {at}: {:?}",
            &text[at.saturating_sub(40)..]
        );
    }
}

fn import(env: &Env, file: &Path) -> common::env::Run {
    run(env.lede().args(["bookmarks", "import"]).arg(file))
}

fn export(env: &Env) -> serde_json::Value {
    let json = run(env.lede().args(["bookmarks", "--json"]));
    assert_eq!(json.code, Some(0), "{}", json.stderr);
    serde_json::from_str(&json.stdout).unwrap()
}

#[test]
fn an_export_full_of_escapes_is_stored_and_shown_clean_in_every_form() {
    let env = Env::new();
    let fixture = root().join(ESCAPES);
    let imported = import(&env, &fixture);
    assert_eq!(imported.code, Some(0), "{}", imported.stderr);
    assert!(imported.stderr.contains("3 added"), "{}", imported.stderr);
    assert_clean("the import's message", &imported.stderr);
    for args in [&["bookmarks"][..], &["bookmarks", "--markdown"]] {
        let r = run(env.lede().args(args));
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert_clean(&format!("{args:?}"), &r.stdout);
        assert_clean(&format!("{args:?} stderr"), &r.stderr);
        // the text is kept, only the controls went
        assert!(r.stdout.contains("Harbour"), "{args:?}: {}", r.stdout);
        assert!(r.stdout.contains("note 1"), "{args:?}: {}", r.stdout);
    }
    let markdown = run(env.lede().args(["bookmarks", "--markdown"])).stdout;
    assert!(markdown.contains("### 2 Under the Water"), "{markdown}");
    assert!(markdown.contains("evil link"), "{markdown}");
    // the article is nowhere to be read: the saved quote, said to be one
    assert!(
        markdown.contains("> The old reef link lies below"),
        "{markdown}"
    );
    assert!(
        markdown.contains("*The start of the paragraph as saved: the article could not be read.*"),
        "{markdown}"
    );
    // JSON holds what the store holds: the fixture's text sanitised, field by field
    let stored = export(&env);
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&fixture).unwrap()).unwrap();
    let by_quote = |v: &serde_json::Value, quote: &str| -> serde_json::Value {
        v["bookmarks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["quote"] == quote)
            .unwrap_or_else(|| panic!("no bookmark quoting {quote:?} in {v:#}"))
            .clone()
    };
    for given in original["bookmarks"].as_array().unwrap() {
        let quote = sanitize_inline(given["quote"].as_str().unwrap());
        let kept = by_quote(&stored, &quote);
        for field in ["article", "heading", "quote", "note", "path"] {
            // a note is stored trimmed, as every note is
            let want = given[field].as_str().map(sanitize_inline).map(|t| {
                if field == "note" {
                    t.trim().to_owned()
                } else {
                    t
                }
            });
            assert_eq!(kept[field].as_str().map(str::to_owned), want, "{field}");
            assert_clean(field, kept[field].as_str().unwrap_or(""));
        }
    }
    // and an export of it imports elsewhere as it is
    let again = Env::new();
    let json = again.file(
        "export.json",
        serde_json::to_string(&stored).unwrap().as_bytes(),
    );
    assert_eq!(import(&again, &json).code, Some(0));
    assert_eq!(export(&again), stored);
    // the reader's list reads the same store: it hands out the clean text too
    let store = lede::store::Store::open_in(&env.dir.path().join("data/lede"))
        .store
        .unwrap();
    for b in store.export().bookmarks {
        for text in [&b.article, &b.heading, &b.quote, &b.note] {
            assert_clean("the store", text);
        }
    }
}

#[test]
fn search_lines_show_no_control_from_the_index() {
    let hit = Hit {
        key: "/lib/a.txt".to_owned(),
        title: "Harbour \u{1b}]52;c;SGVsbG8=\u{7}Plans \u{9b}2J".to_owned(),
        part: HitPart::Section(0),
        label: "1 Under \u{1b}[2Jthe Water".to_owned(),
        snippet: format!("the old {MATCH_START}reef\u{1b}[31m{MATCH_END} lies \u{90}x\u{9c} below"),
        rank: -1.0,
    };
    let plain = lede::search_cmd::lines(std::slice::from_ref(&hit), false);
    assert_clean("plain", &plain);
    assert_eq!(
        plain,
        "/lib/a.txt: Harbour Plans › 1 Under the Water: the old reef lies below\n"
    );
    // on a terminal only lede's own bold remains
    let bold = lede::search_cmd::lines(&[hit], true);
    assert_eq!(
        bold,
        "/lib/a.txt: Harbour Plans › 1 Under the Water: the old \u{1b}[1mreef\u{1b}[0m lies below\n"
    );
}

/// An export of `n` bookmarks on three places of one article, differing only in their notes.
fn many_notes(n: usize) -> String {
    let bookmarks: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "article": "Harbour Plans",
                "fingerprint": "00aa00aa00aa00aa",
                "part": "lead",
                "index": 0,
                "paragraph": i % 3,
                "quote": format!("Paragraph {}", i % 3),
                "note": format!("note number {i:04} from the other machine"),
                "saved": "2026-11-30T09:14:00Z",
            })
        })
        .collect();
    serde_json::json!({ "version": 1, "bookmarks": bookmarks }).to_string()
}

#[test]
fn merged_notes_stay_within_4_kb_and_the_cut_is_counted() {
    let env = Env::new();
    let file = env.file("many.json", many_notes(2000).as_bytes());
    let r = import(&env, &file);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stderr);
    assert!(lines[0].contains("3 added"), "{}", r.stderr);
    let stored = export(&env);
    let notes: Vec<&str> = stored["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 3);
    let mut kept_whole = 0;
    for note in &notes {
        assert!(note.len() <= 4096, "{} bytes", note.len());
        assert!(note.len() > 3500, "room left: {} bytes", note.len());
        assert!(note.ends_with('…'), "{note}");
        // every note in it whole but the cut last one
        kept_whole += note.split(" | ").count() - 1;
    }
    let cut = 2000 - kept_whole;
    assert_eq!(
        lines[1],
        format!(
            "lede: warning: {0}: {cut} note(s) cut at 4 KB; the whole notes stay in {0}",
            file.display()
        )
    );
    // the first of each place is there whole
    assert!(notes.iter().any(|n| n.starts_with("note number 0000 from")));
    // importing again changes nothing and cuts nothing more into the notes
    let again = import(&env, &file);
    assert_eq!(export(&env), stored);
    assert!(again.stderr.contains("0 added"), "{}", again.stderr);
}

/// The sample's fingerprint, as its bookmarks carry it.
fn fingerprint(path: &Path) -> String {
    lede::article::open_limited(
        &lede::article::Source::File(path.to_path_buf()),
        lede::article::DEFAULT_MAX_SIZE,
    )
    .unwrap()
    .identity
    .fingerprint
}

fn bookmark_at(path: &Path, fingerprint: &str) -> String {
    serde_json::json!({
        "version": 1,
        "bookmarks": [{
            "article": "Witkoff and Putin",
            "fingerprint": fingerprint,
            "path": path,
            "part": "section",
            "index": 0,
            "heading": "Context of the Meeting",
            "paragraph": 1,
            "quote": "cut quote that the file will replace",
            "saved": "2026-11-30T09:14:00Z",
        }]
    })
    .to_string()
}

#[test]
fn the_markdown_quotes_the_whole_paragraph_from_the_article_file() {
    let env = Env::new();
    let article: PathBuf = env.dir.path().join("a.txt");
    std::fs::copy(root().join(SAMPLE), &article).unwrap();
    let parsed = run(env.lede().arg("parse").arg(&article));
    let json: serde_json::Value = serde_json::from_str(&parsed.stdout).unwrap();
    let paragraph = json["sections"][0]["paragraphs"][1].as_str().unwrap();
    assert!(paragraph.split_whitespace().count() > 20, "{paragraph}");
    let file = env.file(
        "one.json",
        bookmark_at(&article, &fingerprint(&article)).as_bytes(),
    );
    assert_eq!(import(&env, &file).code, Some(0));
    let markdown = run(env.lede().args(["bookmarks", "--markdown"])).stdout;
    assert!(
        markdown.contains(&format!("\n> {paragraph}\n")),
        "{paragraph}\nnot in\n{markdown}"
    );
    assert!(!markdown.contains("as saved"), "{markdown}");
    // gone from its path: the saved quote, said to be one
    std::fs::remove_file(&article).unwrap();
    let markdown = run(env.lede().args(["bookmarks", "--markdown"])).stdout;
    assert!(
        markdown.contains("> cut quote that the file will replace…\n"),
        "{markdown}"
    );
    assert!(markdown.contains("as saved"), "{markdown}");
}

#[test]
fn importing_a_missing_file_is_one_ordinary_line() {
    let env = Env::new();
    one_line_error(
        env.lede()
            .current_dir(env.dir.path())
            .args(["bookmarks", "import", "nosuch.json"]),
        &[],
    );
    let r =
        run(env
            .lede()
            .current_dir(env.dir.path())
            .args(["bookmarks", "import", "nosuch.json"]));
    assert_eq!(r.stderr, "lede: nosuch.json: no such file\n");
    let r = run(env
        .lede()
        .current_dir(env.dir.path())
        .args(["bookmarks", "import", "home"]));
    assert_eq!(
        r.stderr,
        "lede: home: is a directory, not a bookmarks export\n"
    );
    // nothing was made for it
    assert!(!env.dir.path().join("data/lede/lede.db").exists());
}
