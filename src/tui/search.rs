//! The state of a search in the article: being typed, or done with its matches.

use crate::article::search::Match;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Search {
    #[default]
    Off,
    /// The reader is typing after `/`; Esc drops the search.
    Typing { query: String },
    /// A finished search; `current` is the match last moved to.
    Done {
        query: String,
        matches: Vec<Match>,
        current: Option<usize>,
    },
}

impl Search {
    pub fn matches(&self) -> &[Match] {
        match self {
            Search::Done { matches, .. } => matches,
            _ => &[],
        }
    }

    pub fn current(&self) -> Option<Match> {
        match self {
            Search::Done {
                matches,
                current: Some(i),
                ..
            } => matches.get(*i).copied(),
            _ => None,
        }
    }

    /// The query whose matches are highlighted, if any.
    pub fn query(&self) -> Option<&str> {
        match self {
            Search::Done { query, .. } => Some(query),
            _ => None,
        }
    }
}
