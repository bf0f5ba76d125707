// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceConfig.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Gateway {

class GatewayServer;

// One service of the running gateway as its endpoint guard sees it: the security settings of the
// applied configuration, the canonical resource URL tokens must name in "aud" (RFC 8707), and the
// RFC 9728 metadata URL. The resource is `resourceUrl` when configured, otherwise the URL a loopback
// client reaches the endpoint at (the gateway's listening address and port), which is what the
// gateway derives from such a client's Host header.
struct ServiceTarget
{
    bool found = false;
    QString service;
    EndpointSecurity security;
    QUrl resource;
    QUrl metadataUrl; // the resource's RFC 9728 URL (path inserted after /.well-known/...)
    QUrl localMetadataUrl; // where the running gateway serves that metadata on its listener
    QStringList toolNames; // sorted

    // found is false when the gateway has no such service.
    static ServiceTarget of(const GatewayServer& gateway, const QString& service);
};

} // namespace Gateway
