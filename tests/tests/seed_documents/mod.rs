//! Reading the seed documents (`../shared/seeds`): the JSON examples they
//! show, each with the operation (`METHOD /path/{template}`) whose line
//! precedes it, whether it is a request body (`Input` or curl `-d`), and
//! the status line before a response.

use std::path::PathBuf;

use serde_json::Value;

/// The seed documents' directory, when `../shared` is present.
pub fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/seeds");
    dir.is_dir().then_some(dir)
}

/// One JSON body shown in a seed document.
#[derive(Debug)]
pub struct Example {
    /// `METHOD /path/{template}` of the operation the example belongs to.
    pub operation: String,
    /// A request body (`Input` or curl `-d`) rather than a response.
    pub request: bool,
    /// The status line before a response example.
    pub status: Option<u16>,
    pub value: Value,
}

/// Normalises `GET /installations/:installation_id/x` to `GET /installations/{installation_id}/x`.
pub fn operation_key(method: &str, path: &str) -> String {
    let path: Vec<String> = path
        .split('/')
        .map(|segment| match segment.strip_prefix(':') {
            Some(name) => format!("{{{name}}}"),
            None => segment.to_owned(),
        })
        .collect();
    format!("{} {}", method.to_uppercase(), path.join("/"))
}

/// Every JSON example of a seed document, in document order.
pub fn extract(text: &str) -> Vec<Example> {
    let methods = ["get", "post", "put", "patch", "delete"];
    let mut examples = Vec::new();
    let mut operation = None;
    let mut request = false;
    let mut status = None;
    let mut offset = 0;
    // The end of the last parsed example: its inner lines are not examples.
    let mut consumed = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < consumed {
            continue;
        }
        let trimmed = line.trim_end();
        if let Some((method, path)) = trimmed.split_once(' ')
            && methods.contains(&method.to_lowercase().as_str())
            && path.starts_with('/')
            && !path.contains(' ')
        {
            operation = Some(operation_key(method, path));
            request = false;
            status = None;
            continue;
        }
        if trimmed == "Input" {
            request = true;
        } else if let Some(rest) = trimmed.strip_prefix("Status:") {
            request = false;
            status = rest.split_whitespace().next().and_then(|code| code.parse().ok());
        } else if let Some(body) = trimmed.trim_start().strip_prefix("-d '") {
            let body = body.trim_end_matches('\'');
            let value = serde_json::from_str(body).unwrap_or_else(|err| panic!("curl body {body}: {err}"));
            examples.push(Example { operation: operation.clone().expect("an operation"), request: true, status: None, value });
        } else if line.starts_with('{') || line.starts_with('[') {
            let mut values = serde_json::Deserializer::from_str(&text[start..]).into_iter::<Value>();
            if let Some(Ok(value)) = values.next() {
                consumed = start + values.byte_offset();
                let op = operation.clone().expect("examples follow an operation");
                examples.push(Example { operation: op, request, status, value });
            }
        }
    }
    examples
}
