//! Reading a file or a stream in chunks: binary data is rejected on its first block, and no
//! more than the size limit is ever held.

use super::decode::{sniff, NotText, SNIFF_LEN};
use std::io::{self, Read};

/// Why the bytes were not all read.
#[derive(Debug)]
pub enum ReadFail {
    Binary,
    TooBig,
    Io(io::Error),
}

/// Reads all of `reader` if it is at most `limit` bytes; `expected` is its size when known.
pub fn read_bounded(
    mut reader: impl Read,
    limit: u64,
    expected: Option<u64>,
) -> Result<Vec<u8>, ReadFail> {
    let mut bytes = Vec::new();
    let mut more = fill(&mut reader, &mut bytes, SNIFF_LEN)?;
    if sniff(&bytes) == Some(NotText::Binary) {
        return Err(ReadFail::Binary);
    }
    if expected.is_some_and(|size| size > limit) {
        return Err(ReadFail::TooBig);
    }
    // one byte past the limit tells a file at the limit from a bigger one
    let cap = usize::try_from(limit.saturating_add(1)).unwrap_or(usize::MAX);
    if let Some(size) = expected {
        // and one past the size finds the end without growing the buffer
        let want = usize::try_from(size.saturating_add(1)).map_or(cap, |s| s.min(cap));
        bytes.reserve_exact(want.saturating_sub(bytes.len()));
    }
    while more {
        if bytes.len() >= cap {
            return Err(ReadFail::TooBig);
        }
        if bytes.len() == bytes.capacity() {
            // grow by half, never past the cap: a doubling would reserve twice the limit
            let want = (bytes.capacity() + bytes.capacity() / 2)
                .max(64 << 10)
                .min(cap);
            bytes.reserve_exact(want - bytes.len());
        }
        let room = bytes.capacity().min(cap) - bytes.len();
        more = fill(&mut reader, &mut bytes, room)?;
    }
    if bytes.len() as u64 > limit {
        return Err(ReadFail::TooBig);
    }
    Ok(bytes)
}

/// Appends up to `n` bytes; false at the end of the input.
fn fill(reader: &mut impl Read, bytes: &mut Vec<u8>, n: usize) -> Result<bool, ReadFail> {
    let got = reader
        .by_ref()
        .take(n as u64)
        .read_to_end(bytes)
        .map_err(ReadFail::Io)?;
    Ok(got == n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_within_the_limit_is_read_whole() {
        let text = "word ".repeat(50_000);
        let bytes = read_bounded(text.as_bytes(), 1 << 20, None).unwrap();
        assert_eq!(bytes, text.as_bytes());
        let exact = read_bounded(text.as_bytes(), text.len() as u64, None).unwrap();
        assert_eq!(exact.len(), text.len());
    }

    #[test]
    fn an_endless_stream_stops_at_the_limit() {
        let endless = io::repeat(b'y');
        assert!(matches!(
            read_bounded(endless, 100_000, None),
            Err(ReadFail::TooBig)
        ));
    }

    #[test]
    fn endless_zeros_are_binary_at_once() {
        assert!(matches!(
            read_bounded(io::repeat(0), u64::MAX, None),
            Err(ReadFail::Binary)
        ));
    }

    #[test]
    fn a_known_size_past_the_limit_is_not_read() {
        assert!(matches!(
            read_bounded(&b"small text"[..], 5, Some(1 << 40)),
            Err(ReadFail::TooBig)
        ));
    }
}
