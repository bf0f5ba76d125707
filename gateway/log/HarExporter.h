// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PayloadCapture.h"
#include "TrafficEvent.h"

#include <QJsonObject>
#include <QList>
#include <QUrl>

#include <functional>

namespace Gateway {

// HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) for a list of traffic events: each
// exchange is one entry for its MCP leg and, when a backend leg was captured, a second entry for
// it right after. Everything comes from captures, which are already redacted; events without a
// capture still get an MCP entry (method, URL, status, timings) without bodies. Gateway facts
// that HAR has no field for go to "_portcullis" (custom fields start with an underscore).
class HarExporter
{
public:
    using CaptureLookup = std::function<CapturedExchange(quint64 eventId)>;

    // gatewayBaseUrl: http://HOST:PORT, the MCP leg's URLs are made absolute with it.
    static QJsonObject toHar(const QList<TrafficEvent>& events, const CaptureLookup& captures,
                             const QUrl& gatewayBaseUrl, const QString& creatorVersion = QStringLiteral("1"));
    static QByteArray toHarBytes(const QList<TrafficEvent>& events, const CaptureLookup& captures,
                                 const QUrl& gatewayBaseUrl);

    // "Copy as curl" for the MCP leg of a capture. Bodies keep their redactions; the API key and
    // bearer token become shell variables ($PORTCULLIS_API_KEY, $PORTCULLIS_TOKEN) the person sets;
    // other credential fields (cookies) are left out. POSIX shell quoting.
    static QString curlCommand(const CapturedExchange& capture, const QUrl& gatewayBaseUrl);
};

} // namespace Gateway
