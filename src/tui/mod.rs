//! The reader on a terminal: a thin layer over the article library.

pub mod action;
pub mod app;
pub mod article;
pub mod bookmarks;
pub mod command;
pub mod context;
pub mod draw;
pub mod geometry;
pub mod help;
pub mod input;
pub mod layer;
pub mod library;
pub mod memory;
pub mod pager;
pub mod picker;
pub mod prompt;
pub mod state;
pub mod status;
mod terminal;
pub mod theme;
pub mod view;

pub use article::{brief, count, reading, search};
pub use command as command_line;
pub use command::run as command_run;
pub use input::{bindings, keymap, keys, line_edit, mouse};
use terminal::{background, clipboard, signals};

use crate::article::Opened;
use crate::library::scan::{Scan, Target};
use crate::store::Store;
use action::Action;
use app::{App, Effect};
use memory::{Memory, Reply};
use ratatui::crossterm::event;
use signals::{SignalEvent, Signals, Tty, Watcher};
use state::Running;
use std::io;
use std::time::{Duration, Instant};

/// How long keys typed ahead wait, after the first frame, for the store's answer, so they act
/// at a saved position; a slow store only costs this once.
const FIRST_ANSWER: Duration = Duration::from_millis(150);

/// How often at most the scan's news is worked into the library's rows (a sort of every
/// entry, at a title or length order): its counts are drawn at once, its rows this often.
const SETTLE_EVERY: Duration = Duration::from_millis(100);

/// How long quitting waits for the store to write what waits.
const LAST_WRITE: Duration = Duration::from_secs(2);

/// How the reader ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exit {
    /// Quit; with what the store had to say, for stderr.
    Quit(Vec<String>),
    /// A signal (SIGTERM, SIGHUP, SIGINT) or a hang-up stopped it; the terminal was restored
    /// (if it was still there) and the position saved all the same.
    Signal(i32),
}

/// An article to open: whole, or (a big one) its beginning while the rest is read.
pub enum Opening {
    Whole(Opened),
    /// The first `read` bytes of the file at `source`, of `whole`; the whole is loaded in
    /// the background.
    Head {
        beginning: Opened,
        source: crate::article::Source,
        read: u64,
        whole: u64,
    },
}

/// What the reader opens on.
pub enum Start {
    /// These articles, the first shown (`>`/`<` move between them).
    Articles(Vec<Opening>),
    /// The library screen over folders or files.
    Library(Target),
}

/// How long the terminal has to say what its background is before the first frame.
const BACKGROUND_ANSWER: Duration = Duration::from_millis(200);

/// Whether the terminal is asked for its background: for the `auto` theme, on a terminal that
/// is not `dumb`.
fn asks_background(name: theme::ThemeName) -> bool {
    name == theme::ThemeName::Auto && std::env::var("TERM").is_ok_and(|t| t != "dumb")
}

/// The theme the config asks for, on a terminal of this background (when it said).
fn choose_theme(name: theme::ThemeName, background: Option<theme::Background>) -> theme::Theme {
    let theme = theme::Theme::for_name(name, background.unwrap_or(theme::Background::Dark));
    if theme::no_color_requested() {
        theme.without_colour()
    } else {
        theme
    }
}

/// How articles are loaded, as the global flags say.
#[derive(Debug, Clone, Copy)]
pub struct Loading {
    /// The most a file may hold (`--max-size`).
    pub max_size: u64,
    /// Every warning said, not the first few (`--warnings`).
    pub all_warnings: bool,
}

/// Opens the reader and runs it until the reader quits; `how` bounds what is read.
pub fn run(start: Start, how: Loading, config: &crate::config::Loaded) -> io::Result<Exit> {
    let memory = Memory::start(Store::open_default)?;
    let data_dir = crate::store::data_dir();
    if let Some(folder) = crate::sync::folder::configured(&config.config, data_dir.as_deref()) {
        memory.send(memory::Request::Sync(folder.path));
    }
    // crossterm's event source first: Signals takes SIGWINCH over from it
    event::poll(Duration::ZERO)?;
    let signals = Signals::register()?;
    let tty = Tty::open()?;
    let flusher = memory.flusher();
    let watcher = Watcher::start(tty.fd(), move || {
        memory::flush(&flusher, Duration::from_millis(400));
    })?;
    let mouse = if config.config.mouse {
        terminal::Mouse::ClicksAndWheel
    } else {
        terminal::Mouse::Off
    };
    // the background is asked for at once; its answer travels while the screen is set up
    let mut asked = false;
    let mut session = terminal::Session::start(mouse, || {
        asked = asks_background(config.config.theme) && background::ask().is_ok();
    })?;
    let size = session.terminal.size()?;
    let mut app = match start {
        Start::Articles(openings) => {
            let mut pending = Vec::new();
            let mut articles = Vec::new();
            for (i, opening) in openings.into_iter().enumerate() {
                match opening {
                    Opening::Whole(loaded) => articles.push(loaded),
                    Opening::Head {
                        beginning,
                        source,
                        read,
                        whole,
                    } => {
                        articles.push(beginning);
                        pending.push((i, source, reading::Completeness::Head { read, whole }));
                    }
                }
            }
            let mut readings: Vec<reading::Reading> =
                articles.into_iter().map(reading::Reading::new).collect();
            for &(i, _, completeness) in &pending {
                readings[i].completeness = completeness;
            }
            let app = App::with_readings(readings, size.width, size.height);
            for (_, source, _) in pending {
                load_whole(source, how, usize::from(app.areas().text.width), &memory)?;
            }
            app
        }
        Start::Library(target) => App::with_library(target, size.width, size.height),
    };
    // the library's folders, or the folders of the files open, watched for changes
    let _watch = start_watch(&app, config.config.watch, &memory);
    let sidebar = match config.config.sidebar {
        crate::config::SidebarSetting::Auto => state::SidebarMode::Auto,
        crate::config::SidebarSetting::Open => state::SidebarMode::Shown,
        crate::config::SidebarSetting::Closed => state::SidebarMode::Hidden,
    };
    let mut scans = Scans {
        max_size: how.max_size,
        current: None,
        filter: None,
    };
    // the store and a scan get going while the terminal is asked for its background
    send_requests(&mut app, &memory, &mut scans);
    let background = asked
        .then(|| background::answer(tty.fd(), BACKGROUND_ANSWER))
        .flatten();
    let theme = choose_theme(config.config.theme, background);
    app.ctx.background = background;
    app.configure(config.config.width, sidebar, theme);
    app.ctx.notice.clone_from(&config.problem);
    app.ctx.config_searches = config
        .config
        .searches
        .iter()
        .map(|(n, q)| (n.clone(), q.clone()))
        .collect();
    app.ctx.searches.clone_from(&app.ctx.config_searches);
    let (keys, problems) = bindings::Bindings::from_config(config);
    app.ctx.keys = keys;
    for problem in problems {
        app.ctx.notice.get_or_insert_with(|| problem.clone());
        app.ctx.store_notices.push(problem);
    }
    send_requests(&mut app, &memory, &mut scans);
    let exit = run_loop(&mut app, &mut session, &signals, &tty, &memory, &mut scans);
    if let Some(scan) = scans.current.take() {
        scan.cancel();
    }
    // leaving saves the place, whatever ended the loop; digits still waiting were a jump
    app.clear_count();
    send_requests(&mut app, &memory, &mut scans);
    memory.finish(LAST_WRITE);
    watcher.finished();
    drop(session);
    exit.map(|exit| match exit {
        Exit::Quit(_) => Exit::Quit(app.ctx.store_notices),
        signal => signal,
    })
}

/// Watches what the reader shows: the library's folders, else the folders of the files open.
fn start_watch(
    app: &App,
    setting: crate::config::WatchSetting,
    memory: &Memory,
) -> Option<crate::library::watch::Watch> {
    use crate::config::WatchSetting;
    use crate::library::watch::{Mode, Watch, Watched};
    let mode = match setting {
        WatchSetting::Off => return None,
        WatchSetting::On => Mode::Events,
        WatchSetting::Poll => Mode::Poll,
    };
    let watched: Vec<Watched> = match app.library().map(|l| &l.target) {
        Some(Target::Roots(roots)) => roots.iter().cloned().map(Watched::Tree).collect(),
        Some(Target::Files(files)) => files
            .iter()
            .filter_map(|f| match &f.source {
                crate::article::Source::File(path) => path.parent(),
                _ => None,
            })
            .map(|p| match p.as_os_str().is_empty() {
                true => Watched::Folder(std::path::PathBuf::from(".")),
                false => Watched::Folder(p.to_path_buf()),
            })
            .collect(),
        None => app
            .article()
            .into_iter()
            .flat_map(|a| a.readings.iter())
            .filter_map(|r| r.memory.seen.path.as_deref())
            .filter(|p| !p.starts_with("bundled:"))
            .filter_map(|p| {
                std::path::Path::new(p)
                    .parent()
                    .map(|d| Watched::Folder(d.to_path_buf()))
            })
            .collect(),
    };
    let mut watched = watched;
    watched.dedup();
    if watched.is_empty() {
        return None;
    }
    let reply = memory.replier().ok()?;
    // lede.db inside a library folder (a library of ~) must not wake the library at each write
    let ignored: Vec<std::path::PathBuf> = crate::store::data_dir()
        .into_iter()
        .flat_map(|d| [std::fs::canonicalize(&d).unwrap_or(d.clone()), d])
        .collect();
    Watch::start_soon(&watched, mode, ignored, move |event| {
        reply(Reply::Watched(event))
    })
}

/// Reads the whole of a big article in a thread of its own and lays it out at `width`; the
/// loop swaps it in for the beginning shown meanwhile. Its warnings are said when the reader
/// quits, as those of an article read at once are said before it starts.
fn load_whole(
    source: crate::article::Source,
    how: Loading,
    width: usize,
    memory: &Memory,
) -> io::Result<()> {
    let reply = memory.replier()?;
    std::thread::Builder::new()
        .name("lede-load".to_owned())
        .spawn(
            move || match crate::article::open_limited(&source, how.max_size) {
                Ok(loaded) => {
                    // what the parse freed goes back before the layout takes more
                    crate::heap::give_back();
                    let warnings =
                        crate::warnings::lines(&source.name(), &loaded.warnings, how.all_warnings);
                    let mut whole = reading::Reading::new(loaded);
                    whole.relayout(width);
                    reply(Reply::Whole {
                        reading: Box::new(whole),
                        warnings,
                    });
                }
                Err(e) => reply(Reply::Notice(format!("only the beginning is shown: {e}"))),
            },
        )?;
    Ok(())
}

/// Applies the store's first answers (the current article's position), waiting a moment;
/// whether any came.
fn first_answer(app: &mut App, memory: &Memory) -> bool {
    let deadline = Instant::now() + FIRST_ANSWER;
    // a beginning asks nothing of the store (its whole will): nothing to wait for
    let Some(reading) = app
        .article()
        .map(|a| a.reading())
        .filter(|r| r.completeness == reading::Completeness::Whole)
    else {
        return false;
    };
    let fingerprint = reading.memory.fingerprint().to_owned();
    let mut any = false;
    while let Some(reply) = memory.wait_reply(deadline.saturating_duration_since(Instant::now())) {
        let current = matches!(&reply, Reply::Opened { fingerprint: f, .. } if *f == fingerprint);
        app.apply(reply);
        any = true;
        if current {
            break;
        }
    }
    any
}

/// How long digits wait for a key that takes a count (`5j`) before they are only a jump.
const COUNT_WAIT: Duration = Duration::from_millis(1000);

fn run_loop(
    app: &mut App,
    session: &mut terminal::Session,
    signals: &Signals,
    tty: &Tty,
    memory: &Memory,
    scans: &mut Scans,
) -> io::Result<Exit> {
    let mut dirty = true;
    let mut first_frame = true;
    let mut counted_at = Instant::now();
    // the scan's first news is worked out at once: it is the first rows on screen
    let mut settled_at = Instant::now()
        .checked_sub(SETTLE_EVERY)
        .unwrap_or_else(Instant::now);
    while app.ctx.running == Running::Yes {
        // a resize that arrived together with a key can be lost by the event queue;
        // the terminal's own size is the truth
        let size = session.terminal.size()?;
        if (size.width, size.height) != (app.ctx.size.width, app.ctx.size.height) {
            // a big article is re-wrapped elsewhere: this frame shows a screen's worth at once
            app.update(Action::Resize(size.width, size.height));
            dirty = true;
        }
        if dirty {
            if app.unsettled() && settled_at.elapsed() >= SETTLE_EVERY {
                app.settle();
                settled_at = Instant::now();
            }
            session.terminal.draw(|frame| view::render(app, frame))?;
            dirty = false;
        }
        // the first frame never waits for the store (an article's beginning is right for
        // most); keys typed ahead wait a moment more for where the reader left off, so they
        // act there
        if std::mem::take(&mut first_frame) && first_answer(app, memory) {
            dirty = true;
            continue;
        }
        // wait on our own poll first: on a dead tty crossterm's reader spins (its issue 793),
        // so it is only asked for events when the terminal has input and has not hung up;
        // every event it read is taken below, so none waits in its queue meanwhile
        // digits count for the key after them only while that key follows soon: a digit
        // read, then another key a moment later, is a jump and then that key alone
        let counting = app.count().map(|_| counted_at.elapsed());
        let timeout = counting.map(|age| COUNT_WAIT.saturating_sub(age));
        // rows left to work out bring the loop back when they are due, news or not
        let settling = app
            .unsettled()
            .then(|| SETTLE_EVERY.saturating_sub(settled_at.elapsed()));
        let timeout = match (timeout, settling) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let ready = signals::wait(tty.fd(), signals.fd(), memory.wake_fd(), timeout)?;
        if counting.is_some() && counted_at.elapsed() >= COUNT_WAIT {
            app.clear_count();
            dirty = true;
        }
        if app.unsettled() && settled_at.elapsed() >= SETTLE_EVERY {
            dirty = true;
        }
        if ready.hangup {
            return Ok(Exit::Signal(signal_hook::consts::SIGHUP));
        }
        if ready.signal {
            for signal in signals.take() {
                match signal {
                    SignalEvent::Stop(signal) => return Ok(Exit::Signal(signal)),
                    SignalEvent::Suspend => {
                        app.clear_count();
                        send_requests(app, memory, scans);
                        memory::flush(&memory.flusher(), Duration::from_millis(500));
                        session.suspend()?;
                    }
                    SignalEvent::Continue | SignalEvent::Resize => {}
                }
                dirty = true;
            }
        }
        if ready.store {
            // everything that came in, then the rows worked out once for the frame
            let replies = memory.replies();
            let whole = replies.iter().any(|r| matches!(r, Reply::Whole { .. }));
            app.apply_all(replies);
            if whole {
                // the beginning shown meanwhile is gone: its memory goes back
                crate::heap::give_back();
            }
            dirty = true;
        }
        if ready.input && !ready.hangup {
            // take every waiting event before drawing again, so held keys never lag
            loop {
                // the terminal may have gone since: never hand crossterm a dead tty
                let now = signals::wait(
                    tty.fd(),
                    signals.fd(),
                    memory.wake_fd(),
                    Some(Duration::ZERO),
                )?;
                if now.hangup {
                    return Ok(Exit::Signal(signal_hook::consts::SIGHUP));
                }
                if !event::poll(Duration::ZERO)? {
                    break;
                }
                let event = event::read()?;
                let Some(action) = keymap::action_for(app, &event) else {
                    if let Some(notice) = keymap::not_a_key(app, &event) {
                        app.ctx.notice = Some(notice);
                        dirty = true;
                    }
                    continue;
                };
                if let Action::Resize(..) = action {
                    // the size in the event may be stale by now: the loop reads the real one
                    dirty = true;
                    continue;
                }
                if action == Action::Suspend {
                    app.clear_count();
                    send_requests(app, memory, scans);
                    memory::flush(&memory.flusher(), Duration::from_millis(500));
                    session.suspend()?;
                }
                app.update(action);
                if matches!(action, Action::Digit(_)) {
                    counted_at = Instant::now();
                }
                dirty = true;
                if app.ctx.running == Running::Quit {
                    break;
                }
            }
        }
        if run_outside(app, session, memory)? {
            dirty = true;
        }
        send_requests(app, memory, scans);
    }
    Ok(Exit::Quit(Vec::new()))
}

/// Runs what the app asked of programs outside: the editor, then the file read again; a
/// command piped to, with the terminal or in a thread of its own. Whether any ran.
fn run_outside(
    app: &mut App,
    session: &mut terminal::Session,
    memory: &Memory,
) -> io::Result<bool> {
    use terminal::outside::{self, Run};
    let (outside, rest): (Vec<Effect>, Vec<Effect>) = app
        .ctx
        .effects
        .drain(..)
        .partition(|e| matches!(e, Effect::Edit { .. } | Effect::Pipe { .. }));
    app.ctx.effects = rest;
    let ran = !outside.is_empty();
    for effect in outside {
        match effect {
            Effect::Edit {
                path,
                line,
                fingerprint: _,
                place,
            } => {
                // what waits is written first: the editor may take a while, or lede may end
                memory::flush(&memory.flusher(), Duration::from_millis(500));
                match outside::edit(session, &path, line) {
                    Ok(status) if !status.success() => {
                        app.ctx.notice = Some(format!(
                            "{} exited with {}",
                            outside::editor(),
                            status
                                .code()
                                .map_or("a signal".to_owned(), |c| c.to_string())
                        ));
                    }
                    Ok(_) => {}
                    Err(e) => app.ctx.notice = Some(format!("cannot run the editor: {e}")),
                }
                memory.send(memory::Request::Load {
                    hint: path.to_string_lossy().into_owned(),
                    then: memory::AfterLoad::Reread(place),
                    width: app.ctx.text_width(),
                });
            }
            Effect::Pipe { command, input } => match outside::how(&command) {
                (Run::Terminal, command) => {
                    match outside::run_in_terminal(session, command, input) {
                        Ok(status) if !status.success() => {
                            app.ctx.notice = Some(format!(
                                "{command} exited with {}",
                                status
                                    .code()
                                    .map_or("a signal".to_owned(), |c| c.to_string())
                            ));
                        }
                        Ok(_) => app.ctx.notice = None,
                        Err(e) => app.ctx.notice = Some(format!("cannot run {command}: {e}")),
                    }
                }
                (Run::Captured, command) => {
                    let command = command.to_owned();
                    let reply = memory.replier()?;
                    std::thread::Builder::new()
                        .name("lede-pipe".to_owned())
                        .spawn(move || {
                            let done = outside::run_captured(&command, input);
                            reply(Reply::Piped {
                                command,
                                code: done.code,
                                stdout: done.stdout,
                                stderr: done.stderr,
                            });
                        })?;
                }
            },
            _ => {}
        }
    }
    Ok(ran)
}

/// The library's scan, if one runs, and the size limit scans read with; the library filter's
/// worker, once a big library has needed it.
struct Scans {
    max_size: u64,
    current: Option<Scan>,
    filter: Option<library::worker::Worker>,
}

/// Sends what the app queued for the store, and the reading position when it moved; starts
/// the scans it asked for.
fn send_requests(app: &mut App, memory: &Memory, scans: &mut Scans) {
    for request in app.ctx.outbox.drain(..) {
        memory.send(request);
    }
    let effects: Vec<Effect> = app.ctx.effects.drain(..).collect();
    for effect in effects {
        match effect {
            Effect::Layout {
                fingerprint,
                width,
                doc,
            } => {
                let reply = match memory.replier() {
                    Ok(reply) => reply,
                    Err(e) => {
                        app.ctx.notice = Some(format!("cannot re-wrap: {e}"));
                        continue;
                    }
                };
                let spawned = std::thread::Builder::new()
                    .name("lede-layout".to_owned())
                    .spawn(move || {
                        let layout = crate::article::layout::Layout::new(&doc, width);
                        reply(Reply::Layout {
                            fingerprint,
                            layout: Box::new(layout),
                        });
                    });
                if let Err(e) = spawned {
                    app.ctx.notice = Some(format!("cannot re-wrap: {e}"));
                }
            }
            // the loop runs these with the terminal in hand, before the requests are sent
            Effect::Edit { .. } | Effect::Pipe { .. } => {}
            Effect::Export {
                sources,
                format,
                path,
            } => match memory.replier() {
                Ok(reply) => {
                    let max_size = scans.max_size;
                    let spawned = std::thread::Builder::new()
                        .name("lede-export".to_owned())
                        .spawn(move || {
                            let shown = path.display().to_string();
                            let said = match crate::export_cmd::write_to(
                                &sources, format, &path, None, max_size,
                            ) {
                                Ok(1) => format!("exported 1 article to {shown}"),
                                Ok(n) => format!("exported {n} articles to {shown}"),
                                Err(why) => format!("export: {why}"),
                            };
                            reply(Reply::Notice(said));
                        });
                    if let Err(e) = spawned {
                        app.ctx.notice = Some(format!("cannot export: {e}"));
                    }
                }
                Err(e) => app.ctx.notice = Some(format!("cannot export: {e}")),
            },
            Effect::Filter(job) => {
                if scans.filter.is_none() {
                    match memory.replier().and_then(library::worker::Worker::start) {
                        Ok(worker) => scans.filter = Some(worker),
                        Err(e) => app.ctx.notice = Some(format!("filtering here: {e}")),
                    }
                }
                match &scans.filter {
                    Some(worker) => worker.send(job),
                    // no thread to be had: the rows are worked out here, late but right
                    None => app.apply(Reply::Filtered {
                        generation: job.generation,
                        rows: job.run(),
                    }),
                }
            }
            Effect::Clipboard(text) => {
                if let Err(e) = clipboard::copy_to_clipboard(&text) {
                    app.ctx.notice = Some(format!("cannot copy: {e}"));
                }
            }
            Effect::Scan(target) => {
                if let Some(old) = scans.current.take() {
                    old.cancel();
                }
                match memory.replier() {
                    Ok(reply) => {
                        let dir = crate::store::data_dir();
                        let events = move |event| reply(Reply::Scan(event));
                        scans.current = Some(Scan::start(target, dir, scans.max_size, events));
                    }
                    Err(e) => app.ctx.notice = Some(format!("cannot look for articles: {e}")),
                }
            }
        }
    }
    if let Some(request) = app.position_request() {
        memory.send(request);
    }
}
