//! One open article: its text laid out for the pane, and where the reader is in it.

use crate::article::document::{Document, Part};
use crate::article::layout::{Anchor, Layout};
use crate::article::{Article, Opened};
use crate::tui::article::bookmarking::ReadingMemory;
use crate::tui::article::search::Search;
use std::collections::BTreeSet;
use std::sync::Arc;

pub use crate::article::WORDS_PER_MINUTE;

/// The FAQ view: which question is selected and which answers are open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FaqState {
    pub selected: usize,
    pub open: BTreeSet<usize>,
}

/// Articles from this size up are re-wrapped in a thread of their own after a resize.
const BIG_LAYOUT: usize = 4 << 20;
/// Rows wrapped at once for the screen while the rest is re-wrapped.
const WINDOW_ROWS: usize = 400;

/// What a re-wrap asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relayout {
    Done,
    /// Wrap the whole document at this width elsewhere and hand it to `layout_arrived`.
    Elsewhere(usize),
}

/// The screen's worth of a big article at the new width, while the whole is re-wrapped.
#[derive(Debug, Clone)]
struct Pending {
    width: usize,
    window: Layout,
    window_top: usize,
    /// The window's top as text: where the whole layout opens when it arrives.
    top: Top,
    /// The old layout's top row this placement answers to: a move away from it (made in the
    /// old rows) moves the window.
    old_top: usize,
}

/// The top of the pane in words that hold at any width: the first text row from the top,
/// and the blank rows shown above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Top {
    anchor: Anchor,
    blanks: usize,
}

impl Top {
    fn of(layout: &Layout, row: usize) -> Top {
        let anchor = layout.anchor(row);
        Top {
            anchor,
            blanks: layout.row_of_anchor(anchor).saturating_sub(row),
        }
    }

    fn row_in(self, layout: &Layout) -> usize {
        layout
            .row_of_anchor(self.anchor)
            .saturating_sub(self.blanks)
    }
}

/// The place a jump chose (a section, a bookmark, a search hit): "here" for the status bar,
/// `b`, `y` and the saved position even when the view cannot bring it to the top, until the
/// reader scrolls (the top moves from where the jump left it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Aim {
    anchor: Anchor,
    top: usize,
}

/// Where the view was: the top and the place a jump chose, to come back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spot {
    top: usize,
    aim: Option<Aim>,
}

/// A big article is shown from its beginning while the whole of it is read in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Completeness {
    #[default]
    Whole,
    /// Only the first `read` bytes of a file of `whole`: no position is saved and nothing
    /// asked of the store until the whole article takes its place. The scrollbar and the
    /// percent are estimated from the share read.
    Head { read: u64, whole: u64 },
}

impl Completeness {
    pub fn is_head(self) -> bool {
        matches!(self, Completeness::Head { .. })
    }
}

/// An article being read.
#[derive(Debug, Clone)]
pub struct Reading {
    pub name: String,
    pub article: Article,
    /// Shared with the thread that re-wraps a big article after a resize.
    pub doc: Arc<Document>,
    /// The document wrapped to the current text width; rebuilt only when that width changes.
    pub layout: Layout,
    /// The layout row at the top of the pane.
    pub top: usize,
    pub sidebar_selected: usize,
    pub sidebar_scroll: usize,
    pub key_points_top: usize,
    pub faq: FaqState,
    pub search: Search,
    /// Its bookmarks and what the store knows of it.
    pub memory: ReadingMemory,
    /// A saved position to go to once the article is first laid out.
    resume_at: Option<Anchor>,
    /// Whether this is the whole article or only its beginning, the rest on its way.
    pub completeness: Completeness,
    /// A big article being re-wrapped elsewhere for a new width: the screen's worth shown
    /// meanwhile.
    pending: Option<Pending>,
    /// When its file was last written, as it was read: a change on disk after it is news.
    pub modified: Option<std::time::SystemTime>,
    /// Whether its file changed on disk since it was read.
    pub on_disk: OnDisk,
    /// The text at the top when the layout last changed, and the row it went to.
    pinned: Option<(Anchor, usize)>,
    /// Where the last jump went, while the reader has not scrolled since.
    aim: Option<Aim>,
    /// Columns the sidebar needs to show every heading whole.
    pub outline_width: u16,
    bytes: usize,
}

/// The sidebar's width for every heading whole: the bar, the number, the heading, a bookmark
/// mark and the border.
fn outline_width(doc: &Document) -> u16 {
    use unicode_width::UnicodeWidthStr;
    let numbers = doc
        .outline
        .iter()
        .filter_map(|e| e.number())
        .max()
        .map_or(0, |n| n.to_string().len() + 1);
    let longest = doc
        .outline
        .iter()
        .map(|e| doc.label(e).width())
        .max()
        .unwrap_or(0);
    u16::try_from(1 + numbers + longest + 2 + 2).unwrap_or(u16::MAX)
}

/// Whether the file an article was read from has changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDisk {
    AsRead,
    Changed,
}

/// When the file behind `source` was last written, if it is a file.
pub fn file_modified(source: &crate::article::Source) -> Option<std::time::SystemTime> {
    match source {
        crate::article::Source::File(path) => std::fs::metadata(path).ok()?.modified().ok(),
        _ => None,
    }
}

impl Reading {
    /// A reading at the top of the article; laid out on the first `relayout`.
    pub fn new(opened: impl Into<Opened>) -> Reading {
        let opened: Opened = opened.into();
        let modified = file_modified(&opened.source);
        let memory = ReadingMemory::new(&opened);
        let doc = Arc::new(opened.doc);
        let layout = Layout::empty();
        Reading {
            pinned: None,
            aim: None,
            outline_width: outline_width(&doc),
            bytes: doc.text_len(),
            name: opened.source.name(),
            article: opened.article,
            doc,
            layout,
            top: 0,
            sidebar_selected: 0,
            sidebar_scroll: 0,
            key_points_top: 0,
            faq: FaqState::default(),
            search: Search::Off,
            memory,
            resume_at: None,
            completeness: Completeness::Whole,
            pending: None,
            modified,
            on_disk: OnDisk::AsRead,
        }
    }

    /// Goes to `anchor` now if the article is laid out, else when it first is.
    pub fn resume(&mut self, anchor: Anchor) {
        if self.layout.is_empty() {
            self.resume_at = Some(anchor);
        } else {
            self.go_to(anchor);
        }
    }

    /// Puts the row holding `anchor` at the top of the pane.
    pub fn go_to(&mut self, anchor: Anchor) {
        let last = self.layout.len().saturating_sub(1);
        self.top = self.layout.row_of_anchor(anchor).min(last);
        self.pinned = None;
        self.aim = None;
        self.place_window(anchor, 0);
    }

    /// Shows the row holding `anchor` if it is off the pane, a third of the way down.
    pub fn reveal_anchor(&mut self, anchor: Anchor, height: usize) {
        let Some(pending) = &self.pending else {
            self.reveal(self.layout.row_of_anchor(anchor), height);
            return;
        };
        // while the whole re-wrap is pending, as the whole layout will show it
        let window = &pending.window;
        let shown = window
            .has_block(anchor.block)
            .then(|| window.row_of_anchor(anchor));
        if shown.is_some_and(|row| row >= pending.window_top && row < pending.window_top + height) {
            return;
        }
        self.place_window(anchor, height / 3);
    }

    /// A scroll while the whole re-wrap is pending, by rows of the new width: the window is
    /// made again around the top when the move would leave it.
    fn scroll_window(&mut self, lines: isize, height: usize) {
        let Some(pending) = &self.pending else {
            return;
        };
        let row = pending.window_top.checked_add_signed(lines);
        let inside = row.is_some_and(|r| r + height <= pending.window.len());
        if !inside {
            // the rows above the top, or enough below it, in a window made from the top's text
            let top = pending.top;
            self.place_window(top.anchor, top.blanks + lines.min(0).unsigned_abs());
            if lines < 0 {
                return;
            }
        }
        let Some(pending) = &mut self.pending else {
            return;
        };
        let last_block = self.doc.len().saturating_sub(1);
        // at the end of the article the top stops where the last row is at the bottom
        let limit = if pending.window.has_block(last_block) {
            pending
                .window
                .len()
                .saturating_sub(height)
                .max(pending.window_top)
        } else {
            usize::MAX
        };
        let row = pending
            .window_top
            .saturating_add_signed(lines)
            .min(limit)
            .min(pending.window.len().saturating_sub(1));
        pending.window_top = row;
        pending.top = Top::of(&pending.window, row);
        self.top = self.layout.row_of_anchor(pending.top.anchor);
        pending.old_top = self.top;
    }

    /// While the whole re-wrap is pending: the window shows `anchor`'s row with `above` rows
    /// over it, as the whole layout will, and the old layout's top follows as near as it can.
    fn place_window(&mut self, anchor: Anchor, above: usize) {
        let Some(pending) = &mut self.pending else {
            return;
        };
        // every block brings a row, and a blank before it: `above` blocks back are enough
        let from = anchor.block.saturating_sub(above.max(1));
        let window = Layout::window(&self.doc, pending.width, from, WINDOW_ROWS + 3 * above);
        let window_top = window.row_of_anchor(anchor).saturating_sub(above);
        pending.top = Top::of(&window, window_top);
        pending.window = window;
        pending.window_top = window_top;
        self.top = self.layout.row_of_anchor(pending.top.anchor);
        pending.old_top = self.top;
    }

    /// Re-wraps for a new width, keeping the text at the top of the pane at the top. A big
    /// article gets a screen's worth at once and asks for the rest to be wrapped elsewhere.
    pub fn relayout(&mut self, width: usize) -> Relayout {
        let width = width.max(1);
        let wanted = self.pending.as_ref().map_or(self.layout.width, |p| p.width);
        if wanted == width {
            return Relayout::Done;
        }
        if self.layout.is_empty() || self.bytes < BIG_LAYOUT {
            self.pending = None;
            self.relayout_now(width);
            return Relayout::Done;
        }
        if self.layout.width == width {
            // back to the width the layout has: nothing to wait for
            self.pending = None;
            return Relayout::Done;
        }
        let anchor = self.layout.anchor(self.top);
        let window = Layout::window(&self.doc, width, anchor.block, WINDOW_ROWS);
        let window_top = window.row_of_anchor(anchor);
        self.pending = Some(Pending {
            width,
            window,
            window_top,
            top: Top { anchor, blanks: 0 },
            old_top: self.top,
        });
        Relayout::Elsewhere(width)
    }

    /// Re-wraps the whole article now, whatever its size.
    pub fn relayout_now(&mut self, width: usize) {
        if self.layout.width == width.max(1) {
            return;
        }
        if self.layout.is_empty() {
            self.layout = Layout::new(&self.doc, width);
            if let Some(anchor) = self.resume_at.take() {
                self.go_to(anchor);
            }
            return;
        }
        // keep the first anchor through a run of resizes, so the text never drifts
        let anchor = match self.pinned {
            Some((anchor, top)) if top == self.top => anchor,
            _ => self.layout.anchor(self.top),
        };
        let aimed = self.aimed();
        self.layout = Layout::new(&self.doc, width);
        self.top = self.layout.row_of_anchor(anchor);
        self.pinned = Some((anchor, self.top));
        self.aim = aimed.map(|anchor| Aim {
            anchor,
            top: self.top,
        });
    }

    /// The rows on screen and the first of them: the screen's worth while a big article is
    /// re-wrapped elsewhere, else the layout's.
    pub fn shown(&self) -> (&Layout, usize) {
        match &self.pending {
            Some(pending) => (&pending.window, pending.window_top),
            None => (&self.layout, self.top),
        }
    }

    /// After a move in the old rows while the re-wrap is pending: the screen's worth follows.
    pub fn follow_window(&mut self) {
        let anchor = self.layout.anchor(self.top);
        if let Some(pending) = &mut self.pending {
            if pending.old_top == self.top {
                return; // placed already
            }
            pending.window = Layout::window(&self.doc, pending.width, anchor.block, WINDOW_ROWS);
            pending.window_top = pending.window.row_of_anchor(anchor);
            pending.top = Top { anchor, blanks: 0 };
            pending.old_top = self.top;
        }
    }

    /// The whole re-wrap is done: it takes over, at the same paragraph.
    pub fn layout_arrived(&mut self, layout: Layout) {
        if self
            .pending
            .as_ref()
            .is_none_or(|p| p.width != layout.width)
        {
            return; // an older resize's
        }
        let Some(pending) = self.pending.take() else {
            return;
        };
        let aimed = self.aimed();
        self.layout = layout;
        self.top = pending.top.row_in(&self.layout);
        self.pinned = Some((pending.top.anchor, self.top));
        self.aim = aimed.map(|anchor| Aim {
            anchor,
            top: self.top,
        });
    }

    /// As `max_top`, for the whole article when only its beginning is here: its rows
    /// estimated from the share of the file read, so the scrollbar and the percent are right
    /// to the eye before the whole arrives.
    pub fn estimated_max_top(&self, height: usize) -> usize {
        match self.completeness {
            Completeness::Whole => self.max_top(height),
            Completeness::Head { read, whole } => {
                let rows = self.layout.len() as u128 * u128::from(whole) / u128::from(read.max(1));
                usize::try_from(rows)
                    .unwrap_or(usize::MAX)
                    .max(self.layout.len())
                    .saturating_sub(height)
            }
        }
    }

    /// The furthest scrolling goes: the last row at the bottom of the pane.
    pub fn max_top(&self, height: usize) -> usize {
        self.layout.len().saturating_sub(height)
    }

    /// Scrolls by `lines` (negative is up), never past the end; a jump may have gone past it.
    pub fn scroll(&mut self, lines: isize, height: usize) {
        self.aim = None;
        if self.pending.is_some() && lines.unsigned_abs() < WINDOW_ROWS / 2 {
            self.scroll_window(lines, height);
            return;
        }
        if lines >= 0 {
            let limit = self.max_top(height).max(self.top);
            self.top = (self.top + lines as usize).min(limit);
        } else {
            self.top = self.top.saturating_sub(lines.unsigned_abs());
        }
    }

    /// Puts an outline entry's heading at the top of the pane, as near as `height` rows
    /// allow, and makes it the place here.
    pub fn jump_to_entry(&mut self, entry: usize, height: usize) {
        if let Some(e) = self.doc.outline.get(entry) {
            self.top = self.layout.block_row(e.block);
            self.sidebar_selected = entry;
            self.aim_at(
                Anchor {
                    block: e.block,
                    byte: 0,
                },
                height,
            );
        }
    }

    /// Makes `anchor` the place here, the view stopping where the last row is at the bottom
    /// rather than leave blank rows under it.
    pub fn aim_at(&mut self, anchor: Anchor, height: usize) {
        if self.pending.is_none() {
            self.top = self.top.min(self.max_top(height));
        }
        self.aim = Some(Aim {
            anchor,
            top: self.top,
        });
    }

    /// Where the view is now, to come back to with `back_to`.
    pub fn spot(&self) -> Spot {
        Spot {
            top: self.top,
            aim: self.aim,
        }
    }

    pub fn back_to(&mut self, spot: Spot) {
        self.top = spot.top;
        self.aim = spot.aim;
    }

    /// The top of the pane is "here" again (the view went to the top or the bottom by itself).
    pub fn clear_aim(&mut self) {
        self.aim = None;
    }

    /// After a resume applied out of sight (the article was not in front): the view stops at
    /// the bottom rather than leave blank rows, and the text it resumed at is "here".
    pub fn fit(&mut self, height: usize) {
        if self.pending.is_none() && self.aimed().is_none() && self.top > self.max_top(height) {
            let anchor = self.layout.anchor(self.top);
            self.aim_at(anchor, height);
        }
    }

    /// The place a jump chose, while the reader has not scrolled since.
    pub fn aimed(&self) -> Option<Anchor> {
        self.aim.filter(|a| a.top == self.top).map(|a| a.anchor)
    }

    /// The place here: where the last jump went, else the first text at the top of the pane.
    pub fn here(&self) -> Anchor {
        self.aimed().unwrap_or_else(|| self.layout.anchor(self.top))
    }

    /// The row of the place here, for steps to the next section or bookmark.
    pub fn here_row(&self) -> usize {
        self.aimed()
            .map_or(self.top, |a| self.layout.row_of_anchor(a))
    }

    /// The outline entry for section `n` (1-based).
    pub fn section_entry(&self, n: usize) -> Option<usize> {
        self.doc
            .outline
            .iter()
            .position(|e| e.part == Part::Section(n.wrapping_sub(1)))
    }

    /// Size of the article's text in bytes.
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// The outline entry at the top of the pane (scroll-spy), or of the place a jump chose.
    pub fn active_entry(&self) -> Option<usize> {
        let block = self
            .aimed()
            .map_or_else(|| self.layout.block_at(self.top), |a| a.block);
        self.doc.entry_of_block(block)
    }

    /// How far the reader has scrolled: 0 at the top, 100 at the bottom (or when all fits).
    pub fn percent(&self, height: usize) -> usize {
        let max_top = self.estimated_max_top(height);
        if max_top == 0 {
            return 100;
        }
        (self.top.min(max_top) * 100 / max_top).min(100)
    }

    /// Minutes of reading from the top of the pane to the end, rounded up; 0 at the end.
    pub fn minutes_left(&self, height: usize) -> usize {
        if self.top >= self.max_top(height) {
            return 0;
        }
        let words = self.doc.words_from(self.layout.block_at(self.top));
        words.div_ceil(WORDS_PER_MINUTE).max(1)
    }

    /// Moves the pane so `row` shows, placing it a third of the way down when it was off screen.
    pub fn reveal(&mut self, row: usize, height: usize) {
        if row < self.top || row >= self.top + height {
            self.top = row.saturating_sub(height / 3);
        }
    }
}
