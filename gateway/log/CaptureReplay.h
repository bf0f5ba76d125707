// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PayloadCapture.h"

#include <QUrl>

#include <functional>

class QObject;

namespace Gateway {

// Sends a captured MCP request to the gateway again, over a loopback socket (no proxy), as a new
// exchange with its own traffic event. Credential header fields were never captured: the ones in
// `credentialHeaders` are added instead; Host, Content-Length and Connection are set anew. A
// request whose body was truncated by capture is not replayed (it would not be the same call).
class CaptureReplay
{
public:
    using Done = std::function<void(int status, const QByteArray& body, const QString& error)>;
    static constexpr int TimeoutMs = 30000;

    // The HTTP/1.1 bytes sent for `request` (also what tests check).
    static QByteArray requestBytes(const QUrl& gatewayBaseUrl, const CapturedHttp& request,
                                   const HttpHeaders& credentialHeaders);
    // `done` runs once, on `context`'s thread, unless `context` is destroyed first.
    static void send(QObject* context, const QUrl& gatewayBaseUrl, const CapturedHttp& request,
                     const HttpHeaders& credentialHeaders, Done done);
};

} // namespace Gateway
