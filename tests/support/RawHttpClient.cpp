// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawHttpClient.h"

#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>

namespace TestSupport {

QByteArray RawResponse::header(const QByteArray& name) const
{
    for (const auto& h : headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return {};
}

namespace {

// Parses one response at `pos`; returns false when `data` does not hold it completely yet.
bool parseOne(const QByteArray& data, qsizetype& pos, RawResponse& out)
{
    const qsizetype headEnd = data.indexOf("\r\n\r\n", pos);
    if (headEnd < 0)
        return false;
    const QList<QByteArray> lines = data.mid(pos, headEnd - pos).split('\n');
    if (lines.isEmpty())
        return false;
    const QList<QByteArray> statusParts = lines.first().trimmed().split(' ');
    if (statusParts.size() < 2)
        return false;
    out.status = statusParts.at(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            out.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    qsizetype p = headEnd + 4;
    if (out.status == 100) { // interim response: no body
        pos = p;
        out.complete = true;
        return true;
    }
    if (out.header("Transfer-Encoding").toLower().contains("chunked")) {
        for (;;) {
            const qsizetype lineEnd = data.indexOf("\r\n", p);
            if (lineEnd < 0)
                return false;
            bool ok = false;
            const qint64 size = data.mid(p, lineEnd - p).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok)
                return false;
            p = lineEnd + 2;
            if (size == 0) {
                const qsizetype trailerEnd = data.indexOf("\r\n", p);
                if (trailerEnd < 0)
                    return false;
                p = trailerEnd + 2;
                break;
            }
            if (data.size() < p + size + 2)
                return false;
            out.body.append(data.mid(p, size));
            p += size + 2;
        }
    } else {
        const qint64 length = out.header("Content-Length").toLongLong();
        if (data.size() < p + length)
            return false;
        out.body = data.mid(p, length);
        p += length;
    }
    pos = p;
    out.complete = true;
    return true;
}

} // namespace

QList<RawResponse> parseResponses(const QByteArray& data)
{
    QList<RawResponse> out;
    qsizetype pos = 0;
    for (;;) {
        RawResponse r;
        if (!parseOne(data, pos, r))
            break;
        out.append(r);
    }
    return out;
}

QList<RawResponse> rawExchange(quint16 port, const QByteArray& bytes, int expectedResponses, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(timeoutMs))
        return {};
    socket.write(bytes);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        socket.waitForBytesWritten(10);
        if (socket.waitForReadyRead(50))
            received.append(socket.readAll());
        QList<RawResponse> parsed = parseResponses(received);
        int finals = 0;
        for (const auto& r : parsed)
            finals += r.status != 100 ? 1 : 0;
        if (finals >= expectedResponses)
            return parsed;
        if (socket.state() != QAbstractSocket::ConnectedState) {
            received.append(socket.readAll());
            break;
        }
    }
    return parseResponses(received);
}

} // namespace TestSupport
