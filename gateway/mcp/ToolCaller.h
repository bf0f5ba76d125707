// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "backend/ToolResultMapper.h"
#include "http/HttpMessage.h"

#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>

namespace Gateway {

class BackendClient;
class BackendCredentials;
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
    // `credentials` prepares the service's backend secret (may be null when none is configured);
    // `inboundHeaders` are propagated to the backend only when the endpoint has no security.
    static quint64 call(BackendClient* backend, BackendCredentials* credentials,
                        const std::shared_ptr<const ServiceRuntime>& service, const QJsonObject& params,
                        const HttpHeaders& inboundHeaders, TrafficEvent* event, Done done);
};

} // namespace Gateway
