// SPDX-License-Identifier: GPL-3.0-or-later
#include "ScriptedBackend.h"

#include <QHostAddress>
#include <QMutex>
#include <QMutexLocker>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

namespace TestSupport {

struct ScriptedBackend::Shared
{
    mutable QMutex mutex;
    Script script;
    QList<RecordedRequest> requests;
    int connections = 0;
    QTcpServer* server = nullptr; // lives in the server thread
};

namespace {

void serveScripted(QTcpSocket* socket, int connection, const std::shared_ptr<ScriptedBackend::Shared>& shared)
{
    auto buffer = std::make_shared<QByteArray>();
    auto served = std::make_shared<int>(0);
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, connection, shared, buffer, served]() {
        buffer->append(socket->readAll());
        for (;;) {
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
            buffer->remove(0, headEnd + 4 + length);
            ScriptedBackend::Script script;
            {
                QMutexLocker lock(&shared->mutex);
                shared->requests.append(request);
                script = shared->script;
            }
            const ScriptedReply reply = script(connection, (*served)++, request);
            auto write = [socket, reply]() {
                if (!reply.bytes.isEmpty())
                    socket->write(reply.bytes);
                if (reply.close) {
                    socket->flush();
                    socket->disconnectFromHost();
                }
            };
            if (reply.delayMs > 0)
                QTimer::singleShot(reply.delayMs, socket, write);
            else
                write();
            if (reply.close)
                return;
        }
    });
}

} // namespace

ScriptedBackend::ScriptedBackend()
    : m_shared(std::make_shared<Shared>())
{
}

ScriptedBackend::~ScriptedBackend()
{
    if (!m_thread)
        return;
    const std::shared_ptr<Shared> shared = m_shared;
    if (shared->server) {
        QMetaObject::invokeMethod(
            shared->server,
            [shared]() {
                qDeleteAll(shared->server->findChildren<QTcpSocket*>());
                delete shared->server;
                shared->server = nullptr;
            },
            Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

QUrl ScriptedBackend::start(Script script)
{
    m_shared->script = std::move(script);
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("scripted-backend"));
    m_thread->start();
    QSemaphore ready;
    auto* starter = new QObject;
    starter->moveToThread(m_thread);
    const std::shared_ptr<Shared> shared = m_shared;
    QMetaObject::invokeMethod(starter, [this, shared, &ready, starter]() {
        auto* server = new QTcpServer;
        QObject::connect(server, &QTcpServer::newConnection, server, [server, shared]() {
            while (QTcpSocket* socket = server->nextPendingConnection()) {
                socket->setParent(server);
                int index = 0;
                {
                    QMutexLocker lock(&shared->mutex);
                    index = shared->connections++;
                }
                serveScripted(socket, index, shared);
            }
        });
        if (server->listen(QHostAddress::LocalHost, 0)) {
            shared->server = server;
            m_url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server->serverPort()));
        } else {
            delete server;
        }
        delete starter;
        ready.release();
    });
    ready.acquire();
    return m_url;
}

QList<RecordedRequest> ScriptedBackend::requests() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->requests;
}

int ScriptedBackend::connectionCount() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->connections;
}

QByteArray ScriptedBackend::answer(int status, const QByteArray& body, const QByteArray& extraHeaders)
{
    return "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Length: " + QByteArray::number(body.size())
        + "\r\n" + extraHeaders + "\r\n" + body;
}

} // namespace TestSupport
