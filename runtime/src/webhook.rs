//! Verifying webhook deliveries: the `X-Hub-Signature-256` HMAC and the
//! delivery headers.
//!
//! GitHub signs every delivery to an App's webhook URL with the App's
//! webhook secret: `X-Hub-Signature-256: sha256=<hex>` is the HMAC-SHA256 of
//! the raw body, keyed with the secret. A [`WebhookVerifier`] holds the
//! secret (as a [`SecretString`], so it never prints), recomputes the HMAC
//! over the body exactly as received and compares it in constant time
//! (`aws_lc_rs::hmac::verify`). Only then does it read the other delivery
//! headers into a [`WebhookDelivery`]: the event name, the delivery id, the
//! hook id and the installation target.
//!
//! ```
//! use github_apps_runtime::{WebhookError, WebhookHeaders, WebhookVerifier};
//!
//! let verifier = WebhookVerifier::new("It's a Secret to Everybody")?;
//! let body = b"Hello, World!";
//! let headers = WebhookHeaders::new()
//!     .event("ping")
//!     .delivery_id("72d3162e-cc78-11e3-81ab-4c9367dc0958")
//!     .signature_256("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
//! let delivery = verifier.verify_headers(&headers, body)?;
//! assert_eq!(delivery.event, "ping");
//!
//! // One changed byte and the delivery is refused.
//! let err = verifier.verify_headers(&headers, b"Hello, World?").unwrap_err();
//! assert!(matches!(err, WebhookError::SignatureMismatch));
//! # Ok::<(), WebhookError>(())
//! ```
//!
//! - Verify the body bytes as received, before any parsing or
//!   re-encoding: a JSON round trip changes the bytes and the signature.
//! - Secret rotation: [`WebhookVerifier::with_secret`] adds a secret that is
//!   also accepted, so deliveries signed with the old or the new secret both
//!   pass while GitHub's settings change over.
//! - The legacy SHA-1 `X-Hub-Signature` is never accepted: a delivery that
//!   carries only it gives [`WebhookError::Sha1Only`].
//! - No error message holds a secret, the expected signature or the
//!   received one.

use aws_lc_rs::hmac;
use reqwest::header::HeaderMap;
use serde::Deserialize;

use crate::secret::SecretString;

/// `X-Hub-Signature-256`: `sha256=` and the hex HMAC-SHA256 of the body.
pub const SIGNATURE_256_HEADER: &str = "X-Hub-Signature-256";
/// `X-Hub-Signature`: the legacy SHA-1 signature, never accepted.
pub const SIGNATURE_SHA1_HEADER: &str = "X-Hub-Signature";
/// `X-GitHub-Event`: the event name (`installation`, `push`, ...).
pub const EVENT_HEADER: &str = "X-GitHub-Event";
/// `X-GitHub-Delivery`: the GUID of the delivery, the same on redeliveries.
pub const DELIVERY_HEADER: &str = "X-GitHub-Delivery";
/// `X-GitHub-Hook-ID`: the id of the webhook configuration.
pub const HOOK_ID_HEADER: &str = "X-GitHub-Hook-ID";
/// `X-GitHub-Hook-Installation-Target-Type`: where the webhook is configured
/// (`integration` for an App's webhook, `repository`, `organization`, ...).
pub const INSTALLATION_TARGET_TYPE_HEADER: &str = "X-GitHub-Hook-Installation-Target-Type";
/// `X-GitHub-Hook-Installation-Target-ID`: the id of that resource (the App
/// id for an App's webhook).
pub const INSTALLATION_TARGET_ID_HEADER: &str = "X-GitHub-Hook-Installation-Target-ID";

const SIGNATURE_PREFIX: &str = "sha256=";
const SIGNATURE_LEN: usize = 32;

/// Why a delivery was refused.
///
/// No variant carries a secret, the expected signature or the received
/// signature: the messages name the header and what is wrong with it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WebhookError {
    /// A webhook secret is the empty string. GitHub does not sign deliveries
    /// for a webhook without a secret, so an empty one is a configuration
    /// mistake.
    #[error("the webhook secret is empty")]
    EmptySecret,
    /// A header the delivery needs is absent.
    #[error("missing the {0} header")]
    MissingHeader(&'static str),
    /// Only the legacy SHA-1 `X-Hub-Signature` is present; the SHA-256
    /// signature is required.
    #[error("missing the X-Hub-Signature-256 header (the legacy sha-1 X-Hub-Signature alone is not accepted)")]
    Sha1Only,
    /// A header appears more than once, so which one was signed is unclear.
    #[error("the {0} header appears more than once")]
    DuplicateHeader(&'static str),
    /// A header is present but its value is unusable.
    #[error("the {name} header is invalid: {reason}")]
    InvalidHeader {
        /// The header.
        name: &'static str,
        /// What is wrong with its value.
        reason: &'static str,
    },
    /// `X-Hub-Signature-256` is not `sha256=` followed by 64 hex digits.
    #[error("malformed X-Hub-Signature-256 header: {0}")]
    MalformedSignature(SignatureFormatError),
    /// The signature is well formed but matches the body under none of the
    /// verifier's secrets: a wrong secret, an altered body or a forgery.
    #[error("signature mismatch: X-Hub-Signature-256 does not match the body for any configured webhook secret")]
    SignatureMismatch,
    /// The verified body does not deserialize into the requested type.
    #[error("the webhook body does not deserialize: {0}")]
    Json(serde_json::Error),
}

/// What is wrong with the shape of an `X-Hub-Signature-256` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureFormatError {
    /// The value does not start with `sha256=`.
    #[error("expected `sha256=` followed by 64 hex digits")]
    MissingPrefix,
    /// The digest is not all hex digits.
    #[error("the digest after `sha256=` is not all hex digits")]
    NotHex,
    /// The digest has a number of hex digits other than 64.
    #[error("expected 64 hex digits after `sha256=`, found {digits}")]
    WrongLength {
        /// How many hex digits there are.
        digits: usize,
    },
}

impl From<SignatureFormatError> for WebhookError {
    fn from(err: SignatureFormatError) -> WebhookError {
        WebhookError::MalformedSignature(err)
    }
}

/// Checks webhook deliveries against the App's webhook secret (or several,
/// during a rotation).
///
/// Cheap to clone; share one per process. `Debug` prints the secrets as
/// `[REDACTED]`.
#[derive(Clone, Debug)]
pub struct WebhookVerifier {
    // Held as `SecretString` (zeroed on drop, never printed); the HMAC key
    // is derived per verification, which costs far less than the HMAC of a
    // typical body.
    secrets: Vec<SecretString>,
}

impl WebhookVerifier {
    /// A verifier for the webhook secret set in the App's settings.
    ///
    /// Fails with [`WebhookError::EmptySecret`] for an empty secret, so a
    /// missing configuration shows when the verifier is built rather than
    /// at the first delivery.
    pub fn new(secret: impl Into<SecretString>) -> Result<WebhookVerifier, WebhookError> {
        let secret = non_empty(secret.into())?;
        Ok(WebhookVerifier { secrets: vec![secret] })
    }

    /// Also accepts signatures made with `secret`, for rotating the
    /// webhook secret without refusing deliveries in between. A signature
    /// matching any of the secrets is accepted; [`sign`](Self::sign) keeps
    /// using the first one.
    pub fn with_secret(mut self, secret: impl Into<SecretString>) -> Result<WebhookVerifier, WebhookError> {
        self.secrets.push(non_empty(secret.into())?);
        Ok(self)
    }

    /// Verifies a delivery from its HTTP headers and raw body, and reads
    /// the delivery headers.
    ///
    /// `headers` is an `http::HeaderMap` (axum, hyper and reqwest all use
    /// it; reqwest re-exports it as `reqwest::header::HeaderMap`). A
    /// webhook header that appears twice or is not visible ASCII is refused
    /// first; then the signature is checked, and the other headers are
    /// parsed only if it matches.
    pub fn verify(&self, headers: &HeaderMap, body: &[u8]) -> Result<WebhookDelivery, WebhookError> {
        self.verify_headers(&WebhookHeaders::from_header_map(headers)?, body)
    }

    /// Verifies a delivery from header values given one by one (for
    /// frameworks with another header type), and reads the delivery
    /// headers.
    pub fn verify_headers(&self, headers: &WebhookHeaders<'_>, body: &[u8]) -> Result<WebhookDelivery, WebhookError> {
        let signature = match (headers.signature_256, headers.signature_sha1) {
            (Some(signature), _) => signature,
            (None, Some(_)) => return Err(WebhookError::Sha1Only),
            (None, None) => return Err(WebhookError::MissingHeader(SIGNATURE_256_HEADER)),
        };
        self.verify_signature(signature, body)?;
        WebhookDelivery::from_headers(headers)
    }

    /// Checks only the signature: `signature_header` is the value of
    /// `X-Hub-Signature-256` (`sha256=` and 64 hex digits, either case),
    /// `body` the raw body. The comparison is constant-time.
    pub fn verify_signature(&self, signature_header: &str, body: &[u8]) -> Result<(), WebhookError> {
        let tag = parse_signature(signature_header)?;
        let matches = self.secrets.iter().any(|secret| hmac::verify(&hmac_key(secret), body, &tag).is_ok());
        if matches { Ok(()) } else { Err(WebhookError::SignatureMismatch) }
    }

    /// The `X-Hub-Signature-256` value GitHub would send for `body`, made
    /// with the first secret: for testing your own handler, or for
    /// forwarding a delivery to another service that checks it.
    pub fn sign(&self, body: &[u8]) -> String {
        let tag = hmac::sign(&hmac_key(&self.secrets[0]), body);
        let mut signature = String::with_capacity(SIGNATURE_PREFIX.len() + 2 * SIGNATURE_LEN);
        signature.push_str(SIGNATURE_PREFIX);
        for byte in tag.as_ref() {
            signature.push(char::from(HEX_DIGITS[usize::from(byte >> 4)]));
            signature.push(char::from(HEX_DIGITS[usize::from(byte & 0xf)]));
        }
        signature
    }
}

fn non_empty(secret: SecretString) -> Result<SecretString, WebhookError> {
    if secret.is_empty() { Err(WebhookError::EmptySecret) } else { Ok(secret) }
}

fn hmac_key(secret: &SecretString) -> hmac::Key {
    hmac::Key::new(hmac::HMAC_SHA256, secret.expose_secret().as_bytes())
}

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// `sha256=` (any case) and 64 hex digits (any case) → the 32-byte tag.
/// No crate in the dependency tree decodes hex, hence the few lines here;
/// the value decoded is the one received, so this need not be
/// constant-time.
fn parse_signature(header: &str) -> Result<[u8; SIGNATURE_LEN], SignatureFormatError> {
    let header = header.trim_ascii();
    let digest = match header.get(..SIGNATURE_PREFIX.len()) {
        Some(prefix) if prefix.eq_ignore_ascii_case(SIGNATURE_PREFIX) => &header[SIGNATURE_PREFIX.len()..],
        _ => return Err(SignatureFormatError::MissingPrefix),
    };
    let digits = digest.as_bytes();
    if !digits.iter().all(u8::is_ascii_hexdigit) {
        return Err(SignatureFormatError::NotHex);
    }
    if digits.len() != 2 * SIGNATURE_LEN {
        return Err(SignatureFormatError::WrongLength { digits: digits.len() });
    }
    let mut tag = [0u8; SIGNATURE_LEN];
    for (byte, pair) in tag.iter_mut().zip(digits.chunks_exact(2)) {
        *byte = (hex_value(pair[0]) << 4) | hex_value(pair[1]);
    }
    Ok(tag)
}

/// The value of one ASCII hex digit (already checked to be one).
fn hex_value(digit: u8) -> u8 {
    match digit {
        b'0'..=b'9' => digit - b'0',
        b'a'..=b'f' => digit - b'a' + 10,
        _ => digit - b'A' + 10,
    }
}

/// The webhook headers of a delivery, given one by one.
///
/// For frameworks whose header type is not `http::HeaderMap`; with one,
/// use [`WebhookVerifier::verify`] or [`from_header_map`](Self::from_header_map).
///
/// ```
/// use github_apps_runtime::WebhookHeaders;
///
/// # fn header(_: &str) -> Option<&'static str> { None }
/// let headers = WebhookHeaders::new()
///     .event("installation")
///     .delivery_id("72d3162e-cc78-11e3-81ab-4c9367dc0958")
///     .signature_256("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
/// // Headers that may be absent can be passed as options.
/// let headers = headers.hook_id_opt(header("X-GitHub-Hook-ID"));
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebhookHeaders<'a> {
    event: Option<&'a str>,
    delivery_id: Option<&'a str>,
    hook_id: Option<&'a str>,
    installation_target_type: Option<&'a str>,
    installation_target_id: Option<&'a str>,
    signature_256: Option<&'a str>,
    signature_sha1: Option<&'a str>,
}

impl<'a> WebhookHeaders<'a> {
    /// No headers yet.
    pub fn new() -> WebhookHeaders<'a> {
        WebhookHeaders::default()
    }

    /// Reads the webhook headers of an `http::HeaderMap` (names are
    /// case-insensitive). Fails if one of them appears more than once or
    /// is not visible ASCII; absent headers are reported when verifying.
    pub fn from_header_map(headers: &'a HeaderMap) -> Result<WebhookHeaders<'a>, WebhookError> {
        Ok(WebhookHeaders {
            event: single(headers, EVENT_HEADER)?,
            delivery_id: single(headers, DELIVERY_HEADER)?,
            hook_id: single(headers, HOOK_ID_HEADER)?,
            installation_target_type: single(headers, INSTALLATION_TARGET_TYPE_HEADER)?,
            installation_target_id: single(headers, INSTALLATION_TARGET_ID_HEADER)?,
            signature_256: single(headers, SIGNATURE_256_HEADER)?,
            // Only its presence matters (to explain a refusal), so its
            // value is not checked.
            signature_sha1: headers.get(SIGNATURE_SHA1_HEADER).map(|value| value.to_str().unwrap_or("")),
        })
    }

    /// `X-GitHub-Event` (required).
    pub fn event(self, value: &'a str) -> Self {
        WebhookHeaders { event: Some(value), ..self }
    }

    /// `X-GitHub-Delivery` (required).
    pub fn delivery_id(self, value: &'a str) -> Self {
        WebhookHeaders { delivery_id: Some(value), ..self }
    }

    /// `X-Hub-Signature-256` (required).
    pub fn signature_256(self, value: &'a str) -> Self {
        WebhookHeaders { signature_256: Some(value), ..self }
    }

    /// `X-Hub-Signature`, the legacy SHA-1 signature. Never verified; with
    /// no `X-Hub-Signature-256` it turns the refusal into
    /// [`WebhookError::Sha1Only`].
    pub fn signature_sha1(self, value: &'a str) -> Self {
        WebhookHeaders { signature_sha1: Some(value), ..self }
    }

    /// `X-GitHub-Hook-ID`, if sent (a decimal id).
    pub fn hook_id_opt(self, value: Option<&'a str>) -> Self {
        WebhookHeaders { hook_id: value, ..self }
    }

    /// `X-GitHub-Hook-ID` (a decimal id).
    pub fn hook_id(self, value: &'a str) -> Self {
        self.hook_id_opt(Some(value))
    }

    /// `X-GitHub-Hook-Installation-Target-Type` and `-ID`, if sent (both or
    /// neither; the id is decimal).
    pub fn installation_target_opt(self, target_type: Option<&'a str>, id: Option<&'a str>) -> Self {
        WebhookHeaders { installation_target_type: target_type, installation_target_id: id, ..self }
    }

    /// `X-GitHub-Hook-Installation-Target-Type` and `-ID` (the id is
    /// decimal).
    pub fn installation_target(self, target_type: &'a str, id: &'a str) -> Self {
        self.installation_target_opt(Some(target_type), Some(id))
    }
}

/// The one value of `name`, if present.
fn single<'a>(headers: &'a HeaderMap, name: &'static str) -> Result<Option<&'a str>, WebhookError> {
    let mut values = headers.get_all(name).iter();
    let Some(value) = values.next() else { return Ok(None) };
    if values.next().is_some() {
        return Err(WebhookError::DuplicateHeader(name));
    }
    let value = value.to_str().map_err(|_| WebhookError::InvalidHeader { name, reason: "not visible ascii" })?;
    Ok(Some(value))
}

/// A verified delivery: what its headers say about it.
///
/// Returned only after the signature matched, so its fields and the body
/// it was verified with can be trusted to come from GitHub.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct WebhookDelivery {
    /// `X-GitHub-Event`: the event name (`installation`, `push`, `ping`,
    /// ...). The body's `action` says what happened within the event.
    pub event: String,
    /// `X-GitHub-Delivery`: the delivery's GUID. A redelivery keeps it, so
    /// it serves to process each delivery once.
    pub delivery_id: String,
    /// `X-GitHub-Hook-ID`: the webhook configuration, when GitHub sends it
    /// (older GitHub Enterprise Server versions do not).
    pub hook_id: Option<u64>,
    /// `X-GitHub-Hook-Installation-Target-Type` and `-ID`: where the
    /// webhook is configured, when GitHub sends them.
    pub installation_target: Option<InstallationTarget>,
}

/// Where the webhook that sent a delivery is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InstallationTarget {
    /// `X-GitHub-Hook-Installation-Target-Type`: `integration` for an
    /// App's own webhook; `repository`, `organization`, `business`, ...
    /// for others.
    pub target_type: String,
    /// `X-GitHub-Hook-Installation-Target-ID`: the id of that App,
    /// repository, organization, ...
    pub id: u64,
}

impl WebhookDelivery {
    fn from_headers(headers: &WebhookHeaders<'_>) -> Result<WebhookDelivery, WebhookError> {
        let event = required(headers.event, EVENT_HEADER)?;
        let delivery_id = required(headers.delivery_id, DELIVERY_HEADER)?;
        let hook_id = headers.hook_id.map(|id| parse_id(id, HOOK_ID_HEADER)).transpose()?;
        let installation_target = match (headers.installation_target_type, headers.installation_target_id) {
            (None, None) => None,
            (Some(_), None) => return Err(WebhookError::MissingHeader(INSTALLATION_TARGET_ID_HEADER)),
            (None, Some(_)) => return Err(WebhookError::MissingHeader(INSTALLATION_TARGET_TYPE_HEADER)),
            (Some(target_type), Some(id)) => Some(InstallationTarget {
                target_type: required(Some(target_type), INSTALLATION_TARGET_TYPE_HEADER)?,
                id: parse_id(id, INSTALLATION_TARGET_ID_HEADER)?,
            }),
        };
        Ok(WebhookDelivery { event, delivery_id, hook_id, installation_target })
    }

    /// Deserializes the body this delivery was verified with (pass the same
    /// bytes) with `serde_json`, into the type the [`event`](Self::event)
    /// calls for.
    pub fn json<'b, T: Deserialize<'b>>(&self, body: &'b [u8]) -> Result<T, WebhookError> {
        serde_json::from_slice(body).map_err(WebhookError::Json)
    }
}

fn required(value: Option<&str>, name: &'static str) -> Result<String, WebhookError> {
    match value.map(str::trim_ascii) {
        None => Err(WebhookError::MissingHeader(name)),
        Some("") => Err(WebhookError::InvalidHeader { name, reason: "empty" }),
        Some(value) => Ok(value.to_owned()),
    }
}

fn parse_id(value: &str, name: &'static str) -> Result<u64, WebhookError> {
    let value = value.trim_ascii();
    // `u64::from_str` also takes a leading `+`, which no id has.
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(WebhookError::InvalidHeader { name, reason: "not a decimal id" });
    }
    value.parse().map_err(|_| WebhookError::InvalidHeader { name, reason: "id out of range" })
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    const SECRET: &str = "It's a Secret to Everybody";
    const BODY: &[u8] = b"Hello, World!";
    // GitHub's documented vector, recomputed with
    // `printf 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"`.
    const SIGNATURE: &str = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
    // `printf '' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"`.
    const EMPTY_BODY_SIGNATURE: &str = "sha256=66a0c074deaa0f489ead6537e0d32f9a344b90bbeda705b6ed45ecd3b413fb40";

    fn verifier() -> WebhookVerifier {
        WebhookVerifier::new(SECRET).unwrap()
    }

    fn malformed(signature: &str) -> SignatureFormatError {
        match verifier().verify_signature(signature, BODY) {
            Err(WebhookError::MalformedSignature(reason)) => reason,
            other => panic!("{signature:?}: {other:?}"),
        }
    }

    #[test]
    fn accepts_the_documented_vector_in_either_case() {
        let verifier = verifier();
        verifier.verify_signature(SIGNATURE, BODY).unwrap();
        verifier.verify_signature(&SIGNATURE.to_ascii_uppercase(), BODY).unwrap();
        verifier.verify_signature(&format!(" {SIGNATURE}\t"), BODY).unwrap();
        assert_eq!(verifier.sign(BODY), SIGNATURE);
    }

    #[test]
    fn signs_and_verifies_an_empty_body() {
        let verifier = verifier();
        verifier.verify_signature(EMPTY_BODY_SIGNATURE, b"").unwrap();
        assert_eq!(verifier.sign(b""), EMPTY_BODY_SIGNATURE);
        assert!(matches!(verifier.verify_signature(SIGNATURE, b""), Err(WebhookError::SignatureMismatch)));
        assert!(matches!(verifier.verify_signature(EMPTY_BODY_SIGNATURE, BODY), Err(WebhookError::SignatureMismatch)));
    }

    #[test]
    fn refuses_malformed_signatures() {
        let digest = &SIGNATURE[SIGNATURE_PREFIX.len()..];
        assert_eq!(malformed(""), SignatureFormatError::MissingPrefix);
        assert_eq!(malformed(digest), SignatureFormatError::MissingPrefix);
        assert_eq!(malformed(&format!("sha1={digest}")), SignatureFormatError::MissingPrefix);
        assert_eq!(malformed(&format!("sha256:{digest}")), SignatureFormatError::MissingPrefix);
        assert_eq!(malformed("sha25"), SignatureFormatError::MissingPrefix);
        // A multi-byte character where the prefix ends must not panic.
        assert_eq!(malformed("sha25é"), SignatureFormatError::MissingPrefix);
        assert_eq!(malformed("sha256€"), SignatureFormatError::MissingPrefix);
        assert_eq!(malformed(&format!("sha256={}g", &digest[1..])), SignatureFormatError::NotHex);
        assert_eq!(malformed(&format!("sha256={}é", &digest[2..])), SignatureFormatError::NotHex);
        assert_eq!(malformed(&format!("sha256=0x{}", &digest[2..])), SignatureFormatError::NotHex);
        assert_eq!(malformed(&format!("sha256= {digest}")), SignatureFormatError::NotHex);
        assert_eq!(malformed(&format!("sha256={digest},sha256={digest}")), SignatureFormatError::NotHex);
        assert_eq!(malformed("sha256="), SignatureFormatError::WrongLength { digits: 0 });
        assert_eq!(malformed(&SIGNATURE[..SIGNATURE.len() - 1]), SignatureFormatError::WrongLength { digits: 63 });
        assert_eq!(malformed(&format!("{SIGNATURE}0")), SignatureFormatError::WrongLength { digits: 65 });
        assert_eq!(malformed(&format!("{SIGNATURE}{digest}")), SignatureFormatError::WrongLength { digits: 128 });
        // A SHA-1-sized digest under the SHA-256 prefix.
        assert_eq!(malformed(&SIGNATURE[..SIGNATURE.len() - 24]), SignatureFormatError::WrongLength { digits: 40 });
    }

    #[test]
    fn decodes_hex_of_both_cases() {
        let mut expected = [0u8; SIGNATURE_LEN];
        expected[0] = 0xab;
        expected[31] = 0x0f;
        let lower = format!("sha256=ab{}0f", "00".repeat(30));
        assert_eq!(parse_signature(&lower), Ok(expected));
        assert_eq!(parse_signature(&lower.replace("ab", "AB").replace("0f", "0F")), Ok(expected));
        assert_eq!(parse_signature(&format!("SHA256=aB{}0F", "00".repeat(30))), Ok(expected));
        assert_eq!(parse_signature(&format!("sha256={}", "ff".repeat(32))), Ok([0xff; SIGNATURE_LEN]));
    }

    #[test]
    fn a_rotated_verifier_accepts_either_secret_and_signs_with_the_first() {
        let old = WebhookVerifier::new("old secret").unwrap();
        let rotated = WebhookVerifier::new(SECRET).unwrap().with_secret("old secret").unwrap();
        rotated.verify_signature(SIGNATURE, BODY).unwrap();
        rotated.verify_signature(&old.sign(BODY), BODY).unwrap();
        assert_eq!(rotated.sign(BODY), SIGNATURE);
        assert!(matches!(old.verify_signature(SIGNATURE, BODY), Err(WebhookError::SignatureMismatch)));
    }

    #[test]
    fn refuses_empty_secrets() {
        assert!(matches!(WebhookVerifier::new(""), Err(WebhookError::EmptySecret)));
        assert!(matches!(verifier().with_secret(String::new()), Err(WebhookError::EmptySecret)));
    }

    #[test]
    fn reads_header_names_case_insensitively_and_refuses_duplicates() {
        let mut headers = HeaderMap::new();
        headers.insert("x-hub-signature-256", HeaderValue::from_static(SIGNATURE));
        headers.insert("X-GITHUB-EVENT", HeaderValue::from_static("ping"));
        headers.insert("x-github-delivery", HeaderValue::from_static("d"));
        let delivery = verifier().verify(&headers, BODY).unwrap();
        assert_eq!((delivery.event.as_str(), delivery.delivery_id.as_str()), ("ping", "d"));
        assert_eq!((delivery.hook_id, delivery.installation_target), (None, None));

        headers.append(SIGNATURE_256_HEADER, HeaderValue::from_static(SIGNATURE));
        assert!(matches!(verifier().verify(&headers, BODY), Err(WebhookError::DuplicateHeader(SIGNATURE_256_HEADER))));

        let mut headers = HeaderMap::new();
        headers.insert(SIGNATURE_256_HEADER, HeaderValue::from_static(SIGNATURE));
        headers.insert(EVENT_HEADER, HeaderValue::from_bytes(b"p\xffng").unwrap());
        assert!(matches!(
            verifier().verify(&headers, BODY),
            Err(WebhookError::InvalidHeader { name: EVENT_HEADER, .. })
        ));
    }

    #[test]
    fn checks_the_signature_before_the_other_headers() {
        let headers = WebhookHeaders::new().signature_256(SIGNATURE).hook_id("not a number");
        assert!(matches!(verifier().verify_headers(&headers, b"forged"), Err(WebhookError::SignatureMismatch)));
        assert!(matches!(verifier().verify_headers(&headers, BODY), Err(WebhookError::MissingHeader(EVENT_HEADER))));
    }

    #[test]
    fn reads_ids_and_the_installation_target() {
        let signed = WebhookHeaders::new().signature_256(SIGNATURE).event("installation").delivery_id("d");
        let read = |headers: WebhookHeaders<'_>| verifier().verify_headers(&headers, BODY);

        let delivery = read(signed.hook_id(" 42 ").installation_target("integration", "7")).unwrap();
        assert_eq!(delivery.hook_id, Some(42));
        assert_eq!(delivery.installation_target, Some(InstallationTarget { target_type: "integration".into(), id: 7 }));

        for (headers, header) in [
            (signed.hook_id(""), HOOK_ID_HEADER),
            (signed.hook_id("+1"), HOOK_ID_HEADER),
            (signed.hook_id("-1"), HOOK_ID_HEADER),
            (signed.hook_id("18446744073709551616"), HOOK_ID_HEADER),
            (signed.installation_target("repository", "x"), INSTALLATION_TARGET_ID_HEADER),
            (signed.installation_target(" ", "1"), INSTALLATION_TARGET_TYPE_HEADER),
            (signed.event(""), EVENT_HEADER),
            (signed.delivery_id("  "), DELIVERY_HEADER),
        ] {
            match read(headers) {
                Err(WebhookError::InvalidHeader { name, .. }) => assert_eq!(name, header),
                other => panic!("{headers:?}: {other:?}"),
            }
        }
        for (headers, header) in [
            (signed.installation_target_opt(Some("repository"), None), INSTALLATION_TARGET_ID_HEADER),
            (signed.installation_target_opt(None, Some("1")), INSTALLATION_TARGET_TYPE_HEADER),
            (WebhookHeaders::new().signature_256(SIGNATURE).event("ping"), DELIVERY_HEADER),
        ] {
            match read(headers) {
                Err(WebhookError::MissingHeader(name)) => assert_eq!(name, header),
                other => panic!("{headers:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn deserializes_the_body() {
        let delivery = verifier()
            .verify_headers(&WebhookHeaders::new().signature_256(SIGNATURE).event("ping").delivery_id("d"), BODY)
            .unwrap();
        assert!(matches!(delivery.json::<serde_json::Value>(BODY), Err(WebhookError::Json(_))));
        let value: &str = delivery.json(br#""borrowed""#).unwrap();
        assert_eq!(value, "borrowed");
    }
}
