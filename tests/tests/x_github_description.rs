//! A description written like GitHub's own (`tests/fixtures/descriptions/`:
//! no `security`, previews and deprecation in `x-github`) generated under
//! `Profile::Description`: its snapshots, and the operations' previews,
//! credentials and deprecation as generated. Under the curated profile the
//! same file is refused for its missing `security`.

use std::path::Path;

use github_apps::runtime::operation::{
    Anonymous, AppJwt, CallableWith, Operation, OperationVisitor, Security, UserToken,
};
use github_apps_codegen::ir::Api;
use github_apps_tests::generated::x_github::{operations, previews};
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

fn operation<'a>(api: &'a Api, id: &str) -> &'a github_apps_codegen::ir::Operation {
    api.operations.iter().find(|operation| operation.id == id).unwrap_or_else(|| panic!("no operation {id}"))
}

#[test]
fn snapshots() {
    let files = github_apps_codegen::generate_with(SPEC, &text(), &Options::with_profile(Profile::Description))
        .unwrap_or_else(|err| panic!("{err}"));
    for file in files {
        let name = format!("description_x_github__{}", file.path.trim_end_matches(".rs").replace('/', "__"));
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
    // As compiled (`tests/src/generated/x_github`).
    assert_eq!(operations::apps::GetInstallation::REQUIRED_PREVIEWS, &[previews::MACHINE_MAN]);
    assert!(operations::apps::GetInstallation::OPTIONAL_PREVIEWS.is_empty());
    assert!(operations::repos::ListForAuthenticatedUser::REQUIRED_PREVIEWS.is_empty());
    assert_eq!(operations::repos::ListForAuthenticatedUser::OPTIONAL_PREVIEWS, &[previews::MERCY]);
    let opted = operations::repos::ListForAuthenticatedUser::new().with_mercy_preview();
    assert_eq!(opted.accept(), "application/vnd.github.mercy-preview+json");
    assert_eq!(operations::repos::ListForAuthenticatedUser::new().accept(), "application/vnd.github.v3+json");
    assert_eq!(previews::MACHINE_MAN.media_type, "application/vnd.github.machine-man-preview+json");

    let files = github_apps_codegen::generate_with(SPEC, &text(), &Options::with_profile(Profile::Description)).unwrap();
    let previews_rs = &files.iter().find(|file| file.path == "previews.rs").unwrap().contents;
    assert!(previews_rs.contains("pub const MACHINE_MAN: Preview"), "{previews_rs}");
}

#[test]
fn no_security_means_every_credential_and_anonymous() {
    let api = lowered();
    for operation in &api.operations {
        assert!(operation.security.anonymous, "{}", operation.id);
        assert_eq!(operation.security.kinds.len(), 4, "{}", operation.id);
    }
    // As compiled: every operation accepts anyone, and every client may send it.
    struct Anyone(Vec<&'static str>);
    impl OperationVisitor for Anyone {
        fn visit<O: Operation + 'static>(&mut self) {
            assert_eq!(O::SECURITY, Security::ANYONE, "{}", O::ID);
            self.0.push(O::ID);
        }
    }
    let mut visited = Anyone(Vec::new());
    operations::visit_operations(&mut visited);
    assert_eq!(visited.0.len(), api.operations.len());
    fn sendable_by<K, O: CallableWith<K>>() {}
    sendable_by::<Anonymous, operations::apps::GetInstallation>();
    sendable_by::<AppJwt, operations::repos::ListForAuthenticatedUser>();
    #[allow(deprecated)]
    sendable_by::<UserToken, operations::oauth_authorizations::ListAuthorizations>();
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
