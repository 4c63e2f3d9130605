//! Request bodies are built with constructors and setters (the models are
//! `#[non_exhaustive]`, so a property the spec adds breaks no caller), and
//! serialize exactly what was set.

use github_apps::models::{AppPermissions, CheckTokenRequest, CreateInstallationAccessTokenRequest, PermissionReadWrite};
use serde_json::json;

#[test]
fn constructors_take_the_required_properties_and_setters_the_rest() {
    let check = CheckTokenRequest::new("gho_16C7e42F292c6912E7710c838347Ae178B4a");
    assert_eq!(serde_json::to_value(&check).unwrap(), json!({"access_token": "gho_16C7e42F292c6912E7710c838347Ae178B4a"}));
    assert!(!format!("{check:?}").contains("gho_"), "the secret stays redacted");

    let empty = CreateInstallationAccessTokenRequest::new();
    assert_eq!(serde_json::to_value(&empty).unwrap(), json!({}), "unset optional properties are not sent");
    let limited = CreateInstallationAccessTokenRequest::new()
        .repository_ids(vec![1296269])
        .permissions(AppPermissions::new().contents(PermissionReadWrite::Read).issues(PermissionReadWrite::Write));
    assert_eq!(
        serde_json::to_value(&limited).unwrap(),
        json!({"repository_ids": [1296269], "permissions": {"contents": "read", "issues": "write"}})
    );
}
