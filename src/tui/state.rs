//! The small enums that say which pane and view the reader is in.

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

/// Whether the sidebar shows: by itself on wide screens, or as the reader chose with `s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarMode {
    #[default]
    Auto,
    Shown,
    Hidden,
}

/// Whether the loop goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Running {
    #[default]
    Yes,
    Quit,
}
