// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "HttpLimits.h"

#include <QHash>
#include <QHostAddress>
#include <QPointer>
#include <QTcpServer>

#include <memory>

class QAbstractHttpServer;
class QTcpSocket;
class QTimer;

namespace Gateway {

// A QTcpServer handed to QAbstractHttpServer::bind() that sees every byte before QHttpServer 6.4
// does, and enforces what 6.4 does not: header/body caps, strict framing (anti-smuggling), idle and
// slow-request timeouts, a connection cap, and Expect: 100-continue. Rejections are canned answers
// with "Connection: close", written in order behind any answer still owed on that connection.
// See docs in ../../docs or the platform notes (probe 2) for the mechanism.
class ConnectionGuard : public QTcpServer
{
    Q_OBJECT
public:
    explicit ConnectionGuard(const HttpLimits& limits, QObject* parent = nullptr);
    ~ConnectionGuard() override;

    // Listens, then binds itself to the http server (it becomes the server's child) unless it is
    // bound already (listening again after stopListening()).
    bool listenFor(QAbstractHttpServer* httpServer, const QHostAddress& address, quint16 port);
    // Closes the listening socket: no new connection is accepted. Requests already received on open
    // connections are answered (and open event streams kept); idle connections are closed now and
    // the others as soon as they fall idle, so nothing new is answered. listenFor() listens again.
    void stopListening();

    // Applies to open connections too. maxHeaderFields and maxHeaderFieldBytes are capped at Qt 6.4's
    // own hard limits (100 fields, 8 KiB per field line), past which QHttpServer drops every header.
    void setLimits(const HttpLimits& limits);
    const HttpLimits& limits() const { return m_limits; }
    // Open connections handed to QHttpServer (not counting ones being closed or refused by the cap).
    int connectionCount() const;
    // Connections ended to make room at the cap (idle keep-alive or incomplete head), since start.
    quint64 evictionCount() const { return m_evictions; }

    // RAII mark for an answer the application still owes on a socket (a deferred reply or an open
    // SSE stream). While one exists the idle sweep leaves the connection alone and a rejection of a
    // later pipelined request waits. Releasing it (destruction) lets the guard continue.
    // Safe if the socket or the guard is gone by then. Use it in the guard's thread only.
    class PendingAnswer
    {
    public:
        PendingAnswer() = default;
        PendingAnswer(ConnectionGuard* guard, QTcpSocket* socket);
        PendingAnswer(const PendingAnswer&) = delete;
        PendingAnswer& operator=(const PendingAnswer&) = delete;
        PendingAnswer(PendingAnswer&& other) noexcept;
        PendingAnswer& operator=(PendingAnswer&& other) noexcept;
        ~PendingAnswer();
        void release();

    private:
        QPointer<ConnectionGuard> m_guard;
        QPointer<QTcpSocket> m_socket;
    };
    PendingAnswer holdAnswer(QTcpSocket* socket) { return PendingAnswer(this, socket); }

signals:
    // Emitted for every request the guard answers itself (never reaches QHttpServer).
    void requestRejected(const QHostAddress& peer, int status, const QString& reason);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    struct Connection;
    using ConnectionPtr = std::shared_ptr<Connection>;

    ConnectionPtr connectionFor(QTcpSocket* socket) const;
    QAbstractHttpServer* httpServer() const;
    HttpLimits framerLimits() const;
    void onPreRead(QTcpSocket* socket);
    void onPostRead(QTcpSocket* socket);
    void onBytesWritten(QTcpSocket* socket);
    void onDisconnected(QTcpSocket* socket);
    void progress(const ConnectionPtr& conn);
    void maybeSendContinue(const ConnectionPtr& conn);
    void beginReject(const ConnectionPtr& conn, int status, const char* reason, qint64 requestStart);
    void detachFromServer(const ConnectionPtr& conn);
    void discardInput(const ConnectionPtr& conn);
    void answerAndLinger(const ConnectionPtr& conn, int status, const char* reason);
    void shutdownWrite(const ConnectionPtr& conn);
    void closeIdle(const ConnectionPtr& conn);
    bool evictOne();
    void sweep();
    void retain(QTcpSocket* socket);
    void releaseAnswer(QTcpSocket* socket);
    void updateSweepInterval();

    HttpLimits m_limits;
    QPointer<QAbstractHttpServer> m_httpServer;
    QHash<QTcpSocket*, ConnectionPtr> m_connections;
    QTimer* m_sweepTimer = nullptr;
    quint64 m_evictions = 0;
    bool m_bound = false; // bound to m_httpServer (done once: binding again would connect twice)
    bool m_draining = false; // stopListening(): idle connections are closed at once
};

} // namespace Gateway
