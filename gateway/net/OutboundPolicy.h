// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QMutex>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Gateway::Net {

// The proxy settings of the environment, as curl and most tools read them: HTTPS_PROXY for https
// URLs, HTTP_PROXY for http URLs (the lower-case names win when both are set), NO_PROXY for hosts
// that are reached directly. A proxy URL is http://[user:password@]host[:port] (port 80 when
// omitted, 1080 never assumed); its userinfo becomes Proxy-Authorization: Basic and is never logged.
struct ProxyEnvironment
{
    QUrl httpProxy;
    QUrl httpsProxy;
    // NO_PROXY entries, lower case: "*" (everything), a host name (matches itself and its
    // subdomains; a leading "." is ignored), an IP literal, each optionally with ":port".
    QStringList noProxy;
    bool fromEnvironment = false; // any of the variables was set

    static ProxyEnvironment read(); // from the process environment
    bool isEmpty() const { return httpProxy.isEmpty() && httpsProxy.isEmpty(); }
};

// One outbound HTTP policy for everything the gateway fetches: backend calls (BackendClient),
// authorization-server metadata and JWKS (SafeFetcher), backend token endpoints
// (ClientCredentialsTokenSource) and token introspection. It decides
//   - the proxy: never for a loopback host (isLoopbackHost); NO_PROXY matches go direct; otherwise
//     HTTPS_PROXY / HTTP_PROXY when set, else the system settings (QNetworkProxyFactory::
//     systemProxyForQuery: desktop settings, or the same variables on Linux). Only HTTP proxies are
//     used by the backend client (CONNECT for https, absolute-form for http); a SOCKS or unknown
//     system proxy is handed to Qt's sockets as is;
//   - redirects: same origin (scheme, host, port) only, whenever the request carries credentials,
//     and never more than MaxRedirects;
//   - TLS: peer verification always on (VerifyPeer), errors never ignored;
//   - QNetworkAccessManager requests: no cookies, no cache, no reused authentication, no content
//     coding (Accept-Encoding: identity), a transfer timeout, and the size caps each user enforces
//     while downloading (see capBytes()).
class OutboundPolicy
{
public:
    static constexpr int MaxRedirects = 5;

    explicit OutboundPolicy(ProxyEnvironment environment = ProxyEnvironment::read(), bool useSystemProxy = true);

    // The process-wide policy (environment read once, at first use).
    static std::shared_ptr<const OutboundPolicy> shared();

    const ProxyEnvironment& environment() const { return m_env; }

    // The proxy for `url` (QNetworkProxy::NoProxy when direct). Cached per scheme, host and port.
    QNetworkProxy proxyFor(const QUrl& url) const;
    // True when `host` (and `port`, -1 for any) is reached without a proxy by NO_PROXY or loopback.
    bool bypassesProxy(const QString& host, int port) const;

    // Installs a proxy factory that applies proxyFor() on `manager` (Qt takes ownership of it).
    void configure(QNetworkAccessManager* manager) const;
    // The common request settings above; `timeoutMs` is the transfer timeout; `sameOriginRedirects`
    // false means no redirect is followed at all.
    static void prepare(QNetworkRequest& request, int timeoutMs, bool sameOriginRedirects);

    // Aborts `reply` as soon as more than `maxBytes` are announced or received (the body is never
    // downloaded whole first); its finished() then reports OperationCanceledError.
    static void capDownload(QNetworkReply* reply, qint64 maxBytes);

    // Same scheme, host and port (default ports filled in).
    static bool isSameOrigin(const QUrl& a, const QUrl& b);
    // Whether a redirect from `from` to `to` may be followed.
    static bool redirectAllowed(const QUrl& from, const QUrl& to, bool credentialed);

    // For logs and errors: scheme://host:port of a proxy, never its userinfo.
    static QString displayProxy(const QNetworkProxy& proxy);

private:
    QNetworkProxy resolve(const QUrl& url) const;

    ProxyEnvironment m_env;
    bool m_useSystemProxy;
    mutable QMutex m_cacheMutex;
    mutable QHash<QString, QNetworkProxy> m_cache;
};

// A QNetworkProxyFactory that asks an OutboundPolicy (for QNetworkAccessManager users).
class OutboundProxyFactory : public QNetworkProxyFactory
{
public:
    explicit OutboundProxyFactory(std::shared_ptr<const OutboundPolicy> policy);
    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;

private:
    std::shared_ptr<const OutboundPolicy> m_policy;
};

} // namespace Gateway::Net
