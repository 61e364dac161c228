//! Placeholder until the library core lands.

use super::{Result, Store};
use crate::library::Hit;

impl Store {
    pub fn search(
        &self,
        _query: &str,
        _keys: Option<&[String]>,
        _limit: usize,
    ) -> Result<Vec<Hit>> {
        Ok(Vec::new())
    }
}
