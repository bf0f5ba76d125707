// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QUrl>

#include <memory>

class QThread;

namespace Gateway {

class HttpFrontend;
struct HttpRequest;
struct HttpResponse;

// The sample REST API the app ships (resources/demo/demo-openapi.yaml): forecast (query
// parameters), items (path, query and JSON body; 404 for unknown ids) and a status simulator.
// Served through the same HTTP adapter as the gateway, on loopback only.
class DemoBackend : public QObject
{
    Q_OBJECT
public:
    explicit DemoBackend(QObject* parent = nullptr);
    ~DemoBackend() override;

    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0);
    QUrl baseUrl() const;

    HttpResponse handle(const HttpRequest& request);

private:
    std::unique_ptr<HttpFrontend> m_frontend;
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
    QUrl start(quint16 port = 0);

private:
    QThread* m_thread = nullptr;
    DemoBackend* m_backend = nullptr;
};

} // namespace Gateway
