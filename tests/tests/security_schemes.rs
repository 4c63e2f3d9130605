//! A description that is not GitHub's (the `security_schemes` fixture):
//! standard security schemes, sent by a `Schemes` client as the raw
//! request shows them, and none of GitHub's conventions (the server URL
//! as written, `Accept: application/json`).

mod raw_server;

use github_apps::{ClientBuilder, Error, SchemeCredentials};
use github_apps_tests::generated::security_schemes::{self as api, operations::meta, operations::pets};
use raw_server::{RawResponse, RawServer};

fn pet() -> RawResponse {
    RawResponse::json(200, r#"{"name": "Rex"}"#)
}

#[test]
fn the_base_url_is_the_first_server_with_its_defaults() {
    assert_eq!(api::BASE_URL, "https://eu.pets.example/v2");
    let client = api::client_builder().anonymous().unwrap();
    assert_eq!(client.api_root().as_str(), "https://eu.pets.example/v2");
}

#[tokio::test]
async fn a_combined_requirement_sends_every_scheme_of_it() {
    let server = RawServer::start(|_| pet()).await;
    let credentials = SchemeCredentials::new().api_key("key", "k-123").api_key("app", "a-456").bearer("oauth", "t-789");
    let client = ClientBuilder::generic(format!("{}/v2", server.uri())).schemes(credentials).unwrap();
    let found = client.send(pets::GetPet::new(7)).await.unwrap();
    assert_eq!(found.name, "Rex");
    let request = &server.requests()[0];
    // Key and app together are the first requirement: the OAuth token is not sent.
    assert_eq!(request.request_line, "GET /v2/pets/7?app_id=a-456 HTTP/1.1");
    assert_eq!(request.header("x-api-key"), Some("k-123"));
    assert_eq!(request.header("authorization"), None);
    assert_eq!(request.header("accept"), Some("application/json"));
}

#[tokio::test]
async fn the_next_requirement_serves_when_the_first_is_not_held() {
    let server = RawServer::start(|_| pet()).await;
    let credentials = SchemeCredentials::new().api_key("key", "k-123").bearer("oauth", "t-789");
    let client = ClientBuilder::generic(server.uri()).schemes(credentials).unwrap();
    client.send(pets::GetPet::new(7)).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.request_line, "GET /pets/7 HTTP/1.1");
    assert_eq!(request.header("authorization"), Some("Bearer t-789"));
    assert_eq!(request.header("x-api-key"), None, "half of a requirement is not sent");

    let client = ClientBuilder::generic(server.uri()).schemes(SchemeCredentials::new().api_key("session", "s-1")).unwrap();
    client.send(pets::AddPet::new()).await.unwrap();
    let request = &server.requests()[1];
    assert_eq!(request.header("cookie"), Some("sid=s-1"));
    let basic = ClientBuilder::generic(server.uri()).schemes(SchemeCredentials::new().basic("basic", "u", "p")).unwrap();
    basic.send(pets::AddPet::new()).await.unwrap();
    assert_eq!(server.requests()[2].header("authorization"), Some("Basic dTpw"));
}

#[tokio::test]
async fn missing_credentials_fail_before_sending_and_anonymous_access_needs_none() {
    let server = RawServer::start(|_| RawResponse { status: 204, headers: Vec::new(), body: Vec::new() }).await;
    let client = ClientBuilder::generic(server.uri()).schemes(SchemeCredentials::new().bearer("unrelated", "t")).unwrap();
    let err = client.send(pets::GetPet::new(7)).await.unwrap_err();
    assert!(matches!(err, Error::Config(_)), "{err:?}");
    assert_eq!(err.to_string(), "invalid configuration: pets/get-pet needs credentials for `key` and `app`, or `oauth`; the client holds none that meet them");
    assert!(server.requests().is_empty(), "a request without its credentials was sent");
    // `{}` among the requirements: anonymous access is allowed.
    client.send(meta::Health::new()).await.unwrap();
    let request = &server.requests()[0];
    assert_eq!(request.header("authorization"), None);
    // And an anonymous client may call it too (but not the others: that is
    // a compile-time check, see `Schemes`).
    ClientBuilder::generic(server.uri()).anonymous().unwrap().send(meta::Health::new()).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn scheme_credentials_never_print_their_values() {
    let credentials = SchemeCredentials::new().api_key("key", "k-123").basic("basic", "user", "pw-456");
    let client = ClientBuilder::generic("https://pets.example").schemes(credentials).unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("k-123") && !shown.contains("pw-456"), "{shown}");
}
