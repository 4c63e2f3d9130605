//! GitHub's whole API: both reference descriptions
//! (`../shared/reference/api.github.com.json`, 771 operations, and
//! `ghes-2.21.json`, 550) are generated into standalone crates on the
//! runtime, as `cargo xtask codegen --spec FILE --out DIR` does, and compiled
//! with warnings denied, with every group and with the `apps` group's
//! feature alone. Every operation of each description is present, and no
//! operation's response is untyped JSON. Skips where `../shared` is absent.
//!
//! The crates are written under `target/reference-crates/` and built with
//! the workspace's target directory and dev profile, so the dependencies
//! built for the other tests are reused.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use xtask::Mode;
use xtask::standalone::{RuntimeSource, Standalone, generate_standalone};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace")
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace().join("target"))
}

/// The operationIds of a description.
fn operation_ids(description: &serde_json::Value) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    for item in description["paths"].as_object().into_iter().flat_map(|paths| paths.values()) {
        for (method, operation) in item.as_object().into_iter().flatten() {
            if ["get", "post", "put", "patch", "delete", "head"].contains(&method.as_str())
                && let Some(id) = operation["operationId"].as_str()
            {
                ids.insert(id.to_owned());
            }
        }
    }
    ids
}

fn generate_and_build(file: &str) {
    let spec = workspace().join("../shared/reference").join(file);
    if !spec.is_file() {
        eprintln!("note: skipping, {} is absent (the shared references are not beside this checkout)", spec.display());
        return;
    }
    let name = format!("github-{}", file.trim_end_matches(".json").replace('.', "-"));
    let out = target_dir().join("reference-crates").join(&name);
    let standalone = Standalone { spec: spec.clone(), out: out.clone(), name: Some(name), runtime: RuntimeSource::Path(workspace().join("runtime")) };
    generate_standalone(&standalone, Mode::Write).unwrap_or_else(|err| panic!("{file}: {err:#}"));

    // Every operation is there, and none answers untyped JSON.
    let description: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&spec).unwrap()).unwrap();
    // One file per group under `src/api/operations/`.
    let mut operations = String::new();
    for entry in std::fs::read_dir(out.join("src/api/operations")).unwrap() {
        operations.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let generated: BTreeSet<String> = operations
        .lines()
        .filter_map(|line| line.trim().strip_prefix("const ID: &'static str = \"")?.strip_suffix("\";").map(str::to_owned))
        .collect();
    assert_eq!(generated, operation_ids(&description), "{file}: the generated operations");
    assert_eq!(operations.matches("type Response = serde_json::Value;").count(), 0, "{file}: untyped responses");

    // Warnings denied for this crate only, so the dependencies' builds are reused.
    let manifest = out.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text + "\n[lints.rust]\nwarnings = \"deny\"\n").unwrap();
    let build = |features: &[&str]| {
        Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--manifest-path"])
            .arg(&manifest)
            .args(features)
            .args(["--config", "profile.dev.debug=\"line-tables-only\"", "--config", "profile.dev.package.\"*\".debug=false"])
            .env("CARGO_TARGET_DIR", target_dir().join("reference-crates").join("target"))
            .status()
            .expect("cargo runs")
            .success()
    };
    assert!(build(&[]), "{file}: the generated crate does not compile with warnings denied");
    // One group alone: its operations and exactly the models they reach.
    assert!(build(&["--no-default-features", "--features", "apps"]), "{file}: the `apps` group alone does not compile");
    let features = std::fs::read_to_string(&manifest).unwrap();
    assert!(features.contains("\napps = []\n") && features.contains("\nrepos = []\n"), "{file}: one feature per group");
}

#[test]
fn api_github_com_compiles_with_warnings_denied() {
    generate_and_build("api.github.com.json");
}

#[test]
fn ghes_2_21_compiles_with_warnings_denied() {
    generate_and_build("ghes-2.21.json");
}
