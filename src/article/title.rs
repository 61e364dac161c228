//! The title rule: a short first line over a longer paragraph, else the lead's first sentence.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Longest first line, in characters, that still reads as a headline.
const TITLE_MAX_CHARS: usize = 120;

/// Whether `first` is a title line standing over the paragraph `next`.
pub fn is_title_line(first: &str, next: &str) -> bool {
    let chars = first.chars().count();
    chars <= TITLE_MAX_CHARS && next.chars().count() > chars && !reads_as_prose(first)
}

/// A short opening paragraph is still prose when it ends in a full stop or holds more than
/// one sentence: headlines do neither. Taking it for the title would move it out of the lead.
fn reads_as_prose(line: &str) -> bool {
    let line = line.trim();
    let bare = line.trim_end_matches(CLOSERS);
    let full_stop = match bare.strip_suffix('.') {
        // "Storm Hits the U.S." ends on an abbreviation's dot, not a full stop
        Some(before) => !before.ends_with('.') && !is_abbreviation(last_word(before)),
        None => bare.ends_with('。'),
    };
    full_stop || first_sentence(line).len() < line.len()
}

/// Closing quotes and brackets, which belong to the sentence before them.
const CLOSERS: &[char] = &['"', '\'', '”', '’', ')', ']', '»'];

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "mt", "ft", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "cpt", "sgt", "adm", "prof", "rev", "hon", "pres", "inc", "corp", "ltd", "co", "no",
    "vs", "etc", "approx", "est", "dept", "univ", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "a.m", "p.m", "fig",
];

/// The first sentence of `text` (all of it when no sentence ends earlier).
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        match c {
            '。' | '！' | '？' => return &text[..end],
            '.' | '!' | '?' => {
                // take closing quotes and brackets with the sentence
                let mut end = end;
                while let Some(&(j, q)) = chars.peek() {
                    if CLOSERS.contains(&q) {
                        end = j + q.len_utf8();
                        chars.next();
                    } else {
                        break;
                    }
                }
                let rest = &text[end..];
                if ends_sentence(&text[..i], c, rest) {
                    return &text[..end];
                }
            }
            _ => {}
        }
    }
    text
}

fn ends_sentence(before: &str, mark: char, rest: &str) -> bool {
    let Some(after) = rest.strip_prefix(char::is_whitespace) else {
        return false;
    };
    let next = after.trim_start().chars().next();
    let starts_sentence = next.is_some_and(|n| {
        n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '\'' | '‘' | '(' | '«')
    });
    if !starts_sentence {
        return false;
    }
    if mark != '.' {
        return true;
    }
    !is_abbreviation(last_word(before))
}

fn last_word(text: &str) -> &str {
    text.rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(['"', '“', '(', '\'', '‘'])
}

/// Whether a dot after `word` (given without that dot) marks an abbreviation or an initial.
fn is_abbreviation(word: &str) -> bool {
    let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
    // "U.S", "e.g", "Ph.D": short letter groups; a URL or "3.5" is no abbreviation
    let dotted = word.contains('.')
        && word
            .split('.')
            .all(|part| part.chars().count() <= 3 && part.chars().all(char::is_alphabetic));
    single_initial || dotted || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

/// `title` cut on a word boundary to fit `width` columns, with an ellipsis when cut.
pub fn shorten(title: &str, width: usize) -> String {
    if title.width() <= width {
        return title.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let budget = width - 1; // room for the ellipsis
    let mut used = 0;
    let mut cut = 0;
    let mut last_space = None;
    for (i, c) in title.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > budget {
            break;
        }
        if c.is_whitespace() {
            last_space = Some(i);
        }
        used += w;
        cut = i + c.len_utf8();
    }
    // break on a word boundary unless that throws away most of the line
    let cut = match last_space {
        Some(space) if space * 2 >= cut => space,
        _ => cut,
    };
    format!("{}…", title[..cut].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let lead = "Envoy Steve Witkoff met Vladimir Putin in St. Petersburg on Friday. The meeting comes amid U.S. frustration.";
        assert_eq!(
            first_sentence(lead),
            "Envoy Steve Witkoff met Vladimir Putin in St. Petersburg on Friday."
        );
        assert_eq!(
            first_sentence("Donald J. Trump spoke. Then left."),
            "Donald J. Trump spoke."
        );
        assert_eq!(
            first_sentence("“Stop!” he said. Nobody did."),
            "“Stop!” he said."
        );
        assert_eq!(first_sentence("No full stop here"), "No full stop here");
        assert_eq!(first_sentence("東京で会議。次の文"), "東京で会議。");
        assert_eq!(
            first_sentence("Prices rose 3.5 percent. Next."),
            "Prices rose 3.5 percent."
        );
        assert_eq!(
            first_sentence("See https://example.com/a/b. Then more."),
            "See https://example.com/a/b."
        );
        assert_eq!(
            first_sentence("Growth was 3.5. Then it fell."),
            "Growth was 3.5."
        );
        assert_eq!(
            first_sentence("He earned a Ph.D. in physics. Then left."),
            "He earned a Ph.D. in physics."
        );
    }

    #[test]
    fn title_lines_read_as_headlines() {
        let para = "A much longer paragraph follows the short line above it.";
        assert!(is_title_line("Pool to Close for Summer", para));
        assert!(is_title_line("Will the Pool Reopen?", para));
        assert!(is_title_line("Waiting for the pool...", para));
        assert!(!is_title_line("The pool will close.", para));
        assert!(!is_title_line(
            "The pool will close. Swimmers are sad",
            para
        ));
        assert!(!is_title_line("He said “the pool will close.”", para));
        assert!(!is_title_line("プールが閉鎖。", para));
        assert!(is_title_line("Storm Hits the U.S.", para));
        assert!(is_title_line("Talks Resume in St.", para));
        assert!(!is_title_line("Pool to Close for Summer", "Short."));
    }

    #[test]
    fn shorten_on_word_boundary() {
        assert_eq!(
            shorten("Envoy meets Putin in St. Petersburg", 20),
            "Envoy meets Putin…"
        );
        assert_eq!(shorten("short", 20), "short");
        assert_eq!(shorten("Supercalifragilistic", 8), "Superca…");
        assert_eq!(shorten("漢字漢字漢字", 5), "漢字…");
    }
}
