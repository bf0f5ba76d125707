// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BackendClient.h"

#include <QByteArray>
#include <QJsonObject>

namespace Gateway {

class SecretRedactor;

// A CallToolResult before it is shaped for a protocol revision: the text block (valid UTF-8),
// the error flag, and the structured content as compact JSON object text (validated), if any.
struct CallToolPayload
{
    QByteArray text;
    bool isError = false;
    QByteArray structuredJson;

    QJsonObject toJson() const; // {"content":[{"type":"text","text":…}], "structuredContent"?, "isError"?}
};

// Maps a backend answer (or failure) to an MCP CallToolResult: text content always;
// structuredContent when the body is a JSON object; isError with the status and a trimmed,
// sanitized body for non-2xx, timeouts, unreachable backends and oversized answers. With a
// redactor, echoed credentials are removed from the whole body (decoded JSON escapes included)
// before anything is parsed, cut to an excerpt or passed on.
class ToolResultMapper
{
public:
    static constexpr int MaxErrorBodyBytes = 2048;
    static CallToolPayload payload(const BackendResult& result, const QString& serviceName, int timeoutMs,
                                   qint64 maxResponseBytes, const SecretRedactor* redactor = nullptr);
    static CallToolPayload errorPayload(const QString& message);
    static QJsonObject map(const BackendResult& result, const QString& serviceName, int timeoutMs,
                           qint64 maxResponseBytes)
    {
        return payload(result, serviceName, timeoutMs, maxResponseBytes).toJson();
    }
    static QJsonObject toolError(const QString& message) { return errorPayload(message).toJson(); }
};

} // namespace Gateway
