// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openapi/ToolDefinition.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Gateway {

// Endpoint security of one service. Only the mode and non-secret parameters live here; API keys
// are stored as hashes, OAuth settings are public data.
struct EndpointSecurity
{
    enum class Mode { None, ApiKey, OAuth2 };
    Mode mode = Mode::None;
    QStringList apiKeyHashes; // "sha256:<hex>" of the currently valid key(s)
    QStringList authorizationServers; // issuer URLs (OAuth2)
    QStringList requiredScopes; // OAuth2
    QMap<QString, QStringList> toolScopes; // OAuth2: extra scopes per tool name (step-up)
    QUrl resourceUrl; // OAuth2: canonical resource (RFC 8707); empty = derived from Host
    bool requireAtJwtType = true; // OAuth2: reject tokens whose typ is not at+jwt (RFC 9068)
    bool allowLoopbackHttpIssuers = false; // OAuth2: http issuers on loopback (local tests only)
    // OAuth2: RFC 7662 introspection for opaque (non-JWT) tokens, when set.
    QUrl introspectionEndpoint;
    QString introspectionClientId;
    QString introspectionSecretRef; // keychain:<entry> or ${env:NAME}

    static QString modeName(Mode mode);
};

// How the gateway authenticates to the backend. Secret values are references only:
// "keychain:<entry>" or "${env:NAME}".
struct BackendAuth
{
    enum class Kind {
        None,
        Basic,
        Token,
        ClientCertificate,
        OAuth2ClientCredentials,
        // Nothing provisioned: each person supplies their own credential through a page the gateway
        // serves (URL-mode elicitation); see gateway/elicit/ElicitationBroker.h.
        ElicitedToken, // the person types a value sent as "<headerName>: [<scheme> ]<value>"
        ElicitedOAuth2, // authorization code + PKCE at the backend's authorization server, per person
    };
    Kind kind = Kind::None;
    QString username; // Basic
    QString secretRef; // password / token / private key / client secret reference
    QString headerName; // Token: default "Authorization" with "Bearer " prefix
    QString certificateRef; // ClientCertificate: PEM certificate reference
    QString caCertificateRef; // optional pinned CA (PEM reference) for an https backend
    // OAuth2ClientCredentials: the gateway is the backend's OAuth client.
    QUrl tokenEndpoint;
    QString clientId;
    QStringList scopes;
    QString resource; // RFC 8707 resource for the backend, when its AS wants one
    QString audience;
    bool allowLoopbackHttpTokenEndpoint = false; // local tests only
    // ElicitedToken: optional auth scheme put before the value ("Bearer" -> "Authorization: Bearer <v>").
    QString scheme;
    // ElicitedOAuth2: the backend's authorization server. Either both endpoints, or `issuer` to
    // discover them (RFC 8414, then OpenID Connect discovery); with both, `issuer` only checks the
    // RFC 9207 `iss` of the authorization response. allowLoopbackHttpTokenEndpoint also allows a
    // plain-http loopback authorization endpoint and issuer.
    QUrl authorizationEndpoint;
    QString issuer;

    static QString kindName(Kind kind);
    bool isElicited() const { return kind == Kind::ElicitedToken || kind == Kind::ElicitedOAuth2; }
};

// How a service's elicited backend credentials are kept and who may complete the page.
struct ElicitationSettings
{
    // Keep the credentials in the OS keychain as well as in memory, so a restart does not ask again.
    bool persist = false;
    // With OAuth2 endpoint security: the page first signs the person in at the endpoint's
    // authorization server with this client (code + PKCE) and refuses unless iss + sub equal the
    // principal that triggered the elicitation. Empty clientId: off.
    QString verifyUserClientId;
    QString verifyUserSecretRef; // optional (confidential client): keychain:<entry> or ${env:NAME}
};

struct ServiceConfig
{
    QString name; // path segment: [A-Za-z0-9_.-]{1,64}
    QString openApiPath; // absolute, or relative to the workspace file; ":/..." for resources
    QUrl baseUrl; // empty: first `servers` entry of the document
    int timeoutMs = 30000;
    qint64 maxResponseBytes = 10 * 1024 * 1024;
    ToolNaming toolNaming = ToolNaming::Auto;
    QStringList include;
    QStringList exclude;
    EndpointSecurity security;
    BackendAuth backendAuth;
    // Set when the loader refused this service's own settings (only name and openApiPath are
    // meaningful then): the service is not served, its endpoint answers 503 with this reason.
    QString configError;
    // The refused service's text as read. WorkspaceLoader::toJson writes it back unchanged while
    // configError is set; an editor that rebuilds the service's settings clears configError.
    QJsonObject sourceJson;
    ElicitationSettings elicitation;
};

struct GatewaySettings
{
    QString listenHost = QStringLiteral("127.0.0.1");
    int listenPort = 8765;
    QStringList allowedHosts; // extra Host values beyond loopback names
    QStringList allowedOrigins; // exact origins allowed besides none; loopback origins always allowed
    qint64 maxBodyBytes = 4 * 1024 * 1024;
    int maxConnections = 256;
    int idleTimeoutMs = 30000;
    int maxSessions = 1000;
    int sessionIdleTimeoutMs = 30 * 60 * 1000;
    bool metricsEnabled = false;
    QString trafficLogFile; // JSON Lines mirror; empty: off
    // Also mirror captured payloads (redacted, truncated) to trafficLogFile; off: they stay in memory.
    bool capturePayloadsToFile = false;
    // scheme://host[:port] clients use to reach the gateway (e.g. behind a reverse proxy); empty:
    // derived from the listening address. Canonical resource URLs and RFC 9728 metadata URLs start
    // with it, and its authority is an accepted Host.
    QUrl publicUrl;
    // Per-person request budget (token bucket). Not configured: off when listening on loopback,
    // DefaultRequestsPerMinute otherwise; requestsPerMinute 0 turns it off.
    struct RateLimit
    {
        static constexpr int DefaultRequestsPerMinute = 600;
        static constexpr int DefaultBurst = 100;
        bool configured = false;
        int requestsPerMinute = DefaultRequestsPerMinute;
        int burst = DefaultBurst;
    } rateLimit;
    // MCP sessions one person may hold; creating one more ends that person's oldest session.
    int maxSessionsPerPrincipal = 100;
    // tools/call requests one service may have in progress (waiting for credentials or the
    // backend); one more is answered at once with HTTP 503 + Retry-After (load shedding).
    int maxToolCallsInFlight = 128;
};

struct WorkspaceConfig
{
    static constexpr int CurrentVersion = 1;
    int version = CurrentVersion;
    QString filePath; // where it was loaded from ("" for built-in)
    GatewaySettings gateway;
    QList<ServiceConfig> services;

    // A path as written in the workspace, made absolute: relative paths resolve against the
    // workspace file's directory (the working directory only for a workspace without a file).
    QString absolutePath(const QString& path) const;
};

} // namespace Gateway
