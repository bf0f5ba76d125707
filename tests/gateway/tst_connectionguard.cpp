// SPDX-License-Identifier: GPL-3.0-or-later
// ConnectionGuard in front of a real QHttpServer 6.4 on loopback, driven by a raw blocking client
// (the server runs in its own thread), plus the pure HttpFramer on the same byte sequences.
#include "RawHttpClient.h"
#include "http/ConnectionGuard.h"
#include "http/HttpFramer.h"

#include <QtHttpServer/QHttpServer>
#include <QtHttpServer/QHttpServerRequest>
#include <QtHttpServer/QHttpServerResponder>

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QtTest>

#include <functional>
#include <memory>

using Gateway::ConnectionGuard;
using Gateway::HttpFramer;
using Gateway::HttpLimits;
using TestSupport::RawResponse;

namespace {

constexpr int kDeferMs = 200;
constexpr int kHeldMs = 1500; // "/held": long enough to stay in flight while a test fills the cap

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    default: return "OTHER";
    }
}

// What the missing handler answers: method, body length and body digest.
QByteArray echoOf(const QByteArray& method, const QByteArray& body)
{
    return method + ' ' + QByteArray::number(body.size()) + ' '
        + QCryptographicHash::hash(body, QCryptographicHash::Sha1).toHex();
}

struct Rejection
{
    int status = 0;
    QString reason;
};

// QHttpServer + ConnectionGuard living in their own thread, so the blocking client can run here.
class TestServer
{
public:
    explicit TestServer(const HttpLimits& limits)
    {
        m_thread.start();
        m_context = new QObject;
        m_context->moveToThread(&m_thread);
        run([this, limits] { setUp(limits); });
    }
    ~TestServer()
    {
        run([this] {
            delete m_server;
            m_server = nullptr;
        });
        m_thread.quit();
        m_thread.wait();
        delete m_context;
    }

    void run(const std::function<void()>& function)
    {
        QMetaObject::invokeMethod(m_context, function, Qt::BlockingQueuedConnection);
    }
    quint16 port() const { return m_port; }
    int connectionCount()
    {
        int count = 0;
        run([this, &count] { count = m_guard->connectionCount(); });
        return count;
    }
    QList<Rejection> rejections()
    {
        QMutexLocker locker(&m_mutex);
        return m_rejections;
    }

private:
    void setUp(const HttpLimits& limits)
    {
        m_server = new QHttpServer;
        m_guard = new ConnectionGuard(limits);
        m_server->setMissingHandler([](const QHttpServerRequest& request, QHttpServerResponder&& responder) {
            responder.write(echoOf(methodName(request.method()), request.body()), "text/plain");
        });
        // Answers 200 ms later while holding a PendingAnswer, guarded against a vanished client.
        ConnectionGuard* guard = m_guard;
        m_server->route("/deferred", [guard](const QHttpServerRequest&, QHttpServerResponder&& responder) {
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            QPointer<QTcpSocket> socket = shared->socket();
            auto token = std::make_shared<ConnectionGuard::PendingAnswer>(guard->holdAnswer(socket));
            QTimer::singleShot(kDeferMs, guard, [shared, socket, token] {
                if (socket && socket->state() == QAbstractSocket::ConnectedState)
                    shared->write(QByteArray("deferred"), "text/plain");
                token->release();
            });
        });
        m_server->route("/held", [guard](const QHttpServerRequest&, QHttpServerResponder&& responder) {
            auto shared = std::make_shared<QHttpServerResponder>(std::move(responder));
            QPointer<QTcpSocket> socket = shared->socket();
            auto token = std::make_shared<ConnectionGuard::PendingAnswer>(guard->holdAnswer(socket));
            QTimer::singleShot(kHeldMs, guard, [shared, socket, token] {
                if (socket && socket->state() == QAbstractSocket::ConnectedState)
                    shared->write(QByteArray("held"), "text/plain");
                token->release();
            });
        });
        QObject::connect(m_guard, &ConnectionGuard::requestRejected, m_guard,
                         [this](const QHostAddress&, int status, const QString& reason) {
                             QMutexLocker locker(&m_mutex);
                             m_rejections.append({status, reason});
                         });
        if (m_guard->listenFor(m_server, QHostAddress::LocalHost, 0))
            m_port = m_guard->serverPort();
    }

    QThread m_thread;
    QObject* m_context = nullptr;
    QHttpServer* m_server = nullptr;
    ConnectionGuard* m_guard = nullptr; // owned by m_server
    quint16 m_port = 0;
    QMutex m_mutex;
    QList<Rejection> m_rejections;
};

// A blocking raw client that also tells whether and when the server closed the connection.
class Client
{
public:
    explicit Client(quint16 port)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(3000);
        m_clock.start();
    }
    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    qint64 elapsed() const { return m_clock.elapsed(); }
    QTcpSocket& socket() { return m_socket; }

    void send(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        while (m_socket.bytesToWrite() > 0 && m_socket.waitForBytesWritten(3000)) { }
    }
    // Reads until `count` final (non-1xx, unless countInterim) responses arrived, the peer closed,
    // or the timeout.
    QList<RawResponse> read(int count, int timeoutMs = 3000, bool countInterim = false)
    {
        QElapsedTimer timer;
        timer.start();
        for (;;) {
            const QList<RawResponse> parsed = TestSupport::parseResponses(m_received);
            const int have = countInterim ? int(parsed.size()) : finals(parsed);
            if (have >= count || !isOpen() || timer.elapsed() >= timeoutMs)
                return parsed;
            m_socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - timer.elapsed())));
            m_received += m_socket.readAll();
        }
    }
    // Waits for the server to close; returns false on timeout.
    bool waitClosed(int timeoutMs = 3000)
    {
        QElapsedTimer timer;
        timer.start();
        while (isOpen() && timer.elapsed() < timeoutMs) {
            m_socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - timer.elapsed())));
            m_received += m_socket.readAll();
        }
        m_received += m_socket.readAll();
        return !isOpen();
    }
    const QByteArray& received() const { return m_received; }
    static int finals(const QList<RawResponse>& responses)
    {
        int count = 0;
        for (const RawResponse& r : responses)
            count += r.complete && r.status >= 200 ? 1 : 0;
        return count;
    }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
    QElapsedTimer m_clock;
};

HttpLimits testLimits()
{
    HttpLimits limits;
    limits.idleTimeoutMs = 10000;
    limits.requestTimeoutMs = 10000;
    limits.evictAfterMs = 40;
    return limits;
}

QByteArray get(const QByteArray& path = "/")
{
    return "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
}

QByteArray post(const QByteArray& body)
{
    return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n"
        + body;
}

QByteArray chunked(const QByteArray& chunks)
{
    return "POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks;
}

QByteArray withHeaders(const QByteArray& headers)
{
    return "GET / HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n";
}

QByteArray manyFields(int count, int valueBytes)
{
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += "X-F" + QByteArray::number(i) + ": " + QByteArray(valueBytes, 'v') + "\r\n";
    return out;
}

void addRejectionRows()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<int>("status");

    const QByteArray tlsHello = QByteArray::fromHex("1603010200010001fc0303") + QByteArray(64, '\x5a');
    QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("tls client hello") << tlsHello << 400;
    QTest::newRow("binary garbage") << QByteArray("\x00\x01\x02\x03\r\n\r\n", 8) << 400;
    QTest::newRow("no version") << QByteArray("GET /\r\n\r\n") << 400;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("lower-case version") << QByteArray("GET / http/1.1\r\nHost: a\r\n\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\nHost: a\r\n\r\n") << 505;
    QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\nHost: a\r\n\r\n") << 505;
    QTest::newRow("HTTP/0.9") << QByteArray("GET / HTTP/0.9\r\n\r\n") << 505;
    QTest::newRow("missing Host") << QByteArray("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n") << 400;
    QTest::newRow("two Host") << withHeaders("Host: b\r\n") << 400;
    QTest::newRow("request line too long")
        << QByteArray("GET /" + QByteArray(9000, 'a') + " HTTP/1.1\r\nHost: a\r\n\r\n") << 414;
    QTest::newRow("head too large") << withHeaders(manyFields(10, 7000)) << 431;
    QTest::newRow("too many fields") << withHeaders(manyFields(100, 1)) << 431;
    QTest::newRow("field too large") << withHeaders(manyFields(1, 8100)) << 431;
    QTest::newRow("Content-Length too large")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4194305\r\n\r\n") << 413;
    QTest::newRow("Content-Length huge") << QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 99999999999999999999999\r\n\r\n")
                                         << 413;
    QTest::newRow("chunk too large") << chunked("400001\r\n") << 413;
    QTest::newRow("chunks add up too large")
        << chunked("200000\r\n" + QByteArray(0x200000, 'c') + "\r\n200001\r\n") << 413;
    QTest::newRow("Content-Length + Transfer-Encoding")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "0\r\n\r\n")
        << 400;
    QTest::newRow("two different Content-Length")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!") << 400;
    QTest::newRow("Content-Length list") << QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello")
                                         << 400;
    QTest::newRow("Content-Length signed")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: +5\r\n\r\nhello") << 400;
    QTest::newRow("Content-Length empty") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length:\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length : 5\r\n\r\nhello")
                                        << 400;
    QTest::newRow("obs-fold") << withHeaders("X-A: one\r\n two\r\n") << 400;
    QTest::newRow("line without colon") << withHeaders("X-A one\r\n") << 400;
    QTest::newRow("empty field name") << withHeaders(": one\r\n") << 400;
    QTest::newRow("control char in value") << withHeaders(QByteArray("X-A: o\x01ne\r\n")) << 400;
    QTest::newRow("bare LF") << QByteArray("GET / HTTP/1.1\nHost: a\n\n") << 400;
    QTest::newRow("bare CR") << QByteArray("GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n") << 400;
    QTest::newRow("negative chunk size") << chunked("-5\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("non-hex chunk size") << chunked("zz\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("0x chunk size") << chunked("0x5\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("space after chunk size") << chunked("5 \r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("empty chunk size") << chunked("\r\nhello\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunk data too long") << chunked("5\r\nhello!\r\n0\r\n\r\n") << 400;
    QTest::newRow("chunked trailer") << chunked("5\r\nhello\r\n0\r\nX-T: 1\r\n\r\n") << 400;
    QTest::newRow("TE gzip") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\n\r\n") << 400;
    QTest::newRow("TE identity") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: identity\r\n\r\n")
                                 << 400;
    QTest::newRow("TE gzip, chunked") << QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
                                      << 501;
    QTest::newRow("TE chunked twice") << QByteArray(
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n"
        "0\r\n\r\n") << 400;
    QTest::newRow("TE in HTTP/1.0") << QByteArray("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")
                                    << 400;
}

void addPassRows()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("echo");

    QTest::newRow("GET") << get() << echoOf("GET", {});
    QTest::newRow("POST") << post("{\"a\":1}") << echoOf("POST", "{\"a\":1}");
    QTest::newRow("POST 1 MiB") << post(QByteArray(1 << 20, 'p')) << echoOf("POST", QByteArray(1 << 20, 'p'));
    QTest::newRow("chunked") << chunked("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n") << echoOf("POST", "hello world");
    QTest::newRow("chunked upper-case hex, extension")
        << chunked("A;name=value\r\n0123456789\r\n0\r\n\r\n") << echoOf("POST", "0123456789");
    QTest::newRow("chunked 200 KiB") << chunked("32000\r\n" + QByteArray(0x32000, 'k') + "\r\n0\r\n\r\n")
                                     << echoOf("POST", QByteArray(0x32000, 'k'));
    QTest::newRow("HTTP/1.0 without Host") << QByteArray("GET / HTTP/1.0\r\n\r\n") << echoOf("GET", {});
    QTest::newRow("leading empty line") << QByteArray("\r\n" + get()) << echoOf("GET", {});
    QTest::newRow("equal Content-Length twice")
        << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello")
        << echoOf("POST", "hello");
    QTest::newRow("100 fields") << withHeaders(manyFields(99, 1)) << echoOf("GET", {});
    QTest::newRow("8000-byte field") << withHeaders("X-L: " + QByteArray(7995, 'l') + "\r\n") << echoOf("GET", {});
    QTest::newRow("unknown method") << QByteArray("BREW / HTTP/1.1\r\nHost: a\r\n\r\n") << echoOf("OTHER", {});
}

void feedInSlices(HttpFramer& framer, const QByteArray& bytes, int slice)
{
    for (qsizetype pos = 0; pos < bytes.size() && !framer.hasError(); pos += slice)
        framer.feed(bytes.constData() + pos, qMin<qsizetype>(slice, bytes.size() - pos));
}

} // namespace

class tst_ConnectionGuard : public QObject
{
    Q_OBJECT

private slots:
    void framerRejects_data() { addRejectionRows(); }
    void framerRejects();
    void framerPasses_data() { addPassRows(); }
    void framerPasses();
    void framerPipelineOffsets();
    void framerExpectContinue();

    void rejects_data() { addRejectionRows(); }
    void rejects();
    void passes_data() { addPassRows(); }
    void passes();
    void pipelinedInOrder();
    void pipelinedGoodThenBad();
    void pipelinedSplitInsideChunkedEnd_data();
    void fuzzPipelinesInRandomSlices();
    void pipelinedSplitInsideChunkedEnd();
    void deferredThenBad();
    void oversizeBodyWhileSending_data();
    void oversizeBodyWhileSending();
    void expectContinue();
    void expectContinueWaitsForDeferred();
    void connectionCap();
    void capEvictsLongestIdle();
    void capEvictsOldestIncompleteHead();
    void idleFloodDoesNotStarveClient();
    void capSparesRecentlyActive();
    void idleClose_data();
    void idleClose();
    void pendingAnswerOutlivesIdle();
    void slowRequest_data();
    void slowRequest();
    void clientGoneBeforeDeferredAnswer();
};

void tst_ConnectionGuard::framerRejects()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    const QList<int> slices{int(request.size()), 1, 7, 1000};
    for (const int slice : slices) {
        if (slice == 1 && request.size() > 100000)
            continue;
        HttpFramer framer;
        feedInSlices(framer, request, slice);
        QVERIFY2(framer.hasError(), qPrintable(QStringLiteral("slice %1").arg(slice)));
        QCOMPARE(framer.errorStatus(), status);
        QCOMPARE(framer.completedRequests(), quint64(0));
        QVERIFY(qstrlen(framer.errorReason()) > 0);
    }
}

void tst_ConnectionGuard::framerPasses()
{
    QFETCH(QByteArray, request);
    const QList<int> slices{int(request.size()), 1, 3, 4096};
    for (const int slice : slices) {
        HttpFramer framer;
        feedInSlices(framer, request, slice);
        QVERIFY2(!framer.hasError(), framer.errorReason());
        QCOMPARE(framer.completedRequests(), quint64(1));
        QCOMPARE(framer.requestStart(), qint64(request.size()));
        QVERIFY(!framer.inRequest());
    }
}

void tst_ConnectionGuard::framerPipelineOffsets()
{
    const QByteArray first = get("/a");
    const QByteArray second = post("hello");
    const QByteArray third = chunked("3\r\nabc\r\n0\r\n\r\n");
    const QByteArray partial = "GET /d HTTP/1.1\r\nHo";
    HttpFramer framer;
    framer.feed(first + second + third + partial);
    QVERIFY(!framer.hasError());
    QCOMPARE(framer.completedRequests(), quint64(3));
    QCOMPARE(framer.requestStart(), qint64(first.size() + second.size() + third.size()));
    QVERIFY(framer.inRequest());
    QVERIFY(!framer.headComplete());
    framer.feed("st: a\r\n\r\n");
    QCOMPARE(framer.completedRequests(), quint64(4));

    HttpFramer failing;
    failing.feed(first + "BAD\r\n\r\n");
    QVERIFY(failing.hasError());
    QCOMPARE(failing.errorStatus(), 400);
    QCOMPARE(failing.completedRequests(), quint64(1));
    QCOMPARE(failing.requestStart(), qint64(first.size()));
    QCOMPARE(failing.feed("more"), qint64(0));
}

void tst_ConnectionGuard::framerExpectContinue()
{
    HttpFramer framer;
    framer.feed("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 3\r\n\r\n");
    QVERIFY(framer.headComplete());
    QVERIFY(framer.expectsContinue());
    QCOMPARE(framer.bodyBytesReceived(), qint64(0));
    framer.feed("a");
    QCOMPARE(framer.bodyBytesReceived(), qint64(1));
    framer.feed("bc");
    QVERIFY(!framer.expectsContinue());
    QCOMPARE(framer.completedRequests(), quint64(1));

    HttpFramer noBody; // nothing to continue without a body
    noBody.feed("GET / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n\r\n");
    QVERIFY(!noBody.expectsContinue());
    QCOMPARE(noBody.completedRequests(), quint64(1));
}

void tst_ConnectionGuard::rejects()
{
    QFETCH(QByteArray, request);
    QFETCH(int, status);
    TestServer server(testLimits());
    Client client(server.port());
    QVERIFY(client.isOpen());
    client.send(request);
    const QList<RawResponse> responses = client.read(1);
    QCOMPARE(responses.size(), 1);
    const RawResponse& r = responses.first();
    QCOMPARE(r.status, status);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QCOMPARE(r.header("Content-Type"), QByteArray("application/json"));
    QVERIFY(r.body.size() < 100);
    const QJsonObject json = QJsonDocument::fromJson(r.body).object();
    QVERIFY(!json.value(QLatin1String("error")).toString().isEmpty());
    QVERIFY(client.waitClosed());
    QCOMPARE(client.received().size(), client.received().indexOf("\r\n\r\n") + 4 + r.body.size());
    QTRY_COMPARE_WITH_TIMEOUT(server.rejections().size(), 1, 2000);
    QCOMPARE(server.rejections().first().status, status);
    QCOMPARE(server.rejections().first().reason, json.value(QLatin1String("error")).toString());
}

void tst_ConnectionGuard::passes()
{
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, echo);
    TestServer server(testLimits());
    Client client(server.port());
    client.send(request);
    const QList<RawResponse> responses = client.read(1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200);
    QCOMPARE(responses.first().body, echo);
    QVERIFY(client.isOpen()); // keep-alive
    client.send(get()); // and the connection still serves
    QCOMPARE(client.read(2).size(), 2);
    QVERIFY(server.rejections().isEmpty());
}

void tst_ConnectionGuard::pipelinedInOrder()
{
    TestServer server(testLimits());
    Client client(server.port());
    client.send(get("/a") + post("hello") + chunked("3\r\nabc\r\n0\r\n\r\n") + get("/b"));
    const QList<RawResponse> responses = client.read(4);
    QCOMPARE(responses.size(), 4);
    QCOMPARE(responses.at(0).body, echoOf("GET", {}));
    QCOMPARE(responses.at(1).body, echoOf("POST", "hello"));
    QCOMPARE(responses.at(2).body, echoOf("POST", "abc"));
    QCOMPARE(responses.at(3).body, echoOf("GET", {}));
    QVERIFY(client.isOpen());
}

void tst_ConnectionGuard::pipelinedGoodThenBad()
{
    TestServer server(testLimits());
    Client client(server.port());
    // The smuggling shape: bare 6.4 would run the "body" as a second request.
    client.send(get() + "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "0\r\n\r\n" + get());
    const QList<RawResponse> responses = client.read(3);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(1).status, 400);
    QVERIFY(client.waitClosed());
}

void tst_ConnectionGuard::pipelinedSplitInsideChunkedEnd_data()
{
    QTest::addColumn<int>("split"); // bytes of the final CRLF in the first segment
    QTest::newRow("0\\r\\n | \\r\\nGET") << 0;
    QTest::newRow("0\\r\\n\\r | \\nGET") << 1;
    QTest::newRow("0\\r\\n\\r\\n | GET") << 2;
}

// Bare 6.4 reads two bytes for the final CRLF of a chunked body: when only the CR had arrived, it
// swallows the first byte of the next pipelined request. The guard puts that byte back.
void tst_ConnectionGuard::pipelinedSplitInsideChunkedEnd()
{
    QFETCH(int, split);
    TestServer server(testLimits());
    Client client(server.port());
    const QByteArray first = chunked("3\r\nabc\r\n0\r\n");
    client.send(first + QByteArray("\r\n").left(split));
    QTest::qWait(100);
    client.send(QByteArray("\r\n").mid(split) + post("xyz") + get());
    const QList<RawResponse> responses = client.read(3);
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses.at(0).body, echoOf("POST", "abc"));
    QCOMPARE(responses.at(1).body, echoOf("POST", "xyz"));
    QCOMPARE(responses.at(2).body, echoOf("GET", {}));
    QVERIFY(client.isOpen());
}

// Random pipelines (GET, Content-Length, chunked) sent in random slices: every answer in order and
// intact, i.e. the guard's framing and QHttpServer's never disagree.
void tst_ConnectionGuard::fuzzPipelinesInRandomSlices()
{
    const quint32 seed
        = qEnvironmentVariableIsSet("GUARD_FUZZ_SEED") ? qEnvironmentVariableIntValue("GUARD_FUZZ_SEED") : 20240611u;
    QRandomGenerator random(seed);
    TestServer server(testLimits());
    for (int connection = 0; connection < 30; ++connection) {
        QByteArray stream;
        QList<QByteArray> expected;
        const int requests = random.bounded(1, 6);
        for (int r = 0; r < requests; ++r) {
            QByteArray body(random.bounded(0, 20000), Qt::Uninitialized);
            for (char& c : body)
                c = char('a' + random.bounded(26));
            switch (random.bounded(3)) {
            case 0:
                stream += get("/f" + QByteArray::number(r));
                expected += echoOf("GET", {});
                break;
            case 1:
                stream += post(body);
                expected += echoOf("POST", body);
                break;
            default: {
                QByteArray chunks;
                for (qsizetype pos = 0; pos < body.size();) {
                    const qsizetype size = qMin<qsizetype>(random.bounded(1, 8000), body.size() - pos);
                    chunks += QByteArray::number(size, 16) + (random.bounded(4) == 0 ? ";x=y" : "") + "\r\n"
                        + body.mid(pos, size) + "\r\n";
                    pos += size;
                }
                stream += chunked(chunks + "0\r\n\r\n");
                expected += echoOf("POST", body);
            }
            }
        }
        Client client(server.port());
        client.socket().setSocketOption(QAbstractSocket::LowDelayOption, 1);
        for (qsizetype pos = 0; pos < stream.size();) {
            const qsizetype size = random.bounded(2) ? random.bounded(1, 16) : random.bounded(1, 16384);
            client.send(stream.mid(pos, size));
            pos += size;
            if (random.bounded(8) == 0)
                QThread::msleep(1);
        }
        const QList<RawResponse> responses = client.read(requests);
        QCOMPARE(responses.size(), requests);
        for (int r = 0; r < requests; ++r)
            QCOMPARE(responses.at(r).body, expected.at(r));
    }
    QVERIFY(server.rejections().isEmpty());
}

void tst_ConnectionGuard::deferredThenBad()
{
    TestServer server(testLimits());
    Client client(server.port());
    client.send(get("/deferred") + "HELLO\r\n\r\n");
    const QList<RawResponse> responses = client.read(2);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).status, 200);
    QCOMPARE(responses.at(0).body, QByteArray("deferred"));
    QCOMPARE(responses.at(1).status, 400);
    QVERIFY(client.elapsed() >= kDeferMs - 20);
    QVERIFY(client.waitClosed());
}

void tst_ConnectionGuard::oversizeBodyWhileSending_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("piece");
    const QByteArray data(64 * 1024, 'x');
    QTest::newRow("Content-Length") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 104857600\r\n\r\n")
                                    << data;
    QTest::newRow("chunked") << chunked({}) << QByteArray("10000\r\n" + data + "\r\n");
}

// The client uploads on without waiting (no Expect); it must still read the 413 (linger).
void tst_ConnectionGuard::oversizeBodyWhileSending()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, piece);
    TestServer server(testLimits());
    Client client(server.port());
    client.send(head);
    QList<RawResponse> responses;
    for (int i = 0; i < 256 && responses.isEmpty() && client.isOpen(); ++i) {
        client.socket().write(piece);
        client.socket().waitForBytesWritten(100);
        responses = client.read(1, 2);
    }
    if (responses.isEmpty())
        responses = client.read(1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 413);
    QVERIFY(client.waitClosed());
}

void tst_ConnectionGuard::expectContinue()
{
    TestServer server(testLimits());
    Client client(server.port());
    client.send("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 10\r\n\r\n");
    QList<RawResponse> responses = client.read(1, 1000, true); // only the interim answer comes
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 100);
    QVERIFY(client.received().startsWith("HTTP/1.1 100 Continue\r\n\r\n"));
    QVERIFY(client.elapsed() < 900);
    client.send("0123456789");
    responses = client.read(1);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(1).status, 200);
    QCOMPARE(responses.at(1).body, echoOf("POST", "0123456789"));

    // No 100 when the body is already on its way.
    Client eager(server.port());
    eager.send("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
    responses = eager.read(1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 200);
}

void tst_ConnectionGuard::expectContinueWaitsForDeferred()
{
    TestServer server(testLimits());
    Client client(server.port());
    client.send(get("/deferred") + "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 3\r\n\r\n");
    QList<RawResponse> responses = client.read(2, 2000, true);
    QCOMPARE(responses.size(), 2);
    QCOMPARE(responses.at(0).body, QByteArray("deferred"));
    QCOMPARE(responses.at(1).status, 100);
    client.send("abc");
    responses = client.read(2);
    QCOMPARE(responses.size(), 3);
    QCOMPARE(responses.at(2).body, echoOf("POST", "abc"));
}

void tst_ConnectionGuard::connectionCap()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 2;
    TestServer server(limits);
    // Both slots hold a request in flight: neither may be evicted, so the third is refused.
    auto first = std::make_unique<Client>(server.port());
    Client second(server.port());
    first->send(get("/held"));
    second.send(get("/held"));
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 2, 2000);
    QTest::qWait(50); // both requests reached their handler

    Client third(server.port());
    third.send(post(QByteArray(100 * 1024, 'b'))); // the answer survives unread input (linger)
    const QList<RawResponse> refused = third.read(1);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().status, 503);
    QCOMPARE(refused.first().header("Retry-After"), QByteArray("1"));
    QVERIFY(third.waitClosed());
    // The requests in flight were not disturbed.
    QCOMPARE(second.read(1).value(0).body, QByteArray("held"));
    QCOMPARE(first->read(1).value(0).body, QByteArray("held"));
    // The server thread records the rejection after it half-closed the connection: wait for it.
    QTRY_COMPARE_WITH_TIMEOUT(server.rejections().size(), 1, 2000);
    QCOMPARE(server.rejections().first().status, 503);

    first.reset();
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 1, 3000);
    Client fourth(server.port());
    fourth.send(get());
    const QList<RawResponse> served = fourth.read(1);
    QCOMPARE(served.size(), 1);
    QCOMPARE(served.first().status, 200);
}

// At the cap, the keep-alive connection idle the longest makes room; the others stay open.
void tst_ConnectionGuard::capEvictsLongestIdle()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 2;
    TestServer server(limits);
    Client oldest(server.port());
    oldest.send(get());
    QCOMPARE(oldest.read(1).size(), 1);
    QTest::qWait(100);
    Client recent(server.port());
    recent.send(get());
    QCOMPARE(recent.read(1).size(), 1);
    QTest::qWait(50);

    Client newcomer(server.port());
    newcomer.send(get());
    const QList<RawResponse> served = newcomer.read(1);
    QCOMPARE(served.size(), 1);
    QCOMPARE(served.first().status, 200);
    QVERIFY(oldest.waitClosed(2000));
    QVERIFY(Client::finals(TestSupport::parseResponses(oldest.received())) == 1); // no canned answer
    QVERIFY(recent.isOpen());
    recent.send(get());
    QCOMPARE(recent.read(1).value(0).status, 200);
    QVERIFY(server.rejections().isEmpty());
}

// At the cap with no idle connection, the oldest incomplete request head (a slowloris) makes room
// and gets 503 + Retry-After; a younger incomplete head and a request in flight stay.
void tst_ConnectionGuard::capEvictsOldestIncompleteHead()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 3;
    TestServer server(limits);
    Client busy(server.port());
    busy.send(get("/held"));
    Client slowOld(server.port());
    slowOld.send("GET / HTTP/1.1\r\nHost: a\r\n");
    QTest::qWait(100);
    Client slowNew(server.port());
    slowNew.send("GET / HTTP/1.1\r\nHost: a\r\n");
    QTRY_COMPARE_WITH_TIMEOUT(server.connectionCount(), 3, 2000);
    QTest::qWait(50);

    Client newcomer(server.port());
    newcomer.send(get());
    QCOMPARE(newcomer.read(1).value(0).status, 200);
    const QList<RawResponse> evicted = slowOld.read(1);
    QCOMPARE(evicted.size(), 1);
    QCOMPARE(evicted.first().status, 503);
    QCOMPARE(evicted.first().header("Retry-After"), QByteArray("1"));
    QVERIFY(slowOld.waitClosed());
    QVERIFY(slowNew.isOpen());
    slowNew.send("\r\n"); // completes its head: served normally
    QCOMPARE(slowNew.read(1).value(0).status, 200);
    QCOMPARE(busy.read(1).value(0).body, QByteArray("held"));
}

// Silent and slowloris connections filling the cap cannot keep a real client waiting for the idle
// timeout: each of its connections is served at once.
void tst_ConnectionGuard::idleFloodDoesNotStarveClient()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 16;
    TestServer server(limits);
    std::vector<std::unique_ptr<Client>> attackers;
    for (int i = 0; i < 24; ++i) {
        attackers.push_back(std::make_unique<Client>(server.port()));
        if (i % 3 == 0)
            attackers.back()->send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: "); // never finished
    }
    QTest::qWait(100);
    for (int i = 0; i < 5; ++i) {
        Client real(server.port());
        real.send(get());
        const QList<RawResponse> answer = real.read(1, 2000);
        QCOMPARE(answer.size(), 1);
        QCOMPARE(answer.first().status, 200);
        QVERIFY(real.elapsed() < 1000);
    }
}

// A keep-alive connection that was active within evictAfterMs is not evicted (its client may be
// sending its next request right now): the newcomer gets 503 + Retry-After instead.
void tst_ConnectionGuard::capSparesRecentlyActive()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 1;
    limits.evictAfterMs = 5000;
    TestServer server(limits);
    Client busy(server.port());
    busy.send(get());
    QCOMPARE(busy.read(1).size(), 1);

    Client newcomer(server.port());
    newcomer.send(get());
    const QList<RawResponse> refused = newcomer.read(1);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().status, 503);
    QCOMPARE(refused.first().header("Retry-After"), QByteArray("1"));
    QVERIFY(busy.isOpen());
    busy.send(get());
    QCOMPARE(busy.read(1).value(0).status, 200);
}

void tst_ConnectionGuard::idleClose_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::newRow("silent") << QByteArray();
    QTest::newRow("after keep-alive answer") << get();
}

void tst_ConnectionGuard::idleClose()
{
    QFETCH(QByteArray, request);
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 300;
    TestServer server(limits);
    Client client(server.port());
    if (!request.isEmpty()) {
        client.send(request);
        QCOMPARE(client.read(1).size(), 1);
    }
    QElapsedTimer timer;
    timer.start();
    QVERIFY(client.waitClosed(3000));
    const qint64 ms = timer.elapsed();
    QVERIFY2(ms >= 200 && ms < 1500, qPrintable(QString::number(ms)));
    QVERIFY(server.rejections().isEmpty()); // a silent close, not a canned answer
}

void tst_ConnectionGuard::pendingAnswerOutlivesIdle()
{
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 80; // shorter than the deferred answer
    TestServer server(limits);
    Client client(server.port());
    client.send(get("/deferred"));
    const QList<RawResponse> responses = client.read(1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().body, QByteArray("deferred"));
    QVERIFY(client.waitClosed(2000)); // idle again afterwards
}

void tst_ConnectionGuard::slowRequest_data()
{
    QTest::addColumn<QByteArray>("start");
    QTest::addColumn<QByteArray>("drip");
    QTest::newRow("slow head") << QByteArray("GET / HTTP/1.1\r\nHost: a\r\n") << QByteArray("X-S: 1\r\n");
    QTest::newRow("slow body") << QByteArray("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n")
                               << QByteArray("bbbbbbbb");
}

void tst_ConnectionGuard::slowRequest()
{
    QFETCH(QByteArray, start);
    QFETCH(QByteArray, drip);
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 3000;
    limits.requestTimeoutMs = 400;
    TestServer server(limits);
    Client client(server.port());
    client.send(start);
    QList<RawResponse> responses;
    while (responses.isEmpty() && client.isOpen() && client.elapsed() < 4000) {
        client.send(drip); // keeps the connection busy: only the request deadline can end it
        responses = client.read(1, 50);
    }
    const qint64 ms = client.elapsed();
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().status, 408);
    QVERIFY2(ms >= 350 && ms < 2000, qPrintable(QString::number(ms)));
    QVERIFY(client.waitClosed());
}

void tst_ConnectionGuard::clientGoneBeforeDeferredAnswer()
{
    TestServer server(testLimits());
    for (int i = 0; i < 4; ++i) {
        Client client(server.port());
        client.send(get("/deferred"));
        if (i % 2 == 0) {
            client.socket().disconnectFromHost();
        } else {
            client.socket().abort(); // RST
        }
    }
    QTest::qWait(kDeferMs + 150); // the deferred answers fire for clients that left
    Client next(server.port());
    next.send(get("/deferred"));
    const QList<RawResponse> responses = next.read(1);
    QCOMPARE(responses.size(), 1);
    QCOMPARE(responses.first().body, QByteArray("deferred"));
}

QTEST_GUILESS_MAIN(tst_ConnectionGuard)
#include "tst_connectionguard.moc"
