//! The parsed article: plain serde values, the shape `lede parse` prints.

use serde::{Deserialize, Serialize};

/// One news article in the lede format.
///
/// Its texts are `String`s, or, as the parser first makes them, `&str`s borrowing the text
/// they were read from: the reader keeps that text once rather than a copy of every paragraph.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article<S = String> {
    /// The headline: a title line when the file has one, else the lead's first sentence.
    #[serde(default)]
    pub title: S,
    #[serde(default)]
    pub lead: Vec<S>,
    #[serde(default)]
    pub sections: Vec<Section<S>>,
    #[serde(default)]
    pub key_points: Vec<S>,
    #[serde(default)]
    pub summary: Vec<S>,
    #[serde(default)]
    pub faq: Vec<FaqEntry<S>>,
}

/// A section: its heading as the subheadings table spells it, and its paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section<S = String> {
    pub heading: S,
    #[serde(default)]
    pub paragraphs: Vec<S>,
}

/// One question of the FAQ with its answer's paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntry<S = String> {
    pub question: S,
    #[serde(default)]
    pub answer: Vec<S>,
}

impl<S> Article<S> {
    /// Every text of the article, in reading order (title first).
    pub fn items(&self) -> impl Iterator<Item = &S> {
        std::iter::once(&self.title)
            .chain(&self.lead)
            .chain(
                self.sections
                    .iter()
                    .flat_map(|s| std::iter::once(&s.heading).chain(&s.paragraphs)),
            )
            .chain(&self.key_points)
            .chain(&self.summary)
            .chain(
                self.faq
                    .iter()
                    .flat_map(|f| std::iter::once(&f.question).chain(&f.answer)),
            )
    }
}

impl<S: AsRef<str>> Article<S> {
    /// Every piece of text in the article, in reading order (title first).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items().map(AsRef::as_ref)
    }

    /// Number of words in the article body (title excluded).
    pub fn word_count(&self) -> usize {
        self.texts()
            .skip(1)
            .map(|t| t.split_whitespace().count())
            .sum()
    }

    /// The article with texts of its own.
    pub fn to_owned_article(&self) -> Article {
        self.mapped(|t| t.as_ref().to_owned(), Sections::Kept)
    }

    /// The article with texts of its own but for its sections, which are left out: what a
    /// reader keeps beside a document that holds them.
    pub fn without_sections(&self) -> Article {
        self.mapped(|t| t.as_ref().to_owned(), Sections::Left)
    }

    /// The article with texts that borrow this one's.
    pub fn borrowed(&self) -> Article<&str> {
        self.mapped(AsRef::as_ref, Sections::Kept)
    }

    /// The article with `f` of each text, its sections kept or left out.
    fn mapped<'a, T>(&'a self, f: impl Fn(&'a S) -> T, sections: Sections) -> Article<T> {
        let all = |ts: &'a [S]| ts.iter().map(&f).collect();
        Article {
            title: f(&self.title),
            lead: all(&self.lead),
            sections: match sections {
                Sections::Kept => self
                    .sections
                    .iter()
                    .map(|s| Section {
                        heading: f(&s.heading),
                        paragraphs: all(&s.paragraphs),
                    })
                    .collect(),
                Sections::Left => Vec::new(),
            },
            key_points: all(&self.key_points),
            summary: all(&self.summary),
            faq: self
                .faq
                .iter()
                .map(|e| FaqEntry {
                    question: f(&e.question),
                    answer: all(&e.answer),
                })
                .collect(),
        }
    }
}

/// Whether a copy of an article keeps its sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sections {
    Kept,
    Left,
}

impl Article {
    /// Applies `f` to every string in the article, in place.
    pub fn map_texts(&mut self, mut f: impl FnMut(&str) -> String) {
        let mut apply = |s: &mut String| *s = f(s);
        apply(&mut self.title);
        self.lead.iter_mut().for_each(&mut apply);
        for section in &mut self.sections {
            apply(&mut section.heading);
            section.paragraphs.iter_mut().for_each(&mut apply);
        }
        self.key_points.iter_mut().for_each(&mut apply);
        self.summary.iter_mut().for_each(&mut apply);
        for entry in &mut self.faq {
            apply(&mut entry.question);
            entry.answer.iter_mut().for_each(&mut apply);
        }
    }
}
