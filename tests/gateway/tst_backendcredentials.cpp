// SPDX-License-Identifier: GPL-3.0-or-later
// BackendCredentials: Basic / Token / client certificate preparation from secret references, header
// replacement and inbound header stripping, checked on the wire against real loopback servers
// (HttpFrontend for plain HTTP, TestTlsServer for mTLS with certificates made at test time).
#include "backend/BackendClient.h"
#include "backend/BackendCredentials.h"
#include "http/HttpFrontend.h"
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretResolver.h"

#include "TestCertificates.h"
#include "TestTlsServer.h"

#include <QtTest>

#include <memory>
#include <optional>

using Gateway::BackendAuth;
using Gateway::BackendClient;
using Gateway::BackendCredentials;
using Gateway::BackendOptions;
using Gateway::BackendResult;
using Gateway::EncodedCall;
using Gateway::HttpHeaders;
using Gateway::MemorySecretStore;
using Gateway::PreparedCredentials;
using Gateway::SecretResolver;
using Gateway::SecretResult;
using TestSupport::TestCertificateAuthority;
using TestSupport::TestCredential;
using TestSupport::TestKeyType;
using TestSupport::TestTlsServer;

Q_DECLARE_METATYPE(Gateway::BackendAuth::Kind)

namespace {

constexpr int kWaitMs = 10000;

const QByteArray kPassword("s3cret-Pa55");
const QByteArray kToken("tok-7f3a.B9_c~d+e/f=");
const char* const kEnvPassword = "PORTCULLIS_TST_CREDS_PASSWORD";

// "Name: value" lines -> header list (order kept).
HttpHeaders headersFrom(const QByteArray& lines)
{
    HttpHeaders out;
    for (const QByteArray& line : lines.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        out.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    return out;
}

QByteArray linesFrom(const HttpHeaders& headers)
{
    QByteArray out;
    for (const auto& h : headers)
        out += h.first + ": " + h.second + '\n';
    return out;
}

void storeNow(MemorySecretStore& store, const QString& key, const QByteArray& value)
{
    bool done = false;
    store.write(key, value, [&done](const SecretResult& r) {
        QVERIFY2(r.isOk(), qPrintable(r.message));
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs);
}

std::optional<PreparedCredentials> prepareNow(BackendCredentials& credentials, const BackendAuth& auth,
                                              const QString& caRef = {})
{
    auto answer = std::make_shared<std::optional<PreparedCredentials>>();
    auto calls = std::make_shared<int>(0);
    credentials.prepare(auth, caRef, [answer, calls](const PreparedCredentials& p) {
        ++*calls;
        *answer = p;
    });
    if (answer->has_value()) // must never answer synchronously
        return std::nullopt;
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < kWaitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    QCoreApplication::processEvents(); // a second answer would show here
    if (*calls > 1)
        return std::nullopt;
    return *answer;
}

std::optional<BackendResult> sendNow(BackendClient& client, const EncodedCall& call, const BackendOptions& options)
{
    auto answer = std::make_shared<std::optional<BackendResult>>();
    client.send(call, options, [answer](const BackendResult& r) { *answer = r; });
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < kWaitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return *answer;
}

BackendAuth makeAuth(BackendAuth::Kind kind, const QString& username, const QString& secretRef,
                     const QString& headerName = {}, const QString& certificateRef = {})
{
    BackendAuth auth;
    auth.kind = kind;
    auth.username = username;
    auth.secretRef = secretRef;
    auth.headerName = headerName;
    auth.certificateRef = certificateRef;
    return auth;
}

} // namespace

class TestBackendCredentials : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void prepare_data();
    void prepare();
    void unavailableKeychain();
    void noResolver();
    void destroyedBeforeAnswer();

    void headersOnTheWire_data();
    void headersOnTheWire();
    void applyHeadersReplaces();

    void propagatedHeaders_data();
    void propagatedHeaders();
    void strippedListDocumented();

    void clientCertificateErrors_data();
    void clientCertificateErrors();
    void tlsProfile();

    void mutualTls_data();
    void mutualTls();

private:
    std::unique_ptr<MemorySecretStore> m_store;
    std::unique_ptr<SecretResolver> m_resolver;
    std::unique_ptr<BackendCredentials> m_credentials;

    std::unique_ptr<TestCertificateAuthority> m_ca;
    std::unique_ptr<TestCertificateAuthority> m_otherCa;
    TestCredential m_server;
    TestCredential m_serverOtherCa;
    TestCredential m_clientRsa;
    TestCredential m_clientEc;
    TestCredential m_clientOtherCa;
};

void TestBackendCredentials::initTestCase()
{
    qputenv(kEnvPassword, kPassword);
    m_store = std::make_unique<MemorySecretStore>();
    m_resolver = std::make_unique<SecretResolver>(m_store.get());
    m_resolver->setCacheTtlMs(0);
    m_credentials = std::make_unique<BackendCredentials>(m_resolver.get());

    storeNow(*m_store, QStringLiteral("password"), kPassword);
    storeNow(*m_store, QStringLiteral("password-utf8"), QByteArray("p\xc3\xa4ss w:rd"));
    storeNow(*m_store, QStringLiteral("token"), kToken);
    storeNow(*m_store, QStringLiteral("token-crlf"), QByteArray("tok\r\nX-Injected: 1"));
    storeNow(*m_store, QStringLiteral("token-padded"), QByteArray("tok-abc\n"));

    m_ca = std::make_unique<TestCertificateAuthority>(QStringLiteral("Portcullis test CA"));
    m_otherCa = std::make_unique<TestCertificateAuthority>(QStringLiteral("Some other CA"), TestKeyType::Rsa);
    QVERIFY(!m_ca->isNull());
    QVERIFY(!m_otherCa->isNull());
    const QStringList dns{QStringLiteral("localhost")};
    const QStringList ips{QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    m_server = m_ca->issueServer(QStringLiteral("localhost"), dns, ips);
    m_serverOtherCa = m_otherCa->issueServer(QStringLiteral("localhost"), dns, ips);
    m_clientRsa = m_ca->issueClient(QStringLiteral("gateway-rsa"), TestKeyType::Rsa);
    m_clientEc = m_ca->issueClient(QStringLiteral("gateway-ec"), TestKeyType::Ec);
    m_clientOtherCa = m_otherCa->issueClient(QStringLiteral("gateway-other"), TestKeyType::Ec);
    for (const TestCredential* c : {&m_server, &m_serverOtherCa, &m_clientRsa, &m_clientEc, &m_clientOtherCa})
        QVERIFY(!c->isNull());

    storeNow(*m_store, QStringLiteral("ca"), m_ca->certificatePem());
    storeNow(*m_store, QStringLiteral("client-rsa-cert"), m_clientRsa.certificatePem);
    storeNow(*m_store, QStringLiteral("client-rsa-key"), m_clientRsa.privateKeyPem);
    storeNow(*m_store, QStringLiteral("client-rsa-key-pkcs1"), m_clientRsa.traditionalPrivateKeyPem);
    storeNow(*m_store, QStringLiteral("client-ec-cert"), m_clientEc.certificatePem);
    storeNow(*m_store, QStringLiteral("client-ec-key"), m_clientEc.privateKeyPem);
    storeNow(*m_store, QStringLiteral("client-ec-key-sec1"), m_clientEc.traditionalPrivateKeyPem);
    storeNow(*m_store, QStringLiteral("client-other-cert"), m_clientOtherCa.certificatePem);
    storeNow(*m_store, QStringLiteral("client-other-key"), m_clientOtherCa.privateKeyPem);
    storeNow(*m_store, QStringLiteral("not-pem"), QByteArray("definitely not a certificate"));
    storeNow(*m_store, QStringLiteral("encrypted-key"),
             QByteArray("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----\n"));
}

void TestBackendCredentials::cleanupTestCase()
{
    m_credentials.reset();
    m_resolver.reset();
    m_store.reset();
    qunsetenv(kEnvPassword);
}

void TestBackendCredentials::prepare_data()
{
    QTest::addColumn<BackendAuth::Kind>("kind");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("secretRef");
    QTest::addColumn<QString>("headerName");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("expectedHeaders"); // "Name: value\n" lines
    QTest::addColumn<QStringList>("errorContains");
    QTest::addColumn<QByteArrayList>("errorMustNotContain");

    using K = BackendAuth::Kind;
    const QByteArrayList secrets{kPassword, kToken, "tok\r\n", "X-Injected"};

    QTest::newRow("none") << K::None << QString() << QString() << QString() << true << QByteArray() << QStringList()
                          << QByteArrayList();
    QTest::newRow("basic keychain, exact bytes")
        << K::Basic << "alice"
        << "keychain:password" << QString() << true << QByteArray("Authorization: Basic YWxpY2U6czNjcmV0LVBhNTU=\n")
        << QStringList() << QByteArrayList();
    QTest::newRow("basic environment") << K::Basic << "alice" << QStringLiteral("${env:%1}").arg(kEnvPassword)
                                       << QString() << true
                                       << QByteArray("Authorization: Basic YWxpY2U6czNjcmV0LVBhNTU=\n") << QStringList()
                                       << QByteArrayList();
    QTest::newRow("basic utf-8 password with colon")
        << K::Basic << "alice"
        << "keychain:password-utf8" << QString() << true
        << QByteArray("Authorization: Basic YWxpY2U6cMOkc3MgdzpyZA==\n") << QStringList() << QByteArrayList();
    QTest::newRow("basic username with colon")
        << K::Basic << "ali:ce"
        << "keychain:password" << QString() << false << QByteArray() << QStringList{"username", "':'"} << secrets;
    QTest::newRow("basic without username") << K::Basic << QString() << "keychain:password" << QString() << false
                                            << QByteArray() << QStringList{"username"} << secrets;
    QTest::newRow("token default header")
        << K::Token << QString() << "keychain:token" << QString() << true
        << QByteArray("Authorization: Bearer " + kToken + '\n') << QStringList() << QByteArrayList();
    QTest::newRow("token authorization in lower case")
        << K::Token << QString() << "keychain:token"
        << "authorization" << true << QByteArray("Authorization: Bearer " + kToken + '\n') << QStringList()
        << QByteArrayList();
    QTest::newRow("token custom header") << K::Token << QString() << "keychain:token"
                                         << "X-Api-Key" << true << QByteArray("X-Api-Key: " + kToken + '\n')
                                         << QStringList() << QByteArrayList();
    QTest::newRow("header name with CRLF")
        << K::Token << QString() << "keychain:token"
        << "X-Key\r\nX-Injected: 1" << false << QByteArray() << QStringList{"headerName"} << secrets;
    QTest::newRow("header name with space") << K::Token << QString() << "keychain:token"
                                            << "X Key" << false << QByteArray() << QStringList{"headerName"} << secrets;
    QTest::newRow("header name with colon")
        << K::Token << QString() << "keychain:token"
        << "X-Key:" << false << QByteArray() << QStringList{"headerName"} << secrets;
    QTest::newRow("reserved header name")
        << K::Token << QString() << "keychain:token"
        << "Content-Length" << false << QByteArray() << QStringList{"reserved"} << secrets;
    QTest::newRow("token value with CRLF")
        << K::Token << QString() << "keychain:token-crlf"
        << "X-Api-Key" << false << QByteArray() << QStringList{"keychain:token-crlf"} << secrets;
    QTest::newRow("token value with trailing newline")
        << K::Token << QString() << "keychain:token-padded" << QString() << false << QByteArray()
        << QStringList{"keychain:token-padded"} << QByteArrayList{"tok-abc"};
    QTest::newRow("missing keychain entry")
        << K::Token << QString() << "keychain:absent" << QString() << false << QByteArray()
        << QStringList{"backend secret keychain:absent unavailable: not-found"} << secrets;
    QTest::newRow("missing environment variable")
        << K::Basic << "alice"
        << "${env:PORTCULLIS_TST_CREDS_UNSET}" << QString() << false << QByteArray()
        << QStringList{"${env:PORTCULLIS_TST_CREDS_UNSET}", "not-found"} << secrets;
    QTest::newRow("secret pasted instead of a reference")
        << K::Token << QString() << "ghp_PastedSecretValue123" << QString() << false << QByteArray()
        << QStringList{"secretRef", "not a valid secret reference"} << QByteArrayList{"ghp_PastedSecretValue123"};
    QTest::newRow("no secretRef") << K::Token << QString() << QString() << QString() << false << QByteArray()
                                  << QStringList{"secretRef is not set"} << secrets;
}

void TestBackendCredentials::prepare()
{
    QFETCH(BackendAuth::Kind, kind);
    QFETCH(QString, username);
    QFETCH(QString, secretRef);
    QFETCH(QString, headerName);
    QFETCH(bool, ok);
    QFETCH(QByteArray, expectedHeaders);
    QFETCH(QStringList, errorContains);
    QFETCH(QByteArrayList, errorMustNotContain);

    const auto prepared = prepareNow(*m_credentials, makeAuth(kind, username, secretRef, headerName));
    QVERIFY2(prepared.has_value(), "no single asynchronous answer");
    QCOMPARE(prepared->ok, ok);
    QCOMPARE(linesFrom(prepared->headers), expectedHeaders);
    QVERIFY(!prepared->hasTls);
    QVERIFY(prepared->tlsProfile.isEmpty());
    if (ok)
        QVERIFY(prepared->error.isEmpty());
    else
        QVERIFY(!prepared->error.isEmpty());
    for (const QString& part : errorContains)
        QVERIFY2(prepared->error.contains(part), qPrintable(prepared->error));
    for (const QByteArray& canary : errorMustNotContain)
        QVERIFY2(!prepared->error.toUtf8().contains(canary), qPrintable(prepared->error));
}

void TestBackendCredentials::unavailableKeychain()
{
    MemorySecretStore store;
    SecretResolver resolver(&store);
    BackendCredentials credentials(&resolver);
    storeNow(store, QStringLiteral("token"), kToken);
    store.setAvailable(false);
    const auto prepared
        = prepareNow(credentials, makeAuth(BackendAuth::Kind::Token, {}, QStringLiteral("keychain:token")));
    QVERIFY(prepared.has_value());
    QVERIFY(!prepared->ok);
    QVERIFY(prepared->headers.isEmpty());
    QCOMPARE(prepared->error, QStringLiteral("backend secret keychain:token unavailable: unavailable"));

    // Client certificate: the first unreadable reference is named; nothing half-prepared comes back.
    const auto mtls = prepareNow(credentials,
                                 makeAuth(BackendAuth::Kind::ClientCertificate, {}, QStringLiteral("keychain:key"), {},
                                          QStringLiteral("keychain:cert")));
    QVERIFY(mtls.has_value());
    QVERIFY(!mtls->ok);
    QVERIFY(!mtls->hasTls);
    QCOMPARE(mtls->error, QStringLiteral("backend secret keychain:cert unavailable: unavailable"));
}

void TestBackendCredentials::noResolver()
{
    BackendCredentials credentials(nullptr);
    const auto prepared
        = prepareNow(credentials, makeAuth(BackendAuth::Kind::Basic, "alice", QStringLiteral("keychain:password")));
    QVERIFY(prepared.has_value());
    QVERIFY(!prepared->ok);
    QVERIFY2(prepared->error.contains(QLatin1String("keychain:password")), qPrintable(prepared->error));
    // And "None" needs no resolver.
    const auto none = prepareNow(credentials, BackendAuth());
    QVERIFY(none.has_value());
    QVERIFY(none->ok);
}

void TestBackendCredentials::destroyedBeforeAnswer()
{
    int calls = 0;
    {
        BackendCredentials credentials(m_resolver.get());
        credentials.prepare(makeAuth(BackendAuth::Kind::Token, {}, QStringLiteral("keychain:token")),
                            [&calls](const PreparedCredentials&) { ++calls; });
        credentials.prepare(BackendAuth(), [&calls](const PreparedCredentials&) { ++calls; });
        credentials.prepare(makeAuth(BackendAuth::Kind::Token, {}, QStringLiteral("not a reference")),
                            [&calls](const PreparedCredentials&) { ++calls; });
    }
    QTest::qWait(100);
    QCOMPARE(calls, 0);
}

void TestBackendCredentials::headersOnTheWire_data()
{
    QTest::addColumn<BackendAuth::Kind>("kind");
    QTest::addColumn<QString>("username");
    QTest::addColumn<QString>("secretRef");
    QTest::addColumn<QString>("headerName");
    QTest::addColumn<QByteArray>("expectedName");
    QTest::addColumn<QByteArray>("expectedValue");

    using K = BackendAuth::Kind;
    QTest::newRow("basic") << K::Basic << "alice"
                           << "keychain:password" << QString() << QByteArray("Authorization")
                           << QByteArray("Basic YWxpY2U6czNjcmV0LVBhNTU=");
    QTest::newRow("bearer") << K::Token << QString() << "keychain:token" << QString() << QByteArray("Authorization")
                            << QByteArray("Bearer " + kToken);
    QTest::newRow("custom header") << K::Token << QString() << "keychain:token"
                                   << "X-Api-Key" << QByteArray("X-Api-Key") << kToken;
}

void TestBackendCredentials::headersOnTheWire()
{
    QFETCH(BackendAuth::Kind, kind);
    QFETCH(QString, username);
    QFETCH(QString, secretRef);
    QFETCH(QString, headerName);
    QFETCH(QByteArray, expectedName);
    QFETCH(QByteArray, expectedValue);

    Gateway::HttpFrontend backend{Gateway::HttpLimits()};
    QList<Gateway::HttpRequest> received;
    backend.setHandler([&received](const Gateway::HttpRequest& request, Gateway::HttpResponder responder) {
        received.append(request);
        responder.send(Gateway::HttpResponse::json(200, "{}"));
    });
    QVERIFY(backend.listen(QHostAddress::LocalHost, 0));

    const auto prepared = prepareNow(*m_credentials, makeAuth(kind, username, secretRef, headerName));
    QVERIFY(prepared.has_value());
    QVERIFY2(prepared->ok, qPrintable(prepared->error));

    // The MCP client's own headers, as the None mode would propagate them: the configured secret wins.
    EncodedCall call;
    call.ok = true;
    call.method = "GET";
    call.url = QUrl(QStringLiteral("http://127.0.0.1:%1/pets").arg(backend.serverPort()));
    call.headers = BackendCredentials::propagatedHeaders(
        headersFrom("Authorization: Bearer client-token\nX-Api-Key: client-key\nX-Trace: 42\n"), true);
    BackendCredentials::applyHeaders(call, *prepared);

    BackendClient client;
    const auto result = sendNow(client, call, BackendOptions());
    QVERIFY(result.has_value());
    QCOMPARE(result->outcome, BackendResult::Outcome::Answered);
    QCOMPARE(result->status, 200);
    QCOMPARE(received.size(), 1);
    const Gateway::HttpRequest& request = received.first();
    QCOMPARE(request.headerCount(expectedName), 1);
    QCOMPARE(request.header(expectedName), expectedValue);
    QCOMPARE(request.header("X-Trace"), QByteArray("42"));
    // Only the same-named field is replaced: the caller's other fields still reach the backend.
    for (const auto& h : request.headers) {
        if (expectedName == "Authorization")
            QVERIFY2(!h.second.contains("client-token"), h.first.constData());
        if (expectedName == "X-Api-Key")
            QVERIFY(!h.second.contains("client-key"));
    }
    if (expectedName == "X-Api-Key")
        QCOMPARE(request.header("Authorization"), QByteArray("Bearer client-token"));
}

void TestBackendCredentials::applyHeadersReplaces()
{
    EncodedCall call;
    call.headers = headersFrom("authorization: Bearer from-client\nX-Keep: 1\nAUTHORIZATION: Basic dup\n");
    PreparedCredentials creds;
    creds.ok = true;
    creds.headers = headersFrom("Authorization: Bearer configured\n");
    BackendCredentials::applyHeaders(call, creds);
    QCOMPARE(linesFrom(call.headers), QByteArray("X-Keep: 1\nAuthorization: Bearer configured\n"));

    // Nothing prepared: nothing removed.
    EncodedCall untouched;
    untouched.headers = headersFrom("X-Keep: 1\n");
    BackendCredentials::applyHeaders(untouched, PreparedCredentials());
    QCOMPARE(linesFrom(untouched.headers), QByteArray("X-Keep: 1\n"));
}

void TestBackendCredentials::propagatedHeaders_data()
{
    QTest::addColumn<QByteArray>("inbound");
    QTest::addColumn<bool>("securityNone");
    QTest::addColumn<QByteArray>("expected");

    const QByteArray mixed("Host: 127.0.0.1:8765\n"
                           "Authorization: Bearer client-jwt\n"
                           "x-reshapr-key: rshp_abc\n"
                           "X-Reshapr-Key: rshp_def\n"
                           "Mcp-Session-Id: 1234\n"
                           "MCP-Protocol-Version: 2025-06-18\n"
                           "Mcp-Method: tools/call\n"
                           "Mcp-Name: getPet\n"
                           "Mcp-Future-Header: x\n"
                           "Last-Event-ID: 7\n"
                           "Content-Type: application/json\n"
                           "Content-Length: 42\n"
                           "Accept: application/json, text/event-stream\n"
                           "Accept-Encoding: gzip\n"
                           "Origin: http://localhost\n"
                           "Cookie: session=abc\n"
                           "Connection: keep-alive, X-Hop\n"
                           "Keep-Alive: timeout=5\n"
                           "Proxy-Authorization: Basic eDp5\n"
                           "Proxy-Authenticate: Basic\n"
                           "TE: trailers\n"
                           "Trailer: X-Checksum\n"
                           "Transfer-Encoding: chunked\n"
                           "Upgrade: websocket\n"
                           "Expect: 100-continue\n"
                           "User-Agent: claude-code/1.0\n"
                           "X-Hop: dropped as a connection option\n"
                           "X-Tenant: acme\n"
                           "Accept-Language: de\n"
                           "X-Tenant: second\n");
    // Mode None checks nothing: the caller's Authorization, Cookie (and any x-reshapr-key) are its
    // own credentials for the backend and are forwarded; hop-by-hop, framing and MCP fields are not.
    QTest::newRow("none: end-to-end fields and the caller's credentials, order and duplicates kept")
        << mixed << true
        << QByteArray("Authorization: Bearer client-jwt\nx-reshapr-key: rshp_abc\nX-Reshapr-Key: rshp_def\n"
                      "Cookie: session=abc\nX-Tenant: acme\nAccept-Language: de\nX-Tenant: second\n");
    QTest::newRow("secured: nothing") << mixed << false << QByteArray();
    QTest::newRow("secured: even harmless fields") << QByteArray("X-Tenant: acme\n") << false << QByteArray();
    QTest::newRow("none: Authorization and Cookie forwarded")
        << QByteArray("authorization: Basic dXNlcjpwdw==\nCOOKIE: a=1; b=2\nX-Request-Id: r1\n") << true
        << QByteArray("authorization: Basic dXNlcjpwdw==\nCOOKIE: a=1; b=2\nX-Request-Id: r1\n");
    QTest::newRow("none: Proxy-Authorization is hop-by-hop")
        << QByteArray("Proxy-Authorization: Basic eDp5\nX-Request-Id: r1\n") << true
        << QByteArray("X-Request-Id: r1\n");
    QTest::newRow("secured: the gateway's own credentials never")
        << QByteArray("Authorization: Bearer gateway-jwt\nX-RESHAPR-KEY: rshp_abc\nCookie: a=1\n") << false
        << QByteArray();
    QTest::newRow("none: empty") << QByteArray() << true << QByteArray();
}

void TestBackendCredentials::propagatedHeaders()
{
    QFETCH(QByteArray, inbound);
    QFETCH(bool, securityNone);
    QFETCH(QByteArray, expected);
    QCOMPARE(linesFrom(BackendCredentials::propagatedHeaders(headersFrom(inbound), securityNone)), expected);
}

void TestBackendCredentials::strippedListDocumented()
{
    const QStringList stripped = BackendCredentials::strippedInboundHeaders();
    for (const char* name : {"mcp-session-id", "mcp-protocol-version", "mcp-method", "mcp-name", "last-event-id",
                             "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
                             "transfer-encoding", "upgrade", "host", "content-length"}) {
        QVERIFY2(stripped.contains(QLatin1String(name)), name);
        QVERIFY2(BackendCredentials::isStrippedInboundHeader(QByteArray(name).toUpper()), name);
    }
    // The caller's credentials in mode None (a secured endpoint forwards nothing at all).
    for (const char* name : {"authorization", "cookie", "x-reshapr-key"}) {
        QVERIFY2(!stripped.contains(QLatin1String(name)), name);
        QVERIFY2(!BackendCredentials::isStrippedInboundHeader(name), name);
    }
    QVERIFY(BackendCredentials::isStrippedInboundHeader("Mcp-Anything-New"));
    QVERIFY(!BackendCredentials::isStrippedInboundHeader("X-Tenant"));
}

void TestBackendCredentials::clientCertificateErrors_data()
{
    QTest::addColumn<QString>("certificateRef");
    QTest::addColumn<QString>("keyRef");
    QTest::addColumn<QString>("caRef");
    QTest::addColumn<QString>("errorContains");

    QTest::newRow("certificate is not PEM")
        << "keychain:not-pem"
        << "keychain:client-ec-key" << QString() << "backend certificate keychain:not-pem holds no PEM certificate";
    QTest::newRow("key is not PEM") << "keychain:client-ec-cert"
                                    << "keychain:not-pem" << QString()
                                    << "backend private key keychain:not-pem is not a PEM RSA or EC private key";
    QTest::newRow("key is a certificate")
        << "keychain:client-ec-cert"
        << "keychain:client-ec-cert" << QString() << "is not a PEM RSA or EC private key";
    QTest::newRow("encrypted key") << "keychain:client-ec-cert"
                                   << "keychain:encrypted-key" << QString() << "keychain:encrypted-key is encrypted";
    QTest::newRow("key of another certificate")
        << "keychain:client-ec-cert"
        << "keychain:client-rsa-key" << QString()
        << "backend private key keychain:client-rsa-key does not belong to the certificate keychain:client-ec-cert";
    QTest::newRow("missing key") << "keychain:client-ec-cert"
                                 << "keychain:absent-key" << QString()
                                 << "backend secret keychain:absent-key unavailable: not-found";
    QTest::newRow("missing certificate reference")
        << QString() << "keychain:client-ec-key" << QString() << "certificateRef is not set";
    QTest::newRow("CA is not PEM") << "keychain:client-ec-cert"
                                   << "keychain:client-ec-key"
                                   << "keychain:not-pem"
                                   << "backend CA certificate keychain:not-pem holds no PEM certificate";
    QTest::newRow("CA missing") << "keychain:client-ec-cert"
                                << "keychain:client-ec-key"
                                << "keychain:absent-ca"
                                << "backend secret keychain:absent-ca unavailable: not-found";
}

void TestBackendCredentials::clientCertificateErrors()
{
    QFETCH(QString, certificateRef);
    QFETCH(QString, keyRef);
    QFETCH(QString, caRef);
    QFETCH(QString, errorContains);
    const auto prepared = prepareNow(
        *m_credentials, makeAuth(BackendAuth::Kind::ClientCertificate, {}, keyRef, {}, certificateRef), caRef);
    QVERIFY(prepared.has_value());
    QVERIFY(!prepared->ok);
    QVERIFY(!prepared->hasTls);
    QVERIFY2(prepared->error.contains(errorContains), qPrintable(prepared->error));
    QVERIFY2(!prepared->error.contains(QLatin1String("BEGIN")), qPrintable(prepared->error));
}

void TestBackendCredentials::tlsProfile()
{
    const auto auth = [](const char* cert, const char* key) {
        return makeAuth(BackendAuth::Kind::ClientCertificate, {}, QString::fromLatin1(key), {},
                        QString::fromLatin1(cert));
    };
    const auto a = prepareNow(*m_credentials, auth("keychain:client-ec-cert", "keychain:client-ec-key"));
    const auto b = prepareNow(*m_credentials, auth("keychain:client-ec-cert", "keychain:client-ec-key-sec1"));
    const auto c = prepareNow(*m_credentials, auth("keychain:client-rsa-cert", "keychain:client-rsa-key"));
    const auto d = prepareNow(*m_credentials, auth("keychain:client-ec-cert", "keychain:client-ec-key"),
                              QStringLiteral("keychain:ca"));
    const auto caOnly = prepareNow(*m_credentials, BackendAuth(), QStringLiteral("keychain:ca"));
    for (const auto* p : {&a, &b, &c, &d, &caOnly}) {
        QVERIFY(p->has_value());
        QVERIFY2((*p)->ok, qPrintable((*p)->error));
        QVERIFY((*p)->hasTls);
        QVERIFY((*p)->tlsProfile.startsWith("tls:"));
        QCOMPARE((*p)->tlsProfile.size(), 4 + 64);
    }
    QCOMPARE(a->tlsProfile, b->tlsProfile); // same certificate: same profile, whatever the key encoding
    QVERIFY(a->tlsProfile != c->tlsProfile);
    QVERIFY(a->tlsProfile != d->tlsProfile);
    QVERIFY(d->tlsProfile != caOnly->tlsProfile);
    QCOMPARE(a->tls.localCertificate().toDer(), m_clientEc.certificateDer);
    QCOMPARE(a->tls.privateKey().algorithm(), QSsl::Ec);
    QCOMPARE(c->tls.privateKey().algorithm(), QSsl::Rsa);
    QCOMPARE(a->tls.peerVerifyMode(), QSslSocket::VerifyPeer);
    QCOMPARE(caOnly->tls.caCertificates().size(), 1);
    QCOMPARE(caOnly->tls.caCertificates().first().toDer(), m_ca->certificateDer());
    QVERIFY(caOnly->tls.localCertificate().isNull());
    QVERIFY(caOnly->headers.isEmpty());
}

void TestBackendCredentials::mutualTls_data()
{
    QTest::addColumn<QString>("certificateRef"); // empty: no client certificate
    QTest::addColumn<QString>("keyRef");
    QTest::addColumn<bool>("serverFromOtherCa");
    QTest::addColumn<bool>("pinCa");
    QTest::addColumn<bool>("answered");
    QTest::addColumn<bool>("handshakeFailsOnClient"); // TlsError expected, server never sees a request
    QTest::addColumn<QString>("expectedPeerCn");

    QTest::newRow("RSA client certificate")
        << "keychain:client-rsa-cert"
        << "keychain:client-rsa-key" << false << true << true << false << "gateway-rsa";
    QTest::newRow("RSA client certificate, PKCS#1 key")
        << "keychain:client-rsa-cert"
        << "keychain:client-rsa-key-pkcs1" << false << true << true << false << "gateway-rsa";
    QTest::newRow("EC P-256 client certificate")
        << "keychain:client-ec-cert"
        << "keychain:client-ec-key" << false << true << true << false << "gateway-ec";
    QTest::newRow("EC P-256 client certificate, SEC1 key")
        << "keychain:client-ec-cert"
        << "keychain:client-ec-key-sec1" << false << true << true << false << "gateway-ec";
    QTest::newRow("no client certificate") << QString() << QString() << false << true << false << false << QString();
    QTest::newRow("client certificate from another CA")
        << "keychain:client-other-cert"
        << "keychain:client-other-key" << false << true << false << false << QString();
    QTest::newRow("server certificate from another CA")
        << "keychain:client-ec-cert"
        << "keychain:client-ec-key" << true << true << false << true << QString();
    QTest::newRow("test CA not pinned: not trusted")
        << "keychain:client-ec-cert"
        << "keychain:client-ec-key" << false << false << false << true << QString();
}

void TestBackendCredentials::mutualTls()
{
    QFETCH(QString, certificateRef);
    QFETCH(QString, keyRef);
    QFETCH(bool, serverFromOtherCa);
    QFETCH(bool, pinCa);
    QFETCH(bool, answered);
    QFETCH(bool, handshakeFailsOnClient);
    QFETCH(QString, expectedPeerCn);

    const TestCredential& serverCred = serverFromOtherCa ? m_serverOtherCa : m_server;
    TestTlsServer server(serverCred.certificatePem, serverCred.privateKeyPem);
    server.requireClientCertificate(m_ca->certificatePem());
    QVERIFY(server.listenLoopback());

    BackendAuth auth;
    if (!certificateRef.isEmpty())
        auth = makeAuth(BackendAuth::Kind::ClientCertificate, {}, keyRef, {}, certificateRef);
    const auto prepared = prepareNow(*m_credentials, auth, pinCa ? QStringLiteral("keychain:ca") : QString());
    QVERIFY(prepared.has_value());
    QVERIFY2(prepared->ok, qPrintable(prepared->error));

    BackendOptions options;
    options.timeoutMs = 5000;
    if (prepared->hasTls) {
        options.tls = prepared->tls;
        options.tlsProfile = prepared->tlsProfile;
    }
    EncodedCall call;
    call.ok = true;
    call.method = "GET";
    call.url = QUrl(QStringLiteral("https://127.0.0.1:%1/ping").arg(server.serverPort()));
    BackendCredentials::applyHeaders(call, *prepared);

    BackendClient client;
    const auto result = sendNow(client, call, options);
    QVERIFY(result.has_value());
    if (answered) {
        QVERIFY2(result->outcome == BackendResult::Outcome::Answered, qPrintable(result->errorClass));
        QCOMPARE(result->status, 200);
        QCOMPARE(result->body, server.responseBody());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().first().peerCertificate.subjectInfo(QSslCertificate::CommonName),
                 QStringList{expectedPeerCn});
        return;
    }
    qInfo("refused: outcome %d, %s", int(result->outcome), qPrintable(result->errorClass));
    QVERIFY2(result->outcome == BackendResult::Outcome::TlsError
                 || result->outcome == BackendResult::Outcome::Unreachable,
             qPrintable(result->errorClass));
    QVERIFY(server.requests().isEmpty()); // never served without a verified client certificate
    QCOMPARE(server.handshakesCompleted(), 0);
    if (!handshakeFailsOnClient) // the server refused the client: its side of the handshake failed
        QTRY_COMPARE_WITH_TIMEOUT(server.handshakesFailed(), 1, kWaitMs);
    if (handshakeFailsOnClient) {
        QCOMPARE(result->outcome, BackendResult::Outcome::TlsError);
        QVERIFY2(result->errorClass.startsWith(QLatin1String("SslHandshakeFailed")), qPrintable(result->errorClass));
    }
}

QTEST_GUILESS_MAIN(TestBackendCredentials)
#include "tst_backendcredentials.moc"
