//! The hand-written runtime the generated operations run on: the client,
//! credentials, errors, rate limits and the [`Operation`](operation::Operation)
//! contract. Nothing in here is generated; nothing in here names an operation.

pub mod auth;
pub mod client;
pub mod error;
pub mod link;
pub mod operation;
pub mod pagination;
pub mod rate_limit;
pub mod secret;
pub mod retry;
pub mod serde_helpers;
pub mod timestamp;
