//! Owning the terminal: raw mode, alternate screen and mouse on; everything restored on
//! quit, on a panic, and on SIGTERM, SIGHUP or SIGINT.

use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::DefaultTerminal;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// Holds the number of the signal that asked the reader to stop, or 0.
#[derive(Debug, Clone)]
pub struct Signals(Arc<AtomicUsize>);

impl Signals {
    pub fn register() -> io::Result<Signals> {
        let flag = Arc::new(AtomicUsize::new(0));
        for signal in [
            signal_hook::consts::SIGTERM,
            signal_hook::consts::SIGHUP,
            signal_hook::consts::SIGINT,
            signal_hook::consts::SIGQUIT,
        ] {
            signal_hook::flag::register_usize(signal, Arc::clone(&flag), signal as usize)?;
        }
        Ok(Signals(flag))
    }

    /// The signal caught, if any.
    pub fn caught(&self) -> Option<i32> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            signal => i32::try_from(signal).ok(),
        }
    }
}

/// The terminal in reading mode; dropping it gives the terminal back as it was.
pub struct Session {
    pub terminal: DefaultTerminal,
}

impl Session {
    pub fn start() -> io::Result<Session> {
        let terminal = ratatui::try_init()?;
        // ratatui's hook restores the screen; ours first turns the mouse off too
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouseCapture);
            hook(info);
        }));
        execute!(io::stdout(), EnableMouseCapture)?;
        Ok(Session { terminal })
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = execute!(io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
}
