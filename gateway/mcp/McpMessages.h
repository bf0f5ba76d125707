// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProtocolRevision.h"
#include "backend/ToolResultMapper.h"

#include <QJsonObject>
#include <QJsonValue>

namespace Gateway {

class ServiceRuntime;

// The result objects the gateway emits, shaped per revision so each validates against that
// revision's official schema (2026-07-28 adds resultType, cache hints and serverInfo _meta).
namespace McpMessages {

constexpr int ToolsPageSize = 100;
constexpr int ToolsListTtlMs = 60 * 1000;

QJsonObject serverInfo(ProtocolRevision revision);
QJsonObject serverCapabilities(ProtocolRevision revision);
QJsonObject initializeResult(ProtocolRevision revision, const ServiceRuntime& service);
QJsonObject discoverResult(const ServiceRuntime& service);
// Sets *error (a -32602 message) for a cursor this snapshot did not issue.
QJsonObject listToolsResult(ProtocolRevision revision, const ServiceRuntime& service, const QJsonValue& cursor,
                            QString* error);
// The whole JSON-RPC response to a successful tools/call, serialized once.
QByteArray callToolResponse(ProtocolRevision revision, const QJsonValue& id, const CallToolPayload& payload);
// For 2026-07-28 subscription streams pass the subscription's request id; legacy: Undefined.
QJsonObject toolsListChangedNotification(const QJsonValue& subscriptionId);
QString instructions(const ServiceRuntime& service);

} // namespace McpMessages
} // namespace Gateway
