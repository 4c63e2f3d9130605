//! Success statuses the spec does not list: GitHub's documents and servers
//! drift (the manifest conversion is documented 200 and answered 201), so an
//! operation with one success shape decodes any 2xx with it. An operation
//! whose success statuses have different shapes has none for an unlisted
//! 2xx, which stays `UnexpectedStatus` with its status and body.

use std::path::Path;

use github_apps::operations::apps;
use github_apps::{ClientBuilder, Error};
use github_apps_tests::generated::credentials;
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../generated/tests/fixtures").join(name);
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// The test key, generated per test binary (no private key is checked in).
use github_apps_runtime::test_util as keys;

fn pem() -> String {
    keys::pkcs1().to_owned()
}

#[tokio::test]
async fn the_manifest_conversion_answered_201_hands_over_its_credentials() {
    let example = fixture("create-from-manifest.json");
    for status in [201, 200] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/v3/app-manifests/a1b2c3/conversions"))
            .respond_with(ResponseTemplate::new(status).set_body_json(&example))
            .expect(1)
            .mount(&server)
            .await;
        let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();
        let created = client.send_with_response(apps::CreateFromManifest::new("a1b2c3")).await.unwrap();
        assert_eq!(created.status, status);
        assert_eq!(created.value.client_secret.expose_secret(), example["client_secret"].as_str().unwrap());
        assert_eq!(created.value.pem.expose_secret(), example["pem"].as_str().unwrap());
        assert_eq!(Some(created.value.id), example["id"].as_i64());
    }
}

#[tokio::test]
async fn any_2xx_decodes_with_the_one_success_shape() {
    let installation = fixture("list-installations.json")[0].clone();
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/app/installations/1"))
        .respond_with(ResponseTemplate::new(203).set_body_json(&installation))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/api/v3/user/installations/1/repositories/2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"unexpected": "body"})))
        .mount(&server)
        .await;
    let builder = ClientBuilder::new().base_url(server.uri());
    let app = builder.app(1, pem()).unwrap();
    let got = app.send_with_response(apps::GetInstallation::new(1)).await.unwrap();
    assert_eq!((got.status, got.value.id), (203, 1));
    // Documented as 204 without a body; a 200 is the same success.
    let user = builder.user_token("ghu_x").unwrap();
    let added = user.send_with_response(apps::AddRepoToInstallation::new(1, 2)).await.unwrap();
    assert_eq!(added.status, 200);
}

#[tokio::test]
async fn an_unlisted_2xx_of_an_operation_with_several_success_shapes_stays_unexpected() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(202).set_body_string(r#"{"queued":true}"#))
        .expect(1)
        .mount(&server)
        .await;
    let app = ClientBuilder::new().base_url(server.uri()).app(1, pem()).unwrap();
    let body = credentials::models::CreateTokenRequest::new("n");
    let err = app.send(credentials::operations::creds::CreateToken::new(body)).await.unwrap_err();
    let Error::UnexpectedStatus(unexpected) = &err else { panic!("{err:?}") };
    assert_eq!((unexpected.status, unexpected.body.expose_raw()), (202, &br#"{"queued":true}"#[..]));
    assert_eq!(err.to_string(), "unexpected 202 response to creds/create-token");
}
