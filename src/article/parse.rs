//! Text in the lede format to an [`Article`], keeping every non-blank line.

use super::markers::{self, KeyPointsHeader};
use super::model::{Article, FaqEntry, Section};
use super::title;
use std::collections::HashSet;
use std::fmt;

/// Something odd about an article that the reader should hear of, but that loses no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line number in the input, where one applies.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A parsed article and what was odd about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<S = String> {
    pub article: Article<S>,
    pub warnings: Vec<Warning>,
}

/// An article whose texts borrow the text it was parsed from, where they are found in it.
pub type Borrowed<'a> = Parsed<&'a str>;

/// One non-blank input line with its 1-based number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// Splits on `\n`, `\r\n` or a lone `\r`, keeping non-blank lines trimmed. Lazily: a big
/// article is not held a second time as a list of its lines.
fn lines(text: &str) -> Lines<'_> {
    Lines {
        rest: text,
        number: 0,
    }
}

#[derive(Debug, Clone)]
struct Lines<'a> {
    rest: &'a str,
    number: usize,
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        while !self.rest.is_empty() {
            self.number += 1;
            let rest = self.rest;
            // a byte search: `\n` and `\r` are never part of another character in UTF-8
            let (line, next) = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
                Some(i) => {
                    let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                    (&rest[..i], &rest[i + skip..])
                }
                None => (rest, ""),
            };
            self.rest = next;
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                return Some(Line {
                    number: self.number,
                    text: trimmed,
                });
            }
        }
        None
    }
}

/// The subheadings table: its canonical entries and which lines it spans (counting the
/// non-blank lines), and its header's line number.
struct Outline<'a> {
    entries: Vec<&'a str>,
    first_line: usize,
    end_line: usize,
    header_number: usize,
}

fn find_outline(mut lines: Lines<'_>) -> Option<Outline<'_>> {
    let start = lines
        .by_ref()
        .position(|l| markers::is_subheadings_header(l.text))?;
    let header_number = lines.number;
    let mut entries: Vec<&str> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut last_number = 0;
    let mut i = start + 1;
    for line in lines {
        if markers::is_separator(line.text) {
            i += 1;
            continue;
        }
        let Some((number, heading)) = markers::subheading_entry(line.text) else {
            break;
        };
        let key = markers::heading_key(heading);
        // a number out of sequence, or an unnumbered repeat, is the body's first heading;
        // a repeat numbered in sequence is a second section of the same name
        let in_sequence = number.map(|n| n == last_number + 1 || entries.is_empty());
        let repeated = keys.contains(&key) && in_sequence != Some(true);
        if in_sequence == Some(false) || repeated || is_marker(line.text) {
            break;
        }
        last_number = number.unwrap_or(last_number + 1);
        entries.push(heading);
        keys.insert(key);
        i += 1;
    }
    Some(Outline {
        entries,
        first_line: start,
        end_line: i,
        header_number,
    })
}

fn is_marker(text: &str) -> bool {
    markers::is_summary_header(text)
        || markers::is_faq_header(text)
        || markers::key_points_header(text) == Some(KeyPointsHeader::Table)
}

/// Where the parser is putting text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Lead,
    Section(usize),
    KeyPoints,
    Summary,
    Faq,
}

/// A block of prose that can take a paragraph the parser cannot place elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Prose {
    Lead,
    Section(usize),
    Summary,
}

struct Builder<'a> {
    article: Article<&'a str>,
    warnings: Vec<Warning>,
    /// The table's entries by heading key.
    keys: EntryKeys,
    /// Table entries not yet seen in the text.
    unseen: usize,
    /// Longest heading key in bytes: a longer line is a paragraph, not a heading.
    longest_key: usize,
    found: Vec<bool>,
    block: Block,
    last_prose: Prose,
    title_line: Option<&'a str>,
}

impl<'a> Builder<'a> {
    fn push_prose(&mut self, prose: Prose, text: &'a str) {
        let target = match prose {
            Prose::Lead => &mut self.article.lead,
            Prose::Section(i) => &mut self.article.sections[i].paragraphs,
            Prose::Summary => &mut self.article.summary,
        };
        target.push(text);
    }

    fn enter_prose(&mut self, prose: Prose) {
        self.last_prose = prose;
        self.block = match prose {
            Prose::Lead => Block::Lead,
            Prose::Section(i) => Block::Section(i),
            Prose::Summary => Block::Summary,
        };
    }

    fn warn(&mut self, line: &Line, message: String) {
        self.warnings.push(Warning {
            line: Some(line.number),
            message,
        });
    }

    /// The section a heading line opens, if it names a table entry not yet seen.
    fn heading_match(&self, text: &str) -> Option<usize> {
        // decoration and a number add a little; anything much longer is prose
        if self.unseen == 0 || text.len() > self.longest_key * 2 + 32 {
            return None;
        }
        let key = markers::heading_key(text);
        let sections = &self.article.sections;
        self.keys.first_unseen(&key, |i| {
            !self.found[i] && markers::heading_key(sections[i].heading) == key
        })
    }

    fn mark_found(&mut self, entry: usize) {
        if !self.found[entry] {
            self.found[entry] = true;
            self.unseen -= 1;
        }
    }

    fn line(&mut self, line: &Line<'a>, next: Option<&Line>, first: bool) {
        let text = line.text;
        // `| Summary |` is a piped line too, but it ends the table rather than adding a row
        let ends_table = markers::is_summary_header(text) || markers::is_faq_header(text);
        if self.block == Block::KeyPoints && !ends_table {
            if let Some(point) = markers::key_point_row(text) {
                self.article.key_points.push(point);
                return;
            }
        }
        if markers::is_separator(text) {
            return; // table rules carry no text
        }
        if let Some(i) = self.heading_match(text) {
            self.mark_found(i);
            self.enter_prose(Prose::Section(i));
            return;
        }
        if let Some(kind) = markers::key_points_header(text) {
            let row_follows = next.is_some_and(|n| {
                markers::is_separator(n.text) || markers::key_point_row(n.text).is_some()
            });
            if kind == KeyPointsHeader::Table || row_follows {
                self.block = Block::KeyPoints;
                return;
            }
        }
        if markers::is_summary_header(text) {
            self.enter_prose(Prose::Summary);
            return;
        }
        if markers::is_faq_header(text) {
            self.block = Block::Faq;
            return;
        }
        match self.block {
            Block::Faq => self.faq_line(line),
            Block::KeyPoints | Block::Summary if markers::question(text).is_some() => {
                self.block = Block::Faq;
                self.faq_line(line);
            }
            Block::KeyPoints => {
                // the table has ended; the text returns to the prose it interrupted
                let prose = self.last_prose;
                self.enter_prose(prose);
                self.push_prose(prose, text);
            }
            Block::Lead => {
                // a heading cannot be the paragraph a title stands over
                let over_paragraph = |n: &Line| {
                    title::is_title_line(text, n.text)
                        && !is_structural(n.text)
                        && self.heading_match(n.text).is_none()
                };
                if first && next.is_some_and(over_paragraph) {
                    self.title_line = Some(text);
                } else {
                    self.article.lead.push(text);
                }
            }
            Block::Section(i) => self.article.sections[i].paragraphs.push(text),
            Block::Summary => self.article.summary.push(text),
        }
    }

    fn faq_line(&mut self, line: &Line<'a>) {
        let text = line.text;
        if let Some(question) = markers::question(text) {
            self.article.faq.push(FaqEntry {
                question,
                answer: Vec::new(),
            });
            return;
        }
        let answer = markers::answer(text)
            .filter(|a| !a.is_empty())
            .unwrap_or(text);
        match self.article.faq.last_mut() {
            Some(entry) => entry.answer.push(answer),
            None => {
                let prose = self.last_prose;
                self.push_prose(prose, text);
                let place = match prose {
                    Prose::Lead => "the lead".to_owned(),
                    Prose::Section(i) => format!("section {}", i + 1),
                    Prose::Summary => "the summary".to_owned(),
                };
                self.warn(
                    line,
                    format!("text before the first FAQ question kept in {place}"),
                );
            }
        }
    }
}

fn is_structural(text: &str) -> bool {
    markers::is_subheadings_header(text) || is_marker(text) || markers::is_separator(text)
}

/// The table's entries by the hash of their heading key, in table order within a hash: a
/// sorted list of 12 bytes an entry, where a map of the keys themselves took ten times that
/// for a table of 20,000 entries.
struct EntryKeys {
    by_hash: Vec<(u64, u32)>,
}

impl EntryKeys {
    fn new(entries: &[&str]) -> EntryKeys {
        let mut by_hash: Vec<(u64, u32)> = entries
            .iter()
            .enumerate()
            .filter_map(|(i, entry)| {
                let key = markers::heading_key(entry);
                let i = u32::try_from(i).ok()?;
                (!key.is_empty()).then(|| (hash(&key), i))
            })
            .collect();
        by_hash.sort_unstable();
        EntryKeys { by_hash }
    }

    fn len(&self) -> usize {
        self.by_hash.len()
    }

    /// The first entry in table order whose key hashes as `key` does and that `wanted`
    /// accepts (not yet found, and, as two keys may share a hash, of that very key).
    fn first_unseen(&self, key: &str, wanted: impl Fn(usize) -> bool) -> Option<usize> {
        let hashed = hash(key);
        let from = self.by_hash.partition_point(|&(h, _)| h < hashed);
        self.by_hash[from..]
            .iter()
            .take_while(|&&(h, _)| h == hashed)
            .map(|&(_, i)| i as usize)
            .find(|&i| wanted(i))
    }
}

fn hash(key: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(key, &mut hasher);
    std::hash::Hasher::finish(&hasher)
}

/// Parses article text (already decoded and sanitised).
pub fn parse(text: &str) -> Parsed {
    let Parsed { article, warnings } = parse_borrowed(text);
    Parsed {
        article: article.to_owned_article(),
        warnings,
    }
}

/// As [`parse`], with every text that is a piece of `text` borrowed from it, not copied: only
/// the headings (as the subheadings table spells them) and a derived title are texts of
/// their own.
pub fn parse_borrowed(text: &str) -> Borrowed<'_> {
    let mut outline = find_outline(lines(text));
    let entries = outline
        .as_mut()
        .map(|o| std::mem::take(&mut o.entries))
        .unwrap_or_default();
    let keys = EntryKeys::new(&entries);
    // an entry with no key (all punctuation) can never be found
    let unseen = keys.len();
    let mut builder = Builder {
        keys,
        unseen,
        longest_key: entries.iter().map(|e| e.len()).max().unwrap_or(0),
        found: vec![false; entries.len()],
        article: Article {
            sections: entries
                .iter()
                .map(|&heading| Section {
                    heading,
                    paragraphs: Vec::new(),
                })
                .collect(),
            ..Article::default()
        },
        warnings: Vec::new(),
        block: Block::Lead,
        last_prose: Prose::Lead,
        title_line: None,
    };
    let skip = outline.as_ref().map_or(0..0, |o| o.first_line..o.end_line);
    let mut body = lines(text)
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(_, l)| l)
        .peekable();
    let mut first = true;
    while let Some(line) = body.next() {
        builder.line(&line, body.peek(), first);
        first = false;
    }
    if let Some(outline) = &outline {
        if entries.is_empty() {
            builder.warnings.push(Warning {
                line: Some(outline.header_number),
                message: "the subheadings table has no entries".into(),
            });
        }
    }
    for (i, found) in builder.found.iter().enumerate() {
        if !found {
            builder.warnings.push(Warning {
                line: None,
                message: format!(
                    "section {} \"{}\" is listed in the subheadings table but never appears",
                    i + 1,
                    entries[i]
                ),
            });
        }
    }
    let mut article = builder.article;
    article.title = match builder.title_line {
        Some(line) => line,
        None => derived_title_in(&article),
    };
    Parsed {
        article,
        warnings: builder.warnings,
    }
}

/// The first sentence of the first prose there is (used too for JSON without a title).
pub fn derived_title<S: AsRef<str>>(article: &Article<S>) -> String {
    derived_title_in(&article.borrowed()).to_owned()
}

/// As [`derived_title`], a piece of the article's own text.
fn derived_title_in<'a>(article: &Article<&'a str>) -> &'a str {
    let first = article
        .lead
        .first()
        .or_else(|| article.sections.iter().find_map(|s| s.paragraphs.first()))
        .or_else(|| article.summary.first())
        .or_else(|| article.key_points.first())
        .or_else(|| article.sections.first().map(|s| &s.heading))
        .or_else(|| article.faq.first().map(|f| &f.question))
        .copied()
        .filter(|t| !t.trim().is_empty());
    // an article whose only text is, say, an FAQ answer still gets a title
    first
        .or_else(|| {
            article
                .items()
                .skip(1)
                .copied()
                .find(|t| !t.trim().is_empty())
        })
        .map(title::first_sentence)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        let l: Vec<Line> = lines("a\r\nb\rc\n\n d \r").collect();
        let texts: Vec<_> = l.iter().map(|l| (l.number, l.text)).collect();
        assert_eq!(texts, vec![(1, "a"), (2, "b"), (3, "c"), (5, "d")]);
    }

    #[test]
    fn minimal_article() {
        let p = parse(
            "Lead text here. More.\nArticle Subheadings |\n---|\n1) One |\n2) Two |\nOne\nPara one.\n2) two:\nPara two.\nNo. | Key Points |\n---|---|\n1 | Point |\nSummary\nSum.\nFrequently Asked Questions\nQ: Why?\nA: Because.\nMore.\n",
        );
        let a = p.article;
        assert_eq!(a.title, "Lead text here.");
        assert_eq!(a.lead, vec!["Lead text here. More."]);
        assert_eq!(a.sections[0].heading, "One");
        assert_eq!(a.sections[0].paragraphs, vec!["Para one."]);
        assert_eq!(a.sections[1].heading, "Two");
        assert_eq!(a.sections[1].paragraphs, vec!["Para two."]);
        assert_eq!(a.key_points, vec!["Point"]);
        assert_eq!(a.summary, vec!["Sum."]);
        assert_eq!(
            a.faq,
            vec![FaqEntry {
                question: "Why?".into(),
                answer: vec!["Because.".into(), "More.".into()]
            }]
        );
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn a_piped_summary_header_ends_the_key_points() {
        let a = parse("Lead.\n| No. | Key Points |\n|---|---|\n| 1 | Point |\n| Summary |\nSum.\n| FAQ |\nQ: Why?\n").article;
        assert_eq!(a.key_points, vec!["Point"]);
        assert_eq!(a.summary, vec!["Sum."]);
        assert_eq!(a.faq.len(), 1);
    }

    #[test]
    fn title_line_over_longer_lead() {
        let a = parse("Short Title\nA much longer lead paragraph follows the title.\n").article;
        assert_eq!(a.title, "Short Title");
        assert_eq!(
            a.lead,
            vec!["A much longer lead paragraph follows the title."]
        );
    }

    #[test]
    fn a_repeated_title_numbered_in_sequence_is_a_second_section() {
        let a = parse("Lead one is here and it is long.\nArticle Subheadings\n---\n1) Update\n2) Reaction\n3) Update\nUpdate\nU1.\nReaction\nR.\nUpdate\nU2.\n").article;
        let sections: Vec<_> = a
            .sections
            .iter()
            .map(|s| (s.heading.as_str(), s.paragraphs.clone()))
            .collect();
        assert_eq!(
            sections,
            vec![
                ("Update", vec!["U1.".to_owned()]),
                ("Reaction", vec!["R.".to_owned()]),
                ("Update", vec!["U2.".to_owned()])
            ]
        );
    }

    #[test]
    fn five_digit_table_numbers() {
        let a = parse("Lead text is here and long.\nArticle Subheadings |\n---|\n10000) Topic |\nTopic\nBody.\n").article;
        assert_eq!(a.sections[0].heading, "Topic");
        assert_eq!(a.sections[0].paragraphs, vec!["Body."]);
    }
}
