// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DocumentParser.h"

#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Gateway {

// Thrown inside the importer, caught at OpenApiImporter's boundary; message is user-facing.
struct ImportFailure
{
    QString message;
};

// Where a JSON value lives: a loaded document (key = absolute file path) and a JSON pointer.
struct NodeLocation
{
    QString document;
    QString pointer;

    NodeLocation child(const QString& key) const;
    NodeLocation child(int index) const;
};

// Owns the root document and every file pulled in by relative-file $refs, and follows $refs.
// Local ("#/...") and relative-file ("other.yaml#/...") refs only: anything with a URI scheme or a
// network path ("//host/...") is refused and never fetched.
class RefResolver
{
public:
    struct Target
    {
        QJsonValue value;
        NodeLocation location;
    };

    // rootKey: absolute path identifying the root document (relative refs back to it hit the
    // cache); baseDirectory: where its relative refs start (empty: relative refs are refused).
    RefResolver(const QString& rootKey, const QString& rootDisplayName, const QString& baseDirectory,
                const ParsedDocument& root);

    NodeLocation rootLocation() const { return {m_rootKey, QString()}; }
    const QJsonValue& rootValue() const;

    // One hop: the target of `ref` written at `at`. Throws ImportFailure.
    Target resolve(const QString& ref, const NodeLocation& at);
    // Follows a chain of $ref objects (Reference Objects: parameters, request bodies, path items)
    // to a value that is not a $ref; siblings of each $ref are merged over its target.
    // Throws ImportFailure on cycles and unresolvable refs.
    Target follow(const QJsonValue& value, const NodeLocation& at);

    // Identity of a location, for cycle detection.
    QString canonicalKey(const NodeLocation& location) const;
    // Human form: "#/components/schemas/Pet" (root document) or "schemas/pet.yaml#/Pet".
    QString refText(const NodeLocation& location) const;
    // Last pointer token, or the file name for a whole-file target ("Pet", "Node").
    QString shortName(const NodeLocation& location) const;
    QString displayName(const QString& document) const;
    // Keys in document order when known (*known = true), else the object's own (sorted) key order.
    QStringList keyOrder(const NodeLocation& location, const QJsonObject& object, bool* known = nullptr) const;
    // Source text of a plain YAML scalar of the root document (empty when unknown).
    QString rawScalar(const QString& pointer) const;

    // "<file>: <pointer>: <reason>" (or "<file>: <reason>" at the root).
    QString describe(const NodeLocation& at, const QString& reason) const;
    [[noreturn]] void fail(const NodeLocation& at, const QString& reason) const;

private:
    struct Document
    {
        QJsonValue root;
        QString displayName;
        QString directory;
        QHash<QString, QStringList> keyOrder;
        QHash<QString, QString> rawScalars;
    };

    const Document& document(const QString& key) const;
    QString loadFile(const QString& filePart, const QString& ref, const NodeLocation& at);

    QString m_rootKey;
    QString m_rootDirectory;
    QHash<QString, Document> m_documents;
    qint64 m_loadedBytes = 0;
};

} // namespace Gateway
