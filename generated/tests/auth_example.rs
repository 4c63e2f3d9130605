//! Runs `examples/installation_repos.rs` against its embedded mock server,
//! so `cargo test` proves the example works on a fresh machine (the example
//! is also built by `cargo test`, and run as
//! `cargo run -p github-apps --example installation_repos`).

#[allow(dead_code)]
#[path = "../examples/installation_repos.rs"]
mod example;

use example::mock::{MOCK_TOKEN, MockGitHub};

#[tokio::test]
async fn the_example_lists_the_installations_repositories_through_the_mock() {
    let mock = MockGitHub::start().await;
    let printed = example::list_installation_repos(&mock.app().unwrap()).await.unwrap();
    let api_root = format!("{}/api/v3", mock.uri());
    assert_eq!(
        printed,
        [
            format!("Authenticated as the app Octocat App (octoapp) via {api_root}"),
            "1 installation(s)".to_owned(),
            "installation 1 on github:".to_owned(),
            "  installation token [REDACTED] obtained".to_owned(),
            "  - octocat/Hello-World (public)".to_owned(),
        ]
    );
    assert!(!printed.concat().contains(MOCK_TOKEN));
    let paths: Vec<String> =
        mock.received().await.iter().map(|r| format!("{} {}", r.method, r.url.path())).collect();
    assert_eq!(
        paths,
        [
            "GET /api/v3/app",
            "GET /api/v3/app/installations",
            "POST /api/v3/app/installations/1/access_tokens",
            "GET /api/v3/installation/repositories",
        ]
    );
}
