//! Reading an article from a file, standard input or bytes: `.txt` in the format, `.json` in the model.

use super::decode::{decode, Fallback, NotText, Stray};
use super::document::{Document, MAX_TEXT};
use super::identity::Identity;
use super::model::Article;
use super::parse::{derived_title, parse_borrowed, Warning};
use super::read::{read_bounded, ReadFail};
use super::sanitize::{sanitize_inline, sanitize_owned};
use super::size::show_size;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
    /// A sample bundled in the binary, by name.
    Bundled(String),
}

impl Source {
    /// `-` means standard input.
    pub fn from_arg(arg: &Path) -> Source {
        if arg.as_os_str() == "-" {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }

    /// A short name for messages and titles, safe to show on a terminal.
    pub fn name(&self) -> String {
        match self {
            Source::File(path) => visible(&path.display().to_string()),
            Source::Stdin => "<stdin>".to_owned(),
            Source::Bundled(name) => visible(name),
        }
    }

    fn is_json_by_name(&self) -> bool {
        let name = match self {
            Source::File(path) => path.to_string_lossy().to_string(),
            Source::Bundled(name) => name.clone(),
            Source::Stdin => return false,
        };
        name.to_ascii_lowercase().ends_with(".json")
    }
}

/// `name` with control characters written as escapes: a file name is anyone's choice, and
/// an ESC or a line break in it must neither reach the terminal nor split a one-line error,
/// nor may a direction override reorder the message around it.
fn visible(name: &str) -> String {
    name.chars()
        .map(|c| {
            let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
            if c.is_control() || bidi {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Why an article could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    NotFound,
    IsDirectory,
    PermissionDenied,
    Unreadable(String),
    Empty,
    Binary,
    /// Larger than the limit, in bytes.
    TooBig(u64),
    BadJson(String),
    /// JSON, but with no text in any of the article's fields.
    NotArticle,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotFound => f.write_str("no such file"),
            Reason::IsDirectory => f.write_str("is a directory, not an article file"),
            Reason::PermissionDenied => f.write_str("permission denied"),
            Reason::Unreadable(why) => write!(f, "cannot be read: {why}"),
            Reason::Empty => f.write_str("empty file, no article in it"),
            Reason::Binary => f.write_str("binary data, not an article"),
            Reason::TooBig(limit) if *limit >= MAX_TEXT => {
                write!(f, "larger than the {} lede can hold", show_size(MAX_TEXT))
            }
            Reason::TooBig(limit) => write!(
                f,
                "larger than the {} limit (--max-size raises it)",
                show_size(*limit)
            ),
            Reason::BadJson(why) => write!(f, "not a lede JSON article: {why}"),
            Reason::NotArticle => f.write_str("not a lede article: no title, lead or sections"),
        }
    }
}

/// A load failure, naming the file and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub source: String,
    pub reason: Reason,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.source, self.reason)
    }
}

impl std::error::Error for LoadError {}

/// A loaded article with its origin and its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub source: Source,
    pub article: Article,
    pub warnings: Vec<Warning>,
}

/// Files and streams larger than this are refused unless a larger limit is given.
pub const DEFAULT_MAX_SIZE: u64 = 256 << 20;

/// Reads and parses an article from a file or standard input, up to the default size limit.
pub fn load(source: &Source) -> Result<Loaded, LoadError> {
    load_limited(source, DEFAULT_MAX_SIZE)
}

/// Reads and parses an article, refusing one larger than `max_size` bytes.
pub fn load_limited(source: &Source, max_size: u64) -> Result<Loaded, LoadError> {
    let bytes = read_source(source, max_size)?;
    load_owned(source.clone(), bytes)
}

/// An article ready to read: a document over the text it was read from, so that text is held
/// once; its parts but the sections (the document holds those); who it is.
#[derive(Debug, Clone)]
pub struct Opened {
    pub source: Source,
    pub doc: Document,
    /// The article without its sections: the document holds them.
    pub article: Article,
    pub identity: Identity,
    pub warnings: Vec<Warning>,
}

impl From<Loaded> for Opened {
    fn from(loaded: Loaded) -> Opened {
        Opened {
            doc: Document::new(&loaded.article),
            identity: Identity::of(&loaded.article),
            article: loaded.article.without_sections(),
            source: loaded.source,
            warnings: loaded.warnings,
        }
    }
}

/// Reads an article to be read, refusing one larger than `max_size` bytes: as
/// `load_limited`, without a copy of its text.
pub fn open_limited(source: &Source, max_size: u64) -> Result<Opened, LoadError> {
    let bytes = read_source(source, max_size)?;
    open_bytes(source.clone(), bytes)
}

/// As `open_limited`, of bytes already read.
pub fn open_bytes(source: Source, bytes: Vec<u8>) -> Result<Opened, LoadError> {
    let (doc, warnings, (identity, article)) = document_of(&source, bytes, |article| {
        (Identity::of(article), article.without_sections())
    })?;
    Ok(Opened {
        source,
        doc,
        article,
        identity,
        warnings,
    })
}

/// Reads an article as a document only, refusing one larger than `max_size` bytes: what
/// printing needs.
pub fn document_limited(
    source: &Source,
    max_size: u64,
) -> Result<(Document, Vec<Warning>), LoadError> {
    let bytes = read_source(source, max_size)?;
    let (doc, warnings, ()) = document_of(source, bytes, |_| ())?;
    Ok((doc, warnings))
}

/// Reads and parses an article, refusing one larger than `max_size` bytes, and hands it to
/// `with` with texts borrowed from what was read: `lede parse` writes it out without a copy.
pub fn parsed_limited<T>(
    source: &Source,
    max_size: u64,
    with: impl FnOnce(&Article<&str>) -> T,
) -> Result<(T, Vec<Warning>), LoadError> {
    let bytes = read_source(source, max_size)?;
    let (text, mut warnings) = match decode_text(source, bytes)? {
        Decoded::Json(loaded) => return Ok((with(&loaded.article.borrowed()), loaded.warnings)),
        Decoded::Text(text, warnings) => (text, warnings),
    };
    let article = parse_text(source, &text, &mut warnings)?;
    Ok((with(&article), warnings))
}

/// Parses decoded text, its warnings added to `warnings`; text with nothing in it is an error.
fn parse_text<'a>(
    source: &Source,
    text: &'a str,
    warnings: &mut Vec<Warning>,
) -> Result<Article<&'a str>, LoadError> {
    let parsed = parse_borrowed(text);
    if parsed.article.texts().all(|t| t.trim().is_empty()) {
        return Err(LoadError {
            source: source.name(),
            reason: Reason::Empty,
        });
    }
    warnings.extend(parsed.warnings);
    Ok(parsed.article)
}

/// The document of an article read as `bytes`, its warnings, and what `also` makes of the
/// parsed article while it is at hand.
fn document_of<T>(
    source: &Source,
    bytes: Vec<u8>,
    also: impl FnOnce(&Article<&str>) -> T,
) -> Result<(Document, Vec<Warning>, T), LoadError> {
    let (text, mut warnings) = match decode_text(source, bytes)? {
        Decoded::Json(loaded) => {
            let more = also(&loaded.article.borrowed());
            return Ok((Document::new(&loaded.article), loaded.warnings, more));
        }
        Decoded::Text(text, warnings) => (text, warnings),
    };
    let (doc, more) =
        Document::from_source(text, |text| match parse_text(source, text, &mut warnings) {
            Ok(article) => {
                let more = also(&article);
                (article, Ok(more))
            }
            Err(e) => (Article::default(), Err(e)),
        });
    Ok((doc, warnings, more?))
}

/// The bytes of a source, at most `max_size` of them (and never more than a document holds).
fn read_source(source: &Source, max_size: u64) -> Result<Vec<u8>, LoadError> {
    let max_size = max_size.min(MAX_TEXT);
    let fail = |reason| LoadError {
        source: source.name(),
        reason,
    };
    let read = |reader: Box<dyn io::Read + '_>, expected| {
        read_bounded(reader, max_size, expected).map_err(|e| match e {
            ReadFail::Binary => Reason::Binary,
            ReadFail::TooBig => Reason::TooBig(max_size),
            ReadFail::Io(e) => io_reason(&e),
        })
    };
    let bytes = match source {
        Source::File(path) => open(path)
            .and_then(|(file, size)| read(Box::new(file), size))
            .map_err(fail)?,
        Source::Stdin => read(Box::new(io::stdin().lock()), None).map_err(fail)?,
        Source::Bundled(name) => match crate::samples::find(name) {
            Some(sample) => sample.text.as_bytes().to_vec(),
            None => return Err(fail(Reason::NotFound)),
        },
    };
    Ok(bytes)
}

/// Opens a file to read, with its size when it is a regular file.
fn open(path: &Path) -> Result<(std::fs::File, Option<u64>), Reason> {
    if path.is_dir() {
        return Err(Reason::IsDirectory);
    }
    let file = std::fs::File::open(path).map_err(|e| io_reason(&e))?;
    let size = file
        .metadata()
        .ok()
        .filter(std::fs::Metadata::is_file)
        .map(|m| m.len());
    Ok((file, size))
}

fn io_reason(e: &io::Error) -> Reason {
    match e.kind() {
        io::ErrorKind::NotFound => Reason::NotFound,
        io::ErrorKind::PermissionDenied => Reason::PermissionDenied,
        io::ErrorKind::IsADirectory => Reason::IsDirectory,
        _ => Reason::Unreadable(e.to_string()),
    }
}

/// Parses bytes read from `source`: JSON when named `.json`, or from stdin when it parses as JSON.
pub fn load_bytes(source: Source, bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_owned(source, bytes.to_vec())
}

/// What bytes hold once decoded: an article given as JSON, or text to parse (sanitised)
/// with what was odd about its bytes.
enum Decoded {
    Json(Loaded),
    Text(String, Vec<Warning>),
}

/// As `load_bytes`, taking the bytes so that UTF-8 becomes text without a copy.
fn load_owned(source: Source, bytes: Vec<u8>) -> Result<Loaded, LoadError> {
    let (text, mut warnings) = match decode_text(&source, bytes)? {
        Decoded::Json(loaded) => return Ok(loaded),
        Decoded::Text(text, warnings) => (text, warnings),
    };
    let article = parse_text(&source, &text, &mut warnings)?.to_owned_article();
    Ok(Loaded {
        source,
        article,
        warnings,
    })
}

/// Decodes and sanitises bytes read from `source`; JSON (by name, or on stdin when it parses)
/// is read as the model.
fn decode_text(source: &Source, bytes: Vec<u8>) -> Result<Decoded, LoadError> {
    let fail = |reason| LoadError {
        source: source.name(),
        reason,
    };
    let decoded = decode(bytes).map_err(|e| {
        fail(match e {
            NotText::Empty => Reason::Empty,
            NotText::Binary => Reason::Binary,
        })
    })?;
    let mut warnings = Vec::new();
    match &decoded.fallback {
        Some(Fallback::Whole(encoding)) => warnings.push(Warning {
            line: None,
            message: format!("not UTF-8; read as {encoding}"),
        }),
        Some(Fallback::Bytes(stray)) => warnings.push(Warning {
            line: None,
            message: stray_message(stray),
        }),
        None => {}
    }
    let json = if source.is_json_by_name() {
        Some(
            serde_json::from_str(&decoded.text)
                .map_err(|e| fail(Reason::BadJson(e.to_string())))?,
        )
    } else if *source == Source::Stdin && decoded.text.trim_start().starts_with('{') {
        match serde_json::from_str::<Article>(&decoded.text) {
            Ok(article) => Some(article),
            // text that merely starts with `{` is text, as it is from a file
            Err(e) if e.is_syntax() || e.is_eof() => None,
            Err(e) => return Err(fail(Reason::BadJson(e.to_string()))),
        }
    } else {
        None
    };
    if let Some(mut article) = json {
        article.map_texts(sanitize_inline);
        if article.texts().all(|t| t.trim().is_empty()) {
            return Err(fail(Reason::NotArticle));
        }
        // hand-written JSON may leave the title out; derive it as for text
        if article.title.trim().is_empty() {
            article.title = derived_title(&article);
        }
        return Ok(Decoded::Json(Loaded {
            source: source.clone(),
            article,
            warnings,
        }));
    }
    let clean = sanitize_owned(decoded.text);
    if clean.removed > 0 {
        warnings.push(Warning {
            line: None,
            message: format!(
                "removed {} control character(s) or escape sequence(s)",
                clean.removed
            ),
        });
    }
    if clean.nuls > 0 {
        warnings.push(Warning {
            line: None,
            message: format!("replaced {} NUL byte(s) with spaces", clean.nuls),
        });
    }
    // tabs widened to spaces can take a file at the limit past what a document holds
    if clean.text.len() as u64 > MAX_TEXT {
        return Err(fail(Reason::TooBig(MAX_TEXT)));
    }
    Ok(Decoded::Text(clean.text, warnings))
}

/// "replaced 3 byte(s) that are not UTF-8 (read as windows-1252) on lines 2, 9, 40 and 5 more"
fn stray_message(stray: &Stray) -> String {
    let lines: Vec<String> = stray.first_lines.iter().map(usize::to_string).collect();
    let more = match stray.more_lines {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    let noun = if lines.len() + stray.more_lines == 1 {
        "line"
    } else {
        "lines"
    };
    format!(
        "replaced {} byte(s) that are not UTF-8 (read as windows-1252) on {noun} {}{more}",
        stray.bytes,
        lines.join(", ")
    )
}
