// SPDX-License-Identifier: GPL-3.0-or-later
// AuthorizationServerDirectory against real loopback authorization servers: discovery order
// (RFC 8414 with path insertion, then OIDC), the issuer identity check (metadata must name its own issuer), JWKS keys usable
// by JwtVerifier, key rotation with a rate-limited refetch, JWKS outages with and without
// cached keys (503 without, old keys kept with), single flight.
#include "FakeAuthorizationServer.h"
#include "TestJwtIssuer.h"
#include "security/AuthorizationServerDirectory.h"
#include "security/JwtVerifier.h"

#include <QDateTime>
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include <memory>

using Gateway::AuthorizationServerDirectory;
using Gateway::JwkSet;
using Gateway::JwtVerifier;
using TestSupport::FakeAuthorizationServer;
using TestSupport::TestKey;
using Status = Gateway::AuthorizationServerDirectory::IssuerState::Status;

namespace {

const QString kAudience = QStringLiteral("https://127.0.0.1:8787/mcp");
const QString kOauth = QStringLiteral("/.well-known/oauth-authorization-server");
const QString kOpenId = QStringLiteral("/.well-known/openid-configuration");

struct KeysAnswer
{
    bool called = false;
    bool hasKeys = false;
    JwkSet keys;
    QString error;
};

// withKeys() into a shared answer the test can QTRY on.
std::shared_ptr<KeysAnswer> askKeys(AuthorizationServerDirectory& directory, const QString& issuer)
{
    auto answer = std::make_shared<KeysAnswer>();
    directory.withKeys(issuer, [answer](const JwkSet* keys, const QString& error) {
        answer->called = true;
        answer->hasKeys = keys != nullptr;
        if (keys)
            answer->keys = *keys;
        answer->error = error;
    });
    return answer;
}

QByteArray tokenFor(const TestKey& key, const QString& kid, const QString& issuer)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{"alg", key.defaultAlg()}, {"typ", "at+jwt"}, {"kid", kid}};
    const QJsonObject claims{{"iss", issuer}, {"aud", kAudience}, {"sub", "alice"},
                             {"iat", now},    {"exp", now + 300}, {"scope", "mcp"}};
    return TestSupport::makeToken(header, claims, key);
}

JwtVerifier::Result verify(const QByteArray& token, const JwkSet& keys, const QString& issuer)
{
    JwtVerifier::Expectations expectations;
    expectations.issuer = issuer;
    expectations.audience = kAudience;
    return JwtVerifier::verify(token, keys, expectations, QDateTime::currentSecsSinceEpoch());
}

std::unique_ptr<AuthorizationServerDirectory> makeDirectory()
{
    auto directory = std::make_unique<AuthorizationServerDirectory>();
    directory->setAllowLoopbackHttp(true);
    directory->setFetchTimeoutMs(2000);
    return directory;
}

} // namespace

class TestAuthorizationServerDirectory : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void discoveryUrls_data();
    void discoveryUrls();
    void discoveryOrder_data();
    void discoveryOrder();
    void discoveryGivesUp();
    void issuerMismatch_data();
    void issuerMismatch();
    void insecureIssuerRefused();
    void keysUsableWithVerifier();
    void keyRotation();
    void jwksDownKeepsOldKeys();
    void cachedKeysExpire();
    void jwksNeverReachable();
    void insecureJwksUriRefused();
    void singleFlight();
    void softRefreshServesCachedKeys();

private:
    TestKey m_ec;
    TestKey m_ec2;
    TestKey m_rsa;
};

void TestAuthorizationServerDirectory::initTestCase()
{
    m_ec = TestKey::ec();
    m_ec2 = TestKey::ec();
    m_rsa = TestKey::rsa();
    QVERIFY(!m_ec.isNull() && !m_ec2.isNull() && !m_rsa.isNull());
}

void TestAuthorizationServerDirectory::discoveryUrls_data()
{
    QTest::addColumn<QString>("issuer");
    QTest::addColumn<QStringList>("urls");
    QTest::newRow("path") << "https://as.example.com/t1"
                          << QStringList{"https://as.example.com/.well-known/oauth-authorization-server/t1",
                                         "https://as.example.com/.well-known/openid-configuration/t1",
                                         "https://as.example.com/t1/.well-known/openid-configuration"};
    QTest::newRow("path with trailing slash")
        << "https://as.example.com/t1/"
        << QStringList{"https://as.example.com/.well-known/oauth-authorization-server/t1",
                       "https://as.example.com/.well-known/openid-configuration/t1",
                       "https://as.example.com/t1/.well-known/openid-configuration"};
    QTest::newRow("deep path and port")
        << "https://as.example.com:8443/realms/a%20b"
        << QStringList{"https://as.example.com:8443/.well-known/oauth-authorization-server/realms/a%20b",
                       "https://as.example.com:8443/.well-known/openid-configuration/realms/a%20b",
                       "https://as.example.com:8443/realms/a%20b/.well-known/openid-configuration"};
    QTest::newRow("no path") << "https://as.example.com"
                             << QStringList{"https://as.example.com/.well-known/oauth-authorization-server",
                                            "https://as.example.com/.well-known/openid-configuration"};
    QTest::newRow("root path") << "https://as.example.com/"
                               << QStringList{"https://as.example.com/.well-known/oauth-authorization-server",
                                              "https://as.example.com/.well-known/openid-configuration"};
    QTest::newRow("relative") << "/t1" << QStringList{};
}

void TestAuthorizationServerDirectory::discoveryUrls()
{
    QFETCH(QString, issuer);
    QFETCH(QStringList, urls);
    QStringList got;
    for (const QUrl& url : AuthorizationServerDirectory::discoveryUrls(QUrl(issuer)))
        got.append(url.toString(QUrl::FullyEncoded));
    QCOMPARE(got, urls);
}

void TestAuthorizationServerDirectory::discoveryOrder_data()
{
    QTest::addColumn<QString>("issuerPath");
    QTest::addColumn<QString>("servedAt");
    QTest::addColumn<QStringList>("expectedPaths");
    QTest::newRow("RFC 8414 path insertion first") << "/t1" << kOauth + "/t1" << QStringList{kOauth + "/t1", "/jwks"};
    QTest::newRow("then OpenID with path insertion")
        << "/t1" << kOpenId + "/t1" << QStringList{kOauth + "/t1", kOpenId + "/t1", "/jwks"};
    QTest::newRow("then OpenID appended")
        << "/t1"
        << "/t1" + kOpenId << QStringList{kOauth + "/t1", kOpenId + "/t1", "/t1" + kOpenId, "/jwks"};
    QTest::newRow("no path: RFC 8414") << "" << kOauth << QStringList{kOauth, "/jwks"};
    QTest::newRow("no path: then OpenID") << "" << kOpenId << QStringList{kOauth, kOpenId, "/jwks"};
}

void TestAuthorizationServerDirectory::discoveryOrder()
{
    QFETCH(QString, issuerPath);
    QFETCH(QString, servedAt);
    QFETCH(QStringList, expectedPaths);

    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl() + issuerPath;
    server.publishMetadata(servedAt, issuer);
    server.setJwks(QJsonArray{m_ec.publicJwk("a")});

    auto directory = makeDirectory();
    QCOMPARE(directory->state(issuer), nullptr);
    QSignalSpy updated(directory.get(), &AuthorizationServerDirectory::issuerUpdated);
    directory->ensure(issuer);
    QVERIFY(directory->state(issuer));
    QCOMPARE(directory->state(issuer)->status, Status::Loading);
    QTRY_COMPARE(directory->state(issuer)->status, Status::Ready);

    QCOMPARE(server.requestedPaths(), expectedPaths);
    const auto* state = directory->state(issuer);
    QVERIFY(state->error.isEmpty());
    QCOMPARE(state->metadataUrl, QUrl(server.baseUrl() + servedAt));
    QCOMPARE(state->metadata.value("issuer").toString(), issuer);
    QCOMPARE(state->keys.kids(), QStringList{"a"});
    QVERIFY(state->keysFetchedAt.isValid());
    QVERIFY(!state->fetching);
    QCOMPARE(directory->tokenEndpoint(issuer), QUrl(server.baseUrl() + "/token"));
    QCOMPARE(directory->introspectionEndpoint(issuer), QUrl(server.baseUrl() + "/introspect"));
    QCOMPARE(directory->jwksUri(issuer), QUrl(server.baseUrl() + "/jwks"));
    QVERIFY(updated.count() >= 2);
    QVERIFY(updated.constLast().at(0).toString() == issuer);

    const QStringList steps = directory->steps(issuer);
    QVERIFY2(steps.contains(QString("GET %1%2 \u2192 200").arg(server.baseUrl(), servedAt)),
             qPrintable(steps.join('\n')));
    QVERIFY(steps.contains("issuer matches"));
    QVERIFY(steps.contains("JWKS: 1 key (kid a)"));
    if (expectedPaths.size() > 2)
        QVERIFY(steps.contains(QString("GET %1%2 \u2192 HTTP 404").arg(server.baseUrl(), expectedPaths.first())));

    // Ready: nothing is fetched again.
    directory->ensure(issuer);
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY(answer->hasKeys);
    QCOMPARE(server.requestedPaths(), expectedPaths);
}

void TestAuthorizationServerDirectory::discoveryGivesUp()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl() + "/t1";
    // The last candidate answers HTML (an SPA catch-all), the others 404: nothing usable.
    FakeAuthorizationServer::Route html;
    html.body = "<html></html>";
    html.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("text/html")));
    server.setRoute("/t1" + kOpenId, html);

    auto directory = makeDirectory();
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY(!answer->hasKeys);
    QCOMPARE(directory->state(issuer)->status, Status::Failed);
    QVERIFY2(answer->error.startsWith("no authorization server metadata found"), qPrintable(answer->error));
    QCOMPARE(server.requests().size(), 3);

    // A failed discovery is retried, but not before the refresh interval.
    const auto again = askKeys(*directory, issuer);
    QTRY_VERIFY(again->called);
    QVERIFY(!again->hasKeys);
    QCOMPARE(server.requests().size(), 3);
    QVERIFY(!directory->requestRefresh(issuer));

    directory->setMinRefreshIntervalMs(0);
    server.publishMetadata(kOauth + "/t1", issuer);
    server.setJwks(QJsonArray{m_ec.publicJwk("a")});
    const auto retried = askKeys(*directory, issuer);
    QTRY_VERIFY(retried->called);
    QVERIFY2(retried->hasKeys, qPrintable(retried->error));
    QCOMPARE(directory->state(issuer)->status, Status::Ready);
}

void TestAuthorizationServerDirectory::issuerMismatch_data()
{
    QTest::addColumn<QString>("advertised"); // appended to baseUrl(); "-" for no issuer member
    QTest::newRow("other tenant") << "/t2";
    QTest::newRow("trailing slash") << "/t1/";
    QTest::newRow("case differs") << "/T1";
    QTest::newRow("no issuer") << "-";
}

void TestAuthorizationServerDirectory::issuerMismatch()
{
    QFETCH(QString, advertised);
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl() + "/t1";
    server.publishMetadata(kOauth + "/t1", server.baseUrl() + advertised);
    if (advertised == "-") {
        QJsonObject metadata{{"jwks_uri", server.baseUrl() + "/jwks"}};
        server.setJson(kOauth + "/t1", metadata);
    }
    server.setJwks(QJsonArray{m_ec.publicJwk("a")});

    auto directory = makeDirectory();
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY(!answer->hasKeys);
    const auto* state = directory->state(issuer);
    QCOMPARE(state->status, Status::Failed);
    QVERIFY(state->metadata.isEmpty());
    QVERIFY(state->keys.isEmpty());
    QCOMPARE(answer->error, state->error);
    QVERIFY2(state->error.contains("not the configured issuer"), qPrintable(state->error));
    QVERIFY(state->error.contains("RFC 8414"));
    QVERIFY(state->error.contains("cannot be used"));
    // The mismatching document is not used at all: no fallback, no JWKS fetch.
    QCOMPARE(server.requestedPaths(), QStringList{kOauth + "/t1"});
    QVERIFY(directory->steps(issuer).last().startsWith("failed: "));
    QCOMPARE(directory->tokenEndpoint(issuer), QUrl());
}

void TestAuthorizationServerDirectory::insecureIssuerRefused()
{
    auto directory = std::make_unique<AuthorizationServerDirectory>(); // loopback http not allowed
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer);

    for (const QString& bad : {issuer, QString("http://as.example.com"), QString("https://as.example.com/?a=b")}) {
        const auto answer = askKeys(*directory, bad);
        QVERIFY(!answer->called); // never from inside withKeys()
        QTRY_VERIFY(answer->called);
        QVERIFY(!answer->hasKeys);
        QCOMPARE(directory->state(bad)->status, Status::Failed);
        QVERIFY2(answer->error.contains("issuer"), qPrintable(answer->error));
    }
    QVERIFY(server.requests().isEmpty());
}

void TestAuthorizationServerDirectory::keysUsableWithVerifier()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer);
    server.setJwks(QJsonArray{m_ec.publicJwk("a"), m_rsa.publicJwk("b")});

    auto directory = makeDirectory();
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY2(answer->hasKeys, qPrintable(answer->error));
    QVERIFY(answer->error.isEmpty());
    QCOMPARE(answer->keys.kids(), (QStringList{"a", "b"}));
    QVERIFY(directory->steps(issuer).contains("JWKS: 2 keys (kid a, kid b)"));

    for (const auto& [key, kid] : {std::pair{m_ec, QString("a")}, std::pair{m_rsa, QString("b")}}) {
        const auto result = verify(tokenFor(key, kid, issuer), answer->keys, issuer);
        QVERIFY2(result.ok, qPrintable(result.reason + ": " + result.description));
        QCOMPARE(result.subject, QString("alice"));
    }
    // A token signed by a key the AS never published.
    const auto forged = verify(tokenFor(m_ec2, "a", issuer), answer->keys, issuer);
    QCOMPARE(forged.reason, QString("bad_signature"));
}

void TestAuthorizationServerDirectory::keyRotation()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer);
    server.setJwks(QJsonArray{m_ec.publicJwk("old")});

    auto directory = makeDirectory();
    directory->setMinRefreshIntervalMs(400);
    directory->ensure(issuer);
    QTRY_COMPARE(directory->state(issuer)->status, Status::Ready);
    QCOMPARE(server.count("/jwks"), 1);

    // The AS rotates: the new kid is unknown to the cached set.
    server.setJwks(QJsonArray{m_ec2.publicJwk("new"), m_ec.publicJwk("old")});
    const QByteArray token = tokenFor(m_ec2, "new", issuer);
    const auto before = verify(token, directory->state(issuer)->keys, issuer);
    QCOMPARE(before.reason, QString("unknown_kid"));
    QVERIFY(before.unknownKid);

    // Right after the initial fetch the refetch is rate-limited.
    QVERIFY(!directory->requestRefresh(issuer));
    QTest::qWait(450);

    QVERIFY(directory->requestRefresh(issuer));
    QVERIFY(directory->state(issuer)->fetching);
    QCOMPARE(directory->state(issuer)->status, Status::Ready); // the old keys stay usable meanwhile
    QVERIFY(directory->requestRefresh(issuer)); // joins the running refetch
    const auto answer = askKeys(*directory, issuer); // waits for the refetch
    QTRY_VERIFY(answer->called);
    QVERIFY(answer->hasKeys);
    QCOMPARE(answer->keys.kids(), (QStringList{"new", "old"}));
    QCOMPARE(server.count("/jwks"), 2);
    const auto after = verify(token, answer->keys, issuer);
    QVERIFY2(after.ok, qPrintable(after.reason));

    // A second refresh within the interval is refused and fetches nothing.
    QVERIFY(!directory->requestRefresh(issuer));
    QTest::qWait(100);
    QCOMPARE(server.count("/jwks"), 2);
    QCOMPARE(server.count(kOauth), 1); // metadata is not rediscovered for a key refresh
}

void TestAuthorizationServerDirectory::jwksDownKeepsOldKeys()
{
    FakeAuthorizationServer server;
    FakeAuthorizationServer jwksServer; // another origin for the JWKS, as many IdPs do
    QVERIFY(server.start());
    QVERIFY(jwksServer.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer, jwksServer.baseUrl() + "/keys");
    jwksServer.setJwks(QJsonArray{m_ec.publicJwk("a")}, "/keys");

    auto directory = makeDirectory();
    directory->setMinRefreshIntervalMs(0);
    directory->ensure(issuer);
    QTRY_COMPARE(directory->state(issuer)->status, Status::Ready);
    const QDateTime fetchedAt = directory->state(issuer)->keysFetchedAt;

    jwksServer.stop();
    QVERIFY(directory->requestRefresh(issuer));
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY2(answer->hasKeys, qPrintable(answer->error));
    QCOMPARE(answer->keys.kids(), QStringList{"a"});
    const auto* state = directory->state(issuer);
    QCOMPARE(state->status, Status::Ready);
    QCOMPARE(state->keysFetchedAt, fetchedAt);
    QVERIFY2(state->error.startsWith("JWKS refresh failed: connection refused"), qPrintable(state->error));
    QVERIFY(directory->steps(issuer).contains("JWKS refresh failed; keeping the previous keys"));
    QVERIFY(verify(tokenFor(m_ec, "a", issuer), answer->keys, issuer).ok);

    // A refresh answering garbage or an empty set keeps them too.
    QVERIFY(jwksServer.start());
    jwksServer.setJwks(QJsonArray{}, "/keys");
    QVERIFY(directory->requestRefresh(issuer));
    const auto empty = askKeys(*directory, issuer);
    QTRY_VERIFY(empty->called);
    QVERIFY(empty->hasKeys);
    QVERIFY2(directory->state(issuer)->error.contains("no usable signing key"),
             qPrintable(directory->state(issuer)->error));
}

void TestAuthorizationServerDirectory::cachedKeysExpire()
{
    FakeAuthorizationServer server;
    FakeAuthorizationServer jwksServer;
    QVERIFY(server.start());
    QVERIFY(jwksServer.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer, jwksServer.baseUrl() + "/jwks");
    jwksServer.setJwks(QJsonArray{m_ec.publicJwk("a")});

    auto directory = makeDirectory();
    directory->setMinRefreshIntervalMs(0);
    directory->setMaxKeyAgeMs(600);
    directory->ensure(issuer);
    QTRY_COMPARE(directory->state(issuer)->status, Status::Ready);
    jwksServer.stop();

    QTest::qWait(700);
    // Too old: the keys count as absent; a refetch is tried and fails → no keys (caller answers 503).
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY(!answer->hasKeys);
    QVERIFY2(answer->error.startsWith("JWKS fetch failed"), qPrintable(answer->error));
    const auto* state = directory->state(issuer);
    QCOMPARE(state->status, Status::Failed);
    QVERIFY(state->keys.isEmpty());
    QVERIFY(directory->steps(issuer).join('\n').contains("the cached JWKS expired"));

    // The AS comes back: the next ask fetches again.
    QVERIFY(jwksServer.start());
    jwksServer.setJwks(QJsonArray{m_ec.publicJwk("a")});
    const auto back = askKeys(*directory, issuer);
    QTRY_VERIFY(back->called);
    QVERIFY2(back->hasKeys, qPrintable(back->error));
}

void TestAuthorizationServerDirectory::jwksNeverReachable()
{
    FakeAuthorizationServer server;
    FakeAuthorizationServer gone;
    QVERIFY(server.start());
    QVERIFY(gone.start());
    const QString deadJwks = gone.baseUrl() + "/jwks";
    gone.stop();
    const QString issuer = server.baseUrl() + "/t1";
    server.publishMetadata(kOauth + "/t1", issuer, deadJwks);

    auto directory = makeDirectory();
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY(!answer->hasKeys);
    QCOMPARE(answer->error, QString("JWKS fetch failed: connection refused"));
    const auto* state = directory->state(issuer);
    QCOMPARE(state->status, Status::Failed);
    QVERIFY(!state->metadata.isEmpty()); // the metadata itself was fine
    QVERIFY(!state->keysFetchedAt.isValid());

    // Within the refresh interval, further asks answer at once with the same error and fetch nothing.
    const int requests = server.requests().size();
    const auto again = askKeys(*directory, issuer);
    QVERIFY(!again->called);
    QTRY_VERIFY(again->called);
    QCOMPARE(again->error, answer->error);
    QCOMPARE(server.requests().size(), requests);
}

void TestAuthorizationServerDirectory::insecureJwksUriRefused()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer, "http://keys.example.com/jwks");

    auto directory = makeDirectory();
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY(answer->called);
    QVERIFY(!answer->hasKeys);
    QCOMPARE(answer->error, QString("JWKS fetch failed: insecure URL"));
}

void TestAuthorizationServerDirectory::singleFlight()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl() + "/t1";
    server.publishMetadata(kOauth + "/t1", issuer);
    server.setJwks(QJsonArray{m_ec.publicJwk("a")});

    auto directory = makeDirectory();
    QList<std::shared_ptr<KeysAnswer>> answers;
    for (int i = 0; i < 3; ++i)
        answers.append(askKeys(*directory, issuer));
    directory->ensure(issuer);
    QVERIFY(directory->requestRefresh(issuer)); // joins, does not start another
    for (const auto& answer : answers) {
        QTRY_VERIFY(answer->called);
        QVERIFY(answer->hasKeys);
        QCOMPARE(answer->keys.kids(), QStringList{"a"});
    }
    QCOMPARE(server.count(kOauth + "/t1"), 1);
    QCOMPARE(server.count("/jwks"), 1);
    QCOMPARE(server.requests().size(), 2);
}

void TestAuthorizationServerDirectory::softRefreshServesCachedKeys()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString issuer = server.baseUrl();
    server.publishMetadata(kOauth, issuer);
    server.setJwks(QJsonArray{m_ec.publicJwk("a")});

    auto directory = makeDirectory();
    directory->setMinRefreshIntervalMs(0);
    directory->setSoftRefreshAfterMs(0);
    directory->ensure(issuer);
    QTRY_COMPARE(directory->state(issuer)->status, Status::Ready);

    // Slow JWKS: the background refetch must not hold up the caller.
    FakeAuthorizationServer::Route slow;
    slow.body = R"({"keys":[]})";
    slow.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
    slow.delayMs = 1000;
    server.setRoute("/jwks", slow);
    QTest::qWait(5);
    const auto answer = askKeys(*directory, issuer);
    QTRY_VERIFY_WITH_TIMEOUT(answer->called, 500);
    QVERIFY(answer->hasKeys);
    QVERIFY(directory->state(issuer)->fetching);
    QTRY_VERIFY(!directory->state(issuer)->fetching);
    QCOMPARE(server.count("/jwks"), 2);
    QCOMPARE(directory->state(issuer)->keys.kids(), QStringList{"a"}); // the empty set did not replace them
}

QTEST_GUILESS_MAIN(TestAuthorizationServerDirectory)
#include "tst_authorizationserverdirectory.moc"
