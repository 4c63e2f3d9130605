//! Typed errors: GitHub's error bodies, rate limits, redirects, transport
//! failures and bodies that do not decode.
//!
//! How a response becomes an error ([`Error::from_response`]):
//!
//! | answer | error |
//! |---|---|
//! | 301, 302, 303, 307, 308 that was not followed | [`Error::Redirect`] with the `Location` |
//! | 403 or 429 with `Retry-After` or GitHub's "secondary rate limit" message | [`Error::RateLimited`], [`RateLimitKind::Secondary`] |
//! | 403 or 429 with `X-RateLimit-Remaining: 0` | [`Error::RateLimited`], [`RateLimitKind::Primary`], with the reset time |
//! | 304, 400, 401, 403, 404, 409, 410, 415, 422, 429, 5xx, ... | [`Error::Api`] with [`ApiErrorKind`], `message`, `documentation_url`, `errors[]` |
//! | a success status the operation does not document | [`Error::UnexpectedStatus`] with status, headers and body |
//! | a documented success whose body does not decode | [`Error::Decode`] with the raw body |
//!
//! A 415 whose message asks for a preview media type is
//! [`ApiErrorKind::PreviewRequired`]; any other 415 is
//! [`ApiErrorKind::UnsupportedMediaType`]. An error body that is not
//! GitHub's JSON shape still gives an [`ApiError`]: `message` is `None` and
//! [`ApiError::body`] keeps the body as sent.
//!
//! Redirects: the client follows 301, 302, 307 and 308 answers to `GET` and
//! `HEAD` requests when the `Location` is within the configured API root,
//! sending the same credential (at most
//! [`ClientBuilder::max_redirects`](crate::ClientBuilder::max_redirects)
//! times). Every other redirect — another host, another method, too many
//! hops — is returned as [`Error::Redirect`] and nothing is sent to the new
//! location.
//!
//! Every variant that comes from a response keeps its status and its
//! [`RateLimit`] ([`Error::rate_limit`]). No variant ever prints a
//! credential: URLs are dropped from transport errors because a deprecated
//! OAuth path holds an access token, and every body an error keeps is a
//! [`ResponseBody`] that masks the operation's secret properties
//! (`Operation::SECRET_PROPERTIES`) in `Display`, `Debug` and
//! [`ResponseBody::text`]. The decoder's message is masked the same way.

use std::borrow::Cow;
use std::fmt;
use std::time::Duration;

use reqwest::header::{self, HeaderMap};
use serde::{Deserialize, Deserializer, Serialize};

use crate::body::ResponseBody;
use crate::operation::InvalidInput;
use crate::rate_limit::RateLimit;

/// A credential could not be produced.
///
/// No variant carries key material or a token: the messages name what
/// failed, never the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The private key is not an RSA PEM key.
    #[error("the private key is not a valid RSA PEM key (PKCS#1 or PKCS#8)")]
    InvalidPrivateKey,
    /// Signing the JWT failed.
    #[error("signing the app JWT failed: {0}")]
    Signing(String),
    /// A secret cannot be sent in an HTTP header.
    #[error("the {0} contains characters that cannot be sent in an HTTP header")]
    InvalidHeaderValue(&'static str),
}

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
    #[error(transparent)]
    Redirect(Box<RedirectError>),
    /// A success status whose body did not decode.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// A success or informational status the operation does not document.
    #[error(transparent)]
    UnexpectedStatus(Box<UnexpectedResponse>),
    /// The request could not be encoded.
    #[error("the request body of {operation} could not be encoded: {source}")]
    Encode {
        /// The operationId.
        operation: &'static str,
        /// The encoder's error.
        #[source]
        source: serde_json::Error,
    },
    /// No complete response within the configured timeout.
    #[error("no response within {0:?}")]
    Timeout(Duration),
    /// The connection failed, was reset, or the body broke off.
    #[error("transport error: {0}")]
    Transport(#[source] reqwest::Error),
    /// The response body is larger than
    /// [`ClientBuilder::max_response_bytes`](crate::ClientBuilder::max_response_bytes).
    #[error("the response body of {operation} exceeds the {limit}-byte limit")]
    BodyTooLarge {
        /// The operationId.
        operation: &'static str,
        /// The configured limit in bytes.
        limit: usize,
    },
    /// A credential could not be produced (a bad private key, a secret that
    /// cannot be sent in a header, ...).
    #[error("authentication failed: {0}")]
    Auth(#[from] AuthError),
    /// An installation token could not be created and no cached token is
    /// still valid. Every request that waited for the same token request
    /// gets this error, sharing its cause.
    #[error(transparent)]
    InstallationToken(Box<InstallationTokenError>),
    /// The client was configured wrongly (a bad base URL, ...).
    #[error("invalid configuration: {0}")]
    Config(String),
    /// A URL from a response (`Link`, `Location`) points outside the API root.
    #[error("refusing to send credentials to {0}, which is outside the configured API root")]
    ForeignUrl(String),
    /// The `Link` headers of a list cannot be followed (a target that is not
    /// a URL, or a `next` that points back at the same page).
    #[error("cannot follow the pages of {operation}: {reason}")]
    Pagination {
        /// The operationId.
        operation: &'static str,
        /// What is wrong with the links.
        reason: String,
    },
}

impl Error {
    /// The HTTP status, for errors that come from a response (for a failed
    /// installation token, the token request's).
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::InstallationToken(token) => token.source.status(),
            Error::Api(api) => Some(api.status),
            Error::RateLimited(limited) => Some(limited.status),
            Error::Redirect(redirect) => Some(redirect.status),
            Error::Decode(decode) => Some(decode.status),
            Error::UnexpectedStatus(unexpected) => Some(unexpected.status),
            _ => None,
        }
    }

    /// The rate-limit headers of the response, for every error that comes
    /// from a response carrying them.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        match self {
            Error::InstallationToken(token) => token.source.rate_limit(),
            Error::Api(api) => api.rate_limit.as_ref(),
            Error::RateLimited(limited) => limited.rate_limit.as_ref(),
            Error::Redirect(redirect) => redirect.rate_limit.as_ref(),
            Error::Decode(decode) => decode.rate_limit.as_ref(),
            Error::UnexpectedStatus(unexpected) => unexpected.rate_limit.as_ref(),
            _ => None,
        }
    }

    /// The [`ApiError`], for error statuses that are not rate limits (for a
    /// failed installation token, the token request's).
    pub fn as_api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::InstallationToken(token) => token.source.as_api_error(),
            _ => None,
        }
    }

    /// The kind of error status, for [`Error::Api`].
    pub fn api_kind(&self) -> Option<ApiErrorKind> {
        self.as_api_error().map(|api| api.kind)
    }

    /// Whether GitHub asked for a preview media type the request did not send.
    pub fn is_preview_required(&self) -> bool {
        self.api_kind() == Some(ApiErrorKind::PreviewRequired)
    }

    pub(crate) fn transport(err: reqwest::Error) -> Error {
        // The URL may hold a secret (deprecated OAuth paths carry the token).
        Error::Transport(err.without_url())
    }

    /// Classifies an answer that is not a decodable success of `operation`:
    /// redirects, rate limits, error statuses and undocumented statuses.
    /// `secret_properties` are the JSON properties whose values the kept
    /// body masks when printed (the operation's `SECRET_PROPERTIES`).
    pub fn from_response(
        operation: &'static str,
        secret_properties: &'static [&'static str],
        status: u16,
        headers: HeaderMap,
        body: Vec<u8>,
    ) -> Error {
        let rate_limit = RateLimit::from_headers(&headers);
        if status < 200 || (200..300).contains(&status) || !(100..=599).contains(&status) {
            let body = ResponseBody::new(body, secret_properties);
            return Error::UnexpectedStatus(Box::new(UnexpectedResponse { operation, status, headers, rate_limit, body }));
        }
        let mut parsed = ErrorBody::parse(&body);
        parsed.mask_secret_values(secret_properties);
        let body = ResponseBody::new(body, secret_properties);
        if matches!(status, 301 | 302 | 303 | 307 | 308) {
            let location = headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
                .or_else(|| parsed.url.clone());
            return Error::Redirect(Box::new(RedirectError {
                operation,
                status,
                location,
                message: parsed.message,
                documentation_url: parsed.documentation_url,
                rate_limit,
                headers,
            }));
        }
        let retry_after = retry_after(&headers);
        if let Some(kind) = rate_limit_kind(status, retry_after.is_some(), parsed.message.as_deref(), rate_limit.as_ref())
        {
            return Error::RateLimited(Box::new(RateLimitedError {
                operation,
                status,
                kind,
                message: parsed.message,
                documentation_url: parsed.documentation_url,
                rate_limit,
                retry_after,
                headers,
                body,
            }));
        }
        let request_id = headers
            .get("x-github-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or(parsed.request_id);
        let kind = match ApiErrorKind::from_status(status) {
            ApiErrorKind::PreviewRequired if !parsed.message.as_deref().is_some_and(mentions_preview) => {
                ApiErrorKind::UnsupportedMediaType
            }
            kind => kind,
        };
        Error::Api(Box::new(ApiError {
            operation,
            status,
            kind,
            message: parsed.message,
            documentation_url: parsed.documentation_url,
            errors: parsed.errors,
            body_is_error_json: parsed.is_error_json,
            rate_limit,
            request_id,
            headers,
            body,
        }))
    }
}

/// GitHub's 415 for a missing preview reads "... you must specify a custom
/// media type in the 'Accept' header ..." and names the preview period.
fn mentions_preview(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    message.contains("preview") || message.contains("custom media type")
}

/// Which rate limit, if any, a 403 or 429 answer reports.
///
/// GitHub documents: `Retry-After`, or a message naming the secondary rate
/// limit, is a secondary limit; `X-RateLimit-Remaining: 0` is the primary one.
pub(crate) fn rate_limit_kind(
    status: u16,
    has_retry_after: bool,
    message: Option<&str>,
    rate_limit: Option<&RateLimit>,
) -> Option<RateLimitKind> {
    if !matches!(status, 403 | 429) {
        return None;
    }
    let lowercase = message.map(str::to_ascii_lowercase).unwrap_or_default();
    let says_secondary = lowercase.contains("secondary rate limit") || lowercase.contains("abuse detection");
    if has_retry_after || says_secondary {
        Some(RateLimitKind::Secondary)
    } else if rate_limit.is_some_and(RateLimit::is_exhausted) {
        Some(RateLimitKind::Primary)
    } else {
        None
    }
}

/// `Retry-After` as delay-seconds or an HTTP date (RFC 9110, section 10.2.3).
pub(crate) fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(header::RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(std::time::SystemTime::now()).unwrap_or(Duration::ZERO))
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
    /// 415 asking for a preview media type in `Accept`.
    PreviewRequired,
    /// Any other 415.
    UnsupportedMediaType,
    /// 422: validation failed; see [`ApiError::errors`].
    ValidationFailed,
    /// 429 that is not a rate limit GitHub explains.
    TooManyRequests,
    /// 5xx: a server error.
    Server,
    /// Any other error status.
    Other,
}

impl ApiErrorKind {
    /// Classifies a status. A 415 classifies as
    /// [`PreviewRequired`](ApiErrorKind::PreviewRequired); the body decides
    /// in [`Error::from_response`].
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
            429 => ApiErrorKind::TooManyRequests,
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
    /// Whether the body was a JSON object (GitHub's error shape). When it
    /// was not (HTML from a proxy, truncated JSON, ...), [`body`](Self::body)
    /// is all there is.
    pub body_is_error_json: bool,
    /// The rate-limit headers of the response.
    pub rate_limit: Option<RateLimit>,
    /// The `X-GitHub-Request-Id` header, or the body's `request_id`.
    pub request_id: Option<String>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as sent; prints with secret values masked.
    pub body: ResponseBody,
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

/// Creating an installation token failed.
#[derive(Debug)]
pub struct InstallationTokenError {
    /// The installation.
    pub installation_id: i64,
    /// Why the token request failed, shared by every request that waited for it.
    pub source: std::sync::Arc<Error>,
}

impl fmt::Display for InstallationTokenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no token for installation {}: {}", self.installation_id, self.source)
    }
}

impl std::error::Error for InstallationTokenError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// A redirect the client did not follow.
#[derive(Debug)]
pub struct RedirectError {
    /// The operationId of the request.
    pub operation: &'static str,
    /// The status, e.g. 301 or 307.
    pub status: u16,
    /// The `Location` header (or, without one, the body's `url`).
    pub location: Option<String>,
    /// GitHub's `message`, e.g. `Moved Permanently`.
    pub message: Option<String>,
    /// GitHub's `documentation_url`.
    pub documentation_url: Option<String>,
    /// The rate-limit headers of the response.
    pub rate_limit: Option<RateLimit>,
    /// The response headers.
    pub headers: HeaderMap,
}

impl fmt::Display for RedirectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let location = self.location.as_deref().unwrap_or("an unknown location");
        write!(f, "{} answered {} redirect to {location}", self.operation, self.status)
    }
}

impl std::error::Error for RedirectError {}

/// An answer with a status the operation does not document, kept whole.
#[derive(Debug)]
pub struct UnexpectedResponse {
    /// The operationId.
    pub operation: &'static str,
    /// The response status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The rate-limit headers of the response.
    pub rate_limit: Option<RateLimit>,
    /// The body as received; prints with secret values masked.
    pub body: ResponseBody,
}

impl UnexpectedResponse {
    /// The body as text, with secret values masked.
    pub fn body_text(&self) -> Cow<'_, str> {
        self.body.text()
    }
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected {} response to {}", self.status, self.operation)
    }
}

impl std::error::Error for UnexpectedResponse {}

/// A success status whose body did not decode.
///
/// The decoder's message is kept as text with secret values masked (the
/// decoder quotes the values it trips over), so this error has no
/// [`source`](std::error::Error::source): its `Display` says it all.
#[derive(Debug)]
pub struct DecodeError {
    /// The operationId.
    pub operation: &'static str,
    /// The response status.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The rate-limit headers of the response.
    pub rate_limit: Option<RateLimit>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received; prints with secret values masked.
    pub body: ResponseBody,
    message: String,
    category: serde_json::error::Category,
    line: usize,
    column: usize,
}

impl DecodeError {
    pub(crate) fn new(
        operation: &'static str,
        status: u16,
        headers: HeaderMap,
        body: ResponseBody,
        source: &serde_json::Error,
    ) -> DecodeError {
        let message = body.mask_values_in(&source.to_string());
        DecodeError {
            operation,
            status,
            content_type: headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned),
            rate_limit: RateLimit::from_headers(&headers),
            headers,
            body,
            message,
            category: source.classify(),
            line: source.line(),
            column: source.column(),
        }
    }

    /// The body as text (lossily decoded as UTF-8), with secret values masked.
    pub fn body_text(&self) -> Cow<'_, str> {
        self.body.text()
    }

    /// The decoder's message, with secret values masked.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What kind of decoding failure: a syntax error, a premature end of the
    /// body, or data of the wrong shape.
    pub fn classify(&self) -> serde_json::error::Category {
        self.category
    }

    /// The line of the body where decoding failed (1-based).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The column where decoding failed (1-based).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the {} response body of {} did not decode", self.status, self.operation)?;
        if let Some(content_type) = &self.content_type {
            write!(f, " (content type {content_type})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for DecodeError {}

/// The body GitHub sends with error statuses, read leniently: a field of an
/// unexpected type is dropped rather than failing the whole body.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ErrorBody {
    /// What went wrong.
    pub message: Option<String>,
    /// Where the documentation is.
    pub documentation_url: Option<String>,
    /// Validation details (422).
    pub errors: Vec<ValidationErrorDetail>,
    /// The `request_id` some hosts (uploads.github.com) put in the body.
    pub request_id: Option<String>,
    /// The new `url` of a moved resource (301).
    pub url: Option<String>,
    /// Whether the body was a JSON object at all.
    pub is_error_json: bool,
}

impl ErrorBody {
    /// Masks the `value` of validation errors about a secret field (a 422
    /// can echo the rejected token).
    fn mask_secret_values(&mut self, secret_properties: &[&str]) {
        for detail in &mut self.errors {
            if let ValidationErrorDetail::Object(object) = detail
                && object.field.as_deref().is_some_and(|field| secret_properties.contains(&field))
                && object.value.is_some()
            {
                object.value = Some(ValidationValue::String(crate::secret::REDACTED.to_owned()));
            }
        }
    }

    /// Reads an error body; anything that is not a JSON object gives the
    /// default (no message, no errors).
    pub fn parse(body: &[u8]) -> ErrorBody {
        let Ok(serde_json::Value::Object(object)) = serde_json::from_slice::<serde_json::Value>(body) else {
            return ErrorBody::default();
        };
        let string = |key: &str| object.get(key).and_then(|v| v.as_str()).map(str::to_owned);
        let errors = match object.get("errors") {
            Some(serde_json::Value::Array(items)) => {
                items.iter().filter_map(|item| ValidationErrorDetail::deserialize(item).ok()).collect()
            }
            // Some endpoints send a single string or object instead of a list.
            Some(item @ (serde_json::Value::String(_) | serde_json::Value::Object(_))) => {
                ValidationErrorDetail::deserialize(item).ok().into_iter().collect()
            }
            _ => Vec::new(),
        };
        ErrorBody {
            message: string("message"),
            documentation_url: string("documentation_url"),
            errors,
            request_id: string("request_id"),
            url: string("url"),
            is_error_json: true,
        }
    }
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

impl ValidationErrorDetail {
    /// The object form, if this entry is one.
    pub fn as_object(&self) -> Option<&ValidationErrorObject> {
        match self {
            ValidationErrorDetail::Object(object) => Some(object),
            ValidationErrorDetail::Message(_) => None,
        }
    }
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
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The field, e.g. `name`.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The code, e.g. `already_exists`, `missing_field`, `invalid`, `custom`.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A human-readable message.
    #[serde(default, deserialize_with = "lenient_string", skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The offending value: `None` when absent, [`ValidationValue::Null`]
    /// when GitHub sent `null`.
    #[serde(default, deserialize_with = "present_value", skip_serializing_if = "Option::is_none")]
    pub value: Option<ValidationValue>,
    /// The index of the offending item.
    #[serde(default, deserialize_with = "lenient_integer", skip_serializing_if = "Option::is_none")]
    pub index: Option<i64>,
}

/// The `value` of a validation error: GitHub sends strings, integers,
/// arrays and `null`.
#[derive(Debug, Clone, PartialEq)]
pub enum ValidationValue {
    /// `null`.
    Null,
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// An array (of any values).
    Array(Vec<serde_json::Value>),
    /// Anything else (a float, a boolean, an object), kept as sent.
    Other(serde_json::Value),
}

impl From<serde_json::Value> for ValidationValue {
    fn from(value: serde_json::Value) -> ValidationValue {
        match value {
            serde_json::Value::Null => ValidationValue::Null,
            serde_json::Value::String(s) => ValidationValue::String(s),
            serde_json::Value::Number(n) if n.as_i64().is_some() => {
                ValidationValue::Integer(n.as_i64().unwrap_or_default())
            }
            serde_json::Value::Array(items) => ValidationValue::Array(items),
            other => ValidationValue::Other(other),
        }
    }
}

impl From<ValidationValue> for serde_json::Value {
    fn from(value: ValidationValue) -> serde_json::Value {
        match value {
            ValidationValue::Null => serde_json::Value::Null,
            ValidationValue::String(s) => serde_json::Value::String(s),
            ValidationValue::Integer(n) => serde_json::Value::from(n),
            ValidationValue::Array(items) => serde_json::Value::Array(items),
            ValidationValue::Other(other) => other,
        }
    }
}

impl Serialize for ValidationValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serde_json::Value::from(self.clone()).serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for ValidationValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        serde_json::Value::deserialize(deserializer).map(ValidationValue::from)
    }
}

/// A present `value` (even `null`) becomes `Some`; an absent one stays `None` via `default`.
fn present_value<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<ValidationValue>, D::Error> {
    ValidationValue::deserialize(deserializer).map(Some)
}

fn lenient_string<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Null => None,
        other => Some(other.to_string()),
    })
}

fn lenient_integer<'de, D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Option<i64>, D::Error> {
    Ok(serde_json::Value::deserialize(deserializer)?.as_i64())
}

/// A rate limit stopped the request.
#[derive(Debug)]
pub struct RateLimitedError {
    /// The operationId of the request.
    pub operation: &'static str,
    /// The response status (403 or 429).
    pub status: u16,
    /// Primary (the window is used up) or secondary (abuse detection).
    pub kind: RateLimitKind,
    /// GitHub's `message`.
    pub message: Option<String>,
    /// GitHub's `documentation_url`.
    pub documentation_url: Option<String>,
    /// The rate-limit headers; for a primary limit `reset` says when to retry.
    pub rate_limit: Option<RateLimit>,
    /// `Retry-After`, for secondary limits.
    pub retry_after: Option<Duration>,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as sent; prints with secret values masked.
    pub body: ResponseBody,
}

/// How long to wait after a secondary rate limit that names no time
/// (GitHub: "wait for at least one minute before retrying").
pub const SECONDARY_RATE_LIMIT_DEFAULT_WAIT: Duration = Duration::from_secs(60);

impl RateLimitedError {
    /// When the primary window resets (`X-RateLimit-Reset`).
    pub fn reset(&self) -> Option<time::OffsetDateTime> {
        self.rate_limit.as_ref().and_then(|limit| limit.reset)
    }

    /// How long to wait before trying again, from now: `Retry-After` when
    /// GitHub sent it; for the primary limit the time until
    /// `X-RateLimit-Reset`; otherwise, for a secondary limit, one minute
    /// ([`SECONDARY_RATE_LIMIT_DEFAULT_WAIT`]). Never negative.
    ///
    /// ```no_run
    /// # async fn demo(client: github_apps_runtime::AppClient) -> github_apps_runtime::Result<()> {
    /// use github_apps_runtime::{Error, RawRequest};
    /// loop {
    ///     match client.send(RawRequest::<serde_json::Value>::get("/app")).await {
    ///         Err(Error::RateLimited(limited)) => tokio::time::sleep(limited.wait()).await,
    ///         other => break other.map(drop),
    ///     }
    /// }
    /// # }
    /// ```
    pub fn wait(&self) -> Duration {
        self.wait_from(std::time::SystemTime::now())
    }

    /// [`wait`](Self::wait) counted from `now` (for tests and injected clocks).
    pub fn wait_from(&self, now: std::time::SystemTime) -> Duration {
        if let Some(retry_after) = self.retry_after {
            return retry_after;
        }
        match (self.kind, self.reset()) {
            (RateLimitKind::Primary, Some(reset)) => {
                std::time::SystemTime::from(reset).duration_since(now).unwrap_or(Duration::ZERO)
            }
            _ => SECONDARY_RATE_LIMIT_DEFAULT_WAIT,
        }
    }
}

impl fmt::Display for RateLimitedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            RateLimitKind::Primary => f.write_str("primary rate limit exceeded")?,
            RateLimitKind::Secondary => f.write_str("secondary rate limit exceeded")?,
        }
        write!(f, " ({} answered {})", self.operation, self.status)?;
        if let Some(reset) = self.reset() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn validation_values_of_every_shape() {
        let body = br#"{"message":"Validation Failed","errors":[
            {"resource":"Label","code":"invalid","field":"color","value":"zz"},
            {"code":"invalid","field":"n","value":42},
            {"code":"invalid","field":"a","value":[1,"x"]},
            {"code":"invalid","field":"z","value":null},
            {"code":"invalid","field":"absent"},
            "a bare message"
        ]}"#;
        let parsed = ErrorBody::parse(body);
        let values: Vec<Option<ValidationValue>> =
            parsed.errors.iter().map(|e| e.as_object().and_then(|o| o.value.clone())).collect();
        assert_eq!(
            values,
            vec![
                Some(ValidationValue::String("zz".into())),
                Some(ValidationValue::Integer(42)),
                Some(ValidationValue::Array(vec![1.into(), "x".into()])),
                Some(ValidationValue::Null),
                None,
                None,
            ]
        );
        assert_eq!(parsed.errors[5], ValidationErrorDetail::Message("a bare message".into()));
    }

    #[test]
    fn odd_error_bodies_keep_the_message() {
        let parsed = ErrorBody::parse(br#"{"message":"nope","errors":"just a string","documentation_url":7}"#);
        assert_eq!(parsed.message.as_deref(), Some("nope"));
        assert_eq!(parsed.documentation_url, None);
        assert_eq!(parsed.errors, vec![ValidationErrorDetail::Message("just a string".into())]);
        let parsed = ErrorBody::parse(br#"{"errors":[{"code":5,"index":"x"}]}"#);
        let object = parsed.errors[0].as_object().unwrap();
        assert_eq!((object.code.as_deref(), object.index), (Some("5"), None));
        assert!(!ErrorBody::parse(b"<html>").is_error_json);
    }

    #[test]
    fn preview_415_is_distinguishable() {
        let preview = br#"{"message":"If you would like to help us test the Machine Man API during its preview period, you must specify a custom media type in the 'Accept' header. Please see the docs for full details."}"#;
        let err = Error::from_response("x", &[], 415, HeaderMap::new(), preview.to_vec());
        assert!(err.is_preview_required());
        let err = Error::from_response("x", &[], 415, HeaderMap::new(), br#"{"message":"Unsupported Media Type"}"#.to_vec());
        assert_eq!(err.api_kind(), Some(ApiErrorKind::UnsupportedMediaType));
        assert!(!err.is_preview_required());
    }

    #[test]
    fn rate_limits_are_classified() {
        let exhausted = headers(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000000")]);
        let Error::RateLimited(limited) = Error::from_response("x", &[], 403, exhausted.clone(), b"{}".to_vec()) else {
            panic!("not rate limited")
        };
        assert_eq!(limited.kind, RateLimitKind::Primary);
        assert_eq!(limited.reset().unwrap().unix_timestamp(), 1_700_000_000);

        let secondary = br#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#;
        let Error::RateLimited(limited) = Error::from_response("x", &[], 403, HeaderMap::new(), secondary.to_vec()) else {
            panic!("not rate limited")
        };
        assert_eq!((limited.kind, limited.retry_after), (RateLimitKind::Secondary, None));

        let Error::RateLimited(limited) =
            Error::from_response("x", &[], 429, headers(&[("retry-after", "30")]), Vec::new())
        else {
            panic!("not rate limited")
        };
        assert_eq!(limited.retry_after, Some(Duration::from_secs(30)));

        let plain = Error::from_response("x", &[], 403, headers(&[("x-ratelimit-remaining", "10")]), b"{}".to_vec());
        assert_eq!(plain.api_kind(), Some(ApiErrorKind::Forbidden));
        assert_eq!(plain.rate_limit().unwrap().remaining, Some(10));
    }

    #[test]
    fn the_wait_of_each_rate_limit() {
        let now = std::time::UNIX_EPOCH + Duration::from_secs(1_700_000_000 - 90);
        let limited = |status, pairs: &[(&'static str, &'static str)], body: &[u8]| {
            let Error::RateLimited(limited) = Error::from_response("x", &[], status, headers(pairs), body.to_vec()) else {
                panic!("not rate limited")
            };
            limited
        };
        let primary = limited(403, &[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000000")], b"{}");
        assert_eq!(primary.wait_from(now), Duration::from_secs(90));
        assert_eq!(primary.wait_from(now + Duration::from_secs(3600)), Duration::ZERO, "reset in the past");
        assert_eq!(limited(429, &[("retry-after", "30")], b"{}").wait_from(now), Duration::from_secs(30));
        let secondary = br#"{"message":"You have exceeded a secondary rate limit."}"#;
        assert_eq!(limited(403, &[], secondary).wait_from(now), SECONDARY_RATE_LIMIT_DEFAULT_WAIT);
    }

    #[test]
    fn retry_after_accepts_an_http_date() {
        let past = headers(&[("retry-after", "Tue, 10 Oct 2017 16:00:00 GMT")]);
        assert_eq!(retry_after(&past), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")])), None);
    }

    #[test]
    fn undocumented_success_keeps_everything() {
        let err = Error::from_response("x", &[], 203, headers(&[("x-ratelimit-limit", "60")]), b"\xff raw".to_vec());
        let Error::UnexpectedStatus(unexpected) = &err else { panic!("{err:?}") };
        assert_eq!((unexpected.status, unexpected.body.expose_raw()), (203, &b"\xff raw"[..]));
        assert!(unexpected.headers.contains_key("x-ratelimit-limit"));
        assert_eq!(err.rate_limit().unwrap().limit, Some(60));
        assert_eq!(err.to_string(), "unexpected 203 response to x");
    }
}
