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
class Exchange;
class GatewaySnapshot;
class HostOriginPolicy;
class HttpFrontend;
class SecretResolver;
class SecretStore;
class McpEndpoint;
class PrometheusMetrics;
class RateLimiter;
class TrafficLog;
class PayloadCaptureStore;
struct TrafficEvent;
struct HttpRequest;
class HttpResponder;

// What the UI and the headless runner need to show about one exposed service.
struct ServiceStatus
{
    QString name;
    QUrl endpointUrl; // http://127.0.0.1:PORT/mcp/NAME, or under gateway.publicUrl when set
    QString title; // OpenAPI info.title
    QUrl backendUrl;
    int toolCount = 0;
    QStringList toolNames; // sorted
    QString securityMode; // "none", "apiKey", "oauth2"
    QStringList warnings; // import warnings
    // Why the service is not served (its settings or document were refused); empty when served.
    QString error;
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

    // Builds a snapshot from `config` (imports every OpenAPI document). A service whose settings
    // or document are refused is not served (its endpoint answers 503 with the reason, see
    // services()) while the others are. The whole configuration is refused - nothing changes,
    // `error` says why, false is returned - when a gateway-wide setting cannot be applied, or in
    // strict mode when any service is refused.
    bool applyConfig(const WorkspaceConfig& config, QString* error = nullptr);
    // Strict (all-or-nothing, for CI): one refused service refuses the whole configuration.
    void setStrict(bool strict) { m_strict = strict; }
    bool isStrict() const { return m_strict; }
    // Swaps in a snapshot that GatewaySnapshot::build made from `config`, possibly on another
    // thread (importing a large document must not hold up this one). Same outcome as applyConfig.
    bool installSnapshot(const WorkspaceConfig& config, std::shared_ptr<const GatewaySnapshot> snapshot,
                         QString* error = nullptr);

    bool listen(const QHostAddress& address, quint16 port, QString* error = nullptr);
    // Closes the listener: calls already received finish, nothing new is answered. listen() again
    // to serve. The Host/Origin policy keeps the old port for the calls still being answered.
    void stopListening();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;
    QUrl baseUrl() const; // http://HOST:PORT

    QList<ServiceStatus> services() const;
    TrafficLog* trafficLog() const;
    // Payload capture of /mcp/ exchanges (off by default; the window turns it on, headless
    // --capture-payloads). Turning it off drops what was captured.
    void setPayloadCaptureEnabled(bool enabled);
    bool isPayloadCaptureEnabled() const { return m_captureEnabled; }
    PayloadCaptureStore* payloadCapture() const { return m_capture.get(); }
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
    // Answers 503 (JSON-RPC error) when `name` is a refused service; false when it is not one.
    bool respondUnavailable(const std::shared_ptr<Exchange>& exchange, const QString& name);
    void recordMetrics(const TrafficEvent& event);
    void rebuildHostOriginPolicy();
    void applyRateLimit();
    QUrl canonicalResource(const HttpRequest& request, const QString& service, const EndpointSecurity& security) const;

    std::unique_ptr<HttpFrontend> m_frontend;
    std::unique_ptr<TrafficLog> m_trafficLog;
    std::unique_ptr<PayloadCaptureStore> m_capture;
    bool m_captureEnabled = false;
    std::unique_ptr<PrometheusMetrics> m_metrics;
    std::unique_ptr<McpEndpoint> m_mcp;
    SecretStore* m_keychain = nullptr;
    SecretResolver* m_secrets = nullptr;
    BackendCredentials* m_credentials = nullptr;
    EndpointGuard* m_guard = nullptr;
    ElicitationBroker* m_elicitation = nullptr;
    std::shared_ptr<const GatewaySnapshot> m_snapshot;
    std::unique_ptr<HostOriginPolicy> m_hostOriginPolicy; // built once per configuration and listener
    std::unique_ptr<RateLimiter> m_rateLimiter; // per-person request budget
    WorkspaceConfig m_config;
    QString m_trafficLogPath; // absolute path of the traffic log mirror in use ("" = off)
    bool m_strict = false;
};

} // namespace Gateway
