//! Running programs outside the reader: the editor and interactive commands get the terminal
//! (as `Ctrl-z` gives it to the shell), other commands run in a thread with their output
//! kept for the pager.

use super::session::Session;
use std::io::{self, Read, Write};
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};

/// Programs that need the terminal to be of use: they get the screen while they run.
const INTERACTIVE: &[&str] = &[
    "less", "more", "most", "vi", "vim", "nvim", "view", "nano", "emacs", "micro", "hx", "helix",
    "kak", "w3m", "lynx", "elinks", "man", "bat", "tig", "fzf", "sk",
];

/// The most output a piped command keeps for the pager.
const OUTPUT_LIMIT: usize = 16 << 20;

/// How a command runs: with the terminal, or with its output kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run {
    Terminal,
    Captured,
}

/// How `command` runs, and the command itself: a `!` in front gives any command the
/// terminal; the pagers and editors have it anyway.
pub fn how(command: &str) -> (Run, &str) {
    if let Some(rest) = command.strip_prefix('!') {
        return (Run::Terminal, rest.trim_start());
    }
    let first = command.split_whitespace().next().unwrap_or("");
    let name = Path::new(first)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(first);
    if INTERACTIVE.contains(&name) {
        (Run::Terminal, command)
    } else {
        (Run::Captured, command)
    }
}

fn shell(command: &str) -> Command {
    let mut cmd = Command::new("sh");
    cmd.arg("-c").arg(command);
    cmd
}

/// Writes `input` to the child's standard input from a thread of its own, so a command that
/// prints before it has read all never waits on us.
fn feed(child: &mut std::process::Child, input: String) -> Option<std::thread::JoinHandle<()>> {
    let mut stdin = child.stdin.take()?;
    Some(std::thread::spawn(move || {
        // a command that stops reading early (head) is not an error
        let _ = stdin.write_all(input.as_bytes());
    }))
}

/// The editor the person chose: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Opens `path` at `line` in the editor, the terminal given to it until it exits.
pub fn edit(session: &mut Session, path: &Path, line: usize) -> io::Result<ExitStatus> {
    // the editor's words go through the shell ("code -w" works), the file as an argument
    let mut cmd = shell(&format!("{} \"$@\"", editor()));
    cmd.arg("sh").arg(format!("+{line}")).arg(path);
    session.hand_over(|| cmd.status())?
}

/// Runs `command` with the terminal, `input` on its standard input.
pub fn run_in_terminal(
    session: &mut Session,
    command: &str,
    input: String,
) -> io::Result<ExitStatus> {
    session.hand_over(|| {
        let mut child = shell(command).stdin(Stdio::piped()).spawn()?;
        let writer = feed(&mut child, input);
        let status = child.wait();
        if let Some(writer) = writer {
            let _ = writer.join();
        }
        status
    })?
}

/// What a command run with its output kept left.
pub struct Captured {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `command` with `input` on its standard input, keeping what it prints.
pub fn run_captured(command: &str, input: String) -> Captured {
    let spawned = shell(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match spawned {
        Ok(child) => child,
        Err(e) => {
            return Captured {
                code: None,
                stdout: String::new(),
                stderr: format!("cannot run sh: {e}"),
            }
        }
    };
    let writer = feed(&mut child, input);
    let read = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(pipe) = pipe {
                let _ = pipe.take(OUTPUT_LIMIT as u64).read_to_end(&mut bytes);
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = read(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stdout = stdout.join().unwrap_or_default();
    let stderr = stderr.join().unwrap_or_default();
    let code = child.wait().ok().and_then(|s| s.code());
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    Captured {
        code,
        stdout,
        stderr,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagers_and_editors_and_a_bang_get_the_terminal() {
        assert_eq!(how("less -R"), (Run::Terminal, "less -R"));
        assert_eq!(how("/usr/bin/vim -"), (Run::Terminal, "/usr/bin/vim -"));
        assert_eq!(how("!tput cols"), (Run::Terminal, "tput cols"));
        assert_eq!(how("wc -w"), (Run::Captured, "wc -w"));
    }

    #[test]
    fn a_captured_command_reads_its_input_and_keeps_both_outputs() {
        let done = run_captured("wc -w; echo oops >&2; exit 3", "one two three\n".to_owned());
        assert_eq!(done.stdout.trim(), "3");
        assert_eq!(done.stderr.trim(), "oops");
        assert_eq!(done.code, Some(3));
        // a command that reads nothing still ends
        let done = run_captured("true", "x\n".repeat(1 << 20));
        assert_eq!(done.code, Some(0));
    }
}
