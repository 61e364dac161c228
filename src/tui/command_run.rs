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
        let history = self.ctx.command_history.clone();
        let Some(prompt) = self
            .prompt
            .as_mut()
            .filter(|p| p.purpose == Purpose::Command)
        else {
            return;
        };
        if prompt.history.is_none() {
            // what was being typed comes back on the way down past the newest
            prompt.draft = prompt.text().to_owned();
        }
        let next = super::line_edit::history_step(prompt.history, step, history.len());
        match next.and_then(|i| history.get(i)) {
            Some(text) => prompt.line.set(text),
            None if next.is_none() => {
                let draft = std::mem::take(&mut prompt.draft);
                prompt.line.set(&draft);
            }
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
                    self.ctx.notice = Some("nothing to complete".to_owned());
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
        self.ctx.command_history.retain(|c| *c != line);
        self.ctx.command_history.insert(0, line.clone());
        self.ctx.outbox.push(Request::AddCommand(line.clone()));
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
            // `:search` alone in the library searches every article, as `S` does
            Ok(Invocation::Act(Action::SearchStart)) if library => {
                self.update(Action::SearchAll);
                Ok(())
            }
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
            Ok(Invocation::Sort(key)) if library => {
                if let Some(sort) = super::library::Sort::named(key) {
                    self.library_set_sort(sort);
                }
                Ok(())
            }
            Ok(Invocation::Sort(_)) => Err("sort applies in the library".to_owned()),
            Ok(Invocation::Theme(name)) => {
                self.set_theme(name);
                Ok(())
            }
            Ok(Invocation::Open(path)) => self.open_path(&path),
            Ok(Invocation::Percent(n)) if article => {
                self.go_to_percent(n);
                Ok(())
            }
            Ok(Invocation::Percent(_)) => Err("percent applies in an article".to_owned()),
        };
        if let Err(why) = result {
            self.ctx.notice = Some(why);
        }
    }

    /// Whether a command of the key map does something where the reader is.
    fn applies(&self, action: Action, name: &str) -> Result<(), String> {
        let article = self.screen == Screen::Article && !self.readings.is_empty();
        let library = self.screen == Screen::Library;
        let library_only = matches!(
            action,
            Action::CycleSort | Action::MarkAllRead | Action::Rescan | Action::SearchAll
        );
        // y copies the selected path in the library
        let here_too = action == Action::Yank && library;
        if (action.on_article() || action.scrolls()) && !article && !here_too {
            Err(format!("{name} applies in an article"))
        } else if action == Action::ToggleRead && !article && !library {
            Err(format!("{name} applies in an article or the library"))
        } else if action == Action::OpenBookmarks && matches!(self.screen, Screen::Bookmarks(_)) {
            Err("this is the bookmarks list".to_owned())
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
        // auto goes by the background the terminal told at start; dark when it did not
        let background = self
            .ctx
            .background
            .unwrap_or(super::theme::Background::Dark);
        let chosen = super::theme::Theme::for_name(theme, background);
        self.ctx.theme = if super::theme::no_color_requested() {
            chosen.without_colour()
        } else {
            chosen
        };
        self.ctx.notice = Some(format!("theme {name}"));
    }

    fn open_path(&mut self, path: &str) -> Result<(), String> {
        let expanded = crate::config::expand(path).map_err(|e| format!("open: {e}"))?;
        let absolute = std::path::absolute(&expanded).unwrap_or(expanded);
        let shown = absolute.display();
        match std::fs::metadata(&absolute) {
            Err(_) => return Err(format!("{shown}: no such file")),
            Ok(meta) if meta.is_dir() => {
                return Err(format!("{shown}: a folder (:open takes an article file)"))
            }
            Ok(meta) if !meta.is_file() => return Err(format!("{shown}: not a regular file")),
            Ok(_) => {}
        }
        let width = usize::from(self.areas().text.width);
        self.ctx.outbox.push(Request::Load {
            hint: absolute.to_string_lossy().into_owned(),
            then: AfterLoad::Resume,
            width,
        });
        self.ctx.notice = Some(format!("opening {}…", absolute.display()));
        Ok(())
    }
}
