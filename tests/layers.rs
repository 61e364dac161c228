//! The reader's layers without a terminal: what opens over what, what `q` and `Esc` close, what
//! falls through to the layer below, and that the layer underneath is left as it was.

use lede::article::{load_bytes, Loaded, Source};
use lede::library::scan::Target;
use lede::library::{FoundFile, Info, ScanEvent, Summary};
use lede::tui::action::Action;
use lede::tui::app::App;
use lede::tui::help;
use lede::tui::layer::Kind;
use lede::tui::memory::{AfterLoad, Listed, Reply, Request};
use lede::tui::reading::Reading;
use lede::tui::state::Running;

const SAMPLE: &str = "000_addf95f289c0a8cc.txt";

fn sample() -> Loaded {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets")
            .join(SAMPLE),
    )
    .expect("sample article");
    load_bytes(Source::Bundled(SAMPLE.to_owned()), &bytes).expect("sample loads")
}

/// A library of two files, listed and summarised as a scan would.
fn library() -> App {
    let file = |rel: &str| FoundFile {
        source: Source::File(format!("/news/{rel}").into()),
        rel: rel.to_owned(),
        size: 1000,
        modified: 1_000_000_000,
    };
    let files = vec![file("a.txt"), file("b.txt")];
    let mut app = App::with_library(Target::Files(files.clone()), 100, 30);
    app.scan_event(ScanEvent::Listed(files));
    let summary = |title: &str| {
        Info::Article(Summary {
            title: title.to_owned(),
            fingerprint: format!("fp-{title}"),
            content_hash: format!("hash-{title}"),
            sections: 5,
            words: 1200,
        })
    };
    app.scan_event(ScanEvent::Summaries(vec![
        (0, summary("First")),
        (1, summary("Second")),
    ]));
    app.scan_event(ScanEvent::Finished);
    app.ctx.outbox.clear();
    app
}

fn kinds(app: &App) -> Vec<Kind> {
    app.stack.iter().map(|l| l.kind()).collect()
}

#[test]
fn the_bookmarks_list_opens_over_an_article_and_q_closes_it_leaving_the_place() {
    let mut app = App::new(vec![sample()], 100, 30);
    for _ in 0..7 {
        app.update(Action::LineDown);
    }
    app.update(Action::NextSection);
    let top = app.reading().top;
    let spot = app.reading().spot();
    assert!(top > 0, "the reader moved into the article");

    app.update(Action::OpenBookmarks);
    assert_eq!(kinds(&app), [Kind::Article, Kind::Bookmarks]);
    assert!(
        app.ctx.outbox.iter().any(|r| matches!(r, Request::ListAll)),
        "the list asks the store for every bookmark"
    );
    app.apply(Reply::All(Vec::<Listed>::new()));
    // the list's keys move the list, not the article under it
    app.update(Action::ListDown);
    app.update(Action::ListBottom);
    assert_eq!(app.reading().top, top);

    app.update(Action::Quit);
    assert_eq!(kinds(&app), [Kind::Article]);
    assert_eq!(app.ctx.running, Running::Yes, "q closed the list only");
    assert_eq!(app.reading().top, top, "the article is where it was left");
    assert_eq!(app.reading().spot(), spot);

    // at the bottom of the stack q quits
    app.update(Action::Quit);
    assert_eq!(app.ctx.running, Running::Quit);
}

#[test]
fn esc_closes_the_top_layer_and_an_action_not_taken_falls_below() {
    let mut app = App::new(vec![sample()], 100, 30);
    app.update(Action::ToggleHelp);
    assert_eq!(kinds(&app), [Kind::Article, Kind::Help]);
    // the movement keys scroll the help, not the article
    app.update(Action::PageDown);
    assert_eq!(app.reading().top, 0);
    assert!(app.help().unwrap().top > 0, "the help scrolled");
    app.update(Action::Back);
    assert_eq!(kinds(&app), [Kind::Article]);

    // the bookmarks list does not take `=`: the article under it answers
    app.update(Action::OpenBookmarks);
    app.update(Action::FileInfo);
    let notice = app.ctx.notice.clone().unwrap_or_default();
    assert!(
        notice.contains(SAMPLE) && notice.contains("words"),
        "the article below said what it is: {notice}"
    );
    app.update(Action::Back);
    assert_eq!(kinds(&app), [Kind::Article]);
    // Esc at the bottom has nothing to close and does not quit
    app.update(Action::Back);
    assert_eq!(kinds(&app), [Kind::Article]);
    assert_eq!(app.ctx.running, Running::Yes);
}

#[test]
fn an_article_opens_over_the_library_and_q_goes_back_to_it_saving_the_place() {
    let mut app = library();
    app.update(Action::ListDown);
    app.update(Action::ListOpen);
    assert!(
        app.ctx
            .outbox
            .iter()
            .any(|r| matches!(r, Request::Load { hint, .. } if hint.ends_with("b.txt"))),
        "Enter asks the store to load the selected file: {:?}",
        app.ctx.outbox
    );
    app.ctx.outbox.clear();
    let reading = Reading::new(sample());
    app.apply(Reply::Loaded {
        reading: Box::new(reading),
        then: AfterLoad::Resume,
    });
    assert_eq!(kinds(&app), [Kind::Library, Kind::Article]);
    // the store said where the reader left off: nothing saved waits on it then
    let fingerprint = app.reading().memory.fingerprint().to_owned();
    app.apply(Reply::Opened {
        fingerprint,
        record: None,
        bookmarks: Vec::new(),
        highlights: Vec::new(),
    });
    app.update(Action::PageDown);
    app.ctx.outbox.clear();

    app.update(Action::Quit);
    assert_eq!(kinds(&app), [Kind::Library]);
    assert_eq!(app.ctx.running, Running::Yes);
    assert!(
        app.ctx
            .outbox
            .iter()
            .any(|r| matches!(r, Request::Position { .. })),
        "the place read is saved as the article closes: {:?}",
        app.ctx.outbox
    );
    assert!(
        app.ctx.outbox.iter().any(|r| matches!(r, Request::Marks)),
        "the library asks again for read marks"
    );
    assert_eq!(
        app.library().unwrap().selected,
        1,
        "the list is back at the row opened"
    );
}

#[test]
fn a_filter_typed_in_a_prompt_applies_to_the_library_below_as_it_is_typed() {
    let mut app = library();
    app.update(Action::ListFilter);
    assert_eq!(kinds(&app), [Kind::Library, Kind::Prompt]);
    for c in "sec".chars() {
        app.update(Action::PromptInput(c));
    }
    let library = app.library().unwrap();
    assert_eq!(library.filter.text, "sec");
    assert_eq!(library.visible.len(), 1, "only Second passes");
    app.update(Action::Back);
    assert_eq!(kinds(&app), [Kind::Library]);
    assert_eq!(app.library().unwrap().visible.len(), 2, "Esc cleared it");
}

#[test]
fn the_help_opens_on_the_keys_of_the_layer_it_opened_over() {
    let mut app = library();
    app.update(Action::ToggleHelp);
    let of = app.help().expect("the help is open").of;
    assert_eq!(of, Kind::Library);
    let rows = help::rows(&app.ctx.keys, of);
    assert_eq!(rows[0].1, "next article", "the library's own keys first");
    let everywhere = rows.iter().position(|r| r.1 == "On every screen:");
    assert!(
        everywhere.is_some_and(|i| i > 10),
        "then the keys of every screen"
    );
    app.update(Action::ToggleHelp);

    app.update(Action::OpenBookmarks);
    app.update(Action::ToggleHelp);
    let of = app.help().unwrap().of;
    assert_eq!(of, Kind::Bookmarks);
    let rows = help::rows(&app.ctx.keys, of);
    assert_eq!(rows[0].1, "next bookmark", "the list's own keys first");
    assert!(rows.iter().any(|r| r.1 == "delete the bookmark"));

    let mut reader = App::new(vec![sample()], 100, 30);
    reader.update(Action::ToggleHelp);
    let rows = help::rows(&reader.ctx.keys, reader.help().unwrap().of);
    assert_eq!(
        rows[0].1, "scroll down a line",
        "the reader's keys over an article"
    );
}

/// The first screen row as drawn: the library's heading.
fn heading(app: &App) -> String {
    let size = app.ctx.size;
    let backend = ratatui::backend::TestBackend::new(size.width, size.height);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal
        .draw(|frame| lede::tui::view::render(app, frame))
        .unwrap();
    let buffer = terminal.backend().buffer();
    (0..size.width).map(|x| buffer[(x, 0)].symbol()).collect()
}

/// The filter jobs the library handed to the loop for its worker.
fn filter_jobs(app: &mut App) -> Vec<lede::tui::library::filter::Job> {
    let effects = std::mem::take(&mut app.ctx.effects);
    effects
        .into_iter()
        .filter_map(|e| match e {
            lede::tui::app::Effect::Filter(job) => Some(job),
            _ => None,
        })
        .collect()
}

/// The worker's answer to `job`, as the loop's channel brings it.
fn answer(app: &mut App, job: &lede::tui::library::filter::Job) {
    app.apply(Reply::Filtered {
        generation: job.generation,
        rows: job.run(),
    });
}

/// A library as big as the worker's threshold: its filter goes to the worker.
fn big_library() -> App {
    let mut app = library();
    app.library_mut().unwrap().worker_from = 2;
    app
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(Action::PromptInput(c));
    }
}

#[test]
fn a_big_librarys_filter_shows_the_typed_text_at_once_and_the_workers_rows_when_they_come() {
    let mut app = big_library();
    let before = app.library().unwrap().visible.clone();
    app.update(Action::ListFilter);
    typed(&mut app, "s");
    let first = filter_jobs(&mut app);
    assert_eq!(first.len(), 1, "one keystroke, one job");
    let rows = &app.library().unwrap().visible;
    assert_eq!(*rows, before, "the rows before, until the worker's come");
    assert!(
        heading(&app).contains("filtering \"s\"…"),
        "{}",
        heading(&app)
    );

    typed(&mut app, "e");
    let second = filter_jobs(&mut app);
    assert_eq!(second.len(), 1);
    assert!(second[0].generation > first[0].generation);
    // the first keystroke's rows come after the second was typed: they are dropped
    answer(&mut app, &first[0]);
    assert_eq!(app.library().unwrap().visible, before);
    assert!(heading(&app).contains("filtering \"se\"…"));
    answer(&mut app, &second[0]);
    assert!(filter_jobs(&mut app).is_empty(), "nothing more to match");

    // the rows are the synchronous filter's, to the row
    let mut here = library();
    here.update(Action::ListFilter);
    typed(&mut here, "se");
    assert!(
        filter_jobs(&mut here).is_empty(),
        "a small library filters at once"
    );
    let (worker, at_once) = (app.library().unwrap(), here.library().unwrap());
    assert_eq!(worker.visible, at_once.visible);
    assert_eq!(worker.visible.len(), 1, "only Second passes");
    assert_eq!(worker.selected, at_once.selected);
    assert!(
        heading(&app).contains("1 match \"se\""),
        "{}",
        heading(&app)
    );

    // an empty filter needs no worker
    app.update(Action::Back);
    assert!(filter_jobs(&mut app).is_empty());
    assert_eq!(app.library().unwrap().visible, before);
}

#[test]
fn summaries_that_come_while_the_worker_matches_are_matched_again_when_it_answers() {
    let mut app = big_library();
    app.update(Action::ListFilter);
    typed(&mut app, "se");
    let out = filter_jobs(&mut app);
    assert_eq!(out.len(), 2, "a job a keystroke");
    let out = out.last().unwrap();
    // a rescan's summary retitles the first file while the worker has the old titles
    let retitled = Info::Article(Summary {
        title: "Seagrass".to_owned(),
        fingerprint: "fp-Seagrass".to_owned(),
        content_hash: "hash-Seagrass".to_owned(),
        sections: 2,
        words: 300,
    });
    app.scan_event(ScanEvent::Summaries(vec![(0, retitled)]));
    assert!(
        filter_jobs(&mut app).is_empty(),
        "no second job while the first is out: it would never catch up with a fast scan"
    );
    answer(&mut app, out);
    let titles = |app: &App| -> Vec<String> {
        let library = app.library().unwrap();
        let rows = library.visible.iter();
        rows.map(|&e| library.entries[e].title().to_owned())
            .collect()
    };
    assert_eq!(
        titles(&app),
        ["Second"],
        "the first job's rows are shown meanwhile"
    );
    let again = filter_jobs(&mut app);
    assert_eq!(
        again.len(),
        1,
        "the filter runs again over what is known now"
    );
    answer(&mut app, &again[0]);
    assert_eq!(titles(&app), ["Seagrass", "Second"]);
    assert_eq!(
        app.library().unwrap().matching,
        lede::tui::library::Matching::Settled
    );
}
