//! A property of the merge: any interleaving, batching and duplication of the same records
//! gives the same store, and the store the latest record of each register says.

mod sync_support;

use lede::store::{Batch, Store};
use lede::sync::record::{
    beats, BookmarkAdd, BookmarkKey, BookmarkNote, Change, Clock, Header, HighlightAdd,
    HighlightColour, HighlightKey, HighlightNote, Position, ReadMark, Record, Register,
    SearchForget, SearchSave, TagAdd, TagKey,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, HashMap};
use sync_support::State;

const MACHINES: [&str; 3] = ["aa", "bb", "cc"];

fn fingerprint(article: usize) -> String {
    format!("f{article}")
}

fn bookmark(article: usize, section: usize) -> BookmarkAdd {
    BookmarkAdd {
        fingerprint: fingerprint(article),
        article: format!("Article {article}"),
        path: None,
        part: "section".to_owned(),
        index: section,
        heading: format!("Section {section}"),
        paragraph: Some(0),
        quote: "Some words".to_owned(),
        created: 1_700_000_000,
    }
}

fn highlight(article: usize, words: usize) -> HighlightAdd {
    HighlightAdd {
        fingerprint: fingerprint(article),
        article: format!("Article {article}"),
        path: None,
        part: "section".to_owned(),
        index: 1,
        heading: "Section 1".to_owned(),
        paragraph: Some(0),
        quote: "Some words".to_owned(),
        words: format!("words {words}"),
        before: String::new(),
        after: String::new(),
        colour: 2,
        created: 1_700_000_000,
    }
}

fn change() -> impl Strategy<Value = Change> {
    let article = 0..2usize;
    let note = prop::sample::select(vec!["", "one", "two"]);
    prop_oneof![
        (article.clone(), 0..3usize).prop_map(|(a, s)| Change::BookmarkAdd(bookmark(a, s))),
        (article.clone(), 0..3usize).prop_map(|(a, s)| Change::BookmarkRemove(BookmarkKey {
            fingerprint: fingerprint(a),
            part: "section".to_owned(),
            index: s,
            paragraph: Some(0),
        })),
        (article.clone(), 0..3usize, note.clone()).prop_map(|(a, s, n)| {
            Change::BookmarkNote(BookmarkNote {
                fingerprint: fingerprint(a),
                part: "section".to_owned(),
                index: s,
                paragraph: Some(0),
                note: n.to_owned(),
            })
        }),
        (article.clone(), 0..2usize).prop_map(|(a, w)| Change::HighlightAdd(highlight(a, w))),
        (article.clone(), 0..2usize).prop_map(|(a, w)| Change::HighlightRemove(HighlightKey {
            fingerprint: fingerprint(a),
            part: "section".to_owned(),
            index: 1,
            paragraph: Some(0),
            words: format!("words {w}"),
        })),
        (article.clone(), 0..2usize, note).prop_map(|(a, w, n)| {
            Change::HighlightNote(HighlightNote {
                fingerprint: fingerprint(a),
                part: "section".to_owned(),
                index: 1,
                paragraph: Some(0),
                words: format!("words {w}"),
                note: n.to_owned(),
            })
        }),
        (article.clone(), 0..2usize, 0..7u8).prop_map(|(a, w, c)| {
            Change::HighlightColour(HighlightColour {
                fingerprint: fingerprint(a),
                part: "section".to_owned(),
                index: 1,
                paragraph: Some(0),
                words: format!("words {w}"),
                colour: c,
            })
        }),
        (article.clone(), 0..5usize, 0..3usize, 0..120u8).prop_map(|(a, block, byte, p)| {
            Change::Position(Position {
                fingerprint: fingerprint(a),
                article: format!("Article {a}"),
                path: None,
                block,
                byte,
                percent: p,
            })
        }),
        (article.clone(), 0..3usize).prop_map(|(a, t)| Change::TagAdd(TagAdd {
            fingerprint: fingerprint(a),
            article: format!("Article {a}"),
            path: None,
            tag: format!("tag{t}"),
        })),
        (article.clone(), 0..3usize).prop_map(|(a, t)| Change::TagRemove(TagKey {
            fingerprint: fingerprint(a),
            tag: format!("tag{t}"),
        })),
        (0..2usize, 0..3usize).prop_map(|(n, q)| Change::SearchSave(SearchSave {
            name: format!("search {n}"),
            query: format!("#tag{q}"),
        })),
        (0..2usize).prop_map(|n| Change::SearchForget(SearchForget {
            name: format!("search {n}"),
        })),
        (article, any::<bool>()).prop_map(|(a, read)| Change::Read(ReadMark {
            fingerprint: fingerprint(a),
            article: format!("Article {a}"),
            path: None,
            read,
            hash: read.then(|| "h1".to_owned()),
        })),
    ]
}

/// Records from three machines, with few distinct times so that ties happen.
fn records() -> impl Strategy<Value = Vec<Record>> {
    prop::collection::vec(
        (0..3usize, 1..8i64, 0..2u32, change()).prop_map(|(m, wall, counter, change)| Record {
            clock: Clock {
                wall: 1_700_000_000_000 + wall,
                counter,
                machine: MACHINES[m].to_owned(),
            },
            change,
        }),
        1..40,
    )
}

/// One delivery of the records: each a number of times, in an order, in batches (files),
/// merged by a number of syncs.
#[derive(Debug, Clone)]
struct Delivery {
    /// Indices into the records, repeated and shuffled.
    order: Vec<usize>,
    /// Where each batch ends (a sync between any two).
    cuts: Vec<usize>,
}

fn delivery(n: usize) -> impl Strategy<Value = Delivery> {
    prop::collection::vec(1..4usize, n)
        .prop_flat_map(|times| {
            let order: Vec<usize> = times
                .iter()
                .enumerate()
                .flat_map(|(i, &t)| std::iter::repeat_n(i, t))
                .collect();
            let len = order.len();
            (
                Just(order).prop_shuffle(),
                prop::collection::vec(0..=len, 0..4),
            )
        })
        .prop_map(|(order, mut cuts)| {
            cuts.sort_unstable();
            Delivery { order, cuts }
        })
}

/// Merges the records as delivered into a fresh store; what it shows.
fn merged(records: &[Record], delivery: &Delivery) -> (State, Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in(dir.path()).store.unwrap();
    let mut start = 0;
    let ends = delivery
        .cuts
        .iter()
        .copied()
        .chain(std::iter::once(delivery.order.len()));
    for (n, end) in ends.enumerate() {
        let slice = &delivery.order[start..end.max(start)];
        start = end.max(start);
        let batch = Batch {
            path: format!("/sync/host{}.{n}.lede", n % 3),
            header: Some((
                Header {
                    lede_sync: 1,
                    machine: MACHINES[n % 3].to_owned(),
                    host: format!("host{}", n % 3),
                    generation: 1,
                },
                format!("head {n}"),
            )),
            fresh: true,
            records: slice
                .iter()
                .map(|&i| (records[i].clone(), records[i].to_json()))
                .collect(),
            ..Batch::default()
        };
        let report = store.sync_merge(&[batch]).unwrap();
        assert_eq!(report.adopted, 0, "nothing to adopt from merges alone");
    }
    (State::of(&store), store, dir)
}

/// What the latest record of each register says the store shows.
fn expected(records: &[Record]) -> State {
    let mut latest: HashMap<(Register, String), (Record, String)> = HashMap::new();
    for r in records {
        let json = r.to_json();
        let slot = r.change.register();
        let wins = latest.get(&slot).is_none_or(|(old, old_json)| {
            beats(
                (&r.clock, &r.change, &json),
                (&old.clock, &old.change, old_json),
            )
        });
        if wins {
            latest.insert(slot, (r.clone(), json));
        }
    }
    let held = |register: Register, key: &str| {
        latest
            .get(&(register, key.to_owned()))
            .map(|(r, _)| &r.change)
    };
    let mut state = State::default();
    let mut read = BTreeMap::new();
    for ((register, key), (record, _)) in &latest {
        match (register, &record.change) {
            (Register::Bookmark, Change::BookmarkAdd(add)) => {
                let note = match held(Register::BookmarkNote, key) {
                    Some(Change::BookmarkNote(n)) => n.note.clone(),
                    _ => String::new(),
                };
                let place = format!("{:?}", (add.part.as_str(), add.index, add.paragraph));
                state
                    .bookmarks
                    .insert((add.fingerprint.clone(), place), note);
            }
            (Register::Highlight, Change::HighlightAdd(add)) => {
                let note = match held(Register::HighlightNote, key) {
                    Some(Change::HighlightNote(n)) => n.note.clone(),
                    _ => String::new(),
                };
                let colour = match held(Register::HighlightColour, key) {
                    Some(Change::HighlightColour(c)) => c.colour,
                    _ => add.colour,
                };
                let colour = if (1..=4).contains(&colour) { colour } else { 1 };
                let place = format!("{:?}", (add.part.as_str(), add.index, add.paragraph));
                state.highlights.insert(
                    (add.fingerprint.clone(), place, add.words.clone()),
                    (note, colour),
                );
            }
            (Register::Position, Change::Position(p)) => {
                state
                    .positions
                    .insert(p.fingerprint.clone(), (p.block, p.byte, p.percent.min(100)));
            }
            (Register::Read, Change::Read(r)) => {
                read.insert(r.fingerprint.clone(), r.read);
            }
            (Register::Tag, Change::TagAdd(t)) => {
                state.tags.push((t.fingerprint.clone(), t.tag.clone()));
            }
            (Register::Search, Change::SearchSave(s)) => {
                state.searches.push((s.name.clone(), s.query.clone()));
            }
            _ => {}
        }
    }
    state.read = read
        .into_iter()
        .filter(|(_, r)| *r)
        .map(|(f, _)| f)
        .collect();
    state.tags.sort();
    state.searches.sort();
    state
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_delivery_of_the_same_records_merges_to_the_same_store(
        (records, first, second) in records().prop_flat_map(|records| {
            let n = records.len();
            (Just(records), delivery(n), delivery(n))
        })
    ) {
        let (one, mut store, _dir) = merged(&records, &first);
        let (two, _, _dir2) = merged(&records, &second);
        prop_assert_eq!(&one, &two);
        prop_assert_eq!(&one, &expected(&records));
        // and all of them once more changes nothing
        let again = Batch {
            path: "/sync/again.lede".to_owned(),
            header: Some((
                Header {
                    lede_sync: 1,
                    machine: "dd".to_owned(),
                    host: "again".to_owned(),
                    generation: 1,
                },
                "again".to_owned(),
            )),
            fresh: true,
            records: records.iter().map(|r| (r.clone(), r.to_json())).collect(),
            ..Batch::default()
        };
        let report = store.sync_merge(&[again]).unwrap();
        prop_assert!(!report.changed(), "{:?}", report);
        prop_assert_eq!(State::of(&store), one);
    }
}
