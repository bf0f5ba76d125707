// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkspaceConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace Gateway {

// Reads and writes the versioned workspace file (schema: resources/workspace.schema.json).
// Anything it does not understand is an error, never a silent default: an unknown security mode
// must not become "none".
class WorkspaceLoader
{
public:
    struct Result
    {
        bool ok = false;
        QString error; // "<file>:<line>:<column>: <reason>" or "<file>: <json path>: <reason>"
        WorkspaceConfig config;
    };

    // What a defect in one service's own settings does. The file's structure, its version, the
    // gateway block and the services' names are always checked for the whole file.
    enum class ServiceErrors {
        RefuseWorkspace, // the whole file is refused (all-or-nothing)
        RefuseService // the file loads; that service carries ServiceConfig::configError
    };

    static Result loadFile(const QString& path, ServiceErrors policy = ServiceErrors::RefuseWorkspace);
    static Result parse(const QByteArray& content, const QString& sourceName,
                        ServiceErrors policy = ServiceErrors::RefuseWorkspace);
    static QJsonObject toJson(const WorkspaceConfig& config);
    // Atomic write (QSaveFile); the previous file stays intact on any failure.
    static bool saveFile(const WorkspaceConfig& config, const QString& path, QString* error);
    // The built-in demo workspace with its backend at `demoBackendUrl`.
    static WorkspaceConfig demoWorkspace(const QUrl& demoBackendUrl);
};

} // namespace Gateway
