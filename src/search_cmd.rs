//! `lede search QUERY [PATH...]`: bring the library's index up to date, then print the hits,
//! one line each (or `--json`), as grep does: exit 1 when nothing matched.

use crate::article::sanitize::sanitize_inline;
use crate::article::Source;
use crate::commands::{Error, Outcome};
use crate::library::{configured_roots, FoundFile, Hit, HitPart, Scan, ScanEvent, Target};
use crate::library::{MATCH_END, MATCH_START};
use crate::store::{data_dir, Store};
use crate::warnings::{grouped, SHOWN};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// What `lede search` was asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub query: String,
    /// `--tag`: only articles with every one of these tags.
    pub tags: Vec<String>,
    /// Files or folders; none: the library folders, else the current folder.
    pub paths: Vec<PathBuf>,
    /// The `--library` flags.
    pub library: Vec<PathBuf>,
    /// The config's `library`, after the flags and `LEDE_LIBRARY`, as the reader takes them.
    pub config_library: Vec<PathBuf>,
    /// `--warnings`: every problem of the walk, not the first few and a count.
    pub all_warnings: bool,
    pub json: bool,
    pub limit: usize,
    pub max_size: u64,
}

pub fn search(request: &Request) -> Result<Outcome, Error> {
    for path in &request.paths {
        if !path.exists() {
            return Err(Error::Usage(format!(
                "{}: no such file or folder",
                Source::File(path.clone()).name()
            )));
        }
    }
    let roots = if request.paths.is_empty() {
        let mut roots = configured_roots(&request.library);
        if roots.is_empty() {
            roots.clone_from(&request.config_library);
        }
        if roots.is_empty() {
            roots.push(PathBuf::from("."));
        }
        roots
    } else {
        request.paths.clone()
    };
    let Some(dir) = data_dir() else {
        return Err(Error::Store(
            "search keeps its index in the data directory, and there is none (set LEDE_DATA_DIR)"
                .to_owned(),
        ));
    };
    let files = scan(roots, dir, request.max_size, request.all_warnings);
    let opened = Store::open_default();
    for notice in &opened.notices {
        eprintln!("lede: {notice}");
    }
    let Some(store) = opened.store else {
        return Err(Error::Store("no store to search".to_owned()));
    };
    let mut keys: Vec<String> = files.iter().map(FoundFile::key).collect();
    if !request.tags.is_empty() {
        let tagged = store
            .keys_with_tags(&request.tags)
            .map_err(|e| Error::Store(e.to_string()))?;
        keys.retain(|k| tagged.contains(k));
    }
    let hits = store
        .search(&request.query, Some(&keys), request.limit)
        .map_err(|e| Error::Store(e.to_string()))?;
    if hits.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    let text = if request.json {
        json(&hits)
    } else {
        lines(&hits, io::stdout().is_terminal())
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Outcome::Success)
}

/// Scans the roots into the store in `dir`, reporting problems (the first few and a count,
/// unless `all`; and progress on a terminal); returns the files found.
pub(crate) fn scan(roots: Vec<PathBuf>, dir: PathBuf, max_size: u64, all: bool) -> Vec<FoundFile> {
    let files = Arc::new(Mutex::new(Vec::new()));
    let listed = Arc::clone(&files);
    let progress = io::stderr().is_terminal();
    let problems = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&problems);
    let scan = Scan::start(
        Target::Roots(roots),
        Some(dir),
        max_size,
        move |event| match event {
            ScanEvent::Listed(found) => {
                if let Ok(mut files) = listed.lock() {
                    *files = found;
                }
            }
            // every problem is counted here; those past the first few fall through, said as a count
            ScanEvent::Problem(line) if counted.fetch_add(1, Ordering::Relaxed) < SHOWN || all => {
                eprintln!("lede: {line}");
            }
            ScanEvent::Indexed { done, total } if progress => {
                eprint!(
                    "\r\x1b[Klede: indexing {} of {}…",
                    grouped(done),
                    grouped(total)
                );
            }
            ScanEvent::Finished if progress => eprint!("\r\x1b[K"),
            _ => {}
        },
    );
    scan.wait();
    let rest = problems.load(Ordering::Relaxed).saturating_sub(SHOWN);
    if rest > 0 && !all {
        let noun = if rest == 1 { "problem" } else { "problems" };
        eprintln!(
            "lede: … and {} more {noun} (--warnings shows all)",
            grouped(rest)
        );
    }
    let files = files.lock().map(|f| f.clone()).unwrap_or_default();
    files
}

/// Where a hit is, as the person typed paths: relative to the current folder when under it.
fn shown_path(key: &str) -> String {
    let path = Path::new(key);
    let relative = std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf));
    Source::File(relative.unwrap_or_else(|| path.to_path_buf())).name()
}

/// Text on one line: every run of whitespace a single space.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The snippet with its matches in bold, or with the marks dropped. The text between the
/// marks passes the article sanitiser: an index may hold what an older lede let in.
fn marked(snippet: &str, bold: bool) -> String {
    let (start, end) = if bold {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    let mut out = String::new();
    let mut rest = snippet;
    while let Some(at) = rest.find([MATCH_START, MATCH_END]) {
        out.push_str(&sanitize_inline(&rest[..at]));
        out.push(rest[at..].chars().next().unwrap_or(MATCH_END));
        rest = &rest[at + MATCH_START.len_utf8()..];
    }
    out.push_str(&sanitize_inline(rest));
    one_line(&out)
        .replace(MATCH_START, start)
        .replace(MATCH_END, end)
}

/// `path: title › section: snippet`, one line per hit.
pub fn lines(hits: &[Hit], bold: bool) -> String {
    hits.iter()
        .map(|hit| {
            format!(
                "{}: {} › {}: {}\n",
                shown_path(&hit.key),
                one_line(&sanitize_inline(&hit.title)),
                one_line(&sanitize_inline(&hit.label)),
                marked(&hit.snippet, bold)
            )
        })
        .collect()
}

/// The hits as a JSON array with stable field names.
pub fn json(hits: &[Hit]) -> String {
    let values: Vec<serde_json::Value> = hits
        .iter()
        .map(|hit| {
            let (part, section_index) = match hit.part {
                HitPart::Title => ("title", None),
                HitPart::Lead => ("lead", None),
                HitPart::Section(i) => ("section", Some(i)),
                HitPart::KeyPoints => ("key_points", None),
                HitPart::Summary => ("summary", None),
                HitPart::Faq => ("faq", None),
            };
            serde_json::json!({
                "path": shown_path(&hit.key),
                "title": hit.title,
                "section": hit.label,
                "part": part,
                "section_index": section_index,
                "snippet": marked(&hit.snippet, false),
                "rank": hit.rank,
            })
        })
        .collect();
    serde_json::to_string_pretty(&values).expect("hits always serialise") + "\n"
}
