//! The bookmarks list (`B`): every bookmark, grouped by article, newest first; open, delete
//! (with undo), edit the note, filter. Its own state; `App` routes keys here while it shows.

use super::app::App;
use super::memory::{AfterLoad, Listed, Request, Whereabouts};
use super::prompt::{Prompt, Purpose};
use super::state::Screen;

/// One row of the list on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListRow {
    /// An article's title line, before its bookmarks.
    Article(usize),
    /// A bookmark's first line: its place and when it was saved.
    Place(usize),
    /// A bookmark's second line: its quote and note.
    Quote(usize),
    Blank,
}

/// The list's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarksList {
    /// `None` until the store answers.
    pub listed: Option<Vec<Listed>>,
    /// The selected bookmark, as an index into [`BookmarksList::visible`].
    pub selected: usize,
    /// The first row shown.
    pub top: usize,
    pub filter: String,
    /// Deleted while the list is open, the last one last: `u` puts it back.
    undo: Vec<Listed>,
    /// Opened from the library, so closing it goes back there.
    pub from_library: bool,
    /// The bookmark last clicked: a click on it again opens it.
    pub clicked: Option<usize>,
}

impl BookmarksList {
    /// The bookmarks that pass the filter (on title, place, quote, note and path), grouped
    /// by article in the order of each article's newest bookmark.
    pub fn visible(&self) -> Vec<usize> {
        let Some(listed) = &self.listed else {
            return Vec::new();
        };
        let needle = self.filter.to_lowercase();
        let passes = |l: &Listed| {
            needle.is_empty()
                || [
                    l.row.article.title.as_str(),
                    &l.row.bookmark.place.label(),
                    &l.row.bookmark.place.quote,
                    &l.row.bookmark.note,
                    l.row.article.path.as_deref().unwrap_or(""),
                ]
                .iter()
                .any(|t| t.to_lowercase().contains(&needle))
        };
        // the store lists newest first; keep that order within and between articles
        let mut order: Vec<&str> = Vec::new();
        for l in listed.iter().filter(|l| passes(l)) {
            if !order.contains(&l.row.article.fingerprint.as_str()) {
                order.push(&l.row.article.fingerprint);
            }
        }
        order
            .iter()
            .flat_map(|fp| {
                listed
                    .iter()
                    .enumerate()
                    .filter(move |(_, l)| l.row.article.fingerprint == *fp && passes(l))
                    .map(|(i, _)| i)
            })
            .collect()
    }

    /// The rows on screen for the visible bookmarks.
    pub fn rows(&self) -> Vec<ListRow> {
        let Some(listed) = &self.listed else {
            return Vec::new();
        };
        let mut rows = Vec::new();
        let mut last: Option<&str> = None;
        for i in self.visible() {
            let fingerprint = listed[i].row.article.fingerprint.as_str();
            if last != Some(fingerprint) {
                if last.is_some() {
                    rows.push(ListRow::Blank);
                }
                rows.push(ListRow::Article(i));
                last = Some(fingerprint);
            }
            rows.push(ListRow::Place(i));
            rows.push(ListRow::Quote(i));
        }
        rows
    }

    /// The bookmark (an index into `visible`) drawn at row `y` under the title line.
    pub fn bookmark_at(&self, y: usize) -> Option<usize> {
        let listed = match self.rows().get(self.top + y)? {
            ListRow::Place(i) | ListRow::Quote(i) => *i,
            ListRow::Article(_) | ListRow::Blank => return None,
        };
        self.visible().iter().position(|&v| v == listed)
    }

    /// The selected bookmark's index into `listed`.
    pub fn selected_index(&self) -> Option<usize> {
        self.visible().get(self.selected).copied()
    }

    pub fn selected(&self) -> Option<&Listed> {
        let i = self.selected_index()?;
        self.listed.as_ref()?.get(i)
    }

    fn clamp(&mut self) {
        let count = self.visible().len();
        self.selected = self.selected.min(count.saturating_sub(1));
    }

    /// Scrolls so the selected bookmark's two rows (and its article's title, when it is the
    /// first of its article) show in `height` rows.
    pub fn keep_visible(&mut self, height: usize) {
        let rows = self.rows();
        let Some(selected) = self.selected_index() else {
            self.top = 0;
            return;
        };
        let Some(at) = rows.iter().position(|r| *r == ListRow::Place(selected)) else {
            return;
        };
        let first = if at > 0 && matches!(rows[at - 1], ListRow::Article(_)) {
            at - 1
        } else {
            at
        };
        if first < self.top {
            self.top = first;
        } else if height > 0 && at + 2 > self.top + height {
            self.top = (at + 2).saturating_sub(height);
        }
        self.top = self.top.min(rows.len().saturating_sub(height.max(1)));
    }
}

impl App {
    fn list_mut(&mut self) -> Option<&mut BookmarksList> {
        match &mut self.screen {
            Screen::Bookmarks(list) => Some(list),
            Screen::Article | Screen::Library => None,
        }
    }

    /// Rows the list shows at once (the status bar excluded).
    pub fn list_height(&self) -> usize {
        usize::from(self.ctx.size.height.saturating_sub(2))
    }

    /// `B`: opens the list and asks the store for every bookmark.
    pub fn open_bookmarks_list(&mut self) {
        self.screen = Screen::Bookmarks(Box::new(BookmarksList {
            from_library: self.screen == Screen::Library,
            ..BookmarksList::default()
        }));
        self.prompt = None;
        self.ctx.outbox.push(Request::ListAll);
    }

    pub fn fill_bookmarks_list(&mut self, listed: Vec<Listed>) {
        let height = self.list_height();
        if let Some(list) = self.list_mut() {
            list.listed = Some(listed);
            list.clamp();
            list.keep_visible(height);
        }
    }

    pub fn move_in_list(&mut self, step: isize) {
        let height = self.list_height();
        if let Some(list) = self.list_mut() {
            list.selected = list.selected.saturating_add_signed(step);
            list.clamp();
            list.keep_visible(height);
        }
    }

    /// `Enter`: opens the selected bookmark's article at its place.
    pub fn open_selected_bookmark(&mut self) {
        let Some(listed) = (match &self.screen {
            Screen::Bookmarks(list) => list.selected().cloned(),
            Screen::Article | Screen::Library => None,
        }) else {
            return;
        };
        let place = listed.row.bookmark.place.clone();
        let fingerprint = &listed.row.article.fingerprint;
        if let Some(index) = self
            .readings
            .iter()
            .position(|r| r.memory.fingerprint() == fingerprint)
        {
            self.screen = Screen::Article;
            self.show_article(index);
            self.go_to_place(&place);
            return;
        }
        match (&listed.whereabouts, &listed.row.article.path) {
            (Whereabouts::Missing, Some(path)) => {
                self.ctx.notice = Some(format!("file missing: {path}"));
            }
            (_, Some(path)) => {
                self.ctx.notice = Some(format!("opening {path}…"));
                self.ctx.outbox.push(Request::Load {
                    hint: path.clone(),
                    then: AfterLoad::Place(place),
                    width: usize::from(self.areas().text.width),
                });
            }
            (_, None) => self.ctx.notice = Some("no file known for this article".to_owned()),
        }
    }

    /// An article loaded to open a bookmark: shown, at the bookmark's place.
    /// An article loaded to be read: shown, where `then` says. With a library, it takes
    /// the place of the article read before; else it joins the open ones.
    pub fn open_loaded(&mut self, reading: super::reading::Reading, then: AfterLoad) {
        // the same article from another file is another copy: the one asked for is shown
        let found = self.readings.iter().position(|r| {
            r.memory.fingerprint() == reading.memory.fingerprint()
                && r.memory.seen.path == reading.memory.seen.path
        });
        let index = match found {
            Some(index) => index,
            None => {
                self.ctx
                    .outbox
                    .push(Request::Open(reading.memory.seen.clone()));
                if self.library.is_some() {
                    self.readings.clear();
                }
                self.readings.push(reading);
                self.readings.len() - 1
            }
        };
        self.screen = Screen::Article;
        self.show_article(index);
        self.ctx.notice = None;
        match then {
            AfterLoad::Resume => {}
            AfterLoad::Place(place) => self.go_to_place(&place),
            AfterLoad::Hit { part, query } => self.go_to_hit(part, query),
        }
    }

    /// A search hit opened: its part at the top, the query's matches lit, `n` going on.
    fn go_to_hit(&mut self, part: crate::library::HitPart, query: String) {
        use crate::article::document::Part;
        use crate::library::HitPart;
        self.settle_resume();
        let wanted = match part {
            HitPart::Section(i) => Some(Part::Section(i)),
            HitPart::KeyPoints => Some(Part::KeyPoints),
            HitPart::Summary => Some(Part::Summary),
            HitPart::Faq => Some(Part::Faq),
            HitPart::Title | HitPart::Lead => None,
        };
        match wanted.and_then(|p| self.reading().doc.outline.iter().position(|e| e.part == p)) {
            Some(entry) => self.jump(entry),
            None => self.reading_mut().top = 0,
        }
        let top = self.reading().top;
        self.run_search(&query, top);
    }

    /// `d`: deletes the selected bookmark (`u` undoes it while the list is open).
    pub fn delete_selected_bookmark(&mut self) {
        let height = self.list_height();
        let Some(list) = self.list_mut() else { return };
        let (Some(index), Some(listed)) = (list.selected_index(), list.listed.as_mut()) else {
            return;
        };
        let removed = listed.remove(index);
        let id = removed.row.bookmark.id;
        let label = removed.row.bookmark.place.label();
        list.undo.push(removed);
        list.clamp();
        list.keep_visible(height);
        self.ctx.outbox.push(Request::RemoveBookmark(id));
        self.forget_bookmark(id);
        self.ctx.notice = Some(format!("Deleted {label} (u undoes)"));
    }

    /// `u`: puts the last deleted bookmark back.
    pub fn undo_delete(&mut self) {
        let height = self.list_height();
        let Some(list) = self.list_mut() else { return };
        let Some(listed) = list.undo.pop() else {
            self.ctx.notice = Some("nothing to undo".to_owned());
            return;
        };
        let request = Request::RestoreBookmark {
            fingerprint: listed.row.article.fingerprint.clone(),
            bookmark: listed.row.bookmark.clone(),
        };
        let label = listed.row.bookmark.place.label();
        if let Some(all) = list.listed.as_mut() {
            // back where it was: newest first
            let at = all
                .iter()
                .position(|l| l.row.bookmark.created < listed.row.bookmark.created)
                .unwrap_or(all.len());
            all.insert(at, listed);
        }
        list.clamp();
        list.keep_visible(height);
        self.ctx.outbox.push(request);
        // the restored bookmark gets a new id: ask again so later edits name it
        self.ctx.outbox.push(Request::ListAll);
        self.ctx.notice = Some(format!("Restored {label}"));
    }

    /// `e`: edits the selected bookmark's note in the prompt.
    pub fn edit_selected_note(&mut self) {
        let Screen::Bookmarks(list) = &self.screen else {
            return;
        };
        if let Some(listed) = list.selected() {
            self.prompt = Some(Prompt::new(
                Purpose::EditNote {
                    id: listed.row.bookmark.id,
                    fingerprint: listed.row.article.fingerprint.clone(),
                },
                &listed.row.bookmark.note,
            ));
        }
    }

    /// The note typed for `e`: saved, and shown in the list and the open article.
    pub fn set_note(&mut self, id: i64, fingerprint: &str, note: String) {
        let note = note.trim().to_owned();
        if let Some(list) = self.list_mut() {
            for l in list.listed.iter_mut().flatten() {
                if l.row.bookmark.id == id {
                    l.row.bookmark.note = note.clone();
                }
            }
        }
        for reading in &mut self.readings {
            if reading.memory.fingerprint() == fingerprint {
                for b in &mut reading.memory.bookmarks {
                    if b.id == id {
                        b.note = note.clone();
                    }
                }
            }
        }
        self.ctx.notice = Some(
            if note.is_empty() {
                "Note removed"
            } else {
                "Note saved"
            }
            .to_owned(),
        );
        self.ctx.outbox.push(Request::SetNote { id, note });
    }

    /// The filter typed so far applies at once.
    pub fn filter_list(&mut self, filter: &str) {
        let height = self.list_height();
        if let Some(list) = self.list_mut() {
            list.filter = filter.to_owned();
            list.selected = 0;
            list.top = 0;
            list.clamp();
            list.keep_visible(height);
        }
    }

    /// A bookmark deleted from the list goes from the open article's marks too.
    fn forget_bookmark(&mut self, id: i64) {
        for reading in &mut self.readings {
            if reading.memory.bookmarks.iter().any(|b| b.id == id) {
                let kept: Vec<_> = reading
                    .memory
                    .bookmarks
                    .iter()
                    .filter(|b| b.id != id)
                    .cloned()
                    .collect();
                reading.memory.replace_bookmarks(kept, &reading.doc);
            }
        }
    }
}
