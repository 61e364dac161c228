//! A file's warnings on stderr: the first few and a count of the rest, or all on request.

use crate::article::Warning;
use std::io::{self, Write};

/// Warnings shown before the rest are counted instead.
pub const SHOWN: usize = 20;

/// Writes `warnings` about the file `name` to stderr, one line each, capped unless `all`.
pub fn report(name: &str, warnings: &[Warning], all: bool) {
    let mut err = io::BufWriter::new(io::stderr().lock());
    // stderr failing leaves nowhere to say so
    let _ = write_capped(&mut err, name, warnings, all).and_then(|()| err.flush());
}

fn write_capped(
    out: &mut impl Write,
    name: &str,
    warnings: &[Warning],
    all: bool,
) -> io::Result<()> {
    for line in lines(name, warnings, all) {
        writeln!(out, "lede: {line}")?;
    }
    Ok(())
}

/// The lines `report` writes, without its `lede: `: said later, when the reader quits.
pub fn lines(name: &str, warnings: &[Warning], all: bool) -> Vec<String> {
    let shown = if all { warnings.len() } else { SHOWN };
    let mut out: Vec<String> = warnings
        .iter()
        .take(shown)
        .map(|warning| format!("warning: {name}: {warning}"))
        .collect();
    let rest = warnings.len().saturating_sub(shown);
    if rest > 0 {
        let noun = if rest == 1 { "warning" } else { "warnings" };
        out.push(format!(
            "warning: {name}: … and {} more {noun} (--warnings shows all)",
            grouped(rest)
        ));
    }
    out
}

/// `99980` as `99,980`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn warnings(n: usize) -> Vec<Warning> {
        (1..=n)
            .map(|line| Warning {
                line: Some(line),
                message: "odd".into(),
            })
            .collect()
    }

    fn written(n: usize, all: bool) -> String {
        let mut out = Vec::new();
        write_capped(&mut out, "a.txt", &warnings(n), all).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_rest_is_counted() {
        let text = written(100_000, false);
        assert_eq!(text.lines().count(), SHOWN + 1);
        assert!(text.starts_with("lede: warning: a.txt: line 1: odd\n"));
        assert!(text.ends_with(
            "lede: warning: a.txt: … and 99,980 more warnings (--warnings shows all)\n"
        ));
        assert_eq!(written(SHOWN, false).lines().count(), SHOWN);
        assert!(written(SHOWN + 1, false).ends_with("and 1 more warning (--warnings shows all)\n"));
    }

    #[test]
    fn all_on_request() {
        assert_eq!(written(1000, true).lines().count(), 1000);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(7), "7");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }
}
