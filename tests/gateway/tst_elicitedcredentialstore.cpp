// SPDX-License-Identifier: GPL-3.0-or-later
// ElicitedCredentialStore: per (service, person) credentials in memory, persisted through a real
// SecretStore when asked (MemorySecretStore here; the OS keychain via gnome-keyring when a session
// bus is there), surviving a store restart, and forgotten per person or per service.
#include "elicit/ElicitationBroker.h"
#include "elicit/ElicitedCredentialStore.h"
#include "secrets/KeychainSecretStore.h"
#include "secrets/MemorySecretStore.h"

#include <QRandomGenerator>
#include <QtTest>

#include <memory>

using Gateway::BackendAuth;
using Gateway::ElicitedCredential;
using Gateway::ElicitedCredentialStore;
using Gateway::KeychainSecretStore;
using Gateway::MemorySecretStore;
using Gateway::SecretStore;

namespace {

ElicitedCredential oauthCredential(const QByteArray& access)
{
    ElicitedCredential c;
    c.kind = BackendAuth::Kind::ElicitedOAuth2;
    c.value = access;
    c.refreshToken = "rt-" + access;
    c.obtainedAt = QDateTime::currentDateTimeUtc();
    c.expiresAt = c.obtainedAt.addSecs(3600);
    return c;
}

bool waitFor(const std::function<bool()>& done, int ms = 20000)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return done();
}

// put + load in a second store (a restart) + forget, over any SecretStore.
void persistenceRoundTrip(SecretStore* secrets, const QString& service)
{
    const QString alice = QStringLiteral("https://idp.example.com alice");
    const QString bob = QStringLiteral("key:0badc0de");
    {
        // Forgetting someone never stored removes nothing (some keychains report deleting a
        // missing entry as done).
        ElicitedCredentialStore empty;
        empty.setSecretStore(secrets);
        int none = -1;
        empty.forget(service, QStringLiteral("key:nobody"), [&](int n, const QString&) { none = n; });
        QVERIFY(waitFor([&] { return none != -1; }));
        QCOMPARE(none, 0);
    }
    {
        ElicitedCredentialStore store;
        store.setSecretStore(secrets);
        QString errorA = QStringLiteral("pending"), errorB = QStringLiteral("pending");
        store.put(service, alice, oauthCredential("at-alice"), true, [&](const QString& e) { errorA = e; });
        ElicitedCredential token;
        token.value = "typed-by-bob";
        store.put(service, bob, token, true, [&](const QString& e) { errorB = e; });
        QVERIFY(waitFor([&] { return errorA != QLatin1String("pending") && errorB != QLatin1String("pending"); }));
        QCOMPARE(errorA, QString());
        QCOMPARE(errorB, QString());
        // Wait until the queue (index writes) drained.
        bool drained = false;
        store.load(service, alice, [&](bool) { drained = true; });
        QVERIFY(waitFor([&] { return drained; }));
    }
    ElicitedCredentialStore restarted;
    restarted.setSecretStore(secrets);
    QVERIFY(!restarted.get(service, alice));
    int found = -1;
    restarted.load(service, alice, [&](bool f) { found = f; });
    QVERIFY(waitFor([&] { return found != -1; }));
    QCOMPARE(found, 1);
    const auto a = restarted.get(service, alice);
    QVERIFY(a);
    QCOMPARE(a->kind, BackendAuth::Kind::ElicitedOAuth2);
    QCOMPARE(a->value, QByteArray("at-alice"));
    QCOMPARE(a->refreshToken, QByteArray("rt-at-alice"));
    QVERIFY(a->expiresAt.isValid());
    found = -1;
    restarted.load(service, bob, [&](bool f) { found = f; });
    QVERIFY(waitFor([&] { return found != -1; }));
    QCOMPARE(restarted.get(service, bob)->value, QByteArray("typed-by-bob"));

    // Forget one person, then the whole service.
    int removed = -1;
    restarted.forget(service, alice, [&](int n, const QString&) { removed = n; });
    QVERIFY(waitFor([&] { return removed != -1; }));
    QCOMPARE(removed, 1);
    QVERIFY(!restarted.get(service, alice));
    QVERIFY(restarted.get(service, bob));
    ElicitedCredentialStore third;
    third.setSecretStore(secrets);
    found = -1;
    third.load(service, alice, [&](bool f) { found = f; });
    QVERIFY(waitFor([&] { return found != -1; }));
    QCOMPARE(found, 0);
    removed = -1;
    QString forgetError;
    third.forget(service, {}, [&](int n, const QString& e) {
        removed = n;
        forgetError = e;
    });
    QVERIFY(waitFor([&] { return removed != -1; }));
    QVERIFY2(forgetError.isEmpty(), qPrintable(forgetError));
    QCOMPARE(removed, 1); // bob, only persisted for this instance
    found = -1;
    restarted.forgetInMemory(service, bob);
    restarted.load(service, bob, [&](bool f) { found = f; });
    QVERIFY(waitFor([&] { return found != -1; }));
    QCOMPARE(found, 0);
}

} // namespace

class tst_ElicitedCredentialStore : public QObject
{
    Q_OBJECT
private slots:
    void memoryOnlyUnlessPersistAsked();
    void serializationRoundTrip();
    void expiryMargin_data();
    void expiryMargin();
    void persistenceInMemorySecretStore();
    void persistenceInKeychain();
};

void tst_ElicitedCredentialStore::memoryOnlyUnlessPersistAsked()
{
    MemorySecretStore secrets;
    ElicitedCredentialStore store;
    store.setSecretStore(&secrets);
    QString error = QStringLiteral("pending");
    store.put(QStringLiteral("svc"), QStringLiteral("p"), oauthCredential("at-1"), false,
              [&](const QString& e) { error = e; });
    QVERIFY(waitFor([&] { return error != QLatin1String("pending"); }));
    QCOMPARE(secrets.writeCount(), 0);
    QCOMPARE(store.get(QStringLiteral("svc"), QStringLiteral("p"))->value, QByteArray("at-1"));
    QVERIFY(!store.get(QStringLiteral("svc"), QStringLiteral("q")));
    QVERIFY(!store.get(QStringLiteral("other"), QStringLiteral("p")));
}

void tst_ElicitedCredentialStore::serializationRoundTrip()
{
    const ElicitedCredential c = oauthCredential("at-x");
    const auto back = ElicitedCredentialStore::deserialize(ElicitedCredentialStore::serialize(c));
    QVERIFY(back);
    QCOMPARE(back->value, c.value);
    QCOMPARE(back->refreshToken, c.refreshToken);
    QCOMPARE(back->expiresAt.toSecsSinceEpoch(), c.expiresAt.toSecsSinceEpoch());
    QVERIFY(!ElicitedCredentialStore::deserialize("{\"v\":2}"));
    QVERIFY(!ElicitedCredentialStore::deserialize("{\"v\":1,\"kind\":\"token\",\"value\":\"x\"}"));
    QVERIFY(!ElicitedCredentialStore::deserialize("not json"));
    // Entry names carry no personal data.
    const QString key = ElicitedCredentialStore::entryKey(QStringLiteral("svc"), QStringLiteral("https://idp alice"));
    QVERIFY(!key.contains(QLatin1String("alice")));
    QVERIFY(key.startsWith(QLatin1String("portcullis-elicited/svc/")));
}

void tst_ElicitedCredentialStore::expiryMargin_data()
{
    QTest::addColumn<int>("lifetime");
    QTest::addColumn<int>("elapsed");
    QTest::addColumn<bool>("expired");
    QTest::newRow("fresh hour token") << 3600 << 0 << false;
    QTest::newRow("hour token 29 s before its end") << 3600 << 3571 << true;
    QTest::newRow("hour token 31 s before its end") << 3600 << 3569 << false;
    QTest::newRow("2 s token, just issued") << 2 << 0 << false;
    QTest::newRow("2 s token after 1 s") << 2 << 1 << true;
}

void tst_ElicitedCredentialStore::expiryMargin()
{
    QFETCH(int, lifetime);
    QFETCH(int, elapsed);
    QFETCH(bool, expired);
    ElicitedCredential c;
    c.obtainedAt = QDateTime::currentDateTimeUtc();
    c.expiresAt = c.obtainedAt.addSecs(lifetime);
    QCOMPARE(c.isExpired(c.obtainedAt.addSecs(elapsed), Gateway::ElicitationBroker::RefreshMarginSeconds), expired);
}

void tst_ElicitedCredentialStore::persistenceInMemorySecretStore()
{
    MemorySecretStore secrets;
    persistenceRoundTrip(&secrets, QStringLiteral("svc"));
    QCOMPARE(secrets.size(), 0); // nothing left behind, index included
}

void tst_ElicitedCredentialStore::persistenceInKeychain()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        QSKIP("No D-Bus session bus: run inside dbus-run-session with gnome-keyring-daemon --unlock "
              "--components=secrets");
    const QString service
        = QStringLiteral("Portcullis-test-") + QString::number(QRandomGenerator::global()->generate(), 16);
    KeychainSecretStore keychain(service);
    persistenceRoundTrip(&keychain, QStringLiteral("svc"));
}

QTEST_GUILESS_MAIN(tst_ElicitedCredentialStore)
#include "tst_elicitedcredentialstore.moc"
