// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"
#include "demo/DemoAuthorizationServer.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include <memory>

namespace Gateway {

class DemoBackendHost;

// `portcullis --secure-demo`: the recommended setup, end to end on loopback with no network.
//  - the demo authorization server (DEMO ONLY, see DemoAuthorizationServer) with two clients: the
//    agent's confidential client (client credentials, or code + PKCE from a loopback redirect URI)
//    and the gateway's public client for the elicited backend flow (code + PKCE);
//  - the demo backend, which here refuses any call without a bearer token that the same server
//    issued for the backend (aud = the backend's base URL, scope demo-api);
//  - service "secure-demo": OAuth2 on the endpoint (scope mcp:tools) and an elicitedOAuth2 backend
//    secret, so the agent's token never reaches the backend and the backend sees a token issued
//    for the person behind the agent.
// Lives on the gateway's thread (the authorization server answers there); the backend has its own.
class SecureDemo : public QObject
{
    Q_OBJECT
public:
    static inline const QString ServiceName = QStringLiteral("secure-demo");
    static inline const QString AgentClientId = QStringLiteral("portcullis-demo-agent");
    static inline const QString GatewayClientId = QStringLiteral("portcullis-demo-gateway");
    static inline const QString EndpointScope = QStringLiteral("mcp:tools");
    static inline const QString BackendScope = QStringLiteral("demo-api");

    explicit SecureDemo(QObject* parent = nullptr);
    ~SecureDemo() override;

    // Starts the authorization server and the bearer-protected backend on 127.0.0.1 (free ports).
    bool start(QString* error);
    // The workspace to serve: the built-in demo's gateway settings with service "secure-demo".
    // It is read by WorkspaceLoader, so it obeys every rule a workspace file does.
    WorkspaceConfig workspace(QString* error = nullptr) const;
    QJsonObject workspaceJson() const;
    // Once the gateway listens: tokens asked for without an RFC 8707 resource are for this endpoint.
    void setGatewayBase(const QUrl& base);

    QString issuer() const { return m_as->issuer(); }
    QUrl backendUrl() const { return m_backendUrl; }
    QUrl endpointUrl() const { return m_endpoint; }
    QString agentClientId() const { return m_agent.id; }
    QByteArray agentClientSecret() const { return m_agent.secret; }
    DemoAuthorizationServer* authorizationServer() const { return m_as.get(); }

    // A short plain-text "what to try" for the terminal and the window (contains the agent's
    // client secret: show it only to the operator who started the demo).
    QString guide() const;

private:
    std::unique_ptr<DemoAuthorizationServer> m_as;
    std::unique_ptr<DemoBackendHost> m_backend;
    DemoAuthorizationServer::Client m_agent;
    QUrl m_backendUrl;
    QUrl m_endpoint;
};

} // namespace Gateway
