// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslError>
#include <QSslKey>
#include <QTcpServer>

// A minimal HTTPS server for tests (HttpFrontend has no TLS): QTcpServer + QSslSocket with the given
// certificate and key, optionally requiring a client certificate issued by `clientCa`. Every request
// that arrives over a completed handshake is recorded (head bytes and the peer certificate) and
// answered with a fixed "HTTP/1.1 200 OK" JSON response, then the connection is closed.
namespace TestSupport {

class TestTlsServer : public QTcpServer
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray head; // request line + header fields, as received
        QSslCertificate peerCertificate; // null without a client certificate
    };

    // certificatePem may hold the leaf followed by intermediates. privateKeyPem: RSA or EC.
    TestTlsServer(const QByteArray& certificatePem, const QByteArray& privateKeyPem, QObject* parent = nullptr);

    // Require (true) a client certificate chained to clientCaPem; false: none asked for.
    void requireClientCertificate(const QByteArray& clientCaPem);

    bool listenLoopback(); // 127.0.0.1, any port
    QList<Request> requests() const { return m_requests; }
    int handshakesCompleted() const { return m_handshakes; }
    int handshakesFailed() const { return m_failures; }
    QList<QSslError> lastErrors() const { return m_lastErrors; }
    QByteArray responseBody() const { return m_responseBody; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    QList<QSslCertificate> m_chain;
    QSslKey m_key;
    QList<QSslCertificate> m_clientCas;
    bool m_requireClientCert = false;
    QList<Request> m_requests;
    QList<QSslError> m_lastErrors;
    int m_handshakes = 0;
    int m_failures = 0;
    QByteArray m_responseBody = QByteArrayLiteral("{\"ok\":true}");
};

} // namespace TestSupport
