//! What the `:` command line does: history, `Tab` completion and running the command typed,
//! as the command-line module parses it. No I/O but a folder's listing for `:open` completion.

use super::action::Action;
use super::app::App;
use super::command_line::{self, Context, Invocation};
use super::memory::{AfterLoad, Request};
use super::prompt::Purpose;
use super::state::Screen;

impl App {
    /// `↑`/`↓` on the command line: older / newer commands.
    pub(super) fn command_history_step(&mut self, step: isize) {
        let history = self.command_history.clone();
        let Some(prompt) = self
            .prompt
            .as_mut()
            .filter(|p| p.purpose == Purpose::Command)
        else {
            return;
        };
        let next = match (prompt.history, step > 0) {
            (None, true) => Some(0),
            (None, false) => None,
            (Some(i), true) => Some((i + 1).min(history.len().saturating_sub(1))),
            (Some(0), false) => None,
            (Some(i), false) => Some(i - 1),
        };
        match next.and_then(|i| history.get(i)) {
            Some(text) => prompt.line.set(text),
            None if next.is_none() => prompt.line.set(""),
            None => return,
        }
        prompt.history = next;
        prompt.completions.clear();
        prompt.completion = None;
    }

    /// `Tab`: the one completion, or what all of them share, then each in turn.
    pub(super) fn complete_command(&mut self) {
        let sections = match self.screen {
            Screen::Article if !self.readings.is_empty() => self.reading().doc.section_count(),
            _ => 0,
        };
        let Some(prompt) = self
            .prompt
            .as_mut()
            .filter(|p| p.purpose == Purpose::Command)
        else {
            return;
        };
        if prompt.completions.is_empty() {
            let context = Context {
                sections,
                list_dir: &command_line::folder_entries,
            };
            prompt.completions = command_line::complete(prompt.text(), &context);
            let shared = command_line::common_prefix(&prompt.completions);
            match (prompt.completions.len(), shared) {
                (0, _) => {
                    self.notice = Some("nothing to complete".to_owned());
                    return;
                }
                (1, _) => {
                    let only = prompt.completions[0].clone();
                    prompt.line.set(&only);
                    prompt.completions.clear();
                    return;
                }
                // what all of them share first, as a shell does
                (_, Some(shared)) if shared.len() > prompt.text().len() => {
                    prompt.line.set(&shared);
                    return;
                }
                _ => {}
            }
        }
        let next = prompt
            .completion
            .map_or(0, |i| (i + 1) % prompt.completions.len());
        prompt.completion = Some(next);
        let text = prompt.completions[next].clone();
        prompt.line.set(&text);
    }

    /// Enter on the command line: the command runs, or one line says why not.
    pub(super) fn run_command(&mut self, line: String) {
        let line = line.trim().to_owned();
        if line.is_empty() {
            return;
        }
        self.command_history.retain(|c| *c != line);
        self.command_history.insert(0, line.clone());
        self.outbox.push(Request::AddCommand(line.clone()));
        self.execute_command(&line);
    }

    /// Runs a command line, typed or bound to a key, or says in one line why not.
    pub(super) fn execute_command(&mut self, line: &str) {
        let line = line.trim();
        let name = line
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_owned();
        let article = self.screen == Screen::Article && !self.readings.is_empty();
        let library = self.screen == Screen::Library;
        let result = match command_line::parse(line) {
            Err(why) => Err(why),
            Ok(Invocation::Act(action)) => self.applies(action, &name).map(|()| {
                self.update(action);
            }),
            Ok(Invocation::Section(n)) if article => {
                self.update(Action::JumpToSection(n));
                Ok(())
            }
            Ok(Invocation::Section(_)) => Err("section applies in an article".to_owned()),
            Ok(Invocation::Search(words)) if article => {
                self.search_for(&words);
                Ok(())
            }
            Ok(Invocation::Search(words)) if library => {
                self.library_search(words);
                Ok(())
            }
            Ok(Invocation::Search(_)) => {
                Err("search applies in an article or the library".to_owned())
            }
            Ok(Invocation::Sort(key)) if self.library.is_some() && !article => {
                // the library's own key goes round the orders; it stops at the one asked for
                for _ in 0..4 {
                    if self
                        .library
                        .as_deref()
                        .is_some_and(|l| l.sort.label() == key)
                    {
                        break;
                    }
                    self.library_cycle_sort();
                }
                self.notice = Some(format!("sorted by {key}"));
                Ok(())
            }
            Ok(Invocation::Sort(_)) => Err("sort applies in the library".to_owned()),
            Ok(Invocation::Theme(name)) => {
                self.set_theme(name);
                Ok(())
            }
            Ok(Invocation::Open(path)) => self.open_path(&path),
        };
        if let Err(why) = result {
            self.notice = Some(why);
        }
    }

    /// Whether a command of the key map does something where the reader is.
    fn applies(&self, action: Action, name: &str) -> Result<(), String> {
        let article = self.screen == Screen::Article && !self.readings.is_empty();
        let library_only = matches!(
            action,
            Action::CycleSort | Action::MarkAllRead | Action::Rescan | Action::SearchAll
        );
        if (action.on_article() || action.scrolls()) && !article {
            Err(format!("{name} applies in an article"))
        } else if library_only && self.screen != Screen::Library {
            Err(format!("{name} applies in the library"))
        } else if action == Action::CommandLine {
            Err("already on the command line".to_owned())
        } else {
            Ok(())
        }
    }

    fn set_theme(&mut self, name: &str) {
        let Some(theme) = super::theme::ThemeName::parse(name) else {
            return;
        };
        // auto asked the terminal at start; here it takes the dark one, as with no answer
        let chosen = super::theme::Theme::for_name(theme, super::theme::Background::Dark);
        self.theme = if super::theme::no_color_requested() {
            chosen.without_colour()
        } else {
            chosen
        };
        self.notice = Some(format!("theme {name}"));
    }

    fn open_path(&mut self, path: &str) -> Result<(), String> {
        let expanded = crate::config::expand(path).map_err(|e| format!("open: {e}"))?;
        let absolute = std::path::absolute(&expanded).unwrap_or(expanded);
        if !absolute.is_file() {
            return Err(format!("{}: no such file", absolute.display()));
        }
        let width = usize::from(self.areas().text.width);
        self.outbox.push(Request::Load {
            hint: absolute.to_string_lossy().into_owned(),
            then: AfterLoad::Resume,
            width,
        });
        self.notice = Some(format!("opening {}…", absolute.display()));
        Ok(())
    }
}
