//! Emits the mock-server cases of a spec: per operation, the request its
//! examples make (path and required query inputs filled with sample values,
//! the request body's example) and the answer to serve (the first success
//! status and its example).
//!
//! The output is test support for the workspace's `operations_mock` test
//! (`tests/src/generated/github_apps_cases.rs`), which sends every case
//! through the generated client: adding an endpoint to the spec adds its
//! case, with no hand edit of a test. It names the harness's
//! `crate::cases::{Case, Clients}` and the client crate's operations.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::ident;
use crate::ir::{Api, CredentialKind, Operation, ParameterLocation, PathPart, Success, TypeRef};

/// The whole cases module: `pub fn cases() -> Vec<Case>`.
pub fn emit_cases(api: &Api) -> TokenStream {
    let cases = api.operations.iter().map(|operation| emit_case(api, operation));
    quote! {
        //! Mock-server cases, one per operation of the spec, from its examples.
        #![allow(deprecated, clippy::all)]
        use crate::cases::{Case, Clients};
        use futures::FutureExt;

        /// Every operation's case, in (group, name) order.
        pub fn cases() -> Vec<Case> {
            Vec::from([#(#cases),*])
        }
    }
}

/// A sample value for an input: its Rust expression and its wire text.
fn sample(ty: &TypeRef, api_name: &str) -> Option<(TokenStream, String)> {
    match ty {
        TypeRef::Integer => Some((quote!(42), "42".to_owned())),
        TypeRef::Number => Some((quote!(1.5), "1.5".to_owned())),
        TypeRef::Boolean => Some((quote!(true), "true".to_owned())),
        TypeRef::String => {
            let value = format!("{}-1", api_name.replace('_', "-"));
            Some((quote!(#value), value))
        }
        _ => None,
    }
}

/// The `Accept` the operation must send: its required previews' media
/// types, or GitHub's default.
fn expected_accept(api: &Api, operation: &Operation) -> String {
    let media_types: Vec<&str> = operation
        .previews
        .iter()
        .filter(|preview| preview.required)
        .filter_map(|preview| api.previews.iter().find(|p| p.api_name == preview.api_name))
        .map(|preview| preview.media_type.as_str())
        .collect();
    if media_types.is_empty() { "application/vnd.github.v3+json".to_owned() } else { media_types.join(", ") }
}

fn emit_case(api: &Api, operation: &Operation) -> TokenStream {
    let accept = expected_accept(api, operation);
    let id = &operation.id;
    let method = operation.method.variant().to_uppercase();
    let module = ident(&operation.module);
    let name = ident(&operation.type_name);

    let mut new_args = Vec::new();
    let mut path = String::new();
    let mut query = Vec::new();
    let mut unsupported = None;
    for part in &operation.path {
        match part {
            PathPart::Literal(text) => path.push_str(text),
            PathPart::Parameter(field) => {
                let parameter = operation.parameters.iter().find(|p| &p.name == field);
                match parameter.and_then(|p| sample(&p.ty, &p.api_name)) {
                    Some((_, text)) => path.push_str(&text),
                    None => unsupported = Some(format!("path parameter `{field}` has no sample value")),
                }
            }
        }
    }
    for parameter in operation.parameters.iter().filter(|p| p.required) {
        let Some((value, text)) = sample(&parameter.ty, &parameter.api_name) else {
            unsupported = Some(format!("parameter `{}` has no sample value", parameter.api_name));
            continue;
        };
        new_args.push(value);
        if parameter.location == ParameterLocation::Query {
            let api_name = &parameter.api_name;
            query.push(quote!((#api_name, #text)));
        }
    }
    let mut setters = Vec::new();
    let body = operation.body.as_ref().and_then(|body| {
        let example = body.example.as_ref()?.to_string();
        let value = quote!(serde_json::from_str(#example).expect("the spec's request example decodes"));
        if body.required {
            new_args.push(value);
        } else {
            setters.push(quote!(.body(#value)));
        }
        Some(example)
    });
    if operation.body.as_ref().is_some_and(|body| body.required && body.example.is_none()) {
        unsupported = Some("the required request body has no example".to_owned());
    }
    let body = option_str(body);

    let success = operation.responses.iter().find(|r| (200..300).contains(&r.status));
    let status = success.map_or(200, |r| r.status);
    let response = option_str(success.and_then(|r| r.example.as_ref()).map(ToString::to_string));
    // Only responses with `Serialize` bodies compare with the example.
    let comparable = matches!(operation.success, Success::Single { .. });

    let kind = operation.security.kinds.first().filter(|_| !operation.security.anonymous);
    let client = ident(kind.map_or("anonymous", |kind| client_method(*kind)));
    let credential = ident(kind.map_or("Anonymous", |kind| kind.variant()));
    let request = quote!(github_apps::operations::#module::#name::new(#(#new_args),*) #(#setters)*);
    let send = if comparable {
        quote! {
            |clients: &dyn Clients| {
                let client = clients.#client();
                async move {
                    let response = client.send(#request).await?;
                    Ok(serde_json::to_value(response).expect("responses serialize"))
                }
                .boxed()
            }
        }
    } else {
        quote! {
            |clients: &dyn Clients| {
                let client = clients.#client();
                async move { client.send(#request).await.map(|_| serde_json::Value::Null) }.boxed()
            }
        }
    };
    let unsupported = option_str(unsupported);
    quote! {
        Case {
            id: #id,
            method: #method,
            path: #path,
            query: &[#(#query),*],
            accept: #accept,
            body: #body,
            credential: crate::cases::Credential::#credential,
            status: #status,
            response: #response,
            compare_response: #comparable,
            unsupported: #unsupported,
            send: Box::new(#send),
        }
    }
}

/// The harness's `Clients` method that gives a client of credential `kind`.
fn client_method(kind: CredentialKind) -> &'static str {
    match kind {
        CredentialKind::AppJwt => "app",
        CredentialKind::InstallationToken => "installation",
        CredentialKind::OAuthAppBasic => "oauth_app",
        CredentialKind::UserToken => "user",
    }
}

fn option_str(value: Option<String>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}
