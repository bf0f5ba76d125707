// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayServer.h"

#include "Exchange.h"
#include "GatewaySnapshot.h"
#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "elicit/ElicitationBroker.h"
#include "http/HostOriginPolicy.h"
#include "http/HttpFrontend.h"
#include "log/PayloadCapture.h"
#include "log/PrometheusMetrics.h"
#include "log/TrafficLog.h"
#include "mcp/McpEndpoint.h"
#include "net/Loopback.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretResolver.h"
#include "security/AuthorizationServerDirectory.h"
#include "security/EndpointGuard.h"
#include "security/RateLimiter.h"

#include <QDateTime>
#include <QPointer>

#include <QJsonObject>

namespace Gateway {

namespace {

HttpLimits limitsFor(const GatewaySettings& settings)
{
    HttpLimits limits;
    limits.maxBodyBytes = settings.maxBodyBytes;
    limits.maxConnections = settings.maxConnections;
    limits.idleTimeoutMs = settings.idleTimeoutMs;
    return limits;
}

const QLatin1String kMcpPrefix("/mcp/");
// JSON-RPC implementation-defined server error: the service exists but is not served.
constexpr int kServiceUnavailableCode = -32000;

} // namespace

GatewayServer::GatewayServer(QObject* parent)
    : QObject(parent)
    , m_frontend(std::make_unique<HttpFrontend>(HttpLimits()))
    , m_trafficLog(std::make_unique<TrafficLog>())
    , m_capture(std::make_unique<PayloadCaptureStore>())
    , m_metrics(std::make_unique<PrometheusMetrics>())
    , m_hostOriginPolicy(std::make_unique<HostOriginPolicy>())
    , m_rateLimiter(std::make_unique<RateLimiter>())
{
    auto* backend = new BackendClient(this);
    m_keychain = new KeychainSecretStore(this);
    m_secrets = new SecretResolver(m_keychain, this);
    m_credentials = new BackendCredentials(m_secrets, this);
    m_guard = new EndpointGuard(this);
    m_guard->setSecretResolver(m_secrets);
    m_mcp = std::make_unique<McpEndpoint>(backend, m_credentials);
    m_elicitation = new ElicitationBroker(m_secrets, this);
    m_elicitation->setSecretStore(m_keychain);
    m_elicitation->setPublisher([this](const TrafficEvent& event) { m_trafficLog->append(event); });
    m_mcp->setElicitationBroker(m_elicitation);
    m_frontend->setHandler(
        [this](const HttpRequest& request, HttpResponder responder) { handle(request, std::move(responder)); });
    connect(m_frontend.get(), &HttpFrontend::requestRejected, this,
            [this](const QHostAddress&, int status, const QString& reason) {
                TrafficEvent event;
                event.time = QDateTime::currentDateTimeUtc();
                event.kind = TrafficEvent::Kind::Rejected;
                event.httpStatus = status;
                event.detail = reason.left(200);
                if (status == 503) // the guard's 503s are all overload: the cap, or an eviction
                    event.overload = reason.startsWith(QLatin1String("connection evicted"))
                        ? QStringLiteral("connection_evicted")
                        : QStringLiteral("connection_cap");
                recordMetrics(event);
                m_trafficLog->append(event);
            });
}

GatewayServer::~GatewayServer()
{
    // Closing the listener ends client connections, which can finish calls in flight: that must
    // happen while the traffic log, metrics and endpoint still exist.
    m_frontend.reset();
}

bool GatewayServer::applyConfig(const WorkspaceConfig& config, QString* error)
{
    QString reason;
    auto snapshot = GatewaySnapshot::build(config, &reason);
    if (!snapshot) {
        if (error)
            *error = reason;
        emit configRejected(reason);
        return false;
    }
    return installSnapshot(config, std::move(snapshot), error);
}

bool GatewayServer::installSnapshot(const WorkspaceConfig& config, std::shared_ptr<const GatewaySnapshot> snapshot,
                                    QString* error)
{
    QString reason;
    if (m_strict && !snapshot->unavailableNames.isEmpty()) {
        reason = snapshot->unavailable.value(snapshot->unavailableNames.first()).reason;
        if (error)
            *error = reason;
        emit configRejected(reason);
        return false;
    }
    // Like every other relative path of the workspace, the traffic log lives next to the file.
    const QString trafficLogPath = config.absolutePath(config.gateway.trafficLogFile);
    if (trafficLogPath != m_trafficLogPath && !m_trafficLog->setJsonLinesFile(trafficLogPath)) {
        reason = QStringLiteral("traffic log file %1: %2").arg(trafficLogPath, m_trafficLog->errorString());
        if (error)
            *error = reason;
        emit configRejected(reason);
        return false;
    }
    m_trafficLogPath = trafficLogPath;
    if (config.gateway.capturePayloadsToFile)
        m_capture->setFileSink([this](const QJsonObject& line) { m_trafficLog->writeJsonLine(line); });
    else
        m_capture->setFileSink({});
    m_config = config;
    m_snapshot = snapshot;
    rebuildHostOriginPolicy();
    applyRateLimit();
    // The issuer directory is shared by all services: loopback http issuers are allowed when a
    // service asks for it (local tests), decided once here rather than per request.
    bool loopbackIssuers = false;
    for (const ServiceConfig& service : config.services)
        loopbackIssuers = loopbackIssuers || service.security.allowLoopbackHttpIssuers;
    m_guard->directory()->setAllowLoopbackHttp(loopbackIssuers);
    m_frontend->setLimits(limitsFor(config.gateway));
    m_mcp->setSnapshot(snapshot);
    // Metric labels come from the configuration, never from what clients send.
    QHash<QString, QStringList> catalog;
    for (const QString& name : snapshot->serviceNames)
        catalog.insert(name, snapshot->service(name)->toolIndex.keys());
    m_metrics->setCatalog(catalog);
    m_guard->reset(); // verified tokens were checked against the previous settings
    emit servicesChanged();
    return true;
}

void GatewayServer::setSecretStore(SecretStore* store)
{
    delete m_credentials;
    delete m_secrets;
    m_secrets = new SecretResolver(store, this);
    m_credentials = new BackendCredentials(m_secrets, this);
    m_guard->setSecretResolver(m_secrets);
    m_elicitation->setSecretResolver(m_secrets);
    m_elicitation->setSecretStore(store);
    m_mcp = std::make_unique<McpEndpoint>(findChild<BackendClient*>(), m_credentials);
    m_mcp->setElicitationBroker(m_elicitation);
    if (m_snapshot)
        m_mcp->setSnapshot(m_snapshot);
}

SecretStore* GatewayServer::secretStore() const
{
    return m_secrets ? m_secrets->keychain() : nullptr;
}

bool GatewayServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    const bool ok = m_frontend->listen(address, port, error);
    rebuildHostOriginPolicy(); // the accepted Host names the actual listening port
    applyRateLimit(); // the default depends on the actual listening address
    return ok;
}

void GatewayServer::applyRateLimit()
{
    // The request budget: as configured, else off for a loopback listener (one person's desktop)
    // and on with the default budget for anything reachable from the network. Loopback means the
    // configured address and the socket's (a command line may override the configuration) both are.
    const GatewaySettings::RateLimit& rate = m_config.gateway.rateLimit;
    const bool loopback = Net::isLoopbackHost(m_config.gateway.listenHost)
        && (!isListening() || Net::isLoopbackHost(serverAddress().toString()));
    if (rate.configured)
        m_rateLimiter->setLimits(rate.requestsPerMinute, rate.burst);
    else if (loopback)
        m_rateLimiter->setLimits(0, rate.burst);
    else
        m_rateLimiter->setLimits(GatewaySettings::RateLimit::DefaultRequestsPerMinute,
                                 GatewaySettings::RateLimit::DefaultBurst);
}

void GatewayServer::rebuildHostOriginPolicy()
{
    m_hostOriginPolicy
        = std::make_unique<HostOriginPolicy>(m_config.gateway.allowedHosts, m_config.gateway.allowedOrigins,
                                             isListening() ? serverAddress() : QHostAddress(),
                                             isListening() ? serverPort() : quint16(0), m_config.gateway.publicUrl);
}

void GatewayServer::stopListening()
{
    m_frontend->close();
}

bool GatewayServer::isListening() const
{
    return m_frontend->isListening();
}

QHostAddress GatewayServer::serverAddress() const
{
    return m_frontend->serverAddress();
}

quint16 GatewayServer::serverPort() const
{
    return m_frontend->serverPort();
}

QUrl GatewayServer::baseUrl() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress address = serverAddress();
    url.setHost(address == QHostAddress::Any || address == QHostAddress::AnyIPv4 ? QStringLiteral("127.0.0.1")
                                                                                 : address.toString());
    url.setPort(serverPort());
    return url;
}

QList<ServiceStatus> GatewayServer::services() const
{
    QList<ServiceStatus> out;
    if (!m_snapshot)
        return out;
    QStringList names = m_snapshot->serviceNames + m_snapshot->unavailableNames;
    names.sort();
    for (const QString& name : std::as_const(names)) {
        ServiceStatus status;
        status.name = name;
        // Clients must use the URL whose resource their tokens name: publicUrl when set.
        QUrl endpoint = m_config.gateway.publicUrl.isEmpty() ? baseUrl() : m_hostOriginPolicy->baseUrlFor({});
        endpoint.setPath(kMcpPrefix + name);
        status.endpointUrl = endpoint;
        const auto refused = m_snapshot->unavailable.constFind(name);
        if (refused != m_snapshot->unavailable.constEnd()) {
            status.error = refused->reason;
            status.backendUrl = refused->config.baseUrl;
            // Settings the loader refused were not read: no mode is claimed for them.
            if (refused->config.configError.isEmpty())
                status.securityMode = EndpointSecurity::modeName(refused->config.security.mode);
            out.append(status);
            continue;
        }
        const auto service = m_snapshot->service(name);
        status.title = service->title;
        status.backendUrl = service->baseUrl;
        status.toolCount = service->tools.size();
        for (const ToolDefinition& tool : service->tools)
            status.toolNames.append(tool.name);
        status.securityMode = EndpointSecurity::modeName(service->config.security.mode);
        status.warnings = service->warnings;
        out.append(status);
    }
    return out;
}

void GatewayServer::setPayloadCaptureEnabled(bool enabled)
{
    m_captureEnabled = enabled;
    if (!enabled)
        m_capture->clear();
}

TrafficLog* GatewayServer::trafficLog() const
{
    return m_trafficLog.get();
}

const WorkspaceConfig& GatewayServer::config() const
{
    return m_config;
}

void GatewayServer::recordMetrics(const TrafficEvent& event)
{
    // Metrics that are off cost nothing and hold nothing.
    if (m_snapshot && m_snapshot->settings.metricsEnabled)
        m_metrics->record(event);
}

bool GatewayServer::respondUnavailable(const std::shared_ptr<Exchange>& exchange, const QString& name)
{
    const auto refused = exchange->snapshot()->unavailable.constFind(name);
    if (refused == exchange->snapshot()->unavailable.constEnd())
        return false;
    // Nothing of a refused service is reachable, whatever the caller presents: its security
    // settings may be the very thing that was refused.
    TrafficEvent& event = exchange->event();
    event.service = name;
    event.kind = TrafficEvent::Kind::Rejected;
    event.detail = QStringLiteral("service not available: %1").arg(refused->reason).left(500);
    const QString message
        = QStringLiteral("service '%1' is not available: its configuration was refused: %2").arg(name, refused->reason);
    exchange->respondJson(
        503,
        QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), QJsonValue::Null},
                    {QStringLiteral("error"),
                     QJsonObject{{QStringLiteral("code"), kServiceUnavailableCode},
                                 {QStringLiteral("message"), message},
                                 {QStringLiteral("data"), QJsonObject{{QStringLiteral("reason"), refused->reason}}}}}});
    return true;
}

QUrl GatewayServer::canonicalResource(const HttpRequest& request, const QString& service,
                                      const EndpointSecurity& security) const
{
    // The canonical resource (RFC 8707): configured per service, else gateway.publicUrl, else the
    // Host name the policy accepted with the listening port; never a port the request chose.
    if (!security.resourceUrl.isEmpty())
        return security.resourceUrl;
    QUrl resource = m_hostOriginPolicy->baseUrlFor(request.header("Host"));
    resource.setPath(kMcpPrefix + service);
    return resource;
}

void GatewayServer::handle(const HttpRequest& request, HttpResponder responder)
{
    // Only MCP exchanges are captured: the /elicit/ pages carry the credentials people type in.
    auto capture
        = m_captureEnabled && request.path.startsWith(kMcpPrefix) ? std::make_shared<CapturedExchange>() : nullptr;
    auto exchange = std::make_shared<Exchange>(request, std::move(responder), m_snapshot,
                                               [this, capture](const TrafficEvent& event) {
                                                   recordMetrics(event);
                                                   const quint64 id = m_trafficLog->append(event);
                                                   if (capture && m_captureEnabled)
                                                       m_capture->store(id, std::move(*capture));
                                               });
    exchange->setCapture(capture);
    TrafficEvent& event = exchange->event();
    if (!m_snapshot) {
        exchange->respondJson(503, QJsonObject{{QStringLiteral("error"), QStringLiteral("no configuration loaded")}},
                              {{"Retry-After", "1"}});
        return;
    }
    const GatewaySettings& settings = m_snapshot->settings;
    const QString denied = m_hostOriginPolicy->check(request.header("Host"), request.headerValues("Origin"));
    if (!denied.isEmpty()) {
        event.kind = TrafficEvent::Kind::Rejected;
        event.detail = denied;
        exchange->respondJson(403, QJsonObject{{QStringLiteral("error"), QStringLiteral("forbidden: %1").arg(denied)}});
        return;
    }
    if (ElicitationBroker::handles(request.path)) {
        event.kind = TrafficEvent::Kind::Elicitation;
        m_elicitation->handleHttp(request, [exchange](const HttpResponse& response) { exchange->respond(response); });
        return;
    }
    if (request.path.startsWith(kMcpPrefix)) {
        const QString name = request.path.mid(kMcpPrefix.size());
        if (respondUnavailable(exchange, name))
            return;
        auto service = m_snapshot->service(name);
        event.service = service ? name : QString();
        if (!service) {
            event.kind = TrafficEvent::Kind::Rejected;
            event.detail = QStringLiteral("unknown service");
            exchange->respondJson(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("unknown MCP service")}});
            return;
        }
        const EndpointSecurity& security = service->config.security;
        const QUrl resource = canonicalResource(request, name, security);
        QUrl metadataUrl = resource;
        metadataUrl.setPath(QStringLiteral("/.well-known/oauth-protected-resource") + resource.path());
        exchange->resourceMetadataUrl = metadataUrl;
        QPointer<GatewayServer> self(this);
        m_guard->authenticate(
            request, name, security, resource, metadataUrl, [self, exchange, service](const AuthDecision& decision) {
                if (!self)
                    return;
                TrafficEvent& e = exchange->event();
                e.authMicros = exchange->elapsedMicros();
                e.principal = decision.principal;
                e.authDecision = decision.decision;
                e.authReason = decision.reason;
                if (!decision.allowed) {
                    e.detail = QStringLiteral("endpoint auth: %1").arg(decision.reason);
                    exchange->respond(decision.denial);
                    return;
                }
                const QString person = RateLimiter::personOf(decision.principal, exchange->request().peerAddress);
                if (const int retryAfter = self->m_rateLimiter->acquire(person, QDateTime::currentMSecsSinceEpoch())) {
                    e.detail = QStringLiteral("rate_limited: request budget exhausted");
                    exchange->respondJson(
                        429,
                        QJsonObject{{QStringLiteral("error"), QStringLiteral("too_many_requests")},
                                    {QStringLiteral("error_description"),
                                     QStringLiteral("request budget exhausted; retry after %1 s").arg(retryAfter)}},
                        {{"Retry-After", QByteArray::number(retryAfter)}});
                    return;
                }
                exchange->grantedScopes = decision.grantedScopes;
                self->m_mcp->handle(exchange, service);
            });
        return;
    }
    static const QLatin1String prmPrefix("/.well-known/oauth-protected-resource/mcp/");
    if (request.path.startsWith(prmPrefix)) {
        event.kind = TrafficEvent::Kind::Metadata;
        const QString name = request.path.mid(prmPrefix.size());
        if (respondUnavailable(exchange, name))
            return;
        const auto service = m_snapshot->service(name);
        if (!service || service->config.security.mode != EndpointSecurity::Mode::OAuth2) {
            exchange->respondJson(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}});
            return;
        }
        event.service = name;
        if (request.method != "GET" && request.method != "HEAD") {
            exchange->respondJson(405, QJsonObject{{QStringLiteral("error"), QStringLiteral("method not allowed")}},
                                  {{"Allow", "GET"}});
            return;
        }
        const QUrl resource = canonicalResource(request, name, service->config.security);
        exchange->respondJson(200, EndpointGuard::protectedResourceMetadata(name, service->config.security, resource));
        return;
    }
    if (request.path == QLatin1String("/metrics") && settings.metricsEnabled) {
        event.kind = TrafficEvent::Kind::Metadata;
        if (request.method != "GET") {
            exchange->respondJson(405, QJsonObject{{QStringLiteral("error"), QStringLiteral("method not allowed")}},
                                  {{"Allow", "GET"}});
            return;
        }
        HttpResponse response = HttpResponse::text(200, m_metrics->render());
        response.setHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange->respond(response);
        return;
    }
    event.kind = TrafficEvent::Kind::Other;
    exchange->respondJson(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}});
}

} // namespace Gateway
