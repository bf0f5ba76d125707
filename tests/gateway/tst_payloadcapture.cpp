// SPDX-License-Identifier: GPL-3.0-or-later
// Payload capture of the traffic inspector: redaction before storing (credential fields, their values
// echoed in any JSON escaping, configured backend secrets), truncation and the byte budget, the
// backend leg of a real call, HAR 1.2 export validated against the HAR schema, "copy as curl", replay
// against the gateway, and canary secrets (configured, typed into an elicitation page, echoed by the
// backend) absent from captures, HAR, curl text, the JSON Lines file and the log.
#include "FaultBackend.h"
#include "RawHttpClient.h"
#include "backend/SecretRedactor.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "log/CaptureReplay.h"
#include "log/HarExporter.h"
#include "log/PayloadCapture.h"
#include "log/TrafficLog.h"
#include "openapi/JsonSchemaValidator.h"
#include "secrets/MemorySecretStore.h"
#include "security/ApiKey.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <memory>

using Gateway::CapturedExchange;
using Gateway::CapturedHttp;
using Gateway::HarExporter;
using Gateway::PayloadCaptureStore;
using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

namespace {

QMutex g_logMutex;
QByteArray g_log;
QtMessageHandler g_previous = nullptr;

void captureMessages(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    {
        QMutexLocker lock(&g_logMutex);
        g_log += message.toUtf8() + '\n';
    }
    if (g_previous)
        g_previous(type, context, message);
}

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Every byte as \uXXXX: the most escaped JSON form of `text`.
QByteArray unicodeEscaped(const QByteArray& text)
{
    QByteArray out;
    for (char c : text)
        out += "\\u" + QByteArray::number(uchar(c), 16).rightJustified(4, '0');
    return out;
}

QJsonObject loadHarSchema()
{
    QFile file(QStringLiteral(PORTCULLIS_TEST_DATA_DIR "/har/har-1.2.schema.json"));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

CapturedExchange sampleCapture(const QByteArray& body)
{
    CapturedExchange c;
    c.mcp.method = "POST";
    c.mcp.url = QStringLiteral("/mcp/demo");
    c.mcp.requestHeaders = {{"Content-Type", "application/json"}};
    c.mcp.requestBody = body;
    c.mcp.status = 200;
    c.mcp.responseBody = body;
    return c;
}

} // namespace

class tst_PayloadCapture : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void redaction_data();
    void redaction();
    void truncationAfterRedaction();
    void budgetEvictsOldestFirst();
    void search_data();
    void search();
    void searchResumesSliceBySlice();
    void offCapturesNothing();
    void harSchemaRejectsBrokenHar();
    void bothLegsCapturedAndCanariesNeverLeak();
    void replayAgainstTheGateway();

private:
    void startGateway(bool capture);
    QList<TestSupport::RawResponse> post(const QByteArray& path, const RawHeaders& extra, const QByteArray& body);
    QByteArray toolCall(int id) const;
    QByteArray canaryScan(const QByteArray& where, const QByteArray& text) const;

    TestSupport::FaultBackend m_backend;
    Gateway::MemorySecretStore m_store;
    QTemporaryDir m_dir;
    std::unique_ptr<Gateway::GatewayServer> m_server;
    QByteArray m_apiKey;
    const QByteArray m_password = "CANARYpw-3Hq!z8Kd_w2"; // configured backend secret (Basic password)
    QByteArray m_basic;
    const QByteArray m_elicited = "CANARYelicit-Rt5v9Qw"; // typed into an /elicit/ page
    QJsonObject m_harSchema;
};

void tst_PayloadCapture::initTestCase()
{
    g_previous = qInstallMessageHandler(captureMessages);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_backend.start().isValid());
    m_apiKey = Gateway::ApiKey::generate().toLatin1();
    m_basic = QByteArray("u:" + m_password).toBase64();
    m_harSchema = loadHarSchema();
    QVERIFY2(!m_harSchema.isEmpty(), "tests/data/har/har-1.2.schema.json missing or not JSON");
    bool done = false;
    m_store.write(QStringLiteral("demo-pass"), m_password, [&](const Gateway::SecretResult& r) {
        QVERIFY(r.isOk());
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
}

void tst_PayloadCapture::cleanupTestCase()
{
    m_server.reset();
    qInstallMessageHandler(g_previous);
}

void tst_PayloadCapture::redaction_data()
{
    QTest::addColumn<QByteArray>("headerName");
    QTest::addColumn<QByteArray>("headerValue");
    QTest::addColumn<QByteArray>("echoed"); // the form in which the backend sends it back
    QTest::addColumn<QByteArray>("secret"); // must not appear anywhere in the stored capture

    const QByteArray token = "tok.en/With+slash-9f8e7d";
    QTest::newRow("bearer, plain echo") << QByteArray("Authorization") << QByteArray("Bearer " + token) << token
                                        << token;
    QTest::newRow("bearer, \\/ escaped") << QByteArray("Authorization") << QByteArray("Bearer " + token)
                                         << QByteArray("tok.en\\/With+slash-9f8e7d") << token;
    QTest::newRow("bearer, \\u escaped") << QByteArray("Authorization") << QByteArray("Bearer " + token)
                                         << unicodeEscaped(token) << token;
    QTest::newRow("api key") << QByteArray("x-reshapr-key") << QByteArray("rk_live_ABCDEF123456")
                             << QByteArray("rk_live_ABCDEF123456") << QByteArray("rk_live_ABCDEF123456");
    QTest::newRow("proxy authorization") << QByteArray("Proxy-Authorization") << QByteArray("Basic dTpwcm94eXB3")
                                         << QByteArray("proxypw") << QByteArray("proxypw");
    QTest::newRow("cookie value") << QByteArray("Cookie") << QByteArray("sid=s3ss10nV4lue; theme=dark")
                                  << QByteArray("s3ss10nV4lue") << QByteArray("s3ss10nV4lue");
}

void tst_PayloadCapture::redaction()
{
    QFETCH(QByteArray, headerName);
    QFETCH(QByteArray, headerValue);
    QFETCH(QByteArray, echoed);
    QFETCH(QByteArray, secret);
    PayloadCaptureStore store;
    CapturedExchange c = sampleCapture(R"({"jsonrpc":"2.0","id":1,"method":"tools/call"})");
    c.mcp.requestHeaders.append({headerName, headerValue});
    c.mcp.responseBody = R"({"result":{"content":[{"type":"text","text":"you sent )" + echoed + R"("}]}})";
    c.hasBackend = true;
    c.backend.method = "GET";
    c.backend.url
        = QStringLiteral("http://127.0.0.1:1/v1/x?api_key=") + QString::fromLatin1(secret.toPercentEncoding());
    c.backend.responseHeaders = {{"Content-Type", "application/json"}, {"X-Echo", echoed}, {"Set-Cookie", "a=b"}};
    c.backend.responseBody = R"({"echo":")" + echoed + R"("})";
    store.store(7, c);
    const CapturedExchange stored = store.capture(7);
    QVERIFY(stored.isValid());
    const QByteArray all = compact(stored.toJson());
    QVERIFY2(!all.contains(secret), all.constData());
    QVERIFY2(!all.contains(echoed), all.constData());
    QVERIFY(all.contains(Gateway::SecretRedactor::Marker));
    // The credential field itself stays visible by name.
    bool named = false;
    for (const auto& h : stored.mcp.requestHeaders)
        named = named || (h.first == headerName && h.second == Gateway::SecretRedactor::Marker);
    QVERIFY(named);
    for (const auto& h : stored.backend.responseHeaders) {
        if (h.first == "Set-Cookie")
            QCOMPARE(h.second, QByteArray(Gateway::SecretRedactor::Marker));
    }
}

void tst_PayloadCapture::truncationAfterRedaction()
{
    PayloadCaptureStore store(1024 * 1024, 100);
    const QByteArray secret = "SECRETsecretSECRET";
    // The secret straddles the cut: redacting first leaves no prefix of it.
    QByteArray body = QByteArray(90, 'a') + secret + QByteArray(200, 'b');
    CapturedExchange c = sampleCapture(body);
    c.mcp.requestHeaders.append({"x-reshapr-key", secret});
    store.store(1, c);
    const CapturedExchange stored = store.capture(1);
    QCOMPARE(stored.mcp.requestBody.size(), 100);
    QVERIFY(stored.mcp.requestTruncated);
    QCOMPARE(stored.mcp.requestSize, qint64(body.size()));
    QVERIFY(!stored.mcp.requestBody.contains("SECRET"));
    QVERIFY(stored.mcp.requestBody.endsWith(QByteArray("[redacted]").left(10)));
}

void tst_PayloadCapture::search_data()
{
    QTest::addColumn<QByteArrayList>("words");
    QTest::addColumn<QList<quint64>>("expected");
    // 1: MCP leg only; 2: backend leg answers "Paris"; 3: a credential header that was redacted.
    QTest::newRow("MCP request body") << QByteArrayList{"forecast"} << QList<quint64>{1, 2, 3};
    QTest::newRow("any case") << QByteArrayList{"FORECAST"} << QList<quint64>{1, 2, 3};
    QTest::newRow("backend response body") << QByteArrayList{"paris"} << QList<quint64>{2};
    QTest::newRow("backend URL") << QByteArrayList{"/v1/weather"} << QList<quint64>{2};
    QTest::newRow("header value") << QByteArrayList{"text/html"} << QList<quint64>{2};
    QTest::newRow("every word, across legs") << QByteArrayList{"forecast", "paris"} << QList<quint64>{2};
    QTest::newRow("a word nowhere") << QByteArrayList{"forecast", "zzz"} << QList<quint64>{};
    QTest::newRow("redacted values are not found") << QByteArrayList{"canary-key"} << QList<quint64>{};
    QTest::newRow("no words") << QByteArrayList{} << QList<quint64>{};
}

void tst_PayloadCapture::search()
{
    QFETCH(QByteArrayList, words);
    QFETCH(QList<quint64>, expected);
    PayloadCaptureStore store;
    store.store(1, sampleCapture(R"({"method":"tools/call","params":{"name":"forecast"}})"));
    CapturedExchange withBackend = sampleCapture(R"({"params":{"name":"Forecast"}})");
    withBackend.hasBackend = true;
    withBackend.backend.method = "GET";
    withBackend.backend.url = QStringLiteral("http://127.0.0.1:9/v1/weather?city=Paris");
    withBackend.backend.status = 200;
    withBackend.backend.responseHeaders = {{"Content-Type", "text/html"}};
    withBackend.backend.responseBody = R"({"city":"Paris"})";
    store.store(2, withBackend);
    CapturedExchange keyed = sampleCapture(R"({"name":"forecast"})");
    keyed.mcp.requestHeaders.append(qMakePair(QByteArray("x-reshapr-key"), QByteArray("CANARY-KEY-1")));
    store.store(3, keyed);

    const PayloadCaptureStore::SearchSlice slice = store.search(words, 1, 1 << 30);
    QCOMPARE(slice.matches, expected);
    QVERIFY(slice.finished);
    QCOMPARE(slice.lastScannedId, quint64(3));
    // From a later id on, earlier captures are not looked at.
    if (!expected.isEmpty()) {
        const auto later = store.search(words, expected.last() + 1, 1 << 30);
        QVERIFY(later.matches.isEmpty());
    }
}

void tst_PayloadCapture::searchResumesSliceBySlice()
{
    PayloadCaptureStore store(64 * 1024 * 1024, 4096);
    for (quint64 id = 1; id <= 100; ++id)
        store.store(id, sampleCapture(id % 10 == 0 ? QByteArray(1000, 'a') + "needle" : QByteArray(1000, 'a')));
    // About 4 captures per slice: the whole store in slices, every match once, in order.
    QList<quint64> found;
    quint64 from = 1;
    int slices = 0;
    for (;;) {
        const auto slice = store.search({"NEEDLE"}, from, 8 * 1024);
        ++slices;
        found << slice.matches;
        QVERIFY(slice.lastScannedId >= from);
        if (slice.finished)
            break;
        from = slice.lastScannedId + 1;
        QVERIFY(slices < 100);
    }
    QCOMPARE(found, (QList<quint64>{10, 20, 30, 40, 50, 60, 70, 80, 90, 100}));
    QVERIFY2(slices >= 10, QByteArray::number(slices).constData());
    // Nothing stored at or after `from` yet: finished, and the next search starts at `from` again.
    const auto empty = store.search({"needle"}, 101, 8 * 1024);
    QVERIFY(empty.finished);
    QCOMPARE(empty.lastScannedId, quint64(100));
}

void tst_PayloadCapture::budgetEvictsOldestFirst()
{
    const qint64 budget = 64 * 1024;
    PayloadCaptureStore store(budget, 4096);
    for (quint64 id = 1; id <= 200; ++id) {
        store.store(id, sampleCapture(QByteArray(1000 + int(id % 7) * 100, 'x')));
        QVERIFY(store.usedBytes() <= budget);
    }
    QVERIFY(store.size() > 5);
    QVERIFY(store.size() < 200);
    QVERIFY(!store.capture(1).isValid()); // oldest gone
    QVERIFY(store.capture(200).isValid()); // newest kept
    const quint64 oldestKept = 200 - quint64(store.size()) + 1;
    QVERIFY(store.capture(oldestKept).isValid());
    QVERIFY(!store.capture(oldestKept - 1).isValid());
    QCOMPARE(store.evicted(), quint64(200 - store.size()));
    // One capture larger than the whole budget is not kept and evicts nothing.
    const int before = store.size();
    store.store(201, sampleCapture(QByteArray(4096, 'y')));
    PayloadCaptureStore tiny(1000, 4096);
    tiny.store(1, sampleCapture(QByteArray(4096, 'y')));
    QCOMPARE(tiny.size(), 0);
    QVERIFY(store.size() <= before + 1);
}

void tst_PayloadCapture::startGateway(bool capture)
{
    Gateway::WorkspaceConfig config = Gateway::WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    QVERIFY(!config.services.isEmpty());
    config.gateway.trafficLogFile = m_dir.filePath(QStringLiteral("traffic.jsonl"));
    config.gateway.capturePayloadsToFile = true;
    Gateway::BackendAuth basic;
    basic.kind = Gateway::BackendAuth::Kind::Basic;
    basic.username = QStringLiteral("u");
    basic.secretRef = QStringLiteral("keychain:demo-pass");
    Gateway::ServiceConfig& keyed = config.services[0];
    keyed.security.mode = Gateway::EndpointSecurity::Mode::ApiKey;
    keyed.security.apiKeyHashes = {Gateway::ApiKey::hash(m_apiKey)};
    keyed.backendAuth = basic;
    m_server = std::make_unique<Gateway::GatewayServer>();
    m_server->setSecretStore(&m_store);
    m_server->setPayloadCaptureEnabled(capture);
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

QByteArray tst_PayloadCapture::toolCall(int id) const
{
    const QJsonObject meta{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                           {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{}},
                           {QStringLiteral("io.modelcontextprotocol/clientInfo"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                        {QStringLiteral("version"), QStringLiteral("1")}}}};
    return compact(
        {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
         {QStringLiteral("id"), id},
         {QStringLiteral("method"), QStringLiteral("tools/call")},
         {QStringLiteral("params"),
          QJsonObject{{QStringLiteral("name"), QStringLiteral("getForecast")},
                      {QStringLiteral("arguments"),
                       QJsonObject{{QStringLiteral("city"), QStringLiteral("Lisbon")}, {QStringLiteral("days"), 2}}},
                      {QStringLiteral("_meta"), meta}}}});
}

QList<TestSupport::RawResponse> tst_PayloadCapture::post(const QByteArray& path, const RawHeaders& extra,
                                                         const QByteArray& body)
{
    const quint16 port = m_server->serverPort();
    QByteArray bytes = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n";
    for (const auto& h : extra)
        bytes += h.first + ": " + h.second + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    auto future
        = std::async(std::launch::async, [port, bytes]() { return TestSupport::rawExchange(port, bytes, 1, 8000); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(5);
    return future.get();
}

QByteArray tst_PayloadCapture::canaryScan(const QByteArray& where, const QByteArray& text) const
{
    const QList<QPair<QByteArray, QByteArray>> canaries{
        {"API key", m_apiKey},
        {"API key secret part", m_apiKey.mid(5, 16)},
        {"backend password", m_password},
        {"base64(u:password)", m_basic},
        {"elicited value", m_elicited},
    };
    for (const auto& c : canaries) {
        if (!c.second.isEmpty() && text.contains(c.second))
            return where + " contains the " + c.first + ": " + text.left(800);
    }
    return {};
}

void tst_PayloadCapture::offCapturesNothing()
{
    startGateway(false);
    if (QTest::currentTestFailed())
        return;
    const auto r = post("/mcp/demo", {{"x-reshapr-key", m_apiKey}}, toolCall(1));
    QCOMPARE(r.value(0).status, 200);
    QCOMPARE(m_server->payloadCapture()->size(), 0);
    QVERIFY(!m_server->payloadCapture()->capture(m_server->trafficLog()->lastId()).isValid());
    m_server.reset();
}

void tst_PayloadCapture::harSchemaRejectsBrokenHar()
{
    // The schema check can fail: a HAR missing required fields or with wrong types is refused.
    Gateway::TrafficEvent e;
    e.id = 1;
    e.time = QDateTime::currentDateTimeUtc();
    e.httpMethod = QStringLiteral("POST");
    e.path = QStringLiteral("/mcp/demo");
    e.httpStatus = 200;
    QJsonObject har = HarExporter::toHar({e}, {}, QUrl(QStringLiteral("http://127.0.0.1:8765")));
    QVERIFY(Gateway::JsonSchemaValidator::validate(m_harSchema, har, QStringLiteral("har")).valid);
    QJsonObject log = har.value(QLatin1String("log")).toObject();
    QJsonArray entries = log.value(QLatin1String("entries")).toArray();
    QJsonObject entry = entries.at(0).toObject();
    entry.insert(QStringLiteral("time"), QStringLiteral("soon"));
    entry.remove(QStringLiteral("timings"));
    entries[0] = entry;
    log.insert(QStringLiteral("entries"), entries);
    log.insert(QStringLiteral("version"), QStringLiteral("1.1"));
    har.insert(QStringLiteral("log"), log);
    const auto result = Gateway::JsonSchemaValidator::validate(m_harSchema, har, QStringLiteral("har"));
    QVERIFY(!result.valid);
    QVERIFY(result.errors.size() >= 3);
}

void tst_PayloadCapture::bothLegsCapturedAndCanariesNeverLeak()
{
    startGateway(true);
    if (QTest::currentTestFailed())
        return;
    {
        QMutexLocker lock(&g_logMutex);
        g_log.clear();
    }
    // The backend echoes the credential it got: in a header, plainly, \/- and \u-escaped, base64.
    TestSupport::FaultResponse echo;
    echo.headers = {{"Content-Type", "application/json"}, {"X-Echo-Authorization", "Basic " + m_basic}};
    echo.body = R"({"forecast":"sunny","seen":")" + m_password + R"(","escaped":")" + unicodeEscaped(m_password)
        + R"(","basic":"Basic )" + m_basic + R"(","pair":"u:)" + m_password + R"("})";
    m_backend.setResponse(echo);

    const auto ok = post("/mcp/demo", {{"x-reshapr-key", m_apiKey}}, toolCall(1));
    QCOMPARE(ok.value(0).status, 200);
    const quint64 callId = m_server->trafficLog()->lastId();
    // The secret really reached the backend (the canary was live).
    QVERIFY(!m_backend.requests().isEmpty());
    QCOMPARE(m_backend.requests().last().header("Authorization"), "Basic " + m_basic);

    const auto denied = post("/mcp/demo", {{"x-reshapr-key", m_apiKey + "x"}}, toolCall(2));
    QCOMPARE(denied.value(0).status, 401);
    const quint64 deniedId = m_server->trafficLog()->lastId();
    const auto inQuery = post("/mcp/demo?x-reshapr-key=" + m_apiKey, {}, toolCall(3));
    QCOMPARE(inQuery.value(0).status, 400);
    // A person types a credential into an elicitation page: that exchange is never captured.
    const auto elicit
        = post("/elicit/unknown-id", {{"Content-Type", "application/x-www-form-urlencoded"}}, "secret=" + m_elicited);
    QVERIFY(!elicit.isEmpty());
    const quint64 elicitId = m_server->trafficLog()->lastId();
    QVERIFY(!m_server->payloadCapture()->capture(elicitId).isValid());
    m_backend.setResponse(TestSupport::FaultResponse{});

    // Both legs of the call.
    const CapturedExchange call = m_server->payloadCapture()->capture(callId);
    QVERIFY(call.isValid());
    QCOMPARE(call.eventId, callId);
    QCOMPARE(call.mcp.method, QByteArray("POST"));
    QCOMPARE(call.mcp.url, QStringLiteral("/mcp/demo"));
    QCOMPARE(call.mcp.status, 200);
    QVERIFY(call.mcp.requestBody.contains("getForecast"));
    QVERIFY(call.mcp.responseBody.contains("sunny"));
    QVERIFY(call.hasBackend);
    QCOMPARE(call.backend.method, QByteArray("GET"));
    QVERIFY2(call.backend.url.startsWith(m_backend.baseUrl().toString()), qPrintable(call.backend.url));
    QVERIFY(call.backend.url.contains(QStringLiteral("Lisbon")));
    QCOMPARE(call.backend.status, 200);
    QVERIFY(call.backend.responseBody.contains("sunny"));
    QVERIFY(call.backend.micros > 0);
    bool authNamed = false;
    for (const auto& h : call.backend.requestHeaders)
        authNamed = authNamed
            || (h.first.compare("Authorization", Qt::CaseInsensitive) == 0
                && h.second == Gateway::SecretRedactor::Marker);
    QVERIFY2(authNamed, "the backend request's Authorization field is shown by name, value redacted");
    const CapturedExchange refused = m_server->payloadCapture()->capture(deniedId);
    QVERIFY(refused.isValid());
    QCOMPARE(refused.mcp.status, 401);
    QVERIFY(!refused.hasBackend);

    // Canaries: captures, HAR, curl, JSON Lines (captures mirrored to it here), log.
    QList<Gateway::TrafficEvent> events = m_server->trafficLog()->events();
    for (const auto& e : events) {
        const QByteArray leak = canaryScan("capture", compact(m_server->payloadCapture()->capture(e.id).toJson()));
        QVERIFY2(leak.isEmpty(), leak.constData());
    }
    auto lookup = [this](quint64 id) { return m_server->payloadCapture()->capture(id); };
    const QJsonObject har = HarExporter::toHar(events, lookup, m_server->baseUrl());
    const auto valid = Gateway::JsonSchemaValidator::validate(m_harSchema, har, QStringLiteral("har"));
    QVERIFY2(valid.valid, qPrintable(valid.errors.join(QLatin1Char('\n'))));
    const QJsonArray entries = har.value(QLatin1String("log")).toObject().value(QLatin1String("entries")).toArray();
    QCOMPARE(entries.size(), events.size() + 1); // one backend leg
    int backendEntries = 0;
    for (const QJsonValue& v : entries) {
        const QJsonObject custom = v.toObject().value(QLatin1String("_portcullis")).toObject();
        if (custom.value(QLatin1String("leg")).toString() == QLatin1String("backend")) {
            ++backendEntries;
            QVERIFY(v.toObject()
                        .value(QLatin1String("request"))
                        .toObject()
                        .value(QLatin1String("url"))
                        .toString()
                        .startsWith(m_backend.baseUrl().toString()));
        }
    }
    QCOMPARE(backendEntries, 1);
    QByteArray leak = canaryScan("HAR", HarExporter::toHarBytes(events, lookup, m_server->baseUrl()));
    QVERIFY2(leak.isEmpty(), leak.constData());

    const QString curl = HarExporter::curlCommand(call, m_server->baseUrl());
    QVERIFY2(curl.startsWith(QStringLiteral("curl -sS -X POST 'http://127.0.0.1:")), qPrintable(curl));
    QVERIFY(curl.contains(QStringLiteral("-H \"x-reshapr-key: $PORTCULLIS_API_KEY\"")));
    QVERIFY(curl.contains(QStringLiteral("--data-raw '")));
    QVERIFY(curl.contains(QStringLiteral("getForecast")));
    leak = canaryScan("curl", curl.toUtf8());
    QVERIFY2(leak.isEmpty(), leak.constData());

    QFile jsonl(m_dir.filePath(QStringLiteral("traffic.jsonl")));
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    const QByteArray mirrored = jsonl.readAll();
    QVERIFY2(mirrored.contains("\"capture\""), "capturePayloadsToFile mirrors captures to the file");
    leak = canaryScan("JSON Lines file", mirrored);
    QVERIFY2(leak.isEmpty(), leak.constData());
    QByteArray log;
    {
        QMutexLocker lock(&g_logMutex);
        log = g_log;
    }
    leak = canaryScan("log", log);
    QVERIFY2(leak.isEmpty(), leak.constData());
}

void tst_PayloadCapture::replayAgainstTheGateway()
{
    QVERIFY(m_server);
    const auto ok = post("/mcp/demo", {{"x-reshapr-key", m_apiKey}}, toolCall(9));
    QCOMPARE(ok.value(0).status, 200);
    const quint64 original = m_server->trafficLog()->lastId();
    const CapturedExchange capture = m_server->payloadCapture()->capture(original);
    QVERIFY(capture.isValid());
    // The credential was never captured: without one the replay is refused like any caller.
    const QByteArray bare = Gateway::CaptureReplay::requestBytes(m_server->baseUrl(), capture.mcp, {});
    QVERIFY(!bare.contains(m_apiKey));
    QVERIFY(!bare.toLower().contains("x-reshapr-key"));

    QObject context;
    int status = -1;
    QByteArray body;
    QString error;
    Gateway::CaptureReplay::send(&context, m_server->baseUrl(), capture.mcp, {},
                                 [&](int s, const QByteArray& b, const QString& e) {
                                     status = s;
                                     body = b;
                                     error = e;
                                 });
    QTRY_COMPARE_WITH_TIMEOUT(status, 401, 10000);
    status = -1;
    Gateway::CaptureReplay::send(&context, m_server->baseUrl(), capture.mcp, {{"x-reshapr-key", m_apiKey}},
                                 [&](int s, const QByteArray& b, const QString& e) {
                                     status = s;
                                     body = b;
                                     error = e;
                                 });
    QTRY_COMPARE_WITH_TIMEOUT(status, 200, 10000);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(body.contains("\"result\""));
    // The replay is a new exchange of its own, captured too (again without the key).
    const quint64 replayed = m_server->trafficLog()->lastId();
    QVERIFY(replayed > original);
    const CapturedExchange again = m_server->payloadCapture()->capture(replayed);
    QVERIFY(again.isValid());
    QCOMPARE(again.mcp.requestBody, capture.mcp.requestBody);
    QVERIFY(!compact(again.toJson()).contains(m_apiKey));
    // A truncated body is not replayed.
    CapturedHttp cut = capture.mcp;
    cut.requestTruncated = true;
    status = -1;
    Gateway::CaptureReplay::send(&context, m_server->baseUrl(), cut, {{"x-reshapr-key", m_apiKey}},
                                 [&](int s, const QByteArray&, const QString& e) {
                                     status = s;
                                     error = e;
                                 });
    QCOMPARE(status, 0);
    QVERIFY(error.contains(QStringLiteral("truncated")));
}

QTEST_GUILESS_MAIN(tst_PayloadCapture)
#include "tst_payloadcapture.moc"
