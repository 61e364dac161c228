//! lede's memory: bookmarks, highlights, reading positions, read state and the library's cache and index
//! in one SQLite file, `lede.db`.
//!
//! WAL, a busy timeout and one transaction per change make it safe for two lede processes
//! and for a `kill -9` at any moment. No terminal in here: the CLI, the reader and tests use it alike.

mod articles;
mod bookmarks;
mod folders;
mod highlights;
mod history;
pub mod indexing;
pub mod library;
mod marks_search;
mod open;
pub mod schema;
mod search;
mod searches;
mod sorts;
mod sync;
mod sync_merge;
mod sync_reconcile;
mod sync_state;
pub mod tags;
pub mod time;
mod transfer;

pub use articles::{ArticleRecord, Marks, ReadState, Seen};
pub use bookmarks::{Bookmark, BookmarkRow};
pub use highlights::{Highlight, HighlightRow, COLOURS};
pub use open::{data_dir, Opened};
pub use sync::CLOCK_OFFSET_VAR;
pub use sync_merge::{Batch, Merged};
pub use sync_state::{LogState, Outgoing, SeenFile, Skipped};
pub use transfer::{Export, ExportedBookmark, ExportedHighlight, ImportReport, NOTE_LIMIT};

use rusqlite::{Connection, TransactionBehavior};
use std::fmt;
use std::path::{Path, PathBuf};

/// The database's file name in the data directory.
pub const FILE_NAME: &str = "lede.db";

/// Whether this lede may write to the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// The file is from a newer lede: read what can be read, write nothing.
    ReadOnly {
        schema: i64,
    },
}

/// Why a store operation failed.
#[derive(Debug)]
pub enum StoreError {
    Sqlite(rusqlite::Error),
    /// The file is from a newer lede and is never written.
    ReadOnly {
        schema: i64,
    },
    NotFound(&'static str),
    BadImport(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database error: {e}"),
            StoreError::ReadOnly { schema } => write!(
                f,
                "the database is from a newer lede (schema {schema}; this one knows {}): nothing is saved",
                schema::VERSION
            ),
            StoreError::NotFound(what) => write!(f, "no such {what}"),
            StoreError::BadImport(why) => write!(f, "not a lede bookmarks export: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// An open `lede.db`.
pub struct Store {
    conn: Connection,
    access: Access,
    path: PathBuf,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("access", &self.access)
            .finish()
    }
}

impl Store {
    /// Opens (or creates) `lede.db` in `dir`; see [`Opened`] for what can go wrong.
    pub fn open_in(dir: &Path) -> Opened {
        open::open_in(dir)
    }

    /// Opens the store in the data directory (`LEDE_DATA_DIR`, else the platform's).
    pub fn open_default() -> Opened {
        match data_dir() {
            Some(dir) => open::open_in(&dir),
            None => Opened {
                store: None,
                notices: vec!["bookmarks are off: no data directory (set LEDE_DATA_DIR)".to_owned()],
            },
        }
    }

    pub fn access(&self) -> &Access {
        &self.access
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The rows `sql` gives that `read` knows (`None`: a part this lede does not know, skipped).
    fn known_rows<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        read: impl FnMut(&rusqlite::Row) -> rusqlite::Result<Option<T>>,
    ) -> Result<Vec<T>> {
        let mut statement = self.conn.prepare(sql)?;
        let rows = statement.query_map(params, read)?;
        let mut out = Vec::new();
        for row in rows {
            out.extend(row?);
        }
        Ok(out)
    }

    /// Runs `f` in one immediate transaction: all of it is saved, or none.
    fn write<T>(&mut self, f: impl FnOnce(&rusqlite::Transaction) -> Result<T>) -> Result<T> {
        if let Access::ReadOnly { schema } = self.access {
            return Err(StoreError::ReadOnly { schema });
        }
        // immediate: take the write lock up front, so the busy timeout covers the wait
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}
