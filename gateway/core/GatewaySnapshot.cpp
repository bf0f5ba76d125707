// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewaySnapshot.h"

#include "net/Loopback.h"
#include "openapi/OpenApiImporter.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace Gateway {

const ToolDefinition* ServiceRuntime::tool(const QString& name) const
{
    const auto it = toolIndex.constFind(name);
    return it == toolIndex.constEnd() ? nullptr : &tools.at(*it);
}

const QJsonArray& ServiceRuntime::toolsFor(ProtocolRevision revision) const
{
    return revision == ProtocolRevision::V2025_03_26 ? toolsJson20250326 : toolsJson;
}

namespace {

QJsonObject toolJson(const ToolDefinition& tool, bool withTitle)
{
    QJsonObject o{{QStringLiteral("name"), tool.name}, {QStringLiteral("inputSchema"), tool.inputSchema}};
    if (withTitle && !tool.title.isEmpty())
        o.insert(QStringLiteral("title"), tool.title);
    if (!tool.description.isEmpty())
        o.insert(QStringLiteral("description"), tool.description);
    QJsonObject annotations = tool.annotations;
    if (!tool.title.isEmpty())
        annotations.insert(QStringLiteral("title"), tool.title);
    if (!annotations.isEmpty())
        o.insert(QStringLiteral("annotations"), annotations);
    return o;
}

QUrl resolveBaseUrl(const ServiceConfig& service, const QStringList& serverUrls, QString* error)
{
    QUrl url = service.baseUrl;
    if (url.isEmpty()) {
        if (serverUrls.isEmpty()) {
            *error = QStringLiteral("service '%1': the document has no servers entry; set baseUrl").arg(service.name);
            return {};
        }
        url = QUrl(serverUrls.first());
        if (url.isRelative()) {
            *error = QStringLiteral("service '%1': the document's server URL '%2' is relative; set baseUrl")
                         .arg(service.name, serverUrls.first());
            return {};
        }
    }
    if (!url.isValid() || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || url.host().isEmpty()) {
        *error = QStringLiteral("service '%1': backend URL '%2' must be an absolute http(s) URL")
                     .arg(service.name, url.toString());
        return {};
    }
    if (!url.userInfo().isEmpty()) {
        *error
            = QStringLiteral("service '%1': backend URL must not carry credentials; use backendAuth").arg(service.name);
        return {};
    }
    return url;
}

// Backend credentials travel only where nobody on the path can read them: https, or plain http
// to a loopback host. A client certificate is presented only by TLS, so an http URL would drop it
// silently; both are refused instead of sending (or not sending) anything.
QString backendTransportProblem(const ServiceConfig& service, const QUrl& backendUrl)
{
    const BackendAuth& auth = service.backendAuth;
    const QString url = backendUrl.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    switch (auth.kind) {
    case BackendAuth::Kind::None: return QString();
    case BackendAuth::Kind::ClientCertificate:
        if (backendUrl.scheme() != QLatin1String("https"))
            return QStringLiteral("backendAuth kind clientCertificate needs an https backend URL, got '%1' "
                                  "(the certificate could not be presented)")
                .arg(url);
        return QString();
    case BackendAuth::Kind::OAuth2ClientCredentials: {
        // The client secret goes to the token endpoint: https, or loopback http when allowed.
        const QUrl& endpoint = auth.tokenEndpoint;
        const bool loopbackHttp = endpoint.scheme() == QLatin1String("http") && auth.allowLoopbackHttpTokenEndpoint
            && Net::isLoopbackHost(endpoint.host());
        if (endpoint.scheme() != QLatin1String("https") && !loopbackHttp)
            return QStringLiteral("backendAuth tokenEndpoint '%1' must be https (plain http only to a loopback host "
                                  "with allowLoopbackHttpTokenEndpoint)")
                .arg(endpoint.toString(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo));
        [[fallthrough]];
    }
    case BackendAuth::Kind::ElicitedOAuth2:
    case BackendAuth::Kind::Basic:
    case BackendAuth::Kind::Token:
    case BackendAuth::Kind::ElicitedToken:
        if (!Net::isConfidentialUrl(backendUrl))
            return QStringLiteral("backendAuth kind %1 would send credentials over plain http to '%2', which is "
                                  "not loopback; use https")
                .arg(BackendAuth::kindName(auth.kind), url);
        return QString();
    }
    return QString();
}

} // namespace

std::shared_ptr<const ServiceRuntime> GatewaySnapshot::buildService(const ServiceConfig& service,
                                                                    const QString& workspaceDirectory, QString* error)
{
    if (!service.configError.isEmpty()) {
        *error = QStringLiteral("service '%1': %2").arg(service.name, service.configError);
        return nullptr;
    }
    QString path = service.openApiPath;
    if (!path.startsWith(QLatin1String(":/")) && QFileInfo(path).isRelative())
        path = QDir(workspaceDirectory).filePath(path);
    OpenApiImportOptions options;
    options.naming = service.toolNaming;
    options.include = service.include;
    options.exclude = service.exclude;
    const OpenApiImportResult imported = OpenApiImporter::importFile(path, options);
    if (!imported.ok) {
        *error = QStringLiteral("service '%1': %2").arg(service.name, imported.error);
        return nullptr;
    }
    auto runtime = std::make_shared<ServiceRuntime>();
    runtime->config = service;
    runtime->baseUrl = resolveBaseUrl(service, imported.serverUrls, error);
    if (runtime->baseUrl.isEmpty())
        return nullptr;
    const QString transport = backendTransportProblem(service, runtime->baseUrl);
    if (!transport.isEmpty()) {
        *error = QStringLiteral("service '%1': %2").arg(service.name, transport);
        return nullptr;
    }
    runtime->title = imported.title;
    runtime->apiVersion = imported.apiVersion;
    runtime->warnings = imported.warnings;
    runtime->tools = imported.tools;
    std::sort(runtime->tools.begin(), runtime->tools.end(),
              [](const ToolDefinition& a, const ToolDefinition& b) { return a.name < b.name; });
    for (int i = 0; i < runtime->tools.size(); ++i) {
        const ToolDefinition& tool = runtime->tools.at(i);
        runtime->toolIndex.insert(tool.name, i);
        runtime->toolsJson.append(toolJson(tool, true));
        runtime->toolsJson20250326.append(toolJson(tool, false));
    }
    runtime->toolsFingerprint = QCryptographicHash::hash(
        QJsonDocument(runtime->toolsJson).toJson(QJsonDocument::Compact), QCryptographicHash::Sha256);
    return runtime;
}

std::shared_ptr<const GatewaySnapshot> GatewaySnapshot::build(const WorkspaceConfig& config, QString* error)
{
    auto snapshot = std::make_shared<GatewaySnapshot>();
    snapshot->settings = config.gateway;
    const QString directory
        = config.filePath.isEmpty() ? QDir::currentPath() : QFileInfo(config.filePath).absolutePath();
    for (const ServiceConfig& service : config.services) {
        if (snapshot->services.contains(service.name)) {
            *error = QStringLiteral("service '%1' is defined twice").arg(service.name);
            return nullptr;
        }
        if (snapshot->unavailable.contains(service.name)) {
            *error = QStringLiteral("service '%1' is defined twice").arg(service.name);
            return nullptr;
        }
        QString reason;
        auto runtime = buildService(service, directory, &reason);
        if (!runtime) {
            snapshot->unavailable.insert(service.name, UnavailableService{service, reason});
            snapshot->unavailableNames.append(service.name);
            continue;
        }
        snapshot->services.insert(service.name, runtime);
        snapshot->serviceNames.append(service.name);
    }
    snapshot->serviceNames.sort();
    return snapshot;
}

} // namespace Gateway
