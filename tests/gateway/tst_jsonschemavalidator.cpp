// SPDX-License-Identifier: GPL-3.0-or-later
#include "openapi/JsonSchemaValidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Gateway;

namespace {

QJsonObject object(const QByteArray& json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test JSON does not parse: %s", json.constData());
    return document.object();
}

// Any JSON value, scalars included.
QJsonValue value(const QByteArray& json)
{
    return QJsonDocument::fromJson("[" + json + "]").array().at(0);
}

} // namespace

class TestJsonSchemaValidator : public QObject
{
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void errorCountIsCapped();
    void depthIsCapped();
    void customRootPath();
    void uniqueItemsEquality_data();
    void uniqueItemsEquality();
    void uniqueItemsIsLinear();
    void workIsBounded();
};

void TestJsonSchemaValidator::validate_data()
{
    QTest::addColumn<QByteArray>("schema");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QStringList>("errors");

    const QByteArray pet = R"({"type":"object","required":["name","petId"],"properties":{
        "petId":{"type":"integer"},"name":{"type":"string","minLength":1,"maxLength":5},
        "status":{"enum":["available","sold"]},"tags":{"type":"array","items":{"type":"string"}}}})";

    QTest::newRow("valid object") << pet << QByteArray(R"({"petId":1,"name":"Rex","extra":true})") << QStringList();
    QTest::newRow("integer given as 1.0") << pet << QByteArray(R"({"petId":1.0,"name":"Rex"})") << QStringList();
    QTest::newRow("wrong type, no value in message")
        << pet << QByteArray(R"({"petId":"7","name":"Rex"})")
        << QStringList({QStringLiteral("arguments.petId: expected integer, got string")});
    QTest::newRow("fraction is not an integer")
        << pet << QByteArray(R"({"petId":1.5,"name":"Rex"})")
        << QStringList({QStringLiteral("arguments.petId: expected integer, got number")});
    QTest::newRow("missing required") << pet << QByteArray(R"({"petId":1})")
                                      << QStringList({QStringLiteral("arguments: missing required property 'name'")});
    QTest::newRow("enum") << pet << QByteArray(R"({"petId":1,"name":"Rex","status":"lost"})")
                          << QStringList({QStringLiteral("arguments.status: value is not one of the allowed values")});
    QTest::newRow("array items with index")
        << pet << QByteArray(R"({"petId":1,"name":"Rex","tags":["a",2,"c",false]})")
        << QStringList({QStringLiteral("arguments.tags[1]: expected string, got number"),
                        QStringLiteral("arguments.tags[3]: expected string, got boolean")});
    QTest::newRow("several errors") << pet << QByteArray(R"({"name":"toolongname","petId":null})")
                                    << QStringList({QStringLiteral("arguments.name: expected at most 5 characters"),
                                                    QStringLiteral("arguments.petId: expected integer, got null")});
    QTest::newRow("top level not an object")
        << pet << QByteArray(R"([1])") << QStringList({QStringLiteral("arguments: expected object, got array")});

    QTest::newRow("type list") << QByteArray(R"({"type":["string","null"]})") << QByteArray("null") << QStringList();
    QTest::newRow("type list mismatch") << QByteArray(R"({"type":["string","null"]})") << QByteArray("3")
                                        << QStringList(
                                               {QStringLiteral("arguments: expected string or null, got number")});
    QTest::newRow("3.0 nullable") << QByteArray(R"({"type":"string","nullable":true})") << QByteArray("null")
                                  << QStringList();
    QTest::newRow("not nullable") << QByteArray(R"({"type":"string"})") << QByteArray("null")
                                  << QStringList({QStringLiteral("arguments: expected string, got null")});
    QTest::newRow("unknown type constrains nothing")
        << QByteArray(R"({"type":"file"})") << QByteArray("3") << QStringList();
    QTest::newRow("enum with numbers compares values")
        << QByteArray(R"({"enum":[1,2.5,{"a":[1]}]})") << QByteArray(R"({"a":[1.0]})") << QStringList();
    QTest::newRow("const") << QByteArray(R"({"const":"manual"})") << QByteArray(R"("auto")")
                           << QStringList({QStringLiteral("arguments: value does not equal the required constant")});

    QTest::newRow("string length in code points")
        << QByteArray(R"({"type":"string","maxLength":2})") << QByteArray(R"("😀😀")") << QStringList();
    QTest::newRow("minLength") << QByteArray(R"({"type":"string","minLength":3})") << QByteArray(R"("ab")")
                               << QStringList({QStringLiteral("arguments: expected at least 3 characters")});
    QTest::newRow("pattern is a search") << QByteArray(R"({"type":"string","pattern":"[0-9]{3}"})")
                                         << QByteArray(R"("ab123cd")") << QStringList();
    QTest::newRow("pattern mismatch") << QByteArray(R"({"type":"string","pattern":"^[A-Z]{4}$"})")
                                      << QByteArray(R"("ABCDE")")
                                      << QStringList(
                                             {QStringLiteral("arguments: does not match the required pattern")});
    QTest::newRow("invalid pattern ignored")
        << QByteArray(R"({"type":"string","pattern":"(["})") << QByteArray(R"("x")") << QStringList();

    QTest::newRow("minimum/maximum") << QByteArray(R"({"type":"number","minimum":1,"maximum":10})") << QByteArray("11")
                                     << QStringList({QStringLiteral("arguments: must be less than or equal to 10")});
    QTest::newRow("minimum") << QByteArray(R"({"type":"number","minimum":1.5})") << QByteArray("1")
                             << QStringList({QStringLiteral("arguments: must be greater than or equal to 1.5")});
    QTest::newRow("2020-12 exclusiveMinimum")
        << QByteArray(R"({"type":"number","exclusiveMinimum":0})") << QByteArray("0")
        << QStringList({QStringLiteral("arguments: must be greater than 0")});
    QTest::newRow("3.0 exclusiveMaximum")
        << QByteArray(R"({"type":"number","maximum":5,"exclusiveMaximum":true})") << QByteArray("5")
        << QStringList({QStringLiteral("arguments: must be less than 5")});
    QTest::newRow("multipleOf") << QByteArray(R"({"type":"number","multipleOf":0.01})") << QByteArray("0.07")
                                << QStringList();
    QTest::newRow("not a multiple") << QByteArray(R"({"type":"integer","multipleOf":5})") << QByteArray("12")
                                    << QStringList({QStringLiteral("arguments: must be a multiple of 5")});

    QTest::newRow("array size and uniqueness")
        << QByteArray(R"({"type":"array","minItems":4,"uniqueItems":true})") << QByteArray(R"([1,{"a":1},{"a":1.0}])")
        << QStringList({QStringLiteral("arguments: expected at least 4 items"),
                        QStringLiteral("arguments: items must be unique")});
    QTest::newRow("maxItems") << QByteArray(R"({"type":"array","maxItems":1})") << QByteArray("[1,2]")
                              << QStringList({QStringLiteral("arguments: expected at most 1 items")});
    QTest::newRow("prefixItems then items")
        << QByteArray(R"({"prefixItems":[{"type":"string"}],"items":{"type":"integer"}})") << QByteArray(R"([1,2,"x"])")
        << QStringList({QStringLiteral("arguments[0]: expected string, got number"),
                        QStringLiteral("arguments[2]: expected integer, got string")});

    QTest::newRow("additionalProperties false")
        << QByteArray(R"({"properties":{"a":{}},"additionalProperties":false})") << QByteArray(R"({"a":1,"b":2})")
        << QStringList({QStringLiteral("arguments: property 'b' is not allowed")});
    QTest::newRow("additionalProperties schema")
        << QByteArray(R"({"additionalProperties":{"type":"integer"}})") << QByteArray(R"({"a":1,"b":"x"})")
        << QStringList({QStringLiteral("arguments.b: expected integer, got string")});
    QTest::newRow("patternProperties are not additional")
        << QByteArray(R"({"patternProperties":{"^x-":{"type":"string"}},"additionalProperties":false})")
        << QByteArray(R"({"x-a":"ok","x-b":1})")
        << QStringList({QStringLiteral("arguments.x-b: expected string, got number")});
    QTest::newRow("min/maxProperties") << QByteArray(R"({"minProperties":2,"maxProperties":2})")
                                       << QByteArray(R"({"a":1})")
                                       << QStringList({QStringLiteral("arguments: expected at least 2 properties")});
    QTest::newRow("nested path")
        << QByteArray(R"({"properties":{"items":{"items":{"properties":{"name":{"type":"string"}}}}}})")
        << QByteArray(R"({"items":[{"name":"a"},{"name":"b"},{"name":3}]})")
        << QStringList({QStringLiteral("arguments.items[2].name: expected string, got number")});

    QTest::newRow("allOf") << QByteArray(R"({"allOf":[{"required":["a"]},{"required":["b"]}]})")
                           << QByteArray(R"({"a":1})")
                           << QStringList({QStringLiteral("arguments: missing required property 'b'")});
    QTest::newRow("anyOf match") << QByteArray(R"({"anyOf":[{"type":"string"},{"type":"integer"}]})") << QByteArray("3")
                                 << QStringList();
    QTest::newRow("anyOf no match") << QByteArray(R"({"anyOf":[{"type":"string"},{"type":"integer"}]})")
                                    << QByteArray("true")
                                    << QStringList({QStringLiteral(
                                           "arguments: value does not match any of the allowed schemas")});
    QTest::newRow("oneOf exactly one") << QByteArray(R"({"oneOf":[{"type":"string"},{"type":"integer"}]})")
                                       << QByteArray(R"("x")") << QStringList();
    QTest::newRow("oneOf two match") << QByteArray(R"({"oneOf":[{"type":"number"},{"type":"integer"}]})")
                                     << QByteArray("3")
                                     << QStringList({QStringLiteral(
                                            "arguments: value matches more than one of the exclusive schemas")});
    QTest::newRow("oneOf none") << QByteArray(R"({"oneOf":[{"type":"string"},{"type":"integer"}]})") << QByteArray("[]")
                                << QStringList(
                                       {QStringLiteral("arguments: value does not match any of the allowed schemas")});
    QTest::newRow("not") << QByteArray(R"({"not":{"type":"null"}})") << QByteArray("null")
                         << QStringList({QStringLiteral("arguments: value must not match the excluded schema")});
    QTest::newRow("if/then") << QByteArray(
        R"({"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}})")
                             << QByteArray(R"({"kind":"card"})")
                             << QStringList({QStringLiteral("arguments: missing required property 'number'")});
    QTest::newRow("if/else") << QByteArray(
        R"({"if":{"properties":{"kind":{"const":"card"}}},"then":{"required":["number"]},"else":{"required":["iban"]}})")
                             << QByteArray(R"({"kind":"bank"})")
                             << QStringList({QStringLiteral("arguments: missing required property 'iban'")});
    QTest::newRow("dependentRequired") << QByteArray(R"({"dependentRequired":{"from":["to"]}})")
                                       << QByteArray(R"({"from":1})")
                                       << QStringList({QStringLiteral(
                                              "arguments: missing property 'to', required when 'from' is present")});
    QTest::newRow("boolean subschemas") << QByteArray(R"({"properties":{"yes":true,"no":false}})")
                                        << QByteArray(R"({"yes":1,"no":2})")
                                        << QStringList({QStringLiteral("arguments.no: no value is allowed here")});
    QTest::newRow("format and unknown keywords ignored")
        << QByteArray(R"({"type":"string","format":"email","x-foo":1,"unevaluatedItems":false})")
        << QByteArray(R"("not an email")") << QStringList();
    QTest::newRow("empty schema accepts anything")
        << QByteArray("{}") << QByteArray(R"({"a":[1,{}]})") << QStringList();
}

void TestJsonSchemaValidator::validate()
{
    QFETCH(QByteArray, schema);
    QFETCH(QByteArray, value);
    QFETCH(QStringList, errors);
    const JsonSchemaValidator::Result result = JsonSchemaValidator::validate(object(schema), ::value(value));
    QCOMPARE(result.errors, errors);
    QCOMPARE(result.valid, errors.isEmpty());
}

void TestJsonSchemaValidator::errorCountIsCapped()
{
    QJsonArray values;
    for (int i = 0; i < 100; ++i)
        values.append(i);
    const JsonSchemaValidator::Result result
        = JsonSchemaValidator::validate(object(R"({"type":"array","items":{"type":"string"}})"), values);
    QVERIFY(!result.valid);
    QCOMPARE(result.errors.size(), 20);
    QCOMPARE(result.errors.first(), QStringLiteral("arguments[0]: expected string, got number"));
    QCOMPARE(result.errors.last(), QStringLiteral("arguments[19]: expected string, got number"));
}

void TestJsonSchemaValidator::depthIsCapped()
{
    // A schema and value 100 levels deep: validation stops at depth 64 with one error.
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("string")}};
    QJsonValue nested = QStringLiteral("leaf");
    for (int i = 0; i < 100; ++i) {
        schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), schema}};
        nested = QJsonArray{nested};
    }
    const JsonSchemaValidator::Result result = JsonSchemaValidator::validate(schema, nested);
    QVERIFY(!result.valid);
    QCOMPARE(result.errors.size(), 1);
    QCOMPARE(result.errors.first(),
             QStringLiteral("arguments") + QStringLiteral("[0]").repeated(65)
                 + QStringLiteral(": value nested too deeply to validate"));
}

void TestJsonSchemaValidator::customRootPath()
{
    const JsonSchemaValidator::Result result
        = JsonSchemaValidator::validate(object(R"({"required":["q"]})"), QJsonObject(), QStringLiteral("params"));
    QCOMPARE(result.errors, QStringList({QStringLiteral("params: missing required property 'q'")}));
}

void TestJsonSchemaValidator::uniqueItemsEquality_data()
{
    QTest::addColumn<QByteArray>("items");
    QTest::addColumn<bool>("unique");
    QTest::newRow("1 and 1.0") << QByteArray("[1,2,1.0]") << false;
    QTest::newRow("0 and -0") << QByteArray("[0,-0]") << false;
    QTest::newRow("member order ignored")
        << QByteArray(R"([{"a":1,"b":[1,{"c":null}]},{"b":[1,{"c":null}],"a":1}])") << false;
    QTest::newRow("array order matters") << QByteArray("[[1,2],[2,1]]") << true;
    QTest::newRow("string vs number") << QByteArray(R"(["1",1])") << true;
    QTest::newRow("true vs 1") << QByteArray("[true,1]") << true;
    QTest::newRow("null vs empty string") << QByteArray(R"([null,""])") << true;
    QTest::newRow("strings that a naive join would confuse") << QByteArray(R"(["a:1","a",":1"])") << true;
    QTest::newRow("keys that a naive join would confuse") << QByteArray(R"([{"ab":"c"},{"a":"bc"}])") << true;
    QTest::newRow("nested duplicate far apart") << QByteArray(R"([{"x":[1]},2,3,4,5,{"x":[1.0]}])") << false;
    QTest::newRow("unicode strings") << QByteArray(R"(["é","é","é"])") << false;
    QTest::newRow("precise doubles differ") << QByteArray("[0.1,0.30000000000000004,0.3]") << true;
}

void TestJsonSchemaValidator::uniqueItemsEquality()
{
    QFETCH(QByteArray, items);
    QFETCH(bool, unique);
    const auto result = JsonSchemaValidator::validate(object(R"({"type":"array","uniqueItems":true})"), value(items));
    QCOMPARE(result.valid, unique);
    if (!unique)
        QCOMPARE(result.errors, QStringList({QStringLiteral("arguments: items must be unique")}));
}

void TestJsonSchemaValidator::uniqueItemsIsLinear()
{
    // 300,000 distinct items: pairwise comparison took over 30 s on the gateway thread.
    QJsonArray items;
    for (int i = 0; i < 300000; ++i)
        items.append(i);
    const QJsonObject schema = object(R"({"type":"array","uniqueItems":true,"items":{"type":"integer"}})");
    QElapsedTimer timer;
    timer.start();
    auto result = JsonSchemaValidator::validate(schema, items);
    QVERIFY2(result.valid, qPrintable(result.errors.join(QLatin1Char('\n'))));
    // The duplicate is the very last item: every item is looked at once. (Pairwise comparison of
    // these 300,001 items takes minutes; one hash lookup per item, about a second.)
    items.append(0);
    result = JsonSchemaValidator::validate(schema, items);
    QCOMPARE(result.errors, QStringList({QStringLiteral("arguments: items must be unique")}));
    // The budget is what bounds the work; the time bound only catches a budget that stopped
    // counting. Sanitizer builds run this code several times slower.
#if defined(__SANITIZE_ADDRESS__)
    constexpr qint64 kBoundMs = 120000;
#else
    constexpr qint64 kBoundMs = 20000;
#endif
    QVERIFY2(timer.elapsed() < kBoundMs, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));
}

void TestJsonSchemaValidator::workIsBounded()
{
    // anyOf nested 40 levels, every branch failing late: 2^40 schema applications unbounded.
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("string")}};
    QJsonValue nested = 1;
    for (int i = 0; i < 40; ++i) {
        const QJsonObject level{{QStringLiteral("type"), QStringLiteral("array")}, {QStringLiteral("items"), schema}};
        schema = QJsonObject{{QStringLiteral("anyOf"), QJsonArray{level, level}}};
        nested = QJsonArray{nested};
    }
    QElapsedTimer timer;
    timer.start();
    const auto result = JsonSchemaValidator::validate(schema, nested);
    QVERIFY(!result.valid);
    QCOMPARE(result.errors,
             QStringList({QStringLiteral("arguments: value too large or too complex to validate (more than 1000000 "
                                         "checks)")}));
    // The budget is what bounds the work; the time bound only catches a budget that stopped
    // counting. Sanitizer builds run this code several times slower.
#if defined(__SANITIZE_ADDRESS__)
    constexpr qint64 kBoundMs = 120000;
#else
    constexpr qint64 kBoundMs = 20000;
#endif
    QVERIFY2(timer.elapsed() < kBoundMs, qPrintable(QStringLiteral("took %1 ms").arg(timer.elapsed())));

    // A large but simple value within the budget is still checked normally.
    QJsonArray many;
    for (int i = 0; i < 100000; ++i)
        many.append(QStringLiteral("v%1").arg(i));
    QVERIFY(JsonSchemaValidator::validate(object(R"({"items":{"type":"string"}})"), many).valid);
}

QTEST_GUILESS_MAIN(TestJsonSchemaValidator)
#include "tst_jsonschemavalidator.moc"
