// SPDX-License-Identifier: GPL-3.0-or-later
// GatewaySnapshot: a service is refused (with the reason) rather than served when its backend
// credentials would travel in clear text or a client certificate would silently not be presented;
// refused services never stop the others.
#include "core/GatewaySnapshot.h"

#include <QtTest>

using Gateway::BackendAuth;
using Gateway::GatewaySnapshot;
using Gateway::ServiceConfig;
using Gateway::WorkspaceConfig;

namespace {

const QString kDemoDocument = QStringLiteral(":/portcullis/demo/demo-openapi.yaml");

ServiceConfig service(const QString& name, const QString& baseUrl, BackendAuth::Kind kind)
{
    ServiceConfig s;
    s.name = name;
    s.openApiPath = kDemoDocument;
    s.baseUrl = QUrl(baseUrl);
    s.backendAuth.kind = kind;
    s.backendAuth.username = QStringLiteral("u");
    s.backendAuth.secretRef = QStringLiteral("${env:PORTCULLIS_TEST_UNSET}");
    if (kind == BackendAuth::Kind::ClientCertificate)
        s.backendAuth.certificateRef = QStringLiteral("${env:PORTCULLIS_TEST_UNSET_CERT}");
    if (kind == BackendAuth::Kind::OAuth2ClientCredentials) {
        s.backendAuth.tokenEndpoint = QUrl(QStringLiteral("https://idp.example.com/token"));
        s.backendAuth.clientId = QStringLiteral("c");
    }
    return s;
}

} // namespace

class tst_GatewaySnapshot : public QObject
{
    Q_OBJECT

private slots:
    void backendTransport_data();
    void backendTransport();
    void refusedServiceDoesNotStopOthers();
};

void tst_GatewaySnapshot::backendTransport_data()
{
    QTest::addColumn<QString>("baseUrl");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("tokenEndpoint"); // "" = https://idp.example.com/token
    QTest::addColumn<bool>("allowLoopbackHttpTokenEndpoint");
    QTest::addColumn<QString>("error"); // expected reason (prefix after "service 'svc': "); "" = served

    const int none = int(BackendAuth::Kind::None);
    const int basic = int(BackendAuth::Kind::Basic);
    const int token = int(BackendAuth::Kind::Token);
    const int cert = int(BackendAuth::Kind::ClientCertificate);
    const int oauth = int(BackendAuth::Kind::OAuth2ClientCredentials);
    const QString clear = QStringLiteral("backendAuth kind %1 would send credentials over plain http to '%2', which "
                                         "is not loopback; use https");

    QTest::newRow("no credentials, plain http anywhere")
        << "http://api.example.com" << none << QString() << false << QString();
    for (const auto& [name, kind] :
         {std::pair{"basic", basic}, std::pair{"token", token}, std::pair{"oauth2ClientCredentials", oauth}}) {
        QTest::addRow("%s over https", name) << "https://api.example.com/v1" << kind << QString() << false << QString();
        QTest::addRow("%s over http to 127.0.0.1", name)
            << "http://127.0.0.1:8080" << kind << QString() << false << QString();
        QTest::addRow("%s over http to localhost", name)
            << "http://localhost:8080" << kind << QString() << false << QString();
        QTest::addRow("%s over http to [::1]", name) << "http://[::1]:8080" << kind << QString() << false << QString();
        QTest::addRow("%s over http to a name", name)
            << "http://api.example.com/v1" << kind << QString() << false
            << clear.arg(QLatin1String(name), QStringLiteral("http://api.example.com/v1"));
        QTest::addRow("%s over http to a LAN address", name)
            << "http://192.168.1.20:8080" << kind << QString() << false
            << clear.arg(QLatin1String(name), QStringLiteral("http://192.168.1.20:8080"));
        QTest::addRow("%s over http to a name that only looks local", name)
            << "http://127.0.0.1.example.com" << kind << QString() << false
            << clear.arg(QLatin1String(name), QStringLiteral("http://127.0.0.1.example.com"));
    }
    QTest::newRow("client certificate over https")
        << "https://api.example.com" << cert << QString() << false << QString();
    QTest::newRow("client certificate for http, even loopback")
        << "http://127.0.0.1:8443" << cert << QString() << false
        << QStringLiteral("backendAuth kind clientCertificate needs an https backend URL, got 'http://127.0.0.1:8443' "
                          "(the certificate could not be presented)");
    QTest::newRow("oauth token endpoint over http, not loopback")
        << "https://api.example.com" << oauth << QStringLiteral("http://idp.example.com/token") << true
        << QStringLiteral("backendAuth tokenEndpoint 'http://idp.example.com/token' must be https");
    QTest::newRow("oauth token endpoint over loopback http without permission")
        << "https://api.example.com" << oauth << QStringLiteral("http://127.0.0.1:9000/token") << false
        << QStringLiteral("backendAuth tokenEndpoint 'http://127.0.0.1:9000/token' must be https");
    QTest::newRow("oauth token endpoint over loopback http with permission")
        << "http://127.0.0.1:8080" << oauth << QStringLiteral("http://127.0.0.1:9000/token") << true << QString();
}

void tst_GatewaySnapshot::backendTransport()
{
    QFETCH(QString, baseUrl);
    QFETCH(int, kind);
    QFETCH(QString, tokenEndpoint);
    QFETCH(bool, allowLoopbackHttpTokenEndpoint);
    QFETCH(QString, error);

    ServiceConfig s = service(QStringLiteral("svc"), baseUrl, BackendAuth::Kind(kind));
    if (!tokenEndpoint.isEmpty())
        s.backendAuth.tokenEndpoint = QUrl(tokenEndpoint);
    s.backendAuth.allowLoopbackHttpTokenEndpoint = allowLoopbackHttpTokenEndpoint;
    QString reason;
    const auto runtime = GatewaySnapshot::buildService(s, QString(), &reason);
    if (error.isEmpty()) {
        QVERIFY2(runtime, qPrintable(reason));
        QVERIFY(!runtime->tools.isEmpty());
    } else {
        QVERIFY(!runtime);
        QVERIFY2(reason.startsWith(QStringLiteral("service 'svc': ") + error), qPrintable(reason));
        QVERIFY(!reason.contains(QLatin1String("PORTCULLIS_TEST_UNSET")));
    }
}

void tst_GatewaySnapshot::refusedServiceDoesNotStopOthers()
{
    WorkspaceConfig config;
    ServiceConfig good = service(QStringLiteral("good"), QStringLiteral("http://127.0.0.1:1"), BackendAuth::Kind::None);
    ServiceConfig clear
        = service(QStringLiteral("clear"), QStringLiteral("http://api.example.com"), BackendAuth::Kind::Token);
    ServiceConfig refused = service(QStringLiteral("refused"), QStringLiteral("https://x"), BackendAuth::Kind::None);
    refused.configError = QStringLiteral("ws.json: $.services[2].security.mode: must be one of none, apiKey, oauth2");
    config.services = {good, clear, refused};
    QString error;
    const auto snapshot = GatewaySnapshot::build(config, &error);
    QVERIFY2(snapshot, qPrintable(error));
    QCOMPARE(snapshot->serviceNames, QStringList{QStringLiteral("good")});
    QCOMPARE(snapshot->unavailableNames, (QStringList{QStringLiteral("clear"), QStringLiteral("refused")}));
    QVERIFY(!snapshot->service(QStringLiteral("clear")));
    QVERIFY(snapshot->unavailable.value(QStringLiteral("clear")).reason.contains(QLatin1String("plain http")));
    QCOMPARE(snapshot->unavailable.value(QStringLiteral("refused")).reason,
             QStringLiteral("service 'refused': ") + refused.configError);

    // A name used twice is a defect of the list itself.
    config.services.append(good);
    QVERIFY(!GatewaySnapshot::build(config, &error));
    QCOMPARE(error, QStringLiteral("service 'good' is defined twice"));
}

QTEST_GUILESS_MAIN(tst_GatewaySnapshot)
#include "tst_gatewaysnapshot.moc"
