//! An article as Markdown (CommonMark with GFM tables): the title as `#`, the lead, each
//! section as `##` with its number, the key points as a table, the summary, the FAQ as
//! `###` questions; highlights as `==words==`, their notes as footnotes. Every text is
//! escaped, so a renderer shows the words lede shows.

use super::marked::{Marked, Piece};
use super::text::{markdown as escape, markdown_marked, title};
use super::Exporter;
use crate::article::document::Origin;
use crate::article::Article;
use std::io::{self, Write};

/// Writes articles as Markdown to `out` as they come, a rule between two.
pub struct Markdown<W: Write> {
    out: W,
    written: usize,
    /// One article's text, reused.
    buf: String,
}

impl<W: Write> Markdown<W> {
    pub fn new(out: W) -> Markdown<W> {
        Markdown {
            out,
            written: 0,
            buf: String::new(),
        }
    }
}

impl<W: Write> Exporter for Markdown<W> {
    fn article(&mut self, article: &Article<&str>) -> io::Result<()> {
        self.marked(article, &Marked::default())
    }

    fn marked(&mut self, article: &Article<&str>, marked: &Marked) -> io::Result<()> {
        self.buf.clear();
        if self.written > 0 {
            self.buf.push_str("\n---\n\n");
        }
        self.written += 1;
        write_marked(&mut self.buf, article, marked, self.written);
        self.out.write_all(self.buf.as_bytes())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

/// One article as Markdown, appended to `out`.
pub fn write_article(out: &mut String, article: &Article<&str>) {
    write_marked(out, article, &Marked::default(), 1);
}

/// One article as Markdown with its highlights marked, appended to `out`; `n` (the
/// article's number in the document) keeps its footnotes apart from another's.
pub fn write_marked(out: &mut String, article: &Article<&str>, marked: &Marked, n: usize) {
    let text = |out: &mut String, origin: Origin, text: &str| {
        let pieces: Vec<(&str, Option<String>)> = marked
            .pieces(origin, text)
            .into_iter()
            .map(|piece| match piece {
                Piece::Plain(words) => (words, None),
                Piece::Marked(words, None) => (words, Some("==".to_owned())),
                Piece::Marked(words, Some(note)) => (words, Some(format!("==[^{n}-{note}]"))),
            })
            .collect();
        markdown_marked(out, &pieces, "==");
    };
    let paragraphs = |out: &mut String, paragraphs: &[&str], origin: &dyn Fn(usize) -> Origin| {
        for (p, paragraph) in paragraphs.iter().enumerate() {
            if paragraph.trim().is_empty() {
                continue;
            }
            text(out, origin(p), paragraph);
            out.push_str("\n\n");
        }
    };
    heading(out, "#", "", title(article.title));
    paragraphs(out, &article.lead, &Origin::Lead);
    for (i, section) in article.sections.iter().enumerate() {
        heading(out, "##", &format!("{}. ", i + 1), section.heading.trim());
        paragraphs(out, &section.paragraphs, &|p| {
            Origin::SectionParagraph(i, p)
        });
    }
    if !article.key_points.is_empty() {
        out.push_str("## Key points\n\n| No. | Key point |\n|---:|---|\n");
        for (i, point) in article.key_points.iter().enumerate() {
            out.push_str(&format!("| {} | ", i + 1));
            text(out, Origin::KeyPoint(i), point);
            out.push_str(" |\n");
        }
        out.push('\n');
    }
    if !article.summary.is_empty() {
        out.push_str("## Summary\n\n");
        paragraphs(out, &article.summary, &Origin::Summary);
    }
    if !article.faq.is_empty() {
        out.push_str("## Frequently Asked Questions\n\n");
        for (q, entry) in article.faq.iter().enumerate() {
            heading(out, "###", "", entry.question);
            paragraphs(out, &entry.answer, &|p| Origin::Answer(q, p));
        }
    }
    for (i, note) in marked.notes.iter().enumerate() {
        out.push_str(&format!("[^{n}-{}]: ", i + 1));
        escape(out, note);
        out.push('\n');
    }
    if !marked.notes.is_empty() {
        out.push('\n');
    }
}

/// `## 1. Heading`: the marks, a number of ours (not escaped), the heading's text.
fn heading(out: &mut String, marks: &str, number: &str, text: &str) {
    out.push_str(marks);
    out.push(' ');
    out.push_str(number);
    escape(out, text);
    out.push_str("\n\n");
}
