//! Tracing (the `tracing` feature): one span per request, named
//! `github_api.request`, with the fields
//!
//! | field | value |
//! |---|---|
//! | `operation` | the operationId, e.g. `apps/get-installation` |
//! | `method` | `GET`, `POST`, ... |
//! | `path_template` | the path as the spec writes it, e.g. `/app/installations/{installation_id}` |
//! | `attempt` | 1 for the first try, counting retries |
//! | `status` | the status of the last answer |
//! | `rate_limit_remaining` | `X-RateLimit-Remaining` of the last answer |
//!
//! The span never holds a secret nor a path with its values filled in
//! (deprecated OAuth paths carry a token): only the template. Without the
//! feature, every function here is a no-op that compiles away.

#[cfg(feature = "tracing")]
mod enabled {
    use std::future::Future;

    use reqwest::header::HeaderMap;
    use tracing::Instrument;

    use crate::rate_limit::RateLimit;

    /// The span of one request (with its retries).
    pub(crate) struct RequestSpan(tracing::Span);

    impl RequestSpan {
        pub(crate) fn new(operation: &'static str, method: &'static str, path_template: &str) -> RequestSpan {
            RequestSpan(tracing::info_span!(
                "github_api.request",
                operation,
                method,
                path_template,
                attempt = tracing::field::Empty,
                status = tracing::field::Empty,
                rate_limit_remaining = tracing::field::Empty,
            ))
        }

        pub(crate) fn attempt(&self, attempt: u32) {
            self.0.record("attempt", attempt);
        }

        pub(crate) fn answered(&self, status: u16, headers: &HeaderMap) {
            self.0.record("status", status);
            if let Some(remaining) = RateLimit::from_headers(headers).and_then(|limit| limit.remaining) {
                self.0.record("rate_limit_remaining", remaining);
            }
        }

        pub(crate) fn instrument<F: Future>(&self, future: F) -> impl Future<Output = F::Output> {
            future.instrument(self.0.clone())
        }
    }
}

#[cfg(not(feature = "tracing"))]
mod enabled {
    use std::future::Future;

    /// Without the `tracing` feature: nothing.
    pub(crate) struct RequestSpan;

    impl RequestSpan {
        pub(crate) fn new(_operation: &'static str, _method: &'static str, _path_template: &str) -> RequestSpan {
            RequestSpan
        }

        pub(crate) fn attempt(&self, _attempt: u32) {}

        pub(crate) fn answered(&self, _status: u16, _headers: &reqwest::header::HeaderMap) {}

        pub(crate) fn instrument<F: Future>(&self, future: F) -> F {
            future
        }
    }
}

pub(crate) use enabled::RequestSpan;
