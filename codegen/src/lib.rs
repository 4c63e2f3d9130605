//! Generates the `github-apps` client from a curated OpenAPI 3.0 description.
//!
//! The pipeline, one module per stage:
//! [`spec`] (load and validate) → [`lower`] (to the [`ir`]) →
//! [`emit`] (one emitter per concern) → [`render`] (text).
//! The library does no I/O: it takes the spec's text and returns files;
//! `xtask` reads and writes.

pub mod emit;
pub mod error;
pub mod ir;
pub mod lower;
pub mod render;
pub mod spec;


pub use error::{Construct, SpecError, SpecErrorKind, SpecErrors};

/// Which conventions a description is held to.
///
/// Both profiles refuse what would make the generator wrong: unresolved
/// `$ref`s, duplicate operationIds, path parameters that do not
/// match the template, malformed vendor extensions, unsupported constructs.
/// Which other checks belong to which profile is decided per error kind by
/// [`SpecErrorKind::is_curation`]; `spec/README.md` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Profile {
    /// The hand-curated spec (`spec/openapi.yaml`) and the fixture specs:
    /// every curation convention of `spec/README.md` is an error too
    /// (summary, description and tags present, an explicit `security`,
    /// operationIds present and of the form `group/kebab-name`, `$ref`s
    /// without siblings, deprecation notices, examples that match their
    /// schemas).
    #[default]
    Curated,
    /// Any other description, GitHub's own among them: curation
    /// conventions are not checked, an operation without an `operationId`
    /// is named from its method and path, the siblings of a `$ref` are
    /// ignored (as OpenAPI 3.0 says), and an operation that states no
    /// `security` may be sent with every credential kind and anonymously.
    Description,
}

/// How to generate: [`Options::with_profile`], then the setters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The conventions the description is held to.
    pub profile: Profile,
    /// Gate each group behind a Cargo feature named after its module (and
    /// each model behind the features of the groups that use it), so a
    /// crate compiles only the groups its users turn on. Off for the
    /// curated crate and the fixtures; on for standalone crates.
    pub group_features: bool,
    /// Derive serde on each model only in the directions the operations
    /// use it (`Deserialize` for responses, `Serialize` for request
    /// bodies), which roughly halves what a large crate compiles. Off for
    /// the curated crate and the fixtures, whose models round-trip; on for
    /// standalone crates.
    pub serde_as_used: bool,
}

impl Options {
    /// Options with the given profile.
    pub fn with_profile(profile: Profile) -> Options {
        Options { profile, group_features: false, serde_as_used: false }
    }

    /// The same options with group features on or off.
    pub fn group_features(mut self, on: bool) -> Options {
        self.group_features = on;
        self
    }

    /// The same options with serde derived as used, or in both directions.
    pub fn serde_as_used(mut self, on: bool) -> Options {
        self.serde_as_used = on;
        self
    }
}

/// What a generation gives: the files, and the groups (module names, which
/// are the Cargo features when [`Options::group_features`] is on).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files, ordered by path.
    pub files: Vec<GeneratedFile>,
    /// The groups' module names, in order.
    pub groups: Vec<String>,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path relative to the output directory, `/`-separated.
    pub path: String,
    /// The full text, header included.
    pub contents: String,
}

/// The mock-server cases of a spec (see [`emit::cases`]): one file,
/// `github_apps_cases.rs`, for the workspace's tests.
pub fn generate_cases(file: &str, text: &str) -> Result<GeneratedFile, SpecErrors> {
    let spec = spec::load(file, text)?;
    spec::validate(&spec, Profile::Curated)?;
    let api = lower::lower(&spec, Profile::Curated)?;
    let contents = render::render_file(file, emit::cases::emit_cases(&api)).map_err(|err| SpecError {
        kind: SpecErrorKind::Internal,
        file: file.to_owned(),
        pointer: String::new(),
        operation: None,
        message: format!("internal error: the generated cases are not valid Rust: {err}"),
    })?;
    Ok(GeneratedFile { path: "github_apps_cases.rs".to_owned(), contents })
}

/// Runs the whole pipeline on a curated spec's text ([`Profile::Curated`]).
/// `file` names the spec in the header and in error messages. The files
/// are ordered by path.
pub fn generate(file: &str, text: &str) -> Result<Vec<GeneratedFile>, SpecErrors> {
    generate_with(file, text, &Options::default())
}

/// Runs the whole pipeline on a description's text with `options` (for
/// GitHub's own descriptions: [`Profile::Description`]).
pub fn generate_with(file: &str, text: &str, options: &Options) -> Result<Vec<GeneratedFile>, SpecErrors> {
    generate_crate(file, text, options).map(|generated| generated.files)
}

/// [`generate_with`], also naming the groups (for a crate's features).
pub fn generate_crate(file: &str, text: &str, options: &Options) -> Result<Generated, SpecErrors> {
    let spec = spec::load(file, text)?;
    spec::validate(&spec, options.profile)?;
    let api = lower::lower(&spec, options.profile)?;

    // The models and the operations are emitted and rendered on two
    // threads (tokens cannot cross threads; the IR can): on a large
    // description they are about half of the time each.
    let (models, others) = std::thread::scope(|scope| {
        let models = scope.spawn(|| render_outputs(file, vec![("models.rs".to_owned(), emit::models::emit_models(&api, options))]));
        let mut others = vec![
            ("mod.rs".to_owned(), emit::module::emit_api_module(&api)),
            ("previews.rs".to_owned(), emit::previews::emit_previews(&api)),
        ];
        others.extend(emit::operations::emit_operations(&api, options.group_features));
        let others = render_outputs(file, others);
        (models.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), others)
    });
    let mut files = others?;
    files.extend(models?);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let groups = api.groups.iter().map(|group| group.module.clone()).collect();
    Ok(Generated { files, groups })
}

/// Renders each `(path, tokens)` to a file; invalid Rust is an internal error.
fn render_outputs(file: &str, outputs: Vec<(String, proc_macro2::TokenStream)>) -> Result<Vec<GeneratedFile>, SpecErrors> {
    outputs
        .into_iter()
        .map(|(path, tokens)| {
            let contents = render::render_file(file, tokens).map_err(|err| SpecError {
                kind: SpecErrorKind::Internal,
                file: file.to_owned(),
                pointer: String::new(),
                operation: None,
                message: format!("internal error: generated `{path}` is not valid Rust: {err}"),
            })?;
            Ok(GeneratedFile { path, contents })
        })
        .collect()
}
