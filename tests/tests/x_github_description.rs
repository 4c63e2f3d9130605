//! A description written like GitHub's own (`tests/fixtures/descriptions/`:
//! no `security`, previews and deprecation in `x-github`) generated under
//! `Profile::Description`: its snapshots, and the operations' previews,
//! credentials and deprecation as generated. Under the curated profile the
//! same file is refused for its missing `security`.

use std::path::Path;

use github_apps_codegen::ir::{Api, Operation};
use github_apps_codegen::{Options, Profile, SpecErrorKind};

const SPEC: &str = "tests/fixtures/descriptions/x_github.yaml";

fn text() -> String {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace");
    std::fs::read_to_string(workspace.join(SPEC)).expect("the fixture is readable")
}

fn lowered() -> Api {
    let spec = github_apps_codegen::spec::load(SPEC, &text()).unwrap_or_else(|err| panic!("{err}"));
    github_apps_codegen::spec::validate(&spec, Profile::Description).unwrap_or_else(|err| panic!("{err}"));
    github_apps_codegen::lower::lower(&spec, Profile::Description).unwrap_or_else(|err| panic!("{err}"))
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations.iter().find(|operation| operation.id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

/// The generated `impl Operation` block of a request type, without
/// whitespace (so prettyplease's line breaks do not matter).
fn operation_impl(operations_rs: &str, type_name: &str) -> String {
    let start = operations_rs.find(&format!("impl Operation for {type_name} {{")).expect("the impl is generated");
    let rest = &operations_rs[start..];
    squeeze(&rest[..rest.find("\n    }\n").unwrap_or(rest.len())])
}

/// `text` without whitespace and trailing commas.
fn squeeze(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    text.replace(",]", "]").replace(",}", "}").replace(",)", ")")
}

#[test]
fn snapshots() {
    let files = github_apps_codegen::generate_with(SPEC, &text(), &Options::with_profile(Profile::Description))
        .unwrap_or_else(|err| panic!("{err}"));
    for file in files {
        let name = format!("description_x_github__{}", file.path.trim_end_matches(".rs"));
        insta::assert_snapshot!(name, file.contents);
    }
}

#[test]
fn previews_come_from_x_github() {
    let api = lowered();
    let previews: Vec<(&str, &str)> =
        api.previews.iter().map(|preview| (preview.api_name.as_str(), preview.media_type.as_str())).collect();
    assert_eq!(
        previews,
        [
            ("machine-man", "application/vnd.github.machine-man-preview+json"),
            ("mercy", "application/vnd.github.mercy-preview+json")
        ]
    );
    let files = github_apps_codegen::generate_with(SPEC, &text(), &Options::with_profile(Profile::Description)).unwrap();
    let operations_rs = &files.iter().find(|file| file.path == "operations.rs").unwrap().contents;

    let get = operation_impl(operations_rs, "GetInstallation");
    assert!(get.contains(&squeeze("const REQUIRED_PREVIEWS: &'static [Preview] = &[super::super::previews::MACHINE_MAN,];")), "{get}");
    assert!(get.contains(&squeeze("const OPTIONAL_PREVIEWS: &'static [Preview] = &[];")), "{get}");

    let list = operation_impl(operations_rs, "ListForAuthenticatedUser");
    assert!(list.contains(&squeeze("const REQUIRED_PREVIEWS: &'static [Preview] = &[];")), "{list}");
    assert!(list.contains(&squeeze("const OPTIONAL_PREVIEWS: &'static [Preview] = &[super::super::previews::MERCY,];")), "{list}");
    assert!(operations_rs.contains("pub fn with_mercy_preview(mut self) -> Self"));

    let previews_rs = &files.iter().find(|file| file.path == "previews.rs").unwrap().contents;
    assert!(
        squeeze(previews_rs).contains(&squeeze(
            "pub const MACHINE_MAN: Preview = Preview { name: \"machine-man\", \
             media_type: \"application/vnd.github.machine-man-preview+json\" };"
        )),
        "{previews_rs}"
    );
}

#[test]
fn no_security_means_every_credential_and_anonymous() {
    let api = lowered();
    let files = github_apps_codegen::generate_with(SPEC, &text(), &Options::with_profile(Profile::Description)).unwrap();
    let operations_rs = &files.iter().find(|file| file.path == "operations.rs").unwrap().contents;
    for operation in &api.operations {
        assert!(operation.security.anonymous, "{}", operation.id);
        let generated = operation_impl(operations_rs, &operation.type_name);
        assert!(
            generated.contains(&squeeze(
                "const SECURITY: Security = Security { anonymous: true, credentials: &[CredentialKind::AppJwt, \
                 CredentialKind::InstallationToken, CredentialKind::OAuthAppBasic, CredentialKind::UserToken,] };"
            )),
            "{generated}"
        );
        // Anonymous: callable from every client.
        assert!(operations_rs.contains(&format!("impl<K: ClientCredential> CallableWith<K> for {}", operation.type_name)));
    }
}

#[test]
fn deprecation_comes_from_x_github() {
    let api = lowered();
    let deprecated = operation(&api, "oauth-authorizations/list-authorizations");
    assert_eq!(deprecated.deprecation.as_deref(), Some("Deprecated since 2020-02-14; removal planned for 2020-11-13."));
    assert_eq!(operation(&api, "apps/get-installation").deprecation, None);
}

#[test]
fn the_curated_profile_refuses_it() {
    let errors = github_apps_codegen::generate(SPEC, &text()).expect_err("no security, no descriptions");
    assert!(errors.0.iter().any(|error| error.kind == SpecErrorKind::MissingSecurity), "{errors}");
    assert_eq!(errors.0.iter().filter(|error| error.kind == SpecErrorKind::MissingSecurity).count(), 3, "{errors}");
}
