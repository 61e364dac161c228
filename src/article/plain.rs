//! The article as plain text for `lede print`: the reader's layout without a terminal.
//!
//! Written block by block as it is wrapped, so printing needs no more memory at one
//! column than at eighty.

use super::document::{BlockKind, Document};
use super::model::Article;
use super::wrap;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The article wrapped to `width` columns, every line ending in `\n`.
pub fn to_plain_text(article: &Article, width: usize) -> String {
    let mut out = Vec::new();
    write_plain(&Document::new(article), width, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("the article is text")
}

/// Writes the document wrapped to `width` columns, as `to_plain_text` returns it.
pub fn write_plain(doc: &Document, width: usize, out: &mut impl Write) -> io::Result<()> {
    let width = width.max(1);
    for (index, block) in doc.blocks().enumerate() {
        // blank rows between blocks, two before a heading, as the reader lays them out
        if index > 0 {
            out.write_all(b"\n")?;
            if block.kind == BlockKind::Heading {
                out.write_all(b"\n")?;
            }
        }
        let marker = block.marker();
        let marker_width = block.marker_width();
        let indent = " ".repeat(marker_width);
        let text_width = width.saturating_sub(marker_width).max(1);
        // the title and headings are underlined so they stand out without escape codes
        let rule = match block.kind {
            BlockKind::Title => Some("="),
            BlockKind::Heading => Some("-"),
            _ => None,
        };
        let mut widest = 0;
        for (row, (start, end)) in wrap::wrapped(block.text, text_width).enumerate() {
            let marker = if row == 0 { &marker } else { indent.as_str() };
            let text = &block.text[start..end];
            out.write_all(marker.as_bytes())?;
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            if rule.is_some() {
                widest = widest.max(marker_width + text.width());
            }
        }
        let Some(rule) = rule else {
            continue;
        };
        writeln!(out, "{}", rule.repeat(widest.min(width)))?;
    }
    Ok(())
}
