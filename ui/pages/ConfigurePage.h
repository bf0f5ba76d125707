// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ServiceSettingsPage.h"

#include <QList>
#include <QWidget>

class QComboBox;
class QListWidget;
class QPushButton;
class QStackedWidget;

namespace Gateway {
struct GatewayStatus;
}

namespace Portcullis {

class BackendSecretPage;
class ConnectClientPage;
class EndpointSecurityPage;
class ServiceGeneralPage;

// Configuring the workspace's services, as a settings window does it (KeePassXC, qBittorrent):
// the service chooser with Add, Rename and Remove on top, a page list on the left (General,
// Endpoint Security, Backend Secret, Connect a Client) and the selected page on the right. Every
// edit goes through the document's WorkspaceEditor at once; the workspace is validated after each
// one and the first error shows next to its field and in a line above the pages. Saving (File menu)
// is refused until the workspace is valid and applies the change to the running gateway.
class ConfigurePage : public QWidget
{
    Q_OBJECT
public:
    ConfigurePage(WorkspaceDocument* document, Gateway::GatewayController* controller, QWidget* parent = nullptr);
    ~ConfigurePage() override;

    QString currentService() const { return m_context.service; }
    void selectService(const QString& name);
    int currentPageIndex() const;
    void setCurrentPageIndex(int index);
    ServiceGeneralPage* generalPage() const { return m_generalPage; }
    EndpointSecurityPage* securityPage() const { return m_securityPage; }
    BackendSecretPage* backendSecretPage() const { return m_backendPage; }
    ConnectClientPage* connectPage() const { return m_connectPage; }

public slots:
    void applyStatus(const Gateway::GatewayStatus& status);

signals:
    void addServiceRequested();
    void currentServiceChanged(const QString& service);

private:
    void documentChanged();
    void refreshServices();
    void loadPages(ServiceSettingsPage* except = nullptr);
    void validate();
    void renameService();
    void removeService();
    QUrl endpointUrlFor(const QString& service) const;

    WorkspaceDocument* m_document;
    ServiceContext m_context;
    QList<ServiceSettingsPage*> m_pages;
    ServiceSettingsPage* m_editingPage = nullptr;
    QUrl m_gatewayBaseUrl;
    QMap<QString, QUrl> m_endpointUrls;
    QComboBox* m_serviceComboBox;
    QPushButton* m_addButton;
    QPushButton* m_renameButton;
    QPushButton* m_removeButton;
    QLabel* m_validationLabel;
    QLabel* m_emptyLabel;
    QListWidget* m_pageListWidget;
    QStackedWidget* m_pageStack;
    QStackedWidget* m_contentStack;
    ServiceGeneralPage* m_generalPage;
    EndpointSecurityPage* m_securityPage;
    BackendSecretPage* m_backendPage;
    ConnectClientPage* m_connectPage;
};

} // namespace Portcullis
