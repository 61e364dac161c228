//! Writes a library of N generated articles in the lede format into DIR, in a few sub-folders:
//! `cargo run --release --example gen_library -- DIR N`. The same N gives the same files.
//!
//! A few articles mention a "reef" (every 400th in its body, every 1,000th in its title), so
//! a search has something rare to find.

use std::fmt::Write as _;
use std::io;
use std::path::Path;

const TOPICS: &[&str] = &[
    "harbour",
    "election",
    "vaccine",
    "railway",
    "drought",
    "satellite",
    "museum",
    "tariff",
    "glacier",
    "startup",
    "stadium",
    "orchestra",
    "pipeline",
    "refinery",
    "vineyard",
    "bridge",
    "wildfire",
    "telescope",
    "ferry",
    "library",
    "minister",
    "council",
    "festival",
    "reactor",
];
const PLACES: &[&str] = &[
    "Lisbon",
    "Nairobi",
    "Osaka",
    "Quito",
    "Tromsø",
    "Adelaide",
    "Kraków",
    "Halifax",
    "Dakar",
    "Valparaíso",
    "Tbilisi",
    "Winnipeg",
    "Gdańsk",
    "Cebu",
    "Porto",
    "Accra",
];
const VERBS: &[&str] = &[
    "reopens",
    "expands",
    "faces scrutiny",
    "wins approval",
    "delays plans",
    "draws crowds",
    "cuts costs",
    "sparks debate",
    "breaks records",
    "seeks funding",
];
const WORDS: &[&str] = &[
    "officials",
    "said",
    "the",
    "plan",
    "would",
    "residents",
    "council",
    "weeks",
    "after",
    "funding",
    "report",
    "engineers",
    "local",
    "season",
    "public",
    "data",
    "workers",
    "new",
    "measures",
    "across",
    "region",
    "experts",
    "warned",
    "costs",
    "rose",
    "during",
    "spring",
    "survey",
    "showed",
    "support",
    "among",
    "families",
    "project",
    "began",
    "earlier",
    "than",
    "expected",
    "critics",
    "argued",
    "that",
    "budget",
    "remained",
    "unclear",
    "while",
    "others",
    "welcomed",
    "decision",
    "several",
    "groups",
    "called",
    "for",
    "more",
    "time",
];
const HEADINGS: &[&str] = &[
    "Background",
    "What Happened",
    "The Reaction",
    "Costs and Funding",
    "Voices From the Ground",
    "What Experts Say",
    "The Road Ahead",
    "A Long History",
    "Numbers Behind the Story",
    "Questions That Remain",
];

/// A small seeded generator (xorshift64*): the same library on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn sentence(&mut self, topic: &str) -> String {
        let len = 8 + self.below(8);
        let mut words: Vec<&str> = (0..len).map(|_| self.pick(WORDS)).collect();
        let at = self.below(len);
        words[at] = topic;
        let mut text = words.join(" ");
        text[..1].make_ascii_uppercase();
        text.push('.');
        text
    }

    fn paragraph(&mut self, topic: &str) -> String {
        let count = 2 + self.below(3);
        (0..count)
            .map(|_| self.sentence(topic))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The text of article `i`.
pub fn article(i: usize) -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64).wrapping_mul(0x1000_0000_01b3) | 1);
    let topic = rng.pick(TOPICS);
    let place = rng.pick(PLACES);
    let subject = if i % 1000 == 7 { "reef" } else { topic };
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{} {} {} in {place}",
        cap(subject),
        rng.pick(VERBS),
        i
    );
    let _ = writeln!(text, "{}", rng.paragraph(topic));
    let sections = 3 + rng.below(6);
    let mut headings: Vec<&str> = HEADINGS.to_vec();
    headings.truncate(sections.max(3));
    text.push_str("Article Subheadings |\n---|\n");
    for (n, heading) in headings.iter().enumerate() {
        let _ = writeln!(text, "{}) {heading} |", n + 1);
    }
    for (n, heading) in headings.iter().enumerate() {
        let _ = writeln!(text, "{heading}");
        for p in 0..1 + rng.below(3) {
            let mut paragraph = rng.paragraph(topic);
            if i % 400 == 3 && n == 1 && p == 0 {
                paragraph.push_str(" Divers surveyed the coral reef off the coast.");
            }
            let _ = writeln!(text, "{paragraph}");
        }
    }
    text.push_str("No. | Key Points |\n---|---|\n");
    for n in 1..=3 + rng.below(3) {
        let _ = writeln!(text, "{n} | {} |", rng.sentence(topic));
    }
    let _ = writeln!(text, "Summary\n{}", rng.paragraph(topic));
    text.push_str("Frequently Asked Questions\n");
    for _ in 0..2 + rng.below(2) {
        let _ = writeln!(
            text,
            "Question: What happens next for the {topic} in {place}?\n{}",
            rng.paragraph(topic)
        );
    }
    text
}

fn cap(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().chain(chars).collect::<String>()
    })
}

/// Writes `n` articles into `dir`, spread over a few sub-folders.
pub fn generate(dir: &Path, n: usize) -> io::Result<()> {
    let folders = ["world", "science", "local/city", "local/region", ""];
    for folder in folders {
        std::fs::create_dir_all(dir.join(folder))?;
    }
    for i in 0..n {
        let path = dir
            .join(folders[i % folders.len()])
            .join(format!("{i:05}.txt"));
        std::fs::write(path, article(i))?;
    }
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(n))) = (args.first(), args.get(1).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: gen_library DIR N");
        std::process::exit(2);
    };
    if let Err(e) = generate(Path::new(dir), n) {
        eprintln!("gen_library: {dir}: {e}");
        std::process::exit(1);
    }
}
