//! Fuzzes the RFC 8288 `Link` parser with arbitrary bytes: it must never
//! panic, and what it returns must be consistent.
#![no_main]

use github_apps::Links;
use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderValue, LINK};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let links = Links::parse(&text);
    let base = url::Url::parse("https://ghe.example.com/api/v3/installation/repositories?page=1").unwrap();
    for link in &links {
        // A target is what stood between `<` and `>`: it cannot hold `>`.
        assert!(!link.target.contains('>'), "{link:?}");
        // Relation types are split on ASCII whitespace and lowercased.
        assert!(link.rels.iter().all(|rel| !rel.is_empty() && !rel.contains(|c: char| c.is_ascii_whitespace())));
        assert!(link.rels.iter().all(|rel| *rel == rel.to_ascii_lowercase()));
        let _ = link.resolve(&base);
    }
    assert_eq!(links.next(), links.get("next").map(|link| link.target.as_str()));

    // The same bytes as a raw header value (not necessarily UTF-8).
    if let Ok(value) = HeaderValue::from_bytes(data) {
        let mut headers = HeaderMap::new();
        headers.append(LINK, value);
        let from_headers = Links::from_headers(&headers);
        if std::str::from_utf8(data).is_ok() {
            assert_eq!(from_headers, links);
        }
    }
});
