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
