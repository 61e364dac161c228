//! Where an export goes, and how it gets there whole.

use super::Args;
use crate::article::Source;
use crate::commands::Error;
use crate::export::epub::{Book, Epub};
use crate::export::html::Page;
use crate::export::markdown::Markdown;
use crate::export::{Exporter, Format};
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Seek, Write};
use std::path::{Path, PathBuf};

/// Where the export goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Out {
    Stdout,
    File(PathBuf),
}

/// Where to write: `-o`'s file or standard output; a terminal takes no book it did not ask for.
pub(super) fn destination(args: &Args, format: Format) -> Result<Out, Error> {
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

/// Where the bytes go while they are written: a file beside OUT that takes its name once it
/// is whole (a failed export leaves the old OUT as it was), an unnamed file that becomes
/// standard output for an EPUB (a zip is written out of order), or standard output itself.
pub(super) struct Sink {
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
    pub(super) fn open(
        out: &Out,
        format: Format,
        title: Option<String>,
        made: i64,
    ) -> Result<Sink, Error> {
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
    pub(super) fn exporter(&mut self) -> Result<Box<dyn Exporter>, Error> {
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
    pub(super) fn failed(&self, e: io::Error) -> Error {
        match &self.target {
            Target::File { path, .. } => cannot_write(path, &e),
            _ => Error::Output(e),
        }
    }

    /// Everything is written: the file takes its name, or the spooled book goes to stdout.
    pub(super) fn complete(self) -> Result<(), Error> {
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
