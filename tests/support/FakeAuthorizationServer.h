// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpFrontend.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

// A real HTTP server on 127.0.0.1 (the gateway's own HttpFrontend) that serves canned answers per
// path and records every request: stands in for an authorization server's metadata and JWKS
// endpoints, or for any host SafeFetcher talks to. Unknown paths answer 404.
namespace TestSupport {

class FakeAuthorizationServer : public QObject
{
    Q_OBJECT
public:
    struct Route
    {
        int status = 200;
        QByteArray body;
        Gateway::HttpHeaders headers; // e.g. Content-Type, Location, Set-Cookie
        int delayMs = 0; // answer this much later
    };

    explicit FakeAuthorizationServer(QObject* parent = nullptr);
    ~FakeAuthorizationServer() override;

    bool start(); // listens on 127.0.0.1, a free port; a restart after stop() reuses the port if it can
    void stop(); // closes the listener: later connections are refused
    quint16 port() const { return m_port; }
    QString baseUrl() const; // "http://127.0.0.1:<port>"

    void setRoute(const QString& path, const Route& route);
    void setJson(const QString& path, const QJsonObject& json, int status = 200);
    void setRedirect(const QString& path, const QString& location, int status = 302);
    void removeRoute(const QString& path);

    // Metadata at `wellKnownPath` naming `issuer` and `baseUrl() + "/jwks"` (or `jwksUri`).
    void publishMetadata(const QString& wellKnownPath, const QString& issuer, const QString& jwksUri = {});
    void setJwks(const QJsonArray& keys, const QString& path = QStringLiteral("/jwks"));

    // An RFC 7662 introspection endpoint at `path`: a POST authenticated with HTTP Basic
    // `clientId`:`secret` gets the answer registered for its "token" form field (addIntrospectedToken),
    // else {"active":false}; wrong or missing client credentials get 401 invalid_client; other
    // methods get 405.
    void setIntrospection(const QString& path, const QString& clientId, const QByteArray& secret);
    void addIntrospectedToken(const QByteArray& token, const QJsonObject& answer);

    QList<Gateway::HttpRequest> requests() const { return m_requests; }
    QStringList requestedPaths() const;
    int count(const QString& path) const;
    void clearRequests() { m_requests.clear(); }

private:
    Gateway::HttpResponse introspect(const Gateway::HttpRequest& request) const;

    std::unique_ptr<Gateway::HttpFrontend> m_frontend;
    QHash<QString, Route> m_routes;
    QList<Gateway::HttpRequest> m_requests;
    quint16 m_port = 0;
    QString m_introspectionPath;
    QByteArray m_introspectionAuthorization; // the expected "Basic ..." value
    QHash<QByteArray, QJsonObject> m_introspected;
};

} // namespace TestSupport
