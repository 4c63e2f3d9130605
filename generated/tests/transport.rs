//! Bringing your own HTTP client: a `reqwest::ClientBuilder` (proxies,
//! roots, default headers) completed with the crate's own settings, or a
//! finished `reqwest::Client`. Seen from a local server.

use github_apps::operations::apps;
use github_apps::reqwest;
use github_apps::{ClientBuilder, Error};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use github_apps_runtime::test_util as keys;

async fn serve_app(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/api/v3/apps/octoapp"))
        .and(header("x-proxy-tag", "from-the-callers-client"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 1, "slug": "octoapp", "name": "Octo", "node_id": "x", "owner": null, "description": null, "external_url": "https://x", "html_url": "https://x", "created_at": "2017-07-08T16:18:44-04:00", "updated_at": "2017-07-08T16:18:44-04:00", "permissions": {}, "events": []})))
        .mount(server)
        .await;
}

fn tagged() -> reqwest::header::HeaderMap {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-proxy-tag", reqwest::header::HeaderValue::from_static("from-the-callers-client"));
    headers
}

#[tokio::test]
async fn a_reqwest_builder_keeps_its_settings_and_gets_the_crates_redirect_rules() {
    let server = MockServer::start().await;
    serve_app(&server).await;
    Mock::given(method("GET"))
        .and(path("/api/v3/app"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "http://elsewhere.invalid/app"))
        .mount(&server)
        .await;
    let builder = ClientBuilder::new()
        .base_url(server.uri())
        .reqwest_builder(reqwest::Client::builder().default_headers(tagged()).redirect(reqwest::redirect::Policy::limited(10)));
    let anonymous = builder.anonymous().unwrap();
    let app = anonymous.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    assert_eq!(app.slug.as_deref(), Some("octoapp"));
    // A second client from the same builder shares the built reqwest client.
    let user = builder.user_token("ghu_x").unwrap();
    user.send(apps::GetBySlug::new("octoapp")).await.unwrap();

    // The caller's redirect policy was replaced: a redirect to another host
    // is returned, not followed.
    let pem = keys::pkcs1();
    let err = builder.app(1, pem).unwrap().send(apps::GetAuthenticated::new()).await.unwrap_err();
    let Error::Redirect(redirect) = &err else { panic!("{err:?}") };
    assert_eq!(redirect.location.as_deref(), Some("http://elsewhere.invalid/app"));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.headers["user-agent"].to_str().unwrap().starts_with("github-apps-rs/")));
}

#[tokio::test]
async fn a_reqwest_client_is_used_as_it_is() {
    let server = MockServer::start().await;
    serve_app(&server).await;
    let client = reqwest::Client::builder().default_headers(tagged()).build().unwrap();
    let anonymous =
        ClientBuilder::new().base_url(server.uri()).user_agent("my-app/1.0").reqwest_client(client).anonymous().unwrap();
    anonymous.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers["user-agent"], "my-app/1.0");
}
