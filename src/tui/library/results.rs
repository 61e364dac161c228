//! A full-text search's results: the hits of one article together under its title (the
//! articles in the order of their best hit), and how many the index holds in all.

use crate::library::Hit;

/// One row of the results on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultRow {
    /// An article's title, before its hits: the first hit's index and how many it has.
    Article { first: usize, count: usize },
    /// A hit's first line: the part it is in.
    Part(usize),
    /// A hit's second line: its snippet.
    Snippet(usize),
}

/// The results, shown in place of the list.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub query: String,
    /// Grouped by article: each article's hits follow one another, best first.
    pub hits: Vec<Hit>,
    /// Articles the index finds in all (more than `hits` are in when the list was capped).
    pub total: usize,
    /// The selected hit.
    pub selected: usize,
    /// The first row shown.
    pub top: usize,
    /// How much of the library the index held when the search was answered.
    pub coverage: Coverage,
    /// The path the list shows for each hit's file, by key: found once, as the results came,
    /// not by going through the whole library at each frame.
    pub paths: std::collections::HashMap<String, String>,
}

/// How much of the library the full-text index held when a search was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Coverage {
    /// Every article: the scan had finished.
    Whole,
    /// The scan had not come to the index yet: how much it will hold is not known.
    Building,
    /// The scan was indexing: `indexed` of the `of` articles it had to index were in.
    Partial { indexed: usize, of: usize },
}

impl Coverage {
    /// How much the index held, from how far the scan had got.
    pub fn of(progress: &super::Progress) -> Coverage {
        if progress.indexed < progress.to_index {
            Coverage::Partial {
                indexed: progress.indexed,
                of: progress.to_index,
            }
        } else if progress.finished || progress.to_index > 0 {
            Coverage::Whole
        } else {
            Coverage::Building
        }
    }
}

/// ` · partial: 48,210 of 100,000 indexed`, or nothing when the index held every article.
impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::warnings::grouped;
        match self {
            Coverage::Whole => Ok(()),
            Coverage::Building => write!(f, " · partial: the index is still being built"),
            Coverage::Partial { indexed, of } => write!(
                f,
                " · partial: {} of {} indexed",
                grouped(*indexed),
                grouped(*of)
            ),
        }
    }
}

impl Results {
    /// Results of `hits` in rank order, grouped by article.
    pub fn new(query: String, hits: Vec<Hit>, total: usize, coverage: Coverage) -> Results {
        let mut order: Vec<&str> = Vec::new();
        for hit in &hits {
            if !order.contains(&hit.key.as_str()) {
                order.push(&hit.key);
            }
        }
        let rank: std::collections::HashMap<&str, usize> =
            order.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let mut numbered: Vec<(usize, usize)> = hits
            .iter()
            .enumerate()
            .map(|(i, hit)| (rank[hit.key.as_str()], i))
            .collect();
        numbered.sort_unstable();
        let articles = order.len();
        let mut slots: Vec<Option<Hit>> = hits.into_iter().map(Some).collect();
        let hits = numbered
            .into_iter()
            .filter_map(|(_, i)| slots[i].take())
            .collect();
        Results {
            query,
            total: total.max(articles),
            hits,
            selected: 0,
            top: 0,
            coverage,
            paths: std::collections::HashMap::new(),
        }
    }

    /// How many articles the hits are in.
    pub fn articles(&self) -> usize {
        self.rows()
            .iter()
            .filter(|r| matches!(r, ResultRow::Article { .. }))
            .count()
    }

    /// The rows on screen: each article's title, then two rows per hit.
    pub fn rows(&self) -> Vec<ResultRow> {
        let mut rows = Vec::with_capacity(self.hits.len() * 3);
        let mut i = 0;
        while i < self.hits.len() {
            let key = &self.hits[i].key;
            let count = self.hits[i..].iter().take_while(|h| &h.key == key).count();
            rows.push(ResultRow::Article { first: i, count });
            for hit in i..i + count {
                rows.push(ResultRow::Part(hit));
                rows.push(ResultRow::Snippet(hit));
            }
            i += count;
        }
        rows
    }

    /// Moves the selection by `step` hits, scrolling so its rows (and its article's title,
    /// when it is the article's first) show in `height` rows.
    pub fn step(&mut self, step: isize, height: usize) {
        self.selected = self
            .selected
            .saturating_add_signed(step)
            .min(self.hits.len().saturating_sub(1));
        let rows = self.rows();
        let Some(at) = rows
            .iter()
            .position(|r| *r == ResultRow::Part(self.selected))
        else {
            return;
        };
        let first = match at.checked_sub(1).map(|a| rows[a]) {
            Some(ResultRow::Article { .. }) => at - 1,
            _ => at,
        };
        if first < self.top {
            self.top = first;
        } else if height > 0 && at + 2 > self.top + height {
            self.top = (at + 2).saturating_sub(height);
        }
        self.top = self.top.min(rows.len().saturating_sub(height.max(1)));
    }

    pub fn selected_hit(&self) -> Option<&Hit> {
        self.hits.get(self.selected)
    }

    /// The path the list shows for `hit`'s file, or its key when it is not listed.
    pub fn path_of<'a>(&'a self, hit: &'a Hit) -> &'a str {
        self.paths.get(&hit.key).map_or(&hit.key, String::as_str)
    }

    /// Finds the listed path of each hit's file among `entries`, in one pass.
    pub fn find_paths(&mut self, entries: &[super::Entry]) {
        use crate::article::Source;
        let wanted: std::collections::HashSet<&str> =
            self.hits.iter().map(|h| h.key.as_str()).collect();
        for entry in entries {
            // a file's key is its path: most are read without making a copy of it
            let key = match &entry.file.source {
                Source::File(path) => path.to_string_lossy(),
                _ => entry.file.key().into(),
            };
            if wanted.contains(key.as_ref()) {
                self.paths.insert(key.into_owned(), entry.file.rel.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library::HitPart;

    fn hit(key: &str, section: usize) -> Hit {
        Hit {
            key: key.to_owned(),
            title: key.to_uppercase(),
            part: HitPart::Section(section),
            label: format!("{} part", section + 1),
            snippet: String::new(),
            rank: 0.0,
        }
    }

    #[test]
    fn hits_of_one_article_come_together_in_the_order_of_each_best_hit() {
        let hits = vec![
            hit("a", 0),
            hit("b", 0),
            hit("a", 1),
            hit("c", 0),
            hit("b", 1),
        ];
        let results = Results::new("q".to_owned(), hits, 900, Coverage::Whole);
        let order: Vec<(&str, usize)> = results
            .hits
            .iter()
            .map(|h| {
                let HitPart::Section(s) = h.part else {
                    unreachable!()
                };
                (h.key.as_str(), s)
            })
            .collect();
        assert_eq!(order, [("a", 0), ("a", 1), ("b", 0), ("b", 1), ("c", 0)]);
        assert_eq!(results.articles(), 3);
        assert_eq!(results.total, 900);
        assert_eq!(
            &results.rows()[..4],
            &[
                ResultRow::Article { first: 0, count: 2 },
                ResultRow::Part(0),
                ResultRow::Snippet(0),
                ResultRow::Part(1)
            ]
        );
    }

    #[test]
    fn stepping_shows_the_selected_hit_and_its_title() {
        let hits = (0..10).map(|i| hit(&format!("k{i}"), 0)).collect();
        let mut results = Results::new("q".to_owned(), hits, 10, Coverage::Whole);
        results.step(4, 6);
        // hit 4's title and rows are rows 12 to 14 (three rows an article): at the bottom
        assert_eq!(results.top, 9);
        // going up to hit 3 brings its title (row 9) in
        results.step(-1, 6);
        assert_eq!(results.top, 9);
        results.step(-1, 6);
        assert_eq!(results.top, 6);
        results.step(-4, 6);
        assert_eq!((results.selected, results.top), (0, 0));
    }
}
