//! GitHub's `X-RateLimit-*` headers as a typed value.

use reqwest::header::{HeaderMap, HeaderName};
use time::OffsetDateTime;

/// The rate-limit state GitHub reported with a response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// `X-RateLimit-Limit`: requests allowed in the window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in the window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`: when the window resets (epoch seconds on the wire).
    pub reset: Option<OffsetDateTime>,
    /// `X-RateLimit-Used`: requests made in the window.
    pub used: Option<u64>,
    /// `X-RateLimit-Resource`: the limit's bucket (`core`, `search`, ...).
    pub resource: Option<String>,
}

impl RateLimit {
    /// Reads the rate-limit headers; `None` when the response carries none.
    pub fn from_headers(headers: &HeaderMap) -> Option<RateLimit> {
        // Names as constants: a `&str` name would be parsed on every lookup.
        const LIMIT: HeaderName = HeaderName::from_static("x-ratelimit-limit");
        const REMAINING: HeaderName = HeaderName::from_static("x-ratelimit-remaining");
        const RESET: HeaderName = HeaderName::from_static("x-ratelimit-reset");
        const USED: HeaderName = HeaderName::from_static("x-ratelimit-used");
        const RESOURCE: HeaderName = HeaderName::from_static("x-ratelimit-resource");
        let text = |name: &HeaderName| headers.get(name).and_then(|value| value.to_str().ok()).map(str::trim);
        let number = |name: &HeaderName| text(name).and_then(|value| value.parse::<u64>().ok());
        let rate_limit = RateLimit {
            limit: number(&LIMIT),
            remaining: number(&REMAINING),
            reset: number(&RESET)
                .and_then(|secs| i64::try_from(secs).ok())
                .and_then(|secs| OffsetDateTime::from_unix_timestamp(secs).ok()),
            used: number(&USED),
            resource: text(&RESOURCE).map(str::to_owned),
        };
        (rate_limit != RateLimit::default()).then_some(rate_limit)
    }

    /// Whether the window is used up (`X-RateLimit-Remaining: 0`).
    pub fn is_exhausted(&self) -> bool {
        self.remaining == Some(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn parses_every_header() {
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-limit", HeaderValue::from_static("5000"));
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("4999"));
        headers.insert("x-ratelimit-reset", HeaderValue::from_static("1658208999"));
        headers.insert("x-ratelimit-used", HeaderValue::from_static("1"));
        headers.insert("x-ratelimit-resource", HeaderValue::from_static("core"));
        let rate_limit = RateLimit::from_headers(&headers).unwrap();
        assert_eq!(rate_limit.limit, Some(5000));
        assert_eq!(rate_limit.remaining, Some(4999));
        assert_eq!(rate_limit.reset.unwrap().unix_timestamp(), 1_658_208_999);
        assert_eq!(rate_limit.used, Some(1));
        assert_eq!(rate_limit.resource.as_deref(), Some("core"));
        assert!(!rate_limit.is_exhausted());
    }

    #[test]
    fn absent_or_garbled_headers_are_not_a_limit() {
        assert_eq!(RateLimit::from_headers(&HeaderMap::new()), None);
        let mut headers = HeaderMap::new();
        headers.insert("x-ratelimit-remaining", HeaderValue::from_static("lots"));
        assert_eq!(RateLimit::from_headers(&headers), None);
    }
}
