// SPDX-License-Identifier: GPL-3.0-or-later
// HostOriginPolicy: the DNS-rebinding defence (security checklist rows 2 and 3).
#include "http/HostOriginPolicy.h"

#include <QtTest>

using Gateway::HostOriginPolicy;

namespace {
const QString kForeignHost = QStringLiteral("foreign Host");
const QString kForeignOrigin = QStringLiteral("foreign Origin");
const QString kSeveralOrigins = QStringLiteral("several Origin headers");
} // namespace

class tst_HostOriginPolicy : public QObject
{
    Q_OBJECT

private slots:
    void host_data();
    void host();
    void origin_data();
    void origin();
    void hostName_data();
    void hostName();
    void configuredHosts_data();
    void configuredHosts();
};

void tst_HostOriginPolicy::host_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("expected"); // "" = allowed

    QTest::newRow("localhost") << QByteArray("localhost") << QString();
    QTest::newRow("localhost:8080") << QByteArray("localhost:8080") << QString();
    QTest::newRow("LOCALHOST upper case") << QByteArray("LOCALHOST:8080") << QString();
    QTest::newRow("127.0.0.1") << QByteArray("127.0.0.1") << QString();
    QTest::newRow("127.0.0.1:1") << QByteArray("127.0.0.1:1") << QString();
    QTest::newRow("127.0.0.1:65535") << QByteArray("127.0.0.1:65535") << QString();
    QTest::newRow("[::1]") << QByteArray("[::1]") << QString();
    QTest::newRow("[::1]:9") << QByteArray("[::1]:9") << QString();
    QTest::newRow("surrounding blanks") << QByteArray(" localhost:8765 ") << QString();

    QTest::newRow("evil.com") << QByteArray("evil.com") << kForeignHost;
    QTest::newRow("evil.com:8765") << QByteArray("evil.com:8765") << kForeignHost;
    QTest::newRow("localhost.evil.com") << QByteArray("localhost.evil.com") << kForeignHost;
    QTest::newRow("127.0.0.1.nip.io") << QByteArray("127.0.0.1.nip.io") << kForeignHost;
    QTest::newRow("evil.localhost.com") << QByteArray("evil.localhost.com") << kForeignHost;
    QTest::newRow("empty") << QByteArray() << kForeignHost;
    QTest::newRow("blank") << QByteArray("   ") << kForeignHost;
    QTest::newRow("localhost:abc") << QByteArray("localhost:abc") << kForeignHost;
    QTest::newRow("localhost:99999") << QByteArray("localhost:99999") << kForeignHost;
    QTest::newRow("localhost:80:80") << QByteArray("localhost:80:80") << kForeignHost;
    QTest::newRow("localhost with userinfo") << QByteArray("evil.com@localhost") << kForeignHost;
    QTest::newRow("0.0.0.0") << QByteArray("0.0.0.0:8765") << kForeignHost;
    QTest::newRow("127.0.0.2") << QByteArray("127.0.0.2") << kForeignHost;
    QTest::newRow("[::1] unterminated") << QByteArray("[::1") << kForeignHost;
    QTest::newRow("[::1] trailing junk") << QByteArray("[::1]x") << kForeignHost;
    QTest::newRow("[::1]:abc") << QByteArray("[::1]:abc") << kForeignHost;
    QTest::newRow("[::2]") << QByteArray("[::2]:80") << kForeignHost;
    QTest::newRow("bare ::1") << QByteArray("::1") << kForeignHost;
}

void tst_HostOriginPolicy::host()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    const HostOriginPolicy policy;
    QCOMPARE(policy.check(host, {}), expected);
    // The Host verdict does not depend on a (good) Origin.
    QCOMPARE(policy.check(host, {QByteArray("http://localhost:5173")}), expected);
}

void tst_HostOriginPolicy::origin_data()
{
    QTest::addColumn<QByteArrayList>("origins");
    QTest::addColumn<QString>("expected");

    QTest::newRow("absent") << QByteArrayList{} << QString();
    QTest::newRow("http://localhost:5173") << QByteArrayList{"http://localhost:5173"} << QString();
    QTest::newRow("http://localhost") << QByteArrayList{"http://localhost"} << QString();
    QTest::newRow("http://127.0.0.1") << QByteArrayList{"http://127.0.0.1"} << QString();
    QTest::newRow("https://127.0.0.1:8443") << QByteArrayList{"https://127.0.0.1:8443"} << QString();
    QTest::newRow("http://[::1]:3000") << QByteArrayList{"http://[::1]:3000"} << QString();
    QTest::newRow("upper case loopback") << QByteArrayList{"HTTP://LOCALHOST:5173"} << QString();
    QTest::newRow("configured extra origin") << QByteArrayList{"https://app.example.com"} << QString();
    QTest::newRow("configured extra origin, other case") << QByteArrayList{"https://App.Example.com"} << QString();

    QTest::newRow("https://evil.com") << QByteArrayList{"https://evil.com"} << kForeignOrigin;
    QTest::newRow("null") << QByteArrayList{"null"} << kForeignOrigin;
    QTest::newRow("empty value") << QByteArrayList{""} << kForeignOrigin;
    QTest::newRow("http://localhost.evil.com") << QByteArrayList{"http://localhost.evil.com"} << kForeignOrigin;
    QTest::newRow("http://127.0.0.1.nip.io") << QByteArrayList{"http://127.0.0.1.nip.io"} << kForeignOrigin;
    QTest::newRow("file://") << QByteArrayList{"file://"} << kForeignOrigin;
    QTest::newRow("ws://localhost") << QByteArrayList{"ws://localhost:5173"} << kForeignOrigin;
    QTest::newRow("extra origin over http") << QByteArrayList{"http://app.example.com"} << kForeignOrigin;
    QTest::newRow("extra origin other port") << QByteArrayList{"https://app.example.com:8443"} << kForeignOrigin;
    QTest::newRow("extra origin as suffix") << QByteArrayList{"https://app.example.com.evil.com"} << kForeignOrigin;
    QTest::newRow("two Origin headers, both good")
        << QByteArrayList{"http://localhost:5173", "http://localhost:5173"} << kSeveralOrigins;
    QTest::newRow("two Origin headers, one bad")
        << QByteArrayList{"http://localhost", "https://evil.com"} << kSeveralOrigins;
}

void tst_HostOriginPolicy::origin()
{
    QFETCH(QByteArrayList, origins);
    QFETCH(QString, expected);
    // Configured with a trailing slash: it must still match the slash-less Origin a browser sends.
    const HostOriginPolicy policy({}, {QStringLiteral("https://app.example.com/")});
    QCOMPARE(policy.check("127.0.0.1:8765", origins), expected);
    // A foreign Host is refused whatever the Origin.
    QCOMPARE(policy.check("evil.com", origins), kForeignHost);
}

void tst_HostOriginPolicy::hostName_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("name");
    QTest::newRow("plain") << QByteArray("Example.COM") << QStringLiteral("example.com");
    QTest::newRow("with port") << QByteArray("localhost:8765") << QStringLiteral("localhost");
    QTest::newRow("ipv6 with port") << QByteArray("[::1]:8765") << QStringLiteral("[::1]");
    QTest::newRow("ipv6") << QByteArray("[::1]") << QStringLiteral("[::1]");
    QTest::newRow("bad port") << QByteArray("localhost:x") << QString();
    QTest::newRow("bad ipv6") << QByteArray("[::1") << QString();
    QTest::newRow("empty") << QByteArray() << QString();
}

void tst_HostOriginPolicy::hostName()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, name);
    QCOMPARE(HostOriginPolicy::hostName(header), name);
}

void tst_HostOriginPolicy::configuredHosts_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("expected");
    QTest::newRow("configured host") << QByteArray("gateway.lan") << QString();
    QTest::newRow("configured host with port") << QByteArray("gateway.lan:8765") << QString();
    QTest::newRow("configured host, other case") << QByteArray("Gateway.LAN") << QString();
    QTest::newRow("configured ipv6") << QByteArray("[fe80::1]:8765") << QString();
    QTest::newRow("loopback still allowed") << QByteArray("localhost") << QString();
    QTest::newRow("subdomain of configured") << QByteArray("evil.gateway.lan") << kForeignHost;
    QTest::newRow("configured as suffix") << QByteArray("gateway.lan.evil.com") << kForeignHost;
    QTest::newRow("other host") << QByteArray("evil.com") << kForeignHost;
}

void tst_HostOriginPolicy::configuredHosts()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    const HostOriginPolicy policy({QStringLiteral(" Gateway.lan "), QStringLiteral("[fe80::1]")}, {});
    QCOMPARE(policy.check(host, {}), expected);
}

QTEST_GUILESS_MAIN(tst_HostOriginPolicy)
#include "tst_hostoriginpolicy.moc"
