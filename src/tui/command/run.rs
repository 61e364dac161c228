//! Running the command typed after `:` (or bound to a key), as the command-line module parses
//! it: the command goes to the stack as an action, or to the layer it is for. No I/O.

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::command_line::{self, Invocation};
use crate::tui::layer::Kind;
use crate::tui::memory::{AfterLoad, Request};

/// Enter on the command line: the command runs, or one line says why not.
pub fn run(app: &mut App, line: String) {
    let line = line.trim().to_owned();
    if line.is_empty() {
        return;
    }
    app.ctx.command_history.retain(|c| *c != line);
    app.ctx.command_history.insert(0, line.clone());
    app.ctx.outbox.push(Request::AddCommand(line.clone()));
    execute(app, &line);
}

/// Runs a command line, typed or bound to a key, or says in one line why not.
pub fn execute(app: &mut App, line: &str) {
    let line = line.trim();
    let name = line
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    let screen = app.screen();
    let article = screen == Some(Kind::Article);
    let library = screen == Some(Kind::Library);
    let result = match command_line::parse(line) {
        Err(why) => Err(why),
        // `:search` alone in the library searches every article, as `S` does
        Ok(Invocation::Act(Action::SearchStart)) if library => {
            app.update(Action::SearchAll);
            Ok(())
        }
        Ok(Invocation::Act(action)) => applies(screen, action, &name).map(|()| {
            app.update(action);
        }),
        Ok(Invocation::Section(n)) if article => {
            app.update(Action::JumpToSection(n));
            Ok(())
        }
        Ok(Invocation::Section(_)) => Err("section applies in an article".to_owned()),
        Ok(Invocation::Search(words)) if article => {
            app.on_article(|article, ctx| article.search_for(&words, ctx));
            Ok(())
        }
        Ok(Invocation::Search(words)) if library => {
            app.on_library(|library, ctx| library.search(words, ctx));
            Ok(())
        }
        Ok(Invocation::Search(_)) => Err("search applies in an article or the library".to_owned()),
        Ok(Invocation::Sort(key)) if library => {
            if let Some(sort) = crate::tui::library::Sort::named(key) {
                app.on_library(|library, ctx| library.set_sort(sort, ctx));
            }
            Ok(())
        }
        Ok(Invocation::Sort(_)) => Err("sort applies in the library".to_owned()),
        Ok(Invocation::Theme(name)) => {
            set_theme(app, name);
            Ok(())
        }
        Ok(Invocation::Open(path)) => open_path(app, &path),
        Ok(Invocation::Percent(n)) if article => {
            app.on_article(|article, ctx| article.go_to_percent(n, ctx));
            Ok(())
        }
        Ok(Invocation::Percent(_)) => Err("percent applies in an article".to_owned()),
        Ok(Invocation::Export { form, path }) => export(app, form, path),
        Ok(Invocation::Save(name)) if library => {
            app.on_library(|library, ctx| library.save_search(&name, ctx));
            Ok(())
        }
        Ok(Invocation::Save(_)) => Err("save applies in the library".to_owned()),
    };
    if let Err(why) = result {
        app.ctx.notice = Some(why);
    }
}

/// `:export FORM [PATH]`: the article in front, or the library's list as filtered, written
/// in a thread of its own; PATH defaults to a name in the current folder.
fn export(app: &mut App, form: &str, path: Option<String>) -> Result<(), String> {
    use crate::export::Format;
    let format = match form {
        "md" => Format::Markdown,
        "html" => Format::Html,
        _ => Format::Epub,
    };
    let (sources, stem): (Vec<crate::article::Source>, String) = match app.screen() {
        Some(Kind::Article) => {
            let Some(reading) = app.article_in_front().map(|a| a.reading()) else {
                return Err("no article to export".to_owned());
            };
            let hint = reading.memory.seen.path.clone().ok_or_else(|| {
                "standard input cannot be exported: lede export - reads it".to_owned()
            })?;
            let source = crate::tui::memory::source_of(&hint);
            let stem = std::path::Path::new(&reading.name)
                .file_stem()
                .map_or("article".to_owned(), |s| s.to_string_lossy().into_owned());
            (vec![source], stem)
        }
        Some(Kind::Library) => {
            let library = app.library().ok_or("no library")?;
            let sources = library
                .visible
                .iter()
                .map(|&e| library.entries[e].file.source.clone())
                .collect();
            let day = &crate::store::time::rfc3339(crate::store::time::now())[..10];
            (sources, format!("lede-{day}"))
        }
        _ => return Err("export applies in an article or the library".to_owned()),
    };
    let path = match path {
        Some(path) => crate::config::expand(&path).map_err(|e| format!("export: {e}"))?,
        None => std::path::PathBuf::from(format!("{stem}.{}", format.extension())),
    };
    app.ctx.notice = Some(format!("writing {}…", path.display()));
    app.ctx.effects.push(crate::tui::app::Effect::Export {
        sources,
        format,
        path,
    });
    Ok(())
}

/// Whether a command of the key map does something on the screen in front.
fn applies(screen: Option<Kind>, action: Action, name: &str) -> Result<(), String> {
    let article = screen == Some(Kind::Article);
    let library = screen == Some(Kind::Library);
    let library_only = matches!(
        action,
        Action::CycleSort
            | Action::MarkAllRead
            | Action::Rescan
            | Action::SearchAll
            | Action::ToggleNew
            | Action::OpenPicker
    );
    // y copies the selected path in the library, T tags the selected article
    let here_too = matches!(action, Action::Yank | Action::Tag) && library;
    if (action.on_article() || action.scrolls()) && !article && !here_too {
        Err(format!("{name} applies in an article"))
    } else if action == Action::ToggleRead && !article && !library {
        Err(format!("{name} applies in an article or the library"))
    } else if action == Action::OpenBookmarks && screen == Some(Kind::Bookmarks) {
        Err("this is the bookmarks list".to_owned())
    } else if library_only && !library {
        Err(format!("{name} applies in the library"))
    } else if action == Action::CommandLine {
        Err("already on the command line".to_owned())
    } else {
        Ok(())
    }
}

fn set_theme(app: &mut App, name: &str) {
    let Some(theme) = crate::tui::theme::ThemeName::parse(name) else {
        return;
    };
    // auto goes by the background the terminal told at start; dark when it did not
    let background = app
        .ctx
        .background
        .unwrap_or(crate::tui::theme::Background::Dark);
    let chosen = crate::tui::theme::Theme::for_name(theme, background);
    app.ctx.theme = if crate::tui::theme::no_color_requested() {
        chosen.without_colour()
    } else {
        chosen
    };
    app.ctx.notice = Some(format!("theme {name}"));
}

fn open_path(app: &mut App, path: &str) -> Result<(), String> {
    let expanded = crate::config::expand(path).map_err(|e| format!("open: {e}"))?;
    let absolute = std::path::absolute(&expanded).unwrap_or(expanded);
    let shown = absolute.display();
    match std::fs::metadata(&absolute) {
        Err(_) => return Err(format!("{shown}: no such file")),
        Ok(meta) if meta.is_dir() => {
            return Err(format!("{shown}: a folder (:open takes an article file)"))
        }
        Ok(meta) if !meta.is_file() => return Err(format!("{shown}: not a regular file")),
        Ok(_) => {}
    }
    let width = usize::from(app.areas().text.width);
    app.ctx.outbox.push(Request::Load {
        hint: absolute.to_string_lossy().into_owned(),
        then: AfterLoad::Resume,
        width,
    });
    app.ctx.notice = Some(format!("opening {}…", absolute.display()));
    Ok(())
}
