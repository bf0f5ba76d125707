// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDeadlineTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;
class QTimer;

namespace Gateway {

class SecretResolver;

struct ClientCredentialsConfig
{
    QUrl tokenEndpoint; // https; http only for a loopback host and allowLoopbackHttp
    QString clientId;
    QString clientSecretRef; // secret reference (keychain:<entry> or ${env:NAME})
    QStringList scopes; // sent space-joined as `scope` when not empty
    QString resource; // RFC 8707 `resource`, when set
    QString audience; // `audience` (Auth0 and others), when set
    bool allowLoopbackHttp = false; // tests and local development only
    int timeoutMs = 10 * 1000; // whole request, connect to last byte
    // TLS for an https endpoint (e.g. a pinned CA). Peer verification always stays on.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
};

// The gateway as an OAuth client of a backend: access tokens from the client credentials grant
// (RFC 6749 §4.4) with client_secret_basic authentication (§2.3.1: HTTP Basic over the form-urlencoded
// id and secret). Body: grant_type=client_credentials [&scope=a b][&resource=...][&audience=...].
//
// token() answers with the cached token until 30 s before it expires (expires_in; 300 s when the
// endpoint gives none), otherwise asks the endpoint; concurrent callers share one request (single
// flight, since an authorization server that rotates refresh tokens would otherwise lose the grant). After a backend 401 call invalidate(rejectedToken) and retry the call
// once: of many callers holding the same rejected token, only the first forces a renewal.
//
// The response must be 200 with a JSON object holding a non-empty access_token string (printable
// ASCII, no spaces) and token_type "Bearer" (any case). Limits: 64 KiB response, 10 s per request
// (timeoutMs), no redirects, no cookies, no cache, TLS errors never ignored. Errors name the endpoint
// (without query or userinfo), the HTTP status and the OAuth `error` code when it is a registered one;
// never the secret, the token, error_description or an unregistered code (a server may echo what it
// was sent).
//
// Callbacks run exactly once from the event loop, never synchronously inside token(), and are dropped
// when the source is destroyed.
class ClientCredentialsTokenSource : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QByteArray& accessToken, const QString& error)>;

    static constexpr int RenewMarginSeconds = 30;
    static constexpr int DefaultLifetimeSeconds = 300;
    static constexpr qint64 MaxResponseBytes = 64 * 1024;

    // `resolver` is not owned.
    ClientCredentialsTokenSource(const ClientCredentialsConfig& config, SecretResolver* resolver,
                                 QObject* parent = nullptr);
    ~ClientCredentialsTokenSource() override; // scrubs the cached token

    void token(Callback callback);

    // Drops the cached token so the next token() asks the endpoint. With rejectedToken set, only when
    // it is still the cached one (a renewal already done by another caller is kept).
    void invalidate(const QByteArray& rejectedToken = {});

    // Empty when the configuration can be used, else why not (never quotes a secret).
    static QString configProblem(const ClientCredentialsConfig& config);

    const ClientCredentialsConfig& config() const { return m_config; }
    bool hasValidToken() const;
    bool isRequestInFlight() const { return m_inFlight; }
    int requestCount() const { return m_requestCount; } // token requests sent to the endpoint

private:
    void startRequest();
    void sendRequest(QByteArray clientSecret);
    void onReplyFinished(QNetworkReply* reply);
    void completeFlight(const QByteArray& accessToken, const QString& error);
    void queueAnswer(Callback callback, const QByteArray& accessToken, const QString& error);
    QString endpointForErrors() const;

    ClientCredentialsConfig m_config;
    QPointer<SecretResolver> m_resolver;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<QNetworkReply> m_reply;
    QTimer* m_timeout = nullptr;
    bool m_tooLarge = false;
    bool m_timedOut = false;

    QByteArray m_token; // private deep copy, scrubbed when replaced
    QDeadlineTimer m_renewAt{QDeadlineTimer::Forever};
    bool m_inFlight = false;
    QList<Callback> m_waiters;
    int m_requestCount = 0;
};

} // namespace Gateway
