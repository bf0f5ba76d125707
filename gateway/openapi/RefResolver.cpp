// SPDX-License-Identifier: GPL-3.0-or-later
#include "RefResolver.h"

#include "JsonPointer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QUrl>

namespace Gateway {
namespace {

constexpr int kMaxFiles = 5000;
constexpr qint64 kMaxFileSize = 64 * 1024 * 1024;
constexpr qint64 kMaxTotalSize = 256 * 1024 * 1024;
constexpr int kMaxHops = 64;

QString percentDecoded(const QString& s)
{
    if (!s.contains(QLatin1Char('%')))
        return s;
    return QUrl::fromPercentEncoding(s.toUtf8());
}

bool hasSchemeOrAuthority(const QString& ref)
{
    if (ref.startsWith(QLatin1String("//")) || ref.startsWith(QLatin1String("\\\\")))
        return true;
    // A scheme of two letters or more ("C:/x" stays a Windows path).
    static const QRegularExpression scheme(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]+:"));
    return scheme.match(ref).hasMatch();
}

} // namespace

NodeLocation NodeLocation::child(const QString& key) const
{
    return {document, JsonPointer::child(pointer, key)};
}

NodeLocation NodeLocation::child(int index) const
{
    return {document, JsonPointer::child(pointer, index)};
}

RefResolver::RefResolver(const QString& rootKey, const QString& rootDisplayName, const QString& baseDirectory,
                         const ParsedDocument& root)
    : m_rootKey(rootKey)
    , m_rootDirectory(baseDirectory)
{
    Document document;
    document.root = root.root;
    document.displayName = rootDisplayName;
    document.directory = baseDirectory;
    document.keyOrder = root.keyOrder;
    document.rawScalars = root.rawScalars;
    m_documents.insert(rootKey, document);
}

const QJsonValue& RefResolver::rootValue() const
{
    return document(m_rootKey).root;
}

const RefResolver::Document& RefResolver::document(const QString& key) const
{
    const auto it = m_documents.constFind(key);
    Q_ASSERT(it != m_documents.constEnd());
    return it.value();
}

QString RefResolver::displayName(const QString& key) const
{
    const auto it = m_documents.constFind(key);
    return it == m_documents.constEnd() ? key : it->displayName;
}

QString RefResolver::describe(const NodeLocation& at, const QString& reason) const
{
    if (at.pointer.isEmpty())
        return QStringLiteral("%1: %2").arg(displayName(at.document), reason);
    return QStringLiteral("%1: %2: %3").arg(displayName(at.document), at.pointer, reason);
}

void RefResolver::fail(const NodeLocation& at, const QString& reason) const
{
    throw ImportFailure{describe(at, reason)};
}

QString RefResolver::canonicalKey(const NodeLocation& location) const
{
    return location.document + QLatin1Char('#') + location.pointer;
}

QString RefResolver::refText(const NodeLocation& location) const
{
    const QString prefix = location.document == m_rootKey ? QString() : displayName(location.document);
    return prefix + QLatin1Char('#') + location.pointer;
}

QString RefResolver::shortName(const NodeLocation& location) const
{
    const QStringList tokens = JsonPointer::tokens(location.pointer);
    if (!tokens.isEmpty())
        return tokens.last();
    return QFileInfo(displayName(location.document)).completeBaseName();
}

QStringList RefResolver::keyOrder(const NodeLocation& location, const QJsonObject& object, bool* known) const
{
    if (known)
        *known = false;
    const auto doc = m_documents.constFind(location.document);
    if (doc == m_documents.constEnd())
        return object.keys();
    const auto order = doc->keyOrder.constFind(location.pointer);
    if (order == doc->keyOrder.constEnd())
        return object.keys();
    if (known)
        *known = true;
    QStringList keys;
    for (const QString& key : *order) {
        if (object.contains(key))
            keys << key;
    }
    const QStringList all = object.keys();
    for (const QString& key : all) {
        if (!keys.contains(key))
            keys << key;
    }
    return keys;
}

QString RefResolver::rawScalar(const QString& pointer) const
{
    return document(m_rootKey).rawScalars.value(pointer);
}

QString RefResolver::loadFile(const QString& filePart, const QString& ref, const NodeLocation& at)
{
    const Document& from = document(at.document);
    const QString fileName = percentDecoded(filePart);
    if (from.directory.isEmpty() && QFileInfo(fileName).isRelative())
        fail(at, QStringLiteral("$ref '%1' cannot be resolved: no base directory for relative files").arg(ref));
    const QString path = QDir::cleanPath(QDir(from.directory).absoluteFilePath(fileName));
    const QFileInfo info(path);
    const QString key = info.exists() ? info.canonicalFilePath() : path;
    if (m_documents.contains(key))
        return key;

    const QString suffix = info.suffix().toLower();
    if (suffix != QLatin1String("yaml") && suffix != QLatin1String("yml") && suffix != QLatin1String("json"))
        fail(at, QStringLiteral("$ref '%1' refused: only .yaml, .yml and .json files can be referenced").arg(ref));
    if (m_documents.size() >= kMaxFiles)
        fail(at, QStringLiteral("$ref '%1' refused: more than %2 referenced files").arg(ref).arg(kMaxFiles));
    if (!info.isFile())
        fail(at, QStringLiteral("$ref '%1': file not found: %2").arg(ref, QDir::toNativeSeparators(path)));
    if (info.size() > kMaxFileSize)
        fail(at, QStringLiteral("$ref '%1': file is larger than %2 MiB").arg(ref).arg(kMaxFileSize / (1024 * 1024)));
    m_loadedBytes += info.size();
    if (m_loadedBytes > kMaxTotalSize)
        fail(at,
             QStringLiteral("$ref '%1' refused: referenced files exceed %2 MiB in total")
                 .arg(ref)
                 .arg(kMaxTotalSize / (1024 * 1024)));
    QFile file(key);
    if (!file.open(QIODevice::ReadOnly))
        fail(at,
             QStringLiteral("$ref '%1': cannot read %2: %3")
                 .arg(ref, QDir::toNativeSeparators(path), file.errorString()));

    QString display = QDir(m_rootDirectory).relativeFilePath(key);
    if (m_rootDirectory.isEmpty())
        display = key;
    const ParsedDocument parsed = DocumentParser::parse(file.readAll(), display);
    if (!parsed.ok)
        throw ImportFailure{parsed.error};

    Document document;
    document.root = parsed.root;
    document.displayName = display;
    document.directory = QFileInfo(key).absolutePath();
    document.keyOrder = parsed.keyOrder;
    m_documents.insert(key, document);
    return key;
}

RefResolver::Target RefResolver::resolve(const QString& rawRef, const NodeLocation& at)
{
    const QString ref = rawRef.trimmed();
    if (ref.isEmpty())
        fail(at, QStringLiteral("empty $ref"));
    if (hasSchemeOrAuthority(ref))
        fail(at,
             QStringLiteral("$ref '%1' refused: network and URI references are never fetched; "
                            "only local (#/...) and relative-file references are resolved")
                 .arg(ref));

    const qsizetype hash = ref.indexOf(QLatin1Char('#'));
    const QString filePart = hash < 0 ? ref : ref.left(hash);
    const QString fragment = hash < 0 ? QString() : percentDecoded(ref.mid(hash + 1));
    const QString documentKey = filePart.isEmpty() ? at.document : loadFile(filePart, ref, at);

    if (!fragment.isEmpty() && !fragment.startsWith(QLatin1Char('/')))
        fail(at, QStringLiteral("$ref '%1': only JSON pointer fragments (#/...) are supported").arg(ref));

    QJsonValue current = document(documentKey).root;
    QString pointer;
    const QStringList tokens = JsonPointer::tokens(fragment);
    for (const QString& token : tokens) {
        if (current.isObject()) {
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(token);
            if (it == object.constEnd())
                fail(at,
                     QStringLiteral("$ref '%1' does not resolve: no '%2' in %3")
                         .arg(ref, token, displayName(documentKey)));
            current = it.value();
        } else if (current.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            const QJsonArray array = current.toArray();
            if (!ok || index < 0 || index >= array.size())
                fail(at,
                     QStringLiteral("$ref '%1' does not resolve: no item '%2' in %3")
                         .arg(ref, token, displayName(documentKey)));
            current = array.at(index);
        } else {
            fail(at, QStringLiteral("$ref '%1' does not resolve in %2").arg(ref, displayName(documentKey)));
        }
        pointer = JsonPointer::child(pointer, token);
    }
    return {current, {documentKey, pointer}};
}

RefResolver::Target RefResolver::follow(const QJsonValue& value, const NodeLocation& at)
{
    Target current{value, at};
    QJsonObject siblings;
    QStringList seen;
    QStringList chain;
    while (current.value.isObject()) {
        const QJsonObject object = current.value.toObject();
        const QJsonValue ref = object.value(QLatin1String("$ref"));
        if (!ref.isString())
            break;
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (it.key() != QLatin1String("$ref") && !siblings.contains(it.key()))
                siblings.insert(it.key(), it.value());
        }
        const Target next = resolve(ref.toString(), current.location);
        const QString key = canonicalKey(next.location);
        const qsizetype previous = seen.indexOf(key);
        if (previous >= 0 || seen.size() >= kMaxHops) {
            QStringList cycle = chain.mid(previous < 0 ? 0 : previous);
            cycle << refText(next.location);
            fail(current.location, QStringLiteral("$ref cycle: %1").arg(cycle.join(QStringLiteral(" -> "))));
        }
        seen << key;
        chain << refText(next.location);
        current = next;
    }
    if (!siblings.isEmpty() && current.value.isObject()) {
        QJsonObject merged = current.value.toObject();
        for (auto it = siblings.constBegin(); it != siblings.constEnd(); ++it)
            merged.insert(it.key(), it.value());
        current.value = merged;
    }
    return current;
}

} // namespace Gateway
