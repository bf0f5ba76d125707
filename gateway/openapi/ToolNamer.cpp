// SPDX-License-Identifier: GPL-3.0-or-later
#include "ToolNamer.h"

#include <QRegularExpression>
#include <QSet>

namespace Gateway {
namespace ToolNamer {
namespace {

bool isNameChar(QChar c)
{
    return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('A') && c <= QLatin1Char('Z'))
        || (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_') || c == QLatin1Char('.')
        || c == QLatin1Char('-');
}

QString trimUnderscores(QString s)
{
    while (s.startsWith(QLatin1Char('_')))
        s.remove(0, 1);
    while (s.endsWith(QLatin1Char('_')))
        s.chop(1);
    return s;
}

} // namespace

bool isValidToolName(const QString& name)
{
    if (name.isEmpty() || name.size() > kMaxNameLength)
        return false;
    for (const QChar c : name) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

QString verbPathName(const QByteArray& method, const QString& pathTemplate)
{
    const QString source = QString::fromLatin1(method).toLower() + QLatin1Char('_') + pathTemplate.toLower();
    QString name;
    name.reserve(source.size());
    for (const QChar c : source) {
        if (c == QLatin1Char('{') || c == QLatin1Char('}'))
            continue;
        const QChar mapped = isNameChar(c) ? c : QLatin1Char('_');
        if (mapped == QLatin1Char('_') && name.endsWith(QLatin1Char('_')))
            continue; // collapse "__"
        name += mapped;
    }
    name = trimUnderscores(name);
    if (name.size() > kMaxNameLength)
        name = trimUnderscores(name.left(kMaxNameLength));
    if (name.isEmpty())
        name = QStringLiteral("operation");
    return name;
}

QString baseName(ToolNaming naming, const QString& operationId, const QByteArray& method, const QString& pathTemplate)
{
    if (naming != ToolNaming::VerbPath && isValidToolName(operationId))
        return operationId;
    return verbPathName(method, pathTemplate);
}

QStringList makeUnique(const QStringList& baseNames, const QStringList& labels, QStringList* warnings)
{
    const QSet<QString> requested(baseNames.cbegin(), baseNames.cend());
    QSet<QString> taken;
    QStringList result;
    result.reserve(baseNames.size());
    for (qsizetype i = 0; i < baseNames.size(); ++i) {
        const QString& base = baseNames.at(i);
        if (!taken.contains(base)) {
            taken.insert(base);
            result << base;
            continue;
        }
        QString candidate;
        for (int n = 2;; ++n) {
            const QString suffix = QLatin1Char('_') + QString::number(n);
            candidate = base.left(kMaxNameLength - suffix.size()) + suffix;
            if (!taken.contains(candidate) && !requested.contains(candidate))
                break;
        }
        taken.insert(candidate);
        result << candidate;
        if (warnings)
            warnings->append(QStringLiteral("%1: tool name '%2' is already taken; named '%3'")
                                 .arg(labels.value(i), base, candidate));
    }
    return result;
}

bool matches(const QString& rawEntry, const QString& toolName, const QString& operationId, const QByteArray& method,
             const QString& pathTemplate)
{
    const QString entry = rawEntry.trimmed();
    if (entry.isEmpty())
        return false;
    if (entry == toolName || (!operationId.isEmpty() && entry == operationId))
        return true;
    static const QRegularExpression space(QStringLiteral("\\s+"));
    const qsizetype split = entry.indexOf(space);
    if (split <= 0)
        return false;
    const QString entryMethod = entry.left(split);
    const QString entryPath = entry.mid(split).trimmed();
    return entryMethod.compare(QString::fromLatin1(method), Qt::CaseInsensitive) == 0 && entryPath == pathTemplate;
}

} // namespace ToolNamer
} // namespace Gateway
