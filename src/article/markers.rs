//! Recognising the format's structural lines: table headers, rows, headings, FAQ prefixes.

/// A line's text without surrounding whitespace and table pipes.
pub fn strip_pipes(line: &str) -> &str {
    line.trim().trim_matches('|').trim()
}

/// `---|`, `|---|---|`, `:--|`: a table's separator row.
pub fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '-' | '|' | ':' | ' ' | '+' | '='))
}

/// A heading reduced for comparison: no number, pipes, Markdown marks, trailing
/// punctuation, letter case or repeated spaces.
pub fn heading_key(line: &str) -> String {
    let t = strip_decoration(line);
    let t = split_number(t).map_or(t, |(_, rest)| rest);
    let t = t.trim_end_matches([':', '?', '.', '!', ';', ',', ' ']);
    t.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Strips pipes, leading `#` and surrounding `*`/`_` emphasis.
fn strip_decoration(line: &str) -> &str {
    let t = strip_pipes(line).trim_start_matches('#').trim();
    let inner = t.trim_matches(['*', '_']).trim();
    if inner.is_empty() {
        t
    } else {
        inner
    }
}

/// `4) Text`, `4. Text`, `4: Text` → (4, "Text").
pub fn split_number(text: &str) -> Option<(u32, &str)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 9 {
        return None;
    }
    let number = text[..digits].parse().ok()?;
    let rest = text[digits..].strip_prefix([')', '.', ':'])?;
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    (!rest.is_empty()).then_some((number, rest))
}

/// An entry of the subheadings table: `1) Context of the Meeting |`.
pub fn subheading_entry(line: &str) -> Option<(Option<u32>, &str)> {
    if is_separator(line) {
        return None;
    }
    let t = strip_pipes(line);
    if let Some((n, rest)) = split_number(t) {
        return Some((Some(n), clean_cell(rest)));
    }
    let piped = line.trim().starts_with('|') || line.trim().ends_with('|');
    (piped && !t.is_empty()).then(|| (None, clean_cell(t)))
}

fn clean_cell(text: &str) -> &str {
    strip_pipes(text)
}

fn key_is(line: &str, names: &[&str]) -> bool {
    let t = strip_decoration(line).trim_end_matches(':').trim();
    t.len() < 40 && names.iter().any(|n| t.eq_ignore_ascii_case(n))
}

pub fn is_subheadings_header(line: &str) -> bool {
    key_is(line, &["Article Subheadings", "Subheadings"])
}

pub fn is_summary_header(line: &str) -> bool {
    key_is(line, &["Summary"])
}

pub fn is_faq_header(line: &str) -> bool {
    key_is(
        line,
        &[
            "Frequently Asked Questions",
            "FAQ",
            "FAQs",
            "Frequently Asked Question",
        ],
    )
}

/// How a line relates to a key points table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPointsHeader {
    /// `No. | Key Points |`: certainly a header.
    Table,
    /// `Key Points` alone: a header only when a table row follows.
    Bare,
}

pub fn key_points_header(line: &str) -> Option<KeyPointsHeader> {
    let cells: Vec<&str> = line
        .split('|')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let is_key_points = |c: &str| {
        let c = c.trim_matches(['*', '#', ':', ' ']);
        c.eq_ignore_ascii_case("key points") || c.eq_ignore_ascii_case("key point")
    };
    match cells.as_slice() {
        [no, kp]
            if is_key_points(kp)
                && matches!(
                    no.to_ascii_lowercase().as_str(),
                    "no." | "no" | "#" | "number" | "n"
                ) =>
        {
            Some(KeyPointsHeader::Table)
        }
        [kp] if is_key_points(kp) => Some(if line.contains('|') {
            KeyPointsHeader::Table
        } else {
            KeyPointsHeader::Bare
        }),
        _ => None,
    }
}

/// A key points row: `1 | text |`, `| 1 | text |`, `1. text`, or `| text |`.
pub fn key_point_row(line: &str) -> Option<&str> {
    if is_separator(line) {
        return None;
    }
    let t = line.trim();
    let inner = t.strip_prefix('|').unwrap_or(t).trim_start();
    let digits = inner.len() - inner.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 {
        let after = inner[digits..].trim_start_matches(['.', ')']).trim_start();
        if let Some(rest) = after.strip_prefix('|') {
            let text = strip_pipes(rest);
            return (!text.is_empty()).then_some(text);
        }
    }
    if let Some((_, rest)) = split_number(strip_pipes(t)) {
        return Some(strip_pipes(rest));
    }
    let piped = t.starts_with('|') || t.ends_with('|');
    let text = strip_pipes(t);
    (piped && !text.is_empty()).then_some(text)
}

/// Case-insensitive prefix match that is safe on any UTF-8 text.
fn strip_prefix_ci<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn strip_label<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    let t = strip_pipes(line)
        .trim_start_matches(['*', '#'])
        .trim_start();
    labels.iter().find_map(|label| {
        let rest = strip_prefix_ci(t, label)?;
        let rest = rest.trim_start_matches('*');
        let rest = rest.strip_prefix(':')?;
        Some(rest.trim_start_matches('*').trim())
    })
}

/// `Question: ...?` or `Q: ...?` → the question.
pub fn question(line: &str) -> Option<&str> {
    strip_label(line, &["Question", "Q"])
}

/// `Answer: ...` or `A: ...` → the answer.
pub fn answer(line: &str) -> Option<&str> {
    strip_label(line, &["Answer", "A"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_keys_ignore_case_number_and_punctuation() {
        assert_eq!(
            heading_key("4) Restoration Efforts:"),
            "restoration efforts"
        );
        assert_eq!(heading_key("| 1) The  Launch |"), "the launch");
        assert_eq!(heading_key("## What Comes Next?"), "what comes next");
    }

    #[test]
    fn entries_and_rows() {
        assert_eq!(
            subheading_entry("1) Context of the Meeting |"),
            Some((Some(1), "Context of the Meeting"))
        );
        assert_eq!(
            subheading_entry("| The Launch |"),
            Some((None, "The Launch"))
        );
        assert_eq!(subheading_entry("---|"), None);
        assert_eq!(subheading_entry("Context of the Meeting"), None);
        assert_eq!(
            key_point_row("1 | Witkoff met Putin. |"),
            Some("Witkoff met Putin.")
        );
        assert_eq!(
            key_point_row("| 2 | A \"quoted\" | piped point |"),
            Some("A \"quoted\" | piped point")
        );
        assert_eq!(key_point_row("3. Plain list"), Some("Plain list"));
        assert_eq!(key_point_row("---|---|"), None);
        assert_eq!(key_point_row("Summary"), None);
    }

    #[test]
    fn headers() {
        assert_eq!(
            key_points_header("No. | Key Points |"),
            Some(KeyPointsHeader::Table)
        );
        assert_eq!(
            key_points_header("| No | Key Points |"),
            Some(KeyPointsHeader::Table)
        );
        assert_eq!(key_points_header("Key Points"), Some(KeyPointsHeader::Bare));
        assert!(is_subheadings_header("Article Subheadings |"));
        assert!(is_faq_header("Frequently Asked Questions"));
        assert!(is_summary_header("Summary:"));
        assert!(!is_summary_header("Summary of the talks was bleak."));
    }

    #[test]
    fn faq_prefixes() {
        assert_eq!(question("Question: Why?"), Some("Why?"));
        assert_eq!(question("Q: Why?"), Some("Why?"));
        assert_eq!(question("**Q:** Why?"), Some("Why?"));
        assert_eq!(answer("A: Because."), Some("Because."));
        assert_eq!(answer("Answer: Because."), Some("Because."));
        assert_eq!(question("Quite so."), None);
        assert_eq!(question("Qué: é"), None);
    }
}
