//! The state of a search in the article: being typed (its matches lit as you type), or done.

use crate::article::search::Match;
use crate::tui::line_edit::LineEdit;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Search {
    #[default]
    Off,
    /// The reader is typing after `/`; Esc drops the search and puts the view back.
    Typing(Box<Typing>),
    /// A finished search; `current` is the match last moved to.
    Done {
        query: String,
        matches: Vec<Match>,
        current: Option<usize>,
    },
}

/// A search being typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Typing {
    pub line: LineEdit,
    /// The top row when `/` was pressed: where `Esc` goes back to.
    pub origin: usize,
    /// The matches of what is typed so far, and the one the view moved to.
    pub preview: Vec<Match>,
    pub first: Option<usize>,
    /// Which history entry `Up` last brought back (0: the newest).
    pub history: Option<usize>,
}

impl Search {
    /// A search starting with the view's top at `origin`.
    pub fn typing(origin: usize) -> Search {
        Search::Typing(Box::new(Typing {
            origin,
            ..Typing::default()
        }))
    }

    pub fn matches(&self) -> &[Match] {
        match self {
            Search::Done { matches, .. } => matches,
            Search::Typing(typing) => &typing.preview,
            Search::Off => &[],
        }
    }

    pub fn current(&self) -> Option<Match> {
        match self {
            Search::Done {
                matches,
                current: Some(i),
                ..
            } => matches.get(*i).copied(),
            Search::Typing(typing) => typing.first.and_then(|i| typing.preview.get(i).copied()),
            _ => None,
        }
    }

    /// The query whose matches are highlighted, if any.
    pub fn query(&self) -> Option<&str> {
        match self {
            Search::Done { query, .. } => Some(query),
            Search::Typing(typing) if !typing.line.text.is_empty() => Some(&typing.line.text),
            _ => None,
        }
    }

    pub fn is_typing(&self) -> bool {
        matches!(self, Search::Typing(_))
    }
}
