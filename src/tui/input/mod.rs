//! What comes in: keys and their names, the key map with config.toml's `[keys]` over it, the
//! mouse, and the editing of a line typed in the status bar.

pub mod bindings;
pub mod keymap;
pub mod keys;
pub mod line_edit;
pub mod mouse;
