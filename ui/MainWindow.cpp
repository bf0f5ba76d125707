// SPDX-License-Identifier: GPL-3.0-or-later
#include "MainWindow.h"

#include "core/GatewayController.h"
#include "models/ServiceListModel.h"
#include "models/TrafficLogModel.h"
#include "pages/ServicesPage.h"
#include "pages/TrafficLogPage.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Portcullis {

MainWindow::MainWindow(Gateway::GatewayController* controller, QWidget* parent)
    : QMainWindow(parent)
    , m_controller(controller)
    , m_serviceModel(new ServiceListModel(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    setWindowTitle(tr("Portcullis"));
    resize(1200, 760);

    auto* central = new QWidget(this);
    m_servicesPage = new ServicesPage(m_serviceModel, central);
    m_servicesPage->setObjectName(QStringLiteral("servicesPage"));
    m_trafficLogPage = new TrafficLogPage(nullptr, central);
    m_trafficLogPage->setObjectName(QStringLiteral("trafficLogPage"));

    m_tabWidget = new QTabWidget(central);
    m_tabWidget->setObjectName(QStringLiteral("mainTabWidget"));
    m_tabWidget->setDocumentMode(true);
    m_tabWidget->addTab(m_servicesPage, tr("Services"));
    m_tabWidget->addTab(m_trafficLogPage, tr("Traffic"));

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
    connect(m_trafficLogPage->model(), &TrafficLogModel::countersChanged, this, &MainWindow::updateEventCounter);

    if (controller) {
        // Queued from the gateway thread already; these only copy values into models.
        connect(controller, &Gateway::GatewayController::statusChanged, this, &MainWindow::applyStatus);
        connect(controller, &Gateway::GatewayController::eventsAppended, m_trafficLogPage->model(),
                &TrafficLogModel::appendEvents);
        applyStatus(controller->status());
    } else {
        applyStatus(Gateway::GatewayStatus());
    }
    updateEventCounter();
}

MainWindow::~MainWindow() = default;

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

    auto* layout = new QHBoxLayout(m_configErrorBanner);
    layout->setContentsMargins(12, 8, 8, 8);
    layout->addWidget(m_configErrorLabel, 1);
    layout->addWidget(m_dismissConfigErrorButton, 0, Qt::AlignTop);
    m_configErrorBanner->hide();
    return m_configErrorBanner;
}

void MainWindow::applyStatus(const Gateway::GatewayStatus& status)
{
    m_serviceModel->setServices(status.services);
    m_trafficLogPage->setServiceNames(m_serviceModel->serviceNames());
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
}

} // namespace Portcullis

#include "moc_MainWindow.cpp"
