//! Names that collide under the description profile (the `name_collisions`
//! fixture) get the documented free names, compile, and keep their wire
//! names; under the curated profile the same file is refused with
//! `NameCollision` errors.

use github_apps::ClientBuilder;
use github_apps::runtime::operation::Operation;
use github_apps_codegen::SpecErrorKind;
use github_apps_tests::generated::name_collisions::{models, operations::pets};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn renamed_types_and_fields_keep_their_wire_names() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(query_param("page", "2"))
        .and(header("Page", "next"))
        .and(body_json(serde_json::json!({"name": "Rex"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "request": {"id": 1}, "plain": {"a": "x"}, "camel": {"b": 3}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    // The inline body is `CreatePetRequest2`: the component `create_pet_request` has the name.
    let body = models::CreatePetRequest2::new("Rex");
    let request = pets::CreatePet::new(body).page(2).page_header("next");
    let answer = client.send(request).await.unwrap();
    let request: Option<models::CreatePetRequest> = answer.request;
    assert_eq!(request.unwrap().id, Some(1));
    // `foo_bar` came first and is `FooBar`; `FooBar` is `FooBar2`.
    let plain: models::FooBar = answer.plain.unwrap();
    let camel: models::FooBar2 = answer.camel.unwrap();
    assert_eq!((plain.a.as_deref(), camel.b), (Some("x"), Some(3)));
    let names: Vec<&str> = pets::CreatePet::PARAMS.iter().map(|param| param.name).collect();
    assert_eq!(names, ["page", "Page"]);
}

#[test]
fn the_curated_profile_refuses_them() {
    let file = "tests/fixtures/descriptions/name_collisions.yaml";
    let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = std::fs::read_to_string(workspace.join(file)).unwrap();
    let spec = github_apps_codegen::spec::load(file, &text).unwrap();
    let errors = github_apps_codegen::lower::lower(&spec, github_apps_codegen::Profile::Curated).unwrap_err();
    let collisions: Vec<&str> =
        errors.0.iter().filter(|error| error.kind == SpecErrorKind::NameCollision).map(|error| error.pointer.as_str()).collect();
    // Two schemas, a parameter, an inline body (the FooBar clash is also
    // reported when its model is inserted).
    assert_eq!(collisions.len(), 4, "{errors}");
    assert!(collisions.iter().any(|pointer| pointer.ends_with("/parameters/1")), "{collisions:?}");
    assert!(collisions.iter().any(|pointer| pointer.ends_with("/requestBody/content/application~1json/schema")), "{collisions:?}");
    assert!(collisions.contains(&"/components/schemas/FooBar"), "{collisions:?}");
}
