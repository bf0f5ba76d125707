// SPDX-License-Identifier: GPL-3.0-or-later
#include "CaptureReplay.h"

#include "backend/HttpResponseParser.h"
#include "backend/SecretRedactor.h"

#include <QNetworkProxy>
#include <QTcpSocket>
#include <QTimer>

#include <memory>

namespace Gateway {

QByteArray CaptureReplay::requestBytes(const QUrl& base, const CapturedHttp& request,
                                       const HttpHeaders& credentialHeaders)
{
    QByteArray out = request.method + ' ' + request.url.toUtf8() + " HTTP/1.1\r\n";
    out += "Host: " + base.host().toUtf8() + ':' + QByteArray::number(base.port(80)) + "\r\n";
    for (const auto& h : request.requestHeaders) {
        const QByteArray name = h.first.toLower();
        if (name == "host" || name == "content-length" || name == "connection" || name == "transfer-encoding"
            || PayloadRedaction::isCredentialHeader(h.first) || h.second == SecretRedactor::Marker)
            continue;
        out += h.first + ": " + h.second + "\r\n";
    }
    for (const auto& h : credentialHeaders)
        out += h.first + ": " + h.second + "\r\n";
    out += "Content-Length: " + QByteArray::number(request.requestBody.size()) + "\r\nConnection: close\r\n\r\n";
    out += request.requestBody;
    return out;
}

void CaptureReplay::send(QObject* context, const QUrl& base, const CapturedHttp& request,
                         const HttpHeaders& credentialHeaders, Done done)
{
    if (request.requestTruncated) {
        done(0, {}, QStringLiteral("the captured request body was truncated; it cannot be replayed"));
        return;
    }
    auto* socket = new QTcpSocket(context);
    socket->setProxy(QNetworkProxy::NoProxy);
    auto parser = std::make_shared<HttpResponseParser>(64 * 1024, 16 * 1024 * 1024, request.method == "HEAD");
    auto finished = std::make_shared<bool>(false);
    auto finish = [socket, parser, finished, done](const QString& error) {
        if (*finished)
            return;
        *finished = true;
        if (error.isEmpty())
            done(parser->status, parser->body, {});
        else
            done(0, {}, error);
        socket->abort();
        socket->deleteLater();
    };
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, socket, [finish]() { finish(QStringLiteral("timed out")); });
    timer->start(TimeoutMs);
    const QByteArray bytes = requestBytes(base, request, credentialHeaders);
    QObject::connect(socket, &QTcpSocket::connected, socket, [socket, bytes]() { socket->write(bytes); });
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [socket, parser, finish]() {
        const auto state = parser->feed(socket->readAll());
        if (state == HttpResponseParser::State::Complete)
            finish({});
        else if (state == HttpResponseParser::State::Error)
            finish(QString::fromLatin1(parser->error()));
    });
    QObject::connect(socket, &QTcpSocket::disconnected, socket, [parser, finish]() {
        if (parser->state() == HttpResponseParser::State::Complete
            || parser->finishOnClose() == HttpResponseParser::State::Complete)
            finish({});
        else
            finish(QStringLiteral("connection closed before the answer"));
    });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket, [socket, finish](QAbstractSocket::SocketError e) {
        if (e != QAbstractSocket::RemoteHostClosedError)
            finish(socket->errorString());
    });
    socket->connectToHost(base.host(), quint16(base.port(80)));
}

} // namespace Gateway
