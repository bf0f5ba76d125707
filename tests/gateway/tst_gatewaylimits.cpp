// SPDX-License-Identifier: GPL-3.0-or-later
// Who the gateway is and how much one person may ask of it, over real loopback sockets: the
// canonical resource (token audience) and the Host check follow the listener or gateway.publicUrl,
// never a port the request chose; the per-person request budget (429 + Retry-After); the
// per-person session cap (one client cannot end other people's sessions).
#include "FakeAuthorizationServer.h"
#include "FaultBackend.h"
#include "RawHttpClient.h"
#include "TestJwtIssuer.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "log/TrafficLog.h"
#include "security/ApiKey.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <future>
#include <memory>

using Gateway::EndpointSecurity;
using Gateway::GatewayServer;
using Gateway::WorkspaceConfig;
using Gateway::WorkspaceLoader;
using TestSupport::FakeAuthorizationServer;
using TestSupport::FaultBackend;
using TestSupport::RawResponse;
using TestSupport::TestKey;
using RawHeaders = QList<QPair<QByteArray, QByteArray>>;

namespace {

const QString kAsWellKnown = QStringLiteral("/.well-known/oauth-authorization-server");

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray modernList()
{
    const QJsonObject meta{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                           {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{}}};
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), 1},
                    {QStringLiteral("method"), QStringLiteral("tools/list")},
                    {QStringLiteral("params"), QJsonObject{{QStringLiteral("_meta"), meta}}}});
}

QByteArray initialize()
{
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), 1},
                    {QStringLiteral("method"), QStringLiteral("initialize")},
                    {QStringLiteral("params"),
                     QJsonObject{{QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25")},
                                 {QStringLiteral("capabilities"), QJsonObject{}},
                                 {QStringLiteral("clientInfo"),
                                  QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                              {QStringLiteral("version"), QStringLiteral("1")}}}}}});
}

QByteArray modernCall(int id)
{
    const QJsonObject meta{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                           {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{}}};
    return compact(
        {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
         {QStringLiteral("id"), id},
         {QStringLiteral("method"), QStringLiteral("tools/call")},
         {QStringLiteral("params"),
          QJsonObject{{QStringLiteral("name"), QStringLiteral("getForecast")},
                      {QStringLiteral("arguments"),
                       QJsonObject{{QStringLiteral("city"), QStringLiteral("Lisbon")}, {QStringLiteral("days"), 3}}},
                      {QStringLiteral("_meta"), meta}}}});
}

QByteArray legacyPing()
{
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), 2},
                    {QStringLiteral("method"), QStringLiteral("ping")}});
}

} // namespace

class tst_GatewayLimits : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();

    void audienceFollowsListener_data();
    void audienceFollowsListener();
    void metadataFollowsListener_data();
    void metadataFollowsListener();
    void requestBudget();
    void requestBudgetDefaults_data();
    void requestBudgetDefaults();
    void sessionCapPerPerson();
    void toolCallsShedPastInFlightCap();

private:
    void start(const WorkspaceConfig& config);
    WorkspaceConfig oauthConfig(const QStringList& allowedHosts = {}, const QString& publicUrl = {}) const;
    WorkspaceConfig apiKeyConfig() const;
    RawResponse send(const QByteArray& host, const QByteArray& target, const RawHeaders& extra, const QByteArray& body,
                     const QByteArray& verb = "POST");
    QByteArray bearer(const QString& audience) const;
    QByteArray ownHost() const { return "127.0.0.1:" + QByteArray::number(m_server->serverPort()); }

    FakeAuthorizationServer m_as;
    FaultBackend m_backend;
    TestKey m_key;
    QString m_issuer;
    QByteArray m_keyA;
    QByteArray m_keyB;
    QByteArray m_keyC;
    std::unique_ptr<GatewayServer> m_server;
};

void tst_GatewayLimits::initTestCase()
{
    QVERIFY(m_backend.start().isValid());
    QVERIFY(m_as.start());
    m_issuer = m_as.baseUrl();
    m_key = TestKey::rsa();
    QVERIFY(!m_key.isNull());
    m_as.publishMetadata(kAsWellKnown, m_issuer);
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    m_keyA = Gateway::ApiKey::generate().toLatin1();
    m_keyB = Gateway::ApiKey::generate().toLatin1();
    m_keyC = Gateway::ApiKey::generate().toLatin1();
}

void tst_GatewayLimits::cleanup()
{
    QTest::qWait(20);
    m_server.reset();
}

void tst_GatewayLimits::start(const WorkspaceConfig& config)
{
    m_server = std::make_unique<GatewayServer>();
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

WorkspaceConfig tst_GatewayLimits::oauthConfig(const QStringList& allowedHosts, const QString& publicUrl) const
{
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    EndpointSecurity& s = config.services[0].security;
    s.mode = EndpointSecurity::Mode::OAuth2;
    s.authorizationServers = {m_issuer};
    s.requiredScopes = {QStringLiteral("mcp:read")};
    s.allowLoopbackHttpIssuers = true;
    config.gateway.allowedHosts = allowedHosts;
    config.gateway.publicUrl = QUrl(publicUrl);
    return config;
}

WorkspaceConfig tst_GatewayLimits::apiKeyConfig() const
{
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    EndpointSecurity& s = config.services[0].security;
    s.mode = EndpointSecurity::Mode::ApiKey;
    s.apiKeyHashes = {Gateway::ApiKey::hash(m_keyA), Gateway::ApiKey::hash(m_keyB), Gateway::ApiKey::hash(m_keyC)};
    return config;
}

QByteArray tst_GatewayLimits::bearer(const QString& audience) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{QStringLiteral("iss"), m_issuer},
                             {QStringLiteral("sub"), QStringLiteral("alice")},
                             {QStringLiteral("aud"), audience},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("exp"), now + 300},
                             {QStringLiteral("scope"), QStringLiteral("mcp:read")},
                             {QStringLiteral("client_id"), QStringLiteral("tst")}};
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                             {QStringLiteral("kid"), QStringLiteral("k1")}};
    return "Bearer " + TestSupport::makeToken(header, claims, m_key);
}

RawResponse tst_GatewayLimits::send(const QByteArray& host, const QByteArray& target, const RawHeaders& extra,
                                    const QByteArray& body, const QByteArray& verb)
{
    const quint16 port = m_server->serverPort();
    QByteArray bytes = verb + ' ' + target + " HTTP/1.1\r\nHost: " + host + "\r\n";
    if (verb == "POST")
        bytes += "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n";
    for (const auto& h : extra)
        bytes += h.first + ": " + h.second + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    // rawExchange blocks: run it on another thread while this one serves the gateway and the AS.
    auto future
        = std::async(std::launch::async, [port, bytes]() { return TestSupport::rawExchange(port, bytes, 1, 8000); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(2);
    const QList<RawResponse> responses = future.get();
    return responses.isEmpty() ? RawResponse{} : responses.first();
}

// ------------------------------------------------------------------------------------------------
// Canonical resource and Host

void tst_GatewayLimits::audienceFollowsListener_data()
{
    QTest::addColumn<QStringList>("allowedHosts");
    QTest::addColumn<QString>("publicUrl");
    QTest::addColumn<QByteArray>("host"); // %PORT% = the listening port
    QTest::addColumn<QString>("audience");
    QTest::addColumn<int>("status");

    const QStringList none;
    // The reported defect: a token minted for another server on port 9 was accepted when the
    // request claimed to be for port 9.
    QTest::newRow("Host names another port")
        << none << QString() << QByteArray("127.0.0.1:9") << QStringLiteral("http://127.0.0.1:9/mcp/demo") << 403;
    QTest::newRow("token for another port")
        << none << QString() << QByteArray("127.0.0.1:%PORT%") << QStringLiteral("http://127.0.0.1:9/mcp/demo") << 401;
    QTest::newRow("Host without port") << none << QString() << QByteArray("127.0.0.1")
                                       << QStringLiteral("http://127.0.0.1/mcp/demo") << 403;
    QTest::newRow("own address") << none << QString() << QByteArray("127.0.0.1:%PORT%")
                                 << QStringLiteral("http://127.0.0.1:%PORT%/mcp/demo") << 200;
    QTest::newRow("localhost") << none << QString() << QByteArray("localhost:%PORT%")
                               << QStringLiteral("http://localhost:%PORT%/mcp/demo") << 200;
    QTest::newRow("other loopback address") << none << QString() << QByteArray("127.0.0.2:%PORT%")
                                            << QStringLiteral("http://127.0.0.2:%PORT%/mcp/demo") << 403;
    // A listed host: the resource still carries the listening port, not one from the request.
    const QStringList lan{QStringLiteral("gateway.lan")};
    QTest::newRow("listed host, no port")
        << lan << QString() << QByteArray("gateway.lan") << QStringLiteral("http://gateway.lan/mcp/demo") << 401;
    QTest::newRow("listed host, own port")
        << lan << QString() << QByteArray("gateway.lan") << QStringLiteral("http://gateway.lan:%PORT%/mcp/demo") << 200;
    QTest::newRow("listed host, other port")
        << lan << QString() << QByteArray("gateway.lan:9") << QStringLiteral("http://gateway.lan:9/mcp/demo") << 403;
    // gateway.publicUrl: the one canonical resource, and its authority is an accepted Host.
    const QString pub = QStringLiteral("https://mcp.example.com");
    QTest::newRow("publicUrl via its Host")
        << none << pub << QByteArray("mcp.example.com") << QStringLiteral("https://mcp.example.com/mcp/demo") << 200;
    QTest::newRow("publicUrl via loopback")
        << none << pub << QByteArray("127.0.0.1:%PORT%") << QStringLiteral("https://mcp.example.com/mcp/demo") << 200;
    QTest::newRow("publicUrl, token for loopback")
        << none << pub << QByteArray("127.0.0.1:%PORT%") << QStringLiteral("http://127.0.0.1:%PORT%/mcp/demo") << 401;
    QTest::newRow("publicUrl, other port") << none << pub << QByteArray("mcp.example.com:8443")
                                           << QStringLiteral("https://mcp.example.com:8443/mcp/demo") << 403;
}

void tst_GatewayLimits::audienceFollowsListener()
{
    QFETCH(QStringList, allowedHosts);
    QFETCH(QString, publicUrl);
    QFETCH(QByteArray, host);
    QFETCH(QString, audience);
    QFETCH(int, status);
    start(oauthConfig(allowedHosts, publicUrl));
    if (QTest::currentTestFailed())
        return;
    const QByteArray port = QByteArray::number(m_server->serverPort());
    host.replace("%PORT%", port);
    audience.replace(QLatin1String("%PORT%"), QString::fromLatin1(port));
    const RawResponse r = send(
        host, "/mcp/demo",
        {{"Authorization", bearer(audience)}, {"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/list"}},
        modernList());
    QVERIFY(r.complete);
    QVERIFY2(r.status == status, r.body.constData());
    if (status == 401)
        QCOMPARE(m_server->trafficLog()->events().last().authReason, QStringLiteral("wrong_audience"));
    if (status == 403)
        QCOMPARE(m_server->trafficLog()->events().last().detail, QStringLiteral("foreign Host"));
}

void tst_GatewayLimits::metadataFollowsListener_data()
{
    QTest::addColumn<QString>("publicUrl");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("base"); // where resource and metadata URLs start
    QTest::newRow("listener") << QString() << QByteArray("127.0.0.1:%PORT%")
                              << QStringLiteral("http://127.0.0.1:%PORT%");
    QTest::newRow("listener, localhost") << QString() << QByteArray("LOCALHOST:%PORT%")
                                         << QStringLiteral("http://localhost:%PORT%");
    QTest::newRow("publicUrl") << QStringLiteral("https://mcp.example.com:443") << QByteArray("127.0.0.1:%PORT%")
                               << QStringLiteral("https://mcp.example.com");
}

void tst_GatewayLimits::metadataFollowsListener()
{
    QFETCH(QString, publicUrl);
    QFETCH(QByteArray, host);
    QFETCH(QString, base);
    start(oauthConfig({}, publicUrl));
    if (QTest::currentTestFailed())
        return;
    const QByteArray port = QByteArray::number(m_server->serverPort());
    host.replace("%PORT%", port);
    base.replace(QLatin1String("%PORT%"), QString::fromLatin1(port));
    // The endpoint the window and headless runner show is the one whose resource tokens name.
    QCOMPARE(m_server->services().first().endpointUrl.toString(),
             publicUrl.isEmpty() ? QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(m_server->serverPort())
                                 : base + QStringLiteral("/mcp/demo"));
    const RawResponse prm = send(host, "/.well-known/oauth-protected-resource/mcp/demo", {}, {}, "GET");
    QCOMPARE(prm.status, 200);
    QCOMPARE(QJsonDocument::fromJson(prm.body).object().value(QLatin1String("resource")).toString(),
             base + QStringLiteral("/mcp/demo"));
    const RawResponse challenge = send(host, "/mcp/demo", {{"MCP-Protocol-Version", "2026-07-28"}}, modernList());
    QCOMPARE(challenge.status, 401);
    const QByteArray expected
        = "resource_metadata=\"" + base.toLatin1() + "/.well-known/oauth-protected-resource/mcp/demo\"";
    QVERIFY2(challenge.header("WWW-Authenticate").contains(expected), challenge.header("WWW-Authenticate").constData());
}

// ------------------------------------------------------------------------------------------------
// Request budget

void tst_GatewayLimits::requestBudget()
{
    WorkspaceConfig config = apiKeyConfig();
    config.gateway.rateLimit.configured = true;
    config.gateway.rateLimit.requestsPerMinute = 60; // one a second
    config.gateway.rateLimit.burst = 3;
    start(config);
    if (QTest::currentTestFailed())
        return;
    const RawHeaders modern{{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/list"}};
    auto as = [&](const QByteArray& key) {
        RawHeaders h = modern;
        h.append({"x-reshapr-key", key});
        return send(ownHost(), "/mcp/demo", h, modernList());
    };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(as(m_keyA).status, 200);
    const RawResponse limited = as(m_keyA);
    QCOMPARE(limited.status, 429);
    QCOMPARE(limited.header("Retry-After"), QByteArray("1"));
    QCOMPARE(QJsonDocument::fromJson(limited.body).object().value(QLatin1String("error")).toString(),
             QStringLiteral("too_many_requests"));
    const Gateway::TrafficEvent event = m_server->trafficLog()->events().last();
    QCOMPARE(event.httpStatus, 429);
    QVERIFY2(event.detail.startsWith(QLatin1String("rate_limited")), qPrintable(event.detail));
    QVERIFY(!event.principal.isEmpty());
    // Another person has a budget of their own.
    QCOMPARE(as(m_keyB).status, 200);
    // The budget refills at the configured rate.
    QTest::qWait(1100);
    QCOMPARE(as(m_keyA).status, 200);
    QCOMPARE(as(m_keyA).status, 429);
}

void tst_GatewayLimits::requestBudgetDefaults_data()
{
    QTest::addColumn<QString>("listenHost");
    QTest::addColumn<bool>("configured");
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("limitedAfter"); // the burst; 0: never limited
    QTest::newRow("loopback: off by default") << QStringLiteral("127.0.0.1") << false << 0 << 0;
    QTest::newRow("localhost: off by default") << QStringLiteral("localhost") << false << 0 << 0;
    QTest::newRow("every address: on by default") << QStringLiteral("0.0.0.0") << false << 0 << 100;
    QTest::newRow("every address, turned off") << QStringLiteral("0.0.0.0") << true << 0 << 0;
    QTest::newRow("loopback, turned on") << QStringLiteral("127.0.0.1") << true << 60 << 100;
}

void tst_GatewayLimits::requestBudgetDefaults()
{
    QFETCH(QString, listenHost);
    QFETCH(bool, configured);
    QFETCH(int, perMinute);
    QFETCH(int, limitedAfter);
    // Mode None: the person is the client address.
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    config.gateway.listenHost = listenHost; // what the decision reads; the test listens on 127.0.0.1
    config.gateway.rateLimit.configured = configured;
    config.gateway.rateLimit.requestsPerMinute = perMinute;
    config.gateway.rateLimit.burst = 100;
    start(config);
    if (QTest::currentTestFailed())
        return;
    const RawHeaders modern{{"MCP-Protocol-Version", "2026-07-28"}, {"Mcp-Method", "tools/list"}};
    const int total = 250; // more than the burst plus what refills while they are sent
    int firstLimited = 0;
    for (int i = 1; i <= total && firstLimited == 0; ++i) {
        const RawResponse r = send(ownHost(), "/mcp/demo", modern, modernList());
        if (r.status == 429) {
            firstLimited = i;
            QVERIFY(r.header("Retry-After").toInt() >= 1);
        } else {
            QCOMPARE(r.status, 200);
        }
    }
    if (limitedAfter == 0) {
        QCOMPARE(firstLimited, 0);
    } else {
        // The whole burst is served, then the budget runs out (what refilled meanwhile is served too).
        QVERIFY2(firstLimited > limitedAfter, qPrintable(QString::number(firstLimited)));
    }
}

// ------------------------------------------------------------------------------------------------
// Sessions per person

void tst_GatewayLimits::sessionCapPerPerson()
{
    WorkspaceConfig config = apiKeyConfig();
    config.gateway.maxSessions = 3;
    config.gateway.maxSessionsPerPrincipal = 2;
    start(config);
    if (QTest::currentTestFailed())
        return;
    auto open = [&](const QByteArray& key) {
        const RawResponse r = send(ownHost(), "/mcp/demo", {{"x-reshapr-key", key}}, initialize());
        return qMakePair(r.status, r.header("Mcp-Session-Id"));
    };
    auto alive = [&](const QByteArray& key, const QByteArray& session) {
        return send(ownHost(), "/mcp/demo",
                    {{"x-reshapr-key", key}, {"Mcp-Session-Id", session}, {"MCP-Protocol-Version", "2025-11-25"}},
                    legacyPing())
                   .status
            == 200;
    };
    const auto a1 = open(m_keyA);
    QTest::qWait(5);
    const auto a2 = open(m_keyA);
    QTest::qWait(5);
    const auto a3 = open(m_keyA); // A's cap is 2: A's oldest ends
    QCOMPARE(a1.first, 200);
    QCOMPARE(a3.first, 200);
    QVERIFY(!alive(m_keyA, a1.second));
    QVERIFY(alive(m_keyA, a2.second));
    QVERIFY(alive(m_keyA, a3.second));

    const auto b1 = open(m_keyB); // the store is now full (3)
    QCOMPARE(b1.first, 200);
    QTest::qWait(5);
    const auto b2 = open(m_keyB); // full: B gives up its own session, never A's
    QCOMPARE(b2.first, 200);
    QVERIFY(!alive(m_keyB, b1.second));
    QVERIFY(alive(m_keyB, b2.second));
    QVERIFY(alive(m_keyA, a2.second));
    QVERIFY(alive(m_keyA, a3.second));

    // C holds nothing to give up: refused, and nobody else's session ends.
    const RawResponse refused = send(ownHost(), "/mcp/demo", {{"x-reshapr-key", m_keyC}}, initialize());
    QCOMPARE(refused.status, 503);
    QVERIFY(!refused.header("Retry-After").isEmpty());
    QVERIFY(refused.header("Mcp-Session-Id").isEmpty());
    QVERIFY2(m_server->trafficLog()->events().last().detail.startsWith(QLatin1String("session_cap")),
             qPrintable(m_server->trafficLog()->events().last().detail));
    QVERIFY(alive(m_keyA, a2.second));
    QVERIFY(alive(m_keyA, a3.second));
    QVERIFY(alive(m_keyB, b2.second));
}

// Past gateway.maxToolCallsInFlight calls in progress for a service, one more tools/call is
// answered at once (503 + Retry-After, JSON-RPC -32000 for its id) instead of waiting behind the
// slow backend, and the traffic event names the reason; once the calls end, calls are served.
void tst_GatewayLimits::toolCallsShedPastInFlightCap()
{
    TestSupport::FaultResponse slow;
    slow.delayMs = 1500;
    slow.body = R"({"temperature":21})";
    m_backend.setResponse(slow);
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    config.gateway.maxToolCallsInFlight = 2;
    config.gateway.metricsEnabled = true;
    start(config);
    if (QTest::currentTestFailed())
        return;
    const quint16 port = m_server->serverPort();
    auto request = [this](int id) {
        const QByteArray body = modernCall(id);
        return "POST /mcp/demo HTTP/1.1\r\nHost: " + ownHost()
            + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
              "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n"
              "Content-Length: "
            + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    };
    std::vector<std::future<QList<RawResponse>>> held;
    for (int id = 1; id <= 2; ++id) {
        const QByteArray bytes = request(id);
        held.push_back(
            std::async(std::launch::async, [port, bytes]() { return TestSupport::rawExchange(port, bytes, 1, 8000); }));
    }
    QTRY_COMPARE_WITH_TIMEOUT(m_backend.requestCount(), 2, 3000);

    QElapsedTimer clock;
    clock.start();
    const QByteArray third = request(3);
    auto shedFuture
        = std::async(std::launch::async, [port, third]() { return TestSupport::rawExchange(port, third, 1, 8000); });
    while (shedFuture.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(2);
    const qint64 shedMs = clock.elapsed();
    const QList<RawResponse> shedAnswers = shedFuture.get();
    QCOMPARE(shedAnswers.size(), 1);
    const RawResponse& shed = shedAnswers.first();
    QCOMPARE(shed.status, 503);
    QCOMPARE(shed.header("Retry-After"), QByteArray("1"));
    const QJsonObject rpc = QJsonDocument::fromJson(shed.body).object();
    QCOMPARE(rpc.value(QLatin1String("id")).toInt(), 3);
    QCOMPARE(rpc.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toInt(), -32000);
    QCOMPARE(rpc.value(QLatin1String("error"))
                 .toObject()
                 .value(QLatin1String("data"))
                 .toObject()
                 .value(QLatin1String("reason")),
             QJsonValue(QStringLiteral("tool_calls_in_flight")));
    QVERIFY2(shedMs < 1000, QByteArray::number(shedMs).constData()); // not after the slow calls
    QCOMPARE(m_backend.requestCount(), 2); // the shed call never reached the backend
    const Gateway::TrafficEvent event = m_server->trafficLog()->events().last();
    QCOMPARE(event.httpStatus, 503);
    QCOMPARE(event.overload, QStringLiteral("tool_calls_in_flight"));

    for (auto& f : held) {
        while (f.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
            QTest::qWait(2);
        const QList<RawResponse> answers = f.get();
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.first().status, 200);
    }
    m_backend.setResponse(TestSupport::FaultResponse());
    const QByteArray after = request(4);
    auto afterFuture
        = std::async(std::launch::async, [port, after]() { return TestSupport::rawExchange(port, after, 1, 8000); });
    while (afterFuture.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(2);
    QCOMPARE(afterFuture.get().value(0).status, 200);
}

QTEST_GUILESS_MAIN(tst_GatewayLimits)
#include "tst_gatewaylimits.moc"
