//! Credentials for a description's own security schemes: what a
//! [`Schemes`](crate::operation::Schemes) client holds, for APIs other than
//! GitHub's.
//!
//! Each credential is filed under the name its scheme has in the
//! description (`components.securitySchemes`). For an operation, the first
//! of its security requirements whose schemes all have a credential is
//! sent: bearer tokens and Basic pairs as `Authorization`, API keys in
//! their header, query parameter or cookie. Values are secrets: `Debug`
//! shows scheme names only, and headers are marked sensitive.

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};

use crate::operation::{ApiKeyLocation, SchemeKind, SchemeUse};
use crate::secret::SecretString;

/// One scheme's credential.
#[derive(Clone)]
enum SchemeSecret {
    Token(SecretString),
    Basic { user: String, password: SecretString },
    Key(SecretString),
}

/// Credentials by security-scheme name.
#[derive(Clone, Default)]
pub struct SchemeCredentials {
    by_scheme: BTreeMap<String, SchemeSecret>,
}

impl fmt::Debug for SchemeCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SchemeCredentials").field("schemes", &self.by_scheme.keys().collect::<Vec<_>>()).finish()
    }
}

/// What a request carries for the requirement chosen: headers (marked
/// sensitive) and query pairs.
#[derive(Debug, Default)]
pub(crate) struct SchemeParts {
    pub(crate) headers: HeaderMap,
    pub(crate) query: Vec<(&'static str, String)>,
}

impl SchemeCredentials {
    /// No credentials yet.
    pub fn new() -> SchemeCredentials {
        SchemeCredentials::default()
    }

    /// A bearer token (HTTP bearer, OAuth 2 or OpenID Connect scheme).
    pub fn bearer(mut self, scheme: impl Into<String>, token: impl Into<SecretString>) -> SchemeCredentials {
        self.by_scheme.insert(scheme.into(), SchemeSecret::Token(token.into()));
        self
    }

    /// A user and password (HTTP Basic scheme).
    pub fn basic(
        mut self,
        scheme: impl Into<String>,
        user: impl Into<String>,
        password: impl Into<SecretString>,
    ) -> SchemeCredentials {
        self.by_scheme.insert(scheme.into(), SchemeSecret::Basic { user: user.into(), password: password.into() });
        self
    }

    /// An API key (an `apiKey` scheme, wherever it goes).
    pub fn api_key(mut self, scheme: impl Into<String>, key: impl Into<SecretString>) -> SchemeCredentials {
        self.by_scheme.insert(scheme.into(), SchemeSecret::Key(key.into()));
        self
    }

    /// Feeds what tells these credentials' view of the API from another's
    /// to `state` (the response cache keys entries with a keyed hash).
    pub(crate) fn hash_identity<H: std::hash::Hasher>(&self, state: &mut H) {
        use std::hash::Hash;
        for (scheme, secret) in &self.by_scheme {
            scheme.hash(state);
            match secret {
                SchemeSecret::Token(token) | SchemeSecret::Key(token) => token.expose_secret().hash(state),
                SchemeSecret::Basic { user, password } => (user, password.expose_secret()).hash(state),
            }
        }
    }

    /// The parts of the first requirement of `alternatives` whose schemes
    /// all have a credential of their kind; `None` when none does.
    pub(crate) fn parts_for(&self, alternatives: &[&[SchemeUse]]) -> Option<SchemeParts> {
        alternatives.iter().find_map(|requirement| self.parts_of(requirement))
    }

    fn parts_of(&self, requirement: &[SchemeUse]) -> Option<SchemeParts> {
        let mut parts = SchemeParts::default();
        let mut cookies = Vec::new();
        for scheme in requirement {
            match (scheme.kind, self.by_scheme.get(scheme.scheme)?) {
                (SchemeKind::Bearer, SchemeSecret::Token(token)) => {
                    parts.headers.insert(header::AUTHORIZATION, sensitive(&format!("Bearer {}", token.expose_secret()))?);
                }
                (SchemeKind::Basic, SchemeSecret::Basic { user, password }) => {
                    let pair = format!("{user}:{}", password.expose_secret());
                    let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                    parts.headers.insert(header::AUTHORIZATION, sensitive(&format!("Basic {encoded}"))?);
                }
                (SchemeKind::ApiKey { location, name }, SchemeSecret::Key(key)) => match location {
                    ApiKeyLocation::Header => {
                        let name = HeaderName::from_bytes(name.as_bytes()).ok()?;
                        parts.headers.insert(name, sensitive(key.expose_secret())?);
                    }
                    ApiKeyLocation::Query => parts.query.push((name, key.expose_secret().to_owned())),
                    ApiKeyLocation::Cookie => cookies.push(format!("{name}={}", key.expose_secret())),
                },
                // A credential of another kind does not meet the scheme.
                _ => return None,
            }
        }
        if !cookies.is_empty() {
            parts.headers.insert(header::COOKIE, sensitive(&cookies.join("; "))?);
        }
        Some(parts)
    }
}

fn sensitive(value: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: SchemeUse = SchemeUse::api_key("key", ApiKeyLocation::Header, "X-API-Key");
    const APP: SchemeUse = SchemeUse::api_key("app", ApiKeyLocation::Query, "app_id");
    const SESSION: SchemeUse = SchemeUse::api_key("session", ApiKeyLocation::Cookie, "sid");

    #[test]
    fn the_first_requirement_held_in_full_is_sent() {
        let credentials = SchemeCredentials::new().api_key("key", "k1").api_key("app", "a1").basic("basic", "u", "p");
        // Key and app together; else bearer: key and app are both held.
        let parts = credentials.parts_for(&[&[KEY, APP], &[SchemeUse::bearer("oauth")]]).unwrap();
        assert_eq!(parts.headers["x-api-key"], "k1");
        assert!(parts.headers["x-api-key"].is_sensitive());
        assert_eq!(parts.query, [("app_id", "a1".to_owned())]);
        // Bearer first, but not held: Basic is next.
        let parts = credentials.parts_for(&[&[SchemeUse::bearer("oauth")], &[SchemeUse::basic("basic")]]).unwrap();
        assert_eq!(parts.headers[header::AUTHORIZATION], "Basic dTpw");
        // Nothing held that meets any requirement.
        assert!(credentials.parts_for(&[&[KEY, SchemeUse::bearer("oauth")]]).is_none());
    }

    #[test]
    fn cookies_are_joined_and_kinds_must_match() {
        let credentials = SchemeCredentials::new().api_key("session", "s1").bearer("key", "t");
        let other = SchemeUse::api_key("other", ApiKeyLocation::Cookie, "o");
        let both = SchemeCredentials::new().api_key("session", "s1").api_key("other", "o1");
        assert_eq!(both.parts_for(&[&[SESSION, other]]).unwrap().headers[header::COOKIE], "sid=s1; o=o1");
        // A bearer token filed under an API key's scheme does not meet it.
        assert!(credentials.parts_for(&[&[KEY]]).is_none());
    }

    #[test]
    fn debug_shows_scheme_names_only() {
        let credentials = SchemeCredentials::new().bearer("oauth", "tok-123").basic("basic", "user", "pw-456");
        let shown = format!("{credentials:?}");
        assert_eq!(shown, r#"SchemeCredentials { schemes: ["basic", "oauth"] }"#);
    }
}
