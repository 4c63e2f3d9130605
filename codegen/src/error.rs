//! Located generator errors: every error names the spec file, a JSON
//! pointer into it and, where there is one, the operation.

use std::fmt;

/// What kind of problem an error is: tests and tallies match kinds, not
/// message text, and [`crate::Profile`] decides by kind which problems
/// refuse a spec ([`SpecErrorKind::is_curation`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpecErrorKind {
    /// Not YAML (or JSON), or not of OpenAPI 3.0's shape.
    Malformed,
    /// Not OpenAPI 3.0.x: Swagger 2.0 (`swagger`), OpenAPI 3.1 or another
    /// `openapi` version, or neither field.
    UnsupportedVersion,
    /// A `$ref` that does not resolve (or is not local).
    BadRef,
    /// A `$ref` with siblings, which OpenAPI 3.0 ignores (curation: other
    /// descriptions get what OpenAPI says, the siblings ignored).
    RefSiblings,
    /// An operation without an `operationId` (curation: other descriptions'
    /// operations are named from their method and path).
    MissingOperationId,
    /// An `operationId` used twice.
    DuplicateOperationId,
    /// An `operationId` not of the form `group/kebab-name` (curation).
    OperationIdForm,
    /// An operation without a summary (curation).
    MissingSummary,
    /// An operation without a description (curation).
    MissingDescription,
    /// An operation without tags (curation).
    MissingTags,
    /// An operation without responses.
    MissingResponses,
    /// An operation without `security`, and no document-wide one (curation).
    MissingSecurity,
    /// A security requirement naming a scheme that does not exist.
    UnknownSecurityScheme,
    /// A security scheme whose `x-github-credential` names no known kind.
    CredentialKind,
    /// A security scheme without `x-github-credential` (curation: other
    /// descriptions' schemes are sent as their standard kind says).
    MissingCredentialExtension,
    /// Path parameters that do not match the path template, or are not required.
    PathParameter,
    /// A preview that is not catalogued, or listed twice.
    Preview,
    /// A paginated operation that cannot be paginated as declared.
    Pagination,
    /// A deprecated operation without `x-github-deprecation-notice` (curation).
    MissingDeprecationNotice,
    /// A secret in the URL of an operation that is not deprecated.
    SecretInUrl,
    /// A vendor extension without its documented shape.
    MalformedExtension,
    /// An example that does not match its schema (curation).
    Example,
    /// Two items of the spec that would get the same generated name.
    NameCollision,
    /// A construct the generator cannot lower yet.
    Unsupported(Construct),
    /// The generator produced invalid Rust (a bug in the generator).
    Internal,
}

impl SpecErrorKind {
    /// Whether the problem breaks a convention of the curated spec
    /// (`spec/README.md`) rather than the generator's correctness: such
    /// errors refuse a spec under [`crate::Profile::Curated`] only.
    pub fn is_curation(self) -> bool {
        matches!(
            self,
            SpecErrorKind::RefSiblings
                | SpecErrorKind::MissingOperationId
                | SpecErrorKind::OperationIdForm
                | SpecErrorKind::MissingSummary
                | SpecErrorKind::MissingDescription
                | SpecErrorKind::MissingTags
                | SpecErrorKind::MissingSecurity
                | SpecErrorKind::MissingCredentialExtension
                | SpecErrorKind::MissingDeprecationNotice
                | SpecErrorKind::Example
        )
    }
}

/// A construct the generator does not lower (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Construct {
    /// A `not` schema.
    Not,
    /// A header parameter other than `Accept`.
    HeaderParameter,
    /// A cookie parameter.
    CookieParameter,
    /// A parameter described by `content` instead of `schema`.
    ParameterContent,
    /// A parameter that is an array of objects or arrays, which OpenAPI
    /// 3.0 defines no spelling for.
    NonScalarParameter,
    /// A path parameter in `label` or `matrix` style.
    ParameterStyle,
    /// A `default` response.
    DefaultResponse,
    /// An HTTP security scheme other than `bearer` and `basic` (`digest`, ...).
    HttpAuthScheme,
    /// A request body with no JSON media type.
    RequestMediaType,
    /// A response with no JSON media type.
    ResponseMediaType,
    /// `oneOf`/`anyOf` beside `properties` that is not a constraint.
    CompositionBesideProperties,
    /// Several of `allOf`, `oneOf`, `anyOf` in one schema.
    SeveralCompositions,
    /// An `allOf` member that is not an object, or nested too deeply.
    AllOfMember,
    /// A `type` with keywords of another type.
    TypeWithKeywords,
    /// An HTTP method other than GET, POST, PUT, PATCH, DELETE and HEAD.
    Method,
    /// A security requirement naming several schemes at once.
    CombinedSecurity,
    /// A security scheme given as a `$ref`.
    SecuritySchemeRef,
}

/// One problem found in a spec.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SpecError {
    /// What kind of problem it is.
    pub kind: SpecErrorKind,
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
        /// Writes a token escaped, straight into the pointer's text (the
        /// walks of large descriptions push millions of tokens).
        struct Escaped<'a>(&'a mut String);
        impl fmt::Write for Escaped<'_> {
            fn write_str(&mut self, token: &str) -> fmt::Result {
                for c in token.chars() {
                    match c {
                        '~' => self.0.push_str("~0"),
                        '/' => self.0.push_str("~1"),
                        c => self.0.push(c),
                    }
                }
                Ok(())
            }
        }
        let mut text = String::with_capacity(self.0.len() + 24);
        text.push_str(&self.0);
        text.push('/');
        let _ = fmt::Write::write_fmt(&mut Escaped(&mut text), format_args!("{token}"));
        Pointer(text)
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
        let pointer = Pointer::root().push("~/x~").push(3).push("").push("plain");
        assert_eq!(pointer.as_str(), "/~0~1x~0/3//plain");
        assert_eq!(pointer.tokens(), ["~/x~", "3", "", "plain"]);
    }

    #[test]
    fn display_names_file_pointer_and_operation() {
        let error = SpecError {
            kind: SpecErrorKind::Preview,
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
