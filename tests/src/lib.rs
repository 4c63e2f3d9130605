//! The workspace tests' support crate: the fixture specs' generated modules
//! live in `generated/` (written by `cargo xtask codegen`), so what the
//! snapshot tests pin also compiles.

#[rustfmt::skip]
#[allow(missing_docs)]
pub mod generated;
