// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestProxy.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace TestSupport {

namespace {

struct ProxyConnection
{
    QPointer<QAbstractSocket> client; // QAbstractSocket: also read while a QTcpSocket is being destroyed
    QPointer<QAbstractSocket> upstream;
    quint16 upstreamPort = 0;
    QByteArray buffer;
    bool tunnel = false;
};

QByteArray headerValue(const QList<QByteArray>& lines, const QByteArray& name)
{
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

} // namespace

TestProxy::TestProxy(QObject* parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this]() {
        while (QTcpSocket* socket = m_server.nextPendingConnection())
            serve(socket);
    });
}

TestProxy::~TestProxy() = default;

bool TestProxy::listenLoopback()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl TestProxy::url(const QString& user, const QString& password) const
{
    QUrl u(QStringLiteral("http://127.0.0.1:%1").arg(port()));
    if (!user.isEmpty()) {
        u.setUserName(user);
        u.setPassword(password);
    }
    return u;
}

void TestProxy::requireCredentials(const QByteArray& user, const QByteArray& password)
{
    m_expectedAuthorization = "Basic " + (user + ':' + password).toBase64();
}

void TestProxy::serve(QTcpSocket* client)
{
    auto c = std::make_shared<ProxyConnection>();
    c->client = client;
    QObject::connect(client, &QTcpSocket::disconnected, client, [c]() {
        if (c->upstream)
            c->upstream->disconnectFromHost();
        c->client->deleteLater();
    });

    auto openUpstream = [this, c](quint16 port, std::function<void()> onConnected) {
        if (c->upstream && c->upstreamPort == port && c->upstream->state() == QAbstractSocket::ConnectedState) {
            onConnected();
            return;
        }
        if (c->upstream)
            c->upstream->deleteLater();
        auto* upstream = new QTcpSocket(this);
        upstream->setProxy(QNetworkProxy::NoProxy);
        c->upstream = upstream;
        c->upstreamPort = port;
        QObject::connect(upstream, &QTcpSocket::readyRead, upstream, [c, upstream]() {
            if (c->client)
                c->client->write(upstream->readAll());
        });
        QObject::connect(upstream, &QTcpSocket::disconnected, upstream, [c, upstream]() {
            if (c->client && c->upstream == upstream)
                c->client->disconnectFromHost();
            upstream->deleteLater();
        });
        QObject::connect(upstream, &QTcpSocket::errorOccurred, upstream, [c, upstream](QAbstractSocket::SocketError) {
            if (c->client && c->upstream == upstream && upstream->state() != QAbstractSocket::ConnectedState)
                c->client->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        });
        QObject::connect(upstream, &QTcpSocket::connected, upstream, std::move(onConnected));
        upstream->connectToHost(QHostAddress::LocalHost, port); // loopback only, whatever the name
    };

    QObject::connect(client, &QTcpSocket::readyRead, client, [this, c, openUpstream]() {
        c->buffer += c->client->readAll();
        while (!c->buffer.isEmpty()) {
            if (c->tunnel) {
                if (c->upstream && c->upstream->state() == QAbstractSocket::ConnectedState) {
                    c->upstream->write(c->buffer);
                    c->buffer.clear();
                }
                return;
            }
            const qsizetype headEnd = c->buffer.indexOf("\r\n\r\n");
            if (headEnd < 0)
                return;
            const QList<QByteArray> lines = c->buffer.left(headEnd).split('\n');
            const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
            Seen seen;
            seen.method = requestLine.value(0);
            seen.target = requestLine.value(1);
            seen.proxyAuthorization = headerValue(lines, "Proxy-Authorization");
            seen.authorized = m_expectedAuthorization.isEmpty() || seen.proxyAuthorization == m_expectedAuthorization;
            m_seen.append(seen);
            const qint64 length = headerValue(lines, "Content-Length").toLongLong();
            if (c->buffer.size() < headEnd + 4 + length)
                return;
            const QByteArray body = c->buffer.mid(headEnd + 4, length);
            c->buffer.remove(0, headEnd + 4 + (seen.method == "CONNECT" ? 0 : length));
            if (!seen.authorized) {
                c->client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                 "Proxy-Authenticate: Basic realm=\"test-proxy\"\r\n"
                                 "Content-Length: 0\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n");
                c->client->disconnectFromHost();
                return;
            }
            if (seen.method == "CONNECT") {
                const quint16 port = quint16(seen.target.mid(seen.target.lastIndexOf(':') + 1).toUInt());
                c->tunnel = true;
                ++m_tunnels;
                openUpstream(port, [c]() {
                    if (!c->client)
                        return;
                    c->client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                    if (!c->buffer.isEmpty()) {
                        c->upstream->write(c->buffer);
                        c->buffer.clear();
                    }
                });
                return;
            }
            // Absolute form: forward in origin form, without the proxy's own fields.
            const QUrl target = QUrl::fromEncoded(seen.target);
            QByteArray originForm = target.path(QUrl::FullyEncoded).toLatin1();
            if (originForm.isEmpty())
                originForm = "/";
            if (target.hasQuery())
                originForm += '?' + target.query(QUrl::FullyEncoded).toLatin1();
            QByteArray forwarded = seen.method + ' ' + originForm + " HTTP/1.1\r\n";
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                if (line.isEmpty() || line.toLower().startsWith("proxy-"))
                    continue;
                forwarded += line + "\r\n";
            }
            forwarded += "\r\n" + body;
            const quint16 port = quint16(target.port(80));
            openUpstream(port, [c, forwarded]() {
                if (c->upstream)
                    c->upstream->write(forwarded);
            });
        }
    });
}

} // namespace TestSupport
