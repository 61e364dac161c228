//! Asking the terminal for its background colour (OSC 11), to choose a dark or light theme.
//!
//! The question is followed by a request for the device attributes, which every terminal
//! answers: when that answer comes first, the terminal does not know OSC 11 and nothing waits.

use crate::tui::theme::Background;
use std::io::{self, Write};
use std::os::fd::RawFd;
use std::time::{Duration, Instant};

const QUERY: &[u8] = b"\x1b]11;?\x1b\\\x1b[c";

/// Asks the terminal for its background; `answer` reads what it says. Asked as soon as the
/// terminal is in raw mode, the answer travels while the screen is set up.
pub fn ask() -> io::Result<()> {
    let mut out = io::stdout();
    out.write_all(QUERY)?;
    out.flush()
}

/// The terminal's background, once asked, or `None` when it did not say within `timeout`.
pub fn answer(tty: RawFd, timeout: Duration) -> Option<Background> {
    let deadline = Instant::now() + timeout;
    let mut reply = Vec::new();
    while !attributes_answered(&reply) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || !readable(tty, left) {
            break;
        }
        let mut chunk = [0u8; 256];
        // SAFETY: chunk is a valid buffer of its length for the whole call
        let n = unsafe { libc::read(tty, chunk.as_mut_ptr().cast(), chunk.len()) };
        if n <= 0 {
            break;
        }
        reply.extend_from_slice(&chunk[..n as usize]);
    }
    background_of(&reply)
}

fn readable(fd: RawFd, timeout: Duration) -> bool {
    let mut pollfd = libc::pollfd {
        fd,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = i32::try_from(timeout.as_millis())
        .unwrap_or(i32::MAX)
        .max(1);
    // SAFETY: one valid pollfd for the whole call
    let n = unsafe { libc::poll(&mut pollfd, 1, ms) };
    n > 0 && pollfd.revents & libc::POLLIN != 0
}

/// Whether the device attributes' answer (`ESC [ ? … c`) is in `reply`: nothing comes after it.
fn attributes_answered(reply: &[u8]) -> bool {
    reply
        .windows(3)
        .position(|w| w == b"\x1b[?")
        .is_some_and(|start| reply[start..].contains(&b'c'))
}

/// Dark or light from an answer such as `ESC ] 11 ; rgb:1e1e/1e1e/2e2e ESC \`.
pub fn background_of(reply: &[u8]) -> Option<Background> {
    let text = String::from_utf8_lossy(reply);
    let start = text.find("]11;rgb:")? + "]11;rgb:".len();
    let rest = &text[start..];
    let end = rest.find(['\x1b', '\x07']).unwrap_or(rest.len());
    let channels: Vec<f64> = rest[..end]
        .split('/')
        .map(|hex| {
            let hex = hex.get(..hex.len().min(4))?;
            let value = u32::from_str_radix(hex, 16).ok()?;
            let max = (1u32 << (4 * hex.len() as u32)) - 1;
            Some(f64::from(value) / f64::from(max.max(1)))
        })
        .collect::<Option<_>>()?;
    let [r, g, b] = channels[..] else {
        return None;
    };
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    Some(if luminance > 0.5 {
        Background::Light
    } else {
        Background::Dark
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_are_read_as_dark_or_light() {
        let dark = b"\x1b]11;rgb:1e1e/1e1e/2e2e\x1b\\\x1b[?62;22c";
        assert_eq!(background_of(dark), Some(Background::Dark));
        let light = b"\x1b]11;rgb:ffff/fafa/f0f0\x07";
        assert_eq!(background_of(light), Some(Background::Light));
        assert_eq!(
            background_of(b"\x1b]11;rgb:ff/ff/ff\x1b\\"),
            Some(Background::Light)
        );
        assert_eq!(background_of(b"\x1b[?62;22c"), None);
        assert_eq!(background_of(b"\x1b]11;rgb:zz/00/00\x07"), None);
        assert!(attributes_answered(b"junk\x1b[?1;2c"));
        assert!(!attributes_answered(b"\x1b]11;rgb:0/0/0\x07"));
    }
}
