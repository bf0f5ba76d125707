// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Gateway {

// DNS-rebinding defence: the Host header must name this machine's loopback (or a host the
// operator listed), and an Origin, when present, must be a loopback origin or one the operator
// listed. Exact, case-insensitive host compare; an empty allow-list means loopback only.
class HostOriginPolicy
{
public:
    HostOriginPolicy() = default;
    HostOriginPolicy(const QStringList& extraHosts, const QStringList& extraOrigins);

    // Empty string when allowed, else a short reason ("foreign Host", "foreign Origin").
    QString check(const QByteArray& host, const QByteArrayList& origins) const;

    static bool isLoopbackHostName(const QString& host);
    // "Host: name[:port]" → lower-case name without port ("[::1]" keeps brackets).
    static QString hostName(const QByteArray& hostHeader);

private:
    QStringList m_hosts; // lower-case host names
    QStringList m_origins; // lower-case origins, e.g. "https://app.example.com"
};

} // namespace Gateway
