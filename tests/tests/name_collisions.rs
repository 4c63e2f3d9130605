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
            "request": {"_id": "a1", "id": 1, "jobID": "j", "jobId": 7}, "plain": {"a": "x"}, "camel": {"b": 3}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    // The inline body is `CreatePetRequest2`: the component `create_pet_request` has the name.
    let body = models::CreatePetRequest2::new("Rex");
    let request = pets::CreatePet::new(body).page(2).page_header("next");
    let answer = client.send(request).await.unwrap();
    let request: models::CreatePetRequest = answer.request.unwrap();
    // `id` keeps its name though `_id` comes first; `jobId` is numbered.
    assert_eq!((request.id, request.id_2.as_deref()), (Some(1), Some("a1")));
    assert_eq!((request.job_id.as_deref(), request.job_id_2), (Some("j"), Some(7)));
    // `foo_bar` came first and is `FooBar`; `FooBar` is `FooBar2`.
    let plain: models::FooBar = answer.plain.unwrap();
    let camel: models::FooBar2 = answer.camel.unwrap();
    assert_eq!((plain.a.as_deref(), camel.b), (Some("x"), Some(3)));
    let names: Vec<&str> = pets::CreatePet::PARAMS.iter().map(|param| param.name).collect();
    assert_eq!(names, ["page", "Page"]);
}

#[tokio::test]
async fn a_later_operation_with_a_taken_name_is_numbered() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/pets/every")).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let client = ClientBuilder::generic(server.uri()).anonymous().unwrap();
    assert_eq!((pets::ListPets::ID, pets::ListPets2::ID), ("pets/list-pets", "pets/list_pets"));
    use github_apps_tests::generated::name_collisions::operations::OperationGroups;
    client.pets().list_pets_2().await.unwrap();
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
    // reported when its model is inserted), two properties, an operation.
    assert_eq!(collisions.len(), 7, "{errors}");
    assert!(collisions.contains(&"/components/schemas/create_pet_request/properties/_id"), "{collisions:?}");
    assert!(collisions.contains(&"/components/schemas/create_pet_request/properties/jobId"), "{collisions:?}");
    assert!(collisions.contains(&"/paths/~1pets~1every/get/operationId"), "{collisions:?}");
    assert!(collisions.iter().any(|pointer| pointer.ends_with("/parameters/1")), "{collisions:?}");
    assert!(collisions.iter().any(|pointer| pointer.ends_with("/requestBody/content/application~1json/schema")), "{collisions:?}");
    assert!(collisions.contains(&"/components/schemas/FooBar"), "{collisions:?}");
}
