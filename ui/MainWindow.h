// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMainWindow>
#include <QPointer>

class QFrame;
class QLabel;
class QTabWidget;
class QToolButton;

namespace Gateway {
class GatewayServer;
}

namespace Portcullis {

class ServiceListModel;
class ServicesPage;
class TrafficLogPage;

// The desktop window over one embedded gateway: services and live traffic in tabs, the listen
// address and a request counter in the status bar, and a non-modal banner when a configuration
// is rejected (the gateway keeps serving the previous one).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(Gateway::GatewayServer* server, QWidget* parent = nullptr);
    ~MainWindow() override;

    ServicesPage* servicesPage() const { return m_servicesPage; }
    TrafficLogPage* trafficLogPage() const { return m_trafficLogPage; }

public slots:
    // Re-reads the services and the listen state from the gateway.
    void refresh();
    void showConfigError(const QString& reason);
    void hideConfigError();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QFrame* createConfigErrorBanner();
    void updateListenLabel();
    void updateEventCounter();

    QPointer<Gateway::GatewayServer> m_server;
    ServiceListModel* m_serviceModel;
    ServicesPage* m_servicesPage;
    TrafficLogPage* m_trafficLogPage;
    QTabWidget* m_tabWidget;
    QFrame* m_configErrorBanner;
    QLabel* m_configErrorLabel;
    QToolButton* m_dismissConfigErrorButton;
    QLabel* m_listenLabel;
    QLabel* m_eventCountLabel;
    QLabel* m_keychainLabel;
    void updateKeychainStatus(bool available);
};

} // namespace Portcullis
