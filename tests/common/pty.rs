//! Running the real `lede` binary in a pseudo-terminal and reading its screen through vt100.

use portable_pty::{native_pty_system, Child, CommandBuilder, ExitStatus, MasterPty, PtySize};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// How long any wait lasts before the test fails, showing the screen.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(10);
/// How much of the raw output a failure shows.
const OUTPUT_TAIL: usize = 1500;
/// What ratatui writes last in every frame: hide the cursor.
const FRAME_END: &[u8] = b"\x1b[?25l";

/// What the terminal was asked to do besides drawing: everything an article must never trigger.
#[derive(Debug, Default)]
pub struct Events {
    pub titles: Vec<Vec<u8>>,
    pub icon_names: Vec<Vec<u8>>,
    pub clipboard: Vec<Vec<u8>>,
}

impl vt100::Callbacks for Events {
    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(title.to_vec());
    }
    fn set_window_icon_name(&mut self, _: &mut vt100::Screen, name: &[u8]) {
        self.icon_names.push(name.to_vec());
    }
    fn copy_to_clipboard(&mut self, _: &mut vt100::Screen, _ty: &[u8], data: &[u8]) {
        self.clipboard.push(data.to_vec());
    }
}

/// The terminal as the reader thread keeps it: the parsed screen and every byte received.
pub struct Term {
    pub parser: vt100::Parser<Events>,
    pub output: Vec<u8>,
    /// Set once the pty reports end of file: the child and all its copies of the slave are gone.
    pub eof: bool,
}

impl Term {
    pub fn screen(&self) -> &vt100::Screen {
        self.parser.screen()
    }

    /// Whether the output so far ends with a whole frame (see [`Lede::wait_for`]).
    pub fn frame_complete(&self) -> bool {
        self.output.ends_with(FRAME_END)
    }
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nonzero(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes are at least 1")
}

/// The repository root: relative paths such as `assets/…` are resolved from here.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `lede` running in a pseudo-terminal.
pub struct Lede {
    term: Arc<Mutex<Term>>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    status: Option<ExitStatus>,
    _dirs: TempDir,
}

impl Lede {
    /// Starts `lede ARGS…` in a `cols` × `rows` terminal, in the repository root, with HOME and
    /// the XDG directories in a fresh temporary directory.
    pub fn spawn(cols: u16, rows: u16, args: &[&str]) -> Lede {
        Lede::spawn_in(repo_root(), cols, rows, args)
    }

    /// As [`Lede::spawn`], in the directory `cwd`.
    pub fn spawn_in(cwd: &Path, cols: u16, rows: u16, args: &[&str]) -> Lede {
        Lede::spawn_program(env!("CARGO_BIN_EXE_lede"), cwd, cols, rows, args)
    }

    /// As [`Lede::spawn_in`], running `program` instead (a shell that runs lede, say).
    pub fn spawn_program(program: &str, cwd: &Path, cols: u16, rows: u16, args: &[&str]) -> Lede {
        Lede::spawn_with(program, cwd, cols, rows, args, None)
    }

    /// As [`Lede::spawn_program`], keeping bookmarks and positions in `data` (`LEDE_DATA_DIR`)
    /// when given, so a second run finds what the first saved.
    pub fn spawn_with(
        program: &str,
        cwd: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        data: Option<&Path>,
    ) -> Lede {
        match data {
            Some(data) => {
                Lede::spawn_with_env(program, cwd, cols, rows, args, &[("LEDE_DATA_DIR", data)])
            }
            None => Lede::spawn_with_env(program, cwd, cols, rows, args, &[]),
        }
    }

    /// As [`Lede::spawn_program`], with some variables set (`LEDE_DATA_DIR`, `LEDE_CONFIG`, …)
    /// over the temporary ones.
    pub fn spawn_with_env(
        program: &str,
        cwd: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        vars: &[(&str, &Path)],
    ) -> Lede {
        let dirs = tempfile::tempdir().expect("temporary directory");
        let home = dirs.path().join("home");
        let data_home = dirs.path().join("data");
        let config = dirs.path().join("config");
        let cache = dirs.path().join("cache");
        let state = dirs.path().join("state");
        for dir in [&home, &data_home, &config, &cache, &state] {
            std::fs::create_dir_all(dir).expect("create temporary directory");
        }
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", &home);
        cmd.env("XDG_DATA_HOME", &data_home);
        cmd.env("XDG_CONFIG_HOME", &config);
        cmd.env("XDG_CACHE_HOME", &cache);
        cmd.env("XDG_STATE_HOME", &state);
        cmd.env("LEDE_DATA_DIR", data_home.join("lede"));
        cmd.env("LEDE_CONFIG", config.join("lede").join("config.toml"));
        for (name, value) in vars {
            cmd.env(name, value);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "C.UTF-8");
        cmd.env("RUST_BACKTRACE", "1");
        let child = pair.slave.spawn_command(cmd).expect("spawn lede");
        // only the child holds the slave now, so the reader sees end of file when it is gone
        drop(pair.slave);
        let term = Arc::new(Mutex::new(Term {
            parser: vt100::Parser::new_with_callbacks(
                nonzero(rows),
                nonzero(cols),
                0,
                Events::default(),
            ),
            output: Vec::new(),
            eof: false,
        }));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let shared = Arc::clone(&term);
        thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut term = shared.lock().unwrap_or_else(|e| e.into_inner());
                        term.parser.process(&buf[..n]);
                        term.output.extend_from_slice(&buf[..n]);
                    }
                }
            }
            shared.lock().unwrap_or_else(|e| e.into_inner()).eof = true;
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Lede {
            term,
            master: pair.master,
            writer,
            child,
            status: None,
            _dirs: dirs,
        }
    }

    /// The terminal as it is now.
    pub fn term(&self) -> MutexGuard<'_, Term> {
        self.term.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The screen's text, for failure messages.
    pub fn contents(&self) -> String {
        let term = self.term();
        let (rows, cols) = term.screen().size();
        let lines: Vec<String> = term.screen().rows(0, cols.get()).collect();
        // the end of the raw output too: a panic message may be half overwritten on screen
        let tail = &term.output[term.output.len().saturating_sub(OUTPUT_TAIL)..];
        format!(
            "--- screen {}x{} (alternate: {}) ---\n{}\n--- last output bytes ---\n{}\n---",
            cols,
            rows,
            term.screen().alternate_screen(),
            lines.join("\n"),
            String::from_utf8_lossy(tail).escape_debug()
        )
    }

    /// Waits until a whole frame is on the screen and `ready` holds for it; panics, showing the
    /// screen, after [`TIMEOUT`].
    ///
    /// A frame is whole when the output read so far ends as ratatui ends every frame, by hiding
    /// the cursor; between two reads the parser may hold half a frame, new rows above old ones.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        self.wait_until(what, |term| term.frame_complete() && ready(term.screen()));
    }

    /// Waits until `ready` holds for the terminal, half-drawn frames and exits included;
    /// panics, showing the screen, after [`TIMEOUT`].
    pub fn wait_until(&self, what: &str, ready: impl Fn(&Term) -> bool) {
        let start = Instant::now();
        loop {
            if ready(&self.term()) {
                return;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}\n{}", self.contents());
            }
            thread::sleep(POLL);
        }
    }

    /// Writes raw bytes (keys, mouse reports) to the terminal's input.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        self.writer.write_all(bytes.as_ref()).expect("write to pty");
        self.writer.flush().expect("flush pty");
    }

    /// Resizes the terminal: the parser first, then the pty, which signals the child.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let mut term = self.term.lock().unwrap_or_else(|e| e.into_inner());
        term.parser.set_size(nonzero(rows), nonzero(cols));
        self.master.resize(size(cols, rows)).expect("resize pty");
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Whether the pty is in canonical (cooked) mode; `None` where termios cannot be read.
    pub fn canonical_mode(&self) -> Option<bool> {
        let termios = self.master.get_termios()?;
        Some(format!("{:?}", termios.local_flags).contains("ICANON"))
    }

    /// The child's exit status if it has exited, without waiting.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().expect("wait for lede")
    }

    /// Waits for the child to exit and for all its output to be read; panics after [`TIMEOUT`].
    pub fn wait_exit(&mut self) -> ExitStatus {
        let start = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait for lede") {
                break status;
            }
            if start.elapsed() > TIMEOUT {
                panic!("lede did not exit\n{}", self.contents());
            }
            thread::sleep(POLL);
        };
        self.status = Some(status.clone());
        while !self.term().eof {
            if start.elapsed() > TIMEOUT {
                panic!("the pty never reached end of file\n{}", self.contents());
            }
            thread::sleep(POLL);
        }
        status
    }
}

impl Drop for Lede {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// The text of one screen row.
pub fn row_text(screen: &vt100::Screen, row: u16) -> String {
    let cols = screen.size().1.get();
    screen
        .rows(0, cols)
        .nth(usize::from(row))
        .unwrap_or_default()
}

/// Where `text` first shows on the screen: (row, column of its first cell).
pub fn find(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    find_all(screen, text).into_iter().next()
}

/// Every place `text` shows, as (row, column) of its first cell; wide characters count two
/// columns, as on screen.
pub fn find_all(screen: &vt100::Screen, text: &str) -> Vec<(u16, u16)> {
    let (rows, cols) = screen.size();
    let mut found = Vec::new();
    for row in 0..rows.get() {
        // the row as cells, so a byte offset in the string maps back to a column
        let mut line = String::new();
        let mut starts = Vec::new();
        for col in 0..cols.get() {
            let Some(cell) = screen.cell(row, col) else {
                continue;
            };
            if cell.is_wide_continuation() {
                continue;
            }
            let contents = if cell.has_contents() {
                cell.contents()
            } else {
                " "
            };
            starts.push((line.len(), col));
            line.push_str(contents);
        }
        for (at, _) in line.match_indices(text) {
            if let Some(&(_, col)) = starts.iter().find(|(b, _)| *b == at) {
                found.push((row, col));
            }
        }
    }
    found
}

/// The status bar: the screen's last row.
pub fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

/// Standard base64, decoded (the tests' own, to check what lede encoded).
pub fn unbase64(text: &[u8]) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        _ => 63,
    };
    let mut out = Vec::new();
    for chunk in text.chunks(4) {
        let digits: Vec<u8> = chunk
            .iter()
            .copied()
            .filter(|&c| c != b'=')
            .map(value)
            .collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
        for i in 0..digits.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    out
}
