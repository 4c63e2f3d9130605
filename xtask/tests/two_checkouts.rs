//! Two checkouts, one `xtask` binary: each run reads and writes the
//! checkout it is run for, never the one the binary was built in.
//!
//! Checkouts that share a `CARGO_TARGET_DIR` (worktrees, a global target
//! dir) share one built `xtask`. The binary under test here was built from
//! this workspace; it is run, without any nested cargo build, for two
//! copies (A and B) of the parts of a workspace that `codegen` reads.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn this_workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace")
}

/// A checkout with the specs and a current generated output.
fn checkout(root: &Path) {
    let source = this_workspace();
    fs::create_dir_all(root.join("xtask")).unwrap();
    fs::write(root.join("Cargo.toml"), "[workspace]\nmembers = [\"xtask\"]\n").unwrap();
    fs::write(root.join("xtask/Cargo.toml"), "[package]\nname = \"xtask\"\n").unwrap();
    fs::create_dir_all(root.join("spec")).unwrap();
    fs::copy(source.join(xtask::MAIN_SPEC), root.join(xtask::MAIN_SPEC)).unwrap();
    fs::create_dir_all(root.join(xtask::FIXTURE_SPECS)).unwrap();
    for name in xtask::fixture_names(source).unwrap() {
        let spec = format!("{}/{name}.yaml", xtask::FIXTURE_SPECS);
        fs::copy(source.join(&spec), root.join(&spec)).unwrap();
    }
    xtask::codegen(root, xtask::Mode::Write).unwrap();
    assert!(xtask::codegen(root, xtask::Mode::Check).unwrap().changed.is_empty());
}

/// Every file under `root`, with its bytes.
fn files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                found.push((path.clone(), fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}

/// Runs the one built `xtask` in `current_dir`. `cargo_manifest_dir` is what
/// `cargo xtask` would set (Cargo sets it for what it runs); `None` is the
/// binary run by hand.
fn xtask(current_dir: &Path, cargo_manifest_dir: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_xtask"));
    command.args(args).current_dir(current_dir).env_remove("CARGO_MANIFEST_DIR");
    if let Some(dir) = cargo_manifest_dir {
        command.env("CARGO_MANIFEST_DIR", dir);
    }
    command.output().unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn each_checkout_is_generated_from_its_own_files() {
    let temp = std::env::temp_dir().join(format!("xtask-two-checkouts-{}", std::process::id()));
    let _ = fs::remove_dir_all(&temp);
    let (a, b) = (temp.join("a"), temp.join("b"));
    checkout(&a);
    checkout(&b);
    let models = Path::new(xtask::MAIN_OUTPUT).join("models.rs");

    // B has a hand-edited (stale) generated file; A is current.
    fs::write(b.join(&models), "// edited by hand in B\n").unwrap();
    let a_before = files(&a);

    // `cargo xtask codegen --check` in B, and in A.
    let in_b = xtask(&b, Some(&b.join("xtask")), &["codegen", "--check"]);
    assert!(!in_b.status.success(), "the check in B passed:\n{}", stderr(&in_b));
    assert!(stderr(&in_b).contains("generated code is stale:\n  generated/src/api/models.rs\n"), "{}", stderr(&in_b));
    let in_a = xtask(&a, Some(&a.join("xtask")), &["codegen", "--check"]);
    assert!(in_a.status.success(), "the check in A failed:\n{}", stderr(&in_a));

    // The binary run by hand from a directory inside B (no Cargo around).
    let by_hand = xtask(&b.join("spec"), None, &["codegen", "--check"]);
    assert!(!by_hand.status.success(), "the check in B passed:\n{}", stderr(&by_hand));
    assert!(stderr(&by_hand).contains("generated/src/api/models.rs"), "{}", stderr(&by_hand));

    // Writing in B fixes B only.
    let written = xtask(&b.join("tests/fixtures"), None, &["codegen"]);
    assert!(written.status.success(), "{}", stderr(&written));
    assert!(String::from_utf8_lossy(&written.stdout).contains("wrote generated/src/api/models.rs"));
    assert_eq!(fs::read(b.join(&models)).unwrap(), fs::read(a.join(&models)).unwrap(), "B was not regenerated");
    assert_eq!(files(&a), a_before, "A changed");

    // `cargo --manifest-path B/Cargo.toml xtask` run from inside A: Cargo's choice (B) wins.
    fs::write(b.join(&models), "// edited by hand in B again\n").unwrap();
    let chosen = xtask(&a, Some(&b.join("xtask")), &["codegen"]);
    assert!(chosen.status.success(), "{}", stderr(&chosen));
    assert_eq!(fs::read(b.join(&models)).unwrap(), fs::read(a.join(&models)).unwrap());
    assert_eq!(files(&a), a_before, "A changed");

    // Outside any checkout, nothing is guessed.
    let outside = xtask(&temp, None, &["codegen", "--check"]);
    assert!(!outside.status.success());
    assert!(stderr(&outside).contains("no workspace found from"), "{}", stderr(&outside));

    fs::remove_dir_all(&temp).unwrap();
}

#[test]
fn the_root_is_the_nearest_workspace_with_an_xtask() {
    let root = this_workspace();
    assert_eq!(xtask::find_workspace_root(&root.join("codegen/src")).as_deref(), Some(root));
    assert_eq!(xtask::find_workspace_root(root).as_deref(), Some(root));
    // `xtask/` has a Cargo.toml but no `[workspace]`: its parent is the root.
    assert_eq!(xtask::find_workspace_root(&root.join("xtask")).as_deref(), Some(root));
}
