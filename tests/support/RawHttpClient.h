// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

// Blocking raw-socket HTTP/1.1 client for tests that must send exactly the bytes they mean
// (bad framing, oversize heads, pipelining) and read exactly what came back.
namespace TestSupport {

struct RawResponse
{
    bool complete = false; // a full response (head + body by Content-Length/chunked) was read
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body; // de-chunked
    QByteArray header(const QByteArray& name) const;
};

// Sends `bytes` to 127.0.0.1:port, reads until `expectedResponses` complete responses arrived, the
// peer closed, or timeoutMs elapsed.
QList<RawResponse> rawExchange(quint16 port, const QByteArray& bytes, int expectedResponses = 1, int timeoutMs = 5000);
// Parses as many complete responses as `data` holds.
QList<RawResponse> parseResponses(const QByteArray& data);

} // namespace TestSupport
