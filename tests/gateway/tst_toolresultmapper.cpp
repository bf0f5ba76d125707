// SPDX-License-Identifier: GPL-3.0-or-later
// ToolResultMapper: backend answers and failures become MCP CallToolResults (backend errors, timeouts, oversize and non-JSON answers are tool errors).
#include "backend/ToolResultMapper.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using Gateway::BackendResult;
using Gateway::ToolResultMapper;
using Outcome = Gateway::BackendResult::Outcome;

Q_DECLARE_METATYPE(Gateway::BackendResult::Outcome)

namespace {

const QString kService = QStringLiteral("inventory");
constexpr int kTimeoutMs = 1500;
constexpr qint64 kMaxBytes = 4096;

BackendResult answered(int status, const QByteArray& contentType, const QByteArray& body, const QByteArray& reason = {})
{
    BackendResult r;
    r.outcome = Outcome::Answered;
    r.status = status;
    r.contentType = contentType;
    r.body = body;
    r.reason = reason;
    return r;
}

QString textOf(const QJsonObject& result)
{
    const QJsonArray content = result.value(QLatin1String("content")).toArray();
    if (content.size() != 1)
        return QStringLiteral("<%1 content items>").arg(content.size());
    const QJsonObject item = content.first().toObject();
    if (item.value(QLatin1String("type")).toString() != QLatin1String("text"))
        return QStringLiteral("<not a text item>");
    return item.value(QLatin1String("text")).toString();
}

bool hasControlCharacters(const QString& text)
{
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != QLatin1Char('\n') && c != QLatin1Char('\t'))
            return true;
    }
    return false;
}

} // namespace

class tst_ToolResultMapper : public QObject
{
    Q_OBJECT

private slots:
    void success_data();
    void success();
    void httpErrors_data();
    void httpErrors();
    void errorExcerptIsCapped_data();
    void errorExcerptIsCapped();
    void failures_data();
    void failures();
    void toolError();
};

void tst_ToolResultMapper::success_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QJsonValue>("structured"); // Undefined: no structuredContent

    const QJsonValue none(QJsonValue::Undefined);
    const QByteArray object = R"({"city":"Lisbon","days":[{"high":21}]})";
    QTest::newRow("200 JSON object") << 200 << QByteArray("application/json") << object << QString::fromUtf8(object)
                                     << QJsonValue(QJsonDocument::fromJson(object).object());
    QTest::newRow("200 JSON object, charset")
        << 200 << QByteArray("application/json; charset=utf-8") << object << QString::fromUtf8(object)
        << QJsonValue(QJsonDocument::fromJson(object).object());
    QTest::newRow("201 problem+json object")
        << 201 << QByteArray("application/problem+json") << QByteArray(R"({"id":4})") << QStringLiteral(R"({"id":4})")
        << QJsonValue(QJsonObject{{QStringLiteral("id"), 4}});
    QTest::newRow("200 JSON object, no content type")
        << 200 << QByteArray() << QByteArray(R"({"a":true})") << QStringLiteral(R"({"a":true})")
        << QJsonValue(QJsonObject{{QStringLiteral("a"), true}});
    QTest::newRow("200 JSON array") << 200 << QByteArray("application/json") << QByteArray(R"([1,2,3])")
                                    << QStringLiteral("[1,2,3]") << none;
    QTest::newRow("200 JSON scalar") << 200 << QByteArray("application/json") << QByteArray("42")
                                     << QStringLiteral("42") << none;
    QTest::newRow("200 invalid JSON") << 200 << QByteArray("application/json") << QByteArray(R"({"a":)")
                                      << QStringLiteral(R"({"a":)") << none;
    QTest::newRow("200 text/plain that looks like JSON")
        << 200 << QByteArray("text/plain") << QByteArray(R"({"a":1})") << QStringLiteral(R"({"a":1})") << none;
    QTest::newRow("200 UTF-8 text") << 200 << QByteArray("text/plain; charset=utf-8") << QByteArray("Z\xc3\xbcrich")
                                    << QStringLiteral("Z\u00fcrich") << none;
    QTest::newRow("204 no content") << 204 << QByteArray() << QByteArray() << QStringLiteral("HTTP 204 (no content)")
                                    << none;
    QTest::newRow("200 binary") << 200 << QByteArray("image/png") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)
                                << QStringLiteral("HTTP 200: binary response of 16 bytes (image/png)") << none;
    QTest::newRow("200 octet-stream") << 200 << QByteArray("application/octet-stream") << QByteArray(1000, '\xff')
                                      << QStringLiteral(
                                             "HTTP 200: binary response of 1000 bytes (application/octet-stream)")
                                      << none;
}

void tst_ToolResultMapper::success()
{
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    QFETCH(QJsonValue, structured);
    const QJsonObject r = ToolResultMapper::map(answered(status, contentType, body), kService, kTimeoutMs, kMaxBytes);
    QCOMPARE(textOf(r), text);
    QVERIFY(!r.contains(QLatin1String("isError")));
    QCOMPARE(r.value(QLatin1String("structuredContent")), structured);
    // Nothing else in the result.
    QStringList keys = r.keys();
    keys.removeAll(QStringLiteral("structuredContent"));
    QCOMPARE(keys, QStringList{QStringLiteral("content")});
}

void tst_ToolResultMapper::httpErrors_data()
{
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("text");

    QTest::newRow("404 with JSON body")
        << 404 << QByteArray("Not Found") << QByteArray("application/problem+json")
        << QByteArray(R"({"status":404,"title":"No item with id 9"})")
        << QStringLiteral(R"(Backend answered HTTP 404 Not Found: {"status":404,"title":"No item with id 9"})");
    QTest::newRow("404 without reason") << 404 << QByteArray() << QByteArray("text/plain") << QByteArray("gone")
                                        << QStringLiteral("Backend answered HTTP 404: gone");
    QTest::newRow("500 without body") << 500 << QByteArray("Internal Server Error") << QByteArray() << QByteArray()
                                      << QStringLiteral("Backend answered HTTP 500 Internal Server Error");
    QTest::newRow("503 binary body not echoed")
        << 503 << QByteArray("Service Unavailable") << QByteArray("application/octet-stream")
        << QByteArray("\x01\x02secret\x03", 9)
        << QStringLiteral("Backend answered HTTP 503 Service Unavailable: (9 bytes of application/octet-stream)");
    QTest::newRow("control characters stripped")
        << 502 << QByteArray("Bad Gateway") << QByteArray("text/plain")
        << QByteArray("line1\n\x1b[31mred\x1b[0m\ttab\r\x07\x7f\x01"
                      "end")
        << QStringLiteral("Backend answered HTTP 502 Bad Gateway: line1\n [31mred [0m\ttab    end");
    QTest::newRow("302 not followed") << 302 << QByteArray("Found") << QByteArray("text/html")
                                      << QByteArray("<a>moved</a>")
                                      << QStringLiteral("Backend answered HTTP 302 Found: <a>moved</a>");
    QTest::newRow("199 is no success") << 199 << QByteArray() << QByteArray() << QByteArray()
                                       << QStringLiteral("Backend answered HTTP 199");
}

void tst_ToolResultMapper::httpErrors()
{
    QFETCH(int, status);
    QFETCH(QByteArray, reason);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, body);
    QFETCH(QString, text);
    const QJsonObject r
        = ToolResultMapper::map(answered(status, contentType, body, reason), kService, kTimeoutMs, kMaxBytes);
    QCOMPARE(r.value(QLatin1String("isError")), QJsonValue(true));
    QCOMPARE(textOf(r), text);
    QVERIFY(!r.contains(QLatin1String("structuredContent")));
    QVERIFY(!hasControlCharacters(textOf(r)));
}

void tst_ToolResultMapper::errorExcerptIsCapped_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QByteArray>("contentType");
    QTest::newRow("5000 ASCII bytes") << QByteArray(5000, 'x') << QByteArray("text/plain");
    QTest::newRow("1 MiB JSON") << QByteArray(R"({"trace":")") + QByteArray(1024 * 1024, 'y') + "\"}"
                                << QByteArray("application/json");
    // A multi-byte character straddles the cut at byte 2048: no half character (U+FFFD) remains.
    QTest::newRow("cut inside UTF-8") << QByteArray(2047, 'a') + QByteArray("\xc3\xa9\xc3\xa9\xc3\xa9")
                                      << QByteArray("text/plain; charset=utf-8");
    QTest::newRow("control characters beyond the cut")
        << QByteArray(2040, ' ') + QByteArray(3000, '\x1b') << QByteArray("text/plain");
}

void tst_ToolResultMapper::errorExcerptIsCapped()
{
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    const QJsonObject r = ToolResultMapper::map(answered(500, contentType, body, "Internal Server Error"), kService,
                                                kTimeoutMs, kMaxBytes);
    QCOMPARE(r.value(QLatin1String("isError")), QJsonValue(true));
    const QString text = textOf(r);
    const QString prefix = QStringLiteral("Backend answered HTTP 500 Internal Server Error: ");
    const QString suffix = QStringLiteral("\u2026 (%1 bytes in all)").arg(body.size());
    QVERIFY2(text.startsWith(prefix), qPrintable(text.left(200)));
    QVERIFY2(text.endsWith(suffix), qPrintable(text.right(200)));
    const QString excerpt = text.mid(prefix.size(), text.size() - prefix.size() - suffix.size());
    QVERIFY2(excerpt.toUtf8().size() <= ToolResultMapper::MaxErrorBodyBytes,
             qPrintable(QStringLiteral("excerpt of %1 bytes").arg(excerpt.toUtf8().size())));
    QVERIFY(excerpt.toUtf8().size() >= ToolResultMapper::MaxErrorBodyBytes - 4);
    QVERIFY(!excerpt.contains(QChar::ReplacementCharacter));
    QVERIFY(!hasControlCharacters(text));
}

void tst_ToolResultMapper::failures_data()
{
    QTest::addColumn<Outcome>("outcome");
    QTest::addColumn<QString>("errorClass");
    QTest::addColumn<QString>("text");
    QTest::newRow("unreachable") << Outcome::Unreachable << QStringLiteral("ConnectionRefused")
                                 << QStringLiteral(
                                        "Backend of service 'inventory' is unreachable (ConnectionRefused).");
    QTest::newRow("host not found") << Outcome::Unreachable << QStringLiteral("HostNotFound")
                                    << QStringLiteral("Backend of service 'inventory' is unreachable (HostNotFound).");
    QTest::newRow("timeout") << Outcome::TimedOut << QStringLiteral("Timeout")
                             << QStringLiteral("Backend of service 'inventory' did not answer within 1500 ms.");
    QTest::newRow("too large") << Outcome::TooLarge << QStringLiteral("ResponseTooLarge")
                               << QStringLiteral(
                                      "Backend response of service 'inventory' exceeded the 4096-byte limit.");
    QTest::newRow("tls") << Outcome::TlsError << QStringLiteral("SslHandshakeFailed")
                         << QStringLiteral("TLS with the backend of service 'inventory' failed (SslHandshakeFailed).");
    QTest::newRow("aborted") << Outcome::Aborted << QStringLiteral("Aborted")
                             << QStringLiteral("The call to the backend of service 'inventory' was cancelled.");
}

void tst_ToolResultMapper::failures()
{
    QFETCH(Outcome, outcome);
    QFETCH(QString, errorClass);
    QFETCH(QString, text);
    BackendResult r;
    r.outcome = outcome;
    r.errorClass = errorClass;
    // Whatever partial data a failed transfer carried is never echoed.
    r.status = outcome == Outcome::TooLarge ? 200 : 0;
    r.body = "CANARY-partial-body";
    r.contentType = "application/json";
    const QJsonObject mapped = ToolResultMapper::map(r, kService, kTimeoutMs, kMaxBytes);
    QCOMPARE(mapped.value(QLatin1String("isError")), QJsonValue(true));
    QCOMPARE(textOf(mapped), text);
    QVERIFY(!mapped.contains(QLatin1String("structuredContent")));
    QVERIFY(!QJsonDocument(mapped).toJson().contains("CANARY"));
}

void tst_ToolResultMapper::toolError()
{
    const QJsonObject e
        = ToolResultMapper::toolError(QStringLiteral("Invalid arguments for tool 'x': arguments.city: required"));
    QCOMPARE(
        QJsonDocument(e).toJson(QJsonDocument::Compact),
        QByteArray(
            R"({"content":[{"text":"Invalid arguments for tool 'x': arguments.city: required","type":"text"}],"isError":true})"));
}

QTEST_GUILESS_MAIN(tst_ToolResultMapper)
#include "tst_toolresultmapper.moc"
