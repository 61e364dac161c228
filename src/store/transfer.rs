//! Bookmarks and highlights in and out as JSON (`lede bookmarks --json`, `lede bookmarks import`): stable
//! field names, and a merge that duplicates nothing and loses nothing.

use super::bookmarks::{columns, place_from, put};
use super::highlights;
use super::{time, Result, Store, StoreError};
use crate::article::passage::Passage;
use crate::article::place::Place;
use crate::article::sanitize::sanitize_inline;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The export format's version; an import refuses a higher one.
pub const EXPORT_VERSION: u32 = 1;

/// What `lede bookmarks --json` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    pub version: u32,
    pub bookmarks: Vec<ExportedBookmark>,
    /// Absent in exports from a lede before highlights.
    #[serde(default)]
    pub highlights: Vec<ExportedHighlight>,
}

/// One highlight, flat: the article, the place of its first word (as a bookmark's fields),
/// its words exactly, the text around them, its colour and note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedHighlight {
    pub article: String,
    pub fingerprint: String,
    #[serde(default)]
    pub path: Option<String>,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub paragraph: Option<usize>,
    /// The first words, as a bookmark's quote: what finds the paragraph.
    #[serde(default)]
    pub quote: String,
    /// The words highlighted, exactly; one line per paragraph.
    pub words: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    #[serde(default)]
    pub note: String,
    /// 1 to 4.
    #[serde(default = "first_colour")]
    pub colour: u8,
    /// When it was saved, RFC 3339 in UTC.
    pub saved: String,
}

fn first_colour() -> u8 {
    1
}

impl ExportedHighlight {
    pub fn passage(&self) -> Option<Passage> {
        Some(Passage {
            place: place_from(
                &self.part,
                self.index as i64,
                self.heading.clone(),
                self.paragraph.map_or(-1, |p| p as i64),
                self.quote.clone(),
            )?,
            words: self.words.clone(),
            before: self.before.clone(),
            after: self.after.clone(),
        })
    }

    /// As [`ExportedBookmark::sanitized`]: controls go, line breaks between paragraphs stay.
    pub fn sanitized(&self) -> ExportedHighlight {
        let lines = |text: &str| {
            text.split('\n')
                .map(sanitize_inline)
                .collect::<Vec<_>>()
                .join("\n")
        };
        ExportedHighlight {
            article: sanitize_inline(&self.article),
            fingerprint: sanitize_inline(&self.fingerprint),
            path: self.path.as_deref().map(sanitize_inline),
            part: self.part.clone(),
            index: self.index,
            heading: sanitize_inline(&self.heading),
            paragraph: self.paragraph,
            quote: sanitize_inline(&self.quote),
            words: lines(&self.words),
            before: sanitize_inline(&self.before),
            after: sanitize_inline(&self.after),
            note: sanitize_inline(&self.note),
            colour: highlights::colour(i64::from(self.colour)),
            saved: sanitize_inline(&self.saved),
        }
    }
}

/// One bookmark, flat, with everything needed to find its article and place again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportedBookmark {
    /// The article's title.
    pub article: String,
    /// The article's fingerprint (normalised title and lead), which finds it anywhere.
    pub fingerprint: String,
    /// Where the article was last seen.
    #[serde(default)]
    pub path: Option<String>,
    /// `lead`, `section`, `key_point`, `summary` or `faq`.
    pub part: String,
    /// The section, key point or question's index, from 0.
    #[serde(default)]
    pub index: usize,
    /// The section's heading or the question, where the part has one.
    #[serde(default)]
    pub heading: String,
    /// The paragraph within the part, from 0; absent for its heading or question.
    #[serde(default)]
    pub paragraph: Option<usize>,
    pub quote: String,
    #[serde(default)]
    pub note: String,
    /// When it was saved, RFC 3339 in UTC.
    pub saved: String,
}

impl ExportedBookmark {
    pub fn place(&self) -> Option<Place> {
        place_from(
            &self.part,
            self.index as i64,
            self.heading.clone(),
            self.paragraph.map_or(-1, |p| p as i64),
            self.quote.clone(),
        )
    }
}

/// The longest note an import stores, in bytes: notes merged without bound grew to tens of
/// kilobytes, past what the list and the Markdown can show.
pub const NOTE_LIMIT: usize = 4096;

impl ExportedBookmark {
    /// The bookmark with every text cleaned as article text is: an export is anyone's file,
    /// and its escape sequences must never reach a terminal. Only the controls go.
    pub fn sanitized(&self) -> ExportedBookmark {
        ExportedBookmark {
            article: sanitize_inline(&self.article),
            fingerprint: sanitize_inline(&self.fingerprint),
            path: self.path.as_deref().map(sanitize_inline),
            part: self.part.clone(),
            index: self.index,
            heading: sanitize_inline(&self.heading),
            paragraph: self.paragraph,
            quote: sanitize_inline(&self.quote),
            note: sanitize_inline(&self.note),
            saved: sanitize_inline(&self.saved),
        }
    }
}

/// `note` cut to [`NOTE_LIMIT`] bytes, an ellipsis marking the cut; whether it was cut.
fn bounded(note: String) -> (String, bool) {
    if note.len() <= NOTE_LIMIT {
        return (note, false);
    }
    let mut end = NOTE_LIMIT - '…'.len_utf8();
    while !note.is_char_boundary(end) {
        end -= 1;
    }
    (format!("{}…", note[..end].trim_end()), true)
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub added: usize,
    /// Already there; the imported note was added to the one kept.
    pub merged: usize,
    pub unchanged: usize,
    /// Notes cut to [`NOTE_LIMIT`] (the whole text stays in the file imported).
    pub cut: usize,
}

impl ImportReport {
    pub fn total(&self) -> usize {
        self.added + self.merged + self.unchanged
    }
}

/// Every row `sql` gives that `read` can make sense of, as far as the file can be read (a
/// damaged file stops early; a file from before a table gives none of its rows).
fn readable_rows<T>(
    conn: &Connection,
    sql: &str,
    read: impl Fn(&Row) -> rusqlite::Result<T>,
) -> Vec<T> {
    let Ok(mut statement) = conn.prepare(sql) else {
        return Vec::new();
    };
    let Ok(mut rows) = statement.query([]) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while let Ok(Some(row)) = rows.next() {
        if let Ok(value) = read(row) {
            out.push(value);
        }
    }
    out
}

/// The bookmark rows of a database file, as far as they can be read: (fingerprint, title,
/// path, part, index, heading, paragraph, quote, note, created).
pub(super) fn read_rows(conn: &Connection) -> Vec<ExportedBookmark> {
    let sql = "SELECT a.fingerprint, a.title, a.path, b.part, b.part_index, b.heading, b.paragraph,
                b.quote, b.note, b.created_at
         FROM bookmarks b JOIN articles a ON a.id = b.article_id
         ORDER BY b.created_at DESC, b.id DESC";
    readable_rows(conn, sql, |row| {
        let paragraph: i64 = row.get(6)?;
        Ok(ExportedBookmark {
            fingerprint: row.get(0)?,
            article: row.get(1)?,
            path: row.get(2)?,
            part: row.get(3)?,
            index: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
            heading: row.get(5)?,
            paragraph: usize::try_from(paragraph).ok(),
            quote: row.get(7)?,
            note: row.get(8)?,
            saved: time::rfc3339(row.get(9)?),
        })
    })
}

/// The highlight rows of a database file, as far as they can be read (none in a file from
/// before highlights).
pub(super) fn read_highlight_rows(conn: &Connection) -> Vec<ExportedHighlight> {
    let sql = "SELECT a.fingerprint, a.title, a.path, h.part, h.part_index, h.heading, h.paragraph,
                h.quote, h.words, h.before, h.after, h.note, h.colour, h.created_at
         FROM highlights h JOIN articles a ON a.id = h.article_id
         ORDER BY h.created_at DESC, h.id DESC";
    readable_rows(conn, sql, |row| {
        let paragraph: i64 = row.get(6)?;
        Ok(ExportedHighlight {
            fingerprint: row.get(0)?,
            article: row.get(1)?,
            path: row.get(2)?,
            part: row.get(3)?,
            index: usize::try_from(row.get::<_, i64>(4)?).unwrap_or(0),
            heading: row.get(5)?,
            paragraph: usize::try_from(paragraph).ok(),
            quote: row.get(7)?,
            words: row.get(8)?,
            before: row.get(9)?,
            after: row.get(10)?,
            note: row.get(11)?,
            colour: highlights::colour(row.get(12)?),
            saved: time::rfc3339(row.get(13)?),
        })
    })
}

impl Export {
    pub(super) fn from_rows(
        bookmarks: Vec<ExportedBookmark>,
        highlights: Vec<ExportedHighlight>,
    ) -> Export {
        Export {
            version: EXPORT_VERSION,
            bookmarks,
            highlights,
        }
    }

    /// Reads an export; the message says what is wrong with it.
    pub fn from_json(text: &str) -> Result<Export> {
        let export: Export =
            serde_json::from_str(text).map_err(|e| StoreError::BadImport(e.to_string()))?;
        if export.version > EXPORT_VERSION {
            return Err(StoreError::BadImport(format!(
                "version {} is newer than this lede's {EXPORT_VERSION}",
                export.version
            )));
        }
        if let Some(bad) = export.bookmarks.iter().find(|b| b.place().is_none()) {
            return Err(StoreError::BadImport(format!(
                "unknown part \"{}\"",
                bad.part
            )));
        }
        if let Some(bad) = export.highlights.iter().find(|h| h.passage().is_none()) {
            return Err(StoreError::BadImport(format!(
                "unknown part \"{}\"",
                bad.part
            )));
        }
        Ok(export)
    }
}

impl Store {
    /// Every bookmark and highlight, newest first, in the export format.
    pub fn export(&self) -> Export {
        Export::from_rows(read_rows(&self.conn), read_highlight_rows(&self.conn))
    }

    /// Merges an export: a bookmark already here (same article, same place) is kept once,
    /// with both notes (at most [`NOTE_LIMIT`] bytes); everything else is added, its text
    /// sanitised. All or nothing.
    pub fn import(&mut self, export: &Export) -> Result<ImportReport> {
        self.write(|tx| {
            let mut report = ImportReport::default();
            for exported in &export.bookmarks {
                let exported = &exported.sanitized();
                let place = exported.place().ok_or_else(|| {
                    StoreError::BadImport(format!("unknown part \"{}\"", exported.part))
                })?;
                let article = imported_article(
                    tx,
                    &exported.fingerprint,
                    &exported.article,
                    exported.path.as_deref(),
                )?;
                let (part, index, _, paragraph) = columns(&place);
                let existing: Option<(i64, String)> = tx
                    .query_row(
                        "SELECT id, note FROM bookmarks
                         WHERE article_id = ?1 AND part = ?2 AND part_index = ?3 AND paragraph = ?4",
                        params![article, part, index, paragraph],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()?;
                let created = time::parse_rfc3339(&exported.saved).unwrap_or_else(time::now);
                merge_note(tx, "bookmarks", existing, &exported.note, &mut report, |note| {
                    put(tx, article, &place, note, created).map(|_| ())
                })?;
            }
            for exported in &export.highlights {
                let exported = &exported.sanitized();
                let passage = exported.passage().ok_or_else(|| {
                    StoreError::BadImport(format!("unknown part \"{}\"", exported.part))
                })?;
                let article = imported_article(
                    tx,
                    &exported.fingerprint,
                    &exported.article,
                    exported.path.as_deref(),
                )?;
                let (part, index, _, paragraph) = columns(&passage.place);
                let existing: Option<(i64, String)> = tx
                    .query_row(
                        "SELECT id, note FROM highlights WHERE article_id = ?1 AND part = ?2
                         AND part_index = ?3 AND paragraph = ?4 AND words = ?5",
                        params![article, part, index, paragraph, passage.words],
                        |row| Ok((row.get(0)?, row.get(1)?)),
                    )
                    .optional()?;
                let created = time::parse_rfc3339(&exported.saved).unwrap_or_else(time::now);
                merge_note(tx, "highlights", existing, &exported.note, &mut report, |note| {
                    highlights::put(tx, article, &passage, note, exported.colour, created)
                        .map(|_| ())
                })?;
            }
            Ok(report)
        })
    }
}

/// What an imported mark's note does: a mark not here is added with it (`add`); one here
/// keeps its note when the imported one says nothing new, else gets it after ` | `, at most
/// [`NOTE_LIMIT`] bytes; `table` is the marks' table.
fn merge_note(
    tx: &rusqlite::Transaction,
    table: &str,
    existing: Option<(i64, String)>,
    note: &str,
    report: &mut ImportReport,
    add: impl FnOnce(&str) -> rusqlite::Result<()>,
) -> rusqlite::Result<()> {
    let note = note.trim();
    match existing {
        None => {
            let (note, cut) = bounded(note.to_owned());
            add(&note)?;
            report.added += 1;
            report.cut += usize::from(cut);
        }
        Some((_, kept)) if note.is_empty() || kept.contains(note) => report.unchanged += 1,
        Some((_, kept)) if kept.len() + " | …".len() >= NOTE_LIMIT => {
            // already full: this note stays only in the file it came from
            report.unchanged += 1;
            report.cut += 1;
        }
        Some((id, kept)) => {
            let (merged, cut) = bounded(if kept.is_empty() {
                note.to_owned()
            } else {
                format!("{kept} | {note}")
            });
            report.cut += usize::from(cut);
            tx.execute(
                &format!("UPDATE {table} SET note = ?2 WHERE id = ?1"),
                params![id, merged],
            )?;
            report.merged += 1;
        }
    }
    Ok(())
}

/// The id of an imported article, added (with its title and path) when it is not known here.
fn imported_article(
    tx: &rusqlite::Transaction,
    fingerprint: &str,
    title: &str,
    path: Option<&str>,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO articles (fingerprint, title, path, first_seen)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (fingerprint) DO UPDATE SET path = coalesce(path, excluded.path)",
        params![fingerprint, title, path, time::now()],
    )?;
    tx.query_row(
        "SELECT id FROM articles WHERE fingerprint = ?1",
        [fingerprint],
        |row| row.get(0),
    )
}
