//! Bytes to text: byte-order marks, UTF-8, and the Windows-1252 of old files.
//!
//! A UTF-8 file with a few stray bytes stays UTF-8: only those bytes are read as
//! Windows-1252. A file whose non-ASCII bytes are mostly not UTF-8 is read whole as
//! Windows-1252. Either way a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F,
//! 0x90, 0x9D) becomes U+FFFD, never a C1 control that could be taken for an escape.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why some bytes are not an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// How much of a file had to be read as something other than UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fallback {
    /// The whole file, in this encoding.
    Whole(&'static str),
    /// Single bytes that were not UTF-8, read as Windows-1252.
    Bytes(Stray),
}

/// Stray bytes: how many, and the first few lines (1-based) that hold them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stray {
    pub bytes: usize,
    pub first_lines: Vec<usize>,
    pub more_lines: usize,
}

/// How many line numbers a stray-byte warning names before "and N more".
const LINES_NAMED: usize = 3;

/// Decoded text and how it departed from UTF-8, if it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub fallback: Option<Fallback>,
}

/// How much of the start of a file is looked at to tell text from binary data.
pub const SNIFF_LEN: usize = 8192;

/// Decodes `bytes` as UTF-8 (or UTF-16 with a BOM), falling back to Windows-1252.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, NotText> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if let Some(reason) = sniff(&bytes) {
        return Err(reason);
    }
    if let Some((encoding, bom_len)) = utf16_bom(&bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(text.into_owned(), Some(Fallback::Whole(encoding.name())));
    }
    let mut bytes = bytes;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => check_text(text, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let (text, fallback) = decode_mixed(&bytes);
            check_text(text, Some(fallback))
        }
    }
}

/// Binary data, told from the first block alone so that a huge file is rejected at once.
pub fn sniff(head: &[u8]) -> Option<NotText> {
    if utf16_bom(head).is_some() {
        return None;
    }
    looks_binary(head).then_some(NotText::Binary)
}

fn utf16_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes).filter(|(e, _)| *e == UTF_16LE || *e == UTF_16BE)
}

/// More than one byte in twenty of the first block a NUL or another control that text
/// never holds: a stray NUL in an article is not enough, random or zeroed data always is.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c | 0x1b))
        .count();
    controls * 20 > head.len()
}

/// Reads the bytes that are not UTF-8 as Windows-1252: one by one when the rest is
/// UTF-8, or the whole file when most of its non-ASCII bytes are not.
fn decode_mixed(bytes: &[u8]) -> (String, Fallback) {
    let (mut invalid, mut valid) = (0, 0);
    for chunk in bytes.utf8_chunks() {
        invalid += chunk.invalid().len();
        valid += chunk.valid().bytes().filter(|b| !b.is_ascii()).count();
    }
    if invalid > valid {
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
        return (without_c1(&text), Fallback::Whole(WINDOWS_1252.name()));
    }
    let mut text = String::with_capacity(bytes.len() + invalid * 2);
    let mut stray = Stray {
        bytes: invalid,
        first_lines: Vec::new(),
        more_lines: 0,
    };
    let mut lines = LineCounter::default();
    let mut last_line = None;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        if chunk.invalid().is_empty() {
            continue;
        }
        let line = lines.line_at(bytes, at);
        if last_line != Some(line) {
            if stray.first_lines.len() < LINES_NAMED {
                stray.first_lines.push(line);
            } else {
                stray.more_lines += 1;
            }
            last_line = Some(line);
        }
        let (legacy, _) = WINDOWS_1252.decode_without_bom_handling(chunk.invalid());
        text.push_str(&without_c1(&legacy));
        at += chunk.invalid().len();
    }
    (text, Fallback::Bytes(stray))
}

/// Counts line breaks (`\n`, `\r\n` or a lone `\r`) up to a byte, moving only forward.
#[derive(Default)]
struct LineCounter {
    scanned: usize,
    breaks: usize,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], at: usize) -> usize {
        for i in self.scanned..at {
            match bytes[i] {
                b'\n' => self.breaks += 1,
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => self.breaks += 1,
                _ => {}
            }
        }
        self.scanned = self.scanned.max(at);
        self.breaks + 1
    }
}

/// A C1 control out of a legacy decode is a byte with no character: shown as U+FFFD.
fn without_c1(text: &str) -> String {
    text.chars()
        .map(|c| {
            if ('\u{80}'..='\u{9f}').contains(&c) {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}

fn check_text(text: String, fallback: Option<Fallback>) -> Result<Decoded, NotText> {
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Decoded { text, fallback })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> String {
        decode(bytes.to_vec()).unwrap().text
    }

    #[test]
    fn utf8_with_bom() {
        let d = decode(b"\xEF\xBB\xBFhello".to_vec()).unwrap();
        assert_eq!(d.text, "hello");
        assert_eq!(d.fallback, None);
    }

    #[test]
    fn windows_1252_fallback() {
        let d = decode(b"caf\xe9 \x93quoted\x94".to_vec()).unwrap();
        assert_eq!(d.text, "café \u{201c}quoted\u{201d}");
        assert_eq!(d.fallback, Some(Fallback::Whole("windows-1252")));
    }

    #[test]
    fn a_stray_byte_leaves_the_utf8_alone() {
        let mut bytes = "Café “quoted”\nand one stray ".as_bytes().to_vec();
        bytes.extend(b"\xFF byte.\n\xFE\xFE\n\x81");
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Café “quoted”\nand one stray ÿ byte.\nþþ\n\u{fffd}");
        assert_eq!(
            d.fallback,
            Some(Fallback::Bytes(Stray {
                bytes: 4,
                first_lines: vec![2, 3, 4],
                more_lines: 0
            }))
        );
    }

    #[test]
    fn stray_lines_past_the_first_few_are_counted() {
        let mut bytes = "é".repeat(20).into_bytes();
        for _ in 0..6 {
            bytes.extend(b"x\xFF\xFF\r\n");
        }
        let Some(Fallback::Bytes(stray)) = decode(bytes).unwrap().fallback else {
            panic!("not read as UTF-8 with stray bytes");
        };
        assert_eq!(
            (stray.bytes, stray.first_lines, stray.more_lines),
            (12, vec![1, 2, 3], 3)
        );
    }

    #[test]
    fn undefined_windows_1252_bytes_are_not_c1_controls() {
        assert_eq!(
            text(b"A caf\xe9 and \x9d hidden \x81\x8d\x8f\x90"),
            "A café and \u{fffd} hidden \u{fffd}\u{fffd}\u{fffd}\u{fffd}"
        );
        // a UTF-8 closing quote in a file read whole as Windows-1252: mojibake, but no C1
        assert_eq!(text(b"\xe9\xe9\xe9\xe9 \xe2\x80\x9d"), "éééé â€\u{fffd}");
    }

    #[test]
    fn utf16_with_bom() {
        assert_eq!(text(b"\xFF\xFEh\0i\0"), "hi");
    }

    #[test]
    fn a_stray_nul_is_not_binary() {
        let mut bytes = "word ".repeat(100).into_bytes();
        bytes[250] = 0;
        assert!(decode(bytes).unwrap().text.contains('\0'));
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b"".to_vec()), Err(NotText::Empty));
        assert_eq!(decode(b" \n\r\n\t".to_vec()), Err(NotText::Empty));
        assert_eq!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0".to_vec()),
            Err(NotText::Binary)
        );
        assert_eq!(
            decode(vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
            Err(NotText::Binary)
        );
        assert_eq!(decode(vec![0; 100_000]), Err(NotText::Binary));
        // bytes from a fixed pseudo-random sequence, as /dev/urandom gives
        let mut x: u32 = 12345;
        let random: Vec<u8> = (0..SNIFF_LEN)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        assert_eq!(decode(random), Err(NotText::Binary));
    }
}
