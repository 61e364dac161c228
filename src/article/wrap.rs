//! Wrapping of one paragraph into byte ranges: first fit, one line at a time, or textwrap's
//! optimal fit (`wrap = "optimal"`), which evens the right edge.
//!
//! Lines come lazily, so a paragraph of any size wraps in constant memory. The rules are
//! textwrap's (words split at ASCII spaces, a word wider than the line broken by columns,
//! trailing spaces dropped), which the reader was first built on; a test holds them equal.
//! One difference: a long word is broken between grapheme clusters, never inside one, so an
//! emoji sequence or a letter with its accent stays whole.

use std::sync::atomic::{AtomicU8, Ordering};
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
        self.width as f64
    }

    fn whitespace_width(&self) -> f64 {
        (self.spaces_end - self.end) as f64
    }

    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// `text` wrapped by textwrap's optimal fit over the same fragments first fit uses (a word
/// wider than the line already cut by columns); `None` when it should go first-fit.
pub fn optimal(text: &str, width: usize) -> Option<Vec<(usize, usize)>> {
    let mut cutter = lines(text, width);
    if cutter.short {
        return None;
    }
    let mut fragments = Vec::new();
    while let Some(fragment) = cutter.next_fragment() {
        fragments.push(fragment);
        if fragments.len() > OPTIMAL_MOST {
            return None;
        }
    }
    let penalties = textwrap::wrap_algorithms::Penalties::new();
    let widths = [width.max(1) as f64];
    let broken =
        textwrap::wrap_algorithms::wrap_optimal_fit(&fragments, &widths, &penalties).ok()?;
    Some(
        broken
            .iter()
            .filter_map(|line| Some((line.first()?.start, line.last()?.end)))
            .collect(),
    )
}

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
