// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

class QAction;
class QCloseEvent;
class QDragEnterEvent;
class QDropEvent;
class QFrame;
class QLabel;
class QMenu;
class QTabWidget;
class QToolButton;

namespace Gateway {
class GatewayController;
struct GatewayStatus;
} // namespace Gateway

namespace Portcullis {

class ConfigurePage;
class ConnectionDoctorPage;
class GatewayTrayIcon;
class OverviewPage;
class SecureDemoDialog;
class StoredCredentialsPage;
class TokenInspectorPage;
class ServiceListModel;
class ServicesPage;
class TrafficLogPage;
class WorkspaceDocument;

// The desktop window over one embedded gateway: services and live traffic in tabs, the listen
// address and a request counter in the status bar, and a non-modal banner when a configuration
// is rejected (the gateway keeps serving the previous one). The gateway runs on its own thread:
// the window knows it only through a GatewayController (status values and batches of events).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Gateway::GatewayController* controller, QWidget* parent = nullptr);
    ~MainWindow() override;

    OverviewPage* overviewPage() const { return m_overviewPage; }
    ServicesPage* servicesPage() const { return m_servicesPage; }
    ConfigurePage* configurePage() const { return m_configurePage; }
    WorkspaceDocument* document() const { return m_document; }

    // File menu operations without their dialogs (the menu asks for names and confirmation).
    // Shows the reason when the file cannot be edited; `listen` as in WorkspaceDocument::open.
    bool openWorkspace(const QString& path, const QString& listen = {});
    void showDemo();
    TrafficLogPage* trafficLogPage() const { return m_trafficLogPage; }
    ConnectionDoctorPage* connectionDoctorPage() const { return m_doctorPage; }
    TokenInspectorPage* tokenInspectorPage() const { return m_tokenPage; }
    StoredCredentialsPage* storedCredentialsPage() const { return m_credentialsPage; }
    SecureDemoDialog* secureDemoDialog() const; // the guide of the secure demo, while it is open

    // Diagnostics ▸ Connection doctor for `service`, run at once (the Check button of Endpoint Security).
    void checkConnection(const QString& service);
    // Diagnostics ▸ Token inspector for `service` with an empty paste box (captured tokens are redacted).
    void inspectToken(const QString& service);
    // Help ▸ Start Secure Demo: serves the secure demo and shows its guide when it is up.
    void startSecureDemo();
    // View ▸ Show Tray Icon (kept in QSettings); only where a system tray exists.
    void setTrayIconEnabled(bool enabled);
    GatewayTrayIcon* trayIcon() const { return m_trayIcon; } // null when off or without a tray

public slots:
    // Shows what the gateway reported (services, listen state, keychain, configuration errors).
    void applyStatus(const Gateway::GatewayStatus& status);
    void showConfigError(const QString& reason);
    void showLoadError(const QString& reason); // nothing could be served
    void hideConfigError();

protected:
    void closeEvent(QCloseEvent* event) override;
    // OpenAPI documents dropped on the window become services (a workspace file is opened).
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void updateTitle();
    void updateRecentMenu();
    // Asks what to do with unsaved changes; true when the caller may go on.
    bool maybeSave();
    void newWorkspace();
    void addService(const QString& openApiPath = {});
    void restoreSettings();
    void saveSettings() const;
    void removeService();
    void generateApiKey();
    QString editableCurrentService() const; // the selected service when the document has it
    void chooseWorkspaceToOpen();
    bool save();
    bool saveAs();
    void reload();
    QFrame* createConfigErrorBanner();
    QWidget* createDiagnosticsTab(QWidget* parent);
    void connectDiagnostics(Gateway::GatewayController* controller);
    void showSecureDemo(const QString& guide, const QString& error);
    void updateEventCounter();

    QPointer<Gateway::GatewayController> m_controller;
    WorkspaceDocument* m_document;
    OverviewPage* m_overviewPage = nullptr;
    GatewayTrayIcon* m_trayIcon = nullptr;
    QAction* m_trayIconAction = nullptr;
    QMenu* m_recentMenu = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_addServiceAction = nullptr;
    QAction* m_removeServiceAction = nullptr;
    QAction* m_generateApiKeyAction = nullptr;
    QString m_shownConfigError; // the error the banner shows or the user dismissed
    quint64 m_configGeneration = 0;
    ServiceListModel* m_serviceModel;
    ServicesPage* m_servicesPage = nullptr;
    ConfigurePage* m_configurePage = nullptr;
    TrafficLogPage* m_trafficLogPage;
    StoredCredentialsPage* m_credentialsPage = nullptr;
    QTabWidget* m_diagnosticsTabWidget = nullptr;
    ConnectionDoctorPage* m_doctorPage = nullptr;
    TokenInspectorPage* m_tokenPage = nullptr;
    QPointer<SecureDemoDialog> m_secureDemoDialog;
    bool m_secureDemoRequested = false; // show the guide when the gateway answers
    QTabWidget* m_tabWidget;
    QFrame* m_configErrorBanner;
    QLabel* m_configErrorLabel;
    QToolButton* m_dismissConfigErrorButton;
    QToolButton* m_openAnotherButton;
    QLabel* m_listenLabel;
    QLabel* m_eventCountLabel;
    QLabel* m_keychainLabel;
    void updateKeychainStatus(bool available);
};

} // namespace Portcullis
