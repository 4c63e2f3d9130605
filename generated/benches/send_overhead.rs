//! CPU and wall time of `Client::send` against a raw `reqwest` call plus
//! `serde_json` decoding of the same model, on loopback.
//!
//! Run with `cargo bench -p github-apps --bench send_overhead` (set
//! `REQUESTS` to change the 20,000 requests per side).
//!
//! Every side sends the same `GET /api/v3/app/installations/1` with an app
//! JWT and decodes the answer into `models::Installation`, one request after
//! the other on a single-threaded runtime. The raw sides send a JWT signed
//! once; the client signs and caches its own. There are two raw sides: a
//! default `reqwest::Client`, and one with the 30 s request timeout the
//! client sets by default (a timer per request is part of the difference). The server is this binary
//! re-run with `--serve` in a child process (a keep-alive HTTP/1.1 loop),
//! so the CPU time read from `/proc/self/stat` is the client's alone. The
//! sides alternate in 10 rounds so drift of the machine hits both alike.

use github_apps_runtime::test_util as keys;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use github_apps::ClientBuilder;
use github_apps::models::Installation;
use github_apps::operations::apps::GetInstallation;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const INSTALLATION: &str = include_str!("../tests/fixtures/list-installations.json");

fn main() {
    if std::env::args().any(|arg| arg == "--serve") {
        serve();
        return;
    }
    let requests: usize = std::env::var("REQUESTS").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
    let mut child = Command::new(std::env::current_exe().unwrap())
        .arg("--serve")
        .stdout(Stdio::piped())
        .spawn()
        .expect("the server process starts");
    let mut port = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut port).unwrap();
    let base = format!("http://127.0.0.1:{}", port.trim());
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(compare(&base, requests));
    child.kill().ok();
    child.wait().ok();
}

/// CPU time of this process so far: (user, system), in clock ticks of 10 ms.
fn cpu_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/self/stat").expect("/proc/self/stat (Linux)");
    let fields: Vec<&str> = stat.rsplit_once(')').unwrap().1.split_whitespace().collect();
    (fields[11].parse().unwrap(), fields[12].parse().unwrap())
}

#[derive(Default)]
struct Totals {
    cpu: Duration,
    user: Duration,
    system: Duration,
    wall: Duration,
}

/// Measures `run` into `totals`.
async fn measure<F: std::future::Future<Output = ()>>(totals: &mut Totals, run: F) {
    let ((user, system), wall) = (cpu_ticks(), Instant::now());
    run.await;
    let (user_after, system_after) = cpu_ticks();
    let ticks = |n: u64| Duration::from_millis(n * 10);
    totals.user += ticks(user_after - user);
    totals.system += ticks(system_after - system);
    totals.cpu += ticks(user_after - user + system_after - system);
    totals.wall += wall.elapsed();
}

async fn compare(base: &str, requests: usize) {
    let key = keys::test_key();
    let app = ClientBuilder::new().base_url(base).app(1, key.pkcs1.as_str()).unwrap();
    let raw = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let raw_timeout =
        reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).timeout(Duration::from_secs(30)).build().unwrap();
    let jwt = github_apps_jwt(key.pkcs1.as_str());
    let url = format!("{base}/api/v3/app/installations/1");
    // Warm both (connections, the client's JWT).
    for _ in 0..200 {
        app.send(GetInstallation::new(1)).await.unwrap();
        raw_get(&raw, &url, &jwt).await;
        raw_get(&raw_timeout, &url, &jwt).await;
    }
    let rounds = 10;
    let per_round = requests / rounds;
    let (mut ours, mut theirs, mut theirs_timeout) = (Totals::default(), Totals::default(), Totals::default());
    for _ in 0..rounds {
        for (client, totals) in [(&raw, &mut theirs), (&raw_timeout, &mut theirs_timeout)] {
            measure(totals, async {
                for _ in 0..per_round {
                    raw_get(client, &url, &jwt).await;
                }
            })
            .await;
        }
        measure(&mut ours, async {
            for _ in 0..per_round {
                let installation = app.send(GetInstallation::new(1)).await.unwrap();
                assert_eq!(installation.id, 1);
            }
        })
        .await;
    }
    let n = (per_round * rounds) as f64;
    println!("{} sequential GETs of an installation per side, loopback, single-threaded runtime", per_round * rounds);
    println!("| side | CPU total (user + system) | CPU per request | wall total | wall per request |");
    println!("|---|---|---|---|---|");
    for (name, totals) in
        [("reqwest + serde_json", &theirs), ("reqwest (30 s timeout) + serde_json", &theirs_timeout), ("Client::send", &ours)]
    {
        println!(
            "| {name} | {:.2} s ({:.2} + {:.2}) | {:.1} µs | {:.2} s | {:.1} µs |",
            totals.cpu.as_secs_f64(),
            totals.user.as_secs_f64(),
            totals.system.as_secs_f64(),
            totals.cpu.as_secs_f64() * 1e6 / n,
            totals.wall.as_secs_f64(),
            totals.wall.as_secs_f64() * 1e6 / n
        );
    }
    for (name, raw) in [("raw", &theirs), ("raw with timeout", &theirs_timeout)] {
        println!(
            "ratio Client::send / {name}: CPU {:.3}, wall {:.3}",
            ours.cpu.as_secs_f64() / raw.cpu.as_secs_f64(),
            ours.wall.as_secs_f64() / raw.wall.as_secs_f64()
        );
    }
}

/// An app JWT, signed once, as a caller of raw reqwest would.
fn github_apps_jwt(pem: &str) -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let claims = serde_json::json!({"iat": now - 60, "exp": now + 540, "iss": "1"});
    let key = jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes()).unwrap();
    jsonwebtoken::encode(&jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256), &claims, &key).unwrap()
}

async fn raw_get(client: &reqwest::Client, url: &str, jwt: &str) {
    let response = client
        .get(url)
        .header("accept", "application/vnd.github.machine-man-preview+json")
        .header("user-agent", "bench")
        .bearer_auth(jwt)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.unwrap();
    let installation: Installation = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(installation.id, 1);
}

/// The server: prints its port, then answers every request on every
/// keep-alive connection with the installation.
fn serve() {
    let body = {
        let list: serde_json::Value = serde_json::from_str(INSTALLATION).unwrap();
        serde_json::to_vec(&list[0]).unwrap()
    };
    let response = [
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-ratelimit-remaining: 4999\r\nx-ratelimit-limit: 5000\r\n\r\n",
            body.len()
        )
        .into_bytes(),
        body,
    ]
    .concat();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        println!("{}", listener.local_addr().unwrap().port());
        let response: &'static [u8] = Box::leak(response.into_boxed_slice());
        loop {
            let (mut stream, _) = listener.accept().await.unwrap();
            tokio::spawn(async move {
                let mut buffer = vec![0u8; 8192];
                let mut filled = 0;
                loop {
                    let Ok(read) = stream.read(&mut buffer[filled..]).await else { return };
                    if read == 0 {
                        return;
                    }
                    filled += read;
                    while let Some(end) = buffer[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                        if stream.write_all(response).await.is_err() {
                            return;
                        }
                        buffer.copy_within(end + 4..filled, 0);
                        filled -= end + 4;
                    }
                }
            });
        }
    });
}
