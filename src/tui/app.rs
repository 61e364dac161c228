//! The reader's state and `update`: actions in, state changed, no I/O.

use super::action::Action;
use super::count::{Count, Meaning};
use super::geometry::{self, Areas, Shape, SidebarPlace};
use super::help;
use super::line_edit::LineEdit;
use super::memory::Request;
use super::prompt::{Prompt, Purpose};
use super::reading::Reading;
use super::search::Search;
use super::state::{Focus, Overlay, Running, Screen, SidebarMode, View};
use crate::article::Opened;
use ratatui::layout::Rect;

pub use super::context::Context;

#[derive(Debug, Clone)]
pub struct App {
    pub readings: Vec<Reading>,
    pub current: usize,
    pub screen: Screen,
    pub focus: Focus,
    pub view: View,
    pub overlay: Overlay,
    pub sidebar: SidebarMode,
    pub help_top: usize,
    /// The prompt being typed in the status bar, if any.
    pub prompt: Option<Prompt>,
    /// The library, when lede was opened on folders or several files.
    pub library: Option<Box<super::library::Library>>,
    /// The brief view's selected key point.
    pub brief: super::brief::BriefState,
    /// Digits typed before a key that takes a count (`5j`, `50%`).
    pub count: Option<Count>,
    /// What every layer shares: the size, the notices, the store's queue, the key map, the theme.
    pub ctx: Context,
}

/// What Space says at the end of an article, before a second Space goes on.
const AT_END: &str = "end · Space again: next unread";

/// What update asks of the loop besides the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Scan(crate::library::scan::Target),
    /// Copy this text to the clipboard through the terminal.
    Clipboard(String),
    /// Wrap a big article's whole text at this width in a thread of its own.
    Layout {
        fingerprint: String,
        width: usize,
        doc: std::sync::Arc<crate::article::document::Document>,
    },
}

impl App {
    /// An app over `articles` (at least one) for a screen of `width` × `height`.
    pub fn new(articles: Vec<impl Into<Opened>>, width: u16, height: u16) -> App {
        let size = Rect::new(0, 0, width, height);
        let mut app = App {
            readings: articles.into_iter().map(Reading::new).collect(),
            current: 0,
            screen: Screen::Article,
            focus: Focus::Reader,
            view: View::Article,
            overlay: Overlay::None,
            sidebar: SidebarMode::Auto,
            help_top: 0,
            prompt: None,
            library: None,
            brief: super::brief::BriefState::default(),
            count: None,
            ctx: Context {
                size,
                running: Running::Yes,
                notice: None,
                outbox: Vec::new(),
                store_notices: Vec::new(),
                effects: Vec::new(),
                history: Vec::new(),
                last_search: None,
                command_history: Vec::new(),
                keys: super::bindings::Bindings::default(),
                theme: super::theme::Theme::default(),
                measure: geometry::MEASURE,
                background: None,
            },
        };
        app.ctx.outbox.push(Request::SearchHistory);
        app.ctx.outbox.push(Request::CommandHistory);
        app.relayout();
        app.opening_requests();
        app
    }

    /// Lays out the readings set after `new` and asks the store about them.
    pub fn start_readings(&mut self) {
        self.relayout();
        self.opening_requests();
    }

    /// An app on the library screen, over the files `target` names (scanned by the loop).
    pub fn with_library(target: crate::library::scan::Target, width: u16, height: u16) -> App {
        let mut app = App::new(Vec::<Opened>::new(), width, height);
        app.screen = Screen::Library;
        app.ctx.outbox.push(Request::LibrarySort(target.key()));
        app.library = Some(Box::new(super::library::Library::new(target.clone())));
        app.ctx.effects.push(Effect::Scan(target));
        app
    }

    pub fn reading(&self) -> &Reading {
        &self.readings[self.current]
    }

    pub(super) fn reading_mut(&mut self) -> &mut Reading {
        &mut self.readings[self.current]
    }

    pub fn sidebar_visible(&self) -> bool {
        self.areas().sidebar.is_some()
    }

    /// Applies the config's layout and the theme chosen for this terminal.
    pub fn configure(&mut self, measure: u16, sidebar: SidebarMode, theme: super::theme::Theme) {
        self.ctx.measure = measure.max(1);
        self.sidebar = sidebar;
        self.ctx.theme = theme;
        self.relayout();
    }

    pub fn areas(&self) -> Areas {
        let reading = self.readings.get(self.current);
        let outline = reading.is_some_and(|r| !r.doc.outline.is_empty());
        let outline_width = reading.map_or(0, |r| r.outline_width);
        geometry::areas(
            self.ctx.size,
            Shape {
                sidebar: self.sidebar,
                measure: self.ctx.measure,
                outline,
                outline_width,
            },
        )
    }

    /// Rows of text the pane shows at once.
    pub fn pane_height(&self) -> usize {
        usize::from(self.areas().pane.height)
    }

    /// The focus that keys act on: the sidebar only while it shows.
    pub fn effective_focus(&self) -> Focus {
        if self.focus == Focus::Sidebar
            && self.areas().sidebar.is_some()
            && self.view == View::Article
        {
            Focus::Sidebar
        } else {
            Focus::Reader
        }
    }

    pub fn update(&mut self, action: Action) {
        // Space at the end said where it is; Space again goes on
        let end_said = action == Action::PageDown && self.ctx.notice.as_deref() == Some(AT_END);
        if !matches!(action, Action::Resize(..)) {
            self.ctx.notice = None;
        }
        let at_end = !self.readings.is_empty()
            && self.reading().top >= self.reading().max_top(self.pane_height());
        if end_said && at_end && self.count.is_none() {
            self.open_next_unread();
            return;
        }
        let before = self
            .readings
            .get(self.current)
            .map(|r| (self.current, r.spot()));
        self.counted(action);
        // the reader moved: a saved position that arrives late must not move it again
        let after = self
            .readings
            .get(self.current)
            .map(|r| (self.current, r.spot()));
        if let Some(reading) = self.readings.get_mut(self.current) {
            reading.follow_window();
        }
        if before.is_some() && after.is_some() && before != after {
            self.settle_resume();
        }
    }

    /// An action after digits: what the count makes of it.
    fn counted(&mut self, action: Action) {
        let Some(count) = self.count.take() else {
            return self.dispatch(action);
        };
        if self.readings.is_empty() {
            return self.dispatch(action);
        }
        match count.meaning(action) {
            Meaning::Grow(value) => {
                self.reading_mut().back_to(count.origin);
                self.jump_to_section(value);
                self.count = Some(Count {
                    value,
                    origin: count.origin,
                });
            }
            Meaning::Repeat { action, times } => {
                self.reading_mut().back_to(count.origin);
                let height = self.pane_height();
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
                    Some(lines) => self.scroll(lines.saturating_mul(times as isize)),
                    // at most once round the article's sections or matches, and then some
                    None => (0..times.min(10_000)).for_each(|_| self.dispatch(action)),
                }
            }
            Meaning::Percent(percent) => {
                self.reading_mut().back_to(count.origin);
                self.go_to_percent(percent);
            }
            // `12` Enter where there is no section 12: say so again, the key cleared it
            Meaning::Keep if self.reading().section_entry(count.value).is_none() => {
                self.jump_to_section(count.value);
            }
            Meaning::Keep => {}
            Meaning::Drop => self.dispatch(action),
        }
    }

    /// `N%`: N percent of the way down the article, as in less.
    pub(super) fn go_to_percent(&mut self, percent: usize) {
        self.view = View::Article;
        let height = self.pane_height();
        let reading = self.reading_mut();
        let row = reading.max_top(height) * percent.min(100) / 100;
        reading.scroll(isize::MIN / 2, height);
        reading.scroll(row as isize, height);
        self.keep_sidebar_visible();
    }

    /// A section by its number, or a word saying there is none.
    fn jump_to_section(&mut self, n: usize) {
        match self.reading().section_entry(n) {
            Some(entry) => self.jump(entry),
            None if self.reading().completeness.is_head() => {
                self.ctx.notice = Some(format!("section {n} is still being read"));
            }
            None => {
                let count = self.reading().doc.section_count();
                self.ctx.notice = Some(match count {
                    0 => "this article has no sections".to_owned(),
                    _ => format!("no section {n}: this article has {count}"),
                });
            }
        }
    }

    fn dispatch(&mut self, action: Action) {
        if action == Action::Yank && self.screen == Screen::Library {
            return self.library_yank();
        }
        let no_article = self.screen != Screen::Article || self.readings.is_empty();
        let help = self.overlay == Overlay::Help;
        // ↑ and ↓ walk a prompt's history on any screen
        let history =
            self.prompt.is_some() && matches!(action, Action::HistoryOlder | Action::HistoryNewer);
        if no_article && !history && (action.on_article() || (action.scrolls() && !help)) {
            return;
        }
        let height = self.pane_height();
        let page = height.saturating_sub(2).max(1) as isize;
        let half = (height / 2).max(1) as isize;
        match action {
            Action::Quit if matches!(self.screen, Screen::Bookmarks(_)) => self.close_list(),
            // q closes a view first, as Esc does, then backs out to the library
            Action::Quit if self.screen == Screen::Article && self.view != View::Article => {
                self.view = View::Article;
            }
            Action::Quit if self.screen == Screen::Article && self.library.is_some() => {
                self.back_to_library();
            }
            Action::Quit | Action::QuitAll => self.ctx.running = Running::Quit,
            // the loop suspends the process; nothing changes in here
            Action::Suspend => {}
            Action::ToggleBookmark => self.toggle_bookmark(None),
            Action::BookmarkWithNote => match self.place_here() {
                Some(place) => {
                    let note = self
                        .reading()
                        .memory
                        .bookmarks
                        .iter()
                        .find(|b| b.place.key() == place.key())
                        .map(|b| b.note.clone())
                        .unwrap_or_default();
                    self.prompt = Some(Prompt::new(Purpose::Note(place), &note));
                }
                None => self.ctx.notice = Some("nothing here to bookmark".to_owned()),
            },
            Action::NextBookmark => self.step_bookmark(1),
            Action::PreviousBookmark => self.step_bookmark(-1),
            Action::Yank if self.screen == Screen::Library => self.library_yank(),
            Action::Yank => self.yank(),
            Action::ToggleRead if self.screen == Screen::Library => self.library_toggle_read(),
            Action::ToggleRead if self.screen == Screen::Article => self.toggle_read(),
            Action::ToggleRead => {}
            Action::OpenBookmarks => self.open_bookmarks_list(),
            Action::PromptInput(c) => self.edit_prompt(|l| l.insert(c)),
            Action::PromptBackspace => self.edit_prompt(LineEdit::backspace),
            Action::PromptDeleteWord => self.edit_prompt(LineEdit::delete_word),
            Action::PromptClear => self.edit_prompt(LineEdit::clear),
            Action::CursorLeft => self.edit_line(LineEdit::left),
            Action::CursorRight => self.edit_line(LineEdit::right),
            Action::CursorHome => self.edit_line(LineEdit::home),
            Action::CursorEnd => self.edit_line(LineEdit::end),
            Action::DeleteForward => self.edit_line(LineEdit::delete),
            Action::HistoryOlder if self.prompt.is_some() => self.command_history_step(1),
            Action::HistoryNewer if self.prompt.is_some() => self.command_history_step(-1),
            Action::HistoryOlder => self.search_history(1),
            Action::HistoryNewer => self.search_history(-1),
            Action::CommandLine => {
                self.prompt = Some(Prompt::new(Purpose::Command, ""));
            }
            Action::PromptComplete => self.complete_command(),
            Action::RunBound(index) => {
                if let Some(line) = self.ctx.keys.bound_line(index).map(str::to_owned) {
                    self.execute_command(&line);
                }
            }
            Action::PromptSubmit => self.submit_prompt(),
            Action::ListDown
            | Action::ListUp
            | Action::ListTop
            | Action::ListBottom
            | Action::ListPageDown
            | Action::ListPageUp => {
                let list_page = self.library_height().saturating_sub(1).max(1) as isize;
                let step = match action {
                    Action::ListDown => 1,
                    Action::ListUp => -1,
                    Action::ListPageDown => list_page,
                    Action::ListPageUp => -list_page,
                    Action::ListTop => isize::MIN / 2,
                    _ => isize::MAX / 2,
                };
                if self.screen == Screen::Library {
                    self.library_move(step);
                } else {
                    self.move_in_list(step);
                }
            }
            Action::ListOpen if self.screen == Screen::Library => self.library_open(),
            Action::ListOpen => self.open_selected_bookmark(),
            Action::NextUnread => self.open_next_unread(),
            Action::CycleSort => self.library_cycle_sort(),
            Action::MarkAllRead => self.library_mark_all_read(),
            Action::Rescan => {
                if let Some(library) = self.library.as_deref() {
                    self.ctx.effects.push(Effect::Scan(library.target.clone()));
                    self.ctx.notice = Some("looking for new files…".to_owned());
                }
            }
            Action::SearchAll => self.prompt = Some(Prompt::new(Purpose::SearchAll, "")),
            Action::ListDelete => self.delete_selected_bookmark(),
            Action::ListUndo if self.screen == Screen::Library => self.library_undo(),
            Action::ListUndo => self.undo_delete(),
            Action::ListEditNote => self.edit_selected_note(),
            Action::ListFilter => {
                let filter = match &self.screen {
                    Screen::Bookmarks(list) => list.filter.clone(),
                    Screen::Library => self
                        .library
                        .as_deref()
                        .map(|l| l.filter.text.clone())
                        .unwrap_or_default(),
                    Screen::Article => String::new(),
                };
                self.prompt = Some(Prompt::new(Purpose::Filter, &filter));
            }
            Action::LineDown => self.scroll(1),
            Action::LineUp => self.scroll(-1),
            // Space at the end of an article goes on to the next unread one, as in newsboat
            Action::PageDown
                if self.library.is_some()
                    && self.view == View::Article
                    && self.overlay == Overlay::None
                    && self.reading().top >= self.reading().max_top(height) =>
            {
                self.ctx.notice = Some(AT_END.to_owned());
            }
            Action::PageDown => self.scroll(page),
            Action::PageUp => self.scroll(-page),
            Action::HalfPageDown => self.scroll(half),
            Action::HalfPageUp => self.scroll(-half),
            Action::Top => self.scroll(isize::MIN / 2),
            Action::Bottom if self.view == View::Article && self.overlay == Overlay::None => {
                // the real bottom, even after a jump went past it
                let reading = self.reading_mut();
                reading.top = reading.max_top(height);
                reading.clear_aim();
                // the last heading in view is what the bar names there: b and y act on it too
                if let Some(entry) = self.reading_entry() {
                    let reading = self.reading_mut();
                    let block = reading.doc.outline[entry].block;
                    if reading.layout.block_row(block) > reading.top {
                        let anchor = crate::article::layout::Anchor { block, byte: 0 };
                        reading.aim_at(anchor, height);
                    }
                }
                self.keep_sidebar_visible();
            }
            Action::Bottom => self.scroll(isize::MAX / 2),
            Action::JumpToSection(n) => self.jump_to_section(n),
            Action::Digit(0) => {}
            // a count starts only in the text: from a view the digit is a jump
            Action::Digit(d) if self.view != View::Article => self.jump_to_section(usize::from(d)),
            Action::Digit(d) => {
                let origin = self.reading().spot();
                self.jump_to_section(usize::from(d));
                self.count = Some(Count {
                    value: usize::from(d),
                    origin,
                });
            }
            Action::CountDone => {}
            Action::Percent => self.go_to_percent(0),
            Action::FileInfo => self.ctx.notice = Some(self.file_info()),
            Action::NextSection => self.step_section(1),
            Action::PreviousSection => self.step_section(-1),
            Action::FocusNext | Action::FocusPrevious => {
                if self.effective_focus() == Focus::Sidebar {
                    self.focus = Focus::Reader;
                    self.close_sidebar_overlay();
                } else {
                    if self.areas().sidebar.is_none() {
                        // a hidden sidebar comes back to take the focus, as `s` would
                        self.sidebar = SidebarMode::Shown;
                        self.relayout();
                    }
                    if self.areas().sidebar.is_some() {
                        let active = self.reading_entry().unwrap_or(0);
                        self.reading_mut().sidebar_selected = active;
                        self.focus = Focus::Sidebar;
                    }
                }
                self.view = View::Article;
                self.keep_sidebar_visible();
            }
            Action::SidebarDown => self.move_sidebar(1),
            Action::SidebarUp => self.move_sidebar(-1),
            Action::SidebarTop => self.move_sidebar(isize::MIN / 2),
            Action::SidebarBottom => self.move_sidebar(isize::MAX / 2),
            Action::SidebarPageDown => self.move_sidebar(page),
            Action::SidebarPageUp => self.move_sidebar(-page),
            Action::SidebarOpen => {
                let entry = self.reading().sidebar_selected;
                self.jump(entry);
                self.focus = Focus::Reader;
                self.close_sidebar_overlay();
            }
            Action::ToggleSidebar => {
                self.sidebar = if self.sidebar_visible() {
                    SidebarMode::Hidden
                } else {
                    SidebarMode::Shown
                };
                if !self.sidebar_visible() {
                    self.focus = Focus::Reader;
                }
                // a sidebar over the text is there to be used: it takes the keys
                if matches!(self.areas().sidebar_place, SidebarPlace::Overlay(_)) {
                    let active = self.reading_entry().unwrap_or(0);
                    self.reading_mut().sidebar_selected = active;
                    self.focus = Focus::Sidebar;
                    self.view = View::Article;
                }
                self.relayout();
            }
            Action::ToggleKeyPoints => self.toggle_view(View::KeyPoints),
            Action::ToggleFaq => self.toggle_view(View::Faq),
            Action::ToggleBrief => self.toggle_brief(),
            Action::BriefOpen => self.brief_open(),
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
            Action::SearchInput(c) => self.edit_search(|l| l.insert(c)),
            Action::SearchBackspace => {
                // backspace on nothing leaves the search, as in vim's command line
                let empty =
                    matches!(&self.reading().search, Search::Typing(t) if t.line.text.is_empty());
                if empty {
                    self.cancel_search();
                } else {
                    self.edit_search(LineEdit::backspace);
                }
            }
            Action::SearchDeleteWord => self.edit_search(LineEdit::delete_word),
            Action::SearchClear => self.edit_search(LineEdit::clear),
            Action::SearchSubmit => self.submit_search(),
            Action::SearchNext => self.step_match(1),
            Action::SearchPrevious => self.step_match(-1),
            Action::NextArticle => self.switch_article(1),
            Action::PreviousArticle => self.switch_article(-1),
            Action::ToggleHelp => {
                self.overlay = match self.overlay {
                    Overlay::Help => Overlay::None,
                    Overlay::None => Overlay::Help,
                };
                self.help_top = 0;
            }
            Action::Back => self.back(),
            Action::Resize(width, height) => {
                // the rows a count would come back to are another width's
                self.count = None;
                self.ctx.size = Rect::new(0, 0, width, height);
                self.relayout();
            }
            Action::Wheel { column, row, lines } => self.wheel(column, row, lines as isize),
            Action::Click { column, row } => self.click(column, row),
        }
    }

    fn toggle_view(&mut self, view: View) {
        let article = &self.reading().article;
        let missing = match view {
            View::KeyPoints if article.key_points.is_empty() => {
                Some("no key points in this article")
            }
            View::Faq if article.faq.is_empty() => Some("no FAQ in this article"),
            _ => None,
        };
        if let (Some(why), true) = (missing, self.view != view) {
            self.ctx.notice = Some(why.to_owned());
            return;
        }
        self.view = if self.view == view {
            View::Article
        } else {
            view
        };
        self.focus = Focus::Reader;
    }

    fn back(&mut self) {
        if let Some(prompt) = self.prompt.take() {
            // Esc in the filter clears it, as in a list filter everywhere
            match prompt.purpose {
                Purpose::Filter => self.apply_filter(""),
                Purpose::ConfirmMarkRead(_) => self.ctx.notice = Some("Nothing marked".to_owned()),
                _ => {}
            }
        } else if self.overlay != Overlay::None {
            self.overlay = Overlay::None;
        } else if matches!(self.screen, Screen::Bookmarks(_)) {
            self.close_list();
        } else if self.screen == Screen::Library {
            self.library_back();
        } else if self.reading().search.is_typing() {
            self.cancel_search();
        } else if !matches!(self.reading().search, Search::Off) {
            self.reading_mut().search = Search::Off;
        } else if self.view != View::Article {
            self.view = View::Article;
        } else if self.focus == Focus::Sidebar {
            self.focus = Focus::Reader;
            self.close_sidebar_overlay();
        } else if matches!(self.areas().sidebar_place, SidebarPlace::Overlay(_)) {
            self.close_sidebar_overlay();
        } else if self.library.is_some() {
            self.back_to_library();
        }
    }

    /// A sidebar drawn over the text goes once it has been used.
    fn close_sidebar_overlay(&mut self) {
        if matches!(self.areas().sidebar_place, SidebarPlace::Overlay(_)) {
            self.sidebar = SidebarMode::Auto;
        }
    }

    fn switch_article(&mut self, step: isize) {
        if self.library.is_some() {
            self.library_step_article(step);
            return;
        }
        let count = self.readings.len() as isize;
        self.show_article((self.current as isize + step).rem_euclid(count) as usize);
    }

    /// Shows open article `index`, laid out for the pane.
    pub(super) fn show_article(&mut self, index: usize) {
        self.current = index.min(self.readings.len() - 1);
        self.view = View::Article;
        self.focus = Focus::Reader;
        self.count = None;
        self.relayout();
        let height = self.pane_height();
        self.reading_mut().fit(height);
        self.carry_search();
    }

    /// Re-wraps the current article for the pane's width after a resize or sidebar toggle.
    fn relayout(&mut self) {
        let height = self.library_height();
        if let Some(library) = self.library_mut() {
            library.keep_visible(height);
        }
        if self.readings.is_empty() {
            return;
        }
        // only the article on screen is wrapped; another is wrapped when it is opened
        let width = self.areas().text.width;
        // too narrow to read: the view says so, and the last layout waits for a wider pane
        if width >= super::view::MIN_TEXT_WIDTH {
            if let super::reading::Relayout::Elsewhere(width) =
                self.reading_mut().relayout(usize::from(width))
            {
                let reading = self.reading();
                self.ctx.effects.push(Effect::Layout {
                    fingerprint: reading.memory.fingerprint().to_owned(),
                    width,
                    doc: std::sync::Arc::clone(&reading.doc),
                });
            }
        }
        let help_max = help::max_top(self);
        self.help_top = self.help_top.min(help_max);
        self.keep_sidebar_visible();
    }
}
