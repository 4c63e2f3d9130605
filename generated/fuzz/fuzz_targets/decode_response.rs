//! Fuzzes response decoding: an arbitrary status, headers and body go
//! through the same classification and decoding as a real answer. It must
//! return a value or a typed error, never panic.
//!
//! Input layout: two bytes of status (folded into 100..=699), one byte of
//! header count, that many `name: value\n` lines, then the body.
#![no_main]

use github_apps::Error;
use github_apps::operations::apps::{
    CreateInstallationAccessToken, GetInstallation, ListInstallationsForAuthenticatedUser, ListReposAccessibleToInstallation,
};
use github_apps::runtime::client::decode_for_fuzzing;
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};

fn split(data: &[u8]) -> Option<(u16, HeaderMap, Vec<u8>)> {
    let (status, rest) = data.split_first_chunk::<2>()?;
    let status = 100 + u16::from_be_bytes(*status) % 600;
    let (&count, mut rest) = rest.split_first()?;
    let mut headers = HeaderMap::new();
    for _ in 0..count {
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        let line = &rest[..end];
        rest = rest.get(end + 1..).unwrap_or_default();
        let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
        if let (Ok(name), Ok(value)) =
            (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(line[colon + 1..].trim_ascii()))
        {
            headers.append(name, value);
        }
    }
    Some((status, headers, rest.to_vec()))
}

fn check<T>(status: u16, result: Result<T, Error>) {
    if let Err(err) = result {
        // Every error from a response keeps its status and prints.
        assert_eq!(err.status(), Some(status), "{err:?}");
        let _ = err.to_string();
        let _ = err.rate_limit();
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((status, headers, body)) = split(data) else { return };
    check(status, decode_for_fuzzing::<ListReposAccessibleToInstallation>(status, headers.clone(), body.clone()));
    check(status, decode_for_fuzzing::<ListInstallationsForAuthenticatedUser>(status, headers.clone(), body.clone()));
    check(status, decode_for_fuzzing::<GetInstallation>(status, headers.clone(), body.clone()));
    check(status, decode_for_fuzzing::<CreateInstallationAccessToken>(status, headers.clone(), body.clone()));
    let err = Error::from_response("fuzz/operation", &["token", "client_secret"], status, headers, body);
    assert_eq!(err.status(), Some(status));
    let _ = err.to_string();
    let _ = format!("{err:?}");
});
