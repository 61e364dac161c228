//! What the three forms share about text: which characters may be written at all, escapes
//! for HTML/XML and Markdown, the language a text is in, and the numbered heading.

/// Whether `c` may be written into a page or a book. The loaded article is already free of
/// control characters and direction overrides; this holds for any article handed over (one
/// built in code, a JSON file that slipped something past), and keeps what XML 1.0 refuses
/// (noncharacters) out of an EPUB, where one would make the whole book unreadable.
pub fn writable(c: char) -> bool {
    !(c.is_control()
        || matches!(
            c,
            '\u{feff}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{61c}'
                | '\u{fdd0}'..='\u{fdef}'
        )
        || (c as u32) & 0xfffe == 0xfffe)
}

/// Whether `c` needs a look in [`html`]: a markup character or anything [`writable`] may refuse.
fn html_care(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"') || (c as u32) < 0x20 || (c as u32) >= 0x7f
}

/// `text` escaped for HTML and XML element content and quoted attribute values, appended
/// to `out`; characters that may not be written are left out.
pub fn html(out: &mut String, text: &str) {
    let mut run = 0;
    for (i, c) in text.char_indices() {
        if !html_care(c) {
            continue;
        }
        let escaped = match c {
            '&' => "&amp;",
            '<' => "&lt;",
            '>' => "&gt;",
            '"' => "&quot;",
            c if writable(c) => continue,
            _ => "",
        };
        out.push_str(&text[run..i]);
        out.push_str(escaped);
        run = i + c.len_utf8();
    }
    out.push_str(&text[run..]);
}

/// Characters that mean something to a Markdown renderer wherever they stand (CommonMark's
/// emphasis, code, links, raw HTML and entities; GFM's tables and strikethrough).
const MARKDOWN_ANYWHERE: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '&', '|', '~'];

/// `text` as one line of Markdown that a renderer shows as these very words: its special
/// characters escaped with a backslash, and what would start a block at the start of a line
/// (a heading, a list, a quote, a rule, a code block) made plain text.
pub fn markdown(out: &mut String, text: &str) {
    // leading spaces would make a code block and trailing ones a line break; neither is a word
    let text = text.trim_matches(|c: char| c == ' ' || c == '\t');
    let start = out.len();
    markdown_inline(out, text, true);
    unblock(out, start);
}

/// `text` with Markdown's special characters escaped, as a piece of a line (no trimming, no
/// care for the line's start); `after_space`: whether what comes before ends in a space.
/// Returns whether the text ends in one.
pub fn markdown_inline(out: &mut String, text: &str, mut after_space: bool) -> bool {
    for c in text.chars() {
        if !writable(c) {
            continue;
        }
        // a `#` after a space could close an ATX heading, or start one at the line's start
        let special = MARKDOWN_ANYWHERE.contains(&c) || (c == '#' && after_space);
        if special {
            out.push('\\');
        }
        out.push(c);
        after_space = c == ' ';
    }
    after_space
}

/// A line of Markdown made of pieces, escaped as [`markdown`] escapes a whole line, each
/// marked piece between `open` and the `close` it gives: the line is trimmed as a whole and
/// only a plain start is guarded against starting a block.
pub fn markdown_marked(out: &mut String, pieces: &[(&str, Option<String>)], open: &str) {
    let start = out.len();
    let last = pieces.len().saturating_sub(1);
    let mut after_space = true;
    for (i, (text, close)) in pieces.iter().enumerate() {
        let mut text: &str = text;
        if i == 0 {
            text = text.trim_start_matches([' ', '\t']);
        }
        if i == last {
            text = text.trim_end_matches([' ', '\t']);
        }
        match close {
            Some(close) => {
                // the marks hug the words: spaces at their ends stay outside them
                let inner = text.trim_matches(' ');
                let before = &text[..text.len() - text.trim_start_matches(' ').len()];
                let after = &text[before.len() + inner.len()..];
                markdown_inline(out, before, after_space);
                out.push_str(open);
                markdown_inline(out, inner, false);
                out.push_str(close);
                after_space = markdown_inline(out, after, false);
            }
            None => after_space = markdown_inline(out, text, after_space),
        }
    }
    if pieces.first().is_some_and(|(_, close)| close.is_none()) {
        unblock(out, start);
    }
}

/// Escapes what would make the line starting at `start` a quote, a list item, a rule or a
/// numbered list item rather than a paragraph (`>`, `-`, `+`, `=`, `1.`, `1)`).
fn unblock(out: &mut String, start: usize) {
    let line = &out[start..];
    let first = line.chars().next();
    if matches!(first, Some('>' | '-' | '+' | '=')) {
        out.insert(start, '\\');
        return;
    }
    let bytes = line.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let marker = matches!(bytes.get(digits), Some(b'.' | b')'));
    let then_space = matches!(bytes.get(digits + 1), None | Some(b' '));
    if digits > 0 && marker && then_space {
        out.insert(start + digits, '\\');
    }
}

/// A section's heading with its number, as each form titles it: `3. Recent Developments`.
pub fn numbered(number: usize, heading: &str) -> String {
    let heading = heading.trim();
    if heading.is_empty() {
        format!("{number}.")
    } else {
        format!("{number}. {heading}")
    }
}

/// The title to show: the article's own, or a plain word when it has none.
pub fn title(title: &str) -> &str {
    let title = title.trim();
    if title.is_empty() {
        "Untitled article"
    } else {
        title
    }
}

/// A language tag for `text`, from its letters: a script that only one language writes, or
/// that a language's own letters tell, when most letters are in it; else `en`, the language
/// of the format itself (Latin letters alone cannot tell English from French).
pub fn language<'a>(texts: impl IntoIterator<Item = &'a str>) -> &'static str {
    // a few thousand letters tell a script; a long lead need not be read to the end
    const ENOUGH: usize = 4000;
    let mut counts = Scripts::default();
    let mut seen = 0;
    'texts: for text in texts {
        for c in text.chars() {
            if counts.add(c) {
                seen += 1;
                if seen >= ENOUGH {
                    break 'texts;
                }
            }
        }
    }
    counts.language()
}

/// Letters counted by script.
#[derive(Default)]
struct Scripts {
    letters: usize,
    kana: usize,
    han: usize,
    hangul: usize,
    arabic: usize,
    hebrew: usize,
    cyrillic: usize,
    ukrainian: usize,
    greek: usize,
    thai: usize,
    devanagari: usize,
}

impl Scripts {
    /// Counts `c`; whether it was a letter.
    fn add(&mut self, c: char) -> bool {
        if !c.is_alphabetic() {
            return false;
        }
        self.letters += 1;
        let field = match c {
            '\u{3040}'..='\u{30ff}' | '\u{31f0}'..='\u{31ff}' => &mut self.kana,
            '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' => {
                &mut self.han
            }
            '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' | '\u{ac00}'..='\u{d7af}' => {
                &mut self.hangul
            }
            '\u{600}'..='\u{6ff}' | '\u{750}'..='\u{77f}' => &mut self.arabic,
            '\u{590}'..='\u{5ff}' => &mut self.hebrew,
            'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ' => {
                self.cyrillic += 1;
                &mut self.ukrainian
            }
            '\u{400}'..='\u{4ff}' => &mut self.cyrillic,
            '\u{370}'..='\u{3ff}' | '\u{1f00}'..='\u{1fff}' => &mut self.greek,
            '\u{e00}'..='\u{e7f}' => &mut self.thai,
            '\u{900}'..='\u{97f}' => &mut self.devanagari,
            _ => return true,
        };
        *field += 1;
        true
    }

    fn language(&self) -> &'static str {
        let most = |n: usize| n * 2 > self.letters;
        // Japanese mixes kana with Chinese characters: any kana tells it apart
        if most(self.kana + self.han) {
            return if self.kana * 10 > self.kana + self.han {
                "ja"
            } else {
                "zh"
            };
        }
        let single = [
            (self.hangul, "ko"),
            (self.arabic, "ar"),
            (self.hebrew, "he"),
            (self.greek, "el"),
            (self.thai, "th"),
            (self.devanagari, "hi"),
        ];
        if let Some((_, tag)) = single.iter().find(|(n, _)| most(*n)) {
            return tag;
        }
        if most(self.cyrillic) {
            return if self.ukrainian > 0 { "uk" } else { "ru" };
        }
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(text: &str) -> String {
        let mut out = String::new();
        markdown(&mut out, text);
        out
    }

    fn escaped(text: &str) -> String {
        let mut out = String::new();
        html(&mut out, text);
        out
    }

    #[test]
    fn html_escapes_markup_and_drops_what_may_not_be_written() {
        assert_eq!(
            escaped("<script>alert(\"x\")</script> & co"),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co"
        );
        assert_eq!(escaped("a\u{202e}b\u{1b}c\u{fffe}d\u{1fffe}e"), "abcde");
        assert_eq!(escaped("東京 👩‍👩‍👧 café"), "東京 👩‍👩‍👧 café");
    }

    #[test]
    fn markdown_escapes_what_a_renderer_would_take_as_markup() {
        assert_eq!(md("a | b * c_d"), "a \\| b \\* c\\_d");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(md("C# and #1"), "C# and \\#1");
        assert_eq!(md("- not a list"), "\\- not a list");
        assert_eq!(md("1984. A year"), "1984\\. A year");
        assert_eq!(md("3) three"), "3\\) three");
        assert_eq!(md("<b>&amp;</b> 5 > 3"), "\\<b>\\&amp;\\</b> 5 > 3");
        assert_eq!(md("> not a quote"), "\\> not a quote");
        assert_eq!(md("    code? no  "), "code? no");
        assert_eq!(md("2.5 percent"), "2.5 percent");
    }

    #[test]
    fn numbers_and_titles() {
        assert_eq!(numbered(3, "Recent Developments"), "3. Recent Developments");
        assert_eq!(numbered(4, "  "), "4.");
        assert_eq!(title(" "), "Untitled article");
    }

    #[test]
    fn languages_from_scripts() {
        assert_eq!(language(["The council met on Monday."]), "en");
        assert_eq!(language(["東京の新しい図書館が月曜日に開館した。"]), "ja");
        assert_eq!(language(["北京市政府周一宣布新的交通计划。"]), "zh");
        assert_eq!(language(["서울에서 새 도서관이 문을 열었다."]), "ko");
        assert_eq!(language(["Совет собрался в понедельник."]), "ru");
        assert_eq!(
            language(["Рада зібралася в понеділок і ухвалила бюджет."]),
            "uk"
        );
        assert_eq!(language(["مرحبا بالعالم"]), "ar");
        assert_eq!(language(["שלום עולם"]), "he");
        assert_eq!(language(["Η βουλή συνεδρίασε τη Δευτέρα."]), "el");
        assert_eq!(language(["A few words, then 東京"]), "en");
        assert_eq!(language([""]), "en");
    }
}
