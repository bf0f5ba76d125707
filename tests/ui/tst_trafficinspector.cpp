// SPDX-License-Identifier: GPL-3.0-or-later
// The traffic inspector in the window: the detail pane's tabs filled from a real gateway's capture
// (both legs), copy as curl, HAR export through the controller, the Elicitations page and its
// model (QAbstractItemModelTester, bursts past capacity, rows updated in place).
#include "MainWindow.h"
#include "RawHttpClient.h"
#include "SampleTraffic.h"
#include "core/GatewayController.h"
#include "models/ElicitationLogModel.h"
#include "models/TrafficLogFilterModel.h"
#include "models/TrafficLogModel.h"
#include "openapi/JsonSchemaValidator.h"
#include "pages/ElicitationsPage.h"
#include "pages/TrafficLogPage.h"
#include "secrets/MemorySecretStore.h"
#include "widgets/TrafficDetailPane.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using Gateway::TrafficEvent;
using Portcullis::ElicitationLogModel;
using Portcullis::TrafficDetailPane;

namespace {

TrafficEvent elicitationStep(const QString& id, const QString& stage, const QString& person, qint64 ageMs = -1,
                             const QString& reason = {})
{
    TrafficEvent e;
    e.time = QDateTime::currentDateTimeUtc();
    e.kind = TrafficEvent::Kind::Elicitation;
    e.service = QStringLiteral("weather");
    e.principal = person;
    e.elicitationId = id;
    e.elicitationStage = stage;
    e.credentialKind = QStringLiteral("elicitedToken");
    e.elicitationAgeMs = ageMs;
    e.detail = reason;
    return e;
}

QByteArray toolCall(quint16 port, const QByteArray& city = "Lisbon")
{
    const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getForecast",)"
                            R"("arguments":{"city":")"
        + city
        + R"("},"_meta":{"io.modelcontextprotocol/protocolVersion":)"
          R"("2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
    return "POST /mcp/demo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

void grabTo(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("PORTCULLIS_SCREENSHOT_DIR");
    if (!dir.isEmpty())
        widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png"));
}

} // namespace

class TestTrafficInspector : public QObject
{
    Q_OBJECT

private slots:
    void elicitationModelUnderTester();
    void elicitationModelBurstPastCapacity();
    void elicitationsPageFilters();
    void detailPaneWithoutCapture();
    void detailPaneFromRealGateway();
    void payloadSearchFromRealGateway();
};

void TestTrafficInspector::elicitationModelUnderTester()
{
    ElicitationLogModel model(100);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.appendEvents({elicitationStep(QStringLiteral("e1"), QStringLiteral("requested"), QStringLiteral("alice")),
                        elicitationStep(QStringLiteral("e2"), QStringLiteral("requested"), QStringLiteral("bob"))});
    QCOMPARE(model.rowCount(), 2);
    // Later steps update the same row: stage, duration, reason.
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.appendEvents({elicitationStep(QStringLiteral("e1"), QStringLiteral("opened"), QStringLiteral("alice"), 1200),
                        elicitationStep(QStringLiteral("e2"), QStringLiteral("declined"), QStringLiteral("bob"), 4000,
                                        QStringLiteral("the person declined"))});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(changed.count(), 2);
    QCOMPARE(model.index(0, ElicitationLogModel::Stage).data().toString(), QStringLiteral("opened"));
    QCOMPARE(model.index(0, ElicitationLogModel::Duration).data().toString(), QStringLiteral("1.2 s"));
    QCOMPARE(model.index(1, ElicitationLogModel::Reason).data().toString(), QStringLiteral("the person declined"));
    QVERIFY(model.index(1, 0).data(ElicitationLogModel::IsFailureRole).toBool());
    QCOMPARE(model.countInStage(QStringLiteral("declined")), 1);
    // Other traffic is ignored.
    model.appendEvents({SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("getForecast"))});
    QCOMPARE(model.rowCount(), 2);
}

void TestTrafficInspector::elicitationModelBurstPastCapacity()
{
    ElicitationLogModel model(50);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<TrafficEvent> burst;
    for (int i = 0; i < 180; ++i)
        burst.append(elicitationStep(QStringLiteral("b%1").arg(i), QStringLiteral("requested"), QStringLiteral("p")));
    model.appendEvents(burst);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.index(0, 0).data(ElicitationLogModel::ElicitationIdRole).toString(), QStringLiteral("b130"));
    QCOMPARE(model.index(49, 0).data(ElicitationLogModel::ElicitationIdRole).toString(), QStringLiteral("b179"));
    // Mixed batch: updates of kept rows, a step of an evicted one (a new row), new ones past capacity.
    QList<TrafficEvent> mixed;
    mixed.append(elicitationStep(QStringLiteral("b179"), QStringLiteral("completed"), QStringLiteral("p"), 900));
    mixed.append(elicitationStep(QStringLiteral("b0"), QStringLiteral("expired"), QStringLiteral("p"), 600000));
    for (int i = 0; i < 30; ++i)
        mixed.append(elicitationStep(QStringLiteral("c%1").arg(i), QStringLiteral("requested"), QStringLiteral("q")));
    model.appendEvents(mixed);
    QCOMPARE(model.rowCount(), 50);
    QCOMPARE(model.index(49, 0).data(ElicitationLogModel::ElicitationIdRole).toString(), QStringLiteral("c29"));
    bool sawCompleted = false;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(ElicitationLogModel::ElicitationIdRole).toString() == QLatin1String("b179"))
            sawCompleted = model.index(row, ElicitationLogModel::Stage).data().toString() == QLatin1String("completed");
    }
    QVERIFY(sawCompleted);
}

void TestTrafficInspector::elicitationsPageFilters()
{
    Portcullis::ElicitationsPage page;
    page.resize(900, 300);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.appendEvents({elicitationStep(QStringLiteral("e1"), QStringLiteral("requested"), QStringLiteral("alice")),
                       elicitationStep(QStringLiteral("e2"), QStringLiteral("requested"), QStringLiteral("bob")),
                       elicitationStep(QStringLiteral("e3"), QStringLiteral("requested"), QStringLiteral("carol"))});
    page.appendEvents(
        {elicitationStep(QStringLiteral("e2"), QStringLiteral("failed"), QStringLiteral("bob"), 2500,
                         QStringLiteral("token endpoint answered 400")),
         elicitationStep(QStringLiteral("e3"), QStringLiteral("completed"), QStringLiteral("carol"), 8000)});
    auto* view = page.findChild<QTreeView*>(QStringLiteral("elicitationTreeView"));
    auto* filter = page.findChild<QLineEdit*>(QStringLiteral("elicitationFilterLineEdit"));
    auto* stage = page.findChild<QComboBox*>(QStringLiteral("stageComboBox"));
    auto* count = page.findChild<QLabel*>(QStringLiteral("elicitationCountLabel"));
    QVERIFY(view && filter && stage && count);
    QCOMPARE(view->model()->rowCount(), 3);
    grabTo(&page, QStringLiteral("elicitations-page"));
    QTest::keyClicks(filter, QStringLiteral("bob"));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ElicitationLogModel::Reason).data().toString(),
             QStringLiteral("token endpoint answered 400"));
    filter->clear();
    stage->setCurrentIndex(stage->findData(QStringLiteral("completed")));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, ElicitationLogModel::Person).data().toString(), QStringLiteral("carol"));
    QCOMPARE(count->text(), QStringLiteral("Elicitations: 1 of 3"));
    // Live: a new step shows up under the active filter.
    page.appendEvents(
        {elicitationStep(QStringLiteral("e1"), QStringLiteral("completed"), QStringLiteral("alice"), 500)});
    QCOMPARE(view->model()->rowCount(), 2);
}

void TestTrafficInspector::detailPaneWithoutCapture()
{
    TrafficDetailPane pane;
    QSignalSpy wanted(&pane, &TrafficDetailPane::payloadWanted);
    TrafficEvent e = SampleTraffic::toolCall(QStringLiteral("weather"), QStringLiteral("getForecast"));
    e.id = 42;
    e.authDecision = QStringLiteral("denied");
    e.authReason = QStringLiteral("wrong_audience");
    pane.setEvent(e, QStringLiteral("{}"));
    QCOMPARE(wanted.count(), 1);
    QCOMPARE(wanted.first().first().toULongLong(), quint64(42));
    auto* auth = pane.findChild<QPlainTextEdit*>(QStringLiteral("authText"));
    QVERIFY(auth);
    QVERIFY(auth->toPlainText().contains(QStringLiteral("Reason: wrong_audience")));
    QVERIFY(auth->toPlainText().contains(QStringLiteral("aud")));
    // Timing bar: auth, queue, backend, mapping and the rest of the total, in that order.
    const QList<Portcullis::TimingBar::Phase> phases = pane.timingBar()->phases();
    QCOMPARE(phases.size(), 5);
    QCOMPARE(phases.at(0).micros, e.authMicros);
    QCOMPARE(phases.at(1).micros, e.queueMicros);
    QCOMPARE(phases.at(2).micros, e.backendMicros);
    QCOMPARE(phases.at(3).micros, e.mappingMicros);
    QCOMPARE(phases.at(4).micros, e.totalMicros - e.authMicros - e.queueMicros - e.backendMicros - e.mappingMicros);
    QVERIFY(phases.at(4).micros > 0);
    const QString timing = pane.findChild<QLabel*>(QStringLiteral("timingLabel"))->text();
    QVERIFY2(timing.contains(QStringLiteral("queue 0.30 ms")), qPrintable(timing));
    // No capture (evicted or off): said so, copy disabled.
    pane.setCapture(42, Gateway::CapturedExchange{});
    QVERIFY(pane.findChild<QPlainTextEdit*>(QStringLiteral("mcpRequestText"))
                ->toPlainText()
                .contains(QStringLiteral("Not captured")));
    QVERIFY(!pane.findChild<QPushButton*>(QStringLiteral("copyCurlButton"))->isEnabled());
    // A capture for another event is ignored.
    Gateway::CapturedExchange other;
    other.eventId = 7;
    other.mcp.method = "POST";
    pane.setCapture(7, other);
    QVERIFY(!pane.capture().isValid());
}

void TestTrafficInspector::detailPaneFromRealGateway()
{
    Gateway::GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    Gateway::GatewayController controller(options);
    Portcullis::MainWindow window(&controller);
    window.resize(1200, 760);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QTRY_VERIFY(controller.status().listening);
    const quint16 port = quint16(controller.status().baseUrl.port());
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port)).first().status, 200);

    auto* traffic = window.findChild<Portcullis::TrafficLogPage*>(QStringLiteral("trafficLogPage"));
    auto* tabs = window.findChild<QTabWidget*>(QStringLiteral("mainTabWidget"));
    QVERIFY(traffic && tabs);
    tabs->setCurrentWidget(traffic);
    auto* view = traffic->findChild<QTreeView*>(QStringLiteral("trafficTreeView"));
    QTRY_COMPARE(view->model()->rowCount(), 1);
    view->setFocus();
    view->setCurrentIndex(view->model()->index(0, 0));
    auto* pane = traffic->findChild<TrafficDetailPane*>(QStringLiteral("trafficDetailPane"));
    QVERIFY(pane);
    QTRY_VERIFY(pane->capture().isValid());
    QVERIFY(pane->capture().hasBackend);
    auto text
        = [pane](const char* name) { return pane->findChild<QPlainTextEdit*>(QLatin1String(name))->toPlainText(); };
    QVERIFY(text("detailTextEdit").contains(QStringLiteral("\"tool\": \"getForecast\"")));
    QVERIFY(text("mcpRequestText").startsWith(QStringLiteral("POST /mcp/demo")));
    QVERIFY(text("mcpRequestText").contains(QStringLiteral("\"name\": \"getForecast\""))); // pretty JSON
    QVERIFY(text("mcpResponseText").startsWith(QStringLiteral("200")));
    QVERIFY(text("backendRequestText").startsWith(QStringLiteral("GET http://127.0.0.1:")));
    QVERIFY(text("backendRequestText").contains(QStringLiteral("Lisbon")));
    QVERIFY(text("backendResponseText").startsWith(QStringLiteral("200")));
    for (int tab = 0; tab < pane->count(); ++tab)
        QVERIFY(pane->isTabEnabled(tab));
    pane->setCurrentIndex(TrafficDetailPane::BackendResponseTab);
    grabTo(&window, QStringLiteral("traffic-detail-backend-response"));
    pane->setCurrentIndex(TrafficDetailPane::OverviewTab);
    grabTo(&window, QStringLiteral("traffic-detail-overview"));

    // Copy as curl.
    auto* copy = pane->findChild<QPushButton*>(QStringLiteral("copyCurlButton"));
    QVERIFY(copy->isEnabled());
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString curl = QApplication::clipboard()->text();
    QVERIFY2(curl.startsWith(QStringLiteral("curl -sS -X POST 'http://127.0.0.1:%1/mcp/demo'").arg(port)),
             qPrintable(curl));
    QVERIFY(curl.contains(QStringLiteral("--data-raw")));

    // HAR export of the view through the controller, valid against the HAR 1.2 schema.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("view.har"));
    QSignalSpy exported(&controller, &Gateway::GatewayController::harExported);
    QList<TrafficEvent> events{*traffic->model()->eventById(pane->eventId())};
    controller.exportHar(events, path);
    QTRY_COMPARE(exported.count(), 1);
    QCOMPARE(exported.first().at(2).toString(), QString());
    QCOMPARE(exported.first().at(1).toInt(), 2); // MCP leg + backend leg
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject har = QJsonDocument::fromJson(file.readAll()).object();
    QFile schemaFile(QStringLiteral(PORTCULLIS_TEST_DATA_DIR "/har/har-1.2.schema.json"));
    QVERIFY(schemaFile.open(QIODevice::ReadOnly));
    const auto valid = Gateway::JsonSchemaValidator::validate(QJsonDocument::fromJson(schemaFile.readAll()).object(),
                                                              har, QStringLiteral("har"));
    QVERIFY2(valid.valid, qPrintable(valid.errors.join(QLatin1Char('\n'))));

    // Replay through the controller (the demo endpoint needs no credential).
    QSignalSpy replayed(&controller, &Gateway::GatewayController::replayFinished);
    controller.replay(pane->eventId());
    QTRY_COMPARE(replayed.count(), 1);
    QCOMPARE(replayed.first().at(1).toInt(), 200);
    QTRY_COMPARE(view->model()->rowCount(), 2);
}

void TestTrafficInspector::payloadSearchFromRealGateway()
{
    Gateway::GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    Gateway::GatewayController controller(options);
    Portcullis::MainWindow window(&controller);
    window.resize(1366, 768);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QTRY_VERIFY(controller.status().listening);
    const quint16 port = quint16(controller.status().baseUrl.port());
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port, "Lisbon")).first().status, 200);
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port, "Reykjavik")).first().status, 200);

    auto* traffic = window.findChild<Portcullis::TrafficLogPage*>(QStringLiteral("trafficLogPage"));
    auto* view = traffic->findChild<QTreeView*>(QStringLiteral("trafficTreeView"));
    auto* filter = traffic->findChild<QLineEdit*>(QStringLiteral("filterLineEdit"));
    auto* payloads = traffic->findChild<QCheckBox*>(QStringLiteral("payloadSearchCheckBox"));
    QVERIFY(view && filter && payloads);
    QTRY_COMPARE(view->model()->rowCount(), 2);

    // The city is an argument value: never in the event, only in the captured bodies.
    filter->setText(QStringLiteral("reykjavik"));
    QCOMPARE(view->model()->rowCount(), 0);
    payloads->setChecked(true);
    QTRY_COMPARE(view->model()->rowCount(), 1);
    QTRY_VERIFY(!traffic->isSearchingPayloads());
    // New traffic is searched as it arrives, from where the search stopped.
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port, "Reykjavik")).first().status, 200);
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port, "Lisbon")).first().status, 200);
    QTRY_COMPARE(view->model()->rowCount(), 2);
    // Field terms still apply to the event; a negated word excludes.
    filter->setText(QStringLiteral("reykjavik -getForecast"));
    QTRY_VERIFY(!traffic->isSearchingPayloads());
    QTest::qWait(400);
    QCOMPARE(view->model()->rowCount(), 0);
    filter->setText(QStringLiteral("reykjavik tool:getForecast"));
    QTRY_COMPARE(view->model()->rowCount(), 2);
    // Off: only the events' own fields count again.
    payloads->setChecked(false);
    QCOMPARE(view->model()->rowCount(), 0);
    filter->setText(QStringLiteral("lisbon"));
    QCOMPARE(view->model()->rowCount(), 0);
    payloads->setChecked(true);
    QTRY_COMPARE(view->model()->rowCount(), 2);
}

QTEST_MAIN(TestTrafficInspector)
#include "tst_trafficinspector.moc"
