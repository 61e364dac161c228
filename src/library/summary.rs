//! One file's summary for the list: loaded with the size limit, reduced to title, identity,
//! sections and words; or the reason it is not an article.

use super::{FoundFile, Info, Summary};
use crate::article::identity::Identity;
use crate::article::{load_limited, Article, Source};

/// What `file` holds, and its article (for the index) when it is one.
pub fn summarize(file: &FoundFile, max_size: u64) -> (Info, Option<Article>) {
    // a file replaced by a FIFO or a device since the walk must not be opened: it may block
    if let Source::File(path) = &file.source {
        if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
            return (
                Info::NotArticle("not a regular file; not read".to_owned()),
                None,
            );
        }
    }
    match load_limited(&file.source, max_size) {
        Ok(loaded) => (
            Info::Article(summary_of(&loaded.article)),
            Some(loaded.article),
        ),
        Err(e) => (Info::NotArticle(e.reason.to_string()), None),
    }
}

/// The list's view of a loaded article.
pub fn summary_of(article: &Article) -> Summary {
    let identity = Identity::of(article);
    Summary {
        title: article.title.clone(),
        fingerprint: identity.fingerprint,
        content_hash: identity.content,
        sections: article.sections.len(),
        words: article.word_count(),
    }
}
