//! Examples against their schemas: every `example` (of a media type, a
//! parameter or a schema) and every `examples` entry must be a value the
//! generated code can hold.
//!
//! For each example: every key of an object is a declared property (unless
//! the schema is free-form or allows `additionalProperties`), recursively
//! through `$ref`, `allOf` and `items`; every `required` property is
//! present; each value has the schema's type, is one of its `enum` values,
//! and is an RFC 3339 date-time where the schema says `format: date-time`;
//! `null` appears only where the schema is `nullable`. The seed examples are
//! the spec's ground truth for `required`, so this is what keeps the two
//! consistent. `oneOf`, `anyOf` and `not` are not looked into: lowering
//! reports them as unsupported.

use std::borrow::Borrow;
use std::collections::BTreeSet;

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, Example, MediaType, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde_json::Value;

use super::Spec;
use crate::error::{Pointer, SpecError, SpecErrorKind};

/// Checks every example of the document; pushes one error per mismatch.
pub fn check_examples(spec: &Spec, errors: &mut Vec<SpecError>) {
    for (path, item) in spec.api.paths.iter() {
        let ReferenceOr::Item(item) = item else { continue };
        let item_pointer = Pointer::root().push("paths").push(path);
        for (index, parameter) in item.parameters.iter().enumerate() {
            if let ReferenceOr::Item(parameter) = parameter {
                Checker { spec, operation: None, errors }
                    .parameter(parameter, &item_pointer.push("parameters").push(index));
            }
        }
    }
    for site in spec.operations() {
        let pointer = site.pointer();
        let label = site.label();
        let mut checker = Checker { spec, operation: Some(&label), errors };
        for (index, parameter) in site.operation.parameters.iter().enumerate() {
            if let ReferenceOr::Item(parameter) = parameter {
                checker.parameter(parameter, &pointer.push("parameters").push(index));
            }
        }
        if let Some(ReferenceOr::Item(body)) = &site.operation.request_body {
            checker.content(&body.content, &pointer.push("requestBody"));
        }
        for (status, response) in &site.operation.responses.responses {
            if let ReferenceOr::Item(response) = response {
                checker.content(&response.content, &pointer.push("responses").push(status));
            }
        }
        if let Some(ReferenceOr::Item(response)) = &site.operation.responses.default {
            checker.content(&response.content, &pointer.push("responses").push("default"));
        }
    }
    let Some(components) = &spec.api.components else { return };
    let base = Pointer::root().push("components");
    let mut checker = Checker { spec, operation: None, errors };
    for (name, parameter) in &components.parameters {
        if let ReferenceOr::Item(parameter) = parameter {
            checker.parameter(parameter, &base.push("parameters").push(name));
        }
    }
    for (name, body) in &components.request_bodies {
        if let ReferenceOr::Item(body) = body {
            checker.content(&body.content, &base.push("requestBodies").push(name));
        }
    }
    for (name, response) in &components.responses {
        if let ReferenceOr::Item(response) = response {
            checker.content(&response.content, &base.push("responses").push(name));
        }
    }
    for (name, schema) in &components.schemas {
        checker.schema_examples(schema, &base.push("schemas").push(name));
    }
}

struct Checker<'a> {
    spec: &'a Spec,
    operation: Option<&'a str>,
    errors: &'a mut Vec<SpecError>,
}

impl Checker<'_> {
    fn error(&mut self, pointer: &Pointer, message: String) {
        let kind = if message.contains("does not resolve") { SpecErrorKind::BadRef } else { SpecErrorKind::Example };
        let error = self.spec.error(kind, pointer, self.operation, message);
        self.errors.push(error);
    }

    fn parameter(&mut self, parameter: &Parameter, pointer: &Pointer) {
        let data = parameter.parameter_data_ref();
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.schema_examples(schema, &pointer.push("schema"));
                if let Some(example) = &data.example {
                    self.value(schema, example, &pointer.push("example"), true);
                }
                self.named_examples(schema, &data.examples, pointer);
            }
            ParameterSchemaOrContent::Content(content) => self.content(content, pointer),
        }
    }

    fn content(&mut self, content: &IndexMap<String, MediaType>, pointer: &Pointer) {
        for (media, media_type) in content {
            let pointer = pointer.push("content").push(media);
            let Some(schema) = &media_type.schema else { continue };
            self.schema_examples(schema, &pointer.push("schema"));
            if let Some(example) = &media_type.example {
                self.value(schema, example, &pointer.push("example"), true);
            }
            self.named_examples(schema, &media_type.examples, &pointer);
        }
    }

    /// An `examples` map: inline `value`s, or `$ref`s to `#/components/examples/...`.
    fn named_examples<S: Borrow<Schema>>(
        &mut self,
        schema: &ReferenceOr<S>,
        examples: &IndexMap<String, ReferenceOr<Example>>,
        pointer: &Pointer,
    ) {
        for (name, example) in examples {
            let pointer = pointer.push("examples").push(name);
            let value = match example {
                ReferenceOr::Item(example) => example.value.as_ref().map(|value| (value, pointer.push("value"))),
                ReferenceOr::Reference { reference } => {
                    // Blamed where it is used: the same example may be fine elsewhere.
                    let component = reference.strip_prefix("#/components/examples/").map(super::unescape);
                    let found = component.and_then(|name| self.spec.api.components.as_ref()?.examples.get(&name));
                    match found {
                        Some(ReferenceOr::Item(example)) => example.value.as_ref().map(|value| (value, pointer.clone())),
                        Some(ReferenceOr::Reference { .. }) => None,
                        None => {
                            self.error(&pointer, format!("`$ref: {reference}` does not resolve"));
                            None
                        }
                    }
                }
            };
            if let Some((value, pointer)) = value {
                self.value(schema, value, &pointer, true);
            }
        }
    }

    /// The `example`s written on a schema and on its inline subschemas.
    fn schema_examples<S: Borrow<Schema>>(&mut self, schema: &ReferenceOr<S>, pointer: &Pointer) {
        let ReferenceOr::Item(schema) = schema else { return };
        let schema = schema.borrow();
        if let Some(example) = &schema.schema_data.example {
            self.against(schema, example, &pointer.push("example"), true);
        }
        let mut children: Vec<(Pointer, &ReferenceOr<Schema>)> = Vec::new();
        let mut boxed: Vec<(Pointer, &ReferenceOr<Box<Schema>>)> = Vec::new();
        let (properties, additional, items, all_of, one_of, any_of, not) = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                (Some(&object.properties), object.additional_properties.as_ref(), None, None, None, None, None)
            }
            SchemaKind::Type(Type::Array(array)) => (None, None, array.items.as_ref(), None, None, None, None),
            SchemaKind::Type(_) => (None, None, None, None, None, None, None),
            SchemaKind::AllOf { all_of } => (None, None, None, Some(all_of), None, None, None),
            SchemaKind::OneOf { one_of } => (None, None, None, None, Some(one_of), None, None),
            SchemaKind::AnyOf { any_of } => (None, None, None, None, None, Some(any_of), None),
            SchemaKind::Not { not } => (None, None, None, None, None, None, Some(not.as_ref())),
            SchemaKind::Any(any) => (
                Some(&any.properties),
                any.additional_properties.as_ref(),
                any.items.as_ref(),
                Some(&any.all_of),
                Some(&any.one_of),
                Some(&any.any_of),
                any.not.as_deref(),
            ),
        };
        for (name, property) in properties.into_iter().flatten() {
            boxed.push((pointer.push("properties").push(name), property));
        }
        if let Some(AdditionalProperties::Schema(additional)) = additional {
            children.push((pointer.push("additionalProperties"), additional.as_ref()));
        }
        if let Some(items) = items {
            boxed.push((pointer.push("items"), items));
        }
        for (key, members) in [("allOf", all_of), ("oneOf", one_of), ("anyOf", any_of)] {
            for (index, member) in members.into_iter().flatten().enumerate() {
                children.push((pointer.push(key).push(index), member));
            }
        }
        if let Some(not) = not {
            children.push((pointer.push("not"), not));
        }
        for (pointer, child) in boxed {
            self.schema_examples(child, &pointer);
        }
        for (pointer, child) in children {
            self.schema_examples(child, &pointer);
        }
    }

    /// Checks `value` against a schema or reference; `closed` says whether
    /// keys the schema does not declare are errors (not when the schema is
    /// one member of several in an `allOf`).
    fn value<S: Borrow<Schema>>(&mut self, schema: &ReferenceOr<S>, value: &Value, pointer: &Pointer, closed: bool) {
        let spec = self.spec;
        let schema: &Schema = match schema {
            ReferenceOr::Item(schema) => schema.borrow(),
            ReferenceOr::Reference { reference } => match spec.schema_at(reference) {
                Some(schema) => schema,
                // An unresolved `$ref` is reported by the reference check.
                None => return,
            },
        };
        self.against(schema, value, pointer, closed);
    }

    fn against(&mut self, schema: &Schema, value: &Value, pointer: &Pointer, closed: bool) {
        if value.is_null() {
            if !accepts_null(self.spec, schema) {
                self.error(pointer, "example value is `null`, but the schema is not `nullable`".to_owned());
            }
            return;
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let Some(text) = value.as_str() else { return self.mismatch(pointer, value, "string") };
                let allowed: Vec<&str> = string.enumeration.iter().flatten().map(String::as_str).collect();
                if !allowed.is_empty() && !allowed.contains(&text) {
                    self.error(
                        pointer,
                        format!("example value `{text}` is not one of the enum values ({})", allowed.join(", ")),
                    );
                }
                if matches!(string.format, VariantOrUnknownOrEmpty::Item(StringFormat::DateTime)) {
                    self.date_time(text, pointer);
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => {
                let Some(number) = value.as_i64().or_else(|| value.as_u64().map(|_| i64::MAX)) else {
                    return self.mismatch(pointer, value, "integer");
                };
                let allowed: Vec<i64> = integer.enumeration.iter().flatten().copied().collect();
                if !allowed.is_empty() && !allowed.contains(&number) {
                    self.error(pointer, format!("example value `{value}` is not one of the enum values"));
                }
            }
            SchemaKind::Type(Type::Number(_)) if !value.is_number() => self.mismatch(pointer, value, "number"),
            SchemaKind::Type(Type::Boolean(_)) if !value.is_boolean() => self.mismatch(pointer, value, "boolean"),
            SchemaKind::Type(Type::Number(_) | Type::Boolean(_)) => {}
            SchemaKind::Type(Type::Object(object)) => match value.as_object() {
                Some(map) => self.object(&object.properties, &object.required, &object.additional_properties, map, pointer, closed),
                None => self.mismatch(pointer, value, "object"),
            },
            SchemaKind::Type(Type::Array(array)) => match value.as_array() {
                Some(items) => {
                    if let Some(item_schema) = &array.items {
                        for (index, item) in items.iter().enumerate() {
                            self.value(item_schema, item, &pointer.push(index), true);
                        }
                    }
                }
                None => self.mismatch(pointer, value, "array"),
            },
            SchemaKind::AllOf { all_of } => self.all_of(all_of, value, pointer, closed),
            SchemaKind::Any(any) => {
                if let Some(expected) = &any.typ
                    && !has_type(value, expected)
                {
                    return self.mismatch(pointer, value, expected);
                }
                if !any.enumeration.is_empty() && !any.enumeration.contains(value) {
                    self.error(pointer, format!("example value `{value}` is not one of the enum values"));
                }
                if any.format.as_deref() == Some("date-time")
                    && let Some(text) = value.as_str()
                {
                    self.date_time(text, pointer);
                }
                let has_object_keywords =
                    !any.properties.is_empty() || !any.required.is_empty() || any.additional_properties.is_some();
                if let Some(map) = value.as_object()
                    && has_object_keywords
                {
                    let closed = closed && any.all_of.is_empty();
                    self.object(&any.properties, &any.required, &any.additional_properties, map, pointer, closed);
                }
                if let (Some(items), Some(values)) = (&any.items, value.as_array()) {
                    for (index, item) in values.iter().enumerate() {
                        self.value(items, item, &pointer.push(index), true);
                    }
                }
                if !any.all_of.is_empty() {
                    self.all_of(&any.all_of, value, pointer, closed && !has_object_keywords);
                }
            }
            // Unsupported constructs, reported by lowering.
            SchemaKind::OneOf { .. } | SchemaKind::AnyOf { .. } | SchemaKind::Not { .. } => {}
        }
    }

    fn all_of(&mut self, members: &[ReferenceOr<Schema>], value: &Value, pointer: &Pointer, closed: bool) {
        if let [member] = members {
            return self.value(member, value, pointer, closed);
        }
        for member in members {
            self.value(member, value, pointer, false);
        }
        // Several members: a key must be declared by one of them.
        let declared: Option<BTreeSet<&str>> =
            members.iter().map(|member| declared_keys(self.spec, member)).try_fold(BTreeSet::new(), |mut all, keys| {
                all.extend(keys?);
                Some(all)
            });
        if closed
            && let (Some(declared), Some(map)) = (declared, value.as_object())
        {
            for key in map.keys().filter(|key| !declared.contains(key.as_str())) {
                self.error(&pointer.push(key), format!("example key `{key}` is not a declared property of the schema"));
            }
        }
    }

    fn object(
        &mut self,
        properties: &IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &[String],
        additional: &Option<AdditionalProperties>,
        map: &serde_json::Map<String, Value>,
        pointer: &Pointer,
        closed: bool,
    ) {
        for name in required {
            if !map.contains_key(name) {
                self.error(pointer, format!("example lacks the required property `{name}`"));
            }
        }
        for (key, child) in map {
            let child_pointer = pointer.push(key);
            if let Some(property) = properties.get(key) {
                self.value(property, child, &child_pointer, true);
                continue;
            }
            let undeclared = match additional {
                Some(AdditionalProperties::Schema(schema)) => {
                    self.value(schema.as_ref(), child, &child_pointer, true);
                    false
                }
                Some(AdditionalProperties::Any(allowed)) => !allowed,
                // A free-form object declares nothing and allows everything.
                None => !properties.is_empty(),
            };
            if undeclared && closed {
                self.error(&child_pointer, format!("example key `{key}` is not a declared property of the schema"));
            }
        }
    }

    fn mismatch(&mut self, pointer: &Pointer, value: &Value, expected: &str) {
        self.error(pointer, format!("example value is {}, but the schema says `type: {expected}`", describe(value)));
    }

    fn date_time(&mut self, text: &str, pointer: &Pointer) {
        if !is_date_time(text) {
            self.error(pointer, format!("example value `{text}` is not an RFC 3339 date-time"));
        }
    }
}

/// Whether `null` is a value of the schema: it says `nullable`, or it is
/// an `allOf` whose every member allows `null`.
fn accepts_null(spec: &Spec, schema: &Schema) -> bool {
    if schema.schema_data.nullable {
        return true;
    }
    let members = match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) if any.typ.is_none() && !any.all_of.is_empty() => &any.all_of,
        _ => return false,
    };
    members.iter().all(|member| match member {
        ReferenceOr::Item(member) => accepts_null(spec, member),
        ReferenceOr::Reference { reference } => spec.schema_at(reference).is_some_and(|s| accepts_null(spec, s)),
    })
}

/// The property names an object schema declares; `None` when it is open
/// (free-form, `additionalProperties`, or not an object schema).
fn declared_keys<'s>(spec: &'s Spec, schema: &'s ReferenceOr<Schema>) -> Option<BTreeSet<&'s str>> {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => spec.schema_at(reference)?,
    };
    let (properties, additional) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => (&object.properties, &object.additional_properties),
        SchemaKind::Any(any) if any.all_of.is_empty() => (&any.properties, &any.additional_properties),
        SchemaKind::AllOf { all_of } => {
            return all_of.iter().try_fold(BTreeSet::new(), |mut all, member| {
                all.extend(declared_keys(spec, member)?);
                Some(all)
            });
        }
        _ => return None,
    };
    let open = properties.is_empty() || matches!(additional, Some(AdditionalProperties::Schema(_) | AdditionalProperties::Any(true)));
    (!open).then(|| properties.keys().map(String::as_str).collect())
}

fn has_type(value: &Value, expected: &str) -> bool {
    match expected {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "object" => value.is_object(),
        "array" => value.is_array(),
        _ => true,
    }
}

fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "`null`",
        Value::Bool(_) => "a boolean",
        Value::Number(number) if number.is_f64() => "a number",
        Value::Number(_) => "an integer",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
pub fn is_date_time(text: &str) -> bool {
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let digits = bytes.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if bytes.len() < 20
        || !separators.iter().all(|(at, separator)| bytes[*at] == *separator)
        || !matches!(bytes[10], b'T' | b't')
    {
        return false;
    }
    let fields = (number(0..4), number(5..7), number(8..10), number(11..13), number(14..16), number(17..19));
    let (Some(_), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = fields else { return false };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut rest = &text[19..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        rest = &fraction[digits..];
    }
    match rest.as_bytes() {
        [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] => {
            let offset = [h1, h2, m1, m2];
            offset.iter().all(|d| d.is_ascii_digit())
                && (h1 - b'0') * 10 + (h2 - b'0') <= 23
                && (m1 - b'0') * 10 + (m2 - b'0') <= 59
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_date_time;

    #[test]
    fn date_times_follow_rfc_3339() {
        for good in ["2017-07-08T16:18:44-04:00", "2016-07-11T22:14:10Z", "2020-01-01t00:00:00.123+05:30"] {
            assert!(is_date_time(good), "{good}");
        }
        for bad in ["2017-07-08", "2017-07-08 16:18:44Z", "2017-13-08T16:18:44Z", "2017-07-08T16:18:44", "2017-07-08T16:18:44+0400", "yesterday"] {
            assert!(!is_date_time(bad), "{bad}");
        }
    }
}
