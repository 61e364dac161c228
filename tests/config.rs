//! The config file through the real binary: `lede config`, `LEDE_CONFIG`, the XDG path,
//! a bad value and a missing file.

use assert_cmd::Command;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A binary with every folder it could touch in a temporary directory.
fn lede(root: &Path, config: Option<&Path>) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
    cmd.env_clear()
        .env("HOME", root.join("home"))
        .env("XDG_CONFIG_HOME", root.join("config"))
        .env("XDG_DATA_HOME", root.join("data"))
        .env("XDG_CACHE_HOME", root.join("cache"))
        .env("XDG_STATE_HOME", root.join("state"))
        .env("LEDE_DATA_DIR", root.join("data").join("lede"));
    match config {
        Some(path) => cmd.env("LEDE_CONFIG", path),
        None => cmd.env_remove("LEDE_CONFIG"),
    };
    cmd
}

fn run(cmd: &mut Command) -> (String, String) {
    let out = cmd.arg("config").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn no_file_prints_the_defaults_and_where_it_looked() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.toml");
    let (out, err) = run(&mut lede(dir.path(), Some(&missing)));
    assert!(err.is_empty(), "{err}");
    assert!(
        out.starts_with(&format!("# no config file at {}", missing.display())),
        "{out}"
    );
    for line in [
        "library = []",
        "width = 80",
        "theme = \"auto\"",
        "sidebar = \"auto\"",
        "mouse = true",
        "[keys]",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
}

#[test]
fn the_xdg_path_is_read_and_every_key_printed_back() {
    let dir = tempfile::tempdir().unwrap();
    let text = "library = [\"/srv/news\"]\nwidth = 70\ntheme = \"light\"\nsidebar = \"open\"\n\
                mouse = false\n\n[keys]\nx = \"quit\"\n";
    let path = write(&dir, "config/lede/config.toml", text);
    let (out, err) = run(&mut lede(dir.path(), None));
    assert!(err.is_empty(), "{err}");
    assert!(
        out.starts_with(&format!("# read from {}", path.display())),
        "{out}"
    );
    for line in [
        "library = [\"/srv/news\"]",
        "width = 70",
        "theme = \"light\"",
        "sidebar = \"open\"",
        "mouse = false",
        "x = \"quit\"",
    ] {
        assert!(out.contains(line), "{line} missing from:\n{out}");
    }
}

#[test]
fn lede_config_overrides_the_path() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir, "config/lede/config.toml", "width = 70\n");
    let other = write(&dir, "elsewhere.toml", "width = 90\ntheme = \"16\"\n");
    let (out, _) = run(&mut lede(dir.path(), Some(&other)));
    assert!(
        out.starts_with(&format!("# read from {}", other.display())),
        "{out}"
    );
    assert!(
        out.contains("width = 90") && out.contains("theme = \"16\""),
        "{out}"
    );
}

#[test]
fn a_bad_value_names_the_file_and_line_and_the_defaults_hold() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "bad.toml",
        "width = 70\nmouse = false\ntheme = \"purple\"\n",
    );
    let (out, err) = run(&mut lede(dir.path(), Some(&path)));
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "{err}");
    assert!(
        lines[0].starts_with(&format!("lede: {}:3: ", path.display())),
        "{err}"
    );
    assert!(lines[0].contains("unknown theme \"purple\""), "{err}");
    // the whole file is set aside, not just the bad key
    assert!(
        out.contains("width = 80") && out.contains("mouse = true"),
        "{out}"
    );
    let unknown = write(&dir, "unknown.toml", "width = 70\n\ncolours = 3\n");
    let (_, err) = run(&mut lede(dir.path(), Some(&unknown)));
    assert!(err.contains(":3: ") && err.contains("colours"), "{err}");
}
