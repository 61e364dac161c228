//! The searches typed after `/` and the commands typed after `:`, newest first, kept across
//! sessions.

use super::{time, Result, Store};
use rusqlite::params;

/// How many of each are kept.
const KEPT: usize = 500;

/// A history: its table and the column that holds the text.
#[derive(Debug, Clone, Copy)]
struct History {
    table: &'static str,
    column: &'static str,
}

const SEARCHES: History = History {
    table: "search_history",
    column: "query",
};
const COMMANDS: History = History {
    table: "command_history",
    column: "command",
};

impl Store {
    /// Records a search (again: it moves to the front).
    pub fn add_search(&mut self, query: &str) -> Result<()> {
        self.add_to(SEARCHES, query)
    }

    /// The searches, newest first.
    pub fn searches(&self) -> Result<Vec<String>> {
        self.history(SEARCHES)
    }

    /// Records a command typed after `:` (again: it moves to the front).
    pub fn add_command(&mut self, command: &str) -> Result<()> {
        self.add_to(COMMANDS, command)
    }

    /// The commands, newest first.
    pub fn commands(&self) -> Result<Vec<String>> {
        self.history(COMMANDS)
    }

    fn add_to(&mut self, history: History, text: &str) -> Result<()> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(());
        }
        let History { table, column } = history;
        self.write(|tx| {
            // out and in again: a new id puts it first even within the same second
            tx.execute(&format!("DELETE FROM {table} WHERE {column} = ?1"), [text])?;
            tx.execute(
                &format!("INSERT INTO {table} ({column}, used_at) VALUES (?1, ?2)"),
                params![text, time::now()],
            )?;
            tx.execute(
                &format!(
                    "DELETE FROM {table} WHERE id NOT IN
                     (SELECT id FROM {table} ORDER BY id DESC LIMIT ?1)"
                ),
                [KEPT as i64],
            )?;
            Ok(())
        })
    }

    fn history(&self, history: History) -> Result<Vec<String>> {
        let History { table, column } = history;
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {column} FROM {table} ORDER BY id DESC"))?;
        let rows = statement.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
