//! Removes control characters and terminal escape sequences, keeping visible text.
//!
//! Article text is drawn on a terminal; an escape sequence in it could retitle the
//! window, clear the screen or write the clipboard, so none may survive loading.

use unicode_width::UnicodeWidthChar;

const TAB_STOP: usize = 4;

/// Text cleaned of control characters, and how many were removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized {
    pub text: String,
    pub removed: usize,
}

/// Cleans `input`, keeping `\n` and `\r` (line breaks) and expanding tabs to spaces.
pub fn sanitize(input: &str) -> Sanitized {
    let mut out = String::with_capacity(input.len());
    let mut removed = 0;
    let mut column = 0;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\r' => {
                out.push(c);
                column = 0;
            }
            '\t' => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\u{1b}' => {
                removed += 1;
                skip_escape(&mut chars);
            }
            '\u{9b}' => {
                removed += 1;
                skip_csi(&mut chars);
            }
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => {
                removed += 1;
                skip_string(&mut chars);
            }
            '\u{2028}' | '\u{2029}' => {
                out.push(' ');
                column += 1;
            }
            c if is_invisible_control(c) => removed += 1,
            c => {
                out.push(c);
                column += c.width().unwrap_or(0);
            }
        }
    }
    Sanitized { text: out, removed }
}

/// Cleans one piece of text that must stay on one line (used for JSON input).
pub fn sanitize_inline(input: &str) -> String {
    let cleaned = sanitize(input).text;
    if cleaned.contains(['\n', '\r']) {
        cleaned.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
    } else {
        cleaned
    }
}

fn is_invisible_control(c: char) -> bool {
    c.is_control() // C0, DEL and C1
        || matches!(c, '\u{feff}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Skips what follows an ESC: a CSI, an OSC/DCS/APC/PM/SOS string, or a short escape.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().copied() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            skip_string(chars);
        }
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            // intermediate bytes, then one final byte
            while chars
                .next_if(|c| ('\u{20}'..='\u{2f}').contains(c))
                .is_some()
            {}
            chars.next_if(|c| ('\u{30}'..='\u{7e}').contains(c));
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips a control sequence's parameter and intermediate bytes and its final byte.
fn skip_csi(chars: &mut Chars) {
    while chars
        .next_if(|c| ('\u{20}'..='\u{3f}').contains(c))
        .is_some()
    {}
    chars.next_if(|c| ('\u{40}'..='\u{7e}').contains(c));
}

/// Skips a string sequence up to its terminator (BEL, ST, ESC \) or the end of the line.
fn skip_string(chars: &mut Chars) {
    while let Some(&c) = chars.peek() {
        match c {
            '\n' | '\r' => return,
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return;
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_csi_osc_and_controls() {
        let s = sanitize(
            "a\u{1b}[2Jb\u{1b}]0;evil\u{7}c\u{1b}]52;c;Zm9v\u{1b}\\d\u{0}e\u{7f}f\u{9b}31mg",
        );
        assert_eq!(s.text, "abcdefg");
        assert_eq!(s.removed, 6);
    }

    #[test]
    fn tabs_become_spaces_to_the_next_stop() {
        assert_eq!(sanitize("ab\tc\td").text, "ab  c   d");
    }

    #[test]
    fn unterminated_osc_stops_at_line_end() {
        assert_eq!(sanitize("x\u{1b}]0;title\nnext").text, "x\nnext");
    }

    #[test]
    fn keeps_emoji_and_combining_marks() {
        let text = "👩‍👩‍👧 café 漢字";
        assert_eq!(sanitize(text).text, text);
    }
}
