// SPDX-License-Identifier: GPL-3.0-or-later
// The connection doctor against real loopback authorization servers, introspection endpoints and a
// running gateway: each step's request, status and result, and the first failure in plain words.
#include "FakeAuthorizationServer.h"
#include "TestJwtIssuer.h"

#include "config/WorkspaceLoader.h"
#include "core/GatewayServer.h"
#include "demo/DemoBackend.h"
#include "diagnostics/ConnectionDoctor.h"
#include "secrets/MemorySecretStore.h"
#include "security/AuthorizationServerDirectory.h"
#include "security/EndpointGuard.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Gateway;
using TestSupport::FakeAuthorizationServer;

class tst_ConnectionDoctor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void chain_data();
    void chain();
    void stepsCarryRequestDetails();
    void pathInsertionIsUsed();
    void doctorLeavesTheGatewayCacheAlone();
    void notAnOAuthService_data();
    void notAnOAuthService();
    void aNewRunAbandonsThePreviousOne();
    void outboundRulesOfTheGatewayApply_data();
    void outboundRulesOfTheGatewayApply();
    void doctorGoneBeforeTheGuardAnswers();

private:
    DoctorReport runDoctor(const QString& service, QList<DoctorStep>* streamed = nullptr);
    static QString sequence(const DoctorReport& report);
    ServiceConfig oauthService(const QString& name, const QString& issuer) const;

    DemoBackendHost m_backendHost;
    QUrl m_backend;
    MemorySecretStore m_secrets;
    FakeAuthorizationServer m_good; // issuer with a path: RFC 8414 path insertion
    FakeAuthorizationServer m_wrongIssuer; // metadata names the issuer with a trailing "/"
    FakeAuthorizationServer m_jwksDown; // metadata fine, JWKS answers 503
    FakeAuthorizationServer m_oidcOnly; // only OpenID Connect discovery
    FakeAuthorizationServer m_down; // stopped: connection refused
    FakeAuthorizationServer m_introspection; // RFC 7662 endpoint checking client credentials
    GatewayServer m_gateway;
    QString m_goodIssuer;
};

ServiceConfig tst_ConnectionDoctor::oauthService(const QString& name, const QString& issuer) const
{
    ServiceConfig service = WorkspaceLoader::demoWorkspace(m_backend).services.first();
    service.name = name;
    service.security.mode = EndpointSecurity::Mode::OAuth2;
    service.security.authorizationServers = {issuer};
    service.security.requiredScopes = {QStringLiteral("demo:read")};
    service.security.allowLoopbackHttpIssuers = true;
    return service;
}

void tst_ConnectionDoctor::initTestCase()
{
    m_backend = m_backendHost.start();
    QVERIFY(!m_backend.isEmpty());
    const TestSupport::TestKey rsa = TestSupport::TestKey::rsa();
    const TestSupport::TestKey ec = TestSupport::TestKey::ec();
    const QJsonArray keys{rsa.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256")),
                          ec.publicJwk(QStringLiteral("k2"))};
    for (FakeAuthorizationServer* as : {&m_good, &m_wrongIssuer, &m_jwksDown, &m_oidcOnly, &m_down, &m_introspection})
        QVERIFY(as->start());

    m_goodIssuer = m_good.baseUrl() + QStringLiteral("/tenant1");
    m_good.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server/tenant1"), m_goodIssuer);
    m_good.setJwks(keys);
    m_wrongIssuer.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"),
                                  m_wrongIssuer.baseUrl() + QStringLiteral("/"));
    m_wrongIssuer.setJwks(keys);
    m_jwksDown.publishMetadata(QStringLiteral("/.well-known/oauth-authorization-server"), m_jwksDown.baseUrl());
    m_jwksDown.setJson(QStringLiteral("/jwks"), QJsonObject{{QStringLiteral("error"), QStringLiteral("down")}}, 503);
    m_oidcOnly.publishMetadata(QStringLiteral("/.well-known/openid-configuration"), m_oidcOnly.baseUrl());
    m_oidcOnly.setJwks(QJsonArray{rsa.publicJwk(QStringLiteral("k1"), QStringLiteral("RS256"))});
    m_down.stop();
    m_introspection.setIntrospection(QStringLiteral("/introspect"), QStringLiteral("gateway"), "intro-S3CRET");

    bool stored = false;
    m_secrets.write(QStringLiteral("introspection"), "intro-S3CRET",
                    [&stored](const SecretResult& r) { stored = r.isOk(); });
    QTRY_VERIFY(stored);
    stored = false;
    m_secrets.write(QStringLiteral("wrong"), "not-the-secret", [&stored](const SecretResult& r) { stored = r.isOk(); });
    QTRY_VERIFY(stored);
    m_gateway.setSecretStore(&m_secrets);

    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend);
    config.services.first().name = QStringLiteral("open"); // mode None
    config.services.append(oauthService(QStringLiteral("good"), m_goodIssuer));
    config.services.append(oauthService(QStringLiteral("wrongiss"), m_wrongIssuer.baseUrl()));
    config.services.append(oauthService(QStringLiteral("jwksdown"), m_jwksDown.baseUrl()));
    config.services.append(oauthService(QStringLiteral("oidc"), m_oidcOnly.baseUrl()));
    config.services.append(oauthService(QStringLiteral("asdown"), m_down.baseUrl()));
    const QUrl introspect(m_introspection.baseUrl() + QStringLiteral("/introspect"));
    ServiceConfig intro = oauthService(QStringLiteral("introspect"), m_goodIssuer);
    intro.security.introspectionEndpoint = introspect;
    intro.security.introspectionClientId = QStringLiteral("gateway");
    intro.security.introspectionSecretRef = QStringLiteral("keychain:introspection");
    config.services.append(intro);
    ServiceConfig badSecret = intro;
    badSecret.name = QStringLiteral("introbad");
    badSecret.security.introspectionSecretRef = QStringLiteral("keychain:wrong");
    config.services.append(badSecret);
    ServiceConfig introDown = intro;
    introDown.name = QStringLiteral("introdown");
    introDown.security.introspectionEndpoint = QUrl(m_down.baseUrl() + QStringLiteral("/introspect"));
    config.services.append(introDown);
    QString error;
    QVERIFY2(m_gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY(m_gateway.listen(QHostAddress::LocalHost, 0));
}

DoctorReport tst_ConnectionDoctor::runDoctor(const QString& service, QList<DoctorStep>* streamed)
{
    ConnectionDoctor doctor(&m_gateway);
    doctor.setFetchTimeoutMs(4000);
    QSignalSpy steps(&doctor, &ConnectionDoctor::stepFinished);
    QSignalSpy finished(&doctor, &ConnectionDoctor::finished);
    const int id = doctor.run(service);
    if (!finished.wait(20000))
        return {};
    if (finished.first().at(0).toInt() != id)
        return {};
    if (streamed) {
        for (const QList<QVariant>& s : std::as_const(steps))
            streamed->append(s.at(1).value<DoctorStep>());
    }
    return finished.first().at(1).value<DoctorReport>();
}

QString tst_ConnectionDoctor::sequence(const DoctorReport& report)
{
    static const char* kinds[] = {"prm", "rfc8414", "oidc", "issuer", "jwks", "cache", "introspection", "introauth"};
    QStringList out;
    for (const DoctorStep& s : report.steps)
        out.append(QStringLiteral("%1:%2").arg(QLatin1String(kinds[int(s.kind)]), DoctorStep::statusName(s.status)));
    return out.join(QLatin1Char(' '));
}

void tst_ConnectionDoctor::chain_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("reason"); // {wrong}, {down} are replaced by the servers' URLs

    const QString chain = QStringLiteral("prm:passed rfc8414:passed issuer:passed jwks:passed cache:passed");
    QTest::newRow("good") << "good" << true << chain << QString();
    QTest::newRow("wrong issuer") << "wrongiss" << false
                                  << "prm:passed rfc8414:passed issuer:failed jwks:skipped cache:passed"
                                  << "metadata issuer {wrong}/ differs from configured {wrong};";
    QTest::newRow("JWKS down") << "jwksdown" << false
                               << "prm:passed rfc8414:passed issuer:passed jwks:failed cache:passed"
                               << "the signing keys of {jwks} could not be fetched from {jwks}/jwks: HTTP 503";
    QTest::newRow("OpenID Connect only") << "oidc" << true
                                         << "prm:passed rfc8414:warning oidc:passed issuer:passed jwks:passed "
                                            "cache:passed"
                                         << QString();
    QTest::newRow("authorization server down")
        << "asdown" << false << "prm:passed rfc8414:failed issuer:skipped jwks:skipped cache:passed"
        << "the metadata of {down} could not be fetched from {down}/.well-known/oauth-authorization-server: "
           "connection refused";
    QTest::newRow("introspection") << "introspect" << true << chain + " introspection:passed introauth:passed"
                                   << QString();
    QTest::newRow("introspection refuses the client")
        << "introbad" << false << chain + " introspection:passed introauth:failed"
        << "the gateway's introspection call failed (token introspection failed): check the client id and secret";
    QTest::newRow("introspection endpoint down")
        << "introdown" << false << chain + " introspection:failed introauth:skipped"
        << "the introspection endpoint {down}/introspect is unreachable: connection refused";
}

void tst_ConnectionDoctor::chain()
{
    QFETCH(QString, service);
    QFETCH(bool, ok);
    QFETCH(QString, steps);
    QFETCH(QString, reason);
    reason.replace(QStringLiteral("{wrong}"), m_wrongIssuer.baseUrl())
        .replace(QStringLiteral("{jwks}"), m_jwksDown.baseUrl())
        .replace(QStringLiteral("{down}"), m_down.baseUrl());

    QList<DoctorStep> streamed;
    const DoctorReport report = runDoctor(service, &streamed);
    QCOMPARE(report.service, service);
    QCOMPARE(sequence(report), steps);
    QCOMPARE(report.ok, ok);
    QCOMPARE(streamed.size(), report.steps.size());
    if (ok) {
        QCOMPARE(report.firstFailure, -1);
        QVERIFY(report.failureReason.isEmpty());
        return;
    }
    QVERIFY(report.firstFailure >= 0);
    qInfo("first failure: %s", qPrintable(report.failureReason));
    QCOMPARE(report.steps.at(report.firstFailure).status, DoctorStep::Status::Failed);
    for (int i = 0; i < report.firstFailure; ++i)
        QVERIFY(report.steps.at(i).status != DoctorStep::Status::Failed);
    QVERIFY2(report.failureReason.startsWith(reason), qPrintable(report.failureReason));
    QCOMPARE(report.failureReason, report.steps.at(report.firstFailure).detail);
}

void tst_ConnectionDoctor::stepsCarryRequestDetails()
{
    const DoctorReport report = runDoctor(QStringLiteral("introspect"));
    QCOMPARE(report.steps.size(), 7);
    const DoctorStep& prm = report.steps.at(0);
    QCOMPARE(prm.url,
             QStringLiteral("http://127.0.0.1:%1/.well-known/oauth-protected-resource/mcp/introspect")
                 .arg(m_gateway.serverPort()));
    QCOMPARE(prm.method, QStringLiteral("GET"));
    QCOMPARE(prm.httpStatus, 200);
    QVERIFY(prm.elapsedMs >= 0);
    QCOMPARE(report.resource.toString(),
             QStringLiteral("http://127.0.0.1:%1/mcp/introspect").arg(m_gateway.serverPort()));
    const DoctorStep& jwks = report.steps.at(3);
    QCOMPARE(jwks.kind, DoctorStep::Kind::Jwks);
    QCOMPARE(jwks.url, m_good.baseUrl() + QStringLiteral("/jwks"));
    QCOMPARE(jwks.httpStatus, 200);
    QCOMPARE(jwks.authorizationServer, m_goodIssuer);
    QCOMPARE(jwks.result, QStringLiteral("200, 2 usable key(s)"));
    QVERIFY2(jwks.detail.contains(QLatin1String("RSA 2048 (kid k1, RS256)")), qPrintable(jwks.detail));
    QVERIFY2(jwks.detail.contains(QLatin1String("EC P-256 (kid k2)")), qPrintable(jwks.detail));
    const DoctorStep& reach = report.steps.at(5);
    QCOMPARE(reach.httpStatus, 405); // a GET to an RFC 7662 endpoint: reachable
    const DoctorStep& auth = report.steps.at(6);
    QCOMPARE(auth.method, QStringLiteral("POST"));
    QCOMPARE(auth.httpStatus, 200);
    QVERIFY(auth.elapsedMs >= 0);
    // The gateway's own introspection request went out, with the configured client credentials.
    const Gateway::HttpRequest last = m_introspection.requests().last();
    QCOMPARE(last.method, QByteArray("POST"));
    QVERIFY(last.body.startsWith("token=portcullis-doctor-probe-"));
    for (const DoctorStep& s : report.steps) {
        QVERIFY2(!s.url.contains(QLatin1Char('?')) && !s.url.contains(QLatin1Char('@')), qPrintable(s.url));
        QVERIFY(!s.title.isEmpty());
        QVERIFY(!s.detail.isEmpty());
    }
}

void tst_ConnectionDoctor::pathInsertionIsUsed()
{
    m_good.clearRequests();
    const DoctorReport report = runDoctor(QStringLiteral("good"));
    QVERIFY(report.ok);
    QCOMPARE(report.steps.at(1).url,
             m_good.baseUrl() + QStringLiteral("/.well-known/oauth-authorization-server/tenant1"));
    QCOMPARE(m_good.requestedPaths(),
             (QStringList{QStringLiteral("/.well-known/oauth-authorization-server/tenant1"), QStringLiteral("/jwks")}));
}

void tst_ConnectionDoctor::doctorLeavesTheGatewayCacheAlone()
{
    AuthorizationServerDirectory* directory = m_gateway.endpointGuard()->directory();
    QVERIFY(!directory->state(m_jwksDown.baseUrl()));
    const DoctorReport before = runDoctor(QStringLiteral("jwksdown"));
    QVERIFY(!directory->state(m_jwksDown.baseUrl())); // the doctor fetched on its own
    QCOMPARE(before.steps.last().result, QStringLiteral("not loaded yet"));

    // Once the gateway itself tried (as on a first token) and failed, the doctor says so.
    QSignalSpy updated(directory, &AuthorizationServerDirectory::issuerUpdated);
    bool called = false;
    directory->withKeys(m_jwksDown.baseUrl(), [&called](const JwkSet*, const QString&) { called = true; });
    QTRY_VERIFY_WITH_TIMEOUT(called, 10000);
    const DoctorReport after = runDoctor(QStringLiteral("jwksdown"));
    const DoctorStep& cache = after.steps.last();
    QCOMPARE(cache.kind, DoctorStep::Kind::GatewayKeyCache);
    QCOMPARE(cache.status, DoctorStep::Status::Warning);
    QVERIFY2(cache.detail.contains(QLatin1String("HTTP 503")), qPrintable(cache.detail));
}

void tst_ConnectionDoctor::notAnOAuthService_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("reason");
    QTest::newRow("mode none") << "open"
                               << "service open does not use OAuth2 (its endpoint security is none)";
    QTest::newRow("unknown") << "nope"
                             << "the gateway has no service named \"nope\"";
}

void tst_ConnectionDoctor::notAnOAuthService()
{
    QFETCH(QString, service);
    QFETCH(QString, reason);
    const DoctorReport report = runDoctor(service);
    QCOMPARE(report.service, service);
    QVERIFY(!report.ok);
    QVERIFY(report.steps.isEmpty());
    QCOMPARE(report.failureReason, reason);
}

void tst_ConnectionDoctor::aNewRunAbandonsThePreviousOne()
{
    ConnectionDoctor doctor(&m_gateway);
    QSignalSpy finished(&doctor, &ConnectionDoctor::finished);
    const int first = doctor.run(QStringLiteral("good"));
    const int second = doctor.run(QStringLiteral("wrongiss"));
    QVERIFY(first != second);
    QVERIFY(finished.wait(20000));
    QTest::qWait(300);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().at(0).toInt(), second);
    QCOMPARE(finished.first().at(1).value<DoctorReport>().service, QStringLiteral("wrongiss"));
    QVERIFY(!doctor.isRunning());
}

void tst_ConnectionDoctor::outboundRulesOfTheGatewayApply_data()
{
    QTest::addColumn<QString>("issuer"); // {good} is m_good's base URL
    QTest::addColumn<bool>("allowLoopbackHttp");
    QTest::addColumn<bool>("listen");
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("reason");
    QTest::newRow("http issuer without the loopback allowance")
        << "{good}/tenant1" << false << true << "prm:passed rfc8414:failed issuer:skipped jwks:skipped cache:passed"
        << "the metadata of {good}/tenant1 could not be fetched from "
           "{good}/.well-known/oauth-authorization-server/tenant1: insecure URL";
    QTest::newRow("link-local issuer") << "http://169.254.169.254" << true << true
                                       << "prm:passed rfc8414:failed issuer:skipped jwks:skipped cache:passed"
                                       << "the metadata of http://169.254.169.254 could not be fetched from "
                                          "http://169.254.169.254/.well-known/oauth-authorization-server: link-local";
    QTest::newRow("gateway not listening")
        << "{good}/tenant1" << true << false << "prm:failed rfc8414:passed issuer:passed jwks:passed cache:passed"
        << "the gateway is not listening";
}

void tst_ConnectionDoctor::outboundRulesOfTheGatewayApply()
{
    QFETCH(QString, issuer);
    QFETCH(bool, allowLoopbackHttp);
    QFETCH(bool, listen);
    QFETCH(QString, steps);
    QFETCH(QString, reason);
    issuer.replace(QStringLiteral("{good}"), m_good.baseUrl());
    reason.replace(QStringLiteral("{good}"), m_good.baseUrl());

    GatewayServer gateway;
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend);
    config.services = {oauthService(QStringLiteral("svc"), issuer)};
    config.services[0].security.allowLoopbackHttpIssuers = allowLoopbackHttp;
    QString error;
    QVERIFY2(gateway.applyConfig(config, &error), qPrintable(error));
    if (listen)
        QVERIFY(gateway.listen(QHostAddress::LocalHost, 0));
    m_good.clearRequests();

    ConnectionDoctor doctor(&gateway);
    QSignalSpy finished(&doctor, &ConnectionDoctor::finished);
    doctor.run(QStringLiteral("svc"));
    QVERIFY(finished.wait(20000));
    const DoctorReport report = finished.first().at(1).value<DoctorReport>();
    QCOMPARE(sequence(report), steps);
    QVERIFY(!report.ok);
    QVERIFY2(report.failureReason.startsWith(reason), qPrintable(report.failureReason));
    if (allowLoopbackHttp == false)
        QCOMPARE(m_good.requests().size(), 0); // refused before any request, as the gateway would
}

void tst_ConnectionDoctor::doctorGoneBeforeTheGuardAnswers()
{
    // The introspection endpoint answers late; the doctor is destroyed while the gateway's guard
    // waits for it. The guard's answer must not reach the destroyed doctor.
    FakeAuthorizationServer slow;
    QVERIFY(slow.start());
    FakeAuthorizationServer::Route route;
    route.status = 200;
    route.body = R"({"active":false})";
    route.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    route.delayMs = 300;
    slow.setRoute(QStringLiteral("/introspect"), route);

    GatewayServer gateway;
    gateway.setSecretStore(&m_secrets);
    WorkspaceConfig config = WorkspaceLoader::demoWorkspace(m_backend);
    ServiceConfig service = oauthService(QStringLiteral("svc"), m_goodIssuer);
    service.security.introspectionEndpoint = QUrl(slow.baseUrl() + QStringLiteral("/introspect"));
    service.security.introspectionClientId = QStringLiteral("gateway");
    service.security.introspectionSecretRef = QStringLiteral("keychain:introspection");
    config.services = {service};
    QString error;
    QVERIFY2(gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY(gateway.listen(QHostAddress::LocalHost, 0));

    auto* doctor = new ConnectionDoctor(&gateway);
    QSignalSpy steps(doctor, &ConnectionDoctor::stepFinished);
    doctor->run(QStringLiteral("svc"));
    // Wait until the introspection POST is in flight (after the GET reachability step).
    QTRY_VERIFY_WITH_TIMEOUT(slow.count(QStringLiteral("/introspect")) == 2, 10000);
    delete doctor;
    QTest::qWait(600); // the guard's answer arrives and finds no doctor
    QVERIFY(steps.size() >= 6);
}

QTEST_GUILESS_MAIN(tst_ConnectionDoctor)
#include "tst_connectiondoctor.moc"
