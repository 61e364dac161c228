//! An article flattened into blocks in reading order, with its outline: what layout and search work on.
//!
//! A document holds the text it was parsed from and its blocks are spans of that text, so a
//! big article is held once, not once as the file and again as paragraphs. What the text
//! does not hold word for word (a heading as the subheadings table spells it, the fixed
//! headings, a derived title) is kept beside it.

use super::model::Article;
use std::borrow::Cow;

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

/// Where a block comes from in the article: what a bookmark or a reading position names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutlineEntry {
    pub part: Part,
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

/// One paragraph-like unit, as the document stores it: where it comes from and a span of
/// the text, in 16 bytes (a big article has a hundred thousand blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stored {
    /// Which [`Origin`] the block has; the kind follows from it.
    tag: Tag,
    /// The origin's first index: the section, key point, question or lead paragraph. A
    /// paragraph's index within its section or answer is its distance from their first block.
    index: u32,
    /// Bytes `start..end` of the text: the source, then what was kept beside it.
    start: u32,
    end: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Title,
    Lead,
    SectionHeading,
    SectionParagraph,
    KeyPointsHeading,
    KeyPoint,
    SummaryHeading,
    Summary,
    FaqHeading,
    Question,
    Answer,
}

impl Tag {
    /// The tag and first index of an origin.
    fn of(origin: Origin) -> (Tag, usize) {
        match origin {
            Origin::Title => (Tag::Title, 0),
            Origin::Lead(i) => (Tag::Lead, i),
            Origin::SectionHeading(i) => (Tag::SectionHeading, i),
            Origin::SectionParagraph(i, _) => (Tag::SectionParagraph, i),
            Origin::KeyPointsHeading => (Tag::KeyPointsHeading, 0),
            Origin::KeyPoint(i) => (Tag::KeyPoint, i),
            Origin::SummaryHeading => (Tag::SummaryHeading, 0),
            Origin::Summary(i) => (Tag::Summary, i),
            Origin::FaqHeading => (Tag::FaqHeading, 0),
            Origin::Question(q) => (Tag::Question, q),
            Origin::Answer(q, _) => (Tag::Answer, q),
        }
    }

    fn kind(self) -> BlockKind {
        match self {
            Tag::Title => BlockKind::Title,
            Tag::Lead => BlockKind::Lead,
            Tag::SectionHeading | Tag::KeyPointsHeading | Tag::SummaryHeading | Tag::FaqHeading => {
                BlockKind::Heading
            }
            Tag::SectionParagraph | Tag::Summary => BlockKind::Paragraph,
            Tag::KeyPoint => BlockKind::KeyPoint,
            Tag::Question => BlockKind::Question,
            Tag::Answer => BlockKind::Answer,
        }
    }
}

/// One paragraph-like unit: wrapped as a whole, with a marker (`3. `, `Q: `) before its
/// first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block<'a> {
    pub kind: BlockKind,
    pub origin: Origin,
    pub text: &'a str,
}

impl Block<'_> {
    /// What goes before the block's first row: a section's or key point's number, `Q: `
    /// before a question, an indent of its width before an answer.
    pub fn marker(&self) -> Cow<'static, str> {
        match (self.kind, self.origin) {
            (BlockKind::Heading, Origin::SectionHeading(i)) | (_, Origin::KeyPoint(i)) => {
                Cow::Owned(format!("{}. ", i + 1))
            }
            (_, Origin::Question(_)) => Cow::Borrowed("Q: "),
            (_, Origin::Answer(..)) => Cow::Borrowed("   "),
            _ => Cow::Borrowed(""),
        }
    }

    /// The marker's width in columns, without making it.
    pub fn marker_width(&self) -> usize {
        match (self.kind, self.origin) {
            (BlockKind::Heading, Origin::SectionHeading(i)) | (_, Origin::KeyPoint(i)) => {
                digits(i + 1) + 2
            }
            (_, Origin::Question(_) | Origin::Answer(..)) => 3,
            _ => 0,
        }
    }
}

fn digits(mut n: usize) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// How many words `text` has, as `split_whitespace` counts them; ASCII a byte at a time.
fn words(text: &str) -> usize {
    if !text.is_ascii() {
        return text.split_whitespace().count();
    }
    let mut count = 0;
    let mut in_word = false;
    for &b in text.as_bytes() {
        let space = b == b' ' || (b'\t'..=b'\r').contains(&b);
        count += usize::from(!space && !in_word);
        in_word = !space;
    }
    count
}

/// The article as blocks, its outline, and running word counts for "time left".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The text the article was parsed from, when it was: most blocks are spans of it.
    source: String,
    /// Block texts the source does not hold as they are shown.
    beside: String,
    blocks: Vec<Stored>,
    pub outline: Vec<OutlineEntry>,
    /// Words in all blocks before every `WORDS_EVERY`th block; one extra entry holds the
    /// total. The words of the few blocks between are counted when asked for.
    words_before: Vec<u32>,
}

/// Blocks between two running word counts: "time left" counts at most this many paragraphs
/// on a frame, in an article of any size or shape.
const WORDS_EVERY: usize = 64;

pub const KEY_POINTS_HEADING: &str = "Key Points";
pub const SUMMARY_HEADING: &str = "Summary";
pub const FAQ_HEADING: &str = "Frequently Asked Questions";

/// The most text a document holds: its spans are 32-bit.
pub const MAX_TEXT: u64 = u32::MAX as u64;

impl Document {
    /// The document of an article whose texts are its own: they are copied in.
    pub fn new<S: AsRef<str>>(article: &Article<S>) -> Document {
        Document::over(String::new(), |source| {
            let mut doc = Builder::new(source);
            doc.article(article);
            doc
        })
    }

    /// The document of an article parsed from `source`, which it keeps: `parse` is handed
    /// the source and returns the article (borrowing from it) and anything else wanted from
    /// that parse. Texts that are pieces of the source are held as spans of it.
    pub fn from_source<T>(
        source: String,
        parse: impl for<'a> FnOnce(&'a str) -> (Article<&'a str>, T),
    ) -> (Document, T) {
        let mut extra = None;
        let doc = Document::over(source, |text| {
            let (article, more) = parse(text);
            let mut doc = Builder::new(text);
            doc.article(&article);
            extra = Some(more);
            doc
        });
        let more = extra.expect("the parse ran");
        (doc, more)
    }

    fn over(source: String, build: impl FnOnce(&str) -> Builder) -> Document {
        let built = build(&source);
        built.finish(source)
    }

    pub fn len(&self) -> usize {
        self.blocks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Block `index`, which must exist.
    pub fn block(&self, index: usize) -> Block<'_> {
        self.expand(index)
    }

    pub fn get(&self, index: usize) -> Option<Block<'_>> {
        (index < self.blocks.len()).then(|| self.expand(index))
    }

    /// The blocks in reading order.
    pub fn blocks(&self) -> impl DoubleEndedIterator<Item = Block<'_>> + ExactSizeIterator + '_ {
        (0..self.blocks.len()).map(|index| self.expand(index))
    }

    /// The text of block `index`.
    pub fn text(&self, index: usize) -> &str {
        self.span(&self.blocks[index])
    }

    /// Bytes of text in all blocks.
    pub fn text_len(&self) -> usize {
        self.blocks.iter().map(|b| (b.end - b.start) as usize).sum()
    }

    fn expand(&self, index: usize) -> Block<'_> {
        let stored = &self.blocks[index];
        Block {
            kind: stored.tag.kind(),
            origin: self.origin(index),
            text: self.span(stored),
        }
    }

    /// The origin of block `index`: a paragraph's place in its section or answer is counted
    /// from the section's heading or the question.
    fn origin(&self, index: usize) -> Origin {
        let stored = &self.blocks[index];
        let i = stored.index as usize;
        match stored.tag {
            Tag::Title => Origin::Title,
            Tag::Lead => Origin::Lead(i),
            Tag::SectionHeading => Origin::SectionHeading(i),
            Tag::SectionParagraph => {
                // sections are the outline's first entries, in order
                let heading = self
                    .outline
                    .get(i)
                    .filter(|e| e.part == Part::Section(i))
                    .map_or(0, |e| e.block);
                Origin::SectionParagraph(i, index.saturating_sub(heading + 1))
            }
            Tag::KeyPointsHeading => Origin::KeyPointsHeading,
            Tag::KeyPoint => Origin::KeyPoint(i),
            Tag::SummaryHeading => Origin::SummaryHeading,
            Tag::Summary => Origin::Summary(i),
            Tag::FaqHeading => Origin::FaqHeading,
            Tag::Question => Origin::Question(i),
            Tag::Answer => {
                // the FAQ's blocks are in question order: the first with this index is the
                // question
                let faq = self
                    .outline
                    .iter()
                    .rev()
                    .find(|e| e.part == Part::Faq)
                    .map_or(0, |e| e.block);
                let question = faq
                    + self.blocks[faq..index]
                        .partition_point(|b| b.tag == Tag::FaqHeading || (b.index as usize) < i);
                Origin::Answer(i, index.saturating_sub(question + 1))
            }
        }
    }

    fn span(&self, stored: &Stored) -> &str {
        let (start, end) = (stored.start as usize, stored.end as usize);
        let split = self.source.len();
        if start < split {
            &self.source[start..end]
        } else {
            &self.beside[start - split..end - split]
        }
    }

    /// The line of the text parsed from where block `index` starts (from 1), when the block
    /// is a piece of that text.
    pub fn source_line(&self, index: usize) -> Option<usize> {
        let start = self.blocks.get(index)?.start as usize;
        (start < self.source.len()).then(|| {
            self.source.as_bytes()[..start]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1
        })
    }

    /// The sections as the article has them: each heading with its paragraphs.
    pub fn sections(&self) -> Vec<super::model::Section> {
        let mut sections: Vec<super::model::Section> = Vec::new();
        for block in self.blocks() {
            match block.origin {
                Origin::SectionHeading(_) => sections.push(super::model::Section {
                    heading: block.text.to_owned(),
                    paragraphs: Vec::new(),
                }),
                Origin::SectionParagraph(..) => {
                    if let Some(section) = sections.last_mut() {
                        section.paragraphs.push(block.text.to_owned());
                    }
                }
                _ => {}
            }
        }
        sections
    }

    /// How many sections the article has: the outline's first entries.
    pub fn section_count(&self) -> usize {
        self.outline
            .partition_point(|e| matches!(e.part, Part::Section(_)))
    }

    /// What the sidebar calls an entry: a section's heading, or the part's name.
    pub fn label(&self, entry: &OutlineEntry) -> &str {
        match entry.part {
            Part::Section(_) => self.text(entry.block),
            Part::KeyPoints => KEY_POINTS_HEADING,
            Part::Summary => SUMMARY_HEADING,
            Part::Faq => "FAQ",
        }
    }

    /// Words from block `block` to the end.
    pub fn words_from(&self, block: usize) -> usize {
        let total = self.total_words();
        if block >= self.blocks.len() {
            return 0;
        }
        // the running count at the last checkpoint, and the blocks since it counted now
        let checkpoint = block / WORDS_EVERY;
        let counted = self
            .words_before
            .get(checkpoint)
            .map_or(total, |&w| w as usize);
        let since: usize = (checkpoint * WORDS_EVERY..block)
            .map(|b| words(self.text(b)))
            .sum();
        total.saturating_sub(counted + since)
    }

    pub fn total_words(&self) -> usize {
        self.words_before.last().map_or(0, |&w| w as usize)
    }

    /// The outline entry a block belongs to: the last whose heading is at or before it.
    pub fn entry_of_block(&self, block: usize) -> Option<usize> {
        self.outline
            .partition_point(|e| e.block <= block)
            .checked_sub(1)
    }
}

/// Collects the blocks of an article as spans: of the source where a text is a piece of it,
/// else of the text kept beside it.
struct Builder {
    /// Where the source lies in memory, to tell its pieces from texts of their own.
    source_at: usize,
    source_len: usize,
    beside: String,
    blocks: Vec<Stored>,
    outline: Vec<OutlineEntry>,
    words_before: Vec<u32>,
    words: u32,
}

impl Builder {
    fn new(source: &str) -> Builder {
        Builder {
            source_at: source.as_ptr() as usize,
            source_len: source.len(),
            beside: String::new(),
            blocks: Vec::new(),
            outline: Vec::new(),
            words_before: Vec::new(),
            words: 0,
        }
    }

    fn article<S: AsRef<str>>(&mut self, article: &Article<S>) {
        // at most one block a text, with the three parts' headings: a big article's list is
        // made at its size, not grown to twice it
        self.blocks.reserve_exact(article.texts().count() + 3);
        let title = article.title.as_ref();
        // a title taken from the lead's first sentence is not repeated above it: the lead is
        // shown whole, as the standfirst, and the reader's header line names the article
        let from_lead = article
            .lead
            .first()
            .is_some_and(|first| first.as_ref().starts_with(title.trim_end_matches('…')));
        if !from_lead || title.is_empty() {
            self.push(title, Origin::Title);
        }
        for (i, paragraph) in article.lead.iter().enumerate() {
            if !paragraph.as_ref().is_empty() {
                self.push(paragraph.as_ref(), Origin::Lead(i));
            }
        }
        for (i, section) in article.sections.iter().enumerate() {
            self.entry(Part::Section(i));
            let heading = section.heading.as_ref();
            self.push(heading, Origin::SectionHeading(i));
            for (p, paragraph) in section.paragraphs.iter().enumerate() {
                let origin = Origin::SectionParagraph(i, p);
                self.push(paragraph.as_ref(), origin);
            }
        }
        if !article.key_points.is_empty() {
            self.entry(Part::KeyPoints);
            let origin = Origin::KeyPointsHeading;
            self.push(KEY_POINTS_HEADING, origin);
            for (i, point) in article.key_points.iter().enumerate() {
                self.push(point.as_ref(), Origin::KeyPoint(i));
            }
        }
        if !article.summary.is_empty() {
            self.entry(Part::Summary);
            self.push(SUMMARY_HEADING, Origin::SummaryHeading);
            for (p, paragraph) in article.summary.iter().enumerate() {
                self.push(paragraph.as_ref(), Origin::Summary(p));
            }
        }
        if !article.faq.is_empty() {
            self.entry(Part::Faq);
            self.push(FAQ_HEADING, Origin::FaqHeading);
            for (q, entry) in article.faq.iter().enumerate() {
                let question = entry.question.as_ref();
                self.push(question, Origin::Question(q));
                for (p, paragraph) in entry.answer.iter().enumerate() {
                    self.push(paragraph.as_ref(), Origin::Answer(q, p));
                }
            }
        }
    }

    fn push(&mut self, text: &str, origin: Origin) {
        if self.blocks.len().is_multiple_of(WORDS_EVERY) {
            self.words_before.push(self.words);
        }
        self.words = self
            .words
            .saturating_add(u32::try_from(words(text)).unwrap_or(u32::MAX));
        let (start, end) = self.place(text);
        let (tag, index) = Tag::of(origin);
        self.blocks.push(Stored {
            tag,
            index: u32::try_from(index).unwrap_or(u32::MAX),
            start,
            end,
        });
    }

    /// Where `text` is in the document's text: in the source when it is a piece of it.
    fn place(&mut self, text: &str) -> (u32, u32) {
        let at = text.as_ptr() as usize;
        let start = if at >= self.source_at && at + text.len() <= self.source_at + self.source_len {
            at - self.source_at
        } else {
            let start = self.source_len + self.beside.len();
            self.beside.push_str(text);
            start
        };
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (clamp(start), clamp(start + text.len()))
    }

    fn entry(&mut self, part: Part) {
        self.outline.push(OutlineEntry {
            part,
            block: self.blocks.len(),
        });
    }

    fn finish(mut self, source: String) -> Document {
        self.words_before.push(self.words);
        Document {
            source,
            beside: self.beside,
            blocks: self.blocks,
            outline: self.outline,
            words_before: self.words_before,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::parse::{parse, parse_borrowed};

    const TEXT: &str = "A title line\nThe lead is a longer paragraph than the title.\nArticle Subheadings\n1) First Part\n2) Second Part\nFirst part:\nOne.\nTwo.\nSecond Part\nThree.\nNo. | Key Points |\n1 | A point |\nSummary\nAll of it.\nFAQ\nQ: Why?\nA: Because.\n";

    #[test]
    fn a_document_over_its_source_equals_one_over_copies() {
        let copied = Document::new(&parse(TEXT).article);
        let (spanned, warnings) = Document::from_source(TEXT.to_owned(), |text| {
            let parsed = parse_borrowed(text);
            (parsed.article, parsed.warnings)
        });
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(copied.blocks().eq(spanned.blocks()));
        assert_eq!(copied.outline, spanned.outline);
        assert_eq!(copied.total_words(), spanned.total_words());
        // only what the source does not hold as shown is kept beside it
        assert_eq!(
            spanned.beside,
            "Key PointsSummaryFrequently Asked Questions"
        );
        assert_eq!(spanned.label(&spanned.outline[0]), "First Part");
    }

    #[test]
    fn markers_number_sections_and_points() {
        let doc = Document::new(&parse(TEXT).article);
        let markers: Vec<(String, usize)> = doc
            .blocks()
            .map(|b| (b.marker().into_owned(), b.marker_width()))
            .filter(|(m, _)| !m.is_empty())
            .collect();
        let expected = [("1. ", 3), ("2. ", 3), ("1. ", 3), ("Q: ", 3), ("   ", 3)];
        let expected: Vec<(String, usize)> =
            expected.iter().map(|&(m, w)| (m.to_owned(), w)).collect();
        assert_eq!(markers, expected);
        let tenth = Block {
            kind: BlockKind::Heading,
            origin: Origin::SectionHeading(9),
            text: "",
        };
        assert_eq!((tenth.marker().as_ref(), tenth.marker_width()), ("10. ", 4));
    }

    #[test]
    fn words_are_counted_as_split_whitespace_counts_them() {
        for text in [
            "",
            " ",
            "one",
            " two  words ",
            "a\tb\nc\u{b}d\u{c}e\rf",
            "x\u{1f}y",
            "é è",
            "a\u{a0}b c",
        ] {
            assert_eq!(words(text), text.split_whitespace().count(), "{text:?}");
        }
    }

    #[test]
    fn words_left_are_right_across_many_checkpoints() {
        let mut text = String::new();
        for i in 0..150 {
            text.push_str(&format!(
                "Lead paragraph {i} has {} words here.\n",
                "more ".repeat(i % 7)
            ));
        }
        text.push_str("Article Subheadings\n1) One\n2) Two\nOne\n");
        for i in 0..100 {
            text.push_str(&format!("Paragraph {i} of one.\n"));
        }
        text.push_str("Two\nLast words.\n");
        let doc = Document::new(&parse(&text).article);
        assert!(doc.len() > 3 * WORDS_EVERY, "{} blocks", doc.len());
        assert_eq!(doc.section_count(), 2);
        for block in 0..=doc.len() + 1 {
            let counted: usize = (block.min(doc.len())..doc.len())
                .map(|b| words(doc.text(b)))
                .sum();
            assert_eq!(doc.words_from(block), counted, "block {block}");
        }
    }

    #[test]
    fn origins_and_words_come_back_as_they_went_in() {
        let article = parse(TEXT).article;
        let doc = Document::new(&article);
        let origins: Vec<Origin> = doc.blocks().map(|b| b.origin).collect();
        assert_eq!(
            origins,
            [
                Origin::Title,
                Origin::Lead(0),
                Origin::SectionHeading(0),
                Origin::SectionParagraph(0, 0),
                Origin::SectionParagraph(0, 1),
                Origin::SectionHeading(1),
                Origin::SectionParagraph(1, 0),
                Origin::KeyPointsHeading,
                Origin::KeyPoint(0),
                Origin::SummaryHeading,
                Origin::Summary(0),
                Origin::FaqHeading,
                Origin::Question(0),
                Origin::Answer(0, 0),
            ]
        );
        let two = parse("Lead here.\nFAQ\nQ: One?\nA: a.\nb.\nQ: Two?\nA: c.\nd.\ne.\n").article;
        let doc = Document::new(&two);
        let answers: Vec<Origin> = doc
            .blocks()
            .map(|b| b.origin)
            .filter(|o| matches!(o, Origin::Answer(..)))
            .collect();
        let expected = [(0, 0), (0, 1), (1, 0), (1, 1), (1, 2)].map(|(q, p)| Origin::Answer(q, p));
        assert_eq!(answers, expected);
        // words left from each block: counted within its part, summed after it
        for block in 0..=doc.len() {
            let counted: usize = (block..doc.len()).map(|b| words(doc.text(b))).sum();
            assert_eq!(doc.words_from(block), counted, "block {block}");
        }
        assert_eq!(doc.total_words(), doc.words_from(0));
    }
}
