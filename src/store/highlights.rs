//! Highlights: exact words of an article (see [`Passage`]), with a colour and an optional
//! note. One highlight per run of words at a place: highlighting the same words again updates
//! it.

use super::articles::{upsert, ArticleRecord, Seen};
use super::bookmarks::{columns, place_from};
use super::{time, Result, Store, StoreError};
use crate::article::passage::Passage;
use rusqlite::{params, OptionalExtension, Row};

/// Colours a highlight can have: 1 to this.
pub const COLOURS: u8 = 4;

/// A saved highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    pub id: i64,
    pub passage: Passage,
    pub note: String,
    /// 1 to [`COLOURS`].
    pub colour: u8,
    /// Unix seconds.
    pub created: i64,
}

/// A highlight with the article it belongs to, for lists across articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HighlightRow {
    pub article: ArticleRecord,
    pub highlight: Highlight,
}

/// A colour in range; anything else is the first.
pub fn colour(value: i64) -> u8 {
    u8::try_from(value)
        .ok()
        .filter(|c| (1..=COLOURS).contains(c))
        .unwrap_or(1)
}

const HIGHLIGHT_COLUMNS: &str = "h.id, h.part, h.part_index, h.heading, h.paragraph, h.quote, \
     h.words, h.before, h.after, h.note, h.colour, h.created_at";
const COLUMN_COUNT: usize = 12;

fn highlight_from_row(row: &Row, at: usize) -> rusqlite::Result<Option<Highlight>> {
    let part: String = row.get(at + 1)?;
    let Some(place) = place_from(
        &part,
        row.get(at + 2)?,
        row.get(at + 3)?,
        row.get(at + 4)?,
        row.get(at + 5)?,
    ) else {
        return Ok(None);
    };
    Ok(Some(Highlight {
        id: row.get(at)?,
        passage: Passage {
            place,
            words: row.get(at + 6)?,
            before: row.get(at + 7)?,
            after: row.get(at + 8)?,
        },
        note: row.get(at + 9)?,
        colour: colour(row.get(at + 10)?),
        created: row.get(at + 11)?,
    }))
}

/// Inserts or updates the highlight of these words at this place in an open transaction; an
/// empty note keeps the one there.
pub(super) fn put(
    tx: &rusqlite::Transaction,
    article_id: i64,
    passage: &Passage,
    note: &str,
    colour: u8,
    created: i64,
) -> rusqlite::Result<i64> {
    let (part, index, heading, paragraph) = columns(&passage.place);
    tx.query_row(
        "INSERT INTO highlights (article_id, part, part_index, heading, paragraph, quote, words,
                                 before, after, note, colour, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         ON CONFLICT (article_id, part, part_index, paragraph, words) DO UPDATE SET
             heading = excluded.heading, quote = excluded.quote,
             before = excluded.before, after = excluded.after, colour = excluded.colour,
             note = CASE WHEN excluded.note = '' THEN note ELSE excluded.note END
         RETURNING id",
        params![
            article_id,
            part,
            index,
            heading,
            paragraph,
            passage.place.quote,
            passage.words,
            passage.before,
            passage.after,
            note,
            colour,
            created
        ],
        |row| row.get(0),
    )
}

/// The id of the article with this fingerprint.
fn article_id(tx: &rusqlite::Transaction, fingerprint: &str) -> Result<i64> {
    tx.query_row(
        "SELECT id FROM articles WHERE fingerprint = ?1",
        [fingerprint],
        |row| row.get(0),
    )
    .optional()?
    .ok_or(StoreError::NotFound("article"))
}

impl Store {
    /// Highlights words of an article (updating the highlight of the same words).
    pub fn add_highlight(
        &mut self,
        seen: &Seen,
        passage: &Passage,
        note: &str,
        colour: u8,
    ) -> Result<Highlight> {
        let id = self.write(|tx| {
            let article = upsert(tx, seen)?;
            let (part, index, _, paragraph) = columns(&passage.place);
            let at = (part, index, paragraph);
            let new = !super::sync::highlight_at(tx, article, at, &passage.words)?;
            let id = put(
                tx,
                article,
                passage,
                note.trim(),
                colour.clamp(1, COLOURS),
                time::now(),
            )?;
            super::sync::highlight_saved(tx, id, new || !note.trim().is_empty())?;
            Ok(id)
        })?;
        self.highlight(id)?.ok_or(StoreError::NotFound("highlight"))
    }

    /// Puts back a highlight exactly as it was (after a delete, for undo).
    pub fn restore_highlight(
        &mut self,
        fingerprint: &str,
        highlight: &Highlight,
    ) -> Result<Highlight> {
        let id = self.write(|tx| {
            let article = article_id(tx, fingerprint)?;
            let id = put(
                tx,
                article,
                &highlight.passage,
                &highlight.note,
                highlight.colour,
                highlight.created,
            )?;
            super::sync::highlight_saved(tx, id, true)?;
            Ok(id)
        })?;
        self.highlight(id)?.ok_or(StoreError::NotFound("highlight"))
    }

    /// Deletes a highlight; returns it, for undo.
    pub fn remove_highlight(&mut self, id: i64) -> Result<Highlight> {
        let highlight = self
            .highlight(id)?
            .ok_or(StoreError::NotFound("highlight"))?;
        self.write(|tx| {
            super::sync::highlight_removed(tx, id)?;
            tx.execute("DELETE FROM highlights WHERE id = ?1", [id])?;
            Ok(())
        })?;
        Ok(highlight)
    }

    /// Replaces a highlight's note (empty removes it).
    pub fn set_highlight_note(&mut self, id: i64, note: &str) -> Result<()> {
        self.update_highlight(id, "note", note.trim().to_owned().into())
    }

    /// Gives a highlight another colour.
    pub fn set_highlight_colour(&mut self, id: i64, colour: u8) -> Result<()> {
        self.update_highlight(id, "colour", i64::from(colour.clamp(1, COLOURS)).into())
    }

    fn update_highlight(
        &mut self,
        id: i64,
        column: &'static str,
        value: rusqlite::types::Value,
    ) -> Result<()> {
        let changed = self.write(|tx| {
            let changed = tx.execute(
                &format!("UPDATE highlights SET {column} = ?2 WHERE id = ?1"),
                params![id, value],
            )?;
            super::sync::highlight_changed(tx, id, column)?;
            Ok(changed)
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound("highlight"));
        }
        Ok(())
    }

    pub fn highlight(&self, id: i64) -> Result<Option<Highlight>> {
        let sql = format!("SELECT {HIGHLIGHT_COLUMNS} FROM highlights h WHERE h.id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [id], |row| highlight_from_row(row, 0))
            .optional()?
            .flatten())
    }

    /// The highlights of one article, newest first.
    pub fn highlights_of(&self, fingerprint: &str) -> Result<Vec<Highlight>> {
        let sql = format!(
            "SELECT {HIGHLIGHT_COLUMNS} FROM highlights h JOIN articles a ON a.id = h.article_id
             WHERE a.fingerprint = ?1 ORDER BY h.created_at DESC, h.id DESC"
        );
        self.known_rows(&sql, [fingerprint], |row| highlight_from_row(row, 0))
    }

    /// Every highlight with its article, newest first.
    pub fn all_highlights(&self) -> Result<Vec<HighlightRow>> {
        let sql = format!(
            "SELECT {HIGHLIGHT_COLUMNS}, {} FROM highlights h JOIN articles a ON a.id = h.article_id
             ORDER BY h.created_at DESC, h.id DESC",
            ArticleRecord::columns_of("a")
        );
        self.known_rows(&sql, [], |row| {
            highlight_from_row(row, 0)?
                .map(|highlight| {
                    Ok(HighlightRow {
                        article: ArticleRecord::from_row(row, COLUMN_COUNT)?,
                        highlight,
                    })
                })
                .transpose()
        })
    }
}
