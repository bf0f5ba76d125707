// SPDX-License-Identifier: GPL-3.0-or-later
// GatewayTrayIcon: the tooltip says where the gateway listens (or why not), how many services are
// served and the request and error counters; the menu's Start/Stop follows the gateway's state.
// The icon itself needs a system tray, which the offscreen platform has not: the menu is driven
// through its actions.
#include "GatewayTrayIcon.h"

#include <QAction>
#include <QMenu>
#include <QSignalSpy>
#include <QTest>

using Gateway::GatewayStatus;
using Gateway::ServiceStatus;
using Portcullis::GatewayTrayIcon;

namespace {

GatewayStatus listening()
{
    GatewayStatus status;
    status.running = true;
    status.listening = true;
    status.configured = true;
    status.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8765"));
    ServiceStatus served;
    served.name = QStringLiteral("weather");
    ServiceStatus refused;
    refused.name = QStringLiteral("billing");
    refused.error = QStringLiteral("no document");
    status.services = {served, refused};
    return status;
}

} // namespace

class TestGatewayTrayIcon : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }
    void toolTip_data();
    void toolTip();
    void menuFollowsTheGateway();
};

void TestGatewayTrayIcon::toolTip_data()
{
    QTest::addColumn<GatewayStatus>("status");
    QTest::addColumn<QString>("expected");

    QTest::newRow("listening") << listening()
                               << QStringLiteral("Portcullis\nListening on http://127.0.0.1:8765\nServices: 1 "
                                                 "(not served: 1)\nRequests: 1234 · Errors: 5");
    GatewayStatus failed = listening();
    failed.listening = false;
    failed.listenError = QStringLiteral("cannot listen on 127.0.0.1:8765: in use");
    failed.services.removeLast();
    QTest::newRow("listen failed") << failed
                                   << QStringLiteral("Portcullis\nNot listening: cannot listen on 127.0.0.1:8765: "
                                                     "in use\nServices: 1\nRequests: 1234 · Errors: 5");
    QTest::newRow("not running") << GatewayStatus()
                                 << QStringLiteral("Portcullis\nGateway stopped\nServices: 0\nRequests: 1234 · "
                                                   "Errors: 5");
}

void TestGatewayTrayIcon::toolTip()
{
    QFETCH(GatewayStatus, status);
    QFETCH(QString, expected);
    QCOMPARE(GatewayTrayIcon::toolTip(status, 1234, 5), expected);
}

void TestGatewayTrayIcon::menuFollowsTheGateway()
{
    GatewayTrayIcon tray;
    QSignalSpy stops(&tray, &GatewayTrayIcon::stopListeningRequested);
    QSignalSpy starts(&tray, &GatewayTrayIcon::startListeningRequested);
    QSignalSpy shows(&tray, &GatewayTrayIcon::showWindowRequested);
    QSignalSpy quits(&tray, &GatewayTrayIcon::quitRequested);
    auto* startStop = tray.menu()->findChild<QAction*>(QStringLiteral("trayStartStopAction"));
    QVERIFY(startStop);
    QVERIFY(!startStop->isEnabled()); // nothing runs yet

    tray.applyStatus(listening());
    QVERIFY(startStop->isEnabled());
    QCOMPARE(startStop->text(), QStringLiteral("S&top Gateway"));
    startStop->trigger();
    QCOMPARE(stops.size(), 1);

    GatewayStatus stopped = listening();
    stopped.listening = false;
    stopped.listenStopped = true;
    tray.applyStatus(stopped);
    QCOMPARE(startStop->text(), QStringLiteral("S&tart Gateway"));
    startStop->trigger();
    QCOMPARE(starts.size(), 1);
    QCOMPARE(stops.size(), 1);

    tray.menu()->findChild<QAction*>(QStringLiteral("trayShowWindowAction"))->trigger();
    tray.menu()->findChild<QAction*>(QStringLiteral("trayQuitAction"))->trigger();
    QCOMPARE(shows.size(), 1);
    QCOMPARE(quits.size(), 1);
}

QTEST_MAIN(TestGatewayTrayIcon)
#include "tst_gatewaytrayicon.moc"
