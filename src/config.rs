//! The TOML config and its defaults: `$XDG_CONFIG_HOME/lede/config.toml`, or `LEDE_CONFIG`.

use crate::tui::theme::ThemeName;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The narrowest and widest measure the config may ask for.
const WIDTH_RANGE: std::ops::RangeInclusive<u16> = 20..=500;

/// Whether the sidebar shows, as the config says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SidebarSetting {
    /// Beside the text where the screen is wide enough for both.
    #[default]
    Auto,
    Open,
    Closed,
}

impl SidebarSetting {
    fn as_str(self) -> &'static str {
        match self {
            SidebarSetting::Auto => "auto",
            SidebarSetting::Open => "open",
            SidebarSetting::Closed => "closed",
        }
    }
}

/// Whether the library's folders and the open files are watched for changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WatchSetting {
    /// The system's file events, polling where it cannot give them.
    #[default]
    On,
    /// Polling every second only: for network mounts, where events do not come.
    Poll,
    Off,
}

impl WatchSetting {
    fn as_toml(self) -> &'static str {
        match self {
            WatchSetting::On => "true",
            WatchSetting::Poll => "\"poll\"",
            WatchSetting::Off => "false",
        }
    }
}

/// Every setting, each with its default.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folders the library opens when lede is started with no argument (`~` and `$VAR`
    /// expanded).
    #[serde(deserialize_with = "paths")]
    pub library: Vec<PathBuf>,
    /// The text's measure in columns.
    #[serde(deserialize_with = "width")]
    pub width: u16,
    #[serde(deserialize_with = "theme")]
    pub theme: ThemeName,
    #[serde(deserialize_with = "sidebar")]
    pub sidebar: SidebarSetting,
    pub mouse: bool,
    /// Whether the library's walk follows symbolic links (never to `/`, above the library or
    /// into `/proc`, `/sys` or `/dev`).
    pub follow_links: bool,
    /// The most files and folders one library scan looks at.
    #[serde(deserialize_with = "scan_limit")]
    pub scan_limit: usize,
    /// The folder sync between machines goes through (`~` and `$VAR` expanded).
    #[serde(deserialize_with = "folder")]
    pub sync: Option<PathBuf>,
    /// Whether the library and the open files are watched (`true`, `false` or `"poll"`).
    #[serde(deserialize_with = "watch")]
    pub watch: WatchSetting,
    /// Key names to action names; read by the key map, kept here as written.
    pub keys: BTreeMap<String, String>,
    /// Saved searches of the library: a name, and a filter as `/` takes it.
    pub searches: BTreeMap<String, String>,
    /// How paragraphs are broken into lines: `first-fit` or `optimal`.
    #[serde(deserialize_with = "wrap")]
    pub wrap: crate::article::wrap::Fit,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            library: Vec::new(),
            width: 80,
            theme: ThemeName::Auto,
            sidebar: SidebarSetting::Auto,
            mouse: true,
            follow_links: true,
            scan_limit: crate::library::walk::DEFAULT_LIMIT,
            sync: None,
            watch: WatchSetting::On,
            keys: BTreeMap::new(),
            searches: BTreeMap::new(),
            wrap: crate::article::wrap::Fit::First,
        }
    }
}

fn width<'de, D: Deserializer<'de>>(d: D) -> Result<u16, D::Error> {
    let n = i64::deserialize(d)?;
    u16::try_from(n)
        .ok()
        .filter(|n| WIDTH_RANGE.contains(n))
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "width {n} is out of range: {} to {} columns",
                WIDTH_RANGE.start(),
                WIDTH_RANGE.end()
            ))
        })
}

fn scan_limit<'de, D: Deserializer<'de>>(d: D) -> Result<usize, D::Error> {
    let n = i64::deserialize(d)?;
    usize::try_from(n)
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| serde::de::Error::custom(format!("scan_limit {n} must be 1 or more")))
}

/// Path settings as a shell would read them: `~` is the home folder, `$VAR` and `${VAR}`
/// the variable's value; an unset variable is an error naming it.
fn paths<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PathBuf>, D::Error> {
    let written = Vec::<String>::deserialize(d)?;
    written
        .iter()
        .map(|path| expand(path).map_err(serde::de::Error::custom))
        .collect()
}

fn folder<'de, D: Deserializer<'de>>(d: D) -> Result<Option<PathBuf>, D::Error> {
    let written = String::deserialize(d)?;
    expand(&written).map(Some).map_err(serde::de::Error::custom)
}

/// One path with `~`, `$VAR` and `${VAR}` expanded.
pub fn expand(path: &str) -> Result<PathBuf, String> {
    shellexpand::full(path)
        .map(|expanded| PathBuf::from(expanded.as_ref()))
        .map_err(|e| format!("\"{path}\": ${} is not set", e.var_name))
}

fn theme<'de, D: Deserializer<'de>>(d: D) -> Result<ThemeName, D::Error> {
    let name = String::deserialize(d)?;
    ThemeName::parse(&name).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "unknown theme \"{name}\": expected auto, dark, light or 16"
        ))
    })
}

fn wrap<'de, D: Deserializer<'de>>(d: D) -> Result<crate::article::wrap::Fit, D::Error> {
    use crate::article::wrap::Fit;
    let name = String::deserialize(d)?;
    match name.as_str() {
        "first-fit" => Ok(Fit::First),
        "optimal" => Ok(Fit::Optimal),
        _ => Err(serde::de::Error::custom(format!(
            "unknown wrap \"{name}\": expected first-fit or optimal"
        ))),
    }
}

fn watch<'de, D: Deserializer<'de>>(d: D) -> Result<WatchSetting, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Value {
        Switch(bool),
        Name(String),
    }
    match Value::deserialize(d)? {
        Value::Switch(true) => Ok(WatchSetting::On),
        Value::Switch(false) => Ok(WatchSetting::Off),
        Value::Name(name) if name == "poll" => Ok(WatchSetting::Poll),
        Value::Name(name) => Err(serde::de::Error::custom(format!(
            "unknown watch \"{name}\": expected true, false or \"poll\""
        ))),
    }
}

fn sidebar<'de, D: Deserializer<'de>>(d: D) -> Result<SidebarSetting, D::Error> {
    let name = String::deserialize(d)?;
    match name.as_str() {
        "auto" => Ok(SidebarSetting::Auto),
        "open" => Ok(SidebarSetting::Open),
        "closed" => Ok(SidebarSetting::Closed),
        _ => Err(serde::de::Error::custom(format!(
            "unknown sidebar \"{name}\": expected auto, open or closed"
        ))),
    }
}

/// The config in effect, where it came from, and what was wrong with the file, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    /// The file read; `None` when there was none.
    pub path: Option<PathBuf>,
    /// One line naming the file, the line and the problem; the defaults are then in effect.
    pub problem: Option<String>,
    /// The file's text as read (empty when there was none), for messages that name a line.
    pub text: String,
}

/// Where the config is looked for: `LEDE_CONFIG`, else the user's config folder.
pub fn path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("LEDE_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "lede").map(|dirs| dirs.config_dir().join("config.toml"))
}

/// Reads the config; a missing file is the defaults, a bad one the defaults and a message.
pub fn load() -> Loaded {
    let Some(path) = path() else {
        return Loaded {
            config: Config::default(),
            path: None,
            problem: None,
            text: String::new(),
        };
    };
    load_from(&path)
}

pub fn load_from(path: &Path) -> Loaded {
    let name = path.display();
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| format!("{name}: not UTF-8 text")),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Loaded {
                config: Config::default(),
                path: None,
                problem: None,
                text: String::new(),
            }
        }
        Err(e) => Err(format!("{name}: {e}")),
    };
    let parsed = text
        .as_ref()
        .map_err(Clone::clone)
        .and_then(|text| parse(text).map_err(|e| format!("{name}:{e}")));
    let text = text.unwrap_or_default();
    match parsed {
        Ok(config) => Loaded {
            config,
            path: Some(path.to_path_buf()),
            problem: None,
            text,
        },
        Err(problem) => Loaded {
            config: Config::default(),
            path: Some(path.to_path_buf()),
            problem: Some(format!("{problem}; using the defaults")),
            text,
        },
    }
}

/// Parses config text; the error reads `LINE: problem`.
pub fn parse(text: &str) -> Result<Config, String> {
    toml::from_str(text).map_err(|e: toml::de::Error| {
        let line = e.span().map_or(1, |span| {
            text[..span.start.min(text.len())].matches('\n').count() + 1
        });
        format!("{line}: {}", e.message().trim_end())
    })
}

/// A TOML string, quoted and escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Config {
    /// How far the library's walk may go.
    pub fn walk_options(&self) -> crate::library::walk::WalkOptions {
        crate::library::walk::WalkOptions {
            follow_links: self.follow_links,
            limit: self.scan_limit,
        }
    }

    /// The config as a TOML file that would give it back.
    pub fn to_toml(&self) -> String {
        let library: Vec<String> = self
            .library
            .iter()
            .map(|p| quoted(&p.to_string_lossy()))
            .collect();
        let mut out = String::new();
        let _ = writeln!(out, "library = [{}]", library.join(", "));
        let _ = writeln!(out, "width = {}", self.width);
        let _ = writeln!(out, "theme = {}", quoted(self.theme.as_str()));
        let _ = writeln!(out, "sidebar = {}", quoted(self.sidebar.as_str()));
        let _ = writeln!(out, "mouse = {}", self.mouse);
        let _ = writeln!(out, "follow_links = {}", self.follow_links);
        let _ = writeln!(out, "scan_limit = {}", self.scan_limit);
        if let Some(sync) = &self.sync {
            let _ = writeln!(out, "sync = {}", quoted(&sync.to_string_lossy()));
        }
        let _ = writeln!(out, "watch = {}", self.watch.as_toml());
        let _ = writeln!(
            out,
            "wrap = {}",
            quoted(match self.wrap {
                crate::article::wrap::Fit::First => "first-fit",
                crate::article::wrap::Fit::Optimal => "optimal",
            })
        );
        out.push_str("\n[searches]\n");
        for (name, query) in &self.searches {
            let _ = writeln!(out, "{} = {}", quoted(name), quoted(query));
        }
        out.push_str("\n[keys]\n");
        for (key, action) in &self.keys {
            let bare = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            let key = if bare { key.clone() } else { quoted(key) };
            let _ = writeln!(out, "{key} = {}", quoted(action));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_text_is_the_defaults() {
        assert_eq!(parse(""), Ok(Config::default()));
    }

    #[test]
    fn every_key_is_read() {
        let text = "library = [\"/a\", \"/b c\"]\nwidth = 72\ntheme = \"16\"\n\
                    sidebar = \"closed\"\nmouse = false\n[keys]\nx = \"quit\"\n";
        let config = parse(text).unwrap();
        assert_eq!(config.library, [PathBuf::from("/a"), PathBuf::from("/b c")]);
        assert_eq!(config.width, 72);
        assert_eq!(config.theme, ThemeName::Sixteen);
        assert_eq!(config.sidebar, SidebarSetting::Closed);
        assert!(!config.mouse);
        assert_eq!(config.keys.get("x").map(String::as_str), Some("quit"));
    }

    #[test]
    fn walk_settings_are_read_and_bounded() {
        let config = parse("follow_links = false\nscan_limit = 500\n").unwrap();
        assert!(!config.follow_links);
        assert_eq!(config.scan_limit, 500);
        assert_eq!(parse(&config.to_toml()), Ok(config));
        let zero = parse("\nscan_limit = 0\n").unwrap_err();
        assert!(
            zero.starts_with("2: ") && zero.contains("scan_limit"),
            "{zero}"
        );
        let defaults = Config::default();
        assert!(defaults.follow_links);
        assert_eq!(defaults.scan_limit, 1_000_000);
    }

    #[test]
    fn the_sync_folder_is_read_expanded_and_printed_back() {
        let config = parse("sync = \"~/Sync/lede\"\n").unwrap();
        assert_eq!(config.sync, Some(expand("~/Sync/lede").unwrap()));
        assert!(config.sync.as_ref().unwrap().ends_with("Sync/lede"));
        assert_eq!(parse(&config.to_toml()), Ok(config));
        assert_eq!(Config::default().sync, None);
        assert!(!Config::default().to_toml().contains("sync"));
    }

    #[test]
    fn an_unset_variable_in_a_path_is_named() {
        let bad = parse("library = [\"$LEDE_TEST_NEVER_SET_VARIABLE/news\"]\n").unwrap_err();
        assert!(bad.starts_with("1: "), "{bad}");
        assert!(
            bad.contains("$LEDE_TEST_NEVER_SET_VARIABLE is not set"),
            "{bad}"
        );
    }

    #[test]
    fn printed_config_reads_back_the_same() {
        let text = "library = [\"/a \\\"q\\\"\"]\nwidth = 100\ntheme = \"light\"\n\
                    [keys]\n\"ctrl-x\" = \"quit\"\n";
        let config = parse(text).unwrap();
        assert_eq!(parse(&config.to_toml()), Ok(config));
    }

    #[test]
    fn bad_values_and_unknown_keys_name_their_line() {
        let bad = parse("width = 72\n\ntheme = \"blue\"\n").unwrap_err();
        assert!(bad.starts_with("3: "), "{bad}");
        assert!(bad.contains("unknown theme \"blue\""), "{bad}");
        let unknown = parse("width = 72\ncolour = \"red\"\n").unwrap_err();
        assert!(unknown.starts_with("2: "), "{unknown}");
        assert!(unknown.contains("colour"), "{unknown}");
        let narrow = parse("width = 3\n").unwrap_err();
        assert!(
            narrow.starts_with("1: ") && narrow.contains("out of range"),
            "{narrow}"
        );
        let typed = parse("mouse = \"yes\"\n").unwrap_err();
        assert!(typed.starts_with("1: "), "{typed}");
    }
}
