//! Key names as people write them in config.toml and read them in the help: `j`, `J`,
//! `ctrl-n`, `space`, `enter`, `pgdn`, `f1`.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

/// A key with the modifiers that make it another key (Ctrl, Alt; Shift is in the letter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    pub code: KeyCodeName,
    pub ctrl: bool,
    pub alt: bool,
}

/// The key codes lede binds, in a form that can be ordered and hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCodeName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

const NAMED: &[(&str, KeyCodeName)] = &[
    ("space", KeyCodeName::Char(' ')),
    ("enter", KeyCodeName::Enter),
    ("esc", KeyCodeName::Esc),
    ("tab", KeyCodeName::Tab),
    ("shift-tab", KeyCodeName::BackTab),
    ("backspace", KeyCodeName::Backspace),
    ("delete", KeyCodeName::Delete),
    ("up", KeyCodeName::Up),
    ("down", KeyCodeName::Down),
    ("left", KeyCodeName::Left),
    ("right", KeyCodeName::Right),
    ("pgup", KeyCodeName::PageUp),
    ("pgdn", KeyCodeName::PageDown),
    ("home", KeyCodeName::Home),
    ("end", KeyCodeName::End),
];

impl Key {
    pub const fn plain(c: char) -> Key {
        Key {
            code: KeyCodeName::Char(c),
            ctrl: false,
            alt: false,
        }
    }

    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCodeName::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    pub const fn named(code: KeyCodeName) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key a terminal event is, if lede can bind it.
    pub fn of(event: &KeyEvent) -> Option<Key> {
        let code = match event.code {
            KeyCode::Char(c) => KeyCodeName::Char(c),
            KeyCode::Enter => KeyCodeName::Enter,
            KeyCode::Esc => KeyCodeName::Esc,
            KeyCode::Tab => KeyCodeName::Tab,
            KeyCode::BackTab => KeyCodeName::BackTab,
            KeyCode::Backspace => KeyCodeName::Backspace,
            KeyCode::Delete => KeyCodeName::Delete,
            KeyCode::Up => KeyCodeName::Up,
            KeyCode::Down => KeyCodeName::Down,
            KeyCode::Left => KeyCodeName::Left,
            KeyCode::Right => KeyCodeName::Right,
            KeyCode::PageUp => KeyCodeName::PageUp,
            KeyCode::PageDown => KeyCodeName::PageDown,
            KeyCode::Home => KeyCodeName::Home,
            KeyCode::End => KeyCodeName::End,
            KeyCode::F(n) => KeyCodeName::F(n),
            _ => return None,
        };
        Some(Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        })
    }

    /// Reads `ctrl-n`, `alt-x`, `J`, `space`, `f5`; the reason when it is not a key.
    pub fn parse(name: &str) -> Result<Key, String> {
        let mut rest = name.trim();
        let (mut ctrl, mut alt) = (false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 2 && lower.starts_with("ctrl-") {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 2 && lower.starts_with("alt-") {
                alt = true;
                rest = &rest[4..];
            } else {
                break;
            }
        }
        let lower = rest.to_ascii_lowercase();
        let code = if let Some(&(_, code)) = NAMED.iter().find(|(n, _)| *n == lower) {
            code
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(format!(
                    "\"{name}\" is not a key (function keys are f1 to f12)"
                ));
            }
            KeyCodeName::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() => {
                    // ctrl with a letter arrives as the lower-case letter
                    KeyCodeName::Char(if ctrl { c.to_ascii_lowercase() } else { c })
                }
                _ => {
                    return Err(format!(
                        "\"{name}\" is not a key (try j, J, ctrl-n, space, enter, pgdn, f1)"
                    ))
                }
            }
        };
        Ok(Key { code, ctrl, alt })
    }
}

impl fmt::Display for Key {
    /// As the help shows it: `Ctrl-n`, `Space`, `PgDn`, `J`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCodeName::Char(' ') => f.write_str("Space"),
            KeyCodeName::Char(c) => write!(f, "{c}"),
            KeyCodeName::Enter => f.write_str("Enter"),
            KeyCodeName::Esc => f.write_str("Esc"),
            KeyCodeName::Tab => f.write_str("Tab"),
            KeyCodeName::BackTab => f.write_str("Shift-Tab"),
            KeyCodeName::Backspace => f.write_str("Backspace"),
            KeyCodeName::Delete => f.write_str("Delete"),
            KeyCodeName::Up => f.write_str("↑"),
            KeyCodeName::Down => f.write_str("↓"),
            KeyCodeName::Left => f.write_str("←"),
            KeyCodeName::Right => f.write_str("→"),
            KeyCodeName::PageUp => f.write_str("PgUp"),
            KeyCodeName::PageDown => f.write_str("PgDn"),
            KeyCodeName::Home => f.write_str("Home"),
            KeyCodeName::End => f.write_str("End"),
            KeyCodeName::F(n) => write!(f, "F{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_read_and_shown() {
        for (name, shown) in [
            ("j", "j"),
            ("J", "J"),
            ("ctrl-n", "Ctrl-n"),
            ("Ctrl-N", "Ctrl-n"),
            ("space", "Space"),
            ("pgdn", "PgDn"),
            ("shift-tab", "Shift-Tab"),
            ("f5", "F5"),
            ("alt-x", "Alt-x"),
            ("-", "-"),
        ] {
            assert_eq!(
                Key::parse(name).map(|k| k.to_string()),
                Ok(shown.to_owned()),
                "{name}"
            );
        }
        for bad in ["", "ctrl-", "jj", "f13", "hyper-x"] {
            assert!(Key::parse(bad).is_err(), "{bad}");
        }
    }
}
