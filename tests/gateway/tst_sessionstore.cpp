// SPDX-License-Identifier: GPL-3.0-or-later
// SessionStore: CSPRNG ids, binding to (service, principal), removal, LRU eviction at the cap and
// idle expiry (session ids are unguessable and bound; the store is bounded in memory).
#include "mcp/SessionStore.h"

#include <QRegularExpression>
#include <QSet>
#include <QThread>
#include <QtTest>

using Gateway::McpSession;
using Gateway::ProtocolRevision;
using Gateway::SessionStore;

namespace {
const QString kSvc = QStringLiteral("demo");
const QString kAlice = QStringLiteral("key:alice");
const QString kBob = QStringLiteral("key:bob");
} // namespace

class tst_SessionStore : public QObject
{
    Q_OBJECT

private slots:
    void idsAreBase64Url256Bit();
    void createBindsServiceAndPrincipal();
    void findWithWrongServiceOrPrincipal();
    void removeOnlyByOwner();
    void evictsLeastRecentlyUsedAtCap();
    void loweredCapIsEnforced();
    void perPersonCapEndsOnlyOwnOldest();
    void fullStoreNeverEndsOtherPeoplesSessions();
    void ownerIsCountedApartFromPrincipal();
    void idleSessionsExpire();
    void activityKeepsSessionAlive();
    void zeroIdleTimeoutNeverExpires();
    void sessionsOf();
    void wellFormedIds_data();
    void wellFormedIds();
};

void tst_SessionStore::idsAreBase64Url256Bit()
{
    const QRegularExpression shape(QStringLiteral("^[A-Za-z0-9_-]{43}$"));
    QSet<QByteArray> seen;
    for (int i = 0; i < 1000; ++i) {
        const QByteArray id = SessionStore::newSessionId();
        QCOMPARE(id.size(), 43);
        QVERIFY2(shape.match(QString::fromLatin1(id)).hasMatch(), id.constData());
        QVERIFY(SessionStore::isWellFormedId(id));
        seen.insert(id);
        // 43 base64url characters carry 256 bits.
        QCOMPARE(QByteArray::fromBase64(id, QByteArray::Base64UrlEncoding).size(), 32);
    }
    QCOMPARE(seen.size(), 1000);

    // Ids handed out by create() have the same shape and are unique as well.
    SessionStore store(2000, 0);
    QSet<QByteArray> created;
    for (int i = 0; i < 1000; ++i) {
        McpSession* s = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
        QVERIFY(shape.match(QString::fromLatin1(s->id)).hasMatch());
        created.insert(s->id);
    }
    QCOMPARE(created.size(), 1000);
    QCOMPARE(store.size(), 1000);
}

void tst_SessionStore::createBindsServiceAndPrincipal()
{
    SessionStore store(10, 0);
    McpSession* s = store.create(kSvc, kAlice, ProtocolRevision::V2025_06_18);
    QVERIFY(s);
    QCOMPARE(s->service, kSvc);
    QCOMPARE(s->principal, kAlice);
    QCOMPARE(s->revision, ProtocolRevision::V2025_06_18);
    QCOMPARE(s->initialized, false);
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.find(s->id, kSvc, kAlice), s);
}

void tst_SessionStore::findWithWrongServiceOrPrincipal()
{
    SessionStore store(10, 0);
    McpSession* s = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    const QByteArray id = s->id;
    QCOMPARE(store.find(id, QStringLiteral("other"), kAlice), nullptr);
    QCOMPARE(store.find(id, kSvc, kBob), nullptr);
    QCOMPARE(store.find(id, kSvc, QString()), nullptr);
    QCOMPARE(store.find(id, QStringLiteral("Demo"), kAlice), nullptr);
    QCOMPARE(store.find(SessionStore::newSessionId(), kSvc, kAlice), nullptr);
    QCOMPARE(store.find(QByteArray(), kSvc, kAlice), nullptr);
    QCOMPARE(store.find(id.left(42), kSvc, kAlice), nullptr);
    // Wrong lookups neither remove nor damage the real session.
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.find(id, kSvc, kAlice), s);
}

void tst_SessionStore::removeOnlyByOwner()
{
    SessionStore store(10, 0);
    McpSession* a = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    McpSession* b = store.create(kSvc, kBob, ProtocolRevision::V2025_11_25);
    const QByteArray idA = a->id;
    const QByteArray idB = b->id;
    QVERIFY(!store.remove(idA, kSvc, kBob));
    QVERIFY(!store.remove(idA, QStringLiteral("other"), kAlice));
    QCOMPARE(store.size(), 2);
    QVERIFY(store.remove(idA, kSvc, kAlice));
    QCOMPARE(store.size(), 1);
    QCOMPARE(store.find(idA, kSvc, kAlice), nullptr);
    QVERIFY(!store.remove(idA, kSvc, kAlice)); // already gone
    QCOMPARE(store.find(idB, kSvc, kBob), b);
}

void tst_SessionStore::evictsLeastRecentlyUsedAtCap()
{
    SessionStore store(3, 0);
    QList<QByteArray> ids;
    for (int i = 0; i < 3; ++i) {
        ids.append(store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id);
        QThread::msleep(5); // distinct lastSeen times
    }
    QVERIFY(store.find(ids.at(0), kSvc, kAlice)); // ids[0] is now the most recent, ids[1] the least
    QThread::msleep(5);
    const QByteArray fourth = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    QCOMPARE(store.size(), 3);
    QCOMPARE(store.find(ids.at(1), kSvc, kAlice), nullptr); // evicted: looks like any unknown id
    QVERIFY(store.find(ids.at(0), kSvc, kAlice));
    QVERIFY(store.find(ids.at(2), kSvc, kAlice));
    QVERIFY(store.find(fourth, kSvc, kAlice));

    // A flood never grows the store beyond its cap, and never ends someone else's session: Bob
    // holds none to give up, so his creations are refused.
    for (int i = 0; i < 100; ++i)
        QCOMPARE(store.create(kSvc, kBob, ProtocolRevision::V2025_11_25), nullptr);
    QCOMPARE(store.size(), 3);
    QVERIFY(store.find(ids.at(0), kSvc, kAlice));
    QVERIFY(store.find(fourth, kSvc, kAlice));
}

void tst_SessionStore::loweredCapIsEnforced()
{
    // A reload that lowers maxSessions: the next create must bring the store down to the new cap,
    // not just replace one session (the cap is a bound on memory).
    SessionStore store(10, 0);
    for (int i = 0; i < 5; ++i)
        store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    store.setLimits(2, 0);
    McpSession* newest = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    QVERIFY(store.find(newest->id, kSvc, kAlice));
    QCOMPARE(store.size(), 2);
}

void tst_SessionStore::perPersonCapEndsOnlyOwnOldest()
{
    SessionStore store(100, 0, 2);
    const QByteArray a1 = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    QThread::msleep(5);
    const QByteArray b1 = store.create(kSvc, kBob, ProtocolRevision::V2025_11_25)->id;
    QThread::msleep(5);
    const QByteArray a2 = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    QThread::msleep(5);
    QVERIFY(store.find(a1, kSvc, kAlice)); // a1 is now Alice's most recent, a2 her oldest
    QThread::msleep(5);
    for (int i = 0; i < 50; ++i) // a flood from Alice only ever replaces her own sessions
        store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    QCOMPARE(store.size(), 3);
    QVERIFY(store.find(b1, kSvc, kBob));
    QCOMPARE(store.find(a2, kSvc, kAlice), nullptr);
    QCOMPARE(store.find(a1, kSvc, kAlice), nullptr);
}

void tst_SessionStore::fullStoreNeverEndsOtherPeoplesSessions()
{
    SessionStore store(3, 0, 10);
    const QByteArray a1 = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    const QByteArray a2 = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    QThread::msleep(5);
    const QByteArray b1 = store.create(kSvc, kBob, ProtocolRevision::V2025_11_25)->id;
    QThread::msleep(5);
    // Full: Bob's next session replaces his own oldest, although Alice's are older.
    McpSession* b2 = store.create(kSvc, kBob, ProtocolRevision::V2025_11_25);
    QVERIFY(b2);
    QCOMPARE(store.find(b1, kSvc, kBob), nullptr);
    QVERIFY(store.find(a1, kSvc, kAlice));
    QVERIFY(store.find(a2, kSvc, kAlice));
    // Carol holds nothing: refused.
    QCOMPARE(store.create(kSvc, QStringLiteral("key:carol"), ProtocolRevision::V2025_11_25), nullptr);
    QCOMPARE(store.size(), 3);
}

void tst_SessionStore::ownerIsCountedApartFromPrincipal()
{
    // Anonymous callers share a principal but are different people (owners: their addresses).
    const QString anonymous = QStringLiteral("anonymous");
    SessionStore store(100, 0, 1);
    McpSession* x = store.create(kSvc, anonymous, ProtocolRevision::V2025_11_25, QStringLiteral("address 10.0.0.1"));
    const QByteArray xId = x->id;
    QCOMPARE(x->owner, QStringLiteral("address 10.0.0.1"));
    const QByteArray yId
        = store.create(kSvc, anonymous, ProtocolRevision::V2025_11_25, QStringLiteral("address 10.0.0.2"))->id;
    QCOMPARE(store.size(), 2);
    store.create(kSvc, anonymous, ProtocolRevision::V2025_11_25, QStringLiteral("address 10.0.0.2"));
    QCOMPARE(store.size(), 2);
    QVERIFY(store.find(xId, kSvc, anonymous));
    QCOMPARE(store.find(yId, kSvc, anonymous), nullptr);
    // Without an owner, the principal is the owner.
    QCOMPARE(store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->owner, kAlice);
}

void tst_SessionStore::idleSessionsExpire()
{
    SessionStore store(10, 100);
    McpSession* s = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    const QByteArray id = s->id;
    store.create(kSvc, kBob, ProtocolRevision::V2025_11_25);
    QCOMPARE(store.size(), 2);
    QTest::qWait(250);
    QCOMPARE(store.find(id, kSvc, kAlice), nullptr);
    store.expireIdle();
    QCOMPARE(store.size(), 0);
    // create() also sweeps idle sessions first.
    store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    QCOMPARE(store.size(), 1);
}

void tst_SessionStore::activityKeepsSessionAlive()
{
    SessionStore store(10, 300);
    const QByteArray id = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    for (int i = 0; i < 4; ++i) { // 4 x 150 ms = 600 ms in all, twice the idle timeout
        QTest::qWait(150);
        QVERIFY2(store.find(id, kSvc, kAlice), qPrintable(QStringLiteral("expired after round %1").arg(i)));
    }
    store.expireIdle();
    QCOMPARE(store.size(), 1);
    QTest::qWait(450);
    store.expireIdle();
    QCOMPARE(store.size(), 0);
    QCOMPARE(store.find(id, kSvc, kAlice), nullptr);
}

void tst_SessionStore::zeroIdleTimeoutNeverExpires()
{
    SessionStore store(10, 0);
    const QByteArray id = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25)->id;
    QTest::qWait(50);
    store.expireIdle();
    QVERIFY(store.find(id, kSvc, kAlice));
}

void tst_SessionStore::sessionsOf()
{
    SessionStore store(10, 0);
    McpSession* a = store.create(kSvc, kAlice, ProtocolRevision::V2025_11_25);
    McpSession* b = store.create(kSvc, kBob, ProtocolRevision::V2025_03_26);
    store.create(QStringLiteral("other"), kAlice, ProtocolRevision::V2025_11_25);
    QList<McpSession*> of = store.sessionsOf(kSvc);
    std::sort(of.begin(), of.end());
    QList<McpSession*> expected{a, b};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(of, expected);
    QVERIFY(store.sessionsOf(QStringLiteral("none")).isEmpty());
}

void tst_SessionStore::wellFormedIds_data()
{
    QTest::addColumn<QByteArray>("id");
    QTest::addColumn<bool>("wellFormed");
    QTest::newRow("generated") << SessionStore::newSessionId() << true;
    QTest::newRow("visible ASCII") << QByteArray("abc-DEF_123.~!") << true;
    QTest::newRow("128 chars") << QByteArray(128, 'a') << true;
    QTest::newRow("empty") << QByteArray() << false;
    QTest::newRow("129 chars") << QByteArray(129, 'a') << false;
    QTest::newRow("space") << QByteArray("abc def") << false;
    QTest::newRow("tab") << QByteArray("abc\tdef") << false;
    QTest::newRow("CR LF") << QByteArray("abc\r\nSet-Cookie: x") << false;
    QTest::newRow("DEL") << QByteArray("abc\x7f") << false;
    QTest::newRow("NUL") << QByteArray("abc\0def", 7) << false;
    QTest::newRow("UTF-8") << QByteArray("caf\xc3\xa9") << false;
}

void tst_SessionStore::wellFormedIds()
{
    QFETCH(QByteArray, id);
    QFETCH(bool, wellFormed);
    QCOMPARE(SessionStore::isWellFormedId(id), wellFormed);
}

QTEST_GUILESS_MAIN(tst_SessionStore)
#include "tst_sessionstore.moc"
