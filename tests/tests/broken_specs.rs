//! Broken specs: each gives its located error (file, JSON pointer,
//! operation), and only that one, and leaves the output directories
//! untouched. Among them, one per check that spec/README.md promises under
//! "Checking the file".

use std::fs;
use std::path::{Path, PathBuf};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace")
}

struct Case {
    name: &'static str,
    pointer: &'static str,
    operation: Option<&'static str>,
    message: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "bad_ref",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        message: "`$ref: #/components/schemas/missing` does not resolve",
    },
    Case {
        name: "missing_operation_id",
        pointer: "/paths/~1things/get",
        operation: Some("GET /things"),
        message: "operation has no operationId",
    },
    Case {
        name: "unknown_preview",
        pointer: "/paths/~1things/get/x-github-previews/0/name",
        operation: Some("things/get-thing"),
        message: "unknown preview `machine-woman`",
    },
    Case {
        name: "path_parameter_missing",
        pointer: "/paths/~1things~1{thing_id}/get",
        operation: Some("things/get-thing"),
        message: "names `{thing_id}` but no path parameter `thing_id` is declared",
    },
    Case {
        name: "path_parameter_not_in_template",
        pointer: "/paths/~1things/get/parameters/0",
        operation: Some("things/get-thing"),
        message: "path parameter `thing_id` does not appear in the path template `/things`",
    },
    Case {
        name: "schema_name_collision",
        pointer: "/components/schemas/foo_bar",
        operation: None,
        message: "schema `foo_bar` and schema `foo-bar` both become `FooBar`",
    },
    Case {
        name: "operation_name_collision",
        pointer: "/paths/~1two/get/operationId",
        operation: Some("things/get-thing2"),
        message: "generated name `things::GetThing2` collides with operation `things/get-thing-2`",
    },
    Case {
        name: "duplicate_operation_id",
        pointer: "/paths/~1two/get",
        operation: Some("things/get-thing"),
        message: "operationId `things/get-thing` is also used at /paths/~1one/get",
    },
    Case { name: "invalid_yaml", pointer: "", operation: None, message: "invalid YAML" },
    Case {
        name: "unsupported_not",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        message: "unsupported construct: `not`",
    },
    Case {
        name: "unknown_credential_kind",
        pointer: "/components/securitySchemes/magic/x-github-credential",
        operation: None,
        message: "unknown credential kind `magic-token`",
    },
    Case {
        name: "swagger_2",
        pointer: "/swagger",
        operation: None,
        message: "Swagger 2.0 (`swagger: 2.0`) is not supported: only OpenAPI 3.0.x (`openapi: 3.0.*`) is; convert it first",
    },
    Case {
        name: "openapi_3_1",
        pointer: "/openapi",
        operation: None,
        message: "OpenAPI 3.1.0 (`openapi: 3.1.0`) is not supported: only OpenAPI 3.0.x (`openapi: 3.0.*`) is",
    },
    Case {
        name: "no_version",
        pointer: "/openapi",
        operation: None,
        message: "neither `openapi` nor `swagger` is set",
    },
    Case {
        name: "not_openapi_shape",
        // openapiv3 hides paths inside a schema; the probe narrows it to the schema.
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        message: "not a valid OpenAPI 3.0 document here",
    },
    // The checks spec/README.md promises ("Checking the file").
    Case {
        name: "missing_security",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        message: "operation has no security: list the schemes it accepts, or write `security: [{}]`",
    },
    Case {
        name: "missing_summary",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        message: "operation has no summary",
    },
    Case {
        name: "missing_description",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        message: "operation has no description",
    },
    Case {
        name: "missing_tags",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        message: "operation has no tags",
    },
    Case {
        name: "no_responses",
        pointer: "/paths/~1things/get/responses",
        operation: Some("things/get-thing"),
        message: "operation has no responses",
    },
    Case {
        name: "operation_id_not_kebab",
        pointer: "/paths/~1things/get/operationId",
        operation: Some("things/getThing"),
        message: "operationId `things/getThing` is not of the form `group/kebab-name`",
    },
    Case {
        name: "ref_with_siblings",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        message: "$ref with siblings (`description`), which OpenAPI 3.0 ignores",
    },
    Case {
        name: "path_parameter_not_required",
        pointer: "/paths/~1things~1{thing_id}/get/parameters/0",
        operation: Some("things/get-thing"),
        message: "path parameter `thing_id` must be `required: true`",
    },
    Case {
        name: "pagination_without_page",
        pointer: "/paths/~1things/get/x-github-pagination",
        operation: Some("things/get-thing"),
        message: "a paginated operation needs the query parameter `page`",
    },
    Case {
        name: "deprecated_without_notice",
        pointer: "/paths/~1things/get/deprecated",
        operation: Some("things/get-thing"),
        message: "a deprecated operation needs `x-github-deprecation-notice`",
    },
    Case {
        name: "secret_in_url_not_deprecated",
        pointer: "/paths/~1tokens~1{access_token}/get/parameters/0",
        operation: Some("things/get-thing"),
        message: "parameter `access_token` puts a secret (`x-github-secret`) in the URL, which only a deprecated operation may do",
    },
    Case {
        name: "example_undeclared_key",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/colour",
        operation: Some("things/get-thing"),
        message: "example key `colour` is not a declared property of the schema",
    },
    Case {
        name: "example_wrong_type",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/id",
        operation: Some("things/get-thing"),
        message: "example value is a string, but the schema says `type: integer`",
    },
    Case {
        name: "example_missing_required",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example",
        operation: Some("things/get-thing"),
        message: "example lacks the required property `id`",
    },
    Case {
        name: "example_null_not_nullable",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/label",
        operation: Some("things/get-thing"),
        message: "example value is `null`, but the schema is not `nullable`",
    },
    Case {
        name: "example_bad_date_time",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/seen_at",
        operation: Some("things/get-thing"),
        message: "example value `2017-07-08 16:18` is not an RFC 3339 date-time",
    },
    Case {
        name: "example_not_in_enum",
        pointer: "/components/schemas/thing/example/color",
        operation: None,
        message: "example value `purple` is not one of the enum values (red, green)",
    },
];

fn broken_spec(name: &str) -> (String, String) {
    let file = format!("tests/fixtures/broken/{name}.yaml");
    let text = fs::read_to_string(workspace().join(&file)).unwrap_or_else(|err| panic!("{file}: {err}"));
    (file, text)
}

#[test]
fn every_broken_spec_has_its_located_error() {
    let on_disk = fs::read_dir(workspace().join("tests/fixtures/broken")).unwrap().count();
    assert_eq!(on_disk, CASES.len(), "every broken spec has a case");
    for case in CASES {
        let (file, text) = broken_spec(case.name);
        let errors = match github_apps_codegen::generate(&file, &text) {
            Ok(_) => panic!("{}: generated without error", case.name),
            Err(errors) => errors,
        };
        let found = errors.0.iter().find(|error| error.message.contains(case.message));
        let Some(error) = found else {
            panic!("{}: no error says {:?}; got:\n{errors}", case.name, case.message);
        };
        // Each fixture is otherwise valid: every error is about its one problem.
        assert!(
            errors.0.iter().all(|other| other.pointer == case.pointer),
            "{}: errors elsewhere than {}:\n{errors}",
            case.name,
            case.pointer
        );
        assert_eq!(error.file, file, "{}", case.name);
        assert_eq!(error.pointer, case.pointer, "{}: {error}", case.name);
        assert_eq!(error.operation.as_deref(), case.operation, "{}: {error}", case.name);
        // The rendered message carries all three, for people.
        let rendered = error.to_string();
        assert!(rendered.starts_with(&format!("{file}#{}", case.pointer)), "{rendered}");
    }
}

#[test]
fn other_versions_are_refused_as_unsupported_versions() {
    // (fixture, the version the message names)
    for (name, found) in [("swagger_2", "`swagger: 2.0`"), ("openapi_3_1", "`openapi: 3.1.0`"), ("no_version", "neither")] {
        let (file, text) = broken_spec(name);
        let options = github_apps_codegen::Options::with_profile(github_apps_codegen::Profile::Description);
        for result in [github_apps_codegen::generate(&file, &text), github_apps_codegen::generate_with(&file, &text, &options)] {
            let errors = result.expect_err(name);
            let [error] = errors.0.as_slice() else { panic!("{name}: one error expected:\n{errors}") };
            assert_eq!(error.kind, github_apps_codegen::SpecErrorKind::UnsupportedVersion, "{name}: {error}");
            assert!(error.message.contains(found), "{name}: {error}");
            assert!(error.message.contains("only OpenAPI 3.0.x"), "{name} says what is supported: {error}");
        }
    }
}

#[test]
fn curation_refusals_generate_under_the_description_profile() {
    // A `$ref`'s siblings are ignored, as OpenAPI 3.0 says; an operation
    // without an id is named from its method and path.
    let options = github_apps_codegen::Options::with_profile(github_apps_codegen::Profile::Description);
    // (fixture, the kind the curated profile refuses it for, what the
    // description profile generates in `operations/things.rs`)
    for (name, kind, generated) in [
        ("ref_with_siblings", github_apps_codegen::SpecErrorKind::RefSiblings, "type Response = models::Thing;"),
        ("missing_operation_id", github_apps_codegen::SpecErrorKind::MissingOperationId, "const ID: &'static str = \"GET /things\";"),
    ] {
        let (file, text) = broken_spec(name);
        let curated = github_apps_codegen::generate(&file, &text).expect_err(name);
        assert!(curated.0.iter().all(|error| error.kind == kind), "{name}: {curated}");
        let files = github_apps_codegen::generate_with(&file, &text, &options).unwrap_or_else(|err| panic!("{name}: {err}"));
        let operations = files.iter().find(|file| file.path == "operations/things.rs").expect("the things group");
        assert!(operations.contents.contains(generated), "{name}: {}", operations.contents);
    }
}

/// A scratch workspace with a spec, a fixture dir and pre-existing output.
fn scratch_workspace(name: &str, main_spec: &str, fixture: Option<&str>) -> PathBuf {
    let root = std::env::temp_dir().join(format!("github-apps-broken-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("spec")).unwrap();
    fs::create_dir_all(root.join(xtask::MAIN_OUTPUT)).unwrap();
    fs::create_dir_all(root.join(xtask::FIXTURE_SPECS)).unwrap();
    fs::write(root.join(xtask::MAIN_SPEC), main_spec).unwrap();
    fs::write(root.join(xtask::MAIN_OUTPUT).join("models.rs"), "// previous output\n").unwrap();
    if let Some(fixture) = fixture {
        fs::write(root.join(xtask::FIXTURE_SPECS).join("broken.yaml"), fixture).unwrap();
    }
    root
}

fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn a_broken_spec_writes_nothing() {
    for case in CASES {
        let (_, text) = broken_spec(case.name);
        let root = scratch_workspace(case.name, &text, None);
        let before = snapshot(&root);
        let err = xtask::codegen(&root, xtask::Mode::Write).expect_err(case.name);
        assert!(err.to_string().contains(case.message), "{}: {err}", case.name);
        assert!(err.to_string().contains("nothing was written"), "{err}");
        assert_eq!(snapshot(&root), before, "{}: the workspace changed", case.name);
        fs::remove_dir_all(&root).unwrap();
    }
}

#[test]
fn one_broken_fixture_stops_every_write() {
    let good = fs::read_to_string(workspace().join("tests/fixtures/specs/enum_field.yaml")).unwrap();
    let (_, broken) = broken_spec("bad_ref");
    let root = scratch_workspace("mixed", &good, Some(&broken));
    let before = snapshot(&root);
    let err = xtask::codegen(&root, xtask::Mode::Write).expect_err("the fixture is broken");
    assert!(err.to_string().contains("tests/fixtures/specs/broken.yaml#/paths"), "{err}");
    assert_eq!(snapshot(&root), before);

    // With the fixture gone, the same workspace generates, and `--check` then passes.
    fs::remove_file(root.join(xtask::FIXTURE_SPECS).join("broken.yaml")).unwrap();
    let written = xtask::codegen(&root, xtask::Mode::Write).unwrap();
    assert!(written.changed.iter().any(|path| path.ends_with("models.rs")));
    let checked = xtask::codegen(&root, xtask::Mode::Check).unwrap();
    assert!(checked.changed.is_empty(), "{:?}", checked.changed);

    // A hand edit makes the check fail and name the file, without fixing it.
    let models = root.join(xtask::MAIN_OUTPUT).join("models.rs");
    fs::write(&models, "// edited by hand\n").unwrap();
    let stale = xtask::codegen(&root, xtask::Mode::Check).unwrap();
    assert_eq!(stale.changed, vec![models.clone()]);
    assert_eq!(fs::read_to_string(&models).unwrap(), "// edited by hand\n");
    fs::remove_dir_all(&root).unwrap();
}
