//! A place in an article that survives edits: the part (by index and by its heading), the
//! paragraph in it, and a short quote of the text there. Bookmarks are places.

use super::document::{Document, Origin};
use super::layout::Anchor;
use serde::{Deserialize, Serialize};

/// Words a quote keeps at most.
const QUOTE_WORDS: usize = 12;
/// Characters a quote keeps at most.
const QUOTE_CHARS: usize = 90;

/// The part of the article a place is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "part")]
pub enum Spot {
    Lead,
    /// A section, by its index and by its heading (the heading is tried first).
    Section {
        index: usize,
        heading: String,
    },
    KeyPoint {
        index: usize,
    },
    Summary,
    /// A question of the FAQ, by its index and its text.
    Faq {
        index: usize,
        question: String,
    },
}

/// A place: a part, a paragraph in it (`None` for its heading or question), and a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    #[serde(flatten)]
    pub spot: Spot,
    pub paragraph: Option<usize>,
    pub quote: String,
}

/// Why a place could not be found in the article as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gone {
    SectionRemoved,
    KeyPointRemoved,
    QuestionRemoved,
    PartRemoved,
}

impl std::fmt::Display for Gone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Gone::SectionRemoved => "section removed",
            Gone::KeyPointRemoved => "key point removed",
            Gone::QuestionRemoved => "question removed",
            Gone::PartRemoved => "part removed",
        })
    }
}

impl Place {
    /// The place of byte `byte` of block `block`; a part's own heading (Key Points, Summary,
    /// FAQ) stands for the first thing under it. `None` for an empty document.
    pub fn at(doc: &Document, block: usize, byte: usize) -> Option<Place> {
        let mut block = block.min(doc.len().checked_sub(1)?);
        let mut byte = byte;
        while matches!(
            doc.block(block).origin,
            Origin::KeyPointsHeading | Origin::SummaryHeading | Origin::FaqHeading
        ) && block + 1 < doc.len()
        {
            block += 1;
            byte = 0;
        }
        let b = doc.block(block);
        let (spot, paragraph) = match b.origin {
            Origin::Title => (Spot::Lead, None),
            Origin::Lead(p) => (Spot::Lead, Some(p)),
            Origin::SectionHeading(i) => (section_spot(doc, i), None),
            Origin::SectionParagraph(i, p) => (section_spot(doc, i), Some(p)),
            Origin::KeyPoint(index) => (Spot::KeyPoint { index }, None),
            Origin::KeyPointsHeading => (Spot::KeyPoint { index: 0 }, None),
            Origin::Summary(p) => (Spot::Summary, Some(p)),
            Origin::SummaryHeading => (Spot::Summary, None),
            Origin::Question(q) => (faq_spot(doc, q), None),
            Origin::Answer(q, p) => (faq_spot(doc, q), Some(p)),
            Origin::FaqHeading => (faq_spot(doc, 0), None),
        };
        Some(Place {
            spot,
            paragraph,
            quote: quote(b.text, byte),
        })
    }

    /// Where the place is in `doc` now: the heading first, then the quote, then the indexes.
    pub fn resolve(&self, doc: &Document) -> Result<Anchor, Gone> {
        let blocks = || doc.blocks().enumerate();
        match &self.spot {
            Spot::Section { index, heading } => self.in_part(
                doc,
                (*index, heading),
                |o| match o {
                    Origin::SectionHeading(i) => Some(i),
                    _ => None,
                },
                |o| match o {
                    Origin::SectionParagraph(i, p) => Some((i, p)),
                    _ => None,
                },
                Gone::SectionRemoved,
            ),
            Spot::Faq { index, question } => self.in_part(
                doc,
                (*index, question),
                |o| match o {
                    Origin::Question(q) => Some(q),
                    _ => None,
                },
                |o| match o {
                    Origin::Answer(q, p) => Some((q, p)),
                    _ => None,
                },
                Gone::QuestionRemoved,
            ),
            Spot::KeyPoint { index } => self
                .quote_anywhere(doc, |o| matches!(o, Origin::KeyPoint(_)))
                .or_else(|| {
                    blocks()
                        .find(|(_, b)| b.origin == Origin::KeyPoint(*index))
                        .map(|(block, _)| Anchor { block, byte: 0 })
                })
                .ok_or(Gone::KeyPointRemoved),
            Spot::Lead => {
                if self.paragraph.is_none() {
                    return Ok(Anchor::default());
                }
                Ok(self.within(doc, 0, |o| match o {
                    Origin::Lead(p) => Some(p),
                    _ => None,
                }))
            }
            Spot::Summary => {
                let heading = blocks()
                    .find(|(_, b)| b.origin == Origin::SummaryHeading)
                    .map(|(block, _)| block)
                    .ok_or(Gone::PartRemoved)?;
                Ok(self.within(doc, heading, |o| match o {
                    Origin::Summary(p) => Some(p),
                    _ => None,
                }))
            }
        }
    }

    /// A section or a question, found by its heading's text (the one at the old index when
    /// the text is there twice), then the place among its paragraphs; when no heading has
    /// that text now (renamed), the quote wherever such paragraphs are.
    fn in_part(
        &self,
        doc: &Document,
        (index, text): (usize, &str),
        heading_of: impl Fn(Origin) -> Option<usize>,
        paragraph_of: impl Fn(Origin) -> Option<(usize, usize)>,
        gone: Gone,
    ) -> Result<Anchor, Gone> {
        let headings: Vec<(usize, usize)> = doc
            .blocks()
            .enumerate()
            .filter_map(|(b, block)| {
                heading_of(block.origin)
                    .filter(|_| same_text(block.text, text))
                    .map(|i| (i, b))
            })
            .collect();
        let found = headings
            .iter()
            .find(|(i, _)| *i == index)
            .or(headings.first());
        match found {
            Some(&(part, head)) => Ok(self.within(doc, head, |o| {
                paragraph_of(o).filter(|&(i, _)| i == part).map(|(_, p)| p)
            })),
            None => self
                .quote_anywhere(doc, |o| paragraph_of(o).is_some())
                .ok_or(gone),
        }
    }

    /// Inside a found part (its heading at `head`): the quote among its paragraphs, else
    /// the paragraph by index (the last one when there are fewer now), else the heading.
    fn within(
        &self,
        doc: &Document,
        head: usize,
        paragraph_of: impl Fn(Origin) -> Option<usize>,
    ) -> Anchor {
        let Some(wanted) = self.paragraph else {
            return Anchor {
                block: head,
                byte: 0,
            };
        };
        let paragraphs: Vec<(usize, usize)> = doc
            .blocks()
            .enumerate()
            .filter_map(|(b, block)| paragraph_of(block.origin).map(|p| (p, b)))
            .collect();
        // the paragraph at the old index first, so a quote repeated elsewhere never wins over it
        let ordered = paragraphs
            .iter()
            .filter(|(p, _)| *p == wanted)
            .chain(paragraphs.iter().filter(|(p, _)| *p != wanted));
        for &(_, block) in ordered {
            if let Some(byte) = find_quote(doc.text(block), &self.quote) {
                return Anchor { block, byte };
            }
        }
        let by_index = paragraphs
            .iter()
            .find(|(p, _)| *p == wanted)
            .or(paragraphs.last());
        Anchor {
            block: by_index.map_or(head, |&(_, b)| b),
            byte: 0,
        }
    }

    /// The quote in any block whose origin passes `kind`.
    fn quote_anywhere(&self, doc: &Document, kind: impl Fn(Origin) -> bool) -> Option<Anchor> {
        doc.blocks()
            .enumerate()
            .filter(|(_, b)| kind(b.origin))
            .find_map(|(block, b)| {
                find_quote(b.text, &self.quote).map(|byte| Anchor { block, byte })
            })
    }

    /// What makes two places the same bookmark: the part, its index, the paragraph.
    pub fn key(&self) -> (&'static str, usize, Option<usize>) {
        match &self.spot {
            Spot::Lead => ("lead", 0, self.paragraph),
            Spot::Section { index, .. } => ("section", *index, self.paragraph),
            Spot::KeyPoint { index } => ("key_point", *index, None),
            Spot::Summary => ("summary", 0, self.paragraph),
            Spot::Faq { index, .. } => ("faq", *index, self.paragraph),
        }
    }

    /// The place as the reader names it: `3 Recent Developments`, `key point 2`, `FAQ 4`.
    pub fn label(&self) -> String {
        match &self.spot {
            Spot::Lead => "Lead".to_owned(),
            Spot::Section { index, heading } => format!("{} {heading}", index + 1),
            Spot::KeyPoint { index } => format!("Key point {}", index + 1),
            Spot::Summary => "Summary".to_owned(),
            Spot::Faq { index, .. } => format!("FAQ {}", index + 1),
        }
    }
}

fn section_spot(doc: &Document, index: usize) -> Spot {
    let heading = doc
        .blocks()
        .find(|b| b.origin == Origin::SectionHeading(index))
        .map(|b| b.text.to_owned())
        .unwrap_or_default();
    Spot::Section { index, heading }
}

fn faq_spot(doc: &Document, index: usize) -> Spot {
    let question = doc
        .blocks()
        .find(|b| b.origin == Origin::Question(index))
        .map(|b| b.text.to_owned())
        .unwrap_or_default();
    Spot::Faq { index, question }
}

/// Whitespace collapsed and case folded: headings compare equal through small edits.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn same_text(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

/// A short quote of `text` from `byte` (moved back to a character boundary): a few words.
pub fn quote(text: &str, byte: usize) -> String {
    let mut start = byte.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut out = String::new();
    for word in text[start..].split_whitespace().take(QUOTE_WORDS) {
        if out.chars().count() + word.chars().count() + 1 > QUOTE_CHARS && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.chars().take(QUOTE_CHARS).collect()
}

/// Where `quote` starts in `text`, whitespace differences allowed.
fn find_quote(text: &str, quote: &str) -> Option<usize> {
    if quote.is_empty() {
        return None;
    }
    if let Some(at) = text.find(quote) {
        return Some(at);
    }
    // the quote's words in order with any whitespace between them
    let words: Vec<&str> = quote.split_whitespace().collect();
    let first = *words.first()?;
    text.match_indices(first).map(|(at, _)| at).find(|&at| {
        let mut rest = text[at..].split_whitespace();
        words.iter().all(|w| rest.next() == Some(*w))
    })
}
