//! Bookmarks: a place in an article (see [`Place`]), an optional note, when it was saved.
//! One bookmark per paragraph: bookmarking a place again updates it.

use super::articles::{upsert, ArticleRecord, Seen};
use super::{time, Result, Store, StoreError};
use crate::article::place::{Place, Spot};
use rusqlite::{params, OptionalExtension, Row};

/// A saved bookmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bookmark {
    pub id: i64,
    pub place: Place,
    pub note: String,
    /// Unix seconds.
    pub created: i64,
}

/// A bookmark with the article it belongs to, for lists across articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookmarkRow {
    pub article: ArticleRecord,
    pub bookmark: Bookmark,
}

/// The columns a place is stored in: part, index, heading (or question), paragraph (-1: none).
pub(super) fn columns(place: &Place) -> (&'static str, i64, &str, i64) {
    let paragraph = place.paragraph.map_or(-1, |p| p as i64);
    match &place.spot {
        Spot::Lead => ("lead", 0, "", paragraph),
        Spot::Section { index, heading } => ("section", *index as i64, heading, paragraph),
        Spot::KeyPoint { index } => ("key_point", *index as i64, "", -1),
        Spot::Summary => ("summary", 0, "", paragraph),
        Spot::Faq { index, question } => ("faq", *index as i64, question, paragraph),
    }
}

/// The place stored in those columns; `None` for a part this lede does not know.
pub(super) fn place_from(
    part: &str,
    index: i64,
    heading: String,
    paragraph: i64,
    quote: String,
) -> Option<Place> {
    let index = usize::try_from(index).ok()?;
    let spot = match part {
        "lead" => Spot::Lead,
        "section" => Spot::Section { index, heading },
        "key_point" => Spot::KeyPoint { index },
        "summary" => Spot::Summary,
        "faq" => Spot::Faq {
            index,
            question: heading,
        },
        _ => return None,
    };
    Some(Place {
        spot,
        paragraph: usize::try_from(paragraph).ok(),
        quote,
    })
}

const BOOKMARK_COLUMNS: &str =
    "b.id, b.part, b.part_index, b.heading, b.paragraph, b.quote, b.note, b.created_at";

/// A bookmark from the row's columns at `at..`; `None` for a part this lede does not know.
fn bookmark_from_row(row: &Row, at: usize) -> rusqlite::Result<Option<Bookmark>> {
    let part: String = row.get(at + 1)?;
    let place = place_from(
        &part,
        row.get(at + 2)?,
        row.get(at + 3)?,
        row.get(at + 4)?,
        row.get(at + 5)?,
    );
    Ok(match place {
        Some(place) => Some(Bookmark {
            id: row.get(at)?,
            place,
            note: row.get(at + 6)?,
            created: row.get(at + 7)?,
        }),
        None => None,
    })
}

/// Inserts or updates the bookmark at a place in an open transaction.
pub(super) fn put(
    tx: &rusqlite::Transaction,
    article_id: i64,
    place: &Place,
    note: &str,
    created: i64,
) -> rusqlite::Result<i64> {
    let (part, index, heading, paragraph) = columns(place);
    tx.query_row(
        "INSERT INTO bookmarks (article_id, part, part_index, heading, paragraph, quote, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (article_id, part, part_index, paragraph) DO UPDATE SET
             heading = excluded.heading, quote = excluded.quote,
             note = CASE WHEN excluded.note = '' THEN note ELSE excluded.note END
         RETURNING id",
        params![article_id, part, index, heading, paragraph, place.quote, note, created],
        |row| row.get(0),
    )
}

impl Store {
    /// Bookmarks a place in an article (updating the bookmark already there).
    pub fn add_bookmark(&mut self, seen: &Seen, place: &Place, note: &str) -> Result<Bookmark> {
        let id = self.write(|tx| {
            let article = upsert(tx, seen)?;
            let (part, index, _, paragraph) = columns(place);
            let new = !super::sync::bookmark_at(tx, article, (part, index, paragraph))?;
            let id = put(tx, article, place, note, time::now())?;
            super::sync::bookmark_saved(tx, id, new || !note.is_empty())?;
            Ok(id)
        })?;
        self.bookmark(id)?.ok_or(StoreError::NotFound("bookmark"))
    }

    /// Puts back a bookmark exactly as it was (after a delete, for undo).
    pub fn restore_bookmark(&mut self, fingerprint: &str, bookmark: &Bookmark) -> Result<Bookmark> {
        let id = self.write(|tx| {
            let article: i64 = tx
                .query_row(
                    "SELECT id FROM articles WHERE fingerprint = ?1",
                    [fingerprint],
                    |row| row.get(0),
                )
                .optional()?
                .ok_or(StoreError::NotFound("article"))?;
            let id = put(
                tx,
                article,
                &bookmark.place,
                &bookmark.note,
                bookmark.created,
            )?;
            super::sync::bookmark_saved(tx, id, true)?;
            Ok(id)
        })?;
        self.bookmark(id)?.ok_or(StoreError::NotFound("bookmark"))
    }

    /// Deletes a bookmark; returns it, for undo.
    pub fn remove_bookmark(&mut self, id: i64) -> Result<Bookmark> {
        let bookmark = self.bookmark(id)?.ok_or(StoreError::NotFound("bookmark"))?;
        self.write(|tx| {
            super::sync::bookmark_removed(tx, id)?;
            tx.execute("DELETE FROM bookmarks WHERE id = ?1", [id])?;
            Ok(())
        })?;
        Ok(bookmark)
    }

    /// Deletes the bookmark at a place of an article, if there is one; returns it.
    pub fn remove_bookmark_at(
        &mut self,
        fingerprint: &str,
        place: &Place,
    ) -> Result<Option<Bookmark>> {
        let (part, index, _, paragraph) = columns(place);
        let id: Option<i64> = self
            .conn
            .query_row(
                "SELECT b.id FROM bookmarks b JOIN articles a ON a.id = b.article_id
                 WHERE a.fingerprint = ?1 AND b.part = ?2 AND b.part_index = ?3 AND b.paragraph = ?4",
                params![fingerprint, part, index, paragraph],
                |row| row.get(0),
            )
            .optional()?;
        id.map(|id| self.remove_bookmark(id)).transpose()
    }

    /// Replaces a bookmark's note (empty removes it).
    pub fn set_note(&mut self, id: i64, note: &str) -> Result<()> {
        let changed = self.write(|tx| {
            let changed = tx.execute(
                "UPDATE bookmarks SET note = ?2 WHERE id = ?1",
                params![id, note.trim()],
            )?;
            super::sync::bookmark_noted(tx, id)?;
            Ok(changed)
        })?;
        if changed == 0 {
            return Err(StoreError::NotFound("bookmark"));
        }
        Ok(())
    }

    pub fn bookmark(&self, id: i64) -> Result<Option<Bookmark>> {
        let sql = format!("SELECT {BOOKMARK_COLUMNS} FROM bookmarks b WHERE b.id = ?1");
        Ok(self
            .conn
            .query_row(&sql, [id], |row| bookmark_from_row(row, 0))
            .optional()?
            .flatten())
    }

    /// The bookmarks of one article, in no particular order.
    pub fn bookmarks_of(&self, fingerprint: &str) -> Result<Vec<Bookmark>> {
        let sql = format!(
            "SELECT {BOOKMARK_COLUMNS} FROM bookmarks b JOIN articles a ON a.id = b.article_id
             WHERE a.fingerprint = ?1 ORDER BY b.created_at DESC, b.id DESC"
        );
        self.known_rows(&sql, [fingerprint], |row| bookmark_from_row(row, 0))
    }

    /// Every bookmark with its article, newest first.
    pub fn all_bookmarks(&self) -> Result<Vec<BookmarkRow>> {
        let sql = format!(
            "SELECT {BOOKMARK_COLUMNS}, {} FROM bookmarks b JOIN articles a ON a.id = b.article_id
             ORDER BY b.created_at DESC, b.id DESC",
            ArticleRecord::columns_of("a")
        );
        self.known_rows(&sql, [], |row| {
            bookmark_from_row(row, 0)?
                .map(|bookmark| {
                    Ok(BookmarkRow {
                        article: ArticleRecord::from_row(row, 8)?,
                        bookmark,
                    })
                })
                .transpose()
        })
    }
}
