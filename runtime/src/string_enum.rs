//! The impls every generated string enum shares, as one macro:
//! `From<String>`, `Display`, `Serialize` and `Deserialize`, all from the
//! enum's own `as_str` and `From<&str>` (which the generator writes, with
//! the values). A crate of hundreds of enums reads one line per enum
//! instead of four impls.

/// Implements `From<String>`, `Display`, `Serialize` and `Deserialize` for
/// a generated string enum `$name` from its `as_str(&self) -> &str` and
/// `From<&str>`.
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident) => {
        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                $name::from(value.as_str())
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::std::borrow::Cow<'de, str> as $crate::serde::Deserialize<'de>>::deserialize(deserializer)?;
                ::core::result::Result::Ok($name::from(value.as_ref()))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, PartialEq)]
    enum State {
        Open,
        Other(String),
    }

    impl State {
        fn as_str(&self) -> &str {
            match self {
                State::Open => "open",
                State::Other(value) => value,
            }
        }
    }

    impl From<&str> for State {
        fn from(value: &str) -> Self {
            match value {
                "open" => State::Open,
                other => State::Other(other.to_owned()),
            }
        }
    }

    string_enum_impls!(State);

    #[test]
    fn values_round_trip_and_unknown_ones_are_kept() {
        assert_eq!(serde_json::from_str::<State>(r#""open""#).unwrap(), State::Open);
        assert_eq!(serde_json::from_str::<State>(r#""merged""#).unwrap(), State::Other("merged".into()));
        assert_eq!(serde_json::to_string(&State::Other("merged".into())).unwrap(), r#""merged""#);
        assert_eq!(State::from("open".to_owned()), State::Open);
        assert_eq!(State::Open.to_string(), "open");
    }
}
