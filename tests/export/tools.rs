//! The outside checkers the export tests use when the machine has them: epubcheck and a
//! headless Chromium. Without one, a test says on stderr that it was skipped and why (past
//! the test harness's capture, so a CI log shows it) and checks nothing it cannot.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Says that a check was skipped, where a CI log shows it.
pub fn skipped(check: &str, why: &str) {
    let line = format!("SKIPPED {check}: {why}\n");
    // straight to the file descriptor: libtest's capture takes only what the print macros write
    let _ = std::io::stderr().write_all(line.as_bytes());
}

/// A program on PATH.
pub fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// epubcheck as a command to give a book to, or why there is none. Debian installs it as an
/// executable jar that runs through binfmt_misc, which a container often lacks: a jar is
/// run with `java -jar`.
pub fn epubcheck() -> Result<Command, String> {
    let found = which("epubcheck").ok_or(
        "epubcheck is not installed (Debian: apt-get install epubcheck; .ci/run installs it)",
    )?;
    let real = std::fs::canonicalize(&found).unwrap_or(found);
    let jar = std::fs::read(&real).is_ok_and(|bytes| bytes.starts_with(b"PK\x03\x04"));
    if !jar {
        return Ok(Command::new(real));
    }
    let java = which("java").ok_or("epubcheck is a jar and there is no java to run it")?;
    let mut command = Command::new(java);
    command.arg("-jar").arg(real);
    Ok(command)
}

/// Runs epubcheck on `book` and fails the test on any error or warning; returns whether it
/// ran.
pub fn check_epub(book: &Path, what: &str) -> bool {
    let mut command = match epubcheck() {
        Ok(command) => command,
        Err(why) => {
            skipped(&format!("epubcheck of {what}"), &why);
            return false;
        }
    };
    let out = command
        .arg(book)
        .arg("--failonwarnings")
        .output()
        .expect("epubcheck runs");
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "epubcheck of {what} failed:\n{said}");
    assert!(
        said.contains("No errors or warnings detected"),
        "epubcheck of {what}:\n{said}"
    );
    true
}

/// A headless Chromium, or why there is none.
pub fn chromium() -> Result<PathBuf, String> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| which(name))
        .ok_or_else(|| {
            "no chromium or chromium-browser on PATH (Debian: apt-get install chromium)".to_owned()
        })
}

/// How long a browser may take over one page before the test fails rather than hangs.
const BROWSER_LIMIT: Duration = Duration::from_secs(90);

/// The DOM Chromium builds of the page at `path`, after it ran whatever the page would run.
pub fn rendered_dom(browser: &Path, path: &Path, profile: &Path) -> String {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--virtual-time-budget=2000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", path.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    // both pipes read as the browser writes, so a full one never stops it
    let mut stdout = child.stdout.take().expect("a pipe");
    let mut stderr = child.stderr.take().expect("a pipe");
    let reader = std::thread::spawn(move || {
        let mut dom = Vec::new();
        stdout.read_to_end(&mut dom).map(|_| dom)
    });
    let complaints = std::thread::spawn(move || {
        let mut said = String::new();
        let _ = stderr.read_to_string(&mut said);
        said
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("chromium is waited for") {
            break status;
        }
        if start.elapsed() > BROWSER_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium took more than {BROWSER_LIMIT:?} over {}",
                path.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let said = complaints.join().unwrap_or_default();
    assert!(status.success(), "chromium failed: {said}");
    let dom = reader.join().unwrap().expect("the DOM is read");
    String::from_utf8(dom).expect("the DOM is UTF-8")
}
