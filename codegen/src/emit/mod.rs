//! Stage 3: one emitter per concern, each a function from the IR to tokens.
//!
//! Generated code names the runtime as `crate::runtime` and other
//! generated modules relatively, so one output compiles inside the
//! `github-apps` crate and, for fixture specs, inside the tests crate.

pub mod cases;
pub mod models;
pub mod module;
pub mod operations;
pub mod previews;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::TypeRef;

/// A generated file as parts, each emitting some of the file's items, in
/// order; the first part also emits the file's inner attributes. Parts are
/// emitted and rendered apart, on whichever thread takes them (tokens
/// cannot cross threads; the IR can), and the texts joined: rendering is
/// per item, so the joined text is the whole file's.
pub struct FileParts<'a> {
    /// The path under the API module, `/`-separated.
    pub path: String,
    /// The parts, in file order.
    pub parts: Vec<Part<'a>>,
}

/// One part of a [`FileParts`].
pub type Part<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

impl<'a> FileParts<'a> {
    /// A file emitted in one part.
    pub fn whole(path: &str, emit: impl Fn() -> TokenStream + Send + Sync + 'a) -> FileParts<'a> {
        FileParts { path: path.to_owned(), parts: vec![Box::new(emit)] }
    }
}

/// `#[doc = "..."]` attributes for a text, one per line; nothing for `None`.
pub fn doc_attrs(text: Option<&str>) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #[doc = #lines] )* }
}

/// Inner `#![doc = "..."]` attributes (a file's `//!` doc) for a text.
pub fn inner_doc_attrs(text: Option<&str>) -> TokenStream {
    let lines = doc_lines(text);
    quote! { #( #![doc = #lines] )* }
}

/// A text as rustdoc lines, each with the space `///` is followed by.
fn doc_lines(text: Option<&str>) -> Vec<String> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else { return Vec::new() };
    let lines = sanitize_doc(text);
    lines.iter().map(|line| if line.is_empty() { String::new() } else { format!(" {line}") }).collect()
}

/// Makes spec prose safe as rustdoc: an untagged code fence would be
/// compiled as a doctest, so it is marked `text`; a bare URL outside code
/// (which rustdoc's `bare_urls` lint reports) becomes an autolink `<...>`.
fn sanitize_doc(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            if let Some(info) = trimmed.strip_prefix("```") {
                let opening = !in_fence;
                in_fence = !in_fence;
                if opening && info.trim().is_empty() {
                    return format!("{}```text", &line[..line.len() - trimmed.len()]);
                }
                return line.trim_end().to_owned();
            }
            if in_fence { line.trim_end().to_owned() } else { autolink_bare_urls(line.trim_end()) }
        })
        .collect()
}

/// Wraps each bare `http://` or `https://` URL of a line of markdown in
/// `<...>`. Left alone: URLs already in `<...>` (autolinks, HTML tags), in a
/// code span, and in a link (`[text](url)`, `[text][ref]`, either part).
/// Trailing punctuation and an unbalanced closing bracket stay outside the
/// link, so `(e.g., https://host/x).` becomes `(e.g., <https://host/x>).`.
fn autolink_bare_urls(line: &str) -> String {
    // Most lines hold no URL: they need no walk.
    if !line.contains("http://") && !line.contains("https://") {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len() + 4);
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        let skip = match c {
            '`' => code_span_len(rest),
            '<' => rest.find('>').map(|end| end + 1),
            '[' => link_len(rest),
            _ => None,
        };
        if let Some(len) = skip {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        let at_word_start = !out.chars().next_back().is_some_and(|p| p.is_alphanumeric() || p == '/');
        if at_word_start && let Some(len) = bare_url_len(rest) {
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            rest = &rest[len..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The length of the code span `text` starts with (a run of backticks up to
/// the next run of the same length), if it is one; a lone run is literal.
fn code_span_len(text: &str) -> Option<usize> {
    let run = text.len() - text.trim_start_matches('`').len();
    let mut at = run;
    while let Some(found) = text[at..].find('`') {
        let start = at + found;
        let len = text[start..].len() - text[start..].trim_start_matches('`').len();
        if len == run {
            return Some(start + len);
        }
        at = start + len;
    }
    None
}

/// The length of the link `text` starts with: `[...]` followed by `(...)`
/// (balanced) or `[...]`.
fn link_len(text: &str) -> Option<usize> {
    let close = text.find(']')?;
    let after = &text[close + 1..];
    let (open, shut) = match after.chars().next()? {
        '(' => ('(', ')'),
        '[' => ('[', ']'),
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in after.char_indices() {
        if c == open {
            depth += 1;
        } else if c == shut {
            depth -= 1;
            if depth == 0 {
                return Some(close + 1 + i + 1);
            }
        }
    }
    None
}

/// The length of the URL `text` starts with, if it starts with one.
fn bare_url_len(text: &str) -> Option<usize> {
    let scheme = ["https://", "http://"].into_iter().find(|s| text.starts_with(s))?;
    let mut url = text
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .map_or(text, |end| &text[..end]);
    loop {
        let unbalanced = |open: char, close: char| {
            url.ends_with(close) && url.matches(close).count() > url.matches(open).count()
        };
        if url.ends_with(['.', ',', ';', ':', '!', '?', '\'', '*', '_']) || unbalanced('(', ')') || unbalanced('[', ']') {
            url = &url[..url.len() - 1];
        } else {
            break;
        }
    }
    (url.len() > scheme.len()).then_some(url.len())
}

/// An identifier.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The Rust type for a type reference; `models` is the path to the models module.
pub fn rust_type(ty: &TypeRef, models: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Boolean => quote!(bool),
        TypeRef::DateTime => quote!(crate::runtime::timestamp::Timestamp),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::Text => quote!(String),
        TypeRef::Bytes => quote!(Vec<u8>),
        TypeRef::Model(name) => {
            let name = ident(name);
            quote!(#models #name)
        }
        TypeRef::Array(item) => {
            let item = rust_type(item, models);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = rust_type(value, models);
            quote!(std::collections::BTreeMap<String, #value>)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untagged_fences_become_text() {
        let lines = sanitize_doc("Run:\n```\ncurl x\n```\n```json\n{}\n```");
        assert_eq!(lines, vec!["Run:", "```text", "curl x", "```", "```json", "{}", "```"]);
    }

    #[test]
    fn bare_urls_become_autolinks() {
        let cases = [
            (
                "settings page (e.g., https://github.com/settings/apps/:app_slug).",
                "settings page (e.g., <https://github.com/settings/apps/:app_slug>).",
            ),
            ("See http://example.com/a_(b)_c, then stop.", "See <http://example.com/a_(b)_c>, then stop."),
            ("https://a.example/x?y=1&z=2#f", "<https://a.example/x?y=1&z=2#f>"),
            ("one https://a.example and two https://b.example/", "one <https://a.example> and two <https://b.example/>"),
            ("\"https://a.example/q\" or *https://b.example*", "\"<https://a.example/q>\" or *<https://b.example>*"),
            // Already links, code or HTML: unchanged.
            ("an autolink <https://a.example/x> stays", "an autolink <https://a.example/x> stays"),
            ("[docs](https://docs.example/x) stays", "[docs](https://docs.example/x) stays"),
            ("[https://docs.example](https://docs.example/(x)) stays", "[https://docs.example](https://docs.example/(x)) stays"),
            ("[https://docs.example][ref] stays", "[https://docs.example][ref] stays"),
            ("code `curl https://a.example/x` and ``a ` https://b.example``", "code `curl https://a.example/x` and ``a ` https://b.example``"),
            ("<a href=\"https://a.example\">x</a>", "<a href=\"https://a.example\">x</a>"),
            // Not URLs.
            ("xhttps://a.example, https:// alone, http:/x", "xhttps://a.example, https:// alone, http:/x"),
            // A lone backtick is literal, so the URL after it is still bare.
            ("a ` then https://a.example", "a ` then <https://a.example>"),
            // A bracket that opens no link is prose.
            ("[see https://a.example]", "[see <https://a.example>]"),
        ];
        for (input, expected) in cases {
            assert_eq!(autolink_bare_urls(input), expected, "{input}");
        }
    }

    #[test]
    fn urls_in_code_blocks_stay_bare() {
        let lines = sanitize_doc("Call https://a.example:\n```\ncurl https://a.example\n```\nthen `https://b.example`.");
        assert_eq!(lines, vec!["Call <https://a.example>:", "```text", "curl https://a.example", "```", "then `https://b.example`."]);
        let html = doc_attrs(Some("See https://a.example.")).to_string();
        assert!(html.contains("See <https://a.example>."), "{html}");
    }
}
