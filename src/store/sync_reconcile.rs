//! Finding what `lede.db` shows that no register knows: bookmarks, highlights, notes, colours,
//! positions and read marks from before sync, or written by a path that records nothing (an
//! import, a salvage). Each is recorded as a local change before a merge, so a merge never
//! takes away what was never sent.

use super::highlights;
use super::sync::{record, record_at};
use super::sync_merge::{clean, place_columns};
use crate::sync::record::{
    BookmarkAdd, BookmarkKey, BookmarkNote, Change, HighlightAdd, HighlightColour, HighlightKey,
    HighlightNote, Position, ReadMark, Record, Register, SearchForget, SearchSave, TagAdd, TagKey,
};
use rusqlite::Transaction;
use std::collections::{HashMap, HashSet};

/// Every register of one kind, by key.
fn registers(tx: &Transaction, reg: Register) -> rusqlite::Result<HashMap<String, Record>> {
    let mut statement = tx.prepare("SELECT key, record FROM sync_items WHERE kind = ?1")?;
    let rows = statement.query_map([reg.as_str()], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (key, json) = row?;
        if let Ok(record) = serde_json::from_str::<Record>(&json) {
            out.insert(key, record);
        }
    }
    Ok(out)
}

/// Records what the tables show that their registers do not: a bookmark, highlight, note,
/// colour, position or read mark from before sync, or written by a path that records nothing
/// (an import, a salvage). Made before sync, it takes the time it was made; else now.
pub(super) fn reconcile(tx: &Transaction) -> rusqlite::Result<usize> {
    Ok(reconcile_bookmarks(tx)?
        + reconcile_highlights(tx)?
        + reconcile_articles(tx)?
        + reconcile_tags(tx)?
        + reconcile_searches(tx)?)
}

fn reconcile_searches(tx: &Transaction) -> rusqlite::Result<usize> {
    let held = registers(tx, Register::Search)?;
    let rows: Vec<(String, String, i64)> = {
        let mut statement = tx.prepare("SELECT name, query, saved_at FROM saved_searches")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut recorded = 0;
    let mut names = HashSet::new();
    for (name, query, saved) in rows {
        let kept = match held.get(&name).map(|r| &r.change) {
            Some(Change::SearchSave(s)) => Some(Some(clean(&s.query))),
            Some(_) => Some(None),
            None => None,
        };
        if kept.clone().flatten().as_deref() != Some(clean(&query).as_str()) {
            let change = Change::SearchSave(SearchSave {
                name: name.clone(),
                query,
            });
            record_at(
                tx,
                change,
                kept.is_none().then(|| saved.saturating_mul(1000)),
            )?;
            recorded += 1;
        }
        names.insert(name);
    }
    for (name, record) in &held {
        if matches!(record.change, Change::SearchSave(_)) && !names.contains(name) {
            let change = Change::SearchForget(SearchForget { name: name.clone() });
            self::record(tx, change)?;
            recorded += 1;
        }
    }
    Ok(recorded)
}

fn reconcile_tags(tx: &Transaction) -> rusqlite::Result<usize> {
    let present = registers(tx, Register::Tag)?;
    let rows: Vec<(TagAdd, i64)> = {
        let mut statement = tx.prepare(
            "SELECT a.fingerprint, a.title, a.path, t.tag, t.created_at
             FROM tags t JOIN articles a ON a.id = t.article_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                TagAdd {
                    fingerprint: row.get(0)?,
                    article: row.get(1)?,
                    path: row.get(2)?,
                    tag: row.get(3)?,
                },
                row.get(4)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut recorded = 0;
    let mut keys = HashSet::new();
    for (add, created) in rows {
        let change = Change::TagAdd(add);
        let key = change.register().1;
        match present.get(&key).map(|r| &r.change) {
            Some(Change::TagAdd(_)) => {}
            Some(_) => {
                record(tx, change)?;
                recorded += 1;
            }
            None => {
                record_at(tx, change, Some(created.saturating_mul(1000)))?;
                recorded += 1;
            }
        }
        keys.insert(key);
    }
    for (key, held) in &present {
        if let Change::TagAdd(add) = &held.change {
            if !keys.contains(key) {
                record(
                    tx,
                    Change::TagRemove(TagKey {
                        fingerprint: add.fingerprint.clone(),
                        tag: add.tag.clone(),
                    }),
                )?;
                recorded += 1;
            }
        }
    }
    Ok(recorded)
}

fn reconcile_bookmarks(tx: &Transaction) -> rusqlite::Result<usize> {
    let present = registers(tx, Register::Bookmark)?;
    let notes = registers(tx, Register::BookmarkNote)?;
    let rows: Vec<(BookmarkAdd, String)> = {
        let mut statement = tx.prepare(
            "SELECT a.fingerprint, a.title, a.path, b.part, b.part_index, b.heading, b.paragraph,
                    b.quote, b.note, b.created_at
             FROM bookmarks b JOIN articles a ON a.id = b.article_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                BookmarkAdd {
                    fingerprint: row.get(0)?,
                    article: row.get(1)?,
                    path: row.get(2)?,
                    part: row.get(3)?,
                    index: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                    heading: row.get(5)?,
                    paragraph: usize::try_from(row.get::<_, i64>(6)?).ok(),
                    quote: row.get(7)?,
                    created: row.get(9)?,
                },
                row.get(8)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut recorded = 0;
    let mut keys = HashSet::new();
    for (add, note) in rows {
        let made = add.created.saturating_mul(1000);
        let key = Change::BookmarkAdd(add.clone()).register().1;
        let note_change = Change::BookmarkNote(BookmarkNote {
            fingerprint: add.fingerprint.clone(),
            part: add.part.clone(),
            index: add.index,
            paragraph: add.paragraph,
            note: note.clone(),
        });
        match present.get(&key).map(|r| &r.change) {
            Some(Change::BookmarkAdd(_)) => {}
            Some(_) => {
                record(tx, Change::BookmarkAdd(add))?;
                recorded += 1;
            }
            None => {
                record_at(tx, Change::BookmarkAdd(add), Some(made))?;
                recorded += 1;
            }
        }
        let held = match notes.get(&key).map(|r| &r.change) {
            Some(Change::BookmarkNote(n)) => Some(clean(&n.note)),
            _ => None,
        };
        if held.as_deref().unwrap_or("") != clean(&note) {
            record_at(tx, note_change, held.is_none().then_some(made))?;
            recorded += 1;
        }
        keys.insert(key);
    }
    for (key, held) in &present {
        if let Change::BookmarkAdd(add) = &held.change {
            // only one this store could show: else it is not here for another reason
            let shown = place_columns(&add.part, add.index, add.paragraph).is_some();
            if shown && !keys.contains(key) {
                // gone from the table without a record of it
                record(
                    tx,
                    Change::BookmarkRemove(BookmarkKey {
                        fingerprint: add.fingerprint.clone(),
                        part: add.part.clone(),
                        index: add.index,
                        paragraph: add.paragraph,
                    }),
                )?;
                recorded += 1;
            }
        }
    }
    Ok(recorded)
}

fn reconcile_highlights(tx: &Transaction) -> rusqlite::Result<usize> {
    let present = registers(tx, Register::Highlight)?;
    let notes = registers(tx, Register::HighlightNote)?;
    let colours = registers(tx, Register::HighlightColour)?;
    let rows: Vec<(HighlightAdd, String)> = {
        let mut statement = tx.prepare(
            "SELECT a.fingerprint, a.title, a.path, h.part, h.part_index, h.heading, h.paragraph,
                    h.quote, h.words, h.before, h.after, h.note, h.colour, h.created_at
             FROM highlights h JOIN articles a ON a.id = h.article_id",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                HighlightAdd {
                    fingerprint: row.get(0)?,
                    article: row.get(1)?,
                    path: row.get(2)?,
                    part: row.get(3)?,
                    index: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
                    heading: row.get(5)?,
                    paragraph: usize::try_from(row.get::<_, i64>(6)?).ok(),
                    quote: row.get(7)?,
                    words: row.get(8)?,
                    before: row.get(9)?,
                    after: row.get(10)?,
                    colour: highlights::colour(row.get(12)?),
                    created: row.get(13)?,
                },
                row.get(11)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut recorded = 0;
    let mut keys = HashSet::new();
    for (add, note) in rows {
        let made = add.created.saturating_mul(1000);
        let key = Change::HighlightAdd(add.clone()).register().1;
        let which = HighlightKey {
            fingerprint: add.fingerprint.clone(),
            part: add.part.clone(),
            index: add.index,
            paragraph: add.paragraph,
            words: add.words.clone(),
        };
        let colour = add.colour;
        let held_add = match present.get(&key).map(|r| &r.change) {
            Some(Change::HighlightAdd(h)) => Some(h.colour),
            Some(_) => {
                record(tx, Change::HighlightAdd(add))?;
                recorded += 1;
                None
            }
            None => {
                record_at(tx, Change::HighlightAdd(add), Some(made))?;
                recorded += 1;
                None
            }
        };
        let held_note = match notes.get(&key).map(|r| &r.change) {
            Some(Change::HighlightNote(n)) => Some(clean(&n.note)),
            _ => None,
        };
        if held_note.as_deref().unwrap_or("") != clean(&note) {
            let change = Change::HighlightNote(HighlightNote {
                fingerprint: which.fingerprint.clone(),
                part: which.part.clone(),
                index: which.index,
                paragraph: which.paragraph,
                words: which.words.clone(),
                note,
            });
            record_at(tx, change, held_note.is_none().then_some(made))?;
            recorded += 1;
        }
        let held_colour = match colours.get(&key).map(|r| &r.change) {
            Some(Change::HighlightColour(c)) => Some(c.colour),
            _ => held_add,
        };
        if held_colour.map(|c| highlights::colour(i64::from(c))) != Some(colour) {
            let change = Change::HighlightColour(HighlightColour {
                fingerprint: which.fingerprint,
                part: which.part,
                index: which.index,
                paragraph: which.paragraph,
                words: which.words,
                colour,
            });
            let unknown = !colours.contains_key(&key);
            record_at(tx, change, unknown.then_some(made))?;
            recorded += 1;
        }
        keys.insert(key);
    }
    for (key, held) in &present {
        if let Change::HighlightAdd(add) = &held.change {
            let shown = place_columns(&add.part, add.index, add.paragraph).is_some();
            if shown && !keys.contains(key) {
                record(
                    tx,
                    Change::HighlightRemove(HighlightKey {
                        fingerprint: add.fingerprint.clone(),
                        part: add.part.clone(),
                        index: add.index,
                        paragraph: add.paragraph,
                        words: add.words.clone(),
                    }),
                )?;
                recorded += 1;
            }
        }
    }
    Ok(recorded)
}

/// An article's row as reconciling reads it.
struct ArticleRow {
    fingerprint: String,
    title: String,
    path: Option<String>,
    position: Option<(usize, usize, u8)>,
    saved: Option<i64>,
    read_hash: Option<String>,
    read_at: Option<i64>,
}

fn reconcile_articles(tx: &Transaction) -> rusqlite::Result<usize> {
    let positions = registers(tx, Register::Position)?;
    let reads = registers(tx, Register::Read)?;
    let rows: Vec<ArticleRow> = {
        let mut statement = tx.prepare(
            "SELECT fingerprint, title, path, position_block, position_byte, percent,
                    position_saved, read_hash, read_at
             FROM articles
             WHERE position_block IS NOT NULL OR read_hash IS NOT NULL
                OR fingerprint IN (SELECT key FROM sync_items WHERE kind = 'read')",
        )?;
        let rows = statement.query_map([], |row| {
            let block: Option<i64> = row.get(3)?;
            let byte: Option<i64> = row.get(4)?;
            let percent: i64 = row.get(5)?;
            Ok(ArticleRow {
                fingerprint: row.get(0)?,
                title: row.get(1)?,
                path: row.get(2)?,
                position: super::sync::stored_position(block, byte, percent),
                saved: row.get(6)?,
                read_hash: row.get(7)?,
                read_at: row.get(8)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut recorded = 0;
    for row in rows {
        if let Some((block, byte, percent)) = row.position {
            let held = match positions.get(&row.fingerprint).map(|r| &r.change) {
                Some(Change::Position(p)) => Some((p.block, p.byte, p.percent.min(100))),
                _ => None,
            };
            if held != Some((block, byte, percent)) {
                let change = Change::Position(Position {
                    fingerprint: row.fingerprint.clone(),
                    article: row.title.clone(),
                    path: row.path.clone(),
                    block,
                    byte,
                    percent,
                });
                let when = row.saved.map(|s| s.saturating_mul(1000));
                record_at(tx, change, held.is_none().then_some(when).flatten())?;
                recorded += 1;
            }
        }
        let held = match reads.get(&row.fingerprint).map(|r| &r.change) {
            Some(Change::Read(r)) => Some(if r.read { r.hash.clone() } else { None }),
            _ => None,
        };
        if held.clone().flatten() != row.read_hash {
            let change = Change::Read(ReadMark {
                fingerprint: row.fingerprint,
                article: row.title,
                path: row.path,
                read: row.read_hash.is_some(),
                hash: row.read_hash,
            });
            let when = row.read_at.map(|s| s.saturating_mul(1000));
            record_at(tx, change, held.is_none().then_some(when).flatten())?;
            recorded += 1;
        }
    }
    Ok(recorded)
}
