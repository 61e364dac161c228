//! The reader on a terminal: a thin layer over the article library.

pub mod action;
pub mod app;
pub mod faq_view;
pub mod geometry;
pub mod help;
mod highlight;
pub mod key_points_view;
pub mod keymap;
mod mouse;
pub mod pane;
pub mod reading;
pub mod search;
mod search_actions;
pub mod sidebar;
pub mod state;
pub mod status;
mod terminal;
pub mod theme;
pub mod view;

use crate::article::Loaded;
use app::App;
use ratatui::crossterm::event;
use state::Running;
use std::io;
use std::time::Duration;

/// How often the loop looks for a caught signal while no key comes.
const SIGNAL_POLL: Duration = Duration::from_millis(100);

/// Articles larger than this get a notice on screen while they are re-wrapped.
const BIG_ARTICLE: usize = 4 << 20;

/// How the reader ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT) stopped it; the terminal was restored all the same.
    Signal(i32),
}

/// Opens the reader on `articles` and runs it until the reader quits.
pub fn run(articles: Vec<Loaded>) -> io::Result<Exit> {
    let signals = terminal::Signals::register()?;
    let mut session = terminal::Session::start()?;
    let size = session.terminal.size()?;
    let mut app = App::new(articles, size.width, size.height);
    // start crossterm's resize watch before the first frame, so an early resize is seen
    event::poll(Duration::ZERO)?;
    let mut dirty = true;
    while app.running == Running::Yes && signals.caught().is_none() {
        // a resize that arrived together with a key can be lost by the event queue;
        // the terminal's own size is the truth
        let size = session.terminal.size()?;
        if (size.width, size.height) != (app.size.width, app.size.height) {
            app.update(action::Action::Resize(size.width, size.height));
            dirty = true;
        }
        if dirty {
            session.terminal.draw(|frame| view::render(&app, frame))?;
            dirty = false;
        }
        if !event::poll(SIGNAL_POLL)? {
            continue;
        }
        // take every waiting event before drawing again, so held keys never lag
        loop {
            let event = event::read()?;
            if let Some(action) = keymap::action_for(&app, &event) {
                if matches!(action, action::Action::Resize(..))
                    && app.reading().bytes() > BIG_ARTICLE
                {
                    session
                        .terminal
                        .draw(|frame| view::render_notice(frame, "Re-wrapping…"))?;
                }
                app.update(action);
                dirty = true;
            }
            if app.running == Running::Quit || !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    Ok(signals.caught().map_or(Exit::Quit, Exit::Signal))
}
