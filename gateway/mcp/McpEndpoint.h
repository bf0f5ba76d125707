// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "JsonRpc.h"
#include "ProtocolRevision.h"
#include "SessionStore.h"
#include "http/HttpMessage.h"

#include <QJsonObject>
#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace Gateway {

class BackendClient;
class BackendCredentials;
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

    McpSession* sessionFor(const std::shared_ptr<Exchange>& exchange, const QString& service, QByteArray* id,
                           const QJsonValue& rpcId);
    void fail(const std::shared_ptr<Exchange>& exchange, int httpStatus, const QJsonValue& id, int code,
              const QString& message, const QJsonValue& data = {});

    BackendClient* m_backend;
    BackendCredentials* m_credentials;
    SessionStore m_sessions;
    std::shared_ptr<const GatewaySnapshot> m_snapshot;
    struct Subscription;
    QList<std::shared_ptr<Subscription>> m_subscriptions;
    // Legacy tools/call in flight per (session, JSON-RPC id), for notifications/cancelled.
    QHash<QPair<QByteArray, QByteArray>, std::weak_ptr<ToolCallPipeline>> m_callsInFlight;
};

} // namespace Gateway
