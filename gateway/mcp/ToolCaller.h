// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/ToolResultMapper.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

namespace Gateway {

class BackendClient;
class ServiceRuntime;
struct TrafficEvent;

// Runs one tools/call: looks the tool up, validates the arguments against its inputSchema before
// any backend call, encodes them back to path/query/header/body, calls the backend and maps the
// answer to a CallToolResult.
class ToolCaller
{
public:
    struct Outcome
    {
        // Either a JSON-RPC error (code != 0) or a CallToolResult.
        int errorCode = 0;
        QString errorMessage;
        CallToolPayload result;
    };
    using Done = std::function<void(const Outcome&)>;

    // `event` (may be null) receives tool, backend status and timing; it must outlive the call.
    // Returns the backend request id (for BackendClient::abort), 0 when no backend call was made.
    static quint64 call(BackendClient* backend, const std::shared_ptr<const ServiceRuntime>& service,
                     const QJsonObject& params, TrafficEvent* event, Done done);
};

} // namespace Gateway
