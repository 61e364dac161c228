//! Removes control characters and terminal escape sequences, keeping visible text.
//!
//! Article text is drawn on a terminal; an escape sequence in it could retitle the
//! window, clear the screen or write the clipboard, so none may survive loading.
//!
//! Only what the file really holds starts a sequence: an ESC, or a C1 control that was
//! valid UTF-8 in it (a legacy decode never yields one, see `decode`). A C1 string
//! introducer (OSC, DCS, SOS, PM, APC) swallows its text only up to a terminator on the
//! same line; without one it goes alone, since it is far likelier mojibake than an attack.

use unicode_width::UnicodeWidthStr;

const TAB_STOP: usize = 4;

/// Text cleaned of control characters, how many were removed, how many NULs became spaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sanitized {
    pub text: String,
    pub removed: usize,
    pub nuls: usize,
}

/// As [`sanitize`], taking the text: a clean one (nothing but line breaks to care about) is
/// used as it is, so a big file is not held twice.
pub fn sanitize_owned(input: String) -> Sanitized {
    if is_clean(&input) {
        return Sanitized {
            text: input,
            removed: 0,
            nuls: 0,
        };
    }
    sanitize(&input)
}

/// Whether `text` holds nothing but visible text and line breaks. Printable ASCII is passed
/// over a block at a time; only a block with anything else in it is looked at closely.
fn is_clean(text: &str) -> bool {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let end = (at + BLOCK).min(bytes.len());
        // no early exit: the compiler checks the whole block at once
        let plain = bytes[at..end]
            .iter()
            .fold(true, |plain, &b| plain & (0x20..0x7f).contains(&b));
        if plain {
            at = end;
            continue;
        }
        // a character may run past the block: go on from the end of the last one looked at
        let mut next = bytes.len();
        for (i, c) in text[at..].char_indices() {
            if c != '\n' && c != '\r' && needs_care(c) {
                return false;
            }
            let after = at + i + c.len_utf8();
            if after >= end {
                next = after;
                break;
            }
        }
        at = next;
    }
    true
}

/// Cleans `input`, keeping `\n` and `\r` (line breaks) and expanding tabs to spaces.
pub fn sanitize(input: &str) -> Sanitized {
    let mut out = String::with_capacity(input.len());
    let mut removed = 0;
    let mut nuls = 0;
    // the end of a line already searched in vain for a string terminator
    let mut unterminated_until = 0;
    let mut column = Column::default();
    // runs of ordinary text are copied whole; only the characters that need care are looked at
    let mut run_start = 0;
    let mut chars = input.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !needs_care(c) {
            continue;
        }
        out.push_str(&input[run_start..i]);
        match c {
            '\n' | '\r' => out.push(c),
            '\t' => {
                let spaces = TAB_STOP - column.at(&out) % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
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
                if i >= unterminated_until {
                    let mut ahead = chars.clone();
                    match skip_string(&mut ahead) {
                        Ok(()) => chars = ahead,
                        Err(line_end) => unterminated_until = line_end,
                    }
                }
            }
            '\0' => {
                nuls += 1;
                out.push(' ');
            }
            // line and page breaks inside a paragraph: words on either side stay apart
            '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => out.push(' '),
            // a hint to break a word, drawn or hidden as each terminal likes: its width is unknowable
            '\u{ad}' => {}
            _ => removed += 1,
        }
        run_start = chars.peek().map_or(input.len(), |&(next, _)| next);
    }
    out.push_str(&input[run_start..]);
    Sanitized {
        text: out,
        removed,
        nuls,
    }
}

/// Whether a character is anything but plain visible text.
fn needs_care(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{ad}') || is_invisible_control(c)
}

/// The display column at the end of the text written so far, measured only as far as needed.
#[derive(Default)]
struct Column {
    measured_to: usize,
    column: usize,
}

impl Column {
    fn at(&mut self, out: &str) -> usize {
        let unmeasured = &out[self.measured_to.min(out.len())..];
        match unmeasured.rfind(['\n', '\r']) {
            Some(p) => self.column = unmeasured[p + 1..].width(),
            None => self.column += unmeasured.width(),
        }
        self.measured_to = out.len();
        self.column
    }
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

type Chars<'a> = std::iter::Peekable<std::str::CharIndices<'a>>;

/// Skips what follows an ESC: a CSI, an OSC/DCS/APC/PM/SOS string, or a short escape.
fn skip_escape(chars: &mut Chars) {
    match chars.peek().map(|&(_, c)| c) {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            // unterminated, it runs to the end of the line: a real ESC means to hide it
            let _ = skip_string(chars);
        }
        // a space after ESC is text, not the start of a sequence: keep it and what follows
        Some(c) if ('\u{21}'..='\u{2f}').contains(&c) => {
            // intermediate bytes, then one final byte
            skip_while(chars, '\u{20}'..='\u{2f}');
            skip_one(chars, '\u{30}'..='\u{7e}');
        }
        Some(c) if ('\u{30}'..='\u{7e}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

fn skip_while(chars: &mut Chars, range: std::ops::RangeInclusive<char>) {
    while chars.next_if(|(_, c)| range.contains(c)).is_some() {}
}

fn skip_one(chars: &mut Chars, range: std::ops::RangeInclusive<char>) {
    chars.next_if(|(_, c)| range.contains(c));
}

/// Skips a control sequence's parameter and intermediate bytes and its final byte.
fn skip_csi(chars: &mut Chars) {
    skip_while(chars, '\u{20}'..='\u{3f}');
    skip_one(chars, '\u{40}'..='\u{7e}');
}

/// Skips a string sequence up to its terminator (BEL, ST, ESC \\) or the end of the line,
/// where it fails with the byte the line ends at (`usize::MAX` at the end of the text).
fn skip_string(chars: &mut Chars) -> Result<(), usize> {
    while let Some(&(i, c)) = chars.peek() {
        match c {
            '\n' | '\r' => return Err(i),
            '\u{7}' | '\u{9c}' => {
                chars.next();
                return Ok(());
            }
            '\u{1b}' => {
                chars.next();
                chars.next_if(|&(_, c)| c == '\\');
                return Ok(());
            }
            _ => {
                chars.next();
            }
        }
    }
    Err(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_quick_check_for_clean_text_agrees_with_a_look_at_every_character() {
        let slow = |t: &str| !t.chars().any(|c| c != '\n' && c != '\r' && needs_care(c));
        let pieces = [
            "plain words ",
            "\n",
            "\r\n",
            "é",
            "漢字",
            "👨\u{200d}👩",
            "\t",
            "\u{1b}[31m",
            "\u{9b}",
            "\u{202e}",
            "\u{ad}",
            "\u{7f}",
            "\0",
            "\u{2028}",
            "\u{feff}",
        ];
        for (i, a) in pieces.iter().enumerate() {
            for b in &pieces[i..] {
                // at every offset around the edges of the 64-byte blocks
                for pad in 0..70 {
                    let text = format!("{}{a}{}{b}", "x".repeat(pad), "y".repeat(63));
                    assert_eq!(is_clean(&text), slow(&text), "{text:?}");
                }
            }
        }
        assert!(is_clean(""));
    }

    #[test]
    fn strips_csi_osc_and_controls() {
        let s = sanitize(
            "a\u{1b}[2Jb\u{1b}]0;evil\u{7}c\u{1b}]52;c;Zm9v\u{1b}\\d\u{1}e\u{7f}f\u{9b}31mg",
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
    fn a_c1_string_without_terminator_takes_no_text() {
        let s = sanitize("a \u{9d}quoted\u{9d} word\u{90} and more\nnext \u{9d}0;t\u{7}x");
        assert_eq!(s.text, "a quoted word and more\nnext x");
        assert_eq!(s.removed, 4);
    }

    #[test]
    fn breaks_and_nuls_become_spaces() {
        let s = sanitize("here.\u{c}Second\u{b}third\u{85}fourth\u{0}fifth");
        assert_eq!(s.text, "here. Second third fourth fifth");
        assert_eq!((s.removed, s.nuls), (0, 1));
    }

    #[test]
    fn soft_hyphens_go() {
        assert_eq!(
            sanitize("in\u{ad}de\u{ad}pen\u{ad}dent").text,
            "independent"
        );
    }

    #[test]
    fn keeps_emoji_and_combining_marks() {
        let text = "👩‍👩‍👧 café 漢字";
        assert_eq!(sanitize(text).text, text);
    }
}
