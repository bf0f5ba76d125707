// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace Gateway {

// A JSON or YAML document turned into a QJsonValue tree.
struct ParsedDocument
{
    bool ok = false;
    QJsonValue root;
    QString error; // "<source>:<line>:<column>: <reason>" (or "<source>: <reason>")
    // Key order of objects near the root (pointer depth <= kKeyOrderDepth), since QJsonObject
    // sorts its keys: pointer -> keys in document order.
    QHash<QString, QStringList> keyOrder;
    // Source text of plain, non-string YAML scalars near the root (e.g. "/info/version" for an
    // unquoted `version: 1.10`), so that version strings survive the number conversion.
    QHash<QString, QString> rawScalars;
};

namespace DocumentParser {

constexpr int kKeyOrderDepth = 3;
constexpr int kRawScalarDepth = 2;

// Detects the format from the content (first non-blank character '{' means JSON, anything else
// is parsed as YAML) and parses it.
ParsedDocument parse(const QByteArray& content, const QString& sourceName);

ParsedDocument parseJson(const QByteArray& content, const QString& sourceName);
ParsedDocument parseYaml(const QByteArray& content, const QString& sourceName); // YamlToJson.cpp

} // namespace DocumentParser
} // namespace Gateway
