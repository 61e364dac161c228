//! `lede bookmarks`: the bookmarks and highlights as a plain table, as Markdown, or as JSON,
//! and the import.
//! Every text from the store passes the article sanitiser first: the table and the Markdown
//! go to terminals, and a store may hold what an older import let in.

use crate::article::document::Document;
use crate::article::sanitize::sanitize_inline as clean;
use crate::article::title::shorten;
use crate::article::{Source, DEFAULT_MAX_SIZE};
use crate::store::{time, Export, ExportedBookmark, ExportedHighlight, Store};
use std::collections::HashMap;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Widest a quote or note column gets in the plain table.
const TABLE_TEXT: usize = 48;

/// The plain table: article, section, kind, quote (a highlight's words), note, saved.
pub fn table(export: &Export) -> String {
    let header = ["ARTICLE", "SECTION", "KIND", "QUOTE", "NOTE", "SAVED"];
    let saved = |s: &str| -> String {
        clean(s)
            .replace('T', " ")
            .trim_end_matches('Z')
            .chars()
            .take(16)
            .collect()
    };
    let bookmarks = export.bookmarks.iter().map(|b| {
        [
            shorten(&clean(&b.article), 40),
            shorten(&clean(&label(b)), 32),
            "bookmark".to_owned(),
            shorten(&format!("“{}”", clean(&b.quote)), TABLE_TEXT),
            shorten(&clean(&b.note), TABLE_TEXT),
            saved(&b.saved),
        ]
    });
    let highlights = export.highlights.iter().map(|h| {
        [
            shorten(&clean(&h.article), 40),
            shorten(&clean(&highlight_label(h)), 32),
            "highlight".to_owned(),
            shorten(&format!("“{}”", one_line(&h.words)), TABLE_TEXT),
            shorten(&clean(&h.note), TABLE_TEXT),
            saved(&h.saved),
        ]
    });
    let rows: Vec<[String; 6]> = bookmarks.chain(highlights).collect();
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

/// Where a bookmark is, as people name it.
fn label(b: &ExportedBookmark) -> String {
    b.place().map(|p| p.label()).unwrap_or_default()
}

fn highlight_label(h: &ExportedHighlight) -> String {
    h.passage().map(|p| p.place.label()).unwrap_or_default()
}

/// A highlight's words on one line, cleaned.
fn one_line(words: &str) -> String {
    words.lines().map(clean).collect::<Vec<_>>().join(" ")
}

/// A Markdown document: a heading per article, the whole paragraph of each bookmark as a
/// block quote (read from the article where it still is), notes below.
pub fn markdown(export: &Export) -> String {
    let mut articles = Articles::default();
    markdown_with(export, &mut |b| articles.paragraph(b))
}

/// As [`markdown`], with `paragraph` finding a bookmark's whole paragraph (`None`: the
/// article cannot be read, or is not the one bookmarked).
fn markdown_with(
    export: &Export,
    paragraph: &mut dyn FnMut(&ExportedBookmark) -> Option<String>,
) -> String {
    let mut out = String::from(if export.highlights.is_empty() {
        "# Bookmarks\n"
    } else {
        "# Bookmarks and highlights\n"
    });
    let mut order: Vec<&str> = Vec::new();
    let fingerprints = export
        .bookmarks
        .iter()
        .map(|b| b.fingerprint.as_str())
        .chain(export.highlights.iter().map(|h| h.fingerprint.as_str()));
    for fingerprint in fingerprints {
        if !order.contains(&fingerprint) {
            order.push(fingerprint);
        }
    }
    for fingerprint in order {
        let group: Vec<_> = export
            .bookmarks
            .iter()
            .filter(|b| b.fingerprint == fingerprint)
            .collect();
        let marked: Vec<_> = export
            .highlights
            .iter()
            .filter(|h| h.fingerprint == fingerprint)
            .collect();
        let (title, path) = match (group.first(), marked.first()) {
            (Some(b), _) => (&b.article, &b.path),
            (None, Some(h)) => (&h.article, &h.path),
            (None, None) => continue,
        };
        let _ = write!(out, "\n## {}\n", clean(title));
        if let Some(path) = path {
            let _ = write!(out, "\n`{}`\n", clean(path));
        }
        for b in group {
            let _ = write!(out, "\n### {}\n\n", clean(&label(b)));
            match paragraph(b) {
                Some(text) => {
                    for line in clean(&text).lines() {
                        let _ = writeln!(out, "> {line}");
                    }
                }
                None => {
                    let _ = write!(
                        out,
                        "> {}…\n\n*The start of the paragraph as saved: the article could not be read.*\n",
                        clean(&b.quote)
                    );
                }
            }
            if !b.note.is_empty() {
                let _ = write!(out, "\n{}\n", clean(&b.note));
            }
            let _ = write!(out, "\n*Saved {}*\n", date_of(&b.saved));
        }
        for h in marked {
            let _ = write!(out, "\n### Highlight · {}\n\n", clean(&highlight_label(h)));
            for (i, line) in h.words.lines().enumerate() {
                if i > 0 {
                    out.push_str(">\n");
                }
                let _ = writeln!(out, "> {}", clean(line));
            }
            if !h.note.is_empty() {
                let _ = write!(out, "\n{}\n", clean(&h.note));
            }
            let _ = write!(out, "\n*Highlighted {}*\n", date_of(&h.saved));
        }
    }
    out
}

fn date_of(saved: &str) -> String {
    time::parse_rfc3339(saved)
        .map(time::date)
        .unwrap_or_default()
}

/// The articles bookmarks were last seen in, each read once, to quote whole paragraphs.
#[derive(Default)]
struct Articles {
    /// By path: the article's fingerprint and document, `None` when it cannot be read.
    read: HashMap<String, Option<(String, Document)>>,
}

impl Articles {
    /// The whole text of the paragraph (or heading) a bookmark is at, from the file it was
    /// last seen at, when that file still holds the same article.
    fn paragraph(&mut self, b: &ExportedBookmark) -> Option<String> {
        let path = b.path.as_ref()?;
        let place = b.place()?;
        let (fingerprint, doc) = self
            .read
            .entry(path.clone())
            .or_insert_with(|| {
                // a FIFO or a device at the old path must not be opened: it may block
                if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
                    return None;
                }
                crate::article::open_limited(&Source::File(path.into()), DEFAULT_MAX_SIZE)
                    .ok()
                    .map(|opened| (opened.identity.fingerprint, opened.doc))
            })
            .as_ref()?;
        if *fingerprint != b.fingerprint {
            return None;
        }
        let anchor = place.resolve(doc).ok()?;
        Some(doc.text(anchor.block).to_owned())
    }
}

/// What `lede bookmarks import` says when it is done, one line each: the counts, and a
/// warning when notes were cut.
pub fn import_summary(
    store: &mut Store,
    export: &Export,
    name: &str,
) -> crate::store::Result<Vec<String>> {
    let report = store.import(export)?;
    let mut said = vec![format!(
        "imported {} bookmark(s) and highlight(s): {} added, {} merged into ones already here, {} already here",
        report.total(),
        report.added,
        report.merged,
        report.unchanged
    )];
    if report.cut > 0 {
        said.push(format!(
            "warning: {name}: {} note(s) cut at {} KB; the whole notes stay in {name}",
            report.cut,
            crate::store::NOTE_LIMIT / 1024
        ));
    }
    Ok(said)
}
