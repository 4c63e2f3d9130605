//! Test support (the `test-util` feature): an RSA key made when a test
//! first asks for one (one 2048-bit key per process), so no private key is
//! checked in or packaged, for clients of mock servers in tests.
//!
//! The same key in the two PEM encodings GitHub Apps hand out, and its public
//! key to verify the JWTs signed with either.

use std::sync::OnceLock;

use aws_lc_rs::encoding::AsDer;
use aws_lc_rs::rsa::{KeyPair, KeySize};
use aws_lc_rs::signature::KeyPair as _;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// One key, PEM-encoded three ways.
pub struct TestKey {
    /// `BEGIN RSA PRIVATE KEY` (PKCS#1 `RSAPrivateKey`).
    pub pkcs1: String,
    /// `BEGIN PRIVATE KEY` (PKCS#8 `PrivateKeyInfo`).
    pub pkcs8: String,
    /// `BEGIN PUBLIC KEY` (X.509 `SubjectPublicKeyInfo`).
    pub public: String,
}

/// This test binary's key.
pub fn test_key() -> &'static TestKey {
    static KEY: OnceLock<TestKey> = OnceLock::new();
    KEY.get_or_init(generate)
}

/// The private key as `BEGIN RSA PRIVATE KEY`.
pub fn pkcs1() -> &'static str {
    &test_key().pkcs1
}

/// The same private key as `BEGIN PRIVATE KEY`.
pub fn pkcs8() -> &'static str {
    &test_key().pkcs8
}

/// Its public key as `BEGIN PUBLIC KEY`.
pub fn public() -> &'static str {
    &test_key().public
}

fn generate() -> TestKey {
    let pair = KeyPair::generate(KeySize::Rsa2048).expect("aws-lc-rs generates an RSA-2048 key");
    let pkcs8 = pair.as_der().expect("the key as PKCS#8");
    let public = pair.public_key().as_der().expect("the public key as SubjectPublicKeyInfo");
    TestKey {
        pkcs1: pem("RSA PRIVATE KEY", pkcs1_of(pkcs8.as_ref())),
        pkcs8: pem("PRIVATE KEY", pkcs8.as_ref()),
        public: pem("PUBLIC KEY", public.as_ref()),
    }
}

/// The PKCS#1 `RSAPrivateKey` inside a PKCS#8 v1 `PrivateKeyInfo`:
/// `SEQUENCE { INTEGER version, SEQUENCE algorithm, OCTET STRING privateKey }`.
fn pkcs1_of(pkcs8: &[u8]) -> &[u8] {
    let (info, rest) = der(pkcs8, 0x30);
    assert!(rest.is_empty(), "one PrivateKeyInfo");
    let (_version, info) = der(info, 0x02);
    let (_algorithm, info) = der(info, 0x30);
    let (private_key, _attributes) = der(info, 0x04);
    private_key
}

/// Splits one DER element with `tag` off `input`: (its contents, the rest).
fn der(input: &[u8], tag: u8) -> (&[u8], &[u8]) {
    assert_eq!(input.first(), Some(&tag), "DER tag");
    let (len, header) = match input[1] {
        short @ 0..0x80 => (usize::from(short), 2),
        long => {
            let octets = usize::from(long & 0x7f);
            let len = input[2..2 + octets].iter().fold(0, |len, &b| len << 8 | usize::from(b));
            (len, 2 + octets)
        }
    };
    input[header..].split_at(len)
}

/// PEM: base64 in lines of 64 between the `label`'s armour lines.
fn pem(label: &str, der: &[u8]) -> String {
    let base64 = STANDARD.encode(der);
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in base64.as_bytes().chunks(64) {
        pem.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
}
