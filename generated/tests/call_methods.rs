//! The group method of an operation that is not a list returns a `Call`:
//! the request bound to the client, sent once when awaited, with optional
//! inputs set on the way by `.configure`.

use github_apps::ClientBuilder;
use github_apps::models::CreateInstallationAccessTokenRequest;
use github_apps::prelude::*;
use github_apps_runtime::test_util::pkcs1;
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = include_str!("fixtures/create-installation-access-token.json");

async fn serve_token(server: &MockServer, expected_body: serde_json::Value) {
    Mock::given(method("POST"))
        .and(path("/api/v3/app/installations/42/access_tokens"))
        .and(body_json(expected_body))
        .respond_with(ResponseTemplate::new(201).set_body_raw(TOKEN, "application/json"))
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_call_is_sent_once_when_awaited_with_what_configure_set() {
    let server = MockServer::start().await;
    serve_token(&server, json!({"repositories": ["hello-world"]})).await;
    let app = ClientBuilder::new().base_url(server.uri()).app(4242, pkcs1()).unwrap();

    let call = app.apps().create_installation_access_token(42).configure(|request| {
        let mut body = CreateInstallationAccessTokenRequest::default();
        body.repositories = Some(vec!["hello-world".to_owned()]);
        request.body(body)
    });
    assert_eq!(format!("{call:?}"), r#"Call { operation: "apps/create-installation-access-token", .. }"#);
    assert_eq!(server.received_requests().await.unwrap().len(), 0, "nothing is sent before the await");

    let token = call.await.unwrap();
    assert_eq!(token.expires_at.to_string(), "2016-07-11T22:14:10Z");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn with_response_keeps_the_status() {
    let server = MockServer::start().await;
    serve_token(&server, json!({"repositories": ["hello-world"]})).await;
    let app = ClientBuilder::new().base_url(server.uri()).app(4242, pkcs1()).unwrap();

    let mut body = CreateInstallationAccessTokenRequest::default();
    body.repositories = Some(vec!["hello-world".to_owned()]);
    let call = app.apps().create_installation_access_token(42).configure(|request| request.body(body));
    assert!(call.request().path().unwrap().ends_with("/42/access_tokens"));
    let response = call.with_response().await.unwrap();
    assert_eq!(response.status, 201);
    assert_eq!(response.value.repository_selection.map(|selection| selection.as_str().to_owned()).as_deref(), Some("selected"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
