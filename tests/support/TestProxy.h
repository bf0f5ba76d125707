// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

// A small forward HTTP proxy on 127.0.0.1 for tests of outbound proxy support: CONNECT tunnels
// (for https) and absolute-form requests (for http), optional Basic proxy authentication (407
// with a Proxy-Authenticate challenge otherwise). Loopback only: whatever host a request names,
// the proxy connects to 127.0.0.1 on the named port, so tests can use non-loopback names (which
// the gateway must send through the proxy) without any traffic leaving the machine. Every request
// head it receives is recorded. Runs in the thread that owns it (event-driven).
namespace TestSupport {

class TestProxy : public QObject
{
public:
    struct Seen
    {
        QByteArray method; // "CONNECT", "GET", ...
        QByteArray target; // "host:port" for CONNECT, the absolute URI otherwise
        QByteArray proxyAuthorization; // as received ("" when none)
        bool authorized = false;
    };

    explicit TestProxy(QObject* parent = nullptr);
    ~TestProxy() override;

    bool listenLoopback();
    quint16 port() const { return m_server.serverPort(); }
    // http://[user:password@]127.0.0.1:PORT
    QUrl url(const QString& user = {}, const QString& password = {}) const;
    void requireCredentials(const QByteArray& user, const QByteArray& password);
    QList<Seen> seen() const { return m_seen; }
    int tunnelsOpened() const { return m_tunnels; }

private:
    void serve(QTcpSocket* client);

    QTcpServer m_server;
    QByteArray m_expectedAuthorization; // "Basic ..." or empty (no authentication)
    QList<Seen> m_seen;
    int m_tunnels = 0;
};

} // namespace TestSupport
