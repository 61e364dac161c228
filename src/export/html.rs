//! Articles as one self-contained HTML5 page (inline CSS, light and dark, a table of
//! contents, the key points as a table, the FAQ as `<details>`), and the article's markup
//! that the EPUB's chapters share. Every text is escaped: an article's `<script>` is text.
//!
//! The markup is written as XML too (every element closed, attributes quoted), so the same
//! article serves a web page and an EPUB's XHTML.

use super::marked::{Marked, Piece};
use super::text::{html as escape, language, numbered, title};
use super::{book_title, Exporter};
use crate::article::document::Origin;
use crate::article::Article;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// How the FAQ is written: open and shut in a browser, plain headings in an e-book (few
/// reading systems open a `<details>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Faq {
    Details,
    Headings,
}

/// How one article's markup is made.
#[derive(Debug, Clone)]
pub struct Body<'a> {
    /// Put before every id, so that several articles in one page keep theirs apart.
    pub prefix: &'a str,
    /// The `<article>`'s own id and `lang`, when the page needs them.
    pub id: Option<&'a str>,
    pub lang: Option<&'a str>,
    pub faq: Faq,
    /// A list of the article's parts, linked, after its title.
    pub toc: bool,
    /// The article's highlights, drawn as `<mark>` with their notes numbered at its end.
    pub marked: Option<&'a Marked>,
}

/// One article's `<article>` element, appended to `out`.
pub fn article(out: &mut String, article: &Article<&str>, how: &Body) {
    let p = how.prefix;
    out.push_str("<article");
    if let Some(id) = how.id {
        push(out, &[" id=\"", id, "\""]);
    }
    if let Some(lang) = how.lang {
        push(out, &[" lang=\"", lang, "\""]);
    }
    out.push_str(">\n<h1>");
    escape(out, title(article.title));
    out.push_str("</h1>\n");
    if how.toc {
        toc(out, article, p);
    }
    let marked = how.marked;
    if has_text(&article.lead) {
        out.push_str("<div class=\"lead\">\n");
        paragraphs(out, &article.lead, &Origin::Lead, marked, p);
        out.push_str("</div>\n");
    }
    for (i, section) in article.sections.iter().enumerate() {
        let n = (i + 1).to_string();
        push(out, &["<section id=\"", p, "s", &n, "\">\n<h2>"]);
        escape(out, &numbered(i + 1, section.heading));
        out.push_str("</h2>\n");
        paragraphs(
            out,
            &section.paragraphs,
            &|q| Origin::SectionParagraph(i, q),
            marked,
            p,
        );
        out.push_str("</section>\n");
    }
    if !article.key_points.is_empty() {
        push(
            out,
            &["<section id=\"", p, "key-points\" class=\"key-points\">\n"],
        );
        out.push_str("<h2>Key points</h2>\n<table>\n<thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Key point</th></tr></thead>\n<tbody>\n");
        for (i, point) in article.key_points.iter().enumerate() {
            push(out, &["<tr><td>", &(i + 1).to_string(), "</td><td>"]);
            text(out, Origin::KeyPoint(i), point, marked, p);
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
    if has_text(&article.summary) {
        push(
            out,
            &["<section id=\"", p, "summary\">\n<h2>Summary</h2>\n"],
        );
        paragraphs(out, &article.summary, &Origin::Summary, marked, p);
        out.push_str("</section>\n");
    }
    if !article.faq.is_empty() {
        push(out, &["<section id=\"", p, "faq\" class=\"faq\">\n"]);
        out.push_str("<h2>Frequently Asked Questions</h2>\n");
        for (q, entry) in article.faq.iter().enumerate() {
            let answer = |r| Origin::Answer(q, r);
            match how.faq {
                Faq::Details => {
                    out.push_str("<details>\n<summary>");
                    escape(out, entry.question);
                    out.push_str("</summary>\n");
                    paragraphs(out, &entry.answer, &answer, marked, p);
                    out.push_str("</details>\n");
                }
                Faq::Headings => {
                    out.push_str("<h3>");
                    escape(out, entry.question);
                    out.push_str("</h3>\n");
                    paragraphs(out, &entry.answer, &answer, marked, p);
                }
            }
        }
        out.push_str("</section>\n");
    }
    if let Some(notes) = marked.map(|m| &m.notes).filter(|n| !n.is_empty()) {
        out.push_str("<ol class=\"notes\">\n");
        for (i, note) in notes.iter().enumerate() {
            push(out, &["<li id=\"", p, "note-", &(i + 1).to_string(), "\">"]);
            escape(out, note);
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// A paragraph's text, trimmed, its highlights as `<mark>` (a note's number after it).
fn text(out: &mut String, origin: Origin, words: &str, marked: Option<&Marked>, p: &str) {
    let Some(marked) = marked else {
        escape(out, words.trim());
        return;
    };
    let pieces = marked.pieces(origin, words);
    let last = pieces.len().saturating_sub(1);
    for (i, piece) in pieces.into_iter().enumerate() {
        let trim = |t: &str| -> String {
            let t = if i == 0 { t.trim_start() } else { t };
            let t = if i == last { t.trim_end() } else { t };
            t.to_owned()
        };
        match piece {
            Piece::Plain(t) => escape(out, &trim(t)),
            Piece::Marked(t, note) => {
                out.push_str("<mark>");
                escape(out, &trim(t));
                out.push_str("</mark>");
                if let Some(n) = note {
                    let n = n.to_string();
                    push(
                        out,
                        &["<sup><a href=\"#", p, "note-", &n, "\">", &n, "</a></sup>"],
                    );
                }
            }
        }
    }
}

/// The article's parts as a linked list: its sections, then key points, summary and FAQ.
fn toc(out: &mut String, article: &Article<&str>, p: &str) {
    let mut entries: Vec<(String, String)> = article
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (format!("s{}", i + 1), numbered(i + 1, s.heading)))
        .collect();
    if !article.key_points.is_empty() {
        entries.push(("key-points".to_owned(), "Key points".to_owned()));
    }
    if has_text(&article.summary) {
        entries.push(("summary".to_owned(), "Summary".to_owned()));
    }
    if !article.faq.is_empty() {
        entries.push(("faq".to_owned(), "Frequently Asked Questions".to_owned()));
    }
    if entries.is_empty() {
        return;
    }
    out.push_str("<nav class=\"toc\" aria-label=\"Sections\">\n<ol>\n");
    for (id, label) in entries {
        push(out, &["<li><a href=\"#", p, &id, "\">"]);
        escape(out, &label);
        out.push_str("</a></li>\n");
    }
    out.push_str("</ol>\n</nav>\n");
}

fn has_text(paragraphs: &[&str]) -> bool {
    paragraphs.iter().any(|p| !p.trim().is_empty())
}

/// Each paragraph as a `<p>`; one with nothing in it is left out.
fn paragraphs(
    out: &mut String,
    paragraphs: &[&str],
    origin: &dyn Fn(usize) -> Origin,
    marked: Option<&Marked>,
    p: &str,
) {
    for (i, paragraph) in paragraphs.iter().enumerate() {
        if paragraph.trim().is_empty() {
            continue;
        }
        out.push_str("<p>");
        text(out, origin(i), paragraph, marked, p);
        out.push_str("</p>\n");
    }
}

fn push(out: &mut String, pieces: &[&str]) {
    for piece in pieces {
        out.push_str(piece);
    }
}

/// The page's style: readable on a phone (the text's measure, wrapped long words), light or
/// dark as the device is.
const STYLE: &str = r#":root{color-scheme:light dark;--bg:#fbfaf7;--fg:#1c1c1e;--muted:#5d5d63;--rule:#d9d6cf;--link:#1a5aa6;--band:#f1efe9}
@media (prefers-color-scheme:dark){:root{--bg:#141518;--fg:#e4e2dd;--muted:#a3a19b;--rule:#3a3b40;--link:#8ab4f8;--band:#1d1f24}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0 auto;max-width:42rem;padding:1rem 1.1rem 4rem;background:var(--bg);color:var(--fg);font:1.0625rem/1.6 Charter,"Bitstream Charter","Iowan Old Style",Georgia,"Noto Serif",serif;overflow-wrap:anywhere}
h1,h2,h3,summary,nav,th{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
h1{font-size:1.7rem;line-height:1.2;margin:1.5rem 0 1rem}
h2{font-size:1.2rem;line-height:1.3;margin:2rem 0 .5rem}
a{color:var(--link)}
nav{font-size:.95rem}
nav ol{margin:.5rem 0;padding-left:1.5rem}
nav li{margin:.25rem 0}
.toc{border-left:3px solid var(--rule);padding-left:.5rem;margin:1rem 0 1.5rem}
#contents{border-bottom:2px solid var(--rule);padding-bottom:1rem}
.lead p:first-child{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border-bottom:1px solid var(--rule);padding:.45rem .5rem;text-align:left;vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600;white-space:nowrap}
td:first-child,th:first-child{width:2.5rem;text-align:right;white-space:nowrap;overflow-wrap:normal}
td:first-child{color:var(--muted);font-variant-numeric:tabular-nums}
tbody tr:nth-child(odd){background:var(--band)}
details{border-bottom:1px solid var(--rule);padding:.6rem 0}
summary{cursor:pointer;font-weight:600;line-height:1.35}
details p{margin:.6rem 0 0}
article+article{border-top:2px solid var(--rule);margin-top:3rem;padding-top:.5rem}
@media print{details>*{display:block}body{max-width:none}}
"#;

/// Writes one page of every article given: the articles are kept in a file of their own
/// until the end, when the page's title and contents (which need all of them) are known.
pub struct Page<W: Write> {
    out: W,
    spool: BufWriter<File>,
    /// The page's contents, a list item an article.
    contents: String,
    first: Option<(String, &'static str)>,
    /// The title given for the page, if any.
    given: Option<String>,
    count: usize,
    buf: String,
}

impl<W: Write> Page<W> {
    pub fn new(out: W, given: Option<String>) -> io::Result<Page<W>> {
        Ok(Page {
            out,
            spool: BufWriter::new(tempfile::tempfile()?),
            contents: String::new(),
            first: None,
            given,
            count: 0,
            buf: String::new(),
        })
    }
}

impl<W: Write> Page<W> {
    fn page_article(&mut self, a: &Article<&str>, marked: Option<&Marked>) -> io::Result<()> {
        self.count += 1;
        let id = format!("a{}", self.count);
        let prefix = format!("{id}-");
        let lang = language(std::iter::once(a.title).chain(a.lead.iter().copied()));
        if self.first.is_none() {
            self.first = Some((title(a.title).to_owned(), lang));
        }
        self.buf.clear();
        article(
            &mut self.buf,
            a,
            &Body {
                prefix: &prefix,
                id: Some(&id),
                lang: Some(lang),
                faq: Faq::Details,
                toc: true,
                marked,
            },
        );
        push(&mut self.contents, &["<li><a href=\"#", &id, "\">"]);
        escape(&mut self.contents, title(a.title));
        self.contents.push_str("</a></li>\n");
        self.spool.write_all(self.buf.as_bytes())
    }
}

impl<W: Write> Exporter for Page<W> {
    fn article(&mut self, a: &Article<&str>) -> io::Result<()> {
        self.page_article(a, None)
    }

    fn marked(&mut self, a: &Article<&str>, marked: &Marked) -> io::Result<()> {
        self.page_article(a, Some(marked))
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        let Page {
            mut out,
            spool,
            contents,
            first,
            given,
            count,
            ..
        } = *self;
        let (first_title, lang) = first.unwrap_or_else(|| (String::new(), "en"));
        let mut head = String::new();
        push(
            &mut head,
            &["<!DOCTYPE html>\n<html lang=\"", lang, "\">\n<head>\n"],
        );
        head.push_str("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"color-scheme\" content=\"light dark\">\n");
        head.push_str("<meta name=\"generator\" content=\"lede\">\n<title>");
        escape(
            &mut head,
            &book_title(given.as_deref(), &first_title, count),
        );
        push(
            &mut head,
            &["</title>\n<style>\n", STYLE, "</style>\n</head>\n<body>\n"],
        );
        if count > 1 {
            head.push_str("<nav id=\"contents\" aria-label=\"Articles\">\n<ol>\n");
            head.push_str(&contents);
            head.push_str("</ol>\n</nav>\n");
        }
        out.write_all(head.as_bytes())?;
        let mut spool = spool.into_inner().map_err(io::IntoInnerError::into_error)?;
        spool.rewind()?;
        io::copy(&mut spool, &mut out)?;
        out.write_all(b"</body>\n</html>\n")?;
        out.flush()
    }
}
