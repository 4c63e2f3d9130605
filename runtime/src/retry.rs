//! Opt-in retries: exponential backoff with jitter for server errors and
//! broken connections, and waiting out GitHub's secondary rate limits.
//!
//! Both policies are off unless set on the
//! [`ClientBuilder`](crate::ClientBuilder):
//!
//! - [`RetryPolicy`] retries 5xx answers (except 501 and 505), timeouts and
//!   transport errors, but only for idempotent methods or operations whose
//!   [`RETRY_SAFE`](crate::Operation::RETRY_SAFE) is `true`: a `POST` or
//!   `PATCH` that may have reached the server is never sent twice unless
//!   the operation says so. A `Retry-After` on the answer is honoured when it
//!   is no longer than the policy's maximum backoff.
//! - [`SecondaryRateLimitPolicy`] waits out a secondary rate limit
//!   (`Retry-After`, or GitHub's "secondary rate limit" message) and
//!   retries, for every method: GitHub rejected the request without acting
//!   on it. Without `Retry-After` it waits until `X-RateLimit-Reset` when
//!   the window is used up, and one minute otherwise, as GitHub documents.
//!   A wait longer than `max_wait` is not attempted: the
//!   [`Error::RateLimited`] is returned at once.
//!
//! A primary rate limit (`X-RateLimit-Remaining: 0` without a secondary
//! signal) is never waited for: the error carries the reset time.
//!
//! Waiting goes through a [`Sleeper`], so tests can record the delays
//! instead of sleeping.

use std::fmt;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use futures::future::BoxFuture;
use reqwest::header::HeaderMap;

use crate::error::{self, Error, ErrorBody, RateLimitKind};
use crate::rate_limit::RateLimit;

/// Something that waits: [`TokioSleeper`] in production, a recorder in tests.
pub trait Sleeper: Send + Sync + fmt::Debug {
    /// Waits for `duration`.
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()>;
}

/// Sleeps on the Tokio timer.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Retries of failed idempotent requests with exponential backoff and jitter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    jitter: bool,
}

impl Default for RetryPolicy {
    /// Three attempts in all, backing off 500 ms then 1 s (each with jitter),
    /// never more than 30 s.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> RetryPolicy {
        RetryPolicy::default()
    }

    /// How many attempts in all, the first one included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> RetryPolicy {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff before the first retry; it doubles for each further retry.
    pub fn initial_backoff(mut self, backoff: Duration) -> RetryPolicy {
        self.initial_backoff = backoff;
        self
    }

    /// The longest backoff, and the longest `Retry-After` honoured.
    pub fn max_backoff(mut self, backoff: Duration) -> RetryPolicy {
        self.max_backoff = backoff;
        self
    }

    /// Whether to randomise each backoff between half and all of its value
    /// (default on), so that many clients do not retry in lockstep.
    pub fn jitter(mut self, jitter: bool) -> RetryPolicy {
        self.jitter = jitter;
        self
    }

    /// The delay before retry number `retry` (1 for the first retry), or
    /// `None` when the attempts are used up. `retry_after` from the answer
    /// replaces the backoff; one above the maximum backoff gives `None`.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if retry == 0 || retry >= self.max_attempts {
            return None;
        }
        if let Some(retry_after) = retry_after {
            return (retry_after <= self.max_backoff).then_some(retry_after);
        }
        let factor = 2u32.saturating_pow(retry - 1);
        let backoff = self.initial_backoff.saturating_mul(factor).min(self.max_backoff);
        Some(if self.jitter { backoff / 2 + backoff.mul_f64(random_fraction() / 2.0) } else { backoff })
    }
}

/// Waiting out secondary rate limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecondaryRateLimitPolicy {
    max_attempts: u32,
    max_wait: Duration,
    default_wait: Duration,
}

impl Default for SecondaryRateLimitPolicy {
    /// Three attempts in all, waiting at most two minutes each time, one
    /// minute when GitHub does not say how long.
    fn default() -> Self {
        SecondaryRateLimitPolicy {
            max_attempts: 3,
            max_wait: Duration::from_secs(120),
            default_wait: Duration::from_secs(60),
        }
    }
}

impl SecondaryRateLimitPolicy {
    /// The default policy (see [`Default`]).
    pub fn new() -> SecondaryRateLimitPolicy {
        SecondaryRateLimitPolicy::default()
    }

    /// How many attempts in all, the first one included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> SecondaryRateLimitPolicy {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The longest single wait; a limit asking for more is returned as an error.
    pub fn max_wait(mut self, wait: Duration) -> SecondaryRateLimitPolicy {
        self.max_wait = wait;
        self
    }

    /// The wait when GitHub gives neither `Retry-After` nor a reset time
    /// (default one minute, as GitHub documents).
    pub fn default_wait(mut self, wait: Duration) -> SecondaryRateLimitPolicy {
        self.default_wait = wait;
        self
    }

    /// The wait before retry number `retry` of a secondary limit, or `None`
    /// when the attempts are used up or the wait is longer than `max_wait`.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>, rate_limit: Option<&RateLimit>) -> Option<Duration> {
        if retry == 0 || retry >= self.max_attempts {
            return None;
        }
        let until_reset = || {
            let reset = rate_limit.filter(|limit| limit.is_exhausted())?.reset?;
            let seconds = (reset - time::OffsetDateTime::now_utc()).whole_seconds().max(0);
            Some(Duration::from_secs(u64::try_from(seconds).unwrap_or_default()))
        };
        let wait = retry_after.or_else(until_reset).unwrap_or(self.default_wait);
        (wait <= self.max_wait).then_some(wait)
    }
}

/// Whether a 5xx answer is worth repeating: not 501 (Not Implemented) or
/// 505 (HTTP Version Not Supported), which will not change.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    (500..=599).contains(&status) && !matches!(status, 501 | 505)
}

/// Whether a failure before a complete answer is worth repeating: a
/// timeout, or a connection that failed or broke off. A request that could
/// not even be built would fail the same way again.
pub(crate) fn is_retryable_failure(err: &Error) -> bool {
    match err {
        Error::Timeout(_) => true,
        Error::Transport(source) => !source.is_builder(),
        _ => false,
    }
}

/// The secondary-limit signals of a 403 or 429 answer: `Some(retry_after)`
/// when it is a secondary limit.
pub(crate) fn secondary_limit(status: u16, headers: &HeaderMap, body: &[u8]) -> Option<Option<Duration>> {
    if !matches!(status, 403 | 429) {
        return None;
    }
    let retry_after = error::retry_after(headers);
    let message = ErrorBody::parse(body).message;
    let rate_limit = RateLimit::from_headers(headers);
    let kind = error::rate_limit_kind(status, retry_after.is_some(), message.as_deref(), rate_limit.as_ref());
    (kind == Some(RateLimitKind::Secondary)).then_some(retry_after)
}

/// A number in `[0, 1)`. `RandomState` is seeded randomly per process and
/// per instance, which is all the randomness jitter needs.
fn random_fraction() -> f64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_the_maximum() {
        let policy = RetryPolicy::new()
            .max_attempts(6)
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(500))
            .jitter(false);
        let delays: Vec<_> = (1..=6).map(|retry| policy.delay(retry, None)).collect();
        let ms = |n| Some(Duration::from_millis(n));
        assert_eq!(delays, vec![ms(100), ms(200), ms(400), ms(500), ms(500), None]);
        assert_eq!(policy.delay(1, Some(Duration::from_millis(300))), ms(300));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(5))), None);
    }

    #[test]
    fn jitter_stays_between_half_and_all_of_the_backoff() {
        let policy = RetryPolicy::new().max_attempts(10).initial_backoff(Duration::from_millis(800));
        let delays: Vec<Duration> = (0..50).filter_map(|_| policy.delay(1, None)).collect();
        assert_eq!(delays.len(), 50);
        assert!(delays.iter().all(|d| *d >= Duration::from_millis(400) && *d <= Duration::from_millis(800)));
        assert!(delays.iter().any(|d| *d != delays[0]), "jitter never varied: {delays:?}");
    }

    #[test]
    fn secondary_waits_follow_github_guidance() {
        let policy = SecondaryRateLimitPolicy::new().max_wait(Duration::from_secs(90));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(7)), None), Some(Duration::from_secs(7)));
        assert_eq!(policy.delay(1, None, None), Some(Duration::from_secs(60)));
        assert_eq!(policy.delay(1, Some(Duration::from_secs(91)), None), None);
        assert_eq!(policy.delay(3, Some(Duration::from_secs(1)), None), None);
        let exhausted = RateLimit {
            remaining: Some(0),
            reset: Some(time::OffsetDateTime::now_utc() + Duration::from_secs(3600)),
            ..RateLimit::default()
        };
        assert_eq!(policy.delay(1, None, Some(&exhausted)), None, "an hour is longer than max_wait");
    }

    #[test]
    fn only_transient_statuses_retry() {
        assert!(is_retryable_status(500) && is_retryable_status(502) && is_retryable_status(503));
        assert!(!is_retryable_status(501) && !is_retryable_status(505) && !is_retryable_status(404));
    }
}
