//! The index's words lose no word: for any article, the words the index's own tokenizer finds
//! in what lede gives it (`Words`) are exactly those it finds in the article's whole text, as
//! SQLite's `fts5vocab` lists them; each kept as often as the text has it, up to three times.

use lede::article::{Article, FaqEntry, Section};
use lede::library::words::{Words, MOST};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use rusqlite::Connection;
use std::collections::HashMap;

#[rustfmt::skip]
const VOCAB: &[&str] = &[
    "storm", "Storm", "STORM", "river", "café", "Café", "naïve", "e\u{301}cole", "漢字", "Ωmega",
    "über", "Über", "señal", "U.S.", "\"quoted\"", "it's", "20%", "(aside)", "—", "🚀", "foo-bar",
    "«word»", "word,", "word.", "...", "x", "İstanbul", "straße", "STRASSE", "ǅemal", "ﬁne",
    "don't", "rock'n'roll", "a/b/c", "#tag", "-", "'", "1,000", "3.14", "\u{200b}zero", "tab\there",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        vec(select(VOCAB), 0..40).prop_map(|w| w.join(" ")),
        any::<String>(),
    ]
}

fn article() -> impl Strategy<Value = Article> {
    (
        text(),
        vec(text(), 0..3),
        vec((text(), vec(text(), 0..3)), 0..3),
        vec(text(), 0..2),
        vec((text(), vec(text(), 0..2)), 0..2),
    )
        .prop_map(|(title, lead, sections, key_points, faq)| Article {
            title,
            lead,
            sections: sections
                .into_iter()
                .map(|(heading, paragraphs)| Section {
                    heading,
                    paragraphs,
                })
                .collect(),
            key_points,
            summary: Vec::new(),
            faq: faq
                .into_iter()
                .map(|(question, answer)| FaqEntry { question, answer })
                .collect(),
        })
}

/// Every text of the article but its title and headings, as the index once took it whole.
fn whole_body(a: &Article) -> String {
    let mut parts: Vec<&str> = a.lead.iter().map(String::as_str).collect();
    for s in &a.sections {
        parts.extend(s.paragraphs.iter().map(String::as_str));
    }
    parts.extend(a.key_points.iter().map(String::as_str));
    parts.extend(a.summary.iter().map(String::as_str));
    for f in &a.faq {
        parts.push(&f.question);
        parts.extend(f.answer.iter().map(String::as_str));
    }
    parts.join("\n")
}

/// The words the index's tokenizer finds in `text`, with how many times.
fn tokens(db: &Connection, text: &str) -> HashMap<String, i64> {
    db.execute("DELETE FROM t", []).unwrap();
    db.execute("INSERT INTO t (rowid, body) VALUES (1, ?1)", [text])
        .unwrap();
    let mut statement = db.prepare("SELECT term, cnt FROM v").unwrap();
    let rows = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_index_takes_every_word_of_the_text_and_no_other(a in article()) {
        // the index's own tokenizer, as schema.rs declares it
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize = 'unicode61 remove_diacritics 2');
             CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row');",
        )
        .unwrap();
        let whole = tokens(&db, &whole_body(&a));
        let words = Words::of(&a);
        let kept = tokens(&db, &words.body);
        let mut a_words: Vec<&String> = whole.keys().collect();
        let mut k_words: Vec<&String> = kept.keys().collect();
        a_words.sort();
        k_words.sort();
        prop_assert_eq!(a_words, k_words);
        for (word, &n) in &whole {
            let k = kept[word];
            prop_assert!(k >= n.min(i64::from(MOST)), "{} kept {} times of {}", word, k, n);
        }
        prop_assert_eq!(words.title, a.title.clone());
    }
}
