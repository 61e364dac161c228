//! Handing memory back to the system once a big article is loaded.
//!
//! Parsing a 40 MB article leaves megabytes of small freed pieces in the loading thread's
//! part of the allocator; glibc keeps them for that thread's later use, so they would stay
//! resident for as long as the reader runs, and the layout and a search would be added on top.

/// Returns freed memory the allocator holds to the system.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists, under its own locks; it
    // takes no pointer and touches no memory in use.
    unsafe {
        libc::malloc_trim(0);
    }
}
