//! `lede sync init DIR`, `lede sync status`, `lede sync now`.

use super::folder::{self, Folder, Source};
use super::{files, sync, Limits, Outcome as Synced};
use crate::cli::SyncAction;
use crate::commands::{Error, Outcome};
use crate::store::{time, Store};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

const NO_FOLDER: &str = "no sync folder: set sync = \"DIR\" in config.toml or LEDE_SYNC_DIR, \
                         or run lede sync init DIR";

pub fn run(action: SyncAction) -> Result<Outcome, Error> {
    let config = crate::config::load();
    if let Some(problem) = &config.problem {
        eprintln!("lede: {problem}");
    }
    let data_dir = crate::store::data_dir();
    let configured = folder::configured(&config.config, data_dir.as_deref());
    let text = match action {
        SyncAction::Init { dir } => init(&dir, data_dir.as_deref(), configured)?,
        SyncAction::Now => {
            let folder = configured.ok_or_else(|| Error::Store(NO_FOLDER.to_owned()))?;
            let mut store = open()?;
            let synced = sync(&mut store, &folder.path, Limits::default())
                .map_err(|e| Error::Store(e.to_string()))?;
            said(&synced)
        }
        SyncAction::Status => status(configured)?,
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Outcome::Success)
}

fn open() -> Result<Store, Error> {
    crate::commands::open_store("sync")
}

fn init(dir: &Path, data_dir: Option<&Path>, configured: Option<Folder>) -> Result<String, Error> {
    let data_dir =
        data_dir.ok_or_else(|| Error::Store("no data directory (set LEDE_DATA_DIR)".to_owned()))?;
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::Store(format!("{}: cannot be made ({e})", dir.display())))?;
    let dir = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !dir.is_dir() {
        return Err(Error::Store(format!("{}: is not a folder", dir.display())));
    }
    let mut store = open()?;
    folder::keep(data_dir, &dir).map_err(|e| {
        Error::Store(format!(
            "{}: cannot be written ({e})",
            data_dir.join(folder::KEPT).display()
        ))
    })?;
    if let Some(first) = configured.filter(|f| f.from != Source::Kept) {
        let same = std::fs::canonicalize(&first.path).is_ok_and(|p| p == dir);
        if !same {
            let name = match first.from {
                Source::Env => "LEDE_SYNC_DIR",
                _ => "config.toml's sync",
            };
            eprintln!(
                "lede: {name} names {}, which comes first: change it there to sync through {}",
                first.path.display(),
                dir.display()
            );
        }
    }
    let synced =
        sync(&mut store, &dir, Limits::default()).map_err(|e| Error::Store(e.to_string()))?;
    let mut text = format!(
        "syncing through {} as {} ({})\n",
        dir.display(),
        super::host::name(),
        synced.machine
    );
    text.push_str(&said(&synced));
    Ok(text)
}

/// What a sync did, a line each; its notices go to stderr.
fn said(synced: &Synced) -> String {
    for notice in &synced.notices {
        eprintln!("lede: {notice}");
    }
    if let Some(old) = &synced.new_id_from {
        eprintln!(
            "lede: this data folder was made on another host: this machine is {} now, not {old}",
            synced.machine
        );
    }
    let mut text = String::new();
    match synced.summary() {
        Some(summary) => {
            let _ = writeln!(text, "merged {summary}");
        }
        None => text.push_str("nothing new from other machines\n"),
    }
    if synced.merged.adopted > 0 {
        let n = synced.merged.adopted;
        let _ = writeln!(
            text,
            "found {n} change{} in lede.db that no record had (made before sync, or imported)",
            plural(n)
        );
    }
    let name = synced
        .log
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    match (synced.written, synced.snapshot) {
        (0, false) => text.push_str("no changes to write\n"),
        (n, false) => {
            let _ = writeln!(text, "wrote {n} change{} to {name}", plural(n));
        }
        (n, true) => {
            let _ = writeln!(
                text,
                "wrote {name} (a snapshot of all this machine knows, {n} change{} new)",
                plural(n)
            );
        }
    }
    text
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn size(bytes: u64) -> String {
    match bytes {
        0..=1023 => format!("{bytes} B"),
        1024..=1_048_575 => format!("{} KB", bytes.div_ceil(1024)),
        _ => format!("{:.1} MB", bytes as f64 / 1_048_576.0),
    }
}

/// The time a file was last changed, in Unix seconds.
fn modified(path: &Path) -> Option<i64> {
    let modified = std::fs::metadata(path).ok()?.modified().ok()?;
    let secs = modified
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    i64::try_from(secs).ok()
}

/// Another machine as the status lists it.
#[derive(Default)]
struct Other {
    host: String,
    files: usize,
    records: u64,
    newer: u64,
    wrote: Option<i64>,
    read: bool,
}

fn status(configured: Option<Folder>) -> Result<String, Error> {
    let mut text = String::new();
    let Some(folder) = configured else {
        return Ok(format!("sync is off: {NO_FOLDER}\n"));
    };
    let store = open()?;
    let now = time::now();
    let identity = store
        .sync_identity()
        .map_err(|e| Error::Store(e.to_string()))?;
    let machine = identity.as_ref().map(|(id, _)| id.clone());
    match &identity {
        Some((id, host)) => {
            let _ = writeln!(text, "this machine: {host} ({id})");
        }
        None => {
            let _ = writeln!(
                text,
                "this machine: {} (no id yet: made at the first change or sync)",
                super::host::name()
            );
        }
    }
    let problem = super::folder_problem(&folder.path);
    let _ = writeln!(
        text,
        "sync folder: {} ({}){}",
        folder.path.display(),
        folder.from.describe(),
        problem.map_or_else(String::new, |p| format!(": {p}"))
    );
    let log = store.sync_log().map_err(|e| Error::Store(e.to_string()))?;
    let folder_text = std::fs::canonicalize(&folder.path)
        .unwrap_or_else(|_| folder.path.clone())
        .to_string_lossy()
        .into_owned();
    match (log.filter(|l| l.folder == folder_text), &identity) {
        (Some(log), Some((id, host))) => {
            let name = files::log_name(host, id, log.generation);
            let _ = writeln!(
                text,
                "its log: {name}, {} records, {}, written {}",
                log.snapshot_records + log.appended,
                size(log.bytes),
                time::ago(now, log.written_at)
            );
        }
        _ => text.push_str("its log: not written yet (lede sync now writes it)\n"),
    }
    let waiting = store
        .sync_pending_count()
        .map_err(|e| Error::Store(e.to_string()))?;
    let _ = writeln!(
        text,
        "waiting to be written: {waiting} change{}",
        plural(usize::try_from(waiting).unwrap_or(2))
    );
    // the others: every file read before, and those in the folder not read yet
    let mut others: BTreeMap<String, Other> = BTreeMap::new();
    let seen = store.sync_seen().map_err(|e| Error::Store(e.to_string()))?;
    for file in &seen {
        if Some(&file.machine) == machine.as_ref() {
            continue;
        }
        let other = others.entry(file.machine.clone()).or_default();
        other.host.clone_from(&file.host);
        other.records += file.records;
        other.newer += file.newer;
        other.read = true;
        if let Some(when) = modified(Path::new(&file.path)) {
            other.files += 1;
            other.wrote = other.wrote.max(Some(when));
        }
    }
    let listed: Vec<PathBuf> = files::list(&folder.path).unwrap_or_default();
    for path in &listed {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let Some((id, _)) = files::parse_log_name(name) else {
            continue;
        };
        if Some(id) == machine.as_deref() || seen.iter().any(|s| Path::new(&s.path) == path) {
            continue;
        }
        let other = others.entry(id.to_owned()).or_default();
        if other.host.is_empty() {
            other.host = file_name(name.split('.').next().unwrap_or(""));
        }
        other.files += 1;
        other.wrote = other.wrote.max(modified(path));
    }
    if others.is_empty() {
        text.push_str("other machines: none seen yet\n");
    } else {
        text.push_str("other machines:\n");
        for (id, other) in &others {
            let wrote = other
                .wrote
                .map_or_else(|| "no file now".to_owned(), |w| time::ago(now, w));
            let read = if other.read {
                format!(
                    "{} record{} read",
                    other.records,
                    plural(usize::try_from(other.records).unwrap_or(2))
                )
            } else {
                "not read yet".to_owned()
            };
            let _ = writeln!(
                text,
                "  {} ({id}): last wrote {wrote}; {read}; {} file{}",
                other.host,
                other.files,
                plural(other.files)
            );
        }
    }
    let skipped = store
        .sync_skipped()
        .map_err(|e| Error::Store(e.to_string()))?;
    let newer: Vec<(String, u64)> = seen
        .iter()
        .filter(|s| s.newer > 0)
        .map(|s| (file_name(&s.path), s.newer))
        .collect();
    if skipped.is_empty() && newer.is_empty() {
        text.push_str("skipped: nothing\n");
    } else {
        text.push_str("skipped:\n");
        for s in &skipped {
            let _ = writeln!(
                text,
                "  {} line {}: {} ({})",
                file_name(&s.path),
                s.line,
                s.reason,
                time::ago(now, s.at)
            );
        }
        for (file, n) in newer {
            let _ = writeln!(
                text,
                "  {file}: {n} record{} of a kind this lede does not know (from a newer lede), kept and ignored",
                plural(usize::try_from(n).unwrap_or(2))
            );
        }
    }
    Ok(text)
}

/// A file's name as a terminal may show it: anyone's sync tool names the files.
fn file_name(path: &str) -> String {
    let name = Path::new(path)
        .file_name()
        .map_or_else(|| path.to_owned(), |n| n.to_string_lossy().into_owned());
    crate::article::sanitize::sanitize_inline(&name)
}
