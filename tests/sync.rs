//! Sync between machines, for real: several data folders, one sync folder (or one each with
//! this test as the sync tool between them), child processes working on the stores as the
//! reader does, the `lede sync` commands, kills at random moments.

mod sync_support;

use lede::sync::files::{self, parse_log_name};
use lede::sync::record::{self, beats, frame, Change, Record, Register};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::{Duration, Instant};
use sync_support::{fingerprint, opened, records, Lcg, Machine, Reaped, RANDOM_PLACES};

/// Runs as a child when asked to; otherwise does nothing (so the harness can list it).
#[test]
fn child_entry() {
    sync_support::child_main();
}

/// The logs in a folder, by name.
fn logs(folder: &Path) -> Vec<String> {
    files::list(folder)
        .unwrap()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn two_machines_apart_then_a_third_joining_hold_all_400() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let b = Machine::new(folder.path());
    // a works alone, writes its log; then b alone, which reads a's and writes its own
    a.script("bulk a 200");
    let said = a.lede(&["sync", "now"]);
    assert!(said.contains("nothing new from other machines"), "{said}");
    b.script("bulk b 200");
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged 200 bookmarks from "), "{said}");
    assert_eq!(b.state().bookmarks.len(), 400);
    // a, opened again, gets b's
    let said = a.lede(&["sync", "now"]);
    assert!(said.contains("merged 200 bookmarks from "), "{said}");
    let state = a.state();
    assert_eq!(state.bookmarks.len(), 400);
    assert_eq!(state.count_of(&fingerprint("a")), 200);
    assert_eq!(state.count_of(&fingerprint("b")), 200);
    assert_eq!(state, b.state());
    assert!(state
        .bookmarks
        .values()
        .all(|note| note.starts_with("note ")));
    // a third, later, through `lede sync init`
    let c = Machine::without_folder();
    let folder_arg = folder.path().to_str().unwrap();
    let said = c.lede(&["sync", "init", folder_arg]);
    assert!(said.starts_with("syncing through "), "{said}");
    assert!(said.contains("merged 400 bookmarks from "), "{said}");
    assert_eq!(c.state(), state);
    // it keeps the folder: the status names it and the other two
    let status = c.lede(&["sync", "status"]);
    assert!(status.contains("(from lede sync init)"), "{status}");
    assert!(
        status.contains("waiting to be written: 0 changes"),
        "{status}"
    );
    assert_eq!(
        status.matches("records read").count(),
        2,
        "two others:\n{status}"
    );
    assert!(status.contains("skipped: nothing"), "{status}");
    // nothing more to do the second time
    let said = c.lede(&["sync", "now"]);
    assert!(said.contains("nothing new from other machines"), "{said}");
    assert!(said.contains("no changes to write"), "{said}");
    assert_eq!(logs(folder.path()).len(), 3);
}

#[test]
fn a_cut_record_waits_a_bad_one_is_said_once_and_a_newer_kind_is_kept_out() {
    let from = tempfile::tempdir().unwrap();
    let to = tempfile::tempdir().unwrap();
    let a = Machine::new(from.path());
    let b = Machine::new(to.path());
    a.script("add x 1 one; add x 2 two; sync");
    let name = logs(from.path()).pop().unwrap();
    let text = std::fs::read_to_string(from.path().join(&name)).unwrap();
    // carried cut in the middle of its last record (the second bookmark's note)
    let cut = text.len() - 20;
    std::fs::write(to.path().join(&name), &text[..cut]).unwrap();
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged 2 bookmarks from "), "{said}");
    let notes: Vec<String> = b.state().bookmarks.into_values().collect();
    assert_eq!(notes, ["one", ""]);
    // the rest arrives: the note is read, nothing else again
    std::fs::write(to.path().join(&name), &text).unwrap();
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged a bookmark from "), "{said}");
    assert_eq!(b.state(), a.state());
    // then a damaged line, a record of a kind from a newer lede and a good remove after them
    let remove = record::Record {
        clock: record::Clock {
            wall: 4_102_444_800_000,
            counter: 0,
            machine: "0123456789abcdef".to_owned(),
        },
        change: Change::BookmarkRemove(record::BookmarkKey {
            fingerprint: fingerprint("x"),
            part: "section".to_owned(),
            index: 1,
            paragraph: Some(0),
        }),
    };
    let mut damaged = frame(r#"{"clock":"1.0.ab","kind":"bookmark.note"}"#);
    damaged.replace_range(0..1, if damaged.starts_with('0') { "1" } else { "0" });
    let newer = frame(r#"{"clock":"1.0.ab","kind":"queue.add","item":"later"}"#);
    let longer = format!("{text}{damaged}{newer}{}", frame(&remove.to_json()));
    std::fs::write(to.path().join(&name), &longer).unwrap();
    let (said, warned) = b.lede_both(&["sync", "now"]);
    assert!(said.contains("merged a bookmark from "), "{said}");
    let damaged_line = text.lines().count() + 1;
    assert_eq!(
        warned,
        format!("lede: {name} line {damaged_line}: checksum does not match; skipped\n")
    );
    assert_eq!(b.state().bookmarks.len(), 1);
    // said once: not again on the next sync
    let (_, warned) = b.lede_both(&["sync", "now"]);
    assert_eq!(warned, "");
    let status = b.lede(&["sync", "status"]);
    assert!(
        status.contains(&format!(
            "{name} line {damaged_line}: checksum does not match"
        )),
        "{status}"
    );
    assert!(
        status.contains("1 record of a kind this lede does not know"),
        "{status}"
    );
    // a conflict copy a sync tool made is read too: here, section 1 made again after the remove
    let header = text.lines().next().unwrap();
    let add = a
        .store()
        .sync_item(Register::Bookmark, &opened("x").bookmark_key(1));
    let (_, add) = add.unwrap().unwrap();
    let mut again: Record = serde_json::from_str(&add).unwrap();
    again.clock.wall = 4_102_444_900_000;
    let stem = name.strip_suffix(".lede").unwrap();
    let copy = format!("{stem}.sync-conflict-20260101-120000-ABCDEFG.lede");
    std::fs::write(
        to.path().join(&copy),
        format!("{header}\n{}", frame(&again.to_json())),
    )
    .unwrap();
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged a bookmark from "), "{said}");
    assert_eq!(b.state().bookmarks.len(), 2);
    let removed_again = Record {
        clock: record::Clock {
            wall: 4_102_445_000_000,
            ..remove.clock.clone()
        },
        change: Change::BookmarkRemove(record::BookmarkKey {
            fingerprint: fingerprint("x"),
            part: "section".to_owned(),
            index: 2,
            paragraph: Some(0),
        }),
    };
    let copy2 = format!("{stem} (conflicted copy 2026-01-01).lede");
    std::fs::write(
        to.path().join(&copy2),
        format!("{header}\n{}", frame(&removed_again.to_json())),
    )
    .unwrap();
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged a bookmark from "), "{said}");
    let left: Vec<(String, String)> = b.state().bookmarks.into_keys().collect();
    assert_eq!(
        left,
        [(fingerprint("x"), "(\"section\", 1, Some(0))".to_owned())]
    );
}

#[test]
fn a_clock_an_hour_behind_cannot_undo_a_later_change() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let mut b = Machine::new(folder.path());
    b.offset_ms = Some(-3_600_000);
    let now_ms = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as i64
    };
    // b's own clock is an hour behind: what it does before it hears from a shows it
    let started = now_ms();
    b.script("position other 3 10");
    let early = b
        .store()
        .sync_item(Register::Position, &fingerprint("other"));
    let early: Record = serde_json::from_str(&early.unwrap().unwrap().1).unwrap();
    assert!(
        early.clock.wall < started - 3_500_000,
        "b's clock is behind: {}",
        early.clock
    );
    // a adds; b hears of it, then removes it, a minute later in real time but an hour
    // earlier by its clock
    a.script("add n 5 from-a; position p 10 20; sync");
    let key = opened("n").bookmark_key(5);
    let (added, _) = a
        .store()
        .sync_item(Register::Bookmark, &key)
        .unwrap()
        .unwrap();
    b.script("sync; remove n 5; position p 30 80; sync");
    let (removed, _) = b
        .store()
        .sync_item(Register::Bookmark, &key)
        .unwrap()
        .unwrap();
    assert!(removed > added, "{removed} after {added}");
    assert!(removed.wall < now_ms(), "no clock from the future");
    a.script("sync");
    let state = a.state();
    assert_eq!(state.count_of(&fingerprint("n")), 0, "the remove won");
    // the later position won too, though b's clock says it was an hour before a's
    assert_eq!(state.positions[&fingerprint("p")].2, 80);
    assert_eq!(state, b.state());
    // and a's add after it, in turn, wins over b's remove
    a.script("add n 5 again; sync");
    b.script("sync");
    assert_eq!(b.state().count_of(&fingerprint("n")), 1);
    assert_eq!(a.state(), b.state());
}

/// Copies a machine's own files from one sync folder to another, as a sync tool would: a
/// plain copy, sometimes cut short as a transfer in progress is; files gone at the source go at
/// the destination. `copied` are the names this tool put in `from` (not `from`'s own).
fn carry(
    from: &Path,
    to: &Path,
    copied_into_from: &HashSet<String>,
    copied_into_to: &mut HashSet<String>,
    random: &mut Lcg,
    whole: bool,
) -> usize {
    let mut cut = 0;
    let own: Vec<String> = logs(from)
        .into_iter()
        .filter(|n| !copied_into_from.contains(n))
        .collect();
    for name in &own {
        let Ok(bytes) = std::fs::read(from.join(name)) else {
            continue;
        };
        let len = if !whole && random.next(4) == 0 && bytes.len() > 1 {
            cut += 1;
            random.next(bytes.len() as u64) as usize
        } else {
            bytes.len()
        };
        std::fs::write(to.join(name), &bytes[..len]).unwrap();
        copied_into_to.insert(name.clone());
    }
    let gone: Vec<String> = copied_into_to
        .iter()
        .filter(|n| !own.contains(n) && !from.join(n).exists())
        .cloned()
        .collect();
    for name in gone {
        let _ = std::fs::remove_file(to.join(&name));
        copied_into_to.remove(&name);
    }
    cut
}

/// Reads a child's lines as they come (a full pipe would stop it).
fn collect(child: &mut Reaped) -> std::thread::JoinHandle<Vec<String>> {
    let out = child.0.stdout.take().unwrap();
    std::thread::spawn(move || {
        BufReader::new(out)
            .lines()
            .map_while(Result::ok)
            .filter_map(|l| l.strip_prefix("> ").map(str::to_owned))
            .collect()
    })
}

/// The bookmarks replaying every record in clock order gives: in each register the latest
/// record, a bookmark there when its latest is an add, with the latest note.
fn replay(records: &[Record]) -> BTreeMap<(String, String), String> {
    let mut latest: HashMap<(Register, String), (Record, String)> = HashMap::new();
    for r in records {
        let json = r.to_json();
        let slot = r.change.register();
        let wins = match latest.get(&slot) {
            Some((old, old_json)) => beats(
                (&r.clock, &r.change, &json),
                (&old.clock, &old.change, old_json),
            ),
            None => true,
        };
        if wins {
            latest.insert(slot, (r.clone(), json));
        }
    }
    let mut out = BTreeMap::new();
    for ((register, key), (record, _)) in &latest {
        if let (Register::Bookmark, Change::BookmarkAdd(add)) = (register, &record.change) {
            let note = match latest.get(&(Register::BookmarkNote, key.clone())) {
                Some((
                    Record {
                        change: Change::BookmarkNote(n),
                        ..
                    },
                    _,
                )) => n.note.clone(),
                _ => String::new(),
            };
            let place = format!("{:?}", (add.part.as_str(), add.index, add.paragraph));
            out.insert((add.fingerprint.clone(), place), note);
        }
    }
    out
}

#[test]
fn two_machines_at_once_with_a_sync_tool_between_them_agree_with_the_replay() {
    let folder_a = tempfile::tempdir().unwrap();
    let folder_b = tempfile::tempdir().unwrap();
    let a = Machine::new(folder_a.path());
    let b = Machine::new(folder_b.path());
    let mut child_a = a.child("random 11 3500");
    let mut child_b = b.child("random 22 3500");
    let lines_a = collect(&mut child_a);
    let lines_b = collect(&mut child_b);
    let mut random = Lcg(0x5ec7);
    let (mut into_a, mut into_b) = (HashSet::new(), HashSet::new());
    let mut cuts = 0;
    let started = Instant::now();
    // the sync tool, at random moments, while both work
    while !(lines_a.is_finished() && lines_b.is_finished()) {
        assert!(started.elapsed() < Duration::from_secs(30), "children hang");
        std::thread::sleep(Duration::from_millis(10 + random.next(110)));
        if random.next(2) == 0 {
            cuts += carry(
                folder_a.path(),
                folder_b.path(),
                &into_a,
                &mut into_b,
                &mut random,
                false,
            );
        } else {
            cuts += carry(
                folder_b.path(),
                folder_a.path(),
                &into_b,
                &mut into_a,
                &mut random,
                false,
            );
        }
    }
    for mut child in [child_a, child_b] {
        let status = child.0.wait().unwrap();
        assert!(status.success(), "a child failed: {status}");
    }
    let mut lines = lines_a.join().unwrap();
    lines.extend(lines_b.join().unwrap());
    // then everything carried whole, and each syncs until both have all
    for _ in 0..2 {
        carry(
            folder_a.path(),
            folder_b.path(),
            &into_a,
            &mut into_b,
            &mut random,
            true,
        );
        carry(
            folder_b.path(),
            folder_a.path(),
            &into_b,
            &mut into_a,
            &mut random,
            true,
        );
        lines.extend(a.script("sync"));
        lines.extend(b.script("sync"));
    }
    let state = a.state();
    assert_eq!(state, b.state(), "the two stores differ");
    let made = records(&lines);
    assert!(made.len() > 100, "only {} records made", made.len());
    assert!(cuts > 0, "no copy was cut");
    assert_eq!(state.bookmarks, replay(&made), "not what the replay gives");
    assert!(!state.bookmarks.is_empty() && state.bookmarks.len() <= RANDOM_PLACES);
    // no merge ever found a change that had no record of its own
    let syncs: Vec<&String> = lines.iter().filter(|l| l.starts_with("synced")).collect();
    assert!(syncs.len() > 10, "{syncs:?}");
    for line in syncs {
        assert!(
            line.contains("adopted=0 ") && line.contains("notices=0"),
            "{line}"
        );
    }
}

#[test]
fn sigkill_while_writing_the_log_loses_nothing_confirmed() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let mut random = Lcg(0x0c0f_fee5);
    let mut confirmed: Vec<(String, usize)> = Vec::new();
    let mut torn = 0;
    let started = Instant::now();
    for round in 0..50 {
        let name = format!("k{round}");
        // a small compaction limit: snapshots are written often, appends between them
        let mut child = a.child(&format!("killable {name} 10000 24"));
        let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
        let target = random.next(12);
        let mut saved = 0;
        while saved < target {
            match lines.next() {
                Some(Ok(line)) if line.starts_with("> saved ") => saved += 1,
                Some(_) => {}
                None => break,
            }
        }
        // somewhere in the next save or its sync
        std::thread::sleep(Duration::from_micros(random.next(15_000)));
        // SAFETY: kill only sends a signal
        unsafe { libc::kill(child.0.id() as i32, libc::SIGKILL) };
        let _ = child.0.wait();
        for line in lines.map_while(Result::ok) {
            if line.starts_with("> saved ") {
                saved += 1;
            }
        }
        confirmed.push((name, saved as usize));
        // the log reads back to its last whole record, and every whole one is good
        for log in logs(folder.path()) {
            let path = folder.path().join(&log);
            let bytes = std::fs::read(&path).unwrap();
            let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            torn += usize::from(whole < bytes.len());
            let batch = files::read_new(&path, None, "ffffffffffffffff")
                .unwrap()
                .expect("another machine's log");
            assert!(
                batch.skipped.is_empty(),
                "round {round}: {:?}",
                batch.skipped
            );
            assert!(batch.header.is_some() || whole == 0, "round {round}");
            if batch.header.is_some() {
                assert_eq!(batch.offset as usize, whole, "round {round}");
                let lines = bytes[..whole].iter().filter(|&&b| b == b'\n').count();
                assert_eq!(batch.records.len(), lines - 1, "round {round}");
            }
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    // whatever was confirmed goes out at the next sync, and reaches another machine
    a.lede(&["sync", "now"]);
    let b = Machine::new(folder.path());
    b.lede(&["sync", "now"]);
    let here = a.state();
    let there = b.state();
    for (name, saved) in &confirmed {
        let fingerprint = fingerprint(name);
        assert!(
            here.count_of(&fingerprint) >= *saved,
            "{name}: {saved} confirmed"
        );
        assert!(
            there.count_of(&fingerprint) >= *saved,
            "{name}: {saved} confirmed, {} arrived",
            there.count_of(&fingerprint)
        );
    }
    assert_eq!(here.bookmarks, there.bookmarks);
    println!(
        "{} rounds, {} saves confirmed, {torn} logs found torn, {:?}",
        confirmed.len(),
        confirmed.iter().map(|(_, n)| n).sum::<usize>(),
        started.elapsed()
    );
}

#[test]
fn a_large_log_becomes_a_snapshot_and_a_lost_one_is_written_again() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let b = Machine::new(folder.path());
    a.script("sync-small 50");
    let first = logs(folder.path());
    assert_eq!(first.len(), 1);
    assert_eq!(parse_log_name(&first[0]).unwrap().1, 1);
    a.script("bulk c 20; sync-small 50");
    b.script("sync");
    // 60 more records: past the limit, the log is rewritten as generation 2
    a.script("bulk d 30; remove c 0; sync-small 50");
    let b_id = b.store().sync_identity().unwrap().unwrap().0;
    let names: Vec<String> = logs(folder.path())
        .into_iter()
        .filter(|n| parse_log_name(n).unwrap().0 != b_id)
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    assert_eq!(parse_log_name(&names[0]).unwrap().1, 2, "{names:?}");
    // b, which read generation 1, reads the new one from its start and agrees
    b.script("sync");
    assert_eq!(b.state(), a.state());
    assert_eq!(a.state().bookmarks.len(), 49);
    // a new machine needs only the snapshot
    let folder_c = tempfile::tempdir().unwrap();
    std::fs::copy(
        folder.path().join(&names[0]),
        folder_c.path().join(&names[0]),
    )
    .unwrap();
    let c = Machine::new(folder_c.path());
    c.script("sync");
    assert_eq!(c.state(), a.state());
    // the folder wiped: a writes everything again as its next generation
    for name in logs(folder.path()) {
        std::fs::remove_file(folder.path().join(name)).unwrap();
    }
    let said = a.lede(&["sync", "now"]);
    assert!(said.contains(".3.lede (a snapshot"), "{said}");
    let d = Machine::new(folder.path());
    d.lede(&["sync", "now"]);
    assert_eq!(d.state(), a.state());
}

#[test]
fn highlights_positions_and_read_marks_travel_too() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let b = Machine::new(folder.path());
    a.script("highlight h 2 3 why; highlight h 4 1; position h 4 55; read r; sync");
    let said = b.lede(&["sync", "now"]);
    assert!(
        said.contains("merged 2 highlights, a position and a read mark from "),
        "{said}"
    );
    assert_eq!(b.state(), a.state());
    b.script("colour h 2 4; unhighlight h 4; unread r; sync");
    a.script("sync");

    let state = a.state();
    assert_eq!(state.highlights.len(), 1);
    assert_eq!(
        state.highlights.values().next(),
        Some(&("why".to_owned(), 4))
    );
    assert!(state.read.is_empty());
    assert_eq!(state, b.state());
}

#[test]
fn tags_travel_and_a_later_untag_wins() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let b = Machine::new(folder.path());
    a.script("tag t ukraine; tag t to-read; tag u friday; sync");
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged 3 tags from "), "{said}");
    assert_eq!(b.state().tags.len(), 3);
    assert!(b.lede(&["tags"]).contains("ukraine"));
    b.script("untag t to-read; sync");
    a.script("tag u weekend; sync");
    b.script("sync");
    a.script("sync");
    let state = a.state();
    let tags: Vec<&str> = state.tags.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(tags.len(), 3, "{tags:?}");
    assert!(
        !tags.contains(&"to-read") && tags.contains(&"weekend"),
        "{tags:?}"
    );
    assert_eq!(state, b.state());
    // a tag made before the machine had a folder goes out at its first sync
    let c = Machine::without_folder();
    c.script("tag v later");
    let folder_arg = folder.path().to_str().unwrap();
    let said = c.lede(&["sync", "init", folder_arg]);
    assert!(said.contains("merged 3 tags from "), "{said}");
    b.script("sync");
    assert_eq!(b.state().tags.len(), 4);
}

#[test]
fn saved_searches_travel_and_a_later_forget_wins() {
    let folder = tempfile::tempdir().unwrap();
    let a = Machine::new(folder.path());
    let b = Machine::new(folder.path());
    a.script("save ukraine #ukraine; save long words; sync");
    let said = b.lede(&["sync", "now"]);
    assert!(said.contains("merged 2 saved searches from "), "{said}");
    b.script("save ukraine #ukraine-war; forget long; sync");
    let said = a.lede(&["sync", "now"]);
    assert!(said.contains("merged 2 saved searches from "), "{said}");
    let state = a.state();
    assert_eq!(
        state.searches,
        [("ukraine".to_owned(), "#ukraine-war".to_owned())]
    );
    assert_eq!(state, b.state());
}

#[test]
fn without_a_folder_sync_says_how_to_name_one() {
    let a = Machine::without_folder();
    let err = a.lede_fails(&["sync", "now"]);
    assert!(err.contains("no sync folder"), "{err}");
    let status = a.lede(&["sync", "status"]);
    assert!(status.starts_with("sync is off"), "{status}");
    let missing = tempfile::tempdir().unwrap();
    let gone = missing.path().join("not-here");
    let b = Machine::new(&gone);
    let err = b.lede_fails(&["sync", "now"]);
    assert!(
        err.contains(&format!("{}: does not exist", gone.display())),
        "{err}"
    );
    let file = missing.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let c = Machine::without_folder();
    let err = c.lede_fails(&["sync", "init", file.to_str().unwrap()]);
    assert!(err.contains("a-file"), "{err}");
    // config.toml's sync names the folder
    let d = Machine::without_folder();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        d.root.path().join("config/config.toml"),
        format!("sync = \"{}\"\n", folder.path().display()),
    )
    .unwrap();
    let said = d.lede(&["sync", "now"]);
    assert!(said.contains("wrote "), "{said}");
    assert!(d.lede(&["sync", "status"]).contains("(from config.toml)"));
    assert!(d.lede(&["config"]).contains("sync = "));
}
