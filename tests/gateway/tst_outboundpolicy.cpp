// SPDX-License-Identifier: GPL-3.0-or-later
// The one outbound HTTP policy: which proxy a URL goes through (HTTPS_PROXY, HTTP_PROXY, NO_PROXY,
// loopback never proxied), and the pooled backend client through a real loopback proxy: absolute-
// form requests for http, CONNECT tunnels for https, proxy credentials to the proxy only.
#include "ScriptedBackend.h"
#include "TestCertificates.h"
#include "TestProxy.h"
#include "TestTlsServer.h"
#include "backend/BackendClient.h"
#include "net/Loopback.h"
#include "net/OutboundPolicy.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QtTest>

#include <optional>

using namespace Gateway;
using namespace Gateway::Net;
using namespace TestSupport;

using ProxyEnv = QList<QPair<QByteArray, QByteArray>>;

namespace {

const char* const kVariables[] = {"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "no_proxy", "NO_PROXY"};

// Sets the proxy variables for one scope, restoring the previous values afterwards.
class ScopedProxyEnvironment
{
public:
    explicit ScopedProxyEnvironment(const QList<QPair<QByteArray, QByteArray>>& values)
    {
        for (const char* name : kVariables) {
            m_saved.append(
                {name, qEnvironmentVariableIsSet(name) ? std::optional<QByteArray>(qgetenv(name)) : std::nullopt});
            qunsetenv(name);
        }
        for (const auto& v : values)
            qputenv(v.first.constData(), v.second);
    }
    ~ScopedProxyEnvironment()
    {
        for (const auto& s : m_saved) {
            if (s.second)
                qputenv(s.first.constData(), *s.second);
            else
                qunsetenv(s.first.constData());
        }
    }

private:
    QList<QPair<QByteArray, std::optional<QByteArray>>> m_saved;
};

std::optional<BackendResult> sendNow(BackendClient& client, const EncodedCall& call, const BackendOptions& options)
{
    auto answer = std::make_shared<std::optional<BackendResult>>();
    client.send(call, options, [answer](const BackendResult& r) { *answer = r; });
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return *answer;
}

EncodedCall get(const QString& url)
{
    EncodedCall call;
    call.ok = true;
    call.method = "GET";
    call.url = QUrl(url);
    return call;
}

std::shared_ptr<const OutboundPolicy> policyFrom(const QList<QPair<QByteArray, QByteArray>>& env)
{
    ScopedProxyEnvironment scope(env);
    return std::make_shared<const OutboundPolicy>(ProxyEnvironment::read(), false);
}

// A name other than "localhost" that this machine resolves to a loopback address from its hosts
// file (no DNS traffic), or "" when there is none.
QString loopbackAlias()
{
    for (const QString& name : {QHostInfo::localHostName(), QStringLiteral("localhost.localdomain")}) {
        if (name.isEmpty() || isLoopbackHost(name))
            continue;
        const QHostInfo info = QHostInfo::fromName(name);
        if (!info.addresses().isEmpty() && info.addresses().first().isLoopback())
            return name;
    }
    return {};
}

} // namespace

class tst_OutboundPolicy : public QObject
{
    Q_OBJECT

private slots:
    void proxySelection_data();
    void proxySelection();
    void httpBackendThroughProxyInAbsoluteForm();
    void httpsBackendThroughConnectTunnel();
    void wrongProxyCredentialsNeverLeak();
    void noProxyAndLoopbackGoDirect();
};

void tst_OutboundPolicy::proxySelection_data()
{
    QTest::addColumn<ProxyEnv>("env");
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("expected"); // "direct" or "host:port"
    using Env = ProxyEnv;
    const QByteArray proxy = "http://proxy.corp:3128";

    QTest::newRow("nothing set") << Env{} << "https://api.example.com/x"
                                 << "direct";
    QTest::newRow("HTTPS_PROXY for https") << Env{{"HTTPS_PROXY", proxy}} << "https://api.example.com/x"
                                           << "proxy.corp:3128";
    QTest::newRow("HTTPS_PROXY not for http") << Env{{"HTTPS_PROXY", proxy}} << "http://api.example.com/x"
                                              << "direct";
    QTest::newRow("HTTP_PROXY for http") << Env{{"HTTP_PROXY", proxy}} << "http://api.example.com/x"
                                         << "proxy.corp:3128";
    QTest::newRow("lower case wins") << Env{{"HTTPS_PROXY", "http://upper:1"}, {"https_proxy", "http://lower:2"}}
                                     << "https://api.example.com/"
                                     << "lower:2";
    QTest::newRow("no scheme, default port 80") << Env{{"https_proxy", "proxy.corp"}} << "https://api.example.com/"
                                                << "proxy.corp:80";
    QTest::newRow("loopback never: 127.0.0.1")
        << Env{{"HTTPS_PROXY", proxy}, {"HTTP_PROXY", proxy}} << "http://127.0.0.1:8080/"
        << "direct";
    QTest::newRow("loopback never: localhost") << Env{{"HTTPS_PROXY", proxy}} << "https://localhost:8443/"
                                               << "direct";
    QTest::newRow("loopback never: ::1") << Env{{"HTTP_PROXY", proxy}} << "http://[::1]:8080/"
                                         << "direct";
    QTest::newRow("loopback never: *.localhost") << Env{{"HTTP_PROXY", proxy}} << "http://app.localhost/"
                                                 << "direct";
    QTest::newRow("NO_PROXY domain matches subdomains")
        << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "example.com"}} << "https://api.example.com/"
        << "direct";
    QTest::newRow("NO_PROXY domain matches itself")
        << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "example.com"}} << "https://example.com/"
        << "direct";
    QTest::newRow("NO_PROXY is not a suffix match")
        << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "example.com"}} << "https://notexample.com/"
        << "proxy.corp:3128";
    QTest::newRow("NO_PROXY leading dot")
        << Env{{"HTTPS_PROXY", proxy}, {"no_proxy", ".example.com"}} << "https://api.example.com/"
        << "direct";
    QTest::newRow("NO_PROXY list with spaces")
        << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "intranet, example.com ,other"}} << "https://API.Example.COM/"
        << "direct";
    QTest::newRow("NO_PROXY star") << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "*"}} << "https://api.example.com/"
                                   << "direct";
    QTest::newRow("NO_PROXY host:port matches that port")
        << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "api.example.com:8443"}} << "https://api.example.com:8443/"
        << "direct";
    QTest::newRow("NO_PROXY host:port not another port")
        << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "api.example.com:8443"}} << "https://api.example.com/"
        << "proxy.corp:3128";
    QTest::newRow("NO_PROXY IP literal") << Env{{"HTTPS_PROXY", proxy}, {"NO_PROXY", "10.1.2.3"}} << "https://10.1.2.3/"
                                         << "direct";
}

void tst_OutboundPolicy::proxySelection()
{
    QFETCH(ProxyEnv, env);
    QFETCH(QString, url);
    QFETCH(QString, expected);
    const auto policy = policyFrom(env);
    QCOMPARE(OutboundPolicy::displayProxy(policy->proxyFor(QUrl(url))), expected);
    // The factory QNetworkAccessManager users get answers the same.
    OutboundProxyFactory factory(policy);
    QCOMPARE(OutboundPolicy::displayProxy(factory.queryProxy(QNetworkProxyQuery(QUrl(url))).value(0)), expected);
}

void tst_OutboundPolicy::httpBackendThroughProxyInAbsoluteForm()
{
    ScriptedBackend backend;
    const QUrl base = backend.start([](int, int, const RecordedRequest&) {
        return ScriptedReply{ScriptedBackend::answer(200, R"({"ok":true})", "Content-Type: application/json\r\n")};
    });
    QVERIFY(base.isValid());
    TestProxy proxy;
    QVERIFY(proxy.listenLoopback());
    proxy.requireCredentials("alice", "pr0xy-CANARY");
    BackendClient client;
    client.setOutboundPolicy(policyFrom({{"HTTP_PROXY", proxy.url("alice", "pr0xy-CANARY").toEncoded()}}));

    // A non-loopback name: only the proxy resolves it (to 127.0.0.1).
    const QString url = QStringLiteral("http://backend.example:%1/v1/items?q=a%20b").arg(base.port());
    for (int i = 0; i < 2; ++i) {
        const auto result = sendNow(client, get(url), BackendOptions());
        QVERIFY(result.has_value());
        QCOMPARE(result->outcome, BackendResult::Outcome::Answered);
        QCOMPARE(result->status, 200);
    }
    const QList<TestProxy::Seen> seen = proxy.seen();
    QCOMPARE(seen.size(), 2);
    for (const auto& s : seen) {
        QCOMPARE(s.method, QByteArray("GET"));
        QCOMPARE(s.target, url.toLatin1().replace("%20", "%20"));
        QVERIFY(s.authorized);
    }
    QCOMPARE(proxy.tunnelsOpened(), 0);
    const QList<RecordedRequest> received = backend.requests();
    QCOMPARE(received.size(), 2);
    QCOMPARE(received.first().target, QByteArray("/v1/items?q=a%20b"));
    QCOMPARE(received.first().header("Host"), QByteArray("backend.example:") + QByteArray::number(base.port()));
    QVERIFY(!received.first().hasHeader("Proxy-Authorization"));
    QCOMPARE(backend.connectionCount(), 1); // kept alive through the proxy
}

void tst_OutboundPolicy::httpsBackendThroughConnectTunnel()
{
    TestCertificateAuthority ca(QStringLiteral("Proxy Test CA"));
    QVERIFY(!ca.isNull());
    const TestCredential server
        = ca.issueServer(QStringLiteral("backend.example"), {QStringLiteral("backend.example")}, {});
    TestTlsServer tls(server.certificatePem, server.privateKeyPem);
    QVERIFY(tls.listenLoopback());
    TestProxy proxy;
    QVERIFY(proxy.listenLoopback());
    proxy.requireCredentials("alice", "pr0xy-CANARY");
    BackendClient client;
    client.setOutboundPolicy(policyFrom({{"HTTPS_PROXY", proxy.url("alice", "pr0xy-CANARY").toEncoded()}}));
    BackendOptions options;
    options.tls = QSslConfiguration::defaultConfiguration();
    options.tls.setCaCertificates(QSslCertificate::fromData(ca.certificatePem()));
    options.tlsProfile = "test-ca";

    const auto result
        = sendNow(client, get(QStringLiteral("https://backend.example:%1/secure").arg(tls.serverPort())), options);
    QVERIFY(result.has_value());
    QVERIFY2(result->outcome == BackendResult::Outcome::Answered, qPrintable(result->errorClass));
    QCOMPARE(result->status, 200);
    QCOMPARE(proxy.tunnelsOpened(), 1);
    bool authorizedConnect = false;
    for (const auto& s : proxy.seen()) {
        QCOMPARE(s.method, QByteArray("CONNECT"));
        QCOMPARE(s.target, QByteArray("backend.example:") + QByteArray::number(tls.serverPort()));
        authorizedConnect = authorizedConnect || s.authorized;
    }
    QVERIFY(authorizedConnect);
    QCOMPARE(tls.requests().size(), 1);
    QVERIFY(tls.requests().first().head.startsWith("GET /secure HTTP/1.1"));
    QVERIFY(!tls.requests().first().head.toLower().contains("proxy-authorization"));
}

void tst_OutboundPolicy::wrongProxyCredentialsNeverLeak()
{
    TestCertificateAuthority ca(QStringLiteral("Proxy Test CA"));
    const TestCredential server
        = ca.issueServer(QStringLiteral("backend.example"), {QStringLiteral("backend.example")}, {});
    TestTlsServer tls(server.certificatePem, server.privateKeyPem);
    QVERIFY(tls.listenLoopback());
    TestProxy proxy;
    QVERIFY(proxy.listenLoopback());
    proxy.requireCredentials("alice", "right");
    BackendClient client;
    client.setOutboundPolicy(policyFrom({{"HTTPS_PROXY", proxy.url("alice", "wr0ng-CANARY").toEncoded()}}));
    const auto result
        = sendNow(client, get(QStringLiteral("https://backend.example:%1/x").arg(tls.serverPort())), BackendOptions());
    QVERIFY(result.has_value());
    QVERIFY(result->outcome != BackendResult::Outcome::Answered);
    QVERIFY2(result->errorClass.startsWith(QLatin1String("Proxy")), qPrintable(result->errorClass));
    QVERIFY(!result->errorClass.contains(QLatin1String("CANARY")));
    QCOMPARE(tls.requests().size(), 0);

    // The same through an absolute-form request for an http backend.
    ScriptedBackend backend;
    const QUrl base = backend.start([](int, int, const RecordedRequest&) {
        return ScriptedReply{ScriptedBackend::answer(200, R"({"ok":true})", "Content-Type: application/json\r\n")};
    });
    BackendClient plain;
    plain.setOutboundPolicy(policyFrom({{"HTTP_PROXY", proxy.url("alice", "wr0ng-CANARY").toEncoded()}}));
    const auto refused
        = sendNow(plain, get(QStringLiteral("http://backend.example:%1/x").arg(base.port())), BackendOptions());
    QVERIFY(refused.has_value());
    QCOMPARE(refused->outcome, BackendResult::Outcome::Unreachable);
    QCOMPARE(refused->errorClass, QStringLiteral("ProxyAuthenticationRequired"));
    QCOMPARE(backend.requests().size(), 0);
}

void tst_OutboundPolicy::noProxyAndLoopbackGoDirect()
{
    ScriptedBackend backend;
    const QUrl base = backend.start([](int, int, const RecordedRequest&) {
        return ScriptedReply{ScriptedBackend::answer(200, R"({"ok":true})", "Content-Type: application/json\r\n")};
    });
    QVERIFY(base.isValid());
    TestProxy proxy;
    QVERIFY(proxy.listenLoopback());

    // Loopback is never proxied, whatever HTTP_PROXY says.
    {
        BackendClient client;
        client.setOutboundPolicy(policyFrom({{"HTTP_PROXY", proxy.url().toEncoded()}}));
        const auto result = sendNow(client, get(base.toString() + QStringLiteral("/direct")), BackendOptions());
        QVERIFY(result.has_value());
        QCOMPARE(result->status, 200);
        QCOMPARE(proxy.seen().size(), 0);
    }

    // A name in NO_PROXY goes direct; the same name without it goes through the proxy.
    const QString alias = loopbackAlias();
    if (alias.isEmpty())
        QSKIP("no host name other than localhost resolves to loopback from the hosts file here");
    const QString url = QStringLiteral("http://%1:%2/named").arg(alias).arg(base.port());
    {
        BackendClient client;
        client.setOutboundPolicy(
            policyFrom({{"HTTP_PROXY", proxy.url().toEncoded()}, {"NO_PROXY", "intranet," + alias.toUtf8()}}));
        const auto result = sendNow(client, get(url), BackendOptions());
        QVERIFY(result.has_value());
        QCOMPARE(result->status, 200);
        QCOMPARE(proxy.seen().size(), 0);
    }
    {
        BackendClient client;
        client.setOutboundPolicy(policyFrom({{"HTTP_PROXY", proxy.url().toEncoded()}}));
        const auto result = sendNow(client, get(url), BackendOptions());
        QVERIFY(result.has_value());
        QCOMPARE(result->status, 200);
        QCOMPARE(proxy.seen().size(), 1);
    }
}

QTEST_GUILESS_MAIN(tst_OutboundPolicy)
#include "tst_outboundpolicy.moc"
