//! The searches typed in the reader, newest first, kept across sessions.

use super::{time, Result, Store};
use rusqlite::params;

/// How many searches are kept.
const KEPT: usize = 500;

impl Store {
    /// Records a search (again: it moves to the front).
    pub fn add_search(&mut self, query: &str) -> Result<()> {
        let query = query.trim();
        if query.is_empty() {
            return Ok(());
        }
        self.write(|tx| {
            // out and in again: a new id puts it first even within the same second
            tx.execute("DELETE FROM search_history WHERE query = ?1", [query])?;
            tx.execute(
                "INSERT INTO search_history (query, used_at) VALUES (?1, ?2)",
                params![query, time::now()],
            )?;
            tx.execute(
                "DELETE FROM search_history WHERE id NOT IN
                 (SELECT id FROM search_history ORDER BY id DESC LIMIT ?1)",
                [KEPT as i64],
            )?;
            Ok(())
        })
    }

    /// The searches, newest first.
    pub fn searches(&self) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare("SELECT query FROM search_history ORDER BY id DESC")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
