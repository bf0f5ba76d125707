// SPDX-License-Identifier: GPL-3.0-or-later
// The window's diagnostics, stored credentials and secure demo, reached only through the queued
// GatewayController (the gateway on its own thread), driven by object name against real servers on
// loopback: the secure demo's authorization server and bearer-protected backend, a scripted person
// completing the elicited OAuth flow in its own "browser", and FakeAuthorizationServer for the doctor.
#include "FakeAuthorizationServer.h"
#include "RawHttpClient.h"
#include "ScriptedBrowser.h"
#include "TestJwtIssuer.h"

#include "MainWindow.h"
#include "core/GatewayController.h"
#include "dialogs/SecureDemoDialog.h"
#include "models/StoredCredentialModel.h"
#include "models/TrafficLogModel.h"
#include "pages/ConfigurePage.h"
#include "pages/ConnectionDoctorPage.h"
#include "pages/EndpointSecurityPage.h"
#include "pages/StoredCredentialsPage.h"
#include "pages/TokenInspectorPage.h"
#include "pages/TrafficLogPage.h"
#include "secrets/MemorySecretStore.h"
#include "widgets/TrafficDetailPane.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>

using Gateway::GatewayController;
using Portcullis::MainWindow;

namespace {

GatewayController::Options memoryStore()
{
    GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    return options;
}

QString field(const QString& guide, const QString& label)
{
    const QRegularExpression re(QRegularExpression::escape(label) + QStringLiteral(":\\s+(\\S+)"));
    return re.match(guide).captured(1);
}

// A 2026-07-28 tools/call of the secure demo's listItems, from a client that declared URL elicitation.
QByteArray toolCall(const QUrl& endpoint, const QByteArray& token)
{
    const QByteArray body = R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"listItems",)"
                            R"("arguments":{},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
                            R"("io.modelcontextprotocol/clientCapabilities":{"elicitation":{"url":{}}}}}})";
    return "POST " + endpoint.path().toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(endpoint.port())
        + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: listItems\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

struct DemoInfo
{
    QUrl endpoint;
    QUrl issuer;
    QString clientId;
    QString secret;
};

DemoInfo readGuide(const QString& guide)
{
    return {QUrl(field(guide, QStringLiteral("MCP endpoint"))),
            QUrl(field(guide, QStringLiteral("Authorization server"))), field(guide, QStringLiteral("Agent client id")),
            field(guide, QStringLiteral("Agent client secret"))};
}

// An agent token from the demo authorization server (client credentials).
QByteArray agentToken(const DemoInfo& demo)
{
    const QByteArray form = "grant_type=client_credentials&scope=mcp%3Atools&resource="
        + QUrl::toPercentEncoding(demo.endpoint.toString());
    const QByteArray request = "POST /token HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(demo.issuer.port())
        + "\r\nAuthorization: Basic " + (demo.clientId + QLatin1Char(':') + demo.secret).toUtf8().toBase64()
        + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + QByteArray::number(form.size())
        + "\r\n\r\n" + form;
    const auto answer = TestSupport::rawExchange(quint16(demo.issuer.port()), request);
    if (answer.size() != 1 || answer.first().status != 200)
        return {};
    return QJsonDocument::fromJson(answer.first().body)
        .object()
        .value(QLatin1String("access_token"))
        .toString()
        .toLatin1();
}

QByteArray callTool(const DemoInfo& demo, const QByteArray& token)
{
    const auto answer
        = TestSupport::rawExchange(quint16(demo.endpoint.port()), toolCall(demo.endpoint, token), 1, 10000);
    return answer.isEmpty() ? QByteArray() : answer.first().body;
}

QUrl elicitationLink(const QByteArray& answer)
{
    return QUrl(QRegularExpression(QStringLiteral("http://127\\.0\\.0\\.1:\\d+/elicit/[A-Za-z0-9_-]+"))
                    .match(QString::fromUtf8(answer))
                    .captured(0));
}

// The scripted person opens the link in their own browser and presses Continue; the demo server
// signs in its demo user and redirects back to the gateway's callback.
int completeOAuthElicitation(const QUrl& link)
{
    TestSupport::ScriptedBrowser person;
    const TestSupport::BrowserPage intro = person.get(link);
    if (intro.status != 200)
        return intro.status;
    return person.submit(intro, QStringLiteral("continue")).status;
}

} // namespace

class tst_MainWindowDiagnostics : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void secureDemoTokenInspectorAndStoredCredentials();
    void checkButtonRunsTheDoctor_data();
    void checkButtonRunsTheDoctor();
    void screenshots();
};

void tst_MainWindowDiagnostics::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("portcullis-tests"));
}

void tst_MainWindowDiagnostics::secureDemoTokenInspectorAndStoredCredentials()
{
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    tabs->setCurrentIndex(0);

    // Help ▸ Start Secure Demo: the demo runs on the gateway thread and its guide shows in a dialog.
    window.findChild<QAction*>(QStringLiteral("startSecureDemoAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.secureDemoDialog(), 15000);
    auto* guideText = window.secureDemoDialog()->findChild<QPlainTextEdit*>(QStringLiteral("secureDemoGuideText"));
    QVERIFY(guideText);
    const DemoInfo demo = readGuide(guideText->toPlainText());
    const QUrl endpoint = demo.endpoint;
    const QString clientId = demo.clientId;
    QCOMPARE(endpoint.path(), QStringLiteral("/mcp/secure-demo"));
    QCOMPARE(endpoint.port(), controller.status().baseUrl.port());
    QCOMPARE(demo.issuer.host(), QStringLiteral("127.0.0.1"));
    QVERIFY(!clientId.isEmpty() && demo.secret.size() >= 32);
    QTRY_VERIFY(controller.status().services.size() == 1);
    window.secureDemoDialog()->close();
    const QByteArray token = agentToken(demo);
    QVERIFY(!token.isEmpty());

    // Token inspector through the controller: the gateway's own verdict, valid then a bad signature.
    window.inspectToken(QStringLiteral("secure-demo"));
    auto* diagnostics = window.findChild<QTabWidget*>(QStringLiteral("diagnosticsTabWidget"));
    QCOMPARE(diagnostics->currentWidget(), window.tokenInspectorPage());
    auto* tokenEdit = window.tokenInspectorPage()->findChild<QPlainTextEdit*>(QStringLiteral("tokenEdit"));
    QVERIFY(tokenEdit->toPlainText().isEmpty());
    QCOMPARE(window.tokenInspectorPage()->currentService(), QStringLiteral("secure-demo"));
    tokenEdit->setPlainText(QString::fromLatin1(token));
    auto* verdict = window.tokenInspectorPage()->findChild<QLabel*>(QStringLiteral("tokenVerdictLabel"));
    auto* check = window.tokenInspectorPage()->findChild<QPushButton*>(QStringLiteral("tokenCheckButton"));
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY2_WITH_TIMEOUT(!verdict->text().contains(QStringLiteral("Asking")), qPrintable(verdict->text()), 10000);
    const QString accepted = verdict->text();
    QVERIFY2(!accepted.contains(QStringLiteral("refuse"), Qt::CaseInsensitive), qPrintable(accepted));
    tokenEdit->setPlainText(QString::fromLatin1(token.left(token.lastIndexOf('.'))) + QStringLiteral(".AAAA"));
    QTest::mouseClick(check, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!verdict->text().contains(QStringLiteral("Asking")), 10000);
    QVERIFY2(verdict->text() != accepted, qPrintable(verdict->text()));
    QVERIFY(!verdict->text().contains(QString::fromLatin1(token)));

    // The agent calls a tool: the backend wants the person's own token, so the gateway elicits it.
    auto call = [&] { return callTool(demo, token); };
    const QByteArray first = call();
    QVERIFY2(first.contains("input_required"), first.constData());
    const QUrl link = elicitationLink(first);
    QVERIFY(link.isValid() && !link.isEmpty());

    // The stored-credentials page lists nothing yet, then the person's token once the flow is done.
    Portcullis::StoredCredentialModel* model = window.storedCredentialsPage()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    window.storedCredentialsPage()->setConfirmRevocations(false);
    tabs->setCurrentWidget(window.storedCredentialsPage());
    QTest::qWait(200);
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(completeOAuthElicitation(link), 200);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000); // the "completed" event makes the page list again
    auto text = [model](int column) { return model->index(0, column).data().toString(); };
    QCOMPARE(text(Portcullis::StoredCredentialModel::Service), QStringLiteral("secure-demo"));
    QVERIFY(text(Portcullis::StoredCredentialModel::Person).endsWith(clientId)); // "<iss> <sub>" of the agent's token
    QCOMPARE(text(Portcullis::StoredCredentialModel::Kind), QStringLiteral("OAuth 2.0 token"));
    QVERIFY2(text(Portcullis::StoredCredentialModel::Expires).startsWith(QStringLiteral("in ")), qPrintable(text(4)));
    QCOMPARE(text(Portcullis::StoredCredentialModel::Stored), QStringLiteral("Memory only"));
    for (int column = 0; column < model->columnCount(); ++column)
        QVERIFY(!text(column).contains(QLatin1String("eyJ"))); // no token, not even a JWT prefix
    QVERIFY2(call().contains("\"result\""), "the retried call succeeds with the stored token");

    // Revoke: gone from the list, and the next call asks the person again.
    auto* view = window.storedCredentialsPage()->findChild<QTreeView*>(QStringLiteral("storedCredentialsView"));
    view->setCurrentIndex(model->index(0, 0));
    auto* revoke = window.storedCredentialsPage()->findChild<QPushButton*>(QStringLiteral("revokeCredentialButton"));
    QVERIFY(revoke->isEnabled());
    QTest::mouseClick(revoke, Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 10000);
    QVERIFY(window.storedCredentialsPage()
                ->findChild<QLabel*>(QStringLiteral("storedCredentialsStatusLabel"))
                ->text()
                .contains(QStringLiteral("Revoked")));
    const QByteArray again = call();
    QVERIFY2(again.contains("input_required"), again.constData());

    // Revoke All: the person completes the flow again, then every service's credentials go.
    QCOMPARE(completeOAuthElicitation(elicitationLink(again)), 200);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
    QTest::mouseClick(
        window.storedCredentialsPage()->findChild<QPushButton*>(QStringLiteral("revokeAllCredentialsButton")),
        Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 0, 10000);
    QVERIFY(call().contains("input_required"));

    // "Inspect Token" in the traffic detail pane opens the inspector with an empty paste box: the
    // captured Authorization value is redacted and stays so.
    tabs->setCurrentWidget(window.trafficLogPage());
    auto* trafficView = window.findChild<QTreeView*>(QStringLiteral("trafficTreeView"));
    QTRY_VERIFY(trafficView->model()->rowCount() > 0);
    int mcpRow = -1;
    for (int row = 0; row < trafficView->model()->rowCount() && mcpRow < 0; ++row) {
        if (trafficView->model()->index(row, 0).data(Portcullis::TrafficLogModel::IdRole).isValid()
            && window.trafficLogPage()
                    ->model()
                    ->eventById(
                        trafficView->model()->index(row, 0).data(Portcullis::TrafficLogModel::IdRole).toULongLong())
                    ->service
                == QLatin1String("secure-demo"))
            mcpRow = row;
    }
    QVERIFY(mcpRow >= 0);
    trafficView->setCurrentIndex(trafficView->model()->index(mcpRow, 0));
    tokenEdit->setPlainText(QStringLiteral("left over"));
    QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("inspectTokenButton")), Qt::LeftButton);
    QCOMPARE(tabs->currentWidget(), diagnostics);
    QCOMPARE(diagnostics->currentWidget(), window.tokenInspectorPage());
    QVERIFY(diagnostics->isVisible());
    QVERIFY(tokenEdit->toPlainText().isEmpty());
    QCOMPARE(window.tokenInspectorPage()->currentService(), QStringLiteral("secure-demo"));
}

void tst_MainWindowDiagnostics::checkButtonRunsTheDoctor_data()
{
    QTest::addColumn<bool>("wrongIssuer");
    QTest::addColumn<QString>("summary");
    QTest::newRow("good") << false << QStringLiteral("All checks passed");
    QTest::newRow("wrong issuer") << true << QStringLiteral("failed");
}

void tst_MainWindowDiagnostics::checkButtonRunsTheDoctor()
{
    QFETCH(bool, wrongIssuer);
    QFETCH(QString, summary);
    TestSupport::FakeAuthorizationServer as;
    QVERIFY(as.start());
    const TestSupport::TestKey key = TestSupport::TestKey::rsa();
    as.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"),
                       wrongIssuer ? QStringLiteral("https://login.example.com/") : as.baseUrl());
    as.setJwks(QJsonArray{key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("workspace.json"));
    const QJsonObject workspace{
        {QStringLiteral("version"), 1},
        {QStringLiteral("services"),
         QJsonArray{QJsonObject{
             {QStringLiteral("name"), QStringLiteral("guarded")},
             {QStringLiteral("openapi"), QStringLiteral(PORTCULLIS_SOURCE_DIR "/resources/demo/demo-openapi.yaml")},
             {QStringLiteral("baseUrl"), QStringLiteral("http://127.0.0.1:9/")},
             {QStringLiteral("security"),
              QJsonObject{{QStringLiteral("mode"), QStringLiteral("oauth2")},
                          {QStringLiteral("authorizationServers"), QJsonArray{as.baseUrl()}},
                          {QStringLiteral("allowLoopbackHttpIssuers"), true}}}}}}};
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(workspace).toJson());
    file.close();

    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(window.openWorkspace(path, QStringLiteral("127.0.0.1:0")));
    QTRY_VERIFY2_WITH_TIMEOUT(controller.status().listening && controller.status().services.size() == 1,
                              qPrintable(controller.status().configError + controller.status().listenError), 10000);

    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    tabs->setCurrentWidget(window.configurePage());
    window.configurePage()->selectService(QStringLiteral("guarded"));
    window.configurePage()->setCurrentPageIndex(1); // General, Endpoint Security, ...
    auto* check
        = window.configurePage()->securityPage()->findChild<QPushButton*>(QStringLiteral("checkConnectionButton"));
    QVERIFY(check);
    QTRY_VERIFY(check->isVisible());
    QTest::mouseClick(check, Qt::LeftButton);

    Portcullis::ConnectionDoctorPage* doctor = window.connectionDoctorPage();
    QVERIFY(doctor->isVisible());
    QCOMPARE(doctor->currentService(), QStringLiteral("guarded"));
    auto* summaryLabel = doctor->findChild<QLabel*>(QStringLiteral("doctorSummaryLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(!doctor->isRunning(), 15000);
    QVERIFY2(summaryLabel->text().contains(summary), qPrintable(summaryLabel->text()));
    auto* steps = doctor->findChild<QTreeWidget*>(QStringLiteral("doctorStepsTree"));
    QVERIFY(steps->topLevelItemCount() >= 3);
    // Each step shows its request (method and URL) and HTTP status as the doctor reported it.
    bool sawMetadataRequest = false;
    for (int i = 0; i < steps->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* item = steps->topLevelItem(i);
        QStringList cells;
        for (int c = 0; c < item->columnCount(); ++c)
            cells << item->text(c);
        if (cells.join(QLatin1Char(' ')).contains(QStringLiteral("/.well-known/oauth-authorization-server")))
            sawMetadataRequest = cells.join(QLatin1Char(' ')).contains(QStringLiteral("200"));
    }
    QVERIFY(sawMetadataRequest);
}

// Not a check: saves the diagnostics pages, the stored credentials and the secure demo's guide when
// PORTCULLIS_SCREENSHOT_DIR is set (packaging/screenshots.sh).
void tst_MainWindowDiagnostics::screenshots()
{
    const QString out = qEnvironmentVariable("PORTCULLIS_SCREENSHOT_DIR");
    if (out.isEmpty())
        QSKIP("set PORTCULLIS_SCREENSHOT_DIR to save screenshots");
    GatewayController controller(memoryStore());
    MainWindow window(&controller);
    window.resize(1100, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    tabs->setCurrentIndex(0);
    auto save = [&](QWidget* widget, const QString& name) {
        window.statusBar()->clearMessage();
        QTest::qWait(150);
        QVERIFY(widget->grab().save(out + QLatin1Char('/') + name));
    };

    auto* help = window.findChild<QMenu*>(QStringLiteral("helpMenu"));
    help->popup(window.mapToGlobal(QPoint(120, 20)));
    save(help, QStringLiteral("help-menu.png"));
    help->hide();

    window.findChild<QAction*>(QStringLiteral("startSecureDemoAction"))->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window.secureDemoDialog(), 15000);
    const DemoInfo demo = readGuide(
        window.secureDemoDialog()->findChild<QPlainTextEdit*>(QStringLiteral("secureDemoGuideText"))->toPlainText());
    save(window.secureDemoDialog(), QStringLiteral("secure-demo-dialog.png"));
    window.secureDemoDialog()->close();
    QTRY_VERIFY(controller.status().services.size() == 1);

    const QByteArray token = agentToken(demo);
    QVERIFY(!token.isEmpty());
    window.inspectToken(QStringLiteral("secure-demo"));
    window.tokenInspectorPage()
        ->findChild<QPlainTextEdit*>(QStringLiteral("tokenEdit"))
        ->setPlainText(QString::fromLatin1(token));
    window.tokenInspectorPage()->findChild<QPushButton*>(QStringLiteral("tokenCheckButton"))->click();
    auto* verdict = window.tokenInspectorPage()->findChild<QLabel*>(QStringLiteral("tokenVerdictLabel"));
    QTRY_VERIFY_WITH_TIMEOUT(!verdict->text().contains(QStringLiteral("Asking")), 10000);
    save(&window, QStringLiteral("diagnostics-token-inspector.png"));

    window.checkConnection(QStringLiteral("secure-demo"));
    QTRY_VERIFY_WITH_TIMEOUT(!window.connectionDoctorPage()->isRunning(), 15000);
    save(&window, QStringLiteral("diagnostics-connection-doctor.png"));

    const QUrl link = elicitationLink(callTool(demo, token));
    QCOMPARE(completeOAuthElicitation(link), 200);
    callTool(demo, token);
    tabs->setCurrentWidget(window.storedCredentialsPage());
    QTRY_COMPARE_WITH_TIMEOUT(window.storedCredentialsPage()->model()->rowCount(), 1, 10000);
    auto* view = window.storedCredentialsPage()->findChild<QTreeView*>(QStringLiteral("storedCredentialsView"));
    view->setCurrentIndex(view->model()->index(0, 0));
    save(&window, QStringLiteral("stored-credentials.png"));

    tabs->setCurrentWidget(window.trafficLogPage());
    auto* trafficView = window.findChild<QTreeView*>(QStringLiteral("trafficTreeView"));
    QTRY_VERIFY(trafficView->model()->rowCount() > 0);
    trafficView->setCurrentIndex(trafficView->model()->index(trafficView->model()->rowCount() - 1, 0));
    save(&window, QStringLiteral("traffic-secure-demo.png"));
}

QTEST_MAIN(tst_MainWindowDiagnostics)
#include "tst_mainwindowdiagnostics.moc"
