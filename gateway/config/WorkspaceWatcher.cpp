// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceWatcher.h"

#include "WorkspaceLoader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace Gateway {

WorkspaceWatcher::WorkspaceWatcher(const QString& path, QObject* parent)
    : QObject(parent)
    , m_path(QFileInfo(path).absoluteFilePath())
    , m_watcher(new QFileSystemWatcher(this))
    , m_debounce(new QTimer(this))
    , m_poll(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(100);
    connect(m_debounce, &QTimer::timeout, this, &WorkspaceWatcher::check);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &WorkspaceWatcher::scheduleCheck);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &WorkspaceWatcher::scheduleCheck);
    // Fallback for file systems without change notification.
    m_poll->setInterval(500);
    connect(m_poll, &QTimer::timeout, this, [this]() {
        if (fingerprint() != m_lastFingerprint)
            scheduleCheck();
    });
    m_poll->start();
    m_watcher->addPath(QFileInfo(m_path).absolutePath());
    m_watcher->addPath(m_path);
    m_lastFingerprint = fingerprint();
}

void WorkspaceWatcher::setCurrent(const WorkspaceConfig& config)
{
    m_dependencies.clear();
    const QDir dir = QFileInfo(m_path).absoluteDir();
    for (const ServiceConfig& s : config.services) {
        if (s.openApiPath.startsWith(QLatin1String(":/")))
            continue;
        m_dependencies.append(QFileInfo(dir, s.openApiPath).absoluteFilePath());
    }
    const QStringList files = m_watcher->files();
    if (!files.isEmpty())
        m_watcher->removePaths(files);
    m_watcher->addPath(m_path);
    for (const QString& dep : std::as_const(m_dependencies)) {
        if (QFileInfo::exists(dep))
            m_watcher->addPath(dep);
    }
    m_lastFingerprint = fingerprint();
}

void WorkspaceWatcher::scheduleCheck()
{
    m_debounce->start();
}

QByteArray WorkspaceWatcher::fingerprint() const
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    // The workspace file is small: hash its content. Documents: size and times (they can be large).
    QFile workspace(m_path);
    if (workspace.open(QIODevice::ReadOnly))
        hash.addData(workspace.readAll());
    for (const QString& file : m_dependencies) {
        const QFileInfo info(file);
        hash.addData(file.toUtf8());
        hash.addData(QByteArray::number(info.exists() ? info.size() : -1));
        hash.addData(QByteArray::number(info.exists() ? info.lastModified().toMSecsSinceEpoch() : 0));
        hash.addData(QByteArray::number(info.exists() ? info.metadataChangeTime().toMSecsSinceEpoch() : 0));
    }
    return hash.result();
}

void WorkspaceWatcher::check()
{
    // Editors that replace the file drop it from the watch list: add it back.
    if (!m_watcher->files().contains(m_path) && QFileInfo::exists(m_path))
        m_watcher->addPath(m_path);
    const QByteArray now = fingerprint();
    if (now == m_lastFingerprint)
        return;
    m_lastFingerprint = now;
    if (!QFileInfo::exists(m_path)) {
        emit configRejected(
            QStringLiteral("%1: the workspace file disappeared; keeping the running configuration").arg(m_path));
        return;
    }
    const WorkspaceLoader::Result result = WorkspaceLoader::loadFile(m_path, m_policy);
    if (!result.ok) {
        emit configRejected(result.error);
        return;
    }
    emit configChanged(result.config);
}

} // namespace Gateway
