//! The terminal itself: raw mode and the alternate screen, signals and the tty's input, the
//! background colour it tells, and the clipboard through it.

pub mod background;
pub mod clipboard;
pub mod outside;
pub mod session;
pub mod signals;

pub use session::*;
