// SPDX-License-Identifier: GPL-3.0-or-later
#include "TokenInspector.h"

#include "ServiceTarget.h"

#include "core/GatewayServer.h"
#include "http/HttpMessage.h"
#include "security/EndpointGuard.h"
#include "security/Jwk.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>

namespace Gateway {

namespace {

QDateTime claimTime(const QJsonObject& claims, const QString& name)
{
    const QJsonValue v = claims.value(name);
    if (!v.isDouble())
        return {};
    return QDateTime::fromSecsSinceEpoch(qint64(v.toDouble()), Qt::UTC);
}

QString quotedList(const QStringList& values)
{
    if (values.isEmpty())
        return QStringLiteral("none");
    QStringList out;
    for (const QString& v : values)
        out.append(QLatin1Char('"') + v.left(200) + QLatin1Char('"'));
    return out.join(QStringLiteral(", "));
}

QString duration(qint64 seconds)
{
    seconds = qAbs(seconds);
    if (seconds < 120)
        return QStringLiteral("%1 s").arg(seconds);
    if (seconds < 2 * 3600)
        return QStringLiteral("%1 min").arg(seconds / 60);
    if (seconds < 2 * 86400)
        return QStringLiteral("%1 h").arg(seconds / 3600);
    return QStringLiteral("%1 days").arg(seconds / 86400);
}

QString localTime(const QDateTime& utc)
{
    return QLocale::c().toString(utc.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss t"));
}

QByteArray stripped(const QByteArray& token)
{
    QByteArray t = token.trimmed();
    if (t.size() > 7 && t.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        t = t.mid(7).trimmed();
    return t;
}

// The plain-words reason for a denial, naming what the gateway expected and what the token says
// (the token's own claims: shown to the person who holds the token, never logged).
QString explain(const AuthDecision& decision, const DecodedToken& decoded, const ServiceTarget& target,
                const QString& description)
{
    const QString& r = decision.reason;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (r == QLatin1String("expired")) {
        if (decoded.expiresAt.isValid())
            return QStringLiteral("Expired: the token expired at %1 (%2 ago); the gateway allows 60 s of clock skew.")
                .arg(localTime(decoded.expiresAt), duration(now - decoded.expiresAt.toSecsSinceEpoch()));
        return QStringLiteral("Expired: the authorization server says the token is no longer valid.");
    }
    if (r == QLatin1String("wrong_audience"))
        return QStringLiteral("Wrong audience: the token is for %1, but this endpoint only accepts tokens for \"%2\".")
            .arg(quotedList(decoded.audiences), target.resource.toString());
    if (r == QLatin1String("wrong_issuer"))
        return QStringLiteral("Wrong issuer: the token was issued by %1, but service %2 trusts only %3.")
            .arg(quotedList(decoded.issuer.isEmpty() ? QStringList() : QStringList{decoded.issuer}), target.service,
                 quotedList(target.security.authorizationServers));
    if (r == QLatin1String("bad_signature"))
        return QStringLiteral("Bad signature: the signature does not verify with the key%1 the issuer publishes; "
                              "the token was altered or signed by someone else.")
            .arg(decoded.keyId.isEmpty() ? QString() : QStringLiteral(" \"%1\"").arg(decoded.keyId.left(100)));
    if (r == QLatin1String("insufficient_scope"))
        return QStringLiteral("Insufficient scope: the token grants %1; the endpoint requires %2 (missing: %3).")
            .arg(quotedList(decoded.form == DecodedToken::Form::Jwt ? decoded.scopes : decision.grantedScopes),
                 quotedList(target.security.requiredScopes), description.section(QLatin1String(": "), 1));
    if (r == QLatin1String("malformed_authorization"))
        return QStringLiteral("Not a bearer token: it holds characters no token can carry (spaces, quotes, ...); "
                              "the gateway answers 400 invalid_request without looking further.");
    if (r == QLatin1String("malformed")) {
        if (decoded.form == DecodedToken::Form::Opaque)
            return QStringLiteral("Not a JWT, and service %1 has no introspection endpoint: the gateway cannot "
                                  "check an opaque token, so it refuses it.")
                .arg(target.service);
        return QStringLiteral("Not a well-formed JWT: %1")
            .arg(decoded.problem.isEmpty() ? description : decoded.problem);
    }
    if (r == QLatin1String("unknown_kid"))
        return QStringLiteral("Unknown key: the token names key \"%1\", which the issuer's JWKS does not publish "
                              "(even after one refetch).")
            .arg(decoded.keyId.left(100));
    if (r == QLatin1String("not_yet_valid") && decoded.notBefore.isValid())
        return QStringLiteral("Not yet valid: the token becomes valid at %1.").arg(localTime(decoded.notBefore));
    if (r == QLatin1String("wrong_type"))
        return QStringLiteral("Wrong token type: the header typ is \"%1\", the endpoint wants \"at+jwt\" (RFC 9068); "
                              "is this an ID token?")
            .arg(decoded.type.left(100));
    if (r == QLatin1String("inactive"))
        return QStringLiteral("Inactive: the introspection endpoint says this token is not active (revoked, expired "
                              "or unknown to it).");
    if (r == QLatin1String("jwks_unavailable") || r == QLatin1String("introspection_unavailable"))
        return QStringLiteral("Cannot be checked right now: %1. The gateway answers 503; run the connection doctor.")
            .arg(description);
    return QStringLiteral("Refused (%1): %2").arg(r, description);
}

} // namespace

TokenInspector::TokenInspector(GatewayServer* gateway, QObject* parent)
    : QObject(parent)
    , m_gateway(gateway)
{
    qRegisterMetaType<Gateway::DecodedToken>();
    qRegisterMetaType<Gateway::TokenVerdict>();
}

TokenInspector::~TokenInspector() = default;

QString TokenInspector::formName(DecodedToken::Form form)
{
    switch (form) {
    case DecodedToken::Form::Empty: return QStringLiteral("empty");
    case DecodedToken::Form::Jwt: return QStringLiteral("JWT");
    case DecodedToken::Form::Malformed: return QStringLiteral("malformed JWT");
    case DecodedToken::Form::Opaque: return QStringLiteral("opaque (not a JWT)");
    }
    return {};
}

DecodedToken TokenInspector::decode(const QByteArray& raw, const QDateTime& now)
{
    DecodedToken d;
    const QByteArray token = stripped(raw);
    if (token.isEmpty())
        return d;
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3) {
        d.form = DecodedToken::Form::Opaque;
        d.problem = QStringLiteral("%1 dot-separated segments, a JWT has 3").arg(parts.size());
        return d;
    }
    d.form = DecodedToken::Form::Malformed;
    // In the order the gateway reads them: header, payload, signature.
    const auto header = decodeBase64UrlStrict(parts.at(0));
    if (!header) {
        d.problem = QStringLiteral("the header is not canonical base64url");
        return d;
    }
    QJsonParseError error{};
    const QJsonDocument headerJson = QJsonDocument::fromJson(*header, &error);
    if (error.error != QJsonParseError::NoError || !headerJson.isObject()) {
        d.problem = QStringLiteral("the header is not a JSON object");
        return d;
    }
    d.header = headerJson.object();
    const auto payload = decodeBase64UrlStrict(parts.at(1));
    if (!payload) {
        d.problem = QStringLiteral("the payload is not canonical base64url");
        return d;
    }
    const QJsonDocument claims = QJsonDocument::fromJson(*payload, &error);
    if (error.error != QJsonParseError::NoError || !claims.isObject()) {
        d.problem = QStringLiteral("the payload is not a JSON object (encrypted or nested tokens are not supported)");
        return d;
    }
    const auto signature = decodeBase64UrlStrict(parts.at(2));
    if (!signature) {
        d.problem = QStringLiteral("the signature is not canonical base64url");
        return d;
    }
    d.claims = claims.object();
    d.signatureBytes = int(signature->size());
    d.form = DecodedToken::Form::Jwt;
    if (signature->isEmpty())
        d.problem = QStringLiteral("the signature is empty");

    d.algorithm = d.header.value(QLatin1String("alg")).toString();
    d.keyId = d.header.value(QLatin1String("kid")).toString();
    d.type = d.header.value(QLatin1String("typ")).toString();
    d.issuer = d.claims.value(QLatin1String("iss")).toString();
    d.subject = d.claims.value(QLatin1String("sub")).toString();
    const QJsonValue aud = d.claims.value(QLatin1String("aud"));
    if (aud.isString())
        d.audiences.append(aud.toString());
    for (const QJsonValue& a : aud.toArray())
        d.audiences.append(a.toString());
    auto addScopes = [&d](const QStringList& list) {
        for (const QString& s : list) {
            if (!d.scopes.contains(s))
                d.scopes.append(s);
        }
    };
    addScopes(d.claims.value(QLatin1String("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts));
    const QJsonValue scp = d.claims.value(QLatin1String("scp"));
    if (scp.isString())
        addScopes(scp.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts));
    for (const QJsonValue& s : scp.toArray())
        addScopes({s.toString()});
    d.issuedAt = claimTime(d.claims, QStringLiteral("iat"));
    d.notBefore = claimTime(d.claims, QStringLiteral("nbf"));
    d.expiresAt = claimTime(d.claims, QStringLiteral("exp"));
    if (d.expiresAt.isValid())
        d.secondsToExpiry = now.secsTo(d.expiresAt);
    return d;
}

int TokenInspector::inspect(const QByteArray& rawToken, const QString& service, const QString& tool)
{
    const int id = ++m_nextId;
    const QByteArray token = stripped(rawToken);
    const DecodedToken decoded = decode(token);
    TokenVerdict verdict;
    verdict.service = service;
    verdict.tool = tool;
    auto deliver = [this, id](const TokenVerdict& v) {
        QMetaObject::invokeMethod(
            this, [this, id, v]() { emit verdictReady(id, v); }, Qt::QueuedConnection);
    };
    const ServiceTarget target = m_gateway ? ServiceTarget::of(*m_gateway, service) : ServiceTarget();
    if (!m_gateway || !target.found) {
        verdict.summary = QStringLiteral("The gateway has no service named \"%1\".").arg(service.left(100));
        deliver(verdict);
        return id;
    }
    if (target.security.mode != EndpointSecurity::Mode::OAuth2) {
        verdict.summary = QStringLiteral("Service %1 does not use OAuth2 (its endpoint security is %2): "
                                         "bearer tokens play no part.")
                              .arg(service, EndpointSecurity::modeName(target.security.mode));
        deliver(verdict);
        return id;
    }
    verdict.checked = true;
    verdict.expectedAudience = target.resource.toString();
    verdict.trustedIssuers = target.security.authorizationServers;
    verdict.requiredScopes = target.security.requiredScopes;
    verdict.introspected = token.count('.') != 2 && !target.security.introspectionEndpoint.isEmpty();

    // Exactly what a client's request to /mcp/{service} carries, as far as endpoint auth looks.
    HttpRequest request;
    request.method = "POST";
    request.path = QStringLiteral("/mcp/") + service;
    request.peerAddress = QHostAddress::LocalHost;
    request.headers.append({"Host", target.resource.authority(QUrl::FullyEncoded).toLatin1()});
    request.headers.append({"Authorization", "Bearer " + token});

    QPointer<TokenInspector> self(this);
    m_gateway->endpointGuard()->authenticate(
        request, service, target.security, target.resource, target.metadataUrl,
        [self, verdict, decoded, target, deliver](const AuthDecision& decision) mutable {
            if (!self)
                return;
            verdict.reason = decision.reason;
            verdict.principal = decision.principal;
            verdict.grantedScopes = decision.grantedScopes;
            verdict.httpStatus = decision.allowed ? 200 : decision.denial.status;
            verdict.wwwAuthenticate = QString::fromUtf8(decision.denial.header("WWW-Authenticate"));
            if (!decision.allowed) {
                verdict.description = QJsonDocument::fromJson(decision.denial.body)
                                          .object()
                                          .value(QLatin1String("error_description"))
                                          .toString();
                if (decision.reason == QLatin1String("insufficient_scope"))
                    verdict.missingScopes = verdict.description.section(QLatin1String(": "), 1)
                                                .split(QLatin1Char(' '), Qt::SkipEmptyParts);
                verdict.summary = explain(decision, decoded, target, verdict.description);
                deliver(verdict);
                return;
            }
            verdict.valid = true;
            QStringList denied;
            for (auto it = target.security.toolScopes.constBegin(); it != target.security.toolScopes.constEnd(); ++it) {
                const AuthDecision tool = EndpointGuard::checkToolScopes(target.security, it.key(),
                                                                         decision.grantedScopes, target.metadataUrl);
                TokenVerdict::ToolAccess access;
                access.tool = it.key();
                access.requiredScopes = it.value();
                access.allowed = tool.allowed;
                for (const QString& scope : it.value()) {
                    if (!decision.grantedScopes.contains(scope))
                        access.missingScopes.append(scope);
                }
                if (!access.allowed)
                    denied.append(QStringLiteral("%1 (needs %2)").arg(access.tool, access.missingScopes.join(' ')));
                verdict.tools.append(access);
                if (access.tool == verdict.tool && !tool.allowed) {
                    verdict.valid = false;
                    verdict.reason = tool.reason;
                    verdict.httpStatus = tool.denial.status;
                    verdict.missingScopes = access.missingScopes;
                    verdict.wwwAuthenticate = QString::fromUtf8(tool.denial.header("WWW-Authenticate"));
                    verdict.description = QJsonDocument::fromJson(tool.denial.body)
                                              .object()
                                              .value(QLatin1String("error_description"))
                                              .toString();
                }
            }
            const QString how = decision.reason == QLatin1String("introspection")
                ? QStringLiteral("the introspection endpoint says it is active")
                : QStringLiteral("signature, issuer, audience, lifetime and scopes check out");
            if (!verdict.valid) {
                verdict.summary = QStringLiteral("Insufficient scope for tool %1: the token grants %2; the tool also "
                                                 "needs %3 (missing: %4). The endpoint itself accepts the token.")
                                      .arg(verdict.tool, quotedList(decision.grantedScopes),
                                           quotedList(target.security.toolScopes.value(verdict.tool)),
                                           verdict.missingScopes.join(QLatin1Char(' ')));
            } else {
                verdict.summary = QStringLiteral("Valid for service %1: %2.").arg(target.service, how);
                if (decoded.expiresAt.isValid())
                    verdict.summary += QStringLiteral(" It expires at %1 (in %2).")
                                           .arg(localTime(decoded.expiresAt), duration(decoded.secondsToExpiry));
                if (!denied.isEmpty())
                    verdict.summary
                        += QStringLiteral(" Tools it cannot call: %1.").arg(denied.join(QStringLiteral(", ")));
            }
            deliver(verdict);
        });
    return id;
}

} // namespace Gateway
