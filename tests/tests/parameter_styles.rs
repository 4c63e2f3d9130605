//! Parameter styles (the `parameter_styles` fixture description), as the
//! raw request a server receives shows them: each array and object input
//! spelled as its `style` and `explode` say, percent-encoded the way
//! `application/x-www-form-urlencoded` encodes a query (`,` is `%2C`, `[`
//! is `%5B`, a space is `+`), and a path array's items encoded one by one
//! around literal commas.

mod raw_server;

use std::collections::BTreeMap;

use github_apps::ClientBuilder;
use github_apps_tests::generated::parameter_styles::models::{
    Filter, FilterCreated, SearchColor, SearchLinesItem, SearchPage, SearchQ, SearchXTrace,
};
use github_apps_tests::generated::parameter_styles::operations::things::Search;
use raw_server::{RawResponse, RawServer};

async fn server() -> RawServer {
    RawServer::start(|_| RawResponse { status: 204, headers: Vec::new(), body: Vec::new() }).await
}

#[tokio::test]
async fn arrays_are_joined_as_their_style_says() {
    let server = server().await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let request = Search::new(vec![3, 4])
        .tags(vec!["a".into(), "b,c".into()])
        .any(vec![serde_json::json!(1), serde_json::json!("x"), serde_json::json!(true)])
        .fields(vec!["id".into(), "name".into()])
        .words(vec!["big".into(), "red".into()]);
    client.send(request).await.unwrap();

    let lines = server.request_lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    // `simple` path array: items encoded alone, joined by a literal comma.
    // `form` unexploded: one pair; `pipeDelimited` and `spaceDelimited`: one
    // pair joined by `|` and ` `.
    assert_eq!(lines[0], "GET /things/3,4?tags=a%2Cb%2Cc&any=1%2Cx%2Ctrue&fields=id%7Cname&words=big+red HTTP/1.1");
}

#[tokio::test]
async fn objects_are_spelled_member_by_member() {
    let server = server().await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let filter = Filter::new()
        .name("x y")
        .created(FilterCreated::new().gte(10))
        .states(vec!["open".into(), "closed".into()]);
    let labels = BTreeMap::from([("team".to_owned(), "core".to_owned())]);
    let request = Search::new(vec![7])
        .filter(filter)
        .lines(vec![SearchLinesItem::new().amount(5), SearchLinesItem::new().amount(7)])
        .page(SearchPage::new().number(2).size(50))
        .color(SearchColor::new().r(100).g(200))
        .labels(labels)
        .q(SearchQ::new().ids(vec![1, 2]))
        .x_trace(SearchXTrace::new().id("abc").span(9));
    client.send(request).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    // `deepObject`: `filter[created][gte]=10`, an array member as
    // `filter[states][]`, members in key order, an array of objects by
    // index (`lines[0][amount]`); exploded `form`: the members' own pairs; `form`
    // unexploded: `color=g,200,r,100`; a map as a `deepObject`; `content`:
    // the object's JSON text, `q={"ids":[1,2]}`.
    assert_eq!(
        requests[0].request_line,
        "GET /things/7?filter%5Bcreated%5D%5Bgte%5D=10&filter%5Bname%5D=x+y&filter%5Bstates%5D%5B%5D=open&filter%5Bstates%5D%5B%5D=closed\
         &lines%5B0%5D%5Bamount%5D=5&lines%5B1%5D%5Bamount%5D=7&number=2&size=50&color=g%2C200%2Cr%2C100&labels%5Bteam%5D=core&q=%7B%22ids%22%3A%5B1%2C2%5D%7D HTTP/1.1"
    );
    // An exploded `simple` header object: `key=value` pairs joined by `,`.
    assert_eq!(requests[0].header("x-trace"), Some("id=abc,span=9"));
}

#[tokio::test]
async fn absent_members_and_inputs_send_nothing() {
    let server = server().await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    client.send(Search::new(vec![1]).filter(Filter::new()).page(SearchPage::new().size(5))).await.unwrap();

    let requests = server.requests();
    assert_eq!(requests[0].request_line, "GET /things/1?size=5 HTTP/1.1");
    assert_eq!(requests[0].header("x-trace"), None);
}

#[tokio::test]
async fn an_empty_path_array_is_refused_before_sending() {
    let server = server().await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let err = client.send(Search::new(Vec::new())).await.unwrap_err();
    assert_eq!(err.to_string(), "invalid input `ids` of things/search: no value for this path parameter");
    assert!(server.requests().is_empty(), "a refused request reached the server");
}
