// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkspaceConfig.h"
#include "WorkspaceLoader.h"

#include <QByteArray>
#include <QObject>
#include <QString>

class QFileSystemWatcher;
class QTimer;

namespace Gateway {

// Watches a workspace file and the OpenAPI documents it names; on change (including editors'
// write-to-temp-then-rename) it reloads within a second and emits the new configuration, or the
// reason it was refused. A refused file never replaces the previous good one.
class WorkspaceWatcher : public QObject
{
    Q_OBJECT
public:
    explicit WorkspaceWatcher(const QString& path, QObject* parent = nullptr);
    // Records what the current configuration depends on (call after a successful apply).
    void setCurrent(const WorkspaceConfig& config);
    // How a defect in one service's settings is treated when the file is reloaded (default:
    // the whole file is refused).
    void setServiceErrors(WorkspaceLoader::ServiceErrors policy) { m_policy = policy; }

signals:
    void configChanged(const Gateway::WorkspaceConfig& config);
    void configRejected(const QString& reason);

private:
    void scheduleCheck();
    void check();
    QByteArray fingerprint() const;

    QString m_path;
    QStringList m_dependencies;
    QByteArray m_lastFingerprint;
    QFileSystemWatcher* m_watcher;
    QTimer* m_debounce;
    QTimer* m_poll;
    WorkspaceLoader::ServiceErrors m_policy = WorkspaceLoader::ServiceErrors::RefuseWorkspace;
};

} // namespace Gateway
