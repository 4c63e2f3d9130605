//! The client: base URL, credentials, and the one path every request takes
//! (`Client::send` → headers → HTTP → status classification → decoding).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{self, HeaderMap, HeaderValue};
use url::Url;

use futures::future::BoxFuture;

use crate::auth::{
    AppJwtSigner, CreateInstallationToken, InstallationOptions, InstallationTokens, IssueToken, IssuedToken,
    MemoryTokenStore, OAuthAppCredentials, SignedJwt, StoredToken, Token, TokenStore,
};
use crate::clock::{Clock, SystemClock};
use crate::body::ResponseBody;
use crate::cache::{CachedResponse, Conditional, ResponseCache, Validators};
use crate::error::{DecodeError, Error, Result};
use crate::operation::{
    Anonymous, AppJwt, CallableWith, ClientCredential, DEFAULT_ACCEPT, InstallationToken, InvalidInput, Method,
    OAuthAppBasic, Operation, Schemes, UserToken,
};
use crate::schemes::{SchemeCredentials, SchemeParts};
use crate::rate_limit::RateLimit;
use crate::retry::{self, RetryPolicy, SecondaryRateLimitPolicy, Sleeper, TokioSleeper};
use crate::trace::RequestSpan;

/// The public GitHub API root.
pub const GITHUB_API: &str = "https://api.github.com";

/// The `User-Agent` sent unless configured otherwise (GitHub rejects requests without one).
pub const DEFAULT_USER_AGENT: &str = concat!("github-apps-rs/", env!("CARGO_PKG_VERSION"));

/// A client of the GitHub API holding a credential of kind `K`.
///
/// `K` decides at compile time which operations [`send`](Client::send)
/// accepts: an operation is callable when its `security` names `K`'s kind
/// (or allows anonymous access). Cloning is cheap and shares the connection
/// pool and, for apps and installations, the cached JWT or token.
pub struct Client<K> {
    pub(crate) shared: Arc<Shared>,
    pub(crate) credential: Credential,
    kind: PhantomData<fn() -> K>,
}

impl<K> Clone for Client<K> {
    fn clone(&self) -> Self {
        Client { shared: self.shared.clone(), credential: self.credential.clone(), kind: PhantomData }
    }
}

impl<K> fmt::Debug for Client<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("api_root", &self.shared.api_root.as_str())
            .field("credential", &self.credential)
            .finish_non_exhaustive()
    }
}

/// A client authenticated as a GitHub App (JWT).
pub type AppClient = Client<AppJwt>;
/// A client authenticated as an installation of a GitHub App.
pub type InstallationClient = Client<InstallationToken>;
/// A client authenticated as an OAuth app (HTTP Basic).
pub type OAuthAppClient = Client<OAuthAppBasic>;
/// A client authenticated as a user.
pub type UserClient = Client<UserToken>;
/// A client without credentials.
pub type AnonymousClient = Client<Anonymous>;
/// A client holding credentials for a description's own security schemes.
pub type SchemeClient = Client<Schemes>;

/// What a client sends in `Authorization`.
#[derive(Clone)]
pub(crate) enum Credential {
    None,
    /// A user token, or an installation token obtained elsewhere, with its
    /// `Authorization` value built once.
    Token(Token, HeaderValue),
    Basic(OAuthAppCredentials, HeaderValue),
    /// The app's key: JWTs signed on demand and cached.
    App(Arc<AppJwtSigner>),
    /// An installation's self-refreshing token.
    Installation(Arc<InstallationTokens>),
    /// Credentials for a description's own security schemes.
    Schemes(SchemeCredentials),
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credential::None => f.write_str("None"),
            Credential::Token(token, _) => write!(f, "{token:?}"),
            Credential::Basic(basic, _) => write!(f, "{basic:?}"),
            Credential::App(signer) => write!(f, "{signer:?}"),
            Credential::Installation(tokens) => write!(f, "{tokens:?}"),
            Credential::Schemes(credentials) => write!(f, "{credentials:?}"),
        }
    }
}

/// An `Authorization` value (marked sensitive) and what it was made from,
/// which decides whether a 401 to it is worth one retry.
pub(crate) struct Authorization {
    pub(crate) header: HeaderValue,
    issued: Issued,
}

enum Issued {
    Static,
    Jwt(Arc<SignedJwt>),
    InstallationToken(StoredToken),
}

/// Hashes what tells one credential's view of the API from another's.
struct Identity<'a>(&'a Credential);

impl std::hash::Hash for Identity<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        match self.0 {
            Credential::None => "anonymous".hash(state),
            Credential::Token(token, _) => ("token", token.expose()).hash(state),
            Credential::Basic(basic, _) => {
                "basic".hash(state);
                basic.hash_identity(state);
            }
            Credential::App(signer) => ("app", signer.app_id()).hash(state),
            Credential::Installation(tokens) => ("installation", tokens.key()).hash(state),
            Credential::Schemes(credentials) => {
                "schemes".hash(state);
                credentials.hash_identity(state);
            }
        }
    }
}

impl Credential {
    async fn authorization(&self) -> Result<Option<Authorization>> {
        Ok(match self {
            // Scheme credentials are chosen per operation (`execute_once`).
            Credential::None | Credential::Schemes(_) => None,
            Credential::Token(_, header) | Credential::Basic(_, header) => {
                Some(Authorization { header: header.clone(), issued: Issued::Static })
            }
            Credential::App(signer) => {
                let jwt = signer.current()?;
                Some(Authorization { header: jwt.bearer_header(), issued: Issued::Jwt(jwt) })
            }
            Credential::Installation(tokens) => {
                // Boxed: creating the token sends a request through this same path.
                let cached = Box::pin(tokens.current()).await?;
                Some(Authorization { header: cached.token.bearer_header()?, issued: Issued::InstallationToken(cached) })
            }
        })
    }

    /// After a 401 to `used`: whether to send the request once more. A JWT
    /// that was invalid on the server's clock (drift) is re-signed; an
    /// installation token seconds old is retried after GitHub's
    /// replication lag.
    async fn retry_unauthorized(&self, used: &Authorization, headers: &HeaderMap) -> bool {
        match (self, &used.issued) {
            (Credential::App(signer), Issued::Jwt(jwt)) => signer.correct_clock(jwt, headers),
            (Credential::Installation(tokens), Issued::InstallationToken(cached)) => {
                tokens.after_unauthorized(cached).await
            }
            _ => false,
        }
    }
}

/// What every client built from one [`ClientBuilder`] shares.
#[derive(Debug)]
pub(crate) struct Shared {
    pub(crate) http: reqwest::Client,
    pub(crate) user_agent: HeaderValue,
    pub(crate) api_root: Url,
    pub(crate) config: Config,
    /// Where installation clients keep their tokens.
    pub(crate) token_store: Arc<dyn TokenStore>,
    /// Revalidated `GET` answers, when configured.
    pub(crate) cache: Option<ResponseCache>,
}

/// Timeouts, redirect handling, body limits and retry policies.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    /// GitHub's API, or another described one.
    pub(crate) flavor: ApiFlavor,
    pub(crate) timeout: Duration,
    pub(crate) max_redirects: u8,
    pub(crate) max_response_bytes: usize,
    pub(crate) retry: Option<RetryPolicy>,
    pub(crate) secondary_rate_limit: Option<SecondaryRateLimitPolicy>,
    pub(crate) sleeper: Arc<dyn Sleeper>,
}

/// The default [`ClientBuilder::max_response_bytes`]: 32 MiB, far above any
/// page GitHub sends (100 full repositories are well under 1 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Whose API a client talks to: what is GitHub's behaviour and what is any
/// API's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFlavor {
    /// GitHub's REST API: a GitHub Enterprise Server host gets `/api/v3`,
    /// and `Accept` is GitHub's JSON media type (or the previews).
    GitHub,
    /// Any other API: the base URL is used as written and `Accept` is
    /// `application/json` unless an operation says otherwise.
    Generic,
}

/// Configures and builds clients.
#[derive(Debug, Clone)]
pub struct ClientBuilder {
    flavor: ApiFlavor,
    base_url: String,
    user_agent: String,
    timeout: Duration,
    connect_timeout: Duration,
    max_redirects: u8,
    max_response_bytes: usize,
    retry: Option<RetryPolicy>,
    secondary_rate_limit: Option<SecondaryRateLimitPolicy>,
    sleeper: Arc<dyn Sleeper>,
    clock: Arc<dyn Clock>,
    token_store: Option<Arc<dyn TokenStore>>,
    cache: Option<ResponseCache>,
    http: HttpClient,
}

#[derive(Debug)]
enum BuilderSlot {
    Pending(Box<reqwest::ClientBuilder>),
    Built(reqwest::Client),
    /// Building failed; the error was returned then.
    Failed,
}

/// Where the `reqwest::Client` comes from.
#[derive(Debug, Clone, Default)]
enum HttpClient {
    /// Built from the builder's settings.
    #[default]
    Own,
    /// The caller's builder, completed with the builder's settings when the
    /// first client is built and shared by every later one.
    Builder(Arc<std::sync::Mutex<BuilderSlot>>),
    /// The caller's client, as it is.
    Client(reqwest::Client),
}

impl Default for ClientBuilder {
    fn default() -> Self {
        ClientBuilder {
            flavor: ApiFlavor::GitHub,
            base_url: GITHUB_API.to_owned(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_redirects: 3,
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: None,
            secondary_rate_limit: None,
            sleeper: Arc::new(TokioSleeper),
            clock: Arc::new(SystemClock),
            token_store: None,
            cache: None,
            http: HttpClient::Own,
        }
    }
}

impl ClientBuilder {
    /// A builder for api.github.com with default timeouts.
    pub fn new() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A builder for an API other than GitHub's at `base_url` (a generated
    /// crate's `client_builder()` passes its description's server): the URL
    /// is used as written, and `Accept` is `application/json`.
    pub fn generic(base_url: impl Into<String>) -> ClientBuilder {
        ClientBuilder { flavor: ApiFlavor::Generic, base_url: base_url.into(), ..ClientBuilder::default() }
    }

    /// The API host: `https://api.github.com`, or a GitHub Enterprise host
    /// written `https://host` or `https://host/api/v3` (a trailing slash is fine).
    pub fn base_url(mut self, base_url: impl Into<String>) -> ClientBuilder {
        self.base_url = base_url.into();
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> ClientBuilder {
        self.user_agent = user_agent.into();
        self
    }

    /// The time allowed for a whole request, response body included (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.timeout = timeout;
        self
    }

    /// The time allowed to connect (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> ClientBuilder {
        self.connect_timeout = timeout;
        self
    }

    /// How many same-host redirects a `GET` or `HEAD` follows (default 3; 0 returns every redirect as an error).
    pub fn max_redirects(mut self, max: u8) -> ClientBuilder {
        self.max_redirects = max;
        self
    }

    /// The largest response body accepted (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`]); a larger one fails with
    /// [`Error::BodyTooLarge`] without being read into memory.
    pub fn max_response_bytes(mut self, limit: usize) -> ClientBuilder {
        self.max_response_bytes = limit;
        self
    }

    /// Opts into retrying 5xx answers, timeouts and broken connections for
    /// idempotent or retry-safe operations (off by default; see [`retry`]).
    pub fn retry(mut self, policy: RetryPolicy) -> ClientBuilder {
        self.retry = Some(policy);
        self
    }

    /// Opts into waiting out secondary rate limits and retrying (off by
    /// default; see [`retry`]).
    pub fn secondary_rate_limit(mut self, policy: SecondaryRateLimitPolicy) -> ClientBuilder {
        self.secondary_rate_limit = Some(policy);
        self
    }

    /// Replaces how the client waits between retries (default: the Tokio
    /// timer). Tests pass a sleeper that records the delays.
    pub fn sleeper(mut self, sleeper: Arc<dyn Sleeper>) -> ClientBuilder {
        self.sleeper = sleeper;
        self
    }

    /// Replaces the clock that app JWTs and installation-token expiry are
    /// computed with (default: the system clock). Tests pass a
    /// [`ManualClock`](crate::clock::ManualClock).
    pub fn clock(mut self, clock: impl Clock) -> ClientBuilder {
        self.clock = Arc::new(clock);
        self
    }

    /// Where installation clients keep their tokens (default: a
    /// [`MemoryTokenStore`] per client built, shared by its installation
    /// clients). Pass one store to several clients, or implement
    /// [`TokenStore`] over a shared store, and they share tokens.
    pub fn token_store(mut self, store: Arc<dyn TokenStore>) -> ClientBuilder {
        self.token_store = Some(store);
        self
    }

    /// Revalidates `GET`s with the answers kept in `cache` (see
    /// [`cache`](crate::cache)): a cached answer is sent back with
    /// `If-None-Match` / `If-Modified-Since`, and a `304` returns it.
    /// Clients given clones of one cache share it.
    pub fn response_cache(mut self, cache: ResponseCache) -> ClientBuilder {
        self.cache = Some(cache);
        self
    }

    /// Builds the HTTP client from `builder` (proxies, root certificates,
    /// TLS settings, ...), setting on top what this crate relies on: no
    /// automatic redirects (the client applies its own rules, see
    /// [`Error::Redirect`]), the timeouts and the `User-Agent` of this builder.
    pub fn reqwest_builder(mut self, builder: reqwest::ClientBuilder) -> ClientBuilder {
        self.http = HttpClient::Builder(Arc::new(std::sync::Mutex::new(BuilderSlot::Pending(Box::new(builder)))));
        self
    }

    /// Sends every request with `client`, as it is (to share its connection
    /// pool with other code). The client keeps its own settings: the
    /// builder's timeouts still apply to each request and `User-Agent` is
    /// set on each, but redirects follow the client's redirect policy; give
    /// it `redirect(reqwest::redirect::Policy::none())` to keep this crate's
    /// redirect rules (reqwest itself drops `Authorization` on a redirect to
    /// another host). Prefer [`reqwest_builder`](Self::reqwest_builder).
    pub fn reqwest_client(mut self, client: reqwest::Client) -> ClientBuilder {
        self.http = HttpClient::Client(client);
        self
    }

    fn http_client(&self) -> Result<reqwest::Client> {
        let complete = |builder: reqwest::ClientBuilder| {
            builder
                .redirect(reqwest::redirect::Policy::none())
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
                .build()
                .map_err(Error::transport)
        };
        match &self.http {
            HttpClient::Own => complete(reqwest::Client::builder()),
            HttpClient::Client(client) => Ok(client.clone()),
            // A reqwest::ClientBuilder cannot be cloned: build it once, share the client.
            HttpClient::Builder(slot) => {
                let mut slot = slot.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
                match std::mem::replace(&mut *slot, BuilderSlot::Failed) {
                    BuilderSlot::Pending(builder) => {
                        let client = complete(*builder)?;
                        *slot = BuilderSlot::Built(client.clone());
                        Ok(client)
                    }
                    BuilderSlot::Built(client) => {
                        *slot = BuilderSlot::Built(client.clone());
                        Ok(client)
                    }
                    BuilderSlot::Failed => Err(Error::Config("the reqwest builder failed to build a client".into())),
                }
            }
        }
    }

    fn shared(&self) -> Result<Arc<Shared>> {
        let api_root = match self.flavor {
            ApiFlavor::GitHub => resolve_api_root(&self.base_url)?,
            ApiFlavor::Generic => parse_generic_root(&self.base_url)?,
        };
        let user_agent =
            HeaderValue::from_str(&self.user_agent).map_err(|_| Error::Config("invalid user agent".into()))?;
        let http = self.http_client()?;
        Ok(Arc::new(Shared {
            http,
            user_agent,
            api_root,
            config: Config {
                flavor: self.flavor,
                timeout: self.timeout,
                max_redirects: self.max_redirects,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry.clone(),
                secondary_rate_limit: self.secondary_rate_limit.clone(),
                sleeper: self.sleeper.clone(),
            },
            token_store: self.token_store.clone().unwrap_or_else(|| Arc::new(MemoryTokenStore::new())),
            cache: self.cache.clone(),
        }))
    }

    fn client<K>(&self, credential: Credential) -> Result<Client<K>> {
        Ok(Client { shared: self.shared()?, credential, kind: PhantomData })
    }

    /// A client holding credentials for a description's own security
    /// schemes, by scheme name: for APIs other than GitHub's (see
    /// [`ClientBuilder::generic`]). Each operation is sent with the first of
    /// its security requirements whose credentials are all held; an
    /// operation that needs one the client lacks fails before sending.
    pub fn schemes(&self, credentials: SchemeCredentials) -> Result<SchemeClient> {
        self.client(Credential::Schemes(credentials))
    }

    /// A client without credentials.
    pub fn anonymous(&self) -> Result<AnonymousClient> {
        self.client(Credential::None)
    }

    /// A client authenticated as a user (a user-to-server or personal access token).
    pub fn user_token(&self, token: impl Into<Token>) -> Result<UserClient> {
        let token = token.into();
        let header = token.bearer_header()?;
        self.client(Credential::Token(token, header))
    }

    /// A client authenticated as an OAuth app, sending its client id and
    /// secret as HTTP Basic (never as query parameters).
    pub fn oauth_app(&self, client_id: impl Into<String>, client_secret: impl Into<String>) -> Result<OAuthAppClient> {
        let credentials = OAuthAppCredentials::new(client_id, client_secret);
        let header = credentials.basic_header()?;
        self.client(Credential::Basic(credentials, header))
    }

    /// A client holding an installation token obtained elsewhere (it is not refreshed).
    pub fn installation_token(&self, token: impl Into<Token>) -> Result<InstallationClient> {
        let token = token.into();
        let header = token.bearer_header()?;
        self.client(Credential::Token(token, header))
    }

    /// A client authenticated as a GitHub App: `app_id` (GitHub also
    /// accepts the app's client id) and its private key, PEM-encoded as
    /// GitHub hands it out (`BEGIN RSA PRIVATE KEY`, PKCS#1) or as PKCS#8
    /// (`BEGIN PRIVATE KEY`). Fails with
    /// [`AuthError::InvalidPrivateKey`](crate::auth::AuthError::InvalidPrivateKey)
    /// when the key cannot sign. Get installation clients from it with
    /// [`Client::installation`].
    pub fn app(&self, app_id: impl fmt::Display, private_key_pem: impl AsRef<[u8]>) -> Result<AppClient> {
        let signer = AppJwtSigner::new(app_id.to_string(), private_key_pem.as_ref(), self.clock.clone())?;
        self.client(Credential::App(Arc::new(signer)))
    }
}

/// The root of a generic API: `base_url` as written (an absolute `http` or
/// `https` URL; a trailing slash makes no difference).
fn parse_generic_root(base_url: &str) -> Result<Url> {
    let url = Url::parse(base_url.trim()).map_err(|err| {
        Error::Config(format!("base URL {base_url:?}: {err} (set an absolute URL with `base_url`)"))
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!("base URL {base_url:?} must be an http(s) URL without query or fragment")));
    }
    Ok(url)
}

/// Resolves a configured base URL to the API root:
///
/// - `api.github.com` stays as it is;
/// - GitHub Enterprise Cloud with data residency: `api.SUBDOMAIN.ghe.com`
///   stays as it is, and the web host `SUBDOMAIN.ghe.com` becomes
///   `api.SUBDOMAIN.ghe.com` (neither has `/api/v3`);
/// - any other host is GitHub Enterprise Server and gets `/api/v3`, unless
///   the path already ends with it.
pub fn resolve_api_root(base_url: &str) -> Result<Url> {
    let mut url = Url::parse(base_url.trim()).map_err(|err| Error::Config(format!("base URL {base_url:?}: {err}")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(Error::Config(format!("base URL {base_url:?} is not an http(s) URL with a host")));
    }
    if url.query().is_some() || url.fragment().is_some() || !url.username().is_empty() || url.password().is_some() {
        return Err(Error::Config(format!("base URL {base_url:?} must not carry credentials, a query or a fragment")));
    }
    let path = url.path().trim_end_matches('/').to_owned();
    let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let ghe_com = host.strip_suffix(".ghe.com").filter(|subdomain| !subdomain.is_empty());
    if let Some(subdomain) = ghe_com {
        if !subdomain.starts_with("api.") {
            let api_host = format!("api.{subdomain}.ghe.com");
            url.set_host(Some(&api_host)).map_err(|err| Error::Config(format!("base URL {base_url:?}: {err}")))?;
        }
        url.set_path(&path);
        return Ok(url);
    }
    let path = if host == "api.github.com" || path.ends_with("/api/v3") { path } else { format!("{path}/api/v3") };
    url.set_path(&path);
    Ok(url)
}

/// A decoded response with its status and headers.
#[derive(Debug)]
pub struct ApiResponse<T> {
    /// The status.
    pub status: u16,
    /// The headers.
    pub headers: HeaderMap,
    /// The rate-limit headers, if any.
    pub rate_limit: Option<RateLimit>,
    /// The server answered `304 Not Modified` to a revalidation and `value`
    /// is the cached answer (see [`ClientBuilder::response_cache`]);
    /// `status` is then the cached answer's.
    pub from_cache: bool,
    /// The decoded body.
    pub value: T,
}

impl<T> ApiResponse<T> {
    /// The `ETag` and `Last-Modified` of this answer, for
    /// [`Client::send_if_modified`].
    pub fn validators(&self) -> Validators {
        Validators::from_headers(&self.headers)
    }
}

/// A request ready to send, attempt after attempt.
pub(crate) struct Outgoing {
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) accept: HeaderValue,
    pub(crate) body: Option<Vec<u8>>,
    /// The body's `Content-Type`.
    pub(crate) content_type: &'static str,
    /// `If-None-Match` / `If-Modified-Since`, for revalidations.
    pub(crate) conditions: HeaderMap,
    /// The operation's header inputs.
    pub(crate) inputs: HeaderMap,
    pub(crate) span: RequestSpan,
}

impl Outgoing {
    /// `operation` to `url` (its path and query already rendered): its
    /// method, `Accept` and encoded body.
    pub(crate) fn new<O: Operation>(operation: &O, url: Url, flavor: ApiFlavor) -> Result<Outgoing> {
        let body = operation.body().map_err(|source| Error::Encode { operation: O::ID, source })?;
        let accept = match operation.accept() {
            // GitHub's JSON media type is GitHub's; other APIs get plain JSON.
            Cow::Borrowed(DEFAULT_ACCEPT) if flavor == ApiFlavor::Generic => Ok(HeaderValue::from_static("application/json")),
            // Visible ASCII is what `from_static` (no copy) accepts without panicking.
            Cow::Borrowed(accept) if accept.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b)) => {
                Ok(HeaderValue::from_static(accept))
            }
            Cow::Borrowed(accept) => HeaderValue::from_str(accept),
            Cow::Owned(accept) => HeaderValue::try_from(accept),
        };
        let accept = accept.map_err(|_| Error::Config(format!("the Accept header of {} is not a header value", O::ID)))?;
        let method = operation.method();
        let span = RequestSpan::new(O::ID, method.as_str(), operation.path_template());
        let content_type = operation.content_type();
        let inputs = header_inputs::<O>(operation.headers())?;
        Ok(Outgoing { method, url, accept, body, content_type, conditions: HeaderMap::new(), inputs, span })
    }
}

/// The credentials of the first of `O`'s security requirements that
/// `credentials` meet. An operation that needs credentials the client does
/// not hold fails here, before anything is sent.
fn scheme_parts<O: Operation>(credentials: &SchemeCredentials) -> Result<Option<SchemeParts>> {
    if O::SCHEMES.is_empty() {
        return Ok(None);
    }
    match credentials.parts_for(O::SCHEMES) {
        Some(parts) => Ok(Some(parts)),
        None if O::SECURITY.anonymous => Ok(None),
        None => {
            let requirements: Vec<String> = O::SCHEMES
                .iter()
                .map(|requirement| requirement.iter().map(|scheme| format!("`{}`", scheme.scheme)).collect::<Vec<_>>().join(" and "))
                .collect();
            Err(Error::Config(format!(
                "{} needs credentials for {}; the client holds none that meet them",
                O::ID,
                requirements.join(", or ")
            )))
        }
    }
}

/// The operation's header inputs as headers; a name or value that HTTP
/// cannot carry is an invalid input.
fn header_inputs<O: Operation>(inputs: Vec<(&'static str, String)>) -> Result<HeaderMap> {
    let mut headers = HeaderMap::new();
    for (name, value) in inputs {
        let invalid = |reason: &str| InvalidInput { operation: O::ID, name, reason: reason.to_owned() };
        let header = header::HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("is not a header name"))?;
        let value = HeaderValue::from_str(&value).map_err(|_| invalid("is not a valid header value"))?;
        headers.append(header, value);
    }
    Ok(headers)
}

/// A raw answer before decoding.
pub(crate) struct RawResponse {
    /// The URL that answered (after any redirects followed).
    pub(crate) url: Url,
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
    /// A 304 answered a revalidation: `status` and `body` are the cached ones.
    pub(crate) from_cache: bool,
}

impl<K: ClientCredential> Client<K> {
    /// The resolved API root (e.g. `https://ghe.example.com/api/v3`).
    pub fn api_root(&self) -> &Url {
        &self.shared.api_root
    }

    /// Sends an operation and decodes its documented success response.
    pub async fn send<O>(&self, operation: O) -> Result<O::Response>
    where
        O: Operation + CallableWith<K>,
    {
        Ok(self.send_with_response(operation).await?.value)
    }

    /// Like [`send`](Client::send), keeping the status, headers and rate limit.
    pub async fn send_with_response<O>(&self, operation: O) -> Result<ApiResponse<O::Response>>
    where
        O: Operation + CallableWith<K>,
    {
        operation.validate()?;
        let url = self.operation_url(&operation)?;
        let raw = self.fetch::<O>(Outgoing::new(&operation, url, self.shared.config.flavor)?).await?;
        decode_response::<O>(raw, operation.secret_properties())
    }

    /// Sends `operation` with `If-None-Match` / `If-Modified-Since` from
    /// `validators` (those of an earlier answer,
    /// [`ApiResponse::validators`]). A `304` is
    /// [`Conditional::NotModified`], which GitHub does not count against the
    /// primary rate limit; anything else is decoded as by
    /// [`send_with_response`](Client::send_with_response).
    pub async fn send_if_modified<O>(
        &self,
        operation: O,
        validators: &Validators,
    ) -> Result<Conditional<ApiResponse<O::Response>>>
    where
        O: Operation + CallableWith<K>,
    {
        operation.validate()?;
        let url = self.operation_url(&operation)?;
        let mut outgoing = Outgoing::new(&operation, url, self.shared.config.flavor)?;
        outgoing.conditions = validators.conditions();
        let raw = self.execute::<O>(&outgoing).await?;
        if raw.status == 304 {
            let rate_limit = RateLimit::from_headers(&raw.headers);
            return Ok(Conditional::NotModified { headers: raw.headers, rate_limit });
        }
        decode_response::<O>(raw, operation.secret_properties()).map(Conditional::Modified)
    }

    /// [`execute`](Self::execute) through the response cache, if there is
    /// one and this is a `GET`: a cached answer is revalidated, and a `304`
    /// gives it back.
    pub(crate) async fn fetch<O: Operation>(&self, mut outgoing: Outgoing) -> Result<RawResponse> {
        let Some(cache) = self.shared.cache.as_ref().filter(|_| outgoing.method == Method::Get) else {
            return self.execute::<O>(&outgoing).await;
        };
        let accept = outgoing.accept.to_str().unwrap_or_default();
        let key = cache.key(Identity(&self.credential), outgoing.url.as_str(), accept);
        let cached = cache.get(&key);
        outgoing.conditions = cached.as_ref().map(|cached| cached.validators.conditions()).unwrap_or_default();
        let mut raw = self.execute::<O>(&outgoing).await?;
        match cached {
            Some(cached) if raw.status == 304 => {
                raw.status = cached.status;
                raw.body = cached.body.to_vec();
                raw.from_cache = true;
            }
            _ if (200..300).contains(&raw.status) => {
                let validators = Validators::from_headers(&raw.headers);
                if !validators.is_empty() {
                    let body = raw.body.clone().into();
                    cache.put(key, CachedResponse { validators, status: raw.status, body });
                }
            }
            _ => {}
        }
        Ok(raw)
    }

    pub(crate) fn operation_url<O: Operation>(&self, operation: &O) -> Result<Url> {
        let mut url = self.shared.api_root.clone();
        let path = format!("{}{}", url.path().trim_end_matches('/'), operation.path()?);
        url.set_path(&path);
        // `render_path` keeps every input one segment; this guards the
        // template itself: whatever URL normalisation would change is never sent.
        if url.path() != path {
            return Err(Error::Config(format!(
                "the path of {} would be normalised from {path:?} to {:?}",
                O::ID,
                url.path()
            )));
        }
        let query = operation.query();
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query.iter().map(|(k, v)| (k.as_ref(), v.as_str())));
        }
        Ok(url)
    }

    /// Whether `url` is under this client's API root (same scheme, host,
    /// port and path prefix): the only place credentials are sent.
    pub(crate) fn is_within_api_root(&self, url: &Url) -> bool {
        let root = &self.shared.api_root;
        let prefix = root.path().trim_end_matches('/');
        let under_prefix = match url.path().strip_prefix(prefix) {
            Some(rest) => prefix.is_empty() || rest.is_empty() || rest.starts_with('/'),
            None => false,
        };
        url.scheme() == root.scheme()
            && url.host_str() == root.host_str()
            && url.port_or_known_default() == root.port_or_known_default()
            && under_prefix
    }

    /// Sends operation `O` to `url` and returns the raw answer of any
    /// status, retrying as the client's [`retry`] policies allow: 5xx answers
    /// and transport failures for retry-safe operations, secondary rate
    /// limits for any.
    pub(crate) async fn execute<O: Operation>(&self, outgoing: &Outgoing) -> Result<RawResponse> {
        outgoing.span.instrument(self.execute_attempts::<O>(outgoing)).await
    }

    async fn execute_attempts<O: Operation>(&self, outgoing: &Outgoing) -> Result<RawResponse> {
        let config = &self.shared.config;
        let may_repeat = outgoing.method.is_idempotent() || O::RETRY_SAFE;
        let mut retries = 0u32;
        let mut secondary_retries = 0u32;
        loop {
            outgoing.span.attempt(1 + retries + secondary_retries);
            let result = self.execute_once::<O>(outgoing).await;
            if let Ok(raw) = &result {
                outgoing.span.answered(raw.status, &raw.headers);
            }
            let delay = match &result {
                Err(err) if may_repeat && retry::is_retryable_failure(err) => {
                    retries += 1;
                    config.retry.as_ref().and_then(|policy| policy.delay(retries, None))
                }
                Ok(raw) if may_repeat && retry::is_retryable_status(raw.status) => {
                    retries += 1;
                    let retry_after = crate::error::retry_after(&raw.headers);
                    config.retry.as_ref().and_then(|policy| policy.delay(retries, retry_after))
                }
                Ok(raw) => match retry::secondary_limit(raw.status, &raw.headers, &raw.body) {
                    Some(retry_after) => {
                        secondary_retries += 1;
                        config.secondary_rate_limit.as_ref().and_then(|policy| {
                            policy.delay(secondary_retries, retry_after, RateLimit::from_headers(&raw.headers).as_ref())
                        })
                    }
                    None => None,
                },
                Err(_) => None,
            };
            match delay {
                Some(delay) => config.sleeper.sleep(delay).await,
                None => return result,
            }
        }
    }

    /// Sends one request, following same-root redirects for safe methods.
    async fn execute_once<O: Operation>(&self, outgoing: &Outgoing) -> Result<RawResponse> {
        let Outgoing { method, accept, body, content_type, conditions, inputs, .. } = outgoing;
        let method = *method;
        let mut url = outgoing.url.clone();
        let mut redirects = 0u8;
        let mut retried_unauthorized = false;
        loop {
            if !self.is_within_api_root(&url) {
                return Err(Error::ForeignUrl(strip_query(&url)));
            }
            let schemes = match &self.credential {
                Credential::Schemes(credentials) => scheme_parts::<O>(credentials)?,
                _ => None,
            };
            // An API key that goes in the query joins this attempt's URL only.
            let mut target = url.clone();
            if let Some(parts) = schemes.as_ref().filter(|parts| !parts.query.is_empty()) {
                target.query_pairs_mut().extend_pairs(&parts.query);
            }
            let mut request = self
                .shared
                .http
                .request(method.to_reqwest(), target)
                .timeout(self.shared.config.timeout)
                .header(header::USER_AGENT, self.shared.user_agent.clone())
                .header(header::ACCEPT, accept.clone());
            if !conditions.is_empty() {
                request = request.headers(conditions.clone());
            }
            if !inputs.is_empty() {
                request = request.headers(inputs.clone());
            }
            let send_credential = K::KIND.is_some_and(|kind| O::SECURITY.accepts(kind));
            let mut authorization = None;
            if send_credential && let Some(sent) = self.credential.authorization().await? {
                request = request.header(header::AUTHORIZATION, sent.header.clone());
                authorization = Some(sent);
            }
            if let Some(parts) = schemes {
                request = request.headers(parts.headers);
            }
            if let Some(body) = body {
                request = request.header(header::CONTENT_TYPE, *content_type).body(body.clone());
            } else if matches!(method, Method::Put | Method::Post | Method::Patch) {
                request = request.header(header::CONTENT_LENGTH, "0");
            }
            let mut response = request.send().await.map_err(|err| self.classify_transport(err))?;
            let status = response.status().as_u16();
            let headers = std::mem::take(response.headers_mut());
            // A 401 means GitHub did nothing, so one more try is safe for any method.
            if status == 401
                && !retried_unauthorized
                && let Some(sent) = &authorization
                && self.credential.retry_unauthorized(sent, &headers).await
            {
                retried_unauthorized = true;
                continue;
            }
            if matches!(status, 301 | 302 | 307 | 308)
                && matches!(method, Method::Get | Method::Head)
                && redirects < self.shared.config.max_redirects
                && let Some(next) = redirect_target(&url, &headers)
                && self.is_within_api_root(&next)
            {
                redirects += 1;
                url = next;
                continue;
            }
            let body = self.read_body::<O>(response).await?;
            return Ok(RawResponse { url, status, headers, body, from_cache: false });
        }
    }

    /// Reads a body chunk by chunk, refusing one above the configured limit
    /// before it is buffered.
    async fn read_body<O: Operation>(&self, mut response: reqwest::Response) -> Result<Vec<u8>> {
        let limit = self.shared.config.max_response_bytes;
        let too_large = || Error::BodyTooLarge { operation: O::ID, limit };
        let declared = response.content_length().unwrap_or(0);
        if declared > limit as u64 {
            return Err(too_large());
        }
        let mut body = Vec::with_capacity(usize::try_from(declared).unwrap_or(0));
        while let Some(chunk) = response.chunk().await.map_err(|err| self.classify_transport(err))? {
            if body.len() + chunk.len() > limit {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }

    fn classify_transport(&self, err: reqwest::Error) -> Error {
        if err.is_timeout() { Error::Timeout(self.shared.config.timeout) } else { Error::transport(err) }
    }
}

impl Client<AppJwt> {
    /// A client for one installation of this app. Its token is created
    /// (with the app's JWT) on first use, cached, and replaced 5 minutes
    /// before it expires; see [`installation_with`](Client::installation_with)
    /// to limit the token or change the margin.
    pub fn installation(&self, installation_id: i64) -> InstallationClient {
        self.installation_with(installation_id, InstallationOptions::default())
    }

    /// Like [`installation`](Client::installation), with tokens limited to
    /// repositories or permissions, or a different refresh margin.
    pub fn installation_with(&self, installation_id: i64, options: InstallationOptions) -> InstallationClient {
        let Credential::App(signer) = &self.credential else {
            unreachable!("a Client<AppJwt> is only built with an app key")
        };
        let issuer: Arc<dyn IssueToken> = Arc::new(self.clone());
        let (store, sleeper) = (self.shared.token_store.clone(), self.shared.config.sleeper.clone());
        let tokens = InstallationTokens::new(issuer, signer.clone(), store, sleeper, installation_id, options);
        Client { shared: self.shared.clone(), credential: Credential::Installation(Arc::new(tokens)), kind: PhantomData }
    }
}

impl IssueToken for Client<AppJwt> {
    fn issue(&self, request: CreateInstallationToken) -> BoxFuture<'_, Result<IssuedToken>> {
        Box::pin(self.send(request))
    }
}

impl Client<InstallationToken> {
    /// The installation's current token, creating or refreshing it as a
    /// request would (for example to use it as a `git` password). It prints
    /// as `[REDACTED]`; [`Token::expose`] reads it.
    pub async fn access_token(&self) -> Result<Token> {
        match &self.credential {
            Credential::Installation(tokens) => Ok(tokens.current().await?.token),
            Credential::Token(token, _) => Ok(token.clone()),
            _ => unreachable!("a Client<InstallationToken> holds an installation token"),
        }
    }

    /// The installation's id, when this client creates its own tokens.
    pub fn installation_id(&self) -> Option<i64> {
        match &self.credential {
            Credential::Installation(tokens) => Some(tokens.installation_id()),
            _ => None,
        }
    }
}

fn redirect_target(current: &Url, headers: &HeaderMap) -> Option<Url> {
    let location = headers.get(header::LOCATION)?.to_str().ok()?;
    current.join(location).ok()
}

fn strip_query(url: &Url) -> String {
    let mut url = url.clone();
    url.set_query(None);
    url.set_fragment(None);
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// Turns a raw answer into the operation's response or a typed error.
///
/// Every 2xx goes to the operation's decoder, documented or not: an
/// operation with one success shape decodes any 2xx with it.
pub(crate) fn decode_response<O: Operation>(
    raw: RawResponse,
    secret_properties: &'static [&'static str],
) -> Result<ApiResponse<O::Response>> {
    let RawResponse { status, headers, body, from_cache, .. } = raw;
    if (200..300).contains(&status)
        && let Some(decoded) = O::decode(status, &body)
    {
        return match decoded {
            Ok(value) => Ok(ApiResponse { status, rate_limit: RateLimit::from_headers(&headers), headers, from_cache, value }),
            Err(source) => {
                let body = ResponseBody::new(body, secret_properties);
                Err(Error::Decode(Box::new(DecodeError::new(O::ID, status, headers, body, &source))))
            }
        };
    }
    Err(Error::from_response(O::ID, secret_properties, status, headers, body))
}

/// Decodes arbitrary bytes as operation `O`'s answer with `status`, for the
/// fuzz targets: it must return (a value or an error), never panic.
#[doc(hidden)]
pub fn decode_for_fuzzing<O: Operation>(status: u16, headers: HeaderMap, body: Vec<u8>) -> Result<O::Response> {
    let url = Url::parse(GITHUB_API).expect("the API root parses");
    let raw = RawResponse { url, status, headers, body, from_cache: false };
    decode_response::<O>(raw, O::SECRET_PROPERTIES).map(|response| response.value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_root_resolution_covers_enterprise_forms() {
        for (input, expected) in [
            ("https://api.github.com", "https://api.github.com/"),
            ("https://api.github.com/", "https://api.github.com/"),
            ("https://ghe.example.com", "https://ghe.example.com/api/v3"),
            ("https://ghe.example.com/", "https://ghe.example.com/api/v3"),
            ("https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3"),
            ("https://ghe.example.com/api/v3/", "https://ghe.example.com/api/v3"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080/api/v3"),
            ("https://api.octocorp.ghe.com", "https://api.octocorp.ghe.com/"),
            ("https://api.octocorp.ghe.com/", "https://api.octocorp.ghe.com/"),
            ("https://octocorp.ghe.com", "https://api.octocorp.ghe.com/"),
            ("https://API.Octocorp.GHE.com", "https://api.octocorp.ghe.com/"),
            ("https://ghe.com.example.org", "https://ghe.com.example.org/api/v3"),
        ] {
            assert_eq!(resolve_api_root(input).unwrap().as_str(), expected, "{input}");
        }
        for bad in ["ftp://host", "not a url", "https://user:pw@host", "https://host/?q=1"] {
            assert!(matches!(resolve_api_root(bad), Err(Error::Config(_))), "{bad}");
        }
    }
}
