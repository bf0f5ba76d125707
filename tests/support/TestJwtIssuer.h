// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <memory>

struct evp_pkey_st;

// A tiny JWT issuer for tests: key pairs generated at test time with OpenSSL EVP, their public JWKs,
// and compact JWS tokens signed with them (RS*/PS*/ES*/EdDSA) or with an HMAC secret (to prove HS*
// tokens are refused). Test code only: nothing here is hardened.
namespace TestSupport {

QByteArray base64Url(const QByteArray& bytes); // no padding

class TestKey
{
public:
    TestKey() = default;
    static TestKey rsa(int bits = 2048);
    static TestKey ec(const QString& curve = QStringLiteral("P-256")); // P-256, P-384, P-521
    static TestKey ed25519();
    static TestKey ed448();

    bool isNull() const { return !m_key; }
    QString kty() const { return m_kty; } // RSA, EC, OKP
    QString curve() const { return m_curve; } // empty for RSA
    QString defaultAlg() const; // RS256, ES256/384/512, EdDSA

    // The public JWK with "use":"sig"; "kid"/"alg" only when non-empty.
    QJsonObject publicJwk(const QString& kid = {}, const QString& alg = {}) const;
    QByteArray publicKeyDer() const; // SubjectPublicKeyInfo
    QByteArray publicKeyPem() const;

    // JWS signature bytes over `input` (ES*: raw r||s). Empty on failure (e.g. alg unfit for the key).
    QByteArray sign(const QString& alg, const QByteArray& input) const;

private:
    std::shared_ptr<evp_pkey_st> m_key;
    QString m_kty;
    QString m_curve;
};

QByteArray compactJson(const QJsonObject& object);

// base64url(header) "." base64url(claims) "." base64url(signature by `key` with `signingAlg`, which
// defaults to header["alg"]).
QByteArray makeToken(const QJsonObject& header, const QJsonObject& claims, const TestKey& key,
                     const QString& signingAlg = {});
// The same with a caller-chosen signature (empty for alg "none").
QByteArray makeTokenWithSignature(const QJsonObject& header, const QJsonObject& claims, const QByteArray& signature);
// HS256/HS384/HS512 per header["alg"] with `secret` as the HMAC key.
QByteArray makeHmacToken(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret);

} // namespace TestSupport
