//! Stage 1: load the YAML (or JSON) into `openapiv3` types and validate it.
//! Loading parses the text once and refuses any version but OpenAPI 3.0.x,
//! naming the field it read (`openapi` or `swagger`).
//!
//! Validation checks what must hold before anything is named: every `$ref`
//! resolves and has no siblings; every operation has a unique
//! `group/kebab-name` id, a summary, a description, tags, responses and an
//! explicit `security` (an anonymous operation says `security: [{}]` or
//! `[]`, so that a forgotten one is never silently anonymous); previews are
//! catalogued names; path parameters match the path template and are
//! required; paginated operations take `per_page` and `page`; deprecated
//! operations carry a notice and only they may put a secret in the URL;
//! security schemes exist and map to a known credential kind; the vendor
//! extensions have their shape; and every example matches its schema
//! ([`examples`]). Every error is located (file, JSON pointer, operation);
//! all errors of a run are reported together.

pub mod examples;
pub mod pointer;

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Components, OpenAPI, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response,
    Schema, SchemaKind, SecurityScheme, Type,
};
use serde::Deserialize;

use crate::Profile;
use crate::ir::{self, CredentialKind};
use crate::error::{Construct, Pointer, SpecError, SpecErrorKind, SpecErrors};

/// Vendor extension names the generator reads.
pub mod extension {
    /// Root: preview name → `{media-type, description}`.
    pub const PREVIEW_CATALOG: &str = "x-github-preview-catalog";
    /// Operation: `[{name, required}]`.
    pub const PREVIEWS: &str = "x-github-previews";
    /// Operation: `{style: link, items?: property}`.
    pub const PAGINATION: &str = "x-github-pagination";
    /// Operation: the deprecation notice.
    pub const DEPRECATION_NOTICE: &str = "x-github-deprecation-notice";
    /// Operation: a POST or PATCH that may be retried.
    pub const SAFE_TO_RETRY: &str = "x-github-safe-to-retry";
    /// Security scheme: the credential kind.
    pub const CREDENTIAL: &str = "x-github-credential";
    /// String property: `true` when the value is a credential that must never print.
    pub const SECRET: &str = "x-github-secret";
    /// Operation: GitHub's own metadata in its published descriptions
    /// ([`super::GithubMetadata`]): `previews`, `deprecationDate`, `removalDate`.
    pub const GITHUB: &str = "x-github";
}

/// The media type of a GitHub preview that `x-github` names and no
/// catalog lists: `application/vnd.github.NAME-preview+json`.
pub fn github_preview_media_type(name: &str) -> String {
    format!("application/vnd.github.{name}-preview+json")
}

/// The parts of GitHub's own per-operation `x-github` object the generator
/// reads; the rest (`category`, `githubCloudOnly`, ...) is ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct GithubMetadata {
    /// The previews the operation may or must send.
    #[serde(default)]
    pub previews: Vec<GithubPreview>,
    /// When the operation was deprecated (`YYYY-MM-DD`).
    #[serde(default)]
    pub deprecation_date: Option<String>,
    /// When GitHub removes (or removed) it.
    #[serde(default)]
    pub removal_date: Option<String>,
}

/// A preview in `x-github.previews`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct GithubPreview {
    /// The preview's name, e.g. `machine-man`.
    pub name: String,
    /// Whether the operation fails without it.
    #[serde(default)]
    pub required: bool,
}


/// A loaded spec: the parsed document and the file it came from.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The file name used in error messages.
    pub file: String,
    /// The parsed document.
    pub api: OpenAPI,
    /// The same document as plain YAML, for what the typed form drops
    /// (the siblings of a `$ref`).
    pub document: serde_yaml::Value,
}

/// An entry of the preview catalog.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogEntry {
    /// The media type sent in `Accept`.
    #[serde(rename = "media-type")]
    pub media_type: String,
    /// What the preview is for.
    #[serde(default)]
    pub description: Option<String>,
}

/// One preview an operation uses.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewUse {
    /// A catalog name.
    pub name: String,
    /// Whether the operation fails without it.
    pub required: bool,
}

/// How an operation paginates.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaginationExtension {
    /// Only `link` (RFC 8288 `Link` headers) is known.
    pub style: String,
    /// The wrapper property that holds the items, for wrapped lists.
    #[serde(default)]
    pub items: Option<String>,
}

/// An operation with where it sits in the document.
#[derive(Debug, Clone, Copy)]
pub struct OperationSite<'a> {
    /// The path template.
    pub path: &'a str,
    /// The lowercase method.
    pub method: &'a str,
    /// The operation.
    pub operation: &'a Operation,
    /// Parameters declared on the path item, shared by its operations.
    pub path_item_parameters: &'a [ReferenceOr<Parameter>],
}

impl OperationSite<'_> {
    /// `/paths/<path>/<method>`.
    pub fn pointer(&self) -> Pointer {
        Pointer::root().push("paths").push(self.path).push(self.method)
    }

    /// The operationId, or `METHOD /path` when it is missing.
    pub fn label(&self) -> String {
        self.operation
            .operation_id
            .clone()
            .unwrap_or_else(|| format!("{} {}", self.method.to_uppercase(), self.path))
    }
}

/// The most references followed one after another before a chain counts
/// as a cycle (`A: {$ref: B}`, `B: {$ref: A}`).
const MAX_REFERENCE_HOPS: usize = 64;

/// Parses YAML (or JSON) text into a spec, once: the text becomes one
/// plain document (kept as [`Spec::document`]), whose version is checked
/// before the typed form is read from it.
pub fn load(file: &str, text: &str) -> Result<Spec, SpecErrors> {
    let located = |pointer: Pointer, message: String| SpecError {
        kind: SpecErrorKind::Malformed,
        file: file.to_owned(),
        pointer: pointer.to_string(),
        operation: None,
        message,
    };
    let value = parse_document(text).map_err(|message| located(Pointer::root(), message))?;
    check_version(file, &value)?;
    // Read from the parsed document, not the text: one parse. `openapiv3`
    // flattens its extensions, so serde buffers every object anyway, and
    // the document keeps the text's map order (`serde_yaml::Mapping`).
    // Tracking the path costs a third of the read: only a document that
    // does not read is read again, with the path tracked.
    let api = match read_typed(&value) {
        Some(api) => Ok(api),
        None => serde_path_to_error::deserialize::<_, OpenAPI>(&value),
    };
    let api: OpenAPI = api.map_err(|err| {
        // Flattening also hides the path inside most objects: probe the
        // document piece by piece for the culprit.
        let (pointer, operation, message) = locate_shape_error(&value).unwrap_or_else(|| {
            (pointer_of(Pointer::root(), err.path()), None, err.inner().to_string())
        });
        SpecError {
            kind: SpecErrorKind::Malformed,
            file: file.to_owned(),
            pointer: pointer.to_string(),
            operation,
            message: format!("not a valid OpenAPI 3.0 document here: {message}"),
        }
    })?;
    Ok(Spec { file: file.to_owned(), api, document: value })
}

/// Reads the typed document, its path items and component schemas (nearly
/// all of a large description) spread over every core; `None` when any
/// piece does not read (the caller reads it whole again, to locate the
/// error). The result is what reading the whole document gives.
fn read_typed(document: &serde_yaml::Value) -> Option<OpenAPI> {
    use serde_yaml::{Mapping, Value};
    let root = document.as_mapping()?;
    let paths = root.get("paths").and_then(Value::as_mapping);
    // Schemas that are not a map are left to the whole read, to refuse.
    let schemas = match root.get("components").and_then(|components| components.get("schemas")) {
        None => None,
        Some(schemas) => Some(schemas.as_mapping()?),
    };
    let is_item = |key: &Value| key.as_str().is_some_and(|key| key.starts_with('/'));
    // The document without its path items and schemas, read as a whole.
    let mut shell = Mapping::new();
    for (key, value) in root {
        let value = match (key.as_str(), value) {
            (Some("paths"), Value::Mapping(paths)) => {
                Value::Mapping(paths.iter().filter(|(key, _)| !is_item(key)).map(|(k, v)| (k.clone(), v.clone())).collect())
            }
            (Some("components"), Value::Mapping(components)) => Value::Mapping(
                components.iter().filter(|(key, _)| key.as_str() != Some("schemas")).map(|(k, v)| (k.clone(), v.clone())).collect(),
            ),
            _ => value.clone(),
        };
        shell.insert(key.clone(), value);
    }
    let items: Vec<(&Value, &Value)> = paths.into_iter().flatten().filter(|(key, _)| is_item(key)).collect();
    let schemas: Vec<(&Value, &Value)> = schemas.into_iter().flatten().collect();
    let (items, schemas) = std::thread::scope(|scope| {
        let items = scope.spawn(|| read_entries::<openapiv3::PathItem>(&items));
        let schemas = read_entries::<Schema>(&schemas);
        (items.join().ok().flatten(), schemas)
    });
    let mut api = OpenAPI::deserialize(&Value::Mapping(shell)).ok()?;
    api.paths.paths = items?;
    let schemas = schemas?;
    if !schemas.is_empty() {
        api.components.get_or_insert_with(Default::default).schemas = schemas;
    }
    Some(api)
}

/// Each `(name, value)` read as a `ReferenceOr<T>`, in order; `None` when
/// one does not read or a name is not a string.
fn read_entries<T: serde::de::DeserializeOwned>(
    entries: &[(&serde_yaml::Value, &serde_yaml::Value)],
) -> Option<IndexMap<String, ReferenceOr<T>>> {
    entries
        .iter()
        .map(|(key, value)| Some((key.as_str()?.to_owned(), ReferenceOr::<T>::deserialize(*value).ok()?)))
        .collect()
}

/// The text as a plain document, in the document's order. A JSON
/// description (one whose first character is `{`, after any byte-order
/// mark) is read as JSON: YAML's parser is several times slower on large
/// files and refuses some JSON (numbers beyond 64 bits, C1 control
/// characters in strings). On failure, the message.
fn parse_document(text: &str) -> Result<serde_yaml::Value, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.trim_start().starts_with('{') {
        return serde_yaml::from_str(text).map_err(|err| format!("invalid YAML: {err}"));
    }
    // Straight into the YAML document type: no JSON tree in between, and
    // map order kept (a `serde_json::Value` would sort the keys).
    let mut deserializer = serde_json::Deserializer::from_str(text);
    serde_yaml::Value::deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value))
        .map_err(|err| format!("invalid JSON: {err}"))
}

/// Refuses anything but OpenAPI 3.0.x, naming the field and the version
/// found: Swagger 2.0 (`swagger`), OpenAPI 3.1 and later (`openapi`), or a
/// document with neither field.
fn check_version(file: &str, document: &serde_yaml::Value) -> Result<(), SpecError> {
    const SUPPORTED: &str = "only OpenAPI 3.0.x (`openapi: 3.0.*`) is";
    let refused = |field: &str, message: String| SpecError {
        kind: SpecErrorKind::UnsupportedVersion,
        file: file.to_owned(),
        pointer: Pointer::root().push(field).to_string(),
        operation: None,
        message,
    };
    if let Some(found) = document.get("openapi") {
        let version = scalar_text(found);
        if found.as_str().is_some_and(|version| version.starts_with("3.0.")) {
            return Ok(());
        }
        return Err(refused("openapi", format!("OpenAPI {version} (`openapi: {version}`) is not supported: {SUPPORTED}")));
    }
    if let Some(found) = document.get("swagger") {
        let version = scalar_text(found);
        return Err(refused(
            "swagger",
            format!("Swagger {version} (`swagger: {version}`) is not supported: {SUPPORTED}; convert it first"),
        ));
    }
    Err(refused(
        "openapi",
        format!("neither `openapi` nor `swagger` is set, so this is no OpenAPI description: {SUPPORTED}"),
    ))
}

/// A version field as written: a string as is, a number (`swagger: 2.0`
/// unquoted) in its usual form, anything else in YAML.
fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(text) => text.clone(),
        serde_yaml::Value::Number(number) => number.to_string(),
        other => serde_yaml::to_string(other).map(|text| text.trim_end().to_owned()).unwrap_or_default(),
    }
}

fn pointer_of(base: Pointer, path: &serde_path_to_error::Path) -> Pointer {
    path.iter().fold(base, |pointer, segment| match segment {
        serde_path_to_error::Segment::Seq { index } => pointer.push(index),
        serde_path_to_error::Segment::Map { key } => pointer.push(key),
        serde_path_to_error::Segment::Enum { variant } => pointer.push(variant),
        serde_path_to_error::Segment::Unknown => pointer,
    })
}

/// Deserializes `node` as `T`; on failure, the pointer and message.
fn probe<T: serde::de::DeserializeOwned>(node: &serde_yaml::Value, pointer: &Pointer) -> Option<(Pointer, String)> {
    serde_path_to_error::deserialize::<_, T>(node.clone())
        .err()
        .map(|err| (pointer_of(pointer.clone(), err.path()), err.inner().to_string()))
}

fn entries(node: &serde_yaml::Value) -> Vec<(String, &serde_yaml::Value)> {
    match node {
        serde_yaml::Value::Mapping(map) => map
            .iter()
            .map(|(key, value)| (key.as_str().map(str::to_owned).unwrap_or_else(|| format!("{key:?}")), value))
            .collect(),
        serde_yaml::Value::Sequence(items) => items.iter().enumerate().map(|(i, v)| (i.to_string(), v)).collect(),
        _ => Vec::new(),
    }
}

/// Finds the smallest piece of the document that does not have the shape
/// OpenAPI 3.0 requires: an operation's parameter, body, response or
/// schema, or a component.
fn locate_shape_error(document: &serde_yaml::Value) -> Option<(Pointer, Option<String>, String)> {
    const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];
    let root = Pointer::root();
    for (path, item) in document.get("paths").map(entries).unwrap_or_default() {
        for (method, operation) in entries(item) {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let pointer = root.push("paths").push(&path).push(&method);
            let id = operation
                .get("operationId")
                .and_then(serde_yaml::Value::as_str)
                .map(str::to_owned)
                .or_else(|| Some(format!("{} {path}", method.to_uppercase())));
            let inner = locate_in_operation(operation, &pointer);
            if let Some((pointer, message)) = inner.or_else(|| probe::<Operation>(operation, &pointer)) {
                return Some((pointer, id, message));
            }
        }
    }
    let components = root.push("components");
    for (section, node) in document.get("components").map(entries).unwrap_or_default() {
        for (name, component) in entries(node) {
            let pointer = components.push(&section).push(&name);
            let found = match section.as_str() {
                "schemas" => locate_in_schema(component, &pointer),
                "parameters" => probe::<ReferenceOr<Parameter>>(component, &pointer),
                "responses" => probe::<ReferenceOr<Response>>(component, &pointer),
                "requestBodies" => probe::<ReferenceOr<RequestBody>>(component, &pointer),
                "securitySchemes" => probe::<ReferenceOr<SecurityScheme>>(component, &pointer),
                _ => None,
            };
            if found.is_some() {
                return found.map(|(pointer, message)| (pointer, None, message));
            }
        }
    }
    None
}

fn locate_in_operation(operation: &serde_yaml::Value, pointer: &Pointer) -> Option<(Pointer, String)> {
    for (index, parameter) in operation.get("parameters").map(entries).unwrap_or_default() {
        let pointer = pointer.push("parameters").push(index);
        if let Some(found) = parameter.get("schema").and_then(|s| locate_in_schema(s, &pointer.push("schema"))) {
            return Some(found);
        }
        if let Some(found) = probe::<ReferenceOr<Parameter>>(parameter, &pointer) {
            return Some(found);
        }
    }
    let mut bodies: Vec<(Pointer, &serde_yaml::Value)> = Vec::new();
    if let Some(body) = operation.get("requestBody") {
        bodies.push((pointer.push("requestBody"), body));
    }
    for (status, response) in operation.get("responses").map(entries).unwrap_or_default() {
        bodies.push((pointer.push("responses").push(status), response));
    }
    for (pointer, body) in bodies {
        for (media, content) in body.get("content").map(entries).unwrap_or_default() {
            let media_pointer = pointer.push("content").push(&media);
            if let Some(found) = content.get("schema").and_then(|s| locate_in_schema(s, &media_pointer.push("schema"))) {
                return Some(found);
            }
        }
    }
    None
}

/// Blames the deepest subschema that fails on its own.
fn locate_in_schema(schema: &serde_yaml::Value, pointer: &Pointer) -> Option<(Pointer, String)> {
    let failure = probe::<ReferenceOr<Schema>>(schema, pointer)?;
    for key in ["properties"] {
        for (name, child) in schema.get(key).map(entries).unwrap_or_default() {
            if let Some(found) = locate_in_schema(child, &pointer.push(key).push(name)) {
                return Some(found);
            }
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = schema.get(key).filter(|child| child.is_mapping())
            && let Some(found) = locate_in_schema(child, &pointer.push(key))
        {
            return Some(found);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for (index, child) in schema.get(key).map(entries).unwrap_or_default() {
            if let Some(found) = locate_in_schema(child, &pointer.push(key).push(index)) {
                return Some(found);
            }
        }
    }
    // No subschema is to blame: name the keyword when it is a direct child.
    let keyword = entries(schema).into_iter().map(|(key, _)| key).find(|key| failure.1.contains(&format!("`{key}`")));
    Some(match keyword {
        Some(key) => (pointer.push(key), failure.1),
        None => failure,
    })
}

impl Spec {
    /// A located error.
    pub fn error(
        &self,
        kind: SpecErrorKind,
        pointer: &Pointer,
        operation: Option<&str>,
        message: impl Into<String>,
    ) -> SpecError {
        SpecError {
            kind,
            file: self.file.clone(),
            pointer: pointer.to_string(),
            operation: operation.map(str::to_owned),
            message: message.into(),
        }
    }

    /// Every operation, in document order.
    pub fn operations(&self) -> Vec<OperationSite<'_>> {
        let mut sites = Vec::new();
        for (path, item) in self.api.paths.iter() {
            if let ReferenceOr::Item(item) = item {
                for (method, operation) in item.iter() {
                    sites.push(OperationSite { path, method, operation, path_item_parameters: &item.parameters });
                }
            }
        }
        sites
    }

    fn component_name<'r>(reference: &'r str, section: &str) -> Option<&'r str> {
        reference.strip_prefix("#/components/")?.strip_prefix(section)?.strip_prefix('/')
    }

    /// Follows `reference` into `section` of the components, and on
    /// through any references found there, to an item and the name of the
    /// last component reached. A chain longer than [`MAX_REFERENCE_HOPS`]
    /// is a cycle and resolves to nothing, like a reference to nothing.
    fn follow<'a, T>(
        &'a self,
        reference: &str,
        section: &str,
        table: fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
    ) -> Option<(String, &'a T)> {
        let components = self.api.components.as_ref()?;
        let mut name = unescape(Self::component_name(reference, section)?);
        for _ in 0..MAX_REFERENCE_HOPS {
            match table(components).get(&name)? {
                ReferenceOr::Item(item) => return Some((name, item)),
                ReferenceOr::Reference { reference } => name = unescape(Self::component_name(reference, section)?),
            }
        }
        None
    }

    /// `item` itself, or what its reference names: a component of
    /// `section` (the common case, looked up directly), else any place in
    /// the document whose item `pick` accepts.
    fn resolve<'a, T>(
        &'a self,
        item: &'a ReferenceOr<T>,
        section: &str,
        table: fn(&'a Components) -> &'a IndexMap<String, ReferenceOr<T>>,
        pick: fn(pointer::Target<'a>) -> Option<&'a T>,
    ) -> Option<&'a T> {
        match item {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { reference } => match self.follow(reference, section, table) {
                Some((_, item)) => Some(item),
                None => pick(self.target(reference)?),
            },
        }
    }

    /// Resolves `#/components/schemas/<name>` to the name and schema.
    pub fn schema_by_ref(&self, reference: &str) -> Option<(String, &Schema)> {
        self.follow(reference, "schemas", |components| &components.schemas)
    }

    /// Resolves a parameter, following a `#/components/parameters/...` reference.
    pub fn parameter<'a>(&'a self, parameter: &'a ReferenceOr<Parameter>) -> Option<&'a Parameter> {
        self.resolve(parameter, "parameters", |components| &components.parameters, |target| match target {
            pointer::Target::Parameter(parameter) => Some(parameter),
            _ => None,
        })
    }

    /// Resolves a request body.
    pub fn request_body<'a>(&'a self, body: &'a ReferenceOr<RequestBody>) -> Option<&'a RequestBody> {
        self.resolve(body, "requestBodies", |components| &components.request_bodies, |target| match target {
            pointer::Target::RequestBody(body) => Some(body),
            _ => None,
        })
    }

    /// Resolves a response.
    pub fn response<'a>(&'a self, response: &'a ReferenceOr<Response>) -> Option<&'a Response> {
        self.resolve(response, "responses", |components| &components.responses, |target| match target {
            pointer::Target::Response(response) => Some(response),
            _ => None,
        })
    }

    /// The preview catalog (empty when the root has none), completed with
    /// every preview that an operation's `x-github.previews` names and the
    /// catalog does not list ([`github_preview_media_type`]).
    pub fn preview_catalog(&self) -> Result<BTreeMap<String, CatalogEntry>, SpecError> {
        let pointer = Pointer::root().push(extension::PREVIEW_CATALOG);
        let mut catalog: BTreeMap<String, CatalogEntry> = match self.api.extensions.get(extension::PREVIEW_CATALOG) {
            None => BTreeMap::new(),
            Some(value) => serde_json::from_value(value.clone()).map_err(|err| {
                self.error(SpecErrorKind::MalformedExtension, &pointer, None, format!("malformed preview catalog: {err}"))
            })?,
        };
        for site in self.operations() {
            // A malformed `x-github` is reported by `operation_previews`.
            let Ok(Some(metadata)) = self.github_metadata(&site) else { continue };
            for preview in metadata.previews {
                catalog.entry(preview.name.clone()).or_insert_with(|| CatalogEntry {
                    media_type: github_preview_media_type(&preview.name),
                    description: None,
                });
            }
        }
        Ok(catalog)
    }

    /// The previews an operation declares: `x-github-previews`, else
    /// GitHub's own `x-github.previews`.
    pub fn operation_previews(&self, site: &OperationSite<'_>) -> Result<Vec<PreviewUse>, SpecError> {
        if let Some(previews) = parse_extension(self, site, extension::PREVIEWS)? {
            return Ok(previews);
        }
        let metadata = self.github_metadata(site)?.unwrap_or_default();
        Ok(metadata.previews.into_iter().map(|preview| PreviewUse { name: preview.name, required: preview.required }).collect())
    }

    /// GitHub's own `x-github` metadata of an operation, if it has any.
    pub fn github_metadata(&self, site: &OperationSite<'_>) -> Result<Option<GithubMetadata>, SpecError> {
        parse_extension(self, site, extension::GITHUB)
    }

    /// The deprecation notice of a deprecated operation:
    /// `x-github-deprecation-notice`, else one made of `x-github`'s dates.
    pub fn deprecation_notice(&self, site: &OperationSite<'_>) -> Option<String> {
        if !site.operation.deprecated {
            return None;
        }
        if let Some(notice) = site.operation.extensions.get(extension::DEPRECATION_NOTICE).and_then(serde_json::Value::as_str) {
            return Some(notice.to_owned());
        }
        let metadata = self.github_metadata(site).ok().flatten().unwrap_or_default();
        Some(match (metadata.deprecation_date, metadata.removal_date) {
            (Some(since), Some(removal)) => format!("Deprecated since {since}; removal planned for {removal}."),
            (Some(since), None) => format!("Deprecated since {since}."),
            (None, Some(removal)) => format!("Deprecated; removal planned for {removal}."),
            (None, None) => "This operation is deprecated.".to_owned(),
        })
    }

    /// The operation's pagination, if it is a list operation.
    pub fn operation_pagination(&self, site: &OperationSite<'_>) -> Result<Option<PaginationExtension>, SpecError> {
        parse_extension(self, site, extension::PAGINATION)
    }

    /// The credential kind of each security scheme, by scheme name.
    pub fn credential_kinds(&self) -> Result<BTreeMap<String, CredentialKind>, SpecErrors> {
        let mut kinds = BTreeMap::new();
        let mut errors = Vec::new();
        let Some(components) = &self.api.components else { return Ok(kinds) };
        for (name, scheme) in &components.security_schemes {
            let pointer = Pointer::root().push("components").push("securitySchemes").push(name);
            let ReferenceOr::Item(scheme) = scheme else {
                errors.push(self.error(SpecErrorKind::Unsupported(Construct::SecuritySchemeRef), &pointer, None, "security scheme references are not supported"));
                continue;
            };
            let extensions = scheme_extensions(scheme);
            let pointer = pointer.push(extension::CREDENTIAL);
            match extensions.get(extension::CREDENTIAL).and_then(serde_json::Value::as_str) {
                None => errors.push(self.error(SpecErrorKind::MissingCredentialExtension,
                    &pointer,
                    None,
                    format!("security scheme `{name}` needs `{}` naming its credential kind", extension::CREDENTIAL),
                )),
                Some(kind) => match CredentialKind::from_spec_name(kind) {
                    Some(kind) => {
                        kinds.insert(name.clone(), kind);
                    }
                    None => errors.push(self.error(SpecErrorKind::CredentialKind, 
                        &pointer,
                        None,
                        format!(
                            "unknown credential kind `{kind}` (known: {})",
                            CredentialKind::ALL.map(CredentialKind::spec_name).join(", ")
                        ),
                    )),
                },
            }
        }
        if errors.is_empty() { Ok(kinds) } else { Err(SpecErrors(errors)) }
    }
}

/// A security scheme's vendor extensions (`x-github-credential`, ...).
pub fn scheme_extensions(scheme: &SecurityScheme) -> &indexmap::IndexMap<String, serde_json::Value> {
    match scheme {
        SecurityScheme::APIKey { extensions, .. }
        | SecurityScheme::HTTP { extensions, .. }
        | SecurityScheme::OAuth2 { extensions, .. }
        | SecurityScheme::OpenIDConnect { extensions, .. } => extensions,
    }
}

/// How a security scheme sends its credential, as OpenAPI describes it:
/// HTTP `bearer`, OAuth 2 and OpenID Connect as a bearer token, HTTP
/// `basic`, and API keys in a header, the query or a cookie. Another HTTP
/// scheme (`digest`, ...) is an unsupported construct.
pub fn standard_scheme(scheme: &SecurityScheme) -> Result<ir::SchemeKind, String> {
    use openapiv3::APIKeyLocation;
    match scheme {
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("bearer") => Ok(ir::SchemeKind::Bearer),
        SecurityScheme::HTTP { scheme, .. } if scheme.eq_ignore_ascii_case("basic") => Ok(ir::SchemeKind::Basic),
        SecurityScheme::HTTP { scheme, .. } => Err(format!("unsupported construct: HTTP authentication scheme `{scheme}`")),
        SecurityScheme::OAuth2 { .. } | SecurityScheme::OpenIDConnect { .. } => Ok(ir::SchemeKind::Bearer),
        SecurityScheme::APIKey { location, name, .. } => {
            let location = match location {
                APIKeyLocation::Header => ir::ApiKeyLocation::Header,
                APIKeyLocation::Query => ir::ApiKeyLocation::Query,
                APIKeyLocation::Cookie => ir::ApiKeyLocation::Cookie,
            };
            Ok(ir::SchemeKind::ApiKey { location, name: name.clone() })
        }
    }
}

fn parse_extension<T: for<'de> Deserialize<'de>>(
    spec: &Spec,
    site: &OperationSite<'_>,
    name: &str,
) -> Result<Option<T>, SpecError> {
    match site.operation.extensions.get(name) {
        None => Ok(None),
        Some(value) => serde_json::from_value(value.clone()).map(Some).map_err(|err| {
            spec.error(SpecErrorKind::MalformedExtension, &site.pointer().push(name), Some(&site.label()), format!("malformed `{name}`: {err}"))
        }),
    }
}

/// Undoes JSON-pointer escaping in a `$ref` token.
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// The `{name}` parameters of a path template, in order.
pub fn template_parameters(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else { break };
        names.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    names
}

/// Checks everything that must hold before lowering. Under
/// [`Profile::Description`] the curation conventions
/// ([`SpecErrorKind::is_curation`]) are not checked: only what the
/// generator needs to be correct refuses the spec.
pub fn validate(spec: &Spec, profile: Profile) -> Result<(), SpecErrors> {
    let mut errors = Vec::new();
    let catalog = match spec.preview_catalog() {
        Ok(catalog) => catalog,
        Err(err) => {
            errors.push(err);
            BTreeMap::new()
        }
    };
    let kinds = spec.credential_kinds().unwrap_or_else(|err| {
        errors.extend(err.0);
        BTreeMap::new()
    });
    let scheme_names: BTreeSet<&String> =
        spec.api.components.iter().flat_map(|c| c.security_schemes.keys()).collect();
    let mut ids: BTreeMap<String, String> = BTreeMap::new();

    for site in spec.operations() {
        let pointer = site.pointer();
        let label = site.label();
        let op = Some(label.as_str());
        match &site.operation.operation_id {
            None => errors.push(spec.error(SpecErrorKind::MissingOperationId, &pointer, op, "operation has no operationId")),
            Some(id) => {
                if let Some(previous) = ids.insert(id.clone(), pointer.to_string()) {
                    errors.push(spec.error(SpecErrorKind::DuplicateOperationId, &pointer, op, format!("operationId `{id}` is also used at {previous}")));
                }
                if !is_group_kebab_name(id) {
                    errors.push(spec.error(SpecErrorKind::OperationIdForm, 
                        &pointer.push("operationId"),
                        op,
                        format!("operationId `{id}` is not of the form `group/kebab-name`"),
                    ));
                }
            }
        }
        check_documentation(spec, &site, &mut errors);
        check_security_present(spec, &site, &mut errors);

        // Path parameters against the template.
        let template: BTreeSet<&str> = template_parameters(site.path).into_iter().collect();
        let mut declared = BTreeSet::new();
        let all_parameters = site.path_item_parameters.iter().chain(&site.operation.parameters);
        for (index, parameter) in all_parameters.enumerate() {
            let parameter_pointer = pointer.push("parameters").push(index);
            if let ReferenceOr::Reference { reference } = parameter {
                check_ref_target(spec, reference, &parameter_pointer, op, &mut errors);
            }
            let Some(resolved) = spec.parameter(parameter) else { continue };
            let data = resolved.parameter_data_ref();
            if let Parameter::Path { .. } = resolved {
                declared.insert(data.name.as_str());
                if !template.contains(data.name.as_str()) {
                    errors.push(spec.error(SpecErrorKind::PathParameter, 
                        &parameter_pointer,
                        op,
                        format!("path parameter `{}` does not appear in the path template `{}`", data.name, site.path),
                    ));
                }
                if !data.required {
                    errors.push(spec.error(SpecErrorKind::PathParameter, 
                        &parameter_pointer,
                        op,
                        format!("path parameter `{}` must be `required: true`", data.name),
                    ));
                }
            }
            if let ParameterSchemaOrContent::Schema(schema) = &data.format {
                walk_schema_refs(spec, schema, &parameter_pointer.push("schema"), op, &mut errors);
                // A secret in the path or query string ends up in logs and
                // proxies: only a legacy (deprecated) operation may do that.
                let secret = matches!(schema, ReferenceOr::Item(schema)
                    if schema.schema_data.extensions.get(extension::SECRET) == Some(&serde_json::Value::Bool(true)));
                if secret && !site.operation.deprecated {
                    errors.push(spec.error(SpecErrorKind::SecretInUrl, 
                        &parameter_pointer,
                        op,
                        format!(
                            "parameter `{}` puts a secret (`{}`) in the URL, which only a deprecated operation may do",
                            data.name,
                            extension::SECRET
                        ),
                    ));
                }
            }
        }
        for name in template.difference(&declared) {
            errors.push(spec.error(SpecErrorKind::PathParameter, 
                &pointer,
                op,
                format!("path template `{}` names `{{{name}}}` but no path parameter `{name}` is declared", site.path),
            ));
        }

        if let Some(body) = &site.operation.request_body {
            let body_pointer = pointer.push("requestBody");
            if let ReferenceOr::Reference { reference } = body {
                check_ref_target(spec, reference, &body_pointer, op, &mut errors);
            }
            if let Some(body) = spec.request_body(body) {
                for (media, content) in &body.content {
                    if let Some(schema) = &content.schema {
                        let p = body_pointer.push("content").push(media).push("schema");
                        walk_schema_refs(spec, schema, &p, op, &mut errors);
                    }
                }
            }
        }
        for (status, response) in &site.operation.responses.responses {
            let response_pointer = pointer.push("responses").push(status);
            if let ReferenceOr::Reference { reference } = response {
                check_ref_target(spec, reference, &response_pointer, op, &mut errors);
            }
            if let Some(response) = spec.response(response) {
                for (media, content) in &response.content {
                    if let Some(schema) = &content.schema {
                        let p = response_pointer.push("content").push(media).push("schema");
                        walk_schema_refs(spec, schema, &p, op, &mut errors);
                    }
                }
            }
        }

        match spec.operation_previews(&site) {
            Err(err) => errors.push(err),
            Ok(previews) => {
                let mut seen = BTreeSet::new();
                for (index, preview) in previews.iter().enumerate() {
                    let p = pointer.push(extension::PREVIEWS).push(index).push("name");
                    if !catalog.contains_key(&preview.name) {
                        errors.push(spec.error(SpecErrorKind::Preview, 
                            &p,
                            op,
                            format!(
                                "unknown preview `{}` (the catalog `{}` has: {})",
                                preview.name,
                                extension::PREVIEW_CATALOG,
                                catalog.keys().cloned().collect::<Vec<_>>().join(", ")
                            ),
                        ));
                    }
                    if !seen.insert(&preview.name) {
                        errors.push(spec.error(SpecErrorKind::Preview, &p, op, format!("preview `{}` is listed twice", preview.name)));
                    }
                }
            }
        }
        match spec.operation_pagination(&site) {
            Err(err) => errors.push(err),
            Ok(Some(pagination)) => {
                let pagination_pointer = pointer.push(extension::PAGINATION);
                if pagination.style != "link" {
                    errors.push(spec.error(SpecErrorKind::Pagination, 
                        &pagination_pointer.push("style"),
                        op,
                        format!("unsupported pagination style `{}` (only `link`)", pagination.style),
                    ));
                }
                let queries: BTreeSet<&str> = site
                    .path_item_parameters
                    .iter()
                    .chain(&site.operation.parameters)
                    .filter_map(|parameter| match spec.parameter(parameter)? {
                        Parameter::Query { parameter_data, .. } => Some(parameter_data.name.as_str()),
                        _ => None,
                    })
                    .collect();
                for name in ["per_page", "page"] {
                    if !queries.contains(name) {
                        errors.push(spec.error(SpecErrorKind::Pagination, 
                            &pagination_pointer,
                            op,
                            format!("a paginated operation needs the query parameter `{name}`"),
                        ));
                    }
                }
            }
            Ok(None) => {}
        }
        if site.operation.deprecated {
            match site.operation.extensions.get(extension::DEPRECATION_NOTICE) {
                None => errors.push(spec.error(SpecErrorKind::MissingDeprecationNotice, 
                    &pointer.push("deprecated"),
                    op,
                    format!("a deprecated operation needs `{}`", extension::DEPRECATION_NOTICE),
                )),
                Some(notice) if !notice.is_string() => errors.push(spec.error(SpecErrorKind::MalformedExtension, 
                    &pointer.push(extension::DEPRECATION_NOTICE),
                    op,
                    "the deprecation notice must be a string",
                )),
                Some(_) => {}
            }
        }
        for (index, requirement) in site.operation.security.iter().flatten().enumerate() {
            for name in requirement.keys() {
                if !scheme_names.contains(name) {
                    errors.push(spec.error(SpecErrorKind::UnknownSecurityScheme, 
                        &pointer.push("security").push(index).push(name),
                        op,
                        format!("unknown security scheme `{name}`"),
                    ));
                } else if !kinds.contains_key(name) {
                    // Already reported on the scheme itself.
                }
            }
        }
    }

    if let Some(components) = &spec.api.components {
        for (name, schema) in &components.schemas {
            let p = Pointer::root().push("components").push("schemas").push(name);
            walk_schema_refs(spec, schema, &p, None, &mut errors);
        }
    }
    check_ref_siblings(spec, &spec.document, &Pointer::root(), &mut errors);
    match profile {
        Profile::Curated => examples::check_examples(spec, &mut errors),
        Profile::Description => errors.retain(|error| !error.kind.is_curation()),
    }

    if errors.is_empty() { Ok(()) } else { Err(SpecErrors(errors)) }
}

/// `group/kebab-name`: two lowercase kebab-case words joined by one `/`.
fn is_group_kebab_name(id: &str) -> bool {
    let kebab = |part: &str| {
        !part.is_empty()
            && part.split('-').all(|word| !word.is_empty() && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
    };
    matches!(id.split_once('/'), Some((group, name)) if kebab(group) && kebab(name))
}

/// The prose every operation carries: the generated docs are made of it.
fn check_documentation(spec: &Spec, site: &OperationSite<'_>, errors: &mut Vec<SpecError>) {
    let pointer = site.pointer();
    let label = site.label();
    let op = Some(label.as_str());
    let blank = |text: &Option<String>| text.as_deref().is_none_or(|text| text.trim().is_empty());
    if blank(&site.operation.summary) {
        errors.push(spec.error(SpecErrorKind::MissingSummary, &pointer, op, "operation has no summary"));
    }
    if blank(&site.operation.description) {
        errors.push(spec.error(SpecErrorKind::MissingDescription, &pointer, op, "operation has no description"));
    }
    if site.operation.tags.iter().all(|tag| tag.trim().is_empty()) {
        errors.push(spec.error(SpecErrorKind::MissingTags, &pointer, op, "operation has no tags"));
    }
    if site.operation.responses.responses.is_empty() && site.operation.responses.default.is_none() {
        errors.push(spec.error(SpecErrorKind::MissingResponses, &pointer.push("responses"), op, "operation has no responses"));
    }
}

/// An operation without `security` (and no document-wide default) would be
/// generated as anonymous: callable from every client, sending no
/// credential. That must be said, not forgotten.
fn check_security_present(spec: &Spec, site: &OperationSite<'_>, errors: &mut Vec<SpecError>) {
    if site.operation.security.is_none() && spec.api.security.is_none() {
        let label = site.label();
        errors.push(spec.error(SpecErrorKind::MissingSecurity, 
            &site.pointer(),
            Some(&label),
            "operation has no security: list the schemes it accepts, or write `security: [{}]` \
             when it may be sent without a credential",
        ));
    }
}

/// A `$ref` with siblings: OpenAPI 3.0 ignores them, so whatever they say
/// (a `description`, `nullable: true`) would be silently dropped. Example
/// values are data, not schema, and are not walked.
fn check_ref_siblings(spec: &Spec, node: &serde_yaml::Value, pointer: &Pointer, errors: &mut Vec<SpecError>) {
    check_ref_siblings_under(spec, node, pointer, ["", ""], errors);
}

/// [`check_ref_siblings`] on `node`, whose pointer ends in the keys
/// `last` (the parent's key, then the node's own).
fn check_ref_siblings_under(
    spec: &Spec,
    node: &serde_yaml::Value,
    pointer: &Pointer,
    last: [&str; 2],
    errors: &mut Vec<SpecError>,
) {
    match node {
        serde_yaml::Value::Mapping(map) => {
            // Under `properties`, `$ref` is a property's name (SCIM's
            // `members[].$ref`), not a reference.
            let is_properties = last[1] == "properties";
            if map.contains_key("$ref") && map.len() > 1 && !is_properties {
                let siblings: Vec<String> = entries(node)
                    .into_iter()
                    .map(|(key, _)| key)
                    .filter(|key| key != "$ref")
                    .map(|key| format!("`{key}`"))
                    .collect();
                errors.push(spec.error(SpecErrorKind::RefSiblings,
                    pointer,
                    operation_at(spec, pointer).as_deref(),
                    format!("$ref with siblings ({}), which OpenAPI 3.0 ignores", siblings.join(", ")),
                ));
            }
            // The `value` of an Example object (`.../examples/<name>/value`) is data too.
            let in_examples = last[0] == "examples";
            for (key, child) in map {
                let key = key.as_str().map_or_else(|| std::borrow::Cow::Owned(format!("{key:?}")), std::borrow::Cow::Borrowed);
                if key == "example" || (in_examples && key == "value") {
                    continue;
                }
                check_ref_siblings_under(spec, child, &pointer.push(&key), [last[1], &key], errors);
            }
        }
        serde_yaml::Value::Sequence(items) => {
            for (index, child) in items.iter().enumerate() {
                check_ref_siblings_under(spec, child, &pointer.push(index), [last[1], ""], errors);
            }
        }
        _ => {}
    }
}

/// The operation a pointer under `/paths/<path>/<method>` sits in, read
/// from the pointer's first three tokens.
fn operation_at(spec: &Spec, pointer: &Pointer) -> Option<String> {
    let tokens = pointer.tokens();
    let [paths, path, method, ..] = tokens.as_slice() else { return None };
    if paths != "paths" {
        return None;
    }
    let ReferenceOr::Item(item) = spec.api.paths.paths.get(path)? else { return None };
    let (method, operation) = item.iter().find(|(name, _)| name == method)?;
    let site = OperationSite { path, method, operation, path_item_parameters: &item.parameters };
    Some(site.label())
}

fn check_ref_target(spec: &Spec, reference: &str, pointer: &Pointer, op: Option<&str>, errors: &mut Vec<SpecError>) {
    let resolves = match reference.strip_prefix("#/components/").and_then(|rest| rest.split_once('/')) {
        Some((section, raw)) => {
            let name = unescape(raw);
            spec.api.components.as_ref().is_some_and(|c| match section {
                "schemas" => c.schemas.contains_key(&name),
                "parameters" => c.parameters.contains_key(&name),
                "responses" => c.responses.contains_key(&name),
                "requestBodies" => c.request_bodies.contains_key(&name),
                "securitySchemes" => c.security_schemes.contains_key(&name),
                _ => false,
            })
        }
        // A pointer anywhere else (`#/paths/...`) resolves when it names an
        // item of the document.
        None => spec.target(reference).is_some(),
    };
    if !resolves {
        let hint = if reference.starts_with('#') { "" } else { " (only references inside the document are followed)" };
        errors.push(spec.error(SpecErrorKind::BadRef, pointer, op, format!("`$ref: {reference}` does not resolve{hint}")));
    }
}

fn walk_schema_refs<S: std::borrow::Borrow<Schema>>(
    spec: &Spec,
    schema: &ReferenceOr<S>,
    pointer: &Pointer,
    op: Option<&str>,
    errors: &mut Vec<SpecError>,
) {
    match schema {
        ReferenceOr::Reference { reference } => {
            if spec.schema_at(reference).is_none() {
                let named = Spec::component_name(reference, "schemas").map(unescape);
                let exists = named.is_some_and(|name| spec.api.components.as_ref().is_some_and(|c| c.schemas.contains_key(&name)));
                let hint = if exists {
                    " (its chain of `$ref`s is a cycle)"
                } else if reference.starts_with('#') {
                    ""
                } else {
                    " (only references inside the document are followed)"
                };
                errors.push(spec.error(SpecErrorKind::BadRef, pointer, op, format!("`$ref: {reference}` does not resolve{hint}")));
            }
        }
        ReferenceOr::Item(schema) => {
            let schema = schema.borrow();
            let each = |list: &Vec<ReferenceOr<Schema>>, key: &str, errors: &mut Vec<SpecError>| {
                for (index, member) in list.iter().enumerate() {
                    walk_schema_refs(spec, member, &pointer.push(key).push(index), op, errors);
                }
            };
            let properties = |props: &IndexMap<String, ReferenceOr<Box<Schema>>>, errors: &mut Vec<SpecError>| {
                for (name, property) in props {
                    walk_schema_refs(spec, property, &pointer.push("properties").push(name), op, errors);
                }
            };
            let additional = |additional: &Option<AdditionalProperties>, errors: &mut Vec<SpecError>| {
                if let Some(AdditionalProperties::Schema(schema)) = additional {
                    walk_schema_refs(spec, schema.as_ref(), &pointer.push("additionalProperties"), op, errors);
                }
            };
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    properties(&object.properties, errors);
                    additional(&object.additional_properties, errors);
                }
                SchemaKind::Type(Type::Array(array)) => {
                    if let Some(items) = &array.items {
                        walk_schema_refs(spec, items, &pointer.push("items"), op, errors);
                    }
                }
                SchemaKind::Type(_) => {}
                SchemaKind::OneOf { one_of } => each(one_of, "oneOf", errors),
                SchemaKind::AllOf { all_of } => each(all_of, "allOf", errors),
                SchemaKind::AnyOf { any_of } => each(any_of, "anyOf", errors),
                SchemaKind::Not { not } => walk_schema_refs(spec, not.as_ref(), &pointer.push("not"), op, errors),
                SchemaKind::Any(any) => {
                    properties(&any.properties, errors);
                    additional(&any.additional_properties, errors);
                    if let Some(items) = &any.items {
                        walk_schema_refs(spec, items, &pointer.push("items"), op, errors);
                    }
                    each(&any.one_of, "oneOf", errors);
                    each(&any.all_of, "allOf", errors);
                    each(&any.any_of, "anyOf", errors);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document read in pieces on several threads is the document
    /// read whole, and what the whole read refuses is refused.
    #[test]
    fn the_typed_read_in_pieces_is_the_whole_read() {
        let curated = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../spec/openapi.yaml")).unwrap();
        let shapes = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
x-top: 1
paths:
  x-paths-extension: {a: 1}
  /a: {$ref: "#/components/pathItems/a"}
components:
  x-components-extension: true
  parameters: {p: {name: p, in: query, schema: {type: string}}}
"##;
        for text in [curated.as_str(), shapes] {
            let document = parse_document(text).unwrap();
            let whole = OpenAPI::deserialize(&document).unwrap();
            assert_eq!(read_typed(&document).as_ref(), Some(&whole));
        }
        for refused in [
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: [1]}\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {/a: {get: 5}}\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: {schemas: {a: {type: 5}}}\n",
        ] {
            let document = parse_document(refused).unwrap();
            assert!(OpenAPI::deserialize(&document).is_err(), "{refused}");
            assert_eq!(read_typed(&document), None, "{refused}");
        }
    }

    #[test]
    fn operation_ids_are_group_slash_kebab_name() {
        for good in ["apps/get-authenticated", "enterprise-admin/list-v2", "a/b"] {
            assert!(is_group_kebab_name(good), "{good}");
        }
        for bad in ["apps/getAuthenticated", "get-authenticated", "apps/get_thing", "apps/-x", "a/b/c", "apps/"] {
            assert!(!is_group_kebab_name(bad), "{bad}");
        }
    }

    #[test]
    fn json_descriptions_are_read_as_json() {
        let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /b: {}\n  /a: {}\n";
        let json = r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {"/b": {}, "/a": {}},
                      "x-big": 123456789012345678901234567890}"#;
        let from_yaml = load("t.yaml", yaml).unwrap();
        let from_json = load("t.json", json).unwrap();
        let paths = |spec: &Spec| spec.api.paths.paths.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&from_json), ["/b", "/a"], "the document's order is kept");
        assert_eq!(paths(&from_json), paths(&from_yaml));
        let err = load("t.json", "{\"openapi\": ").unwrap_err();
        assert!(err.to_string().contains("t.json#: invalid JSON: EOF while parsing a value"), "{err}");
    }

    #[test]
    fn json_beyond_yaml_is_read() {
        // Numbers beyond 64 bits, C1 control characters (U+0085, U+009F)
        // raw in strings, and a byte-order mark: all valid JSON that YAML
        // refuses or reads otherwise.
        let json = "\u{feff}{\"openapi\": \"3.0.0\", \"info\": {\"title\": \"t\u{85}x\", \"version\": \"1\u{9f}\"},
                    \"paths\": {}, \"components\": {\"schemas\": {\"big\": {\"type\": \"integer\",
                    \"example\": 340282366920938463463374607431768211456, \"x-low\": -99999999999999999999}}}}";
        assert!(serde_yaml::from_str::<serde_yaml::Value>(json).is_err(), "YAML would refuse it");
        let spec = load("t.json", json).unwrap();
        assert_eq!(spec.api.info.title, "t\u{85}x");
        assert_eq!(spec.api.info.version, "1\u{9f}");
        let schemas = &spec.api.components.as_ref().unwrap().schemas;
        let Some(ReferenceOr::Item(big @ Schema { schema_kind: SchemaKind::Type(Type::Integer(_)), .. })) = schemas.get("big")
        else {
            panic!("{schemas:?}");
        };
        let example = big.schema_data.example.as_ref().and_then(serde_json::Value::as_f64);
        assert_eq!(example, Some(2f64.powi(128)), "read as the nearest float, not refused");
        assert!(big.schema_data.extensions["x-low"].as_f64().is_some_and(|low| low < -9.9e19));
        let err = load("t.json", "{\"openapi\": \"3.0.0\"} trailing").unwrap_err();
        assert!(err.to_string().contains("t.json#: invalid JSON: trailing characters"), "{err}");
    }

    #[test]
    fn other_versions_are_refused_naming_the_field() {
        let refusal = |text: &str| {
            let errors = load("d.yaml", text).unwrap_err();
            assert_eq!(errors.0.len(), 1, "{errors}");
            let error = errors.0[0].clone();
            assert_eq!(error.kind, SpecErrorKind::UnsupportedVersion, "{error}");
            (error.pointer, error.message)
        };
        let (pointer, message) = refusal("swagger: 2.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assert_eq!(pointer, "/swagger");
        assert!(message.starts_with("Swagger 2.0 (`swagger: 2.0`) is not supported: only OpenAPI 3.0.x"), "{message}");
        let (pointer, message) = refusal("openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assert_eq!(pointer, "/openapi");
        assert!(message.starts_with("OpenAPI 3.1.0 (`openapi: 3.1.0`) is not supported"), "{message}");
        let (pointer, message) = refusal("openapi: 3.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
        assert_eq!(pointer, "/openapi", "a number is not a 3.0.x version string");
        assert!(message.starts_with("OpenAPI 3.0 (`openapi: 3.0`)"), "{message}");
        let (pointer, message) = refusal("info: {title: t, version: '1'}\npaths: {}\n");
        assert_eq!(pointer, "/openapi");
        assert!(message.starts_with("neither `openapi` nor `swagger` is set"), "{message}");
        let (pointer, _) = refusal("- a list\n");
        assert_eq!(pointer, "/openapi");
        assert!(load("d.yaml", "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n").is_ok());
    }

    #[test]
    fn template_parameters_in_order() {
        assert_eq!(template_parameters("/repos/{owner}/{repo}/installation"), vec!["owner", "repo"]);
        assert!(template_parameters("/app").is_empty());
    }
}
