// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QUrl>

#include <memory>

class QThread;

// A deliberately misbehaving HTTP/1.1 backend on 127.0.0.1:0, running in its own thread, for the
// backend fault rows of the security checklist: slow answers, hangs, stalls after the head,
// trickles, huge bodies, 5xx, redirects. Every request it receives is recorded (method, target,
// headers, body) so tests can assert what did or did not arrive. No mocks: a real socket server.
namespace TestSupport {

using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

struct FaultResponse
{
    enum class Kind {
        Answer, // after delayMs: status line, headers, Content-Length, body; then close
        Hang, // read the request, never answer (keeps the socket open)
        StallAfterHead, // after delayMs: head with Content-Length: declaredLength, then `body`, then nothing
        Trickle, // head with Content-Length: declaredLength, then one byte of `body` per trickleIntervalMs
        Close // read the request, close the connection without a byte
    };
    Kind kind = Kind::Answer;
    int delayMs = 0;
    int status = 200;
    QByteArray reason = "OK";
    RawHeaders headers{{"Content-Type", "application/json"}};
    QByteArray body = R"({"source":"fault-backend"})";
    qint64 declaredLength = -1; // StallAfterHead/Trickle: advertised Content-Length
    int trickleIntervalMs = 100;
};

struct RecordedRequest
{
    QByteArray method;
    QByteArray target; // request-target as sent, e.g. "/v1/forecast?city=Lisbon"
    RawHeaders headers;
    QByteArray body;
    QByteArray header(const QByteArray& name) const; // first value, case-insensitive
    bool hasHeader(const QByteArray& name) const;
};

class FaultBackend
{
public:
    FaultBackend();
    ~FaultBackend();
    FaultBackend(const FaultBackend&) = delete;
    FaultBackend& operator=(const FaultBackend&) = delete;

    // Starts the thread and listens on 127.0.0.1:0; returns "http://127.0.0.1:PORT" (empty on failure).
    QUrl start();
    QUrl baseUrl() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }

    // What the next requests get (thread-safe; applies to requests whose head arrives afterwards).
    void setResponse(const FaultResponse& response);
    QList<RecordedRequest> requests() const;
    int requestCount() const;
    // Number of connections the backend has seen closed by the peer while it still owed an answer.
    int abandonedCount() const;

    struct Shared; // state shared with the server thread

private:
    std::shared_ptr<Shared> m_shared;
    QThread* m_thread = nullptr;
    QUrl m_url;
};

// A loopback port on which nothing listens right now (bound, then released).
quint16 unusedLoopbackPort();

} // namespace TestSupport
