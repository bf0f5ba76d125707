// SPDX-License-Identifier: GPL-3.0-or-later
// SecretReference parsing, SecretResolver (environment, keychain through MemorySecretStore, TTL cache,
// invalidation, single flight) and the memory store and scrubbing helpers it relies on.
#include "secrets/MemorySecretStore.h"
#include "secrets/SecretBytes.h"
#include "secrets/SecretReference.h"
#include "secrets/SecretResolver.h"

#include <QtTest>

#include <memory>
#include <optional>

using Gateway::MemorySecretStore;
using Gateway::SecretReference;
using Gateway::SecretResolver;
using Gateway::SecretResult;
using Gateway::SecretStore;
using Status = Gateway::SecretResult::Status;

Q_DECLARE_METATYPE(Gateway::SecretResult::Status)
Q_DECLARE_METATYPE(Gateway::SecretReference::Kind)

namespace {

constexpr int kWaitMs = 5000;

// Collects the answers given to callbacks made with cb().
struct Answers
{
    QList<SecretResult> results;
    SecretStore::Callback cb()
    {
        return [this](const SecretResult& r) { results.append(r); };
    }
};

std::optional<SecretResult> resolveNow(SecretResolver& resolver, const QString& reference)
{
    auto answer = std::make_shared<std::optional<SecretResult>>();
    resolver.resolve(reference, [answer](const SecretResult& r) { *answer = r; });
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < kWaitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return *answer;
}

void storeNow(SecretStore& store, const QString& key, const QByteArray& value)
{
    bool done = false;
    store.write(key, value, [&done](const SecretResult& r) {
        QVERIFY2(r.isOk(), qPrintable(r.message));
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, kWaitMs);
}

const char* const kVarSet = "PORTCULLIS_TST_RESOLVER_SET";
const char* const kVarEmpty = "PORTCULLIS_TST_RESOLVER_EMPTY";
const char* const kVarUnset = "PORTCULLIS_TST_RESOLVER_UNSET";
const QByteArray kEnvValue("env-s3cret-Value-7f1c");
const QByteArray kStoreValue("kc-s3cret-Value-93ab");

} // namespace

class TestSecretResolver : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void parse_data();
    void parse();

    void resolve_data();
    void resolve();
    void answersAreAsynchronous();
    void environmentIsNotCached();
    void noKeychainConfigured();

    void cacheHitWithinTtl();
    void cacheExpiresAfterTtl();
    void cacheDisabledWithZeroTtl();
    void invalidateForcesFreshRead();
    void storeWriteInvalidates();
    void failuresAreNotCached();

    void singleFlight();
    void singleFlightSharesFailure();
    void invalidateDuringFlightIsNotCached();
    void resolverDestroyedWithReadInFlight();

    void memoryStoreContract();
    void memoryStoreFromAnotherThread();
    void wipeZeroesOwnedBuffers();
};

void TestSecretResolver::initTestCase()
{
    qputenv(kVarSet, kEnvValue);
    qputenv(kVarEmpty, QByteArray());
    qunsetenv(kVarUnset);
}

void TestSecretResolver::cleanupTestCase()
{
    qunsetenv(kVarSet);
    qunsetenv(kVarEmpty);
}

void TestSecretResolver::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<SecretReference::Kind>("kind");
    QTest::addColumn<QString>("name");

    using K = SecretReference::Kind;
    QTest::newRow("keychain") << "keychain:github-token" << K::Keychain << "github-token";
    QTest::newRow("keychain with colon and spaces inside")
        << "keychain:svc: main key" << K::Keychain << "svc: main key";
    QTest::newRow("env") << "${env:API_TOKEN}" << K::Environment << "API_TOKEN";
    QTest::newRow("env underscore first") << "${env:_x1}" << K::Environment << "_x1";
    QTest::newRow("plain text") << "hunter2" << K::Invalid << "";
    QTest::newRow("empty") << "" << K::Invalid << "";
    QTest::newRow("keychain without entry") << "keychain:" << K::Invalid << "";
    QTest::newRow("keychain entry padded") << "keychain: x" << K::Invalid << "";
    QTest::newRow("keychain control char") << "keychain:x\ny" << K::Invalid << "";
    QTest::newRow("keychain entry too long") << QString("keychain:" + QString(257, 'a')) << K::Invalid << "";
    QTest::newRow("keychain upper case scheme") << "KEYCHAIN:x" << K::Invalid << "";
    QTest::newRow("leading space") << " keychain:x" << K::Invalid << "";
    QTest::newRow("env digit first") << "${env:1X}" << K::Invalid << "";
    QTest::newRow("env empty name") << "${env:}" << K::Invalid << "";
    QTest::newRow("env space in name") << "${env:A B}" << K::Invalid << "";
    QTest::newRow("env dash in name") << "${env:A-B}" << K::Invalid << "";
    QTest::newRow("env non-ascii name") << QStringLiteral("${env:\u00c4X}") << K::Invalid << "";
    QTest::newRow("env missing brace") << "${env:TOKEN" << K::Invalid << "";
    QTest::newRow("env nested") << "${env:${env:X}}" << K::Invalid << "";
    QTest::newRow("env interpolated") << "Bearer ${env:TOKEN}" << K::Invalid << "";
    QTest::newRow("env trailing text") << "${env:TOKEN}x" << K::Invalid << "";
    QTest::newRow("dollar name") << "$TOKEN" << K::Invalid << "";
}

void TestSecretResolver::parse()
{
    QFETCH(QString, text);
    QFETCH(SecretReference::Kind, kind);
    QFETCH(QString, name);

    const SecretReference ref = SecretReference::parse(text);
    QCOMPARE(ref.kind, kind);
    QCOMPARE(ref.name, name);
    QCOMPARE(ref.isValid(), kind != SecretReference::Kind::Invalid);
    if (!ref.isValid()) {
        QVERIFY(!ref.error.isEmpty());
        // The input may be a pasted secret: never echoed (inputs that are part of the syntax hint aside).
        const bool partOfHint = QStringLiteral("keychain:<entry> ${env:NAME}").contains(text);
        if (text.size() > 3 && !partOfHint)
            QVERIFY2(!ref.error.contains(text), qPrintable(ref.error));
    }
}

void TestSecretResolver::resolve_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<bool>("storeAvailable");
    QTest::addColumn<Status>("status");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("messageContains");

    const QString set = QString::fromLatin1(kVarSet);
    const QString empty = QString::fromLatin1(kVarEmpty);
    const QString unset = QString::fromLatin1(kVarUnset);

    QTest::newRow("keychain entry") << "keychain:api-token" << true << Status::Ok << kStoreValue << "";
    QTest::newRow("keychain binary entry")
        << "keychain:binary" << true << Status::Ok << QByteArray("\0a\0\xff\n", 5) << "";
    QTest::newRow("keychain missing entry")
        << "keychain:missing" << true << Status::NotFound << QByteArray() << "missing";
    QTest::newRow("keychain unavailable") << "keychain:api-token" << false << Status::Unavailable << QByteArray() << "";
    QTest::newRow("env set") << "${env:" + set + "}" << true << Status::Ok << kEnvValue << "";
    QTest::newRow("env unset") << "${env:" + unset + "}" << true << Status::NotFound << QByteArray() << unset;
    QTest::newRow("env empty") << "${env:" + empty + "}" << true << Status::NotFound << QByteArray() << empty;
    QTest::newRow("plain secret") << "hunter2" << true << Status::Error << QByteArray() << "not a secret reference";
    QTest::newRow("env digit first") << "${env:1X}" << true << Status::Error << QByteArray()
                                     << "environment variable name";
    QTest::newRow("keychain without entry") << "keychain:" << true << Status::Error << QByteArray() << "no entry";
    QTest::newRow("empty") << "" << true << Status::Error << QByteArray() << "not a secret reference";
}

void TestSecretResolver::resolve()
{
    QFETCH(QString, reference);
    QFETCH(bool, storeAvailable);
    QFETCH(Status, status);
    QFETCH(QByteArray, value);
    QFETCH(QString, messageContains);

    MemorySecretStore store;
    storeNow(store, "api-token", kStoreValue);
    storeNow(store, "binary", QByteArray("\0a\0\xff\n", 5));
    store.setAvailable(storeAvailable);
    SecretResolver resolver(&store);

    const std::optional<SecretResult> result = resolveNow(resolver, reference);
    QVERIFY(result.has_value());
    QCOMPARE(result->status, status);
    QCOMPARE(result->value, value);
    if (status != Status::Ok) {
        QVERIFY(!result->message.isEmpty());
        QVERIFY2(result->message.contains(messageContains), qPrintable(result->message));
        // No secret value ever appears in a message.
        for (const QByteArray& secret : {kEnvValue, kStoreValue}) {
            QVERIFY(!result->message.contains(QString::fromLatin1(secret)));
        }
        if (reference == "hunter2")
            QVERIFY(!result->message.contains("hunter2"));
    }
}

void TestSecretResolver::answersAreAsynchronous()
{
    MemorySecretStore store;
    SecretResolver resolver(&store);
    for (const QString& reference :
         {QStringLiteral("hunter2"), QString("${env:%1}").arg(kVarSet), QStringLiteral("keychain:missing")}) {
        bool answered = false;
        resolver.resolve(reference, [&answered](const SecretResult&) { answered = true; });
        QVERIFY2(!answered, qPrintable(reference));
        QTRY_VERIFY_WITH_TIMEOUT(answered, kWaitMs);
    }
}

void TestSecretResolver::environmentIsNotCached()
{
    SecretResolver resolver(nullptr);
    const QString reference = QString("${env:%1}").arg(kVarSet);
    QCOMPARE(resolveNow(resolver, reference)->value, kEnvValue);
    qputenv(kVarSet, "changed");
    QCOMPARE(resolveNow(resolver, reference)->value, QByteArray("changed"));
    QCOMPARE(resolver.cachedCount(), 0);
    qputenv(kVarSet, kEnvValue);
}

void TestSecretResolver::noKeychainConfigured()
{
    SecretResolver resolver(nullptr);
    const auto result = resolveNow(resolver, "keychain:x");
    QCOMPARE(result->status, Status::Unavailable);
    QVERIFY(!result->message.isEmpty());
}

void TestSecretResolver::cacheHitWithinTtl()
{
    MemorySecretStore store;
    storeNow(store, "k", kStoreValue);
    SecretResolver resolver(&store);
    QCOMPARE(resolver.cacheTtlMs(), SecretResolver::DefaultCacheTtlMs);

    for (int i = 0; i < 5; ++i)
        QCOMPARE(resolveNow(resolver, "keychain:k")->value, kStoreValue);
    QCOMPARE(store.readCount(), 1);
    QCOMPARE(resolver.cachedCount(), 1);

    // Another reference is another entry.
    storeNow(store, "k2", "other");
    QCOMPARE(resolveNow(resolver, "keychain:k2")->value, QByteArray("other"));
    QCOMPARE(store.readCount(), 2);
}

void TestSecretResolver::cacheExpiresAfterTtl()
{
    MemorySecretStore store;
    storeNow(store, "k", kStoreValue);
    SecretResolver resolver(&store);
    resolver.setCacheTtlMs(100);

    QCOMPARE(resolveNow(resolver, "keychain:k")->status, Status::Ok);
    QCOMPARE(resolveNow(resolver, "keychain:k")->status, Status::Ok);
    QCOMPARE(store.readCount(), 1);
    QCOMPARE(resolver.cachedCount(), 1);
    // The sweep timer removes (and scrubs) the value without any further call.
    QTRY_COMPARE_WITH_TIMEOUT(resolver.cachedCount(), 0, kWaitMs);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, kStoreValue);
    QCOMPARE(store.readCount(), 2);
}

void TestSecretResolver::cacheDisabledWithZeroTtl()
{
    MemorySecretStore store;
    storeNow(store, "k", kStoreValue);
    SecretResolver resolver(&store);
    resolver.setCacheTtlMs(0);
    for (int i = 0; i < 3; ++i)
        QCOMPARE(resolveNow(resolver, "keychain:k")->value, kStoreValue);
    QCOMPARE(store.readCount(), 3);
    QCOMPARE(resolver.cachedCount(), 0);
}

void TestSecretResolver::invalidateForcesFreshRead()
{
    MemorySecretStore store;
    storeNow(store, "k", "v1");
    SecretResolver resolver(&store);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, QByteArray("v1"));

    // Changed behind the resolver's back (the signal is not connected to this resolver here).
    resolver.disconnect(&store);
    store.disconnect(&resolver);
    storeNow(store, "k", "v2");
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, QByteArray("v1")); // still cached
    resolver.invalidate("keychain:k");
    QCOMPARE(resolver.cachedCount(), 0);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, QByteArray("v2"));
    QCOMPARE(store.readCount(), 2);

    resolver.clearCache();
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, QByteArray("v2"));
    QCOMPARE(store.readCount(), 3);
}

void TestSecretResolver::storeWriteInvalidates()
{
    MemorySecretStore store;
    storeNow(store, "k", "v1");
    SecretResolver resolver(&store);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, QByteArray("v1"));
    storeNow(store, "k", "v2");
    QCOMPARE(resolver.cachedCount(), 0);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, QByteArray("v2"));

    bool removed = false;
    store.remove("k", [&removed](const SecretResult& r) { removed = r.isOk(); });
    QTRY_VERIFY_WITH_TIMEOUT(removed, kWaitMs);
    QCOMPARE(resolveNow(resolver, "keychain:k")->status, Status::NotFound);
}

void TestSecretResolver::failuresAreNotCached()
{
    MemorySecretStore store;
    SecretResolver resolver(&store);
    resolver.disconnect(&store);
    store.disconnect(&resolver);

    QCOMPARE(resolveNow(resolver, "keychain:k")->status, Status::NotFound);
    storeNow(store, "k", kStoreValue);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, kStoreValue);

    resolver.clearCache();
    store.setAvailable(false);
    QCOMPARE(resolveNow(resolver, "keychain:k")->status, Status::Unavailable);
    store.setAvailable(true);
    QCOMPARE(resolveNow(resolver, "keychain:k")->value, kStoreValue);
    QCOMPARE(store.readCount(), 4);
}

void TestSecretResolver::singleFlight()
{
    MemorySecretStore store;
    storeNow(store, "k", kStoreValue);
    SecretResolver resolver(&store);
    resolver.setCacheTtlMs(0); // single flight on its own, without the cache's help

    Answers answers;
    resolver.resolve("keychain:k", answers.cb());
    resolver.resolve("keychain:k", answers.cb());
    resolver.resolve("keychain:k", answers.cb());
    QCOMPARE(resolver.inFlightCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(answers.results.size(), 3, kWaitMs);
    QCOMPARE(store.readCount(), 1);
    for (const SecretResult& r : std::as_const(answers.results))
        QCOMPARE(r.value, kStoreValue);
    QCOMPARE(resolver.inFlightCount(), 0);

    // Different references fly separately.
    storeNow(store, "other", "o");
    Answers more;
    resolver.resolve("keychain:k", more.cb());
    resolver.resolve("keychain:other", more.cb());
    QTRY_COMPARE_WITH_TIMEOUT(more.results.size(), 2, kWaitMs);
    QCOMPARE(store.readCount(), 3);
}

void TestSecretResolver::singleFlightSharesFailure()
{
    MemorySecretStore store;
    store.setAvailable(false);
    SecretResolver resolver(&store);
    Answers answers;
    resolver.resolve("keychain:k", answers.cb());
    resolver.resolve("keychain:k", answers.cb());
    QTRY_COMPARE_WITH_TIMEOUT(answers.results.size(), 2, kWaitMs);
    QCOMPARE(store.readCount(), 1);
    QCOMPARE(answers.results.at(0).status, Status::Unavailable);
    QCOMPARE(answers.results.at(1).status, Status::Unavailable);
}

void TestSecretResolver::invalidateDuringFlightIsNotCached()
{
    MemorySecretStore store;
    storeNow(store, "k", "v1");
    SecretResolver resolver(&store);

    Answers first;
    resolver.resolve("keychain:k", first.cb());
    resolver.invalidate("keychain:k"); // e.g. the entry is being rewritten
    QCOMPARE(resolver.inFlightCount(), 0);
    Answers second;
    resolver.resolve("keychain:k", second.cb()); // does not join the stale read
    QTRY_COMPARE_WITH_TIMEOUT(first.results.size() + second.results.size(), 2, kWaitMs);
    QCOMPARE(store.readCount(), 2);
    QCOMPARE(first.results.at(0).value, QByteArray("v1"));
    QCOMPARE(resolver.cachedCount(), 1); // only the second read was cached
}

void TestSecretResolver::resolverDestroyedWithReadInFlight()
{
    MemorySecretStore store;
    storeNow(store, "k", "v1");
    bool answered = false;
    {
        SecretResolver resolver(&store);
        resolver.resolve("keychain:k", [&answered](const SecretResult&) { answered = true; });
    }
    QTest::qWait(50);
    QVERIFY(!answered); // dropped, not answered from a dead resolver
    QCOMPARE(store.readCount(), 1);
}

void TestSecretResolver::memoryStoreContract()
{
    MemorySecretStore store;
    QVERIFY(store.lastKnownAvailable());
    QVERIFY(!store.backendName().isEmpty());
    Answers a;
    store.write("", "x", a.cb());
    store.write("big", QByteArray(SecretStore::MaxValueBytes + 1, 'x'), a.cb());
    store.read(QString("a\tb"), a.cb());
    store.write("k", kStoreValue, a.cb());
    store.read("k", a.cb());
    store.remove("k", a.cb());
    store.remove("k", a.cb());
    store.read("k", a.cb());
    QTRY_COMPARE_WITH_TIMEOUT(a.results.size(), 8, kWaitMs);
    QCOMPARE(a.results.at(0).status, Status::Error);
    QCOMPARE(a.results.at(1).status, Status::Error);
    QVERIFY(a.results.at(1).message.contains("big"));
    QCOMPARE(a.results.at(2).status, Status::Error);
    QCOMPARE(a.results.at(3).status, Status::Ok);
    QCOMPARE(a.results.at(4).value, kStoreValue);
    QCOMPARE(a.results.at(5).status, Status::Ok);
    QCOMPARE(a.results.at(6).status, Status::NotFound);
    QCOMPARE(a.results.at(7).status, Status::NotFound);
    QCOMPARE(store.size(), 0);

    QSignalSpy availability(&store, &SecretStore::availabilityChanged);
    store.setAvailable(false);
    store.setAvailable(false);
    QCOMPARE(availability.size(), 1);
    QVERIFY(!store.lastKnownAvailable());
    Answers b;
    store.write("k", "v", b.cb());
    QTRY_COMPARE_WITH_TIMEOUT(b.results.size(), 1, kWaitMs);
    QCOMPARE(b.results.at(0).status, Status::Unavailable);
    QVERIFY(!store.contains("k"));
}

void TestSecretResolver::memoryStoreFromAnotherThread()
{
    MemorySecretStore store;
    storeNow(store, "k", kStoreValue);
    std::atomic<Qt::HANDLE> answeredOn{nullptr};
    std::atomic<bool> answered{false};
    QByteArray value;
    std::unique_ptr<QThread> worker(QThread::create([&]() {
        store.read("k", [&](const SecretResult& r) {
            value = r.value;
            answeredOn = QThread::currentThreadId();
            answered = true;
        });
    }));
    worker->start();
    QVERIFY(worker->wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(answered.load(), kWaitMs);
    QCOMPARE(value, kStoreValue);
    QCOMPARE(answeredOn.load(), QThread::currentThreadId()); // the store's thread
}

void TestSecretResolver::wipeZeroesOwnedBuffers()
{
    using namespace Gateway::SecretBytes;
    QByteArray owned = deepCopy(kStoreValue);
    QVERIFY(owned.isDetached());
    QVERIFY(wipe(owned));
    QCOMPARE(owned, QByteArray(kStoreValue.size(), '\0'));

    // A shared buffer is not zeroed under another holder's feet.
    QByteArray original = deepCopy(kStoreValue);
    QByteArray shared = original;
    QVERIFY(!wipe(shared));
    wipeAndClear(shared);
    QVERIFY(shared.isEmpty());
    QCOMPARE(original, kStoreValue);

    QByteArray empty;
    QVERIFY(!wipe(empty));
    QVERIFY(deepCopy(QByteArray()).isNull());
}

QTEST_GUILESS_MAIN(TestSecretResolver)
#include "tst_secretresolver.moc"
