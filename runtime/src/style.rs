//! OpenAPI's parameter styles: how an input's value becomes query pairs, a
//! path segment or a header value.
//!
//! A value comes as texts (a scalar is one, an array one per item) or as a
//! JSON object (a model, map or open object), whose members the style
//! spells out. OpenAPI 3.0 defines, for `name` holding `[a, b]` or
//! `{k: 1, j: 2}`:
//!
//! | style | array | object |
//! |---|---|---|
//! | `form` (query default) | `name=a&name=b` | `k=1&j=2` |
//! | `form`, `explode: false` | `name=a,b` | `name=k,1,j,2` |
//! | `spaceDelimited` | `name=a b` | `name=k 1 j 2` |
//! | `pipeDelimited` | `name=a\|b` | `name=k\|1\|j\|2` |
//! | `deepObject` | (as `form`) | `name[k]=1&name[j]=2` |
//! | `simple` (path, header) | `a,b` | `k,1,j,2` |
//! | `simple`, `explode: true` | `a,b` | `k=1,j=2` |
//! | `content` (a media type) | `name=["a","b"]` | `name={"j":2,"k":1}` |
//!
//! A member that is `null` is left out; a member that is itself an array
//! gives one text per item; a nested object is its JSON text, except under
//! `deepObject`, which nests keys as Rails, PHP, `qs` and Stripe read them:
//! `name[k][x]=1` for an object, `name[k][]=a&name[k][]=b` for an array of
//! scalars, `name[0][x]=1` for an array of objects (which OpenAPI leaves
//! undefined, and no other style spells).
//!
//! This module is the runtime's lowest layer: it uses no other runtime module.

use std::borrow::Cow;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde_json::{Map, Value};

/// How an input's value is spelled on the wire: OpenAPI's `style` with
/// its `explode` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParamStyle {
    /// `form`, exploded (the query default): `name=a&name=b`, an object's
    /// members as their own pairs.
    Form,
    /// `form` with `explode: false`: `name=a,b`.
    FormUnexploded,
    /// `spaceDelimited`: `name=a b`.
    SpaceDelimited,
    /// `pipeDelimited`: `name=a|b`.
    PipeDelimited,
    /// `deepObject`: an object's members as `name[key]=value`.
    DeepObject,
    /// `simple` (the path and header default): `a,b`; an object as
    /// `key,value,key,value`.
    Simple,
    /// `simple` with `explode: true`: an object as `key=value,key=value`.
    SimpleExploded,
    /// Described by `content` (a media type) rather than a style: an object
    /// as its JSON text (`{"k":1}`), an array's texts as a JSON array, a
    /// scalar as its text.
    Content,
}

/// An input's value before it is spelled.
#[derive(Debug, Clone, PartialEq)]
pub enum ParamShape {
    /// Scalars and arrays of scalars: one text per item (none when absent).
    Texts(Vec<String>),
    /// An object's members, in key order.
    Object(Map<String, Value>),
    /// An array that holds objects or arrays: `deepObject` spells it item
    /// by item, any other style as the items' JSON texts.
    List(Vec<Value>),
}

impl ParamShape {
    /// The shape of a JSON value: an object's members, or the texts of
    /// anything else.
    pub fn of_json(value: Value) -> ParamShape {
        match value {
            Value::Object(members) => ParamShape::Object(members),
            Value::Array(items) if items.iter().any(|item| item.is_object() || item.is_array()) => ParamShape::List(items),
            other => {
                ParamShape::Texts(texts_of(&other))
            }
        }
    }
}

impl ParamShape {
    /// The shape's texts: an object or a list's items as their JSON texts.
    fn into_texts(self) -> Vec<String> {
        match self {
            ParamShape::Texts(texts) => texts,
            ParamShape::List(items) => texts_of(&Value::Array(items)),
            ParamShape::Object(members) => vec![Value::Object(members).to_string()],
        }
    }
}

/// One query pair, unencoded. The name is the input's own, except for the
/// members of an exploded object, which name themselves.
pub type QueryPair = (Cow<'static, str>, String);

/// The query pairs of input `name` in `style`.
pub fn query_pairs(name: &'static str, style: ParamStyle, shape: ParamShape, out: &mut Vec<QueryPair>) {
    match (style, shape) {
        (ParamStyle::Content, shape) => out.extend(content_text(shape).map(|text| (Cow::Borrowed(name), text))),
        (ParamStyle::DeepObject, ParamShape::Object(members)) => deep_pairs(name, &members, out),
        (ParamStyle::DeepObject, ParamShape::List(items)) => deep_value(name, &Value::Array(items), out),
        (style, ParamShape::List(items)) => query_pairs(name, style, ParamShape::Texts(ParamShape::List(items).into_texts()), out),
        (ParamStyle::Form, ParamShape::Object(members)) => {
            for (key, value) in &members {
                out.extend(texts_of(value).into_iter().map(|text| (Cow::Owned(key.clone()), text)));
            }
        }
        (ParamStyle::Form | ParamStyle::DeepObject, ParamShape::Texts(texts)) => {
            out.extend(texts.into_iter().map(|text| (Cow::Borrowed(name), text)));
        }
        (style, shape) => {
            let parts = flat_parts(shape, false);
            if !parts.is_empty() {
                out.push((Cow::Borrowed(name), parts.join(delimiter(style))));
            }
        }
    }
}

/// The value of a header input in `style` (`simple`): `None` when absent.
pub fn header_value(style: ParamStyle, shape: ParamShape) -> Option<String> {
    if style == ParamStyle::Content {
        return content_text(shape);
    }
    let parts = flat_parts(shape, style == ParamStyle::SimpleExploded);
    (!parts.is_empty()).then(|| parts.join(","))
}

/// The path segment of an input in `style` (`simple`), each text
/// percent-encoded so the whole stays one segment; the delimiters between
/// them are kept as they are. `None` when the value is absent.
pub fn path_segment(style: ParamStyle, shape: ParamShape) -> Option<String> {
    if style == ParamStyle::Content {
        return content_text(shape).map(|text| encode_path_text(&text));
    }
    let exploded = style == ParamStyle::SimpleExploded;
    let parts: Vec<String> = match shape {
        ParamShape::Object(members) => members
            .iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(key, value)| {
                let value = encode_path_text(&member_text(value));
                let key = encode_path_text(key);
                if exploded { format!("{key}={value}") } else { format!("{key},{value}") }
            })
            .collect(),
        other => other.into_texts().iter().map(|text| encode_path_text(text)).collect(),
    };
    (!parts.is_empty()).then(|| parts.join(","))
}

/// The text of a value described by `content`: an object as its JSON, one
/// text as it is, several as a JSON array of them; `None` when absent.
fn content_text(shape: ParamShape) -> Option<String> {
    match shape {
        ParamShape::Object(members) => Some(Value::Object(members).to_string()),
        ParamShape::List(items) => Some(Value::Array(items).to_string()),
        ParamShape::Texts(mut texts) if texts.len() == 1 => texts.pop(),
        ParamShape::Texts(texts) if texts.is_empty() => None,
        ParamShape::Texts(texts) => Some(Value::from(texts).to_string()),
    }
}

/// The character between the parts of an unexploded value.
fn delimiter(style: ParamStyle) -> &'static str {
    match style {
        ParamStyle::SpaceDelimited => " ",
        ParamStyle::PipeDelimited => "|",
        _ => ",",
    }
}

/// The parts of a value joined by one delimiter: its texts, or an object's
/// keys and values in turn (`key=value` when `exploded`).
fn flat_parts(shape: ParamShape, exploded: bool) -> Vec<String> {
    match shape {
        ParamShape::Object(members) => {
            let mut parts = Vec::new();
            for (key, value) in members.iter().filter(|(_, value)| !value.is_null()) {
                let text = member_text(value);
                match exploded {
                    true => parts.push(format!("{key}={text}")),
                    false => parts.extend([key.clone(), text]),
                }
            }
            parts
        }
        other => other.into_texts(),
    }
}

/// `name[key]=value` for each member, nested as [`deep_value`] says.
fn deep_pairs(prefix: &str, members: &Map<String, Value>, out: &mut Vec<QueryPair>) {
    for (key, value) in members {
        deep_value(&format!("{prefix}[{key}]"), value, out);
    }
}

/// The pairs of `value` under the key `name`: an object's members nested
/// (`name[key]`), an array of scalars as `name[]` per item, an array
/// holding objects or arrays by index (`name[0]`), `null` as nothing.
fn deep_value(name: &str, value: &Value, out: &mut Vec<QueryPair>) {
    match value {
        Value::Null => {}
        Value::Object(members) => deep_pairs(name, members, out),
        Value::Array(items) if items.iter().any(|item| item.is_object() || item.is_array()) => {
            for (index, item) in items.iter().enumerate() {
                deep_value(&format!("{name}[{index}]"), item, out);
            }
        }
        Value::Array(items) => {
            for item in items {
                deep_value(&format!("{name}[]"), item, out);
            }
        }
        scalar => {
            out.extend(texts_of(scalar).into_iter().map(|text| (Cow::Owned(name.to_owned()), text)));
        }
    }
}

/// A member's value as one text: an array's items joined with `,`, any
/// other value as [`json_texts`] gives it.
fn member_text(value: &Value) -> String {
    texts_of(value).join(",")
}

/// [`json_texts`] of `value`, collected.
fn texts_of(value: &Value) -> Vec<String> {
    let mut texts = Vec::new();
    json_texts(value, &mut texts);
    texts
}

/// The texts of a JSON value: none for `null`, a string as it is, a number
/// or boolean as JSON writes it, one per item for an array, and an object
/// (which no style spells inside another value) as its JSON text.
pub fn json_texts(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Null => {}
        Value::String(text) => out.push(text.clone()),
        Value::Bool(_) | Value::Number(_) | Value::Object(_) => out.push(value.to_string()),
        Value::Array(items) => {
            for item in items {
                match item {
                    Value::Array(_) => out.push(item.to_string()),
                    item => json_texts(item, out),
                }
            }
        }
    }
}

/// The characters percent-encoded in a path segment: everything but
/// RFC 3986 unreserved characters.
const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'!')
    .add(b'"')
    .add(b'#')
    .add(b'$')
    .add(b'%')
    .add(b'&')
    .add(b'\'')
    .add(b'(')
    .add(b')')
    .add(b'*')
    .add(b'+')
    .add(b',')
    .add(b'/')
    .add(b':')
    .add(b';')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'@')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Percent-encodes one text of a path parameter so it cannot end the
/// segment or start a query.
pub fn encode_path_text(text: &str) -> String {
    utf8_percent_encode(text, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(items: &[&str]) -> ParamShape {
        ParamShape::Texts(items.iter().map(|item| (*item).to_owned()).collect())
    }

    fn object(json: Value) -> ParamShape {
        ParamShape::of_json(json)
    }

    fn query(name: &'static str, style: ParamStyle, shape: ParamShape) -> Vec<(String, String)> {
        let mut pairs = Vec::new();
        query_pairs(name, style, shape, &mut pairs);
        pairs.into_iter().map(|(name, value)| (name.into_owned(), value)).collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(name, value)| ((*name).to_owned(), (*value).to_owned())).collect()
    }

    /// The table of OpenAPI 3.0's style examples, for arrays.
    #[test]
    fn arrays_are_spelled_as_the_openapi_table_says() {
        let ids = || texts(&["3", "4", "5"]);
        assert_eq!(query("id", ParamStyle::Form, ids()), pairs(&[("id", "3"), ("id", "4"), ("id", "5")]));
        assert_eq!(query("id", ParamStyle::FormUnexploded, ids()), pairs(&[("id", "3,4,5")]));
        assert_eq!(query("id", ParamStyle::SpaceDelimited, ids()), pairs(&[("id", "3 4 5")]));
        assert_eq!(query("id", ParamStyle::PipeDelimited, ids()), pairs(&[("id", "3|4|5")]));
        assert_eq!(header_value(ParamStyle::Simple, ids()).as_deref(), Some("3,4,5"));
        assert_eq!(path_segment(ParamStyle::Simple, ids()).as_deref(), Some("3,4,5"));
    }

    /// The table of OpenAPI 3.0's style examples, for objects: members in
    /// key order (a JSON object's order).
    #[test]
    fn objects_are_spelled_as_the_openapi_table_says() {
        let color = || object(serde_json::json!({"R": 100, "G": 200, "B": 150}));
        assert_eq!(query("color", ParamStyle::Form, color()), pairs(&[("B", "150"), ("G", "200"), ("R", "100")]));
        assert_eq!(query("color", ParamStyle::FormUnexploded, color()), pairs(&[("color", "B,150,G,200,R,100")]));
        assert_eq!(query("color", ParamStyle::PipeDelimited, color()), pairs(&[("color", "B|150|G|200|R|100")]));
        assert_eq!(
            query("color", ParamStyle::DeepObject, color()),
            pairs(&[("color[B]", "150"), ("color[G]", "200"), ("color[R]", "100")])
        );
        assert_eq!(header_value(ParamStyle::Simple, color()).as_deref(), Some("B,150,G,200,R,100"));
        assert_eq!(header_value(ParamStyle::SimpleExploded, color()).as_deref(), Some("B=150,G=200,R=100"));
        assert_eq!(path_segment(ParamStyle::SimpleExploded, color()).as_deref(), Some("B=150,G=200,R=100"));
    }

    #[test]
    fn deep_objects_nest_keys_and_array_items_and_leave_out_nulls() {
        let filter = object(serde_json::json!({"created": {"gte": 10}, "tag": ["a", "b"], "gone": null, "name": "x y"}));
        assert_eq!(
            query("filter", ParamStyle::DeepObject, filter),
            pairs(&[("filter[created][gte]", "10"), ("filter[name]", "x y"), ("filter[tag][]", "a"), ("filter[tag][]", "b")])
        );
        // An array of objects, Stripe's `lines[0][amount]`; other styles
        // send each object's JSON text.
        let lines = || ParamShape::of_json(serde_json::json!([{"amount": 5, "tax": [1, 2]}, {"amount": 7}]));
        assert_eq!(
            query("lines", ParamStyle::DeepObject, lines()),
            pairs(&[("lines[0][amount]", "5"), ("lines[0][tax][]", "1"), ("lines[0][tax][]", "2"), ("lines[1][amount]", "7")])
        );
        assert_eq!(
            query("lines", ParamStyle::Form, lines()),
            pairs(&[("lines", r#"{"amount":5,"tax":[1,2]}"#), ("lines", r#"{"amount":7}"#)])
        );
        assert_eq!(query("lines", ParamStyle::Content, lines()), pairs(&[("lines", r#"[{"amount":5,"tax":[1,2]},{"amount":7}]"#)]));
    }

    #[test]
    fn an_absent_value_gives_nothing_in_any_style() {
        for style in [ParamStyle::Form, ParamStyle::FormUnexploded, ParamStyle::PipeDelimited, ParamStyle::DeepObject] {
            assert_eq!(query("q", style, texts(&[])), pairs(&[]), "{style:?}");
            assert_eq!(query("q", style, object(serde_json::json!({"k": null}))), pairs(&[]), "{style:?}");
        }
        assert_eq!(header_value(ParamStyle::Simple, texts(&[])), None);
        assert_eq!(path_segment(ParamStyle::Simple, object(serde_json::json!({}))), None);
    }

    /// Each text is encoded on its own: a `,` or `/` inside a value cannot
    /// pass for a delimiter or a new segment.
    #[test]
    fn path_texts_are_encoded_but_their_delimiters_are_not() {
        assert_eq!(path_segment(ParamStyle::Simple, texts(&["a,b", "c/d"])).as_deref(), Some("a%2Cb,c%2Fd"));
        let members = object(serde_json::json!({"k=": "v,"}));
        assert_eq!(path_segment(ParamStyle::SimpleExploded, members).as_deref(), Some("k%3D=v%2C"));
    }

    #[test]
    fn content_values_are_json_objects_and_plain_scalars() {
        let filter = || object(serde_json::json!({"ids": [1, 2], "name": "x"}));
        assert_eq!(query("q", ParamStyle::Content, filter()), pairs(&[("q", r#"{"ids":[1,2],"name":"x"}"#)]));
        assert_eq!(query("q", ParamStyle::Content, texts(&["plain"])), pairs(&[("q", "plain")]));
        assert_eq!(query("q", ParamStyle::Content, texts(&["a", "b"])), pairs(&[("q", r#"["a","b"]"#)]));
        assert_eq!(query("q", ParamStyle::Content, texts(&[])), pairs(&[]));
        assert_eq!(header_value(ParamStyle::Content, filter()).as_deref(), Some(r#"{"ids":[1,2],"name":"x"}"#));
        assert_eq!(path_segment(ParamStyle::Content, texts(&["a/b"])).as_deref(), Some("a%2Fb"));
    }

    #[test]
    fn json_scalars_and_nested_values_have_one_text_each() {
        let mut out = Vec::new();
        json_texts(&serde_json::json!([1, "two", true, null, [3], {"k": 4}]), &mut out);
        assert_eq!(out, ["1", "two", "true", "[3]", "{\"k\":4}"]);
    }
}
