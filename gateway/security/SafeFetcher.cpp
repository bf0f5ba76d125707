// SPDX-License-Identifier: GPL-3.0-or-later
#include "SafeFetcher.h"

#include "net/Loopback.h"
#include "net/OutboundPolicy.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include <memory>

namespace Gateway {

namespace {

// A literal address with IPv4-mapped IPv6 (::ffff:a.b.c.d) folded to IPv4, so that a mapped form
// cannot slip past the IPv4 checks. Returns false when `host` is a name.
bool literalAddress(const QString& host, QHostAddress* address)
{
    QHostAddress parsed;
    if (!parsed.setAddress(host))
        return false;
    if (parsed.protocol() == QAbstractSocket::IPv6Protocol) {
        bool isV4 = false;
        const quint32 v4 = parsed.toIPv4Address(&isV4);
        if (isV4)
            parsed = QHostAddress(v4);
    }
    *address = parsed;
    return true;
}

QString networkErrorText(QNetworkReply::NetworkError error)
{
    switch (error) {
    case QNetworkReply::ConnectionRefusedError: return QStringLiteral("connection refused");
    case QNetworkReply::RemoteHostClosedError: return QStringLiteral("connection closed by the server");
    case QNetworkReply::HostNotFoundError: return QStringLiteral("host not found");
    case QNetworkReply::SslHandshakeFailedError: return QStringLiteral("TLS handshake failed");
    case QNetworkReply::TemporaryNetworkFailureError:
    case QNetworkReply::NetworkSessionFailedError: return QStringLiteral("network unavailable");
    case QNetworkReply::ProxyConnectionRefusedError:
    case QNetworkReply::ProxyConnectionClosedError:
    case QNetworkReply::ProxyNotFoundError:
    case QNetworkReply::ProxyTimeoutError:
    case QNetworkReply::ProxyAuthenticationRequiredError: return QStringLiteral("proxy error");
    default: return QStringLiteral("network error (%1)").arg(int(error));
    }
}

} // namespace

struct SafeFetcher::Pending
{
    Callback callback;
    QByteArray body;
    bool timedOut = false;
    bool tooLarge = false;
};

SafeFetcher::SafeFetcher(QObject* parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
    m_network->setRedirectPolicy(QNetworkRequest::SameOriginRedirectPolicy);
    m_network->setAutoDeleteReplies(false);
    Net::OutboundPolicy().configure(m_network); // proxy settings shared with every outbound call
}

SafeFetcher::~SafeFetcher()
{
    // Pending callbacks are dropped: their owners are going away with us.
    const auto pending = m_pending;
    m_pending.clear();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        QNetworkReply* reply = it.key();
        disconnect(reply, nullptr, this, nullptr);
        reply->abort();
        delete reply;
        delete it.value();
    }
}

bool SafeFetcher::isLoopbackHost(const QString& host)
{
    return Net::isLoopbackHost(host);
}

QString SafeFetcher::displayUrl(const QUrl& url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

QString SafeFetcher::checkUrl(const QUrl& url) const
{
    if (!url.isValid() || url.isRelative())
        return QStringLiteral("invalid URL");
    const QString scheme = url.scheme().toLower();
    const bool https = scheme == QLatin1String("https");
    const bool http = scheme == QLatin1String("http");
    if (!https && !http)
        return QStringLiteral("unsupported URL scheme");
    if (!url.userInfo().isEmpty())
        return QStringLiteral("URL with userinfo refused");
    const QString host = url.host();
    if (host.isEmpty())
        return QStringLiteral("URL without host");

    QHostAddress address;
    if (literalAddress(host, &address)) {
        if (address.isLinkLocal())
            return QStringLiteral("link-local address refused");
        if (address == QHostAddress(QHostAddress::AnyIPv4) || address == QHostAddress(QHostAddress::AnyIPv6))
            return QStringLiteral("unspecified address refused");
        if (address.isMulticast() || address.isBroadcast())
            return QStringLiteral("multicast or broadcast address refused");
    }

    if (http) {
        if (!isLoopbackHost(host))
            return QStringLiteral("insecure URL");
        if (!m_allowLoopbackHttp)
            return QStringLiteral("insecure URL (plain http to loopback is not enabled)");
    }
    return {};
}

void SafeFetcher::getJson(const QUrl& url, Callback callback)
{
    const QString refused = checkUrl(url);
    if (!refused.isEmpty()) {
        FetchResult result;
        result.failure = FetchResult::Failure::Refused;
        result.error = refused;
        QMetaObject::invokeMethod(
            this, [callback = std::move(callback), result]() { callback(result); }, Qt::QueuedConnection);
        return;
    }

    QNetworkRequest request(url);
    // Same-origin redirects only, no cookies, no cache, identity coding, TLS verified; the
    // transfer timeout is for inactivity, the timer below bounds the whole fetch.
    Net::OutboundPolicy::prepare(request, m_timeoutMs, true);
    request.setMaximumRedirectsAllowed(MaxRedirects);
    request.setRawHeader("Accept", "application/json");
    request.setRawHeader("User-Agent", "Portcullis");

    QNetworkReply* reply = m_network->get(request);
    auto* pending = new Pending;
    pending->callback = std::move(callback);
    m_pending.insert(reply, pending);

    auto* deadline = new QTimer(reply);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this, reply]() {
        if (Pending* p = m_pending.value(reply)) {
            p->timedOut = true;
            reply->abort(); // emits finished()
        }
    });
    deadline->start(m_timeoutMs);

    connect(reply, &QNetworkReply::metaDataChanged, this, [this, reply]() {
        Pending* p = m_pending.value(reply);
        const QVariant length = reply->header(QNetworkRequest::ContentLengthHeader);
        if (p && length.isValid() && length.toLongLong() > MaxResponseBytes) {
            p->tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::readyRead, this, [this, reply]() {
        Pending* p = m_pending.value(reply);
        if (!p || p->tooLarge)
            return;
        p->body += reply->read(MaxResponseBytes + 1 - p->body.size());
        if (p->body.size() > MaxResponseBytes) {
            p->tooLarge = true;
            reply->abort(); // emits finished(); `p` is gone afterwards
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply]() {
        std::unique_ptr<Pending> p(m_pending.take(reply));
        if (!p)
            return;
        if (!p->tooLarge && !p->timedOut && reply->error() == QNetworkReply::NoError) {
            p->body += reply->read(MaxResponseBytes + 1 - p->body.size());
            if (p->body.size() > MaxResponseBytes || reply->bytesAvailable() > 0)
                p->tooLarge = true;
        }
        FetchResult result;
        {
            result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            using F = FetchResult::Failure;
            const QNetworkReply::NetworkError error = reply->error();
            if (p->tooLarge) {
                result.failure = F::TooLarge;
                result.error = QStringLiteral("response larger than %1 KiB").arg(MaxResponseBytes / 1024);
            } else if (p->timedOut || error == QNetworkReply::OperationCanceledError
                       || error == QNetworkReply::TimeoutError) {
                result.failure = F::Timeout;
                result.error = QStringLiteral("timed out after %1 ms").arg(m_timeoutMs);
            } else if (error == QNetworkReply::InsecureRedirectError) {
                result.failure = F::Redirect;
                result.error = QStringLiteral("redirect to another origin refused");
            } else if (error == QNetworkReply::TooManyRedirectsError) {
                result.failure = F::Redirect;
                result.error = QStringLiteral("too many redirects");
            } else if (result.status != 0 && (result.status < 200 || result.status > 299)) {
                result.failure = F::HttpStatus;
                result.error = QStringLiteral("HTTP %1").arg(result.status);
            } else if (error != QNetworkReply::NoError) {
                result.failure = F::Network;
                result.error = networkErrorText(error);
            } else {
                QJsonParseError parseError;
                const QJsonDocument document = QJsonDocument::fromJson(p->body, &parseError);
                if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
                    result.failure = F::NotJson;
                    result.error = QStringLiteral("response is not a JSON object");
                } else {
                    result.ok = true;
                    result.json = document.object();
                }
            }
        }
        reply->deleteLater();
        QMetaObject::invokeMethod(
            this, [callback = std::move(p->callback), result]() { callback(result); }, Qt::QueuedConnection);
    });
}

} // namespace Gateway
