//! Keys and mouse events to actions: plain data, testable without a terminal.

use super::action::Action;
use super::app::App;
use super::search::Search;
use super::state::{Focus, Overlay, Screen, View};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

/// Every key, as the help overlay and README list them: (keys, what they do).
pub const HELP: &[(&str, &str)] = &[
    ("j k ↓ ↑", "scroll a line"),
    ("Space PgDn Ctrl-f", "page down"),
    ("PgUp Ctrl-b", "page up"),
    ("Ctrl-d Ctrl-u", "half page down / up (also d u)"),
    ("g Home", "top"),
    ("G End", "bottom"),
    ("1 … 9", "jump to section N"),
    ("] [", "next / previous section"),
    ("Tab Shift-Tab", "focus sidebar / reading pane"),
    ("j k Enter", "in the sidebar: move, jump"),
    ("t", "key points table"),
    ("f", "FAQ view"),
    ("v", "brief: lead, key points, summary"),
    ("Enter", "in the brief: open the point's section"),
    ("Enter Space", "in the FAQ: open / close answer"),
    ("a", "in the FAQ: open / close all"),
    ("/", "search; Enter to find"),
    ("n N", "next / previous match"),
    ("b", "bookmark here (again: remove)"),
    ("m", "bookmark with a note"),
    ("' \"", "next / previous bookmark"),
    ("B", "all bookmarks (Enter d u e /)"),
    ("r", "mark read / unread"),
    ("U", "next unread article (library)"),
    ("/ o S", "in the library: filter, sort, search all"),
    ("r A R", "in the library: read / unread, all read, rescan"),
    ("s", "show / hide sidebar"),
    ("> <", "next / previous article"),
    ("?", "this help (q or Esc closes it)"),
    ("Esc", "close overlay, view or search"),
    ("q", "back out one level; quit at the top"),
    ("Q Ctrl-c", "quit from anywhere"),
    ("Ctrl-z", "suspend to the shell (fg comes back)"),
    ("wheel, click", "scroll pane, jump from sidebar"),
];

/// The action for a terminal event in the app's current state.
pub fn action_for(app: &App, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => key_action(app, key),
        Event::Resize(width, height) => Some(Action::Resize(*width, *height)),
        Event::Mouse(mouse) => match mouse.kind {
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: 1,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                column: mouse.column,
                row: mouse.row,
                lines: -1,
            }),
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::QuitAll);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z')) {
        return Some(Action::Suspend);
    }
    if app.prompt.is_some() {
        return prompt_action(key);
    }
    let searching =
        app.screen == Screen::Article && matches!(app.reading().search, Search::Typing { .. });
    if searching {
        return typing_action(key);
    }
    if key.code == KeyCode::Char('Q') {
        return Some(Action::QuitAll);
    }
    if app.overlay == Overlay::Help {
        // q leaves the help, as in less; Q quits
        return match key.code {
            KeyCode::Esc | KeyCode::Char('?') | KeyCode::Char('q') => Some(Action::ToggleHelp),
            _ => scroll_action(key, ctrl),
        };
    }
    match app.screen {
        Screen::Library => return library_action(key, ctrl),
        Screen::Bookmarks(_) => return list_action(key),
        Screen::Article => {}
    }
    if ctrl {
        // Ctrl with a letter is its own key (Ctrl-f pages, as in less), never the bare letter
        return scroll_action(key, ctrl);
    }
    let common = match key.code {
        KeyCode::Char('q') if app.view == View::Brief => Some(Action::Back),
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('b') => Some(Action::ToggleBookmark),
        KeyCode::Char('m') => Some(Action::BookmarkWithNote),
        KeyCode::Char('\'') => Some(Action::NextBookmark),
        KeyCode::Char('"') => Some(Action::PreviousBookmark),
        KeyCode::Char('B') => Some(Action::OpenBookmarks),
        KeyCode::Char('r') => Some(Action::ToggleRead),
        KeyCode::Char('U') => Some(Action::NextUnread),
        KeyCode::Char('?') => Some(Action::ToggleHelp),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Char('/') => Some(Action::SearchStart),
        KeyCode::Char('n') => Some(Action::SearchNext),
        KeyCode::Char('N') => Some(Action::SearchPrevious),
        KeyCode::Char('s') => Some(Action::ToggleSidebar),
        KeyCode::Char('t') => Some(Action::ToggleKeyPoints),
        KeyCode::Char('f') => Some(Action::ToggleFaq),
        KeyCode::Char('v') => Some(Action::ToggleBrief),
        KeyCode::Char(']') => Some(Action::NextSection),
        KeyCode::Char('[') => Some(Action::PreviousSection),
        KeyCode::Char('>') => Some(Action::NextArticle),
        KeyCode::Char('<') => Some(Action::PreviousArticle),
        KeyCode::Tab => Some(Action::FocusNext),
        KeyCode::BackTab => Some(Action::FocusPrevious),
        KeyCode::Char(c @ '1'..='9') => Some(Action::JumpToSection(c as usize - '0' as usize)),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    match (app.view, app.effective_focus()) {
        (View::Brief, _) if key.code == KeyCode::Enter => Some(Action::BriefOpen),
        (View::Faq, _) => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::FaqToggleAnswer),
            KeyCode::Char('a') => Some(Action::FaqToggleAll),
            _ => scroll_action(key, ctrl),
        },
        (View::Article, Focus::Sidebar) => match key.code {
            KeyCode::Char('j') | KeyCode::Down => Some(Action::SidebarDown),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::SidebarUp),
            KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Some(Action::SidebarOpen),
            _ => scroll_action(key, ctrl),
        },
        _ => scroll_action(key, ctrl),
    }
}

fn scroll_action(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Char('d') if ctrl => Some(Action::HalfPageDown),
        KeyCode::Char('u') if ctrl => Some(Action::HalfPageUp),
        KeyCode::Char('f') if ctrl => Some(Action::PageDown),
        KeyCode::Char('b') if ctrl => Some(Action::PageUp),
        KeyCode::Char('e') if ctrl => Some(Action::LineDown),
        KeyCode::Char('y') if ctrl => Some(Action::LineUp),
        KeyCode::Char('d') => Some(Action::HalfPageDown),
        KeyCode::Char('u') => Some(Action::HalfPageUp),
        KeyCode::Char('j') | KeyCode::Down | KeyCode::Enter => Some(Action::LineDown),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::LineUp),
        KeyCode::Char(' ') | KeyCode::PageDown => Some(Action::PageDown),
        KeyCode::PageUp => Some(Action::PageUp),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
        KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
        _ => None,
    }
}

/// Keys on the library screen.
fn library_action(key: &KeyEvent, ctrl: bool) -> Option<Action> {
    match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Char('j') | KeyCode::Down => Some(Action::ListDown),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::ListUp),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::ListTop),
        KeyCode::Char('G') | KeyCode::End => Some(Action::ListBottom),
        KeyCode::Char('f') if ctrl => Some(Action::ListPageDown),
        KeyCode::Char('b') if ctrl => Some(Action::ListPageUp),
        KeyCode::PageDown | KeyCode::Char(' ') => Some(Action::ListPageDown),
        KeyCode::PageUp => Some(Action::ListPageUp),
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Some(Action::ListOpen),
        KeyCode::Char('/') => Some(Action::ListFilter),
        KeyCode::Char('S') => Some(Action::SearchAll),
        KeyCode::Char('o') => Some(Action::CycleSort),
        KeyCode::Char('r') => Some(Action::ToggleRead),
        KeyCode::Char('A') => Some(Action::MarkAllRead),
        KeyCode::Char('U') => Some(Action::NextUnread),
        KeyCode::Char('R') => Some(Action::Rescan),
        KeyCode::Char('B') => Some(Action::OpenBookmarks),
        KeyCode::Char('?') => Some(Action::ToggleHelp),
        _ => None,
    }
}

/// Keys in the bookmarks list.
fn list_action(key: &KeyEvent) -> Option<Action> {
    match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Char('j') | KeyCode::Down => Some(Action::ListDown),
        KeyCode::Char('k') | KeyCode::Up => Some(Action::ListUp),
        KeyCode::Char('g') | KeyCode::Home => Some(Action::ListTop),
        KeyCode::Char('G') | KeyCode::End => Some(Action::ListBottom),
        KeyCode::Enter => Some(Action::ListOpen),
        KeyCode::Char('d') | KeyCode::Delete => Some(Action::ListDelete),
        KeyCode::Char('u') => Some(Action::ListUndo),
        KeyCode::Char('e') => Some(Action::ListEditNote),
        KeyCode::Char('/') => Some(Action::ListFilter),
        KeyCode::Char('?') => Some(Action::ToggleHelp),
        _ => None,
    }
}

/// Keys while a note or filter is typed.
fn prompt_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => Some(Action::PromptClear),
        KeyCode::Char('w') if ctrl => Some(Action::PromptDeleteWord),
        KeyCode::Enter => Some(Action::PromptSubmit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Backspace => Some(Action::PromptBackspace),
        KeyCode::Char(c) if !ctrl => Some(Action::PromptInput(c)),
        _ => None,
    }
}

fn typing_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => Some(Action::SearchClear),
        KeyCode::Char('w') if ctrl => Some(Action::SearchDeleteWord),
        KeyCode::Enter => Some(Action::SearchSubmit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Backspace => Some(Action::SearchBackspace),
        KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
            Some(Action::SearchInput(c))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{load_bytes, Source};

    fn app() -> App {
        let text = "Lead paragraph here.\nArticle Subheadings |\n1) One |\nOne\nText.\n";
        App::new(
            vec![load_bytes(Source::Stdin, text.as_bytes()).unwrap()],
            80,
            24,
        )
    }

    fn press(app: &App, code: KeyCode, modifiers: KeyModifiers) -> Option<Action> {
        action_for(app, &Event::Key(KeyEvent::new(code, modifiers)))
    }

    #[test]
    fn control_letters_are_their_own_keys() {
        let app = app();
        assert_eq!(
            press(&app, KeyCode::Char('f'), KeyModifiers::CONTROL),
            Some(Action::PageDown)
        );
        assert_eq!(
            press(&app, KeyCode::Char('f'), KeyModifiers::NONE),
            Some(Action::ToggleFaq)
        );
        assert_eq!(press(&app, KeyCode::Char('t'), KeyModifiers::CONTROL), None);
        assert_eq!(
            press(&app, KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::QuitAll)
        );
    }

    #[test]
    fn typing_takes_letters_and_shell_editing_keys() {
        let mut app = app();
        app.update(Action::SearchStart);
        assert_eq!(
            press(&app, KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::SearchInput('q'))
        );
        assert_eq!(
            press(&app, KeyCode::Char('w'), KeyModifiers::CONTROL),
            Some(Action::SearchDeleteWord)
        );
        assert_eq!(
            press(&app, KeyCode::Char('u'), KeyModifiers::CONTROL),
            Some(Action::SearchClear)
        );
    }
}
