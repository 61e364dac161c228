//! `lede bookmarks`: the bookmarks as a plain table, as Markdown, or as JSON, and the import.

use crate::article::title::shorten;
use crate::store::{time, Export, Store};
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Widest a quote or note column gets in the plain table.
const TABLE_TEXT: usize = 48;

/// The plain table: article, section, quote, note, saved.
pub fn table(export: &Export) -> String {
    let header = ["ARTICLE", "SECTION", "QUOTE", "NOTE", "SAVED"];
    let rows: Vec<[String; 5]> = export
        .bookmarks
        .iter()
        .map(|b| {
            [
                shorten(&b.article, 40),
                shorten(&b.place().map(|p| p.label()).unwrap_or_default(), 32),
                shorten(&format!("“{}”", b.quote), TABLE_TEXT),
                shorten(&b.note, TABLE_TEXT),
                b.saved
                    .replace('T', " ")
                    .trim_end_matches('Z')
                    .chars()
                    .take(16)
                    .collect(),
            ]
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                text.push_str(&" ".repeat(w - cell.width() + 2));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for row in &rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}

/// A Markdown document: a heading per article, quotes as block quotes, notes below.
pub fn markdown(export: &Export) -> String {
    let mut out = String::from("# Bookmarks\n");
    let mut order: Vec<&str> = Vec::new();
    for b in &export.bookmarks {
        if !order.contains(&b.fingerprint.as_str()) {
            order.push(&b.fingerprint);
        }
    }
    for fingerprint in order {
        let group: Vec<_> = export
            .bookmarks
            .iter()
            .filter(|b| b.fingerprint == fingerprint)
            .collect();
        let _ = write!(out, "\n## {}\n", group[0].article);
        if let Some(path) = &group[0].path {
            let _ = write!(out, "\n`{path}`\n");
        }
        for b in group {
            let label = b.place().map(|p| p.label()).unwrap_or_default();
            let _ = write!(out, "\n### {label}\n\n> {}…\n", b.quote);
            if !b.note.is_empty() {
                let _ = write!(out, "\n{}\n", b.note);
            }
            let saved = time::parse_rfc3339(&b.saved)
                .map(time::date)
                .unwrap_or_default();
            let _ = write!(out, "\n*Saved {saved}*\n");
        }
    }
    out
}

/// What `lede bookmarks import` says when it is done.
pub fn import_summary(store: &mut Store, export: &Export) -> crate::store::Result<String> {
    let report = store.import(export)?;
    Ok(format!(
        "imported {} bookmark(s): {} added, {} merged into ones already here, {} already here",
        report.total(),
        report.added,
        report.merged,
        report.unchanged
    ))
}
