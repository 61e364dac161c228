//! The marks list (`B`): every bookmark and highlight, grouped by article, newest first;
//! open, delete (with undo), edit the note, filter, only highlights (`H`). A layer: its own
//! state, keys and drawing.

pub mod view;

use super::action::Action;
use super::context::Context;
use super::layer::{Layer, Message, News, Outcome};
use super::memory::{AfterLoad, Listed, Mark, MarkId, Request, Whereabouts};
use super::prompt::{Prompt, Purpose};

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
    /// The articles open below: a bookmark of theirs goes back to them.
    open: Vec<String>,
    /// The bookmark last clicked: a click on it again opens it.
    pub clicked: Option<usize>,
    /// What the list shows: every mark, or the highlights alone (`H`).
    pub only: Only,
}

/// Which marks the list shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    All,
    Highlights,
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
            (self.only == Only::All || l.mark.is_highlight())
                && (needle.is_empty()
                    || [
                        l.article.title.as_str(),
                        &l.mark.place().label(),
                        &l.mark.quote(),
                        l.mark.note(),
                        l.article.path.as_deref().unwrap_or(""),
                    ]
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle)))
        };
        // the store lists newest first; keep that order within and between articles
        let mut order: Vec<&str> = Vec::new();
        for l in listed.iter().filter(|l| passes(l)) {
            if !order.contains(&l.article.fingerprint.as_str()) {
                order.push(&l.article.fingerprint);
            }
        }
        order
            .iter()
            .flat_map(|fp| {
                listed
                    .iter()
                    .enumerate()
                    .filter(move |(_, l)| l.article.fingerprint == *fp && passes(l))
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
            let fingerprint = listed[i].article.fingerprint.as_str();
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

impl BookmarksList {
    /// A list to be filled by the store's answer; `open` are the articles open below, which a
    /// bookmark of theirs goes back to without loading them again.
    pub fn new(open: Vec<String>) -> BookmarksList {
        BookmarksList {
            open,
            ..BookmarksList::default()
        }
    }

    /// Rows the list shows at once (the status bar excluded).
    pub fn height(ctx: &Context) -> usize {
        usize::from(ctx.size.height.saturating_sub(2))
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        match action {
            Action::Quit | Action::Back => return Outcome::Close,
            Action::ListDown => self.move_by(1, ctx),
            Action::ListUp => self.move_by(-1, ctx),
            Action::ListTop => self.move_by(isize::MIN / 2, ctx),
            Action::ListBottom => self.move_by(isize::MAX / 2, ctx),
            Action::ListPageDown | Action::ListPageUp => {
                let page = Self::height(ctx).saturating_sub(1).max(1) as isize;
                let step = if action == Action::ListPageDown {
                    page
                } else {
                    -page
                };
                self.move_by(step, ctx);
            }
            Action::ListOpen => return self.open_selected(ctx),
            Action::ListDelete => self.delete_selected(ctx),
            Action::ListUndo => self.undo_delete(ctx),
            Action::ListEditNote => {
                if let Some(listed) = self.selected() {
                    let prompt = Prompt::new(
                        Purpose::EditNote {
                            mark: listed.mark.id(),
                            fingerprint: listed.article.fingerprint.clone(),
                        },
                        listed.mark.note(),
                    );
                    return Outcome::Open(Layer::Prompt(Box::new(prompt)));
                }
            }
            Action::ListHighlightsOnly => {
                self.only = match self.only {
                    Only::All => Only::Highlights,
                    Only::Highlights => Only::All,
                };
                self.selected = 0;
                self.top = 0;
                self.clamp();
                self.keep_visible(Self::height(ctx));
                ctx.notice = Some(
                    match self.only {
                        Only::All => "every bookmark and highlight",
                        Only::Highlights => "only highlights (H again: all)",
                    }
                    .to_owned(),
                );
            }
            Action::ListFilter => {
                let prompt = Prompt::new(Purpose::Filter, &self.filter);
                return Outcome::Open(Layer::Prompt(Box::new(prompt)));
            }
            // the list is open already; marks belong to an article or the library
            Action::OpenBookmarks | Action::ToggleRead => {}
            // in a list the wheel moves the selection, as in lazygit and newsboat
            Action::Wheel { lines, .. } => self.move_by(lines as isize, ctx),
            Action::Click { row, .. } => return self.click(row, ctx),
            // what the file is: the article's or the library's answer below
            _ => return Outcome::Pass,
        }
        Outcome::Done
    }

    /// A prompt's line for the list: the filter as typed, a note edited.
    pub fn receive(&mut self, message: Message, ctx: &mut Context) -> Outcome {
        match message {
            Message::Filter(text) => self.filter_by(&text, ctx),
            Message::EditNote {
                mark,
                fingerprint,
                note,
            } => self.set_note(mark, &fingerprint, note, ctx),
            _ => {}
        }
        Outcome::Done
    }

    pub fn resize(&mut self, ctx: &Context) {
        self.keep_visible(Self::height(ctx));
    }

    pub fn fill(&mut self, listed: Vec<Listed>, ctx: &Context) {
        self.listed = Some(listed);
        self.clamp();
        self.keep_visible(Self::height(ctx));
    }

    fn move_by(&mut self, step: isize, ctx: &Context) {
        self.selected = self.selected.saturating_add_signed(step);
        self.clamp();
        self.keep_visible(Self::height(ctx));
    }

    /// A click selects a bookmark; a click on it again opens it, as Enter does.
    fn click(&mut self, row: u16, ctx: &mut Context) -> Outcome {
        // the list's title line is above its rows
        let Some(index) = row
            .checked_sub(1)
            .and_then(|y| self.bookmark_at(usize::from(y)))
        else {
            return Outcome::Done;
        };
        let again = self.selected == index && self.clicked == Some(index);
        self.clicked = Some(index);
        self.selected = index;
        self.keep_visible(Self::height(ctx));
        if again {
            return self.handle(Action::ListOpen, ctx);
        }
        Outcome::Done
    }

    /// `Enter`: the selected bookmark's article at its place: the one open below, or loaded.
    fn open_selected(&mut self, ctx: &mut Context) -> Outcome {
        let Some(listed) = self.selected().cloned() else {
            return Outcome::Done;
        };
        let place = listed.mark.place().clone();
        let fingerprint = listed.article.fingerprint.clone();
        if self.open.contains(&fingerprint) {
            return Outcome::CloseWith(Message::GoTo { fingerprint, place });
        }
        match (&listed.whereabouts, &listed.article.path) {
            (Whereabouts::Missing, Some(path)) => {
                ctx.notice = Some(format!("file missing: {path}"));
            }
            (_, Some(path)) => {
                ctx.notice = Some(format!("opening {path}…"));
                ctx.outbox.push(Request::Load {
                    hint: path.clone(),
                    then: AfterLoad::Place(place),
                    width: ctx.text_width(),
                });
            }
            (_, None) => ctx.notice = Some("no file known for this article".to_owned()),
        }
        Outcome::Done
    }

    /// `d`: deletes the selected bookmark (`u` undoes it while the list is open).
    fn delete_selected(&mut self, ctx: &mut Context) {
        let height = Self::height(ctx);
        let (Some(index), Some(listed)) = (self.selected_index(), self.listed.as_mut()) else {
            return;
        };
        let removed = listed.remove(index);
        let id = removed.mark.id();
        let label = removed.mark.place().label();
        let what = if removed.mark.is_highlight() {
            "highlight in "
        } else {
            ""
        };
        let fingerprint = removed.article.fingerprint.clone();
        self.undo.push(removed);
        self.clamp();
        self.keep_visible(height);
        ctx.outbox.push(match id {
            MarkId::Bookmark(id) => Request::RemoveBookmark(id),
            MarkId::Highlight(id) => Request::RemoveHighlight { fingerprint, id },
        });
        ctx.news.push(News::MarkGone(id));
        ctx.notice = Some(format!("Deleted {what}{label} (u undoes)"));
    }

    /// `u`: puts the last deleted bookmark back.
    fn undo_delete(&mut self, ctx: &mut Context) {
        let height = Self::height(ctx);
        let Some(listed) = self.undo.pop() else {
            ctx.notice = Some("nothing to undo".to_owned());
            return;
        };
        let fingerprint = listed.article.fingerprint.clone();
        let request = match &listed.mark {
            Mark::Bookmark(bookmark) => Request::RestoreBookmark {
                fingerprint,
                bookmark: bookmark.clone(),
            },
            Mark::Highlight(highlight) => Request::RestoreHighlight {
                fingerprint,
                highlight: highlight.clone(),
            },
        };
        let label = listed.mark.place().label();
        if let Some(all) = self.listed.as_mut() {
            // back where it was: newest first
            let at = all
                .iter()
                .position(|l| l.mark.created() < listed.mark.created())
                .unwrap_or(all.len());
            all.insert(at, listed);
        }
        self.clamp();
        self.keep_visible(height);
        ctx.outbox.push(request);
        // the restored bookmark gets a new id: ask again so later edits name it
        ctx.outbox.push(Request::ListAll);
        ctx.notice = Some(format!("Restored {label}"));
    }

    /// The note typed for `e`: saved, and shown in the list and the open article.
    fn set_note(&mut self, mark: MarkId, fingerprint: &str, note: String, ctx: &mut Context) {
        let note = note.trim().to_owned();
        for l in self.listed.iter_mut().flatten() {
            if l.mark.id() == mark {
                l.mark.set_note(note.clone());
            }
        }
        ctx.news.push(News::NoteSet {
            mark,
            fingerprint: fingerprint.to_owned(),
            note: note.clone(),
        });
        ctx.notice = Some(
            if note.is_empty() {
                "Note removed"
            } else {
                "Note saved"
            }
            .to_owned(),
        );
        ctx.outbox.push(match mark {
            MarkId::Bookmark(id) => Request::SetNote { id, note },
            MarkId::Highlight(id) => Request::SetHighlightNote { id, note },
        });
    }

    /// The filter typed so far applies at once.
    fn filter_by(&mut self, filter: &str, ctx: &Context) {
        self.filter = filter.to_owned();
        self.selected = 0;
        self.top = 0;
        self.clamp();
        self.keep_visible(Self::height(ctx));
    }
}
