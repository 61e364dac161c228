//! Placeholder until the library core lands: lists the files given, nothing more.

use super::{FoundFile, ScanEvent};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Roots(Vec<PathBuf>),
    Files(Vec<FoundFile>),
}

pub struct Scan;

impl Scan {
    pub fn start(
        target: Target,
        _store_dir: Option<PathBuf>,
        _max_size: u64,
        events: impl Fn(ScanEvent) + Send + Sync + 'static,
    ) -> Scan {
        if let Target::Files(files) = target {
            events(ScanEvent::Listed(files));
        }
        events(ScanEvent::Finished);
        Scan
    }

    pub fn cancel(&self) {}
}
