// SPDX-License-Identifier: GPL-3.0-or-later
#include "RawHttpClient.h"

#include "MainWindow.h"
#include "WorkspaceDocument.h"
#include "core/GatewayController.h"
#include "pages/ConfigurePage.h"
#include "pages/OverviewPage.h"
#include "pages/ServicesPage.h"
#include "pages/TrafficLogPage.h"
#include "secrets/MemorySecretStore.h"

#include <QAbstractButton>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
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

const QByteArray kWorkspace = "{\n  \"version\": 1,\n  \"x-team\": \"ops\",\n  \"services\": [\n"
                              "    { \"name\": \"demo\", \"openapi\": \":/portcullis/demo/demo-openapi.yaml\", "
                              "\"baseUrl\": \"http://127.0.0.1:9\" }\n  ]\n}\n";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        return {};
    return path;
}

// Clicks `button` of the next message box named `name` once it is shown.
void answerMessageBox(const QString& name, QMessageBox::StandardButton button, bool* seen)
{
    QTimer::singleShot(0, [=] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box) {
            answerMessageBox(name, button, seen);
            return;
        }
        *seen = box->objectName() == name;
        box->button(button)->click();
    });
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void titleAndPages();
    void fileMenuSavesThroughTheEditorAndAppliesTheChange();
    void quittingWithUnsavedChangesAsks();
    void unreadableWorkspaceOffersAnother();
    void recentFiles();
    void newWorkspaceServiceAndApiKeyEndToEnd();
    void screenshots();
    void listenLabelAndCounter();
    void configRejectedShowsBanner();
    void brokenWorkspaceSaysWhatIsWrong();
    void keychainStatusIsVisible();
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("portcullis-tests"));
}

void TestMainWindow::titleAndPages()
{
    GatewayController controller;
    MainWindow window(&controller);
    QCOMPARE(window.windowTitle(), QStringLiteral("Untitled[*] — Portcullis"));
    QCOMPARE(window.size(), QSize(1200, 720)); // fits 1366x768 with the panel
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    QVERIFY(tabs);
    QCOMPARE(tabs->count(), 7); // Overview, Services, Configure, Traffic, Elicitations, Credentials, Diagnostics
    QCOMPARE(tabs->widget(0), window.overviewPage());
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("configurePage")));
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("elicitationsPage")));
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
    status.configError
        = QStringLiteral("workspace.json: $.services[0].security.mode: must be one of none, apiKey, oauth2");
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

void TestMainWindow::fileMenuSavesThroughTheEditorAndAppliesTheChange()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("team.json"), kWorkspace);
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    for (const char* name : {"newAction", "openAction", "saveAction", "saveAsAction", "reloadAction", "quitAction"})
        QVERIFY2(window.findChild<QAction*>(QLatin1String(name)), name);
    QVERIFY(window.findChild<QMenu*>(QStringLiteral("recentMenu")));
    QVERIFY(window.openWorkspace(path, QStringLiteral("127.0.0.1:0")));
    QCOMPARE(window.windowTitle(), QStringLiteral("team.json[*] — Portcullis"));
    QVERIFY(!window.isWindowModified());
    QTRY_VERIFY(controller.status().configured);
    const quint64 generation = controller.status().configGeneration;
    QCOMPARE(controller.status().services.first().securityMode, QStringLiteral("none"));

    // An edit marks the window; Save writes through the editor and the gateway applies it.
    Portcullis::WorkspaceDocument* document = window.document();
    const QString key = document->editor().issueApiKey(QStringLiteral("demo"));
    QVERIFY(!key.isEmpty());
    document->notifyEdited();
    QVERIFY(window.isWindowModified());
    window.findChild<QAction*>(QStringLiteral("saveAction"))->trigger();
    QVERIFY(!window.isWindowModified());
    QTRY_VERIFY(controller.status().configGeneration > generation);
    QCOMPARE(controller.status().services.first().securityMode, QStringLiteral("apiKey"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray saved = f.readAll();
    QVERIFY(saved.contains("\"x-team\": \"ops\"")); // the user's keys and layout stay
    QVERIFY(saved.startsWith("{\n  \"version\": 1,\n  \"x-team\""));
    QVERIFY(!saved.contains(key.toLatin1()));
}

void TestMainWindow::quittingWithUnsavedChangesAsks()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("ws.json"), kWorkspace);
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWorkspace(path, QStringLiteral("127.0.0.1:0")));
    window.document()->editor().setServiceValue(QStringLiteral("demo"), QStringLiteral("timeoutMs"), 5000);
    window.document()->notifyEdited();

    bool asked = false;
    answerMessageBox(QStringLiteral("unsavedChangesMessageBox"), QMessageBox::Cancel, &asked);
    QVERIFY(!window.close());
    QVERIFY(asked);
    QVERIFY(window.isVisible());

    asked = false;
    answerMessageBox(QStringLiteral("unsavedChangesMessageBox"), QMessageBox::Discard, &asked);
    QVERIFY(window.close());
    QVERIFY(asked);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), kWorkspace); // discarded
}

void TestMainWindow::unreadableWorkspaceOffersAnother()
{
    QTemporaryDir dir;
    const QString path
        = writeFile(dir, QStringLiteral("broken.json"), "{\n  \"version\": 1,\n  \"services\": [,]\n}\n");
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!window.openWorkspace(path, QStringLiteral("127.0.0.1:0"))); // no silent exit: the window stays
    auto* label = window.findChild<QLabel*>(QStringLiteral("configErrorLabel"));
    QVERIFY(label->isVisible());
    QVERIFY2(label->text().contains(path + QStringLiteral(":3:")), qPrintable(label->text())); // file and line
    QVERIFY(window.findChild<QWidget*>(QStringLiteral("openAnotherButton"))->isVisible());
    QCOMPARE(window.windowTitle(), QStringLiteral("broken.json[*] — Portcullis"));
    QVERIFY(!window.findChild<QAction*>(QStringLiteral("saveAction"))->isEnabled()); // never overwrite it
    QVERIFY(window.findChild<QAction*>(QStringLiteral("reloadAction"))->isEnabled());

    // Fixed elsewhere, then reloaded: editable again.
    writeFile(dir, QStringLiteral("broken.json"), kWorkspace);
    window.findChild<QAction*>(QStringLiteral("reloadAction"))->trigger();
    QCOMPARE(window.document()->state(), Portcullis::WorkspaceDocument::State::File);
    QVERIFY(window.findChild<QAction*>(QStringLiteral("saveAction"))->isEnabled());
    QTRY_VERIFY(controller.status().configured);
}

void TestMainWindow::recentFiles()
{
    QTemporaryDir dir;
    const QString a = writeFile(dir, QStringLiteral("a.json"), kWorkspace);
    const QString b = writeFile(dir, QStringLiteral("b.json"), kWorkspace);
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.document()->clearRecentFiles();
    window.openWorkspace(a);
    window.openWorkspace(b);
    window.openWorkspace(a);
    QCOMPARE(window.document()->recentFiles(), (QStringList{a, b}));
    auto* menu = window.findChild<QMenu*>(QStringLiteral("recentMenu"));
    emit menu->aboutToShow();
    QStringList shown;
    for (QAction* action : menu->actions())
        if (!action->data().toString().isEmpty())
            shown.append(action->data().toString());
    QCOMPARE(shown, (QStringList{a, b}));
    window.findChild<QAction*>(QStringLiteral("clearRecentAction"))->trigger();
    QVERIFY(window.document()->recentFiles().isEmpty());
}

// A new user's path without the command line: new workspace, add the demo document as a service,
// save, generate an API key, save; a real client then needs that key.
void TestMainWindow::newWorkspaceServiceAndApiKeyEndToEnd()
{
    QTemporaryDir dir;
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.listen(QStringLiteral("127.0.0.1:0"));
    window.findChild<QAction*>(QStringLiteral("newAction"))->trigger();
    QTRY_VERIFY(controller.status().listening && controller.status().configured);
    QVERIFY(controller.status().services.isEmpty());

    bool filled = false;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("addServiceDialog"));
        auto* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!ok->isEnabled()); // nothing chosen yet
        dialog->findChild<QLineEdit*>(QStringLiteral("openApiLineEdit"))
            ->setText(QStringLiteral(PORTCULLIS_SOURCE_DIR "/resources/demo/demo-openapi.yaml"));
        QCOMPARE(dialog->findChild<QLineEdit*>(QStringLiteral("serviceNameLineEdit"))->text(),
                 QStringLiteral("demo-openapi"));
        dialog->findChild<QLineEdit*>(QStringLiteral("baseUrlLineEdit"))->setText(QStringLiteral("http://user:pw@x"));
        QVERIFY(!ok->isEnabled());
        QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("addServiceProblemLabel"))
                    ->text()
                    .contains(QStringLiteral("credentials")));
        dialog->findChild<QLineEdit*>(QStringLiteral("baseUrlLineEdit"))->setText(QStringLiteral("http://127.0.0.1:9"));
        QVERIFY(ok->isEnabled());
        filled = true;
        ok->click();
    });
    window.findChild<QAction*>(QStringLiteral("addServiceAction"))->trigger();
    QVERIFY(filled);
    QVERIFY(window.isWindowModified());
    const QString path = dir.filePath(QStringLiteral("new.json"));
    QVERIFY2(window.document()->saveAs(path), qPrintable(window.document()->lastError()));
    QTRY_COMPARE(controller.status().services.size(), 1);
    QCOMPARE(controller.status().services.first().name, QStringLiteral("demo-openapi"));
    QTRY_COMPARE(window.servicesPage()->currentServiceName(), QStringLiteral("demo-openapi"));
    const quint16 port = quint16(controller.status().baseUrl.port());
    const QByteArray host = "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n"; // the Host check includes the port
    const QByteArray list = "GET /mcp/demo-openapi HTTP/1.1\r\n" + host + "\r\n";
    QVERIFY(TestSupport::rawExchange(port, list).first().status != 401); // no endpoint security yet

    QString key;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("apiKeyDialog"));
        key = dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyLineEdit"))->text();
        dialog->findChild<QPushButton*>(QStringLiteral("copyApiKeyButton"))->click();
        dialog->reject();
    });
    const quint64 generation = controller.status().configGeneration;
    window.findChild<QAction*>(QStringLiteral("generateApiKeyAction"))->trigger();
    QVERIFY(key.startsWith(QStringLiteral("rshp_")));
    QCOMPARE(QGuiApplication::clipboard()->text(), key);
    window.findChild<QAction*>(QStringLiteral("saveAction"))->trigger();
    QTRY_VERIFY(controller.status().configGeneration > generation);
    QCOMPARE(controller.status().services.first().securityMode, QStringLiteral("apiKey"));
    QCOMPARE(TestSupport::rawExchange(port, list).first().status, 401);
    const QByteArray withKey
        = "GET /mcp/demo-openapi HTTP/1.1\r\n" + host + "x-reshapr-key: " + key.toLatin1() + "\r\n\r\n";
    const int keyed = TestSupport::rawExchange(port, withKey).first().status;
    QVERIFY2(keyed != 401 && keyed != 0, qPrintable(QString::number(keyed)));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains(key.toLatin1()));
}

// Not a check: saves what the window looks like when PORTCULLIS_SCREENSHOT_DIR is set
// (packaging/screenshots.sh).
void TestMainWindow::screenshots()
{
    const QString out = qEnvironmentVariable("PORTCULLIS_SCREENSHOT_DIR");
    if (out.isEmpty())
        QSKIP("set PORTCULLIS_SCREENSHOT_DIR to save screenshots");
    QDir().mkpath(out);
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.resize(1100, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    window.showDemo();
    QTRY_VERIFY(controller.status().listening);
    const quint16 port = quint16(controller.status().baseUrl.port());
    for (int i = 0; i < 3; ++i)
        TestSupport::rawExchange(port, toolCall(port));
    TestSupport::rawExchange(port, get(port, "/mcp/nosuchservice"));
    QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("eventCountLabel"))->text().contains(QStringLiteral("4")));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    tabs->setCurrentWidget(window.servicesPage());
    QTest::qWait(100);
    QVERIFY(window.grab().save(out + QStringLiteral("/services.png")));
    tabs->setCurrentWidget(window.trafficLogPage());
    QTest::qWait(100);
    QVERIFY(window.grab().save(out + QStringLiteral("/traffic.png")));
    tabs->setCurrentWidget(window.configurePage());
    QTest::qWait(100);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-demo-not-editable.png")));

    auto* menu = window.findChild<QMenu*>(QStringLiteral("fileMenu"));
    menu->popup(window.mapToGlobal(QPoint(0, 20)));
    QTest::qWait(100);
    QVERIFY(menu->grab().save(out + QStringLiteral("/file-menu.png")));
    menu->hide();

    auto grabDialog = [&](const QString& file) {
        QTimer::singleShot(200, [file, out] {
            QWidget* dialog = QApplication::activeModalWidget();
            if (dialog) {
                dialog->grab().save(out + QLatin1Char('/') + file);
                dialog->close();
            }
        });
    };
    QTemporaryDir dir;
    tabs->setCurrentWidget(window.servicesPage());
    window.findChild<QAction*>(QStringLiteral("newAction"))->trigger();
    window.document()->editor().addService(QStringLiteral("inventory"),
                                           QStringLiteral(PORTCULLIS_SOURCE_DIR "/resources/demo/demo-openapi.yaml"),
                                           controller.status().services.first().backendUrl.toString());
    window.document()->saveAs(dir.filePath(QStringLiteral("inventory.json")));
    QTRY_COMPARE(window.servicesPage()->currentServiceName(), QStringLiteral("inventory"));
    grabDialog(QStringLiteral("api-key-dialog.png"));
    window.findChild<QAction*>(QStringLiteral("generateApiKeyAction"))->trigger();
    QTest::qWait(100);
    QVERIFY(window.grab().save(out + QStringLiteral("/unsaved-workspace.png")));

    // The Configure tab, one PNG per page, at a laptop size.
    window.resize(1280, 720);
    tabs->setCurrentWidget(window.configurePage());
    Portcullis::ConfigurePage* configure = window.configurePage();
    const char* const pages[] = {"configure-general.png", "configure-endpoint-security.png",
                                 "configure-backend-secret.png", "configure-connect-client.png"};
    QTRY_VERIFY(window.findChild<QTableView*>(QStringLiteral("toolPreviewTableView"))->model()->rowCount() > 0);
    window.findChild<QTableView*>(QStringLiteral("toolPreviewTableView"))->selectRow(0);
    for (int i = 0; i < 4; ++i) {
        configure->setCurrentPageIndex(i);
        QTest::qWait(150);
        QVERIFY(window.grab().save(out + QLatin1Char('/') + QLatin1String(pages[i])));
    }
    configure->setCurrentPageIndex(1);
    window.findChild<QRadioButton*>(QStringLiteral("oauth2RadioButton"))->click();
    window.findChild<QPushButton*>(QStringLiteral("addAuthorizationServerButton"))->click();
    auto* servers = window.findChild<QListWidget*>(QStringLiteral("authorizationServersListWidget"));
    servers->closePersistentEditor(servers->item(0));
    servers->item(0)->setText(QStringLiteral("https://login.example.com/realms/tools"));
    QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("requiredScopesLineEdit")),
                     QStringLiteral("mcp:read"));
    auto* toolScopes = window.findChild<QTableView*>(QStringLiteral("toolScopesTableView"))->model();
    if (toolScopes->rowCount() > 0)
        toolScopes->setData(toolScopes->index(0, 1), QStringLiteral("forecast:write"));
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-endpoint-security-oauth2.png")));
    window.findChild<QRadioButton*>(QStringLiteral("noneRadioButton"))->click();
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-endpoint-security-none.png")));
    configure->setCurrentPageIndex(2);
    window.findChild<QComboBox*>(QStringLiteral("backendKindComboBox"))->setCurrentIndex(1);
    QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("usernameLineEdit")), QStringLiteral("alice"));
    QTest::keyClicks(window.findChild<QLineEdit*>(QStringLiteral("backendSecretLineEdit")), QStringLiteral("pw"));
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-backend-secret-basic-typing.png")));
    window.findChild<QPushButton*>(QStringLiteral("backendStoreButton"))->click();
    QTRY_VERIFY(window.findChild<QLabel*>(QStringLiteral("backendStoredLabel"))->isVisible());
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-backend-secret-stored.png")));
    window.findChild<QComboBox*>(QStringLiteral("backendKindComboBox"))->setCurrentIndex(3);
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-backend-secret-certificate.png")));
    window.findChild<QComboBox*>(QStringLiteral("backendKindComboBox"))->setCurrentIndex(6);
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-backend-secret-elicited-oauth2.png")));
    configure->setCurrentPageIndex(0);
    auto* baseUrl = configure->findChild<QLineEdit*>(QStringLiteral("baseUrlLineEdit"));
    const QString goodUrl = baseUrl->text();
    baseUrl->setText(QStringLiteral("ftp://backend"));
    QTest::qWait(150);
    QVERIFY(window.grab().save(out + QStringLiteral("/configure-invalid-field.png")));
    baseUrl->setText(goodUrl);
    grabDialog(QStringLiteral("rename-service-dialog.png"));
    window.findChild<QPushButton*>(QStringLiteral("renameServiceButton"))->click();
    grabDialog(QStringLiteral("remove-service-dialog.png"));
    window.findChild<QPushButton*>(QStringLiteral("removeServiceButton"))->click();
    window.resize(1100, 640);
    tabs->setCurrentWidget(window.servicesPage());
    grabDialog(QStringLiteral("add-service-dialog.png"));
    window.findChild<QAction*>(QStringLiteral("addServiceAction"))->trigger();
    grabDialog(QStringLiteral("unsaved-changes-dialog.png"));
    const QString broken
        = writeFile(dir, QStringLiteral("broken.json"), "{\n  \"version\": 1,\n  \"services\": [,]\n}\n");
    window.findChild<QAction*>(QStringLiteral("newAction"))->trigger();
    window.openWorkspace(broken);
    tabs->setCurrentWidget(window.servicesPage());
    QTest::qWait(300);
    QVERIFY(window.grab().save(out + QStringLiteral("/broken-workspace.png")));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
