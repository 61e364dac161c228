//! The reader's key map as data: actions with names, the keys bound to them by default, and
//! the `[keys]` table of config.toml on top. The help, the README's key table, the status
//! bar's hints and `lede keys` all read it, so they cannot disagree.

use crate::tui::action::Action;
use crate::tui::input::keys::{Key, KeyCodeName};
use std::collections::{BTreeMap, HashMap};

/// (action, name in config.toml, what it does, default keys).
const COMMANDS: &[(Action, &str, &str, &[Key])] = {
    use KeyCodeName as K;
    &[
        (
            Action::LineDown,
            "line_down",
            "scroll down a line",
            &[
                Key::plain('j'),
                Key::named(K::Down),
                Key::named(K::Enter),
                Key::ctrl('e'),
            ],
        ),
        (
            Action::LineUp,
            "line_up",
            "scroll up a line",
            &[Key::plain('k'), Key::named(K::Up), Key::ctrl('y')],
        ),
        (
            Action::PageDown,
            "page_down",
            "page down",
            &[Key::plain(' '), Key::named(K::PageDown), Key::ctrl('f')],
        ),
        (
            Action::PageUp,
            "page_up",
            "page up",
            &[Key::named(K::PageUp), Key::ctrl('b')],
        ),
        (
            Action::HalfPageDown,
            "half_page_down",
            "half a page down",
            &[Key::plain('d'), Key::ctrl('d')],
        ),
        (
            Action::HalfPageUp,
            "half_page_up",
            "half a page up",
            &[Key::plain('u'), Key::ctrl('u')],
        ),
        (
            Action::Top,
            "top",
            "the top",
            &[Key::plain('g'), Key::named(K::Home)],
        ),
        (
            Action::Bottom,
            "bottom",
            "the bottom",
            &[Key::plain('G'), Key::named(K::End)],
        ),
        (
            Action::NextSection,
            "next_section",
            "next section",
            &[Key::plain(']')],
        ),
        (
            Action::PreviousSection,
            "previous_section",
            "previous section",
            &[Key::plain('[')],
        ),
        (
            Action::FocusNext,
            "focus_next",
            "focus the sidebar / the text",
            &[Key::named(K::Tab)],
        ),
        (
            Action::FocusPrevious,
            "focus_previous",
            "focus the other pane",
            &[Key::named(K::BackTab)],
        ),
        (
            Action::ToggleSidebar,
            "toggle_sidebar",
            "show / hide the sidebar",
            &[Key::plain('s')],
        ),
        (
            Action::ToggleKeyPoints,
            "key_points",
            "the key points table",
            &[Key::plain('t')],
        ),
        (Action::ToggleFaq, "faq", "the FAQ", &[Key::plain('f')]),
        (
            Action::ToggleBrief,
            "brief",
            "the brief: lead, key points, summary",
            &[Key::plain('v')],
        ),
        (
            Action::SearchStart,
            "search",
            "search the article",
            &[Key::plain('/')],
        ),
        (
            Action::SearchNext,
            "next_match",
            "next match",
            &[Key::plain('n')],
        ),
        (
            Action::SearchPrevious,
            "previous_match",
            "previous match",
            &[Key::plain('N')],
        ),
        (
            Action::ToggleBookmark,
            "bookmark",
            "bookmark here (again: remove)",
            &[Key::plain('b')],
        ),
        (
            Action::BookmarkWithNote,
            "bookmark_with_note",
            "bookmark with a note",
            &[Key::plain('m')],
        ),
        (
            Action::NextBookmark,
            "next_bookmark",
            "next bookmark",
            &[Key::plain('\'')],
        ),
        (
            Action::PreviousBookmark,
            "previous_bookmark",
            "previous bookmark",
            &[Key::plain('"')],
        ),
        (
            Action::OpenBookmarks,
            "bookmarks",
            "every bookmark",
            &[Key::plain('B')],
        ),
        (
            Action::Highlight,
            "highlight",
            "select words to highlight (Enter saves)",
            &[Key::plain('h')],
        ),
        (
            Action::NextHighlight,
            "next_highlight",
            "next highlight",
            &[Key::plain('}')],
        ),
        (
            Action::PreviousHighlight,
            "previous_highlight",
            "previous highlight",
            &[Key::plain('{')],
        ),
        (
            Action::Tag,
            "tag",
            "tag the article (Tab completes tags)",
            &[Key::plain('T')],
        ),
        (
            Action::Edit,
            "edit",
            "edit the file in $EDITOR, here",
            &[Key::plain('e')],
        ),
        (
            Action::Reload,
            "reload",
            "read the file again (after it changed on disk)",
            &[Key::plain('R')],
        ),
        (
            Action::Pipe,
            "pipe",
            "pipe the article to a command",
            &[Key::plain('|')],
        ),
        (
            Action::ToggleRead,
            "toggle_read",
            "mark read / unread",
            &[Key::plain('r')],
        ),
        (
            Action::NextUnread,
            "next_unread",
            "next unread article",
            &[Key::plain('U')],
        ),
        (
            Action::Yank,
            "yank",
            "copy the paragraph at the top",
            &[Key::plain('y')],
        ),
        (
            Action::NextArticle,
            "next_article",
            "next article",
            &[Key::plain('>')],
        ),
        (
            Action::PreviousArticle,
            "previous_article",
            "previous article",
            &[Key::plain('<')],
        ),
        (
            Action::Percent,
            "percent",
            "N% or Np: N percent into the article",
            &[Key::plain('%'), Key::plain('p')],
        ),
        (
            Action::FileInfo,
            "file_info",
            "the file, its size, the place and its words",
            &[Key::plain('='), Key::ctrl('g')],
        ),
        (
            Action::CommandLine,
            "command_line",
            "type a command by its name (Tab completes)",
            &[Key::plain(':')],
        ),
        (Action::ToggleHelp, "help", "this help", &[Key::plain('?')]),
        (
            Action::Back,
            "back",
            "close what is open, back out",
            &[Key::named(K::Esc)],
        ),
        (
            Action::Quit,
            "quit",
            "back out; quit at the top",
            &[Key::plain('q')],
        ),
        (
            Action::QuitAll,
            "quit_all",
            "quit from anywhere",
            &[Key::plain('Q'), Key::ctrl('c')],
        ),
        (
            Action::Suspend,
            "suspend",
            "suspend to the shell",
            &[Key::ctrl('z')],
        ),
    ]
};

/// Keys that act by where the reader is, not through the map: listed in the help as they are.
pub const CONTEXT_KEYS: &[(&str, &str)] = &[
    ("1 … 9", "jump to section N"),
    ("N j Space ] n", "N times: lines, pages, sections, matches"),
    ("N Enter, N G", "section N, past 9 too"),
    ("j k g G Enter", "in the sidebar: move, jump"),
    ("Enter Space a", "in the FAQ: open / close, all"),
    (
        "j k Enter",
        "in the brief: pick a key point, open its section",
    ),
    (
        "Enter d u e /",
        "in the bookmarks list: open, delete, undo, note, filter",
    ),
    ("/ o S", "library: filter, sort, search all"),
    (
        "r A R U",
        "library: read/unread, all read, rescan, next unread",
    ),
    ("wheel, click", "scroll the pane, jump from the sidebar"),
];

/// Every named command of the key map: its action, its name and what it does.
pub fn named_commands() -> impl Iterator<Item = (Action, &'static str, &'static str)> {
    COMMANDS
        .iter()
        .map(|(action, name, about, _)| (*action, *name, *about))
}

/// The name that unbinds a key in `[keys]`, taking its default away.
const NOTHING: &str = "nothing";

/// The action named `name` in `[keys]`.
fn named(name: &str) -> Option<Action> {
    COMMANDS.iter().find(|c| c.1 == name).map(|c| c.0)
}

/// The reader's key map: each key's action (`None`: unbound by the config).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindings {
    keys: HashMap<Key, Option<Action>>,
    /// Command lines bound to keys in `[keys]` (`"ctrl-t" = "theme light"`), by the index
    /// `Action::RunBound` carries.
    lines: Vec<(Key, String)>,
}

impl Default for Bindings {
    fn default() -> Bindings {
        let keys = COMMANDS
            .iter()
            .flat_map(|(action, _, _, keys)| keys.iter().map(move |k| (*k, Some(*action))))
            .collect();
        Bindings {
            keys,
            lines: Vec::new(),
        }
    }
}

impl Bindings {
    /// The key map config.toml asks for, and its problems (`FILE:LINE: …`, one line each).
    pub fn from_config(loaded: &crate::config::Loaded) -> (Bindings, Vec<String>) {
        let (bindings, problems) = Bindings::with(&loaded.config.keys, &loaded.text);
        let file = loaded
            .path
            .as_ref()
            .map_or_else(|| "config.toml".to_owned(), |p| p.display().to_string());
        let problems = problems
            .into_iter()
            .map(|p| match p.strip_prefix("line ") {
                Some(rest) => format!("{file}:{rest}"),
                None => format!("{file}: {p}"),
            })
            .collect();
        (bindings, problems)
    }

    /// The defaults with config.toml's `[keys]` on top (key name = command name); the problems
    /// found, one line each, with the line of `text` (the file) they are on where it can be told.
    pub fn with(overrides: &BTreeMap<String, String>, text: &str) -> (Bindings, Vec<String>) {
        let mut bindings = Bindings::default();
        let mut problems = Vec::new();
        for (name, command) in overrides {
            let line = line_of(text, name).map_or(String::new(), |n| format!("line {n}: "));
            let key = match Key::parse(name) {
                Ok(key) => key,
                Err(why) => {
                    problems.push(format!("{line}[keys] {why}"));
                    continue;
                }
            };
            let bound = if command == NOTHING {
                Some(None)
            } else if let Some(action) = named(command) {
                Some(Some(action))
            } else if crate::tui::command_line::parse(command).is_ok() {
                // a command with its arguments, run as if typed after `:`
                let index = u16::try_from(bindings.lines.len()).unwrap_or(u16::MAX);
                bindings.lines.push((key, command.trim().to_owned()));
                Some(Some(Action::RunBound(index)))
            } else {
                None
            };
            match bound {
                Some(action) => {
                    bindings.keys.insert(key, action);
                }
                None => problems.push(format!(
                    "{line}[keys] \"{command}\" is not an action (`lede keys` lists them)"
                )),
            }
        }
        (bindings, problems)
    }

    /// The action a key is bound to.
    /// The command line bound to a key by `Action::RunBound(index)`.
    pub fn bound_line(&self, index: u16) -> Option<&str> {
        self.lines
            .get(usize::from(index))
            .map(|(_, line)| line.as_str())
    }

    pub fn action(&self, key: &Key) -> Option<Action> {
        self.keys.get(key).copied().flatten()
    }

    /// The keys bound to a command, in the order the defaults list them, then the rest.
    pub fn keys_for(&self, action: Action) -> Vec<Key> {
        let defaults: &[Key] = COMMANDS.iter().find(|c| c.0 == action).map_or(&[], |c| c.3);
        let mut keys: Vec<Key> = defaults
            .iter()
            .filter(|k| self.keys.get(k) == Some(&Some(action)))
            .copied()
            .collect();
        let mut extra: Vec<Key> = self
            .keys
            .iter()
            .filter(|(k, a)| **a == Some(action) && !defaults.contains(k))
            .map(|(k, _)| *k)
            .collect();
        extra.sort();
        keys.extend(extra);
        keys
    }

    /// The first key for a command, as a status-bar hint shows it (`?` for help).
    pub fn hint(&self, action: Action) -> Option<String> {
        self.keys_for(action).first().map(Key::to_string)
    }

    /// The help's rows: the keys of every command, then the keys that act by context.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = COMMANDS
            .iter()
            .filter_map(|(command, _, what, _)| {
                let keys = self.keys_for(*command);
                (!keys.is_empty()).then(|| {
                    let keys: Vec<String> = keys.iter().map(Key::to_string).collect();
                    (keys.join(" "), (*what).to_owned())
                })
            })
            .collect();
        rows.extend(
            CONTEXT_KEYS
                .iter()
                .map(|(k, w)| ((*k).to_owned(), (*w).to_owned())),
        );
        rows
    }

    /// The help's rows on the library screen: its own keys one a row, then the keys that
    /// work on every screen.
    pub fn library_help_rows(&self) -> Vec<(String, String)> {
        self.screen_help_rows(crate::tui::keymap::LIBRARY_KEYS)
    }

    /// The help's rows over the bookmarks list: its own keys, then those of every screen.
    pub fn list_help_rows(&self) -> Vec<(String, String)> {
        self.screen_help_rows(crate::tui::keymap::LIST_KEYS)
    }

    /// A screen's own keys one a row (from its table), then the keys that work everywhere.
    fn screen_help_rows(&self, table: &[(Action, &str, &[Key])]) -> Vec<(String, String)> {
        let keys = |keys: &[Key]| {
            keys.iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut rows: Vec<(String, String)> = table
            .iter()
            .map(|(_, what, k)| (keys(k), (*what).to_owned()))
            .collect();
        rows.push((String::new(), String::new()));
        rows.push((String::new(), "On every screen:".to_owned()));
        for command in [Action::QuitAll, Action::Suspend] {
            if let Some((_, _, what, _)) = COMMANDS.iter().find(|(a, ..)| *a == command) {
                let bound = self.keys_for(command);
                // Ctrl-c and Ctrl-z work whatever the map says
                let fixed = match command {
                    Action::QuitAll => Key::ctrl('c'),
                    _ => Key::ctrl('z'),
                };
                let mut all = bound;
                if !all.contains(&fixed) {
                    all.push(fixed);
                }
                rows.push((keys(&all), (*what).to_owned()));
            }
        }
        rows
    }

    /// Every binding as `lede keys` prints it: key, command name, what it does.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for (command, name, what, _) in COMMANDS.iter() {
            let keys: Vec<String> = self.keys_for(*command).iter().map(Key::to_string).collect();
            let keys = if keys.is_empty() {
                "(none)".to_owned()
            } else {
                keys.join(" ")
            };
            out.push_str(&format!("{keys:<24} {name:<20} {what}\n"));
        }
        for (key, line) in &self.lines {
            let key = key.to_string();
            out.push_str(&format!("{key:<24} :{line}\n"));
        }
        // the keys that act by screen have no name in [keys], but a person looks for them here
        out.push_str("\nkeys by screen (not set in [keys]):\n");
        for (keys, what) in CONTEXT_KEYS {
            out.push_str(&format!("{keys:<24} {what}\n"));
        }
        out
    }

    /// The README's table of the reader's keys, made from the defaults.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| key | action |\n|---|---|\n");
        for (command, _, what, _) in COMMANDS.iter() {
            let keys: Vec<String> = self
                .keys_for(*command)
                .iter()
                // a bar inside a table cell ends the cell in GitHub's Markdown, even in code
                .map(|k| format!("`{}`", k.to_string().replace('|', "\\|")))
                .collect();
            if !keys.is_empty() {
                out.push_str(&format!("| {} | {what} |\n", keys.join(" ")));
            }
        }
        for (keys, what) in CONTEXT_KEYS {
            out.push_str(&format!("| `{keys}` | {what} |\n"));
        }
        out
    }
}

/// The line of config.toml a `[keys]` entry is on (the first line naming it after `[keys]`).
fn line_of(text: &str, key: &str) -> Option<usize> {
    let start = text.lines().position(|l| l.trim() == "[keys]")?;
    text.lines()
        .enumerate()
        .skip(start + 1)
        .find(|(_, l)| {
            let l = l.trim_start();
            l.starts_with(&format!("\"{key}\""))
                || l.starts_with(&format!("'{key}'"))
                || l.split('=').next().map(str::trim) == Some(key)
        })
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remapped_key_does_the_new_thing_and_the_rest_stay() {
        let mut overrides = BTreeMap::new();
        overrides.insert("j".to_owned(), "next_section".to_owned());
        overrides.insert("ctrl-n".to_owned(), "line_down".to_owned());
        let (bindings, problems) = Bindings::with(&overrides, "");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(bindings.action(&Key::plain('j')), Some(Action::NextSection));
        assert_eq!(bindings.action(&Key::ctrl('n')), Some(Action::LineDown));
        assert_eq!(bindings.action(&Key::plain(']')), Some(Action::NextSection));
        let down: Vec<String> = bindings
            .keys_for(Action::LineDown)
            .iter()
            .map(Key::to_string)
            .collect();
        assert_eq!(down, ["↓", "Enter", "Ctrl-e", "Ctrl-n"]);
    }

    #[test]
    fn bad_entries_name_their_line() {
        let text = "theme = \"dark\"\n[keys]\n\"J\" = \"jump_around\"\nhyper-x = \"quit\"\n";
        let mut overrides = BTreeMap::new();
        overrides.insert("J".to_owned(), "jump_around".to_owned());
        overrides.insert("hyper-x".to_owned(), "quit".to_owned());
        let (bindings, problems) = Bindings::with(&overrides, text);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("line 3: [keys] \"jump_around\" is not an action"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("line 4: [keys] \"hyper-x\" is not a key"),
            "{}",
            problems[1]
        );
        assert_eq!(bindings, Bindings::default());
    }

    /// The README's key table is this map's: change one, the test says to change the other.
    #[test]
    fn the_readme_lists_the_key_map() {
        let readme = include_str!("../../../README.md");
        let table = Bindings::default().markdown_table();
        assert!(
            readme.contains(&table),
            "README.md's key table differs from the key map; it should read:\n{table}"
        );
    }

    #[test]
    fn nothing_unbinds() {
        let mut overrides = BTreeMap::new();
        overrides.insert("q".to_owned(), "nothing".to_owned());
        let (bindings, _) = Bindings::with(&overrides, "");
        assert_eq!(bindings.action(&Key::plain('q')), None);
        assert_eq!(bindings.hint(Action::Quit), None);
    }
}
