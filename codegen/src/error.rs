//! Located generator errors: every error names the spec file, a JSON
//! pointer into it and, where there is one, the operation.

use std::fmt;

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SpecError {
    /// The spec file as the caller named it.
    pub file: String,
    /// A JSON pointer (RFC 6901) to the offending node, e.g. `/paths/~1app/get`.
    pub pointer: String,
    /// The operationId (or `METHOD /path` when the id is missing).
    pub operation: Option<String>,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}#{}", self.file, self.pointer)?;
        if let Some(operation) = &self.operation {
            write!(f, " (operation {operation})")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in one run; never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        writeln!(f, "{count} error{} in the spec:", if count == 1 { "" } else { "s" })?;
        for error in &self.0 {
            writeln!(f, "  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

impl From<SpecError> for SpecErrors {
    fn from(error: SpecError) -> Self {
        SpecErrors(vec![error])
    }
}

/// A JSON pointer under construction.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The document root.
    pub fn root() -> Pointer {
        Pointer(String::new())
    }

    /// The pointer one token deeper; escapes `~` and `/` (RFC 6901).
    pub fn push(&self, token: impl fmt::Display) -> Pointer {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Pointer(format!("{}/{}", self.0, token))
    }

    /// Parses a local `$ref` (`#/components/schemas/x`) into a pointer.
    pub fn from_ref(reference: &str) -> Option<Pointer> {
        reference.strip_prefix('#').map(|rest| Pointer(rest.to_owned()))
    }

    /// The unescaped tokens, root first.
    pub fn tokens(&self) -> Vec<String> {
        self.0.split('/').skip(1).map(|token| token.replace("~1", "/").replace("~0", "~")).collect()
    }

    /// The pointer text.
    pub fn as_str(&self) -> &str {
        if self.0.is_empty() { "" } else { &self.0 }
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_per_rfc6901() {
        let pointer = Pointer::root().push("paths").push("/app/{id}").push("a~b");
        assert_eq!(pointer.as_str(), "/paths/~1app~1{id}/a~0b");
        assert_eq!(pointer.tokens(), ["paths", "/app/{id}", "a~b"]);
        assert!(Pointer::root().tokens().is_empty());
    }

    #[test]
    fn display_names_file_pointer_and_operation() {
        let error = SpecError {
            file: "spec/openapi.yaml".into(),
            pointer: "/paths/~1app/get".into(),
            operation: Some("apps/get-authenticated".into()),
            message: "unknown preview `nope`".into(),
        };
        assert_eq!(
            error.to_string(),
            "spec/openapi.yaml#/paths/~1app/get (operation apps/get-authenticated): unknown preview `nope`"
        );
    }
}
