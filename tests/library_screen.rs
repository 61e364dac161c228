//! The library screen end to end: the real binary in a pseudo-terminal over a folder with a
//! sub-folder, a hidden folder, an empty file and a binary file.

#[allow(dead_code)]
mod common;

use common::pty::{find, row_text, Lede};
use std::path::Path;

const SEED: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");
const PROBE: &str = include_str!("../assets/001_lunar_ice_probe.txt");
const HALL: &str = include_str!("../assets/002_cannery_food_hall.txt");

fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

/// A reef article: the probe's text under a title of its own.
fn reef() -> String {
    format!("Coral reef survey finds recovery\n{PROBE}")
}

fn library(dir: &Path) {
    std::fs::write(dir.join("seed.txt"), SEED).unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::fs::write(dir.join("sub").join("reef.txt"), reef()).unwrap();
    std::fs::write(dir.join("sub").join("hall.txt"), HALL).unwrap();
    std::fs::create_dir(dir.join(".hidden")).unwrap();
    std::fs::write(dir.join(".hidden").join("secret.txt"), SEED).unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 7, 0].repeat(200),
    )
    .unwrap();
}

fn open(dir: &Path) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        dir,
        120,
        30,
        &["library"],
        Some(&dir.join("data")),
    );
    lede.wait_for("every file listed and read", |s| {
        s.contents().contains("Library · 5 articles")
            && s.contents().contains("Coral reef survey finds recovery")
            && !status(s).contains("reading ")
    });
    lede
}

#[test]
fn browse_filter_open_back_next_unread_and_search() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    std::fs::create_dir(&dir).unwrap();
    library(&dir);
    let mut lede = open(root.path());
    // the bad files are rows, marked, and the hidden folder is skipped
    lede.wait_for("the bad files marked", |s| {
        let text = s.contents();
        text.contains("empty.txt")
            && text.contains("binary.txt")
            && row_with(s, "empty.txt").contains("  !  empty.txt  empty file")
            && row_with(s, "binary.txt").contains("  !  binary.txt  binary data")
            && !text.contains("secret")
    });
    // filter as you type, open, and back to the same row with the filter kept
    lede.send("/reef");
    // fuzzy, best first: the reef article at the top, selected
    lede.wait_for("the filter", |s| {
        s.contents().contains("match \"reef\"")
            && row_text(s, 2).contains("Coral reef survey")
            && status(s).starts_with(" Filter: reef")
    });
    lede.send("\r");
    lede.wait_for("the filter kept after Enter", |s| {
        status(s).contains("reef.txt")
    });
    lede.send("\r");
    lede.wait_for("the reef article", |s| {
        s.contents().contains("A Quiet Landing at the Pole")
    });
    lede.send("q");
    lede.wait_for("back in the library at the reef row, filtered", |s| {
        s.contents().contains("match \"reef\"") && status(s).contains("reef.txt")
    });
    // Esc clears the filter; opening a file that is not an article says why
    lede.send("\x1b");
    lede.wait_for("the filter cleared", |s| {
        !s.contents().contains("match \"reef\"")
    });
    let empty_row = lede
        .term()
        .screen()
        .contents()
        .lines()
        .position(|l| l.contains("empty.txt"))
        .expect("the empty file's row");
    lede.send("g");
    // the list starts below the title line and the columns' names
    for _ in 2..empty_row {
        lede.send("j");
    }
    lede.wait_for("the empty file selected", |s| {
        status(s).contains("empty.txt")
    });
    lede.send("\r");
    lede.wait_for("why it does not open", |s| {
        status(s).contains("empty.txt: empty file")
    });
    // the next unread article, from the list
    lede.send("U");
    lede.wait_for("an article opened by U", |s| find(s, "Contents").is_some());
    lede.send("q");
    lede.wait_for("the library", |s| {
        s.contents().contains("Library · 5 articles")
    });
    // a full-text search, opening the hit at its section
    lede.wait_for("the index built", |s| !status(s).contains("indexing"));
    lede.send("SZelenskyy\r");
    lede.wait_for("the search results", |s| {
        s.contents().contains("Search \"Zelenskyy\"")
            && s.contents().contains("Recent Developments in Ukraine")
    });
    lede.send("\r");
    lede.wait_for("the hit opened at its section, the match lit", |s| {
        row_text(s, 1).contains("3. Recent Developments in Ukraine")
            && status(s).contains("match 1/")
    });
    lede.send("Q");
    let status = lede.wait_exit();
    assert!(status.success(), "{status:?}");
}

#[test]
fn rescan_finds_new_files_and_drops_deleted_ones() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    std::fs::create_dir(&dir).unwrap();
    library(&dir);
    let mut lede = open(root.path());
    std::fs::remove_file(dir.join("empty.txt")).unwrap();
    std::fs::write(
        dir.join("sub").join("new.txt"),
        format!("A brand new article arrives\n{HALL}"),
    )
    .unwrap();
    lede.send("R");
    lede.wait_for("the new file listed, the deleted one gone", |s| {
        s.contents().contains("A brand new article arrives") && !s.contents().contains("empty.txt")
    });
    lede.send("q");
    let status = lede.wait_exit();
    assert!(status.success(), "{status:?}");
}

/// Writes an article titled `title` to `dir/name`, modified `age` minutes ago (the date sort
/// puts the youngest first).
fn titled(dir: &Path, name: &str, title: &str, age: u64) {
    let path = dir.join(name);
    std::fs::write(&path, format!("{title}\n{PROBE}")).unwrap();
    let when = std::time::SystemTime::now() - std::time::Duration::from_secs(60 * age);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

/// A library of four articles, Alpha the newest, Delta the oldest.
fn four(root: &Path) -> std::path::PathBuf {
    let dir = root.join("library");
    std::fs::create_dir(&dir).unwrap();
    titled(&dir, "alpha.txt", "Alpha article", 1);
    titled(&dir, "bravo.txt", "Bravo article", 2);
    titled(&dir, "charlie.txt", "Charlie article", 3);
    titled(&dir, "delta.txt", "Delta article", 4);
    dir
}

fn open_four(root: &Path) -> Lede {
    let lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        root,
        120,
        30,
        &["library"],
        Some(&root.join("data")),
    );
    lede.wait_for("the four articles", |s| {
        s.contents().contains("Library · 4 articles")
            && s.contents().contains("Delta article")
            && library_progress_done(s)
    });
    lede
}

fn library_progress_done(s: &vt100::Screen) -> bool {
    let bar = status(s);
    !bar.contains("reading ") && !bar.contains("indexing") && !bar.contains("looking")
}

#[test]
fn rescan_keeps_the_cursor_on_its_article_and_says_what_changed() {
    let root = tempfile::tempdir().unwrap();
    let dir = four(root.path());
    let mut lede = open_four(root.path());
    lede.send("jj");
    lede.wait_for("Charlie selected", |s| status(s).contains("charlie.txt"));
    // a file above the cursor moved away, a new one arrived
    std::fs::rename(dir.join("alpha.txt"), root.path().join("alpha.txt")).unwrap();
    titled(&dir, "echo.txt", "Echo article", 10);
    lede.send("R");
    lede.wait_for("what the rescan found", |s| {
        status(s).contains("1 new, 1 gone")
            && !s.contents().contains("Alpha article")
            && s.contents().contains("Echo article")
    });
    // the next key clears the notice: the bar names the selected row again
    lede.send("/\x1b");
    lede.wait_for("the cursor still on Charlie after / and Esc", |s| {
        status(s).contains("charlie.txt") && !status(s).contains("Filter")
    });
    lede.send("R");
    lede.wait_for("nothing changed", |s| status(s).contains("no change"));
    lede.send("/");
    lede.wait_for("the filter prompt", |s| {
        status(s).contains("Filter:") && status(s).contains("Enter filter")
    });
    lede.send("\x1b");
    lede.wait_for("Charlie still selected", |s| {
        status(s).contains("charlie.txt")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn back_from_articles_stepped_through_selects_the_one_read_last() {
    let root = tempfile::tempdir().unwrap();
    four(root.path());
    let mut lede = open_four(root.path());
    lede.send("\r");
    lede.wait_for("Alpha open", |s| {
        s.contents().contains("Contents") && row_text(s, 0).contains("Alpha")
    });
    lede.send(">");
    lede.wait_for("Bravo open", |s| row_text(s, 0).contains("Bravo"));
    lede.send(">");
    lede.wait_for("Charlie open", |s| row_text(s, 0).contains("Charlie"));
    lede.send("<");
    lede.wait_for("Bravo open again", |s| row_text(s, 0).contains("Bravo"));
    lede.send("q");
    lede.wait_for("the library on Bravo, the one read last", |s| {
        s.contents().contains("Library · 4 articles") && status(s).contains("bravo.txt")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn marking_every_listed_article_read_asks_first() {
    let root = tempfile::tempdir().unwrap();
    four(root.path());
    let mut lede = open_four(root.path());
    let new_marks = |s: &vt100::Screen| s.contents().matches(" new ").count();
    lede.send("A");
    lede.wait_for("the question", |s| {
        status(s).contains("Mark 4 articles read? y/n")
    });
    // anything but y cancels, and says so
    lede.send("x");
    lede.wait_for("nothing marked", |s| {
        status(s).contains("Nothing marked") && new_marks(s) == 4
    });
    lede.send("A");
    lede.wait_for("the question again", |s| status(s).contains("y/n"));
    lede.send("\x1b");
    lede.wait_for("Esc cancels too", |s| {
        status(s).contains("Nothing marked") && new_marks(s) == 4
    });
    lede.send("/char");
    lede.wait_for("one match", |s| s.contents().contains("1 match"));
    lede.send("\rA");
    lede.wait_for("the question for the one listed", |s| {
        status(s).contains("Mark 1 article read? y/n")
    });
    lede.send("y");
    lede.wait_for("marked", |s| status(s).contains("Marked read (u undoes)"));
    lede.send("\x1b");
    lede.wait_for("the others still new", |s| {
        !s.contents().contains("match") && new_marks(s) == 3
    });
    // every one marked, then undone: new again, in the store too
    lede.send("A");
    lede.wait_for("the question for all", |s| {
        status(s).contains("Mark 4 articles read? y/n")
    });
    lede.send("y");
    lede.wait_for("all marked", |s| {
        status(s).contains("Marked 4 articles read") && new_marks(s) == 0
    });
    lede.send("u");
    lede.wait_for("the three that were new are new again", |s| {
        status(s).contains("Unmarked 3 articles") && new_marks(s) == 3
    });
    lede.send("u");
    lede.wait_for("nothing more to undo", |s| {
        status(s).contains("nothing to undo")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
    let mut lede = open_four(root.path());
    lede.wait_for("the undo kept", |s| {
        s.contents().matches(" new ").count() == 3
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn a_bookmark_stays_on_the_copy_open_and_else_finds_the_newest_copy() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    for sub in ["a", "b"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    // the same article (title and lead) twice; b, the newer, has a paragraph more at its end
    titled(&dir.join("a"), "probe.txt", "Copied article", 60);
    let b = dir.join("b").join("probe.txt");
    std::fs::write(
        &b,
        format!("Copied article\n{PROBE}\nOnly the newer copy ends with this line.\n"),
    )
    .unwrap();
    let only_b = "Only the newer copy ends";
    let spawn = || {
        let lede = Lede::spawn_with(
            env!("CARGO_BIN_EXE_lede"),
            root.path(),
            120,
            30,
            &["library"],
            Some(&root.path().join("data")),
        );
        lede.wait_for("the library", |s| {
            s.contents().contains("Library · ") && library_progress_done(s)
        });
        lede
    };
    let mut lede = spawn();
    lede.wait_for("both copies, b first", |s| {
        s.contents().contains("Library · 2 articles") && status(s).contains("b/probe.txt")
    });
    let at_end = |lede: &mut Lede, what: &str, newer: bool| {
        lede.send("G");
        lede.wait_for(what, |s| {
            s.contents().contains("minus 170") && s.contents().contains(only_b) == newer
        });
    };
    // read a, bookmark it, then read b
    lede.send("j\r");
    lede.wait_for("a open", |s| s.contents().contains("Contents"));
    at_end(&mut lede, "the end of copy a", false);
    lede.send("gb");
    lede.wait_for("bookmarked", |s| status(s).contains("Bookmarked"));
    lede.send("q");
    lede.wait_for("the library", |s| s.contents().contains("Library · 2"));
    lede.send("k");
    lede.wait_for("b selected", |s| status(s).contains("b/probe.txt"));
    lede.send("\r");
    lede.wait_for("b open", |s| s.contents().contains("Contents"));
    at_end(&mut lede, "the end of copy b", true);
    // a again: the file asked for, not the copy read before
    lede.send("q");
    lede.wait_for("the library", |s| s.contents().contains("Library · 2"));
    lede.send("j");
    lede.wait_for("a selected", |s| status(s).contains("a/probe.txt"));
    lede.send("\r");
    lede.wait_for("a open again", |s| s.contents().contains("Contents"));
    at_end(&mut lede, "copy a, not b", false);
    // the bookmark, opened while a is read, stays on a
    lede.send("B");
    lede.wait_for("the bookmarks list", |s| {
        s.contents().contains("Bookmarks (1)")
    });
    lede.send("\r");
    lede.wait_for("the bookmark opened", |s| {
        status(s).contains("Bookmark: Lead")
    });
    at_end(&mut lede, "still copy a", false);
    lede.send("Q");
    assert!(lede.wait_exit().success());
    // with a gone, the bookmark opens the other copy the library knows
    std::fs::remove_file(dir.join("a").join("probe.txt")).unwrap();
    let mut lede = spawn();
    lede.send("B");
    lede.wait_for("the bookmarks list, its file found", |s| {
        s.contents().contains("Bookmarks (1)")
            && !s.contents().contains("missing")
            && s.contents().contains("b/probe.txt")
    });
    lede.send("\r");
    lede.wait_for("the bookmark opened in b", |s| {
        status(s).contains("Bookmark: Lead")
    });
    at_end(&mut lede, "copy b", true);
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn the_sort_order_is_kept_per_library_across_runs() {
    let root = tempfile::tempdir().unwrap();
    four(root.path());
    let other = root.path().join("other");
    std::fs::create_dir(&other).unwrap();
    titled(&other, "zulu.txt", "Zulu article", 1);
    titled(&other, "yankee.txt", "Yankee article", 2);
    let mut lede = open_four(root.path());
    lede.send("o");
    lede.wait_for("sorted by title", |s| {
        row_text(s, 0).contains("by title") && status(s).contains("sorted by title")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
    // the same library again: by title, as left
    let mut lede = open_four(root.path());
    lede.wait_for("the title order kept", |s| {
        row_text(s, 0).contains("by title")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
    // another library keeps its own order (the default)
    let mut lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        root.path(),
        120,
        30,
        &["other"],
        Some(&root.path().join("data")),
    );
    lede.wait_for("the other library, by date", |s| {
        s.contents().contains("Zulu article")
            && row_text(s, 0).contains("by date")
            && library_progress_done(s)
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

/// The screen row that shows `text`.
fn row_with(s: &vt100::Screen, text: &str) -> String {
    s.contents()
        .lines()
        .find(|l| l.contains(text))
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn a_read_article_whose_text_changed_is_marked_on_rescan_and_at_start() {
    let root = tempfile::tempdir().unwrap();
    let dir = four(root.path());
    let mut lede = open_four(root.path());
    // Alpha and Bravo read to the end
    for name in ["Alpha", "Bravo"] {
        lede.send(format!("/{name}\r"));
        lede.wait_for("the row selected", |s| {
            status(s).contains(&format!("{}.txt", name.to_lowercase()))
        });
        lede.send("\r");
        lede.wait_for("the article", |s| s.contents().contains("Contents"));
        lede.send("G");
        lede.wait_for("its end", |s| status(s).contains("done"));
        lede.send("q");
        lede.wait_for("read in the list", |s| {
            let row = row_with(s, &format!("{name} article"));
            !row.contains("new") && !row.contains("chg") && s.contents().contains("Library ·")
        });
        lede.send("\x1b");
        lede.wait_for("the filter cleared", |s| {
            s.contents().contains("Delta article")
        });
    }
    // words further down change; title and lead stay, so it is the same article
    let change = |file: &str, age: u64| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("boulder-strewn", "rock-strewn")).unwrap();
        let when = std::time::SystemTime::now() - std::time::Duration::from_secs(60 * age);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(when)
            .unwrap();
    };
    change("alpha.txt", 1);
    lede.send("R");
    lede.wait_for("Alpha marked changed after R, unopened", |s| {
        row_with(s, "Alpha article").contains("chg")
            && !row_with(s, "Bravo article").contains("chg")
            && library_progress_done(s)
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
    // changed while lede was not running: marked at start
    change("bravo.txt", 2);
    let mut lede = open_four(root.path());
    lede.wait_for("Bravo marked changed at start", |s| {
        row_with(s, "Bravo article").contains("chg") && row_with(s, "Alpha article").contains("chg")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn columns_are_named_and_a_long_title_is_cut_on_a_word_in_the_bookmarks_list() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    std::fs::create_dir(&dir).unwrap();
    let long = "A remarkably long headline about the coral reef survey that finds recovery in the northern waters";
    titled(&dir, "long.txt", long, 1);
    let mut lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        root.path(),
        80,
        24,
        &["library"],
        Some(&root.path().join("data")),
    );
    lede.wait_for("the columns named at 80 columns", |s| {
        let header = row_text(s, 1);
        ["article", "sections", "length", "date"]
            .iter()
            .all(|name| header.contains(name))
            && library_progress_done(s)
            && !s.contents().contains(" sec ")
    });
    lede.send("\r");
    lede.wait_for("the article", |s| {
        !s.contents().contains("Library ·") && s.contents().contains("Halcyon")
    });
    lede.send("b");
    lede.wait_for("bookmarked", |s| status(s).contains("Bookmarked"));
    lede.send("B");
    lede.wait_for("the bookmarks list", |s| {
        s.contents().contains("Bookmarks (1)")
    });
    let header = row_text(lede.term().screen(), 1);
    let cut = header.split('…').next().unwrap();
    assert!(header.contains('…'), "{header}");
    assert!(
        long.starts_with(cut) && long[cut.len()..].starts_with(' '),
        "cut mid-word: {header}"
    );
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn a_capped_search_says_how_many_in_all_groups_hits_and_names_the_hit_file() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..30 {
        titled(
            &dir,
            &format!("a{i:02}.txt"),
            &format!("Numbered probe {i:02}"),
            i,
        );
    }
    let mut lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        root.path(),
        120,
        40,
        &["library"],
        Some(&root.path().join("data")),
    );
    lede.wait_for("the library indexed", |s| {
        s.contents().contains("Library · 30 articles") && library_progress_done(s)
    });
    // the real count, from the index the reader wrote
    let store = lede::store::Store::open_in(&root.path().join("data"))
        .store
        .unwrap();
    let all = store.search("the", None, usize::MAX).unwrap().len();
    assert!(all > 200, "{all} hits: the test needs more than the cap");
    assert_eq!(
        store.search_count("the", None).unwrap(),
        30,
        "articles found"
    );
    lede.send("Sthe\r");
    lede.wait_for("the capped count", |s| {
        let heading = row_text(s, 0);
        heading.contains("200 hits in ") && heading.contains(" of 30 articles")
    });
    // one title row per article, its hits under it
    let titles = |s: &vt100::Screen| -> Vec<(u16, String)> {
        (0..s.size().0.get())
            .map(|r| (r, row_text(s, r)))
            .filter(|(_, t)| t.starts_with("Numbered probe"))
            .collect()
    };
    let screen_titles = titles(lede.term().screen());
    assert!(screen_titles.len() >= 2, "{}", lede.contents());
    for (_, t) in &screen_titles {
        let name = &t[..17];
        assert_eq!(
            lede.term().screen().contents().matches(name).count(),
            1,
            "{name} twice: {}",
            lede.contents()
        );
        assert!(t.contains(" hits"), "{t}");
    }
    // the bar names the file of the selected hit, in whichever article it is
    let (second_row, second) = screen_titles[1].clone();
    let hits_above = usize::from(second_row - screen_titles[0].0 - 1) / 2;
    let file = second.split_whitespace().last().unwrap().to_owned();
    lede.send("j".repeat(hits_above));
    lede.wait_for("the second article's first hit selected", |s| {
        status(s).contains(&file) && row_text(s, second_row + 1).starts_with('▌')
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}

#[test]
fn an_unreadable_file_says_its_whole_reason_at_200_columns_and_y_copies_a_path() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("library");
    let deep = dir.join("exports/feed/2025/november/from/the/old/reader/kept/for/later");
    std::fs::create_dir_all(&deep).unwrap();
    titled(&dir, "alpha.txt", "Alpha article", 1);
    std::fs::write(
        deep.join("a_broken_export_from_the_feed_reader_with_a_long_name.json"),
        r#"{"title": 5, "lead": ["#,
    )
    .unwrap();
    let mut lede = Lede::spawn_with(
        env!("CARGO_BIN_EXE_lede"),
        root.path(),
        200,
        20,
        &["library"],
        Some(&root.path().join("data")),
    );
    let reason_end = "expected a string at line 1 column 11";
    lede.wait_for("the broken file's row with its whole reason", |s| {
        library_progress_done(s) && row_with(s, "a_broken_export").contains(reason_end)
    });
    // the newest, it is selected
    lede.send("\r");
    lede.wait_for("the reason, whole, in the status bar", |s| {
        let bar = status(s);
        bar.contains("a_broken_export_from_the_feed_reader_with_a_long_name.json: ")
            && bar.trim_end().ends_with(reason_end)
    });
    // y copies the selected file's path (it used to crash the library screen)
    lede.send("j");
    lede.wait_for("Alpha selected", |s| status(s).contains("alpha.txt"));
    lede.send("y");
    lede.wait_for("the path copied", |s| {
        status(s).contains("Copied /") && status(s).contains("alpha.txt")
    });
    lede.send("Q");
    assert!(lede.wait_exit().success());
}
