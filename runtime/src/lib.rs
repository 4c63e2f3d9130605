//! The runtime every crate the generator makes stands on: the client,
//! credentials, errors, rate limits, pagination, webhooks and the
//! [`Operation`] contract that generated request
//! types implement. Nothing in here is generated, and nothing in here names
//! a generated item: [`auth`] creates installation tokens with its own
//! hand-written create-installation-access-token operation, and
//! [`RawRequest`] reaches any endpoint.
//!
//! A generated crate re-exports this crate as its `runtime` module (its
//! code names `crate::runtime::...`) together with the items below.
//!
//! The modules form layers; each uses only modules of lower layers (the
//! `layers` test below reads their `use crate::...` lines):
//!
//! 0. [`secret`], [`clock`], [`timestamp`],
//!    [`rate_limit`], [`link`], [`object`] (what generated models'
//!    `Deserialize` impls call), [`string_enum`] (the impls generated
//!    string enums share), [`style`] (OpenAPI's parameter styles: how
//!    input values become query pairs, path segments and headers): no
//!    runtime imports
//! 1. [`operation`]: the contract (operation metadata, inputs, bodies and
//!    decoding), credential kinds and markers
//! 2. [`body`]: kept response bodies that mask secrets; [`trace`]: request
//!    spans; [`webhook`]:
//!    verifying webhook deliveries; [`raw`]: requests to any endpoint;
//!    [`cache`]: validators, conditional answers and the response cache;
//!    [`schemes`]: credentials for a description's own security schemes
//! 3. [`error`]: every failure
//! 4. [`retry`]: retry policies and the sleeper (data and delay arithmetic)
//! 5. [`auth`]: credentials, JWT signing, installation tokens and their store
//! 6. [`client`]: the builder and the one request path, which applies the
//!    retry policies and credentials
//! 7. [`pagination`]: streams of pages on top of the client; [`call`]: a
//!    request bound to a client, sent when awaited

#![deny(missing_docs)]

pub mod auth;
pub mod body;
pub mod cache;
pub mod call;
pub mod client;
pub mod clock;
pub mod error;
pub mod link;
pub mod object;
pub mod operation;
pub mod pagination;
pub mod rate_limit;
pub mod raw;
pub mod retry;
pub mod schemes;
pub mod secret;
pub mod string_enum;
pub mod style;
pub mod timestamp;
pub mod trace;
pub mod webhook;
#[cfg(any(test, feature = "test-util"))]
pub mod test_util;

// The crates whose types the public API uses, so callers can name them
// (`reqwest::header::HeaderMap`, `time::OffsetDateTime`, `url::Url`)
// without depending on matching versions themselves.
pub use {reqwest, time, url};
// For the macros generated code calls (`string_enum_impls!`, `object_param!`).
#[doc(hidden)]
pub use serde;
#[doc(hidden)]
pub use serde_json;

pub use auth::{InstallationOptions, MemoryTokenStore, OAuthAppCredentials, StoredToken, Token, TokenKey, TokenStore};
pub use body::ResponseBody;
pub use cache::{Conditional, ResponseCache, Validators};
pub use call::Call;
pub use client::{
    AnonymousClient, ApiFlavor, ApiResponse, AppClient, Client, ClientBuilder, InstallationClient, OAuthAppClient,
    SchemeClient, UserClient,
};
pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{
    ApiError, ApiErrorKind, AuthError, DecodeError, Error, InstallationTokenError, RateLimitKind, RateLimitedError,
    RedirectError, Result, UnexpectedResponse, ValidationErrorDetail, ValidationErrorObject, ValidationValue,
};
pub use link::{Link, Links};
pub use operation::{
    Anonymous, AppJwt, CredentialKind, InstallationToken, OAuthAppBasic, Operation, PaginatedOperation, Preview,
    Schemes, UserToken,
};
pub use schemes::SchemeCredentials;
pub use pagination::{List, Page, Pages, Paginate};
pub use rate_limit::RateLimit;
pub use raw::RawRequest;
pub use retry::{RetryPolicy, SecondaryRateLimitPolicy, Sleeper, TokioSleeper};
pub use secret::SecretString;
pub use timestamp::Timestamp;
pub use webhook::{InstallationTarget, SignatureFormatError, WebhookDelivery, WebhookError, WebhookHeaders, WebhookVerifier};

#[cfg(test)]
mod layers {
    /// Each module with its layer, in the order of the module doc.
    const LAYERS: &[(&str, u8, &str)] = &[
        ("operation", 1, include_str!("operation.rs")),
        ("secret", 0, include_str!("secret.rs")),
        ("clock", 0, include_str!("clock.rs")),
        ("timestamp", 0, include_str!("timestamp.rs")),
        ("rate_limit", 0, include_str!("rate_limit.rs")),
        ("link", 0, include_str!("link.rs")),
        ("string_enum", 0, include_str!("string_enum.rs")),
        ("style", 0, include_str!("style.rs")),
        ("object", 0, include_str!("object.rs")),
        ("trace", 2, include_str!("trace.rs")),
        ("test_util", 0, include_str!("test_util.rs")),
        ("body", 2, include_str!("body.rs")),
        ("webhook", 2, include_str!("webhook.rs")),
        ("raw", 2, include_str!("raw.rs")),
        ("cache", 2, include_str!("cache.rs")),
        ("schemes", 2, include_str!("schemes.rs")),
        ("error", 3, include_str!("error.rs")),
        ("retry", 4, include_str!("retry.rs")),
        ("auth", 5, include_str!("auth.rs")),
        ("client", 6, include_str!("client.rs")),
        ("pagination", 7, include_str!("pagination.rs")),
        ("call", 7, include_str!("call.rs")),
    ];

    fn layer(module: &str) -> Option<u8> {
        LAYERS.iter().find(|(name, _, _)| *name == module).map(|(_, layer, _)| *layer)
    }

    #[test]
    fn every_module_uses_only_lower_layers() {
        for (module, own, source) in LAYERS {
            for line in source.lines().map(str::trim).filter(|line| !line.starts_with("//")) {
                // `$crate::` in a macro names the crate root's re-exports.
                for (at, _) in line.match_indices("crate::").filter(|(at, _)| !line[..*at].ends_with('$')) {
                    let used: String =
                        line[at + "crate::".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    let used_layer = layer(&used).unwrap_or_else(|| panic!("{module} uses `{used}`, which has no layer"));
                    assert!(used_layer < *own || used == *module, "{module} (layer {own}) uses {used} (layer {used_layer}): {line}");
                }
            }
        }
    }

    #[test]
    fn every_module_has_a_layer() {
        let declared = include_str!("lib.rs").lines().filter_map(|line| line.strip_prefix("pub mod ")).count();
        assert_eq!(declared, LAYERS.len(), "a module of lib.rs is missing from LAYERS");
    }
}
