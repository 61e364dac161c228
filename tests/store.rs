//! The store as a library: bookmarks, positions, read state, identity, and what happens to a
//! damaged, newer or unwritable database.

use lede::article::document::{Document, Origin};
use lede::article::identity::Identity;
use lede::article::layout::Anchor;
use lede::article::place::{Gone, Place, Spot};
use lede::article::{load_bytes, Article, Source};
use lede::store::{schema, Access, Export, ReadState, Seen, Store, FILE_NAME};
use std::path::Path;

const SAMPLE: &str = "assets/000_addf95f289c0a8cc.txt";

fn article_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE)).unwrap()
}

fn parse(text: &str) -> Article {
    load_bytes(Source::Stdin, text.as_bytes()).unwrap().article
}

fn seen(article: &Article, path: &str) -> Seen {
    Seen {
        identity: Identity::of(article),
        title: article.title.clone(),
        path: Some(path.to_owned()),
        words: article.word_count(),
    }
}

fn open(dir: &Path) -> Store {
    let opened = Store::open_in(dir);
    assert!(opened.notices.is_empty(), "{:?}", opened.notices);
    opened.store.expect("a store")
}

/// The place of paragraph `p` of section `s` (0-based).
fn section_place(article: &Article, s: usize, p: usize) -> Place {
    let doc = Document::new(article);
    let block = doc
        .blocks()
        .position(|b| b.origin == lede::article::document::Origin::SectionParagraph(s, p))
        .unwrap();
    Place::at(&doc, block, 0).unwrap()
}

#[test]
fn add_list_note_remove_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let article = parse(&article_text());
    let seen = seen(&article, "a.txt");
    let place = section_place(&article, 2, 0);
    let first = store.add_bookmark(&seen, &place, "").unwrap();
    let second = store
        .add_bookmark(&seen, &section_place(&article, 0, 1), "why it matters")
        .unwrap();
    assert_eq!(
        store
            .bookmarks_of(&seen.identity.fingerprint)
            .unwrap()
            .len(),
        2
    );
    // the same place again is the same bookmark, its note kept
    let again = store.add_bookmark(&seen, &place, "").unwrap();
    assert_eq!(again.id, first.id);
    store.set_note(first.id, "  a note ").unwrap();
    assert_eq!(store.bookmark(first.id).unwrap().unwrap().note, "a note");
    let all = store.all_bookmarks().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].article.title, article.title);
    assert_eq!(all[0].article.path.as_deref(), Some("a.txt"));
    let removed = store.remove_bookmark(second.id).unwrap();
    assert_eq!(removed.note, "why it matters");
    assert_eq!(store.all_bookmarks().unwrap().len(), 1);
    let restored = store
        .restore_bookmark(&seen.identity.fingerprint, &removed)
        .unwrap();
    assert_eq!(restored.place, removed.place);
    assert_eq!(restored.note, removed.note);
    assert_eq!(restored.created, removed.created);
    assert_eq!(store.all_bookmarks().unwrap().len(), 2);
    // everything survives closing and opening again
    drop(store);
    let store = open(dir.path());
    let kept = store.bookmarks_of(&seen.identity.fingerprint).unwrap();
    assert_eq!(kept.len(), 2);
    assert!(kept.iter().any(|b| b.note == "a note" && b.place == place));
}

#[test]
fn an_article_is_known_by_its_fingerprint_not_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let text = article_text();
    let article = parse(&text);
    store
        .add_bookmark(
            &seen(&article, "old/a.txt"),
            &section_place(&article, 1, 0),
            "",
        )
        .unwrap();
    // moved and with CRLF line endings: the same article
    let moved = parse(&text.replace('\n', "\r\n"));
    let record = store.see(&seen(&moved, "new/b.txt")).unwrap().unwrap();
    assert_eq!(record.path.as_deref(), Some("new/b.txt"));
    assert_eq!(
        store
            .bookmarks_of(&Identity::of(&moved).fingerprint)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn positions_and_read_state() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    let text = article_text();
    let article = parse(&text);
    let s = seen(&article, "a.txt");
    let record = store.see(&s).unwrap().unwrap();
    assert_eq!(record.state(), ReadState::New);
    let anchor = Anchor { block: 9, byte: 40 };
    store.save_position(&s, anchor, 42, false).unwrap();
    let record = store.article(&s.identity.fingerprint).unwrap().unwrap();
    assert_eq!(record.position, Some(anchor));
    assert_eq!(record.state(), ReadState::InProgress(42));
    store.save_position(&s, anchor, 100, true).unwrap();
    assert_eq!(
        store
            .article(&s.identity.fingerprint)
            .unwrap()
            .unwrap()
            .state(),
        ReadState::Read
    );
    // the text changes after it was read
    let edited = parse(&text.replace(
        "Summary\n",
        "Summary\nA new first paragraph of the summary.\n",
    ));
    let edited_seen = seen(&edited, "a.txt");
    assert_eq!(edited_seen.identity.fingerprint, s.identity.fingerprint);
    let record = store.see(&edited_seen).unwrap().unwrap();
    assert_eq!(record.state(), ReadState::ChangedSinceRead);
    store.set_read(&edited_seen, true).unwrap();
    assert_eq!(
        store
            .article(&s.identity.fingerprint)
            .unwrap()
            .unwrap()
            .state(),
        ReadState::Read
    );
    store.set_read(&edited_seen, false).unwrap();
    assert_eq!(
        store
            .article(&s.identity.fingerprint)
            .unwrap()
            .unwrap()
            .state(),
        // marked unread at the end: unread, not "100% read"
        ReadState::New
    );
}

#[test]
fn a_bookmark_is_found_again_after_the_article_was_edited() {
    let text = article_text();
    let article = parse(&text);
    let place = section_place(&article, 2, 1);
    let doc = Document::new(&article);
    let before = place.resolve(&doc).unwrap();
    let quoted = doc.text(before.block);
    assert!(quoted.starts_with(&place.quote));
    // a paragraph inserted above it in the same section, and the sections renumbered
    let heading = &article.sections[2].heading;
    let first_paragraph = &article.sections[2].paragraphs[0];
    let edited_text = text.replacen(
        first_paragraph,
        &format!("A brand new paragraph, added later.\n{first_paragraph}"),
        1,
    );
    let edited = parse(&edited_text);
    let edited_doc = Document::new(&edited);
    let after = place.resolve(&edited_doc).unwrap();
    assert_eq!(edited_doc.text(after.block), quoted);
    assert_eq!(after.byte, 0);
    assert_ne!(after.block, before.block);
    // the section's heading is the key: the quote is looked for in that section
    assert!(matches!(&place.spot, Spot::Section { heading: h, .. } if h == heading));
}

#[test]
fn a_removed_section_is_said_to_be_gone() {
    let text = article_text();
    let article = parse(&text);
    let place = section_place(&article, 4, 0);
    let Spot::Section { heading, .. } = &place.spot else {
        panic!("a section place");
    };
    // drop the section: its table entry, heading line and paragraphs
    let section = &article.sections[4];
    let mut edited = text.clone();
    for line in std::iter::once(&section.heading).chain(section.paragraphs.iter()) {
        edited = edited.replace(&format!("{line}\n"), "");
    }
    edited = edited
        .lines()
        .filter(|l| !l.contains(heading.as_str()))
        .collect::<Vec<_>>()
        .join("\n");
    let edited = parse(&edited);
    assert_eq!(edited.sections.len(), article.sections.len() - 1);
    assert_eq!(
        place.resolve(&Document::new(&edited)),
        Err(Gone::SectionRemoved)
    );
    // a renamed section whose text is still there is found by the quote
    let renamed = parse(&text.replace(heading.as_str(), "A Heading Written Anew"));
    let doc = Document::new(&renamed);
    let found = place.resolve(&doc).unwrap();
    assert!(doc.text(found.block).starts_with(&place.quote));
}

#[test]
fn a_bookmarked_answer_follows_its_question_and_a_removed_one_is_gone() {
    let text = "Lead paragraph of the article, long enough.\nFAQ\nQ: Why now?\nA: Because the season turned.\nIt rained for a week.\nQ: What next?\nA: A vote in spring.\n";
    let article = parse(text);
    let doc = Document::new(&article);
    let block = doc
        .blocks()
        .position(|b| b.origin == Origin::Answer(1, 0))
        .unwrap();
    let place = Place::at(&doc, block, 0).unwrap();
    assert!(matches!(&place.spot, Spot::Faq { index: 1, question } if question == "What next?"));
    // a question added before it: found by its own text, not its old index
    let edited = parse(&text.replace(
        "Q: What next?",
        "Q: Who said so?\nA: The council.\nQ: What next?",
    ));
    let edited_doc = Document::new(&edited);
    let found = place.resolve(&edited_doc).unwrap();
    assert_eq!(edited_doc.block(found.block).origin, Origin::Answer(2, 0));
    assert_eq!(edited_doc.text(found.block), "A vote in spring.");
    // renamed, its answer is found by the quote; gone with its answer, it is said to be gone
    let renamed = parse(&text.replace("What next?", "And after that?"));
    let renamed_doc = Document::new(&renamed);
    let found = place.resolve(&renamed_doc).unwrap();
    assert_eq!(renamed_doc.text(found.block), "A vote in spring.");
    let removed = parse(&text.replace("Q: What next?\nA: A vote in spring.\n", ""));
    assert_eq!(
        place.resolve(&Document::new(&removed)),
        Err(Gone::QuestionRemoved)
    );
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(FILE_NAME);
    std::fs::write(
        &db,
        b"these are not the bytes of a database, not at all ".repeat(100),
    )
    .unwrap();
    let opened = Store::open_in(dir.path());
    let mut store = opened.store.expect("a fresh store");
    assert_eq!(opened.notices.len(), 1, "{:?}", opened.notices);
    assert!(
        opened.notices[0].contains("moved aside"),
        "{}",
        opened.notices[0]
    );
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("lede.db.corrupt-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    assert!(std::fs::read(aside[0].path())
        .unwrap()
        .starts_with(b"these are not"));
    // the fresh store works
    let article = parse(&article_text());
    store
        .add_bookmark(&seen(&article, "a.txt"), &section_place(&article, 0, 0), "")
        .unwrap();
    assert_eq!(store.all_bookmarks().unwrap().len(), 1);
}

#[test]
fn a_damaged_database_is_moved_aside_and_what_can_be_read_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let article = parse(&article_text());
    let s = seen(&article, "a.txt");
    {
        let mut store = open(dir.path());
        for section in 0..article.sections.len() {
            store
                .add_bookmark(&s, &section_place(&article, section, 0), "kept")
                .unwrap();
        }
    }
    // scribble over everything after the first page: the header still says SQLite
    let db = dir.path().join(FILE_NAME);
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 4096);
    for b in bytes.iter_mut().skip(4096) {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let opened = Store::open_in(dir.path());
    assert!(
        opened.notices.iter().any(|n| n.contains("moved aside")),
        "{:?}",
        opened.notices
    );
    assert!(opened.store.is_some());
}

#[test]
fn a_newer_database_is_read_and_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let article = parse(&article_text());
    let s = seen(&article, "a.txt");
    {
        let mut store = open(dir.path());
        store
            .add_bookmark(&s, &section_place(&article, 0, 0), "from before")
            .unwrap();
    }
    let db = dir.path().join(FILE_NAME);
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", schema::VERSION + 5)
            .unwrap();
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let opened = Store::open_in(dir.path());
    assert!(
        opened.notices.iter().any(|n| n.contains("newer lede")),
        "{:?}",
        opened.notices
    );
    let mut store = opened.store.unwrap();
    assert!(matches!(store.access(), Access::ReadOnly { .. }));
    assert_eq!(
        store.all_bookmarks().unwrap()[0].bookmark.note,
        "from before"
    );
    let refused = store.add_bookmark(&s, &section_place(&article, 1, 0), "");
    assert!(refused.unwrap_err().to_string().contains("newer lede"));
    assert!(store
        .save_position(&s, Anchor::default(), 5, false)
        .is_err());
    drop(store);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn an_unwritable_data_folder_turns_bookmarks_off_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    // a file where the folder should be: fails for root too, unlike permissions
    let blocker = dir.path().join("blocker");
    std::fs::write(&blocker, "").unwrap();
    let opened = Store::open_in(&blocker.join("lede"));
    assert!(opened.store.is_none());
    assert_eq!(opened.notices.len(), 1);
    assert!(
        opened.notices[0].starts_with("bookmarks are off:"),
        "{}",
        opened.notices[0]
    );
    assert!(
        opened.notices[0].contains("blocker"),
        "{}",
        opened.notices[0]
    );
}

#[test]
fn import_merges_without_duplicates_or_loss() {
    let article = parse(&article_text());
    let s = seen(&article, "a.txt");
    let here = tempfile::tempdir().unwrap();
    let there = tempfile::tempdir().unwrap();
    let mut local = open(here.path());
    let mut remote = open(there.path());
    local
        .add_bookmark(&s, &section_place(&article, 0, 0), "mine")
        .unwrap();
    local
        .add_bookmark(&s, &section_place(&article, 1, 0), "")
        .unwrap();
    remote
        .add_bookmark(&s, &section_place(&article, 0, 0), "theirs")
        .unwrap();
    remote
        .add_bookmark(&s, &section_place(&article, 1, 0), "")
        .unwrap();
    remote
        .add_bookmark(&s, &section_place(&article, 2, 0), "new")
        .unwrap();
    let json = serde_json::to_string(&remote.export()).unwrap();
    let export = Export::from_json(&json).unwrap();
    let report = local.import(&export).unwrap();
    assert_eq!((report.added, report.merged, report.unchanged), (1, 1, 1));
    let all = local.all_bookmarks().unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().any(|r| r.bookmark.note == "mine | theirs"));
    // importing the same again changes nothing
    let report = local.import(&export).unwrap();
    assert_eq!((report.added, report.merged, report.unchanged), (0, 0, 3));
    assert_eq!(local.all_bookmarks().unwrap().len(), 3);
    assert!(Export::from_json("{\"version\": 1}").is_err());
    assert!(Export::from_json("[]")
        .unwrap_err()
        .to_string()
        .starts_with("not a lede bookmarks export"));
}

#[test]
fn each_library_keeps_its_own_sort_order_across_opens() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = open(dir.path());
        assert_eq!(store.library_sort("/news").unwrap(), None);
        store.set_library_sort("/news", "title").unwrap();
        store.set_library_sort("/news", "length").unwrap();
        store.set_library_sort("/papers", "path").unwrap();
    }
    let store = open(dir.path());
    assert_eq!(
        store.library_sort("/news").unwrap().as_deref(),
        Some("length")
    );
    assert_eq!(
        store.library_sort("/papers").unwrap().as_deref(),
        Some("path")
    );
    assert_eq!(store.library_sort("/other").unwrap(), None);
}
