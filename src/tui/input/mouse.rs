//! The mouse: the wheel scrolls what is under the pointer, a click selects, jumps or opens.
//! Each layer takes the wheel and clicks as actions of its own; this is what they share.

/// Lines the mouse wheel scrolls per notch (a list moves its selection this far).
pub const WHEEL_LINES: isize = 3;
