//! `lede export`: which articles (files and folders named, or the library, filtered by read
//! state, date and words: `select`), where to (a file, written whole or not at all, or standard
//! output: `sink`), then each article parsed, written and let go, one at a time.

mod select;
mod sink;

pub use select::parse_since;

use crate::article::identity::Identity;
use crate::article::{self, Article, Source};
use crate::commands::{Error, Outcome};
use crate::export::Format;
use crate::store::{time, ReadState, Seen, Store};
use crate::warnings::grouped;
use select::{candidates, searched, Skipped};
use sink::{destination, Sink};
use std::collections::HashMap;
use std::io::{self, IsTerminal};
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
    /// Mark the articles' highlights in the text (Markdown: ==words==, their notes as
    /// footnotes)
    #[arg(long)]
    pub highlights: bool,
    /// Only articles with this tag (repeatable: all of them)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
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
    let needs_store = args.unread || args.mark_read || args.highlights || !args.tags.is_empty();
    let mut store = if needs_store {
        Some(open_store()?)
    } else {
        None
    };
    // the highlights of every article, and the tags asked for, by fingerprint
    let highlights: HashMap<String, Vec<crate::store::Highlight>> = match (&store, args.highlights)
    {
        (Some(store), true) => {
            let mut by: HashMap<String, Vec<crate::store::Highlight>> = HashMap::new();
            let rows = store
                .all_highlights()
                .map_err(|e| Error::Store(format!("the highlights could not be read: {e}")))?;
            for row in rows {
                by.entry(row.article.fingerprint)
                    .or_default()
                    .push(row.highlight);
            }
            by
        }
        _ => HashMap::new(),
    };
    let tagged: HashMap<String, Vec<String>> = match (&store, args.tags.is_empty()) {
        (Some(store), false) => store
            .all_tags()
            .map_err(|e| Error::Store(format!("the tags could not be read: {e}")))?,
        _ => HashMap::new(),
    };
    let wanted: Vec<String> = args
        .tags
        .iter()
        .filter_map(|t| crate::store::tags::normalise(t))
        .collect();
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
            if let Some(identity) = identity.as_ref().filter(|_| !wanted.is_empty()) {
                let has = tagged.get(&identity.fingerprint);
                if !wanted.iter().all(|t| has.is_some_and(|h| h.contains(t))) {
                    return Ok(false);
                }
            }
            match identity
                .as_ref()
                .and_then(|i| highlights.get(&i.fingerprint))
            {
                Some(list) => exporter.marked(a, &crate::export::marked::Marked::of(a, list))?,
                None => exporter.article(a)?,
            }
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

/// Writes `sources` in `format` to the file at `path` (whole, or not at all), for the
/// reader's `:export`: how many articles went in, or one line saying why none could. A
/// source that is no article is left out.
pub fn write_to(
    sources: &[Source],
    format: Format,
    path: &std::path::Path,
    title: Option<String>,
    max_size: u64,
) -> Result<usize, String> {
    let mut sink = Sink::open(
        &sink::Out::File(path.to_path_buf()),
        format,
        title,
        made_at(),
    )
    .map_err(|e| e.to_string())?;
    let mut exporter = sink.exporter().map_err(|e| e.to_string())?;
    let mut count = 0;
    for source in sources {
        match article::parsed_limited(source, max_size, |a| exporter.article(a)) {
            Ok((Ok(()), _)) => count += 1,
            Ok((Err(e), _)) => return Err(sink.failed(e).to_string()),
            Err(_) => {}
        }
    }
    if count == 0 {
        return Err("nothing to export: no article among them".to_owned());
    }
    exporter.finish().map_err(|e| sink.failed(e).to_string())?;
    sink.complete().map_err(|e| e.to_string())?;
    Ok(count)
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

/// When the book says it was made: `SOURCE_DATE_EPOCH` when set (reproducible builds'
/// convention, so the same articles make the same file), else now.
fn made_at() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(time::now)
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
