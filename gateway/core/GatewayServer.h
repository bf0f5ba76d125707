// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Gateway {

class BackendCredentials;
class ElicitationBroker;
class EndpointGuard;
class GatewaySnapshot;
class HostOriginPolicy;
class HttpFrontend;
class SecretResolver;
class SecretStore;
class McpEndpoint;
class PrometheusMetrics;
class TrafficLog;
struct HttpRequest;
class HttpResponder;

// What the UI and the headless runner need to show about one exposed service.
struct ServiceStatus
{
    QString name;
    QUrl endpointUrl; // http://127.0.0.1:PORT/mcp/NAME
    QString title; // OpenAPI info.title
    QUrl backendUrl;
    int toolCount = 0;
    QStringList toolNames; // sorted
    QString securityMode; // "none", "apiKey", "oauth2"
    QStringList warnings; // import warnings
};

// The embedded MCP gateway: one HTTP listener, one MCP endpoint per service at /mcp/{service},
// an immutable configuration snapshot swapped atomically on reload (in-flight calls keep the old one).
// Used by the desktop app and the headless runner alike. Lives in one thread (the caller's).
class GatewayServer : public QObject
{
    Q_OBJECT
public:
    explicit GatewayServer(QObject* parent = nullptr);
    ~GatewayServer() override;

    // Builds a snapshot from `config` (imports every OpenAPI document). On failure nothing
    // changes, `error` says why (file/line/reason), and false is returned.
    bool applyConfig(const WorkspaceConfig& config, QString* error = nullptr);

    bool listen(const QHostAddress& address, quint16 port, QString* error = nullptr);
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QUrl baseUrl() const; // http://HOST:PORT

    QList<ServiceStatus> services() const;
    TrafficLog* trafficLog() const;
    EndpointGuard* endpointGuard() const { return m_guard; }
    // Elicited backend credentials and the /elicit/ pages.
    ElicitationBroker* elicitationBroker() const { return m_elicitation; }
    // Where backend secrets come from: the OS keychain by default; tests and the demo may use
    // another store (not owned).
    void setSecretStore(SecretStore* store);
    // The store backend secrets come from (for its availability, shown in the window).
    SecretStore* secretStore() const;
    const WorkspaceConfig& config() const;

signals:
    void servicesChanged();
    void configRejected(const QString& reason);

private:
    void handle(const HttpRequest& request, HttpResponder responder);

    std::unique_ptr<HttpFrontend> m_frontend;
    std::unique_ptr<TrafficLog> m_trafficLog;
    std::unique_ptr<PrometheusMetrics> m_metrics;
    std::unique_ptr<McpEndpoint> m_mcp;
    SecretStore* m_keychain = nullptr;
    SecretResolver* m_secrets = nullptr;
    BackendCredentials* m_credentials = nullptr;
    EndpointGuard* m_guard = nullptr;
    ElicitationBroker* m_elicitation = nullptr;
    std::shared_ptr<const GatewaySnapshot> m_snapshot;
    std::unique_ptr<HostOriginPolicy> m_hostOriginPolicy; // built once per configuration
    WorkspaceConfig m_config;
};

} // namespace Gateway
