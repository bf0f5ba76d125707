// SPDX-License-Identifier: GPL-3.0-or-later
#include "Loopback.h"

#include <QHostAddress>

namespace Gateway::Net {

bool isLoopbackHost(const QString& hostIn)
{
    QString host = hostIn.trimmed().toLower();
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    if (host.endsWith(QLatin1Char('.')))
        host.chop(1);
    if (host.isEmpty())
        return false;
    if (host == QLatin1String("localhost") || host.endsWith(QLatin1String(".localhost")))
        return true;
    QHostAddress address;
    if (!address.setAddress(host))
        return false;
    return address.isLoopback();
}

bool isLoopbackUrl(const QUrl& url)
{
    return url.isValid() && isLoopbackHost(url.host());
}

bool isConfidentialUrl(const QUrl& url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == QLatin1String("https") || (scheme == QLatin1String("http") && isLoopbackUrl(url));
}

} // namespace Gateway::Net
