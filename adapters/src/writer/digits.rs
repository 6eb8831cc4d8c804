//! Decimal integers written straight into the SQL text: aliases (`u0`), placeholders
//! (`$12`), column numbers (`c3`), counts and integer literals.
//!
//! `write!(out, "{n}")` goes through `core::fmt`: a formatter, a trait object and padding
//! checks around a few digits, some 250 instructions for a one-digit alias, which added up to
//! a fifth of a render. Here a number below 100 (nearly every alias, placeholder and column
//! number) is one or two pushes, and a larger one is built two digits at a time in a
//! 20-byte buffer. The output is exactly `n.to_string()`, as the tests below check.
//!
//! This module knows decimal digits only: no SQL, and no floats, whose shortest round-trip
//! form stays with `core::fmt`.

/// The two ASCII digits of every number below 100, `00` to `99`.
const PAIRS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// Appends `n` in decimal.
pub(crate) fn push_u64(out: &mut String, n: u64) {
    if n < 10 {
        out.push(digit(n));
        return;
    }
    if n < 100 {
        out.push(digit(n / 10));
        out.push(digit(n % 10));
        return;
    }
    // u64::MAX has 20 digits.
    let mut buf = [0u8; 20];
    let mut start = buf.len();
    let mut rest = n;
    while rest >= 100 {
        let pair = pair(rest % 100);
        rest /= 100;
        start -= 2;
        buf[start..start + 2].copy_from_slice(&pair);
    }
    if rest >= 10 {
        start -= 2;
        buf[start..start + 2].copy_from_slice(&pair(rest));
    } else {
        start -= 1;
        buf[start] = b'0' + rest as u8;
    }
    out.reserve(buf.len() - start);
    for &byte in &buf[start..] {
        out.push(char::from(byte));
    }
}

/// Appends `n` in decimal: a usize is at most 64 bits on every target Rust supports.
pub(crate) fn push_usize(out: &mut String, n: usize) {
    push_u64(out, n as u64);
}

/// Appends `n` in decimal, with a `-` when it is negative.
pub(crate) fn push_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    // `unsigned_abs` is exact for i64::MIN too, whose absolute value no i64 holds.
    push_u64(out, n.unsigned_abs());
}

/// The ASCII digit of `d`, which is below 10.
fn digit(d: u64) -> char {
    char::from(b'0' + (d % 10) as u8)
}

/// The two ASCII digits of `n`, which is below 100.
fn pair(n: u64) -> [u8; 2] {
    let at = (n % 100) as usize * 2;
    [PAIRS[at], PAIRS[at + 1]]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unsigned(n: u64) -> String {
        let mut out = String::from("x");
        push_u64(&mut out, n);
        out
    }

    fn signed(n: i64) -> String {
        let mut out = String::from("x");
        push_i64(&mut out, n);
        out
    }

    #[test]
    fn unsigned_edges_print_as_to_string() {
        let mut edges = vec![
            0,
            u64::MAX,
            u64::MAX - 1,
            u64::from(u32::MAX),
            u64::MAX / 10,
        ];
        // Each power of ten and its neighbours: where the digit count changes.
        let mut power = 1u64;
        loop {
            edges.extend([power - 1, power, power + 1]);
            match power.checked_mul(10) {
                Some(next) => power = next,
                None => break,
            }
        }
        for n in edges {
            assert_eq!(unsigned(n), format!("x{n}"), "{n}");
        }
    }

    #[test]
    fn signed_edges_print_as_to_string() {
        let edges = [
            0,
            1,
            -1,
            9,
            -9,
            10,
            -10,
            99,
            -99,
            100,
            -100,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
        ];
        for n in edges {
            assert_eq!(signed(n), format!("x{n}"), "{n}");
        }
    }

    #[test]
    fn usize_prints_as_to_string() {
        for n in [0, 7, 42, 100, 65535, usize::MAX] {
            let mut out = String::new();
            push_usize(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn random_values_print_as_to_string() {
        // A xorshift generator: deterministic, so a failure reproduces; shifting its output
        // right by a varying amount spreads the values over every digit count.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        for i in 0..5000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let n = state >> (i % 64);
            assert_eq!(unsigned(n), format!("x{n}"), "{n}");
            let s = n as i64;
            assert_eq!(signed(s), format!("x{s}"), "{s}");
            let small = i64::from(s as i32);
            assert_eq!(signed(small), format!("x{small}"), "{small}");
        }
    }
}
