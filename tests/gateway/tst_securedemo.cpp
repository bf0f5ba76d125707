// SPDX-License-Identifier: GPL-3.0-or-later
// The secure demo over real loopback sockets: its workspace loads like any workspace file, a token
// from the demo authorization server passes the gateway's EndpointGuard for service "secure-demo"
// (and nothing else does), and the demo backend accepts only a token issued for the backend.
#include "RawHttpClient.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/SecureDemo.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QtTest>

#include <future>

using Gateway::BackendAuth;
using Gateway::EndpointSecurity;
using Gateway::SecureDemo;
using TestSupport::RawResponse;

namespace {

const QByteArray kVerifier = "secure-demo-verifier-0123456789-0123456789-abcdef";

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray toolsList()
{
    const QJsonObject meta{{QStringLiteral("io.modelcontextprotocol/protocolVersion"), QStringLiteral("2026-07-28")},
                           {QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{}},
                           {QStringLiteral("io.modelcontextprotocol/clientInfo"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")},
                                        {QStringLiteral("version"), QStringLiteral("1")}}}};
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), 1},
                    {QStringLiteral("method"), QStringLiteral("tools/list")},
                    {QStringLiteral("params"), QJsonObject{{QStringLiteral("_meta"), meta}}}});
}

} // namespace

class tst_SecureDemo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void workspaceIsTheRecommendedSetup();
    void endpointGuard_data();
    void endpointGuard();
    void backendWantsItsOwnToken_data();
    void backendWantsItsOwnToken();
    void guideNamesWhatTheOperatorNeeds();

private:
    RawResponse send(quint16 port, const QByteArray& bytes);
    QByteArray clientCredentialsToken(const QString& resource);
    QByteArray backendToken(); // code + PKCE as the gateway's client, for the backend
    RawResponse listTools(const QByteArray& authorization);

    std::unique_ptr<SecureDemo> m_demo;
    std::unique_ptr<Gateway::GatewayServer> m_gateway;
};

void tst_SecureDemo::initTestCase()
{
    m_demo = std::make_unique<SecureDemo>();
    QString error;
    QVERIFY2(m_demo->start(&error), qPrintable(error));
    const Gateway::WorkspaceConfig config = m_demo->workspace(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_gateway = std::make_unique<Gateway::GatewayServer>();
    QVERIFY2(m_gateway->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_gateway->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_demo->setGatewayBase(m_gateway->baseUrl());
}

void tst_SecureDemo::cleanupTestCase()
{
    m_gateway.reset();
    m_demo.reset();
}

RawResponse tst_SecureDemo::send(quint16 port, const QByteArray& bytes)
{
    // rawExchange blocks: run it on another thread while this one serves the gateway and the AS.
    auto future
        = std::async(std::launch::async, [port, bytes] { return TestSupport::rawExchange(port, bytes, 1, 8000); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(2);
    const auto responses = future.get();
    return responses.isEmpty() ? RawResponse{} : responses.first();
}

QByteArray tst_SecureDemo::clientCredentialsToken(const QString& resource)
{
    QByteArray body = "grant_type=client_credentials&scope=" + SecureDemo::EndpointScope.toUtf8().toPercentEncoding();
    if (!resource.isEmpty())
        body += "&resource=" + resource.toUtf8().toPercentEncoding();
    const QByteArray basic
        = (m_demo->agentClientId().toUtf8().toPercentEncoding() + ':' + m_demo->agentClientSecret()).toBase64();
    const RawResponse r = send(QUrl(m_demo->issuer()).port(),
                               "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + basic
                                   + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                                   + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    return QJsonDocument::fromJson(r.body).object().value(QLatin1String("access_token")).toString().toLatin1();
}

QByteArray tst_SecureDemo::backendToken()
{
    const quint16 port = QUrl(m_demo->issuer()).port();
    const QString redirect = QStringLiteral("http://127.0.0.1:1/elicit/callback");
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), SecureDemo::GatewayClientId);
    q.addQueryItem(QStringLiteral("redirect_uri"), redirect);
    q.addQueryItem(QStringLiteral("scope"), SecureDemo::BackendScope);
    q.addQueryItem(QStringLiteral("resource"), m_demo->backendUrl().toString());
    q.addQueryItem(QStringLiteral("code_challenge"),
                   QString::fromLatin1(QCryptographicHash::hash(kVerifier, QCryptographicHash::Sha256)
                                           .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals)));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    const RawResponse a = send(port,
                               "GET /authorize?" + q.toString(QUrl::FullyEncoded).toLatin1()
                                   + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const QByteArray code = QUrlQuery(QUrl(QString::fromLatin1(a.header("Location"))))
                                .queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded)
                                .toLatin1();
    const QByteArray body = "grant_type=authorization_code&client_id=" + SecureDemo::GatewayClientId.toUtf8()
        + "&code=" + code.toPercentEncoding() + "&code_verifier=" + kVerifier
        + "&redirect_uri=" + redirect.toUtf8().toPercentEncoding();
    const RawResponse t = send(port,
                               "POST /token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                               "application/x-www-form-urlencoded\r\nContent-Length: "
                                   + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    return QJsonDocument::fromJson(t.body).object().value(QLatin1String("access_token")).toString().toLatin1();
}

RawResponse tst_SecureDemo::listTools(const QByteArray& authorization)
{
    const quint16 port = m_gateway->serverPort();
    const QByteArray body = toolsList();
    QByteArray bytes = "POST /mcp/secure-demo HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port)
        + "\r\nContent-Type: application/json\r\nAccept: application/json, text/event-stream\r\n"
          "MCP-Protocol-Version: 2026-07-28\r\nMcp-Method: tools/list\r\n";
    if (!authorization.isEmpty())
        bytes += "Authorization: " + authorization + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    return send(port, bytes);
}

void tst_SecureDemo::workspaceIsTheRecommendedSetup()
{
    QString error;
    const Gateway::WorkspaceConfig config = m_demo->workspace(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(config.services.size(), 1);
    const Gateway::ServiceConfig& s = config.services.first();
    QCOMPARE(s.name, SecureDemo::ServiceName);
    QVERIFY(s.configError.isEmpty());
    QCOMPARE(s.security.mode, EndpointSecurity::Mode::OAuth2);
    QCOMPARE(s.security.authorizationServers, QStringList{m_demo->issuer()});
    QVERIFY(s.security.allowLoopbackHttpIssuers);
    QVERIFY(s.security.requireAtJwtType);
    QCOMPARE(s.backendAuth.kind, BackendAuth::Kind::ElicitedOAuth2);
    QCOMPARE(s.backendAuth.issuer, m_demo->issuer());
    QCOMPARE(s.backendAuth.clientId, SecureDemo::GatewayClientId);
    QCOMPARE(s.backendAuth.resource, m_demo->backendUrl().toString());
    QVERIFY(s.backendAuth.allowLoopbackHttpTokenEndpoint);
    QVERIFY(s.backendAuth.secretRef.isEmpty()); // public client: nothing to keep in a keychain
    QCOMPARE(s.baseUrl, m_demo->backendUrl());
    QVERIFY(m_demo->issuer().startsWith(QLatin1String("http://127.0.0.1:")));
    QCOMPARE(m_demo->backendUrl().host(), QStringLiteral("127.0.0.1"));
    // The gateway serves it (no refusal).
    for (const Gateway::ServiceStatus& status : m_gateway->services())
        QVERIFY2(status.error.isEmpty(), qPrintable(status.error));
}

void tst_SecureDemo::endpointGuard_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::newRow("client credentials, resource = endpoint") << QStringLiteral("endpoint") << 200;
    QTest::newRow("client credentials, default resource") << QStringLiteral("default") << 200;
    QTest::newRow("no token") << QStringLiteral("none") << 401;
    QTest::newRow("token for another resource") << QStringLiteral("other") << 401;
    QTest::newRow("token for the backend") << QStringLiteral("backend") << 401;
}

void tst_SecureDemo::endpointGuard()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    const QString endpoint = m_demo->endpointUrl().toString();
    QCOMPARE(endpoint, QStringLiteral("http://127.0.0.1:%1/mcp/secure-demo").arg(m_gateway->serverPort()));
    QByteArray token;
    if (kind == QLatin1String("endpoint"))
        token = clientCredentialsToken(endpoint);
    else if (kind == QLatin1String("default"))
        token = clientCredentialsToken({});
    else if (kind == QLatin1String("other"))
        token = clientCredentialsToken(QStringLiteral("http://127.0.0.1:1/mcp/other"));
    else if (kind == QLatin1String("backend"))
        token = backendToken();
    if (kind != QLatin1String("none"))
        QVERIFY(!token.isEmpty());
    const RawResponse r = listTools(token.isEmpty() ? QByteArray() : "Bearer " + token);
    QCOMPARE(r.status, status);
    if (status == 200) {
        const QJsonObject answer = QJsonDocument::fromJson(r.body).object();
        const QJsonArray tools
            = answer.value(QLatin1String("result")).toObject().value(QLatin1String("tools")).toArray();
        QVERIFY2(!tools.isEmpty(), r.body.constData());
        return;
    }
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
    QVERIFY(r.header("WWW-Authenticate").contains("resource_metadata="));
}

void tst_SecureDemo::backendWantsItsOwnToken_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("error");
    QTest::newRow("backend token") << QStringLiteral("backend") << 200 << QByteArray();
    QTest::newRow("no token") << QStringLiteral("none") << 401 << QByteArray();
    QTest::newRow("the agent's endpoint token") << QStringLiteral("endpoint") << 401 << QByteArray("invalid_token");
    QTest::newRow("garbage") << QStringLiteral("garbage") << 401 << QByteArray("invalid_token");
}

void tst_SecureDemo::backendWantsItsOwnToken()
{
    QFETCH(QString, kind);
    QFETCH(int, status);
    QFETCH(QByteArray, error);
    QByteArray token;
    if (kind == QLatin1String("backend"))
        token = backendToken();
    else if (kind == QLatin1String("endpoint"))
        token = clientCredentialsToken(m_demo->endpointUrl().toString());
    else if (kind == QLatin1String("garbage"))
        token = "not.a.jwt";
    QByteArray bytes = "GET /v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    if (!token.isEmpty())
        bytes += "Authorization: Bearer " + token + "\r\n";
    bytes += "Connection: close\r\n\r\n";
    const RawResponse r = send(quint16(m_demo->backendUrl().port()), bytes);
    QCOMPARE(r.status, status);
    if (status == 200) {
        QVERIFY(QJsonDocument::fromJson(r.body).object().contains(QLatin1String("items")));
        return;
    }
    QVERIFY(r.header("WWW-Authenticate").startsWith("Bearer"));
    if (!error.isEmpty())
        QVERIFY2(r.header("WWW-Authenticate").contains("error=\"" + error + '"'), r.header("WWW-Authenticate"));
}

void tst_SecureDemo::guideNamesWhatTheOperatorNeeds()
{
    const QString guide = m_demo->guide();
    QVERIFY(guide.contains(m_demo->endpointUrl().toString()));
    QVERIFY(guide.contains(m_demo->issuer()));
    QVERIFY(guide.contains(m_demo->agentClientId()));
    QVERIFY(guide.contains(QString::fromLatin1(m_demo->agentClientSecret())));
    QVERIFY(guide.contains(QLatin1String("DEMO ONLY")));
}

QTEST_GUILESS_MAIN(tst_SecureDemo)
#include "tst_securedemo.moc"
