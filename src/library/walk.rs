//! Finding the article files of a library: folders walked for `.txt` and `.json`, hidden
//! names skipped, symlinked folders followed once, loops reported. Metadata only, no contents.

use super::FoundFile;
use crate::article::Source;
use std::collections::HashSet;
use std::fs::{self, Metadata};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// Every article file under `roots` (a root that is a file is taken as is), sorted by path
/// (folder by folder) within each root, and one line per problem (an unreadable folder, a symlink loop).
pub fn walk(roots: &[PathBuf]) -> (Vec<FoundFile>, Vec<String>) {
    let mut walker = Walker::default();
    for root in roots {
        let root = std::path::absolute(root).unwrap_or_else(|_| root.clone());
        match fs::metadata(&root) {
            Ok(meta) if meta.is_dir() => {
                walker.visited.insert(dir_id(&root, &meta));
                let mut stack = vec![dir_id(&root, &meta)];
                walker.folder(&root, &root, &mut stack);
            }
            Ok(meta) => {
                let name = root
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                walker.push(&root, name, &meta);
            }
            Err(e) => walker.problem(&root, &e),
        }
    }
    (walker.files, walker.problems)
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

#[derive(Default)]
struct Walker {
    files: Vec<FoundFile>,
    problems: Vec<String>,
    /// Every folder walked so far: one reached twice by two links is listed once.
    visited: HashSet<DirId>,
    /// Every file listed so far, so overlapping roots do not list a file twice.
    keys: HashSet<PathBuf>,
}

impl Walker {
    /// Walks `dir`; `stack` holds the folders from the root down to it, for loop detection.
    fn folder(&mut self, root: &Path, dir: &Path, stack: &mut Vec<DirId>) {
        let mut entries: Vec<(std::ffi::OsString, fs::DirEntry)> = match fs::read_dir(dir) {
            Ok(entries) => entries
                .filter_map(Result::ok)
                .map(|entry| (entry.file_name(), entry))
                .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
                .collect(),
            Err(e) => return self.problem(dir, &e),
        };
        // names in order at every level: the whole list comes out sorted by path
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for (_, entry) in entries {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            // a link is judged by what it points to; a dangling one is skipped
            let meta = if kind.is_symlink() {
                match fs::metadata(&path) {
                    Ok(meta) => meta,
                    Err(_) => continue,
                }
            } else if kind.is_dir() {
                match entry.metadata() {
                    Ok(meta) => meta,
                    Err(e) => {
                        self.problem(&path, &e);
                        continue;
                    }
                }
            } else if is_article_name(&path) {
                match entry.metadata() {
                    Ok(meta) => meta,
                    Err(_) => continue,
                }
            } else {
                continue;
            };
            if meta.is_dir() {
                let id = dir_id(&path, &meta);
                if stack.contains(&id) {
                    self.problems.push(format!(
                        "{}: a symlink loop (it leads back to a folder above it), not followed",
                        Source::File(path.clone()).name()
                    ));
                } else if self.visited.insert(id.clone()) {
                    stack.push(id);
                    self.folder(root, &path, stack);
                    stack.pop();
                }
            } else if meta.is_file() && is_article_name(&path) {
                let rel = path
                    .strip_prefix(root)
                    .map_or_else(|_| path.to_string_lossy(), |r| r.to_string_lossy())
                    .into_owned();
                self.push(&path, rel, &meta);
            }
        }
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
        let why = match e.kind() {
            io::ErrorKind::NotFound => "no such file or folder".to_owned(),
            io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
            _ => format!("cannot be read: {e}"),
        };
        self.problems.push(format!(
            "{}: {why}",
            Source::File(path.to_path_buf()).name()
        ));
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
