//! Schemas and operations named like Rust's prelude (the `prelude_names`
//! fixture spec): models get `Model` appended and operation types
//! `Request`, as ARCHITECTURE.md documents ("Generated names"), so the
//! generated code compiles (this file uses it) and still decodes; a schema
//! already called by the appended name is a `NameCollision`.

use github_apps::runtime::operation::Operation;
use github_apps_codegen::{Profile, SpecErrorKind};
use github_apps_tests::generated::prelude_names::models::{BoxModel, DefaultModel, OptionModel, ResultModel, VecModel};
use github_apps_tests::generated::prelude_names::operations::things::{OperationRequest, ResultRequest};
use serde_json::json;

#[test]
fn prelude_named_models_decode_and_encode() {
    let value = json!({"value": "some", "items": ["a", "b"], "boxed": {"inner": {"value": "none"}}});
    let result: ResultModel = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(result.value, OptionModel::Some);
    let items: &VecModel = result.items.as_ref().unwrap();
    assert_eq!(items, &["a".to_owned(), "b".to_owned()]);
    let boxed: &BoxModel = result.boxed.as_deref().unwrap();
    assert_eq!(boxed.inner.as_ref().unwrap().value, OptionModel::None);
    assert_eq!(serde_json::to_value(&result).unwrap(), value);
}

#[test]
fn prelude_named_operations_are_requests() {
    assert_eq!(ResultRequest::ID, "things/result");
    assert_eq!(OperationRequest::ID, "things/operation");
    let body = DefaultModel::new().name("octocat");
    assert_eq!(serde_json::to_value(&body).unwrap(), json!({"name": "octocat"}));
    let _request: OperationRequest = OperationRequest::new(body);
}

#[test]
fn a_schema_called_by_the_appended_name_collides_or_gets_a_free_one() {
    let text = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Result: {type: string}
    ResultModel: {type: integer}
"#;
    let spec = github_apps_codegen::spec::load("t.yaml", text).unwrap();
    // The description profile gives the later schema a free name.
    let api = github_apps_codegen::lower::lower(&spec, Profile::Description).unwrap();
    let names: Vec<&str> = api.models.keys().map(String::as_str).collect();
    assert_eq!(names, ["ResultModel", "ResultModel2"]);
    let errors = github_apps_codegen::lower::lower(&spec, Profile::Curated).expect_err("the names collide");
    assert!(
        errors.0.iter().all(|error| error.kind == SpecErrorKind::NameCollision && error.pointer == "/components/schemas/ResultModel"),
        "{errors}"
    );
    let names_both = "schema `ResultModel` and schema `Result` both become `ResultModel`";
    assert!(errors.0.iter().any(|error| error.message.contains(names_both)), "{errors}");
}
