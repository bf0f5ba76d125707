// SPDX-License-Identifier: GPL-3.0-or-later
// RateLimiter: one token bucket per person, Retry-After from the refill rate, and a table bounded
// although its keys come from clients.
#include "security/RateLimiter.h"

#include <QtTest>

using Gateway::RateLimiter;

class tst_RateLimiter : public QObject
{
    Q_OBJECT

private slots:
    void budget_data();
    void budget();
    void offAllowsEverything();
    void peopleAreIndependent();
    void tableIsBounded();
    void personOf_data();
    void personOf();
};

void tst_RateLimiter::budget_data()
{
    QTest::addColumn<int>("perMinute");
    QTest::addColumn<int>("burst");
    QTest::addColumn<int>("retryAfter"); // expected after the burst is spent at once
    QTest::newRow("60/min, burst 3") << 60 << 3 << 1;
    QTest::newRow("6/min, burst 1") << 6 << 1 << 10;
    QTest::newRow("1/min, burst 2") << 1 << 2 << 60;
    QTest::newRow("6000/min, burst 5") << 6000 << 5 << 1; // sub-second waits round up to 1
}

void tst_RateLimiter::budget()
{
    QFETCH(int, perMinute);
    QFETCH(int, burst);
    QFETCH(int, retryAfter);
    RateLimiter limiter;
    limiter.setLimits(perMinute, burst);
    const qint64 t0 = 1'000'000;
    for (int i = 0; i < burst; ++i)
        QCOMPARE(limiter.acquire(QStringLiteral("p"), t0), 0);
    QCOMPARE(limiter.acquire(QStringLiteral("p"), t0), retryAfter);
    // After Retry-After seconds a request is available again (exactly one when the wait was not
    // rounded up).
    const qint64 later = t0 + retryAfter * 1000LL;
    QCOMPARE(limiter.acquire(QStringLiteral("p"), later), 0);
    if (qint64(perMinute) * retryAfter == 60)
        QVERIFY(limiter.acquire(QStringLiteral("p"), later) > 0);
}

void tst_RateLimiter::offAllowsEverything()
{
    RateLimiter limiter;
    limiter.setLimits(0, 1);
    QVERIFY(!limiter.enabled());
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(limiter.acquire(QStringLiteral("p%1").arg(i), 0), 0);
    QCOMPARE(limiter.trackedCount(), 0);
}

void tst_RateLimiter::peopleAreIndependent()
{
    RateLimiter limiter;
    limiter.setLimits(60, 1);
    QCOMPARE(limiter.acquire(QStringLiteral("alice"), 0), 0);
    QVERIFY(limiter.acquire(QStringLiteral("alice"), 0) > 0);
    QCOMPARE(limiter.acquire(QStringLiteral("bob"), 0), 0);
}

void tst_RateLimiter::tableIsBounded()
{
    RateLimiter limiter(100);
    limiter.setLimits(60, 2);
    // 100 people, each with a spent budget: the table is full of state.
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(limiter.acquire(QStringLiteral("a%1").arg(i), 0), 0);
        QCOMPARE(limiter.acquire(QStringLiteral("a%1").arg(i), 0), 0);
    }
    QCOMPARE(limiter.trackedCount(), 100);
    // A flood of new people (e.g. spoofed addresses) never grows it; they are refused meanwhile.
    for (int i = 0; i < 10000; ++i)
        QVERIFY(limiter.acquire(QStringLiteral("new%1").arg(i), 10) > 0);
    QCOMPARE(limiter.trackedCount(), 100);
    // Once the buckets refilled they carry no state and make room.
    QCOMPARE(limiter.acquire(QStringLiteral("late"), 5000), 0);
    QVERIFY(limiter.trackedCount() <= 100);
}

void tst_RateLimiter::personOf_data()
{
    QTest::addColumn<QString>("principal");
    QTest::addColumn<QString>("peer");
    QTest::addColumn<QString>("person");
    QTest::newRow("api key") << QStringLiteral("key:1a2b3c4d") << QStringLiteral("127.0.0.1")
                             << QStringLiteral("key:1a2b3c4d");
    QTest::newRow("token") << QStringLiteral("https://as.example alice") << QStringLiteral("127.0.0.1")
                           << QStringLiteral("https://as.example alice");
    QTest::newRow("anonymous") << QStringLiteral("anonymous") << QStringLiteral("10.0.0.7")
                               << QStringLiteral("address 10.0.0.7");
    QTest::newRow("none") << QString() << QStringLiteral("::1") << QStringLiteral("address ::1");
    QTest::newRow("v4-mapped folds to v4")
        << QStringLiteral("anonymous") << QStringLiteral("::ffff:10.0.0.7") << QStringLiteral("address 10.0.0.7");
}

void tst_RateLimiter::personOf()
{
    QFETCH(QString, principal);
    QFETCH(QString, peer);
    QFETCH(QString, person);
    QCOMPARE(RateLimiter::personOf(principal, QHostAddress(peer)), person);
}

QTEST_GUILESS_MAIN(tst_RateLimiter)
#include "tst_ratelimiter.moc"
