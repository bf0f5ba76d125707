// SPDX-License-Identifier: GPL-3.0-or-later
// The URL-mode elicitation building blocks of McpMessages/McpEndpoint: which modes a client
// declared per revision, where its capabilities come from, and the exact messages (-32042,
// notifications/elicitation/complete, input_required, -32021, invalid requestState).
//
// shapes() also writes every built message to $PORTCULLIS_MCP_SHAPES_OUT when set, as
// [{revision, definition, message}]; tests/e2e/elicitation-shapes.test.mjs runs this function
// and validates each one against the official schema of its revision.
#include "core/Exchange.h"
#include "core/GatewaySnapshot.h"
#include "http/HttpFrontend.h"
#include "mcp/JsonRpc.h"
#include "mcp/McpEndpoint.h"
#include "mcp/McpMessages.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtTest>

using namespace Gateway;

Q_DECLARE_METATYPE(Gateway::ProtocolRevision)

namespace {

QJsonObject object(const char* json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

const McpMessages::UrlElicitation kElicitation{
    QStringLiteral("el_5f2a9c"), QStringLiteral("http://127.0.0.1:8080/elicit/el_5f2a9c"),
    QStringLiteral("Enter the API key of 'petstore' on the page to let this tool call it.")};

} // namespace

class tst_McpElicitationShapes : public QObject
{
    Q_OBJECT

private slots:
    void elicitationModes_data();
    void elicitationModes();
    void declaredCapabilities_data();
    void declaredCapabilities();
    void notifyWithoutOpenStream();
    void notifyOnOpenStreams();
    void mrtrRetry_data();
    void mrtrRetry();
    void shapes();
};

void tst_McpElicitationShapes::elicitationModes_data()
{
    QTest::addColumn<ProtocolRevision>("revision");
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<bool>("form");
    QTest::addColumn<bool>("url");

    const auto v0326 = ProtocolRevision::V2025_03_26;
    const auto v0618 = ProtocolRevision::V2025_06_18;
    const auto v1125 = ProtocolRevision::V2025_11_25;
    const auto v0728 = ProtocolRevision::V2026_07_28;
    QTest::newRow("2025-03-26 has no elicitation")
        << v0326 << QByteArray(R"({"elicitation":{"url":{}}})") << false << false;
    QTest::newRow("2025-06-18 elicitation {} is form") << v0618 << QByteArray(R"({"elicitation":{}})") << true << false;
    QTest::newRow("2025-06-18 url key is not a mode there")
        << v0618 << QByteArray(R"({"elicitation":{"url":{}}})") << true << false;
    QTest::newRow("2025-06-18 none declared") << v0618 << QByteArray(R"({"roots":{}})") << false << false;
    QTest::newRow("2025-11-25 empty elicitation means form only")
        << v1125 << QByteArray(R"({"elicitation":{}})") << true << false;
    QTest::newRow("2025-11-25 url only") << v1125 << QByteArray(R"({"elicitation":{"url":{}}})") << false << true;
    QTest::newRow("2025-11-25 form and url")
        << v1125 << QByteArray(R"({"elicitation":{"form":{},"url":{}}})") << true << true;
    QTest::newRow("2025-11-25 form only") << v1125 << QByteArray(R"({"elicitation":{"form":{}}})") << true << false;
    QTest::newRow("2025-11-25 url that is not an object")
        << v1125 << QByteArray(R"({"elicitation":{"url":true}})") << false << false;
    QTest::newRow("2025-11-25 elicitation that is not an object")
        << v1125 << QByteArray(R"({"elicitation":true})") << false << false;
    QTest::newRow("2025-11-25 nothing declared") << v1125 << QByteArray("{}") << false << false;
    QTest::newRow("2026-07-28 url") << v0728 << QByteArray(R"({"elicitation":{"url":{}}})") << false << true;
    QTest::newRow("2026-07-28 empty elicitation means form only")
        << v0728 << QByteArray(R"({"elicitation":{}})") << true << false;
    QTest::newRow("2026-07-28 {} declares nothing") << v0728 << QByteArray("{}") << false << false;
}

void tst_McpElicitationShapes::elicitationModes()
{
    QFETCH(ProtocolRevision, revision);
    QFETCH(QByteArray, capabilities);
    QFETCH(bool, form);
    QFETCH(bool, url);
    const auto modes = McpMessages::elicitationModes(revision, QJsonDocument::fromJson(capabilities).object());
    QCOMPARE(modes.form, form);
    QCOMPARE(modes.url, url);
}

void tst_McpElicitationShapes::declaredCapabilities_data()
{
    QTest::addColumn<ProtocolRevision>("revision");
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<QString>("askingPrincipal");
    QTest::addColumn<bool>("useSession");
    QTest::addColumn<QByteArray>("expected");

    const QString alice = QStringLiteral("iss|alice");
    const auto legacy = ProtocolRevision::V2025_11_25;
    const auto modern = ProtocolRevision::V2026_07_28;
    // The session below was initialized with {"elicitation":{"url":{}}} by alice.
    QTest::newRow("legacy: the session's capabilities")
        << legacy << QByteArray("{}") << alice << true << QByteArray(R"({"elicitation":{"url":{}}})");
    QTest::newRow("legacy: per-request _meta is not a capability declaration")
        << legacy << QByteArray(R"({"_meta":{"io.modelcontextprotocol/clientCapabilities":{"sampling":{}}}})") << alice
        << true << QByteArray(R"({"elicitation":{"url":{}}})");
    QTest::newRow("legacy: another principal's session declares nothing")
        << legacy << QByteArray("{}") << QStringLiteral("iss|mallory") << true << QByteArray("{}");
    QTest::newRow("legacy: unknown session declares nothing")
        << legacy << QByteArray("{}") << alice << false << QByteArray("{}");
    QTest::newRow("2026-07-28: this request's _meta")
        << modern
        << QByteArray(R"({"_meta":{"io.modelcontextprotocol/clientCapabilities":{"elicitation":{"url":{}}}}})") << alice
        << false << QByteArray(R"({"elicitation":{"url":{}}})");
    QTest::newRow("2026-07-28: a session never adds capabilities")
        << modern << QByteArray(R"({"_meta":{"io.modelcontextprotocol/clientCapabilities":{}}})") << alice << true
        << QByteArray("{}");
    QTest::newRow("2026-07-28: no _meta declares nothing")
        << modern << QByteArray("{}") << alice << true << QByteArray("{}");
}

void tst_McpElicitationShapes::declaredCapabilities()
{
    QFETCH(ProtocolRevision, revision);
    QFETCH(QByteArray, params);
    QFETCH(QString, askingPrincipal);
    QFETCH(bool, useSession);
    QFETCH(QByteArray, expected);

    McpEndpoint endpoint(nullptr, nullptr);
    McpSession* session = endpoint.sessions().create(QStringLiteral("petstore"), QStringLiteral("iss|alice"),
                                                     ProtocolRevision::V2025_11_25);
    session->clientCapabilities = object(R"({"elicitation":{"url":{}}})");
    const QByteArray sessionId = useSession ? session->id : SessionStore::newSessionId();
    const QJsonObject declared = endpoint.declaredClientCapabilities(
        revision, QJsonDocument::fromJson(params).object(), sessionId, QStringLiteral("petstore"), askingPrincipal);
    QCOMPARE(declared, QJsonDocument::fromJson(expected).object());
}

void tst_McpElicitationShapes::notifyWithoutOpenStream()
{
    McpEndpoint endpoint(nullptr, nullptr);
    McpSession* session = endpoint.sessions().create(QStringLiteral("petstore"), QStringLiteral("iss|alice"),
                                                     ProtocolRevision::V2025_11_25);
    const QByteArray id = session->id;
    QCOMPARE(endpoint.notifyElicitationComplete(QStringLiteral("petstore"), id, QStringLiteral("iss|alice"),
                                                kElicitation.elicitationId),
             0);
    QCOMPARE(endpoint.notifyElicitationComplete(QStringLiteral("petstore"), id, QStringLiteral("iss|mallory"),
                                                kElicitation.elicitationId),
             0);
    QCOMPARE(endpoint.notifyElicitationComplete(QStringLiteral("petstore"), SessionStore::newSessionId(),
                                                QStringLiteral("iss|alice"), kElicitation.elicitationId),
             0);
}

void tst_McpElicitationShapes::notifyOnOpenStreams()
{
    // A real endpoint behind the real HTTP frontend on loopback; every request is alice's.
    McpEndpoint endpoint(nullptr, nullptr);
    auto service = std::make_shared<ServiceRuntime>();
    service->config.name = QStringLiteral("petstore");
    auto snapshot = std::make_shared<GatewaySnapshot>();
    HttpFrontend frontend(HttpLimits{});
    frontend.setHandler([&](const HttpRequest& request, HttpResponder responder) {
        auto exchange = std::make_shared<Exchange>(request, std::move(responder), snapshot, [](const TrafficEvent&) {});
        exchange->event().principal = QStringLiteral("iss|alice");
        endpoint.handle(exchange, service);
    });
    QVERIFY(frontend.listen(QHostAddress::LocalHost, 0));
    const QUrl url(QStringLiteral("http://127.0.0.1:%1/mcp/petstore").arg(frontend.serverPort()));
    QNetworkAccessManager nam;

    QNetworkRequest init(url);
    init.setRawHeader("Content-Type", "application/json");
    init.setRawHeader("Accept", "application/json, text/event-stream");
    QNetworkReply* initReply = nam.post(
        init,
        QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25",)"
                   R"("capabilities":{"elicitation":{"url":{}}},"clientInfo":{"name":"t","version":"1"}}})"));
    QTRY_VERIFY(initReply->isFinished());
    const QByteArray session = initReply->rawHeader("Mcp-Session-Id");
    initReply->deleteLater();
    QVERIFY(!session.isEmpty());

    auto openGet = [&]() {
        QNetworkRequest get(url);
        get.setRawHeader("Accept", "text/event-stream");
        get.setRawHeader("Mcp-Session-Id", session);
        get.setRawHeader("MCP-Protocol-Version", "2025-11-25");
        return nam.get(get);
    };
    QNetworkReply* first = openGet();
    QNetworkReply* second = openGet();
    QByteArray firstData;
    QByteArray secondData;
    connect(first, &QNetworkReply::readyRead, this, [&]() { firstData += first->readAll(); });
    connect(second, &QNetworkReply::readyRead, this, [&]() { secondData += second->readAll(); });
    // Both streams are open once their priming events arrived.
    QTRY_VERIFY(firstData.contains("id:") && secondData.contains("id:"));

    // Another person, or another service, reaches no stream of this session.
    QCOMPARE(endpoint.notifyElicitationComplete(QStringLiteral("petstore"), session, QStringLiteral("iss|mallory"),
                                                QStringLiteral("el_1")),
             0);
    QCOMPARE(endpoint.notifyElicitationComplete(QStringLiteral("github"), session, QStringLiteral("iss|alice"),
                                                QStringLiteral("el_1")),
             0);
    QCOMPARE(endpoint.notifyElicitationComplete(QStringLiteral("petstore"), session, QStringLiteral("iss|alice"),
                                                QStringLiteral("el_5f2a9c")),
             2);
    const QByteArray expected
        = R"(data: {"jsonrpc":"2.0","method":"notifications/elicitation/complete","params":{"elicitationId":"el_5f2a9c"}})";
    QTRY_VERIFY2(firstData.contains(expected), firstData.constData());
    QTRY_VERIFY2(secondData.contains(expected), secondData.constData());
    QVERIFY(!firstData.contains("el_1"));

    // A closed stream is skipped.
    second->abort();
    QTRY_COMPARE(endpoint.notifyElicitationComplete(QStringLiteral("petstore"), session, QStringLiteral("iss|alice"),
                                                    QStringLiteral("el_2")),
                 1);
    first->abort();
    first->deleteLater();
    second->deleteLater();
}

void tst_McpElicitationShapes::mrtrRetry_data()
{
    QTest::addColumn<QByteArray>("params");
    QTest::addColumn<bool>("hasState");
    QTest::addColumn<QString>("state");
    QTest::addColumn<int>("responses");
    QTest::addColumn<bool>("error");
    QTest::newRow("first call") << QByteArray(R"({"name":"t","arguments":{}})") << false << QString() << 0 << false;
    QTest::newRow("retry") << QByteArray(
        R"({"name":"t","requestState":"v1.x","inputResponses":{"k":{"action":"accept"}}})")
                           << true << QStringLiteral("v1.x") << 1 << false;
    QTest::newRow("requestState alone") << QByteArray(R"({"requestState":"v1.x"})") << true << QStringLiteral("v1.x")
                                        << 0 << false;
    QTest::newRow("empty requestState is still one")
        << QByteArray(R"({"requestState":""})") << true << QString() << 0 << false;
    QTest::newRow("requestState not a string")
        << QByteArray(R"({"requestState":42})") << false << QString() << 0 << true;
    QTest::newRow("requestState null") << QByteArray(R"({"requestState":null})") << false << QString() << 0 << true;
    QTest::newRow("inputResponses not an object")
        << QByteArray(R"({"inputResponses":[1]})") << false << QString() << 0 << true;
}

void tst_McpElicitationShapes::mrtrRetry()
{
    QFETCH(QByteArray, params);
    QFETCH(bool, hasState);
    QFETCH(QString, state);
    QFETCH(int, responses);
    QFETCH(bool, error);
    const auto retry = McpMessages::mrtrRetry(QJsonDocument::fromJson(params).object());
    QCOMPARE(!retry.error.isEmpty(), error);
    QCOMPARE(retry.hasRequestState, hasState);
    QCOMPARE(retry.requestState, state);
    QCOMPARE(retry.inputResponses.size(), responses);
}

void tst_McpElicitationShapes::shapes()
{
    QJsonArray out;
    auto record = [&out](const char* revision, const char* definition, const QJsonObject& message) {
        out.append(QJsonObject{{QStringLiteral("revision"), QLatin1String(revision)},
                               {QStringLiteral("definition"), QLatin1String(definition)},
                               {QStringLiteral("message"), message}});
    };
    const auto parse = [](const QByteArray& json) { return QJsonDocument::fromJson(json).object(); };

    // 2025-11-25: -32042 with data.elicitations.
    const McpMessages::UrlElicitation second{QStringLiteral("el_2"), QStringLiteral("https://gw.example/elicit/el_2"),
                                             QStringLiteral("Connect your GitHub account.")};
    const QJsonObject required = parse(McpEndpoint::urlElicitationRequiredReply(7, {kElicitation, second}).json);
    QCOMPARE(required.value(QLatin1String("id")).toInt(), 7);
    const QJsonObject requiredError = required.value(QLatin1String("error")).toObject();
    QCOMPARE(requiredError.value(QLatin1String("code")).toInt(), -32042);
    const QJsonArray elicitations = requiredError.value(QLatin1String("data"))[QLatin1String("elicitations")].toArray();
    QCOMPARE(elicitations.size(), 2);
    const QJsonObject firstExpected = parse(
        R"({"mode":"url","elicitationId":"el_5f2a9c","url":"http://127.0.0.1:8080/elicit/el_5f2a9c","message":"Enter the API key of 'petstore' on the page to let this tool call it."})");
    QCOMPARE(elicitations.at(0).toObject(), firstExpected);
    QCOMPARE(McpEndpoint::urlElicitationRequiredReply(7, {kElicitation}).httpStatus, 200);
    QCOMPARE(McpEndpoint::urlElicitationRequiredReply(7, {kElicitation}).errorCode, -32042);
    record("2025-11-25", "URLElicitationRequiredError", required);
    record("2025-11-25", "JSONRPCErrorResponse", required);
    record("2025-11-25", "JSONRPCMessage", required);

    // 2025-11-25: notifications/elicitation/complete.
    const QJsonObject complete = McpMessages::elicitationCompleteNotification(kElicitation.elicitationId);
    const QJsonObject completeExpected = parse(
        R"({"jsonrpc":"2.0","method":"notifications/elicitation/complete","params":{"elicitationId":"el_5f2a9c"}})");
    QCOMPARE(complete, completeExpected);
    record("2025-11-25", "ElicitationCompleteNotification", complete);
    record("2025-11-25", "JSONRPCNotification", complete);

    // 2026-07-28: input_required with one URL-mode elicitation/create and the requestState.
    RequestStateSealer sealer;
    const QString state = sealer.seal(RequestStateBinding{QStringLiteral("iss|alice"), QStringLiteral("petstore"),
                                                          QStringLiteral("tools/call"), QStringLiteral("getItem"),
                                                          RequestStateSealer::argumentsDigest(QJsonObject())},
                                      "flow");
    const McpEndpoint::RpcReply inputReply = McpEndpoint::inputRequiredReply(
        QStringLiteral("call-1"), QStringLiteral("petstore_credential"), kElicitation, state);
    QCOMPARE(inputReply.httpStatus, 200);
    QCOMPARE(inputReply.errorCode, 0);
    const QJsonObject input = parse(inputReply.json);
    const QJsonObject result = input.value(QLatin1String("result")).toObject();
    QCOMPARE(result.value(QLatin1String("resultType")).toString(), QStringLiteral("input_required"));
    QCOMPARE(result.value(QLatin1String("requestState")).toString(), state);
    const QJsonObject create
        = result.value(QLatin1String("inputRequests"))[QLatin1String("petstore_credential")].toObject();
    const QJsonObject createExpected = parse(
        R"({"method":"elicitation/create","params":{"mode":"url","message":"Enter the API key of 'petstore' on the page to let this tool call it.","url":"http://127.0.0.1:8080/elicit/el_5f2a9c"}})");
    QCOMPARE(create, createExpected);
    QVERIFY2(!inputReply.json.contains("elicitationId"), "2026-07-28 removed elicitationId");
    QCOMPARE(
        result.value(QLatin1String("_meta"))[QLatin1String("io.modelcontextprotocol/serverInfo")][QLatin1String("name")]
            .toString(),
        QStringLiteral("portcullis"));
    record("2026-07-28", "CallToolResultResponse", input);
    record("2026-07-28", "JSONRPCResultResponse", input);
    record("2026-07-28", "InputRequiredResult", result);
    record("2026-07-28", "ElicitRequest", create);

    // 2026-07-28: -32021 naming elicitation.url, HTTP 400.
    const McpEndpoint::RpcReply missing = McpEndpoint::missingUrlElicitationReply(3);
    QCOMPARE(missing.httpStatus, 400);
    QCOMPARE(missing.errorCode, -32021);
    const QJsonObject missingMessage = parse(missing.json);
    QCOMPARE(missingMessage.value(QLatin1String("error"))[QLatin1String("data")].toObject(),
             parse(R"({"requiredCapabilities":{"elicitation":{"url":{}}}})"));
    QVERIFY(missingMessage.value(QLatin1String("error"))[QLatin1String("message")].toString().contains(
        QLatin1String("elicitation.url")));
    record("2026-07-28", "MissingRequiredClientCapabilityError", missingMessage);
    record("2026-07-28", "JSONRPCErrorResponse", missingMessage);

    // 2026-07-28: the one answer for a bad requestState.
    const McpEndpoint::RpcReply invalid = McpEndpoint::invalidRequestStateReply(4);
    QCOMPARE(invalid.errorCode, -32602);
    const QJsonObject invalidMessage = parse(invalid.json);
    QCOMPARE(invalidMessage.value(QLatin1String("error"))[QLatin1String("message")].toString(),
             QStringLiteral("Invalid or expired requestState"));
    record("2026-07-28", "JSONRPCErrorResponse", invalidMessage);

    const QString path = qEnvironmentVariable("PORTCULLIS_MCP_SHAPES_OUT");
    if (!path.isEmpty()) {
        QFile file(path);
        QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(file.errorString()));
        file.write(QJsonDocument(out).toJson(QJsonDocument::Indented));
    }
}

QTEST_GUILESS_MAIN(tst_McpElicitationShapes)
#include "tst_mcpelicitationshapes.moc"
