//! The library: the articles of one or more folders, found, summarised (title, sections,
//! words) with a cache in the store, and indexed for full-text search. No terminal in here:
//! the reader's library screen and `lede search` both stand on it.

pub mod scan;
pub mod snippet;
pub mod summary;
pub mod walk;
pub mod watch;
pub mod words;

pub use scan::{Scan, Target};
pub use summary::summarize;
pub use walk::{walk, walk_reporting};

use crate::article::Source;
use std::path::PathBuf;

/// An article file found in a library folder (or a bundled sample).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundFile {
    pub source: Source,
    /// The path as the list shows it: relative to the folder it was found under.
    pub rel: String,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch (0 for a bundled sample).
    pub modified: i64,
}

impl FoundFile {
    /// The key the cache and the index know a file by: its absolute path, or `bundled:NAME`.
    pub fn key(&self) -> String {
        match &self.source {
            Source::File(path) => path.to_string_lossy().into_owned(),
            Source::Bundled(name) => format!("bundled:{name}"),
            Source::Stdin => "<stdin>".to_owned(),
        }
    }
}

/// What a file holds, as the list needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Info {
    Article(Summary),
    /// Not an article (empty, binary, unreadable, too big): the one-line reason.
    NotArticle(String),
}

/// An article's summary for the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub fingerprint: String,
    pub content_hash: String,
    pub sections: usize,
    pub words: usize,
}

/// What a scan reports, in this order: previews, the files, then their summaries (cached ones
/// first, then in batches, each batch followed by the index's progress), then the end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanEvent {
    /// Rows to show before the walk has ended: the cache's rows for this library at a second
    /// start (with their summaries), or the files walked so far at a first. Each replaces the
    /// one before; [`ScanEvent::Listed`] replaces them all, and only its indexes count.
    Preview(Vec<(FoundFile, Option<Info>)>),
    /// Every file found, in walk order; later events refer to files by index in this list.
    Listed(Vec<FoundFile>),
    /// While a large walk goes on: the folder entries looked at so far.
    Walking(usize),
    /// A problem with a folder (unreadable, a symlink loop): one line, for the status bar.
    Problem(String),
    Summaries(Vec<(usize, Info)>),
    /// After each batch: of the files the index lacked or was behind on (not known yet to be
    /// articles), how many have been read and the index brought up to date with.
    Indexed {
        done: usize,
        total: usize,
    },
    /// Another lede is bringing the index up to date, and this scan was asked to leave it to
    /// it: of the files listed, how many the index holds as they are now.
    Busy {
        indexed: usize,
        total: usize,
    },
    Finished,
}

/// One full-text search hit: an article, a part of it, and a snippet.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The file's key (see [`FoundFile::key`]).
    pub key: String,
    pub title: String,
    /// Which part matched, to open the article there.
    pub part: HitPart,
    /// The part as people name it: `3 Recent Developments in Ukraine`, `Key points`, `FAQ`.
    pub label: String,
    /// A snippet of the matching text; the matched words are between [`MATCH_START`] and
    /// [`MATCH_END`].
    pub snippet: String,
    /// Lower is better (bm25).
    pub rank: f64,
}

/// Where in an article a hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HitPart {
    Title,
    Lead,
    Section(usize),
    KeyPoints,
    Summary,
    Faq,
}

/// Marks around a matched word in a [`Hit`]'s snippet.
pub const MATCH_START: char = '\u{2}';
pub const MATCH_END: char = '\u{3}';

/// The folders a library is made of, as given.
pub type Roots = Vec<PathBuf>;

/// The roots as absolute paths, as the walk starts from them (and the cache knows files by).
pub fn absolute_roots(roots: &[PathBuf]) -> Vec<PathBuf> {
    roots
        .iter()
        .map(|r| std::path::absolute(r).unwrap_or_else(|_| r.clone()))
        .collect()
}

/// Where `path` is under one of `roots` (absolute), as the list shows it: the path below the
/// root, or the file's name when the root is the file itself.
pub fn rel_under(path: &std::path::Path, roots: &[PathBuf]) -> Option<String> {
    roots.iter().find_map(|root| {
        if path == root {
            return Some(path.file_name()?.to_string_lossy().into_owned());
        }
        let rel = path.strip_prefix(root).ok()?;
        Some(rel.to_string_lossy().into_owned())
    })
}

/// The library folders in effect: `--library` flags first, else `LEDE_LIBRARY` (folders
/// separated by `:`); empty when neither is set. A `--library` with no folder only asks for
/// the library in effect.
pub fn configured_roots(flags: &[PathBuf]) -> Roots {
    let flags: Roots = flags
        .iter()
        .filter(|p| !p.as_os_str().is_empty())
        .cloned()
        .collect();
    if !flags.is_empty() {
        return flags;
    }
    std::env::var_os("LEDE_LIBRARY")
        .map(|value| {
            std::env::split_paths(&value)
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
        .unwrap_or_default()
}
