// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayServer.h"

#include "Exchange.h"
#include "GatewaySnapshot.h"
#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "elicit/ElicitationBroker.h"
#include "http/HostOriginPolicy.h"
#include "http/HttpFrontend.h"
#include "log/PrometheusMetrics.h"
#include "log/TrafficLog.h"
#include "mcp/McpEndpoint.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/SecretResolver.h"
#include "security/AuthorizationServerDirectory.h"
#include "security/EndpointGuard.h"

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

} // namespace

GatewayServer::GatewayServer(QObject* parent)
    : QObject(parent)
    , m_frontend(std::make_unique<HttpFrontend>(HttpLimits()))
    , m_trafficLog(std::make_unique<TrafficLog>())
    , m_metrics(std::make_unique<PrometheusMetrics>())
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
    m_frontend->setHandler(
        [this](const HttpRequest& request, HttpResponder responder) { handle(request, std::move(responder)); });
    connect(m_frontend.get(), &HttpFrontend::requestRejected, this,
            [this](const QHostAddress&, int status, const QString& reason) {
                TrafficEvent event;
                event.time = QDateTime::currentDateTimeUtc();
                event.kind = TrafficEvent::Kind::Rejected;
                event.httpStatus = status;
                event.detail = reason.left(200);
                m_metrics->record(event);
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
    if (config.gateway.trafficLogFile != m_config.gateway.trafficLogFile
        && !m_trafficLog->setJsonLinesFile(config.gateway.trafficLogFile)) {
        reason
            = QStringLiteral("traffic log file %1: %2").arg(config.gateway.trafficLogFile, m_trafficLog->errorString());
        if (error)
            *error = reason;
        emit configRejected(reason);
        return false;
    }
    m_config = config;
    m_snapshot = snapshot;
    // The public URL (behind a proxy) is where people open elicitation pages: its host and origin
    // are this gateway's own.
    QStringList hosts = config.gateway.allowedHosts;
    QStringList origins = config.gateway.allowedOrigins;
    if (!config.gateway.publicUrl.isEmpty()) {
        hosts.append(config.gateway.publicUrl.host());
        origins.append(config.gateway.publicUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery));
    }
    m_hostOriginPolicy = std::make_unique<HostOriginPolicy>(hosts, origins);
    // The issuer directory is shared by all services: loopback http issuers are allowed when a
    // service asks for it (local tests), decided once here rather than per request.
    bool loopbackIssuers = false;
    for (const ServiceConfig& service : config.services)
        loopbackIssuers = loopbackIssuers || service.security.allowLoopbackHttpIssuers;
    m_guard->directory()->setAllowLoopbackHttp(loopbackIssuers);
    m_frontend->setLimits(limitsFor(config.gateway));
    m_mcp->setSnapshot(snapshot);
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
    if (m_snapshot)
        m_mcp->setSnapshot(m_snapshot);
}

SecretStore* GatewayServer::secretStore() const
{
    return m_secrets ? m_secrets->keychain() : nullptr;
}

bool GatewayServer::listen(const QHostAddress& address, quint16 port, QString* error)
{
    return m_frontend->listen(address, port, error);
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
    for (const QString& name : m_snapshot->serviceNames) {
        const auto service = m_snapshot->service(name);
        ServiceStatus status;
        status.name = name;
        QUrl endpoint = baseUrl();
        endpoint.setPath(kMcpPrefix + name);
        status.endpointUrl = endpoint;
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

TrafficLog* GatewayServer::trafficLog() const
{
    return m_trafficLog.get();
}

const WorkspaceConfig& GatewayServer::config() const
{
    return m_config;
}

void GatewayServer::handle(const HttpRequest& request, HttpResponder responder)
{
    auto exchange
        = std::make_shared<Exchange>(request, std::move(responder), m_snapshot, [this](const TrafficEvent& event) {
              m_metrics->record(event);
              m_trafficLog->append(event);
          });
    TrafficEvent& event = exchange->event();
    if (!m_snapshot) {
        exchange->respondJson(503, QJsonObject{{QStringLiteral("error"), QStringLiteral("no configuration loaded")}});
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
        auto service = m_snapshot->service(name);
        event.service = service ? name : QString();
        if (!service) {
            event.kind = TrafficEvent::Kind::Rejected;
            event.detail = QStringLiteral("unknown service");
            exchange->respondJson(404, QJsonObject{{QStringLiteral("error"), QStringLiteral("unknown MCP service")}});
            return;
        }
        const EndpointSecurity& security = service->config.security;
        // The canonical resource (RFC 8707): configured, or what the client used to reach us.
        const QString host = QString::fromLatin1(request.header("Host")).trimmed().toLower();
        QUrl resource = security.resourceUrl;
        if (resource.isEmpty())
            resource = QUrl(QStringLiteral("http://") + host + kMcpPrefix + name);
        QUrl metadataUrl = resource;
        metadataUrl.setPath(QStringLiteral("/.well-known/oauth-protected-resource") + resource.path());
        exchange->resourceMetadataUrl = metadataUrl;
        QPointer<GatewayServer> self(this);
        m_guard->authenticate(request, name, security, resource, metadataUrl,
                              [self, exchange, service](const AuthDecision& decision) {
                                  if (!self)
                                      return;
                                  TrafficEvent& e = exchange->event();
                                  e.principal = decision.principal;
                                  e.authDecision = decision.decision;
                                  e.authReason = decision.reason;
                                  if (!decision.allowed) {
                                      e.detail = QStringLiteral("endpoint auth: %1").arg(decision.reason);
                                      exchange->respond(decision.denial);
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
        QUrl resource = service->config.security.resourceUrl;
        if (resource.isEmpty())
            resource = QUrl(QStringLiteral("http://") + QString::fromLatin1(request.header("Host")).trimmed().toLower()
                            + kMcpPrefix + name);
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
