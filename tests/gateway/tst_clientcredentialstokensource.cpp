// SPDX-License-Identifier: GPL-3.0-or-later
// ClientCredentialsTokenSource against a fake token endpoint on 127.0.0.1 (HttpFrontend): the request
// it sends (client_secret_basic, form body), caching until 30 s before expiry, single flight,
// invalidation after a backend 401, refused configurations and error responses, and a canary: the
// client secret never shows up in an error.
#include "backend/ClientCredentialsTokenSource.h"
#include "http/HttpFrontend.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretResolver.h"

#include <QtTest>

#include <memory>
#include <optional>

using Gateway::ClientCredentialsConfig;
using Gateway::ClientCredentialsTokenSource;
using Gateway::HttpFrontend;
using Gateway::HttpRequest;
using Gateway::HttpResponder;
using Gateway::HttpResponse;
using Gateway::MemorySecretStore;
using Gateway::SecretResolver;
using Gateway::SecretResult;

namespace {

constexpr int kWaitMs = 10000;

const QString kClientId = QStringLiteral("client id+1");
const QByteArray kSecret("s3cr:et/+ value-CANARY-91f2");
// base64("client%20id%2B1:s3cr%3Aet%2F%2B%20value-CANARY-91f2"): RFC 6749 §2.3.1 form-encoding first.
const QByteArray kExpectedBasic
    = "Basic " + QByteArray("client%20id%2B1:s3cr%3Aet%2F%2B%20value-CANARY-91f2").toBase64();

struct Answer
{
    QByteArray token;
    QString error;
};

// A token endpoint that records what arrives and answers from a script (default: a fresh Bearer
// token "at-<n>" valid for expiresIn seconds).
class FakeTokenEndpoint
{
public:
    FakeTokenEndpoint()
        : m_server(Gateway::HttpLimits())
    {
        m_server.setHandler([this](const HttpRequest& request, HttpResponder responder) {
            requests.append(request);
            if (delayMs > 0) {
                auto shared = std::make_shared<HttpResponder>(std::move(responder));
                const HttpResponse response = next();
                QTimer::singleShot(delayMs, &m_context, [shared, response]() { shared->send(response); });
                return;
            }
            responder.send(next());
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1/oauth/token").arg(m_server.serverPort())); }

    HttpResponse next()
    {
        if (status != 200 || !body.isEmpty()) {
            HttpResponse r = HttpResponse::json(status, body);
            return r;
        }
        ++issued;
        return HttpResponse::json(200,
                                  QByteArray("{\"access_token\":\"at-") + QByteArray::number(issued)
                                      + "\",\"token_type\":\"" + tokenType
                                      + "\",\"expires_in\":" + QByteArray::number(expiresIn) + "}");
    }

    QList<HttpRequest> requests;
    int status = 200;
    QByteArray body; // non-empty: answer this instead of a token
    QByteArray tokenType = "Bearer";
    int expiresIn = 3600;
    int delayMs = 0;
    int issued = 0;

private:
    HttpFrontend m_server;
    QObject m_context; // destroyed first: drops delayed answers while the server still exists
};

} // namespace

class TestClientCredentialsTokenSource : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void requestOnTheWire();
    void minimalRequest();
    void cacheHit();
    void singleFlight();
    void invalidate();
    void shortExpiryRenews();
    void errorResponses_data();
    void errorResponses();
    void oversizeResponse();
    void timeout();
    void destroyedInFlight();
    void refusedConfigurations_data();
    void refusedConfigurations();
    void secretUnavailable();
    void canary();

private:
    ClientCredentialsConfig config() const;
    std::optional<Answer> tokenNow(ClientCredentialsTokenSource& source);
    void checkNoSecret(const QString& error);

    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretResolver> m_resolver;
    std::unique_ptr<FakeTokenEndpoint> m_endpoint;
    QStringList m_allErrors;
};

ClientCredentialsConfig TestClientCredentialsTokenSource::config() const
{
    ClientCredentialsConfig c;
    c.tokenEndpoint = m_endpoint->url();
    c.clientId = kClientId;
    c.clientSecretRef = QStringLiteral("keychain:backend-client-secret");
    c.scopes = QStringList{QStringLiteral("pets:read"), QStringLiteral("pets:write")};
    c.resource = QStringLiteral("https://api.example.com/v1");
    c.audience = QStringLiteral("pets api");
    c.allowLoopbackHttp = true;
    return c;
}

std::optional<Answer> TestClientCredentialsTokenSource::tokenNow(ClientCredentialsTokenSource& source)
{
    auto answer = std::make_shared<std::optional<Answer>>();
    source.token([answer](const QByteArray& token, const QString& error) { *answer = Answer{token, error}; });
    if (answer->has_value()) // never synchronous
        return std::nullopt;
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < kWaitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (answer->has_value() && !(*answer)->error.isEmpty())
        m_allErrors.append((*answer)->error);
    return *answer;
}

void TestClientCredentialsTokenSource::checkNoSecret(const QString& error)
{
    const QByteArray utf8 = error.toUtf8();
    QVERIFY2(!utf8.contains(kSecret), qPrintable(error));
    QVERIFY2(!utf8.contains("CANARY"), qPrintable(error));
    QVERIFY2(!utf8.contains(kExpectedBasic.mid(6)), qPrintable(error));
}

void TestClientCredentialsTokenSource::initTestCase()
{
    m_store = std::make_unique<MemorySecretStore>();
    m_resolver = std::make_unique<SecretResolver>(m_store.get());
    bool done = false;
    m_store->write(QStringLiteral("backend-client-secret"), kSecret, [&done](const SecretResult& r) {
        QVERIFY(r.isOk());
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs);
}

void TestClientCredentialsTokenSource::init()
{
    m_endpoint = std::make_unique<FakeTokenEndpoint>();
    QVERIFY(m_endpoint->listen());
}

void TestClientCredentialsTokenSource::cleanup()
{
    m_endpoint.reset();
}

void TestClientCredentialsTokenSource::requestOnTheWire()
{
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    const auto answer = tokenNow(source);
    QVERIFY(answer.has_value());
    QVERIFY2(answer->error.isEmpty(), qPrintable(answer->error));
    QCOMPARE(answer->token, QByteArray("at-1"));
    QCOMPARE(m_endpoint->requests.size(), 1);

    const HttpRequest& request = m_endpoint->requests.first();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.path, QStringLiteral("/oauth/token"));
    QCOMPARE(request.headerCount("Authorization"), 1);
    QCOMPARE(request.header("Authorization"), kExpectedBasic);
    QVERIFY(request.header("Content-Type").startsWith("application/x-www-form-urlencoded"));
    QVERIFY(!request.hasHeader("Cookie"));

    const QUrlQuery form(QString::fromUtf8(request.body));
    QCOMPARE(form.queryItemValue(QStringLiteral("grant_type"), QUrl::FullyDecoded),
             QStringLiteral("client_credentials"));
    QCOMPARE(form.queryItemValue(QStringLiteral("scope"), QUrl::FullyDecoded), QStringLiteral("pets:read pets:write"));
    QCOMPARE(form.queryItemValue(QStringLiteral("resource"), QUrl::FullyDecoded),
             QStringLiteral("https://api.example.com/v1"));
    QCOMPARE(form.queryItemValue(QStringLiteral("audience"), QUrl::FullyDecoded), QStringLiteral("pets api"));
    // client_secret_basic: the secret is only in the header, never in the body.
    QVERIFY(!request.body.contains("client_secret"));
    QVERIFY(!request.body.contains("CANARY"));
}

void TestClientCredentialsTokenSource::minimalRequest()
{
    ClientCredentialsConfig c = config();
    c.scopes.clear();
    c.resource.clear();
    c.audience.clear();
    ClientCredentialsTokenSource source(c, m_resolver.get());
    const auto answer = tokenNow(source);
    QVERIFY(answer.has_value());
    QCOMPARE(answer->token, QByteArray("at-1"));
    QCOMPARE(m_endpoint->requests.first().body, QByteArray("grant_type=client_credentials"));
}

void TestClientCredentialsTokenSource::cacheHit()
{
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    for (int i = 0; i < 3; ++i) {
        const auto answer = tokenNow(source);
        QVERIFY(answer.has_value());
        QCOMPARE(answer->token, QByteArray("at-1"));
    }
    QCOMPARE(m_endpoint->requests.size(), 1);
    QCOMPARE(source.requestCount(), 1);
    QVERIFY(source.hasValidToken());
}

void TestClientCredentialsTokenSource::singleFlight()
{
    m_endpoint->delayMs = 200;
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    QList<Answer> answers;
    for (int i = 0; i < 3; ++i)
        source.token([&answers](const QByteArray& t, const QString& e) { answers.append(Answer{t, e}); });
    QVERIFY(answers.isEmpty());
    QVERIFY(source.isRequestInFlight());
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 3, kWaitMs);
    for (const Answer& a : answers) {
        QCOMPARE(a.token, QByteArray("at-1"));
        QVERIFY(a.error.isEmpty());
    }
    QCOMPARE(m_endpoint->requests.size(), 1);
    // A caller arriving while the request is in flight shares it too.
    source.invalidate();
    answers.clear();
    source.token([&answers](const QByteArray& t, const QString& e) { answers.append(Answer{t, e}); });
    QTRY_VERIFY_WITH_TIMEOUT(m_endpoint->requests.size() == 2, kWaitMs);
    source.token([&answers](const QByteArray& t, const QString& e) { answers.append(Answer{t, e}); });
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 2, kWaitMs);
    QCOMPARE(answers.at(0).token, QByteArray("at-2"));
    QCOMPARE(answers.at(1).token, QByteArray("at-2"));
    QCOMPARE(m_endpoint->requests.size(), 2);
}

void TestClientCredentialsTokenSource::invalidate()
{
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    const auto first = tokenNow(source);
    QVERIFY(first.has_value());
    QCOMPARE(first->token, QByteArray("at-1"));

    // Backend 401 with at-1: one renewal.
    source.invalidate(first->token);
    QVERIFY(!source.hasValidToken());
    const auto second = tokenNow(source);
    QVERIFY(second.has_value());
    QCOMPARE(second->token, QByteArray("at-2"));
    QCOMPARE(m_endpoint->requests.size(), 2);

    // A late 401 for at-1 (another caller) keeps at-2.
    source.invalidate(first->token);
    QVERIFY(source.hasValidToken());
    const auto third = tokenNow(source);
    QVERIFY(third.has_value());
    QCOMPARE(third->token, QByteArray("at-2"));
    QCOMPARE(m_endpoint->requests.size(), 2);

    // Unconditional invalidate.
    source.invalidate();
    const auto fourth = tokenNow(source);
    QVERIFY(fourth.has_value());
    QCOMPARE(fourth->token, QByteArray("at-3"));
    QCOMPARE(m_endpoint->requests.size(), 3);
}

void TestClientCredentialsTokenSource::shortExpiryRenews()
{
    m_endpoint->expiresIn = 20; // inside the 30 s margin
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    const auto first = tokenNow(source);
    QVERIFY(first.has_value());
    QCOMPARE(first->token, QByteArray("at-1")); // the callers who asked still get it
    QVERIFY(!source.hasValidToken());
    const auto second = tokenNow(source);
    QVERIFY(second.has_value());
    QCOMPARE(second->token, QByteArray("at-2"));
    QCOMPARE(m_endpoint->requests.size(), 2);

    m_endpoint->expiresIn = 31;
    source.invalidate();
    QCOMPARE(tokenNow(source)->token, QByteArray("at-3"));
    QCOMPARE(tokenNow(source)->token, QByteArray("at-3")); // 1 s left before the margin
    QCOMPARE(m_endpoint->requests.size(), 3);
}

void TestClientCredentialsTokenSource::errorResponses_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("errorContains");
    QTest::addColumn<QString>("errorMustNotContain");

    QTest::newRow("invalid_client") << 400 << QByteArray("{\"error\":\"invalid_client\"}")
                                    << "answered HTTP 400 (invalid_client)" << QString();
    QTest::newRow("description echoing the secret")
        << 401 << QByteArray("{\"error\":\"invalid_client\",\"error_description\":\"bad secret " + kSecret + "\"}")
        << "answered HTTP 401 (invalid_client)"
        << "bad secret";
    QTest::newRow("unregistered error code echoing the secret")
        << 400 << QByteArray("{\"error\":\"" + kSecret + "\"}") << "answered HTTP 400"
        << "(";
    QTest::newRow("server error, not JSON") << 500 << QByteArray("<html>oops</html>") << "answered HTTP 500"
                                            << "oops";
    QTest::newRow("not JSON") << 200 << QByteArray("access_token=at-1") << "is not a JSON object" << QString();
    QTest::newRow("no access_token") << 200 << QByteArray("{\"token_type\":\"Bearer\"}") << "no usable access_token"
                                     << QString();
    QTest::newRow("access_token not a string") << 200 << QByteArray("{\"access_token\":42,\"token_type\":\"Bearer\"}")
                                               << "no usable access_token" << QString();
    QTest::newRow("access_token with CRLF")
        << 200 << QByteArray("{\"access_token\":\"at\\r\\nX-Injected: 1\",\"token_type\":\"Bearer\"}")
        << "no usable access_token"
        << "X-Injected";
    QTest::newRow("token_type mac") << 200
                                    << QByteArray("{\"access_token\":\"at-secret-token\",\"token_type\":\"mac\"}")
                                    << "token_type other than Bearer"
                                    << "at-secret-token";
    QTest::newRow("token_type missing") << 200 << QByteArray("{\"access_token\":\"at-secret-token\"}")
                                        << "token_type other than Bearer"
                                        << "at-secret-token";
}

void TestClientCredentialsTokenSource::errorResponses()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, errorContains);
    QFETCH(QString, errorMustNotContain);

    m_endpoint->status = status;
    m_endpoint->body = body;
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    const auto answer = tokenNow(source);
    QVERIFY(answer.has_value());
    QVERIFY(answer->token.isEmpty());
    QVERIFY2(answer->error.contains(errorContains), qPrintable(answer->error));
    QVERIFY2(answer->error.contains(m_endpoint->url().toString()), qPrintable(answer->error));
    if (!errorMustNotContain.isEmpty())
        QVERIFY2(!answer->error.contains(errorMustNotContain), qPrintable(answer->error));
    checkNoSecret(answer->error);
    QVERIFY(!source.hasValidToken());
    QVERIFY(!source.isRequestInFlight());

    // Errors are not cached: the next call asks again.
    m_endpoint->status = 200;
    m_endpoint->body.clear();
    const auto retry = tokenNow(source);
    QVERIFY(retry.has_value());
    QCOMPARE(retry->token, QByteArray("at-1"));
    QCOMPARE(m_endpoint->requests.size(), 2);
}

void TestClientCredentialsTokenSource::oversizeResponse()
{
    m_endpoint->body = "{\"access_token\":\"" + QByteArray(70 * 1024, 'a') + "\",\"token_type\":\"Bearer\"}";
    ClientCredentialsTokenSource source(config(), m_resolver.get());
    const auto answer = tokenNow(source);
    QVERIFY(answer.has_value());
    QVERIFY(answer->token.isEmpty());
    QVERIFY2(answer->error.contains(QLatin1String("exceeds 64 KiB")), qPrintable(answer->error));
}

void TestClientCredentialsTokenSource::timeout()
{
    m_endpoint->delayMs = 3000;
    ClientCredentialsConfig c = config();
    c.timeoutMs = 300;
    ClientCredentialsTokenSource source(c, m_resolver.get());
    QElapsedTimer clock;
    clock.start();
    const auto answer = tokenNow(source);
    QVERIFY(answer.has_value());
    QVERIFY(answer->token.isEmpty());
    QVERIFY2(answer->error.contains(QLatin1String("did not answer within 300 ms")), qPrintable(answer->error));
    QVERIFY(clock.elapsed() < 2500);
    QVERIFY(!source.isRequestInFlight());
}

void TestClientCredentialsTokenSource::destroyedInFlight()
{
    m_endpoint->delayMs = 200;
    int calls = 0;
    {
        ClientCredentialsTokenSource source(config(), m_resolver.get());
        source.token([&calls](const QByteArray&, const QString&) { ++calls; });
        QTRY_COMPARE_WITH_TIMEOUT(m_endpoint->requests.size(), 1, kWaitMs);
    }
    QTest::qWait(400);
    QCOMPARE(calls, 0); // dropped with the source, never called on a dead object
}

void TestClientCredentialsTokenSource::refusedConfigurations_data()
{
    QTest::addColumn<QUrl>("endpoint");
    QTest::addColumn<bool>("allowLoopbackHttp");
    QTest::addColumn<QString>("secretRef");
    QTest::addColumn<QString>("errorContains");

    const QString ref = QStringLiteral("keychain:backend-client-secret");
    QTest::newRow("http, not loopback") << QUrl("http://auth.example.com/token") << true << ref << "must use https";
    QTest::newRow("http loopback without the switch")
        << QUrl("http://127.0.0.1:9/token") << false << ref << "must use https";
    QTest::newRow("ftp") << QUrl("ftp://127.0.0.1/token") << true << ref << "must use https";
    QTest::newRow("relative") << QUrl("/token") << true << ref << "not an absolute URL";
    QTest::newRow("user info") << QUrl("https://user:pw@auth.example.com/token") << true << ref
                               << "must not contain user information";
    QTest::newRow("secret pasted as reference") << QUrl("https://auth.example.com/token") << true
                                                << QString::fromUtf8(kSecret) << "not a valid secret reference";
}

void TestClientCredentialsTokenSource::refusedConfigurations()
{
    QFETCH(QUrl, endpoint);
    QFETCH(bool, allowLoopbackHttp);
    QFETCH(QString, secretRef);
    QFETCH(QString, errorContains);

    ClientCredentialsConfig c = config();
    c.tokenEndpoint = endpoint;
    c.allowLoopbackHttp = allowLoopbackHttp;
    c.clientSecretRef = secretRef;
    QVERIFY(!ClientCredentialsTokenSource::configProblem(c).isEmpty());
    ClientCredentialsTokenSource source(c, m_resolver.get());
    const auto answer = tokenNow(source);
    QVERIFY(answer.has_value());
    QVERIFY(answer->token.isEmpty());
    QVERIFY2(answer->error.contains(errorContains), qPrintable(answer->error));
    QVERIFY2(!answer->error.contains(QLatin1String("pw")), qPrintable(answer->error));
    checkNoSecret(answer->error);
    QCOMPARE(source.requestCount(), 0);
    QVERIFY(m_endpoint->requests.isEmpty());
}

void TestClientCredentialsTokenSource::secretUnavailable()
{
    ClientCredentialsConfig c = config();
    c.clientSecretRef = QStringLiteral("keychain:absent");
    ClientCredentialsTokenSource missing(c, m_resolver.get());
    const auto answer = tokenNow(missing);
    QVERIFY(answer.has_value());
    QCOMPARE(answer->error, QStringLiteral("client secret keychain:absent unavailable: not-found"));

    MemorySecretStore locked;
    SecretResolver lockedResolver(&locked);
    locked.setAvailable(false);
    ClientCredentialsTokenSource unavailable(config(), &lockedResolver);
    const auto second = tokenNow(unavailable);
    QVERIFY(second.has_value());
    QCOMPARE(second->error, QStringLiteral("client secret keychain:backend-client-secret unavailable: unavailable"));
    QVERIFY(m_endpoint->requests.isEmpty());
}

void TestClientCredentialsTokenSource::canary()
{
    // Collected over every test before this one.
    QVERIFY(m_allErrors.size() >= 15);
    for (const QString& error : std::as_const(m_allErrors))
        checkNoSecret(error);
}

QTEST_GUILESS_MAIN(TestClientCredentialsTokenSource)
#include "tst_clientcredentialstokensource.moc"
