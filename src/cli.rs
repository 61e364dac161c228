//! The command line, as clap derive types.

use clap::builder::TypedValueParser;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// A terminal reader for structured news articles.
///
/// With no FILE, opens the library: the --library folders, else LEDE_LIBRARY, else the
/// config's library, else the bundled sample articles; `cat a.txt | lede` reads the pipe.
/// With stdout not a terminal, `lede FILE` (and the pipe) prints the article as
/// `lede print FILE` does.
#[derive(Debug, Parser)]
#[command(
    name = "lede",
    version,
    about,
    after_help = "Keys in the reader: press ? there for all of them, or run `lede keys`; `lede man` is the manual."
)]
pub struct Cli {
    /// Article files to read (`.txt` in the lede format or `.json`); `-` reads standard input
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Refuse articles larger than SIZE (such as 512M or 2G; default 256M)
    #[arg(long, global = true, value_name = "SIZE", value_parser = crate::article::size::parse_size)]
    pub max_size: Option<u64>,

    /// Show every warning (by default the first 20 and a count of the rest)
    #[arg(long, global = true)]
    pub warnings: bool,

    /// A library folder to open or search (repeatable; else LEDE_LIBRARY, folders separated by
    /// `:`); with no DIR, the library in effect
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        num_args = 0..=1,
        default_missing_value = "",
        value_parser = clap::builder::OsStringValueParser::new().map(PathBuf::from)
    )]
    pub library: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print shell completions for bash, zsh, fish, elvish or powershell
    Completions {
        #[arg(value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `lede man | man -l -`
    Man,
    /// Print the reader's key map in effect (config.toml's [keys] on top of the defaults)
    Keys,
    /// List bookmarks (a plain table; --json or --markdown), or import an export
    Bookmarks {
        /// Print as JSON, the form `lede bookmarks import` reads
        #[arg(long, conflicts_with = "markdown")]
        json: bool,
        /// Print as a Markdown document grouped by article
        #[arg(long)]
        markdown: bool,
        #[command(subcommand)]
        action: Option<BookmarksAction>,
    },
    /// Print the config in effect (as TOML) and the file it was read from
    Config,
    /// Write articles as Markdown, one HTML page or an EPUB book: FILEs and folders, or the
    /// library (newest first) when none is given
    #[command(after_help = EXPORT_EXAMPLES)]
    Export(crate::export_cmd::Args),
    /// Print the parsed article as JSON
    Parse {
        /// The article (`-` for standard input)
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the article as wrapped plain text
    Print {
        /// The articles (`-` for standard input), printed one after another as `cat` would
        #[arg(value_name = "FILE", required = true)]
        files: Vec<PathBuf>,
        /// Wrap to N columns (default: the reader's measure, 80, or the terminal's width if narrower)
        #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
    },
    /// Search the articles of the library (or of PATHs) for words: one line per hit; exit 1
    /// when nothing matched
    Search {
        /// The words to find, all of them (each also as the start of a longer word)
        #[arg(value_name = "QUERY")]
        query: String,
        /// Files or folders to search (default: the library folders, else the current folder)
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Print the hits as a JSON array
        #[arg(long)]
        json: bool,
        /// Print at most N hits
        #[arg(long, value_name = "N", default_value_t = 50)]
        limit: usize,
        /// Only articles with this tag (repeatable: all of them)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// Tag an article (its tags follow it through a move or a rename), then print its tags
    Tag {
        /// The article
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Tags: words such as ukraine, to-read, friday
        #[arg(value_name = "TAG", required = true)]
        tags: Vec<String>,
        /// Take these tags away instead
        #[arg(long)]
        remove: bool,
    },
    /// List the tags in use, each with its count of articles
    Tags {
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// List the library's files that arrived since the reader last opened it; exit 1 when
    /// none did
    New {
        /// Print as JSON
        #[arg(long)]
        json: bool,
    },
    /// Sync bookmarks, highlights, positions and read marks with other machines through a
    /// folder that Syncthing, git or any file sync carries
    Sync {
        #[command(subcommand)]
        action: SyncAction,
    },
}

#[derive(Debug, Subcommand)]
pub enum SyncAction {
    /// Sync through DIR (made if missing; kept in the data folder), now and from now on
    Init {
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Show this machine, the others seen, when each last wrote, what waits and what was skipped
    Status,
    /// Merge what the other machines wrote and write this machine's changes, without the reader
    Now,
}

const EXPORT_EXAMPLES: &str = "Examples:
  lede export a.txt --to md > a.md
  lede export a.txt b.txt --to html -o news.html
  lede export --library --unread --since today --to epub -o paper.epub --mark-read";

#[derive(Debug, Subcommand)]
pub enum BookmarksAction {
    /// Merge bookmarks exported with `lede bookmarks --json` (nothing duplicated, nothing lost)
    Import {
        /// The JSON file (`-` for standard input)
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}
