//! Stage 2's output: the intermediate representation of the API.
//!
//! Everything here is already named and cased for Rust (`name`) while
//! keeping the spec's spelling (`api_name`) where the wire needs it. All
//! collections are ordered (`Vec` in a defined order, `BTreeMap`), so the
//! emitters cannot leak hash or insertion order into the output.

use std::collections::BTreeMap;

/// The whole API.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// The spec's `info.title`.
    pub title: String,
    /// The spec's `info.version`.
    pub version: String,
    /// Catalogued previews, by name.
    pub previews: Vec<Preview>,
    /// Models, keyed by Rust type name.
    pub models: BTreeMap<String, Model>,
    /// Operations, ordered by (group, type name).
    pub operations: Vec<Operation>,
    /// The groups the operations fall into, ordered by module.
    pub groups: Vec<Group>,
    /// Whose API it is: GitHub's behaviour applies only to GitHub's.
    pub flavor: ApiFlavor,
    /// The first server's URL, its variables at their defaults.
    pub base_url: Option<String>,
}

/// Whose API a description describes (the runtime's `ApiFlavor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiFlavor {
    /// GitHub's: a security scheme names an `x-github-credential`, an
    /// operation carries `x-github`, or the first server is on
    /// `api.github.com`, a `*.ghe.com` host or under `/api/v3`.
    GitHub,
    /// Any other API.
    Generic,
}

/// A group of operations (the operationId's `group/`): one module of
/// request types and one method holder reached from the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The module, snake case (`apps`); [`Operation::module`] names it.
    pub module: String,
    /// The method holder's type name (`AppsApi`).
    pub api_type_name: String,
    /// Rustdoc: the description of the tag of the same name, if any.
    pub doc: Option<String>,
}

/// A preview media type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The catalog name, e.g. `machine-man`.
    pub api_name: String,
    /// The constant's name, e.g. `MACHINE_MAN`.
    pub const_name: String,
    /// The media type sent in `Accept`.
    pub media_type: String,
    /// What it is for.
    pub description: Option<String>,
}

/// A Rust type generated from a schema.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    /// An object with known properties.
    Struct(StructModel),
    /// A string enum.
    Enum(EnumModel),
    /// A named schema that is not an object or enum (an array, a map, a scalar).
    Alias(AliasModel),
    /// A `oneOf`/`anyOf`: one of several shapes, with a fallback keeping raw JSON.
    Union(UnionModel),
}

impl Model {
    /// The Rust type name.
    pub fn name(&self) -> &str {
        match self {
            Model::Struct(model) => &model.name,
            Model::Enum(model) => &model.name,
            Model::Alias(model) => &model.name,
            Model::Union(model) => &model.name,
        }
    }

    /// Where the model was declared, for collision messages.
    /// The types the model holds: its fields (and the values of the
    /// properties it keeps), its alias target, or its union's variants.
    pub fn held_types(&self) -> Vec<&TypeRef> {
        match self {
            Model::Struct(model) => {
                model.fields.iter().map(|field| &field.ty).chain(model.additional.iter().map(|(_, ty)| ty)).collect()
            }
            Model::Alias(model) => vec![&model.ty],
            Model::Union(model) => model.variants.iter().map(|variant| &variant.ty).collect(),
            Model::Enum(_) => Vec::new(),
        }
    }

    /// Where the model comes from (a JSON pointer).
    pub fn origin(&self) -> &str {
        match self {
            Model::Struct(model) => &model.origin,
            Model::Enum(model) => &model.origin,
            Model::Alias(model) => &model.origin,
            Model::Union(model) => &model.origin,
        }
    }
}

/// A struct.
#[derive(Debug, Clone, PartialEq)]
pub struct StructModel {
    /// The Rust type name.
    pub name: String,
    /// The JSON pointer of the schema it came from.
    pub origin: String,
    /// Rustdoc.
    pub doc: Option<String>,
    /// Fields in the spec's property order.
    pub fields: Vec<Field>,
    /// `additionalProperties` beside `properties`: the properties not
    /// declared, kept in a flattened map `(Rust field name, value type)`.
    pub additional: Option<(String, TypeRef)>,
}

/// A struct field.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The Rust field name.
    pub name: String,
    /// The JSON property name.
    pub api_name: String,
    /// Rustdoc.
    pub doc: Option<String>,
    /// The value's type, without optionality or nullability.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// `x-github-secret: true`: the value is a credential, emitted as the
    /// runtime's redacting `SecretString` instead of `String`.
    pub secret: bool,
}

/// A string enum with a fallback variant keeping unknown values.
#[derive(Debug, Clone, PartialEq)]
pub struct EnumModel {
    /// The Rust type name.
    pub name: String,
    /// The JSON pointer of the schema it came from.
    pub origin: String,
    /// Rustdoc.
    pub doc: Option<String>,
    /// Known values in the spec's order.
    pub variants: Vec<EnumVariant>,
    /// The name of the variant that keeps an unknown value.
    pub fallback: String,
}

/// One known enum value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnumVariant {
    /// The Rust variant name.
    pub name: String,
    /// The value on the wire.
    pub api_name: String,
}

/// A `oneOf`/`anyOf` as an enum: the discriminator's value chooses the
/// variant where there is one; otherwise the first variant (most specific
/// first) whose shape matches and that decodes; otherwise the fallback.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionModel {
    /// The Rust type name.
    pub name: String,
    /// The JSON pointer of the schema it came from.
    pub origin: String,
    /// Rustdoc.
    pub doc: Option<String>,
    /// The discriminator's property (wire name), if the schema has one.
    pub discriminator: Option<String>,
    /// The variants, most specific first.
    pub variants: Vec<UnionVariant>,
    /// The name of the variant that keeps a value no variant matched.
    pub fallback: String,
}

/// One shape of a union.
#[derive(Debug, Clone, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub name: String,
    /// The type it holds.
    pub ty: TypeRef,
    /// The discriminator values that choose it (with a discriminator).
    pub tags: Vec<String>,
    /// The properties an object must have to be tried as this variant.
    pub required: Vec<String>,
}

/// A type alias.
#[derive(Debug, Clone, PartialEq)]
pub struct AliasModel {
    /// The Rust type name.
    pub name: String,
    /// The JSON pointer of the schema it came from.
    pub origin: String,
    /// Rustdoc.
    pub doc: Option<String>,
    /// The aliased type.
    pub ty: TypeRef,
}

/// A reference to a type.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `bool`.
    Boolean,
    /// A `date-time` string.
    DateTime,
    /// Any JSON value.
    Json,
    /// A `text/*` body, as `String`.
    Text,
    /// A body of any other non-JSON media type, as bytes (`Vec<u8>`).
    Bytes,
    /// A generated model, by Rust name.
    Model(String),
    /// `Vec<T>`.
    Array(Box<TypeRef>),
    /// A JSON object with arbitrary keys: `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
}

impl TypeRef {
    /// The model the type names, through arrays and maps.
    pub fn model_name(&self) -> Option<&str> {
        match self {
            TypeRef::Model(name) => Some(name),
            TypeRef::Array(item) | TypeRef::Map(item) => item.model_name(),
            _ => None,
        }
    }

    /// Whether values of the type are JSON scalars (through aliases, enums
    /// and unions of scalars), so they can be path or query inputs.
    pub fn is_scalar(&self, models: &BTreeMap<String, Model>) -> bool {
        self.is_scalar_within(models, 0)
    }

    fn is_scalar_within(&self, models: &BTreeMap<String, Model>, depth: usize) -> bool {
        match self {
            TypeRef::String | TypeRef::Integer | TypeRef::Number | TypeRef::Boolean | TypeRef::DateTime => true,
            TypeRef::Model(name) if depth < 16 => match models.get(name) {
                Some(Model::Enum(_)) => true,
                Some(Model::Alias(alias)) => alias.ty.is_scalar_within(models, depth + 1),
                Some(Model::Union(union)) => {
                    union.variants.iter().all(|variant| variant.ty.is_scalar_within(models, depth + 1))
                }
                _ => false,
            },
            _ => false,
        }
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// PUT
    Put,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// HEAD
    Head,
    /// OPTIONS
    Options,
}

impl Method {
    /// The runtime's variant name.
    pub fn variant(self) -> &'static str {
        match self {
            Method::Get => "Get",
            Method::Post => "Post",
            Method::Put => "Put",
            Method::Patch => "Patch",
            Method::Delete => "Delete",
            Method::Head => "Head",
            Method::Options => "Options",
        }
    }

    /// Whether the method is idempotent (RFC 9110).
    pub fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }
}

/// The intermediate representation of an operation that will become a
/// request type implementing the runtime's `Operation`.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// The operationId, or `METHOD /path` when there is none.
    pub id: String,
    /// The module the request type lives in (the id's group, snake case).
    pub module: String,
    /// The request type's name.
    pub type_name: String,
    /// The name of the group's method for it (snake case).
    pub method_name: String,
    /// The method.
    pub method: Method,
    /// The path template as written.
    pub path_template: String,
    /// The template split into literals and parameters.
    pub path: Vec<PathPart>,
    /// Summary.
    pub summary: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// The deprecation notice, when deprecated.
    pub deprecation: Option<String>,
    /// Path and query parameters in declaration order.
    pub parameters: Vec<Parameter>,
    /// The request body.
    pub body: Option<Body>,
    /// The media type of a success response that is not JSON (sent as
    /// `Accept`), e.g. `text/html`.
    pub response_media_type: Option<String>,
    /// Every documented status, ascending.
    pub responses: Vec<Response>,
    /// What a success decodes into.
    pub success: Success,
    /// Previews, in the spec's order.
    pub previews: Vec<OperationPreview>,
    /// Pagination, for list operations.
    pub pagination: Option<Pagination>,
    /// Credentials.
    pub security: Security,
    /// Whether automatic retries are allowed.
    pub retry_safe: bool,
    /// The JSON properties marked `x-github-secret` in the types of the
    /// operation's bodies (filled in once every model is lowered), sorted.
    pub secret_properties: Vec<String>,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A parameter, by Rust field name.
    Parameter(String),
}

/// Where a parameter goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterLocation {
    /// In the path.
    Path,
    /// In the query string.
    Query,
    /// A request header.
    Header,
}

/// How a parameter's value is spelled: OpenAPI's `style` with `explode`.
/// The variants are the runtime's `ParamStyle`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParameterStyle {
    /// `form`, exploded: the query default.
    Form,
    /// `form` with `explode: false`.
    FormUnexploded,
    /// `spaceDelimited`.
    SpaceDelimited,
    /// `pipeDelimited`.
    PipeDelimited,
    /// `deepObject`.
    DeepObject,
    /// `simple`: the path and header default.
    Simple,
    /// `simple` with `explode: true`.
    SimpleExploded,
    /// Described by `content` (a media type) instead of a `schema`.
    Content,
}

impl ParameterStyle {
    /// The style a parameter at `location` has unless the spec says otherwise.
    pub fn default_at(location: ParameterLocation) -> ParameterStyle {
        match location {
            ParameterLocation::Query => ParameterStyle::Form,
            ParameterLocation::Path | ParameterLocation::Header => ParameterStyle::Simple,
        }
    }

    /// The runtime's `ParamStyle` variant.
    pub fn variant(self) -> &'static str {
        match self {
            ParameterStyle::Form => "Form",
            ParameterStyle::FormUnexploded => "FormUnexploded",
            ParameterStyle::SpaceDelimited => "SpaceDelimited",
            ParameterStyle::PipeDelimited => "PipeDelimited",
            ParameterStyle::DeepObject => "DeepObject",
            ParameterStyle::Simple => "Simple",
            ParameterStyle::SimpleExploded => "SimpleExploded",
            ParameterStyle::Content => "Content",
        }
    }
}

/// An operation input.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    /// The Rust field and setter name.
    pub name: String,
    /// The wire name.
    pub api_name: String,
    /// Path or query.
    pub location: ParameterLocation,
    /// The type.
    pub ty: TypeRef,
    /// How its value is spelled.
    pub style: ParameterStyle,
    /// Must be given to `new`.
    pub required: bool,
    /// Rustdoc.
    pub doc: Option<String>,
    /// Inclusive lower bound, for integers.
    pub minimum: Option<i64>,
    /// Inclusive upper bound, for integers.
    pub maximum: Option<i64>,
    /// `x-github-secret`: held in the runtime's redacting `SecretString`.
    pub secret: bool,
}

/// A JSON request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// Its type.
    pub ty: TypeRef,
    /// Must be given to `new`.
    pub required: bool,
    /// Rustdoc.
    pub doc: Option<String>,
    /// The spec's example body (drives the generated mock-server cases).
    pub example: Option<serde_json::Value>,
    /// The `Content-Type` sent: `application/json` for JSON bodies, the
    /// spec's media type for text, `application/octet-stream` for `*/*`.
    pub content_type: String,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The status.
    pub status: u16,
    /// The description.
    pub description: String,
    /// The JSON body type, if any.
    pub ty: Option<TypeRef>,
    /// The spec's example body (drives the generated mock-server cases).
    pub example: Option<serde_json::Value>,
}

/// What a success response decodes into.
#[derive(Debug, Clone, PartialEq)]
pub enum Success {
    /// No success status is documented, nor a `default` response: no 2xx
    /// has a body shape.
    None,
    /// All success statuses share one body type (`None`: no body, `()`).
    Single {
        /// The success statuses; empty when the `default` response
        /// describes the success.
        statuses: Vec<u16>,
        /// The body type.
        ty: Option<TypeRef>,
    },
    /// Success statuses with different bodies: a generated enum.
    PerStatus {
        /// The enum's name.
        enum_name: String,
        /// `(status, variant name, body type)`.
        variants: Vec<(u16, String, Option<TypeRef>)>,
    },
}

/// A preview an operation uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationPreview {
    /// The preview constant's name.
    pub const_name: String,
    /// The catalog name.
    pub api_name: String,
    /// Required or opt-in.
    pub required: bool,
    /// For opt-in previews: the request field and `with_*` setter stem.
    pub field: String,
}

/// A list operation's pagination.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    /// The wrapper field holding the items: `(wire name, Rust field)`.
    pub items_property: Option<(String, String)>,
    /// The item type.
    pub item: TypeRef,
}

/// The credentials an operation accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Security {
    /// Callable without credentials.
    pub anonymous: bool,
    /// Credential kinds, in the spec's order, deduplicated.
    pub kinds: Vec<CredentialKind>,
    /// The description's own security requirements, as standard schemes:
    /// alternatives, each met when all of its schemes have a credential.
    pub schemes: Vec<Vec<SchemeUse>>,
}

/// One scheme a security requirement names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeUse {
    /// The scheme's name in `components.securitySchemes`.
    pub scheme: String,
    /// How it sends its credential.
    pub kind: SchemeKind,
}

/// How a security scheme sends its credential (the runtime's `SchemeKind`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic`.
    Basic,
    /// An API key.
    ApiKey {
        /// Where it goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: String,
    },
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    /// A header.
    Header,
    /// The query.
    Query,
    /// A cookie.
    Cookie,
}

/// A kind of credential the runtime knows (its `CredentialKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CredentialKind {
    /// A GitHub App's JWT (`app-jwt`).
    AppJwt,
    /// An installation access token (`installation-token`).
    InstallationToken,
    /// An OAuth app's client id and secret as Basic auth (`oauth-app-basic`).
    OAuthAppBasic,
    /// A user's token (`user-token`).
    UserToken,
}

impl CredentialKind {
    /// Every kind, in the runtime's order.
    pub const ALL: [CredentialKind; 4] =
        [CredentialKind::AppJwt, CredentialKind::InstallationToken, CredentialKind::OAuthAppBasic, CredentialKind::UserToken];

    /// The name a security scheme's `x-github-credential` uses.
    pub fn spec_name(self) -> &'static str {
        match self {
            CredentialKind::AppJwt => "app-jwt",
            CredentialKind::InstallationToken => "installation-token",
            CredentialKind::OAuthAppBasic => "oauth-app-basic",
            CredentialKind::UserToken => "user-token",
        }
    }

    /// The kind an `x-github-credential` names.
    pub fn from_spec_name(name: &str) -> Option<CredentialKind> {
        CredentialKind::ALL.into_iter().find(|kind| kind.spec_name() == name)
    }

    /// The runtime's variant (and marker type) name.
    pub fn variant(self) -> &'static str {
        match self {
            CredentialKind::AppJwt => "AppJwt",
            CredentialKind::InstallationToken => "InstallationToken",
            CredentialKind::OAuthAppBasic => "OAuthAppBasic",
            CredentialKind::UserToken => "UserToken",
        }
    }
}
