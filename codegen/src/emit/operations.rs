//! Emits `operations.rs`: per group a module, per operation a request type
//! with a constructor taking the required inputs, setters for the optional
//! ones, and its `Operation` (and, for lists, `PaginatedOperation`) impl,
//! plus `CallableWith` impls for the credentials its `security` accepts.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::{doc_attrs, ident, inner_doc_attrs, rust_type};
use crate::ir::{Api, ApiKeyLocation, CredentialKind, SchemeKind, Group, Operation, Parameter, ParameterLocation, ParameterStyle, Success, TypeRef};

/// The `operations` module: `operations/mod.rs` (the group modules, the
/// `OperationGroups` trait and `visit_operations`) and one
/// `operations/<group>.rs` per group, as `(path, tokens)`.
pub fn emit_operations(api: &Api, group_features: bool) -> Vec<(String, TokenStream)> {
    let mut files = vec![("operations/mod.rs".to_owned(), emit_operations_index(api, group_features))];
    for group in &api.groups {
        files.push((format!("operations/{}.rs", group.module), emit_group(api, group)));
    }
    files
}

/// `#[cfg(feature = "<the module's feature>")]` when groups are features.
fn feature_gate(group_features: bool, module: &str) -> Option<TokenStream> {
    let feature = crate::lower::group_feature(module);
    group_features.then(|| quote!(#[cfg(feature = #feature)]))
}

/// `operations/mod.rs`: the group modules, the accessor trait every client
/// implements, and the visitor over every operation type.
fn emit_operations_index(api: &Api, group_features: bool) -> TokenStream {
    let modules = api.groups.iter().map(|group| {
        let name = ident(&group.module);
        let cfg = feature_gate(group_features, &group.module);
        quote!(#cfg pub mod #name;)
    });
    let accessors: Vec<_> = api
        .groups
        .iter()
        .map(|group| {
            let module = &group.module;
            let name = ident(module);
            let api = ident(&group.api_type_name);
            let doc = format!(" The `{module}` operations.");
            let cfg = feature_gate(group_features, module);
            (
                quote!(#[doc = #doc] #cfg fn #name(&self) -> #name::#api<'_, K>;),
                quote!(#cfg fn #name(&self) -> #name::#api<'_, K> { #name::#api { client: self } }),
            )
        })
        .collect();
    let (declarations, definitions): (Vec<_>, Vec<_>) = accessors.into_iter().unzip();
    let visits = api.operations.iter().map(|operation| {
        let cfg = feature_gate(group_features, &operation.module);
        let module = ident(&operation.module);
        let name = ident(&operation.type_name);
        quote!(#cfg visitor.visit::<#module::#name>();)
    });
    quote! {
        //! Operations: one module per group, one request type per operation.
        //!
        //! Build a request with `new` (which takes every required input) and
        //! the setters, then hand it to `Client::send` or `Client::paginate`;
        //! or call the group's method: `client.apps().get_installation(42)`.
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
        // `visitor` is unused when the spec has no operations, or when no
        // group's feature is on.
        #[allow(deprecated, unused_variables)]
        pub fn visit_operations<V: crate::runtime::operation::OperationVisitor>(visitor: &mut V) {
            #(#visits)*
        }
    }
}

/// One group's file: its request types and the group holder with a method
/// per operation.
fn emit_group(api: &Api, group: &Group) -> TokenStream {
    let operations: Vec<&Operation> = group_operations(api, group).collect();
    let header = emit_group_header(group);
    let items = emit_operation_items(&operations);
    let holder = emit_group_holder(group, &operations);
    quote!(#header #items #holder)
}

/// The group's file as parts (see [`super::FileParts`]): the header with
/// the first `per_part` request types, the other request types
/// `per_part` at a time, then the group holder.
fn group_file_parts<'a>(api: &'a Api, group: &'a Group, per_part: usize) -> super::FileParts<'a> {
    let operations: Vec<&'a Operation> = group_operations(api, group).collect();
    let mut parts: Vec<super::Part<'a>> = Vec::new();
    let chunks: Vec<Vec<&'a Operation>> = operations.chunks(per_part.max(1)).map(<[_]>::to_vec).collect();
    if chunks.is_empty() {
        parts.push(Box::new(move || emit_group_header(group)));
    }
    for (index, chunk) in chunks.into_iter().enumerate() {
        parts.push(Box::new(move || {
            let header = (index == 0).then(|| emit_group_header(group));
            let items = emit_operation_items(&chunk);
            quote!(#header #items)
        }));
    }
    parts.push(Box::new(move || emit_group_holder(group, &operations)));
    super::FileParts { path: format!("operations/{}.rs", group.module), parts }
}

/// The `operations` module as parts: `mod.rs` whole, each group's file
/// `per_part` request types at a time.
pub fn operations_file_parts(api: &Api, group_features: bool, per_part: usize) -> Vec<super::FileParts<'_>> {
    let index: super::Part<'_> = Box::new(move || emit_operations_index(api, group_features));
    let mut files = vec![super::FileParts { path: "operations/mod.rs".to_owned(), parts: vec![index] }];
    files.extend(api.groups.iter().map(|group| group_file_parts(api, group, per_part)));
    files
}

fn group_operations<'a>(api: &'a Api, group: &'a Group) -> impl Iterator<Item = &'a Operation> {
    api.operations.iter().filter(move |operation| operation.module == group.module)
}

/// The group file's inner doc and imports.
fn emit_group_header(group: &Group) -> TokenStream {
    let module = group.module.as_str();
    let fallback = format!("Operations of the `{module}` group.");
    let doc = group.doc.as_deref().unwrap_or(&fallback);
    let doc = inner_doc_attrs(Some(doc));
    quote! {
        #doc
        #[allow(unused_imports)]
        use crate::runtime::operation::{
            ApiKeyLocation, BodyFormat, CallableWith, ClientCredential, CredentialKind, Method, Operation, PaginatedOperation,
            Pagination, Param, Preview, RequestBody, SchemeUse, Security,
        };
        #[allow(unused_imports)]
        use super::super::{models, previews};
    }
}

/// The request types of `operations`, in order.
fn emit_operation_items(operations: &[&Operation]) -> TokenStream {
    let items = operations.iter().map(|operation| emit_operation(operation));
    quote!(#(#items)*)
}

/// The group holder: a method per operation.
fn emit_group_holder(group: &Group, operations: &[&Operation]) -> TokenStream {
    let module = group.module.as_str();
    let methods = operations.iter().map(|operation| emit_method(operation));
    let api_type = ident(&group.api_type_name);
    let api_doc = format!(
        " The `{module}` operations as methods of a client: `client.{module}().<operation>(required inputs)`."
    );
    quote! {
        #[doc = #api_doc]
        ///
        /// Each method takes the operation's required inputs and returns the
        /// request bound to the client (a `Call`, or a `List` for list
        /// operations), sent when awaited; it can be awaited only from
        /// clients whose credential the operation accepts.
        pub struct #api_type<'a, K> {
            pub(super) client: &'a crate::runtime::client::Client<K>,
        }

        // Deprecated operations' methods are themselves deprecated;
        // the allowance covers their bodies, not their callers.
        #[allow(deprecated)]
        impl<'a, K: ClientCredential> #api_type<'a, K> {
            #(#methods)*
        }
    }
}

fn models_path() -> TokenStream {
    quote!(models::)
}

fn input_type(ty: &TypeRef) -> TokenStream {
    rust_type(ty, &models_path())
}

/// The group's method for an operation.
fn emit_method(operation: &Operation) -> TokenStream {
    let deprecated = operation.deprecation.as_ref().map(|note| quote!(#[deprecated(note = #note)]));
    let (new_args, call_args) = emit_required_args(operation);
    emit_group_method(operation, &deprecated, &new_args, &call_args)
}

/// The request type and its impls.
fn emit_operation(operation: &Operation) -> TokenStream {
    let name = ident(&operation.type_name);
    let doc = operation_doc(operation);
    let deprecated = operation.deprecation.as_ref().map(|note| quote!(#[deprecated(note = #note)]));
    let allow_deprecated = operation.deprecation.as_ref().map(|_| quote!(#[allow(deprecated)]));
    let Inputs { fields, new_args, new_inits, setters } = emit_inputs(operation);
    let (response_type, response_enum) = emit_success(operation, &models_path());
    let operation_impl = emit_operation_impl(operation, &response_type);
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
    quote! {
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
                Self { #(#new_inits)* }
            }
            #(#setters)*
        }

        #allow_deprecated
        #operation_impl

        #default_impl
        #paginated
        #callable
    }
}

/// The `Operation` impl: the operation's metadata as constants (those that
/// differ from the trait's defaults), among them `PARAMS` with the field
/// that holds each input, and its body. The runtime does the rest from that data.
fn emit_operation_impl(operation: &Operation, response_type: &TokenStream) -> TokenStream {
    let name = ident(&operation.type_name);
    let id = &operation.id;
    let method = ident(operation.method.variant());
    let path_template = &operation.path_template;
    let statuses = operation.responses.iter().map(|response| proc_macro2::Literal::u16_unsuffixed(response.status));
    let security = emit_security(operation);
    let schemes = emit_schemes(operation);
    let previews = emit_previews(operation);
    let deprecation = operation.deprecation.as_ref().map(|note| quote!(const DEPRECATION: Option<&'static str> = Some(#note);));
    let idempotent = operation.method.is_idempotent();
    let retry_safe = operation.retry_safe;
    let retry_safe = (retry_safe != idempotent).then(|| quote!(const RETRY_SAFE: bool = #retry_safe;));
    let secrets = &operation.secret_properties;
    let secrets = (!secrets.is_empty()).then(|| quote!(const SECRET_PROPERTIES: &'static [&'static str] = &[#(#secrets),*];));
    let params = emit_params(operation);
    let (body_type, request_body) = emit_request_body(operation);
    let response_format = emit_response_format(operation);
    let media = emit_media_types(operation);
    let opted_in = emit_opted_in(operation);
    let decode = emit_decode_override(operation);
    quote! {
        impl Operation for #name {
            type Response = #response_type;
            type Body = #body_type;
            const ID: &'static str = #id;
            const METHOD: Method = Method::#method;
            const PATH_TEMPLATE: &'static str = #path_template;
            #previews
            const SECURITY: Security = #security;
            #deprecation
            const DOCUMENTED_STATUSES: &'static [u16] = &[#(#statuses),*];
            #retry_safe
            #secrets
            #params
            #schemes
            #response_format
            #request_body
            #media
            #opted_in
            #decode
        }
    }
}

/// `Security::ANYONE`, or the operation's own credentials.
fn emit_security(operation: &Operation) -> TokenStream {
    let security = &operation.security;
    if security.anonymous && security.kinds == CredentialKind::ALL {
        return quote!(Security::ANYONE);
    }
    let anonymous = security.anonymous;
    let kinds = security.kinds.iter().map(|kind| {
        let kind = ident(kind.variant());
        quote!(CredentialKind::#kind)
    });
    quote!(Security { anonymous: #anonymous, credentials: &[#(#kinds),*] })
}

/// `SCHEMES`: the description's own security requirements, for operations
/// that have any.
fn emit_schemes(operation: &Operation) -> TokenStream {
    if operation.security.schemes.is_empty() {
        return quote!();
    }
    let requirements = operation.security.schemes.iter().map(|requirement| {
        let uses = requirement.iter().map(|scheme_use| {
            let scheme = &scheme_use.scheme;
            match &scheme_use.kind {
                SchemeKind::Bearer => quote!(SchemeUse::bearer(#scheme)),
                SchemeKind::Basic => quote!(SchemeUse::basic(#scheme)),
                SchemeKind::ApiKey { location, name } => {
                    let location = ident(match location {
                        ApiKeyLocation::Header => "Header",
                        ApiKeyLocation::Query => "Query",
                        ApiKeyLocation::Cookie => "Cookie",
                    });
                    quote!(SchemeUse::api_key(#scheme, ApiKeyLocation::#location, #name))
                }
            }
        });
        quote!(&[#(#uses),*])
    });
    quote!(const SCHEMES: &'static [&'static [SchemeUse]] = &[#(#requirements),*];)
}

/// `REQUIRED_PREVIEWS` and `OPTIONAL_PREVIEWS`, those that are not empty.
fn emit_previews(operation: &Operation) -> TokenStream {
    let list = |required: bool| {
        let names: Vec<_> = operation
            .previews
            .iter()
            .filter(|preview| preview.required == required)
            .map(|preview| {
                let name = ident(&preview.const_name);
                quote!(previews::#name)
            })
            .collect();
        (!names.is_empty()).then(|| quote!(&[#(#names),*]))
    };
    let required = list(true).map(|list| quote!(const REQUIRED_PREVIEWS: &'static [Preview] = #list;));
    let optional = list(false).map(|list| quote!(const OPTIONAL_PREVIEWS: &'static [Preview] = #list;));
    quote!(#required #optional)
}

/// `PARAMS`: each input's name, location and bounds, with the field that
/// holds its value, for operations with parameters.
fn emit_params(operation: &Operation) -> TokenStream {
    if operation.parameters.is_empty() {
        return quote!();
    }
    let params = operation.parameters.iter().map(|parameter| {
        let api_name = &parameter.api_name;
        let field = ident(&parameter.name);
        let constructor = ident(match parameter.location {
            ParameterLocation::Path => "path",
            ParameterLocation::Query => "query",
            ParameterLocation::Header => "header",
        });
        let bounded = (parameter.minimum.is_some() || parameter.maximum.is_some()).then(|| {
            let minimum = option_tokens(parameter.minimum);
            let maximum = option_tokens(parameter.maximum);
            quote!(.bounded(#minimum, #maximum))
        });
        let styled = (parameter.style != ParameterStyle::default_at(parameter.location)).then(|| {
            let style = ident(parameter.style.variant());
            quote!(.style(crate::runtime::operation::ParamStyle::#style))
        });
        if bounded.is_none() && styled.is_none() {
            return quote!(Param::#constructor(#api_name, |r| &r.#field));
        }
        // A method call gives its receiver no expected type: name it.
        quote!(Param::<Self>::#constructor(#api_name, |r| &r.#field) #bounded #styled)
    });
    quote!(const PARAMS: &'static [Param<Self>] = &[#(#params),*];)
}

/// `type Body` and `request_body()`: the body as JSON, text or bytes.
fn emit_request_body(operation: &Operation) -> (TokenStream, TokenStream) {
    let Some(body) = &operation.body else { return (quote!(()), quote!()) };
    let (body_type, variant, borrow) = match &body.ty {
        TypeRef::Text => (quote!(()), quote!(RequestBody::Text), quote!(as_deref)),
        TypeRef::Bytes => (quote!(()), quote!(RequestBody::Bytes), quote!(as_deref)),
        ty => (input_type(ty), quote!(RequestBody::Json), quote!(as_ref)),
    };
    let value = if body.required {
        quote!(#variant(&self.body))
    } else {
        quote!(self.body.#borrow().map_or(RequestBody::None, #variant))
    };
    let function = quote! {
        fn request_body(&self) -> RequestBody<'_, Self::Body> {
            #value
        }
    };
    (body_type, function)
}

/// `RESPONSE_FORMAT` for a success body that is text, bytes or absent.
fn emit_response_format(operation: &Operation) -> TokenStream {
    let format = match &operation.success {
        Success::Single { ty: None, .. } => "Empty",
        Success::Single { ty: Some(TypeRef::Text), .. } => "Text",
        Success::Single { ty: Some(TypeRef::Bytes), .. } => "Bytes",
        _ => return quote!(),
    };
    let format = ident(format);
    quote!(const RESPONSE_FORMAT: BodyFormat = BodyFormat::#format;)
}

/// `decode()` for an operation that documents no success status: no 2xx
/// has a body shape.
fn emit_decode_override(operation: &Operation) -> TokenStream {
    match &operation.success {
        Success::None => quote! {
            fn decode(_status: u16, _body: &[u8]) -> Option<Result<(), serde_json::Error>> {
                None
            }
        },
        _ => quote!(),
    }
}

/// The request type's rustdoc: summary, description, then method, path and id.
fn operation_doc(operation: &Operation) -> TokenStream {
    let mut doc = String::new();
    // An empty summary or description (GitHub's descriptions have many)
    // adds no paragraph.
    let paragraphs = [&operation.summary, &operation.description];
    for paragraph in paragraphs.into_iter().flatten().map(|text| text.trim()).filter(|text| !text.is_empty()) {
        doc.push_str(paragraph);
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

/// The request type's fields, `new`'s arguments, `new`'s initialisers and
/// the setters of optional inputs.
struct Inputs {
    fields: Vec<TokenStream>,
    new_args: Vec<TokenStream>,
    new_inits: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

/// `new`'s argument for a required parameter: secrets and strings take
/// anything that converts.
fn required_arg(parameter: &Parameter, field: &Ident, ty: &TokenStream) -> TokenStream {
    if parameter.secret {
        quote!(#field: impl Into<crate::runtime::secret::SecretString>)
    } else if parameter.ty == TypeRef::String {
        quote!(#field: impl Into<String>)
    } else {
        quote!(#field: #ty)
    }
}

/// Whether a parameter's argument is converted with `.into()`.
fn converted(parameter: &Parameter) -> bool {
    parameter.secret || parameter.ty == TypeRef::String
}

/// A parameter's field type (without the `Option` of optional ones).
fn parameter_type(parameter: &Parameter) -> TokenStream {
    if parameter.secret { quote!(crate::runtime::secret::SecretString) } else { input_type(&parameter.ty) }
}

/// `new`'s arguments and the group method's call of it: the required
/// inputs only (no setters, no docs).
fn emit_required_args(operation: &Operation) -> (Vec<TokenStream>, Vec<Ident>) {
    let mut new_args = Vec::new();
    let mut call_args = Vec::new();
    for parameter in operation.parameters.iter().filter(|parameter| parameter.required) {
        let field = ident(&parameter.name);
        new_args.push(required_arg(parameter, &field, &parameter_type(parameter)));
        call_args.push(field);
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        let ty = input_type(&body.ty);
        new_args.push(quote!(body: #ty));
        call_args.push(ident("body"));
    }
    (new_args, call_args)
}

/// Parameters, the body and opt-in previews as fields, `new` arguments and setters.
fn emit_inputs(operation: &Operation) -> Inputs {
    let (new_args, _) = emit_required_args(operation);
    let mut fields = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    for parameter in &operation.parameters {
        let field = ident(&parameter.name);
        let ty = parameter_type(parameter);
        let fallback = format!("The `{}` {} parameter.", parameter.api_name, location_word(parameter.location));
        let doc = doc_attrs(Some(parameter.doc.as_deref().unwrap_or(&fallback)));
        if parameter.required {
            fields.push(quote!(#field: #ty,));
            new_inits.push(if converted(parameter) { quote!(#field: #field.into(),) } else { quote!(#field,) });
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
            fields.push(quote!(body: #ty,));
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
    Inputs { fields, new_args, new_inits, setters }
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
                        previews.push(previews::#name);
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
        // A client holding scheme credentials may send what has schemes.
        let schemes = (!operation.security.schemes.is_empty()).then(|| {
            quote! {
                #allow_deprecated
                impl CallableWith<crate::runtime::operation::Schemes> for #name {}
            }
        });
        quote!(#(#impls)* #schemes)
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
/// operations, else a `Call`; either is sent when awaited. Neither needs a
/// bound here: the credential check is where it is awaited.
fn emit_group_method(
    operation: &Operation,
    deprecated: &Option<TokenStream>,
    new_args: &[TokenStream],
    call_args: &[Ident],
) -> TokenStream {
    let name = ident(&operation.type_name);
    let method_name = ident(&operation.method_name);
    let summary = doc_attrs(Some(operation.summary.as_deref().unwrap_or(&operation.id)));
    let (doc, (returned, bind)) = match &operation.pagination {
        // A list: awaiting it collects every page, so one page is a visible choice.
        Some(_) => (
            format!(
                " Every item of every page of [`{}`] when awaited; `.first_page()` for one page, \
                 `.stream()` to go item by item, `.configure(|request| ...)` to set optional inputs.",
                operation.type_name
            ),
            (quote!(crate::runtime::List), quote!(list)),
        ),
        None => (
            format!(" Sends [`{}`] when awaited; `.configure(|request| ...)` sets optional inputs.", operation.type_name),
            (quote!(crate::runtime::Call), quote!(call)),
        ),
    };
    quote! {
        #summary
        #[doc = ""]
        #[doc = #doc]
        #deprecated
        pub fn #method_name(&self, #(#new_args),*) -> #returned<'a, K, #name> {
            self.client.#bind(#name::new(#(#call_args),*))
        }
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

/// The response type and, for success statuses with different bodies, the
/// enum of them with its `DecodeResponse` impl.
///
/// With one success shape every 2xx decodes with it (the runtime decodes
/// only 2xx): GitHub's servers answer statuses their documents do not list.
/// With several shapes an unlisted 2xx has none (`None`).
/// The `Response` type alone (see [`emit_success`]).
fn emit_response_type(operation: &Operation, models: &TokenStream) -> TokenStream {
    match &operation.success {
        Success::Single { ty: Some(ty), .. } => rust_type(ty, models),
        Success::Single { ty: None, .. } | Success::None => quote!(()),
        Success::PerStatus { enum_name, .. } => {
            let enum_ident = ident(enum_name);
            quote!(#enum_ident)
        }
    }
}

fn emit_success(operation: &Operation, models: &TokenStream) -> (TokenStream, TokenStream) {
    let response_type = emit_response_type(operation, models);
    match &operation.success {
        Success::Single { .. } | Success::None => (response_type, quote!()),
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
                let format = ident(match ty {
                    Some(TypeRef::Text) => "Text",
                    Some(TypeRef::Bytes) => "Bytes",
                    _ => "Json",
                });
                match ty {
                    Some(_) => quote!(#status => Some(decode_in_format(BodyFormat::#format, body).map(#enum_ident::#variant)),),
                    None => quote!(#status => Some(Ok(#enum_ident::#variant)),),
                }
            });
            let body = if variants.iter().any(|(_, _, ty)| ty.is_some()) { ident("body") } else { ident("_body") };
            let definition = quote! {
                #[doc = #doc]
                #[derive(Debug, Clone, PartialEq)]
                pub enum #enum_ident {
                    #(#enum_variants)*
                }

                impl crate::runtime::operation::DecodeResponse for #enum_ident {
                    // Not a root of code generation: decoding (and that of
                    // every model the responses hold) is compiled where an
                    // operation is sent, not in this crate.
                    #[inline]
                    fn decode_response(_format: BodyFormat, status: u16, #body: &[u8]) -> Option<Result<Self, serde_json::Error>> {
                        #[allow(unused_imports)]
                        use crate::runtime::operation::decode_in_format;
                        match status {
                            #(#arms)*
                            _ => None,
                        }
                    }
                }
            };
            (response_type, definition)
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
        ParameterLocation::Header => "header",
    }
}
