//! Properties of the parser over generated articles: no panics, nothing lost, exact structure,
//! JSON round trips, and plain output that is clean and fits its width.

use lede::article::decode::decode;
use lede::article::plain::to_plain_text;
use lede::article::sanitize::sanitize;
use lede::article::wrap;
use lede::article::{
    load_bytes, parse, Article, FaqEntry, LoadError, Loaded, Reason, Section, Source,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use std::collections::HashSet;
use unicode_width::UnicodeWidthStr;

const CASES: u32 = 256;

/// Words for generated prose: plain, accented, decomposed, CJK and Greek, none of them a marker.
#[rustfmt::skip]
const VOCAB: &[&str] = &[
    "storm", "river", "council", "budget", "launch", "orbit", "harbour", "market", "rates",
    "bridge", "ferry", "school", "café", "naïve", "漢字", "東京", "Ωmega", "e\u{301}cole", "data",
    "rise", "fall", "night", "week", "town", "city", "power", "water", "rocket", "über", "señal",
    "U.S.", "\"quoted\"", "it's", "20%", "(aside)", "—", "🚀", "👩\u{200d}👩\u{200d}👧",
    "https://example.com/a/very/long/path/that/goes/on/and/on/beyond/any/screen/width/at/all",
];

/// Sentence openers: capitalised Latin words, so that a sentence break is unmistakable.
const OPENERS: &[&str] = &[
    "The",
    "Officials",
    "Residents",
    "Engineers",
    "Critics",
    "Some",
];

/// Makes every generated heading distinct.
const TAGS: &[&str] = &[
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf",
];

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn sentence(opener: &str, words: &[&str], end: char) -> String {
    // "U.S.." would be a sentence the title rule may rightly read as going on
    let last = if words.last().is_some_and(|w| w.ends_with('.')) {
        " today"
    } else {
        ""
    };
    format!("{opener} {}{last}{end}", words.join(" "))
}

/// A paragraph of one to three sentences.
fn paragraph() -> impl Strategy<Value = String> {
    vec((select(OPENERS), vec(select(VOCAB), 4..10)), 1..4).prop_map(|sentences| {
        sentences
            .iter()
            .map(|(opener, words)| sentence(opener, words, '.'))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// The first sentence of a generated paragraph, which is where a derived title ends.
fn first_sentence(paragraph: &str) -> &str {
    let end = paragraph.match_indices(". ").find(|(i, _)| {
        let rest = &paragraph[i + 2..];
        OPENERS.iter().any(|o| rest.starts_with(&format!("{o} ")))
    });
    match end {
        Some((i, _)) => &paragraph[..=i],
        None => paragraph,
    }
}

fn question_text() -> impl Strategy<Value = String> {
    (select(OPENERS), vec(select(VOCAB), 2..8)).prop_map(|(o, w)| sentence(o, &w, '?'))
}

fn heading_words() -> impl Strategy<Value = Vec<&'static str>> {
    vec(select(VOCAB), 1..=3)
}

/// A well-formed article before it is written out in some variation of the format.
#[derive(Debug, Clone)]
struct Spec {
    title_words: Option<Vec<&'static str>>,
    lead: Vec<String>,
    /// (heading words, paragraphs, whether its heading line appears in the body)
    sections: Vec<(Vec<&'static str>, Vec<String>, bool)>,
    key_points: Option<Vec<String>>,
    summary: Option<Vec<String>>,
    faq: Option<Vec<(String, Vec<String>)>>,
    /// Choices for how each part is written, consumed in order.
    dice: Vec<u8>,
}

fn spec() -> impl Strategy<Value = Spec> {
    let section = (
        heading_words(),
        vec(paragraph(), 0..4),
        prop::bool::weighted(0.85),
    );
    (
        prop::option::of(vec(select(VOCAB), 4..=6)),
        vec(paragraph(), 0..4),
        vec(section, 0..6),
        prop::option::of(vec(paragraph(), 0..5)),
        prop::option::of(vec(paragraph(), 0..3)),
        prop::option::of(vec((question_text(), vec(paragraph(), 0..4)), 0..4)),
        vec(any::<u8>(), 96),
    )
        .prop_map(
            |(title_words, lead, sections, key_points, summary, faq, dice)| Spec {
                title_words,
                lead,
                sections,
                key_points,
                summary,
                faq,
                dice,
            },
        )
        // something must be there to read
        .prop_map(|mut spec| {
            if spec.lead.is_empty() && spec.sections.is_empty() {
                spec.lead.push("The only paragraph there is.".to_owned());
            }
            spec
        })
}

struct Dice<'a> {
    bytes: &'a [u8],
    next: usize,
}

impl Dice<'_> {
    fn pick(&mut self, n: usize) -> usize {
        let b = self.bytes[self.next % self.bytes.len()];
        self.next += 1;
        usize::from(b) % n
    }

    fn one<'b>(&mut self, options: &[&'b str]) -> &'b str {
        options[self.pick(options.len())]
    }
}

/// The file's bytes, the article it must parse to, and the warnings it must give.
struct Rendered {
    bytes: Vec<u8>,
    article: Article,
    warnings: Vec<String>,
}

/// The title the format derives when there is no title line.
fn expected_title(a: &Article) -> String {
    let paragraph = a
        .lead
        .first()
        .or_else(|| a.sections.iter().find_map(|s| s.paragraphs.first()))
        .or_else(|| a.summary.first())
        .or_else(|| a.key_points.first());
    match paragraph {
        Some(p) => first_sentence(p).to_owned(),
        None => a
            .sections
            .first()
            .map(|s| s.heading.clone())
            .or_else(|| a.faq.first().map(|f| f.question.clone()))
            .unwrap_or_default(),
    }
}

fn render(spec: &Spec) -> Rendered {
    let mut dice = Dice {
        bytes: &spec.dice,
        next: 0,
    };
    let mut lines: Vec<String> = Vec::new();
    let mut expected = Article::default();
    let mut warnings = Vec::new();
    let mut orphans = Vec::new();

    let mut lead = spec.lead.clone();
    let title_line = spec
        .title_words
        .as_ref()
        .filter(|_| !lead.is_empty())
        // a headline is at most 120 characters
        .filter(|w| w.iter().map(|w| w.chars().count() + 1).sum::<usize>() < 120)
        .map(|w| {
            let mut title = w
                .iter()
                .map(|w| capitalise(w))
                .collect::<Vec<_>>()
                .join(" ");
            title.push_str(dice.one(&["", "", "?", "!", ":"]));
            // a title line stands over a longer paragraph
            while lead[0].chars().count() <= title.chars().count() {
                lead[0] = format!("Indeed {}", lead[0]);
            }
            title
        });
    expected.lead = lead.clone();

    let headings: Vec<String> = spec
        .sections
        .iter()
        .enumerate()
        .map(|(i, (words, _, _))| {
            let mut h: Vec<String> = words.iter().map(|w| capitalise(w)).collect();
            h.push(TAGS[i].to_owned());
            h.join(" ")
        })
        .collect();

    let mut table = Vec::new();
    if !headings.is_empty() {
        table.push(
            dice.one(&[
                "Article Subheadings |",
                "| Article Subheadings |",
                "Article Subheadings",
            ])
            .to_owned(),
        );
        let separator = dice.one(&["---|", "|---|", "| --- |", ":---|", ""]);
        if !separator.is_empty() {
            table.push(separator.to_owned());
        }
        let style = dice.pick(5);
        for (i, h) in headings.iter().enumerate() {
            let n = i + 1;
            table.push(match style {
                0 => format!("{n}) {h} |"),
                1 => format!("| {n}) {h} |"),
                2 => format!("{n}) {h}"),
                3 => format!("{n}. {h} |"),
                _ => format!("| {h} |"),
            });
        }
    }
    let table_first = dice.pick(3) == 0;
    if let Some(title) = &title_line {
        lines.push(title.clone());
    }
    if table_first {
        lines.append(&mut table);
    }
    lines.extend(lead.iter().cloned());
    lines.append(&mut table);

    for (i, ((_, paragraphs, appears), h)) in spec.sections.iter().zip(&headings).enumerate() {
        // a section whose heading never appears has no text of its own
        let appears = *appears || !paragraphs.is_empty();
        let paragraphs = if appears {
            paragraphs.clone()
        } else {
            Vec::new()
        };
        if appears {
            lines.push(match dice.pick(12) {
                0 => h.to_uppercase(),
                1 => h.to_lowercase(),
                2 => format!("{h}:"),
                3 => format!("{h}?"),
                4 => format!("{h}."),
                5 => format!("{}) {h}", i + 1),
                6 => format!("## {h}"),
                7 => format!("**{h}**"),
                8 => format!("{}. {}:", i + 1, h.to_lowercase()),
                9 => format!("| {h} |"),
                _ => h.clone(),
            });
        } else {
            orphans.push(i);
        }
        lines.extend(paragraphs.iter().cloned());
        expected.sections.push(Section {
            heading: h.clone(),
            paragraphs,
        });
    }

    if let Some(points) = &spec.key_points {
        let header = if points.is_empty() {
            dice.one(&["No. | Key Points |", "| No. | Key Points |"])
        } else {
            dice.one(&[
                "No. | Key Points |",
                "| No. | Key Points |",
                "| No | Key Points |",
                "| # | Key Points |",
                "Key Points",
                "Key Points:",
            ])
        };
        lines.push(header.to_owned());
        let separator = dice.one(&["---|---|", "|---|---|", "| --- | --- |", ""]);
        if !separator.is_empty() {
            lines.push(separator.to_owned());
        }
        let style = dice.pick(6);
        for (i, p) in points.iter().enumerate() {
            let n = i + 1;
            lines.push(match style {
                0 => format!("{n} | {p} |"),
                1 => format!("| {n} | {p} |"),
                2 => format!("{n}. {p}"),
                3 => format!("{n}) {p}"),
                4 => format!("| {n}. | {p} |"),
                _ => format!("| {p} |"),
            });
        }
        expected.key_points = points.clone();
    }

    if let Some(summary) = &spec.summary {
        let header = dice.one(&[
            "Summary",
            "Summary:",
            "## Summary",
            "**Summary**",
            "| Summary |",
        ]);
        lines.push(header.to_owned());
        lines.extend(summary.iter().cloned());
        expected.summary = summary.clone();
    }

    if let Some(faq) = &spec.faq {
        lines.push(
            dice.one(&[
                "Frequently Asked Questions",
                "FAQ",
                "FAQs",
                "## Frequently Asked Questions",
                "Frequently Asked Questions:",
            ])
            .to_owned(),
        );
        for (q, answer) in faq {
            let prefix = dice.one(&[
                "Question: ",
                "Q: ",
                "**Q:** ",
                "Q:",
                "QUESTION: ",
                "**Question:** ",
            ]);
            lines.push(format!("{prefix}{q}"));
            for (j, a) in answer.iter().enumerate() {
                let prefix = if j == 0 {
                    dice.one(&["", "A: ", "Answer: ", "**A:** ", "a: "])
                } else {
                    ""
                };
                lines.push(format!("{prefix}{a}"));
            }
            expected.faq.push(FaqEntry {
                question: q.clone(),
                answer: answer.clone(),
            });
        }
    }
    expected.title = title_line.unwrap_or_else(|| expected_title(&expected));

    // the file's encoding decides which characters it can hold at all
    let encoding = dice.pick(8);
    let cp1252 = encoding == 0;
    if cp1252 {
        for line in &mut lines {
            *line = to_cp1252_repertoire(line);
        }
        expected.map_texts(to_cp1252_repertoire);
    }
    for i in orphans {
        warnings.push(format!(
            "section {} \"{}\" is listed in the subheadings table but never appears",
            i + 1,
            expected.sections[i].heading
        ));
    }

    // escape sequences and control characters hidden in the text: the parser never sees them
    let mut removed = 0;
    for line in &mut lines {
        if dice.pick(10) == 0 {
            let at = line
                .char_indices()
                .map(|(i, _)| i)
                .nth(dice.pick(line.chars().count() + 1))
                .unwrap_or(line.len());
            let hidden = if cp1252 {
                dice.one(&[
                    "\u{1b}[31m",
                    "\u{1b}]0;owned\u{7}",
                    "\u{1b}]52;c;Zm9v\u{1b}\\",
                    "\u{7f}",
                    "\u{1b}c",
                ])
            } else {
                dice.one(&[
                    "\u{1b}[2J",
                    "\u{1b}[0m",
                    "\u{1b}]0;owned\u{7}",
                    "\u{1b}]52;c;Zm9v\u{7}",
                    "\u{9b}1m",
                    "\u{202e}",
                    "\u{feff}",
                    "\u{7f}",
                    "\u{8}",
                ])
            };
            // a ZWNBSP that opens the file is its byte-order mark, dropped without a word
            let hidden = if hidden == "\u{feff}" && at == 0 {
                "\u{7f}"
            } else {
                hidden
            };
            line.insert_str(at, hidden);
            removed += 1;
        }
    }
    if removed > 0 {
        warnings.insert(
            0,
            format!("removed {removed} control character(s) or escape sequence(s)"),
        );
    }

    // the file's layout: indents, blank lines, line endings, BOM
    let mut text = String::new();
    let utf16 = encoding == 1;
    if !cp1252 && !utf16 && dice.pick(4) == 0 {
        text.push('\u{feff}');
    }
    let ending_style = dice.pick(4);
    for (i, line) in lines.iter().enumerate() {
        let indent = dice.one(&["", "", "", " ", "  "]);
        text.push_str(indent);
        text.push_str(line);
        text.push_str(indent);
        let last = i + 1 == lines.len();
        if last && dice.pick(2) == 0 {
            break; // no final newline
        }
        let ending = match ending_style {
            0 => "\n",
            1 => "\r\n",
            2 => "\r",
            _ => dice.one(&["\n", "\r\n", "\r"]),
        };
        text.push_str(ending);
        match dice.pick(6) {
            0 => text.push_str(ending),
            1 => {
                text.push_str("  \t ");
                text.push_str(ending);
            }
            _ => {}
        }
    }
    let bytes = if cp1252 {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        assert!(!unmappable, "{text:?}");
        if std::str::from_utf8(&bytes).is_err() {
            warnings.insert(0, "not UTF-8; read as windows-1252".to_owned());
        }
        bytes.into_owned()
    } else if utf16 {
        warnings.insert(0, "not UTF-8; read as UTF-16LE".to_owned());
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    } else {
        text.into_bytes()
    };
    Rendered {
        bytes,
        article: expected,
        warnings,
    }
}

/// `text` with every character Windows-1252 cannot hold replaced by `x`.
fn to_cp1252_repertoire(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut buf = [0; 4];
            let (_, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
            if unmappable {
                'x'
            } else {
                c
            }
        })
        .collect()
}

/// Few words, so that headings in the body often match entries of a table.
const HEADING_VOCAB: &[&str] = &["storm", "river", "Launch", "orbit", "漢字", "café"];

/// A line as the chaotic generator mixes them (markers, table rows, headings, FAQ lines,
/// prose, noise), and whether it may carry a tag (structural lines may not: it would
/// change what they are).
fn chaotic_line() -> impl Strategy<Value = (String, bool)> {
    let words = || vec(select(VOCAB), 1..6).prop_map(|w| w.join(" "));
    let heading = || vec(select(HEADING_VOCAB), 1..3).prop_map(|w| w.join(" "));
    let marker = select(
        &[
            "Article Subheadings |",
            "| Article Subheadings |",
            "Subheadings",
            "---|",
            "|---|---|",
            ":--|--:",
            "No. | Key Points |",
            "| No | Key Points |",
            "Key Points",
            "Summary",
            "Summary:",
            "| Summary |",
            "Frequently Asked Questions",
            "FAQ",
            "Q:",
            "A:",
            "|",
            "||",
            "1)",
            "#",
            "**",
        ][..],
    )
    .prop_map(|m| (m.to_owned(), false));
    let entry = (1u32..7, heading(), 0..5usize).prop_map(|(n, w, style)| {
        let line = match style {
            0 => format!("{n}) {w} |"),
            1 => format!("| {n}) {w} |"),
            2 => format!("{n}) {w}"),
            3 => format!("{n} | {w} |"),
            _ => format!("{n}. {w}"),
        };
        (line, false)
    });
    let heading_line = (heading(), 0..7usize).prop_map(|(w, style)| {
        let line = match style {
            0 => w.to_uppercase(),
            1 => format!("{w}:"),
            2 => format!("3) {w}?"),
            3 => format!("## {w}"),
            4 => format!("| {w} |"),
            5 => format!("**{w}**"),
            _ => w,
        };
        (line, false)
    });
    let faq = (
        words(),
        select(
            &[
                "Question: ",
                "Q: ",
                "A: ",
                "Answer: ",
                "**Q:** ",
                "q:",
                "A:",
            ][..],
        ),
    )
        .prop_map(|(w, p)| (format!("{p}{w}"), true));
    let prose = prop_oneof![
        words(),
        words().prop_map(|w| format!("{w}. {w}! \t{w}?")),
        words().prop_map(|w| format!("| {w} | {w} |")),
    ]
    .prop_map(|w| (w, true));
    let noise = prop_oneof![
        "[a-zA-Z0-9 |:.?#*()-]{0,40}",
        "\\PC{0,30}",
        any::<String>().prop_map(|s| s.chars().take(30).collect()),
        Just("\u{1b}]0;title\u{7}x\u{1b}[2Jy\u{1b}]52;c;Zm9v\u{7}z".to_owned()),
    ]
    .prop_map(|w| (w, true));
    prop_oneof![
        4 => marker,
        3 => entry,
        3 => heading_line,
        3 => faq,
        4 => prose,
        1 => noise,
    ]
}

fn chaotic_text() -> impl Strategy<Value = String> {
    (
        vec(
            (
                chaotic_line(),
                select(&["\n", "\r\n", "\r", "\n\n", "\r\r\n", " \n"][..]),
            ),
            0..40,
        ),
        any::<bool>(),
    )
        .prop_map(|(lines, bom)| {
            let mut text = if bom {
                "\u{feff}".to_owned()
            } else {
                String::new()
            };
            for (i, ((mut line, tag), ending)) in lines.into_iter().enumerate() {
                // a tag unique to the line shows where it went
                if tag {
                    line.push_str(&format!(" zq{i}"));
                }
                text.push_str(&line);
                text.push_str(ending);
            }
            text
        })
}

/// Alphanumeric words, lower-cased: what "this text is in there" is checked by.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Words the format itself consumes: marker words, FAQ prefixes.
const STRUCTURAL: &[&str] = &[
    "article",
    "subheadings",
    "no",
    "key",
    "points",
    "point",
    "summary",
    "frequently",
    "asked",
    "questions",
    "question",
    "q",
    "answer",
    "a",
    "faq",
    "faqs",
    "number",
    "n",
];

/// The lines textwrap makes of `text` with the options the reader used it with.
fn textwrap_lines(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width)
        .break_words(true)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|l| l.into_owned())
        .collect()
}

/// Between words: spaces, bytes that are not UTF-8 and would be C1 controls read as Latin-1,
/// and a BEL that would end a C1 string.
const GAPS: &[&[u8]] = &[
    b" ", b" ", b"\n", b" \x9d ", b"\x9d", b"\x90", b" \x90 ", b"\x81 ", b"\x8d", b"\x8f", b"\x98",
    b"\x9e", b"\x9f", b"\x9b", b"\x9c", b"\x85", b"\x95 ", b" \x07 ",
];

fn load_txt(bytes: &[u8]) -> Result<Loaded, LoadError> {
    load_bytes(Source::File("generated.txt".into()), bytes)
}

fn assert_nothing_lost(text: &str, article: &Article) -> Result<(), TestCaseError> {
    let clean = sanitize(
        &decode(text.as_bytes().to_vec())
            .map(|d| d.text)
            .unwrap_or_default(),
    )
    .text;
    let kept: HashSet<String> = article.texts().flat_map(words).collect();
    for line in clean.split(['\n', '\r']).filter(|l| !l.trim().is_empty()) {
        for (i, word) in words(line).enumerate() {
            // a row or section number is the table's, not text
            let row_number = i == 0 && word.chars().all(|c| c.is_ascii_digit());
            if row_number || STRUCTURAL.contains(&word.as_str()) {
                continue;
            }
            prop_assert!(
                kept.contains(&word),
                "word {word:?} of line {line:?} is not in the article: {article:#?}"
            );
        }
    }
    Ok(())
}

fn json_round_trip(article: &Article) -> Result<(), TestCaseError> {
    let json = serde_json::to_string_pretty(article).unwrap();
    let again = load_bytes(Source::File("a.json".into()), json.as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{e}\n{json}")))?;
    prop_assert_eq!(&again.article, article);
    prop_assert_eq!(serde_json::to_string_pretty(&again.article).unwrap(), json);
    prop_assert!(again.warnings.is_empty());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(CASES))]

    #[test]
    fn parse_never_panics_on_any_string(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn loading_never_panics_on_any_bytes(bytes in vec(any::<u8>(), 0..2000), json in any::<bool>()) {
        let name = if json { "x.json" } else { "x.txt" };
        let _ = load_bytes(Source::File(name.into()), &bytes);
        let _ = load_bytes(Source::Stdin, &bytes);
    }

    #[test]
    fn well_formed_articles_parse_exactly(spec in spec()) {
        let rendered = render(&spec);
        let loaded = load_txt(&rendered.bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let warnings: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
        prop_assert_eq!(
            &loaded.article, &rendered.article,
            "input: {:?}", String::from_utf8_lossy(&rendered.bytes)
        );
        prop_assert_eq!(
            warnings, rendered.warnings,
            "input: {:?}", String::from_utf8_lossy(&rendered.bytes)
        );
    }

    #[test]
    fn no_line_is_lost(text in chaotic_text()) {
        match load_txt(text.as_bytes()) {
            Ok(loaded) => assert_nothing_lost(&text, &loaded.article)?,
            Err(LoadError { reason: Reason::Binary, .. }) => {}
            // only markers, or nothing visible: nothing to lose
            Err(LoadError { reason: Reason::Empty, .. }) => {
                assert_nothing_lost(&text, &Article::default())?
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    #[test]
    fn no_line_of_a_well_formed_article_is_lost(spec in spec()) {
        let rendered = render(&spec);
        if let Ok(text) = String::from_utf8(rendered.bytes.clone()) {
            let loaded = load_txt(&rendered.bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
            assert_nothing_lost(&text, &loaded.article)?;
        }
    }

    #[test]
    fn json_round_trips(text in chaotic_text()) {
        if let Ok(loaded) = load_txt(text.as_bytes()) {
            json_round_trip(&loaded.article)?;
        }
    }

    #[test]
    fn json_round_trips_well_formed(spec in spec()) {
        let loaded = load_txt(&render(&spec).bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        json_round_trip(&loaded.article)?;
    }

    #[test]
    fn the_reader_s_document_over_the_text_is_the_parsed_article_s(text in chaotic_text(), width in 1usize..90) {
        use lede::article::document::Document;
        use lede::article::layout::{Layout, Row};
        use lede::article::{open_bytes, Source};
        // what the reader opens (spans of the text read) against a document of copied texts
        let Ok(loaded) = load_txt(text.as_bytes()) else {
            return Ok(());
        };
        let opened = open_bytes(Source::Stdin, text.clone().into_bytes())
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let copied = Document::new(&loaded.article);
        prop_assert!(opened.doc.blocks().eq(copied.blocks()));
        prop_assert_eq!(&opened.doc.outline, &copied.outline);
        prop_assert_eq!(opened.doc.total_words(), copied.total_words());
        // and its rows, kept as starts, hold every character of a block but the spaces wrapped
        // away, in order (a word wider than the line is broken across rows)
        let layout = Layout::new(&opened.doc, width);
        let mut rows: Vec<Vec<&str>> = vec![Vec::new(); opened.doc.len()];
        for row in layout.rows(&opened.doc, 0..usize::MAX) {
            if let Row::Text { block, start, end, .. } = row {
                rows[block as usize].push(&opened.doc.text(block as usize)[start as usize..end as usize]);
            }
        }
        for (b, block) in opened.doc.blocks().enumerate() {
            let unspaced = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            prop_assert_eq!(unspaced(&rows[b].concat()), unspaced(block.text));
        }
    }

    #[test]
    fn a_highlight_resolves_to_exactly_the_words_selected(
        spec in spec(),
        ends in (any::<Index>(), any::<Index>(), any::<Index>(), any::<Index>()),
    ) {
        use lede::article::document::Document;
        use lede::article::layout::Anchor;
        use lede::article::passage::{self, Found, Passage, Range};
        let rendered = render(&spec);
        let doc = Document::new(&rendered.article);
        prop_assume!(!doc.is_empty());
        let at = |block: &Index, byte: &Index| {
            let block = block.index(doc.len());
            let len = doc.text(block).len();
            Anchor { block, byte: byte.index(len + 1) }
        };
        let range = Range::between(at(&ends.0, &ends.1), at(&ends.2, &ends.3));
        let Some(trimmed) = passage::trim(&doc, range) else {
            // nothing but whitespace selected: no passage either
            prop_assert!(Passage::of(&doc, range).is_none());
            return Ok(());
        };
        let passage = Passage::of(&doc, range).expect("words were selected");
        prop_assert_eq!(&passage.words, &passage::text_of(&doc, trimmed));
        let found = passage.resolve(&doc);
        let Found::Exact(again) = found else {
            return Err(TestCaseError::fail(format!("{found:?} for {:?}", passage.words)));
        };
        prop_assert_eq!(passage::text_of(&doc, again), passage.words);
    }

    #[test]
    fn plain_text_is_clean_and_fits(text in chaotic_text(), width in 8usize..100) {
        if let Ok(loaded) = load_txt(text.as_bytes()) {
            let plain = to_plain_text(&loaded.article, width);
            for line in plain.lines() {
                prop_assert!(
                    !line.chars().any(char::is_control),
                    "control character in {line:?}"
                );
                prop_assert!(line.width() <= width, "{line:?} is wider than {width}");
            }
        }
    }

    #[test]
    fn stray_bytes_lose_no_valid_text(
        tail in "\\PC{0,200}",
        stray in vec((any::<Index>(), 0x80u8..=0xFF), 0..=8),
    ) {
        // enough valid non-ASCII that the file reads as UTF-8 with stray bytes, not as Windows-1252
        let valid = format!("café naïve 漢字 {tail}");
        let starts: Vec<usize> = valid.char_indices().map(|(i, _)| i).chain([valid.len()]).collect();
        let mut at: Vec<(usize, u8)> = stray.iter().map(|(i, b)| (*i.get(&starts), *b)).collect();
        at.sort_unstable();
        let mut bytes = Vec::new();
        let mut from = 0;
        for (i, b) in at {
            bytes.extend_from_slice(&valid.as_bytes()[from..i]);
            bytes.push(b);
            from = i;
        }
        bytes.extend_from_slice(&valid.as_bytes()[from..]);
        let decoded = decode(bytes).map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let got = sanitize(&decoded.text).text;
        let mut got_chars = got.chars();
        for c in sanitize(&valid).text.chars() {
            prop_assert!(got_chars.any(|g| g == c), "{c:?} of {valid:?} lost: {got:?}");
        }
    }

    #[test]
    fn decoded_c1_characters_remove_no_word(
        parts in vec((0usize..100, select(vec![" café", " 漢字", "", "", ""]), select(GAPS.to_vec())), 1..40),
    ) {
        let mut bytes = b"The words that follow must all be kept: ".to_vec();
        let mut expected = Vec::new();
        for (i, (n, extra, gap)) in parts.iter().enumerate() {
            // no word is a part of another, however the bytes around it decode
            let word = format!("w{i}x{n}q");
            bytes.extend_from_slice(word.as_bytes());
            bytes.extend_from_slice(extra.as_bytes());
            bytes.extend_from_slice(gap);
            expected.push(word);
        }
        let loaded = match load_txt(&bytes) {
            // a short text that is mostly BELs is rightly taken for binary data
            Err(LoadError { reason: Reason::Binary, .. }) => return Err(TestCaseError::reject("binary")),
            other => other.map_err(|e| TestCaseError::fail(e.to_string()))?,
        };
        let kept = loaded.article.texts().collect::<Vec<_>>().join("\n");
        for word in expected {
            prop_assert!(kept.contains(&word), "{word} lost from {:?}: {:#?}", String::from_utf8_lossy(&bytes), loaded.article);
        }
    }

    // textwrap breaks a long word between chars; ours between graphemes, so the comparison
    // keeps to text whose graphemes are single chars
    #[test]
    fn wrapping_is_textwrap_first_fit(
        text in "([ ]{0,3}([a-zA-Z0-9!?;:]{0,12}|[a-z]{1,30}|漢字|[-.,]))*",
        width in 1usize..40,
    ) {
        let ours: Vec<&str> = wrap::lines(&text, width).map(|(s, e)| &text[s..e]).collect();
        prop_assert_eq!(ours, textwrap_lines(&text, width));
    }

    #[test]
    fn wrapping_never_splits_a_grapheme(
        text in "([ ]{0,3}([a-zA-Z0-9]{0,12}|[a-z]{1,30}|漢字|👩\u{200d}👩\u{200d}👧|e\u{301}|[-.,]))*",
        width in 1usize..40,
    ) {
        use unicode_segmentation::UnicodeSegmentation;
        let bounds: std::collections::BTreeSet<usize> =
            text.grapheme_indices(true).map(|(i, _)| i).chain([text.len()]).collect();
        for (s, e) in wrap::lines(&text, width) {
            prop_assert!(bounds.contains(&s) && bounds.contains(&e), "{:?} cut at {}..{}", text, s, e);
        }
    }
}
