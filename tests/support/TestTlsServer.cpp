// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestTlsServer.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QSslSocket>

#include <memory>

namespace TestSupport {

TestTlsServer::TestTlsServer(const QByteArray& certificatePem, const QByteArray& privateKeyPem, QObject* parent)
    : QTcpServer(parent)
    , m_chain(QSslCertificate::fromData(certificatePem, QSsl::Pem))
{
    m_key = QSslKey(privateKeyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
    if (m_key.isNull())
        m_key = QSslKey(privateKeyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

void TestTlsServer::requireClientCertificate(const QByteArray& clientCaPem)
{
    m_clientCas = QSslCertificate::fromData(clientCaPem, QSsl::Pem);
    m_requireClientCert = true;
}

bool TestTlsServer::listenLoopback()
{
    return listen(QHostAddress::LocalHost, 0);
}

void TestTlsServer::incomingConnection(qintptr socketDescriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificateChain(m_chain);
    config.setPrivateKey(m_key);
    if (m_requireClientCert) {
        config.setCaCertificates(m_clientCas);
        config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    socket->setSslConfiguration(config);

    auto buffer = std::make_shared<QByteArray>();
    auto encrypted = std::make_shared<bool>(false);
    connect(socket, &QSslSocket::encrypted, this, [this, encrypted]() {
        *encrypted = true;
        ++m_handshakes;
    });
    connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) { m_lastErrors = errors; });
    connect(socket, &QSslSocket::errorOccurred, this, [this, encrypted, socket](QAbstractSocket::SocketError) {
        if (!*encrypted)
            ++m_failures;
        socket->deleteLater();
    });
    connect(socket, &QSslSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QSslSocket::readyRead, this, [this, socket, buffer]() {
        buffer->append(socket->readAll());
        const qsizetype headEnd = buffer->indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer->left(headEnd);
        qsizetype contentLength = 0;
        for (const QByteArray& line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare("Content-Length", Qt::CaseInsensitive) == 0)
                contentLength = line.mid(colon + 1).trimmed().toLongLong();
        }
        if (buffer->size() < headEnd + 4 + contentLength)
            return;
        m_requests.append({head, socket->peerCertificate()});
        buffer->clear();
        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                      + QByteArray::number(m_responseBody.size()) + "\r\nConnection: close\r\n\r\n" + m_responseBody);
        socket->disconnectFromHost();
    });
    socket->startServerEncryption();
}

} // namespace TestSupport
