//! The store's side of sync between machines: every local change to a bookmark, a highlight, a
//! position or a read mark is also written, in the same transaction, to a register of
//! `sync_items` with a hybrid logical clock and marked pending; sync writes the pending ones to
//! this machine's log and merges the others' (see `sync_merge.rs`).
//!
//! A register holds the latest record for one item and aspect (a bookmark's being there, its
//! note, a highlight's colour, an article's position...), so a confirmed change is in
//! `lede.db` before the call returns, and a `kill -9` before it reached the log only delays it.

use crate::sync::record::{
    BookmarkAdd, BookmarkKey, BookmarkNote, Change, Clock, HighlightAdd, HighlightColour,
    HighlightKey, HighlightNote, Position, ReadMark, Record, Register, SearchForget, SearchSave,
    TagAdd, TagKey,
};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// The variable that moves this machine's clock, in ms, for tests of clock skew.
pub const CLOCK_OFFSET_VAR: &str = "LEDE_CLOCK_OFFSET_MS";

/// A value of `sync_meta`.
pub(super) fn meta(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM sync_meta WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .optional()
}

pub(super) fn set_meta(tx: &Transaction, key: &str, value: &str) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO sync_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// This machine's id, made (random, by SQLite) the first time it is asked for.
pub(super) fn machine(tx: &Transaction) -> rusqlite::Result<String> {
    if let Some(id) = meta(tx, "machine")? {
        return Ok(id);
    }
    let id: String = tx.query_row("SELECT lower(hex(randomblob(8)))", [], |row| row.get(0))?;
    set_meta(tx, "machine", &id)?;
    set_meta(tx, "host", &crate::sync::host::name())?;
    Ok(id)
}

/// The wall clock in ms, moved by [`CLOCK_OFFSET_VAR`] when it is set.
fn wall_now() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let offset = std::env::var(CLOCK_OFFSET_VAR)
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or(0);
    now.saturating_add(offset)
}

/// The latest clock this machine made or saw, as (wall, counter).
fn last_clock(conn: &Connection) -> rusqlite::Result<(i64, u32)> {
    Ok(meta(conn, "clock")?
        .and_then(|text| {
            let (wall, counter) = text.split_once('.')?;
            Some((wall.parse().ok()?, counter.parse().ok()?))
        })
        .unwrap_or((0, 0)))
}

/// The next clock of this machine: later than the wall clock and than any clock seen.
pub(super) fn tick(tx: &Transaction, machine: &str) -> rusqlite::Result<Clock> {
    let (wall, counter) = last_clock(tx)?;
    let now = wall_now();
    let clock = if now > wall {
        Clock {
            wall: now,
            counter: 0,
            machine: machine.to_owned(),
        }
    } else {
        Clock {
            wall,
            counter,
            machine: machine.to_owned(),
        }
        .after(machine)
    };
    set_meta(tx, "clock", &format!("{}.{}", clock.wall, clock.counter))?;
    Ok(clock)
}

/// Remembers a clock made elsewhere, so every later change here comes after it.
pub(super) fn observe(tx: &Transaction, clock: &Clock) -> rusqlite::Result<()> {
    if (clock.wall, clock.counter) > last_clock(tx)? {
        set_meta(tx, "clock", &format!("{}.{}", clock.wall, clock.counter))?;
    }
    Ok(())
}

/// The record a register holds.
pub(super) fn register(
    conn: &Connection,
    register: Register,
    key: &str,
) -> rusqlite::Result<Option<(Clock, String)>> {
    conn.query_row(
        "SELECT wall, counter, machine, record FROM sync_items WHERE kind = ?1 AND key = ?2",
        params![register.as_str(), key],
        |row| {
            Ok((
                Clock {
                    wall: row.get(0)?,
                    counter: row.get(1)?,
                    machine: row.get(2)?,
                },
                row.get(3)?,
            ))
        },
    )
    .optional()
}

/// Puts a record in its register.
pub(super) fn put_register(
    tx: &Transaction,
    record: &Record,
    json: &str,
    pending: bool,
) -> rusqlite::Result<()> {
    let (register, key) = record.change.register();
    tx.execute(
        "INSERT INTO sync_items (kind, key, wall, counter, machine, record, pending)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (kind, key) DO UPDATE SET wall = excluded.wall, counter = excluded.counter,
             machine = excluded.machine, record = excluded.record, pending = excluded.pending",
        params![
            register.as_str(),
            key,
            record.clock.wall,
            record.clock.counter,
            record.clock.machine,
            json,
            pending
        ],
    )?;
    Ok(())
}

/// Records a change made here, now: it beats whatever its register held.
pub(super) fn record(tx: &Transaction, change: Change) -> rusqlite::Result<()> {
    record_at(tx, change, None)
}

/// Records a change made here, at `wall` ms when that is known and the item has no register
/// yet (a bookmark made before sync), else now.
pub(super) fn record_at(
    tx: &Transaction,
    change: Change,
    wall: Option<i64>,
) -> rusqlite::Result<()> {
    let machine = machine(tx)?;
    let (register, key) = change.register();
    let old = self::register(tx, register, &key)?;
    let clock = match (&old, wall) {
        (None, Some(wall)) => {
            let clock = Clock {
                wall,
                counter: 0,
                machine: machine.clone(),
            };
            observe(tx, &clock)?;
            clock
        }
        (Some((old, _)), _) => {
            let mut clock = tick(tx, &machine)?;
            if (old.wall, old.counter) >= (clock.wall, clock.counter) {
                clock = old.after(&machine);
                observe(tx, &clock)?;
            }
            clock
        }
        (None, None) => tick(tx, &machine)?,
    };
    let record = Record { clock, change };
    put_register(tx, &record, &record.to_json(), true)
}

/// A bookmark's row as the records name it.
struct BookmarkRow {
    add: BookmarkAdd,
    note: String,
}

fn bookmark_row(tx: &Transaction, id: i64) -> rusqlite::Result<Option<BookmarkRow>> {
    tx.query_row(
        "SELECT a.fingerprint, a.title, a.path, b.part, b.part_index, b.heading, b.paragraph,
                b.quote, b.note, b.created_at
         FROM bookmarks b JOIN articles a ON a.id = b.article_id WHERE b.id = ?1",
        [id],
        |row| {
            Ok(BookmarkRow {
                add: BookmarkAdd {
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
                note: row.get(8)?,
            })
        },
    )
    .optional()
}

fn bookmark_note(add: &BookmarkAdd, note: &str) -> Change {
    Change::BookmarkNote(BookmarkNote {
        fingerprint: add.fingerprint.clone(),
        part: add.part.clone(),
        index: add.index,
        paragraph: add.paragraph,
        note: note.to_owned(),
    })
}

/// Whether the article has a bookmark at these columns (before a put that may add it).
pub(super) fn bookmark_at(
    tx: &Transaction,
    article: i64,
    (part, index, paragraph): (&str, i64, i64),
) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM bookmarks WHERE article_id = ?1 AND part = ?2
             AND part_index = ?3 AND paragraph = ?4)",
        params![article, part, index, paragraph],
        |row| row.get(0),
    )
}

/// A bookmark was put (made, made again, restored); `noted` when its note may have changed.
pub(super) fn bookmark_saved(tx: &Transaction, id: i64, noted: bool) -> rusqlite::Result<()> {
    let Some(row) = bookmark_row(tx, id)? else {
        return Ok(());
    };
    let note = bookmark_note(&row.add, &row.note);
    record(tx, Change::BookmarkAdd(row.add))?;
    if noted {
        record(tx, note)?;
    }
    Ok(())
}

/// A bookmark is about to be deleted.
pub(super) fn bookmark_removed(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    let Some(BookmarkRow { add, .. }) = bookmark_row(tx, id)? else {
        return Ok(());
    };
    record(
        tx,
        Change::BookmarkRemove(BookmarkKey {
            fingerprint: add.fingerprint,
            part: add.part,
            index: add.index,
            paragraph: add.paragraph,
        }),
    )
}

/// A bookmark's note was changed.
pub(super) fn bookmark_noted(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    match bookmark_row(tx, id)? {
        Some(row) => record(tx, bookmark_note(&row.add, &row.note)),
        None => Ok(()),
    }
}

struct HighlightRow {
    add: HighlightAdd,
    note: String,
}

fn highlight_row(tx: &Transaction, id: i64) -> rusqlite::Result<Option<HighlightRow>> {
    tx.query_row(
        "SELECT a.fingerprint, a.title, a.path, h.part, h.part_index, h.heading, h.paragraph,
                h.quote, h.words, h.before, h.after, h.note, h.colour, h.created_at
         FROM highlights h JOIN articles a ON a.id = h.article_id WHERE h.id = ?1",
        [id],
        |row| {
            Ok(HighlightRow {
                add: HighlightAdd {
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
                    colour: super::highlights::colour(row.get(12)?),
                    created: row.get(13)?,
                },
                note: row.get(11)?,
            })
        },
    )
    .optional()
}

fn highlight_key(add: &HighlightAdd) -> HighlightKey {
    HighlightKey {
        fingerprint: add.fingerprint.clone(),
        part: add.part.clone(),
        index: add.index,
        paragraph: add.paragraph,
        words: add.words.clone(),
    }
}

fn highlight_note(add: &HighlightAdd, note: &str) -> Change {
    let key = highlight_key(add);
    Change::HighlightNote(HighlightNote {
        fingerprint: key.fingerprint,
        part: key.part,
        index: key.index,
        paragraph: key.paragraph,
        words: key.words,
        note: note.to_owned(),
    })
}

fn highlight_colour(add: &HighlightAdd) -> Change {
    let key = highlight_key(add);
    Change::HighlightColour(HighlightColour {
        fingerprint: key.fingerprint,
        part: key.part,
        index: key.index,
        paragraph: key.paragraph,
        words: key.words,
        colour: add.colour,
    })
}

/// Whether the article has a highlight of these words at these columns.
pub(super) fn highlight_at(
    tx: &Transaction,
    article: i64,
    (part, index, paragraph): (&str, i64, i64),
    words: &str,
) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM highlights WHERE article_id = ?1 AND part = ?2
             AND part_index = ?3 AND paragraph = ?4 AND words = ?5)",
        params![article, part, index, paragraph, words],
        |row| row.get(0),
    )
}

/// A highlight was put (its colour is always set); `noted` when its note may have changed.
pub(super) fn highlight_saved(tx: &Transaction, id: i64, noted: bool) -> rusqlite::Result<()> {
    let Some(row) = highlight_row(tx, id)? else {
        return Ok(());
    };
    let note = highlight_note(&row.add, &row.note);
    let colour = highlight_colour(&row.add);
    record(tx, Change::HighlightAdd(row.add))?;
    record(tx, colour)?;
    if noted {
        record(tx, note)?;
    }
    Ok(())
}

pub(super) fn highlight_removed(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    match highlight_row(tx, id)? {
        Some(row) => record(tx, Change::HighlightRemove(highlight_key(&row.add))),
        None => Ok(()),
    }
}

/// A highlight's `note` or `colour` was changed.
pub(super) fn highlight_changed(tx: &Transaction, id: i64, column: &str) -> rusqlite::Result<()> {
    let Some(row) = highlight_row(tx, id)? else {
        return Ok(());
    };
    match column {
        "note" => record(tx, highlight_note(&row.add, &row.note)),
        _ => record(tx, highlight_colour(&row.add)),
    }
}

/// What sync knows of an article's row: its position and its read mark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ArticleMarks {
    fingerprint: String,
    title: String,
    path: Option<String>,
    position: Option<(usize, usize, u8)>,
    read_hash: Option<String>,
}

/// A reading position as its columns hold it: (block, byte, percent), when there is one.
pub(super) fn stored_position(
    block: Option<i64>,
    byte: Option<i64>,
    percent: i64,
) -> Option<(usize, usize, u8)> {
    block.zip(byte).map(|(block, byte)| {
        (
            usize::try_from(block).unwrap_or(0),
            usize::try_from(byte).unwrap_or(0),
            u8::try_from(percent.clamp(0, 100)).unwrap_or(0),
        )
    })
}

pub(super) fn article_marks(tx: &Transaction, id: i64) -> rusqlite::Result<Option<ArticleMarks>> {
    tx.query_row(
        "SELECT fingerprint, title, path, position_block, position_byte, percent, read_hash
         FROM articles WHERE id = ?1",
        [id],
        |row| {
            let block: Option<i64> = row.get(3)?;
            let byte: Option<i64> = row.get(4)?;
            let percent: i64 = row.get(5)?;
            Ok(ArticleMarks {
                fingerprint: row.get(0)?,
                title: row.get(1)?,
                path: row.get(2)?,
                position: stored_position(block, byte, percent),
                read_hash: row.get(6)?,
            })
        },
    )
    .optional()
}

/// An article's row was written (a position saved, a read mark set): records what changed
/// since `before` (`None`: the row is new).
pub(super) fn article_changed(
    tx: &Transaction,
    id: i64,
    before: Option<ArticleMarks>,
) -> rusqlite::Result<()> {
    let Some(after) = article_marks(tx, id)? else {
        return Ok(());
    };
    let (old_position, old_read) = before.map_or((None, None), |b| (b.position, b.read_hash));
    if let Some((block, byte, percent)) = after.position.filter(|p| Some(*p) != old_position) {
        record(
            tx,
            Change::Position(Position {
                fingerprint: after.fingerprint.clone(),
                article: after.title.clone(),
                path: after.path.clone(),
                block,
                byte,
                percent,
            }),
        )?;
    }
    if after.read_hash != old_read {
        record(
            tx,
            Change::Read(ReadMark {
                fingerprint: after.fingerprint,
                article: after.title,
                path: after.path,
                read: after.read_hash.is_some(),
                hash: after.read_hash,
            }),
        )?;
    }
    Ok(())
}

/// An article's tags, before a change to them.
pub(super) fn tags_of(tx: &Transaction, article: i64) -> rusqlite::Result<Vec<String>> {
    let mut statement = tx.prepare("SELECT tag FROM tags WHERE article_id = ?1")?;
    let rows = statement.query_map([article], |row| row.get(0))?;
    rows.collect()
}

/// An article's tags were changed from `before`: records each put on and taken off.
pub(super) fn tags_changed(
    tx: &Transaction,
    article: i64,
    before: &[String],
) -> rusqlite::Result<()> {
    let after = tags_of(tx, article)?;
    let Some(marks) = article_marks(tx, article)? else {
        return Ok(());
    };
    for tag in after.iter().filter(|t| !before.contains(t)) {
        record(
            tx,
            Change::TagAdd(TagAdd {
                fingerprint: marks.fingerprint.clone(),
                article: marks.title.clone(),
                path: marks.path.clone(),
                tag: tag.clone(),
            }),
        )?;
    }
    for tag in before.iter().filter(|t| !after.contains(t)) {
        record(
            tx,
            Change::TagRemove(TagKey {
                fingerprint: marks.fingerprint.clone(),
                tag: tag.clone(),
            }),
        )?;
    }
    Ok(())
}

/// A search was saved under `name` (a new one, or one saved again).
pub(super) fn search_saved(tx: &Transaction, name: &str, query: &str) -> rusqlite::Result<()> {
    record(
        tx,
        Change::SearchSave(SearchSave {
            name: name.to_owned(),
            query: query.to_owned(),
        }),
    )
}

pub(super) fn search_forgotten(tx: &Transaction, name: &str) -> rusqlite::Result<()> {
    record(
        tx,
        Change::SearchForget(SearchForget {
            name: name.to_owned(),
        }),
    )
}
