// SPDX-License-Identifier: GPL-3.0-or-later
#include "SchemaConverter.h"

#include "SchemaKeywords.h"

#include <QJsonArray>

namespace Gateway {
namespace {

const QLatin1String kRef("$ref");

} // namespace

SchemaConverter::SchemaConverter(RefResolver* resolver, QStringList* warnings)
    : m_resolver(resolver)
    , m_warnings(warnings)
{
}

void SchemaConverter::startTool(const QString& label)
{
    m_label = label;
    m_nodes = 0;
    m_expanding.clear();
    m_warned.clear();
    m_droppedReadOnly.clear();
}

bool SchemaConverter::isReadOnly(const QJsonValue& schema)
{
    return schema.isObject() && schema.toObject().value(QLatin1String("readOnly")).toBool();
}

void SchemaConverter::warnOnce(const QString& message)
{
    if (m_warned.contains(message))
        return;
    m_warned.insert(message);
    m_warnings->append(QStringLiteral("%1: %2").arg(m_label, message));
}

QJsonObject SchemaConverter::convert(const QJsonValue& schema, const NodeLocation& at)
{
    const QJsonValue converted = convertValue(schema, at, 0, {});
    if (converted.isObject())
        return converted.toObject();
    if (converted.isBool() && !converted.toBool())
        return QJsonObject{{QStringLiteral("not"), QJsonObject()}};
    return QJsonObject();
}

QJsonValue SchemaConverter::convertValue(const QJsonValue& value, const NodeLocation& at, int depth,
                                         const QList<NodeLocation>& pureChain)
{
    if (value.isBool())
        return value; // 3.1 boolean schema
    if (!value.isObject())
        return QJsonObject(); // not a schema: accept anything rather than fail the import
    const QJsonObject object = value.toObject();
    if (depth > kMaxDepth) {
        warnOnce(QStringLiteral("input schema nested deeper than %1 levels; deeper parts omitted").arg(kMaxDepth));
        return QJsonObject{{QStringLiteral("description"),
                            QStringLiteral("(nested schema omitted: deeper than %1 levels)").arg(kMaxDepth)}};
    }
    ++m_nodes;
    if (object.value(kRef).isString())
        return convertRef(object, at, depth, pureChain);
    return convertObject(object, at, depth);
}

QJsonValue SchemaConverter::convertRef(const QJsonObject& object, const NodeLocation& at, int depth,
                                       const QList<NodeLocation>& pureChain)
{
    const RefResolver::Target target = m_resolver->resolve(object.value(kRef).toString(), at);
    const QString key = m_resolver->canonicalKey(target.location);

    for (qsizetype i = 0; i < pureChain.size(); ++i) {
        if (m_resolver->canonicalKey(pureChain.at(i)) != key)
            continue;
        QStringList chain;
        for (qsizetype j = i; j < pureChain.size(); ++j)
            chain << m_resolver->refText(pureChain.at(j));
        chain << m_resolver->refText(target.location);
        m_resolver->fail(at, QStringLiteral("$ref cycle: %1").arg(chain.join(QStringLiteral(" -> "))));
    }
    if (m_expanding.contains(key)) {
        const QString name = m_resolver->shortName(target.location);
        warnOnce(QStringLiteral("recursive reference to %1 omitted").arg(m_resolver->refText(target.location)));
        return QJsonObject{
            {QStringLiteral("description"), QStringLiteral("(recursive reference to %1 omitted)").arg(name)}};
    }
    if (m_nodes > kMaxNodesPerTool) {
        warnOnce(QStringLiteral("input schema larger than %1 schema nodes; further references omitted")
                     .arg(kMaxNodesPerTool));
        return QJsonObject{{QStringLiteral("description"),
                            QStringLiteral("(schema %1 omitted: input schema too large)")
                                .arg(m_resolver->shortName(target.location))}};
    }

    QList<NodeLocation> chain = pureChain;
    chain << target.location;
    m_expanding << key;
    QJsonValue result = convertValue(target.value, target.location, depth, chain);
    m_expanding.removeLast();

    QJsonObject siblings = object;
    siblings.remove(kRef);
    if (siblings.isEmpty())
        return result;
    // $ref siblings (OpenAPI 3.1; commonly written in 3.0 too) merge over the target.
    if (result.isBool()) {
        if (!result.toBool())
            return result;
        result = QJsonObject();
    }
    const bool nullable = siblings.value(QLatin1String("nullable")).toBool();
    siblings.remove(QLatin1String("nullable"));
    const QJsonObject converted = convertObject(siblings, at, depth);
    // Keyword by keyword, siblings win; properties and required are combined rather than replaced.
    QJsonObject merged = result.toObject();
    for (auto it = converted.constBegin(); it != converted.constEnd(); ++it) {
        if (it.key() == QLatin1String("properties") && merged.value(it.key()).isObject()) {
            QJsonObject properties = merged.value(it.key()).toObject();
            const QJsonObject extra = it.value().toObject();
            for (auto p = extra.constBegin(); p != extra.constEnd(); ++p)
                properties.insert(p.key(), p.value());
            merged.insert(it.key(), properties);
        } else if (it.key() == QLatin1String("required") && merged.value(it.key()).isArray()) {
            QJsonArray required = merged.value(it.key()).toArray();
            const QJsonArray extra = it.value().toArray();
            for (const QJsonValue& name : extra) {
                if (!required.contains(name))
                    required.append(name);
            }
            merged.insert(it.key(), required);
        } else {
            merged.insert(it.key(), it.value());
        }
    }
    if (nullable)
        SchemaKeywords::applyNullable(&merged);
    return merged;
}

QJsonObject SchemaConverter::convertObject(const QJsonObject& object, const NodeLocation& at, int depth)
{
    QJsonObject out;
    QStringList droppedReadOnly;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QString& key = it.key();
        const QJsonValue& value = it.value();
        if (SchemaKeywords::isDropped(key) || key == kRef)
            continue;
        const NodeLocation here = at.child(key);
        if (SchemaKeywords::isSchemaMap(key)) {
            const QJsonObject map = value.toObject();
            QJsonObject converted;
            for (auto p = map.constBegin(); p != map.constEnd(); ++p) {
                const QJsonValue schema = convertValue(p.value(), here.child(p.key()), depth + 1, {});
                if (key == QLatin1String("properties") && isReadOnly(schema)) {
                    droppedReadOnly << p.key(); // readOnly properties are never sent
                    continue;
                }
                converted.insert(p.key(), schema);
            }
            if (!converted.isEmpty() || key == QLatin1String("properties"))
                out.insert(key, converted);
        } else if (SchemaKeywords::isSingleSchema(key)) {
            if (value.isObject() || value.isBool()) {
                out.insert(key, convertValue(value, here, depth + 1, {}));
            } else if (key == QLatin1String("items") && value.isArray()) {
                // Draft-4 tuple form -> prefixItems.
                QJsonArray converted;
                const QJsonArray array = value.toArray();
                for (int i = 0; i < array.size(); ++i)
                    converted.append(convertValue(array.at(i), here.child(i), depth + 1, {}));
                if (!object.contains(QLatin1String("prefixItems")))
                    out.insert(QStringLiteral("prefixItems"), converted);
            }
        } else if (SchemaKeywords::isSchemaList(key)) {
            QJsonArray converted;
            const QJsonArray array = value.toArray();
            for (int i = 0; i < array.size(); ++i) {
                if (array.at(i).isObject() || array.at(i).isBool())
                    converted.append(convertValue(array.at(i), here.child(i), depth + 1, {}));
            }
            if (!converted.isEmpty())
                out.insert(key, converted);
        } else {
            SchemaKeywords::copyKeyword(key, value, &out);
        }
    }

    SchemaKeywords::fixExclusiveBound(object, QStringLiteral("exclusiveMinimum"), QStringLiteral("minimum"), &out);
    SchemaKeywords::fixExclusiveBound(object, QStringLiteral("exclusiveMaximum"), QStringLiteral("maximum"), &out);

    if (!droppedReadOnly.isEmpty()) {
        for (const QString& name : qAsConst(droppedReadOnly))
            m_droppedReadOnly.insert(name);
        QJsonArray required;
        const QJsonArray original = out.value(QLatin1String("required")).toArray();
        for (const QJsonValue& name : original) {
            if (!droppedReadOnly.contains(name.toString()))
                required.append(name);
        }
        if (required.isEmpty())
            out.remove(QLatin1String("required"));
        else
            out.insert(QLatin1String("required"), required);
    }

    mergeAllOf(&out);
    if (object.value(QLatin1String("nullable")).toBool())
        SchemaKeywords::applyNullable(&out);
    return out;
}

// allOf whose members only add properties/required/annotations (or keywords nobody else sets)
// becomes one flat schema, which clients and models handle far better. Anything that conflicts
// keeps the allOf.
void SchemaConverter::mergeAllOf(QJsonObject* schema) const
{
    const QJsonValue allOf = schema->value(QLatin1String("allOf"));
    if (!allOf.isArray())
        return;
    QJsonObject result = *schema;
    result.remove(QLatin1String("allOf"));
    QJsonObject properties = result.value(QLatin1String("properties")).toObject();
    QStringList required;
    const QJsonArray ownRequired = result.value(QLatin1String("required")).toArray();
    for (const QJsonValue& v : ownRequired)
        required << v.toString();

    const QJsonArray members = allOf.toArray();
    for (const QJsonValue& memberValue : members) {
        if (memberValue.isBool()) {
            if (memberValue.toBool())
                continue;
            return;
        }
        const QJsonObject member = memberValue.toObject();
        if (member.contains(QLatin1String("allOf")))
            return;
        for (auto it = member.constBegin(); it != member.constEnd(); ++it) {
            const QString& key = it.key();
            if (key == QLatin1String("properties")) {
                const QJsonObject memberProperties = it.value().toObject();
                for (auto p = memberProperties.constBegin(); p != memberProperties.constEnd(); ++p) {
                    if (properties.contains(p.key()) && properties.value(p.key()) != p.value())
                        return;
                    properties.insert(p.key(), p.value());
                }
            } else if (key == QLatin1String("required")) {
                const QJsonArray names = it.value().toArray();
                for (const QJsonValue& v : names) {
                    if (!required.contains(v.toString()))
                        required << v.toString();
                }
            } else if (SchemaKeywords::isAnnotation(key)) {
                if (!result.contains(key))
                    result.insert(key, it.value());
            } else if (!result.contains(key)) {
                result.insert(key, it.value());
            } else if (key == QLatin1String("type")) {
                const QJsonValue type = SchemaKeywords::intersectTypes(result.value(key), it.value());
                if (type.isUndefined())
                    return;
                result.insert(key, type);
            } else if (result.value(key) != it.value()) {
                return;
            }
        }
    }
    // A readOnly property dropped from one member may still be listed as required by another.
    QJsonArray requiredArray;
    for (const QString& name : qAsConst(required)) {
        if (properties.contains(name) || !m_droppedReadOnly.contains(name))
            requiredArray.append(name);
    }
    if (!properties.isEmpty() || result.contains(QLatin1String("properties")))
        result.insert(QLatin1String("properties"), properties);
    if (requiredArray.isEmpty())
        result.remove(QLatin1String("required"));
    else
        result.insert(QLatin1String("required"), requiredArray);
    *schema = result;
}

} // namespace Gateway
