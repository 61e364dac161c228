//! The parts of an article a search hit names, and a snippet of each with the words found
//! marked. The index knows which articles hold the words; the article, read again from its
//! file when its hit is shown, tells where.

use super::{HitPart, MATCH_END, MATCH_START};
use crate::article::Article;

/// Words a snippet shows at most, as FTS5's own `snippet()` was asked for.
const SNIPPET_WORDS: usize = 12;
/// Words shown before the first one found, when there are that many.
const LEAD_IN: usize = 2;

/// The words of a query: split at anything not a letter or a digit, so quotes, stars and
/// operators are only separators (the index's query, highlights' and notes' search, snippets).
pub fn query_words(query: &str) -> impl Iterator<Item = &str> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of a query as the index takes them, folded; each matches a word it begins.
pub fn terms(query: &str) -> Vec<String> {
    query_words(query).map(fold).collect()
}

/// A word without case and without the commonest accents, as the index's tokenizer
/// (`remove_diacritics`) compares words.
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| {
            if c.is_ascii() {
                return c;
            }
            const FROM: &str = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
            const TO: &str = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnoooooooooorrrsssstttuuuuuuuuuuwyyyzzz";
            FROM.chars()
                .position(|f| f == c)
                .and_then(|i| TO.chars().nth(i))
                .unwrap_or(c)
        })
        .collect()
}

/// One part of an article that holds the words: where it is, its heading, its snippet.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub part: HitPart,
    /// A section's heading; empty for the other parts.
    pub heading: String,
    pub snippet: String,
}

/// The parts of `article` holding every one of `terms`, in the article's order; when no one
/// part holds them all (the article does, across its parts), the part holding the most.
pub fn found(article: &Article, terms: &[String]) -> Vec<Found> {
    let parts = parts(article);
    let covered: Vec<usize> = parts
        .iter()
        .map(|(_, heading, text)| {
            terms
                .iter()
                .filter(|t| holds(heading, t) || holds(text, t))
                .count()
        })
        .collect();
    let all: Vec<usize> = (0..parts.len())
        .filter(|&i| covered[i] == terms.len() && !terms.is_empty())
        .collect();
    let chosen = if all.is_empty() {
        let most = covered.iter().copied().max().unwrap_or(0);
        covered
            .iter()
            .position(|&c| c == most && c > 0)
            .into_iter()
            .collect()
    } else {
        all
    };
    chosen
        .into_iter()
        .map(|i| {
            let (part, heading, text) = &parts[i];
            // the lead's heading is the title: a hit there when the title holds every word
            if *part == HitPart::Lead {
                let in_title = terms.iter().all(|t| holds(heading, t));
                let (part, from) = if in_title {
                    (HitPart::Title, *heading)
                } else {
                    (HitPart::Lead, text.as_str())
                };
                return Found {
                    part,
                    heading: String::new(),
                    snippet: snippet(from, terms),
                };
            }
            let from: &str = if terms.iter().any(|t| holds(text, t)) || heading.is_empty() {
                text
            } else {
                heading
            };
            Found {
                part: *part,
                heading: heading.to_string(),
                snippet: snippet(from, terms),
            }
        })
        .collect()
}

/// Each part with its heading and its text; the lead's heading is the title.
fn parts(article: &Article) -> Vec<(HitPart, &str, String)> {
    let mut parts = vec![(
        HitPart::Lead,
        article.title.as_str(),
        article.lead.join("\n"),
    )];
    for (i, section) in article.sections.iter().enumerate() {
        parts.push((
            HitPart::Section(i),
            section.heading.as_str(),
            section.paragraphs.join("\n"),
        ));
    }
    parts.push((HitPart::KeyPoints, "", article.key_points.join("\n")));
    parts.push((HitPart::Summary, "", article.summary.join("\n")));
    let faq: Vec<&str> = article
        .faq
        .iter()
        .flat_map(|e| {
            std::iter::once(e.question.as_str()).chain(e.answer.iter().map(String::as_str))
        })
        .collect();
    parts.push((HitPart::Faq, "", faq.join("\n")));
    parts.retain(|(_, heading, text)| !text.is_empty() || !heading.is_empty());
    parts
}

/// The words of `text` with their byte ranges.
fn words(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &text[at..];
        let start = at + rest.find(char::is_alphanumeric)?;
        let len = text[start..]
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(text.len() - start);
        at = start + len;
        Some((start, start + len))
    })
}

fn matches(word: &str, term: &str) -> bool {
    fold(word).starts_with(term)
}

fn holds(text: &str, term: &str) -> bool {
    words(text).any(|(s, e)| matches(&text[s..e], term))
}

/// Up to [`SNIPPET_WORDS`] words of `text` around the run that holds the most of `terms`,
/// the words found between [`MATCH_START`] and [`MATCH_END`], `…` where text is left out.
fn snippet(text: &str, terms: &[String]) -> String {
    let all: Vec<(usize, usize)> = words(text).collect();
    if all.is_empty() {
        return String::new();
    }
    let hit: Vec<bool> = all
        .iter()
        .map(|&(s, e)| terms.iter().any(|t| matches(&text[s..e], t)))
        .collect();
    let window = |start: usize| start..(start + SNIPPET_WORDS).min(all.len());
    let start = (0..all.len())
        .filter(|&i| hit[i])
        .map(|i| i.saturating_sub(LEAD_IN))
        .max_by_key(|&start| {
            let covered = terms
                .iter()
                .filter(|t| window(start).any(|w| hit[w] && matches(&text[all[w].0..all[w].1], t)))
                .count();
            (covered, std::cmp::Reverse(start))
        })
        .unwrap_or(0)
        // a window past the end starts earlier: as many words, and the text's end
        .min(all.len().saturating_sub(SNIPPET_WORDS));
    let range = window(start);
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let mut at = all[start].0;
    for w in range.clone() {
        let (s, e) = all[w];
        out.push_str(&text[at..s]);
        if hit[w] {
            out.push(MATCH_START);
            out.push_str(&text[s..e]);
            out.push(MATCH_END);
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if range.end < all.len() {
        out.push('…');
    } else {
        out.push_str(&text[at..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snippet_marks_the_words_found_around_the_first_run() {
        let text =
            "One two three four five coral six seven Reefs eight nine ten eleven twelve thirteen.";
        let s = snippet(text, &terms("coral reef"));
        assert_eq!(
            s,
            "…four five \u{2}coral\u{3} six seven \u{2}Reefs\u{3} eight nine ten eleven twelve thirteen."
        );
        assert_eq!(fold("Zürich"), "zurich");
        assert_eq!(
            snippet("Zürich talks", &terms("zurich")),
            "\u{2}Zürich\u{3} talks"
        );
    }

    #[test]
    fn the_parts_holding_every_word_or_else_the_most() {
        let article = crate::article::parse(
            "Lead about the coral reef.\n\nArticle Subheadings |\n---|\n1) Reef talks |\n2) Other |\n\nReef talks\nThe coral is here.\n\nOther\nNothing.\n",
        )
        .article;
        let parts: Vec<HitPart> = found(&article, &terms("coral reef"))
            .iter()
            .map(|f| f.part)
            .collect();
        assert_eq!(parts, vec![HitPart::Title, HitPart::Section(0)]);
        let parts: Vec<HitPart> = found(&article, &terms("nothing coral"))
            .iter()
            .map(|f| f.part)
            .collect();
        assert_eq!(parts, vec![HitPart::Lead]);
        let parts: Vec<HitPart> = found(&article, &terms("here reef"))
            .iter()
            .map(|f| f.part)
            .collect();
        assert_eq!(parts, vec![HitPart::Section(0)]);
    }
}
