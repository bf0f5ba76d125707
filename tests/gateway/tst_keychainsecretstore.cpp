// SPDX-License-Identifier: GPL-3.0-or-later
// KeychainSecretStore against the real OS keychain (gnome-keyring over D-Bus in CI), and a child
// process of this binary without a usable session bus, which must fail closed: Unavailable with a
// clear message, no crash, no plain-text file.
#include "secrets/KeychainSecretStore.h"

#include <QDirIterator>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cstdio>
#include <memory>
#include <optional>

using Gateway::KeychainSecretStore;
using Gateway::SecretResult;
using Gateway::SecretStore;
using Status = Gateway::SecretResult::Status;

namespace {

constexpr int kWaitMs = 20000;
const char* const kChildFlag = "--child-no-bus";

QString randomHex(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    for (char& c : raw)
        c = char(QRandomGenerator::global()->bounded(256));
    return QString::fromLatin1(raw.toHex());
}

// CI runs every test inside dbus-run-session with an unlocked gnome-keyring; without a bus the
// round trips are skipped (a bus without a working keyring is a failure, not a skip).
bool haveSessionBus()
{
    return qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS");
}

// Runs one store operation and waits for its answer on the event loop.
template <typename Start> std::optional<SecretResult> await(Start start, int timeoutMs = kWaitMs)
{
    auto answer = std::make_shared<std::optional<SecretResult>>();
    start([answer](const SecretResult& r) { *answer = r; });
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < timeoutMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    return *answer;
}

std::optional<SecretResult> readNow(SecretStore& store, const QString& key)
{
    return await([&](SecretStore::Callback cb) { store.read(key, std::move(cb)); });
}

std::optional<SecretResult> writeNow(SecretStore& store, const QString& key, const QByteArray& value)
{
    return await([&](SecretStore::Callback cb) { store.write(key, value, std::move(cb)); });
}

std::optional<SecretResult> removeNow(SecretStore& store, const QString& key)
{
    return await([&](SecretStore::Callback cb) { store.remove(key, std::move(cb)); });
}

QByteArray pemSizedValue()
{
    QByteArray pem = "-----BEGIN PRIVATE KEY-----\n";
    QByteArray body;
    while (body.size() < 3000)
        body += QByteArray::number(QRandomGenerator::global()->generate64(), 36);
    const QByteArray b64 = body.toBase64();
    for (qsizetype i = 0; i < b64.size(); i += 64)
        pem += b64.mid(i, 64) + '\n';
    pem += "-----END PRIVATE KEY-----\n";
    return pem.left(4096);
}

// Child mode: write, read and remove one entry with whatever session bus the parent left us, and
// report "<op> <status> <message>" lines on stdout.
int runChild(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 6)
        return 2;
    const QString service = QString::fromLocal8Bit(argv[2]);
    const QString key = QString::fromLocal8Bit(argv[3]);
    const QByteArray value = QByteArray(argv[4]);
    KeychainSecretStore store(service);
    store.setTimeoutMs(QByteArray(argv[5]).toInt());

    auto report = [](const char* op, const std::optional<SecretResult>& r) {
        const QByteArray line = QByteArray(op) + ' '
            + (r ? SecretResult::statusName(r->status).toUtf8() : QByteArray("no-answer")) + ' '
            + (r ? r->message.toUtf8() : QByteArray()) + '\n';
        std::fputs(line.constData(), stdout);
        std::fflush(stdout);
    };
    const int waitMs = store.timeoutMs() + 5000;
    report("write", await([&](SecretStore::Callback cb) { store.write(key, value, std::move(cb)); }, waitMs));
    report("read", await([&](SecretStore::Callback cb) { store.read(key, std::move(cb)); }, waitMs));
    report("remove", await([&](SecretStore::Callback cb) { store.remove(key, std::move(cb)); }, waitMs));
    std::fputs(store.lastKnownAvailable() ? "available 1\n" : "available 0\n", stdout);
    std::fflush(stdout);
    return 0;
}

} // namespace

class TestKeychainSecretStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void rejectsBadInputWithoutTheBackend();

    void roundTrip_data();
    void roundTrip();
    void overwrite();
    void readMissingIsNotFound();
    void removeMissing();
    void vanishedEntryCountsAsUnavailable_data();
    void vanishedEntryCountsAsUnavailable();
    void callsFromAnotherThreadAnswerOnTheStoreThread();

    void noKeychainFailsClosed_data();
    void noKeychainFailsClosed();

private:
    QString newKey();

    QString m_service;
    QStringList m_keys; // written by this run, removed at the end
};

void TestKeychainSecretStore::initTestCase()
{
    m_service = QStringLiteral("Portcullis-test-") + randomHex(6);
}

void TestKeychainSecretStore::cleanupTestCase()
{
    if (!haveSessionBus())
        return;
    KeychainSecretStore store(m_service);
    for (const QString& key : std::as_const(m_keys))
        removeNow(store, key);
}

#define REQUIRE_KEYRING()                                                                                              \
    do {                                                                                                               \
        if (!haveSessionBus())                                                                                         \
            QSKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS unset): run inside dbus-run-session with "           \
                  "gnome-keyring-daemon --unlock --components=secrets, as .ci/run does");                              \
    } while (false)

QString TestKeychainSecretStore::newKey()
{
    const QString key = QStringLiteral("entry-") + randomHex(6);
    m_keys.append(key);
    return key;
}

void TestKeychainSecretStore::rejectsBadInputWithoutTheBackend()
{
    KeychainSecretStore store(m_service);
    QCOMPARE(store.service(), m_service);
    QCOMPARE(KeychainSecretStore().service(), QStringLiteral("Portcullis"));
    QVERIFY(!store.backendName().isEmpty());

    const auto empty = readNow(store, QString());
    QVERIFY(empty);
    QCOMPARE(empty->status, Status::Error);
    const auto control = removeNow(store, QStringLiteral("a\nb"));
    QCOMPARE(control->status, Status::Error);
    const auto big = writeNow(store, QStringLiteral("big"), QByteArray(SecretStore::MaxValueBytes + 1, 'x'));
    QCOMPARE(big->status, Status::Error);
    QVERIFY(big->message.contains("big"));
    QVERIFY(store.lastKnownAvailable()); // input errors say nothing about the backend
}

void TestKeychainSecretStore::roundTrip_data()
{
    QTest::addColumn<QByteArray>("value");

    QByteArray allBytes;
    for (int i = 0; i < 256; ++i)
        allBytes.append(char(i));
    QTest::newRow("ascii") << QByteArray("s3cr3t-token-value");
    QTest::newRow("binary with NULs") << QByteArray("\0\0a\0b\xff\0", 7);
    QTest::newRow("all 256 byte values twice") << allBytes + allBytes;
    QTest::newRow("4 KiB PEM") << pemSizedValue();
    QTest::newRow("utf-8") << QStringLiteral("p\u00e4ss w\u00f6rd \u2713").toUtf8();
}

void TestKeychainSecretStore::roundTrip()
{
    REQUIRE_KEYRING();
    QFETCH(QByteArray, value);
    KeychainSecretStore store(m_service);
    QSignalSpy changed(&store, &SecretStore::entryChanged);
    const QString key = newKey();

    const auto written = writeNow(store, key, value);
    QVERIFY(written);
    QVERIFY2(written->isOk(), qPrintable(written->message));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toString(), key);

    const auto read = readNow(store, key);
    QVERIFY(read);
    QVERIFY2(read->isOk(), qPrintable(read->message));
    QCOMPARE(read->value.size(), value.size());
    QCOMPARE(read->value, value);
    QVERIFY(store.wasSeenPresent(key));

    // A second store of the same service sees the same entry.
    KeychainSecretStore other(m_service);
    QCOMPARE(readNow(other, key)->value, value);

    const auto removed = removeNow(store, key);
    QVERIFY2(removed->isOk(), qPrintable(removed->message));
    QCOMPARE(changed.size(), 2);
    QVERIFY(!store.wasSeenPresent(key));
    const auto gone = readNow(store, key); // removed by us: really absent
    QCOMPARE(gone->status, Status::NotFound);
    QVERIFY(gone->message.contains(key));
    QVERIFY(store.lastKnownAvailable());
}

void TestKeychainSecretStore::overwrite()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = newKey();
    QVERIFY(writeNow(store, key, "first")->isOk());
    QVERIFY(writeNow(store, key, QByteArray("second\0", 7))->isOk());
    QCOMPARE(readNow(store, key)->value, QByteArray("second\0", 7));
    QVERIFY(removeNow(store, key)->isOk());
}

void TestKeychainSecretStore::readMissingIsNotFound()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = QStringLiteral("never-written-") + randomHex(6);
    const auto result = readNow(store, key);
    QVERIFY(result);
    QCOMPARE(result->status, Status::NotFound);
    QVERIFY2(result->message.contains(key), qPrintable(result->message));
    QVERIFY(result->value.isEmpty());
    QVERIFY(store.lastKnownAvailable());
}

void TestKeychainSecretStore::removeMissing()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(m_service);
    const auto result = removeNow(store, QStringLiteral("never-written-") + randomHex(6));
    QVERIFY(result);
    // Secret Service clears nothing successfully; other backends say EntryNotFound. Both are fine,
    // an unavailability is not.
    QVERIFY2(result->status == Status::Ok || result->status == Status::NotFound, qPrintable(result->message));
}

void TestKeychainSecretStore::vanishedEntryCountsAsUnavailable_data()
{
    QTest::addColumn<bool>("viaSecretTool");
    QTest::newRow("deleted through another store") << false;
    QTest::newRow("deleted outside the process (secret-tool)") << true;
}

// An entry this process has read before and that is now reported missing means the
// keychain changed under us (KWallet -> Secret Service switch, qtkeychain#242), not that it is absent.
void TestKeychainSecretStore::vanishedEntryCountsAsUnavailable()
{
    REQUIRE_KEYRING();
    QFETCH(bool, viaSecretTool);
    const QString secretTool = QStandardPaths::findExecutable(QStringLiteral("secret-tool"));
    if (viaSecretTool && secretTool.isEmpty())
        QSKIP("secret-tool (libsecret-tools) is not installed");

    KeychainSecretStore store(m_service);
    const QString key = newKey();
    QVERIFY(writeNow(store, key, "present")->isOk());
    QCOMPARE(readNow(store, key)->value, QByteArray("present"));
    QVERIFY(store.lastKnownAvailable());
    QSignalSpy availability(&store, &SecretStore::availabilityChanged);

    if (viaSecretTool) {
        // QtKeychain's libsecret schema: attributes user=<key>, server=<service>.
        QCOMPARE(QProcess::execute(secretTool, {"clear", "user", key, "server", m_service}), 0);
    } else {
        KeychainSecretStore other(m_service);
        QVERIFY(removeNow(other, key)->isOk());
    }
    QCOMPARE(availability.size(), 0); // a store does not hear about another one's writes

    const auto vanished = readNow(store, key);
    QVERIFY(vanished);
    QCOMPARE(vanished->status, Status::Unavailable);
    QVERIFY2(vanished->message.contains(key) && vanished->message.contains("missing"), qPrintable(vanished->message));
    QVERIFY(!store.lastKnownAvailable());
    QCOMPARE(availability.size(), 1);
    QCOMPARE(availability.at(0).at(0).toBool(), false);
    // It stays that way: still no proof that the entry is gone on purpose.
    QCOMPARE(readNow(store, key)->status, Status::Unavailable);

    // A fresh store (never saw it) reports it absent.
    KeychainSecretStore fresh(m_service);
    QCOMPARE(readNow(fresh, key)->status, Status::NotFound);

    // Writing it again through the store restores a normal state.
    QVERIFY(writeNow(store, key, "again")->isOk());
    QVERIFY(store.lastKnownAvailable());
    QCOMPARE(availability.size(), 2);
    QCOMPARE(readNow(store, key)->value, QByteArray("again"));
    // Removing it through the store makes a later miss a plain NotFound.
    QVERIFY(removeNow(store, key)->isOk());
    QCOMPARE(readNow(store, key)->status, Status::NotFound);
}

void TestKeychainSecretStore::callsFromAnotherThreadAnswerOnTheStoreThread()
{
    REQUIRE_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = newKey();
    QVERIFY(writeNow(store, key, "threaded")->isOk());

    std::atomic<bool> answered{false};
    std::atomic<Qt::HANDLE> answeredOn{nullptr};
    QByteArray value;
    std::unique_ptr<QThread> worker(QThread::create([&]() {
        store.read(key, [&](const SecretResult& r) {
            value = r.value;
            answeredOn = QThread::currentThreadId();
            answered = true;
        });
    }));
    worker->start();
    QVERIFY(worker->wait(kWaitMs));
    QTRY_VERIFY_WITH_TIMEOUT(answered.load(), kWaitMs);
    QCOMPARE(value, QByteArray("threaded"));
    QCOMPARE(answeredOn.load(), QThread::currentThreadId());
    QVERIFY(removeNow(store, key)->isOk());
}

void TestKeychainSecretStore::noKeychainFailsClosed_data()
{
    QTest::addColumn<QString>("bus"); // "unset", "nowhere" or "silent"
    QTest::addColumn<QString>("messageMarker"); // expected in every message
    QTest::newRow("no session bus") << "unset"
                                    << "D-Bus";
    QTest::newRow("bus address pointing nowhere") << "nowhere"
                                                  << "unavailable";
    QTest::newRow("bus that never answers (timeout)") << "silent"
                                                      << "did not answer";
}

void TestKeychainSecretStore::noKeychainFailsClosed()
{
    QFETCH(QString, bus);
    QFETCH(QString, messageMarker);

    QTemporaryDir home;
    QVERIFY(home.isValid());
    QDir(home.path()).mkpath(QStringLiteral(".config"));
    QDir(home.path()).mkpath(QStringLiteral("run"));
    QFile::setPermissions(home.filePath(QStringLiteral("run")),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    const QString key = QStringLiteral("child-entry-") + randomHex(6);
    const QString value = QStringLiteral("child-secret-") + randomHex(12);
    const QString timeoutMs = bus == "silent" ? QStringLiteral("1500") : QStringLiteral("10000");

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name :
         {"DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION",
          "GNOME_DESKTOP_SESSION_ID", "KDE_FULL_SESSION", "KDE_SESSION_VERSION", "QT_NO_GLIB"}) {
        env.remove(QString::fromLatin1(name));
    }
    // A private HOME and runtime dir: no $XDG_RUNTIME_DIR/bus to fall back on, and any file the
    // child writes lands where we can look for it.
    env.insert(QStringLiteral("HOME"), home.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral(".config")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral(".local/share")));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), home.filePath(QStringLiteral(".cache")));
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), home.filePath(QStringLiteral("run")));

    QLocalServer silentBus; // accepts connections and never says a word
    QList<QLocalSocket*> silentClients;
    if (bus == "nowhere") {
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + home.filePath(QStringLiteral("no-such-bus")));
    } else if (bus == "silent") {
        const QString path = home.filePath(QStringLiteral("silent-bus"));
        QVERIFY2(silentBus.listen(path), qPrintable(silentBus.errorString()));
        connect(&silentBus, &QLocalServer::newConnection, &silentBus, [&]() {
            while (QLocalSocket* s = silentBus.nextPendingConnection())
                silentClients.append(s);
        });
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), QStringLiteral("unix:path=") + path);
    }

    const QString service = m_service + QStringLiteral("-child");
    QProcess child;
    child.setProcessEnvironment(env);
    child.start(QCoreApplication::applicationFilePath(),
                {QString::fromLatin1(kChildFlag), service, key, value, timeoutMs});
    QVERIFY(child.waitForStarted());
    // Keep our event loop running (the silent bus must accept); wait for the child's exit.
    QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 60000);
    const QString out = QString::fromUtf8(child.readAllStandardOutput());
    const QString err = QString::fromUtf8(child.readAllStandardError());

    QCOMPARE(child.exitStatus(), QProcess::NormalExit); // no crash
    QVERIFY2(child.exitCode() == 0, qPrintable(err));
    QVERIFY2(!out.contains(value) && !err.contains(value), "the secret value leaked into the output");

    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 4);
    for (const char* op : {"write", "read", "remove"}) {
        const QString prefix = QString::fromLatin1(op) + QLatin1Char(' ');
        const auto it
            = std::find_if(lines.begin(), lines.end(), [&](const QString& l) { return l.startsWith(prefix); });
        QVERIFY2(it != lines.end(), qPrintable(out));
        const QString line = *it;
        QVERIFY2(line.startsWith(prefix + QStringLiteral("unavailable ")), qPrintable(line));
        QVERIFY2(line.contains(messageMarker, Qt::CaseInsensitive), qPrintable(line));
        QVERIFY2(line.contains(key), qPrintable(line));
        qInfo().noquote() << "child:" << line;
    }
    QVERIFY2(lines.contains(QStringLiteral("available 0")), qPrintable(out));

    // Fail closed means no plain-text fallback: no file named after the service or the entry, and no
    // file holding the value, anywhere in the child's HOME ...
    QDirIterator files(home.path(), QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString path = files.next();
        QVERIFY2(!path.contains(service) && !path.contains(key), qPrintable(path));
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            QVERIFY2(!f.readAll().contains(value.toUtf8()), qPrintable(path));
    }
    // ... nor in the real configuration directory (QtKeychain's fallback would use QSettings there).
    const QString realConfig = QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation);
    QDirIterator config(realConfig, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (config.hasNext()) {
        const QString path = config.next();
        QVERIFY2(!path.contains(service) && !path.contains(key), qPrintable(path));
    }
}

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], kChildFlag) == 0)
        return runChild(argc, argv);
    QCoreApplication app(argc, argv);
    TestKeychainSecretStore test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_keychainsecretstore.moc"
