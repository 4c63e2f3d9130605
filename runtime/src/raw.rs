//! [`RawRequest`]: any method and path of the API, beyond the generated
//! operations, sent through the same client path as they are.
//!
//! A raw request keeps everything the client does for an operation: the
//! client's credential (whatever its kind: the request accepts every
//! credential), the `Accept` header, retry policies, redirect rules, the
//! body limit, typed errors with masked secrets, and pagination over `Link`
//! headers. Path inputs are named in a template and each stays one path
//! segment, as for generated operations.
//!
//! ```no_run
//! # async fn demo(installation: github_apps_runtime::InstallationClient) -> github_apps_runtime::Result<()> {
//! use futures::TryStreamExt;
//! use github_apps_runtime::RawRequest;
//!
//! #[derive(serde::Deserialize)]
//! struct Issue { number: u64, title: String }
//!
//! // One object, typed.
//! let issue: Issue = installation
//!     .send(RawRequest::get("/repos/{owner}/{repo}/issues/{number}").param("owner", "octocat").param("repo", "hello-world").param("number", 1))
//!     .await?;
//! // Every page of a list.
//! let request = RawRequest::<Vec<Issue>>::get("/repos/{owner}/{repo}/issues")
//!     .param("owner", "octocat")
//!     .param("repo", "hello-world")
//!     .query("state", "open")
//!     .query("per_page", 100);
//! let mut issues = installation.paginate(request);
//! while let Some(issue) = issues.try_next().await? {
//!     println!("#{} {}", issue.number, issue.title);
//! }
//! // A body, and no response body.
//! let labels = serde_json::json!({"labels": ["bug"]});
//! installation
//!     .send(RawRequest::<()>::post("/repos/octocat/hello-world/issues/1/labels").json(&labels))
//!     .await?;
//! # let _ = issue.title; Ok(()) }
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::operation::{
    CallableWith, ClientCredential, CredentialKind, DEFAULT_ACCEPT, InvalidInput, Method, Operation,
    PaginatedOperation, Pagination, Preview, Security, decode_json, encode_path_segment,
};

/// A request to any endpoint, decoding a JSON response into `T` (by
/// default [`serde_json::Value`]; `()` for none).
pub struct RawRequest<T = serde_json::Value> {
    method: Method,
    template: String,
    path: Vec<(String, String)>,
    query: Vec<(&'static str, String)>,
    body: Option<Result<Vec<u8>, String>>,
    accept: Option<String>,
    secret_properties: &'static [&'static str],
    response: PhantomData<fn() -> T>,
}

impl<T> Clone for RawRequest<T> {
    fn clone(&self) -> Self {
        RawRequest {
            method: self.method,
            template: self.template.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            body: self.body.clone(),
            accept: self.accept.clone(),
            secret_properties: self.secret_properties,
            response: PhantomData,
        }
    }
}

impl<T> fmt::Debug for RawRequest<T> {
    /// The method and template only: path and query values and the body
    /// may hold secrets.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawRequest").field("method", &self.method).field("template", &self.template).finish_non_exhaustive()
    }
}

macro_rules! constructors {
    ($($(#[$doc:meta])* $name:ident => $method:ident;)*) => {$(
        $(#[$doc])*
        pub fn $name(template: impl Into<String>) -> RawRequest<T> {
            RawRequest::new(Method::$method, template)
        }
    )*};
}

impl<T> RawRequest<T> {
    /// A request with `method` to `template`: a path under the API root
    /// (`/repos/{owner}/{repo}`), whose `{name}` placeholders are filled
    /// by [`param`](Self::param).
    pub fn new(method: Method, template: impl Into<String>) -> RawRequest<T> {
        RawRequest {
            method,
            template: template.into(),
            path: Vec::new(),
            query: Vec::new(),
            body: None,
            accept: None,
            secret_properties: &[],
            response: PhantomData,
        }
    }

    constructors! {
        /// A `GET` request.
        get => Get;
        /// A `POST` request.
        post => Post;
        /// A `PUT` request.
        put => Put;
        /// A `PATCH` request.
        patch => Patch;
        /// A `DELETE` request.
        delete => Delete;
        /// A `HEAD` request.
        head => Head;
    }

    /// Fills the `{name}` placeholder of the template with `value`,
    /// percent-encoded as one path segment.
    pub fn param(mut self, name: impl Into<String>, value: impl fmt::Display) -> RawRequest<T> {
        self.path.push((name.into(), value.to_string()));
        self
    }

    /// Adds a query parameter (repeat the name for arrays).
    pub fn query(mut self, name: &'static str, value: impl fmt::Display) -> RawRequest<T> {
        self.query.push((name, value.to_string()));
        self
    }

    /// Sends `body` as JSON. A body that cannot be serialized fails the
    /// request with [`Error::Encode`](crate::Error::Encode) before anything is sent.
    pub fn json(mut self, body: &impl Serialize) -> RawRequest<T> {
        self.body = Some(serde_json::to_vec(body).map_err(|err| err.to_string()));
        self
    }

    /// The `Accept` header (default `application/vnd.github.v3+json`).
    pub fn accept(mut self, media_type: impl Into<String>) -> RawRequest<T> {
        self.accept = Some(media_type.into());
        self
    }

    /// Sends a preview's media type in `Accept`, after any set before.
    pub fn preview(mut self, preview: Preview) -> RawRequest<T> {
        self.accept = Some(match self.accept.take() {
            Some(accept) => format!("{accept}, {}", preview.media_type),
            None => preview.media_type.to_owned(),
        });
        self
    }

    /// The JSON properties whose values errors must mask when they print
    /// a body of this request (for example `&["token"]`).
    pub fn secret_properties(mut self, properties: &'static [&'static str]) -> RawRequest<T> {
        self.secret_properties = properties;
        self
    }

    fn invalid(&self, reason: String) -> InvalidInput {
        InvalidInput { operation: RAW_ID, name: "path", reason }
    }
}

/// The operation id errors of raw requests name.
pub const RAW_ID: &str = "raw-request";

const EVERY_CREDENTIAL: &[CredentialKind] =
    &[CredentialKind::AppJwt, CredentialKind::InstallationToken, CredentialKind::OAuthAppBasic, CredentialKind::UserToken];

impl<T: DeserializeOwned + Send + 'static> Operation for RawRequest<T> {
    type Response = T;
    type Body = ();
    const ID: &'static str = RAW_ID;
    /// Unused: a raw request's method is per value ([`Operation::method`]).
    const METHOD: Method = Method::Get;
    const PATH_TEMPLATE: &'static str = "{raw}";
    const REQUIRED_PREVIEWS: &'static [Preview] = &[];
    const OPTIONAL_PREVIEWS: &'static [Preview] = &[];
    const SECURITY: Security = Security { anonymous: true, credentials: EVERY_CREDENTIAL };
    const DEPRECATION: Option<&'static str> = None;
    const DOCUMENTED_STATUSES: &'static [u16] = &[];
    const RETRY_SAFE: bool = false;
    const SECRET_PROPERTIES: &'static [&'static str] = &[];

    fn method(&self) -> Method {
        self.method
    }

    fn secret_properties(&self) -> &'static [&'static str] {
        self.secret_properties
    }

    fn path_template(&self) -> &str {
        &self.template
    }

    /// The template with each `{name}` replaced by its value, encoded as
    /// one segment; `""`, `.`, `..` and a placeholder without a value are
    /// refused.
    fn path(&self) -> Result<String, InvalidInput> {
        if !self.template.starts_with('/') {
            return Err(self.invalid(format!("the template {:?} must start with `/`", self.template)));
        }
        let mut path = String::with_capacity(self.template.len());
        let mut rest = self.template.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map(|close| open + close).ok_or_else(|| self.invalid("an unclosed `{` in the template".into()))?;
            path.push_str(&rest[..open]);
            let name = &rest[open + 1..close];
            let value = self.path.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v);
            let value = value.ok_or_else(|| self.invalid(format!("no value for `{{{name}}}`")))?;
            let segment = encode_path_segment(value);
            if matches!(segment.as_str(), "" | "." | "..") {
                return Err(self.invalid(format!("`{name}` must be one path segment, got {segment:?}")));
            }
            path.push_str(&segment);
            rest = &rest[close + 1..];
        }
        path.push_str(rest);
        Ok(path)
    }

    fn query(&self) -> Vec<crate::operation::QueryPair> {
        self.query.iter().map(|(name, value)| (std::borrow::Cow::Borrowed(*name), value.clone())).collect()
    }

    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        match &self.body {
            None => Ok(None),
            Some(Ok(bytes)) => Ok(Some(bytes.clone())),
            Some(Err(message)) => Err(<serde_json::Error as serde::ser::Error>::custom(message)),
        }
    }

    fn accept(&self) -> std::borrow::Cow<'static, str> {
        match &self.accept {
            Some(accept) => std::borrow::Cow::Owned(accept.clone()),
            None => std::borrow::Cow::Borrowed(DEFAULT_ACCEPT),
        }
    }

    fn decode(_status: u16, body: &[u8]) -> Option<Result<T, serde_json::Error>> {
        Some(decode_json(body))
    }
}

impl<K: ClientCredential, T> CallableWith<K> for RawRequest<T> {}

/// A list whose pages are JSON arrays.
impl<I: DeserializeOwned + Send + 'static> PaginatedOperation for RawRequest<Vec<I>> {
    type Item = I;
    const PAGINATION: Pagination = Pagination { link_header: true, items_property: None };
    fn take_items(response: &mut Vec<I>) -> Vec<I> {
        std::mem::take(response)
    }
}

/// A list of JSON values: a page that is an array, or an object wrapping
/// one (GitHub's `{"total_count": 2, "repositories": [...]}`), whose first
/// array property holds the items; the rest of the object stays.
impl PaginatedOperation for RawRequest<serde_json::Value> {
    type Item = serde_json::Value;
    const PAGINATION: Pagination = Pagination { link_header: true, items_property: None };
    fn take_items(response: &mut serde_json::Value) -> Vec<serde_json::Value> {
        match response {
            serde_json::Value::Array(items) => std::mem::take(items),
            serde_json::Value::Object(object) => object
                .values_mut()
                .find_map(|value| match value {
                    serde_json::Value::Array(items) => Some(std::mem::take(items)),
                    _ => None,
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_filled_segment_by_segment() {
        let request = RawRequest::<()>::get("/repos/{owner}/{repo}/issues").param("owner", "a/b").param("repo", "r");
        assert_eq!(request.path().unwrap(), "/repos/a%2Fb/r/issues");
        for bad in ["", ".", ".."] {
            let err = RawRequest::<()>::get("/apps/{slug}").param("slug", bad).path().unwrap_err();
            assert!(err.to_string().contains("must be one path segment"), "{err}");
        }
        let err = RawRequest::<()>::get("/apps/{slug}").path().unwrap_err();
        assert_eq!(err.to_string(), "invalid input `path` of raw-request: no value for `{slug}`");
        assert!(RawRequest::<()>::get("apps").path().is_err());
    }

    #[test]
    fn wrapped_lists_give_their_array() {
        let mut page = serde_json::json!({"total_count": 2, "repositories": [1, 2]});
        assert_eq!(RawRequest::<serde_json::Value>::take_items(&mut page), vec![serde_json::json!(1), serde_json::json!(2)]);
        assert_eq!(page["total_count"], 2);
    }

    #[test]
    fn debug_shows_no_values() {
        let request = RawRequest::<()>::get("/applications/{id}/tokens/{token}").param("token", "gho_secret").query("q", "gho_secret");
        assert!(!format!("{request:?}").contains("gho_secret"));
    }
}
