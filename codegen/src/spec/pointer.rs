//! `$ref`s into any part of the document: a local JSON pointer resolved
//! to the typed item it names.
//!
//! A reference is a JSON Reference, so `#/paths/~1things/get/responses/200`
//! or `#/components/schemas/Thing/properties/owner` is as valid as
//! `#/components/schemas/Thing`. Component references name models; these
//! name a place, whose schema is lowered where it is used. The walk goes
//! through the typed document (the places a schema, response, parameter or
//! request body can be), following the references it meets on the way, at
//! most 64 of them (`spec::MAX_REFERENCE_HOPS`).

use std::borrow::Borrow;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, MediaType, Operation, Parameter, ParameterSchemaOrContent, ReferenceOr, RequestBody, Response,
    Schema, SchemaKind, Type,
};

use super::{MAX_REFERENCE_HOPS, Spec};

/// The typed item a pointer lands on.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A schema.
    Schema(&'a Schema),
    /// A response.
    Response(&'a Response),
    /// A parameter.
    Parameter(&'a Parameter),
    /// A request body.
    RequestBody(&'a RequestBody),
}

/// The tokens of a local reference (`#/a/b~1c/%7Bd%7D`): each
/// percent-decoded (it is a URI fragment), then unescaped (`~1` is `/`,
/// `~0` is `~`). `None` for a reference outside the document.
pub fn reference_tokens(reference: &str) -> Option<Vec<String>> {
    let pointer = reference.strip_prefix('#')?;
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let pointer = pointer.strip_prefix('/')?;
    Some(pointer.split('/').map(|token| super::unescape(&percent_decode(token))).collect())
}

/// Decodes `%XX` escapes; a malformed escape stays as it is.
fn percent_decode(token: &str) -> String {
    if !token.contains('%') {
        return token.to_owned();
    }
    let bytes = token.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|hex| std::str::from_utf8(hex).ok());
        match (bytes[index], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&decoded).into_owned()
}

impl Spec {
    /// The item `reference` points at, anywhere in the document, through
    /// the references on the way; `None` when it names nothing (or a chain
    /// of references is a cycle).
    pub fn target(&self, reference: &str) -> Option<Target<'_>> {
        self.target_within(reference, 0)
    }

    /// The schema `reference` points at, anywhere in the document (a
    /// component schema, the common case, looked up directly).
    pub fn schema_at(&self, reference: &str) -> Option<&Schema> {
        if let Some((_, schema)) = self.schema_by_ref(reference) {
            return Some(schema);
        }
        match self.target(reference)? {
            Target::Schema(schema) => Some(schema),
            _ => None,
        }
    }

    fn target_within(&self, reference: &str, hops: usize) -> Option<Target<'_>> {
        if hops > MAX_REFERENCE_HOPS {
            return None;
        }
        let tokens = reference_tokens(reference)?;
        let walk = Walk { spec: self, hops: hops + 1 };
        let tokens: Vec<&str> = tokens.iter().map(String::as_str).collect();
        match tokens.as_slice() {
            ["components", section, name, rest @ ..] => {
                let components = self.api.components.as_ref()?;
                match *section {
                    "schemas" => walk.schema(components.schemas.get(*name)?, rest),
                    "responses" => walk.response(components.responses.get(*name)?, rest),
                    "parameters" => walk.parameter(components.parameters.get(*name)?, rest),
                    "requestBodies" => walk.request_body(components.request_bodies.get(*name)?, rest),
                    _ => None,
                }
            }
            ["paths", path, rest @ ..] => {
                let ReferenceOr::Item(item) = self.api.paths.paths.get(*path)? else { return None };
                match rest {
                    ["parameters", index, rest @ ..] => walk.parameter(item.parameters.get(index.parse::<usize>().ok()?)?, rest),
                    [method, rest @ ..] => {
                        let (_, operation) = item.iter().find(|(name, _)| name == method)?;
                        walk.operation(operation, rest)
                    }
                    [] => None,
                }
            }
            _ => None,
        }
    }
}

/// One walk down the typed document, `hops` references deep.
struct Walk<'a> {
    spec: &'a Spec,
    hops: usize,
}

impl<'a> Walk<'a> {
    /// Follows `reference` as the next hop of this walk.
    fn follow(&self, reference: &str) -> Option<Target<'a>> {
        self.spec.target_within(reference, self.hops)
    }

    fn operation(&self, operation: &'a Operation, rest: &[&str]) -> Option<Target<'a>> {
        match rest {
            ["parameters", index, rest @ ..] => self.parameter(operation.parameters.get(index.parse::<usize>().ok()?)?, rest),
            ["requestBody", rest @ ..] => self.request_body(operation.request_body.as_ref()?, rest),
            ["responses", "default", rest @ ..] => self.response(operation.responses.default.as_ref()?, rest),
            ["responses", status, rest @ ..] => {
                let (_, response) = operation.responses.responses.iter().find(|(code, _)| code.to_string() == *status)?;
                self.response(response, rest)
            }
            _ => None,
        }
    }

    /// `item` itself, or the item of the same kind its reference points at
    /// (`pick` says which kind that is).
    fn item<T>(&self, item: &'a ReferenceOr<T>, pick: fn(Target<'a>) -> Option<&'a T>) -> Option<&'a T> {
        match item {
            ReferenceOr::Item(item) => Some(item),
            ReferenceOr::Reference { reference } => pick(self.follow(reference)?),
        }
    }

    /// `content/<media type>/schema/...` under a response, body or parameter.
    fn content(&self, content: &'a IndexMap<String, MediaType>, rest: &[&str]) -> Option<Target<'a>> {
        let [media_type, "schema", rest @ ..] = rest else { return None };
        self.schema(content.get(*media_type)?.schema.as_ref()?, rest)
    }

    fn response(&self, response: &'a ReferenceOr<Response>, rest: &[&str]) -> Option<Target<'a>> {
        let response = self.item(response, |target| match target {
            Target::Response(response) => Some(response),
            _ => None,
        })?;
        match rest {
            [] => Some(Target::Response(response)),
            ["content", rest @ ..] => self.content(&response.content, rest),
            _ => None,
        }
    }

    fn request_body(&self, body: &'a ReferenceOr<RequestBody>, rest: &[&str]) -> Option<Target<'a>> {
        let body = self.item(body, |target| match target {
            Target::RequestBody(body) => Some(body),
            _ => None,
        })?;
        match rest {
            [] => Some(Target::RequestBody(body)),
            ["content", rest @ ..] => self.content(&body.content, rest),
            _ => None,
        }
    }

    fn parameter(&self, parameter: &'a ReferenceOr<Parameter>, rest: &[&str]) -> Option<Target<'a>> {
        let parameter = self.item(parameter, |target| match target {
            Target::Parameter(parameter) => Some(parameter),
            _ => None,
        })?;
        match (rest, &parameter.parameter_data_ref().format) {
            ([], _) => Some(Target::Parameter(parameter)),
            (["schema", rest @ ..], ParameterSchemaOrContent::Schema(schema)) => self.schema(schema, rest),
            (["content", rest @ ..], ParameterSchemaOrContent::Content(content)) => self.content(content, rest),
            _ => None,
        }
    }

    fn schema<S: Borrow<Schema>>(&self, schema: &'a ReferenceOr<S>, rest: &[&str]) -> Option<Target<'a>> {
        let schema: &'a Schema = match schema {
            ReferenceOr::Item(schema) => schema.borrow(),
            ReferenceOr::Reference { reference } => match self.follow(reference)? {
                Target::Schema(schema) => schema,
                _ => return None,
            },
        };
        let [key, rest @ ..] = rest else { return Some(Target::Schema(schema)) };
        let (properties, items, additional) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => (Some(&object.properties), None, object.additional_properties.as_ref()),
            SchemaKind::Type(Type::Array(array)) => (None, array.items.as_ref(), None),
            SchemaKind::Any(any) => (Some(&any.properties), any.items.as_ref(), any.additional_properties.as_ref()),
            _ => (None, None, None),
        };
        let members = match (&schema.schema_kind, *key) {
            (SchemaKind::AllOf { all_of: members }, "allOf")
            | (SchemaKind::OneOf { one_of: members }, "oneOf")
            | (SchemaKind::AnyOf { any_of: members }, "anyOf") => Some(members),
            (SchemaKind::Any(any), "allOf") => Some(&any.all_of),
            (SchemaKind::Any(any), "oneOf") => Some(&any.one_of),
            (SchemaKind::Any(any), "anyOf") => Some(&any.any_of),
            _ => None,
        };
        match (*key, rest) {
            ("properties", [name, rest @ ..]) => self.schema(properties?.get(*name)?, rest),
            ("items", rest) => self.schema(items?, rest),
            ("additionalProperties", rest) => match additional? {
                AdditionalProperties::Schema(value) => self.schema(value.as_ref(), rest),
                AdditionalProperties::Any(_) => None,
            },
            ("allOf" | "oneOf" | "anyOf", [index, rest @ ..]) => self.schema(members?.get(index.parse::<usize>().ok()?)?, rest),
            ("not", rest) => match &schema.schema_kind {
                SchemaKind::Not { not } => self.schema(not.as_ref(), rest),
                SchemaKind::Any(any) => self.schema(any.not.as_deref()?, rest),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(yaml: &str) -> Spec {
        crate::spec::load("test.yaml", yaml).unwrap()
    }

    const DOCUMENT: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
paths:
  /things/{id}:
    get:
      parameters:
        - {name: id, in: path, required: true, schema: {type: integer, description: the id}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  tags: {type: array, items: {type: string, description: a tag}}
        "401": {$ref: "#/components/responses/denied"}
components:
  responses:
    denied:
      description: denied
      content:
        application/json:
          schema: {$ref: "#/components/schemas/thing/properties/owner"}
  schemas:
    thing:
      type: object
      properties:
        owner:
          allOf:
            - {type: object, description: the owner}
    loop: {$ref: "#/components/schemas/loop/properties/x"}
"##;

    fn description(target: Option<Target<'_>>) -> Option<&str> {
        match target? {
            Target::Schema(schema) => schema.schema_data.description.as_deref(),
            Target::Response(response) => Some(&response.description),
            _ => None,
        }
    }

    #[test]
    fn pointers_reach_schemas_anywhere_in_the_document() {
        let spec = spec(DOCUMENT);
        let cases = [
            ("#/paths/~1things~1%7Bid%7D/get/parameters/0/schema", Some("the id")),
            ("#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/properties/tags/items", Some("a tag")),
            ("#/components/schemas/thing/properties/owner/allOf/0", Some("the owner")),
            // Through the references on the way.
            ("#/paths/~1things~1{id}/get/responses/401/content/application~1json/schema/allOf/0", Some("the owner")),
            ("#/paths/~1things~1{id}/get/responses/401", Some("denied")),
            ("#/components/schemas/thing/properties/nobody", None),
            ("#/paths/~1things~1{id}/post/responses/200", None),
            ("other.yaml#/components/schemas/thing", None),
            // A cycle names nothing.
            ("#/components/schemas/loop", None),
        ];
        for (reference, expected) in cases {
            assert_eq!(description(spec.target(reference)), expected, "{reference}");
        }
    }

    #[test]
    fn tokens_are_percent_decoded_then_unescaped() {
        assert_eq!(reference_tokens("#/a~1b/%7Bc%7D/~0d/%25"), Some(vec!["a/b".into(), "{c}".into(), "~d".into(), "%".into()]));
        assert_eq!(reference_tokens("#/bad%zz"), Some(vec!["bad%zz".into()]));
        assert_eq!(reference_tokens("https://example.com/x.yaml"), None);
    }
}
