// SPDX-License-Identifier: GPL-3.0-or-later
#include "McpEndpoint.h"

#include "McpMessages.h"
#include "ToolCallPipeline.h"
#include "backend/BackendClient.h"
#include "core/Exchange.h"
#include "core/GatewaySnapshot.h"
#include "elicit/ElicitationBroker.h"
#include "elicit/ElicitedCredentialSource.h"
#include "security/EndpointGuard.h"
#include "security/RateLimiter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>

namespace Gateway {

namespace {

const QLatin1String kMetaVersion("io.modelcontextprotocol/protocolVersion");
const QLatin1String kMetaCapabilities("io.modelcontextprotocol/clientCapabilities");
[[maybe_unused]] const QLatin1String kMetaClientInfo("io.modelcontextprotocol/clientInfo");
const QLatin1String kMetaSubscriptionId("io.modelcontextprotocol/subscriptionId");
constexpr int kKeepAliveMs = 15000;
// The inputRequests key of the one URL elicitation a tools/call can need (2026-07-28).
const QLatin1String kCredentialInputKey("backend-credential");
// 2025-11-25 sessions remembered for notifications/elicitation/complete (flows expire in 10 min).
constexpr int kMaxElicitationWaiters = 10000;
// JSON-RPC implementation-defined server error for a request shed under load.
constexpr int kOverloadedCode = -32000;

bool mediaTypeIs(const QByteArray& headerValue, const QByteArray& type)
{
    const QByteArray base = headerValue.split(';').first().trimmed().toLower();
    return base == type;
}

// True when an Accept header admits `type` ("application/json", "text/event-stream").
bool accepts(const QByteArray& accept, const QByteArray& type)
{
    const QByteArray major = type.left(type.indexOf('/')) + "/*";
    for (const QByteArray& part : accept.split(',')) {
        const QByteArray range = part.split(';').first().trimmed().toLower();
        if (range == type || range == "*/*" || range == major)
            return true;
    }
    return false;
}

// Header values that are not plain ASCII travel as =?base64?...?= (2026-07-28).
QString decodeMirroredHeader(const QByteArray& raw, bool* ok)
{
    *ok = true;
    if (raw.startsWith("=?base64?") && raw.endsWith("?=") && raw.size() >= 11) {
        const auto decoded
            = QByteArray::fromBase64Encoding(raw.mid(9, raw.size() - 11), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            *ok = false;
            return {};
        }
        return QString::fromUtf8(*decoded);
    }
    for (char c : raw) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) {
            *ok = false;
            return {};
        }
    }
    return QString::fromLatin1(raw);
}

QString shortSession(const QByteArray& id)
{
    return QString::fromLatin1(id.left(8));
}

} // namespace

McpEndpoint::RpcReply McpEndpoint::RpcReply::of(const QJsonObject& message, int httpStatus)
{
    RpcReply reply;
    reply.json = JsonRpc::serialize(message);
    reply.httpStatus = httpStatus;
    reply.errorCode = message.value(QLatin1String("error"))[QLatin1String("code")].toInt();
    return reply;
}

struct McpEndpoint::Subscription
{
    QPointer<SseStream> stream;
    QString service;
    QJsonValue requestId;
    bool toolsListChanged = false;
};

McpEndpoint::McpEndpoint(BackendClient* backend, BackendCredentials* credentials, QObject* parent)
    : QObject(parent)
    , m_backend(backend)
    , m_credentials(credentials)
    , m_sessions(1000, 30 * 60 * 1000)
{
    auto* sweep = new QTimer(this);
    connect(sweep, &QTimer::timeout, this, [this]() { m_sessions.expireIdle(); });
    sweep->start(60 * 1000);
}

McpEndpoint::~McpEndpoint() = default;

void McpEndpoint::setSnapshot(const std::shared_ptr<const GatewaySnapshot>& snapshot)
{
    const auto previous = m_snapshot;
    m_snapshot = snapshot;
    m_sessions.setLimits(snapshot->settings.maxSessions, snapshot->settings.sessionIdleTimeoutMs,
                         snapshot->settings.maxSessionsPerPrincipal);
    if (!previous)
        return;
    for (auto it = previous->services.cbegin(); it != previous->services.cend(); ++it) {
        const auto now = snapshot->service(it.key());
        if (!now || now->toolsFingerprint != (*it)->toolsFingerprint)
            notifyToolsChanged(it.key());
    }
}

void McpEndpoint::setElicitationBroker(ElicitationBroker* broker)
{
    if (m_elicitation)
        disconnect(m_elicitation, nullptr, this, nullptr);
    m_elicitation = broker;
    if (broker)
        connect(broker, &ElicitationBroker::elicitationFinished, this,
                [this](const QString& elicitationId, const QString&, const QString&, ElicitationFlowStatus) {
                    onElicitationFinished(elicitationId);
                });
}

void McpEndpoint::onElicitationFinished(const QString& elicitationId)
{
    // Every ending is worth telling: after a completion the retry succeeds, after a decline or an
    // expiry the retry asks again with a new link.
    const QList<ElicitationWaiter> waiters = m_elicitationWaiters.take(elicitationId);
    m_elicitationWaiterCount -= int(waiters.size());
    for (const ElicitationWaiter& w : waiters)
        notifyElicitationComplete(w.service, w.sessionId, w.principal, elicitationId);
}

void McpEndpoint::notifyToolsChanged(const QString& service)
{
    const QByteArray legacy
        = JsonRpc::serialize(McpMessages::toolsListChangedNotification(QJsonValue(QJsonValue::Undefined)));
    for (McpSession* session : m_sessions.sessionsOf(service)) {
        for (const auto& stream : std::as_const(session->streams)) {
            if (stream && stream->isOpen())
                stream->sendEvent(legacy, QByteArray::number(session->nextEventId++));
        }
    }
    for (const auto& sub : std::as_const(m_subscriptions)) {
        if (sub->stream && sub->service == service && sub->toolsListChanged)
            sub->stream->sendEvent(JsonRpc::serialize(McpMessages::toolsListChangedNotification(sub->requestId)));
    }
}

QJsonObject McpEndpoint::declaredClientCapabilities(const Call& call)
{
    return declaredClientCapabilities(call.revision, call.message.params, call.sessionId, call.service->config.name,
                                      call.exchange->event().principal);
}

QJsonObject McpEndpoint::declaredClientCapabilities(ProtocolRevision revision, const QJsonObject& params,
                                                    const QByteArray& sessionId, const QString& service,
                                                    const QString& principal)
{
    if (!Protocol::isLegacy(revision))
        return params.value(QLatin1String("_meta")).toObject().value(kMetaCapabilities).toObject();
    const McpSession* session = sessionId.isEmpty() ? nullptr : m_sessions.find(sessionId, service, principal);
    return session ? session->clientCapabilities : QJsonObject();
}

McpMessages::ElicitationModes McpEndpoint::elicitationModes(const Call& call)
{
    return McpMessages::elicitationModes(call.revision, declaredClientCapabilities(call));
}

int McpEndpoint::notifyElicitationComplete(const QString& service, const QByteArray& sessionId,
                                           const QString& principal, const QString& elicitationId)
{
    McpSession* session = m_sessions.find(sessionId, service, principal);
    if (!session || session->revision != ProtocolRevision::V2025_11_25)
        return 0;
    const QByteArray message = JsonRpc::serialize(McpMessages::elicitationCompleteNotification(elicitationId));
    int sent = 0;
    for (const auto& stream : std::as_const(session->streams)) {
        if (stream && stream->isOpen() && stream->sendEvent(message, QByteArray::number(session->nextEventId++)))
            ++sent;
    }
    return sent;
}

McpEndpoint::RpcReply McpEndpoint::urlElicitationRequiredReply(const QJsonValue& id,
                                                               const QList<McpMessages::UrlElicitation>& elicitations)
{
    return RpcReply::of(McpMessages::urlElicitationRequiredError(id, elicitations));
}

McpEndpoint::RpcReply McpEndpoint::inputRequiredReply(const QJsonValue& id, const QString& key,
                                                      const McpMessages::UrlElicitation& elicitation,
                                                      const QString& requestState)
{
    return RpcReply::of(JsonRpc::result(id, McpMessages::inputRequiredResult(key, elicitation, requestState)));
}

McpEndpoint::RpcReply McpEndpoint::missingUrlElicitationReply(const QJsonValue& id)
{
    return RpcReply::of(McpMessages::missingRequiredCapabilityError(
                            id, McpMessages::urlElicitationCapability(),
                            QStringLiteral("Missing required client capability: elicitation.url (this call needs a "
                                           "credential the person enters on a page the gateway serves)")),
                        400);
}

McpEndpoint::RpcReply McpEndpoint::overloadedReply(const QJsonValue& id)
{
    // HTTP 503 + Retry-After: MCP SDK transports treat a non-2xx answer as a failed request (the
    // application sees a transport error, the model does not read it as the tool's answer), and
    // HTTP clients and proxies know when to retry. The body is the JSON-RPC error for this id (in a
    // batch it is the member's answer).
    const QJsonObject error
        = JsonRpc::error(id, kOverloadedCode,
                         QStringLiteral("Server overloaded: too many tools/call in progress for "
                                        "this service; retry after 1 s"),
                         QJsonObject{{QStringLiteral("reason"), QStringLiteral("tool_calls_in_flight")},
                                     {QStringLiteral("retryAfterSeconds"), 1}});
    RpcReply reply = RpcReply::of(error, 503);
    reply.errorCode = kOverloadedCode;
    HttpResponse denial = HttpResponse::json(503, reply.json);
    denial.setHeader("Retry-After", "1");
    reply.httpDenial = denial;
    return reply;
}

McpEndpoint::RpcReply McpEndpoint::invalidRequestStateReply(const QJsonValue& id)
{
    return RpcReply::of(McpMessages::invalidRequestStateError(id));
}

void McpEndpoint::fail(const std::shared_ptr<Exchange>& exchange, int httpStatus, const QJsonValue& id, int code,
                       const QString& message, const QJsonValue& data)
{
    exchange->event().rpcErrorCode = code;
    if (exchange->event().detail.isEmpty())
        exchange->event().detail = message.left(200);
    // 2025-11-25 and later omit an unknown id; the older schemas want a value, and JSON-RPC says null.
    const bool omitUnknownId = exchange->event().protocolRevision.isEmpty()
        || exchange->event().protocolRevision >= QLatin1String("2025-11-25");
    exchange->respondJson(httpStatus, JsonRpc::error(id, code, message, data, omitUnknownId));
}

void McpEndpoint::handle(const std::shared_ptr<Exchange>& exchange,
                         const std::shared_ptr<const ServiceRuntime>& service)
{
    const QByteArray& method = exchange->request().method;
    if (method == "POST")
        handlePost(exchange, service);
    else if (method == "GET")
        handleGet(exchange, service);
    else if (method == "DELETE")
        handleDelete(exchange, service);
    else
        exchange->respondJson(405, QJsonObject{{QStringLiteral("error"), QStringLiteral("method not allowed")}},
                              {{"Allow", "GET, POST, DELETE"}});
}

McpSession* McpEndpoint::sessionFor(const std::shared_ptr<Exchange>& exchange, const QString& service, QByteArray* id,
                                    const QJsonValue& rpcId)
{
    const QByteArrayList ids = exchange->request().headerValues("Mcp-Session-Id");
    if (ids.isEmpty()) {
        fail(exchange, 400, rpcId, JsonRpc::InvalidRequest,
             QStringLiteral("Bad Request: Mcp-Session-Id header is required; send initialize first"));
        return nullptr;
    }
    if (ids.size() > 1 || !SessionStore::isWellFormedId(ids.first())) {
        fail(exchange, 400, rpcId, JsonRpc::InvalidRequest, QStringLiteral("Bad Request: malformed Mcp-Session-Id"));
        return nullptr;
    }
    McpSession* session = m_sessions.find(ids.first(), service, exchange->event().principal);
    if (!session) {
        fail(exchange, 404, rpcId, JsonRpc::InvalidRequest, QStringLiteral("Session not found"));
        return nullptr;
    }
    *id = ids.first();
    exchange->event().session = shortSession(session->id);
    exchange->event().protocolRevision = Protocol::name(session->revision);
    return session;
}

void McpEndpoint::handlePost(const std::shared_ptr<Exchange>& exchange,
                             const std::shared_ptr<const ServiceRuntime>& service)
{
    const HttpRequest& request = exchange->request();
    // Errors raised before the message is understood still take the shape of the session's revision.
    const QByteArray sessionHeader = request.header("Mcp-Session-Id");
    if (const McpSession* session = sessionHeader.isEmpty()
            ? nullptr
            : m_sessions.find(sessionHeader, service->config.name, exchange->event().principal))
        exchange->event().protocolRevision = Protocol::name(session->revision);
    if (!mediaTypeIs(request.header("Content-Type"), "application/json")) {
        fail(exchange, 415, {}, JsonRpc::InvalidRequest,
             QStringLiteral("Unsupported Media Type: Content-Type must be application/json"));
        return;
    }
    const QByteArray accept = request.header("Accept");
    if (!accepts(accept, "application/json") || !accepts(accept, "text/event-stream")) {
        fail(exchange, 406, {}, JsonRpc::InvalidRequest,
             QStringLiteral("Not Acceptable: Accept must list application/json and text/event-stream"));
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        fail(exchange, 400, {}, JsonRpc::ParseError,
             QStringLiteral("Parse error: %1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
        return;
    }
    if (doc.isArray()) {
        handleBatch(exchange, service, doc.array());
        return;
    }
    Call call;
    call.exchange = exchange;
    call.service = service;
    call.message = JsonRpc::classify(doc.object());
    exchange->event().rpcMethod = call.message.method.left(64);
    if (call.message.kind == JsonRpc::MessageKind::Invalid) {
        fail(exchange, 400, call.message.id, JsonRpc::InvalidRequest,
             QStringLiteral("Invalid Request: %1").arg(call.message.invalidReason));
        return;
    }
    // A request is 2026-07-28 when its _meta names a protocol version, or when it carries no
    // _meta version but the MCP-Protocol-Version header says 2026-07-28 (then it is rejected for
    // the missing _meta key). Legacy clients never send that header: initialize never negotiates
    // it. initialize itself is legacy unless its _meta names a version; as a 2026-07-28 request
    // it is an unknown method (404, -32601).
    const QJsonObject meta = call.message.params.value(QLatin1String("_meta")).toObject();
    if (meta.contains(kMetaVersion)) {
        handleModern(std::move(call));
        return;
    }
    if (call.message.method == QLatin1String("initialize")) {
        handleInitialize(call);
        return;
    }
    const QByteArrayList versionHeaders = request.headerValues("MCP-Protocol-Version");
    const auto headerRevision
        = versionHeaders.size() == 1 ? Protocol::parse(QString::fromLatin1(versionHeaders.first())) : std::nullopt;
    if (headerRevision && !Protocol::isLegacy(*headerRevision))
        handleModern(std::move(call));
    else
        handleLegacy(std::move(call));
}

void McpEndpoint::handleInitialize(const Call& call)
{
    const auto& exchange = call.exchange;
    if (call.message.kind != JsonRpc::MessageKind::Request) {
        fail(exchange, 400, {}, JsonRpc::InvalidRequest,
             QStringLiteral("Invalid Request: initialize must be a request"));
        return;
    }
    const QJsonValue requested = call.message.params.value(QLatin1String("protocolVersion"));
    if (!requested.isString()) {
        fail(exchange, 400, call.message.id, JsonRpc::InvalidParams,
             QStringLiteral("Invalid params: protocolVersion must be a string"));
        return;
    }
    // Echo a legacy revision we serve; anything else (even 2026-07-28) gets our newest legacy one.
    auto revision = Protocol::parse(requested.toString());
    if (!revision || !Protocol::isLegacy(*revision))
        revision = Protocol::latestLegacy;
    McpSession* session
        = m_sessions.create(call.service->config.name, exchange->event().principal, *revision,
                            RateLimiter::personOf(exchange->event().principal, exchange->request().peerAddress));
    if (!session) {
        // Full of other people's sessions: none of theirs is ended to make room.
        exchange->event().detail = QStringLiteral("session_cap: no session slot free");
        exchange->respondJson(503,
                              JsonRpc::error(call.message.id, JsonRpc::InternalError,
                                             QStringLiteral("Too many sessions; retry later"), {}, false),
                              {{"Retry-After", "60"}});
        return;
    }
    session->clientCapabilities = call.message.params.value(QLatin1String("capabilities")).toObject();
    session->clientInfo = call.message.params.value(QLatin1String("clientInfo")).toObject();
    exchange->event().protocolRevision = Protocol::name(*revision);
    exchange->event().session = shortSession(session->id);
    exchange->respondJson(200,
                          JsonRpc::result(call.message.id, McpMessages::initializeResult(*revision, *call.service)),
                          {{"Mcp-Session-Id", session->id}});
}

void McpEndpoint::handleModern(Call call)
{
    const auto& exchange = call.exchange;
    const JsonRpc::Message& msg = call.message;
    call.revision = ProtocolRevision::V2026_07_28;
    const QJsonObject meta = msg.params.value(QLatin1String("_meta")).toObject();
    const QJsonValue version = meta.value(kMetaVersion);
    exchange->event().protocolRevision = version.toString().left(32);
    // Missing _meta or a missing/non-string version is a params error (-32602, HTTP 400).
    if (!version.isString()) {
        fail(exchange, 400, msg.id, JsonRpc::InvalidParams,
             QStringLiteral("Invalid params: _meta[\"%1\"] is required and must be a string").arg(kMetaVersion));
        return;
    }
    const HttpRequest& request = exchange->request();
    const bool isRequest = msg.kind == JsonRpc::MessageKind::Request;
    // The header must equal the body's version whatever that version is: a disagreement is a
    // header mismatch (-32020) before the version itself is judged. Notifications have no
    // defined headers.
    const QByteArrayList versionHeaders = request.headerValues("MCP-Protocol-Version");
    if (isRequest
        && (versionHeaders.size() != 1 || QString::fromLatin1(versionHeaders.first()) != version.toString())) {
        fail(exchange, 400, msg.id, JsonRpc::HeaderMismatch,
             QStringLiteral("Header mismatch: MCP-Protocol-Version must equal the _meta protocol version"));
        return;
    }
    // data.supported lists exactly what server/discover lists (a client retries with one of
    // them in _meta); legacy revisions stay reachable through initialize.
    const auto revision = Protocol::parse(version.toString());
    if (!revision || Protocol::isLegacy(*revision)) {
        fail(exchange, 400, msg.id, JsonRpc::UnsupportedProtocolVersion, QStringLiteral("Unsupported protocol version"),
             QJsonObject{{QStringLiteral("supported"), QJsonArray::fromStringList(Protocol::statelessNames())},
                         {QStringLiteral("requested"), version.toString()}});
        return;
    }
    if (!isRequest) {
        exchange->respond(HttpResponse::empty(202));
        return;
    }
    bool ok = false;
    const QByteArrayList methodHeaders = request.headerValues("Mcp-Method");
    const QString methodHeader
        = methodHeaders.size() == 1 ? decodeMirroredHeader(methodHeaders.first(), &ok) : QString();
    if (!ok || methodHeader != msg.method) {
        fail(exchange, 400, msg.id, JsonRpc::HeaderMismatch,
             QStringLiteral("Header mismatch: Mcp-Method must equal the JSON-RPC method"));
        return;
    }
    QString nameKey;
    if (msg.method == QLatin1String("tools/call") || msg.method == QLatin1String("prompts/get"))
        nameKey = QStringLiteral("name");
    else if (msg.method == QLatin1String("resources/read"))
        nameKey = QStringLiteral("uri");
    if (!nameKey.isEmpty()) {
        const QByteArrayList nameHeaders = request.headerValues("Mcp-Name");
        const QString nameHeader = nameHeaders.size() == 1 ? decodeMirroredHeader(nameHeaders.first(), &ok) : QString();
        const QJsonValue bodyName = msg.params.value(nameKey);
        if (nameHeaders.size() != 1 || !ok || !bodyName.isString() || nameHeader != bodyName.toString()) {
            fail(exchange, 400, msg.id, JsonRpc::HeaderMismatch,
                 QStringLiteral("Header mismatch: Mcp-Name must equal params.%1").arg(nameKey));
            return;
        }
    }
    if (!meta.value(kMetaCapabilities).isObject()) {
        fail(exchange, 400, msg.id, JsonRpc::InvalidParams,
             QStringLiteral("Invalid params: _meta[\"%1\"] is required").arg(kMetaCapabilities));
        return;
    }
    if (msg.method == QLatin1String("subscriptions/listen")) {
        openSubscription(call);
        return;
    }
    dispatch(call, [exchange](const RpcReply& reply) {
        exchange->event().rpcErrorCode = reply.errorCode;
        exchange->respond(reply.httpDenial ? *reply.httpDenial : HttpResponse::json(reply.httpStatus, reply.json));
    });
}

void McpEndpoint::handleLegacy(Call call)
{
    const auto& exchange = call.exchange;
    McpSession* session = sessionFor(exchange, call.service->config.name, &call.sessionId, call.message.id);
    if (!session)
        return;
    call.revision = session->revision;
    // Any revision this endpoint serves by sessions is acceptable (the official conformance suite
    // sends another supported one); invalid or unsupported values get 400.
    const QByteArrayList versionHeaders = exchange->request().headerValues("MCP-Protocol-Version");
    if (!versionHeaders.isEmpty()) {
        const auto headerRevision = Protocol::parse(QString::fromLatin1(versionHeaders.first()));
        if (versionHeaders.size() > 1 || !headerRevision || !Protocol::isLegacy(*headerRevision)) {
            fail(exchange, 400, call.message.id, JsonRpc::InvalidRequest,
                 QStringLiteral("Bad Request: unsupported MCP-Protocol-Version (this session negotiated %1)")
                     .arg(Protocol::name(session->revision)));
            return;
        }
    }
    if (call.message.kind == JsonRpc::MessageKind::Notification) {
        if (call.message.method == QLatin1String("notifications/initialized"))
            session->initialized = true;
        if (call.message.method == QLatin1String("notifications/cancelled")) {
            const QJsonValue requestId = call.message.params.value(QLatin1String("requestId"));
            const auto key
                = qMakePair(call.sessionId, JsonRpc::serialize(QJsonObject{{QStringLiteral("id"), requestId}}));
            // Works for every backend auth kind, in every stage of the call.
            if (const auto pipeline = m_callsInFlight.take(key).lock())
                pipeline->cancel(QStringLiteral("cancelled by the client"));
        }
        exchange->respond(HttpResponse::empty(202));
        return;
    }
    if (call.message.kind == JsonRpc::MessageKind::Response) {
        exchange->respond(HttpResponse::empty(202));
        return;
    }
    dispatch(call, [exchange](const RpcReply& reply) {
        exchange->event().rpcErrorCode = reply.errorCode;
        exchange->respond(reply.httpDenial ? *reply.httpDenial : HttpResponse::json(200, reply.json));
    });
}

void McpEndpoint::handleBatch(const std::shared_ptr<Exchange>& exchange,
                              const std::shared_ptr<const ServiceRuntime>& service, const QJsonArray& batch)
{
    exchange->event().rpcMethod = QStringLiteral("batch");
    QByteArray sessionId;
    McpSession* session = sessionFor(exchange, service->config.name, &sessionId, {});
    if (!session)
        return;
    if (session->revision != ProtocolRevision::V2025_03_26) {
        fail(exchange, 400, {}, JsonRpc::InvalidRequest,
             QStringLiteral("Invalid Request: JSON-RPC batches are not part of revision %1")
                 .arg(Protocol::name(session->revision)));
        return;
    }
    if (batch.isEmpty() || batch.size() > 100) {
        fail(exchange, 400, {}, JsonRpc::InvalidRequest,
             QStringLiteral("Invalid Request: batch must hold 1 to 100 messages"));
        return;
    }
    struct Gather
    {
        QVector<QByteArray> responses;
        int pending = 0;
        bool any = false;
    };
    auto gather = std::make_shared<Gather>();
    gather->responses.resize(batch.size());
    gather->pending = batch.size();
    auto finishOne = [exchange, gather]() {
        if (--gather->pending > 0)
            return;
        QByteArrayList parts;
        for (const QByteArray& r : std::as_const(gather->responses)) {
            if (!r.isEmpty())
                parts.append(r);
        }
        if (parts.isEmpty()) {
            exchange->respond(HttpResponse::empty(202));
            return;
        }
        exchange->respond(HttpResponse::json(200, '[' + parts.join(',') + ']'));
    };
    for (int i = 0; i < batch.size(); ++i) {
        Call call;
        call.exchange = exchange;
        call.service = service;
        call.revision = session->revision;
        call.sessionId = sessionId;
        call.message = JsonRpc::classify(batch.at(i));
        const JsonRpc::Message& msg = call.message;
        if (msg.kind == JsonRpc::MessageKind::Invalid) {
            gather->responses[i] = JsonRpc::serialize(JsonRpc::error(
                msg.id, JsonRpc::InvalidRequest, QStringLiteral("Invalid Request: %1").arg(msg.invalidReason)));
            finishOne();
        } else if (msg.method == QLatin1String("initialize")) {
            gather->responses[i] = JsonRpc::serialize(JsonRpc::error(
                msg.id, JsonRpc::InvalidRequest, QStringLiteral("Invalid Request: initialize must not be batched")));
            finishOne();
        } else if (msg.kind != JsonRpc::MessageKind::Request) {
            if (msg.method == QLatin1String("notifications/initialized"))
                session->initialized = true;
            finishOne();
        } else {
            dispatch(call, [gather, i, finishOne](const RpcReply& reply) {
                gather->responses[i] = reply.json;
                finishOne();
            });
        }
    }
}

void McpEndpoint::dispatch(const Call& call, Reply reply)
{
    const JsonRpc::Message& msg = call.message;
    const bool modern = call.revision == ProtocolRevision::V2026_07_28;
    const QString& method = msg.method;
    if (method == QLatin1String("tools/list")) {
        QString error;
        const QJsonObject result = McpMessages::listToolsResult(call.revision, *call.service,
                                                                msg.params.value(QLatin1String("cursor")), &error);
        if (!error.isEmpty())
            reply(RpcReply::of(JsonRpc::error(msg.id, JsonRpc::InvalidParams, error)));
        else
            reply(RpcReply::of(JsonRpc::result(msg.id, result)));
        return;
    }
    if (method == QLatin1String("tools/call")) {
        const auto exchange = call.exchange;
        const QJsonValue id = msg.id;
        const ProtocolRevision revision = call.revision;
        // Load shedding: past the service's cap on calls in progress, answer at once instead of
        // queueing behind the backend (a queued call would only answer late, or time out).
        const QString serviceName = call.service->config.name;
        const int inFlightCap
            = m_snapshot ? m_snapshot->settings.maxToolCallsInFlight : GatewaySettings().maxToolCallsInFlight;
        if (m_toolCallsInFlight.value(serviceName) >= inFlightCap) {
            exchange->event().tool = msg.params.value(QLatin1String("name")).toString().left(128);
            exchange->event().overload = QStringLiteral("tool_calls_in_flight");
            exchange->event().detail
                = QStringLiteral("overloaded: %1 tools/call already in progress for this service").arg(inFlightCap);
            reply(overloadedReply(id));
            return;
        }
        // Per-tool scopes: tools/list still lists the tool; calling it needs the extra scopes.
        const AuthDecision scopes = EndpointGuard::checkToolScopes(
            call.service->config.security, msg.params.value(QLatin1String("name")).toString(), exchange->grantedScopes,
            exchange->resourceMetadataUrl);
        if (!scopes.allowed) {
            exchange->event().authDecision = scopes.decision;
            exchange->event().authReason = scopes.reason;
            exchange->event().tool = msg.params.value(QLatin1String("name")).toString().left(128);
            RpcReply denied
                = RpcReply::of(JsonRpc::error(id, JsonRpc::InvalidRequest, QStringLiteral("insufficient scope")));
            denied.httpDenial = scopes.denial;
            reply(denied);
            return;
        }
        const auto key = qMakePair(call.sessionId, JsonRpc::serialize(QJsonObject{{QStringLiteral("id"), id}}));
        const ServiceConfig& config = call.service->config;
        // Elicited backend credentials: the person the credential belongs to, what the client can
        // show, and (2026-07-28) the sealed requestState of a retried call.
        const bool elicited = config.backendAuth.isElicited();
        QString person;
        McpMessages::ElicitationModes modes;
        RequestStateBinding binding;
        if (elicited) {
            person = ElicitationBroker::personFor(config.security.mode, exchange->event().principal,
                                                  modern ? QString() : QString::fromLatin1(call.sessionId));
            modes = elicitationModes(call);
            binding.principal = person;
            binding.service = config.name;
            binding.method = method;
            binding.toolName = msg.params.value(QLatin1String("name")).toString();
            binding.argumentsDigest = RequestStateSealer::argumentsDigest(msg.params.value(QLatin1String("arguments")));
        }
        if (elicited && modern) {
            const McpMessages::MrtrRetry retry = McpMessages::mrtrRetry(msg.params);
            if (!retry.error.isEmpty()) {
                reply(RpcReply::of(JsonRpc::error(id, JsonRpc::InvalidParams, retry.error)));
                return;
            }
            if (retry.hasRequestState) {
                QString reason;
                const std::optional<QByteArray> flowId
                    = person.isEmpty() ? std::nullopt : m_requestStates.open(retry.requestState, binding, &reason);
                if (!flowId) {
                    exchange->event().detail = QStringLiteral("requestState refused: %1")
                                                   .arg(person.isEmpty() ? QStringLiteral("no identity") : reason)
                                                   .left(200);
                    reply(invalidRequestStateReply(id));
                    return;
                }
                // The client's answer to the URL elicitation: decline or cancel ends the person's flow.
                // accept only means the page was opened; the flow's own state decides what follows.
                const QJsonValue action
                    = retry.inputResponses.value(kCredentialInputKey).toObject().value(QLatin1String("action"));
                if (action == QLatin1String("decline") || action == QLatin1String("cancel")) {
                    if (m_elicitation)
                        m_elicitation->decline(QString::fromLatin1(*flowId), person);
                    exchange->event().tool = binding.toolName.left(128);
                    exchange->event().detail = QStringLiteral("elicitation declined by the client");
                    reply({McpMessages::callToolResponse(
                               revision, id,
                               ToolResultMapper::errorPayload(
                                   QStringLiteral("The backend credential for service '%1' was not provided (the "
                                                  "request was declined), so the tool was not called.")
                                       .arg(config.name))),
                           200, 0, std::nullopt});
                    return;
                }
            }
        }
        ToolCallPipeline::Input input;
        input.service = call.service;
        input.params = msg.params;
        input.inboundHeaders = exchange->request().headers;
        // Who the caller is, for credentials bound to a person: the endpoint's principal, or the
        // MCP session when the endpoint checks nobody (2026-07-28 without security: anonymous).
        if (call.service->config.security.mode != EndpointSecurity::Mode::None)
            input.principal = exchange->event().principal;
        else if (!call.sessionId.isEmpty())
            input.principal = QStringLiteral("mcp-session:") + QString::fromLatin1(call.sessionId);
        ToolCallPipeline::Dependencies deps{m_backend, m_credentials, {}};
        if (elicited && m_elicitation && m_snapshot) {
            const ElicitationContext context = ElicitationBroker::contextFor(
                config, m_snapshot->settings, person, Protocol::name(revision), exchange->request());
            deps.credentialSources = [broker = m_elicitation,
                                      context](const CredentialRequest& request) -> std::unique_ptr<CredentialSource> {
                if (!request.auth.isElicited())
                    return nullptr;
                return std::make_unique<ElicitedCredentialSource>(broker, context);
            };
        }
        input.captureBackend = exchange->isCapturing();
        const auto pipeline = ToolCallPipeline::create(deps, std::move(input));
        QPointer<McpEndpoint> self(this);
        const QByteArray sessionId = call.sessionId;
        const QString sessionPrincipal = exchange->event().principal;
        ++m_toolCallsInFlight[serviceName];
        pipeline->start([self, key, exchange, id, revision, reply, modes, binding, sessionId, sessionPrincipal,
                         serviceName](const ToolCallOutcome& outcome) {
            if (self) {
                self->m_callsInFlight.remove(key);
                auto count = self->m_toolCallsInFlight.find(serviceName);
                if (count != self->m_toolCallsInFlight.end() && --*count <= 0)
                    self->m_toolCallsInFlight.erase(count);
            }
            outcome.fillEvent(exchange->event());
            exchange->setBackendCapture(outcome.backendLeg);
            switch (outcome.kind) {
            case ToolCallOutcome::Kind::RpcError:
                reply(RpcReply::of(JsonRpc::error(id, outcome.errorCode, outcome.errorMessage)));
                return;
            case ToolCallOutcome::Kind::NeedsUserInput: {
                const UserInputRequest& ask = outcome.userInput;
                const McpMessages::UrlElicitation elicitation{ask.elicitationId, ask.url.toString(), ask.message};
                if (revision == ProtocolRevision::V2026_07_28) {
                    // Never -32042 here: input_required with a fresh single-use state, or -32021.
                    if (!modes.url) {
                        reply(missingUrlElicitationReply(id));
                        return;
                    }
                    const QString state
                        = self ? self->m_requestStates.seal(binding, ask.elicitationId.toUtf8()) : QString();
                    if (state.isEmpty()) {
                        reply(RpcReply::of(JsonRpc::error(id, JsonRpc::InternalError,
                                                          QStringLiteral("Internal error: requestState"))));
                        return;
                    }
                    reply(inputRequiredReply(id, kCredentialInputKey, elicitation, state));
                    return;
                }
                if (revision == ProtocolRevision::V2025_11_25 && modes.url) {
                    if (self && !sessionId.isEmpty() && self->m_elicitationWaiterCount < kMaxElicitationWaiters) {
                        QList<ElicitationWaiter>& list = self->m_elicitationWaiters[ask.elicitationId];
                        bool known = false;
                        for (const ElicitationWaiter& w : std::as_const(list))
                            known = known || w.sessionId == sessionId;
                        if (!known) {
                            list.append({binding.service, sessionId, sessionPrincipal});
                            ++self->m_elicitationWaiterCount;
                        }
                    }
                    reply(urlElicitationRequiredReply(id, {elicitation}));
                    return;
                }
                // Earlier revisions, or no URL mode declared: a tool error that tells the person what
                // to do (never a form-mode elicitation: the value is a secret).
                CallToolPayload text = ToolResultMapper::errorPayload(
                    QStringLiteral("%1 Open %2 to continue, then call the tool again.")
                        .arg(outcome.userInput.message, outcome.userInput.url.toString()));
                reply({McpMessages::callToolResponse(revision, id, text), 200, 0, std::nullopt});
                return;
            }
            case ToolCallOutcome::Kind::Result:
            case ToolCallOutcome::Kind::Cancelled: break;
            }
            reply({McpMessages::callToolResponse(revision, id, outcome.result), 200, 0, std::nullopt});
        });
        if (!pipeline->isFinished()) {
            if (!call.sessionId.isEmpty())
                m_callsInFlight.insert(key, pipeline);
            // Nobody will read the answer: stop the work (2026-07-28: closing is cancelling).
            const std::weak_ptr<ToolCallPipeline> weak = pipeline;
            exchange->onClientGone([weak]() {
                if (const auto running = weak.lock())
                    running->cancel(QStringLiteral("client left; backend call cancelled"));
            });
        }
        return;
    }
    if (modern && method == QLatin1String("server/discover")) {
        reply(RpcReply::of(JsonRpc::result(msg.id, McpMessages::discoverResult(*call.service))));
        return;
    }
    if (!modern && method == QLatin1String("ping")) {
        reply(RpcReply::of(JsonRpc::result(msg.id, {})));
        return;
    }
    // 2026-07-28: unknown methods are 404 + -32601; legacy clients would read a 404 as "session gone".
    reply(RpcReply::of(
        JsonRpc::error(msg.id, JsonRpc::MethodNotFound, QStringLiteral("Method not found: %1").arg(method.left(64))),
        modern ? 404 : 200));
}

void McpEndpoint::openSubscription(const Call& call)
{
    const QJsonObject requested = call.message.params.value(QLatin1String("notifications")).toObject();
    auto sub = std::make_shared<Subscription>();
    sub->service = call.service->config.name;
    sub->requestId = call.message.id;
    sub->toolsListChanged = requested.value(QLatin1String("toolsListChanged")).toBool();
    SseStream* stream = call.exchange->startEventStream();
    if (!stream)
        return;
    sub->stream = stream;
    QJsonObject honoured;
    if (sub->toolsListChanged)
        honoured.insert(QStringLiteral("toolsListChanged"), true);
    stream->sendEvent(JsonRpc::serialize(
        QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("method"), QStringLiteral("notifications/subscriptions/acknowledged")},
                    {QStringLiteral("params"),
                     QJsonObject{{QStringLiteral("notifications"), honoured},
                                 {QStringLiteral("_meta"), QJsonObject{{kMetaSubscriptionId, call.message.id}}}}}}));
    auto* keepAlive = new QTimer(stream);
    connect(keepAlive, &QTimer::timeout, stream, [stream]() { stream->sendComment("keep-alive"); });
    keepAlive->start(kKeepAliveMs);
    m_subscriptions.append(sub);
    std::weak_ptr<Subscription> weak = sub;
    connect(stream, &SseStream::closed, this, [this, weak]() {
        m_subscriptions.removeIf([&weak](const std::shared_ptr<Subscription>& s) { return s == weak.lock(); });
    });
}

void McpEndpoint::handleGet(const std::shared_ptr<Exchange>& exchange,
                            const std::shared_ptr<const ServiceRuntime>& service)
{
    exchange->event().rpcMethod = QStringLiteral("GET stream");
    if (!accepts(exchange->request().header("Accept"), "text/event-stream")) {
        fail(exchange, 406, {}, JsonRpc::InvalidRequest,
             QStringLiteral("Not Acceptable: GET needs Accept: text/event-stream"));
        return;
    }
    QByteArray sessionId;
    McpSession* session = sessionFor(exchange, service->config.name, &sessionId, {});
    if (!session)
        return;
    SseStream* stream = exchange->startEventStream();
    if (!stream)
        return;
    session->streams.removeAll(nullptr);
    session->streams.append(stream);
    if (session->revision == ProtocolRevision::V2025_11_25)
        stream->sendEvent(QByteArray(), QByteArray::number(session->nextEventId++)); // priming event
    auto* keepAlive = new QTimer(stream);
    connect(keepAlive, &QTimer::timeout, stream, [stream]() { stream->sendComment("keep-alive"); });
    keepAlive->start(kKeepAliveMs);
}

void McpEndpoint::handleDelete(const std::shared_ptr<Exchange>& exchange,
                               const std::shared_ptr<const ServiceRuntime>& service)
{
    exchange->event().rpcMethod = QStringLiteral("DELETE session");
    QByteArray sessionId;
    if (!sessionFor(exchange, service->config.name, &sessionId, {}))
        return;
    m_sessions.remove(sessionId, service->config.name, exchange->event().principal);
    exchange->respond(HttpResponse::empty(204));
}

} // namespace Gateway
