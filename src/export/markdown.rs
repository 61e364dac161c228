//! An article as Markdown (CommonMark with GFM tables): the title as `#`, the lead, each
//! section as `##` with its number, the key points as a table, the summary, the FAQ as
//! `###` questions. Every text is escaped, so a renderer shows the words lede shows.

use super::text::{markdown as escape, title};
use super::Exporter;
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
        self.buf.clear();
        if self.written > 0 {
            self.buf.push_str("\n---\n\n");
        }
        write_article(&mut self.buf, article);
        self.written += 1;
        self.out.write_all(self.buf.as_bytes())
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}

/// One article as Markdown, appended to `out`.
pub fn write_article(out: &mut String, article: &Article<&str>) {
    heading(out, "#", "", title(article.title));
    paragraphs(out, &article.lead);
    for (i, section) in article.sections.iter().enumerate() {
        heading(out, "##", &format!("{}. ", i + 1), section.heading.trim());
        paragraphs(out, &section.paragraphs);
    }
    if !article.key_points.is_empty() {
        out.push_str("## Key points\n\n| No. | Key point |\n|---:|---|\n");
        for (i, point) in article.key_points.iter().enumerate() {
            out.push_str(&format!("| {} | ", i + 1));
            escape(out, point);
            out.push_str(" |\n");
        }
        out.push('\n');
    }
    if !article.summary.is_empty() {
        out.push_str("## Summary\n\n");
        paragraphs(out, &article.summary);
    }
    if !article.faq.is_empty() {
        out.push_str("## Frequently Asked Questions\n\n");
        for entry in &article.faq {
            heading(out, "###", "", entry.question);
            paragraphs(out, &entry.answer);
        }
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

/// Each paragraph with a blank line after it; one with nothing in it is left out.
fn paragraphs(out: &mut String, paragraphs: &[&str]) {
    for paragraph in paragraphs {
        if paragraph.trim().is_empty() {
            continue;
        }
        escape(out, paragraph);
        out.push_str("\n\n");
    }
}
