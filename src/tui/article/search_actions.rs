//! Searching as vim and less do: matches lit as you type with the view on the first,
//! `Enter` keeps them, `Esc` puts the view back, `/` `Enter` repeats the last search, `Up` and
//! `Down` walk the history, `n`/`N` wrap round with a notice, the pattern goes on to the next
//! article.

use super::ArticleLayer;
use crate::article::search;
use crate::tui::article::search::Search;
use crate::tui::context::Context;
use crate::tui::line_edit::LineEdit;
use crate::tui::memory::Request;
use crate::tui::state::View;

/// Articles larger than this are searched on `Enter` only, not at every key.
const INCREMENTAL_LIMIT: usize = 4 << 20;

impl ArticleLayer {
    /// `/`: a search starts; the view's top is kept to come back to.
    pub(super) fn start_search(&mut self) {
        let top = self.reading().top;
        self.reading_mut().search = Search::typing(top);
    }

    /// An edit of the search being typed; the matches follow at once.
    pub(super) fn edit_search(&mut self, edit: impl FnOnce(&mut LineEdit), ctx: &mut Context) {
        let Search::Typing(typing) = &mut self.reading_mut().search else {
            return;
        };
        edit(&mut typing.line);
        self.preview_search(ctx);
    }

    /// Lights the matches of what is typed so far and shows the first below where `/` was pressed.
    fn preview_search(&mut self, ctx: &mut Context) {
        let height = self.pane_height(ctx);
        let big = self.reading().bytes() > INCREMENTAL_LIMIT;
        let reading = self.reading_mut();
        let Search::Typing(typing) = &mut reading.search else {
            return;
        };
        let origin = typing.origin;
        if big || typing.line.text.is_empty() {
            typing.preview.clear();
            typing.first = None;
            reading.top = origin;
            return;
        }
        let matches = search::find(&reading.doc, &typing.line.text);
        let first = matches
            .iter()
            .position(|m| reading.layout.row_of(m.block(), m.start()) >= origin)
            .or((!matches.is_empty()).then_some(0));
        typing.preview = matches;
        typing.first = first;
        reading.top = origin;
        if let Some(m) = first.map(|i| typing.preview[i]) {
            reading.reveal_anchor(m.anchor(), height);
        }
        self.keep_sidebar_visible(ctx);
    }

    /// `Up` / `Down` in the search: older / newer searches from the history.
    pub(super) fn search_history(&mut self, step: isize, ctx: &mut Context) {
        let history = ctx.history.clone();
        let Search::Typing(typing) = &mut self.reading_mut().search else {
            return;
        };
        let next = crate::tui::line_edit::history_step(typing.history, step, history.len());
        let text = match next.and_then(|i| history.get(i)) {
            Some(text) => text.clone(),
            None if next.is_none() => String::new(),
            None => return,
        };
        typing.history = next;
        typing.line.set(&text);
        self.preview_search(ctx);
    }

    /// `Enter`: keeps the matches (or repeats the last search when nothing was typed).
    pub(super) fn submit_search(&mut self, ctx: &mut Context) {
        let Search::Typing(typing) = &self.reading().search else {
            return;
        };
        let typed = typing.line.text.clone();
        let origin = typing.origin;
        let query = if typed.is_empty() {
            match ctx.history.first() {
                Some(last) => last.clone(),
                None => {
                    self.reading_mut().search = Search::Off;
                    ctx.notice = Some("no search yet".to_owned());
                    return;
                }
            }
        } else {
            typed
        };
        self.remember_search(&query, ctx);
        self.reading_mut().top = origin;
        self.run_search(&query, origin, ctx);
    }

    /// `:search WORDS`: as `/` with the words typed and Enter.
    pub(in crate::tui) fn search_for(&mut self, words: &str, ctx: &mut Context) {
        self.remember_search(words, ctx);
        let top = self.reading().top;
        self.run_search(words, top, ctx);
    }

    /// Finds `query` in the current article and moves to the first match at or below `from`.
    pub(super) fn run_search(&mut self, query: &str, from: usize, ctx: &mut Context) {
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        let matches = search::find(&reading.doc, query);
        // the first match at or below the top of the pane, as less and vim do
        let current = matches
            .iter()
            .position(|m| reading.layout.row_of(m.block(), m.start()) >= from)
            .or((!matches.is_empty()).then_some(0));
        if let Some(m) = current.map(|i| matches[i]) {
            reading.reveal_anchor(m.anchor(), height);
            reading.aim_at(m.anchor(), height);
        }
        reading.search = Search::Done {
            query: query.to_owned(),
            matches,
            current,
        };
        self.view = View::Article;
        self.keep_sidebar_visible(ctx);
    }

    /// The search goes first in the history, here and in the store.
    fn remember_search(&mut self, query: &str, ctx: &mut Context) {
        ctx.last_search = Some(query.to_owned());
        ctx.history.retain(|q| q != query);
        ctx.history.insert(0, query.to_owned());
        ctx.outbox.push(Request::AddSearch(query.to_owned()));
    }

    /// `Esc` while typing: the search goes and the view comes back to where it was.
    pub(super) fn cancel_search(&mut self, ctx: &mut Context) {
        let reading = self.reading_mut();
        if let Search::Typing(typing) = &reading.search {
            reading.top = typing.origin;
        }
        reading.search = Search::Off;
        self.keep_sidebar_visible(ctx);
    }

    /// The last search's matches lit in an article just opened, as vim's highlight stays on.
    pub(super) fn carry_search(&mut self, ctx: &mut Context) {
        // only a search made in this process: one from an earlier day's history is not carried
        let Some(query) = ctx.last_search.clone() else {
            return;
        };
        if self.readings.is_empty() || self.reading().bytes() > INCREMENTAL_LIMIT {
            return;
        }
        let reading = self.reading_mut();
        if !matches!(reading.search, Search::Off) {
            return;
        }
        let matches = search::find(&reading.doc, &query);
        // a pattern this article lacks is said when `n` asks for it, not on opening
        if matches.is_empty() {
            return;
        }
        reading.search = Search::Done {
            query,
            matches,
            current: None,
        };
    }

    pub(super) fn step_match(&mut self, step: isize, ctx: &mut Context) {
        if matches!(self.reading().search, Search::Off) {
            match ctx.history.first().cloned() {
                // the last pattern, in this article too
                Some(query) => {
                    let top = self.reading().top;
                    self.run_search(&query, top, ctx);
                    if step < 0 {
                        self.step_match(step, ctx);
                    }
                    return;
                }
                None => {
                    ctx.notice = Some("no search yet".to_owned());
                    return;
                }
            }
        }
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        let Search::Done {
            matches, current, ..
        } = &mut reading.search
        else {
            return;
        };
        if matches.is_empty() {
            // the bar's right side says "no match" already
            return;
        }
        let count = matches.len() as isize;
        let next = match *current {
            Some(i) => (i as isize + step).rem_euclid(count) as usize,
            None => {
                // from the top of the pane, as a fresh search would
                let top = reading.top;
                let below =
                    matches.partition_point(|m| reading.layout.row_of(m.block(), m.start()) < top);
                if step > 0 {
                    below % matches.len()
                } else {
                    below.checked_sub(1).unwrap_or(matches.len() - 1)
                }
            }
        };
        let wrapped = match *current {
            Some(i) if step > 0 && next <= i => Some("search hit BOTTOM, continuing at TOP"),
            Some(i) if step < 0 && next >= i => Some("search hit TOP, continuing at BOTTOM"),
            _ => None,
        };
        *current = Some(next);
        let anchor = matches[next].anchor();
        reading.reveal_anchor(anchor, height);
        reading.aim_at(anchor, height);
        ctx.notice = wrapped.map(str::to_owned);
        self.view = View::Article;
        self.keep_sidebar_visible(ctx);
    }
}
