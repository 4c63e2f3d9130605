//! Every path input stays one segment of the path it was given for, seen on
//! the raw request line a server receives (no decoding in between).
//!
//! `.`, `..` and the empty string would change the endpoint (`GET
//! /apps/..` is `GET /` after URL normalisation, with the client's
//! credential), so they are refused as `InvalidInput` and nothing is sent;
//! every other value arrives percent-encoded in its own segment. The cases
//! cover every string path parameter of every operation, and a check
//! against the spec fails when one is added without a case here.

mod raw_server;

use std::collections::BTreeSet;
use std::path::Path;

use futures::future::BoxFuture;
use github_apps::models::{CheckTokenRequest, DeleteAuthorizationRequest, DeleteTokenRequest, ResetTokenRequest};
use github_apps::operations::apps;
use github_apps::{ClientBuilder, Error, Operation};
use raw_server::{RawResponse, RawServer};

const CLIENT_SECRET: &str = "1726be1638095a19edd134c77bde3aa2ece1e5d8";

/// `(operationId, its string path parameters in template order)`.
const CASES: &[(&str, &[&str])] = &[
    ("apps/create-from-manifest", &["code"]),
    ("apps/get-by-slug", &["app_slug"]),
    ("apps/get-org-installation", &["org"]),
    ("apps/get-repo-installation", &["owner", "repo"]),
    ("apps/get-user-installation", &["username"]),
    ("apps/delete-authorization", &["client_id"]),
    ("apps/revoke-grant-for-application", &["client_id", "access_token"]),
    ("apps/check-token", &["client_id"]),
    ("apps/reset-token", &["client_id"]),
    ("apps/delete-token", &["client_id"]),
    ("apps/check-authorization", &["client_id", "access_token"]),
    ("apps/reset-authorization", &["client_id", "access_token"]),
    ("apps/revoke-authorization-for-application", &["client_id", "access_token"]),
];

struct Clients {
    base: String,
}

impl Clients {
    fn builder(&self) -> ClientBuilder {
        ClientBuilder::new().base_url(&self.base)
    }
}

/// The test key, generated per test binary (no private key is checked in).
use github_apps_runtime::test_util as keys;

fn pem() -> String {
    keys::pkcs1().to_owned()
}

/// Sends operation `id` with the path inputs `values`, through a client
/// holding the credential the operation needs.
#[allow(deprecated)]
fn send(clients: &Clients, id: &str, values: &[&str]) -> BoxFuture<'static, Result<(), Error>> {
    let v = |i: usize| values[i].to_owned();
    let app = || clients.builder().app(1, pem()).unwrap();
    let oauth = || clients.builder().oauth_app("Iv1.8a61f9b3a7aba766", CLIENT_SECRET).unwrap();
    let anonymous = || clients.builder().anonymous().unwrap();
    let token = || github_apps::SecretString::from("gho_16C7e42F292c6912E7710c838347Ae178B4a");
    macro_rules! go {
        ($client:expr, $operation:expr) => {{
            let client = $client;
            let operation = $operation;
            Box::pin(async move { client.send(operation).await.map(drop) })
        }};
    }
    match id {
        "apps/create-from-manifest" => go!(anonymous(), apps::CreateFromManifest::new(v(0))),
        "apps/get-by-slug" => go!(anonymous(), apps::GetBySlug::new(v(0))),
        "apps/get-org-installation" => go!(app(), apps::GetOrgInstallation::new(v(0))),
        "apps/get-repo-installation" => go!(app(), apps::GetRepoInstallation::new(v(0), v(1))),
        "apps/get-user-installation" => go!(app(), apps::GetUserInstallation::new(v(0))),
        "apps/delete-authorization" => {
            go!(oauth(), apps::DeleteAuthorization::new(v(0), DeleteAuthorizationRequest::new(token())))
        }
        "apps/revoke-grant-for-application" => go!(oauth(), apps::RevokeGrantForApplication::new(v(0), v(1))),
        "apps/check-token" => go!(oauth(), apps::CheckToken::new(v(0), CheckTokenRequest::new(token()))),
        "apps/reset-token" => go!(oauth(), apps::ResetToken::new(v(0), ResetTokenRequest::new(token()))),
        "apps/delete-token" => go!(oauth(), apps::DeleteToken::new(v(0), DeleteTokenRequest::new(token()))),
        "apps/check-authorization" => go!(oauth(), apps::CheckAuthorization::new(v(0), v(1))),
        "apps/reset-authorization" => go!(oauth(), apps::ResetAuthorization::new(v(0), v(1))),
        "apps/revoke-authorization-for-application" => {
            go!(oauth(), apps::RevokeAuthorizationForApplication::new(v(0), v(1)))
        }
        other => panic!("no case for {other}"),
    }
}

/// The operation's method and path template, from its generated metadata.
fn method_and_template(id: &str) -> (&'static str, &'static str) {
    macro_rules! meta {
        ($($operation:ty),*) => {
            $(if <$operation as Operation>::ID == id {
                return (<$operation as Operation>::METHOD.as_str(), <$operation as Operation>::PATH_TEMPLATE);
            })*
        };
    }
    #[allow(deprecated)]
    {
        meta!(
            apps::CreateFromManifest, apps::GetBySlug, apps::GetOrgInstallation, apps::GetRepoInstallation,
            apps::GetUserInstallation, apps::DeleteAuthorization, apps::RevokeGrantForApplication, apps::CheckToken,
            apps::ResetToken, apps::DeleteToken, apps::CheckAuthorization, apps::ResetAuthorization,
            apps::RevokeAuthorizationForApplication
        );
    }
    panic!("no metadata for {id}")
}

#[tokio::test]
async fn dot_segments_and_empty_inputs_are_refused_before_sending() {
    let server = RawServer::start(|_| RawResponse::json(404, r#"{"message":"Not Found"}"#)).await;
    let clients = Clients { base: server.uri().to_owned() };
    for (id, parameters) in CASES {
        for (position, parameter) in parameters.iter().enumerate() {
            for bad in [".", "..", ""] {
                let mut values = vec!["x"; parameters.len()];
                values[position] = bad;
                let err = send(&clients, id, &values).await.unwrap_err();
                let Error::InvalidInput(invalid) = &err else { panic!("{id} {parameter}={bad:?}: {err:?}") };
                assert_eq!((invalid.operation, invalid.name), (*id, *parameter), "{err}");
                assert!(err.to_string().contains("must be one path segment"), "{err}");
            }
        }
    }
    assert_eq!(server.request_lines(), Vec::<String>::new(), "nothing reaches the server");
}

#[tokio::test]
async fn every_other_input_arrives_encoded_in_its_own_segment() {
    let server = RawServer::start(|_| RawResponse::json(404, r#"{"message":"Not Found"}"#)).await;
    let clients = Clients { base: server.uri().to_owned() };
    let inputs = [
        ("...", "..."),
        (".a", ".a"),
        ("a.", "a."),
        ("%2e%2e", "%252e%252e"),
        ("../x", "..%2Fx"),
        ("a/../../b", "a%2F..%2F..%2Fb"),
        ("?q#f", "%3Fq%23f"),
        (". .", ".%20."),
        ("ü", "%C3%BC"),
    ];
    for (id, parameters) in CASES {
        let (method, template) = method_and_template(id);
        for position in 0..parameters.len() {
            for (input, encoded) in inputs {
                server.clear();
                let mut values = vec!["x"; parameters.len()];
                values[position] = input;
                let err = send(&clients, id, &values).await.unwrap_err();
                assert_eq!(err.status(), Some(404), "{id}: {err}");
                let mut path = template.to_owned();
                for (index, name) in parameters.iter().enumerate() {
                    let value = if index == position { encoded } else { "x" };
                    path = path.replace(&format!("{{{name}}}"), value);
                }
                assert_eq!(server.request_lines(), [format!("{method} /api/v3{path} HTTP/1.1")], "{id} {input:?}");
            }
        }
    }
}

#[test]
fn the_cases_cover_every_string_path_parameter_of_the_spec() {
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let spec: serde_json::Value = serde_yaml::from_str(&std::fs::read_to_string(spec_path).unwrap()).unwrap();
    let resolve = |parameter: &serde_json::Value| -> serde_json::Value {
        match parameter["$ref"].as_str() {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap();
                spec["components"]["parameters"][name].clone()
            }
            None => parameter.clone(),
        }
    };
    let mut in_spec = BTreeSet::new();
    for item in spec["paths"].as_object().unwrap().values() {
        for (method, operation) in item.as_object().unwrap() {
            if method == "parameters" {
                continue;
            }
            let parameters = item["parameters"].as_array().into_iter().flatten().chain(operation["parameters"].as_array().into_iter().flatten());
            for parameter in parameters.map(resolve) {
                if parameter["in"] == "path" && parameter["schema"]["type"] == "string" {
                    in_spec.insert((operation["operationId"].as_str().unwrap().to_owned(), parameter["name"].as_str().unwrap().to_owned()));
                }
            }
        }
    }
    let covered: BTreeSet<(String, String)> = CASES
        .iter()
        .flat_map(|(id, parameters)| parameters.iter().map(move |p| ((*id).to_owned(), (*p).to_owned())))
        .collect();
    assert_eq!(covered, in_spec);
}
