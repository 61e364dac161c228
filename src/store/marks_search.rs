//! The full-text search's second half: words in highlights and in notes, found as the
//! library's index finds words in articles, and listed first, named as what they are.

use super::bookmarks::place_from;
use super::{Result, Store};
use crate::article::place::Spot;
use crate::library::{Hit, HitPart, MATCH_END, MATCH_START};

/// A mark that may match: the file it is in, the article's title, what it is, where, and
/// its text.
struct Candidate {
    key: String,
    title: String,
    what: &'static str,
    spot: Option<Spot>,
    label: String,
    text: String,
}

impl Store {
    /// Highlights and notes holding every word of `query` (each word also as the start of a
    /// longer one, as the index matches), in the library's files (`keys`, or all).
    pub fn mark_hits(&self, query: &str, keys: Option<&[String]>) -> Result<Vec<Hit>> {
        let words: Vec<String> = crate::library::snippet::query_words(query)
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return Ok(Vec::new());
        }
        let only = keys.map(|keys| serde_json::to_string(keys).unwrap_or_default());
        let mut hits = Vec::new();
        for candidate in self.candidates(only.as_deref())? {
            if let Some(snippet) = marked(&candidate.text, &words) {
                let part = match candidate.spot {
                    Some(Spot::Section { index, .. }) => HitPart::Section(index),
                    Some(Spot::KeyPoint { .. }) => HitPart::KeyPoints,
                    Some(Spot::Summary) => HitPart::Summary,
                    Some(Spot::Faq { .. }) => HitPart::Faq,
                    Some(Spot::Lead) | None => HitPart::Lead,
                };
                hits.push(Hit {
                    key: candidate.key,
                    title: candidate.title,
                    part,
                    label: format!("{} · {}", candidate.what, candidate.label),
                    snippet,
                    // before every hit in the text: what a person marked matters most
                    rank: -1.0e9,
                });
            }
        }
        Ok(hits)
    }

    fn candidates(&self, only: Option<&str>) -> Result<Vec<Candidate>> {
        let filter = if only.is_some() {
            "f.key IN (SELECT value FROM json_each(?1))"
        } else {
            "?1 IS NULL"
        };
        let mut out = Vec::new();
        for (table, text, what) in [
            ("highlights", "m.words || char(10) || m.note", "highlight"),
            ("bookmarks", "m.note", "note"),
        ] {
            let sql = format!(
                "SELECT f.key, f.title, m.part, m.part_index, m.heading, m.paragraph, m.quote, {text}
                 FROM {table} m JOIN articles a ON a.id = m.article_id
                 JOIN library_files f ON f.fingerprint = a.fingerprint
                 WHERE {filter} AND {text} != ''
                 ORDER BY m.created_at DESC"
            );
            let mut statement = self.conn.prepare(&sql)?;
            let rows = statement.query_map([only], |row| {
                let part: String = row.get(2)?;
                let place = place_from(&part, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?);
                Ok(Candidate {
                    key: row.get(0)?,
                    title: row.get(1)?,
                    what,
                    label: place.as_ref().map(|p| p.label()).unwrap_or_default(),
                    spot: place.map(|p| p.spot),
                    text: row.get::<_, String>(7)?.trim().replace('\n', " · "),
                })
            })?;
            for row in rows {
                out.push(row?);
            }
        }
        Ok(out)
    }
}

/// `text` with the words that start with one of `words` marked, when every one of `words`
/// starts a word of it.
fn marked(text: &str, words: &[String]) -> Option<String> {
    let mut found = vec![false; words.len()];
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let start = rest.find(char::is_alphanumeric).unwrap_or(rest.len());
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(rest.len());
        let word = &rest[..end];
        let lower = word.to_lowercase();
        let mut hit = false;
        for (i, w) in words.iter().enumerate() {
            if lower.starts_with(w.as_str()) {
                found[i] = true;
                hit = true;
            }
        }
        if hit {
            out.push(MATCH_START);
            out.push_str(word);
            out.push(MATCH_END);
        } else {
            out.push_str(word);
        }
        rest = &rest[end..];
    }
    found.iter().all(|&f| f).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_must_start_a_word_and_is_marked() {
        let s = MATCH_START;
        let e = MATCH_END;
        assert_eq!(
            marked(
                "The ceasefire talks",
                &["cease".to_owned(), "talk".to_owned()]
            ),
            Some(format!("The {s}ceasefire{e} {s}talks{e}"))
        );
        assert_eq!(marked("The ceasefire", &["fire".to_owned()]), None);
    }
}
