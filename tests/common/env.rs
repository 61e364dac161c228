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
