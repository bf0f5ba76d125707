// SPDX-License-Identifier: GPL-3.0-or-later
// GatewayController: the gateway runs on its own thread and keeps serving real HTTP requests while
// the controller's thread (the window's, in the app) is blocked or while a large OpenAPI document
// is being imported; status and traffic arrive as queued values, events in batches, none lost.
#include "RawHttpClient.h"

#include "core/GatewayController.h"
#include "secrets/MemorySecretStore.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <mutex>
#include <thread>

using Gateway::GatewayController;
using Gateway::GatewayStatus;

namespace {

QByteArray toolCall(quint16 port, const QString& service)
{
    const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getForecast",)"
                            R"("arguments":{"city":"Lisbon"},"_meta":{"io.modelcontextprotocol/protocolVersion":)"
                            R"("2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
    return "POST /mcp/" + service.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n"
          "Content-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// Calls the gateway in a loop from its own std::thread (neither the controller's nor the gateway's)
// and records when each successful answer arrived and how long it took.
class ClientLoop
{
public:
    ClientLoop(quint16 port, const QString& service)
        : m_request(toolCall(port, service))
        , m_port(port)
    {
        m_clock.start();
        m_thread = std::thread([this] {
            while (!m_stop) {
                const qint64 sent = m_clock.elapsed();
                const auto responses = TestSupport::rawExchange(m_port, m_request, 1, 5000);
                const qint64 done = m_clock.elapsed();
                std::lock_guard<std::mutex> lock(m_mutex);
                if (responses.size() == 1 && responses.first().status == 200
                    && responses.first().body.contains("\"result\""))
                    m_answers.append({done, done - sent});
                else
                    ++m_failures;
            }
        });
    }
    ~ClientLoop() { stop(); }
    void stop()
    {
        m_stop = true;
        if (m_thread.joinable())
            m_thread.join();
    }
    qint64 now() const { return m_clock.elapsed(); }
    // Answers that arrived within [from, to] ms, and the slowest of them.
    int answeredBetween(qint64 from, qint64 to, qint64* slowest = nullptr) const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        int n = 0;
        for (const auto& a : m_answers) {
            if (a.first >= from && a.first <= to) {
                ++n;
                if (slowest)
                    *slowest = qMax(*slowest, a.second);
            }
        }
        return n;
    }
    int total() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return int(m_answers.size());
    }
    int failures() const
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        return m_failures;
    }

private:
    QByteArray m_request;
    quint16 m_port;
    QElapsedTimer m_clock;
    std::atomic<bool> m_stop{false};
    std::thread m_thread;
    mutable std::mutex m_mutex;
    QList<QPair<qint64, qint64>> m_answers; // (arrival ms, latency ms)
    int m_failures = 0;
};

GatewayController::Options memoryStore()
{
    GatewayController::Options options;
    options.secretStoreFactory = [](QObject* parent) { return new Gateway::MemorySecretStore(parent); };
    return options;
}

bool waitForListening(GatewayController& controller)
{
    return QTest::qWaitFor([&] { return controller.status().listening && controller.status().configured; }, 10000);
}

// An OpenAPI 3 document with `count` operations, each with a path parameter, a query parameter
// and a JSON response schema.
QByteArray syntheticDocument(int count)
{
    QJsonObject paths;
    for (int i = 0; i < count; ++i) {
        const QJsonObject parameter{
            {QStringLiteral("name"), QStringLiteral("id")},
            {QStringLiteral("in"), QStringLiteral("path")},
            {QStringLiteral("required"), true},
            {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("integer")}}}};
        const QJsonObject query{
            {QStringLiteral("name"), QStringLiteral("verbose")},
            {QStringLiteral("in"), QStringLiteral("query")},
            {QStringLiteral("schema"), QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}}};
        const QJsonObject response{
            {QStringLiteral("description"), QStringLiteral("ok")},
            {QStringLiteral("content"),
             QJsonObject{{QStringLiteral("application/json"),
                          QJsonObject{{QStringLiteral("schema"),
                                       QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                                   {QStringLiteral("properties"),
                                                    QJsonObject{{QStringLiteral("name"),
                                                                 QJsonObject{{QStringLiteral("type"),
                                                                              QStringLiteral("string")}}}}}}}}}}}};
        paths.insert(
            QStringLiteral("/resource%1/{id}").arg(i),
            QJsonObject{{QStringLiteral("get"),
                         QJsonObject{{QStringLiteral("operationId"), QStringLiteral("getResource%1").arg(i)},
                                     {QStringLiteral("summary"), QStringLiteral("Reads resource %1").arg(i)},
                                     {QStringLiteral("parameters"), QJsonArray{parameter, query}},
                                     {QStringLiteral("responses"), QJsonObject{{QStringLiteral("200"), response}}}}}});
    }
    return QJsonDocument(
               QJsonObject{{QStringLiteral("openapi"), QStringLiteral("3.0.3")},
                           {QStringLiteral("info"),
                            QJsonObject{{QStringLiteral("title"), QStringLiteral("Big")},
                                        {QStringLiteral("version"), QStringLiteral("1")}}},
                           {QStringLiteral("servers"),
                            QJsonArray{QJsonObject{{QStringLiteral("url"), QStringLiteral("http://127.0.0.1:9")}}}},
                           {QStringLiteral("paths"), paths}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestGatewayController : public QObject
{
    Q_OBJECT

private slots:
    void servesWhileTheControllerThreadIsBlocked();
    void largeImportStallsNeitherThread();
    void refusedWorkspaceIsReported();
    void servicesRefusedOneByOne();
    void eventsWaitBoundedWhileNobodyReads();
    void stopJoinsTheThread();
    void stopAndStartListening();
    void secretCommandsRunOnTheGatewayStore();
};

void TestGatewayController::servesWhileTheControllerThreadIsBlocked()
{
    GatewayController controller(memoryStore());
    QSignalSpy batches(&controller, &GatewayController::eventsAppended);
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QVERIFY(waitForListening(controller));
    QVERIFY(controller.status().demo);
    QVERIFY(controller.thread() == QThread::currentThread());
    const quint16 port = quint16(controller.status().baseUrl.port());

    ClientLoop client(port, QStringLiteral("demo"));
    QTest::qWait(200); // the client is running
    const qint64 blockStart = client.now();
    QThread::sleep(2); // this thread (the window's in the app) handles no events at all
    const qint64 blockEnd = client.now();
    QTest::qWait(200);
    client.stop();

    qint64 slowest = 0;
    const int served = client.answeredBetween(blockStart, blockEnd, &slowest);
    qInfo("served %d tool calls (through the demo backend) while this thread was blocked for %lld ms; slowest %lld ms",
          served, blockEnd - blockStart, slowest);
    QCOMPARE(client.failures(), 0);
    QVERIFY2(served >= 20, qPrintable(QString::number(served)));
    QVERIFY2(slowest < 500, qPrintable(QString::number(slowest)));

    // Every call shows up once, in order, in batches (not one signal per event).
    int events = 0;
    quint64 lastId = 0;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            events = 0;
            for (const QList<QVariant>& args : std::as_const(batches))
                events += int(args.at(0).value<QList<Gateway::TrafficEvent>>().size());
            return events >= client.total();
        }(),
        5000);
    for (const QList<QVariant>& args : std::as_const(batches)) {
        for (const Gateway::TrafficEvent& e : args.at(0).value<QList<Gateway::TrafficEvent>>()) {
            QVERIFY(e.id > lastId);
            lastId = e.id;
        }
    }
    QCOMPARE(events, client.total());
    QVERIFY2(batches.size() < events / 2,
             qPrintable(QStringLiteral("%1 batches for %2 events").arg(batches.size()).arg(events)));
    QCOMPARE(controller.status().droppedEvents, quint64(0));
}

void TestGatewayController::largeImportStallsNeitherThread()
{
    QTemporaryDir dir;
    const QString big = dir.filePath(QStringLiteral("big.json"));
    {
        QFile f(big);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(syntheticDocument(5000));
    }
    GatewayController controller(memoryStore());
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QVERIFY(waitForListening(controller));
    const quint16 port = quint16(controller.status().baseUrl.port());
    Gateway::ServiceConfig demo;
    demo.name = QStringLiteral("demo");
    demo.openApiPath = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");
    demo.baseUrl = controller.status().services.first().backendUrl;
    Gateway::ServiceConfig large;
    large.name = QStringLiteral("big");
    large.openApiPath = big;
    Gateway::WorkspaceConfig config;
    config.services = {demo, large};

    ClientLoop client(port, QStringLiteral("demo"));
    QTest::qWait(200);
    const quint64 generation = controller.status().configGeneration;
    QElapsedTimer import;
    import.start();
    const qint64 importStart = client.now();
    controller.applyWorkspace(config);
    // This thread keeps turning: the longest gap between two wake-ups stays small.
    qint64 longestGap = 0;
    QElapsedTimer gap;
    gap.start();
    while (controller.status().configGeneration == generation && import.elapsed() < 120000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        longestGap = qMax(longestGap, gap.restart());
        QThread::msleep(1);
    }
    const qint64 importEnd = client.now();
    client.stop();
    QVERIFY(controller.status().configGeneration > generation);
    QVERIFY2(controller.status().configError.isEmpty(), qPrintable(controller.status().configError));
    int bigTools = 0;
    for (const Gateway::ServiceStatus& s : controller.status().services)
        bigTools = s.name == QLatin1String("big") ? s.toolCount : bigTools;
    QCOMPARE(bigTools, 5000);
    qint64 slowest = 0;
    const int served = client.answeredBetween(importStart, importEnd, &slowest);
    qInfo("importing 5,000 operations took %lld ms; meanwhile %d calls to another service were served (slowest "
          "%lld ms) and this thread's longest pause was %lld ms",
          importEnd - importStart, served, slowest, longestGap);
    QCOMPARE(client.failures(), 0);
    QVERIFY2(longestGap < 150, qPrintable(QString::number(longestGap)));
    QVERIFY2(slowest < 500, qPrintable(QString::number(slowest)));
    if (importEnd - importStart > 300)
        QVERIFY(served > 0);
}

void TestGatewayController::servicesRefusedOneByOne()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"version": 1, "services": [
            {"name": "x", "openapi": "missing.yaml", "security": {"mode": "sideways"}},
            {"name": "demo", "openapi": ":/portcullis/demo/demo-openapi.yaml", "baseUrl": "http://127.0.0.1:9"}]})");
    }
    GatewayController controller(memoryStore());
    controller.openWorkspace(path, QStringLiteral("127.0.0.1:0"));
    QTRY_VERIFY(controller.status().listening);
    QVERIFY2(controller.status().configError.isEmpty(), qPrintable(controller.status().configError));
    QTRY_COMPARE(controller.status().services.size(), 2);
    for (const Gateway::ServiceStatus& service : controller.status().services) {
        if (service.name == QLatin1String("x")) {
            QVERIFY2(service.error.contains(QStringLiteral("$.services[0].security.mode")), qPrintable(service.error));
            QVERIFY(service.securityMode.isEmpty()); // refused settings claim no mode
        } else {
            QVERIFY2(service.error.isEmpty(), qPrintable(service.error));
            QVERIFY(service.toolCount > 0);
        }
    }
}

void TestGatewayController::refusedWorkspaceIsReported()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("ws.json"));
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // A file-level defect (a service without a valid name) refuses the whole workspace; a bad
        // service's own settings only take that service out (see servicesRefusedOneByOne).
        f.write(R"({"version": 1, "services": [{"name": "bad name", "openapi": "missing.yaml"}]})");
    }
    GatewayController controller(memoryStore());
    QSignalSpy statuses(&controller, &GatewayController::statusChanged);
    controller.openWorkspace(path, QStringLiteral("127.0.0.1:0"));
    QTRY_VERIFY(!controller.status().configError.isEmpty());
    QVERIFY2(controller.status().configError.contains(QStringLiteral("$.services[0].name")),
             qPrintable(controller.status().configError));
    QVERIFY(!controller.status().configured);
    QVERIFY(!controller.status().listening); // nothing to serve yet
    QCOMPARE(controller.status().workspacePath, path);

    // A valid document that cannot be imported is refused by the snapshot build, off this thread:
    // that service is not served and says why; the workspace itself is accepted.
    Gateway::ServiceConfig broken;
    broken.name = QStringLiteral("broken");
    broken.openApiPath = dir.filePath(QStringLiteral("absent.yaml"));
    Gateway::WorkspaceConfig config;
    config.services = {broken};
    controller.applyWorkspace(config);
    QTRY_COMPARE(controller.status().services.size(), 1);
    QVERIFY2(controller.status().services.first().error.contains(QStringLiteral("absent.yaml")),
             qPrintable(controller.status().services.first().error));
    QVERIFY(!statuses.isEmpty());
}

void TestGatewayController::eventsWaitBoundedWhileNobodyReads()
{
    GatewayController::Options options = memoryStore();
    options.maxPendingEvents = 5;
    options.eventBatchIntervalMs = 1;
    GatewayController controller(options);
    QSignalSpy batches(&controller, &GatewayController::eventsAppended);
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QVERIFY(waitForListening(controller));
    const quint16 port = quint16(controller.status().baseUrl.port());
    // One batch goes out and is not taken (this thread is busy); the rest wait, capped at 5.
    for (int i = 0; i < 12; ++i) {
        const auto r = TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo")));
        QCOMPARE(r.size(), 1);
        QCOMPARE(r.first().status, 200);
        QThread::msleep(5);
    }
    QTRY_VERIFY(controller.status().droppedEvents > 0);
    int events = 0;
    for (const QList<QVariant>& args : std::as_const(batches))
        events += int(args.at(0).value<QList<Gateway::TrafficEvent>>().size());
    QVERIFY(events + int(controller.status().droppedEvents) <= 12);
    QTRY_COMPARE_WITH_TIMEOUT(
        [&] {
            int n = 0;
            for (const QList<QVariant>& args : std::as_const(batches))
                n += int(args.at(0).value<QList<Gateway::TrafficEvent>>().size());
            return n + int(controller.status().droppedEvents);
        }(),
        12, 5000);
}

// The window stores backend secrets through the controller: the gateway's own store is written on
// the gateway thread and the answer (never the value) comes back on the caller's thread.
void TestGatewayController::secretCommandsRunOnTheGatewayStore()
{
    QThread* storeThread = nullptr;
    Gateway::MemorySecretStore* store = nullptr;
    GatewayController::Options options;
    options.secretStoreFactory = [&](QObject* parent) {
        storeThread = QThread::currentThread();
        store = new Gateway::MemorySecretStore(parent);
        return store;
    };
    GatewayController controller(options);
    controller.start();
    QTRY_VERIFY(controller.status().running);
    QVERIFY(storeThread && storeThread != QThread::currentThread());

    QObject context;
    QList<Gateway::SecretResult> results;
    QList<QThread*> threads;
    auto record = [&](const Gateway::SecretResult& result) {
        results.append(result);
        threads.append(QThread::currentThread());
    };
    controller.writeSecret(QStringLiteral("portcullis/svc/backend-secret"), "s3cret", &context, record);
    QVERIFY(results.isEmpty()); // never answered inside the call
    QTRY_COMPARE(results.size(), 1);
    QVERIFY(results.first().isOk());
    QVERIFY(results.first().value.isEmpty());
    QCOMPARE(threads.first(), QThread::currentThread());
    QCOMPARE(store->size(), 1);

    controller.removeSecret(QStringLiteral("portcullis/svc/backend-secret"), &context, record);
    QTRY_COMPARE(results.size(), 2);
    QVERIFY(results.at(1).isOk());
    QCOMPARE(store->size(), 0);

    // An invalid key is refused by the store, with a reason.
    controller.writeSecret(QString(), "x", &context, record);
    QTRY_COMPARE(results.size(), 3);
    QVERIFY(!results.at(2).isOk());

    // A context gone before the answer: nothing runs.
    auto* gone = new QObject;
    bool called = false;
    controller.writeSecret(QStringLiteral("k"), "v", gone, [&](const Gateway::SecretResult&) { called = true; });
    delete gone;
    QTest::qWait(100);
    QVERIFY(!called);
}

void TestGatewayController::stopJoinsTheThread()
{
    GatewayController controller(memoryStore());
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QVERIFY(waitForListening(controller));
    const quint16 port = quint16(controller.status().baseUrl.port());
    controller.stop();
    QVERIFY(!controller.isRunning());
    QVERIFY(!controller.status().listening);
    QVERIFY(TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo")), 1, 500).isEmpty()
            || !TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo")), 1, 500).first().complete);
}

// Stop closes the listener (a new connection is refused) without unloading the configuration;
// a connection already open gets no new answer; Start listens again on the same port.
void TestGatewayController::stopAndStartListening()
{
    GatewayController controller(memoryStore());
    controller.startDemo(QStringLiteral("127.0.0.1:0"));
    QVERIFY(waitForListening(controller));
    const quint16 port = quint16(controller.status().baseUrl.port());
    QVERIFY(!controller.status().listenStopped);
    QCOMPARE(controller.status().listenAddress, QStringLiteral("127.0.0.1:%1").arg(port));
    const auto before = TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo")));
    QCOMPARE(before.size(), 1);
    QCOMPARE(before.first().status, 200);

    // A keep-alive connection opened while listening: idle when the listener closes.
    QTcpSocket idle;
    idle.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(idle.waitForConnected(2000));

    controller.stopListening();
    QTRY_VERIFY(!controller.status().listening);
    QVERIFY(controller.status().listenStopped);
    QVERIFY(controller.status().running);
    QVERIFY(controller.status().configured);
    QCOMPARE(controller.status().services.size(), 1);

    QTcpSocket refused;
    refused.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(!refused.waitForConnected(2000));
    QCOMPARE(refused.error(), QAbstractSocket::ConnectionRefusedError);
    // The idle connection is closed by the gateway: a request sent on it gets no answer.
    QTRY_COMPARE_WITH_TIMEOUT(idle.state(), QAbstractSocket::UnconnectedState, 3000);
    QVERIFY(TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo")), 1, 1000).isEmpty());

    controller.startListening();
    QTRY_VERIFY(controller.status().listening);
    QVERIFY(!controller.status().listenStopped);
    QCOMPARE(quint16(controller.status().baseUrl.port()), port);
    QVERIFY(controller.status().listenError.isEmpty());
    const auto after = TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo")));
    QCOMPARE(after.size(), 1);
    QCOMPARE(after.first().status, 200);

    // Stopping twice, then starting twice, is harmless.
    controller.stopListening();
    controller.stopListening();
    QTRY_VERIFY(!controller.status().listening);
    controller.startListening();
    controller.startListening();
    QTRY_VERIFY(controller.status().listening);
    QCOMPARE(TestSupport::rawExchange(port, toolCall(port, QStringLiteral("demo"))).value(0).status, 200);
}

QTEST_GUILESS_MAIN(TestGatewayController)
#include "tst_gatewaycontroller.moc"
