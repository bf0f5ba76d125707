// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "BackendClient.h"

#include <QJsonObject>

namespace Gateway {

// Maps a backend answer (or failure) to an MCP CallToolResult: text content always;
// structuredContent when the body is a JSON object; isError with the status and a trimmed,
// sanitized body for non-2xx, timeouts, unreachable backends and oversized answers.
class ToolResultMapper
{
public:
    static constexpr int MaxErrorBodyBytes = 2048;
    static QJsonObject map(const BackendResult& result, const QString& serviceName, int timeoutMs,
                           qint64 maxResponseBytes);
    static QJsonObject toolError(const QString& message);
};

} // namespace Gateway
