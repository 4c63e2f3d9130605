//! `$ref`s that point into the document (the `pointer_refs` fixture
//! description): a parameter, response and schema borrowed from another
//! operation, and a property of a component, each the same type as where
//! it points, sent and decoded as there.

mod raw_server;

use github_apps::{ClientBuilder, Error};
use github_apps_tests::generated::pointer_refs::models::{GetThingResponse, GetThingResponseOwner, TeamLead};
use github_apps_tests::generated::pointer_refs::operations::things::{GetThing, GetTwin};
use raw_server::{RawResponse, RawServer};

#[tokio::test]
async fn borrowed_parameters_and_responses_work_as_where_they_point() {
    let server = RawServer::start(|request| match request.request_line.contains("/twin") {
        true => RawResponse::json(200, r#"{"id":7,"owner":{"login":"octocat"}}"#),
        false => RawResponse::json(404, r#"{"message":"no such thing"}"#),
    })
    .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();

    // The parameters `$ref`'d from `things/get-thing` are path and query
    // inputs here too; the response schema is the same type.
    let twin: GetThingResponse = client.send(GetTwin::new(7).fields("owner")).await.unwrap();
    // A property `$ref`'d from a component's property is that property's type.
    let owner: GetThingResponseOwner = twin.owner.unwrap();
    let lead: TeamLead = owner;
    assert_eq!((twin.id, lead.login.as_str()), (7, "octocat"));

    // The `404` response `$ref`'d from another operation is an error with its body.
    let err = client.send(GetThing::new(8)).await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    let Error::Api(api) = &err else { panic!("{err:?}") };
    assert_eq!(api.message.as_deref(), Some("no such thing"));

    let lines = server.request_lines();
    assert_eq!(lines, ["GET /things/7/twin?fields=owner HTTP/1.1", "GET /things/8 HTTP/1.1"]);
}
