//! `cargo xtask bench [SPEC] [--rounds N]`: the generator's scale figures
//! on one of GitHub's descriptions (by default
//! `../shared/reference/api.github.com.json`), for development and notes,
//! never CI (it downloads octorust and builds for many minutes):
//!
//! - the process wall time of `cargo xtask codegen --spec SPEC --out DIR`
//!   (the release build of this binary is the one to time);
//! - the generated crate's lines per operation, and how many of them are
//!   rustdoc;
//! - the render floor: parsing the generated text and printing it again
//!   with prettyplease, on one thread, which any generator whose output
//!   prettyplease formats spends at least (the generator renders on every
//!   core);
//! - `cargo build` of the generated crate with every group, with `apps`
//!   alone, of octorust 0.10.0 (the published crate generated from the
//!   same generation of GitHub's description) and of the curated
//!   `github-apps` crate: each `cargo clean -p X && cargo build`, with
//!   dependencies built, alternating between the crates round after round,
//!   non-incremental (as a crate from a registry builds), medians reported,
//!   every crate with the workspace's dev profile (so that no build
//!   rebuilds another's dependencies).
//!
//! With `--rounds 0` only the generation figures are measured (any
//! description, no builds). Everything goes under `target/bench/`, with its
//! own target directory.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// The crate octorust is compared with, pinned.
const OCTORUST: &str = "=0.10.0";

/// What to measure.
#[derive(Debug, Clone)]
pub struct Bench {
    /// The description to generate.
    pub spec: PathBuf,
    /// Build rounds (each builds every crate once).
    pub rounds: usize,
}

/// One crate's builds.
struct Timed {
    label: &'static str,
    times: Vec<Duration>,
}

/// Runs the benchmark and prints the figures.
pub fn run(root: &Path, bench: &Bench) -> Result<()> {
    let dir = root.join("target/bench");
    let generated = dir.join("generated");
    let generation = time_generation(&bench.spec, &generated)?;
    let counted = count_lines(&generated.join("src"))?;
    let per_operation = |count: usize| count as f64 / counted.operations.max(1) as f64;
    println!("generation: {:.2} s wall (median of 3), {} operations", seconds(generation), counted.operations);
    println!(
        "lines: {} in the generated crate, {:.1} per operation ({:.1} of them rustdoc)",
        counted.lines,
        per_operation(counted.lines),
        per_operation(counted.doc_lines)
    );
    let floor = time_render_floor(&generated.join("src"))?;
    println!("render floor: {:.2} s to parse and print the generated text again, one thread", seconds(floor));
    if bench.rounds == 0 {
        return Ok(());
    }

    let octorust = dir.join("octorust");
    write_octorust_crate(&octorust)?;
    let target = dir.join("target");
    let builds: [(&'static str, PathBuf, Vec<&str>, &str); 4] = [
        ("generated crate, every group", generated.join("Cargo.toml"), vec![], "bench-generated"),
        ("generated crate, `apps` only", generated.join("Cargo.toml"), vec!["--no-default-features", "--features", "apps"], "bench-generated"),
        ("octorust 0.10.0", octorust.join("Cargo.toml"), vec![], "octorust"),
        ("curated github-apps", root.join("Cargo.toml"), vec!["-p", "github-apps"], "github-apps"),
    ];
    // Dependencies first, so the rounds time the crates themselves.
    for (label, manifest, args, _) in &builds {
        if !cargo_build(manifest, args, &target)? {
            bail!("{label} does not build");
        }
    }
    let mut timed: Vec<Timed> = builds.iter().map(|(label, ..)| Timed { label, times: Vec::new() }).collect();
    for round in 0..bench.rounds {
        for ((_, manifest, args, package), timed) in builds.iter().zip(&mut timed) {
            clean_package(manifest, package, &target)?;
            let start = Instant::now();
            if !cargo_build(manifest, args, &target)? {
                bail!("{} stopped building", timed.label);
            }
            timed.times.push(start.elapsed());
        }
        eprintln!("round {} of {} done", round + 1, bench.rounds);
    }
    let median_of = |timed: &Timed| median(&timed.times);
    for timed in &timed {
        let runs: Vec<String> = timed.times.iter().map(|time| format!("{:.1}", seconds(*time))).collect();
        println!("build: {}: {:.1} s median ({} s)", timed.label, seconds(median_of(timed)), runs.join(", "));
    }
    let ratio = seconds(median_of(&timed[0])) / seconds(median_of(&timed[2]));
    println!("build ratio, every group / octorust: {ratio:.2}");
    Ok(())
}

/// The median wall time of three generations into `out`.
fn time_generation(spec: &Path, out: &Path) -> Result<Duration> {
    let exe = std::env::current_exe().context("locating the xtask binary")?;
    let mut times = Vec::new();
    for _ in 0..3 {
        let start = Instant::now();
        let status = Command::new(&exe)
            .args(["codegen", "--spec"])
            .arg(spec)
            .arg("--out")
            .arg(out)
            .args(["--name", "bench-generated"])
            .stdout(std::process::Stdio::null())
            .status()
            .context("running the generator")?;
        times.push(start.elapsed());
        if !status.success() {
            bail!("generating {} failed", spec.display());
        }
    }
    Ok(median(&times))
}

/// What [`count_lines`] counts.
struct Counted {
    lines: usize,
    doc_lines: usize,
    operations: usize,
}

/// Lines of every `.rs` file under `dir`, the rustdoc lines (`///`, `//!`)
/// among them, and the operations (`const ID:`).
fn count_lines(dir: &Path) -> Result<Counted> {
    let mut counted = Counted { lines: 0, doc_lines: 0, operations: 0 };
    for text in rust_files(dir)? {
        for line in text.lines().map(str::trim_start) {
            counted.lines += 1;
            counted.doc_lines += usize::from(line.starts_with("///") || line.starts_with("//!"));
            counted.operations += usize::from(line.starts_with("const ID: &'static str"));
        }
    }
    Ok(counted)
}

/// The texts of every `.rs` file under `dir`.
fn rust_files(dir: &Path) -> Result<Vec<String>> {
    let mut texts = Vec::new();
    let mut pending = vec![dir.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                texts.push(fs::read_to_string(&path)?);
            }
        }
    }
    Ok(texts)
}

/// The time to parse every generated file under `dir` and print it again
/// with prettyplease, on one thread.
fn time_render_floor(dir: &Path) -> Result<Duration> {
    let texts = rust_files(dir)?;
    let start = Instant::now();
    for text in &texts {
        github_apps_codegen::render::reformat(text).context("parsing a generated file")?;
    }
    Ok(start.elapsed())
}

/// A crate whose only dependency is octorust.
fn write_octorust_crate(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir.join("src"))?;
    let manifest = format!(
        "[package]\nname = \"octorust-bench\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\noctorust = \"{OCTORUST}\"\n\n[workspace]\n"
    );
    fs::write(dir.join("Cargo.toml"), manifest)?;
    fs::write(dir.join("src/lib.rs"), "//! Builds octorust for `cargo xtask bench`.\n")?;
    Ok(())
}

/// `cargo SUBCOMMAND --quiet --manifest-path MANIFEST`, non-incremental,
/// into `target`.
fn cargo(subcommand: &str, manifest: &Path, target: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.args([subcommand, "--quiet", "--manifest-path"]).arg(manifest);
    command.env("CARGO_TARGET_DIR", target).env("CARGO_INCREMENTAL", "0");
    command
}

/// The workspace's own dev profile, given to every build: Cargo keys a
/// dependency's artifacts without its debuginfo setting, so crates built
/// with different settings into one target directory rebuild each other's
/// dependencies in place, and each round would time those rebuilds too.
const SHARED_PROFILE: [&str; 4] =
    ["--config", "profile.dev.debug=\"line-tables-only\"", "--config", "profile.dev.package.\"*\".debug=false"];

fn cargo_build(manifest: &Path, args: &[&str], target: &Path) -> Result<bool> {
    let mut command = cargo("build", manifest, target);
    command.args(args).args(SHARED_PROFILE);
    Ok(command.status().context("running cargo build")?.success())
}

fn clean_package(manifest: &Path, package: &str, target: &Path) -> Result<()> {
    let status = cargo("clean", manifest, target).args(["-p", package]).status().context("running cargo clean")?;
    if !status.success() {
        bail!("cargo clean -p {package} failed");
    }
    Ok(())
}

fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

fn seconds(duration: Duration) -> f64 {
    duration.as_secs_f64()
}
