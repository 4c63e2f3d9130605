//! Conditional requests against a local server that honours
//! `If-None-Match`: a 304 is a normal outcome (GitHub does not count it
//! against the primary rate limit), by hand or through the response cache.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use github_apps::operations::apps;
use github_apps::{ClientBuilder, Conditional, ResponseCache};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Serves the app `slug` with an ETag of its current version, and 304 when
/// `If-None-Match` names it. Records the `If-None-Match` of each request.
struct VersionedApp {
    version: AtomicUsize,
    seen: Mutex<Vec<Option<String>>>,
}

impl VersionedApp {
    fn new() -> VersionedApp {
        VersionedApp { version: AtomicUsize::new(1), seen: Mutex::new(Vec::new()) }
    }
}

fn app_body(version: usize) -> Value {
    json!({"id": version, "slug": "octoapp", "node_id": "x", "owner": null, "name": format!("Octo v{version}"),
           "description": null, "external_url": "https://x", "html_url": "https://x",
           "created_at": "2017-07-08T16:18:44-04:00", "updated_at": "2017-07-08T16:18:44-04:00",
           "permissions": {}, "events": []})
}

impl Respond for &'static VersionedApp {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let version = self.version.load(Ordering::SeqCst);
        let etag = format!("\"v{version}\"");
        let if_none_match = request.headers.get("if-none-match").map(|v| v.to_str().unwrap().to_owned());
        self.seen.lock().unwrap().push(if_none_match.clone());
        if if_none_match.as_deref() == Some(etag.as_str()) {
            ResponseTemplate::new(304).insert_header("etag", etag.as_str()).insert_header("x-ratelimit-remaining", "4999")
        } else {
            ResponseTemplate::new(200)
                .set_body_json(app_body(version))
                .insert_header("etag", etag.as_str())
                .insert_header("x-ratelimit-remaining", "4998")
        }
    }
}

async fn serve(responder: &'static VersionedApp) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/api/v3/apps/octoapp")).respond_with(responder).mount(&server).await;
    server
}

#[tokio::test]
async fn a_304_returns_the_cached_value_and_the_server_counts_it() {
    let responder: &'static VersionedApp = Box::leak(Box::new(VersionedApp::new()));
    let server = serve(responder).await;
    let cache = ResponseCache::new(16, 1 << 20);
    let client = ClientBuilder::new().base_url(server.uri()).response_cache(cache.clone()).user_token("ghu_a").unwrap();

    let first = client.send_with_response(apps::GetBySlug::new("octoapp")).await.unwrap();
    let second = client.send_with_response(apps::GetBySlug::new("octoapp")).await.unwrap();
    assert_eq!((first.from_cache, second.from_cache), (false, true));
    assert_eq!(second.value.name, first.value.name);
    assert_eq!(second.status, 200, "the cached answer's status");
    assert_eq!(second.rate_limit.unwrap().remaining, Some(4999), "the 304's fresh rate limit");
    assert_eq!(server.received_requests().await.unwrap().len(), 2, "both requests reached the server");
    assert_eq!(*responder.seen.lock().unwrap(), [None, Some("\"v1\"".to_owned())]);

    // A change on the server is seen at once.
    responder.version.store(2, Ordering::SeqCst);
    let third = client.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    assert_eq!(third.name, "Octo v2");
    assert_eq!(cache.len(), 1);

    // Another credential never gets this credential's cached answer.
    let other = ClientBuilder::new().base_url(server.uri()).response_cache(cache.clone()).user_token("ghu_b").unwrap();
    other.send(apps::GetBySlug::new("octoapp")).await.unwrap();
    assert_eq!(responder.seen.lock().unwrap().last().unwrap(), &None, "no validator sent for another token");
    assert_eq!(cache.len(), 2);
}

#[tokio::test]
async fn validators_by_hand_make_304_a_normal_outcome() {
    let responder: &'static VersionedApp = Box::leak(Box::new(VersionedApp::new()));
    let server = serve(responder).await;
    let client = ClientBuilder::new().base_url(server.uri()).anonymous().unwrap();

    let first = client.send_with_response(apps::GetBySlug::new("octoapp")).await.unwrap();
    let validators = first.validators();
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    let again = client.send_if_modified(apps::GetBySlug::new("octoapp"), &validators).await.unwrap();
    let Conditional::NotModified { rate_limit, .. } = &again else { panic!("{again:?}") };
    assert_eq!(rate_limit.as_ref().unwrap().remaining, Some(4999));

    responder.version.store(2, Ordering::SeqCst);
    let changed = client.send_if_modified(apps::GetBySlug::new("octoapp"), &validators).await.unwrap();
    let changed = changed.modified().expect("a new version");
    assert_eq!((changed.value.name.as_str(), changed.validators().etag.as_deref()), ("Octo v2", Some("\"v2\"")));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
