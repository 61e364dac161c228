//! What the library's keys do, and how the scan's events and the store's answers fill it.
//! No I/O: loads, searches and read marks are queued for the loop.

use super::{Entry, Library, Mode, Results};
use crate::library::{Info, ScanEvent};
use crate::store::{Marks, ReadState, Seen};
use crate::tui::app::App;
use crate::tui::memory::{AfterLoad, Request};
use crate::tui::prompt::{Prompt, Purpose};
use crate::tui::state::Screen;
use unicode_width::UnicodeWidthStr;

/// Rows above the list: the title line and the columns' names.
pub const HEAD_ROWS: u16 = 2;

impl App {
    pub fn library_mut(&mut self) -> Option<&mut Library> {
        self.library.as_deref_mut()
    }

    /// Rows of the list on screen (the title line and the status bar excluded).
    pub fn library_height(&self) -> usize {
        usize::from(self.ctx.size.height.saturating_sub(HEAD_ROWS + 1))
    }

    /// A scan's report: files listed, summaries, index progress.
    pub fn scan_event(&mut self, event: ScanEvent) {
        let height = self.library_height();
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let mut say = None;
        match event {
            ScanEvent::Listed(files) => {
                let again = library.progress.listed;
                // the selected and the open article are followed by their file, not their row
                let key_of = |e: Option<usize>| e.map(|e| library.entries[e].file.key());
                let (selected, opened) = (key_of(library.selected_entry()), key_of(library.opened));
                // a rescan keeps what is known of files that did not change
                let known: std::collections::HashMap<String, Entry> = library
                    .entries
                    .drain(..)
                    .map(|e| (e.file.key(), e))
                    .collect();
                let changes = super::Changes::between(&known, &files);
                library.entries = files
                    .into_iter()
                    .map(|file| {
                        let info = known
                            .get(&file.key())
                            .filter(|e| e.file == file)
                            .and_then(|e| e.info.clone());
                        Entry { file, info }
                    })
                    .collect();
                let find = |key: Option<String>, entries: &[Entry]| {
                    key.and_then(|k| entries.iter().position(|e| e.file.key() == k))
                };
                library.opened = find(opened, &library.entries);
                let keep = find(selected, &library.entries);
                library.progress = super::Progress {
                    listed: true,
                    ..Default::default()
                };
                library.refresh(height);
                library.select_entry(keep, height);
                if again {
                    say = Some(changes.to_string());
                }
            }
            ScanEvent::Problem(problem) => library.problems.push(problem),
            ScanEvent::Summaries(batch) => {
                for (index, info) in batch {
                    if let Some(entry) = library.entries.get_mut(index) {
                        entry.info = Some(info);
                        library.progress.summarised += 1;
                    }
                }
                library.refresh(height);
            }
            ScanEvent::Walking(walked) => library.progress.walked = walked,
            ScanEvent::Indexed { done, total } => {
                library.progress.indexed = done;
                library.progress.to_index = total;
            }
            ScanEvent::Finished => {
                library.progress.finished = true;
                self.ctx.outbox.push(Request::Marks);
            }
        }
        if say.is_some() {
            self.ctx.notice = say;
        }
    }

    pub fn set_marks(&mut self, marks: std::collections::HashMap<String, Marks>) {
        let height = self.library_height();
        if let Some(library) = self.library_mut() {
            library.marks = marks;
            library.refresh(height);
        }
    }

    pub fn library_move(&mut self, step: isize) {
        let height = self.library_height();
        let Some(library) = self.library_mut() else {
            return;
        };
        match &mut library.mode {
            Mode::Results(results) => results.step(step, height),
            _ => {
                library.selected = library
                    .selected
                    .saturating_add_signed(step)
                    .min(library.visible.len().saturating_sub(1));
                library.keep_visible(height);
            }
        }
    }

    /// `Enter`: opens the selected article (or search hit).
    pub fn library_open(&mut self) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        if let Mode::Results(results) = &library.mode {
            if let Some(hit) = results.selected_hit() {
                let (hint, part, query) = (hit.key.clone(), hit.part, results.query.clone());
                self.opening(
                    library.entries.iter().position(|e| e.file.key() == hint),
                    hint,
                    AfterLoad::Hit { part, query },
                );
            }
            return;
        }
        if let Some(entry) = library.selected_entry() {
            self.open_entry(entry);
        }
    }

    /// Opens library entry `entry`, or says why it cannot be.
    pub fn open_entry(&mut self, entry: usize) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        let Some(e) = library.entries.get(entry) else {
            return;
        };
        if let Some(Info::NotArticle(reason)) = &e.info {
            // the reason whole: a long path gives way from its start, the file name kept
            let room = usize::from(self.ctx.size.width).saturating_sub(4);
            let path_room = room.saturating_sub(reason.width() + 2).max(room / 3);
            self.ctx.notice = Some(format!(
                "{}: {reason}",
                super::view::tail(&e.file.rel, path_room)
            ));
            return;
        }
        let hint = e.file.key();
        self.opening(Some(entry), hint, AfterLoad::Resume);
    }

    fn opening(&mut self, entry: Option<usize>, hint: String, then: AfterLoad) {
        let height = self.library_height();
        if let Some(library) = self.library_mut() {
            library.opened = entry;
            // the list follows what is read, as in newsboat and mutt: back at this row
            library.select_entry(entry, height);
        }
        self.ctx.notice = Some("opening…".to_owned());
        let width = usize::from(self.areas().text.width);
        self.ctx.outbox.push(Request::Load { hint, then, width });
    }

    /// `U`, and `Space` at the end of an article: the next article not yet read.
    pub fn open_next_unread(&mut self) {
        let Some(library) = self.library.as_deref() else {
            self.ctx.notice =
                Some("no library: open a folder to go from article to article".to_owned());
            return;
        };
        let from = match self.screen {
            Screen::Library => library.selected_entry(),
            _ => library.opened,
        };
        match library.next_unread(from) {
            Some(entry) => self.open_entry(entry),
            None => self.ctx.notice = Some("no unread article left".to_owned()),
        }
    }

    /// `>` and `<` with a library: the next or previous article in the list's order.
    pub fn library_step_article(&mut self, step: isize) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        let Some(at) = library
            .opened
            .and_then(|e| library.visible.iter().position(|&v| v == e))
        else {
            return;
        };
        let count = library.visible.len() as isize;
        let target = library.visible[(at as isize + step).rem_euclid(count) as usize];
        self.open_entry(target);
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
    pub fn library_yank(&mut self) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        let key = match &library.mode {
            Mode::Results(results) => results.selected_hit().map(|h| h.key.clone()),
            _ => library
                .selected_entry()
                .map(|e| library.entries[e].file.key()),
        };
        match key {
            Some(path) => {
                self.ctx.notice = Some(format!("Copied {path}"));
                self.ctx
                    .effects
                    .push(crate::tui::app::Effect::Clipboard(path));
            }
            None => self.ctx.notice = Some("nothing here to copy".to_owned()),
        }
    }

    /// `r` in the list: the selected article read, or unread when it was.
    pub fn library_toggle_read(&mut self) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        let Some(entry) = library.selected_entry().map(|e| &library.entries[e]) else {
            return;
        };
        let Some(seen) = Self::seen_of(entry) else {
            self.ctx.notice = Some("not an article".to_owned());
            return;
        };
        let read = library.state_of(entry) != ReadState::Read;
        self.set_read_marks(vec![seen], read);
    }

    /// `A`: every article in the filtered list read.
    pub fn library_mark_all_read(&mut self) {
        let Some(library) = self.library.as_deref() else {
            return;
        };
        let seen: Vec<Seen> = library
            .visible
            .iter()
            .filter_map(|&e| Self::seen_of(&library.entries[e]))
            .collect();
        if seen.is_empty() {
            self.ctx.notice = Some("no article listed to mark".to_owned());
            return;
        }
        // many at once is asked first: a loose filter may list more than meant
        self.prompt = Some(Prompt::new(Purpose::ConfirmMarkRead(seen), ""));
    }

    /// `y` to `A`'s question: marked, what was not read kept for `u`.
    pub(in crate::tui) fn mark_all_read(&mut self, seen: Vec<Seen>) {
        if let Some(library) = self.library.as_deref_mut() {
            library.undo = seen
                .iter()
                .filter(|s| {
                    let state = library.marks.get(&s.identity.fingerprint).map(|m| m.state);
                    state != Some(ReadState::Read)
                })
                .cloned()
                .collect();
        }
        self.set_read_marks(seen, true);
        if let Some(notice) = self.ctx.notice.as_mut() {
            notice.push_str(" (u undoes)");
        }
    }

    /// `u`: the articles the last `A` marked read are unread again.
    pub fn library_undo(&mut self) {
        let Some(library) = self.library.as_deref_mut() else {
            return;
        };
        let seen = std::mem::take(&mut library.undo);
        if seen.is_empty() {
            self.ctx.notice = Some("nothing to undo".to_owned());
            return;
        }
        let count = seen.len();
        self.set_read_marks(seen, false);
        // a half-read article is half read again, as the store has it
        self.ctx.outbox.push(Request::Marks);
        self.ctx.notice = Some(match count {
            1 => "Unmarked 1 article: unread again".to_owned(),
            n => format!("Unmarked {n} articles: unread again"),
        });
    }

    pub(in crate::tui) fn set_read_marks(&mut self, seen: Vec<Seen>, read: bool) {
        let count = seen.len();
        let height = self.library_height();
        if let Some(library) = self.library_mut() {
            for s in &seen {
                let marks = library
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
            library.refresh(height);
        }
        self.ctx.notice = Some(match (count, read) {
            (1, true) => "Marked read".to_owned(),
            (1, false) => "Marked unread".to_owned(),
            (n, _) => format!("Marked {n} articles read"),
        });
        self.ctx.outbox.push(Request::SetReadMany { seen, read });
    }

    /// `o`: the next sort order.
    pub fn library_cycle_sort(&mut self) {
        if let Some(next) = self.library.as_deref().map(|l| l.sort.next()) {
            self.library_set_sort(next);
        }
    }

    /// The list in this order, kept for the library in the store.
    pub fn library_set_sort(&mut self, sort: super::Sort) {
        let height = self.library_height();
        if let Some(library) = self.library_mut() {
            library.sort = sort;
            library.sort_from = super::SortFrom::Chosen;
            library.refresh(height);
            let label = library.sort.label();
            let request = Request::SetLibrarySort {
                library: library.key.clone(),
                sort: label.to_owned(),
            };
            self.ctx.notice = Some(format!("sorted by {label}"));
            self.ctx.outbox.push(request);
        }
    }

    /// The sort order kept for this library, restored unless one was chosen meanwhile.
    pub fn restore_sort(&mut self, key: &str, sort: Option<String>) {
        let height = self.library_height();
        let Some(library) = self.library_mut() else {
            return;
        };
        let kept = sort.as_deref().and_then(super::Sort::named);
        if let (Some(sort), true) = (kept, library.key == key) {
            if library.sort_from == super::SortFrom::Default {
                library.sort = sort;
                library.sort_from = super::SortFrom::Kept;
                library.refresh(height);
            }
        }
    }

    /// The filter typed so far applies at once.
    pub fn library_filter(&mut self, text: &str) {
        let height = self.library_height();
        if let Some(library) = self.library_mut() {
            if library.filter.text == text {
                return;
            }
            library.filter.set(text);
            if !library.filter.is_empty() {
                // the best match first, selected
                library.selected = 0;
                library.top = 0;
            }
            // an empty filter keeps the selected article where it is
            library.refresh(height);
        }
    }

    /// The full-text search typed: sent to the store; the results replace the list.
    pub fn library_search(&mut self, query: String) {
        let Some(library) = self.library_mut() else {
            return;
        };
        if query.trim().is_empty() {
            library.mode = Mode::List;
            return;
        }
        let keys = library.entries.iter().map(|e| e.file.key()).collect();
        library.mode = Mode::Searching(query.clone());
        self.ctx.outbox.push(Request::Search { query, keys });
    }

    pub fn search_results(&mut self, query: String, hits: Vec<crate::library::Hit>, total: usize) {
        let Some(library) = self.library_mut() else {
            return;
        };
        if library.mode != Mode::Searching(query.clone()) {
            return; // an older search's answer
        }
        let partial = !library.progress.finished;
        library.mode = Mode::Results(Results::new(query, hits, total, partial));
    }

    /// Back from the article to the list, at the same row with the filter kept.
    pub fn back_to_library(&mut self) {
        self.screen = Screen::Library;
        self.ctx.outbox.push(Request::Marks);
        self.library_now();
    }

    /// Keeps the library's clock for "today 09:14" (the loop calls it; update stays pure).
    pub fn library_now(&mut self) {
        if let Some(library) = self.library_mut() {
            library.now = crate::store::time::now();
        }
    }
}
