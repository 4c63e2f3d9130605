//! Pagination: following the `Link` headers of a list operation, as a
//! stream of items ([`Client::paginate`]), a stream of pages
//! ([`Client::pages`]) or one page at a time ([`Client::first_page`],
//! [`Client::page_at`] with [`Page::next_url`], [`Page::prev_url`],
//! [`Page::first_url`], [`Page::last_url`]).
//!
//! Every page goes through the same request path as
//! [`Client::send`](crate::Client::send): the same credential, `Accept`
//! header, retry policies and redirect rules. A `Link` target outside the
//! client's API root is refused with [`Error::ForeignUrl`] before anything
//! is sent, so a hostile `Link` cannot collect the credential.
//!
//! Memory stays bounded by one page: the item stream holds the items of the
//! current page only, and keeps from the first page just the rest of its
//! body (for wrapped lists, `total_count` and `repository_selection`; see
//! [`Paginate::first_response`]). Besides, the streams remember the URL of
//! every page they fetched (a few dozen bytes a page), so a `next` link back
//! to any of them ends the stream with [`Error::Pagination`] instead of
//! looping: a server's cycle of any length is caught.
//!
//! Before the first request the operation's inputs are validated, and
//! `per_page` must be between 1 and 100 ([`check_per_page`]).

use std::fmt;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use futures::Stream;
use futures::future::BoxFuture;
use reqwest::header::HeaderMap;
use url::Url;

use crate::auth::ClientCredential;
use crate::client::{ApiResponse, Client, Outgoing, RawResponse, decode_response};
use crate::error::{Error, Result};
use crate::link::Links;
use crate::operation::{CallableWith, InvalidInput, Operation, PaginatedOperation, check_integer_bounds};
use crate::rate_limit::RateLimit;

/// The largest `per_page` GitHub honours.
pub const MAX_PER_PAGE: i64 = 100;

/// Checks that a `per_page` query input, if the operation sends one, is
/// between 1 and [`MAX_PER_PAGE`]. GitHub silently clamps other values,
/// which would make the page count differ from what the caller asked for.
pub fn check_per_page<O: Operation>(operation: &O) -> Result<(), InvalidInput> {
    for (name, value) in operation.query() {
        if name != "per_page" {
            continue;
        }
        let per_page = value.trim().parse::<i64>().map_err(|_| InvalidInput {
            operation: O::ID,
            name: "per_page",
            reason: format!("must be an integer between 1 and {MAX_PER_PAGE}, got {value:?}"),
        })?;
        check_integer_bounds(O::ID, "per_page", per_page, Some(1), Some(MAX_PER_PAGE))?;
    }
    Ok(())
}

/// One page of a list.
pub struct Page<O: PaginatedOperation> {
    items: Vec<O::Item>,
    response: ApiResponse<O::Response>,
    url: Url,
    links: Links,
}

impl<O: PaginatedOperation> fmt::Debug for Page<O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Page")
            .field("operation", &O::ID)
            .field("url", &self.url.as_str())
            .field("items", &self.items.len())
            .field("links", &self.links)
            .finish_non_exhaustive()
    }
}

impl<O: PaginatedOperation> Page<O> {
    pub(crate) fn from_raw(raw: RawResponse, secret_properties: &'static [&'static str]) -> Result<Page<O>> {
        let url = raw.url.clone();
        let links = Links::from_headers(&raw.headers);
        let mut response = decode_response::<O>(raw, secret_properties)?;
        let items = O::take_items(&mut response.value);
        Ok(Page { items, response, url, links })
    }

    /// The items of this page.
    pub fn items(&self) -> &[O::Item] {
        &self.items
    }

    /// Moves the items out, leaving the page (and its links) in place.
    pub fn take_items(&mut self) -> Vec<O::Item> {
        std::mem::take(&mut self.items)
    }

    /// The items of this page.
    pub fn into_items(self) -> Vec<O::Item> {
        self.items
    }

    /// The decoded body with the items moved out: for wrapped lists this
    /// holds `total_count` (and `repository_selection`).
    pub fn response(&self) -> &O::Response {
        &self.response.value
    }

    /// The whole response (status, headers, rate limit, body without items).
    pub fn into_response(self) -> ApiResponse<O::Response> {
        self.response
    }

    /// The response status.
    pub fn status(&self) -> u16 {
        self.response.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.response.headers
    }

    /// The rate-limit headers of this page's response.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.response.rate_limit.as_ref()
    }

    /// The URL this page was fetched from.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// Every link of the `Link` header.
    pub fn links(&self) -> &Links {
        &self.links
    }

    fn resolve(&self, rel: &str) -> Option<Url> {
        self.links.get(rel)?.resolve(&self.url)
    }

    /// The `rel="next"` URL, resolved; `None` on the last page.
    pub fn next_url(&self) -> Option<Url> {
        self.resolve("next")
    }

    /// The `rel="prev"` URL, resolved; `None` on the first page.
    pub fn prev_url(&self) -> Option<Url> {
        self.resolve("prev").or_else(|| self.resolve("previous"))
    }

    /// The `rel="first"` URL, resolved.
    pub fn first_url(&self) -> Option<Url> {
        self.resolve("first")
    }

    /// The `rel="last"` URL, resolved.
    pub fn last_url(&self) -> Option<Url> {
        self.resolve("last")
    }

    /// Where the stream goes after this page: `Ok(None)` when there is no
    /// `rel="next"`, an error when it cannot be followed: not a URL, or a
    /// page already `visited` (this one included).
    fn following(&self, visited: &VisitedPages) -> Result<Option<Url>> {
        let Some(link) = self.links.get("next") else { return Ok(None) };
        let Some(next) = link.resolve(&self.url) else {
            return Err(Error::Pagination { operation: O::ID, reason: "the next link is not a valid URL".into() });
        };
        if next == self.url {
            return Err(Error::Pagination { operation: O::ID, reason: "the next link points at the same page".into() });
        }
        if let Some(page) = visited.page_number(&next) {
            return Err(Error::Pagination {
                operation: O::ID,
                reason: format!("the next link points back at page {page}, which was already fetched (a cycle)"),
            });
        }
        Ok(Some(next))
    }
}

impl<K: ClientCredential> Client<K> {
    /// Fetches the first page of a list operation, after validating its
    /// inputs and `per_page`.
    pub async fn first_page<O>(&self, operation: &O) -> Result<Page<O>>
    where
        O: PaginatedOperation + CallableWith<K>,
    {
        operation.validate()?;
        check_per_page(operation)?;
        let url = self.operation_url(operation)?;
        self.page_at(operation, url).await
    }

    /// Fetches the page of `operation` at `url`, typically a
    /// [`Page::next_url`], [`Page::prev_url`], [`Page::first_url`] or
    /// [`Page::last_url`]. A URL outside the API root is refused with
    /// [`Error::ForeignUrl`] before anything is sent.
    pub async fn page_at<O>(&self, operation: &O, url: Url) -> Result<Page<O>>
    where
        O: PaginatedOperation + CallableWith<K>,
    {
        let raw = self.fetch::<O>(Outgoing::new(operation, url, self.shared.config.flavor)?).await?;
        Page::from_raw(raw, operation.secret_properties())
    }

    /// Every page of a list operation, following `rel="next"` until there is
    /// none. The stream ends after the first error.
    pub fn pages<O>(&self, operation: O) -> Pages<K, O>
    where
        O: PaginatedOperation + CallableWith<K> + 'static,
    {
        Pages {
            client: self.clone(),
            operation: Arc::new(operation),
            state: PagesState::Start,
            visited: VisitedPages::default(),
        }
    }

    /// Every item of a list operation, across all pages, holding one page
    /// in memory at a time. The stream ends after the first error; an
    /// invalid input (such as `per_page` outside 1..=100) is that first error
    /// and nothing is sent.
    ///
    /// ```no_run
    /// # async fn demo(client: github_apps_runtime::InstallationClient) -> Result<(), github_apps_runtime::Error> {
    /// use futures::TryStreamExt;
    /// use github_apps_runtime::RawRequest;
    ///
    /// // A wrapped list: `{"total_count": ..., "repositories": [...]}`.
    /// let request = RawRequest::<serde_json::Value>::get("/installation/repositories").query("per_page", 100);
    /// let mut repos = client.paginate(request);
    /// while let Some(repo) = repos.try_next().await? {
    ///     println!("{}", repo["full_name"]);
    /// }
    /// let total = repos.first_response().map(|first| first["total_count"].clone());
    /// # Ok(()) }
    /// ```
    pub fn paginate<O>(&self, operation: O) -> Paginate<K, O>
    where
        O: PaginatedOperation + CallableWith<K> + 'static,
    {
        Paginate { pages: self.pages(operation), items: Vec::new().into_iter(), first: None, latest_rate_limit: None }
    }
}

/// A list operation ready to send, as the generated group methods return
/// it (`client.apps().list_installations()`). Awaiting it collects every
/// item of every page; one page, or a stream, is an explicit choice:
///
/// ```no_run
/// # async fn demo(app: github_apps_runtime::AppClient) -> github_apps_runtime::Result<()> {
/// use futures::TryStreamExt;
/// use github_apps_runtime::{List, RawRequest};
///
/// let installations = || List::new(&app, RawRequest::<Vec<serde_json::Value>>::get("/app/installations"));
/// // Every installation, however many pages.
/// for installation in installations().await? {
///     println!("{}", installation["id"]);
/// }
/// // One page of 100, visibly.
/// let page = installations().configure(|request| request.query("per_page", 100)).first_page().await?;
/// println!("{} on the first page, more: {}", page.items().len(), page.next_url().is_some());
/// // Item by item, one page in memory at a time.
/// let mut stream = installations().stream();
/// while let Some(installation) = stream.try_next().await? {
///     println!("{}", installation["id"]);
/// }
/// # Ok(()) }
/// ```
#[must_use = "a list does nothing until it is awaited or streamed"]
pub struct List<'a, K, O> {
    client: &'a Client<K>,
    operation: O,
}

impl<K, O: PaginatedOperation> fmt::Debug for List<'_, K, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("List").field("operation", &O::ID).finish_non_exhaustive()
    }
}

impl<K> Client<K> {
    /// The [`List`] of `operation` through this client. Generated group
    /// methods return one for every list operation.
    pub fn list<O>(&self, operation: O) -> List<'_, K, O> {
        List::new(self, operation)
    }
}

/// Building a list checks nothing; the credential check happens where it
/// is awaited or streamed (the methods below need the operation to be
/// [`CallableWith`] the client's credential).
impl<'a, K, O> List<'a, K, O> {
    /// The list of `operation` through `client`.
    pub fn new(client: &'a Client<K>, operation: O) -> List<'a, K, O> {
        List { client, operation }
    }

    /// Changes the request before it is sent, e.g. to set optional inputs:
    /// `.configure(|request| request.per_page(100))`.
    pub fn configure(self, change: impl FnOnce(O) -> O) -> List<'a, K, O> {
        List { client: self.client, operation: change(self.operation) }
    }

    /// The request as it will be sent.
    pub fn request(&self) -> &O {
        &self.operation
    }
}

impl<'a, K, O> List<'a, K, O>
where
    K: ClientCredential,
    O: PaginatedOperation + CallableWith<K> + 'static,
{

    /// Only the first page.
    pub async fn first_page(self) -> Result<Page<O>> {
        self.client.first_page(&self.operation).await
    }

    /// Every item, one page in memory at a time (see [`Client::paginate`]).
    pub fn stream(self) -> Paginate<K, O> {
        self.client.paginate(self.operation)
    }

    /// Every page (see [`Client::pages`]).
    pub fn pages(self) -> Pages<K, O> {
        self.client.pages(self.operation)
    }

    /// Every item of every page, collected.
    pub async fn all(self) -> Result<Vec<O::Item>> {
        use futures::TryStreamExt;
        self.stream().try_collect().await
    }
}

impl<'a, K, O> std::future::IntoFuture for List<'a, K, O>
where
    K: ClientCredential,
    O: PaginatedOperation + CallableWith<K> + 'static,
{
    type Output = Result<Vec<O::Item>>;
    type IntoFuture = BoxFuture<'a, Result<Vec<O::Item>>>;

    /// Collects every item of every page ([`List::all`]).
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.all())
    }
}

enum PagesState<O: PaginatedOperation> {
    Start,
    /// The page future, and the URL it asked for (`None`: the first page).
    Fetching(BoxFuture<'static, Result<Page<O>>>, Option<Url>),
    Next(Url),
    Failed(Error),
    Done,
}

/// A stream of the pages of a list operation (see [`Client::pages`]).
pub struct Pages<K, O: PaginatedOperation> {
    client: Client<K>,
    operation: Arc<O>,
    state: PagesState<O>,
    visited: VisitedPages,
}

/// The pages a stream has fetched, by a key that ignores the order of
/// query parameters (`?page=2&per_page=3` is `?per_page=3&page=2`).
#[derive(Debug, Default)]
struct VisitedPages {
    /// Key → 1-based page number.
    pages: std::collections::HashMap<String, usize>,
    fetched: usize,
}

impl VisitedPages {
    fn key(url: &Url) -> String {
        let mut pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        pairs.sort();
        let mut key = format!("{}://{}:{}{}?", url.scheme(), url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0), url.path());
        for (name, value) in pairs {
            key.push_str(&format!("{name}={value}&"));
        }
        key
    }

    /// Records a fetched page under the URL asked for and the URL that
    /// answered (they differ after a redirect).
    fn record(&mut self, requested: Option<&Url>, answered: &Url) {
        self.fetched += 1;
        let number = self.fetched;
        for url in requested.into_iter().chain([answered]) {
            self.pages.entry(Self::key(url)).or_insert(number);
        }
    }

    fn page_number(&self, url: &Url) -> Option<usize> {
        self.pages.get(&Self::key(url)).copied()
    }
}

impl<K, O: PaginatedOperation> fmt::Debug for Pages<K, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            PagesState::Start => "start",
            PagesState::Fetching(..) => "fetching",
            PagesState::Next(_) => "between pages",
            PagesState::Failed(_) => "failed",
            PagesState::Done => "done",
        };
        f.debug_struct("Pages").field("operation", &O::ID).field("state", &state).finish_non_exhaustive()
    }
}

impl<K, O> Pages<K, O>
where
    K: ClientCredential,
    O: PaginatedOperation + CallableWith<K> + 'static,
{
    fn fetch(&self, url: Option<Url>) -> BoxFuture<'static, Result<Page<O>>> {
        let client = self.client.clone();
        let operation = self.operation.clone();
        Box::pin(async move {
            match url {
                Some(url) => client.page_at(&*operation, url).await,
                None => client.first_page(&*operation).await,
            }
        })
    }
}

impl<K, O> Stream for Pages<K, O>
where
    K: ClientCredential,
    O: PaginatedOperation + CallableWith<K> + 'static,
{
    type Item = Result<Page<O>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match std::mem::replace(&mut this.state, PagesState::Done) {
                PagesState::Start => this.state = PagesState::Fetching(this.fetch(None), None),
                PagesState::Next(url) => this.state = PagesState::Fetching(this.fetch(Some(url.clone())), Some(url)),
                PagesState::Fetching(mut future, requested) => {
                    let page = match future.as_mut().poll(cx) {
                        Poll::Pending => {
                            this.state = PagesState::Fetching(future, requested);
                            return Poll::Pending;
                        }
                        Poll::Ready(Err(err)) => return Poll::Ready(Some(Err(err))),
                        Poll::Ready(Ok(page)) => page,
                    };
                    this.visited.record(requested.as_ref(), page.url());
                    this.state = match page.following(&this.visited) {
                        Ok(Some(next)) => PagesState::Next(next),
                        Ok(None) => PagesState::Done,
                        Err(err) => PagesState::Failed(err),
                    };
                    return Poll::Ready(Some(Ok(page)));
                }
                PagesState::Failed(err) => return Poll::Ready(Some(Err(err))),
                PagesState::Done => return Poll::Ready(None),
            }
        }
    }
}

/// A stream of the items of a list operation (see [`Client::paginate`]).
pub struct Paginate<K, O: PaginatedOperation> {
    pages: Pages<K, O>,
    items: std::vec::IntoIter<O::Item>,
    first: Option<ApiResponse<O::Response>>,
    latest_rate_limit: Option<RateLimit>,
}

// Nothing in `Paginate` is pinned structurally: the page future is boxed.
impl<K, O: PaginatedOperation> Unpin for Paginate<K, O> {}

impl<K, O: PaginatedOperation> fmt::Debug for Paginate<K, O> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paginate")
            .field("pages", &self.pages)
            .field("buffered_items", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl<K, O: PaginatedOperation> Paginate<K, O> {
    /// The first page's decoded body with its items moved out — for wrapped
    /// lists, `total_count` and `repository_selection` — once the stream
    /// has fetched it (after the first item, or the end of an empty list).
    pub fn first_response(&self) -> Option<&O::Response> {
        self.first.as_ref().map(|response| &response.value)
    }

    /// The first page's status and headers with its body, as
    /// [`first_response`](Self::first_response).
    pub fn first_page_response(&self) -> Option<&ApiResponse<O::Response>> {
        self.first.as_ref()
    }

    /// The rate-limit headers of the most recent page.
    pub fn rate_limit(&self) -> Option<&RateLimit> {
        self.latest_rate_limit.as_ref()
    }
}

impl<K, O> Stream for Paginate<K, O>
where
    K: ClientCredential,
    O: PaginatedOperation + CallableWith<K> + 'static,
{
    type Item = Result<O::Item>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match ready!(Pin::new(&mut this.pages).poll_next(cx)) {
                None => return Poll::Ready(None),
                Some(Err(err)) => return Poll::Ready(Some(Err(err))),
                Some(Ok(mut page)) => {
                    this.items = page.take_items().into_iter();
                    this.latest_rate_limit = page.rate_limit().cloned();
                    if this.first.is_none() {
                        this.first = Some(page.into_response());
                    }
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.items.len(), None)
    }
}
