// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "http/HttpMessage.h"
#include "openapi/ToolCallEncoder.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QNetworkProxy>
#include <QObject>
#include <QSslConfiguration>
#include <QString>

#include <functional>
#include <memory>

namespace Gateway {

namespace Net {
class OutboundPolicy;
}

struct BackendOptions
{
    int timeoutMs = 30000;
    // When the whole call must have ended, across redirects and a connection retry. Forever (the
    // default): send() sets it to timeoutMs from now. The pipeline sets it once per tool call.
    QDeadlineTimer deadline{QDeadlineTimer::Forever};
    qint64 maxResponseBytes = 10 * 1024 * 1024;
    int maxRedirects = 5;
    // TLS settings for https backends (CA pinning, client certificate for mTLS). Peer
    // verification always stays on.
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    QByteArray tlsProfile; // identifies `tls` for connection reuse ("" = default)
};

struct BackendResult
{
    enum class Outcome { Answered, Unreachable, TimedOut, TooLarge, TlsError, ProtocolError, Aborted };
    Outcome outcome = Outcome::Answered;
    int status = 0; // HTTP status when Answered
    QByteArray reason; // HTTP reason phrase
    QByteArray contentType;
    HttpHeaders headers; // response header fields as received
    QByteArray body;
    QString errorClass; // e.g. "ConnectionRefused", "HostNotFound", "Timeout", "SslHandshakeFailed"
    qint64 elapsedMicros = 0; // send() -> answer, including queuedMicros
    qint64 queuedMicros = 0; // waiting for a free connection to the origin (per-origin cap)
};

class BackendConnection;

// Sends encoded tool calls to backends over HTTP/1.1 (QTcpSocket / QSslSocket), keeping a pool of
// keep-alive connections per origin so a call costs one write and one read. Measured with
// callgrind, QNetworkAccessManager spends ~400k instructions per request (reply setup with
// string-based connects plus its HTTP thread); this client does the same job for a fraction of
// that (see README, Performance). One deadline per call (redirects and a retry do not restart it);
// response size cap enforced while reading; only same-origin redirects are followed; TLS errors
// are never ignored. A request that met a reused keep-alive connection closed before any reply is
// sent again once on a fresh connection only when its method is idempotent (RFC 9110 §9.2.2):
// a POST or PATCH may already have taken effect, so it is never resent.
// Proxies come from the outbound policy (Net::OutboundPolicy: HTTPS_PROXY, HTTP_PROXY, NO_PROXY,
// system settings; loopback never proxied): an http backend is asked through the proxy in
// absolute form, an https backend through a CONNECT tunnel (TLS with the backend itself, peer
// verified against the backend's name). Proxy credentials from the proxy URL's userinfo go to the
// proxy only (Proxy-Authorization), never to the backend, never into a log or error text.
class BackendClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const BackendResult&)>;

    explicit BackendClient(QObject* parent = nullptr);
    ~BackendClient() override;

    // Returns an id for abort(); the callback runs exactly once, never synchronously.
    quint64 send(const EncodedCall& call, const BackendOptions& options, Callback callback);
    void abort(quint64 id);

    // GET, HEAD, OPTIONS, TRACE, PUT and DELETE (RFC 9110 §9.2.2).
    static bool isIdempotent(const QByteArray& method);

    // The policy read from the environment when the client was made, unless replaced here.
    void setOutboundPolicy(std::shared_ptr<const Net::OutboundPolicy> policy);
    const std::shared_ptr<const Net::OutboundPolicy>& outboundPolicy() const { return m_policy; }

    int idleConnectionCount() const;
    int maxConnectionsPerOrigin() const { return m_maxPerOrigin; }
    void setMaxConnectionsPerOrigin(int n) { m_maxPerOrigin = qMax(1, n); }
    // Calls that reached their deadline while waiting for a connection (never sent; outcome
    // TimedOut, errorClass "QueueTimeout").
    quint64 queueTimeoutCount() const { return m_queueTimeouts; }

private:
    struct Pending;
    friend class BackendConnection;
    void dispatch(const std::shared_ptr<Pending>& pending);
    void connectionFinished(BackendConnection* connection, bool reusable);
    void complete(const std::shared_ptr<Pending>& pending, BackendResult result);
    void expireQueued(const std::shared_ptr<Pending>& pending, bool dequeued = false);
    void followRedirect(const std::shared_ptr<Pending>& pending, const BackendResult& result);
    void timerEvent(QTimerEvent* event) override;

    int m_maxPerOrigin = 64;
    quint64 m_queueTimeouts = 0;
    quint64 m_nextId = 1;
    QHash<QByteArray, QList<BackendConnection*>> m_idle; // origin key -> idle connections
    QHash<QByteArray, int> m_busyCount; // origin key -> connections in use
    QHash<QByteArray, QList<std::shared_ptr<Pending>>> m_queue; // origin key -> waiting calls
    QHash<quint64, std::shared_ptr<Pending>> m_inFlight;
    int m_sweepTimer = 0;
    std::shared_ptr<const Net::OutboundPolicy> m_policy;
    QHash<QByteArray, QNetworkProxy> m_proxies; // origin -> proxy decision of m_policy
};

} // namespace Gateway
