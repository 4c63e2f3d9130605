//! The generator on GitHub's own full descriptions (`../shared/reference`):
//! it must finish without panicking and either generate or report located
//! errors. Errors are tallied by kind ([`SpecErrorKind`]), never by message.
//!
//! - Under [`Profile::Description`] (how GitHub's descriptions are meant to
//!   be generated) the only errors left are the unsupported constructs
//!   pinned below; the pin fails when a count changes either way, so a
//!   construct that becomes supported is unpinned in the same change.
//! - Under [`Profile::Curated`] the tally (the curation conventions these
//!   descriptions do not follow, and the constructs) is a snapshot, so every
//!   change in coverage shows up in review.
//!
//! Skips, with a note, where `../shared` is absent.

use std::collections::BTreeMap;
use std::path::PathBuf;

use github_apps_codegen::{Construct, Options, Profile, SpecErrorKind, SpecErrors};

fn reference(name: &str) -> Option<(String, String)> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/reference").join(name);
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: ../shared/reference/{name} is absent; skipping");
        return None;
    };
    Some((format!("reference/{name}"), text))
}

/// Validates and lowers `file` under `profile`, and tallies the errors of
/// both by kind. Lowering runs even when validation fails (it needs only
/// resolvable references), so the unsupported constructs stay measured.
fn tally(file: &str, text: &str, profile: Profile) -> BTreeMap<SpecErrorKind, usize> {
    let mut kinds = BTreeMap::new();
    let mut record = |errors: &SpecErrors| {
        for error in &errors.0 {
            assert_eq!(error.file, file);
            assert!(error.pointer.starts_with('/'), "unlocated: {error}");
            *kinds.entry(error.kind).or_default() += 1;
        }
    };
    let spec = github_apps_codegen::spec::load(file, text).unwrap_or_else(|errors| panic!("{errors}"));
    if let Err(errors) = github_apps_codegen::spec::validate(&spec, profile) {
        record(&errors);
    }
    if let Err(errors) = github_apps_codegen::lower::lower(&spec, profile) {
        record(&errors);
    }
    // The whole pipeline either generates or reports located errors.
    match github_apps_codegen::generate_crate(file, text, &Options::with_profile(profile)) {
        // `mod.rs`, `models.rs`, `previews.rs`, `operations/mod.rs` and a file per group.
        Ok(generated) => assert_eq!(generated.files.len(), 4 + generated.groups.len()),
        Err(errors) => assert!(errors.0.iter().all(|error| error.pointer.starts_with('/')), "{errors}"),
    }
    kinds
}

/// What still refuses GitHub's description under the description profile.
fn assert_only_pinned(file: &str, text: &str, pinned: &[(Construct, usize)]) {
    let kinds = tally(file, text, Profile::Description);
    let expected: BTreeMap<SpecErrorKind, usize> =
        pinned.iter().map(|(construct, count)| (SpecErrorKind::Unsupported(*construct), *count)).collect();
    if kinds != expected {
        let spec = github_apps_codegen::spec::load(file, text).unwrap();
        let mut report = String::new();
        for errors in [
            github_apps_codegen::spec::validate(&spec, Profile::Description).err(),
            github_apps_codegen::lower::lower(&spec, Profile::Description).err(),
        ]
        .into_iter()
        .flatten()
        {
            report.push_str(&errors.to_string());
        }
        panic!("{file}: expected only {expected:?}, got {kinds:?}:\n{report}");
    }
}

/// Nothing refuses GitHub's descriptions any more: the last constructs,
/// non-JSON bodies (`markdown/render-raw`'s `text/plain`, `text/html`
/// answers, `meta/get-octocat`'s binary type, the release asset upload's
/// `*/*`), are text and bytes now.
const PINNED: &[(Construct, usize)] = &[];

#[test]
fn ghes_2_21_lowers_under_the_description_profile() {
    if let Some((file, text)) = reference("ghes-2.21.json") {
        assert_only_pinned(&file, &text, PINNED);
    }
}

#[test]
fn api_github_com_lowers_under_the_description_profile() {
    if let Some((file, text)) = reference("api.github.com.json") {
        assert_only_pinned(&file, &text, PINNED);
    }
}

#[test]
fn ghes_2_21_curated_tally() {
    if let Some((file, text)) = reference("ghes-2.21.json") {
        insta::assert_debug_snapshot!("ghes_2_21_errors", tally(&file, &text, Profile::Curated));
    }
}

#[test]
fn api_github_com_curated_tally() {
    if let Some((file, text)) = reference("api.github.com.json") {
        insta::assert_debug_snapshot!("api_github_com_errors", tally(&file, &text, Profile::Curated));
    }
}
