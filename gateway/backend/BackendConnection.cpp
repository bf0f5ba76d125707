// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackendConnection.h"

#include <QMetaEnum>
#include <QSslSocket>
#include <QTimerEvent>

#include <limits>

namespace Gateway {

namespace {

constexpr qint64 kMaxResponseHead = 64 * 1024;

QString socketErrorClass(QAbstractSocket::SocketError error)
{
    const char* key = QMetaEnum::fromType<QAbstractSocket::SocketError>().valueToKey(error);
    QString name = key ? QString::fromLatin1(key) : QStringLiteral("UnknownSocketError");
    if (name.endsWith(QLatin1String("Error")))
        name.chop(5);
    return name;
}

QByteArray hostHeader(const QUrl& url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = url.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}

} // namespace

BackendConnection::BackendConnection(const QByteArray& originKey, const QUrl& origin, const BackendOptions& options,
                                     const QNetworkProxy& proxy, QObject* parent)
    : QObject(parent)
    , m_originKey(originKey)
    , m_origin(origin)
    , m_options(options)
    , m_tls(origin.scheme() == QLatin1String("https"))
    , m_proxy(proxy)
{
    m_absoluteForm = !m_tls && proxy.type() == QNetworkProxy::HttpProxy;
    if (m_absoluteForm && !proxy.user().isEmpty())
        m_proxyAuthorization = "Basic " + (proxy.user() + QLatin1Char(':') + proxy.password()).toUtf8().toBase64();
}

BackendConnection::~BackendConnection() = default;

bool BackendConnection::isOpen() const
{
    return m_socket && m_connected && m_socket->state() == QAbstractSocket::ConnectedState;
}

void BackendConnection::start(const QByteArray& method, const QUrl& url, const HttpHeaders& headers,
                              const QByteArray& body, const BackendOptions& options, Done done)
{
    m_done = std::move(done);
    m_options = options;
    m_headRequest = method == "HEAD";
    m_parser.emplace(kMaxResponseHead, options.maxResponseBytes, m_headRequest);
    m_started.start();
    // The call's one deadline (set by BackendClient::send), not a fresh timeout per connection.
    const qint64 remaining = options.deadline.isForever() ? options.timeoutMs : options.deadline.remainingTime();
    m_timeout.start(int(qBound<qint64>(0, remaining, qint64(std::numeric_limits<int>::max()))), this);

    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    if (m_absoluteForm) // RFC 9112 §3.2.2: a proxy gets the absolute URI
        target = "http://" + hostHeader(url) + target;
    m_request.clear();
    m_request.reserve(256 + body.size());
    m_request += method + ' ' + target + " HTTP/1.1\r\nHost: " + hostHeader(url) + "\r\n";
    if (!m_proxyAuthorization.isEmpty())
        m_request += "Proxy-Authorization: " + m_proxyAuthorization + "\r\n";
    for (const auto& h : headers)
        m_request += h.first + ": " + h.second + "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        m_request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    m_request += "\r\n";
    m_request += body;

    if (isOpen())
        writeRequest();
    else if (!m_socket)
        connectSocket();
}

void BackendConnection::connectSocket()
{
    const quint16 port = quint16(m_origin.port(m_tls ? 443 : 80));
    if (m_tls) {
        auto* ssl = new QSslSocket(this);
        ssl->setSslConfiguration(m_options.tls);
        ssl->setPeerVerifyName(m_origin.host());
        m_socket = ssl;
        connect(ssl, &QSslSocket::encrypted, this, [this]() {
            m_connected = true;
            writeRequest();
        });
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, [this]() {
            m_connected = true;
            writeRequest();
        });
    }
    // The outbound policy decided: direct, or the proxy it chose (never Qt's application proxy).
    if (m_absoluteForm || m_proxy.type() == QNetworkProxy::DefaultProxy)
        m_socket->setProxy(QNetworkProxy::NoProxy);
    else
        m_socket->setProxy(m_proxy); // NoProxy, or a CONNECT tunnel for https (Qt's HTTP socket engine)
    connect(m_socket, &QTcpSocket::readyRead, this, &BackendConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &BackendConnection::onDisconnected);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &BackendConnection::onError);
    if (m_tls)
        static_cast<QSslSocket*>(m_socket)->connectToHostEncrypted(m_origin.host(), port);
    else if (m_absoluteForm)
        m_socket->connectToHost(m_proxy.hostName(), m_proxy.port());
    else
        m_socket->connectToHost(m_origin.host(), port);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
}

void BackendConnection::writeRequest()
{
    if (!m_done || m_request.isEmpty())
        return;
    m_socket->write(m_request);
    m_request.clear();
}

void BackendConnection::onReadyRead()
{
    const QByteArray data = m_socket->readAll();
    if (!m_done || !m_parser)
        return; // bytes outside a request: the connection is not trustworthy any more
    switch (m_parser->feed(data)) {
    case HttpResponseParser::State::Complete: {
        if (m_absoluteForm && m_parser->status == 407) {
            // The proxy refused us, not the backend: a failure class like a refused CONNECT tunnel.
            BackendResult refused;
            refused.outcome = BackendResult::Outcome::Unreachable;
            refused.errorClass = QStringLiteral("ProxyAuthenticationRequired");
            finish(std::move(refused), false, false);
            return;
        }
        BackendResult result;
        result.outcome = BackendResult::Outcome::Answered;
        result.status = m_parser->status;
        result.reason = m_parser->reason;
        result.contentType = m_parser->header("Content-Type");
        result.headers = std::move(m_parser->headers);
        result.body = std::move(m_parser->body);
        const bool reusable = m_parser->keepAlive() && m_socket->bytesAvailable() == 0;
        finish(std::move(result), reusable, false);
        return;
    }
    case HttpResponseParser::State::Error: {
        BackendResult result;
        result.outcome
            = m_parser->tooLarge() ? BackendResult::Outcome::TooLarge : BackendResult::Outcome::ProtocolError;
        result.errorClass
            = m_parser->tooLarge() ? QStringLiteral("ResponseTooLarge") : QString::fromLatin1(m_parser->error());
        finish(std::move(result), false, false);
        return;
    }
    default: return;
    }
}

void BackendConnection::onDisconnected()
{
    m_connected = false;
    if (!m_done || !m_parser)
        return;
    if (m_parser->finishOnClose() == HttpResponseParser::State::Complete) {
        BackendResult result;
        result.status = m_parser->status;
        result.reason = m_parser->reason;
        result.contentType = m_parser->header("Content-Type");
        result.headers = std::move(m_parser->headers);
        result.body = std::move(m_parser->body);
        finish(std::move(result), false, false);
        return;
    }
    BackendResult result;
    result.outcome = BackendResult::Outcome::Unreachable;
    result.errorClass = QStringLiteral("RemoteHostClosed");
    // A reused keep-alive connection the server closed before answering: safe to send again.
    finish(std::move(result), false, isReused() && !m_parser->anyBytesSeen());
}

void BackendConnection::onError()
{
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    m_connected = false;
    if (!m_done)
        return;
    BackendResult result;
    result.outcome = error == QAbstractSocket::SslHandshakeFailedError ? BackendResult::Outcome::TlsError
                                                                       : BackendResult::Outcome::Unreachable;
    result.errorClass = socketErrorClass(error);
    if (m_tls && error == QAbstractSocket::SslHandshakeFailedError) {
        const QList<QSslError> errors = static_cast<QSslSocket*>(m_socket)->sslHandshakeErrors();
        if (!errors.isEmpty())
            result.errorClass += QLatin1Char(':')
                + QString::fromLatin1(QMetaEnum::fromType<QSslError::SslError>().valueToKey(errors.first().error()));
    }
    finish(std::move(result), false,
           isReused() && m_parser && !m_parser->anyBytesSeen() && error == QAbstractSocket::NetworkError);
}

void BackendConnection::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_timeout.timerId())
        return QObject::timerEvent(event);
    m_timeout.stop();
    if (!m_done)
        return;
    BackendResult result;
    result.outcome = BackendResult::Outcome::TimedOut;
    result.errorClass = QStringLiteral("Timeout");
    finish(std::move(result), false, false);
}

void BackendConnection::cancel()
{
    m_timeout.stop();
    m_done = nullptr;
    m_parser.reset();
    if (m_socket)
        m_socket->abort();
    m_connected = false;
}

void BackendConnection::finish(BackendResult result, bool reusable, bool retryable)
{
    m_timeout.stop();
    ++m_requests;
    m_idleSince.start();
    m_parser.reset();
    result.elapsedMicros = m_started.nsecsElapsed() / 1000;
    Done done = std::move(m_done);
    m_done = nullptr; // before abort(): its disconnected signal must not finish twice
    if (!reusable && m_socket) {
        m_socket->abort();
        m_connected = false;
    }
    done(std::move(result), reusable, retryable); // may hand this connection on or delete it later
}

} // namespace Gateway
