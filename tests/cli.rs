//! The `lede` binary from the outside: parse, print, round trips, standard input, errors, pipes.

#[allow(dead_code)]
mod common;

use common::env::{one_line_error, run, Env};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use unicode_width::UnicodeWidthStr;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn samples() -> Vec<PathBuf> {
    txt_files("assets")
}

fn fixtures() -> Vec<PathBuf> {
    txt_files("tests/fixtures")
}

/// The `.txt` files in a folder of the project, sorted.
fn txt_files(folder: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn parse_prints_the_model_as_json() {
    let env = Env::new();
    let r = run(env
        .lede()
        .args(["parse"])
        .arg(root().join("assets/000_addf95f289c0a8cc.txt")));
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let mut keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["faq", "key_points", "lead", "sections", "summary", "title"]
    );
    // and in the model's order, title first
    let order = ["title", "lead", "sections", "key_points", "summary", "faq"]
        .map(|k| r.stdout.find(&format!("\n  \"{k}\": ")).unwrap());
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert_eq!(json["sections"].as_array().unwrap().len(), 5);
    assert_eq!(json["sections"][0]["heading"], "Context of the Meeting");
    assert_eq!(
        json["sections"][0]["paragraphs"].as_array().unwrap().len(),
        3
    );
    assert_eq!(json["key_points"].as_array().unwrap().len(), 5);
    assert_eq!(
        json["faq"][0]["question"],
        "What are the main objectives of the Witkoff-Putin meeting?"
    );
    assert_eq!(json["faq"][0]["answer"].as_array().unwrap().len(), 1);
}

#[test]
fn missing_parts_are_empty_arrays_in_json() {
    let env = Env::new();
    let r = run(env
        .lede()
        .arg("parse")
        .arg(fixture("missing_everything.txt")));
    assert_eq!(r.code, Some(0));
    let json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    for key in ["sections", "key_points", "summary", "faq"] {
        assert_eq!(json[key], serde_json::json!([]), "{key}");
    }
}

#[test]
fn parse_json_round_trips_exactly() {
    let env = Env::new();
    for path in samples().into_iter().chain(fixtures()) {
        let first = run(env.lede().arg("parse").arg(&path));
        assert_eq!(first.code, Some(0), "{}: {}", path.display(), first.stderr);
        let json = env.file("a.json", first.stdout.as_bytes());
        let second = run(env.lede().arg("parse").arg(&json));
        assert_eq!(second.code, Some(0), "{}", second.stderr);
        assert_eq!(second.stdout, first.stdout, "{}", path.display());
        assert_eq!(second.stderr, "", "a .json has nothing to warn about");
    }
}

#[test]
fn print_wraps_to_the_width() {
    let env = Env::new();
    let mut paths = samples();
    paths.push(fixture("unicode.txt"));
    paths.push(fixture("pipes.txt"));
    for path in &paths {
        for width in [20usize, 33, 40, 61, 80] {
            let r = run(env
                .lede()
                .arg("print")
                .arg(path)
                .args(["--width", &width.to_string()]));
            assert_eq!(r.code, Some(0), "{}", r.stderr);
            assert!(r.stdout.lines().count() > 5);
            for line in r.stdout.lines() {
                let single_char = line.trim().chars().count() == 1;
                assert!(
                    line.width() <= width || single_char,
                    "{}: {line:?} is wider than {width}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn print_shows_every_part() {
    let env = Env::new();
    let r = run(env
        .lede()
        .args(["print", "--width", "100"])
        .arg(root().join("assets/002_cannery_food_hall.txt")));
    assert_eq!(r.code, Some(0));
    let out = &r.stdout;
    for needle in [
        "Shuttered Cannery Reopens as a Food Hall in Port Aldren",
        "1. From Cannery to Food Hall",
        "Key Points",
        "Summary",
        "Frequently Asked Questions",
        "Q: When is the food hall open?",
        "The brewery taproom stays open until 11 p.m.",
    ] {
        assert!(out.contains(needle), "{needle:?} missing from:\n{out}");
    }
    // no table syntax or FAQ prefixes from the file survive
    assert!(!out.contains('|'));
    assert!(!out.contains("A: "));
}

#[test]
fn reading_a_file_into_a_pipe_prints_it() {
    let env = Env::new();
    let path = root().join("assets/001_lunar_ice_probe.txt");
    let print = run(env.lede().arg("print").arg(&path));
    let read = run(env.lede().arg(&path));
    assert_eq!(read.code, Some(0), "{}", read.stderr);
    assert_eq!(read.stdout, print.stdout);
    assert!(read.stdout.lines().all(|l| l.width() <= 80));
}

#[test]
fn stdin_takes_text_and_json() {
    let env = Env::new();
    let path = fixture("crlf.txt");
    let text = std::fs::read(&path).unwrap();
    let from_file = run(env.lede().arg("parse").arg(&path));
    let from_stdin = run(env.lede().args(["parse", "-"]).write_stdin(text.clone()));
    assert_eq!(from_stdin.code, Some(0), "{}", from_stdin.stderr);
    assert_eq!(from_stdin.stdout, from_file.stdout);

    let json_in = run(env
        .lede()
        .args(["parse", "-"])
        .write_stdin(from_file.stdout.clone()));
    assert_eq!(json_in.code, Some(0), "{}", json_in.stderr);
    assert_eq!(json_in.stdout, from_file.stdout);

    let printed = run(env
        .lede()
        .args(["print", "-", "--width", "50"])
        .write_stdin(from_file.stdout));
    let printed_file = run(env.lede().arg("print").arg(&path).args(["--width", "50"]));
    assert_eq!(printed.code, Some(0));
    assert_eq!(printed.stdout, printed_file.stdout);

    let read = run(env.lede().arg("-").write_stdin(text));
    assert_eq!(read.code, Some(0));
    assert_eq!(read.stdout, run(env.lede().arg("print").arg(&path)).stdout);
}

/// Runs `args` expecting failure: exit 1, nothing on stdout, one line on stderr.
fn assert_one_line_error(env: &Env, args: &[&std::ffi::OsStr], stdin: &[u8], needles: &[&str]) {
    one_line_error(env.lede().args(args).write_stdin(stdin.to_vec()), needles);
}

#[test]
fn each_error_is_one_line_naming_the_file_and_the_reason() {
    let env = Env::new();
    let missing = env.dir.path().join("nowhere.txt");
    let empty = env.file("empty.txt", b"");
    let blank = env.file("blank.txt", b" \r\n\n\t\n");
    let binary = env.file(
        "image.txt",
        &[
            0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d,
        ],
    );
    let dir = env.dir.path().join("home");
    let bad_json = env.file("bad.json", b"{\"title\": [1, 2]");
    let wrong_json = env.file("wrong.json", b"[\"not\", \"an\", \"article\"]");
    let cases: [(&Path, &[&str]); 7] = [
        (&missing, &["nowhere.txt", "no such file"]),
        (&empty, &["empty.txt", "empty"]),
        (&blank, &["blank.txt", "empty"]),
        (&binary, &["image.txt", "binary"]),
        (&dir, &["home", "directory"]),
        (&bad_json, &["bad.json", "JSON"]),
        (&wrong_json, &["wrong.json", "JSON"]),
    ];
    for (path, needles) in cases {
        for command in [Some("parse"), Some("print"), None] {
            let mut args: Vec<&std::ffi::OsStr> = command.iter().map(|c| c.as_ref()).collect();
            args.push(path.as_os_str());
            assert_one_line_error(&env, &args, b"", needles);
        }
    }
}

#[test]
fn errors_on_stdin_name_it() {
    let env = Env::new();
    let dash: &std::ffi::OsStr = "-".as_ref();
    let parse: &std::ffi::OsStr = "parse".as_ref();
    assert_one_line_error(&env, &[parse, dash], b"", &["stdin", "empty"]);
    assert_one_line_error(
        &env,
        &[parse, dash],
        b"\x00\x01\x02\x03binary",
        &["stdin", "binary"],
    );
    assert_one_line_error(&env, &[parse, dash], b"{\"lead\": 3}", &["stdin", "JSON"]);
}

#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    let path = env.file("secret.txt", b"Some text.\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        return; // running as root: permissions do not stop reading
    }
    let parse: &std::ffi::OsStr = "parse".as_ref();
    assert_one_line_error(
        &env,
        &[parse, path.as_os_str()],
        b"",
        &["secret.txt", "permission denied"],
    );
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    let article = root().join("assets/000_addf95f289c0a8cc.txt");
    let article = article.to_str().unwrap();
    for args in [
        vec!["print"],
        vec!["parse"],
        vec!["--no-such-flag"],
        vec!["print", article, "--width", "0"],
        vec!["print", article, "--width", "wide"],
        vec!["parse", article, "extra"],
    ] {
        let r = run(env.lede().args(&args));
        assert_eq!(r.code, Some(2), "{args:?}");
        assert_eq!(r.stdout, "");
        assert!(!r.stderr.is_empty());
    }
}

#[test]
fn help_and_version_succeed() {
    let env = Env::new();
    for arg in ["--help", "--version"] {
        let r = run(env.lede().arg(arg));
        assert_eq!(r.code, Some(0));
        assert!(r.stdout.contains("lede"));
    }
}

#[test]
fn warnings_go_to_stderr_only() {
    let env = Env::new();
    for (name, warning) in [
        ("windows1252.txt", "windows-1252"),
        ("orphan_entry.txt", "never appears"),
        ("control_chars.txt", "control character"),
        ("stray_after_faq.txt", "before the first FAQ question"),
    ] {
        for command in ["parse", "print"] {
            let r = run(env.lede().arg(command).arg(fixture(name)));
            assert_eq!(r.code, Some(0), "{name}: {}", r.stderr);
            assert!(
                r.stderr.contains("warning") && r.stderr.contains(warning),
                "{name}: {:?}",
                r.stderr
            );
            assert!(r.stderr.contains(name), "{:?}", r.stderr);
            assert!(!r.stdout.contains("warning"), "{name}");
            assert!(!r.stdout.contains(warning), "{name}");
        }
    }
    let clean = run(env.lede().arg("parse").arg(fixture("crlf.txt")));
    assert_eq!(clean.stderr, "");
}

/// Bytes that must never reach a terminal: C0 controls but the line feed, DEL, ESC, C1.
fn assert_terminal_safe(what: &str, out: &str) {
    for c in out.chars() {
        assert!(
            c == '\n' || !c.is_control(),
            "{what}: control character {c:?} in output"
        );
    }
}

#[test]
fn no_control_character_from_the_article_reaches_the_output() {
    let env = Env::new();
    for name in ["control_chars.txt", "unicode.txt", "windows1252.txt"] {
        let path = fixture(name);
        let printed = run(env.lede().arg("print").arg(&path));
        assert_eq!(printed.code, Some(0));
        assert_terminal_safe(name, &printed.stdout);
        assert_terminal_safe(name, &printed.stderr);
        assert!(!printed.stdout.contains('\t'), "tabs become spaces");
        let parsed = run(env.lede().arg("parse").arg(&path));
        assert_terminal_safe(name, &parsed.stdout);
        // not even as JSON escapes: the text itself is clean
        assert!(!parsed.stdout.contains("\\u001b") && !parsed.stdout.contains("\\u0007"));
        assert!(!parsed.stdout.contains("\\t"));
        assert!(!parsed.stdout.contains("pwned") && !parsed.stdout.contains("cm0g"));
    }
    // JSON written by hand may carry escapes too
    let json = env.file(
        "evil.json",
        b"{\"title\": \"T\\u001b]0;pwned\\u0007\", \"lead\": [\"a\\u001b[2Jb\\u009b31mc\\td\"]}",
    );
    for command in ["parse", "print"] {
        let r = run(env.lede().arg(command).arg(&json));
        assert_eq!(r.code, Some(0), "{}", r.stderr);
        assert_terminal_safe("evil.json", &r.stdout);
        assert!(!r.stdout.contains("\\u001b") && !r.stdout.contains("pwned"));
    }
}

/// An article far bigger than a pipe's buffer.
fn big_article(env: &Env) -> PathBuf {
    let mut text = String::from("A long article for testing pipes. It goes on and on.\n");
    for i in 0..4000 {
        text.push_str(&format!(
            "Paragraph {i} repeats a sentence long enough to fill most of a line of text.\n"
        ));
    }
    env.file("big.txt", text.as_bytes())
}

#[test]
fn a_reader_closing_the_pipe_early_is_not_an_error() {
    let env = Env::new();
    let big = big_article(&env);
    for args in [
        vec!["print".as_ref(), big.as_os_str()],
        vec!["parse".as_ref(), big.as_os_str()],
        vec![big.as_os_str()],
    ] {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lede"));
        cmd.envs(env.vars());
        let mut child = cmd
            .args(&args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut head = [0u8; 64];
        stdout.read_exact(&mut head).unwrap();
        drop(stdout); // like `| head -3`
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut stderr)
            .unwrap();
        assert!(status.success(), "{args:?}: {status:?}, {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

#[test]
fn output_written_to_a_full_pipe_in_one_go_is_whole() {
    // the same big article read to the end: nothing is cut when the reader keeps up
    let env = Env::new();
    let big = big_article(&env);
    let r = run(env.lede().arg("print").arg(&big));
    assert_eq!(r.code, Some(0));
    assert!(r.stdout.contains("Paragraph 3999 repeats"));
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.envs(env.vars());
    let mut child = cmd
        .args(["parse", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let text = std::fs::read(&big).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&text));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["lead"].as_array().unwrap().len(), 4001);
}

#[test]
fn a_file_name_with_control_characters_stays_on_one_safe_line() {
    let env = Env::new();
    let name = env.dir.path().join("evil\u{1b}]0;pwned\u{7}\nname.txt");
    let parse: &std::ffi::OsStr = "parse".as_ref();
    assert_one_line_error(
        &env,
        &[parse, name.as_os_str()],
        b"",
        &["evil", "name.txt", "no such file"],
    );
    let r = run(env.lede().arg("parse").arg(&name));
    assert_terminal_safe("stderr", &r.stderr.replace('\n', ""));
    // and the same name on a real file with a warning
    std::fs::write(&name, std::fs::read(fixture("orphan_entry.txt")).unwrap()).unwrap();
    let r = run(env.lede().arg("parse").arg(&name));
    assert_eq!(r.code, Some(0));
    assert_eq!(r.stderr.lines().count(), 1, "{:?}", r.stderr);
    assert_terminal_safe("stderr", &r.stderr.replace('\n', ""));
}

#[test]
fn print_takes_several_files_like_cat_with_a_rule_between() {
    let env = Env::new();
    let files = samples();
    let one = run(env.lede().arg("print").arg(&files[0]));
    let two = run(env.lede().arg("print").arg(&files[1]));
    let both = run(env.lede().arg("print").args(&files[..2]));
    assert_eq!(both.code, Some(0));
    let rule = "─".repeat(80);
    assert_eq!(
        both.stdout,
        format!("{}\n{rule}\n\n{}", one.stdout, two.stdout)
    );
    // the same between articles piped from `lede a b`
    let piped = run(env.lede().args(&files[..2]));
    assert_eq!(piped.stdout, both.stdout);
    // one missing file among them is reported, the others printed, exit 1
    let missing = run(env
        .lede()
        .arg("print")
        .arg(&files[0])
        .arg("nope.txt")
        .arg(&files[1]));
    assert_eq!(missing.code, Some(1));
    assert_eq!(missing.stdout, both.stdout);
    assert_eq!(missing.stderr.trim(), "lede: nope.txt: no such file");
}

#[test]
fn completions_man_page_and_help_pointer() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish"] {
        let r = run(env.lede().args(["completions", shell]));
        assert_eq!(r.code, Some(0), "{shell}");
        assert!(r.stdout.contains("lede"), "{shell}");
        assert!(
            r.stdout.contains("bookmarks"),
            "{shell}: subcommands completed"
        );
    }
    let bad = run(env.lede().args(["completions", "cmd.exe"]));
    assert_eq!(bad.code, Some(2));
    let man = run(env.lede().arg("man"));
    assert_eq!(man.code, Some(0));
    assert!(
        man.stdout.starts_with(".ie") || man.stdout.contains(".TH lede"),
        "{}",
        &man.stdout[..200.min(man.stdout.len())]
    );
    assert!(man
        .stdout
        .contains("terminal reader for structured news articles"));
    let help = run(env.lede().arg("--help"));
    assert!(
        help.stdout.trim_end().ends_with(
            "Keys in the reader: press ? there for all of them, or run `lede keys`; `lede man` is the manual."
        ),
        "{}",
        help.stdout
    );
    // what no FILE opens, in the order the reader takes it
    let flat = help.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(
            "With no FILE, opens the library: the --library folders, else LEDE_LIBRARY, \
             else the config's library, else the bundled sample articles"
        ),
        "{}",
        help.stdout
    );
}

/// The subcommands clap knows, but its own `help`.
fn subcommands() -> Vec<String> {
    <lede::cli::Cli as clap::CommandFactory>::command()
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .filter(|name| name != "help")
        .collect()
}

#[test]
fn the_man_page_is_one_page_with_keys_environment_and_files() {
    let env = Env::new();
    let man = run(env.lede().arg("man"));
    assert_eq!(man.code, Some(0), "{}", man.stderr);
    let page = &man.stdout;
    // one page: no lede-search(1) and the like, which do not exist; no README beside a binary
    assert!(!page.contains("lede\\-"), "a reference to another page");
    assert!(!page.contains("README"), "a reference to the README");
    for section in [
        "COMMANDS",
        "KEYS",
        "ENVIRONMENT",
        "FILES",
        "EXIT STATUS",
        "OPTIONS",
    ] {
        assert!(
            page.contains(&format!(".SH {section}"))
                || page.contains(&format!(".SH \"{section}\"")),
            "no {section} section"
        );
    }
    for sub in subcommands() {
        assert!(
            page.contains(&format!("lede {sub}")),
            "{sub} is not described"
        );
    }
    for var in ["LEDE_CONFIG", "LEDE_DATA_DIR", "LEDE_LIBRARY", "NO_COLOR"] {
        assert!(
            page.contains(&format!("\\fB{var}")),
            "{var} not in ENVIRONMENT"
        );
    }
    for key in [
        "1 … 9",
        "scroll down a line",
        "library: filter, sort, search all",
    ] {
        assert!(page.contains(key), "{key} not in KEYS");
    }
    // rendered by man where it is installed, without a warning
    let file = env.file("lede.1", page.as_bytes());
    match std::process::Command::new("man")
        .args(["--warnings", "-l"])
        .arg(&file)
        .env("MANPAGER", "cat")
        .env("MANWIDTH", "80")
        .env("HOME", env.dir.path().join("home"))
        .output()
    {
        Err(e) => println!("man is not installed here ({e}): the rendering is not checked"),
        Ok(out) => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "man -l failed: {stderr}");
            assert_eq!(stderr, "", "man -l warned");
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("ENVIRONMENT"), "{text}");
            assert!(text.contains("LEDE_DATA_DIR"), "{text}");
        }
    }
}

#[test]
fn the_readme_usage_names_every_subcommand_and_lede_keys_every_key() {
    let readme = include_str!("../README.md");
    let usage = readme
        .split("## Usage\n\n```\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .unwrap();
    for sub in subcommands() {
        assert!(
            usage.lines().any(|l| l.starts_with(&format!("lede {sub}"))),
            "the README's usage block lacks lede {sub}"
        );
    }
    let env = Env::new();
    let keys = run(env.lede().arg("keys"));
    assert_eq!(keys.code, Some(0), "{}", keys.stderr);
    for key in [
        "1 … 9",
        "in the sidebar: move, jump",
        "in the bookmarks list: open, delete, undo, note, filter",
        "library: filter, sort, search all",
        "library: read/unread, all read, rescan, next unread",
    ] {
        assert!(
            keys.stdout.contains(key),
            "{key} not in lede keys:\n{}",
            keys.stdout
        );
    }
}

#[test]
fn a_pipe_into_lede_with_stdout_not_a_terminal_prints_the_article() {
    // `cat a.txt | lede > out.txt`: no FILE, stdin a pipe, stdout a pipe
    let env = Env::new();
    let path = root().join("assets/001_lunar_ice_probe.txt");
    let print = run(env.lede().arg("print").arg(&path));
    let piped = run(env.lede().write_stdin(std::fs::read(&path).unwrap()));
    assert_eq!(piped.code, Some(0), "{}", piped.stderr);
    assert_eq!(piped.stderr, "");
    assert_eq!(piped.stdout, print.stdout);
}

#[test]
fn lede_config_names_an_unknown_action_as_lede_keys_does() {
    let env = Env::new();
    let config = env.dir.path().join("config/config.toml");
    std::fs::write(&config, "width = 72\n[keys]\nx = \"quitt\"\n").unwrap();
    let keys = run(env.lede().arg("keys"));
    let said = format!(
        "lede: {}:3: [keys] \"quitt\" is not an action (`lede keys` lists them)\n",
        config.display()
    );
    assert_eq!(keys.stderr, said);
    let shown = run(env.lede().arg("config"));
    assert_eq!(shown.code, Some(0));
    assert_eq!(shown.stderr, said);
    assert!(shown.stdout.contains("width = 72"), "{}", shown.stdout);
}

#[test]
fn global_options_go_before_or_after_the_subcommand() {
    // clap allows options anywhere; before a subcommand they once made it a FILE
    let env = Env::new();
    let lib = env.dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    std::fs::copy(
        root().join("assets/000_addf95f289c0a8cc.txt"),
        lib.join("a.txt"),
    )
    .unwrap();
    let lib = lib.to_str().unwrap();
    let article = root().join("assets/000_addf95f289c0a8cc.txt");
    let article = article.to_str().unwrap();
    for args in [
        vec!["search", "--library", lib, "putin"],
        vec!["search", "putin", "--library", lib],
        vec!["--library", lib, "search", "putin"],
        vec!["--warnings", "search", "putin", lib],
        vec!["--max-size", "1M", "search", "--json", "putin", lib],
    ] {
        let r = run(env.lede().args(&args));
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(r.stdout.contains("a.txt"), "{args:?}: {}", r.stdout);
    }
    let print = run(env.lede().args(["print", article]));
    for args in [
        vec!["--max-size", "1M", "print", article],
        vec!["--warnings", "print", article],
        vec!["print", "--warnings", article],
    ] {
        let r = run(env.lede().args(&args));
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert_eq!(r.stdout, print.stdout, "{args:?}");
    }
    for sub in [
        vec!["keys"],
        vec!["config"],
        vec!["bookmarks"],
        vec!["bookmarks", "--json"],
        vec!["parse", article],
        vec!["man"],
        vec!["completions", "bash"],
    ] {
        let mut args = vec!["--library", lib, "--warnings"];
        args.extend(&sub);
        let r = run(env.lede().args(&args));
        assert_eq!(r.code, Some(0), "{args:?}: {}", r.stderr);
        assert!(!r.stdout.is_empty(), "{args:?}");
    }
}
