// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "WorkspaceConfig.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <memory>

namespace Gateway {

// The only way to change a workspace file (the command line and the window both use it).
// It edits the JSON document itself, not a WorkspaceConfig, so what the user wrote survives a
// save: the order of keys, unknown "x-" keys, keys left at their default, the indentation unit
// (spaces or tabs, and how many), containers written on one line, line endings and the final
// newline. Only what an edit touches changes.
//
// The document may be invalid while it is being edited (a service switched to apiKey mode before
// its first key exists); validate() runs the strict WorkspaceLoader over the edited text and maps
// its error to the JSON path and line of the offending field. save() refuses an invalid document
// and writes atomically (QSaveFile): a failed save leaves the previous file intact.
//
// Paths use the loader's notation: "$.services[0].security.mode".
class WorkspaceEditor
{
public:
    struct Validation
    {
        bool ok = false;
        QString message; // the loader's full message, "<file>: <path>: <reason>" or "<file>:<line>:<col>: ..."
        QString path; // JSON path of the field at fault ("" when the document as a whole is)
        QString reason; // the reason alone
        int line = 0; // 1-based line of that field in the text save() would write, 0 when unknown
        WorkspaceConfig config; // the parsed configuration when ok
    };

    WorkspaceEditor();
    ~WorkspaceEditor();
    WorkspaceEditor(const WorkspaceEditor&) = delete;
    WorkspaceEditor& operator=(const WorkspaceEditor&) = delete;

    // A fresh, valid workspace (no services) that is not yet bound to a file.
    void createNew();
    // Reads `path`. Fails only when the file cannot be read or is not a JSON object; a document
    // the loader refuses opens fine so it can be repaired.
    bool open(const QString& path, QString* error);
    // Same from bytes (`sourceName` is used in messages and to resolve relative paths).
    bool openBytes(const QByteArray& content, const QString& sourceName, QString* error);

    QString filePath() const { return m_filePath; }
    bool isModified() const { return m_modified; }

    // Generic edits; parents that do not exist yet are created as objects.
    void setValue(const QString& path, const QJsonValue& value);
    bool remove(const QString& path); // false when nothing was there
    QJsonValue value(const QString& path) const; // Undefined when absent

    // Services, addressed by name.
    QStringList serviceNames() const;
    int serviceIndex(const QString& name) const; // -1 when absent
    QString servicePath(const QString& name) const; // "$.services[i]" or ""
    bool addService(const QString& name, const QString& openApiPath, const QString& baseUrl = {});
    bool removeService(const QString& name);
    bool renameService(const QString& from, const QString& to);
    bool setServiceValue(const QString& service, const QString& relativePath, const QJsonValue& value);
    bool setSecurityMode(const QString& service, EndpointSecurity::Mode mode);
    // Keys: only "sha256:<hex>" hashes are ever written.
    bool setApiKeyHashes(const QString& service, const QStringList& hashes);
    bool addApiKeyHash(const QString& service, const QString& hash);
    // Generates a key, switches the service to apiKey mode and stores the key's hash: replacing
    // every previous hash (`revokeOthers`, a renewal) or next to them. Works for a service that
    // has no key yet. Returns the key (shown once by the caller), empty when the service is absent.
    QString issueApiKey(const QString& service, bool revokeOthers = true);
    // Replaces backendAuth (an empty object removes it). Keys kept from the previous object stay
    // where they were.
    bool setBackendAuth(const QString& service, const QJsonObject& auth);

    Validation validate() const;
    // The text save() writes.
    QByteArray toBytes() const;
    // Validates, then writes atomically to filePath() (or `path`, which becomes filePath()).
    bool save(QString* error);
    bool saveAs(const QString& path, QString* error);

    // The 1-based line of `path` (or of its nearest existing parent) in toBytes(); 0 when unknown.
    int lineOf(const QString& path) const;

    // Implementation types (the ordered document tree and the file's writing style).
    struct Node;
    struct Style;

private:
    Node* find(const QString& path) const;
    Node* ensure(const QString& path);
    void setSubtree(Node* node, const QJsonValue& value);

    std::unique_ptr<Node> m_root;
    std::unique_ptr<Style> m_style;
    QString m_filePath;
    bool m_modified = false;
};

} // namespace Gateway
