//! Broken specs: each gives its located error (file, JSON pointer,
//! operation) and leaves the output directories untouched.

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
        operation: Some("things/get_thing"),
        message: "generated name `things::GetThing` collides with operation `things/get-thing`",
    },
    Case {
        name: "duplicate_operation_id",
        pointer: "/paths/~1two/get",
        operation: Some("things/get-thing"),
        message: "operationId `things/get-thing` is also used at /paths/~1one/get",
    },
    Case { name: "invalid_yaml", pointer: "", operation: None, message: "invalid YAML" },
    Case {
        name: "unsupported_one_of",
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        message: "unsupported construct: `oneOf`",
    },
    Case {
        name: "unknown_credential_kind",
        pointer: "/components/securitySchemes/magic/x-github-credential",
        operation: None,
        message: "unknown credential kind `magic-token`",
    },
    Case {
        name: "swagger_2",
        pointer: "/openapi",
        operation: None,
        message: "unsupported OpenAPI version ``",
    },
    Case {
        name: "not_openapi_shape",
        // openapiv3 hides paths inside a schema; the probe narrows it to the schema.
        pointer: "/paths/~1things/get/responses/200/content/application~1json/schema",
        operation: Some("things/get-thing"),
        message: "not a valid OpenAPI 3.0 document here",
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
        assert_eq!(error.file, file, "{}", case.name);
        assert_eq!(error.pointer, case.pointer, "{}: {error}", case.name);
        assert_eq!(error.operation.as_deref(), case.operation, "{}: {error}", case.name);
        // The rendered message carries all three, for people.
        let rendered = error.to_string();
        assert!(rendered.starts_with(&format!("{file}#{}", case.pointer)), "{rendered}");
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
