// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Gateway {

// Validates tool arguments against a tool's inputSchema (the JSON Schema subset OpenAPI uses:
// type (incl. lists and OpenAPI 3.0 nullable), enum, const, properties, required,
// additionalProperties, items, min/maxLength, pattern, minimum/maximum (+exclusive), multipleOf,
// min/maxItems, uniqueItems, min/maxProperties, allOf/anyOf/oneOf/not, plus prefixItems,
// patternProperties, if/then/else and dependentRequired). Unknown keywords and `format` are
// ignored. Bounded: depth and error count are capped, uniqueItems is one hash lookup per item, and
// the total work of one validation (schema applications and values compared) has a fixed budget;
// a value that exhausts it is invalid ("too large or too complex to validate").
class JsonSchemaValidator
{
public:
    struct Result
    {
        bool valid = true;
        // Each: "<path>: <reason>", path like "arguments.items[2].name"; values are never quoted.
        QStringList errors;
    };

    static Result validate(const QJsonObject& schema, const QJsonValue& value,
                           const QString& rootPath = QStringLiteral("arguments"));
};

} // namespace Gateway
