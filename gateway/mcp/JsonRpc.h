// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Gateway::JsonRpc {

enum ErrorCode {
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    HeaderMismatch = -32020, // 2026-07-28
    MissingRequiredClientCapability = -32021, // 2026-07-28
    UnsupportedProtocolVersion = -32022, // 2026-07-28
    UrlElicitationRequired = -32042 // 2025-11-25 only
};

// Shape of one incoming JSON-RPC message.
enum class MessageKind { Request, Notification, Response, Invalid };

struct Message
{
    MessageKind kind = MessageKind::Invalid;
    QJsonValue id; // string or integer for requests/responses; Undefined otherwise
    QString method;
    QJsonObject params;
    QString invalidReason; // set when kind == Invalid
};

Message classify(const QJsonValue& value);

QJsonObject result(const QJsonValue& id, const QJsonObject& result);
// id Undefined/Null → "id": null (2025-03-26/06-18 require an id member) or omitted when omitId.
QJsonObject error(const QJsonValue& id, int code, const QString& message, const QJsonValue& data = {},
                  bool omitUnknownId = false);
QByteArray serialize(const QJsonObject& message);

} // namespace Gateway::JsonRpc
