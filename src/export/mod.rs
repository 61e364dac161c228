//! Articles taken away: as Markdown, as one HTML page, as an EPUB 3 book. Each writer takes
//! the articles one at a time, as they are parsed, and keeps none of them: a book of 10,000
//! articles is written in the memory of one. No terminal in here: `export_cmd` is the
//! command around it.

pub mod epub;
pub mod html;
pub mod markdown;
pub mod marked;
pub mod text;

use crate::article::Article;
use std::io;

/// The forms an export can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Epub,
}

impl Format {
    /// The file name's usual ending.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
            Format::Epub => "epub",
        }
    }
}

/// A writer of one of the forms: an article at a time, then the end.
pub trait Exporter {
    /// Writes one article (or, for a form that needs every article first, keeps what it
    /// needs of it in a file of its own).
    fn article(&mut self, article: &Article<&str>) -> io::Result<()>;

    /// Writes one article with its highlights marked, where the form can show them (by
    /// default as [`Exporter::article`]).
    fn marked(&mut self, article: &Article<&str>, marked: &marked::Marked) -> io::Result<()> {
        let _ = marked;
        self.article(article)
    }

    /// Writes what comes after the last article and flushes.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// How wide the first article's title may be in the title of a book of several.
const FIRST_TITLE: usize = 60;

/// The title of a page or book: the one given, else the only article's, else the first's
/// (shortened on a word boundary) and a count of the rest.
pub fn book_title(given: Option<&str>, first: &str, count: usize) -> String {
    match given.map(str::trim).filter(|t| !t.is_empty()) {
        Some(title) => title.to_owned(),
        None if count <= 1 => text::title(first).to_owned(),
        None => format!(
            "{} and {} more",
            crate::article::title::shorten(text::title(first), FIRST_TITLE),
            crate::warnings::grouped(count - 1)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_book_is_titled_by_its_articles_unless_given_a_title() {
        assert_eq!(book_title(Some(" The paper "), "A", 3), "The paper");
        assert_eq!(book_title(None, "A title", 1), "A title");
        assert_eq!(book_title(Some("  "), "A title", 2), "A title and 1 more");
        let long = "In a significant diplomatic development, White House envoy Steve Witkoff met with Putin.";
        let titled = book_title(None, long, 1001);
        assert!(
            titled.starts_with("In a significant diplomatic development, White House"),
            "{titled}"
        );
        assert!(titled.ends_with("… and 1,000 more"), "{titled}");
        assert!(titled.chars().count() < 80, "{titled}");
    }
}
