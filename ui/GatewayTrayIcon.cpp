// SPDX-License-Identifier: GPL-3.0-or-later
#include "GatewayTrayIcon.h"

#include <QAction>
#include <QApplication>
#include <QIcon>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QSystemTrayIcon>

namespace Portcullis {

GatewayTrayIcon::GatewayTrayIcon(QObject* parent)
    : QObject(parent)
    , m_tray(new QSystemTrayIcon(this))
    , m_menu(new QMenu)
{
    setObjectName(QStringLiteral("gatewayTrayIcon"));
    m_tray->setObjectName(QStringLiteral("systemTrayIcon"));
    // The installed application icon; a generic one when running from the build tree.
    m_tray->setIcon(QIcon::fromTheme(QStringLiteral("io.github.portcullis.Portcullis"),
                                     QApplication::style()->standardIcon(QStyle::SP_DriveNetIcon)));
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    QAction* show = m_menu->addAction(tr("&Show Window"), this, &GatewayTrayIcon::showWindowRequested);
    show->setObjectName(QStringLiteral("trayShowWindowAction"));
    m_startStopAction = m_menu->addAction(tr("S&top Gateway"), this, [this] {
        if (m_status.listening)
            emit stopListeningRequested();
        else
            emit startListeningRequested();
    });
    m_startStopAction->setObjectName(QStringLiteral("trayStartStopAction"));
    m_menu->addSeparator();
    QAction* quit = m_menu->addAction(tr("&Quit"), this, &GatewayTrayIcon::quitRequested);
    quit->setObjectName(QStringLiteral("trayQuitAction"));
    m_tray->setContextMenu(m_menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
        if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
            emit showWindowRequested();
    });
    applyStatus(m_status);
}

GatewayTrayIcon::~GatewayTrayIcon()
{
    delete m_menu; // a context menu is not owned by the tray icon
}

void GatewayTrayIcon::setVisible(bool visible)
{
    m_tray->setVisible(visible);
}

void GatewayTrayIcon::applyStatus(const Gateway::GatewayStatus& status)
{
    m_status = status;
    m_startStopAction->setText(status.listening ? tr("S&top Gateway") : tr("S&tart Gateway"));
    m_startStopAction->setEnabled(status.running && (status.listening || status.configured));
    updateToolTip();
}

void GatewayTrayIcon::setCounters(quint64 requests, quint64 errors)
{
    m_requests = requests;
    m_errors = errors;
    updateToolTip();
}

QString GatewayTrayIcon::toolTip(const Gateway::GatewayStatus& status, quint64 requests, quint64 errors)
{
    QString state;
    if (!status.running)
        state = tr("Gateway stopped");
    else if (status.listening)
        state = tr("Listening on %1").arg(status.baseUrl.toString());
    else if (!status.listenError.isEmpty())
        state = tr("Not listening: %1").arg(status.listenError);
    else
        state = tr("Not listening");
    int refused = 0;
    for (const Gateway::ServiceStatus& s : status.services)
        refused += s.error.isEmpty() ? 0 : 1;
    // "Label: number" avoids plural forms, which need a loaded translation even in English.
    QString services = tr("Services: %1").arg(status.services.size() - refused);
    if (refused > 0)
        services += QLatin1Char(' ') + tr("(not served: %1)").arg(refused);
    return tr("Portcullis") + QLatin1Char('\n') + state + QLatin1Char('\n') + services + QLatin1Char('\n')
        + tr("Requests: %1 · Errors: %2").arg(QLocale().toString(requests), QLocale().toString(errors));
}

void GatewayTrayIcon::updateToolTip()
{
    m_tray->setToolTip(toolTip(m_status, m_requests, m_errors));
}

} // namespace Portcullis

#include "moc_GatewayTrayIcon.cpp"
