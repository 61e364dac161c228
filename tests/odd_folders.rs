//! A library folder holding what a walk must not take: a link to `/`, a link to the folder
//! above it, a link loop, a FIFO and a device named like articles. The library module and
//! `lede search` list the real articles and say one line for each of the others, at once.
#![cfg(unix)]

#[allow(dead_code)]
mod common;

use common::env::{Env, Reaped};
use lede::article::DEFAULT_MAX_SIZE;
use lede::library::walk::{walk_with, WalkOptions};
use lede::library::{Scan, ScanEvent, Target};
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Walking `/` takes minutes on this machine; the work here takes milliseconds. A bound this
/// generous still tells the two apart on a loaded machine.
const FINISHED_WITHIN: Duration = Duration::from_secs(10);

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn article(title: &str) -> String {
    format!(
        "{title}\nA lead paragraph that is longer than the title line above it, about the harbour.\n\
         Article Subheadings |\n---|\n1) Opening |\n\
         Opening\nThe opening paragraph says little of note.\n"
    )
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates the file
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// `parent/lib` with two real articles (one behind a link to a folder elsewhere) and the
/// five oddities; returns the library folder.
fn odd_library(parent: &Path) -> PathBuf {
    let lib = parent.join("lib");
    write(&lib.join("a.txt"), &article("Harbour Plans"));
    write(&parent.join("elsewhere/b.txt"), &article("Harbour Lights"));
    symlink(parent.join("elsewhere"), lib.join("linked")).unwrap();
    symlink("/", lib.join("root")).unwrap();
    symlink(parent, lib.join("up")).unwrap();
    symlink(&lib, lib.join("loop")).unwrap();
    symlink("/dev/zero", lib.join("zero.txt")).unwrap();
    mkfifo(&lib.join("x.txt"));
    lib
}

/// The one line expected for each oddity, as (name, words in it).
const ODDITIES: [(&str, &str); 5] = [
    ("lib/loop", "loop"),
    ("lib/root", "a link to /, not followed"),
    ("lib/up", "which holds the library, not followed"),
    ("lib/x.txt", "a FIFO"),
    ("lib/zero.txt", "a character device"),
];

fn assert_one_line_each(lines: &[String]) {
    assert_eq!(lines.len(), ODDITIES.len(), "{lines:#?}");
    for (name, words) in ODDITIES {
        let said: Vec<&String> = lines
            .iter()
            .filter(|l| l.contains(&format!("{name}:")))
            .collect();
        assert_eq!(said.len(), 1, "{name}: {lines:#?}");
        assert!(said[0].contains(words), "{name}: {said:?}");
    }
}

#[test]
fn the_walk_takes_the_articles_and_names_each_oddity_once() {
    let dir = tempfile::tempdir().unwrap();
    let lib = odd_library(dir.path());
    let (files, problems) = walk_with(std::slice::from_ref(&lib), WalkOptions::default());
    let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(rels, ["a.txt", "linked/b.txt"]);
    assert_one_line_each(&problems);
    // without links, only the folder's own article, and nothing to say about the links
    let options = WalkOptions {
        follow_links: false,
        ..WalkOptions::default()
    };
    let (files, problems) = walk_with(std::slice::from_ref(&lib), options);
    let rels: Vec<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    assert_eq!(rels, ["a.txt"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("x.txt: a FIFO"), "{problems:?}");
}

#[test]
fn a_scan_of_the_library_finishes_with_its_articles_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let lib = odd_library(dir.path());
    let (send, receive) = mpsc::channel();
    let scan = Scan::start(
        Target::Roots(vec![lib]),
        Some(dir.path().join("data")),
        DEFAULT_MAX_SIZE,
        move |event| {
            let _ = send.send(event);
        },
    );
    let deadline = Instant::now() + FINISHED_WITHIN;
    let mut events = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match receive.recv_timeout(left) {
            Ok(ScanEvent::Finished) => break,
            Ok(event) => events.push(event),
            Err(e) => panic!("the scan did not finish: {e:?}, after {events:#?}"),
        }
    }
    scan.wait();
    let listed: Vec<String> = events
        .iter()
        .find_map(|e| match e {
            ScanEvent::Listed(files) => Some(files.iter().map(|f| f.rel.clone()).collect()),
            _ => None,
        })
        .unwrap();
    assert_eq!(listed, ["a.txt", "linked/b.txt"]);
    let problems: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            ScanEvent::Problem(line) => Some(line.clone()),
            _ => None,
        })
        .collect();
    assert_one_line_each(&problems);
    let summarised: usize = events
        .iter()
        .map(|e| match e {
            ScanEvent::Summaries(batch) => batch.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(summarised, 2);
}

/// What a finished `lede` said; it must finish within [`FINISHED_WITHIN`].
struct Finished {
    code: Option<i32>,
    stdout: String,
    stderr: Vec<String>,
}

/// Runs `lede ARGS` in `cwd` with the test's home, its output in files (a full pipe must not
/// hold it up), and waits for its end, killing it if it does not come.
fn lede(env: &Env, cwd: &Path, args: &[&str]) -> Finished {
    lede_with(env, cwd, args, None)
}

/// As [`lede`], with `LEDE_LIBRARY` set to `library` when given.
fn lede_with(env: &Env, cwd: &Path, args: &[&str], library: Option<&Path>) -> Finished {
    let out = env.dir.path().join("stdout");
    let err = env.dir.path().join("stderr");
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.envs(env.vars())
        .env_remove("LEDE_LIBRARY")
        .envs(library.map(|dir| ("LEDE_LIBRARY", dir)))
        .current_dir(cwd)
        .args(args)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out).unwrap())
        .stderr(fs::File::create(&err).unwrap());
    let mut child = Reaped(cmd.spawn().unwrap());
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.0.try_wait().unwrap() {
            break status;
        }
        assert!(
            start.elapsed() < FINISHED_WITHIN,
            "lede {args:?} had not finished after {FINISHED_WITHIN:?}; it said: {}",
            fs::read_to_string(&err).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = fs::read_to_string(&err).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Finished {
        code: status.code(),
        stdout: fs::read_to_string(&out).unwrap(),
        stderr: stderr.lines().map(str::to_owned).collect(),
    }
}

/// The files the hits are in, each once, sorted (hits come best first).
fn hit_paths(stdout: &str) -> Vec<&str> {
    let mut paths: Vec<&str> = stdout
        .lines()
        .map(|l| l.split(": ").next().unwrap())
        .collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

#[test]
fn lede_search_finishes_lists_the_real_hits_and_says_one_line_for_each_oddity() {
    let env = Env::new();
    let lib = odd_library(env.dir.path());
    let found = lede(&env, env.dir.path(), &["search", "harbour", "lib"]);
    assert_eq!(found.code, Some(0), "{:?}", found.stderr);
    assert_eq!(hit_paths(&found.stdout), ["lib/a.txt", "lib/linked/b.txt"]);
    assert!(found.stderr.iter().all(|l| l.starts_with("lede: ")));
    assert_one_line_each(&found.stderr);
    // the same through --library, and the FIFO given as a PATH is not opened either
    let through_flag = lede(
        &env,
        env.dir.path(),
        &["search", "--library", lib.to_str().unwrap(), "harbour"],
    );
    assert_eq!(through_flag.code, Some(0), "{:?}", through_flag.stderr);
    assert_eq!(hit_paths(&through_flag.stdout).len(), 2);
    let fifo = lede(&env, env.dir.path(), &["search", "harbour", "lib/x.txt"]);
    assert_eq!(fifo.code, Some(1));
    assert_eq!(fifo.stdout, "");
    assert_eq!(fifo.stderr.len(), 1, "{:?}", fifo.stderr);
    assert!(
        fifo.stderr[0].contains("x.txt: a FIFO"),
        "{:?}",
        fifo.stderr
    );
}

#[test]
fn lede_search_takes_the_configured_library_with_home_and_variables_expanded() {
    let env = Env::new();
    let home = env.dir.path().join("home");
    odd_library(&home);
    let elsewhere = env.dir.path().join("cwd");
    fs::create_dir(&elsewhere).unwrap();
    write(&elsewhere.join("c.txt"), &article("Harbour Elsewhere"));
    let config = env.dir.path().join("config/config.toml");
    for library in ["~/lib", "$HOME/lib", "${HOME}/lib"] {
        fs::write(&config, format!("library = [\"{library}\"]\n")).unwrap();
        let found = lede(&env, &elsewhere, &["search", "harbour"]);
        assert_eq!(found.code, Some(0), "{library}: {:?}", found.stderr);
        let paths = hit_paths(&found.stdout);
        assert_eq!(paths.len(), 2, "{library}: {}", found.stdout);
        assert!(
            paths.iter().all(|p| p.starts_with(home.to_str().unwrap())),
            "{library}: {paths:?}"
        );
        assert_one_line_each(&found.stderr);
    }
    // the config names the library the reader and `lede config` show, expanded
    let shown = lede(&env, &elsewhere, &["config"]);
    assert!(
        shown
            .stdout
            .contains(&format!("library = [\"{}\"]", home.join("lib").display())),
        "{}",
        shown.stdout
    );
    // --library comes before the config, as in the reader; PATHs before both
    let flagged = lede(
        &env,
        &elsewhere,
        &[
            "--library",
            elsewhere.to_str().unwrap(),
            "search",
            "harbour",
        ],
    );
    assert_eq!(hit_paths(&flagged.stdout), ["c.txt"]);
    let from_env = lede_with(&env, &elsewhere, &["search", "harbour"], Some(&elsewhere));
    assert_eq!(hit_paths(&from_env.stdout), ["c.txt"]);
    // follow_links = false keeps the walk in the folder and says nothing of the links
    fs::write(&config, "library = [\"~/lib\"]\nfollow_links = false\n").unwrap();
    let unlinked = lede(&env, &elsewhere, &["search", "harbour"]);
    assert_eq!(hit_paths(&unlinked.stdout).len(), 1, "{}", unlinked.stdout);
    assert_eq!(unlinked.stderr.len(), 1, "{:?}", unlinked.stderr);
    assert!(
        unlinked.stderr[0].contains("a FIFO"),
        "{:?}",
        unlinked.stderr
    );
}

#[test]
fn lede_search_caps_its_problems_and_stops_at_the_scan_limit() {
    let env = Env::new();
    let lib = env.dir.path().join("lib");
    fs::create_dir(&lib).unwrap();
    for i in 0..30 {
        mkfifo(&lib.join(format!("f{i:02}.txt")));
    }
    for i in 0..5 {
        write(&lib.join(format!("g{i}.txt")), &article("Harbour News"));
    }
    let capped = lede(&env, env.dir.path(), &["search", "harbour", "lib"]);
    assert_eq!(capped.code, Some(0));
    assert_eq!(capped.stderr.len(), 21, "{:#?}", capped.stderr);
    assert!(capped.stderr[19].contains("f19.txt"), "{:?}", capped.stderr);
    assert_eq!(
        capped.stderr[20],
        "lede: … and 10 more problems (--warnings shows all)"
    );
    let all = lede(
        &env,
        env.dir.path(),
        &["--warnings", "search", "harbour", "lib"],
    );
    assert_eq!(all.stderr.len(), 30, "{:#?}", all.stderr);
    // 32 entries looked at: the 30 FIFOs and two articles
    fs::write(
        env.dir.path().join("config/config.toml"),
        "scan_limit = 32\n",
    )
    .unwrap();
    let limited = lede(
        &env,
        env.dir.path(),
        &["--warnings", "search", "harbour", "lib"],
    );
    assert_eq!(limited.code, Some(0));
    assert_eq!(hit_paths(&limited.stdout), ["lib/g0.txt", "lib/g1.txt"]);
    assert_eq!(limited.stderr.len(), 31, "{:#?}", limited.stderr);
    assert_eq!(
        limited.stderr[30],
        "lede: the scan stopped after 32 files and folders (scan_limit in the config); \
         the 2 articles found so far are listed"
    );
}

/// A large walk says how far it is as it goes (the library's `scanning… 8,192 files`).
#[test]
fn a_large_walk_reports_its_progress_as_it_goes() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    for i in 0..9000 {
        write(&lib.join(format!("notes/n{i}.md")), "");
    }
    write(&lib.join("a.txt"), &article("Progress Report"));
    let (tx, rx) = mpsc::channel();
    let scan = Scan::start(
        Target::Roots(vec![lib.clone()]),
        None,
        DEFAULT_MAX_SIZE,
        move |event| {
            let _ = tx.send(event);
        },
    );
    scan.wait();
    let events: Vec<ScanEvent> = rx.try_iter().collect();
    let walked: Vec<usize> = events
        .iter()
        .filter_map(|e| match e {
            ScanEvent::Walking(n) => Some(*n),
            _ => None,
        })
        .collect();
    assert_eq!(walked, vec![4096, 8192], "{events:?}");
    let listed = events
        .iter()
        .position(|e| matches!(e, ScanEvent::Listed(_)));
    let first_walk = events
        .iter()
        .position(|e| matches!(e, ScanEvent::Walking(_)));
    assert!(first_walk < listed, "progress comes before the list");
    assert!(events
        .iter()
        .any(|e| matches!(e, ScanEvent::Listed(files) if files.len() == 1)));
}
