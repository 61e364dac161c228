//! The reader on a terminal.

use crate::article::Loaded;

pub fn run(_articles: Vec<Loaded>) -> std::io::Result<()> {
    Ok(())
}
