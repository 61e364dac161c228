//! `cargo bench`: parse, layout, search and frame-render timings on a large article.
//!
//! A plain harness (no framework) keeps the dependency tree lean; each figure is the
//! median of several runs.

#[path = "common/timing.rs"]
mod timing;
use timing::time;

use lede::article::document::Document;
use lede::article::layout::Layout;
use lede::article::{load_bytes, parse, search, Source};
use lede::tui::action::Action;
use lede::tui::app::App;
use ratatui::backend::TestBackend;
use ratatui::Terminal;

const SECTIONS: usize = 20_000;

#[path = "../examples/gen_article.rs"]
mod gen_article;

/// The synthetic article of about 40 MB (see examples/gen_article.rs).
fn big_article() -> String {
    gen_article::big_article(SECTIONS)
}

fn main() {
    let text = big_article();
    println!(
        "article: {:.1} MB, {SECTIONS} sections",
        text.len() as f64 / 1e6
    );
    time("parse 40 MB", 3, || parse(&text));
    time("load_bytes (decode+sanitise+parse) 40 MB", 3, || {
        load_bytes(Source::Stdin, text.as_bytes()).map(|l| l.article.sections.len())
    });
    let article = parse(&text).article;
    let doc = Document::new(&article);
    time("layout at 80 columns", 3, || Layout::new(&doc, 80));
    time("search \"ceasefire\" (all matches)", 3, || {
        search::find(&doc, "ceasefire").len()
    });

    let loaded = load_bytes(Source::Stdin, text.as_bytes()).expect("the bench article loads");
    let mut app = App::new(vec![loaded], 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    time("frame render 120x40", 200, || {
        app.update(Action::PageDown);
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
    time("jump to section 9", 200, || {
        app.update(Action::JumpToSection(9))
    });
    time("next section ]", 200, || app.update(Action::NextSection));
    time("resize (re-wrap whole article)", 3, || {
        app.update(Action::Resize(100, 40));
        app.update(Action::Resize(120, 40));
    });
    // `/ceasefire` and Enter: without `/` the letters were dropped and `n` only said "no search yet"
    app.update(Action::SearchStart);
    for c in "ceasefire".chars() {
        app.update(Action::SearchInput(c));
    }
    app.update(Action::SearchSubmit);
    time("search next n", 200, || app.update(Action::SearchNext));

    let small = include_str!("../assets/000_addf95f289c0a8cc.txt");
    time("parse the 9 kB sample", 200, || parse(small));

    library_filter();
}

/// A keystroke in the library's filter at 10,000 rows, to the next frame.
fn library_filter() {
    use lede::library::{FoundFile, Info, ScanEvent, Summary};
    let words = [
        "reef",
        "harbour",
        "ceasefire",
        "probe",
        "market",
        "election",
        "storm",
    ];
    let files: Vec<FoundFile> = (0..10_000)
        .map(|i| FoundFile {
            source: Source::File(format!("/lib/{}/{i:05}.txt", words[i % 7]).into()),
            rel: format!("{}/{i:05}.txt", words[i % 7]),
            size: 9_000,
            modified: i as i64 * 1_000_000_000,
        })
        .collect();
    let summaries: Vec<(usize, Info)> = (0..10_000)
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
    let mut app = App::with_library(lede::library::scan::Target::Files(Vec::new()), 120, 40);
    app.scan_event(ScanEvent::Listed(files));
    app.scan_event(ScanEvent::Summaries(summaries));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    app.update(Action::ListFilter);
    let mut typed = 0;
    time("library filter keystroke + frame, 10,000 rows", 40, || {
        // type "reef", then take it back, over and over: each run is one keystroke
        let action = if typed % 8 < 4 {
            Action::PromptInput(['r', 'e', 'e', 'f'][typed % 4])
        } else {
            Action::PromptBackspace
        };
        typed += 1;
        app.update(action);
        terminal
            .draw(|f| lede::tui::view::render(&app, f))
            .map(|_| ())
    });
}
