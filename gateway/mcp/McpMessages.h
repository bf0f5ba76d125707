// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ProtocolRevision.h"
#include "backend/ToolResultMapper.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

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

// --- Elicitation building blocks (URL mode only: secrets never go through form mode) ---

// The elicitation modes a client declared. 2025-11-25 and 2026-07-28: `elicitation.form` and
// `elicitation.url`, and an empty `elicitation: {}` means form only. 2025-06-18: any
// `elicitation` object means form (no URL mode exists). 2025-03-26: no elicitation.
struct ElicitationModes
{
    bool form = false;
    bool url = false;
};
ElicitationModes elicitationModes(ProtocolRevision revision, const QJsonObject& clientCapabilities);

// One URL-mode elicitation. elicitationId is used by 2025-11-25 only (2026-07-28 removed it and
// correlates through requestState instead).
struct UrlElicitation
{
    QString elicitationId;
    QString url;
    QString message;
};

// 2025-11-25: the whole -32042 URLElicitationRequired error response.
QJsonObject urlElicitationRequiredError(const QJsonValue& id, const QList<UrlElicitation>& elicitations,
                                        const QString& message = QStringLiteral("URL elicitation required"));
// 2025-11-25: notifications/elicitation/complete for one elicitation.
QJsonObject elicitationCompleteNotification(const QString& elicitationId);
// 2026-07-28: the `result` of an input_required answer holding one URL-mode elicitation/create
// under `key`, with the sealed requestState (see RequestStateSealer).
QJsonObject inputRequiredResult(const QString& key, const UrlElicitation& elicitation, const QString& requestState);
// 2026-07-28: {"elicitation":{"url":{}}}, the capability a URL elicitation needs.
QJsonObject urlElicitationCapability();
// 2026-07-28: the whole -32021 MissingRequiredClientCapability error response (HTTP 400).
QJsonObject missingRequiredCapabilityError(const QJsonValue& id, const QJsonObject& requiredCapabilities,
                                           const QString& message);
// 2026-07-28: the one answer for a tampered, expired, replayed or foreign requestState (-32602).
QJsonObject invalidRequestStateError(const QJsonValue& id);

// 2026-07-28: what a retried request carries besides its original params.
struct MrtrRetry
{
    bool hasRequestState = false;
    QString requestState;
    QJsonObject inputResponses; // key -> ElicitResult / CreateMessageResult / ListRootsResult
    QString error; // non-empty (a -32602 message) when requestState/inputResponses have the wrong type
};
MrtrRetry mrtrRetry(const QJsonObject& params);

} // namespace McpMessages
} // namespace Gateway
