// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpFrontend.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

// A small but real OAuth 2.1 authorization server on 127.0.0.1 for the authorization-code grant:
//  - GET /authorize auto-approves (as `subject`): requires response_type=code, a registered client
//    and redirect URI, code_challenge_method=S256 and a code_challenge; redirects back with code,
//    state and (unless disabled) the RFC 9207 iss;
//  - POST /token: authorization_code (single-use code, same client and redirect_uri, PKCE S256
//    verified against the challenge) and refresh_token (rotating refresh tokens); client
//    authentication by HTTP Basic (confidential) or client_id in the body (public);
//    an id_token (unsigned-signature JWT shape) when the scope had openid;
//  - /.well-known/oauth-authorization-server metadata naming both endpoints.
namespace TestSupport {

class OAuthCodeServer : public QObject
{
    Q_OBJECT
public:
    explicit OAuthCodeServer(QObject* parent = nullptr);
    ~OAuthCodeServer() override;

    bool start();
    QString baseUrl() const; // also the issuer
    QString issuer() const { return baseUrl(); }

    void registerClient(const QString& clientId, const QString& redirectUri, const QByteArray& secret = {});
    void setSubject(const QString& subject) { m_subject = subject; }
    void setAccessTokenLifetime(int seconds) { m_lifetime = seconds; }
    void setIssueRefreshTokens(bool on) { m_refresh = on; }
    void setSendIss(bool on) { m_sendIss = on; }
    void setIssOverride(const QString& iss) { m_issOverride = iss; }
    void setDeny(bool deny) { m_deny = deny; }
    void setTokenDelayMs(int ms) { m_tokenDelayMs = ms; }
    void setIssParameterSupported(bool on) { m_issSupported = on; }

    int authorizeCount() const { return m_authorizeCount; }
    int codeRedemptions() const { return m_codeRedemptions; } // successful
    int refreshCount() const { return m_refreshCount; } // successful
    int refreshRequests() const { return m_refreshRequests; } // all refresh_token grants received
    int pkceFailures() const { return m_pkceFailures; }
    QStringList lastAuthorizeParams() const { return m_lastAuthorize; }
    QString lastResource() const { return m_lastResource; }
    QStringList issuedAccessTokens() const { return m_accessTokens; }
    // Revokes every refresh token (the next refresh gets invalid_grant).
    void revokeRefreshTokens() { m_refreshTokens.clear(); }

private:
    struct Code
    {
        QString clientId;
        QString redirectUri;
        QString challenge;
        QString scope;
    };
    void handle(const Gateway::HttpRequest& request, Gateway::HttpResponder responder);
    Gateway::HttpResponse authorize(const Gateway::HttpRequest& request);
    Gateway::HttpResponse token(const Gateway::HttpRequest& request);
    Gateway::HttpResponse issue(const QString& clientId, const QString& scope);

    std::unique_ptr<Gateway::HttpFrontend> m_frontend;
    quint16 m_port = 0;
    QHash<QString, QPair<QString, QByteArray>> m_clients; // id -> (redirect URI, secret)
    QHash<QString, Code> m_codes;
    QHash<QString, QString> m_refreshTokens; // token -> client id
    QString m_subject = QStringLiteral("alice");
    int m_lifetime = 3600;
    bool m_refresh = true;
    bool m_sendIss = true;
    bool m_issSupported = true;
    QString m_issOverride;
    bool m_deny = false;
    int m_tokenDelayMs = 0;
    int m_authorizeCount = 0;
    int m_codeRedemptions = 0;
    int m_refreshCount = 0;
    int m_refreshRequests = 0;
    int m_pkceFailures = 0;
    QStringList m_lastAuthorize;
    QString m_lastResource;
    QStringList m_accessTokens;
};

} // namespace TestSupport
