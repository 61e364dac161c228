//! Whether standard output was closed when lede started, as in `lede print x >&-`.
//!
//! The Rust runtime puts /dev/null on a closed stdout before `main`, so that writes to it
//! succeed and are lost; only a look before the runtime starts can tell, and `cat` fails there.

use std::sync::atomic::{AtomicBool, Ordering};

static CLOSED: AtomicBool = AtomicBool::new(false);

/// True if file descriptor 1 was closed when the process started.
pub fn was_closed() -> bool {
    CLOSED.load(Ordering::Relaxed)
}

// the C runtime calls what `.init_array` holds before `main`, and so before the Rust runtime
#[cfg(target_os = "linux")]
#[used]
#[link_section = ".init_array"]
static LOOK_AT_STDOUT: extern "C" fn() = look_at_stdout;

#[cfg(target_os = "linux")]
extern "C" fn look_at_stdout() {
    use std::ffi::c_int;
    extern "C" {
        fn fcntl(fd: c_int, cmd: c_int, ...) -> c_int;
    }
    const F_GETFD: c_int = 1;
    // SAFETY: F_GETFD only asks for a descriptor's flags, and fails on a closed one
    let open = unsafe { fcntl(1, F_GETFD) } != -1;
    CLOSED.store(!open, Ordering::Relaxed);
}
