//! The lazy paths of a big article land exactly where a whole layout puts them: after a
//! resize the screen shows a screen's worth wrapped at once; a jump, a search, a bookmark or a
//! scroll made before the whole re-wrap is done goes where the whole layout would put it; and
//! the whole re-wrap takes over at the same spot.

#[path = "../examples/gen_article.rs"]
#[allow(dead_code)]
mod gen_article;

use lede::article::layout::Layout;
use lede::article::{load_bytes, Source};
use lede::tui::action::Action;
use lede::tui::app::{App, Effect};
use lede::tui::memory::Reply;
use lede::tui::reading::Completeness;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

/// About 4.5 MB: over the size from which a resize re-wraps in the background.
const SECTIONS: usize = 2_200;

fn app(width: u16, height: u16) -> App {
    let text = gen_article::big_article(SECTIONS);
    let loaded = load_bytes(Source::Stdin, text.as_bytes()).expect("the article loads");
    App::new(vec![loaded], width, height)
}

/// The reading pane's rows as text (header and status bar left out: they carry percents).
fn pane(app: &App) -> Vec<String> {
    let (width, height) = (app.ctx.size.width, app.ctx.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| lede::tui::view::render(app, f)).unwrap();
    let area = app.areas().text;
    let buffer = terminal.backend().buffer();
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

/// Carries out the re-wrap the app asked for, as the loop's thread would.
fn finish_layout(app: &mut App) {
    let effects: Vec<Effect> = app.ctx.effects.drain(..).collect();
    let mut done = 0;
    for effect in effects {
        if let Effect::Layout {
            fingerprint,
            width,
            doc,
        } = effect
        {
            let layout = Layout::new(&doc, width);
            app.apply(Reply::Layout {
                fingerprint,
                layout: Box::new(layout),
            });
            done += 1;
        }
    }
    assert_eq!(done, 1, "one re-wrap was asked for");
}

#[test]
fn a_resize_shows_the_same_paragraph_at_once_and_the_whole_wrap_takes_over() {
    let mut lazy = app(120, 40);
    lazy.update(Action::JumpToSection(9));
    lazy.update(Action::LineDown);
    lazy.update(Action::LineDown);
    lazy.update(Action::Resize(100, 40));
    // the reference: the same place reached at the new width with a whole layout
    let mut whole = app(100, 40);
    whole.update(Action::JumpToSection(9));
    whole.update(Action::LineDown);
    whole.update(Action::LineDown);
    assert!(pane(&whole).iter().any(|row| !row.is_empty()));
    assert_eq!(pane(&lazy), pane(&whole), "the screen's worth at once");
    finish_layout(&mut lazy);
    assert_eq!(pane(&lazy), pane(&whole), "after the whole re-wrap");
    assert_eq!(
        lazy.reading().layout.len(),
        whole.reading().layout.len(),
        "the whole layout took over"
    );
}

#[test]
fn a_jump_before_the_whole_wrap_is_done_lands_where_it_would() {
    let mut lazy = app(120, 40);
    lazy.update(Action::Resize(70, 40));
    // far beyond what was wrapped for the screen
    lazy.update(Action::JumpToSection(7));
    lazy.update(Action::NextSection);
    let mut whole = app(70, 40);
    whole.update(Action::JumpToSection(8));
    assert_eq!(pane(&lazy), pane(&whole));
    finish_layout(&mut lazy);
    assert_eq!(pane(&lazy), pane(&whole));
}

#[test]
fn an_older_resize_s_wrap_is_not_taken() {
    let mut lazy = app(120, 40);
    lazy.update(Action::Resize(100, 40));
    let stale: Vec<Effect> = lazy.ctx.effects.drain(..).collect();
    lazy.update(Action::Resize(80, 40));
    // the first resize's wrap arrives late: ignored
    for effect in stale {
        if let Effect::Layout {
            fingerprint, doc, ..
        } = effect
        {
            lazy.apply(Reply::Layout {
                fingerprint,
                layout: Box::new(Layout::new(&doc, 100)),
            });
        }
    }
    let mut whole = app(80, 40);
    whole.update(Action::Top);
    assert_eq!(pane(&lazy), pane(&whole));
    finish_layout(&mut lazy);
    assert_eq!(lazy.reading().layout.width, whole.reading().layout.width);
    assert_eq!(pane(&lazy), pane(&whole));
}

#[test]
fn a_window_from_the_first_block_is_the_whole_layout_s_beginning() {
    let text = gen_article::big_article(20);
    let loaded = load_bytes(Source::Stdin, text.as_bytes()).unwrap();
    let doc = lede::article::document::Document::new(&loaded.article);
    let whole = Layout::new(&doc, 70);
    let window = Layout::window(&doc, 70, 0, 50);
    assert!(window.len() >= 50 && window.len() < whole.len());
    let rows = |layout: &Layout, range| layout.rows(&doc, range).collect::<Vec<_>>();
    assert_eq!(rows(&whole, 0..window.len()), rows(&window, 0..usize::MAX));
    let later = Layout::window(&doc, 70, 5, 10);
    let start = whole.block_row(5);
    assert_eq!(
        rows(&whole, start..start + later.len()),
        rows(&later, 0..usize::MAX)
    );
    // and a window's lookups agree with the whole layout's, offset by where it starts
    for row in 0..later.len() {
        let anchor = later.anchor(row);
        assert_eq!(
            later.block_at(row),
            whole.block_at(start + row),
            "row {row}"
        );
        assert_eq!(whole.anchor(start + row), anchor);
        assert_eq!(
            later.row_of_anchor(anchor) + start,
            whole.row_of_anchor(anchor)
        );
        assert!(later.has_block(anchor.block));
    }
    assert!(!later.has_block(4) && later.has_block(5));
    assert_eq!(later.block_row(4), 0);
}

/// Types `/query` and Enter.
fn search(app: &mut App, query: &str) {
    app.update(Action::SearchStart);
    for c in query.chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchSubmit);
}

#[test]
fn a_search_before_the_whole_wrap_is_done_lands_where_it_would() {
    // a heading far past the screen's worth wrapped at once
    let query = "Section number 1777";
    let mut lazy = app(120, 40);
    lazy.update(Action::Resize(70, 40));
    search(&mut lazy, query);
    let mut whole = app(70, 40);
    search(&mut whole, query);
    let shown = pane(&whole);
    assert!(shown.iter().any(|row| row.contains(query)), "{shown:#?}");
    assert_eq!(pane(&lazy), shown);
    finish_layout(&mut lazy);
    assert_eq!(pane(&lazy), shown);
    // and the next match is a step through the whole layout
    lazy.update(Action::SearchNext);
    whole.update(Action::SearchNext);
    assert_eq!(pane(&lazy), pane(&whole));
}

#[test]
fn a_bookmark_made_before_the_whole_wrap_is_done_is_the_one_a_whole_layout_makes() {
    let mut lazy = app(120, 40);
    lazy.update(Action::JumpToSection(1500));
    lazy.update(Action::LineDown);
    lazy.update(Action::LineDown);
    lazy.update(Action::Resize(70, 40));
    let mut whole = app(70, 40);
    whole.update(Action::JumpToSection(1500));
    whole.update(Action::LineDown);
    whole.update(Action::LineDown);
    let place = whole
        .article()
        .unwrap()
        .place_here(&whole.ctx)
        .expect("a place in the article");
    assert_eq!(
        lazy.article().unwrap().place_here(&lazy.ctx),
        Some(place.clone())
    );
    // going to it from elsewhere, still before the whole wrap, lands as in a whole layout
    lazy.update(Action::Top);
    whole.update(Action::Top);
    lazy.on_article(|a, ctx| a.go_to_place(&place, ctx));
    whole.on_article(|a, ctx| a.go_to_place(&place, ctx));
    assert_eq!(pane(&lazy), pane(&whole));
    finish_layout(&mut lazy);
    assert_eq!(pane(&lazy), pane(&whole));
}

#[test]
fn scrolling_before_the_whole_wrap_is_done_moves_by_rows_of_the_new_width() {
    let mut lazy = app(120, 40);
    lazy.update(Action::JumpToSection(1200));
    lazy.update(Action::Resize(70, 40));
    let mut whole = app(70, 40);
    whole.update(Action::JumpToSection(1200));
    let moves = [
        Action::LineDown,
        Action::LineDown,
        Action::LineDown,
        Action::PageDown,
        Action::LineUp,
        Action::HalfPageUp,
        Action::PageUp,
        Action::PageUp,
        Action::PageUp,
        Action::LineUp,
        Action::PageDown,
    ];
    for (i, action) in moves.into_iter().enumerate() {
        lazy.update(action);
        whole.update(action);
        assert_eq!(pane(&lazy), pane(&whole), "after move {i}");
    }
    finish_layout(&mut lazy);
    assert_eq!(pane(&lazy), pane(&whole), "after the whole re-wrap");
    // and at the very end of the article, both stop with the last row at the bottom
    lazy.update(Action::Resize(90, 40));
    let mut whole = app(90, 40);
    for app in [&mut lazy, &mut whole] {
        app.update(Action::Bottom);
        app.update(Action::LineDown);
        app.update(Action::PageUp);
        app.update(Action::PageDown);
    }
    assert_eq!(pane(&lazy), pane(&whole), "at the end");
}

/// The status bar's text.
fn status(app: &App) -> String {
    let (width, height) = (app.ctx.size.width, app.ctx.size.height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| lede::tui::view::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..width)
        .map(|x| buffer[(x, height - 1)].symbol())
        .collect()
}

#[test]
fn a_beginning_shown_alone_estimates_its_percent_from_the_share_of_the_file_read() {
    let mut head = app(120, 40);
    // as if the rows here were a tenth of the file, the rest still being read
    let whole = 10 * 1_000_000;
    head.article_mut().unwrap().readings[0].completeness = Completeness::Head {
        read: whole / 10,
        whole,
    };
    let shown = status(&head);
    assert!(
        shown.contains("~0%") && shown.contains("reading the rest…"),
        "{shown}"
    );
    assert!(!shown.contains("min left"), "{shown}");
    head.update(Action::Bottom);
    let shown = status(&head);
    // the end of the beginning is a tenth of the way, not the end
    assert!(shown.contains("~9%") || shown.contains("~10%"), "{shown}");
    // the whole article shows its own percent
    head.article_mut().unwrap().readings[0].completeness = Completeness::Whole;
    assert!(status(&head).contains("100%"), "{}", status(&head));
}
