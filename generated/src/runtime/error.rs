//! Typed errors: GitHub's error bodies, rate limits, redirects, transport
//! failures and bodies that do not decode.
//!
//! Every variant that comes from a response keeps its status, and the raw
//! body where the body did not fit the expected shape. No variant ever
//! carries a credential: URLs are dropped from transport errors because a
//! deprecated OAuth path holds an access token.

use std::fmt;
use std::time::Duration;

use reqwest::header::HeaderMap;
use serde::{Deserialize, Serialize};

use crate::runtime::operation::InvalidInput;
use crate::runtime::rate_limit::RateLimit;

/// The result type of the client.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong calling the API.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input was rejected before anything was sent.
    #[error(transparent)]
    InvalidInput(#[from] InvalidInput),
    /// GitHub answered with an error status and (usually) an error body.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The primary rate limit is used up, or a secondary limit was hit and
    /// the retry policy did not (or could not) wait it out.
    #[error(transparent)]
    RateLimited(Box<RateLimitedError>),
    /// A `3xx` answer that was not followed.
    #[error("{status} redirect to {}", location.as_deref().unwrap_or("an unknown location"))]
    Redirect {
        /// The status, e.g. 301 or 307.
        status: u16,
        /// The `Location` header, if any.
        location: Option<String>,
        /// The rate-limit headers of the response.
        rate_limit: Option<RateLimit>,
    },
    /// A documented success status whose body did not decode.
    #[error("the {status} response body of {operation} did not decode: {source}")]
    Decode {
        /// The operationId.
        operation: &'static str,
        /// The response status.
        status: u16,
        /// The raw body, kept for inspection.
        body: String,
        /// The decoder's error.
        #[source]
        source: serde_json::Error,
    },
    /// A status the operation does not document and that is not an error status.
    #[error("unexpected {status} response to {operation}")]
    UnexpectedStatus {
        /// The operationId.
        operation: &'static str,
        /// The response status.
        status: u16,
        /// The response headers.
        headers: Box<HeaderMap>,
        /// The raw body.
        body: String,
    },
    /// The request could not be encoded.
    #[error("the request body of {operation} could not be encoded: {source}")]
    Encode {
        /// The operationId.
        operation: &'static str,
        /// The encoder's error.
        #[source]
        source: serde_json::Error,
    },
    /// No response within the configured timeout.
    #[error("no response within {0:?}")]
    Timeout(Duration),
    /// The connection failed or broke off.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// A credential could not be produced (a bad private key, a failed token exchange, ...).
    #[error("authentication failed: {0}")]
    Auth(#[from] crate::runtime::auth::AuthError),
    /// The client was configured wrongly (a bad base URL, ...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A URL from a response (`Link`, `Location`) points outside the API root.
    #[error("refusing to send credentials to {0}, which is outside the configured API root")]
    ForeignUrl(String),
}

impl Error {
    /// The HTTP status, for errors that come from a response.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::RateLimited(limited) => Some(limited.status),
            Error::Redirect { status, .. } | Error::Decode { status, .. } | Error::UnexpectedStatus { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// The rate-limit headers of the response, where there was one.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        match self {
            Error::Api(api) => api.rate_limit.as_ref(),
            Error::RateLimited(limited) => limited.rate_limit.as_ref(),
            Error::Redirect { rate_limit, .. } => rate_limit.as_ref(),
            _ => None,
        }
    }

    pub(crate) fn transport(err: reqwest::Error) -> Error {
        // The URL may hold a secret (deprecated OAuth paths carry the token).
        Error::Transport(err.without_url())
    }
}

/// What kind of error status GitHub answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ApiErrorKind {
    /// 304: the conditional request matched.
    NotModified,
    /// 400: the request was malformed.
    BadRequest,
    /// 401: missing, bad or expired credentials.
    Unauthorized,
    /// 403: the credential may not do this.
    Forbidden,
    /// 404: not found, or hidden from this credential.
    NotFound,
    /// 409: conflict.
    Conflict,
    /// 410: gone (e.g. disabled).
    Gone,
    /// 415: the required preview media type was not sent.
    PreviewRequired,
    /// 422: validation failed; see [`ApiError::errors`].
    ValidationFailed,
    /// 5xx: a server error.
    Server,
    /// Any other error status.
    Other,
}

impl ApiErrorKind {
    /// Classifies a status.
    pub fn from_status(status: u16) -> ApiErrorKind {
        match status {
            304 => ApiErrorKind::NotModified,
            400 => ApiErrorKind::BadRequest,
            401 => ApiErrorKind::Unauthorized,
            403 => ApiErrorKind::Forbidden,
            404 => ApiErrorKind::NotFound,
            409 => ApiErrorKind::Conflict,
            410 => ApiErrorKind::Gone,
            415 => ApiErrorKind::PreviewRequired,
            422 => ApiErrorKind::ValidationFailed,
            500..=599 => ApiErrorKind::Server,
            _ => ApiErrorKind::Other,
        }
    }
}

/// An error response from GitHub.
#[derive(Debug)]
pub struct ApiError {
    /// The operationId of the request.
    pub operation: &'static str,
    /// The response status.
    pub status: u16,
    /// The status, classified.
    pub kind: ApiErrorKind,
    /// GitHub's `message`.
    pub message: Option<String>,
    /// GitHub's `documentation_url`.
    pub documentation_url: Option<String>,
    /// The `errors` of a validation failure.
    pub errors: Vec<ValidationErrorDetail>,
    /// The rate-limit headers of the response.
    pub rate_limit: Option<RateLimit>,
    /// The `X-GitHub-Request-Id` header.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The raw body.
    pub body: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} answered {}", self.operation, self.status)?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        for detail in &self.errors {
            write!(f, "; {detail}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// The body GitHub sends with error statuses.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct ErrorBody {
    /// What went wrong.
    #[serde(default)]
    pub message: Option<String>,
    /// Where the documentation is.
    #[serde(default)]
    pub documentation_url: Option<String>,
    /// Validation details (422).
    #[serde(default)]
    pub errors: Vec<ValidationErrorDetail>,
}

/// One entry of a validation error's `errors`: either GitHub's object form
/// or, in some endpoints, a bare string.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum ValidationErrorDetail {
    /// `{resource, field, code, message, value, ...}`.
    Object(ValidationErrorObject),
    /// A bare message.
    Message(String),
}

impl fmt::Display for ValidationErrorDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValidationErrorDetail::Message(message) => f.write_str(message),
            ValidationErrorDetail::Object(object) => {
                let mut parts = Vec::new();
                parts.extend(object.resource.as_deref());
                parts.extend(object.field.as_deref());
                parts.extend(object.code.as_deref());
                parts.extend(object.message.as_deref());
                f.write_str(&parts.join(" "))
            }
        }
    }
}

/// GitHub's validation error object.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
pub struct ValidationErrorObject {
    /// The resource, e.g. `Label`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The field, e.g. `name`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The code, e.g. `already_exists`, `missing_field`, `invalid`, `custom`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The offending value: a string, an integer, an array or null.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
    /// The index of the offending item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<i64>,
}

/// A rate limit stopped the request.
#[derive(Debug)]
pub struct RateLimitedError {
    /// The response status (403 or 429).
    pub status: u16,
    /// Primary (the window is used up) or secondary (abuse detection).
    pub kind: RateLimitKind,
    /// GitHub's `message`.
    pub message: Option<String>,
    /// The rate-limit headers.
    pub rate_limit: Option<RateLimit>,
    /// `Retry-After`, for secondary limits.
    pub retry_after: Option<Duration>,
    /// The raw body.
    pub body: String,
}

impl fmt::Display for RateLimitedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            RateLimitKind::Primary => f.write_str("primary rate limit exceeded")?,
            RateLimitKind::Secondary => f.write_str("secondary rate limit exceeded")?,
        }
        if let Some(reset) = self.rate_limit.as_ref().and_then(|limit| limit.reset) {
            write!(f, "; resets at {reset}")?;
        }
        if let Some(retry_after) = self.retry_after {
            write!(f, "; retry after {}s", retry_after.as_secs())?;
        }
        Ok(())
    }
}

impl std::error::Error for RateLimitedError {}

/// Which rate limit was hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitKind {
    /// The hourly request budget (`X-RateLimit-Remaining: 0`).
    Primary,
    /// A secondary ("abuse") limit: `Retry-After`, or GitHub's message.
    Secondary,
}
