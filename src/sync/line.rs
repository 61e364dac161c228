//! How a log carries records: one a line, a CRC-32 of the JSON in hex, a space, the JSON; the
//! first line a header naming the machine. A line that fails its checksum, is not JSON or holds
//! what no valid record holds is not valid; a kind from a newer lede is told apart.

use super::record::{
    is_machine_id, Change, Clock, ReadMark, Record, SearchForget, SearchSave, TagAdd, TagKey,
    KINDS, PARTS,
};
use crate::article::sanitize::sanitize_inline;
use serde::{Deserialize, Serialize};

/// The log format this lede writes (the header's `lede_sync`).
pub const FORMAT: u32 = 1;

/// The longest record line read; a longer one is not valid.
pub const MAX_LINE: usize = 1 << 20;

/// The longest text field kept from a record.
const MAX_TEXT: usize = 64 << 10;

/// The first line of every log file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub lede_sync: u32,
    pub machine: String,
    /// The host name, for people to read.
    pub host: String,
    pub generation: u64,
}

/// What one line of a log is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Record(Box<Record>),
    /// A kind, or a part of an article, this lede does not know: from a newer lede.
    Newer(String),
}

/// A line ready to append: checksum, space, JSON, newline.
pub fn frame(json: &str) -> String {
    format!("{:08x} {json}\n", crc32(json.as_bytes()))
}

/// The JSON of a line whose checksum holds; the reason otherwise. `bytes` has no newline.
fn unframe(bytes: &[u8]) -> Result<&str, String> {
    if bytes.len() > MAX_LINE {
        return Err(format!("longer than {} KB", MAX_LINE >> 10));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8".to_owned())?;
    let (sum, json) = text
        .split_once(' ')
        .ok_or_else(|| "no checksum".to_owned())?;
    let sum = u32::from_str_radix(sum, 16)
        .ok()
        .filter(|_| sum.len() == 8)
        .ok_or_else(|| "no checksum".to_owned())?;
    if crc32(json.as_bytes()) != sum {
        return Err("checksum does not match".to_owned());
    }
    Ok(json)
}

/// Reads a file's first line.
pub fn parse_header(bytes: &[u8]) -> Result<Header, String> {
    let json = unframe(bytes).map_err(|why| format!("not a lede sync log ({why})"))?;
    let header: Header =
        serde_json::from_str(json).map_err(|e| format!("not a lede sync log ({e})"))?;
    if !is_machine_id(&header.machine) {
        return Err(format!("bad machine id \"{}\"", header.machine));
    }
    Ok(header)
}

/// Reads one record line; the JSON text is what the store keeps.
pub fn parse_line(bytes: &[u8]) -> Result<(Line, String), String> {
    let json = unframe(bytes)?;
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not JSON ({e})"))?;
    let kind = value
        .get("kind")
        .and_then(|k| k.as_str())
        .ok_or_else(|| "no kind".to_owned())?
        .to_owned();
    if !KINDS.contains(&kind.as_str()) {
        // still a record: its clock must be one
        value
            .get("clock")
            .and_then(|c| c.as_str())
            .and_then(Clock::parse)
            .ok_or_else(|| "no clock".to_owned())?;
        return Ok((Line::Newer(kind), json.to_owned()));
    }
    let record: Record = serde_json::from_value(value).map_err(|e| format!("{kind}: {e}"))?;
    if let Some(part) = record.change.part() {
        if !PARTS.contains(&part) {
            return Ok((Line::Newer(format!("{kind} in a {part}")), json.to_owned()));
        }
    }
    check(&record.clock, &record.change).map_err(|why| format!("{kind}: {why}"))?;
    Ok((Line::Record(Box::new(record)), json.to_owned()))
}

/// The latest wall time a clock may have: the end of the year 9999.
const LAST_WALL: i64 = 253_402_300_799_999;

/// What no valid change holds: a fingerprint that is not plain, a number past what the store
/// keeps, text past the limit, a read mark without the text's hash.
fn check(clock: &Clock, change: &Change) -> Result<(), String> {
    if !(0..=LAST_WALL).contains(&clock.wall) {
        return Err(format!("a clock out of range ({clock})"));
    }
    let numbers: &[usize] = match change {
        Change::BookmarkAdd(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::BookmarkRemove(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::BookmarkNote(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::HighlightAdd(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::HighlightRemove(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::HighlightNote(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::HighlightColour(c) => &[c.index, c.paragraph.unwrap_or(0)],
        Change::Position(c) => &[c.block, c.byte],
        Change::Read(_)
        | Change::TagAdd(_)
        | Change::TagRemove(_)
        | Change::SearchSave(_)
        | Change::SearchForget(_) => &[],
    };
    if numbers.iter().any(|&n| i64::try_from(n).is_err()) {
        return Err("a number too large".to_owned());
    }
    if let Some(fingerprint) = change.article() {
        if fingerprint.is_empty()
            || fingerprint.len() > 128
            || !fingerprint.bytes().all(|b| b.is_ascii_graphic())
        {
            return Err("bad fingerprint".to_owned());
        }
    }
    if let Change::SearchSave(SearchSave { name, .. })
    | Change::SearchForget(SearchForget { name }) = change
    {
        // the name is its register's key: one line of text, as the store keeps it
        if name.trim().is_empty() || sanitize_inline(name) != *name {
            return Err(
                "a saved search's name that is empty or holds control characters".to_owned(),
            );
        }
    }
    if change.texts().iter().any(|t| t.len() > MAX_TEXT) {
        return Err(format!("a text longer than {} KB", MAX_TEXT >> 10));
    }
    if let Change::Read(ReadMark {
        read: true,
        hash: None,
        ..
    }) = change
    {
        return Err("read without the text's hash".to_owned());
    }
    if let Change::TagAdd(TagAdd { tag, .. }) | Change::TagRemove(TagKey { tag, .. }) = change {
        // the tag is its register's key: it must be one the store would keep
        if crate::store::tags::normalise(tag).as_ref() != Some(tag) {
            return Err(format!("not a tag as lede keeps them (\"{tag}\")"));
        }
    }
    let words = match change {
        Change::HighlightAdd(c) => Some(&c.words),
        Change::HighlightRemove(c) => Some(&c.words),
        Change::HighlightNote(c) => Some(&c.words),
        Change::HighlightColour(c) => Some(&c.words),
        _ => None,
    };
    if let Some(words) = words {
        // the words are the highlight's key: they must be what the store would keep
        let kept: Vec<String> = words.split('\n').map(sanitize_inline).collect();
        if words.is_empty() || kept.join("\n") != *words {
            return Err("words that are empty or hold control characters".to_owned());
        }
    }
    Ok(())
}

/// CRC-32 (IEEE 802.3, reflected, as zlib and PNG compute it).
pub fn crc32(bytes: &[u8]) -> u32 {
    static TABLE: std::sync::OnceLock<[u32; 256]> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = [0u32; 256];
        for (n, entry) in table.iter_mut().enumerate() {
            let mut c = n as u32;
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
            *entry = c;
        }
        table
    });
    let mut crc = !0u32;
    for &b in bytes {
        crc = table[((crc ^ u32::from(b)) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::record::BookmarkNote;

    fn clock(wall: i64, counter: u32, machine: &str) -> Clock {
        Clock {
            wall,
            counter,
            machine: machine.to_owned(),
        }
    }

    #[test]
    fn crc32_is_the_standard_one() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(
            crc32(b"The quick brown fox jumps over the lazy dog"),
            0x414f_a339
        );
    }

    #[test]
    fn lines_round_trip_and_damage_is_named() {
        let record = Record {
            clock: clock(1_700_000_000_000, 0, "0123abcd"),
            change: Change::BookmarkNote(BookmarkNote {
                fingerprint: "00ff".into(),
                part: "section".into(),
                index: 2,
                paragraph: Some(1),
                note: "a note \"quoted\"".into(),
            }),
        };
        let line = frame(&record.to_json());
        let bytes = line.trim_end_matches('\n').as_bytes();
        let (parsed, json) = parse_line(bytes).unwrap();
        assert_eq!(parsed, Line::Record(Box::new(record.clone())));
        assert_eq!(json, record.to_json());
        let mut bad = bytes.to_vec();
        let last = bad.len() - 3;
        bad[last] ^= 1;
        assert_eq!(
            parse_line(&bad).unwrap_err(),
            "checksum does not match".to_owned()
        );
        assert_eq!(parse_line(b"hello").unwrap_err(), "no checksum");
        let newer = frame(r#"{"clock":"1.0.ab","kind":"queue.add","item":"x"}"#);
        assert_eq!(
            parse_line(newer.trim_end().as_bytes()).unwrap().0,
            Line::Newer("queue.add".into())
        );
        let part = frame(
            r#"{"clock":"1.0.ab","kind":"bookmark.remove","fingerprint":"f","part":"sidebar"}"#,
        );
        assert!(matches!(
            parse_line(part.trim_end().as_bytes()).unwrap().0,
            Line::Newer(_)
        ));
        let far = frame(
            r#"{"clock":"999999999999999999.0.ab","kind":"bookmark.remove","fingerprint":"f","part":"lead"}"#,
        );
        assert!(parse_line(far.trim_end().as_bytes())
            .unwrap_err()
            .contains("clock out of range"));
        let huge = frame(
            r#"{"clock":"1.0.ab","kind":"bookmark.remove","fingerprint":"f","part":"section","index":18446744073709551615}"#,
        );
        assert!(parse_line(huge.trim_end().as_bytes())
            .unwrap_err()
            .contains("too large"));
        let no_hash = frame(
            r#"{"clock":"1.0.ab","kind":"read","fingerprint":"f","article":"A","read":true}"#,
        );
        assert!(parse_line(no_hash.trim_end().as_bytes())
            .unwrap_err()
            .contains("hash"));
    }
}
