// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Jwk.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace Gateway {

// Verifies OAuth 2.0 JWT access tokens (RFC 9068) presented to the gateway in JWT mode, against keys
// the authorization server published (alg allowed and matching the key, exact iss, aud naming this resource, exp within ±60 s skew, a published key). Pure and stateless: no
// clock, no network, no logging; the caller passes the time and the current key set.
//
// Order of checks (the first failure wins, and its stable reason code is reported):
//  1. length ≤ 8192 bytes, before any decoding                                 → token_too_long
//  2. exactly three segments of strict base64url (no padding, no whitespace,
//     canonical), header a JSON object with a string "alg"                      → malformed
//  3. "alg" one of RS/PS 256/384/512, ES256/384/512, EdDSA/Ed25519/Ed448;
//     "none" and HS* are never accepted                                         → alg_not_allowed
//     then payload and signature must be non-empty                              → malformed
//  4. "crit" present (no extension is understood)                               → crit_unsupported
//  5. key by "kid" (a map key only; ≤ 256 characters). Unknown kid →
//     unknownKid = true, so the caller may refetch the JWKS once (rate-limited
//     by the caller) and retry. No kid: the set's sole key, else unknown_kid
//     with unknownKid = false (as for a kid over 256 characters). A sole key
//     published without a kid is tried whatever kid the token names           → unknown_kid
//  6. the key must allow "alg": the verifier comes from the JWK, never from the
//     header (RS/HS and RS/ES confusion fail here)                              → alg_not_allowed
//  7. signature                                                                 → bad_signature
//  8. payload a JSON object; "sub" a string if present; "nbf"/"iat" numbers if present → malformed
//  9. header "typ" at+jwt / application/at+jwt (case-insensitive), when required → wrong_type
// 10. "iss" equal to Expectations::issuer, code point by code point             → wrong_issuer
// 11. "aud" (string or array) contains Expectations::audience exactly           → wrong_audience
// 12. "exp" present and a number                                               → missing_exp
// 13. now > exp + skew → expired; nbf > now + skew → not_yet_valid;
//     iat > now + skew → issued_in_future; exp − (iat, else now) > max lifetime → lifetime_too_long
// 14. every required scope granted ("scope" space-separated string and/or "scp"
//     array or string)                                                          → insufficient_scope
//
// "jku", "x5u", "jwk" and "x5c" header members are ignored: they are never fetched or trusted, the key
// always comes from the configured JWKS (RFC 8725 §3.10): URLs in the token header are never fetched. Duplicate JSON member names keep
// the last one (RFC 7515 §4, Qt's parser behaviour). An empty Expectations::issuer or ::audience
// matches nothing (fail closed).
class JwtVerifier
{
public:
    static constexpr int MaxTokenBytes = 8192;

    struct Expectations
    {
        QString issuer; // exact "iss"
        QString audience; // our canonical resource URL; must appear in "aud"
        QStringList requiredScopes;
        bool requireAtJwtType = true; // RFC 9068 §4; off only for IdPs that do not set typ
        qint64 maxLifetimeSeconds = 24 * 3600;
        int skewSeconds = 60;
    };

    struct Result
    {
        bool ok = false;
        // Stable code: malformed, token_too_long, alg_not_allowed, unknown_kid, bad_signature,
        // crit_unsupported, expired, not_yet_valid, issued_in_future, lifetime_too_long, missing_exp,
        // wrong_issuer, wrong_audience, wrong_type, insufficient_scope. Empty when ok.
        QString reason;
        // Human text for logs and error_description: never timestamps, token bytes, kid or claim values.
        QString description;
        // Filled only once the signature has verified (authentic, though possibly failing a claim check).
        QJsonObject claims;
        QString subject;
        QString issuer;
        QStringList scopes; // granted, in token order, without duplicates
        QStringList missingScopes;
        qint64 expiresAt = 0; // "exp", whole seconds since the epoch
        QString algorithm; // the header alg, once it passed the allow-list
        // The header kid (≤ 256 characters; empty otherwise). Attacker-controlled until ok: sanitize
        // before logging.
        QString kid;
        bool unknownKid = false; // the kid is not in the set: refetching the JWKS may help
    };

    static Result verify(const QByteArray& compactJwt, const JwkSet& keys, const Expectations& expectations,
                         qint64 nowSecondsSinceEpoch);
};

} // namespace Gateway
