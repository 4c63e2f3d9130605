//! `options` operations (the `options_method` fixture description), as the
//! raw request a server receives shows them: sent as `OPTIONS`, the answer
//! decoded like any other method's, and retried after a 503 like `GET`,
//! because the method is idempotent.

mod raw_server;

use std::time::Duration;

use github_apps::{ClientBuilder, RetryPolicy};
use github_apps::runtime::operation::{Method, Operation};
use github_apps_tests::generated::options_method::operations::things;
use raw_server::{RawResponse, RawServer};

#[tokio::test]
async fn an_options_operation_is_sent_as_options() {
    let server = RawServer::start(|_| RawResponse {
        status: 200,
        headers: vec![("content-type".into(), "application/json".into())],
        body: br#"{"methods":["GET","OPTIONS"]}"#.to_vec(),
    })
    .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let allowed = client.send(things::Allowed::new(7)).await.unwrap();
    assert_eq!(allowed.methods, ["GET", "OPTIONS"]);

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].request_line, "OPTIONS /things/7 HTTP/1.1");
}

#[tokio::test]
async fn an_options_operation_is_retried_like_get() {
    let answers = std::sync::atomic::AtomicUsize::new(0);
    let server = RawServer::start(move |_| match answers.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
        0 => RawResponse { status: 503, headers: Vec::new(), body: Vec::new() },
        _ => RawResponse {
            status: 200,
            headers: vec![("content-type".into(), "application/json".into())],
            body: br#"{"methods":[]}"#.to_vec(),
        },
    })
    .await;
    let retry = RetryPolicy::new().max_attempts(2).initial_backoff(Duration::from_millis(1)).jitter(false);
    let client = ClientBuilder::generic(server.uri()).retry(retry).anonymous().unwrap();
    assert_eq!(things::Allowed::METHOD, Method::Options);
    let allowed = client.send(things::Allowed::new(7)).await.unwrap();
    assert!(allowed.methods.is_empty());
    let lines: Vec<String> = server.requests().into_iter().map(|request| request.request_line).collect();
    assert_eq!(lines, ["OPTIONS /things/7 HTTP/1.1", "OPTIONS /things/7 HTTP/1.1"]);
}
