//! The hand-written runtime the generated operations run on: the client,
//! credentials, errors, rate limits and the [`Operation`](operation::Operation)
//! contract. Nothing in here is generated, and nothing in here names an
//! operation except the one the credentials runtime needs itself:
//! [`auth`] creates installation tokens with
//! `apps::CreateInstallationAccessToken`.

pub mod auth;
pub mod body;
pub mod client;
pub mod clock;
pub mod error;
pub mod link;
pub mod operation;
pub mod pagination;
pub mod rate_limit;
pub mod retry;
pub mod secret;
pub mod serde_helpers;
pub mod timestamp;
