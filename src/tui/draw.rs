//! Small pieces of drawing that more than one screen uses.

use ratatui::style::{Modifier, Style};
use unicode_width::UnicodeWidthStr;

/// Metadata and read titles: the terminal's own colour, faint. The palette's grey alone
/// (colour 8) is the background itself in some schemes (Solarized Dark).
pub fn faint() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// The end of `path` in `width` columns, `…` for what is cut from its start.
pub fn tail(path: &str, width: usize) -> String {
    if path.width() <= width {
        return path.to_owned();
    }
    let mut kept = Vec::new();
    let mut used = 1;
    for c in path.chars().rev() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    std::iter::once('…').chain(kept.into_iter().rev()).collect()
}

/// `14.2 KB`, `3.1 MB`: a size as people read it.
pub fn size(bytes: u64) -> String {
    match bytes {
        0..1000 => format!("{bytes} bytes"),
        1000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", bytes as f64 / 1e6),
        _ => format!("{:.1} GB", bytes as f64 / 1e9),
    }
}

/// `text` on the first row of `area` in `style`, shortened with `…` where it does not fit.
pub fn top_line(
    buf: &mut ratatui::buffer::Buffer,
    area: ratatui::layout::Rect,
    text: &str,
    style: ratatui::style::Style,
) {
    let line = ratatui::text::Line::styled(
        crate::article::title::shorten(text, usize::from(area.width)),
        style,
    );
    buf.set_line(area.x, area.y, &line, area.width);
}
