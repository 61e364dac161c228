//! Each library's folders as its last whole scan found them, with their modification times:
//! while no folder's time has moved, no file in them was added, removed or renamed, and a
//! search can answer from the index without walking every file again.

use super::{Result, Store};
use rusqlite::params;
use std::path::PathBuf;

/// A folder whose time is this close to the walk's start may have changed during it: it is
/// kept as unknown, so the next look walks again.
const SETTLING_NANOS: i64 = 2_000_000_000;

impl Store {
    /// Keeps the folders of `library` (see `Target::key`) a whole walk started at `started`
    /// (nanoseconds since the epoch) found, in place of those kept before.
    pub fn keep_folders(
        &mut self,
        library: &str,
        folders: &[(PathBuf, i64)],
        started: i64,
    ) -> Result<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM library_folders WHERE library = ?1", [library])?;
            let mut insert = tx.prepare_cached(
                "INSERT OR REPLACE INTO library_folders (library, path, modified) VALUES (?1, ?2, ?3)",
            )?;
            for (path, modified) in folders {
                let settled = *modified < started.saturating_sub(SETTLING_NANOS);
                let kept = if settled { *modified } else { 0 };
                insert.execute(params![library, path.to_string_lossy(), kept])?;
            }
            Ok(())
        })
    }

    /// The folders kept for `library`, with their times (0: unknown).
    pub fn folders(&self, library: &str) -> Result<Vec<(PathBuf, i64)>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT path, modified FROM library_folders WHERE library = ?1")?;
        let rows = statement.query_map([library], |row| {
            Ok((PathBuf::from(row.get::<_, String>(0)?), row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether every folder kept for `library` is still there at the time it was kept (and
    /// some are kept): no file in the library was added, removed or renamed since.
    pub fn folders_unchanged(&self, library: &str) -> bool {
        let Ok(folders) = self.folders(library) else {
            return false;
        };
        !folders.is_empty()
            && folders.iter().all(|(path, modified)| {
                *modified != 0
                    && std::fs::metadata(path)
                        .is_ok_and(|meta| crate::library::walk::modified_nanos(&meta) == *modified)
            })
    }

    /// The size and modification time the cache has for the file at `key`.
    pub fn cached_stamp(&self, key: &str) -> Result<Option<(u64, i64)>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT size, modified FROM library_files WHERE key = ?1")?
            .query_row([key], |row| {
                Ok((
                    u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
                    row.get(1)?,
                ))
            })
            .optional()?)
    }
}
