// SPDX-License-Identifier: GPL-3.0-or-later
// Canary test for "logs and errors never contain secrets" and "no credential crosses a boundary": plant an API key, a backend password (MemorySecretStore), a bearer JWT and an
// argument value; drive successes and failures over real sockets; then look for the canaries in every
// TrafficEvent, the JSON Lines mirror, every response sent to the client, the saved workspace file
// and every qDebug/qWarning line.
#include "FakeAuthorizationServer.h"
#include "FaultBackend.h"
#include "RawHttpClient.h"
#include "TestJwtIssuer.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "log/TrafficLog.h"
#include "secrets/MemorySecretStore.h"
#include "security/ApiKey.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMutex>
#include <QTemporaryDir>
#include <QtTest>

#include <future>
#include <memory>

using Gateway::BackendAuth;
using Gateway::EndpointSecurity;
using Gateway::GatewayServer;
using Gateway::WorkspaceConfig;
using Gateway::WorkspaceLoader;
using TestSupport::RawResponse;
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

QByteArray modernCall(int id, const QString& tool, const QJsonObject& arguments)
{
    QJsonObject meta{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                     {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{}},
                     {QStringLiteral("io.modelcontextprotocol/clientInfo"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                  {QStringLiteral("version"), QStringLiteral("1")}}}};
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), id},
                    {QStringLiteral("method"), QStringLiteral("tools/call")},
                    {QStringLiteral("params"),
                     QJsonObject{{QStringLiteral("name"), tool},
                                 {QStringLiteral("arguments"), arguments},
                                 {QStringLiteral("_meta"), meta}}}});
}

} // namespace

class tst_SecretCanary : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void canariesNeverLeak();
    void backendErrorBodyEchoingCredentialIsNotRelayed();

private:
    RawResponse call(const QString& service, const QByteArray& query, const RawHeaders& extra, const QByteArray& body,
                     const QByteArray& tool = "getForecast");
    void startGateway();
    void storeSecret();
    QByteArray canaryScan(const QByteArray& where, const QByteArray& text) const;

    TestSupport::FaultBackend m_backend;
    TestSupport::FakeAuthorizationServer m_as;
    TestSupport::TestKey m_key;
    Gateway::MemorySecretStore m_store;
    QTemporaryDir m_dir;
    std::unique_ptr<GatewayServer> m_server;
    QList<RawResponse> m_responses;

    QByteArray m_apiKey;
    const QByteArray m_password = "CANARYpw-7Qz!x9Lm_v4"; // backend Basic password
    QByteArray m_basic; // base64("u:" + password)
    QByteArray m_token;
    const QByteArray m_argument = "CANARYarg-5d1e";
};

void tst_SecretCanary::initTestCase()
{
    g_previous = qInstallMessageHandler(captureMessages);
    QVERIFY(m_dir.isValid());
    QVERIFY(m_backend.start().isValid());
    QVERIFY(m_as.start());
    m_key = TestSupport::TestKey::rsa();
    QVERIFY(!m_key.isNull());
    m_as.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), m_as.baseUrl());
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    m_apiKey = Gateway::ApiKey::generate().toLatin1();
    m_basic = QByteArray("u:" + m_password).toBase64();
    storeSecret();
}

void tst_SecretCanary::cleanupTestCase()
{
    m_server.reset();
    qInstallMessageHandler(g_previous);
}

void tst_SecretCanary::storeSecret()
{
    bool done = false;
    bool ok = false;
    m_store.write(QStringLiteral("demo-pass"), m_password, [&](const Gateway::SecretResult& r) {
        ok = r.isOk();
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 5000);
    QVERIFY(ok);
}

void tst_SecretCanary::startGateway()
{
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    QVERIFY(!config.services.isEmpty());
    config.gateway.trafficLogFile = m_dir.filePath(QStringLiteral("traffic.jsonl"));
    BackendAuth basic;
    basic.kind = BackendAuth::Kind::Basic;
    basic.username = QStringLiteral("u");
    basic.secretRef = QStringLiteral("keychain:demo-pass");

    Gateway::ServiceConfig& keyed = config.services[0]; // "demo": API key
    keyed.security.mode = EndpointSecurity::Mode::ApiKey;
    keyed.security.apiKeyHashes = {Gateway::ApiKey::hash(m_apiKey)};
    keyed.backendAuth = basic;

    Gateway::ServiceConfig bearer = keyed;
    bearer.name = QStringLiteral("secure");
    bearer.security = EndpointSecurity{};
    bearer.security.mode = EndpointSecurity::Mode::OAuth2;
    bearer.security.authorizationServers = {m_as.baseUrl()};
    bearer.security.requiredScopes = {QStringLiteral("mcp:read")};
    bearer.security.allowLoopbackHttpIssuers = true;
    config.services.append(bearer);

    m_server = std::make_unique<GatewayServer>();
    m_server->setSecretStore(&m_store);
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

RawResponse tst_SecretCanary::call(const QString& service, const QByteArray& query, const RawHeaders& extra,
                                   const QByteArray& body, const QByteArray& tool)
{
    const quint16 port = m_server->serverPort();
    QByteArray bytes = "POST /mcp/" + service.toLatin1() + query
        + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: "
        + tool + "\r\n";
    for (const auto& h : extra)
        bytes += h.first + ": " + h.second + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    auto future
        = std::async(std::launch::async, [port, bytes]() { return TestSupport::rawExchange(port, bytes, 1, 8000); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(5);
    const QList<RawResponse> responses = future.get();
    const RawResponse r = responses.isEmpty() ? RawResponse{} : responses.first();
    m_responses.append(r);
    return r;
}

// Empty when `text` holds no canary; else the name of the first canary found.
QByteArray tst_SecretCanary::canaryScan(const QByteArray& where, const QByteArray& text) const
{
    const QList<QPair<QByteArray, QByteArray>> canaries{
        {"API key", m_apiKey},
        {"API key secret part", m_apiKey.mid(5, 16)},
        {"backend password", m_password},
        {"base64(u:password)", m_basic},
        {"bearer token", m_token},
        {"bearer token signature", m_token.mid(m_token.lastIndexOf('.') + 1)},
        {"argument value", m_argument},
    };
    for (const auto& c : canaries) {
        if (!c.second.isEmpty() && text.contains(c.second))
            return where + " contains the " + c.first + ": " + text.left(600);
    }
    return {};
}

void tst_SecretCanary::canariesNeverLeak()
{
    startGateway();
    if (QTest::currentTestFailed())
        return;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QString resource = QStringLiteral("http://127.0.0.1:%1/mcp/secure").arg(m_server->serverPort());
    QJsonObject claims{{QStringLiteral("iss"), m_as.baseUrl()}, {QStringLiteral("sub"), QStringLiteral("alice")},
                       {QStringLiteral("aud"), resource},       {QStringLiteral("iat"), now},
                       {QStringLiteral("exp"), now + 300},      {QStringLiteral("scope"), QStringLiteral("mcp:read")}};
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                             {QStringLiteral("kid"), QStringLiteral("k1")}};
    m_token = TestSupport::makeToken(header, claims, m_key);
    QJsonObject expiredClaims = claims;
    expiredClaims.insert(QStringLiteral("iat"), now - 7200);
    expiredClaims.insert(QStringLiteral("exp"), now - 3600);
    const QByteArray expired = TestSupport::makeToken(header, expiredClaims, m_key);
    QJsonObject otherAud = claims;
    otherAud.insert(QStringLiteral("aud"), QStringLiteral("http://elsewhere.example/mcp"));
    const QByteArray wrongAud = TestSupport::makeToken(header, otherAud, m_key);

    const QString arg = QString::fromLatin1(m_argument);
    const QJsonObject goodArgs{{QStringLiteral("city"), arg}, {QStringLiteral("days"), 2}};
    const QJsonObject badArgs{{QStringLiteral("city"), arg}, {QStringLiteral("days"), arg}};
    const QByteArray key = m_apiKey;
    const QByteArray bearer = "Bearer " + m_token;

    // Successes.
    QCOMPARE(call(QStringLiteral("demo"), {}, {{"x-reshapr-key", key}}, modernCall(1, "getForecast", goodArgs)).status,
             200);
    QCOMPARE(
        call(QStringLiteral("secure"), {}, {{"Authorization", bearer}}, modernCall(2, "getForecast", goodArgs)).status,
        200);
    // Failures carrying the canaries.
    QCOMPARE(call(QStringLiteral("demo"), {}, {{"x-reshapr-key", key}}, modernCall(3, "getForecast", badArgs)).status,
             200); // tool error
    QCOMPARE(
        call(QStringLiteral("demo"), {}, {{"x-reshapr-key", key + "x"}}, modernCall(4, "getForecast", goodArgs)).status,
        401);
    QCOMPARE(call(QStringLiteral("demo"), "?x-reshapr-key=" + key, {}, modernCall(5, "getForecast", goodArgs)).status,
             400);
    QCOMPARE(call(QStringLiteral("demo"), {}, {{"x-reshapr-key", key}, {"x-reshapr-key", key}},
                  modernCall(6, "getForecast", goodArgs))
                 .status,
             400);
    QCOMPARE(
        call(QStringLiteral("demo"), {}, {{"Authorization", bearer}}, modernCall(7, "getForecast", goodArgs)).status,
        401); // a bearer token where an API key is expected
    QCOMPARE(
        call(QStringLiteral("secure"), "?access_token=" + m_token, {}, modernCall(8, "getForecast", goodArgs)).status,
        400);
    QCOMPARE(call(QStringLiteral("secure"), {}, {{"Authorization", "Bearer " + expired}},
                  modernCall(9, "getForecast", goodArgs))
                 .status,
             401);
    QCOMPARE(call(QStringLiteral("secure"), {}, {{"Authorization", "Bearer " + wrongAud}},
                  modernCall(10, "getForecast", goodArgs))
                 .status,
             401);
    QCOMPARE(call(QStringLiteral("secure"), {}, {{"Authorization", bearer + " " + key}},
                  modernCall(11, "getForecast", goodArgs))
                 .status,
             400);
    QCOMPARE(
        call(QStringLiteral("secure"), {}, {{"x-reshapr-key", key}}, modernCall(12, "getForecast", goodArgs)).status,
        401);
    QCOMPARE(call(QStringLiteral("secure"), {}, {{"Authorization", bearer}}, modernCall(13, "noSuchTool", goodArgs),
                  "noSuchTool")
                 .status,
             200);
    // Backend failures: 401 with a challenge, 500 (the gateway must not relay secrets either way).
    TestSupport::FaultResponse denied;
    denied.status = 401;
    denied.reason = "Unauthorized";
    denied.headers = {{"Content-Type", "application/json"}, {"WWW-Authenticate", "Basic realm=\"backend\""}};
    denied.body = R"({"error":"bad credentials"})";
    m_backend.setResponse(denied);
    call(QStringLiteral("demo"), {}, {{"x-reshapr-key", key}}, modernCall(14, "getForecast", goodArgs));
    TestSupport::FaultResponse broken;
    broken.status = 500;
    broken.reason = "Internal Server Error";
    m_backend.setResponse(broken);
    call(QStringLiteral("secure"), {}, {{"Authorization", bearer}}, modernCall(15, "getForecast", goodArgs));
    m_backend.setResponse(TestSupport::FaultResponse{});

    // Basic was really sent to the backend, with the planted password (so the canary was live).
    bool sawBasic = false;
    for (const auto& request : m_backend.requests()) {
        if (request.header("Authorization") == "Basic " + m_basic)
            sawBasic = true;
        QVERIFY(!request.hasHeader("x-reshapr-key"));
        QVERIFY(!request.header("Authorization").contains(m_token));
    }
    QVERIFY2(sawBasic, "the backend never received the Basic credential");
    QVERIFY(m_backend.requestCount() >= 3);

    // 1. Every response sent to the client (bodies and headers).
    for (int i = 0; i < m_responses.size(); ++i) {
        const RawResponse& r = m_responses.at(i);
        QVERIFY2(r.complete, qPrintable(QStringLiteral("response %1 incomplete").arg(i)));
        QByteArray text = QByteArray::number(r.status) + '\n';
        for (const auto& h : r.headers)
            text += h.first + ": " + h.second + '\n';
        text += r.body;
        const QByteArray leak = canaryScan("response " + QByteArray::number(i + 1), text);
        QVERIFY2(leak.isEmpty(), leak.constData());
    }
    // 2. Every TrafficEvent.
    const QList<Gateway::TrafficEvent> events = m_server->trafficLog()->events();
    QVERIFY(events.size() >= m_responses.size());
    for (const auto& e : events) {
        const QByteArray leak = canaryScan("traffic event", compact(e.toJson()));
        QVERIFY2(leak.isEmpty(), leak.constData());
    }
    // 3. The JSON Lines mirror.
    QFile jsonl(m_dir.filePath(QStringLiteral("traffic.jsonl")));
    QVERIFY(jsonl.open(QIODevice::ReadOnly));
    const QByteArray mirrored = jsonl.readAll();
    QVERIFY(mirrored.count('\n') >= m_responses.size());
    {
        const QByteArray leak = canaryScan("traffic.jsonl", mirrored);
        QVERIFY2(leak.isEmpty(), leak.constData());
    }
    // 4. The saved workspace file.
    const QString saved = m_dir.filePath(QStringLiteral("workspace.json"));
    QString error;
    QVERIFY2(WorkspaceLoader::saveFile(m_server->config(), saved, &error), qPrintable(error));
    QFile ws(saved);
    QVERIFY(ws.open(QIODevice::ReadOnly));
    const QByteArray workspace = ws.readAll();
    QVERIFY(workspace.contains("keychain:demo-pass")); // the reference, not the value
    QVERIFY(workspace.contains(Gateway::ApiKey::hash(m_apiKey).toLatin1()));
    {
        const QByteArray leak = canaryScan("saved workspace", workspace);
        QVERIFY2(leak.isEmpty(), leak.constData());
    }
    // 5. Everything the gateway logged through qDebug/qInfo/qWarning/qCritical.
    QByteArray logged;
    {
        QMutexLocker lock(&g_logMutex);
        logged = g_log;
    }
    {
        const QByteArray leak = canaryScan("captured log output", logged);
        QVERIFY2(leak.isEmpty(), leak.constData());
    }
}

// A backend 5xx body is relayed (≤ 2 KiB, sanitized) as a tool error. A backend that echoes the
// request's Authorization header back must not make the gateway hand its own Basic credential to the
// client (backend secrets never reach the client, tool output or the LLM).
void tst_SecretCanary::backendErrorBodyEchoingCredentialIsNotRelayed()
{
    startGateway();
    if (QTest::currentTestFailed())
        return;
    m_responses.clear();
    TestSupport::FaultResponse echo;
    echo.status = 500;
    echo.reason = "Internal Server Error";
    echo.headers = {{"Content-Type", "text/plain"}};
    echo.body = "upstream failed; request had Authorization: Basic " + m_basic + " password=" + m_password;
    m_backend.setResponse(echo);
    const QJsonObject args{{QStringLiteral("city"), QStringLiteral("Lisbon")}, {QStringLiteral("days"), 1}};
    const RawResponse r
        = call(QStringLiteral("demo"), {}, {{"x-reshapr-key", m_apiKey}}, modernCall(1, "getForecast", args));
    m_backend.setResponse(TestSupport::FaultResponse{});
    QCOMPARE(r.status, 200);
    const QByteArray eventText = compact(m_server->trafficLog()->events().last().toJson());
    QVERIFY2(!eventText.contains(m_basic) && !eventText.contains(m_password), eventText.constData());
    QByteArray text;
    for (const auto& h : r.headers)
        text += h.first + ": " + h.second + '\n';
    text += r.body;
    QVERIFY2(!text.contains(m_basic), text.constData());
    QVERIFY2(!text.contains(m_password), text.constData());
}

QTEST_GUILESS_MAIN(tst_SecretCanary)
#include "tst_secretcanary.moc"
