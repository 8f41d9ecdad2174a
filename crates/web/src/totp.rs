//! Time-based one-time codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), the
//! kind every authenticator app understands, for optional two-step sign-in.

use hmac::{Hmac, Mac};
use sha1::Sha1;

/// Seconds per time step.
const STEP_SECONDS: i64 = 30;
/// Steps either side of now accepted, for clocks a little out.
const DRIFT_STEPS: i64 = 1;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// A new random secret, base32 (160 bits, as RFC 4226 recommends).
pub(crate) fn new_secret() -> Option<String> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).ok()?;
    Some(base32_encode(&bytes))
}

/// RFC 4648 base32 without padding.
pub(crate) fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(char::from(ALPHABET[((buffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        out.push(char::from(ALPHABET[((buffer << (5 - bits)) & 31) as usize]));
    }
    out
}

fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
    {
        let v = ALPHABET.iter().position(|a| *a == c.to_ascii_uppercase())?;
        buffer = (buffer << 5) | u32::try_from(v).ok()?;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push(u8::try_from((buffer >> bits) & 0xff).ok()?);
        }
    }
    Some(out)
}

/// The code for time step `step` (RFC 4226 dynamic truncation), as a number.
fn code(key: &[u8], step: i64, digits: u32) -> Option<u32> {
    let mut mac = Hmac::<Sha1>::new_from_slice(key).ok()?;
    mac.update(&step.to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = usize::from(hash[hash.len() - 1] & 0x0f);
    let word = u32::from_be_bytes([
        hash[offset] & 0x7f,
        hash[offset + 1],
        hash[offset + 2],
        hash[offset + 3],
    ]);
    Some(word % 10u32.pow(digits))
}

/// The time step of a moment.
pub(crate) fn step_at(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// If `entered` is the code for a step near `unix_seconds` that is later than
/// `last_used`, that step; otherwise `None` (wrong, stale, or already used).
pub(crate) fn verify(
    secret: &str,
    entered: &str,
    unix_seconds: i64,
    last_used: Option<i64>,
) -> Option<i64> {
    let entered: String = entered.chars().filter(|c| !c.is_whitespace()).collect();
    if entered.len() != 6 || !entered.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let entered: u32 = entered.parse().ok()?;
    let key = base32_decode(secret)?;
    let now = step_at(unix_seconds);
    (now - DRIFT_STEPS..=now + DRIFT_STEPS)
        .filter(|s| last_used.is_none_or(|last| *s > last))
        .find(|s| code(&key, *s, 6) == Some(entered))
}

/// The `otpauth://` address an authenticator app can take by hand.
pub(crate) fn otpauth_uri(secret: &str, username: &str, issuer: &str) -> String {
    let label = crate::format::query_value(&format!("{issuer}:{username}"));
    let issuer = crate::format::query_value(issuer);
    format!(
        "otpauth://totp/{label}?secret={secret}&issuer={issuer}&algorithm=SHA1&digits=6&period=30"
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    // RFC 6238 appendix B, SHA-1, key "12345678901234567890"; 8-digit values given
    // there, of which a 6-digit code is the last six digits.
    const RFC_KEY: &[u8] = b"12345678901234567890";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        assert_eq!(code(RFC_KEY, step_at(59), 8), Some(94_287_082));
        assert_eq!(code(RFC_KEY, step_at(1_111_111_109), 8), Some(7_081_804));
        assert_eq!(code(RFC_KEY, step_at(1_234_567_890), 8), Some(89_005_924));
        assert_eq!(code(RFC_KEY, step_at(2_000_000_000), 8), Some(69_279_037));
        assert_eq!(code(RFC_KEY, step_at(1_234_567_890), 6), Some(5_924));
    }

    #[test]
    fn base32_round_trips_and_matches_rfc_4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_decode("MZXW6YTBOI").unwrap(), b"foobar");
        assert_eq!(base32_decode("mzxw 6ytb oi").unwrap(), b"foobar");
        let secret = new_secret().unwrap();
        assert_eq!(secret.len(), 32);
        assert_eq!(base32_decode(&secret).unwrap().len(), 20);
    }

    #[test]
    fn a_code_works_within_a_step_either_side_and_only_once() {
        let secret = base32_encode(RFC_KEY);
        let t = 1_234_567_890;
        assert_eq!(verify(&secret, "005924", t, None), Some(step_at(t)));
        assert_eq!(verify(&secret, "005 924", t + 30, None), Some(step_at(t)));
        assert_eq!(verify(&secret, "005924", t + 90, None), None, "too late");
        assert_eq!(
            verify(&secret, "005924", t, Some(step_at(t))),
            None,
            "already used"
        );
        assert_eq!(verify(&secret, "005925", t, None), None);
        assert_eq!(verify(&secret, "5924", t, None), None);
        assert_eq!(verify("not base32!", "005924", t, None), None);
    }
}
