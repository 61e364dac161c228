//! What every layer of the reader shares, passed to each: the size, the notice, the queues for
//! the store and the loop, the histories, the key map and the look.

use super::app::Effect;
use super::geometry::{self, Areas, Shape};
use super::layer::News;
use super::memory::Request;
use super::state::{Running, SidebarMode};
use ratatui::layout::Rect;

/// What every layer of the reader shares: the terminal's size, the notice on the status bar,
/// the queues for the store and the loop, the histories, the key map and the look.
#[derive(Debug, Clone)]
pub struct Context {
    pub size: Rect,
    pub running: Running,
    /// A one-off message for the status bar; the next key clears it.
    pub notice: Option<String>,
    /// Requests for the store, sent by the loop (update does no I/O).
    pub outbox: Vec<Request>,
    /// What the store said (moved aside, read-only, …), repeated on stderr at exit.
    pub store_notices: Vec<String>,
    /// Work only the loop can do (start a scan), queued by update.
    pub effects: Vec<Effect>,
    /// The searches typed, newest first (from the store, then as they are typed).
    pub history: Vec<String>,
    /// The last search made in this process, lit in each article opened after it.
    pub last_search: Option<String>,
    /// The commands typed after `:`, newest first (from the store, then as they are typed).
    pub command_history: Vec<String>,
    /// The key map: defaults with config.toml's `[keys]` on top.
    pub keys: super::bindings::Bindings,
    /// The styles drawing uses, chosen from the config and the terminal.
    pub theme: super::theme::Theme,
    /// The text's measure in columns (the config's `width`).
    pub measure: u16,
    /// The terminal's background, when it answered at start (for `:theme auto`).
    pub background: Option<super::theme::Background>,
    /// Whether the sidebar shows: by itself on wide screens, or as the reader chose with `s`.
    pub sidebar: SidebarMode,
    /// What the bar said before the key being handled (the key cleared it).
    pub said: Option<String>,
    /// What a layer has to tell every open article, delivered after the action.
    pub news: Vec<News>,
    /// Every article's tags, by fingerprint, as the store last said.
    pub tags: std::collections::HashMap<String, Vec<String>>,
    /// Saved searches: config.toml's `[searches]`, then the store's, (name, query).
    pub searches: Vec<(String, String)>,
    /// config.toml's `[searches]`, which the store's do not replace.
    pub config_searches: Vec<(String, String)>,
}

impl Context {
    pub fn new(width: u16, height: u16) -> Context {
        Context {
            size: Rect::new(0, 0, width, height),
            running: Running::Yes,
            notice: None,
            outbox: Vec::new(),
            store_notices: Vec::new(),
            tags: std::collections::HashMap::new(),
            searches: Vec::new(),
            config_searches: Vec::new(),
            effects: Vec::new(),
            history: Vec::new(),
            last_search: None,
            command_history: Vec::new(),
            keys: super::bindings::Bindings::default(),
            theme: super::theme::Theme::default(),
            measure: geometry::MEASURE,
            background: None,
            sidebar: SidebarMode::Auto,
            said: None,
            news: Vec::new(),
        }
    }

    /// The areas of a screen with no article in it (the library's, a list's).
    pub fn areas(&self) -> Areas {
        geometry::areas(
            self.size,
            Shape {
                sidebar: self.sidebar,
                measure: self.measure,
                outline: false,
                outline_width: 0,
            },
        )
    }

    /// Where a file opened from here is laid out: the text's width without an outline.
    pub fn text_width(&self) -> usize {
        usize::from(self.areas().text.width)
    }
}
