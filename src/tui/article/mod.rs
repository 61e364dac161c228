//! An article layer: the open articles (one, with a library), the sidebar of subheadings, the
//! reading pane and its views (key points, FAQ, brief), the search, bookmarks, counts. Its own
//! state, its own handling of actions, its own drawing; what it does not take falls below.

pub mod bookmarking;
pub mod brief;
pub mod count;
pub mod faq;
pub mod header;
mod highlight;
pub mod highlighting;
pub mod key_points;
mod mouse;
mod navigation;
mod opening;
mod outside;
pub mod pane;
pub mod reading;
pub mod search;
mod search_actions;
pub mod sidebar;

use super::action::Action;
use super::context::Context;
use super::geometry::{self, Areas, Shape, SidebarPlace};
use super::layer::{Layer, Message, News, Outcome};
use super::line_edit::LineEdit;
use super::memory::MarkId;
use super::prompt::{Prompt, Purpose};
use super::state::{Focus, SidebarMode, View};
use count::{Count, Meaning};
use reading::Reading;
use search::Search;

/// What Space says at the end of an article, before a second Space goes on.
pub const AT_END: &str = "end · Space again: next unread";

/// Where the articles came from: files given (`>` goes round them), or the library below
/// (`>`, `U` and the last Space go to its next article, `q` goes back to it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Files,
    Library,
}

#[derive(Debug, Clone)]
pub struct ArticleLayer {
    pub readings: Vec<Reading>,
    pub current: usize,
    pub origin: Origin,
    pub focus: Focus,
    pub view: View,
    /// The brief view's selected key point.
    pub brief: brief::BriefState,
    /// Digits typed before a key that takes a count (`5j`, `50%`).
    pub count: Option<Count>,
    /// Words being chosen for a highlight.
    pub selection: Option<highlighting::Selection>,
    /// Where the mouse's left button went down in the text, until it is let go.
    pub pressed: Option<crate::article::layout::Anchor>,
}

impl ArticleLayer {
    /// An article layer over `readings`, laid out for the screen, asking the store about them.
    pub fn new(readings: Vec<Reading>, origin: Origin, ctx: &mut Context) -> ArticleLayer {
        let mut article = ArticleLayer {
            readings,
            current: 0,
            origin,
            focus: Focus::Reader,
            view: View::Article,
            brief: brief::BriefState::default(),
            count: None,
            selection: None,
            pressed: None,
        };
        if !article.readings.is_empty() {
            article.resize(ctx);
            article.opening_requests(ctx);
        }
        article
    }

    pub fn reading(&self) -> &Reading {
        &self.readings[self.current]
    }

    pub(in crate::tui) fn reading_mut(&mut self) -> &mut Reading {
        &mut self.readings[self.current]
    }

    pub fn areas(&self, ctx: &Context) -> Areas {
        let reading = self.readings.get(self.current);
        geometry::areas(
            ctx.size,
            Shape {
                sidebar: ctx.sidebar,
                measure: ctx.measure,
                outline: reading.is_some_and(|r| !r.doc.outline.is_empty()),
                outline_width: reading.map_or(0, |r| r.outline_width),
            },
        )
    }

    /// Rows of text the pane shows at once.
    pub fn pane_height(&self, ctx: &Context) -> usize {
        usize::from(self.areas(ctx).pane.height)
    }

    pub fn sidebar_visible(&self, ctx: &Context) -> bool {
        self.areas(ctx).sidebar.is_some()
    }

    /// The focus that keys act on: the sidebar only while it shows.
    pub fn effective_focus(&self, ctx: &Context) -> Focus {
        if self.focus == Focus::Sidebar
            && self.areas(ctx).sidebar.is_some()
            && self.view == View::Article
        {
            Focus::Sidebar
        } else {
            Focus::Reader
        }
    }

    /// An action for the article: counts first, then what it does, then whether the reader
    /// moved (a saved position arriving late must not move it again).
    pub fn handle(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        if self.readings.is_empty() {
            return Outcome::Pass;
        }
        // Space at the end said where it is; Space again goes on
        let end_said = action == Action::PageDown && ctx.said.as_deref() == Some(AT_END);
        let at_end = self.reading().top >= self.reading().max_top(self.pane_height(ctx));
        if end_said && at_end && self.count.is_none() {
            return Outcome::Below(Action::NextUnread);
        }
        let before = (self.current, self.reading().spot());
        let outcome = self.counted(action, ctx);
        if self.readings.is_empty() {
            return outcome;
        }
        let after = (self.current, self.reading().spot());
        self.reading_mut().follow_window();
        if before != after {
            self.settle_resume();
        }
        outcome
    }

    /// An action after digits: what the count makes of it.
    fn counted(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        let Some(count) = self.count.take() else {
            return self.dispatch(action, ctx);
        };
        match count.meaning(action) {
            Meaning::Grow(value) => {
                self.reading_mut().back_to(count.origin);
                self.jump_to_section(value, ctx);
                self.count = Some(Count {
                    value,
                    origin: count.origin,
                });
            }
            Meaning::Repeat { action, times } => {
                self.reading_mut().back_to(count.origin);
                let height = self.pane_height(ctx);
                let page = height.saturating_sub(2).max(1);
                let lines = match action {
                    Action::LineDown => Some(1),
                    Action::LineUp => Some(-1),
                    Action::PageDown => Some(page as isize),
                    Action::PageUp => Some(-(page as isize)),
                    Action::HalfPageDown => Some((height / 2).max(1) as isize),
                    Action::HalfPageUp => Some(-((height / 2).max(1) as isize)),
                    _ => None,
                };
                match lines {
                    Some(lines) => self.scroll(lines.saturating_mul(times as isize), ctx),
                    // at most once round the article's sections or matches, and then some
                    None => {
                        for _ in 0..times.min(10_000) {
                            self.dispatch(action, ctx);
                        }
                    }
                }
            }
            Meaning::Percent(percent) => {
                self.reading_mut().back_to(count.origin);
                self.go_to_percent(percent, ctx);
            }
            // `12` Enter where there is no section 12: say so again, the key cleared it
            Meaning::Keep if self.reading().section_entry(count.value).is_none() => {
                self.jump_to_section(count.value, ctx);
            }
            Meaning::Keep => {}
            Meaning::Drop => return self.dispatch(action, ctx),
        }
        Outcome::Done
    }

    /// `N%`: N percent of the way down the article, as in less.
    pub(in crate::tui) fn go_to_percent(&mut self, percent: usize, ctx: &mut Context) {
        self.view = View::Article;
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        let row = reading.max_top(height) * percent.min(100) / 100;
        reading.scroll(isize::MIN / 2, height);
        reading.scroll(row as isize, height);
        self.keep_sidebar_visible(ctx);
    }

    /// A section by its number, or a word saying there is none.
    pub(in crate::tui) fn jump_to_section(&mut self, n: usize, ctx: &mut Context) {
        match self.reading().section_entry(n) {
            Some(entry) => self.jump(entry, ctx),
            None if self.reading().completeness.is_head() => {
                ctx.notice = Some(format!("section {n} is still being read"));
            }
            None => {
                let count = self.reading().doc.section_count();
                ctx.notice = Some(match count {
                    0 => "this article has no sections".to_owned(),
                    _ => format!("no section {n}: this article has {count}"),
                });
            }
        }
    }

    fn dispatch(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        let height = self.pane_height(ctx);
        let page = height.saturating_sub(2).max(1) as isize;
        let half = (height / 2).max(1) as isize;
        match action {
            // q closes a view first, as Esc does, then backs out to the library
            Action::Quit if self.view != View::Article => self.view = View::Article,
            Action::Quit => return Outcome::Close,
            Action::ToggleBookmark => self.toggle_bookmark(None, ctx),
            Action::BookmarkWithNote => match self.place_here(ctx) {
                Some(place) => {
                    let note = self
                        .reading()
                        .memory
                        .bookmarks
                        .iter()
                        .find(|b| b.place.key() == place.key())
                        .map(|b| b.note.clone())
                        .unwrap_or_default();
                    return Outcome::Open(Layer::Prompt(Box::new(Prompt::new(
                        Purpose::Note(place),
                        &note,
                    ))));
                }
                None => ctx.notice = Some("nothing here to bookmark".to_owned()),
            },
            Action::Edit => self.edit(ctx),
            Action::Tag => {
                let prompt = Prompt::tags(self.reading().memory.seen.clone(), ctx);
                return Outcome::Open(Layer::Prompt(Box::new(prompt)));
            }
            Action::Reload => self.reload(ctx),
            Action::Pipe => return self.pipe_prompt(),
            Action::Highlight => self.start_highlight(ctx),
            Action::NextHighlight => self.step_highlight(1, ctx),
            Action::PreviousHighlight => self.step_highlight(-1, ctx),
            Action::Select(how) => self.select_step(how, ctx),
            Action::SelectColour(colour) => self.select_colour(colour, ctx),
            Action::SelectSave => self.select_save(None, ctx),
            Action::SelectNote => return self.select_note(),
            Action::SelectCancel => self.select_cancel(ctx),
            Action::Release { column, row } => self.release(column, row, ctx),
            Action::NextBookmark => self.step_bookmark(1, ctx),
            Action::PreviousBookmark => self.step_bookmark(-1, ctx),
            Action::Yank => self.yank(ctx),
            Action::ToggleRead => self.toggle_read(ctx),
            Action::OpenBookmarks => {
                let open = self
                    .readings
                    .iter()
                    .map(|r| r.memory.fingerprint().to_owned())
                    .collect();
                return Outcome::OpenBookmarks { open };
            }
            Action::CursorLeft => self.edit_search(LineEdit::left, ctx),
            Action::CursorRight => self.edit_search(LineEdit::right, ctx),
            Action::CursorHome => self.edit_search(LineEdit::home, ctx),
            Action::CursorEnd => self.edit_search(LineEdit::end, ctx),
            Action::DeleteForward => self.edit_search(LineEdit::delete, ctx),
            Action::HistoryOlder => self.search_history(1, ctx),
            Action::HistoryNewer => self.search_history(-1, ctx),
            Action::NextUnread if self.origin == Origin::Files => {
                ctx.notice =
                    Some("no library: open a folder to go from article to article".to_owned());
            }
            Action::LineDown => self.scroll(1, ctx),
            Action::LineUp => self.scroll(-1, ctx),
            // Space at the end of an article goes on to the next unread one, as in newsboat
            Action::PageDown
                if self.origin == Origin::Library
                    && self.view == View::Article
                    && self.reading().top >= self.reading().max_top(height) =>
            {
                ctx.notice = Some(AT_END.to_owned());
            }
            Action::PageDown => self.scroll(page, ctx),
            Action::PageUp => self.scroll(-page, ctx),
            Action::HalfPageDown => self.scroll(half, ctx),
            Action::HalfPageUp => self.scroll(-half, ctx),
            Action::Top => self.scroll(isize::MIN / 2, ctx),
            Action::Bottom if self.view == View::Article => {
                // the real bottom, even after a jump went past it
                let reading = self.reading_mut();
                reading.top = reading.max_top(height);
                reading.clear_aim();
                // the last heading in view is what the bar names there: b and y act on it too
                if let Some(entry) = self.reading_entry(ctx) {
                    let reading = self.reading_mut();
                    let block = reading.doc.outline[entry].block;
                    if reading.layout.block_row(block) > reading.top {
                        let anchor = crate::article::layout::Anchor { block, byte: 0 };
                        reading.aim_at(anchor, height);
                    }
                }
                self.keep_sidebar_visible(ctx);
            }
            Action::Bottom => self.scroll(isize::MAX / 2, ctx),
            Action::JumpToSection(n) => self.jump_to_section(n, ctx),
            Action::Digit(0) => {}
            // a count starts only in the text: from a view the digit is a jump
            Action::Digit(d) if self.view != View::Article => {
                self.jump_to_section(usize::from(d), ctx)
            }
            Action::Digit(d) => {
                let origin = self.reading().spot();
                self.jump_to_section(usize::from(d), ctx);
                self.count = Some(Count {
                    value: usize::from(d),
                    origin,
                });
            }
            Action::CountDone => {}
            Action::Percent => self.go_to_percent(0, ctx),
            Action::FileInfo => ctx.notice = Some(self.file_info(ctx)),
            Action::NextSection => self.step_section(1, ctx),
            Action::PreviousSection => self.step_section(-1, ctx),
            Action::FocusNext | Action::FocusPrevious => {
                if self.effective_focus(ctx) == Focus::Sidebar {
                    self.focus = Focus::Reader;
                    self.close_sidebar_overlay(ctx);
                } else {
                    if self.areas(ctx).sidebar.is_none() {
                        // a hidden sidebar comes back to take the focus, as `s` would
                        ctx.sidebar = SidebarMode::Shown;
                        self.resize(ctx);
                    }
                    if self.areas(ctx).sidebar.is_some() {
                        let active = self.reading_entry(ctx).unwrap_or(0);
                        self.reading_mut().sidebar_selected = active;
                        self.focus = Focus::Sidebar;
                    }
                }
                self.view = View::Article;
                self.keep_sidebar_visible(ctx);
            }
            Action::SidebarDown => self.move_sidebar(1, ctx),
            Action::SidebarUp => self.move_sidebar(-1, ctx),
            Action::SidebarTop => self.move_sidebar(isize::MIN / 2, ctx),
            Action::SidebarBottom => self.move_sidebar(isize::MAX / 2, ctx),
            Action::SidebarPageDown => self.move_sidebar(page, ctx),
            Action::SidebarPageUp => self.move_sidebar(-page, ctx),
            Action::SidebarOpen => {
                let entry = self.reading().sidebar_selected;
                self.jump(entry, ctx);
                self.focus = Focus::Reader;
                self.close_sidebar_overlay(ctx);
            }
            Action::ToggleSidebar => {
                ctx.sidebar = if self.sidebar_visible(ctx) {
                    SidebarMode::Hidden
                } else {
                    SidebarMode::Shown
                };
                if !self.sidebar_visible(ctx) {
                    self.focus = Focus::Reader;
                }
                // a sidebar over the text is there to be used: it takes the keys
                if matches!(self.areas(ctx).sidebar_place, SidebarPlace::Overlay(_)) {
                    let active = self.reading_entry(ctx).unwrap_or(0);
                    self.reading_mut().sidebar_selected = active;
                    self.focus = Focus::Sidebar;
                    self.view = View::Article;
                }
                self.resize(ctx);
            }
            Action::ToggleKeyPoints => self.toggle_view(View::KeyPoints, ctx),
            Action::ToggleFaq => self.toggle_view(View::Faq, ctx),
            Action::ToggleBrief => self.toggle_brief(),
            Action::BriefOpen => self.brief_open(ctx),
            Action::FaqToggleAnswer => {
                let faq = &mut self.reading_mut().faq;
                let selected = faq.selected;
                if !faq.open.remove(&selected) {
                    faq.open.insert(selected);
                }
            }
            Action::FaqToggleAll => {
                let count = self.reading().article.faq.len();
                let faq = &mut self.reading_mut().faq;
                if faq.open.len() == count {
                    faq.open.clear();
                } else {
                    faq.open = (0..count).collect();
                }
            }
            Action::SearchStart => self.start_search(),
            Action::SearchInput(c) => self.edit_search(|l| l.insert(c), ctx),
            Action::SearchBackspace => {
                // backspace on nothing leaves the search, as in vim's command line
                let empty =
                    matches!(&self.reading().search, Search::Typing(t) if t.line.text.is_empty());
                if empty {
                    self.cancel_search(ctx);
                } else {
                    self.edit_search(LineEdit::backspace, ctx);
                }
            }
            Action::SearchDeleteWord => self.edit_search(LineEdit::delete_word, ctx),
            Action::SearchClear => self.edit_search(LineEdit::clear, ctx),
            Action::SearchSubmit => self.submit_search(ctx),
            Action::SearchNext => self.step_match(1, ctx),
            Action::SearchPrevious => self.step_match(-1, ctx),
            Action::NextArticle | Action::PreviousArticle if self.origin == Origin::Library => {
                return Outcome::Pass;
            }
            Action::NextArticle => self.switch_article(1, ctx),
            Action::PreviousArticle => self.switch_article(-1, ctx),
            Action::Back => return self.back(ctx),
            Action::Wheel { column, row, lines } => {
                self.wheel(column, row, lines as isize * super::mouse::WHEEL_LINES, ctx)
            }
            Action::Click { column, row } => return self.click(column, row, ctx),
            _ => return Outcome::Pass,
        }
        Outcome::Done
    }

    /// What a layer above said to the article: a note typed for `m`, a bookmark chosen.
    pub fn receive(&mut self, message: Message, ctx: &mut Context) -> Outcome {
        match message {
            Message::Note(note) => self.toggle_bookmark(Some(note.trim().to_owned()), ctx),
            Message::HighlightNote(note) => self.select_save(Some(note.trim().to_owned()), ctx),
            Message::Pipe(command) => self.pipe(&command, ctx),
            Message::GoTo { fingerprint, place } => {
                if let Some(index) = self.reading_index(&fingerprint) {
                    self.show_article(index, ctx);
                    self.go_to_place(&place, ctx);
                }
            }
            _ => {}
        }
        Outcome::Done
    }

    /// What the bookmarks list changed, for the articles open here.
    pub fn hear(&mut self, news: &News) {
        match news {
            News::NoteSet {
                mark,
                fingerprint,
                note,
            } => {
                for reading in &mut self.readings {
                    if reading.memory.fingerprint() != fingerprint {
                        continue;
                    }
                    match *mark {
                        MarkId::Bookmark(id) => {
                            for b in reading.memory.bookmarks.iter_mut().filter(|b| b.id == id) {
                                b.note.clone_from(note);
                            }
                        }
                        MarkId::Highlight(id) => {
                            let list = &mut reading.memory.highlights.list;
                            for h in list.iter_mut().filter(|h| h.id == id) {
                                h.note.clone_from(note);
                            }
                        }
                    }
                }
            }
            News::MarkGone(MarkId::Highlight(id)) => {
                for reading in &mut self.readings {
                    let list = &reading.memory.highlights.list;
                    if list.iter().any(|h| h.id == *id) {
                        let kept = list.iter().filter(|h| h.id != *id).cloned().collect();
                        reading.memory.highlights.replace(kept, &reading.doc);
                    }
                }
            }
            News::MarkGone(MarkId::Bookmark(id)) => {
                for reading in &mut self.readings {
                    if reading.memory.bookmarks.iter().any(|b| b.id == *id) {
                        let kept: Vec<_> = reading
                            .memory
                            .bookmarks
                            .iter()
                            .filter(|b| b.id != *id)
                            .cloned()
                            .collect();
                        reading.memory.replace_bookmarks(kept, &reading.doc);
                    }
                }
            }
        }
    }

    fn toggle_view(&mut self, view: View, ctx: &mut Context) {
        let article = &self.reading().article;
        let missing = match view {
            View::KeyPoints if article.key_points.is_empty() => {
                Some("no key points in this article")
            }
            View::Faq if article.faq.is_empty() => Some("no FAQ in this article"),
            _ => None,
        };
        if let (Some(why), true) = (missing, self.view != view) {
            ctx.notice = Some(why.to_owned());
            return;
        }
        self.view = if self.view == view {
            View::Article
        } else {
            view
        };
        self.focus = Focus::Reader;
    }

    /// Esc: the innermost thing open in the article goes; at last, back to the library.
    fn back(&mut self, ctx: &mut Context) -> Outcome {
        if self.reading().search.is_typing() {
            self.cancel_search(ctx);
        } else if !matches!(self.reading().search, Search::Off) {
            self.reading_mut().search = Search::Off;
        } else if self.view != View::Article {
            self.view = View::Article;
        } else if self.focus == Focus::Sidebar {
            self.focus = Focus::Reader;
            self.close_sidebar_overlay(ctx);
        } else if matches!(self.areas(ctx).sidebar_place, SidebarPlace::Overlay(_)) {
            self.close_sidebar_overlay(ctx);
        } else if self.origin == Origin::Library {
            return Outcome::Close;
        }
        Outcome::Done
    }

    /// A sidebar drawn over the text goes once it has been used.
    fn close_sidebar_overlay(&mut self, ctx: &mut Context) {
        if matches!(self.areas(ctx).sidebar_place, SidebarPlace::Overlay(_)) {
            ctx.sidebar = SidebarMode::Auto;
        }
    }

    fn switch_article(&mut self, step: isize, ctx: &mut Context) {
        let count = self.readings.len() as isize;
        self.show_article(
            (self.current as isize + step).rem_euclid(count) as usize,
            ctx,
        );
    }

    /// Shows open article `index`, laid out for the pane.
    pub(in crate::tui) fn show_article(&mut self, index: usize, ctx: &mut Context) {
        self.current = index.min(self.readings.len() - 1);
        self.selection = None;
        self.view = View::Article;
        self.focus = Focus::Reader;
        self.count = None;
        self.resize(ctx);
        let height = self.pane_height(ctx);
        self.reading_mut().fit(height);
        self.carry_search(ctx);
    }

    /// Re-wraps the current article for the pane's width after a resize or sidebar toggle.
    pub fn resize(&mut self, ctx: &mut Context) {
        // the rows a count would come back to are another width's
        self.count = None;
        if self.readings.is_empty() {
            return;
        }
        // only the article on screen is wrapped; another is wrapped when it is opened
        let width = self.areas(ctx).text.width;
        // too narrow to read: the view says so, and the last layout waits for a wider pane
        if width >= super::view::MIN_TEXT_WIDTH {
            if let reading::Relayout::Elsewhere(width) =
                self.reading_mut().relayout(usize::from(width))
            {
                let reading = self.reading();
                ctx.effects.push(super::app::Effect::Layout {
                    fingerprint: reading.memory.fingerprint().to_owned(),
                    width,
                    doc: std::sync::Arc::clone(&reading.doc),
                });
            }
        }
        self.keep_sidebar_visible(ctx);
    }
}
