// SPDX-License-Identifier: GPL-3.0-or-later
// ElicitationBroker end to end over real loopback sockets: GatewayServer serves /elicit/ pages on
// 127.0.0.1:0, a scripted person (ScriptedBrowser, own cookie jar) follows the link, fills the page
// and follows redirects to a real authorization-code server (OAuthCodeServer) and back; the broker
// hands ready credential headers to the credentials stage. Refusals, single flights and events
// (never a credential value) are checked on the same path.
#include "OAuthCodeServer.h"
#include "RawHttpClient.h"
#include "ScriptedBrowser.h"
#include "config/WorkspaceConfig.h"
#include "core/GatewayServer.h"
#include "elicit/ElicitationBroker.h"
#include "elicit/ElicitedCredentialStore.h"
#include "log/TrafficLog.h"
#include "secrets/MemorySecretStore.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QtTest>

#include <memory>
#include <optional>

using Gateway::BackendAuth;
using Gateway::CredentialOutcome;
using Gateway::ElicitationBroker;
using Gateway::ElicitationContext;
using Gateway::ElicitationFlowStatus;
using Gateway::EndpointSecurity;
using Gateway::GatewayServer;
using Gateway::ServiceConfig;
using Gateway::TrafficEvent;
using Gateway::WorkspaceConfig;
using TestSupport::BrowserPage;
using TestSupport::OAuthCodeServer;
using TestSupport::ScriptedBrowser;

namespace {

const QString kPerson = QStringLiteral("key:1a2b3c4d");
const QString kCanary = QStringLiteral("CANARY-elicited-7f3e9a");

CredentialOutcome acquireSync(ElicitationBroker* broker, const ElicitationContext& context)
{
    auto out = std::make_shared<std::optional<CredentialOutcome>>();
    broker->acquire(context, [out](const CredentialOutcome& o) { *out = o; });
    QElapsedTimer timer;
    timer.start();
    while (!out->has_value() && timer.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return out->value_or(CredentialOutcome{});
}

// Sends raw bytes to the gateway in this thread (the event loop keeps running, so the gateway can
// answer) and returns the parsed responses.
QList<TestSupport::RawResponse> exchange(quint16 port, const QByteArray& bytes)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 5000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        received += socket.readAll();
        const auto responses = TestSupport::parseResponses(received);
        if (!responses.isEmpty() && responses.first().complete)
            return responses;
    }
    return {};
}

} // namespace

class tst_ElicitationBroker : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();

    void tokenFlowEndToEnd();
    void concurrentCallsShareOneFlow();
    void refusals_data();
    void refusals();
    void expiredLink();
    void declinedFlow();
    void noIdentityIsRefused();
    void backendRejectionDropsToken();
    void oauthFlowWithPkce_data();
    void oauthFlowWithPkce();
    void oauthCallbackRefusals_data();
    void oauthCallbackRefusals();
    void oauthDeniedIsDeclined();
    void oauthNonHttpsAuthorizationEndpointRefused();
    void refreshAfterExpiryIsSingleFlight();
    void backend401RefreshesOnceThenAsksAgain();
    void verifyUser_data();
    void verifyUser();
    void eventsNeverCarryCredentials();
    void forgetRevokes();
    void listingShowsMetadataAndRevokeAsksAgain();
    void persistedCredentialSurvivesRestart();
    void personRules_data();
    void personRules();
    void routeSharesHostOriginPolicy();
    void publicUrlIsTheGatewaysOwnOrigin();
    void clientDeclineEndsOnlyOwnFlow();
    void eventJsonShape();
    void headDoesNotClaimTheLink();

private:
    ElicitationContext tokenContext(const QString& person = kPerson) const;
    ElicitationContext oauthContext(bool discover = false) const;
    QList<TrafficEvent> elicitationEvents() const;
    QStringList stages(const QString& id) const;
    // Opens `url` in `browser`, submits the credential; returns the final page.
    BrowserPage completeToken(ScriptedBrowser& browser, const QUrl& url, const QString& value);

    std::unique_ptr<Gateway::MemorySecretStore> m_secrets;
    std::unique_ptr<GatewayServer> m_server;
    std::unique_ptr<OAuthCodeServer> m_as;
    ElicitationBroker* m_broker = nullptr;
};

void tst_ElicitationBroker::init()
{
    m_secrets = std::make_unique<Gateway::MemorySecretStore>();
    m_server = std::make_unique<GatewayServer>();
    m_server->setSecretStore(m_secrets.get());
    WorkspaceConfig config;
    ServiceConfig service;
    service.name = QStringLiteral("demo");
    service.openApiPath = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");
    config.services = {service};
    QString error;
    QVERIFY2(m_server->applyConfig(config, &error), qPrintable(error));
    QVERIFY2(m_server->listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    m_broker = m_server->elicitationBroker();
    QVERIFY(m_broker);
    m_as = std::make_unique<OAuthCodeServer>();
    QVERIFY(m_as->start());
    QUrl callback = m_server->baseUrl();
    callback.setPath(QStringLiteral("/elicit/callback"));
    m_as->registerClient(QStringLiteral("backend-client"), callback.toString());
}

void tst_ElicitationBroker::cleanup()
{
    m_server.reset();
    m_secrets.reset();
    m_as.reset();
}

ElicitationContext tst_ElicitationBroker::tokenContext(const QString& person) const
{
    ElicitationContext c;
    c.service = QStringLiteral("demo");
    c.auth.kind = BackendAuth::Kind::ElicitedToken;
    c.auth.headerName = QStringLiteral("Authorization");
    c.auth.scheme = QStringLiteral("Bearer");
    c.person = person;
    c.revision = QStringLiteral("2026-07-28");
    c.gatewayBase = m_server->baseUrl();
    return c;
}

ElicitationContext tst_ElicitationBroker::oauthContext(bool discover) const
{
    ElicitationContext c = tokenContext();
    c.revision = QStringLiteral("2025-11-25");
    c.auth = BackendAuth();
    c.auth.kind = BackendAuth::Kind::ElicitedOAuth2;
    c.auth.clientId = QStringLiteral("backend-client");
    c.auth.scopes = QStringList{QStringLiteral("read"), QStringLiteral("offline_access")};
    c.auth.resource = QStringLiteral("https://api.example.com/");
    c.auth.allowLoopbackHttpTokenEndpoint = true;
    c.auth.issuer = m_as->issuer();
    if (!discover) {
        c.auth.authorizationEndpoint = QUrl(m_as->baseUrl() + QStringLiteral("/authorize"));
        c.auth.tokenEndpoint = QUrl(m_as->baseUrl() + QStringLiteral("/token"));
    }
    return c;
}

QList<TrafficEvent> tst_ElicitationBroker::elicitationEvents() const
{
    QList<TrafficEvent> out;
    for (const TrafficEvent& e : m_server->trafficLog()->events()) {
        if (!e.elicitationStage.isEmpty())
            out.append(e);
    }
    return out;
}

QStringList tst_ElicitationBroker::stages(const QString& id) const
{
    QStringList out;
    for (const TrafficEvent& e : elicitationEvents()) {
        if (id.isEmpty() || e.elicitationId == id)
            out.append(e.elicitationStage);
    }
    return out;
}

BrowserPage tst_ElicitationBroker::completeToken(ScriptedBrowser& browser, const QUrl& url, const QString& value)
{
    const BrowserPage form = browser.get(url);
    if (form.status != 200)
        return form;
    return browser.submit(form, QStringLiteral("submit"), {{QStringLiteral("credential"), value}});
}

void tst_ElicitationBroker::tokenFlowEndToEnd()
{
    QSignalSpy finished(m_broker, &ElicitationBroker::elicitationFinished);
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    QCOMPARE(first.status, CredentialOutcome::Status::ElicitationRequired);
    QVERIFY(!first.elicitationId.isEmpty());
    QCOMPARE(first.url.path(), QStringLiteral("/elicit/") + first.elicitationId);
    QVERIFY(!first.url.hasQuery());
    QVERIFY(!first.url.toString().contains(QLatin1String("1a2b3c4d"))); // no personal data in the link
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Pending);

    ScriptedBrowser person;
    const BrowserPage form = person.get(first.url);
    QCOMPARE(form.status, 200);
    QVERIFY(form.body.contains("type=\"password\""));
    QVERIFY(!form.body.contains("<script"));
    QVERIFY(form.header("Content-Type").startsWith("text/html"));
    QCOMPARE(form.header("Cache-Control"), QByteArray("no-store"));
    const QByteArray cookie = form.header("Set-Cookie");
    QVERIFY(cookie.contains("HttpOnly"));
    QVERIFY(cookie.contains("SameSite=Lax"));
    QVERIFY2(!cookie.contains("Secure"), "plain-http loopback: no Secure flag, or the browser would drop it");
    QVERIFY(cookie.contains("Path=/elicit/"));

    const BrowserPage done = person.submit(form, QStringLiteral("submit"), {{QStringLiteral("credential"), kCanary}});
    QCOMPARE(done.status, 200);
    QVERIFY(!done.body.contains(kCanary.toUtf8()));
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Completed);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), first.elicitationId);

    const CredentialOutcome ready = acquireSync(m_broker, tokenContext());
    QCOMPARE(ready.status, CredentialOutcome::Status::Ready);
    QCOMPARE(ready.headers.size(), 1);
    QCOMPARE(ready.headers.first().first, QByteArray("Authorization"));
    QCOMPARE(ready.headers.first().second, QByteArray("Bearer ") + kCanary.toUtf8());
    // Another person of the same service has nothing yet.
    QCOMPARE(acquireSync(m_broker, tokenContext(QStringLiteral("key:99999999"))).status,
             CredentialOutcome::Status::ElicitationRequired);
    // The link works once.
    QCOMPARE(person.get(first.url).status, 410);
    QCOMPARE(stages(first.elicitationId), (QStringList{"requested", "opened", "completed"}));
    const TrafficEvent requested = elicitationEvents().first();
    QCOMPARE(requested.service, QStringLiteral("demo"));
    QCOMPARE(requested.principal, kPerson);
    QCOMPARE(requested.protocolRevision, QStringLiteral("2026-07-28"));
    QCOMPARE(requested.credentialKind, QStringLiteral("elicitedToken"));
}

void tst_ElicitationBroker::concurrentCallsShareOneFlow()
{
    auto results = std::make_shared<QList<CredentialOutcome>>();
    for (int i = 0; i < 5; ++i)
        m_broker->acquire(tokenContext(), [results](const CredentialOutcome& o) { results->append(o); });
    QTRY_COMPARE(results->size(), 5);
    for (const CredentialOutcome& o : *results) {
        QCOMPARE(o.status, CredentialOutcome::Status::ElicitationRequired);
        QCOMPARE(o.elicitationId, results->first().elicitationId);
    }
    QCOMPARE(stages({}).count(QStringLiteral("requested")), 1);
}

void tst_ElicitationBroker::refusals_data()
{
    QTest::addColumn<QString>("attack");
    QTest::addColumn<int>("expectedStatus");
    QTest::newRow("another browser opens the link") << "otherBrowserGet" << 403;
    QTest::newRow("another browser posts the form") << "otherBrowserPost" << 403;
    QTest::newRow("form without CSRF token") << "noCsrf" << 403;
    QTest::newRow("form with a wrong CSRF token") << "wrongCsrf" << 403;
    QTest::newRow("foreign loopback Origin") << "foreignOrigin" << 403;
    QTest::newRow("foreign site Origin") << "evilOrigin" << 403;
    QTest::newRow("unknown link") << "unknownId" << 410;
    QTest::newRow("replayed link after completion") << "replay" << 410;
}

void tst_ElicitationBroker::refusals()
{
    QFETCH(QString, attack);
    QFETCH(int, expectedStatus);
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    QCOMPARE(first.status, CredentialOutcome::Status::ElicitationRequired);
    ScriptedBrowser person;
    ScriptedBrowser attacker;
    const BrowserPage form = person.get(first.url);
    QCOMPARE(form.status, 200);
    const QMap<QString, QString> fields{{QStringLiteral("credential"), kCanary}};
    BrowserPage answer;
    if (attack == QLatin1String("otherBrowserGet")) {
        answer = attacker.get(first.url);
    } else if (attack == QLatin1String("otherBrowserPost")) {
        answer = attacker.submit(form, QStringLiteral("submit"), fields);
    } else if (attack == QLatin1String("noCsrf")) {
        answer = person.submit(form, QStringLiteral("submit"), fields, {}, {QStringLiteral("csrf")});
    } else if (attack == QLatin1String("wrongCsrf")) {
        answer = person.submit(form, QStringLiteral("submit"),
                               {{QStringLiteral("credential"), kCanary}, {QStringLiteral("csrf"), QStringLiteral("x")}},
                               {}, {QStringLiteral("csrf")});
    } else if (attack == QLatin1String("foreignOrigin")) {
        answer = person.submit(form, QStringLiteral("submit"), fields, "http://127.0.0.1:1");
    } else if (attack == QLatin1String("evilOrigin")) {
        answer = person.submit(form, QStringLiteral("submit"), fields, "https://evil.example");
    } else if (attack == QLatin1String("unknownId")) {
        QUrl url = first.url;
        url.setPath(QStringLiteral("/elicit/AAAAAAAAAAAAAAAAAAAAAA"));
        answer = person.get(url);
    } else if (attack == QLatin1String("replay")) {
        QCOMPARE(person.submit(form, QStringLiteral("submit"), fields).status, 200);
        // The same form again, and the link in a fresh browser.
        answer
            = person.submit(form, QStringLiteral("submit"), {{QStringLiteral("credential"), QStringLiteral("other")}});
        QCOMPARE(answer.status, 410);
        answer = attacker.get(first.url);
    }
    QCOMPARE(answer.status, expectedStatus);
    QVERIFY(!answer.body.contains(kCanary.toUtf8()));
    if (attack != QLatin1String("replay")) {
        // Nothing was stored: the person is still asked, with the same pending flow.
        const CredentialOutcome again = acquireSync(m_broker, tokenContext());
        QCOMPARE(again.status, CredentialOutcome::Status::ElicitationRequired);
        QCOMPARE(again.elicitationId, first.elicitationId);
        // And the real person can still complete it.
        QCOMPARE(person.submit(form, QStringLiteral("submit"), fields).status, 200);
    }
    QCOMPARE(acquireSync(m_broker, tokenContext()).headers.value(0).second, QByteArray("Bearer ") + kCanary.toUtf8());
}

void tst_ElicitationBroker::expiredLink()
{
    m_broker->setFlowLifetimeMs(300);
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    ScriptedBrowser person;
    const BrowserPage form = person.get(first.url);
    QCOMPARE(form.status, 200);
    QTRY_COMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Expired);
    QCOMPARE(person.submit(form, QStringLiteral("submit"), {{QStringLiteral("credential"), kCanary}}).status, 410);
    QCOMPARE(person.get(first.url).status, 410);
    QCOMPARE(stages(first.elicitationId), (QStringList{"requested", "opened", "expired"}));
    QVERIFY(elicitationEvents().last().elicitationAgeMs >= 300);
    // A new call starts a new flow.
    const CredentialOutcome second = acquireSync(m_broker, tokenContext());
    QCOMPARE(second.status, CredentialOutcome::Status::ElicitationRequired);
    QVERIFY(second.elicitationId != first.elicitationId);
}

void tst_ElicitationBroker::declinedFlow()
{
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    ScriptedBrowser person;
    const BrowserPage form = person.get(first.url);
    QCOMPARE(person.submit(form, QStringLiteral("decline")).status, 200);
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Declined);
    QCOMPARE(stages(first.elicitationId), (QStringList{"requested", "opened", "declined"}));
}

void tst_ElicitationBroker::noIdentityIsRefused()
{
    const CredentialOutcome out = acquireSync(m_broker, tokenContext(QString()));
    QCOMPARE(out.status, CredentialOutcome::Status::Failed);
    QVERIFY2(out.error.contains(QLatin1String("enable API key or OAuth2")), qPrintable(out.error));
    QVERIFY(elicitationEvents().isEmpty());
}

void tst_ElicitationBroker::backendRejectionDropsToken()
{
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    ScriptedBrowser person;
    QCOMPARE(completeToken(person, first.url, kCanary).status, 200);
    const CredentialOutcome ready = acquireSync(m_broker, tokenContext());
    QCOMPARE(ready.status, CredentialOutcome::Status::Ready);
    QVERIFY(m_broker->invalidate(QStringLiteral("demo"), kPerson, "stale-value")); // someone else's old value
    QCOMPARE(acquireSync(m_broker, tokenContext()).status, CredentialOutcome::Status::Ready);
    QVERIFY(!m_broker->invalidate(QStringLiteral("demo"), kPerson, ready.credential));
    const CredentialOutcome again = acquireSync(m_broker, tokenContext());
    QCOMPARE(again.status, CredentialOutcome::Status::ElicitationRequired);
    QVERIFY(again.elicitationId != first.elicitationId);
    QVERIFY(stages({}).contains(QStringLiteral("revoked")));
}

void tst_ElicitationBroker::oauthFlowWithPkce_data()
{
    QTest::addColumn<bool>("discover");
    QTest::addColumn<bool>("confidential");
    QTest::newRow("configured endpoints, public client") << false << false;
    QTest::newRow("issuer discovery (RFC 8414), confidential client") << true << true;
}

void tst_ElicitationBroker::oauthFlowWithPkce()
{
    QFETCH(bool, discover);
    QFETCH(bool, confidential);
    ElicitationContext context = oauthContext(discover);
    if (confidential) {
        QUrl callback = m_server->baseUrl();
        callback.setPath(QStringLiteral("/elicit/callback"));
        m_as->registerClient(QStringLiteral("backend-client"), callback.toString(), "client-secret-1");
        qputenv("PORTCULLIS_TEST_AS_SECRET", "client-secret-1");
        context.auth.secretRef = QStringLiteral("${env:PORTCULLIS_TEST_AS_SECRET}");
    }
    const CredentialOutcome first = acquireSync(m_broker, context);
    QCOMPARE(first.status, CredentialOutcome::Status::ElicitationRequired);
    ScriptedBrowser person;
    const BrowserPage intro = person.get(first.url);
    QCOMPARE(intro.status, 200);
    const BrowserPage done = person.submit(intro, QStringLiteral("continue"));
    QCOMPARE(done.status, 200);
    QVERIFY2(done.body.contains("connected"), done.body.constData());
    // The person went to the authorization server and came back to the gateway's callback.
    QCOMPARE(done.hops.size(), 3);
    QCOMPARE(done.hops.at(1).path(), QStringLiteral("/authorize"));
    QCOMPARE(done.hops.at(2).path(), QStringLiteral("/elicit/callback"));
    const QStringList params = m_as->lastAuthorizeParams();
    QVERIFY(params.contains(QStringLiteral("code_challenge_method=S256")));
    QVERIFY(params.contains(QStringLiteral("scope=read offline_access")));
    QVERIFY(params.contains(QStringLiteral("resource=https://api.example.com/")));
    QCOMPARE(m_as->codeRedemptions(), 1);
    QCOMPARE(m_as->pkceFailures(), 0);
    QCOMPARE(m_as->lastResource(), QStringLiteral("https://api.example.com/"));

    const CredentialOutcome ready = acquireSync(m_broker, context);
    QCOMPARE(ready.status, CredentialOutcome::Status::Ready);
    QCOMPARE(ready.headers.value(0).first, QByteArray("Authorization"));
    QCOMPARE(ready.headers.value(0).second, "Bearer " + m_as->issuedAccessTokens().last().toUtf8());
    QCOMPARE(stages(first.elicitationId), (QStringList{"requested", "opened", "completed"}));
    QCOMPARE(elicitationEvents().first().credentialKind, QStringLiteral("elicitedOAuth2"));
}

void tst_ElicitationBroker::oauthCallbackRefusals_data()
{
    QTest::addColumn<QString>("attack");
    QTest::newRow("replayed state") << "replayState";
    QTest::newRow("tampered state") << "tamperState";
    QTest::newRow("wrong iss (RFC 9207 mix-up)") << "wrongIss";
    QTest::newRow("missing iss the server promises") << "missingIss";
    QTest::newRow("callback in another browser") << "otherBrowser";
}

void tst_ElicitationBroker::oauthCallbackRefusals()
{
    QFETCH(QString, attack);
    if (attack == QLatin1String("wrongIss"))
        m_as->setIssOverride(QStringLiteral("https://evil.example"));
    if (attack == QLatin1String("missingIss"))
        m_as->setSendIss(false);
    const ElicitationContext context = oauthContext(attack == QLatin1String("missingIss"));
    const CredentialOutcome first = acquireSync(m_broker, context);
    ScriptedBrowser person;
    person.stopBefore(m_server->baseUrl().toString() + QStringLiteral("/elicit/callback"));
    const BrowserPage intro = person.get(first.url);
    const BrowserPage atAs = person.submit(intro, QStringLiteral("continue"));
    QCOMPARE(atAs.status, 302);
    const QUrl callback = atAs.hops.last();
    QCOMPARE(callback.path(), QStringLiteral("/elicit/callback"));
    ScriptedBrowser follower; // continues without stopping
    int status = 0;
    if (attack == QLatin1String("replayState")) {
        QCOMPARE(follower.get(first.url).status, 403); // (another browser cannot even open the link)
        ScriptedBrowser same;
        const BrowserPage ok = person.get(callback);
        QCOMPARE(ok.status, 200);
        status = person.get(callback).status;
        QCOMPARE(status, 400);
        QCOMPARE(acquireSync(m_broker, context).status, CredentialOutcome::Status::Ready);
        return;
    }
    if (attack == QLatin1String("tamperState")) {
        QUrl tampered = callback;
        QUrlQuery q(tampered);
        const QString state = q.queryItemValue(QStringLiteral("state"));
        q.removeQueryItem(QStringLiteral("state"));
        q.addQueryItem(QStringLiteral("state"), state.left(state.size() - 2) + QStringLiteral("xx"));
        tampered.setQuery(q);
        QCOMPARE(person.get(tampered).status, 400);
        QCOMPARE(m_as->codeRedemptions(), 0);
        QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Pending);
        return;
    }
    if (attack == QLatin1String("otherBrowser")) {
        QCOMPARE(follower.get(callback).status, 403);
        QCOMPARE(m_as->codeRedemptions(), 0);
        QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Failed);
        // The real person's own callback now finds a used state.
        QCOMPARE(person.get(callback).status, 400);
        QCOMPARE(acquireSync(m_broker, context).status, CredentialOutcome::Status::ElicitationRequired);
        return;
    }
    // wrongIss, missingIss
    QCOMPARE(person.get(callback).status, 400);
    QCOMPARE(m_as->codeRedemptions(), 0);
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Failed);
    QVERIFY(elicitationEvents().last().detail.contains(QLatin1String("RFC 9207")));
}

void tst_ElicitationBroker::oauthDeniedIsDeclined()
{
    m_as->setDeny(true);
    const CredentialOutcome first = acquireSync(m_broker, oauthContext());
    ScriptedBrowser person;
    const BrowserPage done = person.submit(person.get(first.url), QStringLiteral("continue"));
    QCOMPARE(done.status, 200);
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Declined);
}

void tst_ElicitationBroker::oauthNonHttpsAuthorizationEndpointRefused()
{
    ElicitationContext context = oauthContext();
    context.auth.allowLoopbackHttpTokenEndpoint = false; // plain http on loopback not allowed
    const CredentialOutcome first = acquireSync(m_broker, context);
    ScriptedBrowser person;
    const BrowserPage done = person.submit(person.get(first.url), QStringLiteral("continue"));
    QCOMPARE(done.status, 502);
    QCOMPARE(m_as->authorizeCount(), 0);
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Failed);
}

void tst_ElicitationBroker::refreshAfterExpiryIsSingleFlight()
{
    m_as->setAccessTokenLifetime(1);
    m_as->setTokenDelayMs(200); // keeps the refresh in flight while the others arrive
    const ElicitationContext context = oauthContext();
    const CredentialOutcome first = acquireSync(m_broker, context);
    ScriptedBrowser person;
    QCOMPARE(person.submit(person.get(first.url), QStringLiteral("continue")).status, 200);
    const QByteArray original = acquireSync(m_broker, context).credential;
    QVERIFY(!original.isEmpty());
    QTest::qWait(1100);
    auto results = std::make_shared<QList<CredentialOutcome>>();
    for (int i = 0; i < 6; ++i)
        m_broker->acquire(context, [results](const CredentialOutcome& o) { results->append(o); });
    QTRY_COMPARE(results->size(), 6);
    QTest::qWait(300); // a second refresh, if one was wrongly sent, would land now
    QCOMPARE(m_as->refreshRequests(), 1);
    QCOMPARE(m_as->refreshCount(), 1);
    for (const CredentialOutcome& o : *results) {
        QCOMPARE(o.status, CredentialOutcome::Status::Ready);
        QCOMPARE(o.credential, results->first().credential);
        QVERIFY(o.credential != original);
    }
    QCOMPARE(stages({}).count(QStringLiteral("refreshed")), 1);
    QVERIFY(!stages({}).contains(QStringLiteral("revoked")));
}

void tst_ElicitationBroker::backend401RefreshesOnceThenAsksAgain()
{
    const ElicitationContext context = oauthContext();
    const CredentialOutcome first = acquireSync(m_broker, context);
    ScriptedBrowser person;
    QCOMPARE(person.submit(person.get(first.url), QStringLiteral("continue")).status, 200);
    const QByteArray token1 = acquireSync(m_broker, context).credential;
    QVERIFY(m_broker->invalidate(QStringLiteral("demo"), kPerson, token1)); // one refresh try
    const CredentialOutcome refreshed = acquireSync(m_broker, context);
    QCOMPARE(refreshed.status, CredentialOutcome::Status::Ready);
    QVERIFY(refreshed.credential != token1);
    QCOMPARE(m_as->refreshCount(), 1);
    QVERIFY(!m_broker->invalidate(QStringLiteral("demo"), kPerson, refreshed.credential)); // dropped
    const CredentialOutcome again = acquireSync(m_broker, context);
    QCOMPARE(again.status, CredentialOutcome::Status::ElicitationRequired);
    QCOMPARE(m_as->refreshCount(), 1);

    // A refused refresh token also leads back to the person.
    QCOMPARE(person.submit(person.get(again.url), QStringLiteral("continue")).status, 200);
    const QByteArray token3 = acquireSync(m_broker, context).credential;
    m_as->revokeRefreshTokens();
    QVERIFY(m_broker->invalidate(QStringLiteral("demo"), kPerson, token3));
    QCOMPARE(acquireSync(m_broker, context).status, CredentialOutcome::Status::ElicitationRequired);
}

void tst_ElicitationBroker::verifyUser_data()
{
    QTest::addColumn<QString>("signedInSubject");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<bool>("oauthBackend");
    QTest::newRow("same person") << "alice" << true << false;
    QTest::newRow("another person (other sub)") << "mallory" << false << false;
    QTest::newRow("same person, elicited OAuth backend") << "alice" << true << true;
    QTest::newRow("another person, elicited OAuth backend") << "mallory" << false << true;
}

void tst_ElicitationBroker::verifyUser()
{
    QFETCH(QString, signedInSubject);
    QFETCH(bool, accepted);
    QFETCH(bool, oauthBackend);
    OAuthCodeServer endpointAs; // the MCP endpoint's authorization server
    QVERIFY(endpointAs.start());
    QUrl callback = m_server->baseUrl();
    callback.setPath(QStringLiteral("/elicit/callback"));
    endpointAs.registerClient(QStringLiteral("page-client"), callback.toString());
    endpointAs.setSubject(signedInSubject);

    ElicitationContext context = oauthBackend ? oauthContext() : tokenContext();
    context.person = endpointAs.issuer() + QStringLiteral(" alice");
    context.endpoint.mode = EndpointSecurity::Mode::OAuth2;
    context.endpoint.authorizationServers = QStringList{endpointAs.issuer()};
    context.endpoint.allowLoopbackHttpIssuers = true;
    context.settings.verifyUserClientId = QStringLiteral("page-client");
    const CredentialOutcome first = acquireSync(m_broker, context);
    ScriptedBrowser person;
    const BrowserPage intro = person.get(first.url);
    QCOMPARE(intro.status, 200);
    QVERIFY(!intro.body.contains("type=\"password\"")); // no credential field before signing in
    // The credential form cannot be skipped to.
    QCOMPARE(person.submit(intro, QStringLiteral("verify"), {}, {}, {QStringLiteral("action")}).status, 403);
    const BrowserPage afterSignIn = person.submit(intro, QStringLiteral("verify"));
    QCOMPARE(endpointAs.codeRedemptions(), 1);
    QVERIFY(endpointAs.lastAuthorizeParams().contains(QStringLiteral("scope=openid")));
    if (!accepted) {
        QCOMPARE(afterSignIn.status, 403);
        QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Failed);
        QVERIFY(elicitationEvents().last().detail.contains(QLatin1String("not the one")));
        QCOMPARE(m_as->authorizeCount(), 0); // never sent on to the backend's server
        return;
    }
    QCOMPARE(afterSignIn.status, 200);
    if (oauthBackend) {
        QVERIFY(afterSignIn.body.contains("value=\"continue\""));
        const BrowserPage connected = person.submit(afterSignIn, QStringLiteral("continue"));
        QCOMPARE(connected.status, 200);
        QCOMPARE(m_as->codeRedemptions(), 1);
        QCOMPARE(acquireSync(m_broker, context).status, CredentialOutcome::Status::Ready);
        return;
    }
    QVERIFY(afterSignIn.body.contains("type=\"password\""));
    QCOMPARE(person.submit(afterSignIn, QStringLiteral("submit"), {{QStringLiteral("credential"), kCanary}}).status,
             200);
    QCOMPARE(acquireSync(m_broker, context).status, CredentialOutcome::Status::Ready);
}

void tst_ElicitationBroker::eventsNeverCarryCredentials()
{
    QTemporaryDir dir;
    WorkspaceConfig config = m_server->config();
    config.gateway.trafficLogFile = dir.filePath(QStringLiteral("traffic.jsonl"));
    QVERIFY(m_server->applyConfig(config));
    // Both kinds, with refreshes and a revocation.
    const CredentialOutcome token = acquireSync(m_broker, tokenContext());
    ScriptedBrowser a;
    QCOMPARE(completeToken(a, token.url, kCanary).status, 200);
    QVERIFY(!m_broker->invalidate(QStringLiteral("demo"), kPerson, acquireSync(m_broker, tokenContext()).credential));

    ElicitationContext oauth = oauthContext();
    oauth.service = QStringLiteral("other");
    const CredentialOutcome flow = acquireSync(m_broker, oauth);
    ScriptedBrowser b;
    QCOMPARE(b.submit(b.get(flow.url), QStringLiteral("continue")).status, 200);
    QVERIFY(m_broker->invalidate(QStringLiteral("other"), kPerson, acquireSync(m_broker, oauth).credential));
    QCOMPARE(acquireSync(m_broker, oauth).status, CredentialOutcome::Status::Ready);

    QStringList secrets{kCanary};
    secrets += m_as->issuedAccessTokens();
    QByteArray everything;
    for (const TrafficEvent& e : m_server->trafficLog()->events())
        everything += QJsonDocument(e.toJson()).toJson();
    QFile file(config.gateway.trafficLogFile);
    QVERIFY(file.open(QIODevice::ReadOnly));
    everything += file.readAll();
    QVERIFY(everything.contains("\"stage\":\"refreshed\"") || everything.contains("\"stage\": \"refreshed\""));
    for (const QString& secret : std::as_const(secrets))
        QVERIFY2(!everything.contains(secret.toUtf8()), qPrintable(QStringLiteral("leaked %1").arg(secret.left(6))));
    QVERIFY(!everything.contains("rt-")); // no refresh token either
    QVERIFY(!everything.contains("code=")); // nor an authorization code in a path
}

void tst_ElicitationBroker::forgetRevokes()
{
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    ScriptedBrowser person;
    QCOMPARE(completeToken(person, first.url, kCanary).status, 200);
    QCOMPARE(acquireSync(m_broker, tokenContext()).status, CredentialOutcome::Status::Ready);
    auto removed = std::make_shared<int>(-1);
    m_broker->forget(QStringLiteral("demo"), {}, [removed](int n, const QString&) { *removed = n; });
    QTRY_COMPARE(*removed, 1);
    QCOMPARE(acquireSync(m_broker, tokenContext()).status, CredentialOutcome::Status::ElicitationRequired);
}

void tst_ElicitationBroker::listingShowsMetadataAndRevokeAsksAgain()
{
    QVERIFY(m_broker->credentials().isEmpty());
    ElicitationContext persisted = tokenContext();
    persisted.settings.persist = true;
    const ElicitationContext other = tokenContext(QStringLiteral("key:77777777"));
    ScriptedBrowser person;
    QCOMPARE(completeToken(person, acquireSync(m_broker, persisted).url, kCanary).status, 200);
    QCOMPARE(completeToken(person, acquireSync(m_broker, other).url, QStringLiteral("second-value")).status, 200);

    const QList<Gateway::ElicitedCredentialInfo> listed = m_broker->credentials();
    QCOMPARE(listed.size(), 2);
    QCOMPARE(listed.at(0).person, kPerson); // sorted by service, then person
    QCOMPARE(listed.at(1).person, QStringLiteral("key:77777777"));
    for (const Gateway::ElicitedCredentialInfo& info : listed) {
        QCOMPARE(info.service, QStringLiteral("demo"));
        QCOMPARE(info.kind, BackendAuth::Kind::ElicitedToken);
        QVERIFY(info.obtainedAt.isValid());
        QVERIFY(qAbs(info.obtainedAt.secsTo(QDateTime::currentDateTimeUtc())) < 60);
        QVERIFY(!info.expiresAt.isValid()); // a typed token has no known expiry
        QVERIFY(!info.hasRefreshToken);
        QVERIFY(!info.refreshDue);
        QVERIFY(!info.refreshing);
    }
    QVERIFY(listed.at(0).persisted);
    QVERIFY(!listed.at(1).persisted);

    // Revoke one: only that person is asked again; the revocation is an event without the value.
    auto removed = std::make_shared<int>(-1);
    m_broker->revoke(QStringLiteral("demo"), kPerson, [removed](int n, const QString&) { *removed = n; });
    QTRY_COMPARE(*removed, 1);
    QCOMPARE(m_broker->credentials().size(), 1);
    QCOMPARE(m_broker->credentials().first().person, QStringLiteral("key:77777777"));
    QCOMPARE(acquireSync(m_broker, persisted).status, CredentialOutcome::Status::ElicitationRequired);
    QCOMPARE(acquireSync(m_broker, other).status, CredentialOutcome::Status::Ready);
    bool revokedEvent = false;
    for (const TrafficEvent& e : elicitationEvents()) {
        QVERIFY(!QJsonDocument(e.toJson()).toJson().contains(kCanary.toUtf8()));
        if (e.elicitationStage == QLatin1String("revoked") && e.principal == kPerson)
            revokedEvent = e.detail.contains(QLatin1String("operator"));
    }
    QVERIFY(revokedEvent);

    // Revoke all.
    *removed = -1;
    m_broker->revoke(QStringLiteral("demo"), {}, [removed](int n, const QString&) { *removed = n; });
    QTRY_COMPARE(*removed, 1);
    QVERIFY(m_broker->credentials().isEmpty());
    QCOMPARE(acquireSync(m_broker, other).status, CredentialOutcome::Status::ElicitationRequired);
}

void tst_ElicitationBroker::persistedCredentialSurvivesRestart()
{
    ElicitationContext context = tokenContext();
    context.settings.persist = true;
    const CredentialOutcome first = acquireSync(m_broker, context);
    ScriptedBrowser person;
    QCOMPARE(completeToken(person, first.url, kCanary).status, 200);
    QTRY_VERIFY(m_secrets->size() >= 2); // the entry and the service's index
    // Not persisted without the opt-in.
    ElicitationContext other = tokenContext(QStringLiteral("key:77777777"));
    const CredentialOutcome second = acquireSync(m_broker, other);
    QCOMPARE(completeToken(person, second.url, QStringLiteral("not-persisted")).status, 200);

    // A restart: a new gateway over the same secret store.
    m_server = std::make_unique<GatewayServer>();
    m_server->setSecretStore(m_secrets.get());
    m_broker = m_server->elicitationBroker();
    context.gatewayBase = QUrl(QStringLiteral("http://127.0.0.1:1"));
    const CredentialOutcome ready = acquireSync(m_broker, context);
    QCOMPARE(ready.status, CredentialOutcome::Status::Ready);
    QCOMPARE(ready.headers.value(0).second, QByteArray("Bearer ") + kCanary.toUtf8());
    other.gatewayBase = context.gatewayBase;
    QCOMPARE(acquireSync(m_broker, other).status, CredentialOutcome::Status::ElicitationRequired);
    // Forgetting removes it from the store as well.
    auto removed = std::make_shared<int>(-1);
    m_broker->forget(QStringLiteral("demo"), kPerson, [removed](int n, const QString&) { *removed = n; });
    QTRY_COMPARE(*removed, 1);
    QCOMPARE(m_secrets->size(), 0);
}

void tst_ElicitationBroker::personRules_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("principal");
    QTest::addColumn<QString>("session");
    QTest::addColumn<QString>("person");
    QTest::newRow("oauth2: iss + sub") << int(EndpointSecurity::Mode::OAuth2) << "https://idp alice"
                                       << "s1"
                                       << "https://idp alice";
    QTest::newRow("api key: key id") << int(EndpointSecurity::Mode::ApiKey) << "key:1a2b3c4d"
                                     << ""
                                     << "key:1a2b3c4d";
    QTest::newRow("none with a session") << int(EndpointSecurity::Mode::None) << "anonymous"
                                         << "abc"
                                         << "session:abc";
    QTest::newRow("none, stateless 2026-07-28: nobody") << int(EndpointSecurity::Mode::None) << "anonymous"
                                                        << ""
                                                        << "";
}

void tst_ElicitationBroker::personRules()
{
    QFETCH(int, mode);
    QFETCH(QString, principal);
    QFETCH(QString, session);
    QFETCH(QString, person);
    QCOMPARE(ElicitationBroker::personFor(EndpointSecurity::Mode(mode), principal, session), person);
}

void tst_ElicitationBroker::routeSharesHostOriginPolicy()
{
    const quint16 port = m_server->serverPort();
    const QByteArray path = "/elicit/AAAAAAAAAAAAAAAAAAAAAA";
    auto rebinding = exchange(port, "GET " + path + " HTTP/1.1\r\nHost: evil.example\r\n\r\n");
    QCOMPARE(rebinding.size(), 1);
    QCOMPARE(rebinding.first().status, 403);
    auto own = exchange(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n");
    QCOMPARE(own.size(), 1);
    QCOMPARE(own.first().status, 410);
    const TrafficEvent last = m_server->trafficLog()->events().last();
    QCOMPARE(last.kind, TrafficEvent::Kind::Elicitation);
    QCOMPARE(last.httpStatus, 410);
}

void tst_ElicitationBroker::publicUrlIsTheGatewaysOwnOrigin()
{
    WorkspaceConfig config = m_server->config();
    config.gateway.publicUrl = QUrl(QStringLiteral("https://mcp.example.com"));
    QVERIFY(m_server->applyConfig(config));
    Gateway::HttpRequest mcp;
    mcp.headers.append(qMakePair(QByteArray("Host"), QByteArray("127.0.0.1:1")));
    ElicitationContext context = tokenContext();
    context.gatewayBase = ElicitationBroker::gatewayBaseFor(config.gateway, mcp);
    QCOMPARE(context.gatewayBase, config.gateway.publicUrl);
    const CredentialOutcome first = acquireSync(m_broker, context);
    QCOMPARE(first.url.toString(), QStringLiteral("https://mcp.example.com/elicit/") + first.elicitationId);

    const quint16 port = m_server->serverPort();
    const QByteArray path = first.url.path().toLatin1();
    const auto opened = exchange(port, "GET " + path + " HTTP/1.1\r\nHost: mcp.example.com\r\n\r\n");
    QCOMPARE(opened.size(), 1);
    QCOMPARE(opened.first().status, 200);
    const QByteArray setCookie = opened.first().header("Set-Cookie");
    QVERIFY2(setCookie.contains("; Secure"), setCookie.constData()); // https public URL: Secure cookie
    const QByteArray cookie = setCookie.left(setCookie.indexOf(';'));
    const QRegularExpression csrfRe(QStringLiteral("name=\"csrf\" value=\"([^\"]+)\""));
    const QString csrf = csrfRe.match(QString::fromUtf8(opened.first().body)).captured(1);
    QVERIFY(!csrf.isEmpty());
    const QByteArray body = "csrf=" + csrf.toLatin1() + "&action=submit&credential=" + kCanary.toLatin1();
    const auto saved
        = exchange(port,
                   "POST " + path + " HTTP/1.1\r\nHost: mcp.example.com\r\nOrigin: https://mcp.example.com\r\nCookie: "
                       + cookie + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                       + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QCOMPARE(saved.size(), 1);
    QCOMPARE(saved.first().status, 200);
    QCOMPARE(acquireSync(m_broker, context).status, CredentialOutcome::Status::Ready);
}

void tst_ElicitationBroker::clientDeclineEndsOnlyOwnFlow()
{
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    QVERIFY(!m_broker->decline(first.elicitationId, QStringLiteral("key:99999999"))); // not theirs
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Pending);
    QVERIFY(m_broker->decline(first.elicitationId, kPerson));
    QCOMPARE(m_broker->flowStatus(first.elicitationId), ElicitationFlowStatus::Declined);
    QVERIFY(!m_broker->decline(first.elicitationId, kPerson));
    ScriptedBrowser person;
    QCOMPARE(person.get(first.url).status, 410);
    QCOMPARE(m_broker->flowStatus(QStringLiteral("unknown")), ElicitationFlowStatus::Unknown);
}

void tst_ElicitationBroker::eventJsonShape()
{
    // Events of other kinds keep their JSON as before.
    TrafficEvent plain;
    QVERIFY(!plain.toJson().contains(QLatin1String("elicitation")));
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    const QJsonObject json = elicitationEvents().first().toJson();
    QCOMPARE(json.value(QLatin1String("kind")).toString(), QStringLiteral("elicitation"));
    QCOMPARE(json.value(QLatin1String("service")).toString(), QStringLiteral("demo"));
    QCOMPARE(json.value(QLatin1String("principal")).toString(), kPerson);
    QCOMPARE(json.value(QLatin1String("protocol")).toString(), QStringLiteral("2026-07-28"));
    const QJsonObject e = json.value(QLatin1String("elicitation")).toObject();
    QCOMPARE(e.value(QLatin1String("stage")).toString(), QStringLiteral("requested"));
    QCOMPARE(e.value(QLatin1String("id")).toString(), first.elicitationId);
    QCOMPARE(e.value(QLatin1String("credentialKind")).toString(), QStringLiteral("elicitedToken"));
    QCOMPARE(e.value(QLatin1String("ageMs")).toInt(), 0);
}

void tst_ElicitationBroker::headDoesNotClaimTheLink()
{
    const CredentialOutcome first = acquireSync(m_broker, tokenContext());
    const quint16 port = m_server->serverPort();
    const auto head = exchange(port,
                               "HEAD " + first.url.path().toLatin1()
                                   + " HTTP/1.1\r\nHost: 127.0.0.1:" + QByteArray::number(port) + "\r\n\r\n");
    QCOMPARE(head.size(), 1);
    QCOMPARE(head.first().status, 200);
    QVERIFY(head.first().header("Set-Cookie").isEmpty());
    ScriptedBrowser person;
    QCOMPARE(completeToken(person, first.url, kCanary).status, 200);
    QCOMPARE(stages(first.elicitationId), (QStringList{"requested", "opened", "completed"}));
}

QTEST_GUILESS_MAIN(tst_ElicitationBroker)
#include "tst_elicitationbroker.moc"
