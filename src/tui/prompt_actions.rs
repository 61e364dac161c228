//! The lines typed in the status bar (a note, a filter, a search of every article) and
//! backing out of the lists they belong to.

use super::app::App;
use super::line_edit::LineEdit;
use super::prompt::Purpose;
use super::state::Screen;

impl App {
    /// A cursor move or delete in whichever line is being typed: a prompt or the search.
    pub(super) fn edit_line(&mut self, edit: impl FnOnce(&mut LineEdit)) {
        if self.prompt.is_some() {
            self.edit_prompt(edit);
        } else if !self.readings.is_empty() && self.reading().search.is_typing() {
            self.edit_search(edit);
        }
    }

    pub(super) fn edit_prompt(&mut self, edit: impl FnOnce(&mut LineEdit)) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        edit(&mut prompt.line);
        // what is typed now is the line: completions and the history place start again
        prompt.completions.clear();
        prompt.completion = None;
        prompt.history = None;
        match &prompt.purpose {
            Purpose::Filter => {
                let text = prompt.text().to_owned();
                self.apply_filter(&text);
            }
            // a question takes one key: y does it, anything else cancels
            Purpose::ConfirmMarkRead(_) => self.submit_prompt(),
            _ => {}
        }
    }

    /// The filter typed applies to the list that shows.
    pub(super) fn apply_filter(&mut self, text: &str) {
        if self.screen == Screen::Library {
            self.library_filter(text);
        } else {
            self.filter_list(text);
        }
    }

    /// Esc in the library: results back to the list, then the filter cleared.
    pub(super) fn library_back(&mut self) {
        let Some(library) = self.library_mut() else {
            return;
        };
        if library.mode != super::library::Mode::List {
            library.mode = super::library::Mode::List;
        } else if !library.filter.is_empty() {
            self.library_filter("");
        }
    }

    /// Closes the bookmarks list, back where it was opened from.
    pub(super) fn close_list(&mut self) {
        self.screen = match (&self.screen, self.readings.is_empty()) {
            (Screen::Bookmarks(list), _) if list.from_library => Screen::Library,
            (_, true) => Screen::Library,
            _ => Screen::Article,
        };
    }

    pub(super) fn submit_prompt(&mut self) {
        let Some(prompt) = self.prompt.take() else {
            return;
        };
        match prompt.purpose {
            Purpose::Command => self.run_command(prompt.line.text),
            Purpose::Note(_) => self.toggle_bookmark(Some(prompt.text().trim().to_owned())),
            Purpose::EditNote { id, fingerprint } => {
                self.set_note(id, &fingerprint, prompt.line.text)
            }
            Purpose::Filter => {}
            Purpose::SearchAll => self.library_search(prompt.line.text),
            Purpose::ConfirmMarkRead(seen) => match prompt.line.text.as_str() {
                "y" | "Y" => self.mark_all_read(seen),
                _ => self.ctx.notice = Some("Nothing marked".to_owned()),
            },
        }
    }
}
