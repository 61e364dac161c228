//! Owning the terminal: raw mode, alternate screen and mouse on; everything restored on quit,
//! on a panic, on a signal, and on suspend (`Ctrl-Z`, `kill -TSTP`). A terminal that hangs up
//! ends the reader: its loop sees POLLHUP, and a watcher thread ends the process even if the
//! loop is stuck (crossterm spins on a dead tty: its issue 793).

use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::crossterm::Command;
use ratatui::DefaultTerminal;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP, SIGWINCH};
use std::fs::File;
use std::io::{self, Read};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Signals that end the reader (after it saves and restores the terminal).
const STOPPING: [i32; 4] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT];
/// How long the loop gets to end by itself after a signal or a hang-up, before the watcher
/// ends the process.
const GRACE: Duration = Duration::from_millis(600);

/// What a signal asks of the loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignalEvent {
    Stop(i32),
    Suspend,
    Continue,
    Resize,
}

/// Signals caught through a self-pipe that the loop polls.
pub struct Signals {
    flags: Vec<(i32, Arc<AtomicBool>)>,
    wake: UnixStream,
}

impl Signals {
    /// Call after crossterm's event source exists (after a first `event::poll`).
    pub fn register() -> io::Result<Signals> {
        // crossterm's source takes SIGWINCH on an edge-triggered epoll with the tty; when both
        // are ready at once it returns the resize and drops the key's edge, leaving the key
        // unread until the next one. The loop reads the size itself, so crossterm's handler goes.
        #[allow(deprecated)]
        signal_hook_registry::unregister_signal(SIGWINCH);
        let (wake, write) = UnixStream::pair()?;
        wake.set_nonblocking(true)?;
        write.set_nonblocking(true)?;
        let mut flags = Vec::new();
        for signal in STOPPING.into_iter().chain([SIGTSTP, SIGCONT, SIGWINCH]) {
            let flag = Arc::new(AtomicBool::new(false));
            // the flag first, then the byte: the loop drains the pipe, then reads the flags
            signal_hook::flag::register(signal, Arc::clone(&flag))?;
            signal_hook::low_level::pipe::register(signal, write.try_clone()?)?;
            flags.push((signal, flag));
        }
        Ok(Signals { flags, wake })
    }

    pub fn fd(&self) -> RawFd {
        self.wake.as_raw_fd()
    }

    /// The signals caught since the last call.
    pub fn take(&self) -> Vec<SignalEvent> {
        let mut drain = [0u8; 64];
        while matches!((&self.wake).read(&mut drain), Ok(n) if n > 0) {}
        self.flags
            .iter()
            .filter(|(_, flag)| flag.swap(false, Ordering::SeqCst))
            .map(|&(signal, _)| match signal {
                SIGTSTP => SignalEvent::Suspend,
                SIGCONT => SignalEvent::Continue,
                SIGWINCH => SignalEvent::Resize,
                other => SignalEvent::Stop(other),
            })
            .collect()
    }
}

/// The terminal's input, to poll: standard input when it is the terminal, else `/dev/tty`.
pub struct Tty {
    fd: RawFd,
    _owned: Option<File>,
}

impl Tty {
    pub fn open() -> io::Result<Tty> {
        // SAFETY: isatty only inspects the descriptor
        if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            return Ok(Tty {
                fd: libc::STDIN_FILENO,
                _owned: None,
            });
        }
        let file = File::options().read(true).write(true).open("/dev/tty")?;
        Ok(Tty {
            fd: file.as_raw_fd(),
            _owned: Some(file),
        })
    }

    pub fn fd(&self) -> RawFd {
        self.fd
    }
}

/// What one wait of the loop saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Ready {
    pub input: bool,
    pub hangup: bool,
    pub signal: bool,
    pub store: bool,
}

/// Waits until the terminal has input or hangs up, a signal comes, or the store replies.
pub fn wait(
    tty: RawFd,
    signals: RawFd,
    store: RawFd,
    timeout: Option<Duration>,
) -> io::Result<Ready> {
    let mut fds = [
        libc::pollfd {
            fd: tty,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: signals,
            events: libc::POLLIN,
            revents: 0,
        },
        libc::pollfd {
            fd: store,
            events: libc::POLLIN,
            revents: 0,
        },
    ];
    let timeout = timeout.map_or(-1, |t| i32::try_from(t.as_millis()).unwrap_or(i32::MAX));
    // SAFETY: fds is a valid array of pollfd for the whole call
    let n = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, timeout) };
    if n < 0 {
        let e = io::Error::last_os_error();
        if e.kind() == io::ErrorKind::Interrupted {
            return Ok(Ready::default());
        }
        return Err(e);
    }
    let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
    Ok(Ready {
        input: fds[0].revents & libc::POLLIN != 0,
        hangup: fds[0].revents & gone != 0,
        signal: fds[1].revents != 0,
        store: fds[2].revents != 0,
    })
}

/// A thread that ends the process when the terminal hangs up or a stopping signal comes and
/// the loop has not ended by itself within a moment: first it lets `save` write what waits.
pub struct Watcher {
    done: Arc<AtomicBool>,
}

impl Watcher {
    pub fn start(tty: RawFd, save: impl Fn() + Send + 'static) -> io::Result<Watcher> {
        let done = Arc::new(AtomicBool::new(false));
        let (wake, write) = UnixStream::pair()?;
        let caught = Arc::new(AtomicUsize::new(0));
        for signal in STOPPING {
            signal_hook::flag::register_usize(signal, Arc::clone(&caught), signal as usize)?;
            signal_hook::low_level::pipe::register(signal, write.try_clone()?)?;
        }
        let finished = Arc::clone(&done);
        std::thread::Builder::new()
            .name("lede-hangup".to_owned())
            .spawn(move || {
                // no events asked for: poll wakes only on hang-up or error, so this costs nothing
                let mut fds = [
                    libc::pollfd {
                        fd: tty,
                        events: 0,
                        revents: 0,
                    },
                    libc::pollfd {
                        fd: wake.as_raw_fd(),
                        events: libc::POLLIN,
                        revents: 0,
                    },
                ];
                loop {
                    // SAFETY: fds is a valid array of pollfd for the whole call
                    let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) };
                    if n > 0 && (fds[0].revents != 0 || caught.load(Ordering::SeqCst) != 0) {
                        break;
                    }
                    if n > 0 && fds[1].revents != 0 {
                        let mut drain = [0u8; 64];
                        let _ = (&wake).read(&mut drain);
                    }
                }
                let hung_up = fds[0].revents != 0;
                let signal = match caught.load(Ordering::SeqCst) {
                    0 => SIGHUP,
                    n => i32::try_from(n).unwrap_or(SIGHUP),
                };
                std::thread::sleep(GRACE);
                if finished.load(Ordering::SeqCst) {
                    return;
                }
                save();
                if !hung_up {
                    // a live terminal is given back; a stuck writer must not keep us here
                    let restore = std::thread::spawn(restore_terminal);
                    std::thread::sleep(Duration::from_millis(200));
                    drop(restore);
                }
                std::process::exit(128 + signal);
            })?;
        Ok(Watcher { done })
    }

    /// The loop ended by itself: the watcher stands down.
    pub fn finished(&self) {
        self.done.store(true, Ordering::SeqCst);
    }
}

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

/// Copies `text` to the clipboard through the terminal (OSC 52: works over ssh and in tmux).
pub fn copy_to_clipboard(text: &str) -> io::Result<()> {
    use std::io::Write;
    let mut out = io::stdout();
    write!(out, "\x1b]52;c;{}\x07", base64(text.as_bytes()))?;
    out.flush()
}

/// Standard base64 with padding: eight lines are cheaper than a crate.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            let c = if i <= chunk.len() {
                ALPHABET[(n >> (18 - 6 * i) & 63) as usize]
            } else {
                b'='
            };
            out.push(char::from(c));
        }
    }
    out
}

fn restore_terminal() {
    let _ = execute!(io::stdout(), DisableMouse);
    ratatui::restore();
}

/// The terminal in reading mode; dropping it gives the terminal back as it was.
pub struct Session {
    pub terminal: DefaultTerminal,
    mouse: Mouse,
}

impl Session {
    pub fn start(mouse: Mouse) -> io::Result<Session> {
        let terminal = ratatui::try_init()?;
        // ratatui's hook restores the screen; ours first turns the mouse off too
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(io::stdout(), DisableMouse);
            hook(info);
        }));
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

impl Drop for Session {
    fn drop(&mut self) {
        restore_terminal();
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_as_the_rfc_gives_it() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
    }
}
