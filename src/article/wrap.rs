//! First-fit wrapping of one paragraph into byte ranges, one line at a time.
//!
//! Lines come lazily, so a paragraph of any size wraps in constant memory. The rules are
//! textwrap's (words split at ASCII spaces, a word wider than the line broken by columns,
//! trailing spaces dropped), which the reader was first built on; a test holds them equal.
//! One difference: a long word is broken between grapheme clusters, never inside one, so an
//! emoji sequence or a letter with its accent stays whole.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The lines of `text` wrapped to `width` columns (at least 1), as byte ranges.
pub fn lines(text: &str, width: usize) -> Lines<'_> {
    let width = width.max(1);
    // a line shorter in bytes than the width cannot be wider than it
    let short = text.len() < width;
    Lines {
        text,
        width,
        short,
        at: 0,
        pending: None,
        done: false,
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

/// The iterator `lines` returns.
#[derive(Debug, Clone)]
pub struct Lines<'a> {
    text: &'a str,
    width: usize,
    short: bool,
    /// Where the next fragment starts.
    at: usize,
    /// A fragment read but not yet placed: it did not fit on the last line.
    pending: Option<Fragment>,
    done: bool,
}

impl Lines<'_> {
    fn next_fragment(&mut self) -> Option<Fragment> {
        if let Some(fragment) = self.pending.take() {
            return Some(fragment);
        }
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
            if word.len() > self.width && self.width > 0 {
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

impl Iterator for Lines<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if self.done {
            return None;
        }
        if self.short {
            self.done = true;
            return Some((0, self.text.trim_end_matches(' ').len()));
        }
        let first = self.next_fragment()?;
        let mut used = first.width + (first.spaces_end - first.end);
        let mut last = first;
        while let Some(fragment) = self.next_fragment() {
            if used + fragment.width > self.width {
                self.pending = Some(fragment);
                break;
            }
            used += fragment.width + (fragment.spaces_end - fragment.end);
            last = fragment;
        }
        Some((first.start, last.end))
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
}
