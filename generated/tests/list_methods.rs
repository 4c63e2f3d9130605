//! The group method of a list operation does not lose pages: awaiting it
//! collects every page; one page is the visible `.first_page()`.

use futures::TryStreamExt;
use github_apps::ClientBuilder;
use github_apps::prelude::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn installation(id: i64) -> Value {
    let mut installation: Vec<Value> = serde_json::from_str(include_str!("fixtures/list-installations.json")).unwrap();
    let mut installation = installation.remove(0);
    installation["id"] = json!(id);
    installation
}

/// Three pages of two installations each, linked with `rel="next"`.
async fn serve_three_pages(server: &MockServer) {
    let root = format!("{}/api/v3/user/installations", server.uri());
    for page in 1..=3 {
        let body = json!({"total_count": 6, "installations": [installation(page * 10 + 1), installation(page * 10 + 2)]});
        let mut response = ResponseTemplate::new(200).set_body_json(body);
        if page < 3 {
            response = response.insert_header("link", format!("<{root}?per_page=2&page={}>; rel=\"next\"", page + 1).as_str());
        }
        let mock = Mock::given(method("GET")).and(path("/api/v3/user/installations")).and(query_param("per_page", "2"));
        let mock = if page == 1 { mock } else { mock.and(query_param("page", page.to_string().as_str())) };
        mock.respond_with(response).with_priority(if page == 1 { 10 } else { 1 }).mount(server).await;
    }
}

#[tokio::test]
async fn awaiting_a_list_method_collects_every_page() {
    let server = MockServer::start().await;
    serve_three_pages(&server).await;
    let user = ClientBuilder::new().base_url(server.uri()).user_token("ghu_x").unwrap();

    let all = user.apps().list_installations_for_authenticated_user().configure(|request| request.per_page(2)).await.unwrap();
    assert_eq!(all.iter().map(|i| i.id).collect::<Vec<_>>(), [11, 12, 21, 22, 31, 32]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3, "three pages, three requests");
}

#[tokio::test]
async fn one_page_and_streams_are_explicit() {
    let server = MockServer::start().await;
    serve_three_pages(&server).await;
    let user = ClientBuilder::new().base_url(server.uri()).user_token("ghu_x").unwrap();
    let list = || user.apps().list_installations_for_authenticated_user().configure(|request| request.per_page(2));

    let first = list().first_page().await.unwrap();
    assert_eq!(first.items().iter().map(|i| i.id).collect::<Vec<_>>(), [11, 12]);
    assert_eq!(first.response().total_count, 6);
    assert!(first.next_url().is_some());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let streamed: Vec<i64> = list().stream().map_ok(|i| i.id).try_collect().await.unwrap();
    assert_eq!(streamed, [11, 12, 21, 22, 31, 32]);
    let pages: Vec<_> = list().pages().try_collect().await.unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 7);
}
