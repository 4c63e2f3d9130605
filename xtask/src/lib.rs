//! The workspace's task runner, as a library so the tests can run the same
//! freshness check as `cargo xtask codegen --check`.
//!
//! `codegen` generates every target in memory first; only when all of them
//! succeed does it touch the disk, through one write sink,
//! [`ensure_file_contents`].
//!
//! [`corpus`] runs the generator over a folder of real descriptions
//! (`cargo xtask corpus DIR`), for development, not CI.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub mod bench;
pub mod corpus;
pub mod standalone;

/// Where the main spec lives, relative to the workspace root.
pub const MAIN_SPEC: &str = "spec/openapi.yaml";
/// Where its output goes.
pub const MAIN_OUTPUT: &str = "generated/src/api";
/// The one-feature fixture specs the snapshot tests compile.
pub const FIXTURE_SPECS: &str = "tests/fixtures/specs";
/// Where their outputs go, one module per spec.
pub const FIXTURE_OUTPUT: &str = "tests/src/generated";
/// One-feature fixtures written like GitHub's own descriptions (no
/// `security`, `x-github` metadata), generated with the description profile
/// into [`FIXTURE_OUTPUT`] beside the fixture specs.
pub const FIXTURE_DESCRIPTIONS: &str = "tests/fixtures/descriptions";

/// Write the files, or only check that they are current.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what changed.
    Write,
    /// Change nothing; report stale files.
    Check,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    /// Files written or deleted (write mode) or found stale (check mode).
    pub changed: Vec<PathBuf>,
    /// Files that were already current.
    pub unchanged: usize,
}

/// The workspace this run is for, found at run time.
///
/// Never a path baked in at compile time: two checkouts that share a
/// `CARGO_TARGET_DIR` (worktrees, a global target dir) can share one
/// `xtask` binary, and each run must read and write its own checkout.
/// Under `cargo xtask`, Cargo has already chosen the workspace (from the
/// current directory, or `--manifest-path`) and says which through
/// `CARGO_MANIFEST_DIR` (the `xtask/` it runs); a binary run directly
/// walks up from the current directory, as Cargo does.
pub fn workspace_root() -> Result<PathBuf> {
    let from_cargo = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .and_then(|xtask| xtask.parent().map(Path::to_path_buf))
        .filter(|root| is_workspace_root(root));
    if let Some(root) = from_cargo {
        return Ok(root);
    }
    let current = std::env::current_dir().context("reading the current directory")?;
    find_workspace_root(&current).with_context(|| {
        format!(
            "no workspace found from {}: run `cargo xtask` inside a checkout (a directory with a `[workspace]` \
             Cargo.toml and an `xtask/` member, or below one)",
            current.display()
        )
    })
}

/// The nearest directory at or above `start` that is a workspace root with
/// an `xtask/` member.
pub fn find_workspace_root(start: &Path) -> Option<PathBuf> {
    start.ancestors().find(|dir| is_workspace_root(dir)).map(Path::to_path_buf)
}

fn is_workspace_root(dir: &Path) -> bool {
    dir.join("xtask").join("Cargo.toml").is_file()
        && fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|manifest| manifest.lines().any(|line| line.trim() == "[workspace]"))
}

/// One spec, the directory the generator owns for it, and the conventions
/// it is held to.
struct Target {
    spec: String,
    output: String,
    profile: github_apps_codegen::Profile,
}

fn targets(root: &Path) -> Result<Vec<Target>> {
    use github_apps_codegen::Profile;
    let mut targets =
        vec![Target { spec: MAIN_SPEC.to_owned(), output: MAIN_OUTPUT.to_owned(), profile: Profile::Curated }];
    for (folder, profile) in [(FIXTURE_SPECS, Profile::Curated), (FIXTURE_DESCRIPTIONS, Profile::Description)] {
        for name in yaml_names(root, folder)? {
            targets.push(Target {
                spec: format!("{folder}/{name}.yaml"),
                output: format!("{FIXTURE_OUTPUT}/{name}"),
                profile,
            });
        }
    }
    Ok(targets)
}

/// The fixture spec names (file stems of [`FIXTURE_SPECS`]), sorted.
pub fn fixture_names(root: &Path) -> Result<Vec<String>> {
    yaml_names(root, FIXTURE_SPECS)
}

/// The fixture description names (file stems of [`FIXTURE_DESCRIPTIONS`]), sorted.
pub fn fixture_description_names(root: &Path) -> Result<Vec<String>> {
    yaml_names(root, FIXTURE_DESCRIPTIONS)
}

/// The `.yaml` file stems of `folder`, sorted.
fn yaml_names(root: &Path, folder: &str) -> Result<Vec<String>> {
    let dir = root.join(folder);
    let mut names = Vec::new();
    if dir.is_dir() {
        for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.extension().is_some_and(|ext| ext == "yaml") {
                names.push(path.file_stem().unwrap_or_default().to_string_lossy().into_owned());
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Generates every target; writes (or checks) only when all succeeded.
pub fn codegen(root: &Path, mode: Mode) -> Result<Report> {
    let targets = targets(root)?;
    let mut planned: Vec<(PathBuf, String)> = Vec::new();
    let mut owned_dirs = Vec::new();
    let mut failures = Vec::new();
    for target in &targets {
        let spec_path = root.join(&target.spec);
        let text = fs::read_to_string(&spec_path).with_context(|| format!("reading {}", spec_path.display()))?;
        let options = github_apps_codegen::Options::with_profile(target.profile);
        match github_apps_codegen::generate_with(&target.spec, &text, &options) {
            Ok(files) => {
                for file in files {
                    planned.push((root.join(&target.output).join(&file.path), file.contents));
                }
                owned_dirs.push(root.join(&target.output));
            }
            Err(errors) => failures.push(errors.to_string()),
        }
    }
    // The main spec's mock-server cases, for the workspace's operations test.
    let main_spec = root.join(MAIN_SPEC);
    let text = fs::read_to_string(&main_spec).with_context(|| format!("reading {}", main_spec.display()))?;
    match github_apps_codegen::generate_cases(MAIN_SPEC, &text) {
        Ok(file) => planned.push((root.join(FIXTURE_OUTPUT).join(&file.path), file.contents)),
        Err(errors) => failures.push(errors.to_string()),
    }
    if !failures.is_empty() {
        bail!("{}nothing was written", failures.join(""));
    }
    let mut fixtures = fixture_names(root)?;
    fixtures.extend(fixture_description_names(root)?);
    fixtures.sort();
    let index = github_apps_codegen::render::header("tests/fixtures/specs/*.yaml and spec/openapi.yaml")
        + "//! The fixture specs' generated modules, one per spec, and the main\n"
        + "//! spec's mock-server cases.\n\n"
        + &fixtures.iter().map(|name| format!("pub mod {name};\n")).collect::<String>()
        + "pub mod github_apps_cases;\n";
    planned.push((root.join(FIXTURE_OUTPUT).join("mod.rs"), index));

    let mut report = write_planned(&planned, mode)?;
    owned_dirs.push(root.join(FIXTURE_OUTPUT));
    remove_stale(&owned_dirs, &planned, mode, &mut report)?;
    Ok(report)
}

/// Removes (or, checking, reports) the Rust files in `owned_dirs` that no
/// planned file is any more: a generation owns its output directories.
pub fn remove_stale(owned_dirs: &[PathBuf], planned: &[(PathBuf, String)], mode: Mode, report: &mut Report) -> Result<()> {
    for dir in owned_dirs {
        for path in rust_files(dir)? {
            if !planned.iter().any(|(planned, _)| planned == &path) {
                if mode == Mode::Write {
                    fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
                }
                report.changed.push(path);
            }
        }
    }
    report.changed.sort();
    Ok(())
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    Ok(files)
}

/// Writes (or checks) every planned `(path, contents)` through the one sink.
pub(crate) fn write_planned(planned: &[(PathBuf, String)], mode: Mode) -> Result<Report> {
    let mut report = Report::default();
    for (path, contents) in planned {
        if ensure_file_contents(path, contents, mode)? {
            report.changed.push(path.clone());
        } else {
            report.unchanged += 1;
        }
    }
    Ok(report)
}

/// The one write sink: makes `path` hold `contents` (newlines normalised).
/// Returns whether the file was (or, in check mode, would be) changed.
/// Writes go through a temporary file and a rename, so a failure never
/// leaves half a file.
pub fn ensure_file_contents(path: &Path, contents: &str, mode: Mode) -> Result<bool> {
    let contents = contents.replace("\r\n", "\n");
    if let Ok(existing) = fs::read_to_string(path)
        && existing.replace("\r\n", "\n") == contents
    {
        return Ok(false);
    }
    if mode == Mode::Check {
        return Ok(true);
    }
    let dir = path.parent().context("a generated file has a parent directory")?;
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let temporary = dir.join(format!(".{}.tmp", path.file_name().unwrap_or_default().to_string_lossy()));
    let mut file = fs::File::create(&temporary).with_context(|| format!("writing {}", temporary.display()))?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()?;
    fs::rename(&temporary, path).with_context(|| format!("renaming onto {}", path.display()))?;
    Ok(true)
}
