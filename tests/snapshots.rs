//! Whole-screen snapshots of the reader on a `TestBackend`, one per view at two sizes,
//! plus checks that colours, resizing and tiny screens behave.

use lede::article::{load_bytes, Loaded, Source};
use lede::tui::action::Action;
use lede::tui::app::App;
use lede::tui::theme;
use lede::tui::view::render;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

const SAMPLE: &str = "000_addf95f289c0a8cc.txt";
const SIZES: [(u16, u16); 2] = [(100, 30), (50, 20)];
const QUERY: &str = "ceasefire";

fn sample() -> Loaded {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(SAMPLE),
    )
    .expect("sample article");
    load_bytes(Source::Bundled(SAMPLE.to_owned()), &bytes).expect("sample loads")
}

fn app_after(article: &Loaded, width: u16, height: u16, actions: &[Action]) -> App {
    let mut app = App::new(vec![article.clone()], width, height);
    for &action in actions {
        app.update(action);
    }
    app
}

fn draw(app: &App) -> Terminal<TestBackend> {
    let size = app.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal
}

fn search_actions() -> Vec<Action> {
    let mut actions = vec![Action::SearchStart];
    actions.extend(QUERY.chars().map(Action::SearchInput));
    actions.push(Action::SearchSubmit);
    actions
}

/// The scripted views: (snapshot name, actions from the opening screen).
fn views() -> Vec<(&'static str, Vec<Action>)> {
    vec![
        ("article", vec![]),
        ("section_3", vec![Action::JumpToSection(3)]),
        ("key_points", vec![Action::ToggleKeyPoints]),
        (
            "faq_answer_open",
            vec![Action::ToggleFaq, Action::FaqToggleAnswer],
        ),
        ("search_ceasefire", search_actions()),
        ("help", vec![Action::ToggleHelp]),
        (
            "sidebar_focused",
            vec![Action::FocusNext, Action::SidebarDown],
        ),
        // hides the sidebar on a wide screen; on a narrow one it brings it back
        ("toggle_sidebar", vec![Action::ToggleSidebar]),
    ]
}

#[test]
fn snapshots_of_every_view() {
    let article = sample();
    for (view, actions) in views() {
        for (width, height) in SIZES {
            let app = app_after(&article, width, height, &actions);
            let terminal = draw(&app);
            let name = format!("{view}_{width}x{height}");
            insta::assert_snapshot!(name.as_str(), terminal.backend());
        }
    }
}

/// The text of row `y` of a buffer, one `char` per cell.
fn cells_of_row(buf: &Buffer, y: u16) -> Vec<String> {
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_lowercase())
        .collect()
}

/// Every `(x, y)` cell where the query is drawn on screen (case-insensitively).
fn query_cells(buf: &Buffer) -> Vec<(u16, u16)> {
    let needle: Vec<String> = QUERY.chars().map(|c| c.to_string()).collect();
    let mut found = Vec::new();
    for y in 0..buf.area.height {
        let row = cells_of_row(buf, y);
        for x in 0..row.len().saturating_sub(needle.len() - 1) {
            if row[x..x + needle.len()] == needle[..] {
                found.extend((x..x + needle.len()).map(|cx| (cx as u16, y)));
            }
        }
    }
    found
}

#[test]
fn search_matches_carry_the_match_background() {
    let article = sample();
    let match_bg = theme::MATCH.bg.expect("MATCH has a background");
    let current_bg = theme::CURRENT_MATCH
        .bg
        .expect("CURRENT_MATCH has a background");
    for (width, height) in SIZES {
        let app = app_after(&article, width, height, &search_actions());
        let terminal = draw(&app);
        let buf = terminal.backend().buffer();
        let cells = query_cells(buf);
        assert!(
            !cells.is_empty(),
            "{width}x{height}: no \"{QUERY}\" on screen after searching for it"
        );
        for &(x, y) in &cells {
            let bg = buf[(x, y)].bg;
            assert!(
                bg == match_bg || bg == current_bg,
                "{width}x{height}: cell ({x},{y}) of \"{QUERY}\" has background {bg:?}"
            );
        }
        // the match moved to is marked differently, exactly one word's worth
        let current: Vec<(u16, u16)> = cells
            .iter()
            .copied()
            .filter(|&(x, y)| buf[(x, y)].bg == current_bg)
            .collect();
        assert_eq!(
            current.len(),
            QUERY.len(),
            "{width}x{height}: the current match should be one whole word"
        );
        // and nothing but the matches carries a match background
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let bg = buf[(x, y)].bg;
                if bg == match_bg || bg == current_bg {
                    assert!(
                        cells.contains(&(x, y)),
                        "{width}x{height}: cell ({x},{y}) {:?} is highlighted but not a match",
                        buf[(x, y)].symbol()
                    );
                }
            }
        }
        // no match background is the default one, so the check above means something
        assert_ne!(match_bg, Color::Reset);
    }
}

#[test]
fn narrow_screen_hides_the_sidebar_and_toggle_brings_it_back() {
    let article = sample();
    let mut app = App::new(vec![article.clone()], 50, 20);
    assert!(!app.sidebar_visible());
    assert!(app.areas().sidebar.is_none());
    let before = draw(&app);
    assert!(!format!("{}", before.backend()).contains("Contents"));

    app.update(Action::ToggleSidebar);
    assert!(app.sidebar_visible());
    assert!(app.areas().sidebar.is_some());
    let after = draw(&app);
    assert!(format!("{}", after.backend()).contains("Contents"));

    // and a wide screen shows it by itself
    let wide = App::new(vec![article], 100, 30);
    assert!(wide.sidebar_visible());
}

#[test]
fn focused_sidebar_marks_the_selected_entry() {
    let article = sample();
    let app = app_after(&article, 100, 30, &[Action::FocusNext, Action::SidebarDown]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let sidebar = app.areas().sidebar.expect("a sidebar at 100x30");
    let reversed = |y: u16| -> String {
        (sidebar.x..sidebar.right())
            .filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol())
            .collect()
    };
    // row 0 is the header, so entry 2 (index 1) is on row 2
    assert_eq!(reversed(2), "U.S. Strategy and Reaction");
    for y in (0..sidebar.bottom()).filter(|&y| y != 2) {
        assert_eq!(reversed(y), "", "row {y} is marked selected too");
    }
    let border = buf[(sidebar.right() - 1, 5)].fg;
    assert_eq!(Some(border), theme::FOCUSED_BORDER.fg);
}

fn top_anchor(app: &App) -> (usize, usize) {
    let reading = app.reading();
    let anchor = reading.layout.anchor(reading.top);
    (anchor.block, anchor.byte)
}

#[test]
fn resizing_keeps_the_same_paragraph_at_the_top() {
    let article = sample();
    // at a heading: the same row comes back exactly
    let mut app = app_after(&article, 100, 30, &[Action::JumpToSection(3)]);
    let (block, _) = top_anchor(&app);
    let top = app.reading().top;
    app.update(Action::Resize(40, 12));
    assert_eq!(top_anchor(&app).0, block, "40x12 lost the heading");
    app.update(Action::Resize(100, 30));
    assert_eq!(top_anchor(&app).0, block, "back at 100x30 lost the heading");
    assert_eq!(app.reading().top, top);

    // in the middle of a paragraph: the same paragraph stays at the top
    let mut app = app_after(
        &article,
        100,
        30,
        &[
            Action::JumpToSection(2),
            Action::LineDown,
            Action::LineDown,
            Action::LineDown,
            Action::LineDown,
        ],
    );
    let (block, byte) = top_anchor(&app);
    let top_before = app.reading().top;
    let first_screen = draw(&app).backend().buffer().clone();
    app.update(Action::Resize(40, 12));
    let (narrow_block, narrow_byte) = top_anchor(&app);
    assert_eq!(narrow_block, block, "40x12 moved to another paragraph");
    assert!(narrow_byte <= byte);
    draw(&app);
    app.update(Action::Resize(100, 30));
    assert_eq!(
        top_anchor(&app).0,
        block,
        "back at 100x30 moved to another paragraph"
    );
    // the top row is the narrow row's start re-found at the wide width, so the same paragraph
    // shows, at most a line or two higher than before (never lower, never another paragraph)
    let again = draw(&app).backend().buffer().clone();
    assert!(app.reading().top <= top_before);
    assert!(
        (0..3).any(|y| pane_text(&app, &again, y) == pane_text(&app, &first_screen, 0)),
        "the old top line is no longer near the top after a round trip through 40x12"
    );
}

/// The reading pane's text on row `y`.
fn pane_text(app: &App, buf: &Buffer, y: u16) -> String {
    let text = app.areas().text;
    (text.x..text.right())
        .map(|x| buf[(x, y)].symbol())
        .collect::<String>()
}

#[test]
fn drawing_at_any_size_never_panics() {
    let article = sample();
    let mut scenarios = views();
    scenarios.extend([
        ("bottom", vec![Action::Bottom, Action::PageDown]),
        (
            "faq_all_bottom",
            vec![Action::ToggleFaq, Action::FaqToggleAll, Action::Bottom],
        ),
        (
            "key_points_bottom",
            vec![Action::ToggleKeyPoints, Action::Bottom],
        ),
        (
            "help_scrolled",
            vec![Action::ToggleHelp, Action::Bottom, Action::LineDown],
        ),
        (
            "search_typing",
            vec![Action::SearchStart, Action::SearchInput('c')],
        ),
        (
            "search_no_match",
            vec![
                Action::SearchStart,
                Action::SearchInput('z'),
                Action::SearchInput('q'),
                Action::SearchInput('x'),
                Action::SearchSubmit,
            ],
        ),
        (
            "search_in_key_points",
            [search_actions(), vec![Action::ToggleKeyPoints]].concat(),
        ),
        (
            "search_in_faq",
            [
                search_actions(),
                vec![Action::ToggleFaq, Action::FaqToggleAll],
            ]
            .concat(),
        ),
        (
            "sidebar_shown_focused_end",
            vec![
                Action::ToggleSidebar,
                Action::ToggleSidebar,
                Action::FocusNext,
                Action::SidebarDown,
                Action::SidebarDown,
                Action::SidebarDown,
                Action::SidebarDown,
                Action::SidebarDown,
                Action::SidebarDown,
                Action::SidebarDown,
                Action::SidebarDown,
            ],
        ),
        (
            "help_over_faq",
            vec![
                Action::ToggleFaq,
                Action::FaqToggleAnswer,
                Action::ToggleHelp,
            ],
        ),
    ]);
    let mut sizes: Vec<(u16, u16)> = (1..=30)
        .flat_map(|w| (1..=12).map(move |h| (w, h)))
        .collect();
    sizes.extend([
        (200, 3),
        (3, 200),
        (200, 1),
        (1, 200),
        (59, 5),
        (60, 5),
        (24, 40),
        (500, 2),
        (0, 0),
        (0, 10),
        (80, 0),
    ]);
    // App::new is slow in debug builds, so open one app per width and reuse it for every
    // height: Resize to the same width re-wraps nothing, so this is the app opened at that size
    let mut opened: std::collections::BTreeMap<u16, App> = std::collections::BTreeMap::new();
    for &(width, height) in &sizes {
        opened
            .entry(width)
            .or_insert_with(|| App::new(vec![article.clone()], width, height));
    }
    let mut failures = Vec::new();
    for (name, actions) in &scenarios {
        for &(width, height) in &sizes {
            let outcome = std::panic::catch_unwind(|| {
                let mut app = opened[&width].clone();
                app.update(Action::Resize(width, height));
                for &action in actions {
                    app.update(action);
                }
                draw(&app);
            });
            if outcome.is_err() {
                failures.push(format!("{name} opened at {width}x{height}"));
            }
        }
        // the same actions, then a resize through every size, on one app
        let mut app = app_after(&article, 100, 30, actions);
        for &(width, height) in &sizes {
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                app.update(Action::Resize(width, height));
                draw(&app);
            }));
            if outcome.is_err() {
                failures.push(format!("{name} resized to {width}x{height}"));
                app = app_after(&article, 100, 30, actions);
            }
        }
    }
    assert!(failures.is_empty(), "panicked: {failures:#?}");
}
