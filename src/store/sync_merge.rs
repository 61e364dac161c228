//! Merging other machines' records into `lede.db`: each record goes to its register when its
//! clock beats the one there, and the tables are made to show what the registers hold. The
//! same records in any order, any number of times, give the same tables.
//!
//! Before a merge, what the tables hold that no register knows is recorded as a local change
//! (see `sync_reconcile.rs`), so a merge never takes away what was never sent.

use super::bookmarks::{columns, place_from};
use super::sync::{observe, put_register, register};
use super::sync_reconcile::reconcile;
use super::{highlights, time, Result, Store};
use crate::article::sanitize::sanitize_inline;
use crate::sync::record::{
    beats, BookmarkAdd, BookmarkKey, BookmarkNote, Change, Clock, Header, HighlightAdd,
    HighlightColour, HighlightKey, HighlightNote, Record, Register, SearchForget, SearchSave,
    TagAdd, TagKey,
};
use crate::sync::report::{Counts, What};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// What was read of one file of another machine, to merge.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    /// The file's path.
    pub path: String,
    /// Its header and the header's line; `None` when it has no valid one (yet).
    pub header: Option<(Header, String)>,
    /// Read from its first record (a new file, or another at the same path).
    pub fresh: bool,
    /// Where the next read starts: after the last whole line.
    pub offset: u64,
    /// The number of that last whole line.
    pub line: u64,
    /// Each valid record with its JSON as read.
    pub records: Vec<(Record, String)>,
    /// Records of kinds from a newer lede: kept in the file, not merged.
    pub newer: u64,
    /// Lines not valid: the line's number and why.
    pub skipped: Vec<(u64, String)>,
}

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merged {
    /// What changed in the tables, by the host of the file it came in.
    pub from: BTreeMap<String, Counts>,
    /// The articles whose bookmarks, highlights, position or read mark changed.
    pub fingerprints: BTreeSet<String>,
    /// Local changes found that no record had (an import, what was there before sync).
    pub adopted: usize,
    /// A line each for what was skipped for the first time: file, line and why.
    pub skipped: Vec<String>,
}

impl Merged {
    pub fn changed(&self) -> bool {
        !self.fingerprints.is_empty()
    }
}

/// Text from a record as the tables keep text from anyone's file.
pub(super) fn clean(text: &str) -> String {
    sanitize_inline(text)
}

/// A highlight's words: each paragraph's line cleaned, the line breaks kept.
fn clean_words(text: &str) -> String {
    text.split('\n')
        .map(sanitize_inline)
        .collect::<Vec<_>>()
        .join("\n")
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

impl Store {
    /// Records what the tables hold that no register knows, then merges `batches` and notes
    /// how far each file was read: all in one transaction.
    pub fn sync_merge(&mut self, batches: &[Batch]) -> Result<Merged> {
        self.sync_merge_as(batches, true)
    }

    /// As [`Store::sync_merge`]; `reconcile` false when no other process wrote since the last
    /// time (see [`Store::data_version`]): every write here records itself.
    pub fn sync_merge_as(&mut self, batches: &[Batch], reconcile: bool) -> Result<Merged> {
        self.write(|tx| {
            let mut merged = Merged {
                adopted: if reconcile { self::reconcile(tx)? } else { 0 },
                ..Merged::default()
            };
            let now = time::now();
            let mut latest: Option<Clock> = None;
            // each item changed, with what it showed before and the host it first came from:
            // what is said is what shows now and did not (a bookmark added with its note is
            // one bookmark; one added and removed in the same merge is none)
            let mut touched: Vec<(String, Change, String)> = Vec::new();
            let mut items: HashSet<String> = HashSet::new();
            for batch in batches {
                for (line, reason) in &batch.skipped {
                    let new = tx.execute(
                        "INSERT OR IGNORE INTO sync_skipped (path, line, reason, at)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![batch.path, *line as i64, reason, now],
                    )?;
                    if new > 0 {
                        merged.skipped.push(format!(
                            "{} line {line}: {reason}",
                            clean(file_name(&batch.path))
                        ));
                    }
                }
                let Some((header, head)) = &batch.header else {
                    continue;
                };
                let host = clean(&header.host);
                for (record, json) in &batch.records {
                    if wins(tx, record, json)? {
                        let (reg, key) = record.change.register();
                        let item = format!("{}:{key}", reg.as_str().split('.').next().unwrap_or(""));
                        if items.insert(item) {
                            let before = shown(tx, &record.change)?;
                            touched.push((host.clone(), record.change.clone(), before));
                        }
                        put_register(tx, record, json, false)?;
                        apply(tx, record, &key)?;
                    }
                    if latest.as_ref().is_none_or(|l| record.clock > *l) {
                        latest = Some(record.clock.clone());
                    }
                }
                tx.execute(
                    "INSERT INTO sync_seen (path, head, offset, line, machine, host, records, newer, read_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                     ON CONFLICT (path) DO UPDATE SET head = excluded.head,
                         offset = excluded.offset, line = excluded.line,
                         machine = excluded.machine, host = excluded.host,
                         records = CASE WHEN ?10 THEN excluded.records
                                        ELSE records + excluded.records END,
                         newer = CASE WHEN ?10 THEN excluded.newer
                                      ELSE newer + excluded.newer END,
                         read_at = excluded.read_at",
                    params![
                        batch.path,
                        head,
                        batch.offset as i64,
                        batch.line as i64,
                        header.machine,
                        host,
                        batch.records.len() as i64,
                        batch.newer as i64,
                        now,
                        batch.fresh
                    ],
                )?;
            }
            if let Some(latest) = latest {
                observe(tx, &latest)?;
            }
            for (host, change, before) in touched {
                if shown(tx, &change)? != before {
                    merged.from.entry(host).or_default().add(What::of(&change));
                    if let Some(fingerprint) = change.article() {
                        merged.fingerprints.insert(fingerprint.to_owned());
                    }
                }
            }
            Ok(merged)
        })
    }
}

/// Whether a record beats what its register holds.
fn wins(tx: &Transaction, record: &Record, json: &str) -> rusqlite::Result<bool> {
    let (reg, key) = record.change.register();
    let Some((clock, old)) = register(tx, reg, &key)? else {
        return Ok(true);
    };
    if clock == record.clock && old == json {
        return Ok(false);
    }
    Ok(match serde_json::from_str::<Record>(&old) {
        Ok(old_record) => beats(
            (&record.clock, &record.change, json),
            (&clock, &old_record.change, &old),
        ),
        Err(_) => true,
    })
}

/// What the tables show of the item a change is about, as a value to compare: a bookmark's
/// note (or none), a highlight's note and colour, a tag, a position, a read mark.
fn shown(tx: &Transaction, change: &Change) -> rusqlite::Result<String> {
    let value: Option<String> = match change {
        Change::SearchSave(SearchSave { name, .. })
        | Change::SearchForget(SearchForget { name }) => tx
            .query_row(
                "SELECT query FROM saved_searches WHERE name = ?1",
                [name],
                |row| row.get(0),
            )
            .optional()?,
        _ => shown_of_article(tx, change)?,
    };
    // "" for none: a note is never the text of none, which has a marker
    Ok(value.map_or_else(String::new, |v| format!("={v}")))
}

/// As [`shown`], for a change about an article.
fn shown_of_article(tx: &Transaction, change: &Change) -> rusqlite::Result<Option<String>> {
    let Some(article) = change
        .article()
        .map(|f| article_id(tx, f))
        .transpose()?
        .flatten()
    else {
        return Ok(None);
    };
    let at =
        |part: &str, index: usize, paragraph: Option<usize>| place_columns(part, index, paragraph);
    let value: Option<String> = match change {
        Change::BookmarkAdd(BookmarkAdd {
            part,
            index,
            paragraph,
            ..
        })
        | Change::BookmarkRemove(BookmarkKey {
            part,
            index,
            paragraph,
            ..
        })
        | Change::BookmarkNote(BookmarkNote {
            part,
            index,
            paragraph,
            ..
        }) => match at(part, *index, *paragraph) {
            Some((part, index, paragraph)) => tx
                .query_row(
                    "SELECT note FROM bookmarks WHERE article_id = ?1 AND part = ?2
                     AND part_index = ?3 AND paragraph = ?4",
                    params![article, part, index, paragraph],
                    |row| row.get(0),
                )
                .optional()?,
            None => None,
        },
        Change::HighlightAdd(HighlightAdd {
            part,
            index,
            paragraph,
            words,
            ..
        })
        | Change::HighlightRemove(HighlightKey {
            part,
            index,
            paragraph,
            words,
            ..
        })
        | Change::HighlightNote(HighlightNote {
            part,
            index,
            paragraph,
            words,
            ..
        })
        | Change::HighlightColour(HighlightColour {
            part,
            index,
            paragraph,
            words,
            ..
        }) => match at(part, *index, *paragraph) {
            Some((part, index, paragraph)) => tx
                .query_row(
                    "SELECT note || ' ' || colour FROM highlights WHERE article_id = ?1
                     AND part = ?2 AND part_index = ?3 AND paragraph = ?4 AND words = ?5",
                    params![article, part, index, paragraph, clean_words(words)],
                    |row| row.get(0),
                )
                .optional()?,
            None => None,
        },
        Change::Position(_) => tx.query_row(
            "SELECT position_block || ' ' || position_byte || ' ' || percent FROM articles
             WHERE id = ?1",
            [article],
            |row| row.get(0),
        )?,
        Change::Read(_) => tx.query_row(
            "SELECT CASE WHEN read_hash IS NULL THEN NULL ELSE 'read' END FROM articles
             WHERE id = ?1",
            [article],
            |row| row.get(0),
        )?,
        Change::TagAdd(TagAdd { tag, .. }) | Change::TagRemove(TagKey { tag, .. }) => tx
            .query_row(
                "SELECT tag FROM tags WHERE article_id = ?1 AND tag = ?2",
                params![article, tag],
                |row| row.get(0),
            )
            .optional()?,
        Change::SearchSave(_) | Change::SearchForget(_) => None,
    };
    Ok(value)
}

/// The register's record, parsed.
fn held(tx: &Transaction, reg: Register, key: &str) -> rusqlite::Result<Option<Record>> {
    Ok(register(tx, reg, key)?.and_then(|(_, json)| serde_json::from_str(&json).ok()))
}

/// The id of the article with this fingerprint, added (with a title and a path to know it by)
/// when this machine has never seen it.
fn ensure_article(
    tx: &Transaction,
    fingerprint: &str,
    title: &str,
    path: Option<&str>,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO articles (fingerprint, title, path, first_seen) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (fingerprint) DO UPDATE SET path = coalesce(path, excluded.path)",
        params![fingerprint, clean(title), path.map(clean), time::now()],
    )?;
    tx.query_row(
        "SELECT id FROM articles WHERE fingerprint = ?1",
        [fingerprint],
        |row| row.get(0),
    )
}

fn article_id(tx: &Transaction, fingerprint: &str) -> rusqlite::Result<Option<i64>> {
    tx.query_row(
        "SELECT id FROM articles WHERE fingerprint = ?1",
        [fingerprint],
        |row| row.get(0),
    )
    .optional()
}

/// The store's columns (part, index, paragraph) of a place named in a record.
pub(super) fn place_columns(
    part: &str,
    index: usize,
    paragraph: Option<usize>,
) -> Option<(&'static str, i64, i64)> {
    let place = place_from(
        part,
        index as i64,
        String::new(),
        paragraph.map_or(-1, |p| p as i64),
        String::new(),
    )?;
    let (part, index, _, paragraph) = columns(&place);
    Some((part, index, paragraph))
}

/// Makes the tables show what a record that won its register says.
fn apply(tx: &Transaction, record: &Record, key: &str) -> rusqlite::Result<()> {
    let wall_secs = record.clock.wall.div_euclid(1000);
    match &record.change {
        Change::BookmarkAdd(c) => add_bookmark(tx, c, key),
        Change::BookmarkRemove(BookmarkKey {
            fingerprint,
            part,
            index,
            paragraph,
        }) => at_place(
            tx,
            (fingerprint, part, *index, *paragraph),
            "DELETE FROM bookmarks WHERE article_id = ?1 AND part = ?2 AND part_index = ?3
             AND paragraph = ?4",
            &[],
        ),
        Change::BookmarkNote(BookmarkNote {
            fingerprint,
            part,
            index,
            paragraph,
            note,
        }) => at_place(
            tx,
            (fingerprint, part, *index, *paragraph),
            "UPDATE bookmarks SET note = ?5 WHERE article_id = ?1 AND part = ?2
             AND part_index = ?3 AND paragraph = ?4",
            &[clean(note).into()],
        ),
        Change::HighlightAdd(c) => add_highlight(tx, c, key),
        Change::HighlightRemove(HighlightKey {
            fingerprint,
            part,
            index,
            paragraph,
            words,
        }) => at_place(
            tx,
            (fingerprint, part, *index, *paragraph),
            "DELETE FROM highlights WHERE article_id = ?1 AND part = ?2 AND part_index = ?3
             AND paragraph = ?4 AND words = ?5",
            &[clean_words(words).into()],
        ),
        Change::HighlightNote(HighlightNote {
            fingerprint,
            part,
            index,
            paragraph,
            words,
            note,
        }) => at_place(
            tx,
            (fingerprint, part, *index, *paragraph),
            "UPDATE highlights SET note = ?6 WHERE article_id = ?1 AND part = ?2
             AND part_index = ?3 AND paragraph = ?4 AND words = ?5",
            &[clean_words(words).into(), clean(note).into()],
        ),
        Change::HighlightColour(HighlightColour {
            fingerprint,
            part,
            index,
            paragraph,
            words,
            colour,
        }) => at_place(
            tx,
            (fingerprint, part, *index, *paragraph),
            "UPDATE highlights SET colour = ?6 WHERE article_id = ?1 AND part = ?2
             AND part_index = ?3 AND paragraph = ?4 AND words = ?5",
            &[
                clean_words(words).into(),
                i64::from(highlights::colour(i64::from(*colour))).into(),
            ],
        ),
        Change::Position(c) => {
            let article = ensure_article(tx, &c.fingerprint, &c.article, c.path.as_deref())?;
            tx.execute(
                "UPDATE articles SET position_block = ?2, position_byte = ?3, percent = ?4,
                     position_saved = ?5, last_opened = max(coalesce(last_opened, 0), ?5)
                 WHERE id = ?1",
                params![
                    article,
                    c.block as i64,
                    c.byte as i64,
                    c.percent.min(100),
                    wall_secs
                ],
            )?;
            Ok(())
        }
        Change::Read(c) => {
            let article = ensure_article(tx, &c.fingerprint, &c.article, c.path.as_deref())?;
            let hash = if c.read { c.hash.clone() } else { None };
            tx.execute(
                "UPDATE articles SET read_hash = ?2, read_at = ?3 WHERE id = ?1",
                params![article, hash, hash.as_ref().map(|_| wall_secs)],
            )?;
            Ok(())
        }
        Change::TagAdd(c) => {
            let article = ensure_article(tx, &c.fingerprint, &c.article, c.path.as_deref())?;
            tx.execute(
                "INSERT OR IGNORE INTO tags (article_id, tag, created_at) VALUES (?1, ?2, ?3)",
                params![article, c.tag, wall_secs],
            )?;
            Ok(())
        }
        Change::TagRemove(c) => {
            if let Some(article) = article_id(tx, &c.fingerprint)? {
                tx.execute(
                    "DELETE FROM tags WHERE article_id = ?1 AND tag = ?2",
                    params![article, c.tag],
                )?;
            }
            Ok(())
        }
        Change::SearchSave(c) => {
            tx.execute(
                "INSERT INTO saved_searches (name, query, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET query = excluded.query,
                     saved_at = excluded.saved_at",
                params![c.name, clean(&c.query), wall_secs],
            )?;
            Ok(())
        }
        Change::SearchForget(c) => {
            tx.execute("DELETE FROM saved_searches WHERE name = ?1", [&c.name])?;
            Ok(())
        }
    }
}

/// Runs `sql` on the item at a place of an article, if this store knows the article: ?1 the
/// article, ?2 to ?4 the place's columns, ?5 on the `more` values.
fn at_place(
    tx: &Transaction,
    (fingerprint, part, index, paragraph): (&str, &str, usize, Option<usize>),
    sql: &str,
    more: &[rusqlite::types::Value],
) -> rusqlite::Result<()> {
    let Some((part, index, paragraph)) = place_columns(part, index, paragraph) else {
        return Ok(());
    };
    let Some(article) = article_id(tx, fingerprint)? else {
        return Ok(());
    };
    let mut values: Vec<rusqlite::types::Value> = vec![
        article.into(),
        part.to_owned().into(),
        index.into(),
        paragraph.into(),
    ];
    values.extend(more.iter().cloned());
    tx.execute(sql, rusqlite::params_from_iter(values))?;
    Ok(())
}

/// A bookmark an add says is there, with the note its register holds.
fn add_bookmark(tx: &Transaction, c: &BookmarkAdd, key: &str) -> rusqlite::Result<()> {
    let Some(place) = place_from(
        &c.part,
        c.index as i64,
        clean(&c.heading),
        c.paragraph.map_or(-1, |p| p as i64),
        clean(&c.quote),
    ) else {
        return Ok(());
    };
    let article = ensure_article(tx, &c.fingerprint, &c.article, c.path.as_deref())?;
    let note = match held(tx, Register::BookmarkNote, key)? {
        Some(Record {
            change: Change::BookmarkNote(n),
            ..
        }) => clean(&n.note),
        _ => String::new(),
    };
    let (part, index, heading, paragraph) = columns(&place);
    tx.execute(
        "INSERT INTO bookmarks (article_id, part, part_index, heading, paragraph, quote, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (article_id, part, part_index, paragraph) DO UPDATE SET
             heading = excluded.heading, quote = excluded.quote, note = excluded.note",
        params![article, part, index, heading, paragraph, place.quote, note, c.created],
    )?;
    Ok(())
}

/// A highlight an add says is there, with the note and colour their registers hold.
fn add_highlight(tx: &Transaction, c: &HighlightAdd, key: &str) -> rusqlite::Result<()> {
    let Some(place) = place_from(
        &c.part,
        c.index as i64,
        clean(&c.heading),
        c.paragraph.map_or(-1, |p| p as i64),
        clean(&c.quote),
    ) else {
        return Ok(());
    };
    let article = ensure_article(tx, &c.fingerprint, &c.article, c.path.as_deref())?;
    let note = match held(tx, Register::HighlightNote, key)? {
        Some(Record {
            change: Change::HighlightNote(n),
            ..
        }) => clean(&n.note),
        _ => String::new(),
    };
    let colour = match held(tx, Register::HighlightColour, key)? {
        Some(Record {
            change: Change::HighlightColour(h),
            ..
        }) => h.colour,
        _ => c.colour,
    };
    let (part, index, heading, paragraph) = columns(&place);
    tx.execute(
        "INSERT INTO highlights (article_id, part, part_index, heading, paragraph, quote, words,
                                 before, after, note, colour, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (article_id, part, part_index, paragraph, words) DO UPDATE SET
             heading = excluded.heading, quote = excluded.quote, before = excluded.before,
             after = excluded.after, note = excluded.note, colour = excluded.colour",
        params![
            article,
            part,
            index,
            heading,
            paragraph,
            place.quote,
            clean_words(&c.words),
            clean(&c.before),
            clean(&c.after),
            note,
            highlights::colour(i64::from(colour)),
            c.created
        ],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::document::{Document, Origin};
    use crate::article::identity::Identity;
    use crate::article::place::Place;
    use crate::article::{Article, Section};
    use crate::store::{Seen, Store};
    use crate::sync::record::{parse_line, Line};

    fn article() -> Article {
        Article {
            title: "Sync".to_owned(),
            lead: vec!["The lead.".to_owned()],
            sections: (0..4)
                .map(|i| Section {
                    heading: format!("Part {i}"),
                    paragraphs: vec![format!("Words of part {i} here.")],
                })
                .collect(),
            ..Article::default()
        }
    }

    fn seen() -> Seen {
        let a = article();
        Seen {
            identity: Identity::of(&a),
            title: a.title.clone(),
            path: None,
            words: a.word_count(),
        }
    }

    fn place(section: usize) -> Place {
        let doc = Document::new(&article());
        let block = doc
            .blocks()
            .position(|b| b.origin == Origin::SectionParagraph(section, 0))
            .unwrap();
        Place::at(&doc, block, 0).unwrap()
    }

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_in(dir.path()).store.unwrap();
        (dir, store)
    }

    /// What `from` has pending, as a batch from a machine called `host`.
    fn batch_of(from: &Store, host: &str) -> Batch {
        let records = from
            .sync_pending()
            .unwrap()
            .into_iter()
            .map(
                |p| match parse_line(crate::sync::record::frame(&p.json).trim_end().as_bytes()) {
                    Ok((Line::Record(r), json)) => (*r, json),
                    other => panic!("{other:?}"),
                },
            )
            .collect();
        Batch {
            path: format!("/sync/{host}.lede"),
            header: Some((
                Header {
                    lede_sync: 1,
                    machine: "abcdef".to_owned(),
                    host: host.to_owned(),
                    generation: 1,
                },
                "head".to_owned(),
            )),
            fresh: true,
            records,
            ..Batch::default()
        }
    }

    fn notes(store: &Store) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = store
            .bookmarks_of(&seen().identity.fingerprint)
            .unwrap()
            .into_iter()
            .map(|b| (b.place.label(), b.note))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_bookmark_made_here_goes_to_another_store_once() {
        let (_a_dir, mut a) = store();
        let (_b_dir, mut b) = store();
        a.add_bookmark(&seen(), &place(1), "first").unwrap();
        a.add_bookmark(&seen(), &place(2), "").unwrap();
        let batch = batch_of(&a, "laptop");
        // an add and a note each
        assert_eq!(batch.records.len(), 4);
        let merged = b.sync_merge(std::slice::from_ref(&batch)).unwrap();
        assert_eq!(merged.adopted, 0);
        assert_eq!(
            crate::sync::report::summary(&merged.from).as_deref(),
            Some("2 bookmarks from laptop")
        );
        assert_eq!(notes(&b), notes(&a));
        // the same again changes nothing
        let again = b.sync_merge(&[batch.clone(), batch]).unwrap();
        assert!(!again.changed());
        assert_eq!(notes(&b), notes(&a));
        // what came from elsewhere is not this machine's to write
        assert_eq!(b.sync_pending().unwrap(), Vec::new());
    }

    #[test]
    fn a_later_remove_wins_and_an_earlier_one_loses() {
        let (_a_dir, mut a) = store();
        let (_b_dir, mut b) = store();
        a.add_bookmark(&seen(), &place(1), "kept").unwrap();
        b.sync_merge(&[batch_of(&a, "a")]).unwrap();
        b.remove_bookmark_at(&seen().identity.fingerprint, &place(1))
            .unwrap();
        let removal = batch_of(&b, "b");
        a.sync_merge(std::slice::from_ref(&removal)).unwrap();
        assert_eq!(notes(&a), Vec::new());
        // made again later on a: the new add beats the remove wherever it goes
        a.add_bookmark(&seen(), &place(1), "again").unwrap();
        b.sync_merge(&[batch_of(&a, "a")]).unwrap();
        assert_eq!(notes(&b), vec![("2 Part 1".to_owned(), "again".to_owned())]);
        // the old remove read once more takes nothing away
        b.sync_merge(&[removal]).unwrap();
        assert_eq!(notes(&b).len(), 1);
    }

    #[test]
    fn what_no_record_knows_is_adopted_with_the_time_it_was_made() {
        let (_a_dir, mut a) = store();
        let export = crate::store::Export::from_json(&format!(
            r#"{{"version":1,"bookmarks":[{{"article":"Sync","fingerprint":"{}","part":"section","index":1,"heading":"Part 1","paragraph":0,"quote":"Words","note":"imported","saved":"2025-01-01T00:00:00Z"}}]}}"#,
            seen().identity.fingerprint
        ))
        .unwrap();
        a.import(&export).unwrap();
        assert_eq!(a.sync_pending().unwrap(), Vec::new());
        let merged = a.sync_merge(&[]).unwrap();
        assert_eq!(merged.adopted, 2);
        let pending = a.sync_pending().unwrap();
        assert_eq!(pending.len(), 2);
        assert!(pending.iter().all(|p| p.clock.wall == 1_735_689_600_000));
        // once known, nothing more is adopted
        assert_eq!(a.sync_merge(&[]).unwrap().adopted, 0);
        // an older remove from elsewhere loses to it
        let (_b_dir, mut b) = store();
        b.sync_merge(&[batch_of(&a, "a")]).unwrap();
        assert_eq!(notes(&b).len(), 1);
    }

    #[test]
    fn positions_and_read_marks_go_across_latest_winning() {
        let (_a_dir, mut a) = store();
        let (_b_dir, mut b) = store();
        let anchor = crate::article::layout::Anchor { block: 3, byte: 5 };
        a.save_position(&seen(), anchor, 40, false).unwrap();
        a.set_read(&seen(), true).unwrap();
        b.sync_merge(&[batch_of(&a, "a")]).unwrap();
        let record = b.article(&seen().identity.fingerprint).unwrap().unwrap();
        assert_eq!(record.position, Some(anchor));
        assert_eq!(record.percent, 40);
        assert_eq!(record.state(), crate::store::ReadState::Read);
        b.set_read(&seen(), false).unwrap();
        a.sync_merge(&[batch_of(&b, "b")]).unwrap();
        let record = a.article(&seen().identity.fingerprint).unwrap().unwrap();
        assert_eq!(record.read_hash, None);
    }

    #[test]
    fn a_colour_changed_elsewhere_comes_back() {
        let (_a_dir, mut a) = store();
        let (_b_dir, mut b) = store();
        let doc = Document::new(&article());
        let block = doc
            .blocks()
            .position(|b| b.origin == Origin::SectionParagraph(2, 0))
            .unwrap();
        let range = crate::article::passage::Range::between(
            crate::article::layout::Anchor { block, byte: 0 },
            crate::article::layout::Anchor { block, byte: 8 },
        );
        let passage = crate::article::passage::Passage::of(&doc, range).unwrap();
        a.add_highlight(&seen(), &passage, "why", 3).unwrap();
        b.sync_merge(&[batch_of(&a, "a")]).unwrap();
        let id = b.highlights_of(&seen().identity.fingerprint).unwrap()[0].id;
        b.set_highlight_colour(id, 4).unwrap();
        let merged = a.sync_merge(&[batch_of(&b, "b")]).unwrap();
        assert_eq!(
            crate::sync::report::summary(&merged.from).as_deref(),
            Some("a highlight from b")
        );
        let highlights = a.highlights_of(&seen().identity.fingerprint).unwrap();
        assert_eq!(
            (highlights[0].note.as_str(), highlights[0].colour),
            ("why", 4)
        );
    }

    #[test]
    fn a_data_folder_on_another_host_gets_a_new_id() {
        let (_dir, mut a) = store();
        let (id, none) = a.sync_machine("laptop").unwrap();
        assert_eq!(none, None);
        assert_eq!(a.sync_machine("laptop").unwrap(), (id.clone(), None));
        let (other, was) = a.sync_machine("desktop").unwrap();
        assert_ne!(other, id);
        assert_eq!(was, Some(id));
    }
}
