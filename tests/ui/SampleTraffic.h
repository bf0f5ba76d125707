// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Hand-made traffic events for the UI tests: realistic field values, no gateway needed.

#include "log/TrafficEvent.h"

#include <QDateTime>
#include <QList>

namespace SampleTraffic {

using Gateway::TrafficEvent;

inline QDateTime baseTime()
{
    return QDateTime(QDate(2025, 11, 25), QTime(14, 3, 7, 42)); // local time
}

inline TrafficEvent toolCall(const QString& service, const QString& tool,
                             const QString& principal = QStringLiteral("anonymous"))
{
    TrafficEvent e;
    e.time = baseTime().toUTC();
    e.kind = TrafficEvent::Kind::McpRequest;
    e.httpMethod = QStringLiteral("POST");
    e.path = QStringLiteral("/mcp/") + service;
    e.service = service;
    e.protocolRevision = QStringLiteral("2025-11-25");
    e.session = QStringLiteral("3f9a1c0b");
    e.principal = principal;
    e.rpcMethod = QStringLiteral("tools/call");
    e.tool = tool;
    e.authDecision = QStringLiteral("none");
    e.httpStatus = 200;
    e.backendStatus = 200;
    e.totalMicros = 12346;
    e.backendMicros = 10100;
    e.authMicros = 420;
    e.queueMicros = 300;
    e.mappingMicros = 95;
    e.requestBytes = 312;
    e.responseBytes = 1536;
    return e;
}

inline TrafficEvent rpc(const QString& service, const QString& method)
{
    TrafficEvent e = toolCall(service, QString());
    e.rpcMethod = method;
    e.backendStatus = 0;
    e.backendMicros = 0;
    e.totalMicros = 480;
    return e;
}

// Eight events covering success, tool error, rejection, metadata, RPC error, backend failure.
inline QList<TrafficEvent> filterSet()
{
    QList<TrafficEvent> events;
    events << toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_forecast"), QStringLiteral("alice"));
    events << rpc(QStringLiteral("weather"), QStringLiteral("tools/list"));

    TrafficEvent toolError
        = toolCall(QStringLiteral("petstore"), QStringLiteral("addPet"), QStringLiteral("key:pk_demo"));
    toolError.toolError = true;
    toolError.backendStatus = 400;
    events << toolError;

    TrafficEvent rejected = rpc(QStringLiteral("petstore"), QString());
    rejected.kind = TrafficEvent::Kind::Rejected;
    rejected.httpStatus = 401;
    rejected.authDecision = QStringLiteral("denied");
    rejected.authReason = QStringLiteral("missing_key");
    rejected.detail = QStringLiteral("missing x-reshapr-key header");
    events << rejected;

    TrafficEvent metadata;
    metadata.time = baseTime().toUTC();
    metadata.kind = TrafficEvent::Kind::Metadata;
    metadata.httpMethod = QStringLiteral("GET");
    metadata.path = QStringLiteral("/.well-known/oauth-protected-resource/mcp/weather");
    metadata.httpStatus = 200;
    metadata.totalMicros = 150;
    events << metadata;

    TrafficEvent rpcError = toolCall(QStringLiteral("weather"), QStringLiteral("get_v1_alerts"));
    rpcError.rpcErrorCode = -32602;
    rpcError.backendStatus = 0;
    rpcError.detail = QStringLiteral("unknown argument 'zone'");
    events << rpcError;

    TrafficEvent backendDown = toolCall(QStringLiteral("github"), QStringLiteral("list_repos"), QStringLiteral("bob"));
    backendDown.toolError = true;
    backendDown.backendStatus = 0;
    backendDown.backendError = QStringLiteral("timeout");
    events << backendDown;

    events << rpc(QStringLiteral("petstore"), QStringLiteral("initialize"));
    return events;
}

} // namespace SampleTraffic
