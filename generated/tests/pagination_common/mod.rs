//! Shared by the pagination, errors, faults and retry tests and the memory
//! benchmark: realistic item bodies, the octokit fixtures, and a client
//! pointed at a local server.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use github_apps::ClientBuilder;
use serde_json::{Value, json};

/// The token every test client sends.
pub const TOKEN: &str = "ghs_test_installation_token_0000000000";

/// A builder for a client of the server at `uri` (the API root becomes
/// `{uri}/api/v3`), with a short timeout so a hang fails fast.
pub fn builder(uri: &str) -> ClientBuilder {
    ClientBuilder::new().base_url(uri).timeout(Duration::from_secs(5)).connect_timeout(Duration::from_secs(2))
}

/// `../shared/fixtures/octokit`, or `None` (with a note) when the shared
/// folder is not beside the checkout.
pub fn octokit_fixtures() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures/octokit");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("note: skipping, {} is absent (the shared fixtures are not beside this checkout)", dir.display());
        None
    }
}

/// The recorded interactions of one octokit fixture file.
pub fn octokit_fixture(name: &str) -> Option<Vec<Value>> {
    let path = octokit_fixtures()?.join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    Some(serde_json::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display())))
}

/// A full repository object as GitHub sends it (about 4 KiB of JSON).
pub fn repository(id: i64) -> Value {
    let name = format!("repo-{id}");
    let api = format!("https://api.github.com/repos/octo-org/{name}");
    let owner = json!({
        "login": "octo-org", "id": 1, "node_id": "MDEyOk9yZ2FuaXphdGlvbjE=",
            "avatar_url": "https://github.com/images/error/octocat_happy.gif", "gravatar_id": "",
            "url": "https://api.github.com/users/octo-org", "html_url": "https://github.com/octo-org",
            "followers_url": "https://api.github.com/users/octo-org/followers",
            "following_url": "https://api.github.com/users/octo-org/following{/other_user}",
            "gists_url": "https://api.github.com/users/octo-org/gists{/gist_id}",
            "starred_url": "https://api.github.com/users/octo-org/starred{/owner}{/repo}",
            "subscriptions_url": "https://api.github.com/users/octo-org/subscriptions",
            "organizations_url": "https://api.github.com/users/octo-org/orgs",
            "repos_url": "https://api.github.com/users/octo-org/repos",
            "events_url": "https://api.github.com/users/octo-org/events{/privacy}",
            "received_events_url": "https://api.github.com/users/octo-org/received_events",
            "type": "Organization", "site_admin": false
    });
    let mut object = json!({
        "id": id, "node_id": format!("MDEwOlJlcG9zaXRvcnk{id}"), "name": name,
        "full_name": format!("octo-org/{name}"), "private": false,
        "html_url": format!("https://github.com/octo-org/{name}"),
        "description": "This your first repo!", "fork": false, "url": api,
        "clone_url": format!("https://github.com/octo-org/{name}.git"),
        "git_url": format!("git:github.com/octo-org/{name}.git"),
        "ssh_url": format!("git@github.com:octo-org/{name}.git"),
        "svn_url": format!("https://svn.github.com/octo-org/{name}"),
        "mirror_url": null, "homepage": "https://github.com", "language": null,
        "forks_count": 9, "stargazers_count": 80, "watchers_count": 80, "size": 108,
        "default_branch": "master", "open_issues_count": 0, "is_template": false
    });
    let more = json!({
        "topics": ["octocat", "atom", "electron", "api"],
        "has_issues": true, "has_projects": true, "has_wiki": true, "has_pages": false, "has_downloads": true,
        "archived": false, "disabled": false, "visibility": "public",
        "pushed_at": "2011-01-26T19:06:43Z", "created_at": "2011-01-26T19:01:12Z", "updated_at": "2011-01-26T19:14:43Z",
        "permissions": {"admin": false, "push": false, "pull": true},
        "allow_rebase_merge": true, "template_repository": null, "allow_squash_merge": true,
        "allow_merge_commit": true, "subscribers_count": 42, "network_count": 0,
        "anonymous_access_enabled": false, "license": null
    });
    let map = object.as_object_mut().expect("an object");
    map.insert("owner".to_owned(), owner);
    map.extend(more.as_object().expect("an object").clone());
    for (field, suffix) in [
        ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"),
        ("blobs_url", "/git/blobs{/sha}"), ("branches_url", "/branches{/branch}"),
        ("collaborators_url", "/collaborators{/collaborator}"), ("comments_url", "/comments{/number}"),
        ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"),
        ("contents_url", "/contents/{+path}"), ("contributors_url", "/contributors"),
        ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"),
        ("forks_url", "/forks"), ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"),
        ("git_tags_url", "/git/tags{/sha}"), ("issue_comment_url", "/issues/comments{/number}"),
        ("issue_events_url", "/issues/events{/number}"), ("issues_url", "/issues{/number}"),
        ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"), ("languages_url", "/languages"),
        ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"),
        ("notifications_url", "/notifications{?since,all,participating}"), ("pulls_url", "/pulls{/number}"),
        ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"),
        ("statuses_url", "/statuses/{sha}"), ("subscribers_url", "/subscribers"),
        ("subscription_url", "/subscription"), ("tags_url", "/tags"), ("teams_url", "/teams"),
        ("trees_url", "/git/trees{/sha}"), ("hooks_url", "/hooks"),
    ] {
        map.insert(field.to_owned(), Value::String(format!("{api}{suffix}")));
    }
    object
}

/// The body of `GET /installation/repositories`: `ids` as repositories.
pub fn repositories_page(total_count: i64, ids: impl IntoIterator<Item = i64>) -> Value {
    json!({
        "total_count": total_count,
        "repository_selection": "selected",
        "repositories": ids.into_iter().map(repository).collect::<Vec<_>>(),
    })
}

/// An installation object.
pub fn installation(id: i64) -> Value {
    json!({
        "id": id, "app_id": 1, "target_id": 1, "target_type": "Organization",
        "access_tokens_url": format!("https://api.github.com/app/installations/{id}/access_tokens"),
        "repositories_url": "https://api.github.com/installation/repositories",
        "html_url": format!("https://github.com/organizations/octo-org/settings/installations/{id}"),
        "account": {
            "login": "octo-org", "id": 1,
            "avatar_url": "https://github.com/images/error/octocat_happy.gif",
            "url": "https://api.github.com/orgs/octo-org",
            "repos_url": "https://api.github.com/orgs/octo-org/repos",
            "events_url": "https://api.github.com/orgs/octo-org/events"
        },
        "permissions": {}, "events": ["push"], "single_file_name": null
    })
}
