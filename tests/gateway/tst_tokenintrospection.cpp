// SPDX-License-Identifier: GPL-3.0-or-later
// Opaque bearer tokens checked by RFC 7662 introspection, over real loopback sockets.
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "http/HttpFrontend.h"
#include "secrets/MemorySecretStore.h"

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

private:
    struct Answer
    {
        int status = 0;
        QByteArray wwwAuthenticate;
        QByteArray retryAfter;
    };
    Answer call(const QByteArray& token);

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
    m_answers.insert("opaque-broken", QByteArray());
}

tst_TokenIntrospection::Answer tst_TokenIntrospection::call(const QByteArray& token)
{
    QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(m_gateway.serverPort())));
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

QTEST_GUILESS_MAIN(tst_TokenIntrospection)
#include "tst_tokenintrospection.moc"
