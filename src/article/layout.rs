//! A document wrapped to a width: rows that point into the blocks, built once per width.
//!
//! A row is kept as the byte where it starts in its block (4 bytes a row): where it ends is
//! where the next row of the block starts, less the spaces the wrap dropped there. A big
//! article has half a million rows.

use super::document::{BlockKind, Document};
use super::wrap;
use std::borrow::Cow;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Anchor {
    pub block: usize,
    pub byte: usize,
}

/// A blank row in `starts`.
const BLANK: u32 = u32::MAX;

/// The rows of a document at one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: usize,
    /// Each row's first byte in its block, or `BLANK`.
    starts: Vec<u32>,
    /// Index of each block's first text row, from block `first` on: a window holds only its
    /// own blocks', so a screen's worth costs the same in any article.
    block_rows: Vec<u32>,
    /// The first block with rows: 0 but in a window.
    first: usize,
}

impl Layout {
    /// Wraps every block of `doc` to `width` columns (at least 1).
    pub fn new(doc: &Document, width: usize) -> Layout {
        let width = width.max(1);
        let mut layout = Layout {
            width,
            // a guess that saves most regrowing; pages never touched are never resident
            starts: Vec::with_capacity(doc.text_len() / width + doc.len() * 3),
            block_rows: Vec::with_capacity(doc.len()),
            first: 0,
        };
        for index in 0..doc.len() {
            layout.push_block(doc, index, index > 0);
        }
        layout
    }

    /// Only the blocks from `from` on, until at least `rows` rows: what a screen needs while
    /// the whole document is wrapped elsewhere. Rows point into the document as `new`'s do;
    /// blocks outside the window have no rows.
    pub fn window(doc: &Document, width: usize, from: usize, rows: usize) -> Layout {
        let from = from.min(doc.len());
        let mut layout = Layout {
            width: width.max(1),
            starts: Vec::new(),
            block_rows: Vec::new(),
            first: from,
        };
        for index in from..doc.len() {
            layout.push_block(doc, index, index > from);
            if layout.starts.len() >= rows {
                break;
            }
        }
        layout
    }

    /// No rows yet, at no width: what a document has before it is first wrapped.
    pub fn empty() -> Layout {
        Layout {
            width: 0,
            starts: Vec::new(),
            block_rows: Vec::new(),
            first: 0,
        }
    }

    pub fn len(&self) -> usize {
        self.starts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn rows_u32(&self) -> u32 {
        u32::try_from(self.starts.len()).unwrap_or(u32::MAX)
    }

    /// Row `index` of `doc`, the document this layout was made of.
    pub fn row(&self, doc: &Document, index: usize) -> Option<Row> {
        let start = *self.starts.get(index)?;
        if start == BLANK {
            return Some(Row::Blank);
        }
        let block = self.block_at(index);
        let text = doc.text(block);
        let next = self
            .starts
            .get(index + 1)
            .filter(|&&s| s != BLANK && index + 1 < self.block_row(block + 1))
            .map_or(text.len(), |&s| s as usize);
        let end = start as usize + text[start as usize..next].trim_end_matches(' ').len();
        Some(Row::Text {
            block: u32::try_from(block).unwrap_or(u32::MAX),
            start,
            end: u32::try_from(end).unwrap_or(u32::MAX),
            first: index == self.block_row(block),
        })
    }

    /// Rows `range` of `doc`: a screen's worth, or all of them.
    pub fn rows<'a>(
        &'a self,
        doc: &'a Document,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = Row> + 'a {
        range.map_while(|i| self.row(doc, i))
    }

    /// Whether block `block` has rows here: every block has in a whole layout, a window's
    /// blocks only.
    pub fn has_block(&self, block: usize) -> bool {
        block >= self.first
            && block - self.first < self.block_rows.len()
            && self.block_row(block) < self.len()
    }

    /// The first row of a block: 0 for a block before a window, the end for one after it.
    pub fn block_row(&self, block: usize) -> usize {
        match block.checked_sub(self.first) {
            None => 0,
            Some(i) => self
                .block_rows
                .get(i)
                .map_or(self.starts.len(), |&r| r as usize),
        }
    }

    /// The block a row belongs to (a blank row belongs to the block after it).
    pub fn block_at(&self, row: usize) -> usize {
        // the blocks whose first text row is at or before the row: the last of them, or for
        // a blank row the one after it
        let at_or_before = self.block_rows.partition_point(|&r| r as usize <= row);
        let blank = self.starts.get(row).is_none_or(|&s| s == BLANK);
        let block = if blank {
            at_or_before
        } else {
            at_or_before.saturating_sub(1)
        };
        self.first + block.min(self.block_rows.len().saturating_sub(1))
    }

    /// The row holding byte `byte` of block `block`.
    pub fn row_of(&self, block: usize, byte: usize) -> usize {
        let first = self.block_row(block);
        let end = self.block_row(block + 1).min(self.starts.len());
        let span = &self.starts[first.min(end)..end];
        let after = span.partition_point(|&s| s != BLANK && (s as usize) <= byte);
        first + after.saturating_sub(1)
    }

    /// The text position at the start of a row, to find again after a resize.
    pub fn anchor(&self, row: usize) -> Anchor {
        match self.starts.get(row) {
            Some(&start) if start != BLANK => Anchor {
                block: self.block_at(row),
                byte: start as usize,
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

    /// Wraps block `index` onto the rows, after the blank rows that part it from the one
    /// before.
    fn push_block(&mut self, doc: &Document, index: usize, after_another: bool) {
        let block = doc.block(index);
        if after_another {
            self.starts.push(BLANK);
            if block.kind == BlockKind::Heading {
                self.starts.push(BLANK);
            }
        }
        let row = self.rows_u32();
        self.block_rows.push(row);
        let text_width = self.width.saturating_sub(block.marker_width()).max(1);
        for (start, _) in wrap::wrapped(block.text, text_width) {
            self.starts
                .push(u32::try_from(start).unwrap_or(u32::MAX - 1));
        }
        if self.rows_u32() == row {
            self.starts.push(0);
        }
    }
}

/// Byte ranges of `text` wrapped to `width` columns; long words are broken.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<(usize, usize)> {
    wrap::wrapped(text, width).collect()
}

/// The text of a row, with the block's marker or an indent of its width.
pub fn row_text<'a>(doc: &'a Document, row: &Row) -> (Cow<'static, str>, &'a str) {
    match *row {
        Row::Blank => (Cow::Borrowed(""), ""),
        Row::Text {
            block,
            start,
            end,
            first,
        } => {
            let block = doc.block(block as usize);
            let marker = if first {
                block.marker()
            } else {
                Cow::Owned(" ".repeat(block.marker_width()))
            };
            (marker, &block.text[start as usize..end as usize])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::model::{Article, FaqEntry, Section};
    use crate::article::parse;
    use unicode_width::UnicodeWidthStr;

    /// The rows as the layout once stored them, one whole value a row.
    fn explicit_rows(doc: &Document, width: usize) -> Vec<Row> {
        let mut rows = Vec::new();
        for (index, block) in doc.blocks().enumerate() {
            if index > 0 {
                rows.push(Row::Blank);
                if block.kind == BlockKind::Heading {
                    rows.push(Row::Blank);
                }
            }
            let text_width = width.saturating_sub(block.marker_width()).max(1);
            for (k, (start, end)) in wrap::wrapped(block.text, text_width).enumerate() {
                rows.push(Row::Text {
                    block: index as u32,
                    start: start as u32,
                    end: end as u32,
                    first: k == 0,
                });
            }
        }
        rows
    }

    #[test]
    fn rows_kept_as_starts_are_the_wrapped_ranges_with_blanks_between() {
        let url = "https://example.com/a/very/long/path/that/goes/on/and/on";
        let article = Article {
            title: "A title".to_owned(),
            lead: vec!["   spaces lead   this  lead, and  trail   ".to_owned()],
            sections: vec![
                Section {
                    heading: "Wide 漢字漢字 heading".to_owned(),
                    paragraphs: vec![
                        format!("see {url} now"),
                        String::new(),
                        "e\u{301}e\u{301} 👨\u{200d}👩\u{200d}👧 family".to_owned(),
                    ],
                },
                Section {
                    heading: "Two".to_owned(),
                    paragraphs: vec!["one two three four five six seven".to_owned()],
                },
            ],
            key_points: vec!["a point".to_owned(), url.to_owned()],
            summary: vec!["All.".to_owned()],
            faq: vec![FaqEntry {
                question: "Why so?".to_owned(),
                answer: vec!["Because it is so, and so on.".to_owned()],
            }],
        };
        let doc = Document::new(&article);
        for width in 1..50 {
            let layout = Layout::new(&doc, width);
            let expected = explicit_rows(&doc, width);
            let rows: Vec<Row> = layout.rows(&doc, 0..usize::MAX).collect();
            assert_eq!(rows, expected, "width {width}");
            for (i, row) in expected.iter().enumerate() {
                if let Row::Text { block, start, .. } = *row {
                    assert_eq!(layout.block_at(i), block as usize, "width {width} row {i}");
                    assert_eq!(layout.row_of(block as usize, start as usize), i);
                    assert_eq!(layout.row_of_anchor(layout.anchor(i)), i);
                } else {
                    // a blank row belongs to the block after it
                    let next = expected[i..].iter().find_map(|r| match r {
                        Row::Text { block, .. } => Some(*block as usize),
                        Row::Blank => None,
                    });
                    assert_eq!(Some(layout.block_at(i)), next);
                }
            }
        }
    }

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
        for (b, block) in doc.blocks().enumerate() {
            let text: Vec<&str> = (0..layout.len())
                .filter_map(|i| match layout.row(&doc, i)? {
                    Row::Text {
                        block, start, end, ..
                    } if block as usize == b => Some(&doc.text(b)[start as usize..end as usize]),
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
