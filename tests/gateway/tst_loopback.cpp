// SPDX-License-Identifier: GPL-3.0-or-later
// Net::isLoopbackHost / isConfidentialUrl: the one definition of loopback the gateway uses for
// "plain http is acceptable here" decisions (issuers, token endpoints, backends with credentials).
#include "net/Loopback.h"

#include <QtTest>

class tst_Loopback : public QObject
{
    Q_OBJECT

private slots:
    void host_data();
    void host();
    void confidentialUrl_data();
    void confidentialUrl();
};

void tst_Loopback::host_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("loopback");

    QTest::newRow("localhost") << QStringLiteral("localhost") << true;
    QTest::newRow("LocalHost") << QStringLiteral("LocalHost") << true;
    QTest::newRow("localhost.") << QStringLiteral("localhost.") << true;
    QTest::newRow("api.localhost") << QStringLiteral("api.localhost") << true;
    QTest::newRow("127.0.0.1") << QStringLiteral("127.0.0.1") << true;
    QTest::newRow("127.5.6.7") << QStringLiteral("127.5.6.7") << true;
    QTest::newRow("::1") << QStringLiteral("::1") << true;
    QTest::newRow("[::1]") << QStringLiteral("[::1]") << true;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("0.0.0.0") << QStringLiteral("0.0.0.0") << false;
    QTest::newRow("::") << QStringLiteral("::") << false;
    QTest::newRow("128.0.0.1") << QStringLiteral("128.0.0.1") << false;
    QTest::newRow("10.0.0.1") << QStringLiteral("10.0.0.1") << false;
    QTest::newRow("localhost.evil.com") << QStringLiteral("localhost.evil.com") << false;
    QTest::newRow("evillocalhost") << QStringLiteral("evillocalhost") << false;
    QTest::newRow("127.0.0.1.nip.io") << QStringLiteral("127.0.0.1.nip.io") << false;
    QTest::newRow("example.com") << QStringLiteral("example.com") << false;
    QTest::newRow("::ffff:10.0.0.1") << QStringLiteral("::ffff:10.0.0.1") << false;
}

void tst_Loopback::host()
{
    QFETCH(QString, host);
    QFETCH(bool, loopback);
    QCOMPARE(Gateway::Net::isLoopbackHost(host), loopback);
}

void tst_Loopback::confidentialUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("confidential");

    QTest::newRow("https public") << QUrl(QStringLiteral("https://api.example.com/v1")) << true;
    QTest::newRow("http loopback") << QUrl(QStringLiteral("http://127.0.0.1:8080/")) << true;
    QTest::newRow("http localhost") << QUrl(QStringLiteral("http://localhost/")) << true;
    QTest::newRow("http [::1]") << QUrl(QStringLiteral("http://[::1]:9/")) << true;
    QTest::newRow("http public") << QUrl(QStringLiteral("http://api.example.com/")) << false;
    QTest::newRow("http private") << QUrl(QStringLiteral("http://192.168.1.10/")) << false;
    QTest::newRow("ftp loopback") << QUrl(QStringLiteral("ftp://127.0.0.1/")) << false;
    QTest::newRow("HTTPS upper") << QUrl(QStringLiteral("HTTPS://api.example.com/")) << true;
}

void tst_Loopback::confidentialUrl()
{
    QFETCH(QUrl, url);
    QFETCH(bool, confidential);
    QCOMPARE(Gateway::Net::isConfidentialUrl(url), confidential);
}

QTEST_GUILESS_MAIN(tst_Loopback)
#include "tst_loopback.moc"
