// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway {

// The outcome of one SafeFetcher::getJson(). `error` is a short human reason that never echoes the
// response body, a query string or userinfo.
struct FetchResult
{
    enum class Failure {
        None,
        Refused, // the URL broke a rule; no request was made
        Network, // DNS, connect, TLS, reset
        Timeout,
        TooLarge,
        Redirect, // a redirect to another origin (not followed) or too many redirects
        HttpStatus, // a non-2xx answer
        NotJson, // a 2xx answer whose body is not one JSON object
    };

    bool ok = false;
    QJsonObject json;
    int status = 0; // the final HTTP status, 0 when no response head arrived
    QString error;
    Failure failure = Failure::None;
};

// Fetches small JSON documents (authorization-server metadata, JWKS) under these rules:
// - https only; plain http only to a loopback host (127.0.0.0/8, ::1, "localhost") and only after
//   setAllowLoopbackHttp(true) (tests, local development: off by default);
// - never to a literal link-local (169.254.0.0/16, fe80::/10: cloud metadata services), unspecified,
//   multicast or broadcast address, whatever the scheme; never a URL with userinfo;
// - TLS verification stays on (sslErrors are never ignored);
// - the body is capped at 64 KiB (the transfer is aborted once exceeded), the whole fetch at 5 s;
// - no cookies are sent or stored, no cached credentials; "Accept-Encoding: identity";
// - redirects are followed only within the same origin (scheme, host, port), at most 3; a redirect
//   elsewhere fails the fetch and the other origin sees no request;
// - the answer must be a 2xx whose body is one JSON object.
// Host names are not resolved up front, so a name that resolves to a link-local address is not
// caught here (only literal addresses are).
//
// The callback always runs later from the event loop (never inside getJson()), exactly once, unless
// the fetcher is destroyed first (then never).
class SafeFetcher : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxResponseBytes = 64 * 1024;
    static constexpr int DefaultTimeoutMs = 5000;
    static constexpr int MaxRedirects = 3;

    using Callback = std::function<void(const FetchResult&)>;

    explicit SafeFetcher(QObject* parent = nullptr);
    ~SafeFetcher() override;

    void setAllowLoopbackHttp(bool allow) { m_allowLoopbackHttp = allow; }
    bool allowLoopbackHttp() const { return m_allowLoopbackHttp; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs > 0 ? timeoutMs : DefaultTimeoutMs; }
    int timeoutMs() const { return m_timeoutMs; }

    // Empty when `url` may be fetched under the rules above, else the short reason
    // ("insecure URL", "link-local address refused", ...).
    QString checkUrl(const QUrl& url) const;

    void getJson(const QUrl& url, Callback callback);

    // A URL fit for logs: no userinfo, query or fragment (URLs are logged without query or userinfo).
    static QString displayUrl(const QUrl& url);
    // True for 127.0.0.0/8, ::1 (also IPv4-mapped) and "localhost".
    static bool isLoopbackHost(const QString& host);

private:
    struct Pending;
    QNetworkAccessManager* m_network = nullptr;
    QHash<QNetworkReply*, Pending*> m_pending;
    bool m_allowLoopbackHttp = false;
    int m_timeoutMs = DefaultTimeoutMs;
};

} // namespace Gateway
