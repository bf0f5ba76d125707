// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolCaller.h"

#include "JsonRpc.h"
#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "backend/ToolResultMapper.h"
#include "core/GatewaySnapshot.h"
#include "log/TrafficEvent.h"
#include "openapi/JsonSchemaValidator.h"
#include "openapi/ToolCallEncoder.h"

namespace Gateway {

quint64 ToolCaller::call(BackendClient* backend, BackendCredentials* credentials,
                         const std::shared_ptr<const ServiceRuntime>& service, const QJsonObject& params,
                         const HttpHeaders& inboundHeaders, TrafficEvent* event, Done done)
{
    const QJsonValue nameValue = params.value(QLatin1String("name"));
    if (!nameValue.isString()) {
        done({JsonRpc::InvalidParams, QStringLiteral("Invalid params: 'name' must be a string"), {}});
        return 0;
    }
    const QString name = nameValue.toString();
    if (event)
        event->tool = name.left(128);
    const ToolDefinition* tool = service->tool(name);
    if (!tool) {
        done({JsonRpc::InvalidParams, QStringLiteral("Unknown tool: %1").arg(name.left(128)), {}});
        return 0;
    }
    const QJsonValue argumentsValue = params.value(QLatin1String("arguments"));
    if (!argumentsValue.isUndefined() && !argumentsValue.isNull() && !argumentsValue.isObject()) {
        done({JsonRpc::InvalidParams, QStringLiteral("Invalid params: 'arguments' must be an object"), {}});
        return 0;
    }
    const QJsonObject arguments = argumentsValue.toObject();

    const JsonSchemaValidator::Result validation = JsonSchemaValidator::validate(tool->inputSchema, arguments);
    if (!validation.valid) {
        if (event) {
            event->detail = QStringLiteral("invalid arguments");
            event->toolError = true;
        }
        done({0, {},
              ToolResultMapper::errorPayload(QStringLiteral("Invalid arguments for tool '%1': %2")
                                                 .arg(name, validation.errors.join(QStringLiteral("; "))))});
        return 0;
    }
    const EncodedCall encoded = ToolCallEncoder::encode(*tool, service->baseUrl, arguments);
    if (!encoded.ok) {
        if (event) {
            event->detail = QStringLiteral("arguments could not be encoded");
            event->toolError = true;
        }
        done({0, {},
              ToolResultMapper::errorPayload(
                  QStringLiteral("Invalid arguments for tool '%1': %2").arg(name, encoded.error))});
        return 0;
    }

    BackendOptions options;
    options.timeoutMs = service->config.timeoutMs;
    options.maxResponseBytes = service->config.maxResponseBytes;
    EncodedCall outgoing = encoded;
    if (service->config.security.mode == EndpointSecurity::Mode::None) {
        // reShapr semantics: without endpoint security the caller's headers reach the backend
        // (never hop-by-hop, MCP transport or gateway credentials).
        for (const auto& h : BackendCredentials::propagatedHeaders(inboundHeaders, true)) {
            bool present = false;
            for (const auto& own : std::as_const(outgoing.headers))
                present = present || own.first.compare(h.first, Qt::CaseInsensitive) == 0;
            if (!present)
                outgoing.headers.append(h);
        }
    }
    // The service runtime is captured so its tool stays alive even if a reload drops it meanwhile.
    auto send = [backend, service, event, done](const EncodedCall& call, const BackendOptions& options) {
        return backend->send(call, options, [service, event, done, options](const BackendResult& result) {
            if (event) {
                event->backendStatus = result.status;
                event->backendMicros = result.elapsedMicros;
                event->backendError = result.errorClass;
            }
            CallToolPayload mapped = ToolResultMapper::payload(result, service->config.name, options.timeoutMs,
                                                               options.maxResponseBytes);
            if (event)
                event->toolError = mapped.isError;
            done({0, {}, std::move(mapped)});
        });
    };
    if (service->config.backendAuth.kind == BackendAuth::Kind::None || !credentials)
        return send(outgoing, options);
    // A configured backend secret: resolved at call time (keychain or environment), and it
    // replaces any same-named header the caller sent.
    credentials->prepare(service->config.backendAuth,
                         [send, outgoing, options, event, done](const PreparedCredentials& prepared) mutable {
                             if (!prepared.ok) {
                                 if (event) {
                                     event->toolError = true;
                                     event->backendError = QStringLiteral("BackendSecretUnavailable");
                                 }
                                 done({0, {}, ToolResultMapper::errorPayload(prepared.error)});
                                 return;
                             }
                             BackendCredentials::applyHeaders(outgoing, prepared);
                             BackendOptions withTls = options;
                             if (prepared.hasTls) {
                                 withTls.tls = prepared.tls;
                                 withTls.tlsProfile = prepared.tlsProfile;
                             }
                             send(outgoing, withTls);
                         });
    return 0;
}
} // namespace Gateway
