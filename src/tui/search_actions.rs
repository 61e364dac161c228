//! Carrying out a search and moving between its matches.

use super::app::App;
use super::search::Search;
use super::state::View;
use crate::article::search;

impl App {
    pub(super) fn submit_search(&mut self) {
        let height = self.pane_height();
        let reading = self.reading_mut();
        let Search::Typing { query } = &reading.search else {
            return;
        };
        let query = query.clone();
        if query.is_empty() {
            reading.search = Search::Off;
            return;
        }
        let matches = search::find(&reading.doc, &query);
        // the first match at or below the top of the pane, as less and vim do
        let current = matches
            .iter()
            .position(|m| reading.layout.row_of(m.block, m.start) >= reading.top)
            .or((!matches.is_empty()).then_some(0));
        if let Some(m) = current.map(|i| matches[i]) {
            let row = reading.layout.row_of(m.block, m.start);
            reading.reveal(row, height);
        }
        reading.search = Search::Done {
            query,
            matches,
            current,
        };
        self.view = View::Article;
        self.keep_sidebar_visible();
    }

    pub(super) fn step_match(&mut self, step: isize) {
        let height = self.pane_height();
        let reading = self.reading_mut();
        let Search::Done {
            matches, current, ..
        } = &mut reading.search
        else {
            return;
        };
        if matches.is_empty() {
            return;
        }
        let count = matches.len() as isize;
        let next = match *current {
            Some(i) => (i as isize + step).rem_euclid(count) as usize,
            None => 0,
        };
        *current = Some(next);
        let m = matches[next];
        let row = reading.layout.row_of(m.block, m.start);
        reading.reveal(row, height);
        self.view = View::Article;
        self.keep_sidebar_visible();
    }
}
