//! Whole-screen snapshots of the reader on a `TestBackend`, one per view at two sizes,
//! plus checks that colours, resizing and tiny screens behave.

use lede::article::{load_bytes, Loaded, Source};
use lede::tui::action::Action;
use lede::tui::app::App;
use lede::tui::theme::Theme;
use lede::tui::view::render;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use ratatui::Terminal;

const SAMPLE: &str = "000_addf95f289c0a8cc.txt";
const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 60)];
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
    let size = app.ctx.size;
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
        ("brief", vec![Action::ToggleBrief]),
        (
            "brief_last_point",
            vec![Action::ToggleBrief, Action::Bottom],
        ),
        (
            "faq_after_next_section",
            vec![
                Action::JumpToSection(5),
                Action::NextSection,
                Action::NextSection,
                Action::NextSection,
            ],
        ),
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
    let match_bg = Theme::dark()
        .search_match
        .bg
        .expect("MATCH has a background");
    let current_bg = Theme::dark()
        .current_match
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

fn before_text(article: &Loaded) -> ratatui::layout::Rect {
    App::new(vec![article.clone()], 80, 24).areas().text
}

#[test]
fn narrow_screen_hides_the_sidebar_and_toggle_brings_it_back() {
    let article = sample();
    let mut app = App::new(vec![article.clone()], 80, 24);
    assert!(!app.sidebar_visible());
    assert!(app.areas().sidebar.is_none());
    let before = draw(&app);
    assert!(!format!("{}", before.backend()).contains("Contents"));

    app.update(Action::ToggleSidebar);
    assert!(app.sidebar_visible());
    assert!(app.areas().sidebar.is_some());
    let after = draw(&app);
    assert!(format!("{}", after.backend()).contains("Contents"));

    // over the text, which keeps its place and its width
    assert_eq!(app.areas().text, before_text(&article));
    // and a wide screen shows it by itself
    let wide = App::new(vec![article], 120, 40);
    assert!(wide.sidebar_visible());
}

#[test]
fn focused_sidebar_marks_the_selected_entry() {
    let article = sample();
    let app = app_after(&article, 120, 40, &[Action::FocusNext, Action::SidebarDown]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let sidebar = app.areas().sidebar.expect("a sidebar at 120x40");
    let reversed = |y: u16| -> String {
        (sidebar.x..sidebar.right())
            .filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED))
            .map(|x| buf[(x, y)].symbol())
            .collect()
    };
    // row 0 is the header line, row 1 "Contents", so entry 2 (index 1) is on row 3
    // the sidebar takes what the headings need on a wide screen: this one shows whole
    assert_eq!(reversed(3), "U.S. Strategy and Reaction");
    for y in (0..sidebar.bottom()).filter(|&y| y != 3) {
        assert_eq!(reversed(y), "", "row {y} is marked selected too");
    }
    let border = buf[(sidebar.right() - 1, 5)].fg;
    assert_eq!(Some(border), Theme::dark().focused_border.fg);
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

/// Under `NO_COLOR` no cell has a colour, yet matches, the selection and the section being
/// read keep their emphasis.
#[test]
fn no_color_keeps_every_mark_visible() {
    let article = sample();
    for (width, height) in SIZES {
        let mut app = App::new(vec![article.clone()], width, height);
        app.ctx.theme = Theme::dark().without_colour();
        for action in search_actions() {
            app.update(action);
        }
        let terminal = draw(&app);
        let buf = terminal.backend().buffer();
        for cell in buf.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
        }
        let cells = query_cells(buf);
        assert!(!cells.is_empty(), "{width}x{height}: no match on screen");
        for &(x, y) in &cells {
            let modifier = buf[(x, y)].modifier;
            assert!(
                modifier.contains(Modifier::REVERSED),
                "{width}x{height}: match cell ({x},{y}) is not reversed"
            );
        }
        let current = cells
            .iter()
            .filter(|&&(x, y)| buf[(x, y)].modifier.contains(Modifier::BOLD))
            .count();
        assert_eq!(current, QUERY.len(), "{width}x{height}: the current match");
        let status_row = height - 1;
        assert!(buf[(0, status_row)].modifier.contains(Modifier::REVERSED));
        insta::assert_snapshot!(
            format!("no_color_search_{width}x{height}"),
            terminal.backend()
        );
    }
    // the selection in the sidebar and the section being read
    let mut app = App::new(vec![article], 120, 40);
    app.ctx.theme = Theme::dark().without_colour();
    for action in [
        Action::JumpToSection(3),
        Action::FocusNext,
        Action::SidebarDown,
    ] {
        app.update(action);
    }
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let sidebar = app.areas().sidebar.expect("a sidebar at 120x40");
    let row_modifiers = |y: u16| -> Vec<Modifier> {
        (sidebar.x + 3..sidebar.x + 12)
            .map(|x| buf[(x, y)].modifier)
            .collect()
    };
    // entry 3 is read (row 4), entry 4 selected (row 5)
    assert!(row_modifiers(4).iter().all(|m| m.contains(Modifier::BOLD)));
    assert!(row_modifiers(5)
        .iter()
        .all(|m| m.contains(Modifier::REVERSED)));
    assert!(row_modifiers(3).iter().all(|m| m.is_empty()));
    insta::assert_snapshot!("no_color_sidebar_selected_120x40", terminal.backend());
}

/// The header names the article, whatever is scrolled; the lead is whole, not cut after the
/// sentence the title was taken from.
#[test]
fn header_names_the_article_and_the_lead_is_whole() {
    let article = sample();
    let app = app_after(&article, 80, 24, &[Action::JumpToSection(4)]);
    let terminal = draw(&app);
    let buf = terminal.backend().buffer();
    let header: String = (0..80).map(|x| buf[(x, 0)].symbol()).collect();
    assert!(
        header.starts_with(" In a significant diplomatic"),
        "{header}"
    );
    assert!(header.contains('…'), "{header}");
    assert!(
        header.trim_end().ends_with("4. Humanitarian…") || header.contains("4. "),
        "{header}"
    );
    let top = App::new(vec![article.clone()], 80, 24);
    let first = top.reading().doc.get(0).expect("blocks");
    assert!(first
        .text
        .starts_with("In a significant diplomatic development, White House"));
    assert_eq!(first.text, article.article.lead[0]);
}

/// Progress is 0 at the top and 100 at the bottom, and the time left says "done" there.
#[test]
fn progress_runs_from_zero_to_done() {
    let article = sample();
    let status = |app: &App| -> String {
        let terminal = draw(app);
        let buf = terminal.backend().buffer();
        let y = app.ctx.size.height - 1;
        (0..app.ctx.size.width)
            .map(|x| buf[(x, y)].symbol())
            .collect()
    };
    let top = App::new(vec![article.clone()], 80, 24);
    assert!(
        status(&top).contains(" 0% · 6 min left"),
        "{}",
        status(&top)
    );
    let end = app_after(&article, 80, 24, &[Action::Bottom]);
    assert!(status(&end).contains("100% · done"), "{}", status(&end));
}

/// `]` into the FAQ stops at the end, and `G` there does not move the view.
#[test]
fn next_section_into_the_faq_stops_at_the_end() {
    let article = sample();
    let mut app = app_after(&article, 80, 24, &[Action::JumpToSection(5)]);
    for _ in 0..4 {
        app.update(Action::NextSection);
    }
    let height = app.pane_height();
    let top = app.reading().top;
    assert_eq!(top, app.reading().max_top(height));
    app.update(Action::Bottom);
    assert_eq!(app.reading().top, top);
}

/// Enter on a key point in the brief opens the section it summarises.
#[test]
fn brief_enter_opens_the_summarised_section() {
    let article = sample();
    let mut app = app_after(&article, 120, 40, &[Action::ToggleBrief, Action::LineDown]);
    assert_eq!(app.article().unwrap().view, lede::tui::state::View::Brief);
    let expected = lede::tui::brief::section_for(&app.reading().doc, 1);
    app.update(Action::BriefOpen);
    assert_eq!(app.article().unwrap().view, lede::tui::state::View::Article);
    let section = expected.expect("key point 2 shares words with a section");
    let entry = app.reading().section_entry(section + 1).unwrap();
    assert_eq!(app.article().unwrap().reading_entry(&app.ctx), Some(entry));
}

/// A library of every kind of row: new, half read, read, changed since read, bookmarked, an
/// unreadable file with a long reason, a long title; the clock fixed so dates do not move.
fn library_app(width: u16, height: u16) -> App {
    library_app_until(width, height, lede::library::ScanEvent::Finished)
}

/// [`library_app`] with the scan's last report so far `last` (the end, or the index's progress).
fn library_app_until(width: u16, height: u16, last: lede::library::ScanEvent) -> App {
    use lede::library::scan::Target;
    use lede::library::{FoundFile, Info, ScanEvent, Summary};
    use lede::store::{Marks, ReadState};
    const NOW: i64 = 1_764_107_710; // 2025-11-25 21:55:10 UTC
    let file = |rel: &str, age_secs: i64| FoundFile {
        source: Source::File(format!("/news/{rel}").into()),
        rel: rel.to_owned(),
        size: 1000,
        modified: (NOW - age_secs) * 1_000_000_000,
    };
    let article = |title: &str, sections: usize, words: usize| {
        Info::Article(Summary {
            title: title.to_owned(),
            fingerprint: format!("fp-{title}"),
            content_hash: format!("hash-{title}"),
            sections,
            words,
        })
    };
    let rows: Vec<(FoundFile, Info, Option<ReadState>, usize)> = vec![
        (file("world/envoy.txt", 600), article("Envoy meets Putin in St. Petersburg", 5, 1200), None, 0),
        (file("science/probe.txt", 7200), article("A Quiet Landing at the Pole", 5, 1142), Some(ReadState::InProgress(42)), 2),
        (file("local/cannery.txt", 90_000), article("Shuttered Cannery Reopens as a Food Hall in Port Aldren, Where the Old Packing Floor Now Holds Eighteen Stalls", 12, 30_000), Some(ReadState::Read), 0),
        (file("local/harbour.txt", 200_000), article("Harbour dredging resumes", 3, 640), Some(ReadState::ChangedSinceRead), 1),
        (file("exports/feed/2025/november/a_broken_export_from_the_feed_reader.json", 300_000), Info::NotArticle("not a lede JSON article: invalid type: integer `5`, expected a string at line 1 column 11".to_owned()), None, 0),
        (file("old/archive.txt", 9_000_000), article("An archived piece", 1, 90), Some(ReadState::Read), 0),
    ];
    let files: Vec<FoundFile> = rows.iter().map(|r| r.0.clone()).collect();
    let mut app = App::with_library(Target::Files(files.clone()), width, height);
    app.scan_event(ScanEvent::Listed(files));
    app.scan_event(ScanEvent::Summaries(
        rows.iter()
            .enumerate()
            .map(|(i, r)| (i, r.1.clone()))
            .collect(),
    ));
    app.scan_event(last);
    let marks = rows
        .iter()
        .filter_map(|(_, info, state, bookmarks)| {
            let Info::Article(summary) = info else {
                return None;
            };
            let state = (*state).or((*bookmarks > 0).then_some(ReadState::New))?;
            Some((
                summary.fingerprint.clone(),
                Marks {
                    state,
                    bookmarks: *bookmarks,
                },
            ))
        })
        .collect();
    app.set_marks(marks);
    app.library_mut().unwrap().now = NOW;
    app
}

fn library_hits() -> Vec<lede::library::Hit> {
    use lede::library::{Hit, HitPart, MATCH_END, MATCH_START};
    let hit = |key: &str, title: &str, part: HitPart, label: &str| Hit {
        key: format!("/news/{key}"),
        title: title.to_owned(),
        part,
        label: label.to_owned(),
        snippet: format!("…the harbour {MATCH_START}coral{MATCH_END} beds recovered after…"),
        rank: 0.0,
    };
    vec![
        hit(
            "local/harbour.txt",
            "Harbour dredging resumes",
            HitPart::Title,
            "Title",
        ),
        hit(
            "science/probe.txt",
            "A Quiet Landing at the Pole",
            HitPart::Section(1),
            "2 Why the South Pole Matters",
        ),
        hit(
            "local/harbour.txt",
            "Harbour dredging resumes",
            HitPart::Section(2),
            "3 What the Divers Found",
        ),
        hit(
            "local/harbour.txt",
            "Harbour dredging resumes",
            HitPart::Faq,
            "FAQ",
        ),
    ]
}

#[test]
fn snapshots_of_the_library() {
    for (width, height) in SIZES {
        let app = library_app(width, height);
        insta::assert_snapshot!(format!("library_{width}x{height}"), draw(&app).backend());
        let mut app = library_app(width, height);
        app.update(Action::ListFilter);
        for c in "har".chars() {
            app.update(Action::PromptInput(c));
        }
        insta::assert_snapshot!(
            format!("library_filter_{width}x{height}"),
            draw(&app).backend()
        );
        let mut app = library_app(width, height);
        app.update(Action::SearchAll);
        for c in "coral".chars() {
            app.update(Action::PromptInput(c));
        }
        app.update(Action::PromptSubmit);
        app.search_results("coral".to_owned(), library_hits(), 23_167);
        app.update(Action::ListDown);
        insta::assert_snapshot!(
            format!("library_search_{width}x{height}"),
            draw(&app).backend()
        );
        let mut app = library_app(width, height);
        app.update(Action::ToggleHelp);
        insta::assert_snapshot!(
            format!("library_help_{width}x{height}"),
            draw(&app).backend()
        );
    }
}

/// A search answered while the index is being built says how much of it was there; the
/// status bar says how far indexing has got.
#[test]
fn a_search_during_indexing_says_its_results_are_partial() {
    use lede::library::ScanEvent;
    let indexing = ScanEvent::Indexed {
        done: 48_210,
        total: 100_000,
    };
    let mut app = library_app_until(100, 16, indexing);
    app.update(Action::SearchAll);
    for c in "coral".chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptSubmit);
    app.search_results("coral".to_owned(), library_hits(), 23_167);
    insta::assert_snapshot!("library_search_partial_100x16", draw(&app).backend());
}

/// Metadata is never drawn in palette grey alone: on Solarized Dark that grey is the background.
#[test]
fn library_metadata_is_never_palette_grey_alone() {
    for (width, height) in SIZES {
        let app = library_app(width, height);
        let terminal = draw(&app);
        let buf = terminal.backend().buffer();
        // the list's rows, above the status bar (whose background is the theme's own)
        for y in 0..height - 1 {
            for x in 0..width {
                let cell = &buf[(x, y)];
                let grey = matches!(cell.fg, Color::DarkGray | Color::Indexed(8));
                assert!(
                    !grey || !cell.modifier.is_empty() || cell.bg != Color::Reset,
                    "{width}x{height}: cell ({x},{y}) {:?} is grey alone",
                    cell.symbol()
                );
            }
        }
    }
}
