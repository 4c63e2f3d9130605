//! Stage 2: lower a validated spec to the IR.
//!
//! All naming and casing happens here, and so does the detection of
//! constructs the generator does not support yet and of generated names
//! that collide: each becomes a located error, never a panic and never a
//! silently dropped item.

mod shapes;

use std::borrow::{Borrow, Cow};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use openapiv3::{
    AdditionalProperties, MediaType, ObjectType, Parameter as SpecParameter, ParameterSchemaOrContent, ReferenceOr,
    Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::error::{Construct, Pointer, SpecError, SpecErrorKind, SpecErrors};
use crate::ir::{
    AliasModel, Api, ApiFlavor, Body, CredentialKind, Group, EnumModel, EnumVariant, Field, Method, Model, Operation, OperationPreview, Pagination,
    Parameter, ParameterLocation, ParameterStyle, PathPart, Preview, Response, SchemeUse, Security, StructModel, Success, TypeRef, UnionModel,
    UnionVariant,
};
use crate::Profile;
use crate::spec::{OperationSite, Spec, extension, template_parameters};

/// Lowers a spec validated under `profile`.
pub fn lower(spec: &Spec, profile: Profile) -> Result<Api, SpecErrors> {
    let mut lowerer = Lowerer {
        spec,
        profile,
        models: BTreeMap::new(),
        errors: Vec::new(),
        component_names: BTreeMap::new(),
        component_types: BTreeMap::new(),
        shared_type_names: shared_type_names(spec),
        inlining: Vec::new(),
        pointed: BTreeMap::new(),
    };
    let previews = lowerer.lower_previews();
    lowerer.lower_components();
    let mut operations = Vec::new();
    let mut type_sites: BTreeMap<(String, String), String> = BTreeMap::new();
    for site in spec.operations() {
        if let Some(mut operation) = lowerer.lower_operation(&site) {
            // Under the description profile, a later operation whose name
            // is taken (`GET /users/~` after `GET /users`) is numbered:
            // `GetUsers2`, `get_users_2`.
            if profile == Profile::Description {
                number_taken_operation_name(&mut operation, &type_sites);
            }
            let key = (operation.module.clone(), operation.type_name.clone());
            if let Some(previous) = type_sites.insert(key, operation.id.clone()) {
                lowerer.errors.push(spec.error(
                    SpecErrorKind::NameCollision,
                    &name_pointer(&site),
                    Some(&operation.id),
                    format!(
                        "generated name `{}::{}` collides with operation `{previous}`",
                        operation.module, operation.type_name
                    ),
                ));
            }
            operations.push(operation);
        }
    }
    operations.sort_by(|a, b| (&a.module, &a.type_name).cmp(&(&b.module, &b.type_name)));
    shapes::merge_identical_inline_models(&mut lowerer.models, &operations);
    let leading_to_secrets = models_leading_to_secrets(&lowerer.models);
    for operation in &mut operations {
        operation.secret_properties = secret_properties(operation, &lowerer.models, &leading_to_secrets);
    }
    let groups = lower_groups(spec, &operations);
    if !lowerer.errors.is_empty() {
        return Err(SpecErrors(lowerer.errors));
    }
    let base_url = base_url(spec);
    Ok(Api {
        groups,
        flavor: api_flavor(spec, base_url.as_deref()),
        base_url,
        title: spec.api.info.title.clone(),
        version: spec.api.info.version.clone(),
        previews,
        models: lowerer.models,
        operations,
    })
}

/// Whether the description is GitHub's (see [`ApiFlavor::GitHub`]): only
/// then does the client resolve `/api/v3`, send GitHub's media type and
/// previews.
fn api_flavor(spec: &Spec, base_url: Option<&str>) -> ApiFlavor {
    let credential_extension = spec.api.components.iter().flat_map(|components| components.security_schemes.values()).any(|scheme| {
        matches!(scheme, ReferenceOr::Item(scheme) if crate::spec::scheme_extensions(scheme).contains_key(crate::spec::extension::CREDENTIAL))
    });
    let x_github = spec.operations().iter().any(|site| site.operation.extensions.contains_key("x-github"));
    let github_server = base_url.is_some_and(|url| {
        let host = url.split("://").nth(1).unwrap_or(url).split(['/', ':']).next().unwrap_or_default().to_ascii_lowercase();
        host == "api.github.com" || host.ends_with(".ghe.com") || url.trim_end_matches('/').ends_with("/api/v3")
    });
    if credential_extension || x_github || github_server { ApiFlavor::GitHub } else { ApiFlavor::Generic }
}

/// The first server's URL with each `{variable}` at its default.
fn base_url(spec: &Spec) -> Option<String> {
    let server = spec.api.servers.first()?;
    let mut url = server.url.clone();
    for (name, variable) in server.variables.iter().flatten() {
        url = url.replace(&format!("{{{name}}}"), &variable.default);
    }
    Some(url)
}

/// The groups of the operations, by module, documented by the tag that
/// has the group's name.
fn lower_groups(spec: &Spec, operations: &[Operation]) -> Vec<Group> {
    let modules: BTreeSet<&str> = operations.iter().map(|operation| operation.module.as_str()).collect();
    modules
        .into_iter()
        .map(|module| Group {
            module: module.to_owned(),
            api_type_name: group_api_name(module),
            doc: spec.api.tags.iter().find(|tag| field_name(&tag.name) == module).and_then(|tag| tag.description.clone()),
        })
        .collect()
}

/// The name of a group's method-holder type, e.g. `AppsApi`.
fn group_api_name(module: &str) -> String {
    format!("{}Api", type_name(module))
}

/// The JSON properties marked `x-github-secret` anywhere in the types an
/// operation's bodies (success responses and the request, which error bodies
/// may echo) can hold, following model references; sorted.
fn secret_properties(operation: &Operation, models: &BTreeMap<String, Model>, leading_to_secrets: &BTreeSet<String>) -> Vec<String> {
    let mut pending: Vec<&TypeRef> = operation.responses.iter().filter_map(|response| response.ty.as_ref()).collect();
    pending.extend(operation.body.as_ref().map(|body| &body.ty));
    let mut visited = BTreeSet::new();
    let mut secrets = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
            // Only models that can reach a secret are worth a visit: few are.
            TypeRef::Model(name) if leading_to_secrets.contains(name) && visited.insert(name.as_str()) => match models.get(name) {
                Some(Model::Struct(model)) => {
                    for field in &model.fields {
                        if field.secret {
                            secrets.insert(field.api_name.clone());
                        }
                        pending.push(&field.ty);
                    }
                    pending.extend(model.additional.as_ref().map(|(_, ty)| ty));
                }
                Some(Model::Alias(alias)) => pending.push(&alias.ty),
                Some(Model::Union(union)) => pending.extend(union.variants.iter().map(|variant| &variant.ty)),
                Some(Model::Enum(_)) | None => {}
            },
            _ => {}
        }
    }
    secrets.into_iter().collect()
}

/// The models that hold a secret field, directly or through other models:
/// one walk back from the models with a secret field, so that each
/// operation's walk ([`secret_properties`]) visits only these.
fn models_leading_to_secrets(models: &BTreeMap<String, Model>) -> BTreeSet<String> {
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, model) in models {
        for held in model.held_types().into_iter().filter_map(TypeRef::model_name) {
            holders.entry(held).or_default().push(name);
        }
    }
    let mut pending: Vec<&str> = models
        .iter()
        .filter(|(_, model)| matches!(model, Model::Struct(model) if model.fields.iter().any(|field| field.secret)))
        .map(|(name, _)| name.as_str())
        .collect();
    let mut leading = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if leading.insert(name.to_owned()) {
            pending.extend(holders.get(name).into_iter().flatten());
        }
    }
    leading
}

/// How an operation is named: its id, its group and the name its type and
/// method are cased from.
struct OperationNames {
    /// The `operationId`, else `METHOD /path` (`Operation::ID`, and the
    /// operation named in errors).
    id: String,
    /// The group, before casing: the id's part before its last `/`, else
    /// the first tag, else `default`.
    group: String,
    /// The name, before casing: the id's part after its last `/` (the
    /// whole id when there is none), else `method path`.
    name: String,
}

/// An operation's id, group and name (`ARCHITECTURE.md`, "Generated
/// names"). An operation without an `operationId` (refused by the curated
/// profile's validation) is named from its method and path:
/// `GET /repos/{owner}/{repo}/issues` is the type `GetReposOwnerRepoIssues`
/// and the method `get_repos_owner_repo_issues`.
fn operation_names(site: &OperationSite<'_>) -> OperationNames {
    let tag_group = || site.operation.tags.first().cloned().unwrap_or_else(|| DEFAULT_GROUP.to_owned());
    match &site.operation.operation_id {
        Some(id) => match id.rsplit_once('/') {
            Some((group, name)) => OperationNames { id: id.clone(), group: group.to_owned(), name: name.to_owned() },
            None => OperationNames { id: id.clone(), group: tag_group(), name: id.clone() },
        },
        None => OperationNames { id: site.label(), group: tag_group(), name: format!("{} {}", site.method, site.path) },
    }
}

/// Numbers `operation`'s type and method names when its type name is
/// already taken in its module: the first free `Name2`, `Name3`, ... with
/// the method `name_2`, `name_3`, ...
fn number_taken_operation_name(operation: &mut Operation, taken: &BTreeMap<(String, String), String>) {
    let is_taken = |name: String| taken.contains_key(&(operation.module.clone(), name));
    if !is_taken(operation.type_name.clone()) {
        return;
    }
    let number = (2..).find(|number| !is_taken(format!("{}{number}", operation.type_name))).unwrap_or(2);
    operation.type_name = format!("{}{number}", operation.type_name);
    operation.method_name = format!("{}_{number}", operation.method_name);
}

/// Where an operation's name comes from: its `operationId`, else the
/// operation (named by its method and path).
fn name_pointer(site: &OperationSite<'_>) -> Pointer {
    match site.operation.operation_id {
        Some(_) => site.pointer().push("operationId"),
        None => site.pointer(),
    }
}

/// The group of an operation with neither a group in its id nor a tag.
const DEFAULT_GROUP: &str = "default";

/// The operation type names that more than one group uses (GitHub's
/// `orgs/get-audit-log` and `enterprise-admin/get-audit-log`).
fn shared_type_names(spec: &Spec) -> BTreeSet<String> {
    let mut groups: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for site in spec.operations() {
        let names = operation_names(&site);
        groups.entry(type_name(&names.name)).or_default().insert(field_name(&names.group));
    }
    groups.into_iter().filter(|(_, groups)| groups.len() > 1).map(|(name, _)| name).collect()
}

/// The Cargo feature of a group's module in a standalone crate
/// ([`crate::Options::group_features`]): the module's name, except that
/// `default` is Cargo's list of default features, so that group's feature
/// is `default-group` (a `-` no module name has, so it is no other group's).
pub fn group_feature(module: &str) -> String {
    if module == "default" { "default-group".to_owned() } else { module.to_owned() }
}

/// Names the generated `models.rs` uses unqualified: the types, traits and
/// variants of Rust's prelude. A model of one of these names would shadow
/// it (`Result<Self, D::Error>` would name the model).
const PRELUDE_NAMES: &[&str] = &[
    "AsMut", "AsRef", "Box", "Clone", "Copy", "Debug", "Default", "DoubleEndedIterator", "Drop", "Eq", "Err",
    "ExactSizeIterator", "Extend", "Fn", "FnMut", "FnOnce", "From", "FromIterator", "Future", "Hash", "Into",
    "IntoFuture", "IntoIterator", "Iterator", "None", "Ok", "Option", "Ord", "PartialEq", "PartialOrd", "Result",
    "Send", "Sized", "Some", "String", "Sync", "ToOwned", "ToString", "TryFrom", "TryInto", "Unpin", "Vec",
];

/// Names `operations/<group>.rs` imports from the runtime (the `use` that
/// `emit::operations` writes at the top of each group's file), which an
/// operation type of the same name would clash with.
const OPERATION_IMPORTS: &[&str] = &[
    "BodyFormat", "CallableWith", "ClientCredential", "CredentialKind", "Method", "Operation", "PaginatedOperation",
    "Pagination", "Param", "ParamValue", "Preview", "RequestBody", "SchemeUse", "Security",
];

/// A model's type name for a wire name (a component schema's, or an
/// inline type's hint): [`type_name`], with `Model` appended when that is a
/// prelude name (`Result` → `ResultModel`).
pub fn model_type_name(api_name: &str) -> String {
    unshadowed_model_name(type_name(api_name))
}

/// A model name that shadows no prelude name: `name`, or `name` + `Model`.
fn unshadowed_model_name(mut name: String) -> String {
    if PRELUDE_NAMES.contains(&name.as_str()) {
        name.push_str("Model");
    }
    name
}

/// An operation's type name for its cased name: [`type_name`], with
/// `Request` appended when that is a prelude name or one its group's file
/// imports (`Result` → `ResultRequest`, `Operation` → `OperationRequest`).
pub fn operation_type_name(name: &str) -> String {
    let mut type_name = type_name(name);
    if PRELUDE_NAMES.contains(&type_name.as_str()) || OPERATION_IMPORTS.contains(&type_name.as_str()) {
        type_name.push_str("Request");
    }
    type_name
}

/// How a body is carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BodyKind {
    /// JSON (`application/json`, `+json`), typed by its schema.
    Json,
    /// `text/*`, as a string.
    Text,
    /// Anything else (`application/octet-stream`, `*/*`, ...), as bytes.
    Bytes,
}

/// The content a body is generated for: JSON when offered, else the first
/// `text/*` type, else the first other type; `None` when there is none.
fn body_content(content: &indexmap::IndexMap<String, MediaType>) -> Option<(&String, &MediaType, BodyKind)> {
    let essence = |media: &str| media.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    let json = content.iter().find(|(media, _)| {
        let essence = essence(media);
        essence == "application/json" || essence.ends_with("+json")
    });
    if let Some((media, content)) = json {
        return Some((media, content, BodyKind::Json));
    }
    if let Some((media, content)) = content.iter().find(|(media, _)| essence(media).starts_with("text/")) {
        return Some((media, content, BodyKind::Text));
    }
    content.iter().next().map(|(media, content)| (media, content, BodyKind::Bytes))
}

/// The media type of the first success response that is not JSON.
fn non_json_success_media(site: &OperationSite<'_>, spec: &Spec) -> Option<String> {
    site.operation.responses.responses.iter().find_map(|(status, response)| {
        let StatusCode::Code(code) = status else { return None };
        if !(200..300).contains(code) {
            return None;
        }
        let resolved = spec.response(response)?;
        match body_content(&resolved.content)? {
            (_, _, BodyKind::Json) => None,
            (media, _, _) => Some(media.clone()),
        }
    })
}

/// A media type's `example`, or the value of its first inline `examples` entry.
fn media_example(content: &MediaType) -> Option<serde_json::Value> {
    content.example.clone().or_else(|| {
        content.examples.values().find_map(|example| match example {
            ReferenceOr::Item(example) => example.value.clone(),
            ReferenceOr::Reference { .. } => None,
        })
    })
}

/// The Rust names of Rust keywords and other words a field cannot be.
const RESERVED: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn",
    "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self",
    "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become",
    "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "union",
];

/// Spells a leading sign (`+1`, `-1`: GitHub's reactions) so it survives
/// casing; a `-` elsewhere is a word separator.
fn spell_sign(api_name: &str) -> String {
    if let Some(rest) = api_name.strip_prefix('+') {
        format!("plus {rest}")
    } else if let Some(rest) = api_name.strip_prefix('-') {
        format!("minus {rest}")
    } else {
        api_name.to_owned()
    }
}

/// A snake_case Rust identifier for a wire name (`type` → `type_`, `+1` → `plus_1`).
pub fn field_name(api_name: &str) -> String {
    remembered(&FIELD_NAMES, api_name, cased_field_name)
}

/// An UpperCamelCase Rust type or variant name for a wire name.
pub fn type_name(api_name: &str) -> String {
    remembered(&TYPE_NAMES, api_name, cased_type_name)
}

thread_local! {
    /// [`field_name`]'s answers on this thread: large descriptions repeat
    /// property names thousands of times, and heck's casing was a fifth of
    /// their lowering.
    static FIELD_NAMES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    /// [`type_name`]'s answers on this thread.
    static TYPE_NAMES: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
}

/// How many names one thread remembers per kind before it starts over, so
/// a long-lived thread's memory stays bounded.
const REMEMBERED_NAMES: usize = 1 << 16;

/// `case(api_name)`, remembered in `names` (casing is pure, so the answer
/// is the same every time).
fn remembered(
    names: &'static std::thread::LocalKey<RefCell<HashMap<String, String>>>,
    api_name: &str,
    case: fn(&str) -> String,
) -> String {
    names.with(|names| {
        if let Some(name) = names.borrow().get(api_name) {
            return name.clone();
        }
        let name = case(api_name);
        let mut names = names.borrow_mut();
        if names.len() >= REMEMBERED_NAMES {
            names.clear();
        }
        names.insert(api_name.to_owned(), name.clone());
        name
    })
}

fn cased_field_name(api_name: &str) -> String {
    let spelled = spell_sign(api_name).replace('@', " at ");
    let cleaned: String = spelled.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut name = cleaned.to_snake_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("value_{name}");
    }
    if RESERVED.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

fn cased_type_name(api_name: &str) -> String {
    let spelled = spell_sign(api_name).replace('@', " at ");
    let cleaned: String = spelled.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect();
    let mut name = cleaned.to_upper_camel_case();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("V{name}");
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

struct Lowerer<'a> {
    spec: &'a Spec,
    profile: Profile,
    models: BTreeMap<String, Model>,
    errors: Vec<SpecError>,
    /// Component schema name → Rust type name.
    component_names: BTreeMap<String, String>,
    /// The Rust type names of the component schemas, with their pointers.
    component_types: BTreeMap<String, String>,
    /// Operation type names that occur in more than one group: the inline
    /// types of those operations are prefixed with their group's name.
    shared_type_names: BTreeSet<String>,
    /// The non-component `$ref`s being lowered in place, innermost last:
    /// one met again inside itself is a cycle.
    inlining: Vec<String>,
    /// The non-component `$ref`s already lowered, with their types: each is
    /// lowered once (named after its first use), however often it is used.
    pointed: BTreeMap<String, (TypeRef, bool)>,
}

/// A schema's type plus whether it is nullable.
struct Lowered {
    ty: TypeRef,
    nullable: bool,
}

impl<'a> Lowerer<'a> {
    fn error(&mut self, kind: SpecErrorKind, pointer: &Pointer, operation: Option<&str>, message: impl Into<String>) {
        self.errors.push(self.spec.error(kind, pointer, operation, message));
    }

    fn lower_previews(&mut self) -> Vec<Preview> {
        let catalog = match self.spec.preview_catalog() {
            Ok(catalog) => catalog,
            Err(err) => {
                self.errors.push(err);
                return Vec::new();
            }
        };
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut previews = Vec::new();
        for (name, entry) in catalog {
            let const_name = name.to_shouty_snake_case();
            if let Some(previous) = seen.insert(const_name.clone(), name.clone()) {
                let pointer = Pointer::root().push(extension::PREVIEW_CATALOG).push(&name);
                self.error(SpecErrorKind::NameCollision, &pointer, None, format!("preview constant `{const_name}` collides with preview `{previous}`"));
            }
            previews.push(Preview { api_name: name, const_name, media_type: entry.media_type, description: entry.description });
        }
        previews
    }

    fn lower_components(&mut self) {
        let Some(components) = &self.spec.api.components else { return };
        let mut by_rust_name: BTreeMap<String, String> = BTreeMap::new();
        for name in components.schemas.keys() {
            let mut rust = model_type_name(name);
            if let Some(previous) = by_rust_name.get(&rust).cloned() {
                match self.profile {
                    Profile::Curated => {
                        let pointer = Pointer::root().push("components").push("schemas").push(name);
                        self.error(SpecErrorKind::NameCollision, &pointer, None, format!("schema `{name}` and schema `{previous}` both become `{rust}`"));
                    }
                    // `foo_bar` and `FooBar`: the later is `FooBar2`.
                    Profile::Description => rust = free_name(&rust, |taken| by_rust_name.contains_key(taken), ""),
                }
            }
            by_rust_name.insert(rust.clone(), name.clone());
            self.component_names.insert(name.clone(), rust);
        }
        self.component_types = self
            .component_names
            .iter()
            .map(|(name, rust)| (rust.clone(), Pointer::root().push("components").push("schemas").push(name).to_string()))
            .collect();
        for (name, schema) in &components.schemas {
            let pointer = Pointer::root().push("components").push("schemas").push(name);
            let rust = self.component_names[name].clone();
            match schema {
                ReferenceOr::Item(schema) => self.lower_named(&rust, schema, &pointer, None),
                ReferenceOr::Reference { .. } => {
                    let lowered = self.lower_type(schema, &rust, &pointer, None);
                    let doc = None;
                    self.insert_model(Model::Alias(AliasModel { name: rust, origin: pointer.to_string(), doc, ty: lowered.ty }), &pointer, None);
                }
            }
        }
    }

    /// `hint`, or under [`Profile::Description`] when a component schema or
    /// another inline schema already has that name, `hint` with the
    /// smallest number from 2 that is free (`PetRequest` beside a
    /// component `PetRequest` is `PetRequest2`). The curated profile keeps
    /// `hint` and reports the collision when the model is inserted.
    fn free_inline_name(&self, hint: &str, pointer: &Pointer) -> String {
        let origin = pointer.to_string();
        let taken = |name: &str| {
            self.component_types.get(name).is_some_and(|component| *component != origin)
                || self.models.get(name).is_some_and(|model| model.origin() != origin)
        };
        match self.profile {
            Profile::Description if taken(hint) => free_name(hint, taken, ""),
            _ => hint.to_owned(),
        }
    }

    fn insert_model(&mut self, model: Model, pointer: &Pointer, operation: Option<&str>) {
        let name = model.name().to_owned();
        match self.models.get(&name) {
            Some(existing) if existing != &model => {
                let message = format!("generated type `{name}` collides with the type from {}", existing.origin());
                self.error(SpecErrorKind::NameCollision, pointer, operation, message);
            }
            Some(_) => {}
            None => {
                self.models.insert(name, model);
            }
        }
    }

    /// Lowers a schema that gets its own named model (a component, or an
    /// inline object, enum or union).
    fn lower_named(&mut self, name: &str, schema: &Schema, pointer: &Pointer, operation: Option<&str>) {
        let doc = schema.schema_data.description.clone().or_else(|| schema.schema_data.title.clone());
        let origin = pointer.to_string();
        if let Some(values) = string_enum(schema) {
            let model = self.lower_enum(name, doc, values, pointer);
            self.insert_model(Model::Enum(model), pointer, operation);
            return;
        }
        match self.composition_of(schema) {
            Composition::None => {}
            Composition::AllOf(members) => match self.merge_all_of(schema, members, 0) {
                Ok(Merged::Object(merged)) => return self.lower_named(name, &merged, pointer, operation),
                Ok(Merged::Member(_)) => {}
                Err((kind, message)) => self.error(kind, pointer, operation, message),
            },
            Composition::OneOf(members) | Composition::AnyOf(members) => {
                let model = self.lower_union(name, schema, members, pointer, operation);
                self.insert_model(Model::Union(model), pointer, operation);
                return;
            }
            Composition::Unsupported(construct, message) => {
                self.error(SpecErrorKind::Unsupported(construct), pointer, operation, message)
            }
        }
        if let Some((properties, required, additional)) = object_parts(schema)
            && !properties.is_empty()
        {
            let model = self.lower_struct(name, doc, (properties, required, additional), pointer, operation);
            self.insert_model(Model::Struct(model), pointer, operation);
            return;
        }
        let plain = Schema { schema_data: schema.schema_data.clone(), schema_kind: schema.schema_kind.clone() };
        let lowered = self.lower_inline(&plain, &format!("{name}Value"), pointer, operation);
        self.insert_model(Model::Alias(AliasModel { name: name.to_owned(), origin, doc, ty: lowered.ty }), pointer, operation);
    }

    /// An object with properties as a struct; `additionalProperties` beside
    /// them becomes a flattened map of the undeclared ones.
    fn lower_struct(
        &mut self,
        name: &str,
        doc: Option<String>,
        (properties, required, additional): ObjectParts<'_>,
        pointer: &Pointer,
        operation: Option<&str>,
    ) -> StructModel {
        let mut fields = Vec::new();
        // A property spelled as its field (`id`) keeps that name even when
        // another (`_id`) comes first.
        let cased: Vec<String> = properties.keys().map(|api_name| field_name(api_name)).collect();
        let mut field_names: BTreeMap<String, String> =
            properties.keys().zip(&cased).filter(|(api_name, rust)| api_name == rust).map(|(api_name, _)| (api_name.clone(), api_name.clone())).collect();
        for ((api_name, property), mut rust) in properties.iter().zip(cased) {
            let property_pointer = pointer.push("properties").push(api_name);
            match field_names.get(&rust) {
                Some(owner) if owner == api_name => {}
                Some(previous) if self.profile == Profile::Curated => {
                    let message = format!("properties `{previous}` and `{api_name}` of `{name}` both become field `{rust}`");
                    self.error(SpecErrorKind::NameCollision, &property_pointer, operation, message);
                }
                // Under the description profile the later one is numbered
                // (`job_id_2`); its wire name is kept for serde.
                Some(_) => {
                    rust = free_name(&rust, |candidate| field_names.contains_key(candidate), "_");
                    field_names.insert(rust.clone(), api_name.clone());
                }
                None => {
                    field_names.insert(rust.clone(), api_name.clone());
                }
            }
            let hint = format!("{name}{}", type_name(api_name));
            let lowered = self.lower_type(property, &hint, &property_pointer, operation);
            let (doc, secret) = match property {
                ReferenceOr::Item(schema) => {
                    let schema: &Schema = schema.borrow();
                    let secret = self.secret_flag(schema, &lowered.ty, &property_pointer, operation);
                    (schema.schema_data.description.clone(), secret)
                }
                ReferenceOr::Reference { .. } => (None, false),
            };
            fields.push(Field {
                name: rust,
                api_name: api_name.clone(),
                doc,
                ty: lowered.ty,
                required: required.contains(api_name),
                nullable: lowered.nullable,
                secret,
            });
        }
        let additional = match additional {
            Some(AdditionalProperties::Schema(value)) => {
                let hint = format!("{name}AdditionalProperty");
                Some(self.lower_type(value.as_ref(), &hint, &pointer.push("additionalProperties"), operation).ty)
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Any(false)) | None => None,
        };
        let additional = additional.map(|ty| {
            let mut field = "additional_properties".to_owned();
            while field_names.contains_key(&field) {
                field.push('_');
            }
            (field, ty)
        });
        StructModel { name: name.to_owned(), origin: pointer.to_string(), doc, fields, additional }
    }

    /// Merges the members of an `allOf` (and the object keywords beside
    /// it) into one object schema, following references and nested `allOf`s.
    /// Members that only annotate (a description, `nullable`, a `required`
    /// list) add their `required`; a single substantive member stands alone.
    fn merge_all_of<'s>(
        &self,
        outer: &'s Schema,
        members: &'s [ReferenceOr<Schema>],
        depth: usize,
    ) -> Result<Merged<'s>, (SpecErrorKind, String)>
    where
        'a: 's,
    {
        if depth > 16 {
            return Err(all_of_too_deep());
        }
        let mut substantive: Vec<&'s ReferenceOr<Schema>> = Vec::new();
        let mut extra_required: Vec<String> = Vec::new();
        for member in members {
            match member {
                ReferenceOr::Item(schema) if is_constraint_only(schema) => {
                    if let SchemaKind::Any(any) = &schema.schema_kind {
                        extra_required.extend(any.required.iter().cloned());
                    }
                }
                // "At least one of these" (`anyOf: [{required: [a]}, {required:
                // [b]}]`) constrains values, which no type says: it adds nothing.
                ReferenceOr::Item(schema) if is_alternative_constraints(schema) => {}
                _ => substantive.push(member),
            }
        }
        let own = object_keywords_beside(outer);
        if substantive.len() == 1 && own.is_none() && extra_required.is_empty() {
            return Ok(Merged::Member(substantive[0]));
        }
        let mut object = ObjectType::default();
        let mut add = |properties: &indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
                       required: &[String],
                       additional: &Option<AdditionalProperties>| {
            for (key, value) in properties {
                object.properties.insert(key.clone(), value.clone());
            }
            for key in required {
                if !object.required.contains(key) {
                    object.required.push(key.clone());
                }
            }
            if let Some(additional) = additional
                && !matches!(additional, AdditionalProperties::Any(false))
            {
                object.additional_properties = Some(additional.clone());
            }
        };
        if own.is_none() && let Some(first) = self.same_scalar_members(&substantive) {
            // `allOf: [{$ref: id}, {type: string}]`: every member is the
            // same scalar, so the first one is the type.
            return Ok(Merged::Member(first));
        }
        for (index, member) in substantive.into_iter().enumerate() {
            let merged = self.member_object(member, depth)?;
            let parts = merged.as_deref().and_then(object_parts);
            let Some((properties, required, additional)) = parts else { return Err(non_object_member(index)) };
            add(properties, required, additional);
        }
        if let Some((properties, required, additional)) = own {
            add(properties, required, additional);
        }
        let required = extra_required.into_iter().filter(|key| !object.required.contains(key)).collect::<Vec<_>>();
        object.required.extend(required);
        let schema_data = openapiv3::SchemaData {
            nullable: outer.schema_data.nullable,
            description: outer.schema_data.description.clone(),
            title: outer.schema_data.title.clone(),
            ..Default::default()
        };
        Ok(Merged::Object(Box::new(Schema { schema_data, schema_kind: SchemaKind::Type(Type::Object(object)) })))
    }

    /// The [`composition`] of `schema`, where a `oneOf`/`anyOf` beside
    /// `properties` that every member declares too (Jira's discriminator
    /// property `type` beside its variants) is the union alone: those
    /// properties say nothing the members do not.
    fn composition_of<'s>(&self, schema: &'s Schema) -> Composition<'s>
    where
        'a: 's,
    {
        let found = composition(schema);
        let (Composition::Unsupported(Construct::CompositionBesideProperties, _), SchemaKind::Any(any)) = (&found, &schema.schema_kind)
        else {
            return found;
        };
        let declares_every_property = |member: &'s ReferenceOr<Schema>| match self.member_object(member, 0) {
            Ok(Some(object)) => object_parts(&object).is_some_and(|(properties, ..)| any.properties.keys().all(|key| properties.contains_key(key))),
            _ => false,
        };
        match (any.one_of.as_slice(), any.any_of.as_slice()) {
            (one_of, []) if one_of.iter().all(declares_every_property) => Composition::OneOf(one_of),
            ([], any_of) if any_of.iter().all(declares_every_property) => Composition::AnyOf(any_of),
            _ => found,
        }
    }

    /// The object an `allOf` member stands for: the member itself, or what
    /// its own `allOf` merges into, following a member that is only
    /// another member (`allOf: [{allOf: [{$ref: x}]}]`, or a component
    /// that is `allOf: [$ref]` and nothing else). `None` when the member
    /// is not an object schema.
    fn member_object<'s>(
        &self,
        member: &'s ReferenceOr<Schema>,
        depth: usize,
    ) -> Result<Option<Cow<'s, Schema>>, (SpecErrorKind, String)>
    where
        'a: 's,
    {
        let mut member = member;
        for hop in depth..=16 {
            let schema = self.resolve_member(member)?;
            match composition(schema) {
                Composition::AllOf(inner) => match self.merge_all_of(schema, inner, hop + 1)? {
                    Merged::Object(object) => return Ok(Some(Cow::Owned(*object))),
                    Merged::Member(only) => member = only,
                },
                Composition::None => return Ok(Some(Cow::Borrowed(schema))),
                _ => return Ok(None),
            }
        }
        Err(all_of_too_deep())
    }

    /// An `allOf` member's schema, through its reference.
    fn resolve_member<'s>(&self, member: &'s ReferenceOr<Schema>) -> Result<&'s Schema, (SpecErrorKind, String)>
    where
        'a: 's,
    {
        match member {
            ReferenceOr::Item(schema) => Ok(schema),
            ReferenceOr::Reference { reference } => match self.spec.schema_at(reference) {
                Some(schema) => Ok(schema),
                None => Err((SpecErrorKind::BadRef, format!("`$ref: {reference}` does not resolve"))),
            },
        }
    }

    /// The first of several `allOf` members when every one is a scalar
    /// of the same type (a string with a string, an integer with an
    /// integer): they merge into that scalar.
    fn same_scalar_members<'s>(&self, members: &[&'s ReferenceOr<Schema>]) -> Option<&'s ReferenceOr<Schema>>
    where
        'a: 's,
    {
        let scalar = |member: &ReferenceOr<Schema>| match &self.resolve_member(member).ok()?.schema_kind {
            SchemaKind::Type(Type::String(_)) => Some("string"),
            SchemaKind::Type(Type::Integer(_)) => Some("integer"),
            SchemaKind::Type(Type::Number(_)) => Some("number"),
            SchemaKind::Type(Type::Boolean(_)) => Some("boolean"),
            _ => None,
        };
        let (first, rest) = members.split_first()?;
        let kind = scalar(first)?;
        (!rest.is_empty() && rest.iter().all(|member| scalar(member) == Some(kind))).then_some(*first)
    }

    /// A `oneOf`/`anyOf` as a union: one variant per member, the
    /// discriminator's values where there is one, and the variants ordered
    /// most specific first (more required properties first; open shapes
    /// last).
    fn lower_union(
        &mut self,
        name: &str,
        schema: &Schema,
        members: &[ReferenceOr<Schema>],
        pointer: &Pointer,
        operation: Option<&str>,
    ) -> UnionModel {
        let keyword = match self.composition_of(schema) {
            Composition::AnyOf(_) => "anyOf",
            _ => "oneOf",
        };
        let discriminator = schema.schema_data.discriminator.as_ref();
        let mut variants: Vec<UnionVariant> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer.push(keyword).push(index);
            let hint = format!("{name}Variant{}", index + 1);
            let lowered = self.lower_type(member, &hint, &member_pointer, operation);
            let mut variant = variant_name(name, &lowered.ty);
            if variants.iter().any(|v| v.name == variant) || variant == "Other" {
                variant = format!("{variant}{}", index + 1);
            }
            let tags = match (member, discriminator) {
                (ReferenceOr::Reference { reference }, Some(discriminator)) => {
                    let component = self.spec.schema_by_ref(reference).map(|(component, _)| component);
                    let mapped: Vec<String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, target)| *target == reference || Some(*target) == component.as_ref())
                        .map(|(tag, _)| tag.clone())
                        .collect();
                    if mapped.is_empty() { component.into_iter().collect() } else { mapped }
                }
                _ => Vec::new(),
            };
            let required = self.required_properties(member, 0);
            variants.push(UnionVariant { name: variant, ty: lowered.ty, tags, required });
        }
        let openness = |ty: &TypeRef| match ty {
            TypeRef::Json => 2,
            TypeRef::Map(_) => 1,
            _ => 0,
        };
        variants.sort_by_key(|variant| (std::cmp::Reverse(variant.required.len()), openness(&variant.ty)));
        let doc = schema.schema_data.description.clone().or_else(|| schema.schema_data.title.clone());
        UnionModel {
            name: name.to_owned(),
            origin: pointer.to_string(),
            doc,
            discriminator: discriminator.map(|d| d.property_name.clone()),
            variants,
            fallback: "Other".to_owned(),
        }
    }

    /// The `required` properties of a member that is an object (through
    /// references and `allOf`), for choosing a union's variant by shape.
    fn required_properties(&self, member: &ReferenceOr<Schema>, depth: usize) -> Vec<String> {
        if depth > 16 {
            return Vec::new();
        }
        let schema = match member {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => match self.spec.schema_at(reference) {
                Some(schema) => schema,
                None => return Vec::new(),
            },
        };
        match composition(schema) {
            Composition::None => object_parts(schema).map(|(_, required, _)| required.clone()).unwrap_or_default(),
            Composition::AllOf(members) => match self.merge_all_of(schema, members, 0) {
                Ok(Merged::Object(merged)) => {
                    object_parts(&merged).map(|(_, required, _)| required.clone()).unwrap_or_default()
                }
                Ok(Merged::Member(member)) => self.required_properties(member, depth + 1),
                Err(_) => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// Reads `x-github-secret` on a property: a boolean, allowed only on
    /// plain strings (the runtime's `SecretString` wraps a `String`).
    fn secret_flag(&mut self, schema: &Schema, ty: &TypeRef, pointer: &Pointer, operation: Option<&str>) -> bool {
        let Some(value) = schema.schema_data.extensions.get(extension::SECRET) else { return false };
        let pointer = pointer.push(extension::SECRET);
        let Some(secret) = value.as_bool() else {
            self.error(SpecErrorKind::MalformedExtension, &pointer, operation, format!("`{}` must be `true` or `false`, got `{value}`", extension::SECRET));
            return false;
        };
        if secret && *ty != TypeRef::String {
            self.error(SpecErrorKind::MalformedExtension, &pointer, operation, format!("`{}` is only supported on `type: string` properties", extension::SECRET));
            return false;
        }
        secret
    }

    fn lower_enum(&mut self, name: &str, doc: Option<String>, values: Vec<String>, pointer: &Pointer) -> EnumModel {
        let mut variants: Vec<EnumVariant> = Vec::new();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        for value in values {
            if variants.iter().any(|variant| variant.api_name == value) {
                continue;
            }
            // Values that differ only in case or punctuation (SCIM's `add`
            // and `Add`) stay distinct variants: later ones are numbered.
            let base = type_name(&value);
            let mut variant = base.clone();
            let mut number = 1;
            while seen.contains_key(&variant) {
                number += 1;
                variant = format!("{base}{number}");
            }
            seen.insert(variant.clone(), value.clone());
            variants.push(EnumVariant { name: variant, api_name: value });
        }
        let mut fallback = "Unknown".to_owned();
        while seen.contains_key(&fallback) {
            fallback.push('_');
        }
        EnumModel { name: name.to_owned(), origin: pointer.to_string(), doc, variants, fallback }
    }

    /// The type of a schema used somewhere; inline objects and enums become
    /// models named `hint`.
    fn lower_type<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        hint: &str,
        pointer: &Pointer,
        operation: Option<&str>,
    ) -> Lowered {
        match schema {
            ReferenceOr::Reference { reference } => {
                let Some((component, target)) = self.spec.schema_by_ref(reference) else {
                    return self.lower_pointed(reference, hint, pointer, operation);
                };
                let rust = self.component_names.get(&component).cloned().unwrap_or_else(|| model_type_name(&component));
                Lowered { ty: TypeRef::Model(rust), nullable: target.schema_data.nullable }
            }
            ReferenceOr::Item(schema) => self.lower_inline(schema.borrow(), hint, pointer, operation),
        }
    }

    /// A `$ref` to a schema that is no component (`#/paths/...`, a property
    /// of a component): lowered as if written where it is first used (so
    /// named after that place), with errors located at the schema it points
    /// at; later uses share that type.
    fn lower_pointed(&mut self, reference: &str, hint: &str, pointer: &Pointer, operation: Option<&str>) -> Lowered {
        if let Some((ty, nullable)) = self.pointed.get(reference) {
            return Lowered { ty: ty.clone(), nullable: *nullable };
        }
        let Some(target) = self.spec.schema_at(reference) else {
            self.error(SpecErrorKind::BadRef, pointer, operation, format!("`$ref: {reference}` does not resolve"));
            return Lowered { ty: TypeRef::Json, nullable: false };
        };
        if self.inlining.iter().any(|outer| outer == reference) {
            let message = format!("`$ref: {reference}` is part of the schema it points at: only component schemas may contain themselves");
            self.error(SpecErrorKind::BadRef, pointer, operation, message);
            return Lowered { ty: TypeRef::Json, nullable: false };
        }
        let tokens = crate::spec::pointer::reference_tokens(reference).unwrap_or_default();
        let target_pointer = tokens.iter().fold(Pointer::root(), |pointer, token| pointer.push(token));
        self.inlining.push(reference.to_owned());
        let lowered = self.lower_inline(target, hint, &target_pointer, operation);
        self.inlining.pop();
        self.pointed.insert(reference.to_owned(), (lowered.ty.clone(), lowered.nullable));
        lowered
    }

    fn lower_inline(&mut self, schema: &Schema, hint: &str, pointer: &Pointer, operation: Option<&str>) -> Lowered {
        // Every inline model is named here (or by a caller that passed
        // such a hint): none may shadow a prelude name, nor (under the
        // description profile) take a name another schema has.
        let hint = &unshadowed_model_name(hint.to_owned());
        let hint = &self.free_inline_name(hint, pointer);
        let nullable = schema.schema_data.nullable;
        let unsupported = |this: &mut Self, construct: Construct, what: &str| {
            this.error(SpecErrorKind::Unsupported(construct), pointer, operation, format!("unsupported construct: {what}"));
            Lowered { ty: TypeRef::Json, nullable }
        };
        if string_enum(schema).is_some() {
            self.lower_named(hint, schema, pointer, operation);
            return Lowered { ty: TypeRef::Model(hint.to_owned()), nullable };
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let ty = match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                    _ => TypeRef::String,
                };
                Lowered { ty, nullable }
            }
            SchemaKind::Type(Type::Integer(_)) => Lowered { ty: TypeRef::Integer, nullable },
            SchemaKind::Type(Type::Number(_)) => Lowered { ty: TypeRef::Number, nullable },
            SchemaKind::Type(Type::Boolean(_)) => Lowered { ty: TypeRef::Boolean, nullable },
            SchemaKind::Type(Type::Array(array)) => {
                let item = match &array.items {
                    Some(items) => self.lower_type(items, &format!("{hint}Item"), &pointer.push("items"), operation).ty,
                    None => TypeRef::Json,
                };
                Lowered { ty: TypeRef::Array(Box::new(item)), nullable }
            }
            SchemaKind::Type(Type::Object(_)) | SchemaKind::Any(_) => {
                let Some((properties, _, additional)) = object_parts(schema) else {
                    return self.lower_any(schema, hint, pointer, operation);
                };
                if !properties.is_empty() {
                    self.lower_named(hint, schema, pointer, operation);
                    return Lowered { ty: TypeRef::Model(hint.to_owned()), nullable };
                }
                let value = match additional {
                    Some(AdditionalProperties::Schema(value)) => {
                        self.lower_type(value.as_ref(), &format!("{hint}Value"), &pointer.push("additionalProperties"), operation)
                            .ty
                    }
                    _ => TypeRef::Json,
                };
                Lowered { ty: TypeRef::Map(Box::new(value)), nullable }
            }
            SchemaKind::AllOf { .. } | SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } => {
                self.lower_composed(schema, hint, pointer, operation)
            }
            SchemaKind::Not { .. } => unsupported(self, Construct::Not, "`not`"),
        }
    }

    /// `allOf` (merged into one object, or the one member that is more
    /// than an annotation), `oneOf` and `anyOf` (a union named `hint`).
    fn lower_composed(&mut self, schema: &Schema, hint: &str, pointer: &Pointer, operation: Option<&str>) -> Lowered {
        let nullable = schema.schema_data.nullable;
        match self.composition_of(schema) {
            Composition::AllOf(members) => match self.merge_all_of(schema, members, 0) {
                Ok(Merged::Member(member)) => {
                    let index = members.iter().position(|m| std::ptr::eq(m, member)).unwrap_or_default();
                    let inner = self.lower_type(member, hint, &pointer.push("allOf").push(index), operation);
                    Lowered { ty: inner.ty, nullable: nullable || inner.nullable }
                }
                Ok(Merged::Object(merged)) => {
                    self.lower_named(hint, &merged, pointer, operation);
                    Lowered { ty: TypeRef::Model(hint.to_owned()), nullable }
                }
                Err((kind, message)) => {
                    self.error(kind, pointer, operation, message);
                    Lowered { ty: TypeRef::Json, nullable }
                }
            },
            Composition::OneOf(members) | Composition::AnyOf(members) => {
                let model = self.lower_union(hint, schema, members, pointer, operation);
                let member_nullable = members.iter().any(|member| match member {
                    ReferenceOr::Item(member) => member.schema_data.nullable,
                    ReferenceOr::Reference { reference } => {
                        self.spec.schema_at(reference).is_some_and(|target| target.schema_data.nullable)
                    }
                });
                self.insert_model(Model::Union(model), pointer, operation);
                Lowered { ty: TypeRef::Model(hint.to_owned()), nullable: nullable || member_nullable }
            }
            Composition::Unsupported(construct, message) => {
                self.error(SpecErrorKind::Unsupported(construct), pointer, operation, message);
                Lowered { ty: TypeRef::Json, nullable }
            }
            Composition::None => Lowered { ty: TypeRef::Json, nullable },
        }
    }

    /// Schemas `openapiv3` could not classify: `{}`, or a `type` with
    /// keywords of another type.
    fn lower_any(&mut self, schema: &Schema, hint: &str, pointer: &Pointer, operation: Option<&str>) -> Lowered {
        let nullable = schema.schema_data.nullable;
        let SchemaKind::Any(any) = &schema.schema_kind else { return Lowered { ty: TypeRef::Json, nullable } };
        if !matches!(composition(schema), Composition::None) {
            return self.lower_composed(schema, hint, pointer, operation);
        }
        // Object keywords beside another `type` (nexmo's `type: array` with
        // `items` and `properties`) constrain only objects, which a value of
        // that type never is: the type decides. (Handing such a schema to
        // `lower_named` would come back here with a longer name, forever.)
        if any.not.is_some() {
            self.error(SpecErrorKind::Unsupported(Construct::Not), pointer, operation, "unsupported construct: `not`");
            return Lowered { ty: TypeRef::Json, nullable };
        }
        let ty = match any.typ.as_deref() {
            None => TypeRef::Json,
            Some("string") if any.format.as_deref() == Some("date-time") => TypeRef::DateTime,
            Some("string") => TypeRef::String,
            Some("integer") => TypeRef::Integer,
            Some("number") => TypeRef::Number,
            Some("boolean") => TypeRef::Boolean,
            Some("array") => {
                let item = match &any.items {
                    Some(items) => self.lower_type(items, &format!("{hint}Item"), &pointer.push("items"), operation).ty,
                    None => TypeRef::Json,
                };
                TypeRef::Array(Box::new(item))
            }
            Some(other) => {
                self.error(SpecErrorKind::Unsupported(Construct::TypeWithKeywords), pointer, operation, format!("unsupported construct: `type: {other}` with these keywords"));
                TypeRef::Json
            }
        };
        Lowered { ty, nullable }
    }

    fn lower_operation(&mut self, site: &OperationSite<'_>) -> Option<Operation> {
        let spec = self.spec;
        let pointer = site.pointer();
        let OperationNames { id, group, name } = operation_names(site);
        let op = Some(id.as_str());
        let module = field_name(&group);
        let type_name = operation_type_name(&name);
        // Inline types live in the one `models` module: an operation name
        // several groups share is qualified by the group.
        let cased = self::type_name(&name);
        let model_prefix = if self.shared_type_names.contains(&cased) {
            format!("{}{cased}", self::type_name(&group))
        } else {
            cased
        };
        let method_name = field_name(&name);
        if type_name == group_api_name(&module) {
            self.error(SpecErrorKind::NameCollision,
                &name_pointer(site),
                op,
                format!("generated name `{module}::{type_name}` collides with the group's method holder"),
            );
        }
        let method = match site.method {
            "get" => Method::Get,
            "post" => Method::Post,
            "put" => Method::Put,
            "patch" => Method::Patch,
            "delete" => Method::Delete,
            "head" => Method::Head,
            "options" => Method::Options,
            other => {
                self.error(SpecErrorKind::Unsupported(Construct::Method), &pointer, op, format!("unsupported construct: `{other}` operations"));
                return None;
            }
        };

        // Parameters: operation-level ones override path-item ones of the same name and location.
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut by_wire: BTreeMap<(String, &str), usize> = BTreeMap::new();
        let mut rust_names: BTreeSet<String> = ["body".to_owned(), "new".to_owned()].into();
        let all = site.path_item_parameters.iter().chain(&site.operation.parameters);
        for (index, parameter) in all.enumerate() {
            let parameter_pointer = pointer.push("parameters").push(index);
            let Some(resolved) = spec.parameter(parameter) else { continue };
            let Some(style) = parameter_style(resolved) else {
                let name = &resolved.parameter_data_ref().name;
                self.error(SpecErrorKind::Unsupported(Construct::ParameterStyle), &parameter_pointer, op, format!("unsupported construct: path parameter `{name}` in `label` or `matrix` style"));
                continue;
            };
            let (location, data) = match resolved {
                SpecParameter::Path { parameter_data, .. } => (ParameterLocation::Path, parameter_data),
                SpecParameter::Query { parameter_data, .. } => (ParameterLocation::Query, parameter_data),
                SpecParameter::Header { parameter_data, .. } if is_reserved_header(&parameter_data.name) => {
                    // OpenAPI 3.0 ignores these: `Accept` comes from the
                    // previews and response media type, `Content-Type` from
                    // the body, `Authorization` from the credential.
                    continue;
                }
                SpecParameter::Header { parameter_data, .. } => (ParameterLocation::Header, parameter_data),
                SpecParameter::Cookie { parameter_data, .. } => {
                    self.error(SpecErrorKind::Unsupported(Construct::CookieParameter), &parameter_pointer, op, format!("unsupported construct: cookie parameter `{}`", parameter_data.name));
                    continue;
                }
            };
            // A parameter described by `content` has the schema of its
            // (one) media type, and is spelled as that media type says.
            let (schema, style, schema_pointer) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => (schema, style, parameter_pointer.push("schema")),
                ParameterSchemaOrContent::Content(content) => match content.iter().find_map(|(media, m)| Some((media, m.schema.as_ref()?))) {
                    Some((media, schema)) => (schema, ParameterStyle::Content, parameter_pointer.push("content").push(media).push("schema")),
                    None => {
                        self.error(SpecErrorKind::Unsupported(Construct::ParameterContent), &parameter_pointer, op, format!("unsupported construct: parameter `{}` with `content` but no schema", data.name));
                        continue;
                    }
                },
            };
            let hint = format!("{model_prefix}{}", self::type_name(&data.name));
            let lowered = self.lower_type(schema, &hint, &schema_pointer, op);
            // Scalars, arrays of scalars and objects are spelled by the
            // runtime in the parameter's style (`date-time` as RFC 3339);
            // an array of any JSON (`items: {}`) gives one text per item.
            // OpenAPI 3.0 gives arrays of objects or arrays no spelling;
            // under `deepObject` they are indexed (`lines[0][amount]`), as
            // Stripe, Rails and PHP read them.
            if let TypeRef::Array(item) = &lowered.ty
                && !item.is_scalar(&self.models)
                && **item != TypeRef::Json
                && style != ParameterStyle::DeepObject
            {
                self.error(SpecErrorKind::Unsupported(Construct::NonScalarParameter), &parameter_pointer, op, format!("unsupported construct: parameter `{}` is an array of objects or arrays, which OpenAPI 3.0 gives no `style` for (only `deepObject` is spelled, by index)", data.name));
                continue;
            }
            let secret = match schema {
                ReferenceOr::Item(schema) => {
                    self.secret_flag(schema, &lowered.ty, &schema_pointer, op)
                }
                ReferenceOr::Reference { .. } => false,
            };
            let (minimum, maximum) = match schema {
                ReferenceOr::Item(schema) => match &schema.schema_kind {
                    SchemaKind::Type(Type::Integer(integer)) => (
                        integer.minimum.map(|min| if integer.exclusive_minimum { min + 1 } else { min }),
                        integer.maximum.map(|max| if integer.exclusive_maximum { max - 1 } else { max }),
                    ),
                    _ => (None, None),
                },
                ReferenceOr::Reference { .. } => (None, None),
            };
            // Header names are case-insensitive: `X-GitHub-Api-Version` is
            // `x_github_api_version`, not `x_git_hub_api_version`.
            let rust = match location {
                ParameterLocation::Header => field_name(&data.name.to_ascii_lowercase()),
                _ => field_name(&data.name),
            };
            let is_path = location == ParameterLocation::Path;
            let parameter = Parameter {
                name: rust.clone(),
                api_name: data.name.clone(),
                location,
                ty: lowered.ty,
                style,
                required: data.required || is_path,
                doc: data.description.clone(),
                minimum,
                maximum,
                secret,
            };
            let wire = (data.name.clone(), location_name(location));
            if let Some(&existing) = by_wire.get(&wire) {
                parameters[existing] = parameter;
                continue;
            }
            let mut parameter = parameter;
            if !rust_names.insert(rust.clone()) {
                match self.profile {
                    Profile::Curated => {
                        self.error(SpecErrorKind::NameCollision, &parameter_pointer, op, format!("parameter `{}` becomes field `{rust}`, which is already taken", data.name));
                        continue;
                    }
                    // `page` in the query and `Page` in a header: `page_header`.
                    Profile::Description => {
                        let located = format!("{rust}_{}", location_name(location));
                        parameter.name = match rust_names.contains(&located) {
                            false => located,
                            true => free_name(&located, |name| rust_names.contains(name), "_"),
                        };
                        rust_names.insert(parameter.name.clone());
                    }
                }
            }
            by_wire.insert(wire, parameters.len());
            parameters.push(parameter);
        }

        let mut path = Vec::new();
        let mut rest = site.path;
        for name in template_parameters(site.path) {
            let marker = format!("{{{name}}}");
            let start = rest.find(&marker).unwrap_or(rest.len());
            if start > 0 {
                path.push(PathPart::Literal(rest[..start].to_owned()));
            }
            rest = &rest[(start + marker.len()).min(rest.len())..];
            let field = parameters
                .iter()
                .find(|p| p.location == ParameterLocation::Path && p.api_name == name)
                .map(|p| p.name.clone())
                .unwrap_or_else(|| field_name(name));
            path.push(PathPart::Parameter(field));
        }
        if !rest.is_empty() {
            path.push(PathPart::Literal(rest.to_owned()));
        }

        let body = site.operation.request_body.as_ref().and_then(|body| {
            let body_pointer = pointer.push("requestBody");
            let resolved = spec.request_body(body)?;
            let (media, content, kind) = body_content(&resolved.content)?;
            let (ty, content_type) = match kind {
                BodyKind::Json => {
                    let schema = content.schema.as_ref()?;
                    let schema_pointer = body_pointer.push("content").push(media).push("schema");
                    let lowered = self.lower_type(schema, &format!("{model_prefix}Request"), &schema_pointer, op);
                    (lowered.ty, "application/json".to_owned())
                }
                BodyKind::Text => (TypeRef::Text, media.clone()),
                BodyKind::Bytes if media.contains('*') => (TypeRef::Bytes, "application/octet-stream".to_owned()),
                BodyKind::Bytes => (TypeRef::Bytes, media.clone()),
            };
            Some(Body {
                ty,
                required: resolved.required,
                doc: resolved.description.clone(),
                example: media_example(content),
                content_type,
            })
        });

        let (responses, success) = self.lower_responses(site, &pointer, op, &type_name, &model_prefix);

        let previews = match spec.operation_previews(site) {
            Ok(previews) => previews
                .into_iter()
                .map(|preview| OperationPreview {
                    const_name: preview.name.to_shouty_snake_case(),
                    field: format!("{}_preview", field_name(&preview.name)),
                    api_name: preview.name,
                    required: preview.required,
                })
                .collect(),
            Err(err) => {
                self.errors.push(err);
                Vec::new()
            }
        };
        for preview in previews.iter().filter(|p| !p.required) {
            if !rust_names.insert(preview.field.clone()) {
                self.error(SpecErrorKind::NameCollision, &pointer.push(extension::PREVIEWS), op, format!("opt-in preview field `{}` collides with a parameter", preview.field));
            }
        }

        let pagination = match spec.operation_pagination(site) {
            Ok(Some(extension)) => self.lower_pagination(&extension.items, &success, &pointer.push(extension::PAGINATION), op),
            Ok(None) => None,
            Err(err) => {
                self.errors.push(err);
                None
            }
        };

        let security = self.lower_security(site, op);
        let deprecation = spec.deprecation_notice(site);
        let safe_to_retry = site.operation.extensions.get(extension::SAFE_TO_RETRY).and_then(serde_json::Value::as_bool);
        Some(Operation {
            id: id.clone(),
            module,
            type_name,
            method_name,
            method,
            path_template: site.path.to_owned(),
            path,
            summary: site.operation.summary.clone(),
            description: site.operation.description.clone(),
            deprecation,
            parameters,
            body,
            responses,
            success,
            previews,
            pagination,
            security,
            retry_safe: safe_to_retry.unwrap_or(method.is_idempotent()),
            secret_properties: Vec::new(),
            response_media_type: non_json_success_media(site, spec),
        })
    }

    /// The documented responses, ascending by status, and what a success
    /// decodes into (one type, or an enum per status named after the
    /// operation's type); success bodies' inline types are named from
    /// `model_prefix`.
    fn lower_responses(
        &mut self,
        site: &OperationSite<'_>,
        pointer: &Pointer,
        op: Option<&str>,
        type_name: &str,
        model_prefix: &str,
    ) -> (Vec<Response>, Success) {
        let spec = self.spec;
        let mut responses = Vec::new();
        let success_count = site
            .operation
            .responses
            .responses
            .keys()
            .filter(|status| matches!(status, StatusCode::Code(code) if (200..300).contains(code)))
            .count();
        for (status, response) in &site.operation.responses.responses {
            let response_pointer = pointer.push("responses").push(status);
            let code = match status {
                StatusCode::Code(code) => *code,
                // `2XX` gives the success shape when no 2xx code is
                // documented (see `lower_fallback_success`); the other
                // ranges describe errors, which the typed errors keep as
                // received, like undocumented ones.
                StatusCode::Range(_) => continue,
            };
            let Some(resolved) = spec.response(response) else { continue };
            let is_success = (200..300).contains(&code);
            let mut example = None;
            let ty = match body_content(&resolved.content) {
                None => None,
                Some((media, content, BodyKind::Json)) => {
                    example = media_example(content);
                    let hint = if success_count > 1 { format!("{model_prefix}Response{code}") } else { format!("{model_prefix}Response") };
                    let schema_pointer = response_pointer.push("content").push(media).push("schema");
                    match &content.schema {
                        // Error bodies are decoded by the runtime's typed errors.
                        Some(schema) if is_success => Some(self.lower_type(schema, &hint, &schema_pointer, op).ty),
                        Some(_) | None => None,
                    }
                }
                // Non-JSON error bodies are kept as the typed errors' raw body.
                Some((_, _, _)) if !is_success => None,
                Some((_, _, BodyKind::Text)) => Some(TypeRef::Text),
                Some((_, _, BodyKind::Bytes)) => Some(TypeRef::Bytes),
            };
            responses.push(Response { status: code, description: resolved.description.clone(), ty, example });
        }
        responses.sort_by_key(|response| response.status);
        let successes: Vec<&Response> = responses.iter().filter(|r| (200..300).contains(&r.status)).collect();
        let first_ty = successes.first().and_then(|r| r.ty.clone());
        let success = if successes.is_empty() {
            self.lower_fallback_success(site, pointer, op, model_prefix)
        } else if successes.iter().all(|r| r.ty == first_ty) {
            Success::Single { statuses: successes.iter().map(|r| r.status).collect(), ty: first_ty }
        } else {
            Success::PerStatus {
                enum_name: format!("{type_name}Response"),
                variants: successes.iter().map(|r| (r.status, format!("Status{}", r.status), r.ty.clone())).collect(),
            }
        };

        (responses, success)
    }

    /// The success of an operation that documents no 2xx: its `default`
    /// response, which then describes every status, successes included
    /// (with 2xx documented, `default` describes errors, which the runtime's
    /// typed errors keep as sent); without one, no 2xx has a shape.
    /// The success of an operation that documents no 2xx code: the `2XX`
    /// range's shape, else `default`'s, decoding every 2xx; none without
    /// either.
    fn lower_fallback_success(&mut self, site: &OperationSite<'_>, pointer: &Pointer, op: Option<&str>, model_prefix: &str) -> Success {
        let responses = &site.operation.responses;
        let fallback = match responses.responses.get(&StatusCode::Range(2)) {
            Some(range) => Some(("2XX", range)),
            None => responses.default.as_ref().map(|default| ("default", default)),
        };
        let Some((key, resolved)) = fallback.and_then(|(key, response)| Some((key, self.spec.response(response)?))) else {
            return Success::None;
        };
        let response_pointer = pointer.push("responses").push(key);
        let ty = match body_content(&resolved.content) {
            None => None,
            Some((media, content, BodyKind::Json)) => content.schema.as_ref().map(|schema| {
                let schema_pointer = response_pointer.push("content").push(media).push("schema");
                self.lower_type(schema, &format!("{model_prefix}Response"), &schema_pointer, op).ty
            }),
            Some((_, _, BodyKind::Text)) => Some(TypeRef::Text),
            Some((_, _, BodyKind::Bytes)) => Some(TypeRef::Bytes),
        };
        Success::Single { statuses: Vec::new(), ty }
    }

    fn lower_pagination(
        &mut self,
        items: &Option<String>,
        success: &Success,
        pointer: &Pointer,
        operation: Option<&str>,
    ) -> Option<Pagination> {
        let Success::Single { ty: Some(ty), .. } = success else {
            self.error(SpecErrorKind::Pagination, pointer, operation, "a paginated operation needs exactly one success body type");
            return None;
        };
        match items {
            None => match ty {
                TypeRef::Array(item) => Some(Pagination { items_property: None, item: (**item).clone() }),
                _ => {
                    self.error(SpecErrorKind::Pagination, pointer, operation, "a plain list must return a JSON array; name the wrapper property with `items`");
                    None
                }
            },
            Some(property) => {
                let field = match ty {
                    TypeRef::Model(name) => match self.models.get(name) {
                        Some(Model::Struct(model)) => model.fields.iter().find(|f| &f.api_name == property).cloned(),
                        _ => None,
                    },
                    _ => None,
                };
                match field {
                    Some(Field { ty: TypeRef::Array(item), name, required: true, nullable: false, .. }) => {
                        Some(Pagination { items_property: Some((property.clone(), name)), item: *item })
                    }
                    _ => {
                        self.error(SpecErrorKind::Pagination, 
                            &pointer.push("items"),
                            operation,
                            format!("the success body has no required, non-null array property `{property}`"),
                        );
                        None
                    }
                }
            }
        }
    }

    /// The operation's credentials: GitHub's credential kinds for schemes
    /// that name one (`x-github-credential`), and every requirement as
    /// standard schemes (all of a requirement's schemes together; the
    /// requirements as alternatives; an empty one is anonymous access).
    fn lower_security(&mut self, site: &OperationSite<'_>, operation: Option<&str>) -> Security {
        let kinds_by_scheme = self.spec.credential_kinds().unwrap_or_default();
        let requirements = site.operation.security.as_ref().or(self.spec.api.security.as_ref());
        let Some(requirements) = requirements else {
            return unstated_security(self.profile);
        };
        let mut security = Security { anonymous: requirements.is_empty(), kinds: Vec::new(), schemes: Vec::new() };
        for requirement in requirements {
            if requirement.is_empty() {
                security.anonymous = true;
                continue;
            }
            if let [scheme] = requirement.keys().collect::<Vec<_>>()[..]
                && let Some(kind) = kinds_by_scheme.get(scheme)
                && !security.kinds.contains(kind)
            {
                security.kinds.push(*kind);
            }
            // GitHub's credentials go by kind; the others by standard scheme.
            if requirement.keys().any(|scheme| kinds_by_scheme.contains_key(scheme)) {
                continue;
            }
            let uses: Option<Vec<SchemeUse>> =
                requirement.keys().map(|scheme| self.lower_scheme_use(scheme, operation)).collect();
            if let Some(uses) = uses
                && !security.schemes.contains(&uses)
            {
                security.schemes.push(uses);
            }
        }
        security
    }

    /// A scheme a requirement names, as a standard scheme; `None` (with an
    /// error) for a scheme that does not exist or cannot be sent.
    fn lower_scheme_use(&mut self, scheme: &str, operation: Option<&str>) -> Option<SchemeUse> {
        let defined = self.spec.api.components.as_ref().and_then(|components| components.security_schemes.get(scheme));
        // A missing scheme is reported by validation (`UnknownSecurityScheme`).
        let ReferenceOr::Item(defined) = defined? else { return None };
        match crate::spec::standard_scheme(defined) {
            Ok(kind) => Some(SchemeUse { scheme: scheme.to_owned(), kind }),
            Err(message) => {
                let scheme_pointer = Pointer::root().push("components").push("securitySchemes").push(scheme);
                self.error(SpecErrorKind::Unsupported(Construct::HttpAuthScheme), &scheme_pointer, operation, message);
                None
            }
        }
    }
}

/// The credentials of an operation that states no `security` (and whose
/// document states none). The curated profile refuses such an operation in
/// validation (a forgotten `security` must not become anonymous), so this
/// is reached under [`Profile::Description`]: GitHub's own descriptions
/// declare no `security` at all, and which credentials an endpoint accepts
/// is GitHub's to decide at run time. So the operation is callable with
/// every credential kind and anonymously, and the client sends whatever
/// credential it has (as the runtime's `RawRequest` does); GitHub answers
/// 401/403/404 where the credential does not fit.
pub fn unstated_security(profile: Profile) -> Security {
    match profile {
        Profile::Description => Security { anonymous: true, kinds: CredentialKind::ALL.to_vec(), schemes: Vec::new() },
        Profile::Curated => Security { anonymous: true, kinds: Vec::new(), schemes: Vec::new() },
    }
}

/// The values of a string enum, if the schema is one.
fn string_enum(schema: &Schema) -> Option<Vec<String>> {
    let values: Vec<String> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => string.enumeration.iter().flatten().cloned().collect(),
        SchemaKind::Any(any) if any.typ.as_deref() == Some("string") => {
            any.enumeration.iter().filter_map(|value| value.as_str().map(str::to_owned)).collect()
        }
        _ => Vec::new(),
    };
    (!values.is_empty()).then_some(values)
}

type ObjectParts<'s> = (
    &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    &'s Vec<String>,
    &'s Option<AdditionalProperties>,
);

/// The object keywords of an object schema (typed or not).
fn object_parts(schema: &Schema) -> Option<ObjectParts<'_>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some((&object.properties, &object.required, &object.additional_properties)),
        SchemaKind::Any(any)
            if (any.typ.is_none() || any.typ.as_deref() == Some("object"))
                && (!any.properties.is_empty() || any.additional_properties.is_some() || any.typ.is_some())
                && matches!(composition(schema), Composition::None) =>
        {
            Some((&any.properties, &any.required, &any.additional_properties))
        }
        _ => None,
    }
}

/// The composition keyword a schema uses, if any. A `oneOf`/`anyOf` whose
/// members only list `required` properties (GitHub's "at least one of these"
/// request bodies) constrains the object beside it and is not a union.
enum Composition<'s> {
    None,
    AllOf(&'s [ReferenceOr<Schema>]),
    OneOf(&'s [ReferenceOr<Schema>]),
    AnyOf(&'s [ReferenceOr<Schema>]),
    Unsupported(Construct, String),
}

fn composition<'s>(schema: &'s Schema) -> Composition<'s> {
    let only_constraints = |members: &[ReferenceOr<Schema>]| {
        members.iter().all(|member| matches!(member, ReferenceOr::Item(schema) if is_constraint_only(schema)))
    };
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => Composition::AllOf(all_of),
        SchemaKind::OneOf { one_of } if !only_constraints(one_of) => Composition::OneOf(one_of),
        SchemaKind::AnyOf { any_of } if !only_constraints(any_of) => Composition::AnyOf(any_of),
        SchemaKind::Any(any) => {
            // Beside `properties`, members that declare only properties the
            // object already has narrow it (GitHub's check-run `status`)
            // and do not change its shape.
            let refines = |members: &[ReferenceOr<Schema>]| {
                !any.properties.is_empty()
                    && members.iter().all(|member| match member {
                        ReferenceOr::Item(member) => {
                            is_constraint_only(member) || refinement_properties(member).is_some_and(|mut keys| keys.all(|key| any.properties.contains_key(key)))
                        }
                        ReferenceOr::Reference { .. } => false,
                    })
            };
            let union = |members: &'s Vec<ReferenceOr<Schema>>| {
                (!members.is_empty() && !only_constraints(members) && !refines(members)).then_some(members)
            };
            let one_of = union(&any.one_of);
            let any_of = union(&any.any_of);
            let all_of = (!any.all_of.is_empty()).then_some(&any.all_of);
            let has_object_keywords = !any.properties.is_empty() || any.additional_properties.is_some();
            match (all_of, one_of, any_of) {
                (None, None, None) => Composition::None,
                (Some(all_of), None, None) => Composition::AllOf(all_of),
                (None, Some(_), None) | (None, None, Some(_)) if has_object_keywords => {
                    let keyword = if one_of.is_some() { "oneOf" } else { "anyOf" };
                    Composition::Unsupported(
                        Construct::CompositionBesideProperties,
                        format!("unsupported construct: `{keyword}` beside `properties`"),
                    )
                }
                (None, Some(one_of), None) => Composition::OneOf(one_of),
                (None, None, Some(any_of)) => Composition::AnyOf(any_of),
                _ => Composition::Unsupported(
                    Construct::SeveralCompositions,
                    "unsupported construct: several of `allOf`, `oneOf`, `anyOf` together".to_owned(),
                ),
            }
        }
        _ => Composition::None,
    }
}

/// The property names an inline object member declares, if it is a plain
/// object (no composition, no `$ref`).
fn refinement_properties(schema: &Schema) -> Option<impl Iterator<Item = &String>> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some(object.properties.keys()),
        SchemaKind::Any(any)
            if matches!(any.typ.as_deref(), None | Some("object"))
                && any.items.is_none()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.all_of.is_empty() =>
        {
            Some(any.properties.keys())
        }
        _ => None,
    }
}

/// What an `allOf` merges into.
enum Merged<'s> {
    /// One substantive member, beside annotations only: the member itself.
    Member(&'s ReferenceOr<Schema>),
    /// The merged object.
    Object(Box<Schema>),
}

/// A `oneOf`/`anyOf` whose members only constrain (GitHub's and
/// DigitalOcean's "at least one of these is required").
fn is_alternative_constraints(schema: &Schema) -> bool {
    let constraints = |members: &[ReferenceOr<Schema>]| {
        !members.is_empty() && members.iter().all(|member| matches!(member, ReferenceOr::Item(member) if is_constraint_only(member)))
    };
    match &schema.schema_kind {
        SchemaKind::OneOf { one_of: members } | SchemaKind::AnyOf { any_of: members } => constraints(members),
        _ => false,
    }
}

/// A schema that only annotates or constrains (no type, properties, items,
/// enum or composition): `{description: ...}`, `{required: [a]}`, `{nullable: true}`.
fn is_constraint_only(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Any(any) => {
            any.typ.is_none()
                && any.properties.is_empty()
                && any.additional_properties.is_none()
                && any.items.is_none()
                && any.enumeration.is_empty()
                && any.one_of.is_empty()
                && any.any_of.is_empty()
                && any.all_of.is_empty()
                && any.not.is_none()
        }
        _ => false,
    }
}

/// The object keywords written beside an `allOf`, if any.
fn object_keywords_beside(schema: &Schema) -> Option<ObjectParts<'_>> {
    match &schema.schema_kind {
        SchemaKind::Any(any)
            if !any.properties.is_empty() || !any.required.is_empty() || any.additional_properties.is_some() =>
        {
            Some((&any.properties, &any.required, &any.additional_properties))
        }
        _ => None,
    }
}

fn all_of_too_deep() -> (SpecErrorKind, String) {
    (SpecErrorKind::Unsupported(Construct::AllOfMember), "unsupported construct: `allOf` nested too deeply (a cycle?)".to_owned())
}

fn non_object_member(index: usize) -> (SpecErrorKind, String) {
    (SpecErrorKind::Unsupported(Construct::AllOfMember), format!("unsupported construct: `allOf` member {index} is not an object"))
}

/// A union variant's name: the model's name (an inline member's without
/// the union's prefix), else the JSON type's.
fn variant_name(union: &str, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Model(model) => match model.strip_prefix(union) {
            Some(rest) if !rest.is_empty() => rest.to_owned(),
            _ => model.clone(),
        },
        TypeRef::String => "String".to_owned(),
        TypeRef::Integer => "Integer".to_owned(),
        TypeRef::Number => "Number".to_owned(),
        TypeRef::Boolean => "Boolean".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Json => "Json".to_owned(),
        TypeRef::Text => "Text".to_owned(),
        TypeRef::Bytes => "Bytes".to_owned(),
        TypeRef::Array(item) => format!("{}List", variant_name(union, item)),
        TypeRef::Map(value) => format!("{}Map", variant_name(union, value)),
    }
}


/// `name` followed by `separator` and the smallest number from 2 that
/// `taken` does not hold.
fn free_name(name: &str, taken: impl Fn(&str) -> bool, separator: &str) -> String {
    (2..).map(|number| format!("{name}{separator}{number}")).find(|candidate| !taken(candidate)).unwrap_or_default()
}

/// Header parameters OpenAPI 3.0 says to ignore: the client sets them.
fn is_reserved_header(name: &str) -> bool {
    ["accept", "content-type", "authorization"].iter().any(|reserved| name.eq_ignore_ascii_case(reserved))
}

/// The style a parameter's value is spelled in, from its `style` and
/// `explode` (whose default is `true` for `form` only); `None` for the path
/// styles the runtime does not spell (`label`, `matrix`).
fn parameter_style(parameter: &SpecParameter) -> Option<ParameterStyle> {
    use openapiv3::{PathStyle, QueryStyle};
    let explode = parameter.parameter_data_ref().explode;
    Some(match parameter {
        SpecParameter::Query { style, .. } => match (style, explode) {
            (QueryStyle::Form, Some(false)) => ParameterStyle::FormUnexploded,
            (QueryStyle::Form, _) => ParameterStyle::Form,
            // Exploded, these are `form` (one pair per item).
            (QueryStyle::SpaceDelimited | QueryStyle::PipeDelimited, Some(true)) => ParameterStyle::Form,
            (QueryStyle::SpaceDelimited, _) => ParameterStyle::SpaceDelimited,
            (QueryStyle::PipeDelimited, _) => ParameterStyle::PipeDelimited,
            (QueryStyle::DeepObject, _) => ParameterStyle::DeepObject,
        },
        SpecParameter::Path { style: PathStyle::Label | PathStyle::Matrix, .. } => return None,
        SpecParameter::Path { .. } | SpecParameter::Header { .. } | SpecParameter::Cookie { .. } => match explode {
            Some(true) => ParameterStyle::SimpleExploded,
            _ => ParameterStyle::Simple,
        },
    })
}

/// A parameter location's name, for keys (header names are not case sensitive
/// on the wire, but the spec's spelling is what names the field).
fn location_name(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
        ParameterLocation::Header => "header",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `explode` defaults to `true` for `form` only; an exploded
    /// `spaceDelimited` or `pipeDelimited` array is `form`; the path's
    /// `label` and `matrix` are not spelled.
    #[test]
    fn parameter_styles_follow_style_and_explode() {
        let style = |yaml: &str| parameter_style(&serde_yaml::from_str::<SpecParameter>(yaml).unwrap());
        let query = "{name: q, in: query, schema: {type: string}";
        let cases = [
            (format!("{query}}}"), Some(ParameterStyle::Form)),
            (format!("{query}, explode: false}}"), Some(ParameterStyle::FormUnexploded)),
            (format!("{query}, style: spaceDelimited}}"), Some(ParameterStyle::SpaceDelimited)),
            (format!("{query}, style: pipeDelimited, explode: true}}"), Some(ParameterStyle::Form)),
            (format!("{query}, style: deepObject, explode: true}}"), Some(ParameterStyle::DeepObject)),
            ("{name: p, in: path, required: true, schema: {type: string}}".to_owned(), Some(ParameterStyle::Simple)),
            ("{name: h, in: header, explode: true, schema: {type: object}}".to_owned(), Some(ParameterStyle::SimpleExploded)),
            ("{name: p, in: path, required: true, style: matrix, schema: {type: string}}".to_owned(), None),
        ];
        for (yaml, expected) in cases {
            assert_eq!(style(&yaml), expected, "{yaml}");
        }
    }

    #[test]
    fn names_are_valid_rust() {
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("+1"), "plus_1");
        assert_eq!(field_name("-1"), "minus_1");
        assert_eq!(field_name("per_page"), "per_page");
        assert_eq!(field_name("client-id"), "client_id");
        assert_eq!(field_name("123abc"), "value_123abc");
        assert_eq!(type_name("installation-token"), "InstallationToken");
        assert_eq!(type_name("read"), "Read");
        assert_eq!(type_name("+1"), "Plus1");
        assert_eq!(type_name("2fa"), "V2fa");
        assert_eq!(type_name("machine-man"), "MachineMan");
    }

    #[test]
    fn remembered_names_are_the_cased_names_and_stay_bounded() {
        let wire_names: Vec<String> = (0..REMEMBERED_NAMES + 10).map(|n| format!("wire-Name{n}ABCd")).collect();
        for round in 0..2 {
            for wire in wire_names.iter().step_by(997) {
                assert_eq!(field_name(wire), cased_field_name(wire), "round {round}");
                assert_eq!(type_name(wire), cased_type_name(wire), "round {round}");
            }
        }
        assert_eq!(field_name("wire-Name7ABCd"), "wire_name7_ab_cd");
        for wire in &wire_names {
            field_name(wire);
        }
        let remembered = FIELD_NAMES.with(|names| names.borrow().len());
        assert!(remembered <= REMEMBERED_NAMES, "{remembered} names remembered");
        assert!(remembered > 0);
    }

    #[test]
    fn prelude_names_get_a_suffix() {
        assert_eq!(model_type_name("Result"), "ResultModel");
        assert_eq!(model_type_name("option"), "OptionModel");
        assert_eq!(model_type_name("results"), "Results");
        assert_eq!(operation_type_name("default"), "DefaultRequest");
        assert_eq!(operation_type_name("operation"), "OperationRequest");
        assert_eq!(operation_type_name("get-thing"), "GetThing");
    }

    #[test]
    fn a_group_named_default_has_its_own_feature() {
        assert_eq!(group_feature("default"), "default-group");
        assert_eq!(group_feature("default_group"), "default_group");
        assert_eq!(group_feature("apps"), "apps");
    }

    /// Lowers `text` under the description profile.
    fn lower_description(text: &str) -> Result<Api, SpecErrors> {
        let spec = crate::spec::load("t.yaml", text)?;
        crate::spec::validate(&spec, Profile::Description)?;
        lower(&spec, Profile::Description)
    }

    /// A `oneOf` beside `properties` is the union alone when every member
    /// declares those properties too, and still refused when one does not.
    #[test]
    fn a_union_beside_properties_its_members_declare_is_the_union() {
        let text = |second: &str| {
            format!(
                r##"
openapi: 3.0.0
info: {{title: t, version: "1"}}
paths: {{}}
components:
  schemas:
    a: {{type: object, properties: {{kind: {{type: string}}, x: {{type: integer}}}}}}
    b: {{type: object, properties: {{{second}: {{type: string}}, y: {{type: integer}}}}}}
    variable:
      type: object
      properties:
        kind: {{type: string}}
      oneOf: [{{$ref: "#/components/schemas/a"}}, {{$ref: "#/components/schemas/b"}}]
"##
            )
        };
        let api = lower_description(&text("kind")).unwrap_or_else(|err| panic!("{err}"));
        let Some(Model::Union(union)) = api.models.get("Variable") else { panic!("{:?}", api.models.get("Variable")) };
        let variants: Vec<&TypeRef> = union.variants.iter().map(|variant| &variant.ty).collect();
        assert_eq!(variants, [&TypeRef::Model("A".into()), &TypeRef::Model("B".into())]);

        let errors = lower_description(&text("other")).expect_err("`b` does not declare `kind`");
        assert!(errors.0.iter().any(|error| error.kind == SpecErrorKind::Unsupported(Construct::CompositionBesideProperties)), "{errors}");
    }

    #[test]
    fn object_keywords_beside_another_type_are_that_type() {
        // nexmo's `SMSXml` (`type: array`, `items` and `properties`) once
        // recursed between `lower_named` and `lower_inline` until the stack
        // overflowed.
        let text = r##"
openapi: 3.0.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Message: {type: object, properties: {id: {type: string}}}
    SMSXml:
      type: object
      properties:
        messages:
          type: array
          items: {$ref: "#/components/schemas/Message"}
          properties:
            count: {type: integer}
    Code: {type: string, properties: {count: {type: integer}}}
"##;
        let api = lower_description(text).unwrap_or_else(|err| panic!("{err}"));
        let Some(Model::Struct(sms)) = api.models.get("SmsXml") else { panic!("{:?}", api.models.keys()) };
        assert_eq!(sms.fields[0].ty, TypeRef::Array(Box::new(TypeRef::Model("Message".to_owned()))));
        let Some(Model::Alias(code)) = api.models.get("Code") else { panic!("{:?}", api.models.keys()) };
        assert_eq!(code.ty, TypeRef::String);
    }

    #[test]
    fn generated_features_follow_group_feature() {
        let text = r##"
openapi: 3.0.0
info: {title: t, version: "1"}
paths:
  /ping:
    get:
      responses: {"204": {description: none}}
"##;
        let options = crate::Options::with_profile(Profile::Description).group_features(true);
        let generated = crate::generate_crate("t.yaml", text, &options).unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(generated.groups, ["default"]);
        let index = generated.files.iter().find(|file| file.path == "operations/mod.rs").expect("the index");
        assert!(index.contents.contains("#[cfg(feature = \"default-group\")]"), "{}", index.contents);
        assert!(!index.contents.contains("feature = \"default\""), "{}", index.contents);
    }
}
