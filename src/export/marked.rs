//! Highlights placed in an article for export: which words of which paragraph are marked,
//! and their notes, numbered as footnotes.

use crate::article::document::{Document, Origin};
use crate::article::Article;
use crate::store::Highlight;
use std::collections::HashMap;

/// A piece of a paragraph: its words, and whether they are highlighted (with the number of
/// the note that ends there, if one does).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Marked(&'a str, Option<usize>),
}

/// An article's highlights, by the paragraph they fall in.
#[derive(Debug, Clone, Default)]
pub struct Marked {
    /// Byte ranges of each paragraph's text (as the article holds it) and the note ending
    /// there, in order.
    spans: HashMap<Origin, Vec<(usize, usize, Option<usize>)>>,
    /// The notes, footnote 1 first.
    pub notes: Vec<String>,
}

impl Marked {
    /// Where `highlights` are in `article` now; one whose words are gone is left out.
    pub fn of<S: AsRef<str>>(article: &Article<S>, highlights: &[Highlight]) -> Marked {
        let doc = Document::new(article);
        let mut found: Vec<_> = highlights
            .iter()
            .filter_map(|h| Some((h.passage.resolve(&doc).range()?, h)))
            .collect();
        found.sort_by_key(|(range, _)| *range);
        let mut marked = Marked::default();
        for (range, highlight) in found {
            let note = (!highlight.note.trim().is_empty()).then(|| {
                marked.notes.push(highlight.note.trim().to_owned());
                marked.notes.len()
            });
            for block in range.start.block..=range.end.block {
                let text = doc.text(block);
                if let Some((start, end)) = range.in_block(block, text.len()) {
                    let ends = block == range.end.block;
                    marked
                        .spans
                        .entry(doc.block(block).origin)
                        .or_default()
                        .push((start, end, note.filter(|_| ends)));
                }
            }
        }
        marked
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// `text`, the paragraph at `origin`, in pieces: plain and highlighted.
    pub fn pieces<'a>(&self, origin: Origin, text: &'a str) -> Vec<Piece<'a>> {
        let Some(spans) = self.spans.get(&origin) else {
            return vec![Piece::Plain(text)];
        };
        let mut pieces = Vec::new();
        let mut at = 0;
        for &(start, end, note) in spans {
            let fits = start >= at
                && end <= text.len()
                && text.is_char_boundary(start)
                && text.is_char_boundary(end);
            if !fits {
                continue;
            }
            if start > at {
                pieces.push(Piece::Plain(&text[at..start]));
            }
            pieces.push(Piece::Marked(&text[start..end], note));
            at = end;
        }
        if at < text.len() {
            pieces.push(Piece::Plain(&text[at..]));
        }
        pieces
    }
}
