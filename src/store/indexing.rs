//! Who is bringing the index up to date: every lede that indexes holds a shared lock on
//! `indexing.lock` in the data folder while it does. `lede search` looks first: when another
//! lede holds it, the search answers from what is indexed so far, and says so, instead of
//! reading the same files a second time.

use std::fs::File;
use std::path::Path;

/// The lock, held while this lede indexes; let go when dropped.
#[derive(Debug)]
pub struct Indexing {
    _file: Option<File>,
}

/// Whether this lede may index.
#[derive(Debug)]
pub enum Claim {
    Mine(Indexing),
    /// Another lede is indexing now.
    Busy,
}

/// How to take the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WhenBusy {
    /// Index too, beside the other (the library screen: its list needs the summaries).
    IndexToo,
    /// Do not index: answer from what is there (`lede search`).
    Answer,
}

/// Takes the lock in `dir` as `how` says. Where no lock can be made (a read-only folder, a
/// system without `flock`), indexing goes on without one.
pub fn claim(dir: &Path, how: WhenBusy) -> Claim {
    let Ok(file) = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("indexing.lock"))
    else {
        return Claim::Mine(Indexing { _file: None });
    };
    lock(file, how)
}

#[cfg(unix)]
fn lock(file: File, how: WhenBusy) -> Claim {
    use std::os::unix::io::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: flock only takes the descriptor, which `file` keeps open
    let alone = unsafe { libc::flock(fd, libc::LOCK_EX | libc::LOCK_NB) } == 0;
    if !alone && how == WhenBusy::Answer {
        return Claim::Busy;
    }
    // shared from here on: others may index beside this one (each batch skips what another
    // wrote first), and a search sees that some lede is indexing
    // SAFETY: as above
    unsafe { libc::flock(fd, libc::LOCK_SH) };
    Claim::Mine(Indexing { _file: Some(file) })
}

#[cfg(not(unix))]
fn lock(file: File, _how: WhenBusy) -> Claim {
    Claim::Mine(Indexing { _file: Some(file) })
}
