//! What each command does: load, then print JSON, print text, or open the reader.

use crate::article::{self, plain::to_plain_text, LoadError, Loaded, Source};
use crate::cli::{Cli, Command};
use crate::samples::SAMPLES;
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
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Load(e) => e.fmt(f),
            Error::Output(e) => write!(f, "cannot write output: {e}"),
            Error::Terminal(e) => write!(f, "terminal error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        Error::Load(e)
    }
}

pub fn run(cli: Cli) -> Result<(), Error> {
    let result = match cli.command {
        Some(Command::Parse { file }) => parse(file),
        Some(Command::Print { file, width }) => {
            let loaded = load_reporting(&Source::from_arg(&file))?;
            print(&[loaded], width.map(usize::from))
        }
        None => read(cli.files),
    };
    match result {
        // a closed pipe (`lede print x | head`) is the reader's choice, not an error
        Err(Error::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Loads an article, printing its warnings on stderr.
fn load_reporting(source: &Source) -> Result<Loaded, Error> {
    let loaded = article::load(source)?;
    for warning in &loaded.warnings {
        eprintln!("lede: warning: {}: {warning}", source.name());
    }
    Ok(loaded)
}

fn parse(file: PathBuf) -> Result<(), Error> {
    let loaded = load_reporting(&Source::from_arg(&file))?;
    let json = serde_json::to_string_pretty(&loaded.article).expect("the model always serialises");
    let mut out = io::stdout().lock();
    writeln!(out, "{json}")
        .and_then(|()| out.flush())
        .map_err(Error::Output)
}

fn print(articles: &[Loaded], width: Option<usize>) -> Result<(), Error> {
    let width = width.unwrap_or_else(terminal_width);
    let mut out = io::BufWriter::new(io::stdout().lock());
    for (i, loaded) in articles.iter().enumerate() {
        if i > 0 {
            writeln!(out).map_err(Error::Output)?;
        }
        out.write_all(to_plain_text(&loaded.article, width).as_bytes())
            .map_err(Error::Output)?;
    }
    out.flush().map_err(Error::Output)
}

fn terminal_width() -> usize {
    if io::stdout().is_terminal() {
        if let Ok((columns, _)) = ratatui::crossterm::terminal::size() {
            return usize::from(columns.max(1));
        }
    }
    DEFAULT_WIDTH
}

/// `lede [FILE...]`: the reader on a terminal, plain text into a pipe.
fn read(files: Vec<PathBuf>) -> Result<(), Error> {
    let sources: Vec<Source> = if files.is_empty() {
        SAMPLES
            .iter()
            .map(|s| Source::Bundled(s.name.to_owned()))
            .collect()
    } else {
        files.iter().map(|f| Source::from_arg(f)).collect()
    };
    let articles = sources
        .iter()
        .map(load_reporting)
        .collect::<Result<Vec<_>, _>>()?;
    if io::stdout().is_terminal() {
        crate::tui::run(articles).map_err(Error::Terminal)
    } else {
        print(&articles, None)
    }
}
