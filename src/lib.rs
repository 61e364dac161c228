//! lede: a terminal reader for structured news articles.
//!
//! `article` knows the format and has no terminal in it; `tui` is the reader drawn on top.

pub mod article;
pub mod cli;
pub mod commands;
pub mod samples;
pub mod tui;
pub mod warnings;
