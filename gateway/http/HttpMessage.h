// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

namespace Gateway {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

// A fully buffered HTTP request, copied out of the HTTP library so that handlers can keep it
// for deferred answers (the library reuses its request object per connection).
struct HttpRequest
{
    QByteArray method; // upper-case token, e.g. "POST"
    QString path; // decoded path, e.g. "/mcp/demo"
    QByteArray rawQuery; // undecoded query string, without '?'
    HttpHeaders headers; // order and duplicates kept, names as sent
    QByteArray body;
    QHostAddress peerAddress;
    quint16 localPort = 0;

    // First value of a header (case-insensitive name), empty when absent.
    QByteArray header(const QByteArray& name) const;
    // All values of a header (case-insensitive name), in order.
    QByteArrayList headerValues(const QByteArray& name) const;
    int headerCount(const QByteArray& name) const;
    bool hasHeader(const QByteArray& name) const { return headerCount(name) > 0; }
};

struct HttpResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;

    HttpResponse& setHeader(const QByteArray& name, const QByteArray& value);
    QByteArray header(const QByteArray& name) const;

    static HttpResponse json(int status, const QByteArray& compactJson);
    static HttpResponse text(int status, const QByteArray& text);
    static HttpResponse empty(int status);
};

QByteArray reasonPhrase(int status);

} // namespace Gateway
