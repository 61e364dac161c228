//! Background threads yield to the reader's loop: on two cores a filter's worker or a scan's
//! readers would otherwise take the core a keystroke's frame is waiting for.

/// How much lower than the loop a background thread runs (the `nice` it adds).
const BACKGROUND: i32 = 10;

/// Lowers the calling thread's priority: it still uses any core that is free.
pub fn background() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority takes no pointer; on Linux `who = 0` with PRIO_PROCESS is the calling
    // thread alone (each thread has a nice value of its own)
    unsafe {
        let now = libc::getpriority(libc::PRIO_PROCESS, 0);
        libc::setpriority(libc::PRIO_PROCESS, 0, (now + BACKGROUND).min(19));
    }
}
