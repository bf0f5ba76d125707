// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "core/GatewayController.h" // GatewayStatus

#include <QObject>

class QAction;
class QMenu;
class QSystemTrayIcon;

namespace Portcullis {

// The optional system tray icon: a tooltip with the gateway's state (listening URL, services,
// requests and errors) and a menu to show the window, stop or start listening, and quit. Made only
// where a system tray exists (QSystemTrayIcon::isSystemTrayAvailable()).
class GatewayTrayIcon : public QObject
{
    Q_OBJECT
public:
    explicit GatewayTrayIcon(QObject* parent = nullptr);
    ~GatewayTrayIcon() override;

    void setVisible(bool visible);
    QMenu* menu() const { return m_menu; } // the context menu (not a child: a QMenu needs a widget parent)
    void applyStatus(const Gateway::GatewayStatus& status);
    void setCounters(quint64 requests, quint64 errors);

    // The tooltip for `status` and the counters (also used by tests: a tray is rarely available).
    static QString toolTip(const Gateway::GatewayStatus& status, quint64 requests, quint64 errors);

signals:
    void showWindowRequested();
    void stopListeningRequested();
    void startListeningRequested();
    void quitRequested();

private:
    void updateToolTip();

    QSystemTrayIcon* m_tray;
    QMenu* m_menu;
    QAction* m_startStopAction;
    Gateway::GatewayStatus m_status;
    quint64 m_requests = 0;
    quint64 m_errors = 0;
};

} // namespace Portcullis
