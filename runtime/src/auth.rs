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
//! Which credential an operation accepts is checked at compile time: see
//! [`CallableWith`] and the generated crates'
//! documentation for examples.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime};

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::header::{self, HeaderMap, HeaderValue};
use serde::Serialize;

use base64::Engine as _;
use futures::future::BoxFuture;

use crate::clock::{Clock, unix_seconds};
pub use crate::error::AuthError;
use crate::error::{Error, InstallationTokenError, Result};
use crate::operation::{
    CallableWith, InvalidInput, Method, Operation, Preview, Security, decode_json, render_path,
};
pub use crate::operation::{
    Anonymous, AppJwt, ClientCredential, CredentialKind, InstallationToken, OAuthAppBasic, UserToken,
};
use crate::retry::Sleeper;
use crate::secret::SecretString;

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

    /// Feeds the id and secret to `state`, for keys that must tell
    /// credentials apart without holding them (the response cache).
    pub(crate) fn hash_identity<H: std::hash::Hasher>(&self, state: &mut H) {
        use std::hash::Hash;
        (&self.client_id, self.client_secret.expose_secret()).hash(state);
    }

    pub(crate) fn basic_header(&self) -> Result<HeaderValue, AuthError> {
        let pair = format!("{}:{}", self.client_id, self.client_secret.expose_secret());
        let encoded = base64::engine::general_purpose::STANDARD.encode(pair.as_bytes());
        sensitive_header(&format!("Basic {encoded}"), "client secret")
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
    /// `Bearer <jwt>`, marked sensitive; built once when signed, so a
    /// request only clones it.
    header: HeaderValue,
    iat: i64,
    exp: i64,
}

impl SignedJwt {
    pub(crate) fn bearer_header(&self) -> HeaderValue {
        self.header.clone()
    }
}

/// What the signer remembers between requests.
struct JwtState {
    /// Server time minus local time, in seconds, as last read from a
    /// `Date` header after a clock-drift 401.
    clock_offset: i64,
    cached: Option<Arc<SignedJwt>>,
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
        signer.lock().cached = Some(Arc::new(first));
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
        let jwt = SecretString::new(jwt);
        Ok(SignedJwt { header: sensitive_header(&format!("Bearer {}", jwt.expose_secret()), "app JWT")?, iat, exp })
    }

    /// The cached JWT, or a new one when the cached one has less than
    /// [`JWT_REUSE_MARGIN`] left.
    pub(crate) fn current(&self) -> Result<Arc<SignedJwt>, AuthError> {
        let mut state = self.lock();
        let now = self.server_now_with(state.clock_offset);
        if let Some(cached) = &state.cached
            && now + (JWT_REUSE_MARGIN.as_secs() as i64) < cached.exp
            && cached.iat <= now
        {
            return Ok(cached.clone());
        }
        let fresh = Arc::new(self.sign(now)?);
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
    repository_ids: Option<Vec<i64>>,
    repositories: Option<Vec<String>>,
    permissions: Option<serde_json::Map<String, serde_json::Value>>,
    refresh_margin: Duration,
    replication_retry_delay: Duration,
}

impl Default for InstallationOptions {
    fn default() -> Self {
        InstallationOptions {
            repository_ids: None,
            repositories: None,
            permissions: None,
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
        self.repository_ids = Some(ids.into_iter().collect());
        self
    }

    /// Limits the tokens to these repositories, by name (without the owner).
    pub fn repositories<S: Into<String>>(mut self, names: impl IntoIterator<Item = S>) -> InstallationOptions {
        self.repositories = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Limits the tokens to this permission (a subset of the
    /// installation's), e.g. `.permission("contents", "read")`; call once
    /// per permission.
    pub fn permission(mut self, name: impl Into<String>, level: impl Into<String>) -> InstallationOptions {
        self.permissions.get_or_insert_with(Default::default).insert(name.into(), level.into().into());
        self
    }

    /// Limits the tokens to these permissions: any value that serializes to
    /// a JSON object of permission names and levels, such as the generated
    /// `models::AppPermissions`. Fields that serialize to `null` are left
    /// out; anything that is not an object sets no permission.
    pub fn permissions(mut self, permissions: impl Serialize) -> InstallationOptions {
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(permissions) {
            let map: serde_json::Map<_, _> = map.into_iter().filter(|(_, level)| !level.is_null()).collect();
            self.permissions = Some(map);
        }
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

    /// The JSON body sent to create each token (`{}` for an unrestricted token).
    pub fn token_request(&self) -> serde_json::Value {
        let mut body = serde_json::Map::new();
        if let Some(ids) = &self.repository_ids {
            body.insert("repository_ids".into(), ids.clone().into());
        }
        if let Some(names) = &self.repositories {
            body.insert("repositories".into(), names.clone().into());
        }
        if let Some(permissions) = &self.permissions {
            body.insert("permissions".into(), permissions.clone().into());
        }
        serde_json::Value::Object(body)
    }
}

/// Which token a [`TokenStore`] entry is: one app's token for one
/// installation, with one set of repository and permission limits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TokenKey {
    /// The app id (or client id) the JWT is issued for.
    pub app_id: String,
    /// The installation.
    pub installation_id: i64,
    /// The token request body ([`InstallationOptions::token_request`]),
    /// as compact JSON: `{}` for a token with every repository and permission.
    pub scope: String,
}

impl fmt::Display for TokenKey {
    /// `github-app-token:{app_id}:{installation_id}:{scope}`, usable as a
    /// key in a shared store.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "github-app-token:{}:{}:{}", self.app_id, self.installation_id, self.scope)
    }
}

/// An installation token as a [`TokenStore`] keeps it.
#[derive(Clone, PartialEq, Eq)]
pub struct StoredToken {
    /// The token.
    pub token: Token,
    /// When it expires, as GitHub said (server time).
    pub expires_at: SystemTime,
    /// When it was created (the creating process's clock).
    pub created_at: SystemTime,
}

impl fmt::Debug for StoredToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StoredToken")
            .field("token", &self.token)
            .field("expires_at", &self.expires_at)
            .field("created_at", &self.created_at)
            .finish()
    }
}

/// Where installation tokens are kept between requests.
///
/// The default, [`MemoryTokenStore`], keeps them in the process and is
/// shared by every installation client of one app client. Replicas of an
/// App can share tokens instead of each creating its own by implementing
/// this trait over a shared store (Redis, a database): store the token
/// under `key.to_string()` with `expires_at` as its time to live.
///
/// A store that cannot answer behaves as an empty one: `get` returns `None`
/// and the client creates a token. The client still sends one token request
/// at a time per installation client; two processes that find the store
/// empty at the same moment may each create one.
pub trait TokenStore: Send + Sync + fmt::Debug + 'static {
    /// The stored token for `key`, if any (expired or not).
    fn get<'a>(&'a self, key: &'a TokenKey) -> BoxFuture<'a, Option<StoredToken>>;
    /// Stores `token` for `key`, replacing any other.
    fn put<'a>(&'a self, key: &'a TokenKey, token: StoredToken) -> BoxFuture<'a, ()>;
    /// Forgets the token for `key` if it is `token` (it was revoked).
    fn remove<'a>(&'a self, key: &'a TokenKey, token: &'a Token) -> BoxFuture<'a, ()>;
}

/// The in-process [`TokenStore`]: a map, bounded by the number of
/// installations (and scopes) the process acts as.
#[derive(Debug, Default)]
pub struct MemoryTokenStore {
    tokens: Mutex<std::collections::HashMap<TokenKey, StoredToken>>,
}

impl MemoryTokenStore {
    /// An empty store.
    pub fn new() -> MemoryTokenStore {
        MemoryTokenStore::default()
    }

    fn tokens(&self) -> MutexGuard<'_, std::collections::HashMap<TokenKey, StoredToken>> {
        self.tokens.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl TokenStore for MemoryTokenStore {
    fn get<'a>(&'a self, key: &'a TokenKey) -> BoxFuture<'a, Option<StoredToken>> {
        let token = self.tokens().get(key).cloned();
        Box::pin(async move { token })
    }

    fn put<'a>(&'a self, key: &'a TokenKey, token: StoredToken) -> BoxFuture<'a, ()> {
        self.tokens().insert(key.clone(), token);
        Box::pin(async {})
    }

    fn remove<'a>(&'a self, key: &'a TokenKey, token: &'a Token) -> BoxFuture<'a, ()> {
        let mut tokens = self.tokens();
        if tokens.get(key).is_some_and(|stored| &stored.token == token) {
            tokens.remove(key);
        }
        Box::pin(async {})
    }
}

/// The answer to create-installation-access-token, as far as the client
/// needs it.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct IssuedToken {
    pub(crate) token: SecretString,
    pub(crate) expires_at: crate::timestamp::Timestamp,
}

/// `POST /app/installations/{installation_id}/access_tokens`, written by
/// hand so the runtime depends on no generated item.
#[derive(Debug, Clone)]
pub(crate) struct CreateInstallationToken {
    pub(crate) installation_id: i64,
    pub(crate) body: serde_json::Value,
}

impl Operation for CreateInstallationToken {
    type Response = IssuedToken;
    type Body = ();
    const ID: &'static str = "apps/create-installation-access-token";
    const METHOD: Method = Method::Post;
    const PATH_TEMPLATE: &'static str = "/app/installations/{installation_id}/access_tokens";
    const REQUIRED_PREVIEWS: &'static [Preview] = &[];
    const OPTIONAL_PREVIEWS: &'static [Preview] = &[];
    const SECURITY: Security = Security { anonymous: false, credentials: &[CredentialKind::AppJwt] };
    const DEPRECATION: Option<&'static str> = None;
    const DOCUMENTED_STATUSES: &'static [u16] = &[201, 401, 403, 404, 415, 422];
    const RETRY_SAFE: bool = true;
    const SECRET_PROPERTIES: &'static [&'static str] = &["token"];

    fn path(&self) -> Result<String, InvalidInput> {
        render_path(Self::ID, Self::PATH_TEMPLATE, &[&self.installation_id])
    }
    fn query(&self) -> Vec<crate::operation::QueryPair> {
        Vec::new()
    }
    /// No body for a token without limits, as GitHub's examples send it.
    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        match &self.body {
            serde_json::Value::Object(limits) if limits.is_empty() => Ok(None),
            body => serde_json::to_vec(body).map(Some),
        }
    }
    fn decode(_status: u16, body: &[u8]) -> Option<Result<IssuedToken, serde_json::Error>> {
        Some(decode_json(body))
    }
}

impl CallableWith<AppJwt> for CreateInstallationToken {}

/// Sends the token request: the client layer implements it with the app
/// client, so this module does not depend on the client.
pub(crate) trait IssueToken: Send + Sync {
    fn issue(&self, request: CreateInstallationToken) -> BoxFuture<'_, Result<IssuedToken>>;
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
    issuer: Arc<dyn IssueToken>,
    signer: Arc<AppJwtSigner>,
    store: Arc<dyn TokenStore>,
    sleeper: Arc<dyn Sleeper>,
    key: TokenKey,
    options: InstallationOptions,
    /// Held across the token request, so concurrent callers that find the
    /// token stale wait for the one refresh instead of starting their own,
    /// and find its outcome (a token, or a failure they share) when they
    /// get the lock.
    failure: tokio::sync::Mutex<Option<RefreshFailure>>,
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
            .field("installation_id", &self.key.installation_id)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

impl InstallationTokens {
    pub(crate) fn new(
        issuer: Arc<dyn IssueToken>,
        signer: Arc<AppJwtSigner>,
        store: Arc<dyn TokenStore>,
        sleeper: Arc<dyn Sleeper>,
        installation_id: i64,
        options: InstallationOptions,
    ) -> InstallationTokens {
        let key = TokenKey {
            app_id: signer.app_id().to_owned(),
            installation_id,
            scope: options.token_request().to_string(),
        };
        InstallationTokens { issuer, signer, store, sleeper, key, options, failure: tokio::sync::Mutex::new(None) }
    }

    pub(crate) fn installation_id(&self) -> i64 {
        self.key.installation_id
    }

    /// The store key: app, installation and scope.
    pub(crate) fn key(&self) -> &TokenKey {
        &self.key
    }

    fn is_fresh(&self, stored: &StoredToken) -> bool {
        self.signer.server_now() + self.options.refresh_margin < stored.expires_at
    }

    /// Whether a stored token can still be sent, though due for refresh.
    fn is_usable(&self, stored: &StoredToken) -> bool {
        self.signer.server_now() + EXPIRY_SAFETY_MARGIN < stored.expires_at
    }

    /// The stored token, or a new one when it is missing or due for refresh.
    ///
    /// One token request at a time, whatever its outcome. When it fails,
    /// the callers waiting for it share its error (or keep using a stored
    /// token that has not expired), and no new request is sent before a
    /// backoff of [`FIRST_REFRESH_BACKOFF`] doubling to
    /// [`MAX_REFRESH_BACKOFF`] has passed.
    pub(crate) async fn current(&self) -> Result<StoredToken> {
        let mut failure = self.failure.lock().await;
        let stored = self.store.get(&self.key).await;
        if let Some(stored) = &stored
            && self.is_fresh(stored)
        {
            return Ok(stored.clone());
        }
        let now = self.signer.clock().now();
        if let Some(last) = failure.as_ref()
            && now < last.retry_at
        {
            return self.usable_or(stored, last.error.clone());
        }
        let request = CreateInstallationToken { installation_id: self.key.installation_id, body: self.options.token_request() };
        match self.issuer.issue(request).await {
            Ok(issued) => {
                let fresh = StoredToken {
                    token: Token::from(issued.token),
                    expires_at: SystemTime::from(issued.expires_at.get()),
                    created_at: self.signer.clock().now(),
                };
                self.store.put(&self.key, fresh.clone()).await;
                *failure = None;
                Ok(fresh)
            }
            Err(err) => {
                let failures_in_a_row = failure.as_ref().map_or(0, |f| f.failures_in_a_row) + 1;
                let error = Arc::new(err);
                let retry_at = now + refresh_backoff(failures_in_a_row);
                *failure = Some(RefreshFailure { error: error.clone(), failures_in_a_row, retry_at });
                self.usable_or(stored, error)
            }
        }
    }

    fn usable_or(&self, stored: Option<StoredToken>, error: Arc<Error>) -> Result<StoredToken> {
        match stored {
            Some(stored) if self.is_usable(&stored) => Ok(stored),
            _ => Err(Error::InstallationToken(Box::new(InstallationTokenError {
                installation_id: self.key.installation_id,
                source: error,
            }))),
        }
    }

    /// After a 401 answered to `used`: within [`REPLICATION_WINDOW`] of its
    /// creation, wait [`InstallationOptions::replication_retry_delay`] and
    /// tell the caller to retry once; otherwise drop it from the store (it
    /// was revoked or has expired early), so the next request creates a new
    /// one.
    pub(crate) async fn after_unauthorized(&self, used: &StoredToken) -> bool {
        let age = self.signer.clock().now().duration_since(used.created_at).unwrap_or_default();
        if age <= REPLICATION_WINDOW {
            self.sleeper.sleep(self.options.replication_retry_delay).await;
            return true;
        }
        let _failure = self.failure.lock().await;
        self.store.remove(&self.key, &used.token).await;
        false
    }
}


#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::ManualClock;

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
        (AppJwtSigner::new("42".into(), crate::test_util::pkcs1().as_bytes(), Arc::new(clock.clone())).unwrap(), clock)
    }

    #[test]
    fn jwt_is_reused_until_shortly_before_it_expires() {
        let (signer, clock) = signer_at(1_700_000_000);
        let first = signer.current().unwrap();
        assert_eq!((first.iat, first.exp), (1_700_000_000 - 60, 1_700_000_000 + 540));
        clock.advance(Duration::from_secs(479));
        assert_eq!(signer.current().unwrap().header, first.header, "reused with 61 s left");
        clock.advance(Duration::from_secs(1));
        let second = signer.current().unwrap();
        assert_ne!(second.header, first.header, "replaced with 60 s left");
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
        for header in [jwt.bearer_header(), Token::new("ghs_x").bearer_header().unwrap()] {
            assert!(header.is_sensitive());
            assert!(header.to_str().unwrap().starts_with("Bearer "));
            assert_eq!(format!("{header:?}"), "Sensitive");
        }
        let jwt = jwt.header.to_str().unwrap().trim_start_matches("Bearer ").to_owned();
        assert!(!format!("{signer:?}").contains(&jwt));
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
