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
    let api = validate_and_lower(&spec, options.profile)?;

    let sizes = PartSizes { models: MODELS_PER_PART, operations: OPERATIONS_PER_PART };
    let files = emit_and_render(file, &api, options, sizes, render_threads())?;
    let groups = api.groups.iter().map(|group| group.module.clone()).collect();
    Ok(Generated { files, groups })
}

/// Models per part of `models.rs`, and operations per part of a group's
/// file: small enough to spread a large description over the threads,
/// large enough that a part's setup is nothing beside its items.
const MODELS_PER_PART: usize = 64;
const OPERATIONS_PER_PART: usize = 16;

/// Validates the spec and lowers it, side by side: lowering runs on a
/// thread of its own while validation runs here, and its result (even a
/// panic) counts only once validation has passed, so a description that
/// does not validate gets validation's errors, as if lowering had never
/// started.
fn validate_and_lower(spec: &spec::Spec, profile: Profile) -> Result<ir::Api, SpecErrors> {
    std::thread::scope(|scope| {
        let lowering = scope.spawn(|| lower::lower(spec, profile));
        let validated = spec::validate(spec, profile);
        let lowered = lowering.join();
        validated?;
        lowered.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// How many models, and operations, go into one part of a file.
#[derive(Debug, Clone, Copy)]
struct PartSizes {
    models: usize,
    operations: usize,
}

/// Emits and renders every file of the API module, ordered by path.
fn emit_and_render(
    file: &str,
    api: &ir::Api,
    options: &Options,
    sizes: PartSizes,
    threads: usize,
) -> Result<Vec<GeneratedFile>, SpecErrors> {
    let plan = emit::models::ModelsPlan::new(api, options);
    let mut files = vec![
        emit::FileParts::whole("mod.rs", || emit::module::emit_api_module(api)),
        emit::FileParts::whole("previews.rs", || emit::previews::emit_previews(api)),
        emit::models::models_file_parts(&plan, sizes.models),
    ];
    files.extend(emit::operations::operations_file_parts(api, options.group_features, sizes.operations));
    let mut files = render_parts(file, &files, threads)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// One thread per core, for emitting and rendering.
fn render_threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Emits and renders every part of every file on `threads` threads, each
/// taking the next part not yet taken, then joins each file's parts in
/// order under the header. The text does not depend on the threads.
/// Invalid Rust is an internal error.
fn render_parts(file: &str, files: &[emit::FileParts<'_>], threads: usize) -> Result<Vec<GeneratedFile>, SpecErrors> {
    let jobs: Vec<(usize, &emit::Part<'_>)> =
        files.iter().enumerate().flat_map(|(index, file)| file.parts.iter().map(move |part| (index, part))).collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((_, part)) = jobs.get(job) else { return done };
            done.push((job, render::render_items(part()).map_err(|err| err.to_string())));
        }
    };
    let mut rendered: Vec<Option<Result<String, String>>> = vec![None; jobs.len()];
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads.max(1)).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for helper in helpers {
            done.extend(helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        for (job, text) in done {
            rendered[job] = Some(text);
        }
    });
    let mut texts: Vec<String> = files.iter().map(|_| render::header(file)).collect();
    for ((index, _), text) in jobs.iter().zip(rendered) {
        let text = text.unwrap_or_else(|| Err("a part was not rendered".to_owned())).map_err(|err| SpecError {
            kind: SpecErrorKind::Internal,
            file: file.to_owned(),
            pointer: String::new(),
            operation: None,
            message: format!("internal error: generated `{}` is not valid Rust: {err}", files[*index].path),
        })?;
        texts[*index].push_str(&text);
    }
    Ok(files.iter().zip(texts).map(|(file, contents)| GeneratedFile { path: file.path.clone(), contents }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The files rendered a part at a time on several threads, with the
    /// smallest parts, are the files rendered whole on one.
    #[test]
    fn parts_on_threads_render_as_whole_files() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        let spec = spec::load("spec/openapi.yaml", &text).unwrap();
        let api = lower::lower(&spec, Profile::Curated).unwrap();
        let options = Options::with_profile(Profile::Curated).group_features(true).serde_as_used(true);
        let smallest = PartSizes { models: 1, operations: 1 };
        let parted = emit_and_render("spec/openapi.yaml", &api, &options, smallest, 3).unwrap();

        let mut whole = vec![
            ("mod.rs".to_owned(), emit::module::emit_api_module(&api)),
            ("previews.rs".to_owned(), emit::previews::emit_previews(&api)),
            ("models.rs".to_owned(), emit::models::emit_models(&api, &options)),
        ];
        whole.extend(emit::operations::emit_operations(&api, options.group_features));
        whole.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(parted.len(), whole.len());
        assert!(parted.iter().any(|file| file.path == "operations/apps.rs"));
        for (parted, (path, tokens)) in parted.iter().zip(whole) {
            assert_eq!(parted.path, path);
            let expected = render::render_file("spec/openapi.yaml", tokens).unwrap();
            assert_eq!(parted.contents, expected, "{path}");
        }
    }

    /// An empty description (GitHub's descriptions have many) adds no
    /// empty paragraph to the request type's doc.
    #[test]
    fn an_empty_description_adds_no_paragraph() {
        let text = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: things/list
      summary: List things
      description: ""
      responses:
        "204": {description: none}
"#;
        let options = Options::with_profile(Profile::Description);
        let files = generate_crate("things.yaml", text, &options).unwrap().files;
        let operations = files.iter().find(|file| file.path.ends_with("operations/things.rs")).unwrap();
        let doc = "/// List things\n///\n/// `GET /things` (`things/list`)\n";
        assert!(operations.contents.contains(doc), "{}", operations.contents);
    }

    /// A description without operations still makes a crate: its
    /// operation visitor, which then visits nothing, allows its unused
    /// argument (the corpus build denies warnings).
    #[test]
    fn a_description_without_operations_generates() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: \"1\"}\npaths: {}\n";
        let options = Options::with_profile(Profile::Description).group_features(true);
        let files = generate_crate("empty.yaml", text, &options).unwrap().files;
        let module = files.iter().find(|file| file.path.ends_with("operations/mod.rs")).unwrap();
        let visit = module.contents.split("pub fn visit_operations").next().unwrap();
        assert!(visit.trim_end().ends_with("#[allow(deprecated, unused_variables)]"), "{}", module.contents);
    }
}
