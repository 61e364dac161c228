//! The library's cache (a file's summary, valid while its size and time stay the same) and
//! its full-text index (one contentless FTS5 row an article, its rowid the file's id: the
//! words are on disk already, and a hit's part and snippet are found in the file).

use super::{Result, Store};
use crate::library::words::Words;
use crate::library::{FoundFile, Info, Summary};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// Below this many files, each is looked up; above it one scan of the table is cheaper.
const LOOKUP_LIMIT: usize = 64;
/// Rows the first page of a library's list holds: a screen's worth, and then some.
pub const FIRST_PAGE: usize = 256;

/// Every file the cache knows, to match against a walk's files.
pub struct CacheSnapshot {
    rows: HashMap<String, Cached>,
}

/// What the cache knows of a file the walk found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    /// Its summary, when its size and modification time are as they were.
    pub info: Option<Info>,
    /// Whether the index holds the article at the text the summary is of.
    pub indexed: bool,
}

impl CacheSnapshot {
    /// What the cache holds for each file.
    pub fn lookup(mut self, files: &[FoundFile]) -> Vec<Known> {
        files
            .iter()
            .map(|file| {
                let row = self.rows.remove(&file.key());
                let row = row.filter(|row| row.size == file.size && row.modified == file.modified);
                let indexed = row.as_ref().is_some_and(|row| match &row.info {
                    Info::Article(summary) => {
                        row.indexed_hash.as_deref() == Some(summary.content_hash.as_str())
                    }
                    Info::NotArticle(_) => true,
                });
                Known {
                    info: row.map(|row| row.info),
                    indexed,
                }
            })
            .collect()
    }

    /// The files the cache knows under `roots` (absolute paths, as the walk starts from), as
    /// the walk would list them, with their summaries: what the list shows before the walk
    /// has ended.
    pub fn under(&self, roots: &[std::path::PathBuf]) -> Vec<(FoundFile, Option<Info>)> {
        self.rows
            .iter()
            .filter_map(|(key, row)| Some((found_under(key, row, roots)?, Some(row.info.clone()))))
            .collect()
    }
}

/// The file at `key` as the walk of `roots` would list it, when it is under one of them.
fn found_under(key: &str, row: &Cached, roots: &[std::path::PathBuf]) -> Option<FoundFile> {
    let path = std::path::Path::new(key);
    let rel = crate::library::rel_under(path, roots)?;
    Some(FoundFile {
        source: crate::article::Source::File(path.to_path_buf()),
        rel,
        size: row.size,
        modified: row.modified,
    })
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
            rows = self.all_cached_rows()?;
        }
        Ok(rows)
    }

    /// Every row the cache has, by key.
    fn all_cached_rows(&self) -> Result<HashMap<String, Cached>> {
        let sql = format!("SELECT {CACHED_COLUMNS} FROM library_files");
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map([], cached_from)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the cache knows of each file, when its size and modification time still match.
    /// The whole cache, read while the folders are still being walked.
    pub fn cache_snapshot(&self) -> Result<CacheSnapshot> {
        Ok(CacheSnapshot {
            rows: self.all_cached_rows()?,
        })
    }

    pub fn cached(&self, files: &[FoundFile]) -> Result<Vec<Option<Info>>> {
        Ok(self.known(files)?.into_iter().map(|k| k.info).collect())
    }

    /// What the cache knows of each file (see [`CacheSnapshot::lookup`]): each looked up, or
    /// for many the whole cache read once.
    pub fn known(&self, files: &[FoundFile]) -> Result<Vec<Known>> {
        Ok(CacheSnapshot {
            rows: self.cached_rows(files)?,
        }
        .lookup(files))
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

    /// Takes in what a batch of the scan found, in one transaction: each file's summary (or
    /// why it is not an article) into the cache, and each article given with its words into
    /// the index, unless the index holds it at that text already (another lede indexing the
    /// same files). A file that is no longer an article leaves the index. Either the whole
    /// batch is kept or none of it: a scan killed part-way leaves a cache and an index that
    /// agree, and the next scan goes on from there.
    pub fn absorb<W: std::borrow::Borrow<Words>>(
        &mut self,
        batch: &[(FoundFile, Info, Option<W>)],
    ) -> Result<usize> {
        self.write(|tx| {
            let mut indexed = 0;
            for (file, info, words) in batch {
                let id = upsert_file(tx, file, info)?;
                let summary = match info {
                    Info::NotArticle(_) => {
                        unindex(tx, id)?;
                        continue;
                    }
                    Info::Article(summary) => summary,
                };
                // the text seen at the article's file now: a read one whose text changed
                // shows as changed at once, before it is opened
                tx.execute(
                    "UPDATE articles SET content_hash = ?2
                     WHERE fingerprint = ?1 AND path = ?3 AND content_hash <> ?2",
                    params![summary.fingerprint, summary.content_hash, file.key()],
                )?;
                let Some(words) = words.as_ref().map(W::borrow) else {
                    continue;
                };
                let held: Option<String> = tx.query_row(
                    "SELECT indexed_hash FROM library_files WHERE id = ?1",
                    [id],
                    |row| row.get(0),
                )?;
                match held.as_deref() {
                    Some(hash) if hash == summary.content_hash => continue,
                    Some(_) => unindex(tx, id)?,
                    // never indexed: nothing to take out
                    None => {}
                }
                tx.prepare_cached(
                    "INSERT INTO library_words (rowid, title, label, body) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, words.title, words.label, words.body])?;
                tx.execute(
                    "UPDATE library_files SET indexed_hash = ?2 WHERE id = ?1",
                    params![id, summary.content_hash],
                )?;
                indexed += 1;
            }
            Ok(indexed)
        })
    }

    /// Lets this connection's commits return before the disk has them: for a scan, whose
    /// every write (the cache, the index) is made again from the files if a power cut loses
    /// it. The file stays whole either way (WAL), and bookmarks are never saved through it.
    pub fn relax_durability(&self) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(())
    }

    /// The first rows of the list of the library under `roots` (absolute paths, as the walk
    /// starts from), from the cache alone, in the sort order named (`date`, `title`, `path`,
    /// `length`): what shows before anything else is known.
    pub fn first_page(
        &self,
        roots: &[std::path::PathBuf],
        sort: &str,
    ) -> Result<Vec<(FoundFile, Option<Info>)>> {
        // the sort's own index, walked in order until the page is full: a library is most of
        // the table, so its key range would be read whole and sorted
        let (index, order) = match sort {
            "title" => ("INDEXED BY library_files_title", "lower(title)"),
            "path" => ("", "key"),
            "length" => ("INDEXED BY library_files_words", "words DESC"),
            _ => ("INDEXED BY library_files_modified", "modified DESC"),
        };
        let mut page = Vec::new();
        for root in roots {
            let root_key = root.to_string_lossy();
            // a folder's files sort between "ROOT/" and "ROOT0" ('0' follows '/')
            let sql = format!(
                "SELECT {CACHED_COLUMNS} FROM library_files {index}
                 WHERE (key > ?1 AND key < ?2) OR key = ?3 ORDER BY {order} LIMIT ?4"
            );
            let mut statement = self.conn.prepare_cached(&sql)?;
            let rows = statement.query_map(
                params![
                    format!("{root_key}/"),
                    format!("{root_key}0"),
                    root_key,
                    FIRST_PAGE as i64
                ],
                cached_from,
            )?;
            for row in rows {
                let (key, row) = row?;
                if let Some(file) = found_under(&key, &row, std::slice::from_ref(root)) {
                    page.push((file, Some(row.info)));
                }
            }
        }
        Ok(page)
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

/// Takes a file's article out of the index.
fn unindex(tx: &Transaction, id: i64) -> rusqlite::Result<()> {
    tx.execute("DELETE FROM library_words WHERE rowid = ?1", [id])?;
    tx.execute(
        "UPDATE library_files SET indexed_hash = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// The person's words as an FTS5 query: each a quoted prefix term, all required. Quotes,
/// stars and operators in the input are only separators, so no input is a syntax error.
pub fn fts_query(query: &str) -> Option<String> {
    let terms: Vec<String> = crate::library::snippet::query_words(query)
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
}
