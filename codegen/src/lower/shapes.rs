//! Identical inline shapes, emitted once.
//!
//! GitHub's descriptions repeat the same inline schema across operations (a
//! `direction` enum of `asc`/`desc`, a `{ "users": [...] }` body, ...). Each
//! occurrence is lowered under its own name; this pass keeps the first by
//! name of every group of inline models whose shape is identical (docs,
//! names and origins aside) and makes the others type aliases of it, so
//! each shape is compiled once while every operation keeps the type name
//! its signature reads naturally with. It repeats until no two inline
//! models match: once two enums are one, the structs holding them may be.
//! Component schemas are never merged: their names are the author's. The
//! inline schemas nested in them are, like any other. Inline models only a
//! merged model held are dropped.

use std::collections::{BTreeMap, BTreeSet};

use crate::ir::{AliasModel, Model, Operation, Success, TypeRef};

/// Makes every inline model whose shape an earlier (by name) inline model
/// has an alias of that model, then drops the inline models nothing
/// reaches any more (those only a merged model held).
pub(super) fn merge_identical_inline_models(models: &mut BTreeMap<String, Model>, operations: &[Operation]) {
    alias_duplicates(models);
    let reached = reachable(models, operations);
    models.retain(|name, model| !is_inline(model) || reached.contains(name));
}

/// The models operations name and components hold, and what they hold.
fn reachable(models: &BTreeMap<String, Model>, operations: &[Operation]) -> BTreeSet<String> {
    let mut pending: Vec<&TypeRef> = Vec::new();
    for operation in operations {
        pending.extend(operation.parameters.iter().map(|parameter| &parameter.ty));
        pending.extend(operation.body.iter().map(|body| &body.ty));
        pending.extend(operation.responses.iter().filter_map(|response| response.ty.as_ref()));
        match &operation.success {
            Success::Single { ty: Some(ty), .. } => pending.push(ty),
            Success::PerStatus { variants, .. } => pending.extend(variants.iter().filter_map(|(_, _, ty)| ty.as_ref())),
            Success::Single { ty: None, .. } | Success::None => {}
        }
        pending.extend(operation.pagination.iter().map(|pagination| &pagination.item));
    }
    let mut reached = BTreeSet::new();
    let components = models.values().filter(|model| !is_inline(model));
    let mut queue: Vec<&Model> = components.collect();
    loop {
        for model in queue.drain(..) {
            if reached.insert(model.name().to_owned()) {
                pending.extend(model.held_types());
            }
        }
        let Some(ty) = pending.pop() else { return reached };
        match ty {
            TypeRef::Array(item) | TypeRef::Map(item) => pending.push(item),
            TypeRef::Model(name) => queue.extend(models.get(name)),
            _ => {}
        }
    }
}


/// Makes every inline model whose shape an earlier (by name) inline model
/// has an alias of that model.
fn alias_duplicates(models: &mut BTreeMap<String, Model>) {
    let kept = merged_models(models);
    for (duplicate, first) in kept {
        if let Some(model) = models.get_mut(&duplicate) {
            let doc = model_doc(model).or_else(|| Some(format!("The same shape as [`{first}`].")));
            let origin = model.origin().to_owned();
            *model = Model::Alias(AliasModel { name: duplicate, origin, doc, ty: TypeRef::Model(first) });
        }
    }
}

/// Each inline model whose shape an earlier inline model has, mapped to
/// that model, round after round until a round finds none. A shape is
/// worked out once, and again only when a model it holds was merged.
fn merged_models(models: &BTreeMap<String, Model>) -> BTreeMap<String, String> {
    let mut kept: BTreeMap<String, String> = BTreeMap::new();
    let inline = || models.iter().filter(|(_, model)| is_inline(model));
    let mut shapes: BTreeMap<&str, String> = inline().map(|(name, model)| (name.as_str(), shape(model, &kept))).collect();
    let mut holders: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (name, model) in inline() {
        for held in model.held_types().into_iter().filter_map(TypeRef::model_name) {
            holders.entry(held).or_default().push(name);
        }
    }
    let mut stale: BTreeSet<&str> = BTreeSet::new();
    loop {
        for name in std::mem::take(&mut stale) {
            if let Some(shape_text) = shapes.get_mut(name) {
                *shape_text = shape(&models[name], &kept);
            }
        }
        let found = duplicates(&shapes);
        if found.is_empty() {
            return kept;
        }
        for (duplicate, first) in found {
            shapes.remove(duplicate);
            // What held the duplicate now holds the model it became.
            let moved = holders.remove(duplicate).unwrap_or_default();
            stale.extend(moved.iter().copied());
            holders.entry(first).or_default().extend(moved);
            kept.insert(duplicate.to_owned(), first.to_owned());
        }
    }
}

/// Each model (by name, in order) whose shape an earlier one has, mapped
/// to the first with that shape.
fn duplicates<'a>(shapes: &BTreeMap<&'a str, String>) -> Vec<(&'a str, &'a str)> {
    let mut first_by_shape: std::collections::HashMap<&str, &'a str> = std::collections::HashMap::new();
    let mut found = Vec::new();
    for (name, shape) in shapes {
        match first_by_shape.entry(shape.as_str()) {
            std::collections::hash_map::Entry::Occupied(first) => found.push((*name, *first.get())),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(name);
            }
        }
    }
    found
}

fn model_doc(model: &Model) -> Option<String> {
    match model {
        Model::Struct(model) => model.doc.clone(),
        Model::Enum(model) => model.doc.clone(),
        Model::Alias(model) => model.doc.clone(),
        Model::Union(model) => model.doc.clone(),
    }
}

/// Whether the model's name is derived (an inline schema, in an operation
/// or nested in a component) rather than a component schema's own.
fn is_inline(model: &Model) -> bool {
    let component = model.origin().strip_prefix("/components/schemas/").is_some_and(|name| !name.contains('/'));
    !component
}

/// What must match for two models to be one: the model without its name,
/// origin and documentation, with references to merged models replaced by
/// the model they were merged into.
fn shape(model: &Model, kept: &BTreeMap<String, String>) -> String {
    let mut model = model.clone();
    let clear = |name: &mut String, origin: &mut String, doc: &mut Option<String>| {
        (*name, *origin, *doc) = (String::new(), String::new(), None);
    };
    match &mut model {
        Model::Struct(model) => {
            clear(&mut model.name, &mut model.origin, &mut model.doc);
            for field in &mut model.fields {
                field.doc = None;
                canonical(&mut field.ty, kept);
            }
            if let Some((_, ty)) = &mut model.additional {
                canonical(ty, kept);
            }
        }
        Model::Enum(model) => clear(&mut model.name, &mut model.origin, &mut model.doc),
        Model::Alias(model) => {
            clear(&mut model.name, &mut model.origin, &mut model.doc);
            canonical(&mut model.ty, kept);
        }
        Model::Union(model) => {
            clear(&mut model.name, &mut model.origin, &mut model.doc);
            model.variants.iter_mut().for_each(|variant| canonical(&mut variant.ty, kept));
        }
    }
    format!("{model:?}")
}

/// `ty` with every merged model replaced by the model it was merged into.
fn canonical(ty: &mut TypeRef, kept: &BTreeMap<String, String>) {
    match ty {
        TypeRef::Model(name) => {
            // A model merged into one merged later in turn: to the last.
            while let Some(first) = kept.get(name) {
                *name = first.clone();
            }
        }
        TypeRef::Array(item) | TypeRef::Map(item) => canonical(item, kept),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: shapes, version: "1"}
paths:
  /a:
    get:
      operationId: a/list
      parameters:
        - {name: direction, in: query, schema: {type: string, enum: [asc, desc]}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {direction: {type: string, enum: [asc, desc]}}}
  /b:
    get:
      operationId: b/list
      parameters:
        - {name: direction, in: query, description: Another doc., schema: {type: string, enum: [asc, desc]}}
        - {name: sort, in: query, schema: {type: string, enum: [asc, desc, created]}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {direction: {type: string, enum: [asc, desc]}}}
components:
  schemas:
    order: {type: string, enum: [asc, desc]}
"#;

    #[test]
    fn identical_inline_shapes_are_emitted_once() {
        use crate::ir::{Model, TypeRef};
        let spec = crate::spec::load("shapes.yaml", SPEC).unwrap();
        let api = super::super::lower(&spec, crate::Profile::Description).unwrap();
        let alias_of = |name: &str| match &api.models[name] {
            Model::Alias(alias) => Some(alias.ty.clone()),
            _ => None,
        };
        // The second direction enum is the first; so, in a second round
        // (their enums being one), is the second response object.
        assert_eq!(alias_of("BListDirection"), Some(TypeRef::Model("AListDirection".into())));
        assert_eq!(alias_of("BListResponse"), Some(TypeRef::Model("AListResponse".into())));
        assert!(matches!(api.models["AListDirection"], Model::Enum(_)));
        assert!(matches!(api.models["AListResponse"], Model::Struct(_)));
        // A different enum, and a component of the same shape, stay apart.
        assert!(matches!(api.models["BListSort"], Model::Enum(_)));
        assert!(matches!(api.models["Order"], Model::Enum(_)));
        // Operations keep the names their signatures read naturally with.
        let b = api.operations.iter().find(|operation| operation.id == "b/list").unwrap();
        assert_eq!(b.parameters[0].ty, TypeRef::Model("BListDirection".into()));
    }
}
