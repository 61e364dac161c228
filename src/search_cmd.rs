//! `lede search QUERY [PATH...]`: bring the library's index up to date, then print the hits,
//! one line each (or `--json`), as grep does: exit 1 when nothing matched.

use crate::article::sanitize::sanitize_inline;
use crate::article::Source;
use crate::commands::{Error, Outcome};
use crate::library::{absolute_roots, configured_roots, rel_under};
use crate::library::{FoundFile, Hit, HitPart, Scan, ScanEvent, Target};
use crate::library::{MATCH_END, MATCH_START};
use crate::store::indexing::WhenBusy;
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
    let store = crate::commands::open_store("search")?;
    let hits = match unchanged_hits(&store, &roots, request)? {
        Some(hits) => hits,
        None => {
            let scanned = scan_reporting(roots, dir, request.max_size, request.all_warnings, true);
            if let Some((indexed, total)) = scanned.busy {
                eprintln!(
                    "lede: partial: {} of {} articles are in the index (another lede is indexing them now)",
                    grouped(indexed),
                    grouped(total)
                );
            }
            // the tags' files as the scan has just found them
            let tagged = tagged_keys(&store, &request.tags)?;
            let mut keys: Vec<String> = scanned.files.iter().map(FoundFile::key).collect();
            keys.retain(|k| tagged.as_ref().is_none_or(|t| t.contains(k)));
            store
                .search(&request.query, Some(&keys), request.limit)
                .map_err(|e| Error::Store(e.to_string()))?
        }
    };
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

/// The keys of the articles with every one of `tags`; `None` when no tag is asked for.
fn tagged_keys(
    store: &Store,
    tags: &[String],
) -> Result<Option<std::collections::HashSet<String>>, Error> {
    if tags.is_empty() {
        return Ok(None);
    }
    store
        .keys_with_tags(tags)
        .map(Some)
        .map_err(|e| Error::Store(e.to_string()))
}

/// The hits from the index alone, when nothing in the library has changed since its last whole
/// scan: no folder's time has moved (so no file was added, removed or renamed), and every file
/// a hit names is as the index has it. `None`: the library is to be scanned first.
fn unchanged_hits(
    store: &Store,
    roots: &[PathBuf],
    request: &Request,
) -> Result<Option<Vec<Hit>>, Error> {
    if !store.folders_unchanged(&Target::Roots(roots.to_vec()).key()) {
        return Ok(None);
    }
    let roots = absolute_roots(roots);
    let tagged = tagged_keys(store, &request.tags)?;
    let within = |key: &str| {
        rel_under(Path::new(key), &roots).is_some()
            && tagged.as_ref().is_none_or(|t| t.contains(key))
    };
    let hits = store
        .search_within(&request.query, &within, request.limit)
        .map_err(|e| Error::Store(e.to_string()))?;
    // a file changed in place keeps its folder's time: each one named is looked at
    for hit in &hits {
        let now = std::fs::metadata(&hit.key)
            .ok()
            .map(|meta| (meta.len(), crate::library::walk::modified_nanos(&meta)));
        if now.is_none() || store.cached_stamp(&hit.key).ok().flatten() != now {
            return Ok(None);
        }
    }
    Ok(Some(hits))
}

/// What a scan for a search found: the files, and when another lede was indexing them, how
/// many of them the index holds.
struct Scanned {
    files: Vec<FoundFile>,
    busy: Option<(usize, usize)>,
}

/// Scans the roots into the store in `dir`, reporting problems (the first few and a count,
/// unless `all`; and progress on a terminal); returns the files found.
pub(crate) fn scan(roots: Vec<PathBuf>, dir: PathBuf, max_size: u64, all: bool) -> Vec<FoundFile> {
    scan_reporting(roots, dir, max_size, all, false).files
}

/// As [`scan`]; `answer` leaves the index to another lede that is bringing it up to date.
fn scan_reporting(
    roots: Vec<PathBuf>,
    dir: PathBuf,
    max_size: u64,
    all: bool,
    answer: bool,
) -> Scanned {
    let busy = Arc::new(Mutex::new(None));
    let told = Arc::clone(&busy);
    let files = Arc::new(Mutex::new(Vec::new()));
    let listed = Arc::clone(&files);
    let progress = io::stderr().is_terminal();
    let problems = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&problems);
    let when_busy = if answer {
        WhenBusy::Answer
    } else {
        WhenBusy::IndexToo
    };
    let scan = Scan::start_with(
        Target::Roots(roots),
        Some(dir),
        max_size,
        when_busy,
        move |event| match event {
            ScanEvent::Busy { indexed, total } => {
                if let Ok(mut busy) = told.lock() {
                    *busy = Some((indexed, total));
                }
            }
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
    let busy = busy.lock().map(|b| *b).unwrap_or_default();
    Scanned { files, busy }
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
