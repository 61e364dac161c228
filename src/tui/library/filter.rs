//! Filtering the library as you type: fuzzy on title and path with helix's matcher
//! (nucleo), best matches first, the matched characters of the rows on screen highlighted.
//! What the filter matches is kept as [`Haystacks`], which a [`Job`] takes to the worker.

use super::haystacks::Haystacks;
use super::Entry;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::collections::HashMap;
use std::sync::Arc;

/// The filter typed, and what it matched.
pub struct Filter {
    pub text: String,
    /// `#tag` words: an article must have each of them.
    with: Vec<String>,
    /// `-#tag` words: an article must have none of them.
    without: Vec<String>,
    pattern: Pattern,
    matcher: Matcher,
    /// Matched character positions in each shown entry's title, by entry.
    highlights: HashMap<usize, Vec<usize>>,
}

impl Default for Filter {
    fn default() -> Filter {
        Filter {
            text: String::new(),
            with: Vec::new(),
            without: Vec::new(),
            pattern: Pattern::default(),
            matcher: Matcher::new(Config::DEFAULT.match_paths()),
            highlights: HashMap::new(),
        }
    }
}

impl Clone for Filter {
    fn clone(&self) -> Filter {
        let mut filter = Filter::default();
        filter.set(&self.text);
        filter.highlights = self.highlights.clone();
        filter
    }
}

impl std::fmt::Debug for Filter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Filter").field("text", &self.text).finish()
    }
}

/// What the filter matches against: the title, then the path.
fn haystack(entry: &Entry) -> String {
    format!("{} {}", entry.title(), entry.file.rel)
}

/// A filter to run over a snapshot of the library, off the loop: what [`Filter::apply`]
/// would give on it, with the generation it answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub generation: u64,
    pub text: String,
    /// The entries in the order shown, before the filter.
    pub order: Arc<Vec<usize>>,
    pub haystacks: Arc<Haystacks>,
}

impl Job {
    /// The rows the filter gives: the same as the library's own filter would.
    pub fn run(&self) -> Vec<usize> {
        let mut filter = Filter::default();
        filter.set(&self.text);
        filter.apply(&self.haystacks, &self.order)
    }
}

impl Filter {
    /// The filter as typed: `#tag` and `-#tag` words choose by tags, the rest matches the
    /// title and path fuzzily.
    pub fn set(&mut self, text: &str) {
        use crate::store::tags::normalise;
        self.text = text.to_owned();
        self.with.clear();
        self.without.clear();
        let mut words = Vec::new();
        for word in text.split_whitespace() {
            if let Some(tag) = word.strip_prefix("-#").and_then(normalise) {
                self.without.push(tag);
            } else if let Some(tag) = word.strip_prefix('#').and_then(normalise) {
                self.with.push(tag);
            } else {
                words.push(word);
            }
        }
        self.pattern = Pattern::parse(&words.join(" "), CaseMatching::Smart, Normalization::Smart);
        self.highlights.clear();
    }

    /// Whether an article with `tags` passes the filter's tag words.
    fn tags_pass(&self, tags: &[String]) -> bool {
        let has = |t: &String| tags.contains(t);
        self.with.iter().all(has) && !self.without.iter().any(has)
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// The entries of `order` that match, best first (ties keep `order`); all of them when
    /// the filter is empty.
    pub fn apply(&mut self, haystacks: &Haystacks, order: &[usize]) -> Vec<usize> {
        if self.is_empty() {
            return order.to_vec();
        }
        let order: Vec<usize> = order
            .iter()
            .copied()
            .filter(|&e| self.tags_pass(haystacks.tags(e)))
            .collect();
        if self.pattern.atoms.is_empty() {
            return order;
        }
        let mut scored: Vec<(u32, usize, usize)> = order
            .into_iter()
            .enumerate()
            .filter_map(|(rank, e)| {
                let score = self.pattern.score(haystacks.text(e), &mut self.matcher)?;
                Some((score, rank, e))
            })
            .collect();
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.into_iter().map(|(_, _, e)| e).collect()
    }

    /// Works out the matched characters of the entries on screen (only those: it is cheap).
    pub fn highlight(&mut self, entries: &[Entry], shown: &[usize]) {
        self.highlights.clear();
        if self.is_empty() {
            return;
        }
        let mut buf = Vec::new();
        let mut indices = Vec::new();
        for &e in shown {
            let text = haystack(&entries[e]);
            indices.clear();
            if self
                .pattern
                .indices(
                    Utf32Str::new(&text, &mut buf),
                    &mut self.matcher,
                    &mut indices,
                )
                .is_some()
            {
                let title_chars = entries[e].title().chars().count();
                let mut marked: Vec<usize> = indices
                    .iter()
                    .map(|&i| i as usize)
                    .filter(|&i| i < title_chars)
                    .collect();
                marked.sort_unstable();
                marked.dedup();
                self.highlights.insert(e, marked);
            }
        }
    }

    /// Matched character positions in an entry's title, if it is on screen and matched.
    pub fn highlights(&self, entry: usize) -> &[usize] {
        self.highlights.get(&entry).map_or(&[], Vec::as_slice)
    }
}
