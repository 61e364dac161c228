//! The article format: the model, decoding, parsing and layout. No terminal in here.

pub mod decode;
pub mod document;
pub mod identity;
pub mod layout;
pub mod load;
pub mod markers;
pub mod model;
pub mod parse;
pub mod place;
pub mod plain;
pub mod sanitize;
pub mod search;
pub mod title;

pub use load::{load, load_bytes, LoadError, Loaded, Reason, Source};
pub use model::{Article, FaqEntry, Section};
pub use parse::{parse, Parsed, Warning};
