//! The contract between generated operations and the runtime.
//!
//! Every generated request type implements [`Operation`]: its method, path,
//! query, body, preview media types, credential kinds and response decoding
//! are data the [`Client`](crate::Client) reads. List operations also
//! implement [`PaginatedOperation`]. Which clients may send an operation is
//! decided at compile time by [`CallableWith`], over the credential kinds
//! and marker types defined here ([`CredentialKind`], [`AppJwt`], ...).
//!
//! It uses only the lowest layer ([`style`](crate::style), secrets and timestamps).

use std::fmt;

pub use crate::style::{ParamShape, ParamStyle, QueryPair};


/// The kinds of credential an operation's `security` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CredentialKind {
    /// A JWT signed with the GitHub App's private key.
    AppJwt,
    /// An installation access token.
    InstallationToken,
    /// An OAuth app's client id and secret, as HTTP Basic.
    OAuthAppBasic,
    /// A user-to-server token or a personal access token.
    UserToken,
}

impl fmt::Display for CredentialKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CredentialKind::AppJwt => "app JWT",
            CredentialKind::InstallationToken => "installation token",
            CredentialKind::OAuthAppBasic => "OAuth app client id and secret",
            CredentialKind::UserToken => "user token",
        })
    }
}

/// A marker type naming the credential a [`Client`](crate::Client) holds:
/// the `K` of `Client<K>` and of [`CallableWith<K>`].
pub trait ClientCredential: Send + Sync + 'static {
    /// The kind of credential, or `None` for an anonymous client.
    const KIND: Option<CredentialKind>;
}

macro_rules! credential_markers {
    ($($(#[$doc:meta])* $name:ident => $kind:expr;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub struct $name;
        impl ClientCredential for $name {
            const KIND: Option<CredentialKind> = $kind;
        }
    )*};
}

credential_markers! {
    /// A client authenticated as the GitHub App itself (JWT).
    AppJwt => Some(CredentialKind::AppJwt);
    /// A client authenticated as one installation of the app.
    InstallationToken => Some(CredentialKind::InstallationToken);
    /// A client authenticated as an OAuth app (client id and secret).
    OAuthAppBasic => Some(CredentialKind::OAuthAppBasic);
    /// A client authenticated as a user.
    UserToken => Some(CredentialKind::UserToken);
    /// A client without credentials.
    Anonymous => None;
    /// A client holding credentials for a description's own security
    /// schemes (bearer, basic, API keys), by scheme name: for descriptions
    /// other than GitHub's. See [`SchemeCredentials`](crate::schemes::SchemeCredentials).
    Schemes => None;
}

/// Where an API key goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiKeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
    /// A cookie.
    Cookie,
}

/// How a security scheme of a description sends its credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>` (HTTP bearer, OAuth 2, OpenID Connect).
    Bearer,
    /// `Authorization: Basic <user:password>`.
    Basic,
    /// A key under `name` in a header, the query or a cookie.
    ApiKey {
        /// Where the key goes.
        location: ApiKeyLocation,
        /// The header, query parameter or cookie name.
        name: &'static str,
    },
}

/// One security scheme an operation's security requirement names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SchemeUse {
    /// The scheme's name in the description (`components.securitySchemes`).
    pub scheme: &'static str,
    /// How it sends its credential.
    pub kind: SchemeKind,
}

impl SchemeUse {
    /// A bearer-token scheme.
    pub const fn bearer(scheme: &'static str) -> SchemeUse {
        SchemeUse { scheme, kind: SchemeKind::Bearer }
    }
    /// An HTTP Basic scheme.
    pub const fn basic(scheme: &'static str) -> SchemeUse {
        SchemeUse { scheme, kind: SchemeKind::Basic }
    }
    /// An API key scheme.
    pub const fn api_key(scheme: &'static str, location: ApiKeyLocation, name: &'static str) -> SchemeUse {
        SchemeUse { scheme, kind: SchemeKind::ApiKey { location, name } }
    }
}

/// The HTTP method of an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
    /// `HEAD`
    Head,
    /// `OPTIONS`
    Options,
}

impl Method {
    /// The method's name as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
            Method::Head => "HEAD",
            Method::Options => "OPTIONS",
        }
    }

    /// Whether repeating the request has the same effect as sending it once
    /// (RFC 9110, section 9.2.2).
    pub const fn is_idempotent(self) -> bool {
        !matches!(self, Method::Post | Method::Patch)
    }

    pub(crate) fn to_reqwest(self) -> reqwest::Method {
        match self {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
            Method::Head => reqwest::Method::HEAD,
            Method::Options => reqwest::Method::OPTIONS,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A GitHub API preview: a named media type sent in `Accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Preview {
    /// The preview's name, e.g. `machine-man`.
    pub name: &'static str,
    /// The media type to send, e.g. `application/vnd.github.machine-man-preview+json`.
    pub media_type: &'static str,
}

/// The media type sent when an operation needs no preview.
pub const DEFAULT_ACCEPT: &str = "application/vnd.github.v3+json";

/// The credentials an operation accepts, as declared by its `security`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Security {
    /// The operation may be called without any credential.
    pub anonymous: bool,
    /// The credential kinds the operation accepts, in the spec's order.
    pub credentials: &'static [CredentialKind],
}

impl Security {
    /// Anyone: no credential, or any kind. The setting for descriptions
    /// that declare no `security` (GitHub's own).
    pub const ANYONE: Security = Security {
        anonymous: true,
        credentials: &[
            CredentialKind::AppJwt,
            CredentialKind::InstallationToken,
            CredentialKind::OAuthAppBasic,
            CredentialKind::UserToken,
        ],
    };

    /// Whether a credential of `kind` should be sent with this operation.
    pub fn accepts(&self, kind: CredentialKind) -> bool {
        self.credentials.contains(&kind)
    }
}

/// How a list operation pages through its results.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pagination {
    /// Pages are linked with RFC 8288 `Link` headers (`rel="next"`, ...).
    pub link_header: bool,
    /// The property of a wrapper object that holds the items, or `None`
    /// when the response body is the array itself.
    pub items_property: Option<&'static str>,
}

/// An input that the API would reject, caught before sending.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid input `{name}` of {operation}: {reason}")]
pub struct InvalidInput {
    /// The operation the input belongs to.
    pub operation: &'static str,
    /// The input's name as the API spells it.
    pub name: &'static str,
    /// Why it was rejected.
    pub reason: String,
}

/// Checks an integer input against the bounds the spec declares.
pub fn check_integer_bounds(
    operation: &'static str,
    name: &'static str,
    value: i64,
    minimum: Option<i64>,
    maximum: Option<i64>,
) -> Result<(), InvalidInput> {
    let below = minimum.is_some_and(|min| value < min);
    let above = maximum.is_some_and(|max| value > max);
    if below || above {
        let range = match (minimum, maximum) {
            (Some(min), Some(max)) => format!("between {min} and {max}"),
            (Some(min), None) => format!("at least {min}"),
            (None, Some(max)) => format!("at most {max}"),
            (None, None) => unreachable!("no bound was checked"),
        };
        return Err(InvalidInput {
            operation,
            name,
            reason: format!("must be {range}, got {value}"),
        });
    }
    Ok(())
}

/// Where an operation input goes on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamLocation {
    /// A `{name}` segment of the path template.
    Path,
    /// A query pair (one per item for arrays: `name=a&name=b`).
    Query,
    /// A request header (array items joined with `,`).
    Header,
}

/// One input of an operation as the spec declares it, with the request
/// field that holds its value: the generated [`Operation::PARAMS`] table.
/// One table says both what the API calls an input and where its value
/// is, so the two cannot drift apart.
pub struct Param<O: ?Sized> {
    /// The input's name as the API spells it.
    pub name: &'static str,
    /// Where it goes.
    pub location: ParamLocation,
    /// The smallest integer value the API accepts.
    pub minimum: Option<i64>,
    /// The largest integer value the API accepts.
    pub maximum: Option<i64>,
    /// How the value is spelled (OpenAPI's `style` and `explode`).
    pub style: ParamStyle,
    /// The request's value of the input.
    pub value: fn(&O) -> &dyn ParamValue,
}

impl<O: ?Sized> Param<O> {
    /// A path input (`simple` style).
    pub const fn path(name: &'static str, value: fn(&O) -> &dyn ParamValue) -> Self {
        Param { name, location: ParamLocation::Path, minimum: None, maximum: None, style: ParamStyle::Simple, value }
    }
    /// A query input (`form` style, exploded).
    pub const fn query(name: &'static str, value: fn(&O) -> &dyn ParamValue) -> Self {
        Param { name, location: ParamLocation::Query, minimum: None, maximum: None, style: ParamStyle::Form, value }
    }
    /// A header input (`simple` style).
    pub const fn header(name: &'static str, value: fn(&O) -> &dyn ParamValue) -> Self {
        Param { name, location: ParamLocation::Header, minimum: None, maximum: None, style: ParamStyle::Simple, value }
    }
    /// The same input with integer bounds, checked before sending.
    pub const fn bounded(self, minimum: Option<i64>, maximum: Option<i64>) -> Self {
        Param { minimum, maximum, ..self }
    }
    /// The same input in another style than its location's default.
    pub const fn style(self, style: ParamStyle) -> Self {
        Param { style, ..self }
    }
    /// The input with `request`'s value of it.
    pub fn input<'a>(&self, request: &'a O) -> Input<'a> {
        Input {
            name: self.name,
            location: self.location,
            minimum: self.minimum,
            maximum: self.maximum,
            style: self.style,
            value: (self.value)(request),
        }
    }
}

impl<O: ?Sized> Clone for Param<O> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<O: ?Sized> Copy for Param<O> {}

/// The table's declaration, without the value accessor.
impl<O: ?Sized> fmt::Debug for Param<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Param")
            .field("name", &self.name)
            .field("location", &self.location)
            .field("minimum", &self.minimum)
            .field("maximum", &self.maximum)
            .field("style", &self.style)
            .finish_non_exhaustive()
    }
}

/// One input of a request with its value: what [`Operation::inputs`]
/// gives the helpers that render the path, query and headers (which take
/// no type parameter, so they are compiled once, not per operation).
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The input's name as the API spells it.
    pub name: &'static str,
    /// Where it goes.
    pub location: ParamLocation,
    /// The smallest integer value the API accepts.
    pub minimum: Option<i64>,
    /// The largest integer value the API accepts.
    pub maximum: Option<i64>,
    /// How the value is spelled.
    pub style: ParamStyle,
    /// The value.
    pub value: &'a dyn ParamValue,
}

/// The declaration only: an input's value may be a secret.
impl fmt::Debug for Input<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Input").field("name", &self.name).field("location", &self.location).finish_non_exhaustive()
    }
}

/// A value an operation input can hold: it renders itself as the texts the
/// API reads (none when absent, one per item for arrays).
///
/// Implemented for the scalar types, `Option`, `Vec`, secrets, timestamps
/// and, through [`DisplayParam`], the generated string enums.
pub trait ParamValue {
    /// Appends the value's texts to `out`.
    fn write_texts(&self, out: &mut Vec<String>);
    /// The value as an integer, for bounds checks (`None` when absent or
    /// not an integer).
    fn as_integer(&self) -> Option<i64> {
        None
    }
    /// The value as JSON, for values whose spelling depends on their shape:
    /// objects (models, maps, open JSON), whose members the input's style
    /// spells out. `None` for values that write their own texts.
    fn to_json(&self) -> Option<serde_json::Value> {
        None
    }
}

/// An input's value before its style spells it.
pub fn param_shape(value: &dyn ParamValue) -> ParamShape {
    match value.to_json() {
        Some(json) => ParamShape::of_json(json),
        None => {
            let mut texts = Vec::new();
            value.write_texts(&mut texts);
            ParamShape::Texts(texts)
        }
    }
}

/// The JSON of a value that serializes as an object (a generated model):
/// what [`object_param!`](crate::object_param) gives [`ParamValue::to_json`].
pub fn object_json<T: serde::Serialize + ?Sized>(value: &T) -> Option<serde_json::Value> {
    serde_json::to_value(value).ok()
}

/// Makes generated models that serialize as objects [`ParamValue`]s: an
/// input holding one is spelled member by member, as its style says.
#[macro_export]
macro_rules! object_param {
    ($($name:ident),* $(,)?) => {$(
        impl $crate::operation::ParamValue for $name {
            fn write_texts(&self, out: &mut Vec<String>) {
                if let Some(json) = self.to_json() {
                    $crate::style::json_texts(&json, out);
                }
            }
            fn to_json(&self) -> Option<$crate::serde_json::Value> {
                $crate::operation::object_json(self)
            }
        }
    )*};
}

/// An open JSON input: an object's members are spelled by the style, any
/// other value gives its texts.
impl ParamValue for serde_json::Value {
    fn write_texts(&self, out: &mut Vec<String>) {
        crate::style::json_texts(self, out);
    }
    fn to_json(&self) -> Option<serde_json::Value> {
        Some(self.clone())
    }
}

/// A map input: an object with arbitrary keys.
impl<V: serde::Serialize> ParamValue for std::collections::BTreeMap<String, V> {
    fn write_texts(&self, out: &mut Vec<String>) {
        if let Some(json) = self.to_json() {
            crate::style::json_texts(&json, out);
        }
    }
    fn to_json(&self) -> Option<serde_json::Value> {
        object_json(self)
    }
}

/// A marker for types whose `Display` is their wire form: they are
/// [`ParamValue`]s. The generator marks the string enums used as inputs.
pub trait DisplayParam: fmt::Display {}

impl<T: DisplayParam> ParamValue for T {
    fn write_texts(&self, out: &mut Vec<String>) {
        out.push(self.to_string());
    }
}

impl DisplayParam for String {}
impl DisplayParam for bool {}
impl DisplayParam for f64 {}
impl DisplayParam for crate::timestamp::Timestamp {}

impl ParamValue for i64 {
    fn write_texts(&self, out: &mut Vec<String>) {
        out.push(self.to_string());
    }
    fn as_integer(&self) -> Option<i64> {
        Some(*self)
    }
}

/// A secret input (a path or query value): exposed only to be sent.
impl ParamValue for crate::secret::SecretString {
    fn write_texts(&self, out: &mut Vec<String>) {
        out.push(self.expose_secret().to_owned());
    }
}

impl<T: ParamValue> ParamValue for Option<T> {
    fn write_texts(&self, out: &mut Vec<String>) {
        if let Some(value) = self {
            value.write_texts(out);
        }
    }
    fn as_integer(&self) -> Option<i64> {
        self.as_ref().and_then(ParamValue::as_integer)
    }
    fn to_json(&self) -> Option<serde_json::Value> {
        self.as_ref().and_then(ParamValue::to_json)
    }
}

impl<T: ParamValue> ParamValue for Vec<T> {
    fn write_texts(&self, out: &mut Vec<String>) {
        for value in self {
            value.write_texts(out);
        }
    }
    /// An array of objects as JSON (`deepObject` spells it item by item);
    /// an array of scalars writes its texts.
    fn to_json(&self) -> Option<serde_json::Value> {
        let items: Option<Vec<serde_json::Value>> = self.iter().map(ParamValue::to_json).collect();
        items.filter(|items| !items.is_empty()).map(serde_json::Value::Array)
    }
}

/// The inputs at `location`, in the table's order.
fn inputs_at<'i, 'a>(inputs: &'i [Input<'a>], location: ParamLocation) -> impl Iterator<Item = &'i Input<'a>> {
    inputs.iter().filter(move |input| input.location == location)
}

/// Renders `template` with the path inputs, by name, each spelled in its
/// style with every text percent-encoded; see [`render_path`] for what is
/// refused.
pub fn render_params_path(
    operation: &'static str,
    template: &'static str,
    inputs: &[Input<'_>],
) -> Result<String, InvalidInput> {
    let segments: Vec<String> = crate::operation::template_names(template)
        .map(|name| {
            let input = inputs_at(inputs, ParamLocation::Path).find(|input| input.name == name);
            let segment = input.and_then(|input| crate::style::path_segment(input.style, param_shape(input.value)));
            segment.ok_or(InvalidInput { operation, name: static_name(inputs, name), reason: "no value for this path parameter".into() })
        })
        .collect::<Result<_, _>>()?;
    fill_path(operation, template, segments)
}

/// The `'static` spelling of a template name, from the table.
fn static_name(inputs: &[Input<'_>], name: &str) -> &'static str {
    inputs.iter().find(|input| input.name == name).map_or("path parameter", |input| input.name)
}

/// The `{name}` placeholders of a path template, in order.
pub(crate) fn template_names(template: &str) -> impl Iterator<Item = &str> {
    template.split('{').skip(1).filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// The query pairs of the query inputs, each spelled in its style, in the
/// table's order.
pub fn params_query(inputs: &[Input<'_>]) -> Vec<QueryPair> {
    let mut pairs = Vec::new();
    for input in inputs_at(inputs, ParamLocation::Query) {
        crate::style::query_pairs(input.name, input.style, param_shape(input.value), &mut pairs);
    }
    pairs
}

/// The header inputs that have a value, each spelled in its style
/// (`simple`: array items joined with `,`).
pub fn params_headers(inputs: &[Input<'_>]) -> Vec<(&'static str, String)> {
    inputs_at(inputs, ParamLocation::Header)
        .filter_map(|input| Some((input.name, crate::style::header_value(input.style, param_shape(input.value))?)))
        .collect()
}

/// Checks every bounded integer input.
pub fn check_params(operation: &'static str, inputs: &[Input<'_>]) -> Result<(), InvalidInput> {
    for input in inputs {
        if (input.minimum.is_some() || input.maximum.is_some())
            && let Some(value) = input.value.as_integer()
        {
            check_integer_bounds(operation, input.name, value, input.minimum, input.maximum)?;
        }
    }
    Ok(())
}

/// How a body travels: JSON, UTF-8 text or bytes as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyFormat {
    /// JSON (`application/json` and `+json` media types).
    Json,
    /// A `text/*` body.
    Text,
    /// Any other media type: the bytes.
    Bytes,
    /// No body is documented: whatever arrives is ignored (the response
    /// type is `()`).
    Empty,
}

/// A request's body as the operation holds it: the generated
/// [`Operation::request_body`]. The runtime encodes it, so serialisation is
/// compiled only for the operations a program sends.
#[derive(Debug, Clone, Copy)]
pub enum RequestBody<'a, T: ?Sized> {
    /// No body.
    None,
    /// A body to encode as JSON.
    Json(&'a T),
    /// A text body, sent as its UTF-8 bytes.
    Text(&'a str),
    /// A binary body, sent as it is.
    Bytes(&'a [u8]),
}

impl<T: serde::Serialize + ?Sized> RequestBody<'_, T> {
    /// The bytes to send, if any.
    pub fn encode(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        match self {
            RequestBody::None => Ok(None),
            RequestBody::Json(value) => serde_json::to_vec(value).map(Some),
            RequestBody::Text(text) => Ok(Some(text.as_bytes().to_vec())),
            RequestBody::Bytes(bytes) => Ok(Some(bytes.to_vec())),
        }
    }
}

/// A success response body's Rust type: decodes itself from the bytes.
///
/// Every `Deserialize` type is one, in each [`BodyFormat`]: JSON, text (for
/// `String`) and bytes (for `Vec<u8>`). The generated enums of operations
/// whose success statuses have different bodies implement it by status.
pub trait DecodeResponse: Sized {
    /// Decodes a 2xx body; `None` when the status has no body shape.
    fn decode_response(format: BodyFormat, status: u16, body: &[u8]) -> Option<Result<Self, serde_json::Error>>;
}

impl<T: serde::de::DeserializeOwned> DecodeResponse for T {
    fn decode_response(format: BodyFormat, _status: u16, body: &[u8]) -> Option<Result<Self, serde_json::Error>> {
        Some(decode_in_format(format, body))
    }
}

/// Decodes `body` as `T` in `format`.
pub fn decode_in_format<T: serde::de::DeserializeOwned>(format: BodyFormat, body: &[u8]) -> Result<T, serde_json::Error> {
    use serde::de::IntoDeserializer;
    match format {
        BodyFormat::Json => decode_json(body),
        BodyFormat::Text => T::deserialize(decode_text(body)?.into_deserializer()),
        BodyFormat::Bytes => T::deserialize(serde::de::value::SeqDeserializer::new(body.iter().copied())),
        BodyFormat::Empty => T::deserialize(().into_deserializer()),
    }
}

/// A request the client can send: implemented by every generated operation.
///
/// Requests own their inputs (`'static`), so the [`PARAMS`](Self::PARAMS)
/// table can name the fields that hold them.
pub trait Operation: Send + Sync + 'static {
    /// The decoded body of a documented success response.
    type Response: DecodeResponse + Send + 'static;
    /// The type of the JSON request body (`()` for operations without one).
    type Body: serde::Serialize + ?Sized;

    /// The spec's operationId, e.g. `apps/get-installation`.
    const ID: &'static str;
    /// The HTTP method.
    const METHOD: Method;
    /// The path template as the spec writes it, e.g. `/app/installations/{installation_id}`.
    const PATH_TEMPLATE: &'static str;
    /// Previews that must be sent for the operation to work.
    const REQUIRED_PREVIEWS: &'static [Preview] = &[];
    /// Previews the caller may opt into (they change the response shape).
    const OPTIONAL_PREVIEWS: &'static [Preview] = &[];
    /// The credentials the operation accepts.
    const SECURITY: Security;
    /// The deprecation notice, for deprecated operations.
    const DEPRECATION: Option<&'static str> = None;
    /// Every response status the spec documents, success and error.
    const DOCUMENTED_STATUSES: &'static [u16];
    /// Whether the request may be retried automatically: idempotent
    /// methods, or a POST/PATCH the spec declares safe to retry.
    const RETRY_SAFE: bool = Self::METHOD.is_idempotent();
    /// The JSON property names that hold a secret (`x-github-secret`) in
    /// any of the operation's response bodies. An error that keeps a body
    /// of this operation masks their values wherever it prints the body.
    const SECRET_PROPERTIES: &'static [&'static str] = &[];
    /// The inputs other than the body (path, query and header
    /// parameters), each with the field that holds its value, in the
    /// spec's order.
    const PARAMS: &'static [Param<Self>] = &[];
    /// How the success response body is decoded.
    const RESPONSE_FORMAT: BodyFormat = BodyFormat::Json;
    /// The description's own security requirements (for descriptions other
    /// than GitHub's): alternatives, each met when all of its schemes have
    /// a credential. A [`Schemes`] client sends the first alternative it
    /// holds every credential of.
    const SCHEMES: &'static [&'static [SchemeUse]] = &[];

    /// [`PARAMS`](Self::PARAMS) with this request's values.
    fn inputs(&self) -> Vec<Input<'_>> {
        Self::PARAMS.iter().map(|param| param.input(self)).collect()
    }
    /// The request body as the request holds it.
    fn request_body(&self) -> RequestBody<'_, Self::Body> {
        RequestBody::None
    }

    /// The path with every parameter substituted and percent-encoded
    /// (see [`render_path`]); an input that cannot stay one path segment
    /// (`""`, `"."`, `".."`) is refused.
    fn path(&self) -> Result<String, InvalidInput> {
        render_params_path(Self::ID, Self::PATH_TEMPLATE, &self.inputs())
    }
    /// The query pairs, unencoded, in the spec's order.
    fn query(&self) -> Vec<QueryPair> {
        params_query(&self.inputs())
    }
    /// The header inputs that have a value.
    fn headers(&self) -> Vec<(&'static str, String)> {
        params_headers(&self.inputs())
    }
    /// The encoded request body, if the operation has one.
    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        self.request_body().encode()
    }
    /// This request's method: [`METHOD`](Self::METHOD), except for
    /// requests that choose it per value ([`RawRequest`](crate::raw::RawRequest)).
    fn method(&self) -> Method {
        Self::METHOD
    }
    /// This request's path template (never its values, which may hold a
    /// secret): [`PATH_TEMPLATE`](Self::PATH_TEMPLATE), except for requests
    /// that choose it per value.
    fn path_template(&self) -> &str {
        Self::PATH_TEMPLATE
    }
    /// This request's secret properties:
    /// [`SECRET_PROPERTIES`](Self::SECRET_PROPERTIES), except for requests
    /// that choose them per value.
    fn secret_properties(&self) -> &'static [&'static str] {
        Self::SECRET_PROPERTIES
    }
    /// The `Content-Type` of the request body: JSON unless the operation's
    /// body is text or binary.
    fn content_type(&self) -> &'static str {
        "application/json"
    }
    /// Optional previews the caller opted into.
    fn opted_in_previews(&self) -> Vec<Preview> {
        Vec::new()
    }
    /// Checks inputs against the bounds the spec declares.
    fn validate(&self) -> Result<(), InvalidInput> {
        check_params(Self::ID, &self.inputs())
    }
    /// Decodes the body of a 2xx response. `None` means the status has no
    /// body shape: only operations whose success statuses have different
    /// bodies return it, for a 2xx the spec does not list. An operation with
    /// one success shape decodes every 2xx with it, because GitHub's
    /// documents and servers drift (a documented 200 answered as 201).
    fn decode(status: u16, body: &[u8]) -> Option<Result<Self::Response, serde_json::Error>> {
        Self::Response::decode_response(Self::RESPONSE_FORMAT, status, body)
    }

    /// The `Accept` header: the required previews and the opted-in optional
    /// ones joined with `", "`, or [`DEFAULT_ACCEPT`] when there are none.
    ///
    /// Borrowed (no allocation) for the common cases: no preview, or one.
    fn accept(&self) -> std::borrow::Cow<'static, str> {
        let opted = self.opted_in_previews();
        match (Self::REQUIRED_PREVIEWS, opted.as_slice()) {
            ([], []) => std::borrow::Cow::Borrowed(DEFAULT_ACCEPT),
            ([only], []) | ([], [only]) => std::borrow::Cow::Borrowed(only.media_type),
            (required, opted) => std::borrow::Cow::Owned(
                required.iter().chain(opted).map(|preview| preview.media_type).collect::<Vec<_>>().join(", "),
            ),
        }
    }
}

/// A list operation whose results span pages.
pub trait PaginatedOperation: Operation {
    /// One item of the list.
    type Item: Send + 'static;
    /// How the operation paginates.
    const PAGINATION: Pagination;
    /// Moves the items out of a decoded page, leaving the rest of the
    /// response (for wrapped lists: `total_count` and friends) in place.
    fn take_items(response: &mut Self::Response) -> Vec<Self::Item>;
}

/// Code that runs once per operation type: see the generated
/// `operations::visit_operations`.
pub trait OperationVisitor {
    /// Called with each operation type.
    fn visit<O: Operation + 'static>(&mut self);
}

/// Marks the credential kinds an operation may be sent with.
///
/// The generator implements it from each operation's `security`, so sending
/// an operation through a client holding the wrong credential does not
/// compile.
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be sent with a `{K}` credential",
    label = "this operation's `security` does not accept this client's credential",
    note = "see the operation's `SECURITY` constant for the credentials it accepts"
)]
pub trait CallableWith<K> {}

/// Percent-encodes a path parameter so it stays one path segment.
///
/// Dot segments are not encoded here: URL parsers (the WHATWG URL standard
/// that `url` follows, and servers) treat `%2E` like `.`, so `.`, `..` and
/// their encodings would still be collapsed. [`render_path`] refuses them.
pub fn encode_path_segment(value: &dyn fmt::Display) -> String {
    crate::style::encode_path_text(&value.to_string())
}

/// Renders `template` (an operation's `PATH_TEMPLATE`) with `values` in the
/// order its `{name}` placeholders appear, each percent-encoded as one path
/// segment.
///
/// A value that would not stay one segment of the path it was given for is
/// refused before anything is sent: the empty string (`//` merges with its
/// neighbours), `.` and `..` (dot segments that URL normalisation removes,
/// so `GET /apps/..` would reach `GET /`).
pub fn render_path(
    operation: &'static str,
    template: &'static str,
    values: &[&dyn fmt::Display],
) -> Result<String, InvalidInput> {
    fill_path(operation, template, values.iter().map(|value| encode_path_segment(*value)).collect())
}

/// Fills the `{name}` placeholders of `template` with `segments`, already
/// percent-encoded, in order; refuses a segment that would not stay one.
fn fill_path(operation: &'static str, template: &'static str, segments: Vec<String>) -> Result<String, InvalidInput> {
    let mut path = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut segments = segments.into_iter();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|close| open + close) else { break };
        path.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        let Some(segment) = segments.next() else {
            return Err(InvalidInput { operation, name, reason: "no value for this path parameter".into() });
        };
        if matches!(segment.as_str(), "" | "." | "..") {
            let shown = if segment.is_empty() { "an empty string".to_owned() } else { format!("{segment:?}") };
            return Err(InvalidInput {
                operation,
                name,
                reason: format!("must be one path segment, got {shown}, which would change the endpoint"),
            });
        }
        path.push_str(&segment);
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    Ok(path)
}

/// Decodes a `text/*` body: it must be UTF-8.
pub fn decode_text(body: &[u8]) -> Result<String, serde_json::Error> {
    String::from_utf8(body.to_vec())
        .map_err(|err| <serde_json::Error as serde::de::Error>::custom(format!("the text body is not UTF-8: {err}")))
}

/// Decodes a binary body: the bytes as received.
pub fn decode_bytes(body: &[u8]) -> Result<Vec<u8>, serde_json::Error> {
    Ok(body.to_vec())
}

/// Decodes a JSON body into `T`; an empty body decodes as JSON `null`
/// would, so `()` and `Option<T>` accept it.
pub fn decode_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, serde_json::Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        serde_json::from_slice(b"null")
    } else {
        serde_json::from_slice(body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_segments_cannot_escape_their_segment() {
        assert_eq!(encode_path_segment(&"a/b?c#d"), "a%2Fb%3Fc%23d");
        assert_eq!(encode_path_segment(&"..%2f"), "..%252f");
        assert_eq!(encode_path_segment(&"héllo wörld"), "h%C3%A9llo%20w%C3%B6rld");
        assert_eq!(encode_path_segment(&42), "42");
        assert_eq!(encode_path_segment(&"Iv1.8a61f9b3a7aba766"), "Iv1.8a61f9b3a7aba766");
    }

    #[test]
    fn render_path_substitutes_in_template_order() {
        let values: [&dyn fmt::Display; 2] = [&42, &"a/b"];
        assert_eq!(render_path("x/y", "/user/{installation_id}/r/{repo}", &values).unwrap(), "/user/42/r/a%2Fb");
        assert_eq!(render_path("x/y", "/app", &[]).unwrap(), "/app");
    }

    /// A request written the way the generator writes one.
    struct ListThings {
        owner: String,
        labels: Vec<String>,
        per_page: Option<i64>,
        token: Option<crate::secret::SecretString>,
    }

    impl Operation for ListThings {
        type Response = ();
        type Body = ();
        const ID: &'static str = "things/list";
        const METHOD: Method = Method::Get;
        const PATH_TEMPLATE: &'static str = "/owners/{owner}/things";
        const SECURITY: Security = Security::ANYONE;
        const DOCUMENTED_STATUSES: &'static [u16] = &[200];
        const PARAMS: &'static [Param<Self>] = &[
            Param::path("owner", |r| &r.owner),
            Param::query("labels", |r| &r.labels),
            Param::<Self>::query("per_page", |r| &r.per_page).bounded(Some(1), Some(100)),
            Param::header("X-Token", |r| &r.token),
        ];
    }

    #[test]
    fn the_params_table_reads_each_value_from_its_field() {
        let request = ListThings {
            owner: "a b".into(),
            labels: vec!["x".into(), "y".into()],
            per_page: Some(100),
            token: Some(crate::secret::SecretString::from("s3cr3t-token".to_owned())),
        };
        assert_eq!(request.path().unwrap(), "/owners/a%20b/things");
        assert_eq!(request.query(), [("labels".into(), "x".to_owned()), ("labels".into(), "y".to_owned()), ("per_page".into(), "100".to_owned())]);
        assert_eq!(request.headers(), [("X-Token", "s3cr3t-token".to_owned())]);
        assert!(request.validate().is_ok());
        let shown = format!("{:?} {:?}", request.inputs(), ListThings::PARAMS);
        assert!(shown.contains("\"X-Token\"") && !shown.contains("s3cr3t"), "{shown}");

        let too_many = ListThings { per_page: Some(101), token: None, ..request };
        let error = too_many.validate().unwrap_err();
        assert_eq!(error.name, "per_page");
        assert!(too_many.headers().is_empty());
    }

    #[test]
    fn render_path_refuses_inputs_that_leave_their_segment() {
        for bad in ["", ".", ".."] {
            let err = render_path("apps/get-by-slug", "/apps/{app_slug}", &[&bad]).unwrap_err();
            assert_eq!(err.name, "app_slug", "{bad:?}");
            assert!(err.to_string().starts_with("invalid input `app_slug` of apps/get-by-slug: must be one path segment"), "{err}");
        }
        // Dots inside a segment, and encoded dots, are ordinary text.
        for fine in ["...", ".a", "a.", "%2e%2e", ". ", "Iv1.8a"] {
            assert!(render_path("x", "/apps/{app_slug}", &[&fine]).is_ok(), "{fine:?}");
        }
        assert_eq!(render_path("x", "/apps/{app_slug}", &[&"%2e%2e"]).unwrap(), "/apps/%252e%252e");
    }

    #[test]
    fn integer_bounds_name_the_input() {
        assert!(check_integer_bounds("x/y", "per_page", 100, Some(1), Some(100)).is_ok());
        let err = check_integer_bounds("x/y", "per_page", 101, Some(1), Some(100)).unwrap_err();
        assert_eq!(err.to_string(), "invalid input `per_page` of x/y: must be between 1 and 100, got 101");
        let err = check_integer_bounds("x/y", "page", 0, Some(1), None).unwrap_err();
        assert_eq!(err.reason, "must be at least 1, got 0");
    }

    #[test]
    fn empty_body_decodes_as_unit() {
        let unit: () = decode_json(b"").unwrap();
        assert_eq!(unit, ());
        assert!(decode_json::<u32>(b"").is_err());
    }
}
