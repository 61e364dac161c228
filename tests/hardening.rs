//! Issue 7: stray bytes, hostile sizes and small edges, from the outside of the binary.

#[allow(dead_code)]
mod common;

use assert_cmd::Command;
use common::env::{one_line_error, run, Env};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/hardening").join(name)
}

fn seed() -> PathBuf {
    root().join("assets/000_addf95f289c0a8cc.txt")
}

/// `lede parse FILE`, which must succeed, as JSON.
fn parsed(env: &Env, path: &Path) -> (serde_json::Value, String) {
    let r = run(env.lede().arg("parse").arg(path));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    (serde_json::from_str(&r.stdout).unwrap(), r.stderr)
}

/// Every word of the article's text but the title (which repeats the lead), counted.
fn words(json: &serde_json::Value) -> HashMap<String, usize> {
    fn collect(value: &serde_json::Value, into: &mut HashMap<String, usize>) {
        match value {
            serde_json::Value::String(s) => {
                for word in s.split_whitespace() {
                    *into.entry(word.to_owned()).or_default() += 1;
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, into)),
            serde_json::Value::Object(map) => map
                .iter()
                .filter(|(k, _)| *k != "title")
                .for_each(|(_, v)| collect(v, into)),
            _ => {}
        }
    }
    let mut words = HashMap::new();
    collect(json, &mut words);
    words
}

#[test]
fn stray_bytes_in_utf8_lose_no_word() {
    let env = Env::new();
    let (clean, _) = parsed(&env, &seed());
    let (stray, stderr) = parsed(&env, &fixture("seed_stray_bytes.txt"));
    let mut kept = words(&stray);
    // the three stray bytes stand alone between words: ÿ, and U+FFFD twice
    assert_eq!(kept.remove("ÿ"), Some(1));
    assert_eq!(kept.remove("\u{fffd}"), Some(2));
    assert_eq!(kept, words(&clean));
    // the seed's words less its markers (Summary, Question:, table numbers and pipes)
    assert_eq!(kept.values().sum::<usize>(), 1240);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("replaced 3 byte(s) that are not UTF-8 (read as windows-1252) on lines "),
        "{stderr}"
    );
}

#[test]
fn a_stray_byte_keeps_the_accents_and_quotes() {
    let env = Env::new();
    let (json, stderr) = parsed(&env, &fixture("cafe_stray.txt"));
    assert_eq!(json["lead"][0], "Café “quoted” and one stray ÿ byte.");
    assert!(
        stderr.contains("cafe_stray.txt: replaced 1 byte(s)") && stderr.contains("on line 1\n"),
        "{stderr}"
    );
}

#[test]
fn windows_1252_bytes_that_are_c1_in_latin1_eat_no_text() {
    let env = Env::new();
    let (json, stderr) = parsed(&env, &fixture("cp1252_c1.txt"));
    assert_eq!(
        json["lead"],
        serde_json::json!([
            "A café sign \u{fffd} and \u{fffd} hidden words follow here.",
            "The end “quoted”."
        ])
    );
    assert!(
        stderr.contains("not UTF-8; read as windows-1252"),
        "{stderr}"
    );
}

#[test]
fn page_and_line_breaks_keep_words_apart() {
    let env = Env::new();
    let (json, stderr) = parsed(&env, &fixture("breaks.txt"));
    assert_eq!(
        json["lead"][0],
        "First paragraph here. Second here. Third one and fourth."
    );
    assert_eq!(stderr, "");
}

#[test]
fn a_stray_nul_is_a_space_with_a_warning() {
    let env = Env::new();
    let mut bytes = std::fs::read(seed()).unwrap();
    let at = bytes.windows(2).position(|w| w == b". ").unwrap() + 1;
    bytes[at] = 0;
    let path = env.file("nul.txt", &bytes);
    let (json, stderr) = parsed(&env, &path);
    let (clean, _) = parsed(&env, &seed());
    assert_eq!(words(&json), words(&clean));
    assert!(
        stderr.contains("nul.txt: replaced 1 NUL byte(s) with spaces"),
        "{stderr}"
    );
}

/// `lede` run by `sh` under `ulimit -v`: an allocation past `mib` MiB of address space fails,
/// and the binary aborts, so an exit code of 1 with its message shows it stayed within.
fn lede_within(env: &Env, mib: u64) -> Command {
    Command::from_std(std_lede_within(env, mib))
}

fn std_lede_within(env: &Env, mib: u64) -> std::process::Command {
    let mut cmd = std::process::Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -v {} && exec \"$0\" \"$@\"", mib << 10))
        .arg(env!("CARGO_BIN_EXE_lede"));
    for (key, value) in env.vars() {
        cmd.env(key, value);
    }
    cmd
}

/// Runs `cmd` expecting one line on stderr, exit 1 and nothing on stdout.
#[test]
fn endless_devices_are_refused_at_once() {
    let env = Env::new();
    for device in ["/dev/zero", "/dev/urandom"] {
        one_line_error(
            lede_within(&env, 64).args(["parse", device]),
            &[device, "binary data"],
        );
    }
}

#[test]
fn a_huge_sparse_file_is_refused_on_its_first_block() {
    let env = Env::new();
    let path = env.dir.path().join("sparse.txt");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(2 << 30).unwrap();
    one_line_error(
        lede_within(&env, 64).arg("parse").arg(&path),
        &["sparse.txt", "binary data"],
    );
}

#[test]
fn endless_text_on_stdin_stops_at_the_limit() {
    use std::io::Write;
    let env = Env::new();
    let mut child = std_lede_within(&env, 64)
        .args(["parse", "-", "--max-size", "8M"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // `yes`, until lede stops reading
    let writer = std::thread::spawn(move || {
        let chunk = "y\n".repeat(32 << 10);
        while stdin.write_all(chunk.as_bytes()).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(
        stderr,
        "lede: <stdin>: larger than the 8 MiB limit (--max-size raises it)\n"
    );
}

#[test]
fn the_size_limit_names_the_file_and_can_be_raised() {
    let env = Env::new();
    let size = std::fs::metadata(seed()).unwrap().len();
    for command in [&["parse"][..], &["print"], &[]] {
        one_line_error(
            env.lede()
                .args(command)
                .arg(seed())
                .args(["--max-size", "4K"]),
            &[
                "000_addf95f289c0a8cc.txt",
                "larger than the 4 KiB limit (--max-size raises it)",
            ],
        );
    }
    let exact = run(env
        .lede()
        .arg("parse")
        .arg(seed())
        .args(["--max-size", &size.to_string()]));
    assert_eq!(exact.code, Some(0), "{}", exact.stderr);
    let r = run(env.lede().args(["parse", "--max-size", "lots"]).arg(seed()));
    assert_eq!(r.code, Some(2), "a usage error");
}

#[test]
fn a_hundred_thousand_warnings_are_twenty_and_a_count() {
    let env = Env::new();
    // every line between the FAQ heading and its first question is a warning
    let mut text = String::from("The lead paragraph is here.\nFrequently Asked Questions\n");
    for i in 0..100_000 {
        text.push_str(&format!("Stray line number {i}.\n"));
    }
    env.file("odd.txt", text.as_bytes());
    let r = run(env
        .lede()
        .current_dir(env.dir.path())
        .args(["parse", "odd.txt"]));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let lines: Vec<&str> = r.stderr.lines().collect();
    assert_eq!(lines.len(), 21);
    assert_eq!(
        lines[0],
        "lede: warning: odd.txt: line 3: text before the first FAQ question kept in the lead"
    );
    assert_eq!(
        lines[20],
        "lede: warning: odd.txt: … and 99,980 more warnings (--warnings shows all)"
    );
    let all = run(env
        .lede()
        .current_dir(env.dir.path())
        .args(["parse", "--warnings", "odd.txt"]));
    assert_eq!(all.code, Some(0));
    assert_eq!(all.stderr.lines().count(), 100_000);
    assert!(all
        .stderr
        .ends_with("line 100002: text before the first FAQ question kept in the lead\n"));
}

#[test]
fn text_on_stdin_that_starts_with_a_brace_is_text() {
    let env = Env::new();
    let path = fixture("brace_lead.txt");
    let by_path = run(env.lede().arg("parse").arg(&path));
    assert_eq!(by_path.code, Some(0), "{}", by_path.stderr);
    let by_stdin = run(env
        .lede()
        .args(["parse", "-"])
        .write_stdin(std::fs::read(&path).unwrap()));
    assert_eq!(by_stdin.code, Some(0), "{}", by_stdin.stderr);
    assert_eq!(by_stdin.stdout, by_path.stdout);
    assert!(by_stdin.stdout.contains("\"{Update} The council met"));
}

#[test]
fn json_that_is_no_article_says_so() {
    let env = Env::new();
    let needle = "not a lede article: no title, lead or sections";
    for json in [
        &b"{}"[..],
        b"{\"colour\": \"blue\"}",
        b"{\"lead\": [\"  \"]}",
    ] {
        let path = env.file("other.json", json);
        one_line_error(env.lede().arg("parse").arg(&path), &["other.json", needle]);
        one_line_error(
            env.lede().args(["parse", "-"]).write_stdin(json),
            &["<stdin>", needle],
        );
    }
}

#[test]
fn direction_overrides_in_a_file_name_are_escaped() {
    let env = Env::new();
    for mark in ['\u{202e}', '\u{2066}', '\u{200f}', '\u{61c}'] {
        let name = env.dir.path().join(format!("report{mark}txt.exe"));
        let r = run(env.lede().arg("parse").arg(&name));
        assert_eq!(r.code, Some(1));
        assert!(!r.stderr.contains(mark), "{:?}", r.stderr);
        let escaped = mark.escape_default().to_string();
        assert!(
            r.stderr
                .contains(&format!("report{escaped}txt.exe: no such file")),
            "{:?}",
            r.stderr
        );
    }
}

#[test]
fn a_closed_stdout_is_a_write_error() {
    let env = Env::new();
    for command in [&["print"][..], &["parse"], &[]] {
        let mut sh = std::process::Command::new("sh");
        sh.arg("-c")
            .arg("exec \"$0\" \"$@\" >&-")
            .arg(env!("CARGO_BIN_EXE_lede"))
            .args(command)
            .arg(seed());
        for (key, value) in env.vars() {
            sh.env(key, value);
        }
        one_line_error(
            &mut Command::from_std(sh),
            &["lede: cannot write output: Bad file descriptor"],
        );
    }
}

#[test]
fn soft_hyphens_never_push_a_line_past_the_width() {
    let env = Env::new();
    for width in [14, 20, 33, 50] {
        let r = run(env
            .lede()
            .arg("print")
            .arg(fixture("soft_hyphens.txt"))
            .args(["--width", &width.to_string()]));
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        let words = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("international negotiations continued throughout"),
            "{words}"
        );
        for line in r.stdout.lines() {
            // a terminal draws a soft hyphen one column wide, or not at all
            let drawn = line.chars().count();
            assert!(
                !line.contains('\u{ad}') && drawn <= width,
                "{line:?} at {width}"
            );
        }
    }
}

#[test]
fn printing_a_huge_paragraph_at_any_width_stays_within_three_times_its_size() {
    let env = Env::new();
    // one 3 MB line of sentences: a paragraph wraps into a million one-column rows
    let words = [
        "storm", "river", "council", "budget", "launch", "orbit", "rates",
    ];
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 3_000_000 {
        text.push_str(if i % 9 == 0 { "Bridge " } else { words[i % 7] });
        text.push_str(if i % 9 == 8 { ". " } else { " " });
        i += 1;
    }
    text.push('\n');
    let path = env.file("huge.txt", text.as_bytes());
    let letters = |s: &str| s.chars().filter(char::is_ascii_alphabetic).count();
    // the binary's own needs, then three times the input
    let limit = 20 + 3 * (text.len() as u64 >> 20);
    for width in ["1", "80"] {
        let r = run(lede_within(&env, limit)
            .arg("print")
            .arg(&path)
            .args(["--width", width]));
        assert_eq!(r.code, Some(0), "width {width}: {}", r.stderr);
        assert_eq!(letters(&r.stdout), letters(&text), "width {width}");
    }
}
