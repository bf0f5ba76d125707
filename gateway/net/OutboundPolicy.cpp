// SPDX-License-Identifier: GPL-3.0-or-later
#include "OutboundPolicy.h"

#include "Loopback.h"

#include <QHostAddress>
#include <QMutexLocker>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace Gateway::Net {

namespace {

QString firstSet(const char* lower, const char* upper)
{
    const QByteArray l = qgetenv(lower);
    if (!l.trimmed().isEmpty())
        return QString::fromLocal8Bit(l).trimmed();
    return QString::fromLocal8Bit(qgetenv(upper)).trimmed();
}

QUrl proxyUrl(const QString& value)
{
    if (value.isEmpty())
        return {};
    QUrl url = QUrl::fromUserInput(value.contains(QLatin1String("://")) ? value : QStringLiteral("http://") + value);
    if (!url.isValid() || url.host().isEmpty())
        return {};
    return url;
}

QNetworkProxy toProxy(const QUrl& url)
{
    QNetworkProxy proxy(QNetworkProxy::HttpProxy, url.host(), quint16(url.port(80)));
    if (!url.userName().isEmpty()) {
        proxy.setUser(url.userName(QUrl::FullyDecoded));
        proxy.setPassword(url.password(QUrl::FullyDecoded));
    }
    return proxy;
}

QString normalizedHost(QString host)
{
    host = host.trimmed().toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    return host;
}

int defaultPort(const QUrl& url)
{
    return url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0 ? 443 : 80;
}

} // namespace

ProxyEnvironment ProxyEnvironment::read()
{
    ProxyEnvironment env;
    const QString http = firstSet("http_proxy", "HTTP_PROXY");
    const QString https = firstSet("https_proxy", "HTTPS_PROXY");
    const QString noProxy = firstSet("no_proxy", "NO_PROXY");
    env.httpProxy = proxyUrl(http);
    env.httpsProxy = proxyUrl(https);
    for (const QString& entry : noProxy.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        QString e = entry.trimmed().toLower();
        if (e.startsWith(QLatin1String("*.")))
            e = e.mid(1);
        if (!e.isEmpty())
            env.noProxy.append(e);
    }
    env.fromEnvironment = !http.isEmpty() || !https.isEmpty() || !noProxy.isEmpty();
    return env;
}

OutboundPolicy::OutboundPolicy(ProxyEnvironment environment, bool useSystemProxy)
    : m_env(std::move(environment))
    , m_useSystemProxy(useSystemProxy)
{
}

std::shared_ptr<const OutboundPolicy> OutboundPolicy::shared()
{
    static const std::shared_ptr<const OutboundPolicy> policy = std::make_shared<const OutboundPolicy>();
    return policy;
}

bool OutboundPolicy::bypassesProxy(const QString& hostIn, int port) const
{
    if (isLoopbackHost(hostIn))
        return true; // loopback is never proxied
    const QString host = normalizedHost(hostIn);
    for (const QString& entryIn : m_env.noProxy) {
        if (entryIn == QLatin1String("*"))
            return true;
        QString entry = entryIn;
        int entryPort = -1;
        // "host:port" and "[v6]:port"; a bare IPv6 literal has several colons and no port.
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        if (colon > 0 && (entry.count(QLatin1Char(':')) == 1 || entry.startsWith(QLatin1Char('[')))) {
            bool ok = false;
            const int p = entry.mid(colon + 1).toInt(&ok);
            if (ok) {
                entryPort = p;
                entry.truncate(colon);
            }
        }
        entry = normalizedHost(entry);
        if (entry.startsWith(QLatin1Char('.')))
            entry = entry.mid(1);
        if (entry.isEmpty() || (entryPort >= 0 && port >= 0 && entryPort != port))
            continue;
        if (host == entry || host.endsWith(QLatin1Char('.') + entry))
            return true;
    }
    return false;
}

QNetworkProxy OutboundPolicy::resolve(const QUrl& url) const
{
    const int port = url.port(defaultPort(url));
    if (bypassesProxy(url.host(), port))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const bool https = url.scheme().compare(QLatin1String("https"), Qt::CaseInsensitive) == 0;
    const QUrl& configured = https ? m_env.httpsProxy : m_env.httpProxy;
    if (!configured.isEmpty())
        return toProxy(configured);
    if (m_env.fromEnvironment || !m_useSystemProxy)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    const QList<QNetworkProxy> system = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(url));
    for (const QNetworkProxy& p : system) {
        if (p.type() == QNetworkProxy::HttpProxy || p.type() == QNetworkProxy::NoProxy
            || p.type() == QNetworkProxy::Socks5Proxy)
            return p;
    }
    return QNetworkProxy(QNetworkProxy::NoProxy);
}

QNetworkProxy OutboundPolicy::proxyFor(const QUrl& url) const
{
    const QString key = url.scheme().toLower() + QLatin1Char('|') + url.host().toLower() + QLatin1Char('|')
        + QString::number(url.port(defaultPort(url)));
    {
        QMutexLocker lock(&m_cacheMutex);
        const auto it = m_cache.constFind(key);
        if (it != m_cache.constEnd())
            return *it;
    }
    const QNetworkProxy proxy = resolve(url);
    QMutexLocker lock(&m_cacheMutex);
    if (m_cache.size() >= 1024) // bounded: hosts come from configuration, but never grow without limit
        m_cache.clear();
    m_cache.insert(key, proxy);
    return proxy;
}

void OutboundPolicy::configure(QNetworkAccessManager* manager) const
{
    // The factory keeps its own reference: the policy object outlives no manager by accident.
    auto copy = std::make_shared<const OutboundPolicy>(m_env, m_useSystemProxy);
    manager->setProxyFactory(new OutboundProxyFactory(std::move(copy)));
}

void OutboundPolicy::prepare(QNetworkRequest& request, int timeoutMs, bool sameOriginRedirects)
{
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         sameOriginRedirects ? QNetworkRequest::SameOriginRedirectPolicy
                                             : QNetworkRequest::ManualRedirectPolicy);
    request.setMaximumRedirectsAllowed(sameOriginRedirects ? MaxRedirects : 0);
    request.setAttribute(QNetworkRequest::CookieLoadControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CookieSaveControlAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    request.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    request.setTransferTimeout(timeoutMs);
    request.setRawHeader("Accept-Encoding", "identity"); // no decompression bombs
    QSslConfiguration tls = request.sslConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer); // never QueryPeer or VerifyNone
    request.setSslConfiguration(tls);
}

void OutboundPolicy::capDownload(QNetworkReply* reply, qint64 maxBytes)
{
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply, [reply, maxBytes](qint64 received, qint64 total) {
        if (received > maxBytes || total > maxBytes)
            reply->abort();
    });
}

bool OutboundPolicy::isSameOrigin(const QUrl& a, const QUrl& b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && normalizedHost(a.host()) == normalizedHost(b.host()) && a.port(defaultPort(a)) == b.port(defaultPort(b));
}

bool OutboundPolicy::redirectAllowed(const QUrl& from, const QUrl& to, bool credentialed)
{
    if (!to.isValid() || (to.scheme() != QLatin1String("http") && to.scheme() != QLatin1String("https")))
        return false;
    if (credentialed)
        return isSameOrigin(from, to);
    // Without credentials a redirect may change host, but never downgrade https to http.
    return !(from.scheme() == QLatin1String("https") && to.scheme() == QLatin1String("http"));
}

QString OutboundPolicy::displayProxy(const QNetworkProxy& proxy)
{
    if (proxy.type() == QNetworkProxy::NoProxy || proxy.type() == QNetworkProxy::DefaultProxy)
        return QStringLiteral("direct");
    return QStringLiteral("%1:%2").arg(proxy.hostName()).arg(proxy.port());
}

OutboundProxyFactory::OutboundProxyFactory(std::shared_ptr<const OutboundPolicy> policy)
    : m_policy(std::move(policy))
{
}

QList<QNetworkProxy> OutboundProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    return {m_policy->proxyFor(query.url())};
}

} // namespace Gateway::Net
