//! Emits `operations.rs`: per group a module, per operation a request type
//! with a constructor taking the required inputs, setters for the optional
//! ones, and its `Operation` (and, for lists, `PaginatedOperation`) impl,
//! plus `CallableWith` impls for the credentials its `security` accepts.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::{doc_attrs, ident, rust_type};
use crate::ir::{Api, Operation, Parameter, ParameterLocation, PathPart, Success, TypeRef};

/// The whole `operations` module.
pub fn emit_operations(api: &Api, group_features: bool) -> TokenStream {
    // With group features, each group compiles only with its Cargo feature.
    let gate = |module: &str| group_features.then(|| quote!(#[cfg(feature = #module)]));
    let modules = api.groups.iter().map(|group| {
        let module = group.module.as_str();
        let name = ident(module);
        let cfg = gate(module);
        let fallback = format!("Operations of the `{module}` group.");
        let doc = doc_attrs(Some(group.doc.as_deref().unwrap_or(&fallback)));
        let operations = api.operations.iter().filter(|operation| operation.module == module);
        let (operations, methods): (Vec<_>, Vec<_>) = operations.map(emit_operation).unzip();
        let api = ident(&group.api_type_name);
        let api_doc = format!(
            " The `{module}` operations as methods of a client: `client.{module}().<operation>(required inputs)`."
        );
        quote! {
            #doc
            #cfg
            pub mod #name {
                #[allow(unused_imports)]
                use crate::runtime::operation::{
                    CallableWith, ClientCredential, CredentialKind, Method, Operation, PaginatedOperation, Pagination,
                    Preview, Security,
                };
                #(#operations)*

                #[doc = #api_doc]
                ///
                /// Each method takes the operation's required inputs and is
                /// callable only from clients whose credential the operation accepts.
                pub struct #api<'a, K> {
                    pub(super) client: &'a crate::runtime::client::Client<K>,
                }

                // Deprecated operations' methods are themselves deprecated;
                // the allowance covers their bodies, not their callers.
                #[allow(deprecated)]
                impl<'a, K: ClientCredential> #api<'a, K> {
                    #(#methods)*
                }
            }
        }
    });
    let accessors: Vec<_> = api
        .groups
        .iter()
        .map(|group| {
            let module = &group.module;
            let name = ident(module);
            let api = ident(&group.api_type_name);
            let doc = format!(" The `{module}` operations.");
            let cfg = gate(module);
            (
                quote!(#[doc = #doc] #cfg fn #name(&self) -> #name::#api<'_, K>;),
                quote!(#cfg fn #name(&self) -> #name::#api<'_, K> { #name::#api { client: self } }),
            )
        })
        .collect();
    let (declarations, definitions): (Vec<_>, Vec<_>) = accessors.into_iter().unzip();
    let visits = api.operations.iter().map(|operation| {
        let cfg = gate(&operation.module);
        let module = ident(&operation.module);
        let name = ident(&operation.type_name);
        quote!(#cfg visitor.visit::<#module::#name>();)
    });
    quote! {
        //! Operations: one request type per operation of the spec.
        //!
        //! Build a request with `new` (which takes every required input) and
        //! the setters, then hand it to `Client::send` or `Client::paginate`.
        #(#modules)*

        /// Every operation group as a method of every client:
        /// `use` this trait, then `client.apps().get_installation(42).await`.
        pub trait OperationGroups<K> {
            #(#declarations)*
        }

        impl<K: crate::runtime::operation::ClientCredential> OperationGroups<K> for crate::runtime::client::Client<K> {
            #(#definitions)*
        }

        /// Calls `visitor.visit::<O>()` for every operation type of the spec,
        /// in (group, name) order: for code that works on every operation's
        /// metadata, such as tests driven by it.
        #[allow(deprecated)]
        pub fn visit_operations<V: crate::runtime::operation::OperationVisitor>(visitor: &mut V) {
            #(#visits)*
        }
    }
}

fn models_path() -> TokenStream {
    quote!(super::super::models::)
}

fn input_type(ty: &TypeRef) -> TokenStream {
    rust_type(ty, &models_path())
}

/// The request type and its impls, and the group's method for it.
fn emit_operation(operation: &Operation) -> (TokenStream, TokenStream) {
    let name = ident(&operation.type_name);
    let id = &operation.id;
    let models = models_path();
    let doc = operation_doc(operation);
    let deprecated = operation.deprecation.as_ref().map(|note| quote!(#[deprecated(note = #note)]));
    let allow_deprecated = operation.deprecation.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let Inputs { fields, new_args, call_args, new_inits, setters } = emit_inputs(operation);

    // Operation impl pieces.
    let method = ident(operation.method.variant());
    let path_template = &operation.path_template;
    let preview_list = |required: bool| {
        let names = operation.previews.iter().filter(|p| p.required == required).map(|p| {
            let name = ident(&p.const_name);
            quote!(super::super::previews::#name)
        });
        quote!(&[#(#names),*])
    };
    let required_previews = preview_list(true);
    let optional_previews = preview_list(false);
    let anonymous = operation.security.anonymous;
    let kinds = operation.security.kinds.iter().map(|kind| {
        let kind = ident(kind.variant());
        quote!(CredentialKind::#kind)
    });
    let deprecation = match &operation.deprecation {
        Some(note) => quote!(Some(#note)),
        None => quote!(None),
    };
    let statuses = operation.responses.iter().map(|response| proc_macro2::Literal::u16_unsuffixed(response.status));
    let retry_safe = operation.retry_safe;

    let path = emit_path(operation);
    let secret_properties = &operation.secret_properties;
    let query = emit_query(operation);
    let body = emit_body(operation);
    let media = emit_media_types(operation);
    let opted_in = emit_opted_in(operation);
    let validate = emit_validate(operation);
    let (response_type, decode, response_enum) = emit_success(operation, &models);
    let callable = emit_callable(operation, &name, &allow_deprecated);
    let paginated = emit_paginated(operation, &name, &allow_deprecated);
    let new_doc = if new_args.is_empty() { " Creates the request." } else { " Creates the request with its required inputs." };
    // `new()` without arguments gets the `Default` clippy expects.
    let default_impl = new_args.is_empty().then(|| {
        quote! {
            #allow_deprecated
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    let group_method = emit_group_method(operation, &deprecated, &new_args, &call_args, &response_type);
    let items = quote! {
        #doc
        #deprecated
        #[derive(Debug, Clone, PartialEq)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct #name {
            #(#fields)*
        }

        #response_enum

        #allow_deprecated
        impl #name {
            #[doc = #new_doc]
            pub fn new(#(#new_args),*) -> Self {
                #name { #(#new_inits)* }
            }
            #(#setters)*
        }

        #allow_deprecated
        impl Operation for #name {
            type Response = #response_type;
            const ID: &'static str = #id;
            const METHOD: Method = Method::#method;
            const PATH_TEMPLATE: &'static str = #path_template;
            const REQUIRED_PREVIEWS: &'static [Preview] = #required_previews;
            const OPTIONAL_PREVIEWS: &'static [Preview] = #optional_previews;
            const SECURITY: Security = Security { anonymous: #anonymous, credentials: &[#(#kinds),*] };
            const DEPRECATION: Option<&'static str> = #deprecation;
            const DOCUMENTED_STATUSES: &'static [u16] = &[#(#statuses),*];
            const RETRY_SAFE: bool = #retry_safe;
            const SECRET_PROPERTIES: &'static [&'static str] = &[#(#secret_properties),*];

            #path

            fn query(&self) -> Vec<(&'static str, String)> {
                #query
            }

            fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
                #body
            }

            #media
            #opted_in
            #validate
            #decode
        }

        #default_impl
        #paginated
        #callable
    };
    (items, group_method)
}

/// The request type's rustdoc: summary, description, then method, path and id.
fn operation_doc(operation: &Operation) -> TokenStream {
    let mut doc = String::new();
    if let Some(summary) = &operation.summary {
        doc.push_str(summary.trim());
        doc.push_str("\n\n");
    }
    if let Some(description) = &operation.description {
        doc.push_str(description.trim());
        doc.push_str("\n\n");
    }
    doc.push_str(&format!(
        "`{} {}` (`{}`)",
        operation.method.variant().to_uppercase(),
        operation.path_template,
        operation.id
    ));
    doc_attrs(Some(&doc))
}

/// The request type's fields, `new`'s arguments (and the group method's
/// call of it), `new`'s initialisers and the setters of optional inputs.
struct Inputs {
    fields: Vec<TokenStream>,
    new_args: Vec<TokenStream>,
    call_args: Vec<Ident>,
    new_inits: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

/// Parameters, the body and opt-in previews as fields, `new` arguments and setters.
fn emit_inputs(operation: &Operation) -> Inputs {
    let mut fields = Vec::new();
    let mut new_args = Vec::new();
    let mut call_args = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.name);
        let ty = if parameter.secret { quote!(crate::runtime::secret::SecretString) } else { input_type(&parameter.ty) };
        let fallback = format!("The `{}` {} parameter.", parameter.api_name, location_word(parameter.location));
        let doc = doc_attrs(Some(parameter.doc.as_deref().unwrap_or(&fallback)));
        if parameter.required {
            call_args.push(field.clone());
            fields.push(quote!(#field: #ty,));
            if parameter.secret {
                new_args.push(quote!(#field: impl Into<crate::runtime::secret::SecretString>));
                new_inits.push(quote!(#field: #field.into(),));
            } else if parameter.ty == TypeRef::String {
                new_args.push(quote!(#field: impl Into<String>));
                new_inits.push(quote!(#field: #field.into(),));
            } else {
                new_args.push(quote!(#field: #ty));
                new_inits.push(quote!(#field,));
            }
        } else {
            fields.push(quote!(#field: Option<#ty>,));
            new_inits.push(quote!(#field: None,));
            let (arg, value) = if parameter.secret {
                (quote!(impl Into<crate::runtime::secret::SecretString>), quote!(#field.into()))
            } else if parameter.ty == TypeRef::String {
                (quote!(impl Into<String>), quote!(#field.into()))
            } else {
                (ty.clone(), quote!(#field))
            };
            setters.push(quote! {
                #doc
                pub fn #field(mut self, #field: #arg) -> Self {
                    self.#field = Some(#value);
                    self
                }
            });
        }
    }
    if let Some(body) = &operation.body {
        let ty = input_type(&body.ty);
        if body.required {
            call_args.push(ident("body"));
            fields.push(quote!(body: #ty,));
            new_args.push(quote!(body: #ty));
            new_inits.push(quote!(body,));
        } else {
            fields.push(quote!(body: Option<#ty>,));
            new_inits.push(quote!(body: None,));
            let doc = doc_attrs(Some(body.doc.as_deref().unwrap_or("Sets the request body.")));
            setters.push(quote! {
                #doc
                pub fn body(mut self, body: #ty) -> Self {
                    self.body = Some(body);
                    self
                }
            });
        }
    }
    for preview in operation.previews.iter().filter(|p| !p.required) {
        let field = ident(&preview.field);
        let setter = ident(&format!("with_{}", preview.field));
        let text = format!(" Opts into the optional `{}` preview, which changes what the response contains.", preview.api_name);
        fields.push(quote!(#field: bool,));
        new_inits.push(quote!(#field: false,));
        setters.push(quote! {
            #[doc = #text]
            pub fn #setter(mut self) -> Self {
                self.#field = true;
                self
            }
        });
    }
    Inputs { fields, new_args, call_args, new_inits, setters }
}

/// `query()`'s body: one pair per query input (per item for arrays).
fn emit_query(operation: &Operation) -> TokenStream {
    let query_params: Vec<_> = operation.parameters.iter().filter(|p| p.location == ParameterLocation::Query).collect();
    // Required scalars are always sent: they start the vector (a `Vec::new()`
    // followed by pushes is what clippy's `vec_init_then_push` refuses).
    let always = |parameter: &&Parameter| parameter.required && !matches!(parameter.ty, TypeRef::Array(_));
    let first: Vec<TokenStream> = query_params.iter().take_while(|p| always(p)).map(|p| query_pair(p)).collect();
    let rest: Vec<TokenStream> = query_params.iter().skip(first.len()).map(|p| query_push(p)).collect();
    match (first.is_empty(), rest.is_empty()) {
        (true, true) => quote!(Vec::new()),
        (false, true) => quote!(vec![#(#first),*]),
        (true, false) => quote! {
            let mut query = Vec::new();
            #(#rest)*
            query
        },
        (false, false) => quote! {
            let mut query = vec![#(#first),*];
            #(#rest)*
            query
        },
    }
}

/// The `(name, value)` pair of a required scalar query input.
fn query_pair(parameter: &Parameter) -> TokenStream {
    let field = ident(&parameter.name);
    let api_name = &parameter.api_name;
    if parameter.secret {
        quote!((#api_name, self.#field.expose_secret().to_owned()))
    } else {
        quote!((#api_name, self.#field.to_string()))
    }
}

/// The statement that adds a query input that may be absent or repeated.
fn query_push(parameter: &Parameter) -> TokenStream {
    let field = ident(&parameter.name);
    let api_name = &parameter.api_name;
    let is_array = matches!(parameter.ty, TypeRef::Array(_));
    if parameter.secret {
        return if parameter.required {
            quote!(query.push((#api_name, self.#field.expose_secret().to_owned()));)
        } else {
            quote! {
                if let Some(value) = &self.#field {
                    query.push((#api_name, value.expose_secret().to_owned()));
                }
            }
        };
    }
    match (parameter.required, is_array) {
        (true, false) => quote!(query.push((#api_name, self.#field.to_string()));),
        (false, false) => quote! {
            if let Some(value) = &self.#field {
                query.push((#api_name, value.to_string()));
            }
        },
        (true, true) => quote! {
            for value in &self.#field {
                query.push((#api_name, value.to_string()));
            }
        },
        (false, true) => quote! {
            for value in self.#field.iter().flatten() {
                query.push((#api_name, value.to_string()));
            }
        },
    }
}

/// `opted_in_previews()`, for operations with opt-in previews.
fn emit_opted_in(operation: &Operation) -> TokenStream {
{
        let optional: Vec<_> = operation.previews.iter().filter(|p| !p.required).collect();
        if optional.is_empty() {
            quote!()
        } else {
            let pushes = optional.iter().map(|preview| {
                let field = ident(&preview.field);
                let name = ident(&preview.const_name);
                quote! {
                    if self.#field {
                        previews.push(super::super::previews::#name);
                    }
                }
            });
            quote! {
                fn opted_in_previews(&self) -> Vec<Preview> {
                    let mut previews = Vec::new();
                    #(#pushes)*
                    previews
                }
            }
        }
    }
}

/// `validate()`, for operations with bounded integer inputs.
fn emit_validate(operation: &Operation) -> TokenStream {
    let bounded: Vec<_> = operation
        .parameters
        .iter()
        .filter(|p| p.ty == TypeRef::Integer && (p.minimum.is_some() || p.maximum.is_some()))
        .collect();
    if bounded.is_empty() {
        quote!()
    } else {
        let checks = bounded.iter().map(|parameter| {
            let field = ident(&parameter.name);
            let api_name = &parameter.api_name;
            let minimum = option_tokens(parameter.minimum);
            let maximum = option_tokens(parameter.maximum);
            let check = quote! {
                crate::runtime::operation::check_integer_bounds(Self::ID, #api_name, value, #minimum, #maximum)?;
            };
            if parameter.required {
                quote!({ let value = self.#field; #check })
            } else {
                quote!(if let Some(value) = self.#field { #check })
            }
        });
        quote! {
            fn validate(&self) -> Result<(), crate::runtime::operation::InvalidInput> {
                #(#checks)*
                Ok(())
            }
        }
    }
}

/// The `CallableWith` impls: every client for an anonymous operation,
/// else one per accepted credential kind.
fn emit_callable(operation: &Operation, name: &Ident, allow_deprecated: &Option<TokenStream>) -> TokenStream {
    let anonymous = operation.security.anonymous;
    if anonymous {
        quote! {
            #allow_deprecated
            impl<K: ClientCredential> CallableWith<K> for #name {}
        }
    } else {
        let impls = operation.security.kinds.iter().map(|kind| {
            let kind = ident(kind.variant());
            quote! {
                #allow_deprecated
                impl CallableWith<crate::runtime::operation::#kind> for #name {}
            }
        });
        quote!(#(#impls)*)
    }
}

/// The `PaginatedOperation` impl, for list operations.
fn emit_paginated(operation: &Operation, name: &Ident, allow_deprecated: &Option<TokenStream>) -> Option<TokenStream> {
    let models = models_path();
    operation.pagination.as_ref().map(|pagination| {
        let item = rust_type(&pagination.item, &models);
        let (items_property, take) = match &pagination.items_property {
            Some((api_name, field)) => {
                let field = ident(field);
                (quote!(Some(#api_name)), quote!(std::mem::take(&mut response.#field)))
            }
            None => (quote!(None), quote!(std::mem::take(response))),
        };
        quote! {
            #allow_deprecated
            impl PaginatedOperation for #name {
                type Item = #item;
                const PAGINATION: Pagination = Pagination { link_header: true, items_property: #items_property };
                fn take_items(response: &mut Self::Response) -> Vec<Self::Item> {
                    #take
                }
            }
        }
    })
}

/// The group holder's method for the operation: a `List` for list
/// operations, else an `async fn` that sends it.
fn emit_group_method(
    operation: &Operation,
    deprecated: &Option<TokenStream>,
    new_args: &[TokenStream],
    call_args: &[Ident],
    response_type: &TokenStream,
) -> TokenStream {
    let name = ident(&operation.type_name);
    let method_name = ident(&operation.method_name);
    let summary = doc_attrs(Some(operation.summary.as_deref().unwrap_or(&operation.id)));
    let method_doc = format!(
        " Sends [`{}`]; build that type instead to set its optional inputs.",
        operation.type_name
    );
    match &operation.pagination {
        // A list: awaiting it collects every page, so one page is a visible choice.
        Some(_) => {
            let list_doc = " Every item of every page when awaited; `.first_page()` for one page, \
                 `.stream()` to go item by item, `.configure(|request| ...)` to set optional inputs.";
            quote! {
                #summary
                #[doc = ""]
                #[doc = #list_doc]
                #[doc = ""]
                #[doc = #method_doc]
                #deprecated
                pub fn #method_name(&self, #(#new_args),*) -> crate::runtime::pagination::List<'a, K, #name>
                where
                    #name: CallableWith<K>,
                {
                    crate::runtime::pagination::List::new(self.client, #name::new(#(#call_args),*))
                }
            }
        }
        None => quote! {
            #summary
            #[doc = ""]
            #[doc = #method_doc]
            #deprecated
            pub async fn #method_name(&self, #(#new_args),*) -> crate::runtime::error::Result<#response_type>
            where
                #name: CallableWith<K>,
            {
                self.client.send(#name::new(#(#call_args),*)).await
            }
        },
    }
}

/// `path()`: the runtime renders `PATH_TEMPLATE` with the path inputs in
/// template order (secrets exposed only to be encoded into the path).
fn emit_path(operation: &Operation) -> TokenStream {
    let values = operation.path.iter().filter_map(|part| match part {
        PathPart::Literal(_) => None,
        PathPart::Parameter(field) => {
            let secret = operation.parameters.iter().any(|p| &p.name == field && p.secret);
            let field = ident(field);
            Some(if secret { quote!(&self.#field.expose_secret()) } else { quote!(&self.#field) })
        }
    });
    quote! {
        fn path(&self) -> Result<String, crate::runtime::operation::InvalidInput> {
            crate::runtime::operation::render_path(Self::ID, Self::PATH_TEMPLATE, &[#(#values),*])
        }
    }
}

/// The runtime function that decodes a body of type `ty`.
fn decoder(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Text => quote!(crate::runtime::operation::decode_text),
        TypeRef::Bytes => quote!(crate::runtime::operation::decode_bytes),
        _ => quote!(crate::runtime::operation::decode_json),
    }
}

/// `body()`: JSON-encoded, or a text or binary body as its bytes.
fn emit_body(operation: &Operation) -> TokenStream {
    let Some(body) = &operation.body else { return quote!(Ok(None)) };
    match (&body.ty, body.required) {
        (TypeRef::Text, true) => quote!(Ok(Some(self.body.as_bytes().to_vec()))),
        (TypeRef::Text, false) => quote!(Ok(self.body.as_ref().map(|body| body.as_bytes().to_vec()))),
        (TypeRef::Bytes, true) => quote!(Ok(Some(self.body.clone()))),
        (TypeRef::Bytes, false) => quote!(Ok(self.body.clone())),
        (_, true) => quote!(serde_json::to_vec(&self.body).map(Some)),
        (_, false) => quote!(self.body.as_ref().map(serde_json::to_vec).transpose()),
    }
}

/// `content_type()` for a body that is not JSON, and `accept()` for a
/// success response that is not JSON; nothing otherwise (the runtime's
/// defaults: `application/json`, and the previews or GitHub's JSON type).
fn emit_media_types(operation: &Operation) -> TokenStream {
    let content_type = operation.body.as_ref().map(|body| &body.content_type).filter(|media| *media != "application/json");
    let content_type = content_type.map(|media| {
        quote! {
            fn content_type(&self) -> &'static str {
                #media
            }
        }
    });
    let accept = operation.response_media_type.as_ref().map(|media| {
        quote! {
            fn accept(&self) -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(#media)
            }
        }
    });
    quote!(#content_type #accept)
}

/// The response type, the `decode` function and, for success statuses with
/// different bodies, the enum of them.
///
/// With one success shape every 2xx decodes with it (the runtime calls
/// `decode` only for 2xx): GitHub's servers answer statuses their documents
/// do not list. With several shapes an unlisted 2xx has none (`None`).
fn emit_success(operation: &Operation, models: &TokenStream) -> (TokenStream, TokenStream, TokenStream) {
    let decode = |status: &str, body: &str, result: TokenStream| {
        let (status, body) = (ident(status), ident(body));
        quote! {
            fn decode(#status: u16, #body: &[u8]) -> Option<Result<Self::Response, serde_json::Error>> {
                #result
            }
        }
    };
    match &operation.success {
        Success::Single { statuses, .. } if statuses.is_empty() => (quote!(()), decode("_status", "_body", quote!(None)), quote!()),
        Success::Single { ty: Some(ty), .. } => {
            let decoder = decoder(ty);
            (rust_type(ty, models), decode("_status", "body", quote!(Some(#decoder(body)))), quote!())
        }
        Success::Single { ty: None, .. } => (quote!(()), decode("_status", "_body", quote!(Some(Ok(())))), quote!()),
        Success::PerStatus { enum_name, variants } => {
            let enum_ident = ident(enum_name);
            let doc = format!(" The success responses of [`{}`].", operation.type_name);
            let enum_variants = variants.iter().map(|(status, variant, ty)| {
                let variant = ident(variant);
                let doc = format!(" Status {status}.");
                match ty {
                    Some(ty) => {
                        let ty = rust_type(ty, models);
                        quote!(#[doc = #doc] #variant(#ty),)
                    }
                    None => quote!(#[doc = #doc] #variant,),
                }
            });
            let arms = variants.iter().map(|(status, variant, ty)| {
                let status = proc_macro2::Literal::u16_unsuffixed(*status);
                let variant = ident(variant);
                match ty {
                    Some(ty) => {
                        let decoder = decoder(ty);
                        quote!(#status => Some(#decoder(body).map(#enum_ident::#variant)),)
                    }
                    None => quote!(#status => Some(Ok(#enum_ident::#variant)),),
                }
            });
            let body = if variants.iter().any(|(_, _, ty)| ty.is_some()) { "body" } else { "_body" };
            let definition = quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #enum_ident {
                    #(#enum_variants)*
                }
            };
            (quote!(#enum_ident), decode("status", body, quote!(match status { #(#arms)* _ => None, })), definition)
        }
    }
}

fn option_tokens(value: Option<i64>) -> TokenStream {
    match value {
        Some(value) => quote!(Some(#value)),
        None => quote!(None),
    }
}

fn location_word(location: ParameterLocation) -> &'static str {
    match location {
        ParameterLocation::Path => "path",
        ParameterLocation::Query => "query",
    }
}
