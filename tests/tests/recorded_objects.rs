//! Real api.github.com answers decode into the generated models.
//!
//! `../shared/fixtures/octokit` holds recorded api.github.com traffic. Every
//! object in a recorded response body (top level, items of lists, and nested
//! objects such as a repository's `owner` and `organization`) that has the
//! shape of one of our models is decoded into that model, and what the model
//! keeps must equal what GitHub sent. The spec's rule for `required`
//! (spec/README.md, "Which properties are `required`") is checked against
//! GitHub's own descriptions in `../shared/reference`. Skips, with a note,
//! where `../shared` is absent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use github_apps::models;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn shared(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared").join(relative);
    path.exists().then_some(path)
}

fn workspace_file(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join(relative)
}

/// Asserts that everything `decoded` holds equals the recorded value at the
/// same place. Keys the model does not declare are dropped by decoding, so
/// only the decoded side is walked; date-times compare as written, because
/// the runtime writes RFC 3339 back in GitHub's `Z` form.
fn assert_kept_as_recorded(decoded: &Value, recorded: &Value, at: &str) {
    match (decoded, recorded) {
        (Value::Object(decoded), Value::Object(recorded)) => {
            for (key, value) in decoded {
                let Some(original) = recorded.get(key) else {
                    panic!("{at}/{key}: the model holds {value} but GitHub sent no `{key}`");
                };
                assert_kept_as_recorded(value, original, &format!("{at}/{key}"));
            }
        }
        (Value::Array(decoded), Value::Array(recorded)) => {
            assert_eq!(decoded.len(), recorded.len(), "{at}: array length");
            for (index, (value, original)) in decoded.iter().zip(recorded).enumerate() {
                assert_kept_as_recorded(value, original, &format!("{at}/{index}"));
            }
        }
        (decoded, recorded) => assert_eq!(decoded, recorded, "{at}: the decoded value differs from the recording"),
    }
}

/// Decodes `object` as `T`, panicking with the recording's location, and
/// checks the decoded value against the recording.
fn decode<T: DeserializeOwned + Serialize>(object: &Value, at: &str) -> T {
    let decoded: T = serde_json::from_value(object.clone())
        .unwrap_or_else(|err| panic!("{at}: does not decode as {}: {err}", std::any::type_name::<T>()));
    let back = serde_json::to_value(&decoded).unwrap();
    assert_kept_as_recorded(&back, object, at);
    decoded
}

/// The model a recorded object has the shape of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shape {
    /// A full repository (GitHub's `repository` / `full-repository`).
    Repository,
    /// GitHub's `minimal-repository` (inside repository invitations): not a
    /// model of ours, no operation here returns one. Counted, not decoded.
    MinimalRepository,
    /// A user account, or an organization in its user-like form (owners).
    User,
    /// An organization in its own form (`GET /orgs/{org}`).
    Organization,
    License,
    Installation,
    /// An error body: `message` and `documentation_url`.
    Error,
    /// A 422 body whose `errors` are objects.
    ValidationError,
}

fn shape(object: &serde_json::Map<String, Value>, parent_key: Option<&str>, status: u64) -> Option<Shape> {
    let has = |key: &str| object.contains_key(key);
    if has("full_name") && object.get("owner").is_some_and(Value::is_object) {
        // GitHub's `repository` requires `clone_url`, `default_branch` and the
        // counts; `minimal-repository` has none of them.
        return Some(if has("clone_url") && has("default_branch") { Shape::Repository } else { Shape::MinimalRepository });
    }
    if has("login") && has("id") {
        return Some(if has("site_admin") { Shape::User } else { Shape::Organization });
    }
    if parent_key == Some("license") && has("spdx_id") {
        return Some(Shape::License);
    }
    if has("access_tokens_url") && has("app_id") {
        return Some(Shape::Installation);
    }
    if parent_key.is_none() && status >= 300 && has("message") {
        let structured = object.get("errors").and_then(Value::as_array).is_some_and(|errors| errors.iter().all(Value::is_object));
        return Some(if status == 422 && structured { Shape::ValidationError } else { Shape::Error });
    }
    None
}

/// Every object in `value`, with its JSON pointer and the key it sits under.
fn objects<'v>(value: &'v Value, at: String, parent_key: Option<&'v str>, out: &mut Vec<(String, Option<&'v str>, &'v Value)>) {
    match value {
        Value::Object(map) => {
            out.push((at.clone(), parent_key, value));
            for (key, child) in map {
                objects(child, format!("{at}/{key}"), Some(key), out);
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                // List items sit under the list's key (`assignees/0` is a user).
                objects(item, format!("{at}/{index}"), parent_key, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_recorded_object_of_a_model_shape_decodes() {
    let Some(dir) = shared("fixtures/octokit") else {
        eprintln!("note: ../shared/fixtures/octokit is absent; skipping the recorded objects");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    let mut counts: BTreeMap<Shape, usize> = BTreeMap::new();
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let recording: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for (index, interaction) in recording.as_array().expect("a recording is an array").iter().enumerate() {
            // Raw recordings keep some bodies as hex strings: only parsed JSON bodies count.
            let status = interaction["status"].as_u64().unwrap_or_default();
            let body = &interaction["response"];
            let mut found = Vec::new();
            objects(body, String::new(), None, &mut found);
            for (pointer, parent_key, object) in found {
                let map = object.as_object().unwrap();
                let Some(shape) = shape(map, parent_key, status) else { continue };
                let at = format!("{name}[{index}] {} {}{pointer}", interaction["method"].as_str().unwrap_or("?"), interaction["path"].as_str().unwrap_or("?"));
                *counts.entry(shape).or_default() += 1;
                match shape {
                    Shape::Repository => {
                        let repository: models::Repository = decode(object, &at);
                        assert_eq!(Some(repository.id), object["id"].as_i64(), "{at}");
                        assert_eq!(repository.full_name, object["full_name"], "{at}");
                        let owner = repository.owner.as_ref().unwrap_or_else(|| panic!("{at}: no owner"));
                        assert_eq!(owner.login, object["owner"]["login"], "{at}");
                    }
                    Shape::MinimalRepository => {}
                    Shape::User => {
                        let user: models::SimpleUser = decode(object, &at);
                        assert_eq!((Some(user.id), user.login.as_str()), (object["id"].as_i64(), object["login"].as_str().unwrap()), "{at}");
                        // Users are also the user form of `account` (app owners, installation accounts).
                        let account: models::Account = decode(object, &at);
                        assert_eq!(account.login, user.login, "{at}");
                    }
                    Shape::Organization => {
                        let account: models::Account = decode(object, &at);
                        assert_eq!((Some(account.id), account.login.as_str()), (object["id"].as_i64(), object["login"].as_str().unwrap()), "{at}");
                    }
                    Shape::License => {
                        let license: models::LicenseSimple = decode(object, &at);
                        assert_eq!(license.key, object["key"], "{at}");
                    }
                    Shape::Installation => {
                        let installation: models::Installation = decode(object, &at);
                        assert_eq!(Some(installation.id), object["id"].as_i64(), "{at}");
                    }
                    Shape::Error => {
                        let error: models::BasicError = decode(object, &at);
                        assert_eq!(error.message.as_deref(), object["message"].as_str(), "{at}");
                    }
                    Shape::ValidationError => {
                        let error: models::ValidationError = decode(object, &at);
                        assert_eq!(error.errors.as_ref().map(Vec::len), object["errors"].as_array().map(Vec::len), "{at}");
                    }
                }
            }
        }
    }
    // What the recordings hold (octokit/fixtures is copied unmodified), so
    // that an object skipped by a wrong shape test shows up here. There is no
    // installation in any recording (see their README), and the one license
    // field is `null`.
    let expected = BTreeMap::from([
        (Shape::Repository, 5),
        (Shape::MinimalRepository, 2),
        (Shape::User, 45),
        (Shape::Organization, 1),
        (Shape::Error, 3),
        (Shape::ValidationError, 3),
    ]);
    assert_eq!(counts, expected);
}

/// The `required` list of a schema, following `$ref` and merging `allOf`.
fn required_of(document: &Value, schema: &Value) -> BTreeSet<String> {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let pointer = reference.strip_prefix('#').expect("a local reference");
        return required_of(document, document.pointer(pointer).expect("the reference resolves"));
    }
    let mut required: BTreeSet<String> =
        schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).map(str::to_owned).collect();
    for member in schema["allOf"].as_array().into_iter().flatten() {
        required.extend(required_of(document, member));
    }
    required
}

/// Follows a local `$ref`.
fn resolve<'v>(document: &'v Value, node: &'v Value) -> &'v Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.strip_prefix('#').expect("a local reference");
            resolve(document, document.pointer(pointer).expect("the reference resolves"))
        }
        None => node,
    }
}

/// The properties of a schema, following `$ref` and merging `allOf`.
fn properties_of<'v>(document: &'v Value, schema: &'v Value) -> BTreeMap<&'v str, &'v Value> {
    let schema = resolve(document, schema);
    let mut properties: BTreeMap<&str, &Value> =
        schema["properties"].as_object().into_iter().flatten().map(|(name, property)| (name.as_str(), property)).collect();
    for member in schema["allOf"].as_array().into_iter().flatten() {
        properties.extend(properties_of(document, member));
    }
    properties
}

/// `nullable: true` on the property, or on the schema its `$ref` names
/// (api.github.com's `nullable-simple-user` and the like).
fn is_nullable(document: &Value, node: &Value) -> bool {
    node["nullable"] == Value::Bool(true) || (node.get("$ref").is_some() && is_nullable(document, resolve(document, node)))
}

fn json_pointer(path: &[&str]) -> String {
    path.iter().map(|token| format!("/{}", token.replace('~', "~0").replace('/', "~1"))).collect()
}

/// spec/README.md, "Field sets, `required` and `nullable`": a property is
/// required only if both references require it (and every example and
/// recording has it: `spec::validate` and the test above check those), and
/// it is nullable wherever a reference says it may be null.
#[test]
fn required_and_nullable_follow_both_references() {
    let (Some(api), Some(ghes)) = (shared("reference/api.github.com.json"), shared("reference/ghes-2.21.json")) else {
        eprintln!("note: ../shared/reference is absent; skipping the rule for `required`");
        return;
    };
    let read_json = |path: PathBuf| -> Value { serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap() };
    let (api, ghes) = (read_json(api), read_json(ghes));
    let ours: Value = serde_yaml::from_str(&std::fs::read_to_string(workspace_file("spec/openapi.yaml")).unwrap()).unwrap();

    let schema = |name: &str| json_pointer(&["components", "schemas", name]);
    let response = |path: &str, method: &str, status: &str| {
        json_pointer(&["paths", path, method, "responses", status, "content", "application/json", "schema"])
    };
    // (ours, api.github.com counterparts, GHES 2.21 counterparts): the table in spec/README.md.
    let same = |name: &str| (schema(name), vec![schema(name)], vec![schema(name)]);
    let mut table = vec![
        same("simple-user"),
        (schema("account"), vec![schema("simple-user"), schema("organization-simple")], vec![schema("simple-user"), schema("organization-simple")]),
        same("integration"),
        {
            let conversion = response("/app-manifests/{code}/conversions", "post", "201");
            (schema("integration-from-manifest"), vec![conversion.clone()], vec![conversion])
        },
        (schema("installation"), vec![schema("installation")], vec![schema("installation-ghes-2")]),
        (schema("installation-repositories"), vec![response("/installation/repositories", "get", "200")], vec![response("/installation/repositories", "get", "200")]),
        (schema("user-installations"), vec![response("/user/installations", "get", "200")], vec![response("/user/installations", "get", "200")]),
    ];
    for name in [
        "installation-token",
        "authorization",
        "content-reference-attachment",
        "license-simple",
        "repository",
        "basic-error",
        "validation-error",
        "validation-error-simple",
    ] {
        table.push(same(name));
    }
    for (parent, property) in [("authorization", "app"), ("repository", "permissions")] {
        let inline = format!("{}/properties/{property}", schema(parent));
        table.push((inline.clone(), vec![inline.clone()], vec![inline]));
    }

    let mut violations = Vec::new();
    for (pointer, api_pointers, ghes_pointers) in &table {
        let our_schema = ours.pointer(pointer).unwrap_or_else(|| panic!("spec/openapi.yaml has no {pointer}"));
        let mut allowed: Option<BTreeSet<String>> = None;
        for (document, pointers) in [(&api, api_pointers), (&ghes, ghes_pointers)] {
            for counterpart in pointers {
                let counterpart = document.pointer(counterpart).unwrap_or_else(|| panic!("a reference has no {counterpart}"));
                let required = required_of(document, counterpart);
                allowed = Some(match allowed {
                    None => required,
                    Some(allowed) => allowed.intersection(&required).cloned().collect(),
                });
            }
        }
        let allowed = allowed.unwrap_or_default();
        for property in required_of(&ours, our_schema).difference(&allowed) {
            violations.push(format!("{pointer}: `{property}` is required, but not by both references"));
        }
        let our_properties = properties_of(&ours, our_schema);
        for (document, pointers) in [(&api, api_pointers), (&ghes, ghes_pointers)] {
            for counterpart in pointers {
                for (name, property) in properties_of(document, document.pointer(counterpart).unwrap()) {
                    if let Some(ours_property) = our_properties.get(name)
                        && is_nullable(document, property)
                        && !is_nullable(&ours, ours_property)
                    {
                        violations.push(format!("{pointer}: `{name}` may be null in {counterpart}, but is not nullable"));
                    }
                }
            }
        }
    }
    assert!(violations.is_empty(), "spec/openapi.yaml breaks the rule for `required`:\n{}", violations.join("\n"));
    // Every response schema with a counterpart is in the table.
    let listed: BTreeSet<&str> = table.iter().map(|(pointer, _, _)| pointer.as_str()).collect();
    let without_counterpart = ["integration-installation-2016", "installation-token-2016", "user-identity-2016"];
    for (name, schema_value) in ours["components"]["schemas"].as_object().unwrap() {
        let is_object = schema_value.get("required").is_some();
        if is_object && !without_counterpart.contains(&name.as_str()) {
            assert!(listed.contains(schema(name).as_str()), "`{name}` has `required` but no counterpart in the table");
        }
    }
}
