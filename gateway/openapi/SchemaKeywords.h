// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace Gateway {

// Keyword-level rules of SchemaConverter: which OpenAPI keywords hold subschemas, which are
// dropped, and how plain keyword values are sanitized into valid JSON Schema.
namespace SchemaKeywords {

// Documentation-only or OpenAPI-only keywords (example, xml, discriminator, externalDocs, x-*, ...).
bool isDropped(const QString& key);
// properties, patternProperties, dependentSchemas: name -> schema maps.
bool isSchemaMap(const QString& key);
// items, additionalProperties, not, if/then/else, ...: one schema.
bool isSingleSchema(const QString& key);
// allOf, anyOf, oneOf, prefixItems: lists of schemas.
bool isSchemaList(const QString& key);
// title, description, default, deprecated, examples, readOnly, writeOnly.
bool isAnnotation(const QString& key);

// Copies a non-schema keyword into `out` when its value is valid JSON Schema; drops it otherwise.
void copyKeyword(const QString& key, const QJsonValue& value, QJsonObject* out);
// OpenAPI 3.0 `nullable: true` -> null allowed, the JSON Schema way.
void applyNullable(QJsonObject* schema);
// 3.0 boolean exclusiveMinimum/Maximum in `source` -> 2020-12 numeric form in `out`.
void fixExclusiveBound(const QJsonObject& source, const QString& exclusiveKey, const QString& boundKey,
                       QJsonObject* out);
// Intersection of two `type` values; undefined when empty.
QJsonValue intersectTypes(const QJsonValue& a, const QJsonValue& b);

} // namespace SchemaKeywords
} // namespace Gateway
