//! Who an article is, whatever its path: a fingerprint of its title and lead, and a hash of
//! its whole text that says when it changed.

use super::model::Article;

/// An article's identity and the state of its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    /// Hash of the normalised title and lead: survives a move, a rename and edits further down.
    pub fingerprint: String,
    /// Hash of every text of the article: changes when any word does.
    pub content: String,
}

impl Identity {
    pub fn of<S: AsRef<str>>(article: &Article<S>) -> Identity {
        let mut head = Fnv::new();
        head.words(article.title.as_ref());
        head.separator();
        for paragraph in &article.lead {
            head.words(paragraph.as_ref());
        }
        let mut all = Fnv::new();
        for text in article.texts() {
            all.words(text);
            all.separator();
        }
        Identity {
            fingerprint: head.hex(),
            content: all.hex(),
        }
    }
}

/// 64-bit FNV-1a: tiny and stable across versions and platforms, unlike std's hasher.
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// The words of `text` with single spaces: whitespace never changes who an article is.
    fn words(&mut self, text: &str) {
        for word in text.split_whitespace() {
            self.bytes(word.as_bytes());
            self.bytes(b" ");
        }
    }

    fn separator(&mut self) {
        self.bytes(&[0x1f]);
    }

    fn hex(&self) -> String {
        format!("{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, lead: &str, body: &str) -> Article {
        Article {
            title: title.to_owned(),
            lead: vec![lead.to_owned()],
            sections: vec![crate::article::Section {
                heading: "One".to_owned(),
                paragraphs: vec![body.to_owned()],
            }],
            ..Article::default()
        }
    }

    #[test]
    fn whitespace_does_not_change_identity() {
        let a = Identity::of(&article("A title", "The lead  here.", "Body."));
        let b = Identity::of(&article(" A  title", "The lead\there. ", "Body. "));
        assert_eq!(a, b);
    }

    #[test]
    fn body_edits_change_content_not_fingerprint() {
        let a = Identity::of(&article("A title", "The lead.", "Body."));
        let b = Identity::of(&article("A title", "The lead.", "Body, edited."));
        assert_eq!(a.fingerprint, b.fingerprint);
        assert_ne!(a.content, b.content);
        let c = Identity::of(&article("A title", "Another lead.", "Body."));
        assert_ne!(a.fingerprint, c.fingerprint);
    }
}
