//! Full-text search over the library's index: the articles that hold every word, best first
//! (bm25, title and headings weighing more), each read again from its file to name the parts
//! that hold the words and to make their snippets.

use super::library::fts_query;
use super::{Result, Store};
use crate::article::{load_limited, Source, DEFAULT_MAX_SIZE};
use crate::library::snippet::{found, terms};
use crate::library::{Hit, HitPart};
use std::collections::HashSet;

/// One article the index found: its file's key and title, and its rank (lower is better).
struct Ranked {
    key: String,
    title: String,
    rank: f64,
}

impl Store {
    /// The articles holding every word of `query` (each word also as the start of a longer
    /// one), best first, in the files whose key `within` takes, until `enough` says it has all
    /// it needs. The index gives them in rank order; the ranking of all of them is the one
    /// pass over the matches, everything else is done for the rows taken.
    fn ranked_within(
        &self,
        query: &str,
        within: &dyn Fn(&str) -> bool,
        mut enough: impl FnMut(&Ranked) -> bool,
    ) -> Result<()> {
        let Some(fts) = fts_query(query) else {
            return Ok(());
        };
        let mut statement = self.conn.prepare_cached(
            "SELECT f.key, f.title, w.rank
             FROM library_words w CROSS JOIN library_files f ON f.id = w.rowid
             WHERE library_words MATCH ?1 ORDER BY w.rank",
        )?;
        let mut rows = statement.query([fts])?;
        while let Some(row) = rows.next()? {
            let key: String = row.get(0)?;
            if !within(&key) {
                continue;
            }
            let ranked = Ranked {
                key,
                title: row.get(1)?,
                rank: row.get(2)?,
            };
            if enough(&ranked) {
                break;
            }
        }
        Ok(())
    }

    /// How many indexed articles hold every word of `query`, and how many highlights and
    /// notes do (as [`Store::search`] finds them, without its limit).
    pub fn search_count(&self, query: &str, keys: Option<&[String]>) -> Result<usize> {
        let only = key_set(keys);
        let within = |key: &str| only.as_ref().is_none_or(|only| only.contains(key));
        let marks = self.mark_hits(query, None)?;
        let marks = marks.iter().filter(|hit| within(&hit.key)).count();
        // a count needs no rank: the matches unordered
        let matching = self.matching_files(query)?;
        Ok(matching.iter().filter(|key| within(key)).count() + marks)
    }

    /// The parts of indexed articles that hold the words of `query`, best article first and
    /// in each article its parts in order (see [`found`]); only in the files with these keys
    /// when given; words in highlights and notes first. At most `limit` hits.
    pub fn search(&self, query: &str, keys: Option<&[String]>, limit: usize) -> Result<Vec<Hit>> {
        let only = key_set(keys);
        let within = |key: &str| only.as_ref().is_none_or(|only| only.contains(key));
        self.search_within(query, &within, limit)
    }

    /// As [`Store::search`], in the files whose key `within` takes.
    pub fn search_within(
        &self,
        query: &str,
        within: &dyn Fn(&str) -> bool,
        limit: usize,
    ) -> Result<Vec<Hit>> {
        let mut hits = self.mark_hits(query, None)?;
        hits.retain(|hit| within(&hit.key));
        hits.truncate(limit);
        let words = terms(query);
        self.ranked_within(query, within, |ranked| {
            hits.extend(parts_of(ranked, &words));
            hits.len() >= limit
        })?;
        hits.truncate(limit);
        Ok(hits)
    }

    /// The keys of the indexed files whose article holds every word of `query` (as
    /// [`Store::search`] finds them, without snippets or a limit): what `lede export
    /// --search` takes.
    pub fn matching_files(&self, query: &str) -> Result<HashSet<String>> {
        let Some(fts) = fts_query(query) else {
            return Ok(Default::default());
        };
        let mut statement = self.conn.prepare_cached(
            "SELECT f.key
             FROM library_words w CROSS JOIN library_files f ON f.id = w.rowid
             WHERE library_words MATCH ?1",
        )?;
        let rows = statement.query_map([fts], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The keys given, as a set to look keys up in; `None`: every key.
fn key_set(keys: Option<&[String]>) -> Option<HashSet<&str>> {
    keys.map(|keys| keys.iter().map(String::as_str).collect())
}

/// The hits an article found gives: its parts holding the words, read from its file. A file
/// that can no longer be read (gone since the scan) is still a hit, at its lead.
fn parts_of(ranked: &Ranked, words: &[String]) -> Vec<Hit> {
    let source = match ranked.key.strip_prefix("bundled:") {
        Some(name) => Source::Bundled(name.to_owned()),
        None => Source::File(ranked.key.clone().into()),
    };
    let hit = |part: HitPart, heading: &str, snippet: String| Hit {
        key: ranked.key.clone(),
        title: ranked.title.clone(),
        label: part_label(part, heading),
        part,
        snippet,
        rank: ranked.rank,
    };
    let Ok(loaded) = load_limited(&source, DEFAULT_MAX_SIZE) else {
        return vec![hit(HitPart::Lead, "", String::new())];
    };
    let parts = found(&loaded.article, words);
    if parts.is_empty() {
        return vec![hit(HitPart::Lead, "", String::new())];
    }
    parts
        .into_iter()
        .map(|f| hit(f.part, &f.heading, f.snippet))
        .collect()
}

/// The part as people name it: `3 Recent Developments`, `Key points`, `FAQ`.
fn part_label(part: HitPart, heading: &str) -> String {
    match part {
        HitPart::Title => "Title".to_owned(),
        HitPart::Lead => "Lead".to_owned(),
        HitPart::Section(i) => format!("{} {heading}", i + 1),
        HitPart::KeyPoints => "Key points".to_owned(),
        HitPart::Summary => "Summary".to_owned(),
        HitPart::Faq => "FAQ".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_are_named_as_people_name_them() {
        assert_eq!(
            part_label(HitPart::Section(2), "Recent Events"),
            "3 Recent Events"
        );
        assert_eq!(part_label(HitPart::KeyPoints, ""), "Key points");
    }
}
