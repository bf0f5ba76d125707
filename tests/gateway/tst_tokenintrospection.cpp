// SPDX-License-Identifier: GPL-3.0-or-later
// Opaque bearer tokens checked by RFC 7662 introspection, over real loopback sockets.
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "http/HttpFrontend.h"
#include "secrets/MemorySecretStore.h"
#include "security/EndpointGuard.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Gateway;

class tst_TokenIntrospection : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void decisions_data();
    void decisions();
    void activeResultIsCachedAndClientAuthenticates();
    void cachedAnswerIsNotReusedForAnotherService_data();
    void cachedAnswerIsNotReusedForAnotherService();
    void expiredAnswerIsAskedAgain();

private:
    struct Answer
    {
        int status = 0;
        QByteArray wwwAuthenticate;
        QByteArray retryAfter;
    };
    Answer call(const QByteArray& token, const QString& service = QStringLiteral("demo"));

    DemoBackendHost m_backendHost;
    HttpFrontend m_introspection{HttpLimits()};
    MemorySecretStore m_secrets;
    GatewayServer m_gateway;
    QNetworkAccessManager m_client;
    QHash<QByteArray, QByteArray> m_answers; // token -> introspection JSON ("" = HTTP 500)
    int m_introspectionRequests = 0;
    QByteArray m_lastClientAuth;
    QByteArray m_lastBody;
};

void tst_TokenIntrospection::initTestCase()
{
    const QUrl backend = m_backendHost.start();
    QVERIFY(!backend.isEmpty());
    m_introspection.setHandler([this](const HttpRequest& request, HttpResponder responder) {
        ++m_introspectionRequests;
        m_lastClientAuth = request.header("Authorization");
        m_lastBody = request.body;
        const QByteArray token = QUrlQuery(QString::fromUtf8(request.body))
                                     .queryItemValue(QStringLiteral("token"), QUrl::FullyDecoded)
                                     .toUtf8();
        const QByteArray answer = m_answers.value(token, R"({"active":false})");
        responder.send(answer.isEmpty() ? HttpResponse::json(500, "{}") : HttpResponse::json(200, answer));
    });
    QVERIFY(m_introspection.listen(QHostAddress::LocalHost, 0));
    bool stored = false;
    m_secrets.write(QStringLiteral("introspection"), "intro-S3CRET",
                    [&stored](const SecretResult& r) { stored = r.isOk(); });
    QTRY_VERIFY(stored);
    m_gateway.setSecretStore(&m_secrets);

    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(backend);
    EndpointSecurity& security = config.services[0].security;
    security.mode = EndpointSecurity::Mode::OAuth2;
    security.authorizationServers = {QStringLiteral("https://as.example")};
    security.requiredScopes = {QStringLiteral("demo:read")};
    security.allowLoopbackHttpIssuers = true;
    security.introspectionEndpoint
        = QUrl(QStringLiteral("http://127.0.0.1:%1/introspect").arg(m_introspection.serverPort()));
    security.introspectionClientId = QStringLiteral("gateway");
    security.introspectionSecretRef = QStringLiteral("keychain:introspection");
    // A second service behind the same introspection endpoint that needs another scope.
    ServiceConfig admin = config.services[0];
    admin.name = QStringLiteral("admin");
    admin.security.requiredScopes = {QStringLiteral("admin")};
    config.services.append(admin);
    QString error;
    QVERIFY2(m_gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY(m_gateway.listen(QHostAddress::LocalHost, 0));

    const QString resource = QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(m_gateway.serverPort());
    const qint64 exp = QDateTime::currentSecsSinceEpoch() + 600;
    auto active = [&](const QString& scope, const QString& aud) {
        return QJsonDocument(QJsonObject{{QStringLiteral("active"), true},
                                         {QStringLiteral("scope"), scope},
                                         {QStringLiteral("sub"), QStringLiteral("alice")},
                                         {QStringLiteral("iss"), QStringLiteral("https://as.example")},
                                         {QStringLiteral("aud"), aud},
                                         {QStringLiteral("exp"), double(exp)}})
            .toJson(QJsonDocument::Compact);
    };
    m_answers.insert("opaque-good", active(QStringLiteral("demo:read other"), resource));
    m_answers.insert("opaque-cached", active(QStringLiteral("demo:read"), resource));
    m_answers.insert("opaque-noscope", active(QStringLiteral("other"), resource));
    m_answers.insert("opaque-otheraud", active(QStringLiteral("demo:read"), QStringLiteral("https://elsewhere/mcp")));
    m_answers.insert("opaque-inactive", R"({"active":false})");
    const QJsonValue kAbsent(QJsonValue::Undefined);
    auto withClaim = [&](const QByteArray& base, const QString& claim, const QJsonValue& value) {
        QJsonObject o = QJsonDocument::fromJson(base).object();
        if (value.isUndefined())
            o.remove(claim);
        else
            o.insert(claim, value);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    const QByteArray good = active(QStringLiteral("demo:read"), resource);
    m_answers.insert("opaque-audnumber", withClaim(good, QStringLiteral("aud"), 42));
    m_answers.insert("opaque-audarraybad", withClaim(good, QStringLiteral("aud"), QJsonArray{resource, 42}));
    m_answers.insert("opaque-audarray",
                     withClaim(good, QStringLiteral("aud"), QJsonArray{QStringLiteral("x"), resource}));
    m_answers.insert("opaque-otheriss", withClaim(good, QStringLiteral("iss"), QStringLiteral("https://evil.example")));
    m_answers.insert("opaque-issnumber", withClaim(good, QStringLiteral("iss"), 7));
    m_answers.insert("opaque-noiss-noaud",
                     withClaim(withClaim(good, QStringLiteral("iss"), kAbsent), QStringLiteral("aud"), kAbsent));
    // Shared across services: no audience, scope for demo only; or an audience naming demo.
    m_answers.insert("opaque-shared-noaud", withClaim(good, QStringLiteral("aud"), kAbsent));
    m_answers.insert("opaque-shared-demoaud", good);
    m_answers.insert("opaque-shared-admin",
                     withClaim(active(QStringLiteral("demo:read admin"), resource), QStringLiteral("aud"), kAbsent));
    m_answers.insert("opaque.dotted", good);
    m_answers.insert("opaque-broken", QByteArray());
}

tst_TokenIntrospection::Answer tst_TokenIntrospection::call(const QByteArray& token, const QString& service)
{
    QNetworkRequest request(
        QUrl(QStringLiteral("http://127.0.0.1:%1/mcp/%2").arg(m_gateway.serverPort()).arg(service)));
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("MCP-Protocol-Version", "2026-07-28");
    request.setRawHeader("Mcp-Method", "tools/list");
    request.setRawHeader("Authorization", "Bearer " + token);
    QNetworkReply* reply = m_client.post(request,
                                         R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":{)"
                                         R"("io.modelcontextprotocol/protocolVersion":"2026-07-28",)"
                                         R"("io.modelcontextprotocol/clientCapabilities":{}}}})");
    QSignalSpy finished(reply, &QNetworkReply::finished);
    finished.wait(10000);
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.wwwAuthenticate = reply->rawHeader("WWW-Authenticate");
    a.retryAfter = reply->rawHeader("Retry-After");
    reply->deleteLater();
    return a;
}

void tst_TokenIntrospection::decisions_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challengeContains");
    QTest::newRow("active with scope") << QByteArray("opaque-good") << 200 << QByteArray();
    QTest::newRow("inactive") << QByteArray("opaque-inactive") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("unknown token") << QByteArray("opaque-unknown") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("other audience") << QByteArray("opaque-otheraud") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("missing scope") << QByteArray("opaque-noscope") << 403 << QByteArray("error=\"insufficient_scope\"");
    QTest::newRow("introspection down") << QByteArray("opaque-broken") << 503 << QByteArray();
    // "aud" and "iss" are optional; present, they must be well-formed and fit.
    QTest::newRow("aud not a string") << QByteArray("opaque-audnumber") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("aud array with a number")
        << QByteArray("opaque-audarraybad") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("aud array naming us") << QByteArray("opaque-audarray") << 200 << QByteArray();
    QTest::newRow("untrusted iss") << QByteArray("opaque-otheriss") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("iss not a string") << QByteArray("opaque-issnumber") << 401 << QByteArray("error=\"invalid_token\"");
    QTest::newRow("no iss, no aud") << QByteArray("opaque-noiss-noaud") << 200 << QByteArray();
    // A token with dots is a JWT or nothing: never sent to introspection.
    QTest::newRow("two segments") << QByteArray("opaque.dotted") << 400 << QByteArray("error=\"invalid_request\"");
}

void tst_TokenIntrospection::decisions()
{
    QFETCH(QByteArray, token);
    QFETCH(int, status);
    QFETCH(QByteArray, challengeContains);
    const Answer a = call(token);
    QCOMPARE(a.status, status);
    if (!challengeContains.isEmpty())
        QVERIFY2(a.wwwAuthenticate.contains(challengeContains), a.wwwAuthenticate.constData());
    if (status == 503) {
        QCOMPARE(a.retryAfter, QByteArray("30"));
        QVERIFY(!a.wwwAuthenticate.contains("invalid_token")); // no re-auth loop for an outage
    }
}

void tst_TokenIntrospection::activeResultIsCachedAndClientAuthenticates()
{
    const int before = m_introspectionRequests;
    QCOMPARE(call("opaque-cached").status, 200);
    QCOMPARE(call("opaque-cached").status, 200);
    QCOMPARE(m_introspectionRequests, before + 1);
    QCOMPARE(m_lastClientAuth, "Basic " + QByteArray("gateway:intro-S3CRET").toBase64());
    QVERIFY(m_lastBody.contains("token_type_hint=access_token"));
}

void tst_TokenIntrospection::cachedAnswerIsNotReusedForAnotherService_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<int>("adminStatus");
    QTest::newRow("scope for demo only") << QByteArray("opaque-shared-noaud") << 403;
    QTest::newRow("audience is demo") << QByteArray("opaque-shared-demoaud") << 401;
    QTest::newRow("scope for both") << QByteArray("opaque-shared-admin") << 200;
}

void tst_TokenIntrospection::cachedAnswerIsNotReusedForAnotherService()
{
    // The answer accepted (and cached) for /mcp/demo must be checked again for /mcp/admin, which
    // needs another scope and has another audience.
    QFETCH(QByteArray, token);
    QFETCH(int, adminStatus);
    const int before = m_introspectionRequests;
    QCOMPARE(call(token).status, 200);
    QCOMPARE(call(token).status, 200); // cached for demo
    QCOMPARE(m_introspectionRequests, before + 1);
    QCOMPARE(call(token, QStringLiteral("admin")).status, adminStatus);
    QCOMPARE(m_introspectionRequests, before + 2);
    QCOMPARE(call(token).status, 200); // demo's entry is still there
    QCOMPARE(m_introspectionRequests, before + 2);
}

void tst_TokenIntrospection::expiredAnswerIsAskedAgain()
{
    // An entry lives no longer than the token: once "exp" passed, the next call asks again (and the
    // stale entry is dropped rather than kept forever).
    const QString resource = QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(m_gateway.serverPort());
    const qint64 exp = QDateTime::currentSecsSinceEpoch() + 1;
    m_answers.insert("opaque-shortlived",
                     QJsonDocument(QJsonObject{{QStringLiteral("active"), true},
                                               {QStringLiteral("scope"), QStringLiteral("demo:read")},
                                               {QStringLiteral("sub"), QStringLiteral("bob")},
                                               {QStringLiteral("aud"), resource},
                                               {QStringLiteral("exp"), double(exp)}})
                         .toJson(QJsonDocument::Compact));
    const int before = m_introspectionRequests;
    QCOMPARE(call("opaque-shortlived").status, 200);
    QCOMPARE(call("opaque-shortlived").status, 200);
    QCOMPARE(m_introspectionRequests, before + 1);
    QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentSecsSinceEpoch() > exp, 3000);
    const int size = m_gateway.endpointGuard()->introspectionCacheSize();
    QCOMPARE(call("opaque-shortlived").status, 200); // within the clock-skew leeway, asked again
    QCOMPARE(m_introspectionRequests, before + 2);
    QCOMPARE(m_gateway.endpointGuard()->introspectionCacheSize(), size - 1);
}

QTEST_GUILESS_MAIN(tst_TokenIntrospection)
#include "tst_tokenintrospection.moc"
