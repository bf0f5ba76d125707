// SPDX-License-Identifier: GPL-3.0-or-later
// The secure demo's elicited leg with the real ElicitationBroker: the service's elicitedOAuth2
// backend secret discovers the demo authorization server (RFC 8414), a scripted person follows the
// link through the auto-approve page and back to /elicit/callback, and the token the broker then
// hands out is accepted by the bearer-protected demo backend.
#include "RawHttpClient.h"
#include "ScriptedBrowser.h"
#include "core/GatewayServer.h"
#include "demo/SecureDemo.h"
#include "elicit/ElicitationBroker.h"
#include "secrets/MemorySecretStore.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QtTest>

#include <future>
#include <optional>

using namespace Gateway;
using TestSupport::BrowserPage;
using TestSupport::ScriptedBrowser;

namespace {

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

} // namespace

class tst_SecureDemoChain : public QObject
{
    Q_OBJECT
private slots:
    void elicitedBackendTokenReachesTheBackend();
};

void tst_SecureDemoChain::elicitedBackendTokenReachesTheBackend()
{
    SecureDemo demo;
    QString error;
    QVERIFY2(demo.start(&error), qPrintable(error));
    const WorkspaceConfig config = demo.workspace(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    MemorySecretStore secrets;
    GatewayServer gateway;
    gateway.setSecretStore(&secrets);
    QVERIFY2(gateway.applyConfig(config, &error), qPrintable(error));
    QVERIFY2(gateway.listen(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    demo.setGatewayBase(gateway.baseUrl());

    ElicitationContext context;
    context.service = SecureDemo::ServiceName;
    context.auth = config.services.first().backendAuth;
    context.settings = config.services.first().elicitation;
    context.endpoint = config.services.first().security;
    context.person = demo.issuer() + QStringLiteral(" ") + SecureDemo::AgentClientId;
    context.revision = QStringLiteral("2026-07-28");
    context.gatewayBase = gateway.baseUrl();

    const CredentialOutcome first = acquireSync(gateway.elicitationBroker(), context);
    QCOMPARE(int(first.status), int(CredentialOutcome::Status::ElicitationRequired));
    ScriptedBrowser person;
    const BrowserPage intro = person.get(first.url);
    QCOMPARE(intro.status, 200);
    const BrowserPage done = person.submit(intro, QStringLiteral("continue"));
    QVERIFY2(done.status == 200, done.body.constData());
    QVERIFY2(done.body.contains("connected"), done.body.constData());

    const CredentialOutcome ready = acquireSync(gateway.elicitationBroker(), context);
    QCOMPARE(int(ready.status), int(CredentialOutcome::Status::Ready));
    QCOMPARE(ready.headers.value(0).first, QByteArray("Authorization"));

    const quint16 port = quint16(demo.backendUrl().port());
    const QByteArray bytes = "GET /v1/items HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: "
        + ready.headers.value(0).second + "\r\nConnection: close\r\n\r\n";
    auto future = std::async(std::launch::async, [port, bytes] { return TestSupport::rawExchange(port, bytes); });
    while (future.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
        QTest::qWait(2);
    const auto responses = future.get();
    QVERIFY(!responses.isEmpty());
    QCOMPARE(responses.first().status, 200);
}

QTEST_GUILESS_MAIN(tst_SecureDemoChain)
#include "tst_securedemochain.moc"
