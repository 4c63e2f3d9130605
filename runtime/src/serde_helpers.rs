//! serde helpers the generated models name in their attributes.

use serde::{Deserialize, Deserializer};

/// Deserializes an optional, nullable field as `Option<Option<T>>`: absent is
/// `None` (through `#[serde(default)]`), `null` is `Some(None)`, a value is
/// `Some(Some(value))`.
pub fn double_option<'de, T, D>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    T: Deserialize<'de>,
    D: Deserializer<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Holder {
        #[serde(default, deserialize_with = "super::double_option", skip_serializing_if = "Option::is_none")]
        field: Option<Option<u32>>,
    }

    #[test]
    fn absent_null_and_value_stay_apart() {
        for (text, expected) in [("{}", None), ("{\"field\":null}", Some(None)), ("{\"field\":3}", Some(Some(3)))] {
            let holder: Holder = serde_json::from_str(text).unwrap();
            assert_eq!(holder.field, expected);
            assert_eq!(serde_json::to_string(&holder).unwrap(), text);
        }
    }
}
