// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolCaller.h"

#include "JsonRpc.h"
#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "backend/ClientCredentialsTokenSource.h"

#include "backend/ToolResultMapper.h"
#include "core/GatewaySnapshot.h"
#include "log/TrafficEvent.h"
#include "openapi/JsonSchemaValidator.h"
#include "openapi/ToolCallEncoder.h"
#include <QPointer>

namespace Gateway {

namespace {

// The forms in which a credential we sent could come back: the header value, a Basic/Bearer
// token, the decoded user:password pair and the password alone. Short strings are skipped.
QByteArrayList secretNeedles(const HttpHeaders& headers)
{
    QByteArrayList needles;
    auto add = [&needles](const QByteArray& n) {
        if (n.size() >= 4 && !needles.contains(n))
            needles.append(n);
    };
    for (const auto& h : headers) {
        const QByteArray& value = h.second;
        add(value);
        const qsizetype space = value.indexOf(' ');
        if (space <= 0)
            continue;
        const QByteArray scheme = value.left(space).toLower();
        const QByteArray rest = value.mid(space + 1);
        add(rest);
        if (scheme == "basic") {
            const QByteArray pair = QByteArray::fromBase64(rest);
            add(pair);
            add(pair.mid(pair.indexOf(':') + 1));
        }
    }
    return needles;
}

void redact(CallToolPayload& payload, const QByteArrayList& needles)
{
    for (const QByteArray& needle : needles) {
        QByteArray escaped = needle;
        escaped.replace('\\', "\\\\").replace('"', "\\\"");
        const bool inText = payload.text.contains(needle) || payload.text.contains(escaped);
        const bool inStructured = payload.structuredJson.contains(needle) || payload.structuredJson.contains(escaped);
        if (inText) {
            payload.text.replace(needle, "[redacted]");
            payload.text.replace(escaped, "[redacted]");
        }
        if (inStructured)
            payload.structuredJson.clear(); // the text block still carries the (redacted) answer
    }
}

} // namespace

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
        done({0,
              {},
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
        done({0,
              {},
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
    auto send = [backend, service, event](const EncodedCall& call, const BackendOptions& options, Done finished) {
        return backend->send(call, options, [service, event, finished, options](const BackendResult& result) {
            if (event) {
                event->backendStatus = result.status;
                event->backendMicros = result.elapsedMicros;
                event->backendError = result.errorClass;
            }
            CallToolPayload mapped
                = ToolResultMapper::payload(result, service->config.name, options.timeoutMs, options.maxResponseBytes);
            if (event)
                event->toolError = mapped.isError;
            finished({0, {}, std::move(mapped)});
        });
    };
    const BackendAuth& auth = service->config.backendAuth;
    if (auth.kind == BackendAuth::Kind::None || !credentials)
        return send(outgoing, options, done);
    if (auth.kind == BackendAuth::Kind::OAuth2ClientCredentials) {
        // The gateway's own token for the backend; a backend 401 forces one renewal and one retry.
        QPointer<ClientCredentialsTokenSource> source = credentials->tokenSourceFor(service->config.name, auth);
        auto attempt = std::make_shared<std::function<void(bool)>>();
        *attempt = [source, send, outgoing, options, event, done, attempt](bool retried) {
            if (!source) {
                done({0, {}, ToolResultMapper::errorPayload(QStringLiteral("backend token source is gone"))});
                return;
            }
            source->token([source, send, outgoing, options, event, done, attempt,
                           retried](const QByteArray& token, const QString& error) mutable {
                if (!error.isEmpty()) {
                    if (event) {
                        event->toolError = true;
                        event->backendError = QStringLiteral("BackendTokenUnavailable");
                    }
                    done({0, {}, ToolResultMapper::errorPayload(QStringLiteral("Backend token: %1").arg(error))});
                    *attempt = nullptr; // break the self-reference
                    return;
                }
                PreparedCredentials bearer;
                bearer.ok = true;
                bearer.headers.append({QByteArray("Authorization"), "Bearer " + token});
                BackendCredentials::applyHeaders(outgoing, bearer);
                const QByteArrayList needles = secretNeedles(bearer.headers);
                send(outgoing, options,
                     [source, token, event, done, attempt, retried, needles](const Outcome& outcome) {
                         if (!retried && event && event->backendStatus == 401 && source) {
                             source->invalidate(token);
                             (*attempt)(true);
                             return;
                         }
                         Outcome cleaned = outcome;
                         redact(cleaned.result, needles);
                         done(cleaned);
                         *attempt = nullptr;
                     });
            });
        };
        (*attempt)(false);
        return 0;
    }
    // A configured backend secret: resolved at call time (keychain or environment), and it
    // replaces any same-named header the caller sent.
    credentials->prepare(auth, auth.caCertificateRef,
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
                             // A backend that echoes the credential (error pages often do) must not
                             // hand it to the client: redact what we sent before the answer leaves.
                             const QByteArrayList needles = secretNeedles(prepared.headers);
                             send(outgoing, withTls, [done, needles](const Outcome& outcome) {
                                 Outcome cleaned = outcome;
                                 redact(cleaned.result, needles);
                                 done(cleaned);
                             });
                         });
    return 0;
}

} // namespace Gateway
