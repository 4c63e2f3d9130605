//! `cargo xtask codegen [--check]`: regenerates `generated/` (and the
//! fixture modules of the tests) from the specs, or checks they are current.
//! `cargo xtask codegen --spec FILE --out DIR [--name NAME] [--check]`:
//! generates any description into a standalone crate.

use std::process::ExitCode;

use xtask::standalone::{RuntimeSource, Standalone, generate_standalone};
use xtask::{Mode, codegen, workspace_root};

const USAGE: &str = "usage: cargo xtask codegen [--check]\n       \
                     cargo xtask codegen --spec FILE --out DIR [--name NAME] [--check]";

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
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
