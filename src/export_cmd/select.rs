//! Which articles an export takes: the files and folders named, else the library (as the
//! rest of lede finds it), then those changed since a date and those holding some words.

use super::Request;
use crate::article::Source;
use crate::commands::Error;
use crate::library::{configured_roots, walk, FoundFile};
use crate::store::{time, Store};
use crate::warnings::{grouped, SHOWN};
use std::path::PathBuf;

/// An article to export, as found.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub(super) source: Source,
    /// Modification time, nanoseconds since the epoch (now for standard input).
    pub(super) modified: i64,
    /// Named on the command line: a failure to read it fails the command, as `cat`'s would.
    pub(super) named: bool,
}

impl Candidate {
    fn key(&self) -> String {
        FoundFile {
            source: self.source.clone(),
            rel: String::new(),
            size: 0,
            modified: self.modified,
        }
        .key()
    }
}

/// The articles to export, in order, and whether they are the library's.
pub(super) fn candidates(
    request: &Request,
    skipped: &mut Skipped,
) -> Result<(Vec<Candidate>, bool), Error> {
    let args = &request.args;
    let now = time::now().saturating_mul(1_000_000_000);
    if !args.files.is_empty() {
        let mut found = Vec::new();
        for path in &args.files {
            if path.as_os_str() == "-" {
                found.push(Candidate {
                    source: Source::Stdin,
                    modified: now,
                    named: true,
                });
            } else if path.is_dir() {
                found.extend(walked(std::slice::from_ref(path), skipped));
            } else {
                let modified = std::fs::metadata(path)
                    .map_or(0, |meta| crate::library::walk::modified_nanos(&meta));
                found.push(Candidate {
                    source: Source::File(path.clone()),
                    modified,
                    named: true,
                });
            }
        }
        return Ok((found, false));
    }
    let mut roots = configured_roots(&request.library);
    if roots.is_empty() {
        roots.clone_from(&request.config_library);
    }
    if roots.is_empty() {
        eprintln!(
            "lede: no library folders (--library DIR, LEDE_LIBRARY or the config's library): the bundled samples"
        );
        let samples = crate::commands::bundled_samples()
            .into_iter()
            .map(|f| Candidate {
                source: f.source,
                modified: f.modified,
                named: false,
            })
            .collect();
        return Ok((samples, true));
    }
    Ok((walked(&roots, skipped), true))
}

/// The article files under `roots`, newest first (then by path).
fn walked(roots: &[PathBuf], skipped: &mut Skipped) -> Vec<Candidate> {
    let (mut files, problems) = walk(roots);
    for problem in problems {
        skipped.add(problem);
    }
    files.sort_by(|a, b| {
        b.modified
            .cmp(&a.modified)
            .then_with(|| a.key().cmp(&b.key()))
    });
    files
        .into_iter()
        .map(|f| Candidate {
            source: f.source,
            modified: f.modified,
            named: false,
        })
        .collect()
}

/// The candidates whose article holds the words, as the library's index finds them (brought
/// up to date first, as `lede search` does).
pub(super) fn searched(
    request: &Request,
    words: &str,
    candidates: Vec<Candidate>,
) -> Result<Vec<Candidate>, Error> {
    if candidates.iter().any(|c| c.source == Source::Stdin) {
        return Err(Error::Usage(
            "export: --search looks in files; standard input has no index".to_owned(),
        ));
    }
    let Some(dir) = crate::store::data_dir() else {
        return Err(Error::Store(
            "--search uses the index in the data directory, and there is none (set LEDE_DATA_DIR)"
                .to_owned(),
        ));
    };
    let roots: Vec<PathBuf> = candidates
        .iter()
        .filter_map(|c| match &c.source {
            Source::File(path) => Some(path.clone()),
            _ => None,
        })
        .collect();
    let bundled: Vec<FoundFile> = candidates
        .iter()
        .filter(|c| matches!(c.source, Source::Bundled(_)))
        .map(|c| FoundFile {
            source: c.source.clone(),
            rel: String::new(),
            size: 0,
            modified: c.modified,
        })
        .collect();
    if !roots.is_empty() {
        crate::search_cmd::scan(roots, dir.clone(), request.max_size, request.all_warnings);
    }
    if !bundled.is_empty() {
        let scan = crate::library::Scan::start(
            crate::library::Target::Files(bundled),
            Some(dir),
            request.max_size,
            |_| {},
        );
        scan.wait();
    }
    let opened = Store::open_default();
    for notice in &opened.notices {
        eprintln!("lede: {notice}");
    }
    let Some(store) = opened.store else {
        return Err(Error::Store("no index to search".to_owned()));
    };
    let matching = store
        .matching_files(words)
        .map_err(|e| Error::Store(e.to_string()))?;
    // the index knows a file by its absolute path, as the walk gives it
    Ok(candidates
        .into_iter()
        .filter(|c| {
            let key = match &c.source {
                Source::File(path) => std::path::absolute(path)
                    .map_or_else(|_| c.key(), |p| p.to_string_lossy().into_owned()),
                _ => c.key(),
            };
            matching.contains(&key)
        })
        .collect())
}

/// Library files that are not articles and folders that could not be walked: said as the
/// library screen would mark them, the first few and a count, and no failure of the export.
pub(super) struct Skipped {
    all: bool,
    count: usize,
}

impl Skipped {
    pub(super) fn new(all: bool) -> Skipped {
        Skipped { all, count: 0 }
    }

    pub(super) fn add(&mut self, line: String) {
        self.count += 1;
        if self.all || self.count <= SHOWN {
            eprintln!("lede: {line}");
        }
    }

    pub(super) fn finish(&self) {
        let rest = self.count.saturating_sub(SHOWN);
        if rest > 0 && !self.all {
            let noun = if rest == 1 { "problem" } else { "problems" };
            eprintln!(
                "lede: … and {} more {noun} (--warnings shows all)",
                grouped(rest)
            );
        }
    }
}

/// `--since`: a date or time (UTC), `today`, `yesterday`, or an age (`3d`, `12h`, `30min`); in seconds
/// since the epoch.
pub fn parse_since(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let now = time::now();
    let midnight = now - now.rem_euclid(86_400);
    match text {
        "today" => return Ok(midnight),
        "yesterday" => return Ok(midnight - 86_400),
        _ => {}
    }
    let age = |unit: &str, secs: i64| {
        text.strip_suffix(unit)
            .and_then(|n| n.trim().parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .map(|n| now - n.saturating_mul(secs))
    };
    let ages = [("min", 60), ("d", 86_400), ("h", 3600)];
    if let Some(at) = ages.iter().find_map(|&(unit, secs)| age(unit, secs)) {
        return Ok(at);
    }
    let stamp = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        text.to_owned()
    };
    let zone = stamp.get(19..).unwrap_or("");
    let zone = zone.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
    if !matches!(zone, "" | "Z" | "z" | "+00:00") {
        return Err("times are in UTC: end one with Z".to_owned());
    }
    time::parse_rfc3339(&stamp).ok_or_else(|| {
        "not a date: 2026-12-03, 2026-12-03T06:00:00Z, today, yesterday, 3d, 12h or 30min"
            .to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_takes_dates_times_days_and_ages() {
        assert_eq!(parse_since("2025-11-25"), Ok(1_764_028_800));
        assert_eq!(parse_since("2025-11-25T21:55:10Z"), Ok(1_764_107_710));
        let now = time::now();
        assert_eq!(parse_since("today").map(|t| t % 86_400), Ok(0));
        assert!(parse_since("today").unwrap() <= now);
        assert_eq!(
            parse_since("today").unwrap() - parse_since("yesterday").unwrap(),
            86_400
        );
        let three_days = parse_since("3d").unwrap();
        assert!((now - 3 * 86_400 - three_days).abs() <= 1);
        assert!(parse_since("12h").unwrap() > three_days);
        assert!((now - 1800 - parse_since("30min").unwrap()).abs() <= 1);
        assert!(parse_since("2025-11-25T21:55:10+02:00").is_err());
        assert!(parse_since("last week").is_err());
        assert!(parse_since("-3d").is_err());
    }
}
