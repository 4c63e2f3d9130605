//! The generator on GitHub's own full descriptions (`../shared/reference`):
//! it must finish without panicking and either generate or report located
//! errors, each naming an unsupported construct or a spec problem. The
//! tally of errors (validation's and lowering's) is pinned as a snapshot,
//! so every change in coverage shows up in review (the snapshot shrinking
//! is the goal). Skips, with a note, where `../shared` is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

fn reference(name: &str) -> Option<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference").join(name);
    let text = std::fs::read_to_string(&path).ok()?;
    Some((format!("reference/{name}"), text))
}

/// The kind of an error, for the tally: unsupported constructs by their
/// full message, other errors by their text up to the first quoted name.
fn kind(error: &github_apps_codegen::SpecError) -> String {
    if error.message.starts_with("unsupported construct") {
        error.message.clone()
    } else {
        error.message.split('`').next().unwrap_or_default().trim().to_owned()
    }
}

/// Validates and lowers `name`, and tallies the errors of both by kind.
///
/// GitHub's descriptions state no `security` on any operation, so
/// validation rejects every operation of them. Lowering is run all the
/// same (it needs only resolvable references, which validation also
/// reports) so that the unsupported constructs stay measured.
fn tally(name: &str) -> Option<BTreeMap<String, usize>> {
    let Some((file, text)) = reference(name) else {
        eprintln!("note: ../shared/reference/{name} is absent; skipping");
        return None;
    };
    let mut kinds = BTreeMap::new();
    let mut record = |errors: &github_apps_codegen::SpecErrors| {
        for error in &errors.0 {
            assert_eq!(error.file, file);
            assert!(error.pointer.starts_with('/'), "unlocated: {error}");
            *kinds.entry(kind(error)).or_default() += 1;
        }
    };
    let spec = github_apps_codegen::spec::load(&file, &text).unwrap_or_else(|errors| panic!("{errors}"));
    if let Err(errors) = github_apps_codegen::spec::validate(&spec) {
        record(&errors);
    }
    if let Err(errors) = github_apps_codegen::lower::lower(&spec) {
        record(&errors);
    }
    // The whole pipeline either generates or reports located errors.
    match github_apps_codegen::generate(&file, &text) {
        Ok(files) => assert_eq!(files.len(), 4),
        Err(errors) => assert!(errors.0.iter().all(|error| error.pointer.starts_with('/')), "{errors}"),
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
