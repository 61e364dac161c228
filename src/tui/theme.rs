//! The reader's colours and emphasis, as data handed to drawing.
//!
//! Every style that must stay visible (matches, the selection, the section being read) carries
//! a modifier as well as a colour, so it survives any palette and `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

/// Which palette the reader draws with, as the config names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Dark or light, from the terminal's own background colour.
    #[default]
    Auto,
    Dark,
    Light,
    /// The terminal's 16 colours and emphasis only: reads on dark and light alike.
    Sixteen,
}

impl ThemeName {
    pub fn parse(name: &str) -> Option<ThemeName> {
        match name {
            "auto" => Some(ThemeName::Auto),
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "16" => Some(ThemeName::Sixteen),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ThemeName::Auto => "auto",
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
            ThemeName::Sixteen => "16",
        }
    }
}

/// Whether the terminal's background is dark or light, as it answered (or as assumed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

/// Every style the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub heading: Style,
    pub marker: Style,
    pub question: Style,
    pub text: Style,
    pub dim: Style,
    pub search_match: Style,
    pub current_match: Style,
    pub active: Style,
    pub selected: Style,
    pub border: Style,
    pub focused_border: Style,
    pub status: Style,
    pub status_key: Style,
    pub table_header: Style,
    pub header: Style,
    /// Highlighted words, by colour (1 to 4 are 0 to 3).
    pub highlights: [Style; 4],
    /// Words being selected for a highlight.
    pub selecting: Style,
}

const BOLD: Modifier = Modifier::BOLD;

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}

impl Theme {
    /// The theme a name stands for; `Auto` resolves with the terminal's background.
    pub fn for_name(name: ThemeName, background: Background) -> Theme {
        match (name, background) {
            (ThemeName::Dark, _) | (ThemeName::Auto, Background::Dark) => Theme::dark(),
            (ThemeName::Light, _) | (ThemeName::Auto, Background::Light) => Theme::light(),
            (ThemeName::Sixteen, _) => Theme::sixteen(),
        }
    }

    pub fn dark() -> Theme {
        Theme {
            title: Style::new().fg(Color::LightCyan).add_modifier(BOLD),
            heading: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            marker: Style::new().fg(Color::Cyan),
            question: Style::new().add_modifier(BOLD),
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            search_match: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(Modifier::UNDERLINED),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(BOLD.union(Modifier::UNDERLINED)),
            active: Style::new().fg(Color::LightCyan).add_modifier(BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::DarkGray),
            focused_border: Style::new().fg(Color::Cyan),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            status_key: Style::new()
                .fg(Color::LightYellow)
                .bg(Color::DarkGray)
                .add_modifier(BOLD),
            table_header: Style::new().fg(Color::Yellow).add_modifier(BOLD),
            header: Style::new().add_modifier(BOLD),
            highlights: highlight_backgrounds([
                Color::Green,
                Color::Cyan,
                Color::Magenta,
                Color::Blue,
            ]),
            selecting: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// Dark colours on a light background: no yellow, no bright cyan.
    pub fn light() -> Theme {
        Theme {
            title: Style::new().fg(Color::Blue).add_modifier(BOLD),
            heading: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            marker: Style::new().fg(Color::Blue),
            dim: Style::new().fg(Color::DarkGray),
            search_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightYellow)
                .add_modifier(Modifier::UNDERLINED),
            current_match: Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(BOLD.union(Modifier::UNDERLINED)),
            active: Style::new().fg(Color::Blue).add_modifier(BOLD),
            border: Style::new().fg(Color::Gray),
            focused_border: Style::new().fg(Color::Blue),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            status_key: Style::new()
                .fg(Color::Blue)
                .bg(Color::Gray)
                .add_modifier(BOLD),
            table_header: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            highlights: highlight_backgrounds([
                Color::LightGreen,
                Color::LightCyan,
                Color::LightMagenta,
                Color::LightBlue,
            ]),
            ..Theme::dark()
        }
    }

    /// The terminal's own foreground, emphasis, and magenta that reads on either background.
    pub fn sixteen() -> Theme {
        Theme {
            title: Style::new().add_modifier(BOLD),
            heading: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            marker: Style::new().fg(Color::Magenta),
            question: Style::new().add_modifier(BOLD),
            text: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            search_match: Style::new().add_modifier(Modifier::REVERSED),
            current_match: Style::new()
                .add_modifier(Modifier::REVERSED | BOLD | Modifier::UNDERLINED),
            active: Style::new().fg(Color::Magenta).add_modifier(BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().add_modifier(Modifier::DIM),
            focused_border: Style::new().add_modifier(BOLD),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_key: Style::new().add_modifier(Modifier::REVERSED | BOLD),
            table_header: Style::new().add_modifier(BOLD | Modifier::UNDERLINED),
            header: Style::new().add_modifier(BOLD),
            highlights: highlight_backgrounds([
                Color::Green,
                Color::Cyan,
                Color::Magenta,
                Color::Blue,
            ]),
            selecting: Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    /// The same theme without colour (`NO_COLOR`): a background becomes reverse video, so a
    /// match, the selection and the status bar still stand out.
    pub fn without_colour(self) -> Theme {
        let strip = |style: Style| {
            let style = if style.bg.is_some() {
                style.add_modifier(Modifier::REVERSED)
            } else {
                style
            };
            Style {
                fg: None,
                bg: None,
                ..style
            }
        };
        Theme {
            title: strip(self.title),
            heading: strip(self.heading),
            marker: strip(self.marker),
            question: strip(self.question),
            text: strip(self.text),
            dim: strip(self.dim),
            search_match: strip(self.search_match),
            current_match: strip(self.current_match),
            // the section being read keeps its bar and its bold, and gains an underline
            active: strip(self.active).add_modifier(Modifier::UNDERLINED),
            selected: strip(self.selected),
            border: strip(self.border),
            focused_border: strip(self.focused_border).add_modifier(BOLD),
            status: strip(self.status),
            status_key: strip(self.status_key),
            table_header: strip(self.table_header),
            header: strip(self.header),
            // no colour: an underline, told apart by weight and slant
            highlights: [
                Style::new().add_modifier(Modifier::UNDERLINED),
                Style::new().add_modifier(Modifier::UNDERLINED | BOLD),
                Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC),
                Style::new().add_modifier(Modifier::UNDERLINED | Modifier::DIM),
            ],
            selecting: strip(self.selecting),
        }
    }

    /// The style of highlight colour `colour` (1 to 4).
    pub fn highlight(&self, colour: u8) -> Style {
        self.highlights[usize::from(colour.clamp(1, 4) - 1)]
    }
}

/// Black text on each colour: legible on a dark terminal and a light one.
fn highlight_backgrounds(colours: [Color; 4]) -> [Style; 4] {
    colours.map(|c| Style::new().fg(Color::Black).bg(c))
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_keeps_emphasis_and_turns_backgrounds_into_reverse() {
        for theme in [Theme::dark(), Theme::light(), Theme::sixteen()] {
            let plain = theme.without_colour();
            for style in [
                plain.title,
                plain.search_match,
                plain.current_match,
                plain.status,
                plain.active,
            ] {
                assert_eq!((style.fg, style.bg), (None, None));
            }
            assert!(plain.search_match.add_modifier.contains(Modifier::REVERSED));
            assert!(plain.status.add_modifier.contains(Modifier::REVERSED));
            assert!(plain.heading.add_modifier.contains(Modifier::BOLD));
            assert!(plain.active.add_modifier.contains(Modifier::BOLD));
            assert_ne!(plain.current_match, plain.search_match);
        }
    }

    #[test]
    fn names_round_trip() {
        for name in ["auto", "dark", "light", "16"] {
            assert_eq!(ThemeName::parse(name).map(ThemeName::as_str), Some(name));
        }
        assert_eq!(ThemeName::parse("blue"), None);
    }
}
