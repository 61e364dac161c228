//! Owning the terminal: raw mode, alternate screen and mouse on; everything restored on quit,
//! on a panic, on a signal, and on suspend (`Ctrl-Z`, `kill -TSTP`).

use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::Command;
use ratatui::Terminal;
use signal_hook::consts::SIGTSTP;
use std::io::{self, BufWriter, Stdout};

/// A frame is written whole, in one write: through stdout alone it went out a kilobyte at a
/// time (stdout's own buffer), seven writes for a screen of text.
const FRAME_BUFFER: usize = 64 << 10;

/// The terminal the reader draws on.
pub type Screen = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Which mouse reports the terminal is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mouse {
    /// Presses, releases and the wheel only (no motion), so drag-to-select still works in
    /// most terminals; SGR coordinates, so wide screens work.
    #[default]
    ClicksAndWheel,
    /// None at all: the terminal keeps the mouse.
    Off,
}

/// Asks for clicks and the wheel (`?1000h`, with SGR encoding `?1006h`), not motion.
struct EnableClicks;

impl Command for EnableClicks {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Gives the mouse back, whatever was asked for.
struct DisableMouse;

impl Command for DisableMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        f.write_str("\x1b[?1006l\x1b[?1003l\x1b[?1002l\x1b[?1000l")
    }
}

pub(super) fn restore_terminal() {
    let _ = execute!(io::stdout(), DisableMouse);
    ratatui::restore();
}

/// The terminal in reading mode; dropping it gives the terminal back as it was.
pub struct Session {
    pub terminal: Screen,
    mouse: Mouse,
}

impl Session {
    /// Raw mode, the alternate screen and the mouse; `in_raw_mode` runs as soon as raw mode is
    /// on, before the screen is set up (a question to the terminal asked there is answered
    /// meanwhile).
    pub fn start(mouse: Mouse, in_raw_mode: impl FnOnce()) -> io::Result<Session> {
        // a panic gives the terminal back (mouse, raw mode, screen) before its message
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            hook(info);
        }));
        enable_raw_mode()?;
        in_raw_mode();
        execute!(io::stdout(), EnterAlternateScreen)?;
        let backend = CrosstermBackend::new(BufWriter::with_capacity(FRAME_BUFFER, io::stdout()));
        let terminal = Terminal::new(backend)?;
        if mouse == Mouse::ClicksAndWheel {
            execute!(io::stdout(), EnableClicks)?;
        }
        Ok(Session { terminal, mouse })
    }

    /// Gives the terminal back and stops the process, as `Ctrl-Z` does in any program;
    /// returns once the shell continues it (`fg`), with the reader's screen set up again.
    pub fn suspend(&mut self) -> io::Result<()> {
        execute!(io::stdout(), DisableMouse, LeaveAlternateScreen)?;
        disable_raw_mode()?;
        // the default action of SIGTSTP: stop here until SIGCONT
        signal_hook::low_level::emulate_default_handler(SIGTSTP)?;
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
        if self.mouse == Mouse::ClicksAndWheel {
            execute!(io::stdout(), EnableClicks)?;
        }
        // ratatui only draws what changed: an empty frame first makes the next one whole
        // (its own clear asks the terminal for the cursor, which a stopped shell may eat)
        self.terminal.draw(|_| {})?;
        Ok(())
    }
}

impl Session {
    /// Gives the terminal to `run` (the editor, a pager) and takes it back after, with the
    /// reader's screen set up again.
    pub fn hand_over<R>(&mut self, run: impl FnOnce() -> R) -> io::Result<R> {
        execute!(io::stdout(), DisableMouse, LeaveAlternateScreen)?;
        disable_raw_mode()?;
        let value = run();
        enable_raw_mode()?;
        execute!(io::stdout(), EnterAlternateScreen, Clear(ClearType::All))?;
        if self.mouse == Mouse::ClicksAndWheel {
            execute!(io::stdout(), EnableClicks)?;
        }
        self.terminal.draw(|_| {})?;
        Ok(value)
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
    }
}
