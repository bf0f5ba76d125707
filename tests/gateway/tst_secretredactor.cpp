// SPDX-License-Identifier: GPL-3.0-or-later
// Echoed-secret redaction on decoded text: raw, JSON-escaped (\/ \" \\ \uXXXX, surrogate pairs)
// and mixed forms of every needle a sent credential yields, and what must stay untouched.
#include "backend/SecretRedactor.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using Gateway::SecretRedactor;

class tst_SecretRedactor : public QObject
{
    Q_OBJECT

private slots:
    void redact_data();
    void redact();
    void needlesFromHeaders();
    void jsonStaysJson();
};

void tst_SecretRedactor::redact_data()
{
    QTest::addColumn<QByteArray>("secret");
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("raw") << QByteArray("s3cr/t") << QByteArray("a s3cr/t b") << QByteArray("a [redacted] b");
    QTest::newRow("PHP \\/ escaping") << QByteArray("s3cr/t") << QByteArray(R"({"e":"s3cr\/t"})")
                                      << QByteArray(R"({"e":"[redacted]"})");
    QTest::newRow("\\u escapes") << QByteArray("s3cr/t") << QByteArray(R"({"e":"\u0073\u0033cr\u002ft"})")
                                 << QByteArray(R"({"e":"[redacted]"})");
    QTest::newRow("escaped quote and backslash")
        << QByteArray(R"(a"b\c)") << QByteArray(R"({"e":"a\"b\\c!"})") << QByteArray(R"({"e":"[redacted]!"})");
    QTest::newRow("non-ASCII as \\u") << QByteArray("pässwörd") << QByteArray(R"(["p\u00e4ssw\u00f6rd"])")
                                      << QByteArray(R"(["[redacted]"])");
    QTest::newRow("surrogate pair") << QByteArray("key\xF0\x9F\x94\x91") << QByteArray(R"("key\ud83d\udd11")")
                                    << QByteArray(R"("[redacted]")");
    QTest::newRow("twice, overlapping escapes")
        << QByteArray("abcd") << QByteArray(R"(abcd \u0061bcd)") << QByteArray("[redacted] [redacted]");
    QTest::newRow("not there") << QByteArray("abcd") << QByteArray(R"(ab\/cd abc)") << QByteArray(R"(ab\/cd abc)");
    QTest::newRow("lone backslash at the end")
        << QByteArray("abcd") << QByteArray("abcd\\") << QByteArray("[redacted]\\");
    QTest::newRow("bad \\u kept") << QByteArray("abcd") << QByteArray(R"(\uZZZZ abcd)")
                                  << QByteArray(R"(\uZZZZ [redacted])");
    QTest::newRow("short secrets are not needles") << QByteArray("abc") << QByteArray("abc") << QByteArray("abc");
}

void tst_SecretRedactor::redact()
{
    QFETCH(QByteArray, secret);
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    SecretRedactor redactor;
    redactor.addSecret(secret);
    QByteArray out = text;
    const bool replaced = redactor.redact(out);
    QCOMPARE(out, expected);
    QCOMPARE(replaced, expected != text);
}

void tst_SecretRedactor::needlesFromHeaders()
{
    const QByteArray basic = "Basic " + QByteArray("alice:pa55/word").toBase64();
    SecretRedactor redactor({{"Authorization", basic}, {"X-Api-Key", "k3y-0123"}});
    QVERIFY(redactor.needles().contains(basic));
    QVERIFY(redactor.needles().contains(QByteArray("alice:pa55/word").toBase64()));
    QVERIFY(redactor.needles().contains("alice:pa55/word"));
    QVERIFY(redactor.needles().contains("pa55/word"));
    QVERIFY(redactor.needles().contains("k3y-0123"));
    QByteArray text = R"({"seen":"pa55\/word","key":"k3y-0123"})";
    QVERIFY(redactor.redact(text));
    QVERIFY(!text.contains("pa55"));
    QVERIFY(!text.contains("k3y"));
}

void tst_SecretRedactor::jsonStaysJson()
{
    SecretRedactor redactor;
    redactor.addSecret("s3cr/t");
    QByteArray json = R"({"a":"x s3cr\/t y","b":["\u0073\u0033cr/t"],"c":1})";
    QVERIFY(redactor.redact(json));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(doc.object().value(QLatin1String("a")).toString(), QStringLiteral("x [redacted] y"));
}

QTEST_APPLESS_MAIN(tst_SecretRedactor)
#include "tst_secretredactor.moc"
