//! What the library's keys do, and how the store's answers fill it (the scan's are in
//! `scanned`). No I/O: loads, searches and read marks are queued for the loop.

use super::{Entry, Library, Mode, Results, Stale};
use crate::library::Info;
use crate::store::{Marks, ReadState, Seen};
use crate::tui::action::Action;
use crate::tui::app::Effect;
use crate::tui::context::Context;
use crate::tui::layer::{Depth, Layer, Message, Outcome};
use crate::tui::memory::{AfterLoad, Request};
use crate::tui::prompt::{Prompt, Purpose};
use unicode_width::UnicodeWidthStr;

/// Rows above the list: the title line and the columns' names.
pub const HEAD_ROWS: u16 = 2;

impl Library {
    /// Rows of the list on screen (the title line and the status bar excluded).
    pub fn height(ctx: &Context) -> usize {
        usize::from(ctx.size.height.saturating_sub(HEAD_ROWS + 1))
    }

    /// An action on the library screen, or one an article over it passed down (`>`, `U`).
    pub fn handle(&mut self, action: Action, ctx: &mut Context, depth: Depth) -> Outcome {
        let page = Self::height(ctx).saturating_sub(1).max(1) as isize;
        match action {
            // an article over the library goes on to the list's next article
            Action::NextArticle => self.step_article(1, ctx),
            Action::PreviousArticle => self.step_article(-1, ctx),
            Action::NextUnread => self.open_next_unread(depth, ctx),
            _ if depth == Depth::Below => return Outcome::Pass,
            Action::Quit => return Outcome::Close,
            Action::Back => self.back(ctx),
            Action::ListDown => self.move_by(1, ctx),
            Action::ListUp => self.move_by(-1, ctx),
            Action::ListPageDown => self.move_by(page, ctx),
            Action::ListPageUp => self.move_by(-page, ctx),
            Action::ListTop => self.move_by(isize::MIN / 2, ctx),
            Action::ListBottom => self.move_by(isize::MAX / 2, ctx),
            Action::ListOpen => self.open_selected(ctx),
            Action::ListUndo => self.undo(ctx),
            Action::ListFilter => {
                let prompt = Prompt::new(Purpose::Filter, &self.filter.text);
                return Outcome::Open(Layer::Prompt(Box::new(prompt)));
            }
            Action::SearchAll => {
                return Outcome::Open(Layer::Prompt(Box::new(Prompt::new(Purpose::SearchAll, ""))))
            }
            Action::CycleSort => self.set_sort(self.sort.next(), ctx),
            Action::MarkAllRead => return self.ask_mark_all_read(ctx),
            Action::Rescan => {
                self.scan_reason = super::ScanReason::Asked;
                ctx.effects.push(Effect::Scan(self.target.clone()));
                ctx.notice = Some("looking for new files…".to_owned());
            }
            Action::ToggleRead => self.toggle_read(ctx),
            Action::Tag => return self.tag_selected(ctx),
            Action::ToggleNew => self.toggle_new(ctx),
            Action::OpenPicker => return self.picker(ctx),
            Action::Yank => self.yank(ctx),
            Action::FileInfo => ctx.notice = Some(self.file_info()),
            Action::OpenBookmarks => return Outcome::OpenBookmarks { open: Vec::new() },
            // in a list the wheel moves the selection, as in lazygit and newsboat
            Action::Wheel { lines, .. } => {
                self.move_by(lines as isize * crate::tui::mouse::WHEEL_LINES, ctx)
            }
            Action::Click { row, .. } => self.click(row, ctx),
            _ => return Outcome::Pass,
        }
        Outcome::Done
    }

    /// A prompt's line for the library, or the article over it gone.
    pub fn receive(&mut self, message: Message, ctx: &mut Context) -> Outcome {
        match message {
            Message::Filter(text) => self.filter_by(&text, ctx),
            Message::SearchAll(query) => self.search(query, ctx),
            Message::MarkAllRead(seen) => self.mark_all_read(seen, ctx),
            // back from the article to the list, at the same row with the filter kept
            Message::Returned => {
                ctx.outbox.push(Request::Marks);
                self.now = crate::store::time::now();
            }
            _ => {}
        }
        Outcome::Done
    }

    pub fn resize(&mut self, ctx: &Context) {
        self.keep_visible(Self::height(ctx));
    }

    /// Esc in the library: results back to the list, then the filter cleared.
    fn back(&mut self, ctx: &mut Context) {
        if self.mode != Mode::List {
            self.mode = Mode::List;
        } else if !self.filter.is_empty() {
            self.filter_by("", ctx);
        }
    }

    /// A click selects a row; a click on the selected row opens it, as Enter does.
    fn click(&mut self, row: u16, ctx: &mut Context) {
        // the status bar is below the list
        if row >= ctx.size.height.saturating_sub(1) {
            return;
        }
        let Some(index) = self.row_at(row) else {
            return;
        };
        if self.select(index) {
            self.open_selected(ctx);
        }
    }

    /// `=` and `Ctrl-g` in the list: the selected file's path and size.
    fn file_info(&self) -> String {
        match self.selected_entry() {
            Some(e) => {
                let file = &self.entries[e].file;
                format!("{} · {}", file.rel, crate::tui::draw::size(file.size))
            }
            None => "no file here".to_owned(),
        }
    }

    /// The store said when this library was opened before: what arrived since is asked.
    pub fn visited(&mut self, library: &str, previous: Option<i64>, ctx: &mut Context) {
        if library != self.key {
            return;
        }
        self.since = previous;
        if let Some(since) = previous {
            ctx.outbox.push(Request::Arrivals(since));
        }
    }

    /// The files that arrived since the library was last opened.
    pub fn set_arrivals(&mut self, keys: std::collections::HashSet<String>, ctx: &mut Context) {
        self.arrived = keys;
        self.count_arrived();
        match self.show {
            // only the divider moves
            super::Show::All => {
                self.find_first_arrived();
                self.keep_visible(Self::height(ctx));
            }
            super::Show::New => self.refresh(Stale::Order, ctx),
        }
    }

    /// The tags changed (the store said, or `T` set some): the list and its filter follow.
    pub fn tags_changed(&mut self, ctx: &mut Context) {
        self.tags.clone_from(&ctx.tags);
        self.retag_haystacks();
        self.refresh(Stale::Filter, ctx);
    }

    /// How many listed articles arrived since the library was last opened.
    pub fn new_count(&self) -> usize {
        self.arrived_count
    }

    /// Counts the listed articles that arrived since then: when the entries or the arrivals
    /// change, not at each frame that says how many.
    pub(super) fn count_arrived(&mut self) {
        self.arrived_count = match self.arrived.is_empty() {
            true => 0,
            false => self
                .entries
                .iter()
                .filter(|e| self.arrived.contains(&e.file.key()))
                .count(),
        };
    }

    /// `:save NAME`: the filter kept under a name.
    pub fn save_search(&mut self, name: &str, ctx: &mut Context) {
        if self.filter.is_empty() {
            ctx.notice = Some("nothing to save: / filters the list first".to_owned());
            return;
        }
        let query = self.filter.text.trim().to_owned();
        ctx.searches.retain(|(n, _)| n != name);
        ctx.searches.push((name.to_owned(), query.clone()));
        ctx.outbox.push(Request::SaveSearch {
            name: name.to_owned(),
            query: query.clone(),
        });
        ctx.notice = Some(format!("saved search {name}: {query}"));
    }

    /// `F`: the saved searches and the tags, each counted as the list would show it.
    fn picker(&mut self, ctx: &mut Context) -> Outcome {
        use crate::tui::picker::{Pick, Picker};
        let mut tags: Vec<&String> = ctx.tags.values().flatten().collect();
        tags.sort_unstable();
        tags.dedup();
        let mut searches = ctx.searches.clone();
        searches.sort();
        let wanted = searches
            .into_iter()
            .chain(tags.iter().map(|t| (format!("#{t}"), format!("#{t}"))));
        let mut picks = Vec::new();
        let hay = self.haystacks();
        for (label, query) in wanted {
            let mut filter = super::Filter::default();
            filter.set(&query);
            let order: Vec<usize> = (0..self.entries.len()).collect();
            let matched = filter.apply(&hay, &order);
            let unread = matched
                .iter()
                .filter(|&&e| self.state_of(&self.entries[e]) != ReadState::Read)
                .count();
            picks.push(Pick {
                label,
                filter: query,
                unread,
                total: matched.len(),
            });
        }
        Outcome::Open(Layer::Picker(Box::new(Picker::new(picks))))
    }

    /// `:new`: only what is new since last time, or everything again.
    fn toggle_new(&mut self, ctx: &mut Context) {
        if self.since.is_none() {
            ctx.notice = Some("this library was not opened before: nothing is new yet".to_owned());
            return;
        }
        self.show = match self.show {
            super::Show::All => super::Show::New,
            super::Show::New => super::Show::All,
        };
        self.refresh(Stale::Order, ctx);
        ctx.notice = Some(match self.show {
            super::Show::New => {
                format!("{} new since last time (:new again: all)", self.new_count())
            }
            super::Show::All => "every article".to_owned(),
        });
    }

    /// `T`: the selected article's tags, typed.
    fn tag_selected(&mut self, ctx: &mut Context) -> Outcome {
        let Some(entry) = self.selected_entry().map(|e| &self.entries[e]) else {
            return Outcome::Done;
        };
        let Some(seen) = Self::seen_of(entry) else {
            ctx.notice = Some("not an article: nothing to tag".to_owned());
            return Outcome::Done;
        };
        Outcome::Open(Layer::Prompt(Box::new(Prompt::tags(seen, ctx))))
    }

    /// The watch saw files change under the library's folders: scan again, quietly.
    pub fn watched(&mut self, ctx: &mut Context) {
        if matches!(self.target, crate::library::scan::Target::Roots(_)) {
            self.scan_reason = super::ScanReason::Watched;
            ctx.effects.push(Effect::Scan(self.target.clone()));
        }
    }

    pub fn set_marks(&mut self, marks: std::collections::HashMap<String, Marks>, ctx: &Context) {
        self.marks = marks;
        self.keep_visible(Self::height(ctx));
    }

    fn move_by(&mut self, step: isize, ctx: &Context) {
        let height = Self::height(ctx);
        match &mut self.mode {
            Mode::Results(results) => results.step(step, height),
            _ => {
                self.selected = self
                    .selected
                    .saturating_add_signed(step)
                    .min(self.visible.len().saturating_sub(1));
                self.keep_visible(height);
            }
        }
    }

    /// `Enter`: opens the selected article (or search hit).
    fn open_selected(&mut self, ctx: &mut Context) {
        if let Mode::Results(results) = &self.mode {
            if let Some(hit) = results.selected_hit() {
                let (hint, part, query) = (hit.key.clone(), hit.part, results.query.clone());
                let entry = self.entries.iter().position(|e| e.file.key() == hint);
                self.opening(entry, hint, AfterLoad::Hit { part, query }, ctx);
            }
            return;
        }
        if let Some(entry) = self.selected_entry() {
            self.open_entry(entry, ctx);
        }
    }

    /// Opens library entry `entry`, or says why it cannot be.
    fn open_entry(&mut self, entry: usize, ctx: &mut Context) {
        let Some(e) = self.entries.get(entry) else {
            return;
        };
        if let Some(Info::NotArticle(reason)) = &e.info {
            // the reason whole: a long path gives way from its start, the file name kept
            let room = usize::from(ctx.size.width).saturating_sub(4);
            let path_room = room.saturating_sub(reason.width() + 2).max(room / 3);
            ctx.notice = Some(format!(
                "{}: {reason}",
                crate::tui::draw::tail(&e.file.rel, path_room)
            ));
            return;
        }
        let hint = e.file.key();
        self.opening(Some(entry), hint, AfterLoad::Resume, ctx);
    }

    fn opening(&mut self, entry: Option<usize>, hint: String, then: AfterLoad, ctx: &mut Context) {
        self.opened = entry;
        // the list follows what is read, as in newsboat and mutt: back at this row
        self.select_entry(entry, Self::height(ctx));
        ctx.notice = Some("opening…".to_owned());
        let width = ctx.text_width();
        ctx.outbox.push(Request::Load { hint, then, width });
    }

    /// `U`, and `Space` at the end of an article: the next article not yet read, after the
    /// selected one in the list or the one read over it.
    fn open_next_unread(&mut self, depth: Depth, ctx: &mut Context) {
        let from = match depth {
            Depth::Top => self.selected_entry(),
            Depth::Below => self.opened,
        };
        match self.next_unread(from) {
            Some(entry) => self.open_entry(entry, ctx),
            None => ctx.notice = Some("no unread article left".to_owned()),
        }
    }

    /// `>` and `<` over the library: the next or previous article in the list's order.
    fn step_article(&mut self, step: isize, ctx: &mut Context) {
        let Some(at) = self
            .opened
            .and_then(|e| self.visible.iter().position(|&v| v == e))
        else {
            return;
        };
        let count = self.visible.len() as isize;
        let target = self.visible[(at as isize + step).rem_euclid(count) as usize];
        self.open_entry(target, ctx);
    }

    fn seen_of(entry: &Entry) -> Option<Seen> {
        let Some(Info::Article(summary)) = &entry.info else {
            return None;
        };
        Some(Seen {
            identity: crate::article::identity::Identity {
                fingerprint: summary.fingerprint.clone(),
                content: summary.content_hash.clone(),
            },
            title: summary.title.clone(),
            path: Some(entry.file.key()),
            words: summary.words,
        })
    }

    /// `y` in the list: the selected file's path (a search hit's) to the clipboard.
    fn yank(&mut self, ctx: &mut Context) {
        let key = match &self.mode {
            Mode::Results(results) => results.selected_hit().map(|h| h.key.clone()),
            _ => self.selected_entry().map(|e| self.entries[e].file.key()),
        };
        match key {
            Some(path) => {
                ctx.notice = Some(format!("Copied {path}"));
                ctx.effects.push(Effect::Clipboard(path));
            }
            None => ctx.notice = Some("nothing here to copy".to_owned()),
        }
    }

    /// `r` in the list: the selected article read, or unread when it was.
    fn toggle_read(&mut self, ctx: &mut Context) {
        let Some(entry) = self.selected_entry().map(|e| &self.entries[e]) else {
            return;
        };
        let Some(seen) = Self::seen_of(entry) else {
            ctx.notice = Some("not an article".to_owned());
            return;
        };
        let read = self.state_of(entry) != ReadState::Read;
        self.set_read_marks(vec![seen], read, ctx);
    }

    /// `A`: every article in the filtered list read, once asked.
    fn ask_mark_all_read(&mut self, ctx: &mut Context) -> Outcome {
        let seen: Vec<Seen> = self
            .visible
            .iter()
            .filter_map(|&e| Self::seen_of(&self.entries[e]))
            .collect();
        if seen.is_empty() {
            ctx.notice = Some("no article listed to mark".to_owned());
            return Outcome::Done;
        }
        // many at once is asked first: a loose filter may list more than meant
        let prompt = Prompt::new(Purpose::ConfirmMarkRead(seen), "");
        Outcome::Open(Layer::Prompt(Box::new(prompt)))
    }

    /// `y` to `A`'s question: marked, what was not read kept for `u`.
    fn mark_all_read(&mut self, seen: Vec<Seen>, ctx: &mut Context) {
        self.undo = seen
            .iter()
            .filter(|s| {
                let state = self.marks.get(&s.identity.fingerprint).map(|m| m.state);
                state != Some(ReadState::Read)
            })
            .cloned()
            .collect();
        self.set_read_marks(seen, true, ctx);
        if let Some(notice) = ctx.notice.as_mut() {
            notice.push_str(" (u undoes)");
        }
    }

    /// `u`: the articles the last `A` marked read are unread again.
    fn undo(&mut self, ctx: &mut Context) {
        let seen = std::mem::take(&mut self.undo);
        if seen.is_empty() {
            ctx.notice = Some("nothing to undo".to_owned());
            return;
        }
        let count = seen.len();
        self.set_read_marks(seen, false, ctx);
        // a half-read article is half read again, as the store has it
        ctx.outbox.push(Request::Marks);
        ctx.notice = Some(match count {
            1 => "Unmarked 1 article: unread again".to_owned(),
            n => format!("Unmarked {n} articles: unread again"),
        });
    }

    fn set_read_marks(&mut self, seen: Vec<Seen>, read: bool, ctx: &mut Context) {
        let count = seen.len();
        for s in &seen {
            let marks = self
                .marks
                .entry(s.identity.fingerprint.clone())
                .or_insert(Marks {
                    state: ReadState::New,
                    bookmarks: 0,
                });
            marks.state = if read {
                ReadState::Read
            } else {
                ReadState::New
            };
        }
        self.keep_visible(Self::height(ctx));
        ctx.notice = Some(match (count, read) {
            (1, true) => "Marked read".to_owned(),
            (1, false) => "Marked unread".to_owned(),
            (n, _) => format!("Marked {n} articles read"),
        });
        ctx.outbox.push(Request::SetReadMany { seen, read });
    }

    /// The list in this order, kept for the library in the store.
    pub fn set_sort(&mut self, sort: super::Sort, ctx: &mut Context) {
        self.sort = sort;
        self.sort_from = super::SortFrom::Chosen;
        self.refresh(Stale::Order, ctx);
        let label = self.sort.label();
        ctx.notice = Some(format!("sorted by {label}"));
        ctx.outbox.push(Request::SetLibrarySort {
            library: self.key.clone(),
            sort: label.to_owned(),
        });
    }

    /// The sort order kept for this library, restored unless one was chosen meanwhile.
    pub fn restore_sort(&mut self, key: &str, sort: Option<String>, ctx: &mut Context) {
        let kept = sort.as_deref().and_then(super::Sort::named);
        if let (Some(sort), true) = (kept, self.key == key) {
            if self.sort_from == super::SortFrom::Default {
                self.sort = sort;
                self.sort_from = super::SortFrom::Kept;
                self.refresh(Stale::Order, ctx);
            }
        }
    }

    /// The filter typed so far applies at once.
    fn filter_by(&mut self, text: &str, ctx: &mut Context) {
        if self.filter.text == text {
            return;
        }
        self.filter.set(text);
        if !self.filter.is_empty() {
            // the best match first, selected
            self.selected = 0;
            self.top = 0;
        }
        // an empty filter keeps the selected article where it is
        self.refresh(Stale::Filter, ctx);
    }

    /// The full-text search typed: sent to the store; the results replace the list.
    pub fn search(&mut self, query: String, ctx: &mut Context) {
        if query.trim().is_empty() {
            self.mode = Mode::List;
            return;
        }
        let keys = self.entries.iter().map(|e| e.file.key()).collect();
        self.mode = Mode::Searching(query.clone());
        ctx.outbox.push(Request::Search { query, keys });
    }

    pub fn search_results(&mut self, query: String, hits: Vec<crate::library::Hit>, total: usize) {
        if self.mode != Mode::Searching(query.clone()) {
            return; // an older search's answer
        }
        let coverage = super::Coverage::of(&self.progress);
        let mut results = Results::new(query, hits, total, coverage);
        results.find_paths(&self.entries);
        self.mode = Mode::Results(results);
    }
}
