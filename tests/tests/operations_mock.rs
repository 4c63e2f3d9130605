//! Every operation of the spec, sent through the generated client to a mock
//! server on 127.0.0.1: the method, path, query, JSON body, `Accept` and
//! `Authorization` headers are asserted, and the spec's example for the
//! documented success status is served back and must decode to the same JSON.
//!
//! The base URL is the mock's root, so every path also goes through the
//! GitHub Enterprise `/api/v3` resolution.

use std::path::Path;

use github_apps::operations::{apps, integrations};
use github_apps::runtime::operation::CallableWith;
use github_apps::{Client, ClientBuilder, Operation};
use serde::Serialize;
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

/// What the server must receive.
struct Expected {
    method: &'static str,
    path: &'static str,
    query: &'static [(&'static str, &'static str)],
    body: Option<Value>,
    accept: &'static str,
    authorization: Authorization,
    status: u16,
}

enum Authorization {
    None,
    Bearer(&'static str),
    /// An RS256 JWT (its claims are checked in the runtime's own tests).
    AppJwt,
    Basic,
}

/// The test key, generated per test binary (no private key is checked in).
#[path = "../../generated/tests/keys/mod.rs"]
mod keys;

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

/// Sends `operation` through `client` and asserts the request and the decoded response.
async fn check<K, O>(clients: &Clients, client: Client<K>, operation: O, expected: Expected)
where
    K: github_apps::runtime::auth::ClientCredential,
    O: Operation + CallableWith<K>,
    O::Response: Serialize,
{
    clients.server.reset().await;
    let example = spec_example(expected.path, &expected.method.to_lowercase(), expected.status);
    let template = match &example {
        Some(example) => ResponseTemplate::new(expected.status).set_body_json(example),
        None => ResponseTemplate::new(expected.status),
    };
    Mock::given(any()).respond_with(template).expect(1).mount(&clients.server).await;

    let response = client.send(operation).await.unwrap_or_else(|err| panic!("{}: {err}", O::ID));

    let requests = clients.server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "{}", O::ID);
    let request = &requests[0];
    let id = O::ID;
    assert_eq!(request.method.as_str(), expected.method, "{id}");
    // The template with the test's values substituted.
    let mut path = expected.path.to_owned();
    for (name, value) in PATH_VALUES {
        path = path.replace(&format!("{{{name}}}"), value);
    }
    assert_eq!(request.url.path(), format!("/api/v3{path}"), "{id}");
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected_query: Vec<(String, String)> =
        expected.query.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    assert_eq!(query, expected_query, "{id}");
    let header = |name: &str| request.headers.get(name).map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(header("accept").as_deref(), Some(expected.accept), "{id}");
    assert!(header("user-agent").is_some_and(|ua| ua.starts_with("github-apps-rs/")), "{id}");
    let authorization = header("authorization");
    match expected.authorization {
        Authorization::None => assert_eq!(authorization, None, "{id}"),
        Authorization::Bearer(token) => assert_eq!(authorization, Some(format!("Bearer {token}")), "{id}"),
        Authorization::AppJwt => {
            let value = authorization.unwrap_or_else(|| panic!("{id}: no Authorization"));
            let jwt = value.strip_prefix("Bearer ").unwrap_or_else(|| panic!("{id}: {value}"));
            assert_eq!(jwt.split('.').count(), 3, "{id}: not a JWT");
        }
        Authorization::Basic => {
            // base64("Iv1.8a61f9b3a7aba766:1726be1638095a19edd134c77bde3aa2ece1e5d8")
            let expected = "Basic SXYxLjhhNjFmOWIzYTdhYmE3NjY6MTcyNmJlMTYzODA5NWExOWVkZDEzNGM3N2JkZTNhYTJlY2UxZTVkOA==";
            assert_eq!(authorization.as_deref(), Some(expected), "{id}");
            assert!(!request.url.as_str().contains(CLIENT_SECRET), "{id}: the secret leaked into the URL");
        }
    }
    match &expected.body {
        Some(body) => {
            assert_eq!(header("content-type").as_deref(), Some("application/json"), "{id}");
            let sent: Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!(&sent, body, "{id}");
        }
        None => assert!(request.body.is_empty(), "{id}: unexpected body"),
    }
    let decoded = serde_json::to_value(&response).unwrap();
    match example {
        Some(example) => assert_eq!(decoded, example, "{id}: the response did not decode to the example"),
        None => assert_eq!(decoded, Value::Null, "{id}"),
    }
}

const PATH_VALUES: &[(&str, &str)] = &[
    ("code", "a%2Fb"),
    ("installation_id", "42"),
    ("app_slug", "octoapp"),
    ("org", "github"),
    ("owner", "octocat"),
    ("repo", "Hello-World"),
    ("username", "octocat"),
    ("client_id", CLIENT_ID),
    ("access_token", "gho_path%20token"),
    ("content_reference_id", "7"),
    ("repository_id", "1296269"),
];

fn body<T: serde::de::DeserializeOwned>(value: &Value) -> T {
    serde_json::from_value(value.clone()).unwrap()
}

#[tokio::test]
async fn every_operation_against_a_mock_server() {
    use Authorization::{AppJwt, Basic, Bearer, None as NoAuth};
    let c = Clients::start().await;
    let mut checked = std::collections::BTreeSet::new();
    macro_rules! case {
        ($client:expr, $operation:expr, $method:literal $path:literal, query $query:expr, body $body:expr, accept $accept:expr, auth $auth:expr, status $status:literal) => {{
            let operation = $operation;
            checked.insert(id_of(&operation));
            check(
                &c,
                $client,
                operation,
                Expected {
                    method: $method,
                    path: $path,
                    query: $query,
                    body: $body,
                    accept: $accept,
                    authorization: $auth,
                    status: $status,
                },
            )
            .await;
        }};
    }

    // App (JWT) operations.
    case!(c.app(), apps::GetAuthenticated::new(), "GET" "/app", query &[], body None, accept MACHINE_MAN, auth AppJwt, status 200);
    case!(c.app(), apps::ListInstallations::new().per_page(100).page(2), "GET" "/app/installations",
        query &[("per_page", "100"), ("page", "2")], body None, accept MACHINE_MAN, auth AppJwt, status 200);
    case!(c.app(), apps::GetInstallation::new(42), "GET" "/app/installations/{installation_id}",
        query &[], body None, accept MACHINE_MAN, auth AppJwt, status 200);
    case!(c.app(), apps::DeleteInstallation::new(42), "DELETE" "/app/installations/{installation_id}",
        query &[], body None,
        accept "application/vnd.github.gambit-preview+json, application/vnd.github.machine-man-preview+json",
        auth AppJwt, status 204);
    let token_body = json!({"repository_ids": [42], "permissions": {"issues": "write", "contents": "read"}});
    case!(c.app(), apps::CreateInstallationAccessToken::new(42).body(body(&token_body)),
        "POST" "/app/installations/{installation_id}/access_tokens",
        query &[], body Some(token_body.clone()), accept MACHINE_MAN, auth AppJwt, status 201);
    case!(c.app(), apps::GetOrgInstallation::new("github"), "GET" "/orgs/{org}/installation",
        query &[], body None, accept MACHINE_MAN, auth AppJwt, status 200);
    case!(c.app(), apps::GetRepoInstallation::new("octocat", "Hello-World"), "GET" "/repos/{owner}/{repo}/installation",
        query &[], body None, accept MACHINE_MAN, auth AppJwt, status 200);
    case!(c.app(), apps::GetUserInstallation::new("octocat"), "GET" "/users/{username}/installation",
        query &[], body None, accept MACHINE_MAN, auth AppJwt, status 200);
    case!(c.app(), integrations::ListInstallations::new().per_page(3), "GET" "/integration/installations",
        query &[("per_page", "3")], body None, accept MACHINE_MAN_2016, auth AppJwt, status 200);
    let user_id = json!({"user_id": "42"});
    case!(c.app(), integrations::CreateInstallationToken::new(42).body(body(&user_id)),
        "POST" "/installations/{installation_id}/access_tokens",
        query &[], body Some(user_id.clone()), accept MACHINE_MAN_2016, auth AppJwt, status 201);
    let nonce = json!({"nonce": "abc123"});
    case!(c.app(), integrations::RequestUserIdentity::new().body(body(&nonce)), "POST" "/integration/identity/user",
        query &[], body Some(nonce.clone()), accept MACHINE_MAN_2016, auth AppJwt, status 200);

    // No credential: the manifest conversion sends none even from an app client.
    case!(c.anonymous(), apps::CreateFromManifest::new("a/b"), "POST" "/app-manifests/{code}/conversions",
        query &[], body None, accept "application/vnd.github.fury-preview+json", auth NoAuth, status 200);
    case!(c.app(), apps::CreateFromManifest::new("a/b"), "POST" "/app-manifests/{code}/conversions",
        query &[], body None, accept "application/vnd.github.fury-preview+json", auth NoAuth, status 200);

    // A public app by slug: anonymous, or with an installation or user token.
    case!(c.anonymous(), apps::GetBySlug::new("octoapp"), "GET" "/apps/{app_slug}",
        query &[], body None, accept MACHINE_MAN, auth NoAuth, status 200);
    case!(c.installation(), apps::GetBySlug::new("octoapp"), "GET" "/apps/{app_slug}",
        query &[], body None, accept MACHINE_MAN, auth Bearer(INSTALLATION_TOKEN), status 200);
    case!(c.user(), apps::GetBySlug::new("octoapp"), "GET" "/apps/{app_slug}",
        query &[], body None, accept MACHINE_MAN, auth Bearer(USER_TOKEN), status 200);

    // OAuth app (HTTP Basic) operations.
    let access_token = json!({"access_token": "gho_16C7e42F292c6912E7710c838347Ae178B4a"});
    case!(c.oauth_app(), apps::DeleteAuthorization::new(CLIENT_ID, body(&access_token)),
        "DELETE" "/applications/{client_id}/grant",
        query &[], body Some(access_token.clone()), accept "application/vnd.github.doctor-strange-preview+json",
        auth Basic, status 204);
    case!(c.oauth_app(), apps::CheckToken::new(CLIENT_ID, body(&access_token)), "POST" "/applications/{client_id}/token",
        query &[], body Some(access_token.clone()), accept "application/vnd.github.doctor-strange-preview+json",
        auth Basic, status 200);
    case!(c.oauth_app(), apps::ResetToken::new(CLIENT_ID, body(&access_token)), "PATCH" "/applications/{client_id}/token",
        query &[], body Some(access_token.clone()), accept "application/vnd.github.doctor-strange-preview+json",
        auth Basic, status 200);
    case!(c.oauth_app(), apps::DeleteToken::new(CLIENT_ID, body(&access_token)), "DELETE" "/applications/{client_id}/token",
        query &[], body Some(access_token.clone()), accept "application/vnd.github.doctor-strange-preview+json",
        auth Basic, status 204);
    #[allow(deprecated)]
    {
        case!(c.oauth_app(), apps::RevokeGrantForApplication::new(CLIENT_ID, "gho_path token"),
            "DELETE" "/applications/{client_id}/grants/{access_token}",
            query &[], body None, accept "application/vnd.github.v3+json", auth Basic, status 204);
        case!(c.oauth_app(), apps::CheckAuthorization::new(CLIENT_ID, "gho_path token"),
            "GET" "/applications/{client_id}/tokens/{access_token}",
            query &[], body None, accept "application/vnd.github.v3+json", auth Basic, status 200);
        case!(c.oauth_app(), apps::ResetAuthorization::new(CLIENT_ID, "gho_path token"),
            "POST" "/applications/{client_id}/tokens/{access_token}",
            query &[], body None, accept "application/vnd.github.v3+json", auth Basic, status 200);
        case!(c.oauth_app(), apps::RevokeAuthorizationForApplication::new(CLIENT_ID, "gho_path token"),
            "DELETE" "/applications/{client_id}/tokens/{access_token}",
            query &[], body None, accept "application/vnd.github.v3+json", auth Basic, status 204);
    }

    // Installation operations.
    let attachment = json!({"title": "title", "body": "body"});
    case!(c.installation(), apps::CreateContentAttachment::new(7, body(&attachment)),
        "POST" "/content_references/{content_reference_id}/attachments",
        query &[], body Some(attachment.clone()), accept "application/vnd.github.corsair-preview+json",
        auth Bearer(INSTALLATION_TOKEN), status 200);
    case!(c.installation(), apps::ListReposAccessibleToInstallation::new().per_page(50).with_mercy_preview(),
        "GET" "/installation/repositories",
        query &[("per_page", "50")], body None,
        accept "application/vnd.github.machine-man-preview+json, application/vnd.github.mercy-preview+json",
        auth Bearer(INSTALLATION_TOKEN), status 200);
    case!(c.installation(), apps::RevokeInstallationAccessToken::new(), "DELETE" "/installation/token",
        query &[], body None, accept "application/vnd.github.gambit-preview+json",
        auth Bearer(INSTALLATION_TOKEN), status 204);

    // User operations.
    case!(c.user(), apps::ListInstallationsForAuthenticatedUser::new(), "GET" "/user/installations",
        query &[], body None, accept MACHINE_MAN, auth Bearer(USER_TOKEN), status 200);
    case!(c.user(), apps::ListInstallationReposForAuthenticatedUser::new(42).page(3),
        "GET" "/user/installations/{installation_id}/repositories",
        query &[("page", "3")], body None, accept MACHINE_MAN, auth Bearer(USER_TOKEN), status 200);
    case!(c.user(), apps::AddRepoToInstallation::new(42, 1296269),
        "PUT" "/user/installations/{installation_id}/repositories/{repository_id}",
        query &[], body None, accept MACHINE_MAN, auth Bearer(USER_TOKEN), status 204);
    case!(c.user(), apps::RemoveRepoFromInstallation::new(42, 1296269),
        "DELETE" "/user/installations/{installation_id}/repositories/{repository_id}",
        query &[], body None, accept MACHINE_MAN, auth Bearer(USER_TOKEN), status 204);

    assert_eq!(checked, spec_operation_ids(), "every operation of the spec is sent");
}

fn id_of<O: Operation>(_: &O) -> &'static str {
    O::ID
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
    assert_eq!(ids.len(), 28);
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
