// SPDX-License-Identifier: GPL-3.0-or-later
// SafeFetcher against real loopback servers (metadata and JWKS fetches must not be an SSRF path): refused URLs never reach
// the network, the 64 KiB cap, the timeout, non-JSON bodies, cross-origin redirects (refused, the other
// origin sees nothing) and same-origin ones (followed), no cookies.
#include "FakeAuthorizationServer.h"
#include "security/SafeFetcher.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include <optional>

using Gateway::FetchResult;
using Gateway::SafeFetcher;
using TestSupport::FakeAuthorizationServer;

namespace {

// Runs one fetch to completion (or `waitMs`), checking the callback never runs inside getJson().
std::optional<FetchResult> fetch(SafeFetcher& fetcher, const QUrl& url, int waitMs = 5000)
{
    auto result = std::make_shared<std::optional<FetchResult>>();
    bool inside = true;
    bool calledInside = false;
    fetcher.getJson(url, [result, &inside, &calledInside](const FetchResult& r) {
        calledInside = calledInside || inside;
        *result = r;
    });
    inside = false;
    QElapsedTimer timer;
    timer.start();
    while (!result->has_value() && timer.elapsed() < waitMs)
        QTest::qWait(5);
    if (calledInside)
        return std::nullopt;
    return *result;
}

// A JSON object of exactly `size` bytes.
QByteArray jsonOfSize(int size)
{
    const QByteArray head = R"({"pad":")";
    const QByteArray tail = R"("})";
    return head + QByteArray(size - head.size() - tail.size(), 'x') + tail;
}

FakeAuthorizationServer::Route rawRoute(int status, const QByteArray& body, const QByteArray& type)
{
    FakeAuthorizationServer::Route route;
    route.status = status;
    route.body = body;
    route.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray(type)));
    return route;
}

} // namespace

class TestSafeFetcher : public QObject
{
    Q_OBJECT

private slots:
    void refusedUrls_data();
    void refusedUrls();
    void loopbackHttpNeedsOptIn();
    void sizeCap_data();
    void sizeCap();
    void sizeCapWithoutContentLength();
    void timeout();
    void notJson_data();
    void notJson();
    void httpErrorStatus();
    void connectionRefused();
    void crossOriginRedirectRefused();
    void sameOriginRedirectFollowed();
    void noCookies();
    void destroyedWithPendingFetch();
};

void TestSafeFetcher::refusedUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("allowLoopbackHttp");
    QTest::addColumn<QString>("error");

    QTest::newRow("http non-loopback name") << "http://as.example.com/jwks" << true << "insecure URL";
    QTest::newRow("http non-loopback address") << "http://192.0.2.1/jwks" << true << "insecure URL";
    QTest::newRow("http private address") << "http://10.0.0.1/jwks" << true << "insecure URL";
    QTest::newRow("link-local v4 (metadata service)")
        << "https://169.254.169.254/latest/meta-data" << true << "link-local address refused";
    QTest::newRow("link-local v4 decimal form") << "https://2852039166/" << true << "link-local address refused";
    QTest::newRow("link-local v4 over http") << "http://169.254.169.254/" << true << "link-local address refused";
    QTest::newRow("link-local v6") << "https://[fe80::1]/" << true << "link-local address refused";
    QTest::newRow("link-local v4-mapped v6")
        << "https://[::ffff:169.254.169.254]/" << true << "link-local address refused";
    QTest::newRow("unspecified") << "https://0.0.0.0/" << true << "unspecified address refused";
    QTest::newRow("userinfo") << "https://user:pw@as.example.com/" << true << "URL with userinfo refused";
    QTest::newRow("ftp") << "ftp://as.example.com/jwks" << true << "unsupported URL scheme";
    QTest::newRow("file") << "file:///etc/passwd" << true << "unsupported URL scheme";
    QTest::newRow("relative") << "/jwks" << true << "invalid URL";
}

void TestSafeFetcher::refusedUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, allowLoopbackHttp);
    QFETCH(QString, error);

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(allowLoopbackHttp);
    QCOMPARE(fetcher.checkUrl(QUrl(url)), error);

    QElapsedTimer timer;
    timer.start();
    const auto result = fetch(fetcher, QUrl(url));
    QVERIFY2(result.has_value(), "no callback, or a callback from inside getJson()");
    // Refused before any network activity: no DNS, no connect (192.0.2.1 would just hang).
    QVERIFY(timer.elapsed() < 1000);
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::Refused);
    QCOMPARE(result->status, 0);
    QCOMPARE(result->error, error);
}

void TestSafeFetcher::loopbackHttpNeedsOptIn()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    server.setJson("/doc", QJsonObject{{"hello", "world"}});
    const QUrl url(server.baseUrl() + "/doc");

    SafeFetcher fetcher;
    QVERIFY(!fetcher.allowLoopbackHttp()); // off by default
    auto result = fetch(fetcher, url);
    QVERIFY(result.has_value());
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::Refused);
    QVERIFY(result->error.startsWith("insecure URL"));
    QVERIFY(server.requests().isEmpty());

    QVERIFY(!fetcher.checkUrl(QUrl("http://localhost:1/")).isEmpty());
    fetcher.setAllowLoopbackHttp(true);
    QVERIFY(fetcher.checkUrl(QUrl("http://localhost:1/")).isEmpty());
    QVERIFY(fetcher.checkUrl(QUrl("http://[::1]:1/")).isEmpty());
    QVERIFY(fetcher.checkUrl(QUrl("http://127.0.0.2:1/")).isEmpty());
    QVERIFY(fetcher.checkUrl(QUrl("https://as.example.com/")).isEmpty());

    result = fetch(fetcher, url);
    QVERIFY(result.has_value());
    QVERIFY2(result->ok, qPrintable(result->error));
    QCOMPARE(result->status, 200);
    QCOMPARE(result->json.value("hello").toString(), QString("world"));
    QCOMPARE(server.count("/doc"), 1);
}

void TestSafeFetcher::sizeCap_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("ok");
    QTest::newRow("64 KiB exactly") << int(SafeFetcher::MaxResponseBytes) << true;
    QTest::newRow("64 KiB + 1") << int(SafeFetcher::MaxResponseBytes + 1) << false;
    QTest::newRow("1 MiB") << 1024 * 1024 << false;
}

void TestSafeFetcher::sizeCap()
{
    QFETCH(int, size);
    QFETCH(bool, ok);
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    server.setRoute("/big", rawRoute(200, jsonOfSize(size), "application/json"));

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    const auto result = fetch(fetcher, QUrl(server.baseUrl() + "/big"));
    QVERIFY(result.has_value());
    QCOMPARE(result->ok, ok);
    if (!ok) {
        QCOMPARE(result->failure, FetchResult::Failure::TooLarge);
        QCOMPARE(result->error, QString("response larger than 64 KiB"));
        QVERIFY(result->json.isEmpty());
    } else {
        QCOMPARE(result->json.value("pad").toString().size(), size - 10);
    }
}

void TestSafeFetcher::sizeCapWithoutContentLength()
{
    // A hand-written server that streams an endless body without Content-Length: the reader must
    // abort on its own count, not on a declared length.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    int written = 0;
    connect(&server, &QTcpServer::newConnection, &server, [&server, &written]() {
        QTcpSocket* socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, &written]() {
            socket->readAll();
            if (socket->property("answered").toBool())
                return;
            socket->setProperty("answered", true);
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{\"pad\":\"");
            // 1 MiB in 16 KiB writes: far beyond the cap.
            for (int i = 0; i < 64 && socket->state() == QAbstractSocket::ConnectedState; ++i) {
                socket->write(QByteArray(16 * 1024, 'x'));
                written += 16 * 1024;
                socket->waitForBytesWritten(100);
            }
        });
    });

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    const auto result = fetch(fetcher, QUrl(QString("http://127.0.0.1:%1/stream").arg(server.serverPort())));
    QVERIFY(result.has_value());
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::TooLarge);
}

void TestSafeFetcher::timeout()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    auto route = rawRoute(200, R"({"late":true})", "application/json");
    route.delayMs = 6000;
    server.setRoute("/slow", route);

    SafeFetcher fetcher;
    QCOMPARE(fetcher.timeoutMs(), 5000);
    fetcher.setAllowLoopbackHttp(true);
    fetcher.setTimeoutMs(300);
    QElapsedTimer timer;
    timer.start();
    const auto result = fetch(fetcher, QUrl(server.baseUrl() + "/slow"), 10000);
    QVERIFY(result.has_value());
    QVERIFY(timer.elapsed() < 3000);
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::Timeout);
    QCOMPARE(result->error, QString("timed out after 300 ms"));
    QCOMPARE(server.count("/slow"), 1);
}

void TestSafeFetcher::notJson_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("type");
    QTest::newRow("html") << QByteArray("<html><body>secret-ish page</body></html>") << QByteArray("text/html");
    QTest::newRow("json array") << QByteArray("[1,2,3]") << QByteArray("application/json");
    QTest::newRow("json string") << QByteArray("\"keys\"") << QByteArray("application/json");
    QTest::newRow("truncated json") << QByteArray(R"({"keys":[)") << QByteArray("application/json");
    QTest::newRow("empty") << QByteArray() << QByteArray("application/json");
}

void TestSafeFetcher::notJson()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, type);
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    server.setRoute("/doc", rawRoute(200, body, type));

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    const auto result = fetch(fetcher, QUrl(server.baseUrl() + "/doc"));
    QVERIFY(result.has_value());
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::NotJson);
    QCOMPARE(result->status, 200);
    QCOMPARE(result->error, QString("response is not a JSON object"));
}

void TestSafeFetcher::httpErrorStatus()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    server.setRoute("/boom", rawRoute(500, "internal details that must not be echoed", "text/plain"));

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    auto result = fetch(fetcher, QUrl(server.baseUrl() + "/boom"));
    QVERIFY(result.has_value());
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::HttpStatus);
    QCOMPARE(result->status, 500);
    QCOMPARE(result->error, QString("HTTP 500"));

    result = fetch(fetcher, QUrl(server.baseUrl() + "/missing"));
    QVERIFY(result.has_value());
    QCOMPARE(result->failure, FetchResult::Failure::HttpStatus);
    QCOMPARE(result->status, 404);
}

void TestSafeFetcher::connectionRefused()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    const QString base = server.baseUrl();
    server.stop();

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    const auto result = fetch(fetcher, QUrl(base + "/jwks"));
    QVERIFY(result.has_value());
    QVERIFY(!result->ok);
    QCOMPARE(result->failure, FetchResult::Failure::Network);
    QCOMPARE(result->status, 0);
    QCOMPARE(result->error, QString("connection refused"));
}

void TestSafeFetcher::crossOriginRedirectRefused()
{
    FakeAuthorizationServer first;
    FakeAuthorizationServer other; // same host, another port: another origin
    QVERIFY(first.start());
    QVERIFY(other.start());
    other.setJson("/jwks", QJsonObject{{"keys", QJsonArray()}});
    first.setRedirect("/jwks", other.baseUrl() + "/jwks");
    first.setRedirect("/jwks-307", other.baseUrl() + "/jwks", 307);
    first.setRedirect("/jwks-name", QString("http://localhost:%1/jwks").arg(first.port()));

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    for (const QString path : {"/jwks", "/jwks-307", "/jwks-name"}) {
        const auto result = fetch(fetcher, QUrl(first.baseUrl() + path));
        QVERIFY(result.has_value());
        QVERIFY2(!result->ok, qPrintable(path));
        QCOMPARE(result->failure, FetchResult::Failure::Redirect);
        QCOMPARE(result->error, QString("redirect to another origin refused"));
    }
    QCOMPARE(first.requests().size(), 3);
    QVERIFY(other.requests().isEmpty());
}

void TestSafeFetcher::sameOriginRedirectFollowed()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    server.setRedirect("/old", server.baseUrl() + "/new", 301);
    server.setRedirect("/relative", "/new", 302);
    server.setJson("/new", QJsonObject{{"moved", true}});
    server.setRedirect("/loop", "/loop", 302);

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    for (const QString path : {"/old", "/relative"}) {
        const auto result = fetch(fetcher, QUrl(server.baseUrl() + path));
        QVERIFY(result.has_value());
        QVERIFY2(result->ok, qPrintable(result->error));
        QCOMPARE(result->status, 200);
        QCOMPARE(result->json.value("moved").toBool(), true);
    }
    QCOMPARE(server.requestedPaths(), QStringList({"/old", "/new", "/relative", "/new"}));

    const auto looped = fetch(fetcher, QUrl(server.baseUrl() + "/loop"));
    QVERIFY(looped.has_value());
    QVERIFY(!looped->ok);
    QCOMPARE(looped->failure, FetchResult::Failure::Redirect);
    QCOMPARE(looped->error, QString("too many redirects"));
    QVERIFY(server.count("/loop") <= SafeFetcher::MaxRedirects + 1);
}

void TestSafeFetcher::noCookies()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    auto route = rawRoute(200, R"({"a":1})", "application/json");
    route.headers.append(qMakePair(QByteArray("Set-Cookie"), QByteArray("session=abc; Path=/")));
    server.setRoute("/doc", route);

    SafeFetcher fetcher;
    fetcher.setAllowLoopbackHttp(true);
    for (int i = 0; i < 2; ++i) {
        const auto result = fetch(fetcher, QUrl(server.baseUrl() + "/doc"));
        QVERIFY(result.has_value());
        QVERIFY(result->ok);
    }
    QCOMPARE(server.requests().size(), 2);
    for (const auto& request : server.requests()) {
        QVERIFY(!request.hasHeader("Cookie"));
        QVERIFY(!request.hasHeader("Authorization"));
        QCOMPARE(request.method, QByteArray("GET"));
    }
}

void TestSafeFetcher::destroyedWithPendingFetch()
{
    FakeAuthorizationServer server;
    QVERIFY(server.start());
    auto route = rawRoute(200, R"({"a":1})", "application/json");
    route.delayMs = 300;
    server.setRoute("/slow", route);

    bool called = false;
    {
        SafeFetcher fetcher;
        fetcher.setAllowLoopbackHttp(true);
        fetcher.getJson(QUrl(server.baseUrl() + "/slow"), [&called](const FetchResult&) { called = true; });
        QTRY_COMPARE(server.count("/slow"), 1);
        // A refused URL's answer is queued: it dies with the fetcher too.
        fetcher.getJson(QUrl("http://as.example.com/"), [&called](const FetchResult&) { called = true; });
    }
    QTest::qWait(500);
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestSafeFetcher)
#include "tst_safefetcher.moc"
