// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackendClient.h"

#include "BackendConnection.h"
#include "net/OutboundPolicy.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QTimerEvent>

namespace Gateway {

namespace {

constexpr int kIdleCloseMs = 4000; // below common server keep-alive timeouts (5 s)
constexpr int kSweepMs = 1000;

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

QUrl originOf(const QUrl& url)
{
    QUrl origin;
    origin.setScheme(url.scheme());
    origin.setHost(url.host());
    origin.setPort(url.port(url.scheme() == QLatin1String("https") ? 443 : 80));
    return origin;
}

} // namespace

struct BackendClient::Pending
{
    quint64 id = 0;
    EncodedCall call;
    BackendOptions options;
    Callback callback;
    QElapsedTimer timer;
    QElapsedTimer queuedSince; // valid while waiting for a connection
    qint64 queuedMicros = 0;
    QByteArray originKey;
    BackendConnection* connection = nullptr;
    int redirects = 0;
    bool retried = false;
    bool forceNewConnection = false;
};

BackendClient::BackendClient(QObject* parent)
    : QObject(parent)
    , m_policy(std::make_shared<const Net::OutboundPolicy>())
{
    m_sweepTimer = startTimer(kSweepMs);
}

BackendClient::~BackendClient()
{
    // Callbacks of calls still in flight are dropped with the client.
    for (auto& list : m_idle)
        qDeleteAll(list);
}

void BackendClient::setOutboundPolicy(std::shared_ptr<const Net::OutboundPolicy> policy)
{
    if (!policy)
        return;
    m_policy = std::move(policy);
    m_proxies.clear();
}

int BackendClient::idleConnectionCount() const
{
    int n = 0;
    for (const auto& list : m_idle)
        n += list.size();
    return n;
}

quint64 BackendClient::send(const EncodedCall& call, const BackendOptions& options, Callback callback)
{
    auto pending = std::make_shared<Pending>();
    pending->id = m_nextId++;
    pending->call = call;
    bool hasAccept = false;
    for (const auto& h : std::as_const(pending->call.headers))
        hasAccept = hasAccept || h.first.compare("Accept", Qt::CaseInsensitive) == 0;
    if (!hasAccept)
        pending->call.headers.append({QByteArray("Accept"), QByteArray("application/json, */*;q=0.5")});
    pending->call.headers.append({QByteArray("User-Agent"), QByteArray("Portcullis/" PORTCULLIS_VERSION)});
    pending->options = options;
    if (pending->options.deadline.isForever())
        pending->options.deadline = QDeadlineTimer(options.timeoutMs);
    pending->callback = std::move(callback);
    pending->timer.start();
    m_inFlight.insert(pending->id, pending);
    dispatch(pending);
    return pending->id;
}

void BackendClient::dispatch(const std::shared_ptr<Pending>& pending)
{
    if (pending->queuedSince.isValid()) {
        pending->queuedMicros += pending->queuedSince.nsecsElapsed() / 1000;
        pending->queuedSince.invalidate();
    }
    const QUrl& url = pending->call.url;
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty()) {
        BackendResult result;
        result.outcome = BackendResult::Outcome::ProtocolError;
        result.errorClass = QStringLiteral("UnsupportedUrl");
        QTimer::singleShot(0, this, [this, pending, result]() { complete(pending, result); });
        return;
    }
    const QUrl origin = originOf(url);
    const QByteArray originText = origin.toString().toLatin1();
    // The proxy decision per origin, remembered here: the policy's own lookup costs more than the
    // rest of dispatch.
    auto known = m_proxies.constFind(originText);
    if (known == m_proxies.constEnd()) {
        if (m_proxies.size() >= 1024)
            m_proxies.clear();
        known = m_proxies.insert(originText, m_policy->proxyFor(url));
    }
    const QNetworkProxy proxy = *known;
    pending->originKey = originText + '|' + pending->options.tlsProfile;
    if (proxy.type() != QNetworkProxy::NoProxy) // connections through a proxy are pooled apart
        pending->originKey += "|proxy:" + QByteArray::number(int(proxy.type())) + ':' + proxy.hostName().toUtf8() + ':'
            + QByteArray::number(proxy.port()) + ':' + proxy.user().toUtf8();
    BackendConnection* connection = nullptr;
    QList<BackendConnection*>& idle = m_idle[pending->originKey];
    while (!idle.isEmpty() && !connection) {
        BackendConnection* candidate = idle.takeLast();
        if (candidate->isOpen() && !pending->forceNewConnection)
            connection = candidate;
        else
            candidate->deleteLater();
    }
    int& busy = m_busyCount[pending->originKey];
    if (!connection) {
        if (busy >= m_maxPerOrigin) {
            m_queue[pending->originKey].append(pending);
            pending->queuedSince.start();
            // A call still waiting for a connection at its deadline ends then, not at the next sweep.
            const std::weak_ptr<Pending> waiting = pending;
            QTimer::singleShot(qMax<qint64>(0, pending->options.deadline.remainingTime()) + 1, this, [this, waiting] {
                if (const auto queued = waiting.lock())
                    expireQueued(queued);
            });
            return;
        }
        connection = new BackendConnection(pending->originKey, origin, pending->options, proxy, this);
    }
    ++busy;
    pending->connection = connection;
    pending->forceNewConnection = false;
    const std::weak_ptr<Pending> weak = pending;
    connection->start(pending->call.method, url, pending->call.headers, pending->call.body, pending->options,
                      [this, weak, connection](BackendResult result, bool reusable, bool retryable) {
                          const auto pending = weak.lock();
                          --m_busyCount[connection->originKey()];
                          connectionFinished(connection, reusable);
                          if (!pending)
                              return;
                          pending->connection = nullptr;
                          if (retryable && !pending->retried && isIdempotent(pending->call.method)
                              && !pending->options.deadline.hasExpired()) {
                              pending->retried = true;
                              pending->forceNewConnection = true;
                              dispatch(pending);
                          } else if (result.outcome == BackendResult::Outcome::Answered && isRedirect(result.status)) {
                              followRedirect(pending, result);
                          } else {
                              complete(pending, std::move(result));
                          }
                      });
}

void BackendClient::connectionFinished(BackendConnection* connection, bool reusable)
{
    const QByteArray key = connection->originKey();
    auto queue = m_queue.find(key);
    if (reusable)
        m_idle[key].append(connection);
    else
        connection->deleteLater();
    if (queue == m_queue.end())
        return;
    // Calls that waited past their deadline are answered at once and never sent: the caller has
    // given up on them, and sending them would only delay the calls behind.
    while (!queue->isEmpty() && queue->first()->options.deadline.hasExpired()) {
        const std::shared_ptr<Pending> late = queue->takeFirst();
        QTimer::singleShot(0, this, [this, late]() { expireQueued(late, true); });
    }
    if (!queue->isEmpty()) {
        const std::shared_ptr<Pending> next = queue->takeFirst();
        QTimer::singleShot(0, this, [this, next]() {
            if (!m_inFlight.contains(next->id))
                return;
            if (next->options.deadline.hasExpired())
                expireQueued(next, true);
            else
                dispatch(next);
        });
    }
}

void BackendClient::expireQueued(const std::shared_ptr<Pending>& pending, bool dequeued)
{
    if (!m_inFlight.contains(pending->id) || pending->connection)
        return;
    if (!dequeued) {
        auto queue = m_queue.find(pending->originKey);
        if (queue == m_queue.end() || !queue->removeOne(pending))
            return; // no longer waiting (dispatched meanwhile)
        if (!pending->options.deadline.hasExpired())
            return; // defensive: only a deadline ends a queued call
    }
    ++m_queueTimeouts;
    BackendResult result;
    result.outcome = BackendResult::Outcome::TimedOut;
    result.errorClass = QStringLiteral("QueueTimeout");
    complete(pending, result);
}

void BackendClient::followRedirect(const std::shared_ptr<Pending>& pending, const BackendResult& result)
{
    QByteArray location;
    for (const auto& h : result.headers) {
        if (h.first.compare("Location", Qt::CaseInsensitive) == 0)
            location = h.second;
    }
    const QUrl target = pending->call.url.resolved(QUrl::fromEncoded(location, QUrl::StrictMode));
    // Only same-origin redirects are followed: a credentialed request never goes elsewhere.
    if (location.isEmpty() || !target.isValid()
        || !Net::OutboundPolicy::redirectAllowed(pending->call.url, target, true)
        || pending->redirects >= pending->options.maxRedirects) {
        complete(pending, result);
        return;
    }
    ++pending->redirects;
    const QByteArray& method = pending->call.method;
    if (result.status == 303
        || ((result.status == 301 || result.status == 302) && method != "GET" && method != "HEAD")) {
        pending->call.method = "GET";
        pending->call.body.clear();
        pending->call.headers.removeIf([](const QPair<QByteArray, QByteArray>& h) {
            return h.first.compare("Content-Type", Qt::CaseInsensitive) == 0;
        });
    }
    pending->call.url = target;
    dispatch(pending);
}

void BackendClient::complete(const std::shared_ptr<Pending>& pending, BackendResult result)
{
    if (!m_inFlight.remove(pending->id))
        return;
    result.elapsedMicros = pending->timer.nsecsElapsed() / 1000;
    result.queuedMicros
        = pending->queuedMicros + (pending->queuedSince.isValid() ? pending->queuedSince.nsecsElapsed() / 1000 : 0);
    const Callback callback = std::move(pending->callback);
    callback(result);
}

bool BackendClient::isIdempotent(const QByteArray& method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE" || method == "PUT"
        || method == "DELETE";
}

void BackendClient::abort(quint64 id)
{
    const auto pending = m_inFlight.value(id);
    if (!pending)
        return;
    if (pending->connection) {
        pending->connection->cancel();
        --m_busyCount[pending->originKey];
        connectionFinished(pending->connection, false);
        pending->connection = nullptr;
    } else {
        m_queue[pending->originKey].removeAll(pending);
    }
    BackendResult result;
    result.outcome = BackendResult::Outcome::Aborted;
    result.errorClass = QStringLiteral("Aborted");
    complete(pending, result);
}

void BackendClient::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_sweepTimer)
        return QObject::timerEvent(event);
    for (auto it = m_idle.begin(); it != m_idle.end(); ++it) {
        it->removeIf([](BackendConnection* c) {
            if (c->isOpen() && c->idleMs() < kIdleCloseMs)
                return false;
            c->deleteLater();
            return true;
        });
    }
    // Calls waiting for a free connection also obey their timeout.
    for (auto it = m_queue.begin(); it != m_queue.end(); ++it) {
        const QList<std::shared_ptr<Pending>> waiting = *it;
        for (const auto& pending : waiting) {
            if (!pending->options.deadline.hasExpired())
                continue;
            it->removeAll(pending);
            expireQueued(pending, true);
        }
    }
}

} // namespace Gateway
