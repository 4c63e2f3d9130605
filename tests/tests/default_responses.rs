//! `default` responses (the `default_response` fixture): an operation that
//! documents no 2xx decodes any 2xx with its `default` shape (or as `()`
//! when it has none); with a 2xx documented, `default` is the errors' and a
//! failure keeps its body as sent.

use github_apps::{ClientBuilder, Error};
use github_apps_tests::generated::default_response::operations::meta;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_default_shape_decodes_any_success() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/zen"))
        .respond_with(ResponseTemplate::new(203).set_body_json(serde_json::json!({"text": "Keep it logically awesome."})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v3/ping"))
        .respond_with(ResponseTemplate::new(202).set_body_string("queued"))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();
    let zen = client.send(meta::GetZen::new()).await.unwrap();
    assert_eq!(zen.text, "Keep it logically awesome.");
    // No shape: whatever body a success has is not decoded.
    client.send(meta::Ping::new()).await.unwrap();
}

#[tokio::test]
async fn with_a_success_documented_default_is_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/octocat"))
        .respond_with(ResponseTemplate::new(418).set_body_json(serde_json::json!({"message": "I'm a teapot"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();
    let err = client.send(meta::GetOctocat::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(418));
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.message.as_deref(), Some("I'm a teapot"));
    assert_eq!(api.body.expose_raw(), br#"{"message":"I'm a teapot"}"#);
}
