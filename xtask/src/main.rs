//! `cargo xtask codegen [--check]`: regenerates `generated/` (and the
//! fixture modules of the tests) from the specs, or checks they are current.
//! `cargo xtask codegen --spec FILE --out DIR [--name NAME] [--check]`:
//! generates any description into a standalone crate.
//! `cargo xtask corpus DIR [--sample N] [--timeout SECS] [--jobs N] [--out DIR]
//! [--check-only]`: the generator over a folder of real descriptions, each
//! in a child process (`corpus-one FILE`, hidden), then a sample built as
//! crates (see `xtask::corpus`); for development, not CI.
//! `cargo xtask bench [SPEC] [--rounds N]`: generation time, lines per
//! operation, the prettyplease render floor and build times against
//! octorust (see `xtask::bench`; `--rounds 0` skips the builds); for
//! development, not CI.

use std::process::ExitCode;

/// The generator builds and drops millions of small token and syntax-tree
/// allocations; mimalloc takes about a third off generation time
/// against the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use xtask::standalone::{RuntimeSource, Standalone, generate_standalone};
use xtask::{Mode, bench, codegen, corpus, workspace_root};

const USAGE: &str = "usage: cargo xtask codegen [--check]\n       \
                     cargo xtask codegen --spec FILE --out DIR [--name NAME] [--check]\n       \
                     cargo xtask corpus DIR [--sample N] [--timeout SECS] [--jobs N] [--out DIR] [--check-only]\n       \
                     cargo xtask bench [SPEC] [--rounds N]";

/// `--spec`, `--out` and `--name`.
type StandaloneArgs = (String, String, Option<String>);

/// The command line: the mode, and for `--spec` the standalone crate.
fn parse(args: &[String]) -> Option<(Mode, Option<StandaloneArgs>)> {
    let mut args = args.iter().map(String::as_str);
    if args.next() != Some("codegen") {
        return None;
    }
    let (mut mode, mut spec, mut out, mut name) = (Mode::Write, None, None, None);
    while let Some(arg) = args.next() {
        match arg {
            "--check" => mode = Mode::Check,
            "--spec" => spec = Some(args.next()?.to_owned()),
            "--out" => out = Some(args.next()?.to_owned()),
            "--name" => name = Some(args.next()?.to_owned()),
            _ => return None,
        }
    }
    match (spec, out) {
        (Some(spec), Some(out)) => Some((mode, Some((spec, out, name)))),
        (None, None) if name.is_none() => Some((mode, None)),
        _ => None,
    }
}

/// `corpus-one FILE`: one description, reported on stdout for the parent.
fn corpus_one(file: &str) -> ExitCode {
    match corpus::generate_one(std::path::Path::new(file)) {
        Ok(outcome) => {
            print!("{}", corpus::outcome_report(&outcome));
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `corpus DIR ...`: fails when a description panicked or timed out, or a
/// sample crate did not compile.
fn run_corpus(args: &[String]) -> ExitCode {
    let Some(options) = corpus::parse_args(args) else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    match workspace_root().and_then(|root| corpus::corpus(&root, &options)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// `bench [SPEC] [--rounds N]`.
fn run_bench(args: &[String]) -> ExitCode {
    let mut bench = bench::Bench { spec: "../shared/reference/api.github.com.json".into(), rounds: 3 };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.clone().next().map(|next| next.parse::<usize>())) {
            ("--rounds", Some(Ok(rounds))) => {
                bench.rounds = rounds;
                args.next();
            }
            (spec, _) if !spec.starts_with("--") => bench.spec = spec.into(),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            }
        }
    }
    match workspace_root().and_then(|root| {
        let spec = if bench.spec.is_absolute() { bench.spec.clone() } else { root.join(&bench.spec) };
        bench::run(&root, &bench::Bench { spec, ..bench })
    }) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some(corpus::ONE) if args.len() == 2 => return corpus_one(&args[1]),
        Some("corpus") => return run_corpus(&args[1..]),
        Some("bench") => return run_bench(&args[1..]),
        _ => {}
    }
    let Some((mode, standalone)) = parse(&args) else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let root = match workspace_root() {
        Ok(root) => root,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let result = match standalone {
        Some((spec, out, name)) => {
            let standalone = Standalone {
                spec: spec.into(),
                out: out.into(),
                name,
                runtime: RuntimeSource::Path(root.join("runtime")),
            };
            generate_standalone(&standalone, mode)
        }
        None => codegen(&root, mode),
    };
    let report = match result {
        Ok(report) => report,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let relative = |path: &std::path::Path| path.strip_prefix(&root).unwrap_or(path).display().to_string();
    match mode {
        Mode::Check if !report.changed.is_empty() => {
            eprintln!("generated code is stale:");
            for path in &report.changed {
                eprintln!("  {}", relative(path));
            }
            eprintln!("run `cargo xtask codegen` and commit the result");
            ExitCode::FAILURE
        }
        Mode::Check => {
            println!("generated code is current ({} files)", report.unchanged);
            ExitCode::SUCCESS
        }
        Mode::Write => {
            for path in &report.changed {
                println!("wrote {}", relative(path));
            }
            println!("{} files changed, {} current", report.changed.len(), report.unchanged);
            ExitCode::SUCCESS
        }
    }
}
