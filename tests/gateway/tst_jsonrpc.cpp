// SPDX-License-Identifier: GPL-3.0-or-later
// JSON-RPC 2.0 envelope: classification of incoming messages and the shape of error responses.
#include "mcp/JsonRpc.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

using namespace Gateway;
using JsonRpc::MessageKind;

Q_DECLARE_METATYPE(Gateway::JsonRpc::MessageKind)

namespace {

QJsonValue parse(const QByteArray& json)
{
    const QJsonDocument doc = QJsonDocument::fromJson("[" + json + "]");
    return doc.array().at(0);
}

} // namespace

class tst_JsonRpc : public QObject
{
    Q_OBJECT

private slots:
    void classify_data();
    void classify();
    void error_data();
    void error();
    void result();
    void serializeIsCompact();
};

void tst_JsonRpc::classify_data()
{
    QTest::addColumn<QByteArray>("message");
    QTest::addColumn<MessageKind>("kind");
    QTest::addColumn<QJsonValue>("id"); // Undefined: no usable id
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("reason");

    const QJsonValue none = QJsonValue(QJsonValue::Undefined);
    const QString notJsonRpc = QStringLiteral("jsonrpc must be \"2.0\"");
    const QString badId = QStringLiteral("id must be a string or an integer");
    const QString badParams = QStringLiteral("params must be an object");
    const QString badMethod = QStringLiteral("method must be a non-empty string");

    // Requests.
    QTest::newRow("request int id") << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})")
                                    << MessageKind::Request << QJsonValue(1) << QStringLiteral("tools/list")
                                    << QString();
    QTest::newRow("request string id") << QByteArray(R"({"jsonrpc":"2.0","id":"a-1","method":"ping","params":{}})")
                                       << MessageKind::Request << QJsonValue(QStringLiteral("a-1"))
                                       << QStringLiteral("ping") << QString();
    QTest::newRow("request id 0") << QByteArray(R"({"jsonrpc":"2.0","id":0,"method":"ping"})") << MessageKind::Request
                                  << QJsonValue(0) << QStringLiteral("ping") << QString();
    QTest::newRow("request negative id") << QByteArray(R"({"jsonrpc":"2.0","id":-7,"method":"ping"})")
                                         << MessageKind::Request << QJsonValue(-7) << QStringLiteral("ping")
                                         << QString();
    QTest::newRow("request empty string id")
        << QByteArray(R"({"jsonrpc":"2.0","id":"","method":"ping"})") << MessageKind::Request << QJsonValue(QString())
        << QStringLiteral("ping") << QString();
    // Notifications.
    QTest::newRow("notification") << QByteArray(R"({"jsonrpc":"2.0","method":"notifications/initialized"})")
                                  << MessageKind::Notification << none << QStringLiteral("notifications/initialized")
                                  << QString();
    QTest::newRow("notification with params")
        << QByteArray(R"({"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":3}})")
        << MessageKind::Notification << none << QStringLiteral("notifications/cancelled") << QString();
    // Responses.
    QTest::newRow("result response") << QByteArray(R"({"jsonrpc":"2.0","id":5,"result":{}})") << MessageKind::Response
                                     << QJsonValue(5) << QString() << QString();
    QTest::newRow("error response") << QByteArray(R"({"jsonrpc":"2.0","id":"x","error":{"code":-1,"message":"m"}})")
                                    << MessageKind::Response << QJsonValue(QStringLiteral("x")) << QString()
                                    << QString();

    // Invalid: envelope.
    QTest::newRow("not an object") << QByteArray("[1]") << MessageKind::Invalid << none << QString()
                                   << QStringLiteral("message is not a JSON object");
    QTest::newRow("string") << QByteArray("\"ping\"") << MessageKind::Invalid << none << QString()
                            << QStringLiteral("message is not a JSON object");
    QTest::newRow("jsonrpc missing") << QByteArray(R"({"id":1,"method":"ping"})") << MessageKind::Invalid
                                     << QJsonValue(1) << QString() << notJsonRpc;
    QTest::newRow("jsonrpc 1.0") << QByteArray(R"({"jsonrpc":"1.0","id":1,"method":"ping"})") << MessageKind::Invalid
                                 << QJsonValue(1) << QString() << notJsonRpc;
    QTest::newRow("jsonrpc as number") << QByteArray(R"({"jsonrpc":2.0,"id":2,"method":"ping"})")
                                       << MessageKind::Invalid << QJsonValue(2) << QString() << notJsonRpc;
    QTest::newRow("jsonrpc missing, bad id")
        << QByteArray(R"({"id":true,"method":"ping"})") << MessageKind::Invalid << none << QString() << notJsonRpc;
    // Invalid: id (the method is still reported, for logging).
    QTest::newRow("id null") << QByteArray(R"({"jsonrpc":"2.0","id":null,"method":"ping"})") << MessageKind::Invalid
                             << none << QStringLiteral("ping") << badId;
    QTest::newRow("id bool") << QByteArray(R"({"jsonrpc":"2.0","id":true,"method":"ping"})") << MessageKind::Invalid
                             << none << QStringLiteral("ping") << badId;
    QTest::newRow("id float") << QByteArray(R"({"jsonrpc":"2.0","id":1.5,"method":"ping"})") << MessageKind::Invalid
                              << none << QStringLiteral("ping") << badId;
    QTest::newRow("id object") << QByteArray(R"({"jsonrpc":"2.0","id":{"a":1},"method":"ping"})")
                               << MessageKind::Invalid << none << QStringLiteral("ping") << badId;
    QTest::newRow("id array") << QByteArray(R"({"jsonrpc":"2.0","id":[1],"method":"ping"})") << MessageKind::Invalid
                              << none << QStringLiteral("ping") << badId;
    // Invalid: params (the id is kept so the error can be correlated).
    QTest::newRow("params array") << QByteArray(R"({"jsonrpc":"2.0","id":7,"method":"tools/call","params":[1,2]})")
                                  << MessageKind::Invalid << QJsonValue(7) << QString() << badParams;
    QTest::newRow("params string") << QByteArray(R"({"jsonrpc":"2.0","id":"s","method":"x","params":"a"})")
                                   << MessageKind::Invalid << QJsonValue(QStringLiteral("s")) << QString() << badParams;
    QTest::newRow("params null") << QByteArray(R"({"jsonrpc":"2.0","id":8,"method":"x","params":null})")
                                 << MessageKind::Invalid << QJsonValue(8) << QString() << badParams;
    QTest::newRow("params array, bad id") << QByteArray(R"({"jsonrpc":"2.0","id":1.25,"method":"x","params":[]})")
                                          << MessageKind::Invalid << none << QString() << badParams;
    // Invalid: method.
    QTest::newRow("method empty") << QByteArray(R"({"jsonrpc":"2.0","id":9,"method":""})") << MessageKind::Invalid
                                  << QJsonValue(9) << QString() << badMethod;
    QTest::newRow("method number") << QByteArray(R"({"jsonrpc":"2.0","id":9,"method":42})") << MessageKind::Invalid
                                   << QJsonValue(9) << QString() << badMethod;
    QTest::newRow("method null") << QByteArray(R"({"jsonrpc":"2.0","method":null})") << MessageKind::Invalid << none
                                 << QString() << badMethod;
    QTest::newRow("neither method nor result")
        << QByteArray(R"({"jsonrpc":"2.0","id":3})") << MessageKind::Invalid << QJsonValue(3) << QString()
        << QStringLiteral("not a request, notification or response");
}

void tst_JsonRpc::classify()
{
    QFETCH(QByteArray, message);
    QFETCH(MessageKind, kind);
    QFETCH(QJsonValue, id);
    QFETCH(QString, method);
    QFETCH(QString, reason);

    const QJsonValue value = parse(message);
    QVERIFY2(!value.isUndefined(), "test row is not valid JSON");
    const JsonRpc::Message m = JsonRpc::classify(value);
    QCOMPARE(m.kind, kind);
    QCOMPARE(m.invalidReason, reason);
    if (id.isUndefined()) // no usable id: the message cannot be correlated
        QVERIFY2(!m.id.isString() && !m.id.isDouble(), qPrintable(QJsonDocument(QJsonArray{m.id}).toJson()));
    else
        QCOMPARE(m.id, id);
    QCOMPARE(m.method, method);
    if (kind == MessageKind::Request || kind == MessageKind::Notification)
        QCOMPARE(m.params, value.toObject().value(QLatin1String("params")).toObject());
}

void tst_JsonRpc::error_data()
{
    QTest::addColumn<QJsonValue>("id");
    QTest::addColumn<bool>("omitUnknownId");
    QTest::addColumn<QJsonValue>("data");
    QTest::addColumn<QByteArray>("expected");

    const QJsonValue undefinedValue(QJsonValue::Undefined);
    QTest::newRow("int id") << QJsonValue(4) << false << undefinedValue
                            << QByteArray(R"({"error":{"code":-32601,"message":"m"},"id":4,"jsonrpc":"2.0"})");
    QTest::newRow("int id, omit has no effect")
        << QJsonValue(4) << true << undefinedValue
        << QByteArray(R"({"error":{"code":-32601,"message":"m"},"id":4,"jsonrpc":"2.0"})");
    QTest::newRow("string id") << QJsonValue(QStringLiteral("r1")) << false << undefinedValue
                               << QByteArray(R"({"error":{"code":-32601,"message":"m"},"id":"r1","jsonrpc":"2.0"})");
    QTest::newRow("unknown id -> null") << undefinedValue << false << undefinedValue
                                        << QByteArray(
                                               R"({"error":{"code":-32601,"message":"m"},"id":null,"jsonrpc":"2.0"})");
    QTest::newRow("unknown id omitted") << undefinedValue << true << undefinedValue
                                        << QByteArray(R"({"error":{"code":-32601,"message":"m"},"jsonrpc":"2.0"})");
    QTest::newRow("null id -> null") << QJsonValue(QJsonValue::Null) << false << undefinedValue
                                     << QByteArray(
                                            R"({"error":{"code":-32601,"message":"m"},"id":null,"jsonrpc":"2.0"})");
    QTest::newRow("null id omitted") << QJsonValue(QJsonValue::Null) << true << undefinedValue
                                     << QByteArray(R"({"error":{"code":-32601,"message":"m"},"jsonrpc":"2.0"})");
    QTest::newRow("invalid id (bool) -> null")
        << QJsonValue(true) << false << undefinedValue
        << QByteArray(R"({"error":{"code":-32601,"message":"m"},"id":null,"jsonrpc":"2.0"})");
    QTest::newRow("invalid id (float) omitted")
        << QJsonValue(2.5) << true << undefinedValue
        << QByteArray(R"({"error":{"code":-32601,"message":"m"},"jsonrpc":"2.0"})");
    QTest::newRow("with data")
        << QJsonValue(1) << false << QJsonValue(QJsonObject{{QStringLiteral("k"), 1}})
        << QByteArray(R"({"error":{"code":-32601,"data":{"k":1},"message":"m"},"id":1,"jsonrpc":"2.0"})");
    QTest::newRow("null data dropped") << QJsonValue(1) << false << QJsonValue(QJsonValue::Null)
                                       << QByteArray(
                                              R"({"error":{"code":-32601,"message":"m"},"id":1,"jsonrpc":"2.0"})");
}

void tst_JsonRpc::error()
{
    QFETCH(QJsonValue, id);
    QFETCH(bool, omitUnknownId);
    QFETCH(QJsonValue, data);
    QFETCH(QByteArray, expected);
    const QJsonObject e = JsonRpc::error(id, JsonRpc::MethodNotFound, QStringLiteral("m"), data, omitUnknownId);
    QCOMPARE(JsonRpc::serialize(e), expected);
}

void tst_JsonRpc::result()
{
    const QJsonObject r = JsonRpc::result(QJsonValue(QStringLiteral("abc")), QJsonObject{{QStringLiteral("x"), 1}});
    QCOMPARE(JsonRpc::serialize(r), QByteArray(R"({"id":"abc","jsonrpc":"2.0","result":{"x":1}})"));
    const QJsonObject empty = JsonRpc::result(QJsonValue(0), {});
    QCOMPARE(JsonRpc::serialize(empty), QByteArray(R"({"id":0,"jsonrpc":"2.0","result":{}})"));
}

void tst_JsonRpc::serializeIsCompact()
{
    const QByteArray s = JsonRpc::serialize(JsonRpc::error({}, JsonRpc::ParseError, QStringLiteral("Parse error")));
    QVERIFY(!s.contains('\n'));
    QCOMPARE(QJsonDocument::fromJson(s).object().value(QLatin1String("error"))[QLatin1String("code")].toInt(),
             int(JsonRpc::ParseError));
    QCOMPARE(int(JsonRpc::ParseError), -32700);
    QCOMPARE(int(JsonRpc::InvalidRequest), -32600);
    QCOMPARE(int(JsonRpc::MethodNotFound), -32601);
    QCOMPARE(int(JsonRpc::InvalidParams), -32602);
}

QTEST_GUILESS_MAIN(tst_JsonRpc)
#include "tst_jsonrpc.moc"
