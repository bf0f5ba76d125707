// SPDX-License-Identifier: GPL-3.0-or-later
#include "TrafficEvent.h"

namespace Gateway {

QString TrafficEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::McpRequest: return QStringLiteral("mcp");
    case Kind::Metadata: return QStringLiteral("metadata");
    case Kind::Rejected: return QStringLiteral("rejected");
    case Kind::Elicitation: return QStringLiteral("elicitation");
    case Kind::Other: return QStringLiteral("other");
    }
    return QStringLiteral("other");
}

QJsonObject TrafficEvent::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), QString::number(id));
    o.insert(QStringLiteral("time"), time.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("kind"), kindName(kind));
    o.insert(QStringLiteral("method"), httpMethod);
    o.insert(QStringLiteral("path"), path);
    auto putString = [&o](const char* key, const QString& value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    putString("service", service);
    putString("protocol", protocolRevision);
    putString("session", session);
    putString("principal", principal);
    putString("rpcMethod", rpcMethod);
    putString("tool", tool);
    putString("auth", authDecision);
    putString("authReason", authReason);
    putString("backendError", backendError);
    putString("detail", detail);
    putString("overload", overload);
    if (!elicitationStage.isEmpty()) {
        QJsonObject elicitation{{QStringLiteral("stage"), elicitationStage}};
        if (!elicitationId.isEmpty())
            elicitation.insert(QStringLiteral("id"), elicitationId);
        if (!credentialKind.isEmpty())
            elicitation.insert(QStringLiteral("credentialKind"), credentialKind);
        if (elicitationAgeMs >= 0)
            elicitation.insert(QStringLiteral("ageMs"), elicitationAgeMs);
        o.insert(QStringLiteral("elicitation"), elicitation);
    }
    o.insert(QStringLiteral("status"), httpStatus);
    if (rpcErrorCode != 0)
        o.insert(QStringLiteral("rpcError"), rpcErrorCode);
    if (toolError)
        o.insert(QStringLiteral("toolError"), true);
    if (backendStatus != 0)
        o.insert(QStringLiteral("backendStatus"), backendStatus);
    o.insert(QStringLiteral("totalUs"), totalMicros);
    if (authMicros > 0)
        o.insert(QStringLiteral("authUs"), authMicros);
    if (queueMicros > 0)
        o.insert(QStringLiteral("queueUs"), queueMicros);
    if (backendMicros > 0)
        o.insert(QStringLiteral("backendUs"), backendMicros);
    if (mappingMicros > 0)
        o.insert(QStringLiteral("mappingUs"), mappingMicros);
    o.insert(QStringLiteral("requestBytes"), requestBytes);
    o.insert(QStringLiteral("responseBytes"), responseBytes);
    return o;
}

} // namespace Gateway
