// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceSettingsPage.h"
#include "openapi/OpenApiImporter.h"

#include <QFutureWatcher>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;
class QTableView;
class QTimer;

namespace Portcullis {

class ToolPreviewModel;

// A service's document and backend: OpenAPI file, backend base URL, timeout, tool naming and the
// include/exclude filters, with a live preview of the resulting tools (name, operation,
// description, input schema) and the import's warnings. The preview import runs on a worker
// thread (QtConcurrent); a newer edit supersedes a running one, the window never waits for it.
class ServiceGeneralPage : public ServiceSettingsPage
{
    Q_OBJECT
public:
    explicit ServiceGeneralPage(QWidget* parent = nullptr);
    ~ServiceGeneralPage() override;

    QString title() const override { return tr("General"); }
    ToolPreviewModel* previewModel() const { return m_previewModel; }
    bool isImporting() const { return m_watcher.isRunning() || m_pendingImport; }

signals:
    void toolsChanged(const QStringList& toolNames);

protected:
    void reload() override;

private:
    void scheduleImport();
    void startImport();
    void importFinished();
    void browse();
    void showSchema();
    QString absoluteDocumentPath() const;
    QString importKey() const;
    static QStringList lines(const QPlainTextEdit* edit);

    QLineEdit* m_openApiLineEdit;
    QLineEdit* m_baseUrlLineEdit;
    QSpinBox* m_timeoutSpinBox;
    QComboBox* m_toolNamingComboBox;
    QPlainTextEdit* m_includeEdit;
    QPlainTextEdit* m_excludeEdit;
    QLabel* m_importStatusLabel;
    QLabel* m_warningsLabel;
    QTableView* m_toolsTableView;
    QPlainTextEdit* m_schemaEdit;
    ToolPreviewModel* m_previewModel;
    QTimer* m_importTimer;
    QFutureWatcher<Gateway::OpenApiImportResult> m_watcher;
    bool m_pendingImport = false;
    QString m_lastImportKey;
    quint64 m_importGeneration = 0;
};

} // namespace Portcullis
