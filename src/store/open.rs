//! Finding and opening `lede.db`: a damaged file is moved aside (what can be read of it is
//! kept), a newer one is only read, an unwritable folder turns bookmarks off. Reading goes on.

use super::{schema, time, transfer, Access, Store, FILE_NAME};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a write waits for another lede to finish its own.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// What opening gave: a store (or none), and what the person should be told about it.
#[derive(Debug)]
pub struct Opened {
    pub store: Option<Store>,
    /// One line each, without the `lede: ` prefix.
    pub notices: Vec<String>,
}

/// The data directory: `LEDE_DATA_DIR`, else the platform's (`$XDG_DATA_HOME/lede` on Linux).
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("LEDE_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "lede").map(|dirs| dirs.data_dir().to_path_buf())
}

/// Why a file could not be opened as it is.
enum Failure {
    /// Not a database, or a damaged one.
    Damaged(String),
    /// Anything else: the folder or file cannot be written, a lock never freed, …
    Other(String),
}

fn classify(e: rusqlite::Error) -> Failure {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            Failure::Damaged(e.to_string())
        }
        _ => Failure::Other(e.to_string()),
    }
}

pub fn open_in(dir: &Path) -> Opened {
    let off = |why: String| Opened {
        store: None,
        notices: vec![format!("bookmarks are off: {why}")],
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        return off(format!("{} cannot be written ({e})", dir.display()));
    }
    let path = dir.join(FILE_NAME);
    match try_open(&path) {
        Ok(store) => {
            let notices = match store.access {
                Access::ReadOnly { schema } => vec![format!(
                    "{} is from a newer lede (schema {schema}; this one knows {}): reading only, nothing will be saved",
                    path.display(),
                    schema::VERSION
                )],
                Access::ReadWrite => Vec::new(),
            };
            Opened {
                store: Some(store),
                notices,
            }
        }
        Err(Failure::Other(why)) => off(format!("{}: {why}", path.display())),
        Err(Failure::Damaged(why)) => {
            let aside = match move_aside(&path) {
                Ok(aside) => aside,
                Err(e) => {
                    return off(format!(
                        "{} is damaged ({why}) and cannot be moved aside ({e})",
                        path.display()
                    ))
                }
            };
            // the file's name first: a status bar may show only the start of the line
            let mut notice = format!(
                "{FILE_NAME} was damaged ({why}): moved aside to {}; a fresh one is in use",
                aside.display()
            );
            match try_open(&path) {
                Ok(mut store) => {
                    let saved = salvage(&mut store, &aside);
                    if saved > 0 {
                        notice
                            .push_str(&format!(" with the {saved} bookmark(s) that could be read"));
                    }
                    Opened {
                        store: Some(store),
                        notices: vec![notice],
                    }
                }
                Err(Failure::Damaged(why) | Failure::Other(why)) => {
                    let mut opened = off(format!("{}: {why}", path.display()));
                    opened.notices.insert(0, notice);
                    opened
                }
            }
        }
    }
}

fn try_open(path: &Path) -> Result<Store, Failure> {
    let mut conn = Connection::open(path).map_err(classify)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
    let version = schema::version(&conn).map_err(classify)?;
    if version > schema::VERSION {
        // never write to a newer lede's file: not even the journal mode
        drop(conn);
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(classify)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(classify)?;
        return Ok(Store {
            conn,
            access: Access::ReadOnly { schema: version },
            path: path.to_path_buf(),
        });
    }
    wal(&conn).map_err(classify)?;
    // a bookmark whose save returned survives a power cut too, not just a crash
    conn.pragma_update(None, "synchronous", "FULL")
        .map_err(classify)?;
    conn.pragma_update(None, "foreign_keys", true)
        .map_err(classify)?;
    schema::migrate(&mut conn).map_err(classify)?;
    check(&conn)?;
    Ok(Store {
        conn,
        access: Access::ReadWrite,
        path: path.to_path_buf(),
    })
}

/// Puts the file in WAL mode (it stays so). Switching takes a lock that SQLite does not wait
/// for, so two ledes creating the file at once retry here for as long as the busy timeout.
fn wal(conn: &Connection) -> rusqlite::Result<()> {
    let started = std::time::Instant::now();
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get::<_, String>(0)) {
            Ok(_) => return Ok(()),
            Err(e)
                if matches!(
                    e.sqlite_error_code(),
                    Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                ) && started.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(e),
        }
    }
}

/// A quick check of the store's own tables (a library index elsewhere in the file may be big).
fn check(conn: &Connection) -> Result<(), Failure> {
    for table in ["articles", "bookmarks"] {
        let result: String = conn
            .query_row(&format!("PRAGMA quick_check({table})"), [], |row| {
                row.get(0)
            })
            .map_err(classify)?;
        if result != "ok" {
            return Err(Failure::Damaged(result));
        }
    }
    Ok(())
}

/// Renames the file (and its write-ahead log) to `lede.db.corrupt-<timestamp>`.
fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let stamp: String = time::rfc3339(time::now())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let mut aside = path.with_file_name(format!("{FILE_NAME}.corrupt-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = path.with_file_name(format!("{FILE_NAME}.corrupt-{stamp}-{n}"));
    }
    std::fs::rename(path, &aside)?;
    let sidecar = |p: &Path, suffix: &str| {
        let mut name = p.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    // the log belongs with the file it was written for; the shared-memory index is rebuilt
    let _ = std::fs::rename(sidecar(path, "-wal"), sidecar(&aside, "-wal"));
    let _ = std::fs::remove_file(sidecar(path, "-shm"));
    Ok(aside)
}

/// Copies every bookmark and highlight that can still be read from a damaged file into the
/// fresh store.
fn salvage(store: &mut Store, damaged: &Path) -> usize {
    let Ok(conn) = Connection::open_with_flags(
        damaged,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    ) else {
        return 0;
    };
    let rows = transfer::read_rows(&conn);
    let highlights = transfer::read_highlight_rows(&conn);
    if rows.is_empty() && highlights.is_empty() {
        return 0;
    }
    let export = transfer::Export::from_rows(rows, highlights);
    store.import(&export).map_or(0, |report| report.total())
}
