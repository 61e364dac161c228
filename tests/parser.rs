//! The parser against one fixture per FORMAT.md variation, and against the sample articles.

use lede::article::{load_bytes, parse, Article, FaqEntry, Loaded, Section, Source};
use std::path::{Path, PathBuf};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn load_fixture(name: &str) -> Loaded {
    let path = fixture_path(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    load_bytes(Source::File(path), &bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn warnings(loaded: &Loaded) -> Vec<String> {
    loaded.warnings.iter().map(ToString::to_string).collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn section(heading: &str, paragraphs: &[&str]) -> Section {
    Section {
        heading: heading.to_owned(),
        paragraphs: strings(paragraphs),
    }
}

fn faq(question: &str, answer: &[&str]) -> FaqEntry {
    FaqEntry {
        question: question.to_owned(),
        answer: strings(answer),
    }
}

/// The article every line-level variation of `make_fixtures.py`'s BASE must parse to.
fn kestrel() -> Article {
    Article {
        title: "Engineers launched the Kestrel weather satellite on Monday.".into(),
        lead: strings(&[
            "Engineers launched the Kestrel weather satellite on Monday. It will watch storms over the Atlantic.",
        ]),
        sections: vec![
            section(
                "The Launch",
                &[
                    "The rocket lifted off at dawn from the coastal pad.",
                    "Crowds watched from the beach as it climbed.",
                ],
            ),
            section(
                "The Orbit",
                &["Kestrel reached its planned orbit after forty minutes."],
            ),
        ],
        key_points: strings(&[
            "Kestrel launched on Monday.",
            "It reached orbit after forty minutes.",
        ]),
        summary: strings(&["The launch went to plan and the satellite is healthy."]),
        faq: vec![
            faq("What will Kestrel watch?", &["Storms over the Atlantic."]),
            faq("When will data arrive?", &["Within a month of launch."]),
        ],
    }
}

#[test]
fn line_endings_bom_and_blank_lines_do_not_change_the_article() {
    for name in [
        "crlf.txt",
        "cr.txt",
        "bom.txt",
        "no_final_newline.txt",
        "mixed_line_endings.txt",
        "blank_lines.txt",
    ] {
        let loaded = load_fixture(name);
        assert_eq!(loaded.article, kestrel(), "{name}");
        assert_eq!(warnings(&loaded), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn the_fixture_bytes_are_what_their_names_say() {
    let bytes = |name| std::fs::read(fixture_path(name)).unwrap();
    assert_eq!(
        bytes("crlf.txt")
            .windows(2)
            .filter(|w| w == b"\r\n")
            .count(),
        21
    );
    assert!(!bytes("cr.txt").contains(&b'\n'));
    assert!(bytes("bom.txt").starts_with(b"\xEF\xBB\xBF"));
    assert!(!bytes("no_final_newline.txt").ends_with(b"\n"));
    assert!(std::str::from_utf8(&bytes("windows1252.txt")).is_err());
}

#[test]
fn pipes_around_table_rows() {
    let loaded = load_fixture("pipes.txt");
    let a = &loaded.article;
    assert_eq!(
        a.sections,
        vec![
            section(
                "The Launch",
                &["The rocket lifted off at dawn from the coastal pad."]
            ),
            section(
                "The Orbit",
                &["Kestrel reached its planned orbit after forty minutes."]
            ),
        ]
    );
    assert_eq!(
        a.key_points,
        strings(&[
            "Kestrel launched on Monday.",
            "A \"quoted\" point | with a pipe inside.",
        ])
    );
    assert_eq!(a.summary, strings(&["The launch went to plan."]));
    assert!(a.faq.is_empty());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn tables_without_any_pipes() {
    let loaded = load_fixture("no_pipes.txt");
    let a = &loaded.article;
    let headings: Vec<_> = a.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(headings, ["The Launch", "The Orbit"]);
    assert_eq!(
        a.sections[0].paragraphs,
        strings(&["The rocket lifted off at dawn from the coastal pad."])
    );
    assert_eq!(
        a.key_points,
        strings(&[
            "Kestrel launched on Monday.",
            "It reached orbit after forty minutes.",
        ])
    );
    assert_eq!(a.summary, strings(&["The launch went to plan."]));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn heading_lines_differing_from_the_table_take_the_tables_spelling() {
    let loaded = load_fixture("heading_variants.txt");
    assert_eq!(
        loaded.article.sections,
        vec![
            section("The Flood", &["Water rose two metres in a single night."]),
            section(
                "What Was Lost",
                &["Forty homes and the old bridge were destroyed."]
            ),
            section("Who Paid?", &["Insurers covered most of the damage."]),
            section(
                "Restoration Efforts",
                &["Volunteers cleared the streets within a week."]
            ),
            section(
                "Next Steps",
                &["A new flood wall is planned for next spring."]
            ),
        ]
    );
    assert_eq!(
        loaded.article.lead,
        strings(&[
            "The river town spent a year rebuilding after the flood. Most shops have reopened."
        ])
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn subheadings_table_before_the_lead() {
    let loaded = load_fixture("table_before_lead.txt");
    let a = &loaded.article;
    assert_eq!(
        a.title,
        "Councillors approved the new cycle lanes on Thursday by nine votes to four."
    );
    assert_eq!(
        a.lead,
        strings(&[
            "Councillors approved the new cycle lanes on Thursday by nine votes to four.",
            "Work is expected to start in the autumn.",
        ])
    );
    assert_eq!(
        a.sections,
        vec![
            section("The Vote", &["The debate lasted more than three hours."]),
            section(
                "The Reaction",
                &["Shop owners on the high street were divided."]
            ),
        ]
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn faq_prefixes_are_removed() {
    let loaded = load_fixture("qa_prefixes.txt");
    assert_eq!(
        loaded.article.faq,
        vec![
            faq(
                "Which branches open on Sundays?",
                &["The central library and the harbour branch."]
            ),
            faq(
                "What are the hours?",
                &["Eleven in the morning until four in the afternoon."]
            ),
            faq("Is there a cost?", &["No, entry stays free."]),
            faq(
                "Can I return books on Sundays?",
                &["Yes, at both branches."]
            ),
        ]
    );
    assert!(loaded.article.sections.is_empty());
    assert!(loaded.article.summary.is_empty());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn answers_of_several_lines() {
    let loaded = load_fixture("multiline_answers.txt");
    assert_eq!(
        loaded.article.faq,
        vec![
            faq(
                "Why are the pipes being replaced?",
                &[
                    "Many were laid before 1920.",
                    "Some are made of lead.",
                    "Leaks waste a fifth of the water supplied.",
                ]
            ),
            faq(
                "How much will bills rise?",
                &[
                    "About three percent a year.",
                    "The rise is capped by the regulator.",
                ]
            ),
            faq("Will streets be closed?", &["Only one street at a time."]),
        ]
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn an_article_with_no_markers_is_all_lead() {
    let loaded = load_fixture("missing_everything.txt");
    let a = &loaded.article;
    // a two-sentence opening paragraph is prose, not a headline
    assert_eq!(a.title, "A short notice with no structure at all.");
    assert_eq!(
        a.lead,
        strings(&[
            "A short notice with no structure at all. It has two paragraphs.",
            "This is the second paragraph of the notice, and it is rather longer than the first one.",
        ])
    );
    assert!(a.sections.is_empty());
    assert!(a.key_points.is_empty());
    assert!(a.summary.is_empty());
    assert!(a.faq.is_empty());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_short_first_sentence_is_not_a_title() {
    let loaded = load_fixture("short_first_paragraph.txt");
    let a = &loaded.article;
    assert_eq!(a.title, "The pool will close in June.");
    assert_eq!(
        a.lead,
        strings(&[
            "The pool will close in June.",
            "The town's only public pool will close for three months while its roof and changing rooms are replaced.",
        ])
    );
}

#[test]
fn missing_tables() {
    let loaded = load_fixture("missing_tables.txt");
    let a = &loaded.article;
    assert_eq!(
        a.lead,
        strings(&[
            "The ferry service will resume on Friday after repairs. Timetables are unchanged.",
            "Engineers replaced a damaged propeller shaft.",
        ])
    );
    assert!(a.sections.is_empty());
    assert!(a.key_points.is_empty());
    assert_eq!(a.summary, strings(&["Ferries run again from Friday."]));
    assert_eq!(
        a.faq,
        vec![faq(
            "Are tickets still valid?",
            &["Yes, all existing tickets are valid."]
        )]
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn missing_faq_and_summary() {
    let loaded = load_fixture("missing_faq_and_summary.txt");
    let a = &loaded.article;
    assert_eq!(
        a.sections,
        vec![section(
            "Sixty Years of Bread",
            &["The bakery opened in 1964 and never missed a Christmas."]
        )]
    );
    assert_eq!(a.key_points, strings(&["The Mill Lane bakery has closed."]));
    assert!(a.summary.is_empty());
    assert!(a.faq.is_empty());
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn a_table_entry_without_its_section_is_a_warning_not_text() {
    let loaded = load_fixture("orphan_entry.txt");
    let a = &loaded.article;
    assert_eq!(
        a.sections,
        vec![
            section("The Refit", &["New lighting and a lift were installed."]),
            section("The Missing Section", &[]),
            section(
                "The Visitors",
                &["Ten thousand people came in the first week."]
            ),
        ]
    );
    assert_eq!(
        warnings(&loaded),
        ["section 2 \"The Missing Section\" is listed in the subheadings table but never appears"]
    );
    assert!(a.texts().all(|t| !t.contains("never appears")));
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let loaded = load_fixture("windows1252.txt");
    let a = &loaded.article;
    assert_eq!(
        a.lead,
        strings(&[
            "The café on Rue René reopened — to “great relief”. It serves crème brûlée again."
        ])
    );
    assert_eq!(
        a.sections,
        vec![section(
            "The Café’s Return",
            &["Prices are €3 for a coffee, the owner’s choice."]
        )]
    );
    assert_eq!(warnings(&loaded), ["not UTF-8; read as windows-1252"]);
}

#[test]
fn any_script_survives_and_tabs_become_spaces() {
    let loaded = load_fixture("unicode.txt");
    let a = &loaded.article;
    assert_eq!(a.title, "東京の新しい図書館が月曜日に開館した。");
    assert_eq!(
        a.lead,
        strings(&["東京の新しい図書館が月曜日に開館した。市民が列を作った。"])
    );
    assert_eq!(
        a.sections,
        vec![
            section(
                "開館",
                &["👩\u{200d}👩\u{200d}👧 families came; 🇯🇵 flags waved; e\u{301} and n\u{303} keep their marks."]
            ),
            section(
                "Café Naïve Ω",
                &[
                    "Col1    Col2    Col3",
                    "See https://example.com/a/very/long/path/that/is/longer/than/any/screen/line/that/anyone/would/ever/use/in/a/terminal/window/at/all for details.",
                    "مرحبا بالعالم and עברית text stay as they are.",
                ]
            ),
        ]
    );
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn control_characters_and_escape_sequences_are_removed() {
    let loaded = load_fixture("control_chars.txt");
    let a = &loaded.article;
    assert_eq!(a.title, "The council met on Monday.");
    assert_eq!(
        a.lead,
        strings(&["The council met on Monday. It agreed the budget."])
    );
    assert_eq!(
        a.sections,
        vec![section(
            "The Budget",
            &[
                "Spending rises by two percent.",
                "Bell and C1 controls and direction marks go.",
            ]
        )]
    );
    assert_eq!(a.summary, strings(&["A calm meeting."]));
    for text in a.texts() {
        assert!(
            !text.chars().any(char::is_control),
            "control character left in {text:?}"
        );
        assert!(
            !text.contains("pwned") && !text.contains("cm0g"),
            "{text:?}"
        );
    }
    assert_eq!(
        warnings(&loaded),
        ["removed 14 control character(s) or escape sequence(s)"]
    );
}

#[test]
fn a_stray_line_after_the_faq_heading_is_kept() {
    let loaded = load_fixture("stray_after_faq.txt");
    let a = &loaded.article;
    assert_eq!(
        a.summary,
        strings(&[
            "The pool closes for the summer.",
            "Here are the questions readers asked most.",
        ])
    );
    assert_eq!(
        a.faq,
        vec![faq(
            "Where can I swim instead?",
            &["The leisure centre in Eastgate."]
        )]
    );
    assert_eq!(
        warnings(&loaded),
        ["line 5: text before the first FAQ question kept in the summary"]
    );
}

#[test]
fn a_short_first_line_over_a_longer_paragraph_is_the_title() {
    let loaded = load_fixture("title_line.txt");
    let a = &loaded.article;
    assert_eq!(a.title, "Pool to Close for Summer Repairs");
    assert_eq!(
        a.lead,
        strings(&["The town's only public pool will close in June for three months while its roof is replaced."])
    );
    assert_eq!(a.summary, strings(&["The pool closes for the summer."]));
}

fn sample(name: &str) -> Loaded {
    let sample = lede::samples::find(name).unwrap_or_else(|| panic!("no sample {name}"));
    load_bytes(Source::Bundled(name.to_owned()), sample.text.as_bytes()).unwrap()
}

#[test]
fn the_seed_article() {
    let loaded = sample("000_addf95f289c0a8cc.txt");
    let a = &loaded.article;
    assert_eq!(
        a.title,
        "In a significant diplomatic development, White House envoy Steve Witkoff met with Russian President Vladimir Putin in St. Petersburg on Friday, aiming to revive stalled peace talks regarding the ongoing conflict with Ukraine."
    );
    assert_eq!(a.lead.len(), 1);
    assert!(a.lead[0].ends_with("since the conflict began."));
    let headings: Vec<_> = a.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "Context of the Meeting",
            "U.S. Strategy and Reaction",
            "Recent Developments in Ukraine",
            "Humanitarian Impact and Casualties",
            "Future Implications and Outlook",
        ]
    );
    for s in &a.sections {
        assert_eq!(s.paragraphs.len(), 3, "{}", s.heading);
    }
    assert!(a.sections[1].paragraphs[0].starts_with("During the meeting, White House"));
    assert_eq!(a.key_points.len(), 5);
    assert_eq!(
        a.key_points[0],
        "White House envoy Steve Witkoff met with Vladimir Putin in St. Petersburg to discuss stalled peace negotiations with Ukraine."
    );
    assert_eq!(a.summary.len(), 1);
    let questions: Vec<_> = a.faq.iter().map(|f| f.question.as_str()).collect();
    assert_eq!(
        questions,
        [
            "What are the main objectives of the Witkoff-Putin meeting?",
            "How has the humanitarian situation been affected by the ongoing conflict?",
            "What implications could the negotiations have on international relations?",
        ]
    );
    for f in &a.faq {
        assert_eq!(f.answer.len(), 1, "{}", f.question);
    }
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn the_seed_file_in_shared_matches_the_bundled_copy() {
    let shared = Path::new("/work/shared/articles/000_addf95f289c0a8cc.txt");
    if let Ok(text) = std::fs::read_to_string(shared) {
        assert_eq!(
            text,
            lede::samples::find("000_addf95f289c0a8cc.txt")
                .unwrap()
                .text
        );
    }
}

#[test]
fn the_lunar_sample() {
    let loaded = sample("001_lunar_ice_probe.txt");
    let a = &loaded.article;
    assert!(a.title.starts_with("A small robotic probe"));
    assert_eq!(a.lead.len(), 1);
    assert_eq!(a.sections.len(), 5);
    assert!(a.sections.iter().all(|s| s.paragraphs.len() == 3));
    assert_eq!(a.sections[4].heading, "What Comes After Halcyon");
    assert_eq!(a.key_points.len(), 5);
    assert_eq!(a.summary.len(), 1);
    assert_eq!(a.faq.len(), 3);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn the_food_hall_sample_shows_variations() {
    let loaded = sample("002_cannery_food_hall.txt");
    let a = &loaded.article;
    assert_eq!(
        a.title,
        "Shuttered Cannery Reopens as a Food Hall in Port Aldren"
    );
    assert_eq!(a.lead.len(), 1);
    let headings: Vec<_> = a.sections.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "From Cannery to Food Hall",
            "Who Paid for It",
            "Jobs and Wages",
            "The High Street Effect",
            "Worries About Rents",
        ]
    );
    assert!(a.sections.iter().all(|s| s.paragraphs.len() == 3));
    assert_eq!(a.key_points.len(), 5);
    assert_eq!(a.summary.len(), 1);
    assert_eq!(
        a.faq[0],
        faq(
            "When is the food hall open?",
            &[
                "The hall is open from 8 a.m. to 10 p.m. from Wednesday to Sunday.",
                "The brewery taproom stays open until 11 p.m. on Fridays and Saturdays.",
            ]
        )
    );
    assert_eq!(a.faq.len(), 3);
    assert_eq!(a.faq[2].answer.len(), 2);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn every_sample_is_registered_and_parses_cleanly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    files.sort();
    let names: Vec<&str> = lede::samples::SAMPLES.iter().map(|s| s.name).collect();
    assert_eq!(files, names);
    assert!(names.len() >= 3);
}

// Smaller cases straight through `parse`, for rules the fixtures do not isolate.

#[test]
fn a_heading_right_after_a_short_lead_does_not_make_it_a_title() {
    let a = parse(
        "Markets fell\nArticle Subheadings |\n---|\n1) Why Shares Dropped Sharply on Monday |\nWhy Shares Dropped Sharply on Monday\nTraders blamed rates.\n",
    )
    .article;
    assert_eq!(a.lead, strings(&["Markets fell"]));
    assert_eq!(a.title, "Markets fell");
    assert_eq!(
        a.sections,
        vec![section(
            "Why Shares Dropped Sharply on Monday",
            &["Traders blamed rates."]
        )]
    );
}

#[test]
fn a_title_line_may_stand_over_a_table_that_comes_before_the_lead() {
    let a = parse(
        "Cycle Lanes Approved\nArticle Subheadings |\n---|\n1) The Vote |\nCouncillors approved the new cycle lanes on Thursday.\nThe Vote\nNine to four.\n",
    )
    .article;
    assert_eq!(a.title, "Cycle Lanes Approved");
    assert_eq!(
        a.lead,
        strings(&["Councillors approved the new cycle lanes on Thursday."])
    );
    assert_eq!(a.sections, vec![section("The Vote", &["Nine to four."])]);
}

#[test]
fn a_heading_that_keeps_its_number_right_after_the_table() {
    let p = parse(
        "Lead text of the article.\n| Article Subheadings |\n|---|\n| 1) The Launch |\n| 2) The Orbit |\n1) The Launch\nUp it went.\n2) The Orbit:\nRound it goes.\n",
    );
    assert_eq!(
        p.article.sections,
        vec![
            section("The Launch", &["Up it went."]),
            section("The Orbit", &["Round it goes."]),
        ]
    );
    assert!(p.warnings.is_empty(), "{:?}", p.warnings);
}

#[test]
fn json_missing_parts_are_empty() {
    let loaded = load_bytes(
        Source::File("x.json".into()),
        br#"{"title": "T", "lead": ["L."]}"#,
    )
    .unwrap();
    assert_eq!(
        loaded.article,
        Article {
            title: "T".into(),
            lead: strings(&["L."]),
            ..Article::default()
        }
    );
}

#[test]
fn json_without_a_title_gets_one_derived() {
    let loaded = load_bytes(
        Source::File("x.json".into()),
        br#"{"lead": ["First sentence here. Second one."]}"#,
    )
    .unwrap();
    assert_eq!(loaded.article.title, "First sentence here.");
}

#[test]
fn json_text_is_sanitised() {
    let loaded = load_bytes(
        Source::File("x.json".into()),
        b"{\"title\": \"T\\u001b]0;x\\u0007\", \"lead\": [\"a\\tb\\nc\"]}",
    )
    .unwrap();
    assert_eq!(loaded.article.title, "T");
    assert_eq!(loaded.article.lead, strings(&["a   b c"]));
}
