//! Text in the lede format to an [`Article`], keeping every non-blank line.

use super::markers::{self, KeyPointsHeader};
use super::model::{Article, FaqEntry, Section};
use super::title;
use std::collections::{HashMap, HashSet, VecDeque};
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
pub struct Parsed {
    pub article: Article,
    pub warnings: Vec<Warning>,
}

/// One non-blank input line with its 1-based number.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    number: usize,
    text: &'a str,
}

/// Splits on `\n`, `\r\n` or a lone `\r`, keeping non-blank lines trimmed.
fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut number = 0;
    let mut rest = text;
    while !rest.is_empty() {
        number += 1;
        let (line, next) = match rest.find(['\n', '\r']) {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            out.push(Line {
                number,
                text: trimmed,
            });
        }
        rest = next;
    }
    out
}

/// The subheadings table: its canonical entries and which lines it spans.
struct Outline {
    entries: Vec<String>,
    first_line: usize,
    end_line: usize,
}

fn find_outline(lines: &[Line]) -> Option<Outline> {
    let start = lines
        .iter()
        .position(|l| markers::is_subheadings_header(l.text))?;
    let mut entries: Vec<String> = Vec::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut last_number = 0;
    let mut i = start + 1;
    while let Some(line) = lines.get(i) {
        if markers::is_separator(line.text) {
            i += 1;
            continue;
        }
        let Some((number, heading)) = markers::subheading_entry(line.text) else {
            break;
        };
        let key = markers::heading_key(&heading);
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

struct Builder {
    article: Article,
    warnings: Vec<Warning>,
    /// Table entries not yet seen in the text, by heading key, in table order.
    unseen: HashMap<String, VecDeque<usize>>,
    /// Longest heading key in bytes: a longer line is a paragraph, not a heading.
    longest_key: usize,
    found: Vec<bool>,
    block: Block,
    last_prose: Prose,
    title_line: Option<String>,
}

impl Builder {
    fn push_prose(&mut self, prose: Prose, text: &str) {
        let target = match prose {
            Prose::Lead => &mut self.article.lead,
            Prose::Section(i) => &mut self.article.sections[i].paragraphs,
            Prose::Summary => &mut self.article.summary,
        };
        target.push(text.to_owned());
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
        if self.unseen.is_empty() || text.len() > self.longest_key * 2 + 32 {
            return None;
        }
        let key = markers::heading_key(text);
        self.unseen.get(&key)?.front().copied()
    }

    fn mark_found(&mut self, text: &str, entry: usize) {
        let key = markers::heading_key(text);
        if let Some(queue) = self.unseen.get_mut(&key) {
            queue.retain(|&i| i != entry);
            if queue.is_empty() {
                self.unseen.remove(&key);
            }
        }
        self.found[entry] = true;
    }

    fn line(&mut self, line: &Line, next: Option<&Line>, first: bool) {
        let text = line.text;
        // `| Summary |` is a piped line too, but it ends the table rather than adding a row
        let ends_table = markers::is_summary_header(text) || markers::is_faq_header(text);
        if self.block == Block::KeyPoints && !ends_table {
            if let Some(point) = markers::key_point_row(text) {
                self.article.key_points.push(point.to_owned());
                return;
            }
        }
        if markers::is_separator(text) {
            return; // table rules carry no text
        }
        if let Some(i) = self.heading_match(text) {
            self.mark_found(text, i);
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
                    self.title_line = Some(text.to_owned());
                } else {
                    self.article.lead.push(text.to_owned());
                }
            }
            Block::Section(i) => self.article.sections[i].paragraphs.push(text.to_owned()),
            Block::Summary => self.article.summary.push(text.to_owned()),
        }
    }

    fn faq_line(&mut self, line: &Line) {
        let text = line.text;
        if let Some(question) = markers::question(text) {
            self.article.faq.push(FaqEntry {
                question: question.to_owned(),
                answer: Vec::new(),
            });
            return;
        }
        let answer = markers::answer(text)
            .filter(|a| !a.is_empty())
            .unwrap_or(text);
        match self.article.faq.last_mut() {
            Some(entry) => entry.answer.push(answer.to_owned()),
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

/// The table's entries by heading key, each key's entries in table order.
fn entry_keys(entries: &[String]) -> HashMap<String, VecDeque<usize>> {
    let mut keys: HashMap<String, VecDeque<usize>> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        let key = markers::heading_key(entry);
        if !key.is_empty() {
            keys.entry(key).or_default().push_back(i);
        }
    }
    keys
}

/// Parses article text (already decoded and sanitised).
pub fn parse(text: &str) -> Parsed {
    let lines = lines(text);
    let outline = find_outline(&lines);
    let entries = outline
        .as_ref()
        .map(|o| o.entries.clone())
        .unwrap_or_default();
    let mut builder = Builder {
        unseen: entry_keys(&entries),
        longest_key: entries.iter().map(String::len).max().unwrap_or(0),
        found: vec![false; entries.len()],
        article: Article {
            sections: entries
                .iter()
                .map(|heading| Section {
                    heading: heading.clone(),
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
    let body: Vec<&Line> = lines
        .iter()
        .enumerate()
        .filter(|(i, _)| !skip.contains(i))
        .map(|(_, l)| l)
        .collect();
    for (i, line) in body.iter().enumerate() {
        builder.line(line, body.get(i + 1).copied(), i == 0);
    }
    if let Some(outline) = &outline {
        if outline.entries.is_empty() {
            builder.warnings.push(Warning {
                line: lines.get(outline.first_line).map(|l| l.number),
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
        None => derived_title(&article),
    };
    Parsed {
        article,
        warnings: builder.warnings,
    }
}

/// The first sentence of the first prose there is (used too for JSON without a title).
pub fn derived_title(article: &Article) -> String {
    let first = article
        .lead
        .first()
        .or_else(|| article.sections.iter().find_map(|s| s.paragraphs.first()))
        .or_else(|| article.summary.first())
        .or_else(|| article.key_points.first())
        .or_else(|| article.sections.first().map(|s| &s.heading))
        .or_else(|| article.faq.first().map(|f| &f.question))
        .filter(|t| !t.trim().is_empty());
    // an article whose only text is, say, an FAQ answer still gets a title
    let first = first
        .map(String::as_str)
        .or_else(|| article.texts().skip(1).find(|t| !t.trim().is_empty()));
    first
        .map(|p| title::first_sentence(p).to_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings() {
        let l = lines("a\r\nb\rc\n\n d \r");
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
