//! Writes N articles in the seed's shape into DIR, byte for byte those of the project's
//! `gen_articles.py titled DIR N` (the same Mersenne Twister, seeded 42, drawn in the same
//! order): `cargo run --release --example gen_titled -- DIR N`. Each file, `DIR/NNNNN.txt`,
//! is about 15 KB: a title line `Library item NNNNN`, a lead, five sections, five key points,
//! a summary and three questions, in words of a small pool.
//!
//! "coral" is in every article; "09999" in one title (of 10,000 or more): a common and a rare word.

use std::io::{self, Write as _};
use std::path::Path;

const WORDS: &str = "the a of to and in on for with as by from that this these ongoing diplomatic
meeting talks officials council government report survey city region minister residents
ceasefire negotiations humanitarian economy transit reef coral probe launch agreement
pressure leverage frustration casualties displaced shelter medical services assistance
international regional stability security analysts observers suggest express emphasize
renewed efforts dialogue progress escalation hostilities settlement durable comprehensive
critical urgent complex multifaceted significant severe gradual precarious profound";

/// Python's `random.Random`: MT19937, seeded from an int as `init_by_array`, with its
/// `_randbelow` (the fewest bits that hold `n`, drawn again while too large).
struct PyRandom {
    state: [u32; 624],
    index: usize,
}

impl PyRandom {
    fn new(seed: u32) -> PyRandom {
        let mut state = [0u32; 624];
        state[0] = 19_650_218;
        for i in 1..624 {
            let prev = state[i - 1];
            state[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        // init_by_array with the one key word `seed`
        let (mut i, mut j) = (1usize, 0u32);
        for _ in 0..624 {
            let prev = state[i - 1];
            state[i] = (state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(seed)
                .wrapping_add(j);
            i += 1;
            j = 0; // the key has one word: j wraps at once
            if i >= 624 {
                state[0] = state[623];
                i = 1;
            }
        }
        for _ in 0..623 {
            let prev = state[i - 1];
            state[i] = (state[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941))
                .wrapping_sub(i as u32);
            i += 1;
            if i >= 624 {
                state[0] = state[623];
                i = 1;
            }
        }
        state[0] = 0x8000_0000;
        PyRandom { state, index: 624 }
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= 624 {
            for k in 0..624 {
                let y = (self.state[k] & 0x8000_0000) | (self.state[(k + 1) % 624] & 0x7fff_ffff);
                let mag = if y & 1 == 1 { 0x9908_b0df } else { 0 };
                self.state[k] = self.state[(k + 397) % 624] ^ (y >> 1) ^ mag;
            }
            self.index = 0;
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    fn below(&mut self, n: usize) -> usize {
        let bits = usize::BITS - n.leading_zeros();
        loop {
            let r = (self.next_u32() >> (32 - bits)) as usize;
            if r < n {
                return r;
            }
        }
    }

    fn randint(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn choice<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

struct Writer {
    rng: PyRandom,
    words: Vec<&'static str>,
}

impl Writer {
    fn sentence(&mut self, n: Option<usize>) -> String {
        let n = n.unwrap_or_else(|| self.rng.randint(12, 28));
        let words: Vec<&str> = (0..n).map(|_| self.rng.choice(&self.words)).collect();
        let mut text = words.join(" ");
        text[..1].make_ascii_uppercase();
        text.push('.');
        text
    }

    fn paragraph(&mut self, sentences: Option<usize>) -> String {
        let n = sentences.unwrap_or_else(|| self.rng.randint(3, 5));
        let all: Vec<String> = (0..n).map(|_| self.sentence(None)).collect();
        all.join(" ")
    }

    fn heading(&mut self, i: usize) -> String {
        let mut first = self.rng.choice(&self.words).to_owned();
        first[..1].make_ascii_uppercase();
        let second = self.rng.choice(&self.words);
        let third = self.rng.choice(&self.words);
        format!("{first} {second} {third} part {i}")
    }

    fn article(&mut self, sections: usize) -> String {
        let heads: Vec<String> = (1..=sections).map(|i| self.heading(i)).collect();
        let mut out = vec![
            self.paragraph(None),
            "Article Subheadings |".to_owned(),
            "---|".to_owned(),
        ];
        out.extend(
            heads
                .iter()
                .enumerate()
                .map(|(i, h)| format!("{}) {h} |", i + 1)),
        );
        for h in &heads {
            out.push(h.clone());
            for _ in 0..3 {
                let p = self.paragraph(None);
                out.push(p);
            }
        }
        out.push("No. | Key Points |".to_owned());
        out.push("---|---|".to_owned());
        for i in 1..=5 {
            let s = self.sentence(None);
            out.push(format!("{i} | {s} |"));
        }
        out.push("Summary".to_owned());
        let summary = self.paragraph(None);
        out.push(summary);
        out.push("Frequently Asked Questions".to_owned());
        for _ in 0..3 {
            let question = self.sentence(Some(8));
            out.push(format!("Question: {}?", &question[..question.len() - 1]));
            let answer = self.paragraph(Some(2));
            out.push(answer);
        }
        out.join("\n") + "\n"
    }
}

/// Writes `n` titled articles into `dir` (made if missing), one folder.
pub fn generate(dir: &Path, n: usize) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut writer = Writer {
        rng: PyRandom::new(42),
        words: WORDS.split_whitespace().collect(),
    };
    for i in 0..n {
        let text = writer.article(5);
        let mut file = io::BufWriter::new(std::fs::File::create(dir.join(format!("{i:05}.txt")))?);
        write!(file, "Library item {i:05}\n{text}")?;
        file.flush()?;
    }
    Ok(())
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(Ok(n))) = (args.first(), args.get(1).map(|n| n.parse::<usize>())) else {
        eprintln!("usage: gen_titled DIR N");
        std::process::exit(2);
    };
    if let Err(e) = generate(Path::new(dir), n) {
        eprintln!("gen_titled: {dir}: {e}");
        std::process::exit(1);
    }
}
