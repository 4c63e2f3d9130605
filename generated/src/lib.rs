//! A typed client for the GitHub Apps REST API.
//!
//! [`api`] is generated from the curated OpenAPI description in `spec/` by
//! `cargo xtask codegen`; [`runtime`] is the hand-written part it runs on.
//!
//! ```no_run
//! # async fn demo() -> Result<(), github_apps::Error> {
//! use futures::TryStreamExt;
//! use github_apps::{ClientBuilder, operations::apps};
//!
//! let pem = std::fs::read("my-app.private-key.pem").expect("the app's private key");
//! // For GitHub Enterprise: .base_url("https://ghe.example.com")
//! let app = ClientBuilder::new().app(12345, pem)?;
//! for installation in app.send(apps::ListInstallations::new()).await? {
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
//! Which credential an operation needs is checked at compile time; see
//! [`runtime::auth`].
#![deny(missing_docs)]

// Generated code names the runtime as `github_apps::runtime`, so the same
// output also compiles inside other crates (the fixture specs in tests/).
extern crate self as github_apps;

#[rustfmt::skip]
pub mod api;
pub mod runtime;

pub use api::{models, operations, previews};
pub use runtime::auth::{
    Anonymous, AppJwt, AuthError, CredentialKind, InstallationOptions, InstallationToken, OAuthAppBasic, Token, UserToken,
};
pub use runtime::clock::{Clock, ManualClock, SystemClock};
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
pub use runtime::secret::SecretString;
pub use runtime::timestamp::Timestamp;
