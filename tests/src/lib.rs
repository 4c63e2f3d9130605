//! The workspace tests' support crate: the fixture specs' generated modules
//! live in `generated/` (written by `cargo xtask codegen`), so what the
//! snapshot tests pin also compiles; so do the main spec's mock-server cases
//! (`generated/github_apps_cases.rs`), whose types are in [`cases`].

#[rustfmt::skip]
#[allow(missing_docs)]
pub mod generated;

/// Generated code names the runtime as `crate::runtime`, as in every crate
/// the generator makes.
pub use github_apps::runtime;

/// What the generated mock-server cases are made of.
pub mod cases {
    use futures::future::BoxFuture;
    use github_apps::{AnonymousClient, AppClient, Error, InstallationClient, OAuthAppClient, UserClient};

    /// The clients a case may send through, one per credential kind.
    pub trait Clients {
        /// A client authenticated as the app (JWT).
        fn app(&self) -> AppClient;
        /// A client holding an installation token.
        fn installation(&self) -> InstallationClient;
        /// A client holding a user token.
        fn user(&self) -> UserClient;
        /// A client authenticated as the OAuth app (Basic).
        fn oauth_app(&self) -> OAuthAppClient;
        /// A client without credentials.
        fn anonymous(&self) -> AnonymousClient;
    }

    /// The credential a case sends (the first its operation accepts).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Credential {
        /// An app JWT.
        AppJwt,
        /// An installation token.
        InstallationToken,
        /// HTTP Basic with the OAuth app's id and secret.
        OAuthAppBasic,
        /// A user token.
        UserToken,
        /// None.
        Anonymous,
    }

    /// Sends a case's request through the client of its credential and
    /// gives the decoded answer as JSON.
    pub type Send = Box<dyn for<'a> Fn(&'a dyn Clients) -> BoxFuture<'static, Result<serde_json::Value, Error>> + Sync>;

    /// One operation's request, from the spec's examples, and what the
    /// server must see and answer.
    pub struct Case {
        /// The operationId.
        pub id: &'static str,
        /// `GET`, `POST`, ...
        pub method: &'static str,
        /// The path under the API root, inputs filled in.
        pub path: &'static str,
        /// The query pairs the required inputs make.
        pub query: &'static [(&'static str, &'static str)],
        /// The `Accept` header.
        pub accept: &'static str,
        /// The JSON request body (the spec's example), if any.
        pub body: Option<&'static str>,
        /// The credential sent.
        pub credential: Credential,
        /// The status to answer (the first documented success).
        pub status: u16,
        /// The body to answer (that status's example), if any.
        pub response: Option<&'static str>,
        /// Whether the decoded answer can be compared with the example.
        pub compare_response: bool,
        /// Why the case could not be made from the spec, if it could not.
        pub unsupported: Option<&'static str>,
        /// Sends the request.
        pub send: Send,
    }
}
