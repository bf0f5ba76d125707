// SPDX-License-Identifier: GPL-3.0-or-later
// GatewayServer end to end over real loopback sockets: a real MCP client (QNetworkAccessManager)
// → GatewayServer on 127.0.0.1:0 → DemoBackend (own thread) or a misbehaving FaultBackend (own thread).
#include "FaultBackend.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "http/HttpMessage.h"
#include "log/PrometheusMetrics.h"
#include "log/TrafficLog.h"
#include "mcp/SessionStore.h"
#include "security/ApiKey.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using Gateway::BackendAuth;
using Gateway::GatewayServer;
using Gateway::ServiceConfig;
using Gateway::WorkspaceConfig;
using Gateway::WorkspaceLoader;
using TestSupport::FaultBackend;
using TestSupport::FaultResponse;
using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

namespace {

const QString kDemoDocument = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");
const QString kModern = QStringLiteral("2026-07-28");
const QLatin1String kMetaVersion("io.modelcontextprotocol/protocolVersion");
const QLatin1String kMetaCaps("io.modelcontextprotocol/clientCapabilities");
const QLatin1String kMetaSubscription("io.modelcontextprotocol/subscriptionId");
const QStringList kDemoTools{QStringLiteral("createItem"),  QStringLiteral("deleteItem"),
                             QStringLiteral("getForecast"), QStringLiteral("getItem"),
                             QStringLiteral("listItems"),   QStringLiteral("simulateStatus")};

struct Response
{
    bool finished = false;
    int status = 0;
    RawHeaders headers;
    QByteArray body;
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers) {
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        }
        return {};
    }
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject result() const { return json().value(QLatin1String("result")).toObject(); }
    int rpcError() const { return json().value(QLatin1String("error"))[QLatin1String("code")].toInt(); }
};

// Reads an SSE response as it arrives.
struct SseReader
{
    QNetworkReply* reply = nullptr;
    QByteArray data;
};

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject withModernMeta(QJsonObject params, const QString& version = kModern)
{
    QJsonObject meta = params.value(QLatin1String("_meta")).toObject();
    meta.insert(kMetaVersion, version);
    meta.insert(kMetaCaps, QJsonObject{});
    meta.insert(
        QStringLiteral("io.modelcontextprotocol/clientInfo"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")}, {QStringLiteral("version"), QStringLiteral("1")}});
    params.insert(QStringLiteral("_meta"), meta);
    return params;
}

QByteArray rpc(const QJsonValue& id, const QString& method, const QJsonObject& params = {})
{
    QJsonObject o{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")}, {QStringLiteral("method"), method}};
    if (!id.isUndefined())
        o.insert(QStringLiteral("id"), id);
    if (!params.isEmpty())
        o.insert(QStringLiteral("params"), params);
    return compact(o);
}

QByteArray modernCall(int id, const QString& tool, const QJsonObject& arguments)
{
    return rpc(id, QStringLiteral("tools/call"),
               withModernMeta({{QStringLiteral("name"), tool}, {QStringLiteral("arguments"), arguments}}));
}

RawHeaders jsonHeaders()
{
    return {{"Content-Type", "application/json"}, {"Accept", "application/json, text/event-stream"}};
}

RawHeaders modernHeaders(const QByteArray& method, const QByteArray& name = {})
{
    RawHeaders h = jsonHeaders();
    h.append({"MCP-Protocol-Version", kModern.toLatin1()});
    h.append({"Mcp-Method", method});
    if (!name.isEmpty())
        h.append({"Mcp-Name", name});
    return h;
}

RawHeaders legacyHeaders(const QByteArray& session, const QByteArray& revision = "2025-11-25")
{
    RawHeaders h = jsonHeaders();
    h.append({"Mcp-Session-Id", session});
    h.append({"MCP-Protocol-Version", revision});
    return h;
}

QJsonObject forecastArgs(const QString& city = QStringLiteral("Lisbon"), int days = 2)
{
    return {{QStringLiteral("city"), city}, {QStringLiteral("days"), days}};
}

// What the demo API itself answers for a forecast (the gateway must pass it through unchanged).
QByteArray demoForecastBody(const QString& city, int days)
{
    Gateway::DemoBackend demo;
    Gateway::HttpRequest request;
    request.method = "GET";
    request.path = QStringLiteral("/v1/forecast");
    request.rawQuery = "city=" + QUrl::toPercentEncoding(city) + "&days=" + QByteArray::number(days);
    return demo.handle(request).body;
}

ServiceConfig serviceAt(const QString& name, const QUrl& baseUrl, int timeoutMs = 10000,
                        qint64 maxResponseBytes = 10 * 1024 * 1024)
{
    ServiceConfig s;
    s.name = name;
    s.openApiPath = kDemoDocument;
    s.baseUrl = baseUrl;
    s.timeoutMs = timeoutMs;
    s.maxResponseBytes = maxResponseBytes;
    return s;
}

QString toolText(const QJsonObject& result)
{
    return result.value(QLatin1String("content")).toArray().at(0)[QLatin1String("text")].toString();
}

QStringList toolNames(const QJsonObject& listResult)
{
    QStringList names;
    for (const QJsonValue& t : listResult.value(QLatin1String("tools")).toArray())
        names.append(t[QLatin1String("name")].toString());
    return names;
}

// JSON messages carried by the data: lines of an SSE byte stream (empty data = priming event, skipped).
QList<QJsonObject> sseMessages(const QByteArray& stream)
{
    QList<QJsonObject> out;
    qsizetype pos = 0;
    for (;;) {
        const qsizetype end = stream.indexOf("\n\n", pos);
        if (end < 0)
            break;
        QByteArray data;
        for (const QByteArray& line : stream.mid(pos, end - pos).split('\n')) {
            if (line.startsWith("data: "))
                data += line.mid(6);
            else if (line == "data:")
                data += QByteArray();
        }
        if (!data.isEmpty())
            out.append(QJsonDocument::fromJson(data).object());
        pos = end + 2;
    }
    return out;
}

int countMethod(const QList<QJsonObject>& messages, const QString& method)
{
    int n = 0;
    for (const QJsonObject& m : messages)
        n += m.value(QLatin1String("method")).toString() == method ? 1 : 0;
    return n;
}

} // namespace

class tst_GatewayServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // (a) 2026-07-28
    void modernToolsCall();
    void modernToolsListSortedWithCacheHints();
    void modernDiscover();
    void protocolErrors_data();
    void protocolErrors();
    // (b) legacy sessions
    void legacySessionLifecycle();
    void legacyRevisions_data();
    void legacyRevisions();
    void legacyBatch();
    // (c) reload
    void reloadDuringInFlightCall();
    void legacyListChangedNotificationShape();
    // (d) broken config
    void brokenConfigKeepsOldServices_data();
    void brokenConfigKeepsOldServices();
    void badServiceIsolated_data();
    void badServiceIsolated();
    void relativeTrafficLogNextToWorkspaceFile();
    void metricsLabelsBoundedAndOffMeansOff();
    void multipartUploadReachesBackend();
    // (e) backend faults
    void backendFaults_data();
    void backendFaults();
    void crossOriginRedirectNotFollowed();
    void inboundHeadersToBackend_data();
    void inboundHeadersToBackend();
    // (f) client disconnects
    void clientDisconnectBeforeBackendAnswers();
    void modernClientDisconnectCancelsBackendCall();
    // (g) traffic events
    void trafficEventForToolsCall();
    void invalidArgumentsEventIsToolError();
    // (h) metrics
    void metricsOffByDefault();
    void metricsEnabled();

private:
    void startGateway(const WorkspaceConfig& config);
    QNetworkReply* send(const QByteArray& verb, const QString& path, const RawHeaders& headers,
                        const QByteArray& body = {});
    Response await(QNetworkReply* reply, int timeoutMs = 5000);
    Response exchange(const QByteArray& verb, const QString& path, const RawHeaders& headers,
                      const QByteArray& body = {}, int timeoutMs = 5000);
    std::shared_ptr<SseReader> openStream(const QByteArray& verb, const QString& path, const RawHeaders& headers,
                                          const QByteArray& body = {});
    QByteArray initializeSession(const QString& service, const QString& revision = QStringLiteral("2025-11-25"));
    WorkspaceConfig demoPlus(const QList<ServiceConfig>& extra) const;

    Gateway::DemoBackendHost m_demoHost;
    QUrl m_demoUrl;
    std::unique_ptr<GatewayServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
};

void tst_GatewayServer::initTestCase()
{
    m_demoUrl = m_demoHost.start();
    QVERIFY(m_demoUrl.isValid() && m_demoUrl.port() > 0);
}

void tst_GatewayServer::init()
{
    m_nam = std::make_unique<QNetworkAccessManager>();
}

void tst_GatewayServer::cleanup()
{
    // Let any backend call of the test settle before the server goes away.
    QTest::qWait(50);
    m_nam.reset();
    QTest::qWait(20);
    m_server.reset();
}

WorkspaceConfig tst_GatewayServer::demoPlus(const QList<ServiceConfig>& extra) const
{
    WorkspaceConfig c = WorkspaceLoader::demoWorkspace(m_demoUrl);
    c.services += extra;
    return c;
}

void tst_GatewayServer::startGateway(const WorkspaceConfig& config)
{
    m_server = std::make_unique<GatewayServer>();
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    QVERIFY(m_server->serverPort() > 0);
}

QNetworkReply* tst_GatewayServer::send(const QByteArray& verb, const QString& path, const RawHeaders& headers,
                                       const QByteArray& body)
{
    QUrl url = m_server->baseUrl();
    url.setPath(path);
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    for (const auto& h : headers)
        request.setRawHeader(h.first, h.second);
    return body.isEmpty() && verb != "POST" ? m_nam->sendCustomRequest(request, verb)
                                            : m_nam->sendCustomRequest(request, verb, body);
}

Response tst_GatewayServer::await(QNetworkReply* reply, int timeoutMs)
{
    Response r;
    if (!reply->isFinished()) {
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(timeoutMs);
    }
    r.finished = reply->isFinished();
    if (!r.finished)
        reply->abort();
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.headers = reply->rawHeaderPairs();
    r.body = reply->readAll();
    reply->deleteLater();
    return r;
}

Response tst_GatewayServer::exchange(const QByteArray& verb, const QString& path, const RawHeaders& headers,
                                     const QByteArray& body, int timeoutMs)
{
    return await(send(verb, path, headers, body), timeoutMs);
}

std::shared_ptr<SseReader> tst_GatewayServer::openStream(const QByteArray& verb, const QString& path,
                                                         const RawHeaders& headers, const QByteArray& body)
{
    auto reader = std::make_shared<SseReader>();
    reader->reply = send(verb, path, headers, body);
    SseReader* raw = reader.get();
    connect(reader->reply, &QNetworkReply::readyRead, reader->reply, [raw]() { raw->data += raw->reply->readAll(); });
    return reader;
}

QByteArray tst_GatewayServer::initializeSession(const QString& service, const QString& revision)
{
    const QByteArray body = rpc(1, QStringLiteral("initialize"),
                                {{QStringLiteral("protocolVersion"), revision},
                                 {QStringLiteral("capabilities"), QJsonObject{}},
                                 {QStringLiteral("clientInfo"),
                                  QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                              {QStringLiteral("version"), QStringLiteral("1")}}}});
    const Response r = exchange("POST", QStringLiteral("/mcp/") + service, jsonHeaders(), body);
    if (r.status != 200)
        return {};
    const QByteArray session = r.header("Mcp-Session-Id");
    const Response ack
        = exchange("POST", QStringLiteral("/mcp/") + service, legacyHeaders(session, revision.toLatin1()),
                   rpc(QJsonValue::Undefined, QStringLiteral("notifications/initialized")));
    return ack.status == 202 ? session : QByteArray();
}

// ------------------------------------------------------------------------------------------------
// (a) 2026-07-28

void tst_GatewayServer::modernToolsCall()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const Response r = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                                modernCall(1, QStringLiteral("getForecast"), forecastArgs()));
    QVERIFY(r.finished);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(r.header("Mcp-Session-Id").isEmpty()); // stateless: never mint a session
    const QJsonObject json = r.json();
    QCOMPARE(json.value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
    QCOMPARE(json.value(QLatin1String("id")), QJsonValue(1));
    QVERIFY(!json.contains(QLatin1String("error")));
    const QJsonObject result = r.result();
    const QByteArray expected = demoForecastBody(QStringLiteral("Lisbon"), 2);
    QCOMPARE(result.value(QLatin1String("structuredContent")).toObject(), QJsonDocument::fromJson(expected).object());
    QCOMPARE(result.value(QLatin1String("structuredContent"))[QLatin1String("days")].toArray().size(), 2);
    QCOMPARE(result.value(QLatin1String("content")).toArray().size(), 1);
    QCOMPARE(result.value(QLatin1String("content"))[0][QLatin1String("type")].toString(), QStringLiteral("text"));
    QCOMPARE(toolText(result), QString::fromUtf8(expected));
    QVERIFY(!result.value(QLatin1String("isError")).toBool());
    QCOMPARE(result.value(QLatin1String("resultType")).toString(), QStringLiteral("complete"));
    QCOMPARE(
        result.value(QLatin1String("_meta"))[QLatin1String("io.modelcontextprotocol/serverInfo")][QLatin1String("name")]
            .toString(),
        QStringLiteral("portcullis"));
}

void tst_GatewayServer::modernToolsListSortedWithCacheHints()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const Response r = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/list"),
                                rpc(QStringLiteral("list-1"), QStringLiteral("tools/list"), withModernMeta({})));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.json().value(QLatin1String("id")).toString(), QStringLiteral("list-1"));
    const QJsonObject result = r.result();
    const QStringList names = toolNames(result);
    QCOMPARE(names, kDemoTools);
    QVERIFY(std::is_sorted(names.begin(), names.end()));
    QCOMPARE(result.value(QLatin1String("ttlMs")), QJsonValue(60000));
    QCOMPARE(result.value(QLatin1String("cacheScope")).toString(), QStringLiteral("public"));
    QCOMPARE(result.value(QLatin1String("resultType")).toString(), QStringLiteral("complete"));
    QVERIFY(!result.contains(QLatin1String("nextCursor")));
    for (const QJsonValue& tool : result.value(QLatin1String("tools")).toArray()) {
        QCOMPARE(tool[QLatin1String("inputSchema")][QLatin1String("type")].toString(), QStringLiteral("object"));
        QVERIFY(tool[QLatin1String("name")].toString().contains(
            QRegularExpression(QStringLiteral("^[A-Za-z0-9_.-]{1,128}$"))));
    }
    // Deterministic: the same list twice.
    const Response again = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/list"),
                                    rpc(2, QStringLiteral("tools/list"), withModernMeta({})));
    QCOMPARE(again.result().value(QLatin1String("tools")), result.value(QLatin1String("tools")));
}

void tst_GatewayServer::modernDiscover()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const Response r = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("server/discover"),
                                rpc(7, QStringLiteral("server/discover"), withModernMeta({})));
    QCOMPARE(r.status, 200);
    const QJsonObject result = r.result();
    QCOMPARE(result.value(QLatin1String("supportedVersions")).toArray(), QJsonArray{kModern});
    QCOMPARE(result.value(QLatin1String("resultType")).toString(), QStringLiteral("complete"));
    QVERIFY(result.value(QLatin1String("capabilities")).toObject().contains(QLatin1String("tools")));
    QVERIFY(result.value(QLatin1String("ttlMs")).isDouble());
    QCOMPARE(result.value(QLatin1String("cacheScope")).toString(), QStringLiteral("public"));
}

void tst_GatewayServer::protocolErrors_data()
{
    QTest::addColumn<QByteArray>("verb");
    QTest::addColumn<QString>("path");
    QTest::addColumn<RawHeaders>("headers");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("rpcCode"); // 0: not a JSON-RPC error
    QTest::addColumn<QJsonValue>("id"); // Undefined: absent or null
    QTest::addColumn<int>("isError"); // -1: no result expected; 0/1: result.isError

    const QString demo = QStringLiteral("/mcp/demo");
    const QJsonValue noId(QJsonValue::Undefined);
    const QByteArray list = rpc(3, QStringLiteral("tools/list"), withModernMeta({}));
    const QByteArray call = modernCall(4, QStringLiteral("getForecast"), forecastArgs());

    // Media types: a POST body must be application/json and Accept must allow JSON and SSE.
    RawHeaders textPlain = modernHeaders("tools/list");
    textPlain[0].second = "text/plain";
    QTest::newRow("Content-Type text/plain")
        << QByteArray("POST") << demo << textPlain << list << 415 << -32600 << noId << -1;
    RawHeaders jsonOnly = modernHeaders("tools/list");
    jsonOnly[1].second = "application/json";
    QTest::newRow("Accept without event-stream")
        << QByteArray("POST") << demo << jsonOnly << list << 406 << -32600 << noId << -1;
    // Malformed JSON and malformed JSON-RPC.
    QTest::newRow("truncated JSON") << QByteArray("POST") << demo << modernHeaders("tools/list")
                                    << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":)") << 400 << -32700 << noId
                                    << -1;
    QTest::newRow("invalid UTF-8") << QByteArray("POST") << demo << modernHeaders("tools/list")
                                   << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\xfe\"}") << 400
                                   << -32700 << noId << -1;
    QTest::newRow("deeply nested JSON") << QByteArray("POST") << demo << modernHeaders("tools/list")
                                        << QByteArray(10000, '[') + QByteArray(10000, ']') << 400 << -32700 << noId
                                        << -1;
    QTest::newRow("jsonrpc member missing")
        << QByteArray("POST") << demo << modernHeaders("tools/list") << QByteArray(R"({"id":5,"method":"tools/list"})")
        << 400 << -32600 << QJsonValue(5) << -1;
    QTest::newRow("id null") << QByteArray("POST") << demo << modernHeaders("tools/list")
                             << QByteArray(R"({"jsonrpc":"2.0","id":null,"method":"tools/list"})") << 400 << -32600
                             << noId << -1;
    // Sessions (legacy-shaped requests): required, known, well-formed.
    QTest::newRow("legacy request without session")
        << QByteArray("POST") << demo << jsonHeaders() << rpc(6, QStringLiteral("tools/list")) << 400 << -32600
        << QJsonValue(6) << -1;
    RawHeaders unknownSession = jsonHeaders();
    unknownSession.append({"Mcp-Session-Id", Gateway::SessionStore::newSessionId()});
    QTest::newRow("unknown session") << QByteArray("POST") << demo << unknownSession
                                     << rpc(7, QStringLiteral("tools/list")) << 404 << -32600 << QJsonValue(7) << -1;
    RawHeaders longSession = jsonHeaders();
    longSession.append({"Mcp-Session-Id", QByteArray(200, 'a')});
    QTest::newRow("malformed session id")
        << QByteArray("POST") << demo << longSession << rpc(8, QStringLiteral("tools/list")) << 400 << -32600
        << QJsonValue(8) << -1;
    QTest::newRow("batch without session")
        << QByteArray("POST") << demo << jsonHeaders() << QByteArray("[" + rpc(9, QStringLiteral("ping")) + "]") << 400
        << -32600 << noId << -1;
    // 2026-07-28 header rules (-32020), versions (-32022) and _meta (-32602).
    RawHeaders noVersion = modernHeaders("tools/list");
    noVersion.removeAt(2);
    QTest::newRow("M: MCP-Protocol-Version missing")
        << QByteArray("POST") << demo << noVersion << list << 400 << -32020 << QJsonValue(3) << -1;
    RawHeaders otherVersion = modernHeaders("tools/list");
    otherVersion[2].second = "2025-11-25";
    QTest::newRow("M: MCP-Protocol-Version differs")
        << QByteArray("POST") << demo << otherVersion << list << 400 << -32020 << QJsonValue(3) << -1;
    QTest::newRow("M: Mcp-Method differs")
        << QByteArray("POST") << demo << modernHeaders("tools/call") << list << 400 << -32020 << QJsonValue(3) << -1;
    QTest::newRow("M: Mcp-Method missing")
        << QByteArray("POST") << demo << modernHeaders(QByteArray()) << list << 400 << -32020 << QJsonValue(3) << -1;
    QTest::newRow("M: Mcp-Name missing") << QByteArray("POST") << demo << modernHeaders("tools/call") << call << 400
                                         << -32020 << QJsonValue(4) << -1;
    QTest::newRow("M: Mcp-Name differs") << QByteArray("POST") << demo << modernHeaders("tools/call", "listItems")
                                         << call << 400 << -32020 << QJsonValue(4) << -1;
    QTest::newRow("M: Mcp-Name bad base64")
        << QByteArray("POST") << demo << modernHeaders("tools/call", "=?base64?***?=") << call << 400 << -32020
        << QJsonValue(4) << -1;
    QTest::newRow("M: Mcp-Name as base64")
        << QByteArray("POST") << demo
        << modernHeaders("tools/call", "=?base64?" + QByteArray("getForecast").toBase64() + "?=") << call << 200 << 0
        << QJsonValue(4) << 0;
    RawHeaders future = modernHeaders("tools/list");
    future[2].second = "2027-01-01";
    QTest::newRow("M: unsupported version")
        << QByteArray("POST") << demo << future
        << rpc(3, QStringLiteral("tools/list"), withModernMeta({}, QStringLiteral("2027-01-01"))) << 400 << -32022
        << QJsonValue(3) << -1;
    RawHeaders legacyInMeta = modernHeaders("tools/list");
    legacyInMeta[2].second = "2025-11-25";
    QTest::newRow("M: legacy version in _meta")
        << QByteArray("POST") << demo << legacyInMeta
        << rpc(3, QStringLiteral("tools/list"), withModernMeta({}, QStringLiteral("2025-11-25"))) << 400 << -32022
        << QJsonValue(3) << -1;
    QJsonObject noCaps = withModernMeta({});
    QJsonObject meta = noCaps.value(QLatin1String("_meta")).toObject();
    meta.remove(kMetaCaps);
    noCaps.insert(QStringLiteral("_meta"), meta);
    QTest::newRow("M: clientCapabilities missing")
        << QByteArray("POST") << demo << modernHeaders("tools/list") << rpc(3, QStringLiteral("tools/list"), noCaps)
        << 400 << -32602 << QJsonValue(3) << -1;
    // Unknown method and unknown tool are JSON-RPC errors; invalid arguments are a tool error.
    QTest::newRow("M: unknown method") << QByteArray("POST") << demo << modernHeaders("foo/bar")
                                       << rpc(10, QStringLiteral("foo/bar"), withModernMeta({})) << 404 << -32601
                                       << QJsonValue(10) << -1;
    QTest::newRow("M: ping is not a 2026-07-28 method")
        << QByteArray("POST") << demo << modernHeaders("ping") << rpc(11, QStringLiteral("ping"), withModernMeta({}))
        << 404 << -32601 << QJsonValue(11) << -1;
    QTest::newRow("M: unknown tool") << QByteArray("POST") << demo << modernHeaders("tools/call", "nope")
                                     << modernCall(12, QStringLiteral("nope"), {}) << 200 << -32602 << QJsonValue(12)
                                     << -1;
    QTest::newRow("M: invalid arguments") << QByteArray("POST") << demo << modernHeaders("tools/call", "getForecast")
                                          << modernCall(13, QStringLiteral("getForecast"),
                                                        {{QStringLiteral("city"), QStringLiteral("Oslo")},
                                                         {QStringLiteral("days"), QStringLiteral("many")}})
                                          << 200 << 0 << QJsonValue(13) << 1;
    QTest::newRow("M: missing required argument")
        << QByteArray("POST") << demo << modernHeaders("tools/call", "getForecast")
        << modernCall(14, QStringLiteral("getForecast"), {}) << 200 << 0 << QJsonValue(14) << 1;
    // HTTP methods; unknown service; Host and Origin must be this gateway or loopback.
    QTest::newRow("PUT") << QByteArray("PUT") << demo << jsonHeaders() << list << 405 << 0 << noId << -1;
    QTest::newRow("GET without event-stream") << QByteArray("GET") << demo << RawHeaders{{"Accept", "application/json"}}
                                              << QByteArray() << 406 << -32600 << noId << -1;
    QTest::newRow("DELETE without session")
        << QByteArray("DELETE") << demo << RawHeaders{} << QByteArray() << 400 << -32600 << noId << -1;
    QTest::newRow("unknown service") << QByteArray("POST") << QStringLiteral("/mcp/nope") << modernHeaders("tools/list")
                                     << list << 404 << 0 << noId << -1;
    QTest::newRow("unknown path") << QByteArray("GET") << QStringLiteral("/") << RawHeaders{} << QByteArray() << 404
                                  << 0 << noId << -1;
    RawHeaders foreignHost = modernHeaders("tools/list");
    foreignHost.append(qMakePair(QByteArray("Host"), QByteArray("evil.example:8765")));
    QTest::newRow("foreign Host") << QByteArray("POST") << demo << foreignHost << list << 403 << 0 << noId << -1;
    RawHeaders foreignOrigin = modernHeaders("tools/list");
    foreignOrigin.append(qMakePair(QByteArray("Origin"), QByteArray("https://evil.example")));
    QTest::newRow("foreign Origin") << QByteArray("POST") << demo << foreignOrigin << list << 403 << 0 << noId << -1;
    RawHeaders loopbackOrigin = modernHeaders("tools/list");
    loopbackOrigin.append(qMakePair(QByteArray("Origin"), QByteArray("http://localhost:5173")));
    QTest::newRow("loopback Origin") << QByteArray("POST") << demo << loopbackOrigin << list << 200 << 0
                                     << QJsonValue(3) << -1;
    QTest::newRow("M: notification") << QByteArray("POST") << demo << modernHeaders("notifications/cancelled")
                                     << rpc(QJsonValue::Undefined, QStringLiteral("notifications/cancelled"),
                                            withModernMeta({}))
                                     << 202 << 0 << noId << -1;
}

void tst_GatewayServer::protocolErrors()
{
    QFETCH(QByteArray, verb);
    QFETCH(QString, path);
    QFETCH(RawHeaders, headers);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(int, rpcCode);
    QFETCH(QJsonValue, id);
    QFETCH(int, isError);

    if (!m_server)
        startGateway(demoPlus({}));
    const Response r = exchange(verb, path, headers, body);
    QVERIFY(r.finished);
    QCOMPARE(r.status, status);
    if (status == 202) {
        QVERIFY(r.body.isEmpty());
        return;
    }
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    const QJsonObject json = r.json();
    QVERIFY2(!json.isEmpty(), r.body.constData());
    if (status == 405)
        QCOMPARE(r.header("Allow"), QByteArray("GET, POST, DELETE"));
    if (rpcCode != 0) {
        QCOMPARE(json.value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(r.rpcError(), rpcCode);
        QVERIFY(!json.value(QLatin1String("error"))[QLatin1String("message")].toString().isEmpty());
        QVERIFY(!json.contains(QLatin1String("result")));
    }
    if (rpcCode == -32022) {
        const QJsonObject data = json.value(QLatin1String("error"))[QLatin1String("data")].toObject();
        QVERIFY(data.value(QLatin1String("supported")).toArray().contains(kModern));
    }
    if (id.isUndefined() && rpcCode != 0)
        QVERIFY2(!json.contains(QLatin1String("id")) || json.value(QLatin1String("id")).isNull(), r.body.constData());
    else if (!id.isUndefined())
        QCOMPARE(json.value(QLatin1String("id")), id);
    if (isError >= 0) {
        QVERIFY2(json.contains(QLatin1String("result")), r.body.constData());
        QCOMPARE(r.result().value(QLatin1String("isError")).toBool(), isError == 1);
    }
    if (status == 403)
        QVERIFY(json.value(QLatin1String("error")).toString().startsWith(QLatin1String("forbidden: foreign ")));
}

// ------------------------------------------------------------------------------------------------
// (b) legacy sessions

void tst_GatewayServer::legacySessionLifecycle()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const QString demo = QStringLiteral("/mcp/demo");
    const Response init = exchange("POST", demo, jsonHeaders(),
                                   rpc(1, QStringLiteral("initialize"),
                                       {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                                        {QStringLiteral("capabilities"), QJsonObject{}},
                                        {QStringLiteral("clientInfo"),
                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("c")},
                                                     {QStringLiteral("version"), QStringLiteral("1")}}}}));
    QCOMPARE(init.status, 200);
    const QByteArray session = init.header("Mcp-Session-Id");
    QCOMPARE(session.size(), 43);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(QString::fromLatin1(session)).hasMatch());
    const QJsonObject initResult = init.result();
    QCOMPARE(initResult.value(QLatin1String("protocolVersion")).toString(), QStringLiteral("2025-11-25"));
    QCOMPARE(initResult.value(QLatin1String("capabilities"))[QLatin1String("tools")][QLatin1String("listChanged")],
             QJsonValue(true));
    QCOMPARE(initResult.value(QLatin1String("serverInfo"))[QLatin1String("name")].toString(),
             QStringLiteral("portcullis"));
    QVERIFY(!initResult.contains(QLatin1String("resultType")));

    const Response ack = exchange("POST", demo, legacyHeaders(session),
                                  rpc(QJsonValue::Undefined, QStringLiteral("notifications/initialized")));
    QCOMPARE(ack.status, 202);
    QVERIFY(ack.body.isEmpty());

    const Response list = exchange("POST", demo, legacyHeaders(session), rpc(2, QStringLiteral("tools/list")));
    QCOMPARE(list.status, 200);
    QCOMPARE(toolNames(list.result()), kDemoTools);
    QVERIFY(!list.result().contains(QLatin1String("ttlMs")));
    QVERIFY(!list.result().contains(QLatin1String("resultType")));

    const Response call = exchange("POST", demo, legacyHeaders(session),
                                   rpc(3, QStringLiteral("tools/call"),
                                       {{QStringLiteral("name"), QStringLiteral("getForecast")},
                                        {QStringLiteral("arguments"), forecastArgs(QStringLiteral("Porto"), 3)}}));
    QCOMPARE(call.status, 200);
    QCOMPARE(call.json().value(QLatin1String("id")), QJsonValue(3));
    QCOMPARE(call.result().value(QLatin1String("structuredContent")).toObject(),
             QJsonDocument::fromJson(demoForecastBody(QStringLiteral("Porto"), 3)).object());
    QVERIFY(!call.result().contains(QLatin1String("resultType")));

    const Response ping = exchange("POST", demo, legacyHeaders(session), rpc(4, QStringLiteral("ping")));
    QCOMPARE(ping.status, 200);
    QCOMPARE(ping.result(), QJsonObject());

    // Any served legacy revision is accepted in the header; unknown or 2026-07-28 ones are not.
    QCOMPARE(exchange("POST", demo, legacyHeaders(session, "2025-06-18"), rpc(5, QStringLiteral("ping"))).status, 200);
    const Response unknownVersion
        = exchange("POST", demo, legacyHeaders(session, "2027-01-01"), rpc(5, QStringLiteral("ping")));
    QCOMPARE(unknownVersion.status, 400);
    QCOMPARE(unknownVersion.rpcError(), -32600);
    QCOMPARE(unknownVersion.json().value(QLatin1String("id")), QJsonValue(5));
    QCOMPARE(exchange("POST", demo, legacyHeaders(session, "2026-07-28"), rpc(5, QStringLiteral("ping"))).status, 400);

    const Response del = exchange("DELETE", demo, {{"Mcp-Session-Id", session}});
    QCOMPARE(del.status, 204);
    QVERIFY(del.body.isEmpty());

    const Response after = exchange("POST", demo, legacyHeaders(session), rpc(6, QStringLiteral("tools/list")));
    QCOMPARE(after.status, 404);
    QCOMPARE(after.rpcError(), -32600);
    QCOMPARE(after.json().value(QLatin1String("id")), QJsonValue(6));
    const Response delAgain = exchange("DELETE", demo, {{"Mcp-Session-Id", session}});
    QCOMPARE(delAgain.status, 404);
}

void tst_GatewayServer::legacyRevisions_data()
{
    QTest::addColumn<QString>("requested");
    QTest::addColumn<QString>("negotiated");
    QTest::newRow("2025-03-26") << QStringLiteral("2025-03-26") << QStringLiteral("2025-03-26");
    QTest::newRow("2025-06-18") << QStringLiteral("2025-06-18") << QStringLiteral("2025-06-18");
    QTest::newRow("2025-11-25") << QStringLiteral("2025-11-25") << QStringLiteral("2025-11-25");
    QTest::newRow("2026-07-28 via initialize") << kModern << QStringLiteral("2025-11-25");
    QTest::newRow("unknown") << QStringLiteral("1999-01-01") << QStringLiteral("2025-11-25");
}

void tst_GatewayServer::legacyRevisions()
{
    QFETCH(QString, requested);
    QFETCH(QString, negotiated);
    if (!m_server)
        startGateway(demoPlus({}));
    const QString demo = QStringLiteral("/mcp/demo");
    const Response init = exchange("POST", demo, jsonHeaders(),
                                   rpc(1, QStringLiteral("initialize"),
                                       {{QStringLiteral("protocolVersion"), requested},
                                        {QStringLiteral("capabilities"), QJsonObject{}},
                                        {QStringLiteral("clientInfo"),
                                         QJsonObject{{QStringLiteral("name"), QStringLiteral("c")},
                                                     {QStringLiteral("version"), QStringLiteral("1")}}}}));
    QCOMPARE(init.status, 200);
    QCOMPARE(init.result().value(QLatin1String("protocolVersion")).toString(), negotiated);
    const QByteArray session = init.header("Mcp-Session-Id");
    QCOMPARE(session.size(), 43);
    const Response call = exchange(
        "POST", demo, legacyHeaders(session, negotiated.toLatin1()),
        rpc(2, QStringLiteral("tools/call"),
            {{QStringLiteral("name"), QStringLiteral("getForecast")}, {QStringLiteral("arguments"), forecastArgs()}}));
    QCOMPARE(call.status, 200);
    // 2025-03-26's CallToolResult has no structuredContent; later revisions carry it.
    QCOMPARE(call.result().contains(QLatin1String("structuredContent")), negotiated != QLatin1String("2025-03-26"));
    QCOMPARE(toolText(call.result()), QString::fromUtf8(demoForecastBody(QStringLiteral("Lisbon"), 2)));
    const Response list
        = exchange("POST", demo, legacyHeaders(session, negotiated.toLatin1()), rpc(3, QStringLiteral("tools/list")));
    const QJsonArray tools = list.result().value(QLatin1String("tools")).toArray();
    QCOMPARE(tools.size(), kDemoTools.size());
    for (const QJsonValue& tool : tools) // Tool.title arrived in 2025-06-18
        QVERIFY(!(negotiated == QLatin1String("2025-03-26") && tool.toObject().contains(QLatin1String("title"))));
}

void tst_GatewayServer::legacyBatch()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const QString demo = QStringLiteral("/mcp/demo");
    const QByteArray old = initializeSession(QStringLiteral("demo"), QStringLiteral("2025-03-26"));
    QCOMPARE(old.size(), 43);
    const QByteArray batch = "[" + rpc(1, QStringLiteral("ping")) + ","
        + rpc(QJsonValue::Undefined, QStringLiteral("notifications/initialized")) + ","
        + rpc(2, QStringLiteral("tools/call"),
              {{QStringLiteral("name"), QStringLiteral("getForecast")}, {QStringLiteral("arguments"), forecastArgs()}})
        + "," + R"({"jsonrpc":"2.0","id":3})" + "]";
    const Response r = exchange("POST", demo, legacyHeaders(old, "2025-03-26"), batch);
    QCOMPARE(r.status, 200);
    const QJsonArray responses = QJsonDocument::fromJson(r.body).array();
    QCOMPARE(responses.size(), 3); // the notification gets none
    QCOMPARE(responses.at(0)[QLatin1String("id")], QJsonValue(1));
    QCOMPARE(responses.at(0)[QLatin1String("result")].toObject(), QJsonObject());
    QCOMPARE(responses.at(1)[QLatin1String("id")], QJsonValue(2));
    QVERIFY(!responses.at(1)[QLatin1String("result")][QLatin1String("content")].toArray().isEmpty());
    QCOMPARE(responses.at(2)[QLatin1String("error")][QLatin1String("code")].toInt(), -32600);

    // Batches were removed in 2025-06-18.
    const QByteArray current = initializeSession(QStringLiteral("demo"));
    const Response refused = exchange("POST", demo, legacyHeaders(current), "[" + rpc(1, QStringLiteral("ping")) + "]");
    QCOMPARE(refused.status, 400);
    QCOMPARE(refused.rpcError(), -32600);
}

// ------------------------------------------------------------------------------------------------
// (c) reload while calls and streams are open

void tst_GatewayServer::reloadDuringInFlightCall()
{
    FaultBackend oldBackend;
    QVERIFY(oldBackend.start().isValid());
    FaultResponse slow;
    slow.delayMs = 500;
    slow.body = R"({"source":"old-backend"})";
    oldBackend.setResponse(slow);

    startGateway(demoPlus({serviceAt(QStringLiteral("slow"), oldBackend.baseUrl())}));
    if (QTest::currentTestFailed())
        return;
    QSignalSpy servicesChanged(m_server.get(), &GatewayServer::servicesChanged);

    // Open streams: legacy GET on "slow" and on "demo", and a 2026-07-28 subscription on "slow".
    const QByteArray slowSession = initializeSession(QStringLiteral("slow"));
    const QByteArray demoSession = initializeSession(QStringLiteral("demo"));
    QVERIFY(!slowSession.isEmpty() && !demoSession.isEmpty());
    RawHeaders getHeaders{{"Accept", "text/event-stream"}, {"MCP-Protocol-Version", "2025-11-25"}};
    const auto slowStream
        = openStream("GET", QStringLiteral("/mcp/slow"), getHeaders + RawHeaders{{"Mcp-Session-Id", slowSession}});
    const auto demoStream
        = openStream("GET", QStringLiteral("/mcp/demo"), getHeaders + RawHeaders{{"Mcp-Session-Id", demoSession}});
    const auto subscription
        = openStream("POST", QStringLiteral("/mcp/slow"), modernHeaders("subscriptions/listen"),
                     rpc(QStringLiteral("sub-1"), QStringLiteral("subscriptions/listen"),
                         withModernMeta({{QStringLiteral("notifications"),
                                          QJsonObject{{QStringLiteral("toolsListChanged"), true}}}})));
    // 2025-11-25 streams start with a priming event (an id and empty data).
    QTRY_VERIFY_WITH_TIMEOUT(slowStream->data.contains("id: "), 3000);
    QTRY_VERIFY_WITH_TIMEOUT(demoStream->data.contains("id: "), 3000);
    QTRY_COMPARE_WITH_TIMEOUT(
        countMethod(sseMessages(subscription->data), QStringLiteral("notifications/subscriptions/acknowledged")), 1,
        3000);
    QCOMPARE(slowStream->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
    QCOMPARE(slowStream->reply->rawHeader("Content-Type"), QByteArray("text/event-stream"));
    const QJsonObject ack = sseMessages(subscription->data).first();
    QCOMPARE(ack.value(QLatin1String("params"))[QLatin1String("_meta")][kMetaSubscription].toString(),
             QStringLiteral("sub-1"));

    // A call in flight on the old configuration.
    QNetworkReply* inFlight = send("POST", QStringLiteral("/mcp/slow"), modernHeaders("tools/call", "getForecast"),
                                   modernCall(1, QStringLiteral("getForecast"), forecastArgs()));
    QTRY_COMPARE_WITH_TIMEOUT(oldBackend.requestCount(), 1, 3000);

    // New configuration: "slow" now talks to the demo backend and no longer offers getForecast.
    ServiceConfig changed = serviceAt(QStringLiteral("slow"), m_demoUrl);
    changed.exclude = QStringList{QStringLiteral("getForecast")};
    QString error;
    QVERIFY2(m_server->applyConfig(demoPlus({changed}), &error), qPrintable(error));
    QCOMPARE(servicesChanged.size(), 1);
    QVERIFY(!inFlight->isFinished()); // the backend is still sitting on it

    // The new configuration serves at once...
    const Response list = exchange("POST", QStringLiteral("/mcp/slow"), modernHeaders("tools/list"),
                                   rpc(2, QStringLiteral("tools/list"), withModernMeta({})));
    QStringList expectedTools = kDemoTools;
    expectedTools.removeAll(QStringLiteral("getForecast"));
    QCOMPARE(toolNames(list.result()), expectedTools);
    // ...while the call in flight completes with the old service's answer.
    const Response old = await(inFlight, 5000);
    QVERIFY(old.finished);
    QCOMPARE(old.status, 200);
    const QJsonObject oldAnswer{{QStringLiteral("source"), QStringLiteral("old-backend")}};
    QCOMPARE(old.result().value(QLatin1String("structuredContent")).toObject(), oldAnswer);
    QCOMPARE(oldBackend.requestCount(), 1);

    // Streams of the changed service hear about it; the unchanged service's stream does not.
    QTRY_COMPARE_WITH_TIMEOUT(
        countMethod(sseMessages(slowStream->data), QStringLiteral("notifications/tools/list_changed")), 1, 2000);
    QTRY_COMPARE_WITH_TIMEOUT(
        countMethod(sseMessages(subscription->data), QStringLiteral("notifications/tools/list_changed")), 1, 2000);
    const QJsonObject modernNote = sseMessages(subscription->data).last();
    QCOMPARE(modernNote.value(QLatin1String("params"))[QLatin1String("_meta")][kMetaSubscription].toString(),
             QStringLiteral("sub-1"));
    QTest::qWait(200);
    QCOMPARE(countMethod(sseMessages(demoStream->data), QStringLiteral("notifications/tools/list_changed")), 0);

    // The excluded tool is gone for new calls; others reach the new backend.
    const Response gone = exchange("POST", QStringLiteral("/mcp/slow"), modernHeaders("tools/call", "getForecast"),
                                   modernCall(3, QStringLiteral("getForecast"), forecastArgs()));
    QCOMPARE(gone.status, 200);
    QCOMPARE(gone.rpcError(), -32602);
    const Response items = exchange("POST", QStringLiteral("/mcp/slow"), modernHeaders("tools/call", "listItems"),
                                    modernCall(4, QStringLiteral("listItems"), {{QStringLiteral("limit"), 2}}));
    QCOMPARE(items.status, 200);
    QCOMPARE(items.result().value(QLatin1String("structuredContent"))[QLatin1String("items")].toArray().size(), 2);
    QCOMPARE(oldBackend.requestCount(), 1);

    for (const auto& s : {slowStream, demoStream, subscription})
        s->reply->abort();
}

void tst_GatewayServer::legacyListChangedNotificationShape()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const QByteArray session = initializeSession(QStringLiteral("demo"));
    QVERIFY(!session.isEmpty());
    const auto stream = openStream(
        "GET", QStringLiteral("/mcp/demo"),
        {{"Accept", "text/event-stream"}, {"MCP-Protocol-Version", "2025-11-25"}, {"Mcp-Session-Id", session}});
    QTRY_VERIFY_WITH_TIMEOUT(stream->data.contains("id: "), 3000);
    WorkspaceConfig changed = demoPlus({});
    changed.services.first().exclude = QStringList{QStringLiteral("deleteItem")};
    QVERIFY(m_server->applyConfig(changed));
    QTRY_COMPARE_WITH_TIMEOUT(
        countMethod(sseMessages(stream->data), QStringLiteral("notifications/tools/list_changed")), 1, 2000);
    // The legacy notification is exactly the 2025 shape: no 2026-07-28 subscription id (null or otherwise).
    const QJsonObject note = sseMessages(stream->data).last();
    QCOMPARE(compact(note), QByteArray(R"({"jsonrpc":"2.0","method":"notifications/tools/list_changed"})"));
    // SSE ids are unique within the session: the priming event had 1, this one has 2.
    QVERIFY2(stream->data.contains("id: 2\n"), stream->data.constData());
    stream->reply->abort();
}

// ------------------------------------------------------------------------------------------------
// (d) a broken configuration changes nothing

void tst_GatewayServer::brokenConfigKeepsOldServices_data()
{
    QTest::addColumn<QString>("document"); // file name in a temp dir, or an absolute path
    QTest::addColumn<QByteArray>("content"); // written to the file when non-empty
    QTest::addColumn<QString>("trafficLogFile");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("missing document") << QStringLiteral("/nonexistent/portcullis/broken.yaml") << QByteArray()
                                      << QString() << QStringLiteral("broken.yaml");
    QTest::newRow("YAML syntax error") << QStringLiteral("broken.yaml")
                                       << QByteArray("openapi: 3.0.3\ninfo: {title: x, version: 1\npaths:\n  - [\n")
                                       << QString() << QStringLiteral("broken.yaml");
    QTest::newRow("no servers and no baseUrl")
        << QStringLiteral("noservers.json")
        << QByteArray(
               R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"ok"}}}}}})")
        << QString() << QStringLiteral("servers");
    QTest::newRow("unwritable traffic log")
        << QString() << QByteArray() << QStringLiteral("/nonexistent/portcullis/traffic.jsonl")
        << QStringLiteral("traffic log file");
}

void tst_GatewayServer::brokenConfigKeepsOldServices()
{
    QFETCH(QString, document);
    QFETCH(QByteArray, content);
    QFETCH(QString, trafficLogFile);
    QFETCH(QString, errorContains);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString goodLog = dir.filePath(QStringLiteral("good.jsonl"));
    WorkspaceConfig initial = demoPlus({});
    initial.gateway.trafficLogFile = goodLog;
    startGateway(initial);
    if (QTest::currentTestFailed())
        return;
    m_server->setStrict(true); // all-or-nothing (--strict); see badServiceIsolated for the default
    QSignalSpy rejected(m_server.get(), &GatewayServer::configRejected);
    QSignalSpy changed(m_server.get(), &GatewayServer::servicesChanged);
    const auto linesIn = [](const QString& path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? int(f.readAll().count('\n')) : -1;
    };

    WorkspaceConfig broken = initial;
    broken.services.first().timeoutMs = 1234; // would be visible in config() if it were applied
    if (!document.isEmpty()) {
        ServiceConfig extra = serviceAt(QStringLiteral("broken"), QUrl());
        extra.openApiPath = QFileInfo(document).isAbsolute() ? document : dir.filePath(document);
        if (!content.isEmpty()) {
            QFile f(extra.openApiPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
        broken.services.append(extra);
    }
    if (!trafficLogFile.isEmpty())
        broken.gateway.trafficLogFile = trafficLogFile;

    QString error;
    QVERIFY(!m_server->applyConfig(broken, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    if (!document.isEmpty())
        QVERIFY2(error.startsWith(QLatin1String("service 'broken': ")), qPrintable(error));
    QCOMPARE(rejected.size(), 1);
    QCOMPARE(rejected.first().first().toString(), error);
    QCOMPARE(changed.size(), 0);

    // Nothing changed: same services, same config, and the old service still answers.
    QCOMPARE(m_server->config().services.size(), 1);
    QCOMPARE(m_server->config().services.first().timeoutMs, 10000);
    QCOMPARE(m_server->config().gateway.trafficLogFile, goodLog);
    const int loggedBefore = linesIn(goodLog);
    const QList<Gateway::ServiceStatus> services = m_server->services();
    QCOMPARE(services.size(), 1);
    QCOMPARE(services.first().name, QStringLiteral("demo"));
    QCOMPARE(services.first().toolNames, kDemoTools);
    const Response r = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                                modernCall(1, QStringLiteral("getForecast"), forecastArgs()));
    QCOMPARE(r.status, 200);
    QVERIFY(r.result().contains(QLatin1String("structuredContent")));
    // The running configuration's traffic log mirror keeps being written.
    QCOMPARE(linesIn(goodLog), loggedBefore + 1);
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/broken"), modernHeaders("tools/list"),
                      rpc(2, QStringLiteral("tools/list"), withModernMeta({})))
                 .status,
             404);
}

// ------------------------------------------------------------------------------------------------
// (e) backend faults: refused, hanging, stalling, trickling, oversize, 5xx, closed

void tst_GatewayServer::backendFaults_data()
{
    QTest::addColumn<bool>("listening"); // false: nothing listens on the backend port
    QTest::addColumn<FaultResponse>("response");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<qint64>("maxResponseBytes");
    QTest::addColumn<QString>("expectedText");
    QTest::addColumn<int>("withinMs"); // the client must have its answer by then

    const qint64 tenMiB = 10 * 1024 * 1024;
    QTest::newRow("refused") << false << FaultResponse() << 5000 << tenMiB
                             << QStringLiteral("Backend of service 'faulty' is unreachable (ConnectionRefused).")
                             << 3000;

    FaultResponse hang;
    hang.kind = FaultResponse::Kind::Hang;
    QTest::newRow("hangs after accept") << true << hang << 400 << tenMiB
                                        << QStringLiteral("Backend of service 'faulty' did not answer within 400 ms.")
                                        << 2500;
    FaultResponse stall;
    stall.kind = FaultResponse::Kind::StallAfterHead;
    stall.body = R"({"partial":)";
    stall.declaredLength = 100;
    QTest::newRow("stalls after the head")
        << true << stall << 400 << tenMiB << QStringLiteral("Backend of service 'faulty' did not answer within 400 ms.")
        << 2500;
    FaultResponse trickle;
    trickle.kind = FaultResponse::Kind::Trickle;
    trickle.body = QByteArray(1000, 'x');
    trickle.declaredLength = 1000;
    trickle.trickleIntervalMs = 100;
    trickle.headers = {{"Content-Type", "text/plain"}};
    QTest::newRow("trickles 10 B/s") << true << trickle << 400 << tenMiB
                                     << QStringLiteral("Backend of service 'faulty' did not answer within 400 ms.")
                                     << 2500;
    FaultResponse huge;
    huge.body = QByteArray(1024 * 1024, 'z');
    huge.headers = {{"Content-Type", "text/plain"}};
    QTest::newRow("1 MiB body over a 4 KiB cap")
        << true << huge << 5000 << qint64(4096)
        << QStringLiteral("Backend response of service 'faulty' exceeded the 4096-byte limit.") << 3000;
    FaultResponse fiveHundred;
    fiveHundred.status = 503;
    fiveHundred.reason = "Service Unavailable";
    fiveHundred.headers = {{"Content-Type", "text/plain"}, {"WWW-Authenticate", "Basic realm=\"backend\""}};
    fiveHundred.body = "maintenance \x1b[31mwindow" + QByteArray(5000, '.');
    QTest::newRow("503 with long body") << true << fiveHundred << 5000 << tenMiB << QString() << 3000;
    FaultResponse closes;
    closes.kind = FaultResponse::Kind::Close;
    QTest::newRow("closes without answer")
        << true << closes << 5000 << tenMiB
        << QStringLiteral("Backend of service 'faulty' is unreachable (RemoteHostClosed).") << 3000;
}

void tst_GatewayServer::backendFaults()
{
    QFETCH(bool, listening);
    QFETCH(FaultResponse, response);
    QFETCH(int, timeoutMs);
    QFETCH(qint64, maxResponseBytes);
    QFETCH(QString, expectedText);
    QFETCH(int, withinMs);

    FaultBackend backend;
    QUrl url;
    if (listening) {
        url = backend.start();
        QVERIFY(url.isValid());
        backend.setResponse(response);
    } else {
        url = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(TestSupport::unusedLoopbackPort()));
    }
    startGateway(demoPlus({serviceAt(QStringLiteral("faulty"), url, timeoutMs, maxResponseBytes)}));
    if (QTest::currentTestFailed())
        return;

    QElapsedTimer timer;
    timer.start();
    const Response r = exchange("POST", QStringLiteral("/mcp/faulty"), modernHeaders("tools/call", "getForecast"),
                                modernCall(1, QStringLiteral("getForecast"), forecastArgs()), withinMs);
    QVERIFY2(r.finished, qPrintable(QStringLiteral("no answer within %1 ms").arg(withinMs)));
    QCOMPARE(r.status, 200);
    const QJsonObject result = r.result();
    QVERIFY2(result.value(QLatin1String("isError")).toBool(), r.body.left(300).constData());
    QVERIFY(!result.contains(QLatin1String("structuredContent")));
    const QString text = toolText(result);
    if (!expectedText.isEmpty()) {
        QCOMPARE(text, expectedText);
    } else {
        // 5xx: status and a sanitized excerpt of at most 2 KiB; never the backend's challenge header.
        QVERIFY2(
            text.startsWith(QLatin1String("Backend answered HTTP 503 Service Unavailable: maintenance  [31mwindow")),
            qPrintable(text.left(200)));
        QVERIFY(text.toUtf8().size() < 2048 + 200);
        QVERIFY(!text.contains(QLatin1String("realm")));
    }
    if (listening && response.kind != FaultResponse::Kind::Close)
        QCOMPARE(backend.requestCount(), 1); // no retries of a POST-less GET that failed this way
    // The gateway stays healthy.
    const Response ok = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                                 modernCall(2, QStringLiteral("getForecast"), forecastArgs()));
    QCOMPARE(ok.status, 200);
    QVERIFY(!ok.result().value(QLatin1String("isError")).toBool());
}

void tst_GatewayServer::crossOriginRedirectNotFollowed()
{
    FaultBackend target; // another origin (other port)
    QVERIFY(target.start().isValid());
    FaultBackend redirecting;
    QVERIFY(redirecting.start().isValid());
    FaultResponse redirect;
    redirect.status = 302;
    redirect.reason = "Found";
    redirect.body = QByteArray();
    redirect.headers = {{"Location", target.baseUrl().toString().toLatin1() + "/v1/forecast?city=Lisbon"}};
    redirecting.setResponse(redirect);

    startGateway(demoPlus({serviceAt(QStringLiteral("redir"), redirecting.baseUrl())}));
    if (QTest::currentTestFailed())
        return;
    RawHeaders headers = modernHeaders("tools/call", "getForecast");
    headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer CANARY-client-token-51d2")));
    const Response r = exchange("POST", QStringLiteral("/mcp/redir"), headers,
                                modernCall(1, QStringLiteral("getForecast"), forecastArgs()));
    QVERIFY(r.finished);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.result().value(QLatin1String("isError")).toBool(), r.body.constData());
    QCOMPARE(toolText(r.result()), QStringLiteral("Backend answered HTTP 302 Found"));
    QCOMPARE(redirecting.requestCount(), 1);
    QTest::qWait(200);
    QCOMPARE(target.requestCount(), 0);
    // Mode None: the caller's own token reaches its backend, never another origin.
    QCOMPARE(redirecting.requests().first().header("Authorization"), QByteArray("Bearer CANARY-client-token-51d2"));
}

void tst_GatewayServer::inboundHeadersToBackend_data()
{
    QTest::addColumn<bool>("apiKey");
    // Mode None checks nothing: the caller's Authorization, Cookie (and any x-reshapr-key) are its
    // own credentials for the backend. With an API key they are the gateway's: nothing is forwarded.
    QTest::newRow("none: the caller's credentials reach the backend") << false;
    QTest::newRow("api key: the gateway's credentials never do") << true;
}

void tst_GatewayServer::inboundHeadersToBackend()
{
    QFETCH(bool, apiKey);
    FaultBackend backend;
    QVERIFY(backend.start().isValid());
    ServiceConfig echo = serviceAt(QStringLiteral("echo"), backend.baseUrl());
    const QByteArray key = "rshp_CANARYkey";
    if (apiKey) {
        echo.security.mode = Gateway::EndpointSecurity::Mode::ApiKey;
        echo.security.apiKeyHashes = {Gateway::ApiKey::hash(key)};
    }
    startGateway(demoPlus({echo}));
    if (QTest::currentTestFailed())
        return;
    const RawHeaders credentials{{"Authorization", "Bearer CANARY-token-0a1b"},
                                 {"x-reshapr-key", key},
                                 {"Cookie", "sid=CANARY-cookie"},
                                 {"Proxy-Authorization", "Basic Q0FOQVJZ"},
                                 {"X-Tenant", "acme"}};
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/echo"), modernHeaders("tools/call", "getForecast") + credentials,
                      modernCall(1, QStringLiteral("getForecast"), forecastArgs()))
                 .status,
             200);
    // Legacy call with a session.
    QByteArray session;
    {
        RawHeaders init = jsonHeaders() + credentials;
        const Response r = exchange("POST", QStringLiteral("/mcp/echo"), init,
                                    rpc(0, QStringLiteral("initialize"),
                                        {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                                         {QStringLiteral("capabilities"), QJsonObject()},
                                         {QStringLiteral("clientInfo"),
                                          QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                                      {QStringLiteral("version"), QStringLiteral("1")}}}}));
        QCOMPARE(r.status, 200);
        for (const auto& h : r.headers)
            if (h.first.compare("Mcp-Session-Id", Qt::CaseInsensitive) == 0)
                session = h.second;
        QVERIFY(!session.isEmpty());
    }
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/echo"), legacyHeaders(session) + credentials,
                      rpc(2, QStringLiteral("tools/call"),
                          {{QStringLiteral("name"), QStringLiteral("getForecast")},
                           {QStringLiteral("arguments"), forecastArgs()}}))
                 .status,
             200);
    const QList<TestSupport::RecordedRequest> received = backend.requests();
    QCOMPARE(received.size(), 2);
    for (const auto& request : received) {
        QCOMPARE(request.method, QByteArray("GET"));
        QVERIFY2(request.target.startsWith("/v1/forecast?"), request.target.constData());
        for (const auto& h : request.headers) {
            QVERIFY2(!h.first.toLower().startsWith("mcp-"), h.first.constData());
            QVERIFY2(h.first.compare("Proxy-Authorization", Qt::CaseInsensitive) != 0, h.first.constData());
            if (apiKey)
                QVERIFY2(!h.second.contains("CANARY"), h.first.constData());
        }
        if (apiKey) {
            QVERIFY(!request.hasHeader("Authorization"));
            QVERIFY(!request.hasHeader("Cookie"));
            QVERIFY(!request.hasHeader("x-reshapr-key"));
            QVERIFY(!request.hasHeader("X-Tenant"));
        } else {
            QCOMPARE(request.header("Authorization"), QByteArray("Bearer CANARY-token-0a1b"));
            QCOMPARE(request.header("Cookie"), QByteArray("sid=CANARY-cookie"));
            QCOMPARE(request.header("x-reshapr-key"), key);
            QCOMPARE(request.header("X-Tenant"), QByteArray("acme"));
        }
        QVERIFY(!request.header("User-Agent").isEmpty());
    }
}

// ------------------------------------------------------------------------------------------------
// (f) clients that leave early

void tst_GatewayServer::clientDisconnectBeforeBackendAnswers()
{
    FaultBackend slow;
    QVERIFY(slow.start().isValid());
    FaultResponse delayed;
    delayed.delayMs = 500;
    slow.setResponse(delayed);
    startGateway(demoPlus({serviceAt(QStringLiteral("slow"), slow.baseUrl())}));
    if (QTest::currentTestFailed())
        return;

    const QByteArray body = modernCall(1, QStringLiteral("getForecast"), forecastArgs());
    // The Host names the listening port: a loopback Host without it is not this gateway.
    QByteArray raw
        = "POST /mcp/slow HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->serverPort()) + "\r\n";
    for (const auto& h : modernHeaders("tools/call", "getForecast"))
        raw += h.first + ": " + h.second + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;

    for (int round = 1; round <= 3; ++round) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
        QVERIFY(socket.waitForConnected(2000));
        socket.write(raw);
        QTRY_COMPARE_WITH_TIMEOUT(slow.requestCount(), round, 3000);
        socket.abort(); // gone before the backend answers
    }
    // Also a client that leaves with an open SSE stream, followed by a change that notifies it.
    const QByteArray session = initializeSession(QStringLiteral("slow"));
    const auto stream = openStream(
        "GET", QStringLiteral("/mcp/slow"),
        {{"Accept", "text/event-stream"}, {"MCP-Protocol-Version", "2025-11-25"}, {"Mcp-Session-Id", session}});
    QTRY_VERIFY_WITH_TIMEOUT(stream->data.contains("id: "), 3000);
    stream->reply->abort();
    QTest::qWait(50);
    ServiceConfig changed = serviceAt(QStringLiteral("slow"), slow.baseUrl());
    changed.exclude = QStringList{QStringLiteral("listItems")};
    QVERIFY(m_server->applyConfig(demoPlus({changed})));

    // The gateway cancelled the three backend calls nobody would read (the backend saw them go).
    QTRY_COMPARE_WITH_TIMEOUT(slow.abandonedCount(), 3, 2000);
    QTest::qWait(600); // past the backend's 500 ms: nothing arrives late for the departed clients
    const Response ok = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                                 modernCall(2, QStringLiteral("getForecast"), forecastArgs()));
    QCOMPARE(ok.status, 200);
    QVERIFY(!ok.result().value(QLatin1String("isError")).toBool());
    int abandoned = 0;
    for (const auto& e : m_server->trafficLog()->events()) {
        if (e.rpcMethod == QLatin1String("tools/call") && e.path == QLatin1String("/mcp/slow")) {
            QVERIFY2(e.detail.startsWith(QLatin1String("client left")), qPrintable(e.detail));
            ++abandoned;
        }
    }
    QCOMPARE(abandoned, 3);
}

void tst_GatewayServer::modernClientDisconnectCancelsBackendCall()
{
    // 2026-07-28 (streamable-http): "A client closing the stream cancels the request: stop work".
    // The gateway must abort the backend call instead of holding it until the service timeout.
    FaultBackend hang;
    QVERIFY(hang.start().isValid());
    FaultResponse never;
    never.kind = FaultResponse::Kind::Hang;
    hang.setResponse(never);
    startGateway(demoPlus({serviceAt(QStringLiteral("hang"), hang.baseUrl(), 10000)}));
    if (QTest::currentTestFailed())
        return;
    const QByteArray body = modernCall(1, QStringLiteral("getForecast"), forecastArgs());
    // The Host names the listening port: a loopback Host without it is not this gateway.
    QByteArray raw
        = "POST /mcp/hang HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(m_server->serverPort()) + "\r\n";
    for (const auto& h : modernHeaders("tools/call", "getForecast"))
        raw += h.first + ": " + h.second + "\r\n";
    raw += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, m_server->serverPort());
    QVERIFY(socket.waitForConnected(2000));
    socket.write(raw);
    QTRY_COMPARE_WITH_TIMEOUT(hang.requestCount(), 1, 3000);
    socket.abort();
    QTRY_COMPARE_WITH_TIMEOUT(hang.abandonedCount(), 1, 2000);
}

// ------------------------------------------------------------------------------------------------
// (g) traffic events: complete, and never argument values or credentials

void tst_GatewayServer::trafficEventForToolsCall()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString jsonl = dir.filePath(QStringLiteral("traffic.jsonl"));
    WorkspaceConfig config = demoPlus({});
    config.gateway.trafficLogFile = jsonl;
    startGateway(config);
    if (QTest::currentTestFailed())
        return;
    const QByteArray canary = "CANARY-7f3a";
    const QString canaryText = QString::fromLatin1(canary);

    RawHeaders headers = modernHeaders("tools/call", "getForecast");
    headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer CANARY-auth-9c1e")));
    const QByteArray body = modernCall(1, QStringLiteral("getForecast"), forecastArgs(canaryText, 2));
    const Response r = exchange("POST", QStringLiteral("/mcp/demo"), headers, body);
    QCOMPARE(r.status, 200);
    // Invalid arguments carrying the canary: a tool error naming the field, never the value.
    const Response invalid
        = exchange("POST", QStringLiteral("/mcp/demo"), headers,
                   modernCall(2, QStringLiteral("getForecast"),
                              {{QStringLiteral("city"), canaryText}, {QStringLiteral("days"), canaryText}}));
    QCOMPARE(invalid.status, 200);
    QVERIFY(invalid.result().value(QLatin1String("isError")).toBool());
    QVERIFY2(toolText(invalid.result()).contains(QLatin1String("days")), qPrintable(toolText(invalid.result())));
    QVERIFY2(!toolText(invalid.result()).contains(canaryText), qPrintable(toolText(invalid.result())));
    // A legacy call too.
    const QByteArray session = initializeSession(QStringLiteral("demo"));
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/demo"), legacyHeaders(session),
                      rpc(3, QStringLiteral("tools/call"),
                          {{QStringLiteral("name"), QStringLiteral("getForecast")},
                           {QStringLiteral("arguments"), forecastArgs(canaryText, 1)}}))
                 .status,
             200);

    const QList<Gateway::TrafficEvent> events = m_server->trafficLog()->events();
    QVERIFY(events.size() >= 5);
    const Gateway::TrafficEvent& e = events.first();
    const QJsonObject json = e.toJson();
    QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("mcp"));
    QCOMPARE(json.value(QLatin1String("method")).toString(), QStringLiteral("POST"));
    QCOMPARE(json.value(QLatin1String("path")).toString(), QStringLiteral("/mcp/demo"));
    QCOMPARE(json.value(QLatin1String("service")).toString(), QStringLiteral("demo"));
    QCOMPARE(json.value(QLatin1String("rpcMethod")).toString(), QStringLiteral("tools/call"));
    QCOMPARE(json.value(QLatin1String("tool")).toString(), QStringLiteral("getForecast"));
    QCOMPARE(json.value(QLatin1String("protocol")).toString(), kModern);
    QCOMPARE(json.value(QLatin1String("principal")).toString(), QStringLiteral("anonymous"));
    QCOMPARE(json.value(QLatin1String("backendStatus")).toInt(), 200);
    QCOMPARE(json.value(QLatin1String("status")).toInt(), 200);
    QVERIFY(!json.contains(QLatin1String("toolError")));
    QVERIFY(!json.contains(QLatin1String("rpcError")));
    QVERIFY(e.backendMicros > 0);
    QVERIFY(e.totalMicros >= e.backendMicros);
    // The timing split: auth decided before anything else, mapping measured, parts within the total.
    QVERIFY(e.authMicros > 0);
    QVERIFY(e.mappingMicros > 0);
    QVERIFY(e.queueMicros >= 0);
    QVERIFY(e.authMicros + e.queueMicros + e.backendMicros + e.mappingMicros <= e.totalMicros);
    QCOMPARE(json.value(QLatin1String("authUs")).toInteger(), e.authMicros);
    QCOMPARE(json.value(QLatin1String("mappingUs")).toInteger(), e.mappingMicros);
    QCOMPARE(e.requestBytes, qint64(body.size()));
    QCOMPARE(e.responseBytes, qint64(r.body.size()));
    QCOMPARE(e.id, quint64(1));

    // No event, in memory or in the JSON Lines file, carries an argument value or a credential.
    for (const auto& event : events) {
        const QByteArray text = QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact);
        QVERIFY2(!text.contains(canary), text.constData());
        QVERIFY2(!text.contains("CANARY-auth"), text.constData());
    }
    QFile file(jsonl);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray mirrored = file.readAll();
    QCOMPARE(mirrored.count('\n'), qsizetype(events.size()));
    QVERIFY(!mirrored.contains(canary));
    QVERIFY(!mirrored.contains("CANARY-auth"));
}

void tst_GatewayServer::invalidArgumentsEventIsToolError()
{
    // TrafficEvent::toolError is "CallToolResult.isError": an argument-validation failure is a tool
    // error (isError:true to the client), so its event and the error metrics must say so too.
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    const Response r = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                                modernCall(1, QStringLiteral("getForecast"), {{QStringLiteral("days"), 2}}));
    QCOMPARE(r.status, 200);
    QVERIFY(r.result().value(QLatin1String("isError")).toBool());
    const QList<Gateway::TrafficEvent> events = m_server->trafficLog()->events();
    QCOMPARE(events.size(), 1);
    const Gateway::TrafficEvent& e = events.first();
    QCOMPARE(e.tool, QStringLiteral("getForecast"));
    QCOMPARE(e.backendStatus, 0); // validated before any backend call
    QCOMPARE(e.httpStatus, 200);
    QCOMPARE(e.toolError, true);
}

// ------------------------------------------------------------------------------------------------
// (h) /metrics

void tst_GatewayServer::metricsOffByDefault()
{
    startGateway(demoPlus({}));
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(m_server->config().gateway.metricsEnabled, false);
    const Response r = exchange("GET", QStringLiteral("/metrics"), {});
    QCOMPARE(r.status, 404);
    QCOMPARE(r.json(), (QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}}));
    QVERIFY(!r.body.contains("portcullis_"));
}

void tst_GatewayServer::metricsEnabled()
{
    WorkspaceConfig config = demoPlus({});
    config.gateway.metricsEnabled = true;
    startGateway(config);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                      modernCall(1, QStringLiteral("getForecast"), forecastArgs()))
                 .status,
             200);
    const Response r = exchange("GET", QStringLiteral("/metrics"), {});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/plain; version=0.0.4; charset=utf-8"));
    QVERIFY2(r.body.contains("\nportcullis_requests_total{service=\"demo\",tool=\"getForecast\"} 1\n"),
             r.body.constData());
    QVERIFY(r.body.contains("# TYPE portcullis_requests_total counter\n"));
    QVERIFY(r.body.contains(
        "portcullis_request_duration_seconds_bucket{service=\"demo\",tool=\"getForecast\",le=\"+Inf\"} 1\n"));

    const Response post = exchange("POST", QStringLiteral("/metrics"), {{"Content-Type", "text/plain"}}, "x");
    QCOMPARE(post.status, 405);
    QCOMPARE(post.header("Allow"), QByteArray("GET"));
    const Response foreign = exchange("GET", QStringLiteral("/metrics"), {{"Host", "evil.example"}});
    QCOMPARE(foreign.status, 403);

    // Switched off again by a reload.
    config.gateway.metricsEnabled = false;
    QVERIFY(m_server->applyConfig(config));
    QCOMPARE(exchange("GET", QStringLiteral("/metrics"), {}).status, 404);
}

// ------------------------------------------------------------------------------------------------
// One bad service does not take the others down

void tst_GatewayServer::badServiceIsolated_data()
{
    QTest::addColumn<QString>("document"); // file name in a temp dir, absolute path, or "" = demo document
    QTest::addColumn<QByteArray>("content"); // written to the file when non-empty
    QTest::addColumn<QString>("baseUrl"); // "" = the demo backend
    QTest::addColumn<int>("backendAuth"); // BackendAuth::Kind
    QTest::addColumn<QString>("configError"); // as the loader sets it for refused settings
    QTest::addColumn<QString>("errorContains");

    const int none = int(BackendAuth::Kind::None);
    QTest::newRow("missing document") << QStringLiteral("/nonexistent/portcullis/broken.yaml") << QByteArray()
                                      << QString() << none << QString() << QStringLiteral("broken.yaml");
    QTest::newRow("YAML syntax error") << QStringLiteral("broken.yaml")
                                       << QByteArray("openapi: 3.0.3\ninfo: {title: x, version: 1\npaths:\n  - [\n")
                                       << QString() << none << QString() << QStringLiteral("broken.yaml");
    QTest::newRow("no servers and no baseUrl")
        << QStringLiteral("noservers.json")
        << QByteArray(
               R"({"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{"/a":{"get":{"operationId":"a","responses":{"200":{"description":"ok"}}}}}})")
        << QStringLiteral("-") << none << QString() << QStringLiteral("servers");
    // Its security settings were refused: nothing of it may be reachable, not even without credentials.
    QTest::newRow("refused security settings")
        << QString() << QByteArray() << QString() << none
        << QStringLiteral("ws.json: $.services[1].security.mode: must be one of none, apiKey, oauth2")
        << QStringLiteral("security.mode: must be one of none, apiKey, oauth2");
    QTest::newRow("basic credentials over plain http, not loopback")
        << QString() << QByteArray() << QStringLiteral("http://backend.example.com/v1") << int(BackendAuth::Kind::Basic)
        << QString()
        << QStringLiteral("backendAuth kind basic would send credentials over plain http to "
                          "'http://backend.example.com/v1', which is not loopback; use https");
    QTest::newRow("token over plain http, not loopback")
        << QString() << QByteArray() << QStringLiteral("http://10.1.2.3:8080") << int(BackendAuth::Kind::Token)
        << QString() << QStringLiteral("backendAuth kind token would send credentials over plain http");
    QTest::newRow("oauth client credentials over plain http, not loopback")
        << QString() << QByteArray() << QStringLiteral("http://api.internal")
        << int(BackendAuth::Kind::OAuth2ClientCredentials) << QString()
        << QStringLiteral("backendAuth kind oauth2ClientCredentials would send credentials");
    QTest::newRow("client certificate for an http URL (even loopback)")
        << QString() << QByteArray() << QString() << int(BackendAuth::Kind::ClientCertificate) << QString()
        << QStringLiteral("backendAuth kind clientCertificate needs an https backend URL");
}

void tst_GatewayServer::badServiceIsolated()
{
    QFETCH(QString, document);
    QFETCH(QByteArray, content);
    QFETCH(QString, baseUrl);
    QFETCH(int, backendAuth);
    QFETCH(QString, configError);
    QFETCH(QString, errorContains);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const WorkspaceConfig initial = demoPlus({});
    startGateway(initial);
    if (QTest::currentTestFailed())
        return;
    QSignalSpy rejected(m_server.get(), &GatewayServer::configRejected);
    QSignalSpy changed(m_server.get(), &GatewayServer::servicesChanged);

    ServiceConfig bad = serviceAt(QStringLiteral("broken"),
                                  baseUrl.isEmpty()                   ? m_demoUrl
                                      : baseUrl == QLatin1String("-") ? QUrl()
                                                                      : QUrl(baseUrl));
    if (!document.isEmpty()) {
        bad.openApiPath = QFileInfo(document).isAbsolute() ? document : dir.filePath(document);
        if (!content.isEmpty()) {
            QFile f(bad.openApiPath);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        }
    }
    bad.backendAuth.kind = BackendAuth::Kind(backendAuth);
    if (bad.backendAuth.kind != BackendAuth::Kind::None) {
        bad.backendAuth.username = QStringLiteral("u");
        bad.backendAuth.secretRef = QStringLiteral("${env:PORTCULLIS_TEST_UNSET}");
        bad.backendAuth.certificateRef = QStringLiteral("${env:PORTCULLIS_TEST_UNSET_CERT}");
        bad.backendAuth.tokenEndpoint = QUrl(QStringLiteral("https://idp.example.com/token"));
        bad.backendAuth.clientId = QStringLiteral("c");
    }
    bad.configError = configError;
    WorkspaceConfig next = initial;
    next.services.first().timeoutMs = 1234; // the good service's change is applied
    next.services.append(bad);

    QString error;
    QVERIFY2(m_server->applyConfig(next, &error), qPrintable(error));
    QCOMPARE(rejected.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(m_server->config().services.first().timeoutMs, 1234);

    const QList<Gateway::ServiceStatus> services = m_server->services();
    QCOMPARE(services.size(), 2);
    QCOMPARE(services.at(0).name, QStringLiteral("broken"));
    QVERIFY2(services.at(0).error.startsWith(QLatin1String("service 'broken': ")), qPrintable(services.at(0).error));
    QVERIFY2(services.at(0).error.contains(errorContains), qPrintable(services.at(0).error));
    QCOMPARE(services.at(0).toolCount, 0);
    QCOMPARE(services.at(0).endpointUrl.path(), QStringLiteral("/mcp/broken"));
    QCOMPARE(services.at(1).name, QStringLiteral("demo"));
    QVERIFY(services.at(1).error.isEmpty());
    QCOMPARE(services.at(1).toolNames, kDemoTools);

    // Whatever the caller presents, the refused service answers 503 with the reason.
    const QList<RawHeaders> attempts{
        modernHeaders("tools/call", "getForecast"),
        modernHeaders("tools/call", "getForecast") + RawHeaders{{"x-reshapr-key", "rshp_anything"}},
        modernHeaders("tools/call", "getForecast") + RawHeaders{{"Authorization", "Bearer a.b.c"}}};
    for (const RawHeaders& headers : attempts) {
        const Response r = exchange("POST", QStringLiteral("/mcp/broken"), headers,
                                    modernCall(1, QStringLiteral("getForecast"), forecastArgs()));
        QCOMPARE(r.status, 503);
        QCOMPARE(r.json().value(QLatin1String("jsonrpc")).toString(), QStringLiteral("2.0"));
        QVERIFY(r.json().value(QLatin1String("id")).isNull());
        QCOMPARE(r.rpcError(), -32000);
        const QString message = r.json().value(QLatin1String("error"))[QLatin1String("message")].toString();
        QVERIFY2(message.startsWith(QLatin1String("service 'broken' is not available")), qPrintable(message));
        QVERIFY2(message.contains(errorContains), qPrintable(message));
    }
    QCOMPARE(exchange("GET", QStringLiteral("/mcp/broken"), {{"Accept", "text/event-stream"}}).status, 503);
    QCOMPARE(exchange("GET", QStringLiteral("/.well-known/oauth-protected-resource/mcp/broken"), {}).status, 503);

    // The good service answers as usual.
    const Response ok = exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                                 modernCall(2, QStringLiteral("getForecast"), forecastArgs()));
    QCOMPARE(ok.status, 200);
    QVERIFY(ok.result().contains(QLatin1String("structuredContent")));

    // Removing the bad service again is an ordinary reload.
    QVERIFY(m_server->applyConfig(initial));
    QCOMPARE(m_server->services().size(), 1);
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/broken"), modernHeaders("tools/call", "getForecast"),
                      modernCall(3, QStringLiteral("getForecast"), forecastArgs()))
                 .status,
             404);

    // Strict mode (--strict) refuses the same configuration whole.
    m_server->setStrict(true);
    QVERIFY(!m_server->applyConfig(next, &error));
    QVERIFY2(error.contains(errorContains), qPrintable(error));
    QCOMPARE(m_server->services().size(), 1);
}

void tst_GatewayServer::relativeTrafficLogNextToWorkspaceFile()
{
    QTemporaryDir workspaceDir;
    QTemporaryDir elsewhere;
    QVERIFY(workspaceDir.isValid() && elsewhere.isValid());
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(elsewhere.path()));
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });

    WorkspaceConfig config = demoPlus({});
    config.filePath = workspaceDir.filePath(QStringLiteral("ws.json"));
    config.gateway.trafficLogFile = QStringLiteral("logs/../traffic.jsonl");
    QVERIFY(QDir(workspaceDir.path()).mkpath(QStringLiteral("logs")));
    startGateway(config);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", "getForecast"),
                      modernCall(1, QStringLiteral("getForecast"), forecastArgs()))
                 .status,
             200);
    const QString expected = workspaceDir.filePath(QStringLiteral("traffic.jsonl"));
    QTRY_VERIFY(QFileInfo(expected).size() > 0);
    QVERIFY(!QFile::exists(elsewhere.filePath(QStringLiteral("traffic.jsonl"))));
    // The configuration keeps the path as written (saved back unchanged).
    QCOMPARE(m_server->config().gateway.trafficLogFile, QStringLiteral("logs/../traffic.jsonl"));
    m_server.reset(); // closes the file before the directories go
}

void tst_GatewayServer::metricsLabelsBoundedAndOffMeansOff()
{
    WorkspaceConfig config = demoPlus({});
    startGateway(config); // metrics off
    if (QTest::currentTestFailed())
        return;
    const auto callTool = [this](int id, const QString& name) {
        return exchange("POST", QStringLiteral("/mcp/demo"), modernHeaders("tools/call", name.toLatin1()),
                        modernCall(id, name, forecastArgs()))
            .status;
    };
    for (int i = 0; i < 20; ++i)
        QCOMPARE(callTool(i, QStringLiteral("invented_off_%1").arg(i)), 200);

    config.gateway.metricsEnabled = true;
    QVERIFY(m_server->applyConfig(config));
    Response scrape = exchange("GET", QStringLiteral("/metrics"), {});
    QCOMPARE(scrape.status, 200);
    // Nothing was recorded while metrics were off.
    QVERIFY2(!scrape.body.contains("portcullis_requests_total{"), scrape.body.constData());

    for (int i = 0; i < 30; ++i)
        QCOMPARE(callTool(100 + i, QStringLiteral("invented_on_%1").arg(i)), 200);
    QCOMPARE(callTool(200, QStringLiteral("getForecast")), 200);
    scrape = exchange("GET", QStringLiteral("/metrics"), {});
    QVERIFY2(scrape.body.contains("\nportcullis_requests_total{service=\"demo\",tool=\"(unknown)\"} 30\n"),
             scrape.body.constData());
    QVERIFY(scrape.body.contains("\nportcullis_requests_total{service=\"demo\",tool=\"getForecast\"} 1\n"));
    QVERIFY(!scrape.body.contains("invented_"));
    QCOMPARE(scrape.body.count("portcullis_requests_total{"), 2);
}

namespace {

struct FormPartSeen
{
    QByteArray headers;
    QByteArray data;
};

// A multipart/form-data body split by hand (RFC 2046 delimiters), independent of the encoder.
QList<FormPartSeen> splitMultipart(const QByteArray& body, const QByteArray& boundary, bool* ok)
{
    QList<FormPartSeen> parts;
    *ok = false;
    const QByteArray delimiter = "--" + boundary;
    if (!body.startsWith(delimiter + "\r\n"))
        return parts;
    qsizetype pos = delimiter.size() + 2;
    for (;;) {
        const qsizetype end = body.indexOf("\r\n" + delimiter, pos);
        if (end < 0)
            return parts;
        const QByteArray part = body.mid(pos, end - pos);
        const qsizetype split = part.indexOf("\r\n\r\n");
        if (split < 0)
            return parts;
        parts.append({part.left(split), part.mid(split + 4)});
        pos = end + 2 + delimiter.size();
        if (body.mid(pos, 4) == "--\r\n") {
            *ok = pos + 4 == body.size();
            return parts;
        }
        if (body.mid(pos, 2) != "\r\n")
            return parts;
        pos += 2;
    }
}

} // namespace

void tst_GatewayServer::multipartUploadReachesBackend()
{
    FaultBackend backend;
    QVERIFY(backend.start().isValid());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString document = dir.filePath(QStringLiteral("upload.json"));
    {
        QFile f(document);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"openapi":"3.0.3","info":{"title":"uploads","version":"1"},
          "paths":{"/photos":{"post":{"operationId":"uploadPhoto","requestBody":{"required":true,"content":{
            "multipart/form-data":{"schema":{"type":"object","required":["file"],"properties":{
              "caption":{"type":"string"},"file":{"type":"string","format":"binary"}}},
              "encoding":{"file":{"contentType":"image/png"}}}}},
            "responses":{"200":{"description":"ok"}}}}}})");
    }
    ServiceConfig uploads = serviceAt(QStringLiteral("uploads"), backend.baseUrl());
    uploads.openApiPath = document;
    startGateway(demoPlus({uploads}));
    if (QTest::currentTestFailed())
        return;
    QVERIFY(m_server->services().first().warnings.isEmpty());

    // Every byte value, plus what would end a part if the encoder trusted the content.
    QByteArray file;
    for (int i = 0; i < 256; ++i)
        file.append(char(i));
    file += "\r\n--portcullis-\r\n\r\n";
    const QJsonObject arguments{{QStringLiteral("caption"), QStringLiteral("Sunset \"at\" sea")},
                                {QStringLiteral("file"), QString::fromLatin1(file.toBase64())}};
    const Response r = exchange("POST", QStringLiteral("/mcp/uploads"), modernHeaders("tools/call", "uploadPhoto"),
                                modernCall(1, QStringLiteral("uploadPhoto"), arguments));
    QCOMPARE(r.status, 200);
    QVERIFY2(!r.result().value(QLatin1String("isError")).toBool(), r.body.constData());

    const QList<TestSupport::RecordedRequest> received = backend.requests();
    QCOMPARE(received.size(), 1);
    const TestSupport::RecordedRequest& request = received.first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/photos"));
    const QByteArray contentType = request.header("Content-Type");
    const QRegularExpression typeRe(QStringLiteral("^multipart/form-data; boundary=([A-Za-z0-9'()+_,./:=?-]{27,70})$"));
    const auto match = typeRe.match(QString::fromLatin1(contentType));
    QVERIFY2(match.hasMatch(), contentType.constData());
    QCOMPARE(request.header("Content-Length").toLongLong(), qint64(request.body.size()));
    bool ok = false;
    const QList<FormPartSeen> parts = splitMultipart(request.body, match.captured(1).toLatin1(), &ok);
    QVERIFY2(ok, request.body.left(400).constData());
    QCOMPARE(parts.size(), 2);
    QCOMPARE(parts.at(0).headers, QByteArray("Content-Disposition: form-data; name=\"caption\""));
    QCOMPARE(parts.at(0).data, QByteArray("Sunset \"at\" sea"));
    QCOMPARE(parts.at(1).headers,
             QByteArray("Content-Disposition: form-data; name=\"file\"; filename=\"file\"\r\nContent-Type: image/png"));
    QCOMPARE(parts.at(1).data, file);
}

QTEST_GUILESS_MAIN(tst_GatewayServer)
#include "tst_gatewayserver.moc"
