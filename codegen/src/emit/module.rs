//! Emits `mod.rs` of the generated API: the title, the modules, and how to
//! reach the API: `BASE_URL` (the description's first server, its
//! variables at their defaults) and `client_builder()`, which is GitHub's
//! builder for GitHub's descriptions and a generic one on `BASE_URL` for
//! any other (see the runtime's `ApiFlavor`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Api, ApiFlavor};

/// The `mod.rs` tokens.
pub fn emit_api_module(api: &Api) -> TokenStream {
    let title = format!("{} (version {}): the code generated from the spec.", api.title, api.version);
    let base_url = api.base_url.as_ref().map(|url| {
        quote! {
            /// The API's base URL: the description's first server, its
            /// variables at their defaults.
            pub const BASE_URL: &str = #url;
        }
    });
    let builder = match (api.flavor, &api.base_url) {
        (ApiFlavor::GitHub, _) => quote! {
            /// A client builder for GitHub's API (api.github.com; set
            /// `base_url` for GitHub Enterprise).
            pub fn client_builder() -> crate::runtime::ClientBuilder {
                crate::runtime::ClientBuilder::new()
            }
        },
        (ApiFlavor::Generic, Some(_)) => quote! {
            /// A client builder for this API on [`BASE_URL`] (a relative
            /// server needs `base_url` with the full URL), with none of
            /// GitHub's conventions: the URL is used as written, and
            /// `Accept` is `application/json`.
            pub fn client_builder() -> crate::runtime::ClientBuilder {
                crate::runtime::ClientBuilder::generic(BASE_URL)
            }
        },
        (ApiFlavor::Generic, None) => quote! {
            /// A client builder for this API, whose description names no
            /// server: set `base_url`. None of GitHub's conventions apply:
            /// the URL is used as written, and `Accept` is `application/json`.
            pub fn client_builder() -> crate::runtime::ClientBuilder {
                crate::runtime::ClientBuilder::generic("")
            }
        },
    };
    quote! {
        #![doc = #title]
        pub mod models;
        pub mod operations;
        pub mod previews;

        #base_url
        #builder
    }
}
