// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "RefResolver.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace Gateway {

// Turns an OpenAPI 3.0/3.1 schema into a self-contained JSON Schema (2020-12 vocabulary) for a
// tool's inputSchema: $refs inlined (siblings merged over the target), `nullable` turned into a
// type list, boolean exclusiveMinimum/Maximum turned numeric, readOnly properties dropped (they
// are never sent), documentation-only keywords (example, xml, discriminator, externalDocs, x-*)
// dropped, invalid keyword values dropped, trivially mergeable allOf flattened.
// Structural recursion is cut with a placeholder; nesting and total size are bounded.
class SchemaConverter
{
public:
    static constexpr int kMaxDepth = 32;
    static constexpr int kMaxNodesPerTool = 5000;

    SchemaConverter(RefResolver* resolver, QStringList* warnings);

    // Starts a new tool: resets the size budget. `label` prefixes warnings ("GET /pets").
    void startTool(const QString& label);

    // Any schema value (object, boolean, {$ref}) -> JSON Schema object. Throws ImportFailure on
    // pure $ref cycles and unresolvable or refused refs.
    QJsonObject convert(const QJsonValue& schema, const NodeLocation& at);

    static bool isReadOnly(const QJsonValue& schema);

private:
    // pureChain: $ref targets reached from the current schema without any structure in between.
    QJsonValue convertValue(const QJsonValue& value, const NodeLocation& at, int depth,
                            const QList<NodeLocation>& pureChain);
    QJsonValue convertRef(const QJsonObject& object, const NodeLocation& at, int depth,
                          const QList<NodeLocation>& pureChain);
    QJsonObject convertObject(const QJsonObject& object, const NodeLocation& at, int depth);
    void mergeAllOf(QJsonObject* schema) const;
    void warnOnce(const QString& message);

    RefResolver* m_resolver;
    QStringList* m_warnings;
    QString m_label;
    int m_nodes = 0;
    QStringList m_expanding; // canonical keys of the $ref targets being inlined
    QSet<QString> m_warned;
    QSet<QString> m_droppedReadOnly;
};

} // namespace Gateway
