//! Articles as the store knows them: by fingerprint, with the last path seen, the reading
//! position and the read state.

use super::{time, Access, Result, Store};
use crate::article::identity::Identity;
use crate::article::layout::Anchor;
use rusqlite::{params, OptionalExtension, Row};

/// An article as it was just loaded, to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub identity: Identity,
    pub title: String,
    /// Where it was loaded from, when that was a file.
    pub path: Option<String>,
    pub words: usize,
}

/// How far a person got with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadState {
    New,
    /// Opened and left part-way, at this percent.
    InProgress(u8),
    /// Its end was reached (or it was marked read).
    Read,
    /// Read, and its text changed since.
    ChangedSinceRead,
}

impl ReadState {
    /// As the reader and the library show it.
    pub fn label(self) -> String {
        match self {
            ReadState::New => "new".to_owned(),
            ReadState::InProgress(percent) => format!("{percent}% read"),
            ReadState::Read => "read".to_owned(),
            ReadState::ChangedSinceRead => "changed since read".to_owned(),
        }
    }
}

/// One row of the `articles` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRecord {
    pub id: i64,
    pub fingerprint: String,
    pub title: String,
    pub path: Option<String>,
    pub content_hash: String,
    pub words: usize,
    pub last_opened: Option<i64>,
    pub position: Option<Anchor>,
    pub percent: u8,
    pub read_hash: Option<String>,
}

impl ArticleRecord {
    pub fn state(&self) -> ReadState {
        match &self.read_hash {
            Some(hash) if *hash == self.content_hash || self.content_hash.is_empty() => {
                ReadState::Read
            }
            Some(_) => ReadState::ChangedSinceRead,
            // at the end but not read: marked unread by hand, and so it stays
            None if self.position.is_some() && self.last_opened.is_some() && self.percent < 100 => {
                ReadState::InProgress(self.percent)
            }
            None => ReadState::New,
        }
    }

    pub(super) const COLUMNS: &'static str = "id, fingerprint, title, path, content_hash, words, \
        last_opened, position_block, position_byte, percent, read_hash";

    /// [`ArticleRecord::COLUMNS`] of the table called `alias` in a join: `a.id, a.fingerprint, …`.
    pub(super) fn columns_of(alias: &str) -> String {
        Self::COLUMNS
            .split(", ")
            .map(|c| format!("{alias}.{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) fn from_row(row: &Row, at: usize) -> rusqlite::Result<ArticleRecord> {
        let block: Option<i64> = row.get(at + 7)?;
        let byte: Option<i64> = row.get(at + 8)?;
        Ok(ArticleRecord {
            id: row.get(at)?,
            fingerprint: row.get(at + 1)?,
            title: row.get(at + 2)?,
            path: row.get(at + 3)?,
            content_hash: row.get(at + 4)?,
            words: usize::try_from(row.get::<_, i64>(at + 5)?).unwrap_or(0),
            last_opened: row.get(at + 6)?,
            position: block.zip(byte).map(|(block, byte)| Anchor {
                block: usize::try_from(block).unwrap_or(0),
                byte: usize::try_from(byte).unwrap_or(0),
            }),
            percent: u8::try_from(row.get::<_, i64>(at + 9)?.clamp(0, 100)).unwrap_or(0),
            read_hash: row.get(at + 10)?,
        })
    }
}

/// Records `seen` in an open transaction; returns the article's row id.
pub(super) fn upsert(tx: &rusqlite::Transaction, seen: &Seen) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO articles (fingerprint, title, path, content_hash, words, first_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (fingerprint) DO UPDATE SET
             title = excluded.title,
             path = coalesce(excluded.path, path),
             content_hash = excluded.content_hash,
             words = excluded.words",
        params![
            seen.identity.fingerprint,
            seen.title,
            seen.path,
            seen.identity.content,
            seen.words as i64,
            time::now()
        ],
    )?;
    tx.query_row(
        "SELECT id FROM articles WHERE fingerprint = ?1",
        [&seen.identity.fingerprint],
        |row| row.get(0),
    )
}

impl Store {
    /// Records an article just loaded (its path, title and text hash); returns what the store
    /// knows of it. A read-only store only looks it up.
    pub fn see(&mut self, seen: &Seen) -> Result<Option<ArticleRecord>> {
        let known = self.article(&seen.identity.fingerprint)?;
        // an article seen as it was before costs no write (and no wait for the disk)
        let unchanged = known.as_ref().is_some_and(|r| {
            r.title == seen.title
                && r.content_hash == seen.identity.content
                && r.words == seen.words
                && (seen.path.is_none() || r.path == seen.path)
        });
        if unchanged || !matches!(self.access, Access::ReadWrite) {
            return Ok(known);
        }
        self.write(|tx| Ok(upsert(tx, seen).map(|_| ())?))?;
        self.article(&seen.identity.fingerprint)
    }

    /// The article with this fingerprint, if the store has it.
    pub fn article(&self, fingerprint: &str) -> Result<Option<ArticleRecord>> {
        let sql = format!(
            "SELECT {} FROM articles WHERE fingerprint = ?1",
            ArticleRecord::COLUMNS
        );
        Ok(self
            .conn
            .query_row(&sql, [fingerprint], |row| ArticleRecord::from_row(row, 0))
            .optional()?)
    }

    /// Every article the store knows, most recently opened first.
    pub fn articles(&self) -> Result<Vec<ArticleRecord>> {
        let sql = format!(
            "SELECT {} FROM articles ORDER BY last_opened IS NULL, last_opened DESC, id",
            ArticleRecord::COLUMNS
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], |row| ArticleRecord::from_row(row, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves where the reader is; reaching the end marks the article read.
    pub fn save_position(
        &mut self,
        seen: &Seen,
        anchor: Anchor,
        percent: u8,
        reached_end: bool,
    ) -> Result<()> {
        self.write(|tx| {
            let id = upsert(tx, seen)?;
            let before = super::sync::article_marks(tx, id)?;
            let now = time::now();
            tx.execute(
                "UPDATE articles SET position_block = ?2, position_byte = ?3, percent = ?4,
                     position_saved = ?5, last_opened = ?5,
                     read_hash = CASE WHEN ?6 THEN content_hash ELSE read_hash END,
                     read_at = CASE WHEN ?6 THEN ?5 ELSE read_at END
                 WHERE id = ?1",
                params![
                    id,
                    anchor.block as i64,
                    anchor.byte as i64,
                    percent.min(100),
                    now,
                    reached_end
                ],
            )?;
            super::sync::article_changed(tx, id, before)?;
            Ok(())
        })
    }

    /// Marks many articles read or unread at once, in one transaction.
    pub fn set_read_many(&mut self, seen: &[Seen], read: bool) -> Result<()> {
        self.write(|tx| {
            for s in seen {
                let id = upsert(tx, s)?;
                let before = super::sync::article_marks(tx, id)?;
                if read {
                    tx.execute(
                        "UPDATE articles SET read_hash = content_hash, read_at = ?2 WHERE id = ?1",
                        params![id, time::now()],
                    )?;
                } else {
                    tx.execute(
                        "UPDATE articles SET read_hash = NULL, read_at = NULL WHERE id = ?1",
                        [id],
                    )?;
                }
                super::sync::article_changed(tx, id, before)?;
            }
            Ok(())
        })
    }

    /// Marks an article read (as its text is now) or unread.
    pub fn set_read(&mut self, seen: &Seen, read: bool) -> Result<()> {
        self.set_read_many(std::slice::from_ref(seen), read)
    }
}

/// What the library shows of an article the store knows: its read state and bookmark count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    pub state: ReadState,
    /// Bookmarks and highlights.
    pub bookmarks: usize,
}

impl Store {
    /// Read state and count of bookmarks and highlights of every article the store knows, by fingerprint.
    pub fn marks(&self) -> Result<std::collections::HashMap<String, Marks>> {
        let bookmarks: std::collections::HashMap<i64, usize> = {
            let mut statement = self.conn.prepare(
                "SELECT article_id, count(*) FROM
                     (SELECT article_id FROM bookmarks UNION ALL SELECT article_id FROM highlights)
                 GROUP BY article_id",
            )?;
            let rows = statement.query_map([], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)? as usize))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        Ok(self
            .articles()?
            .into_iter()
            .map(|record| {
                let marks = Marks {
                    state: record.state(),
                    bookmarks: bookmarks.get(&record.id).copied().unwrap_or(0),
                };
                (record.fingerprint, marks)
            })
            .collect())
    }
}
