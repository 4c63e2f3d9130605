//! Non-JSON bodies (the `non_json` fixture description): a text request is
//! sent as its UTF-8 bytes with its media type, a binary one as bytes with
//! `application/octet-stream`, and text and binary answers decode to
//! `String` and `Vec<u8>` with `Accept` asking for their media type.

use github_apps::ClientBuilder;
use github_apps_tests::generated::non_json::operations::{markdown, meta, repos};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn text_goes_out_as_text_and_comes_back_as_a_string() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/markdown/raw"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("<p>Hello <strong>world</strong> ✓</p>", "text/html"))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::new().base_url(server.uri()).user_token("ghu_x").unwrap();
    let html = client.send(markdown::RenderRaw::new("Hello **world** ✓".to_owned())).await.unwrap();
    assert_eq!(html, "<p>Hello <strong>world</strong> ✓</p>");
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["content-type"], "text/plain");
    assert_eq!(request.headers["accept"], "text/html");
    assert_eq!(request.body, "Hello **world** ✓".as_bytes());
    assert_eq!(request.headers["authorization"], "Bearer ghu_x", "every credential may call an unsecured description");
}

#[tokio::test]
async fn bytes_go_out_and_come_back_as_they_are() {
    let server = MockServer::start().await;
    let octocat: Vec<u8> = vec![0, 159, 146, 150, 255, b'\n'];
    Mock::given(method("GET"))
        .and(path("/api/v3/octocat"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(octocat.clone(), "application/octocat-stream"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v3/repos/o/r/releases/7/assets"))
        .and(query_param("name", "asset.bin"))
        .respond_with(ResponseTemplate::new(201).set_body_json(serde_json::json!({"id": 1, "name": "asset.bin"})))
        .mount(&server)
        .await;
    let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();
    let got = client.send(meta::GetOctocat::new()).await.unwrap();
    assert_eq!(got, octocat);
    let asset = client.send(repos::UploadReleaseAsset::new("o", "r", 7, "asset.bin").body(octocat.clone())).await.unwrap();
    assert_eq!(asset.name, "asset.bin");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[0].headers["accept"], "application/octocat-stream");
    assert_eq!(requests[1].headers["content-type"], "application/octet-stream");
    assert_eq!(requests[1].body, octocat);
}

#[tokio::test]
async fn text_that_is_not_utf8_is_a_decode_error_keeping_the_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![0xff, 0xfe, b'x'], "text/html"))
        .mount(&server)
        .await;
    let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();
    let err = client.send(markdown::RenderRaw::new("x".to_owned())).await.unwrap_err();
    let github_apps::Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert_eq!(decode.body.expose_raw(), [0xff, 0xfe, b'x']);
    assert!(err.to_string().contains("not UTF-8"), "{err}");
}
