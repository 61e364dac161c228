//! Signals and the terminal's input, watched with poll: the loop wakes on a key, a resize, a
//! signal or the store; a terminal that hangs up ends the reader (its loop sees POLLHUP, and a
//! watcher thread ends the process even if the loop is stuck: crossterm spins on a dead tty,
//! its issue 793).

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
                    let restore =
                        std::thread::spawn(crate::tui::terminal::session::restore_terminal);
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
