//! A one-line prompt in the status bar: a bookmark's note, a list's filter, a search of every
//! article, or a question answered with `y`.

use super::line_edit::LineEdit;
use crate::article::place::Place;
use crate::store::Seen;

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
    /// `A` in the library: `y` marks these articles read, anything else cancels.
    ConfirmMarkRead(Vec<Seen>),
    /// `:`: a command by its name.
    Command,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub line: LineEdit,
    /// Where `↑`/`↓` are in the history (`None`: the line being typed).
    pub history: Option<usize>,
    /// The completions `Tab` goes through, and the one shown.
    pub completions: Vec<String>,
    pub completion: Option<usize>,
    /// The line as typed before `↑` went into the history.
    pub draft: String,
}

impl Prompt {
    pub fn new(purpose: Purpose, text: &str) -> Prompt {
        Prompt {
            purpose,
            line: LineEdit::new(text),
            history: None,
            completions: Vec::new(),
            completion: None,
            draft: String::new(),
        }
    }

    /// What the status bar shows before the text.
    pub fn label(&self) -> String {
        match &self.purpose {
            Purpose::Note(_) => "Note: ".to_owned(),
            Purpose::EditNote { .. } => "Edit note: ".to_owned(),
            Purpose::Filter => "Filter: ".to_owned(),
            Purpose::SearchAll => "Search all articles: ".to_owned(),
            Purpose::Command => ":".to_owned(),
            Purpose::ConfirmMarkRead(seen) => match seen.len() {
                1 => "Mark 1 article read? y/n ".to_owned(),
                n => format!("Mark {} articles read? y/n ", crate::warnings::grouped(n)),
            },
        }
    }

    /// The status bar's hints while it is typed: what Enter does, and Esc.
    pub fn hints(&self) -> [(&'static str, &'static str); 2] {
        match self.purpose {
            Purpose::Note(_) | Purpose::EditNote { .. } => [("Enter", "save"), ("Esc", "cancel")],
            Purpose::Filter => [("Enter", "filter"), ("Esc", "clear")],
            Purpose::SearchAll => [("Enter", "search"), ("Esc", "cancel")],
            Purpose::ConfirmMarkRead(_) => [("y", "yes"), ("n", "no")],
            Purpose::Command => [("Tab", "complete"), ("Enter", "run")],
        }
    }

    pub fn text(&self) -> &str {
        &self.line.text
    }
}
