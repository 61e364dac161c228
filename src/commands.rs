//! What each command does: load, then print JSON, print text, or open the reader.

use crate::article::{self, plain::write_plain, LoadError, Opened, Source};
use crate::cli::{BookmarksAction, Cli, Command};
use crate::library::scan::Target;
use crate::library::FoundFile;
use crate::samples::SAMPLES;
use crate::store::{Export, Store};
use crate::tui::{Loading, Opening, Start};
use std::fmt;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// Width used for `lede print` when stdout is not a terminal.
const DEFAULT_WIDTH: usize = 80;

/// Why a command failed; shown as one line after `lede: `.
#[derive(Debug)]
pub enum Error {
    Load(LoadError),
    Output(io::Error),
    Terminal(io::Error),
    /// The bookmarks store could not be used; the message says why.
    Store(String),
    /// The command line asks for something impossible (exit code 2).
    Usage(String),
}

/// The store a command works on, its notices said on stderr; without one, "no store to
/// `purpose`".
pub fn open_store(purpose: &str) -> Result<Store, Error> {
    let opened = Store::open_default();
    for notice in &opened.notices {
        eprintln!("lede: {notice}");
    }
    opened
        .store
        .ok_or_else(|| Error::Store(format!("no store to {purpose}")))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(e) => e.fmt(f),
            Error::Output(e) => write!(f, "cannot write output: {e}"),
            Error::Terminal(e) => write!(f, "terminal error: {e}"),
            Error::Store(why) | Error::Usage(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The process exit code: 2 for a usage error, as clap's own, else 1.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Success,
    /// Some files could not be read (each already reported); the others were printed.
    SomeFailed,
    /// A search found nothing (exit 1, as grep).
    NothingFound,
    /// The reader was stopped by a signal.
    Signal(i32),
}

impl Outcome {
    /// The process exit code: 0, 1, or 128 + the signal, as shells report it.
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::SomeFailed | Outcome::NothingFound => 1,
            Outcome::Signal(signal) => u8::try_from(128 + signal).unwrap_or(1),
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome, Error> {
    let how = Loading {
        max_size: cli.max_size.unwrap_or(article::DEFAULT_MAX_SIZE),
        all_warnings: cli.warnings,
    };
    let result = match cli.command {
        Some(Command::Parse { file }) => parse(file, how).map(|()| Outcome::Success),
        Some(Command::Config) => show_config().map(|()| Outcome::Success),
        Some(Command::Bookmarks {
            json,
            markdown,
            action,
        }) => bookmarks(json, markdown, action),
        Some(Command::Print { files, width }) => {
            crate::article::wrap::set_fit(crate::config::load().config.wrap);
            let sources: Vec<Source> = files.iter().map(|f| Source::from_arg(f)).collect();
            print_each(&sources, how, width.map(usize::from))
        }
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "lede", &mut io::stdout());
            Ok(Outcome::Success)
        }
        Some(Command::Keys) => {
            let (keys, problems) =
                crate::tui::bindings::Bindings::from_config(&crate::config::load());
            for problem in &problems {
                eprintln!("lede: {problem}");
            }
            let mut out = io::stdout().lock();
            out.write_all(keys.listing().as_bytes())
                .and_then(|()| out.flush())
                .map_err(Error::Output)?;
            Ok(if problems.is_empty() {
                Outcome::Success
            } else {
                Outcome::SomeFailed
            })
        }
        Some(Command::Man) => {
            let mut out = io::BufWriter::new(io::stdout().lock());
            crate::man::render(&mut out)
                .and_then(|()| out.flush())
                .map(|()| Outcome::Success)
                .map_err(Error::Output)
        }
        Some(Command::Tag { file, tags, remove }) => {
            crate::tag_cmd::tag(&file, &tags, remove, how.max_size)
        }
        Some(Command::Tags { json }) => crate::tag_cmd::list(json),
        Some(Command::New { json }) => {
            let config = config_for_the_library();
            let mut roots = crate::library::configured_roots(&cli.library);
            if roots.is_empty() {
                roots.clone_from(&config.config.library);
            }
            if roots.is_empty() {
                return Err(Error::Usage(
                    "no library: --library DIR, LEDE_LIBRARY or library in config.toml".to_owned(),
                ));
            }
            crate::tag_cmd::new(roots, json, how.max_size, how.all_warnings)
        }
        Some(Command::Search {
            query,
            paths,
            json,
            limit,
            tags,
        }) => {
            let config = config_for_the_library();
            crate::search_cmd::search(&crate::search_cmd::Request {
                query,
                paths,
                tags,
                library: cli.library.clone(),
                config_library: config.config.library,
                all_warnings: how.all_warnings,
                json,
                limit,
                max_size: how.max_size,
            })
        }
        Some(Command::Sync { action }) => crate::sync::cli::run(action),
        Some(Command::Export(args)) => {
            let config = config_for_the_library();
            crate::export_cmd::export(&crate::export_cmd::Request {
                args,
                library: cli.library.clone(),
                config_library: config.config.library,
                max_size: how.max_size,
                all_warnings: how.all_warnings,
            })
        }
        None => read(cli.files, &cli.library, how),
    };
    match result {
        // a closed pipe (`lede print x | head`) is the reader's choice, not an error
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(Outcome::Success),
        other => other,
    }
}

/// The config, its problem said on stderr, and the library's walk set to its options: what
/// every command that walks a library starts with.
fn config_for_the_library() -> crate::config::Loaded {
    let config = crate::config::load();
    if let Some(problem) = &config.problem {
        eprintln!("lede: {problem}");
    }
    crate::library::walk::configure(config.config.walk_options());
    crate::article::wrap::set_fit(config.config.wrap);
    config
}

/// Prints a loaded article's warnings on stderr.
fn report(source: &Source, warnings: &[article::Warning], how: Loading) {
    crate::warnings::report(&source.name(), warnings, how.all_warnings);
}

/// `lede parse`: the article as JSON, written as it is serialised.
fn parse(file: PathBuf, how: Loading) -> Result<(), Error> {
    let source = Source::from_arg(&file);
    let (written, warnings) = article::parsed_limited(&source, how.max_size, |article| {
        let mut out = io::BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock());
        serde_json::to_writer_pretty(&mut out, article)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
            .and_then(|()| out.flush())
    })?;
    report(&source, &warnings, how);
    written.map_err(Error::Output)
}

/// Output is written in blocks of this size: a big article is many megabytes of it.
const OUT_BUFFER: usize = 256 << 10;

/// `lede print` of one article's document.
fn print_doc(doc: &article::document::Document, width: Option<usize>) -> Result<(), Error> {
    let width = width.unwrap_or_else(terminal_width);
    let mut out = io::BufWriter::with_capacity(OUT_BUFFER, io::stdout().lock());
    write_plain(doc, width, &mut out)
        .and_then(|()| out.flush())
        .map_err(Error::Output)
}

/// The reader's measure on a terminal (narrower when the terminal is), else 80.
fn terminal_width() -> usize {
    if io::stdout().is_terminal() {
        if let Ok((columns, _)) = ratatui::crossterm::terminal::size() {
            return usize::from(columns.max(1)).min(DEFAULT_WIDTH);
        }
    }
    DEFAULT_WIDTH
}

/// `lede config`: the config in effect as TOML, after a comment saying where it came from.
fn show_config() -> Result<(), Error> {
    let loaded = crate::config::load();
    if let Some(problem) = &loaded.problem {
        eprintln!("lede: {problem}");
    }
    // the [keys] table is read by the key map: its problems are said as `lede keys` says them
    let (_, key_problems) = crate::tui::bindings::Bindings::from_config(&loaded);
    for problem in &key_problems {
        eprintln!("lede: {problem}");
    }
    let source = match (&loaded.path, crate::config::path()) {
        (Some(path), _) if loaded.problem.is_some() => {
            format!("# {} could not be used; the defaults", path.display())
        }
        (Some(path), _) => format!("# read from {}", path.display()),
        (None, Some(looked)) => format!("# no config file at {}; the defaults", looked.display()),
        (None, None) => "# no config folder on this system; the defaults".to_owned(),
    };
    let mut out = io::stdout().lock();
    writeln!(out, "{source}\n{}", loaded.config.to_toml())
        .and_then(|()| out.flush())
        .map_err(Error::Output)
}

/// Files above this size get a "loading" line while they are read.
const BIG_FILE: u64 = 4 << 20;

/// `lede [FILE...]`: the reader on a terminal, plain text into a pipe. Folders, several
/// files, or nothing at all open the library; one file opens that article.
fn read(files: Vec<PathBuf>, library: &[PathBuf], how: Loading) -> Result<Outcome, Error> {
    let config = config_for_the_library();
    let to_terminal = io::stdout().is_terminal();
    let piped_in = files.is_empty() && !io::stdin().is_terminal();
    if piped_in && !to_terminal {
        // `cat a.txt | lede > out.txt` prints, as `lede - > out.txt` does
        return print_each(&[Source::Stdin], how, None);
    }
    let start = if piped_in {
        // `cat a.txt | lede`, as less and glow read a pipe
        Start::Articles(vec![Opening::Whole(load_with_notice(&Source::Stdin, how)?)])
    } else if files.is_empty() {
        let mut roots = crate::library::configured_roots(library);
        if roots.is_empty() {
            roots.clone_from(&config.config.library);
        }
        if !to_terminal {
            if !roots.is_empty() {
                return Err(Error::Store(
                    "the library needs a terminal; lede print or lede search work in a pipe"
                        .to_owned(),
                ));
            }
            let samples: Vec<Source> = SAMPLES
                .iter()
                .map(|s| Source::Bundled(s.name.to_owned()))
                .collect();
            return print_each(&samples, how, None);
        }
        if roots.is_empty() {
            Start::Library(Target::Files(bundled_samples()))
        } else {
            Start::Library(Target::Roots(roots))
        }
    } else {
        let sources: Vec<Source> = files.iter().map(|f| Source::from_arg(f)).collect();
        if !to_terminal {
            return print_each(&sources, how, None);
        }
        let library = files.len() > 1 || files.iter().any(|f| f.is_dir());
        if library && !sources.contains(&Source::Stdin) {
            Start::Library(Target::Roots(files))
        } else {
            let articles = sources
                .iter()
                .map(|source| open_for_reading(source, how))
                .collect::<Result<Vec<_>, _>>()?;
            Start::Articles(articles)
        }
    };
    match crate::tui::run(start, how, &config).map_err(Error::Terminal)? {
        crate::tui::Exit::Quit(notices) => {
            // said in the status bar too; repeated here where it stays readable
            for notice in notices {
                eprintln!("lede: {notice}");
            }
            Ok(Outcome::Success)
        }
        crate::tui::Exit::Signal(signal) => Ok(Outcome::Signal(signal)),
    }
}

/// The bundled samples as library files.
/// The bundled samples as the library lists them.
pub fn bundled_samples() -> Vec<FoundFile> {
    SAMPLES
        .iter()
        .map(|s| FoundFile {
            source: Source::Bundled(s.name.to_owned()),
            rel: s.name.to_owned(),
            size: s.text.len() as u64,
            modified: 0,
        })
        .collect()
}

/// How much of a big file the reader shows while the rest is read.
const HEAD: usize = 512 << 10;

/// An article for the reader: a big file as its beginning at once (the whole follows in the
/// background), anything else whole.
fn open_for_reading(source: &Source, how: Loading) -> Result<Opening, Error> {
    let Source::File(path) = source else {
        return load_with_notice(source, how).map(Opening::Whole);
    };
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size <= BIG_FILE || size > how.max_size {
        return load_with_notice(source, how).map(Opening::Whole);
    }
    let mut head = Vec::with_capacity(HEAD);
    let read = std::fs::File::open(path)
        .and_then(|f| io::Read::read_to_end(&mut io::Read::take(f, HEAD as u64), &mut head));
    if read.is_err() {
        return load_with_notice(source, how).map(Opening::Whole);
    }
    // whole lines only: the last one may go on past the cut
    if let Some(end) = head.iter().rposition(|&b| b == b'\n') {
        head.truncate(end + 1);
    }
    let read = head.len() as u64;
    let opened = article::open_bytes(source.clone(), head);
    // what the parse of the beginning freed is not kept while the whole is read
    crate::heap::give_back();
    match opened {
        Ok(beginning) => Ok(Opening::Head {
            beginning,
            source: source.clone(),
            read,
            whole: size,
        }),
        Err(_) => load_with_notice(source, how).map(Opening::Whole),
    }
}

/// Loads for the reader, saying so on the terminal while a big file takes its time.
fn load_with_notice(source: &Source, how: Loading) -> Result<Opened, Error> {
    let big = match source {
        Source::File(path) => std::fs::metadata(path).is_ok_and(|m| m.len() > BIG_FILE),
        _ => false,
    };
    let notice = big && io::stderr().is_terminal();
    if notice {
        eprint!("lede: loading {}…", source.name());
    }
    let loaded = article::open_limited(source, how.max_size).map_err(Error::Load);
    if let Ok(opened) = &loaded {
        report(source, &opened.warnings, how);
    }
    if notice {
        eprint!("\r\x1b[K");
    }
    loaded
}

/// Prints every article that loads, as `cat` does, reporting the others one line each.
fn print_each(sources: &[Source], how: Loading, width: Option<usize>) -> Result<Outcome, Error> {
    let mut outcome = Outcome::Success;
    let mut printed = 0;
    for source in sources {
        // the separator comes before an article only once it is known to load
        let result = article::document_limited(source, how.max_size)
            .map_err(Error::Load)
            .and_then(|(doc, warnings)| {
                report(source, &warnings, how);
                if printed > 0 {
                    separator(width)?;
                }
                print_doc(&doc, width)
            });
        match result {
            Ok(()) => printed += 1,
            Err(Error::Load(e)) => {
                eprintln!("lede: {e}");
                outcome = Outcome::SomeFailed;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(outcome)
}

/// Between two printed articles: a blank line, a rule, a blank line.
fn separator(width: Option<usize>) -> Result<(), Error> {
    let rule = "─".repeat(width.unwrap_or_else(terminal_width).min(DEFAULT_WIDTH));
    writeln!(io::stdout(), "\n{rule}\n").map_err(Error::Output)
}

/// `lede bookmarks [--json|--markdown]` and `lede bookmarks import FILE`.
fn bookmarks(
    json: bool,
    markdown: bool,
    action: Option<BookmarksAction>,
) -> Result<Outcome, Error> {
    // the file is read first: a missing one is said before the store is touched
    let import = match action {
        Some(BookmarksAction::Import { file }) => {
            let shown = Source::from_arg(&file).name();
            let text = if file.as_os_str() == "-" {
                let mut text = String::new();
                io::Read::read_to_string(&mut io::stdin(), &mut text).map(|_| text)
            } else {
                std::fs::read_to_string(&file)
            }
            .map_err(|e| Error::Store(format!("{shown}: {}", read_failure(&e))))?;
            let export =
                Export::from_json(&text).map_err(|e| Error::Store(format!("{shown}: {e}")))?;
            Some((shown, export))
        }
        None => None,
    };
    let opened = Store::open_default();
    for notice in &opened.notices {
        eprintln!("lede: {notice}");
    }
    let Some(mut store) = opened.store else {
        return Err(Error::Store("no bookmarks store to use".to_owned()));
    };
    if let Some((shown, export)) = import {
        let said = crate::bookmarks_out::import_summary(&mut store, &export, &shown)
            .map_err(|e| Error::Store(format!("{shown}: {e}")))?;
        for line in said {
            eprintln!("lede: {line}");
        }
        return Ok(Outcome::Success);
    }
    let export = store.export();
    let text = if json {
        serde_json::to_string_pretty(&export).expect("the export always serialises") + "\n"
    } else if markdown {
        crate::bookmarks_out::markdown(&export)
    } else {
        crate::bookmarks_out::table(&export)
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Outcome::Success)
}

/// Why a file could not be read, in the words every other message uses.
fn read_failure(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::IsADirectory => "is a directory, not a bookmarks export".to_owned(),
        io::ErrorKind::InvalidData => "not UTF-8 text, not a bookmarks export".to_owned(),
        _ => format!("cannot be read: {e}"),
    }
}
