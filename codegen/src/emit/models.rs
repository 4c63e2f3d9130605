//! Emits `models.rs`: serde structs, string enums with a fallback variant,
//! and type aliases.
//!
//! Structs and enums are `#[non_exhaustive]`, so a property or value the
//! spec adds later does not break callers. Callers build the objects they
//! send (request bodies and what they hold) with a constructor taking the
//! required properties and a setter per optional one.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::{doc_attrs, ident, rust_type};
use crate::ir::{AliasModel, Api, EnumModel, Field, Model, StructModel, Success, TypeRef, UnionModel};

/// The whole `models` module.
pub fn emit_models(api: &Api, options: &crate::Options) -> TokenStream {
    let plan = ModelsPlan::new(api, options);
    let header = plan.emit_header();
    let models: Vec<&Model> = api.models.values().collect();
    let items = plan.emit_items(&models);
    quote!(#header #items)
}

/// `models.rs` as parts of `per_part` models (see [`super::FileParts`]).
pub fn models_file_parts<'a>(plan: &'a ModelsPlan<'a>, per_part: usize) -> super::FileParts<'a> {
    let models: Vec<&'a Model> = plan.api.models.values().collect();
    let chunks: Vec<Vec<&'a Model>> = models.chunks(per_part.max(1)).map(<[_]>::to_vec).collect();
    let mut parts: Vec<super::Part<'a>> = vec![Box::new(|| plan.emit_header())];
    for chunk in chunks {
        parts.push(Box::new(move || plan.emit_items(&chunk)));
    }
    super::FileParts { path: "models.rs".to_owned(), parts }
}

/// What emitting any one model needs to know about all of them, worked
/// out once, so that the models can be emitted in parts, on several
/// threads, each part its own items.
pub struct ModelsPlan<'a> {
    api: &'a Api,
    options: &'a crate::Options,
    boxed: BTreeSet<(String, String)>,
    inputs: BTreeSet<&'a str>,
    outputs: BTreeSet<&'a str>,
    params: BTreeSet<&'a str>,
    groups: BTreeMap<&'a str, BTreeSet<&'a str>>,
}

impl<'a> ModelsPlan<'a> {
    /// Works out which fields are boxed, which models serde reads or
    /// writes, which are inputs, and (with group features) which groups
    /// use each.
    pub fn new(api: &'a Api, options: &'a crate::Options) -> ModelsPlan<'a> {
        let inputs = input_models(api);
        let outputs = output_models(api, &inputs);
        ModelsPlan {
            api,
            options,
            boxed: boxed_fields(&api.models),
            outputs,
            inputs,
            params: parameter_models(api),
            groups: if options.group_features { model_groups(api) } else { BTreeMap::new() },
        }
    }

    /// The module's inner documentation and attributes: the first part.
    pub fn emit_header(&self) -> TokenStream {
        let directions = self.options.serde_as_used.then(|| {
            quote! {
                //!
                //! Each derives serde only in the directions the operations use it:
                //! `Deserialize` for what responses hold, `Serialize` for what
                //! request bodies hold.
            }
        });
        quote! {
            //! Models: the schemas of the spec as Rust types.
            #directions
            //!
            //! Properties are documented where the spec describes them. An
            //! optional property is an `Option` (`None`: absent), a required
            //! nullable one too (`None`: `null`), and an optional nullable one
            //! an `Option<Option<_>>` (`Some(None)`: `null`).
            #![allow(missing_docs)]
        }
    }

    /// The items of `models`, in order.
    pub fn emit_items(&self, models: &[&Model]) -> TokenStream {
        let items = models.iter().map(|model| self.emit_model(model));
        quote!(#(#items)*)
    }

    /// One model's items, gated by the groups that use it.
    fn emit_model(&self, model: &Model) -> TokenStream {
        let name = model.name();
        let direction = match self.options.serde_as_used {
            true => Direction { serialize: self.inputs.contains(name), deserialize: self.outputs.contains(name) },
            false => Direction { serialize: true, deserialize: true },
        };
        let items = match model {
            Model::Struct(model) => {
                let builder = self.inputs.contains(model.name.as_str()).then(|| emit_builder(model, &self.boxed));
                let definition = emit_struct(model, &self.boxed, direction);
                let param = self.params.contains(name).then(|| emit_object_param(&model.name));
                quote!(#definition #builder #param)
            }
            Model::Enum(model) => {
                let definition = emit_enum(model);
                let param = self.params.contains(name).then(|| emit_display_param(&model.name));
                quote!(#definition #param)
            }
            Model::Alias(model) => emit_alias(model),
            Model::Union(model) => {
                let definition = emit_union(model, &self.api.models, direction);
                let scalar = TypeRef::Model(model.name.clone()).is_scalar(&self.api.models);
                let param = self.params.contains(name).then(|| match scalar {
                    true => emit_display_param(&model.name),
                    false => emit_object_param(&model.name),
                });
                quote!(#definition #param)
            }
        };
        match self.groups.get(model.name()) {
            Some(modules) => gate_items(items, modules),
            None => items,
        }
    }
}

/// The serde directions a model needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Direction {
    /// Held by a request body.
    serialize: bool,
    /// Held by a response (or by nothing).
    deserialize: bool,
}

/// `DisplayParam` for a model used as a path, query or header input.
fn emit_display_param(name: &str) -> TokenStream {
    let name = ident(name);
    quote!(impl crate::runtime::operation::DisplayParam for #name {})
}

/// `ParamValue` for a model that serializes as an object (or, for unions,
/// sometimes does), used as a path, query or header input: the input's
/// style spells its members.
fn emit_object_param(name: &str) -> TokenStream {
    let name = ident(name);
    quote!(crate::runtime::object_param!(#name);)
}

/// The models operations' inputs name (path, query and header
/// parameters), through aliases.
fn parameter_models(api: &Api) -> BTreeSet<&str> {
    let mut pending: Vec<&TypeRef> = api.operations.iter().flat_map(|operation| &operation.parameters).map(|parameter| &parameter.ty).collect();
    let mut names = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
            TypeRef::Model(name) if names.insert(name.as_str()) => {
                if let Some(Model::Alias(alias)) = api.models.get(name) {
                    pending.push(&alias.ty);
                }
            }
            _ => {}
        }
    }
    names
}

/// The models that are decoded: those responses hold, and those no request
/// body holds (a model no operation reaches is decoded, like every
/// response), directly or through other models.
fn output_models<'a>(api: &'a Api, inputs: &BTreeSet<&str>) -> BTreeSet<&'a str> {
    let mut pending: Vec<&TypeRef> = Vec::new();
    for operation in &api.operations {
        pending.extend(operation.responses.iter().filter_map(|response| response.ty.as_ref()));
        if let Success::PerStatus { variants, .. } = &operation.success {
            pending.extend(variants.iter().filter_map(|(_, _, ty)| ty.as_ref()));
        }
        if let Success::Single { ty: Some(ty), .. } = &operation.success {
            pending.push(ty);
        }
    }
    // One walk from every root: walking from each unreached model apart
    // was quadratic on descriptions with thousands of schemas.
    let mut unreached = BTreeSet::new();
    for (name, model) in api.models.iter().filter(|(name, _)| !inputs.contains(name.as_str())) {
        unreached.insert(name.as_str());
        pending.extend(model.held_types());
    }
    let mut reached = reachable_models(api, pending);
    reached.extend(unreached);
    reached
}

fn emit_struct(model: &StructModel, boxed: &BTreeSet<(String, String)>, direction: Direction) -> TokenStream {
    let name = ident(&model.name);
    let fallback = format!("The `{}` object.", model.name);
    let doc = doc_attrs(Some(model.doc.as_deref().unwrap_or(&fallback)));
    let all_optional = model.fields.iter().all(|field| !field.required);
    let default = all_optional.then(|| quote!(Default,));
    let fields = model.fields.iter().map(|field| {
        let is_boxed = boxed.contains(&(model.name.clone(), field.name.clone()));
        emit_field(field, is_boxed, direction)
    });
    let additional = model.additional.as_ref().map(|(field, ty)| {
        let field = ident(field);
        let ty = rust_type(ty, &TokenStream::new());
        let flatten = direction.serialize.then(|| quote!(#[serde(flatten)]));
        quote! {
            /// The properties the spec does not declare, as sent.
            #flatten
            pub #field: std::collections::BTreeMap<String, #ty>,
        }
    });
    let serialize = direction.serialize.then(|| quote!(serde::Serialize,));
    let deserialize = direction.deserialize.then(|| emit_deserialize(model));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default #serialize)]
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #additional
        }
        #deserialize
    }
}

/// `Deserialize` through the runtime's `deserialize_object!`, which takes
/// each property by name (see the runtime's `object` module): several
/// times cheaper to compile than serde's derive, which dominates a large
/// crate's build, and a line or two per model. A field's wire name is
/// written only where it is not the field's name.
fn emit_deserialize(model: &StructModel) -> TokenStream {
    let name = ident(&model.name);
    let listed = |field: &Field| {
        let field_name = ident(&field.name);
        let api_name = &field.api_name;
        match field_name == *api_name {
            true => quote!(#field_name),
            false => quote!(#field_name = #api_name),
        }
    };
    // Optional and nullable: `Option<Option<_>>`, whose `null` is `Some(None)`.
    let nullable = |field: &&Field| !field.required && field.nullable;
    let fields = model.fields.iter().filter(|field| !nullable(field)).map(listed);
    let nullable_fields: Vec<TokenStream> = model.fields.iter().filter(nullable).map(listed).collect();
    let nullable = (!nullable_fields.is_empty()).then(|| quote!(nullable { #(#nullable_fields),* }));
    let rest = model.additional.as_ref().map(|(field, _)| {
        let field = ident(field);
        quote!(rest #field)
    });
    quote! {
        crate::runtime::deserialize_object!(#name { #(#fields),* } #nullable #rest);
    }
}

/// For each model, the groups whose operations reach it (through inputs,
/// bodies, responses and other models): it compiles when any of their
/// features is on. Models no operation reaches, and whatever they hold,
/// are not in the map: they compile with every set of features.
fn model_groups(api: &Api) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut groups: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for operation in &api.operations {
        let mut pending: Vec<&TypeRef> = operation.parameters.iter().map(|parameter| &parameter.ty).collect();
        pending.extend(operation.body.as_ref().map(|body| &body.ty));
        pending.extend(operation.responses.iter().filter_map(|response| response.ty.as_ref()));
        pending.extend(operation.pagination.as_ref().map(|pagination| &pagination.item));
        let mut seen = BTreeSet::new();
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
                TypeRef::Model(name) if seen.insert(name.as_str()) => {
                    groups.entry(name.as_str()).or_default().insert(operation.module.as_str());
                    pending.extend(api.models.get(name).into_iter().flat_map(Model::held_types));
                }
                _ => {}
            }
        }
    }
    // A model no operation reaches is compiled with every set of features,
    // and so is everything it holds (an inline shape merged into one of an
    // operation's, a component an operation also reaches).
    let held = api.models.values().filter(|model| !groups.contains_key(model.name())).flat_map(Model::held_types).collect();
    let ungated = reachable_models(api, held);
    groups.retain(|name, _| !ungated.contains(name));
    groups
}

/// Puts `#[cfg(any(feature = "group", ...))]` on every item of `items`.
fn gate_items(items: TokenStream, modules: &BTreeSet<&str>) -> TokenStream {
    let features = modules.iter().map(|module| crate::lower::group_feature(module));
    let cfg = quote!(#[cfg(any(#(feature = #features),*))]);
    let items = split_items(items).into_iter().map(|item| quote!(#cfg #item));
    quote!(#(#items)*)
}

/// The top-level items of `tokens`, without parsing them: an item ends
/// with a `{ ... }` block (and the `;` after it, if any) or a `;`. The
/// emitters' items are all of these forms; parsing every model with `syn`
/// here took a quarter of a large description's generation time.
fn split_items(tokens: TokenStream) -> Vec<TokenStream> {
    use proc_macro2::{Delimiter, TokenTree};
    let mut items = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        let ends = match &token {
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            TokenTree::Punct(punct) => punct.as_char() == ';',
            _ => false,
        };
        current.push(token);
        if ends {
            if let Some(TokenTree::Punct(punct)) = tokens.peek()
                && punct.as_char() == ';'
            {
                current.extend(tokens.next());
            }
            items.push(current.drain(..).collect());
        }
    }
    if !current.is_empty() {
        items.push(current.into_iter().collect());
    }
    items
}

/// The structs callers build: those request bodies and object inputs
/// (path, query and header parameters that are not scalars) can hold, by
/// name. They are serialized, so they derive `Serialize`.
fn input_models(api: &Api) -> BTreeSet<&str> {
    let bodies = api.operations.iter().filter_map(|operation| operation.body.as_ref()).map(|body| &body.ty);
    let objects = api
        .operations
        .iter()
        .flat_map(|operation| &operation.parameters)
        .map(|parameter| &parameter.ty)
        .filter(|ty| !ty.is_scalar(&api.models) && !matches!(ty, TypeRef::Array(item) if item.is_scalar(&api.models)));
    reachable_models(api, bodies.chain(objects).collect())
}

/// The models `pending` names, and every model they hold.
fn reachable_models<'a>(api: &'a Api, mut pending: Vec<&'a TypeRef>) -> BTreeSet<&'a str> {
    let mut reached = BTreeSet::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
            TypeRef::Model(name) if reached.insert(name.as_str()) => {
                pending.extend(api.models.get(name).into_iter().flat_map(Model::held_types));
            }
            _ => {}
        }
    }
    reached
}

/// `new` with the required properties, and a setter per optional one.
fn emit_builder(model: &StructModel, boxed: &BTreeSet<(String, String)>) -> TokenStream {
    let name = ident(&model.name);
    let mut arguments = Vec::new();
    let mut initializers = Vec::new();
    let mut setters = Vec::new();
    for field in &model.fields {
        let field_name = ident(&field.name);
        let is_boxed = boxed.contains(&(model.name.clone(), field.name.clone()));
        let (argument, value) =
            if field.nullable { nullable_argument(field, is_boxed) } else { argument_type(field, is_boxed) };
        if field.required {
            arguments.push(quote!(#field_name: #argument));
            if field_name == value.to_string() {
                initializers.push(quote!(#field_name,));
            } else {
                initializers.push(quote!(#field_name: #value,));
            }
        } else {
            initializers.push(quote!(#field_name: None,));
            let setter = ident(if field.name == "new" { "set_new" } else { &field.name });
            let doc = format!(" Sets `{}`.", field.api_name);
            setters.push(quote! {
                #[doc = #doc]
                pub fn #setter(mut self, #field_name: #argument) -> Self {
                    self.#field_name = Some(#value);
                    self
                }
            });
        }
    }
    let mut additional_setter = None;
    if let Some((field, ty)) = &model.additional {
        let field_name = ident(field);
        let ty = rust_type(ty, &TokenStream::new());
        initializers.push(quote!(#field_name: std::collections::BTreeMap::new(),));
        additional_setter = Some(quote! {
            /// Adds a property the spec does not declare.
            pub fn with_property(mut self, name: impl Into<String>, value: #ty) -> Self {
                self.#field_name.insert(name.into(), value);
                self
            }
        });
    }
    let new_doc = " Creates the object with its required properties; the setters add the others.";
    let allow_many = (arguments.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    quote! {
        impl #name {
            #[doc = #new_doc]
            #allow_many
            pub fn new(#(#arguments),*) -> Self {
                #name { #(#initializers)* }
            }
            #(#setters)*
            #additional_setter
        }
    }
}

/// The argument type a constructor or setter takes for `field`, and the
/// expression that stores an argument named like the field.
fn argument_type(field: &Field, boxed: bool) -> (TokenStream, TokenStream) {
    let name = ident(&field.name);
    if field.secret {
        return (quote!(impl Into<crate::runtime::secret::SecretString>), quote!(#name.into()));
    }
    let ty = rust_type(&field.ty, &TokenStream::new());
    match (&field.ty, boxed) {
        (_, true) => (ty, quote!(Box::new(#name))),
        (TypeRef::String, false) => (quote!(impl Into<String>), quote!(#name.into())),
        _ => (ty, quote!(#name)),
    }
}

/// For a nullable field: an `Option` of the field's own type (`None` sends
/// `null`), and how it is stored.
fn nullable_argument(field: &Field, boxed: bool) -> (TokenStream, TokenStream) {
    let name = ident(&field.name);
    let ty = if field.secret {
        quote!(crate::runtime::secret::SecretString)
    } else {
        rust_type(&field.ty, &TokenStream::new())
    };
    if boxed { (quote!(Option<#ty>), quote!(#name.map(Box::new))) } else { (quote!(Option<#ty>), quote!(#name)) }
}

fn emit_field(field: &Field, boxed: bool, direction: Direction) -> TokenStream {
    let name = ident(&field.name);
    let doc = doc_attrs(field.doc.as_deref());
    // A secret keeps its wire form (a JSON string) but not its `Debug`.
    let mut inner = if field.secret {
        quote!(crate::runtime::secret::SecretString)
    } else {
        rust_type(&field.ty, &TokenStream::new())
    };
    if boxed {
        inner = quote!(Box<#inner>);
    }
    let ty = match (field.required, field.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => quote!(Option<#inner>),
        (false, true) => quote!(Option<Option<#inner>>),
    };
    let attrs = serialize_field_attrs(field, direction);
    let secret = field.secret.then(|| {
        quote!(#[doc = ""] #[doc = " A secret: `Debug` and `Display` print `[REDACTED]`; `expose_secret()` reads it."])
    });
    quote! {
        #doc
        #secret
        #attrs
        pub #name: #ty,
    }
}

/// The serde attributes `Serialize` needs: the wire name, and `None` not
/// sent (an optional nullable field sends `Some(None)` as `null`).
fn serialize_field_attrs(field: &Field, direction: Direction) -> TokenStream {
    if !direction.serialize {
        return quote!();
    }
    let rename = (field.name != field.api_name).then(|| {
        let api_name = &field.api_name;
        quote!(#[serde(rename = #api_name)])
    });
    let skip = (!field.required).then(|| quote!(#[serde(skip_serializing_if = "Option::is_none")]));
    quote!(#rename #skip)
}

fn emit_enum(model: &EnumModel) -> TokenStream {
    let name = ident(&model.name);
    let fallback_doc = format!("The `{}` values.", model.name);
    let doc = doc_attrs(Some(model.doc.as_deref().unwrap_or(&fallback_doc)));
    let fallback = ident(&model.fallback);
    let variants = model.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let doc = format!(" `{}`", variant.api_name);
        quote!(#[doc = #doc] #variant_name,)
    });
    let values = model.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let value = &variant.api_name;
        quote!(#variant_name = #value)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the client does not know, kept as sent.
            #fallback(String),
        }

        // `as_str`, `From<&str>`, `From<String>`, `Display`, `Serialize`, `Deserialize`.
        crate::runtime::string_enum_impls!(#name, #fallback, { #(#values),* });
    }
}

/// A union: an enum with a variant per shape and a fallback keeping the raw
/// JSON. `Deserialize` is written out rather than `#[serde(untagged)]`,
/// which would take the first variant that decodes even when a later one
/// is more specific: the discriminator decides where there is one, else the
/// variants are tried most specific first, an object only as a variant
/// whose required properties it has.
fn emit_union(model: &UnionModel, models: &BTreeMap<String, Model>, direction: Direction) -> TokenStream {
    let name = ident(&model.name);
    let fallback_doc = format!("The `{}` shapes.", model.name);
    let doc = doc_attrs(Some(model.doc.as_deref().unwrap_or(&fallback_doc)));
    let fallback = ident(&model.fallback);
    let variants = model.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = rust_type(&variant.ty, &TokenStream::new());
        let doc = match &variant.ty {
            TypeRef::Model(model) => format!(" A [`{model}`]."),
            _ => format!(" A `{}`.", variant.name),
        };
        let tags = (!variant.tags.is_empty()).then(|| {
            let tags: Vec<String> = variant.tags.iter().map(|tag| format!("`{tag}`")).collect();
            let text = format!(" Chosen by `{}`: {}.", model.discriminator.as_deref().unwrap_or_default(), tags.join(", "));
            quote!(#[doc = ""] #[doc = #text])
        });
        quote!(#[doc = #doc] #tags #variant_name(#ty),)
    });
    let serialize_arms = model.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        quote!(#name::#variant_name(value) => value.serialize(serializer),)
    });
    let tagged = model.discriminator.as_ref().map(|property| {
        let name = &name;
        let arms = model.variants.iter().flat_map(|variant| {
            let variant_name = ident(&variant.name);
            let ty = rust_type(&variant.ty, &TokenStream::new());
            variant.tags.iter().map(move |tag| {
                quote! {
                    if tag == Some(#tag) {
                        return <#ty as serde::Deserialize>::deserialize(&value)
                            .map(#name::#variant_name)
                            .map_err(serde::de::Error::custom);
                    }
                }
            })
        });
        quote! {
            let tag = value.get(#property).and_then(serde_json::Value::as_str);
            #(#arms)*
        }
    });
    let by_shape = model.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let ty = rust_type(&variant.ty, &TokenStream::new());
        let shape = (!variant.required.is_empty()).then(|| {
            let required = &variant.required;
            quote!(has_properties(&[#(#required),*]) &&)
        });
        quote! {
            if #shape let Ok(inner) = <#ty as serde::Deserialize>::deserialize(&value) {
                return Ok(#name::#variant_name(inner));
            }
        }
    });
    let any_required = model.variants.iter().any(|variant| !variant.required.is_empty());
    let has_properties = any_required.then(|| {
        quote! {
            let has_properties = |names: &[&str]| {
                value.as_object().is_some_and(|object| names.iter().all(|name| object.contains_key(*name)))
            };
        }
    });
    let display = model.variants.iter().all(|variant| variant.ty.is_scalar(models)).then(|| {
        let arms = model.variants.iter().map(|variant| {
            let variant_name = ident(&variant.name);
            quote!(#name::#variant_name(value) => value.fmt(f),)
        });
        quote! {
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    match self {
                        #(#arms)*
                        #name::#fallback(value) => value.fmt(f),
                    }
                }
            }
        }
    });
    let serialize = direction.serialize.then(|| {
        quote! {
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    match self {
                        #(#serialize_arms)*
                        #name::#fallback(value) => value.serialize(serializer),
                    }
                }
            }
        }
    });
    let deserialize = direction.deserialize.then(|| {
        quote! {
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    let value = <serde_json::Value as serde::Deserialize<'de>>::deserialize(deserializer)?;
                    #tagged
                    #has_properties
                    #(#by_shape)*
                    Ok(#name::#fallback(value))
                }
            }
        }
    });
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value none of the shapes matched, kept as sent.
            #fallback(serde_json::Value),
        }

        #serialize
        #deserialize
        #display
    }
}

fn emit_alias(model: &AliasModel) -> TokenStream {
    let name = ident(&model.name);
    let fallback = format!("The `{}` schema.", model.name);
    let doc = doc_attrs(Some(model.doc.as_deref().unwrap_or(&fallback)));
    let ty = rust_type(&model.ty, &TokenStream::new());
    quote! {
        #doc
        pub type #name = #ty;
    }
}

/// The model a type holds by value (not behind a `Vec` or map), if any.
fn direct_model(ty: &TypeRef) -> Option<&str> {
    match ty {
        TypeRef::Model(name) => Some(name),
        _ => None,
    }
}

/// `(struct, field)` pairs that must be boxed because the field's type
/// contains the struct by value (a cycle would have infinite size).
fn boxed_fields(models: &BTreeMap<String, crate::ir::Model>) -> BTreeSet<(String, String)> {
    // Edges of the "contains by value" graph, through aliases.
    let by_value = |name: &str| -> Vec<String> {
        match models.get(name) {
            Some(Model::Struct(model)) => {
                model.fields.iter().filter_map(|f| direct_model(&f.ty).map(str::to_owned)).collect()
            }
            Some(Model::Alias(alias)) => direct_model(&alias.ty).map(str::to_owned).into_iter().collect(),
            Some(Model::Union(union)) => {
                union.variants.iter().filter_map(|v| direct_model(&v.ty).map(str::to_owned)).collect()
            }
            _ => Vec::new(),
        }
    };
    let reaches = |from: &str, target: &str| -> bool {
        let mut stack = vec![from.to_owned()];
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if name == target {
                return true;
            }
            if seen.insert(name.clone()) {
                stack.extend(by_value(&name));
            }
        }
        false
    };
    let mut boxed = BTreeSet::new();
    for model in models.values() {
        if let Model::Struct(model) = model {
            for field in &model.fields {
                if let Some(target) = direct_model(&field.ty)
                    && reaches(target, &model.name)
                {
                    boxed.insert((model.name.clone(), field.name.clone()));
                }
            }
        }
    }
    boxed
}

#[cfg(test)]
mod tests {
    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: secret fixture, version: "1"}
paths:
  /keys/{name}:
    get:
      operationId: keys/get-key
      summary: Get a key
      description: Gets a key.
      tags: [keys]
      security: []
      parameters:
        - {name: name, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/key'}
components:
  schemas:
    key:
      type: object
      required: [id, token]
      properties:
        id: {type: integer}
        token: {type: string, x-github-secret: true}
        webhook_secret: {type: string, nullable: true, x-github-secret: true}
        public: {type: string, x-github-secret: false}
"#;

    fn models(spec: &str) -> Result<String, crate::SpecErrors> {
        let files = crate::generate("secret.yaml", spec)?;
        Ok(files.into_iter().find(|file| file.path == "models.rs").expect("models.rs is generated").contents)
    }

    #[test]
    fn what_an_unreached_model_holds_is_decodable_too() {
        // `Loose` is reached by no operation, so it is decoded; it holds
        // `Shared`, which the request body also holds (so it is encoded).
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    post:
      operationId: things/create
      requestBody:
        content:
          application/json:
            schema: {type: object, properties: {shared: {$ref: '#/components/schemas/shared'}}}
      responses:
        "204": {description: Done}
components:
  schemas:
    shared: {type: object, properties: {id: {type: integer}}}
    loose: {type: object, properties: {shared: {$ref: '#/components/schemas/shared'}}}
"#;
        let options = crate::Options::with_profile(crate::Profile::Description).serde_as_used(true);
        let files = crate::generate_with("t.yaml", spec, &options).unwrap();
        let models = &files.iter().find(|file| file.path == "models.rs").unwrap().contents;
        let decodes = |name: &str| models.contains(&format!("crate::runtime::deserialize_object!({name} {{"));
        for decoded in ["Loose", "Shared"] {
            assert!(decodes(decoded), "{decoded}: {models}");
        }
        assert!(!decodes("CreateRequest"), "{models}");
    }

    #[test]
    fn what_an_unreached_model_holds_compiles_with_every_feature() {
        // `Loose` is reached by no operation, so it is never gated; the
        // `things` group's `Shared`, which it holds, must not be either.
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: things/get
      tags: [things]
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/shared'}
  /others:
    get:
      operationId: others/get
      tags: [others]
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/other'}
components:
  schemas:
    shared: {type: object, properties: {id: {type: integer}}}
    other: {type: object, properties: {id: {type: string}}}
    loose: {type: object, properties: {shared: {$ref: '#/components/schemas/shared'}}}
"#;
        let options = crate::Options::with_profile(crate::Profile::Description).group_features(true);
        let files = crate::generate_with("t.yaml", spec, &options).unwrap();
        let models = &files.iter().find(|file| file.path == "models.rs").unwrap().contents;
        let gate_before = |name: &str| {
            let at = models.find(&format!("pub struct {name} {{")).unwrap_or_else(|| panic!("{name}: {models}"));
            models[..at].lines().rev().find(|line| !line.starts_with("///") && !line.starts_with("#[derive") && !line.starts_with("#[non_exhaustive")).map(str::to_owned)
        };
        assert_eq!(gate_before("Other").as_deref(), Some("#[cfg(any(feature = \"others\"))]"), "{models}");
        for ungated in ["Shared", "Loose"] {
            let line = gate_before(ungated).unwrap_or_default();
            assert!(!line.starts_with("#[cfg"), "{ungated} is gated: {models}");
        }
    }

    #[test]
    fn items_split_at_blocks_and_semicolons() {
        let tokens = quote::quote! {
            /// A struct.
            #[derive(Debug)]
            pub struct A { x: i64 }
            impl<'de> serde::Deserialize<'de> for A { fn f() {} }
            pub type B = A;
            const C: S = S { a: 1 };
            pub struct D(i64);
        };
        let items: Vec<String> = super::split_items(tokens).iter().map(ToString::to_string).collect();
        assert_eq!(items.len(), 5, "{items:#?}");
        assert_eq!(items[0], "# [doc = r\" A struct.\"] # [derive (Debug)] pub struct A { x : i64 }");
        assert!(items[3].ends_with("} ;"), "{}", items[3]);
        assert_eq!(items[4], "pub struct D (i64) ;");
    }

    #[test]
    fn secret_strings_become_the_redacting_type() {
        let text = models(SPEC).unwrap();
        assert!(text.contains("pub token: crate::runtime::secret::SecretString,"), "{text}");
        assert!(
            text.contains("pub webhook_secret: Option<Option<crate::runtime::secret::SecretString>>,"),
            "{text}"
        );
        assert!(text.contains("pub public: Option<String>,"), "{text}");
        assert!(text.contains("pub id: i64,"), "{text}");
    }

    #[test]
    fn secret_flag_must_be_a_boolean_on_a_string() {
        let spec = SPEC.replace("id: {type: integer}", "id: {type: integer, x-github-secret: true}");
        let errors = models(&spec).unwrap_err().to_string();
        assert!(errors.contains("/components/schemas/key/properties/id/x-github-secret"), "{errors}");
        assert!(errors.contains("only supported on `type: string` properties"), "{errors}");

        let spec = SPEC.replace("x-github-secret: false", "x-github-secret: yes please");
        let errors = models(&spec).unwrap_err().to_string();
        assert!(errors.contains("must be `true` or `false`"), "{errors}");
    }
}
