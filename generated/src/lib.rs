//! A typed client for the GitHub Apps REST API.
//!
//! [`api`] is generated from the curated OpenAPI description in `spec/` by
//! `cargo xtask codegen`; [`runtime`] is the hand-written part it runs on.
//!
//! ```no_run
//! # async fn demo() -> Result<(), github_apps::Error> {
//! use github_apps::{ClientBuilder, operations::apps};
//!
//! let client = ClientBuilder::new().user_token("ghu_example").build_user()?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

// Generated code names the runtime as `github_apps::runtime`, so the same
// output also compiles inside other crates (the fixture specs in tests/).
extern crate self as github_apps;

#[rustfmt::skip]
pub mod api;
pub mod runtime;

pub use api::{models, operations, previews};
pub use runtime::auth::{Anonymous, AppJwt, CredentialKind, InstallationToken, OAuthAppBasic, Token, UserToken};
pub use runtime::client::{
    AnonymousClient, ApiResponse, AppClient, Client, ClientBuilder, InstallationClient, OAuthAppClient, UserClient,
};
pub use runtime::error::{
    ApiError, ApiErrorKind, DecodeError, Error, RateLimitKind, RateLimitedError, RedirectError, Result,
    UnexpectedResponse, ValidationErrorDetail, ValidationErrorObject, ValidationValue,
};
pub use runtime::link::{Link, Links};
pub use runtime::operation::{Operation, PaginatedOperation, Preview};
pub use runtime::pagination::{Page, Pages, Paginate};
pub use runtime::rate_limit::RateLimit;
pub use runtime::retry::{RetryPolicy, SecondaryRateLimitPolicy, Sleeper, TokioSleeper};
pub use runtime::timestamp::Timestamp;
