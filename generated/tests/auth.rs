//! Credentials against mock servers on 127.0.0.1: the exact `Authorization`
//! header of every kind, app JWTs decoded with the test key's public half,
//! JWT reuse and clock-drift recovery, installation tokens created, cached,
//! refreshed on a controllable clock and refreshed once for many concurrent
//! requests, 401 retries, and credentials kept away from other hosts.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use futures::future::BoxFuture;
use github_apps::models::{AppPermissions, CheckTokenRequest, PermissionReadWrite};
use github_apps::operations::apps;
use github_apps::runtime::retry::Sleeper;
use github_apps::runtime::auth::{MemoryTokenStore, TokenKey, TokenStore};
use github_apps::{Clock, ClientBuilder, Error, InstallationOptions, ManualClock};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Match, Mock, MockServer, Request, Respond, ResponseTemplate};

use github_apps_runtime::test_util as keys;
use keys::{pkcs1, pkcs8, public};

const APP_ID: u64 = 4242;
/// 2023-11-14T22:13:20Z: the local clock of most tests.
const T0: u64 = 1_700_000_000;
const TOKENS_PATH: &str = "/api/v3/app/installations/7/access_tokens";
const REPOS_PATH: &str = "/api/v3/installation/repositories";

fn at(unix: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(unix)
}

#[derive(Debug, Deserialize, PartialEq, Eq)]
struct Claims {
    iat: i64,
    exp: i64,
    iss: String,
}

/// Verifies an `Authorization: Bearer <jwt>` value with the public key and
/// returns its claims (expiry is checked by the tests against their own clock).
fn jwt_claims(authorization: &str) -> Claims {
    let jwt = authorization.strip_prefix("Bearer ").unwrap_or_else(|| panic!("not a bearer value: {authorization}"));
    let header = jsonwebtoken::decode_header(jwt).unwrap();
    assert_eq!(header.alg, Algorithm::RS256);
    let mut validation = Validation::new(Algorithm::RS256);
    validation.validate_exp = false;
    validation.set_required_spec_claims(&["iat", "exp", "iss"]);
    validation.set_issuer(&[APP_ID.to_string()]);
    let key = DecodingKey::from_rsa_pem(public().as_bytes()).unwrap();
    jsonwebtoken::decode::<Claims>(jwt, &key, &validation).unwrap().claims
}

fn authorization(request: &Request) -> Option<String> {
    request.headers.get("authorization").map(|value| value.to_str().unwrap().to_owned())
}

async fn requests_to(server: &MockServer, method_name: &str, path_name: &str) -> Vec<Request> {
    let all = server.received_requests().await.unwrap();
    all.into_iter().filter(|r| r.method.as_str() == method_name && r.url.path() == path_name).collect()
}

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn rfc3339(time: SystemTime) -> String {
    time::OffsetDateTime::from(time).format(&time::format_description::well_known::Rfc3339).unwrap()
}

fn builder(server: &MockServer, clock: &ManualClock) -> ClientBuilder {
    ClientBuilder::new().base_url(server.uri()).clock(clock.clone())
}

/// Answers the create-installation-token operation with `ghs_token_<n>`,
/// valid for an hour from the clock's now, after `delay`.
struct TokenIssuer {
    clock: ManualClock,
    issued: AtomicUsize,
    delay: Duration,
}

impl TokenIssuer {
    fn new(clock: &ManualClock) -> TokenIssuer {
        TokenIssuer { clock: clock.clone(), issued: AtomicUsize::new(0), delay: Duration::ZERO }
    }
}

impl Respond for TokenIssuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let expires_at = self.clock.now() + Duration::from_secs(3600);
        ResponseTemplate::new(201)
            .set_body_json(json!({
                "token": format!("ghs_token_{n}"),
                "expires_at": rfc3339(expires_at),
                "permissions": {"metadata": "read"},
                "repository_selection": "all",
            }))
            .set_delay(self.delay)
    }
}

async fn mount_token_issuer(server: &MockServer, issuer: TokenIssuer) {
    Mock::given(method("POST")).and(path(TOKENS_PATH)).respond_with(issuer).mount(server).await;
}

async fn mount_empty_repos(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total_count": 0, "repositories": []})))
        .mount(server)
        .await;
}

/// Records the waits of the retry paths instead of sleeping.
#[derive(Debug, Default, Clone)]
struct RecordingSleeper(Arc<Mutex<Vec<Duration>>>);

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

// ---------------------------------------------------------------- app JWT

#[tokio::test]
async fn app_jwt_is_rs256_with_github_claims_from_pkcs1_and_pkcs8_keys() {
    for pem in [pkcs1(), pkcs8()] {
        let server = MockServer::start().await;
        let clock = ManualClock::new(at(T0));
        Mock::given(method("DELETE"))
            .and(path("/api/v3/app/installations/7"))
            .respond_with(ResponseTemplate::new(204))
            .expect(1)
            .mount(&server)
            .await;
        let app = builder(&server, &clock).app(APP_ID, pem).unwrap();
        app.send(apps::DeleteInstallation::new(7)).await.unwrap();

        let requests = server.received_requests().await.unwrap();
        let claims = jwt_claims(&authorization(&requests[0]).unwrap());
        assert_eq!(claims, Claims { iat: T0 as i64 - 60, exp: T0 as i64 + 540, iss: APP_ID.to_string() });
    }
}

#[test]
fn keys_that_cannot_sign_are_refused_when_the_client_is_built() {
    for bad in [public(), "", "-----BEGIN RSA PRIVATE KEY-----\nMIIBOg==\n-----END RSA PRIVATE KEY-----\n"] {
        let err = ClientBuilder::new().app(APP_ID, bad).unwrap_err();
        assert!(matches!(err, Error::Auth(github_apps::AuthError::InvalidPrivateKey)), "{err:?}");
    }
}

#[tokio::test]
async fn the_jwt_is_reused_until_a_minute_before_it_expires() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    Mock::given(method("DELETE")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();

    app.send(apps::DeleteInstallation::new(1)).await.unwrap();
    clock.advance(Duration::from_secs(7 * 60));
    app.send(apps::DeleteInstallation::new(2)).await.unwrap();
    clock.advance(Duration::from_secs(60));
    app.send(apps::DeleteInstallation::new(3)).await.unwrap();

    let sent: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| authorization(r).unwrap()).collect();
    assert_eq!(sent[0], sent[1], "a JWT with 2 minutes left is reused");
    assert_ne!(sent[1], sent[2], "a JWT with 1 minute left is replaced");
    assert_eq!(jwt_claims(&sent[2]).iat, (T0 + 8 * 60) as i64 - 60);
}

/// Answers 204 when the request's JWT is valid at `server_now`, else 401;
/// every answer carries `Date: server_now`.
struct ServerClock {
    server_now: u64,
}

impl Respond for ServerClock {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let claims = jwt_claims(&authorization(request).unwrap());
        let now = self.server_now as i64;
        let status = if claims.iat <= now && now < claims.exp && claims.exp - now <= 600 { 204 } else { 401 };
        ResponseTemplate::new(status)
            .insert_header("date", httpdate::fmt_http_date(at(self.server_now)).as_str())
            .set_body_json(json!({"message": "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires."}))
    }
}

#[tokio::test]
async fn a_jwt_expired_on_the_servers_clock_is_re_signed_from_its_date_header() {
    for server_offset in [3 * 3600_i64, -3600] {
        let server = MockServer::start().await;
        let clock = ManualClock::new(at(T0));
        let server_now = (T0 as i64 + server_offset) as u64;
        Mock::given(method("DELETE")).respond_with(ServerClock { server_now }).mount(&server).await;
        let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();

        app.send(apps::DeleteInstallation::new(7)).await.unwrap();

        let sent: Vec<Claims> =
            server.received_requests().await.unwrap().iter().map(|r| jwt_claims(&authorization(r).unwrap())).collect();
        assert_eq!(sent.len(), 2, "one retry");
        assert_eq!(sent[0].iat, T0 as i64 - 60);
        assert_eq!(sent[1].iat, server_now as i64 - 60, "signed on the server's clock");
        assert_eq!(sent[1].exp, server_now as i64 + 540);

        // The offset is kept: the next JWT is right the first time.
        clock.advance(Duration::from_secs(3600));
        server.reset().await;
        let later = server_now + 3600;
        Mock::given(method("DELETE")).respond_with(ServerClock { server_now: later }).mount(&server).await;
        app.send(apps::DeleteInstallation::new(7)).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 1);
        assert_eq!(jwt_claims(&authorization(&requests[0]).unwrap()).iat, later as i64 - 60);
    }
}

#[tokio::test]
async fn a_401_to_a_jwt_valid_on_the_servers_clock_is_not_retried() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    Mock::given(method("DELETE"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("date", httpdate::fmt_http_date(at(T0 + 5)).as_str())
                .set_body_json(json!({"message": "A JSON web token could not be decoded"})),
        )
        .mount(&server)
        .await;
    let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();
    let err = app.send(apps::DeleteInstallation::new(7)).await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

/// Always 401, with a `Date` an hour further ahead at every answer, so
/// every JWT looks expired: the client must still stop after one retry.
struct RunawayServerClock(AtomicUsize);

impl Respond for RunawayServerClock {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.0.fetch_add(1, Ordering::SeqCst) as u64 + 1;
        ResponseTemplate::new(401).insert_header("date", httpdate::fmt_http_date(at(T0 + n * 3600)).as_str())
    }
}

#[tokio::test]
async fn clock_drift_is_retried_only_once() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    Mock::given(method("DELETE")).respond_with(RunawayServerClock(AtomicUsize::new(0))).mount(&server).await;
    let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();
    let err = app.send(apps::DeleteInstallation::new(7)).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn the_app_sends_no_jwt_where_the_operation_does_not_accept_it() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    Mock::given(method("GET"))
        .and(path("/api/v3/apps/octoapp"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("get-by-slug.json")))
        .mount(&server)
        .await;
    let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();
    app.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    assert_eq!(authorization(&server.received_requests().await.unwrap()[0]), None);
}

// ------------------------------------------------------ installation tokens

#[tokio::test]
async fn an_installation_token_is_created_with_the_jwt_cached_and_sent_as_bearer() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    mount_empty_repos(&server).await;
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);
    assert_eq!(installation.installation_id(), Some(7));

    for _ in 0..3 {
        installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    }

    let posts = requests_to(&server, "POST", TOKENS_PATH).await;
    assert_eq!(posts.len(), 1, "the token is cached");
    assert_eq!(jwt_claims(&authorization(&posts[0]).unwrap()).iss, APP_ID.to_string());
    assert!(posts[0].body.is_empty(), "no restrictions, no body: {:?}", String::from_utf8_lossy(&posts[0].body));
    let gets = requests_to(&server, "GET", REPOS_PATH).await;
    assert_eq!(gets.len(), 3);
    for get in &gets {
        assert_eq!(authorization(get).as_deref(), Some("Bearer ghs_token_1"));
    }
    assert_eq!(installation.access_token().await.unwrap().expose(), "ghs_token_1");
}

#[tokio::test]
async fn installation_tokens_can_be_limited_to_repositories_and_permissions() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    mount_empty_repos(&server).await;
    let permissions =
        AppPermissions::new().contents(PermissionReadWrite::Read);
    let options = InstallationOptions::new()
        .repository_ids([1296269, 42])
        .repositories(["Hello-World"])
        .permissions(permissions);
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation_with(7, options);
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();

    let posts = requests_to(&server, "POST", TOKENS_PATH).await;
    let body: Value = serde_json::from_slice(&posts[0].body).unwrap();
    assert_eq!(
        body,
        json!({"repository_ids": [1296269, 42], "repositories": ["Hello-World"], "permissions": {"contents": "read"}})
    );
    assert_eq!(posts[0].headers.get("content-type").unwrap(), "application/json");
}

#[tokio::test]
async fn the_token_is_refreshed_before_it_expires_on_a_controlled_clock() {
    for (margin, fresh_until) in [(None, 55 * 60), (Some(Duration::from_secs(10 * 60)), 50 * 60)] {
        let server = MockServer::start().await;
        let clock = ManualClock::new(at(T0));
        mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
        mount_empty_repos(&server).await;
        let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();
        let installation = match margin {
            None => app.installation(7),
            Some(margin) => app.installation_with(7, InstallationOptions::new().refresh_margin(margin)),
        };
        let send = || installation.send(apps::ListReposAccessibleToInstallation::new());

        send().await.unwrap();
        clock.set(at(T0 + fresh_until - 1));
        send().await.unwrap();
        assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 1, "still fresh 1 s before the margin");
        clock.set(at(T0 + fresh_until));
        send().await.unwrap();
        assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 2, "refreshed at the margin");

        let sent: Vec<Option<String>> = requests_to(&server, "GET", REPOS_PATH).await.iter().map(authorization).collect();
        let expected = ["Bearer ghs_token_1", "Bearer ghs_token_1", "Bearer ghs_token_2"];
        assert_eq!(sent, expected.map(|s| Some(s.to_owned())));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn twenty_concurrent_requests_with_a_stale_token_make_one_token_request() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    let issuer = TokenIssuer { delay: Duration::from_millis(200), ..TokenIssuer::new(&clock) };
    mount_token_issuer(&server, issuer).await;
    mount_empty_repos(&server).await;
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);

    for (round, stale_at) in [(1, T0), (2, T0 + 3600)] {
        clock.set(at(stale_at));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let installation = installation.clone();
                tokio::spawn(async move { installation.send(apps::ListReposAccessibleToInstallation::new()).await })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), round, "round {round}");
        let gets = requests_to(&server, "GET", REPOS_PATH).await;
        assert_eq!(gets.len(), 20 * round);
        let expected = format!("Bearer ghs_token_{round}");
        assert!(gets[20 * (round - 1)..].iter().all(|get| authorization(get).as_deref() == Some(expected.as_str())));
    }
}

/// 401 for the first `failures` answers, then an empty repository list.
struct FlakyRepos {
    failures: usize,
    seen: AtomicUsize,
}

impl Respond for FlakyRepos {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.seen.fetch_add(1, Ordering::SeqCst) < self.failures {
            ResponseTemplate::new(401).set_body_json(json!({"message": "Bad credentials"}))
        } else {
            ResponseTemplate::new(200).set_body_json(json!({"total_count": 0, "repositories": []}))
        }
    }
}

#[tokio::test]
async fn a_401_seconds_after_the_token_was_created_is_retried_once_after_a_delay() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    let sleeper = RecordingSleeper::default();
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(FlakyRepos { failures: 1, seen: AtomicUsize::new(0) })
        .mount(&server)
        .await;
    let installation = builder(&server, &clock).sleeper(Arc::new(sleeper.clone())).app(APP_ID, pkcs1()).unwrap().installation(7);

    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();

    let gets = requests_to(&server, "GET", REPOS_PATH).await;
    assert_eq!(gets.len(), 2);
    assert!(gets.iter().all(|get| authorization(get).as_deref() == Some("Bearer ghs_token_1")));
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 1, "the same token is retried");
    assert_eq!(*sleeper.0.lock().unwrap(), [Duration::from_secs(1)]);
}

#[tokio::test]
async fn replication_lag_is_retried_only_once() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(FlakyRepos { failures: usize::MAX, seen: AtomicUsize::new(0) })
        .mount(&server)
        .await;
    let options = InstallationOptions::new().replication_retry_delay(Duration::ZERO);
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation_with(7, options);
    let err = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(requests_to(&server, "GET", REPOS_PATH).await.len(), 2);
}

#[tokio::test]
async fn a_401_to_an_older_token_is_not_retried_but_the_token_is_replaced() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(FlakyRepos { failures: 2, seen: AtomicUsize::new(0) })
        .mount(&server)
        .await;
    let options = InstallationOptions::new().replication_retry_delay(Duration::ZERO);
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation_with(7, options);
    installation.access_token().await.unwrap();
    clock.advance(Duration::from_secs(60));

    let err = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(requests_to(&server, "GET", REPOS_PATH).await.len(), 1, "a minute-old token's 401 is final");

    // The revoked token was dropped: the next request creates a new one (and,
    // that token being brand new, rides out one more 401).
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 2);
    let last = requests_to(&server, "GET", REPOS_PATH).await.pop().unwrap();
    assert_eq!(authorization(&last).as_deref(), Some("Bearer ghs_token_2"));
}

#[tokio::test]
async fn a_failed_token_exchange_is_the_api_error_of_that_operation() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    Mock::given(method("POST"))
        .and(path(TOKENS_PATH))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"})))
        .mount(&server)
        .await;
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);
    let err = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    let Error::InstallationToken(token) = &err else { panic!("{err:?}") };
    assert_eq!(token.installation_id, 7);
    let Error::Api(api) = &*token.source else { panic!("{err:?}") };
    assert_eq!((api.operation, api.status), ("apps/create-installation-access-token", 404));
    assert_eq!((err.status(), err.as_api_error().map(|api| api.operation)), (Some(404), Some(api.operation)));
    assert_eq!(
        err.to_string(),
        "no token for installation 7: apps/create-installation-access-token answered 404: Not Found"
    );
    assert!(requests_to(&server, "GET", REPOS_PATH).await.is_empty(), "nothing is sent without a token");
}

#[tokio::test]
async fn a_static_installation_token_is_sent_as_is_and_never_refreshed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(FlakyRepos { failures: usize::MAX, seen: AtomicUsize::new(0) })
        .mount(&server)
        .await;
    let installation = ClientBuilder::new().base_url(server.uri()).installation_token("ghs_static").unwrap();
    assert_eq!(installation.installation_id(), None);
    let err = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "no token exchange, no retry");
    assert_eq!(authorization(&requests[0]).as_deref(), Some("Bearer ghs_static"));
}

// ------------------------------------------------ OAuth app, user, anonymous

#[tokio::test]
async fn the_oauth_app_sends_basic_auth_and_never_puts_its_secret_in_the_url() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/applications/Iv1.8a61f9b3a7aba766/token"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"})))
        .mount(&server)
        .await;
    let oauth = ClientBuilder::new()
        .base_url(server.uri())
        .oauth_app("Iv1.8a61f9b3a7aba766", "1726be1638095a19edd134c77bde3aa2ece1e5d8")
        .unwrap();
    let body = CheckTokenRequest::new("gho_16C7e42F292c6912E7710c838347Ae178B4a");
    let err = oauth.send(apps::CheckToken::new("Iv1.8a61f9b3a7aba766", body)).await.unwrap_err();
    assert_eq!(err.status(), Some(404));

    let request = &server.received_requests().await.unwrap()[0];
    // base64("Iv1.8a61f9b3a7aba766:1726be1638095a19edd134c77bde3aa2ece1e5d8")
    assert_eq!(
        authorization(request).as_deref(),
        Some("Basic SXYxLjhhNjFmOWIzYTdhYmE3NjY6MTcyNmJlMTYzODA5NWExOWVkZDEzNGM3N2JkZTNhYTJlY2UxZTVkOA==")
    );
    assert_eq!(request.url.query(), None);
    assert!(!request.url.as_str().contains("1726be16"));
    assert_eq!(
        serde_json::from_slice::<Value>(&request.body).unwrap(),
        json!({"access_token": "gho_16C7e42F292c6912E7710c838347Ae178B4a"})
    );
}

#[tokio::test]
async fn a_user_token_is_sent_as_bearer_and_anonymous_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/user/installations"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total_count": 0, "installations": []})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/apps/octoapp"))
        .respond_with(ResponseTemplate::new(200).set_body_json(fixture("get-by-slug.json")))
        .mount(&server)
        .await;
    let builder = ClientBuilder::new().base_url(format!("{}/api/v3/", server.uri()));
    let user = builder.user_token("ghu_16C7e42F292c6912E7710c838347Ae178B4a").unwrap();
    user.send(apps::ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    user.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    let installation = builder.installation_token("ghs_static").unwrap();
    installation.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    let anonymous = builder.anonymous().unwrap();
    let app = anonymous.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    assert_eq!(app.slug.as_deref(), Some("octoapp"));

    let sent: Vec<Option<String>> = server.received_requests().await.unwrap().iter().map(authorization).collect();
    let user_bearer = Some("Bearer ghu_16C7e42F292c6912E7710c838347Ae178B4a".to_owned());
    assert_eq!(sent, [user_bearer.clone(), user_bearer, Some("Bearer ghs_static".to_owned()), None]);
}

// ------------------------------------------------------ hosts and redirects

/// Records whether any request reached it, and with which `Authorization`.
struct Collect(Arc<Mutex<Vec<Option<String>>>>);

impl Match for Collect {
    fn matches(&self, request: &Request) -> bool {
        self.0.lock().unwrap().push(authorization(request));
        true
    }
}

#[tokio::test]
async fn credentials_never_follow_a_redirect_to_another_host() {
    let api = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let reached = Arc::new(Mutex::new(Vec::new()));
    Mock::given(Collect(reached.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total_count": 0, "repositories": []})))
        .mount(&elsewhere)
        .await;
    // Same host, other port: another origin all the same.
    let location = format!("{}/api/v3/installation/repositories", elsewhere.uri());
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(ResponseTemplate::new(307).insert_header("location", location.as_str()))
        .mount(&api)
        .await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&api, TokenIssuer::new(&clock)).await;

    let static_token = ClientBuilder::new().base_url(api.uri()).installation_token("ghs_static").unwrap();
    let app_installation = builder(&api, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);
    for result in [
        static_token.send(apps::ListReposAccessibleToInstallation::new()).await,
        app_installation.send(apps::ListReposAccessibleToInstallation::new()).await,
    ] {
        let err = result.unwrap_err();
        assert_eq!(err.status(), Some(307), "{err:?}");
        assert!(!format!("{err} {err:?}").contains("ghs_"), "{err:?}");
    }
    assert!(reached.lock().unwrap().is_empty(), "the other host was contacted: {:?}", reached.lock().unwrap());
    assert_eq!(requests_to(&api, "GET", REPOS_PATH).await.len(), 2);
}

#[tokio::test]
async fn credentials_never_follow_a_link_header_to_another_host() {
    use futures::TryStreamExt;

    let api = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let reached = Arc::new(Mutex::new(Vec::new()));
    Mock::given(Collect(reached.clone()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total_count": 0, "repositories": []})))
        .mount(&elsewhere)
        .await;
    let next = format!("<{}/api/v3/installation/repositories?page=2>; rel=\"next\"", elsewhere.uri());
    Mock::given(method("GET"))
        .and(path(REPOS_PATH))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("link", next.as_str())
                .set_body_json(fixture("list-repos-accessible-to-installation.json")),
        )
        .mount(&api)
        .await;
    let installation = ClientBuilder::new().base_url(api.uri()).installation_token("ghs_static").unwrap();
    let mut repos = installation.paginate(apps::ListReposAccessibleToInstallation::new());
    let first = repos.try_next().await.unwrap().unwrap();
    assert_eq!(first.full_name, "octocat/Hello-World");
    let err = loop {
        match repos.try_next().await {
            Ok(Some(_)) => continue,
            Ok(None) => panic!("the foreign next page was followed silently"),
            Err(err) => break err,
        }
    };
    assert!(matches!(err, Error::ForeignUrl(_)), "{err:?}");
    assert!(reached.lock().unwrap().is_empty(), "the other host was contacted: {:?}", reached.lock().unwrap());
}

#[tokio::test]
async fn an_enterprise_base_url_in_any_form_reaches_the_api_v3_root_with_credentials() {
    let server = MockServer::start().await;
    mount_empty_repos(&server).await;
    for base in [server.uri(), format!("{}/", server.uri()), format!("{}/api/v3", server.uri())] {
        let installation = ClientBuilder::new().base_url(&base).installation_token("ghs_static").unwrap();
        assert_eq!(installation.api_root().as_str(), format!("{}/api/v3", server.uri()), "{base}");
        installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    }
    let gets = requests_to(&server, "GET", REPOS_PATH).await;
    assert_eq!(gets.len(), 3);
    assert!(gets.iter().all(|get| authorization(get).as_deref() == Some("Bearer ghs_static")));
}

// ------------------------------------------------- failed token refreshes

/// Answers the token request with 500 after `delay`, counting the requests.
struct FailingIssuer {
    delay: Duration,
}

impl Respond for FailingIssuer {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        ResponseTemplate::new(500).set_body_json(json!({"message": "Server Error"})).set_delay(self.delay)
    }
}

async fn twenty_concurrent_sends(installation: &github_apps::InstallationClient) -> Vec<Result<(), Error>> {
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let installation = installation.clone();
            tokio::spawn(async move { installation.send(apps::ListReposAccessibleToInstallation::new()).await.map(drop) })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_token_request_is_sent_once_and_its_error_shared_by_every_waiter() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    Mock::given(method("POST"))
        .and(path(TOKENS_PATH))
        .respond_with(FailingIssuer { delay: Duration::from_millis(200) })
        .mount(&server)
        .await;
    mount_empty_repos(&server).await;
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);

    let results = twenty_concurrent_sends(&installation).await;
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 1, "one token request for 20 callers");
    for result in &results {
        let err = result.as_ref().unwrap_err();
        assert_eq!(err.status(), Some(500), "{err}");
        assert_eq!(err.to_string(), "no token for installation 7: apps/create-installation-access-token answered 500: Server Error");
    }
    // The 20 errors are one error, shared.
    let sources: Vec<_> = results
        .iter()
        .map(|result| match result {
            Err(Error::InstallationToken(token)) => Arc::as_ptr(&token.source),
            other => panic!("{other:?}"),
        })
        .collect();
    assert!(sources.iter().all(|source| *source == sources[0]));

    // Within the backoff nothing is sent; after it, one new attempt.
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 1, "no request within the backoff");
    clock.advance(Duration::from_secs(1));
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 2, "one attempt after 1 s");
    // The wait doubles after each failure in a row: 2 s now.
    clock.advance(Duration::from_millis(1999));
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 2, "still within the 2 s backoff");
    clock.advance(Duration::from_millis(1));
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 3);
    assert!(requests_to(&server, "GET", REPOS_PATH).await.is_empty(), "nothing is sent without a token");
}

/// The first token request succeeds (valid for an hour); every later one
/// answers 500 until `recover_after` of them have failed.
struct IssuerThatFails {
    clock: ManualClock,
    seen: AtomicUsize,
    recover_after: usize,
}

impl Respond for IssuerThatFails {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.seen.fetch_add(1, Ordering::SeqCst);
        if n == 0 || n > self.recover_after {
            let expires_at = self.clock.now() + Duration::from_secs(3600);
            ResponseTemplate::new(201).set_body_json(json!({"token": format!("ghs_token_{}", n + 1), "expires_at": rfc3339(expires_at)}))
        } else {
            ResponseTemplate::new(500).set_body_json(json!({"message": "Server Error"})).set_delay(Duration::from_millis(100))
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_early_refresh_keeps_using_the_still_valid_token() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    let issuer = IssuerThatFails { clock: clock.clone(), seen: AtomicUsize::new(0), recover_after: 2 };
    Mock::given(method("POST")).and(path(TOKENS_PATH)).respond_with(issuer).mount(&server).await;
    mount_empty_repos(&server).await;
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();

    // Two minutes before it expires the token is due for refresh (margin 5 min), and the refresh fails.
    clock.set(at(T0 + 3600 - 120));
    let results = twenty_concurrent_sends(&installation).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 2, "one failed refresh for 20 callers");
    let gets = requests_to(&server, "GET", REPOS_PATH).await;
    assert_eq!(gets.len(), 21);
    assert!(gets.iter().all(|get| authorization(get).as_deref() == Some("Bearer ghs_token_1")));

    // The next attempt waits for the backoff (1 s), fails again, then 2 s, then succeeds.
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 2);
    clock.advance(Duration::from_secs(1));
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 3);
    clock.advance(Duration::from_secs(2));
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 4);
    let last = requests_to(&server, "GET", REPOS_PATH).await.pop().unwrap();
    assert_eq!(authorization(&last).as_deref(), Some("Bearer ghs_token_4"), "the refreshed token is used");

    // A token that has (almost) expired is not used: the shared error is returned instead.
    let server = MockServer::start().await;
    let issuer = IssuerThatFails { clock: clock.clone(), seen: AtomicUsize::new(0), recover_after: usize::MAX };
    Mock::given(method("POST")).and(path(TOKENS_PATH)).respond_with(issuer).mount(&server).await;
    mount_empty_repos(&server).await;
    let installation = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    clock.advance(Duration::from_secs(3600 - 30));
    let err = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests_to(&server, "GET", REPOS_PATH).await.len(), 1, "an expiring token is not sent");
}

// ------------------------------------------------------- shared token store

#[tokio::test]
async fn two_clients_sharing_a_token_store_make_one_token_request() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    mount_empty_repos(&server).await;
    let store: Arc<dyn TokenStore> = Arc::new(MemoryTokenStore::new());
    // Two app clients built separately, as two replicas of one App would be.
    let replica = |store: &Arc<dyn TokenStore>| {
        builder(&server, &clock).token_store(store.clone()).app(APP_ID, pkcs1()).unwrap().installation(7)
    };
    let (first, second) = (replica(&store), replica(&store));
    first.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    second.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 1, "one token between them");
    let sent: Vec<_> = requests_to(&server, "GET", REPOS_PATH).await.iter().map(authorization).collect();
    assert_eq!(sent, [Some("Bearer ghs_token_1".to_owned()), Some("Bearer ghs_token_1".to_owned())]);

    // A client with a store of its own creates its own token; tokens with
    // other limits are other entries of the shared store.
    let alone = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap().installation(7);
    alone.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    let limited = builder(&server, &clock)
        .token_store(store.clone())
        .app(APP_ID, pkcs1())
        .unwrap()
        .installation_with(7, InstallationOptions::new().repository_ids([1296269]));
    limited.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 3);

    // The store holds what a replica needs: the token, its expiry and its scope.
    let key = TokenKey { app_id: APP_ID.to_string(), installation_id: 7, scope: "{}".into() };
    let stored = store.get(&key).await.expect("the unrestricted token is stored");
    assert_eq!(stored.token.expose(), "ghs_token_1");
    assert_eq!(stored.expires_at, at(T0 + 3600));
    assert_eq!(key.to_string(), "github-app-token:4242:7:{}");
    assert!(!format!("{stored:?} {store:?}").contains("ghs_token"), "the store prints no token");
}

#[tokio::test]
async fn installation_clients_of_one_app_client_share_its_tokens() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(at(T0));
    mount_token_issuer(&server, TokenIssuer::new(&clock)).await;
    mount_empty_repos(&server).await;
    let app = builder(&server, &clock).app(APP_ID, pkcs1()).unwrap();
    app.installation(7).send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    app.installation(7).send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    assert_eq!(requests_to(&server, "POST", TOKENS_PATH).await.len(), 1);
}
