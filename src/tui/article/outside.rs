//! What the article hands to programs outside lede: its file to the editor (`e`), its text
//! to a shell command (`|`). The loop runs them; this only says what and where.

use super::reading::OnDisk;
use super::ArticleLayer;
use crate::article::document::BlockKind;
use crate::tui::app::Effect;
use crate::tui::context::Context;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::memory::{AfterLoad, Request};
use crate::tui::prompt::{Prompt, Purpose};
use std::path::PathBuf;

impl ArticleLayer {
    /// `e`: the file in the editor, at the line of the paragraph at the top.
    pub fn edit(&mut self, ctx: &mut Context) {
        let reading = self.reading();
        let path = match reading.memory.seen.path.as_deref() {
            Some(hint) if hint.starts_with("bundled:") => {
                ctx.notice = Some("a bundled sample has no file to edit".to_owned());
                return;
            }
            Some(path) => PathBuf::from(path),
            None => {
                ctx.notice = Some("standard input has no file to edit".to_owned());
                return;
            }
        };
        // a heading's text may be the table of subheadings' too: its paragraph tells the line
        let line = self
            .top_text()
            .and_then(|(block, _)| {
                let doc = &reading.doc;
                match doc.block(block).kind {
                    BlockKind::Heading | BlockKind::Title if block + 1 < doc.len() => doc
                        .source_line(block + 1)
                        .map(|l| l.saturating_sub(1).max(1)),
                    _ => doc.source_line(block),
                }
            })
            .unwrap_or(1);
        ctx.effects.push(Effect::Edit {
            path,
            line,
            fingerprint: reading.memory.fingerprint().to_owned(),
            place: self.place_here(ctx),
        });
    }

    /// `|`: asks for the command.
    pub fn pipe_prompt(&self) -> Outcome {
        Outcome::Open(Layer::Prompt(Box::new(Prompt::new(Purpose::Pipe, ""))))
    }

    /// The text of the part chosen in the sidebar (a section with its heading), while the
    /// sidebar has the focus.
    fn chosen_part(&self, ctx: &Context) -> Option<String> {
        if self.effective_focus(ctx) != crate::tui::state::Focus::Sidebar {
            return None;
        }
        let reading = self.reading();
        let doc = &reading.doc;
        let entry = reading.sidebar_selected;
        let start = doc.outline.get(entry)?.block;
        let end = doc.outline.get(entry + 1).map_or(doc.len(), |e| e.block);
        let texts: Vec<&str> = (start..end).map(|b| doc.text(b)).collect();
        Some(texts.join("\n\n") + "\n")
    }

    /// The command typed after `|`: the selection's words, the part chosen in the sidebar,
    /// or the article as text (as `lede print` writes it), or with `--json` first, as `lede
    /// parse` does.
    pub fn pipe(&mut self, line: &str, ctx: &mut Context) {
        let line = line.trim();
        let (json, command) = match line.strip_prefix("--json") {
            Some(rest) if rest.is_empty() || rest.starts_with(' ') => (true, rest.trim()),
            _ => (false, line),
        };
        if command.is_empty() {
            ctx.notice = Some("no command: | then a command, e.g. | wc -w".to_owned());
            return;
        }
        let input = match (self.selected_words(), json) {
            (Some(words), _) => {
                self.selection = None;
                words + "\n"
            }
            (None, false) if self.chosen_part(ctx).is_some() => {
                self.chosen_part(ctx).unwrap_or_default()
            }
            (None, true) => {
                // the reader's article keeps its sections in the document: put them back
                let reading = self.reading();
                let article = crate::article::Article {
                    sections: reading.doc.sections(),
                    ..reading.article.clone()
                };
                serde_json::to_string_pretty(&article).unwrap_or_default() + "\n"
            }
            (None, false) => {
                let width = usize::from(self.areas(ctx).text.width).max(20);
                let mut out = Vec::new();
                let _ = crate::article::plain::write_plain(&self.reading().doc, width, &mut out);
                String::from_utf8_lossy(&out).into_owned()
            }
        };
        ctx.notice = Some(format!("running {command}…"));
        ctx.effects.push(Effect::Pipe {
            command: command.to_owned(),
            input,
        });
    }
}

impl ArticleLayer {
    /// After the watch saw files change: the open articles whose file was written since it
    /// was read are marked; what to say when the one in front is.
    pub fn check_on_disk(&mut self) -> Option<String> {
        let mut said = None;
        for (i, reading) in self.readings.iter_mut().enumerate() {
            let Some(path) = reading.memory.seen.path.as_deref() else {
                continue;
            };
            if path.starts_with("bundled:") {
                continue;
            }
            let now = std::fs::metadata(path).ok().and_then(|m| m.modified().ok());
            if now != reading.modified && reading.on_disk == OnDisk::AsRead {
                reading.on_disk = OnDisk::Changed;
                if i == self.current {
                    said = Some(match now {
                        Some(_) => "changed on disk · R reads it again".to_owned(),
                        None => "its file is gone from disk (what is shown stays)".to_owned(),
                    });
                }
            }
        }
        said
    }

    /// `R`: the file read again, at the same place: after it changed on disk, or whenever.
    pub fn reload(&mut self, ctx: &mut Context) {
        let reading = self.reading();
        let path = match reading.memory.seen.path.as_deref() {
            Some(hint) if hint.starts_with("bundled:") => {
                ctx.notice = Some("a bundled sample is read from lede itself".to_owned());
                return;
            }
            Some(path) => path.to_owned(),
            None => {
                ctx.notice = Some("standard input cannot be read again".to_owned());
                return;
            }
        };
        ctx.notice = Some(format!("reading {} again…", reading.name));
        ctx.outbox.push(Request::Load {
            hint: path,
            then: AfterLoad::Reread(self.place_here(ctx)),
            width: ctx.text_width(),
        });
    }
}
