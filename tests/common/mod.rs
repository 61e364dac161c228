//! Helpers shared by the integration tests.

pub mod env;
pub mod pty;
