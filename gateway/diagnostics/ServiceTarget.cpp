// SPDX-License-Identifier: GPL-3.0-or-later
#include "ServiceTarget.h"

#include "core/GatewayServer.h"

namespace Gateway {

ServiceTarget ServiceTarget::of(const GatewayServer& gateway, const QString& service)
{
    ServiceTarget target;
    target.service = service;
    for (const ServiceConfig& config : gateway.config().services) {
        if (config.name != service)
            continue;
        target.found = true;
        target.security = config.security;
        break;
    }
    if (!target.found)
        return target;
    for (const ServiceStatus& status : gateway.services()) {
        if (status.name == service)
            target.toolNames = status.toolNames;
    }
    QUrl local = gateway.baseUrl();
    target.resource = target.security.resourceUrl;
    if (target.resource.isEmpty()) {
        // The gateway's own rule: resourceUrl, else gateway.publicUrl, else the listening address.
        const QUrl publicUrl = gateway.config().gateway.publicUrl;
        target.resource = publicUrl.isEmpty() ? local : publicUrl;
        target.resource.setPath(QStringLiteral("/mcp/") + service);
    }
    target.metadataUrl = target.resource;
    target.metadataUrl.setPath(QStringLiteral("/.well-known/oauth-protected-resource") + target.resource.path());
    target.localMetadataUrl = local;
    target.localMetadataUrl.setPath(QStringLiteral("/.well-known/oauth-protected-resource/mcp/") + service);
    return target;
}

} // namespace Gateway
