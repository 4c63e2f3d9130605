//! Status ranges (the `status_ranges` fixture description): with no 2xx
//! code documented, the `2XX` shape decodes every 2xx; a documented code's
//! shape wins over the range; an error range's body is kept as sent.

use github_apps::{ClientBuilder, Error};
use github_apps_tests::generated::status_ranges::operations::channels;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn the_2xx_range_decodes_any_success() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/channels"))
        .respond_with(ResponseTemplate::new(203).set_body_json(json!([{"name": "general"}, {"name": "random"}])))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let listed = client.send(channels::List::new()).await.unwrap();
    assert_eq!(listed.iter().map(|channel| channel.name.as_str()).collect::<Vec<_>>(), ["general", "random"]);
}

#[tokio::test]
async fn a_documented_code_wins_over_the_range() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/channels/general"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "general"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let channel = client.send(channels::Get::new("general")).await.unwrap();
    assert_eq!(channel.name, "general");
}

#[tokio::test]
async fn an_error_range_keeps_the_body_as_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/channels"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({"message": "slow down"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    let err = client.send(channels::List::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(429));
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.message.as_deref(), Some("slow down"));
    assert_eq!(api.body.expose_raw(), br#"{"message":"slow down"}"#);
    assert!(err.to_string().contains("429"), "{err}");
}
