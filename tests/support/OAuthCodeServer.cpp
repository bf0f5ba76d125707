// SPDX-License-Identifier: GPL-3.0-or-later
#include "OAuthCodeServer.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

using Gateway::HttpFrontend;
using Gateway::HttpLimits;
using Gateway::HttpRequest;
using Gateway::HttpResponder;
using Gateway::HttpResponse;

namespace TestSupport {

namespace {

QString randomString()
{
    return QString::number(QRandomGenerator::global()->generate64(), 36)
        + QString::number(QRandomGenerator::global()->generate64(), 36);
}

QByteArray b64url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QUrlQuery form(const QByteArray& body)
{
    QByteArray copy = body;
    copy.replace('+', "%20");
    return QUrlQuery(QString::fromLatin1(copy));
}

HttpResponse jsonError(int status, const char* code)
{
    return HttpResponse::json(status, QByteArray(R"({"error":")") + code + R"("})");
}

} // namespace

OAuthCodeServer::OAuthCodeServer(QObject* parent)
    : QObject(parent)
{
}

OAuthCodeServer::~OAuthCodeServer() = default;

bool OAuthCodeServer::start()
{
    m_frontend = std::make_unique<HttpFrontend>(HttpLimits());
    m_frontend->setHandler(
        [this](const HttpRequest& request, HttpResponder responder) { handle(request, std::move(responder)); });
    if (!m_frontend->listen(QHostAddress::LocalHost, 0))
        return false;
    m_port = m_frontend->serverPort();
    return true;
}

QString OAuthCodeServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

void OAuthCodeServer::registerClient(const QString& clientId, const QString& redirectUri, const QByteArray& secret)
{
    m_clients.insert(clientId, {redirectUri, secret});
}

void OAuthCodeServer::handle(const HttpRequest& request, HttpResponder responder)
{
    if (request.path == QLatin1String("/.well-known/oauth-authorization-server")) {
        QJsonObject metadata{{QStringLiteral("issuer"), issuer()},
                             {QStringLiteral("authorization_endpoint"), baseUrl() + QStringLiteral("/authorize")},
                             {QStringLiteral("token_endpoint"), baseUrl() + QStringLiteral("/token")},
                             {QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")}},
                             {QStringLiteral("authorization_response_iss_parameter_supported"), m_issSupported}};
        responder.send(HttpResponse::json(200, QJsonDocument(metadata).toJson(QJsonDocument::Compact)));
        return;
    }
    if (request.path == QLatin1String("/authorize") && request.method == "GET") {
        responder.send(authorize(request));
        return;
    }
    if (request.path == QLatin1String("/token") && request.method == "POST") {
        const HttpResponse response = token(request);
        if (m_tokenDelayMs <= 0) {
            responder.send(response);
            return;
        }
        auto shared = std::make_shared<HttpResponder>(std::move(responder));
        QTimer::singleShot(m_tokenDelayMs, this, [shared, response]() { shared->send(response); });
        return;
    }
    responder.send(jsonError(404, "not_found"));
}

HttpResponse OAuthCodeServer::authorize(const HttpRequest& request)
{
    ++m_authorizeCount;
    const QUrlQuery q(QString::fromLatin1(request.rawQuery));
    m_lastAuthorize.clear();
    for (const auto& item : q.queryItems(QUrl::FullyDecoded))
        m_lastAuthorize.append(item.first + QLatin1Char('=') + item.second);
    const QString clientId = q.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    const QString redirect = q.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded);
    if (!m_clients.contains(clientId) || m_clients.value(clientId).first != redirect)
        return HttpResponse::text(400, "unknown client or redirect_uri");
    QUrl back(redirect);
    QUrlQuery answer;
    answer.addQueryItem(
        QStringLiteral("state"),
        QString::fromLatin1(QUrl::toPercentEncoding(q.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded))));
    if (m_deny) {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("access_denied"));
    } else if (q.queryItemValue(QStringLiteral("response_type")) != QLatin1String("code")
               || q.queryItemValue(QStringLiteral("code_challenge_method")) != QLatin1String("S256")
               || q.queryItemValue(QStringLiteral("code_challenge")).isEmpty()) {
        answer.addQueryItem(QStringLiteral("error"), QStringLiteral("invalid_request"));
    } else {
        const QString code = randomString();
        m_codes.insert(code,
                       Code{clientId, redirect, q.queryItemValue(QStringLiteral("code_challenge")),
                            q.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded)});
        answer.addQueryItem(QStringLiteral("code"), code);
    }
    if (m_sendIss)
        answer.addQueryItem(
            QStringLiteral("iss"),
            QString::fromLatin1(QUrl::toPercentEncoding(m_issOverride.isEmpty() ? issuer() : m_issOverride)));
    back.setQuery(answer);
    HttpResponse r = HttpResponse::empty(302);
    r.setHeader("Location", back.toString(QUrl::FullyEncoded).toUtf8());
    return r;
}

HttpResponse OAuthCodeServer::token(const HttpRequest& request)
{
    const QUrlQuery f = form(request.body);
    QString clientId = f.queryItemValue(QStringLiteral("client_id"), QUrl::FullyDecoded);
    QByteArray secret;
    const QByteArray authorization = request.header("Authorization");
    if (authorization.startsWith("Basic ")) {
        const QByteArray decoded = QByteArray::fromBase64(authorization.mid(6));
        const int colon = decoded.indexOf(':');
        clientId = QUrl::fromPercentEncoding(decoded.left(colon));
        secret = QUrl::fromPercentEncoding(decoded.mid(colon + 1)).toUtf8();
    }
    if (!m_clients.contains(clientId) || m_clients.value(clientId).second != secret)
        return jsonError(401, "invalid_client");
    m_lastResource = f.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded);
    const QString grant = f.queryItemValue(QStringLiteral("grant_type"));
    if (grant == QLatin1String("authorization_code")) {
        const QString code = f.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded);
        if (!m_codes.contains(code))
            return jsonError(400, "invalid_grant");
        const Code c = m_codes.take(code); // single use
        if (c.clientId != clientId
            || c.redirectUri != f.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded))
            return jsonError(400, "invalid_grant");
        const QByteArray verifier = f.queryItemValue(QStringLiteral("code_verifier"), QUrl::FullyDecoded).toLatin1();
        if (b64url(QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)) != c.challenge.toLatin1()) {
            ++m_pkceFailures;
            return jsonError(400, "invalid_grant");
        }
        ++m_codeRedemptions;
        return issue(clientId, c.scope);
    }
    if (grant == QLatin1String("refresh_token")) {
        ++m_refreshRequests;
        const QString refresh = f.queryItemValue(QStringLiteral("refresh_token"), QUrl::FullyDecoded);
        if (m_refreshTokens.value(refresh) != clientId)
            return jsonError(400, "invalid_grant");
        m_refreshTokens.remove(refresh); // rotation
        ++m_refreshCount;
        return issue(clientId, {});
    }
    return jsonError(400, "unsupported_grant_type");
}

HttpResponse OAuthCodeServer::issue(const QString& clientId, const QString& scope)
{
    const QString access = QStringLiteral("at-") + randomString();
    m_accessTokens.append(access);
    QJsonObject body{{QStringLiteral("access_token"), access},
                     {QStringLiteral("token_type"), QStringLiteral("Bearer")},
                     {QStringLiteral("expires_in"), m_lifetime}};
    if (m_refresh) {
        const QString refresh = QStringLiteral("rt-") + randomString();
        m_refreshTokens.insert(refresh, clientId);
        body.insert(QStringLiteral("refresh_token"), refresh);
    }
    if (scope.split(QLatin1Char(' ')).contains(QLatin1String("openid"))) {
        const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                                 {QStringLiteral("typ"), QStringLiteral("JWT")}};
        const QJsonObject claims{{QStringLiteral("iss"), issuer()},
                                 {QStringLiteral("sub"), m_subject},
                                 {QStringLiteral("aud"), clientId},
                                 {QStringLiteral("iat"), QDateTime::currentSecsSinceEpoch()},
                                 {QStringLiteral("exp"), QDateTime::currentSecsSinceEpoch() + 300}};
        body.insert(QStringLiteral("id_token"),
                    QString::fromLatin1(b64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
                                        + b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.'
                                        + b64url("signature")));
    }
    HttpResponse r = HttpResponse::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
    r.setHeader("Cache-Control", "no-store");
    return r;
}

} // namespace TestSupport
