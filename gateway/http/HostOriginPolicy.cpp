// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostOriginPolicy.h"

#include "net/Loopback.h"

namespace Gateway {

namespace {

QString bracketed(const QString& host)
{
    return host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
}

int defaultPort(const QUrl& url)
{
    return url.scheme() == QLatin1String("https") ? 443 : 80;
}

} // namespace

HostOriginPolicy::HostOriginPolicy(const QStringList& extraHosts, const QStringList& extraOrigins,
                                   const QHostAddress& listenAddress, quint16 listenPort, const QUrl& publicUrl)
    : m_listenAddress(listenAddress)
    , m_listenPort(listenPort)
{
    for (const QString& h : extraHosts) {
        Allowed allowed;
        if (splitHost(h.trimmed().toUtf8(), &allowed.name, &allowed.port))
            m_hosts.append(allowed);
    }
    for (QString o : extraOrigins) {
        o = o.trimmed().toLower();
        while (o.endsWith(QLatin1Char('/')))
            o.chop(1);
        m_origins.append(o);
    }
    if (publicUrl.isValid() && !publicUrl.host().isEmpty()) {
        m_publicUrl.setScheme(publicUrl.scheme().toLower());
        m_publicUrl.setHost(publicUrl.host().toLower());
        if (publicUrl.port() != -1 && publicUrl.port() != defaultPort(publicUrl))
            m_publicUrl.setPort(publicUrl.port());
        // Pages the gateway serves under its public URL (elicitation forms) post from that origin.
        m_origins.append(m_publicUrl.toString(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment));
    }
}

bool HostOriginPolicy::splitHost(const QByteArray& hostHeader, QString* name, int* port)
{
    const QString value = QString::fromLatin1(hostHeader).trimmed().toLower();
    QString rest;
    if (value.startsWith(QLatin1Char('['))) {
        const int close = value.indexOf(QLatin1Char(']'));
        if (close < 0)
            return false;
        *name = value.left(close + 1);
        rest = value.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(QLatin1Char(':')))
            return false;
    } else {
        const int colon = value.indexOf(QLatin1Char(':'));
        *name = colon < 0 ? value : value.left(colon);
        rest = colon < 0 ? QString() : value.mid(colon);
    }
    if (name->isEmpty() || name->contains(QLatin1Char('@')))
        return false;
    *port = -1;
    if (rest.isEmpty())
        return true;
    bool ok = false;
    const uint p = rest.mid(1).toUInt(&ok);
    if (!ok || p > 65535 || rest.size() < 2 || !rest.at(1).isDigit())
        return false;
    *port = int(p);
    return true;
}

QString HostOriginPolicy::hostName(const QByteArray& hostHeader)
{
    QString name;
    int port = -1;
    return splitHost(hostHeader, &name, &port) ? name : QString();
}

bool HostOriginPolicy::isListeningAddress(const QString& name) const
{
    QString literal = name;
    if (literal.startsWith(QLatin1Char('[')) && literal.endsWith(QLatin1Char(']')))
        literal = literal.mid(1, literal.size() - 2);
    QHostAddress address;
    if (!address.setAddress(literal))
        return true; // a loopback name ("localhost"), not an address literal
    if (m_listenAddress == QHostAddress(QHostAddress::Any) || m_listenAddress == QHostAddress(QHostAddress::AnyIPv4)
        || m_listenAddress == QHostAddress(QHostAddress::AnyIPv6))
        return true;
    return address.isEqual(m_listenAddress, QHostAddress::ConvertV4MappedToIPv4);
}

QString HostOriginPolicy::check(const QByteArray& host, const QByteArrayList& origins) const
{
    QString name;
    int port = -1;
    bool allowed = false;
    if (splitHost(host, &name, &port)) {
        const int effectivePort = port == -1 ? 80 : port;
        if (m_listenPort != 0 && Net::isLoopbackHost(name))
            allowed = effectivePort == m_listenPort && isListeningAddress(name);
        for (const Allowed& entry : m_hosts) {
            if (entry.name == name
                && (entry.port == -1 ? (port == -1 || (m_listenPort != 0 && port == m_listenPort))
                                     : port == entry.port))
                allowed = true;
        }
        if (!m_publicUrl.isEmpty() && bracketed(m_publicUrl.host()) == name) {
            const int publicPort = m_publicUrl.port(defaultPort(m_publicUrl));
            if ((port == -1 ? defaultPort(m_publicUrl) : port) == publicPort)
                allowed = true;
        }
    }
    if (!allowed)
        return QStringLiteral("foreign Host");
    if (origins.size() > 1)
        return QStringLiteral("several Origin headers");
    if (origins.isEmpty())
        return {};
    const QString origin = QString::fromLatin1(origins.first()).trimmed().toLower();
    if (m_origins.contains(origin))
        return {};
    const QUrl url(origin, QUrl::StrictMode);
    if (url.isValid() && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && url.path().isEmpty() && Net::isLoopbackHost(url.host()))
        return {};
    return QStringLiteral("foreign Origin");
}

QUrl HostOriginPolicy::baseUrlFor(const QByteArray& host) const
{
    if (!m_publicUrl.isEmpty())
        return m_publicUrl;
    QString name;
    int port = -1;
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    if (!splitHost(host, &name, &port))
        return url;
    if (name.startsWith(QLatin1Char('[')))
        name = name.mid(1, name.size() - 2);
    url.setHost(name);
    if (m_listenPort != 80)
        url.setPort(m_listenPort);
    return url;
}

} // namespace Gateway
