//! Where each part of the screen is, computed the same way for drawing and for the mouse.

use ratatui::layout::Rect;

/// Below this width the sidebar hides by itself.
pub const SIDEBAR_MIN_SCREEN: u16 = 60;
/// The widest a line of text gets, however wide the pane.
pub const MEASURE: u16 = 80;

/// The screen split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub sidebar: Option<Rect>,
    /// The reading pane, scrollbar included.
    pub pane: Rect,
    /// Where text is drawn inside the pane: padded, capped at the measure, centred.
    pub text: Rect,
    pub scrollbar: Option<Rect>,
    pub status: Option<Rect>,
}

/// Wide enough for the longest label when the screen allows, never more than a third of it.
fn sidebar_width(screen: u16, longest_label: u16) -> u16 {
    let wanted = longest_label.saturating_add(6).clamp(18, 40);
    wanted.min(screen * 3 / 8).max(16)
}

/// The parts of a screen; `longest_label` is the widest sidebar entry, in columns.
pub fn areas(screen: Rect, show_sidebar: bool, longest_label: u16) -> Areas {
    let status_height = u16::from(screen.height >= 3);
    let body = Rect {
        height: screen.height - status_height,
        ..screen
    };
    let status = (status_height == 1).then(|| Rect {
        y: screen.bottom() - 1,
        height: 1,
        ..screen
    });
    let (sidebar, pane) = if show_sidebar && body.width >= 24 {
        let w = sidebar_width(body.width, longest_label);
        (
            Some(Rect { width: w, ..body }),
            Rect {
                x: body.x + w,
                width: body.width - w,
                ..body
            },
        )
    } else {
        (None, body)
    };
    let scrollbar = (pane.width >= 10).then(|| Rect {
        x: pane.right() - 1,
        width: 1,
        ..pane
    });
    let padding = if pane.width >= 30 {
        2
    } else {
        u16::from(pane.width >= 10)
    };
    let avail = pane.width.saturating_sub(padding * 2);
    let width = avail.clamp(1, MEASURE).min(pane.width);
    let x =
        pane.x + padding.min(pane.width.saturating_sub(width)) + (avail.saturating_sub(width)) / 2;
    let text = Rect { x, width, ..pane };
    Areas {
        sidebar,
        pane,
        text,
        scrollbar,
        status,
    }
}

/// Whether `(column, row)` falls in `rect`.
pub fn contains(rect: Rect, column: u16, row: u16) -> bool {
    column >= rect.x && column < rect.right() && row >= rect.y && row < rect.bottom()
}
