//! A one-line prompt in the status bar: a bookmark's note, or the bookmarks list's filter.

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
    pub text: String,
}

impl Prompt {
    pub fn new(purpose: Purpose, text: &str) -> Prompt {
        Prompt {
            purpose,
            text: text.to_owned(),
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

    pub fn push(&mut self, c: char) {
        self.text.push(c);
    }

    pub fn backspace(&mut self) {
        self.text.pop();
    }

    /// Ctrl-w: the last word goes, as in a shell.
    pub fn delete_word(&mut self) {
        let kept = self.text.trim_end().rfind(' ').map_or(0, |space| space + 1);
        self.text.truncate(kept);
    }

    pub fn clear(&mut self) {
        self.text.clear();
    }
}
