//! Pagination against a local server: the real `Link` headers of octokit's
//! paginate-issues recording, wrapped lists, page-at-a-time access,
//! `per_page` validation, foreign and malformed links.

mod pagination_common;

use std::time::Duration;

use futures::{StreamExt, TryStreamExt};
use github_apps::models::RepositorySelection;
use github_apps::operations::apps::{ListInstallationsForAuthenticatedUser, ListReposAccessibleToInstallation};
use github_apps::runtime::auth::{CredentialKind, UserToken};
use github_apps::runtime::operation::{CallableWith, Method, Pagination, Preview, Security};
use github_apps::{ApiErrorKind, Error, Links, Operation, PaginatedOperation};
use pagination_common::{TOKEN, builder, octokit_fixture, repositories_page};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// octokit's recorded list call, as an operation of this crate's shape.
#[derive(Debug, Clone)]
struct FixtureIssues {
    per_page: i64,
}

impl Operation for FixtureIssues {
    type Response = Vec<Value>;
    type Body = ();
    const ID: &'static str = "test/paginate-issues";
    const METHOD: Method = Method::Get;
    const PATH_TEMPLATE: &'static str = "/repos/{owner}/{repo}/issues";
    const REQUIRED_PREVIEWS: &'static [Preview] = &[];
    const OPTIONAL_PREVIEWS: &'static [Preview] = &[];
    const SECURITY: Security = Security { anonymous: false, credentials: &[CredentialKind::UserToken] };
    const DEPRECATION: Option<&'static str> = None;
    const DOCUMENTED_STATUSES: &'static [u16] = &[200];
    const RETRY_SAFE: bool = true;

    const SECRET_PROPERTIES: &'static [&'static str] = &[];

    fn path(&self) -> Result<String, github_apps::runtime::operation::InvalidInput> {
        Ok("/repos/octokit-fixture-org/paginate-issues/issues".to_owned())
    }
    fn query(&self) -> Vec<github_apps::runtime::operation::QueryPair> {
        vec![("per_page".into(), self.per_page.to_string())]
    }
    fn body(&self) -> Result<Option<Vec<u8>>, serde_json::Error> {
        Ok(None)
    }
    fn decode(status: u16, body: &[u8]) -> Option<Result<Self::Response, serde_json::Error>> {
        (status == 200).then(|| github_apps::runtime::operation::decode_json(body))
    }
}

impl PaginatedOperation for FixtureIssues {
    type Item = Value;
    const PAGINATION: Pagination = Pagination { link_header: true, items_property: None };
    fn take_items(response: &mut Self::Response) -> Vec<Value> {
        std::mem::take(response)
    }
}

impl CallableWith<UserToken> for FixtureIssues {}

/// Serves the paginate-issues recording with its `Link` targets moved from
/// api.github.com to the mock server. Returns the recording.
async fn serve_paginate_issues(server: &MockServer) -> Option<Vec<Value>> {
    let records = octokit_fixture("paginate-issues.json")?;
    let root = format!("{}/api/v3/", server.uri());
    for record in &records {
        let recorded_path = record["path"].as_str().unwrap();
        let url = github_apps::url::Url::parse(&format!("https://api.github.com{recorded_path}")).unwrap();
        let mut response = ResponseTemplate::new(record["status"].as_u64().unwrap() as u16)
            .set_body_json(record["response"].clone());
        for (name, value) in record["headers"].as_object().unwrap() {
            let value = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            if name == "content-length" {
                continue;
            }
            response = response.insert_header(name.as_str(), value.replace("https://api.github.com/", &root).as_str());
        }
        let mut mock = Mock::given(method("GET")).and(path(format!("/api/v3{}", url.path())));
        for (key, value) in url.query_pairs() {
            mock = mock.and(query_param(key.as_ref(), value.as_ref()));
        }
        mock.respond_with(response).expect(1..).mount(server).await;
    }
    Some(records)
}

#[tokio::test]
async fn fixture_link_headers_parse_exactly() {
    let Some(records) = octokit_fixture("paginate-issues.json") else { return };
    let base = "https://api.github.com/repositories/1000/issues?per_page=3&page=";
    let page = |n: u32| Some(format!("{base}{n}"));
    let expected = [
        (page(2), None, None, page(5)),
        (page(3), page(1), page(1), page(5)),
        (page(4), page(2), page(1), page(5)),
        (page(5), page(3), page(1), page(5)),
        (None, page(4), page(1), None),
    ];
    assert_eq!(records.len(), expected.len());
    for (record, expected) in records.iter().zip(expected) {
        let links = Links::parse(record["headers"]["link"].as_str().unwrap());
        let found = (
            links.next().map(str::to_owned),
            links.prev().map(str::to_owned),
            links.first().map(str::to_owned),
            links.last().map(str::to_owned),
        );
        assert_eq!(found, expected, "{}", record["path"]);
        assert!(links.iter().all(|link| link.rels.len() == 1 && link.params.len() == 1));
    }
}

#[tokio::test]
async fn streams_every_fixture_page_with_the_same_credential_and_accept() {
    let server = MockServer::start().await;
    let Some(records) = serve_paginate_issues(&server).await else { return };
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    let items: Vec<Value> = client.paginate(FixtureIssues { per_page: 3 }).try_collect().await.unwrap();

    let expected: Vec<&Value> = records.iter().flat_map(|r| r["response"].as_array().unwrap()).collect();
    assert_eq!(items.len(), expected.len());
    assert!(items.len() > 3 * 4, "the recording has five pages");
    let ids = |values: Vec<&Value>| values.iter().map(|v| v["number"].as_i64().unwrap()).collect::<Vec<_>>();
    assert_eq!(ids(items.iter().collect()), ids(expected));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), records.len());
    for request in &requests {
        assert_eq!(request.headers["accept"], records[0]["reqheaders"]["accept"].as_str().unwrap());
        assert_eq!(request.headers["authorization"], requests[0].headers["authorization"]);
        assert!(request.headers["authorization"].to_str().unwrap().ends_with(TOKEN));
    }
    assert_eq!(requests[1].url.path(), "/api/v3/repositories/1000/issues");
}

#[tokio::test]
async fn page_at_a_time_exposes_next_prev_first_and_last() {
    let server = MockServer::start().await;
    if serve_paginate_issues(&server).await.is_none() {
        return;
    }
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let operation = FixtureIssues { per_page: 3 };
    let root = format!("{}/api/v3", server.uri());
    let url = |page: u32| format!("{root}/repositories/1000/issues?per_page=3&page={page}");

    let first = client.first_page(&operation).await.unwrap();
    assert_eq!(first.items().len(), 3);
    assert_eq!(first.next_url().map(String::from), Some(url(2)));
    assert_eq!(first.last_url().map(String::from), Some(url(5)));
    assert_eq!((first.prev_url(), first.first_url()), (None, None));
    assert_eq!(first.rate_limit().unwrap().limit, Some(5000));

    let second = client.page_at(&operation, first.next_url().unwrap()).await.unwrap();
    assert_eq!(second.prev_url().map(String::from), Some(url(1)));
    assert_eq!(second.first_url().map(String::from), Some(url(1)));
    assert_eq!(second.next_url().map(String::from), Some(url(3)));

    let last = client.page_at(&operation, first.last_url().unwrap()).await.unwrap();
    assert_eq!(last.next_url(), None);
    assert_eq!(last.prev_url().map(String::from), Some(url(4)));
    assert_eq!(last.url().as_str(), url(5));

    let pages: Vec<_> = client.pages(operation).try_collect().await.unwrap();
    assert_eq!(pages.len(), 5);
    assert!(pages.iter().all(|page| page.status() == 200));
}

fn json_page(body: Value, link: Option<String>) -> ResponseTemplate {
    let mut response = ResponseTemplate::new(200)
        .set_body_json(body)
        .insert_header("x-ratelimit-limit", "5000")
        .insert_header("x-ratelimit-remaining", "4990");
    if let Some(link) = link {
        response = response.insert_header("link", link.as_str());
    }
    response
}

#[tokio::test]
async fn wrapped_lists_stream_items_and_keep_the_first_page_totals() {
    let server = MockServer::start().await;
    let base = format!("{}/api/v3/installation/repositories", server.uri());
    let pages = [(1, 1..=3), (2, 4..=6), (3, 7..=7)];
    for (page, ids) in pages {
        let link = (page < 3).then(|| {
            format!(r#"<{base}?per_page=3&page={}>; rel="next", <{base}?per_page=3&page=3>; rel="last""#, page + 1)
        });
        let mut mock = Mock::given(method("GET")).and(path("/api/v3/installation/repositories"));
        if page > 1 {
            mock = mock.and(query_param("page", page.to_string()));
        }
        // Later pages report another total: the stream keeps the first one.
        let total = if page == 1 { 7 } else { 99 };
        mock.respond_with(json_page(repositories_page(total, ids), link))
            .up_to_n_times(1)
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = builder(&server.uri()).installation_token(TOKEN).unwrap();
    let mut stream = client.paginate(ListReposAccessibleToInstallation::new().per_page(3).with_mercy_preview());
    assert!(stream.first_response().is_none(), "nothing is fetched before polling");

    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.id, 1);
    let totals = stream.first_response().unwrap();
    assert_eq!(totals.total_count, 7);
    assert_eq!(totals.repository_selection, Some(RepositorySelection::Selected));
    assert!(totals.repositories.is_empty(), "the items were moved out of the kept page");

    let rest: Vec<_> = stream.by_ref().try_collect().await.unwrap();
    let ids: Vec<i64> = std::iter::once(first.id).chain(rest.iter().map(|repo| repo.id)).collect();
    assert_eq!(ids, (1..=7).collect::<Vec<_>>());
    assert_eq!(stream.first_response().unwrap().total_count, 7);
    assert_eq!(stream.rate_limit().unwrap().remaining, Some(4990));

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    for request in &requests {
        let accept = request.headers["accept"].to_str().unwrap();
        assert_eq!(accept, "application/vnd.github.machine-man-preview+json, application/vnd.github.mercy-preview+json");
        assert_eq!(request.headers["authorization"], requests[0].headers["authorization"]);
    }
}

#[tokio::test]
async fn per_page_outside_1_to_100_is_rejected_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();

    for per_page in [0, 101, -5] {
        // The spec declares the bounds: the generated `validate` catches them.
        let mut stream = client.paginate(ListInstallationsForAuthenticatedUser::new().per_page(per_page));
        let Some(Err(Error::InvalidInput(invalid))) = stream.next().await else { panic!("per_page {per_page} passed") };
        assert_eq!(invalid.name, "per_page");
        assert_eq!(invalid.reason, format!("must be between 1 and 100, got {per_page}"));
        assert!(stream.next().await.is_none(), "the stream ends after the error");

        // An operation without declared bounds is checked by the runtime.
        let err = client.first_page(&FixtureIssues { per_page }).await.unwrap_err();
        assert!(err.to_string().contains("`per_page`"), "{err}");
    }
    let err = client.first_page(&FixtureIssues { per_page: 500 }).await.unwrap_err();
    assert_eq!(err.to_string(), "invalid input `per_page` of test/paginate-issues: must be between 1 and 100, got 500");
    // 1 and 100 are fine (the server answers 200 with no body, which is a
    // decode error, but only after passing validation).
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(2)
        .mount(&server)
        .await;
    for per_page in [1, 100] {
        assert!(client.first_page(&FixtureIssues { per_page }).await.unwrap().items().is_empty());
    }
}

#[tokio::test]
async fn a_next_link_outside_the_api_root_is_refused_without_sending() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&elsewhere).await;
    let foreign = format!("{}/api/v3/installation/repositories?page=2&token=leak", elsewhere.uri());
    Mock::given(method("GET"))
        .and(path("/api/v3/installation/repositories"))
        .respond_with(json_page(repositories_page(4, 1..=2), Some(format!("<{foreign}>; rel=\"next\""))))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).installation_token(TOKEN).unwrap();
    let results: Vec<_> = client.paginate(ListReposAccessibleToInstallation::new()).collect().await;
    assert_eq!(results.len(), 3, "two items, then the error");
    assert!(results[0].is_ok() && results[1].is_ok());
    let Err(Error::ForeignUrl(url)) = &results[2] else { panic!("{:?}", results[2]) };
    assert!(url.starts_with(&elsewhere.uri()) && !url.contains("leak"), "{url}");
}

#[tokio::test]
async fn malformed_link_headers_never_panic() {
    for link in [
        "garbage",
        "<>; rel=next",
        "<; rel=\"next\"",
        "<a>; rel=\"next",
        "<http://[::1>; rel=next",
        ",,,;;;<<<>>>\"\"\"",
        // Not UTF-8 (obs-text is allowed in header values).
        "<\u{ff}>; rel=next",
    ] {
        let link: Vec<u8> = link.chars().map(|c| c as u32 as u8).collect();
        let link = reqwest::header::HeaderValue::from_bytes(&link).unwrap();
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/v3/user/installations"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"total_count": 0, "installations": []}))
                    .insert_header("link", link.clone()),
            )
            .mount(&server)
            .await;
        let client = builder(&server.uri()).user_token(TOKEN).unwrap();
        let results: Vec<_> = tokio::time::timeout(
            Duration::from_secs(10),
            client.paginate(ListInstallationsForAuthenticatedUser::new()).collect::<Vec<_>>(),
        )
        .await
        .expect("the stream ends");
        // Either no usable next link (the list ends), one that cannot be
        // followed, or a lossily decoded relative link that the server
        // answers 404 to: a typed error, never a panic and never a loop.
        assert!(results.len() <= 1, "{link:?}: {results:?}");
        if let Some(Err(err)) = results.first() {
            assert!(
                matches!(err, Error::Pagination { .. } | Error::ForeignUrl(_)) || err.status() == Some(404),
                "{link:?}: {err:?}"
            );
        }
        assert!(server.received_requests().await.unwrap().len() <= 2, "{link:?}");
    }
}

#[tokio::test]
async fn a_next_link_to_the_same_page_is_an_error_not_a_loop() {
    let server = MockServer::start().await;
    let same = format!("{}/api/v3/user/installations", server.uri());
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"total_count": 0, "installations": []}))
                .insert_header("link", format!("<{same}>; rel=\"next\"").as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let results: Vec<_> = client.paginate(ListInstallationsForAuthenticatedUser::new()).collect().await;
    let [Err(Error::Pagination { reason, .. })] = results.as_slice() else { panic!("{results:?}") };
    assert_eq!(reason, "the next link points at the same page");
}

/// Pages 1 → 2 → … → `cycle_to`, whose next link goes back to page
/// `back_to` (written with its query in another order when `reorder`).
async fn serve_cycle(server: &MockServer, pages: usize, back_to: usize, reorder: bool) {
    let root = format!("{}/api/v3/user/installations", server.uri());
    for page in 1..=pages {
        let next = if page < pages {
            format!("{root}?per_page=1&page={}", page + 1)
        } else if reorder {
            format!("{root}?page={back_to}&per_page=1")
        } else {
            format!("{root}?per_page=1&page={back_to}")
        };
        let body = json!({"total_count": pages, "installations": []});
        let mut mock = Mock::given(method("GET")).and(path("/api/v3/user/installations")).and(query_param("per_page", "1"));
        mock = if page == 1 { mock.and(NoPageParam) } else { mock.and(query_param("page", page.to_string().as_str())) };
        mock.respond_with(json_page(body, Some(format!("<{next}>; rel=\"next\"")))).mount(server).await;
    }
    // The first request carries no `page`; `page=1` is the same page.
    Mock::given(method("GET"))
        .and(path("/api/v3/user/installations"))
        .and(query_param("page", "1"))
        .respond_with(json_page(json!({"total_count": pages, "installations": []}), Some(format!("<{root}?per_page=1&page=2>; rel=\"next\""))))
        .mount(server)
        .await;
}

/// Matches a request without a `page` query parameter.
struct NoPageParam;

impl wiremock::Match for NoPageParam {
    fn matches(&self, request: &wiremock::Request) -> bool {
        !request.url.query_pairs().any(|(name, _)| name == "page")
    }
}

#[tokio::test]
async fn a_next_link_back_to_any_earlier_page_ends_the_stream_whatever_the_cycle_length() {
    for (pages, back_to, reorder) in [(2, 2, false), (3, 2, false), (5, 3, true), (4, 4, true)] {
        let server = MockServer::start().await;
        serve_cycle(&server, pages, back_to, reorder).await;
        let client = builder(&server.uri()).user_token(TOKEN).unwrap();
        let operation = ListInstallationsForAuthenticatedUser::new().per_page(1);
        let results: Vec<_> = client.pages(operation).collect().await;
        let case = format!("{pages} pages, last links back to {back_to}");
        assert_eq!(results.len(), pages + 1, "{case}: {results:?}");
        assert!(results[..pages].iter().all(Result::is_ok), "{case}");
        let Err(Error::Pagination { reason, .. }) = &results[pages] else { panic!("{case}: {:?}", results[pages]) };
        if back_to == pages && !reorder {
            // Written exactly as the page's own URL.
            assert_eq!(reason, "the next link points at the same page", "{case}");
        } else {
            assert_eq!(reason, &format!("the next link points back at page {back_to}, which was already fetched (a cycle)"), "{case}");
        }
        assert_eq!(server.received_requests().await.unwrap().len(), pages, "{case}: each page fetched once");
    }
}

#[tokio::test]
async fn relative_links_resolve_and_errors_end_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v3/installation/repositories"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"message": "Server Error"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v3/installation/repositories"))
        .respond_with(json_page(repositories_page(4, 1..=2), Some("</api/v3/installation/repositories?page=2>; rel=next".into())))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).installation_token(TOKEN).unwrap();
    let mut stream = client.paginate(ListReposAccessibleToInstallation::new());
    assert_eq!(stream.next().await.unwrap().unwrap().id, 1);
    assert_eq!(stream.next().await.unwrap().unwrap().id, 2);
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!((err.status(), err.api_kind()), (Some(500), Some(ApiErrorKind::Server)));
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn an_empty_list_ends_at_once_with_its_totals() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"total_count": 0, "installations": []})))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder(&server.uri()).user_token(TOKEN).unwrap();
    let mut stream = client.paginate(ListInstallationsForAuthenticatedUser::new());
    assert!(stream.next().await.is_none());
    assert_eq!(stream.first_response().unwrap().total_count, 0);
}
