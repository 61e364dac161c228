//! Sync between machines through a folder that Syncthing, git or any file sync carries.
//!
//! Each machine writes only its own file there: an append-only log of its changes, one record
//! a line with a checksum, compacted now and then into a snapshot of the next generation. Each
//! reads the others' and merges them into its `lede.db` (see `store/sync_merge.rs`): the latest
//! clock wins, removes are tombstones, and the same records any number of times in any order
//! give the same store. No terminal in here: the CLI, the reader and tests use it alike.

pub mod cli;
pub mod files;
pub mod folder;
pub mod host;
pub mod line;
pub mod live;
pub mod record;
pub mod report;

use crate::store::{Batch, LogState, Merged, Store, StoreError};
use files::Unfit;
use record::{frame, Header, FORMAT};
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// When this machine's log is rewritten as a snapshot: after this many records appended, or
/// bytes, or as many as the snapshot itself holds, whichever is more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub records: u64,
    pub bytes: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            records: 10_000,
            bytes: 1 << 20,
        }
    }
}

/// How long a sync waits for another lede on the same data folder to finish its own.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// Why a sync could not be done; one line naming the folder or file and the reason.
#[derive(Debug)]
pub enum Error {
    Folder(PathBuf, String),
    /// Another lede on this data folder is syncing.
    Busy,
    /// The store is read-only, or a write failed.
    Store(StoreError),
    /// This machine's log could not be written.
    Write(PathBuf, std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Folder(path, why) => write!(f, "sync folder {}: {why}", path.display()),
            Error::Busy => f.write_str("another lede is syncing this data folder; try again"),
            Error::Store(e) => write!(f, "sync: {e}"),
            Error::Write(path, e) => write!(f, "{}: cannot be written ({e})", path.display()),
        }
    }
}

impl std::error::Error for Error {}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        Error::Store(e)
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub merged: Merged,
    /// Records written to this machine's log.
    pub written: usize,
    /// This machine's log now.
    pub log: PathBuf,
    /// A snapshot was written (the log was new, replaced, or large).
    pub snapshot: bool,
    /// One line each: a file that could not be read, a line skipped.
    pub notices: Vec<String>,
    pub machine: String,
    /// The id this machine had before, when the data folder came from another host.
    pub new_id_from: Option<String>,
}

impl Outcome {
    /// What came from the others, as the status bar says it.
    pub fn summary(&self) -> Option<String> {
        report::summary(&self.merged.from)
    }
}

fn folder_problem(folder: &Path) -> Option<String> {
    match std::fs::metadata(folder) {
        Ok(m) if m.is_dir() => None,
        Ok(_) => Some("is not a folder".to_owned()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Some("does not exist (lede sync init DIR makes it)".to_owned())
        }
        Err(e) => Some(format!("cannot be read ({e})")),
    }
}

/// Reads what is new from the other machines, merges it, and writes this machine's changes
/// to its log (a snapshot when the log is missing, replaced or large).
pub fn sync(store: &mut Store, folder: &Path, limits: Limits) -> Result<Outcome, Error> {
    sync_as(store, folder, limits, true)
}

/// As [`sync`]; `reconcile` false to skip looking for changes no record has (the reader, when
/// no other lede wrote to its store since: each of its own writes records itself).
pub fn sync_as(
    store: &mut Store,
    folder: &Path,
    limits: Limits,
    reconcile: bool,
) -> Result<Outcome, Error> {
    if let Some(why) = folder_problem(folder) {
        return Err(Error::Folder(folder.to_path_buf(), why));
    }
    let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
    let lock = files::lock(store.path(), LOCK_WAIT)
        .map_err(|e| Error::Write(store.path().to_path_buf(), e))?;
    let Some(_lock) = lock else {
        return Err(Error::Busy);
    };
    let host = host::name();
    let (machine, new_id_from) = store.sync_machine(&host)?;
    let mut outcome = Outcome {
        machine: machine.clone(),
        new_id_from,
        ..Outcome::default()
    };
    let batches = read_others(store, &folder, &machine, &mut outcome.notices)?;
    outcome.merged = store.sync_merge_as(&batches, reconcile)?;
    outcome.notices.extend(
        outcome
            .merged
            .skipped
            .iter()
            .map(|line| format!("{line}; skipped")),
    );
    write_own(store, &folder, &host, &machine, limits, &mut outcome)?;
    Ok(outcome)
}

/// What is new in every other machine's log.
fn read_others(
    store: &Store,
    folder: &Path,
    machine: &str,
    notices: &mut Vec<String>,
) -> Result<Vec<Batch>, Error> {
    let seen: HashMap<String, crate::store::SeenFile> = store
        .sync_seen()?
        .into_iter()
        .map(|s| (s.path.clone(), s))
        .collect();
    let paths = files::list(folder)
        .map_err(|e| Error::Folder(folder.to_path_buf(), format!("cannot be read ({e})")))?;
    let mut batches = Vec::new();
    for path in paths {
        let known = seen.get(path.to_string_lossy().as_ref());
        match files::read_new(&path, known, machine) {
            Ok(Some(batch)) => batches.push(batch),
            Ok(None) => {}
            // gone between the listing and the reading: a sync tool replacing it
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => notices.push(format!(
                "{}: cannot be read ({e})",
                crate::article::sanitize::sanitize_inline(&path.to_string_lossy())
            )),
        }
    }
    Ok(batches)
}

/// Writes the changes waiting to this machine's log.
fn write_own(
    store: &mut Store,
    folder: &Path,
    host: &str,
    machine: &str,
    limits: Limits,
    outcome: &mut Outcome,
) -> Result<(), Error> {
    let folder_text = folder.to_string_lossy().into_owned();
    let log = store
        .sync_log()?
        .filter(|l| l.folder == folder_text && l.generation > 0)
        // a newer generation of this machine's than the store knows: written by a sync that
        // was stopped before it could say so
        .filter(|l| files::newest_generation(folder, machine) <= l.generation);
    if let Some(log) = log {
        files::remove_older(folder, machine, log.generation);
        let name = files::log_name(host, machine, log.generation);
        let path = folder.join(&name);
        outcome.log.clone_from(&path);
        let header = files::header_line(&header(machine, host, log.generation));
        let pending = store.sync_pending()?;
        let lines: Vec<String> = pending.iter().map(|p| frame(&p.json)).collect();
        match files::append(&path, &header, log.bytes, &lines) {
            Ok(bytes) => {
                let state = LogState {
                    bytes,
                    appended: log.appended + pending.len() as u64,
                    written_at: if pending.is_empty() {
                        log.written_at
                    } else {
                        crate::store::time::now()
                    },
                    ..log.clone()
                };
                if !pending.is_empty() {
                    store.sync_written(&pending, &state)?;
                }
                outcome.written = pending.len();
                let appended_bytes = bytes.saturating_sub(state.snapshot_bytes);
                let large = state.appended > limits.records.max(state.snapshot_records)
                    || appended_bytes > limits.bytes.max(state.snapshot_bytes);
                if !large {
                    return Ok(());
                }
            }
            Err(Unfit::Io(e)) => return Err(Error::Write(path, e)),
            Err(Unfit::Missing | Unfit::Replaced) => {}
        }
    }
    snapshot(store, folder, host, machine, outcome)
}

fn header(machine: &str, host: &str, generation: u64) -> Header {
    Header {
        lede_sync: FORMAT,
        machine: machine.to_owned(),
        host: host.to_owned(),
        generation,
    }
}

/// Writes everything this machine knows as its log's next generation, and removes the older.
fn snapshot(
    store: &mut Store,
    folder: &Path,
    host: &str,
    machine: &str,
    outcome: &mut Outcome,
) -> Result<(), Error> {
    let before = store.sync_log()?.map_or(0, |l| l.generation);
    let generation = before.max(files::newest_generation(folder, machine)) + 1;
    let all = store.sync_snapshot()?;
    let lines: Vec<String> = all.iter().map(|p| frame(&p.json)).collect();
    let name = files::log_name(host, machine, generation);
    let header = files::header_line(&header(machine, host, generation));
    let bytes = files::write_whole(folder, &name, &header, &lines)
        .map_err(|e| Error::Write(folder.join(&name), e))?;
    let pending = store.sync_pending_count()?;
    let state = LogState {
        folder: folder.to_string_lossy().into_owned(),
        generation,
        bytes,
        snapshot_records: all.len() as u64,
        appended: 0,
        snapshot_bytes: bytes,
        written_at: crate::store::time::now(),
    };
    store.sync_written(&all, &state)?;
    files::remove_older(folder, machine, generation);
    outcome.log = folder.join(name);
    outcome.snapshot = true;
    outcome.written = outcome.written.max(usize::try_from(pending).unwrap_or(0));
    Ok(())
}
