//! Decoding generated models: what their `Deserialize` impls call.
//!
//! A model's object is read into a JSON map once, then each property is
//! taken from it by name and decoded into its field's type. The generated
//! impl is one expression per field, which a compiler checks several times
//! faster than serde's derive (field enum, visitor, sequence and map
//! visits, per model). Decoding pays one intermediate map per object, which
//! an HTTP client does not notice; an error names the property it happened
//! in, from the outermost down (``property `owner`: property `login`: ...``).
//!
//! A generated model states its fields once, in [`deserialize_object!`](crate::deserialize_object):
//! the macro writes the impl, so a crate of a thousand models reads a line
//! or two per model rather than one per field.
//!
//! Properties the model does not declare are ignored, unless it keeps them
//! ([`ObjectFields::rest`]); `null` and an absent property are both `None`
//! for an `Option`, and told apart for an `Option<Option<_>>`.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Error, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

/// The properties of one object, taken one by one; `E` is the error type
/// of the deserializer the object came from.
#[derive(Debug)]
pub struct ObjectFields<E> {
    properties: Map<String, Value>,
    error: PhantomData<E>,
}

impl<E: Error> ObjectFields<E> {
    /// Reads an object: the first step of every generated model's `Deserialize`.
    pub fn read<'de, D: Deserializer<'de, Error = E>>(deserializer: D) -> Result<Self, E> {
        let properties = Map::<String, Value>::deserialize(deserializer)?;
        Ok(ObjectFields { properties, error: PhantomData })
    }

    /// A property decoded as its field's type says: an absent property is
    /// `None` for an `Option` and an error for any other type; `null` is
    /// whatever `T` makes of it (`None` for an `Option`).
    pub fn field<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, E> {
        match self.properties.remove(name) {
            Some(value) => decode_property(name, value),
            None => T::deserialize(Absent).map_err(|_| E::custom(format_args!("missing property `{name}`"))),
        }
    }

    /// A property that must be present (and not `null`, unless `T` accepts it).
    pub fn required<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<T, E> {
        match self.properties.remove(name) {
            Some(value) => decode_property(name, value),
            None => Err(E::custom(format_args!("missing property `{name}`"))),
        }
    }

    /// A property that may be absent or `null`: both are `None`.
    pub fn optional<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<Option<T>, E> {
        match self.properties.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => decode_property(name, value).map(Some),
        }
    }

    /// An optional, nullable property: absent is `None`, `null` is
    /// `Some(None)`, a value `Some(Some(value))`.
    pub fn nullable<T: DeserializeOwned>(&mut self, name: &'static str) -> Result<Option<Option<T>>, E> {
        match self.properties.remove(name) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(None)),
            Some(value) => decode_property(name, value).map(|value| Some(Some(value))),
        }
    }

    /// The properties not taken yet (those the model does not declare),
    /// for a model that keeps them.
    pub fn rest<V: DeserializeOwned>(&mut self) -> Result<BTreeMap<String, V>, E> {
        std::mem::take(&mut self.properties)
            .into_iter()
            .map(|(name, value)| {
                let value = decode_property(&name, value)?;
                Ok((name, value))
            })
            .collect()
    }
}

/// What an absent property decodes from: `None` for an `Option` (as
/// serde's derive does), an error for anything else.
struct Absent;

impl<'de> Deserializer<'de> for Absent {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(Error::custom("absent"))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Implements `Deserialize` for a generated struct from the list of its
/// fields: `Name { field, other = "wire name", ... }`, then optionally
/// `nullable { ... }` (the `Option<Option<_>>` fields, whose `null` is
/// `Some(None)`) and `rest field` (the map that keeps undeclared
/// properties). A field's wire name is its own unless given. Every listed
/// field is taken with [`ObjectFields::field`], so its type decides what
/// an absent property is.
#[macro_export]
macro_rules! deserialize_object {
    (
        $name:ident { $($field:ident $(= $wire:literal)?),* $(,)? }
        $(nullable { $($nullable:ident $(= $nullable_wire:literal)?),* $(,)? })?
        $(rest $rest:ident)?
    ) => {
        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                #[allow(unused_mut, unused_variables)]
                let mut fields = $crate::object::ObjectFields::read(deserializer)?;
                ::core::result::Result::Ok($name {
                    $($field: fields.field($crate::wire_name!($field $(= $wire)?))?,)*
                    $($($nullable: fields.nullable($crate::wire_name!($nullable $(= $nullable_wire)?))?,)*)?
                    $($rest: fields.rest()?,)?
                })
            }
        }
    };
}

/// A field's wire name in [`deserialize_object!`]: the one given, or the
/// field's own.
#[doc(hidden)]
#[macro_export]
macro_rules! wire_name {
    ($field:ident = $wire:literal) => {
        $wire
    };
    ($field:ident) => {
        ::core::stringify!($field)
    };
}

/// Decodes one property's value; an error names the property.
fn decode_property<T: DeserializeOwned, E: Error>(name: &str, value: Value) -> Result<T, E> {
    T::deserialize(value).map_err(|err| E::custom(format_args!("property `{name}`: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Owner {
        login: String,
    }

    impl<'de> Deserialize<'de> for Owner {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut fields = ObjectFields::read(deserializer)?;
            Ok(Owner { login: fields.required("login")? })
        }
    }

    #[derive(Debug, PartialEq)]
    struct Repository {
        id: i64,
        owner: Box<Owner>,
        description: Option<String>,
        homepage: Option<Option<String>>,
        extra: BTreeMap<String, Value>,
    }

    impl<'de> Deserialize<'de> for Repository {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut fields = ObjectFields::read(deserializer)?;
            Ok(Repository {
                id: fields.required("id")?,
                owner: fields.required("owner")?,
                description: fields.optional("description")?,
                homepage: fields.nullable("homepage")?,
                extra: fields.rest()?,
            })
        }
    }

    #[test]
    fn fields_are_taken_by_name() {
        let text = r#"{"homepage": null, "id": 7, "owner": {"login": "octocat", "id": 1}, "topics": ["a"]}"#;
        let repository: Repository = serde_json::from_str(text).unwrap();
        assert_eq!(
            repository,
            Repository {
                id: 7,
                owner: Box::new(Owner { login: "octocat".into() }),
                description: None,
                homepage: Some(None),
                extra: [("topics".to_owned(), serde_json::json!(["a"]))].into(),
            }
        );
        let absent: Repository = serde_json::from_str(r#"{"id": 7, "owner": {"login": "o"}, "description": null}"#).unwrap();
        assert_eq!((absent.description, absent.homepage), (None, None));
        let present: Repository = serde_json::from_str(r#"{"id": 7, "owner": {"login": "o"}, "homepage": "h"}"#).unwrap();
        assert_eq!(present.homepage, Some(Some("h".to_owned())));
    }

    /// The same model as `Repository`, its impl written by the macro.
    #[derive(Debug, PartialEq)]
    struct Listed {
        id: i64,
        owner: Box<Owner>,
        description: Option<String>,
        type_: Option<String>,
        homepage: Option<Option<String>>,
        extra: BTreeMap<String, Value>,
    }

    deserialize_object!(Listed { id, owner, description, type_ = "type" } nullable { homepage } rest extra);

    #[derive(Debug, PartialEq)]
    struct Empty {}

    deserialize_object!(Empty {});

    #[test]
    fn the_macro_takes_fields_as_their_types_say() {
        let text = r#"{"homepage": null, "id": 7, "owner": {"login": "octocat"}, "type": "fork", "topics": ["a"]}"#;
        let listed: Listed = serde_json::from_str(text).unwrap();
        assert_eq!(
            listed,
            Listed {
                id: 7,
                owner: Box::new(Owner { login: "octocat".into() }),
                description: None,
                type_: Some("fork".into()),
                homepage: Some(None),
                extra: [("topics".to_owned(), serde_json::json!(["a"]))].into(),
            }
        );
        // Absent: `None` for options, an error naming the property otherwise.
        let absent: Listed = serde_json::from_str(r#"{"id": 7, "owner": {"login": "o"}, "description": null}"#).unwrap();
        assert_eq!((absent.description, absent.type_, absent.homepage), (None, None, None));
        let err = serde_json::from_str::<Listed>(r#"{"owner": {"login": "o"}}"#).unwrap_err();
        assert!(err.to_string().starts_with("missing property `id`"), "{err}");
        let err = serde_json::from_str::<Listed>(r#"{"id": null, "owner": {"login": "o"}}"#).unwrap_err();
        assert!(err.to_string().starts_with("property `id`: invalid type: null"), "{err}");
        let err = serde_json::from_str::<Listed>(r#"{"id": 1, "owner": {"login": "o"}, "type": 5}"#).unwrap_err();
        assert!(err.to_string().starts_with("property `type`: invalid type: integer `5`"), "{err}");
        assert_eq!(serde_json::from_str::<Empty>(r#"{"any": 1}"#).unwrap(), Empty {});
    }

    #[test]
    fn errors_name_the_property_path() {
        let err = serde_json::from_str::<Repository>(r#"{"id": 7, "owner": {"login": 5}}"#).unwrap_err();
        assert!(err.to_string().starts_with("property `owner`: property `login`: invalid type: integer `5`"), "{err}");
        let err = serde_json::from_str::<Repository>(r#"{"owner": {"login": "o"}}"#).unwrap_err();
        assert!(err.to_string().starts_with("missing property `id`"), "{err}");
        let err = serde_json::from_str::<Repository>("[7]").unwrap_err();
        assert!(err.to_string().contains("invalid type: sequence, expected a map"), "{err}");
        // Through a borrowed value too, as union decoding does.
        let value = serde_json::json!({"id": "x", "owner": {"login": "o"}});
        let err = Repository::deserialize(&value).unwrap_err();
        assert!(err.to_string().starts_with("property `id`: invalid type: string \"x\""), "{err}");
    }
}
