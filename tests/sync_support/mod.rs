//! What the sync tests share: machines (a data folder, a home and a config each, all in a
//! temporary directory) and the sync folder they go through; a child process (this test binary
//! run again) that works on a machine's store through the library as the reader does; and a
//! store's marks as one value to compare.
#![allow(dead_code)]

use lede::article::document::{Document, Origin};
use lede::article::identity::Identity;
use lede::article::layout::Anchor;
use lede::article::passage::{Passage, Range};
use lede::article::place::Place;
use lede::article::{Article, Section};
use lede::store::{Seen, Store};
use lede::sync::record::{BookmarkKey, Change, Record, Register};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// The variable that makes this test binary a child running a script.
pub const SCRIPT: &str = "LEDE_TEST_SCRIPT";

/// The longest a command or a child may run before the test fails (and it is killed).
pub const LIMIT: Duration = Duration::from_secs(60);

/// Sections of every test article: each a place of its own to bookmark.
pub const PLACES: usize = 400;

/// A machine: its own data folder, home and config, and the sync folder it goes through.
pub struct Machine {
    pub root: TempDir,
    /// `LEDE_SYNC_DIR`; `None` for a machine that names its folder itself.
    pub sync: Option<PathBuf>,
    /// `LEDE_CLOCK_OFFSET_MS`, when its clock is to be wrong.
    pub offset_ms: Option<i64>,
}

impl Machine {
    pub fn new(sync: &Path) -> Machine {
        let root = tempfile::tempdir().unwrap();
        for sub in ["home", "data", "config", "cache", "state"] {
            std::fs::create_dir_all(root.path().join(sub)).unwrap();
        }
        Machine {
            root,
            sync: Some(sync.to_path_buf()),
            offset_ms: None,
        }
    }

    /// A machine with no `LEDE_SYNC_DIR`: `lede sync init` names its folder.
    pub fn without_folder() -> Machine {
        let mut machine = Machine::new(Path::new("/"));
        machine.sync = None;
        machine
    }

    pub fn data(&self) -> PathBuf {
        self.root.path().join("data/lede")
    }

    /// Every variable that points lede at this machine's folders, and at no real one.
    pub fn vars(&self) -> Vec<(&'static str, PathBuf)> {
        let root = self.root.path();
        let mut vars = vec![
            ("HOME", root.join("home")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("XDG_CACHE_HOME", root.join("cache")),
            ("XDG_STATE_HOME", root.join("state")),
            ("LEDE_DATA_DIR", self.data()),
            ("LEDE_CONFIG", root.join("config/config.toml")),
            ("RUST_BACKTRACE", "1".into()),
        ];
        if let Some(sync) = &self.sync {
            vars.push(("LEDE_SYNC_DIR", sync.clone()));
        }
        if let Some(offset) = self.offset_ms {
            vars.push((
                lede::store::CLOCK_OFFSET_VAR,
                PathBuf::from(offset.to_string()),
            ));
        }
        vars
    }

    /// `lede` with this machine's variables; killed if it runs past [`LIMIT`].
    fn lede_command(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd =
            assert_cmd::Command::from_std(self.command(Path::new(env!("CARGO_BIN_EXE_lede"))));
        cmd.args(args).timeout(LIMIT);
        cmd
    }

    fn command(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        for (key, value) in self.vars() {
            cmd.env(key, value);
        }
        cmd
    }

    /// Runs `lede ARGS…` on this machine to its end; its stdout. Fails the test on a failure
    /// or a panic.
    pub fn lede(&self, args: &[&str]) -> String {
        let out = self.lede_command(args).output().unwrap();
        let (stdout, stderr) = texts(&out);
        assert!(
            out.status.success(),
            "lede {args:?} failed ({}): {stderr}",
            out.status
        );
        stdout
    }

    /// As [`Machine::lede`], also giving stderr.
    pub fn lede_both(&self, args: &[&str]) -> (String, String) {
        let out = self.lede_command(args).output().unwrap();
        let (stdout, stderr) = texts(&out);
        assert!(
            out.status.success(),
            "lede {args:?} failed ({}): {stderr}",
            out.status
        );
        (stdout, stderr)
    }

    /// As [`Machine::lede`], expecting failure: exit 1 and one line on stderr.
    pub fn lede_fails(&self, args: &[&str]) -> String {
        let out = self.lede_command(args).output().unwrap();
        let (_, stderr) = texts(&out);
        assert_eq!(out.status.code(), Some(1), "lede {args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "lede {args:?}: {stderr}");
        stderr
    }

    /// Starts this test binary as a child running `script` on this machine's store.
    pub fn child(&self, script: &str) -> Reaped {
        let child = self
            .command(&std::env::current_exe().unwrap())
            .args(["--exact", "child_entry", "--nocapture", "--test-threads=1"])
            .env(SCRIPT, script)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        Reaped(child)
    }

    /// Runs `script` in a child to its end (killed past [`LIMIT`]); the lines it printed.
    pub fn script(&self, script: &str) -> Vec<String> {
        let mut child = self.child(script);
        let mut stdout = child.0.stdout.take().unwrap();
        let reading = std::thread::spawn(move || {
            let mut out = String::new();
            let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
            out
        });
        let started = Instant::now();
        while !reading.is_finished() {
            // the guard kills the child as the test fails
            assert!(
                started.elapsed() < LIMIT,
                "script {script:?} runs past {LIMIT:?}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        let out = reading.join().unwrap();
        let status = child.0.wait().unwrap();
        assert!(status.success(), "script {script:?} failed: {status}");
        out.lines()
            .filter_map(|l| l.strip_prefix("> "))
            .map(str::to_owned)
            .collect()
    }

    pub fn store(&self) -> Store {
        let opened = Store::open_in(&self.data());
        opened
            .store
            .unwrap_or_else(|| panic!("no store: {:?}", opened.notices))
    }

    pub fn state(&self) -> State {
        State::of(&self.store())
    }
}

fn texts(out: &Output) -> (String, String) {
    let stdout = String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8");
    let stderr = String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8");
    let lower = stderr.to_lowercase();
    assert!(
        !lower.contains("panicked") && !lower.contains("backtrace"),
        "{stderr}"
    );
    (stdout, stderr)
}

/// Kills and reaps a child on drop, whatever happened to the test.
pub struct Reaped(pub Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A test article: a title, a lead and [`PLACES`] sections of one paragraph each.
pub fn article(name: &str) -> Article {
    Article {
        title: format!("Article {name}"),
        lead: vec![format!("The lead of article {name}.")],
        sections: (0..PLACES)
            .map(|i| Section {
                heading: format!("Section {i}"),
                paragraphs: vec![format!("Paragraph of section {i} in {name} has words.")],
            })
            .collect(),
        ..Article::default()
    }
}

pub fn fingerprint(name: &str) -> String {
    let mut small = article(name);
    small.sections.clear();
    Identity::of(&small).fingerprint
}

/// An article as the store is told it was opened.
pub struct Opened {
    pub doc: Document,
    pub seen: Seen,
}

pub fn opened(name: &str) -> Opened {
    let article = article(name);
    let doc = Document::new(&article);
    let seen = Seen {
        identity: Identity::of(&article),
        title: article.title.clone(),
        path: None,
        words: article.word_count(),
    };
    Opened { doc, seen }
}

impl Opened {
    fn block(&self, section: usize) -> usize {
        self.doc
            .blocks()
            .position(|b| b.origin == Origin::SectionParagraph(section, 0))
            .unwrap()
    }

    pub fn place(&self, section: usize) -> Place {
        Place::at(&self.doc, self.block(section), 0).unwrap()
    }

    pub fn passage(&self, section: usize) -> Passage {
        let block = self.block(section);
        // the whole paragraph: the first words of every section's are alike
        let len = self.doc.text(block).len();
        let range = Range::between(Anchor { block, byte: 0 }, Anchor { block, byte: len });
        Passage::of(&self.doc, range).unwrap()
    }

    pub fn anchor(&self, section: usize) -> Anchor {
        Anchor {
            block: self.block(section),
            byte: 0,
        }
    }

    /// The key of the bookmark at a section in the `Bookmark` register.
    pub fn bookmark_key(&self, section: usize) -> String {
        let (part, index, paragraph) = self.place(section).key();
        Change::BookmarkRemove(BookmarkKey {
            fingerprint: self.seen.identity.fingerprint.clone(),
            part: part.to_owned(),
            index,
            paragraph,
        })
        .register()
        .1
    }
}

/// Everything a store shows of bookmarks, highlights, positions and read marks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// (fingerprint, place) to note.
    pub bookmarks: BTreeMap<(String, String), String>,
    /// (fingerprint, place, words) to (note, colour).
    pub highlights: BTreeMap<(String, String, String), (String, u8)>,
    /// fingerprint to (block, byte, percent).
    pub positions: BTreeMap<String, (usize, usize, u8)>,
    /// Articles read.
    pub read: Vec<String>,
    /// (fingerprint, tag).
    pub tags: Vec<(String, String)>,
    /// (name, query).
    pub searches: Vec<(String, String)>,
}

fn place_key(place: &Place) -> String {
    format!("{:?}", place.key())
}

impl State {
    pub fn of(store: &Store) -> State {
        let mut state = State::default();
        for row in store.all_bookmarks().unwrap() {
            state.bookmarks.insert(
                (row.article.fingerprint, place_key(&row.bookmark.place)),
                row.bookmark.note,
            );
        }
        for row in store.all_highlights().unwrap() {
            let h = row.highlight;
            state.highlights.insert(
                (
                    row.article.fingerprint,
                    place_key(&h.passage.place),
                    h.passage.words,
                ),
                (h.note, h.colour),
            );
        }
        for record in store.articles().unwrap() {
            if let Some(anchor) = record.position {
                state.positions.insert(
                    record.fingerprint.clone(),
                    (anchor.block, anchor.byte, record.percent),
                );
            }
            if record.read_hash.is_some() {
                state.read.push(record.fingerprint);
            }
        }
        state.read.sort();
        for (fingerprint, tags) in store.all_tags().unwrap() {
            state
                .tags
                .extend(tags.into_iter().map(|t| (fingerprint.clone(), t)));
        }
        state.tags.sort();
        state.searches = store.saved_searches().unwrap();
        state
    }

    /// The notes of an article's bookmarks, by section label.
    pub fn count_of(&self, fingerprint: &str) -> usize {
        self.bookmarks
            .keys()
            .filter(|(f, _)| f == fingerprint)
            .count()
    }
}

/// Prints a line the parent reads (`> ` first, to tell it from the harness's own output).
fn say(line: &str) {
    let mut out = std::io::stdout().lock();
    writeln!(out, "> {line}").unwrap();
    out.flush().unwrap();
}

/// A small deterministic generator (no extra crate for the tests).
pub struct Lcg(pub u64);

impl Lcg {
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

/// Prints the record a register holds now, as `record JSON`.
fn say_register(store: &Store, register: Register, key: &str) {
    if let Some((_, json)) = store.sync_item(register, key).unwrap() {
        say(&format!("record {json}"));
    }
}

fn sync(store: &mut Store, limits: lede::sync::Limits) {
    let folder = PathBuf::from(std::env::var_os("LEDE_SYNC_DIR").expect("a sync folder"));
    let outcome = lede::sync::sync(store, &folder, limits).expect("synced");
    say(&format!(
        "synced adopted={} written={} notices={}{}",
        outcome.merged.adopted,
        outcome.written,
        outcome.notices.len(),
        outcome
            .notices
            .iter()
            .map(|n| format!(" | {n}"))
            .collect::<String>()
    ));
}

/// A child's work: the script in [`SCRIPT`], ops separated by `;`:
///
/// - `add A I NOTE`, `remove A I`, `note A I TEXT`: a bookmark at section I of article A;
/// - `highlight A I COLOUR NOTE`, `unhighlight A I`, `colour A I C`: a highlight there;
/// - `position A I PERCENT`, `read A`, `unread A`, `tag A T`, `untag A T`;
/// - `save NAME QUERY`, `forget NAME`: a saved search;
/// - `sync`, `sync-small N` (compacting after N records);
/// - `bulk A N`: N bookmarks on A, `saved i` after each;
/// - `killable A N LIMIT`: as bulk, syncing (compacting after LIMIT) after each;
/// - `random SEED MS`: adds, removes and notes at random on article `shared` for MS ms,
///   printing each record made, syncing now and then.
pub fn child_main() {
    let Ok(script) = std::env::var(SCRIPT) else {
        return;
    };
    let opened_store = Store::open_default();
    let mut store = opened_store
        .store
        .unwrap_or_else(|| panic!("no store: {:?}", opened_store.notices));
    for op in script.split(';').map(str::trim).filter(|o| !o.is_empty()) {
        let words: Vec<&str> = op.split_whitespace().collect();
        let number = |i: usize| -> usize { words[i].parse().unwrap() };
        match words[0] {
            "add" => {
                let a = opened(words[1]);
                store
                    .add_bookmark(&a.seen, &a.place(number(2)), words.get(3).unwrap_or(&""))
                    .unwrap();
            }
            "remove" => {
                let a = opened(words[1]);
                store
                    .remove_bookmark_at(&a.seen.identity.fingerprint, &a.place(number(2)))
                    .unwrap();
            }
            "note" => {
                let a = opened(words[1]);
                let place = a.place(number(2));
                let id = store
                    .bookmarks_of(&a.seen.identity.fingerprint)
                    .unwrap()
                    .into_iter()
                    .find(|b| b.place.key() == place.key())
                    .expect("a bookmark to note")
                    .id;
                store.set_note(id, words[3]).unwrap();
            }
            "highlight" => {
                let a = opened(words[1]);
                let colour: u8 = words[3].parse().unwrap();
                store
                    .add_highlight(
                        &a.seen,
                        &a.passage(number(2)),
                        words.get(4).unwrap_or(&""),
                        colour,
                    )
                    .unwrap();
            }
            "unhighlight" | "colour" => {
                let a = opened(words[1]);
                let passage = a.passage(number(2));
                let id = store
                    .highlights_of(&a.seen.identity.fingerprint)
                    .unwrap()
                    .into_iter()
                    .find(|h| {
                        h.passage.words == passage.words
                            && h.passage.place.key() == passage.place.key()
                    })
                    .expect("a highlight")
                    .id;
                if words[0] == "colour" {
                    store
                        .set_highlight_colour(id, words[3].parse().unwrap())
                        .unwrap();
                } else {
                    store.remove_highlight(id).unwrap();
                }
            }
            "position" => {
                let a = opened(words[1]);
                let percent: u8 = words[3].parse().unwrap();
                store
                    .save_position(&a.seen, a.anchor(number(2)), percent, false)
                    .unwrap();
            }
            "tag" | "untag" => {
                let a = opened(words[1]);
                let tag = vec![words[2].to_owned()];
                let (add, remove) = if words[0] == "tag" {
                    (tag, Vec::new())
                } else {
                    (Vec::new(), tag)
                };
                store.change_tags(&a.seen, &add, &remove).unwrap();
            }
            "save" => store.save_search(words[1], words[2]).unwrap(),
            "forget" => {
                store.forget_search(words[1]).unwrap();
            }
            "read" | "unread" => {
                let a = opened(words[1]);
                store.set_read(&a.seen, words[0] == "read").unwrap();
            }
            "sync" => sync(&mut store, lede::sync::Limits::default()),
            "sync-small" => sync(
                &mut store,
                lede::sync::Limits {
                    records: number(1) as u64,
                    bytes: 1 << 20,
                },
            ),
            "bulk" => {
                let a = opened(words[1]);
                for i in 0..number(2) {
                    store
                        .add_bookmark(&a.seen, &a.place(i), &format!("note {i}"))
                        .unwrap();
                    say(&format!("saved {i}"));
                }
            }
            "killable" => {
                let a = opened(words[1]);
                let limits = lede::sync::Limits {
                    records: number(3) as u64,
                    bytes: 1 << 20,
                };
                let folder = PathBuf::from(std::env::var_os("LEDE_SYNC_DIR").unwrap());
                for i in 0..number(2) {
                    store
                        .add_bookmark(&a.seen, &a.place(i), &format!("note {i}"))
                        .unwrap();
                    say(&format!("saved {i}"));
                    lede::sync::sync(&mut store, &folder, limits).unwrap();
                }
            }
            "random" => random(&mut store, number(1) as u64, number(2) as u64),
            other => panic!("unknown op {other}"),
        }
        say(&format!("done {}", words[0]));
    }
}

/// Places on the shared article the random child works on.
pub const RANDOM_PLACES: usize = 12;

fn random(store: &mut Store, seed: u64, millis: u64) {
    let a = opened("shared");
    let mut random = Lcg(seed);
    let started = Instant::now();
    let mut n = 0;
    while started.elapsed() < Duration::from_millis(millis) {
        n += 1;
        let section = random.next(RANDOM_PLACES as u64) as usize;
        let place = a.place(section);
        let key = a.bookmark_key(section);
        let present = store
            .bookmarks_of(&a.seen.identity.fingerprint)
            .unwrap()
            .into_iter()
            .find(|b| b.place.key() == place.key());
        match (random.next(3), present) {
            (0, Some(bookmark)) => {
                store
                    .set_note(bookmark.id, &format!("s{seed}-{n}"))
                    .unwrap();
                say_register(store, Register::BookmarkNote, &key);
            }
            (1, Some(bookmark)) => {
                store.remove_bookmark(bookmark.id).unwrap();
                say_register(store, Register::Bookmark, &key);
            }
            _ => {
                store
                    .add_bookmark(&a.seen, &place, &format!("s{seed}-{n}"))
                    .unwrap();
                say_register(store, Register::Bookmark, &key);
                say_register(store, Register::BookmarkNote, &key);
            }
        }
        if random.next(6) == 0 {
            sync(store, lede::sync::Limits::default());
        }
        std::thread::sleep(Duration::from_millis(random.next(8)));
    }
    sync(store, lede::sync::Limits::default());
}

/// The records a child printed.
pub fn records(lines: &[String]) -> Vec<Record> {
    lines
        .iter()
        .filter_map(|l| l.strip_prefix("record "))
        .map(|json| serde_json::from_str(json).unwrap())
        .collect()
}
