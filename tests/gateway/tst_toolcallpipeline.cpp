// SPDX-License-Identifier: GPL-3.0-or-later
// The tools/call pipeline: cancellation in every stage and for every backend auth kind (through
// the real gateway: notifications/cancelled and a client that leaves), echoed credentials
// redacted on decoded text before truncation, and the credentials stage's outcomes (including
// "needs user input") kept apart from the traffic event.
#include "FaultBackend.h"
#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "core/GatewaySnapshot.h"
#include "demo/DemoBackend.h"
#include "mcp/ToolCallPipeline.h"
#include "secrets/SecretResolver.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QtTest>

using namespace Gateway;
using namespace TestSupport;

namespace {

const QString kDemoDocument = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");

ServiceConfig serviceAt(const QString& name, const QUrl& baseUrl, int timeoutMs = 10000)
{
    ServiceConfig s;
    s.name = name;
    s.openApiPath = kDemoDocument;
    s.baseUrl = baseUrl;
    s.timeoutMs = timeoutMs;
    return s;
}

QByteArray httpPost(quint16 port, const QString& path, const QList<QPair<QByteArray, QByteArray>>& headers,
                    const QByteArray& body)
{
    QByteArray raw = "POST " + path.toLatin1() + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    for (const auto& h : headers)
        raw += h.first + ": " + h.second + "\r\n";
    raw += "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    return raw;
}

// Reads one Content-Length response from `socket` (waits up to timeoutMs); empty on timeout.
QByteArray readResponse(QTcpSocket& socket, int timeoutMs, QByteArray* headOut = nullptr)
{
    QByteArray buffer;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd >= 0) {
            const QByteArray head = buffer.left(headEnd);
            const qsizetype at = head.toLower().indexOf("content-length:");
            const qint64 length
                = at < 0 ? 0 : head.mid(at + 15, head.indexOf("\r\n", at) - at - 15).trimmed().toLongLong();
            if (buffer.size() >= headEnd + 4 + length) {
                if (headOut)
                    *headOut = head;
                return buffer.mid(headEnd + 4, length);
            }
        }
        if (socket.bytesAvailable() == 0)
            QTest::qWait(10);
        buffer += socket.readAll();
    }
    return {};
}

QByteArray rpc(int id, const QString& method, const QJsonObject& params)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                     {QStringLiteral("id"), id},
                                     {QStringLiteral("method"), method},
                                     {QStringLiteral("params"), params}})
        .toJson(QJsonDocument::Compact);
}

QJsonObject forecastCall()
{
    return {{QStringLiteral("name"), QStringLiteral("getForecast")},
            {QStringLiteral("arguments"),
             QJsonObject{{QStringLiteral("city"), QStringLiteral("Lisbon")}, {QStringLiteral("days"), 2}}}};
}

QJsonObject modernForecastCall()
{
    QJsonObject params = forecastCall();
    params.insert(QStringLiteral("_meta"),
                  QJsonObject{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                              {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject()}});
    return params;
}

const QList<QPair<QByteArray, QByteArray>> kModernHeaders{
    {"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/call"}, {"Mcp-Name", "getForecast"}};

// A credentials stage scripted by the test (the extension point elicited credentials use).
class ScriptedSource final : public CredentialSource
{
public:
    explicit ScriptedSource(std::function<void(Done)> acquire, int* cancels = nullptr)
        : m_acquire(std::move(acquire))
        , m_cancels(cancels)
    {
    }
    void acquire(Done done) override { m_acquire(std::move(done)); }
    void cancel() override
    {
        if (m_cancels)
            ++*m_cancels;
    }

private:
    std::function<void(Done)> m_acquire;
    int* m_cancels;
};

} // namespace

class tst_ToolCallPipeline : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cancelledNotificationStopsEveryAuthKind_data();
    void cancelledNotificationStopsEveryAuthKind();
    void clientGoneStopsCredentialedCall_data();
    void clientGoneStopsCredentialedCall();
    void echoedSecretRedacted_data();
    void echoedSecretRedacted();
    void needsUserInputIsAnOutcome();
    void cancelWhileWaitingForCredentials();
    void principalReachesCredentialsStage();

private:
    std::unique_ptr<GatewayServer> startGateway(const QList<ServiceConfig>& services);
    std::shared_ptr<const ServiceRuntime> demoRuntime(const QUrl& baseUrl, const BackendAuth& auth = {});
    DemoBackendHost m_demoHost;
    QUrl m_demoUrl;
};

void tst_ToolCallPipeline::initTestCase()
{
    m_demoUrl = m_demoHost.start();
    QVERIFY(m_demoUrl.isValid());
    qputenv("PIPELINE_TEST_TOKEN", "tok-CANARY-7c1d-0123456789");
    qputenv("PIPELINE_TEST_PASSWORD", "pw/CANARY+9f2e?x");
    qputenv("PIPELINE_TEST_CLIENT_SECRET", "client-secret-CANARY");
}

std::unique_ptr<GatewayServer> tst_ToolCallPipeline::startGateway(const QList<ServiceConfig>& services)
{
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_demoUrl);
    config.services += services;
    auto server = std::make_unique<GatewayServer>();
    QString error;
    if (!server->applyConfig(config, &error) || !server->listen(QHostAddress::LocalHost, 0, &error)) {
        qWarning("gateway: %s", qPrintable(error));
        return nullptr;
    }
    return server;
}

std::shared_ptr<const ServiceRuntime> tst_ToolCallPipeline::demoRuntime(const QUrl& baseUrl, const BackendAuth& auth)
{
    ServiceConfig s = serviceAt(QStringLiteral("svc"), baseUrl);
    s.backendAuth = auth;
    QString error;
    auto runtime = GatewaySnapshot::buildService(s, QString(), &error);
    if (!runtime)
        qWarning("service: %s", qPrintable(error));
    return runtime;
}

void tst_ToolCallPipeline::cancelledNotificationStopsEveryAuthKind_data()
{
    QTest::addColumn<int>("kind"); // BackendAuth::Kind
    QTest::addColumn<bool>("tokenEndpointHangs"); // cancelled while waiting for the credential
    QTest::newRow("no backend auth") << int(BackendAuth::Kind::None) << false;
    QTest::newRow("token") << int(BackendAuth::Kind::Token) << false;
    QTest::newRow("basic") << int(BackendAuth::Kind::Basic) << false;
    QTest::newRow("oauth2 client credentials, waiting for the token")
        << int(BackendAuth::Kind::OAuth2ClientCredentials) << true;
}

void tst_ToolCallPipeline::cancelledNotificationStopsEveryAuthKind()
{
    QFETCH(int, kind);
    QFETCH(bool, tokenEndpointHangs);
    FaultBackend hang; // the backend, or the token endpoint
    QVERIFY(hang.start().isValid());
    FaultResponse never;
    never.kind = FaultResponse::Kind::Hang;
    hang.setResponse(never);
    ServiceConfig s = serviceAt(QStringLiteral("hang"), hang.baseUrl(), 10000);
    s.backendAuth.kind = BackendAuth::Kind(kind);
    s.backendAuth.username = QStringLiteral("alice");
    s.backendAuth.secretRef = s.backendAuth.kind == BackendAuth::Kind::Basic
        ? QStringLiteral("${env:PIPELINE_TEST_PASSWORD}")
        : QStringLiteral("${env:PIPELINE_TEST_TOKEN}");
    if (tokenEndpointHangs) {
        s.baseUrl = m_demoUrl;
        s.backendAuth.tokenEndpoint = QUrl(hang.baseUrl().toString() + QStringLiteral("/token"));
        s.backendAuth.clientId = QStringLiteral("gateway");
        s.backendAuth.secretRef = QStringLiteral("${env:PIPELINE_TEST_CLIENT_SECRET}");
        s.backendAuth.allowLoopbackHttpTokenEndpoint = true;
    }
    const auto server = startGateway({s});
    QVERIFY(server);
    const quint16 port = server->serverPort();

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(socket.waitForConnected(2000));
    socket.write(httpPost(port, QStringLiteral("/mcp/hang"), {},
                          rpc(0, QStringLiteral("initialize"),
                              {{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                               {QStringLiteral("capabilities"), QJsonObject()},
                               {QStringLiteral("clientInfo"),
                                QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                            {QStringLiteral("version"), QStringLiteral("1")}}}})));
    QByteArray head;
    QVERIFY(!readResponse(socket, 3000, &head).isEmpty());
    const QByteArray lowerHead = head.toLower();
    const qsizetype at = lowerHead.indexOf("mcp-session-id:");
    QVERIFY(at >= 0);
    const QByteArray session = head.mid(at + 15, head.indexOf("\r\n", at) - at - 15).trimmed();
    const QList<QPair<QByteArray, QByteArray>> legacy{{"Mcp-Session-Id", session},
                                                      {"MCP-Protocol-Version", "2025-11-25"}};

    socket.write(
        httpPost(port, QStringLiteral("/mcp/hang"), legacy, rpc(7, QStringLiteral("tools/call"), forecastCall())));
    QTRY_COMPARE_WITH_TIMEOUT(hang.requestCount(), 1, 3000); // the backend call or the token request
    QElapsedTimer clock;
    clock.start();
    QTcpSocket other;
    other.connectToHost(QHostAddress::LocalHost, port);
    QVERIFY(other.waitForConnected(2000));
    QByteArray cancelled = R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7}})";
    other.write(httpPost(port, QStringLiteral("/mcp/hang"), legacy, cancelled));
    QVERIFY(readResponse(other, 2000, &head).isEmpty() || head.startsWith("HTTP/1.1 202"));
    // The call answers at once (not after the 10 s timeout) and its connection is released.
    const QByteArray answer = readResponse(socket, 3000);
    QVERIFY2(!answer.isEmpty(), "tools/call still pending after notifications/cancelled");
    QVERIFY2(clock.elapsed() < 2500, QByteArray::number(clock.elapsed()).constData());
    QVERIFY2(answer.contains("cancelled"), answer.constData());
    if (!tokenEndpointHangs)
        QTRY_COMPARE_WITH_TIMEOUT(hang.abandonedCount(), 1, 2000);
}

void tst_ToolCallPipeline::clientGoneStopsCredentialedCall_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("token") << int(BackendAuth::Kind::Token);
    QTest::newRow("basic") << int(BackendAuth::Kind::Basic);
}

void tst_ToolCallPipeline::clientGoneStopsCredentialedCall()
{
    QFETCH(int, kind);
    FaultBackend hang;
    QVERIFY(hang.start().isValid());
    FaultResponse never;
    never.kind = FaultResponse::Kind::Hang;
    hang.setResponse(never);
    ServiceConfig s = serviceAt(QStringLiteral("hang"), hang.baseUrl(), 10000);
    s.backendAuth.kind = BackendAuth::Kind(kind);
    s.backendAuth.username = QStringLiteral("alice");
    s.backendAuth.secretRef = QStringLiteral("${env:PIPELINE_TEST_TOKEN}");
    const auto server = startGateway({s});
    QVERIFY(server);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->serverPort());
    QVERIFY(socket.waitForConnected(2000));
    socket.write(httpPost(server->serverPort(), QStringLiteral("/mcp/hang"), kModernHeaders,
                          rpc(1, QStringLiteral("tools/call"), modernForecastCall())));
    QTRY_COMPARE_WITH_TIMEOUT(hang.requestCount(), 1, 3000);
    socket.abort();
    // 2026-07-28: closing is cancelling; the backend sees its connection dropped.
    QTRY_COMPARE_WITH_TIMEOUT(hang.abandonedCount(), 1, 2000);
}

void tst_ToolCallPipeline::echoedSecretRedacted_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");

    const QByteArray password = qgetenv("PIPELINE_TEST_PASSWORD"); // "pw/CANARY+9f2e?x"
    const QByteArray basic = "Basic " + QByteArray("alice:" + password).toBase64();
    auto phpEscaped = [](QByteArray v) { return v.replace("/", "\\/"); };
    auto unicodeEscaped = [](const QByteArray& v) {
        QByteArray out;
        for (const char c : v)
            out += "\\u00" + QByteArray(1, c).toHex();
        return out;
    };
    QTest::newRow("JSON with PHP's \\/ escaping (password)")
        << 200 << QByteArray("application/json") << QByteArray(R"({"echo":")" + phpEscaped(password) + R"("})");
    QTest::newRow("JSON with \\/ escaping (Basic header value)")
        << 200 << QByteArray("application/json") << QByteArray(R"({"authorization":")" + phpEscaped(basic) + R"("})");
    QTest::newRow("JSON with \\uXXXX escapes")
        << 200 << QByteArray("application/json") << QByteArray(R"({"echo":")" + unicodeEscaped(password) + R"("})");
    QTest::newRow("JSON array (text only), escaped")
        << 200 << QByteArray("application/json") << QByteArray(R"([")" + phpEscaped(password) + R"("])");
    QTest::newRow("error page cut across the secret")
        << 500 << QByteArray("text/plain") << QByteArray(2040, 'x') + password + QByteArray(100, 'y');
    QTest::newRow("JSON error cut across the escaped secret")
        << 401 << QByteArray("application/json")
        << QByteArray(R"({"pad":")" + QByteArray(2030, 'p') + R"(","seen":")" + phpEscaped(basic) + R"("})");
}

void tst_ToolCallPipeline::echoedSecretRedacted()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    FaultBackend echo;
    QVERIFY(echo.start().isValid());
    FaultResponse response;
    response.status = status;
    response.reason = "R";
    response.headers = {{"Content-Type", contentType}};
    response.body = body;
    echo.setResponse(response);
    BackendAuth auth;
    auth.kind = BackendAuth::Kind::Basic;
    auth.username = QStringLiteral("alice");
    auth.secretRef = QStringLiteral("${env:PIPELINE_TEST_PASSWORD}");
    const auto service = demoRuntime(echo.baseUrl(), auth);
    QVERIFY(service);

    BackendClient backend;
    SecretResolver resolver(nullptr);
    BackendCredentials credentials(&resolver);
    ToolCallPipeline::Input input;
    input.service = service;
    input.params = forecastCall();
    auto pipeline = ToolCallPipeline::create({&backend, &credentials, {}}, input);
    std::optional<ToolCallOutcome> outcome;
    pipeline->start([&outcome](const ToolCallOutcome& o) { outcome = o; });
    pipeline.reset(); // the pipeline keeps itself alive while it runs
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 5000);
    QCOMPARE(echo.requestCount(), 1);
    QCOMPARE(outcome->kind, ToolCallOutcome::Kind::Result);
    QCOMPARE(outcome->backendStatus, status);

    const QByteArray password = qgetenv("PIPELINE_TEST_PASSWORD");
    const QByteArray base64 = QByteArray("alice:" + password).toBase64();
    const QJsonObject result = outcome->result.toJson();
    const QString text = result.value(QLatin1String("content")).toArray().at(0)[QLatin1String("text")].toString();
    const QByteArray structured = QJsonDocument(result.value(QLatin1String("structuredContent")).toObject()).toJson();
    // The marker itself may be cut off by the excerpt; the secret never shows, not even a prefix.
    QVERIFY2(text.contains(QLatin1String("[redacted]")) || text.contains(QLatin1String("bytes in all")),
             qPrintable(text.right(300)));
    for (const QByteArray& needle : {password, base64, password.left(6), base64.left(8)}) {
        // Decoded text: what a client (and the LLM) reads after JSON parsing.
        QVERIFY2(!text.toUtf8().contains(needle), qPrintable(text.right(300)));
        QVERIFY2(!structured.contains(needle), structured.constData());
    }
}

void tst_ToolCallPipeline::needsUserInputIsAnOutcome()
{
    FaultBackend backend;
    QVERIFY(backend.start().isValid());
    const auto service = demoRuntime(backend.baseUrl());
    QVERIFY(service);
    BackendClient client;
    ToolCallPipeline::Dependencies deps{&client, nullptr, {}};
    deps.credentialSources = [](const CredentialRequest&) {
        return std::make_unique<ScriptedSource>([](CredentialSource::Done done) {
            done(CredentialGrant::needsUserInput({QStringLiteral("el-1"),
                                                  QUrl(QStringLiteral("http://127.0.0.1:1/elicit/el-1")),
                                                  QStringLiteral("Sign in to the backend.")}));
        });
    };
    ToolCallPipeline::Input input;
    input.service = service;
    input.params = forecastCall();
    std::optional<ToolCallOutcome> outcome;
    ToolCallPipeline::create(deps, input)->start([&outcome](const ToolCallOutcome& o) { outcome = o; });
    QVERIFY(outcome.has_value()); // answered synchronously here
    QCOMPARE(outcome->kind, ToolCallOutcome::Kind::NeedsUserInput);
    QCOMPARE(outcome->userInput.elicitationId, QStringLiteral("el-1"));
    QCOMPARE(outcome->userInput.url, QUrl(QStringLiteral("http://127.0.0.1:1/elicit/el-1")));
    QCOMPARE(outcome->backendAttempts, 0);
    QTest::qWait(50);
    QCOMPARE(backend.requestCount(), 0);
}

void tst_ToolCallPipeline::cancelWhileWaitingForCredentials()
{
    const auto service = demoRuntime(m_demoUrl);
    QVERIFY(service);
    BackendClient client;
    int cancels = 0;
    auto late = std::make_shared<CredentialSource::Done>();
    ToolCallPipeline::Dependencies deps{&client, nullptr, {}};
    deps.credentialSources = [&cancels, late](const CredentialRequest&) {
        return std::make_unique<ScriptedSource>([late](CredentialSource::Done done) { *late = std::move(done); },
                                                &cancels);
    };
    ToolCallPipeline::Input input;
    input.service = service;
    input.params = forecastCall();
    int calls = 0;
    std::optional<ToolCallOutcome> outcome;
    auto pipeline = ToolCallPipeline::create(deps, input);
    pipeline->start([&](const ToolCallOutcome& o) {
        ++calls;
        outcome = o;
    });
    QCOMPARE(pipeline->stage(), ToolCallPipeline::Stage::Credentials);
    pipeline->cancel(QStringLiteral("test"));
    QCOMPARE(calls, 1);
    QCOMPARE(outcome->kind, ToolCallOutcome::Kind::Cancelled);
    QVERIFY(outcome->result.isError);
    QCOMPARE(outcome->detail, QStringLiteral("test"));
    QCOMPARE(cancels, 1);
    // A credential that arrives after the cancellation is dropped: done stays called once.
    pipeline.reset();
    (*late)(CredentialGrant::ready());
    QTest::qWait(50);
    QCOMPARE(calls, 1);
    // The stored answer keeps the pipeline alive (a pipeline is owned by its pending answer), and
    // this test's source keeps the answer: drop it, as a real source does once it has answered.
    *late = nullptr;
}

void tst_ToolCallPipeline::principalReachesCredentialsStage()
{
    const auto service = demoRuntime(m_demoUrl);
    QVERIFY(service);
    BackendClient client;
    CredentialRequest seen;
    ToolCallPipeline::Dependencies deps{&client, nullptr, {}};
    deps.credentialSources = [&seen](const CredentialRequest& request) -> std::unique_ptr<CredentialSource> {
        seen = request;
        return nullptr; // fall back to the configured kind
    };
    ToolCallPipeline::Input input;
    input.service = service;
    input.params = forecastCall();
    input.principal = QStringLiteral("https://issuer.example alice");
    std::optional<ToolCallOutcome> outcome;
    ToolCallPipeline::create(deps, input)->start([&outcome](const ToolCallOutcome& o) { outcome = o; });
    QTRY_VERIFY_WITH_TIMEOUT(outcome.has_value(), 5000);
    QCOMPARE(seen.principal, QStringLiteral("https://issuer.example alice"));
    QCOMPARE(seen.tool, QStringLiteral("getForecast"));
    QCOMPARE(outcome->kind, ToolCallOutcome::Kind::Result);
    QVERIFY(!outcome->result.isError);
    QCOMPARE(outcome->backendStatus, 200);
    QCOMPARE(outcome->backendAttempts, 1);
}

QTEST_GUILESS_MAIN(tst_ToolCallPipeline)
#include "tst_toolcallpipeline.moc"
