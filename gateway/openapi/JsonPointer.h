// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

namespace Gateway {

// RFC 6901 helpers. Pointers are kept in their escaped form: "" is the root, "/paths/~1pets".
namespace JsonPointer {

inline QString escapeToken(QString token)
{
    token.replace(QLatin1Char('~'), QStringLiteral("~0"));
    token.replace(QLatin1Char('/'), QStringLiteral("~1"));
    return token;
}

inline QString unescapeToken(QString token)
{
    token.replace(QStringLiteral("~1"), QStringLiteral("/"));
    token.replace(QStringLiteral("~0"), QStringLiteral("~"));
    return token;
}

inline QString child(const QString& pointer, const QString& key)
{
    return pointer + QLatin1Char('/') + escapeToken(key);
}

inline QString child(const QString& pointer, int index)
{
    return pointer + QLatin1Char('/') + QString::number(index);
}

inline int depth(const QString& pointer)
{
    return int(pointer.count(QLatin1Char('/')));
}

// Unescaped tokens of a pointer ("" -> {}).
inline QStringList tokens(const QString& pointer)
{
    QStringList result;
    if (pointer.isEmpty())
        return result;
    const QStringList parts = pointer.mid(1).split(QLatin1Char('/'));
    for (const QString& part : parts)
        result << unescapeToken(part);
    return result;
}

} // namespace JsonPointer
} // namespace Gateway
