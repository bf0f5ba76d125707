// SPDX-License-Identifier: GPL-3.0-or-later
#include "SecureDemo.h"

#include "config/WorkspaceLoader.h"
#include "demo/DemoBackend.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace Gateway {

namespace {

// Loopback redirect URIs match on any port (RFC 8252 §7.3), so these cover whatever port the
// gateway, the Inspector or an SDK client ends up on.
QStringList loopbackRedirects(const QString& path)
{
    return {QStringLiteral("http://127.0.0.1") + path, QStringLiteral("http://localhost") + path,
            QStringLiteral("http://[::1]") + path};
}

} // namespace

SecureDemo::SecureDemo(QObject* parent)
    : QObject(parent)
    , m_as(std::make_unique<DemoAuthorizationServer>())
{
}

SecureDemo::~SecureDemo() = default;

bool SecureDemo::start(QString* error)
{
    m_as->setScopesSupported({QStringLiteral("openid"), EndpointScope, BackendScope});
    if (!m_as->listen(QHostAddress::LocalHost, 0, error))
        return false;

    m_agent = m_as->addConfidentialClient(AgentClientId, {EndpointScope, QStringLiteral("openid")});
    m_agent.redirectUris = loopbackRedirects(QStringLiteral("/oauth/callback"))
        + loopbackRedirects(QStringLiteral("/oauth/callback/debug")) + loopbackRedirects(QStringLiteral("/callback"));
    m_as->addClient(m_agent);

    DemoAuthorizationServer::Client gateway;
    gateway.id = GatewayClientId; // public: the gateway proves itself with PKCE, no secret to keep
    gateway.redirectUris = loopbackRedirects(QStringLiteral("/elicit/callback"));
    gateway.scopes = {BackendScope, QStringLiteral("openid")};
    m_as->addClient(gateway);

    DemoBearerRequirement bearer;
    bearer.keys = JwkSet::fromJson(m_as->jwks());
    bearer.issuer = m_as->issuer();
    bearer.requiredScopes = {BackendScope};
    m_backend = std::make_unique<DemoBackendHost>();
    m_backendUrl = m_backend->start(0, bearer);
    if (m_backendUrl.isEmpty()) {
        if (error)
            *error = QStringLiteral("the demo backend could not listen on loopback");
        return false;
    }
    return true;
}

QJsonObject SecureDemo::workspaceJson() const
{
    QFile file(QStringLiteral(":/portcullis/demo/demo-workspace.json"));
    QJsonObject workspace
        = file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    const QString backend = m_backendUrl.toString();
    const QJsonObject service{
        {QStringLiteral("name"), ServiceName},
        {QStringLiteral("openapi"), QStringLiteral(":/portcullis/demo/demo-openapi.yaml")},
        {QStringLiteral("baseUrl"), backend},
        {QStringLiteral("timeoutMs"), 10000},
        {QStringLiteral("security"),
         QJsonObject{{QStringLiteral("mode"), QStringLiteral("oauth2")},
                     {QStringLiteral("authorizationServers"), QJsonArray{issuer()}},
                     {QStringLiteral("requiredScopes"), QJsonArray{EndpointScope}},
                     {QStringLiteral("allowLoopbackHttpIssuers"), true}}},
        {QStringLiteral("backendAuth"),
         QJsonObject{{QStringLiteral("kind"), QStringLiteral("elicitedOAuth2")},
                     {QStringLiteral("issuer"), issuer()},
                     {QStringLiteral("clientId"), GatewayClientId},
                     {QStringLiteral("scopes"), QJsonArray{BackendScope}},
                     {QStringLiteral("resource"), backend},
                     {QStringLiteral("allowLoopbackHttpTokenEndpoint"), true}}},
    };
    workspace.insert(QStringLiteral("services"), QJsonArray{service});
    return workspace;
}

WorkspaceConfig SecureDemo::workspace(QString* error) const
{
    const auto loaded = WorkspaceLoader::parse(QJsonDocument(workspaceJson()).toJson(),
                                               QStringLiteral("built-in secure demo workspace"));
    if (!loaded.ok && error)
        *error = loaded.error;
    return loaded.config;
}

void SecureDemo::setGatewayBase(const QUrl& base)
{
    m_endpoint = base;
    m_endpoint.setPath(QStringLiteral("/mcp/") + ServiceName);
    m_as->setDefaultResource(m_endpoint.toString());
}

QString SecureDemo::guide() const
{
    const QString endpoint = m_endpoint.toString();
    const QString token = issuer() + QStringLiteral("/token");
    return QStringLiteral(
               "Secure demo: OAuth2 on the endpoint + an elicited backend OAuth token, all on loopback.\n"
               "  MCP endpoint:         %1 (needs a bearer token with scope %2)\n"
               "  Authorization server: %3 (DEMO ONLY: auto-approves the user demo-user)\n"
               "  Agent client id:      %4\n"
               "  Agent client secret:  %5\n"
               "What to try:\n"
               "  1. Get a token for the endpoint (client credentials):\n"
               "       curl -s -u '%4:%5' -d grant_type=client_credentials -d scope=%2 \\\n"
               "            --data-urlencode resource=%1 %6\n"
               "     or let an MCP client do it: the SDK's client-credentials provider, or the MCP Inspector\n"
               "     (Streamable HTTP, URL above, Authentication: client id and secret above) which runs\n"
               "     code + PKCE through the demo server.\n"
               "  2. List the tools: the gateway checks the token's issuer, audience, expiry and scope.\n"
               "     A call without a token gets 401 with WWW-Authenticate naming the resource metadata.\n"
               "  3. Call a tool, e.g. listItems: the backend wants its own token, so the gateway answers\n"
               "     with a URL elicitation. Open the link, press Continue: the demo server signs in\n"
               "     demo-user and the gateway keeps that person's backend token (never shown to the agent).\n"
               "     Retry the call: it succeeds, and the traffic view shows both legs.\n")
        .arg(endpoint, EndpointScope, issuer(), m_agent.id, QString::fromLatin1(m_agent.secret), token);
}

} // namespace Gateway
