// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>
#include <optional>

struct evp_pkey_st;

namespace Gateway {

class HttpFrontend;
struct HttpRequest;
struct HttpResponse;

// DEMO ONLY. A small OAuth 2.0 authorization server for `portcullis --secure-demo` and tests, so a
// secure setup can be shown on a laptop with no network. It is never used for anything else: it
// listens on loopback only (listen() refuses any other address), keeps everything in memory, and
// forgets it all when it stops. One demo user ("demo-user") is signed in by an auto-approve page.
//
// Serves, at issuer http://127.0.0.1:<port>:
//  - RFC 8414 metadata (/.well-known/oauth-authorization-server) and OpenID Connect discovery
//    (/.well-known/openid-configuration), JWKS (/jwks) with one ES256 key generated at start;
//  - /authorize: authorization code with PKCE (S256 required; "plain" and a missing challenge are
//    refused), exact redirect URIs (a loopback http redirect URI may use any port, RFC 8252 §7.3),
//    auto-approved for demo-user; the redirect carries code, state and iss (RFC 9207);
//  - /token: client_credentials (confidential clients), authorization_code (single-use code bound
//    to client, redirect_uri and challenge; 60 s), refresh_token (rotated on every use);
//    client_secret_basic, client_secret_post, or none for public clients;
//  - access tokens are JWTs (RFC 9068, typ at+jwt, ES256) with aud = the RFC 8707 `resource` asked
//    for (else the default resource), the granted scope and a 5-minute lifetime; an ID token is
//    added when the code flow asked for scope openid.
class DemoAuthorizationServer : public QObject
{
    Q_OBJECT
public:
    static constexpr int AccessTokenLifetimeSeconds = 300;
    static constexpr int CodeLifetimeSeconds = 60;
    static constexpr int RefreshTokenLifetimeSeconds = 8 * 3600;
    static constexpr int MaxGrants = 10000; // pending codes and live refresh tokens, each
    static inline const QString DemoUser = QStringLiteral("demo-user");

    struct Client
    {
        QString id;
        QByteArray secret; // empty: public client (token_endpoint_auth_method none; PKCE only)
        QStringList redirectUris; // exact; loopback http ones match on any port
        QStringList scopes; // what it may be granted; empty: every supported scope
        bool clientCredentials = false; // may use the client_credentials grant (confidential only)
    };

    explicit DemoAuthorizationServer(QObject* parent = nullptr);
    ~DemoAuthorizationServer() override;

    // Listens on a loopback address only; any other address is refused with `error` set.
    bool listen(const QHostAddress& address = QHostAddress::LocalHost, quint16 port = 0, QString* error = nullptr);
    bool isListening() const;
    QString issuer() const; // "http://127.0.0.1:<port>", no trailing slash
    QUrl tokenEndpoint() const;
    QUrl authorizationEndpoint() const;

    void setScopesSupported(const QStringList& scopes) { m_scopesSupported = scopes; }
    QStringList scopesSupported() const { return m_scopesSupported; }
    // Audience of tokens whose request named no RFC 8707 resource.
    void setDefaultResource(const QString& resource) { m_defaultResource = resource; }
    void addClient(const Client& client);
    // A confidential client with a fresh random secret (≥ 256 bits), returned so it can be shown.
    Client addConfidentialClient(const QString& id, const QStringList& scopes = {});
    std::optional<Client> client(const QString& id) const;

    // The signing key's public JWKS document ({"keys":[...]}).
    QJsonObject jwks() const;
    QJsonObject metadata() const;

    HttpResponse handle(const HttpRequest& request);

private:
    struct Code
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        QStringList scopes;
        QString resource;
        QString nonce;
        qint64 expiresAt = 0;
    };
    struct Refresh
    {
        QString clientId;
        QStringList scopes;
        QString resource;
        qint64 expiresAt = 0;
    };

    HttpResponse route(const HttpRequest& request);
    HttpResponse authorize(const HttpRequest& request);
    HttpResponse token(const HttpRequest& request);
    HttpResponse tokenResponse(const QString& clientId, const QString& subject, const QStringList& scopes,
                               const QString& resource, bool withRefresh, const QString& nonce);
    QByteArray sign(const QJsonObject& header, const QJsonObject& claims) const;
    bool redirectAllowed(const Client& client, const QUrl& redirect) const;
    void purgeExpired(qint64 now);

    std::unique_ptr<HttpFrontend> m_frontend;
    std::shared_ptr<evp_pkey_st> m_key;
    QString m_kid;
    QJsonObject m_publicJwk;
    QStringList m_scopesSupported;
    QString m_defaultResource;
    QHash<QString, Client> m_clients;
    QHash<QByteArray, Code> m_codes; // SHA-256 of the code -> its grant, until redeemed or expired
    // SHA-256 of a redeemed code -> when it stops being remembered. A second redemption is refused
    // and revokes the refresh token the first one produced (RFC 6749 §4.1.2).
    QHash<QByteArray, qint64> m_usedCodes;
    QHash<QByteArray, QByteArray> m_refreshOfCode; // code hash -> refresh token hash
    QHash<QByteArray, Refresh> m_refreshTokens; // SHA-256 of the token
};

} // namespace Gateway
