//! Wrapping of one paragraph into byte ranges, by textwrap's first fit (as many words on a
//! line as fit) or its optimal fit (`wrap = "optimal"`, which evens the right edge).
//!
//! Both run textwrap's own algorithms (`wrap_first_fit`, `wrap_optimal_fit`) over fragments
//! cut here: a word and the spaces after it, or a piece of a word too wide for a line. The
//! first fit is fed a chunk of fragments at a time and its lines handed out one by one, so a
//! paragraph of any size wraps lazily in constant memory. The rules are textwrap's (words
//! split at ASCII spaces, a word wider than the line broken by columns, trailing spaces
//! dropped); a test holds them equal to `textwrap::wrap`. One difference: a long word is
//! broken between grapheme clusters, never inside one, so an emoji sequence or a letter with
//! its accent stays whole.

use std::sync::atomic::{AtomicU8, Ordering};
use textwrap::wrap_algorithms::{wrap_first_fit, wrap_optimal_fit, Penalties};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How paragraphs are broken into lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fit {
    /// As many words on a line as fit, one line at a time (less, most readers).
    #[default]
    First,
    /// The breaks that leave the most even right edge over the whole paragraph (textwrap's
    /// optimal fit, after Knuth and Plass).
    Optimal,
}

/// The fit in effect: set once from the config, read by every layout.
static FIT: AtomicU8 = AtomicU8::new(0);

/// Paragraphs longer than this many fragments are wrapped first-fit whatever the setting:
/// the optimal fit holds the whole paragraph's words at once.
const OPTIMAL_MOST: usize = 20_000;

/// Fragments the first fit is given at a time: most paragraphs wrap in one go, a longer one
/// in chunks of this many (and a line's worth more).
const CHUNK: usize = 256;

pub fn set_fit(fit: Fit) {
    FIT.store(u8::from(fit == Fit::Optimal), Ordering::Relaxed);
}

pub fn fit() -> Fit {
    match FIT.load(Ordering::Relaxed) {
        1 => Fit::Optimal,
        _ => Fit::First,
    }
}

/// The lines of `text` at `width`, in the fit in effect.
pub fn wrapped(text: &str, width: usize) -> Wrapped<'_> {
    match fit() {
        Fit::First => Wrapped::First(lines(text, width)),
        Fit::Optimal => match optimal(text, width) {
            Some(lines) => Wrapped::Optimal(lines.into_iter()),
            None => Wrapped::First(lines(text, width)),
        },
    }
}

/// The iterator `wrapped` returns.
pub enum Wrapped<'a> {
    First(Lines<'a>),
    Optimal(std::vec::IntoIter<(usize, usize)>),
}

impl Iterator for Wrapped<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        match self {
            Wrapped::First(lines) => lines.next(),
            Wrapped::Optimal(lines) => lines.next(),
        }
    }
}

impl textwrap::core::Fragment for Fragment {
    fn width(&self) -> f64 {
        columns(self.width)
    }

    fn whitespace_width(&self) -> f64 {
        columns(self.spaces_end - self.end)
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// A count of columns as textwrap takes it. Through `i64`, which no count of bytes
/// overflows, the conversion is one instruction (from `usize` it is several, on every fragment).
fn columns(n: usize) -> f64 {
    n as i64 as f64
}

/// `text` wrapped by textwrap's optimal fit over the same fragments first fit uses (a word
/// wider than the line already cut by columns); `None` when it should go first-fit.
pub fn optimal(text: &str, width: usize) -> Option<Vec<(usize, usize)>> {
    if fits_whole(text, width) {
        return None;
    }
    let mut fragments = Vec::new();
    for fragment in Fragments::new(text, width) {
        fragments.push(fragment);
        if fragments.len() > OPTIMAL_MOST {
            return None;
        }
    }
    let widths = [width.max(1) as f64];
    let broken = wrap_optimal_fit(&fragments, &widths, &Penalties::new()).ok()?;
    Some(broken.iter().filter_map(|line| range(line)).collect())
}

/// Whether `text` is one line at `width`: shorter in bytes than the width, it cannot be wider.
fn fits_whole(text: &str, width: usize) -> bool {
    text.len() < width.max(1)
}

/// The byte range of a line of fragments: from its first word to the end of its last.
fn range(line: &[Fragment]) -> Option<(usize, usize)> {
    Some((line.first()?.start, line.last()?.end))
}

/// The lines of `text` wrapped to `width` columns (at least 1) by first fit, as byte ranges.
pub fn lines(text: &str, width: usize) -> Lines<'_> {
    in_chunks(text, width, CHUNK)
}

/// `lines`, with the first fit given `chunk` fragments at a time.
fn in_chunks(text: &str, width: usize, chunk: usize) -> Lines<'_> {
    let stage = if fits_whole(text, width) {
        Stage::Whole
    } else {
        Stage::Reading
    };
    let (read, ready) = SPARE.take();
    Lines {
        fragments: Fragments::new(text, width),
        stage,
        chunk: chunk.max(1),
        read,
        ready,
        next: 0,
    }
}

thread_local! {
    /// The buffers of the last `Lines` dropped on this thread, for the next: a layout wraps
    /// paragraph after paragraph, and one allocation each would cost it more than the wrapping.
    static SPARE: std::cell::Cell<(Vec<Fragment>, Vec<(usize, usize)>)> =
        const { std::cell::Cell::new((Vec::new(), Vec::new())) };
}

impl Drop for Lines<'_> {
    fn drop(&mut self) {
        let mut read = std::mem::take(&mut self.read);
        let mut ready = std::mem::take(&mut self.ready);
        // a huge paragraph's buffers are not kept
        if read.capacity() <= 4 * self.chunk.max(CHUNK) {
            read.clear();
            ready.clear();
            SPARE.set((read, ready));
        }
    }
}

/// A word and the spaces after it, or a piece of a word too wide for a line.
#[derive(Debug, Clone, Copy)]
struct Fragment {
    start: usize,
    end: usize,
    spaces_end: usize,
    width: usize,
}

/// Where `Lines` is in its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// The paragraph is one line, not yet handed out.
    Whole,
    /// Fragments are still to be read.
    Reading,
    /// Every fragment is read: what is left is in `ready`.
    Read,
}

/// The iterator `lines` returns.
#[derive(Debug)]
pub struct Lines<'a> {
    fragments: Fragments<'a>,
    stage: Stage,
    /// Fragments read at a time.
    chunk: usize,
    /// Fragments read but not yet on a line handed out: the start of a line that may go on.
    read: Vec<Fragment>,
    /// Lines wrapped, handed out from `next` on.
    ready: Vec<(usize, usize)>,
    next: usize,
}

impl Lines<'_> {
    /// Reads the next chunk of fragments and wraps it, keeping every line but the last (which
    /// the next chunk may add to) unless the paragraph has ended.
    fn wrap_chunk(&mut self) {
        self.ready.clear();
        self.next = 0;
        let widths = [columns(self.fragments.width)];
        let mut wanted = self.chunk;
        loop {
            let ended = self.read_up_to(wanted);
            let wrapped = wrap_first_fit(&self.read, &widths);
            if ended {
                self.ready
                    .extend(wrapped.iter().filter_map(|line| range(line)));
                self.read.clear();
                self.stage = Stage::Read;
                return;
            }
            match wrapped.split_last() {
                Some((last, whole)) if !whole.is_empty() => {
                    self.ready
                        .extend(whole.iter().filter_map(|line| range(line)));
                    // the last line is wrapped again with the next chunk
                    let placed = self.read.len() - last.len();
                    self.read.drain(..placed);
                    return;
                }
                // one line holds the whole chunk: read on until it ends
                _ => wanted *= 2,
            }
        }
    }

    /// Reads fragments until `wanted` are held; whether the paragraph ended first.
    fn read_up_to(&mut self, wanted: usize) -> bool {
        while self.read.len() < wanted {
            let Some(fragment) = self.fragments.next() else {
                return true;
            };
            self.read.push(fragment);
        }
        false
    }
}

impl Iterator for Lines<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        loop {
            if let Some(&line) = self.ready.get(self.next) {
                self.next += 1;
                return Some(line);
            }
            match self.stage {
                Stage::Whole => {
                    self.stage = Stage::Read;
                    let text = self.fragments.text;
                    return Some((0, text.trim_end_matches(' ').len()));
                }
                Stage::Reading => self.wrap_chunk(),
                Stage::Read => return None,
            }
        }
    }
}

/// The fragments of a paragraph at a width, in order.
#[derive(Debug, Clone)]
struct Fragments<'a> {
    text: &'a str,
    width: usize,
    /// Where the next fragment starts.
    at: usize,
}

impl<'a> Fragments<'a> {
    fn new(text: &'a str, width: usize) -> Self {
        Fragments {
            text,
            width: width.max(1),
            at: 0,
        }
    }
}

impl Iterator for Fragments<'_> {
    type Item = Fragment;

    // inlined into the loop that fills a chunk, the fragment goes straight into its buffer
    #[inline(always)]
    fn next(&mut self) -> Option<Fragment> {
        let text = self.text;
        if self.at >= text.len() {
            return None;
        }
        let start = self.at;
        // one pass over the word's bytes finds its end and whether it is all printable ASCII
        let bytes = text.as_bytes();
        let mut word_end = start;
        let mut ascii = true;
        while let Some(&b) = bytes.get(word_end) {
            if b == b' ' {
                break;
            }
            ascii &= (0x20..0x7f).contains(&b);
            word_end += 1;
        }
        let spaces_end = bytes[word_end..]
            .iter()
            .position(|&b| b != b' ')
            .map_or(text.len(), |i| word_end + i);
        let word = &text[start..word_end];
        // printable ASCII is one column a byte: no grapheme walk for the common word
        if ascii {
            if word.len() > self.width {
                let end = start + self.width;
                self.at = end;
                return Some(Fragment {
                    start,
                    end,
                    spaces_end: end,
                    width: self.width,
                });
            }
            self.at = spaces_end;
            return Some(Fragment {
                start,
                end: word_end,
                spaces_end,
                width: word.len(),
            });
        }
        let mut width = 0;
        for (i, grapheme) in word.grapheme_indices(true) {
            let w = grapheme.width();
            // a word wider than a line is cut where the next character would not fit
            if width > 0 && width + w > self.width {
                let end = start + i;
                self.at = end;
                return Some(Fragment {
                    start,
                    end,
                    spaces_end: end,
                    width,
                });
            }
            width += w;
        }
        self.at = spaces_end;
        Some(Fragment {
            start,
            end: word_end,
            spaces_end,
            width,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(text: &str, width: usize) -> Vec<&str> {
        lines(text, width).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn words_fill_lines_first_fit() {
        assert_eq!(
            wrapped("the quick brown fox jumps over", 10),
            ["the quick", "brown fox", "jumps over"]
        );
        assert_eq!(wrapped("", 10), [""]);
        assert_eq!(wrapped("short  ", 10), ["short"]);
    }

    #[test]
    fn long_words_are_cut_by_columns() {
        assert_eq!(wrapped("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
        assert_eq!(wrapped("漢字漢字漢", 5), ["漢字", "漢字", "漢"]);
        assert_eq!(wrapped("漢字", 1), ["漢", "字"]);
    }

    #[test]
    fn long_words_break_between_graphemes_only() {
        let family = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
        let word = format!("abc{family}def");
        for width in 1..8 {
            for line in wrapped(&word, width) {
                let pieces = line.matches(family).count();
                let zwj = line.matches('\u{200d}').count();
                assert_eq!(zwj, pieces * 3, "width {width}: {line:?} splits the family");
            }
        }
        assert_eq!(wrapped("ee\u{301}e", 1), ["e", "e\u{301}", "e"]);
    }

    #[test]
    fn leading_spaces_stay_with_the_first_line() {
        assert_eq!(
            wrapped("   lead words here", 8),
            ["   lead", "words", "here"]
        );
    }

    #[test]
    fn a_paragraph_wraps_the_same_in_chunks_of_any_size() {
        let text = "   Some words, a verylongwordthatgoeson and 漢字漢字 then more ".repeat(40);
        for width in [1, 3, 7, 12, 30, 80, 200] {
            let fragments: Vec<Fragment> = Fragments::new(&text, width).collect();
            let whole: Vec<(usize, usize)> = wrap_first_fit(&fragments, &[width as f64])
                .iter()
                .filter_map(|line| range(line))
                .collect();
            for chunk in [1, 2, 5, 64, CHUNK, 100_000] {
                let chunked: Vec<(usize, usize)> = in_chunks(&text, width, chunk).collect();
                assert_eq!(chunked, whole, "width {width}, chunks of {chunk}");
            }
        }
    }

    #[test]
    fn a_huge_paragraph_is_read_a_chunk_at_a_time() {
        let text = "word ".repeat(100_000);
        let mut lines = lines(&text, 80);
        assert_eq!(lines.next(), Some((0, 79)));
        assert!(
            lines.read.capacity() <= 2 * CHUNK,
            "{}",
            lines.read.capacity()
        );
        assert!(lines.ready.len() < CHUNK);
        // sixteen words a line, the first already taken
        assert_eq!(lines.count(), 100_000 / 16 - 1);
    }

    /// The gaps at the ends of lines but the last, squared: what the optimal fit keeps low.
    fn raggedness(text: &str, lines: &[(usize, usize)], width: usize) -> usize {
        lines[..lines.len().saturating_sub(1)]
            .iter()
            .map(|&(s, e)| width.saturating_sub(text[s..e].width()).pow(2))
            .sum()
    }

    #[test]
    fn the_optimal_fit_keeps_every_word_within_the_width_and_evens_the_edge() {
        let text = "To be, or not to be: that is the question whether tis nobler in the mind \
                    to suffer the slings and arrows of outrageous fortune";
        for width in [10, 16, 23, 40] {
            let first: Vec<(usize, usize)> = lines(text, width).collect();
            let optimal = optimal(text, width).expect("long enough to wrap");
            let words = |ls: &[(usize, usize)]| {
                ls.iter()
                    .flat_map(|&(s, e)| text[s..e].split_whitespace())
                    .collect::<Vec<_>>()
            };
            assert_eq!(words(&optimal), words(&first), "width {width}");
            for &(s, e) in &optimal {
                assert!(text[s..e].width() <= width, "{:?} at {width}", &text[s..e]);
            }
            assert!(
                raggedness(text, &optimal, width) <= raggedness(text, &first, width),
                "width {width}"
            );
        }
        // where first fit leaves a ragged edge, the optimal fit is even
        let first: Vec<(usize, usize)> = lines(text, 10).collect();
        let optimal = optimal(text, 10).unwrap();
        assert!(raggedness(text, &optimal, 10) < raggedness(text, &first, 10));
    }
}
