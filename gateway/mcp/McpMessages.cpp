// SPDX-License-Identifier: GPL-3.0-or-later
#include "McpMessages.h"

#include "core/GatewaySnapshot.h"

#include "JsonRpc.h"
#include "JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace Gateway::McpMessages {

namespace {

const QLatin1String kServerInfoMeta("io.modelcontextprotocol/serverInfo");

QJsonObject withModernMeta(QJsonObject result)
{
    result.insert(QStringLiteral("resultType"), QStringLiteral("complete"));
    QJsonObject meta = result.value(QLatin1String("_meta")).toObject();
    meta.insert(kServerInfoMeta, serverInfo(ProtocolRevision::V2026_07_28));
    result.insert(QStringLiteral("_meta"), meta);
    return result;
}

QString encodeCursor(int offset, const QByteArray& fingerprint)
{
    const QByteArray raw = "v1:" + QByteArray::number(offset) + ':' + fingerprint.toHex().left(16);
    return QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

int decodeCursor(const QString& cursor, const QByteArray& fingerprint)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        cursor.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        return -1;
    const QList<QByteArray> parts = (*decoded).split(':');
    if (parts.size() != 3 || parts.at(0) != "v1" || parts.at(2) != fingerprint.toHex().left(16))
        return -1;
    bool ok = false;
    const int offset = parts.at(1).toInt(&ok);
    return ok && offset > 0 ? offset : -1;
}

} // namespace

QJsonObject serverInfo(ProtocolRevision revision)
{
    QJsonObject info{{QStringLiteral("name"), QStringLiteral("portcullis")},
                     {QStringLiteral("version"), QStringLiteral(PORTCULLIS_VERSION)}};
    if (revision != ProtocolRevision::V2025_03_26)
        info.insert(QStringLiteral("title"), QStringLiteral("Portcullis MCP gateway"));
    return info;
}

QJsonObject serverCapabilities(ProtocolRevision)
{
    // The same in every revision: tools, with list_changed on reload.
    return QJsonObject{{QStringLiteral("tools"), QJsonObject{{QStringLiteral("listChanged"), true}}}};
}

QString instructions(const ServiceRuntime& service)
{
    QString text = QStringLiteral("Tools of the REST API");
    if (!service.title.isEmpty())
        text += QStringLiteral(" \"%1\"").arg(service.title);
    text += QStringLiteral(", exposed by Portcullis as MCP service '%1'. Each tool is one HTTP operation.")
                .arg(service.config.name);
    return text;
}

QJsonObject initializeResult(ProtocolRevision revision, const ServiceRuntime& service)
{
    return QJsonObject{{QStringLiteral("protocolVersion"), Protocol::name(revision)},
                       {QStringLiteral("capabilities"), serverCapabilities(revision)},
                       {QStringLiteral("serverInfo"), serverInfo(revision)},
                       {QStringLiteral("instructions"), instructions(service)}};
}

QJsonObject discoverResult(const ServiceRuntime& service)
{
    return withModernMeta(
        QJsonObject{{QStringLiteral("supportedVersions"), QJsonArray::fromStringList(Protocol::statelessNames())},
                    {QStringLiteral("capabilities"), serverCapabilities(ProtocolRevision::V2026_07_28)},
                    {QStringLiteral("instructions"), instructions(service)},
                    {QStringLiteral("ttlMs"), ToolsListTtlMs},
                    {QStringLiteral("cacheScope"), QStringLiteral("public")}});
}

QJsonObject listToolsResult(ProtocolRevision revision, const ServiceRuntime& service, const QJsonValue& cursor,
                            QString* error)
{
    int offset = 0;
    if (!cursor.isUndefined() && !cursor.isNull()) {
        offset = cursor.isString() ? decodeCursor(cursor.toString(), service.toolsFingerprint) : -1;
        if (offset < 0 || offset >= service.tools.size()) {
            *error = QStringLiteral("Invalid params: unknown or stale cursor");
            return {};
        }
    }
    const QJsonArray& all = service.toolsFor(revision);
    QJsonArray page;
    const int end = qMin<int>(all.size(), offset + ToolsPageSize);
    for (int i = offset; i < end; ++i)
        page.append(all.at(i));
    QJsonObject result{{QStringLiteral("tools"), page}};
    if (end < all.size())
        result.insert(QStringLiteral("nextCursor"), encodeCursor(end, service.toolsFingerprint));
    if (revision != ProtocolRevision::V2026_07_28)
        return result;
    result.insert(QStringLiteral("ttlMs"), ToolsListTtlMs);
    result.insert(QStringLiteral("cacheScope"), QStringLiteral("public"));
    return withModernMeta(result);
}

QByteArray callToolResponse(ProtocolRevision revision, const QJsonValue& id, const CallToolPayload& payload)
{
    QByteArray out;
    out.reserve(2 * payload.text.size() + payload.structuredJson.size() + 256);
    out.append(R"({"jsonrpc":"2.0","id":)");
    JsonWriter::appendValue(out, id);
    out.append(R"(,"result":{"content":[{"type":"text","text":)");
    JsonWriter::appendString(out, payload.text);
    out.append("}]");
    // 2025-03-26 has no structuredContent in CallToolResult.
    if (!payload.structuredJson.isEmpty() && revision != ProtocolRevision::V2025_03_26) {
        out.append(R"(,"structuredContent":)");
        out.append(payload.structuredJson);
    }
    if (payload.isError)
        out.append(R"(,"isError":true)");
    if (revision == ProtocolRevision::V2026_07_28) {
        static const QByteArray modernTail = [] {
            QByteArray tail = R"(,"resultType":"complete","_meta":{"io.modelcontextprotocol/serverInfo":)";
            tail.append(QJsonDocument(serverInfo(ProtocolRevision::V2026_07_28)).toJson(QJsonDocument::Compact));
            tail.append('}');
            return tail;
        }();
        out.append(modernTail);
    }
    out.append("}}");
    return out;
}

QJsonObject toolsListChangedNotification(const QJsonValue& subscriptionId)
{
    QJsonObject n{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                  {QStringLiteral("method"), QStringLiteral("notifications/tools/list_changed")}};
    if (!subscriptionId.isUndefined()) {
        n.insert(
            QStringLiteral("params"),
            QJsonObject{{QStringLiteral("_meta"),
                         QJsonObject{{QStringLiteral("io.modelcontextprotocol/subscriptionId"), subscriptionId}}}});
    }
    return n;
}

ElicitationModes elicitationModes(ProtocolRevision revision, const QJsonObject& clientCapabilities)
{
    ElicitationModes modes;
    const QJsonValue elicitation = clientCapabilities.value(QLatin1String("elicitation"));
    if (revision == ProtocolRevision::V2025_03_26 || !elicitation.isObject())
        return modes;
    const QJsonObject declared = elicitation.toObject();
    if (revision == ProtocolRevision::V2025_06_18) {
        modes.form = true;
        return modes;
    }
    modes.url = declared.value(QLatin1String("url")).isObject();
    modes.form = declared.value(QLatin1String("form")).isObject() || declared.isEmpty();
    return modes;
}

QJsonObject urlElicitationRequiredError(const QJsonValue& id, const QList<UrlElicitation>& elicitations,
                                        const QString& message)
{
    QJsonArray list;
    for (const UrlElicitation& e : elicitations) {
        list.append(QJsonObject{{QStringLiteral("mode"), QStringLiteral("url")},
                                {QStringLiteral("elicitationId"), e.elicitationId},
                                {QStringLiteral("url"), e.url},
                                {QStringLiteral("message"), e.message}});
    }
    return JsonRpc::error(id, JsonRpc::UrlElicitationRequired, message,
                          QJsonObject{{QStringLiteral("elicitations"), list}});
}

QJsonObject elicitationCompleteNotification(const QString& elicitationId)
{
    return QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                       {QStringLiteral("method"), QStringLiteral("notifications/elicitation/complete")},
                       {QStringLiteral("params"), QJsonObject{{QStringLiteral("elicitationId"), elicitationId}}}};
}

QJsonObject inputRequiredResult(const QString& key, const UrlElicitation& elicitation, const QString& requestState)
{
    const QJsonObject create{{QStringLiteral("method"), QStringLiteral("elicitation/create")},
                             {QStringLiteral("params"),
                              QJsonObject{{QStringLiteral("mode"), QStringLiteral("url")},
                                          {QStringLiteral("message"), elicitation.message},
                                          {QStringLiteral("url"), elicitation.url}}}};
    QJsonObject result = withModernMeta(QJsonObject{{QStringLiteral("inputRequests"), QJsonObject{{key, create}}},
                                                    {QStringLiteral("requestState"), requestState}});
    result.insert(QStringLiteral("resultType"), QStringLiteral("input_required"));
    return result;
}

QJsonObject urlElicitationCapability()
{
    return QJsonObject{{QStringLiteral("elicitation"), QJsonObject{{QStringLiteral("url"), QJsonObject()}}}};
}

QJsonObject missingRequiredCapabilityError(const QJsonValue& id, const QJsonObject& requiredCapabilities,
                                           const QString& message)
{
    return JsonRpc::error(id, JsonRpc::MissingRequiredClientCapability, message,
                          QJsonObject{{QStringLiteral("requiredCapabilities"), requiredCapabilities}});
}

QJsonObject invalidRequestStateError(const QJsonValue& id)
{
    return JsonRpc::error(id, JsonRpc::InvalidParams, QStringLiteral("Invalid or expired requestState"));
}

MrtrRetry mrtrRetry(const QJsonObject& params)
{
    MrtrRetry retry;
    const QJsonValue state = params.value(QLatin1String("requestState"));
    const QJsonValue responses = params.value(QLatin1String("inputResponses"));
    if (!state.isUndefined()) {
        if (!state.isString()) {
            retry.error = QStringLiteral("Invalid params: requestState must be a string");
            return retry;
        }
        retry.hasRequestState = true;
        retry.requestState = state.toString();
    }
    if (!responses.isUndefined()) {
        if (!responses.isObject()) {
            retry.error = QStringLiteral("Invalid params: inputResponses must be an object");
            return retry;
        }
        retry.inputResponses = responses.toObject();
    }
    return retry;
}

} // namespace Gateway::McpMessages
