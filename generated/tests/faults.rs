//! A faulty server: malformed JSON, a truncated body, an empty 200, the
//! wrong content type, a very large body, a slow answer, a slow body, a
//! reset connection and an answer that is not HTTP. Each gives a typed error
//! well within the test's hang guard; none panics or hangs.

mod pagination_common;

use std::future::Future;
use std::time::Duration;

use futures::StreamExt;
use github_apps::operations::apps::{ListInstallationsForAuthenticatedUser, ListReposAccessibleToInstallation};
use github_apps::{Error, UserClient};
use pagination_common::{TOKEN, builder};
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Generous: a broken client would hang forever, a working one answers in
/// well under a second.
const HANG_GUARD: Duration = Duration::from_secs(20);

async fn send_guarded(client: &UserClient) -> Error {
    tokio::time::timeout(HANG_GUARD, client.send(ListInstallationsForAuthenticatedUser::new()))
        .await
        .expect("the client gave up within the hang guard")
        .expect_err("the faulty answer is an error")
}

async fn wiremock_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(response).mount(&server).await;
    server
}

/// A raw TCP server on 127.0.0.1 that reads one request per connection and
/// hands the socket to `answer`. It serves a bounded number of connections.
async fn raw_server<F, Fut>(answer: F) -> String
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let uri = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        for _ in 0..8 {
            let Ok((mut socket, _)) = listener.accept().await else { return };
            let mut request = Vec::new();
            let mut buffer = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buffer).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buffer[..n]),
                }
            }
            tokio::spawn(answer(socket));
        }
    });
    uri
}

fn head(content_length: usize) -> String {
    format!("HTTP/1.1 200 OK\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: {content_length}\r\n\r\n")
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_the_raw_body() {
    let body = r#"{"total_count": 1, "installations": [{"id": 1,"#;
    let server = wiremock_answering(ResponseTemplate::new(200).set_body_raw(body, "application/json")).await;
    let err = send_guarded(&builder(&server.uri()).user_token(TOKEN).unwrap()).await;
    let Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert_eq!((decode.status, decode.body.expose_raw()), (200, body.as_bytes()));
    assert_eq!(decode.classify(), serde_json::error::Category::Eof, "{decode:?}");
    assert_eq!(decode.content_type.as_deref(), Some("application/json"));
}

#[tokio::test]
async fn an_empty_200_is_a_decode_error() {
    let server = wiremock_answering(ResponseTemplate::new(200)).await;
    let err = send_guarded(&builder(&server.uri()).user_token(TOKEN).unwrap()).await;
    let Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert!(decode.body.is_empty());
    assert!(err.to_string().starts_with("the 200 response body of apps/list-installations-for-authenticated-user"));
}

#[tokio::test]
async fn the_wrong_content_type_is_a_decode_error_naming_it() {
    let html = "<!DOCTYPE html><html><body>Sign in to your captive portal</body></html>";
    let server = wiremock_answering(ResponseTemplate::new(200).set_body_raw(html, "text/html; charset=utf-8")).await;
    let err = send_guarded(&builder(&server.uri()).user_token(TOKEN).unwrap()).await;
    let Error::Decode(decode) = &err else { panic!("{err:?}") };
    assert_eq!(decode.content_type.as_deref(), Some("text/html; charset=utf-8"));
    assert_eq!(decode.body_text(), html);
    assert!(err.to_string().contains("(content type text/html; charset=utf-8)"), "{err}");
}

#[tokio::test]
async fn a_declared_body_above_the_limit_is_refused_unread() {
    let big = vec![b' '; 3 * 1024 * 1024];
    let server = wiremock_answering(ResponseTemplate::new(200).set_body_raw(big, "application/json")).await;
    let client = builder(&server.uri()).max_response_bytes(1024 * 1024).user_token(TOKEN).unwrap();
    let err = send_guarded(&client).await;
    assert!(matches!(err, Error::BodyTooLarge { limit: 1_048_576, .. }), "{err:?}");
}

#[tokio::test]
async fn a_chunked_body_above_the_limit_is_cut_off() {
    // No Content-Length: the limit is enforced while reading.
    let uri = raw_server(|mut socket| async move {
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        if socket.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, " ".repeat(64 * 1024));
        // 64 MiB at most; the client hangs up long before.
        for _ in 0..1024 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    })
    .await;
    let client = builder(&uri).max_response_bytes(256 * 1024).user_token(TOKEN).unwrap();
    let err = send_guarded(&client).await;
    assert!(matches!(err, Error::BodyTooLarge { limit: 262_144, .. }), "{err:?}");
}

#[tokio::test]
async fn a_large_body_within_the_limit_decodes() {
    let server = MockServer::start().await;
    let ids = 1..=400;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(pagination_common::repositories_page(400, ids)))
        .mount(&server)
        .await;
    let client = builder(&server.uri()).installation_token(TOKEN).unwrap();
    let page = tokio::time::timeout(HANG_GUARD, client.first_page(&ListReposAccessibleToInstallation::new()))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.items().len(), 400);
    assert_eq!(page.items()[399].id, 400);
}

#[tokio::test]
async fn a_truncated_body_is_a_transport_error() {
    let uri = raw_server(|mut socket| async move {
        let body = r#"{"total_count": 1, "installations": ["#;
        let _ = socket.write_all(format!("{}{body}", head(1000)).as_bytes()).await;
        let _ = socket.shutdown().await;
    })
    .await;
    let err = send_guarded(&builder(&uri).user_token(TOKEN).unwrap()).await;
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_reset_connection_is_a_transport_error() {
    let uri = raw_server(|socket| async move {
        #[allow(deprecated)] // deprecated because closing may block; a zero linger does not
        socket.set_linger(Some(Duration::ZERO)).unwrap();
        drop(socket);
    })
    .await;
    let err = send_guarded(&builder(&uri).user_token(TOKEN).unwrap()).await;
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_reset_in_the_middle_of_the_body_is_a_transport_error() {
    let uri = raw_server(|mut socket| async move {
        let _ = socket.write_all(format!("{}{{\"total_count\": 1, ", head(500)).as_bytes()).await;
        let _ = socket.flush().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
        #[allow(deprecated)]
        socket.set_linger(Some(Duration::ZERO)).unwrap();
        drop(socket);
    })
    .await;
    let err = send_guarded(&builder(&uri).user_token(TOKEN).unwrap()).await;
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn an_answer_that_is_not_http_is_a_transport_error() {
    let uri = raw_server(|mut socket| async move {
        let _ = socket.write_all(b"SSH-2.0-OpenSSH_9.6\r\n\r\n").await;
        let _ = socket.shutdown().await;
    })
    .await;
    let err = send_guarded(&builder(&uri).user_token(TOKEN).unwrap()).await;
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_slow_answer_times_out() {
    let server = wiremock_answering(
        ResponseTemplate::new(200)
            .set_body_json(json!({"total_count": 0, "installations": []}))
            .set_delay(Duration::from_secs(10)),
    )
    .await;
    let client = builder(&server.uri()).timeout(Duration::from_millis(300)).user_token(TOKEN).unwrap();
    let err = send_guarded(&client).await;
    assert!(matches!(err, Error::Timeout(limit) if limit == Duration::from_millis(300)), "{err:?}");
}

#[tokio::test]
async fn a_body_that_trickles_past_the_timeout_times_out() {
    let uri = raw_server(|mut socket| async move {
        if socket.write_all(head(1000).as_bytes()).await.is_err() {
            return;
        }
        // One byte every 100 ms: 100 s for the whole body, bounded by the client hanging up.
        for _ in 0..1000 {
            if socket.write_all(b" ").await.is_err() {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    })
    .await;
    let client = builder(&uri).timeout(Duration::from_millis(500)).user_token(TOKEN).unwrap();
    let err = send_guarded(&client).await;
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // Bind, learn the port, close: nothing listens there any more.
    let port = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    let err = send_guarded(&builder(&format!("http://127.0.0.1:{port}")).user_token(TOKEN).unwrap()).await;
    let Error::Transport(source) = &err else { panic!("{err:?}") };
    assert!(source.is_connect(), "{source:?}");
}

#[tokio::test]
async fn faults_in_the_middle_of_a_paginated_stream_end_it_with_an_error() {
    let server = MockServer::start().await;
    let next = format!("<{}/api/v3/user/installations?page=2>; rel=\"next\"", server.uri());
    Mock::given(method("GET"))
        .and(wiremock::matchers::query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{\"total_count\": 3, \"installations\": [", "application/json"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"total_count": 3, "installations": [pagination_common::installation(1)]}))
                .insert_header("link", next.as_str()),
        )
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let results = tokio::time::timeout(
        HANG_GUARD,
        client.paginate(ListInstallationsForAuthenticatedUser::new()).collect::<Vec<_>>(),
    )
    .await
    .unwrap();
    assert_eq!(results.len(), 2, "{results:?}");
    assert_eq!(results[0].as_ref().unwrap().id, 1);
    assert!(matches!(&results[1], Err(Error::Decode(_))), "{:?}", results[1]);
}
