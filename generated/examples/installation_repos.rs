//! Lists every installation of a GitHub App and the repositories each one
//! can access: app JWT → installations → installation token → repositories.
//!
//! With no configuration it runs against an embedded mock of the GitHub API
//! on 127.0.0.1 (with a throwaway key made at start), so it works on a
//! fresh machine:
//!
//! ```sh
//! cargo run -p github-apps --example installation_repos
//! ```
//!
//! Point it at a real app on github.com or a GitHub Enterprise host with:
//!
//! ```sh
//! GITHUB_APP_ID=12345 \
//! GITHUB_APP_PRIVATE_KEY_PATH=~/Downloads/my-app.2024-01-01.private-key.pem \
//! GITHUB_API_URL=https://ghe.example.com \
//!   cargo run -p github-apps --example installation_repos
//! ```
//!
//! `GITHUB_API_URL` is optional (default `https://api.github.com`); an
//! Enterprise host may be written with or without `/api/v3`.

use std::error::Error;
use std::time::{Duration, SystemTime};

use futures::TryStreamExt;
use github_apps::operations::apps;
use github_apps::{AppClient, ClientBuilder};

/// For the mock: a throwaway RSA key made at start (the mock checks that a
/// JWT is sent, not its signature), so no private key is checked in.
use github_apps_runtime::test_util as keys;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    match app_from_env()? {
        Some(app) => {
            list_installation_repos(&app).await?;
        }
        None => {
            let mock = mock::MockGitHub::start().await;
            println!("No GITHUB_APP_ID set: using a mock GitHub API at {}", mock.uri());
            list_installation_repos(&mock.app()?).await?;
        }
    }
    Ok(())
}

/// The app client described by `GITHUB_APP_ID`, `GITHUB_APP_PRIVATE_KEY_PATH`
/// and `GITHUB_API_URL`, or `None` when no app id is set.
fn app_from_env() -> Result<Option<AppClient>, Box<dyn Error>> {
    let Ok(app_id) = std::env::var("GITHUB_APP_ID") else { return Ok(None) };
    let key_path = std::env::var("GITHUB_APP_PRIVATE_KEY_PATH")
        .map_err(|_| "GITHUB_APP_ID is set: set GITHUB_APP_PRIVATE_KEY_PATH to the app's .pem file too")?;
    let pem = std::fs::read(&key_path).map_err(|err| format!("reading {key_path}: {err}"))?;
    let mut builder = ClientBuilder::new();
    if let Ok(url) = std::env::var("GITHUB_API_URL") {
        builder = builder.base_url(url);
    }
    Ok(Some(builder.app(app_id, pem)?))
}

/// Does the work and returns what it printed, one entry per line.
pub async fn list_installation_repos(app: &AppClient) -> Result<Vec<String>, Box<dyn Error>> {
    let mut printed = Vec::new();
    let mut say = |line: String| {
        println!("{line}");
        printed.push(line);
    };
    let me = app.send(apps::GetAuthenticated::new()).await?;
    // `slug` is optional in GitHub's own descriptions, so it is an `Option` here.
    let slug = me.slug.as_deref().unwrap_or("no slug");
    say(format!("Authenticated as the app {} ({slug}) via {}", me.name, app.api_root()));
    let installations = app.send(apps::ListInstallations::new().per_page(100)).await?;
    say(format!("{} installation(s)", installations.len()));
    for installation in installations {
        let account = installation.account.as_ref().map_or("?", |account| account.login.as_str());
        say(format!("installation {} on {account}:", installation.id));
        let client = app.installation(installation.id);
        // The token prints as [REDACTED]; `expose()` would read it.
        let token = client.access_token().await?;
        say(format!("  installation token {token} obtained"));
        let mut repos = client.paginate(apps::ListReposAccessibleToInstallation::new().per_page(100));
        while let Some(repo) = repos.try_next().await? {
            let visibility = if repo.private { "private" } else { "public" };
            say(format!("  - {} ({visibility})", repo.full_name));
        }
    }
    Ok(printed)
}

/// An embedded mock of the three endpoints, answering with the spec's own
/// examples, and insisting on the right credential for each.
pub mod mock {
    use super::*;
    use serde_json::Value;
    use wiremock::matchers::{header, header_regex, method, path, path_regex};
    use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

    /// The installation token the mock hands out.
    pub const MOCK_TOKEN: &str = "ghs_mock_installation_token";

    /// The running mock server.
    pub struct MockGitHub {
        server: MockServer,
    }

    /// Creates tokens valid for an hour from now.
    struct Tokens;

    impl Respond for Tokens {
        fn respond(&self, _: &Request) -> ResponseTemplate {
            let expires_at = time::OffsetDateTime::from(SystemTime::now() + Duration::from_secs(3600));
            let expires_at = expires_at.format(&time::format_description::well_known::Rfc3339).expect("a date");
            ResponseTemplate::new(201).set_body_json(serde_json::json!({
                "token": MOCK_TOKEN,
                "expires_at": expires_at,
                "permissions": {"metadata": "read", "contents": "read"},
                "repository_selection": "all",
            }))
        }
    }

    fn example(name: &str) -> Value {
        let text = match name {
            "get-by-slug" => include_str!("../tests/fixtures/get-by-slug.json"),
            "list-installations" => include_str!("../tests/fixtures/list-installations.json"),
            _ => include_str!("../tests/fixtures/list-repos-accessible-to-installation.json"),
        };
        serde_json::from_str(text).expect("the fixtures are JSON")
    }

    impl MockGitHub {
        /// Starts the server on 127.0.0.1.
        pub async fn start() -> MockGitHub {
            let server = MockServer::start().await;
            let jwt = || header_regex("authorization", r"^Bearer eyJ[\w-]+\.[\w-]+\.[\w-]+$");
            Mock::given(method("GET"))
                .and(path("/api/v3/app"))
                .and(jwt())
                .respond_with(ResponseTemplate::new(200).set_body_json(example("get-by-slug")))
                .mount(&server)
                .await;
            Mock::given(method("GET"))
                .and(path("/api/v3/app/installations"))
                .and(jwt())
                .respond_with(ResponseTemplate::new(200).set_body_json(example("list-installations")))
                .mount(&server)
                .await;
            Mock::given(method("POST"))
                .and(path_regex(r"^/api/v3/app/installations/\d+/access_tokens$"))
                .and(jwt())
                .respond_with(Tokens)
                .mount(&server)
                .await;
            Mock::given(method("GET"))
                .and(path("/api/v3/installation/repositories"))
                .and(header("authorization", format!("Bearer {MOCK_TOKEN}").as_str()))
                .respond_with(ResponseTemplate::new(200).set_body_json(example("list-repos")))
                .mount(&server)
                .await;
            MockGitHub { server }
        }

        /// Its base URL.
        pub fn uri(&self) -> String {
            self.server.uri()
        }

        /// An app client for it (as a GitHub Enterprise host: `/api/v3` is added).
        pub fn app(&self) -> Result<AppClient, github_apps::Error> {
            ClientBuilder::new().base_url(self.uri()).app(1, keys::pkcs1())
        }

        /// The requests it received.
        pub async fn received(&self) -> Vec<Request> {
            self.server.received_requests().await.unwrap_or_default()
        }
    }
}
