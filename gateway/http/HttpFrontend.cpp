// SPDX-License-Identifier: GPL-3.0-or-later
#include "HttpFrontend.h"

#include "ConnectionGuard.h"

#include <QHttpServer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QTcpSocket>

namespace Gateway {

namespace {

QByteArray methodName(QHttpServerRequest::Method method)
{
    using M = QHttpServerRequest::Method;
    switch (method) {
    case M::Get: return "GET";
    case M::Put: return "PUT";
    case M::Delete: return "DELETE";
    case M::Post: return "POST";
    case M::Head: return "HEAD";
    case M::Options: return "OPTIONS";
    case M::Patch: return "PATCH";
    case M::Connect: return "CONNECT";
    case M::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

bool isConnected(const QPointer<QTcpSocket>& socket)
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
}

// QAbstractSocket's destructor emits "disconnected" when the QTcpSocket part is already gone, so
// code reached from that signal must not see the socket as a QTcpSocket (the downcast would be
// undefined behaviour); it sees a QAbstractSocket that is no longer connected.
bool isConnected(const QPointer<QAbstractSocket>& socket)
{
    return socket && socket->state() == QAbstractSocket::ConnectedState;
}

QByteArray chunk(const QByteArray& payload)
{
    QByteArray out = QByteArray::number(payload.size(), 16);
    out.reserve(payload.size() + 16);
    out.append("\r\n");
    out.append(payload);
    out.append("\r\n");
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// HttpResponder

struct HttpResponder::State
{
    std::shared_ptr<QHttpServerResponder> responder;
    QPointer<QAbstractSocket> socket; // a QTcpSocket; see isConnected() for why the base type
    QPointer<ConnectionGuard> guard;
    std::shared_ptr<ConnectionGuard::PendingAnswer> pending;
    qint64 maxPendingWriteBytes = 0;
    bool answered = false;
    bool headRequest = false;
    QMetaObject::Connection goneConnection;

    void forgetClientGone()
    {
        if (goneConnection)
            QObject::disconnect(goneConnection);
    }

    ~State()
    {
        forgetClientGone();
        if (!answered && Gateway::isConnected(socket)) {
            // A handler dropped the responder: never leave the client hanging.
            responder->writeStatusLine(QHttpServerResponder::StatusCode::InternalServerError);
            responder->writeHeader("Content-Type", "application/json");
            const QByteArray body = R"({"error":"no answer produced"})";
            responder->writeHeader("Content-Length", QByteArray::number(body.size()));
            responder->writeBody(body);
        }
    }
};

HttpResponder::HttpResponder(std::shared_ptr<State> state)
    : m_state(std::move(state))
{
}

HttpResponder::HttpResponder(HttpResponder&&) noexcept = default;
HttpResponder& HttpResponder::operator=(HttpResponder&&) noexcept = default;
HttpResponder::~HttpResponder() = default;

bool HttpResponder::isConnected() const
{
    return m_state && Gateway::isConnected(m_state->socket);
}

void HttpResponder::onClientGone(std::function<void()> callback)
{
    if (!m_state || m_state->answered || !Gateway::isConnected(m_state->socket))
        return;
    m_state->forgetClientGone();
    m_state->goneConnection = QObject::connect(
        m_state->socket, &QAbstractSocket::disconnected, m_state->socket,
        [callback = std::move(callback)]() { callback(); }, Qt::SingleShotConnection);
}

qint64 HttpResponder::send(const HttpResponse& response)
{
    if (!m_state || m_state->answered)
        return 0;
    m_state->answered = true;
    m_state->forgetClientGone();
    auto pending = std::move(m_state->pending); // released when this function returns
    if (!Gateway::isConnected(m_state->socket))
        return 0;
    QHttpServerResponder& r = *m_state->responder;
    r.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(response.status));
    bool hasLength = false;
    for (const auto& h : response.headers) {
        if (h.first.compare("Content-Length", Qt::CaseInsensitive) == 0)
            hasLength = true;
        r.writeHeader(h.first, h.second);
    }
    if (!hasLength)
        r.writeHeader("Content-Length", QByteArray::number(response.body.size()));
    if (m_state->headRequest) {
        r.writeBody(QByteArray());
        return 0;
    }
    r.writeBody(response.body);
    return response.body.size();
}

SseStream* HttpResponder::startEventStream(const HttpHeaders& extraHeaders)
{
    if (!m_state || m_state->answered)
        return nullptr;
    m_state->answered = true;
    m_state->forgetClientGone();
    if (!Gateway::isConnected(m_state->socket))
        return nullptr;
    QHttpServerResponder& r = *m_state->responder;
    r.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    r.writeHeader("Content-Type", "text/event-stream");
    r.writeHeader("Cache-Control", "no-cache, no-transform");
    r.writeHeader("X-Accel-Buffering", "no");
    r.writeHeader("Transfer-Encoding", "chunked");
    for (const auto& h : extraHeaders)
        r.writeHeader(h.first, h.second);
    r.writeBody(QByteArray()); // ends the head
    auto* socket = qobject_cast<QTcpSocket*>(m_state->socket.data());
    auto* stream = new SseStream(socket, m_state->responder, m_state->maxPendingWriteBytes);
    if (m_state->guard)
        stream->m_pendingAnswer = std::make_shared<ConnectionGuard::PendingAnswer>(m_state->guard->holdAnswer(socket));
    m_state->pending.reset();
    return stream;
}

// ---------------------------------------------------------------------------------------------
// SseStream

SseStream::SseStream(QTcpSocket* socket, std::shared_ptr<QHttpServerResponder> responder, qint64 maxPendingBytes)
    : QObject(socket)
    , m_socket(socket)
    , m_responder(std::move(responder))
    , m_maxPendingBytes(maxPendingBytes)
{
    connect(socket, &QTcpSocket::disconnected, this, &SseStream::markClosed);
}

SseStream::~SseStream()
{
    if (m_open && Gateway::isConnected(m_socket))
        m_socket->write("0\r\n\r\n");
}

bool SseStream::isOpen() const
{
    return m_open && Gateway::isConnected(m_socket);
}

bool SseStream::writeChunk(const QByteArray& payload)
{
    if (!isOpen())
        return false;
    if (m_maxPendingBytes > 0 && m_socket->bytesToWrite() > m_maxPendingBytes) {
        // A reader this slow would make us buffer without bound: drop it.
        m_socket->abort();
        markClosed();
        return false;
    }
    m_socket->write(chunk(payload));
    return true;
}

bool SseStream::sendEvent(const QByteArray& data, const QByteArray& eventId, const QByteArray& eventType)
{
    QByteArray payload;
    if (!eventId.isNull())
        payload += "id: " + eventId + '\n';
    if (!eventType.isEmpty())
        payload += "event: " + eventType + '\n';
    const QList<QByteArray> lines = data.split('\n');
    for (const QByteArray& line : lines)
        payload += "data: " + line + '\n';
    payload += '\n';
    return writeChunk(payload);
}

bool SseStream::sendComment(const QByteArray& comment)
{
    return writeChunk(": " + comment + "\n\n");
}

bool SseStream::sendRetry(int milliseconds)
{
    return writeChunk("retry: " + QByteArray::number(milliseconds) + "\n\n");
}

void SseStream::close()
{
    if (isOpen())
        m_socket->write("0\r\n\r\n");
    markClosed();
}

void SseStream::markClosed()
{
    if (!m_open)
        return;
    m_open = false;
    m_pendingAnswer.reset();
    emit closed();
    deleteLater();
}

// ---------------------------------------------------------------------------------------------
// HttpFrontend

HttpFrontend::HttpFrontend(const HttpLimits& limits, QObject* parent)
    : QObject(parent)
    , m_server(std::make_unique<QHttpServer>())
    , m_limits(limits)
{
    m_server->setMissingHandler([this](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
        // Copy everything now: QHttpServer reuses its request object per connection.
        HttpRequest copy;
        copy.method = methodName(request.method());
        const QUrl url = request.url();
        copy.path = url.path(QUrl::FullyDecoded);
        copy.rawQuery = url.query(QUrl::FullyEncoded).toUtf8();
        copy.headers = request.headers();
        copy.body = request.body();
        copy.peerAddress = request.remoteAddress();
        copy.localPort = url.port(0) > 0 ? quint16(url.port()) : serverPort();

        auto state = std::make_shared<HttpResponder::State>();
        state->socket = responder.socket();
        state->responder = std::make_shared<QHttpServerResponder>(std::move(responder));
        state->guard = m_guard;
        state->maxPendingWriteBytes = m_limits.maxPendingWriteBytes;
        state->headRequest = copy.method == "HEAD";
        if (!m_handler) {
            HttpResponse notReady = HttpResponse::json(503, R"({"error":"not ready"})");
            notReady.setHeader("Retry-After", "1");
            HttpResponder(state).send(notReady);
            return;
        }
        m_handler(copy, HttpResponder(state));
        // Still owed after the handler returned: a deferred answer. Tell the guard.
        if (!state->answered && m_guard && isConnected(state->socket)) {
            state->pending = std::make_shared<ConnectionGuard::PendingAnswer>(
                m_guard->holdAnswer(qobject_cast<QTcpSocket*>(state->socket.data())));
        }
    });
}

HttpFrontend::~HttpFrontend() = default;

void HttpFrontend::setLimits(const HttpLimits& limits)
{
    m_limits = limits;
    if (m_guard)
        m_guard->setLimits(limits);
}

bool HttpFrontend::listen(const QHostAddress& address, quint16 port, QString* error)
{
    if (!m_guard) {
        m_guard = new ConnectionGuard(m_limits);
        connect(m_guard, &ConnectionGuard::requestRejected, this, &HttpFrontend::requestRejected);
    }
    if (!m_guard->listenFor(m_server.get(), address, port)) {
        if (error)
            *error = m_guard->errorString();
        return false;
    }
    return true;
}

void HttpFrontend::close()
{
    if (m_guard)
        m_guard->stopListening();
}

bool HttpFrontend::isListening() const
{
    return m_guard && m_guard->isListening();
}

QHostAddress HttpFrontend::serverAddress() const
{
    return m_guard ? m_guard->serverAddress() : QHostAddress();
}

quint16 HttpFrontend::serverPort() const
{
    return m_guard ? m_guard->serverPort() : 0;
}

} // namespace Gateway
