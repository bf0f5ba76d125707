// SPDX-License-Identifier: GPL-3.0-or-later
#include "OperationBuilder.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace Gateway {
namespace {

const QStringList& locationOrder()
{
    static const QStringList order{QStringLiteral("path"), QStringLiteral("query"), QStringLiteral("header"),
                                   QStringLiteral("cookie")};
    return order;
}

ParameterLocation locationFromString(const QString& in)
{
    if (in == QLatin1String("path"))
        return ParameterLocation::Path;
    if (in == QLatin1String("header"))
        return ParameterLocation::Header;
    if (in == QLatin1String("cookie"))
        return ParameterLocation::Cookie;
    return ParameterLocation::Query;
}

QString locationName(ParameterLocation location)
{
    switch (location) {
    case ParameterLocation::Path: return QStringLiteral("path");
    case ParameterLocation::Query: return QStringLiteral("query");
    case ParameterLocation::Header: return QStringLiteral("header");
    case ParameterLocation::Cookie: return QStringLiteral("cookie");
    }
    return QString();
}

QStringList pathPlaceholders(const QString& path)
{
    static const QRegularExpression placeholder(QStringLiteral("\\{([^{}/]+)\\}"));
    QStringList names;
    auto it = placeholder.globalMatch(path);
    while (it.hasNext()) {
        const QString name = it.next().captured(1);
        if (!names.contains(name))
            names << name;
    }
    return names;
}

bool isHeaderToken(const QString& name)
{
    if (name.isEmpty())
        return false;
    static const QString special = QStringLiteral("!#$%&'*+-.^_`|~");
    for (const QChar c : name) {
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || special.contains(c)))
            return false;
    }
    return true;
}

// Header parameters OpenAPI says to ignore, or that a tool argument must never control.
enum class HeaderVerdict { Allowed, IgnoredBySpec, Forbidden };
HeaderVerdict headerVerdict(const QString& name)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("accept") || lower == QLatin1String("content-type")
        || lower == QLatin1String("authorization"))
        return HeaderVerdict::IgnoredBySpec;
    static const QSet<QString> forbidden{QStringLiteral("host"),
                                         QStringLiteral("content-length"),
                                         QStringLiteral("transfer-encoding"),
                                         QStringLiteral("connection"),
                                         QStringLiteral("keep-alive"),
                                         QStringLiteral("upgrade"),
                                         QStringLiteral("te"),
                                         QStringLiteral("trailer"),
                                         QStringLiteral("expect"),
                                         QStringLiteral("cookie"),
                                         QStringLiteral("proxy-authorization"),
                                         QStringLiteral("proxy-connection")};
    return forbidden.contains(lower) ? HeaderVerdict::Forbidden : HeaderVerdict::Allowed;
}

enum class BodyClass { Json, Wildcard, Form, Text, Multipart, Unsupported };

struct MediaChoice
{
    QString key;
    BodyClass kind = BodyClass::Unsupported;
    int rank = 100;
};

MediaChoice classifyMediaType(const QString& key, const QJsonObject& media)
{
    const QString type = key.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    MediaChoice choice{key, BodyClass::Text, 50};
    if (type == QLatin1String("application/json")) {
        choice = {key, BodyClass::Json, 0};
    } else if (type.endsWith(QLatin1String("+json")) || type == QLatin1String("text/json")
               || type == QLatin1String("application/x-json")) {
        choice = {key, BodyClass::Json, 1};
    } else if (type == QLatin1String("*/*") || type == QLatin1String("application/*")) {
        const QJsonObject schema = media.value(QLatin1String("schema")).toObject();
        const bool binary = schema.value(QLatin1String("type")).toString() == QLatin1String("string");
        choice = {key, binary ? BodyClass::Text : BodyClass::Wildcard, binary ? 60 : 2};
    } else if (type == QLatin1String("application/x-www-form-urlencoded")) {
        choice = {key, BodyClass::Form, 3};
    } else if (type == QLatin1String("text/plain")) {
        choice = {key, BodyClass::Text, 4};
    } else if (type == QLatin1String("multipart/form-data")) {
        choice = {key, BodyClass::Multipart, 5};
    } else if (type.startsWith(QLatin1String("multipart/"))) {
        choice = {key, BodyClass::Unsupported, 90};
    }
    return choice;
}

// Whether a multipart field carries a file: a binary/byte string, or an encoding whose
// contentType is neither text nor JSON.
bool isFilePart(const QJsonObject& schema, const QString& encodingContentType)
{
    const QString format = schema.value(QLatin1String("format")).toString();
    if (schema.value(QLatin1String("type")).toString() == QLatin1String("string")
        && (format == QLatin1String("binary") || format == QLatin1String("byte")))
        return true;
    if (schema.contains(QLatin1String("contentMediaType")) || schema.contains(QLatin1String("contentEncoding")))
        return true; // OpenAPI 3.1 spelling of a file
    const QString type = encodingContentType.section(QLatin1Char(','), 0, 0).section(QLatin1Char(';'), 0, 0).trimmed();
    if (type.isEmpty())
        return false;
    return !type.startsWith(QLatin1String("text/"), Qt::CaseInsensitive)
        && !type.contains(QLatin1String("json"), Qt::CaseInsensitive);
}

// The input schema of a file part: base64 text, whatever the document said about the bytes.
QJsonObject filePartSchema(const QJsonObject& original, const QByteArray& contentType)
{
    QString description = original.value(QLatin1String("description")).toString();
    if (!description.isEmpty())
        description += QLatin1Char(' ');
    description += QStringLiteral("File content, base64-encoded (RFC 4648, standard alphabet); sent decoded as a "
                                  "file part (%1) of the multipart/form-data body.")
                       .arg(contentType.isEmpty() ? QStringLiteral("application/octet-stream")
                                                  : QString::fromLatin1(contentType));
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                       {QStringLiteral("contentEncoding"), QStringLiteral("base64")},
                       {QStringLiteral("description"), description}};
}

// The Content-Type actually sent for a (possibly wildcard) media type.
QByteArray contentTypeFor(const MediaChoice& choice)
{
    const QString type = choice.key.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (choice.kind == BodyClass::Wildcard)
        return "application/json";
    if (type == QLatin1String("*/*")
        || (type.endsWith(QLatin1String("/*")) && !type.startsWith(QLatin1String("text/"))))
        return "application/octet-stream";
    if (type == QLatin1String("text/*"))
        return "text/plain";
    return choice.key.trimmed().toUtf8();
}

// Can the body schema's properties become top-level arguments without losing anything?
bool canSpreadProperties(const QJsonObject& schema, const QJsonObject& taken)
{
    const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
    if (properties.isEmpty())
        return false;
    const QJsonValue type = schema.value(QLatin1String("type"));
    if (!type.isUndefined() && type != QJsonValue(QStringLiteral("object")))
        return false;
    static const QSet<QString> allowed{QStringLiteral("type"),     QStringLiteral("properties"),
                                       QStringLiteral("required"), QStringLiteral("description"),
                                       QStringLiteral("title"),    QStringLiteral("deprecated"),
                                       QStringLiteral("examples"), QStringLiteral("additionalProperties")};
    for (auto it = schema.constBegin(); it != schema.constEnd(); ++it) {
        if (!allowed.contains(it.key()))
            return false;
    }
    const QJsonValue additional = schema.value(QLatin1String("additionalProperties"));
    if (!additional.isUndefined() && !additional.isBool())
        return false; // a map of extra keys: keep the body whole
    for (auto it = properties.constBegin(); it != properties.constEnd(); ++it) {
        if (taken.contains(it.key()))
            return false;
    }
    return true;
}

QString uniqueArgumentName(const QString& wanted, const QJsonObject& taken)
{
    if (!taken.contains(wanted))
        return wanted;
    for (int n = 2;; ++n) {
        const QString candidate = wanted + QLatin1Char('_') + QString::number(n);
        if (!taken.contains(candidate))
            return candidate;
    }
}

} // namespace

OperationBuilder::OperationBuilder(RefResolver* resolver, SchemaConverter* converter, QStringList* warnings)
    : m_resolver(resolver)
    , m_converter(converter)
    , m_warnings(warnings)
{
}

void OperationBuilder::warn(const OperationSource& source, const QString& message)
{
    m_warnings->append(QStringLiteral("%1: %2").arg(source.label, message));
}

QJsonObject OperationBuilder::annotationsFor(const QByteArray& method)
{
    QJsonObject annotations;
    const bool safe = method == "GET" || method == "HEAD" || method == "OPTIONS" || method == "TRACE";
    annotations.insert(QStringLiteral("readOnlyHint"), safe);
    if (safe) {
        annotations.insert(QStringLiteral("destructiveHint"), false);
    } else {
        if (method == "DELETE" || method == "PUT")
            annotations.insert(QStringLiteral("destructiveHint"), true);
        annotations.insert(QStringLiteral("idempotentHint"), method == "PUT" || method == "DELETE");
    }
    annotations.insert(QStringLiteral("openWorldHint"), true);
    return annotations;
}

void OperationBuilder::collectParameters(const QJsonValue& list, const NodeLocation& at,
                                         QList<RawParameter>* parameters)
{
    const QJsonArray array = list.toArray();
    for (int i = 0; i < array.size(); ++i) {
        const RefResolver::Target target = m_resolver->follow(array.at(i), at.child(i));
        const QJsonObject object = target.value.toObject();
        RawParameter raw{object, target.location, object.value(QLatin1String("name")).toString(),
                         object.value(QLatin1String("in")).toString()};
        if (raw.name.isEmpty() || raw.in.isEmpty()) {
            m_warnings->append(
                m_resolver->describe(at.child(i), QStringLiteral("parameter without 'name' or 'in' ignored")));
            continue;
        }
        bool replaced = false;
        for (RawParameter& existing : *parameters) {
            if (existing.name == raw.name && existing.in == raw.in) {
                existing = raw; // operation-level wins over path-item-level
                replaced = true;
                break;
            }
        }
        if (!replaced)
            parameters->append(raw);
    }
}

bool OperationBuilder::makeBinding(const RawParameter& raw, const OperationSource& source, ParameterBinding* binding)
{
    if (!locationOrder().contains(raw.in)) {
        warn(source, QStringLiteral("parameter '%1' in '%2' is not supported; ignored").arg(raw.name, raw.in));
        return false;
    }
    const ParameterLocation location = locationFromString(raw.in);
    if (location == ParameterLocation::Header) {
        const HeaderVerdict verdict = headerVerdict(raw.name);
        if (verdict == HeaderVerdict::IgnoredBySpec)
            return false; // OpenAPI: Accept, Content-Type and Authorization header parameters are ignored
        if (verdict == HeaderVerdict::Forbidden || !isHeaderToken(raw.name)) {
            warn(source, QStringLiteral("header parameter '%1' cannot be set by a tool; ignored").arg(raw.name));
            return false;
        }
    }
    if (location == ParameterLocation::Path && !pathPlaceholders(source.path).contains(raw.name)) {
        warn(source, QStringLiteral("path parameter '%1' does not appear in the path; ignored").arg(raw.name));
        return false;
    }

    binding->wireName = raw.name;
    binding->location = location;
    const bool defaultForm = location == ParameterLocation::Query || location == ParameterLocation::Cookie;
    binding->style = raw.object.value(QLatin1String("style"))
                         .toString(defaultForm ? QStringLiteral("form") : QStringLiteral("simple"));
    binding->required = location == ParameterLocation::Path || raw.object.value(QLatin1String("required")).toBool();

    QJsonObject schema;
    if (raw.object.contains(QLatin1String("schema"))) {
        schema = m_converter->convert(raw.object.value(QLatin1String("schema")),
                                      raw.location.child(QStringLiteral("schema")));
    } else if (raw.object.value(QLatin1String("content")).isObject()) {
        // `content` parameters are serialized with their media type; the style field carries it.
        const QJsonObject content = raw.object.value(QLatin1String("content")).toObject();
        if (!content.isEmpty()) {
            const QString mediaType = content.constBegin().key();
            binding->style = mediaType;
            schema = m_converter->convert(
                content.constBegin().value().toObject().value(QLatin1String("schema")),
                raw.location.child(QStringLiteral("content")).child(mediaType).child(QStringLiteral("schema")));
        }
    } else {
        schema.insert(QStringLiteral("type"), QStringLiteral("string"));
    }
    binding->explode = raw.object.value(QLatin1String("explode")).toBool(binding->style == QLatin1String("form"));
    const QString description = raw.object.value(QLatin1String("description")).toString();
    if (!description.isEmpty() && !schema.contains(QLatin1String("description")))
        schema.insert(QStringLiteral("description"), description);
    if (raw.object.value(QLatin1String("deprecated")).toBool() && !schema.contains(QLatin1String("deprecated")))
        schema.insert(QStringLiteral("deprecated"), true);
    binding->schema = schema;
    return true;
}

bool OperationBuilder::build(const OperationSource& source, ToolDefinition* tool)
{
    tool->httpMethod = source.method;
    tool->pathTemplate = source.path;
    tool->operationId = source.operation.value(QLatin1String("operationId")).toString();
    tool->title = source.operation.value(QLatin1String("summary")).toString().trimmed();
    tool->description = source.operation.value(QLatin1String("description")).toString().trimmed();
    if (tool->description.isEmpty())
        tool->description = tool->title;
    tool->annotations = annotationsFor(source.method);

    QList<RawParameter> raws;
    collectParameters(source.pathItem.value(QLatin1String("parameters")),
                      source.pathItemLocation.child(QStringLiteral("parameters")), &raws);
    collectParameters(source.operation.value(QLatin1String("parameters")),
                      source.operationLocation.child(QStringLiteral("parameters")), &raws);

    QList<ParameterBinding> bindings;
    for (const RawParameter& raw : qAsConst(raws)) {
        ParameterBinding binding;
        if (makeBinding(raw, source, &binding))
            bindings << binding;
    }
    // Placeholders nobody declared: still required strings, or the URL cannot be built.
    const QStringList placeholders = pathPlaceholders(source.path);
    for (const QString& name : placeholders) {
        const bool declared = std::any_of(bindings.cbegin(), bindings.cend(), [&](const ParameterBinding& b) {
            return b.location == ParameterLocation::Path && b.wireName == name;
        });
        if (declared)
            continue;
        warn(source, QStringLiteral("path parameter '%1' is not declared; treated as a required string").arg(name));
        ParameterBinding binding;
        binding.wireName = name;
        binding.location = ParameterLocation::Path;
        binding.style = QStringLiteral("simple");
        binding.explode = false;
        binding.required = true;
        binding.schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}};
        bindings << binding;
    }

    // Argument names: parameter names; on a clash (same name in two places) the path parameter
    // keeps it, then query, header, cookie; the others get "<name>_<in>".
    QJsonObject properties;
    QStringList required;
    for (const QString& in : locationOrder()) {
        for (ParameterBinding& binding : bindings) {
            if (locationName(binding.location) != in)
                continue;
            QString name = binding.wireName;
            if (properties.contains(name)) {
                name = uniqueArgumentName(binding.wireName + QLatin1Char('_') + in, properties);
                warn(source,
                     QStringLiteral("%1 parameter '%2' is named '%3' as a tool argument")
                         .arg(in, binding.wireName, name));
            }
            binding.argumentName = name;
            properties.insert(name, binding.schema);
        }
    }
    for (const ParameterBinding& binding : qAsConst(bindings)) {
        if (binding.required)
            required << binding.argumentName;
    }
    tool->parameters = bindings;

    if (!addRequestBody(source, tool, &properties, &required))
        return false;

    if (properties.isEmpty()) {
        tool->inputSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                        {QStringLiteral("additionalProperties"), false}};
    } else {
        tool->inputSchema = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                        {QStringLiteral("properties"), properties}};
        required.removeDuplicates();
        if (!required.isEmpty())
            tool->inputSchema.insert(QStringLiteral("required"), QJsonArray::fromStringList(required));
    }
    return true;
}

bool OperationBuilder::addRequestBody(const OperationSource& source, ToolDefinition* tool, QJsonObject* properties,
                                      QStringList* required)
{
    const QJsonValue bodyValue = source.operation.value(QLatin1String("requestBody"));
    if (bodyValue.isUndefined() || bodyValue.isNull())
        return true;
    const RefResolver::Target body
        = m_resolver->follow(bodyValue, source.operationLocation.child(QStringLiteral("requestBody")));
    const QJsonObject bodyObject = body.value.toObject();
    const bool bodyRequired = bodyObject.value(QLatin1String("required")).toBool();
    const QJsonObject content = bodyObject.value(QLatin1String("content")).toObject();
    if (content.isEmpty()) {
        warn(source, QStringLiteral("request body has no content; ignored"));
        return true;
    }

    MediaChoice choice;
    for (auto it = content.constBegin(); it != content.constEnd(); ++it) {
        const MediaChoice candidate = classifyMediaType(it.key(), it.value().toObject());
        if (candidate.rank < choice.rank)
            choice = candidate;
    }
    if (choice.kind == BodyClass::Unsupported) {
        if (bodyRequired) {
            warn(source, QStringLiteral("%1 request bodies are not supported; operation skipped").arg(choice.key));
            return false;
        }
        warn(source, QStringLiteral("%1 request bodies are not supported; the tool sends no body").arg(choice.key));
        return true;
    }

    const NodeLocation mediaLocation = body.location.child(QStringLiteral("content")).child(choice.key);
    const QJsonObject media = content.value(choice.key).toObject();
    QJsonObject schema;
    if (media.contains(QLatin1String("schema")))
        schema
            = m_converter->convert(media.value(QLatin1String("schema")), mediaLocation.child(QStringLiteral("schema")));
    const QString bodyDescription = bodyObject.value(QLatin1String("description")).toString();

    tool->bodyRequired = bodyRequired;
    tool->bodyContentType = contentTypeFor(choice);

    if (choice.kind == BodyClass::Multipart)
        return addMultipartBody(source, media, schema, bodyRequired, tool, properties, required);

    const bool structured
        = choice.kind == BodyClass::Json || choice.kind == BodyClass::Wildcard || choice.kind == BodyClass::Form;
    if (structured && canSpreadProperties(schema, *properties)) {
        tool->bodyKind = RequestBodyKind::JsonProperties;
        const QJsonObject bodyProperties = schema.value(QLatin1String("properties")).toObject();
        for (auto it = bodyProperties.constBegin(); it != bodyProperties.constEnd(); ++it) {
            properties->insert(it.key(), it.value());
            tool->bodyProperties << it.key();
        }
        if (bodyRequired) {
            const QJsonArray names = schema.value(QLatin1String("required")).toArray();
            for (const QJsonValue& name : names) {
                if (bodyProperties.contains(name.toString()))
                    required->append(name.toString());
            }
        }
        return true;
    }

    QString argument = QStringLiteral("body");
    if (properties->contains(argument))
        argument = uniqueArgumentName(QStringLiteral("requestBody"), *properties);
    tool->bodyArgument = argument;
    if (choice.kind == BodyClass::Json || choice.kind == BodyClass::Wildcard) {
        tool->bodyKind = RequestBodyKind::JsonWhole;
    } else {
        tool->bodyKind = RequestBodyKind::Text;
        if (schema.value(QLatin1String("type")) != QJsonValue(QStringLiteral("string")))
            schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}};
        schema.remove(QStringLiteral("format")); // "binary" and friends mean nothing to a text argument
        if (!schema.contains(QLatin1String("description")) && bodyDescription.isEmpty())
            schema.insert(QStringLiteral("description"),
                          QStringLiteral("Request body, sent as %1").arg(QString::fromUtf8(tool->bodyContentType)));
    }
    if (!bodyDescription.isEmpty() && !schema.contains(QLatin1String("description")))
        schema.insert(QStringLiteral("description"), bodyDescription);
    properties->insert(argument, schema);
    if (bodyRequired)
        required->append(argument);
    return true;
}

bool OperationBuilder::addMultipartBody(const OperationSource& source, const QJsonObject& media,
                                        const QJsonObject& schema, bool bodyRequired, ToolDefinition* tool,
                                        QJsonObject* properties, QStringList* required)
{
    // Each form field becomes a top-level argument; a body that is not a plain object of named
    // fields (or whose names clash with parameters) cannot be expressed that way.
    if (!canSpreadProperties(schema, *properties)) {
        const QString reason
            = QStringLiteral("multipart/form-data request bodies are supported as an object of named fields (without "
                             "clashes with parameter names) only");
        if (bodyRequired) {
            warn(source, reason + QStringLiteral("; operation skipped"));
            return false;
        }
        warn(source, reason + QStringLiteral("; the tool sends no body"));
        tool->bodyKind = RequestBodyKind::None;
        tool->bodyContentType.clear();
        return true;
    }
    tool->bodyKind = RequestBodyKind::Multipart;
    tool->bodyContentType = "multipart/form-data";
    const QJsonObject encoding = media.value(QLatin1String("encoding")).toObject();
    const QJsonObject fields = schema.value(QLatin1String("properties")).toObject();
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        QJsonObject field = it.value().toObject();
        MultipartPart part;
        part.name = it.key();
        const QString encodingType
            = encoding.value(it.key()).toObject().value(QLatin1String("contentType")).toString().trimmed();
        QJsonObject item = field;
        if (field.value(QLatin1String("type")).toString() == QLatin1String("array")
            && field.value(QLatin1String("items")).isObject()) {
            part.repeated = true;
            item = field.value(QLatin1String("items")).toObject();
        }
        part.binary = isFilePart(item, encodingType);
        // A list of types ("image/png, image/jpeg") names alternatives: the first is sent.
        part.contentType = encodingType.section(QLatin1Char(','), 0, 0).trimmed().toLatin1();
        if (part.binary) {
            const QJsonObject fileSchema = filePartSchema(item, part.contentType);
            if (part.repeated) {
                field.insert(QStringLiteral("items"), fileSchema);
            } else {
                field = fileSchema;
            }
        }
        properties->insert(it.key(), field);
        tool->bodyProperties << it.key();
        tool->multipartParts << part;
    }
    if (bodyRequired) {
        const QJsonArray names = schema.value(QLatin1String("required")).toArray();
        for (const QJsonValue& name : names) {
            if (fields.contains(name.toString()))
                required->append(name.toString());
        }
    }
    return true;
}

} // namespace Gateway
