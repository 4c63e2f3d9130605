//! Operations without an `operationId` (the `no_operation_ids` fixture
//! description): under `Profile::Description` each is named from its method
//! and path as ARCHITECTURE.md documents ("Generated names"), its `ID` is
//! `METHOD /path`, and two that would get the same name are a
//! `NameCollision` naming both. The curated profile still refuses them.

use std::path::Path;

use github_apps::runtime::operation::Operation;
use github_apps_codegen::ir::Api;
use github_apps_codegen::{Options, Profile, SpecErrorKind};
use github_apps_tests::generated::no_operation_ids::operations::{default, issues, meta};

const SPEC: &str = "tests/fixtures/descriptions/no_operation_ids.yaml";

fn text() -> String {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace");
    std::fs::read_to_string(workspace.join(SPEC)).expect("the fixture is readable")
}

fn lowered(text: &str) -> Result<Api, github_apps_codegen::SpecErrors> {
    let spec = github_apps_codegen::spec::load(SPEC, text)?;
    github_apps_codegen::spec::validate(&spec, Profile::Description)?;
    github_apps_codegen::lower::lower(&spec, Profile::Description)
}

#[test]
fn operations_are_named_from_method_and_path() {
    let api = lowered(&text()).unwrap_or_else(|err| panic!("{err}"));
    let names: Vec<(&str, &str, &str, &str)> = api
        .operations
        .iter()
        .map(|operation| {
            (operation.id.as_str(), operation.module.as_str(), operation.type_name.as_str(), operation.method_name.as_str())
        })
        .collect();
    assert_eq!(
        names,
        [
            ("GET /", "default", "Get", "get"),
            ("GET /repos/{owner}/{repo}/issues", "issues", "GetReposOwnerRepoIssues", "get_repos_owner_repo_issues"),
            ("POST /repos/{owner}/{repo}/issues", "issues", "PostReposOwnerRepoIssues", "post_repos_owner_repo_issues"),
            ("meta/get-zen", "meta", "GetZen", "get_zen"),
        ]
    );
}

#[test]
fn the_compiled_ids_are_method_and_path() {
    assert_eq!(issues::GetReposOwnerRepoIssues::ID, "GET /repos/{owner}/{repo}/issues");
    assert_eq!(issues::PostReposOwnerRepoIssues::ID, "POST /repos/{owner}/{repo}/issues");
    assert_eq!(default::Get::ID, "GET /");
    assert_eq!(meta::GetZen::ID, "meta/get-zen", "an operationId stays the id");
}

#[test]
fn a_later_operation_with_the_same_derived_name_is_numbered() {
    // `/a-b` and `/a_b` both become `GetAB`: the later one is `GetAB2`.
    let text = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /a-b:
    get:
      responses: {"204": {description: none}}
  /a_b:
    get:
      responses: {"204": {description: none}}
"#;
    let api = lowered(text).expect("a taken name is numbered");
    let names: Vec<(&str, &str, &str)> =
        api.operations.iter().map(|op| (op.id.as_str(), op.type_name.as_str(), op.method_name.as_str())).collect();
    assert_eq!(names, [("GET /a-b", "GetAB", "get_a_b"), ("GET /a_b", "GetAB2", "get_a_b_2")]);
}

#[test]
fn the_curated_profile_still_refuses_them() {
    let errors = github_apps_codegen::generate_with(SPEC, &text(), &Options::with_profile(Profile::Curated))
        .expect_err("the curated profile needs operationIds");
    assert!(errors.0.iter().any(|error| error.kind == SpecErrorKind::MissingOperationId), "{errors}");
}
