// SPDX-License-Identifier: GPL-3.0-or-later
#include "SchemaKeywords.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QStringList>

#include <cmath>

namespace Gateway {
namespace SchemaKeywords {
namespace {

bool isNonNegativeInteger(const QJsonValue& v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return d >= 0 && std::floor(d) == d && std::isfinite(d);
}

const QStringList& knownTypes()
{
    static const QStringList types{QStringLiteral("null"),  QStringLiteral("boolean"), QStringLiteral("object"),
                                   QStringLiteral("array"), QStringLiteral("number"),  QStringLiteral("integer"),
                                   QStringLiteral("string")};
    return types;
}

QString sanitizedTypeName(const QString& type)
{
    if (type == QLatin1String("file")) // Swagger 2.0 leftover
        return QStringLiteral("string");
    return knownTypes().contains(type) ? type : QString();
}

// type: "x" or ["x", "y"] with known names only; invalid -> undefined QJsonValue.
QJsonValue sanitizedType(const QJsonValue& value)
{
    if (value.isString()) {
        const QString type = sanitizedTypeName(value.toString());
        return type.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(type);
    }
    if (!value.isArray())
        return QJsonValue(QJsonValue::Undefined);
    QStringList types;
    const QJsonArray array = value.toArray();
    for (const QJsonValue& item : array) {
        const QString type = sanitizedTypeName(item.toString());
        if (!type.isEmpty() && !types.contains(type))
            types << type;
    }
    if (types.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (types.size() == 1)
        return types.first();
    return QJsonArray::fromStringList(types);
}

QStringList typeList(const QJsonValue& type)
{
    if (type.isString())
        return {type.toString()};
    QStringList types;
    const QJsonArray array = type.toArray();
    for (const QJsonValue& v : array)
        types << v.toString();
    return types;
}

} // namespace

bool isDropped(const QString& key)
{
    static const QSet<QString> dropped{QStringLiteral("example"),       QStringLiteral("xml"),
                                       QStringLiteral("discriminator"), QStringLiteral("externalDocs"),
                                       QStringLiteral("nullable"),      QStringLiteral("$schema"),
                                       QStringLiteral("$id"),           QStringLiteral("$comment"),
                                       QStringLiteral("$anchor"),       QStringLiteral("$dynamicAnchor"),
                                       QStringLiteral("$dynamicRef"),   QStringLiteral("$defs"),
                                       QStringLiteral("definitions"),   QStringLiteral("$vocabulary"),
                                       QStringLiteral("$recursiveRef"), QStringLiteral("$recursiveAnchor")};
    return key.startsWith(QLatin1String("x-")) || dropped.contains(key);
}

bool isSchemaMap(const QString& key)
{
    return key == QLatin1String("properties") || key == QLatin1String("patternProperties")
        || key == QLatin1String("dependentSchemas");
}

bool isSingleSchema(const QString& key)
{
    static const QSet<QString> keys{QStringLiteral("items"),
                                    QStringLiteral("additionalProperties"),
                                    QStringLiteral("additionalItems"),
                                    QStringLiteral("not"),
                                    QStringLiteral("if"),
                                    QStringLiteral("then"),
                                    QStringLiteral("else"),
                                    QStringLiteral("contains"),
                                    QStringLiteral("propertyNames"),
                                    QStringLiteral("unevaluatedProperties"),
                                    QStringLiteral("unevaluatedItems"),
                                    QStringLiteral("contentSchema")};
    return keys.contains(key);
}

bool isSchemaList(const QString& key)
{
    return key == QLatin1String("allOf") || key == QLatin1String("anyOf") || key == QLatin1String("oneOf")
        || key == QLatin1String("prefixItems");
}

bool isAnnotation(const QString& key)
{
    static const QSet<QString> keys{QStringLiteral("title"),    QStringLiteral("description"),
                                    QStringLiteral("default"),  QStringLiteral("deprecated"),
                                    QStringLiteral("examples"), QStringLiteral("readOnly"),
                                    QStringLiteral("writeOnly")};
    return keys.contains(key);
}

void copyKeyword(const QString& key, const QJsonValue& value, QJsonObject* out)
{
    static const QSet<QString> strings{QStringLiteral("title"), QStringLiteral("description"), QStringLiteral("format"),
                                       QStringLiteral("contentMediaType"), QStringLiteral("contentEncoding")};
    static const QSet<QString> counts{QStringLiteral("minLength"),     QStringLiteral("maxLength"),
                                      QStringLiteral("minItems"),      QStringLiteral("maxItems"),
                                      QStringLiteral("minProperties"), QStringLiteral("maxProperties"),
                                      QStringLiteral("minContains"),   QStringLiteral("maxContains")};
    static const QSet<QString> booleans{QStringLiteral("uniqueItems"), QStringLiteral("deprecated"),
                                        QStringLiteral("readOnly"), QStringLiteral("writeOnly")};
    if (strings.contains(key)) {
        if (value.isString())
            out->insert(key, value);
    } else if (counts.contains(key)) {
        if (isNonNegativeInteger(value))
            out->insert(key, value);
    } else if (booleans.contains(key)) {
        if (value.isBool())
            out->insert(key, value);
    } else if (key == QLatin1String("minimum") || key == QLatin1String("maximum")
               || key == QLatin1String("exclusiveMinimum") || key == QLatin1String("exclusiveMaximum")) {
        if (value.isDouble())
            out->insert(key, value);
    } else if (key == QLatin1String("multipleOf")) {
        if (value.isDouble() && value.toDouble() > 0)
            out->insert(key, value);
    } else if (key == QLatin1String("pattern")) {
        if (value.isString() && QRegularExpression(value.toString()).isValid())
            out->insert(key, value);
    } else if (key == QLatin1String("required")) {
        QStringList names;
        const QJsonArray array = value.toArray();
        for (const QJsonValue& v : array) {
            if (v.isString() && !names.contains(v.toString()))
                names << v.toString();
        }
        if (!names.isEmpty())
            out->insert(key, QJsonArray::fromStringList(names));
    } else if (key == QLatin1String("enum")) {
        if (value.isArray() && !value.toArray().isEmpty())
            out->insert(key, value);
    } else if (key == QLatin1String("examples")) {
        if (value.isArray())
            out->insert(key, value);
    } else if (key == QLatin1String("type")) {
        const QJsonValue type = sanitizedType(value);
        if (!type.isUndefined())
            out->insert(key, type);
    } else if (key == QLatin1String("default") || key == QLatin1String("const")) {
        out->insert(key, value);
    } else if (key == QLatin1String("dependentRequired")) {
        if (value.isObject())
            out->insert(key, value);
    }
    // Anything else is not JSON Schema (or is OpenAPI-only): dropped.
}

void applyNullable(QJsonObject* schema)
{
    if (schema->contains(QLatin1String("type"))) {
        QStringList types = typeList(schema->value(QLatin1String("type")));
        if (!types.contains(QLatin1String("null"))) {
            types << QStringLiteral("null");
            schema->insert(QLatin1String("type"), QJsonArray::fromStringList(types));
        }
    }
    if (schema->contains(QLatin1String("enum"))) {
        QJsonArray values = schema->value(QLatin1String("enum")).toArray();
        if (!values.contains(QJsonValue(QJsonValue::Null))) {
            values.append(QJsonValue(QJsonValue::Null));
            schema->insert(QLatin1String("enum"), values);
        }
    }
    if (schema->contains(QLatin1String("type")) || schema->contains(QLatin1String("enum")))
        return;
    // No type: null is only excluded by applicators (allOf/anyOf/oneOf/not/const...); wrap them.
    QJsonObject wrapper;
    QJsonObject inner;
    for (auto it = schema->constBegin(); it != schema->constEnd(); ++it) {
        if (isAnnotation(it.key()))
            wrapper.insert(it.key(), it.value());
        else
            inner.insert(it.key(), it.value());
    }
    if (inner.isEmpty())
        return; // accepts anything already
    wrapper.insert(QLatin1String("anyOf"),
                   QJsonArray{inner, QJsonObject{{QStringLiteral("type"), QStringLiteral("null")}}});
    *schema = wrapper;
}

void fixExclusiveBound(const QJsonObject& source, const QString& exclusiveKey, const QString& boundKey,
                       QJsonObject* out)
{
    const QJsonValue exclusive = source.value(exclusiveKey);
    if (!exclusive.isBool())
        return;
    out->remove(exclusiveKey);
    if (exclusive.toBool() && out->value(boundKey).isDouble()) {
        out->insert(exclusiveKey, out->value(boundKey));
        out->remove(boundKey);
    }
}

QJsonValue intersectTypes(const QJsonValue& a, const QJsonValue& b)
{
    const QStringList left = typeList(a);
    const QStringList right = typeList(b);
    QStringList both;
    for (const QString& t : left) {
        if (right.contains(t))
            both << t;
        else if (t == QLatin1String("number") && right.contains(QLatin1String("integer")))
            both << QStringLiteral("integer");
        else if (t == QLatin1String("integer") && right.contains(QLatin1String("number")))
            both << t;
    }
    both.removeDuplicates();
    if (both.isEmpty())
        return QJsonValue(QJsonValue::Undefined);
    if (both.size() == 1)
        return both.first();
    return QJsonArray::fromStringList(both);
}

} // namespace SchemaKeywords
} // namespace Gateway
