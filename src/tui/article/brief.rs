//! The brief view: title, lead, key points and summary on one screen, the thirty-second
//! version of the article; Enter on a key point opens the section it summarises.

use super::ArticleLayer;
use crate::article::document::{Document, Origin};
use crate::article::layout::wrap_ranges;
use crate::article::model::Article;
use crate::tui::context::Context;
use crate::tui::state::{Focus, View};
use ratatui::buffer::Buffer;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Which key point is selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BriefState {
    pub selected: usize,
}

/// What a row of the brief shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Title,
    Lead,
    Heading,
    /// Key point N; `first` rows carry its number.
    Point {
        index: usize,
        first: bool,
    },
    Summary,
    Blank,
}

/// One screen row: what it is and its text.
struct BriefRow<'a> {
    kind: Kind,
    text: &'a str,
}

const POINT_INDENT: usize = 4;

fn push_wrapped<'a>(rows: &mut Vec<BriefRow<'a>>, text: &'a str, width: usize, kind: Kind) {
    for (s, e) in wrap_ranges(text, width.max(1)) {
        rows.push(BriefRow {
            kind,
            text: &text[s..e],
        });
    }
}

fn blank<'a>() -> BriefRow<'a> {
    BriefRow {
        kind: Kind::Blank,
        text: "",
    }
}

fn rows(article: &Article, width: usize) -> Vec<BriefRow<'_>> {
    let mut rows = Vec::new();
    // a title taken from the lead's first sentence would only repeat it: the lead says it
    let from_lead = article
        .lead
        .first()
        .is_some_and(|first| first.starts_with(article.title.trim_end_matches('…')));
    if !from_lead {
        push_wrapped(&mut rows, &article.title, width, Kind::Title);
    }
    for paragraph in &article.lead {
        if !rows.is_empty() {
            rows.push(blank());
        }
        push_wrapped(&mut rows, paragraph, width, Kind::Lead);
    }
    if !article.key_points.is_empty() {
        rows.push(blank());
        rows.push(BriefRow {
            kind: Kind::Heading,
            text: "Key Points",
        });
        for (index, point) in article.key_points.iter().enumerate() {
            let ranges = wrap_ranges(point, width.saturating_sub(POINT_INDENT).max(1));
            for (k, (s, e)) in ranges.into_iter().enumerate() {
                rows.push(BriefRow {
                    kind: Kind::Point {
                        index,
                        first: k == 0,
                    },
                    text: &point[s..e],
                });
            }
        }
    }
    if !article.summary.is_empty() {
        rows.push(blank());
        rows.push(BriefRow {
            kind: Kind::Heading,
            text: "Summary",
        });
        for paragraph in &article.summary {
            push_wrapped(&mut rows, paragraph, width, Kind::Summary);
        }
    }
    rows
}

/// The first row shown: the selected point in view; the last point shows the end.
fn offset(rows: &[BriefRow], selected: usize, count: usize, height: usize) -> usize {
    let max = rows.len().saturating_sub(height);
    if count == 0 || selected + 1 >= count {
        return if count == 0 { 0 } else { max };
    }
    let is_selected =
        |r: &BriefRow| matches!(r.kind, Kind::Point { index, .. } if index == selected);
    let first = rows.iter().position(is_selected).unwrap_or(0);
    let last = rows.iter().rposition(is_selected).unwrap_or(first);
    (last + 1).saturating_sub(height).min(first).min(max)
}

/// Words of four letters or more: the ones that say what a text is about.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
}

/// Whether `word` is `lower` (a lower-case word) in any case.
fn same_word(lower: &str, word: &str) -> bool {
    if word.is_ascii() {
        word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// The section that key point `point` most likely summarises: the one sharing most of its
/// words; `None` when no section shares any. One pass over the sections, keeping only which
/// of the point's words each has: a big article's words are never collected.
pub fn section_for(doc: &Document, point: usize) -> Option<usize> {
    let text = doc
        .blocks()
        .find(|b| b.origin == Origin::KeyPoint(point))?
        .text;
    let mut wanted: Vec<String> = words(text).map(str::to_lowercase).collect();
    wanted.sort_unstable();
    wanted.dedup();
    // a key point is a sentence: its first 64 words are plenty
    wanted.truncate(64);
    let mut best: Option<(usize, u32)> = None;
    let mut current: Option<(usize, u64)> = None;
    let mut settle = |section: Option<(usize, u64)>| {
        if let Some((i, found)) = section {
            let score = found.count_ones();
            if score > best.map_or(0, |(_, s)| s) {
                best = Some((i, score));
            }
        }
    };
    // a section's heading and paragraphs follow one another in the document
    for block in doc.blocks() {
        let (Origin::SectionHeading(i) | Origin::SectionParagraph(i, _)) = block.origin else {
            continue;
        };
        if current.map(|(c, _)| c) != Some(i) {
            settle(current.take());
            current = Some((i, 0));
        }
        if let Some((_, found)) = &mut current {
            for word in words(block.text) {
                if let Some(k) = wanted.iter().position(|w| same_word(w, word)) {
                    *found |= 1 << k;
                }
            }
        }
    }
    settle(current);
    best.map(|(i, _)| i)
}

impl ArticleLayer {
    /// `v`: the brief view, or back to the article from it.
    pub(super) fn toggle_brief(&mut self) {
        self.view = if self.view == View::Brief {
            View::Article
        } else {
            View::Brief
        };
        self.focus = Focus::Reader;
    }

    /// j/k in the brief: the next or previous key point.
    pub(super) fn brief_step(&mut self, step: isize) {
        let count = self.reading().article.key_points.len();
        self.brief.selected = self
            .brief
            .selected
            .saturating_add_signed(step)
            .min(count.saturating_sub(1));
    }

    /// Enter in the brief: the section the selected point summarises, else the article's top.
    pub(super) fn brief_open(&mut self, ctx: &mut Context) {
        let section = section_for(&self.reading().doc, self.brief.selected);
        let entry = section.and_then(|s| self.reading().section_entry(s + 1));
        self.view = View::Article;
        match entry {
            Some(entry) => self.jump(entry, ctx),
            None => {
                self.reading_mut().top = 0;
                self.reading_mut().clear_aim();
                self.keep_sidebar_visible(ctx);
            }
        }
    }
}

pub fn render(article: &ArticleLayer, ctx: &Context, buf: &mut Buffer) {
    let theme = &ctx.theme;
    let reading = article.reading();
    let area = article.areas(ctx).text;
    let width = usize::from(area.width);
    let rows = rows(&reading.article, width);
    let count = reading.article.key_points.len();
    let selected = article.brief.selected.min(count.saturating_sub(1));
    let height = usize::from(area.height);
    let top = offset(&rows, selected, count, height);
    let number_width = count.to_string().len();
    for (y, row) in rows.iter().skip(top).take(height).enumerate() {
        let line = match row.kind {
            Kind::Title => Line::styled(row.text, theme.title),
            Kind::Heading => Line::styled(row.text, theme.heading),
            Kind::Lead | Kind::Summary => Line::styled(row.text, theme.text),
            Kind::Blank => Line::raw(""),
            Kind::Point { index, first } => {
                let style: Style = if index == selected {
                    theme.text.patch(theme.selected)
                } else {
                    theme.text
                };
                let number = if first {
                    format!("{:>number_width$}. ", index + 1)
                } else {
                    " ".repeat(number_width + 2)
                };
                let pad = " ".repeat(POINT_INDENT.saturating_sub(number_width + 2));
                Line::from(vec![
                    Span::styled(format!("{pad}{number}"), theme.marker),
                    Span::styled(row.text, style),
                ])
            }
        };
        buf.set_line(area.x, area.y + y as u16, &line, area.width);
    }
    if let Some(bar) = article.areas(ctx).scrollbar {
        let max = rows.len().saturating_sub(height);
        crate::tui::article::pane::scrollbar(theme, bar, top, max, height, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{load_bytes, Source};

    #[test]
    fn a_key_point_goes_to_the_section_sharing_its_words() {
        let text = "Lead paragraph about nothing much at all.\n\
            Article Subheadings |\n1) Harbour |\n2) Budget |\n\
            Harbour\nThe harbour walls were rebuilt after the storm.\n\
            Budget\nCouncillors approved the budget for schools.\n\
            No. | Key Points |\n1 | Councillors approved the schools budget |\n\
            2 | Nothing in common here |\n";
        let article = load_bytes(Source::Stdin, text.as_bytes()).unwrap().article;
        assert_eq!(article.key_points.len(), 2);
        let doc = Document::new(&article);
        assert_eq!(section_for(&doc, 0), Some(1));
        assert_eq!(section_for(&doc, 1), None);
        assert_eq!(section_for(&doc, 9), None);
    }

    #[test]
    fn words_match_in_any_case_and_a_tie_goes_to_the_first_section() {
        let text = "Lead paragraph about nothing much at all.\n\
            Article Subheadings |\n1) Grid |\n2) Prices |\n3) More |\n\
            Grid\nLa RÉFORME de l'énergie avance.\n\
            Prices\nThe ENERGY prices rose.\n\
            More\nEnergy and réforme again.\n\
            No. | Key Points |\n1 | Réforme énergie |\n2 | energy |\n";
        let article = load_bytes(Source::Stdin, text.as_bytes()).unwrap().article;
        let doc = Document::new(&article);
        // two words shared by the first section, one by the second, one each by the third
        assert_eq!(section_for(&doc, 0), Some(0));
        // one word, in the second and third sections: the first of them
        assert_eq!(section_for(&doc, 1), Some(1));
    }
}
