// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"
#include "http/HttpMessage.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkAccessManager;

namespace Gateway {

class AuthorizationServerDirectory;
class SecretResolver;
class VerifiedTokenCache;

// The auth decision for one request to /mcp/{service}, with its reason code for the traffic log
// (never the credential itself) and, when denied, the exact answer to send.
struct AuthDecision
{
    bool allowed = false;
    QString principal; // "anonymous", "key:1a2b3c4d", or "<iss> <sub>"
    QString decision; // "none", "allowed", "denied", "unavailable"
    QString reason; // "missing_key", "wrong_key", "expired", "insufficient_scope", ...
    QStringList grantedScopes;
    HttpResponse denial; // status, WWW-Authenticate, JSON body
};

// Centralised endpoint authentication (None / API key in x-reshapr-key / OAuth2 bearer JWT),
// per-tool scope checks, and RFC 9728 protected-resource metadata. Fails closed: any error on
// the auth path denies; an unreachable JWKS with no cached keys is 503, not 401.
class EndpointGuard : public QObject
{
    Q_OBJECT
public:
    explicit EndpointGuard(QObject* parent = nullptr);
    ~EndpointGuard() override;

    using Done = std::function<void(const AuthDecision&)>;
    // `resource` is the canonical URL of the endpoint (RFC 8707), `metadataUrl` its RFC 9728 URL.
    void authenticate(const HttpRequest& request, const QString& service, const EndpointSecurity& security,
                      const QUrl& resource, const QUrl& metadataUrl, Done done);
    // 403 insufficient_scope naming exactly the missing scopes, or allowed when none are missing.
    static AuthDecision checkToolScopes(const EndpointSecurity& security, const QString& tool,
                                        const QStringList& granted, const QUrl& metadataUrl);
    static QJsonObject protectedResourceMetadata(const QString& service, const EndpointSecurity& security,
                                                 const QUrl& resource);
    // Forget verified tokens (keys or settings changed).
    void reset();
    // How many introspection answers are remembered (bounded).
    int introspectionCacheSize() const;
    AuthorizationServerDirectory* directory() const { return m_directory; }
    // Resolves the RFC 7662 introspection client secret (not owned).
    void setSecretResolver(SecretResolver* resolver) { m_secrets = resolver; }

private:
    void authenticateApiKey(const HttpRequest& request, const EndpointSecurity& security, Done done);
    void authenticateBearer(const HttpRequest& request, const EndpointSecurity& security, const QUrl& resource,
                            const QUrl& metadataUrl, Done done);
    void introspect(const QByteArray& token, const EndpointSecurity& security, const QUrl& resource,
                    const QUrl& metadataUrl, Done done);
    bool throttled(const QHostAddress& peer);
    void recordFailure(const QHostAddress& peer);

    AuthorizationServerDirectory* m_directory;
    std::unique_ptr<VerifiedTokenCache> m_cache;
    struct Failures
    {
        int count = 0;
        qint64 windowStartMs = 0;
    };
    QHash<QString, Failures> m_failures;
    SecretResolver* m_secrets = nullptr;
    QNetworkAccessManager* m_network = nullptr;
    // Active introspection answers, bounded and expiring, keyed like m_cache (token digest bound to
    // the introspection endpoint, audience, trusted issuers and required scopes).
    std::unique_ptr<VerifiedTokenCache> m_introspected;
};

} // namespace Gateway
