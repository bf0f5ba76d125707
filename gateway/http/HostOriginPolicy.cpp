// SPDX-License-Identifier: GPL-3.0-or-later
#include "HostOriginPolicy.h"

#include <QUrl>

namespace Gateway {

HostOriginPolicy::HostOriginPolicy(const QStringList& extraHosts, const QStringList& extraOrigins)
{
    for (const QString& h : extraHosts)
        m_hosts.append(h.trimmed().toLower());
    for (QString o : extraOrigins) {
        o = o.trimmed().toLower();
        while (o.endsWith(QLatin1Char('/')))
            o.chop(1);
        m_origins.append(o);
    }
}

bool HostOriginPolicy::isLoopbackHostName(const QString& host)
{
    return host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1") || host == QLatin1String("[::1]");
}

QString HostOriginPolicy::hostName(const QByteArray& hostHeader)
{
    const QString value = QString::fromLatin1(hostHeader).trimmed().toLower();
    if (value.startsWith(QLatin1Char('['))) {
        const int close = value.indexOf(QLatin1Char(']'));
        if (close < 0)
            return {};
        const QString rest = value.mid(close + 1);
        if (!rest.isEmpty()) {
            bool ok = false;
            if (!rest.startsWith(QLatin1Char(':')))
                return {};
            rest.mid(1).toUShort(&ok);
            if (!ok)
                return {};
        }
        return value.left(close + 1);
    }
    const int colon = value.indexOf(QLatin1Char(':'));
    if (colon < 0)
        return value;
    bool ok = false;
    value.mid(colon + 1).toUShort(&ok);
    return ok ? value.left(colon) : QString();
}

QString HostOriginPolicy::check(const QByteArray& host, const QByteArrayList& origins) const
{
    const QString name = hostName(host);
    if (name.isEmpty() || (!isLoopbackHostName(name) && !m_hosts.contains(name)))
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
        && url.path().isEmpty()) {
        const QString originHost
            = url.host().contains(QLatin1Char(':')) ? QLatin1Char('[') + url.host() + QLatin1Char(']') : url.host();
        if (isLoopbackHostName(originHost))
            return {};
    }
    return QStringLiteral("foreign Origin");
}

} // namespace Gateway
