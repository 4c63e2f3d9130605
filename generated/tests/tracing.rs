//! With the `tracing` feature, every request is a `github_api.request` span
//! whose fields name the operation, method, path template, attempt, status
//! and rate-limit remaining, and nothing any subscriber sees holds a secret.
#![cfg(feature = "tracing")]

use github_apps_runtime::test_util as keys;

use std::collections::BTreeMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::BoxFuture;
use github_apps::operations::apps;
use github_apps::runtime::retry::Sleeper;
use github_apps::{ClientBuilder, RetryPolicy};
use serde_json::json;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A span's name and fields.
type SpanRecord = (String, BTreeMap<String, String>);

/// Every span with its fields, and every event's fields, as text.
#[derive(Default, Clone)]
struct Capture {
    spans: Arc<Mutex<BTreeMap<u64, SpanRecord>>>,
    events: Arc<Mutex<Vec<String>>>,
    next_id: Arc<AtomicU64>,
}

struct Fields<'a>(&'a mut BTreeMap<String, String>);

impl Visit for Fields<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}").trim_matches('"').to_owned());
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, attributes: &Attributes<'_>) -> Id {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst) + 1;
        let mut fields = BTreeMap::new();
        attributes.record(&mut Fields(&mut fields));
        self.spans.lock().unwrap().insert(id, (attributes.metadata().name().to_owned(), fields));
        Id::from_u64(id)
    }
    fn record(&self, span: &Id, values: &Record<'_>) {
        if let Some((_, fields)) = self.spans.lock().unwrap().get_mut(&span.into_u64()) {
            values.record(&mut Fields(fields));
        }
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut fields = BTreeMap::new();
        event.record(&mut Fields(&mut fields));
        self.events.lock().unwrap().push(format!("{fields:?}"));
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

impl Capture {
    fn requests(&self) -> Vec<BTreeMap<String, String>> {
        let spans = self.spans.lock().unwrap();
        spans.values().filter(|(name, _)| name == "github_api.request").map(|(_, fields)| fields.clone()).collect()
    }

    fn everything(&self) -> String {
        format!("{:?} {:?}", self.spans.lock().unwrap(), self.events.lock().unwrap())
    }
}

#[derive(Debug, Default)]
struct NoSleep;

impl Sleeper for NoSleep {
    fn sleep(&self, _: Duration) -> BoxFuture<'static, ()> {
        Box::pin(async {})
    }
}

fn fields(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

#[tokio::test]
async fn every_request_is_a_span_with_its_fields_and_no_secret() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/v3/app/installations/7/access_tokens"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"token": "ghs_tracing_token_000000000000000000", "expires_at": "2099-01-01T00:00:00Z"})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/installation/repositories"))
        .respond_with(ResponseTemplate::new(502))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/installation/repositories"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"total_count": 0, "repositories": []}))
                .insert_header("x-ratelimit-remaining", "4321"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/applications/Iv1.8a61f9b3a7aba766/tokens/gho_path_token_0000000000000000000000"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "Not Found"})))
        .mount(&server)
        .await;
    let builder = ClientBuilder::new().base_url(server.uri()).retry(RetryPolicy::new()).sleeper(Arc::new(NoSleep));
    let installation = builder.app(7, keys::test_key().pkcs1.as_str()).unwrap().installation(7);
    installation.send(apps::ListReposAccessibleToInstallation::new()).await.unwrap();
    let oauth = builder.oauth_app("Iv1.8a61f9b3a7aba766", "client_secret_0000000000000000000000000").unwrap();
    #[allow(deprecated)]
    let check = apps::CheckAuthorization::new("Iv1.8a61f9b3a7aba766", "gho_path_token_0000000000000000000000");
    oauth.send(check).await.unwrap_err();

    let requests = capture.requests();
    assert_eq!(
        requests,
        [
            fields(&[
                ("operation", "apps/list-repos-accessible-to-installation"),
                ("method", "GET"),
                ("path_template", "/installation/repositories"),
                ("attempt", "2"),
                ("status", "200"),
                ("rate_limit_remaining", "4321"),
            ]),
            fields(&[
                ("operation", "apps/create-installation-access-token"),
                ("method", "POST"),
                ("path_template", "/app/installations/{installation_id}/access_tokens"),
                ("attempt", "1"),
                ("status", "201"),
            ]),
            fields(&[
                ("operation", "apps/check-authorization"),
                ("method", "GET"),
                ("path_template", "/applications/{client_id}/tokens/{access_token}"),
                ("attempt", "1"),
                ("status", "404"),
            ]),
        ]
    );
    let everything = capture.everything();
    for secret in ["ghs_tracing_token", "gho_path_token", "client_secret_0000", "BEGIN RSA", "eyJ"] {
        assert!(!everything.contains(secret), "{secret} seen by the subscriber: {everything}");
    }
}
