//! A document wrapped to a width: rows that point into the blocks, built once per width.

use super::document::{BlockKind, Document};
use super::wrap;
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// One screen row of the reading pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Blank,
    /// Bytes `start..end` of block `block`; `first` rows carry the block's marker.
    Text {
        block: u32,
        start: u32,
        end: u32,
        first: bool,
    },
}

/// A place in the text that survives re-wrapping: a byte in a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Anchor {
    pub block: usize,
    pub byte: usize,
}

/// The rows of a document at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    pub rows: Vec<Row>,
    /// Index of each block's first text row.
    block_rows: Vec<usize>,
}

impl Layout {
    /// Wraps every block of `doc` to `width` columns (at least 1).
    pub fn new(doc: &Document, width: usize) -> Layout {
        let width = width.max(1);
        let mut rows = Vec::new();
        let mut block_rows = Vec::with_capacity(doc.blocks.len());
        for index in 0..doc.blocks.len() {
            push_block(&mut rows, &mut block_rows, doc, index, width, index > 0);
        }
        Layout {
            width,
            rows,
            block_rows,
        }
    }

    /// Only the blocks from `from` on, until at least `rows` rows: what a screen needs while
    /// the whole document is wrapped elsewhere. Rows point into the document as `new`'s do;
    /// blocks outside the window have no rows.
    pub fn window(doc: &Document, width: usize, from: usize, rows: usize) -> Layout {
        let width = width.max(1);
        let from = from.min(doc.blocks.len());
        let mut out = Vec::new();
        let mut block_rows = vec![0; from];
        for index in from..doc.blocks.len() {
            push_block(&mut out, &mut block_rows, doc, index, width, index > from);
            if out.len() >= rows {
                break;
            }
        }
        block_rows.resize(doc.blocks.len(), out.len());
        Layout {
            width,
            rows: out,
            block_rows,
        }
    }

    /// No rows yet, at no width: what a document has before it is first wrapped.
    pub fn empty() -> Layout {
        Layout {
            width: 0,
            rows: Vec::new(),
            block_rows: Vec::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The first row of a block.
    pub fn block_row(&self, block: usize) -> usize {
        self.block_rows
            .get(block)
            .copied()
            .unwrap_or(self.rows.len())
    }

    /// The block a row belongs to (a blank row belongs to the block after it).
    pub fn block_at(&self, row: usize) -> usize {
        match self.rows.get(row) {
            Some(Row::Text { block, .. }) => *block as usize,
            _ => self
                .block_rows
                .partition_point(|&r| r <= row)
                .min(self.block_rows.len().saturating_sub(1)),
        }
    }

    /// The row holding byte `byte` of block `block`.
    pub fn row_of(&self, block: usize, byte: usize) -> usize {
        let first = self.block_row(block);
        let end = self
            .block_rows
            .get(block + 1)
            .copied()
            .unwrap_or(self.rows.len());
        let span = &self.rows[first.min(end)..end];
        let after = span.partition_point(|r| match r {
            Row::Text {
                block: b, start, ..
            } => *b as usize == block && (*start as usize) <= byte,
            Row::Blank => false,
        });
        first + after.saturating_sub(1)
    }

    /// The text position at the start of a row, to find again after a resize.
    pub fn anchor(&self, row: usize) -> Anchor {
        match self.rows.get(row) {
            Some(Row::Text { block, start, .. }) => Anchor {
                block: *block as usize,
                byte: *start as usize,
            },
            _ => Anchor {
                block: self.block_at(row),
                byte: 0,
            },
        }
    }

    /// The row an anchor is on now.
    pub fn row_of_anchor(&self, anchor: Anchor) -> usize {
        self.row_of(anchor.block, anchor.byte)
    }
}

/// Wraps block `index` onto `rows`, after the blank rows that part it from the one before.
fn push_block(
    rows: &mut Vec<Row>,
    block_rows: &mut Vec<usize>,
    doc: &Document,
    index: usize,
    width: usize,
    after_another: bool,
) {
    let block = &doc.blocks[index];
    if after_another {
        rows.push(Row::Blank);
        if block.kind == BlockKind::Heading {
            rows.push(Row::Blank);
        }
    }
    block_rows.push(rows.len());
    let marker_width = block.marker.width();
    let text_width = width.saturating_sub(marker_width).max(1);
    let mut first = true;
    for (start, end) in wrap_ranges(&block.text, text_width) {
        rows.push(Row::Text {
            block: index as u32,
            start: start as u32,
            end: end as u32,
            first,
        });
        first = false;
    }
    if first {
        rows.push(Row::Text {
            block: index as u32,
            start: 0,
            end: 0,
            first: true,
        });
    }
}

/// Byte ranges of `text` wrapped to `width` columns; long words are broken.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    wrap::lines(text, width).collect()
}

/// The text of a row, with the block's marker or an indent of its width.
pub fn row_text<'a>(doc: &'a Document, row: &Row) -> (Cow<'a, str>, &'a str) {
    match *row {
        Row::Blank => (Cow::Borrowed(""), ""),
        Row::Text {
            block,
            start,
            end,
            first,
        } => {
            let block = &doc.blocks[block as usize];
            let marker = if first {
                Cow::Borrowed(block.marker.as_str())
            } else {
                Cow::Owned(" ".repeat(block.marker.width()))
            };
            (marker, &block.text[start as usize..end as usize])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    fn sample() -> Document {
        let article = parse(
            "The lead sentence is here and it is long enough to wrap.\nArticle Subheadings |\n1) One |\n2) Two |\nOne\nFirst paragraph of one.\nTwo\nA paragraph of the second section that wraps.\nNo. | Key Points |\n1 | Point one |\n",
        )
        .article;
        Document::new(&article)
    }

    #[test]
    fn rows_cover_every_word() {
        let doc = sample();
        let layout = Layout::new(&doc, 12);
        for (b, block) in doc.blocks.iter().enumerate() {
            let text: Vec<&str> = layout
                .rows
                .iter()
                .filter_map(|r| match *r {
                    Row::Text {
                        block, start, end, ..
                    } if block as usize == b => {
                        Some(&doc.blocks[b].text[start as usize..end as usize])
                    }
                    _ => None,
                })
                .collect();
            assert_eq!(
                text.join(" "),
                block.text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
        }
    }

    #[test]
    fn anchors_survive_rewrap() {
        let doc = sample();
        let narrow = Layout::new(&doc, 10);
        let wide = Layout::new(&doc, 60);
        let heading = doc.outline[1].block;
        let anchor = narrow.anchor(narrow.block_row(heading));
        assert_eq!(wide.row_of_anchor(anchor), wide.block_row(heading));
        let row = narrow.row_of(2, 20);
        let anchor = narrow.anchor(row);
        assert_eq!(anchor.block, 2);
        assert!(wide.row_of_anchor(anchor) >= wide.block_row(2));
    }

    #[test]
    fn no_line_overflows_to_even_out_gaps() {
        let url = "https://example.com/a/very/long/path/that/goes/on/and/on/beyond/any/screen/width/at/all";
        let text =
            format!("rates {url} rates budget. rates {url} rates budget!     rates {url} rates");
        for width in 10..90 {
            for (s, e) in wrap_ranges(&text, width) {
                assert!(text[s..e].width() <= width, "{:?} at {width}", &text[s..e]);
            }
        }
    }

    #[test]
    fn long_words_break_and_wide_chars_fit() {
        let ranges = wrap_ranges("https://example.com/a/very/long/url/that/never/ends", 10);
        assert!(ranges.len() > 4);
        let text = "漢字漢字漢字漢字";
        for (s, e) in wrap_ranges(text, 5) {
            assert!(text[s..e].width() <= 5);
        }
    }
}
