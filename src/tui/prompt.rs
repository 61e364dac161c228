//! A one-line prompt in the status bar: a bookmark's note, or the bookmarks list's filter.

use super::line_edit::LineEdit;
use crate::article::place::Place;

/// What the typed line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// `m`: bookmark this place with the note typed.
    Note(Place),
    /// `e` in the bookmarks list: replace this bookmark's note.
    EditNote { id: i64, fingerprint: String },
    /// `/` in the bookmarks list or the library: filter as you type.
    Filter,
    /// `S` in the library: search every article's text.
    SearchAll,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub line: LineEdit,
}

impl Prompt {
    pub fn new(purpose: Purpose, text: &str) -> Prompt {
        Prompt {
            purpose,
            line: LineEdit::new(text),
        }
    }

    /// What the status bar shows before the text.
    pub fn label(&self) -> &'static str {
        match self.purpose {
            Purpose::Note(_) => "Note: ",
            Purpose::EditNote { .. } => "Edit note: ",
            Purpose::Filter => "Filter: ",
            Purpose::SearchAll => "Search all articles: ",
        }
    }

    pub fn text(&self) -> &str {
        &self.line.text
    }
}
