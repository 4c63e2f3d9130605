//! Round trips through the types generated from the one-feature fixture
//! specs for the constructs of GitHub's own descriptions (`allOf`,
//! `oneOf`/`anyOf`, `additionalProperties` beside `properties`, enum values
//! differing only in case, group-scoped inline names, typed parameters):
//! JSON decodes into the generated types with the values asserted, and
//! encodes back to the same JSON, so nothing the API sends is lost.

use github_apps::runtime::operation::Operation;
use github_apps_tests::generated::{additional_properties, all_of, enum_case, group_names, one_of, parameters};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Decodes `value` as `T` and checks that it encodes back unchanged.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let decoded: T = serde_json::from_value(value.clone()).unwrap_or_else(|err| panic!("{err}: {value}"));
    assert_eq!(serde_json::to_value(&decoded).unwrap(), value);
    decoded
}

#[test]
fn all_of_members_merge_into_one_struct() {
    use all_of::models::AppWithSecrets;
    let app: AppWithSecrets = round_trip(json!({
        "id": 1, "slug": "octoapp", "owner": {"login": "octocat"}, "client_secret": "shh", "extra": {"pem": "abc"}
    }));
    assert_eq!(app.id, 1);
    assert_eq!(app.slug, "octoapp");
    assert_eq!(app.client_secret, "shh");
    assert_eq!(app.owner.flatten().map(|owner| owner.login).as_deref(), Some("octocat"));
    assert_eq!(app.extra.and_then(|extra| extra.pem).as_deref(), Some("abc"));

    // The nullable reference: absent and `null` stay apart.
    let app: AppWithSecrets = round_trip(json!({"id": 2, "slug": "x", "owner": null, "client_secret": "s"}));
    assert_eq!(app.owner, Some(None));
    let app: AppWithSecrets = round_trip(json!({"id": 2, "slug": "x", "client_secret": "s"}));
    assert_eq!(app.owner, None);

    // A member that is only another `allOf` merges what that one merges;
    // members that are all strings are a string.
    let app: AppWithSecrets = round_trip(json!({
        "id": 3, "slug": "x", "client_secret": "s",
        "hosted_on": {"resource_id": "r-1", "region": "eu"}, "tracking_id": "t-9"
    }));
    let hosted_on = app.hosted_on.unwrap();
    assert_eq!((hosted_on.resource_id.as_str(), hosted_on.region.as_deref()), ("r-1", Some("eu")));
    let tracking_id: &String = app.tracking_id.as_ref().unwrap();
    assert_eq!(tracking_id, "t-9");
    assert!(serde_json::from_value::<all_of::models::HostedResource>(json!({"region": "eu"})).is_err(), "resource_id is required");

    // `required` from every member, the annotation-only one included.
    assert!(serde_json::from_value::<AppWithSecrets>(json!({"id": 2, "client_secret": "s"})).is_err());
    assert!(serde_json::from_value::<AppWithSecrets>(json!({"id": 2, "slug": "x"})).is_err());
}

#[test]
fn one_of_with_a_discriminator_follows_the_tag() {
    use one_of::models::Event;
    let push: Event = round_trip(json!({"kind": "push", "ref": "refs/heads/main"}));
    assert!(matches!(&push, Event::PushEvent(event) if event.ref_ == "refs/heads/main"));
    let issue: Event = round_trip(json!({"kind": "issues", "number": 7}));
    assert!(matches!(&issue, Event::IssueEvent(event) if event.number == 7));
    // A known tag whose object does not fit its variant is an error, not a guess.
    assert!(serde_json::from_value::<Event>(json!({"kind": "push", "number": 7})).is_err());
    // An unknown tag: chosen by shape, else kept whole.
    let shaped: Event = round_trip(json!({"kind": "fork", "number": 8}));
    assert!(matches!(shaped, Event::IssueEvent(_)));
    let other: Event = round_trip(json!({"kind": "fork", "forkee": {}}));
    assert_eq!(other, Event::Other(json!({"kind": "fork", "forkee": {}})));
}

#[test]
fn any_of_without_a_discriminator_takes_the_most_specific_shape() {
    use one_of::models::{Workflow, WorkflowAccount, WorkflowLabel};
    // Both shapes require `id`; the enterprise, which requires more, is
    // tried first and only where `slug` and `name` are present.
    let workflow: Workflow = round_trip(json!({
        "id": 1,
        "account": {"slug": "big-co", "id": 9, "name": "Big Co"},
        "trigger": {"kind": "issues", "number": 1},
        "label": {"name": "ci", "color": "red"}
    }));
    assert!(matches!(&workflow.account, Some(WorkflowAccount::Enterprise(enterprise)) if enterprise.slug == "big-co"));
    assert!(matches!(&workflow.label, Some(WorkflowLabel::Variant2(label)) if label.color.as_deref() == Some("red")));

    let workflow: Workflow = round_trip(json!({
        "id": 2, "account": {"login": "octocat", "id": 1}, "trigger": {"kind": "push", "ref": "r"}, "label": "plain"
    }));
    assert!(matches!(&workflow.account, Some(WorkflowAccount::User(user)) if user.login == "octocat"));
    assert_eq!(workflow.label, Some(WorkflowLabel::String("plain".into())));

    // Nothing matches: the raw JSON is kept, and `null` is the nullable's `None`.
    let workflow: Workflow = round_trip(json!({
        "id": 3, "account": {"id": 1}, "trigger": {"kind": "push", "ref": "r"}, "label": 5
    }));
    assert_eq!(workflow.account, Some(WorkflowAccount::Other(json!({"id": 1}))));
    assert_eq!(workflow.label, Some(WorkflowLabel::Other(json!(5))));
    let workflow: Workflow = round_trip(json!({"id": 4, "account": null, "trigger": {"kind": "push", "ref": "r"}}));
    assert_eq!(workflow.account, None);
}

#[test]
fn a_union_of_scalars_is_a_path_input() {
    use one_of::models::GetWorkflowWorkflowId;
    use one_of::operations::actions::GetWorkflow;
    let by_id = GetWorkflow::new(GetWorkflowWorkflowId::Integer(42));
    assert_eq!(by_id.path().unwrap(), "/workflows/42");
    let by_file = GetWorkflow::new(GetWorkflowWorkflowId::String("ci.yml".into()));
    assert_eq!(by_file.path().unwrap(), "/workflows/ci.yml");
    assert_eq!(round_trip::<GetWorkflowWorkflowId>(json!(42)), GetWorkflowWorkflowId::Integer(42));
    assert_eq!(round_trip::<GetWorkflowWorkflowId>(json!("ci.yml")), GetWorkflowWorkflowId::String("ci.yml".into()));
}

#[test]
fn additional_properties_beside_properties_are_kept() {
    use additional_properties::models::{File, Gist};
    let gist: Gist = round_trip(json!({
        "id": "g1",
        "additional_properties": "a declared property with the map's name",
        "files": {"readme": {"size": 1}, "main.rs": {"size": 2}, "lib.rs": {}},
        "html_url": "https://gist.github.com/g1",
        "public": true
    }));
    assert_eq!(gist.additional_properties.as_deref(), Some("a declared property with the map's name"));
    assert_eq!(gist.additional_properties_.len(), 2);
    assert_eq!(gist.additional_properties_["public"], json!(true));
    let files = gist.files.expect("files");
    assert_eq!(files.readme.and_then(|file| file.size), Some(1));
    assert_eq!(files.additional_properties.keys().collect::<Vec<_>>(), ["lib.rs", "main.rs"]);
    assert_eq!(files.additional_properties["main.rs"].size, Some(2));
    assert_eq!(files.additional_properties["lib.rs"], File::default());
    // The undeclared properties' schema holds.
    assert!(serde_json::from_value::<Gist>(json!({"id": "g", "files": {"x": 1}})).is_err());
}

#[test]
fn enum_values_differing_only_in_case_stay_distinct() {
    use enum_case::models::UpdateUserRequestOp as Op;
    let values = ["add", "Add", "ADD", "remove", "Remove"];
    let decoded: Vec<Op> = round_trip(json!(values));
    assert_eq!(decoded, [Op::Add, Op::Add2, Op::Add3, Op::Remove, Op::Remove2]);
    assert_eq!(round_trip::<Op>(json!("aDd")), Op::Unknown("aDd".into()));
}

#[test]
fn inline_types_are_named_inside_their_group() {
    use group_names::models::{EnterpriseAdminGetAuditLogInclude, OrgsGetAuditLogInclude};
    use group_names::operations::{enterprise_admin, orgs};
    let orgs = orgs::GetAuditLog::new("octo-org").include(OrgsGetAuditLogInclude::All);
    assert_eq!(orgs.query(), [("include".into(), "all".to_owned())]);
    let enterprise =
        enterprise_admin::GetAuditLog::new("octo-business").include(EnterpriseAdminGetAuditLogInclude::Git);
    assert_eq!(enterprise.query(), [("include".into(), "git".to_owned())]);
}

#[test]
fn scalar_parameters_are_sent_as_github_reads_them() {
    use github_apps::runtime::timestamp::Timestamp;
    use parameters::operations::activity::ListNotifications;
    let since: Timestamp = serde_json::from_value(json!("2024-01-02T03:04:05Z")).unwrap();
    let before: Timestamp = serde_json::from_value(json!("2024-02-01T00:00:00Z")).unwrap();
    let request =
        ListNotifications::new(since).before(before).all(true).ratio(0.5).days(vec![since, before]);
    assert_eq!(
        request.query(),
        [
            ("since".into(), "2024-01-02T03:04:05Z".to_owned()),
            ("before".into(), "2024-02-01T00:00:00Z".to_owned()),
            ("all".into(), "true".to_owned()),
            ("ratio".into(), "0.5".to_owned()),
            ("days".into(), "2024-01-02T03:04:05Z".to_owned()),
            ("days".into(), "2024-02-01T00:00:00Z".to_owned()),
        ]
    );
}
