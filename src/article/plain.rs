//! The article as plain text for `lede print`: the reader's layout without a terminal.

use super::document::{BlockKind, Document};
use super::layout::{row_text, Layout, Row};
use super::model::Article;
use unicode_width::UnicodeWidthStr;

/// The article wrapped to `width` columns, every line ending in `\n`.
pub fn to_plain_text(article: &Article, width: usize) -> String {
    let doc = Document::new(article);
    let layout = Layout::new(&doc, width);
    let mut out = String::new();
    for (i, row) in layout.rows.iter().enumerate() {
        let (marker, text) = row_text(&doc, row);
        out.push_str(&marker);
        out.push_str(text);
        out.push('\n');
        // underline the title and headings so they stand out without escape codes
        let last_of_heading = matches!(row, Row::Text { block, .. }
            if matches!(doc.blocks[*block as usize].kind, BlockKind::Title | BlockKind::Heading)
                && !matches!(layout.rows.get(i + 1), Some(Row::Text { block: next, .. }) if next == block));
        if let (true, Row::Text { block, .. }) = (last_of_heading, row) {
            let first = layout.block_row(*block as usize);
            let widest = (first..=i)
                .map(|r| {
                    let (m, t) = row_text(&doc, &layout.rows[r]);
                    m.width() + t.width()
                })
                .max()
                .unwrap_or(0)
                .min(width);
            let rule = if doc.blocks[*block as usize].kind == BlockKind::Title {
                "="
            } else {
                "-"
            };
            out.push_str(&rule.repeat(widest));
            out.push('\n');
        }
    }
    out
}
