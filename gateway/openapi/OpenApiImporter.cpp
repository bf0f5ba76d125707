// SPDX-License-Identifier: GPL-3.0-or-later
#include "OpenApiImporter.h"

#include "DocumentParser.h"
#include "OperationBuilder.h"
#include "RefResolver.h"
#include "SchemaConverter.h"
#include "ToolNamer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Gateway {
namespace {

constexpr qint64 kMaxDocumentSize = 64 * 1024 * 1024;

const QStringList& httpMethods()
{
    static const QStringList methods{QStringLiteral("get"),    QStringLiteral("put"),     QStringLiteral("post"),
                                     QStringLiteral("delete"), QStringLiteral("options"), QStringLiteral("head"),
                                     QStringLiteral("patch"),  QStringLiteral("trace")};
    return methods;
}

// A scalar as text: YAML turns `version: 1.10` into a number; prefer its source text.
QString scalarText(const QJsonValue& value, const QString& raw)
{
    if (value.isString())
        return value.toString();
    if (!raw.isEmpty())
        return raw;
    if (value.isDouble())
        return QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
    return QString();
}

QStringList serverUrls(const QJsonObject& root, const QString& sourceName, QStringList* warnings)
{
    QStringList urls;
    const QJsonArray servers = root.value(QLatin1String("servers")).toArray();
    static const QRegularExpression variable(QStringLiteral("\\{([^{}]+)\\}"));
    for (const QJsonValue& serverValue : servers) {
        const QJsonObject server = serverValue.toObject();
        QString url = server.value(QLatin1String("url")).toString().trimmed();
        if (url.isEmpty())
            continue;
        const QJsonObject variables = server.value(QLatin1String("variables")).toObject();
        QString substituted;
        qsizetype last = 0;
        auto it = variable.globalMatch(url);
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            substituted += url.mid(last, match.capturedStart() - last);
            const QJsonValue def = variables.value(match.captured(1)).toObject().value(QLatin1String("default"));
            const QString value = scalarText(def, QString());
            if (def.isUndefined() || (value.isEmpty() && !def.isString())) {
                warnings->append(QStringLiteral("%1: server '%2': variable '%3' has no default")
                                     .arg(sourceName, url, match.captured(1)));
                substituted += match.captured(0);
            } else {
                substituted += value;
            }
            last = match.capturedEnd();
        }
        substituted += url.mid(last);
        if (!urls.contains(substituted))
            urls << substituted;
    }
    return urls;
}

struct FoundOperation
{
    OperationSource source;
    QString baseName;
    QString name;
};

OpenApiImportResult importImpl(const QByteArray& content, const QString& sourceName, const QString& baseDirectory,
                               const QString& rootKey, const OpenApiImportOptions& options)
{
    OpenApiImportResult result;
    const ParsedDocument parsed = DocumentParser::parse(content, sourceName);
    if (!parsed.ok) {
        result.error = parsed.error;
        return result;
    }
    if (!parsed.root.isObject()) {
        result.error = QStringLiteral("%1: not an OpenAPI document: the top level is not an object").arg(sourceName);
        return result;
    }
    const QJsonObject root = parsed.root.toObject();
    if (root.contains(QLatin1String("swagger"))) {
        result.error = QStringLiteral("%1: Swagger 2.0 is not supported; convert to OpenAPI 3").arg(sourceName);
        return result;
    }
    const QJsonValue versionValue = root.value(QLatin1String("openapi"));
    if (versionValue.isUndefined()) {
        result.error = QStringLiteral("%1: not an OpenAPI document: the 'openapi' field is missing").arg(sourceName);
        return result;
    }
    const QString version = scalarText(versionValue, parsed.rawScalars.value(QStringLiteral("/openapi"))).trimmed();
    if (!version.startsWith(QLatin1String("3."))) {
        result.error = QStringLiteral("%1: /openapi: unsupported OpenAPI version '%2'; expected 3.0.x or 3.1.x")
                           .arg(sourceName, version);
        return result;
    }
    result.openApiVersion = version;
    const QJsonObject info = root.value(QLatin1String("info")).toObject();
    result.title = info.value(QLatin1String("title")).toString();
    result.apiVersion
        = scalarText(info.value(QLatin1String("version")), parsed.rawScalars.value(QStringLiteral("/info/version")));
    result.serverUrls = serverUrls(root, sourceName, &result.warnings);

    QStringList warnings;
    try {
        RefResolver resolver(rootKey, sourceName, baseDirectory, parsed);
        SchemaConverter converter(&resolver, &warnings);
        OperationBuilder builder(&resolver, &converter, &warnings);

        // Every operation, in document order.
        QList<FoundOperation> operations;
        const NodeLocation pathsLocation = resolver.rootLocation().child(QStringLiteral("paths"));
        const QJsonObject paths = root.value(QLatin1String("paths")).toObject();
        const QStringList pathKeys = resolver.keyOrder(pathsLocation, paths);
        for (const QString& path : pathKeys) {
            if (path.startsWith(QLatin1String("x-")))
                continue;
            const RefResolver::Target item = resolver.follow(paths.value(path), pathsLocation.child(path));
            const QJsonObject pathItem = item.value.toObject();
            bool ordered = false;
            QStringList keys = resolver.keyOrder(item.location, pathItem, &ordered);
            if (!ordered) { // deep in a referenced file: the usual method order beats alphabetical
                std::sort(keys.begin(), keys.end(), [](const QString& a, const QString& b) {
                    return httpMethods().indexOf(a.toLower()) < httpMethods().indexOf(b.toLower());
                });
            }
            for (const QString& key : keys) {
                const QString method = key.toLower();
                if (!httpMethods().contains(method))
                    continue;
                FoundOperation found;
                found.source.method = method.toUpper().toLatin1();
                found.source.path = path;
                found.source.label = QString::fromLatin1(found.source.method) + QLatin1Char(' ') + path;
                // Operations are not meant to be $refs, but multi-file documents often make them so.
                const RefResolver::Target operation = resolver.follow(pathItem.value(key), item.location.child(key));
                if (!operation.value.isObject()) {
                    warnings << QStringLiteral("%1: not an operation object; skipped").arg(found.source.label);
                    continue;
                }
                found.source.operation = operation.value.toObject();
                found.source.operationLocation = operation.location;
                found.source.pathItem = pathItem;
                found.source.pathItemLocation = item.location;
                found.baseName = ToolNamer::baseName(
                    options.naming, found.source.operation.value(QLatin1String("operationId")).toString(),
                    found.source.method, path);
                operations << found;
            }
        }
        if (operations.isEmpty())
            warnings << QStringLiteral("%1: the document has no operations").arg(sourceName);

        // Names are unique across the whole document, so that include/exclude never renames tools.
        QStringList baseNames;
        QStringList labels;
        for (const FoundOperation& op : qAsConst(operations)) {
            baseNames << op.baseName;
            labels << op.source.label;
        }
        const QStringList names = ToolNamer::makeUnique(baseNames, labels, &warnings);

        QSet<QString> usedIncludes;
        QSet<QString> usedExcludes;
        for (qsizetype i = 0; i < operations.size(); ++i) {
            const FoundOperation& op = operations.at(i);
            const QString operationId = op.source.operation.value(QLatin1String("operationId")).toString();
            const auto matching = [&](const QStringList& entries, QSet<QString>* used) {
                bool any = false;
                for (const QString& entry : entries) {
                    if (ToolNamer::matches(entry, names.at(i), operationId, op.source.method, op.source.path)
                        || ToolNamer::matches(entry, op.baseName, operationId, op.source.method, op.source.path)) {
                        used->insert(entry);
                        any = true;
                    }
                }
                return any;
            };
            const bool included = options.include.isEmpty() || matching(options.include, &usedIncludes);
            const bool excluded = matching(options.exclude, &usedExcludes);
            if (!included || excluded)
                continue;

            converter.startTool(op.source.label);
            ToolDefinition tool;
            if (!builder.build(op.source, &tool))
                continue;
            tool.name = names.at(i);
            result.tools << tool;
        }
        for (const QString& entry : options.include) {
            if (!usedIncludes.contains(entry))
                warnings << QStringLiteral("include entry '%1' matches no operation").arg(entry);
        }
        for (const QString& entry : options.exclude) {
            if (!usedExcludes.contains(entry))
                warnings << QStringLiteral("exclude entry '%1' matches no operation").arg(entry);
        }
    } catch (const ImportFailure& failure) {
        OpenApiImportResult failed;
        failed.error = failure.message;
        failed.warnings = result.warnings + warnings;
        failed.warnings.removeDuplicates();
        return failed;
    }

    result.warnings += warnings;
    result.warnings.removeDuplicates();
    result.ok = true;
    return result;
}

QString rootKeyFor(const QString& directory, const QString& name)
{
    if (directory.isEmpty())
        return name;
    const QString path = QDir::cleanPath(QDir(directory).absoluteFilePath(name));
    const QFileInfo info(path);
    return info.exists() ? info.canonicalFilePath() : path;
}

} // namespace

OpenApiImportResult OpenApiImporter::importFile(const QString& filePath, const OpenApiImportOptions& options)
{
    const QFileInfo info(filePath);
    QFile file(filePath);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        OpenApiImportResult result;
        result.error = QStringLiteral("%1: cannot read the file: %2")
                           .arg(QDir::toNativeSeparators(filePath),
                                info.exists() ? file.errorString() : QStringLiteral("no such file"));
        return result;
    }
    if (file.size() > kMaxDocumentSize) {
        OpenApiImportResult result;
        result.error = QStringLiteral("%1: the file is larger than %2 MiB")
                           .arg(QDir::toNativeSeparators(filePath))
                           .arg(kMaxDocumentSize / (1024 * 1024));
        return result;
    }
    const QString directory = info.absolutePath();
    return importImpl(file.readAll(), info.fileName(), directory, rootKeyFor(directory, info.fileName()), options);
}

OpenApiImportResult OpenApiImporter::importDocument(const QByteArray& content, const QString& sourceName,
                                                    const QString& baseDirectory, const OpenApiImportOptions& options)
{
    const QString directory = baseDirectory.isEmpty() ? QString() : QDir(baseDirectory).absolutePath();
    return importImpl(content, sourceName, directory, rootKeyFor(directory, sourceName), options);
}

} // namespace Gateway
