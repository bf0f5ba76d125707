// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "security/Jwk.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <memory>
#include <optional>

class QThread;

namespace Gateway {

class HttpFrontend;
struct HttpRequest;
struct HttpResponse;

// The sample REST API the app ships (resources/demo/demo-openapi.yaml): forecast (query
// parameters), items (path, query and JSON body; 404 for unknown ids) and a status simulator.
// Served through the same HTTP adapter as the gateway, on loopback only.
// The secure demo asks every call to carry "Authorization: Bearer <JWT access token>" from the demo
// authorization server, checked by the gateway's own JwtVerifier against that server's keys.
struct DemoBearerRequirement
{
    JwkSet keys; // the authorization server's JWKS; empty: no bearer required
    QString issuer;
    QString audience; // empty: the backend's own base URL (what the gateway asks for as `resource`)
    QStringList requiredScopes;
    bool isRequired() const { return !keys.isEmpty(); }
};

class DemoBackend : public QObject
{
    Q_OBJECT
public:
    explicit DemoBackend(QObject* parent = nullptr);
    ~DemoBackend() override;

    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    QUrl baseUrl() const;
    // Set before listen(). Calls without a valid bearer token get 401 (403 for a missing scope).
    void requireBearer(const DemoBearerRequirement& requirement) { m_bearer = requirement; }

    HttpResponse handle(const HttpRequest& request);

private:
    // Null when the request may proceed, else the 401/403 answer.
    std::optional<HttpResponse> refuseBearer(const HttpRequest& request) const;

    std::unique_ptr<HttpFrontend> m_frontend;
    DemoBearerRequirement m_bearer;
    QMap<qint64, QJsonObject> m_items;
    QHash<QString, QByteArray> m_forecastCache; // forecasts are deterministic: serialize each once
    qint64 m_nextId = 1;
};

// Runs a DemoBackend on its own thread so that the backend never competes with the gateway's
// event loop (and so benchmarks measure the gateway, not the demo).
class DemoBackendHost
{
public:
    DemoBackendHost();
    ~DemoBackendHost();
    // Starts the thread and waits until the backend listens; returns its base URL (empty on failure).
    QUrl start(quint16 port = 0, const DemoBearerRequirement& bearer = {});

private:
    QThread* m_thread = nullptr;
    DemoBackend* m_backend = nullptr;
};

} // namespace Gateway
