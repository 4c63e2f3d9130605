//! The hand-written runtime the generated operations run on: the client,
//! credentials, errors, rate limits and the [`Operation`](operation::Operation)
//! contract. Nothing in here is generated, and nothing in here names a
//! generated item: [`auth`] creates installation tokens with its own
//! hand-written create-installation-access-token operation.
//!
//! The modules form layers; each uses only modules of lower layers (the
//! `layers` test below reads their `use crate::runtime::...` lines):
//!
//! 0. [`operation`] (the contract, credential kinds and markers),
//!    [`secret`], [`clock`], [`timestamp`], [`serde_helpers`],
//!    [`rate_limit`], [`link`]: no runtime imports
//! 1. [`body`]: kept response bodies that mask secrets; [`trace`]: request
//!    spans; [`webhook`]:
//!    verifying webhook deliveries; [`raw`]: requests to any endpoint;
//!    [`cache`]: validators, conditional answers and the response cache
//! 2. [`error`]: every failure
//! 3. [`retry`]: retry policies and the sleeper (data and delay arithmetic)
//! 4. [`auth`]: credentials, JWT signing, installation tokens and their store
//! 5. [`client`]: the builder and the one request path, which applies the
//!    retry policies and credentials
//! 6. [`pagination`]: streams of pages on top of the client

pub mod auth;
pub mod body;
pub mod cache;
pub mod client;
pub mod clock;
pub mod error;
pub mod link;
pub mod operation;
pub mod pagination;
pub mod rate_limit;
pub mod raw;
pub mod retry;
pub mod secret;
pub mod serde_helpers;
pub mod timestamp;
pub mod trace;
pub mod webhook;

#[cfg(test)]
mod layers {
    /// Each module with its layer, in the order of the module doc.
    const LAYERS: &[(&str, u8, &str)] = &[
        ("operation", 0, include_str!("operation.rs")),
        ("secret", 0, include_str!("secret.rs")),
        ("clock", 0, include_str!("clock.rs")),
        ("timestamp", 0, include_str!("timestamp.rs")),
        ("serde_helpers", 0, include_str!("serde_helpers.rs")),
        ("rate_limit", 0, include_str!("rate_limit.rs")),
        ("link", 0, include_str!("link.rs")),
        ("trace", 1, include_str!("trace.rs")),
        ("body", 1, include_str!("body.rs")),
        ("webhook", 1, include_str!("webhook.rs")),
        ("raw", 1, include_str!("raw.rs")),
        ("cache", 1, include_str!("cache.rs")),
        ("error", 2, include_str!("error.rs")),
        ("retry", 3, include_str!("retry.rs")),
        ("auth", 4, include_str!("auth.rs")),
        ("client", 5, include_str!("client.rs")),
        ("pagination", 6, include_str!("pagination.rs")),
    ];

    fn layer(module: &str) -> Option<u8> {
        LAYERS.iter().find(|(name, _, _)| *name == module).map(|(_, layer, _)| *layer)
    }

    #[test]
    fn every_module_uses_only_lower_layers() {
        for (module, own, source) in LAYERS {
            for line in source.lines().map(str::trim).filter(|line| !line.starts_with("//")) {
                for (at, _) in line.match_indices("crate::runtime::") {
                    let used: String =
                        line[at + "crate::runtime::".len()..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    let used_layer = layer(&used).unwrap_or_else(|| panic!("{module} uses `{used}`, which has no layer"));
                    assert!(used_layer < *own || used == *module, "{module} (layer {own}) uses {used} (layer {used_layer}): {line}");
                }
            }
        }
    }

    #[test]
    fn every_module_has_a_layer() {
        let declared = include_str!("mod.rs").lines().filter_map(|line| line.strip_prefix("pub mod ")).count();
        assert_eq!(declared, LAYERS.len(), "a module of runtime/mod.rs is missing from LAYERS");
    }
}
