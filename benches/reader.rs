//! `cargo bench --bench reader`: decode, parse, open, layout, frame and search timings on one
//! synthetic article at three sizes (about 10 KB, 1 MB and 40 MB), then the reader's keys on
//! the largest, a real 9 kB sample, and the library's filter.
//!
//! A plain harness (no framework) keeps the dependency tree lean; each figure is the median of
//! several runs. Every figure's name ends with the size it was measured at, so
//! `cargo bench --bench reader -- 1MB` runs one size and `-- parse` one operation.

#[path = "common/timing.rs"]
mod timing;
use timing::{time, time_with, wanted};

use lede::article::decode::decode;
use lede::article::layout::Layout;
use lede::article::parse::parse_borrowed;
use lede::article::{open_bytes, parse, search, Opened, Source};
use lede::tui::action::Action;
use lede::tui::app::App;
use lede::tui::search::Search;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

#[path = "../examples/gen_article.rs"]
mod gen_article;

/// One size of the synthetic article (see examples/gen_article.rs: about 2 KB a section).
struct Size {
    label: &'static str,
    sections: usize,
    /// Runs of a figure that grows with the article (decode, parse, full layout, search).
    linear_runs: usize,
    /// Runs of a figure meant to cost the same at any size (first screen, frame).
    screen_runs: usize,
}

const SIZES: [Size; 3] = [
    Size {
        label: "10KB",
        sections: 5,
        linear_runs: 1001,
        screen_runs: 1001,
    },
    Size {
        label: "1MB",
        sections: 500,
        linear_runs: 101,
        screen_runs: 501,
    },
    Size {
        label: "40MB",
        sections: 20_000,
        linear_runs: 11,
        screen_runs: 201,
    },
];

/// The size the reader's keys are timed at.
const LARGEST: &Size = &SIZES[2];

/// The figures measured at every size, named for one.
fn figures(label: &str) -> [String; 8] {
    [
        format!("decode {label}"),
        format!("parse {label}"),
        format!("parse owned {label}"),
        format!("open {label}"),
        format!("layout first screen {label}"),
        format!("layout full {label}"),
        format!("frame 120x40 {label}"),
        format!("search {label}"),
    ]
}

/// The figures timed on the largest article's reader.
const KEYS: [&str; 5] = [
    "frame after page down 120x40 (40MB)",
    "jump to section 9 (40MB)",
    "next section ] (40MB)",
    "resize 120 -> 100 -> 120 (40MB)",
    "search next n (40MB)",
];

fn main() {
    let mut largest = None;
    for size in &SIZES {
        if figures(size.label).iter().any(|name| wanted(name)) {
            let app = at_size(size);
            if std::ptr::eq(size, LARGEST) {
                largest = Some(app);
            }
        }
    }
    if KEYS.iter().any(|name| wanted(name)) {
        let app = largest.unwrap_or_else(|| {
            let (bytes, _) = article(LARGEST);
            App::new(vec![opened(bytes)], 120, 40)
        });
        keys(app);
    }

    let small = include_str!("../assets/000_addf95f289c0a8cc.txt");
    time("parse the 9 kB sample", 1001, || parse_borrowed(small));
    time("parse owned the 9 kB sample", 1001, || parse(small));

    library_filter(10_000);
    library_filter(100_000);
    library_scan_reports();
    library_results();
}

/// The synthetic article at `size`, as bytes, and its text.
fn article(size: &Size) -> (Vec<u8>, String) {
    let text = gen_article::big_article(size.sections);
    println!(
        "article {}: {} bytes, {} sections",
        size.label,
        text.len(),
        size.sections
    );
    (text.clone().into_bytes(), text)
}

/// The article as the reader opens it.
fn opened(bytes: Vec<u8>) -> Opened {
    open_bytes(Source::Stdin, bytes).expect("the bench article opens")
}

/// Times every figure at one size; returns the reader over the article, on its first screen.
fn at_size(size: &Size) -> App {
    let [decoding, parsing, parsing_owned, opening, first_screen, full, frame, searching] =
        figures(size.label);
    let (linear, screen) = (size.linear_runs, size.screen_runs);
    let (bytes, text) = article(size);

    time_with(
        &decoding,
        linear,
        || bytes.clone(),
        |b| decode(b).map(|d| d.text),
    );
    time_with(&parsing, linear, || (), |()| parse_borrowed(&text));
    time_with(&parsing_owned, linear, || (), |()| parse(&text));
    time_with(&opening, linear, || bytes.clone(), opened);

    let opened = opened(bytes);
    let doc = &opened.doc;
    time_with(
        &first_screen,
        screen,
        || (),
        |()| Layout::window(doc, 80, 0, 40),
    );
    time_with(&full, linear, || (), |()| Layout::new(doc, 80));
    time_with(
        &searching,
        linear,
        || (),
        |()| search::find(doc, "ceasefire"),
    );

    let app = App::new(vec![opened], 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    time(&frame, screen, || {
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
    app
}

/// The reader's keys on the largest article, each to its new state (and a frame for the first).
fn keys(mut app: App) {
    let [page_down, jump, next_section, resize, search_next] = KEYS;
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    time(page_down, 501, || {
        app.update(Action::PageDown);
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
    time(jump, 1001, || app.update(Action::JumpToSection(9)));
    time(next_section, 1001, || app.update(Action::NextSection));
    // an article this big gets a screen's worth at the new width at once, the rest is
    // wrapped in a thread the loop starts (not started here); going back to the width the
    // layout has drops that screen's worth
    time(resize, 21, || {
        app.update(Action::Resize(100, 40));
        app.update(Action::Resize(120, 40));
    });
    // `/ceasefire` and Enter: one search over the whole article, then `n` steps through
    app.update(Action::SearchStart);
    for c in "ceasefire".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchSubmit);
    let Search::Done { matches, .. } = &app.reading().search else {
        panic!("the search ran");
    };
    assert!(!matches.is_empty(), "the search found the word");
    time(search_next, 1001, || app.update(Action::SearchNext));
}

/// A library of `rows` generated files: seven topics, titles that mix them.
fn library_rows(
    rows: usize,
) -> (
    Vec<lede::library::FoundFile>,
    Vec<(usize, lede::library::Info)>,
) {
    use lede::library::{FoundFile, Info, Summary};
    let words = [
        "reef",
        "harbour",
        "ceasefire",
        "probe",
        "market",
        "election",
        "storm",
    ];
    let files: Vec<FoundFile> = (0..rows)
        .map(|i| FoundFile {
            source: Source::File(format!("/lib/{}/{i:05}.txt", words[i % 7]).into()),
            rel: format!("{}/{i:05}.txt", words[i % 7]),
            size: 9_000,
            modified: i as i64 * 1_000_000_000,
        })
        .collect();
    let summaries: Vec<(usize, Info)> = (0..rows)
        .map(|i| {
            let title = format!(
                "The {} report number {i} on the {} and the {}",
                words[i % 7],
                words[(i / 7) % 7],
                words[(i / 49) % 7]
            );
            let summary = Summary {
                title,
                fingerprint: format!("{i:016x}"),
                content_hash: format!("{i:016x}"),
                sections: 5,
                words: 1_200 + i % 500,
            };
            (i, Info::Article(summary))
        })
        .collect();
    (files, summaries)
}

fn empty_library() -> App {
    App::with_library(lede::library::scan::Target::Files(Vec::new()), 120, 40)
}

/// A keystroke in the library's filter at `rows` rows, to the next frame; and to the frame
/// with the filter's rows, which a big library's worker works out meanwhile (here on the
/// same thread, so the figure is the whole of the work).
fn library_filter(rows: usize) {
    use lede::library::ScanEvent;
    use lede::tui::app::Effect;
    use lede::tui::memory::Reply;
    let at = lede::warnings::grouped(rows);
    let first = format!("library filter first keystroke + frame, {at} rows");
    let frame = format!("library filter keystroke + frame, {at} rows");
    let matched = format!("library filter keystroke to its rows + frame, {at} rows");
    if ![&first, &frame, &matched].iter().any(|n| wanted(n)) {
        return;
    }
    let (files, summaries) = library_rows(rows);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    // the first keystroke of a session builds what the filter matches
    time_with(
        &first,
        11,
        || {
            let mut app = empty_library();
            app.scan_event(ScanEvent::Listed(files.clone()));
            app.scan_event(ScanEvent::Summaries(summaries.clone()));
            app.update(Action::ListFilter);
            app
        },
        |mut app| {
            app.update(Action::PromptInput('r'));
            let drawn = terminal
                .draw(|f| lede::tui::view::render(&app, f))
                .map(|_| ());
            // the library is dropped after the clock stops
            (app, drawn)
        },
    );
    let mut app = empty_library();
    app.scan_event(ScanEvent::Listed(files));
    app.scan_event(ScanEvent::Summaries(summaries));
    app.update(Action::ListFilter);
    let mut typed = 0;
    // type "reef", then take it back, over and over: each run is one keystroke
    let mut keystroke = move |app: &mut App| {
        let action = if typed % 8 < 4 {
            Action::PromptInput(['r', 'e', 'e', 'f'][typed % 4])
        } else {
            Action::PromptBackspace
        };
        typed += 1;
        app.update(action);
        std::mem::take(&mut app.ctx.effects)
    };
    time(&frame, 40, || {
        keystroke(&mut app);
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
    time(&matched, 40, || {
        for effect in keystroke(&mut app) {
            if let Effect::Filter(job) = effect {
                let rows = job.run();
                let generation = job.generation;
                app.apply(Reply::Filtered { generation, rows });
            }
        }
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
}

/// The scan's reports at 100,000 files: the listing, then one batch of 64 summaries (as a
/// cold start sends 1,563 of them), each to the next frame.
fn library_scan_reports() {
    use lede::library::ScanEvent;
    use lede::tui::memory::Reply;
    const LISTED: &str = "library listed + frame, 100,000 rows";
    const BY_DATE: &str = "library summary batch + frame by date, 100,000 rows";
    const BY_TITLE: &str = "library summary batch + frame by title, 100,000 rows";
    if ![LISTED, BY_DATE, BY_TITLE].iter().any(|n| wanted(n)) {
        return;
    }
    let (files, summaries) = library_rows(100_000);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    time_with(
        LISTED,
        11,
        || (empty_library(), files.clone()),
        |(mut app, files)| {
            app.apply(Reply::Scan(ScanEvent::Listed(files)));
            terminal
                .draw(|f| lede::tui::view::render(&app, f))
                .map(|_| ())
        },
    );
    for (name, sort_key) in [(BY_DATE, false), (BY_TITLE, true)] {
        let mut app = empty_library();
        app.apply(Reply::Scan(ScanEvent::Listed(files.clone())));
        if sort_key {
            app.update(Action::CycleSort);
        }
        let mut batches = summaries.chunks(64).map(<[_]>::to_vec);
        time(name, 101, || {
            let batch = batches.next().expect("batches enough");
            app.apply(Reply::Scan(ScanEvent::Summaries(batch)));
            terminal
                .draw(|f| lede::tui::view::render(&app, f))
                .map(|_| ())
        });
    }
}

/// A frame of full-text search results over 100,000 rows: each article's path is named.
fn library_results() {
    use lede::library::{Hit, HitPart, ScanEvent};
    const NAME: &str = "library search results frame, 100,000 rows";
    if !wanted(NAME) {
        return;
    }
    let (files, summaries) = library_rows(100_000);
    // hits in the files listed last: a search for their paths goes through the whole list
    let hits: Vec<Hit> = files[99_900..]
        .iter()
        .map(|file| Hit {
            key: file.key(),
            title: file.rel.clone(),
            part: HitPart::Title,
            label: "Title".to_owned(),
            snippet: "the reef".to_owned(),
            rank: 0.0,
        })
        .collect();
    let mut app = empty_library();
    app.scan_event(ScanEvent::Listed(files));
    app.scan_event(ScanEvent::Summaries(summaries));
    app.update(Action::SearchAll);
    for c in "reef".chars() {
        app.update(Action::PromptInput(c));
    }
    app.update(Action::PromptSubmit);
    app.search_results("reef".to_owned(), hits, 100);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    time(NAME, 21, || {
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
}
