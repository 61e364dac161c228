//! The machine's host name, for people to tell machines apart by.

/// The host name as the system gives it (`gethostname`), `unknown` when it gives none.
pub fn name() -> String {
    let mut buffer = [0u8; 256];
    // SAFETY: the buffer is valid for its whole length, which is what is passed
    let result = unsafe { libc::gethostname(buffer.as_mut_ptr().cast(), buffer.len()) };
    let end = buffer.iter().position(|&b| b == 0).unwrap_or(buffer.len());
    let name = String::from_utf8_lossy(&buffer[..end]);
    let name = name.trim();
    if result != 0 || name.is_empty() {
        "unknown".to_owned()
    } else {
        name.to_owned()
    }
}

/// The host name as a file name may hold it: letters, digits, `-` and `_`, at most 40.
pub fn for_file_name(host: &str) -> String {
    let name: String = host
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    if name.is_empty() {
        "unknown".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_host_has_a_name_fit_for_a_file() {
        assert!(!name().is_empty());
        assert_eq!(for_file_name("my laptop.local"), "my-laptop-local");
        assert_eq!(for_file_name(""), "unknown");
        assert_eq!(for_file_name(&"x".repeat(100)).len(), 40);
    }
}
