// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpLimits.h"
#include "HttpMessage.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

class QHttpServer;
class QHttpServerResponder;
class QTcpSocket;

namespace Gateway {

class ConnectionGuard;

// A server-sent-events stream opened on a connection: chunked transfer encoding framed by hand
// (Qt 6.4 has no chunked API). Owned by whoever keeps the stream; closing or destroying it ends
// the chunked body. Safe after the client left: writes are dropped, closed() fires once.
class SseStream : public QObject
{
    Q_OBJECT
public:
    ~SseStream() override;
    bool isOpen() const;
    // Writes one SSE event ("id:", "event:" optional; data may contain newlines).
    bool sendEvent(const QByteArray& data, const QByteArray& eventId = {}, const QByteArray& eventType = {});
    bool sendComment(const QByteArray& comment);
    bool sendRetry(int milliseconds);
    void close(); // writes the terminating chunk; the connection stays usable (keep-alive)

signals:
    void closed(); // client went away or close() was called

private:
    friend class HttpResponder;
    SseStream(QTcpSocket* socket, std::shared_ptr<QHttpServerResponder> responder, qint64 maxPendingBytes);
    bool writeChunk(const QByteArray& payload);
    void markClosed();

    QPointer<QTcpSocket> m_socket;
    std::shared_ptr<QHttpServerResponder> m_responder;
    std::shared_ptr<void> m_pendingAnswer; // keeps the guard's PendingAnswer alive
    qint64 m_maxPendingBytes;
    bool m_open = true;
};

// Move-only handle to answer one request, now or later. Answering after the client left is a
// no-op (never a crash). Dropping it unanswered sends a 500 so the client never hangs.
class HttpResponder
{
public:
    HttpResponder() = default;
    HttpResponder(HttpResponder&&) noexcept;
    HttpResponder& operator=(HttpResponder&&) noexcept;
    HttpResponder(const HttpResponder&) = delete;
    HttpResponder& operator=(const HttpResponder&) = delete;
    ~HttpResponder();

    bool isValid() const { return static_cast<bool>(m_state); }
    bool isConnected() const;
    // Runs `callback` once if the client disconnects before this request is answered (to cancel
    // work nobody will read). Replaces an earlier callback.
    void onClientGone(std::function<void()> callback);
    // Sends the response; returns the number of body bytes written (0 if the client left).
    qint64 send(const HttpResponse& response);
    // Starts an SSE response (200, text/event-stream, chunked). The stream is parented to the
    // connection's socket and dies with it. Returns nullptr if the client already left.
    SseStream* startEventStream(const HttpHeaders& extraHeaders = {});

private:
    friend class HttpFrontend;
    struct State;
    explicit HttpResponder(std::shared_ptr<State> state);
    std::shared_ptr<State> m_state;
};

// The only code that touches QHttpServer (a Qt 6.4 technical preview). Every request on every
// path and method is funnelled to one handler as a copied HttpRequest, behind the
// ConnectionGuard's limits.
class HttpFrontend : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const HttpRequest&, HttpResponder)>;

    explicit HttpFrontend(const HttpLimits& limits, QObject* parent = nullptr);
    ~HttpFrontend() override;

    void setHandler(Handler handler) { m_handler = std::move(handler); }
    void setLimits(const HttpLimits& limits);
    bool listen(const QHostAddress& address, quint16 port, QString* error = nullptr);
    // Stops accepting connections; requests already received are still answered, nothing new is
    // (idle keep-alive connections are closed). listen() listens again.
    void close();
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;

signals:
    // The guard answered a request itself (limits, framing, cap).
    void requestRejected(const QHostAddress& peer, int status, const QString& reason);

private:
    std::unique_ptr<QHttpServer> m_server;
    ConnectionGuard* m_guard = nullptr; // owned by m_server once bound
    HttpLimits m_limits;
    Handler m_handler;
};

} // namespace Gateway
