//! The terminal goes away (its window closed, its tmux session killed, its ssh link dropped):
//! lede must save and exit within a moment, spending no CPU, with or without a SIGHUP.

use lede::store::Store;
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::os::fd::RawFd;
use std::path::Path;
use std::time::{Duration, Instant};

const SAMPLE: &str = "assets/000_addf95f289c0a8cc.txt";
/// The bound: gone within 2 s of the hang-up.
const EXIT_WITHIN: Duration = Duration::from_secs(2);
/// And under half a second of CPU in all, start-up included.
const CPU_LIMIT: Duration = Duration::from_millis(500);

/// Kills the process on drop, so a reader that outlives a failed test never lingers.
struct Reaper(Box<dyn portable_pty::Child + Send + Sync>, Vec<u32>);

impl Drop for Reaper {
    fn drop(&mut self) {
        for pid in &self.1 {
            // SAFETY: kill only sends a signal
            unsafe { libc::kill(*pid as i32, libc::SIGKILL) };
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// User plus system CPU time of a process (alive or a zombie), from /proc.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // fields after the command name, which is in parentheses and may hold spaces
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    // SAFETY: sysconf has no preconditions
    let per_second = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as u64;
    Some(Duration::from_millis(ticks * 1000 / per_second))
}

fn state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat[stat.rfind(')')? + 2..].chars().next()
}

/// The process whose parent is `parent` (lede under a shell).
fn child_of(parent: u32) -> Option<u32> {
    std::fs::read_dir("/proc").ok()?.find_map(|entry| {
        let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
        let rest = &stat[stat.rfind(')')? + 2..];
        let ppid: u32 = rest.split_whitespace().nth(1)?.parse().ok()?;
        (ppid == parent).then_some(pid)
    })
}

/// Reads the pty until a whole frame holding `needle` has been drawn (ratatui ends each frame
/// by hiding the cursor).
fn wait_for_frame(fd: RawFd, needle: &str) {
    let start = Instant::now();
    let mut seen = Vec::new();
    let has = |seen: &[u8], what: &[u8]| seen.windows(what.len()).any(|w| w == what);
    while !(has(&seen, needle.as_bytes()) && seen.ends_with(b"\x1b[?25l")) {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no frame: {:?}",
            String::from_utf8_lossy(&seen)
        );
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd
        if unsafe { libc::poll(&mut pfd, 1, 100) } > 0 {
            let mut buf = [0u8; 4096];
            // SAFETY: buf is valid for its length
            let n = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if n > 0 {
                seen.extend_from_slice(&buf[..n as usize]);
            }
        }
    }
}

/// Opens lede (through `program args`) in a pty, waits for its first frame, closes the pty's
/// master, and checks the reader is gone in time having used little CPU.
fn hang_up(program: &str, args: &[&str], under_shell: bool) {
    let dirs = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(program);
    cmd.args(args);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    cmd.env("HOME", dirs.path());
    cmd.env("XDG_DATA_HOME", dirs.path().join("data"));
    cmd.env("XDG_CONFIG_HOME", dirs.path().join("config"));
    cmd.env("LEDE_DATA_DIR", dirs.path().join("lede"));
    cmd.env("LEDE_CONFIG", dirs.path().join("config.toml"));
    cmd.env("TERM", "xterm-256color");
    let child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reaper = Reaper(child, Vec::new());
    let fd = pair.master.as_raw_fd().unwrap();
    wait_for_frame(fd, "Witkoff");
    // move to section 3: the place the hang-up must save
    // SAFETY: writes one byte from a valid buffer
    assert_eq!(unsafe { libc::write(fd, b"3".as_ptr().cast(), 1) }, 1);
    wait_for_frame(fd, "3. Recent Developments");
    let shell = reaper.0.process_id().unwrap();
    let lede = if under_shell {
        child_of(shell).expect("lede under the shell")
    } else {
        shell
    };
    reaper.1.push(lede);
    // the terminal goes away: its end of the pty closes
    drop(pair.master);
    let closed = Instant::now();
    let mut cpu = Duration::ZERO;
    loop {
        if let Some(time) = cpu_time(lede) {
            cpu = time;
        }
        if matches!(state(lede), None | Some('Z')) {
            break;
        }
        assert!(
            closed.elapsed() < EXIT_WITHIN,
            "lede still running {:?} after the hang-up (state {:?}, cpu {cpu:?})",
            closed.elapsed(),
            state(lede)
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(cpu < CPU_LIMIT, "lede used {cpu:?} of CPU");
    // the place was saved on the way out: section 3's heading, not the top
    let store = Store::open_in(&dirs.path().join("lede"))
        .store
        .expect("the store");
    let articles = store.articles().unwrap();
    assert_eq!(articles.len(), 1);
    let saved = articles[0].position.expect("a saved position");
    let article = lede::article::load(&lede::article::Source::File(
        Path::new(env!("CARGO_MANIFEST_DIR")).join(SAMPLE),
    ))
    .unwrap()
    .article;
    let doc = lede::article::document::Document::new(&article);
    assert_eq!(
        doc.block(saved.block).origin,
        lede::article::document::Origin::SectionHeading(2)
    );
}

#[test]
fn closing_the_terminal_ends_the_reader() {
    hang_up(env!("CARGO_BIN_EXE_lede"), &[SAMPLE], false);
}

#[test]
fn closing_the_terminal_ends_the_reader_when_hup_is_ignored() {
    let script = format!(
        "trap '' HUP; '{}' {SAMPLE}; true",
        env!("CARGO_BIN_EXE_lede")
    );
    hang_up("sh", &["-c", &script], true);
}
