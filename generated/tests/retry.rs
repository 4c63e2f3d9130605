//! Retries against a local server: backoff on 5xx and broken connections
//! for idempotent or retry-safe operations only, secondary rate limits
//! waited out within the configured bounds, primary limits never waited
//! for. Waiting goes through a recording sleeper, so no test sleeps for real
//! (except one that checks the Tokio sleeper with millisecond delays).

mod pagination_common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use github_apps::operations::apps::{CheckToken, ListInstallationsForAuthenticatedUser, ResetToken};
use github_apps::runtime::auth::{CredentialKind, OAuthAppBasic};
use github_apps::runtime::operation::{CallableWith, Method, Preview, Security};
use github_apps::{ApiErrorKind, Error, Operation, RateLimitKind, RetryPolicy, SecondaryRateLimitPolicy, Sleeper};
use pagination_common::{TOKEN, builder};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Records each requested delay and returns at once.
#[derive(Debug, Default)]
struct RecordingSleeper(Mutex<Vec<Duration>>);

impl RecordingSleeper {
    fn delays(&self) -> Vec<Duration> {
        self.0.lock().unwrap().clone()
    }
}

impl Sleeper for RecordingSleeper {
    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        self.0.lock().unwrap().push(duration);
        Box::pin(async {})
    }
}

/// `{"access_token": ...}`, built through serde so the test does not
/// depend on how the model holds the secret.
fn token_body<T: serde::de::DeserializeOwned>() -> T {
    serde_json::from_value(json!({"access_token": "gho_token"})).unwrap()
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

fn exact_backoff() -> RetryPolicy {
    RetryPolicy::new().max_attempts(3).initial_backoff(ms(100)).max_backoff(ms(1000)).jitter(false)
}

fn installations() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"total_count": 2, "installations": []}))
}

fn server_error(status: u16) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(json!({"message": "Server Error"}))
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

/// A POST that the operation declares safe to repeat.
#[derive(Debug, Clone)]
struct IdempotentPost;

impl Operation for IdempotentPost {
    type Response = ();
    type Body = ();
    const ID: &'static str = "test/idempotent-post";
    const METHOD: Method = Method::Post;
    const PATH_TEMPLATE: &'static str = "/applications/{client_id}/token";
    const REQUIRED_PREVIEWS: &'static [Preview] = &[];
    const OPTIONAL_PREVIEWS: &'static [Preview] = &[];
    const SECURITY: Security = Security { anonymous: false, credentials: &[CredentialKind::OAuthAppBasic] };
    const DEPRECATION: Option<&'static str> = None;
    const DOCUMENTED_STATUSES: &'static [u16] = &[204];
    const RETRY_SAFE: bool = true;

    const SECRET_PROPERTIES: &'static [&'static str] = &[];

    fn path(&self) -> Result<String, github_apps::runtime::operation::InvalidInput> {
        Ok("/applications/Iv1.abc/token".into())
    }
    fn query(&self) -> Vec<github_apps::runtime::operation::QueryPair> {
        Vec::new()
    }
    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        Ok(Some(b"{\"access_token\":\"x\"}".to_vec()))
    }
    fn decode(status: u16, body: &[u8]) -> Option<Result<(), serde_json::Error>> {
        (status == 204).then(|| github_apps::runtime::operation::decode_json(body))
    }
}

impl CallableWith<OAuthAppBasic> for IdempotentPost {}

#[tokio::test]
async fn server_errors_are_retried_with_exponential_backoff() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(server_error(503)).up_to_n_times(2).mount(&server).await;
    Mock::given(method("GET")).respond_with(installations()).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri()).retry(exact_backoff()).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();

    let response = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    assert_eq!(response.total_count, 2);
    assert_eq!(sleeper.delays(), vec![ms(100), ms(200)]);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn retries_stop_after_max_attempts_with_the_last_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(server_error(502)).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri()).retry(exact_backoff()).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();

    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    assert_eq!((err.status(), err.api_kind()), (Some(502), Some(ApiErrorKind::Server)));
    assert_eq!(requests(&server).await, 3);
    assert_eq!(sleeper.delays().len(), 2);
}

#[tokio::test]
async fn nothing_is_retried_without_a_policy() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(server_error(503)).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn not_implemented_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(server_error(501)).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri()).retry(exact_backoff()).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();
    assert_eq!(client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err().status(), Some(501));
    assert_eq!((requests(&server).await, sleeper.delays().len()), (1, 0));
}

#[tokio::test]
async fn post_and_patch_are_retried_only_when_declared_safe() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).respond_with(server_error(500)).mount(&server).await;
    Mock::given(method("PATCH")).respond_with(server_error(500)).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client =
        builder(&server.uri()).retry(exact_backoff()).sleeper(sleeper.clone()).oauth_app("Iv1.abc", "secret").unwrap();

    const { assert!(!CheckToken::RETRY_SAFE && !ResetToken::RETRY_SAFE) };
    let err = client.send(CheckToken::new("Iv1.abc", token_body())).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await, 1, "a POST that is not retry-safe is sent once");
    let err = client.send(ResetToken::new("Iv1.abc", token_body())).await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await, 2, "a PATCH that is not retry-safe is sent once");
    assert!(sleeper.delays().is_empty());

    server.reset().await;
    Mock::given(method("POST")).respond_with(server_error(500)).up_to_n_times(1).mount(&server).await;
    Mock::given(method("POST")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    client.send(IdempotentPost).await.unwrap();
    assert_eq!(requests(&server).await, 2, "a retry-safe POST is retried");
    let bodies: Vec<_> = server.received_requests().await.unwrap().into_iter().map(|r| r.body).collect();
    assert_eq!(bodies[0], bodies[1], "the retry sends the same body");
}

#[tokio::test]
async fn retry_after_on_a_server_error_replaces_the_backoff() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(server_error(503).insert_header("retry-after", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(installations()).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri()).retry(exact_backoff()).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();
    client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    assert_eq!(sleeper.delays(), vec![Duration::ZERO]);
}

/// Accepts connections on 127.0.0.1: the first `broken` are closed with a
/// reset (SO_LINGER 0) without answering, later ones get `body` as a 200.
async fn flaky_server(broken: usize, body: &'static str) -> (String, Arc<Mutex<usize>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    let accepted = Arc::new(Mutex::new(0usize));
    let counter = accepted.clone();
    tokio::spawn(async move {
        // Bounded: the test makes a handful of connections at most.
        for _ in 0..16 {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let n = {
                let mut count = counter.lock().unwrap();
                *count += 1;
                *count
            };
            let mut request = vec![0u8; 4096];
            let _ = socket.read(&mut request).await;
            if n <= broken {
                let socket = socket.into_std().unwrap();
                socket2_reset(socket);
                continue;
            }
            let response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = socket.write_all(response.as_bytes()).await;
            let _ = socket.shutdown().await;
        }
    });
    (uri, accepted)
}

/// Closes a socket with RST instead of FIN.
fn socket2_reset(socket: std::net::TcpStream) {
    let socket = tokio::net::TcpStream::from_std(socket).unwrap();
    #[allow(deprecated)] // set_linger is deprecated only because closing may block; a zero linger does not.
    socket.set_linger(Some(Duration::ZERO)).unwrap();
    drop(socket);
}

#[tokio::test]
async fn reset_connections_are_retried_for_idempotent_requests() {
    let (uri, accepted) = flaky_server(2, r#"{"total_count": 5, "installations": []}"#).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&uri).retry(exact_backoff()).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();
    let response = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    assert_eq!(response.total_count, 5);
    assert_eq!(*accepted.lock().unwrap(), 3);
    assert_eq!(sleeper.delays(), vec![ms(100), ms(200)]);
}

#[tokio::test]
async fn reset_connections_are_not_retried_for_a_post() {
    let (uri, accepted) = flaky_server(1, "{}").await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&uri).retry(exact_backoff()).sleeper(sleeper.clone()).oauth_app("Iv1.abc", "s").unwrap();
    let err = client.send(CheckToken::new("Iv1.abc", token_body())).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(*accepted.lock().unwrap(), 1);
    assert!(sleeper.delays().is_empty());
}

#[tokio::test]
async fn timeouts_are_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(installations().set_delay(Duration::from_secs(3)))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(installations()).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri())
        .timeout(ms(300))
        .retry(exact_backoff())
        .sleeper(sleeper.clone())
        .user_token(TOKEN)
        .unwrap();
    client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    assert_eq!(sleeper.delays(), vec![ms(100)]);
}

fn secondary_message() -> ResponseTemplate {
    ResponseTemplate::new(403).set_body_json(json!({
        "message": "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
        "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#secondary-rate-limits"
    }))
}

#[tokio::test]
async fn secondary_limits_are_waited_out_by_the_opt_in_policy() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(secondary_message()).up_to_n_times(1).mount(&server).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "7"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).respond_with(installations()).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri())
        .secondary_rate_limit(SecondaryRateLimitPolicy::new())
        .sleeper(sleeper.clone())
        .user_token(TOKEN)
        .unwrap();

    client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    // GitHub's guidance: a minute without Retry-After, else what it says.
    assert_eq!(sleeper.delays(), vec![Duration::from_secs(60), Duration::from_secs(7)]);
    assert_eq!(requests(&server).await, 3);
}

#[tokio::test]
async fn secondary_limits_respect_max_wait_and_max_attempts() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).insert_header("retry-after", "600"))
        .mount(&server)
        .await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let policy = SecondaryRateLimitPolicy::new().max_wait(Duration::from_secs(120));
    let client = builder(&server.uri()).secondary_rate_limit(policy).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    let Error::RateLimited(limited) = &err else { panic!("{err:?}") };
    assert_eq!((limited.kind, limited.retry_after), (RateLimitKind::Secondary, Some(Duration::from_secs(600))));
    assert_eq!(requests(&server).await, 1, "a wait above max_wait is not attempted");
    assert!(sleeper.delays().is_empty());

    server.reset().await;
    Mock::given(method("GET")).respond_with(secondary_message()).mount(&server).await;
    let policy = SecondaryRateLimitPolicy::new().max_attempts(4).default_wait(ms(5));
    let client = builder(&server.uri()).secondary_rate_limit(policy).sleeper(sleeper.clone()).user_token(TOKEN).unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    assert!(matches!(&err, Error::RateLimited(limited) if limited.kind == RateLimitKind::Secondary), "{err:?}");
    assert_eq!(requests(&server).await, 4);
    assert_eq!(sleeper.delays(), vec![ms(5); 3]);
}

#[tokio::test]
async fn secondary_limits_are_retried_for_a_post_because_github_did_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST")).respond_with(server_error(500)).mount(&server).await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri())
        .secondary_rate_limit(SecondaryRateLimitPolicy::new())
        .retry(exact_backoff())
        .sleeper(sleeper.clone())
        .oauth_app("Iv1.abc", "secret")
        .unwrap();
    let err = client.send(CheckToken::new("Iv1.abc", token_body())).await.unwrap_err();
    // Retried after the secondary limit, but the 500 after it is not.
    assert_eq!(err.status(), Some(500));
    assert_eq!(requests(&server).await, 2);
    assert_eq!(sleeper.delays(), vec![Duration::from_secs(1)]);
}

#[tokio::test]
async fn primary_limits_are_never_waited_for() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403)
                .set_body_json(json!({"message": "API rate limit exceeded"}))
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "1700000000"),
        )
        .mount(&server)
        .await;
    let sleeper = Arc::new(RecordingSleeper::default());
    let client = builder(&server.uri())
        .secondary_rate_limit(SecondaryRateLimitPolicy::new())
        .retry(exact_backoff())
        .sleeper(sleeper.clone())
        .user_token(TOKEN)
        .unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    let Error::RateLimited(limited) = &err else { panic!("{err:?}") };
    assert_eq!(limited.kind, RateLimitKind::Primary);
    assert_eq!(limited.reset().unwrap().unix_timestamp(), 1_700_000_000);
    assert_eq!((requests(&server).await, sleeper.delays().len()), (1, 0));
}

#[tokio::test]
async fn the_default_sleeper_waits_on_the_tokio_timer() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(server_error(500)).up_to_n_times(2).mount(&server).await;
    Mock::given(method("GET")).respond_with(installations()).mount(&server).await;
    let policy = RetryPolicy::new().max_attempts(3).initial_backoff(ms(2)).max_backoff(ms(10));
    let client = builder(&server.uri()).retry(policy).user_token(TOKEN).unwrap();
    let sent = tokio::time::timeout(Duration::from_secs(10), client.send(ListInstallationsForAuthenticatedUser::new()));
    assert_eq!(sent.await.expect("no hang").unwrap().total_count, 2);
    assert_eq!(requests(&server).await, 3);
}
