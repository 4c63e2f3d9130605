//! `cargo xtask codegen [--check]`: regenerates `generated/` (and the
//! fixture modules of the tests) from the specs, or checks they are current.

use std::process::ExitCode;

use xtask::{Mode, codegen, workspace_root};

const USAGE: &str = "usage: cargo xtask codegen [--check]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["codegen"] => Mode::Write,
        ["codegen", "--check"] => Mode::Check,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let root = match workspace_root() {
        Ok(root) => root,
        Err(err) => {
            eprintln!("error: {err:#}");
            return ExitCode::FAILURE;
        }
    };
    let report = match codegen(&root, mode) {
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
