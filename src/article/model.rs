//! The parsed article: plain serde values, the shape `lede parse` prints.

use serde::{Deserialize, Serialize};

/// One news article in the lede format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The headline: a title line when the file has one, else the lead's first sentence.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub lead: Vec<String>,
    #[serde(default)]
    pub sections: Vec<Section>,
    #[serde(default)]
    pub key_points: Vec<String>,
    #[serde(default)]
    pub summary: Vec<String>,
    #[serde(default)]
    pub faq: Vec<FaqEntry>,
}

/// A section: its heading as the subheadings table spells it, and its paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Vec<String>,
}

/// One question of the FAQ with its answer's paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaqEntry {
    pub question: String,
    #[serde(default)]
    pub answer: Vec<String>,
}

impl Article {
    /// Every piece of text in the article, in reading order (title first).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.title.as_str())
            .chain(self.lead.iter().map(String::as_str))
            .chain(self.sections.iter().flat_map(|s| {
                std::iter::once(s.heading.as_str()).chain(s.paragraphs.iter().map(String::as_str))
            }))
            .chain(self.key_points.iter().map(String::as_str))
            .chain(self.summary.iter().map(String::as_str))
            .chain(self.faq.iter().flat_map(|f| {
                std::iter::once(f.question.as_str()).chain(f.answer.iter().map(String::as_str))
            }))
    }

    /// Number of words in the article body (title excluded).
    pub fn word_count(&self) -> usize {
        self.texts()
            .skip(1)
            .map(|t| t.split_whitespace().count())
            .sum()
    }

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
