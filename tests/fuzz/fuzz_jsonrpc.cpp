// SPDX-License-Identifier: GPL-3.0-or-later
// The JSON-RPC envelope and MCP revision routing of a POST body, as McpEndpoint reads it: parse,
// classify (single message or batch), pick the revision (initialize's protocolVersion, or the
// stateless revision in params._meta), and build the answer envelope.
// Properties: classify() sorts every value into one kind, a request carries a string or integer
// id, an Invalid message has a reason, and every answer serializes to JSON that parses
// back (a request's answer with the same id).
#include "FuzzSupport.h"

#include "mcp/JsonRpc.h"
#include "mcp/ProtocolRevision.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Gateway;

FUZZ_INIT

namespace {

void route(const QJsonValue& value)
{
    const JsonRpc::Message msg = JsonRpc::classify(value);
    switch (msg.kind) {
    case JsonRpc::MessageKind::Invalid: FUZZ_CHECK(!msg.invalidReason.isEmpty()); break;
    case JsonRpc::MessageKind::Request: FUZZ_CHECK(msg.id.isString() || msg.id.isDouble()); break;
    case JsonRpc::MessageKind::Response: break;
    case JsonRpc::MessageKind::Notification: FUZZ_CHECK(msg.id.isNull() || msg.id.isUndefined()); break;
    }

    std::optional<ProtocolRevision> revision;
    if (msg.method == QLatin1String("initialize"))
        revision = Protocol::parse(msg.params.value(QLatin1String("protocolVersion")).toString());
    else
        revision = Protocol::parse(msg.params.value(QLatin1String("_meta"))
                                       .toObject()
                                       .value(QLatin1String("io.modelcontextprotocol/protocolVersion"))
                                       .toString());
    if (revision) {
        FUZZ_CHECK(Protocol::allNames().contains(Protocol::name(*revision)));
        FUZZ_CHECK(Protocol::parse(Protocol::name(*revision)) == revision);
    }

    const QJsonObject answer = msg.kind == JsonRpc::MessageKind::Request
        ? JsonRpc::result(msg.id, QJsonObject{{QStringLiteral("echo"), msg.method}})
        : JsonRpc::error(msg.id, JsonRpc::InvalidRequest, msg.invalidReason, msg.params, msg.id.isUndefined());
    const QByteArray wire = JsonRpc::serialize(answer);
    QJsonParseError error;
    const QJsonDocument back = QJsonDocument::fromJson(wire, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && back.isObject());
    if (msg.kind == JsonRpc::MessageKind::Request)
        FUZZ_CHECK(back.object().value(QLatin1String("id")) == msg.id);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray body = FuzzSupport::bytes(data, size);
    Protocol::parse(QString::fromUtf8(body.left(64))); // the MCP-Protocol-Version header
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error != QJsonParseError::NoError)
        return 0;
    if (doc.isArray()) {
        const QJsonArray batch = doc.array();
        for (qsizetype i = 0; i < batch.size() && i < 100; ++i)
            route(batch.at(i));
    } else {
        route(doc.object());
    }
    return 0;
}
