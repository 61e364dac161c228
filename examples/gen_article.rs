//! Writes one big synthetic article, deterministic: `cargo run --release --example gen_article
//! -- OUT.txt [SECTIONS]` (20,000 sections by default, about 41 MB: the one `scripts/measure.py`
//! uses). About 2 KB a section: `cargo bench --bench reader` times 5, 500 and 20,000 sections
//! (about 10 KB, 1 MB and 41 MB).

use std::io::Write;

/// The article's text: a lead, the table of subheadings, `sections` sections of six long
/// paragraphs, key points and a summary.
pub fn big_article(sections: usize) -> String {
    let sentence = "The delegation met again on Tuesday to weigh a ceasefire proposal, and officials said talks would continue through the week despite deep disagreements over the terms. ";
    let paragraph = sentence.repeat(2);
    let mut text = String::from(
        "A lead paragraph that opens the very long article about negotiations.\nArticle Subheadings |\n---|\n",
    );
    for i in 1..=sections {
        text.push_str(&format!("{i}) Section number {i} |\n"));
    }
    for i in 1..=sections {
        text.push_str(&format!("Section number {i}\n"));
        for _ in 0..6 {
            text.push_str(&paragraph);
            text.push('\n');
        }
    }
    text.push_str(
        "No. | Key Points |\n---|---|\n1 | The article is long. |\nSummary\nIt was long.\n",
    );
    text
}

#[allow(dead_code)]
fn main() {
    let mut args = std::env::args().skip(1);
    let Some(out) = args.next() else {
        eprintln!("usage: gen_article OUT.txt [SECTIONS]");
        std::process::exit(2);
    };
    let sections = args.next().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let text = big_article(sections);
    let mut file = std::fs::File::create(&out).expect("the output file");
    file.write_all(text.as_bytes()).expect("written");
    eprintln!(
        "{out}: {:.1} MB, {sections} sections",
        text.len() as f64 / 1e6
    );
}
