//! Saved searches: a library filter (words, `#tag`, `-#tag`) kept under a name.

use super::{time, Result, Store};
use rusqlite::params;

impl Store {
    /// Keeps `query` under `name` (replacing what had that name).
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO saved_searches (name, query, saved_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET query = excluded.query, saved_at = excluded.saved_at",
                params![name, query, time::now()],
            )?;
            super::sync::search_saved(tx, name, query)?;
            Ok(())
        })
    }

    /// Forgets the search saved under `name`; whether there was one.
    pub fn forget_search(&mut self, name: &str) -> Result<bool> {
        self.write(|tx| {
            let forgot = tx.execute("DELETE FROM saved_searches WHERE name = ?1", [name])? > 0;
            if forgot {
                super::sync::search_forgotten(tx, name)?;
            }
            Ok(forgot)
        })
    }

    /// Every saved search, (name, query), by name.
    pub fn saved_searches(&self) -> Result<Vec<(String, String)>> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT name, query FROM saved_searches ORDER BY name")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
