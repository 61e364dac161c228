//! The library's cache (a file's summary, valid while its size and time stay the same) and
//! its full-text index (one FTS5 row per part of an article, so a hit can name its section).

use super::{Result, Store};
use crate::article::identity::Identity;
use crate::article::Article;
use crate::library::summary::summary_of;
use crate::library::{FoundFile, Hit, HitPart, Info, Summary, MATCH_END, MATCH_START};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// An index row's id is the file's id shifted by this, plus the part's number.
const PART_BITS: u32 = 20;
/// Parts an article may have in the index; sections past this are not indexed.
const MAX_PARTS: usize = (1 << PART_BITS) - 4;
/// Below this many files, each is looked up; above it one scan of the table is cheaper.
const LOOKUP_LIMIT: usize = 64;

/// A `library_files` row.
/// Every file the cache knows, to match against a walk's files.
pub struct CacheSnapshot {
    rows: HashMap<String, Cached>,
}

impl CacheSnapshot {
    /// What the cache holds for each file, where its size and modification time still match.
    pub fn lookup(mut self, files: &[FoundFile]) -> Vec<Option<Info>> {
        files
            .iter()
            .map(|file| {
                self.rows
                    .remove(&file.key())
                    .filter(|row| row.size == file.size && row.modified == file.modified)
                    .map(|row| row.info)
            })
            .collect()
    }
}

struct Cached {
    size: u64,
    modified: i64,
    info: Info,
    indexed_hash: Option<String>,
}

const CACHED_COLUMNS: &str =
    "key, size, modified, fingerprint, content_hash, title, sections, words, error, indexed_hash";

fn cached_from(row: &rusqlite::Row) -> rusqlite::Result<(String, Cached)> {
    let count = |i| {
        row.get::<_, i64>(i)
            .map(|n| usize::try_from(n).unwrap_or(0))
    };
    let error: Option<String> = row.get(8)?;
    let info = match error {
        Some(reason) => Info::NotArticle(reason),
        None => Info::Article(Summary {
            fingerprint: row.get(3)?,
            content_hash: row.get(4)?,
            title: row.get(5)?,
            sections: count(6)?,
            words: count(7)?,
        }),
    };
    Ok((
        row.get(0)?,
        Cached {
            size: u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
            modified: row.get(2)?,
            info,
            indexed_hash: row.get(9)?,
        },
    ))
}

impl Store {
    /// The rows the cache has for `files`, by key.
    fn cached_rows(&self, files: &[FoundFile]) -> Result<HashMap<String, Cached>> {
        let mut rows = HashMap::with_capacity(files.len());
        if files.len() <= LOOKUP_LIMIT {
            let sql = format!("SELECT {CACHED_COLUMNS} FROM library_files WHERE key = ?1");
            let mut statement = self.conn.prepare_cached(&sql)?;
            for file in files {
                if let Some((key, row)) =
                    statement.query_row([file.key()], cached_from).optional()?
                {
                    rows.insert(key, row);
                }
            }
        } else {
            let sql = format!("SELECT {CACHED_COLUMNS} FROM library_files");
            let mut statement = self.conn.prepare(&sql)?;
            for row in statement.query_map([], cached_from)? {
                let (key, row) = row?;
                rows.insert(key, row);
            }
        }
        Ok(rows)
    }

    /// What the cache knows of each file, when its size and modification time still match.
    /// The whole cache, read while the folders are still being walked.
    pub fn cache_snapshot(&self) -> Result<CacheSnapshot> {
        let sql = format!("SELECT {CACHED_COLUMNS} FROM library_files");
        let mut statement = self.conn.prepare(&sql)?;
        let mut rows = HashMap::new();
        for row in statement.query_map([], cached_from)? {
            let (key, row) = row?;
            rows.insert(key, row);
        }
        Ok(CacheSnapshot { rows })
    }

    pub fn cached(&self, files: &[FoundFile]) -> Result<Vec<Option<Info>>> {
        let mut rows = self.cached_rows(files)?;
        Ok(files
            .iter()
            .map(|file| {
                rows.remove(&file.key())
                    .filter(|row| row.size == file.size && row.modified == file.modified)
                    .map(|row| row.info)
            })
            .collect())
    }

    /// The files the cache knows to hold the article with this fingerprint, the most
    /// recently modified first.
    pub fn paths_of(&self, fingerprint: &str) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT key FROM library_files WHERE fingerprint = ?1 AND error IS NULL
             ORDER BY modified DESC, key",
        )?;
        let rows = statement.query_map([fingerprint], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Caches what each file holds, in one transaction. A file that is no longer an article
    /// leaves the index; an article's text hash is recorded for the article last seen there.
    pub fn remember(&mut self, infos: &[(FoundFile, Info)]) -> Result<()> {
        self.write(|tx| {
            for (file, info) in infos {
                let id = upsert_file(tx, file, info)?;
                match info {
                    Info::NotArticle(_) => unindex(tx, id)?,
                    // the text seen at the article's file now: a read one whose text changed
                    // shows as changed at once, before it is opened
                    Info::Article(summary) => {
                        tx.execute(
                            "UPDATE articles SET content_hash = ?2
                             WHERE fingerprint = ?1 AND path = ?3 AND content_hash <> ?2",
                            params![summary.fingerprint, summary.content_hash, file.key()],
                        )?;
                    }
                }
            }
            Ok(())
        })
    }

    /// For each file, whether its article is missing from the index or indexed at an older
    /// text (false for a file the cache knows is not an article).
    pub fn needs_index(&self, files: &[FoundFile]) -> Result<Vec<bool>> {
        let rows = self.cached_rows(files)?;
        Ok(files
            .iter()
            .map(|file| match rows.get(&file.key()) {
                None => true,
                Some(row) => match &row.info {
                    Info::NotArticle(_) => false,
                    Info::Article(summary) => {
                        row.indexed_hash.as_deref() != Some(summary.content_hash.as_str())
                    }
                },
            })
            .collect())
    }

    /// Indexes the articles, replacing what the index held for each file, in one
    /// transaction; one already indexed at the same text is skipped. Returns how many were.
    pub fn index(&mut self, items: &[(FoundFile, Article)]) -> Result<usize> {
        self.write(|tx| {
            let mut indexed = 0;
            for (file, article) in items {
                let content = Identity::of(article).content;
                let known: Option<(i64, Option<String>, Option<String>)> = tx
                    .query_row(
                        "SELECT id, indexed_hash, error FROM library_files WHERE key = ?1",
                        [file.key()],
                        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                    )
                    .optional()?;
                let id = match known {
                    Some((_, Some(hash), None)) if hash == content => continue,
                    Some((id, _, None)) => id,
                    _ => upsert_file(tx, file, &Info::Article(summary_of(article)))?,
                };
                unindex(tx, id)?;
                insert_parts(tx, id, article)?;
                tx.execute(
                    "UPDATE library_files SET indexed_hash = ?2 WHERE id = ?1",
                    params![id, content],
                )?;
                indexed += 1;
            }
            Ok(indexed)
        })
    }

    /// How many parts of indexed articles hold every word of `query` (as [`Store::search`]
    /// finds them, without its limit).
    pub fn search_count(&self, query: &str, keys: Option<&[String]>) -> Result<usize> {
        let Some(fts) = fts_query(query) else {
            return Ok(0);
        };
        let only = keys.map(|keys| serde_json::to_string(keys).unwrap_or_default());
        let filter = if only.is_some() {
            "AND f.key IN (SELECT value FROM json_each(?2))"
        } else {
            "AND ?2 IS NULL"
        };
        let sql = format!(
            "SELECT count(*)
             FROM library_text CROSS JOIN library_files f ON f.id = (library_text.rowid >> {PART_BITS})
             WHERE library_text MATCH ?1 {filter}"
        );
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params![fts, only], |row| row.get(0))?;
        let marks = self.mark_hits(query, keys)?.len();
        Ok(usize::try_from(count).unwrap_or(0) + marks)
    }

    /// The parts of indexed articles that hold every word of `query` (each word also as the
    /// start of a longer one), best first; only in the files with these keys when given.
    pub fn search(&self, query: &str, keys: Option<&[String]>, limit: usize) -> Result<Vec<Hit>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Vec::new());
        };
        // words in highlights and notes first, then the articles' text
        let mut hits = self.mark_hits(query, keys)?;
        hits.truncate(limit);
        let limit = limit - hits.len();
        let only = keys.map(|keys| serde_json::to_string(keys).unwrap_or_default());
        let filter = if only.is_some() {
            "AND f.key IN (SELECT value FROM json_each(?3))"
        } else {
            "AND ?3 IS NULL"
        };
        // the index drives the loop so that its rank order serves ORDER BY and LIMIT, and
        // snippets are made only for the rows returned
        let sql = format!(
            "SELECT f.key, f.title, library_text.part, library_text.label,
                    snippet(library_text, -1, char({start}), char({end}), '…', 12),
                    rank,
                    instr(highlight(library_text, 1, char({start}), char({end})), char({start})) > 0
             FROM library_text CROSS JOIN library_files f ON f.id = (library_text.rowid >> {PART_BITS})
             WHERE library_text MATCH ?1 {filter}
             ORDER BY rank LIMIT ?2",
            start = u32::from(MATCH_START),
            end = u32::from(MATCH_END),
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = statement.query_map(params![fts, limit, only], |row| {
            let part: String = row.get(2)?;
            let label: String = row.get(3)?;
            let in_title: bool = row.get(6)?;
            let part = hit_part(&part, in_title);
            Ok(Hit {
                key: row.get(0)?,
                title: row.get(1)?,
                label: part_label(part, &label),
                part,
                snippet: row.get(4)?,
                rank: row.get(5)?,
            })
        })?;
        for row in rows {
            hits.push(row?);
        }
        Ok(hits)
    }

    /// The keys of the indexed files whose article holds every word of `query` in some part
    /// (as [`Store::search`] finds them, without snippets or a limit): what `lede export
    /// --search` takes.
    pub fn matching_files(&self, query: &str) -> Result<std::collections::HashSet<String>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Default::default());
        };
        let sql = format!(
            "SELECT DISTINCT f.key
             FROM library_text CROSS JOIN library_files f ON f.id = (library_text.rowid >> {PART_BITS})
             WHERE library_text MATCH ?1"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([fts], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Records a file's info; returns its id (kept across updates, as the index rows use it).
fn upsert_file(tx: &Transaction, file: &FoundFile, info: &Info) -> rusqlite::Result<i64> {
    let (summary, error) = match info {
        Info::Article(summary) => (Some(summary), None),
        Info::NotArticle(reason) => (None, Some(reason.as_str())),
    };
    let text = |f: fn(&Summary) -> &str| summary.map_or("", f);
    let count = |f: fn(&Summary) -> usize| summary.map_or(0, f) as i64;
    tx.query_row(
        "INSERT INTO library_files
             (key, size, modified, fingerprint, content_hash, title, sections, words, error,
              first_seen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (key) DO UPDATE SET
             size = excluded.size, modified = excluded.modified,
             fingerprint = excluded.fingerprint, content_hash = excluded.content_hash,
             title = excluded.title, sections = excluded.sections, words = excluded.words,
             error = excluded.error
         RETURNING id",
        params![
            file.key(),
            i64::try_from(file.size).unwrap_or(i64::MAX),
            file.modified,
            text(|s| &s.fingerprint),
            text(|s| &s.content_hash),
            text(|s| &s.title),
            count(|s| s.sections),
            count(|s| s.words),
            error,
            super::time::now(),
        ],
        |row| row.get(0),
    )
}

/// Removes a file's rows from the index.
fn unindex(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    let first = id << PART_BITS;
    tx.execute(
        "DELETE FROM library_text WHERE rowid BETWEEN ?1 AND ?2",
        params![first, first + (1 << PART_BITS) - 1],
    )?;
    tx.execute(
        "UPDATE library_files SET indexed_hash = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// One index row per part: title and lead, each section, key points, summary, FAQ.
fn insert_parts(tx: &Transaction, id: i64, article: &Article) -> rusqlite::Result<()> {
    let mut statement = tx.prepare_cached(
        "INSERT INTO library_text (rowid, part, title, label, body) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut number = 0i64;
    let mut row = |part: &str, title: &str, label: &str, body: String| {
        number += 1;
        statement
            .execute(params![
                (id << PART_BITS) + number,
                part,
                title,
                label,
                body
            ])
            .map(|_| ())
    };
    row("lead", &article.title, "", article.lead.join("\n"))?;
    for (i, section) in article.sections.iter().take(MAX_PARTS).enumerate() {
        row(
            &format!("section:{i}"),
            "",
            &section.heading,
            section.paragraphs.join("\n"),
        )?;
    }
    if !article.key_points.is_empty() {
        row("key_points", "", "", article.key_points.join("\n"))?;
    }
    if !article.summary.is_empty() {
        row("summary", "", "", article.summary.join("\n"))?;
    }
    if !article.faq.is_empty() {
        let faq: Vec<&str> = article
            .faq
            .iter()
            .flat_map(|e| {
                std::iter::once(e.question.as_str()).chain(e.answer.iter().map(String::as_str))
            })
            .collect();
        row("faq", "", "", faq.join("\n"))?;
    }
    Ok(())
}

fn hit_part(part: &str, in_title: bool) -> HitPart {
    match part {
        "lead" if in_title => HitPart::Title,
        "key_points" => HitPart::KeyPoints,
        "summary" => HitPart::Summary,
        "faq" => HitPart::Faq,
        _ => part
            .strip_prefix("section:")
            .and_then(|i| i.parse().ok())
            .map_or(HitPart::Lead, HitPart::Section),
    }
}

/// The part as people name it: `3 Recent Developments`, `Key points`, `FAQ`.
fn part_label(part: HitPart, heading: &str) -> String {
    match part {
        HitPart::Title => "Title".to_owned(),
        HitPart::Lead => "Lead".to_owned(),
        HitPart::Section(i) => format!("{} {heading}", i + 1),
        HitPart::KeyPoints => "Key points".to_owned(),
        HitPart::Summary => "Summary".to_owned(),
        HitPart::Faq => "FAQ".to_owned(),
    }
}

/// The person's words as an FTS5 query: each a quoted prefix term, all required. Quotes,
/// stars and operators in the input are only separators, so no input is a syntax error.
pub fn fts_query(query: &str) -> Option<String> {
    let terms: Vec<String> = query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!terms.is_empty()).then(|| terms.join(" AND "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word_and_drop_operators() {
        assert_eq!(
            fts_query("coral \"reef\" OR -bleach*").as_deref(),
            Some("\"coral\"* AND \"reef\"* AND \"OR\"* AND \"bleach\"*")
        );
        assert_eq!(fts_query("  \"*- ( ) "), None);
        assert_eq!(fts_query("Zürich"), Some("\"Zürich\"*".to_owned()));
    }

    #[test]
    fn part_names_round_trip() {
        assert_eq!(hit_part("section:2", false), HitPart::Section(2));
        assert_eq!(hit_part("lead", true), HitPart::Title);
        assert_eq!(hit_part("lead", false), HitPart::Lead);
        assert_eq!(
            part_label(HitPart::Section(2), "Recent Events"),
            "3 Recent Events"
        );
    }
}
