//! What a sync brought, as people say it: `2 bookmarks and a position from laptop`.

use std::collections::BTreeMap;

/// A kind of thing a merge changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    Bookmark,
    Highlight,
    Tag,
    Position,
    Read,
    Search,
}

/// How many of each kind changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub bookmarks: usize,
    pub highlights: usize,
    pub tags: usize,
    pub positions: usize,
    pub reads: usize,
    pub searches: usize,
}

impl What {
    /// The kind of thing a change is about.
    pub fn of(change: &super::record::Change) -> What {
        use super::record::Change;
        match change {
            Change::BookmarkAdd(_) | Change::BookmarkRemove(_) | Change::BookmarkNote(_) => {
                What::Bookmark
            }
            Change::HighlightAdd(_)
            | Change::HighlightRemove(_)
            | Change::HighlightNote(_)
            | Change::HighlightColour(_) => What::Highlight,
            Change::TagAdd(_) | Change::TagRemove(_) => What::Tag,
            Change::Position(_) => What::Position,
            Change::Read(_) => What::Read,
            Change::SearchSave(_) | Change::SearchForget(_) => What::Search,
        }
    }
}

impl Counts {
    pub fn add(&mut self, what: What) {
        match what {
            What::Bookmark => self.bookmarks += 1,
            What::Highlight => self.highlights += 1,
            What::Tag => self.tags += 1,
            What::Position => self.positions += 1,
            What::Read => self.reads += 1,
            What::Search => self.searches += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.bookmarks + self.highlights + self.tags + self.positions + self.reads + self.searches
    }

    /// `2 bookmarks and a position`; empty when nothing changed.
    pub fn phrase(&self) -> String {
        let items: Vec<String> = [
            (self.bookmarks, "bookmark", "bookmarks"),
            (self.highlights, "highlight", "highlights"),
            (self.tags, "tag", "tags"),
            (self.positions, "position", "positions"),
            (self.reads, "read mark", "read marks"),
            (self.searches, "saved search", "saved searches"),
        ]
        .into_iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| match n {
            1 => format!("a {one}"),
            n => format!("{n} {many}"),
        })
        .collect();
        join(&items)
    }
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// What came from each machine: `2 bookmarks and a position from laptop; a highlight from
/// desktop`; `None` when nothing did.
pub fn summary(from: &BTreeMap<String, Counts>) -> Option<String> {
    let parts: Vec<String> = from
        .iter()
        .filter(|(_, counts)| counts.total() > 0)
        .map(|(host, counts)| format!("{} from {host}", counts.phrase()))
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_as_people_say_them() {
        let counts = Counts {
            bookmarks: 2,
            positions: 1,
            ..Counts::default()
        };
        assert_eq!(counts.phrase(), "2 bookmarks and a position");
        let all = Counts {
            bookmarks: 1,
            highlights: 3,
            tags: 2,
            positions: 2,
            reads: 1,
            searches: 0,
        };
        assert_eq!(
            all.phrase(),
            "a bookmark, 3 highlights, 2 tags, 2 positions and a read mark"
        );
        let mut from = BTreeMap::new();
        assert_eq!(summary(&from), None);
        from.insert("laptop".to_owned(), counts);
        from.insert("desktop".to_owned(), Counts::default());
        assert_eq!(
            summary(&from).as_deref(),
            Some("2 bookmarks and a position from laptop")
        );
    }
}
