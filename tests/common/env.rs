//! A temporary home, data and config for one command-line test: the binary must not touch the
//! real ones. Each test file uses some of it.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::PathBuf;
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["home", "data", "config"] {
            std::fs::create_dir(dir.path().join(sub)).unwrap();
        }
        Env { dir }
    }

    /// `lede` with every folder it could touch in the temporary directory.
    pub fn lede(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_lede"));
        for (key, value) in self.vars() {
            cmd.env(key, value);
        }
        cmd
    }

    /// The variables that point lede at the temporary folders, for any kind of command.
    pub fn vars(&self) -> [(&'static str, PathBuf); 6] {
        let root = self.dir.path();
        [
            ("HOME", root.join("home")),
            ("XDG_DATA_HOME", root.join("data")),
            ("XDG_CONFIG_HOME", root.join("config")),
            ("LEDE_DATA_DIR", root.join("data/lede")),
            ("LEDE_CONFIG", root.join("config/config.toml")),
            // a panic would print a backtrace; none may appear
            ("RUST_BACKTRACE", "1".into()),
        ]
    }

    /// A file in the temporary directory.
    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// A child process killed and reaped on drop, whatever happened to the test: none outlives it.
pub struct Reaped(pub std::process::Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// What a finished command said.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `cmd` to the end. A panic's words on stderr fail the test, whatever it expected.
pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    };
    let err = run.stderr.to_lowercase();
    assert!(
        !err.contains("panicked") && !err.contains("backtrace"),
        "{}",
        run.stderr
    );
    run
}

/// Runs `cmd` expecting failure: exit 1, nothing on stdout, one line on stderr holding each
/// of `needles`.
pub fn one_line_error(cmd: &mut Command, needles: &[&str]) {
    let what = format!("{:?}", cmd.get_args().collect::<Vec<_>>());
    let r = run(cmd);
    assert_eq!(r.code, Some(1), "{what}: {}", r.stderr);
    assert_eq!(r.stdout, "", "{what}");
    assert_eq!(r.stderr.lines().count(), 1, "{what}: {:?}", r.stderr);
    assert!(r.stderr.ends_with('\n'), "{what}: {:?}", r.stderr);
    for needle in needles {
        assert!(
            r.stderr.contains(needle),
            "{what}: {needle:?} not in {:?}",
            r.stderr
        );
    }
}
