//! A paragraph cut into fragments for textwrap's algorithms: each word with the spaces after
//! it, a word wider than the line cut between grapheme clusters.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A word and the spaces after it, or a piece of a word too wide for a line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Fragment {
    start: usize,
    end: usize,
    spaces_end: usize,
    width: usize,
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
pub(super) fn columns(n: usize) -> f64 {
    n as i64 as f64
}

/// Whether `text` is one line at `width`: shorter in bytes than the width, it cannot be wider.
pub(super) fn fits_whole(text: &str, width: usize) -> bool {
    text.len() < width.max(1)
}

/// The byte range of a line of fragments: from its first word to the end of its last.
pub(super) fn range(line: &[Fragment]) -> Option<(usize, usize)> {
    Some((line.first()?.start, line.last()?.end))
}

/// The fragments of a paragraph at a width, in order.
#[derive(Debug, Clone)]
pub(super) struct Fragments<'a> {
    /// The paragraph.
    pub(super) text: &'a str,
    /// The width of a line in columns, at least 1.
    pub(super) width: usize,
    /// Where the next fragment starts.
    at: usize,
}

impl<'a> Fragments<'a> {
    pub(super) fn new(text: &'a str, width: usize) -> Self {
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
