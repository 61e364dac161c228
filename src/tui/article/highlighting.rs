//! Highlights inside the reader: selecting words (`h`, then `w` `b` `)` `(` `$` `0` `j` `k`
//! `o`, or a press and a release of the mouse), saving them with a colour and a note, where
//! each is in the text, stepping between them, copying them. No I/O: requests go to the
//! context's outbox.

use super::ArticleLayer;
use crate::article::document::{BlockKind, Document, Origin};
use crate::article::layout::{Anchor, Row};
use crate::article::passage::{self, step, Passage, Range};
use crate::store::Highlight;
use crate::tui::action::SelectStep;
use crate::tui::context::Context;
use crate::tui::layer::{Layer, Outcome};
use crate::tui::memory::Request;
use crate::tui::prompt::{Prompt, Purpose};
use crate::tui::state::View;
use std::collections::BTreeSet;
use unicode_width::UnicodeWidthChar;

/// Words being chosen for a highlight: one end stays, the other moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    pub fixed: Anchor,
    pub moving: Anchor,
    /// The colour it will be saved with, 1 to 4.
    pub colour: u8,
}

impl Selection {
    pub fn range(&self) -> Range {
        Range::between(self.fixed, self.moving)
    }
}

/// An article's highlights as the reader knows them, and where each is in the text now.
#[derive(Debug, Clone, Default)]
pub struct Highlights {
    pub list: Vec<Highlight>,
    /// Where each found one is: (range, colour, index in `list`), sorted by range.
    pub found: Vec<(Range, u8, usize)>,
    /// Outline entries holding a highlight, for the sidebar's marks.
    pub marked: BTreeSet<usize>,
}

impl Highlights {
    pub fn replace(&mut self, list: Vec<Highlight>, doc: &Document) {
        self.found = list
            .iter()
            .enumerate()
            .filter_map(|(i, h)| Some((h.passage.resolve(doc).range()?, h.colour, i)))
            .collect();
        self.found.sort_unstable();
        self.marked = self
            .found
            .iter()
            .filter_map(|(r, _, _)| doc.entry_of_block(r.start.block))
            .collect();
        self.list = list;
    }

    /// The parts of block `block` (of `len` bytes) that are highlighted: (start, end, colour).
    pub fn in_block(
        &self,
        block: usize,
        len: usize,
    ) -> impl Iterator<Item = (usize, usize, u8)> + '_ {
        self.found.iter().filter_map(move |(range, colour, _)| {
            range
                .in_block(block, len)
                .map(|(start, end)| (start, end, *colour))
        })
    }
}

/// How many words `text` holds.
fn word_count(text: &str) -> usize {
    text.split_whitespace().count()
}

impl ArticleLayer {
    /// The words a selection holds now, as a passage would keep them.
    pub fn selected_words(&self) -> Option<String> {
        let selection = self.selection?;
        let doc = &self.reading().doc;
        passage::trim(doc, selection.range()).map(|r| passage::text_of(doc, r))
    }

    /// What the status bar says while selecting.
    pub fn selection_status(&self) -> Option<String> {
        let colour = self.selection?.colour;
        let words = self.selected_words().map_or(0, |w| word_count(&w));
        let word = if words == 1 { "word" } else { "words" };
        Some(format!(
            "{words} {word} · Enter save · m with a note · colour {colour} (1-4) · Esc"
        ))
    }

    /// `h`: in the text, a selection of the first sentence of the paragraph at the top; on a
    /// key point or a question, that point or its answer highlighted whole.
    pub fn start_highlight(&mut self, ctx: &mut Context) {
        let whole = match self.view {
            View::Article => None,
            View::KeyPoints | View::Brief | View::Faq => match self.place_here(ctx) {
                Some(_) => self.whole_part_here(ctx),
                None => {
                    ctx.notice = Some("nothing here to highlight".to_owned());
                    return;
                }
            },
        };
        if let Some(range) = whole {
            self.save_highlight(range, 1, String::new(), ctx);
            return;
        }
        let Some((mut block, _)) = self.top_text() else {
            ctx.notice = Some("nothing here to highlight".to_owned());
            return;
        };
        // a heading or a title at the top: the paragraph under it
        let doc = &self.reading().doc;
        if matches!(doc.block(block).kind, BlockKind::Heading | BlockKind::Title)
            && block + 1 < doc.len()
        {
            block += 1;
        }
        let text = self.reading().doc.text(block);
        let end = step::sentence_end(text, 0);
        self.selection = Some(Selection {
            fixed: Anchor { block, byte: 0 },
            moving: Anchor { block, byte: end },
            colour: 1,
        });
        self.reveal_selection(ctx);
    }

    /// The block and byte of the first text at the top of the pane (or where a jump went).
    pub(super) fn top_text(&self) -> Option<(usize, usize)> {
        let reading = self.reading();
        if let Some(aimed) = reading.aimed() {
            return Some((aimed.block, aimed.byte));
        }
        (reading.top..reading.layout.len()).find_map(|i| {
            match reading.layout.row(&reading.doc, i)? {
                Row::Text { block, start, .. } => Some((block as usize, start as usize)),
                Row::Blank => None,
            }
        })
    }

    /// The key point at the top of the table, or the answer to the question selected, whole.
    fn whole_part_here(&self, ctx: &Context) -> Option<Range> {
        let reading = self.reading();
        let doc = &reading.doc;
        let blocks: Vec<usize> = match self.view {
            View::KeyPoints | View::Brief => {
                let point = match self.view {
                    View::Brief => self.brief.selected,
                    _ => super::key_points::point_at_top(reading, self.areas(ctx))?,
                };
                doc.blocks()
                    .enumerate()
                    .filter(|(_, b)| b.origin == Origin::KeyPoint(point))
                    .map(|(i, _)| i)
                    .collect()
            }
            View::Faq => {
                let q = reading.faq.selected;
                doc.blocks()
                    .enumerate()
                    .filter(|(_, b)| matches!(b.origin, Origin::Answer(a, _) if a == q))
                    .map(|(i, _)| i)
                    .collect()
            }
            View::Article => return None,
        };
        let (first, last) = (*blocks.first()?, *blocks.last()?);
        Some(Range {
            start: Anchor {
                block: first,
                byte: 0,
            },
            end: Anchor {
                block: last,
                byte: doc.text(last).len(),
            },
        })
    }

    /// Moves the selection's moving end.
    pub fn select_step(&mut self, how: SelectStep, ctx: &mut Context) {
        let Some(mut selection) = self.selection else {
            return;
        };
        let doc = std::sync::Arc::clone(&self.reading().doc);
        let at = selection.moving;
        let text = doc.text(at.block);
        let is_end = selection.moving >= selection.fixed;
        let last = doc.len().saturating_sub(1);
        let next_block = |block: usize| (block < last).then_some(block + 1);
        let moved = match how {
            SelectStep::Swap => {
                std::mem::swap(&mut selection.fixed, &mut selection.moving);
                Some(selection.moving)
            }
            SelectStep::WordForward => {
                let rest_empty = text[at.byte..].trim().is_empty();
                match (rest_empty, next_block(at.block)) {
                    (true, Some(block)) => {
                        let next = doc.text(block);
                        let byte = if is_end { step::word_end(next, 0) } else { 0 };
                        Some(Anchor { block, byte })
                    }
                    (true, None) => None,
                    (false, _) => Some(Anchor {
                        block: at.block,
                        byte: if is_end {
                            step::word_end(text, at.byte)
                        } else {
                            step::next_word_start(text, at.byte)
                        },
                    }),
                }
            }
            SelectStep::WordBack => {
                if text[..at.byte].trim().is_empty() {
                    at.block.checked_sub(1).map(|block| {
                        let previous = doc.text(block);
                        let byte = if is_end {
                            previous.len()
                        } else {
                            step::word_start(previous, previous.len())
                        };
                        Anchor { block, byte }
                    })
                } else {
                    Some(Anchor {
                        block: at.block,
                        byte: if is_end {
                            step::previous_word_end(text, at.byte)
                        } else {
                            step::word_start(text, at.byte)
                        },
                    })
                }
            }
            SelectStep::SentenceForward => {
                let end = step::sentence_end(text, at.byte);
                if end <= at.byte {
                    next_block(at.block).map(|block| Anchor {
                        block,
                        byte: step::sentence_end(doc.text(block), 0),
                    })
                } else if is_end {
                    Some(Anchor {
                        block: at.block,
                        byte: end,
                    })
                } else {
                    Some(Anchor {
                        block: at.block,
                        byte: step::next_word_start(text, end).min(text.len()),
                    })
                }
            }
            SelectStep::SentenceBack => {
                let start = step::sentence_start(text, at.byte);
                if is_end {
                    // back to the end of the sentence before the one the end is in
                    let byte = text[..start].trim_end().len();
                    Some(Anchor {
                        block: at.block,
                        byte,
                    })
                } else {
                    Some(Anchor {
                        block: at.block,
                        byte: start,
                    })
                }
            }
            SelectStep::ParagraphEnd => Some(Anchor {
                block: at.block,
                byte: text.len(),
            }),
            SelectStep::ParagraphStart => Some(Anchor {
                block: at.block,
                byte: 0,
            }),
            SelectStep::LineDown | SelectStep::LineUp => {
                let down = how == SelectStep::LineDown;
                self.line_from(at, down)
            }
        };
        if let Some(moving) = moved {
            selection.moving = moving;
        }
        // the selection never shrinks to nothing: the fixed end's word stays in it
        if passage::trim(&doc, selection.range()).is_none() {
            let fixed_text = doc.text(selection.fixed.block);
            selection.moving = Anchor {
                block: selection.fixed.block,
                byte: step::word_end(fixed_text, selection.fixed.byte),
            };
        }
        self.selection = Some(selection);
        self.reveal_selection(ctx);
    }

    /// The place a row down (or up) from `at`, at the same column, in the rows as wrapped.
    fn line_from(&self, at: Anchor, down: bool) -> Option<Anchor> {
        let reading = self.reading();
        let layout = &reading.layout;
        let doc = &reading.doc;
        let row = layout.row_of_anchor(at);
        let column = match layout.row(doc, row)? {
            Row::Text { block, start, .. } => {
                let text = doc.text(block as usize);
                text[start as usize..at.byte.max(start as usize).min(text.len())]
                    .chars()
                    .filter_map(UnicodeWidthChar::width)
                    .sum::<usize>()
            }
            Row::Blank => 0,
        };
        let mut index = row;
        loop {
            index = if down {
                index + 1
            } else {
                index.checked_sub(1)?
            };
            if let Row::Text {
                block, start, end, ..
            } = layout.row(doc, index)?
            {
                let text = doc.text(block as usize);
                let slice = &text[start as usize..end as usize];
                let mut width = 0;
                let mut byte = slice.len();
                for (i, c) in slice.char_indices() {
                    if width >= column {
                        byte = i;
                        break;
                    }
                    width += c.width().unwrap_or(0);
                }
                let byte = start as usize + byte;
                // the end lands after a word, as a reader would expect to see it
                let byte = if byte < text.len() && !text[byte..].starts_with(' ') {
                    step::word_end(text, byte)
                } else {
                    byte
                };
                return Some(Anchor {
                    block: block as usize,
                    byte,
                });
            }
        }
    }

    /// Keeps the moving end in view.
    fn reveal_selection(&mut self, ctx: &mut Context) {
        let Some(selection) = self.selection else {
            return;
        };
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        let row = reading.layout.row_of_anchor(selection.moving);
        if row < reading.top || row >= reading.top + height {
            let before = reading.top;
            reading.reveal(row, height);
            if reading.top != before {
                reading.clear_aim();
            }
        }
    }

    /// Enter: the selection saved as a highlight; `m` asks for a note first.
    pub fn select_save(&mut self, note: Option<String>, ctx: &mut Context) {
        let Some(selection) = self.selection.take() else {
            return;
        };
        self.save_highlight(
            selection.range(),
            selection.colour,
            note.unwrap_or_default(),
            ctx,
        );
    }

    /// `m` while selecting: a prompt for the note; the selection waits for it.
    pub fn select_note(&mut self) -> Outcome {
        if self.selection.is_none() {
            return Outcome::Done;
        }
        Outcome::Open(Layer::Prompt(Box::new(Prompt::new(
            Purpose::HighlightNote,
            "",
        ))))
    }

    pub fn select_colour(&mut self, colour: u8, ctx: &mut Context) {
        if let Some(selection) = &mut self.selection {
            selection.colour = colour.clamp(1, crate::store::COLOURS);
            ctx.notice = None;
        }
    }

    pub fn select_cancel(&mut self, ctx: &mut Context) {
        if self.selection.take().is_some() {
            ctx.notice = Some("no highlight".to_owned());
        }
    }

    fn save_highlight(&mut self, range: Range, colour: u8, note: String, ctx: &mut Context) {
        let reading = self.reading_mut();
        let Some(passage) = Passage::of(&reading.doc, range) else {
            ctx.notice = Some("no words selected".to_owned());
            return;
        };
        let words = word_count(&passage.words);
        let label = passage.place.label();
        let mut list = reading.memory.highlights.list.clone();
        let highlight = Highlight {
            id: 0,
            passage: passage.clone(),
            note: note.clone(),
            colour,
            created: crate::store::time::now(),
        };
        match list
            .iter()
            .position(|h| h.passage.words == passage.words && h.passage.place == passage.place)
        {
            Some(i) => list[i] = highlight,
            None => list.insert(0, highlight),
        }
        reading.memory.highlights.replace(list, &reading.doc);
        let word = if words == 1 { "word" } else { "words" };
        ctx.notice = Some(if note.is_empty() {
            format!("Highlighted {words} {word} in {label}")
        } else {
            format!("Highlighted {words} {word} in {label} with a note")
        });
        ctx.outbox.push(Request::AddHighlight {
            seen: self.reading().memory.seen.clone(),
            passage,
            note,
            colour,
        });
    }

    /// `}` and `{`: the next (or previous) highlight below (or above) the place here, round.
    pub fn step_highlight(&mut self, step: isize, ctx: &mut Context) {
        let found = &self.reading().memory.highlights.found;
        let anchors = found.iter().map(|(r, _, _)| r.start).collect();
        self.step_to(anchors, step, "highlight", ctx);
    }

    /// The words `y` copies instead of the paragraph: the selection's, or those of the
    /// highlight starting in the paragraph at the top.
    pub fn highlighted_words_here(&self) -> Option<String> {
        if self.selection.is_some() {
            return self.selected_words();
        }
        if self.view != View::Article {
            return None;
        }
        let (block, _) = self.top_text()?;
        let memory = &self.reading().memory;
        let (_, _, index) = memory
            .highlights
            .found
            .iter()
            .find(|(r, _, _)| r.start.block == block)?;
        Some(memory.highlights.list[*index].passage.words.clone())
    }

    /// The place in the text under a screen cell, for the mouse.
    pub fn anchor_at(&self, column: u16, row: u16, ctx: &Context) -> Option<Anchor> {
        let text = self.areas(ctx).text;
        if !crate::tui::geometry::contains(text, column, row) {
            return None;
        }
        let reading = self.reading();
        let (layout, top) = reading.shown();
        let Row::Text {
            block,
            start,
            end,
            first,
        } = layout.row(&reading.doc, top + usize::from(row - text.y))?
        else {
            return None;
        };
        let b = reading.doc.block(block as usize);
        let indent = if first || b.marker_width() > 0 {
            b.marker_width()
        } else {
            0
        };
        let column = usize::from(column - text.x).checked_sub(indent)?;
        let slice = &b.text[start as usize..end as usize];
        let mut width = 0;
        for (i, c) in slice.char_indices() {
            width += c.width().unwrap_or(0);
            if width > column {
                return Some(Anchor {
                    block: block as usize,
                    byte: start as usize + i,
                });
            }
        }
        Some(Anchor {
            block: block as usize,
            byte: end as usize,
        })
    }

    /// The mouse let go at a cell after a press at another: the words between become the
    /// selection, to save with Enter.
    pub fn release(&mut self, column: u16, row: u16, ctx: &mut Context) {
        let Some(pressed) = self.pressed.take() else {
            return;
        };
        if self.view != View::Article {
            return;
        }
        let Some(released) = self.anchor_at(column, row, ctx) else {
            return;
        };
        if released == pressed {
            return;
        }
        let doc = &self.reading().doc;
        // whole words at both ends
        let (first, last) = (pressed.min(released), pressed.max(released));
        let start_text = doc.text(first.block);
        let start = Anchor {
            block: first.block,
            byte: if start_text[first.byte..].starts_with(char::is_whitespace) {
                first.byte
            } else {
                step::word_start(start_text, first.byte + next_len(start_text, first.byte))
            },
        };
        let end_text = doc.text(last.block);
        let end = Anchor {
            block: last.block,
            byte: step::word_end(end_text, last.byte),
        };
        if passage::trim(doc, Range::between(start, end)).is_none() {
            return;
        }
        self.selection = Some(Selection {
            fixed: start,
            moving: end,
            colour: 1,
        });
    }
}

/// The length of the character at `byte`, 0 at the end.
fn next_len(text: &str, byte: usize) -> usize {
    text[byte..].chars().next().map_or(0, char::len_utf8)
}
