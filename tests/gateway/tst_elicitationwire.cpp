// SPDX-License-Identifier: GPL-3.0-or-later
// Elicited backend credentials through the MCP endpoint, over real loopback sockets: an MCP client
// (raw HTTP) calls a tool of a service whose backend (FaultBackend, records headers) needs the
// person's own credential; the gateway answers with the revision's wire form (-32042, a tool error
// naming the URL, or 2026-07-28 input_required with a sealed requestState); a scripted person
// (ScriptedBrowser, own cookie jar) completes the gateway's page or the OAuth code flow against a
// real authorization server (OAuthCodeServer, PKCE verified); the retried call reaches the backend
// with the credential in the configured header and the MCP answer never carries the value.
#include "FaultBackend.h"
#include "OAuthCodeServer.h"
#include "RawHttpClient.h"
#include "ScriptedBrowser.h"
#include "config/WorkspaceConfig.h"
#include "core/GatewayServer.h"
#include "elicit/ElicitationBroker.h"
#include "log/TrafficLog.h"
#include "secrets/MemorySecretStore.h"
#include "security/ApiKey.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QtTest>

#include <memory>

using Gateway::BackendAuth;
using Gateway::ElicitationBroker;
using Gateway::EndpointSecurity;
using Gateway::GatewayServer;
using Gateway::ServiceConfig;
using Gateway::WorkspaceConfig;
using TestSupport::BrowserPage;
using TestSupport::FaultBackend;
using TestSupport::FaultResponse;
using TestSupport::OAuthCodeServer;
using TestSupport::RawHeaders;
using TestSupport::ScriptedBrowser;

namespace {

const QString kModern = QStringLiteral("2026-07-28");
const QByteArray kKeyAlice = "rshp_ALICEaliceALICEaliceALICEaliceAL";
const QByteArray kKeyBob = "rshp_BOBbobBOBbobBOBbobBOBbobBOBbobBO";
const QString kCanary = QStringLiteral("CANARY-wire-credential-5d2c81");
const QString kInputKey = QStringLiteral("backend-credential");

struct Reply
{
    int status = 0;
    RawHeaders headers;
    QByteArray body;
    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QJsonObject result() const { return json().value(QLatin1String("result")).toObject(); }
    int rpcError() const { return json().value(QLatin1String("error"))[QLatin1String("code")].toInt(); }
    QByteArray header(const QByteArray& name) const
    {
        for (const auto& h : headers)
            if (h.first.compare(name, Qt::CaseInsensitive) == 0)
                return h.second;
        return {};
    }
};

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject urlCapability()
{
    return {{QStringLiteral("elicitation"), QJsonObject{{QStringLiteral("url"), QJsonObject()}}}};
}

QJsonObject forecast(const QString& city = QStringLiteral("Lisbon"))
{
    return {{QStringLiteral("city"), city}, {QStringLiteral("days"), 2}};
}

QString toolText(const QJsonObject& result)
{
    return result.value(QLatin1String("content")).toArray().at(0)[QLatin1String("text")].toString();
}

// The wire forms under test.
enum class Form {
    Modern, // 2026-07-28 input_required + requestState
    LegacyUrl, // 2025-11-25 with elicitation.url: -32042 + notifications/elicitation/complete
    LegacyText, // 2025-11-25 without URL mode: a tool error naming the URL
    OlderText, // 2025-06-18: a tool error naming the URL
};

} // namespace

Q_DECLARE_METATYPE(Form)
Q_DECLARE_METATYPE(Gateway::BackendAuth::Kind)

class tst_ElicitationWire : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void credentialReachesBackend_data();
    void credentialReachesBackend();
    void modernRefusals_data();
    void modernRefusals();
    void backendRejectionAsksAgain_data();
    void backendRejectionAsksAgain();
    void concurrentCallsShareOneFlow();
    void modernWithoutIdentityIsAToolError();
    void modernDeclineEndsTheFlow();

private:
    void startGateway(BackendAuth::Kind kind, EndpointSecurity::Mode mode = EndpointSecurity::Mode::ApiKey);
    Reply post(const RawHeaders& headers, const QByteArray& body);
    Reply modernCall(int id, const QByteArray& key, const QJsonObject& capabilities, const QJsonObject& extra = {},
                     const QJsonObject& arguments = forecast());
    QByteArray initialize(const QString& revision, const QJsonObject& capabilities);
    Reply legacyCall(int id, const QByteArray& session, const QString& revision);
    // The person opens the link and provides the credential (types it, or signs in at the AS).
    bool complete(ScriptedBrowser& person, BackendAuth::Kind kind, const QUrl& url);
    QByteArray expectedHeaderValue(BackendAuth::Kind kind) const;
    QByteArray credentialValue(BackendAuth::Kind kind) const;
    quint16 serverPort() const { return quint16(m_server->baseUrl().port()); }

    std::unique_ptr<Gateway::MemorySecretStore> m_secrets;
    std::unique_ptr<GatewayServer> m_server;
    std::unique_ptr<OAuthCodeServer> m_as;
    std::unique_ptr<FaultBackend> m_backend;
};

void tst_ElicitationWire::init()
{
    m_backend = std::make_unique<FaultBackend>();
    QVERIFY(m_backend->start().isValid());
    m_as = std::make_unique<OAuthCodeServer>();
    QVERIFY(m_as->start());
}

void tst_ElicitationWire::cleanup()
{
    m_server.reset();
    m_secrets.reset();
    m_as.reset();
    m_backend.reset();
}

void tst_ElicitationWire::startGateway(BackendAuth::Kind kind, EndpointSecurity::Mode mode)
{
    m_secrets = std::make_unique<Gateway::MemorySecretStore>();
    m_server = std::make_unique<GatewayServer>();
    m_server->setSecretStore(m_secrets.get());
    QString error;
    // Listen first: the OAuth client's redirect URI names the gateway's port.
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    ServiceConfig s;
    s.name = QStringLiteral("wire");
    s.openApiPath = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");
    s.baseUrl = m_backend->baseUrl();
    s.security.mode = mode;
    if (mode == EndpointSecurity::Mode::ApiKey)
        s.security.apiKeyHashes = {Gateway::ApiKey::hash(kKeyAlice), Gateway::ApiKey::hash(kKeyBob)};
    s.backendAuth.kind = kind;
    if (kind == BackendAuth::Kind::ElicitedToken) {
        s.backendAuth.headerName = QStringLiteral("X-API-Key");
    } else {
        QUrl callback = m_server->baseUrl();
        callback.setPath(QStringLiteral("/elicit/callback"));
        m_as->registerClient(QStringLiteral("backend-client"), callback.toString());
        s.backendAuth.clientId = QStringLiteral("backend-client");
        s.backendAuth.scopes = {QStringLiteral("read"), QStringLiteral("offline_access")};
        s.backendAuth.issuer = m_as->issuer();
        s.backendAuth.authorizationEndpoint = QUrl(m_as->baseUrl() + QStringLiteral("/authorize"));
        s.backendAuth.tokenEndpoint = QUrl(m_as->baseUrl() + QStringLiteral("/token"));
        s.backendAuth.allowLoopbackHttpTokenEndpoint = true;
    }
    WorkspaceConfig config;
    config.services = {s};
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
}

Reply tst_ElicitationWire::post(const RawHeaders& headers, const QByteArray& body)
{
    QByteArray bytes = "POST /mcp/wire HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(serverPort())
        + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    for (const auto& h : headers)
        bytes += h.first + ": " + h.second + "\r\n";
    bytes += "\r\n" + body;
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, serverPort());
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        received += socket.readAll();
        const auto responses = TestSupport::parseResponses(received);
        if (!responses.isEmpty() && responses.first().complete)
            return {responses.first().status, responses.first().headers, responses.first().body};
    }
    return {};
}

Reply tst_ElicitationWire::modernCall(int id, const QByteArray& key, const QJsonObject& capabilities,
                                      const QJsonObject& extra, const QJsonObject& arguments)
{
    QJsonObject params{{QStringLiteral("name"), QStringLiteral("getForecast")},
                       {QStringLiteral("arguments"), arguments},
                       {QStringLiteral("_meta"),
                        QJsonObject{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), kModern},
                                    {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), capabilities},
                                    {QStringLiteral("io.modelcontextprotocol/clientInfo"),
                                     QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                                 {QStringLiteral("version"), QStringLiteral("1")}}}}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        params.insert(it.key(), it.value());
    RawHeaders h{{"Content-Type", "application/json"},
                 {"Accept", "application/json, text/event-stream"},
                 {"MCP-Protocol-Version", kModern.toLatin1()},
                 {"Mcp-Method", "tools/call"},
                 {"Mcp-Name", "getForecast"}};
    if (!key.isEmpty())
        h.append({"x-reshapr-key", key});
    return post(h,
                compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                         {QStringLiteral("id"), id},
                         {QStringLiteral("method"), QStringLiteral("tools/call")},
                         {QStringLiteral("params"), params}}));
}

QByteArray tst_ElicitationWire::initialize(const QString& revision, const QJsonObject& capabilities)
{
    const Reply r = post({{"Content-Type", "application/json"},
                          {"Accept", "application/json, text/event-stream"},
                          {"x-reshapr-key", kKeyAlice}},
                         compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                  {QStringLiteral("id"), 0},
                                  {QStringLiteral("method"), QStringLiteral("initialize")},
                                  {QStringLiteral("params"),
                                   QJsonObject{{QStringLiteral("protocolVersion"), revision},
                                               {QStringLiteral("capabilities"), capabilities},
                                               {QStringLiteral("clientInfo"),
                                                QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                                            {QStringLiteral("version"), QStringLiteral("1")}}}}}}));
    return r.header("Mcp-Session-Id");
}

Reply tst_ElicitationWire::legacyCall(int id, const QByteArray& session, const QString& revision)
{
    return post({{"Content-Type", "application/json"},
                 {"Accept", "application/json, text/event-stream"},
                 {"x-reshapr-key", kKeyAlice},
                 {"Mcp-Session-Id", session},
                 {"MCP-Protocol-Version", revision.toLatin1()}},
                compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                         {QStringLiteral("id"), id},
                         {QStringLiteral("method"), QStringLiteral("tools/call")},
                         {QStringLiteral("params"),
                          QJsonObject{{QStringLiteral("name"), QStringLiteral("getForecast")},
                                      {QStringLiteral("arguments"), forecast()}}}}));
}

bool tst_ElicitationWire::complete(ScriptedBrowser& person, BackendAuth::Kind kind, const QUrl& url)
{
    const BrowserPage page = person.get(url);
    if (page.status != 200)
        return false;
    const BrowserPage done = kind == BackendAuth::Kind::ElicitedToken
        ? person.submit(page, QStringLiteral("submit"), {{QStringLiteral("credential"), kCanary}})
        : person.submit(page, QStringLiteral("continue"));
    return done.status == 200;
}

QByteArray tst_ElicitationWire::credentialValue(BackendAuth::Kind kind) const
{
    if (kind == BackendAuth::Kind::ElicitedToken)
        return kCanary.toUtf8();
    return m_as->issuedAccessTokens().value(m_as->issuedAccessTokens().size() - 1).toUtf8();
}

QByteArray tst_ElicitationWire::expectedHeaderValue(BackendAuth::Kind kind) const
{
    return kind == BackendAuth::Kind::ElicitedToken ? credentialValue(kind) : "Bearer " + credentialValue(kind);
}

void tst_ElicitationWire::credentialReachesBackend_data()
{
    QTest::addColumn<BackendAuth::Kind>("kind");
    QTest::addColumn<Form>("form");
    const QList<QPair<const char*, BackendAuth::Kind>> kinds{{"token", BackendAuth::Kind::ElicitedToken},
                                                             {"oauth", BackendAuth::Kind::ElicitedOAuth2}};
    for (const auto& k : kinds) {
        QTest::addRow("%s, 2026-07-28 input_required", k.first) << k.second << Form::Modern;
        QTest::addRow("%s, 2025-11-25 -32042", k.first) << k.second << Form::LegacyUrl;
        QTest::addRow("%s, 2025-11-25 without URL mode", k.first) << k.second << Form::LegacyText;
        QTest::addRow("%s, 2025-06-18", k.first) << k.second << Form::OlderText;
    }
}

void tst_ElicitationWire::credentialReachesBackend()
{
    QFETCH(BackendAuth::Kind, kind);
    QFETCH(Form, form);
    startGateway(kind);
    if (QTest::currentTestFailed())
        return;

    QUrl link;
    QString requestState;
    QByteArray session;
    std::unique_ptr<QTcpSocket> stream;
    QByteArray streamData;
    const QString legacyRevision
        = form == Form::OlderText ? QStringLiteral("2025-06-18") : QStringLiteral("2025-11-25");
    if (form == Form::Modern) {
        const Reply first = modernCall(1, kKeyAlice, urlCapability());
        QCOMPARE(first.status, 200);
        const QJsonObject result = first.result();
        QCOMPARE(result.value(QLatin1String("resultType")).toString(), QStringLiteral("input_required"));
        const QJsonObject create = result.value(QLatin1String("inputRequests")).toObject().value(kInputKey).toObject();
        QCOMPARE(create.value(QLatin1String("method")).toString(), QStringLiteral("elicitation/create"));
        const QJsonObject params = create.value(QLatin1String("params")).toObject();
        QCOMPARE(params.value(QLatin1String("mode")).toString(), QStringLiteral("url"));
        QVERIFY(!params.contains(QLatin1String("elicitationId"))); // removed in 2026-07-28
        link = QUrl(params.value(QLatin1String("url")).toString());
        requestState = result.value(QLatin1String("requestState")).toString();
        QVERIFY(requestState.startsWith(QLatin1String("v1.")));
    } else {
        session = initialize(legacyRevision, form == Form::LegacyUrl ? urlCapability() : QJsonObject());
        QVERIFY(!session.isEmpty());
        if (form == Form::LegacyUrl) {
            // The session's GET stream, where notifications/elicitation/complete arrives.
            stream = std::make_unique<QTcpSocket>();
            stream->connectToHost(QHostAddress::LocalHost, serverPort());
            QVERIFY(stream->waitForConnected(5000));
            stream->write("GET /mcp/wire HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(serverPort())
                          + "\r\nAccept: text/event-stream\r\nx-reshapr-key: " + kKeyAlice
                          + "\r\nMcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-11-25\r\n\r\n");
            QTRY_VERIFY_WITH_TIMEOUT((streamData += stream->readAll()).contains("text/event-stream"), 5000);
        }
        const Reply first = legacyCall(1, session, legacyRevision);
        QCOMPARE(first.status, 200);
        if (form == Form::LegacyUrl) {
            QCOMPARE(first.rpcError(), -32042);
            const QJsonObject e
                = first.json()
                      .value(QLatin1String("error"))[QLatin1String("data")][QLatin1String("elicitations")]
                      .toArray()
                      .at(0)
                      .toObject();
            QCOMPARE(e.value(QLatin1String("mode")).toString(), QStringLiteral("url"));
            QVERIFY(!e.value(QLatin1String("elicitationId")).toString().isEmpty());
            link = QUrl(e.value(QLatin1String("url")).toString());
            QCOMPARE(link.path(), QStringLiteral("/elicit/") + e.value(QLatin1String("elicitationId")).toString());
        } else {
            const QJsonObject result = first.result();
            QVERIFY(result.value(QLatin1String("isError")).toBool());
            const QString text = toolText(result);
            const qsizetype at = text.indexOf(QLatin1String("http://"));
            QVERIFY2(at >= 0, qPrintable(text));
            link = QUrl(text.mid(at).section(QLatin1Char(' '), 0, 0));
            QVERIFY2(text.contains(QLatin1String("call the tool again")), qPrintable(text));
        }
    }
    QVERIFY2(link.path().startsWith(QLatin1String("/elicit/")), qPrintable(link.toString()));
    QCOMPARE(link.port(), int(serverPort()));
    QCOMPARE(m_backend->requestCount(), 0); // nothing reached the backend without the credential

    ScriptedBrowser person;
    if (form == Form::Modern) {
        // The official client retries as soon as the person accepts, before the page is done:
        // input_required again, with a fresh state; the used state is spent.
        const QJsonObject accepted{{kInputKey, QJsonObject{{QStringLiteral("action"), QStringLiteral("accept")}}}};
        const Reply early = modernCall(
            2, kKeyAlice, urlCapability(),
            {{QStringLiteral("requestState"), requestState}, {QStringLiteral("inputResponses"), accepted}});
        QCOMPARE(early.result().value(QLatin1String("resultType")).toString(), QStringLiteral("input_required"));
        const QString fresh = early.result().value(QLatin1String("requestState")).toString();
        QVERIFY(!fresh.isEmpty() && fresh != requestState);
        const Reply replay = modernCall(
            3, kKeyAlice, urlCapability(),
            {{QStringLiteral("requestState"), requestState}, {QStringLiteral("inputResponses"), accepted}});
        QCOMPARE(replay.rpcError(), -32602);
        QCOMPARE(replay.json().value(QLatin1String("error"))[QLatin1String("message")].toString(),
                 QStringLiteral("Invalid or expired requestState"));
        requestState = fresh;
        QVERIFY(complete(person, kind, link));
    } else {
        QVERIFY(complete(person, kind, link));
    }
    if (kind == BackendAuth::Kind::ElicitedOAuth2) {
        QCOMPARE(m_as->codeRedemptions(), 1);
        QCOMPARE(m_as->pkceFailures(), 0);
        QVERIFY(m_as->lastAuthorizeParams().contains(QStringLiteral("code_challenge_method=S256")));
    }
    if (form == Form::LegacyUrl) {
        QTRY_VERIFY_WITH_TIMEOUT((streamData += stream->readAll()).contains("notifications/elicitation/complete"),
                                 5000);
        QVERIFY(streamData.contains(link.path().mid(8).toUtf8()));
    }

    // The backend echoes the credential; the MCP answer must not.
    const QByteArray value = credentialValue(kind);
    QVERIFY(!value.isEmpty());
    FaultResponse echo;
    echo.body = R"({"echo":")" + value + R"(","plain":"sunny"})";
    m_backend->setResponse(echo);
    const Reply done = form == Form::Modern
        ? modernCall(4, kKeyAlice, urlCapability(),
                     {{QStringLiteral("requestState"), requestState},
                      {QStringLiteral("inputResponses"),
                       QJsonObject{{kInputKey, QJsonObject{{QStringLiteral("action"), QStringLiteral("accept")}}}}}})
        : legacyCall(2, session, legacyRevision);
    QCOMPARE(done.status, 200);
    QVERIFY2(!done.result().value(QLatin1String("isError")).toBool(), done.body.constData());
    QVERIFY2(done.body.contains("sunny"), done.body.constData());
    QVERIFY2(!done.body.contains(value), "the elicited credential reached the MCP client");
    QVERIFY(done.body.contains("[redacted]"));
    QCOMPARE(m_backend->requestCount(), 1);
    const auto received = m_backend->requests().first();
    if (kind == BackendAuth::Kind::ElicitedToken) {
        QCOMPARE(received.header("X-API-Key"), expectedHeaderValue(kind));
        QVERIFY(!received.hasHeader("Authorization"));
    } else {
        QCOMPARE(received.header("Authorization"), expectedHeaderValue(kind));
    }
    QVERIFY(!received.hasHeader("x-reshapr-key")); // the endpoint's key never reaches the backend
    // Stored: the next call needs no page.
    const Reply again = form == Form::Modern ? modernCall(5, kKeyAlice, {}) : legacyCall(3, session, legacyRevision);
    QVERIFY2(again.body.contains("sunny"), again.body.constData());
    QCOMPARE(m_backend->requestCount(), 2);
}

void tst_ElicitationWire::modernRefusals_data()
{
    QTest::addColumn<QString>("attack");
    QTest::newRow("no elicitation.url capability: -32021") << "noCapability";
    QTest::newRow("tampered requestState") << "tampered";
    QTest::newRow("replayed requestState") << "replayed";
    QTest::newRow("another person's requestState") << "otherPerson";
    QTest::newRow("requestState for other arguments") << "otherArguments";
    QTest::newRow("requestState not a string") << "notString";
}

void tst_ElicitationWire::modernRefusals()
{
    QFETCH(QString, attack);
    startGateway(BackendAuth::Kind::ElicitedToken);
    if (QTest::currentTestFailed())
        return;
    if (attack == QLatin1String("noCapability")) {
        const Reply r = modernCall(1, kKeyAlice, QJsonObject{{QStringLiteral("elicitation"), QJsonObject()}});
        QCOMPARE(r.status, 400);
        QCOMPARE(r.rpcError(), -32021);
        QVERIFY(r.json()
                    .value(QLatin1String("error"))[QLatin1String("data")][QLatin1String("requiredCapabilities")]
                                                  [QLatin1String("elicitation")][QLatin1String("url")]
                    .isObject());
        QVERIFY(!r.body.contains("/elicit/"));
        QCOMPARE(m_backend->requestCount(), 0);
        return;
    }
    const Reply first = modernCall(1, kKeyAlice, urlCapability());
    QString state = first.result().value(QLatin1String("requestState")).toString();
    QVERIFY(!state.isEmpty());
    QByteArray key = kKeyAlice;
    QJsonObject arguments = forecast();
    QJsonValue stateValue = state;
    if (attack == QLatin1String("tampered")) {
        const int at = int(state.size()) / 2;
        state[at] = state.at(at) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        stateValue = state;
    } else if (attack == QLatin1String("replayed")) {
        QCOMPARE(modernCall(2, kKeyAlice, urlCapability(), {{QStringLiteral("requestState"), state}})
                     .result()
                     .value(QLatin1String("resultType"))
                     .toString(),
                 QStringLiteral("input_required"));
    } else if (attack == QLatin1String("otherPerson")) {
        key = kKeyBob;
    } else if (attack == QLatin1String("otherArguments")) {
        arguments = forecast(QStringLiteral("Porto"));
    } else if (attack == QLatin1String("notString")) {
        stateValue = 42;
    }
    const Reply r = modernCall(3, key, urlCapability(), {{QStringLiteral("requestState"), stateValue}}, arguments);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.rpcError(), -32602);
    if (attack != QLatin1String("notString"))
        QCOMPARE(r.json().value(QLatin1String("error"))[QLatin1String("message")].toString(),
                 QStringLiteral("Invalid or expired requestState"));
    QCOMPARE(m_backend->requestCount(), 0);
}

void tst_ElicitationWire::backendRejectionAsksAgain_data()
{
    QTest::addColumn<BackendAuth::Kind>("kind");
    QTest::addColumn<int>("status");
    QTest::newRow("token, 401") << BackendAuth::Kind::ElicitedToken << 401;
    QTest::newRow("token, 403") << BackendAuth::Kind::ElicitedToken << 403;
    QTest::newRow("oauth, 401: one refresh, then asked again") << BackendAuth::Kind::ElicitedOAuth2 << 401;
}

void tst_ElicitationWire::backendRejectionAsksAgain()
{
    QFETCH(BackendAuth::Kind, kind);
    QFETCH(int, status);
    startGateway(kind);
    if (QTest::currentTestFailed())
        return;
    const Reply first = modernCall(1, kKeyAlice, urlCapability());
    const QUrl link(first.result()
                        .value(QLatin1String("inputRequests"))[kInputKey][QLatin1String("params")][QLatin1String("url")]
                        .toString());
    ScriptedBrowser person;
    QVERIFY(complete(person, kind, link));
    const QByteArray value = credentialValue(kind);

    FaultResponse refused;
    refused.status = status;
    refused.reason = "Refused";
    refused.body = R"({"error":"credential refused"})";
    m_backend->setResponse(refused);
    Reply r = modernCall(2, kKeyAlice, urlCapability());
    if (kind == BackendAuth::Kind::ElicitedOAuth2) {
        // The refused token is refreshed once and the call resent with the new token, inside the
        // same call; the refreshed token is refused too, so the call ends with the backend's answer.
        QCOMPARE(m_as->refreshCount(), 1);
        QCOMPARE(m_backend->requestCount(), 2);
        QCOMPARE(m_backend->requests().at(0).header("Authorization"), "Bearer " + value);
        QCOMPARE(m_backend->requests().at(1).header("Authorization"), "Bearer " + credentialValue(kind));
        QVERIFY(credentialValue(kind) != value);
        QVERIFY2(r.result().value(QLatin1String("isError")).toBool(), r.body.constData());
        // The token from that forced refresh is dropped on its next rejection: the person is asked.
        r = modernCall(3, kKeyAlice, urlCapability());
        QCOMPARE(m_backend->requestCount(), 3);
    } else {
        QCOMPARE(m_backend->requestCount(), 1);
    }
    QCOMPARE(r.result().value(QLatin1String("resultType")).toString(), QStringLiteral("input_required"));
    const QUrl again(
        r.result()
            .value(QLatin1String("inputRequests"))[kInputKey][QLatin1String("params")][QLatin1String("url")]
            .toString());
    QVERIFY(again.isValid());
    QVERIFY2(again != link, "a new flow, not the finished one");
    QVERIFY(!r.body.contains(value));
}

void tst_ElicitationWire::concurrentCallsShareOneFlow()
{
    startGateway(BackendAuth::Kind::ElicitedToken);
    if (QTest::currentTestFailed())
        return;
    // Two calls of one person on two connections, both sent before either is answered.
    auto send = [this](int id) {
        auto socket = std::make_shared<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, serverPort());
        socket->waitForConnected(5000);
        const QByteArray body = compact(
            {{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
             {QStringLiteral("id"), id},
             {QStringLiteral("method"), QStringLiteral("tools/call")},
             {QStringLiteral("params"),
              QJsonObject{
                  {QStringLiteral("name"), QStringLiteral("getForecast")},
                  {QStringLiteral("arguments"), forecast(QStringLiteral("City%1").arg(id))},
                  {QStringLiteral("_meta"),
                   QJsonObject{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), kModern},
                               {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), urlCapability()}}}}}});
        socket->write("POST /mcp/wire HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(serverPort())
                      + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
                        "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/call\r\nMcp-Name: getForecast\r\n"
                        "x-reshapr-key: "
                      + kKeyAlice + "\r\nConnection: close\r\nContent-Length: " + QByteArray::number(body.size())
                      + "\r\n\r\n" + body);
        socket->flush();
        return socket;
    };
    const auto a = send(1);
    const auto b = send(2);
    QByteArray da, db;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 10000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        da += a->readAll();
        db += b->readAll();
        const auto ra = TestSupport::parseResponses(da);
        const auto rb = TestSupport::parseResponses(db);
        if (!ra.isEmpty() && ra.first().complete && !rb.isEmpty() && rb.first().complete)
            break;
    }
    auto url = [](const QByteArray& raw) {
        const auto responses = TestSupport::parseResponses(raw);
        if (responses.isEmpty())
            return QString();
        return QJsonDocument::fromJson(responses.first().body)
            .object()
            .value(QLatin1String("result"))[QLatin1String("inputRequests")][QLatin1String("backend-credential")]
                                           [QLatin1String("params")][QLatin1String("url")]
            .toString();
    };
    QVERIFY(!url(da).isEmpty());
    QCOMPARE(url(da), url(db));
    int requested = 0;
    for (const auto& e : m_server->trafficLog()->events())
        requested += e.elicitationStage == QLatin1String("requested") ? 1 : 0;
    QCOMPARE(requested, 1);
}

void tst_ElicitationWire::modernWithoutIdentityIsAToolError()
{
    startGateway(BackendAuth::Kind::ElicitedToken, EndpointSecurity::Mode::None);
    if (QTest::currentTestFailed())
        return;
    const Reply r = modernCall(1, {}, urlCapability());
    QCOMPARE(r.status, 200);
    QVERIFY(r.result().value(QLatin1String("isError")).toBool());
    const QString text = toolText(r.result());
    QVERIFY2(text.contains(QLatin1String("API key or OAuth2")), qPrintable(text));
    QVERIFY(!r.body.contains("/elicit/"));
    QCOMPARE(m_backend->requestCount(), 0);
}

void tst_ElicitationWire::modernDeclineEndsTheFlow()
{
    startGateway(BackendAuth::Kind::ElicitedToken);
    if (QTest::currentTestFailed())
        return;
    const Reply first = modernCall(1, kKeyAlice, urlCapability());
    const QString state = first.result().value(QLatin1String("requestState")).toString();
    const QString url
        = first.result()
              .value(QLatin1String("inputRequests"))[kInputKey][QLatin1String("params")][QLatin1String("url")]
              .toString();
    const Reply declined
        = modernCall(2, kKeyAlice, urlCapability(),
                     {{QStringLiteral("requestState"), state},
                      {QStringLiteral("inputResponses"),
                       QJsonObject{{kInputKey, QJsonObject{{QStringLiteral("action"), QStringLiteral("decline")}}}}}});
    QVERIFY2(declined.result().value(QLatin1String("isError")).toBool(), declined.body.constData());
    QCOMPARE(m_server->elicitationBroker()->flowStatus(QUrl(url).path().mid(8)),
             Gateway::ElicitationFlowStatus::Declined);
    ScriptedBrowser person;
    QCOMPARE(person.get(QUrl(url)).status, 410);
    QCOMPARE(m_backend->requestCount(), 0);
}

QTEST_GUILESS_MAIN(tst_ElicitationWire)
#include "tst_elicitationwire.moc"
