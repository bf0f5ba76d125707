// SPDX-License-Identifier: GPL-3.0-or-later
// The Configure tab as a new user drives it (widgets found by object name, offscreen): a workspace,
// the demo document as a service, then API key, OAuth2 or a Basic backend secret in the keychain;
// each time a real MCP client calls the saved service over a real socket.
#include "FakeAuthorizationServer.h"
#include "FaultBackend.h"
#include "RawHttpClient.h"
#include "TestJwtIssuer.h"

#include "MainWindow.h"
#include "WorkspaceDocument.h"
#include "core/GatewayController.h"
#include "models/ToolPreviewModel.h"
#include "models/ToolScopesModel.h"
#include "models/TrafficLogModel.h"
#include "openapi/OpenApiImporter.h"
#include "pages/ConfigurePage.h"
#include "pages/ConnectClientPage.h"
#include "pages/EndpointSecurityPage.h"
#include "pages/ServiceGeneralPage.h"
#include "pages/TrafficLogPage.h"
#include "secrets/MemorySecretStore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using Gateway::GatewayController;
using Portcullis::MainWindow;
using TestSupport::RawResponse;

namespace {

const QString kDemoDocument = QStringLiteral(PORTCULLIS_SOURCE_DIR "/resources/demo/demo-openapi.yaml");

GatewayController::Options memoryStore()
{
    GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    return options;
}

QByteArray post(quint16 port, const QByteArray& service, const QByteArray& body, const QByteArray& extraHeaders)
{
    return "POST /mcp/" + service + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" + extraHeaders
        + "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// A real MCP client exchange (2025-11-25 revision): initialize, initialized, tools/call getForecast.
// Returns the tools/call response; `initStatus` receives the initialize status.
RawResponse mcpCallBlocking(quint16 port, const QByteArray& service, const QByteArray& authHeader, int* initStatus)
{
    const QByteArray init = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":)"
                            R"("2025-11-25","capabilities":{},"clientInfo":{"name":"tst","version":"1"}}})";
    const RawResponse initialized = TestSupport::rawExchange(port, post(port, service, init, authHeader)).value(0);
    *initStatus = initialized.status;
    if (initialized.status != 200)
        return initialized;
    QByteArray session = initialized.header("Mcp-Session-Id");
    const QByteArray headers = authHeader + "MCP-Protocol-Version: 2025-11-25\r\n"
        + (session.isEmpty() ? "" : "Mcp-Session-Id: " + session + "\r\n");
    TestSupport::rawExchange(port,
                             post(port, service, R"({"jsonrpc":"2.0","method":"notifications/initialized"})", headers));
    const QByteArray call = R"({"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"getForecast",)"
                            R"("arguments":{"city":"Lisbon"}}})";
    return TestSupport::rawExchange(port, post(port, service, call, headers)).value(0);
}

// The same from a worker thread while this thread keeps its event loop running: the loopback
// authorization server of a test lives on this thread and must answer the gateway meanwhile.
RawResponse mcpCall(quint16 port, const QByteArray& service, const QByteArray& authHeader, int* initStatus)
{
    QFuture<RawResponse> future
        = QtConcurrent::run([=] { return mcpCallBlocking(port, service, authHeader, initStatus); });
    while (!future.isFinished())
        QTest::qWait(10);
    return future.result();
}

// Adds the demo document as a service through the Add Service dialog.
void addDemoService(MainWindow& window, const QString& backendUrl, bool* done)
{
    QTimer::singleShot(0, [&window, backendUrl, done] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("addServiceDialog"));
        dialog->findChild<QLineEdit*>(QStringLiteral("openApiLineEdit"))->setText(kDemoDocument);
        auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("serviceNameLineEdit"));
        name->clear();
        QTest::keyClicks(name, QStringLiteral("weather"));
        QTest::keyClicks(dialog->findChild<QLineEdit*>(QStringLiteral("baseUrlLineEdit")), backendUrl);
        *done = true;
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    window.findChild<QPushButton*>(QStringLiteral("addServiceButton"))->click();
}

template <typename T> T* child(QWidget& window, const char* name)
{
    T* widget = window.findChild<T*>(QLatin1String(name));
    if (!widget)
        qWarning("no widget named %s", name);
    return widget;
}

QJsonObject savedService(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("services")).toArray().at(0).toObject();
}

} // namespace

class TestConfigurePage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void toolPreviewModelUnderTester();
    void toolScopesModelUnderTester();
    void previewRunsOffTheWindowThread();
    void invalidInputShownNextToTheFieldAndSaveRefused();
    void apiKeyEndToEnd();
    void oauth2SettingsEndToEnd();
    void basicSecretLandsInKeychainAndReachesBackend();
    void droppedDocumentOpensAddService();

private:
    // New workspace served on a free port, saved to `path`, with the demo document as "weather".
    void createWorkspace(GatewayController& controller, MainWindow& window, const QString& path,
                         const QString& backendUrl);
};

void TestConfigurePage::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a test location
    QCoreApplication::setOrganizationName(QStringLiteral("portcullis-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_configurepage"));
}

void TestConfigurePage::toolPreviewModelUnderTester()
{
    Portcullis::ToolPreviewModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const Gateway::OpenApiImportResult result = Gateway::OpenApiImporter::importFile(kDemoDocument);
    QVERIFY2(result.ok, qPrintable(result.error));
    model.setTools(result.tools);
    QCOMPARE(model.rowCount(), result.tools.size());
    QVERIFY(model.toolNames().contains(QStringLiteral("getForecast")));
    const QModelIndex first = model.index(0, Portcullis::ToolPreviewModel::NameColumn);
    QVERIFY(first.data(Portcullis::ToolPreviewModel::SchemaRole).toString().contains(QStringLiteral("\"type\"")));
    model.setTools({});
    QCOMPARE(model.rowCount(), 0);
    model.setTools(result.tools);
}

void TestConfigurePage::toolScopesModelUnderTester()
{
    Portcullis::ToolScopesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setContent({QStringLiteral("a"), QStringLiteral("b")}, {{QStringLiteral("gone"), {QStringLiteral("x")}}});
    QCOMPARE(model.rowCount(), 3); // the scoped name the document lost is kept, marked
    QVERIFY(model.index(2, 0).data(Qt::ToolTipRole).isValid());
    QSignalSpy edited(&model, &Portcullis::ToolScopesModel::scopesEdited);
    QVERIFY(!model.setData(model.index(0, Portcullis::ToolScopesModel::ToolColumn), QStringLiteral("x")));
    QVERIFY(model.setData(model.index(1, Portcullis::ToolScopesModel::ScopesColumn), QStringLiteral(" s1  s2 ")));
    QCOMPARE(edited.count(), 1);
    QCOMPARE(model.scopes().value(QStringLiteral("b")), (QStringList{QStringLiteral("s1"), QStringLiteral("s2")}));
    QVERIFY(model.setData(model.index(1, Portcullis::ToolScopesModel::ScopesColumn), QString()));
    QVERIFY(!model.scopes().contains(QStringLiteral("b")));
    model.setContent({}, {});
    QCOMPARE(model.rowCount(), 0);
}

void TestConfigurePage::createWorkspace(GatewayController& controller, MainWindow& window, const QString& path,
                                        const QString& backendUrl)
{
    controller.listen(QStringLiteral("127.0.0.1:0"));
    window.findChild<QAction*>(QStringLiteral("newAction"))->trigger();
    QTRY_VERIFY(controller.status().listening && controller.status().configured);
    bool added = false;
    addDemoService(window, backendUrl, &added);
    QVERIFY(added);
    auto* tabs = child<QTabWidget>(window, "mainTabWidget");
    QCOMPARE(tabs->currentWidget(), window.configurePage());
    QCOMPARE(window.configurePage()->currentService(), QStringLiteral("weather"));
    QVERIFY2(window.document()->saveAs(path), qPrintable(window.document()->lastError()));
    QTRY_COMPARE(controller.status().services.size(), 1);
}

void TestConfigurePage::previewRunsOffTheWindowThread()
{
    QTemporaryDir dir;
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    createWorkspace(controller, window, dir.filePath(QStringLiteral("w.json")), QStringLiteral("http://127.0.0.1:9"));
    auto* table = child<QTableView>(window, "toolPreviewTableView");
    QTRY_VERIFY(table->model()->rowCount() > 0);
    const int all = table->model()->rowCount();
    // Exclude one tool: the preview follows (the import runs on a worker, the window keeps going).
    QTest::keyClicks(child<QPlainTextEdit>(window, "excludeEdit"), QStringLiteral("getForecast"));
    QVERIFY(window.configurePage()->generalPage()->isImporting());
    QTRY_COMPARE(table->model()->rowCount(), all - 1);
    QCOMPARE(window.document()->editor().value(QStringLiteral("$.services[0].exclude")).toArray().size(), 1);
    table->selectRow(0);
    QVERIFY(child<QPlainTextEdit>(window, "inputSchemaEdit")->toPlainText().contains(QStringLiteral("properties")));
    // Tool naming changes the names in the preview.
    child<QComboBox>(window, "toolNamingComboBox")->setCurrentIndex(2);
    QTRY_VERIFY(table->model()->index(0, 0).data().toString().contains(QLatin1Char('_')));
    QCOMPARE(window.document()->editor().value(QStringLiteral("$.services[0].toolNaming")).toString(),
             QStringLiteral("verbPath"));
}

void TestConfigurePage::invalidInputShownNextToTheFieldAndSaveRefused()
{
    QTemporaryDir dir;
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    createWorkspace(controller, window, dir.filePath(QStringLiteral("w.json")), QStringLiteral("http://127.0.0.1:9"));
    auto* baseUrl = window.configurePage()->generalPage()->findChild<QLineEdit*>(QStringLiteral("baseUrlLineEdit"));
    baseUrl->clear();
    QTest::keyClicks(baseUrl, QStringLiteral("ftp://example"));
    auto* error = child<QLabel>(window, "error_baseUrl");
    QVERIFY(error->isVisible());
    QVERIFY2(error->text().contains(QStringLiteral("http")), qPrintable(error->text()));
    QVERIFY(child<QLabel>(window, "validationLabel")->isVisible());
    QVERIFY(!window.document()->save());
    QVERIFY(window.document()->lastError().contains(QStringLiteral("baseUrl")));

    // API key mode without a key: explained under the key, on the security page.
    baseUrl->clear();
    QTest::keyClicks(baseUrl, QStringLiteral("http://127.0.0.1:9"));
    QVERIFY(!error->isVisible());
    child<QRadioButton>(window, "apiKeyRadioButton")->click();
    QVERIFY(child<QLabel>(window, "error_security_apiKeyHashes")->isVisibleTo(window.configurePage()->securityPage())
            || child<QLabel>(window, "error_security")->isVisibleTo(window.configurePage()->securityPage()));
    QVERIFY(!window.document()->save());
    child<QRadioButton>(window, "noneRadioButton")->click();
    QVERIFY(child<QLabel>(window, "noSecurityWarningLabel")->isVisibleTo(window.configurePage()->securityPage()));
    QVERIFY2(window.document()->save(), qPrintable(window.document()->lastError()));
}

void TestConfigurePage::apiKeyEndToEnd()
{
    TestSupport::FaultBackend backend;
    QVERIFY(backend.start().isValid());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.json"));
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    createWorkspace(controller, window, path, backend.baseUrl().toString());
    window.configurePage()->setCurrentPageIndex(1);
    child<QRadioButton>(window, "apiKeyRadioButton")->click();
    QCOMPARE(child<QLabel>(window, "apiKeyIdsLabel")->text(), QStringLiteral("No key yet"));

    QString key;
    QTimer::singleShot(0, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("apiKeyDialog"));
        key = dialog->findChild<QLineEdit*>(QStringLiteral("apiKeyLineEdit"))->text();
        dialog->accept();
    });
    child<QPushButton>(window, "generateApiKeyButton")->click();
    QVERIFY(key.startsWith(QStringLiteral("rshp_")));
    // Afterwards only the key's id is shown.
    const QString ids = child<QLabel>(window, "apiKeyIdsLabel")->text();
    QVERIFY(!ids.isEmpty() && !key.contains(ids) && ids != QStringLiteral("No key yet"));
    QVERIFY(!child<QLabel>(window, "validationLabel")->isVisible());

    // The client snippet has the header placeholder, never the key.
    window.configurePage()->setCurrentPageIndex(3);
    const QString snippet = child<QPlainTextEdit>(window, "mcpJsonEdit")->toPlainText();
    QVERIFY(snippet.contains(QStringLiteral("x-reshapr-key")));
    QVERIFY(!snippet.contains(key));
    const quint64 generation = controller.status().configGeneration;
    window.findChild<QAction*>(QStringLiteral("saveAction"))->trigger();
    QTRY_VERIFY(controller.status().configGeneration > generation);
    QCOMPARE(controller.status().services.first().securityMode, QStringLiteral("apiKey"));
    const QString endpoint = child<QLineEdit>(window, "connectEndpointLineEdit")->text();
    QCOMPARE(endpoint, controller.status().services.first().endpointUrl.toString());

    const quint16 port = quint16(controller.status().baseUrl.port());
    int initStatus = 0;
    mcpCall(port, "weather", QByteArray(), &initStatus);
    QCOMPARE(initStatus, 401);
    const RawResponse call = mcpCall(port, "weather", "x-reshapr-key: " + key.toLatin1() + "\r\n", &initStatus);
    QCOMPARE(initStatus, 200);
    QCOMPARE(call.status, 200);
    QVERIFY2(call.body.contains("fault-backend"), call.body.constData());
    QCOMPARE(backend.requestCount(), 1);

    // The call shows in the traffic view.
    const Portcullis::TrafficLogModel* traffic = window.trafficLogPage()->model();
    QTRY_VERIFY(traffic->rowCount() > 0);
    bool seen = false;
    for (int row = 0; row < traffic->rowCount() && !seen; ++row)
        seen = traffic->index(row, Portcullis::TrafficLogModel::Tool).data().toString() == QLatin1String("getForecast");
    QVERIFY(seen);
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains(key.toLatin1()));
}

void TestConfigurePage::oauth2SettingsEndToEnd()
{
    TestSupport::FaultBackend backend;
    QVERIFY(backend.start().isValid());
    TestSupport::FakeAuthorizationServer as;
    QVERIFY(as.start());
    const TestSupport::TestKey signingKey = TestSupport::TestKey::rsa();
    as.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), as.baseUrl());
    as.setJwks(QJsonArray{signingKey.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.json"));
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    createWorkspace(controller, window, path, backend.baseUrl().toString());
    window.configurePage()->setCurrentPageIndex(1);
    child<QRadioButton>(window, "oauth2RadioButton")->click();
    QVERIFY(child<QWidget>(window, "oauth2GroupBox")->isVisible());
    child<QPushButton>(window, "addAuthorizationServerButton")->click();
    auto* servers = child<QListWidget>(window, "authorizationServersListWidget");
    QCOMPARE(servers->count(), 1);
    servers->closePersistentEditor(servers->item(0));
    servers->item(0)->setText(as.baseUrl());
    QTest::keyClicks(child<QLineEdit>(window, "requiredScopesLineEdit"), QStringLiteral("mcp:read"));
    child<QCheckBox>(window, "allowLoopbackIssuersCheckBox")->click();
    // Per-tool scopes: the table lists the document's tools.
    auto* scopes = child<QTableView>(window, "toolScopesTableView");
    QTRY_VERIFY(scopes->model()->rowCount() > 0);
    int row = -1;
    for (int r = 0; r < scopes->model()->rowCount(); ++r)
        if (scopes->model()->index(r, 0).data().toString() == QLatin1String("getForecast"))
            row = r;
    QVERIFY(row >= 0);
    QVERIFY(scopes->model()->setData(scopes->model()->index(row, 1), QStringLiteral("forecast:read")));
    const QString resource = child<QLineEdit>(window, "resourceUrlLineEdit")->text();
    QCOMPARE(resource, controller.status().services.first().endpointUrl.toString());

    const quint64 generation = controller.status().configGeneration;
    window.findChild<QAction*>(QStringLiteral("saveAction"))->trigger();
    QTRY_VERIFY(controller.status().configGeneration > generation);
    const QJsonObject security = savedService(path).value(QLatin1String("security")).toObject();
    QCOMPARE(security.value(QLatin1String("mode")).toString(), QStringLiteral("oauth2"));
    QCOMPARE(security.value(QLatin1String("authorizationServers")).toArray(), QJsonArray{as.baseUrl()});
    QCOMPARE(security.value(QLatin1String("requiredScopes")).toArray(), QJsonArray{QStringLiteral("mcp:read")});
    QCOMPARE(security.value(QLatin1String("toolScopes")).toObject().value(QLatin1String("getForecast")).toArray(),
             QJsonArray{QStringLiteral("forecast:read")});
    QCOMPARE(security.value(QLatin1String("allowLoopbackHttpIssuers")).toBool(), true);

    // A token from that authorization server for this endpoint.
    auto bearer = [&](const QString& scope) {
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QJsonObject claims{{QStringLiteral("iss"), as.baseUrl()},
                                 {QStringLiteral("sub"), QStringLiteral("alice")},
                                 {QStringLiteral("aud"), resource},
                                 {QStringLiteral("iat"), now},
                                 {QStringLiteral("exp"), now + 300},
                                 {QStringLiteral("scope"), scope},
                                 {QStringLiteral("client_id"), QStringLiteral("tst")}};
        const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                                 {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                                 {QStringLiteral("kid"), QStringLiteral("k1")}};
        return "Authorization: Bearer " + TestSupport::makeToken(header, claims, signingKey) + "\r\n";
    };
    const quint16 port = quint16(controller.status().baseUrl.port());
    int initStatus = 0;
    mcpCall(port, "weather", QByteArray(), &initStatus);
    QCOMPARE(initStatus, 401);
    RawResponse call = mcpCall(port, "weather", bearer(QStringLiteral("mcp:read")), &initStatus);
    QCOMPARE(initStatus, 200);
    QCOMPARE(call.status, 403); // the per-tool scope is missing
    QCOMPARE(backend.requestCount(), 0);
    call = mcpCall(port, "weather", bearer(QStringLiteral("mcp:read forecast:read")), &initStatus);
    QCOMPARE(call.status, 200);
    QVERIFY2(call.body.contains("fault-backend"), call.body.constData());
    QCOMPARE(backend.requestCount(), 1);
}

void TestConfigurePage::basicSecretLandsInKeychainAndReachesBackend()
{
    TestSupport::FaultBackend backend;
    QVERIFY(backend.start().isValid());
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("w.json"));
    GatewayController controller; // the OS keychain
    MainWindow window(&controller);
    window.show();
    createWorkspace(controller, window, path, backend.baseUrl().toString());
    window.configurePage()->setCurrentPageIndex(2);
    child<QComboBox>(window, "backendKindComboBox")->setCurrentIndex(1); // Basic
    QVERIFY(child<QLineEdit>(window, "usernameLineEdit")->isVisible());
    QVERIFY(!child<QLineEdit>(window, "headerNameLineEdit")->isVisible());
    QTest::keyClicks(child<QLineEdit>(window, "usernameLineEdit"), QStringLiteral("alice"));
    const QByteArray canary = "s3cret-canary-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
    auto* secret = child<QLineEdit>(window, "backendSecretLineEdit");
    QCOMPARE(secret->echoMode(), QLineEdit::Password);
    QTest::keyClicks(secret, QString::fromLatin1(canary));
    child<QPushButton>(window, "backendStoreButton")->click();
    QVERIFY(secret->text().isEmpty()); // handed over, not kept in the widget
    auto* stored = child<QLabel>(window, "backendStoredLabel");
    auto* problem = child<QLabel>(window, "backendProblemLabel");
    QTRY_VERIFY_WITH_TIMEOUT(stored->isVisible() || problem->isVisible(), 20000); // the keychain answers within 15 s
    if (problem->isVisible()) {
        if (qEnvironmentVariableIsSet("PORTCULLIS_REQUIRE_KEYCHAIN"))
            QFAIL(qPrintable(problem->text()));
        // The page explains a missing keychain; run under dbus-run-session + gnome-keyring to go on.
        QVERIFY(problem->text().contains(QStringLiteral("keychain")));
        QSKIP("no OS keychain in this session");
    }
    QVERIFY(stored->text().contains(QStringLiteral("keychain")));
    QVERIFY(!stored->text().contains(QString::fromLatin1(canary)));
    QCOMPARE(window.document()->editor().value(QStringLiteral("$.services[0].backendAuth.secretRef")).toString(),
             QStringLiteral("keychain:portcullis/weather/backend-secret"));

    const quint64 generation = controller.status().configGeneration;
    window.findChild<QAction*>(QStringLiteral("saveAction"))->trigger();
    QTRY_VERIFY(controller.status().configGeneration > generation);
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QVERIFY(!saved.readAll().contains(canary));

    const quint16 port = quint16(controller.status().baseUrl.port());
    int initStatus = 0;
    const RawResponse call = mcpCall(port, "weather", QByteArray(), &initStatus);
    QCOMPARE(call.status, 200);
    QCOMPARE(backend.requestCount(), 1);
    QCOMPARE(backend.requests().first().header("Authorization"), "Basic " + ("alice:" + canary).toBase64());
    QVERIFY(!call.body.contains(canary));

    // Remove deletes the keychain entry and the reference.
    child<QPushButton>(window, "backendRemoveButton")->click();
    QTRY_VERIFY(child<QLineEdit>(window, "backendSecretLineEdit")->isVisible());
    QVERIFY(window.document()->editor().value(QStringLiteral("$.services[0].backendAuth.secretRef")).isUndefined());
}

void TestConfigurePage::droppedDocumentOpensAddService()
{
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    window.findChild<QAction*>(QStringLiteral("newAction"))->trigger();
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kDemoDocument)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QString proposed;
    QTimer::singleShot(100, [&] {
        auto* dialog = qobject_cast<QDialog*>(QApplication::activeModalWidget());
        QVERIFY(dialog && dialog->objectName() == QLatin1String("addServiceDialog"));
        proposed = dialog->findChild<QLineEdit*>(QStringLiteral("openApiLineEdit"))->text();
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
    });
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QTRY_COMPARE(proposed, kDemoDocument);
    QTRY_COMPARE(window.configurePage()->currentService(), QStringLiteral("demo-openapi"));
    QVERIFY(window.isWindowModified());
}

QTEST_MAIN(TestConfigurePage)
#include "tst_configurepage.moc"
