//! Each library's sort order, kept across sessions by the folders (or files) it is made of.

use super::{time, Result, Store};
use rusqlite::{params, OptionalExtension};

impl Store {
    /// The sort order last chosen for `library` (see `Target::key`), by its name.
    pub fn library_sort(&self, library: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sort FROM library_sorts WHERE library = ?1",
                [library],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// Records that `library` is opened now; returns when it was opened before, if it was.
    pub fn visit_library(&mut self, library: &str) -> Result<Option<i64>> {
        self.write(|tx| {
            let before: Option<i64> = tx
                .query_row(
                    "SELECT opened_at FROM library_visits WHERE library = ?1",
                    [library],
                    |row| row.get(0),
                )
                .optional()?;
            tx.execute(
                "INSERT INTO library_visits (library, opened_at) VALUES (?1, ?2)
                 ON CONFLICT (library) DO UPDATE SET opened_at = excluded.opened_at",
                params![library, time::now()],
            )?;
            Ok(before)
        })
    }

    /// When `library` was last opened in the reader, if it was.
    pub fn last_visit(&self, library: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT opened_at FROM library_visits WHERE library = ?1",
                [library],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The files (by key) the library's scan first saw after `since`.
    pub fn arrived_since(&self, since: i64) -> Result<std::collections::HashSet<String>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT key FROM library_files WHERE first_seen > ?1")?;
        let rows = statement.query_map([since], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps `sort` as the sort order of `library`.
    pub fn set_library_sort(&mut self, library: &str, sort: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO library_sorts (library, sort, set_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (library) DO UPDATE SET sort = excluded.sort, set_at = excluded.set_at",
                params![library, sort, time::now()],
            )?;
            Ok(())
        })
    }
}
