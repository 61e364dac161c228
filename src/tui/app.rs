//! The reader: a stack of layers and the context they share. Actions go to the top layer and
//! fall down the stack; the store's answers go to the layer they are for. No I/O.

use super::action::Action;
use super::article::count::Count;
use super::article::reading::Reading;
use super::article::{ArticleLayer, Origin};
use super::bookmarks::BookmarksList;
use super::geometry::Areas;
use super::help::Help;
use super::layer::{Depth, Kind, Layer, Message, Outcome};
use super::library::Library;
use super::memory::{AfterLoad, Reply, Request};
use super::prompt::{Prompt, Purpose};
use super::state::{Running, SidebarMode};
use crate::article::Opened;

pub use super::context::Context;

#[derive(Debug, Clone)]
pub struct App {
    /// The layers, the bottom first: the library or an article, then what opens over them.
    pub stack: Vec<Layer>,
    /// What every layer shares: the size, the notices, the store's queue, the key map, the theme.
    pub ctx: Context,
}

/// What update asks of the loop besides the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Scan(crate::library::scan::Target),
    /// Copy this text to the clipboard through the terminal.
    Clipboard(String),
    /// Open this file in the editor at this line, the terminal given to it; then reload.
    Edit {
        path: std::path::PathBuf,
        line: usize,
        fingerprint: String,
        place: Option<crate::article::place::Place>,
    },
    /// Run this shell command with `input` on its standard input.
    Pipe {
        command: String,
        input: String,
    },
    /// Wrap a big article's whole text at this width in a thread of its own.
    Layout {
        fingerprint: String,
        width: usize,
        doc: std::sync::Arc<crate::article::document::Document>,
    },
    /// Match the library's filter in its worker, the rows to come back as a reply.
    Filter(super::library::filter::Job),
    /// Write these articles to `path` in a form, in a thread of its own.
    Export {
        sources: Vec<crate::article::Source>,
        format: crate::export::Format,
        path: std::path::PathBuf,
    },
}

impl App {
    /// An app over `articles` (at least one) for a screen of `width` × `height`.
    pub fn new(articles: Vec<impl Into<Opened>>, width: u16, height: u16) -> App {
        let mut app = App {
            stack: Vec::new(),
            ctx: Context::new(width, height),
        };
        app.ctx.outbox.push(Request::SearchHistory);
        app.ctx.outbox.push(Request::CommandHistory);
        let readings: Vec<Reading> = articles.into_iter().map(Reading::new).collect();
        if !readings.is_empty() {
            let article = ArticleLayer::new(readings, Origin::Files, &mut app.ctx);
            app.stack.push(Layer::Article(Box::new(article)));
        }
        app
    }

    /// An app over readings set up by the caller (a big article's beginning, say).
    pub fn with_readings(readings: Vec<Reading>, width: u16, height: u16) -> App {
        let mut app = App::new(Vec::<Opened>::new(), width, height);
        let article = ArticleLayer::new(readings, Origin::Files, &mut app.ctx);
        app.stack.push(Layer::Article(Box::new(article)));
        app
    }

    /// An app on the library screen, over the files `target` names (scanned by the loop).
    pub fn with_library(target: crate::library::scan::Target, width: u16, height: u16) -> App {
        let mut app = App::new(Vec::<Opened>::new(), width, height);
        app.ctx.outbox.push(Request::LibrarySort(target.key()));
        app.ctx.outbox.push(Request::VisitLibrary(target.key()));
        app.ctx.outbox.push(Request::SavedSearches);
        app.stack
            .push(Layer::Library(Box::new(Library::new(target.clone()))));
        app.ctx.effects.push(Effect::Scan(target));
        app
    }

    /// Applies the config's layout and the theme chosen for this terminal.
    pub fn configure(&mut self, measure: u16, sidebar: SidebarMode, theme: super::theme::Theme) {
        self.ctx.measure = measure.max(1);
        self.ctx.sidebar = sidebar;
        self.ctx.theme = theme;
        self.resize_layers();
    }

    /// The article open, if any (the topmost).
    pub fn article(&self) -> Option<&ArticleLayer> {
        self.stack.iter().rev().find_map(|l| match l {
            Layer::Article(a) => Some(a.as_ref()),
            _ => None,
        })
    }

    pub fn article_mut(&mut self) -> Option<&mut ArticleLayer> {
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Article(a) => Some(a.as_mut()),
            _ => None,
        })
    }

    /// Work on the article open, with the context (`None`: no article is open).
    pub fn on_article<R>(
        &mut self,
        work: impl FnOnce(&mut ArticleLayer, &mut Context) -> R,
    ) -> Option<R> {
        let article = self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Article(a) => Some(a),
            _ => None,
        })?;
        Some(work(article, &mut self.ctx))
    }

    /// Work on the library, with the context (`None`: no library).
    pub fn on_library<R>(
        &mut self,
        work: impl FnOnce(&mut Library, &mut Context) -> R,
    ) -> Option<R> {
        let library = self.stack.iter_mut().find_map(|l| match l {
            Layer::Library(l) => Some(l),
            _ => None,
        })?;
        Some(work(library, &mut self.ctx))
    }

    /// The library, when lede was opened on folders or several files.
    pub fn library(&self) -> Option<&Library> {
        self.stack.iter().find_map(|l| match l {
            Layer::Library(l) => Some(l.as_ref()),
            _ => None,
        })
    }

    pub fn library_mut(&mut self) -> Option<&mut Library> {
        self.stack.iter_mut().find_map(|l| match l {
            Layer::Library(l) => Some(l.as_mut()),
            _ => None,
        })
    }

    pub fn bookmarks(&self) -> Option<&BookmarksList> {
        self.stack.iter().rev().find_map(|l| match l {
            Layer::Bookmarks(b) => Some(b.as_ref()),
            _ => None,
        })
    }

    /// The prompt being typed in the status bar, if any.
    pub fn prompt(&self) -> Option<&Prompt> {
        match self.stack.last() {
            Some(Layer::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    pub fn help(&self) -> Option<&Help> {
        match self.stack.last() {
            Some(Layer::Help(h)) => Some(h),
            _ => None,
        }
    }

    /// The kind of the layer on top.
    pub fn top(&self) -> Option<Kind> {
        self.stack.last().map(Layer::kind)
    }

    /// The topmost layer that fills the screen: the one drawn under the overlays.
    pub fn screen(&self) -> Option<Kind> {
        self.stack
            .iter()
            .rev()
            .find(|l| l.is_screen())
            .map(Layer::kind)
    }

    /// The article in front: the top screen is an article.
    pub fn article_in_front(&self) -> Option<&ArticleLayer> {
        match self.screen() {
            Some(Kind::Article) => self.article(),
            _ => None,
        }
    }

    /// The current reading of the article open (tests and the loop's shortcuts).
    pub fn reading(&self) -> &Reading {
        self.article().expect("an article is open").reading()
    }

    /// The screen's areas: the article's, or a screen with no article's.
    pub fn areas(&self) -> Areas {
        match self.article_in_front() {
            Some(article) => article.areas(&self.ctx),
            None => self.ctx.areas(),
        }
    }

    pub fn pane_height(&self) -> usize {
        usize::from(self.areas().pane.height)
    }

    pub fn sidebar_visible(&self) -> bool {
        self.areas().sidebar.is_some()
    }

    /// Digits typed before a key that takes a count (`5j`, `50%`).
    pub fn count(&self) -> Option<Count> {
        self.article().and_then(|a| a.count)
    }

    pub fn clear_count(&mut self) {
        if let Some(article) = self.article_mut() {
            article.count = None;
        }
    }

    /// Whether a line is being typed: a prompt, or the article's search.
    pub fn typing(&self) -> bool {
        match self.stack.last() {
            Some(Layer::Prompt(_)) => true,
            Some(Layer::Article(a)) => a.reading().search.is_typing(),
            _ => false,
        }
    }

    pub fn update(&mut self, action: Action) {
        if let Action::Resize(width, height) = action {
            self.ctx.size = ratatui::layout::Rect::new(0, 0, width, height);
            self.resize_layers();
            return;
        }
        // what the bar said before this key: Space at the end asks once, then goes on
        self.ctx.said = self.ctx.notice.take();
        match action {
            Action::QuitAll => self.ctx.running = Running::Quit,
            // the loop suspends the process; nothing changes in here
            Action::Suspend => {}
            Action::RunBound(index) => {
                if let Some(line) = self.ctx.keys.bound_line(index).map(str::to_owned) {
                    super::command_run::execute(self, &line);
                }
            }
            Action::PromptComplete if self.top() == Some(Kind::Prompt) => self.complete(),
            action => self.route(action),
        }
        self.ctx.said = None;
        self.deliver_news();
    }

    /// An action down the stack from the top, until a layer takes it.
    fn route(&mut self, mut action: Action) {
        let mut index = self.stack.len();
        while index > 0 {
            index -= 1;
            let depth = if index + 1 == self.stack.len() {
                Depth::Top
            } else {
                Depth::Below
            };
            match self.stack[index].handle(action, &mut self.ctx, depth) {
                Outcome::Pass => continue,
                Outcome::Below(next) => {
                    action = next;
                    continue;
                }
                outcome => {
                    self.carry_out(index, outcome, action);
                    return;
                }
            }
        }
        self.unclaimed(action);
    }

    /// What no layer took: the commands that open a layer over any screen.
    fn unclaimed(&mut self, action: Action) {
        match action {
            Action::ToggleHelp => {
                let of = self.top().unwrap_or(Kind::Article);
                self.push(Layer::Help(Help::new(of)));
            }
            Action::CommandLine => {
                self.push(Layer::Prompt(Box::new(Prompt::new(Purpose::Command, ""))));
            }
            // an empty screen (a library not yet built, say) still quits
            Action::Quit if self.stack.is_empty() => self.ctx.running = Running::Quit,
            _ => {}
        }
    }

    /// Carries out what layer `index` answered to `action`.
    fn carry_out(&mut self, index: usize, outcome: Outcome, action: Action) {
        match outcome {
            Outcome::Done | Outcome::Pass | Outcome::Below(_) => {}
            Outcome::Quit => self.ctx.running = Running::Quit,
            Outcome::Open(layer) => self.push(layer),
            Outcome::OpenBookmarks { open } => {
                self.ctx.outbox.push(Request::ListAll);
                self.push(Layer::Bookmarks(Box::new(BookmarksList::new(open))));
            }
            Outcome::Close if index == 0 => {
                // at the bottom, q quits; Esc has nothing more to close
                if matches!(action, Action::Quit) {
                    self.ctx.running = Running::Quit;
                }
            }
            Outcome::Close => self.close(index),
            Outcome::CloseWith(message) => {
                self.close(index);
                self.tell(index, message);
            }
            Outcome::Tell(message) => self.tell(index, message),
        }
    }

    /// Gives `message` to the layer under `index` (the app runs a command line itself).
    fn tell(&mut self, index: usize, message: Message) {
        if let Message::Command(line) = message {
            super::command_run::run(self, line);
            return;
        }
        let Some(below) = index.checked_sub(1) else {
            return;
        };
        let outcome = self.stack[below].receive(message, &mut self.ctx);
        self.carry_out(below, outcome, Action::Back);
    }

    fn push(&mut self, layer: Layer) {
        self.stack.push(layer);
    }

    /// Closes layer `index` and everything over it; the one below is in front again, and told
    /// so when an article left.
    fn close(&mut self, index: usize) {
        let mut article_left = false;
        for layer in self.stack.drain(index..).rev() {
            // an article leaving saves where it was left
            if let Layer::Article(mut article) = layer {
                if let Some(request) = article.position_request(&self.ctx) {
                    self.ctx.outbox.push(request);
                }
                article_left = true;
            }
        }
        if !article_left {
            return;
        }
        if let Some(below) = self.stack.last_mut() {
            let outcome = below.receive(Message::Returned, &mut self.ctx);
            let at = self.stack.len() - 1;
            self.carry_out(at, outcome, Action::Back);
        }
    }

    /// What layers said to every open article (a note edited in the list, a bookmark gone).
    fn deliver_news(&mut self) {
        let news = std::mem::take(&mut self.ctx.news);
        for item in news {
            for layer in &mut self.stack {
                if let Layer::Article(article) = layer {
                    article.hear(&item);
                }
            }
        }
    }

    fn resize_layers(&mut self) {
        for layer in &mut self.stack {
            layer.resize(&mut self.ctx);
        }
    }

    /// `Tab` on the command line: the section numbers come from the article in front.
    fn complete(&mut self) {
        let sections = self
            .stack
            .iter()
            .rev()
            .find(|l| l.is_screen())
            .and_then(|l| match l {
                Layer::Article(a) => Some(a.reading().doc.section_count()),
                _ => None,
            })
            .unwrap_or(0);
        if let Some(Layer::Prompt(prompt)) = self.stack.last_mut() {
            prompt.complete(sections, &mut self.ctx);
        }
    }

    /// The reading position to send to the store, when it changed since the last one.
    pub fn position_request(&mut self) -> Option<Request> {
        let ctx = &self.ctx;
        self.stack.iter_mut().rev().find_map(|l| match l {
            Layer::Article(a) => a.position_request(ctx),
            _ => None,
        })
    }

    /// Keeps the library's clock for "today 09:14" (the loop calls it; update stays pure).
    pub fn library_now(&mut self) {
        if let Some(library) = self.library_mut() {
            library.now = crate::store::time::now();
        }
    }

    /// A scan's report, for the library, its rows worked out at once.
    pub fn scan_event(&mut self, event: crate::library::ScanEvent) {
        self.told_of_scan(event);
        self.settle();
    }

    /// A scan's report; the rows it changes are worked out by [`App::settle`].
    fn told_of_scan(&mut self, event: crate::library::ScanEvent) {
        // what a scan finds is the library's news: said over the library, not over an article
        let before = self.ctx.notice.clone();
        let watched = self
            .library()
            .is_some_and(|l| l.scan_reason == super::library::ScanReason::Watched);
        self.on_library(|library, ctx| library.scan_event(event, ctx));
        if watched && self.screen() != Some(Kind::Library) {
            self.ctx.notice = before;
        }
    }

    /// Brings what the screens show up to date with what came in.
    pub fn settle(&mut self) {
        self.on_library(|library, ctx| library.settle(ctx));
    }

    /// Whether rows wait to be worked out: the scan told more since they were.
    pub fn unsettled(&self) -> bool {
        self.library().is_some_and(Library::unsettled)
    }

    pub fn set_marks(&mut self, marks: std::collections::HashMap<String, crate::store::Marks>) {
        self.on_library(|library, ctx| library.set_marks(marks, ctx));
    }

    pub fn search_results(&mut self, query: String, hits: Vec<crate::library::Hit>, total: usize) {
        if let Some(library) = self.library_mut() {
            library.search_results(query, hits, total);
        }
    }

    /// Applies what the store sent back to the layer it is for, the rows it changes worked
    /// out at once.
    pub fn apply(&mut self, reply: Reply) {
        self.apply_all(vec![reply]);
        self.settle();
    }

    /// Applies every reply that came in; what the scan's news changes of the rows waits for
    /// [`App::settle`], which the loop calls at most a few times a second, so a burst of
    /// summaries costs one sort, not one each.
    pub fn apply_all(&mut self, replies: Vec<Reply>) {
        for reply in replies {
            self.absorb(reply);
        }
    }

    /// Applies one reply.
    fn absorb(&mut self, reply: Reply) {
        // a count's rows are those of the text on screen when the digit was typed
        if matches!(
            reply,
            Reply::Loaded { .. }
                | Reply::Whole { .. }
                | Reply::Layout { .. }
                | Reply::Opened { .. }
        ) {
            self.clear_count();
        }
        match reply {
            Reply::Loaded { reading, then } => self.open_loaded(*reading, then),
            Reply::All(listed) => {
                let ctx = &self.ctx;
                if let Some(Layer::Bookmarks(list)) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .find(|l| matches!(l, Layer::Bookmarks(_)))
                {
                    list.fill(listed, ctx);
                }
            }
            Reply::Marks(marks) => self.set_marks(marks),
            Reply::Tags(tags) => {
                self.ctx.tags = tags;
                self.on_library(|library, ctx| library.tags_changed(ctx));
            }
            Reply::SavedSearches(saved) => {
                let mut all = self.ctx.config_searches.clone();
                for (name, query) in saved {
                    if !all.iter().any(|(n, _)| *n == name) {
                        all.push((name, query));
                    }
                }
                self.ctx.searches = all;
            }
            Reply::Visited { library, previous } => {
                self.on_library(|l, ctx| l.visited(&library, previous, ctx));
            }
            Reply::Arrivals(keys) => {
                self.on_library(|l, ctx| l.set_arrivals(keys, ctx));
            }
            Reply::LibrarySort { library, sort } => {
                self.on_library(|l, ctx| l.restore_sort(&library, sort, ctx));
            }
            Reply::Hits { query, hits, total } => self.search_results(query, hits, total),
            Reply::Scan(event) => self.told_of_scan(event),
            Reply::Filtered { generation, rows } => {
                self.on_library(|l, ctx| l.filtered(generation, rows, ctx));
            }
            Reply::CommandHistory(history) => {
                for command in history {
                    if !self.ctx.command_history.contains(&command) {
                        self.ctx.command_history.push(command);
                    }
                }
            }
            Reply::SearchHistory(history) => {
                // searches typed before the store answered stay first
                for query in history {
                    if !self.ctx.history.contains(&query) {
                        self.ctx.history.push(query);
                    }
                }
            }
            Reply::Watched(event) => self.watched(event),
            Reply::Piped {
                command,
                code,
                stdout,
                stderr,
            } => self.piped(&command, code, &stdout, &stderr),
            Reply::Notice(notice) => {
                self.ctx.store_notices.push(notice.clone());
                self.ctx.notice = Some(notice);
            }
            Reply::Synced(summary) => self.ctx.notice = Some(summary),
            Reply::Whole { reading, warnings } => {
                self.ctx.store_notices.extend(warnings);
                self.on_article(|article, ctx| article.whole_arrived(*reading, ctx));
            }
            reply @ (Reply::Opened { .. }
            | Reply::Bookmarks { .. }
            | Reply::Highlights { .. }
            | Reply::Layout { .. }) => {
                self.on_article(|article, ctx| article.apply(reply, ctx));
            }
        }
    }

    /// What the watch saw: the library scans again; an open article whose file changed says
    /// so (`R` reads it again); the watch falling back to polling says why, once.
    fn watched(&mut self, event: crate::library::watch::WatchEvent) {
        use crate::library::watch::WatchEvent;
        match event {
            WatchEvent::Changed(_) => {
                self.on_library(|library, ctx| library.watched(ctx));
                let in_front = self.article_in_front().is_some();
                let said = self
                    .on_article(|article, _| article.check_on_disk())
                    .flatten();
                if let (Some(said), true) = (said, in_front) {
                    self.ctx.notice = Some(said);
                }
            }
            WatchEvent::Polling(why) => {
                self.ctx.notice = Some(format!("watching by polling: {why}"));
            }
            WatchEvent::Failed(why) => self.ctx.notice = Some(format!("not watching: {why}")),
        }
    }

    /// A command piped to has ended: one line of output is said in the status bar, more
    /// opens the pager; a failure says its code and the first line of its errors.
    fn piped(&mut self, command: &str, code: Option<i32>, stdout: &str, stderr: &str) {
        use crate::article::sanitize::sanitize_inline;
        let first_error = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let failed = code != Some(0);
        let how = match code {
            Some(0) => String::new(),
            Some(code) => format!("exited with {code}"),
            None => "was stopped".to_owned(),
        };
        let lines = stdout.lines().count();
        let width = usize::from(self.ctx.size.width).saturating_sub(4);
        if lines <= 1 && stdout.trim().chars().count() <= width {
            self.ctx.notice = Some(match (failed, stdout.trim()) {
                (false, "") => format!("{command}: done, no output"),
                (false, out) => sanitize_inline(out),
                (true, _) => sanitize_inline(&format!("{command} {how}: {first_error}")),
            });
            return;
        }
        let title = if failed {
            format!("| {command} ({how}: {first_error})")
        } else {
            format!("| {command}")
        };
        let mut output = stdout.to_owned();
        if failed && !stderr.is_empty() {
            output.push_str(stderr);
        }
        self.ctx.notice = None;
        let pager = crate::tui::pager::Pager::new(sanitize_inline(&title), &output);
        self.push(Layer::Pager(Box::new(pager)));
    }

    /// An article loaded to be read: shown where `then` says, in the article open (with a
    /// library it takes the place of the one read before), or over the library. The bookmarks
    /// list it was opened from closes.
    fn open_loaded(&mut self, reading: Reading, then: AfterLoad) {
        if let Some(list) = self
            .stack
            .iter()
            .rposition(|l| l.is_screen())
            .filter(|&i| matches!(self.stack[i], Layer::Bookmarks(_)))
        {
            self.stack.remove(list);
        }
        let screen = self.stack.iter().rposition(|l| l.is_screen());
        match screen.map(|i| (i, &mut self.stack[i])) {
            Some((_, Layer::Article(article))) => article.open_loaded(reading, then, &mut self.ctx),
            Some((i, Layer::Library(_))) => {
                let mut article = ArticleLayer::new(Vec::new(), Origin::Library, &mut self.ctx);
                article.open_loaded(reading, then, &mut self.ctx);
                self.stack.insert(i + 1, Layer::Article(Box::new(article)));
            }
            _ => {
                let mut article = ArticleLayer::new(Vec::new(), Origin::Files, &mut self.ctx);
                article.open_loaded(reading, then, &mut self.ctx);
                self.stack.insert(0, Layer::Article(Box::new(article)));
            }
        }
    }
}
