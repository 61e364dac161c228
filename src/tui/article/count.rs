//! Count prefixes as in less and vim: `5j` five lines, `3` Space three pages, `50%` the middle,
//! `12` Enter section 12. A digit jumps to its section at once, as lede always did; the key
//! after the digits decides what the number meant, and the view comes back from the jump when
//! it was a count of lines or pages.

use crate::tui::action::Action;
use crate::tui::article::reading::Spot;

/// The largest count kept: more digits are ignored.
const MAX: usize = 999_999;

/// Digits typed so far, and where the view was before the first of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count {
    pub value: usize,
    pub origin: Spot,
}

/// What the key after the digits makes of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// Another digit: the number grows, and the jump goes to its section.
    Grow(usize),
    /// Back where the digits started, then this action `times` times.
    Repeat { action: Action, times: usize },
    /// Back where the digits started, then N percent into the article.
    Percent(usize),
    /// The section the digits jumped to is where the reader wanted to go.
    Keep,
    /// Not a key that takes a count: the count goes, the action runs as it is.
    Drop,
}

impl Count {
    pub fn meaning(self, action: Action) -> Meaning {
        match action {
            Action::Digit(d) if self.value < MAX / 10 => {
                Meaning::Grow(self.value * 10 + usize::from(d))
            }
            Action::Digit(_) => Meaning::Grow(self.value),
            Action::Top | Action::Bottom | Action::CountDone => Meaning::Keep,
            // lines, pages and half pages, sections and matches
            scroll if scroll.scrolls() => Meaning::Repeat {
                action,
                times: self.value,
            },
            Action::NextSection
            | Action::PreviousSection
            | Action::SearchNext
            | Action::SearchPrevious => Meaning::Repeat {
                action,
                times: self.value,
            },
            Action::Percent => Meaning::Percent(self.value.min(100)),
            _ => Meaning::Drop,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{load_bytes, Source};
    use crate::tui::app::App;

    fn app() -> App {
        let text = include_str!("../../../assets/000_addf95f289c0a8cc.txt");
        App::new(
            vec![load_bytes(Source::Stdin, text.as_bytes()).unwrap()],
            100,
            30,
        )
    }

    #[test]
    fn five_j_scrolls_five_lines_from_where_the_digit_was_typed() {
        let mut app = app();
        app.update(Action::LineDown);
        app.update(Action::Digit(5));
        assert!(app.reading().top > 1, "5 jumps to section 5 at once");
        app.update(Action::LineDown);
        assert_eq!(app.reading().top, 6);
        assert_eq!(app.count(), None);
    }

    #[test]
    fn twelve_then_enter_says_the_article_has_five_and_stays() {
        let mut app = app();
        app.update(Action::Digit(1));
        app.update(Action::Digit(2));
        assert_eq!(
            app.ctx.notice.as_deref(),
            Some("no section 12: this article has 5")
        );
        assert_eq!(app.reading().top, 0, "back where the digits started");
        app.update(Action::CountDone);
        assert_eq!(app.reading().top, 0);
    }

    #[test]
    fn fifty_percent_is_the_middle_and_g_keeps_the_section() {
        let mut app = app();
        let height = app.pane_height();
        app.update(Action::Digit(5));
        app.update(Action::Digit(0));
        app.update(Action::Percent);
        let max = app.reading().max_top(height);
        assert_eq!(app.reading().top, max / 2);
        app.update(Action::Digit(3));
        app.update(Action::Bottom);
        assert!(
            app.article()
                .unwrap()
                .status_place(&app.ctx)
                .starts_with("3/5 "),
            "{}",
            app.article().unwrap().status_place(&app.ctx)
        );
    }

    #[test]
    fn a_count_of_pages_and_sections() {
        let mut app = app();
        let page = app.pane_height() - 2;
        app.update(Action::Digit(2));
        app.update(Action::PageDown);
        assert_eq!(app.reading().top, 2 * page);
        app.update(Action::Top);
        app.update(Action::Digit(2));
        app.update(Action::NextSection);
        assert!(
            app.article()
                .unwrap()
                .status_place(&app.ctx)
                .starts_with("2/5 "),
            "{}",
            app.article().unwrap().status_place(&app.ctx)
        );
    }
}
