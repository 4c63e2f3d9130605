//! Peak live heap while streaming 1k, 10k and 100k repositories with
//! `Client::paginate`, in pages of 100, from a local server.
//!
//! Run with `cargo bench -p github-apps --bench pagination_memory`.
//!
//! A counting global allocator records the live heap and its peak. The
//! server runs in a child process (this binary re-run with `--serve`), so
//! only the client's allocations are counted. The stream should hold about
//! one page at a time: the peak should not grow with the item count. For
//! contrast, the last row collects 10k items into a `Vec`.

#[path = "../tests/pagination_common/mod.rs"]
mod pagination_common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use futures::{StreamExt, TryStreamExt};
use github_apps::ClientBuilder;
use github_apps::operations::apps::ListReposAccessibleToInstallation;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const PER_PAGE: i64 = 100;

/// Serves `/t{total}/api/v3/installation/repositories?per_page=&page=`:
/// `total` repositories in pages linked with `rel="next"` and `rel="last"`.
struct Pages {
    uri: String,
}

impl Respond for Pages {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let total: i64 = request.url.path().trim_start_matches("/t").split('/').next().unwrap().parse().unwrap();
        let query = |key: &str| request.url.query_pairs().find(|(k, _)| k == key).map(|(_, v)| v.parse::<i64>().unwrap());
        let per_page = query("per_page").unwrap_or(30);
        let page = query("page").unwrap_or(1);
        let first = (page - 1) * per_page + 1;
        let last_page = (total + per_page - 1) / per_page;
        let body = pagination_common::repositories_page(total, first..=(page * per_page).min(total));
        let mut response = ResponseTemplate::new(200).set_body_raw(serde_json::to_vec(&body).unwrap(), "application/json");
        if page < last_page {
            let base = format!("{}/t{total}/api/v3/installation/repositories?per_page={per_page}", self.uri);
            let link = format!(r#"<{base}&page={}>; rel="next", <{base}&page={last_page}>; rel="last""#, page + 1);
            response = response.insert_header("link", link.as_str());
        }
        response
    }
}

/// The child process: serve until the parent closes our stdin.
fn serve() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    runtime.block_on(async {
        let server = MockServer::builder().disable_request_recording().start().await;
        Mock::given(wiremock::matchers::method("GET")).respond_with(Pages { uri: server.uri() }).mount(&server).await;
        println!("{}", server.uri());
        std::io::stdout().flush().unwrap();
        tokio::task::spawn_blocking(|| {
            let _ = std::io::stdin().read_to_end(&mut Vec::new());
        })
        .await
        .unwrap();
    });
}

fn kib(bytes: usize) -> String {
    format!("{:.0} KiB", bytes as f64 / 1024.0)
}

fn main() {
    if std::env::args().any(|arg| arg == "--serve") {
        serve();
        return;
    }
    let mut child = Command::new(std::env::current_exe().unwrap())
        .arg("--serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the server process");
    let mut uri = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut uri).unwrap();
    let uri = uri.trim().to_owned();

    let page_json = serde_json::to_vec(&pagination_common::repositories_page(PER_PAGE, 1..=PER_PAGE)).unwrap().len();
    println!("server: {uri} (separate process); one page of {PER_PAGE} repositories is {} of JSON", kib(page_json));

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let client = |total: usize| {
            ClientBuilder::new().base_url(format!("{uri}/t{total}")).installation_token("ghs_bench").unwrap()
        };
        // Warm up the connection pool and lazily initialised statics.
        let warm: usize = client(250).paginate(ListReposAccessibleToInstallation::new().per_page(PER_PAGE)).count().await;
        assert_eq!(warm, 250);

        println!();
        println!("{:>8} {:>6} {:>18} {:>16}", "items", "pages", "peak live heap", "peak / page JSON");
        for total in [1_000usize, 10_000, 100_000] {
            let client = client(total);
            let baseline = LIVE.load(Ordering::Relaxed);
            PEAK.store(baseline, Ordering::Relaxed);
            let mut stream = client.paginate(ListReposAccessibleToInstallation::new().per_page(PER_PAGE));
            let (mut items, mut id_sum) = (0usize, 0i64);
            while let Some(repository) = stream.next().await {
                let repository = repository.expect("the local server answers every page");
                items += 1;
                id_sum += repository.id;
            }
            assert_eq!(items, total);
            assert_eq!(id_sum, (total as i64) * (total as i64 + 1) / 2, "every item exactly once");
            assert_eq!(stream.first_response().unwrap().total_count, total as i64);
            drop(stream);
            let peak = PEAK.load(Ordering::Relaxed) - baseline;
            println!(
                "{:>8} {:>6} {:>18} {:>15.1}x",
                total,
                total / PER_PAGE as usize,
                kib(peak),
                peak as f64 / page_json as f64
            );
        }

        let total = 10_000;
        let client = client(total);
        let baseline = LIVE.load(Ordering::Relaxed);
        PEAK.store(baseline, Ordering::Relaxed);
        let all: Vec<_> =
            client.paginate(ListReposAccessibleToInstallation::new().per_page(PER_PAGE)).try_collect().await.unwrap();
        assert_eq!(all.len(), total);
        let peak = PEAK.load(Ordering::Relaxed) - baseline;
        println!("{:>8} {:>6} {:>18} {:>15.1}x   <- collected into a Vec, for contrast", total, total / 100, kib(peak), peak as f64 / page_json as f64);
    });

    drop(child.stdin.take());
    let _ = child.wait();
}
