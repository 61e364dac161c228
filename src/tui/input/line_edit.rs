//! One line of typed text with a cursor, as shells and vim's command line edit it: the search
//! being typed and the prompts share it.

/// The text and the cursor, a byte offset on a character boundary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEdit {
    pub text: String,
    pub cursor: usize,
}

impl LineEdit {
    /// `text`, with the cursor at its end.
    pub fn new(text: &str) -> LineEdit {
        LineEdit {
            text: text.to_owned(),
            cursor: text.len(),
        }
    }

    pub fn insert(&mut self, c: char) {
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Backspace: the character before the cursor goes.
    pub fn backspace(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Delete: the character under the cursor goes.
    pub fn delete(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    pub fn left(&mut self) {
        if let Some(c) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= c.len_utf8();
        }
    }

    pub fn right(&mut self) {
        if let Some(c) = self.text[self.cursor..].chars().next() {
            self.cursor += c.len_utf8();
        }
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// Ctrl-w: the word before the cursor goes, as in a shell.
    pub fn delete_word(&mut self) {
        let before = &self.text[..self.cursor];
        let kept = before.trim_end().rfind(' ').map_or(0, |space| space + 1);
        self.text.replace_range(kept..self.cursor, "");
        self.cursor = kept;
    }

    /// Ctrl-u: everything before the cursor goes.
    pub fn clear(&mut self) {
        self.text.replace_range(..self.cursor, "");
        self.cursor = 0;
    }

    /// Replaces the whole text (a history entry), the cursor at its end.
    pub fn set(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = self.text.len();
    }

    /// The text with a cursor mark where the cursor is, for the status bar.
    pub fn shown(&self) -> String {
        format!(
            "{}▏{}",
            &self.text[..self.cursor],
            &self.text[self.cursor..]
        )
    }
}

/// Where `↑` (`step` > 0) or `↓` goes in a history of `len` lines, newest first, from `at`
/// (`None`: the line being typed, which `↓` from the newest comes back to).
pub fn history_step(at: Option<usize>, step: isize, len: usize) -> Option<usize> {
    match (at, step > 0) {
        (None, true) => Some(0),
        (None, false) => None,
        (Some(i), true) => Some((i + 1).min(len.saturating_sub(1))),
        (Some(0), false) => None,
        (Some(i), false) => Some(i - 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor() {
        let mut line = LineEdit::new("ceasefre");
        line.left();
        line.left();
        line.insert('i');
        assert_eq!(line.text, "ceasefire");
        line.home();
        line.delete();
        assert_eq!(line.text, "easefire");
        line.end();
        line.backspace();
        assert_eq!(line.text, "easefir");
        assert_eq!(line.shown(), "easefir▏");
    }

    #[test]
    fn words_and_wide_characters() {
        let mut line = LineEdit::new("café crème brûlée");
        line.delete_word();
        assert_eq!(line.text, "café crème ");
        line.left();
        line.left();
        line.backspace();
        assert_eq!(line.text, "café crèe ");
        line.clear();
        assert_eq!(line.text, "e ");
        assert_eq!(line.cursor, 0);
        line.right();
        assert_eq!(line.shown(), "e▏ ");
    }
}
