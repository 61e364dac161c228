//! Keys and mouse events to actions: plain data, testable without a terminal.

use crate::tui::action::{Action, SelectStep};
use crate::tui::app::App;
use crate::tui::input::keys::{Key, KeyCodeName};
use crate::tui::layer::{Kind, Layer};
use crate::tui::state::{Focus, View};
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

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
            MouseEventKind::Up(MouseButton::Left) => Some(Action::Release {
                column: mouse.column,
                row: mouse.row,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// What to say of a key pressed that does nothing here (`= is not a key here · ? help`);
/// nothing while a line is typed, where every key is text or editing.
pub fn not_a_key(app: &App, event: &Event) -> Option<String> {
    let Event::Key(key) = event else {
        return None;
    };
    if key.kind == KeyEventKind::Release || app.typing() {
        return None;
    }
    // a modifier alone, or a key with no name, is not worth a word
    let name = Key::of(key)?;
    Some(format!("{name} is not a key here · ? help"))
}

fn key_action(app: &App, key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    // these two work everywhere, typing included, whatever the map says
    if ctrl && matches!(key.code, KeyCode::Char('c')) {
        return Some(Action::QuitAll);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z')) {
        return Some(Action::Suspend);
    }
    if app.top() == Some(Kind::Prompt) {
        return prompt_action(key);
    }
    if app.typing() {
        return typing_action(key);
    }
    let bound = Key::of(key).and_then(|k| app.ctx.keys.action(&k));
    if bound == Some(Action::QuitAll) {
        return Some(Action::QuitAll);
    }
    if app.top() == Some(Kind::Picker) {
        return list_action(key).or(match bound? {
            Action::Quit | Action::Back => Some(Action::Quit),
            other if is_movement(other) => Some(other),
            _ => None,
        });
    }
    if app.top() == Some(Kind::Pager) {
        // as in less: the movement keys scroll, q and Esc close
        return match bound? {
            Action::Quit | Action::Back => Some(Action::Quit),
            other if is_movement(other) || other == Action::ToggleHelp => Some(other),
            _ => None,
        };
    }
    if app.top() == Some(Kind::Help) {
        // q leaves the help, as in less; the movement keys scroll it
        return match bound? {
            Action::ToggleHelp | Action::Back | Action::Quit => Some(Action::ToggleHelp),
            movement if is_movement(movement) => Some(movement),
            _ => None,
        };
    }
    // a key config.toml bound to a command line works on every screen
    if let Some(bound @ Action::RunBound(_)) = bound {
        return Some(bound);
    }
    let article = match app.stack.last() {
        Some(Layer::Library(_)) => return library_action(key),
        Some(Layer::Bookmarks(_)) => return list_action(key),
        Some(Layer::Article(article)) => article,
        _ => return bound,
    };
    if article.selection.is_some() {
        return selection_action(key, bound);
    }
    // Enter after digits keeps their section, in the sidebar too
    if article.count.is_some() && key.code == KeyCode::Enter && !ctrl {
        return Some(Action::CountDone);
    }
    // keys that mean something else where the reader is
    let in_place = match (article.view, article.effective_focus(&app.ctx)) {
        (View::Brief, _) if key.code == KeyCode::Enter => Some(Action::BriefOpen),
        (View::Faq, _) if !ctrl => match key.code {
            KeyCode::Enter | KeyCode::Char(' ') => Some(Action::FaqToggleAnswer),
            KeyCode::Char('a') => Some(Action::FaqToggleAll),
            _ => None,
        },
        // the movement keys move the list that has the focus
        (View::Article, Focus::Sidebar) => match (key.code, bound) {
            (KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right, _) => Some(Action::SidebarOpen),
            (_, Some(Action::LineDown)) => Some(Action::SidebarDown),
            (_, Some(Action::LineUp)) => Some(Action::SidebarUp),
            (_, Some(Action::Top)) => Some(Action::SidebarTop),
            (_, Some(Action::Bottom)) => Some(Action::SidebarBottom),
            (_, Some(Action::PageDown)) => Some(Action::SidebarPageDown),
            (_, Some(Action::PageUp)) => Some(Action::SidebarPageUp),
            _ => None,
        },
        _ => None,
    };
    if in_place.is_some() {
        return in_place;
    }
    // digits jump to their section at once and count for the key after them
    let counting = article.count.is_some();
    match (key.code, ctrl) {
        (KeyCode::Char(c @ '1'..='9'), false) => return Some(Action::Digit(c as u8 - b'0')),
        (KeyCode::Char('0'), false) if counting => return Some(Action::Digit(0)),
        _ => {}
    }
    bound
}

/// Keys while words are being selected for a highlight: they move its end, as in vim's
/// visual mode; the help and the command line still open.
fn selection_action(key: &KeyEvent, bound: Option<Action>) -> Option<Action> {
    use SelectStep::*;
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return None;
    }
    Some(match key.code {
        KeyCode::Char('w') | KeyCode::Right => Action::Select(WordForward),
        KeyCode::Char('b') | KeyCode::Left => Action::Select(WordBack),
        KeyCode::Char(')') => Action::Select(SentenceForward),
        KeyCode::Char('(') => Action::Select(SentenceBack),
        KeyCode::Char('$') | KeyCode::End => Action::Select(ParagraphEnd),
        KeyCode::Char('0') | KeyCode::Home => Action::Select(ParagraphStart),
        KeyCode::Char('j') | KeyCode::Down => Action::Select(LineDown),
        KeyCode::Char('k') | KeyCode::Up => Action::Select(LineUp),
        KeyCode::Char('o') => Action::Select(Swap),
        KeyCode::Char(c @ '1'..='4') => Action::SelectColour(c as u8 - b'0'),
        KeyCode::Enter => Action::SelectSave,
        KeyCode::Char('m') => Action::SelectNote,
        KeyCode::Char('y') => Action::Yank,
        KeyCode::Char('|') => Action::Pipe,
        KeyCode::Esc | KeyCode::Char('q') => Action::SelectCancel,
        _ => match bound {
            Some(a @ (Action::ToggleHelp | Action::CommandLine | Action::QuitAll)) => a,
            _ => return None,
        },
    })
}

/// Actions that move the view, which the help overlay takes too.
fn is_movement(action: Action) -> bool {
    matches!(
        action,
        Action::LineDown
            | Action::LineUp
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom
    )
}

/// The library screen's keys, one command a row: what [`library_action`] reads and the help
/// lists, so the two cannot disagree. (action, what it does, keys.)
pub const LIBRARY_KEYS: &[(Action, &str, &[Key])] = {
    use KeyCodeName as K;
    &[
        (
            Action::ListDown,
            "next article",
            &[Key::plain('j'), Key::named(K::Down)],
        ),
        (
            Action::ListUp,
            "previous article",
            &[Key::plain('k'), Key::named(K::Up)],
        ),
        (
            Action::ListTop,
            "first article",
            &[Key::plain('g'), Key::named(K::Home)],
        ),
        (
            Action::ListBottom,
            "last article",
            &[Key::plain('G'), Key::named(K::End)],
        ),
        (
            Action::ListPageDown,
            "a page down",
            &[Key::plain(' '), Key::named(K::PageDown), Key::ctrl('f')],
        ),
        (
            Action::ListPageUp,
            "a page up",
            &[Key::named(K::PageUp), Key::ctrl('b')],
        ),
        (
            Action::ListOpen,
            "open the article (or the search hit)",
            &[Key::named(K::Enter), Key::plain('l'), Key::named(K::Right)],
        ),
        (
            Action::ListFilter,
            "filter by title and path as you type",
            &[Key::plain('/')],
        ),
        (
            Action::SearchAll,
            "search the text of every article",
            &[Key::plain('S')],
        ),
        (
            Action::CycleSort,
            "sort by date, title, path, length (kept)",
            &[Key::plain('o')],
        ),
        (Action::ToggleRead, "mark read / unread", &[Key::plain('r')]),
        (
            Action::MarkAllRead,
            "mark every listed article read (asks)",
            &[Key::plain('A')],
        ),
        (
            Action::ListUndo,
            "undo the last A (unread again)",
            &[Key::plain('u')],
        ),
        (
            Action::NextUnread,
            "open the next unread article",
            &[Key::plain('U')],
        ),
        (Action::Yank, "copy the file's path", &[Key::plain('y')]),
        (
            Action::Tag,
            "tag the article (Tab completes tags)",
            &[Key::plain('T')],
        ),
        (
            Action::OpenPicker,
            "saved searches and tags, unread counts",
            &[Key::plain('F')],
        ),
        (
            Action::FileInfo,
            "the file's path and size",
            &[Key::plain('='), Key::ctrl('g')],
        ),
        (
            Action::Rescan,
            "look again for new, changed, gone files",
            &[Key::plain('R')],
        ),
        (Action::OpenBookmarks, "every bookmark", &[Key::plain('B')]),
        (
            Action::Back,
            "back to the list; clear the filter",
            &[Key::named(K::Esc)],
        ),
        (
            Action::CommandLine,
            "type a command by its name",
            &[Key::plain(':')],
        ),
        (Action::ToggleHelp, "this help", &[Key::plain('?')]),
        (Action::Quit, "quit", &[Key::plain('q')]),
    ]
};

/// Keys on the library screen.
fn library_action(key: &KeyEvent) -> Option<Action> {
    let key = Key::of(key)?;
    LIBRARY_KEYS
        .iter()
        .find(|(_, _, keys)| keys.contains(&key))
        .map(|(action, _, _)| *action)
}

/// The bookmarks list's keys, one command a row, as [`LIBRARY_KEYS`] has the library's:
/// what [`list_action`] reads and the help lists.
pub const LIST_KEYS: &[(Action, &str, &[Key])] = {
    use KeyCodeName as K;
    &[
        (
            Action::ListDown,
            "next bookmark",
            &[Key::plain('j'), Key::named(K::Down)],
        ),
        (
            Action::ListUp,
            "previous bookmark",
            &[Key::plain('k'), Key::named(K::Up)],
        ),
        (
            Action::ListTop,
            "first bookmark",
            &[Key::plain('g'), Key::named(K::Home)],
        ),
        (
            Action::ListBottom,
            "last bookmark",
            &[Key::plain('G'), Key::named(K::End)],
        ),
        (
            Action::ListOpen,
            "open the article at the bookmark",
            &[Key::named(K::Enter)],
        ),
        (
            Action::ListDelete,
            "delete the bookmark",
            &[Key::plain('d'), Key::named(K::Delete)],
        ),
        (Action::ListUndo, "undo the last delete", &[Key::plain('u')]),
        (Action::ListEditNote, "edit the note", &[Key::plain('e')]),
        (
            Action::ListHighlightsOnly,
            "only highlights / everything",
            &[Key::plain('H')],
        ),
        (
            Action::ListFilter,
            "filter by title, place, quote, note, path",
            &[Key::plain('/')],
        ),
        (
            Action::CommandLine,
            "type a command by its name",
            &[Key::plain(':')],
        ),
        (Action::ToggleHelp, "this help", &[Key::plain('?')]),
        (
            Action::Back,
            "close the list",
            &[Key::plain('q'), Key::named(K::Esc)],
        ),
    ]
};

/// Keys in the bookmarks list.
fn list_action(key: &KeyEvent) -> Option<Action> {
    let key = Key::of(key)?;
    LIST_KEYS
        .iter()
        .find(|(_, _, keys)| keys.contains(&key))
        .map(|(action, _, _)| *action)
}

/// Moving and deleting in a line being typed, the same in the search and the prompts.
fn cursor_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Left => Some(Action::CursorLeft),
        KeyCode::Right => Some(Action::CursorRight),
        KeyCode::Home => Some(Action::CursorHome),
        KeyCode::End => Some(Action::CursorEnd),
        KeyCode::Delete => Some(Action::DeleteForward),
        KeyCode::Char('a') if ctrl => Some(Action::CursorHome),
        KeyCode::Char('e') if ctrl => Some(Action::CursorEnd),
        _ => None,
    }
}

/// Keys while a note or filter is typed.
fn prompt_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    cursor_action(key).or(match key.code {
        KeyCode::Char('u') if ctrl => Some(Action::PromptClear),
        KeyCode::Char('w') if ctrl => Some(Action::PromptDeleteWord),
        KeyCode::Enter => Some(Action::PromptSubmit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Backspace => Some(Action::PromptBackspace),
        KeyCode::Tab => Some(Action::PromptComplete),
        KeyCode::Up => Some(Action::HistoryOlder),
        KeyCode::Down => Some(Action::HistoryNewer),
        KeyCode::Char(c) if !ctrl => Some(Action::PromptInput(c)),
        _ => None,
    })
}

/// Keys while a search is typed after `/`.
fn typing_action(key: &KeyEvent) -> Option<Action> {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    cursor_action(key).or(match key.code {
        KeyCode::Char('u') if ctrl => Some(Action::SearchClear),
        KeyCode::Char('w') if ctrl => Some(Action::SearchDeleteWord),
        KeyCode::Enter => Some(Action::SearchSubmit),
        KeyCode::Esc => Some(Action::Back),
        KeyCode::Backspace => Some(Action::SearchBackspace),
        KeyCode::Up => Some(Action::HistoryOlder),
        KeyCode::Down => Some(Action::HistoryNewer),
        KeyCode::Char(c) if !ctrl => Some(Action::SearchInput(c)),
        _ => None,
    })
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
