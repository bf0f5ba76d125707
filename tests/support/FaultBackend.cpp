// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaultBackend.h"

#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QPointer>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace TestSupport {

QByteArray RecordedRequest::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

bool RecordedRequest::hasHeader(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

struct FaultBackend::Shared
{
    mutable QMutex mutex;
    FaultResponse response;
    QList<RecordedRequest> requests;
    int abandoned = 0;
    QTcpServer* server = nullptr; // lives in the backend thread
};

namespace {

QByteArray head(const FaultResponse& r, qint64 contentLength)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(r.status) + ' ' + r.reason + "\r\n";
    for (const auto& h : r.headers)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    out += "Connection: close\r\n\r\n";
    return out;
}

// One accepted connection: reads one request, records it, then misbehaves as configured.
void serve(QTcpSocket* socket, const std::shared_ptr<FaultBackend::Shared>& shared)
{
    auto buffer = std::make_shared<QByteArray>();
    auto handled = std::make_shared<bool>(false);
    auto owed = std::make_shared<bool>(false);
    QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, shared, owed]() {
        if (*owed) {
            *owed = false;
            QMutexLocker lock(&shared->mutex);
            ++shared->abandoned;
        }
        socket->deleteLater();
    });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, shared, buffer, handled, owed]() {
        buffer->append(socket->readAll());
        if (*handled)
            return; // one request per connection; ignore anything else
        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        RecordedRequest request;
        const QList<QByteArray> lines = buffer->left(headEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            const qsizetype colon = line.indexOf(':');
            if (colon > 0)
                request.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
        }
        const qint64 length = request.header("Content-Length").toLongLong();
        if (buffer->size() < headEnd + 4 + length)
            return;
        request.body = buffer->mid(headEnd + 4, length);
        *handled = true;
        *owed = true;
        FaultResponse response;
        {
            QMutexLocker lock(&shared->mutex);
            shared->requests.append(request);
            response = shared->response;
        }
        const QPointer<QTcpSocket> guarded(socket);
        switch (response.kind) {
        case FaultResponse::Kind::Hang: return;
        case FaultResponse::Kind::Close:
            *owed = false;
            socket->disconnectFromHost();
            return;
        case FaultResponse::Kind::Answer:
            QTimer::singleShot(response.delayMs, socket, [guarded, response, owed]() {
                if (!guarded)
                    return;
                *owed = false;
                guarded->write(head(response, response.body.size()) + response.body);
                guarded->disconnectFromHost();
            });
            return;
        case FaultResponse::Kind::StallAfterHead:
            QTimer::singleShot(response.delayMs, socket, [guarded, response]() {
                if (guarded)
                    guarded->write(head(response, response.declaredLength) + response.body);
            });
            return;
        case FaultResponse::Kind::Trickle: {
            socket->write(head(response, response.declaredLength));
            auto* timer = new QTimer(socket);
            auto next = std::make_shared<qsizetype>(0);
            QObject::connect(timer, &QTimer::timeout, socket, [guarded, timer, next, response]() {
                if (!guarded || *next >= response.body.size()) {
                    timer->stop();
                    return;
                }
                guarded->write(response.body.mid((*next)++, 1));
            });
            timer->start(response.trickleIntervalMs);
            return;
        }
        }
    });
}

} // namespace

FaultBackend::FaultBackend()
    : m_shared(std::make_shared<Shared>())
{
}

FaultBackend::~FaultBackend()
{
    if (!m_thread)
        return;
    if (m_shared->server) {
        QTcpServer* server = m_shared->server;
        QMetaObject::invokeMethod(
            server, [server]() { delete server; }, Qt::BlockingQueuedConnection);
        m_shared->server = nullptr;
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

QUrl FaultBackend::start()
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("fault-backend"));
    m_thread->start();
    QSemaphore ready;
    auto* starter = new QObject;
    starter->moveToThread(m_thread);
    const std::shared_ptr<Shared> shared = m_shared;
    QMetaObject::invokeMethod(starter, [this, shared, &ready, starter]() {
        auto* server = new QTcpServer;
        QObject::connect(server, &QTcpServer::newConnection, server, [server, shared]() {
            while (QTcpSocket* socket = server->nextPendingConnection())
                serve(socket, shared);
        });
        if (server->listen(QHostAddress::LocalHost, 0)) {
            shared->server = server;
            m_url.setScheme(QStringLiteral("http"));
            m_url.setHost(QStringLiteral("127.0.0.1"));
            m_url.setPort(server->serverPort());
        } else {
            delete server;
        }
        delete starter;
        ready.release();
    });
    ready.acquire();
    return m_url;
}

void FaultBackend::setResponse(const FaultResponse& response)
{
    QMutexLocker lock(&m_shared->mutex);
    m_shared->response = response;
}

QList<RecordedRequest> FaultBackend::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->requests;
}

int FaultBackend::requestCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return int(m_shared->requests.size());
}

int FaultBackend::abandonedCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->abandoned;
}

quint16 unusedLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace TestSupport
