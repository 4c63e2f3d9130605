//! [`SecretString`]: a credential held in memory that never prints.
//!
//! The generator emits it for every model property the spec marks
//! `x-github-secret: true` (installation and OAuth tokens, the manifest
//! conversion's `client_secret`, `webhook_secret` and `pem`); the runtime
//! uses it for the tokens and keys it holds itself. On the wire it is a
//! plain JSON string. In `Debug` and `Display` it is `[REDACTED]`, and its
//! memory is zeroed when dropped (it wraps [`secrecy::SecretString`]).
//! Reading the value takes an explicit, greppable
//! [`expose_secret`](SecretString::expose_secret).

use std::fmt;

use secrecy::ExposeSecret;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What `Debug` and `Display` print instead of a secret.
pub const REDACTED: &str = "[REDACTED]";

/// A string credential that serializes transparently but prints as
/// `[REDACTED]`.
///
/// ```
/// use github_apps_runtime::secret::SecretString;
///
/// let token = SecretString::from("ghs_16C7e42F292c6912E7710c838347Ae178B4a");
/// assert_eq!(format!("{token} {token:?}"), "[REDACTED] [REDACTED]");
/// assert_eq!(serde_json::to_string(&token).unwrap(), r#""ghs_16C7e42F292c6912E7710c838347Ae178B4a""#);
/// assert!(token.expose_secret().starts_with("ghs_"));
/// ```
#[derive(Clone)]
pub struct SecretString(secrecy::SecretString);

impl SecretString {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> SecretString {
        SecretString(secrecy::SecretString::from(secret.into()))
    }

    /// The secret itself, for the caller that must send or store it.
    pub fn expose_secret(&self) -> &str {
        self.0.expose_secret()
    }

    /// Whether the secret is the empty string.
    pub fn is_empty(&self) -> bool {
        self.expose_secret().is_empty()
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl PartialEq for SecretString {
    fn eq(&self, other: &SecretString) -> bool {
        // Compare without an early exit, so timing does not reveal how
        // long a common prefix is.
        let (a, b) = (self.expose_secret().as_bytes(), other.expose_secret().as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
    }
}

impl Eq for SecretString {}

impl From<String> for SecretString {
    fn from(secret: String) -> SecretString {
        SecretString::new(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> SecretString {
        SecretString::new(secret)
    }
}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.expose_secret())
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SecretString::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_a_plain_json_string() {
        let secret: SecretString = serde_json::from_str(r#""v1.1f699f1069f60xxx""#).unwrap();
        assert_eq!(secret.expose_secret(), "v1.1f699f1069f60xxx");
        assert_eq!(serde_json::to_string(&secret).unwrap(), r#""v1.1f699f1069f60xxx""#);
        assert!(serde_json::from_str::<SecretString>("42").is_err());
    }

    #[test]
    fn never_prints_and_compares_by_value() {
        let secret = SecretString::from("hunter2");
        for printed in [format!("{secret}"), format!("{secret:?}"), format!("{secret:#?}"), format!("{:?}", Some(&secret))]
        {
            assert!(!printed.contains("hunter2"), "{printed}");
            assert!(printed.contains(REDACTED), "{printed}");
        }
        assert_eq!(secret, SecretString::from("hunter2".to_owned()));
        assert_ne!(secret, SecretString::from("hunter3"));
        assert_ne!(secret, SecretString::from("hunter"));
        assert!(!secret.is_empty());
    }
}
