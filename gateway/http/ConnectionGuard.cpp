// SPDX-License-Identifier: GPL-3.0-or-later
#include "ConnectionGuard.h"

#include "HttpFramer.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>
#include <QtHttpServer/qthttpserverversion.h>

#if defined(Q_OS_WIN)
#include <winsock2.h>
#else
#include <sys/socket.h>
#include <unistd.h>
#endif

// Everything below rests on QHttpServer 6.4 internals (receiver order of readyRead, read
// transactions, one request per emission, the chunked CRLF over-read), measured on 6.4.2. Qt 6.5
// moved socket handling into an internal stream class and 6.8 into per-protocol handlers, so
// another minor version must be re-probed before this builds against it.
static_assert(QTHTTPSERVER_VERSION >= 0x060400 && QTHTTPSERVER_VERSION < 0x060500,
              "ConnectionGuard was verified on QHttpServer 6.4 only: re-probe the mechanism described "
              "in docs/http-guard.md against this Qt (readyRead receiver order, read transactions, one "
              "request per emission, chunked CRLF over-read), run tst_connectionguard, then widen this check");

// How this works (details and measurements: docs/http-guard.md):
// - Each socket's readyRead has three receivers, in this order: our "pre" slot, QHttpServer's
//   slot (connected inside addPendingConnection()), our "post" slot.
// - QHttpServer reads inside a socket read transaction and keeps a partial request there, so in
//   "pre" bytesAvailable()/peek() start at the first byte it has not consumed. It handles at most
//   one request per emission and re-emits readyRead (queued) when bytes remain. "post" records
//   what it left ("carry"); only bytes beyond the carry are new to the framer.
// - The framer keeps absolute stream offsets, so we know when QHttpServer has handled every request
//   before a rejected one ("serverPos"). Only then is QHttpServer's slot disconnected, its
//   transaction rolled back, the input discarded and the canned answer written (after any answer
//   the application still owes: PendingAnswer tokens).
// - Closing with unread input makes the kernel send RST and the client may lose the answer, so we
//   linger: flush, shutdown(SHUT_WR), discard input (up to 4 MiB, then stop reading so TCP flow
//   control holds the client back), and abort() after 2 s unless the client closed first.

namespace Gateway {

namespace {

constexpr int kLingerMs = 2000; // drain time after a canned answer
constexpr qint64 kMaxDrainBytes = 4 * 1024 * 1024; // input discarded; then we stop reading
constexpr qint64 kStalledReadBuffer = 64 * 1024; // read buffer once we stopped reading
constexpr int kQtMaxHeaderFields = 100; // QHttpHeaderParser (6.4) drops ALL headers beyond
constexpr qint64 kQtMaxHeaderFieldBytes = 8 * 1024; // ... and beyond this for one "name: value" line
const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";

QByteArray cannedAnswer(int status, const char* reason)
{
    const QByteArray body = QByteArray("{\"error\":\"") + reason + "\"}";
    // An overload answer tells the client when to come back (RFC 9110 §10.2.3): connection slots
    // free up within the linger and idle-sweep times, so one second.
    const char* retryAfter = status == 503 || status == 429 ? "Retry-After: 1\r\n" : "";
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + HttpFramer::reasonPhrase(status)
        + "\r\nContent-Type: application/json\r\n" + retryAfter
        + "Connection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

struct ConnectionGuard::Connection
{
    enum class Phase { Open, Rejecting, Closing };

    Connection(QTcpSocket* s, const HttpLimits& limits)
        : socket(s)
        , framer(limits)
    {
    }
    qint64 serverPos() const { return fed - carry; } // stream offset QHttpServer has consumed up to

    QPointer<QTcpSocket> socket;
    HttpFramer framer;
    QHostAddress peer;
    Phase phase = Phase::Open;
    bool handed = false; // given to QHttpServer (false: refused by the connection cap)
    bool detached = false; // QHttpServer's readyRead slot is disconnected
    qint64 fed = 0; // stream bytes seen (fed to the framer, or skipped once it failed)
    qint64 carry = 0; // of those, bytes QHttpServer has not consumed yet
    int pendingAnswers = 0;
    QElapsedTimer lastActivity;
    QElapsedTimer requestTimer;
    qint64 timedRequest = -1; // requestStart() the request timer runs for
    qint64 continueSentFor = -1;
    int rejectStatus = 0;
    const char* rejectReason = "";
    qint64 rejectAt = 0; // stream offset of the rejected request
    QElapsedTimer rejectTimer;
    qint64 drained = 0;
    qint64 overreadAt = -1; // stream offset of a byte QHttpServer may swallow in this pass
    char overreadByte = 0;
    QElapsedTimer closingTimer;
    bool writeShutDown = false;
};

ConnectionGuard::ConnectionGuard(const HttpLimits& limits, QObject* parent)
    : QTcpServer(parent)
    , m_limits(limits)
    , m_sweepTimer(new QTimer(this))
{
    connect(m_sweepTimer, &QTimer::timeout, this, &ConnectionGuard::sweep);
    updateSweepInterval();
    m_sweepTimer->start();
}

ConnectionGuard::~ConnectionGuard()
{
    for (const ConnectionPtr& conn : std::as_const(m_connections)) {
        if (conn->socket)
            QObject::disconnect(conn->socket, nullptr, this, nullptr);
    }
    m_connections.clear();
}

bool ConnectionGuard::listenFor(QAbstractHttpServer* httpServer, const QHostAddress& address, quint16 port)
{
    if (!httpServer)
        return false;
    m_httpServer = httpServer;
    if (!isListening() && !listen(address, port))
        return false;
    m_draining = false;
    if (!m_bound) {
        httpServer->bind(this);
        m_bound = true;
    }
    return true;
}

void ConnectionGuard::stopListening()
{
    close();
    m_draining = true;
    sweep(); // idle connections go now; busy ones when their answer is written
}

void ConnectionGuard::setLimits(const HttpLimits& limits)
{
    m_limits = limits;
    const HttpLimits framing = framerLimits();
    for (const ConnectionPtr& conn : std::as_const(m_connections))
        conn->framer.setLimits(framing);
    updateSweepInterval();
}

int ConnectionGuard::connectionCount() const
{
    int count = 0;
    for (const ConnectionPtr& conn : m_connections) {
        if (conn->handed && conn->phase != Connection::Phase::Closing && conn->socket
            && conn->socket->state() == QAbstractSocket::ConnectedState) {
            ++count;
        }
    }
    return count;
}

ConnectionGuard::ConnectionPtr ConnectionGuard::connectionFor(QTcpSocket* socket) const
{
    return m_connections.value(socket);
}

QAbstractHttpServer* ConnectionGuard::httpServer() const
{
    return m_httpServer ? m_httpServer.data() : qobject_cast<QAbstractHttpServer*>(parent());
}

HttpLimits ConnectionGuard::framerLimits() const
{
    HttpLimits framing = m_limits;
    framing.maxHeaderFields = qBound(1, framing.maxHeaderFields, kQtMaxHeaderFields);
    framing.maxHeaderFieldBytes = qBound<qint64>(1, framing.maxHeaderFieldBytes, kQtMaxHeaderFieldBytes);
    framing.maxRequestLineBytes = qMax<qint64>(16, framing.maxRequestLineBytes);
    framing.maxHeaderBytes = qMax<qint64>(16, framing.maxHeaderBytes);
    framing.maxBodyBytes = qBound<qint64>(0, framing.maxBodyBytes, qint64(1) << 50);
    return framing;
}

void ConnectionGuard::updateSweepInterval()
{
    const int shortest = qMin(m_limits.idleTimeoutMs, m_limits.requestTimeoutMs);
    m_sweepTimer->setInterval(qBound(25, shortest / 4, 500));
}

void ConnectionGuard::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
#if defined(Q_OS_WIN)
        ::closesocket(static_cast<SOCKET>(socketDescriptor));
#else
        ::close(static_cast<int>(socketDescriptor));
#endif
        return;
    }
    int active = connectionCount();
    // At the cap, a connection that holds a slot without using it makes room for the new one.
    if (active >= m_limits.maxConnections && evictOne())
        active = connectionCount();
    const bool overCap = active >= m_limits.maxConnections;
    if (overCap && m_connections.size() - active >= qMax(16, m_limits.maxConnections)) {
        socket->abort(); // a flood: too many refused connections are lingering already
        socket->deleteLater();
        return;
    }

    auto conn = std::make_shared<Connection>(socket, framerLimits());
    conn->peer = socket->peerAddress();
    conn->lastActivity.start();
    m_connections.insert(socket, conn);
    connect(socket, &QObject::destroyed, this, [this, socket] { m_connections.remove(socket); });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { onDisconnected(socket); });
    connect(socket, &QIODevice::bytesWritten, this, [this, socket] { onBytesWritten(socket); });
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onPreRead(socket); });
    if (overCap) {
        answerAndLinger(conn, 503, "too many connections");
        return;
    }
    conn->handed = true;
    // QHttpServer connects its readyRead slot synchronously in here (pendingConnectionAvailable).
    addPendingConnection(socket);
    connect(socket, &QIODevice::readyRead, this, [this, socket] { onPostRead(socket); });
}

void ConnectionGuard::onPreRead(QTcpSocket* socket)
{
    const ConnectionPtr conn = connectionFor(socket);
    if (!conn)
        return;
    conn->lastActivity.restart();
    if (conn->detached || !conn->handed || conn->phase == Connection::Phase::Closing) {
        discardInput(conn);
        return;
    }

    HttpFramer& framer = conn->framer;
    const qint64 available = socket->bytesAvailable();
    const qint64 fresh = available - conn->carry;
    conn->overreadAt = -1;
    if (fresh > 0) {
        if (conn->phase == Connection::Phase::Open) {
            const QByteArray bytes = socket->peek(available);
            // QHttpServer 6.4 reads the final CRLF of a chunked body as two bytes at once: when it
            // has the CR already, it takes the LF and the first byte of the next request.
            if (conn->carry == 0 && framer.awaitsFinalLineFeed() && bytes.size() >= 2) {
                conn->overreadAt = conn->fed + 1;
                conn->overreadByte = bytes.at(1);
            }
            if (bytes.size() > conn->carry)
                framer.feed(bytes.constData() + conn->carry, bytes.size() - conn->carry);
        }
        conn->fed += fresh;
    }
    conn->carry = available;

    if (!framer.inRequest()) {
        conn->timedRequest = -1;
    } else if (conn->timedRequest != framer.requestStart()) {
        conn->timedRequest = framer.requestStart();
        conn->requestTimer.start();
    }
    if (conn->phase == Connection::Phase::Open && framer.hasError())
        beginReject(conn, framer.errorStatus(), framer.errorReason(), framer.requestStart());
    progress(conn);
}

void ConnectionGuard::onPostRead(QTcpSocket* socket)
{
    const ConnectionPtr conn = connectionFor(socket);
    if (!conn || conn->detached || conn->phase == Connection::Phase::Closing)
        return;
    conn->carry = socket->bytesAvailable();
    if (conn->overreadAt >= 0 && !socket->isTransactionStarted() && conn->serverPos() == conn->overreadAt + 1) {
        // It did swallow that byte (and committed): put it back, and make sure it is read again.
        socket->ungetChar(conn->overreadByte);
        conn->carry += 1;
        QMetaObject::invokeMethod(socket, &QIODevice::readyRead, Qt::QueuedConnection);
    }
    conn->overreadAt = -1;
    progress(conn);
}

void ConnectionGuard::onBytesWritten(QTcpSocket* socket)
{
    const ConnectionPtr conn = connectionFor(socket);
    if (!conn)
        return;
    conn->lastActivity.restart();
    if (conn->phase == Connection::Phase::Closing && !conn->writeShutDown && socket->bytesToWrite() == 0)
        shutdownWrite(conn);
}

void ConnectionGuard::onDisconnected(QTcpSocket* socket)
{
    const ConnectionPtr conn = connectionFor(socket);
    if (!conn)
        return;
    conn->phase = Connection::Phase::Closing;
    if (!conn->handed)
        socket->deleteLater(); // QHttpServer deletes the sockets it was given
}

// Moves a connection on after anything changed: a rejection goes ahead once QHttpServer has handled
// every earlier request and no earlier answer is owed; a "100 Continue" likewise.
void ConnectionGuard::progress(const ConnectionPtr& conn)
{
    QTcpSocket* socket = conn->socket;
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    if (conn->phase == Connection::Phase::Rejecting) {
        if (!conn->detached && conn->serverPos() >= conn->rejectAt)
            detachFromServer(conn);
        if (conn->detached && conn->pendingAnswers == 0)
            answerAndLinger(conn, conn->rejectStatus, conn->rejectReason);
    } else if (conn->phase == Connection::Phase::Open) {
        maybeSendContinue(conn);
    }
}

void ConnectionGuard::maybeSendContinue(const ConnectionPtr& conn)
{
    const HttpFramer& framer = conn->framer;
    if (!framer.expectsContinue() || framer.bodyBytesReceived() > 0 || conn->pendingAnswers > 0
        || conn->continueSentFor == framer.requestStart() || conn->serverPos() < framer.requestStart()) {
        return;
    }
    conn->continueSentFor = framer.requestStart();
    conn->socket->write(kContinue, sizeof(kContinue) - 1);
}

void ConnectionGuard::beginReject(const ConnectionPtr& conn, int status, const char* reason, qint64 requestStart)
{
    conn->phase = Connection::Phase::Rejecting;
    conn->rejectStatus = status;
    conn->rejectReason = reason;
    conn->rejectAt = requestStart;
    conn->rejectTimer.start();
}

// Takes the socket away from QHttpServer: it never sees the rejected request (nor anything after).
void ConnectionGuard::detachFromServer(const ConnectionPtr& conn)
{
    QTcpSocket* socket = conn->socket;
    if (!socket || conn->detached)
        return;
    if (QAbstractHttpServer* server = httpServer())
        QObject::disconnect(socket, &QIODevice::readyRead, server, nullptr);
    if (socket->isTransactionStarted())
        socket->rollbackTransaction();
    conn->detached = true;
    conn->carry = 0;
    socket->skip(socket->bytesAvailable()); // what QHttpServer held (within the limits): not drained input
}

void ConnectionGuard::discardInput(const ConnectionPtr& conn)
{
    QTcpSocket* socket = conn->socket;
    if (!socket)
        return;
    if (conn->drained >= kMaxDrainBytes) {
        // Enough discarded: stop reading. TCP flow control now holds the client back (it can still
        // read our answer) until the linger deadline aborts the connection.
        if (socket->readBufferSize() == 0)
            socket->setReadBufferSize(kStalledReadBuffer);
        return;
    }
    const qint64 skipped = socket->skip(socket->bytesAvailable());
    if (skipped > 0)
        conn->drained += skipped;
}

void ConnectionGuard::answerAndLinger(const ConnectionPtr& conn, int status, const char* reason)
{
    QTcpSocket* socket = conn->socket;
    conn->phase = Connection::Phase::Closing;
    conn->closingTimer.start();
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    socket->write(cannedAnswer(status, reason));
    socket->flush();
    if (socket->bytesToWrite() == 0)
        shutdownWrite(conn); // else once written (onBytesWritten)
    emit requestRejected(conn->peer, status, QString::fromLatin1(reason));
}

void ConnectionGuard::shutdownWrite(const ConnectionPtr& conn)
{
    QTcpSocket* socket = conn->socket;
    if (!socket || conn->writeShutDown)
        return;
    conn->writeShutDown = true;
    const qintptr fd = socket->socketDescriptor();
    if (fd == -1)
        return;
#if defined(Q_OS_WIN)
    ::shutdown(static_cast<SOCKET>(fd), SD_SEND);
#else
    ::shutdown(static_cast<int>(fd), SHUT_WR);
#endif
}

void ConnectionGuard::closeIdle(const ConnectionPtr& conn)
{
    detachFromServer(conn);
    conn->phase = Connection::Phase::Closing;
    conn->closingTimer.start();
    conn->writeShutDown = true; // a plain close: nothing is owed, nothing unread
    if (conn->socket)
        conn->socket->disconnectFromHost();
}

// Frees a slot for a new connection by ending the one that has waited longest (at least
// evictAfterMs) without using its slot: a keep-alive connection idle since its last answer (no request started, nothing
// owed, no answer still being written: closed silently, as the idle sweep would), or a connection whose request head is
// still incomplete (a slowloris, answered 503 + Retry-After). Connections with a request in flight, a complete head, an
// owed answer or an open SSE stream are never chosen.
bool ConnectionGuard::evictOne()
{
    ConnectionPtr victim;
    qint64 longest = -1;
    for (const ConnectionPtr& conn : std::as_const(m_connections)) {
        QTcpSocket* socket = conn->socket;
        if (!socket || !conn->handed || conn->phase != Connection::Phase::Open || conn->pendingAnswers > 0
            || socket->state() != QAbstractSocket::ConnectedState || socket->bytesToWrite() > 0) {
            continue;
        }
        const HttpFramer& framer = conn->framer;
        qint64 waited = -1;
        if (!framer.inRequest()) {
            if (conn->carry == 0 && socket->bytesAvailable() == 0)
                waited = conn->lastActivity.elapsed();
        } else if (!framer.headComplete() && conn->requestTimer.isValid()
                   && conn->serverPos() >= framer.requestStart()) { // no earlier request still unread
            waited = conn->requestTimer.elapsed();
        }
        if (waited >= m_limits.evictAfterMs && waited > longest) {
            longest = waited;
            victim = conn;
        }
    }
    if (!victim)
        return false;
    ++m_evictions;
    if (victim->framer.inRequest()) {
        beginReject(victim, 503, "connection evicted: request head incomplete", victim->framer.requestStart());
        progress(victim); // answers at once: nothing earlier is unread and nothing is owed
    } else {
        closeIdle(victim);
    }
    return true;
}

void ConnectionGuard::sweep()
{
    for (auto it = m_connections.begin(); it != m_connections.end();) {
        if (it.value()->socket)
            ++it;
        else
            it = m_connections.erase(it); // e.g. a socket QHttpServer took over (websocket)
    }

    const QList<ConnectionPtr> connections = m_connections.values();
    for (const ConnectionPtr& conn : connections) {
        QTcpSocket* socket = conn->socket;
        if (!socket)
            continue;
        if (socket->state() != QAbstractSocket::ConnectedState || conn->phase == Connection::Phase::Closing) {
            if (conn->closingTimer.isValid() && conn->closingTimer.elapsed() >= kLingerMs
                && socket->state() != QAbstractSocket::UnconnectedState) {
                socket->abort();
            }
            continue;
        }
        if (conn->phase == Connection::Phase::Rejecting) {
            // Safety net: QHttpServer never reached the rejected request (it should within one pass).
            if (!conn->detached && conn->rejectTimer.elapsed() >= kLingerMs) {
                detachFromServer(conn);
                progress(conn);
            }
            continue;
        }
        if (conn->pendingAnswers > 0)
            continue; // a deferred answer or stream is still owed: not idle
        const HttpFramer& framer = conn->framer;
        if (framer.inRequest()) {
            if (conn->requestTimer.elapsed() >= m_limits.requestTimeoutMs
                || conn->lastActivity.elapsed() >= m_limits.idleTimeoutMs) {
                beginReject(conn, 408, "request timeout", framer.requestStart());
                progress(conn);
            }
        } else if (m_draining || conn->lastActivity.elapsed() >= m_limits.idleTimeoutMs) {
            closeIdle(conn);
        }
    }
}

void ConnectionGuard::retain(QTcpSocket* socket)
{
    if (const ConnectionPtr conn = connectionFor(socket))
        ++conn->pendingAnswers;
}

void ConnectionGuard::releaseAnswer(QTcpSocket* socket)
{
    const ConnectionPtr conn = connectionFor(socket);
    if (!conn || conn->pendingAnswers == 0)
        return;
    conn->lastActivity.restart();
    if (--conn->pendingAnswers > 0)
        return;
    // Queued: the token may be released inside a QHttpServer handler, mid-emission.
    QPointer<QTcpSocket> guarded(socket);
    QMetaObject::invokeMethod(
        this,
        [this, guarded] {
            if (guarded) {
                if (const ConnectionPtr c = connectionFor(guarded))
                    progress(c);
            }
        },
        Qt::QueuedConnection);
}

// --- PendingAnswer ------------------------------------------------------------------------------

ConnectionGuard::PendingAnswer::PendingAnswer(ConnectionGuard* guard, QTcpSocket* socket)
{
    if (guard && socket) {
        m_guard = guard;
        m_socket = socket;
        guard->retain(socket);
    }
}

ConnectionGuard::PendingAnswer::PendingAnswer(PendingAnswer&& other) noexcept
    : m_guard(std::move(other.m_guard))
    , m_socket(std::move(other.m_socket))
{
    other.m_guard.clear();
    other.m_socket.clear();
}

ConnectionGuard::PendingAnswer& ConnectionGuard::PendingAnswer::operator=(PendingAnswer&& other) noexcept
{
    if (this != &other) {
        release();
        m_guard = std::move(other.m_guard);
        m_socket = std::move(other.m_socket);
        other.m_guard.clear();
        other.m_socket.clear();
    }
    return *this;
}

ConnectionGuard::PendingAnswer::~PendingAnswer()
{
    release();
}

void ConnectionGuard::PendingAnswer::release()
{
    if (m_guard && m_socket)
        m_guard->releaseAnswer(m_socket);
    m_guard.clear();
    m_socket.clear();
}

} // namespace Gateway
