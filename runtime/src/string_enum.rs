//! The impls every generated string enum shares, as one macro: `as_str`
//! and `From<&str>` from the list of values, and from those
//! `From<String>`, `Display`, `Serialize` and `Deserialize`. A crate of
//! hundreds of enums reads its values once per enum instead of six impls.

/// Implements a generated string enum: `string_enum_impls!(Name, Fallback,
/// { Variant = "value", ... })` writes `as_str(&self) -> &str` and
/// `From<&str>` (a value not listed becomes `Fallback(value)`), then, as
/// `string_enum_impls!(Name)` does for an enum that has those two,
/// `From<String>`, `Display`, `Serialize` and `Deserialize`.
#[macro_export]
macro_rules! string_enum_impls {
    ($name:ident, $fallback:ident, { $($variant:ident = $value:literal),* $(,)? }) => {
        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $value,)*
                    $name::$fallback(value) => value,
                }
            }
        }

        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                match value {
                    $($value => $name::$variant,)*
                    other => $name::$fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        $crate::string_enum_impls!($name);
    };
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

    /// The same enum, its `as_str` and `From<&str>` written by the macro.
    #[derive(Debug, PartialEq)]
    enum Listed {
        Open,
        InProgress,
        Other(String),
    }

    string_enum_impls!(Listed, Other, { Open = "open", InProgress = "in progress" });

    #[test]
    fn listed_values_map_both_ways() {
        assert_eq!(Listed::from("in progress"), Listed::InProgress);
        assert_eq!(Listed::InProgress.as_str(), "in progress");
        assert_eq!(serde_json::from_str::<Listed>(r#""open""#).unwrap(), Listed::Open);
        assert_eq!(serde_json::from_str::<Listed>(r#""closed""#).unwrap(), Listed::Other("closed".into()));
        assert_eq!(serde_json::to_string(&Listed::Other("closed".into())).unwrap(), r#""closed""#);
        assert_eq!(Listed::Open.to_string(), "open");
    }

    #[test]
    fn values_round_trip_and_unknown_ones_are_kept() {
        assert_eq!(serde_json::from_str::<State>(r#""open""#).unwrap(), State::Open);
        assert_eq!(serde_json::from_str::<State>(r#""merged""#).unwrap(), State::Other("merged".into()));
        assert_eq!(serde_json::to_string(&State::Other("merged".into())).unwrap(), r#""merged""#);
        assert_eq!(State::from("open".to_owned()), State::Open);
        assert_eq!(State::Open.to_string(), "open");
    }
}
