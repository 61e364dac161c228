//! Finding the article files of a library: folders walked for `.txt` and `.json`, hidden
//! names skipped, symlinked folders followed once, loops reported. Metadata only, no contents.
//!
//! The walk stays inside what a library can be: a link to `/` or to a folder holding the
//! library is not followed, special filesystems (`/proc`, `/sys`, `/dev`) are never entered,
//! devices, FIFOs and sockets are never listed (so never opened), and one scan looks at no
//! more than [`WalkOptions::limit`] entries.

use super::FoundFile;
use crate::article::Source;
use crate::warnings::grouped;
use std::collections::HashSet;
use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

/// How far a walk may go: the config's `follow_links` and `scan_limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WalkOptions {
    /// Whether symbolic links (to files and to folders) are followed at all.
    pub follow_links: bool,
    /// The most folder entries one walk looks at; past it, the list so far is kept.
    pub limit: usize,
}

/// The default `scan_limit`.
pub const DEFAULT_LIMIT: usize = 1_000_000;

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            follow_links: true,
            limit: DEFAULT_LIMIT,
        }
    }
}

/// The options the config gave, set once by the command that read it: every scan (the
/// library screen's too) walks with them without each caller passing them along.
static CONFIGURED: OnceLock<WalkOptions> = OnceLock::new();

/// Sets the options every later [`walk`] uses; only the first call counts.
pub fn configure(options: WalkOptions) {
    let _ = CONFIGURED.set(options);
}

/// The options [`walk`] uses: the configured ones, else the defaults.
pub fn configured() -> WalkOptions {
    CONFIGURED.get().copied().unwrap_or_default()
}

/// Every article file under `roots` with the configured options; see [`walk_with`].
pub fn walk(roots: &[PathBuf]) -> (Vec<FoundFile>, Vec<String>) {
    walk_with(roots, configured())
}

/// Folder entries between two reports of a walk's progress.
const REPORT_EVERY: usize = 4096;

/// Told, as a walk goes, how many folder entries it has looked at and the files found so far.
pub type Progress<'a> = &'a dyn Fn(usize, &[FoundFile]);

/// What a walk found: the files, one line per problem, and every folder walked with its
/// modification time as it was before its names were read.
#[derive(Debug, Default)]
pub struct Walked {
    pub files: Vec<FoundFile>,
    pub problems: Vec<String>,
    pub folders: Vec<(PathBuf, i64)>,
    /// Whether every folder could be read and the walk did not stop at its limit: the
    /// files are all the library's.
    pub whole: bool,
}

/// As [`walk`], telling `progress` how many folder entries it has looked at as it goes, and
/// the files found so far, so a large walk can say how far it is and show what it found.
pub fn walk_reporting(roots: &[PathBuf], progress: Progress) -> Walked {
    walk_inner(roots, configured(), Some(progress))
}

/// Every article file under `roots` (a root that is a file is taken as is), sorted by path
/// (folder by folder) within each root, and one line per problem (an unreadable folder, a
/// symlink loop, a link or a file that is not followed, the limit reached).
pub fn walk_with(roots: &[PathBuf], options: WalkOptions) -> (Vec<FoundFile>, Vec<String>) {
    let walked = walk_inner(roots, options, None);
    (walked.files, walked.problems)
}

fn walk_inner(roots: &[PathBuf], options: WalkOptions, progress: Option<Progress>) -> Walked {
    let mut walker = Walker {
        options,
        progress,
        homes: roots
            .iter()
            .filter_map(|root| fs::canonicalize(root).ok())
            .collect(),
        ..Walker::default()
    };
    for root in roots {
        if walker.full() {
            break;
        }
        let root = std::path::absolute(root).unwrap_or_else(|_| root.clone());
        match fs::metadata(&root) {
            Ok(meta) if meta.is_dir() => {
                if let Some(special) = special_filesystem(&root) {
                    walker.problems.push(format!(
                        "{}: a special filesystem ({special}), not walked",
                        name(&root)
                    ));
                    continue;
                }
                walker.visited.insert(dir_id(&root, &meta));
                let mut stack = vec![dir_id(&root, &meta)];
                walker.folder(&root, &root, &mut stack, device(&meta));
            }
            Ok(meta) if meta.is_file() => {
                let name = root
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                walker.push(&root, name, &meta);
            }
            Ok(meta) => walker.not_a_file(&root, &meta),
            Err(e) => walker.problem(&root, &e),
        }
    }
    Walked {
        files: walker.files,
        problems: walker.problems,
        folders: walker.folders,
        whole: !walker.stopped && !walker.unread,
    }
}

/// A path as messages show it.
fn name(path: &Path) -> String {
    Source::File(path.to_path_buf()).name()
}

/// A folder's identity, so that a symlink back up the tree is seen for what it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum DirId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

#[cfg(unix)]
fn dir_id(_path: &Path, meta: &Metadata) -> DirId {
    use std::os::unix::fs::MetadataExt;
    DirId::Inode(meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn dir_id(path: &Path, _meta: &Metadata) -> DirId {
    DirId::Path(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The filesystem a folder is on (0 where the system does not say).
#[cfg(unix)]
fn device(meta: &Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.dev()
}

#[cfg(not(unix))]
fn device(_meta: &Metadata) -> u64 {
    0
}

/// The name of the special filesystem `dir` is in or on (`/proc`, `proc`), if it is one.
fn special_filesystem(dir: &Path) -> Option<String> {
    let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    for top in ["/proc", "/sys", "/dev"] {
        if real.starts_with(top) {
            return Some(top.to_owned());
        }
    }
    special_kind(&real).map(str::to_owned)
}

/// The kinds of filesystem that hold no files of anyone's, only the system's view of itself.
#[cfg(target_os = "linux")]
fn special_kind(dir: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    const KINDS: [(u32, &str); 16] = [
        (0x9fa0, "proc"),
        (0x6265_6572, "sysfs"),
        (0x1cd1, "devpts"),
        (0x0027_e0eb, "cgroup"),
        (0x6367_7270, "cgroup2"),
        (0x6462_6720, "debugfs"),
        (0x7472_6163, "tracefs"),
        (0x7363_6673, "securityfs"),
        (0x6165_676c, "pstore"),
        (0xcafe_4a11, "bpf"),
        (0x6265_6570, "configfs"),
        (0x1980_0202, "mqueue"),
        (0x6573_5543, "fusectl"),
        (0x4249_4e4d, "binfmt_misc"),
        (0x9584_58f6, "hugetlbfs"),
        (0xde5e_81e4, "efivarfs"),
    ];
    let path = std::ffi::CString::new(dir.as_os_str().as_bytes()).ok()?;
    // SAFETY: statfs writes only into the struct it is given; the path is a valid C string
    let mut stats: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::statfs(path.as_ptr(), &mut stats) } != 0 {
        return None;
    }
    // the field's type differs between targets; its low 32 bits are the magic number
    #[allow(clippy::unnecessary_cast)]
    let magic = stats.f_type as u32;
    KINDS
        .iter()
        .find(|(kind, _)| *kind == magic)
        .map(|(_, name)| *name)
}

#[cfg(not(target_os = "linux"))]
fn special_kind(_dir: &Path) -> Option<&'static str> {
    None
}

/// What a file that is neither a regular file nor a folder is, in a message's words.
#[cfg(unix)]
fn odd_kind(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

#[cfg(not(unix))]
fn odd_kind(_meta: &Metadata) -> &'static str {
    "not a regular file"
}

#[derive(Default)]
struct Walker<'a> {
    options: WalkOptions,
    /// Told every [`REPORT_EVERY`] entries how many were looked at.
    progress: Option<Progress<'a>>,
    files: Vec<FoundFile>,
    problems: Vec<String>,
    /// Every folder read, with its modification time from before its names were read.
    folders: Vec<(PathBuf, i64)>,
    /// Every folder walked so far: one reached twice by two links is listed once.
    visited: HashSet<DirId>,
    /// Every file listed so far, so overlapping roots do not list a file twice.
    keys: HashSet<PathBuf>,
    /// The roots' real paths: a link to a folder holding one of them is not followed.
    homes: Vec<PathBuf>,
    /// Folder entries looked at so far, against the limit.
    looked_at: usize,
    /// Whether the limit was reached and said.
    stopped: bool,
    /// Whether a folder (or a root) could not be read.
    unread: bool,
}

impl Walker<'_> {
    /// Whether the limit was reached; the first time, says so.
    fn full(&mut self) -> bool {
        if self.looked_at < self.options.limit {
            return false;
        }
        if !self.stopped {
            self.stopped = true;
            self.problems.push(format!(
                "the scan stopped after {} files and folders (scan_limit in the config); \
                 the {} articles found so far are listed",
                grouped(self.looked_at),
                grouped(self.files.len())
            ));
        }
        true
    }

    /// Walks `dir`; `stack` holds the folders from the root down to it, for loop detection;
    /// `dev` is the filesystem `dir` is on, to notice where the walk enters another one.
    fn folder(&mut self, root: &Path, dir: &Path, stack: &mut Vec<DirId>, dev: u64) {
        // the time first: a name added while the folder is read moves it past what is kept
        let modified = fs::metadata(dir).map_or(0, |meta| modified_nanos(&meta));
        let mut entries: Vec<(std::ffi::OsString, fs::DirEntry)> = match fs::read_dir(dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|entry| (entry.file_name(), entry))
                .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
                .collect(),
            Err(e) => return self.problem(dir, &e),
        };
        self.folders.push((dir.to_path_buf(), modified));
        // names in order at every level: the whole list comes out sorted by path
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, entry) in entries {
            if self.full() {
                return;
            }
            self.looked_at += 1;
            if self.looked_at.is_multiple_of(REPORT_EVERY) {
                if let Some(progress) = self.progress {
                    progress(self.looked_at, &self.files);
                }
            }
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let link = kind.is_symlink();
            if link && !self.options.follow_links {
                continue;
            }
            // a link is judged by what it points to (stat, never open); a dangling one is skipped
            let meta = if link {
                match fs::metadata(&path) {
                    Ok(meta) => meta,
                    Err(_) => continue,
                }
            } else if kind.is_dir() || is_article_name(&path) {
                match entry.metadata() {
                    Ok(meta) => meta,
                    Err(e) => {
                        if kind.is_dir() {
                            self.problem(&path, &e);
                        }
                        continue;
                    }
                }
            } else {
                continue;
            };
            if meta.is_dir() {
                if link && !self.link_to_follow(&path, &meta, stack) {
                    continue;
                }
                if !link && device(&meta) != dev {
                    if let Some(special) = special_filesystem(&path) {
                        self.problems.push(format!(
                            "{}: a special filesystem ({special}), not walked",
                            name(&path)
                        ));
                        continue;
                    }
                }
                let id = dir_id(&path, &meta);
                if stack.contains(&id) {
                    self.problems.push(format!(
                        "{}: a symlink loop (it leads back to a folder above it), not followed",
                        name(&path)
                    ));
                } else if self.visited.insert(id.clone()) {
                    stack.push(id);
                    self.folder(root, &path, stack, device(&meta));
                    stack.pop();
                }
            } else if meta.is_file() {
                if is_article_name(&path) {
                    let rel = path
                        .strip_prefix(root)
                        .map_or_else(|_| path.to_string_lossy(), |r| r.to_string_lossy())
                        .into_owned();
                    self.push(&path, rel, &meta);
                }
            } else if is_article_name(&path) {
                // a device, a FIFO or a socket: opening one may block or never end
                self.not_a_file(&path, &meta);
            }
        }
    }

    /// Whether a link to a folder is followed: not to `/`, not to a folder above the
    /// library (it holds the library itself), not into a special filesystem.
    fn link_to_follow(&mut self, path: &Path, meta: &Metadata, stack: &[DirId]) -> bool {
        let Ok(target) = fs::canonicalize(path) else {
            return false;
        };
        let why = if target.parent().is_none() {
            format!("a link to {}", target.display())
        } else if stack.contains(&dir_id(path, meta)) {
            // said as a loop where the folder is met
            return true;
        } else if self.homes.iter().any(|home| home.starts_with(&target)) {
            format!("a link to {}, which holds the library", name(&target))
        } else if let Some(special) = special_filesystem(&target) {
            format!("a link into {special}, a special filesystem")
        } else {
            return true;
        };
        self.problems
            .push(format!("{}: {why}, not followed", name(path)));
        false
    }

    fn not_a_file(&mut self, path: &Path, meta: &Metadata) {
        self.problems.push(format!(
            "{}: {}, not an article file; not read",
            name(path),
            odd_kind(meta)
        ));
    }

    fn push(&mut self, path: &Path, rel: String, meta: &Metadata) {
        if !self.keys.insert(path.to_path_buf()) {
            return;
        }
        self.files.push(FoundFile {
            source: Source::File(path.to_path_buf()),
            rel,
            size: meta.len(),
            modified: modified_nanos(meta),
        });
    }

    fn problem(&mut self, path: &Path, e: &io::Error) {
        self.unread = true;
        let why = match e.kind() {
            io::ErrorKind::NotFound => "no such file or folder".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => format!("cannot be read: {e}"),
        };
        self.problems.push(format!("{}: {why}", name(path)));
    }
}

/// `.txt` or `.json`, in any letter case.
fn is_article_name(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("json"))
}

/// Nanoseconds since the epoch (negative before it; 0 when the system has no such time).
pub fn modified_nanos(meta: &Metadata) -> i64 {
    let Ok(time) = meta.modified() else { return 0 };
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_nanos()).unwrap_or(i64::MAX),
        Err(before) => i64::try_from(before.duration().as_nanos()).map_or(i64::MIN, |n| -n),
    }
}
