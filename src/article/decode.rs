//! Bytes to text: byte-order marks, UTF-8, and the Windows-1252 of old files.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Why some bytes are not an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// Decoded text and the encoding it was read as, when that was not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub fallback: Option<&'static str>,
}

/// Decodes `bytes` as UTF-8 (or UTF-16 with a BOM), falling back to Windows-1252.
pub fn decode(bytes: &[u8]) -> Result<Decoded, NotText> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(NotText::Empty);
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        if encoding == UTF_16LE || encoding == UTF_16BE {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            let name = encoding.name();
            return check_text(text.into_owned(), Some(name));
        }
    }
    if looks_binary(bytes) {
        return Err(NotText::Binary);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => check_text(text.to_owned(), None),
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(body);
            check_text(text.into_owned(), Some(WINDOWS_1252.name()))
        }
    }
}

/// NUL bytes never occur in text files; a high share of other control bytes marks binary data too.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    controls * 10 > head.len()
}

fn check_text(text: String, fallback: Option<&'static str>) -> Result<Decoded, NotText> {
    if text.contains('\0') {
        return Err(NotText::Binary);
    }
    if text.trim().is_empty() {
        return Err(NotText::Empty);
    }
    Ok(Decoded { text, fallback })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        let d = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(d.text, "hello");
        assert_eq!(d.fallback, None);
    }

    #[test]
    fn windows_1252_fallback() {
        let d = decode(b"caf\xe9 \x93quoted\x94").unwrap();
        assert_eq!(d.text, "café \u{201c}quoted\u{201d}");
        assert_eq!(d.fallback, Some("windows-1252"));
    }

    #[test]
    fn utf16_with_bom() {
        let d = decode(b"\xFF\xFEh\0i\0").unwrap();
        assert_eq!(d.text, "hi");
    }

    #[test]
    fn empty_and_binary() {
        assert_eq!(decode(b""), Err(NotText::Empty));
        assert_eq!(decode(b" \n\r\n\t"), Err(NotText::Empty));
        assert_eq!(decode(b"\x7fELF\x02\x01\x01\0\0\0"), Err(NotText::Binary));
        assert_eq!(
            decode(&[0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]),
            Err(NotText::Binary)
        );
    }
}
