// SPDX-License-Identifier: GPL-3.0-or-later
// OverviewPage, found by object names: gateway state and Start/Stop, endpoint URLs with copy
// buttons (a refused service shows its reason), keychain state, and the live chart fed by events
// on a clock the test drives. Last, the page's Stop/Start against a real gateway in the window.
#include "RawHttpClient.h"
#include "SampleTraffic.h"

#include "MainWindow.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayController.h"
#include "demo/DemoBackend.h"
#include "pages/OverviewPage.h"
#include "secrets/MemorySecretStore.h"

#include <QClipboard>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpSocket>
#include <QTest>
#include <QtCharts/QChart>
#include <QtCharts/QDateTimeAxis>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>
#include <QtMath>

using Gateway::GatewayController;
using Gateway::GatewayStatus;
using Gateway::ServiceStatus;
using Portcullis::OverviewPage;
using Portcullis::TrafficRateHistory;

namespace {

constexpr qint64 kBase = 1700000000000; // on a 5 s bucket boundary

ServiceStatus service(const QString& name, const QString& error = {})
{
    ServiceStatus s;
    s.name = name;
    s.endpointUrl = QUrl(QStringLiteral("http://127.0.0.1:8765/mcp/") + name);
    s.securityMode = QStringLiteral("apiKey");
    s.error = error;
    return s;
}

GatewayStatus listening()
{
    GatewayStatus status;
    status.running = true;
    status.listening = true;
    status.configured = true;
    status.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:8765"));
    status.listenAddress = QStringLiteral("127.0.0.1:8765");
    status.keychainAvailable = true;
    status.keychainBackend = QStringLiteral("Secret Service");
    status.services = {service(QStringLiteral("weather")),
                       service(QStringLiteral("billing"), QStringLiteral("the OpenAPI document cannot be read"))};
    return status;
}

Gateway::TrafficEvent call(const QString& service, qint64 timeMs, bool error = false)
{
    Gateway::TrafficEvent e = SampleTraffic::toolCall(service, QStringLiteral("get"));
    e.time = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    if (error)
        e.httpStatus = 502;
    return e;
}

QByteArray toolCall(quint16 port, const QByteArray& service, const QByteArray& tool, const QByteArray& arguments)
{
    const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":")" + tool
        + R"(","arguments":)" + arguments
        + R"(,"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
    return "POST /mcp/" + service + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: "
        + tool + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

template <typename T> T* child(QObject* parent, const char* name)
{
    T* found = parent->findChild<T*>(QLatin1String(name));
    if (!found)
        qWarning("no child %s", name);
    return found;
}

} // namespace

class TestOverviewPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void gatewayState_data();
    void gatewayState();
    void endpointsShowUrlsAndRefusals();
    void endpointsWhileNotListening();
    void keychainState();
    void chartShowsRatesPerService();
    void startStopEmitsAndWaitsForTheGateway();
    void stopAndStartARealGatewayFromTheWindow();
    void screenshot();
};

void TestOverviewPage::initTestCase()
{
    QLocale::setDefault(QLocale::c());
}

void TestOverviewPage::gatewayState_data()
{
    QTest::addColumn<GatewayStatus>("status");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("detailContains");
    QTest::addColumn<QString>("button");
    QTest::addColumn<bool>("buttonEnabled");

    QTest::newRow("not running") << GatewayStatus() << QStringLiteral("Stopped") << QStringLiteral("not running")
                                 << QStringLiteral("&Start Gateway") << false;
    QTest::newRow("listening") << listening() << QStringLiteral("Listening") << QStringLiteral("http://127.0.0.1:8765")
                               << QStringLiteral("&Stop Gateway") << true;
    GatewayStatus stopped = listening();
    stopped.listening = false;
    stopped.listenStopped = true;
    stopped.baseUrl = QUrl();
    QTest::newRow("stopped by the operator")
        << stopped << QStringLiteral("Stopped") << QStringLiteral("Start listens again on 127.0.0.1:8765")
        << QStringLiteral("&Start Gateway") << true;
    GatewayStatus failed = stopped;
    failed.listenStopped = false;
    failed.listenError = QStringLiteral("cannot listen on 127.0.0.1:8765: The address is already in use");
    QTest::newRow("listen failed") << failed << QStringLiteral("Not listening") << QStringLiteral("already in use")
                                   << QStringLiteral("&Start Gateway") << true;
    GatewayStatus importing;
    importing.running = true;
    importing.applying = true;
    QTest::newRow("importing") << importing << QStringLiteral("Starting") << QStringLiteral("Importing")
                               << QStringLiteral("&Start Gateway") << false;
    GatewayStatus empty;
    empty.running = true;
    QTest::newRow("nothing served") << empty << QStringLiteral("Not listening") << QStringLiteral("No workspace")
                                    << QStringLiteral("&Start Gateway") << false;
}

void TestOverviewPage::gatewayState()
{
    QFETCH(GatewayStatus, status);
    QFETCH(QString, state);
    QFETCH(QString, detailContains);
    QFETCH(QString, button);
    QFETCH(bool, buttonEnabled);

    OverviewPage page;
    page.applyStatus(status);
    QCOMPARE(child<QLabel>(&page, "gatewayStateLabel")->text(), state);
    const QString detail = child<QLabel>(&page, "gatewayDetailLabel")->text();
    QVERIFY2(detail.contains(detailContains), qPrintable(detail));
    auto* startStop = child<QPushButton>(&page, "startStopButton");
    QCOMPARE(startStop->text(), button);
    QCOMPARE(startStop->isEnabled(), buttonEnabled);
}

void TestOverviewPage::endpointsShowUrlsAndRefusals()
{
    OverviewPage page;
    QVERIFY(child<QLabel>(&page, "noServicesLabel")->isVisibleTo(&page));
    page.applyStatus(listening());
    QVERIFY(!child<QLabel>(&page, "noServicesLabel")->isVisibleTo(&page));

    auto* url = child<QLineEdit>(&page, "endpointUrl_weather");
    QVERIFY(url);
    QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:8765/mcp/weather"));
    QVERIFY(url->isReadOnly());
    QVERIFY(url->isEnabled());
    QGuiApplication::clipboard()->clear();
    auto* copy = child<QPushButton>(&page, "copyEndpoint_weather");
    copy->click();
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("http://127.0.0.1:8765/mcp/weather"));
    QCOMPARE(copy->text(), QStringLiteral("Copied"));

    // A refused service: its reason, no URL to copy.
    QVERIFY(!page.findChild<QLineEdit*>(QStringLiteral("endpointUrl_billing")));
    QVERIFY(!page.findChild<QPushButton*>(QStringLiteral("copyEndpoint_billing")));
    QCOMPARE(child<QLabel>(&page, "endpointError_billing")->text(),
             QStringLiteral("Not served: the OpenAPI document cannot be read"));

    // Status updates that change nothing keep the rows (and the "Copied" feedback).
    GatewayStatus again = listening();
    again.droppedEvents = 3;
    page.applyStatus(again);
    QCOMPARE(child<QPushButton>(&page, "copyEndpoint_weather"), copy);

    GatewayStatus fewer = listening();
    fewer.services.removeLast();
    page.applyStatus(fewer);
    QTRY_VERIFY(!page.findChild<QLabel*>(QStringLiteral("endpointError_billing")));
    QVERIFY(page.findChild<QLineEdit*>(QStringLiteral("endpointUrl_weather")));
}

void TestOverviewPage::endpointsWhileNotListening()
{
    OverviewPage page;
    GatewayStatus stopped = listening();
    stopped.listening = false;
    stopped.listenStopped = true;
    page.applyStatus(stopped);
    auto* url = child<QLineEdit>(&page, "endpointUrl_weather");
    QVERIFY(!url->isEnabled());
    QVERIFY2(url->text().contains(QStringLiteral("not listening")), qPrintable(url->text()));
    QVERIFY(!child<QPushButton>(&page, "copyEndpoint_weather")->isEnabled());
}

void TestOverviewPage::keychainState()
{
    OverviewPage page;
    page.applyStatus(listening());
    QCOMPARE(child<QLabel>(&page, "keychainStateLabel")->text(), QStringLiteral("Available: Secret Service"));

    GatewayStatus missing = listening();
    missing.keychainAvailable = false;
    page.applyStatus(missing);
    QCOMPARE(child<QLabel>(&page, "keychainStateLabel")->text(), QStringLiteral("Not available"));
    const QString detail = child<QLabel>(&page, "keychainDetailLabel")->text();
    QVERIFY2(detail.contains(QStringLiteral("GNOME Keyring")) && detail.contains(QStringLiteral("${env:NAME}")),
             qPrintable(detail));
}

void TestOverviewPage::chartShowsRatesPerService()
{
    qint64 now = kBase + 1000;
    OverviewPage page([&now] { return now; });
    page.applyStatus(listening());
    page.show(); // legend markers are visible only in a shown chart
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QVERIFY(page.chart());
    QCOMPARE(page.chart()->series().size(), 0);

    // 10 calls of weather (2 failing) and 5 of an unknown path in one bucket, then the clock moves on.
    QList<Gateway::TrafficEvent> events;
    for (int i = 0; i < 10; ++i)
        events.append(call(QStringLiteral("weather"), kBase + 500 + i, i < 2));
    for (int i = 0; i < 5; ++i)
        events.append(call(QString(), kBase + 700));
    page.appendEvents(events);
    QCOMPARE(page.chart()->series().size(), 0); // drawing waits for the refresh, not per event
    now = kBase + 6000;
    page.refresh();

    QLineSeries* weather = page.requestSeries(QStringLiteral("weather"));
    QLineSeries* weatherErrors = page.errorSeries(QStringLiteral("weather"));
    QLineSeries* other = page.requestSeries(TrafficRateHistory::otherSeries());
    QVERIFY(weather && weatherErrors && other);
    QCOMPARE(page.chart()->series().size(), 4);
    QCOMPARE(weather->name(), QStringLiteral("weather"));
    QCOMPARE(other->name(), QStringLiteral("Other"));
    QCOMPARE(weather->count(), 120);
    QCOMPARE(weather->at(118).y(), 2.0); // 10 requests over 5 s
    QCOMPARE(weatherErrors->at(118).y(), 0.4);
    QCOMPARE(other->at(118).y(), 1.0);
    QCOMPARE(weather->at(119).y(), 0.0);
    QVERIFY(weather->at(119).x() <= qreal(now)); // the current bucket's point is not in the future
    QCOMPARE(weatherErrors->pen().style(), Qt::DashLine);
    QCOMPARE(weather->pen().color(), weatherErrors->pen().color());
    // One legend entry per service: the dashed error twin has none.
    QTest::qWait(50); // the legend lays its markers out when the view paints
    QVERIFY(page.chart()->legend()->markers(weather).first()->isVisible());
    QVERIFY(!page.chart()->legend()->markers(weatherErrors).first()->isVisible());

    // Axes labelled and spanning the window; the rate axis fits the data.
    auto* time = qobject_cast<QDateTimeAxis*>(page.chart()->axes(Qt::Horizontal).value(0));
    auto* rate = qobject_cast<QValueAxis*>(page.chart()->axes(Qt::Vertical).value(0));
    QVERIFY(time && rate);
    QCOMPARE(time->titleText(), QStringLiteral("Time"));
    QVERIFY(!rate->titleText().isEmpty());
    QCOMPARE(time->max().toMSecsSinceEpoch(), now);
    QCOMPARE(time->min().toMSecsSinceEpoch(), now - 600000);
    QVERIFY(rate->max() >= 2.0);

    // The row of the service and the summary show the same numbers.
    QCOMPARE(child<QLabel>(&page, "endpointRate_weather")->text(), QStringLiteral("2.0 req/s · 0.40 err/s"));
    QCOMPARE(child<QLabel>(&page, "windowSummaryLabel")->text(),
             QStringLiteral("Last 10 minutes: 15 requests, 2 errors"));

    // Eleven minutes later the traffic has left the window: its series go.
    now += 11 * 60 * 1000;
    page.refresh();
    QCOMPARE(page.chart()->series().size(), 0);
    QVERIFY(!page.requestSeries(QStringLiteral("weather")));
    QCOMPARE(child<QLabel>(&page, "endpointRate_weather")->text(), QStringLiteral("0.00 req/s · 0.00 err/s"));
}

void TestOverviewPage::startStopEmitsAndWaitsForTheGateway()
{
    OverviewPage page;
    QSignalSpy stops(&page, &OverviewPage::stopListeningRequested);
    QSignalSpy starts(&page, &OverviewPage::startListeningRequested);
    page.applyStatus(listening());
    auto* button = child<QPushButton>(&page, "startStopButton");
    button->click();
    QCOMPARE(stops.size(), 1);
    QCOMPARE(starts.size(), 0);
    QVERIFY(!button->isEnabled()); // until the gateway answers
    button->click();
    QCOMPARE(stops.size(), 1);

    GatewayStatus stopped = listening();
    stopped.listening = false;
    stopped.listenStopped = true;
    page.applyStatus(stopped);
    QVERIFY(button->isEnabled());
    button->click();
    QCOMPARE(starts.size(), 1);
    QCOMPARE(stops.size(), 1);
}

void TestOverviewPage::stopAndStartARealGatewayFromTheWindow()
{
    GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    GatewayController controller(options);
    Portcullis::MainWindow window(&controller);
    auto* tabs = child<QTabWidget>(&window, "mainTabWidget");
    QCOMPARE(tabs->widget(0), window.overviewPage()); // the first page
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    window.showDemo();
    QTRY_VERIFY_WITH_TIMEOUT(controller.status().listening && controller.status().configured, 10000);
    const quint16 port = quint16(controller.status().baseUrl.port());
    OverviewPage* page = window.overviewPage();
    QTRY_COMPARE(child<QLineEdit>(page, "endpointUrl_demo")->text(),
                 QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(port));

    // Traffic reaches the chart through the controller's batches.
    TestSupport::rawExchange(port,
                             "GET /mcp/demo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n");
    QTRY_COMPARE(page->history().requestsInWindow(), qint64(1));
    page->refresh();
    QVERIFY(page->requestSeries(QStringLiteral("demo")));

    auto* button = child<QPushButton>(page, "startStopButton");
    QCOMPARE(button->text(), QStringLiteral("&Stop Gateway"));
    button->click();
    QTRY_VERIFY(!controller.status().listening);
    QTRY_COMPARE(child<QLabel>(page, "gatewayStateLabel")->text(), QStringLiteral("Stopped"));
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!socket.waitForConnected(2000));

    QTRY_VERIFY(button->isEnabled());
    QCOMPARE(button->text(), QStringLiteral("&Start Gateway"));
    button->click();
    QTRY_VERIFY(controller.status().listening);
    QCOMPARE(quint16(controller.status().baseUrl.port()), port);
    QTRY_COMPARE(child<QLabel>(page, "gatewayStateLabel")->text(), QStringLiteral("Listening"));
    socket.abort();
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(2000));
}

// Not a check: saves docs/screenshots/overview.png-style pictures when PORTCULLIS_SCREENSHOT_DIR is
// set (packaging/screenshots.sh). Real calls through a real gateway to the demo backend (two services
// on it, one refused), ten minutes of them compressed into a few seconds: the page's clock moves
// 5 s per round and each event is stamped with it on arrival.
void TestOverviewPage::screenshot()
{
    const QString out = qEnvironmentVariable("PORTCULLIS_SCREENSHOT_DIR");
    if (out.isEmpty())
        QSKIP("set PORTCULLIS_SCREENSHOT_DIR to save screenshots");
    QDir().mkpath(out);
    Gateway::DemoBackendHost backend;
    const QUrl backendUrl = backend.start();
    QVERIFY(!backendUrl.isEmpty());
    Gateway::WorkspaceConfig config = Gateway::WorkspaceLoader::demoWorkspace(backendUrl);
    QVERIFY(!config.services.isEmpty());
    Gateway::ServiceConfig staging = config.services.first();
    staging.name = QStringLiteral("inventory-staging");
    Gateway::ServiceConfig billing = config.services.first();
    billing.name = QStringLiteral("billing");
    billing.openApiPath = QDir::temp().filePath(QStringLiteral("portcullis-no-such-billing-openapi.yaml"));
    config.services << staging << billing;

    GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    GatewayController controller(options);
    qint64 now = QDateTime::currentMSecsSinceEpoch() - 600000;
    OverviewPage page([&now] { return now; });
    page.resize(1180, 640); // the tab's room in the window's default 1200x720
    int received = 0;
    connect(&controller, &GatewayController::statusChanged, &page, &OverviewPage::applyStatus);
    connect(&controller, &GatewayController::eventsAppended, &page, [&](QList<Gateway::TrafficEvent> events) {
        for (Gateway::TrafficEvent& e : events)
            e.time = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC);
        received += int(events.size());
        page.appendEvents(events);
    });
    controller.applyWorkspace(config);
    controller.listen(QStringLiteral("127.0.0.1:0"));
    QTRY_VERIFY_WITH_TIMEOUT(controller.status().listening && controller.status().services.size() == 3, 10000);
    const quint16 port = quint16(controller.status().baseUrl.port());
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));

    QRandomGenerator jitter(8765); // the same picture on every run
    int sent = 0;
    for (int round = 0; round < 120; ++round) {
        if (round > 0)
            now += 5000;
        // A morning ramp with a lunch dip on the demo service, steadier staging, a burst of 5xx.
        const double t = round / 119.0;
        const int demoCalls = 3 + int(9 * qSin(t * M_PI) + 3 * qSin(t * 9)) + int(jitter.bounded(4));
        const int stagingCalls = 2 + int(jitter.bounded(3)) + (round % 17 == 0 ? 5 : 0);
        const int failures = (round > 70 && round < 82) ? 3 : (round % 13 == 0 ? 1 : 0);
        QByteArray batch;
        for (int i = 0; i < demoCalls; ++i)
            batch += toolCall(port, "demo", "getForecast", R"({"city":"Lisbon"})");
        for (int i = 0; i < stagingCalls; ++i)
            batch += toolCall(port, "inventory-staging", "listItems", "{}");
        for (int i = 0; i < failures; ++i)
            batch += toolCall(port, "demo", "simulateStatus", R"({"code":503})");
        const int calls = demoCalls + stagingCalls + failures;
        QCOMPARE(TestSupport::rawExchange(port, batch, calls, 10000).size(), calls);
        sent += calls;
        QTRY_COMPARE_WITH_TIMEOUT(received, sent, 5000);
    }
    now += 2500; // the last bucket half full, as the window would show it
    page.refresh();
    QTest::qWait(100);
    QVERIFY(page.grab().save(out + QStringLiteral("/overview.png")));
}

QTEST_MAIN(TestOverviewPage)
#include "tst_overviewpage.moc"
