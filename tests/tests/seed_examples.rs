//! Every JSON example in both seed documents deserializes into its
//! generated model and serializes back to an equal JSON value.
//!
//! Examples are found in the documents themselves (response bodies, the
//! 2016 `Input` bodies and the curl `-d` bodies) and matched to the
//! operation whose `METHOD /path` line precedes them. Skips, with a note,
//! where `../shared` is absent.

mod seed_documents;

use github_apps::Operation;
use github_apps::models;
use github_apps::operations::{apps, integrations};
use serde::Serialize;
use serde::de::DeserializeOwned;
use seed_documents::{Example, extract, seeds_dir};
use serde_json::Value;

/// Decodes a response example with the operation's own decoder and re-encodes it.
fn response<O: Operation>(status: u16, value: &Value) -> Value
where
    O::Response: Serialize,
{
    let bytes = serde_json::to_vec(value).unwrap();
    let decoded = O::decode(status, &bytes)
        .unwrap_or_else(|| panic!("{} does not document status {status}", O::ID))
        .unwrap_or_else(|err| panic!("{}: {err}", O::ID));
    serde_json::to_value(decoded).unwrap()
}

fn model<T: DeserializeOwned + Serialize>(value: &Value) -> Value {
    let decoded: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|err| panic!("{}: {err}", std::any::type_name::<T>()));
    serde_json::to_value(decoded).unwrap()
}

/// Round-trips an example through the generated type for its operation.
fn round_trip(example: &Example) -> Value {
    let status = example.status.unwrap_or(200);
    let value = &example.value;
    match (example.operation.as_str(), example.request) {
        ("GET /app", false) => response::<apps::GetAuthenticated>(status, value),
        ("POST /app-manifests/{code}/conversions", false) => response::<apps::CreateFromManifest>(status, value),
        ("GET /app/installations", false) => response::<apps::ListInstallations>(status, value),
        ("GET /app/installations/{installation_id}", false) => response::<apps::GetInstallation>(status, value),
        ("POST /app/installations/{installation_id}/access_tokens", false) => {
            response::<apps::CreateInstallationAccessToken>(status, value)
        }
        ("POST /app/installations/{installation_id}/access_tokens", true) => {
            model::<models::CreateInstallationAccessTokenRequest>(value)
        }
        ("GET /apps/{app_slug}", false) => response::<apps::GetBySlug>(status, value),
        ("GET /orgs/{org}/installation", false) => response::<apps::GetOrgInstallation>(status, value),
        ("GET /repos/{owner}/{repo}/installation", false) => response::<apps::GetRepoInstallation>(status, value),
        ("GET /users/{username}/installation", false) => response::<apps::GetUserInstallation>(status, value),
        ("DELETE /applications/{client_id}/grant", true) => model::<models::DeleteAuthorizationRequest>(value),
        ("POST /applications/{client_id}/token", true) => model::<models::CheckTokenRequest>(value),
        ("POST /applications/{client_id}/token", false) => response::<apps::CheckToken>(status, value),
        ("PATCH /applications/{client_id}/token", true) => model::<models::ResetTokenRequest>(value),
        ("PATCH /applications/{client_id}/token", false) => response::<apps::ResetToken>(status, value),
        ("DELETE /applications/{client_id}/token", true) => model::<models::DeleteTokenRequest>(value),
        ("GET /applications/{client_id}/tokens/{access_token}", false) => {
            #[allow(deprecated)]
            response::<apps::CheckAuthorization>(status, value)
        }
        ("POST /applications/{client_id}/tokens/{access_token}", false) => {
            #[allow(deprecated)]
            response::<apps::ResetAuthorization>(status, value)
        }
        ("POST /content_references/{content_reference_id}/attachments", true) => {
            model::<models::CreateContentAttachmentRequest>(value)
        }
        ("POST /content_references/{content_reference_id}/attachments", false) => {
            response::<apps::CreateContentAttachment>(status, value)
        }
        ("GET /installation/repositories", false) => response::<apps::ListReposAccessibleToInstallation>(status, value),
        ("GET /user/installations", false) => response::<apps::ListInstallationsForAuthenticatedUser>(status, value),
        ("GET /user/installations/{installation_id}/repositories", false) => {
            response::<apps::ListInstallationReposForAuthenticatedUser>(status, value)
        }
        ("GET /integration/installations", false) => response::<integrations::ListInstallations>(status, value),
        ("POST /installations/{installation_id}/access_tokens", true) => {
            model::<models::CreateInstallationTokenRequest>(value)
        }
        ("POST /installations/{installation_id}/access_tokens", false) => {
            response::<integrations::CreateInstallationToken>(status, value)
        }
        ("POST /integration/identity/user", true) => model::<models::RequestUserIdentityRequest>(value),
        // The 2016 document leaves this status blank; the spec documents 200.
        ("POST /integration/identity/user", false) => response::<integrations::RequestUserIdentity>(200, value),
        (operation, request) => panic!("no generated type for {operation} (request: {request})"),
    }
}

fn check_document(name: &str, expected_examples: usize) {
    let Some(dir) = seeds_dir() else {
        eprintln!("note: ../shared/seeds is absent; skipping the {name} examples");
        return;
    };
    let text = std::fs::read_to_string(dir.join(name)).unwrap();
    let examples = extract(&text);
    assert_eq!(examples.len(), expected_examples, "{name}: {:#?}", examples.iter().map(|e| &e.operation).collect::<Vec<_>>());
    for example in &examples {
        let back = round_trip(example);
        assert_eq!(back, example.value, "{} (request: {}) did not round-trip", example.operation, example.request);
    }
}

#[test]
fn ghes_apps_examples_round_trip() {
    // 17 response bodies (the other 8 operations answer 204) and 6 curl request bodies.
    check_document("ghes-apps-api.txt", 23);
}

#[test]
fn integrations_2016_examples_round_trip() {
    // 1 list, 2 inputs, 2 token bodies (with and without a user), 1 identity.
    check_document("integrations-preview-2016.txt", 6);
}

#[test]
fn extraction_reads_templates_and_inputs() {
    let examples = extract("Title\nPOST /installations/:installation_id/access_tokens\nInput\n{\n\"user_id\": \"42\"\n}\nResponse\nStatus: 201 Created\n{\"token\": \"t\"}\n");
    assert_eq!(examples.len(), 2);
    assert_eq!(examples[0].operation, "POST /installations/{installation_id}/access_tokens");
    assert!(examples[0].request);
    assert!(!examples[1].request);
    assert_eq!(examples[1].status, Some(201));
}
