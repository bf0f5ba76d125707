// SPDX-License-Identifier: GPL-3.0-or-later
// The pooled backend client against real loopback servers: one deadline per call across
// redirects, no resending of non-idempotent requests on a reused connection the server closed,
// hostile chunk sizes over a real socket.
#include "FaultBackend.h"
#include "ScriptedBackend.h"
#include "backend/BackendClient.h"

#include <QElapsedTimer>
#include <QtTest>

#include <optional>

using namespace Gateway;
using namespace TestSupport;

namespace {

std::optional<BackendResult> sendNow(BackendClient& client, const EncodedCall& call, const BackendOptions& options,
                                     int waitMs = 10000)
{
    auto answer = std::make_shared<std::optional<BackendResult>>();
    client.send(call, options, [answer](const BackendResult& r) { *answer = r; });
    QElapsedTimer clock;
    clock.start();
    while (!answer->has_value() && clock.elapsed() < waitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return *answer;
}

EncodedCall callTo(const QUrl& base, const QByteArray& method, const QString& path, const QByteArray& body = {})
{
    EncodedCall call;
    call.ok = true;
    call.method = method;
    call.url = base.resolved(QUrl(path));
    call.body = body;
    if (!body.isEmpty())
        call.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return call;
}

} // namespace

class tst_BackendClient : public QObject
{
    Q_OBJECT

private slots:
    void closedReusedConnection_data();
    void closedReusedConnection();
    void oneDeadlineAcrossRedirects();
    void chunkSizeOverflowOverSocket();
    void queuedCallPastDeadlineIsNeverSent();
    void queuedTimeIsReportedApart();
};

void tst_BackendClient::closedReusedConnection_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("resent");
    // A request that met a reused keep-alive connection closed before any reply: only idempotent
    // methods may be sent again (on a fresh connection); a POST or PATCH may have taken effect.
    QTest::newRow("POST never resent") << QByteArray("POST") << false;
    QTest::newRow("PATCH never resent") << QByteArray("PATCH") << false;
    QTest::newRow("GET resent once") << QByteArray("GET") << true;
    QTest::newRow("PUT resent once") << QByteArray("PUT") << true;
    QTest::newRow("DELETE resent once") << QByteArray("DELETE") << true;
}

void tst_BackendClient::closedReusedConnection()
{
    QFETCH(QByteArray, method);
    QFETCH(bool, resent);
    ScriptedBackend backend;
    // Connection 0 answers its first request, then closes without a byte on the second; every
    // later connection answers.
    const QUrl base = backend.start([](int connection, int request, const RecordedRequest&) {
        if (connection == 0 && request == 1)
            return ScriptedReply{{}, true, 0};
        return ScriptedReply{ScriptedBackend::answer(200, R"({"ok":true})", "Content-Type: application/json\r\n")};
    });
    QVERIFY(base.isValid());
    BackendClient client;
    const auto warm = sendNow(client, callTo(base, "GET", QStringLiteral("/warm")), BackendOptions());
    QVERIFY(warm.has_value());
    QCOMPARE(warm->status, 200);
    QTRY_COMPARE(client.idleConnectionCount(), 1);

    const QByteArray body = method == "GET" || method == "DELETE" ? QByteArray() : QByteArray(R"({"n":1})");
    const auto result = sendNow(client, callTo(base, method, QStringLiteral("/effect"), body), BackendOptions());
    QVERIFY(result.has_value());
    const QList<RecordedRequest> received = backend.requests();
    int effects = 0;
    for (const RecordedRequest& r : received)
        effects += r.target == "/effect" ? 1 : 0;
    if (resent) {
        QCOMPARE(result->outcome, BackendResult::Outcome::Answered);
        QCOMPARE(result->status, 200);
        QCOMPARE(effects, 2);
        QCOMPARE(backend.connectionCount(), 2);
    } else {
        QCOMPARE(result->outcome, BackendResult::Outcome::Unreachable);
        QCOMPARE(effects, 1);
        QTest::qWait(100);
        QCOMPARE(backend.requests().size(), 2);
    }
}

void tst_BackendClient::oneDeadlineAcrossRedirects()
{
    // Every answer is a same-origin redirect after 300 ms. With a 1000 ms timeout the call must end
    // at about 1 s, not restart its timeout on each hop (6 hops would take 1.8 s).
    FaultBackend backend;
    const QUrl base = backend.start();
    QVERIFY(base.isValid());
    FaultResponse redirect;
    redirect.delayMs = 300;
    redirect.status = 307;
    redirect.reason = "Temporary Redirect";
    redirect.body = QByteArray();
    redirect.headers = {{"Location", base.toString().toLatin1() + "/again"}};
    backend.setResponse(redirect);

    BackendClient client;
    BackendOptions options;
    options.timeoutMs = 1000;
    options.maxRedirects = 5;
    QElapsedTimer clock;
    clock.start();
    const auto result = sendNow(client, callTo(base, "GET", QStringLiteral("/start")), options);
    const qint64 elapsed = clock.elapsed();
    QVERIFY(result.has_value());
    QCOMPARE(result->outcome, BackendResult::Outcome::TimedOut);
    QVERIFY2(elapsed >= 900 && elapsed < 1500, QByteArray::number(elapsed).constData());
    QVERIFY(backend.requestCount() <= 4);
}

void tst_BackendClient::chunkSizeOverflowOverSocket()
{
    ScriptedBackend backend;
    const QUrl base = backend.start([](int, int, const RecordedRequest&) {
        return ScriptedReply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nA\r\n7fffffffffffffff\r\n",
                             false, 0};
    });
    QVERIFY(base.isValid());
    BackendClient client;
    const auto result = sendNow(client, callTo(base, "GET", QStringLiteral("/x")), BackendOptions());
    QVERIFY(result.has_value());
    QCOMPARE(result->outcome, BackendResult::Outcome::TooLarge);
    // The client stays usable.
    const auto again = sendNow(client, callTo(base, "GET", QStringLiteral("/y")), BackendOptions());
    QVERIFY(again.has_value());
    QCOMPARE(again->outcome, BackendResult::Outcome::TooLarge);
}

void tst_BackendClient::queuedCallPastDeadlineIsNeverSent()
{
    // One connection per origin, held 700 ms by the first call: the second waits in the queue. Its
    // 200 ms deadline ends it at 200 ms (not at a later sweep), and it is never sent afterwards.
    FaultBackend backend;
    const QUrl base = backend.start();
    QVERIFY(base.isValid());
    FaultResponse slow;
    slow.delayMs = 700;
    backend.setResponse(slow);

    BackendClient client;
    client.setMaxConnectionsPerOrigin(1);
    std::optional<BackendResult> first;
    std::optional<BackendResult> second;
    qint64 secondAt = -1;
    QElapsedTimer clock;
    clock.start();
    BackendOptions relaxed;
    relaxed.timeoutMs = 5000;
    client.send(callTo(base, "GET", QStringLiteral("/first")), relaxed, [&](const BackendResult& r) { first = r; });
    BackendOptions hurried;
    hurried.timeoutMs = 200;
    client.send(callTo(base, "GET", QStringLiteral("/second")), hurried, [&](const BackendResult& r) {
        second = r;
        secondAt = clock.elapsed();
    });
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value() && second.has_value(), 5000);
    QCOMPARE(first->outcome, BackendResult::Outcome::Answered);
    QCOMPARE(second->outcome, BackendResult::Outcome::TimedOut);
    QCOMPARE(second->errorClass, QStringLiteral("QueueTimeout"));
    QVERIFY2(secondAt >= 190 && secondAt < 600, QByteArray::number(secondAt).constData());
    QTest::qWait(300); // time for a late send to reach the backend
    QCOMPARE(backend.requestCount(), 1);
    QCOMPARE(client.queueTimeoutCount(), quint64(1));
    // The wait for a connection is reported apart from the time on the wire.
    QVERIFY2(second->queuedMicros >= 190000, QByteArray::number(second->queuedMicros).constData());
    QVERIFY2(first->queuedMicros < 50000, QByteArray::number(first->queuedMicros).constData());
}

void tst_BackendClient::queuedTimeIsReportedApart()
{
    // Two calls, one connection per origin, 300 ms each: the second waits about 300 ms for the
    // connection, then spends about 300 ms on the wire.
    FaultBackend backend;
    const QUrl base = backend.start();
    QVERIFY(base.isValid());
    FaultResponse slow;
    slow.delayMs = 300;
    backend.setResponse(slow);
    BackendClient client;
    client.setMaxConnectionsPerOrigin(1);
    std::optional<BackendResult> first;
    std::optional<BackendResult> second;
    client.send(callTo(base, "GET", QStringLiteral("/first")), BackendOptions(),
                [&](const BackendResult& r) { first = r; });
    client.send(callTo(base, "GET", QStringLiteral("/second")), BackendOptions(),
                [&](const BackendResult& r) { second = r; });
    QTRY_VERIFY_WITH_TIMEOUT(first.has_value() && second.has_value(), 5000);
    QCOMPARE(first->outcome, BackendResult::Outcome::Answered);
    QCOMPARE(second->outcome, BackendResult::Outcome::Answered);
    QVERIFY2(first->queuedMicros < 50000, QByteArray::number(first->queuedMicros).constData());
    QVERIFY2(second->queuedMicros >= 250000, QByteArray::number(second->queuedMicros).constData());
    QVERIFY(second->elapsedMicros >= second->queuedMicros + 250000);
}

QTEST_GUILESS_MAIN(tst_BackendClient)
#include "tst_backendclient.moc"
