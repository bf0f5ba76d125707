// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"
#include "mcp/ProtocolRevision.h"
#include "openapi/ToolDefinition.h"

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace Gateway {

// One service ready to serve: tools sorted by name, their MCP JSON built once, backend URL resolved.
class ServiceRuntime
{
public:
    ServiceConfig config;
    QUrl baseUrl;
    QString title;
    QString apiVersion;
    QStringList warnings;
    QList<ToolDefinition> tools; // sorted by name (deterministic tools/list order)
    QHash<QString, int> toolIndex;
    QJsonArray toolsJson; // Tool objects for 2025-06-18 and later
    QJsonArray toolsJson20250326; // Tool objects without the fields 2025-03-26 lacks
    QByteArray toolsFingerprint; // changes iff the listed tools change

    const ToolDefinition* tool(const QString& name) const;
    const QJsonArray& toolsFor(ProtocolRevision revision) const;
};

// A configured service that is not served: its settings or its document were refused. Nothing of
// it is reachable; its endpoint answers 503 with `reason`.
struct UnavailableService
{
    ServiceConfig config;
    QString reason; // "service '<name>': <file/path/reason>"
};

// Immutable state of the whole gateway; requests hold a shared_ptr for their whole life, so a
// reload never changes the ground under a call in flight.
class GatewaySnapshot
{
public:
    GatewaySettings settings;
    QHash<QString, std::shared_ptr<const ServiceRuntime>> services; // served services only
    QStringList serviceNames; // served services, sorted
    QHash<QString, UnavailableService> unavailable; // refused services by name
    QStringList unavailableNames; // refused services, in workspace order

    std::shared_ptr<const ServiceRuntime> service(const QString& name) const { return services.value(name); }

    // Imports every service's OpenAPI document. Relative paths resolve against the workspace
    // file's directory. A service that cannot be built goes to `unavailable` and the others are
    // served. Returns nullptr and sets `error` only when the service list itself is unusable
    // (a name used twice).
    static std::shared_ptr<const GatewaySnapshot> build(const WorkspaceConfig& config, QString* error);
    static std::shared_ptr<const ServiceRuntime> buildService(const ServiceConfig& service,
                                                              const QString& workspaceDirectory, QString* error);
};

} // namespace Gateway
