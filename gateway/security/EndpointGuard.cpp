// SPDX-License-Identifier: GPL-3.0-or-later
#include "EndpointGuard.h"

#include "ApiKey.h"
#include "AuthorizationServerDirectory.h"
#include "JwtVerifier.h"
#include "VerifiedTokenCache.h"

#include "net/Loopback.h"
#include "net/OutboundPolicy.h"
#include "secrets/SecretResolver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QRegularExpression>
#include <QSet>
#include <QUrlQuery>

#include <optional>

namespace Gateway {

namespace {

constexpr int kMaxFailuresPerMinute = 20;
// Longest bearer token accepted. Well below the 8000-byte limit on one header line, so the rule is
// reachable: "Authorization: Bearer " plus this many bytes always fits on the line, and a longer
// token is answered 401 token_too_long before any of it is decoded.
constexpr qsizetype kMaxTokenBytes = 4096;
// Introspection results: at most this many remembered, each at most this long.
constexpr int kIntrospectionCacheCapacity = 10000;
constexpr int kIntrospectionCacheSeconds = 60;

QByteArray quoted(const QString& value)
{
    QByteArray out = value.toUtf8();
    out.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + out + '"';
}

AuthDecision deny(int status, const QString& reason, const QByteArray& challenge, const QString& error,
                  const QString& description)
{
    AuthDecision d;
    d.decision = status == 503 ? QStringLiteral("unavailable") : QStringLiteral("denied");
    d.reason = reason;
    QJsonObject body{{QStringLiteral("error"), error}};
    if (!description.isEmpty())
        body.insert(QStringLiteral("error_description"), description);
    d.denial = HttpResponse::json(status, QJsonDocument(body).toJson(QJsonDocument::Compact));
    if (!challenge.isEmpty())
        d.denial.setHeader("WWW-Authenticate", challenge);
    return d;
}

QByteArray bearerChallenge(const QUrl& metadataUrl, const QStringList& scopes, const QString& error = {},
                           const QString& description = {})
{
    QByteArray c = "Bearer resource_metadata=" + quoted(metadataUrl.toString());
    if (!scopes.isEmpty())
        c += ", scope=" + quoted(scopes.join(QLatin1Char(' ')));
    if (!error.isEmpty())
        c += ", error=" + quoted(error);
    if (!description.isEmpty())
        c += ", error_description=" + quoted(description);
    return c;
}

// RFC 6750 b64token: 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
bool isB64Token(const QByteArray& token)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9\\-._~+/]+=*$"));
    return !token.isEmpty() && re.match(QString::fromLatin1(token)).hasMatch();
}

// A token with dots is a JWS compact serialization: exactly three non-empty base64url segments
// (RFC 7515, no padding). A token without dots is opaque (b64token) and only introspection knows it.
bool isWellFormedJws(const QByteArray& token)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$"));
    return re.match(QString::fromLatin1(token)).hasMatch();
}

// The audiences an introspection answer names; nullopt when "aud" is present but malformed.
std::optional<QStringList> introspectedAudiences(const QJsonValue& aud)
{
    QStringList audiences;
    if (aud.isUndefined())
        return audiences;
    if (aud.isString())
        return QStringList{aud.toString()};
    if (!aud.isArray())
        return std::nullopt;
    for (const QJsonValue& a : aud.toArray()) {
        if (!a.isString())
            return std::nullopt;
        audiences.append(a.toString());
    }
    return audiences;
}

// The token's claimed issuer, read before verification only to pick which keys to verify with.
QString unverifiedIssuer(const QByteArray& token)
{
    const QList<QByteArray> parts = token.split('.');
    if (parts.size() != 3)
        return {};
    const auto payload = decodeBase64UrlStrict(parts.at(1));
    if (!payload)
        return {};
    return QJsonDocument::fromJson(*payload).object().value(QLatin1String("iss")).toString();
}

} // namespace

EndpointGuard::EndpointGuard(QObject* parent)
    : QObject(parent)
    , m_directory(new AuthorizationServerDirectory(this))
    , m_cache(std::make_unique<VerifiedTokenCache>())
    , m_introspected(std::make_unique<VerifiedTokenCache>(kIntrospectionCacheCapacity, kIntrospectionCacheSeconds))
{
    connect(m_directory, &AuthorizationServerDirectory::issuerUpdated, this, [this]() { m_cache->clear(); });
}

EndpointGuard::~EndpointGuard() = default;

void EndpointGuard::reset()
{
    m_cache->clear();
    m_introspected->clear();
}

int EndpointGuard::introspectionCacheSize() const
{
    return m_introspected->size();
}

void EndpointGuard::introspect(const QByteArray& token, const EndpointSecurity& security, const QUrl& resource,
                               const QUrl& metadataUrl, Done done)
{
    const QStringList scopes = security.requiredScopes;
    // An introspection answer holds only for the endpoint it was checked for: the cache key binds the
    // token to the introspection endpoint, this endpoint's audience, trusted issuers and required
    // scopes (services share the cache), so a token accepted for one service is re-checked for another.
    const QByteArray key = "introspection\n" + security.introspectionEndpoint.toEncoded() + '\n' + token + '\n'
        + resource.toEncoded() + '\n' + security.authorizationServers.join(QLatin1Char(' ')).toUtf8() + '\n'
        + scopes.join(QLatin1Char(' ')).toUtf8();
    if (const auto cached = m_introspected->lookup(key, QDateTime::currentSecsSinceEpoch())) {
        AuthDecision d;
        d.allowed = true;
        d.decision = QStringLiteral("allowed");
        d.reason = QStringLiteral("introspection");
        d.principal = cached->issuer + QLatin1Char(' ') + cached->subject;
        d.grantedScopes = cached->scopes;
        done(d);
        return;
    }
    auto unavailable = [done](const QString& why) {
        AuthDecision d = deny(503, QStringLiteral("introspection_unavailable"), {},
                              QStringLiteral("temporarily_unavailable"), why);
        d.denial.setHeader("Retry-After", "30");
        done(d);
    };
    const QUrl endpoint = security.introspectionEndpoint;
    if (endpoint.scheme() != QLatin1String("https")
        && !(Net::isLoopbackUrl(endpoint) && security.allowLoopbackHttpIssuers)) {
        unavailable(QStringLiteral("the introspection endpoint must use https"));
        return;
    }
    if (!m_secrets) {
        unavailable(QStringLiteral("no secret store for the introspection client"));
        return;
    }
    if (!m_network) {
        m_network = new QNetworkAccessManager(this);
        Net::OutboundPolicy().configure(m_network); // proxy settings shared with every outbound call
    }
    QPointer<EndpointGuard> self(this);
    m_secrets->resolve(
        security.introspectionSecretRef,
        [self, token, key, security, resource, metadataUrl, scopes, done, unavailable](const SecretResult& secret) {
            if (!self)
                return;
            if (!secret.isOk()) {
                unavailable(QStringLiteral("introspection client secret unavailable"));
                return;
            }
            QNetworkRequest request(security.introspectionEndpoint);
            Net::OutboundPolicy::prepare(request, 5000, false); // no redirects: the request carries a secret
            request.setHeader(QNetworkRequest::ContentTypeHeader,
                              QByteArrayLiteral("application/x-www-form-urlencoded"));
            request.setRawHeader("Accept", "application/json");
            const QByteArray credentials = QUrl::toPercentEncoding(security.introspectionClientId) + ':'
                + QUrl::toPercentEncoding(QString::fromUtf8(secret.value));
            request.setRawHeader("Authorization", "Basic " + credentials.toBase64());
            const QByteArray body
                = "token=" + QUrl::toPercentEncoding(QString::fromLatin1(token)) + "&token_type_hint=access_token";
            QNetworkReply* reply = self->m_network->post(request, body);
            Net::OutboundPolicy::capDownload(reply, 64 * 1024);
            QObject::connect(
                reply, &QNetworkReply::finished, self,
                [self, reply, key, security, resource, metadataUrl, scopes, done, unavailable]() {
                    reply->deleteLater();
                    const QByteArray answer = reply->read(64 * 1024 + 1);
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    const QJsonObject o = QJsonDocument::fromJson(answer).object();
                    if (reply->error() != QNetworkReply::NoError || status != 200 || answer.size() > 64 * 1024
                        || o.isEmpty()) {
                        unavailable(QStringLiteral("token introspection failed"));
                        return;
                    }
                    const qint64 now = QDateTime::currentSecsSinceEpoch();
                    const qint64 exp = qint64(o.value(QLatin1String("exp")).toDouble(0));
                    const std::optional<QStringList> audiences = introspectedAudiences(o.value(QLatin1String("aud")));
                    const QJsonValue issValue = o.value(QLatin1String("iss"));
                    auto invalid = [&](const QString& reason, const QString& description) {
                        done(deny(401, reason,
                                  bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_token"), description),
                                  QStringLiteral("invalid_token"), description));
                    };
                    if (o.value(QLatin1String("active")) != QJsonValue(true))
                        return invalid(QStringLiteral("inactive"), QStringLiteral("token is not active"));
                    if (exp > 0 && exp + 60 < now)
                        return invalid(QStringLiteral("expired"), QStringLiteral("token expired"));
                    // "aud" and "iss" are optional in an introspection answer; when present they must
                    // name this endpoint and a trusted authorization server.
                    if (!audiences || (!audiences->isEmpty() && !audiences->contains(resource.toString())))
                        return invalid(QStringLiteral("wrong_audience"),
                                       QStringLiteral("token is for another resource"));
                    const QString iss = issValue.toString();
                    if ((!issValue.isUndefined() && (!issValue.isString() || iss.isEmpty()))
                        || (!iss.isEmpty() && !security.authorizationServers.contains(iss)))
                        return invalid(QStringLiteral("wrong_issuer"),
                                       QStringLiteral("token not issued by a trusted authorization server"));
                    const QStringList granted
                        = o.value(QLatin1String("scope")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
                    QStringList missing;
                    for (const QString& s : scopes) {
                        if (!granted.contains(s))
                            missing.append(s);
                    }
                    const QString principalIssuer = iss.isEmpty() ? security.introspectionEndpoint.host() : iss;
                    const QString subject
                        = o.value(QLatin1String("sub")).toString(o.value(QLatin1String("client_id")).toString());
                    const QString principal = principalIssuer + QLatin1Char(' ') + subject;
                    if (!missing.isEmpty()) {
                        const QString description
                            = QStringLiteral("missing scope: %1").arg(missing.join(QLatin1Char(' ')));
                        AuthDecision d = deny(
                            403, QStringLiteral("insufficient_scope"),
                            bearerChallenge(metadataUrl, scopes, QStringLiteral("insufficient_scope"), description),
                            QStringLiteral("insufficient_scope"), description);
                        d.principal = principal;
                        done(d);
                        return;
                    }
                    AuthDecision d;
                    d.allowed = true;
                    d.decision = QStringLiteral("allowed");
                    d.reason = QStringLiteral("introspection");
                    d.principal = principal;
                    d.grantedScopes = granted;
                    // Cached no longer than the token lives, and at most a minute; expired entries are
                    // dropped on lookup and the least recently used one when the cache is full.
                    if (self) {
                        JwtVerifier::Result remembered;
                        remembered.ok = true;
                        remembered.issuer = principalIssuer;
                        remembered.subject = subject;
                        remembered.scopes = granted;
                        remembered.expiresAt = exp > 0 ? exp : now + kIntrospectionCacheSeconds;
                        self->m_introspected->insert(key, remembered, now);
                    }
                    done(d);
                });
        });
}

bool EndpointGuard::throttled(const QHostAddress& peer)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Failures& f = m_failures[peer.toString()];
    if (now - f.windowStartMs > 60000) {
        f.windowStartMs = now;
        f.count = 0;
    }
    return f.count >= kMaxFailuresPerMinute;
}

void EndpointGuard::recordFailure(const QHostAddress& peer)
{
    ++m_failures[peer.toString()].count;
    if (m_failures.size() > 10000)
        m_failures.clear();
}

void EndpointGuard::authenticate(const HttpRequest& request, const QString& service, const EndpointSecurity& security,
                                 const QUrl& resource, const QUrl& metadataUrl, Done done)
{
    Q_UNUSED(service)
    switch (security.mode) {
    case EndpointSecurity::Mode::None: {
        AuthDecision d;
        d.allowed = true;
        d.principal = QStringLiteral("anonymous");
        d.decision = QStringLiteral("none");
        done(d);
        return;
    }
    case EndpointSecurity::Mode::ApiKey: authenticateApiKey(request, security, std::move(done)); return;
    case EndpointSecurity::Mode::OAuth2:
        authenticateBearer(request, security, resource, metadataUrl, std::move(done));
        return;
    }
    done(deny(500, QStringLiteral("unknown_mode"), {}, QStringLiteral("server_error"), {}));
}

void EndpointGuard::authenticateApiKey(const HttpRequest& request, const EndpointSecurity& security, Done done)
{
    // Never a Bearer challenge here: that would send MCP clients into OAuth discovery.
    const QByteArray challenge = QByteArray("ApiKey header=\"") + ApiKey::HeaderName + '"';
    const QUrlQuery query(QString::fromLatin1(request.rawQuery));
    for (const auto& item : query.queryItems()) {
        if (item.first.compare(QLatin1String(ApiKey::HeaderName), Qt::CaseInsensitive) == 0
            || item.first.compare(QLatin1String("api_key"), Qt::CaseInsensitive) == 0) {
            done(deny(400, QStringLiteral("key_in_query"), {}, QStringLiteral("invalid_request"),
                      QStringLiteral("API keys are accepted only in the x-reshapr-key header")));
            return;
        }
    }
    const QByteArrayList keys = request.headerValues(ApiKey::HeaderName);
    if (keys.size() > 1) {
        done(deny(400, QStringLiteral("duplicate_key"), {}, QStringLiteral("invalid_request"),
                  QStringLiteral("send exactly one x-reshapr-key header")));
        return;
    }
    const QByteArray key = keys.isEmpty() ? QByteArray() : keys.first().trimmed();
    const bool valid = !key.isEmpty() && ApiKey::matches(key, security.apiKeyHashes);
    // Back-off slows guessing only: a valid key is never locked out (e.g. clients that kept using
    // a just-renewed key from the same address).
    if (!valid && throttled(request.peerAddress)) {
        AuthDecision d = deny(429, QStringLiteral("throttled"), {}, QStringLiteral("too_many_requests"),
                              QStringLiteral("too many failed attempts; retry later"));
        d.denial.setHeader("Retry-After", "60");
        done(d);
        return;
    }
    if (!valid) {
        recordFailure(request.peerAddress);
        // Missing and wrong keys get the same answer (no oracle).
        done(deny(401, key.isEmpty() ? QStringLiteral("missing_key") : QStringLiteral("wrong_key"), challenge,
                  QStringLiteral("unauthorized"), QStringLiteral("missing or invalid API key")));
        return;
    }
    AuthDecision d;
    d.allowed = true;
    d.decision = QStringLiteral("allowed");
    d.reason = QStringLiteral("api_key");
    d.principal = ApiKey::keyId(ApiKey::hash(key));
    done(d);
}

void EndpointGuard::authenticateBearer(const HttpRequest& request, const EndpointSecurity& security,
                                       const QUrl& resource, const QUrl& metadataUrl, Done done)
{
    const QStringList& scopes = security.requiredScopes;
    const QUrlQuery query(QString::fromLatin1(request.rawQuery));
    if (query.hasQueryItem(QStringLiteral("access_token"))) {
        done(deny(400, QStringLiteral("token_in_query"),
                  bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_request")),
                  QStringLiteral("invalid_request"),
                  QStringLiteral("tokens are accepted only in the Authorization header")));
        return;
    }
    const QByteArrayList authorizations = request.headerValues("Authorization");
    if (authorizations.isEmpty()) {
        done(deny(401, QStringLiteral("missing_token"), bearerChallenge(metadataUrl, scopes),
                  QStringLiteral("unauthorized"), QStringLiteral("a bearer token is required")));
        return;
    }
    if (authorizations.size() > 1) {
        done(deny(400, QStringLiteral("duplicate_authorization"),
                  bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_request")),
                  QStringLiteral("invalid_request"), QStringLiteral("send exactly one Authorization header")));
        return;
    }
    const QByteArray& value = authorizations.first();
    if (value.size() > kMaxTokenBytes + qsizetype(sizeof("Bearer ") - 1)) {
        done(deny(
            401, QStringLiteral("token_too_long"),
            bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_token"), QStringLiteral("token too long")),
            QStringLiteral("invalid_token"), QStringLiteral("token too long")));
        return;
    }
    const qsizetype space = value.indexOf(' ');
    const QByteArray scheme = space > 0 ? value.left(space) : value;
    const QByteArray token = space > 0 ? value.mid(space + 1) : QByteArray();
    if (scheme.compare("Bearer", Qt::CaseInsensitive) != 0 || !isB64Token(token)) {
        done(deny(400, QStringLiteral("malformed_authorization"),
                  bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_request")),
                  QStringLiteral("invalid_request"), QStringLiteral("expected Authorization: Bearer <token>")));
        return;
    }

    if (token.contains('.') && !isWellFormedJws(token)) {
        done(deny(400, QStringLiteral("malformed_token"),
                  bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_request")),
                  QStringLiteral("invalid_request"),
                  QStringLiteral("a token with dots must be three non-empty base64url segments")));
        return;
    }
    if (!token.contains('.') && !security.introspectionEndpoint.isEmpty()) {
        introspect(token, security, resource, metadataUrl, std::move(done));
        return;
    }
    const QString issuer = unverifiedIssuer(token);
    if (issuer.isEmpty() || !security.authorizationServers.contains(issuer)) {
        done(deny(401, issuer.isEmpty() ? QStringLiteral("malformed") : QStringLiteral("wrong_issuer"),
                  bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_token"),
                                  QStringLiteral("token not issued by a trusted authorization server")),
                  QStringLiteral("invalid_token"),
                  QStringLiteral("token not issued by a trusted authorization server")));
        return;
    }
    JwtVerifier::Expectations expect;
    expect.issuer = issuer;
    expect.audience = resource.toString();
    expect.requiredScopes = scopes;
    expect.requireAtJwtType = security.requireAtJwtType;

    // A verification holds only for the expectations it was made against: the cache key binds the
    // token to this endpoint's audience, issuer, scopes and type rule (services share the cache).
    const QByteArray cacheKey = token + '\n' + expect.audience.toUtf8() + '\n' + issuer.toUtf8() + '\n'
        + scopes.join(QLatin1Char(' ')).toUtf8() + (expect.requireAtJwtType ? "\n1" : "\n0");
    if (const auto cached = m_cache->lookup(cacheKey, QDateTime::currentSecsSinceEpoch())) {
        AuthDecision d;
        d.allowed = true;
        d.decision = QStringLiteral("allowed");
        d.reason = QStringLiteral("jwt");
        d.principal = cached->issuer + QLatin1Char(' ') + cached->subject;
        d.grantedScopes = cached->scopes;
        done(d);
        return;
    }
    auto finish = [this, metadataUrl, scopes, done, cacheKey](const JwtVerifier::Result& r, const QByteArray&) {
        if (r.ok) {
            m_cache->insert(cacheKey, r, QDateTime::currentSecsSinceEpoch());
            AuthDecision d;
            d.allowed = true;
            d.decision = QStringLiteral("allowed");
            d.reason = QStringLiteral("jwt");
            d.principal = r.issuer + QLatin1Char(' ') + r.subject;
            d.grantedScopes = r.scopes;
            done(d);
            return;
        }
        if (r.reason == QLatin1String("insufficient_scope")) {
            const QString description = QStringLiteral("missing scope: %1").arg(r.missingScopes.join(QLatin1Char(' ')));
            AuthDecision d = deny(
                403, r.reason, bearerChallenge(metadataUrl, scopes, QStringLiteral("insufficient_scope"), description),
                QStringLiteral("insufficient_scope"), description);
            d.principal = r.issuer + QLatin1Char(' ') + r.subject;
            done(d);
            return;
        }
        done(deny(401, r.reason, bearerChallenge(metadataUrl, scopes, QStringLiteral("invalid_token"), r.description),
                  QStringLiteral("invalid_token"), r.description));
    };
    QPointer<EndpointGuard> self(this);
    m_directory->withKeys(
        issuer, [self, token, expect, finish, issuer, metadataUrl, done](const JwkSet* keys, const QString& error) {
            if (!self)
                return;
            if (!keys) {
                AuthDecision d
                    = deny(503, QStringLiteral("jwks_unavailable"), {}, QStringLiteral("temporarily_unavailable"),
                           QStringLiteral("the authorization server's keys cannot be fetched right now"));
                d.denial.setHeader("Retry-After", "30");
                Q_UNUSED(error)
                done(d);
                return;
            }
            const JwtVerifier::Result result
                = JwtVerifier::verify(token, *keys, expect, QDateTime::currentSecsSinceEpoch());
            if (!result.unknownKid || !self->m_directory->requestRefresh(issuer)) {
                finish(result, token);
                return;
            }
            // Unknown kid: the AS may have rotated its keys; look once more after one refetch.
            self->m_directory->withKeys(issuer, [token, expect, finish](const JwkSet* fresh, const QString&) {
                JwtVerifier::Result again;
                if (fresh)
                    again = JwtVerifier::verify(token, *fresh, expect, QDateTime::currentSecsSinceEpoch());
                else
                    again = JwtVerifier::Result{};
                if (!fresh) {
                    again.reason = QStringLiteral("unknown_kid");
                    again.description = QStringLiteral("token signed with an unknown key");
                }
                finish(again, token);
            });
        });
}

AuthDecision EndpointGuard::checkToolScopes(const EndpointSecurity& security, const QString& tool,
                                            const QStringList& granted, const QUrl& metadataUrl)
{
    AuthDecision d;
    d.allowed = true;
    if (security.mode != EndpointSecurity::Mode::OAuth2)
        return d;
    QStringList missing;
    for (const QString& scope : security.toolScopes.value(tool)) {
        if (!granted.contains(scope))
            missing.append(scope);
    }
    if (missing.isEmpty())
        return d;
    const QString description = QStringLiteral("missing scope: %1").arg(missing.join(QLatin1Char(' ')));
    // The challenge lists everything this operation needs, so one step-up suffices.
    QStringList needed = security.requiredScopes;
    for (const QString& scope : security.toolScopes.value(tool)) {
        if (!needed.contains(scope))
            needed.append(scope);
    }
    return deny(403, QStringLiteral("insufficient_scope"),
                bearerChallenge(metadataUrl, needed, QStringLiteral("insufficient_scope"), description),
                QStringLiteral("insufficient_scope"), description);
}

QJsonObject EndpointGuard::protectedResourceMetadata(const QString& service, const EndpointSecurity& security,
                                                     const QUrl& resource)
{
    QStringList scopes = security.requiredScopes;
    for (auto it = security.toolScopes.constBegin(); it != security.toolScopes.constEnd(); ++it) {
        for (const QString& s : it.value()) {
            if (!scopes.contains(s))
                scopes.append(s);
        }
    }
    QJsonObject prm{
        {QStringLiteral("resource"), resource.toString()},
        {QStringLiteral("authorization_servers"), QJsonArray::fromStringList(security.authorizationServers)},
        {QStringLiteral("bearer_methods_supported"), QJsonArray{QStringLiteral("header")}},
        {QStringLiteral("resource_name"), QStringLiteral("Portcullis MCP service %1").arg(service)}};
    if (!scopes.isEmpty())
        prm.insert(QStringLiteral("scopes_supported"), QJsonArray::fromStringList(scopes));
    return prm;
}

} // namespace Gateway
