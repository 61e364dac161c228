//! The reader's colours and emphasis, in one place.

use ratatui::style::{Color, Modifier, Style};

pub const TITLE: Style = Style::new()
    .fg(Color::LightCyan)
    .add_modifier(Modifier::BOLD);
pub const HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const MARKER: Style = Style::new().fg(Color::Cyan);
pub const QUESTION: Style = Style::new().add_modifier(Modifier::BOLD);
pub const TEXT: Style = Style::new();
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const CURRENT_MATCH: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightRed)
    .add_modifier(Modifier::BOLD);
pub const SIDEBAR_ACTIVE: Style = Style::new()
    .fg(Color::LightCyan)
    .add_modifier(Modifier::BOLD);
pub const SIDEBAR_SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const FOCUSED_BORDER: Style = Style::new().fg(Color::Cyan);
pub const STATUS: Style = Style::new().fg(Color::White).bg(Color::DarkGray);
pub const STATUS_KEY: Style = Style::new()
    .fg(Color::LightYellow)
    .bg(Color::DarkGray)
    .add_modifier(Modifier::BOLD);
pub const TABLE_HEADER: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
