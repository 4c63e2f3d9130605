//! A raw request reaches an endpoint outside the spec with the client's
//! credential and `Accept`, pages through it, and fails like an operation.

use futures::TryStreamExt;
use github_apps::{ClientBuilder, Error, RawRequest};
use serde::Deserialize;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "ghs_raw_request_token_0000000000000000";

#[derive(Debug, Deserialize, PartialEq)]
struct Issue {
    number: u64,
}

#[tokio::test]
async fn a_raw_request_pages_through_an_endpoint_outside_the_spec_with_the_clients_credential() {
    let server = MockServer::start().await;
    let next = format!("{}/api/v3/repositories/1/issues?per_page=2&page=2", server.uri());
    Mock::given(method("GET"))
        .and(path("/api/v3/repos/octo%20cat/hello-world/issues"))
        .and(query_param("per_page", "2"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/vnd.github.v3+json"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"number": 1}, {"number": 2}]))
                .insert_header("link", format!("<{next}>; rel=\"next\"").as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/repositories/1/issues"))
        .and(query_param("page", "2"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"number": 3}])))
        .expect(1)
        .mount(&server)
        .await;
    let installation = ClientBuilder::new().base_url(server.uri()).installation_token(TOKEN).unwrap();
    let request = RawRequest::<Vec<Issue>>::get("/repos/{owner}/{repo}/issues")
        .param("owner", "octo cat")
        .param("repo", "hello-world")
        .query("per_page", 2);
    let issues: Vec<Issue> = installation.paginate(request).try_collect().await.unwrap();
    assert_eq!(issues, [Issue { number: 1 }, Issue { number: 2 }, Issue { number: 3 }]);
}

#[tokio::test]
async fn a_raw_request_sends_its_method_body_and_preview_and_fails_like_an_operation() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/repos/o/r/issues/1/labels"))
        .and(body_json(json!({"labels": ["bug"]})))
        .and(header("content-type", "application/json"))
        .and(header("authorization", "Bearer ghu_user"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"name": "bug"}])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v3/applications/abc/token"))
        .respond_with(ResponseTemplate::new(200).set_body_string(r#"{"token": "gho_leaked_if_printed", "id": "#))
        .mount(&server)
        .await;
    let user = ClientBuilder::new().base_url(server.uri()).user_token("ghu_user").unwrap();
    let symmetra = github_apps::runtime::operation::Preview {
        name: "symmetra",
        media_type: "application/vnd.github.symmetra-preview+json",
    };
    let labels: serde_json::Value = user
        .send(
            RawRequest::post("/repos/o/r/issues/1/labels")
                .json(&json!({"labels": ["bug"]}))
                .accept("application/vnd.github.v3+json")
                .preview(symmetra),
        )
        .await
        .unwrap();
    assert_eq!(labels[0]["name"], "bug");
    let sent = &server.received_requests().await.unwrap()[0];
    assert_eq!(sent.headers["accept"], "application/vnd.github.v3+json, application/vnd.github.symmetra-preview+json");

    // Refused before sending, as for operations.
    let err = user.send(RawRequest::<()>::get("/apps/{slug}").param("slug", "..")).await.unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
    // A body that does not decode keeps the status; declared secrets are masked.
    let err = user
        .send(RawRequest::<serde_json::Value>::post("/applications/abc/token").secret_properties(&["token"]))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert!(!format!("{err} {err:?}").contains("gho_leaked_if_printed"), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}
