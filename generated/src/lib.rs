//! A typed client for the GitHub Apps REST API.
//!
//! [`api`] is generated from the curated OpenAPI description in `spec/` by
//! `cargo xtask codegen`; [`runtime`] is the hand-written part it runs on.
//!
//! ```no_run
//! # async fn demo() -> Result<(), github_apps::Error> {
//! use futures::TryStreamExt;
//! use github_apps::{ClientBuilder, operations::apps, prelude::*};
//!
//! let pem = std::fs::read("my-app.private-key.pem").expect("the app's private key");
//! // For GitHub Enterprise: .base_url("https://ghe.example.com")
//! let app = ClientBuilder::new().app(12345, pem)?;
//! // Every installation, across all pages (`.first_page()` for one page).
//! for installation in app.apps().list_installations().await? {
//!     // Tokens are created, cached and refreshed behind this client.
//!     let installation = app.installation(installation.id);
//!     let mut repos = installation.paginate(apps::ListReposAccessibleToInstallation::new());
//!     while let Some(repo) = repos.try_next().await? {
//!         println!("{}", repo.full_name);
//!     }
//! }
//! # Ok(()) }
//! ```
//!
//! Every operation is also a method of its group, taking the required
//! inputs (optional ones are set on the request type):
//!
//! ```no_run
//! # async fn demo(app: github_apps::AppClient) -> Result<(), github_apps::Error> {
//! use github_apps::prelude::*;
//!
//! let installation = app.apps().get_installation(42).await?;
//! if let Some(account) = &installation.account {
//!     println!("installed on {}", account.login);
//! }
//! # Ok(()) }
//! ```
//!
//! Which credential an operation needs is checked at compile time, for the
//! group methods as for `send`:
//!
//! ```compile_fail,E0277
//! # async fn demo(installation: github_apps::InstallationClient) -> Result<(), github_apps::Error> {
//! use github_apps::prelude::*;
//! // Needs the app JWT: an installation client cannot send it.
//! installation.apps().get_installation(42).await?;
//! # Ok(()) }
//! ```
//!
//! See [`runtime::auth`] for more.
#![deny(missing_docs)]

// Generated code names the runtime as `crate::runtime`: every crate that
// holds generated code (this one, the tests crate's fixture modules) has it.

#[rustfmt::skip]
pub mod api;
pub mod runtime;

pub use api::{models, operations, previews};
// The crates whose types the public API uses, so callers can name them
// (`github_apps::reqwest::header::HeaderMap`, `github_apps::time::OffsetDateTime`,
// `github_apps::url::Url`) without depending on matching versions themselves.
pub use {reqwest, time, url};
pub use runtime::auth::{
    InstallationOptions, MemoryTokenStore, OAuthAppCredentials, StoredToken, Token, TokenKey, TokenStore,
};
pub use runtime::error::AuthError;
pub use runtime::operation::{Anonymous, AppJwt, CredentialKind, InstallationToken, OAuthAppBasic, UserToken};
pub use runtime::clock::{Clock, ManualClock, SystemClock};
pub use runtime::client::{
    AnonymousClient, ApiResponse, AppClient, Client, ClientBuilder, InstallationClient, OAuthAppClient, UserClient,
};
pub use runtime::body::ResponseBody;
pub use runtime::cache::{Conditional, ResponseCache, Validators};
pub use runtime::error::{
    ApiError, ApiErrorKind, DecodeError, Error, InstallationTokenError, RateLimitKind, RateLimitedError,
    RedirectError, Result, UnexpectedResponse, ValidationErrorDetail, ValidationErrorObject, ValidationValue,
};
pub use runtime::link::{Link, Links};
pub use runtime::operation::{Operation, PaginatedOperation, Preview};
pub use runtime::pagination::{List, Page, Pages, Paginate};
pub use runtime::rate_limit::RateLimit;
pub use runtime::raw::RawRequest;
pub use runtime::retry::{RetryPolicy, SecondaryRateLimitPolicy, Sleeper, TokioSleeper};
pub use runtime::secret::SecretString;
pub use runtime::timestamp::Timestamp;
pub use runtime::webhook::{
    InstallationTarget, SignatureFormatError, WebhookDelivery, WebhookError, WebhookHeaders, WebhookVerifier,
};
pub use api::operations::OperationGroups;

// The crate README's Rust examples compile as doctests (it is packaged with the crate).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// What most programs need: `use github_apps::prelude::*;`.
pub mod prelude {
    pub use crate::api::operations::OperationGroups;
    pub use crate::{ClientBuilder, Error, Operation, PaginatedOperation};
}
