//! The `:` command line, as in vim, less and newsboat: every command of the key map typed by its
//! name (`:next_section`, `:faq`, `:quit`), and the commands that take an argument (`:section 3`,
//! `:search ceasefire talks`, `:sort title`, `:theme light`, `:open PATH`). Parsing and
//! completion are plain functions of the text typed; the app carries out what they give.

pub mod run;

use crate::tui::action::Action;
use crate::tui::bindings;

/// What a command takes after its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    None,
    /// A section's number.
    Section,
    /// Words to look for.
    Words,
    /// A file's path.
    Path,
    /// One of [`SORT_KEYS`].
    SortKey,
    /// One of [`THEMES`].
    Theme,
    /// A percentage, 0 to 100.
    Percent,
    /// One of [`EXPORT_FORMS`], then a path if wanted.
    Export,
    /// A name: a word.
    Name,
}

/// The commands with an argument, besides the key map's: (name, what it does, argument).
const WITH_ARGUMENTS: &[(&str, &str, Arg)] = &[
    ("section", "go to section N", Arg::Section),
    ("search", "search the article for WORDS", Arg::Words),
    ("open", "open the article at PATH", Arg::Path),
    (
        "sort",
        "sort the library by date, title, path or length",
        Arg::SortKey,
    ),
    ("theme", "colours: auto, dark, light or 16", Arg::Theme),
    ("percent", "go N percent into the article", Arg::Percent),
    ("save", "keep the library's filter under NAME", Arg::Name),
    (
        "export",
        "write the article (the library: the list) as md, html or epub [to PATH]",
        Arg::Export,
    ),
];

/// The library's commands, which its own keys run: (name, what it does, action).
const LIBRARY_COMMANDS: &[(&str, &str, Action)] = &[
    (
        "rescan",
        "look again for new, changed, gone files",
        Action::Rescan,
    ),
    ("next_sort", "the next sort order", Action::CycleSort),
    (
        "mark_all_read",
        "mark every listed article read (asks)",
        Action::MarkAllRead,
    ),
    (
        "search_all",
        "search the text of every article",
        Action::SearchAll,
    ),
    ("filter", "filter the list as you type", Action::ListFilter),
    (
        "new",
        "only the articles new since the library was last opened (again: all)",
        Action::ToggleNew,
    ),
    (
        "searches",
        "the saved searches and tags, each with its unread count",
        Action::OpenPicker,
    ),
];

pub const SORT_KEYS: &[&str] = &["date", "title", "path", "length"];
pub const THEMES: &[&str] = &["auto", "dark", "light", "16"];
pub const EXPORT_FORMS: &[&str] = &["md", "html", "epub"];

/// A command line understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invocation {
    /// A command of the key map.
    Act(Action),
    Section(usize),
    Search(String),
    Open(String),
    Sort(&'static str),
    Theme(&'static str),
    Percent(usize),
    /// `:save NAME`.
    Save(String),
    /// `:export FORM [PATH]`.
    Export {
        form: &'static str,
        path: Option<String>,
    },
}

/// Every command's name and what it does, as `:` completes and the help lists them.
pub fn names() -> Vec<(&'static str, &'static str)> {
    let mut names: Vec<(&str, &str)> = bindings::named_commands()
        .map(|(_, name, about)| (name, about))
        .chain(
            WITH_ARGUMENTS
                .iter()
                .map(|(name, about, _)| (*name, *about)),
        )
        .chain(
            LIBRARY_COMMANDS
                .iter()
                .map(|(name, about, _)| (*name, *about)),
        )
        .collect();
    names.sort_unstable();
    names.dedup_by_key(|(name, _)| *name);
    names
}

fn arg_of(name: &str) -> Arg {
    WITH_ARGUMENTS
        .iter()
        .find(|(n, _, _)| *n == name)
        .map_or(Arg::None, |(_, _, arg)| *arg)
}

/// The text typed after `:` as a command, or the one line that says what is wrong with it.
pub fn parse(line: &str) -> Result<Invocation, String> {
    let line = line.trim();
    let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
    let rest = rest.trim();
    if name.is_empty() {
        return Err("no command typed".to_owned());
    }
    let one_of = |what: &str, choices: &'static [&'static str]| {
        choices
            .iter()
            .find(|c| c.eq_ignore_ascii_case(rest))
            .copied()
            .ok_or_else(|| format!("{name}: {what} is one of {}", choices.join(", ")))
    };
    match arg_of(name) {
        Arg::Section => rest
            .parse::<usize>()
            .ok()
            .filter(|&n| n > 0)
            .map(Invocation::Section)
            .ok_or_else(|| "section: a section's number, e.g. :section 3".to_owned()),
        // `:search` alone opens the search prompt, as `/` does
        Arg::Words if rest.is_empty() => Ok(Invocation::Act(Action::SearchStart)),
        Arg::Words => Ok(Invocation::Search(rest.to_owned())),
        Arg::Path if rest.is_empty() => Err("open: the path of an article".to_owned()),
        Arg::Path => Ok(Invocation::Open(rest.to_owned())),
        Arg::SortKey => one_of("the order", SORT_KEYS).map(Invocation::Sort),
        Arg::Theme => one_of("the theme", THEMES).map(Invocation::Theme),
        Arg::Name if rest.is_empty() || rest.contains(char::is_whitespace) => {
            Err(format!("{name}: one word, e.g. :{name} ukraine-talks"))
        }
        Arg::Name => Ok(Invocation::Save(rest.to_owned())),
        Arg::Export => {
            let (form, path) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
            let form = EXPORT_FORMS
                .iter()
                .find(|f| f.eq_ignore_ascii_case(form))
                .copied()
                .ok_or_else(|| "export: md, html or epub, then a path if wanted".to_owned())?;
            let path = path.trim();
            Ok(Invocation::Export {
                form,
                path: (!path.is_empty()).then(|| path.to_owned()),
            })
        }
        Arg::Percent => rest
            .trim_end_matches('%')
            .parse::<usize>()
            .ok()
            .filter(|&n| n <= 100)
            .map(Invocation::Percent)
            .ok_or_else(|| "percent: a number from 0 to 100, e.g. :percent 50".to_owned()),
        Arg::None => match bindings::named_commands()
            .map(|(action, n, _)| (action, n))
            .chain(LIBRARY_COMMANDS.iter().map(|(n, _, action)| (*action, *n)))
            .find(|(_, n)| *n == name)
        {
            Some(_) if !rest.is_empty() => Err(format!("{name} takes nothing after it")),
            Some((action, _)) => Ok(Invocation::Act(action)),
            None => Err(match suggestion(name) {
                Some(near) => format!("not a command: {name} (did you mean {near}?)"),
                None => format!("not a command: {name} (:help lists them, Tab completes)"),
            }),
        },
    }
}

/// The command nearest to a mistyped `name`: two edits away at most.
fn suggestion(name: &str) -> Option<&'static str> {
    names()
        .into_iter()
        .map(|(candidate, _)| (distance(name, candidate), candidate))
        .filter(|&(d, _)| d <= 2)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance, by characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

/// What completion needs to know of where the reader is.
pub struct Context<'a> {
    /// How many sections the article in front has.
    pub sections: usize,
    /// The entries of a folder (names, folders ending in `/`), for `:open`.
    pub list_dir: &'a dyn Fn(&str) -> Vec<String>,
}

/// The lines `Tab` can make of `line`: each a whole command line, sorted, at most 100.
pub fn complete(line: &str, context: &Context) -> Vec<String> {
    let Some((name, rest)) = line.split_once(' ') else {
        return names()
            .into_iter()
            .filter(|(n, _)| n.starts_with(line))
            .map(|(n, _)| {
                let space = if arg_of(n) == Arg::None { "" } else { " " };
                format!("{n}{space}")
            })
            .take(100)
            .collect();
    };
    let with = |choices: Vec<String>| -> Vec<String> {
        choices
            .into_iter()
            .filter(|c| c.starts_with(rest))
            .map(|c| format!("{name} {c}"))
            .take(100)
            .collect()
    };
    match arg_of(name) {
        Arg::Section => with((1..=context.sections).map(|n| n.to_string()).collect()),
        Arg::SortKey => with(SORT_KEYS.iter().map(|s| s.to_string()).collect()),
        Arg::Theme => with(THEMES.iter().map(|s| s.to_string()).collect()),
        Arg::Export => with(EXPORT_FORMS.iter().map(|s| s.to_string()).collect()),
        Arg::Path => {
            let (folder, _) = rest.rsplit_once('/').map_or(("", rest), |(f, n)| (f, n));
            let prefix = if rest.contains('/') {
                format!("{folder}/")
            } else {
                String::new()
            };
            let mut entries: Vec<String> = (context.list_dir)(&prefix)
                .into_iter()
                .map(|entry| format!("{prefix}{entry}"))
                .collect();
            entries.sort_unstable();
            with(entries)
        }
        Arg::Words | Arg::None | Arg::Percent | Arg::Name => Vec::new(),
    }
}

/// The longest text every completion starts with: what `Tab` fills in when there are several.
pub fn common_prefix(choices: &[String]) -> Option<String> {
    let first = choices.first()?;
    let mut end = first.len();
    for c in &choices[1..] {
        end = end.min(
            first
                .char_indices()
                .zip(c.chars())
                .find(|((_, a), b)| a != b)
                .map_or(first.len().min(c.len()), |((i, _), _)| i),
        );
    }
    Some(first[..end].to_owned())
}

/// The entries of the folder `prefix` names (relative to the working folder), folders with a
/// `/`; hidden ones are left out.
pub fn folder_entries(prefix: &str) -> Vec<String> {
    let folder = if prefix.is_empty() { "." } else { prefix };
    let folder = crate::config::expand(folder).unwrap_or_else(|_| folder.into());
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .take(10_000)
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                format!("{name}/")
            } else {
                name
            }
        })
        .filter(|name| !name.starts_with('.'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(sections: usize) -> Context<'static> {
        Context {
            sections,
            list_dir: &|prefix| match prefix {
                "" => vec!["assets/".to_owned(), "README.md".to_owned()],
                "assets/" => vec!["001_lunar.txt".to_owned(), "000_seed.txt".to_owned()],
                _ => Vec::new(),
            },
        }
    }

    #[test]
    fn every_key_map_command_is_a_command_by_its_name() {
        // those with an argument take it instead (`:percent 50`, `:search words`)
        let plain = bindings::named_commands().filter(|(_, name, _)| arg_of(name) == Arg::None);
        for (action, name, _) in plain {
            assert_eq!(parse(name), Ok(Invocation::Act(action)), "{name}");
        }
    }

    #[test]
    fn commands_with_arguments() {
        assert_eq!(parse("section 3"), Ok(Invocation::Section(3)));
        assert_eq!(parse("  section   12 "), Ok(Invocation::Section(12)));
        assert!(parse("section x").unwrap_err().starts_with("section: "));
        assert!(parse("section 0").is_err());
        assert_eq!(
            parse("search ceasefire talks"),
            Ok(Invocation::Search("ceasefire talks".to_owned()))
        );
        assert_eq!(parse("sort Title"), Ok(Invocation::Sort("title")));
        assert_eq!(
            parse("sort size").unwrap_err(),
            "sort: the order is one of date, title, path, length"
        );
        assert_eq!(parse("theme 16"), Ok(Invocation::Theme("16")));
        assert_eq!(parse("percent 50"), Ok(Invocation::Percent(50)));
        assert_eq!(parse("percent 50%"), Ok(Invocation::Percent(50)));
        assert!(parse("percent 101").is_err());
        assert_eq!(parse("rescan"), Ok(Invocation::Act(Action::Rescan)));
        assert_eq!(
            parse("open a b.txt"),
            Ok(Invocation::Open("a b.txt".to_owned()))
        );
        assert_eq!(
            parse("quit now").unwrap_err(),
            "quit takes nothing after it"
        );
    }

    #[test]
    fn an_unknown_command_says_which_it_might_be() {
        assert_eq!(
            parse("secton 3").unwrap_err(),
            "not a command: secton (did you mean section?)"
        );
        assert_eq!(
            parse("bookmrks").unwrap_err(),
            "not a command: bookmrks (did you mean bookmarks?)"
        );
        assert!(parse("xyzzyplugh").unwrap_err().contains("Tab completes"));
    }

    #[test]
    fn tab_completes_names_and_arguments() {
        let ctx = context(5);
        assert_eq!(complete("sec", &ctx), vec!["section "]);
        assert!(complete("next_", &ctx).contains(&"next_section".to_owned()));
        assert_eq!(complete("section ", &ctx).len(), 5);
        assert_eq!(complete("sort t", &ctx), vec!["sort title"]);
        assert_eq!(complete("theme l", &ctx), vec!["theme light"]);
        assert_eq!(complete("open as", &ctx), vec!["open assets/"]);
        assert_eq!(
            complete("open assets/0", &ctx),
            vec!["open assets/000_seed.txt", "open assets/001_lunar.txt"]
        );
        assert_eq!(
            common_prefix(&complete("open assets/0", &ctx)),
            Some("open assets/00".to_owned())
        );
    }

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("secton", "section"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
