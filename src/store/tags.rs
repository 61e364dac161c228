//! Tags: words on an article (`ukraine`, `to-read`), kept on its identity so they follow a
//! move or a rename, as bookmarks do.

use super::articles::{upsert, Seen};
use super::{Result, Store};
use rusqlite::params;
use std::collections::HashMap;

/// A tag as lede keeps it: lower case, no `#`, no spaces; `None` when nothing is left.
pub fn normalise(tag: &str) -> Option<String> {
    let tag: String = tag
        .trim()
        .trim_start_matches('#')
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control() && *c != ',')
        .flat_map(char::to_lowercase)
        .collect();
    (!tag.is_empty()).then_some(tag)
}

/// The tags in a line typed (`ukraine #to-read, friday`), each once, in order.
pub fn parse(line: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter_map(normalise)
    {
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

impl Store {
    /// Gives an article exactly these tags.
    pub fn set_tags(&mut self, seen: &Seen, tags: &[String]) -> Result<()> {
        let tags: Vec<String> = tags.iter().filter_map(|t| normalise(t)).collect();
        self.write(|tx| {
            let article = upsert(tx, seen)?;
            let before = super::sync::tags_of(tx, article)?;
            tx.execute("DELETE FROM tags WHERE article_id = ?1", [article])?;
            for tag in &tags {
                tx.execute(
                    "INSERT OR IGNORE INTO tags (article_id, tag, created_at) VALUES (?1, ?2, ?3)",
                    params![article, tag, super::time::now()],
                )?;
            }
            super::sync::tags_changed(tx, article, &before)?;
            Ok(())
        })
    }

    /// Adds tags to an article (`+`) and takes others away.
    pub fn change_tags(&mut self, seen: &Seen, add: &[String], remove: &[String]) -> Result<()> {
        self.write(|tx| {
            let article = upsert(tx, seen)?;
            let before = super::sync::tags_of(tx, article)?;
            for tag in add.iter().filter_map(|t| normalise(t)) {
                tx.execute(
                    "INSERT OR IGNORE INTO tags (article_id, tag, created_at) VALUES (?1, ?2, ?3)",
                    params![article, tag, super::time::now()],
                )?;
            }
            for tag in remove.iter().filter_map(|t| normalise(t)) {
                tx.execute(
                    "DELETE FROM tags WHERE article_id = ?1 AND tag = ?2",
                    params![article, tag],
                )?;
            }
            super::sync::tags_changed(tx, article, &before)?;
            Ok(())
        })
    }

    /// An article's tags, in alphabetical order.
    pub fn tags_of(&self, fingerprint: &str) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT t.tag FROM tags t JOIN articles a ON a.id = t.article_id
             WHERE a.fingerprint = ?1 ORDER BY t.tag",
        )?;
        let rows = statement.query_map([fingerprint], |row| row.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every article's tags, by fingerprint.
    pub fn all_tags(&self) -> Result<HashMap<String, Vec<String>>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT a.fingerprint, t.tag FROM tags t JOIN articles a ON a.id = t.article_id
             ORDER BY t.tag",
        )?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        for row in rows {
            let (fingerprint, tag): (String, String) = row?;
            out.entry(fingerprint).or_default().push(tag);
        }
        Ok(out)
    }

    /// The library files (by key) whose article has every one of `tags`.
    pub fn keys_with_tags(&self, tags: &[String]) -> Result<std::collections::HashSet<String>> {
        let wanted: Vec<String> = tags.iter().filter_map(|t| normalise(t)).collect();
        let mut statement = self.conn.prepare_cached(
            "SELECT f.key FROM library_files f JOIN articles a ON a.fingerprint = f.fingerprint
             JOIN tags t ON t.article_id = a.id WHERE t.tag = ?1",
        )?;
        let mut keys: Option<std::collections::HashSet<String>> = None;
        for tag in &wanted {
            let with: std::collections::HashSet<String> = statement
                .query_map([tag], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            keys = Some(match keys {
                None => with,
                Some(keys) => keys.intersection(&with).cloned().collect(),
            });
        }
        Ok(keys.unwrap_or_default())
    }

    /// Each tag used and how many articles have it, the most used first.
    pub fn tag_counts(&self) -> Result<Vec<(String, usize)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY count(*) DESC, tag",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((
                row.get(0)?,
                usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_words_in_lower_case_each_once() {
        assert_eq!(
            parse("Ukraine #to-read, friday ukraine  #"),
            ["ukraine", "to-read", "friday"]
        );
        assert_eq!(normalise(" #Zürich "), Some("zürich".to_owned()));
        assert_eq!(normalise("#"), None);
    }
}
