//! Statuses the spec documents beyond the seed pages, where the real API
//! answers differently: the manifest conversion answers 201 (the seed page
//! says 200), so both are documented, with the same body.

use github_apps::Operation;
use github_apps::operations::apps;
use serde_json::Value;

#[test]
fn the_manifest_conversion_documents_201_beside_200() {
    assert_eq!(<apps::CreateFromManifest as Operation>::DOCUMENTED_STATUSES, &[200, 201, 404, 422]);

    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    let spec: Value = serde_yaml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let responses = &spec["paths"]["/app-manifests/{code}/conversions"]["post"]["responses"];
    let schema = |status: &str| responses[status]["content"]["application/json"]["schema"].clone();
    assert_eq!(schema("201"), schema("200"));
    assert_eq!(schema("201")["$ref"], "#/components/schemas/integration-from-manifest");
}
