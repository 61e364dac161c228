//! Bookmarks, reading positions and read state inside the reader: what `b`, `m`, `'` and `r`
//! do, and how replies from the store thread change what shows. No I/O: requests are queued
//! in the context's outbox for the loop to send.

use super::ArticleLayer;
use crate::article::document::{BlockKind, Document, Origin};
use crate::article::layout::{Anchor, Row};
use crate::article::place::Place;
use crate::article::Opened;
use crate::store::{ArticleRecord, Bookmark, ReadState, Seen};
use crate::tui::article::key_points;
use crate::tui::article::reading::{Completeness, Reading};
use crate::tui::context::Context;
use crate::tui::memory::{path_hint, Reply, Request};
use crate::tui::state::View;
use std::collections::BTreeSet;

/// Whether a saved position may still move the view: only until the reader moves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Resume {
    Waiting,
    Settled,
}

/// The last position sent to the store, so an unchanged one is not sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Sent {
    anchor: Anchor,
    percent: u8,
    at_end: bool,
}

/// What the reader remembers of one open article.
#[derive(Debug, Clone)]
pub struct ReadingMemory {
    pub seen: Seen,
    pub bookmarks: Vec<Bookmark>,
    /// Where each bookmark is in the article now (`None`: its place is gone).
    anchors: Vec<Option<Anchor>>,
    /// Outline entries that hold a bookmark, for the sidebar's marks.
    pub marked: BTreeSet<usize>,
    /// Its highlights, and where they are.
    pub highlights: super::highlighting::Highlights,
    pub record: Option<ArticleRecord>,
    resume: Resume,
    sent: Option<Sent>,
    /// Read (true) or unread as this reader last made it, by `r` or by reaching the end, for a
    /// store answer that comes later and does not know it yet.
    read_here: Option<bool>,
}

impl ReadingMemory {
    pub fn new(opened: &Opened) -> ReadingMemory {
        ReadingMemory {
            seen: Seen {
                identity: opened.identity.clone(),
                title: opened.article.title.clone(),
                path: path_hint(&opened.source),
                words: opened.doc.total_words(),
            },
            bookmarks: Vec::new(),
            anchors: Vec::new(),
            marked: BTreeSet::new(),
            highlights: Default::default(),
            record: None,
            resume: Resume::Waiting,
            sent: None,
            read_here: None,
        }
    }

    pub fn fingerprint(&self) -> &str {
        &self.seen.identity.fingerprint
    }

    /// The reader has moved: a saved position arriving later must not move the view.
    pub fn settle(&mut self) {
        self.resume = Resume::Settled;
    }

    /// The read state, once the store has answered.
    pub fn state(&self) -> Option<ReadState> {
        self.record.as_ref().map(ArticleRecord::state)
    }

    pub fn replace_bookmarks(&mut self, bookmarks: Vec<Bookmark>, doc: &Document) {
        self.anchors = bookmarks
            .iter()
            .map(|b| b.place.resolve(doc).ok())
            .collect();
        self.marked = self
            .anchors
            .iter()
            .flatten()
            .filter_map(|a| doc.entry_of_block(a.block))
            .collect();
        self.bookmarks = bookmarks;
    }

    /// The bookmark at the same place as `place`, if any.
    fn bookmark_at(&self, place: &Place) -> Option<usize> {
        self.bookmarks
            .iter()
            .position(|b| b.place.key() == place.key())
    }
}

impl ArticleLayer {
    /// What to ask the store for when the reader starts: every open article's memory.
    pub fn opening_requests(&mut self, ctx: &mut Context) {
        for reading in &self.readings {
            // a beginning is not the article: the store hears of it once it is whole
            if reading.completeness == Completeness::Whole {
                ctx.outbox.push(Request::Open(reading.memory.seen.clone()));
            }
        }
    }

    /// The whole article read in the background takes the place of its beginning, at the
    /// same paragraph, with the same search and view.
    pub fn whole_arrived(&mut self, mut whole: Reading, ctx: &mut Context) {
        let Some(index) = self.readings.iter().position(|r| {
            r.completeness.is_head() && r.memory.fingerprint() == whole.memory.fingerprint()
        }) else {
            return;
        };
        let width = usize::from(self.areas(ctx).text.width);
        let height = self.pane_height(ctx);
        let head = &self.readings[index];
        let anchor = head.layout.anchor(head.top);
        let aimed = head.aimed();
        let moved = head.top != 0;
        let query = head.search.query().map(str::to_owned);
        whole.relayout_now(width);
        whole.go_to(anchor);
        if let Some(aimed) = aimed {
            whole.aim_at(aimed, height);
        }
        whole.faq = head.faq.clone();
        whole.key_points_top = head.key_points_top;
        if moved {
            whole.memory.settle();
        }
        ctx.outbox.push(Request::Open(whole.memory.seen.clone()));
        self.readings[index] = whole;
        if let (Some(query), true) = (query, index == self.current) {
            // the matches light up where the reader is; none of them becomes "here"
            let spot = self.reading().spot();
            let top = self.reading().top;
            self.run_search(&query, top, ctx);
            self.reading_mut().back_to(spot);
        }
        if index == self.current {
            self.keep_sidebar_visible(ctx);
        }
    }

    /// The place `b` bookmarks: the paragraph at the top of the pane, the key point at the
    /// top of the table, the question selected in the FAQ.
    pub fn place_here(&self, ctx: &Context) -> Option<Place> {
        let reading = self.reading();
        let doc = &reading.doc;
        match self.view {
            View::Article => {
                if let Some(aimed) = reading.aimed() {
                    return Place::at(doc, aimed.block, aimed.byte);
                }
                // the first text row from the top: a blank row belongs to what follows
                let (block, byte) =
                    (reading.top..reading.layout.len()).find_map(|i| {
                        match reading.layout.row(&reading.doc, i)? {
                            Row::Text { block, start, .. } => {
                                Some((block as usize, start as usize))
                            }
                            Row::Blank => None,
                        }
                    })?;
                Place::at(doc, block, byte)
            }
            View::KeyPoints | View::Brief => {
                let point = match self.view {
                    View::Brief => self.brief.selected,
                    _ => key_points::point_at_top(reading, self.areas(ctx))?,
                };
                let block = doc
                    .blocks()
                    .position(|b| b.origin == Origin::KeyPoint(point))?;
                Place::at(doc, block, 0)
            }
            View::Faq => {
                let question = reading.faq.selected;
                let block = doc
                    .blocks()
                    .position(|b| b.origin == Origin::Question(question))?;
                Place::at(doc, block, 0)
            }
        }
    }

    /// `b`: bookmarks the place here, or removes the bookmark already there. With a note
    /// (from `m`), always bookmarks, setting the note.
    pub fn toggle_bookmark(&mut self, note: Option<String>, ctx: &mut Context) {
        let Some(place) = self.place_here(ctx) else {
            ctx.notice = Some("nothing here to bookmark".to_owned());
            return;
        };
        let label = place.label();
        let reading = self.reading_mut();
        let existing = reading.memory.bookmark_at(&place);
        let fingerprint = reading.memory.fingerprint().to_owned();
        let request = match (existing, note) {
            (Some(i), None) => {
                let mut bookmarks = reading.memory.bookmarks.clone();
                bookmarks.remove(i);
                reading.memory.replace_bookmarks(bookmarks, &reading.doc);
                ctx.notice = Some(format!("Bookmark removed: {label}"));
                Request::RemoveBookmarkAt { fingerprint, place }
            }
            (existing, note) => {
                let note = note.unwrap_or_default();
                let mut bookmarks = reading.memory.bookmarks.clone();
                let bookmark = Bookmark {
                    id: 0,
                    place: place.clone(),
                    note: note.clone(),
                    created: crate::store::time::now(),
                };
                match existing {
                    Some(i) => bookmarks[i] = bookmark,
                    None => bookmarks.insert(0, bookmark),
                }
                reading.memory.replace_bookmarks(bookmarks, &reading.doc);
                ctx.notice = Some(if note.is_empty() {
                    format!("Bookmarked {label}")
                } else {
                    format!("Bookmarked {label} with a note")
                });
                Request::AddBookmark {
                    seen: self.reading().memory.seen.clone(),
                    place,
                    note,
                }
            }
        };
        ctx.outbox.push(request);
    }

    /// `y`: the text at the place `b` would bookmark, with the article's title, to the clipboard.
    pub fn yank(&mut self, ctx: &mut Context) {
        // a selection, or a highlight at the top: its exact words
        if let Some(words) = self.highlighted_words_here() {
            let what = if self.selection.is_some() {
                "selection"
            } else {
                "highlight"
            };
            ctx.notice = Some(format!(
                "Copied {what} ({} characters)",
                words.chars().count()
            ));
            let copied = format!("{words}\n\n— {}", self.reading().article.title);
            ctx.effects.push(crate::tui::app::Effect::Clipboard(copied));
            return;
        }
        let Some(place) = self.place_here(ctx) else {
            ctx.notice = Some("nothing here to copy".to_owned());
            return;
        };
        let reading = self.reading();
        let Ok(anchor) = place.resolve(&reading.doc) else {
            return;
        };
        let block = reading.doc.block(anchor.block);
        let mut text = block.text.to_owned();
        let mut what = "paragraph";
        // a heading goes with the paragraph under it, which is what a person wants to paste
        if block.kind == BlockKind::Heading {
            what = "heading";
            if let Some(next) = (anchor.block + 1 < reading.doc.len())
                .then(|| reading.doc.block(anchor.block + 1))
                .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Lead))
            {
                what = "heading and paragraph";
                text.push_str("\n\n");
                text.push_str(next.text);
            }
        }
        // a question goes with its answer
        if let Origin::Question(q) = block.origin {
            what = "question and answer";
            for paragraph in reading
                .article
                .faq
                .get(q)
                .map_or(&[][..], |f| &f.answer[..])
            {
                text.push_str("\n\n");
                text.push_str(paragraph);
            }
        }
        let copied = format!("{text}\n\n— {}", reading.article.title);
        let what = match block.kind {
            BlockKind::KeyPoint => "key point",
            BlockKind::Title => "title",
            _ => what,
        };
        ctx.notice = Some(format!(
            "Copied {what} ({} characters) from {}",
            text.chars().count(),
            place.label()
        ));
        ctx.effects.push(crate::tui::app::Effect::Clipboard(copied));
    }

    /// `'` and `"`: the next (or previous) bookmark below (or above) the top of the pane, round.
    pub fn step_bookmark(&mut self, step: isize, ctx: &mut Context) {
        let anchors: Vec<Anchor> = self
            .reading()
            .memory
            .anchors
            .iter()
            .flatten()
            .copied()
            .collect();
        self.step_to(anchors, step, "bookmark", ctx);
    }

    /// The next (or previous) of `anchors` below (or above) the place here, round, made the
    /// place here; the bar says which of how many (`bookmark 2/5`).
    pub(super) fn step_to(
        &mut self,
        anchors: Vec<Anchor>,
        step: isize,
        what: &str,
        ctx: &mut Context,
    ) {
        let reading = self.reading();
        let mut rows: Vec<(usize, Anchor)> = anchors
            .into_iter()
            .map(|a| (reading.layout.row_of_anchor(a), a))
            .collect();
        rows.sort_unstable_by_key(|&(row, a)| (row, a.block, a.byte));
        rows.dedup_by_key(|(row, _)| *row);
        if rows.is_empty() {
            ctx.notice = Some(format!("no {what}s in this article"));
            return;
        }
        let here = reading.here_row();
        let target = if step > 0 {
            rows.iter().find(|&&(r, _)| r > here).or(rows.first())
        } else {
            rows.iter().rev().find(|&&(r, _)| r < here).or(rows.last())
        };
        let Some(&(row, anchor)) = target else { return };
        let index = rows.iter().position(|&(r, _)| r == row).unwrap_or(0);
        self.view = crate::tui::state::View::Article;
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        reading.top = row;
        reading.aim_at(anchor, height);
        self.keep_sidebar_visible(ctx);
        ctx.notice = Some(format!("{what} {}/{}", index + 1, rows.len()));
    }

    /// `r`: marks the open article read, or unread when it was read.
    pub fn toggle_read(&mut self, ctx: &mut Context) {
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        // before the store has answered, what was done here says, and an article shown to its
        // end ("done") is read
        let at_end = reading.top >= reading.max_top(height);
        let read_now = match (reading.memory.state(), reading.memory.read_here) {
            (Some(state), _) => state == ReadState::Read,
            (None, Some(here)) => here,
            (None, None) => at_end,
        };
        let read = !read_now;
        reading.memory.read_here = Some(read);
        if let Some(record) = reading.memory.record.as_mut() {
            record.read_hash = read.then(|| record.content_hash.clone());
        }
        ctx.notice = Some(if read { "Marked read" } else { "Marked unread" }.to_owned());
        let seen = self.reading().memory.seen.clone();
        ctx.outbox.push(Request::SetRead { seen, read });
    }

    /// The reading position to send to the store, when it changed since the last one.
    pub fn position_request(&mut self, ctx: &Context) -> Option<Request> {
        let height = self.pane_height(ctx);
        // digits waiting for their key: the jump may yet be undone (5j), so nothing is saved
        if self.readings.is_empty() || self.count.is_some() {
            return None;
        }
        let reading = self.reading_mut();
        if reading.layout.is_empty()
            || reading.memory.resume == Resume::Waiting
            || reading.completeness.is_head()
        {
            return None;
        }
        let at_end = reading.top >= reading.max_top(height);
        let sent = Sent {
            anchor: reading.here(),
            percent: u8::try_from(reading.percent(height)).unwrap_or(100),
            at_end,
        };
        if reading.memory.sent == Some(sent) {
            return None;
        }
        // only arriving at the end marks it read, so `r` can mark it unread there; an unread
        // made here before the first position went out (the store had not answered yet)
        // stands, rather than the end reached before it
        let reached_end = at_end
            && reading.memory.sent.is_none_or(|s| !s.at_end)
            && reading.memory.read_here != Some(false);
        reading.memory.sent = Some(sent);
        if reached_end {
            reading.memory.read_here = Some(true);
            if let Some(record) = reading.memory.record.as_mut() {
                record.read_hash = Some(record.content_hash.clone());
            }
        }
        Some(Request::Position {
            seen: reading.memory.seen.clone(),
            anchor: sent.anchor,
            percent: sent.percent,
            reached_end,
        })
    }

    /// The reader moved by itself: a saved position arriving later must not move it.
    pub fn settle_resume(&mut self) {
        self.reading_mut().memory.resume = Resume::Settled;
    }

    /// Applies what the store sent back about the articles open here.
    pub fn apply(&mut self, reply: Reply, ctx: &mut Context) {
        match reply {
            Reply::Opened {
                fingerprint,
                record,
                bookmarks,
                highlights,
            } => {
                let current = self.current;
                let Some(index) = self.reading_index(&fingerprint) else {
                    return;
                };
                let reading = &mut self.readings[index];
                reading.memory.replace_bookmarks(bookmarks, &reading.doc);
                reading.memory.highlights.replace(highlights, &reading.doc);
                let position = record.as_ref().and_then(|r| r.position);
                reading.memory.record = record;
                // what was done here before the answer came stands over what the store had
                if let (Some(read), Some(record)) =
                    (reading.memory.read_here, reading.memory.record.as_mut())
                {
                    record.read_hash = read.then(|| record.content_hash.clone());
                }
                if reading.memory.resume == Resume::Waiting {
                    reading.memory.resume = Resume::Settled;
                    if let Some(anchor) = position.filter(|a| *a != Anchor::default()) {
                        reading.resume(anchor);
                        if index == current {
                            let height = self.pane_height(ctx);
                            let reading = &mut self.readings[index];
                            if !reading.layout.is_empty() {
                                reading.aim_at(anchor, height);
                            }
                            self.keep_sidebar_visible(ctx);
                            let place = self.status_place(ctx);
                            ctx.notice = Some(format!("Resumed at {place}"));
                        }
                    }
                }
            }
            Reply::Bookmarks {
                fingerprint,
                bookmarks,
            } => {
                if let Some(index) = self.reading_index(&fingerprint) {
                    let reading = &mut self.readings[index];
                    reading.memory.replace_bookmarks(bookmarks, &reading.doc);
                }
            }
            Reply::Highlights {
                fingerprint,
                highlights,
            } => {
                if let Some(index) = self.reading_index(&fingerprint) {
                    let reading = &mut self.readings[index];
                    reading.memory.highlights.replace(highlights, &reading.doc);
                }
            }
            Reply::Layout {
                fingerprint,
                layout,
            } => {
                if let Some(index) = self.reading_index(&fingerprint) {
                    self.readings[index].layout_arrived(*layout);
                    if index == self.current {
                        self.keep_sidebar_visible(ctx);
                    }
                }
            }
            _ => {}
        }
    }

    pub(super) fn reading_index(&self, fingerprint: &str) -> Option<usize> {
        self.readings
            .iter()
            .position(|r| r.memory.fingerprint() == fingerprint)
    }

    /// Goes to a place in the current article; says so when it is gone.
    pub fn go_to_place(&mut self, place: &Place, ctx: &mut Context) {
        self.view = View::Article;
        self.settle_resume();
        let height = self.pane_height(ctx);
        let reading = self.reading_mut();
        match place.resolve(&reading.doc) {
            Ok(anchor) => {
                reading.go_to(anchor);
                reading.aim_at(anchor, height);
                ctx.notice = Some(format!("Bookmark: {}", place.label()));
            }
            Err(gone) => ctx.notice = Some(format!("{}: {gone}", place.label())),
        }
        self.keep_sidebar_visible(ctx);
    }

    /// Whether the current article has a bookmark under outline entry `entry`.
    pub fn entry_marked(&self, entry: usize) -> bool {
        self.reading().memory.marked.contains(&entry)
    }

    /// Whether the current article has a highlight under outline entry `entry`.
    pub fn entry_highlighted(&self, entry: usize) -> bool {
        self.reading().memory.highlights.marked.contains(&entry)
    }
}
