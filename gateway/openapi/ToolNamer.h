// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ToolDefinition.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Gateway {

// MCP tool names for operations, and include/exclude matching.
namespace ToolNamer {

constexpr int kMaxNameLength = 128;

// 1..128 characters of [A-Za-z0-9_.-].
bool isValidToolName(const QString& name);

// reShapr style: GET /v1/forecast -> get_v1_forecast, GET /pets/{petId} -> get_pets_petid.
QString verbPathName(const QByteArray& method, const QString& pathTemplate);

// The name an operation asks for under `naming`, before de-duplication.
QString baseName(ToolNaming naming, const QString& operationId, const QByteArray& method, const QString& pathTemplate);

// Unique names in order: a repeated name gets "_2", "_3", ... (never one another operation asks
// for), with a warning naming `labels[i]` ("GET /pets").
QStringList makeUnique(const QStringList& baseNames, const QStringList& labels, QStringList* warnings);

// An include/exclude entry matches a tool name, an operationId, or "METHOD /path" (method
// case-insensitive, path exact).
bool matches(const QString& entry, const QString& toolName, const QString& operationId, const QByteArray& method,
             const QString& pathTemplate);

} // namespace ToolNamer
} // namespace Gateway
