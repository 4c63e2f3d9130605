//! Header parameters (the `header_parameters` fixture), as the raw request
//! a server receives shows them: a scalar as its text, an array joined
//! with `,`, an absent optional header not sent, bounds checked before
//! sending, and the `Authorization` and `Accept` parameters ignored (the
//! client sets those headers).

mod raw_server;

use github_apps::{ClientBuilder, Error};
use github_apps_tests::generated::header_parameters::operations::repos::CreateDispatchEvent;
use raw_server::{RawResponse, RawServer};

#[tokio::test]
async fn headers_arrive_as_the_spec_declares_them() {
    let server = RawServer::start(|_| RawResponse { status: 204, headers: Vec::new(), body: Vec::new() }).await;
    let client = ClientBuilder::new().base_url(server.uri()).user_token("ghu_secret").unwrap();
    let request = CreateDispatchEvent::new("octo", "hello", "2022-11-28")
        .x_request_tags(vec!["a".into(), "b c".into()])
        .x_retry_count(3);
    client.send(request).await.unwrap();
    client.send(CreateDispatchEvent::new("octo", "hello", "2022-11-28")).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].request_line, "POST /api/v3/repos/octo/hello/dispatches HTTP/1.1");
    assert_eq!(requests[0].header("x-github-api-version"), Some("2022-11-28"));
    assert_eq!(requests[0].header("x-request-tags"), Some("a,b c"));
    assert_eq!(requests[0].header("x-retry-count"), Some("3"));
    // `security: []`: the client's credential is not sent, and the ignored
    // `Authorization` parameter adds none.
    assert_eq!(requests[0].header("authorization"), None);
    assert_eq!(requests[0].header("accept"), Some("application/vnd.github.v3+json"));
    // Absent optional headers are not sent at all.
    assert_eq!(requests[1].header("x-github-api-version"), Some("2022-11-28"));
    assert_eq!(requests[1].header("x-request-tags"), None);
    assert_eq!(requests[1].header("x-retry-count"), None);
}

#[tokio::test]
async fn a_bad_header_value_is_refused_before_sending() {
    let server = RawServer::start(|_| RawResponse { status: 204, headers: Vec::new(), body: Vec::new() }).await;
    let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();

    let err = client.send(CreateDispatchEvent::new("o", "r", "2022-11-28\r\nX-Injected: 1")).await.unwrap_err();
    let Error::InvalidInput(invalid) = &err else { panic!("{err:?}") };
    assert_eq!((invalid.operation, invalid.name), ("repos/create-dispatch-event", "X-GitHub-Api-Version"));
    assert_eq!(err.to_string(), "invalid input `X-GitHub-Api-Version` of repos/create-dispatch-event: is not a valid header value");

    let err = client.send(CreateDispatchEvent::new("o", "r", "v").x_retry_count(6)).await.unwrap_err();
    assert_eq!(err.to_string(), "invalid input `X-Retry-Count` of repos/create-dispatch-event: must be between 0 and 5, got 6");
    assert!(server.requests().is_empty(), "a refused request reached the server");
}

#[test]
fn the_reserved_header_parameters_are_not_inputs() {
    use github_apps::runtime::operation::Operation;
    let names: Vec<&str> = CreateDispatchEvent::PARAMS.iter().map(|param| param.name).collect();
    assert_eq!(names, ["owner", "repo", "X-GitHub-Api-Version", "X-Request-Tags", "X-Retry-Count"]);
}
