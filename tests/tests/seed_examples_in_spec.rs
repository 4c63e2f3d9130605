//! Every JSON body of both seed documents is an `example` in
//! spec/openapi.yaml, unchanged (compared as parsed JSON), on the operation
//! it belongs to: a request body on the operation's `requestBody`, a
//! response on the response of its status (or on the schema that response
//! returns). spec/README.md promises this under "Examples" and "Checking
//! the file". Skips, with a note, where `../shared` is absent.

mod seed_documents;

use std::path::PathBuf;

use serde_json::Value;

fn spec() -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Follows a local `$ref` (one level is all the spec uses).
fn resolve<'v>(spec: &'v Value, node: &'v Value) -> &'v Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local reference");
            resolve(spec, spec.pointer(pointer).unwrap_or_else(|| panic!("{reference} does not resolve")))
        }
        None => node,
    }
}

/// The examples of a request body or response: the JSON media type's
/// `example`, and the `example` of the schema it refers to.
fn examples_of<'v>(spec: &'v Value, body: &'v Value) -> Vec<&'v Value> {
    let media = &resolve(spec, body)["content"]["application/json"];
    let schema = resolve(spec, &media["schema"]);
    [&media["example"], &schema["example"]].into_iter().filter(|example| !example.is_null()).collect()
}

fn check_document(name: &str, expected_responses: usize, expected_requests: usize) {
    let Some(dir) = seed_documents::seeds_dir() else {
        eprintln!("note: ../shared/seeds is absent; skipping the {name} examples");
        return;
    };
    let spec = spec();
    let examples = seed_documents::extract(&std::fs::read_to_string(dir.join(name)).unwrap());
    let requests = examples.iter().filter(|example| example.request).count();
    assert_eq!((examples.len() - requests, requests), (expected_responses, expected_requests), "{name}: responses, requests");
    for example in &examples {
        let (method, path) = example.operation.split_once(' ').unwrap();
        let operation = &spec["paths"][path][method.to_lowercase()];
        assert!(operation.is_object(), "{name}: the spec has no {}", example.operation);
        let candidates: Vec<&Value> = if example.request {
            examples_of(&spec, &operation["requestBody"])
        } else {
            let responses = operation["responses"].as_object().unwrap();
            match example.status {
                Some(status) => examples_of(&spec, &responses[&status.to_string()]),
                // A blank status line (the 2016 identity call): any success.
                None => responses
                    .iter()
                    .filter(|(status, _)| status.starts_with('2'))
                    .flat_map(|(_, response)| examples_of(&spec, response))
                    .collect(),
            }
        };
        assert!(
            candidates.contains(&&example.value),
            "{name}: {} ({}) is not an example of its operation in spec/openapi.yaml:\n{}",
            example.operation,
            if example.request { "request".to_owned() } else { format!("status {:?}", example.status) },
            serde_json::to_string_pretty(&example.value).unwrap()
        );
    }
}

#[test]
fn every_ghes_seed_body_is_an_example_of_its_operation() {
    check_document("ghes-apps-api.txt", 17, 6);
}

#[test]
fn every_2016_seed_body_is_an_example_of_its_operation() {
    // spec/README.md: 21 response bodies and 8 request inputs in all.
    check_document("integrations-preview-2016.txt", 4, 2);
}
