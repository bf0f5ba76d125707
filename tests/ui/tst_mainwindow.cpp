// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawHttpClient.h"

#include "MainWindow.h"
#include "core/GatewayController.h"
#include "pages/ServicesPage.h"
#include "pages/TrafficLogPage.h"
#include "secrets/MemorySecretStore.h"

#include <QApplication>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using Gateway::GatewayController;
using Portcullis::MainWindow;

namespace {

GatewayController::Options memoryStore()
{
    GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    return options;
}

QByteArray get(quint16 port, const QByteArray& path)
{
    return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n";
}

QByteArray toolCall(quint16 port)
{
    const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getForecast",)"
                            R"("arguments":{"city":"Lisbon"},"_meta":{"io.modelcontextprotocol/protocolVersion":)"
                            R"("2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
    return "POST /mcp/demo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void titleAndPages();
    void listenLabelAndCounter();
    void configRejectedShowsBanner();
    void brokenWorkspaceSaysWhatIsWrong();
    void keychainStatusIsVisible();
};

void TestMainWindow::titleAndPages()
{
    GatewayController controller;
    MainWindow window(&controller);
    QCOMPARE(window.windowTitle(), QStringLiteral("Portcullis"));
    QCOMPARE(window.size(), QSize(1200, 760));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 2);
    QVERIFY(window.findChild<QTreeView*>(QStringLiteral("trafficTreeView")));
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("servicesListView")));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("listenLabel"))->text(), QStringLiteral("Gateway stopped"));
}

void TestMainWindow::listenLabelAndCounter()
{
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    auto* listen = window.findChild<QLabel*>(QStringLiteral("listenLabel"));
    QVERIFY(listen);
    QTRY_VERIFY(controller.status().listening);
    QTRY_COMPARE(listen->text(), QStringLiteral("Gateway listening on ") + controller.status().baseUrl.toString());
    QVERIFY(listen->text().startsWith(QStringLiteral("Gateway listening on http://127.0.0.1:")));
    QTRY_COMPARE(window.servicesPage()->currentServiceName(), QStringLiteral("demo"));

    // Real requests to the gateway thread; their events reach the counter in batches.
    auto* counter = window.findChild<QLabel*>(QStringLiteral("eventCountLabel"));
    QVERIFY(counter);
    const quint16 port = quint16(controller.status().baseUrl.port());
    QCOMPARE(TestSupport::rawExchange(port, get(port, "/mcp/nosuchservice")).first().status, 404);
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port)).first().status, 200);
    QTRY_COMPARE(counter->text(), QStringLiteral("Requests: 2 \u00b7 Errors: 1"));
}

void TestMainWindow::configRejectedShowsBanner()
{
    GatewayController controller;
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* label = window.findChild<QLabel*>(QStringLiteral("configErrorLabel"));
    QVERIFY(label);
    QVERIFY(!label->isVisible());

    Gateway::GatewayStatus status;
    status.running = true;
    status.configured = true;
    status.configGeneration = 1;
    emit controller.statusChanged(status);
    status.configError = QStringLiteral("workspace.json: $.services[0].security.mode: must be one of none, apiKey, oauth2");
    emit controller.statusChanged(status);
    QVERIFY(label->isVisible()); // non-modal: no dialog, the window stays usable
    QVERIFY(label->text().contains(QStringLiteral("keeps serving the previous configuration")));
    QVERIFY(label->text().contains(QStringLiteral("must be one of none")));
    QVERIFY(!QApplication::activeModalWidget());

    // Dismissed, it stays away while the same error is reported again.
    QTest::mouseClick(window.findChild<QWidget*>(QStringLiteral("dismissConfigErrorButton")), Qt::LeftButton);
    QVERIFY(!label->isVisible());
    emit controller.statusChanged(status);
    QVERIFY(!label->isVisible());

    status.configError.clear();
    status.configGeneration = 2; // a later configuration was accepted
    emit controller.statusChanged(status);
    QVERIFY(!label->isVisible());
}

void TestMainWindow::brokenWorkspaceSaysWhatIsWrong()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\n  \"version\": 1,\n  \"services\": [\n    { \"name\": \"a b\", \"openapi\": \"x.yaml\" }\n  ]\n}\n");
    f.close();
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.openWorkspace(path, QStringLiteral("127.0.0.1:0"));
    auto* label = window.findChild<QLabel*>(QStringLiteral("configErrorLabel"));
    QTRY_VERIFY(label->isVisible());
    QVERIFY2(label->text().contains(QStringLiteral("cannot be served")), qPrintable(label->text()));
    QVERIFY2(label->text().contains(path + QStringLiteral(": $.services[0].name")), qPrintable(label->text()));
    QCOMPARE(window.findChild<QLabel*>(QStringLiteral("listenLabel"))->text(), QStringLiteral("Gateway not listening"));
}

void TestMainWindow::keychainStatusIsVisible()
{
    GatewayController controller;
    MainWindow window(&controller);
    auto* label = window.findChild<QLabel*>(QStringLiteral("keychainLabel"));
    QVERIFY(label);
    Gateway::GatewayStatus status;
    status.running = true;
    emit controller.statusChanged(status);
    QCOMPARE(label->text(), QStringLiteral("Keychain: available"));
    status.keychainAvailable = false;
    emit controller.statusChanged(status);
    QCOMPARE(label->text(), QStringLiteral("Keychain unavailable: backend secrets cannot be read"));
    status.keychainAvailable = true;
    emit controller.statusChanged(status);
    QCOMPARE(label->text(), QStringLiteral("Keychain: available"));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
