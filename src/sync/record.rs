//! What a sync log holds: one record a line, `CRC32 JSON`, each a change stamped with a
//! hybrid logical clock. Pure values in and out: no files, no database.

use crate::article::sanitize::sanitize_inline;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

/// The log format this lede writes (the header's `lede_sync`).
pub const FORMAT: u32 = 1;

/// The longest record line read; a longer one is not valid.
pub const MAX_LINE: usize = 1 << 20;

/// The longest text field kept from a record.
const MAX_TEXT: usize = 64 << 10;

/// A hybrid logical clock: wall time in ms, a counter for changes within the same ms (or
/// after a later clock from elsewhere was seen), and the machine, which breaks any tie.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock {
    pub wall: i64,
    pub counter: u32,
    pub machine: String,
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.wall, self.counter, self.machine)
    }
}

impl Clock {
    pub fn parse(text: &str) -> Option<Clock> {
        let mut parts = text.splitn(3, '.');
        let wall = parts.next()?.parse().ok()?;
        let counter = parts.next()?.parse().ok()?;
        let machine = parts.next()?;
        is_machine_id(machine).then(|| Clock {
            wall,
            counter,
            machine: machine.to_owned(),
        })
    }

    /// The clock just after this one, on `machine`.
    pub fn after(&self, machine: &str) -> Clock {
        match self.counter.checked_add(1) {
            Some(counter) => Clock {
                wall: self.wall,
                counter,
                machine: machine.to_owned(),
            },
            None => Clock {
                wall: self.wall.saturating_add(1),
                counter: 0,
                machine: machine.to_owned(),
            },
        }
    }
}

/// A machine id as lede makes them: 1 to 32 lowercase hex digits.
pub fn is_machine_id(id: &str) -> bool {
    (1..=32).contains(&id.len()) && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

impl Serialize for Clock {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Clock {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Clock, D::Error> {
        let text = String::deserialize(d)?;
        Clock::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("bad clock \"{text}\"")))
    }
}

/// A bookmark made (or made again) at a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarkAdd {
    pub fingerprint: String,
    /// The article's title, to know it by where it was never opened.
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub paragraph: Option<usize>,
    #[serde(default)]
    pub quote: String,
    /// Unix seconds.
    pub created: i64,
}

/// Which bookmark: the article and the place's part and paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarkKey {
    pub fingerprint: String,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub paragraph: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookmarkNote {
    pub fingerprint: String,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub paragraph: Option<usize>,
    pub note: String,
}

/// Words highlighted (or highlighted again).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightAdd {
    pub fingerprint: String,
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub paragraph: Option<usize>,
    #[serde(default)]
    pub quote: String,
    pub words: String,
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
    pub colour: u8,
    pub created: i64,
}

/// Which highlight: the article, the place of its first word and its words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightKey {
    pub fingerprint: String,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub paragraph: Option<usize>,
    pub words: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightNote {
    pub fingerprint: String,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub paragraph: Option<usize>,
    pub words: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HighlightColour {
    pub fingerprint: String,
    pub part: String,
    #[serde(default)]
    pub index: usize,
    #[serde(default)]
    pub paragraph: Option<usize>,
    pub words: String,
    pub colour: u8,
}

/// Where the reader was in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub fingerprint: String,
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub block: usize,
    pub byte: usize,
    pub percent: u8,
}

/// An article marked read (its text as it was then, by hash) or unread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadMark {
    pub fingerprint: String,
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub read: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hash: Option<String>,
}

/// One change, as the `kind` field names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind")]
pub enum Change {
    #[serde(rename = "bookmark.add")]
    BookmarkAdd(BookmarkAdd),
    #[serde(rename = "bookmark.remove")]
    BookmarkRemove(BookmarkKey),
    #[serde(rename = "bookmark.note")]
    BookmarkNote(BookmarkNote),
    #[serde(rename = "highlight.add")]
    HighlightAdd(HighlightAdd),
    #[serde(rename = "highlight.remove")]
    HighlightRemove(HighlightKey),
    #[serde(rename = "highlight.note")]
    HighlightNote(HighlightNote),
    #[serde(rename = "highlight.colour")]
    HighlightColour(HighlightColour),
    #[serde(rename = "position")]
    Position(Position),
    #[serde(rename = "read")]
    Read(ReadMark),
}

/// The kinds this lede knows; any other is from a newer one.
pub const KINDS: &[&str] = &[
    "bookmark.add",
    "bookmark.remove",
    "bookmark.note",
    "highlight.add",
    "highlight.remove",
    "highlight.note",
    "highlight.colour",
    "position",
    "read",
];

/// The registers a change writes to: one value per item and aspect, the latest clock winning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Register {
    /// Whether a bookmark is there (an add, or a remove's tombstone).
    Bookmark,
    BookmarkNote,
    Highlight,
    HighlightNote,
    HighlightColour,
    Position,
    Read,
}

impl Register {
    pub const ALL: [Register; 7] = [
        Register::Bookmark,
        Register::BookmarkNote,
        Register::Highlight,
        Register::HighlightNote,
        Register::HighlightColour,
        Register::Position,
        Register::Read,
    ];

    pub fn parse(name: &str) -> Option<Register> {
        Register::ALL.into_iter().find(|r| r.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Register::Bookmark => "bookmark",
            Register::BookmarkNote => "bookmark.note",
            Register::Highlight => "highlight",
            Register::HighlightNote => "highlight.note",
            Register::HighlightColour => "highlight.colour",
            Register::Position => "position",
            Register::Read => "read",
        }
    }
}

/// The parts of an article a place can be in (as the store's columns name them).
const PARTS: &[&str] = &["lead", "section", "key_point", "summary", "faq"];

/// A bookmark's key: the same columns the store's unique index is on.
fn place_key(fingerprint: &str, part: &str, index: usize, paragraph: Option<usize>) -> String {
    // the store keeps no index for the lead and summary, and no paragraph for a key point
    let index = if matches!(part, "lead" | "summary") {
        0
    } else {
        index
    };
    let paragraph = match (part, paragraph) {
        ("key_point", _) | (_, None) => -1,
        (_, Some(p)) => i64::try_from(p).unwrap_or(i64::MAX),
    };
    serde_json::to_string(&(fingerprint, part, index, paragraph)).expect("a tuple serialises")
}

fn words_key(
    fingerprint: &str,
    part: &str,
    index: usize,
    paragraph: Option<usize>,
    words: &str,
) -> String {
    let place = place_key(fingerprint, part, index, paragraph);
    // the place's array with the words as its last element
    format!(
        "{},{}]",
        &place[..place.len() - 1],
        serde_json::to_string(words).expect("a string serialises")
    )
}

impl Change {
    pub fn kind(&self) -> &'static str {
        match self {
            Change::BookmarkAdd(_) => "bookmark.add",
            Change::BookmarkRemove(_) => "bookmark.remove",
            Change::BookmarkNote(_) => "bookmark.note",
            Change::HighlightAdd(_) => "highlight.add",
            Change::HighlightRemove(_) => "highlight.remove",
            Change::HighlightNote(_) => "highlight.note",
            Change::HighlightColour(_) => "highlight.colour",
            Change::Position(_) => "position",
            Change::Read(_) => "read",
        }
    }

    /// The article the change is about.
    pub fn fingerprint(&self) -> &str {
        match self {
            Change::BookmarkAdd(c) => &c.fingerprint,
            Change::BookmarkRemove(c) => &c.fingerprint,
            Change::BookmarkNote(c) => &c.fingerprint,
            Change::HighlightAdd(c) => &c.fingerprint,
            Change::HighlightRemove(c) => &c.fingerprint,
            Change::HighlightNote(c) => &c.fingerprint,
            Change::HighlightColour(c) => &c.fingerprint,
            Change::Position(c) => &c.fingerprint,
            Change::Read(c) => &c.fingerprint,
        }
    }

    /// The register it writes and the item's key in it.
    pub fn register(&self) -> (Register, String) {
        match self {
            Change::BookmarkAdd(c) => (
                Register::Bookmark,
                place_key(&c.fingerprint, &c.part, c.index, c.paragraph),
            ),
            Change::BookmarkRemove(c) => (
                Register::Bookmark,
                place_key(&c.fingerprint, &c.part, c.index, c.paragraph),
            ),
            Change::BookmarkNote(c) => (
                Register::BookmarkNote,
                place_key(&c.fingerprint, &c.part, c.index, c.paragraph),
            ),
            Change::HighlightAdd(c) => (
                Register::Highlight,
                words_key(&c.fingerprint, &c.part, c.index, c.paragraph, &c.words),
            ),
            Change::HighlightRemove(c) => (
                Register::Highlight,
                words_key(&c.fingerprint, &c.part, c.index, c.paragraph, &c.words),
            ),
            Change::HighlightNote(c) => (
                Register::HighlightNote,
                words_key(&c.fingerprint, &c.part, c.index, c.paragraph, &c.words),
            ),
            Change::HighlightColour(c) => (
                Register::HighlightColour,
                words_key(&c.fingerprint, &c.part, c.index, c.paragraph, &c.words),
            ),
            Change::Position(c) => (Register::Position, c.fingerprint.clone()),
            Change::Read(c) => (Register::Read, c.fingerprint.clone()),
        }
    }

    /// For a tie of wall time and counter: a read mark beats an unread one.
    fn tie_rank(&self) -> u8 {
        match self {
            Change::Read(ReadMark { read: true, .. }) => 1,
            _ => 0,
        }
    }

    /// The part of the article a place names, for changes made at a place.
    fn part(&self) -> Option<&str> {
        match self {
            Change::BookmarkAdd(c) => Some(&c.part),
            Change::BookmarkRemove(c) => Some(&c.part),
            Change::BookmarkNote(c) => Some(&c.part),
            Change::HighlightAdd(c) => Some(&c.part),
            Change::HighlightRemove(c) => Some(&c.part),
            Change::HighlightNote(c) => Some(&c.part),
            Change::HighlightColour(c) => Some(&c.part),
            Change::Position(_) | Change::Read(_) => None,
        }
    }

    fn texts(&self) -> Vec<&str> {
        match self {
            Change::BookmarkAdd(c) => {
                let mut t = vec![c.article.as_str(), &c.heading, &c.quote];
                t.extend(c.path.as_deref());
                t
            }
            Change::BookmarkRemove(_) => Vec::new(),
            Change::BookmarkNote(c) => vec![&c.note],
            Change::HighlightAdd(c) => {
                let mut t = vec![
                    c.article.as_str(),
                    &c.heading,
                    &c.quote,
                    &c.words,
                    &c.before,
                    &c.after,
                ];
                t.extend(c.path.as_deref());
                t
            }
            Change::HighlightRemove(c) => vec![&c.words],
            Change::HighlightNote(c) => vec![&c.words, &c.note],
            Change::HighlightColour(c) => vec![&c.words],
            Change::Position(c) => {
                let mut t = vec![c.article.as_str()];
                t.extend(c.path.as_deref());
                t
            }
            Change::Read(c) => {
                let mut t = vec![c.article.as_str()];
                t.extend(c.path.as_deref());
                t.extend(c.hash.as_deref());
                t
            }
        }
    }
}

/// A change and when it was made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub clock: Clock,
    #[serde(flatten)]
    pub change: Change,
}

impl Record {
    /// The record as JSON, without its checksum: what the store keeps and a line carries.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a record serialises")
    }
}

/// Whether a record `(clock, change, text)` beats the one a register holds: the later clock,
/// a read mark on a tie of time, then the machine, then the text (only a copied machine id
/// could make two records alike this far).
pub fn beats(new: (&Clock, &Change, &str), old: (&Clock, &Change, &str)) -> bool {
    let time = |c: &Clock| (c.wall, c.counter);
    let order = time(new.0)
        .cmp(&time(old.0))
        .then_with(|| new.1.tie_rank().cmp(&old.1.tie_rank()))
        .then_with(|| new.0.machine.cmp(&old.0.machine))
        .then_with(|| new.2.cmp(old.2));
    order == Ordering::Greater
}

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
        Change::Read(_) => &[],
    };
    if numbers.iter().any(|&n| i64::try_from(n).is_err()) {
        return Err("a number too large".to_owned());
    }
    let fingerprint = change.fingerprint();
    if fingerprint.is_empty()
        || fingerprint.len() > 128
        || !fingerprint.bytes().all(|b| b.is_ascii_graphic())
    {
        return Err("bad fingerprint".to_owned());
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
    fn clocks_order_by_time_then_counter_then_machine() {
        assert!(clock(2, 0, "a") > clock(1, 9, "f"));
        assert!(clock(1, 2, "a") > clock(1, 1, "f"));
        assert!(clock(1, 1, "b") > clock(1, 1, "a"));
        let c = clock(1_700_000_000_123, 4, "0a1b");
        assert_eq!(Clock::parse(&c.to_string()), Some(c.clone()));
        assert_eq!(c.after("ff"), clock(1_700_000_000_123, 5, "ff"));
        assert_eq!(Clock::parse("1.2.XY"), None);
        assert_eq!(Clock::parse("1.2"), None);
    }

    fn read(read: bool) -> Change {
        Change::Read(ReadMark {
            fingerprint: "f".into(),
            article: "A".into(),
            path: None,
            read,
            hash: read.then(|| "h".to_owned()),
        })
    }

    #[test]
    fn a_read_mark_wins_a_tie_of_time_whatever_the_machine() {
        let (r, u) = (read(true), read(false));
        let (cr, cu) = (clock(5, 0, "aa"), clock(5, 0, "bb"));
        assert!(beats((&cr, &r, "x"), (&cu, &u, "y")));
        assert!(!beats((&cu, &u, "y"), (&cr, &r, "x")));
        // but a later unread wins
        let later = clock(5, 1, "aa");
        assert!(beats((&later, &u, "y"), (&cr, &r, "x")));
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
        let newer = frame(r#"{"clock":"1.0.ab","kind":"tag.add","tag":"x"}"#);
        assert_eq!(
            parse_line(newer.trim_end().as_bytes()).unwrap().0,
            Line::Newer("tag.add".into())
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

    #[test]
    fn keys_follow_the_stores_columns() {
        let key = |part: &str, index, paragraph| {
            Change::BookmarkRemove(BookmarkKey {
                fingerprint: "f".into(),
                part: part.into(),
                index,
                paragraph,
            })
            .register()
            .1
        };
        assert_eq!(key("key_point", 3, Some(2)), key("key_point", 3, None));
        assert_eq!(key("lead", 5, Some(1)), key("lead", 0, Some(1)));
        assert_ne!(key("section", 1, Some(1)), key("section", 1, None));
        let words = Change::HighlightRemove(HighlightKey {
            fingerprint: "f".into(),
            part: "section".into(),
            index: 1,
            paragraph: Some(0),
            words: "a \"b\"".into(),
        });
        assert_eq!(words.register().1, r#"["f","section",1,0,"a \"b\""]"#);
    }
}
