//! The reader's key map as data: commands with names, the keys bound to them by default, and
//! the `[keys]` table of config.toml on top. The help, the README's key table, the status
//! bar's hints and `lede keys` all read it, so they cannot disagree.

use super::action::Action;
use super::keys::{Key, KeyCodeName};
use std::collections::{BTreeMap, HashMap};

/// Everything a key can be bound to in the article, by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Command {
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextSection,
    PreviousSection,
    FocusNext,
    FocusPrevious,
    ToggleSidebar,
    KeyPoints,
    Faq,
    Brief,
    Search,
    NextMatch,
    PreviousMatch,
    Bookmark,
    BookmarkWithNote,
    NextBookmark,
    PreviousBookmark,
    Bookmarks,
    ToggleRead,
    NextUnread,
    Yank,
    NextArticle,
    PreviousArticle,
    Help,
    Back,
    Quit,
    QuitAll,
    Suspend,
    /// Bound to a key, takes its default away.
    Nothing,
}

/// (command, name in config.toml, what it does, default keys).
const COMMANDS: &[(Command, &str, &str, &[Key])] = {
    use KeyCodeName as K;
    &[
        (
            Command::LineDown,
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
            Command::LineUp,
            "line_up",
            "scroll up a line",
            &[Key::plain('k'), Key::named(K::Up), Key::ctrl('y')],
        ),
        (
            Command::PageDown,
            "page_down",
            "page down",
            &[Key::plain(' '), Key::named(K::PageDown), Key::ctrl('f')],
        ),
        (
            Command::PageUp,
            "page_up",
            "page up",
            &[Key::named(K::PageUp), Key::ctrl('b')],
        ),
        (
            Command::HalfPageDown,
            "half_page_down",
            "half a page down",
            &[Key::plain('d'), Key::ctrl('d')],
        ),
        (
            Command::HalfPageUp,
            "half_page_up",
            "half a page up",
            &[Key::plain('u'), Key::ctrl('u')],
        ),
        (
            Command::Top,
            "top",
            "the top",
            &[Key::plain('g'), Key::named(K::Home)],
        ),
        (
            Command::Bottom,
            "bottom",
            "the bottom",
            &[Key::plain('G'), Key::named(K::End)],
        ),
        (
            Command::NextSection,
            "next_section",
            "next section",
            &[Key::plain(']')],
        ),
        (
            Command::PreviousSection,
            "previous_section",
            "previous section",
            &[Key::plain('[')],
        ),
        (
            Command::FocusNext,
            "focus_next",
            "focus the sidebar / the text",
            &[Key::named(K::Tab)],
        ),
        (
            Command::FocusPrevious,
            "focus_previous",
            "focus the other pane",
            &[Key::named(K::BackTab)],
        ),
        (
            Command::ToggleSidebar,
            "toggle_sidebar",
            "show / hide the sidebar",
            &[Key::plain('s')],
        ),
        (
            Command::KeyPoints,
            "key_points",
            "the key points table",
            &[Key::plain('t')],
        ),
        (Command::Faq, "faq", "the FAQ", &[Key::plain('f')]),
        (
            Command::Brief,
            "brief",
            "the brief: lead, key points, summary",
            &[Key::plain('v')],
        ),
        (
            Command::Search,
            "search",
            "search the article",
            &[Key::plain('/')],
        ),
        (
            Command::NextMatch,
            "next_match",
            "next match",
            &[Key::plain('n')],
        ),
        (
            Command::PreviousMatch,
            "previous_match",
            "previous match",
            &[Key::plain('N')],
        ),
        (
            Command::Bookmark,
            "bookmark",
            "bookmark here (again: remove)",
            &[Key::plain('b')],
        ),
        (
            Command::BookmarkWithNote,
            "bookmark_with_note",
            "bookmark with a note",
            &[Key::plain('m')],
        ),
        (
            Command::NextBookmark,
            "next_bookmark",
            "next bookmark",
            &[Key::plain('\'')],
        ),
        (
            Command::PreviousBookmark,
            "previous_bookmark",
            "previous bookmark",
            &[Key::plain('"')],
        ),
        (
            Command::Bookmarks,
            "bookmarks",
            "every bookmark",
            &[Key::plain('B')],
        ),
        (
            Command::ToggleRead,
            "toggle_read",
            "mark read / unread",
            &[Key::plain('r')],
        ),
        (
            Command::NextUnread,
            "next_unread",
            "next unread article",
            &[Key::plain('U')],
        ),
        (
            Command::Yank,
            "yank",
            "copy the paragraph at the top",
            &[Key::plain('y')],
        ),
        (
            Command::NextArticle,
            "next_article",
            "next article",
            &[Key::plain('>')],
        ),
        (
            Command::PreviousArticle,
            "previous_article",
            "previous article",
            &[Key::plain('<')],
        ),
        (Command::Help, "help", "this help", &[Key::plain('?')]),
        (
            Command::Back,
            "back",
            "close what is open, back out",
            &[Key::named(K::Esc)],
        ),
        (
            Command::Quit,
            "quit",
            "back out; quit at the top",
            &[Key::plain('q')],
        ),
        (
            Command::QuitAll,
            "quit_all",
            "quit from anywhere",
            &[Key::plain('Q'), Key::ctrl('c')],
        ),
        (
            Command::Suspend,
            "suspend",
            "suspend to the shell",
            &[Key::ctrl('z')],
        ),
        (Command::Nothing, "nothing", "", &[]),
    ]
};

impl Command {
    pub fn name(self) -> &'static str {
        COMMANDS.iter().find(|c| c.0 == self).map_or("", |c| c.1)
    }

    pub fn describe(self) -> &'static str {
        COMMANDS.iter().find(|c| c.0 == self).map_or("", |c| c.2)
    }

    pub fn from_name(name: &str) -> Option<Command> {
        COMMANDS.iter().find(|c| c.1 == name).map(|c| c.0)
    }

    pub fn action(self) -> Option<Action> {
        Some(match self {
            Command::LineDown => Action::LineDown,
            Command::LineUp => Action::LineUp,
            Command::PageDown => Action::PageDown,
            Command::PageUp => Action::PageUp,
            Command::HalfPageDown => Action::HalfPageDown,
            Command::HalfPageUp => Action::HalfPageUp,
            Command::Top => Action::Top,
            Command::Bottom => Action::Bottom,
            Command::NextSection => Action::NextSection,
            Command::PreviousSection => Action::PreviousSection,
            Command::FocusNext => Action::FocusNext,
            Command::FocusPrevious => Action::FocusPrevious,
            Command::ToggleSidebar => Action::ToggleSidebar,
            Command::KeyPoints => Action::ToggleKeyPoints,
            Command::Faq => Action::ToggleFaq,
            Command::Brief => Action::ToggleBrief,
            Command::Search => Action::SearchStart,
            Command::NextMatch => Action::SearchNext,
            Command::PreviousMatch => Action::SearchPrevious,
            Command::Bookmark => Action::ToggleBookmark,
            Command::BookmarkWithNote => Action::BookmarkWithNote,
            Command::NextBookmark => Action::NextBookmark,
            Command::PreviousBookmark => Action::PreviousBookmark,
            Command::Bookmarks => Action::OpenBookmarks,
            Command::ToggleRead => Action::ToggleRead,
            Command::NextUnread => Action::NextUnread,
            Command::Yank => Action::Yank,
            Command::NextArticle => Action::NextArticle,
            Command::PreviousArticle => Action::PreviousArticle,
            Command::Help => Action::ToggleHelp,
            Command::Back => Action::Back,
            Command::Quit => Action::Quit,
            Command::QuitAll => Action::QuitAll,
            Command::Suspend => Action::Suspend,
            Command::Nothing => return None,
        })
    }
}

/// Keys that act by where the reader is, not through the map: listed in the help as they are.
pub const CONTEXT_KEYS: &[(&str, &str)] = &[
    ("1 … 9", "jump to section N"),
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

/// The reader's key map: each key's command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bindings {
    keys: HashMap<Key, Command>,
}

impl Default for Bindings {
    fn default() -> Bindings {
        let keys = COMMANDS
            .iter()
            .flat_map(|(command, _, _, keys)| keys.iter().map(move |k| (*k, *command)))
            .collect();
        Bindings { keys }
    }
}

impl Bindings {
    /// The key map config.toml asks for, and its problems (`FILE:LINE: …`, one line each).
    pub fn from_config(loaded: &crate::config::Loaded) -> (Bindings, Vec<String>) {
        let text = loaded
            .path
            .as_ref()
            .and_then(|p| std::fs::read_to_string(p).ok())
            .unwrap_or_default();
        let (bindings, problems) = Bindings::with(&loaded.config.keys, &text);
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
            match Command::from_name(command) {
                Some(command) => {
                    bindings.keys.insert(key, command);
                }
                None => problems.push(format!(
                    "{line}[keys] \"{command}\" is not an action (`lede keys` lists them)"
                )),
            }
        }
        (bindings, problems)
    }

    /// The command a key is bound to.
    pub fn command(&self, key: &Key) -> Option<Command> {
        self.keys
            .get(key)
            .copied()
            .filter(|c| *c != Command::Nothing)
    }

    /// The keys bound to a command, in the order the defaults list them, then the rest.
    pub fn keys_for(&self, command: Command) -> Vec<Key> {
        let defaults: &[Key] = COMMANDS
            .iter()
            .find(|c| c.0 == command)
            .map_or(&[], |c| c.3);
        let mut keys: Vec<Key> = defaults
            .iter()
            .filter(|k| self.keys.get(k) == Some(&command))
            .copied()
            .collect();
        let mut extra: Vec<Key> = self
            .keys
            .iter()
            .filter(|(k, c)| **c == command && !defaults.contains(k))
            .map(|(k, _)| *k)
            .collect();
        extra.sort();
        keys.extend(extra);
        keys
    }

    /// The first key for a command, as a status-bar hint shows it (`?` for help).
    pub fn hint(&self, command: Command) -> Option<String> {
        self.keys_for(command).first().map(Key::to_string)
    }

    /// The help's rows: the keys of every command, then the keys that act by context.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = COMMANDS
            .iter()
            .filter(|c| c.0 != Command::Nothing)
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

    /// Every binding as `lede keys` prints it: key, command name, what it does.
    pub fn listing(&self) -> String {
        let mut out = String::new();
        for (command, name, what, _) in COMMANDS.iter().filter(|c| c.0 != Command::Nothing) {
            let keys: Vec<String> = self.keys_for(*command).iter().map(Key::to_string).collect();
            let keys = if keys.is_empty() {
                "(none)".to_owned()
            } else {
                keys.join(" ")
            };
            out.push_str(&format!("{keys:<24} {name:<20} {what}\n"));
        }
        out
    }

    /// The README's table of the reader's keys, made from the defaults.
    pub fn markdown_table(&self) -> String {
        let mut out = String::from("| key | action |\n|---|---|\n");
        for (command, _, what, _) in COMMANDS.iter().filter(|c| c.0 != Command::Nothing) {
            let keys: Vec<String> = self
                .keys_for(*command)
                .iter()
                .map(|k| format!("`{k}`"))
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
        assert_eq!(
            bindings.command(&Key::plain('j')),
            Some(Command::NextSection)
        );
        assert_eq!(bindings.command(&Key::ctrl('n')), Some(Command::LineDown));
        assert_eq!(
            bindings.command(&Key::plain(']')),
            Some(Command::NextSection)
        );
        let down: Vec<String> = bindings
            .keys_for(Command::LineDown)
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
        let readme = include_str!("../../README.md");
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
        assert_eq!(bindings.command(&Key::plain('q')), None);
        assert_eq!(bindings.hint(Command::Quit), None);
    }
}
