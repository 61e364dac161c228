//! An article flattened into blocks in reading order, with its outline: what layout and search work on.

use super::model::Article;

/// What a block of text is, which decides how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    Lead,
    /// A section heading, or the heading of Key Points, Summary or the FAQ.
    Heading,
    Paragraph,
    KeyPoint,
    Question,
    Answer,
}

/// One paragraph-like unit: wrapped as a whole, with a marker (`3. `, `Q `) before its first row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub marker: String,
    pub text: String,
    pub origin: Origin,
}

/// Where a block comes from in the article: what a bookmark or a reading position names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Title,
    /// Paragraph N of the lead.
    Lead(usize),
    /// The heading of section N.
    SectionHeading(usize),
    /// Section N, paragraph M.
    SectionParagraph(usize, usize),
    KeyPointsHeading,
    KeyPoint(usize),
    SummaryHeading,
    Summary(usize),
    FaqHeading,
    /// Question N of the FAQ.
    Question(usize),
    /// Question N, answer paragraph M.
    Answer(usize, usize),
}

/// What an outline entry points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A section, by its index in the article.
    Section(usize),
    KeyPoints,
    Summary,
    Faq,
}

/// An entry of the sidebar: a part of the article and the block its heading is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineEntry {
    pub part: Part,
    pub label: String,
    pub block: usize,
}

impl OutlineEntry {
    /// The number shown beside a section, as the subheadings table numbers it.
    pub fn number(&self) -> Option<usize> {
        match self.part {
            Part::Section(i) => Some(i + 1),
            _ => None,
        }
    }
}

/// The article as blocks, its outline, and running word counts for "time left".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub outline: Vec<OutlineEntry>,
    /// Words in all blocks before each block; one extra entry holds the total.
    words_before: Vec<usize>,
}

pub const KEY_POINTS_HEADING: &str = "Key Points";
pub const SUMMARY_HEADING: &str = "Summary";
pub const FAQ_HEADING: &str = "Frequently Asked Questions";

impl Document {
    pub fn new(article: &Article) -> Document {
        let mut doc = Builder::default();
        // a title taken from the lead's first sentence is not repeated above it: the lead is
        // shown whole, as the standfirst, and the reader's header line names the article
        let from_lead = article
            .lead
            .first()
            .is_some_and(|first| first.starts_with(article.title.trim_end_matches('…')));
        if !from_lead || article.title.is_empty() {
            doc.push(BlockKind::Title, "", &article.title, Origin::Title);
        }
        for (i, paragraph) in article.lead.iter().enumerate() {
            if !paragraph.is_empty() {
                doc.push(BlockKind::Lead, "", paragraph, Origin::Lead(i));
            }
        }
        for (i, section) in article.sections.iter().enumerate() {
            doc.entry(Part::Section(i), &section.heading);
            doc.push(
                BlockKind::Heading,
                &format!("{}. ", i + 1),
                &section.heading,
                Origin::SectionHeading(i),
            );
            for (p, paragraph) in section.paragraphs.iter().enumerate() {
                doc.push(
                    BlockKind::Paragraph,
                    "",
                    paragraph,
                    Origin::SectionParagraph(i, p),
                );
            }
        }
        if !article.key_points.is_empty() {
            doc.entry(Part::KeyPoints, KEY_POINTS_HEADING);
            doc.push(
                BlockKind::Heading,
                "",
                KEY_POINTS_HEADING,
                Origin::KeyPointsHeading,
            );
            for (i, point) in article.key_points.iter().enumerate() {
                doc.push(
                    BlockKind::KeyPoint,
                    &format!("{}. ", i + 1),
                    point,
                    Origin::KeyPoint(i),
                );
            }
        }
        if !article.summary.is_empty() {
            doc.entry(Part::Summary, SUMMARY_HEADING);
            doc.push(
                BlockKind::Heading,
                "",
                SUMMARY_HEADING,
                Origin::SummaryHeading,
            );
            for (p, paragraph) in article.summary.iter().enumerate() {
                doc.push(BlockKind::Paragraph, "", paragraph, Origin::Summary(p));
            }
        }
        if !article.faq.is_empty() {
            doc.entry(Part::Faq, "FAQ");
            doc.push(BlockKind::Heading, "", FAQ_HEADING, Origin::FaqHeading);
            for (q, entry) in article.faq.iter().enumerate() {
                doc.push(
                    BlockKind::Question,
                    "Q: ",
                    &entry.question,
                    Origin::Question(q),
                );
                for (p, paragraph) in entry.answer.iter().enumerate() {
                    doc.push(BlockKind::Answer, "   ", paragraph, Origin::Answer(q, p));
                }
            }
        }
        doc.finish()
    }

    /// Words from block `block` to the end.
    pub fn words_from(&self, block: usize) -> usize {
        let total = *self.words_before.last().unwrap_or(&0);
        total - self.words_before.get(block).copied().unwrap_or(total)
    }

    pub fn total_words(&self) -> usize {
        *self.words_before.last().unwrap_or(&0)
    }

    /// The outline entry a block belongs to: the last whose heading is at or before it.
    pub fn entry_of_block(&self, block: usize) -> Option<usize> {
        self.outline
            .partition_point(|e| e.block <= block)
            .checked_sub(1)
    }
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    outline: Vec<OutlineEntry>,
    words_before: Vec<usize>,
    words: usize,
}

impl Builder {
    fn push(&mut self, kind: BlockKind, marker: &str, text: &str, origin: Origin) {
        self.words_before.push(self.words);
        self.words += text.split_whitespace().count();
        self.blocks.push(Block {
            kind,
            marker: marker.to_owned(),
            text: text.to_owned(),
            origin,
        });
    }

    fn entry(&mut self, part: Part, label: &str) {
        self.outline.push(OutlineEntry {
            part,
            label: label.to_owned(),
            block: self.blocks.len(),
        });
    }

    fn finish(mut self) -> Document {
        self.words_before.push(self.words);
        Document {
            blocks: self.blocks,
            outline: self.outline,
            words_before: self.words_before,
        }
    }
}
