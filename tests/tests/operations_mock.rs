//! Every operation of the spec, sent through the generated client to a mock
//! server on 127.0.0.1: the method, path, query, JSON body, `Accept` and
//! `Authorization` headers are asserted, and the spec's example for the
//! documented success status is served back and must decode to the same JSON.
//! The cases are generated from the spec's examples by `cargo xtask codegen`
//! (`tests/src/generated/github_apps_cases.rs`), so a new endpoint is tested
//! without editing this file.
//!
//! The base URL is the mock's root, so every path also goes through the
//! GitHub Enterprise `/api/v3` resolution.

use std::path::Path;

use github_apps::ClientBuilder;
use github_apps::operations::apps;
use github_apps_tests::cases::{Case, Credential};
use github_apps_tests::generated::github_apps_cases::cases;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const MACHINE_MAN: &str = "application/vnd.github.machine-man-preview+json";
const MACHINE_MAN_2016: &str = "application/vnd.github.machine-man-preview";
const USER_TOKEN: &str = "ghu_user_token_for_tests";
const INSTALLATION_TOKEN: &str = "ghs_installation_token_for_tests";
const CLIENT_ID: &str = "Iv1.8a61f9b3a7aba766";
const CLIENT_SECRET: &str = "1726be1638095a19edd134c77bde3aa2ece1e5d8";

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace")
}

/// The spec's example body for `status` of the operation at `path`/`method`.
fn spec_example(path: &str, method: &str, status: u16) -> Option<Value> {
    let text = std::fs::read_to_string(workspace().join("spec/openapi.yaml")).unwrap();
    let spec: Value = serde_yaml::from_str(&text).unwrap();
    let response = &spec["paths"][path][method]["responses"][status.to_string()];
    let example = &response["content"]["application/json"]["example"];
    (!example.is_null()).then(|| example.clone())
}

use github_apps_runtime::test_util as keys;

fn pem() -> String {
    keys::pkcs1().to_owned()
}

struct Clients {
    server: MockServer,
}

impl Clients {
    async fn start() -> Clients {
        Clients { server: MockServer::start().await }
    }

    fn builder(&self) -> ClientBuilder {
        ClientBuilder::new().base_url(self.server.uri())
    }

    fn app(&self) -> github_apps::AppClient {
        self.builder().app(1, pem()).unwrap()
    }

    fn installation(&self) -> github_apps::InstallationClient {
        self.builder().installation_token(INSTALLATION_TOKEN).unwrap()
    }

    fn user(&self) -> github_apps::UserClient {
        self.builder().user_token(USER_TOKEN).unwrap()
    }

    fn oauth_app(&self) -> github_apps::OAuthAppClient {
        self.builder().oauth_app(CLIENT_ID, CLIENT_SECRET).unwrap()
    }

    fn anonymous(&self) -> github_apps::AnonymousClient {
        self.builder().anonymous().unwrap()
    }
}

impl github_apps_tests::cases::Clients for Clients {
    fn app(&self) -> github_apps::AppClient {
        Clients::app(self)
    }
    fn installation(&self) -> github_apps::InstallationClient {
        Clients::installation(self)
    }
    fn user(&self) -> github_apps::UserClient {
        Clients::user(self)
    }
    fn oauth_app(&self) -> github_apps::OAuthAppClient {
        Clients::oauth_app(self)
    }
    fn anonymous(&self) -> github_apps::AnonymousClient {
        Clients::anonymous(self)
    }
}

/// Sends `case` through the client of its credential and asserts the
/// request the server received and the decoded response.
async fn check(clients: &Clients, case: &Case) {
    let id = case.id;
    assert_eq!(case.unsupported, None, "{id}: no case could be made from the spec's examples");
    clients.server.reset().await;
    let template = match case.response {
        Some(example) => ResponseTemplate::new(case.status).set_body_raw(example, "application/json"),
        None => ResponseTemplate::new(case.status),
    };
    Mock::given(any()).respond_with(template).expect(1).mount(&clients.server).await;

    let decoded = (case.send)(clients).await.unwrap_or_else(|err| panic!("{id}: {err}"));

    let requests = clients.server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{id}");
    let request = &requests[0];
    assert_eq!(request.method.as_str(), case.method, "{id}");
    assert_eq!(request.url.path(), format!("/api/v3{}", case.path), "{id}");
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected_query: Vec<(String, String)> =
        case.query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    assert_eq!(query, expected_query, "{id}");
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header("accept").as_deref(), Some(case.accept), "{id}");
    assert!(header("user-agent").is_some_and(|ua| ua.starts_with("github-apps-rs/")), "{id}");
    let authorization = header("authorization");
    match case.credential {
        Credential::Anonymous => assert_eq!(authorization, None, "{id}"),
        Credential::UserToken => assert_eq!(authorization, Some(format!("Bearer {USER_TOKEN}")), "{id}"),
        Credential::InstallationToken => {
            assert_eq!(authorization, Some(format!("Bearer {INSTALLATION_TOKEN}")), "{id}")
        }
        Credential::AppJwt => {
            let value = authorization.unwrap_or_else(|| panic!("{id}: no Authorization"));
            let jwt = value.strip_prefix("Bearer ").unwrap_or_else(|| panic!("{id}: {value}"));
            assert_eq!(jwt.split('.').count(), 3, "{id}: not a JWT");
        }
        Credential::OAuthAppBasic => {
            // base64("Iv1.8a61f9b3a7aba766:1726be1638095a19edd134c77bde3aa2ece1e5d8")
            let expected = "Basic SXYxLjhhNjFmOWIzYTdhYmE3NjY6MTcyNmJlMTYzODA5NWExOWVkZDEzNGM3N2JkZTNhYTJlY2UxZTVkOA==";
            assert_eq!(authorization.as_deref(), Some(expected), "{id}");
            assert!(!request.url.as_str().contains(CLIENT_SECRET), "{id}: the secret leaked into the URL");
        }
    }
    match case.body {
        Some(body) => {
            assert_eq!(header("content-type").as_deref(), Some("application/json"), "{id}");
            let sent: Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!(sent, serde_json::from_str::<Value>(body).unwrap(), "{id}");
        }
        None => assert!(request.body.is_empty(), "{id}: unexpected body"),
    }
    if case.compare_response {
        let example = case.response.map(|example| serde_json::from_str::<Value>(example).unwrap());
        assert_eq!(decoded, example.unwrap_or(Value::Null), "{id}: the response did not decode to the example");
    }
}

/// Every operation of the spec, as the generated cases make it from the
/// spec's examples: adding an endpoint to the spec adds its case.
#[tokio::test]
async fn every_operation_against_a_mock_server() {
    let clients = Clients::start().await;
    let cases = cases();
    for case in &cases {
        check(&clients, case).await;
    }
    let checked: std::collections::BTreeSet<&str> = cases.iter().map(|case| case.id).collect();
    assert_eq!(checked, spec_operation_ids(), "every operation of the spec is sent");
}

/// Answers every request with `status` and `body`, forgetting earlier requests.
async fn answer(c: &Clients, status: u16, body: Option<Value>) {
    c.server.reset().await;
    let response = ResponseTemplate::new(status);
    let response = match body {
        Some(body) => response.set_body_json(body),
        None => response,
    };
    Mock::given(any()).respond_with(response).mount(&c.server).await;
}

async fn received(c: &Clients) -> Vec<wiremock::Request> {
    c.server.received_requests().await.unwrap()
}

/// What the cases leave out: optional query inputs, opt-in previews, a
/// path input that needs encoding, and the other credentials an operation
/// accepts.
#[tokio::test]
async fn optional_inputs_and_other_credentials_reach_the_server() {
    let c = Clients::start().await;

    answer(&c, 200, Some(json!([]))).await;
    c.app().send(apps::ListInstallations::new().per_page(100).page(2)).await.unwrap();
    assert_eq!(received(&c).await[0].url.query(), Some("per_page=100&page=2"));

    answer(&c, 200, Some(json!({"total_count": 0, "repositories": []}))).await;
    let repos = apps::ListReposAccessibleToInstallation::new().per_page(50).with_mercy_preview();
    c.installation().send(repos).await.unwrap();
    let request = &received(&c).await[0];
    assert_eq!(request.url.query(), Some("per_page=50"));
    assert_eq!(
        request.headers["accept"],
        "application/vnd.github.machine-man-preview+json, application/vnd.github.mercy-preview+json"
    );

    answer(&c, 204, None).await;
    #[allow(deprecated)]
    let revoke = apps::RevokeGrantForApplication::new(CLIENT_ID, "gho_path token");
    c.oauth_app().send(revoke).await.unwrap();
    assert_eq!(received(&c).await[0].url.path(), "/api/v3/applications/Iv1.8a61f9b3a7aba766/grants/gho_path%20token");

    answer(&c, 200, spec_example("/apps/{app_slug}", "get", 200)).await;
    c.installation().send(apps::GetBySlug::new("octoapp")).await.unwrap();
    c.user().send(apps::GetBySlug::new("octoapp")).await.unwrap();
    let sent: Vec<String> =
        received(&c).await.iter().map(|r| r.headers["authorization"].to_str().unwrap().to_owned()).collect();
    assert_eq!(sent, [format!("Bearer {INSTALLATION_TOKEN}"), format!("Bearer {USER_TOKEN}")]);
}

fn spec_operation_ids() -> std::collections::BTreeSet<&'static str> {
    let text = std::fs::read_to_string(workspace().join("spec/openapi.yaml")).unwrap();
    let spec: Value = serde_yaml::from_str(&text).unwrap();
    let mut ids = std::collections::BTreeSet::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for operation in item.as_object().unwrap().values() {
            if let Some(id) = operation["operationId"].as_str() {
                ids.insert(&*Box::leak(id.to_owned().into_boxed_str()));
            }
        }
    }
    ids
}

#[tokio::test]
async fn group_methods_send_the_same_requests() {
    use github_apps::prelude::*;
    use wiremock::matchers::{header, method, path};

    let c = Clients::start().await;
    let installation = spec_example("/app/installations/{installation_id}", "get", 200).unwrap();
    Mock::given(method("GET"))
        .and(path("/api/v3/app/installations/42"))
        .and(header("accept", MACHINE_MAN))
        .respond_with(ResponseTemplate::new(200).set_body_json(&installation))
        .expect(1)
        .mount(&c.server)
        .await;
    let decoded = c.app().apps().get_installation(42).await.unwrap();
    assert_eq!(serde_json::to_value(decoded).unwrap(), installation);

    Mock::given(method("PUT"))
        .and(path("/api/v3/user/installations/42/repositories/1296269"))
        .and(header("authorization", format!("Bearer {USER_TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&c.server)
        .await;
    c.user().apps().add_repo_to_installation(42, 1296269).await.unwrap();

    let identity = spec_example("/integration/identity/user", "post", 200).unwrap();
    Mock::given(method("POST"))
        .and(path("/api/v3/integration/identity/user"))
        .and(header("accept", MACHINE_MAN_2016))
        .respond_with(ResponseTemplate::new(200).set_body_json(&identity))
        .expect(1)
        .mount(&c.server)
        .await;
    let decoded = c.app().integrations().request_user_identity().await.unwrap();
    assert_eq!(serde_json::to_value(decoded).unwrap(), identity);
}
