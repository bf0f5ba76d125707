// SPDX-License-Identifier: GPL-3.0-or-later
// HostOriginPolicy: the DNS-rebinding defence. The Host must name this gateway, port included;
// an Origin must be loopback or listed.
#include "http/HostOriginPolicy.h"

#include <QtTest>

using Gateway::HostOriginPolicy;

namespace {
constexpr quint16 kPort = 8765; // the listening port of the policies under test
const QHostAddress kListen(QHostAddress::LocalHost);
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
    void listenerOnEveryAddress_data();
    void listenerOnEveryAddress();
    void publicUrl_data();
    void publicUrl();
    void baseUrlFor_data();
    void baseUrlFor();
    void noListenerAcceptsNoLoopbackHost();
};

void tst_HostOriginPolicy::host_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("expected"); // "" = allowed

    // A loopback Host must name the listening port: a client asking for 127.0.0.1:9 is not talking
    // to this gateway, and its token's audience would be another server's. A Host without a port
    // means port 80, which this listener is not on.
    QTest::newRow("localhost:8765") << QByteArray("localhost:8765") << QString();
    QTest::newRow("LOCALHOST upper case") << QByteArray("LOCALHOST:8765") << QString();
    QTest::newRow("127.0.0.1:8765") << QByteArray("127.0.0.1:8765") << QString();
    QTest::newRow("[::1]:8765 (bound to 127.0.0.1)") << QByteArray("[::1]:8765") << kForeignHost;
    QTest::newRow("surrounding blanks") << QByteArray(" localhost:8765 ") << QString();
    QTest::newRow("name under .localhost") << QByteArray("app.localhost:8765") << QString();
    QTest::newRow("localhost, trailing dot") << QByteArray("localhost.:8765") << QString();

    QTest::newRow("localhost without port") << QByteArray("localhost") << kForeignHost;
    QTest::newRow("127.0.0.1 without port") << QByteArray("127.0.0.1") << kForeignHost;
    QTest::newRow("[::1] without port") << QByteArray("[::1]") << kForeignHost;
    QTest::newRow("localhost:8080") << QByteArray("localhost:8080") << kForeignHost;
    QTest::newRow("127.0.0.1:9") << QByteArray("127.0.0.1:9") << kForeignHost;
    QTest::newRow("127.0.0.1:1") << QByteArray("127.0.0.1:1") << kForeignHost;
    QTest::newRow("127.0.0.1:65535") << QByteArray("127.0.0.1:65535") << kForeignHost;
    QTest::newRow("127.0.0.1:08765") << QByteArray("127.0.0.1:08765") << QString();
    QTest::newRow("127.0.0.1:+8765") << QByteArray("127.0.0.1:+8765") << kForeignHost;
    QTest::newRow("127.0.0.1: 8765") << QByteArray("127.0.0.1: 8765") << kForeignHost;
    QTest::newRow("127.0.0.1:") << QByteArray("127.0.0.1:") << kForeignHost;
    // Another loopback address is another listener (a token for it must not be replayed here).
    QTest::newRow("127.0.0.2:8765") << QByteArray("127.0.0.2:8765") << kForeignHost;

    QTest::newRow("evil.com") << QByteArray("evil.com") << kForeignHost;
    QTest::newRow("evil.com:8765") << QByteArray("evil.com:8765") << kForeignHost;
    QTest::newRow("localhost.evil.com") << QByteArray("localhost.evil.com:8765") << kForeignHost;
    QTest::newRow("127.0.0.1.nip.io") << QByteArray("127.0.0.1.nip.io:8765") << kForeignHost;
    QTest::newRow("evil.localhost.com") << QByteArray("evil.localhost.com:8765") << kForeignHost;
    QTest::newRow("empty") << QByteArray() << kForeignHost;
    QTest::newRow("blank") << QByteArray("   ") << kForeignHost;
    QTest::newRow("localhost:abc") << QByteArray("localhost:abc") << kForeignHost;
    QTest::newRow("localhost:99999") << QByteArray("localhost:99999") << kForeignHost;
    QTest::newRow("localhost:80:80") << QByteArray("localhost:80:80") << kForeignHost;
    QTest::newRow("localhost with userinfo") << QByteArray("evil.com@localhost:8765") << kForeignHost;
    QTest::newRow("0.0.0.0") << QByteArray("0.0.0.0:8765") << kForeignHost;
    QTest::newRow("[::1] unterminated") << QByteArray("[::1") << kForeignHost;
    QTest::newRow("[::1] trailing junk") << QByteArray("[::1]x") << kForeignHost;
    QTest::newRow("[::1]:abc") << QByteArray("[::1]:abc") << kForeignHost;
    QTest::newRow("[::2]") << QByteArray("[::2]:8765") << kForeignHost;
    QTest::newRow("bare ::1") << QByteArray("::1") << kForeignHost;
}

void tst_HostOriginPolicy::host()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    const HostOriginPolicy policy({}, {}, kListen, kPort);
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
    const HostOriginPolicy policy({}, {QStringLiteral("https://app.example.com/")}, kListen, kPort);
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
    // "name" accepts no port or the listening port; "name:port" exactly that port.
    QTest::newRow("configured host") << QByteArray("gateway.lan") << QString();
    QTest::newRow("configured host with listening port") << QByteArray("gateway.lan:8765") << QString();
    QTest::newRow("configured host, other port") << QByteArray("gateway.lan:9") << kForeignHost;
    QTest::newRow("configured host, other case") << QByteArray("Gateway.LAN") << QString();
    QTest::newRow("configured ipv6") << QByteArray("[fe80::1]:8765") << QString();
    QTest::newRow("configured with port") << QByteArray("proxy.lan:443") << QString();
    QTest::newRow("configured with port, no port sent") << QByteArray("proxy.lan") << kForeignHost;
    QTest::newRow("configured with port, listening port") << QByteArray("proxy.lan:8765") << kForeignHost;
    QTest::newRow("loopback still allowed") << QByteArray("localhost:8765") << QString();
    QTest::newRow("subdomain of configured") << QByteArray("evil.gateway.lan") << kForeignHost;
    QTest::newRow("configured as suffix") << QByteArray("gateway.lan.evil.com") << kForeignHost;
    QTest::newRow("other host") << QByteArray("evil.com") << kForeignHost;
}

void tst_HostOriginPolicy::configuredHosts()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    const HostOriginPolicy policy(
        {QStringLiteral(" Gateway.lan "), QStringLiteral("[fe80::1]"), QStringLiteral("proxy.lan:443")}, {}, kListen,
        kPort);
    QCOMPARE(policy.check(host, {}), expected);
}

void tst_HostOriginPolicy::listenerOnEveryAddress_data()
{
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("expected");
    QTest::newRow("127.0.0.1:8765") << QByteArray("127.0.0.1:8765") << QString();
    QTest::newRow("127.0.0.2:8765") << QByteArray("127.0.0.2:8765") << QString();
    QTest::newRow("[::1]:8765") << QByteArray("[::1]:8765") << QString();
    QTest::newRow("localhost:8765") << QByteArray("localhost:8765") << QString();
    QTest::newRow("[::1]:9") << QByteArray("[::1]:9") << kForeignHost;
    QTest::newRow("LAN address") << QByteArray("192.168.1.5:8765") << kForeignHost;
}

void tst_HostOriginPolicy::listenerOnEveryAddress()
{
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    const HostOriginPolicy policy({}, {}, QHostAddress(QHostAddress::Any), kPort);
    QCOMPARE(policy.check(host, {}), expected);
}

void tst_HostOriginPolicy::publicUrl_data()
{
    QTest::addColumn<QString>("publicUrl");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("expected");
    const QString https = QStringLiteral("https://MCP.Example.com");
    QTest::newRow("https, no port") << https << QByteArray("mcp.example.com") << QString();
    QTest::newRow("https, :443") << https << QByteArray("mcp.example.com:443") << QString();
    QTest::newRow("https, :8765") << https << QByteArray("mcp.example.com:8765") << kForeignHost;
    QTest::newRow("https, other name") << https << QByteArray("evil.example.com") << kForeignHost;
    QTest::newRow("https, loopback still") << https << QByteArray("127.0.0.1:8765") << QString();
    const QString custom = QStringLiteral("http://mcp.example.com:8080/");
    QTest::newRow("port, same") << custom << QByteArray("mcp.example.com:8080") << QString();
    QTest::newRow("port, none sent") << custom << QByteArray("mcp.example.com") << kForeignHost;
    QTest::newRow("port, other") << custom << QByteArray("mcp.example.com:80") << kForeignHost;
}

void tst_HostOriginPolicy::publicUrl()
{
    QFETCH(QString, publicUrl);
    QFETCH(QByteArray, host);
    QFETCH(QString, expected);
    const HostOriginPolicy policy({}, {}, kListen, kPort, QUrl(publicUrl));
    QCOMPARE(policy.check(host, {}), expected);
}

void tst_HostOriginPolicy::baseUrlFor_data()
{
    QTest::addColumn<QString>("publicUrl");
    QTest::addColumn<QByteArray>("host");
    QTest::addColumn<QString>("base");
    QTest::newRow("loopback name") << QString() << QByteArray("LocalHost:8765")
                                   << QStringLiteral("http://localhost:8765");
    QTest::newRow("address") << QString() << QByteArray("127.0.0.1:8765") << QStringLiteral("http://127.0.0.1:8765");
    QTest::newRow("ipv6") << QString() << QByteArray("[::1]:8765") << QStringLiteral("http://[::1]:8765");
    // The port always comes from the listener, never from the request.
    QTest::newRow("configured host without port")
        << QString() << QByteArray("gateway.lan") << QStringLiteral("http://gateway.lan:8765");
    QTest::newRow("publicUrl wins") << QStringLiteral("https://mcp.example.com") << QByteArray("127.0.0.1:8765")
                                    << QStringLiteral("https://mcp.example.com");
    QTest::newRow("publicUrl default port dropped")
        << QStringLiteral("https://mcp.example.com:443") << QByteArray("mcp.example.com")
        << QStringLiteral("https://mcp.example.com");
    QTest::newRow("publicUrl with port") << QStringLiteral("http://mcp.example.com:8080") << QByteArray("x")
                                         << QStringLiteral("http://mcp.example.com:8080");
}

void tst_HostOriginPolicy::baseUrlFor()
{
    QFETCH(QString, publicUrl);
    QFETCH(QByteArray, host);
    QFETCH(QString, base);
    const HostOriginPolicy policy({QStringLiteral("gateway.lan")}, {}, kListen, kPort, QUrl(publicUrl));
    QCOMPARE(policy.baseUrlFor(host).toString(), base);
}

void tst_HostOriginPolicy::noListenerAcceptsNoLoopbackHost()
{
    // Before the listener is known no port can be checked: fail closed.
    const HostOriginPolicy policy;
    QCOMPARE(policy.check("127.0.0.1:8765", {}), kForeignHost);
    QCOMPARE(policy.check("localhost", {}), kForeignHost);
}

QTEST_GUILESS_MAIN(tst_HostOriginPolicy)
#include "tst_hostoriginpolicy.moc"
