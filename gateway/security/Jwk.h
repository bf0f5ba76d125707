// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

struct evp_pkey_st; // OpenSSL's EVP_PKEY; OpenSSL stays out of the gateway's public headers.

namespace Gateway {

// Strict base64url (RFC 4648 §5, as JOSE uses it, RFC 7515 §2): only A–Z a–z 0–9 '-' '_', no padding,
// no whitespace, length mod 4 ≠ 1 and zero unused trailing bits (the canonical encoding only).
// Returns nullopt on any violation. An empty input decodes to an empty array.
std::optional<QByteArray> decodeBase64UrlStrict(const QByteArray& text);

// One public signature-verification key from an authorization server's JWKS (RFC 7517, RFC 7518 §6,
// RFC 8037). The verifier for a token is chosen from this key (its kty, curve and optional "alg"),
// never from the token header (RFC 8725 §3.1), so alg=none and RS/HS confusion cannot pass.
//
// Accepted: RSA (n, e; 2048..16384 bits), EC P-256/P-384/P-521 (x, y at full field length, point on
// the curve), OKP Ed25519/Ed448 (x). Refused: "oct" (symmetric) keys, keys carrying private members,
// keys whose "use" is not "sig" or whose "key_ops" lack "verify", an "alg" that does not fit the key.
// "x5c"/"x5u"/"x5t" members are ignored: the key is built from its own parameters and nothing is fetched.
//
// A Jwk is immutable after fromJson() and shares its EVP_PKEY, so copies are cheap and concurrent
// verify() calls from several threads are safe.
class Jwk
{
public:
    enum class KeyType { Rsa, Ec, Okp };

    static constexpr int MaxKidLength = 256;
    static constexpr int MinRsaBits = 2048;
    static constexpr int MaxRsaBits = 16384;

    // Every JWS alg this gateway can verify; HS*, "none" and anything else are never accepted.
    static const QStringList& supportedAlgorithms();

    // Builds a verification key from one JWK object. On failure returns nullopt and, when `error`
    // is given, a short human reason (no key material).
    static std::optional<Jwk> fromJson(const QJsonObject& json, QString* error = nullptr);

    QString kid() const { return m_kid; }
    KeyType keyType() const { return m_type; }
    QString kty() const;
    QString alg() const { return m_alg; } // the JWK's own "alg", empty when it names none
    QString curve() const { return m_curve; } // "P-256", "Ed25519", ...; empty for RSA
    int bits() const { return m_bits; }

    // The JWS algorithms this key may verify: RSA → RS256/384/512 + PS256/384/512, EC P-256 →
    // ES256 (P-384 → ES384, P-521 → ES512), OKP → EdDSA (+ the fully specified Ed25519/Ed448).
    // When the JWK names an "alg", only that one.
    QStringList allowedAlgorithms() const;
    bool allowsAlg(const QString& alg) const;

    // Verifies a JWS signature (raw bytes, as carried in the token) over `signingInput` with `alg`.
    // Returns false when the key does not allow `alg` or the signature does not verify.
    bool verify(const QString& alg, const QByteArray& signingInput, const QByteArray& signature) const;

    // The underlying OpenSSL key (for tests and diagnostics only).
    evp_pkey_st* evpKey() const { return m_key.get(); }

private:
    Jwk() = default;

    QString m_kid;
    KeyType m_type = KeyType::Rsa;
    QString m_alg;
    QString m_curve;
    int m_bits = 0;
    std::shared_ptr<evp_pkey_st> m_key;
};

// The usable signing keys of one JWKS document, looked up by "kid" (a map key only: never a path,
// URL or query). Invalid or non-signature keys are skipped with a warning; the set may end up empty.
// Immutable after fromJson(), cheap to copy, safe to share across threads.
class JwkSet
{
public:
    JwkSet() = default;

    // `jwks` is the parsed JWKS document ({"keys": [...]}). Rules:
    // - keys that fail Jwk::fromJson are skipped (a warning each);
    // - a key without "kid" is kept only when it is the only usable key;
    // - a repeated "kid" keeps the first key of each key type (RFC 7517 §4.5 allows the same kid for
    //   keys of different kty); later keys of the same type are skipped with a warning.
    // Warnings never contain key material.
    static JwkSet fromJson(const QJsonObject& jwks, QStringList* warnings = nullptr);

    bool isEmpty() const { return m_keys.isEmpty(); }
    int size() const { return int(m_keys.size()); }
    const QList<Jwk>& keys() const { return m_keys; }
    QStringList kids() const;

    // All keys published under `kid` (normally one; at most one per key type).
    QList<Jwk> keysForKid(const QString& kid) const;
    // The single key of a set that holds exactly one key, else nullopt.
    std::optional<Jwk> soleKey() const;

private:
    QList<Jwk> m_keys;
    QHash<QString, QList<int>> m_byKid;
};

} // namespace Gateway
