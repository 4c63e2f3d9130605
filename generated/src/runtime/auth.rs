//! Credentials: which kinds exist, the marker types that parameterise
//! [`Client`](crate::Client), and how each kind produces its
//! `Authorization` header.
//!
//! Secrets are held in [`secrecy::SecretString`] and header values are
//! marked sensitive, so neither `Debug` nor `Display` can print them.

use std::fmt;

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

/// The kinds of credential an operation's `security` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CredentialKind {
    /// A JWT signed with the GitHub App's private key.
    AppJwt,
    /// An installation access token.
    InstallationToken,
    /// An OAuth app's client id and secret, as HTTP Basic.
    OAuthAppBasic,
    /// A user-to-server token or a personal access token.
    UserToken,
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CredentialKind::AppJwt => "app JWT",
            CredentialKind::InstallationToken => "installation token",
            CredentialKind::OAuthAppBasic => "OAuth app client id and secret",
            CredentialKind::UserToken => "user token",
        })
    }
}

/// A marker type naming the credential a [`Client`](crate::Client) holds.
pub trait ClientCredential: Send + Sync + 'static {
    /// The kind of credential, or `None` for an anonymous client.
    const KIND: Option<CredentialKind>;
}

macro_rules! credential_markers {
    ($($(#[$doc:meta])* $name:ident => $kind:expr;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl ClientCredential for $name {
            const KIND: Option<CredentialKind> = $kind;
        }
    )*};
}

credential_markers! {
    /// A client authenticated as the GitHub App itself (JWT).
    AppJwt => Some(CredentialKind::AppJwt);
    /// A client authenticated as one installation of the app.
    InstallationToken => Some(CredentialKind::InstallationToken);
    /// A client authenticated as an OAuth app (client id and secret).
    OAuthAppBasic => Some(CredentialKind::OAuthAppBasic);
    /// A client authenticated as a user.
    UserToken => Some(CredentialKind::UserToken);
    /// A client without credentials.
    Anonymous => None;
}

/// A credential could not be produced.
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
    /// GitHub refused to create an installation token.
    #[error("creating an installation token failed with status {status}: {message}")]
    TokenExchange {
        /// The response status.
        status: u16,
        /// GitHub's message.
        message: String,
    },
}

/// Builds a sensitive `Authorization` header value.
pub(crate) fn sensitive_header(value: &str, what: &'static str) -> Result<HeaderValue, AuthError> {
    let mut header = HeaderValue::from_str(value).map_err(|_| AuthError::InvalidHeaderValue(what))?;
    header.set_sensitive(true);
    Ok(header)
}

/// A bearer token (user or installation) held as a secret.
#[derive(Clone)]
pub struct Token(SecretString);

impl Token {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Token {
        Token(SecretString::from(token.into()))
    }

    /// The token, for the rare caller that must send it elsewhere.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }

    pub(crate) fn bearer_header(&self) -> Result<HeaderValue, AuthError> {
        sensitive_header(&format!("Bearer {}", self.0.expose_secret()), "token")
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([REDACTED])")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl From<String> for Token {
    fn from(token: String) -> Token {
        Token::new(token)
    }
}

impl From<&str> for Token {
    fn from(token: &str) -> Token {
        Token::new(token)
    }
}

/// An OAuth app's client id and client secret.
#[derive(Clone)]
pub struct OAuthAppCredentials {
    client_id: String,
    client_secret: SecretString,
}

impl OAuthAppCredentials {
    /// Pairs a client id with its secret.
    pub fn new(client_id: impl Into<String>, client_secret: impl Into<String>) -> OAuthAppCredentials {
        OAuthAppCredentials { client_id: client_id.into(), client_secret: SecretString::from(client_secret.into()) }
    }

    /// The client id (not a secret).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    pub(crate) fn basic_header(&self) -> Result<HeaderValue, AuthError> {
        let pair = format!("{}:{}", self.client_id, self.client_secret.expose_secret());
        sensitive_header(&format!("Basic {}", base64_encode(pair.as_bytes())), "client secret")
    }
}

impl fmt::Debug for OAuthAppCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OAuthAppCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .finish()
    }
}

/// Standard base64 with padding (RFC 4648, section 4), for HTTP Basic.
fn base64_encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, output) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64_encode(input.as_bytes()), output);
        }
    }

    #[test]
    fn secrets_are_redacted() {
        let token = Token::new("ghs_supersecret");
        let creds = OAuthAppCredentials::new("Iv1.abc", "shh-client-secret");
        let printed = format!("{token:?} {token} {creds:?}");
        assert!(!printed.contains("supersecret"), "{printed}");
        assert!(!printed.contains("shh-client-secret"), "{printed}");
        assert!(printed.contains("Iv1.abc"));
        let header = creds.basic_header().unwrap();
        assert!(header.is_sensitive());
        assert!(!format!("{header:?}").contains("Basic"));
    }
}
