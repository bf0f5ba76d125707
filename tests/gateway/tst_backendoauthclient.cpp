// SPDX-License-Identifier: GPL-3.0-or-later
// The gateway as OAuth client of a backend (client credentials), end to end over loopback:
// a real token endpoint and a real backend that accepts only the current token.
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "http/HttpFrontend.h"
#include "secrets/MemorySecretStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Gateway;

class tst_BackendOAuthClient : public QObject
{
    Q_OBJECT
private slots:
    void tokenIsFetchedCachedAndRenewedOnBackend401();
    void tokenEndpointFailureIsAToolErrorWithoutSecrets();
};

namespace {

struct Harness
{
    HttpFrontend tokenServer{HttpLimits()};
    HttpFrontend backend{HttpLimits()};
    MemorySecretStore secrets;
    GatewayServer gateway;
    QNetworkAccessManager client;
    int tokenRequests = 0;
    QByteArrayList tokenAuthorizations;
    QByteArrayList backendAuthorizations;
    QByteArray acceptedToken = "t2";
    bool tokenServerFails = false;

    explicit Harness()
    {
        tokenServer.setHandler([this](const HttpRequest& request, HttpResponder responder) {
            ++tokenRequests;
            tokenAuthorizations.append(request.header("Authorization"));
            if (tokenServerFails) {
                responder.send(
                    HttpResponse::json(400, R"({"error":"invalid_client","error_description":"s3cr3t-CANARY"})"));
                return;
            }
            const QByteArray token = "t" + QByteArray::number(tokenRequests);
            responder.send(HttpResponse::json(
                200, R"({"access_token":")" + token + R"(","token_type":"Bearer","expires_in":3600})"));
        });
        backend.setHandler([this](const HttpRequest& request, HttpResponder responder) {
            const QByteArray authorization = request.header("Authorization");
            backendAuthorizations.append(authorization);
            if (authorization != "Bearer " + acceptedToken) {
                responder.send(HttpResponse::json(401, R"({"error":"invalid_token"})"));
                return;
            }
            responder.send(HttpResponse::json(200, R"({"city":"Lisbon","days":[]})"));
        });
        QVERIFY(tokenServer.listen(QHostAddress::LocalHost, 0));
        QVERIFY(backend.listen(QHostAddress::LocalHost, 0));
        bool stored = false;
        secrets.write(QStringLiteral("backend-client-secret"), "s3cr3t-CANARY",
                      [&stored](const SecretResult& r) { stored = r.isOk(); });
        QTRY_VERIFY(stored);
        gateway.setSecretStore(&secrets);

        WorkspaceConfig config
            = WorkspaceLoader::demoWorkspace(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(backend.serverPort())));
        BackendAuth& auth = config.services[0].backendAuth;
        auth.kind = BackendAuth::Kind::OAuth2ClientCredentials;
        auth.tokenEndpoint = QUrl(QStringLiteral("http://127.0.0.1:%1/token").arg(tokenServer.serverPort()));
        auth.clientId = QStringLiteral("portcullis");
        auth.secretRef = QStringLiteral("keychain:backend-client-secret");
        auth.scopes = {QStringLiteral("forecast:read")};
        auth.allowLoopbackHttpTokenEndpoint = true;
        QString error;
        QVERIFY2(gateway.applyConfig(config, &error), qPrintable(error));
        QVERIFY(gateway.listen(QHostAddress::LocalHost, 0));
    }

    QJsonObject callForecast()
    {
        QNetworkRequest request(QUrl(QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(gateway.serverPort())));
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        request.setRawHeader("Accept", "application/json, text/event-stream");
        request.setRawHeader("MCP-Protocol-Version", "2026-07-28");
        request.setRawHeader("Mcp-Method", "tools/call");
        request.setRawHeader("Mcp-Name", "getForecast");
        const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"getForecast",)"
                                R"("arguments":{"city":"Lisbon"},"_meta":{"io.modelcontextprotocol/protocolVersion":)"
                                R"("2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}})";
        QNetworkReply* reply = client.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10000))
            return {};
        const QByteArray answer = reply->readAll();
        reply->deleteLater();
        return QJsonDocument::fromJson(answer).object().value(QLatin1String("result")).toObject();
    }
};

} // namespace

void tst_BackendOAuthClient::tokenIsFetchedCachedAndRenewedOnBackend401()
{
    Harness h;
    // First token "t1" is refused by the backend (as after a revocation): one renewal, one retry.
    const QJsonObject first = h.callForecast();
    QCOMPARE(first.value(QLatin1String("isError")).toBool(), false);
    QCOMPARE(first.value(QLatin1String("structuredContent"))[QLatin1String("city")].toString(),
             QStringLiteral("Lisbon"));
    QCOMPARE(h.tokenRequests, 2);
    QCOMPARE(h.backendAuthorizations, (QByteArrayList{"Bearer t1", "Bearer t2"}));
    // Client authentication to the token endpoint: HTTP Basic with the keychain secret.
    QCOMPARE(h.tokenAuthorizations.first(), "Basic " + QByteArray("portcullis:s3cr3t-CANARY").toBase64());

    // The renewed token is cached: no token request for the next call.
    const QJsonObject second = h.callForecast();
    QCOMPARE(second.value(QLatin1String("isError")).toBool(), false);
    QCOMPARE(h.tokenRequests, 2);
    QCOMPARE(h.backendAuthorizations.last(), QByteArray("Bearer t2"));

    // A backend that keeps refusing gets exactly one retry per call, then a tool error.
    h.acceptedToken = "never";
    const QJsonObject refused = h.callForecast();
    QCOMPARE(refused.value(QLatin1String("isError")).toBool(), true);
    QCOMPARE(h.tokenRequests, 3);
    QVERIFY(
        refused.value(QLatin1String("content"))[0][QLatin1String("text")].toString().contains(QLatin1String("401")));
}

void tst_BackendOAuthClient::tokenEndpointFailureIsAToolErrorWithoutSecrets()
{
    Harness h;
    h.tokenServerFails = true;
    const QJsonObject result = h.callForecast();
    QCOMPARE(result.value(QLatin1String("isError")).toBool(), true);
    const QString text = result.value(QLatin1String("content"))[0][QLatin1String("text")].toString();
    QVERIFY2(text.contains(QLatin1String("invalid_client")), qPrintable(text));
    QVERIFY(!text.contains(QLatin1String("s3cr3t-CANARY")));
    QVERIFY(h.backendAuthorizations.isEmpty()); // no token, no backend call
}

QTEST_GUILESS_MAIN(tst_BackendOAuthClient)
#include "tst_backendoauthclient.moc"
