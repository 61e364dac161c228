//! End-to-end tests of the real `lede` binary in a pseudo-terminal: keys and mouse in, the
//! screen read back through a vt100 parser. Every wait is for screen content, never for time.

#[allow(dead_code)]
mod common;

use common::pty::{find, find_all, repo_root, row_text, Lede};
use std::path::{Path, PathBuf};

const SAMPLE: &str = "assets/000_addf95f289c0a8cc.txt";
const SAMPLE_TEXT: &str = include_str!("../assets/000_addf95f289c0a8cc.txt");

const SUBHEADINGS: [&str; 5] = [
    "Context of the Meeting",
    "U.S. Strategy and Reaction",
    "Recent Developments in Ukraine",
    "Humanitarian Impact and Casualties",
    "Future Implications and Outlook",
];

const KEY_POINT_1: &str = "White House envoy Steve Witkoff met with Vladimir Putin in St. \
                           Petersburg to discuss stalled peace negotiations with Ukraine.";
const QUESTIONS: [&str; 3] = [
    "What are the main objectives of the Witkoff-Putin meeting?",
    "How has the humanitarian situation been affected by the ongoing conflict?",
    "What implications could the negotiations have on international relations?",
];
const ANSWER_1: &str = "The main objective of the meeting is to revive stalled peace \
                        negotiations between Russia and Ukraine and ultimately work towards \
                        achieving a ceasefire.";
const ANSWER_2_START: &str = "The humanitarian impact has been severe";

// ---------------------------------------------------------------- helpers

/// `lede SAMPLE` in a `cols` × `rows` terminal, once its first frame is drawn.
fn open(cols: u16, rows: u16) -> Lede {
    let lede = Lede::spawn(cols, rows, &[SAMPLE]);
    wait_ready(&lede);
    lede
}

/// Waits for the reader's first frame: the alternate screen, mouse capture and the lead.
fn wait_ready(lede: &Lede) {
    lede.wait_for("the first frame", |s| {
        s.alternate_screen()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && s.contents().contains("Witkoff")
    });
}

/// The status bar: the last row.
fn status(screen: &vt100::Screen) -> String {
    row_text(screen, screen.size().0.get() - 1)
}

/// The first column of the reading pane: right of the sidebar's border, or 0 without one.
fn pane_col(screen: &vt100::Screen) -> u16 {
    let cols = screen.size().1.get();
    (0..cols)
        .find(|&c| screen.cell(1, c).is_some_and(|cell| cell.contents() == "│"))
        .map_or(0, |c| c + 1)
}

/// Whether the sidebar shows (its "Contents" header under the header line).
fn sidebar_shown(screen: &vt100::Screen) -> bool {
    row_text(screen, 1).starts_with("Contents")
}

/// The text of pane row `row` (0 is the row under the header line) between `from` and the
/// pane's scrollbar column, trimmed.
fn pane_row(screen: &vt100::Screen, row: u16, from: u16) -> String {
    let cols = screen.size().1.get();
    let width = cols.saturating_sub(from + 1);
    let text: String = screen
        .rows(from, width)
        .nth(usize::from(row) + 1)
        .unwrap_or_default();
    text.trim().to_owned()
}

/// The reading pane's text (status bar, sidebar and scrollbar left out), lines joined by
/// single spaces, so a wrapped paragraph reads as it does in the file.
fn pane_text(screen: &vt100::Screen) -> String {
    let from = pane_col(screen);
    let body = screen.size().0.get() - 2;
    let lines: Vec<String> = (0..body)
        .map(|r| pane_row(screen, r, from))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(" ")
}

/// What the fixed-width sidebar shows of any label: a long one ends in an ellipsis.
fn sidebar_prefix(label: &str) -> String {
    label.chars().take(16).collect()
}

/// The sidebar row that shows `label`.
fn sidebar_row(screen: &vt100::Screen, label: &str) -> Option<u16> {
    let border = pane_col(screen);
    find_all(screen, &sidebar_prefix(label))
        .into_iter()
        .find(|&(row, col)| row > 0 && col < border)
        .map(|(row, _)| row)
}

/// Whether the sidebar marks `label` as the entry being read: the "▌" bar at its left, the
/// label bold and coloured, and no other entry carrying the bar.
fn sidebar_active_is(screen: &vt100::Screen, label: &str) -> bool {
    let border = pane_col(screen);
    let Some((row, col)) = find_all(screen, &sidebar_prefix(label))
        .into_iter()
        .find(|&(row, col)| row > 0 && col < border)
    else {
        return false;
    };
    let bar_here = row_text(screen, row).starts_with('▌');
    let bars = (1..screen.size().0.get() - 1)
        .filter(|&r| row_text(screen, r).starts_with('▌'))
        .count();
    let styled = screen
        .cell(row, col)
        .is_some_and(|c| c.bold() && c.fgcolor() != vt100::Color::Default);
    bar_here && bars == 1 && styled
}

/// Every visible search match of `word` in the reading pane: (row, col, is current). A
/// match must have every cell on a coloured background; the current one is also bold.
fn highlighted(screen: &vt100::Screen, word: &str) -> Vec<(u16, u16, bool)> {
    let from = pane_col(screen);
    let body = screen.size().0.get() - 1;
    let len = word.chars().count() as u16;
    find_all(screen, word)
        .into_iter()
        .filter(|&(row, col)| row < body && col >= from)
        .map(|(row, col)| {
            let cells: Vec<&vt100::Cell> = (col..col + len)
                .filter_map(|c| screen.cell(row, c))
                .collect();
            assert!(
                cells.iter().all(|c| c.bgcolor() != vt100::Color::Default),
                "match at row {row}, column {col} is not highlighted"
            );
            (row, col, cells.iter().all(|c| c.bold()))
        })
        .collect()
}

/// Whether any visible occurrence of `word` in the reading pane has a coloured background.
fn any_highlight(screen: &vt100::Screen, word: &str) -> bool {
    let from = pane_col(screen);
    let len = word.chars().count() as u16;
    find_all(screen, word)
        .into_iter()
        .filter(|&(_, col)| col >= from)
        .any(|(row, col)| {
            (col..col + len).any(|c| {
                screen
                    .cell(row, c)
                    .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
            })
        })
}

/// The one current match among the visible ones, checking its colour differs from the others.
fn current_match(screen: &vt100::Screen, word: &str) -> Option<(u16, u16)> {
    let all = highlighted(screen, word);
    let current: Vec<_> = all.iter().filter(|m| m.2).collect();
    if current.len() != 1 {
        return None;
    }
    let (row, col, _) = *current[0];
    let bg = screen.cell(row, col).map(|c| c.bgcolor());
    for &(r, c, _) in all.iter().filter(|m| !m.2) {
        assert_ne!(
            screen.cell(r, c).map(|c| c.bgcolor()),
            bg,
            "the current match looks like the others"
        );
    }
    Some((row, col))
}

/// An SGR mouse press and release of the left button at a 0-based cell.
fn click(lede: &mut Lede, col: u16, row: u16) {
    lede.send(format!(
        "\x1b[<0;{};{}M\x1b[<0;{};{}m",
        col + 1,
        row + 1,
        col + 1,
        row + 1
    ));
}

/// One notch of the mouse wheel at a 0-based cell.
fn wheel(lede: &mut Lede, down: bool, col: u16, row: u16) {
    let button = if down { 65 } else { 64 };
    lede.send(format!("\x1b[<{button};{};{}M", col + 1, row + 1));
}

fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

fn last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// After the reader exits: the main screen is back, mouse capture and raw mode are off and the
/// cursor shows, both on vt100's screen and in the bytes that were written.
fn assert_restored(lede: &Lede) {
    let contents = lede.contents();
    let term = lede.term();
    let screen = term.screen();
    assert!(
        !screen.alternate_screen(),
        "still on the alternate screen\n{contents}"
    );
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse capture still on"
    );
    assert!(!screen.hide_cursor(), "the cursor is left hidden");
    let out = &term.output;
    // clicks and the wheel (1000, in SGR coordinates 1006), the alternate screen (1049)
    for mode in ["1000", "1006", "1049"] {
        let on = format!("\x1b[?{mode}h");
        let off = format!("\x1b[?{mode}l");
        let on_at = last(out, on.as_bytes());
        let off_at = last(out, off.as_bytes());
        assert!(on_at.is_some(), "mode {mode} was never turned on");
        assert!(off_at > on_at, "mode {mode} was not turned off at the end");
    }
    // never drag or motion tracking: the terminal's own selection keeps working
    for mode in ["1002", "1003", "1015"] {
        let on = format!("\x1b[?{mode}h");
        assert!(
            last(out, on.as_bytes()).is_none(),
            "mode {mode} was turned on"
        );
    }
    drop(term);
    // raw mode: the line discipline is canonical (cooked) again
    if let Some(canonical) = lede.canonical_mode() {
        assert!(canonical, "the terminal is left in raw mode");
    }
}

/// Makes sure the reader is reading events and has no key in flight, so a resize is seen.
///
/// The reader draws its first frame before crossterm starts watching for SIGWINCH, so a resize
/// is sent only once a key's effect shows (a resize lost with a key is covered by
/// `resize_arriving_with_a_key_is_not_lost`).
fn settle(lede: &mut Lede) {
    lede.send("?");
    lede.wait_for("the help overlay", |s| {
        s.contents().contains("Keys — Esc closes")
    });
    lede.send("?");
    lede.wait_for("the help overlay closed", |s| {
        !s.contents().contains("Keys — Esc closes")
    });
}

fn quit(lede: &mut Lede) {
    lede.send("q");
    let status = lede.wait_exit();
    assert!(status.success(), "lede exited with {status:?}");
    assert_restored(lede);
}

// ---------------------------------------------------------------- the reader

#[test]
fn sidebar_lists_the_five_subheadings() {
    let mut lede = open(120, 30);
    lede.wait_for("the five subheadings in the sidebar", |s| {
        sidebar_shown(s)
            && SUBHEADINGS.iter().enumerate().all(|(i, label)| {
                // a label too long for the sidebar's fixed width ends in an ellipsis
                let row = row_text(s, i as u16 + 2);
                let prefix: String = label.chars().take(12).collect();
                row.starts_with(&format!(" {} {prefix}", i + 1))
                    && (row.contains(label) || row.contains('…'))
            })
    });
    // a narrower terminal keeps the same sidebar: the text does not move sideways
    settle(&mut lede);
    lede.resize(100, 30);
    lede.wait_for("the sidebar at 100 columns", |s| {
        row_text(s, 5).starts_with(" 4 Humanitarian Impact and…") && {
            SUBHEADINGS.iter().enumerate().all(|(i, label)| {
                let row = row_text(s, i as u16 + 2);
                let prefix: String = label.chars().take(12).collect();
                row.starts_with(&format!(" {} {prefix}", i + 1))
            })
        }
    });
    // the reader runs in raw mode (where termios can be read)
    assert_ne!(
        lede.canonical_mode(),
        Some(true),
        "the reader is not in raw mode"
    );
    quit(&mut lede);
}

#[test]
fn number_key_jumps_to_section_and_sidebar_follows() {
    let mut lede = open(120, 30);
    lede.send("3");
    lede.wait_for("section 3 at the top of the pane", |s| {
        let from = pane_col(s);
        status(s).starts_with(" 3/5 Recent Developments in Ukraine")
            && pane_row(s, 0, from).contains("Recent Developments in Ukraine")
            && sidebar_active_is(s, "Recent Developments in Ukraine")
    });
    // a digit right after another makes a number (31); a moment later it is a jump of its own
    lede.wait_for("the count gone", |s| !status(s).contains("count 3"));
    lede.send("1");
    lede.wait_for("section 1 at the top of the pane", |s| {
        let from = pane_col(s);
        status(s).starts_with(" 1/5 Context of the Meeting")
            && pane_row(s, 0, from).contains("Context of the Meeting")
            && sidebar_active_is(s, "Context of the Meeting")
    });
    quit(&mut lede);
}

#[test]
fn key_points_table_toggles() {
    let mut lede = open(100, 30);
    lede.send("t");
    lede.wait_for("the key points table", |s| {
        status(s).starts_with(" Key Points")
            && pane_text(s).contains("Key Points (5)")
            && pane_text(s).contains("No. │ Key point")
            && key_points_text(s).contains(KEY_POINT_1)
            && sidebar_active_is(s, "Key Points")
    });
    lede.send("t");
    lede.wait_for("the article again", |s| {
        !status(s).starts_with(" Key Points")
            && !pane_text(s).contains("Key Points (5)")
            && pane_text(s).contains("In a significant diplomatic development")
    });
    quit(&mut lede);
}

/// The key points table's cells, rows joined: the text right of each row's " │ ".
fn key_points_text(screen: &vt100::Screen) -> String {
    let from = pane_col(screen);
    let body = screen.size().0.get() - 1;
    let cells: Vec<String> = (0..body)
        .map(|r| pane_row(screen, r, from))
        .filter_map(|l| l.split_once("│ ").map(|(_, text)| text.trim().to_owned()))
        .filter(|t| !t.is_empty())
        .collect();
    cells.join(" ")
}

#[test]
fn faq_lists_questions_and_enter_opens_an_answer() {
    let mut lede = open(100, 30);
    lede.send("f");
    lede.wait_for("the three questions", |s| {
        let text = pane_text(s);
        status(s).starts_with(" FAQ 1/3")
            && QUESTIONS.iter().all(|q| text.contains(&format!("▸ {q}")))
    });
    assert!(!pane_text(lede.term().screen()).contains("The main objective"));
    lede.send("\r");
    lede.wait_for("the first answer", |s| {
        let text = pane_text(s);
        text.contains(&format!("▾ {}", QUESTIONS[0]))
            && text.contains(ANSWER_1)
            && text.contains(&format!("▸ {}", QUESTIONS[1]))
    });
    assert!(!pane_text(lede.term().screen()).contains(ANSWER_2_START));
    // f again goes back to the article
    lede.send("f");
    lede.wait_for("the article again", |s| {
        !status(s).starts_with(" FAQ") && pane_text(s).contains("In a significant diplomatic")
    });
    quit(&mut lede);
}

#[test]
fn search_counts_steps_and_highlights_matches() {
    let expected = SAMPLE_TEXT.to_lowercase().matches("ceasefire").count();
    let mut lede = open(100, 30);
    lede.send("/ceasefire");
    lede.wait_for("the query in the status bar", |s| {
        status(s).starts_with(" /ceasefire")
    });
    lede.send("\r");
    let first = format!("match 1/{expected}");
    lede.wait_for(&first, |s| status(s).contains(&first));
    let at_first = current_match(lede.term().screen(), "ceasefire");
    assert!(
        at_first.is_some(),
        "no single current match highlighted\n{}",
        lede.contents()
    );
    let first_line = at_first.map(|(row, _)| row_text(lede.term().screen(), row));

    lede.send("n");
    let second = format!("match 2/{expected}");
    lede.wait_for(&second, |s| {
        status(s).contains(&second)
            && current_match(s, "ceasefire")
                .is_some_and(|(row, _)| Some(row_text(s, row)) != first_line)
    });

    lede.send("N");
    lede.wait_for(&first, |s| {
        status(s).contains(&first)
            && current_match(s, "ceasefire")
                .is_some_and(|(row, _)| Some(row_text(s, row)) == first_line)
    });
    // stepping back from the first match wraps round to the last
    lede.send("N");
    let wrapped = format!("match {expected}/{expected}");
    lede.wait_for(&wrapped, |s| {
        status(s).contains(&wrapped) && current_match(s, "ceasefire").is_some()
    });
    // Esc ends the search and its highlighting
    lede.send("\x1b");
    lede.wait_for("the search ended", |s| {
        !status(s).contains("match ") && !any_highlight(s, "ceasefire")
    });
    quit(&mut lede);
}

#[test]
fn resize_small_and_back_keeps_working() {
    let mut lede = open(100, 30);
    settle(&mut lede);
    lede.resize(40, 12);
    lede.wait_for("the frame at 40x12 without sidebar", |s| {
        !s.contents().contains("Contents")
            && s.cell(11, 0)
                .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
            && status(s).starts_with(" Lead")
            && row_text(s, 0).starts_with(" In a significant")
    });
    lede.send("3");
    lede.wait_for("section 3 at 40x12", |s| {
        status(s).starts_with(" 3/5 Recent")
            && pane_row(s, 0, 0).starts_with("3. Recent Developments")
    });
    lede.resize(100, 30);
    lede.wait_for("the frame at 100x30 with sidebar", |s| {
        sidebar_shown(s)
            && status(s).starts_with(" 3/5 Recent Developments in Ukraine")
            && pane_row(s, 0, pane_col(s)).contains("Recent Developments in Ukraine")
            && sidebar_active_is(s, "Recent Developments in Ukraine")
    });
    // a digit right after another makes a number (31); a moment later it is a jump of its own
    lede.wait_for("the count gone", |s| !status(s).contains("count 3"));
    lede.send("1");
    lede.wait_for("section 1 after resizing back", |s| {
        status(s).starts_with(" 1/5 Context of the Meeting")
            && sidebar_active_is(s, "Context of the Meeting")
    });
    quit(&mut lede);
}

#[test]
fn help_overlay_lists_keys_and_esc_closes_it() {
    // tall enough for every key at once
    let mut lede = open(100, 60);
    lede.send("?");
    lede.wait_for("the help overlay", |s| {
        let text = s.contents();
        text.contains("Keys — Esc closes")
            && [
                "scroll down a line",
                "jump to section N",
                "the key points table",
                "the FAQ",
                "search the article",
                "next match",
                "Q Ctrl-c",
                "quit from anywhere",
                "bookmark here",
            ]
            .iter()
            .all(|k| text.contains(k))
    });
    lede.send("\x1b");
    lede.wait_for("the help overlay closed", |s| {
        !s.contents().contains("Keys — Esc closes")
            && pane_text(s).contains("In a significant diplomatic development")
    });
    // keys act on the reader again
    lede.send("2");
    lede.wait_for("section 2", |s| {
        status(s).starts_with(" 2/5 U.S. Strategy and Reaction")
    });
    quit(&mut lede);
}

#[test]
fn click_on_sidebar_entry_jumps_there() {
    let mut lede = open(120, 30);
    let label = "Humanitarian Impact and Casualties";
    lede.wait_for("the sidebar", |s| sidebar_row(s, label).is_some());
    let row = sidebar_row(lede.term().screen(), label).expect("the entry's row");
    click(&mut lede, 4, row);
    lede.wait_for("section 4 after the click", |s| {
        status(s).starts_with(" 4/5 Humanitarian Impact and Casualties")
            && pane_row(s, 0, pane_col(s)).contains(label)
            && sidebar_active_is(s, label)
    });
    quit(&mut lede);
}

#[test]
fn wheel_scrolls_the_pane() {
    let mut lede = open(100, 30);
    let (before, col) = {
        let term = lede.term();
        let s = term.screen();
        let from = pane_col(s);
        let rows: Vec<String> = (0..28).map(|r| pane_row(s, r, from)).collect();
        (rows, from + 10)
    };
    wheel(&mut lede, true, col, 10);
    // one notch scrolls a few lines: every row of the pane moves up by the same step
    let shifted = |s: &vt100::Screen, step: usize| {
        let from = pane_col(s);
        (0..28 - step).all(|r| pane_row(s, r as u16, from) == before[r + step])
    };
    lede.wait_for("the pane scrolled down", |s| {
        (1..=5).any(|step| shifted(s, step))
    });
    wheel(&mut lede, false, col, 10);
    lede.wait_for("the pane scrolled back up", |s| {
        let from = pane_col(s);
        (0..28).all(|r| pane_row(s, r as u16, from) == before[r])
    });
    quit(&mut lede);
}

// ---------------------------------------------------------------- leaving

#[test]
fn q_quits_and_restores_the_terminal() {
    let mut lede = open(100, 30);
    {
        let term = lede.term();
        assert!(term.screen().alternate_screen());
        assert_ne!(
            term.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::None
        );
    }
    assert_ne!(
        lede.canonical_mode(),
        Some(true),
        "not in raw mode while reading"
    );
    quit(&mut lede);
}

#[test]
fn ctrl_c_quits() {
    let mut lede = open(100, 30);
    lede.send("\x03");
    let status = lede.wait_exit();
    assert!(status.success(), "lede exited with {status:?}");
    assert_restored(&lede);
}

#[test]
fn ctrl_c_quits_while_typing_a_search() {
    let mut lede = open(100, 30);
    lede.send("/cease");
    lede.wait_for("the query", |s| status(s).starts_with(" /cease"));
    lede.send("\x03");
    let status = lede.wait_exit();
    assert!(status.success(), "lede exited with {status:?}");
    assert_restored(&lede);
}

#[test]
fn sigterm_exits_and_restores_the_terminal() {
    let mut lede = open(100, 30);
    signal(&lede, "TERM");
    let status = lede.wait_exit();
    // the shell's convention for a process ended by a signal: 128 + SIGTERM (15)
    assert_eq!(status.exit_code(), 143, "lede exited with {status:?}");
    assert_restored(&lede);
}

#[test]
fn sigtstp_gives_the_terminal_back_and_sigcont_takes_it_again() {
    let mut lede = open(100, 30);
    lede.send("3");
    lede.wait_for("section 3", |s| status(s).starts_with(" 3/5 Recent"));
    signal(&lede, "TSTP");
    lede.wait_until("the terminal given back and the process stopped", |t| {
        !t.screen().alternate_screen()
            && t.screen().mouse_protocol_mode() == vt100::MouseProtocolMode::None
            && process_state(&lede) == Some('T')
    });
    assert_eq!(
        lede.canonical_mode(),
        Some(true),
        "raw mode left on while stopped"
    );
    signal(&lede, "CONT");
    lede.wait_for("the same screen redrawn", |s| {
        s.alternate_screen()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && status(s).starts_with(" 3/5 Recent")
            && pane_text(s).contains("Recent Developments in Ukraine")
    });
    quit(&mut lede);
}

// ---------------------------------------------------------------- robustness

#[test]
fn one_by_one_terminal_does_not_crash() {
    let mut lede = Lede::spawn(1, 1, &[SAMPLE]);
    lede.wait_for("the first frame at 1x1", |s| {
        s.alternate_screen()
            && s.mouse_protocol_mode() != vt100::MouseProtocolMode::None
            && s.cell(0, 0).is_some_and(|c| c.has_contents())
    });
    // every view and overlay, drawn in one cell; with nothing on screen to wait for, no Esc
    // (an Esc followed at once by another key reads as Alt and that key)
    lede.send("3jGg]t");
    lede.send("tf\r a");
    lede.send("f??");
    lede.send("/cease");
    lede.send("\rnNs");
    quit(&mut lede);
}

#[test]
fn twenty_by_five_terminal_does_not_crash() {
    let mut lede = Lede::spawn(20, 5, &[SAMPLE]);
    lede.wait_for("the first frame at 20x5", |s| {
        s.alternate_screen()
            && s.cell(4, 0)
                .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
    });
    lede.send("3");
    lede.wait_for("section 3 at 20x5", |s| status(s).starts_with(" 3/5"));
    lede.send("t");
    lede.wait_for("key points at 20x5", |s| {
        status(s).starts_with(" Key Points")
    });
    lede.send("f");
    lede.wait_for("the FAQ at 20x5", |s| status(s).starts_with(" FAQ 1/3"));
    lede.send("\r");
    lede.send("?");
    lede.wait_for("help at 20x5", |s| s.contents().contains("Keys"));
    lede.send("\x1b");
    lede.wait_for("help closed at 20x5", |s| !s.contents().contains("Keys"));
    lede.send("s/cease\r");
    // too narrow for the match count in the status bar, but the current match shows
    lede.wait_for("a search at 20x5", |s| current_match(s, "cease").is_some());
    quit(&mut lede);
}

#[test]
fn shrinking_to_one_cell_and_back_does_not_crash() {
    let mut lede = open(100, 30);
    settle(&mut lede);
    lede.resize(1, 1);
    // too narrow to read: the notice, cut to its first letter, not one-column rows of text
    lede.wait_for("the notice at 1x1", |s| {
        s.cell(0, 0).is_some_and(|c| c.contents() == "T")
    });
    lede.send("j");
    lede.resize(9, 3);
    lede.wait_for("the notice at 9x3", |s| s.contents().contains("Too narro"));
    lede.resize(20, 5);
    lede.wait_for("the frame at 20x5", |s| {
        s.cell(4, 0)
            .is_some_and(|c| c.bgcolor() != vt100::Color::Default)
            && !s.contents().contains("Contents")
    });
    lede.resize(100, 30);
    lede.wait_for("the frame at 100x30", sidebar_shown);
    quit(&mut lede);
}

#[test]
fn resize_arriving_with_a_key_is_not_lost() {
    // stopped, the reader takes the key and the SIGWINCH in one poll when it goes on; crossterm
    // then returns the key and drops the signal, so no Event::Resize ever comes, while
    // ratatui's buffer follows the terminal to 40x12 and the reader still lays out 100x30.
    // Nearly always so on the first attempt; a few attempts make it certain.
    for attempt in 1..=5 {
        let mut lede = open(100, 30);
        settle(&mut lede);
        signal(&lede, "STOP");
        lede.wait_until("the reader stopped", |_| process_state(&lede) == Some('T'));
        lede.send("j");
        lede.resize(40, 12);
        signal(&lede, "CONT");
        lede.wait_until("the frame at 40x12, or an exit", |term| {
            let s = term.screen();
            term.eof
                || (term.frame_complete()
                    && !sidebar_shown(s)
                    && s.cell(11, 0)
                        .is_some_and(|c| c.bgcolor() != vt100::Color::Default))
        });
        if lede.term().eof {
            let status = lede.wait_exit();
            let output = String::from_utf8_lossy(&lede.term().output).into_owned();
            let panic = output.find("panicked").map_or("", |at| &output[at..]);
            let message: Vec<&str> = panic.lines().take(2).collect();
            panic!(
                "attempt {attempt}: lede exited with {status:?}: {}",
                message.join(" ")
            );
        }
        quit(&mut lede);
    }
}

/// Sends `SIG<name>` to the reader.
fn signal(lede: &Lede, name: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{name}"), &lede.pid().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "kill -{name} failed");
}

/// The reader's process state letter from /proc (R, S, T…), where there is a /proc.
fn process_state(lede: &Lede) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", lede.pid())).ok()?;
    // the state follows the command name, which is in parentheses
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

#[test]
fn escape_sequences_in_an_article_never_reach_the_terminal() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("hostile.txt");
    let text = "Alpha \x1b]0;PWNED\x07bravo opens the lead with charlie \x1b[2Jdelta, and it runs long enough to be a lead.\n\
        Article Subheadings |\n\
        ---|\n\
        1) Sierra \x1b]2;PWNED\x1b\\Tango |\n\
        Sierra Tango\n\
        Echo \x1b]52;c;SGVsbG8=\x07foxtrot and kilo \u{9d}0;PWNED\u{7}lima close the section.\n\
        No. | Key Points |\n\
        ---|---|\n\
        1 | Mike \x1b[31mnovember \x1b[0mstays plain. |\n\
        Summary\n\
        Oscar \x1b[H\x1b[Jpapa ends \x1bPqdata\x1b\\it.\n";
    std::fs::write(&path, text).expect("write the article");
    let path = path.to_str().expect("a UTF-8 path");
    let mut lede = Lede::spawn(100, 30, &[path]);
    lede.wait_for("the article's words", |s| {
        let text = pane_text(s);
        sidebar_shown(s)
            && sidebar_row(s, "Sierra Tango").is_some()
            && [
                "Alpha bravo opens the lead with charlie delta,",
                "Sierra Tango",
                "Echo foxtrot and kilo lima close the section.",
                "Mike november stays plain.",
                "Oscar papa ends it.",
            ]
            .iter()
            .all(|w| text.contains(w))
            && status(s).contains("q quit")
    });
    {
        let term = lede.term();
        let events = term.parser.callbacks();
        assert!(
            events.titles.is_empty(),
            "window title set: {:?}",
            events.titles
        );
        assert!(
            events.icon_names.is_empty(),
            "icon name set: {:?}",
            events.icon_names
        );
        assert!(
            events.clipboard.is_empty(),
            "clipboard written: {:?}",
            events.clipboard
        );
        let out = &term.output;
        // the one OSC allowed is the reader's own question for the background colour
        let asked = count(out, b"\x1b]11;?\x1b\\");
        assert_eq!(
            count(out, b"\x1b]") - asked,
            0,
            "an OSC sequence was written"
        );
        assert_eq!(count(out, b"\x1bP"), 0, "a DCS sequence was written");
        assert_eq!(count(out, b"\x07"), 0, "a BEL was written");
        assert_eq!(count(out, "\u{9d}".as_bytes()), 0, "a C1 OSC was written");
        assert_eq!(
            count(out, b"PWNED"),
            0,
            "an escape sequence's payload was written"
        );
        // no red from the article's own SGR
        let screen = term.screen();
        let (r, c) = find(screen, "november").expect("november on screen");
        assert_eq!(
            screen.cell(r, c).map(|c| c.fgcolor()),
            Some(vt100::Color::Default)
        );
    }
    quit(&mut lede);
}

#[test]
fn no_file_opens_the_bundled_articles() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let mut lede = Lede::spawn_in(dir.path(), 120, 30, &[]);
    lede.wait_for("the library of the bundled samples", |s| {
        s.contents().contains("Library · 3 articles")
    });
    lede.send("\r");
    lede.wait_for("the first bundled sample", |s| {
        sidebar_shown(s)
            && SUBHEADINGS.iter().all(|l| sidebar_row(s, l).is_some())
            && pane_text(s).contains(
                "In a significant diplomatic development, White House envoy Steve Witkoff",
            )
    });
    // q goes back to the library, and q there quits
    lede.send("q");
    lede.wait_for("the library again", |s| {
        s.contents().contains("Library · 3 articles")
    });
    quit(&mut lede);
}

#[test]
fn article_from_standard_input() {
    // stdin is the file, so the reader's keys must come from the terminal itself
    let script = format!("exec '{}' - < {SAMPLE}", env!("CARGO_BIN_EXE_lede"));
    let mut lede = Lede::spawn_program("/bin/sh", repo_root(), 100, 30, &["-c", &script]);
    wait_ready(&lede);
    lede.send("3");
    lede.wait_for("section 3", |s| {
        status(s).starts_with(" 3/5 Recent Developments in Ukraine")
    });
    quit(&mut lede);
}

#[test]
fn not_an_article_gives_a_one_line_error() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write the file");
    let missing = dir.path().join("missing.txt");
    for path in [&empty, &missing] {
        let name = path.file_name().and_then(|n| n.to_str()).expect("a name");
        let mut lede = Lede::spawn(100, 30, &[path.to_str().expect("a UTF-8 path")]);
        let status = lede.wait_exit();
        assert!(!status.success(), "{name}: lede exited with {status:?}");
        let term = lede.term();
        let text = String::from_utf8_lossy(&term.output).into_owned();
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines.len(), 1, "{name}: not one line: {text:?}");
        assert!(
            lines[0].starts_with("lede: ") && lines[0].contains(name),
            "{name}: the error does not name the file: {text:?}"
        );
        assert!(!text.contains("panicked"), "{name}: {text:?}");
        assert!(
            !term.output.windows(8).any(|w| w == b"\x1b[?1049h"),
            "{name}: the reader opened"
        );
    }
}

#[test]
fn wide_text_keeps_the_screen_aligned() {
    let mut lede = Lede::spawn(40, 20, &["tests/fixtures/unicode.txt"]);
    // CJK, accents, tabs, right-to-left text and a long URL: every pane row still ends in the
    // scrollbar at the last column, so no character was drawn wider or narrower than counted
    let scrollbar_aligned = |s: &vt100::Screen| {
        (1..19).all(|r| {
            s.cell(r, 39)
                .is_some_and(|c| c.contents() == "║" || c.contents() == "█")
        })
    };
    lede.wait_for("the first frame, aligned", |s| {
        s.contents().contains("東京の新しい図書館") && scrollbar_aligned(s)
    });
    lede.send("G");
    let url = "https://example.com/a/very/long/path/that/is/longer/than/any/screen/line/\
               that/anyone/would/ever/use/in/a/terminal/window/at/all";
    lede.wait_for("the end, aligned, with the whole URL", |s| {
        let joined: String = (0..18).map(|r| pane_row(s, r, 0)).collect();
        status(s).contains("100%") && scrollbar_aligned(s) && joined.contains(url)
    });
    quit(&mut lede);
}

#[test]
fn sidebar_focus_moves_and_enter_jumps() {
    let mut lede = open(120, 30);
    lede.send("\t");
    lede.wait_for("the sidebar focused", |s| {
        row_text(s, 1).starts_with("Contents (Enter jumps)")
    });
    lede.send("jj");
    // the selected entry is drawn reversed
    let selected = |s: &vt100::Screen, label: &str| {
        sidebar_row(s, label).is_some_and(|row| {
            let border = pane_col(s);
            let (_, col) = find_all(s, &sidebar_prefix(label))
                .into_iter()
                .find(|&(r, c)| r == row && c < border)
                .expect("the label");
            s.cell(row, col).is_some_and(|c| c.inverse())
        })
    };
    lede.wait_for("the third entry selected", |s| {
        selected(s, "Recent Developments in Ukraine") && !selected(s, "Context of the Meeting")
    });
    lede.send("\r");
    lede.wait_for("section 3 after Enter", |s| {
        status(s).starts_with(" 3/5 Recent Developments in Ukraine")
            && pane_row(s, 0, pane_col(s)).contains("Recent Developments in Ukraine")
            && row_text(s, 1).starts_with("Contents ")
            && !row_text(s, 1).contains("Enter jumps")
    });
    quit(&mut lede);
}

#[test]
fn bracket_keys_step_through_sections() {
    let mut lede = open(120, 30);
    lede.send("]");
    lede.wait_for("section 1", |s| {
        status(s).starts_with(" 1/5 Context of the Meeting")
    });
    lede.send("]");
    lede.wait_for("section 2", |s| {
        status(s).starts_with(" 2/5 U.S. Strategy and Reaction")
    });
    lede.send("[");
    lede.wait_for("section 1 again", |s| {
        status(s).starts_with(" 1/5 Context of the Meeting")
            && pane_row(s, 0, pane_col(s)).contains("Context of the Meeting")
    });
    quit(&mut lede);
}

#[test]
fn search_without_a_match_says_so() {
    let mut lede = open(100, 30);
    lede.send("/zebra");
    lede.wait_for("the query", |s| status(s).starts_with(" /zebra"));
    lede.send("\r");
    lede.wait_for("no match", |s| status(s).contains("no match for \"zebra\""));
    lede.send("n");
    lede.send("2");
    lede.wait_for("keys still act", |s| {
        status(s).starts_with(" 2/5 U.S. Strategy") && status(s).contains("no match")
    });
    quit(&mut lede);
}

#[test]
fn faq_click_opens_a_question_and_a_opens_all() {
    let mut lede = open(100, 30);
    lede.send("f");
    lede.wait_for("the questions", |s| pane_text(s).contains(QUESTIONS[1]));
    let (row, col) = find(lede.term().screen(), "How has the").expect("question 2");
    click(&mut lede, col + 3, row);
    lede.wait_for("answer 2 open", |s| {
        status(s).starts_with(" FAQ 2/3")
            && pane_text(s).contains(ANSWER_2_START)
            && !pane_text(s).contains("The main objective")
    });
    lede.send("a");
    lede.wait_for("every answer open", |s| {
        let text = pane_text(s);
        text.contains(ANSWER_1)
            && text.contains(ANSWER_2_START)
            && text.contains("The outcomes of these negotiations")
    });
    lede.send("a");
    lede.wait_for("every answer closed", |s| {
        let text = pane_text(s);
        QUESTIONS.iter().all(|q| text.contains(&format!("▸ {q}"))) && !text.contains(ANSWER_2_START)
    });
    // q closes the FAQ view first, as Esc does; q again quits
    lede.send("q");
    lede.wait_for("the article again", |s| status(s).contains("% ·"));
    quit(&mut lede);
}

// ---------------------------------------------------------------- look and layout

#[test]
fn the_header_names_the_article_after_scrolling() {
    let mut lede = open(80, 24);
    lede.send("4");
    lede.wait_for("section 4 with the headline above it", |s| {
        let header = row_text(s, 0);
        header.starts_with(" In a significant diplomatic")
            && header.contains("4. Humanitarian")
            && pane_row(s, 0, pane_col(s)).contains("Humanitarian Impact")
    });
    quit(&mut lede);
}

#[test]
fn percent_is_zero_at_the_top_and_done_at_the_end() {
    let mut lede = open(80, 24);
    lede.wait_for("0 % on the first screen", |s| {
        status(s).contains(" 0% · 6 min left")
    });
    lede.send("G");
    lede.wait_for("100 % and done at the end", |s| {
        status(s).contains("100% · done")
    });
    quit(&mut lede);
}

#[test]
fn next_section_into_the_faq_then_bottom_stays_at_the_end() {
    let mut lede = open(80, 24);
    // 5] would be five sections from the top: the digit's count goes first
    lede.send("5");
    lede.wait_for("section 5, the count gone", |s| {
        status(s).starts_with(" 5/5") && !status(s).contains("count 5")
    });
    lede.send("]]]");
    lede.wait_for("the end of the FAQ with no blank screen under it", |s| {
        status(s).contains("100% · done")
            && pane_text(s).contains("regional stability and security.")
    });
    let before = lede.term().screen().contents();
    lede.send("G");
    // a key that changes nothing on screen, then the same screen: G did not move the view
    lede.send("?");
    lede.wait_for("the help", |s| s.contents().contains("Keys — Esc closes"));
    lede.send("\x1b");
    lede.wait_for("the same end after G", |s| s.contents() == before);
    quit(&mut lede);
}

const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";

/// An article whose lead holds a word longer than any line, with a family emoji in it.
fn family_article(dir: &Path) -> PathBuf {
    let word = format!("{}{FAMILY}{}", "a".repeat(33), "b".repeat(40));
    let text = format!(
        "Family Photo\nThe lead opens here with a long word {word} and goes on for a while.\n"
    );
    let path = dir.join("family.txt");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_family_emoji_is_never_split_in_print() {
    let dir = tempfile::tempdir().unwrap();
    let path = family_article(dir.path());
    for width in [20, 34, 35, 36, 40] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_lede"))
            .args(["print", "--width", &width.to_string()])
            .arg(&path)
            .env("HOME", dir.path())
            .env("XDG_CONFIG_HOME", dir.path())
            .env("XDG_DATA_HOME", dir.path())
            .env("LEDE_DATA_DIR", dir.path().join("data"))
            .env("LEDE_CONFIG", dir.path().join("none.toml"))
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(FAMILY),
            "width {width}: the family was split:\n{text}"
        );
    }
}

#[test]
fn a_family_emoji_is_never_split_in_the_reader() {
    let dir = tempfile::tempdir().unwrap();
    let path = family_article(dir.path());
    let mut lede = Lede::spawn(40, 12, &[path.to_str().unwrap()]);
    lede.wait_for("the long word wrapped", |s| s.contents().contains("bbbb"));
    // the reader sends the family as one cell's text; vt100 cannot join it on screen, so the
    // bytes sent are what is checked: a split would put a cursor move inside the sequence
    let output = lede.term().output.clone();
    assert!(
        output.windows(FAMILY.len()).any(|w| w == FAMILY.as_bytes()),
        "the family was never sent whole"
    );
    quit(&mut lede);
}

/// A big article (over 4 MB) opens at its beginning at once and the whole of it follows,
/// at the same place.
#[test]
fn a_big_article_shows_its_beginning_then_the_whole() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let sentence = "The delegation met again on Tuesday to weigh a ceasefire proposal. ";
    let mut text = String::from(
        "A lead paragraph that opens the long article.\nArticle Subheadings |\n---|\n",
    );
    let sections = 3_000;
    for i in 1..=sections {
        text.push_str(&format!("{i}) Part {i} |\n"));
    }
    for i in 1..=sections {
        text.push_str(&format!("Part {i}\n"));
        for _ in 0..4 {
            text.push_str(&sentence.repeat(6));
            text.push('\n');
        }
    }
    text.push_str("Summary\nThe very end of the long article.\n");
    assert!(text.len() > 4 << 20);
    let path = dir.path().join("big.txt");
    std::fs::write(&path, &text).expect("write the article");
    let mut lede = Lede::spawn(100, 30, &[path.to_str().unwrap()]);
    // a debug build reads 5 MB in far more than the moment the first frame takes
    lede.wait_for("the beginning, the rest on its way", |s| {
        s.contents().contains("A lead paragraph") && status(s).contains("reading the rest…")
    });
    lede.send("j");
    // the whole arrives: the end can be reached, and the place is kept
    lede.wait_for("the whole article", |s| {
        !status(s).contains("reading the rest")
    });
    lede.send("G");
    lede.wait_for("the very end", |s| {
        s.contents().contains("The very end of the long article.")
    });
    lede.send("9");
    lede.wait_for("section 9 of the whole", |s| {
        status(s).starts_with(" 9/3000 Part 9")
    });
    quit(&mut lede);
}
