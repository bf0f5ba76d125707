// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ToolDefinition.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Gateway {

struct OpenApiImportOptions
{
    ToolNaming naming = ToolNaming::Auto;
    // Entries match a tool name, an operationId, or "METHOD /path" (method case-insensitive).
    // Empty include = every operation.
    QStringList include;
    QStringList exclude;
};

struct OpenApiImportResult
{
    bool ok = false;
    QString error; // set when !ok: "<file>:<line>:<column>: <reason>" or "<file>: <json pointer>: <reason>"
    QStringList warnings; // operations skipped, schemas truncated, ...
    QString title; // info.title
    QString apiVersion; // info.version
    QString openApiVersion; // "3.0.3", "3.1.0"
    QStringList serverUrls; // servers[].url with variables substituted by their defaults
    QList<ToolDefinition> tools; // in document order
};

// Turns an OpenAPI 3.0 / 3.1 document (JSON or YAML) into MCP tool definitions.
// Local ("#/...") and relative-file ("other.yaml#/...") $refs are resolved; network refs are
// refused; $ref cycles are refused with the chain in the error.
class OpenApiImporter
{
public:
    static OpenApiImportResult importFile(const QString& filePath, const OpenApiImportOptions& options = {});
    // baseDirectory resolves relative-file refs; sourceName is used in error messages.
    static OpenApiImportResult importDocument(const QByteArray& content, const QString& sourceName,
                                              const QString& baseDirectory, const OpenApiImportOptions& options = {});
};

} // namespace Gateway
