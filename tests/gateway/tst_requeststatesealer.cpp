// SPDX-License-Identifier: GPL-3.0-or-later
// RequestStateSealer: the sealed 2026-07-28 requestState opens only unchanged, for the same
// principal, service, method, tool and arguments, before its expiry, once, while its key is held.
#include "mcp/RequestStateSealer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace Gateway;

namespace {

enum class Change {
    None,
    FlipKeyIdByte,
    FlipNonceByte,
    FlipCipherByte,
    FlipTagByte,
    OtherPrincipal,
    OtherService,
    OtherMethod,
    OtherTool,
    OtherArguments,
    ReorderedArguments,
    ArgumentsAbsentVsEmpty,
    FieldBoundaryShift,
    Expired,
    ExpiresExactlyNow,
    AlmostExpired,
    Replayed,
    RotatedOnce,
    RotatedTwice,
    ClockTwoPeriodsLater,
    ClockWentBackwards,
    OtherSealer,
    Truncated,
    Extended,
    LastCharacterBitsChanged,
    NoPrefix,
    OtherVersionPrefix,
    Padding,
    StandardAlphabet,
    Whitespace,
    NonAscii,
    Empty,
    PrefixOnly,
    Garbage,
    TooShortForHeader,
    OversizedState,
};

const QJsonObject kArguments{{QStringLiteral("repo"), QStringLiteral("acme/api")},
                             {QStringLiteral("title"), QStringLiteral("Login fails")},
                             {QStringLiteral("labels"), QJsonArray{QStringLiteral("bug")}}};

RequestStateBinding binding()
{
    return RequestStateBinding{QStringLiteral("https://as.example|alice"), QStringLiteral("github"),
                               QStringLiteral("tools/call"), QStringLiteral("create_issue"),
                               RequestStateSealer::argumentsDigest(kArguments)};
}

QByteArray rawOf(const QString& state)
{
    return *QByteArray::fromBase64Encoding(state.mid(3).toLatin1(),
                                           QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString stateOf(const QByteArray& raw)
{
    return QStringLiteral("v1.")
        + QString::fromLatin1(raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString flipByte(const QString& state, int index)
{
    QByteArray raw = rawOf(state);
    raw[index] = static_cast<char>(raw.at(index) ^ 0x01);
    return stateOf(raw);
}

} // namespace

Q_DECLARE_METATYPE(Change)

class tst_RequestStateSealer : public QObject
{
    Q_OBJECT

private slots:
    void openState_data();
    void openState();
    void payloadLimits_data();
    void payloadLimits();
    void keysAreFreshPerSealer();
    void statesAreUnlinkable();
    void replayCacheHoldsOnlyLiveIds();
    void replayCacheFullFailsClosed();
    void lifetimeCappedAtRotationPeriod();
    void argumentsDigest_data();
    void argumentsDigest();
};

void tst_RequestStateSealer::openState_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<bool>("opens");
    QTest::addColumn<QString>("reason"); // substring of the logged reason when refused

    const QString auth = QStringLiteral("authentication failed");
    const QString malformed = QStringLiteral("malformed");
    QTest::newRow("round trip") << Change::None << true << QString();
    QTest::newRow("arguments with keys in another order") << Change::ReorderedArguments << true << QString();
    QTest::newRow("one ms before expiry") << Change::AlmostExpired << true << QString();
    QTest::newRow("key rotated once: previous key still opens") << Change::RotatedOnce << true << QString();
    QTest::newRow("tampered key id byte") << Change::FlipKeyIdByte << false << QStringLiteral("rotated-out key");
    QTest::newRow("tampered nonce byte") << Change::FlipNonceByte << false << auth;
    QTest::newRow("tampered ciphertext byte") << Change::FlipCipherByte << false << auth;
    QTest::newRow("tampered tag byte") << Change::FlipTagByte << false << auth;
    QTest::newRow("other principal") << Change::OtherPrincipal << false << auth;
    QTest::newRow("other service") << Change::OtherService << false << auth;
    QTest::newRow("other method") << Change::OtherMethod << false << auth;
    QTest::newRow("other tool") << Change::OtherTool << false << auth;
    QTest::newRow("other arguments") << Change::OtherArguments << false << auth;
    QTest::newRow("absent arguments vs sealed ones") << Change::ArgumentsAbsentVsEmpty << false << auth;
    QTest::newRow("characters moved between principal and service") << Change::FieldBoundaryShift << false << auth;
    QTest::newRow("expired") << Change::Expired << false << QStringLiteral("expired");
    QTest::newRow("expires exactly now") << Change::ExpiresExactlyNow << false << QStringLiteral("expired");
    QTest::newRow("replayed") << Change::Replayed << false << QStringLiteral("replayed");
    QTest::newRow("key rotated twice") << Change::RotatedTwice << false << QStringLiteral("rotated-out key");
    QTest::newRow("clock two rotation periods later")
        << Change::ClockTwoPeriodsLater << false << QStringLiteral("rotated-out key");
    QTest::newRow("clock went backwards a period")
        << Change::ClockWentBackwards << false << QStringLiteral("rotated-out key");
    QTest::newRow("sealed by another gateway process") << Change::OtherSealer << false << auth;
    QTest::newRow("last 3 bytes cut") << Change::Truncated << false << auth;
    QTest::newRow("3 bytes appended") << Change::Extended << false << auth;
    QTest::newRow("unused bits of the last character set") << Change::LastCharacterBitsChanged << false << malformed;
    QTest::newRow("prefix removed") << Change::NoPrefix << false << malformed;
    QTest::newRow("other version prefix") << Change::OtherVersionPrefix << false << malformed;
    QTest::newRow("base64 padding added") << Change::Padding << false << malformed;
    QTest::newRow("standard base64 alphabet") << Change::StandardAlphabet << false << malformed;
    QTest::newRow("whitespace inside") << Change::Whitespace << false << malformed;
    QTest::newRow("non-ASCII character") << Change::NonAscii << false << malformed;
    QTest::newRow("empty string") << Change::Empty << false << malformed;
    QTest::newRow("prefix only") << Change::PrefixOnly << false << malformed;
    QTest::newRow("garbage") << Change::Garbage << false << malformed;
    QTest::newRow("valid base64 too short for a header") << Change::TooShortForHeader << false << malformed;
    QTest::newRow("oversized state") << Change::OversizedState << false << QStringLiteral("oversized");
}

void tst_RequestStateSealer::openState()
{
    QFETCH(Change, change);
    QFETCH(bool, opens);
    QFETCH(QString, reason);

    qint64 clock = 1'800'000'000'000;
    RequestStateSealer::Options options;
    options.rotationPeriodMs = 15 * 60 * 1000;
    options.defaultLifetimeMs = 10 * 60 * 1000;
    RequestStateSealer sealer(options, [&clock]() { return clock; });
    const QByteArray payload = QByteArrayLiteral("flow:f_7Qx2");
    QString state = sealer.seal(binding(), payload);
    QVERIFY(state.startsWith(QLatin1String("v1.")));
    QVERIFY2(!state.contains(QLatin1String("f_7Qx2")), "the payload is encrypted");
    QVERIFY2(!state.contains(QLatin1String("alice")), "the binding is not readable");

    RequestStateBinding b = binding();
    // Raw layout: key id 4 | nonce 12 | ciphertext (8 expiry + 16 id + payload) | tag 16.
    const int cipherStart = 16;
    switch (change) {
    case Change::None: break;
    case Change::FlipKeyIdByte: state = flipByte(state, 3); break;
    case Change::FlipNonceByte: state = flipByte(state, 4 + 5); break;
    case Change::FlipCipherByte: state = flipByte(state, cipherStart + 2); break;
    case Change::FlipTagByte: {
        const int rawSize = 4 + 12 + 8 + 16 + payload.size() + 16;
        state = flipByte(state, rawSize - 1);
        break;
    }
    case Change::OtherPrincipal: b.principal = QStringLiteral("https://as.example|mallory"); break;
    case Change::OtherService: b.service = QStringLiteral("gitlab"); break;
    case Change::OtherMethod: b.method = QStringLiteral("prompts/get"); break;
    case Change::OtherTool: b.toolName = QStringLiteral("delete_repo"); break;
    case Change::OtherArguments: {
        QJsonObject args = kArguments;
        args.insert(QStringLiteral("title"), QStringLiteral("Login works"));
        b.argumentsDigest = RequestStateSealer::argumentsDigest(args);
        break;
    }
    case Change::ReorderedArguments: {
        const QJsonObject reordered
            = QJsonDocument::fromJson(R"({"labels":["bug"],"title":"Login fails","repo":"acme/api"})").object();
        b.argumentsDigest = RequestStateSealer::argumentsDigest(reordered);
        break;
    }
    case Change::ArgumentsAbsentVsEmpty: b.argumentsDigest = RequestStateSealer::argumentsDigest(QJsonValue()); break;
    case Change::FieldBoundaryShift:
        b.principal = QStringLiteral("https://as.example|alic");
        b.service = QStringLiteral("egithub");
        break;
    case Change::Expired: clock += options.defaultLifetimeMs + 1; break;
    case Change::ExpiresExactlyNow: clock += options.defaultLifetimeMs; break;
    case Change::AlmostExpired: clock += options.defaultLifetimeMs - 1; break;
    case Change::Replayed: QVERIFY(sealer.open(state, b)); break;
    case Change::RotatedOnce: sealer.rotate(); break;
    case Change::RotatedTwice:
        sealer.rotate();
        sealer.rotate();
        break;
    case Change::ClockTwoPeriodsLater: clock += 2 * options.rotationPeriodMs; break;
    case Change::ClockWentBackwards: clock -= options.rotationPeriodMs; break;
    case Change::OtherSealer: {
        RequestStateSealer other(options, [&clock]() { return clock; });
        state = other.seal(binding(), payload); // same key id (1), other key
        break;
    }
    case Change::Truncated: state = stateOf(rawOf(state).chopped(3)); break;
    case Change::Extended: state = stateOf(rawOf(state) + QByteArray(3, '\0')); break;
    case Change::LastCharacterBitsChanged: {
        // 67 raw bytes: the last character holds 2 data bits and 4 unused ones. Setting an unused
        // bit decodes to the same bytes but is another text for the same state.
        const QByteArray raw = rawOf(state);
        QCOMPARE(raw.size() % 3, 1);
        static const QByteArray alphabet("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
        const int value = alphabet.indexOf(state.back().toLatin1());
        state.chop(1);
        state += QLatin1Char(alphabet.at(value ^ 1));
        QCOMPARE(rawOf(state), raw);
        break;
    }
    case Change::NoPrefix: state = state.mid(3); break;
    case Change::OtherVersionPrefix: state.replace(0, 3, QStringLiteral("v2.")); break;
    case Change::Padding: state += QStringLiteral("=="); break;
    case Change::StandardAlphabet: state.insert(10, QLatin1Char('+')); break;
    case Change::Whitespace: state.insert(10, QLatin1Char(' ')); break;
    case Change::NonAscii: state.insert(10, QChar(0x00e9)); break;
    case Change::Empty: state.clear(); break;
    case Change::PrefixOnly: state = QStringLiteral("v1."); break;
    case Change::Garbage: state = QStringLiteral("not a state at all %00<script>"); break;
    case Change::TooShortForHeader: state = QStringLiteral("v1.AAAAAAAAAAAAAAAAAAAA"); break;
    case Change::OversizedState: state += QString(5000, QLatin1Char('A')); break;
    }

    QString why = QStringLiteral("unset");
    const std::optional<QByteArray> opened = sealer.open(state, b, &why);
    QCOMPARE(opened.has_value(), opens);
    if (opens) {
        QCOMPARE(*opened, payload);
        QVERIFY(why.isEmpty());
        QString again;
        QVERIFY2(!sealer.open(state, b, &again), "a state opens once");
        QCOMPARE(again, QStringLiteral("replayed"));
    } else {
        QVERIFY2(why.contains(reason), qPrintable(why));
        QVERIFY2(!why.contains(QLatin1String("f_7Qx2")) && !why.contains(QLatin1String("alice")),
                 "the reason carries no payload or binding");
    }
}

void tst_RequestStateSealer::payloadLimits_data()
{
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("seals");
    QTest::newRow("empty payload") << 0 << true;
    QTest::newRow("at the limit") << 512 << true;
    QTest::newRow("one byte over the limit") << 513 << false;
    QTest::newRow("far over the limit") << 100000 << false;
}

void tst_RequestStateSealer::payloadLimits()
{
    QFETCH(int, size);
    QFETCH(bool, seals);
    RequestStateSealer sealer;
    const QByteArray payload(size, '\xab');
    const QString state = sealer.seal(binding(), payload);
    QCOMPARE(!state.isEmpty(), seals);
    if (seals) {
        QVERIFY(state.size() <= RequestStateSealer::Options().maxStateChars);
        QCOMPARE(sealer.open(state, binding()).value_or(QByteArray("none")), payload);
    }
}

void tst_RequestStateSealer::keysAreFreshPerSealer()
{
    // Keys come from the CSPRNG and are never persisted: a restarted gateway opens nothing.
    RequestStateSealer first;
    const QString state = first.seal(binding(), "x");
    RequestStateSealer second;
    QString why;
    QVERIFY(!second.open(state, binding(), &why));
    QVERIFY(!why.isEmpty());
}

void tst_RequestStateSealer::statesAreUnlinkable()
{
    // Same binding and payload twice: fresh nonce and state id, so different texts, each opening once.
    RequestStateSealer sealer;
    const QString a = sealer.seal(binding(), "same");
    const QString b = sealer.seal(binding(), "same");
    QVERIFY(a != b);
    QVERIFY(sealer.open(a, binding()));
    QVERIFY(sealer.open(b, binding()));
}

void tst_RequestStateSealer::replayCacheHoldsOnlyLiveIds()
{
    qint64 clock = 1'800'000'000'000;
    RequestStateSealer::Options options;
    options.defaultLifetimeMs = 60 * 1000;
    RequestStateSealer sealer(options, [&clock]() { return clock; });
    for (int i = 0; i < 50; ++i)
        QVERIFY(sealer.open(sealer.seal(binding(), "p"), binding()));
    QCOMPARE(sealer.replayCacheSize(), 50);
    clock += 2 * 60 * 1000; // all 50 expired; the next open purges them
    QVERIFY(sealer.open(sealer.seal(binding(), "p"), binding()));
    QCOMPARE(sealer.replayCacheSize(), 1);
}

void tst_RequestStateSealer::replayCacheFullFailsClosed()
{
    qint64 clock = 1'800'000'000'000;
    RequestStateSealer::Options options;
    options.maxReplayEntries = 3;
    RequestStateSealer sealer(options, [&clock]() { return clock; });
    for (int i = 0; i < 3; ++i)
        QVERIFY(sealer.open(sealer.seal(binding(), "p"), binding()));
    const QString fourth = sealer.seal(binding(), "p");
    QString why;
    QVERIFY(!sealer.open(fourth, binding(), &why));
    QCOMPARE(why, QStringLiteral("replay cache full"));
    clock += options.defaultLifetimeMs; // the three recorded ids expire and make room
    const QString fifth = sealer.seal(binding(), "p");
    QVERIFY(sealer.open(fifth, binding(), &why));
}

void tst_RequestStateSealer::lifetimeCappedAtRotationPeriod()
{
    qint64 clock = 1'800'000'000'000;
    RequestStateSealer::Options options;
    options.rotationPeriodMs = 60 * 1000;
    options.defaultLifetimeMs = 30 * 1000;
    RequestStateSealer sealer(options, [&clock]() { return clock; });
    // Asked for an hour: capped at one rotation period.
    const QString state = sealer.seal(binding(), "p", 60 * 60 * 1000);
    clock += 60 * 1000;
    QString why;
    QVERIFY(!sealer.open(state, binding(), &why));
    QCOMPARE(why, QStringLiteral("expired"));
    // Sealed just before the key rotates: still opens with the previous key until it expires.
    clock += 59 * 1000;
    const QString late = sealer.seal(binding(), "p");
    clock += 29 * 1000;
    QVERIFY2(sealer.open(late, binding(), &why), qPrintable(why));
}

void tst_RequestStateSealer::argumentsDigest_data()
{
    QTest::addColumn<QByteArray>("a");
    QTest::addColumn<QByteArray>("b");
    QTest::addColumn<bool>("same");
    QTest::newRow("key order") << QByteArray(R"({"a":1,"b":{"y":2,"x":3}})")
                               << QByteArray(R"({"b":{"x":3,"y":2},"a":1})") << true;
    QTest::newRow("whitespace") << QByteArray(R"({"a": 1})") << QByteArray(R"({"a":1})") << true;
    QTest::newRow("1 and 1.0") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1.0})") << true;
    QTest::newRow("absent vs empty object") << QByteArray() << QByteArray("{}") << true;
    QTest::newRow("other value") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":2})") << false;
    QTest::newRow("string vs number") << QByteArray(R"({"a":"1"})") << QByteArray(R"({"a":1})") << false;
    QTest::newRow("array order matters") << QByteArray(R"({"a":[1,2]})") << QByteArray(R"({"a":[2,1]})") << false;
    QTest::newRow("extra key") << QByteArray(R"({"a":1})") << QByteArray(R"({"a":1,"b":null})") << false;
}

void tst_RequestStateSealer::argumentsDigest()
{
    QFETCH(QByteArray, a);
    QFETCH(QByteArray, b);
    QFETCH(bool, same);
    const auto value = [](const QByteArray& json) {
        return json.isEmpty() ? QJsonValue() : QJsonValue(QJsonDocument::fromJson(json).object());
    };
    const QByteArray da = RequestStateSealer::argumentsDigest(value(a));
    QCOMPARE(da.size(), 32);
    QCOMPARE(da == RequestStateSealer::argumentsDigest(value(b)), same);
}

QTEST_GUILESS_MAIN(tst_RequestStateSealer)
#include "tst_requeststatesealer.moc"
