// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/WorkspaceEditor.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

namespace Gateway {
class GatewayController;
}

namespace Portcullis {

// The workspace the window edits: one WorkspaceEditor (the only writer of the file), its file and
// unsaved state, and the recent-files list (QSettings; never a secret). Saving applies the change
// to the running gateway through the controller; opening hands the file to the gateway, which
// watches it and reports what it cannot serve.
class WorkspaceDocument : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Untitled, // new, not saved yet
        Demo, // the built-in demo (nothing to save)
        File, // filePath() loaded into the editor
        Unreadable, // filePath() is not a JSON workspace; fix it elsewhere and reload, or open another
    };

    static constexpr int MaxRecentFiles = 8;

    explicit WorkspaceDocument(Gateway::GatewayController* controller, QObject* parent = nullptr);
    ~WorkspaceDocument() override;

    Gateway::WorkspaceEditor& editor() { return m_editor; }
    State state() const { return m_state; }
    QString filePath() const { return m_filePath; }
    bool isModified() const { return m_editor.isModified(); }
    bool canSave() const { return m_state == State::Untitled || m_state == State::File; }
    QString displayName() const; // file name, "Untitled" or "Built-in demo"
    QString lastError() const { return m_lastError; }

    void newWorkspace(); // serves an empty workspace until saved
    void showDemo(); // the controller serves its demo
    // Loads `path` into the editor and lets the gateway serve and watch it. False (lastError())
    // when the editor cannot read it; the gateway is still told, so its error shows and a fix
    // made in another editor is picked up.
    // `listen` (HOST:PORT) overrides the workspace's address when the gateway is not listening yet.
    bool open(const QString& path, const QString& listen = {});
    bool reload();
    bool save(); // false: lastError() says why (the field and line when invalid)
    bool saveAs(const QString& path);
    // Call after changing editor(): emits changed().
    void notifyEdited();

    QStringList recentFiles() const;
    void clearRecentFiles();

signals:
    void changed(); // state, file, unsaved marker or recent files

private:
    void addRecentFile(const QString& path);

    QPointer<Gateway::GatewayController> m_controller;
    Gateway::WorkspaceEditor m_editor;
    State m_state = State::Untitled;
    QString m_filePath;
    QString m_lastError;
};

} // namespace Portcullis
