//! What the full-text index is given of an article: its title, its headings, and the words of
//! the rest with each word kept at most [`MOST`] times. Search matches words, never phrases,
//! and bm25 weighs a word's repeats less and less (with the index's weights a second counts for
//! a third of the first, a third for a fifth); so the ranking hardly changes, and the index
//! takes a fraction of the text to build and to keep.

use crate::article::Article;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How many times a word is kept: enough for bm25 to tell a word said once from one an
/// article is about.
pub const MOST: u8 = 3;

/// An article as the index takes it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Words {
    pub title: String,
    /// The sections' headings, one a line.
    pub label: String,
    /// Every other word, each at most [`MOST`] times, in the order first met.
    pub body: String,
}

impl Words {
    pub fn of(article: &Article) -> Words {
        let mut body = Body::default();
        for paragraph in &article.lead {
            body.add(paragraph);
        }
        for section in &article.sections {
            for paragraph in &section.paragraphs {
                body.add(paragraph);
            }
        }
        for text in article.key_points.iter().chain(&article.summary) {
            body.add(text);
        }
        for entry in &article.faq {
            body.add(&entry.question);
            for paragraph in &entry.answer {
                body.add(paragraph);
            }
        }
        let label: Vec<&str> = article
            .sections
            .iter()
            .map(|s| s.heading.as_str())
            .collect();
        Words {
            title: article.title.clone(),
            label: label.join("\n"),
            body: body.text,
        }
    }
}

/// The body as it is gathered, with each word's count so far.
#[derive(Default)]
struct Body {
    text: String,
    counts: HashMap<String, u8, BuildHasherDefault<Fnv>>,
    /// The word being looked at, folded: one buffer for all of them.
    folded: String,
}

impl Body {
    /// Adds the words of `text`. Words are split at whitespace only (every tokenizer splits
    /// there) and ASCII punctuation at their ends is dropped, which the index's tokenizer drops
    /// too; ASCII letters are counted without case, as the index folds them. Whatever else a
    /// word holds is passed on as it is, for the index's tokenizer to split as it would.
    fn add(&mut self, text: &str) {
        for word in text.split_whitespace() {
            let word = word.trim_matches(|c: char| c.is_ascii_punctuation());
            if word.is_empty() {
                continue;
            }
            self.folded.clear();
            self.folded.push_str(word);
            self.folded.make_ascii_lowercase();
            let count = match self.counts.get_mut(self.folded.as_str()) {
                Some(count) => count,
                None => self.counts.entry(self.folded.clone()).or_insert(0),
            };
            if *count < MOST {
                *count += 1;
                if !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.text.push_str(&self.folded);
            }
        }
    }
}

/// FNV-1a: words are short and come from the article itself, so a hash with no defence
/// against chosen keys is fine, and a few times faster than the standard one.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_kept_at_most_three_times_without_case_or_punctuation() {
        let mut body = Body::default();
        body.add("Coral, coral; CORAL. coral reef \"Zürich\" U.S.");
        assert_eq!(body.text, "coral coral coral reef zürich u.s");
    }
}
