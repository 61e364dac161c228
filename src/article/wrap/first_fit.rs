//! First fit: textwrap's `wrap_first_fit` over a paragraph's fragments, given a chunk of them
//! at a time, its lines handed out one by one.

use super::fragments::{columns, fits_whole, range, Fragment, Fragments};
use textwrap::wrap_algorithms::wrap_first_fit;

/// Fragments the first fit is given at a time: most paragraphs wrap in one go, a longer one
/// in chunks of this many (and a line's worth more).
const CHUNK: usize = 256;

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
    let Buffers { read, ready } = SPARE.take();
    Lines {
        fragments: Fragments::new(text, width),
        stage,
        chunk: chunk.max(1),
        read,
        ready,
        next: 0,
    }
}

/// The buffers of a `Lines`, kept between paragraphs.
#[derive(Debug, Default)]
struct Buffers {
    read: Vec<Fragment>,
    ready: Vec<(usize, usize)>,
}

thread_local! {
    /// The buffers of the last `Lines` dropped on this thread, for the next: a layout wraps
    /// paragraph after paragraph, and this spares it the buffers' allocations for each.
    static SPARE: std::cell::Cell<Buffers> = const {
        std::cell::Cell::new(Buffers {
            read: Vec::new(),
            ready: Vec::new(),
        })
    };
}

impl Drop for Lines<'_> {
    fn drop(&mut self) {
        let mut read = std::mem::take(&mut self.read);
        let mut ready = std::mem::take(&mut self.ready);
        // a huge paragraph's buffers are not kept
        if read.capacity() <= 4 * self.chunk.max(CHUNK) {
            read.clear();
            ready.clear();
            SPARE.set(Buffers { read, ready });
        }
    }
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
}
