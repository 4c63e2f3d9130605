//! [`ResponseBody`]: a response body kept by an error, which prints with
//! the values of its operation's secret properties masked.
//!
//! Errors keep the body of an answer they could not turn into a value (an
//! undecodable success, an undocumented status, an error status) so the
//! caller can see what the server said. For operations whose responses carry
//! credentials (installation tokens, OAuth tokens, the manifest conversion's
//! `client_secret`, `webhook_secret` and `pem`), that body is exactly where a
//! secret would leak into a log. The generated operation lists the JSON
//! properties that hold secrets (`Operation::SECRET_PROPERTIES`, from the
//! spec's `x-github-secret`), and every way of printing a body here masks
//! their values: `Display`, `Debug` and [`ResponseBody::text`]. Only
//! [`ResponseBody::expose_raw`] returns the bytes as received.
//!
//! Masking works on the text, not on a parse, because the bodies that end up
//! in errors are the ones that did not parse: truncated JSON, JSON of the
//! wrong shape, `key=value` forms. A secret property's value is masked
//! wherever its name appears as a JSON key (`"token": ...`) or as a form or
//! text key (`token=...`, `token: ...`); when the body is valid JSON, values
//! under secret keys found by walking it are masked too (keys written with
//! escapes). Masking errs towards hiding more.

use std::borrow::Cow;
use std::fmt;

use crate::secret::REDACTED;

/// A response body kept by an error; prints with secret values masked.
#[derive(Clone, PartialEq, Eq)]
pub struct ResponseBody {
    bytes: Vec<u8>,
    secret_properties: &'static [&'static str],
}

impl ResponseBody {
    /// Keeps `bytes`, masking the values of `secret_properties` whenever it
    /// is printed.
    pub fn new(bytes: Vec<u8>, secret_properties: &'static [&'static str]) -> ResponseBody {
        ResponseBody { bytes, secret_properties }
    }

    /// The body as text (lossily decoded as UTF-8), with the values of the
    /// operation's secret properties replaced by `[REDACTED]`.
    pub fn text(&self) -> Cow<'_, str> {
        let text = String::from_utf8_lossy(&self.bytes);
        if self.secret_properties.is_empty() {
            return text;
        }
        Cow::Owned(mask_text(&text, self.secret_properties).0)
    }

    /// The bytes exactly as received, secrets included. For decoding the
    /// body yourself; never for a log.
    pub fn expose_raw(&self) -> &[u8] {
        &self.bytes
    }

    /// The JSON properties whose values this body masks.
    pub fn secret_properties(&self) -> &'static [&'static str] {
        self.secret_properties
    }

    /// The body's length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// Masks in `other` (a decoder's message, say) every secret value found
    /// in this body and, for a body that has secret properties, every string
    /// and number it holds that is not a key: a decoder may quote a value
    /// it met anywhere (serde reads a struct from an array by position).
    pub(crate) fn mask_values_in(&self, other: &str) -> String {
        if self.secret_properties.is_empty() {
            return other.to_owned();
        }
        let text = String::from_utf8_lossy(&self.bytes);
        let (_, mut values) = mask_text(&text, self.secret_properties);
        // Short literals (`1`, `true`) are no secret, and masking them would
        // garble the message's line and column.
        values.extend(literal_values(&text).into_iter().filter(|value| value.len() >= 4));
        values.retain(|value| !value.is_empty());
        values.sort_unstable_by_key(|value| std::cmp::Reverse(value.len()));
        values.dedup();
        replace_values(other, &values)
    }
}

impl fmt::Display for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

impl fmt::Debug for ResponseBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text(), f)
    }
}

/// Masks the values of `keys` in `text`; returns the masked text and the
/// values it masked (to mask them elsewhere too).
fn mask_text(text: &str, keys: &[&str]) -> (String, Vec<String>) {
    let mut spans = Vec::new();
    for key in keys.iter().filter(|key| !key.is_empty()) {
        spans.extend(value_spans(text, key));
    }
    spans.sort_unstable();
    let mut masked = String::with_capacity(text.len());
    let mut values = Vec::new();
    let mut cursor = 0;
    for (start, end) in spans {
        if end <= cursor {
            continue;
        }
        let start = start.max(cursor);
        masked.push_str(&text[cursor..start]);
        masked.push_str(REDACTED);
        values.push(text[start..end].to_owned());
        cursor = end;
    }
    masked.push_str(&text[cursor..]);
    // Keys written with escapes are only visible to a parser; mask the
    // values it finds that the lexical pass did not.
    let mut parsed = Vec::new();
    if let Ok(json) = serde_json::from_str::<serde_json::Value>(text) {
        collect_json_values(&json, keys, &mut parsed);
    }
    parsed.retain(|value| !value.is_empty() && !values.contains(value));
    // A secret can be echoed elsewhere in the body (a validation error's
    // `value`): mask every other occurrence too, but not of one- to
    // three-character values, which would garble the text around them.
    values.retain(|value| value.len() >= 4);
    values.extend(parsed);
    values.sort_unstable_by_key(|value| std::cmp::Reverse(value.len()));
    values.dedup();
    let masked = replace_values(&masked, &values);
    (masked, values)
}

fn replace_values(text: &str, values: &[String]) -> String {
    let mut text = text.to_owned();
    for value in values {
        if text.contains(value.as_str()) {
            text = text.replace(value.as_str(), REDACTED);
        }
    }
    text
}

fn collect_json_values(json: &serde_json::Value, keys: &[&str], values: &mut Vec<String>) {
    match json {
        serde_json::Value::Object(object) => {
            for (key, value) in object {
                if keys.contains(&key.as_str()) {
                    match value {
                        serde_json::Value::String(secret) => values.push(secret.clone()),
                        other => values.push(other.to_string()),
                    }
                } else {
                    collect_json_values(value, keys, values);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| collect_json_values(item, keys, values)),
        _ => {}
    }
}

/// The string contents and numbers of `text` that are not object keys (a
/// string followed by `:`), read lexically so truncated JSON works too.
fn literal_values(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut values = Vec::new();
    let mut cursor = 0;
    while cursor < bytes.len() {
        match bytes[cursor] {
            b'"' => {
                let (start, end) = value_span(bytes, cursor).unwrap_or((cursor + 1, cursor + 1));
                let after = skip_spaces(bytes, end + 1);
                if bytes.get(after) != Some(&b':') {
                    values.push(text[start..end].to_owned());
                }
                cursor = end + 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = cursor;
                while cursor < bytes.len() && matches!(bytes[cursor], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    cursor += 1;
                }
                values.push(text[start..cursor].to_owned());
            }
            _ => cursor += 1,
        }
    }
    values
}

/// The byte ranges of the values written after `key` in `text`: `"key": v`
/// (JSON), `key=v` (forms), `key: v` (text).
fn value_spans(text: &str, key: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    for (at, _) in text.match_indices(key) {
        let end_of_key = at + key.len();
        let quoted = at > 0 && bytes[at - 1] == b'"' && bytes.get(end_of_key) == Some(&b'"');
        let after_key = if quoted { end_of_key + 1 } else { end_of_key };
        if !quoted && (at > 0 && is_word_byte(bytes[at - 1]) || bytes.get(end_of_key).is_some_and(|b| is_word_byte(*b))) {
            continue;
        }
        let mut cursor = skip_spaces(bytes, after_key);
        match bytes.get(cursor) {
            Some(b':') => {}
            Some(b'=') if !quoted => {}
            _ => continue,
        }
        cursor = skip_spaces(bytes, cursor + 1);
        if let Some(span) = value_span(bytes, cursor) {
            spans.push(span);
        }
    }
    spans
}

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-'
}

fn skip_spaces(bytes: &[u8], mut cursor: usize) -> usize {
    while bytes.get(cursor).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n')) {
        cursor += 1;
    }
    cursor
}

/// The value starting at `start`: a JSON string's contents (to its closing
/// quote, or the end of a truncated body), a bracketed JSON value, or a bare
/// word up to the next delimiter.
fn value_span(bytes: &[u8], start: usize) -> Option<(usize, usize)> {
    let first = *bytes.get(start)?;
    let end = match first {
        b'"' => {
            let mut cursor = start + 1;
            while cursor < bytes.len() && bytes[cursor] != b'"' {
                cursor += if bytes[cursor] == b'\\' { 2 } else { 1 };
            }
            return Some((start + 1, cursor.min(bytes.len())));
        }
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut cursor = start;
            while cursor < bytes.len() {
                match bytes[cursor] {
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            cursor += 1;
                            break;
                        }
                    }
                    _ => {}
                }
                cursor += 1;
            }
            cursor
        }
        _ => {
            let mut cursor = start;
            while cursor < bytes.len() && !matches!(bytes[cursor], b',' | b'}' | b']' | b'&' | b';' | b'\r' | b'\n') {
                cursor += 1;
            }
            while cursor > start && bytes[cursor - 1].is_ascii_whitespace() {
                cursor -= 1;
            }
            cursor
        }
    };
    (end > start).then_some((start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

    fn masked(body: &str, keys: &'static [&'static str]) -> String {
        ResponseBody::new(body.as_bytes().to_vec(), keys).text().into_owned()
    }

    #[test]
    fn json_values_of_secret_keys_are_masked_and_the_rest_kept() {
        let body = format!(r#"{{"token": "{TOKEN}", "expires_at": "2016-07-11T22:14:10Z"}}"#);
        assert_eq!(masked(&body, &["token"]), r#"{"token": "[REDACTED]", "expires_at": "2016-07-11T22:14:10Z"}"#);
    }

    #[test]
    fn truncated_and_malformed_bodies_are_masked() {
        for body in [
            format!(r#"{{"token":"{TOKEN}"#),
            format!(r#"{{"token":"{}"#, &TOKEN[..10]),
            format!(r#"{{"token" : "{TOKEN}", "expires_at": }}"#),
            format!(r#"[{{"token":"{TOKEN}"}},"#),
            format!("token={TOKEN}&token_type=bearer"),
            format!("token: {TOKEN}\nscope: repo"),
            format!(r#"{{"token": {{"value": "{TOKEN}"}}}}"#),
            format!(r#"{{"token": 12345{}}}"#, ""),
        ] {
            let text = masked(&body, &["token"]);
            assert!(text.contains(REDACTED), "{body} -> {text}");
            assert!(!text.contains(&TOKEN[..10]) && !text.contains("12345"), "{body} -> {text}");
        }
    }

    #[test]
    fn escaped_keys_and_values_are_masked_through_the_parser() {
        let body = format!(r#"{{"tok\u0065n": "{TOKEN}"}}"#);
        assert!(!masked(&body, &["token"]).contains(TOKEN));
        let body = r#"{"pem": "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n"}"#;
        assert!(!masked(body, &["pem"]).contains("MIIEpAIBAAKCAQEA"));
    }

    #[test]
    fn keys_inside_other_words_are_left_alone() {
        let body = r#"{"token_type": "bearer", "tokens_url": "https://x", "token": "s"}"#;
        assert_eq!(masked(body, &["token"]), r#"{"token_type": "bearer", "tokens_url": "https://x", "token": "[REDACTED]"}"#);
    }

    #[test]
    fn every_printing_path_masks_and_the_raw_bytes_stay() {
        let body = ResponseBody::new(format!(r#"{{"client_secret":"{TOKEN}"}}"#).into_bytes(), &["client_secret"]);
        for printed in [body.to_string(), format!("{body:?}"), format!("{body:#?}"), body.text().into_owned()] {
            assert!(!printed.contains(TOKEN), "{printed}");
        }
        assert!(String::from_utf8_lossy(body.expose_raw()).contains(TOKEN));
        let message = format!("invalid type: string \"{TOKEN}\", expected u64 at line 1 column 60");
        assert_eq!(body.mask_values_in(&message), "invalid type: string \"[REDACTED]\", expected u64 at line 1 column 60");
        // A value the decoder met by position, not under a secret key.
        let body = ResponseBody::new(format!(r#"["{TOKEN}", 7]"#).into_bytes(), &["token"]);
        let message = format!("invalid RFC 3339 date-time \"{TOKEN}\" at line 1 column 7");
        assert_eq!(body.mask_values_in(&message), "invalid RFC 3339 date-time \"[REDACTED]\" at line 1 column 7");
    }

    #[test]
    fn a_body_cut_anywhere_never_shows_its_secret() {
        let bodies = [
            format!(r#"{{"token": "{TOKEN}", "expires_at": "2016-07-11T22:14:10Z", "permissions": {{"issues": "write"}}}}"#),
            format!(r#"[{{"id": 1, "token":"{TOKEN}"}}, {{"token" :  "{TOKEN}"}}]"#),
            format!("token={TOKEN}&scope=repo"),
            format!(r#"{{"ünïcödé": "é😀", "token": "{TOKEN}\"😀"}}"#),
        ];
        for body in &bodies {
            for cut in 0..=body.len() {
                let bytes = &body.as_bytes()[..cut];
                let masked = ResponseBody::new(bytes.to_vec(), &["token"]);
                let text = masked.text();
                assert!(!text.contains("ghs_16C7"), "cut at {cut}: {text}");
                let _ = masked.mask_values_in(&format!("invalid value {TOKEN} at line 1"));
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        // A fixed linear congruential sequence over fragments that stress the scanner.
        let fragments: [&[u8]; 14] =
            [b"{", b"}", b"[", b"]", b"\"", b"\\", b":", b"=", b"&", b",", b"token", "é😀".as_bytes(), b" \n", &[0xff, 0xfe]];
        let mut state: u32 = 7;
        for _ in 0..2000 {
            let mut body = Vec::new();
            for _ in 0..(state % 40) {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12345);
                body.extend_from_slice(fragments[(state >> 16) as usize % fragments.len()]);
            }
            let masked = ResponseBody::new(body, &["token", "pem"]);
            let _ = (masked.text(), format!("{masked:?}"), masked.mask_values_in("message"));
        }
    }

    #[test]
    fn bodies_without_secret_properties_print_as_sent() {
        let body = ResponseBody::new(b"{\"token\":\"t\"}".to_vec(), &[]);
        assert_eq!(body.to_string(), "{\"token\":\"t\"}");
    }
}
