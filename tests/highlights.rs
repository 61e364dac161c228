//! Highlights in the store: add, note, colour, remove and restore; found again after the
//! article is edited, reordered or renamed, `text changed` when the words are gone; exported
//! and imported without duplicates.

use lede::article::document::{Document, Origin};
use lede::article::identity::Identity;
use lede::article::layout::Anchor;
use lede::article::passage::{text_of, Found, Passage, Range};
use lede::article::{load_bytes, Article, Source};
use lede::store::{Export, Seen, Store};
use std::path::Path;

const SAMPLE: &str = "assets/000_addf95f289c0a8cc.txt";

fn article_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap()
}

fn parse(text: &str) -> Article {
    load_bytes(Source::Stdin, text.as_bytes()).unwrap().article
}

fn seen(article: &Article) -> Seen {
    Seen {
        identity: Identity::of(article),
        title: article.title.clone(),
        path: Some("a.txt".to_owned()),
        words: article.word_count(),
    }
}

fn open(dir: &Path) -> Store {
    let opened = Store::open_in(dir);
    assert!(opened.notices.is_empty(), "{:?}", opened.notices);
    opened.store.expect("a store")
}

/// Words `from..to` (counted by whitespace) of paragraph `p` of section `s`.
fn words_of(doc: &Document, s: usize, p: usize, from: usize, to: usize) -> Range {
    let block = doc
        .blocks()
        .position(|b| b.origin == Origin::SectionParagraph(s, p))
        .unwrap();
    let text = doc.text(block);
    let spans: Vec<(usize, usize)> = text
        .split_whitespace()
        .map(|w| {
            let at = w.as_ptr() as usize - text.as_ptr() as usize;
            (at, at + w.len())
        })
        .collect();
    Range {
        start: Anchor {
            block,
            byte: spans[from].0,
        },
        end: Anchor {
            block,
            byte: spans[to - 1].1,
        },
    }
}

#[test]
fn add_note_colour_remove_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let article = parse(&article_text());
    let doc = Document::new(&article);
    let passage = Passage::of(&doc, words_of(&doc, 1, 0, 2, 5)).unwrap();
    assert_eq!(passage.words.split_whitespace().count(), 3);
    let saved = store
        .add_highlight(&seen(&article), &passage, "worth quoting", 2)
        .unwrap();
    assert_eq!(
        (saved.passage.clone(), saved.note.as_str(), saved.colour),
        (passage.clone(), "worth quoting", 2)
    );
    // the same words again update the one highlight: colour, and a note kept when none given
    let again = store
        .add_highlight(&seen(&article), &passage, "", 3)
        .unwrap();
    assert_eq!(again.id, saved.id);
    assert_eq!((again.note.as_str(), again.colour), ("worth quoting", 3));
    store.set_highlight_note(saved.id, "  changed  ").unwrap();
    store.set_highlight_colour(saved.id, 4).unwrap();
    let fingerprint = Identity::of(&article).fingerprint;
    let listed = store.highlights_of(&fingerprint).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].note.as_str(), listed[0].colour), ("changed", 4));
    // the library's ★ counts highlights too
    assert_eq!(store.marks().unwrap()[&fingerprint].bookmarks, 1);
    let removed = store.remove_highlight(saved.id).unwrap();
    assert!(store.highlights_of(&fingerprint).unwrap().is_empty());
    let restored = store.restore_highlight(&fingerprint, &removed).unwrap();
    assert_eq!(
        (
            restored.passage,
            restored.note,
            restored.colour,
            restored.created
        ),
        (
            removed.passage,
            removed.note,
            removed.colour,
            removed.created
        )
    );
    assert_eq!(store.all_highlights().unwrap().len(), 1);
}

#[test]
fn found_again_after_edits_and_text_changed_when_the_words_are_gone() {
    let text = article_text();
    let article = parse(&text);
    let doc = Document::new(&article);
    let range = words_of(&doc, 2, 1, 3, 9);
    let passage = Passage::of(&doc, range).unwrap();
    let words = passage.words.clone();
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store
        .add_highlight(&seen(&article), &passage, "", 1)
        .unwrap();
    let stored = store
        .highlights_of(&Identity::of(&article).fingerprint)
        .unwrap()
        .remove(0)
        .passage;
    assert_eq!(stored.resolve(&doc), Found::Exact(range));

    // a paragraph added above, in the same section
    let first = &article.sections[2].paragraphs[0];
    let edited = parse(&text.replacen(first, &format!("A new paragraph.\n{first}"), 1));
    let edited_doc = Document::new(&edited);
    let found = stored.resolve(&edited_doc);
    assert!(matches!(found, Found::Exact(_)), "{found:?}");
    assert_eq!(text_of(&edited_doc, found.range().unwrap()), words);

    // the section renamed
    let heading = &article.sections[2].heading;
    let renamed = parse(&text.replace(heading.as_str(), "A Heading Nobody Had Before"));
    let renamed_doc = Document::new(&renamed);
    let found = stored.resolve(&renamed_doc).range().expect("found");
    assert_eq!(text_of(&renamed_doc, found), words);

    // the sections reordered: the words are where their paragraph went
    let one = &article.sections[1];
    let two = &article.sections[2];
    let block = |s: &lede::article::Section| format!("{}\n{}", s.heading, s.paragraphs.join("\n"));
    let swapped = text
        .replacen(&block(one), "@@ONE@@", 1)
        .replacen(&block(two), &block(one), 1)
        .replacen("@@ONE@@", &block(two), 1);
    let swapped_doc = Document::new(&parse(&swapped));
    let found = stored.resolve(&swapped_doc).range().expect("found");
    assert_eq!(text_of(&swapped_doc, found), words);

    // one word of the passage edited: the nearest words, not nothing
    let word = words.split_whitespace().nth(2).unwrap().to_owned();
    let paragraph = &article.sections[2].paragraphs[1];
    let reworded = text.replacen(paragraph, &paragraph.replacen(&word, "zzzz", 1), 1);
    let reworded_doc = Document::new(&parse(&reworded));
    let found = stored.resolve(&reworded_doc);
    assert!(matches!(found, Found::Near(_)), "{found:?}");
    assert!(text_of(&reworded_doc, found.range().unwrap()).contains("zzzz"));

    // the paragraph rewritten: text changed, and the stored words are kept to show
    let gone = text.replacen(paragraph, "Entirely different words stand here now.", 1);
    assert_eq!(
        stored.resolve(&Document::new(&parse(&gone))),
        Found::Changed
    );
    assert_eq!(stored.words, words);
}

#[test]
fn export_and_import_merge_highlights_without_duplicates() {
    let article = parse(&article_text());
    let doc = Document::new(&article);
    let here = tempfile::tempdir().unwrap();
    let there = tempfile::tempdir().unwrap();
    let mut local = open(here.path());
    let mut remote = open(there.path());
    let a = Passage::of(&doc, words_of(&doc, 0, 0, 0, 4)).unwrap();
    let b = Passage::of(&doc, words_of(&doc, 1, 0, 1, 3)).unwrap();
    local.add_highlight(&seen(&article), &a, "mine", 1).unwrap();
    remote
        .add_highlight(&seen(&article), &a, "theirs", 1)
        .unwrap();
    remote.add_highlight(&seen(&article), &b, "", 3).unwrap();
    let json = serde_json::to_string_pretty(&remote.export()).unwrap();
    // stable field names
    for field in [
        "\"highlights\"",
        "\"words\"",
        "\"colour\"",
        "\"before\"",
        "\"after\"",
    ] {
        assert!(json.contains(field), "{field} in {json}");
    }
    let export = Export::from_json(&json).unwrap();
    let report = local.import(&export).unwrap();
    assert_eq!((report.added, report.merged, report.unchanged), (1, 1, 0));
    let all = local.all_highlights().unwrap();
    assert_eq!(all.len(), 2);
    assert!(all.iter().any(|r| r.highlight.note == "mine | theirs"));
    assert!(all
        .iter()
        .any(|r| r.highlight.passage == b && r.highlight.colour == 3));
    let again = local.import(&export).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 2));
    assert_eq!(local.all_highlights().unwrap().len(), 2);
    // an export from before highlights still imports
    let old = r#"{"version":1,"bookmarks":[]}"#;
    assert!(Export::from_json(old).unwrap().highlights.is_empty());
}

#[test]
fn lede_search_finds_words_in_highlights_and_notes_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let library = dir.path().join("news");
    std::fs::create_dir_all(&library).unwrap();
    let file = library.join("seed.txt");
    std::fs::write(&file, article_text()).unwrap();
    let article = parse(&article_text());
    let doc = Document::new(&article);
    let data = dir.path().join("data");
    {
        let mut store = open(&data);
        let passage = Passage::of(&doc, words_of(&doc, 1, 0, 0, 3)).unwrap();
        store
            .add_highlight(&seen(&article), &passage, "zanzibarian remark", 2)
            .unwrap();
    }
    let search = |query: &str| {
        let out = assert_cmd::Command::cargo_bin("lede")
            .unwrap()
            .env_clear()
            .env("HOME", dir.path())
            .env("LEDE_DATA_DIR", &data)
            .env("LEDE_CONFIG", dir.path().join("config.toml"))
            .args(["search", query])
            .arg(&library)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // a word only the note holds
    let found = search("zanzibarian");
    assert!(
        found.contains("highlight · 2 U.S. Strategy and Reaction"),
        "{found}"
    );
    assert!(found.contains("zanzibarian remark"), "{found}");
    // words of the highlight come first, before the same words in the text
    let found = search("during meeting");
    let first = found
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    assert!(found.contains("highlight ·"), "{found}");
    assert!(
        found.find("highlight ·") < found.find("Context of the Meeting").or(Some(usize::MAX)),
        "{first}\n{found}"
    );
}

#[test]
fn an_export_marks_the_highlights_inline_with_their_notes_as_footnotes() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seed.txt");
    std::fs::write(&file, article_text()).unwrap();
    let article = parse(&article_text());
    let doc = Document::new(&article);
    let data = dir.path().join("data");
    {
        let mut store = open(&data);
        let s = Seen {
            path: Some(file.to_string_lossy().into_owned()),
            ..seen(&article)
        };
        let a = Passage::of(&doc, words_of(&doc, 1, 0, 0, 3)).unwrap();
        store.add_highlight(&s, &a, "who said it", 1).unwrap();
        let b = Passage::of(&doc, words_of(&doc, 0, 0, 0, 2)).unwrap();
        store.add_highlight(&s, &b, "", 2).unwrap();
    }
    let export_to = |form: &str, extra: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("lede")
            .unwrap()
            .env_clear()
            .env("HOME", dir.path())
            .env("LEDE_DATA_DIR", &data)
            .env("LEDE_CONFIG", dir.path().join("config.toml"))
            .arg("export")
            .arg(&file)
            .args(["--to", form])
            .args(extra)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let export = |extra: &[&str]| export_to("md", extra);
    let marked = export(&["--highlights"]);
    assert!(
        marked.contains("==During the meeting,==[^1-1] White House"),
        "{marked}"
    );
    assert!(
        marked.contains("==On April==") || marked.contains("==On April 7,=="),
        "{marked}"
    );
    assert!(marked.contains("\n[^1-1]: who said it\n"), "{marked}");
    // without the flag, the plain text, the same words
    let plain = export(&[]);
    assert!(!plain.contains("=="), "{plain}");
    let unmarked = marked
        .replace("[^1-1]: who said it\n", "")
        .replace("[^1-1]", "")
        .replace("==", "");
    assert_eq!(unmarked.trim(), plain.trim());
    // the page: <mark>, the note's number linked to the notes at the article's end
    let page = export_to("html", &["--highlights"]);
    assert!(
        page.contains(
            "<mark>During the meeting,</mark><sup><a href=\"#a1-note-1\">1</a></sup> White House"
        ),
        "{page}"
    );
    assert!(
        page.contains("<li id=\"a1-note-1\">who said it</li>"),
        "{page}"
    );
    assert!(!export_to("html", &[]).contains("<mark>"));
}
