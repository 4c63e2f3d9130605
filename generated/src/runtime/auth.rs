//! Credentials: which kinds exist, the marker types that parameterise
//! [`Client`](crate::Client), and how each kind produces its
//! `Authorization` header.
//!
//! * **App JWT** ([`AppJwt`]): RS256 tokens signed with the app's private
//!   key by [`jsonwebtoken`] (on the same aws-lc-rs crypto stack as
//!   reqwest's rustls), cached and reused until shortly before they
//!   expire. A 401 caused by clock drift re-signs once with the offset read
//!   from the response's `Date` header.
//! * **Installation token** ([`InstallationToken`]): created with the
//!   create-installation-access-token operation through the app client,
//!   cached, refreshed [`InstallationOptions::refresh_margin`] before it
//!   expires, one refresh at a time however many requests wait for it.
//! * **OAuth app** ([`OAuthAppBasic`]): the client id and secret as HTTP
//!   Basic, never in the URL. **User token** ([`UserToken`]) and
//!   **anonymous** ([`Anonymous`]).
//!
//! Every secret is held in [`SecretString`] and every `Authorization`
//! value is marked sensitive, so neither `Debug` nor `Display` of a client,
//! credential or error can print one.
//!
//! # The credential is checked at compile time
//!
//! An operation can be sent only through a client whose credential its
//! `security` accepts. The app's own endpoints need the app JWT:
//!
//! ```compile_fail,E0277
//! # async fn demo(installation: github_apps::InstallationClient) {
//! use github_apps::operations::apps;
//! installation.send(apps::GetAuthenticated::new()).await;
//! # }
//! ```
//!
//! An installation's repositories need an installation token, not the JWT:
//!
//! ```compile_fail,E0277
//! # async fn demo(app: github_apps::AppClient) {
//! use github_apps::operations::apps;
//! app.send(apps::ListReposAccessibleToInstallation::new()).await;
//! # }
//! ```
//!
//! The OAuth Applications API needs the OAuth app's client id and secret,
//! so a user token cannot call it:
//!
//! ```compile_fail,E0277
//! # async fn demo(user: github_apps::UserClient) {
//! use github_apps::{models::CheckTokenRequest, operations::apps};
//! let body = CheckTokenRequest { access_token: "gho_x".into() };
//! user.send(apps::CheckToken::new("Iv1.8a61f9b3a7aba766", body)).await;
//! # }
//! ```
//!
//! and a user-token endpoint cannot be called by the app:
//!
//! ```compile_fail,E0277
//! # async fn demo(app: github_apps::AppClient) {
//! use github_apps::operations::apps;
//! app.send(apps::ListInstallationsForAuthenticatedUser::new()).await;
//! # }
//! ```
//!
//! Each of them compiles through the right client:
//!
//! ```no_run
//! # async fn demo(
//! #     app: github_apps::AppClient,
//! #     installation: github_apps::InstallationClient,
//! #     oauth: github_apps::OAuthAppClient,
//! #     user: github_apps::UserClient,
//! # ) -> github_apps::Result<()> {
//! use github_apps::{models::CheckTokenRequest, operations::apps};
//! installation.send(apps::ListReposAccessibleToInstallation::new()).await?;
//! app.send(apps::GetAuthenticated::new()).await?;
//! let body = CheckTokenRequest { access_token: "gho_x".into() };
//! oauth.send(apps::CheckToken::new("Iv1.8a61f9b3a7aba766", body)).await?;
//! user.send(apps::ListInstallationsForAuthenticatedUser::new()).await?;
//! # Ok(()) }
//! ```
//!
//! An operation that accepts several credentials (a public app by slug:
//! anonymous, installation token or user token) is callable from each, and
//! a client sends its credential only when the operation accepts it:
//!
//! ```
//! use github_apps::operations::apps;
//! use github_apps::{AnonymousClient, AppClient, InstallationClient, UserClient};
//!
//! async fn every_client_may_ask(
//!     anonymous: AnonymousClient,
//!     installation: InstallationClient,
//!     user: UserClient,
//!     app: AppClient,
//! ) -> github_apps::Result<()> {
//!     anonymous.send(apps::GetBySlug::new("octoapp")).await?;
//!     installation.send(apps::GetBySlug::new("octoapp")).await?;
//!     user.send(apps::GetBySlug::new("octoapp")).await?;
//!     // Anonymous access is allowed, so the app may call it too (without its JWT).
//!     app.send(apps::GetBySlug::new("octoapp")).await?;
//!     Ok(())
//! }
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::Serialize;

use crate::runtime::client::Client;
use crate::runtime::clock::{Clock, unix_seconds};
use crate::runtime::error::{Error, InstallationTokenError, Result};
use crate::runtime::secret::SecretString;

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

/// Builds a sensitive `Authorization` header value.
pub(crate) fn sensitive_header(value: &str, what: &'static str) -> Result<HeaderValue, AuthError> {
    let mut header = HeaderValue::from_str(value).map_err(|_| AuthError::InvalidHeaderValue(what))?;
    header.set_sensitive(true);
    Ok(header)
}

/// A bearer token (user or installation) held as a secret.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(SecretString);

impl Token {
    /// Wraps a token.
    pub fn new(token: impl Into<String>) -> Token {
        Token(SecretString::new(token))
    }

    /// The token, for the rare caller that must send it elsewhere (for
    /// example as the password of a `git clone` over HTTPS).
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

impl From<SecretString> for Token {
    fn from(token: SecretString) -> Token {
        Token(token)
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
        OAuthAppCredentials { client_id: client_id.into(), client_secret: SecretString::new(client_secret) }
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
            .field("client_secret", &self.client_secret)
            .finish()
    }
}

/// How far in the past `iat` is put, so a server clock slightly behind
/// ours still sees the JWT as issued (GitHub's own recommendation).
pub const JWT_BACKDATE: Duration = Duration::from_secs(60);
/// How far ahead of now `exp` is put. GitHub rejects more than 10 minutes;
/// 9 leaves room for a server clock slightly ahead of ours.
pub const JWT_LIFETIME: Duration = Duration::from_secs(9 * 60);
/// A cached JWT is replaced once it has less than this left.
pub const JWT_REUSE_MARGIN: Duration = Duration::from_secs(60);

/// The claims GitHub reads from an app JWT.
#[derive(Serialize)]
struct JwtClaims<'a> {
    iat: i64,
    exp: i64,
    iss: &'a str,
}

/// A signed app JWT and the claims it carries (in server time).
#[derive(Clone)]
pub(crate) struct SignedJwt {
    jwt: SecretString,
    iat: i64,
    exp: i64,
}

impl SignedJwt {
    pub(crate) fn bearer_header(&self) -> Result<HeaderValue, AuthError> {
        sensitive_header(&format!("Bearer {}", self.jwt.expose_secret()), "app JWT")
    }
}

/// What the signer remembers between requests.
struct JwtState {
    /// Server time minus local time, in seconds, as last read from a
    /// `Date` header after a clock-drift 401.
    clock_offset: i64,
    cached: Option<SignedJwt>,
}

/// Signs and caches the JWTs of one GitHub App.
pub(crate) struct AppJwtSigner {
    app_id: String,
    key: EncodingKey,
    clock: Arc<dyn Clock>,
    state: Mutex<JwtState>,
}

impl fmt::Debug for AppJwtSigner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AppJwt").field("app_id", &self.app_id).field("private_key", &"[REDACTED]").finish()
    }
}

impl AppJwtSigner {
    /// Parses a PKCS#1 or PKCS#8 RSA PEM key and signs a first JWT, so a
    /// key that cannot sign is reported when the client is built, not on
    /// its first request.
    pub(crate) fn new(app_id: String, private_key_pem: &[u8], clock: Arc<dyn Clock>) -> Result<AppJwtSigner, AuthError> {
        let key = EncodingKey::from_rsa_pem(private_key_pem).map_err(|_| AuthError::InvalidPrivateKey)?;
        let signer = AppJwtSigner { app_id, key, clock, state: Mutex::new(JwtState { clock_offset: 0, cached: None }) };
        let first = signer.sign(signer.server_now_with(0)).map_err(|err| match err {
            // aws-lc-rs rejects a malformed key only when it first signs.
            AuthError::Signing(_) => AuthError::InvalidPrivateKey,
            other => other,
        })?;
        signer.lock().cached = Some(first);
        Ok(signer)
    }

    pub(crate) fn app_id(&self) -> &str {
        &self.app_id
    }

    pub(crate) fn clock(&self) -> &Arc<dyn Clock> {
        &self.clock
    }

    fn lock(&self) -> MutexGuard<'_, JwtState> {
        // Nothing can be left half-updated by a panic, so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn server_now_with(&self, clock_offset: i64) -> i64 {
        unix_seconds(self.clock.now()).saturating_add(clock_offset)
    }

    /// Now, on the server's clock as far as we know it.
    pub(crate) fn server_now(&self) -> SystemTime {
        let offset = self.lock().clock_offset;
        let now = self.clock.now();
        let shift = Duration::from_secs(offset.unsigned_abs());
        if offset >= 0 { now + shift } else { now - shift }
    }

    fn sign(&self, now: i64) -> Result<SignedJwt, AuthError> {
        let iat = now - JWT_BACKDATE.as_secs() as i64;
        let exp = now + JWT_LIFETIME.as_secs() as i64;
        let claims = JwtClaims { iat, exp, iss: &self.app_id };
        let jwt = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &self.key)
            .map_err(|err| AuthError::Signing(err.to_string()))?;
        Ok(SignedJwt { jwt: SecretString::new(jwt), iat, exp })
    }

    /// The cached JWT, or a new one when the cached one has less than
    /// [`JWT_REUSE_MARGIN`] left.
    pub(crate) fn current(&self) -> Result<SignedJwt, AuthError> {
        let mut state = self.lock();
        let now = self.server_now_with(state.clock_offset);
        if let Some(cached) = &state.cached
            && now + (JWT_REUSE_MARGIN.as_secs() as i64) < cached.exp
            && cached.iat <= now
        {
            return Ok(cached.clone());
        }
        let fresh = self.sign(now)?;
        state.cached = Some(fresh.clone());
        Ok(fresh)
    }

    /// After a 401: whether `used` was invalid on the server's clock (read
    /// from the response's `Date`), in which case the offset is corrected,
    /// the cache dropped, and the caller should retry once.
    pub(crate) fn correct_clock(&self, used: &SignedJwt, response_headers: &HeaderMap) -> bool {
        let Some(server_now) = response_date(response_headers) else { return false };
        let server_now = unix_seconds(server_now);
        if used.iat <= server_now && server_now < used.exp {
            // The JWT was valid when GitHub looked at it: the key or app id is wrong.
            return false;
        }
        let mut state = self.lock();
        state.clock_offset = server_now - unix_seconds(self.clock.now());
        state.cached = None;
        true
    }
}

/// The `Date` header of a response.
fn response_date(headers: &HeaderMap) -> Option<SystemTime> {
    httpdate::parse_http_date(headers.get(header::DATE)?.to_str().ok()?).ok()
}

/// How long after its creation a token's 401 is taken for GitHub's
/// replication lag rather than a bad token.
pub const REPLICATION_WINDOW: Duration = Duration::from_secs(5);

/// How an installation client gets and keeps its token.
#[derive(Debug, Clone, PartialEq)]
pub struct InstallationOptions {
    request: crate::models::CreateInstallationAccessTokenRequest,
    refresh_margin: Duration,
    replication_retry_delay: Duration,
}

impl Default for InstallationOptions {
    fn default() -> Self {
        InstallationOptions {
            request: crate::models::CreateInstallationAccessTokenRequest::default(),
            refresh_margin: Duration::from_secs(5 * 60),
            replication_retry_delay: Duration::from_secs(1),
        }
    }
}

impl InstallationOptions {
    /// Tokens for every repository and permission of the installation,
    /// refreshed 5 minutes before they expire.
    pub fn new() -> InstallationOptions {
        InstallationOptions::default()
    }

    /// Limits the tokens to these repositories, by id.
    pub fn repository_ids(mut self, ids: impl IntoIterator<Item = i64>) -> InstallationOptions {
        self.request.repository_ids = Some(ids.into_iter().collect());
        self
    }

    /// Limits the tokens to these repositories, by name (without the owner).
    pub fn repositories<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> InstallationOptions {
        self.request.repositories = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Limits the tokens to these permissions (a subset of the installation's).
    pub fn permissions(mut self, permissions: crate::models::AppPermissions) -> InstallationOptions {
        self.request.permissions = Some(permissions);
        self
    }

    /// How long before `expires_at` a cached token is replaced (default 5 minutes).
    pub fn refresh_margin(mut self, margin: Duration) -> InstallationOptions {
        self.refresh_margin = margin;
        self
    }

    /// How long to wait before retrying a 401 that came within
    /// [`REPLICATION_WINDOW`] of the token's creation (default 1 s).
    pub fn replication_retry_delay(mut self, delay: Duration) -> InstallationOptions {
        self.replication_retry_delay = delay;
        self
    }

    /// The body sent to create each token.
    pub fn token_request(&self) -> &crate::models::CreateInstallationAccessTokenRequest {
        &self.request
    }
}

/// A cached installation token.
#[derive(Clone)]
pub(crate) struct CachedToken {
    pub(crate) token: Token,
    /// `expires_at` as GitHub sent it (server time).
    expires_at: SystemTime,
    /// When it was created, on the local clock.
    pub(crate) created_at: SystemTime,
}

/// The first wait after a failed token request; it doubles with every
/// failure in a row, up to [`MAX_REFRESH_BACKOFF`].
pub const FIRST_REFRESH_BACKOFF: Duration = Duration::from_secs(1);
/// The longest wait between token requests after failures.
pub const MAX_REFRESH_BACKOFF: Duration = Duration::from_secs(60);
/// A cached token is still used (when its refresh failed) until this long
/// before it expires, so it does not expire on the way to the server.
pub const EXPIRY_SAFETY_MARGIN: Duration = Duration::from_secs(30);

/// Creates, caches and refreshes the tokens of one installation.
pub(crate) struct InstallationTokens {
    app: Client<AppJwt>,
    signer: Arc<AppJwtSigner>,
    installation_id: i64,
    options: InstallationOptions,
    /// Held across the token request, so concurrent callers that find the
    /// token stale wait for the one refresh instead of starting their own,
    /// and find its outcome (a token, or a failure they share) when they
    /// get the lock.
    cache: tokio::sync::Mutex<TokenCache>,
}

#[derive(Default)]
struct TokenCache {
    token: Option<CachedToken>,
    failure: Option<RefreshFailure>,
}

/// The last token request failed: until `retry_at` no new one is sent, and
/// callers without a usable token get `error`.
struct RefreshFailure {
    error: Arc<Error>,
    failures_in_a_row: u32,
    retry_at: SystemTime,
}

/// The wait after `failures_in_a_row` failed token requests: 1 s, 2 s, 4 s, ... 60 s.
fn refresh_backoff(failures_in_a_row: u32) -> Duration {
    let doublings = failures_in_a_row.saturating_sub(1).min(16);
    FIRST_REFRESH_BACKOFF.saturating_mul(1 << doublings).min(MAX_REFRESH_BACKOFF)
}

impl fmt::Debug for InstallationTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("InstallationToken")
            .field("app_id", &self.signer.app_id())
            .field("installation_id", &self.installation_id)
            .field("token", &"[REDACTED]")
            .finish()
    }
}

impl InstallationTokens {
    pub(crate) fn new(
        app: Client<AppJwt>,
        signer: Arc<AppJwtSigner>,
        installation_id: i64,
        options: InstallationOptions,
    ) -> InstallationTokens {
        InstallationTokens { app, signer, installation_id, options, cache: tokio::sync::Mutex::new(TokenCache::default()) }
    }

    pub(crate) fn installation_id(&self) -> i64 {
        self.installation_id
    }

    fn is_fresh(&self, cached: &CachedToken) -> bool {
        self.signer.server_now() + self.options.refresh_margin < cached.expires_at
    }

    /// Whether a cached token can still be sent, though due for refresh.
    fn is_usable(&self, cached: &CachedToken) -> bool {
        self.signer.server_now() + EXPIRY_SAFETY_MARGIN < cached.expires_at
    }

    /// The cached token, or a new one when it is missing or due for refresh.
    ///
    /// One token request at a time, whatever its outcome. When it fails,
    /// the callers waiting for it share its error (or keep using a cached
    /// token that has not expired), and no new request is sent before a
    /// backoff of [`FIRST_REFRESH_BACKOFF`] doubling to
    /// [`MAX_REFRESH_BACKOFF`] has passed.
    pub(crate) async fn current(&self) -> Result<CachedToken> {
        let mut cache = self.cache.lock().await;
        if let Some(cached) = &cache.token
            && self.is_fresh(cached)
        {
            return Ok(cached.clone());
        }
        let now = self.signer.clock().now();
        if let Some(failure) = &cache.failure
            && now < failure.retry_at
        {
            return self.usable_or(&cache, failure.error.clone());
        }
        match self.create().await {
            Ok(fresh) => {
                *cache = TokenCache { token: Some(fresh.clone()), failure: None };
                Ok(fresh)
            }
            Err(err) => {
                let failures_in_a_row = cache.failure.as_ref().map_or(0, |f| f.failures_in_a_row) + 1;
                let error = Arc::new(err);
                let retry_at = now + refresh_backoff(failures_in_a_row);
                cache.failure = Some(RefreshFailure { error: error.clone(), failures_in_a_row, retry_at });
                self.usable_or(&cache, error)
            }
        }
    }

    fn usable_or(&self, cache: &TokenCache, error: Arc<Error>) -> Result<CachedToken> {
        match &cache.token {
            Some(cached) if self.is_usable(cached) => Ok(cached.clone()),
            _ => Err(Error::InstallationToken(Box::new(InstallationTokenError {
                installation_id: self.installation_id,
                source: error,
            }))),
        }
    }

    /// Sends create-installation-access-token with the app's JWT.
    async fn create(&self) -> Result<CachedToken> {
        let mut request = crate::operations::apps::CreateInstallationAccessToken::new(self.installation_id);
        if self.options.request != crate::models::CreateInstallationAccessTokenRequest::default() {
            request = request.body(self.options.request.clone());
        }
        let created = self.app.send(request).await?;
        Ok(CachedToken {
            token: Token::from(created.token),
            expires_at: SystemTime::from(created.expires_at.get()),
            created_at: self.signer.clock().now(),
        })
    }

    /// After a 401 answered to `used`: within [`REPLICATION_WINDOW`] of its
    /// creation, wait [`InstallationOptions::replication_retry_delay`] and
    /// tell the caller to retry once; otherwise drop it from the cache (it
    /// was revoked or has expired early), so the next request creates a new
    /// one.
    pub(crate) async fn after_unauthorized(&self, used: &CachedToken) -> bool {
        let age = self.signer.clock().now().duration_since(used.created_at).unwrap_or_default();
        if age <= REPLICATION_WINDOW {
            self.app.shared.config.sleeper.sleep(self.options.replication_retry_delay).await;
            return true;
        }
        let mut cache = self.cache.lock().await;
        if cache.token.as_ref().is_some_and(|cached| cached.token == used.token) {
            cache.token = None;
        }
        false
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
    use crate::runtime::clock::ManualClock;

    const PKCS1: &str = include_str!("../../tests/keys/test-app-pkcs1.pem");

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

    fn signer_at(unix: u64) -> (AppJwtSigner, ManualClock) {
        let clock = ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(unix));
        (AppJwtSigner::new("42".into(), PKCS1.as_bytes(), Arc::new(clock.clone())).unwrap(), clock)
    }

    #[test]
    fn jwt_is_reused_until_shortly_before_it_expires() {
        let (signer, clock) = signer_at(1_700_000_000);
        let first = signer.current().unwrap();
        assert_eq!((first.iat, first.exp), (1_700_000_000 - 60, 1_700_000_000 + 540));
        clock.advance(Duration::from_secs(479));
        assert_eq!(signer.current().unwrap().jwt, first.jwt, "reused with 61 s left");
        clock.advance(Duration::from_secs(1));
        let second = signer.current().unwrap();
        assert_ne!(second.jwt, first.jwt, "replaced with 60 s left");
        assert_eq!(second.iat, 1_700_000_480 - 60);
    }

    #[test]
    fn a_clock_set_back_gets_a_new_jwt() {
        let (signer, clock) = signer_at(1_700_000_000);
        let first = signer.current().unwrap();
        clock.set(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000 - 3600));
        assert!(signer.current().unwrap().iat < first.iat);
    }

    #[test]
    fn clock_correction_only_when_the_jwt_was_invalid_on_the_server_clock() {
        let (signer, _clock) = signer_at(1_700_000_000);
        let used = signer.current().unwrap();
        let date = |unix: u64| {
            let mut headers = HeaderMap::new();
            let text = httpdate::fmt_http_date(SystemTime::UNIX_EPOCH + Duration::from_secs(unix));
            headers.insert(header::DATE, HeaderValue::from_str(&text).unwrap());
            headers
        };
        assert!(!signer.correct_clock(&used, &HeaderMap::new()), "no Date, no correction");
        assert!(!signer.correct_clock(&used, &date(1_700_000_010)), "valid on the server: a real 401");
        // The server is 2 hours ahead: our JWT had expired there.
        assert!(signer.correct_clock(&used, &date(1_700_007_200)));
        let corrected = signer.current().unwrap();
        assert_eq!((corrected.iat, corrected.exp), (1_700_007_200 - 60, 1_700_007_200 + 540));
    }

    #[test]
    fn bearer_headers_are_marked_sensitive() {
        let (signer, _clock) = signer_at(1_700_000_000);
        let jwt = signer.current().unwrap();
        for header in [jwt.bearer_header().unwrap(), Token::new("ghs_x").bearer_header().unwrap()] {
            assert!(header.is_sensitive());
            assert!(header.to_str().unwrap().starts_with("Bearer "));
            assert_eq!(format!("{header:?}"), "Sensitive");
        }
        assert!(!format!("{signer:?}").contains(jwt.jwt.expose_secret()));
    }

    #[test]
    fn keys_that_are_not_rsa_pem_are_rejected() {
        let clock: Arc<dyn Clock> = Arc::new(ManualClock::new(SystemTime::UNIX_EPOCH));
        for bad in ["", "not a key", "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"] {
            let err = AppJwtSigner::new("1".into(), bad.as_bytes(), clock.clone()).unwrap_err();
            assert_eq!(err, AuthError::InvalidPrivateKey, "{bad:?}");
        }
    }
}
