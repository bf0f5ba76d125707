// SPDX-License-Identifier: GPL-3.0-or-later
#include "JwtVerifier.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <cmath>
#include <optional>
#include <utility>

namespace Gateway {

namespace {

using Result = JwtVerifier::Result;

Result failure(Result result, const char* reason, const QString& description)
{
    result.ok = false;
    result.reason = QLatin1String(reason);
    result.description = description;
    return result;
}

std::optional<QJsonObject> parseObject(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return std::nullopt;
    return document.object();
}

// A NumericDate (RFC 7519 §2): a JSON number, possibly fractional.
std::optional<double> numericDate(const QJsonObject& claims, const QString& name)
{
    const QJsonValue value = claims.value(name);
    if (!value.isDouble())
        return std::nullopt;
    const double number = value.toDouble();
    if (!std::isfinite(number))
        return std::nullopt;
    return number;
}

void appendScopes(QStringList& scopes, const QString& spaceSeparated)
{
    // RFC 6749 §3.3: scope tokens are separated by spaces (0x20) only.
    const QStringList parts = spaceSeparated.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString& scope : parts) {
        if (!scopes.contains(scope))
            scopes.append(scope);
    }
}

QStringList grantedScopes(const QJsonObject& claims)
{
    QStringList scopes;
    const QJsonValue scope = claims.value(QStringLiteral("scope"));
    if (scope.isString())
        appendScopes(scopes, scope.toString());
    const QJsonValue scp = claims.value(QStringLiteral("scp"));
    if (scp.isString()) {
        appendScopes(scopes, scp.toString());
    } else if (scp.isArray()) {
        const QJsonArray array = scp.toArray();
        for (const QJsonValue& entry : array) {
            if (entry.isString())
                appendScopes(scopes, entry.toString());
        }
    }
    return scopes; // other shapes grant nothing (fail closed)
}

bool audienceMatches(const QJsonValue& aud, const QString& expected)
{
    if (expected.isEmpty())
        return false;
    if (aud.isString())
        return aud.toString() == expected;
    if (aud.isArray()) {
        const QJsonArray array = aud.toArray();
        for (const QJsonValue& entry : array) {
            if (entry.isString() && entry.toString() == expected)
                return true;
        }
    }
    return false;
}

bool isAccessTokenType(const QJsonValue& typ)
{
    if (!typ.isString())
        return false;
    const QString value = typ.toString();
    return value.compare(QLatin1String("at+jwt"), Qt::CaseInsensitive) == 0
        || value.compare(QLatin1String("application/at+jwt"), Qt::CaseInsensitive) == 0;
}

} // namespace

JwtVerifier::Result JwtVerifier::verify(const QByteArray& compactJwt, const JwkSet& keys,
                                        const Expectations& expectations, qint64 nowSecondsSinceEpoch)
{
    Result result;

    // 1. Size, before anything else touches the bytes.
    if (compactJwt.size() > MaxTokenBytes)
        return failure(result, "token_too_long", QStringLiteral("token too long"));

    // 2. Shape: header.payload.signature of strict base64url; a header that is a JSON object with an alg.
    const QList<QByteArray> segments = compactJwt.split('.');
    if (segments.size() != 3)
        return failure(result, "malformed", QStringLiteral("token is not a compact JWS with three segments"));
    const std::optional<QByteArray> headerBytes = decodeBase64UrlStrict(segments.at(0));
    const std::optional<QByteArray> payloadBytes = decodeBase64UrlStrict(segments.at(1));
    const std::optional<QByteArray> signature = decodeBase64UrlStrict(segments.at(2));
    if (!headerBytes || !payloadBytes || !signature)
        return failure(result, "malformed", QStringLiteral("token is not valid base64url"));
    const std::optional<QJsonObject> header = parseObject(*headerBytes);
    if (!header)
        return failure(result, "malformed", QStringLiteral("token header is not a JSON object"));
    const QJsonValue algValue = header->value(QStringLiteral("alg"));
    if (!algValue.isString())
        return failure(result, "malformed", QStringLiteral("token header has no alg"));
    const QString alg = algValue.toString();

    // 3. Global allow-list: "none", HS* and anything unknown never go further. Checked before the
    //    empty-segment rule so an unsigned "alg":"none" token is reported as what it is.
    if (!Jwk::supportedAlgorithms().contains(alg))
        return failure(result, "alg_not_allowed", QStringLiteral("signing algorithm not allowed"));
    result.algorithm = alg;
    if (payloadBytes->isEmpty() || signature->isEmpty())
        return failure(result, "malformed", QStringLiteral("token has an empty segment"));

    // 4. No JWS extension is understood, so any "crit" is fatal (RFC 7515 §4.1.11).
    if (header->contains(QStringLiteral("crit")))
        return failure(result, "crit_unsupported", QStringLiteral("token uses an unsupported critical extension"));

    // 5. Key lookup. "jku"/"x5u"/"jwk"/"x5c" are deliberately never read.
    const QJsonValue kidValue = header->value(QStringLiteral("kid"));
    if (!kidValue.isUndefined() && !kidValue.isString())
        return failure(result, "malformed", QStringLiteral("token header kid is not a string"));
    const QString kid = kidValue.toString();
    QList<Jwk> candidates;
    if (kid.isEmpty()) {
        if (const std::optional<Jwk> sole = keys.soleKey())
            candidates.append(*sole);
        else
            return failure(result, "unknown_kid",
                           keys.isEmpty() ? QStringLiteral("no signing keys available")
                                          : QStringLiteral("token names no key and several keys are published"));
    } else if (kid.size() > Jwk::MaxKidLength) {
        return failure(result, "unknown_kid", QStringLiteral("token key id too long"));
    } else {
        result.kid = kid;
        candidates = keys.keysForKid(kid);
        if (candidates.isEmpty()) {
            // A lone key published without a kid constrains nothing: try it (as Envoy does).
            const std::optional<Jwk> sole = keys.soleKey();
            if (sole && sole->kid().isEmpty()) {
                candidates.append(*sole);
            } else {
                result.unknownKid = true;
                return failure(result, "unknown_kid", QStringLiteral("token signed with an unknown key"));
            }
        }
    }

    // 6. The key decides which algorithms it verifies.
    const Jwk* key = nullptr;
    for (const Jwk& candidate : std::as_const(candidates)) {
        if (candidate.allowsAlg(alg)) {
            key = &candidate;
            break;
        }
    }
    if (!key)
        return failure(result, "alg_not_allowed", QStringLiteral("signing algorithm does not match the key"));

    // 7. Signature over the exact bytes received.
    const qsizetype signingInputLength = segments.at(0).size() + 1 + segments.at(1).size();
    if (!key->verify(alg, compactJwt.left(signingInputLength), *signature))
        return failure(result, "bad_signature", QStringLiteral("token signature invalid"));

    // 8. Claims: authentic from here on.
    const std::optional<QJsonObject> claims = parseObject(*payloadBytes);
    if (!claims)
        return failure(result, "malformed", QStringLiteral("token payload is not a JSON object"));
    result.claims = *claims;
    const QJsonValue sub = claims->value(QStringLiteral("sub"));
    if (!sub.isUndefined() && !sub.isString())
        return failure(result, "malformed", QStringLiteral("token subject is not a string"));
    result.subject = sub.toString();
    result.issuer = claims->value(QStringLiteral("iss")).toString();
    result.scopes = grantedScopes(*claims);
    const std::optional<double> exp = numericDate(*claims, QStringLiteral("exp"));
    if (exp && std::fabs(*exp) < 1e15)
        result.expiresAt = qint64(std::floor(*exp));
    const std::optional<double> nbf = numericDate(*claims, QStringLiteral("nbf"));
    const std::optional<double> iat = numericDate(*claims, QStringLiteral("iat"));
    if ((claims->contains(QStringLiteral("nbf")) && !nbf) || (claims->contains(QStringLiteral("iat")) && !iat))
        return failure(result, "malformed", QStringLiteral("token time claim is not a number"));

    // 9. An ID token or other JWT must not pass as an access token (RFC 9068 §4, RFC 8725 §3.11).
    if (expectations.requireAtJwtType && !isAccessTokenType(header->value(QStringLiteral("typ"))))
        return failure(result, "wrong_type", QStringLiteral("token is not an access token (typ)"));

    // 10.–11. Issuer and audience, exact.
    const QJsonValue iss = claims->value(QStringLiteral("iss"));
    if (expectations.issuer.isEmpty() || !iss.isString() || iss.toString() != expectations.issuer)
        return failure(result, "wrong_issuer", QStringLiteral("token issuer not accepted"));
    if (!audienceMatches(claims->value(QStringLiteral("aud")), expectations.audience))
        return failure(result, "wrong_audience", QStringLiteral("token audience does not include this resource"));

    // 12.–13. Time, with skew; exp is mandatory and the lifetime capped.
    if (!exp)
        return failure(result, "missing_exp", QStringLiteral("token has no expiry"));
    const double now = double(nowSecondsSinceEpoch);
    const double skew = double(qMax(0, expectations.skewSeconds));
    if (now > *exp + skew)
        return failure(result, "expired", QStringLiteral("token expired"));
    if (nbf && *nbf > now + skew)
        return failure(result, "not_yet_valid", QStringLiteral("token not yet valid"));
    if (iat && *iat > now + skew)
        return failure(result, "issued_in_future", QStringLiteral("token issued in the future"));
    if (*exp - (iat ? *iat : now) > double(expectations.maxLifetimeSeconds))
        return failure(result, "lifetime_too_long", QStringLiteral("token lifetime too long"));

    // 14. Scopes.
    for (const QString& required : expectations.requiredScopes) {
        if (!required.isEmpty() && !result.scopes.contains(required) && !result.missingScopes.contains(required))
            result.missingScopes.append(required);
    }
    if (!result.missingScopes.isEmpty())
        return failure(result, "insufficient_scope", QStringLiteral("token lacks a required scope"));

    result.ok = true;
    return result;
}

} // namespace Gateway
