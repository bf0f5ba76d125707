// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace Gateway {

class SecretResolver;

// The answer of one token request. `error` names the endpoint (no query or userinfo), the HTTP status
// and a registered OAuth error code, never a token, a secret or error_description.
struct TokenResponse
{
    bool ok = false;
    QString error;
    QString oauthError; // registered RFC 6749 code when the server gave one (e.g. "invalid_grant")
    QByteArray accessToken;
    QByteArray refreshToken;
    QByteArray idToken;
    qint64 expiresInSeconds = 0; // 0: not given
};

// Token endpoint requests for the authorization-code and refresh-token grants (RFC 6749 §4.1.3, §6),
// the same outbound rules as ClientCredentialsTokenSource: https, or plain http on loopback when
// allowed; client_secret_basic when a secret reference is given, else client_id in the body (public
// client); 64 KiB answer, bounded time, no redirects, no cookies, no cache, TLS errors never ignored.
// The answer must be 200 with a JSON object holding a usable access_token and token_type Bearer.
// Callbacks run once from the event loop, never inside post(), and not after destruction.
class OAuthTokenClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const TokenResponse&)>;
    using Form = QList<QPair<QByteArray, QByteArray>>;
    static constexpr qint64 MaxResponseBytes = 64 * 1024;

    // `resolver` is not owned.
    explicit OAuthTokenClient(SecretResolver* resolver, QObject* parent = nullptr);
    ~OAuthTokenClient() override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setSecretResolver(SecretResolver* resolver) { m_resolver = resolver; }
    int requestCount() const { return m_requests; }

    void post(const QUrl& tokenEndpoint, bool allowLoopbackHttp, const QString& clientId,
              const QString& clientSecretRef, Form form, Callback callback);

    // Empty when `url` may receive credentials (https, or http to loopback when allowed).
    static QString urlProblem(const QUrl& url, bool allowLoopbackHttp);

private:
    void send(const QUrl& endpoint, const QString& clientId, QByteArray secret, Form form, Callback callback);

    QPointer<SecretResolver> m_resolver;
    QNetworkAccessManager* m_network = nullptr;
    int m_timeoutMs = 10 * 1000;
    int m_requests = 0;
};

} // namespace Gateway
