// SPDX-License-Identifier: GPL-3.0-or-later
#include "FakeAuthorizationServer.h"

#include <QJsonDocument>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

using Gateway::HttpFrontend;
using Gateway::HttpLimits;
using Gateway::HttpRequest;
using Gateway::HttpResponder;
using Gateway::HttpResponse;

namespace TestSupport {

FakeAuthorizationServer::FakeAuthorizationServer(QObject* parent)
    : QObject(parent)
{
}

FakeAuthorizationServer::~FakeAuthorizationServer() = default;

bool FakeAuthorizationServer::start()
{
    m_frontend = std::make_unique<HttpFrontend>(HttpLimits());
    m_frontend->setHandler([this](const HttpRequest& request, HttpResponder responder) {
        m_requests.append(request);
        if (!m_introspectionPath.isEmpty() && request.path == m_introspectionPath) {
            responder.send(introspect(request));
            return;
        }
        const auto it = m_routes.constFind(request.path);
        if (it == m_routes.cend()) {
            responder.send(HttpResponse::json(404, R"({"error":"not_found"})"));
            return;
        }
        HttpResponse response;
        response.status = it->status;
        response.headers = it->headers;
        response.body = it->body;
        if (it->delayMs <= 0) {
            responder.send(response);
            return;
        }
        auto shared = std::make_shared<HttpResponder>(std::move(responder));
        QTimer::singleShot(it->delayMs, this, [shared, response]() { shared->send(response); });
    });
    if (!m_frontend->listen(QHostAddress::LocalHost, m_port)) {
        if (m_port == 0 || !m_frontend->listen(QHostAddress::LocalHost, 0))
            return false;
    }
    m_port = m_frontend->serverPort();
    return true;
}

void FakeAuthorizationServer::stop()
{
    m_frontend.reset();
}

QString FakeAuthorizationServer::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_port);
}

void FakeAuthorizationServer::setRoute(const QString& path, const Route& route)
{
    m_routes.insert(path, route);
}

void FakeAuthorizationServer::setJson(const QString& path, const QJsonObject& json, int status)
{
    Route route;
    route.status = status;
    route.body = QJsonDocument(json).toJson(QJsonDocument::Compact);
    route.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    setRoute(path, route);
}

void FakeAuthorizationServer::setRedirect(const QString& path, const QString& location, int status)
{
    Route route;
    route.status = status;
    route.headers.append(qMakePair(QByteArray("Location"), location.toUtf8()));
    setRoute(path, route);
}

void FakeAuthorizationServer::setIntrospection(const QString& path, const QString& clientId, const QByteArray& secret)
{
    m_introspectionPath = path;
    m_introspectionAuthorization = "Basic "
        + (QUrl::toPercentEncoding(clientId) + ':' + QUrl::toPercentEncoding(QString::fromUtf8(secret))).toBase64();
}

void FakeAuthorizationServer::addIntrospectedToken(const QByteArray& token, const QJsonObject& answer)
{
    m_introspected.insert(token, answer);
}

HttpResponse FakeAuthorizationServer::introspect(const HttpRequest& request) const
{
    if (request.method != "POST") {
        HttpResponse r = HttpResponse::json(405, R"({"error":"method_not_allowed"})");
        r.setHeader("Allow", "POST");
        return r;
    }
    if (request.header("Authorization") != m_introspectionAuthorization) {
        HttpResponse r = HttpResponse::json(401, R"({"error":"invalid_client"})");
        r.setHeader("WWW-Authenticate", "Basic realm=\"introspection\"");
        return r;
    }
    const QByteArray token = QUrlQuery(QString::fromUtf8(request.body))
                                 .queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded)
                                 .toUtf8();
    const QJsonObject answer = m_introspected.value(token, QJsonObject{{QStringLiteral("active"), false}});
    return HttpResponse::json(200, QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void FakeAuthorizationServer::removeRoute(const QString& path)
{
    m_routes.remove(path);
}

void FakeAuthorizationServer::publishMetadata(const QString& wellKnownPath, const QString& issuer,
                                              const QString& jwksUri)
{
    QJsonObject metadata;
    metadata.insert(QStringLiteral("issuer"), issuer);
    metadata.insert(QStringLiteral("jwks_uri"), jwksUri.isEmpty() ? baseUrl() + QStringLiteral("/jwks") : jwksUri);
    metadata.insert(QStringLiteral("token_endpoint"), baseUrl() + QStringLiteral("/token"));
    metadata.insert(QStringLiteral("introspection_endpoint"), baseUrl() + QStringLiteral("/introspect"));
    metadata.insert(QStringLiteral("authorization_endpoint"), baseUrl() + QStringLiteral("/authorize"));
    metadata.insert(QStringLiteral("code_challenge_methods_supported"), QJsonArray{QStringLiteral("S256")});
    setJson(wellKnownPath, metadata);
}

void FakeAuthorizationServer::setJwks(const QJsonArray& keys, const QString& path)
{
    setJson(path, QJsonObject{{QStringLiteral("keys"), keys}});
}

QStringList FakeAuthorizationServer::requestedPaths() const
{
    QStringList paths;
    for (const HttpRequest& request : m_requests)
        paths.append(request.path);
    return paths;
}

int FakeAuthorizationServer::count(const QString& path) const
{
    int n = 0;
    for (const HttpRequest& request : m_requests)
        n += request.path == path ? 1 : 0;
    return n;
}

} // namespace TestSupport
