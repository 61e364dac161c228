//! `lede tag FILE TAG...`, `lede tags` and `lede new`: tags and what is new for scripts, from
//! the same `lede.db` the reader keeps them in.

use crate::article::{self, Source};
use crate::commands::{Error, Outcome};
use crate::library::scan::Target;
use crate::store::{tags, Seen, Store};
use std::io::{self, Write};
use std::path::PathBuf;

fn store() -> Result<Store, Error> {
    crate::commands::open_store("keep tags in")
}

fn write(text: &str) -> Result<Outcome, Error> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(Error::Output)?;
    Ok(Outcome::Success)
}

/// `lede tag FILE TAG...`: adds the tags to the article (`--remove`: takes them away), and
/// prints the tags it has now.
pub fn tag(
    file: &std::path::Path,
    words: &[String],
    remove: bool,
    max_size: u64,
) -> Result<Outcome, Error> {
    let source = Source::from_arg(file);
    let opened = article::open_limited(&source, max_size)?;
    let seen = Seen {
        identity: opened.identity.clone(),
        title: opened.article.title.clone(),
        path: crate::tui::memory::path_hint(&opened.source),
        words: opened.doc.total_words(),
    };
    let given: Vec<String> = words.iter().flat_map(|w| tags::parse(w)).collect();
    if given.is_empty() {
        return Err(Error::Usage(
            "no tag given: lede tag FILE TAG...".to_owned(),
        ));
    }
    let mut store = store()?;
    let (add, take) = if remove {
        (Vec::new(), given)
    } else {
        (given, Vec::new())
    };
    store
        .change_tags(&seen, &add, &take)
        .map_err(|e| Error::Store(format!("{}: {e}", source.name())))?;
    let now = store
        .tags_of(&seen.identity.fingerprint)
        .map_err(|e| Error::Store(e.to_string()))?;
    let shown: Vec<String> = now.iter().map(|t| format!("#{t}")).collect();
    write(&format!("{}: {}\n", source.name(), shown.join(" ")))
}

/// `lede tags`: each tag used and how many articles have it.
pub fn list(json: bool) -> Result<Outcome, Error> {
    let counts = store()?
        .tag_counts()
        .map_err(|e| Error::Store(e.to_string()))?;
    if json {
        let list: Vec<serde_json::Value> = counts
            .iter()
            .map(|(tag, n)| serde_json::json!({ "tag": tag, "articles": n }))
            .collect();
        return write(&(serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"));
    }
    let width = counts.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
    let text: String = counts
        .iter()
        .map(|(tag, n)| format!("{tag:<width$}  {n}\n"))
        .collect();
    write(&text)
}

/// `lede new`: the library's files that arrived since the reader last opened the library,
/// newest first; exit 1 when there are none.
pub fn new(roots: Vec<PathBuf>, json: bool, max_size: u64, all: bool) -> Result<Outcome, Error> {
    let Some(dir) = crate::store::data_dir() else {
        return Err(Error::Store(
            "no data directory (set LEDE_DATA_DIR)".to_owned(),
        ));
    };
    let key = Target::Roots(roots.clone()).key();
    let files = crate::search_cmd::scan(roots, dir, max_size, all);
    let store = store()?;
    let Some(since) = store
        .last_visit(&key)
        .map_err(|e| Error::Store(e.to_string()))?
    else {
        eprintln!("lede: this library was not opened in the reader yet: nothing is new since");
        return Ok(Outcome::NothingFound);
    };
    let arrived = store
        .arrived_since(since)
        .map_err(|e| Error::Store(e.to_string()))?;
    let mut new: Vec<_> = files
        .into_iter()
        .filter(|f| arrived.contains(&f.key()))
        .collect();
    new.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.rel.cmp(&b.rel)));
    if new.is_empty() {
        return Ok(Outcome::NothingFound);
    }
    if json {
        let list: Vec<serde_json::Value> = new
            .iter()
            .map(|f| serde_json::json!({ "path": f.source.name(), "modified": f.modified }))
            .collect();
        return write(&(serde_json::to_string_pretty(&list).unwrap_or_default() + "\n"));
    }
    let text: String = new
        .iter()
        .map(|f| format!("{}\n", f.source.name()))
        .collect();
    write(&text)
}
