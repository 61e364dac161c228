//! Finding a query in a document's blocks: smart case, as in vim and less.

use super::document::Document;

/// A match: bytes `start..end` of block `block`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Match {
    pub block: usize,
    pub start: usize,
    pub end: usize,
}

/// Whether a query should match case-sensitively: only when it has an upper-case letter.
fn smart_case(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

fn fold(c: char, case_sensitive: bool) -> char {
    if case_sensitive {
        c
    } else if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// Every non-overlapping match of `query` in `text`, as byte ranges.
pub fn find_in(text: &str, query: &str) -> Vec<(usize, usize)> {
    let case_sensitive = smart_case(query);
    let needle: Vec<char> = query.chars().map(|c| fold(c, case_sensitive)).collect();
    let Some(&first) = needle.first() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let mut from = 0;
    while from < text.len() {
        let Some((offset, _)) = text[from..]
            .char_indices()
            .find(|&(_, c)| fold(c, case_sensitive) == first)
        else {
            break;
        };
        let start = from + offset;
        let mut chars = text[start..].char_indices();
        let mut end = None;
        for (k, want) in needle.iter().enumerate() {
            match chars.next() {
                Some((_, c)) if fold(c, case_sensitive) == *want => {
                    if k + 1 == needle.len() {
                        end = Some(
                            start
                                + text[start..]
                                    .char_indices()
                                    .nth(k)
                                    .map_or(0, |(i, c)| i + c.len_utf8()),
                        );
                    }
                }
                _ => break,
            }
        }
        match end {
            Some(end) => {
                found.push((start, end));
                from = end;
            }
            None => from = start + text[start..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

/// Every match of `query` in the document, in reading order.
pub fn find(doc: &Document, query: &str) -> Vec<Match> {
    if query.is_empty() {
        return Vec::new();
    }
    doc.blocks
        .iter()
        .enumerate()
        .flat_map(|(block, b)| {
            find_in(&b.text, query)
                .into_iter()
                .map(move |(start, end)| Match { block, start, end })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smart_case_matching() {
        assert_eq!(
            find_in("Ceasefire now, a ceasefire later", "ceasefire"),
            vec![(0, 9), (17, 26)]
        );
        assert_eq!(
            find_in("Ceasefire now, a ceasefire later", "Ceasefire"),
            vec![(0, 9)]
        );
        assert_eq!(find_in("ÉTÉ été", "été"), vec![(0, 5), (6, 11)]);
        assert_eq!(find_in("aaa", "aa"), vec![(0, 2)]);
        assert_eq!(find_in("abc", ""), vec![]);
        assert_eq!(find_in("漢字と漢字", "漢字"), vec![(0, 6), (9, 15)]);
    }
}
