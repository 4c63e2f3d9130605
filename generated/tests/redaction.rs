//! No error prints a secret: every operation whose bodies can hold one
//! (`Operation::SECRET_PROPERTIES`, generated from the spec's
//! `x-github-secret`) is answered with secret-bearing bodies of every kind
//! an error keeps, at every status class, and every formatting of every
//! resulting error (`{}`, `{:?}`, `{:#?}`, the `source()` chain, and the
//! accessors meant for display) is searched for the secret values.
//!
//! The operations come from the generated `visit_operations`, so a new
//! secret property or operation is covered without editing this test.
//! Answers go through the client's own response decoding; the last tests
//! send real requests to a local server for the operations that hand out
//! credentials.

use std::collections::BTreeMap;
use std::error::Error as _;

use github_apps::operations::{apps, visit_operations};
use github_apps::runtime::client::decode_for_fuzzing;
use github_apps::runtime::operation::OperationVisitor;
use github_apps::{ClientBuilder, Error, Operation};

use github_apps_runtime::test_util as keys;
use reqwest::header::{HeaderMap, HeaderValue};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The value every secret property gets; numbers for the wrong-type case.
fn secret_for(property: &str) -> String {
    format!("ghs_S3CR3T_{property}_9f8e7d6c5b4a")
}
const SECRET_NUMBER: &str = "987654321987";

/// Bodies that hold `properties`' secrets and do not decode as a success:
/// truncated, of the wrong shape, secrets of the wrong type, a form, keys
/// written with escapes, a validation error echoing them.
fn secret_bodies(properties: &[&str]) -> Vec<String> {
    let pairs = |value: &dyn Fn(&str) -> String| {
        properties.iter().map(|p| format!("\"{p}\": {}", value(p))).collect::<Vec<_>>().join(", ")
    };
    let quoted = pairs(&|p| format!("\"{}\"", secret_for(p)));
    let escaped = properties
        .iter()
        .map(|p| format!("\"\\u{:04x}{}\": \"{}\"", p.as_bytes()[0], &p[1..], secret_for(p)))
        .collect::<Vec<_>>()
        .join(", ");
    let last = properties.last().expect("an operation with secrets");
    vec![
        format!("{{{quoted}, \"expires_at\": "),
        format!("{{\"data\": {{{}", &format!("\"{last}\": \"{}", &secret_for(last)[..14])),
        format!("[{{{quoted}}}]"),
        format!("{{{}}}", pairs(&|_| SECRET_NUMBER.to_owned())),
        properties.iter().map(|p| format!("{p}={}", secret_for(p))).collect::<Vec<_>>().join("&"),
        format!("{{{escaped}}}"),
        format!(
            "{{\"message\": \"Validation Failed\", \"errors\": [{}], {quoted}}}",
            properties
                .iter()
                .map(|p| format!("{{\"field\": \"{p}\", \"code\": \"invalid\", \"value\": \"{}\"}}", secret_for(p)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ]
}

/// Statuses of every class, with the headers that make each error kind.
fn answers<O: Operation>() -> Vec<(u16, HeaderMap)> {
    let header = |pairs: &[(&'static str, &'static str)]| {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    };
    let mut statuses: Vec<u16> = O::DOCUMENTED_STATUSES.to_vec();
    statuses.extend([100, 200, 201, 203, 299, 304, 400, 401, 403, 404, 409, 415, 422, 500, 502]);
    statuses.sort_unstable();
    statuses.dedup();
    let mut answers: Vec<(u16, HeaderMap)> = statuses.into_iter().map(|status| (status, HeaderMap::new())).collect();
    answers.push((403, header(&[("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "1700000000")])));
    answers.push((429, header(&[("retry-after", "30")])));
    answers.push((301, header(&[("location", "https://api.github.com/elsewhere")])));
    answers
}

/// Everything a log could show of `err`.
fn printed(err: &Error) -> Vec<String> {
    let mut out = vec![err.to_string(), format!("{err:?}"), format!("{err:#?}")];
    let mut source = err.source();
    while let Some(cause) = source {
        out.extend([cause.to_string(), format!("{cause:?}")]);
        source = cause.source();
    }
    match err {
        Error::Decode(decode) => out.extend([decode.body_text().into_owned(), decode.message().to_owned(), decode.body.to_string()]),
        Error::UnexpectedStatus(unexpected) => out.extend([unexpected.body_text().into_owned(), format!("{:?}", unexpected.body)]),
        Error::Api(api) => {
            out.push(api.body.text().into_owned());
            out.extend(api.message.clone());
            out.extend(api.errors.iter().flat_map(|detail| [detail.to_string(), format!("{detail:?}")]));
        }
        Error::RateLimited(limited) => out.extend([limited.body.text().into_owned(), limited.to_string()]),
        _ => {}
    }
    out
}

fn assert_masked(context: &str, err: &Error, properties: &[&str]) {
    for text in printed(err) {
        for property in properties {
            let secret = secret_for(property);
            assert!(!text.contains(&secret[..14]), "{context}: {property}'s secret printed in\n{text}");
        }
        assert!(!text.contains(SECRET_NUMBER), "{context}: a numeric secret printed in\n{text}");
    }
}

/// Which error kinds each operation produced, to show nothing was vacuous.
#[derive(Default)]
struct Redaction {
    kinds: BTreeMap<&'static str, BTreeMap<&'static str, usize>>,
}

impl OperationVisitor for Redaction {
    fn visit<O: Operation + 'static>(&mut self) {
        if O::SECRET_PROPERTIES.is_empty() {
            return;
        }
        let kinds = self.kinds.entry(O::ID).or_default();
        // Operations whose successes have no body cannot fail to decode one.
        if decode_for_fuzzing::<O>(200, HeaderMap::new(), b"\x00".to_vec()).is_ok() {
            kinds.insert("decode", usize::MAX);
        }
        for body in secret_bodies(O::SECRET_PROPERTIES) {
            for (status, headers) in answers::<O>() {
                let Err(err) = decode_for_fuzzing::<O>(status, headers, body.clone().into_bytes()) else { continue };
                let raw = match &err {
                    Error::Decode(decode) => Some(decode.body.expose_raw()),
                    Error::UnexpectedStatus(unexpected) => Some(unexpected.body.expose_raw()),
                    Error::Api(api) => Some(api.body.expose_raw()),
                    Error::RateLimited(limited) => Some(limited.body.expose_raw()),
                    _ => None,
                };
                if let Some(raw) = raw {
                    assert_eq!(raw, body.as_bytes(), "{}: the raw body is kept as received", O::ID);
                }
                assert_masked(&format!("{} {status} {body}", O::ID), &err, O::SECRET_PROPERTIES);
                let kind = match err {
                    Error::Decode(_) => "decode",
                    Error::UnexpectedStatus(_) => "unexpected status",
                    Error::Api(_) => "api",
                    Error::RateLimited(_) => "rate limited",
                    Error::Redirect(_) => "redirect",
                    _ => "other",
                };
                *kinds.entry(kind).or_default() += 1;
            }
        }
    }
}

#[test]
fn no_error_of_any_operation_prints_a_secret_of_its_bodies() {
    let mut redaction = Redaction::default();
    visit_operations(&mut redaction);
    // The operations that hand out credentials are among those checked.
    for (id, properties) in [
        ("apps/create-installation-access-token", &["token"][..]),
        ("apps/create-from-manifest", &["client_secret", "pem", "webhook_secret"]),
        ("apps/check-token", &["token"]),
        ("apps/reset-token", &["token"]),
    ] {
        assert!(redaction.kinds.contains_key(id), "{id} has no secret properties: {:?}", redaction.kinds.keys());
        let mut found = None;
        visit_operations(&mut FindSecrets { id, found: &mut found });
        for property in properties {
            assert!(found.unwrap().contains(property), "{id}: {property} is not a secret property");
        }
    }
    for (id, kinds) in &redaction.kinds {
        for kind in ["decode", "unexpected status", "api", "rate limited"] {
            assert!(kinds.get(kind).copied().unwrap_or(0) > 0, "{id} produced no {kind} error: {kinds:?}");
        }
    }
}

struct FindSecrets<'a> {
    id: &'static str,
    found: &'a mut Option<&'static [&'static str]>,
}

impl OperationVisitor for FindSecrets<'_> {
    fn visit<O: Operation + 'static>(&mut self) {
        if O::ID == self.id {
            *self.found = Some(O::SECRET_PROPERTIES);
        }
    }
}

/// Over the wire: the token a failed create-installation-access-token
/// answer carries stays out of the installation client's error.
#[tokio::test]
async fn a_broken_token_answer_does_not_print_the_token_through_the_installation_client() {
    let token = secret_for("token");
    for (status, body) in [
        (201, format!(r#"{{"token": "{token}", "expires_at": 17"#)),
        (201, format!(r#"{{"token": "{token}", "expires_at": "not a time"}}"#)),
        (200, format!(r#"{{"token": "{token}"}}"#)),
        (202, format!(r#"[{{"token": "{token}"}}]"#)),
        (299, format!(r#"{{"token": {SECRET_NUMBER}}}"#)),
        (418, format!(r#"token={token}"#)),
        (500, format!(r#"{{"message": "boom", "token": "{token}"}}"#)),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/v3/app/installations/7/access_tokens"))
            .respond_with(ResponseTemplate::new(status).set_body_string(body.clone()))
            .expect(1)
            .mount(&server)
            .await;
        let installation = ClientBuilder::new().base_url(server.uri()).app(1, keys::pkcs1()).unwrap().installation(7);
        let err = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
        assert!(matches!(err, Error::InstallationToken(_)), "{err:?}");
        assert_eq!(err.status(), Some(status), "{err}");
        assert_masked(&format!("{status} {body}"), &err, &["token"]);
    }
}

/// Over the wire: the manifest conversion's one-time credentials stay out
/// of an undecodable success and of an undocumented status.
#[tokio::test]
async fn a_broken_manifest_conversion_does_not_print_its_credentials() {
    let properties = ["client_secret", "pem", "webhook_secret"];
    let secrets = properties.map(|p| format!("\"{p}\": \"{}\"", secret_for(p))).join(", ");
    for (status, body) in [(201, format!("{{\"id\": \"x\", {secrets}}}")), (201, format!("{{{secrets}")), (299, format!("[{{{secrets}}}]")), (418, format!("{{{secrets}}}"))] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/api/v3/app-manifests/abc/conversions"))
            .respond_with(ResponseTemplate::new(status).set_body_string(body.clone()))
            .mount(&server)
            .await;
        let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();
        let err = client.send(apps::CreateFromManifest::new("abc")).await.unwrap_err();
        assert!(matches!(err, Error::Decode(_) | Error::Api(_)), "{err:?}");
        assert_masked(&format!("{status} {body}"), &err, &properties);
    }
}
