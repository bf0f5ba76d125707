// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "GatewayTrayIcon.h"
#include "TrafficInspector.h"
#include "WorkspaceDocument.h"
#include "core/GatewayController.h"
#include "dialogs/AddServiceDialog.h"
#include "dialogs/ApiKeyDialog.h"
#include "dialogs/SecureDemoDialog.h"
#include "models/ServiceListModel.h"
#include "models/TrafficLogModel.h"
#include "pages/ConfigurePage.h"
#include "pages/ConnectionDoctorPage.h"
#include "pages/ElicitationsPage.h"
#include "pages/EndpointSecurityPage.h"
#include "pages/OverviewPage.h"
#include "pages/ServicesPage.h"
#include "pages/StoredCredentialsPage.h"
#include "pages/TokenInspectorPage.h"
#include "pages/TrafficLogPage.h"
#include "security/ApiKey.h"
#include "widgets/TrafficDetailPane.h"

#include <QAction>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Portcullis {

MainWindow::MainWindow(Gateway::GatewayController* controller, QWidget* parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_document(new WorkspaceDocument(controller, this))
    , m_serviceModel(new ServiceListModel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Portcullis"));
    createMenus();
    connect(m_document, &WorkspaceDocument::changed, this, &MainWindow::updateTitle);
    resize(1200, 720);

    auto* central = new QWidget(this);
    m_overviewPage = new OverviewPage(central);
    m_servicesPage = new ServicesPage(m_serviceModel, central);
    m_servicesPage->setObjectName(QStringLiteral("servicesPage"));
    m_configurePage = new ConfigurePage(m_document, controller, central);
    m_trafficLogPage = new TrafficLogPage(nullptr, central);
    m_trafficLogPage->setObjectName(QStringLiteral("trafficLogPage"));

    m_tabWidget = new QTabWidget(central);
    m_tabWidget->setObjectName(QStringLiteral("mainTabWidget"));
    m_tabWidget->setDocumentMode(true);
    m_tabWidget->addTab(m_overviewPage, tr("Overview"));
    m_tabWidget->addTab(m_servicesPage, tr("Services"));
    m_tabWidget->addTab(m_configurePage, tr("Configure"));
    m_tabWidget->addTab(m_trafficLogPage, tr("Traffic"));
    auto* elicitationsPage = new ElicitationsPage(central);
    elicitationsPage->setObjectName(QStringLiteral("elicitationsPage"));
    m_tabWidget->addTab(elicitationsPage, tr("Elicitations"));
    m_credentialsPage = new StoredCredentialsPage(central);
    m_credentialsPage->setObjectName(QStringLiteral("storedCredentialsPage"));
    m_tabWidget->addTab(m_credentialsPage, tr("Credentials"));
    m_tabWidget->addTab(createDiagnosticsTab(central), tr("Diagnostics"));
    setAcceptDrops(true);

    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(createConfigErrorBanner());
    layout->addWidget(m_tabWidget, 1);
    setCentralWidget(central);

    m_listenLabel = new QLabel(this);
    m_listenLabel->setObjectName(QStringLiteral("listenLabel"));
    m_listenLabel->setTextFormat(Qt::PlainText);
    m_listenLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_eventCountLabel = new QLabel(this);
    m_eventCountLabel->setObjectName(QStringLiteral("eventCountLabel"));
    m_keychainLabel = new QLabel(this);
    m_keychainLabel->setObjectName(QStringLiteral("keychainLabel"));
    m_keychainLabel->setTextFormat(Qt::PlainText);
    statusBar()->addWidget(m_listenLabel, 1);
    statusBar()->addPermanentWidget(m_keychainLabel);
    statusBar()->addPermanentWidget(m_eventCountLabel);

    connect(m_servicesPage, &ServicesPage::showTrafficRequested, this, [this](const QString& service) {
        m_trafficLogPage->showService(service);
        m_tabWidget->setCurrentWidget(m_trafficLogPage);
    });
    connect(m_servicesPage, &ServicesPage::currentServiceChanged, this, &MainWindow::updateTitle);
    connect(m_servicesPage, &ServicesPage::currentServiceChanged, m_configurePage, &ConfigurePage::selectService);
    connect(m_configurePage, &ConfigurePage::addServiceRequested, this, [this] { addService(); });
    connect(m_trafficLogPage->model(), &TrafficLogModel::countersChanged, this, &MainWindow::updateEventCounter);
    connect(m_configurePage->securityPage(), &EndpointSecurityPage::checkConnectionRequested, this,
            &MainWindow::checkConnection);
    connect(m_trafficLogPage->detailPane(), &TrafficDetailPane::inspectTokenRequested, this, &MainWindow::inspectToken);

    if (controller) {
        // Queued from the gateway thread already; these only copy values into models.
        connect(controller, &Gateway::GatewayController::statusChanged, this, &MainWindow::applyStatus);
        connect(controller, &Gateway::GatewayController::eventsAppended, m_trafficLogPage->model(),
                &TrafficLogModel::appendEvents);
        connect(controller, &Gateway::GatewayController::eventsAppended, m_overviewPage, &OverviewPage::appendEvents);
        connect(m_overviewPage, &OverviewPage::stopListeningRequested, controller,
                &Gateway::GatewayController::stopListening);
        connect(m_overviewPage, &OverviewPage::startListeningRequested, controller,
                &Gateway::GatewayController::startListening);
        connectTrafficInspector(this, controller, m_trafficLogPage, elicitationsPage);
        connectDiagnostics(controller);
        applyStatus(controller->status());
    } else {
        applyStatus(Gateway::GatewayStatus());
    }
    updateEventCounter();
    updateTitle();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

namespace {

// Window state only; the workspace and every secret stay out of QSettings.
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kTabKey = QStringLiteral("window/lastTab");
const QString kSettingsPageKey = QStringLiteral("window/lastSettingsPage");
const QString kTrayIconKey = QStringLiteral("window/trayIcon");

} // namespace

void MainWindow::restoreSettings()
{
    const QSettings settings;
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1200, 720);
    m_tabWidget->setCurrentIndex(settings.value(kTabKey, 0).toInt());
    m_configurePage->setCurrentPageIndex(settings.value(kSettingsPageKey, 0).toInt());
    // On by default wherever a tray exists.
    setTrayIconEnabled(m_trayIconAction->isEnabled() && settings.value(kTrayIconKey, true).toBool());
}

void MainWindow::setTrayIconEnabled(bool enabled)
{
    enabled = enabled && QSystemTrayIcon::isSystemTrayAvailable();
    m_trayIconAction->setChecked(enabled);
    if (enabled == (m_trayIcon != nullptr))
        return;
    if (!enabled) {
        delete m_trayIcon;
        m_trayIcon = nullptr;
        return;
    }
    m_trayIcon = new GatewayTrayIcon(this);
    connect(m_trayIcon, &GatewayTrayIcon::showWindowRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_trayIcon, &GatewayTrayIcon::quitRequested, this, &MainWindow::close);
    if (m_controller) {
        connect(m_trayIcon, &GatewayTrayIcon::stopListeningRequested, m_controller,
                &Gateway::GatewayController::stopListening);
        connect(m_trayIcon, &GatewayTrayIcon::startListeningRequested, m_controller,
                &Gateway::GatewayController::startListening);
        m_trayIcon->applyStatus(m_controller->status());
    }
    updateEventCounter();
    m_trayIcon->setVisible(true);
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    settings.setValue(kTabKey, m_tabWidget->currentIndex());
    settings.setValue(kSettingsPageKey, m_configurePage->currentPageIndex());
    if (m_trayIconAction->isEnabled())
        settings.setValue(kTrayIconKey, m_trayIconAction->isChecked());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        const QString suffix = QFileInfo(urls.first().toLocalFile()).suffix().toLower();
        if (suffix == QLatin1String("yaml") || suffix == QLatin1String("yml") || suffix == QLatin1String("json")) {
            event->acceptProposedAction();
            return;
        }
    }
    event->ignore();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() != 1 || !urls.first().isLocalFile())
        return;
    event->acceptProposedAction();
    const QString path = urls.first().toLocalFile();
    // A JSON object with "services" is a workspace; anything else is taken as an OpenAPI document.
    QFile file(path);
    if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive) && file.open(QIODevice::ReadOnly)
        && file.size() < 4 * 1024 * 1024) {
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        if (root.contains(QLatin1String("services")) && !root.contains(QLatin1String("openapi"))) {
            if (maybeSave())
                openWorkspace(path);
            return;
        }
    }
    // Queued: the drag source must not wait for the dialog.
    QMetaObject::invokeMethod(
        this, [this, path] { addService(path); }, Qt::QueuedConnection);
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    auto add = [this, file](const char* name, const QString& text, QKeySequence::StandardKey key, auto slot) {
        QAction* action = file->addAction(text);
        action->setObjectName(QLatin1String(name));
        action->setShortcut(key);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    add("newAction", tr("&New"), QKeySequence::New, [this] { newWorkspace(); });
    add("openAction", tr("&Open…"), QKeySequence::Open, [this] { chooseWorkspaceToOpen(); });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::updateRecentMenu);
    file->addSeparator();
    m_saveAction = add("saveAction", tr("&Save"), QKeySequence::Save, [this] { save(); });
    m_saveAsAction = add("saveAsAction", tr("Save &As…"), QKeySequence::SaveAs, [this] { saveAs(); });
    m_reloadAction = add("reloadAction", tr("Re&load"), QKeySequence::Refresh, [this] { reload(); });
    file->addSeparator();
    add("quitAction", tr("&Quit"), QKeySequence::Quit, [this] { close(); });
    updateRecentMenu();

    // Service edits go through the document's WorkspaceEditor and apply when saved.
    QMenu* service = menuBar()->addMenu(tr("&Service"));
    service->setObjectName(QStringLiteral("serviceMenu"));
    m_addServiceAction = service->addAction(tr("&Add Service…"), this, [this] { addService(); });
    m_addServiceAction->setObjectName(QStringLiteral("addServiceAction"));
    m_removeServiceAction = service->addAction(tr("&Remove Service…"), this, &MainWindow::removeService);
    m_removeServiceAction->setObjectName(QStringLiteral("removeServiceAction"));
    service->addSeparator();
    m_generateApiKeyAction = service->addAction(tr("&Generate API Key…"), this, &MainWindow::generateApiKey);
    m_generateApiKeyAction->setObjectName(QStringLiteral("generateApiKeyAction"));
    connect(service, &QMenu::aboutToShow, this, &MainWindow::updateTitle);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    m_trayIconAction = view->addAction(tr("Show &Tray Icon"));
    m_trayIconAction->setObjectName(QStringLiteral("trayIconAction"));
    m_trayIconAction->setCheckable(true);
    m_trayIconAction->setEnabled(QSystemTrayIcon::isSystemTrayAvailable());
    m_trayIconAction->setToolTip(m_trayIconAction->isEnabled() ? tr("The gateway's state in the system tray")
                                                               : tr("This desktop has no system tray"));
    connect(m_trayIconAction, &QAction::toggled, this, &MainWindow::setTrayIconEnabled);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* secureDemo = help->addAction(tr("Start &Secure Demo"), this, &MainWindow::startSecureDemo);
    secureDemo->setObjectName(QStringLiteral("startSecureDemoAction"));
    secureDemo->setToolTip(tr("OAuth 2 on the endpoint and an elicited backend token, with a demo authorization "
                              "server, all on this computer"));
}

QWidget* MainWindow::createDiagnosticsTab(QWidget* parent)
{
    // The pages run on the gateway thread through the controller (null doctor and inspector here).
    m_diagnosticsTabWidget = new QTabWidget(parent);
    m_diagnosticsTabWidget->setObjectName(QStringLiteral("diagnosticsTabWidget"));
    m_doctorPage = new ConnectionDoctorPage(nullptr, m_diagnosticsTabWidget);
    m_doctorPage->setObjectName(QStringLiteral("connectionDoctorPage"));
    m_tokenPage = new TokenInspectorPage(nullptr, m_diagnosticsTabWidget);
    m_tokenPage->setObjectName(QStringLiteral("tokenInspectorPage"));
    m_diagnosticsTabWidget->addTab(m_doctorPage, tr("Connection Doctor"));
    m_diagnosticsTabWidget->addTab(m_tokenPage, tr("Token Inspector"));
    return m_diagnosticsTabWidget;
}

void MainWindow::connectDiagnostics(Gateway::GatewayController* controller)
{
    using Gateway::GatewayController;
    connect(m_doctorPage, &ConnectionDoctorPage::runRequested, controller, &GatewayController::runDoctor);
    connect(controller, &GatewayController::doctorStepFinished, m_doctorPage, &ConnectionDoctorPage::showStep);
    connect(controller, &GatewayController::doctorFinished, m_doctorPage, &ConnectionDoctorPage::showReport);
    connect(m_tokenPage, &TokenInspectorPage::checkRequested, controller, &GatewayController::inspectToken);
    connect(controller, &GatewayController::tokenVerdictReady, m_tokenPage, &TokenInspectorPage::showVerdict);

    connect(m_credentialsPage, &StoredCredentialsPage::refreshRequested, controller,
            &GatewayController::listElicitedCredentials);
    connect(m_credentialsPage, &StoredCredentialsPage::revokeRequested, controller,
            &GatewayController::revokeElicitedCredentials);
    connect(controller, &GatewayController::elicitedCredentialsListed, m_credentialsPage,
            &StoredCredentialsPage::setCredentials);
    connect(controller, &GatewayController::elicitedCredentialsRevoked, m_credentialsPage,
            &StoredCredentialsPage::showRevoked);
    // A credential stored, refreshed or dropped is an elicitation event: list again while visible.
    connect(controller, &GatewayController::eventsAppended, m_credentialsPage,
            [this, controller](const QList<Gateway::TrafficEvent>& events) {
                if (!m_credentialsPage->isVisible())
                    return;
                for (const Gateway::TrafficEvent& e : events) {
                    if (!e.elicitationStage.isEmpty()) {
                        controller->listElicitedCredentials();
                        return;
                    }
                }
            });
    connect(controller, &GatewayController::secureDemoStarted, this, &MainWindow::showSecureDemo);
}

void MainWindow::checkConnection(const QString& service)
{
    m_tabWidget->setCurrentWidget(m_diagnosticsTabWidget);
    m_diagnosticsTabWidget->setCurrentWidget(m_doctorPage);
    m_doctorPage->selectService(service);
    if (m_doctorPage->currentService() != service) {
        // The doctor checks what the gateway serves: an unsaved or non-OAuth2 service is not there.
        statusBar()->showMessage(
            tr("\"%1\" is not served with OAuth 2 yet: save the workspace, then check again.").arg(service), 10000);
        return;
    }
    if (!m_doctorPage->isRunning())
        m_doctorPage->runDoctor();
}

void MainWindow::inspectToken(const QString& service)
{
    m_tabWidget->setCurrentWidget(m_diagnosticsTabWidget);
    m_diagnosticsTabWidget->setCurrentWidget(m_tokenPage);
    if (!service.isEmpty())
        m_tokenPage->selectService(service);
    m_tokenPage->setToken({});
    if (auto* edit = m_tokenPage->findChild<QWidget*>(QStringLiteral("tokenEdit")))
        edit->setFocus();
    statusBar()->showMessage(tr("Captured tokens are redacted: paste the bearer token to inspect it."), 10000);
}

void MainWindow::startSecureDemo()
{
    if (!m_controller || !maybeSave())
        return;
    m_document->showDemo();
    m_secureDemoRequested = true;
    m_controller->startSecureDemo();
    statusBar()->showMessage(tr("Starting the secure demo…"), 5000);
}

SecureDemoDialog* MainWindow::secureDemoDialog() const
{
    return m_secureDemoDialog;
}

void MainWindow::showSecureDemo(const QString& guide, const QString& error)
{
    if (!m_secureDemoRequested)
        return;
    m_secureDemoRequested = false;
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Secure Demo"), tr("The secure demo could not start: %1").arg(error));
        return;
    }
    delete m_secureDemoDialog;
    m_secureDemoDialog = new SecureDemoDialog(guide, this);
    m_secureDemoDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_secureDemoDialog->show(); // not modal: the operator keeps using the window meanwhile
}

QString MainWindow::editableCurrentService() const
{
    const QString name = m_servicesPage ? m_servicesPage->currentServiceName() : QString();
    return m_document->canSave() && m_document->editor().serviceIndex(name) >= 0 ? name : QString();
}

void MainWindow::addService(const QString& openApiPath)
{
    if (!m_document->canSave()) {
        QMessageBox::information(this, tr("Add Service"),
                                 tr("The built-in demo cannot be edited. Create a workspace (File ▸ New) or open one "
                                    "first."));
        return;
    }
    AddServiceDialog dialog(m_document->editor().serviceNames(), this);
    if (!openApiPath.isEmpty())
        dialog.setOpenApiPath(openApiPath);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_document->editor().addService(dialog.serviceName(), dialog.openApiPath(), dialog.baseUrl());
    m_document->notifyEdited();
    m_configurePage->selectService(dialog.serviceName());
    m_tabWidget->setCurrentWidget(m_configurePage);
    statusBar()->showMessage(tr("Service \"%1\" added; save the workspace to serve it.").arg(dialog.serviceName()),
                             10000);
}

void MainWindow::removeService()
{
    const QString name = editableCurrentService();
    if (name.isEmpty())
        return;
    if (QMessageBox::question(
            this, tr("Remove Service"),
            tr("Remove service \"%1\"? Its clients lose access once the workspace is saved.").arg(name))
        != QMessageBox::Yes)
        return;
    m_document->editor().removeService(name);
    m_document->notifyEdited();
}

void MainWindow::generateApiKey()
{
    const QString name = editableCurrentService();
    if (name.isEmpty())
        return;
    QString key = m_document->editor().issueApiKey(name);
    m_document->notifyEdited();
    ApiKeyDialog dialog(name, key, Gateway::ApiKey::keyId(Gateway::ApiKey::hash(key.toLatin1())), this);
    key.fill(QLatin1Char('\0'));
    dialog.exec();
    statusBar()->showMessage(tr("New API key for \"%1\": save the workspace to activate it.").arg(name), 10000);
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_document->recentFiles();
    for (const QString& path : files) {
        QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        action->setData(path);
        connect(action, &QAction::triggered, this, [this, path] {
            if (maybeSave())
                openWorkspace(path);
        });
    }
    if (!files.isEmpty())
        m_recentMenu->addSeparator();
    QAction* clear = m_recentMenu->addAction(tr("&Clear List"));
    clear->setObjectName(QStringLiteral("clearRecentAction"));
    clear->setEnabled(!files.isEmpty());
    connect(clear, &QAction::triggered, m_document, &WorkspaceDocument::clearRecentFiles);
}

void MainWindow::updateTitle()
{
    // "[*]" is where Qt puts the unsaved-changes marker.
    setWindowFilePath(m_document->filePath());
    setWindowTitle(tr("%1[*] — Portcullis").arg(m_document->displayName()));
    setWindowModified(m_document->isModified());
    m_saveAction->setEnabled(m_document->canSave());
    m_saveAsAction->setEnabled(m_document->canSave());
    m_reloadAction->setEnabled(!m_document->filePath().isEmpty());
    m_addServiceAction->setEnabled(m_document->canSave());
    const bool serviceEditable = !editableCurrentService().isEmpty();
    m_removeServiceAction->setEnabled(serviceEditable);
    m_generateApiKeyAction->setEnabled(serviceEditable);
}

bool MainWindow::maybeSave()
{
    if (!m_document->isModified())
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Unsaved Changes"),
                    tr("The workspace \"%1\" has unsaved changes.").arg(m_document->displayName()),
                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("unsavedChangesMessageBox"));
    box.setInformativeText(tr("Save them before going on?"));
    box.setDefaultButton(QMessageBox::Save);
    switch (box.exec()) {
    case QMessageBox::Save: return save();
    case QMessageBox::Discard: return true;
    default: return false;
    }
}

void MainWindow::newWorkspace()
{
    if (maybeSave())
        m_document->newWorkspace();
}

void MainWindow::chooseWorkspaceToOpen()
{
    if (!maybeSave())
        return;
    const QString dir = QFileInfo(m_document->filePath()).absolutePath();
    const QString path
        = QFileDialog::getOpenFileName(this, tr("Open Workspace"), dir, tr("Workspaces (*.json);;All files (*)"));
    if (!path.isEmpty())
        openWorkspace(path);
}

bool MainWindow::openWorkspace(const QString& path, const QString& listen)
{
    if (m_document->open(path, listen))
        return true;
    // The banner shows what the gateway says; this says why the file cannot be edited here.
    showLoadError(m_document->lastError());
    return false;
}

void MainWindow::showDemo()
{
    m_document->showDemo();
}

bool MainWindow::save()
{
    if (m_document->state() != WorkspaceDocument::State::File)
        return saveAs();
    if (m_document->save())
        return true;
    QMessageBox::warning(this, tr("Cannot Save"), m_document->lastError());
    return false;
}

bool MainWindow::saveAs()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Workspace As"), m_document->filePath(),
                                                      tr("Workspaces (*.json)"));
    if (path.isEmpty())
        return false;
    if (m_document->saveAs(path))
        return true;
    QMessageBox::warning(this, tr("Cannot Save"), m_document->lastError());
    return false;
}

void MainWindow::reload()
{
    if (maybeSave() && !m_document->reload())
        showLoadError(m_document->lastError());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (maybeSave()) {
        saveSettings();
        event->accept();
    } else {
        event->ignore();
    }
}

void MainWindow::updateKeychainStatus(bool available)
{
    // Backend secrets come from the OS keychain; when it cannot be reached the affected tools
    // answer with a tool error, and this says why.
    m_keychainLabel->setText(available ? tr("Keychain: available")
                                       : tr("Keychain unavailable: backend secrets cannot be read"));
    m_keychainLabel->setStyleSheet(available ? QString() : QStringLiteral("color: #b00020; font-weight: bold;"));
}

QFrame* MainWindow::createConfigErrorBanner()
{
    m_configErrorBanner = new QFrame(this);
    m_configErrorBanner->setObjectName(QStringLiteral("configErrorBanner"));
    m_configErrorBanner->setStyleSheet(
        QStringLiteral("#configErrorBanner { background-color: #fdecea; border-bottom: 1px solid #e57373; }"
                       " #configErrorBanner QLabel { color: #b71c1c; }"));

    m_configErrorLabel = new QLabel(m_configErrorBanner);
    m_configErrorLabel->setObjectName(QStringLiteral("configErrorLabel"));
    m_configErrorLabel->setTextFormat(Qt::PlainText);
    m_configErrorLabel->setWordWrap(true);
    m_configErrorLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_dismissConfigErrorButton = new QToolButton(m_configErrorBanner);
    m_dismissConfigErrorButton->setObjectName(QStringLiteral("dismissConfigErrorButton"));
    m_dismissConfigErrorButton->setText(tr("Dismiss"));
    m_dismissConfigErrorButton->setAutoRaise(true);
    connect(m_dismissConfigErrorButton, &QToolButton::clicked, this, &MainWindow::hideConfigError);
    m_openAnotherButton = new QToolButton(m_configErrorBanner);
    m_openAnotherButton->setObjectName(QStringLiteral("openAnotherButton"));
    m_openAnotherButton->setText(tr("Open Another…"));
    m_openAnotherButton->setAutoRaise(true);
    connect(m_openAnotherButton, &QToolButton::clicked, this, &MainWindow::chooseWorkspaceToOpen);

    auto* layout = new QHBoxLayout(m_configErrorBanner);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->addWidget(m_configErrorLabel, 1);
    layout->addWidget(m_openAnotherButton, 0, Qt::AlignTop);
    layout->addWidget(m_dismissConfigErrorButton, 0, Qt::AlignTop);
    m_configErrorBanner->hide();
    return m_configErrorBanner;
}

void MainWindow::applyStatus(const Gateway::GatewayStatus& status)
{
    m_overviewPage->applyStatus(status);
    if (m_trayIcon)
        m_trayIcon->applyStatus(status);
    m_serviceModel->setServices(status.services);
    m_configurePage->applyStatus(status);
    m_trafficLogPage->setServiceNames(m_serviceModel->serviceNames());
    m_doctorPage->setServices(status.services);
    m_tokenPage->setServices(status.services);
    m_credentialsPage->setServiceNames(m_serviceModel->serviceNames());
    if (!status.running)
        m_listenLabel->setText(tr("Gateway stopped"));
    else if (status.listening)
        m_listenLabel->setText(tr("Gateway listening on %1").arg(status.baseUrl.toString()));
    else if (!status.listenError.isEmpty())
        m_listenLabel->setText(tr("Gateway not listening: %1").arg(status.listenError));
    else
        m_listenLabel->setText(tr("Gateway not listening"));
    updateKeychainStatus(status.keychainAvailable);

    if (status.configGeneration != m_configGeneration) { // a configuration was accepted
        m_configGeneration = status.configGeneration;
        m_shownConfigError.clear();
        hideConfigError();
    }
    if (!status.configError.isEmpty() && status.configError != m_shownConfigError) {
        m_shownConfigError = status.configError;
        if (status.configured)
            showConfigError(status.configError);
        else
            showLoadError(status.configError);
    }
}

void MainWindow::showConfigError(const QString& reason)
{
    m_configErrorLabel->setText(
        tr("Configuration rejected; the gateway keeps serving the previous configuration.\n%1").arg(reason));
    m_configErrorBanner->show();
}

void MainWindow::showLoadError(const QString& reason)
{
    m_configErrorLabel->setText(tr("The workspace cannot be served; the gateway serves nothing.\n%1").arg(reason));
    m_configErrorBanner->show();
}

void MainWindow::hideConfigError()
{
    m_configErrorBanner->hide();
    m_configErrorLabel->clear();
}

void MainWindow::updateEventCounter()
{
    const TrafficLogModel* model = m_trafficLogPage->model();
    // "Label: number" avoids plural forms, which need a loaded translation even in English.
    m_eventCountLabel->setText(
        tr("Requests: %1 · Errors: %2")
            .arg(QLocale().toString(model->receivedCount()), QLocale().toString(model->errorCount())));
    if (m_trayIcon)
        m_trayIcon->setCounters(model->receivedCount(), model->errorCount());
}

} // namespace Portcullis

#include "moc_MainWindow.cpp"
