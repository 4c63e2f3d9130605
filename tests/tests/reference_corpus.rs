//! The generator on GitHub's own full descriptions (`../shared/reference`):
//! it must finish without panicking and either generate or report located
//! errors, each naming an unsupported construct or a spec problem. The
//! tally of errors is pinned as a snapshot, so every change in coverage
//! shows up in review (the snapshot shrinking is the goal). Skips, with a
//! note, where `../shared` is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn reference(name: &str) -> Option<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference").join(name);
    let text = std::fs::read_to_string(&path).ok()?;
    Some((format!("reference/{name}"), text))
}

/// Generates `name` and tallies its errors by kind.
fn tally(name: &str) -> Option<BTreeMap<String, usize>> {
    let Some((file, text)) = reference(name) else {
        eprintln!("note: ../shared/reference/{name} is absent; skipping");
        return None;
    };
    let mut kinds = BTreeMap::new();
    match github_apps_codegen::generate(&file, &text) {
        Ok(files) => {
            assert_eq!(files.len(), 4);
        }
        Err(errors) => {
            for error in &errors.0 {
                assert_eq!(error.file, file);
                assert!(error.pointer.starts_with('/'), "unlocated: {error}");
                // Unsupported constructs by their full message; other errors by kind.
                let kind = if error.message.starts_with("unsupported construct") {
                    error.message.clone()
                } else {
                    error.message.split('`').next().unwrap_or_default().trim().to_owned()
                };
                *kinds.entry(kind).or_default() += 1;
            }
        }
    }
    Some(kinds)
}

#[test]
fn ghes_2_21_reports_located_errors() {
    if let Some(kinds) = tally("ghes-2.21.json") {
        insta::assert_debug_snapshot!("ghes_2_21_errors", kinds);
    }
}

#[test]
fn api_github_com_reports_located_errors() {
    if let Some(kinds) = tally("api.github.com.json") {
        insta::assert_debug_snapshot!("api_github_com_errors", kinds);
    }
}
