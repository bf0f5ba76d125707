// SPDX-License-Identifier: GPL-3.0-or-later
// JWT access-token verification and the JWKS it trusts (both from outside: the token from any
// client, the key set from the authorization server's jwks_uri).
//
// Input: byte 0 picks the mode and the expectations.
//  mode 0: the rest is a token, verified against the fixture key set (jwt_fixture_jwks.inc);
//  mode 1: the rest is "<JWKS JSON>\n<token>": the key set itself is fuzzed;
//  mode 2: the rest goes to the strict base64url decoder, which must only accept the canonical form.
// Properties: verify() never accepts "none"/HS*, a token over the size cap, or a token that fails
// a claim check; its failure codes come from the documented list.
#include "FuzzSupport.h"

#include "security/Jwk.h"
#include "security/JwtVerifier.h"

#include <QJsonDocument>
#include <QSet>

using namespace Gateway;

namespace {

const char kFixtureJwks[] =
#include "jwt_fixture_jwks.inc"
    ;

constexpr qint64 kNow = 1800000000; // the clock the seeds were made for

const JwkSet& fixtureKeys()
{
    static const JwkSet keys = JwkSet::fromJson(QJsonDocument::fromJson(kFixtureJwks).object());
    return keys;
}

void checkResult(const QByteArray& token, const JwtVerifier::Result& result, const JwtVerifier::Expectations& exp)
{
    static const QSet<QString> codes{
        QStringLiteral("malformed"),         QStringLiteral("token_too_long"), QStringLiteral("alg_not_allowed"),
        QStringLiteral("unknown_kid"),       QStringLiteral("bad_signature"),  QStringLiteral("crit_unsupported"),
        QStringLiteral("expired"),           QStringLiteral("not_yet_valid"),  QStringLiteral("issued_in_future"),
        QStringLiteral("lifetime_too_long"), QStringLiteral("missing_exp"),    QStringLiteral("wrong_issuer"),
        QStringLiteral("wrong_audience"),    QStringLiteral("wrong_type"),     QStringLiteral("insufficient_scope")};
    if (!result.ok) {
        FUZZ_CHECK(codes.contains(result.reason));
        FUZZ_CHECK(!result.description.isEmpty());
        return;
    }
    FUZZ_CHECK(result.reason.isEmpty());
    FUZZ_CHECK(token.size() <= JwtVerifier::MaxTokenBytes);
    FUZZ_CHECK(Jwk::supportedAlgorithms().contains(result.algorithm));
    FUZZ_CHECK(result.issuer == exp.issuer);
    FUZZ_CHECK(result.missingScopes.isEmpty());
    FUZZ_CHECK(result.expiresAt >= kNow - exp.skewSeconds);
}

} // namespace

FUZZ_INIT

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1)
        return 0;
    const uint8_t control = data[0];
    const QByteArray rest = FuzzSupport::bytes(data + 1, size - 1);

    JwtVerifier::Expectations exp;
    exp.issuer = QStringLiteral("https://issuer.test");
    exp.audience = QStringLiteral("http://127.0.0.1:8765/mcp/fuzz");
    if (control & 0x10)
        exp.requiredScopes = {QStringLiteral("read")};
    exp.requireAtJwtType = !(control & 0x20);

    switch (control & 0x03) {
    case 0: {
        checkResult(rest, JwtVerifier::verify(rest, fixtureKeys(), exp, kNow), exp);
        break;
    }
    case 1: {
        const qsizetype nl = rest.indexOf('\n');
        const QByteArray jwksText = nl < 0 ? rest : rest.left(nl);
        const QByteArray token = nl < 0 ? QByteArray() : rest.mid(nl + 1);
        QStringList warnings;
        const JwkSet keys = JwkSet::fromJson(QJsonDocument::fromJson(jwksText).object(), &warnings);
        for (const Jwk& key : keys.keys()) {
            FUZZ_CHECK(key.kid().size() <= Jwk::MaxKidLength);
            FUZZ_CHECK(!key.allowedAlgorithms().isEmpty());
            for (const QString& alg : key.allowedAlgorithms())
                FUZZ_CHECK(Jwk::supportedAlgorithms().contains(alg));
        }
        checkResult(token, JwtVerifier::verify(token, keys, exp, kNow), exp);
        break;
    }
    default: {
        const auto decoded = decodeBase64UrlStrict(rest);
        if (decoded) {
            // Only the canonical encoding is accepted: re-encoding gives back the input.
            FUZZ_CHECK(decoded->toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals) == rest);
        }
        break;
    }
    }
    return 0;
}
