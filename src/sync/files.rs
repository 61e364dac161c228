//! The files in the sync folder: names, reading what is new in another machine's log,
//! appending to this machine's, writing a snapshot, and the lock two ledes on one data folder
//! take so that only one writes at a time.
//!
//! This machine's log is `HOST.ID.GENERATION.lede`; a snapshot is the next generation, written
//! beside and renamed over nothing, then the older generation is removed.

use super::record::{self, frame, parse_header, parse_line, Header, Line, MAX_LINE};
use crate::store::{Batch, SeenFile};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The most read of one file in one sync; the rest is read next time.
const READ_LIMIT: u64 = 16 << 20;

/// The extension of every log.
pub const EXTENSION: &str = ".lede";

/// This machine's log of a generation.
pub fn log_name(host: &str, machine: &str, generation: u64) -> String {
    format!(
        "{}.{machine}.{generation}{EXTENSION}",
        super::host::for_file_name(host)
    )
}

/// A copy a sync tool made of a file changed in two places at once.
pub fn is_conflict_copy(name: &str) -> bool {
    let lower = name.to_lowercase();
    lower.contains(".sync-conflict-") || lower.contains("conflicted copy")
}

/// Whether a file in the sync folder is a log to read: `*.lede`, or a conflict copy of one;
/// never a hidden or temporary file (`.name.tmp`, `~syncthing~…`).
pub fn is_log_name(name: &str) -> bool {
    if name.starts_with('.') || name.starts_with('~') {
        return false;
    }
    name.ends_with(EXTENSION) || (name.contains(EXTENSION) && is_conflict_copy(name))
}

/// The machine and generation of a log named as this lede names them.
pub fn parse_log_name(name: &str) -> Option<(&str, u64)> {
    let stem = name.strip_suffix(EXTENSION)?;
    let (rest, generation) = stem.rsplit_once('.')?;
    let (_, machine) = rest.rsplit_once('.')?;
    let generation = generation.parse().ok()?;
    record::is_machine_id(machine).then_some((machine, generation))
}

/// The logs in the folder, by name.
pub fn list(folder: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        // a link to a file is read as the file
        if is_log_name(name) && entry.path().is_file() {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// The first line of a file (its newline not included) and its length with the newline;
/// `None` while that line is not whole.
fn first_line(file: &mut File) -> io::Result<Option<(Vec<u8>, u64)>> {
    let mut head = Vec::new();
    file.seek(SeekFrom::Start(0))?;
    Read::by_ref(file)
        .take(MAX_LINE as u64 + 1)
        .read_to_end(&mut head)?;
    Ok(head.iter().position(|&b| b == b'\n').map(|end| {
        head.truncate(end);
        (head, end as u64 + 1)
    }))
}

/// Reads what is new in another machine's file since `seen`: whole lines only, a line cut off
/// at the end waits for next time. `None` for this machine's own log.
pub fn read_new(path: &Path, seen: Option<&SeenFile>, machine: &str) -> io::Result<Option<Batch>> {
    let shown = path.to_string_lossy().into_owned();
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut batch = Batch {
        path: shown,
        ..Batch::default()
    };
    let Some((head, head_len)) = first_line(&mut file)? else {
        if len > MAX_LINE as u64 {
            batch
                .skipped
                .push((1, "not a lede sync log (no header)".to_owned()));
        }
        return Ok(Some(batch));
    };
    let header = match parse_header(&head) {
        Ok(header) => header,
        Err(why) => {
            batch.skipped.push((1, why));
            return Ok(Some(batch));
        }
    };
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if header.machine == machine && !is_conflict_copy(name) {
        return Ok(None);
    }
    let head_text = String::from_utf8_lossy(&head).into_owned();
    let (mut offset, mut line, fresh) = match seen {
        Some(s) if s.head == head_text && s.offset >= head_len && s.offset <= len => {
            (s.offset, s.line, false)
        }
        _ => (head_len, 1, true),
    };
    // the byte before where reading goes on ends a line, or the file is not the one read
    let mut fresh = fresh;
    if !fresh {
        let mut before = [0u8; 1];
        file.seek(SeekFrom::Start(offset - 1))?;
        match file.read_exact(&mut before) {
            Ok(()) if before[0] == b'\n' => {}
            Ok(()) => (offset, line, fresh) = (head_len, 1, true),
            // shorter now than a moment ago: being written again; read next time
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(Some(batch)),
            Err(e) => return Err(e),
        }
    }
    batch.fresh = fresh;
    batch.header = Some((header, head_text));
    let mut rest = Vec::new();
    file.seek(SeekFrom::Start(offset))?;
    Read::by_ref(&mut file)
        .take(READ_LIMIT)
        .read_to_end(&mut rest)?;
    let mut start = 0;
    while let Some(end) = rest[start..].iter().position(|&b| b == b'\n') {
        let bytes = &rest[start..start + end];
        line += 1;
        match parse_line(bytes) {
            Ok((Line::Record(record), json)) => batch.records.push((*record, json)),
            Ok((Line::Newer(_), _)) => batch.newer += 1,
            Err(why) => batch.skipped.push((line, why)),
        }
        start += end + 1;
    }
    if start == 0 && rest.len() as u64 == READ_LIMIT {
        // one line past the limit: it can never be read whole
        line += 1;
        batch
            .skipped
            .push((line, format!("longer than {} KB", MAX_LINE >> 10)));
        start = rest.len();
    }
    batch.offset = offset + start as u64;
    batch.line = line;
    Ok(Some(batch))
}

/// The header line of this machine's log.
pub fn header_line(header: &Header) -> String {
    frame(&serde_json::to_string(header).expect("a header serialises"))
}

/// Why this machine's log cannot be appended to: it must be written again as a snapshot.
#[derive(Debug)]
pub enum Unfit {
    Missing,
    /// Shorter than it was written, or another file: a sync tool put an older copy back.
    Replaced,
    Io(io::Error),
}

/// Appends lines to this machine's log, after cutting off a record a crash left half
/// written; the file's length after, made durable.
pub fn append(
    path: &Path,
    expected_head: &str,
    written: u64,
    lines: &[String],
) -> Result<u64, Unfit> {
    let mut file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unfit::Missing),
        Err(e) => return Err(Unfit::Io(e)),
    };
    let len = file.metadata().map_err(Unfit::Io)?.len();
    match first_line(&mut file).map_err(Unfit::Io)? {
        Some((head, _)) if head == expected_head.trim_end_matches('\n').as_bytes() => {}
        _ => return Err(Unfit::Replaced),
    }
    if len < written {
        return Err(Unfit::Replaced);
    }
    let end = last_line_end(&mut file, len).map_err(Unfit::Io)?;
    if end < len {
        file.set_len(end).map_err(Unfit::Io)?;
    }
    file.seek(SeekFrom::Start(end)).map_err(Unfit::Io)?;
    let mut text = String::new();
    for line in lines {
        text.push_str(line);
    }
    file.write_all(text.as_bytes()).map_err(Unfit::Io)?;
    file.sync_data().map_err(Unfit::Io)?;
    Ok(end + text.len() as u64)
}

/// Where the last whole line of a file ends (0 when it has none).
fn last_line_end(file: &mut File, len: u64) -> io::Result<u64> {
    let mut end = len;
    let mut chunk = vec![0u8; 64 << 10];
    while end > 0 {
        let start = end.saturating_sub(chunk.len() as u64);
        let part = &mut chunk[..(end - start) as usize];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(part)?;
        if let Some(at) = part.iter().rposition(|&b| b == b'\n') {
            return Ok(start + at as u64 + 1);
        }
        end = start;
    }
    Ok(0)
}

/// Writes a whole log (a snapshot) under a temporary name, makes it durable, then gives it
/// its name; its length.
pub fn write_whole(folder: &Path, name: &str, header: &str, lines: &[String]) -> io::Result<u64> {
    let temporary = folder.join(format!(".{name}.tmp"));
    let mut text =
        String::with_capacity(header.len() + lines.iter().map(String::len).sum::<usize>());
    text.push_str(header);
    for line in lines {
        text.push_str(line);
    }
    let written = (|| {
        let mut file = File::create(&temporary)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temporary, folder.join(name))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&temporary);
        return Err(e);
    }
    // the rename itself survives a power cut once the folder is synced
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    Ok(text.len() as u64)
}

/// Removes this machine's logs of generations before `generation`, and temporary files a
/// crash left; a file that cannot be removed stays (the others read it as before).
pub fn remove_older(folder: &Path, machine: &str, generation: u64) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let old = if let Some(tmp) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) {
            parse_log_name(tmp).is_some_and(|(m, _)| m == machine)
        } else {
            !is_conflict_copy(name)
                && parse_log_name(name).is_some_and(|(m, g)| m == machine && g < generation)
        };
        if old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The newest generation of this machine's logs in the folder.
pub fn newest_generation(folder: &Path, machine: &str) -> u64 {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name();
            let (m, g) = parse_log_name(name.to_str()?)?;
            (m == machine).then_some(g)
        })
        .max()
        .unwrap_or(0)
}

/// The lock one sync holds on a data folder; freed when dropped (or when the process ends).
pub struct Lock {
    _file: File,
}

/// Takes the sync lock of the store at `db` (`lede.db.sync-lock` beside it), waiting up to
/// `limit` for another lede to finish; `None` when it did not.
pub fn lock(db: &Path, limit: Duration) -> io::Result<Option<Lock>> {
    let mut name = db.as_os_str().to_owned();
    name.push(".sync-lock");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(name))?;
    let started = Instant::now();
    loop {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a descriptor this function owns
        let taken = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0;
        if taken {
            return Ok(Some(Lock { _file: file }));
        }
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EWOULDBLOCK) {
            return Err(e);
        }
        if started.elapsed() >= limit {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_of_logs_and_their_conflict_copies() {
        let name = log_name("my laptop", "0a1b2c3d4e5f6071", 3);
        assert_eq!(name, "my-laptop.0a1b2c3d4e5f6071.3.lede");
        assert_eq!(parse_log_name(&name), Some(("0a1b2c3d4e5f6071", 3)));
        assert!(is_log_name(&name));
        for copy in [
            "my-laptop.0a1b2c3d4e5f6071.3.sync-conflict-20250101-120000-ABCDEFG.lede",
            "my-laptop.0a1b2c3d4e5f6071.3 (conflicted copy 2025-01-01).lede",
            "my-laptop.0a1b2c3d4e5f6071.3 (Bob's conflicted copy 2025-01-01).lede",
            "my-laptop.0a1b2c3d4e5f6071.3.lede.sync-conflict-20250101-120000-ABCDEFG",
        ] {
            assert!(is_log_name(copy), "{copy}");
            assert!(is_conflict_copy(copy), "{copy}");
        }
        for not in [
            ".my-laptop.0a1b2c3d4e5f6071.3.lede.tmp",
            "~syncthing~my-laptop.0a1b2c3d4e5f6071.3.lede.tmp",
            "notes.txt",
            "lede.db",
        ] {
            assert!(!is_log_name(not), "{not}");
        }
        assert_eq!(parse_log_name("x.NOTHEX.1.lede"), None);
    }

    #[test]
    fn appending_cuts_a_half_written_record_first() {
        let dir = tempfile::tempdir().unwrap();
        let header = header_line(&Header {
            lede_sync: record::FORMAT,
            machine: "ab".into(),
            host: "h".into(),
            generation: 1,
        });
        let written = write_whole(dir.path(), "h.ab.1.lede", &header, &[]).unwrap();
        let path = dir.path().join("h.ab.1.lede");
        let one = frame("{\"a\":1}");
        let len = append(&path, &header, written, std::slice::from_ref(&one)).unwrap();
        // a crash in the middle of the next one
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"0000 {\"half").unwrap();
        let two = frame("{\"b\":2}");
        let after = append(&path, &header, len, std::slice::from_ref(&two)).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, format!("{header}{one}{two}"));
        assert_eq!(after, text.len() as u64);
        // an older copy put back is not appended to
        std::fs::write(&path, &header).unwrap();
        assert!(matches!(
            append(&path, &header, after, &[]),
            Err(Unfit::Replaced)
        ));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(
            append(&path, &header, after, &[]),
            Err(Unfit::Missing)
        ));
    }
}
