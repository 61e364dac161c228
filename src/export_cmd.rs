//! `lede export`: which articles (files and folders named, or the library, filtered by read
//! state, date and words), where to (a file, written whole or not at all, or standard
//! output), then each article parsed, written and let go, one at a time.

use crate::article::identity::Identity;
use crate::article::{self, Article, Source};
use crate::commands::{Error, Outcome};
use crate::export::epub::{Book, Epub};
use crate::export::html::Page;
use crate::export::markdown::Markdown;
use crate::export::{Exporter, Format};
use crate::library::{configured_roots, walk, FoundFile};
use crate::store::{time, ReadState, Seen, Store};
use crate::warnings::{grouped, SHOWN};
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Seek, Write};
use std::path::{Path, PathBuf};

/// The forms as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Form {
    /// Markdown (CommonMark with GFM tables)
    #[value(alias = "markdown")]
    Md,
    /// One self-contained HTML page
    #[value(alias = "htm")]
    Html,
    /// An EPUB 3 e-book
    Epub,
}

impl From<Form> for Format {
    fn from(form: Form) -> Format {
        match form {
            Form::Md => Format::Markdown,
            Form::Html => Format::Html,
            Form::Epub => Format::Epub,
        }
    }
}

/// `lede export`'s own flags.
#[derive(Debug, Clone, clap::Args)]
pub struct Args {
    /// Articles and folders (`-` for standard input); none: the library (--library DIR, else
    /// LEDE_LIBRARY, else the config's library), newest first
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The form: md, html or epub (default: from OUT's name)
    #[arg(long, value_enum, value_name = "FORM")]
    pub to: Option<Form>,
    /// Where to write (`-` for standard output, the default when it is not a terminal); the
    /// file is replaced only once it is whole
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Only the articles not read yet (new, part-read, or changed since read)
    #[arg(long)]
    pub unread: bool,
    /// Only the files changed since DATE: 2026-12-03, 2026-12-03T06:00:00Z (UTC), today,
    /// yesterday, 3d, 12h or 30min (ago)
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<i64>,
    /// Only the articles with every one of WORDS in one part (as `lede search` finds them)
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    /// Mark the articles written read, once the output is whole
    #[arg(long)]
    pub mark_read: bool,
    /// The title of the page or book (default: the article's; the library's: "The paper of DATE")
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

/// What `lede export` was asked, with the options every command takes.
#[derive(Debug, Clone)]
pub struct Request {
    pub args: Args,
    /// The `--library` flags.
    pub library: Vec<PathBuf>,
    /// The config's `library`, after the flags and `LEDE_LIBRARY`.
    pub config_library: Vec<PathBuf>,
    pub max_size: u64,
    pub all_warnings: bool,
}

/// An article to export, as found.
#[derive(Debug, Clone)]
struct Candidate {
    source: Source,
    /// Modification time, nanoseconds since the epoch (now for standard input).
    modified: i64,
    /// Named on the command line: a failure to read it fails the command, as `cat`'s would.
    named: bool,
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

/// Where the export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Out {
    Stdout,
    File(PathBuf),
}

pub fn export(request: &Request) -> Result<Outcome, Error> {
    let args = &request.args;
    let format = format_of(args)?;
    let out = destination(args, format)?;
    let made = made_at();
    let mut skipped = Skipped::new(request.all_warnings);
    let (mut candidates, from_library) = candidates(request, &mut skipped)?;
    if let Some(since) = args.since {
        let since = since.saturating_mul(1_000_000_000);
        candidates.retain(|c| c.modified >= since);
    }
    if let Some(words) = &args.search {
        candidates = searched(request, words, candidates)?;
    }
    let needs_store = args.unread || args.mark_read;
    let mut store = if needs_store {
        Some(open_store()?)
    } else {
        None
    };
    let marks = match (&store, args.unread) {
        (Some(store), true) => store
            .marks()
            .map_err(|e| Error::Store(format!("the read state could not be read: {e}")))?,
        _ => HashMap::new(),
    };
    let title = args
        .title
        .clone()
        .or_else(|| from_library.then(|| format!("The paper of {}", &time::rfc3339(made)[..10])));
    let mut sink = Sink::open(&out, format, title, made)?;
    let mut exporter = sink.exporter()?;
    let progress = Progress::new(candidates.len());
    let mut written: Vec<Seen> = Vec::new();
    let mut count = 0;
    let mut failed = false;
    for (i, candidate) in candidates.iter().enumerate() {
        progress.show(i);
        let exported = article::parsed_limited(&candidate.source, request.max_size, |a| {
            let identity = needs_store.then(|| Identity::of(a));
            if let Some(identity) = identity.as_ref().filter(|_| args.unread) {
                let read = marks
                    .get(&identity.fingerprint)
                    .is_some_and(|m| m.state == ReadState::Read);
                if read {
                    return Ok(false);
                }
            }
            exporter.article(a)?;
            if let Some(identity) = identity.filter(|_| args.mark_read) {
                written.push(seen(a, identity, &candidate.source));
            }
            Ok(true)
        });
        match exported {
            Ok((Ok(was_written), warnings)) => {
                count += usize::from(was_written);
                if candidate.named {
                    crate::warnings::report(
                        &candidate.source.name(),
                        &warnings,
                        request.all_warnings,
                    );
                }
            }
            Ok((Err(e), _)) => {
                progress.clear();
                return Err(sink.failed(e));
            }
            Err(e) if candidate.named => {
                progress.clear();
                eprintln!("lede: {e}");
                failed = true;
            }
            Err(e) => skipped.add(format!("{e}; not exported")),
        }
    }
    progress.clear();
    skipped.finish();
    if count == 0 {
        drop(exporter);
        if failed {
            return Ok(Outcome::SomeFailed);
        }
        eprintln!("lede: nothing to export: {}", nothing_because(args));
        return Ok(Outcome::NothingFound);
    }
    exporter.finish().map_err(|e| sink.failed(e))?;
    sink.complete()?;
    if let Some(store) = store.as_mut().filter(|_| args.mark_read) {
        store.set_read_many(&written, true).map_err(|e| {
            Error::Store(format!(
                "the articles were written but could not be marked read: {e}"
            ))
        })?;
    }
    Ok(if failed {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    })
}

/// The form asked for, else the one OUT's name ends with.
fn format_of(args: &Args) -> Result<Format, Error> {
    if let Some(form) = args.to {
        return Ok(form.into());
    }
    let ending = args
        .output
        .as_deref()
        .and_then(Path::extension)
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ending.as_deref() {
        Some("md" | "markdown") => Ok(Format::Markdown),
        Some("html" | "htm") => Ok(Format::Html),
        Some("epub") => Ok(Format::Epub),
        _ => Err(Error::Usage(
            "export: which form? --to md, --to html or --to epub".to_owned(),
        )),
    }
}

/// Where to write: `-o`'s file or standard output; a terminal takes no book it did not ask for.
fn destination(args: &Args, format: Format) -> Result<Out, Error> {
    let to_terminal = io::stdout().is_terminal();
    match args.output.as_deref() {
        Some(path) if path.as_os_str() == "-" => {
            if format == Format::Epub && to_terminal {
                return Err(Error::Usage(
                    "export: an EPUB is not for a terminal: -o FILE.epub, or redirect standard output"
                        .to_owned(),
                ));
            }
            Ok(Out::Stdout)
        }
        Some(path) if path.is_dir() => Err(Error::Usage(format!(
            "export: {}: a folder; -o names the file to write",
            Source::File(path.to_path_buf()).name()
        ))),
        Some(path) => Ok(Out::File(path.to_path_buf())),
        None if to_terminal => Err(Error::Usage(format!(
            "export: standard output is a terminal: -o FILE.{} says where to write{}",
            format.extension(),
            if format == Format::Epub {
                ""
            } else {
                " (-o - writes here)"
            }
        ))),
        None => Ok(Out::Stdout),
    }
}

/// When the book says it was made: `SOURCE_DATE_EPOCH` when set (reproducible builds'
/// convention, so the same articles make the same file), else now.
fn made_at() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(time::now)
}

/// The articles to export, in order, and whether they are the library's.
fn candidates(request: &Request, skipped: &mut Skipped) -> Result<(Vec<Candidate>, bool), Error> {
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
fn searched(
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

fn open_store() -> Result<Store, Error> {
    let opened = Store::open_default();
    for notice in &opened.notices {
        eprintln!("lede: {notice}");
    }
    opened.store.ok_or_else(|| {
        Error::Store("--unread and --mark-read need the store, and there is none".to_owned())
    })
}

/// What the store records of an article written, to mark it read: its path as the reader
/// keeps it.
fn seen(a: &Article<&str>, identity: Identity, source: &Source) -> Seen {
    Seen {
        identity,
        title: a.title.to_owned(),
        path: crate::tui::memory::path_hint(source),
        words: a.word_count(),
    }
}

/// Why nothing was exported, in the words of what was asked.
fn nothing_because(args: &Args) -> &'static str {
    if args.unread || args.since.is_some() || args.search.is_some() {
        "no article matched"
    } else {
        "no article found"
    }
}

/// Library files that are not articles and folders that could not be walked: said as the
/// library screen would mark them, the first few and a count, and no failure of the export.
struct Skipped {
    all: bool,
    count: usize,
}

impl Skipped {
    fn new(all: bool) -> Skipped {
        Skipped { all, count: 0 }
    }

    fn add(&mut self, line: String) {
        self.count += 1;
        if self.all || self.count <= SHOWN {
            eprintln!("lede: {line}");
        }
    }

    fn finish(&self) {
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

/// `exporting 3,200/10,000…` on a terminal's stderr while a big export goes on.
struct Progress {
    total: usize,
    shown: bool,
}

impl Progress {
    const EVERY: usize = 256;

    fn new(total: usize) -> Progress {
        Progress {
            total,
            shown: total > Self::EVERY && io::stderr().is_terminal(),
        }
    }

    fn show(&self, done: usize) {
        if self.shown && done.is_multiple_of(Self::EVERY) {
            eprint!(
                "\r\x1b[Klede: exporting {}/{}…",
                grouped(done),
                grouped(self.total)
            );
        }
    }

    fn clear(&self) {
        if self.shown {
            eprint!("\r\x1b[K");
        }
    }
}

/// Where the bytes go while they are written: a file beside OUT that takes its name once it
/// is whole (a failed export leaves the old OUT as it was), an unnamed file that becomes
/// standard output for an EPUB (a zip is written out of order), or standard output itself.
struct Sink {
    format: Format,
    title: Option<String>,
    made: i64,
    target: Target,
}

enum Target {
    File {
        path: PathBuf,
        part: tempfile::NamedTempFile,
    },
    SpooledStdout(File),
    Stdout,
}

/// Output is written in blocks of this size.
const OUT_BUFFER: usize = 256 << 10;

impl Sink {
    fn open(out: &Out, format: Format, title: Option<String>, made: i64) -> Result<Sink, Error> {
        let target = match out {
            Out::File(path) => {
                let dir = match path.parent() {
                    Some(dir) if !dir.as_os_str().is_empty() => dir,
                    _ => Path::new("."),
                };
                let name = path
                    .file_name()
                    .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
                let prefix = format!(".{name}.");
                let mut builder = tempfile::Builder::new();
                builder.prefix(&prefix).suffix(".part");
                // as `File::create` makes it (what the umask leaves of rw for all), not private
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt;
                    builder.permissions(std::fs::Permissions::from_mode(0o666));
                }
                let part = builder
                    .tempfile_in(dir)
                    .map_err(|e| cannot_write(path, &e))?;
                Target::File {
                    path: path.clone(),
                    part,
                }
            }
            Out::Stdout if format == Format::Epub => {
                Target::SpooledStdout(tempfile::tempfile().map_err(Error::Output)?)
            }
            Out::Stdout => Target::Stdout,
        };
        Ok(Sink {
            format,
            title,
            made,
            target,
        })
    }

    /// The writer of the form asked for, over this sink.
    fn exporter(&mut self) -> Result<Box<dyn Exporter>, Error> {
        let file = match &self.target {
            Target::File { part, path } => Some(
                part.as_file()
                    .try_clone()
                    .map_err(|e| cannot_write(path, &e))?,
            ),
            Target::SpooledStdout(file) => Some(file.try_clone().map_err(Error::Output)?),
            Target::Stdout => None,
        };
        let made = self.made;
        let title = self.title.clone();
        let built: io::Result<Box<dyn Exporter>> = match (self.format, file) {
            (Format::Epub, Some(file)) => {
                let out = BufWriter::with_capacity(OUT_BUFFER, file);
                Epub::new(out, Book { title, made }).map(|e| Box::new(e) as Box<dyn Exporter>)
            }
            (Format::Epub, None) => unreachable!("an EPUB is always written to a file first"),
            (Format::Markdown, file) => Ok(Box::new(Markdown::new(writer(file)))),
            (Format::Html, file) => {
                Page::new(writer(file), title).map(|p| Box::new(p) as Box<dyn Exporter>)
            }
        };
        built.map_err(|e| self.failed(e))
    }

    /// A write failed: what to say (a partial file is removed when the sink is dropped).
    fn failed(&self, e: io::Error) -> Error {
        match &self.target {
            Target::File { path, .. } => cannot_write(path, &e),
            _ => Error::Output(e),
        }
    }

    /// Everything is written: the file takes its name, or the spooled book goes to stdout.
    fn complete(self) -> Result<(), Error> {
        match self.target {
            Target::File { path, part } => {
                part.persist(&path)
                    .map_err(|e| cannot_write(&path, &e.error))?;
                Ok(())
            }
            Target::SpooledStdout(mut file) => {
                let mut out = io::stdout().lock();
                file.rewind()
                    .and_then(|()| io::copy(&mut file, &mut out))
                    .and_then(|_| out.flush())
                    .map_err(Error::Output)
            }
            Target::Stdout => Ok(()),
        }
    }
}

/// A buffered writer to the file, or to standard output.
fn writer(file: Option<File>) -> Box<dyn Write> {
    match file {
        Some(file) => Box::new(BufWriter::with_capacity(OUT_BUFFER, file)),
        None => Box::new(BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock())),
    }
}

fn cannot_write(path: &Path, e: &io::Error) -> Error {
    let why = match e.kind() {
        io::ErrorKind::NotFound => "no such folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => e.to_string(),
    };
    Error::Store(format!(
        "{}: cannot write: {why}",
        Source::File(path.to_path_buf()).name()
    ))
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
