// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JsonRpc.h"
#include "McpMessages.h"
#include "ProtocolRevision.h"
#include "RequestStateSealer.h"
#include "SessionStore.h"
#include "http/HttpMessage.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace Gateway {

class BackendClient;
class BackendCredentials;
class ElicitationBroker;
class Exchange;
class GatewaySnapshot;
class ServiceRuntime;
class ToolCallPipeline;

// Serves one MCP endpoint per service at /mcp/{service}, speaking 2025-03-26 (with batches),
// 2025-06-18, 2025-11-25 (initialize + sessions + GET SSE) and 2026-07-28 (stateless, _meta,
// Mcp-Method/Mcp-Name) on the same path. Transport rules live here; method results in McpMethods.
class McpEndpoint : public QObject
{
    Q_OBJECT
public:
    McpEndpoint(BackendClient* backend, BackendCredentials* credentials, QObject* parent = nullptr);
    ~McpEndpoint() override;

    // Switches to a new snapshot; services whose tool list changed get
    // notifications/tools/list_changed on their open streams.
    void setSnapshot(const std::shared_ptr<const GatewaySnapshot>& snapshot);
    void handle(const std::shared_ptr<Exchange>& exchange, const std::shared_ptr<const ServiceRuntime>& service);
    SessionStore& sessions() { return m_sessions; }
    // Elicited backend credentials (not owned; null: the elicited kinds fail closed with a tool
    // error). Its elicitationFinished signal drives notifications/elicitation/complete.
    void setElicitationBroker(ElicitationBroker* broker);

    // Per-message context handed to method handlers.
    struct Call
    {
        std::shared_ptr<Exchange> exchange;
        std::shared_ptr<const ServiceRuntime> service;
        ProtocolRevision revision = ProtocolRevision::V2025_11_25;
        QByteArray sessionId;
        JsonRpc::Message message;
    };
    // Answer for one message: the serialized JSON-RPC response, the HTTP status to use (2026-07-28
    // maps some errors to 400/404) and the JSON-RPC error code (0 for results).
    struct RpcReply
    {
        QByteArray json;
        int httpStatus = 200;
        int errorCode = 0;
        std::optional<HttpResponse> httpDenial; // e.g. 403 insufficient_scope for a single message
        static RpcReply of(const QJsonObject& message, int httpStatus = 200);
    };
    using Reply = std::function<void(RpcReply)>;

    // --- Building blocks for URL-mode elicitation of backend secrets ---
    // The capabilities the client declared for this call: from initialize for a legacy session
    // (empty when the session is gone), from this request's _meta clientCapabilities in
    // 2026-07-28 (valid for this request only).
    QJsonObject declaredClientCapabilities(const Call& call);
    QJsonObject declaredClientCapabilities(ProtocolRevision revision, const QJsonObject& params,
                                           const QByteArray& sessionId, const QString& service,
                                           const QString& principal);
    McpMessages::ElicitationModes elicitationModes(const Call& call);
    // 2025-11-25: sends notifications/elicitation/complete on every open GET stream of the
    // session (the session must belong to `principal`). Returns the number of streams written;
    // 0 when none is open (the client then learns it from its retried call).
    int notifyElicitationComplete(const QString& service, const QByteArray& sessionId, const QString& principal,
                                  const QString& elicitationId);
    // Seals and opens requestState for this endpoint (in-memory rotating keys).
    RequestStateSealer& requestStates() { return m_requestStates; }
    // 2025-11-25: -32042 with data.elicitations (HTTP 200, as every legacy JSON-RPC error).
    static RpcReply urlElicitationRequiredReply(const QJsonValue& id,
                                                const QList<McpMessages::UrlElicitation>& elicitations);
    // 2026-07-28: a result with resultType "input_required" (HTTP 200).
    static RpcReply inputRequiredReply(const QJsonValue& id, const QString& key,
                                       const McpMessages::UrlElicitation& elicitation, const QString& requestState);
    // 2026-07-28: -32021 naming elicitation.url, HTTP 400.
    static RpcReply missingUrlElicitationReply(const QJsonValue& id);
    // 2026-07-28: -32602 "Invalid or expired requestState", the one answer for every bad state.
    static RpcReply invalidRequestStateReply(const QJsonValue& id);
    // Load shed: HTTP 503 + Retry-After: 1, JSON-RPC error -32000 with data.reason.
    static RpcReply overloadedReply(const QJsonValue& id);

private:
    void handlePost(const std::shared_ptr<Exchange>& exchange, const std::shared_ptr<const ServiceRuntime>& service);
    void handleGet(const std::shared_ptr<Exchange>& exchange, const std::shared_ptr<const ServiceRuntime>& service);
    void handleDelete(const std::shared_ptr<Exchange>& exchange, const std::shared_ptr<const ServiceRuntime>& service);
    void handleBatch(const std::shared_ptr<Exchange>& exchange, const std::shared_ptr<const ServiceRuntime>& service,
                     const QJsonArray& batch);
    void handleInitialize(const Call& call);
    void handleModern(Call call);
    void handleLegacy(Call call);
    void dispatch(const Call& call, Reply reply);
    void openSubscription(const Call& call);
    void notifyToolsChanged(const QString& service);
    void onElicitationFinished(const QString& elicitationId);

    McpSession* sessionFor(const std::shared_ptr<Exchange>& exchange, const QString& service, QByteArray* id,
                           const QJsonValue& rpcId);
    void fail(const std::shared_ptr<Exchange>& exchange, int httpStatus, const QJsonValue& id, int code,
              const QString& message, const QJsonValue& data = {});

    BackendClient* m_backend;
    BackendCredentials* m_credentials;
    SessionStore m_sessions;
    RequestStateSealer m_requestStates;
    std::shared_ptr<const GatewaySnapshot> m_snapshot;
    struct Subscription;
    QList<std::shared_ptr<Subscription>> m_subscriptions;
    // Legacy tools/call in flight per (session, JSON-RPC id), for notifications/cancelled.
    QHash<QPair<QByteArray, QByteArray>, std::weak_ptr<ToolCallPipeline>> m_callsInFlight;
    QHash<QString, int> m_toolCallsInFlight; // service -> tools/call requests in progress
    QPointer<ElicitationBroker> m_elicitation;
    // 2025-11-25 sessions told about a pending elicitation (-32042), to notify when it completes.
    struct ElicitationWaiter
    {
        QString service;
        QByteArray sessionId;
        QString principal; // the session's endpoint principal
    };
    QHash<QString, QList<ElicitationWaiter>> m_elicitationWaiters; // elicitationId -> sessions
    int m_elicitationWaiterCount = 0;
};

} // namespace Gateway
