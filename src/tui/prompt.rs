//! A one-line prompt in the status bar: a bookmark's note, a list's filter, a search of every
//! article, a question answered with `y`, or the `:` command line. A layer: it takes the keys
//! while it is open and hands what was typed to the layer below.

use super::action::Action;
use super::command_line;
use super::context::Context;
use super::layer::{Message, Outcome};
use super::line_edit::LineEdit;
use super::memory::Request;
use crate::article::place::Place;
use crate::store::Seen;

/// What the typed line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// `m`: bookmark this place with the note typed.
    Note(Place),
    /// `m` while selecting words: save the highlight with the note typed.
    HighlightNote,
    /// `e` in the bookmarks list: replace this bookmark's note.
    EditNote {
        mark: super::memory::MarkId,
        fingerprint: String,
    },
    /// `/` in the bookmarks list or the library: filter as you type.
    Filter,
    /// `S` in the library: search every article's text.
    SearchAll,
    /// `A` in the library: `y` marks these articles read, anything else cancels.
    ConfirmMarkRead(Vec<Seen>),
    /// `:`: a command by its name.
    Command,
    /// `|`: a shell command to pipe the article to.
    Pipe,
    /// `T`: the tags of this article, as words.
    Tags(Box<Seen>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub line: LineEdit,
    /// Where `↑`/`↓` are in the history (`None`: the line being typed).
    pub history: Option<usize>,
    /// The completions `Tab` goes through, and the one shown.
    pub completions: Vec<String>,
    pub completion: Option<usize>,
    /// The line as typed before `↑` went into the history.
    pub draft: String,
}

impl Prompt {
    pub fn new(purpose: Purpose, text: &str) -> Prompt {
        Prompt {
            purpose,
            line: LineEdit::new(text),
            history: None,
            completions: Vec::new(),
            completion: None,
            draft: String::new(),
        }
    }

    /// What the status bar shows before the text.
    pub fn label(&self) -> String {
        match &self.purpose {
            Purpose::Note(_) | Purpose::HighlightNote => "Note: ".to_owned(),
            Purpose::EditNote { .. } => "Edit note: ".to_owned(),
            Purpose::Filter => "Filter: ".to_owned(),
            Purpose::SearchAll => "Search all articles: ".to_owned(),
            Purpose::Command => ":".to_owned(),
            Purpose::Pipe => "| ".to_owned(),
            Purpose::Tags(_) => "Tags: ".to_owned(),
            Purpose::ConfirmMarkRead(seen) => match seen.len() {
                1 => "Mark 1 article read? y/n ".to_owned(),
                n => format!("Mark {} articles read? y/n ", crate::warnings::grouped(n)),
            },
        }
    }

    /// The status bar's hints while it is typed: what Enter does, and Esc.
    pub fn hints(&self) -> [(&'static str, &'static str); 2] {
        match self.purpose {
            Purpose::Note(_) | Purpose::HighlightNote | Purpose::EditNote { .. } => {
                [("Enter", "save"), ("Esc", "cancel")]
            }
            Purpose::Filter => [("Enter", "filter"), ("Esc", "clear")],
            Purpose::SearchAll => [("Enter", "search"), ("Esc", "cancel")],
            Purpose::ConfirmMarkRead(_) => [("y", "yes"), ("n", "no")],
            Purpose::Command => [("Tab", "complete"), ("Enter", "run")],
            Purpose::Pipe => [("Enter", "run"), ("Esc", "cancel")],
            Purpose::Tags(_) => [("Tab", "complete"), ("Enter", "save")],
        }
    }

    pub fn text(&self) -> &str {
        &self.line.text
    }
}

impl Prompt {
    /// `T`: the tags prompt for an article, its tags as they are already typed.
    pub fn tags(seen: Seen, ctx: &Context) -> Prompt {
        let current = ctx
            .tags
            .get(&seen.identity.fingerprint)
            .map(|t| t.join(" ") + " ")
            .unwrap_or_default();
        Prompt::new(Purpose::Tags(Box::new(seen)), &current)
    }

    pub fn handle(&mut self, action: Action, ctx: &mut Context) -> Outcome {
        match action {
            Action::PromptInput(c) => self.edit(|l| l.insert(c), ctx),
            Action::PromptBackspace => self.edit(LineEdit::backspace, ctx),
            Action::PromptDeleteWord => self.edit(LineEdit::delete_word, ctx),
            Action::PromptClear => self.edit(LineEdit::clear, ctx),
            Action::CursorLeft => self.edit(LineEdit::left, ctx),
            Action::CursorRight => self.edit(LineEdit::right, ctx),
            Action::CursorHome => self.edit(LineEdit::home, ctx),
            Action::CursorEnd => self.edit(LineEdit::end, ctx),
            Action::DeleteForward => self.edit(LineEdit::delete, ctx),
            Action::HistoryOlder => {
                self.history_step(1, &ctx.command_history);
                Outcome::Done
            }
            Action::HistoryNewer => {
                self.history_step(-1, &ctx.command_history);
                Outcome::Done
            }
            Action::PromptSubmit => self.submit(ctx),
            Action::Back => match &self.purpose {
                // Esc in the filter clears it, as in a list filter everywhere
                Purpose::Filter => Outcome::CloseWith(Message::Filter(String::new())),
                Purpose::ConfirmMarkRead(_) => {
                    ctx.notice = Some("Nothing marked".to_owned());
                    Outcome::Close
                }
                _ => Outcome::Close,
            },
            // the wheel scrolls what is under the prompt; a click waits for the line
            Action::Wheel { .. } => Outcome::Pass,
            _ => Outcome::Done,
        }
    }

    /// An edit of the line; a filter applies as it is typed, a question takes one key.
    fn edit(&mut self, edit: impl FnOnce(&mut LineEdit), ctx: &mut Context) -> Outcome {
        edit(&mut self.line);
        // what is typed now is the line: completions and the history place start again
        self.completions.clear();
        self.completion = None;
        self.history = None;
        match &self.purpose {
            Purpose::Filter => Outcome::Tell(Message::Filter(self.text().to_owned())),
            // a question takes one key: y does it, anything else cancels
            Purpose::ConfirmMarkRead(_) => self.submit(ctx),
            _ => Outcome::Done,
        }
    }

    /// Enter: the line goes to the layer below, or to the app for a command.
    fn submit(&mut self, ctx: &mut Context) -> Outcome {
        let text = std::mem::take(&mut self.line.text);
        match &self.purpose {
            Purpose::Command => Outcome::CloseWith(Message::Command(text)),
            Purpose::Pipe => Outcome::CloseWith(Message::Pipe(text)),
            Purpose::Tags(seen) => {
                let tags = crate::store::tags::parse(&text);
                ctx.notice = Some(match tags.len() {
                    0 => "Tags removed".to_owned(),
                    _ => format!(
                        "Tagged {}",
                        tags.iter()
                            .map(|t| format!("#{t}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    ),
                });
                ctx.tags
                    .insert(seen.identity.fingerprint.clone(), tags.clone());
                ctx.outbox.push(Request::SetTags {
                    seen: (**seen).clone(),
                    tags,
                });
                Outcome::CloseWith(Message::Tagged)
            }
            Purpose::Note(_) => Outcome::CloseWith(Message::Note(text)),
            Purpose::HighlightNote => Outcome::CloseWith(Message::HighlightNote(text)),
            Purpose::EditNote { mark, fingerprint } => Outcome::CloseWith(Message::EditNote {
                mark: *mark,
                fingerprint: fingerprint.clone(),
                note: text,
            }),
            Purpose::Filter => Outcome::Close,
            Purpose::SearchAll => Outcome::CloseWith(Message::SearchAll(text)),
            Purpose::ConfirmMarkRead(seen) => match text.as_str() {
                "y" | "Y" => Outcome::CloseWith(Message::MarkAllRead(seen.clone())),
                _ => {
                    ctx.notice = Some("Nothing marked".to_owned());
                    Outcome::Close
                }
            },
        }
    }

    /// `Tab` in the tags prompt: the word being typed completed from the tags used, the
    /// most used first, each in turn.
    fn complete_tag(&mut self, ctx: &mut Context) {
        let text = self.text().to_owned();
        let (head, word) = match text.rfind(' ') {
            Some(at) => (text[..=at].to_owned(), text[at + 1..].to_owned()),
            None => (String::new(), text.clone()),
        };
        if self.completions.is_empty() {
            let mut counts: std::collections::HashMap<&str, usize> = Default::default();
            for tag in ctx.tags.values().flatten() {
                *counts.entry(tag.as_str()).or_default() += 1;
            }
            let typed: Vec<&str> = head.split_whitespace().collect();
            let mut known: Vec<(&str, usize)> = counts
                .into_iter()
                .filter(|(t, _)| t.starts_with(word.trim_start_matches('#')))
                .filter(|(t, _)| !typed.contains(t))
                .collect();
            known.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            self.completions = known.iter().map(|(t, _)| format!("{head}{t}")).collect();
            self.completion = None;
            if self.completions.is_empty() {
                ctx.notice = Some("no tag to complete".to_owned());
                return;
            }
        }
        let next = self
            .completion
            .map_or(0, |c| (c + 1) % self.completions.len());
        self.completion = Some(next);
        let line = format!("{} ", self.completions[next]);
        self.line.set(&line);
    }

    /// `↑`/`↓` on the command line: older / newer commands.
    fn history_step(&mut self, step: isize, history: &[String]) {
        if self.purpose != Purpose::Command {
            return;
        }
        if self.history.is_none() {
            // what was being typed comes back on the way down past the newest
            self.draft = self.text().to_owned();
        }
        let next = super::line_edit::history_step(self.history, step, history.len());
        match next.and_then(|i| history.get(i)) {
            Some(text) => self.line.set(text),
            None if next.is_none() => {
                let draft = std::mem::take(&mut self.draft);
                self.line.set(&draft);
            }
            None => return,
        }
        self.history = next;
        self.completions.clear();
        self.completion = None;
    }

    /// `Tab` on the command line: the one completion, or what all of them share, then each
    /// in turn. `sections`: how many the article in front has, to complete `:section`.
    pub fn complete(&mut self, sections: usize, ctx: &mut Context) {
        if let Purpose::Tags(_) = self.purpose {
            self.complete_tag(ctx);
            return;
        }
        if self.purpose != Purpose::Command {
            return;
        }
        if self.completions.is_empty() {
            let context = command_line::Context {
                sections,
                list_dir: &command_line::folder_entries,
            };
            self.completions = command_line::complete(self.text(), &context);
            let shared = command_line::common_prefix(&self.completions);
            match (self.completions.len(), shared) {
                (0, _) => {
                    ctx.notice = Some("nothing to complete".to_owned());
                    return;
                }
                (1, _) => {
                    let only = self.completions[0].clone();
                    self.line.set(&only);
                    self.completions.clear();
                    return;
                }
                // what all of them share first, as a shell does
                (_, Some(shared)) if shared.len() > self.text().len() => {
                    self.line.set(&shared);
                    return;
                }
                _ => {}
            }
        }
        let next = self
            .completion
            .map_or(0, |i| (i + 1) % self.completions.len());
        self.completion = Some(next);
        let text = self.completions[next].clone();
        self.line.set(&text);
    }
}
