//! Exact words of an article that survive its edits: what a highlight is anchored by.
//!
//! A passage keeps the place of its first word (part, heading, paragraph, as a bookmark
//! does), its words exactly (paragraphs joined by a line break), and a little of the text just
//! before and after them. Resolving it in an article finds those words again: where they were,
//! else anywhere (the context deciding between copies), else the run of words that has the
//! most of them in common, else nowhere, and the words are kept to show what was there.

use super::document::Document;
use super::layout::Anchor;
use super::place::Place;
use serde::{Deserialize, Serialize};

/// Characters of context kept on each side.
const CONTEXT_CHARS: usize = 40;
/// Blocks on each side of the place looked through for words like the passage's.
const NEAR_BLOCKS: usize = 12;

/// A span of the document, from `start` up to (not including) `end`; `start <= end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Range {
    pub start: Anchor,
    pub end: Anchor,
}

impl Range {
    /// The span between two ends, whichever comes first.
    pub fn between(a: Anchor, b: Anchor) -> Range {
        Range {
            start: a.min(b),
            end: a.max(b),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.start >= self.end
    }

    /// Bytes of block `block` this range covers, if any.
    pub fn in_block(&self, block: usize, len: usize) -> Option<(usize, usize)> {
        if block < self.start.block || block > self.end.block {
            return None;
        }
        let start = if block == self.start.block {
            self.start.byte
        } else {
            0
        };
        let end = if block == self.end.block {
            self.end.byte
        } else {
            len
        };
        (start < end).then_some((start, end.min(len)))
    }

    pub fn contains(&self, at: Anchor) -> bool {
        self.start <= at && at < self.end
    }
}

/// The words of a passage, anchored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Passage {
    /// Where its first word is.
    #[serde(flatten)]
    pub place: Place,
    /// Its words exactly; one line per paragraph it runs through.
    pub words: String,
    /// The text just before it in its first paragraph.
    #[serde(default)]
    pub before: String,
    /// The text just after it in its last paragraph.
    #[serde(default)]
    pub after: String,
}

/// Where a passage is in an article now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Its words, as they were.
    Exact(Range),
    /// The words nearest to them: the text was edited.
    Near(Range),
    /// Not there any more.
    Changed,
}

impl Found {
    pub fn range(self) -> Option<Range> {
        match self {
            Found::Exact(r) | Found::Near(r) => Some(r),
            Found::Changed => None,
        }
    }
}

impl Passage {
    /// The passage of `range` in `doc`, its ends moved in to the words; `None` when the range
    /// holds no word.
    pub fn of(doc: &Document, range: Range) -> Option<Passage> {
        let range = trim(doc, range)?;
        let words = text_of(doc, range);
        let place = Place::at(doc, range.start.block, range.start.byte)?;
        let first = doc.text(range.start.block);
        let last = doc.text(range.end.block);
        Some(Passage {
            place,
            words,
            before: tail_chars(&first[..range.start.byte], CONTEXT_CHARS).to_owned(),
            after: head_chars(&last[range.end.byte..], CONTEXT_CHARS).to_owned(),
        })
    }

    /// Where the passage is in `doc`.
    pub fn resolve(&self, doc: &Document) -> Found {
        if doc.is_empty() || self.words.trim().is_empty() {
            return Found::Changed;
        }
        let home = self.place.resolve(doc).ok().map(|a| a.block);
        if let Some(range) = self.exact(doc, home) {
            return Found::Exact(range);
        }
        match self.nearest(doc, home) {
            Some(range) => Found::Near(range),
            None => Found::Changed,
        }
    }

    /// The words exactly: in the place's paragraph first, else anywhere; between copies, the
    /// one whose context is most like the passage's, then the nearest to the place.
    fn exact(&self, doc: &Document, home: Option<usize>) -> Option<Range> {
        let lines: Vec<&str> = self.words.split('\n').collect();
        let first = lines[0];
        if first.is_empty() {
            return None;
        }
        let score = |range: Range| {
            let before = &doc.text(range.start.block)[..range.start.byte];
            let after = &doc.text(range.end.block)[range.end.byte..];
            common_suffix(before, &self.before) + common_prefix(after, &self.after)
        };
        let at_home = home
            .into_iter()
            .flat_map(|block| matches_in(doc, block, &lines))
            .max_by_key(|&r| (score(r), std::cmp::Reverse(r)));
        if at_home.is_some() {
            return at_home;
        }
        let home = home.unwrap_or(0);
        (0..doc.len())
            .flat_map(|block| matches_in(doc, block, &lines))
            .max_by_key(|&r| {
                (
                    score(r),
                    std::cmp::Reverse(r.start.block.abs_diff(home)),
                    std::cmp::Reverse(r),
                )
            })
    }

    /// The run of words near the place with the most words in common with the passage
    /// (longer words weighing more than short ones), when they make up most of it.
    fn nearest(&self, doc: &Document, home: Option<usize>) -> Option<Range> {
        let wanted: Vec<String> = tokens(&self.words).map(|(_, _, w)| w).collect();
        if wanted.is_empty() {
            return None;
        }
        let total: usize = wanted.iter().map(|w| weight(w)).sum();
        let (from, to) = match home {
            Some(h) => (
                h.saturating_sub(NEAR_BLOCKS),
                (h + NEAR_BLOCKS + 1).min(doc.len()),
            ),
            None => (0, doc.len().min(NEAR_BLOCKS * 8)),
        };
        let n = wanted.len();
        let mut best: Option<(usize, usize, Range)> = None;
        for block in from..to {
            let text = doc.text(block);
            let words: Vec<(usize, usize, String)> = tokens(text).collect();
            if words.is_empty() {
                continue;
            }
            let width = n.min(words.len());
            let distance = home.map_or(block, |h| block.abs_diff(h));
            for start in 0..=words.len() - width {
                let window = &words[start..start + width];
                let common = in_common(&wanted, window.iter().map(|(_, _, w)| w.as_str()));
                let better = match best {
                    None => common > 0,
                    Some((c, d, _)) => common > c || (common == c && distance < d),
                };
                if better {
                    let range = Range {
                        start: Anchor {
                            block,
                            byte: window[0].0,
                        },
                        end: Anchor {
                            block,
                            byte: window[width - 1].1,
                        },
                    };
                    best = Some((common, distance, range));
                }
            }
        }
        // three fifths of the passage, by weight, must be there
        best.filter(|&(common, _, _)| common * 5 >= total * 3)
            .map(|(_, _, range)| range)
    }
}

/// What a word counts for when comparing: its length, so "the" matters less than "ceasefire".
fn weight(word: &str) -> usize {
    word.chars().count().max(1)
}

/// The text of `range` in `doc`, paragraphs joined by a line break.
pub fn text_of(doc: &Document, range: Range) -> String {
    let mut out = String::new();
    for block in range.start.block..=range.end.block.min(doc.len().saturating_sub(1)) {
        let text = doc.text(block);
        if let Some((start, end)) = range.in_block(block, text.len()) {
            if !out.is_empty() || block > range.start.block {
                out.push('\n');
            }
            out.push_str(&text[start..end]);
        } else if block > range.start.block && block < range.end.block {
            out.push('\n');
        }
    }
    out
}

/// `range` with whitespace at its ends left out, on character boundaries; `None` when
/// nothing but whitespace is in it.
pub fn trim(doc: &Document, range: Range) -> Option<Range> {
    if doc.is_empty() {
        return None;
    }
    let last = doc.len() - 1;
    let clamp = |a: Anchor| {
        let block = a.block.min(last);
        let text = doc.text(block);
        let mut byte = a.byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        Anchor { block, byte }
    };
    let (mut start, mut end) = (clamp(range.start), clamp(range.end));
    // the start moves forward past whitespace, over paragraph ends
    loop {
        let text = doc.text(start.block);
        let rest = &text[start.byte..];
        let skipped = rest.len() - rest.trim_start().len();
        start.byte += skipped;
        if start.byte < text.len() || start.block >= end.block {
            break;
        }
        start = Anchor {
            block: start.block + 1,
            byte: 0,
        };
    }
    // the end moves back past whitespace, over paragraph starts
    loop {
        let text = doc.text(end.block);
        let head = &text[..end.byte];
        end.byte = head.trim_end().len();
        if end.byte > 0 || end.block <= start.block {
            break;
        }
        end = Anchor {
            block: end.block - 1,
            byte: doc.text(end.block - 1).len(),
        };
    }
    (start < end).then_some(Range { start, end })
}

/// Where `lines` (a passage's words, one line a paragraph) are found starting in `block`.
fn matches_in<'a>(
    doc: &'a Document,
    block: usize,
    lines: &'a [&'a str],
) -> impl Iterator<Item = Range> + 'a {
    let text = doc.text(block);
    let first = lines[0];
    text.match_indices(first).filter_map(move |(at, _)| {
        if lines.len() == 1 {
            return Some(Range {
                start: Anchor { block, byte: at },
                end: Anchor {
                    block,
                    byte: at + first.len(),
                },
            });
        }
        // a passage over paragraphs: the first line ends its paragraph, the middle ones are
        // whole paragraphs, the last begins its own
        if at + first.len() != text.len() {
            return None;
        }
        let end_block = block + lines.len() - 1;
        if end_block >= doc.len() {
            return None;
        }
        for (i, line) in lines.iter().enumerate().skip(1) {
            let next = doc.text(block + i);
            let fits = if i + 1 == lines.len() {
                next.starts_with(line)
            } else {
                next == *line
            };
            if !fits {
                return None;
            }
        }
        Some(Range {
            start: Anchor { block, byte: at },
            end: Anchor {
                block: end_block,
                byte: lines[lines.len() - 1].len(),
            },
        })
    })
}

/// Words of `text` with their byte spans, folded for comparing (case, edge punctuation).
fn tokens(text: &str) -> impl Iterator<Item = (usize, usize, String)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let start = at + (rest.len() - rest.trim_start().len());
        if start >= text.len() {
            return None;
        }
        let len = text[start..]
            .find(char::is_whitespace)
            .unwrap_or(text.len() - start);
        at = start + len;
        let word = &text[start..at];
        let folded: String = word
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        Some((start, at, folded))
    })
}

/// How much of `wanted` (with repeats, by weight) is among `words`.
fn in_common<'a>(wanted: &[String], words: impl Iterator<Item = &'a str>) -> usize {
    let mut left: Vec<&str> = wanted.iter().map(String::as_str).collect();
    let mut common = 0;
    for word in words {
        if let Some(i) = left.iter().position(|w| *w == word) {
            left.swap_remove(i);
            common += weight(word);
        }
    }
    common
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// The last `n` characters of `text`.
fn tail_chars(text: &str, n: usize) -> &str {
    let at = text
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if text.chars().count() <= n {
        text
    } else {
        &text[at..]
    }
}

/// The first `n` characters of `text`.
fn head_chars(text: &str, n: usize) -> &str {
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    &text[..end]
}

/// Word and sentence steps inside a paragraph, for moving a selection's end.
pub mod step {
    /// The end of the word after `byte` (or at it).
    pub fn word_end(text: &str, byte: usize) -> usize {
        let rest = &text[byte..];
        let start = byte + (rest.len() - rest.trim_start().len());
        text[start..]
            .find(char::is_whitespace)
            .map_or(text.len(), |len| start + len)
    }

    /// The start of the word after `byte`.
    pub fn next_word_start(text: &str, byte: usize) -> usize {
        let rest = &text[byte..];
        let in_word = rest
            .find(char::is_whitespace)
            .map_or(text.len(), |l| byte + l);
        let rest = &text[in_word..];
        in_word + (rest.len() - rest.trim_start().len())
    }

    /// The start of the word before `byte`.
    pub fn word_start(text: &str, byte: usize) -> usize {
        let head = text[..byte].trim_end();
        head.rfind(char::is_whitespace).map_or(0, |i| {
            i + head[i..].chars().next().map_or(1, char::len_utf8)
        })
    }

    /// The end of the word before `byte` (where the space before it starts).
    pub fn previous_word_end(text: &str, byte: usize) -> usize {
        let start = word_start(text, byte);
        text[..start].trim_end().len()
    }

    /// The end of the sentence after `byte`: past its `.`, `!` or `?` (and closing quotes),
    /// at whitespace or the paragraph's end.
    pub fn sentence_end(text: &str, byte: usize) -> usize {
        let rest = &text[byte..];
        let skip = rest.len() - rest.trim_start().len();
        let mut chars = text[byte + skip..].char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if matches!(c, '.' | '!' | '?') {
                let mut end = byte + skip + i + c.len_utf8();
                while let Some(&(j, q)) = chars.peek() {
                    if matches!(q, '"' | '\'' | '”' | '’' | ')' | '.' | '!' | '?') {
                        end = byte + skip + j + q.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                if chars.peek().is_none_or(|&(_, n)| n.is_whitespace())
                    && !abbreviation(&text[..byte + skip + i], c)
                    && starts_sentence(&text[end..])
                {
                    return end;
                }
            }
        }
        text.len()
    }

    /// Whether the word before a `.` is an abbreviation or an initial (`U.S`, `J`, `Dr`):
    /// its period ends no sentence.
    fn abbreviation(before: &str, mark: char) -> bool {
        if mark != '.' {
            return false;
        }
        let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
        let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        word.contains('.')
            || (letters == 1 && word.chars().all(char::is_uppercase))
            || matches!(
                word,
                "Mr" | "Mrs" | "Ms" | "Dr" | "St" | "Jr" | "Sr" | "vs" | "etc" | "No"
            )
    }

    /// Whether what follows a sentence's end starts another: the end of the text, or a
    /// capital, a digit or an opening quote after the space.
    fn starts_sentence(rest: &str) -> bool {
        rest.trim_start()
            .chars()
            .next()
            .is_none_or(|c| !c.is_lowercase())
    }

    /// The start of the sentence that the text just before `byte` is in, or the
    /// paragraph's start.
    pub fn sentence_start(text: &str, byte: usize) -> usize {
        let head = text[..byte].trim_end().len();
        let mut start = 0;
        loop {
            let end = sentence_end(text, start);
            if end >= head {
                return start;
            }
            let next = next_word_start(text, end);
            if next <= start || next >= head {
                return start;
            }
            start = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse;

    const ARTICLE: &str = "Title: The Harbour\n\nLead:\nThe port reopened on Monday after a storm. Ships queued for days.\n\nSubheadings:\n1. What happened\n2. What next\n\nWhat happened\nThe storm closed the port for a week. Cranes were damaged. Crews worked at night.\n\nA second paragraph here. It has two sentences.\n\nWhat next\nThe council meets on Friday. It will decide on repairs.\n";

    fn doc_of(text: &str) -> Document {
        let parsed = parse(text);
        Document::new(&parsed.article)
    }

    fn block_with(doc: &Document, words: &str) -> usize {
        (0..doc.len())
            .find(|&b| doc.text(b).contains(words))
            .expect("the words are in the article")
    }

    fn range_of(doc: &Document, words: &str) -> Range {
        let block = block_with(doc, words);
        let at = doc.text(block).find(words).unwrap();
        Range {
            start: Anchor { block, byte: at },
            end: Anchor {
                block,
                byte: at + words.len(),
            },
        }
    }

    #[test]
    fn a_passage_resolves_to_its_own_words() {
        let doc = doc_of(ARTICLE);
        let range = range_of(&doc, "Cranes were damaged.");
        let passage = Passage::of(&doc, range).unwrap();
        assert_eq!(passage.words, "Cranes were damaged.");
        assert_eq!(passage.resolve(&doc), Found::Exact(range));
    }

    #[test]
    fn whitespace_at_the_ends_is_left_out() {
        let doc = doc_of(ARTICLE);
        let range = range_of(&doc, " Cranes were damaged. ");
        let passage = Passage::of(&doc, range).unwrap();
        assert_eq!(passage.words, "Cranes were damaged.");
    }

    #[test]
    fn a_passage_over_two_paragraphs_keeps_both() {
        let doc = doc_of(ARTICLE);
        let a = range_of(&doc, "Crews worked at night.");
        let b = range_of(&doc, "A second paragraph");
        let range = Range {
            start: a.start,
            end: b.end,
        };
        let passage = Passage::of(&doc, range).unwrap();
        assert_eq!(passage.words, "Crews worked at night.\nA second paragraph");
        assert_eq!(passage.resolve(&doc), Found::Exact(range));
    }

    #[test]
    fn found_again_after_the_paragraph_is_edited_and_moved() {
        let doc = doc_of(ARTICLE);
        let passage = Passage::of(&doc, range_of(&doc, "Cranes were damaged.")).unwrap();
        // words added before it, and the section moved after another
        let edited = ARTICLE.replace(
            "The storm closed the port for a week.",
            "A fierce storm, the worst in years, closed the port for a week.",
        );
        let doc = doc_of(&edited);
        assert_eq!(
            passage.resolve(&doc),
            Found::Exact(range_of(&doc, "Cranes were damaged."))
        );
        // the heading renamed: the words are found where they are
        let renamed = edited.replace("What happened", "The events");
        let doc = doc_of(&renamed);
        let found = passage.resolve(&doc).range().map(|r| text_of(&doc, r));
        assert_eq!(found.as_deref(), Some("Cranes were damaged."));
    }

    #[test]
    fn edited_words_are_found_near_and_gone_words_are_changed() {
        let doc = doc_of(ARTICLE);
        let passage = Passage::of(&doc, range_of(&doc, "The council meets on Friday.")).unwrap();
        let edited = ARTICLE.replace(
            "The council meets on Friday.",
            "The council meets on Thursday.",
        );
        let doc = doc_of(&edited);
        let found = passage.resolve(&doc);
        assert!(matches!(found, Found::Near(_)), "{found:?}");
        assert_eq!(
            text_of(&doc, found.range().unwrap()),
            "The council meets on Thursday."
        );
        let gone = ARTICLE.replace(
            "The council meets on Friday. It will decide on repairs.",
            "Nobody knows yet.",
        );
        assert_eq!(passage.resolve(&doc_of(&gone)), Found::Changed);
    }

    #[test]
    fn between_two_copies_the_context_decides() {
        let text = ARTICLE.replace("It has two sentences.", "Cranes were damaged. Again.");
        let doc = doc_of(&text);
        let second = {
            let block = block_with(&doc, "Again.");
            let at = doc.text(block).find("Cranes were damaged.").unwrap();
            Range {
                start: Anchor { block, byte: at },
                end: Anchor {
                    block,
                    byte: at + "Cranes were damaged.".len(),
                },
            }
        };
        let passage = Passage::of(&doc, second).unwrap();
        assert_eq!(passage.resolve(&doc), Found::Exact(second));
    }

    #[test]
    fn steps_by_word_and_sentence() {
        let text = "One two. Three \"four.\" Five";
        assert_eq!(step::word_end(text, 0), 3);
        assert_eq!(step::word_end(text, 3), 8);
        assert_eq!(step::next_word_start(text, 0), 4);
        assert_eq!(step::word_start(text, 8), 4);
        assert_eq!(step::previous_word_end(text, 8), 3);
        assert_eq!(step::sentence_end(text, 0), 8);
        assert_eq!(step::sentence_end(text, 8), 22);
        assert_eq!(step::sentence_end(text, 22), text.len());
        assert_eq!(step::sentence_start(text, 22), 9);
        assert_eq!(step::sentence_start(text, 8), 0);
        // abbreviations and initials end no sentence; a lower-case word goes on with it
        let text = "The U.S. Senate met. Mr. Smith and J. Doe spoke. It was 5 p.m. today. Done";
        assert_eq!(&text[..step::sentence_end(text, 0)], "The U.S. Senate met.");
        let second = step::next_word_start(text, step::sentence_end(text, 0));
        assert_eq!(
            &text[second..step::sentence_end(text, second)],
            "Mr. Smith and J. Doe spoke."
        );
    }
}
