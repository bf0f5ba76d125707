// SPDX-License-Identifier: GPL-3.0-or-later
// The token inspector: decoding, and the running gateway's own verdict (EndpointGuard over a real
// loopback authorization server and introspection endpoint) with its reason in plain words.
#include "FakeAuthorizationServer.h"
#include "TestJwtIssuer.h"

#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "diagnostics/TokenInspector.h"
#include "secrets/MemorySecretStore.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Gateway;
using TestSupport::FakeAuthorizationServer;

namespace {
enum class Tok {
    Valid,
    ValidWithWrite,
    Expired,
    WrongAudience,
    WrongIssuer,
    NoScope,
    BadSignature,
    UnknownKid,
    IdTokenType,
    Garbage,
    GarbageDots,
    Opaque,
    OpaqueActive,
    OpaqueInactive,
    BearerPrefixed,
};
}
Q_DECLARE_METATYPE(Tok)

class tst_TokenInspector : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void decodeJwt();
    void decodeForms_data();
    void decodeForms();
    void verdicts_data();
    void verdicts();
    void perToolScopesAreListed();
    void notAnOAuthService();

private:
    QByteArray token(Tok kind) const;
    QByteArray jwt(const QJsonObject& claims, const TestSupport::TestKey& key, const QString& typ = "at+jwt") const;
    QJsonObject claims() const;
    TokenVerdict verdict(const QByteArray& token, const QString& service, const QString& tool = {});

    DemoBackendHost m_backendHost;
    MemorySecretStore m_secrets;
    FakeAuthorizationServer m_as;
    GatewayServer m_gateway;
    TestSupport::TestKey m_key;
    TestSupport::TestKey m_rogue;
    QString m_issuer;
    QString m_resource; // of service "jwt"
};

void tst_TokenInspector::initTestCase()
{
    const QUrl backend = m_backendHost.start();
    QVERIFY(!backend.isEmpty());
    m_key = TestSupport::TestKey::rsa();
    m_rogue = TestSupport::TestKey::rsa();
    QVERIFY(m_as.start());
    m_issuer = m_as.baseUrl();
    m_as.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), m_issuer);
    m_as.setJwks(QJsonArray{m_key.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    m_as.setIntrospection(QStringLiteral("/introspect"), QStringLiteral("gateway"), "intro-S3CRET");
    bool stored = false;
    m_secrets.write(QStringLiteral("introspection"), "intro-S3CRET",
                    [&stored](const SecretResult& r) { stored = r.isOk(); });
    QTRY_VERIFY(stored);
    m_gateway.setSecretStore(&m_secrets);

    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(backend);
    ServiceConfig open = config.services.first();
    ServiceConfig jwtService = open;
    jwtService.name = QStringLiteral("jwt");
    EndpointSecurity& security = jwtService.security;
    security.mode = EndpointSecurity::Mode::OAuth2;
    security.authorizationServers = {m_issuer};
    security.requiredScopes = {QStringLiteral("demo:read")};
    security.toolScopes.insert(QStringLiteral("createItem"), {QStringLiteral("items:write")});
    security.toolScopes.insert(QStringLiteral("deleteItem"), {QStringLiteral("items:write"), QStringLiteral("admin")});
    security.allowLoopbackHttpIssuers = true;
    ServiceConfig opaque = jwtService;
    opaque.name = QStringLiteral("opaque");
    opaque.security.introspectionEndpoint = QUrl(m_as.baseUrl() + QStringLiteral("/introspect"));
    opaque.security.introspectionClientId = QStringLiteral("gateway");
    opaque.security.introspectionSecretRef = QStringLiteral("keychain:introspection");
    config.services = {open, jwtService, opaque};
    QString error;
    QVERIFY2(m_gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY(m_gateway.listen(QHostAddress::LocalHost, 0));
    m_resource = QStringLiteral("http://127.0.0.1:%1/mcp/jwt").arg(m_gateway.serverPort());

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    m_as.addIntrospectedToken("opaque-active",
                              QJsonObject{{QStringLiteral("active"), true},
                                          {QStringLiteral("scope"), QStringLiteral("demo:read")},
                                          {QStringLiteral("sub"), QStringLiteral("alice")},
                                          {QStringLiteral("iss"), m_issuer},
                                          {QStringLiteral("exp"), double(now + 600)}});
}

QJsonObject tst_TokenInspector::claims() const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return QJsonObject{
        {QStringLiteral("iss"), m_issuer},         {QStringLiteral("sub"), QStringLiteral("alice")},
        {QStringLiteral("aud"), m_resource},       {QStringLiteral("scope"), QStringLiteral("demo:read")},
        {QStringLiteral("iat"), double(now - 10)}, {QStringLiteral("exp"), double(now + 600)}};
}

QByteArray tst_TokenInspector::jwt(const QJsonObject& c, const TestSupport::TestKey& key, const QString& typ) const
{
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), QStringLiteral("k1")},
                             {QStringLiteral("typ"), typ}};
    return TestSupport::makeToken(header, c, key);
}

QByteArray tst_TokenInspector::token(Tok kind) const
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject c = claims();
    switch (kind) {
    case Tok::Valid: return jwt(c, m_key);
    case Tok::BearerPrefixed: return "  Bearer " + jwt(c, m_key) + "\n";
    case Tok::ValidWithWrite:
        c.insert(QStringLiteral("scope"), QStringLiteral("demo:read items:write"));
        return jwt(c, m_key);
    case Tok::Expired:
        c.insert(QStringLiteral("iat"), double(now - 7200));
        c.insert(QStringLiteral("exp"), double(now - 3600));
        return jwt(c, m_key);
    case Tok::WrongAudience:
        c.insert(QStringLiteral("aud"), QStringLiteral("https://elsewhere.example/mcp"));
        return jwt(c, m_key);
    case Tok::WrongIssuer:
        c.insert(QStringLiteral("iss"), QStringLiteral("https://other-as.example"));
        return jwt(c, m_key);
    case Tok::NoScope: c.insert(QStringLiteral("scope"), QStringLiteral("profile")); return jwt(c, m_key);
    case Tok::BadSignature: return jwt(c, m_rogue); // same kid, a key the issuer never published
    case Tok::UnknownKid: {
        const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                                 {QStringLiteral("kid"), QStringLiteral("k9")},
                                 {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
        return TestSupport::makeToken(header, c, m_rogue);
    }
    case Tok::IdTokenType: return jwt(c, m_key, QStringLiteral("JWT"));
    case Tok::Garbage: return "this is not a token!";
    case Tok::GarbageDots: return "abc.def.ghi";
    case Tok::Opaque: return "opaque-token-123";
    case Tok::OpaqueActive: return "opaque-active";
    case Tok::OpaqueInactive: return "opaque-revoked";
    }
    return {};
}

TokenVerdict tst_TokenInspector::verdict(const QByteArray& t, const QString& service, const QString& tool)
{
    TokenInspector inspector(&m_gateway);
    QSignalSpy ready(&inspector, &TokenInspector::verdictReady);
    const int id = inspector.inspect(t, service, tool);
    if (!ready.wait(10000) || ready.first().at(0).toInt() != id)
        return {};
    return ready.first().at(1).value<TokenVerdict>();
}

void tst_TokenInspector::decodeJwt()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const DecodedToken d = TokenInspector::decode(token(Tok::Valid), now);
    QCOMPARE(d.form, DecodedToken::Form::Jwt);
    QVERIFY(d.problem.isEmpty());
    QCOMPARE(d.header.value(QLatin1String("alg")).toString(), QStringLiteral("RS256"));
    QCOMPARE(d.algorithm, QStringLiteral("RS256"));
    QCOMPARE(d.keyId, QStringLiteral("k1"));
    QCOMPARE(d.type, QStringLiteral("at+jwt"));
    QCOMPARE(d.issuer, m_issuer);
    QCOMPARE(d.subject, QStringLiteral("alice"));
    QCOMPARE(d.audiences, QStringList{m_resource});
    QCOMPARE(d.scopes, QStringList{QStringLiteral("demo:read")});
    QCOMPARE(d.signatureBytes, 256);
    const qint64 exp = qint64(d.claims.value(QLatin1String("exp")).toDouble());
    QCOMPARE(d.expiresAt, QDateTime::fromSecsSinceEpoch(exp, Qt::UTC));
    QCOMPARE(d.expiresAt.timeSpec(), Qt::UTC);
    QVERIFY(d.issuedAt.isValid());
    QVERIFY(!d.notBefore.isValid());
    QCOMPARE(d.secondsToExpiry, now.secsTo(d.expiresAt));
    QVERIFY(d.secondsToExpiry > 590 && d.secondsToExpiry <= 600);

    const DecodedToken expired = TokenInspector::decode(token(Tok::Expired), now);
    QVERIFY(expired.secondsToExpiry < -3590);
}

void tst_TokenInspector::decodeForms_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<DecodedToken::Form>("form");
    QTest::addColumn<QString>("problem");
    QTest::newRow("empty") << QByteArray("  ") << DecodedToken::Form::Empty << QString();
    QTest::newRow("opaque") << QByteArray("2YotnFZFEjr1zCsicMWpAA") << DecodedToken::Form::Opaque
                            << "1 dot-separated segments, a JWT has 3";
    QTest::newRow("JWE-like five segments")
        << QByteArray("a.b.c.d.e") << DecodedToken::Form::Opaque << "5 dot-separated segments, a JWT has 3";
    QTest::newRow("not base64url") << QByteArray("ab$.cd.ef") << DecodedToken::Form::Malformed
                                   << "the header is not canonical base64url";
    QTest::newRow("header not JSON") << QByteArray("YWJj.e30.c2ln") << DecodedToken::Form::Malformed
                                     << "the header is not a JSON object";
    QTest::newRow("payload not JSON")
        << QByteArray("e30.YWJj.c2ln") << DecodedToken::Form::Malformed
        << "the payload is not a JSON object (encrypted or nested tokens are not supported)";
    QTest::newRow("unsigned") << QByteArray("e30.e30.") << DecodedToken::Form::Jwt << "the signature is empty";
}

void tst_TokenInspector::decodeForms()
{
    QFETCH(QByteArray, token);
    QFETCH(DecodedToken::Form, form);
    QFETCH(QString, problem);
    const DecodedToken d = TokenInspector::decode(token);
    QCOMPARE(d.form, form);
    QCOMPARE(d.problem, problem);
}

void tst_TokenInspector::verdicts_data()
{
    QTest::addColumn<Tok>("kind");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("tool");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("summary"); // a prefix; {resource} and {issuer} are replaced

    QTest::newRow("valid") << Tok::Valid << "jwt" << QString() << true << 200 << "jwt"
                           << "Valid for service jwt: signature, issuer, audience, lifetime and scopes check out.";
    QTest::newRow("valid, pasted with Bearer") << Tok::BearerPrefixed << "jwt" << QString() << true << 200 << "jwt"
                                               << "Valid for service jwt";
    QTest::newRow("expired") << Tok::Expired << "jwt" << QString() << false << 401 << "expired"
                             << "Expired: the token expired at ";
    QTest::newRow("wrong audience") << Tok::WrongAudience << "jwt" << QString() << false << 401 << "wrong_audience"
                                    << "Wrong audience: the token is for \"https://elsewhere.example/mcp\", but this "
                                       "endpoint only accepts tokens for \"{resource}\".";
    QTest::newRow("wrong issuer") << Tok::WrongIssuer << "jwt" << QString() << false << 401 << "wrong_issuer"
                                  << "Wrong issuer: the token was issued by \"https://other-as.example\", but service "
                                     "jwt trusts only \"{issuer}\".";
    QTest::newRow("insufficient scope") << Tok::NoScope << "jwt" << QString() << false << 403 << "insufficient_scope"
                                        << "Insufficient scope: the token grants \"profile\"; the endpoint requires "
                                           "\"demo:read\" (missing: demo:read).";
    QTest::newRow("tool scope missing") << Tok::Valid << "jwt"
                                        << "createItem" << false << 403 << "insufficient_scope"
                                        << "Insufficient scope for tool createItem: the token grants \"demo:read\"; "
                                           "the tool also needs \"items:write\" (missing: items:write).";
    QTest::newRow("tool scope granted") << Tok::ValidWithWrite << "jwt"
                                        << "createItem" << true << 200 << "jwt"
                                        << "Valid for service jwt";
    QTest::newRow("tool without extra scopes") << Tok::Valid << "jwt"
                                               << "listItems" << true << 200 << "jwt"
                                               << "Valid for service jwt";
    QTest::newRow("bad signature") << Tok::BadSignature << "jwt" << QString() << false << 401 << "bad_signature"
                                   << "Bad signature: the signature does not verify with the key \"k1\"";
    QTest::newRow("unknown key") << Tok::UnknownKid << "jwt" << QString() << false << 401 << "unknown_kid"
                                 << "Unknown key: the token names key \"k9\"";
    QTest::newRow("ID token") << Tok::IdTokenType << "jwt" << QString() << false << 401 << "wrong_type"
                              << "Wrong token type: the header typ is \"JWT\"";
    QTest::newRow("garbage") << Tok::Garbage << "jwt" << QString() << false << 400 << "malformed_authorization"
                             << "Not a bearer token: it holds characters no token can carry";
    QTest::newRow("garbage with dots") << Tok::GarbageDots << "jwt" << QString() << false << 401 << "malformed"
                                       << "Not a well-formed JWT: the header is not a JSON object";
    QTest::newRow("opaque, no introspection") << Tok::Opaque << "jwt" << QString() << false << 401 << "malformed"
                                              << "Not a JWT, and service jwt has no introspection endpoint";
    QTest::newRow("opaque, introspected active")
        << Tok::OpaqueActive << "opaque" << QString() << true << 200 << "introspection"
        << "Valid for service opaque: the introspection endpoint says it is "
           "active.";
    QTest::newRow("opaque, introspected inactive")
        << Tok::OpaqueInactive << "opaque" << QString() << false << 401 << "inactive"
        << "Inactive: the introspection endpoint says";
}

void tst_TokenInspector::verdicts()
{
    QFETCH(Tok, kind);
    QFETCH(QString, service);
    QFETCH(QString, tool);
    QFETCH(bool, valid);
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(QString, summary);
    summary.replace(QStringLiteral("{resource}"), m_resource).replace(QStringLiteral("{issuer}"), m_issuer);

    const TokenVerdict v = verdict(token(kind), service, tool);
    QCOMPARE(v.service, service);
    QVERIFY(v.checked);
    QCOMPARE(v.valid, valid);
    QCOMPARE(v.httpStatus, status);
    QCOMPARE(v.reason, reason);
    QVERIFY2(v.summary.startsWith(summary), qPrintable(v.summary));
    QCOMPARE(v.introspected, service == QLatin1String("opaque") && kind != Tok::Valid);
    QCOMPARE(v.expectedAudience, QStringLiteral("http://127.0.0.1:%1/mcp/%2").arg(m_gateway.serverPort()).arg(service));
    QCOMPARE(v.trustedIssuers, QStringList{m_issuer});
    if (!valid) {
        QVERIFY(!v.description.isEmpty());
        QVERIFY2(status == 400 || v.wwwAuthenticate.startsWith(QLatin1String("Bearer resource_metadata=")),
                 qPrintable(v.wwwAuthenticate));
    }
}

void tst_TokenInspector::perToolScopesAreListed()
{
    const TokenVerdict v = verdict(token(Tok::Valid), QStringLiteral("jwt"));
    QVERIFY(v.valid);
    QCOMPARE(v.grantedScopes, QStringList{QStringLiteral("demo:read")});
    QCOMPARE(v.tools.size(), 2);
    QCOMPARE(v.tools.at(0).tool, QStringLiteral("createItem"));
    QVERIFY(!v.tools.at(0).allowed);
    QCOMPARE(v.tools.at(0).missingScopes, QStringList{QStringLiteral("items:write")});
    QCOMPARE(v.tools.at(1).tool, QStringLiteral("deleteItem"));
    QCOMPARE(v.tools.at(1).missingScopes, (QStringList{QStringLiteral("items:write"), QStringLiteral("admin")}));
    QVERIFY2(v.summary.contains(QLatin1String("Tools it cannot call: createItem (needs items:write), deleteItem "
                                              "(needs items:write admin).")),
             qPrintable(v.summary));

    const TokenVerdict write = verdict(token(Tok::ValidWithWrite), QStringLiteral("jwt"));
    QVERIFY(write.tools.at(0).allowed);
    QVERIFY(!write.tools.at(1).allowed);
    QCOMPARE(write.tools.at(1).missingScopes, QStringList{QStringLiteral("admin")});
}

void tst_TokenInspector::notAnOAuthService()
{
    const TokenVerdict none = verdict(token(Tok::Valid), QStringLiteral("demo"));
    QVERIFY(!none.checked);
    QVERIFY(!none.valid);
    QCOMPARE(none.summary,
             QStringLiteral("Service demo does not use OAuth2 (its endpoint security is none): bearer "
                            "tokens play no part."));
    const TokenVerdict unknown = verdict(token(Tok::Valid), QStringLiteral("nope"));
    QVERIFY(!unknown.checked);
    QCOMPARE(unknown.summary, QStringLiteral("The gateway has no service named \"nope\"."));
}

QTEST_GUILESS_MAIN(tst_TokenInspector)
#include "tst_tokeninspector.moc"
