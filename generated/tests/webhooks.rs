//! Webhook verification through the public API: GitHub's documented test
//! vector is accepted, every kind of wrong delivery is refused with the
//! variant that names what is wrong, and neither the verifier nor any error
//! prints the secret or the expected signature.

use github_apps::runtime::webhook::{
    DELIVERY_HEADER, EVENT_HEADER, HOOK_ID_HEADER, INSTALLATION_TARGET_ID_HEADER, INSTALLATION_TARGET_TYPE_HEADER,
    SIGNATURE_256_HEADER, SIGNATURE_SHA1_HEADER,
};
use github_apps::{SignatureFormatError, WebhookDelivery, WebhookError, WebhookHeaders, WebhookVerifier};
use reqwest::header::{HeaderMap, HeaderValue};
use serde::Deserialize;

// From docs.github.com, "Validating webhook deliveries". Recomputed with
// `printf 'Hello, World!' | openssl dgst -sha256 -hmac "It's a Secret to Everybody"`.
const SECRET: &str = "It's a Secret to Everybody";
const PAYLOAD: &[u8] = b"Hello, World!";
const SIGNATURE: &str = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
const DIGEST: &str = "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
// The SHA-1 signature GitHub would send alongside
// (`openssl dgst -sha1 -hmac ...`); only its presence matters here.
const SHA1_SIGNATURE: &str = "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59";
const DELIVERY_ID: &str = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

fn verifier() -> WebhookVerifier {
    WebhookVerifier::new(SECRET).unwrap()
}

/// The headers of a delivery of the documented payload, as GitHub sends them.
fn headers(signature: Option<&'static str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in [
        ("user-agent", "GitHub-Hookshot/044aadd"),
        ("content-type", "application/json"),
        (EVENT_HEADER, "ping"),
        (DELIVERY_HEADER, DELIVERY_ID),
        (HOOK_ID_HEADER, "292430182"),
        (INSTALLATION_TARGET_TYPE_HEADER, "integration"),
        (INSTALLATION_TARGET_ID_HEADER, "79929171"),
        (SIGNATURE_SHA1_HEADER, SHA1_SIGNATURE),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Some(signature) = signature {
        headers.insert(SIGNATURE_256_HEADER, HeaderValue::from_static(signature));
    }
    headers
}

/// The documented signature with its hex digit at `index` changed.
fn flipped_digit(index: usize) -> String {
    let mut digest = DIGEST.as_bytes().to_vec();
    digest[index] = if digest[index] == b'0' { b'1' } else { b'0' };
    format!("sha256={}", String::from_utf8(digest).unwrap())
}

fn expected_delivery() -> WebhookDelivery {
    let delivery = verifier().verify(&headers(Some(SIGNATURE)), PAYLOAD).unwrap();
    assert_eq!(delivery.event, "ping");
    assert_eq!(delivery.delivery_id, DELIVERY_ID);
    assert_eq!(delivery.hook_id, Some(292430182));
    let target = delivery.installation_target.clone().unwrap();
    assert_eq!((target.target_type.as_str(), target.id), ("integration", 79929171));
    delivery
}

#[test]
fn the_documented_vector_is_accepted_from_a_header_map() {
    expected_delivery();
    assert_eq!(verifier().sign(PAYLOAD), SIGNATURE);
    verifier().verify_signature(SIGNATURE, PAYLOAD).unwrap();
}

#[test]
fn header_values_can_be_given_one_by_one() {
    let headers = WebhookHeaders::new()
        .event("ping")
        .delivery_id(DELIVERY_ID)
        .hook_id("292430182")
        .installation_target("integration", "79929171")
        .signature_256(SIGNATURE);
    assert_eq!(verifier().verify_headers(&headers, PAYLOAD).unwrap(), expected_delivery());

    // Older GitHub Enterprise Server versions send neither the hook id nor
    // the installation target.
    let minimal = WebhookHeaders::new().event("ping").delivery_id(DELIVERY_ID).signature_256(SIGNATURE);
    let delivery = verifier().verify_headers(&minimal, PAYLOAD).unwrap();
    assert_eq!((delivery.hook_id, delivery.installation_target), (None, None));
}

#[test]
fn an_uppercase_signature_is_accepted() {
    let upper = format!("sha256={}", DIGEST.to_ascii_uppercase());
    verifier().verify_signature(&upper, PAYLOAD).unwrap();
}

#[test]
fn a_rotated_verifier_accepts_the_old_and_the_new_secret() {
    let old = WebhookVerifier::new("the previous secret").unwrap();
    let rotating = WebhookVerifier::new(SECRET).unwrap().with_secret("the previous secret").unwrap();
    rotating.verify_signature(SIGNATURE, PAYLOAD).unwrap();
    rotating.verify_signature(&old.sign(PAYLOAD), PAYLOAD).unwrap();
    assert!(matches!(
        WebhookVerifier::new("a third secret").unwrap().verify_signature(SIGNATURE, PAYLOAD),
        Err(WebhookError::SignatureMismatch)
    ));
}

#[test]
fn one_flipped_hex_digit_is_refused() {
    for index in [0, 31, DIGEST.len() - 1] {
        let signature = flipped_digit(index);
        let mut headers = headers(None);
        headers.insert(SIGNATURE_256_HEADER, HeaderValue::from_str(&signature).unwrap());
        assert!(matches!(verifier().verify(&headers, PAYLOAD), Err(WebhookError::SignatureMismatch)), "{signature}");
    }
}

#[test]
fn a_wrong_secret_is_refused() {
    for secret in ["It's a secret to everybody", "It's a Secret to Everybody ", "x"] {
        let verifier = WebhookVerifier::new(secret).unwrap();
        assert!(matches!(verifier.verify(&headers(Some(SIGNATURE)), PAYLOAD), Err(WebhookError::SignatureMismatch)));
    }
}

#[test]
fn a_body_altered_by_one_byte_is_refused() {
    let mut body = PAYLOAD.to_vec();
    for index in 0..body.len() {
        body[index] ^= 1;
        assert!(matches!(verifier().verify(&headers(Some(SIGNATURE)), &body), Err(WebhookError::SignatureMismatch)));
        body[index] ^= 1;
    }
    for body in [&b"Hello, World!\n"[..], b"Hello, World", b""] {
        assert!(matches!(verifier().verify(&headers(Some(SIGNATURE)), body), Err(WebhookError::SignatureMismatch)));
    }
}

#[test]
fn a_missing_signature_is_refused() {
    let mut headers = headers(None);
    headers.remove(SIGNATURE_SHA1_HEADER);
    assert!(matches!(verifier().verify(&headers, PAYLOAD), Err(WebhookError::MissingHeader(SIGNATURE_256_HEADER))));
}

#[test]
fn the_sha1_signature_alone_is_refused() {
    let err = verifier().verify(&headers(None), PAYLOAD).unwrap_err();
    assert!(matches!(err, WebhookError::Sha1Only), "{err:?}");
    assert!(err.to_string().contains("X-Hub-Signature-256"), "{err}");
    let one_by_one = WebhookHeaders::new().event("ping").delivery_id(DELIVERY_ID).signature_sha1(SHA1_SIGNATURE);
    assert!(matches!(verifier().verify_headers(&one_by_one, PAYLOAD), Err(WebhookError::Sha1Only)));
    // A SHA-1 value in the SHA-256 header is malformed, not checked.
    assert!(matches!(
        verifier().verify_signature(SHA1_SIGNATURE, PAYLOAD),
        Err(WebhookError::MalformedSignature(SignatureFormatError::MissingPrefix))
    ));
}

#[test]
fn malformed_signatures_are_refused() {
    for (signature, reason) in [
        (DIGEST.to_owned(), SignatureFormatError::MissingPrefix),
        (format!("sha256={}", &DIGEST[1..]), SignatureFormatError::WrongLength { digits: 63 }),
        (format!("sha256={}z", &DIGEST[1..]), SignatureFormatError::NotHex),
    ] {
        assert!(
            matches!(
                verifier().verify_signature(&signature, PAYLOAD),
                Err(WebhookError::MalformedSignature(found)) if found == reason
            ),
            "{signature}"
        );
    }
}

#[test]
fn missing_delivery_headers_are_refused_after_the_signature() {
    for name in [EVENT_HEADER, DELIVERY_HEADER, INSTALLATION_TARGET_ID_HEADER] {
        let mut headers = headers(Some(SIGNATURE));
        headers.remove(name);
        match verifier().verify(&headers, PAYLOAD) {
            Err(WebhookError::MissingHeader(missing)) => assert_eq!(missing, name),
            other => panic!("without {name}: {other:?}"),
        }
        // A forged delivery is refused for its signature, whatever else is wrong.
        assert!(matches!(verifier().verify(&headers, b"forged"), Err(WebhookError::SignatureMismatch)));
    }
    let mut headers = headers(Some(SIGNATURE));
    headers.insert(HOOK_ID_HEADER, HeaderValue::from_static("hook"));
    assert!(matches!(
        verifier().verify(&headers, PAYLOAD),
        Err(WebhookError::InvalidHeader { name: HOOK_ID_HEADER, .. })
    ));
}

#[test]
fn the_verified_body_deserializes() {
    #[derive(Deserialize)]
    struct Ping<'a> {
        zen: &'a str,
        hook_id: u64,
    }
    let body = br#"{"zen":"Keep it logically awesome.","hook_id":292430182}"#;
    let verifier = verifier();
    let mut headers = headers(None);
    headers.insert(SIGNATURE_256_HEADER, HeaderValue::from_str(&verifier.sign(body)).unwrap());
    let delivery = verifier.verify(&headers, body).unwrap();
    let ping: Ping<'_> = delivery.json(body).unwrap();
    assert_eq!((ping.zen, ping.hook_id), ("Keep it logically awesome.", 292430182));
    assert!(matches!(delivery.json::<Ping<'_>>(b"{}"), Err(WebhookError::Json(_))));
}

#[test]
fn nothing_prints_the_secret_or_the_expected_signature() {
    let verifier = WebhookVerifier::new(SECRET).unwrap().with_secret("the previous secret").unwrap();
    let forbidden = [SECRET, "the previous secret", DIGEST];
    let check = |what: &str, printed: Vec<String>| {
        for printed in printed {
            for secret in forbidden {
                assert!(!printed.contains(secret), "{what} prints {secret:?}: {printed}");
            }
            // Nor any long piece of the digest.
            for piece in DIGEST.as_bytes().chunks(8) {
                let piece = std::str::from_utf8(piece).unwrap();
                assert!(!printed.contains(piece), "{what} prints part of the signature: {printed}");
            }
        }
    };
    check("the verifier", vec![format!("{verifier:?}"), format!("{verifier:#?}")]);
    assert!(format!("{verifier:?}").contains("[REDACTED]"));

    let mut sha1_only = headers(None);
    let mut duplicated = headers(Some(SIGNATURE));
    duplicated.append(SIGNATURE_256_HEADER, HeaderValue::from_static(SIGNATURE));
    let mut invalid = headers(Some(SIGNATURE));
    invalid.insert(EVENT_HEADER, HeaderValue::from_bytes(b"p\xffng").unwrap());
    let mut altered = PAYLOAD.to_vec();
    altered[0] ^= 1;
    let wrong_secret = WebhookVerifier::new("It's a secret to everybody").unwrap();

    let mut errors: Vec<WebhookError> = vec![
        WebhookVerifier::new("").unwrap_err(),
        verifier.verify(&sha1_only, PAYLOAD).unwrap_err(),
        verifier.verify(&duplicated, PAYLOAD).unwrap_err(),
        verifier.verify(&invalid, PAYLOAD).unwrap_err(),
        verifier.verify(&headers(Some(SIGNATURE)), &altered).unwrap_err(),
        wrong_secret.verify(&headers(Some(SIGNATURE)), PAYLOAD).unwrap_err(),
        verifier.verify_signature(&flipped_digit(5), PAYLOAD).unwrap_err(),
        verifier.verify_signature("sha256=xyz", PAYLOAD).unwrap_err(),
        verifier.verify_signature("sha256=abcd", PAYLOAD).unwrap_err(),
        verifier.verify_signature("md5=abcd", PAYLOAD).unwrap_err(),
    ];
    sha1_only.remove(SIGNATURE_SHA1_HEADER);
    errors.push(verifier.verify(&sha1_only, PAYLOAD).unwrap_err());
    let delivery = expected_delivery();
    errors.push(delivery.json::<serde_json::Value>(PAYLOAD).map(|_| ()).unwrap_err());

    for err in &errors {
        let display = err.to_string();
        assert!(display.chars().next().is_some_and(|c| c.is_lowercase()), "{display}");
        check("an error", vec![display, format!("{err:?}"), format!("{err:#?}")]);
    }
    let variants: Vec<_> =
        errors.iter().map(|err| format!("{err:?}").split(['(', ' ']).next().unwrap().to_owned()).collect();
    for variant in [
        "EmptySecret",
        "Sha1Only",
        "DuplicateHeader",
        "InvalidHeader",
        "SignatureMismatch",
        "MalformedSignature",
        "MissingHeader",
        "Json",
    ] {
        assert!(variants.iter().any(|found| found == variant), "no {variant} among {variants:?}");
    }
}
