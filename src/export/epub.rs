//! Articles as an EPUB 3 book: one XHTML chapter an article, a navigation document of the
//! articles and their sections, a contents page listing each article with its key points
//! (when there are several), and the package document with the book's metadata.
//!
//! The zip is written as the articles come: `mimetype` first and stored, the container and
//! the style, then each chapter; what needs every article (the navigation, the contents
//! page, the manifest) is kept in files of its own until the end and written last, where a
//! reading system finds it through the container as well as anywhere.

use super::html::{self, Body, Faq};
use super::text::{html as escape, language, numbered, title};
use super::{book_title, Exporter};
use crate::article::Article;
use crate::store::time::rfc3339;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONTAINER: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles>
<rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles>
</container>
"#;

/// The book's style: structure only, so a reading system's own fonts, sizes and themes
/// (a dark one too) still apply.
const STYLE: &str = "body{margin:0 .8em;line-height:1.5}
h1{font-size:1.6em;line-height:1.2;margin:.8em 0 .6em}
h2{font-size:1.2em;line-height:1.3;margin:1.4em 0 .4em}
h3{font-size:1em;line-height:1.3;margin:1.1em 0 .3em}
table{border-collapse:collapse;width:100%;margin:.5em 0}
th,td{border:1px solid #999;padding:.3em .45em;text-align:left;vertical-align:top}
td:first-child{text-align:right;width:2.2em}
.meta{font-style:italic}
.contents h2{font-size:1.1em;margin-bottom:.2em}
.contents ul{margin:.2em 0 1em;padding-left:1.2em}
";

/// What the package document says of the book that no article does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Book {
    /// The title given for the book; else it is made from the articles'.
    pub title: Option<String>,
    /// When it was made, in seconds since the Unix epoch: its date and `dcterms:modified`.
    pub made: i64,
}

/// Writes an EPUB to `W`, an article at a time.
pub struct Epub<W: Write + Seek> {
    zip: ZipWriter<W>,
    options: SimpleFileOptions,
    book: Book,
    /// The navigation's list items, an article each.
    nav: BufWriter<File>,
    /// The contents page's entries, an article each.
    contents: BufWriter<File>,
    count: usize,
    first_title: Option<String>,
    /// Each language the articles are in, with how many are.
    languages: Vec<(&'static str, usize)>,
    id: Hash,
    buf: String,
}

impl<W: Write + Seek> Epub<W> {
    /// Starts the book: the `mimetype` (first, stored, as the format asks), the container
    /// and the style.
    pub fn new(out: W, book: Book) -> io::Result<Epub<W>> {
        let stamp = zip_time(book.made);
        let stored = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Stored)
            .last_modified_time(stamp);
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(stamp);
        let mut zip = ZipWriter::new(out);
        zip.start_file("mimetype", stored)?;
        zip.write_all(b"application/epub+zip")?;
        zip.start_file("META-INF/container.xml", options)?;
        zip.write_all(CONTAINER.as_bytes())?;
        zip.start_file("OEBPS/style.css", options)?;
        zip.write_all(STYLE.as_bytes())?;
        Ok(Epub {
            zip,
            options,
            book,
            nav: BufWriter::new(tempfile::tempfile()?),
            contents: BufWriter::new(tempfile::tempfile()?),
            count: 0,
            first_title: None,
            languages: Vec::new(),
            id: Hash::new(),
            buf: String::new(),
        })
    }

    fn nav_entry(&mut self, a: &Article<&str>, file: &str) -> io::Result<()> {
        let out = &mut self.buf;
        out.clear();
        out.push_str("<li><a href=\"");
        out.push_str(file);
        out.push_str("\">");
        escape(out, title(a.title));
        out.push_str("</a>");
        if !a.sections.is_empty() {
            out.push_str("\n<ol>\n");
            for (i, section) in a.sections.iter().enumerate() {
                out.push_str(&format!("<li><a href=\"{file}#s{}\">", i + 1));
                escape(out, &numbered(i + 1, section.heading));
                out.push_str("</a></li>\n");
            }
            out.push_str("</ol>\n");
        }
        out.push_str("</li>\n");
        self.nav.write_all(out.as_bytes())
    }

    fn contents_entry(&mut self, a: &Article<&str>, file: &str) -> io::Result<()> {
        let out = &mut self.buf;
        out.clear();
        out.push_str("<h2><a href=\"");
        out.push_str(file);
        out.push_str("\">");
        escape(out, title(a.title));
        out.push_str("</a></h2>\n");
        let points: Vec<&str> = a
            .key_points
            .iter()
            .copied()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if !points.is_empty() {
            out.push_str("<ul>\n");
            for point in points {
                out.push_str("<li>");
                escape(out, point.trim());
                out.push_str("</li>\n");
            }
            out.push_str("</ul>\n");
        }
        self.contents.write_all(out.as_bytes())
    }

    /// The most common language of the articles, the book's own.
    fn language(&self) -> &'static str {
        let mut best: Option<(&'static str, usize)> = None;
        for &(tag, n) in &self.languages {
            if best.is_none_or(|(_, most)| n > most) {
                best = Some((tag, n));
            }
        }
        best.map_or("en", |(tag, _)| tag)
    }

    /// A document of the book: its XML declaration, `<html>` and `<head>`, appended to `out`.
    fn head(out: &mut String, page_title: &str, lang: &str) {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"");
        out.push_str(lang);
        out.push_str("\" xml:lang=\"");
        out.push_str(lang);
        out.push_str("\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>");
        escape(out, page_title);
        out.push_str(
            "</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\"/>\n</head>\n",
        );
    }

    /// Copies a spool's text into the entry being written.
    fn copy(zip: &mut ZipWriter<W>, spool: BufWriter<File>) -> io::Result<()> {
        let mut file = spool.into_inner().map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        io::copy(&mut file, zip)?;
        Ok(())
    }
}

impl<W: Write + Seek> Epub<W> {
    /// One chapter, its highlights marked when given.
    fn chapter_of(
        &mut self,
        a: &Article<&str>,
        marked: Option<&super::marked::Marked>,
    ) -> io::Result<()> {
        self.count += 1;
        let file = chapter(self.count);
        let lang = language(std::iter::once(a.title).chain(a.lead.iter().copied()));
        match self.languages.iter_mut().find(|(tag, _)| *tag == lang) {
            Some((_, n)) => *n += 1,
            None => self.languages.push((lang, 1)),
        }
        if self.first_title.is_none() {
            self.first_title = Some(title(a.title).to_owned());
        }
        self.id.add(a.title);
        for paragraph in &a.lead {
            self.id.add(paragraph);
        }
        self.nav_entry(a, &file)?;
        self.contents_entry(a, &file)?;
        let out = &mut self.buf;
        out.clear();
        Self::head(out, title(a.title), lang);
        out.push_str("<body>\n");
        html::article(
            out,
            a,
            &Body {
                prefix: "",
                id: None,
                lang: None,
                faq: Faq::Headings,
                toc: false,
                marked,
            },
        );
        out.push_str("</body>\n</html>\n");
        self.zip.start_file(format!("OEBPS/{file}"), self.options)?;
        self.zip.write_all(self.buf.as_bytes())
    }
}

impl<W: Write + Seek> Exporter for Epub<W> {
    fn article(&mut self, a: &Article<&str>) -> io::Result<()> {
        self.chapter_of(a, None)
    }

    fn marked(&mut self, a: &Article<&str>, marked: &super::marked::Marked) -> io::Result<()> {
        self.chapter_of(a, Some(marked))
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let lang = self.language();
        let Epub {
            mut zip,
            options,
            book,
            nav,
            contents,
            count,
            first_title,
            id,
            mut buf,
            ..
        } = *self;
        let book_title = book_title(
            book.title.as_deref(),
            first_title.as_deref().unwrap_or(""),
            count,
        );
        let made = rfc3339(book.made);
        let date = &made[..10];
        let paper = count > 1;
        if paper {
            buf.clear();
            Self::head(&mut buf, &book_title, lang);
            buf.push_str("<body>\n<section class=\"contents\">\n<h1>");
            escape(&mut buf, &book_title);
            buf.push_str(&format!(
                "</h1>\n<p class=\"meta\">{date} · {} articles</p>\n",
                crate::warnings::grouped(count)
            ));
            zip.start_file("OEBPS/contents.xhtml", options)?;
            zip.write_all(buf.as_bytes())?;
            Self::copy(&mut zip, contents)?;
            zip.write_all(b"</section>\n</body>\n</html>\n")?;
        }
        buf.clear();
        Self::head(&mut buf, "Contents", lang);
        buf.push_str("<body>\n<nav epub:type=\"toc\" id=\"toc\">\n<h1>Contents</h1>\n<ol>\n");
        if paper {
            buf.push_str(
                "<li><a href=\"contents.xhtml\">The articles and their key points</a></li>\n",
            );
        }
        zip.start_file("OEBPS/nav.xhtml", options)?;
        zip.write_all(buf.as_bytes())?;
        Self::copy(&mut zip, nav)?;
        zip.write_all(b"</ol>\n</nav>\n</body>\n</html>\n")?;
        buf.clear();
        package(&mut buf, &book_title, lang, &id.uuid(), &made, count);
        zip.start_file("OEBPS/content.opf", options)?;
        zip.write_all(buf.as_bytes())?;
        zip.finish()?.flush()
    }
}

/// The package document: metadata, every file in the manifest, the reading order.
fn package(out: &mut String, book_title: &str, lang: &str, uuid: &str, made: &str, count: usize) {
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"book-id\" xml:lang=\"");
    out.push_str(lang);
    out.push_str("\">\n<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:identifier id=\"book-id\">urn:uuid:");
    out.push_str(uuid);
    out.push_str("</dc:identifier>\n<dc:title>");
    escape(out, book_title);
    out.push_str("</dc:title>\n<dc:language>");
    out.push_str(lang);
    out.push_str("</dc:language>\n<dc:date>");
    out.push_str(&made[..10]);
    out.push_str("</dc:date>\n<meta property=\"dcterms:modified\">");
    out.push_str(made);
    out.push_str("</meta>\n</metadata>\n<manifest>\n");
    out.push_str("<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n");
    out.push_str("<item id=\"style\" href=\"style.css\" media-type=\"text/css\"/>\n");
    if count > 1 {
        out.push_str(
            "<item id=\"contents\" href=\"contents.xhtml\" media-type=\"application/xhtml+xml\"/>\n",
        );
    }
    for n in 1..=count {
        out.push_str(&format!(
            "<item id=\"a{n}\" href=\"{}\" media-type=\"application/xhtml+xml\"/>\n",
            chapter(n)
        ));
    }
    out.push_str("</manifest>\n<spine>\n");
    if count > 1 {
        out.push_str("<itemref idref=\"contents\"/>\n");
    }
    for n in 1..=count {
        out.push_str(&format!("<itemref idref=\"a{n}\"/>\n"));
    }
    out.push_str("</spine>\n</package>\n");
}

/// The file of the `n`th article: `a00001.xhtml`, so that a listing sorts in reading order.
fn chapter(n: usize) -> String {
    format!("a{n:05}.xhtml")
}

/// A zip's timestamp (local time in the format, here UTC) for `secs`; 1980 when out of its range.
fn zip_time(secs: i64) -> zip::DateTime {
    let stamp = rfc3339(secs);
    let num = |range: std::ops::Range<usize>| stamp.get(range).and_then(|s| s.parse::<u16>().ok());
    let parts = (|| {
        Some((
            num(0..4)?,
            num(5..7)?,
            num(8..10)?,
            num(11..13)?,
            num(14..16)?,
            num(17..19)?,
        ))
    })();
    parts
        .and_then(|(y, mo, d, h, mi, s)| {
            let small = |v: u16| u8::try_from(v).ok();
            zip::DateTime::from_date_and_time(
                y,
                small(mo)?,
                small(d)?,
                small(h)?,
                small(mi)?,
                small(s)?,
            )
            .ok()
        })
        .unwrap_or_default()
}

/// A stable identifier from the articles' titles and leads: the same articles make the same
/// book, whatever day it is made. Two 64-bit FNV-1a hashes with different starts.
struct Hash([u64; 2]);

impl Hash {
    fn new() -> Hash {
        Hash([0xcbf2_9ce4_8422_2325, 0x6c62_272e_07bb_0142])
    }

    fn add(&mut self, text: &str) {
        for h in &mut self.0 {
            for &b in text.as_bytes().iter().chain(&[0x1f]) {
                *h ^= u64::from(b);
                *h = h.wrapping_mul(0x0000_0100_0000_01b3);
            }
        }
    }

    /// As an RFC 9562 UUID of version 8 (made in a way of one's own).
    fn uuid(&self) -> String {
        let [a, b] = self.0;
        let version = (a & 0xffff_ffff_ffff_0fff) | 0x8000;
        let variant = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            version >> 32,
            (version >> 16) & 0xffff,
            version & 0xffff,
            variant >> 48,
            variant & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identifier_is_a_version_8_uuid_of_the_articles() {
        let mut a = Hash::new();
        a.add("A title");
        let mut b = Hash::new();
        b.add("A title");
        assert_eq!(a.uuid(), b.uuid());
        b.add("more");
        assert_ne!(a.uuid(), b.uuid());
        let uuid = a.uuid();
        assert_eq!(uuid.len(), 36);
        assert_eq!(&uuid[14..15], "8");
        assert!(matches!(&uuid[19..20], "8" | "9" | "a" | "b"), "{uuid}");
    }

    #[test]
    fn zip_times_are_the_date_made() {
        let t = zip_time(1_764_107_710); // 2025-11-25T21:55:10Z
        assert_eq!((t.year(), t.month(), t.day()), (2025, 11, 25));
        assert_eq!((t.hour(), t.minute(), t.second()), (21, 55, 10));
        assert_eq!(zip_time(0), zip::DateTime::default());
    }
}
