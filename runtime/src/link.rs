//! A lenient parser for RFC 8288 `Link` headers, the way GitHub links the
//! pages of a list (`rel="next"`, `rel="prev"`, `rel="first"`, `rel="last"`).
//!
//! The grammar (RFC 8288, section 3) is
//!
//! ```text
//! Link       = #link-value
//! link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
//! link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
//! ```
//!
//! The parser accepts several links per header and several `Link` header
//! lines, several space-separated relation types in one `rel`, quoted and
//! unquoted parameter values, extra whitespace, unknown parameters (kept in
//! [`Link::params`]), and commas or semicolons inside the `<...>` target and
//! inside quoted strings. It never panics: a link-value that does not parse
//! is skipped up to the next top-level comma and the rest is still read.
//! Relation types compare case-insensitively; as the RFC requires, only the
//! first `rel` of a link-value counts.

use reqwest::header::{HeaderMap, LINK};
use url::Url;

/// One link-value of a `Link` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The target exactly as written between `<` and `>` (possibly relative).
    pub target: String,
    /// The relation types of the first `rel` parameter, lowercased.
    pub rels: Vec<String>,
    /// Every parameter in order, names lowercased, values unquoted.
    pub params: Vec<(String, String)>,
}

impl Link {
    /// Whether the link has relation type `rel` (case-insensitive).
    pub fn has_rel(&self, rel: &str) -> bool {
        self.rels.iter().any(|r| r.eq_ignore_ascii_case(rel))
    }

    /// The first value of parameter `name` (case-insensitive).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The target resolved against `base` (the URL of the response that
    /// carried the header), or `None` if it is not a valid URI reference.
    pub fn resolve(&self, base: &Url) -> Option<Url> {
        base.join(&self.target).ok()
    }
}

/// All links of a response, in header order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Links {
    links: Vec<Link>,
}

impl Links {
    /// Parses one `Link` header value. Malformed link-values are skipped.
    pub fn parse(header: &str) -> Links {
        let mut links = Links::default();
        links.extend_from(header);
        links
    }

    /// Parses every `Link` header line of a response. Values that are not
    /// valid UTF-8 are read lossily rather than dropped.
    pub fn from_headers(headers: &HeaderMap) -> Links {
        let mut links = Links::default();
        for value in headers.get_all(LINK) {
            links.extend_from(&String::from_utf8_lossy(value.as_bytes()));
        }
        links
    }

    fn extend_from(&mut self, header: &str) {
        let mut parser = Parser { text: header, bytes: header.as_bytes(), pos: 0 };
        while let Some(parsed) = parser.next_link_value() {
            if let Some(link) = parsed {
                self.links.push(link);
            }
        }
    }

    /// Every parsed link.
    pub fn iter(&self) -> impl Iterator<Item = &Link> {
        self.links.iter()
    }

    /// The number of parsed links.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    /// Whether no link parsed.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// The first link with relation type `rel` (case-insensitive).
    pub fn get(&self, rel: &str) -> Option<&Link> {
        self.links.iter().find(|link| link.has_rel(rel))
    }

    /// The target of `rel="next"`.
    pub fn next(&self) -> Option<&str> {
        self.get("next").map(|link| link.target.as_str())
    }

    /// The target of `rel="prev"` (or the older `rel="previous"`).
    pub fn prev(&self) -> Option<&str> {
        self.get("prev").or_else(|| self.get("previous")).map(|link| link.target.as_str())
    }

    /// The target of `rel="first"`.
    pub fn first(&self) -> Option<&str> {
        self.get("first").map(|link| link.target.as_str())
    }

    /// The target of `rel="last"`.
    pub fn last(&self) -> Option<&str> {
        self.get("last").map(|link| link.target.as_str())
    }
}

impl<'a> IntoIterator for &'a Links {
    type Item = &'a Link;
    type IntoIter = std::slice::Iter<'a, Link>;

    fn into_iter(self) -> Self::IntoIter {
        self.links.iter()
    }
}

/// A cursor over one header value. Every delimiter it looks for is ASCII,
/// so every slice it takes starts and ends on a char boundary.
struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

fn is_ows(byte: u8) -> bool {
    byte == b' ' || byte == b'\t'
}

/// RFC 9110 `tchar`.
fn is_tchar(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ows(&mut self) {
        while self.peek().is_some_and(is_ows) {
            self.pos += 1;
        }
    }

    /// The next link-value: `None` at the end of the header, `Some(None)`
    /// for a link-value that did not parse (already skipped).
    fn next_link_value(&mut self) -> Option<Option<Link>> {
        // `#rule` lists allow empty elements: `, , <a>; rel=next`.
        while self.peek().is_some_and(|b| is_ows(b) || b == b',' || b == b'\r' || b == b'\n') {
            self.pos += 1;
        }
        self.peek()?;
        let link = self.link_value();
        if link.is_none() {
            self.skip_to_next_value();
        }
        Some(link)
    }

    fn link_value(&mut self) -> Option<Link> {
        if self.peek() != Some(b'<') {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        // A URI reference cannot contain `>`, but it may contain `,` and `;`.
        let end = start + self.bytes[start..].iter().position(|&b| b == b'>')?;
        let target = self.text[start..end].trim().to_owned();
        self.pos = end + 1;
        let mut params = Vec::new();
        loop {
            self.skip_ows();
            match self.peek() {
                None | Some(b',') => break,
                Some(b';') => {
                    self.pos += 1;
                    self.skip_ows();
                    // `<a>;` with nothing after the semicolon is tolerated.
                    if matches!(self.peek(), None | Some(b',') | Some(b';')) {
                        continue;
                    }
                    params.push(self.link_param()?);
                }
                Some(_) => return None,
            }
        }
        let rels = params
            .iter()
            .find(|(name, _)| name == "rel")
            .map(|(_, value)| value.split_ascii_whitespace().map(str::to_ascii_lowercase).collect())
            .unwrap_or_default();
        Some(Link { target, rels, params })
    }

    fn link_param(&mut self) -> Option<(String, String)> {
        let name = self.token()?.to_ascii_lowercase();
        self.skip_ows();
        if self.peek() != Some(b'=') {
            return Some((name, String::new()));
        }
        self.pos += 1;
        self.skip_ows();
        let value = if self.peek() == Some(b'"') { self.quoted_string()? } else { self.token()?.to_owned() };
        Some((name, value))
    }

    /// A non-empty run of `tchar`s. `rel*` (RFC 8187 extended values) is a
    /// token ending in `*`, which `tchar` already covers.
    fn token(&mut self) -> Option<&str> {
        let start = self.pos;
        while self.peek().is_some_and(is_tchar) {
            self.pos += 1;
        }
        (self.pos > start).then(|| &self.text[start..self.pos])
    }

    /// A quoted string with `\` escapes; `None` if it never closes.
    fn quoted_string(&mut self) -> Option<String> {
        debug_assert_eq!(self.peek(), Some(b'"'));
        self.pos += 1;
        let mut value = String::new();
        let mut run_start = self.pos;
        loop {
            match self.peek()? {
                b'"' => {
                    value.push_str(&self.text[run_start..self.pos]);
                    self.pos += 1;
                    return Some(value);
                }
                b'\\' => {
                    value.push_str(&self.text[run_start..self.pos]);
                    self.pos += 1;
                    // The escaped character may be multi-byte: copy it whole.
                    let escaped = self.text.get(self.pos..)?.chars().next()?;
                    value.push(escaped);
                    self.pos += escaped.len_utf8();
                    run_start = self.pos;
                }
                _ => self.pos += 1,
            }
        }
    }

    /// Recovers from a malformed link-value: skips to the next comma that is
    /// outside `<...>` and outside a quoted string.
    fn skip_to_next_value(&mut self) {
        let mut in_quotes = false;
        let mut in_target = false;
        while let Some(byte) = self.peek() {
            match byte {
                b'\\' if in_quotes => self.pos += 1,
                b'"' if !in_target => in_quotes = !in_quotes,
                b'<' if !in_quotes => in_target = true,
                b'>' if !in_quotes => in_target = false,
                b',' if !in_quotes && !in_target => return,
                _ => {}
            }
            self.pos += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_github_style_links() {
        let links = Links::parse(
            r#"<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last""#,
        );
        assert_eq!(links.len(), 2);
        assert_eq!(links.next(), Some("https://api.github.com/x?page=2"));
        assert_eq!(links.last(), Some("https://api.github.com/x?page=5"));
        assert_eq!(links.prev(), None);
        assert_eq!(links.first(), None);
    }

    #[test]
    fn several_rels_in_one_param_and_case_insensitive() {
        let links = Links::parse(r#"<https://h/p?page=3>; REL="Next  last""#);
        let link = links.get("next").unwrap();
        assert_eq!(link.rels, vec!["next", "last"]);
        assert_eq!(links.last(), Some("https://h/p?page=3"));
        assert!(link.has_rel("LAST"));
    }

    #[test]
    fn unquoted_values_whitespace_and_unknown_params() {
        let links = Links::parse("  <a> ;rel=next ;  title = \"Page, two; really\" ; hreflang=en ;x ,<b>;rel=prev");
        assert_eq!(links.next(), Some("a"));
        assert_eq!(links.prev(), Some("b"));
        let next = links.get("next").unwrap();
        assert_eq!(next.param("title"), Some("Page, two; really"));
        assert_eq!(next.param("hreflang"), Some("en"));
        assert_eq!(next.param("x"), Some(""));
    }

    #[test]
    fn commas_and_semicolons_inside_targets() {
        let links = Links::parse(r#"<https://h/p?a=1,2;b=3>; rel="next", <https://h/p?a=1,2&page=9>; rel="last""#);
        assert_eq!(links.next(), Some("https://h/p?a=1,2;b=3"));
        assert_eq!(links.last(), Some("https://h/p?a=1,2&page=9"));
    }

    #[test]
    fn escaped_quotes_in_values() {
        let links = Links::parse(r#"<a>; title="say \"hi\", \\ ok"; rel=next"#);
        assert_eq!(links.get("next").unwrap().param("title"), Some(r#"say "hi", \ ok"#));
    }

    #[test]
    fn only_the_first_rel_counts() {
        let links = Links::parse(r#"<a>; rel="next"; rel="last""#);
        assert_eq!(links.next(), Some("a"));
        assert_eq!(links.last(), None);
    }

    #[test]
    fn malformed_values_are_skipped_not_fatal() {
        for (header, next) in [
            ("", None),
            (",,,", None),
            ("garbage", None),
            ("<unterminated; rel=next", None),
            ("<a>; rel=\"next", None),
            ("<a> rel=next", None),
            ("<a>; =next", None),
            ("<a>; rel=", None),
            ("garbage, <b>; rel=next", Some("b")),
            ("<a>; rel=\"unterminated, <b>; rel=next", None),
            ("<a>; title=\"x,y\" junk, <b>; rel=next", Some("b")),
            ("<a>;;; rel=next;", Some("a")),
            ("<é>; rel=\"n\\é\", <ü>; rel=next", Some("ü")),
            ("<a>; rel=next\\", None),
            ("\u{0}<\u{0}>; rel=next", None),
        ] {
            assert_eq!(Links::parse(header).next(), next, "{header:?}");
        }
    }

    #[test]
    fn resolves_relative_targets() {
        let base = Url::parse("https://ghe.example.com/api/v3/installation/repositories?page=1").unwrap();
        let links = Links::parse("</api/v3/installation/repositories?page=2>; rel=next");
        let next = links.get("next").unwrap().resolve(&base).unwrap();
        assert_eq!(next.as_str(), "https://ghe.example.com/api/v3/installation/repositories?page=2");
    }

    #[test]
    fn reads_every_header_line() {
        let mut headers = HeaderMap::new();
        headers.append(LINK, "<a>; rel=first".parse().unwrap());
        headers.append(LINK, "<b>; rel=next".parse().unwrap());
        let links = Links::from_headers(&headers);
        assert_eq!((links.first(), links.next()), (Some("a"), Some("b")));
    }
}
