//! Typed errors against a local server: octokit's recorded error bodies
//! (422, 404, 301/307, the uploads 422 with `request_id`), every documented
//! error status, rate limits, redirects followed and not followed.

mod pagination_common;

use github_apps::operations::apps::ListInstallationsForAuthenticatedUser;
use github_apps::runtime::auth::{CredentialKind, UserToken};
use github_apps::runtime::operation::{CallableWith, Method, Preview, Security};
use github_apps::{ApiErrorKind, Error, Operation, RateLimitKind, ValidationErrorDetail, ValidationValue};
use pagination_common::{TOKEN, builder, octokit_fixture};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Operations shaped like octokit's recorded calls: a method and a path.
macro_rules! fixture_operation {
    ($name:ident, $method:expr, $retry_safe:expr) => {
        #[derive(Debug, Clone)]
        struct $name(String);

        impl Operation for $name {
            type Response = Value;
            type Body = ();
            const ID: &'static str = concat!("test/", stringify!($name));
            const METHOD: Method = $method;
            const PATH_TEMPLATE: &'static str = "/{path}";
            const REQUIRED_PREVIEWS: &'static [Preview] = &[];
            const OPTIONAL_PREVIEWS: &'static [Preview] = &[];
            const SECURITY: Security = Security { anonymous: false, credentials: &[CredentialKind::UserToken] };
            const DEPRECATION: Option<&'static str> = None;
            const DOCUMENTED_STATUSES: &'static [u16] = &[200, 201];
            const RETRY_SAFE: bool = $retry_safe;

            const SECRET_PROPERTIES: &'static [&'static str] = &[];

            fn path(&self) -> Result<String, github_apps::runtime::operation::InvalidInput> {
                Ok(self.0.clone())
            }
            fn query(&self) -> Vec<github_apps::runtime::operation::QueryPair> {
                Vec::new()
            }
            fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
                Ok(matches!(Self::METHOD, Method::Post | Method::Patch).then(|| b"{}".to_vec()))
            }
            fn decode(status: u16, body: &[u8]) -> Option<Result<Value, serde_json::Error>> {
                matches!(status, 200 | 201).then(|| github_apps::runtime::operation::decode_json(body))
            }
        }

        impl CallableWith<UserToken> for $name {}
    };
}

fixture_operation!(FixtureGet, Method::Get, true);
fixture_operation!(FixturePost, Method::Post, false);
fixture_operation!(FixturePatch, Method::Patch, false);

/// The first recorded interaction with `status`, as a response whose
/// api.github.com URLs point at `root` when `rewrite` is set.
fn recorded(records: &[Value], status: u64, root: Option<&str>) -> (Value, ResponseTemplate) {
    let record = records.iter().find(|r| r["status"] == status).expect("a recorded interaction").clone();
    let mut response = ResponseTemplate::new(status as u16);
    for (name, value) in record["headers"].as_object().unwrap() {
        let mut value = match value {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if let Some(root) = root {
            value = value.replace("https://api.github.com/", &format!("{root}/"));
        }
        if name != "content-length" {
            response = response.insert_header(name.as_str(), value.as_str());
        }
    }
    let response = response.set_body_raw(serde_json::to_vec(&record["response"]).unwrap(), "application/json");
    (record, response)
}

fn record_path(record: &Value) -> String {
    record["path"].as_str().unwrap().split('?').next().unwrap().to_owned()
}

#[tokio::test]
async fn validation_failed_422_from_the_errors_fixture() {
    let Some(records) = octokit_fixture("errors.json") else { return };
    let server = MockServer::start().await;
    let (record, response) = recorded(&records, 422, None);
    let path_ = record_path(&record);
    Mock::given(method("POST")).and(path(format!("/api/v3{path_}"))).respond_with(response).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let err = client.send(FixturePost(path_)).await.unwrap_err();
    let api = err.as_api_error().expect("an API error");
    assert_eq!((api.status, api.kind), (422, ApiErrorKind::ValidationFailed));
    assert_eq!(api.message.as_deref(), Some("Validation Failed"));
    assert_eq!(api.documentation_url.as_deref(), Some("https://docs.github.com/rest/reference/issues#create-a-label"));
    let [ValidationErrorDetail::Object(detail)] = api.errors.as_slice() else { panic!("{:?}", api.errors) };
    assert_eq!(
        (detail.resource.as_deref(), detail.code.as_deref(), detail.field.as_deref()),
        (Some("Label"), Some("invalid"), Some("color"))
    );
    assert_eq!(api.request_id.as_deref(), Some("0000:00000:0000000:0000000:00000000"));
    let rate_limit = err.rate_limit().expect("the fixture carries rate-limit headers");
    assert_eq!((rate_limit.limit, rate_limit.remaining, rate_limit.used), (Some(5000), Some(4999), Some(1)));
    assert_eq!(rate_limit.resource.as_deref(), Some("core"));
    // The fixture's reset is normalised to milliseconds: not a valid time, so absent.
    assert_eq!(rate_limit.reset, None);
    assert_eq!(err.to_string(), "test/FixturePost answered 422: Validation Failed; Label color invalid");
}

#[tokio::test]
async fn not_found_404_from_the_branch_protection_fixture() {
    let Some(records) = octokit_fixture("branch-protection.json") else { return };
    let server = MockServer::start().await;
    let (record, response) = recorded(&records, 404, None);
    let path_ = record_path(&record);
    Mock::given(method("GET")).and(path(format!("/api/v3{path_}"))).respond_with(response).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let err = client.send(FixtureGet(path_)).await.unwrap_err();
    assert_eq!(err.api_kind(), Some(ApiErrorKind::NotFound));
    let api = err.as_api_error().unwrap();
    assert_eq!(api.message.as_deref(), Some("Branch not protected"));
    assert_eq!(
        api.documentation_url.as_deref(),
        Some("https://docs.github.com/rest/reference/repos#get-branch-protection")
    );
    assert!(api.errors.is_empty() && api.body_is_error_json);
}

#[tokio::test]
async fn uploads_422_with_request_id_in_the_body() {
    let Some(records) = octokit_fixture("release-assets-conflict.json") else { return };
    let server = MockServer::start().await;
    let (record, response) = recorded(&records, 422, None);
    let path_ = record_path(&record);
    Mock::given(method("POST")).and(path(format!("/api/v3{path_}"))).respond_with(response).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let err = client.send(FixturePost(path_)).await.unwrap_err();
    let api = err.as_api_error().unwrap();
    assert_eq!(api.kind, ApiErrorKind::ValidationFailed);
    assert_eq!(api.documentation_url.as_deref(), Some("https://docs.github.com/rest"));
    let detail = api.errors[0].as_object().unwrap();
    assert_eq!((detail.resource.as_deref(), detail.code.as_deref()), (Some("ReleaseAsset"), Some("already_exists")));
    assert_eq!(api.request_id.as_deref(), Some("0000:00000:0000000:0000000:00000000"));
    assert!(err.rate_limit().is_none(), "uploads.github.com sends no rate-limit headers");
    assert_eq!(serde_json::from_str::<Value>(&api.body.text()).unwrap()["request_id"], record["response"]["request_id"]);
}

#[tokio::test]
async fn request_id_falls_back_to_the_body() {
    let server = MockServer::start().await;
    let body = json!({"message": "Validation Failed", "request_id": "ABCD:1234", "errors": []});
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(422).set_body_json(body)).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    assert_eq!(err.as_api_error().unwrap().request_id.as_deref(), Some("ABCD:1234"));
}

#[tokio::test]
async fn a_301_to_another_host_is_a_typed_redirect() {
    let Some(records) = octokit_fixture("rename-repository.json") else { return };
    let server = MockServer::start().await;
    // The recorded Location is https://api.github.com/..., outside this client's root.
    let (record, response) = recorded(&records, 301, None);
    let path_ = record_path(&record);
    Mock::given(method("GET")).and(path(format!("/api/v3{path_}"))).respond_with(response).expect(1).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let err = client.send(FixtureGet(path_)).await.unwrap_err();
    let Error::Redirect(redirect) = &err else { panic!("{err:?}") };
    assert_eq!(redirect.status, 301);
    assert_eq!(redirect.location.as_deref(), Some("https://api.github.com/repositories/1000"));
    assert_eq!(redirect.message.as_deref(), Some("Moved Permanently"));
    assert_eq!(redirect.documentation_url.as_deref(), Some("https://docs.github.com/v3/#http-redirects"));
    assert_eq!(err.status(), Some(301));
    assert_eq!(err.rate_limit().unwrap().limit, Some(5000));
}

#[tokio::test]
async fn a_301_within_the_api_root_is_followed_with_the_credential() {
    let Some(records) = octokit_fixture("rename-repository.json") else { return };
    let server = MockServer::start().await;
    let root = format!("{}/api/v3", server.uri());
    let (record, response) = recorded(&records, 301, Some(&root));
    let moved = record_path(&record);
    Mock::given(method("GET")).and(path(format!("/api/v3{moved}"))).respond_with(response).expect(1).mount(&server).await;
    let target = records.iter().find(|r| r["method"] == "get" && r["path"] == "/repositories/1000").unwrap();
    Mock::given(method("GET"))
        .and(path("/api/v3/repositories/1000"))
        .respond_with(ResponseTemplate::new(200).set_body_json(target["response"].clone()))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let repository = client.send(FixtureGet(moved)).await.unwrap();
    assert_eq!(repository["id"], target["response"]["id"]);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].headers["authorization"], requests[0].headers["authorization"]);
    assert_eq!(requests[1].headers["accept"], requests[0].headers["accept"]);
}

#[tokio::test]
async fn a_307_to_a_patch_is_not_followed() {
    let Some(records) = octokit_fixture("rename-repository.json") else { return };
    let server = MockServer::start().await;
    let root = format!("{}/api/v3", server.uri());
    // Even within the API root: only GET and HEAD follow redirects.
    let (record, response) = recorded(&records, 307, Some(&root));
    let path_ = record_path(&record);
    Mock::given(method("PATCH")).and(path(format!("/api/v3{path_}"))).respond_with(response).expect(1).mount(&server).await;
    Mock::given(method("PATCH"))
        .and(path("/api/v3/repositories/1000"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let err = client.send(FixturePatch(path_)).await.unwrap_err();
    let Error::Redirect(redirect) = &err else { panic!("{err:?}") };
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.location.as_deref(), Some(format!("{root}/repositories/1000").as_str()));
}

#[tokio::test]
async fn redirects_stop_after_max_redirects() {
    let server = MockServer::start().await;
    let root = format!("{}/api/v3", server.uri());
    Mock::given(method("GET"))
        .and(path("/api/v3/a"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", format!("{root}/b").as_str()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/b"))
        .respond_with(ResponseTemplate::new(308).insert_header("location", "/api/v3/a"))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).max_redirects(3).user_token(TOKEN).unwrap();
    let err = client.send(FixtureGet("/a".into())).await.unwrap_err();
    let Error::Redirect(redirect) = &err else { panic!("{err:?}") };
    assert_eq!(server.received_requests().await.unwrap().len(), 4, "the first request and three redirects");
    assert_eq!(redirect.status, 308);

    let client = builder(&server.uri()).max_redirects(0).user_token(TOKEN).unwrap();
    let err = client.send(FixtureGet("/a".into())).await.unwrap_err();
    assert_eq!(err.status(), Some(302));
}

async fn answer(status: u16, body: Value, headers: &[(&str, &str)]) -> Error {
    let server = MockServer::start().await;
    let mut response = ResponseTemplate::new(status);
    if !body.is_null() {
        response = response.set_body_json(body);
    }
    for (name, value) in headers {
        response = response.insert_header(*name, *value);
    }
    Mock::given(method("GET")).respond_with(response).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err()
}

#[tokio::test]
async fn every_documented_error_status_has_a_kind() {
    for (status, kind) in [
        (304, ApiErrorKind::NotModified),
        (400, ApiErrorKind::BadRequest),
        (401, ApiErrorKind::Unauthorized),
        (403, ApiErrorKind::Forbidden),
        (404, ApiErrorKind::NotFound),
        (409, ApiErrorKind::Conflict),
        (410, ApiErrorKind::Gone),
        (422, ApiErrorKind::ValidationFailed),
        (429, ApiErrorKind::TooManyRequests),
        (503, ApiErrorKind::Server),
        (418, ApiErrorKind::Other),
    ] {
        let body = if status == 304 { Value::Null } else { json!({"message": format!("status {status}")}) };
        let err = answer(status, body, &[("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "4000")]).await;
        let api = err.as_api_error().unwrap_or_else(|| panic!("{status}: {err:?}"));
        assert_eq!((api.status, api.kind), (status, kind));
        if status != 304 {
            assert_eq!(api.message, Some(format!("status {status}")));
        }
        assert_eq!(err.rate_limit().unwrap().remaining, Some(4000), "{status}");
    }
}

#[tokio::test]
async fn a_missing_preview_415_is_distinguishable() {
    let preview = json!({
        "message": "If you would like to help us test the Machine Man API during its preview period, you must specify a custom media type in the 'Accept' header. Please see the docs for full details.",
        "documentation_url": "https://developer.github.com/v3"
    });
    let err = answer(415, preview, &[]).await;
    assert!(err.is_preview_required());
    assert_eq!(err.api_kind(), Some(ApiErrorKind::PreviewRequired));

    let err = answer(415, json!({"message": "Unsupported Media Type"}), &[]).await;
    assert!(!err.is_preview_required());
    assert_eq!(err.api_kind(), Some(ApiErrorKind::UnsupportedMediaType));
}

#[tokio::test]
async fn validation_error_values_of_every_shape() {
    let body = json!({
        "message": "Validation Failed",
        "documentation_url": "https://docs.github.com/rest",
        "errors": [
            {"resource": "Installation", "field": "repositories", "code": "invalid", "value": "not-a-repo"},
            {"resource": "Installation", "field": "repository_ids", "code": "invalid", "value": 12345},
            {"resource": "Installation", "field": "repository_ids", "code": "invalid", "value": [1, 2, 3]},
            {"resource": "Installation", "field": "permissions", "code": "missing_field", "value": null},
            {"resource": "Installation", "code": "custom", "message": "no value at all"}
        ]
    });
    let err = answer(422, body, &[]).await;
    let api = err.as_api_error().unwrap();
    let values: Vec<_> = api.errors.iter().map(|e| e.as_object().unwrap().value.clone()).collect();
    assert_eq!(
        values,
        vec![
            Some(ValidationValue::String("not-a-repo".into())),
            Some(ValidationValue::Integer(12345)),
            Some(ValidationValue::Array(vec![1.into(), 2.into(), 3.into()])),
            Some(ValidationValue::Null),
            None,
        ]
    );
    assert_eq!(api.errors[4].as_object().unwrap().message.as_deref(), Some("no value at all"));
}

#[tokio::test]
async fn a_body_that_is_not_json_is_kept_raw() {
    let server = MockServer::start().await;
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(html, "text/html").insert_header("x-custom", "kept"))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    let api = err.as_api_error().unwrap();
    assert_eq!((api.status, api.kind, api.message.as_deref()), (502, ApiErrorKind::Server, None));
    assert!(!api.body_is_error_json);
    assert_eq!(api.body.text(), html);
    assert_eq!(api.headers["x-custom"], "kept");
}

/// A 2xx the operation does not list is decoded with its success shape;
/// when the body does not fit, the error keeps status, headers and body.
#[tokio::test]
async fn an_undocumented_success_that_does_not_decode_keeps_status_headers_and_body() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(202)
                .set_body_raw("{\"queued\":true}", "application/json")
                .insert_header("x-ratelimit-remaining", "12"),
        )
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let err = client.send(ListInstallationsForAuthenticatedUser::new()).await.unwrap_err();
    let Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert_eq!((decode.status, decode.body.expose_raw()), (202, &b"{\"queued\":true}"[..]));
    assert_eq!(decode.headers["x-ratelimit-remaining"], "12");
    assert_eq!(err.rate_limit().unwrap().remaining, Some(12));
    assert_eq!(
        err.to_string(),
        "the 202 response body of apps/list-installations-for-authenticated-user did not decode \
         (content type application/json): missing property `total_count`"
    );
}

#[tokio::test]
async fn primary_rate_limits_carry_the_reset_time() {
    for status in [403, 429] {
        let err = answer(
            status,
            json!({"message": "API rate limit exceeded for installation ID 1.", "documentation_url": "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}),
            &[
                ("x-ratelimit-limit", "5000"),
                ("x-ratelimit-remaining", "0"),
                ("x-ratelimit-used", "5000"),
                ("x-ratelimit-reset", "1700000000"),
                ("x-ratelimit-resource", "core"),
            ],
        )
        .await;
        let Error::RateLimited(limited) = &err else { panic!("{status}: {err:?}") };
        assert_eq!((limited.status, limited.kind), (status, RateLimitKind::Primary));
        assert_eq!(limited.reset().unwrap().unix_timestamp(), 1_700_000_000);
        assert_eq!(err.rate_limit().unwrap().used, Some(5000));
        assert!(err.to_string().starts_with("primary rate limit exceeded"), "{err}");
    }
}

#[tokio::test]
async fn secondary_rate_limits_without_a_policy_are_errors() {
    let err = answer(
        403,
        json!({"message": "You have exceeded a secondary rate limit and have been temporarily blocked from content creation. Please retry your request again later."}),
        &[("x-ratelimit-remaining", "4000")],
    )
    .await;
    let Error::RateLimited(limited) = &err else { panic!("{err:?}") };
    assert_eq!((limited.kind, limited.retry_after), (RateLimitKind::Secondary, None));

    let err = answer(429, json!({"message": "slow down"}), &[("retry-after", "17")]).await;
    let Error::RateLimited(limited) = &err else { panic!("{err:?}") };
    assert_eq!(limited.retry_after, Some(std::time::Duration::from_secs(17)));
}

#[tokio::test]
async fn rate_limits_come_with_every_response() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"total_count": 0, "installations": []}))
                .insert_header("x-ratelimit-limit", "5000")
                .insert_header("x-ratelimit-remaining", "4321")
                .insert_header("x-ratelimit-reset", "1700000000")
                .insert_header("x-ratelimit-used", "679")
                .insert_header("x-ratelimit-resource", "core"),
        )
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let response = client.send_with_response(ListInstallationsForAuthenticatedUser::new()).await.unwrap();
    let rate_limit = response.rate_limit.unwrap();
    assert_eq!((rate_limit.limit, rate_limit.remaining, rate_limit.used), (Some(5000), Some(4321), Some(679)));
    assert_eq!(rate_limit.reset.unwrap().unix_timestamp(), 1_700_000_000);
    assert_eq!(rate_limit.resource.as_deref(), Some("core"));
}
