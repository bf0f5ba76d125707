// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/GatewayController.h"

#include <QJsonValue>
#include <QMap>
#include <QPointer>
#include <QUrl>
#include <QWidget>

class QFormLayout;
class QLabel;

namespace Gateway {
class WorkspaceEditor;
}

namespace Portcullis {

class WorkspaceDocument;

// What a settings page of one service works on. The document's WorkspaceEditor is the only writer.
struct ServiceContext
{
    WorkspaceDocument* document = nullptr;
    QPointer<Gateway::GatewayController> controller;
    QString service; // name in the editor; empty when no service is selected
    QUrl endpointUrl; // the service's canonical MCP endpoint URL
    QStringList toolNames; // from the latest preview import
    bool keychainAvailable = true;
    QString keychainBackend;
};

// One page of a service's settings (KeePassXC's settings-widget pattern): load() fills the form from
// the editor, each edit writes through the editor at once and emits edited(). Validation errors
// arrive as JSON paths relative to the service ("backendAuth.secretRef") and show next to the
// field that registered that path.
class ServiceSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceSettingsPage(QWidget* parent = nullptr);
    ~ServiceSettingsPage() override;

    virtual QString title() const = 0;
    void load(const ServiceContext& context);
    // Shows `reason` under the field registered for `relativePath` or its closest parent; false when
    // the page has no such field.
    bool showFieldError(const QString& relativePath, const QString& reason);
    void clearFieldErrors();

signals:
    void edited();

protected:
    virtual void reload() = 0; // fill the fields from editor() for m_context.service
    Gateway::WorkspaceEditor& editor() const;
    QJsonValue serviceValue(const QString& relativePath) const;
    void setServiceValue(const QString& relativePath, const QJsonValue& value); // undefined/empty: remove
    void commit(); // after editing editor() directly: emits edited(), then the document's changed()
    // Adds a hidden red label as a row under the current last row of `form`, for `relativePath`.
    QLabel* addErrorRow(QFormLayout* form, const QString& relativePath);

    ServiceContext m_context;
    bool m_loading = false; // reload() is filling the fields: edits are not written back

private:
    QMap<QString, QLabel*> m_errorLabels;
    QMap<QLabel*, QFormLayout*> m_errorForms;
};

// Labels showing configuration data never interpret it as rich text.
QLabel* plainTextLabel(QWidget* parent, const char* objectName);

} // namespace Portcullis
