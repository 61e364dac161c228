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

mod first_fit;
mod fragments;

pub use first_fit::{lines, Lines};
use fragments::{columns, fits_whole, range, Fragments};
use std::sync::atomic::{AtomicU8, Ordering};
use textwrap::wrap_algorithms::{wrap_optimal_fit, Penalties};

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
    let widths = [columns(width.max(1))];
    let broken = wrap_optimal_fit(&fragments, &widths, &Penalties::new()).ok()?;
    Some(broken.iter().filter_map(|line| range(line)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

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
