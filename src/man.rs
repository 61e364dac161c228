//! `lede man`: one man page, lede(1), made from the command line's own definition, with the
//! subcommands, the reader's keys, the environment and the files described in it: an
//! installed binary has no other page and no README beside it.

use crate::cli::Cli;
use clap::CommandFactory;
use roff::{bold, italic, roman, Inline, Roff};
use std::io::{self, Write};

/// The variables lede reads, and what each does.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "LEDE_CONFIG",
        "The config file to read instead of $XDG_CONFIG_HOME/lede/config.toml.",
    ),
    (
        "LEDE_DATA_DIR",
        "The folder of lede.db (bookmarks, reading positions, read marks, the library's cache \
         and search index) instead of $XDG_DATA_HOME/lede.",
    ),
    (
        "LEDE_LIBRARY",
        "Library folders, separated by colons, when no --library is given; before the \
         config's library.",
    ),
    (
        "LEDE_SYNC_DIR",
        "The folder sync between machines goes through, before the config's sync and the one \
         lede sync init kept.",
    ),
    (
        "LEDE_CLOCK_OFFSET_MS",
        "For tests only: moves the clock that stamps changes for sync by this many milliseconds \
         (negative: behind), to show that a machine whose clock is behind cannot undo a later \
         change.",
    ),
    (
        "NO_COLOR",
        "When set to anything, the reader uses no colour; bold, underline and reverse stay.",
    ),
    (
        "XDG_CONFIG_HOME, XDG_DATA_HOME, HOME",
        "Where the config and data folders are found when the variables above are not set.",
    ),
];

/// The files lede reads and writes.
const FILES: &[(&str, &str)] = &[
    (
        "$XDG_CONFIG_HOME/lede/config.toml",
        "The config (~/.config/lede/config.toml on Linux): library, width, theme, sidebar, \
         mouse, follow_links, scan_limit, sync and a [keys] table; lede config prints the one in \
         effect.",
    ),
    (
        "$XDG_DATA_HOME/lede/lede.db",
        "The SQLite database of bookmarks, reading positions and read marks, with the library's \
         cache and full-text index (~/.local/share/lede/lede.db on Linux).",
    ),
    (
        "SYNC/HOST.ID.GENERATION.lede",
        "This machine's log in the sync folder: its changes, one record a line; lede writes no \
         other file there, and reads every other machine's.",
    ),
];

/// The page as roff.
pub fn render(out: &mut dyn Write) -> io::Result<()> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    let mut page = Roff::new();
    commands(&mut page, &command);
    keys(&mut page);
    listed(&mut page, "ENVIRONMENT", ENVIRONMENT);
    listed(&mut page, "FILES", FILES);
    page.control("SH", ["EXIT STATUS"]).text([roman(
        "0 on success; 1 when a file could not be read or a search found nothing; 2 for a usage \
         error; 128 plus the signal when the reader was stopped by one.",
    )]);
    page.control("SH", ["SEE ALSO"]).text([
        bold("lede keys"),
        roman(" prints the key map in effect; "),
        bold("lede config"),
        roman(" the config; "),
        bold("lede completions"),
        roman(" shell completions."),
    ]);
    page.to_writer(out)?;
    man.render_version_section(out)
}

/// COMMANDS: each subcommand with its arguments, what it does and its options.
fn commands(page: &mut Roff, command: &clap::Command) {
    page.control("SH", ["COMMANDS"]);
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut usage = vec![bold(format!("lede {}", sub.get_name()))];
        for arg in sub.get_positionals() {
            let name = arg
                .get_value_names()
                .and_then(|names| names.first())
                .map_or_else(|| arg.get_id().to_string(), ToString::to_string);
            let many = arg.get_num_args().is_some_and(|n| n.max_values() > 1);
            let shown = format!("{name}{}", if many { "..." } else { "" });
            usage.push(roman(" "));
            usage.push(if arg.is_required_set() {
                italic(shown)
            } else {
                italic(format!("[{shown}]"))
            });
        }
        page.control("TP", []).text(usage);
        let about = sub
            .get_long_about()
            .or(sub.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        page.text([roman(about)]);
        let options: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_positional() && !a.is_global_set() && !is_builtin(a))
            .collect();
        for arg in options {
            let long = arg.get_long().unwrap_or(arg.get_id().as_str()).to_owned();
            let flag = match arg.get_short() {
                Some(short) => format!("-{short}, --{long}"),
                None => format!("--{long}"),
            };
            let mut line = vec![bold(flag)];
            let value = arg.get_action().takes_values();
            if let Some(name) = arg
                .get_value_names()
                .and_then(|names| names.first())
                .filter(|_| value)
            {
                line.push(roman(" "));
                line.push(italic(name.to_string()));
            }
            if let Some(help) = arg.get_help() {
                line.push(roman(format!(": {help}")));
            }
            page.control("br", []).text(line);
        }
        for nested in sub.get_subcommands().filter(|s| s.get_name() != "help") {
            let args: Vec<String> = nested
                .get_positionals()
                .map(|a| {
                    a.get_value_names()
                        .and_then(|names| names.first())
                        .map_or_else(|| a.get_id().to_string(), ToString::to_string)
                })
                .collect();
            page.control("br", []).text([
                bold(format!("lede {} {}", sub.get_name(), nested.get_name())),
                roman(" "),
                italic(args.join(" ")),
                roman(format!(
                    ": {}",
                    nested
                        .get_about()
                        .map(ToString::to_string)
                        .unwrap_or_default()
                )),
            ]);
        }
    }
}

/// clap's own --help and --version.
fn is_builtin(arg: &clap::Arg) -> bool {
    matches!(arg.get_id().as_str(), "help" | "version")
}

/// KEYS: the reader's default key map, as `lede keys` and `?` show it.
fn keys(page: &mut Roff) {
    page.control("SH", ["KEYS"]).text([roman(
        "The reader's keys, as set by default; config.toml's [keys] table changes them and lede \
         keys prints the map in effect. ? in the reader shows them too.",
    )]);
    for (keys, what) in crate::tui::bindings::Bindings::default().help_rows() {
        page.control("TP", [])
            .text([bold(keys)])
            .text([roman(what)]);
    }
}

/// A section of named items, one paragraph each.
fn listed(page: &mut Roff, section: &str, items: &[(&str, &str)]) {
    page.control("SH", [section]);
    for (name, what) in items {
        let name: Inline = bold(*name);
        page.control("TP", []).text([name]).text([roman(*what)]);
    }
}
