//! The reader is a stack of layers, as helix's compositor and newsboat's forms are: the library,
//! an article, the bookmarks list, the help, a prompt. Each has its own state, its own handling
//! of actions and its own drawing; an action goes to the top layer first and falls to the one
//! below when a layer does not take it. `App` holds the stack and the shared context.

use super::action::Action;
use super::article::ArticleLayer;
use super::bookmarks::BookmarksList;
use super::help::Help;
use super::library::Library;
use super::pager::Pager;
use super::picker::Picker;
use super::prompt::Prompt;
use crate::article::place::Place;
use crate::store::Seen;

/// One layer of the stack.
#[derive(Debug, Clone)]
pub enum Layer {
    Library(Box<Library>),
    Article(Box<ArticleLayer>),
    Bookmarks(Box<BookmarksList>),
    Help(Help),
    Prompt(Box<Prompt>),
    /// What a command piped to printed.
    Pager(Box<Pager>),
    /// The saved searches and tags, to filter the library by.
    Picker(Box<Picker>),
}

/// Which kind of layer: what the help lists first, and where a command applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Library,
    Article,
    Bookmarks,
    Help,
    Prompt,
    Pager,
    Picker,
}

/// Whether a layer is the one on top, or takes an action that fell from above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Top,
    Below,
}

/// A layer's answer to an action or a message.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Taken: nothing more to do.
    Done,
    /// Not this layer's: the action falls to the layer below.
    Pass,
    /// Not this layer's: this action (another one) goes to the layer below.
    Below(Action),
    /// A layer opens on top of the stack.
    Open(Layer),
    /// The bookmarks list opens on top; `open` are the articles open below, which a bookmark
    /// of theirs goes back to without loading them again.
    OpenBookmarks { open: Vec<String> },
    /// This layer closes (at the bottom, `q` quits).
    Close,
    /// This layer closes and tells the layer below.
    CloseWith(Message),
    /// This layer stays and tells the layer below.
    Tell(Message),
    /// The reader quits.
    Quit,
}

/// What one layer tells another: a prompt's line, a bookmark chosen, a note changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The filter typed so far (empty: cleared).
    Filter(String),
    /// A note typed for `m`: bookmark the place here with it.
    Note(String),
    /// A note typed for `m` while selecting: save the highlight with it.
    HighlightNote(String),
    /// A bookmark's note edited in the list.
    EditNote {
        mark: super::memory::MarkId,
        fingerprint: String,
        note: String,
    },
    /// A search of every article.
    SearchAll(String),
    /// `y` to "mark these read?".
    MarkAllRead(Vec<Seen>),
    /// A command line, run by the app.
    Command(String),
    /// A shell command to pipe the article to.
    Pipe(String),
    /// An article's tags were set (the context holds them).
    Tagged,
    /// A bookmark in an article that is open below: go there.
    GoTo { fingerprint: String, place: Place },
    /// The layer above closed: this one is in front again.
    Returned,
}

/// What a layer says to every article open, whichever layer it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum News {
    NoteSet {
        mark: super::memory::MarkId,
        fingerprint: String,
        note: String,
    },
    MarkGone(super::memory::MarkId),
}

impl Layer {
    pub fn kind(&self) -> Kind {
        match self {
            Layer::Library(_) => Kind::Library,
            Layer::Article(_) => Kind::Article,
            Layer::Bookmarks(_) => Kind::Bookmarks,
            Layer::Help(_) => Kind::Help,
            Layer::Prompt(_) => Kind::Prompt,
            Layer::Pager(_) => Kind::Pager,
            Layer::Picker(_) => Kind::Picker,
        }
    }

    /// Whether the layer fills the screen (the ones under it are not drawn).
    pub fn is_screen(&self) -> bool {
        matches!(
            self,
            Layer::Library(_) | Layer::Article(_) | Layer::Bookmarks(_) | Layer::Pager(_)
        )
    }

    pub fn handle(
        &mut self,
        action: Action,
        ctx: &mut super::context::Context,
        depth: Depth,
    ) -> Outcome {
        match self {
            Layer::Library(library) => library.handle(action, ctx, depth),
            Layer::Article(article) => article.handle(action, ctx),
            Layer::Bookmarks(list) => list.handle(action, ctx),
            Layer::Help(help) => help.handle(action, ctx),
            Layer::Prompt(prompt) => prompt.handle(action, ctx),
            Layer::Pager(pager) => pager.handle(action, ctx),
            Layer::Picker(picker) => picker.handle(action, ctx),
        }
    }

    pub fn receive(&mut self, message: Message, ctx: &mut super::context::Context) -> Outcome {
        match self {
            Layer::Library(library) => library.receive(message, ctx),
            Layer::Article(article) => article.receive(message, ctx),
            Layer::Bookmarks(list) => list.receive(message, ctx),
            Layer::Help(_) | Layer::Prompt(_) | Layer::Pager(_) | Layer::Picker(_) => Outcome::Done,
        }
    }

    /// The terminal changed size: the layer fits itself to it.
    pub fn resize(&mut self, ctx: &mut super::context::Context) {
        match self {
            Layer::Library(library) => library.resize(ctx),
            Layer::Article(article) => article.resize(ctx),
            Layer::Bookmarks(list) => list.resize(ctx),
            Layer::Help(help) => help.resize(ctx),
            Layer::Pager(pager) => pager.resize(ctx),
            Layer::Picker(_) => {}
            Layer::Prompt(_) => {}
        }
    }
}
