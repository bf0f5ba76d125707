// SPDX-License-Identifier: GPL-3.0-or-later
#include "SampleTraffic.h"

#include "MainWindow.h"
#include "core/GatewayServer.h"
#include "log/TrafficLog.h"
#include "pages/TrafficLogPage.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using Portcullis::MainWindow;

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void titleAndPages();
    void listenLabelAndCounter();
    void configRejectedShowsBanner();
    void keychainStatusIsVisible();
};

void TestMainWindow::titleAndPages()
{
    Gateway::GatewayServer server;
    MainWindow window(&server);
    QCOMPARE(window.windowTitle(), QStringLiteral("Portcullis"));
    QCOMPARE(window.size(), QSize(1200, 760));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    QVERIFY(window.findChild<QTreeView*>(QStringLiteral("trafficTreeView")));
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("servicesListView")));
}

void TestMainWindow::listenLabelAndCounter()
{
    Gateway::GatewayServer server;
    QString error;
    QVERIFY2(server.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    MainWindow window(&server);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* listen = window.findChild<QLabel*>(QStringLiteral("listenLabel"));
    QVERIFY(listen);
    QCOMPARE(listen->text(), QStringLiteral("Gateway listening on ") + server.baseUrl().toString());
    QVERIFY(listen->text().startsWith(QStringLiteral("Gateway listening on http://")));

    auto* counter = window.findChild<QLabel*>(QStringLiteral("eventCountLabel"));
    QVERIFY(counter);
    const QString before = counter->text();
    for (const Gateway::TrafficEvent& e : SampleTraffic::filterSet())
        server.trafficLog()->append(e);
    QTRY_VERIFY(counter->text() != before);
    QVERIFY2(counter->text().contains(QStringLiteral("Errors: 4")), qPrintable(counter->text()));
}

void TestMainWindow::configRejectedShowsBanner()
{
    Gateway::GatewayServer server;
    MainWindow window(&server);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* label = window.findChild<QLabel*>(QStringLiteral("configErrorLabel"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());

    emit server.configRejected(QStringLiteral("workspace.json:12: unknown security mode \"basic\""));
    QVERIFY(label->isVisible()); // non-modal: no dialog, the window stays usable
    QVERIFY(label->text().contains(QStringLiteral("unknown security mode")));
    QVERIFY(!QApplication::activeModalWidget());

    emit server.servicesChanged(); // a later configuration was accepted
    QVERIFY(!label->isVisible());
}

void TestMainWindow::keychainStatusIsVisible()
{
    Gateway::MemorySecretStore store;
    Gateway::GatewayServer server;
    server.setSecretStore(&store);
    MainWindow window(&server);
    auto* label = window.findChild<QLabel*>(QStringLiteral("keychainLabel"));
    QVERIFY(label);
    QCOMPARE(label->text(), QStringLiteral("Keychain: available"));
    store.setAvailable(false);
    QCOMPARE(label->text(), QStringLiteral("Keychain unavailable: backend secrets cannot be read"));
    store.setAvailable(true);
    QCOMPARE(label->text(), QStringLiteral("Keychain: available"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
