//! Conditional requests: the validators of a response (`ETag`,
//! `Last-Modified`) and [`ResponseCache`], a bounded in-memory cache that
//! revalidates `GET`s with them.
//!
//! GitHub does not count a `304 Not Modified` answer against the primary
//! rate limit, so polling with validators is the cheap way for an App to
//! watch for changes. Two ways to do it:
//!
//! - by hand: keep [`ApiResponse::validators`](crate::ApiResponse::validators)
//!   and send with [`Client::send_if_modified`](crate::Client::send_if_modified),
//!   which gives [`Conditional::NotModified`] for a 304;
//! - automatically: give the builder a [`ResponseCache`]
//!   ([`ClientBuilder::response_cache`](crate::ClientBuilder::response_cache)).
//!   Every `GET` (operations, raw requests, pages) that has a cached answer
//!   is sent with `If-None-Match` / `If-Modified-Since`; a 304 returns the
//!   cached value, and [`ApiResponse::from_cache`](crate::ApiResponse::from_cache) says so.
//!
//! The cache is keyed by URL, `Accept` and the identity of the credential
//! (a keyed hash, never the secret itself), so one credential never sees an
//! answer cached for another. It is bounded by a number of entries and a
//! number of bytes; the least recently used entries go first.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, Hash};
use std::sync::{Arc, Mutex};

use reqwest::header::{self, HeaderMap, HeaderValue};

use crate::rate_limit::RateLimit;

/// The validators a response carries for conditional requests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Validators {
    /// Reads `ETag` and `Last-Modified`.
    pub fn from_headers(headers: &HeaderMap) -> Validators {
        let text = |name| headers.get(name).and_then(|value: &HeaderValue| value.to_str().ok()).map(str::to_owned);
        Validators { etag: text(header::ETAG), last_modified: text(header::LAST_MODIFIED) }
    }

    /// Whether there is nothing to validate with.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }

    /// The conditional request headers.
    pub(crate) fn conditions(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(etag) = self.etag.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(header::IF_NONE_MATCH, etag);
        }
        if let Some(date) = self.last_modified.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
            headers.insert(header::IF_MODIFIED_SINCE, date);
        }
        headers
    }
}

/// The answer to a conditional request.
#[derive(Debug)]
pub enum Conditional<T> {
    /// The resource changed (or had no validators): the new response.
    Modified(T),
    /// `304 Not Modified`: what you have is current.
    NotModified {
        /// The 304's headers (with fresh rate-limit values).
        headers: HeaderMap,
        /// Its rate-limit headers.
        rate_limit: Option<RateLimit>,
    },
}

impl<T> Conditional<T> {
    /// The new response, if there is one.
    pub fn modified(self) -> Option<T> {
        match self {
            Conditional::Modified(value) => Some(value),
            Conditional::NotModified { .. } => None,
        }
    }

    /// Whether the server answered 304.
    pub fn is_not_modified(&self) -> bool {
        matches!(self, Conditional::NotModified { .. })
    }
}

/// The default [`ResponseCache`] bounds: entries and bytes of bodies.
pub const DEFAULT_CACHE_ENTRIES: usize = 512;
/// See [`DEFAULT_CACHE_ENTRIES`].
pub const DEFAULT_CACHE_BYTES: usize = 16 * 1024 * 1024;

/// A bounded in-memory cache of `GET` answers, revalidated with their
/// validators (see the [module](self) documentation). Clones share it.
#[derive(Clone)]
pub struct ResponseCache {
    shared: Arc<CacheShared>,
}

struct CacheShared {
    max_entries: usize,
    max_bytes: usize,
    /// Keys the credential identities, so they are not guessable from the cache.
    hasher: std::collections::hash_map::RandomState,
    state: Mutex<CacheState>,
}

#[derive(Default)]
struct CacheState {
    entries: HashMap<CacheKey, (u64, CachedResponse)>,
    /// Last use → key, oldest first.
    recency: BTreeMap<u64, CacheKey>,
    tick: u64,
    bytes: usize,
}

/// What an entry is for: one URL, `Accept` and credential.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct CacheKey {
    identity: u64,
    url: String,
    accept: String,
}

/// A cached answer.
#[derive(Clone)]
pub(crate) struct CachedResponse {
    pub(crate) validators: Validators,
    pub(crate) status: u16,
    pub(crate) body: Arc<[u8]>,
}

impl std::fmt::Debug for ResponseCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.state();
        f.debug_struct("ResponseCache")
            .field("entries", &state.entries.len())
            .field("bytes", &state.bytes)
            .field("max_entries", &self.shared.max_entries)
            .field("max_bytes", &self.shared.max_bytes)
            .finish()
    }
}

impl Default for ResponseCache {
    fn default() -> Self {
        ResponseCache::new(DEFAULT_CACHE_ENTRIES, DEFAULT_CACHE_BYTES)
    }
}

impl ResponseCache {
    /// A cache of at most `max_entries` answers and `max_bytes` bytes of
    /// bodies; an answer larger than `max_bytes` is not cached.
    pub fn new(max_entries: usize, max_bytes: usize) -> ResponseCache {
        ResponseCache {
            shared: Arc::new(CacheShared {
                max_entries,
                max_bytes,
                hasher: std::collections::hash_map::RandomState::new(),
                state: Mutex::new(CacheState::default()),
            }),
        }
    }

    /// How many answers are cached.
    pub fn len(&self) -> usize {
        self.state().entries.len()
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many bytes of bodies are cached.
    pub fn bytes(&self) -> usize {
        self.state().bytes
    }

    /// Forgets every answer.
    pub fn clear(&self) {
        *self.state() = CacheState::default();
    }

    fn state(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.shared.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The key for `url` and `accept` as seen by the credential that
    /// `identity` hashes.
    pub(crate) fn key(&self, identity: impl Hash, url: &str, accept: &str) -> CacheKey {
        CacheKey { identity: self.shared.hasher.hash_one(identity), url: url.to_owned(), accept: accept.to_owned() }
    }

    pub(crate) fn get(&self, key: &CacheKey) -> Option<CachedResponse> {
        let mut state = self.state();
        state.tick += 1;
        let tick = state.tick;
        let (last_used, cached) = state.entries.get_mut(key)?;
        let previous = std::mem::replace(last_used, tick);
        let cached = cached.clone();
        state.recency.remove(&previous);
        state.recency.insert(tick, key.clone());
        Some(cached)
    }

    pub(crate) fn put(&self, key: CacheKey, response: CachedResponse) {
        let size = response.body.len();
        if size > self.shared.max_bytes || self.shared.max_entries == 0 {
            return;
        }
        let mut state = self.state();
        state.tick += 1;
        let tick = state.tick;
        if let Some((last_used, old)) = state.entries.remove(&key) {
            state.recency.remove(&last_used);
            state.bytes -= old.body.len();
        }
        while state.entries.len() >= self.shared.max_entries || state.bytes + size > self.shared.max_bytes {
            let Some((_, oldest)) = state.recency.pop_first() else { break };
            if let Some((_, evicted)) = state.entries.remove(&oldest) {
                state.bytes -= evicted.body.len();
            }
        }
        state.bytes += size;
        state.recency.insert(tick, key.clone());
        state.entries.insert(key, (tick, response));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(bytes: usize) -> CachedResponse {
        CachedResponse { validators: Validators { etag: Some("\"x\"".into()), last_modified: None }, status: 200, body: vec![0; bytes].into() }
    }

    #[test]
    fn the_cache_keeps_its_bounds_and_evicts_the_least_recently_used() {
        let cache = ResponseCache::new(3, 100);
        let key = |n: u32| cache.key("token", &format!("https://api.github.com/{n}"), "a");
        for n in 0..3 {
            cache.put(key(n), response(10));
        }
        assert!(cache.get(&key(0)).is_some(), "0 is now the most recently used");
        cache.put(key(3), response(10));
        assert_eq!(cache.len(), 3);
        assert!(cache.get(&key(1)).is_none(), "1 was the least recently used");
        assert!(cache.get(&key(0)).is_some() && cache.get(&key(3)).is_some());
        // The byte bound: a 90-byte body leaves room for one 10-byte entry.
        cache.put(key(4), response(90));
        assert_eq!((cache.len(), cache.bytes()), (2, 100));
        cache.put(key(5), response(101));
        assert!(cache.get(&key(5)).is_none(), "larger than the whole cache");
        cache.put(key(4), response(5));
        assert_eq!(cache.bytes(), 15, "a replaced entry gives its bytes back");
    }

    #[test]
    fn credentials_key_apart() {
        let cache = ResponseCache::default();
        assert_ne!(cache.key("token-a", "u", "a"), cache.key("token-b", "u", "a"));
        assert_eq!(cache.key("token-a", "u", "a"), cache.key("token-a", "u", "a"));
        assert!(!format!("{:?}", cache.key("ghs_secret", "u", "a")).contains("ghs_secret"));
    }

    #[test]
    fn validators_become_conditions() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ETAG, HeaderValue::from_static("W/\"abc\""));
        headers.insert(header::LAST_MODIFIED, HeaderValue::from_static("Tue, 10 Oct 2017 16:00:00 GMT"));
        let conditions = Validators::from_headers(&headers).conditions();
        assert_eq!(conditions[header::IF_NONE_MATCH], "W/\"abc\"");
        assert_eq!(conditions[header::IF_MODIFIED_SINCE], "Tue, 10 Oct 2017 16:00:00 GMT");
        assert!(Validators::default().conditions().is_empty());
    }
}
