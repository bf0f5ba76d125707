// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "openapi/ToolCallEncoder.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace Gateway {

struct BackendOptions
{
    int timeoutMs = 30000;
    qint64 maxResponseBytes = 10 * 1024 * 1024;
};

struct BackendResult
{
    enum class Outcome { Answered, Unreachable, TimedOut, TooLarge, TlsError, Aborted };
    Outcome outcome = Outcome::Answered;
    int status = 0;                // HTTP status when Answered
    QByteArray reason;             // HTTP reason phrase
    QByteArray contentType;
    QByteArray body;
    QString errorClass;            // e.g. "ConnectionRefused", "HostNotFound", "Timeout", "SslHandshakeFailed"
    qint64 elapsedMicros = 0;
};

// Sends encoded tool calls to backends with QNetworkAccessManager: one manager per gateway, so
// connections to each backend are reused; per-call timeout; response size cap enforced while
// reading; only same-origin redirects (a credentialed request never follows a redirect elsewhere).
class BackendClient : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const BackendResult&)>;

    explicit BackendClient(QObject* parent = nullptr);
    ~BackendClient() override;

    // Returns the reply so callers may abort it (e.g. when the MCP client cancels); the callback
    // runs exactly once.
    QNetworkReply* send(const EncodedCall& call, const BackendOptions& options, Callback callback);

private:
    QNetworkAccessManager* m_manager;
};

} // namespace Gateway
