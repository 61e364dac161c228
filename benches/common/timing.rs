//! The benches' own timing harness: no framework, to keep the build lean. Each figure is the
//! median of several runs; `cargo bench -- NAME` runs only the figures whose name holds NAME.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Whether a figure's name matches the filters given on the command line, if any.
pub fn wanted(name: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    filters.is_empty() || filters.iter().any(|f| name.contains(f.as_str()))
}

/// Runs `f` when its name matches a filter given on the command line (`cargo bench -- layout`).
pub fn time<T>(name: &str, runs: usize, mut f: impl FnMut() -> T) {
    if !wanted(name) {
        return;
    }
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    println!("{name:<44} {:>12.3?}  (median of {runs})", median);
}

/// As [`time`], for figures measured inside `f`: the median of the durations it returns.
#[allow(dead_code)]
pub fn median(name: &str, runs: usize, mut f: impl FnMut() -> Duration) {
    if !wanted(name) {
        return;
    }
    report(name, (0..runs).map(|_| f()).collect());
}

/// Prints the median of `times`, durations measured elsewhere, under `name`.
#[allow(dead_code)]
pub fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let runs = times.len();
    println!("{name:<44} {:>12.3?}  (median of {runs})", times[runs / 2]);
}

/// As [`time`], with a fresh input for each run: `setup` makes it untimed, `f` is timed on it,
/// and what `f` returns is dropped after the clock stops.
#[allow(dead_code)]
pub fn time_with<I, T>(
    name: &str,
    runs: usize,
    mut setup: impl FnMut() -> I,
    mut f: impl FnMut(I) -> T,
) {
    median(name, runs, || {
        let input = setup();
        let start = Instant::now();
        let out = black_box(f(input));
        let elapsed = start.elapsed();
        drop(out);
        elapsed
    });
}
