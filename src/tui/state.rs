//! The small enums that say which pane, view and overlay the reader is in.

/// Which pane takes the movement keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    Sidebar,
    #[default]
    Reader,
}

/// What the reading pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Article,
    KeyPoints,
    Faq,
    /// Title, lead, key points and summary on one screen.
    Brief,
}

/// What is drawn over everything else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
}

/// Whether the sidebar shows: by itself on wide screens, or as the reader chose with `s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarMode {
    #[default]
    Auto,
    Shown,
    Hidden,
}

/// The whole screen: an article, or the list of bookmarks over it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Screen {
    #[default]
    Article,
    Bookmarks(Box<super::bookmarks_list::BookmarksList>),
    /// The library's list (its state lives in `App::library`, kept while an article is open).
    Library,
}

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Running {
    #[default]
    Yes,
    Quit,
}
