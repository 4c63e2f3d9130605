//! `cargo xtask codegen --spec FILE --out DIR` writes a whole crate, and
//! `--check` then finds it current; a broken description writes nothing.

use std::path::{Path, PathBuf};

use xtask::Mode;
use xtask::standalone::{RuntimeSource, Standalone, generate_standalone};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-standalone-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn a_description_becomes_a_crate_on_the_runtime() {
    let out = scratch("one-of");
    let standalone = Standalone {
        spec: workspace().join("tests/fixtures/specs/one_of.yaml"),
        out: out.clone(),
        name: Some("one-of-client".into()),
        runtime: RuntimeSource::Path(workspace().join("runtime")),
    };
    let report = generate_standalone(&standalone, Mode::Write).unwrap();
    let mut written: Vec<String> =
        report.changed.iter().map(|path| path.strip_prefix(&out).unwrap().display().to_string()).collect();
    written.sort();
    assert_eq!(
        written,
        [
            "Cargo.toml",
            "src/api/mod.rs",
            "src/api/models.rs",
            "src/api/operations/actions.rs",
            "src/api/operations/mod.rs",
            "src/api/previews.rs",
            "src/lib.rs"
        ]
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"one-of-client\""), "{manifest}");
    assert!(manifest.contains("github-apps-runtime = { path = "), "{manifest}");
    let library = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    assert!(library.contains("@generated") && library.contains("pub use github_apps_runtime as runtime;"), "{library}");

    let check = generate_standalone(&standalone, Mode::Check).unwrap();
    assert!(check.changed.is_empty(), "{:?}", check.changed);
    std::fs::write(out.join("src/api/models.rs"), "// edited by hand\n").unwrap();
    let check = generate_standalone(&standalone, Mode::Check).unwrap();
    assert_eq!(check.changed, [out.join("src/api/models.rs")]);
    // A file of a group the description no longer has is stale, and goes.
    let gone = out.join("src/api/operations/gone.rs");
    std::fs::write(&gone, "// a group that was removed\n").unwrap();
    let check = generate_standalone(&standalone, Mode::Check).unwrap();
    assert!(check.changed.contains(&gone), "{:?}", check.changed);
    assert!(gone.exists(), "checking removed a file");
    generate_standalone(&standalone, Mode::Write).unwrap();
    assert!(!gone.exists(), "the stale file stayed");
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn a_broken_description_writes_nothing() {
    let out = scratch("broken");
    let standalone = Standalone {
        spec: workspace().join("tests/fixtures/broken/bad_ref.yaml"),
        out: out.clone(),
        name: Some("broken".into()),
        runtime: RuntimeSource::Version("0.1".into()),
    };
    let err = generate_standalone(&standalone, Mode::Write).unwrap_err();
    assert!(err.to_string().contains("nothing was written"), "{err:#}");
    assert!(!out.exists(), "the output directory was created");
}
