//! The article format: the model, decoding, parsing and layout. No terminal in here.

pub mod decode;
pub mod document;
pub mod identity;
pub mod layout;
pub mod load;
pub mod markers;
pub mod model;
pub mod parse;
pub mod passage;
pub mod place;
pub mod plain;
pub mod read;
pub mod sanitize;
pub mod search;
pub mod size;
pub mod title;
pub mod wrap;

/// Reading speed used for "minutes left" and an article's reading time.
pub const WORDS_PER_MINUTE: usize = 230;

pub use load::{
    document_limited, load, load_bytes, load_limited, open_bytes, open_limited, parsed_limited,
    LoadError, Loaded, Opened, Reason, Source, DEFAULT_MAX_SIZE,
};
pub use model::{Article, FaqEntry, Section};
pub use parse::{parse, Parsed, Warning};
