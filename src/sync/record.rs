//! What a sync log holds: changes, each stamped with a hybrid logical clock, and the registers
//! they write to (see `line.rs` for how a line carries one). Pure values in and out: no files,
//! no database.

pub use super::line::{crc32, frame, parse_header, parse_line, Header, Line, FORMAT, MAX_LINE};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::fmt;

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

/// A tag put on an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagAdd {
    pub fingerprint: String,
    pub article: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub tag: String,
}

/// A tag taken off an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagKey {
    pub fingerprint: String,
    pub tag: String,
}

/// A library filter kept under a name (the library's saved searches).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchSave {
    pub name: String,
    pub query: String,
}

/// A saved search forgotten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchForget {
    pub name: String,
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
    #[serde(rename = "tag.add")]
    TagAdd(TagAdd),
    #[serde(rename = "tag.remove")]
    TagRemove(TagKey),
    #[serde(rename = "search.save")]
    SearchSave(SearchSave),
    #[serde(rename = "search.forget")]
    SearchForget(SearchForget),
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
    "tag.add",
    "tag.remove",
    "search.save",
    "search.forget",
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
    /// Whether an article has a tag.
    Tag,
    /// A saved search's query, or that it was forgotten.
    Search,
}

impl Register {
    pub const ALL: [Register; 9] = [
        Register::Bookmark,
        Register::BookmarkNote,
        Register::Highlight,
        Register::HighlightNote,
        Register::HighlightColour,
        Register::Position,
        Register::Read,
        Register::Tag,
        Register::Search,
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
            Register::Tag => "tag",
            Register::Search => "search",
        }
    }
}

/// The parts of an article a place can be in (as the store's columns name them).
pub(super) const PARTS: &[&str] = &["lead", "section", "key_point", "summary", "faq"];

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
            Change::TagAdd(_) => "tag.add",
            Change::TagRemove(_) => "tag.remove",
            Change::SearchSave(_) => "search.save",
            Change::SearchForget(_) => "search.forget",
        }
    }

    /// The article the change is about; `None` for a saved search, which is about none.
    pub fn article(&self) -> Option<&str> {
        Some(match self {
            Change::BookmarkAdd(c) => &c.fingerprint,
            Change::BookmarkRemove(c) => &c.fingerprint,
            Change::BookmarkNote(c) => &c.fingerprint,
            Change::HighlightAdd(c) => &c.fingerprint,
            Change::HighlightRemove(c) => &c.fingerprint,
            Change::HighlightNote(c) => &c.fingerprint,
            Change::HighlightColour(c) => &c.fingerprint,
            Change::Position(c) => &c.fingerprint,
            Change::Read(c) => &c.fingerprint,
            Change::TagAdd(c) => &c.fingerprint,
            Change::TagRemove(c) => &c.fingerprint,
            Change::SearchSave(_) | Change::SearchForget(_) => return None,
        })
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
            Change::TagAdd(TagAdd {
                fingerprint, tag, ..
            })
            | Change::TagRemove(TagKey { fingerprint, tag }) => (
                Register::Tag,
                serde_json::to_string(&(fingerprint, tag)).expect("a pair serialises"),
            ),
            Change::SearchSave(SearchSave { name, .. })
            | Change::SearchForget(SearchForget { name }) => (Register::Search, name.clone()),
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
    pub(super) fn part(&self) -> Option<&str> {
        match self {
            Change::BookmarkAdd(c) => Some(&c.part),
            Change::BookmarkRemove(c) => Some(&c.part),
            Change::BookmarkNote(c) => Some(&c.part),
            Change::HighlightAdd(c) => Some(&c.part),
            Change::HighlightRemove(c) => Some(&c.part),
            Change::HighlightNote(c) => Some(&c.part),
            Change::HighlightColour(c) => Some(&c.part),
            Change::Position(_)
            | Change::Read(_)
            | Change::TagAdd(_)
            | Change::TagRemove(_)
            | Change::SearchSave(_)
            | Change::SearchForget(_) => None,
        }
    }

    /// Every text it holds.
    pub(super) fn texts(&self) -> Vec<&str> {
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
            Change::TagAdd(c) => {
                let mut t = vec![c.article.as_str(), &c.tag];
                t.extend(c.path.as_deref());
                t
            }
            Change::TagRemove(c) => vec![&c.tag],
            Change::SearchSave(c) => vec![&c.name, &c.query],
            Change::SearchForget(c) => vec![&c.name],
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
