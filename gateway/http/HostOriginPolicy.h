// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Gateway {

// DNS-rebinding defence: the Host header must name this gateway, and an Origin, when present, must
// be a loopback origin or one the operator listed.
//
// A Host names this gateway when it is
// - a loopback name or address (one definition: Net::isLoopbackHost) with the listening port; an
//   address literal must be the listening address itself unless the listener is bound to every
//   address (a token minted for another loopback server must not be replayable here);
// - an allowedHosts entry: "name" accepts the name without a port or with the listening port,
//   "name:port" accepts exactly that port;
// - the authority of gateway.publicUrl (its port, or no port when it uses the scheme's default).
// A Host without a port means port 80. Exact, case-insensitive compare.
class HostOriginPolicy
{
public:
    HostOriginPolicy() = default; // accepts no Host (no listener known)
    HostOriginPolicy(const QStringList& extraHosts, const QStringList& extraOrigins, const QHostAddress& listenAddress,
                     quint16 listenPort, const QUrl& publicUrl = {});

    // Empty string when allowed, else a short reason ("foreign Host", "foreign Origin").
    QString check(const QByteArray& host, const QByteArrayList& origins) const;

    // scheme://authority clients use to reach this gateway, for the canonical resource (RFC 8707)
    // and RFC 9728 metadata URLs: publicUrl when set; otherwise http, the Host's name (which check()
    // accepted) and the listening port — never a port taken from the request.
    QUrl baseUrlFor(const QByteArray& host) const;

    // "Host: name[:port]" → lower-case name without port ("[::1]" keeps brackets).
    static QString hostName(const QByteArray& hostHeader);
    // Splits "name[:port]" into its lower-case name and port (-1 when absent); false when malformed.
    static bool splitHost(const QByteArray& hostHeader, QString* name, int* port);

private:
    struct Allowed
    {
        QString name; // lower case, IPv6 in brackets
        int port = -1; // -1: no port or the listening port
    };
    bool isListeningAddress(const QString& name) const;

    QList<Allowed> m_hosts;
    QStringList m_origins; // lower-case origins, e.g. "https://app.example.com"
    QHostAddress m_listenAddress;
    quint16 m_listenPort = 0;
    QUrl m_publicUrl; // scheme://authority, empty when not configured
};

} // namespace Gateway
