//! No file of the repository names a path of the machine it was written
//! on: documents name files relative to the repository root (for example
//! `../shared/seeds/...`), so that what they say holds in every checkout.

use std::fs;
use std::path::{Path, PathBuf};

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is in the workspace")
}

/// Every file of the checkout except build output and git's own.
fn repository_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == ".git" {
            // Git's own: a directory, or in a worktree a file naming the main checkout.
            continue;
        }
        if path.is_dir() {
            if name != "target" {
                repository_files(&path, found);
            }
        } else {
            found.push(path);
        }
    }
}

/// Absolute paths of a home or work directory, as a machine path starts:
/// at the start of a word (not inside a URL such as `https://x/home/`).
fn machine_paths(text: &str) -> Vec<String> {
    // Spelled in pieces so that this file does not name one itself.
    let roots: Vec<String> = ["work", "home", "root", "Users", "tmp"].iter().map(|dir| format!("/{dir}/")).collect();
    let mut found = Vec::new();
    for root in &roots {
        for (at, _) in text.match_indices(root.as_str()) {
            let before = text[..at].chars().next_back();
            if before.is_none_or(|c| !(c.is_alphanumeric() || matches!(c, '.' | '/' | '-' | '_' | ':' | '~'))) {
                let end = text[at..].find(|c: char| c.is_whitespace() || matches!(c, '`' | '\'' | '"' | ')')).map_or(text.len(), |len| at + len);
                found.push(text[at..end].to_owned());
            }
        }
    }
    found
}

#[test]
fn no_file_names_an_absolute_machine_path() {
    let mut files = Vec::new();
    repository_files(workspace(), &mut files);
    files.sort();
    assert!(files.len() > 50, "{} files", files.len());
    let mut offences = Vec::new();
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else { continue };
        for path in machine_paths(&text) {
            offences.push(format!("{}: {path}", file.strip_prefix(workspace()).unwrap().display()));
        }
    }
    assert!(offences.is_empty(), "absolute machine paths (name them relative to the repository):\n{}", offences.join("\n"));
}

#[test]
fn the_detector_tells_machine_paths_from_urls_and_relative_ones() {
    let home = format!("/{}/", "home");
    let text = format!("see `{home}me/seeds/a.txt` or https://example.com{home}x and ../shared/seeds/a.txt");
    assert_eq!(machine_paths(&text), [format!("{home}me/seeds/a.txt")]);
}
