// SPDX-License-Identifier: GPL-3.0-or-later
// EndpointGuard end to end over real loopback sockets (API-key and bearer-token rules):
// raw HTTP/1.1 client (exact bytes, duplicate headers) → GatewayServer on 127.0.0.1:0 → FaultBackend
// (records what reaches the backend), with a FakeAuthorizationServer as the trusted issuer.
#include "FakeAuthorizationServer.h"
#include "FaultBackend.h"
#include "RawHttpClient.h"
#include "TestJwtIssuer.h"
#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "log/TrafficLog.h"
#include "security/ApiKey.h"
#include "security/AuthorizationServerDirectory.h"
#include "security/EndpointGuard.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
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

const QString kModern = QStringLiteral("2026-07-28");
const QString kAsWellKnown = QStringLiteral("/.well-known/oauth-authorization-server");

QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject withModernMeta(QJsonObject params)
{
    QJsonObject meta;
    meta.insert(QStringLiteral("io.modelcontextprotocol/protocolVersion"), kModern);
    meta.insert(QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{});
    meta.insert(
        QStringLiteral("io.modelcontextprotocol/clientInfo"),
        QJsonObject{{QStringLiteral("name"), QStringLiteral("tst")}, {QStringLiteral("version"), QStringLiteral("1")}});
    params.insert(QStringLiteral("_meta"), meta);
    return params;
}

QByteArray modernCall(int id, const QString& tool, const QJsonObject& arguments)
{
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), id},
                    {QStringLiteral("method"), QStringLiteral("tools/call")},
                    {QStringLiteral("params"),
                     withModernMeta({{QStringLiteral("name"), tool}, {QStringLiteral("arguments"), arguments}})}});
}

QByteArray modernList(int id)
{
    return compact({{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                    {QStringLiteral("id"), id},
                    {QStringLiteral("method"), QStringLiteral("tools/list")},
                    {QStringLiteral("params"), withModernMeta({})}});
}

QJsonObject forecastArgs()
{
    return {{QStringLiteral("city"), QStringLiteral("Lisbon")}, {QStringLiteral("days"), 2}};
}

QByteArray forecastCall()
{
    return modernCall(1, QStringLiteral("getForecast"), forecastArgs());
}

int headerCount(const RawResponse& r, const QByteArray& name)
{
    int n = 0;
    for (const auto& h : r.headers)
        n += h.first.compare(name, Qt::CaseInsensitive) == 0 ? 1 : 0;
    return n;
}

QByteArray allHeaderText(const RawResponse& r)
{
    QByteArray out;
    for (const auto& h : r.headers)
        out += h.first + ": " + h.second + "\n";
    return out;
}

QJsonObject errorBody(const QString& error, const QString& description)
{
    QJsonObject o{{QStringLiteral("error"), error}};
    if (!description.isEmpty())
        o.insert(QStringLiteral("error_description"), description);
    return o;
}

} // namespace

class tst_EndpointGuard : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    // API key: header only, one key, a challenge without Bearer
    void apiKey_data();
    void apiKey();
    void apiKeyNotForwardedAndPrincipalIsKeyId();
    // OAuth2 bearer JWT: grammar, size, algorithms, keys, claims, scopes
    void bearer_data();
    void bearer();
    void duplicateAuthorizationHeaders();
    void unknownKidThenRotation();
    void unknownKidRefetchIsRateLimited();
    void perToolScopes();
    void jwksDownNoCachedKeysIs503();
    void tokenNeverReachesBackend();
    void verifiedTokenIsNotReusedForAnotherService();
    void tokenLength_data();
    void tokenLength();
    // RFC 9728 metadata
    void protectedResourceMetadata();
    void protectedResourceMetadataNotForNonOAuthService();

private:
    void startGateway(const EndpointSecurity& security);
    EndpointSecurity oauthSecurity() const;
    RawResponse call(const QByteArray& target, const RawHeaders& extra, const QByteArray& body,
                     const QByteArray& mcpMethod = "tools/call", const QByteArray& mcpName = "getForecast",
                     const QByteArray& verb = "POST");
    QString resource() const { return QStringLiteral("http://127.0.0.1:%1/mcp/demo").arg(m_server->serverPort()); }
    QString prmUrl() const
    {
        return QStringLiteral("http://127.0.0.1:%1/.well-known/oauth-protected-resource/mcp/demo")
            .arg(m_server->serverPort());
    }
    QJsonObject claims(const QString& scope = QStringLiteral("mcp:read")) const;
    QJsonObject header(const QString& kid = QStringLiteral("k1")) const;
    QByteArray token(const QJsonObject& claims, const QJsonObject& header) const;
    QByteArray goodToken(const QString& scope = QStringLiteral("mcp:read")) const;
    void verifyNoCredentialAtBackend(const QList<QByteArray>& secrets) const;

    FakeAuthorizationServer m_as;
    FaultBackend m_backend;
    TestKey m_key; // published as kid "k1"
    TestKey m_key2; // published later as kid "k2" (rotation)
    TestKey m_rogue; // never published
    QString m_issuer;
    QString m_apiKey;
    std::unique_ptr<GatewayServer> m_server;
};

void tst_EndpointGuard::initTestCase()
{
    QVERIFY(m_backend.start().isValid());
    QVERIFY(m_as.start());
    m_issuer = m_as.baseUrl();
    m_key = TestKey::rsa();
    m_key2 = TestKey::ec();
    m_rogue = TestKey::rsa();
    QVERIFY(!m_key.isNull() && !m_key2.isNull() && !m_rogue.isNull());
    m_apiKey = Gateway::ApiKey::generate();
    QVERIFY(m_apiKey.startsWith(QLatin1String("rshp_")));
}

void tst_EndpointGuard::init()
{
    m_as.publishMetadata(kAsWellKnown, m_issuer);
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    m_as.clearRequests();
}

void tst_EndpointGuard::cleanup()
{
    QTest::qWait(20);
    m_server.reset();
}

EndpointSecurity tst_EndpointGuard::oauthSecurity() const
{
    EndpointSecurity s;
    s.mode = EndpointSecurity::Mode::OAuth2;
    s.authorizationServers = {m_issuer};
    s.requiredScopes = {QStringLiteral("mcp:read")};
    s.allowLoopbackHttpIssuers = true;
    return s;
}

void tst_EndpointGuard::startGateway(const EndpointSecurity& security)
{
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    QVERIFY(!config.services.isEmpty());
    QCOMPARE(config.services[0].name, QStringLiteral("demo"));
    config.services[0].security = security;
    m_server = std::make_unique<GatewayServer>();
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

RawResponse tst_EndpointGuard::call(const QByteArray& target, const RawHeaders& extra, const QByteArray& body,
                                    const QByteArray& mcpMethod, const QByteArray& mcpName, const QByteArray& verb)
{
    const quint16 port = m_server->serverPort();
    QByteArray bytes = verb + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
    if (verb == "POST") {
        bytes += "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n";
        bytes += "MCP-Protocol-Version: " + kModern.toLatin1() + "\r\n";
        if (!mcpMethod.isEmpty())
            bytes += "Mcp-Method: " + mcpMethod + "\r\n";
        if (!mcpName.isEmpty())
            bytes += "Mcp-Name: " + mcpName + "\r\n";
    }
    for (const auto& h : extra)
        bytes += h.first + ": " + h.second + "\r\n";
    bytes += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    // rawExchange blocks: run it on another thread while this one serves the gateway and the AS.
    auto future
        = std::async(std::launch::async, [port, bytes]() { return TestSupport::rawExchange(port, bytes, 1, 8000); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(5);
    const QList<RawResponse> responses = future.get();
    return responses.isEmpty() ? RawResponse{} : responses.first();
}

QJsonObject tst_EndpointGuard::claims(const QString& scope) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject c{{QStringLiteral("iss"), m_issuer},   {QStringLiteral("sub"), QStringLiteral("alice")},
                  {QStringLiteral("aud"), resource()}, {QStringLiteral("iat"), now},
                  {QStringLiteral("exp"), now + 300},  {QStringLiteral("client_id"), QStringLiteral("tst")}};
    if (!scope.isEmpty())
        c.insert(QStringLiteral("scope"), scope);
    return c;
}

QJsonObject tst_EndpointGuard::header(const QString& kid) const
{
    return {{QStringLiteral("alg"), QStringLiteral("RS256")},
            {QStringLiteral("typ"), QStringLiteral("at+jwt")},
            {QStringLiteral("kid"), kid}};
}

QByteArray tst_EndpointGuard::token(const QJsonObject& c, const QJsonObject& h) const
{
    return TestSupport::makeToken(h, c, m_key);
}

QByteArray tst_EndpointGuard::goodToken(const QString& scope) const
{
    return token(claims(scope), header());
}

void tst_EndpointGuard::verifyNoCredentialAtBackend(const QList<QByteArray>& secrets) const
{
    for (const auto& request : m_backend.requests()) {
        QVERIFY2(!request.hasHeader("Authorization"), request.target.constData());
        QVERIFY2(!request.hasHeader("x-reshapr-key"), request.target.constData());
        for (const QByteArray& secret : secrets) {
            if (secret.isEmpty())
                continue;
            QVERIFY2(!request.target.contains(secret), request.target.constData());
            QVERIFY(!request.body.contains(secret));
            for (const auto& h : request.headers)
                QVERIFY2(!h.second.contains(secret), h.first.constData());
        }
    }
}

// ------------------------------------------------------------------------------------------------
// API key

void tst_EndpointGuard::apiKey_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QList<QByteArray>>("keys"); // one x-reshapr-key header per entry; "@" = the valid key
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge");
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<QByteArray>("description");

    const QByteArray apiChallenge = "ApiKey header=\"x-reshapr-key\"";
    const QByteArray wrong = Gateway::ApiKey::generate().toLatin1();
    QTest::newRow("missing header") << QByteArray("/mcp/demo") << QList<QByteArray>{} << 401 << apiChallenge
                                    << QByteArray("unauthorized") << QByteArray("missing or invalid API key");
    QTest::newRow("wrong key") << QByteArray("/mcp/demo") << QList<QByteArray>{wrong} << 401 << apiChallenge
                               << QByteArray("unauthorized") << QByteArray("missing or invalid API key");
    QTest::newRow("empty key") << QByteArray("/mcp/demo") << QList<QByteArray>{QByteArray("")} << 401 << apiChallenge
                               << QByteArray("unauthorized") << QByteArray("missing or invalid API key");
    QTest::newRow("duplicated header (both valid)")
        << QByteArray("/mcp/demo") << QList<QByteArray>{"@", "@"} << 400 << QByteArray()
        << QByteArray("invalid_request") << QByteArray("send exactly one x-reshapr-key header");
    QTest::newRow("duplicated header (valid + wrong)")
        << QByteArray("/mcp/demo") << QList<QByteArray>{"@", wrong} << 400 << QByteArray()
        << QByteArray("invalid_request") << QByteArray("send exactly one x-reshapr-key header");
    QTest::newRow("key in query string") << QByteArray("/mcp/demo?x-reshapr-key=@") << QList<QByteArray>{} << 400
                                         << QByteArray() << QByteArray("invalid_request")
                                         << QByteArray("API keys are accepted only in the x-reshapr-key header");
    QTest::newRow("key in query string and header")
        << QByteArray("/mcp/demo?x-reshapr-key=@") << QList<QByteArray>{"@"} << 400 << QByteArray()
        << QByteArray("invalid_request") << QByteArray("API keys are accepted only in the x-reshapr-key header");
    QTest::newRow("api_key in query string")
        << QByteArray("/mcp/demo?api_key=@") << QList<QByteArray>{"@"} << 400 << QByteArray()
        << QByteArray("invalid_request") << QByteArray("API keys are accepted only in the x-reshapr-key header");
    QTest::newRow("correct key") << QByteArray("/mcp/demo") << QList<QByteArray>{"@"} << 200 << QByteArray()
                                 << QByteArray() << QByteArray();
}

void tst_EndpointGuard::apiKey()
{
    QFETCH(QByteArray, target);
    QFETCH(QList<QByteArray>, keys);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, error);
    QFETCH(QByteArray, description);

    EndpointSecurity security;
    security.mode = EndpointSecurity::Mode::ApiKey;
    security.apiKeyHashes = {Gateway::ApiKey::hash(m_apiKey.toLatin1())};
    startGateway(security);
    if (QTest::currentTestFailed())
        return;
    const QByteArray key = m_apiKey.toLatin1();
    target.replace("@", key);
    RawHeaders extra;
    for (QByteArray k : keys)
        extra.append({"x-reshapr-key", k == "@" ? key : k});
    const int before = m_backend.requestCount();

    const RawResponse r = call(target, extra, forecastCall());
    QVERIFY(r.complete);
    QCOMPARE(r.status, status);
    if (status == 200) {
        QVERIFY2(QJsonDocument::fromJson(r.body).object().contains(QLatin1String("result")), r.body.constData());
        QCOMPARE(m_backend.requestCount(), before + 1);
    } else {
        QCOMPARE(QJsonDocument::fromJson(r.body).object(),
                 errorBody(QString::fromLatin1(error), QString::fromLatin1(description)));
        QCOMPARE(m_backend.requestCount(), before);
    }
    if (challenge.isEmpty()) {
        QCOMPARE(headerCount(r, "WWW-Authenticate"), 0);
    } else {
        QCOMPARE(headerCount(r, "WWW-Authenticate"), 1);
        QCOMPARE(r.header("WWW-Authenticate"), challenge);
    }
    // Never a Bearer challenge in API-key mode, and never the key itself.
    QVERIFY2(!allHeaderText(r).contains("Bearer"), allHeaderText(r).constData());
    QVERIFY2(!r.body.contains("Bearer"), r.body.constData());
    QVERIFY2(!r.body.contains(key), r.body.constData());
    QVERIFY2(!allHeaderText(r).contains(key), allHeaderText(r).constData());
    verifyNoCredentialAtBackend({key});

    const QList<Gateway::TrafficEvent> events = m_server->trafficLog()->events();
    QVERIFY(!events.isEmpty());
    const QByteArray eventText = compact(events.last().toJson());
    QVERIFY2(!eventText.contains(key), eventText.constData());
    QCOMPARE(events.last().httpStatus, status);
}

void tst_EndpointGuard::apiKeyNotForwardedAndPrincipalIsKeyId()
{
    EndpointSecurity security;
    security.mode = EndpointSecurity::Mode::ApiKey;
    security.apiKeyHashes = {Gateway::ApiKey::hash(m_apiKey.toLatin1())};
    startGateway(security);
    if (QTest::currentTestFailed())
        return;
    const QByteArray key = m_apiKey.toLatin1();
    const int before = m_backend.requestCount();
    const RawResponse r = call("/mcp/demo", {{"x-reshapr-key", key}}, forecastCall());
    QCOMPARE(r.status, 200);
    const QList<TestSupport::RecordedRequest> received = m_backend.requests();
    QCOMPARE(received.size(), before + 1);
    const auto& request = received.last();
    QVERIFY(!request.hasHeader("x-reshapr-key"));
    for (const auto& h : request.headers)
        QVERIFY2(!h.second.contains(key), h.first.constData());

    const Gateway::TrafficEvent e = m_server->trafficLog()->events().last();
    const QString expected = Gateway::ApiKey::keyId(Gateway::ApiKey::hash(key));
    QCOMPARE(e.principal, expected);
    QVERIFY2(QRegularExpression(QStringLiteral("^key:[0-9a-f]{8}$")).match(e.principal).hasMatch(),
             qPrintable(e.principal));
    QCOMPARE(e.authDecision, QStringLiteral("allowed"));
    QVERIFY(!compact(e.toJson()).contains(key));
    QVERIFY(!compact(e.toJson()).contains(key.mid(5, 8))); // not even a piece of the secret part
}

// ------------------------------------------------------------------------------------------------
// OAuth2 bearer

enum class Tok {
    None, // no Authorization header
    Literal, // the "authorization" column as is
    Good,
    AlgNone, // empty signature segment
    AlgNoneSigned, // alg none with some signature bytes
    Hs256WithPublicKey,
    WrongIssuer,
    WrongAudience,
    MissingAudience,
    Expired,
    FutureNbf,
    BadSignature,
    MissingExp,
    IdTokenType,
    InsufficientScope,
    TokenInQuery,
};
Q_DECLARE_METATYPE(Tok)

void tst_EndpointGuard::bearer_data()
{
    QTest::addColumn<Tok>("kind");
    QTest::addColumn<QByteArray>("authorization");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("challenge"); // %PRM% = the PRM URL; empty = no WWW-Authenticate
    QTest::addColumn<QByteArray>("error");
    QTest::addColumn<QByteArray>("description");

    const QByteArray base = "Bearer resource_metadata=\"%PRM%\", scope=\"mcp:read\"";
    const QByteArray invalidRequest = base + ", error=\"invalid_request\"";
    auto invalidToken
        = [&](const QByteArray& d) { return base + ", error=\"invalid_token\", error_description=\"" + d + "\""; };
    const QByteArray untrusted = "token not issued by a trusted authorization server";

    QTest::newRow("no Authorization") << Tok::None << QByteArray() << 401 << base << QByteArray("unauthorized")
                                      << QByteArray("a bearer token is required");
    QTest::newRow("Bearer with empty token")
        << Tok::Literal << QByteArray("Bearer ") << 400 << invalidRequest << QByteArray("invalid_request")
        << QByteArray("expected Authorization: Bearer <token>");
    QTest::newRow("Bearer alone") << Tok::Literal << QByteArray("Bearer") << 400 << invalidRequest
                                  << QByteArray("invalid_request")
                                  << QByteArray("expected Authorization: Bearer <token>");
    QTest::newRow("Basic x") << Tok::Literal << QByteArray("Basic x") << 400 << invalidRequest
                             << QByteArray("invalid_request") << QByteArray("expected Authorization: Bearer <token>");
    QTest::newRow("trailing garbage") << Tok::Literal << QByteArray("Bearer a b") << 400 << invalidRequest
                                      << QByteArray("invalid_request")
                                      << QByteArray("expected Authorization: Bearer <token>");
    // A token with dots is a JWS: exactly three non-empty base64url segments, else invalid_request.
    const QByteArray segments = "a token with dots must be three non-empty base64url segments";
    for (const char* literal :
         {"abc.def", "a.b.c.d", "a..c", ".b.c", "a.b.", "..", "a.b.c=", "a+b.c.d", "a/b.c.d", "a.b~.c"}) {
        QTest::newRow(qPrintable(QStringLiteral("segments %1").arg(QLatin1String(literal))))
            << Tok::Literal << QByteArray("Bearer ") + literal << 400 << invalidRequest << QByteArray("invalid_request")
            << segments;
    }
    // Well-formed shapes still reach verification (and fail there, as tokens).
    QTest::newRow("three segments, not a JWT") << Tok::Literal << QByteArray("Bearer a.b.c") << 401
                                               << invalidToken(untrusted) << QByteArray("invalid_token") << untrusted;
    QTest::newRow("opaque without introspection")
        << Tok::Literal << QByteArray("Bearer opaque-token") << 401 << invalidToken(untrusted)
        << QByteArray("invalid_token") << untrusted;
    QTest::newRow("token in query string")
        << Tok::TokenInQuery << QByteArray() << 400 << invalidRequest << QByteArray("invalid_request")
        << QByteArray("tokens are accepted only in the Authorization header");
    // An unsigned JWS ends with an empty segment: not a token shape at all.
    QTest::newRow("alg none") << Tok::AlgNone << QByteArray() << 400 << invalidRequest << QByteArray("invalid_request")
                              << segments;
    QTest::newRow("alg none, with a signature")
        << Tok::AlgNoneSigned << QByteArray() << 401 << invalidToken("signing algorithm not allowed")
        << QByteArray("invalid_token") << QByteArray("signing algorithm not allowed");
    QTest::newRow("HS256 keyed with the public key")
        << Tok::Hs256WithPublicKey << QByteArray() << 401 << invalidToken("signing algorithm not allowed")
        << QByteArray("invalid_token") << QByteArray("signing algorithm not allowed");
    QTest::newRow("wrong iss") << Tok::WrongIssuer << QByteArray() << 401 << invalidToken(untrusted)
                               << QByteArray("invalid_token") << untrusted;
    QTest::newRow("wrong aud") << Tok::WrongAudience << QByteArray() << 401
                               << invalidToken("token audience does not include this resource")
                               << QByteArray("invalid_token")
                               << QByteArray("token audience does not include this resource");
    QTest::newRow("missing aud") << Tok::MissingAudience << QByteArray() << 401
                                 << invalidToken("token audience does not include this resource")
                                 << QByteArray("invalid_token")
                                 << QByteArray("token audience does not include this resource");
    QTest::newRow("expired") << Tok::Expired << QByteArray() << 401 << invalidToken("token expired")
                             << QByteArray("invalid_token") << QByteArray("token expired");
    QTest::newRow("future nbf") << Tok::FutureNbf << QByteArray() << 401 << invalidToken("token not yet valid")
                                << QByteArray("invalid_token") << QByteArray("token not yet valid");
    QTest::newRow("missing exp") << Tok::MissingExp << QByteArray() << 401 << invalidToken("token has no expiry")
                                 << QByteArray("invalid_token") << QByteArray("token has no expiry");
    QTest::newRow("bad signature") << Tok::BadSignature << QByteArray() << 401
                                   << invalidToken("token signature invalid") << QByteArray("invalid_token")
                                   << QByteArray("token signature invalid");
    QTest::newRow("id token (typ JWT)") << Tok::IdTokenType << QByteArray() << 401
                                        << invalidToken("token is not an access token (typ)")
                                        << QByteArray("invalid_token")
                                        << QByteArray("token is not an access token (typ)");
    QTest::newRow("insufficient scope") << Tok::InsufficientScope << QByteArray() << 403
                                        << base
            + ", error=\"insufficient_scope\", error_description=\"missing scope: mcp:read\""
                                        << QByteArray("insufficient_scope") << QByteArray("missing scope: mcp:read");
    QTest::newRow("valid") << Tok::Good << QByteArray() << 200 << QByteArray() << QByteArray() << QByteArray();
}

void tst_EndpointGuard::bearer()
{
    QFETCH(Tok, kind);
    QFETCH(QByteArray, authorization);
    QFETCH(int, status);
    QFETCH(QByteArray, challenge);
    QFETCH(QByteArray, error);
    QFETCH(QByteArray, description);

    startGateway(oauthSecurity());
    if (QTest::currentTestFailed())
        return;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QByteArray tok;
    QByteArray target = "/mcp/demo";
    switch (kind) {
    case Tok::None:
    case Tok::Literal: break;
    case Tok::Good: tok = goodToken(); break;
    case Tok::TokenInQuery: target += "?access_token=" + goodToken(); break;
    case Tok::AlgNone: {
        QJsonObject h = header();
        h.insert(QStringLiteral("alg"), QStringLiteral("none"));
        tok = TestSupport::makeTokenWithSignature(h, claims(), {});
        break;
    }
    case Tok::AlgNoneSigned: {
        QJsonObject h = header();
        h.insert(QStringLiteral("alg"), QStringLiteral("none"));
        tok = TestSupport::makeTokenWithSignature(h, claims(), "signature");
        break;
    }
    case Tok::Hs256WithPublicKey: {
        QJsonObject h = header();
        h.insert(QStringLiteral("alg"), QStringLiteral("HS256"));
        tok = TestSupport::makeHmacToken(h, claims(), m_key.publicKeyPem());
        break;
    }
    case Tok::WrongIssuer: {
        QJsonObject c = claims();
        c.insert(QStringLiteral("iss"), QStringLiteral("http://127.0.0.1:1/other-issuer"));
        tok = token(c, header());
        break;
    }
    case Tok::WrongAudience: {
        QJsonObject c = claims();
        c.insert(QStringLiteral("aud"), QStringLiteral("http://127.0.0.1:%1/mcp/other").arg(m_server->serverPort()));
        tok = token(c, header());
        break;
    }
    case Tok::MissingAudience: {
        QJsonObject c = claims();
        c.remove(QStringLiteral("aud"));
        tok = token(c, header());
        break;
    }
    case Tok::Expired: {
        QJsonObject c = claims();
        c.insert(QStringLiteral("iat"), now - 7200);
        c.insert(QStringLiteral("exp"), now - 3600);
        tok = token(c, header());
        break;
    }
    case Tok::FutureNbf: {
        QJsonObject c = claims();
        c.insert(QStringLiteral("nbf"), now + 3600);
        c.insert(QStringLiteral("exp"), now + 7200);
        tok = token(c, header());
        break;
    }
    case Tok::MissingExp: {
        QJsonObject c = claims();
        c.remove(QStringLiteral("exp"));
        tok = token(c, header());
        break;
    }
    case Tok::BadSignature:
        tok = TestSupport::makeToken(header(), claims(), m_rogue); // same kid, unpublished key
        break;
    case Tok::IdTokenType: {
        QJsonObject h = header();
        h.insert(QStringLiteral("typ"), QStringLiteral("JWT"));
        tok = token(claims(), h);
        break;
    }
    case Tok::InsufficientScope: tok = goodToken(QStringLiteral("other:scope")); break;
    }
    if (!tok.isEmpty())
        authorization = "Bearer " + tok;
    RawHeaders extra;
    if (kind != Tok::None)
        extra.append({"Authorization", authorization});
    const int before = m_backend.requestCount();

    const RawResponse r = call(target, extra, forecastCall());
    QVERIFY(r.complete);
    QCOMPARE(r.status, status);
    challenge.replace("%PRM%", prmUrl().toLatin1());
    if (challenge.isEmpty()) {
        QCOMPARE(headerCount(r, "WWW-Authenticate"), 0);
    } else {
        QCOMPARE(headerCount(r, "WWW-Authenticate"), 1);
        QCOMPARE(r.header("WWW-Authenticate"), challenge);
    }
    if (status == 200) {
        QVERIFY2(QJsonDocument::fromJson(r.body).object().contains(QLatin1String("result")), r.body.constData());
        QCOMPARE(m_backend.requestCount(), before + 1);
        const Gateway::TrafficEvent e = m_server->trafficLog()->events().last();
        QCOMPARE(e.principal, m_issuer + QStringLiteral(" alice"));
        QCOMPARE(e.authDecision, QStringLiteral("allowed"));
    } else {
        QCOMPARE(QJsonDocument::fromJson(r.body).object(),
                 errorBody(QString::fromLatin1(error), QString::fromLatin1(description)));
        QCOMPARE(m_backend.requestCount(), before);
        // No timestamps (or any digits run) in the error description (no clock leak).
        QVERIFY2(!QString::fromLatin1(description).contains(QRegularExpression(QStringLiteral("\\d{4,}"))),
                 description.constData());
        QVERIFY2(!r.header("WWW-Authenticate").contains(QByteArray::number(now / 1000)),
                 r.header("WWW-Authenticate").constData());
    }
    const QByteArray secret = tok.isEmpty() && kind == Tok::TokenInQuery ? target.mid(target.indexOf('=') + 1) : tok;
    if (!secret.isEmpty()) {
        QVERIFY(!r.body.contains(secret));
        QVERIFY(!allHeaderText(r).contains(secret));
        const QByteArray eventText = compact(m_server->trafficLog()->events().last().toJson());
        QVERIFY2(!eventText.contains(secret), eventText.constData());
    }
    verifyNoCredentialAtBackend({secret});
}

void tst_EndpointGuard::duplicateAuthorizationHeaders()
{
    startGateway(oauthSecurity());
    if (QTest::currentTestFailed())
        return;
    const QByteArray tok = goodToken();
    const int before = m_backend.requestCount();
    const RawResponse r
        = call("/mcp/demo", {{"Authorization", "Bearer " + tok}, {"Authorization", "Bearer " + tok}}, forecastCall());
    QVERIFY(r.complete);
    QCOMPARE(r.status, 400);
    QCOMPARE(headerCount(r, "WWW-Authenticate"), 1);
    QCOMPARE(r.header("WWW-Authenticate"),
             "Bearer resource_metadata=\"" + prmUrl().toLatin1() + "\", scope=\"mcp:read\", error=\"invalid_request\"");
    QCOMPARE(QJsonDocument::fromJson(r.body).object(),
             errorBody(QStringLiteral("invalid_request"), QStringLiteral("send exactly one Authorization header")));
    QCOMPARE(m_backend.requestCount(), before);
}

void tst_EndpointGuard::unknownKidThenRotation()
{
    startGateway(oauthSecurity());
    if (QTest::currentTestFailed())
        return;
    // Allow an unknown-kid refetch at once (the 30 s spacing is covered by unknownKidRefetchIsRateLimited).
    m_server->endpointGuard()->directory()->setMinRefreshIntervalMs(0);
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + goodToken()}}, forecastCall()).status, 200);
    QCOMPARE(m_as.count(QStringLiteral("/jwks")), 1);

    QJsonObject h2{{QStringLiteral("alg"), QStringLiteral("ES256")},
                   {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                   {QStringLiteral("kid"), QStringLiteral("k2")}};
    const QByteArray rotated = TestSupport::makeToken(h2, claims(), m_key2);
    // Before the AS publishes k2: one refetch, still unknown → 401.
    RawResponse r = call("/mcp/demo", {{"Authorization", "Bearer " + rotated}}, forecastCall());
    QCOMPARE(r.status, 401);
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("error")).toString(),
             QStringLiteral("invalid_token"));
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("error_description")).toString(),
             QStringLiteral("token signed with an unknown key"));
    QCOMPARE(m_as.count(QStringLiteral("/jwks")), 2);

    // The AS rotates: k2 published (k1 kept). The same token now verifies after one refetch.
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256")),
                            m_key2.publicJwk(QStringLiteral("k2"), QStringLiteral("ES256"))});
    r = call("/mcp/demo", {{"Authorization", "Bearer " + rotated}}, forecastCall());
    QCOMPARE(r.status, 200);
    QCOMPARE(m_as.count(QStringLiteral("/jwks")), 3);
    // And k1 tokens keep working.
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + goodToken(QStringLiteral("mcp:read x"))}}, forecastCall())
                 .status,
             200);
    verifyNoCredentialAtBackend({rotated});
}

void tst_EndpointGuard::unknownKidRefetchIsRateLimited()
{
    startGateway(oauthSecurity()); // default 30 s refresh spacing
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + goodToken()}}, forecastCall()).status, 200);
    const int fetches = m_as.count(QStringLiteral("/jwks"));
    QCOMPARE(fetches, 1);
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256")),
                            m_key2.publicJwk(QStringLiteral("k2"), QStringLiteral("ES256"))});
    QJsonObject h2{{QStringLiteral("alg"), QStringLiteral("ES256")},
                   {QStringLiteral("typ"), QStringLiteral("at+jwt")},
                   {QStringLiteral("kid"), QStringLiteral("k2")}};
    for (int i = 0; i < 3; ++i) {
        QJsonObject c = claims();
        c.insert(QStringLiteral("jti"), QString::number(i));
        const RawResponse r
            = call("/mcp/demo", {{"Authorization", "Bearer " + TestSupport::makeToken(h2, c, m_key2)}}, forecastCall());
        QCOMPARE(r.status, 401);
    }
    QCOMPARE(m_as.count(QStringLiteral("/jwks")), fetches); // no refetch within 30 s of the last fetch
}

void tst_EndpointGuard::perToolScopes()
{
    EndpointSecurity security = oauthSecurity();
    security.toolScopes.insert(QStringLiteral("createItem"), {QStringLiteral("items:write")});
    startGateway(security);
    if (QTest::currentTestFailed())
        return;
    const QByteArray readOnly = goodToken(QStringLiteral("mcp:read"));
    // tools/list still lists createItem.
    RawResponse r = call("/mcp/demo", {{"Authorization", "Bearer " + readOnly}}, modernList(1), "tools/list", {});
    QCOMPARE(r.status, 200);
    QStringList names;
    for (const QJsonValue& t :
         QJsonDocument::fromJson(r.body).object()[QLatin1String("result")][QLatin1String("tools")].toArray())
        names.append(t[QLatin1String("name")].toString());
    QVERIFY2(names.contains(QStringLiteral("createItem")), qPrintable(names.join(QLatin1Char(','))));

    const QJsonObject item{{QStringLiteral("name"), QStringLiteral("widget")}, {QStringLiteral("quantity"), 2}};
    const QByteArray body = modernCall(2, QStringLiteral("createItem"), item);
    const int before = m_backend.requestCount();
    r = call("/mcp/demo", {{"Authorization", "Bearer " + readOnly}}, body, "tools/call", "createItem");
    QCOMPARE(r.status, 403);
    QCOMPARE(headerCount(r, "WWW-Authenticate"), 1);
    QCOMPARE(r.header("WWW-Authenticate"),
             "Bearer resource_metadata=\"" + prmUrl().toLatin1()
                 + "\", scope=\"mcp:read items:write\", error=\"insufficient_scope\", "
                   "error_description=\"missing scope: items:write\"");
    QCOMPARE(QJsonDocument::fromJson(r.body).object(),
             errorBody(QStringLiteral("insufficient_scope"), QStringLiteral("missing scope: items:write")));
    QCOMPARE(m_backend.requestCount(), before);
    // getForecast needs no extra scope.
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + readOnly}}, forecastCall()).status, 200);

    const QByteArray writer = goodToken(QStringLiteral("mcp:read items:write"));
    r = call("/mcp/demo", {{"Authorization", "Bearer " + writer}}, body, "tools/call", "createItem");
    QCOMPARE(r.status, 200);
    QVERIFY2(QJsonDocument::fromJson(r.body).object().contains(QLatin1String("result")), r.body.constData());
    QCOMPARE(m_backend.requestCount(), before + 2);
    QCOMPARE(m_backend.requests().last().method, QByteArray("POST"));
    verifyNoCredentialAtBackend({readOnly, writer});
}

void tst_EndpointGuard::jwksDownNoCachedKeysIs503()
{
    const QString deadIssuer = QStringLiteral("http://127.0.0.1:%1").arg(TestSupport::unusedLoopbackPort());
    EndpointSecurity security = oauthSecurity();
    security.authorizationServers = {deadIssuer};
    startGateway(security);
    if (QTest::currentTestFailed())
        return;
    QJsonObject c = claims();
    c.insert(QStringLiteral("iss"), deadIssuer);
    const QByteArray tok = token(c, header());
    const int before = m_backend.requestCount();
    const RawResponse r = call("/mcp/demo", {{"Authorization", "Bearer " + tok}}, forecastCall());
    QVERIFY(r.complete);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.header("Retry-After"), QByteArray("30"));
    QVERIFY2(!allHeaderText(r).contains("invalid_token"), allHeaderText(r).constData());
    QVERIFY2(!r.body.contains("invalid_token"), r.body.constData());
    QCOMPARE(QJsonDocument::fromJson(r.body).object().value(QLatin1String("error")).toString(),
             QStringLiteral("temporarily_unavailable"));
    QCOMPARE(m_backend.requestCount(), before);
    QCOMPARE(m_server->trafficLog()->events().last().authDecision, QStringLiteral("unavailable"));
}

void tst_EndpointGuard::tokenNeverReachesBackend()
{
    startGateway(oauthSecurity());
    if (QTest::currentTestFailed())
        return;
    const QByteArray tok = goodToken();
    const int before = m_backend.requestCount();
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + tok}, {"Cookie", "sid=c00kie"}}, forecastCall()).status,
             200);
    const QList<TestSupport::RecordedRequest> received = m_backend.requests();
    QCOMPARE(received.size(), before + 1);
    const auto& request = received.last();
    QVERIFY(!request.hasHeader("Authorization"));
    QVERIFY(!request.hasHeader("Cookie"));
    for (const auto& h : request.headers) {
        QVERIFY2(!h.second.contains(tok), h.first.constData());
        QVERIFY2(!h.second.contains(tok.left(tok.indexOf('.'))), h.first.constData());
    }
    QVERIFY(!request.target.contains(tok));
}

// ------------------------------------------------------------------------------------------------
// RFC 9728

void tst_EndpointGuard::verifiedTokenIsNotReusedForAnotherService()
{
    // Two OAuth services share the gateway's verified-token cache: a token accepted (and cached)
    // for /mcp/demo must still fail the audience check of /mcp/other.
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend.baseUrl());
    config.services[0].security = oauthSecurity();
    Gateway::ServiceConfig other = config.services[0];
    other.name = QStringLiteral("other");
    config.services.append(other);
    m_server = std::make_unique<GatewayServer>();
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));

    const QByteArray tok = goodToken(); // aud = .../mcp/demo
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + tok}}, forecastCall()).status, 200);
    QCOMPARE(call("/mcp/demo", {{"Authorization", "Bearer " + tok}}, forecastCall()).status, 200); // cached
    const RawResponse r = call("/mcp/other", {{"Authorization", "Bearer " + tok}}, forecastCall());
    QCOMPARE(r.status, 401);
    QVERIFY2(r.header("WWW-Authenticate").contains("error=\"invalid_token\""),
             r.header("WWW-Authenticate").constData());
}

void tst_EndpointGuard::tokenLength_data()
{
    // One rule, reachable: tokens up to 4096 bytes are read; longer ones are 401 token_too_long
    // before any decoding, as long as the header line fits; a line over 8000 bytes is 431.
    QTest::addColumn<int>("tokenBytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::newRow("4096 bytes") << 4096 << 401 << QStringLiteral("malformed");
    QTest::newRow("4097 bytes") << 4097 << 401 << QStringLiteral("token_too_long");
    QTest::newRow("7000 bytes") << 7000 << 401 << QStringLiteral("token_too_long");
    QTest::newRow("7970 bytes (line just fits)") << 7970 << 401 << QStringLiteral("token_too_long");
    QTest::newRow("8100 bytes (line too long)") << 8100 << 431 << QString();
}

void tst_EndpointGuard::tokenLength()
{
    QFETCH(int, tokenBytes);
    QFETCH(int, status);
    QFETCH(QString, reason);
    startGateway(oauthSecurity());
    if (QTest::currentTestFailed())
        return;
    // Three segments of base64url that decode to nothing meaningful.
    QByteArray tok(tokenBytes, 'A');
    tok[10] = '.';
    tok[20] = '.';
    const RawResponse r = call("/mcp/demo", {{"Authorization", "Bearer " + tok}}, forecastCall());
    QVERIFY(r.complete);
    QCOMPARE(r.status, status);
    if (status == 401) {
        QCOMPARE(m_server->trafficLog()->events().last().authReason, reason);
        if (reason == QLatin1String("token_too_long"))
            QVERIFY2(r.header("WWW-Authenticate").contains("error_description=\"token too long\""),
                     r.header("WWW-Authenticate").constData());
    }
}

void tst_EndpointGuard::protectedResourceMetadata()
{
    EndpointSecurity security = oauthSecurity();
    security.toolScopes.insert(QStringLiteral("createItem"), {QStringLiteral("items:write")});
    startGateway(security);
    if (QTest::currentTestFailed())
        return;
    const RawResponse r = call("/.well-known/oauth-protected-resource/mcp/demo", {}, {}, {}, {}, "GET");
    QVERIFY(r.complete);
    QCOMPARE(r.status, 200);
    QVERIFY2(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type").constData());
    const QJsonObject prm = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(prm.value(QLatin1String("resource")).toString(), resource());
    QCOMPARE(prm.value(QLatin1String("authorization_servers")).toArray(), QJsonArray{m_issuer});
    QCOMPARE(prm.value(QLatin1String("scopes_supported")).toArray(),
             (QJsonArray{QStringLiteral("mcp:read"), QStringLiteral("items:write")}));
    QCOMPARE(prm.value(QLatin1String("bearer_methods_supported")).toArray(), QJsonArray{QStringLiteral("header")});
    // The challenge's resource_metadata URL is where this document is served.
    const RawResponse challenge = call("/mcp/demo", {}, forecastCall());
    QCOMPARE(challenge.status, 401);
    QVERIFY(challenge.header("WWW-Authenticate").contains("resource_metadata=\"" + prmUrl().toLatin1() + '"'));
}

void tst_EndpointGuard::protectedResourceMetadataNotForNonOAuthService()
{
    EndpointSecurity security;
    security.mode = EndpointSecurity::Mode::ApiKey;
    security.apiKeyHashes = {Gateway::ApiKey::hash(m_apiKey.toLatin1())};
    startGateway(security);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(call("/.well-known/oauth-protected-resource/mcp/demo", {}, {}, {}, {}, "GET").status, 404);
    QCOMPARE(call("/.well-known/oauth-protected-resource/mcp/nosuch", {}, {}, {}, {}, "GET").status, 404);
    startGateway(EndpointSecurity{});
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(call("/.well-known/oauth-protected-resource/mcp/demo", {}, {}, {}, {}, "GET").status, 404);
}

QTEST_GUILESS_MAIN(tst_EndpointGuard)
#include "tst_endpointguard.moc"
