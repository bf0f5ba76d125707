// SPDX-License-Identifier: GPL-3.0-or-later
#include "WorkspaceDocument.h"

#include "core/GatewayController.h"

#include <QFileInfo>
#include <QSettings>

namespace Portcullis {

namespace {

const QString kRecentFilesKey = QStringLiteral("workspace/recentFiles");

} // namespace

WorkspaceDocument::WorkspaceDocument(Gateway::GatewayController* controller, QObject* parent)
    : QObject(parent)
    , m_controller(controller)
{
}

WorkspaceDocument::~WorkspaceDocument() = default;

QString WorkspaceDocument::displayName() const
{
    switch (m_state) {
    case State::Untitled: return tr("Untitled");
    case State::Demo: return tr("Built-in demo");
    case State::File:
    case State::Unreadable: return QFileInfo(m_filePath).fileName();
    }
    return {};
}

void WorkspaceDocument::newWorkspace()
{
    m_editor.createNew();
    m_state = State::Untitled;
    m_filePath.clear();
    m_lastError.clear();
    const Gateway::WorkspaceEditor::Validation v = m_editor.validate();
    if (m_controller && v.ok)
        m_controller->applyWorkspace(v.config);
    emit changed();
}

void WorkspaceDocument::showDemo()
{
    m_editor.createNew();
    m_state = State::Demo;
    m_filePath.clear();
    m_lastError.clear();
    emit changed();
}

bool WorkspaceDocument::open(const QString& path, const QString& listen)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QString error;
    const bool readable = m_editor.open(absolute, &error);
    if (!readable)
        m_editor.createNew();
    m_state = readable ? State::File : State::Unreadable;
    m_filePath = absolute;
    m_lastError = error;
    if (m_controller)
        m_controller->openWorkspace(absolute, listen);
    addRecentFile(absolute);
    emit changed();
    return readable;
}

bool WorkspaceDocument::reload()
{
    if (m_filePath.isEmpty())
        return false;
    QString error;
    const bool readable = m_editor.open(m_filePath, &error);
    if (!readable)
        m_editor.createNew();
    m_state = readable ? State::File : State::Unreadable;
    m_lastError = error;
    if (m_controller)
        m_controller->reloadWorkspace();
    emit changed();
    return readable;
}

bool WorkspaceDocument::save()
{
    if (m_state != State::File) {
        m_lastError = tr("Choose a file name first (Save As).");
        return false;
    }
    return saveAs(m_filePath);
}

bool WorkspaceDocument::saveAs(const QString& path)
{
    if (!canSave()) {
        m_lastError = tr("This workspace cannot be saved.");
        return false;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const Gateway::WorkspaceEditor::Validation v = m_editor.validate();
    if (!v.ok) {
        // Save is refused until the workspace is valid; say which field, where.
        m_lastError = v.path.isEmpty() ? v.reason : tr("%1 (line %2): %3").arg(v.path).arg(v.line).arg(v.reason);
        return false;
    }
    QString error;
    if (!m_editor.saveAs(absolute, &error)) {
        m_lastError = error;
        return false;
    }
    const bool sameFile = m_state == State::File && absolute == m_filePath;
    m_state = State::File;
    m_filePath = absolute;
    m_lastError.clear();
    // The saved file is what the gateway serves (and watches) from now on.
    if (m_controller) {
        if (sameFile)
            m_controller->reloadWorkspace();
        else
            m_controller->openWorkspace(absolute);
    }
    addRecentFile(absolute);
    emit changed();
    return true;
}

void WorkspaceDocument::notifyEdited()
{
    emit changed();
}

QStringList WorkspaceDocument::recentFiles() const
{
    return QSettings().value(kRecentFilesKey).toStringList();
}

void WorkspaceDocument::clearRecentFiles()
{
    QSettings().remove(kRecentFilesKey);
    emit changed();
}

void WorkspaceDocument::addRecentFile(const QString& path)
{
    QStringList files = recentFiles();
    files.removeAll(path);
    files.prepend(path);
    while (files.size() > MaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kRecentFilesKey, files);
}

} // namespace Portcullis
