//! What the filter matches each entry against: its title and path, ready for the matcher,
//! and its tags. Kept between keystrokes and shared with the filter's worker; the texts lie
//! one after another in two buffers, so building them for 100,000 entries allocates nothing
//! an entry.

use super::Entry;
use nucleo_matcher::{Utf32Str, Utf32String};
use std::collections::HashMap;

/// Every entry's haystack, by entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Haystacks {
    /// The ASCII texts, one after another.
    ascii: String,
    /// The other texts' characters (one a grapheme, as the matcher takes them).
    unicode: Vec<char>,
    /// Where each entry's text is.
    spans: Vec<Span>,
    /// The tags of the entries that have some.
    tags: HashMap<usize, Vec<String>>,
}

/// Where one entry's text is, in which buffer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Span {
    Ascii { start: usize, end: usize },
    Unicode { start: usize, end: usize },
}

impl Haystacks {
    /// The haystacks of `entries`, whose tags (by fingerprint) are in `tags`.
    pub fn of(entries: &[Entry], tags: &HashMap<String, Vec<String>>) -> Haystacks {
        let mut haystacks = Haystacks {
            spans: Vec::with_capacity(entries.len()),
            ..Haystacks::default()
        };
        for (e, entry) in entries.iter().enumerate() {
            let span = haystacks.push(entry);
            haystacks.spans.push(span);
            haystacks.tag(e, entry, tags);
        }
        haystacks
    }

    /// Entry `e` changed (its summary came): its text and tags follow. The old text stays
    /// in the buffer, unused.
    pub fn update(&mut self, e: usize, entry: &Entry, tags: &HashMap<String, Vec<String>>) {
        self.spans[e] = self.push(entry);
        self.tag(e, entry, tags);
    }

    /// What entry `e` is matched against: the title, then the path.
    pub fn text(&self, e: usize) -> Utf32Str<'_> {
        match self.spans[e] {
            Span::Ascii { start, end } => Utf32Str::Ascii(&self.ascii.as_bytes()[start..end]),
            Span::Unicode { start, end } => Utf32Str::Unicode(&self.unicode[start..end]),
        }
    }

    /// The tags changed: every entry's follow, its text stays.
    pub fn retag(&mut self, entries: &[Entry], tags: &HashMap<String, Vec<String>>) {
        self.tags.clear();
        for (e, entry) in entries.iter().enumerate() {
            self.tag(e, entry, tags);
        }
    }

    /// Entry `e`'s tags.
    pub fn tags(&self, e: usize) -> &[String] {
        self.tags.get(&e).map_or(&[], Vec::as_slice)
    }

    /// Adds an entry's text to the buffers: where it is.
    fn push(&mut self, entry: &Entry) -> Span {
        let start = self.ascii.len();
        self.ascii.push_str(entry.title());
        self.ascii.push(' ');
        self.ascii.push_str(&entry.file.rel);
        if self.ascii[start..].is_ascii() {
            return Span::Ascii {
                start,
                end: self.ascii.len(),
            };
        }
        // as the matcher's own owned string holds it: a character a grapheme
        let text = self.ascii.split_off(start);
        let start = self.unicode.len();
        match Utf32String::from(text) {
            Utf32String::Unicode(chars) => self.unicode.extend_from_slice(&chars),
            Utf32String::Ascii(text) => self.unicode.extend(text.chars()),
        }
        Span::Unicode {
            start,
            end: self.unicode.len(),
        }
    }

    fn tag(&mut self, e: usize, entry: &Entry, tags: &HashMap<String, Vec<String>>) {
        match entry.fingerprint().and_then(|f| tags.get(f)) {
            Some(tagged) => self.tags.insert(e, tagged.clone()),
            None => self.tags.remove(&e),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::{FoundFile, Info, Summary};

    fn entry(title: &str, rel: &str) -> Entry {
        Entry {
            file: FoundFile {
                source: crate::article::Source::Bundled(rel.to_owned()),
                rel: rel.to_owned(),
                size: 1,
                modified: 0,
            },
            info: Some(Info::Article(Summary {
                title: title.to_owned(),
                fingerprint: format!("fp-{title}"),
                content_hash: String::new(),
                sections: 1,
                words: 1,
            })),
        }
    }

    #[test]
    fn each_entry_is_matched_as_the_matchers_own_string_of_its_title_and_path() {
        let entries = [
            entry("Reef survey", "a/reef.txt"),
            entry("Café crème", "b/café.txt"),
        ];
        let tags = HashMap::from([("fp-Café crème".to_owned(), vec!["food".to_owned()])]);
        let mut haystacks = Haystacks::of(&entries, &tags);
        for (e, entry) in entries.iter().enumerate() {
            let own = Utf32String::from(format!("{} {}", entry.title(), entry.file.rel));
            assert_eq!(haystacks.text(e), own.slice(..));
        }
        assert!(matches!(haystacks.text(1), Utf32Str::Unicode(_)));
        assert_eq!(haystacks.tags(0), [] as [String; 0]);
        assert_eq!(haystacks.tags(1), ["food"]);

        let retitled = entry("Reef survey, revised", "a/reef.txt");
        haystacks.update(0, &retitled, &tags);
        let own = Utf32String::from("Reef survey, revised a/reef.txt");
        assert_eq!(haystacks.text(0), own.slice(..));
        assert_eq!(
            haystacks.text(1).len(),
            "Café crème b/café.txt".chars().count()
        );
    }
}
