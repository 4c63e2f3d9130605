//! Secrets never print: every value that holds one (tokens, JWTs, the
//! private key, the client secret, the generated models' secret fields),
//! every client holding one and every error a credential can cause is
//! formatted with `Display`, `Debug` and `{:#?}`, and none of the secret
//! strings may appear.

use std::fmt::Debug;
use std::time::{Duration, SystemTime};

use github_apps::models::{
    Authorization, CheckTokenRequest, DeleteAuthorizationRequest, InstallationToken, InstallationToken2016,
    IntegrationFromManifest,
};
use github_apps::operations::apps;
use github_apps::runtime::auth::OAuthAppCredentials;
use github_apps::{AuthError, ClientBuilder, Error, ManualClock, SecretString, Token};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use github_apps_runtime::test_util as keys;
use keys::{pkcs1, pkcs8};

const CLIENT_SECRET: &str = "1726be1638095a19edd134c77bde3aa2ece1e5d8";
const USER_TOKEN: &str = "ghu_16C7e42F292c6912E7710c838347Ae178B4a";
const INSTALLATION_TOKEN: &str = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

fn fixture(name: &str) -> Value {
    let text = std::fs::read_to_string(format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Pieces of a PEM key long enough to be unmistakable: every base64 line.
fn key_fragments(pem: &str) -> Vec<String> {
    pem.lines().filter(|line| !line.starts_with("-----") && line.len() > 16).map(str::to_owned).collect()
}

/// Formats `value` every way and asserts that no secret appears.
#[track_caller]
fn assert_redacted<T: Debug>(what: &str, value: &T, display: Option<String>, secrets: &[String]) {
    let mut printed = vec![format!("{value:?}"), format!("{value:#?}")];
    printed.extend(display);
    for text in &printed {
        for secret in secrets {
            assert!(!text.contains(secret.as_str()), "{what} prints the secret {secret:?}: {text}");
        }
    }
}

fn owned(secrets: &[&str]) -> Vec<String> {
    secrets.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn runtime_secret_holders_print_redacted() {
    let token = Token::new(INSTALLATION_TOKEN);
    assert_redacted("Token", &token, Some(token.to_string()), &owned(&[INSTALLATION_TOKEN]));
    assert_eq!(token.to_string(), "[REDACTED]");
    let secret = SecretString::from(CLIENT_SECRET);
    assert_redacted("SecretString", &secret, Some(secret.to_string()), &owned(&[CLIENT_SECRET]));
    let credentials = OAuthAppCredentials::new("Iv1.8a61f9b3a7aba766", CLIENT_SECRET);
    assert_redacted("OAuthAppCredentials", &credentials, None, &owned(&[CLIENT_SECRET]));
    assert!(format!("{credentials:?}").contains("Iv1.8a61f9b3a7aba766"), "the client id is not a secret");
}

#[test]
fn generated_models_redact_their_secret_fields() {
    let manifest: IntegrationFromManifest = serde_json::from_value(fixture("create-from-manifest.json")).unwrap();
    let mut manifest_secrets = owned(&[CLIENT_SECRET, "e340154128314309424b7c8e90325147d99fdafa"]);
    manifest_secrets.extend(key_fragments(manifest.pem.expose_secret()));
    assert!(manifest_secrets.len() > 10, "the example's pem has base64 lines");
    assert_eq!(manifest.client_secret.expose_secret(), CLIENT_SECRET);
    assert_redacted("IntegrationFromManifest", &manifest, None, &manifest_secrets);
    assert_redacted("client_secret", &manifest.client_secret, Some(manifest.client_secret.to_string()), &manifest_secrets);
    let webhook_secret = manifest.webhook_secret.as_ref().unwrap();
    assert_redacted("webhook_secret", webhook_secret, Some(webhook_secret.to_string()), &manifest_secrets);
    assert_redacted("pem", &manifest.pem, Some(manifest.pem.to_string()), &manifest_secrets);
    // The wire form is untouched: it serializes back to the example.
    assert_eq!(serde_json::to_value(&manifest).unwrap()["pem"], fixture("create-from-manifest.json")["pem"]);

    let token: InstallationToken = serde_json::from_value(fixture("create-installation-access-token.json")).unwrap();
    assert_eq!(token.token.expose_secret(), "v1.1f699f1069f60xxx");
    assert_redacted("InstallationToken", &token, Some(token.token.to_string()), &owned(&["v1.1f699f1069f60xxx"]));
    let token: InstallationToken2016 = serde_json::from_value(fixture("create-installation-token-2016.json")).unwrap();
    assert_redacted("InstallationToken2016", &token, Some(token.token.to_string()), &owned(&["v1.1f699f1069f60xxx"]));
    let authorization: Authorization = serde_json::from_value(fixture("check-token.json")).unwrap();
    assert_eq!(authorization.token.expose_secret(), "abcdefgh12345678");
    assert_redacted("Authorization", &authorization, None, &owned(&["abcdefgh12345678"]));

    let check = CheckTokenRequest::new(USER_TOKEN);
    assert_redacted("CheckTokenRequest", &check, None, &owned(&[USER_TOKEN]));
    assert_eq!(serde_json::to_value(&check).unwrap(), json!({"access_token": USER_TOKEN}));
    let operation = apps::CheckToken::new("Iv1.8a61f9b3a7aba766", check);
    assert_redacted("apps::CheckToken", &operation, None, &owned(&[USER_TOKEN]));
    let delete = DeleteAuthorizationRequest::new(USER_TOKEN);
    assert_redacted("DeleteAuthorizationRequest", &delete, None, &owned(&[USER_TOKEN]));
}

#[test]
fn clients_print_no_credential() {
    let builder = ClientBuilder::new().base_url("https://ghe.example.com");
    let mut secrets = owned(&[CLIENT_SECRET, USER_TOKEN, INSTALLATION_TOKEN]);
    secrets.extend(key_fragments(pkcs1()));
    secrets.extend(key_fragments(pkcs8()));
    for pem in [pkcs1(), pkcs8()] {
        let app = builder.app(42, pem).unwrap();
        assert_redacted("AppClient", &app, None, &secrets);
        assert!(format!("{app:?}").contains("[REDACTED]"));
        assert_redacted("InstallationClient", &app.installation(7), None, &secrets);
    }
    assert_redacted("OAuthAppClient", &builder.oauth_app("Iv1.x", CLIENT_SECRET).unwrap(), None, &secrets);
    assert_redacted("UserClient", &builder.user_token(USER_TOKEN).unwrap(), None, &secrets);
    assert_redacted("InstallationClient", &builder.installation_token(INSTALLATION_TOKEN).unwrap(), None, &secrets);
}

#[test]
fn auth_errors_name_the_problem_not_the_secret() {
    let mut secrets = key_fragments(pkcs1());
    // A key with its header damaged.
    let damaged = pkcs1().replace("BEGIN RSA PRIVATE KEY", "BEGIN RSA PRIVATE KEX");
    let err = ClientBuilder::new().app(42, &damaged).unwrap_err();
    assert!(matches!(err, Error::Auth(AuthError::InvalidPrivateKey)));
    assert_redacted("invalid key", &err, Some(err.to_string()), &secrets);
    // A key whose body is damaged.
    let lines: Vec<&str> = pkcs1().lines().collect();
    let truncated = format!("{}\n{}\n{}\n", lines[0], lines[1], lines[lines.len() - 1]);
    let err = ClientBuilder::new().app(42, &truncated).unwrap_err();
    assert_redacted("truncated key", &err, Some(err.to_string()), &secrets);

    secrets.push("ghu_line\nbreak".to_owned());
    for variant in [
        AuthError::InvalidPrivateKey,
        AuthError::Signing("InvalidKeyFormat".to_owned()),
        AuthError::InvalidHeaderValue("token"),
    ] {
        let err = Error::from(variant.clone());
        assert_redacted("AuthError", &variant, Some(variant.to_string()), &secrets);
        assert_redacted("Error::Auth", &err, Some(err.to_string()), &secrets);
    }
}

/// Caught when the client is built (its `Authorization` value is built
/// once), like a private key that cannot sign.
#[tokio::test]
async fn a_token_that_cannot_be_a_header_fails_without_printing_it() {
    let server = MockServer::start().await;
    let builder = ClientBuilder::new().base_url(server.uri());
    let err = builder.user_token("ghu_line\nbreak").unwrap_err();
    assert!(matches!(err, Error::Auth(AuthError::InvalidHeaderValue("token"))), "{err:?}");
    let installation = builder.installation_token("ghs_line\nbreak").unwrap_err();
    assert!(matches!(installation, Error::Auth(AuthError::InvalidHeaderValue("token"))), "{installation:?}");
    assert_redacted("invalid header", &installation, Some(installation.to_string()), &owned(&["ghs_line", "break"]));
    assert_redacted("invalid header", &err, Some(err.to_string()), &owned(&["ghu_line", "break"]));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn errors_after_authenticated_requests_carry_no_credential() {
    let server = MockServer::start().await;
    let clock = ManualClock::new(SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000));
    Mock::given(method("POST"))
        .and(path("/api/v3/app/installations/7/access_tokens"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({
            "token": INSTALLATION_TOKEN,
            "expires_at": "2023-11-14T23:13:20Z",
            "permissions": {},
            "repository_selection": "all",
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/installation/repositories"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({"message": "Resource not accessible by integration"})))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Bad credentials"})))
        .mount(&server)
        .await;
    let app = ClientBuilder::new().base_url(server.uri()).clock(clock).app(42, pkcs1()).unwrap();
    let installation = app.installation(7);

    let forbidden = installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap_err();
    assert_eq!(forbidden.status(), Some(403));
    let unauthorized = app.send(apps::DeleteInstallation::new(7)).await.unwrap_err();
    assert_eq!(unauthorized.status(), Some(401));

    // Everything that was sent as a credential, as the server saw it.
    let mut secrets = key_fragments(pkcs1());
    secrets.push(INSTALLATION_TOKEN.to_owned());
    for request in server.received_requests().await.unwrap() {
        let value = request.headers.get("authorization").unwrap().to_str().unwrap();
        secrets.push(value.strip_prefix("Bearer ").unwrap().to_owned());
    }
    assert!(secrets.iter().any(|s| s.starts_with("eyJ")), "a JWT was sent and is checked");
    assert_redacted("403 error", &forbidden, Some(forbidden.to_string()), &secrets);
    assert_redacted("401 error", &unauthorized, Some(unauthorized.to_string()), &secrets);
    assert_redacted("installation client after use", &installation, None, &secrets);
    assert_redacted("app client after use", &app, None, &secrets);
    assert_redacted("access token", &installation.access_token().await.unwrap(), None, &secrets);
}

#[test]
#[allow(deprecated)]
fn deprecated_oauth_requests_redact_the_token_in_their_path() {
    const PATH_TOKEN: &str = "gho_path_token_must_not_print";
    let secrets = owned(&[PATH_TOKEN]);
    let check = apps::CheckAuthorization::new("Iv1.8a61f9b3a7aba766", PATH_TOKEN);
    assert_redacted("CheckAuthorization", &check, None, &secrets);
    assert_redacted("ResetAuthorization", &apps::ResetAuthorization::new("Iv1.x", PATH_TOKEN), None, &secrets);
    assert_redacted(
        "RevokeAuthorizationForApplication",
        &apps::RevokeAuthorizationForApplication::new("Iv1.x", PATH_TOKEN),
        None,
        &secrets,
    );
    assert_redacted("RevokeGrantForApplication", &apps::RevokeGrantForApplication::new("Iv1.x", PATH_TOKEN), None, &secrets);
    // The path itself still carries the token: that is where GitHub expects it.
    use github_apps::Operation;
    assert_eq!(check.path().unwrap(), format!("/applications/Iv1.8a61f9b3a7aba766/tokens/{PATH_TOKEN}"));
}
