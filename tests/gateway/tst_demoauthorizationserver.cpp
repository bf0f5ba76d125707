// SPDX-License-Identifier: GPL-3.0-or-later
// The demo authorization server over real loopback sockets: metadata, JWKS, client credentials,
// authorization code + PKCE (S256 only, single-use codes, exact redirect URIs), refresh-token
// rotation, and tokens that the gateway's own JwtVerifier accepts.
#include "RawHttpClient.h"
#include "demo/DemoAuthorizationServer.h"
#include "security/Jwk.h"
#include "security/JwtVerifier.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrlQuery>
#include <QtTest>

#include <future>

using Gateway::DemoAuthorizationServer;
using Gateway::JwkSet;
using Gateway::JwtVerifier;
using TestSupport::RawResponse;

namespace {

const QString kResource = QStringLiteral("http://127.0.0.1:9/mcp/secure-demo");
const QByteArray kVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-demo-verifier";

QByteArray challengeFor(const QByteArray& verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray form(const QList<QPair<QByteArray, QByteArray>>& fields)
{
    QByteArray out;
    for (const auto& f : fields) {
        if (!out.isEmpty())
            out += '&';
        out += f.first + '=' + f.second.toPercentEncoding();
    }
    return out;
}

QJsonObject json(const RawResponse& r)
{
    return QJsonDocument::fromJson(r.body).object();
}

} // namespace

class tst_DemoAuthorizationServer : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void metadata_data();
    void metadata();
    void jwksIsUsableByTheGateway();
    void clientCredentials_data();
    void clientCredentials();
    void clientCredentialsTokenPassesGatewayVerifier();
    void codeFlowHappyPath();
    void codeFlowRefusals_data();
    void codeFlowRefusals();
    void authorizeRefusalsNeverRedirectToUnknownUri_data();
    void authorizeRefusalsNeverRedirectToUnknownUri();
    void reusedCodeIsRefusedAndRevokesItsRefreshToken();
    void refreshRotates();
    void refreshScopeMayNarrowNotWiden();
    void foreignHostRefused_data();
    void foreignHostRefused();
    void nonLoopbackBindRefused_data();
    void nonLoopbackBindRefused();

private:
    RawResponse send(const QByteArray& bytes);
    RawResponse get(const QByteArray& target);
    RawResponse post(const QByteArray& target, const QByteArray& body, const QByteArray& extraHeaders = {},
                     const QByteArray& contentType = "application/x-www-form-urlencoded");
    QByteArray basic(const QString& id, const QByteArray& secret) const;
    // Runs /authorize and returns the code from the redirect (empty on failure).
    QByteArray authorize(const QString& clientId, const QString& redirectUri, const QString& scope,
                         const QString& resource = kResource, const QByteArray& challenge = challengeFor(kVerifier),
                         const QByteArray& method = "S256");
    RawResponse redeem(const QByteArray& code, const QString& clientId, const QString& redirectUri,
                       const QByteArray& verifier = kVerifier);
    JwtVerifier::Result verify(const QString& token, const QString& audience, const QStringList& scopes = {});

    DemoAuthorizationServer m_as;
    DemoAuthorizationServer::Client m_agent;
    const QString m_app = QStringLiteral("demo-app"); // public client
    const QString m_redirect = QStringLiteral("http://127.0.0.1:4567/callback");
};

void tst_DemoAuthorizationServer::initTestCase()
{
    m_as.setScopesSupported({QStringLiteral("openid"), QStringLiteral("mcp:tools"), QStringLiteral("demo-api")});
    QString error;
    QVERIFY2(m_as.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_agent = m_as.addConfidentialClient(QStringLiteral("agent"), {QStringLiteral("mcp:tools")});
    QVERIFY(m_agent.secret.size() >= 43); // 256 bits, base64url
    DemoAuthorizationServer::Client app;
    app.id = m_app;
    app.redirectUris = {QStringLiteral("http://127.0.0.1/callback"), QStringLiteral("https://app.example/cb")};
    m_as.addClient(app);
    app.id = QStringLiteral("other-app");
    m_as.addClient(app);
}

RawResponse tst_DemoAuthorizationServer::send(const QByteArray& bytes)
{
    const quint16 port = QUrl(m_as.issuer()).port();
    // rawExchange blocks: run it on another thread while this one serves the authorization server.
    auto future = std::async(std::launch::async, [port, bytes] { return TestSupport::rawExchange(port, bytes); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(2);
    const auto responses = future.get();
    return responses.isEmpty() ? RawResponse{} : responses.first();
}

RawResponse tst_DemoAuthorizationServer::get(const QByteArray& target)
{
    return send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
}

RawResponse tst_DemoAuthorizationServer::post(const QByteArray& target, const QByteArray& body,
                                              const QByteArray& extraHeaders, const QByteArray& contentType)
{
    return send("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType + "\r\n"
                + extraHeaders + "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                + body);
}

QByteArray tst_DemoAuthorizationServer::basic(const QString& id, const QByteArray& secret) const
{
    return "Authorization: Basic " + (id.toUtf8().toPercentEncoding() + ':' + secret.toPercentEncoding()).toBase64()
        + "\r\n";
}

QByteArray tst_DemoAuthorizationServer::authorize(const QString& clientId, const QString& redirectUri,
                                                  const QString& scope, const QString& resource,
                                                  const QByteArray& challenge, const QByteArray& method)
{
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), clientId);
    q.addQueryItem(QStringLiteral("redirect_uri"), redirectUri);
    q.addQueryItem(QStringLiteral("scope"), scope);
    q.addQueryItem(QStringLiteral("state"), QStringLiteral("st-1"));
    if (!challenge.isEmpty())
        q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
    if (!method.isEmpty())
        q.addQueryItem(QStringLiteral("code_challenge_method"), QString::fromLatin1(method));
    if (!resource.isEmpty())
        q.addQueryItem(QStringLiteral("resource"), resource);
    const RawResponse r = get("/authorize?" + q.toString(QUrl::FullyEncoded).toLatin1());
    if (r.status != 302)
        return {};
    const QUrl location(QString::fromLatin1(r.header("Location")));
    const QUrlQuery back(location);
    if (back.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded) != m_as.issuer()
        || back.queryItemValue(QStringLiteral("state")) != QLatin1String("st-1"))
        return {};
    return back.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toLatin1();
}

RawResponse tst_DemoAuthorizationServer::redeem(const QByteArray& code, const QString& clientId,
                                                const QString& redirectUri, const QByteArray& verifier)
{
    return post("/token",
                form({{"grant_type", "authorization_code"},
                      {"code", code},
                      {"redirect_uri", redirectUri.toUtf8()},
                      {"code_verifier", verifier},
                      {"client_id", clientId.toUtf8()}}));
}

JwtVerifier::Result tst_DemoAuthorizationServer::verify(const QString& token, const QString& audience,
                                                        const QStringList& scopes)
{
    const RawResponse keys = get("/jwks");
    JwtVerifier::Expectations expect;
    expect.issuer = m_as.issuer();
    expect.audience = audience;
    expect.requiredScopes = scopes;
    return JwtVerifier::verify(token.toLatin1(), JwkSet::fromJson(json(keys)), expect,
                               QDateTime::currentSecsSinceEpoch());
}

void tst_DemoAuthorizationServer::metadata_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::newRow("RFC 8414") << QByteArray("/.well-known/oauth-authorization-server");
    QTest::newRow("OIDC discovery") << QByteArray("/.well-known/openid-configuration");
}

void tst_DemoAuthorizationServer::metadata()
{
    QFETCH(QByteArray, path);
    const RawResponse r = get(path);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Access-Control-Allow-Origin"), QByteArray("*")); // browser clients read it
    const QJsonObject m = json(r);
    QVERIFY(m_as.issuer().startsWith(QLatin1String("http://127.0.0.1:")));
    QCOMPARE(m.value(QLatin1String("issuer")).toString(), m_as.issuer());
    QCOMPARE(m.value(QLatin1String("token_endpoint")).toString(), m_as.issuer() + QStringLiteral("/token"));
    QCOMPARE(m.value(QLatin1String("authorization_endpoint")).toString(), m_as.issuer() + QStringLiteral("/authorize"));
    QCOMPARE(m.value(QLatin1String("jwks_uri")).toString(), m_as.issuer() + QStringLiteral("/jwks"));
    QCOMPARE(m.value(QLatin1String("code_challenge_methods_supported")).toArray(), QJsonArray{QStringLiteral("S256")});
    QVERIFY(m.value(QLatin1String("authorization_response_iss_parameter_supported")).toBool());
    // Clients validate the document strictly (the SDK refuses it whole over one bad member):
    // every URL-valued member is an absolute URL.
    for (auto it = m.constBegin(); it != m.constEnd(); ++it) {
        if (it.key().endsWith(QLatin1String("_endpoint")) || it.key().endsWith(QLatin1String("_uri"))
            || it.key() == QLatin1String("service_documentation")) {
            const QUrl url(it.value().toString(), QUrl::StrictMode);
            QVERIFY2(url.isValid() && !url.isRelative() && !url.host().isEmpty(), qPrintable(it.key()));
        }
    }
    const QJsonArray grants = m.value(QLatin1String("grant_types_supported")).toArray();
    QVERIFY(grants.contains(QStringLiteral("client_credentials")));
    QVERIFY(grants.contains(QStringLiteral("authorization_code")));
    QVERIFY(grants.contains(QStringLiteral("refresh_token")));
}

void tst_DemoAuthorizationServer::jwksIsUsableByTheGateway()
{
    const RawResponse r = get("/jwks");
    QCOMPARE(r.status, 200);
    QStringList warnings;
    const JwkSet keys = JwkSet::fromJson(json(r), &warnings);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(QLatin1Char(';'))));
    QCOMPARE(keys.size(), 1);
    QVERIFY(keys.keys().first().allowsAlg(QStringLiteral("ES256")));
    for (const QJsonValue& key : json(r).value(QLatin1String("keys")).toArray())
        QVERIFY(!key.toObject().contains(QLatin1String("d"))); // never the private part
}

void tst_DemoAuthorizationServer::clientCredentials_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");

    const QByteArray ct = "application/x-www-form-urlencoded";
    const QByteArray resource = "&resource=" + kResource.toUtf8().toPercentEncoding();
    const QByteArray good = basic(QStringLiteral("agent"), m_agent.secret);
    QTest::newRow("basic") << QByteArray("grant_type=client_credentials&scope=mcp%3Atools" + resource) << good << ct
                           << 200 << QString();
    QTest::newRow("post") << QByteArray(
        "grant_type=client_credentials&client_id=agent&client_secret=" + m_agent.secret.toPercentEncoding() + resource)
                          << QByteArray() << ct << 200 << QString();
    QTest::newRow("default scope") << QByteArray("grant_type=client_credentials" + resource) << good << ct << 200
                                   << QString();
    QTest::newRow("wrong secret") << QByteArray("grant_type=client_credentials" + resource)
                                  << basic(QStringLiteral("agent"), "not-the-secret") << ct << 401
                                  << QStringLiteral("invalid_client");
    QTest::newRow("no secret") << QByteArray("grant_type=client_credentials&client_id=agent" + resource) << QByteArray()
                               << ct << 401 << QStringLiteral("invalid_client");
    QTest::newRow("unknown client") << QByteArray("grant_type=client_credentials" + resource)
                                    << basic(QStringLiteral("nobody"), m_agent.secret) << ct << 401
                                    << QStringLiteral("invalid_client");
    QTest::newRow("two auth methods") << QByteArray("grant_type=client_credentials&client_secret=x" + resource) << good
                                      << ct << 401 << QStringLiteral("invalid_client");
    QTest::newRow("public client") << QByteArray("grant_type=client_credentials&client_id=demo-app" + resource)
                                   << QByteArray() << ct << 400 << QStringLiteral("unauthorized_client");
    QTest::newRow("scope not granted to client")
        << QByteArray("grant_type=client_credentials&scope=demo-api" + resource) << good << ct << 400
        << QStringLiteral("invalid_scope");
    QTest::newRow("unknown scope") << QByteArray("grant_type=client_credentials&scope=admin" + resource) << good << ct
                                   << 400 << QStringLiteral("invalid_scope");
    QTest::newRow("resource with fragment")
        << QByteArray("grant_type=client_credentials&resource=http%3A%2F%2F127.0.0.1%2Fx%23f") << good << ct << 400
        << QStringLiteral("invalid_target");
    QTest::newRow("no resource, no default")
        << QByteArray("grant_type=client_credentials") << good << ct << 400 << QStringLiteral("invalid_target");
    QTest::newRow("no grant_type") << QByteArray(resource.mid(1)) << good << ct << 400
                                   << QStringLiteral("unsupported_grant_type");
    QTest::newRow("password grant") << QByteArray("grant_type=password&username=a&password=b" + resource) << good << ct
                                    << 400 << QStringLiteral("unsupported_grant_type");
    QTest::newRow("parameter twice") << QByteArray("grant_type=client_credentials&grant_type=client_credentials"
                                                   + resource)
                                     << good << ct << 400 << QStringLiteral("invalid_request");
    QTest::newRow("json body") << QByteArray("{\"grant_type\":\"client_credentials\"}") << good
                               << QByteArray("application/json") << 400 << QStringLiteral("invalid_request");
}

void tst_DemoAuthorizationServer::clientCredentials()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, headers);
    QFETCH(QByteArray, contentType);
    QFETCH(int, status);
    QFETCH(QString, error);
    const RawResponse r = post("/token", body, headers, contentType);
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Cache-Control"), QByteArray("no-store"));
    const QJsonObject answer = json(r);
    QCOMPARE(answer.value(QLatin1String("error")).toString(), error);
    if (status == 401)
        QVERIFY(r.header("WWW-Authenticate").startsWith("Basic"));
    if (status != 200) {
        QVERIFY(!answer.contains(QLatin1String("access_token")));
        QVERIFY(!r.body.contains(m_agent.secret));
        return;
    }
    QCOMPARE(answer.value(QLatin1String("token_type")).toString(), QStringLiteral("Bearer"));
    QCOMPARE(answer.value(QLatin1String("expires_in")).toInt(), DemoAuthorizationServer::AccessTokenLifetimeSeconds);
    QCOMPARE(answer.value(QLatin1String("scope")).toString(), QStringLiteral("mcp:tools"));
    QVERIFY(!answer.contains(QLatin1String("refresh_token"))); // RFC 6749 §4.4.3
}

void tst_DemoAuthorizationServer::clientCredentialsTokenPassesGatewayVerifier()
{
    const RawResponse r = post(
        "/token", "grant_type=client_credentials&scope=mcp%3Atools&resource=" + kResource.toUtf8().toPercentEncoding(),
        basic(QStringLiteral("agent"), m_agent.secret));
    QCOMPARE(r.status, 200);
    const QString token = json(r).value(QLatin1String("access_token")).toString();
    const JwtVerifier::Result ok = verify(token, kResource, {QStringLiteral("mcp:tools")});
    QVERIFY2(ok.ok, qPrintable(ok.reason + QLatin1Char(' ') + ok.description));
    QCOMPARE(ok.subject, QStringLiteral("agent"));
    QCOMPARE(ok.algorithm, QStringLiteral("ES256"));
    QCOMPARE(ok.claims.value(QLatin1String("exp")).toInteger() - ok.claims.value(QLatin1String("iat")).toInteger(),
             qint64(DemoAuthorizationServer::AccessTokenLifetimeSeconds));
    // The audience is exactly the requested resource: another endpoint refuses it.
    QCOMPARE(verify(token, QStringLiteral("http://127.0.0.1:9/mcp/other"), {}).reason,
             QStringLiteral("wrong_audience"));
    QCOMPARE(verify(token, kResource, {QStringLiteral("demo-api")}).reason, QStringLiteral("insufficient_scope"));

    // Without a resource the configured default audience is used.
    m_as.setDefaultResource(kResource);
    const RawResponse d
        = post("/token", "grant_type=client_credentials", basic(QStringLiteral("agent"), m_agent.secret));
    m_as.setDefaultResource({});
    QCOMPARE(d.status, 200);
    QVERIFY(verify(json(d).value(QLatin1String("access_token")).toString(), kResource).ok);
}

void tst_DemoAuthorizationServer::codeFlowHappyPath()
{
    const QByteArray code = authorize(m_app, m_redirect, QStringLiteral("openid demo-api"));
    QVERIFY(!code.isEmpty());
    const RawResponse r = redeem(code, m_app, m_redirect);
    QCOMPARE(r.status, 200);
    const QJsonObject answer = json(r);
    QVERIFY(!answer.value(QLatin1String("refresh_token")).toString().isEmpty());
    const JwtVerifier::Result access
        = verify(answer.value(QLatin1String("access_token")).toString(), kResource, {QStringLiteral("demo-api")});
    QVERIFY2(access.ok, qPrintable(access.reason));
    QCOMPARE(access.subject, DemoAuthorizationServer::DemoUser);
    QCOMPARE(access.scopes, QStringList{QStringLiteral("demo-api")}); // openid is for the ID token only
    // The ID token names the client as its audience and the same user.
    const QStringList parts = answer.value(QLatin1String("id_token")).toString().split(QLatin1Char('.'));
    QCOMPARE(parts.size(), 3);
    const QJsonObject id
        = QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1).toLatin1(), QByteArray::Base64UrlEncoding))
              .object();
    QCOMPARE(id.value(QLatin1String("sub")).toString(), DemoAuthorizationServer::DemoUser);
    QCOMPARE(id.value(QLatin1String("aud")).toString(), m_app);
    QCOMPARE(id.value(QLatin1String("iss")).toString(), m_as.issuer());

    // Without openid: no ID token.
    const QByteArray code2 = authorize(m_app, m_redirect, QStringLiteral("demo-api"));
    QVERIFY(!json(redeem(code2, m_app, m_redirect)).contains(QLatin1String("id_token")));
}

void tst_DemoAuthorizationServer::codeFlowRefusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("withChallenge");
    QTest::addColumn<QByteArray>("verifier");
    QTest::addColumn<QString>("redeemRedirect");
    QTest::addColumn<QString>("redeemClient");
    QTest::addColumn<QString>("authorizeError"); // refused at /authorize (redirected with error=)
    QTest::addColumn<QString>("tokenError"); // else refused at /token

    const QString redirect = QStringLiteral("http://127.0.0.1:4567/callback");
    QTest::newRow("wrong verifier") << QByteArray("S256") << true
                                    << QByteArray("wrong-verifier-wrong-verifier-wrong-verifier-0123") << redirect
                                    << m_app << QString() << QStringLiteral("invalid_grant");
    QTest::newRow("verifier too short") << QByteArray("S256") << true << QByteArray("short") << redirect << m_app
                                        << QString() << QStringLiteral("invalid_grant");
    QTest::newRow("no verifier") << QByteArray("S256") << true << QByteArray() << redirect << m_app << QString()
                                 << QStringLiteral("invalid_grant");
    QTest::newRow("plain method") << QByteArray("plain") << true << kVerifier << redirect << m_app
                                  << QStringLiteral("invalid_request") << QString();
    QTest::newRow("no method") << QByteArray() << true << kVerifier << redirect << m_app
                               << QStringLiteral("invalid_request") << QString();
    QTest::newRow("no challenge") << QByteArray("S256") << false << kVerifier << redirect << m_app
                                  << QStringLiteral("invalid_request") << QString();
    QTest::newRow("wrong redirect_uri") << QByteArray("S256") << true << kVerifier
                                        << QStringLiteral("http://127.0.0.1:4568/callback") << m_app << QString()
                                        << QStringLiteral("invalid_grant");
    QTest::newRow("another client redeems")
        << QByteArray("S256") << true << kVerifier << redirect << QStringLiteral("other-app") << QString()
        << QStringLiteral("invalid_grant");
}

void tst_DemoAuthorizationServer::codeFlowRefusals()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, withChallenge);
    QFETCH(QByteArray, verifier);
    QFETCH(QString, redeemRedirect);
    QFETCH(QString, redeemClient);
    QFETCH(QString, authorizeError);
    QFETCH(QString, tokenError);

    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), m_app);
    q.addQueryItem(QStringLiteral("redirect_uri"), m_redirect);
    q.addQueryItem(QStringLiteral("scope"), QStringLiteral("demo-api"));
    q.addQueryItem(QStringLiteral("state"), QStringLiteral("st-2"));
    if (withChallenge)
        q.addQueryItem(QStringLiteral("code_challenge"),
                       QString::fromLatin1(method == "plain" ? kVerifier : challengeFor(kVerifier)));
    if (!method.isEmpty())
        q.addQueryItem(QStringLiteral("code_challenge_method"), QString::fromLatin1(method));
    const RawResponse a = get("/authorize?" + q.toString(QUrl::FullyEncoded).toLatin1());
    QCOMPARE(a.status, 302);
    const QUrlQuery back{QUrl(QString::fromLatin1(a.header("Location")))};
    QCOMPARE(back.queryItemValue(QStringLiteral("state")), QStringLiteral("st-2"));
    QCOMPARE(back.queryItemValue(QStringLiteral("iss"), QUrl::FullyDecoded), m_as.issuer());
    if (!authorizeError.isEmpty()) {
        QCOMPARE(back.queryItemValue(QStringLiteral("error")), authorizeError);
        QVERIFY(!back.hasQueryItem(QStringLiteral("code")));
        return;
    }
    const QByteArray code = back.queryItemValue(QStringLiteral("code"), QUrl::FullyDecoded).toLatin1();
    QVERIFY(!code.isEmpty());
    const RawResponse t = redeem(code, redeemClient, redeemRedirect, verifier);
    QVERIFY(t.status == 400 || t.status == 401);
    QCOMPARE(json(t).value(QLatin1String("error")).toString(), tokenError);
    QVERIFY(!json(t).contains(QLatin1String("access_token")));
    // A failed redemption spends the code: the right verifier cannot use it afterwards.
    QCOMPARE(json(redeem(code, m_app, m_redirect)).value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_grant"));
}

void tst_DemoAuthorizationServer::authorizeRefusalsNeverRedirectToUnknownUri_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::addColumn<QString>("redirect");
    QTest::newRow("unregistered host") << m_app << QStringLiteral("http://evil.example/callback");
    QTest::newRow("other path") << m_app << QStringLiteral("http://127.0.0.1:4567/other");
    QTest::newRow("https port change") << m_app << QStringLiteral("https://app.example:8443/cb");
    QTest::newRow("fragment") << m_app << QStringLiteral("http://127.0.0.1:4567/callback#x");
    QTest::newRow("unknown client") << QStringLiteral("nobody") << QStringLiteral("http://127.0.0.1:4567/callback");
}

void tst_DemoAuthorizationServer::authorizeRefusalsNeverRedirectToUnknownUri()
{
    QFETCH(QString, clientId);
    QFETCH(QString, redirect);
    QUrlQuery q;
    q.addQueryItem(QStringLiteral("response_type"), QStringLiteral("code"));
    q.addQueryItem(QStringLiteral("client_id"), clientId);
    q.addQueryItem(QStringLiteral("redirect_uri"), redirect);
    q.addQueryItem(QStringLiteral("code_challenge"), QString::fromLatin1(challengeFor(kVerifier)));
    q.addQueryItem(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
    const RawResponse r = get("/authorize?" + q.toString(QUrl::FullyEncoded).toLatin1());
    QCOMPARE(r.status, 400);
    QVERIFY(r.header("Location").isEmpty());
    QVERIFY(r.header("Content-Type").startsWith("text/html"));
}

void tst_DemoAuthorizationServer::reusedCodeIsRefusedAndRevokesItsRefreshToken()
{
    const QByteArray code = authorize(m_app, m_redirect, QStringLiteral("demo-api"));
    const RawResponse first = redeem(code, m_app, m_redirect);
    QCOMPARE(first.status, 200);
    const QByteArray refresh = json(first).value(QLatin1String("refresh_token")).toString().toLatin1();
    const RawResponse again = redeem(code, m_app, m_redirect);
    QCOMPARE(again.status, 400);
    QCOMPARE(json(again).value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
    const RawResponse r = post(
        "/token", form({{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", m_app.toUtf8()}}));
    QCOMPARE(r.status, 400);
    QCOMPARE(json(r).value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
}

void tst_DemoAuthorizationServer::refreshRotates()
{
    const QByteArray code = authorize(m_app, m_redirect, QStringLiteral("demo-api"));
    const QByteArray refresh
        = json(redeem(code, m_app, m_redirect)).value(QLatin1String("refresh_token")).toString().toLatin1();
    QVERIFY(!refresh.isEmpty());
    const RawResponse r = post(
        "/token", form({{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", m_app.toUtf8()}}));
    QCOMPARE(r.status, 200);
    const QJsonObject answer = json(r);
    const QByteArray next = answer.value(QLatin1String("refresh_token")).toString().toLatin1();
    QVERIFY(!next.isEmpty() && next != refresh);
    const JwtVerifier::Result access
        = verify(answer.value(QLatin1String("access_token")).toString(), kResource, {QStringLiteral("demo-api")});
    QVERIFY2(access.ok, qPrintable(access.reason));
    QCOMPARE(access.subject, DemoAuthorizationServer::DemoUser);
    // The old refresh token is spent; another client cannot use the new one.
    QCOMPARE(post("/token",
                  form({{"grant_type", "refresh_token"}, {"refresh_token", refresh}, {"client_id", m_app.toUtf8()}}))
                 .status,
             400);
    const RawResponse foreign = post("/token", form({{"grant_type", "refresh_token"}, {"refresh_token", next}}),
                                     basic(QStringLiteral("agent"), m_agent.secret));
    QCOMPARE(json(foreign).value(QLatin1String("error")).toString(), QStringLiteral("invalid_grant"));
}

void tst_DemoAuthorizationServer::refreshScopeMayNarrowNotWiden()
{
    const QByteArray code = authorize(m_app, m_redirect, QStringLiteral("openid demo-api"));
    QByteArray refresh
        = json(redeem(code, m_app, m_redirect)).value(QLatin1String("refresh_token")).toString().toLatin1();
    const RawResponse wide = post("/token",
                                  form({{"grant_type", "refresh_token"},
                                        {"refresh_token", refresh},
                                        {"scope", "demo-api mcp:tools"},
                                        {"client_id", m_app.toUtf8()}}));
    QCOMPARE(json(wide).value(QLatin1String("error")).toString(), QStringLiteral("invalid_scope"));
    const RawResponse narrow = post("/token",
                                    form({{"grant_type", "refresh_token"},
                                          {"refresh_token", refresh},
                                          {"scope", "demo-api"},
                                          {"client_id", m_app.toUtf8()}}));
    QCOMPARE(narrow.status, 200);
    QCOMPARE(json(narrow).value(QLatin1String("scope")).toString(), QStringLiteral("demo-api"));
}

void tst_DemoAuthorizationServer::foreignHostRefused_data()
{
    QTest::addColumn<QByteArray>("hostLines");
    QTest::addColumn<int>("status");
    QTest::newRow("127.0.0.1 with port") << QByteArray("Host: 127.0.0.1:1234\r\n") << 200;
    QTest::newRow("localhost") << QByteArray("Host: localhost\r\n") << 200;
    QTest::newRow("[::1]") << QByteArray("Host: [::1]:80\r\n") << 200;
    QTest::newRow("rebound name") << QByteArray("Host: attacker.example\r\n") << 421;
    QTest::newRow("LAN address") << QByteArray("Host: 192.168.1.20:8080\r\n") << 421;
    QTest::newRow("two Host fields") << QByteArray("Host: 127.0.0.1\r\nHost: attacker.example\r\n") << 421;
}

void tst_DemoAuthorizationServer::foreignHostRefused()
{
    QFETCH(QByteArray, hostLines);
    QFETCH(int, status);
    const RawResponse r = send("GET /jwks HTTP/1.1\r\n" + hostLines + "Connection: close\r\n\r\n");
    QCOMPARE(r.body.contains("\"keys\""), status == 200);
    if (status == 421 && r.status == 400)
        return; // the HTTP layer refuses a duplicate Host field before the server sees it
    QCOMPARE(r.status, status);
}

void tst_DemoAuthorizationServer::nonLoopbackBindRefused_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::newRow("any IPv4") << QHostAddress(QHostAddress::AnyIPv4);
    QTest::newRow("any") << QHostAddress(QHostAddress::Any);
    QTest::newRow("documentation address") << QHostAddress(QStringLiteral("192.0.2.10"));
    QTest::newRow("private address") << QHostAddress(QStringLiteral("10.0.0.1"));
}

void tst_DemoAuthorizationServer::nonLoopbackBindRefused()
{
    QFETCH(QHostAddress, address);
    DemoAuthorizationServer as;
    QString error;
    QVERIFY(!as.listen(address, 0, &error));
    QVERIFY(!as.isListening());
    QVERIFY(error.contains(QLatin1String("loopback")));
}

QTEST_GUILESS_MAIN(tst_DemoAuthorizationServer)
#include "tst_demoauthorizationserver.moc"
