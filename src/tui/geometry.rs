//! Where each part of the screen is, computed the same way for drawing and for the mouse.

use super::state::SidebarMode;
use ratatui::layout::Rect;

/// The sidebar's width, the same for every article so the text never moves sideways.
pub const SIDEBAR_WIDTH: u16 = 30;
/// The widest a line of text gets by default, however wide the pane.
pub const MEASURE: u16 = 80;
/// Columns around the text: padding on both sides and the scrollbar.
const GUTTER: u16 = 4;
/// The narrowest text the docked sidebar may leave; below it the sidebar goes over the text.
const DOCKED_TEXT_MIN: u16 = 66;

/// How the sidebar shows: beside the text, over it, or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarPlace {
    Docked(Rect),
    Overlay(Rect),
    Hidden,
}

/// The screen split into its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The line naming the article, above the text.
    pub header: Option<Rect>,
    pub sidebar: Option<Rect>,
    /// Whether the sidebar is drawn over the pane (it then leaves the text where it was).
    pub sidebar_place: SidebarPlace,
    /// The reading pane, scrollbar included.
    pub pane: Rect,
    /// Where text is drawn inside the pane: padded, capped at the measure, centred.
    pub text: Rect,
    pub scrollbar: Option<Rect>,
    pub status: Option<Rect>,
}

/// What decides the layout besides the screen's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub sidebar: SidebarMode,
    /// The text's measure, in columns.
    pub measure: u16,
    /// Whether the article has an outline to show at all.
    pub outline: bool,
    /// Columns the outline's headings want, whole; a wide screen gives them up to a third.
    pub outline_width: u16,
}

/// The narrowest screen on which the sidebar docks beside a text of `measure`.
pub fn docking_width(measure: u16) -> u16 {
    SIDEBAR_WIDTH + measure.clamp(1, DOCKED_TEXT_MIN) + GUTTER
}

/// The parts of a screen.
pub fn areas(screen: Rect, shape: Shape) -> Areas {
    let status_height = u16::from(screen.height >= 3);
    let header_height = u16::from(screen.height >= 6);
    let body = Rect {
        y: screen.y + header_height,
        height: screen.height - status_height - header_height,
        ..screen
    };
    let header = (header_height == 1).then_some(Rect {
        height: 1,
        ..screen
    });
    let status = (status_height == 1).then(|| Rect {
        y: screen.bottom() - 1,
        height: 1,
        ..screen
    });
    let wide = screen.width >= docking_width(shape.measure);
    let wanted = shape.outline
        && match shape.sidebar {
            SidebarMode::Auto => wide,
            SidebarMode::Shown => true,
            SidebarMode::Hidden => false,
        };
    // docked on a wide screen, as wide as the headings need, up to a third of the screen,
    // and never narrowing the text below its measure
    let room = body.width.saturating_sub(shape.measure.max(1) + GUTTER);
    let docked = shape
        .outline_width
        .min(screen.width / 3)
        .min(room)
        .max(SIDEBAR_WIDTH);
    let width = SIDEBAR_WIDTH.min(body.width.saturating_sub(4));
    let place = match (wanted, wide) {
        (false, _) => SidebarPlace::Hidden,
        // on a tiny screen a sidebar would leave nothing of the text
        _ if body.width < 24 => SidebarPlace::Hidden,
        (true, true) => SidebarPlace::Docked(Rect {
            width: docked.min(body.width.saturating_sub(4)),
            ..body
        }),
        (true, false) => SidebarPlace::Overlay(Rect { width, ..body }),
    };
    let pane = match place {
        SidebarPlace::Docked(side) => Rect {
            x: body.x + side.width,
            width: body.width - side.width,
            ..body
        },
        _ => body,
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
    let width = avail.clamp(1, shape.measure.max(1)).min(pane.width);
    let x =
        pane.x + padding.min(pane.width.saturating_sub(width)) + (avail.saturating_sub(width)) / 2;
    let text = Rect { x, width, ..pane };
    let sidebar = match place {
        SidebarPlace::Docked(rect) | SidebarPlace::Overlay(rect) => Some(rect),
        SidebarPlace::Hidden => None,
    };
    Areas {
        header,
        sidebar,
        sidebar_place: place,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(sidebar: SidebarMode) -> Shape {
        Shape {
            sidebar,
            measure: MEASURE,
            outline: true,
            outline_width: 0,
        }
    }

    #[test]
    fn the_sidebar_docks_only_where_the_text_keeps_its_measure() {
        let narrow = areas(Rect::new(0, 0, 80, 24), shape(SidebarMode::Auto));
        assert_eq!(narrow.sidebar_place, SidebarPlace::Hidden);
        assert_eq!(narrow.text.width, 76);
        let wide = areas(Rect::new(0, 0, 120, 40), shape(SidebarMode::Auto));
        assert!(matches!(wide.sidebar_place, SidebarPlace::Docked(r) if r.width == SIDEBAR_WIDTH));
        assert!(wide.text.width >= DOCKED_TEXT_MIN);
        let huge = areas(Rect::new(0, 0, 200, 60), shape(SidebarMode::Auto));
        assert_eq!(huge.sidebar.map(|r| r.width), Some(SIDEBAR_WIDTH));
        assert_eq!(huge.text.width, MEASURE);
    }

    #[test]
    fn long_headings_widen_the_sidebar_up_to_a_third_of_a_wide_screen() {
        let long = |width| {
            let shape = Shape {
                outline_width: 58,
                ..shape(SidebarMode::Auto)
            };
            areas(Rect::new(0, 0, width, 40), shape)
        };
        assert_eq!(long(200).sidebar.map(|r| r.width), Some(58));
        assert_eq!(long(200).text.width, MEASURE);
        assert_eq!(long(150).sidebar.map(|r| r.width), Some(50), "a third");
        // where the text would lose its measure, the sidebar stays at its narrowest
        assert_eq!(long(110).sidebar.map(|r| r.width), Some(SIDEBAR_WIDTH));
    }

    #[test]
    fn a_sidebar_asked_for_on_a_narrow_screen_goes_over_the_text_without_moving_it() {
        let hidden = areas(Rect::new(0, 0, 80, 24), shape(SidebarMode::Hidden));
        let shown = areas(Rect::new(0, 0, 80, 24), shape(SidebarMode::Shown));
        assert!(matches!(shown.sidebar_place, SidebarPlace::Overlay(_)));
        assert_eq!(shown.text, hidden.text);
    }

    #[test]
    fn no_outline_no_sidebar() {
        let bare = Shape {
            outline: false,
            ..shape(SidebarMode::Shown)
        };
        assert_eq!(
            areas(Rect::new(0, 0, 200, 60), bare).sidebar_place,
            SidebarPlace::Hidden
        );
    }
}
