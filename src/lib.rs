//! lede: a terminal reader for structured news articles.
//!
//! `article` knows the format and `store` remembers bookmarks and reading positions; neither
//! has a terminal in it. `tui` is the reader drawn on top.

pub mod article;
pub mod bookmarks_out;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod export_cmd;
pub mod heap;
pub mod library;
pub mod man;
pub mod niceness;
pub mod samples;
pub mod search_cmd;
pub mod store;
pub mod sync;
pub mod tag_cmd;
pub mod tui;
pub mod warnings;
