//! Emits `previews.rs`: one constant per catalogued preview media type.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{doc_attrs, ident};
use crate::ir::Api;

/// The whole `previews` module.
pub fn emit_previews(api: &Api) -> TokenStream {
    let constants = api.previews.iter().map(|preview| {
        let name = ident(&preview.const_name);
        let api_name = &preview.api_name;
        let media_type = &preview.media_type;
        let summary = format!("The `{api_name}` preview: `{media_type}`.");
        let summary = doc_attrs(Some(&summary));
        let description = preview.description.as_deref().map(|text| {
            let text = doc_attrs(Some(text));
            quote!(#[doc = ""] #text)
        });
        quote! {
            #summary
            #description
            pub const #name: Preview = Preview { name: #api_name, media_type: #media_type };
        }
    });
    let all = api.previews.iter().map(|preview| ident(&preview.const_name));
    quote! {
        //! Preview media types: GitHub features that must be asked for in `Accept`.
        //!
        //! Each operation lists the previews it requires and the ones it can
        //! opt into; the client joins them into one `Accept` header.
        use crate::runtime::operation::Preview;

        #(#constants)*

        /// Every catalogued preview, ordered by name.
        pub const ALL: &[Preview] = &[#(#all),*];
    }
}
