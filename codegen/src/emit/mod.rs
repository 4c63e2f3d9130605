//! Stage 3: one emitter per concern, each a function from the IR to tokens.
//!
//! Generated code names the runtime as `github_apps::runtime` and other
//! generated modules relatively, so one output compiles inside the
//! `github-apps` crate and, for fixture specs, inside the tests crate.

pub mod models;
pub mod operations;
pub mod previews;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::TypeRef;

/// `#[doc = "..."]` attributes for a text, one per line; nothing for `None`.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return TokenStream::new() };
    let lines = sanitize_doc(text);
    let lines = lines.iter().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") });
    quote! { #( #[doc = #lines] )* }
}

/// Makes spec prose safe as rustdoc: an untagged code fence would be
/// compiled as a doctest, so it is marked `text`.
fn sanitize_doc(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && info.trim().is_empty() {
                    return format!("{}```text", &line[..line.len() - trimmed.len()]);
                }
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// An identifier.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for a type reference; `models` is the path to the models module.
pub fn rust_type(ty: &TypeRef, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::DateTime => quote!(github_apps::runtime::timestamp::Timestamp),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Model(name) => {
            let name = ident(name);
            quote!(#models #name)
        }
        TypeRef::Array(item) => {
            let item = rust_type(item, models);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, models);
            quote!(std::collections::BTreeMap<String, #value>)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_fences_become_text() {
        let lines = sanitize_doc("Run:\n```\ncurl x\n```\n```json\n{}\n```");
        assert_eq!(lines, vec!["Run:", "```text", "curl x", "```", "```json", "{}", "```"]);
    }
}
