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
//!
//! # The credential is checked at compile time
//!
//! An operation can be sent only through a client whose credential its
//! `security` accepts. The app's own endpoints need the app JWT:
//!
//! ```compile_fail,E0277
//! # async fn demo(installation: github_apps::InstallationClient) {
//! use github_apps::operations::apps;
//! installation.send(apps::GetAuthenticated::new()).await;
//! # }
//! ```
//!
//! An installation's repositories need an installation token, not the JWT:
//!
//! ```compile_fail,E0277
//! # async fn demo(app: github_apps::AppClient) {
//! use github_apps::operations::apps;
//! app.send(apps::ListReposAccessibleToInstallation::new()).await;
//! # }
//! ```
//!
//! The OAuth Applications API needs the OAuth app's client id and secret,
//! so a user token cannot call it:
//!
//! ```compile_fail,E0277
//! # async fn demo(user: github_apps::UserClient) {
//! use github_apps::{models::CheckTokenRequest, operations::apps};
//! let body = CheckTokenRequest::new("gho_x");
//! user.send(apps::CheckToken::new("Iv1.8a61f9b3a7aba766", body)).await;
//! # }
//! ```
//!
//! and a user-token endpoint cannot be called by the app:
//!
//! ```compile_fail,E0277
//! # async fn demo(app: github_apps::AppClient) {
//! use github_apps::operations::apps;
//! app.send(apps::ListInstallationsForAuthenticatedUser::new()).await;
//! # }
//! ```
//!
//! Each of them compiles through the right client:
//!
//! ```no_run
//! # async fn demo(
//! #     app: github_apps::AppClient,
//! #     installation: github_apps::InstallationClient,
//! #     oauth: github_apps::OAuthAppClient,
//! #     user: github_apps::UserClient,
//! # ) -> github_apps::Result<()> {
//! use github_apps::{models::CheckTokenRequest, operations::apps};
//! installation.send(apps::ListReposAccessibleToInstallation::new()).await?;
//! app.send(apps::GetAuthenticated::new()).await?;
//! let body = CheckTokenRequest::new("gho_x");
//! oauth.send(apps::CheckToken::new("Iv1.8a61f9b3a7aba766", body)).await?;
//! user.send(apps::ListInstallationsForAuthenticatedUser::new()).await?;
//! # Ok(()) }
//! ```
//!
//! An operation that accepts several credentials (a public app by slug:
//! anonymous, installation token or user token) is callable from each, and
//! a client sends its credential only when the operation accepts it:
//!
//! ```
//! use github_apps::operations::apps;
//! use github_apps::{AnonymousClient, AppClient, InstallationClient, UserClient};
//!
//! async fn every_client_may_ask(
//!     anonymous: AnonymousClient,
//!     installation: InstallationClient,
//!     user: UserClient,
//!     app: AppClient,
//! ) -> github_apps::Result<()> {
//!     anonymous.send(apps::GetBySlug::new("octoapp")).await?;
//!     installation.send(apps::GetBySlug::new("octoapp")).await?;
//!     user.send(apps::GetBySlug::new("octoapp")).await?;
//!     // Anonymous access is allowed, so the app may call it too (without its JWT).
//!     app.send(apps::GetBySlug::new("octoapp")).await?;
//!     Ok(())
//! }
//! ```
#![deny(missing_docs)]

// Generated code names the runtime as `crate::runtime`: every crate that
// holds generated code (this one, the tests crate's fixture modules) has it.

#[rustfmt::skip]
pub mod api;

/// The runtime this crate's generated code runs on (the
/// `github-apps-runtime` crate), re-exported whole.
pub use github_apps_runtime as runtime;
pub use github_apps_runtime::*;

pub use api::{models, operations, previews};
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
