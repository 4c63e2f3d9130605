//! Broken specs: each gives its located error (file, JSON pointer,
//! operation), and only that one, and leaves the output directories
//! untouched. Among them, one per check that spec/README.md promises under
//! "Checking the file".

use std::fs;
use std::path::{Path, PathBuf};

use github_apps_codegen::{Construct, Options, Profile, SpecError, SpecErrorKind, SpecErrors};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace")
}

/// A broken spec and the error it must give, matched by kind and location;
/// the message only has to name the offending item (`names`), so rewording
/// it breaks no test, while a wrong kind or location does.
struct Case {
    name: &'static str,
    pointer: &'static str,
    operation: Option<&'static str>,
    kind: SpecErrorKind,
    /// A fragment the message contains: the offending ref, name or value.
    names: &'static str,
}

fn case(name: &str) -> &'static Case {
    CASES.iter().find(|case| case.name == name).unwrap_or_else(|| panic!("no case {name}"))
}

/// The error of `case`'s kind at `case`'s pointer among `errors`.
fn located<'a>(case: &Case, errors: &'a SpecErrors) -> &'a SpecError {
    let found = errors.0.iter().find(|error| error.kind == case.kind && error.pointer == case.pointer);
    found.unwrap_or_else(|| panic!("{}: no {:?} error at {:?}; got:\n{errors}", case.name, case.kind, case.pointer))
}

const CASES: &[Case] = &[
    Case {
        name: "bad_ref",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::BadRef,
        names: "#/components/schemas/missing",
    },
    Case {
        name: "ref_cycle",
        pointer: "/components/schemas/thing",
        operation: None,
        kind: SpecErrorKind::BadRef,
        names: "cycle",
    },
    Case {
        name: "missing_operation_id",
        pointer: "/paths/~1things/get",
        operation: Some("GET /things"),
        kind: SpecErrorKind::MissingOperationId,
        names: "operationId",
    },
    Case {
        name: "unknown_preview",
        pointer: "/paths/~1things/get/x-github-previews/0/name",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Preview,
        names: "machine-woman",
    },
    Case {
        name: "path_parameter_missing",
        pointer: "/paths/~1things~1{thing_id}/get",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::PathParameter,
        names: "thing_id",
    },
    Case {
        name: "path_parameter_not_in_template",
        pointer: "/paths/~1things/get/parameters/0",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::PathParameter,
        names: "thing_id",
    },
    Case {
        name: "schema_name_collision",
        pointer: "/components/schemas/foo_bar",
        operation: None,
        kind: SpecErrorKind::NameCollision,
        names: "foo-bar",
    },
    Case {
        name: "operation_name_collision",
        pointer: "/paths/~1two/get/operationId",
        operation: Some("things/get-thing2"),
        kind: SpecErrorKind::NameCollision,
        names: "things/get-thing-2",
    },
    Case {
        name: "duplicate_operation_id",
        pointer: "/paths/~1two/get",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::DuplicateOperationId,
        names: "/paths/~1one/get",
    },
    Case {
        name: "invalid_yaml",
        pointer: "",
        operation: None,
        kind: SpecErrorKind::Malformed,
        names: "YAML",
    },
    Case {
        name: "unsupported_not",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Unsupported(Construct::Not),
        names: "`not`",
    },
    Case {
        name: "pointer_ref_cycle",
        pointer: "/components/schemas/tree/properties/children/items/properties/children",
        operation: None,
        kind: SpecErrorKind::BadRef,
        names: "part of the schema it points at",
    },
    Case {
        name: "path_label_style",
        pointer: "/paths/~1things~1{id}/get/parameters/0",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Unsupported(Construct::ParameterStyle),
        names: "`label` or `matrix`",
    },
    Case {
        name: "query_array_of_objects",
        pointer: "/paths/~1things/get/parameters/0",
        operation: Some("things/list-things"),
        kind: SpecErrorKind::Unsupported(Construct::NonScalarParameter),
        names: "`tags` is an array of objects",
    },
    Case {
        name: "unknown_credential_kind",
        pointer: "/components/securitySchemes/magic/x-github-credential",
        operation: None,
        kind: SpecErrorKind::CredentialKind,
        names: "magic-token",
    },
    Case {
        name: "swagger_2",
        pointer: "/swagger",
        operation: None,
        kind: SpecErrorKind::UnsupportedVersion,
        names: "`swagger: 2.0`",
    },
    Case {
        name: "openapi_3_1",
        pointer: "/openapi",
        operation: None,
        kind: SpecErrorKind::UnsupportedVersion,
        names: "`openapi: 3.1.0`",
    },
    Case {
        name: "no_version",
        pointer: "/openapi",
        operation: None,
        kind: SpecErrorKind::UnsupportedVersion,
        names: "`swagger`",
    },
    Case {
        name: "not_openapi_shape",
        // openapiv3 hides paths inside a schema; the probe narrows it to the schema.
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Malformed,
        names: "OpenAPI 3.0",
    },
    // The checks spec/README.md promises ("Checking the file").
    Case {
        name: "missing_security",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::MissingSecurity,
        names: "security",
    },
    Case {
        name: "missing_summary",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::MissingSummary,
        names: "summary",
    },
    Case {
        name: "missing_description",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::MissingDescription,
        names: "description",
    },
    Case {
        name: "missing_tags",
        pointer: "/paths/~1things/get",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::MissingTags,
        names: "tags",
    },
    Case {
        name: "no_responses",
        pointer: "/paths/~1things/get/responses",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::MissingResponses,
        names: "responses",
    },
    Case {
        name: "operation_id_not_kebab",
        pointer: "/paths/~1things/get/operationId",
        operation: Some("things/getThing"),
        kind: SpecErrorKind::OperationIdForm,
        names: "things/getThing",
    },
    Case {
        name: "ref_with_siblings",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::RefSiblings,
        names: "description",
    },
    Case {
        name: "path_parameter_not_required",
        pointer: "/paths/~1things~1{thing_id}/get/parameters/0",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::PathParameter,
        names: "thing_id",
    },
    Case {
        name: "pagination_without_page",
        pointer: "/paths/~1things/get/x-github-pagination",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Pagination,
        names: "`page`",
    },
    Case {
        name: "deprecated_without_notice",
        pointer: "/paths/~1things/get/deprecated",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::MissingDeprecationNotice,
        names: "x-github-deprecation-notice",
    },
    Case {
        name: "secret_in_url_not_deprecated",
        pointer: "/paths/~1tokens~1{access_token}/get/parameters/0",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::SecretInUrl,
        names: "access_token",
    },
    Case {
        name: "example_undeclared_key",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/colour",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Example,
        names: "colour",
    },
    Case {
        name: "example_wrong_type",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/id",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Example,
        names: "integer",
    },
    Case {
        name: "example_missing_required",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Example,
        names: "`id`",
    },
    Case {
        name: "example_null_not_nullable",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/label",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Example,
        names: "nullable",
    },
    Case {
        name: "example_bad_date_time",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/example/seen_at",
        operation: Some("things/get-thing"),
        kind: SpecErrorKind::Example,
        names: "2017-07-08 16:18",
    },
    Case {
        name: "example_not_in_enum",
        pointer: "/components/schemas/thing/example/color",
        operation: None,
        kind: SpecErrorKind::Example,
        names: "purple",
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
        let error = located(case, &errors);
        // Each fixture is otherwise valid: every error is about its one problem.
        assert!(
            errors.0.iter().all(|other| other.pointer == case.pointer && other.kind == case.kind),
            "{}: errors elsewhere than {} or of another kind than {:?}:\n{errors}",
            case.name,
            case.pointer,
            case.kind
        );
        assert_eq!(error.file, file, "{}", case.name);
        assert_eq!(error.pointer, case.pointer, "{}: {error}", case.name);
        assert_eq!(error.operation.as_deref(), case.operation, "{}: {error}", case.name);
        assert!(error.message.contains(case.names), "{}: the message names {:?}: {error}", case.name, case.names);
        // The rendered message carries all three, for people.
        let rendered = error.to_string();
        assert!(rendered.starts_with(&format!("{file}#{}", case.pointer)), "{rendered}");
    }
}

#[test]
fn other_versions_are_refused_as_unsupported_versions() {
    for name in ["swagger_2", "openapi_3_1", "no_version"] {
        let case = case(name);
        assert_eq!(case.kind, SpecErrorKind::UnsupportedVersion, "{name}");
        let (file, text) = broken_spec(name);
        let options = Options::with_profile(Profile::Description);
        for result in [github_apps_codegen::generate(&file, &text), github_apps_codegen::generate_with(&file, &text, &options)] {
            let errors = result.expect_err(name);
            let [error] = errors.0.as_slice() else { panic!("{name}: one error expected:\n{errors}") };
            assert_eq!(error.kind, SpecErrorKind::UnsupportedVersion, "{name}: {error}");
            // The field read: `/swagger` or `/openapi`.
            assert_eq!(error.pointer, case.pointer, "{name}: {error}");
            assert!(error.message.contains(case.names), "{name} names the version found: {error}");
            assert!(error.message.contains("3.0.x"), "{name} says what is supported: {error}");
        }
    }
}

#[test]
fn curation_refusals_generate_under_the_description_profile() {
    // A `$ref`'s siblings are ignored, as OpenAPI 3.0 says; an operation
    // without an id is named from its method and path.
    let options = Options::with_profile(Profile::Description);
    // (fixture, the kind the curated profile refuses it for, what the
    // description profile generates in `operations/things.rs`)
    for (name, kind, generated) in [
        ("ref_with_siblings", SpecErrorKind::RefSiblings, "type Response = models::Thing;"),
        ("missing_operation_id", SpecErrorKind::MissingOperationId, "const ID: &'static str = \"GET /things\";"),
    ] {
        assert_eq!(case(name).kind, kind, "{name}");
        assert!(kind.is_curation(), "{name}: {kind:?}");
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
        // The error the xtask must report: the case's kind and pointer, in
        // the main spec (generated, as the xtask does, with the curated profile).
        let errors = github_apps_codegen::generate_with(xtask::MAIN_SPEC, &text, &Options::with_profile(Profile::Curated))
            .expect_err(case.name);
        let expected = located(case, &errors);
        let root = scratch_workspace(case.name, &text, None);
        let before = snapshot(&root);
        let err = xtask::codegen(&root, xtask::Mode::Write).expect_err(case.name);
        let reported = err.to_string();
        assert!(reported.contains(&format!("{}#{}", xtask::MAIN_SPEC, case.pointer)), "{}: {err}", case.name);
        assert!(reported.contains(&expected.to_string()), "{}: {expected} not reported:\n{err}", case.name);
        assert!(reported.contains(case.names), "{}: {err}", case.name);
        assert!(reported.contains("nothing was written"), "{err}");
        assert_eq!(snapshot(&root), before, "{}: the workspace changed", case.name);
        fs::remove_dir_all(&root).unwrap();
    }
}

#[test]
fn one_broken_fixture_stops_every_write() {
    let good = fs::read_to_string(workspace().join("tests/fixtures/specs/enum_field.yaml")).unwrap();
    let bad_ref = case("bad_ref");
    let (_, broken) = broken_spec(bad_ref.name);
    let fixture = format!("{}/broken.yaml", xtask::FIXTURE_SPECS);
    let errors = github_apps_codegen::generate_with(&fixture, &broken, &Options::with_profile(Profile::Curated))
        .expect_err("the fixture is broken");
    let expected = located(bad_ref, &errors);
    let root = scratch_workspace("mixed", &good, Some(&broken));
    let before = snapshot(&root);
    let err = xtask::codegen(&root, xtask::Mode::Write).expect_err("the fixture is broken");
    assert!(err.to_string().contains(&format!("{fixture}#{}", bad_ref.pointer)), "{err}");
    assert!(err.to_string().contains(&expected.to_string()), "{expected} not reported:\n{err}");
    assert!(err.to_string().contains("nothing was written"), "{err}");
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
