// SPDX-License-Identifier: GPL-3.0-or-later
// Jwk / JwkSet parsing from real OpenSSL-generated keys, alg binding per key, strict base64url, and
// how JwkSet treats kid-less, duplicate and non-signature keys.
#include "TestJwtIssuer.h"
#include "security/Jwk.h"
#include "security/JwtVerifier.h"

#include <QJsonArray>
#include <QtTest>

using Gateway::decodeBase64UrlStrict;
using Gateway::Jwk;
using Gateway::JwkSet;
using Gateway::JwtVerifier;
using TestSupport::base64Url;
using TestSupport::makeToken;
using TestSupport::TestKey;

namespace {

constexpr qint64 kNow = 1700000000;

QJsonObject with(QJsonObject base, const QJsonObject& changes, const QStringList& removed = {})
{
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
        base.insert(it.key(), it.value());
    for (const QString& key : removed)
        base.remove(key);
    return base;
}

QString b64(const QByteArray& bytes)
{
    return QString::fromLatin1(base64Url(bytes));
}

QByteArray member(const QJsonObject& jwk, const char* name)
{
    return QByteArray::fromBase64(jwk.value(QLatin1String(name)).toString().toLatin1(), QByteArray::Base64UrlEncoding);
}

} // namespace

class TestJwk : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void base64Url_data();
    void base64Url();

    void parse_data();
    void parse();

    void allowsAlg_data();
    void allowsAlg();

    void setSkipsNonSignatureKeys();
    void setKidlessSoleKey();
    void setKidlessKeyAmongOthers();
    void setDuplicateKid();
    void setDuplicateKidAcrossKeyTypes();
    void setRejectsNonArray();
    void warningsCarryNoKeyMaterial();

private:
    TestKey m_rsa;
    TestKey m_rsa2;
    TestKey m_rsa1024;
    TestKey m_ec;
    TestKey m_ec384;
    TestKey m_ec521;
    TestKey m_ed;
    TestKey m_ed448;
};

void TestJwk::initTestCase()
{
    m_rsa = TestKey::rsa(2048);
    m_rsa2 = TestKey::rsa(2048);
    m_rsa1024 = TestKey::rsa(1024);
    m_ec = TestKey::ec(QStringLiteral("P-256"));
    m_ec384 = TestKey::ec(QStringLiteral("P-384"));
    m_ec521 = TestKey::ec(QStringLiteral("P-521"));
    m_ed = TestKey::ed25519();
    m_ed448 = TestKey::ed448();
    for (const TestKey* key : {&m_rsa, &m_rsa2, &m_rsa1024, &m_ec, &m_ec384, &m_ec521, &m_ed, &m_ed448})
        QVERIFY(!key->isNull());
}

void TestJwk::base64Url_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QByteArray>("decoded");

    QTest::newRow("empty") << QByteArray() << true << QByteArray();
    QTest::newRow("one byte") << QByteArray("_w") << true << QByteArray("\xff");
    QTest::newRow("two bytes") << QByteArray("-_8") << true << QByteArray("\xfb\xff");
    QTest::newRow("three bytes") << QByteArray("AQID") << true << QByteArray("\x01\x02\x03");
    QTest::newRow("json") << QByteArray("eyJhIjoxfQ") << true << QByteArray("{\"a\":1}");
    QTest::newRow("padding") << QByteArray("_w==") << false << QByteArray();
    QTest::newRow("plus") << QByteArray("+w") << false << QByteArray();
    QTest::newRow("slash") << QByteArray("/w") << false << QByteArray();
    QTest::newRow("space") << QByteArray("AQ ID") << false << QByteArray();
    QTest::newRow("newline") << QByteArray("AQID\n") << false << QByteArray();
    QTest::newRow("dot") << QByteArray("AQ.D") << false << QByteArray();
    QTest::newRow("length 1 mod 4") << QByteArray("AQIDB") << false << QByteArray();
    QTest::newRow("non-canonical 2 chars") << QByteArray("_x") << false << QByteArray();
    QTest::newRow("non-canonical 3 chars") << QByteArray("-_9") << false << QByteArray();
    QTest::newRow("nul byte") << QByteArray("AQ\0D", 4) << false << QByteArray();
    QTest::newRow("non-ascii") << QByteArray("AQ\xc3\xa9") << false << QByteArray();
}

void TestJwk::base64Url()
{
    QFETCH(QByteArray, text);
    QFETCH(bool, valid);
    QFETCH(QByteArray, decoded);
    const std::optional<QByteArray> out = decodeBase64UrlStrict(text);
    QCOMPARE(out.has_value(), valid);
    if (valid)
        QCOMPARE(*out, decoded);
}

void TestJwk::parse_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("kty");
    QTest::addColumn<int>("bits");

    const QJsonObject rsa = m_rsa.publicJwk(QStringLiteral("rsa-1"));
    const QJsonObject ec = m_ec.publicJwk(QStringLiteral("ec-1"));
    const QJsonObject ed = m_ed.publicJwk(QStringLiteral("ed-1"));
    const QString RSA = QStringLiteral("RSA");
    const QString EC = QStringLiteral("EC");
    const QString OKP = QStringLiteral("OKP");

    QTest::newRow("RSA 2048") << rsa << true << RSA << 2048;
    QTest::newRow("RSA 2048, leading zero in n")
        << with(rsa, {{QStringLiteral("n"), b64(QByteArray(1, '\0') + member(rsa, "n"))}}) << true << RSA << 2048;
    QTest::newRow("RSA 2048, no use") << with(rsa, {}, {QStringLiteral("use")}) << true << RSA << 2048;
    QTest::newRow("RSA alg RS256") << with(rsa, {{QStringLiteral("alg"), QStringLiteral("RS256")}}) << true << RSA
                                   << 2048;
    QTest::newRow("RSA key_ops verify") << with(rsa,
                                                {{QStringLiteral("key_ops"), QJsonArray{QStringLiteral("verify")}}})
                                        << true << RSA << 2048;
    QTest::newRow("RSA 1024 refused") << m_rsa1024.publicJwk(QStringLiteral("rsa-small")) << false << RSA << 0;
    QTest::newRow("RSA e=1 refused") << with(rsa, {{QStringLiteral("e"), b64("\x01")}}) << false << RSA << 0;
    QTest::newRow("RSA even e refused") << with(rsa, {{QStringLiteral("e"), b64("\x01\x00\x00")}}) << false << RSA << 0;
    QTest::newRow("RSA e missing") << with(rsa, {}, {QStringLiteral("e")}) << false << RSA << 0;
    QTest::newRow("RSA n padded base64") << with(
        rsa, {{QStringLiteral("n"), rsa.value(QStringLiteral("n")).toString() + QStringLiteral("=")}})
                                         << false << RSA << 0;
    QTest::newRow("RSA n standard base64")
        << with(rsa, {{QStringLiteral("n"), QString::fromLatin1(member(rsa, "n").toBase64())}}) << false << RSA << 0;
    QTest::newRow("RSA n a number") << with(rsa, {{QStringLiteral("n"), 65537}}) << false << RSA << 0;
    QTest::newRow("RSA private d refused") << with(rsa, {{QStringLiteral("d"), b64("secret")}}) << false << RSA << 0;
    QTest::newRow("RSA alg ES256 refused")
        << with(rsa, {{QStringLiteral("alg"), QStringLiteral("ES256")}}) << false << RSA << 0;
    QTest::newRow("RSA alg RSA-OAEP refused")
        << with(rsa, {{QStringLiteral("alg"), QStringLiteral("RSA-OAEP")}}) << false << RSA << 0;
    QTest::newRow("RSA alg HS256 refused")
        << with(rsa, {{QStringLiteral("alg"), QStringLiteral("HS256")}}) << false << RSA << 0;
    QTest::newRow("RSA alg none refused")
        << with(rsa, {{QStringLiteral("alg"), QStringLiteral("none")}}) << false << RSA << 0;
    QTest::newRow("use enc refused") << with(rsa, {{QStringLiteral("use"), QStringLiteral("enc")}}) << false << RSA
                                     << 0;
    QTest::newRow("use not a string") << with(rsa, {{QStringLiteral("use"), true}}) << false << RSA << 0;
    QTest::newRow("key_ops encrypt refused")
        << with(rsa, {{QStringLiteral("key_ops"), QJsonArray{QStringLiteral("encrypt")}}}) << false << RSA << 0;
    QTest::newRow("kid not a string") << with(rsa, {{QStringLiteral("kid"), 7}}) << false << RSA << 0;
    QTest::newRow("kid 256 chars") << with(rsa, {{QStringLiteral("kid"), QString(256, QLatin1Char('k'))}}) << true
                                   << RSA << 2048;
    QTest::newRow("kid 257 chars refused")
        << with(rsa, {{QStringLiteral("kid"), QString(257, QLatin1Char('k'))}}) << false << RSA << 0;

    QTest::newRow("EC P-256") << ec << true << EC << 256;
    QTest::newRow("EC P-256 alg ES256") << with(ec, {{QStringLiteral("alg"), QStringLiteral("ES256")}}) << true << EC
                                        << 256;
    QTest::newRow("EC P-384") << m_ec384.publicJwk(QStringLiteral("ec384")) << true << EC << 384;
    QTest::newRow("EC P-521") << m_ec521.publicJwk(QStringLiteral("ec521")) << true << EC << 521;
    QTest::newRow("EC x 31 bytes refused")
        << with(ec, {{QStringLiteral("x"), b64(member(ec, "x").mid(1))}}) << false << EC << 0;
    QTest::newRow("EC y 33 bytes refused")
        << with(ec, {{QStringLiteral("y"), b64(QByteArray(1, '\0') + member(ec, "y"))}}) << false << EC << 0;
    QTest::newRow("EC P-384 coordinates named P-256 refused")
        << with(m_ec384.publicJwk(QStringLiteral("ec384")), {{QStringLiteral("crv"), QStringLiteral("P-256")}}) << false
        << EC << 0;
    QTest::newRow("EC point not on the curve refused") << with(ec, {{QStringLiteral("y"), b64([&] {
                                                                         QByteArray y = member(ec, "y");
                                                                         y[31] = char(y.at(31) ^ 0x01);
                                                                         return y;
                                                                     }())}})
                                                       << false << EC << 0;
    QTest::newRow("EC y missing refused") << with(ec, {}, {QStringLiteral("y")}) << false << EC << 0;
    QTest::newRow("EC secp256k1 refused")
        << with(ec, {{QStringLiteral("crv"), QStringLiteral("secp256k1")}}) << false << EC << 0;
    QTest::newRow("EC P-256 alg ES384 refused")
        << with(ec, {{QStringLiteral("alg"), QStringLiteral("ES384")}}) << false << EC << 0;
    QTest::newRow("EC private d refused")
        << with(ec, {{QStringLiteral("d"), b64(QByteArray(32, 'd'))}}) << false << EC << 0;

    QTest::newRow("OKP Ed25519") << ed << true << OKP << 256;
    QTest::newRow("OKP Ed25519 alg EdDSA")
        << with(ed, {{QStringLiteral("alg"), QStringLiteral("EdDSA")}}) << true << OKP << 256;
    QTest::newRow("OKP Ed448") << m_ed448.publicJwk(QStringLiteral("ed448")) << true << OKP << 456;
    QTest::newRow("OKP Ed448 x named Ed25519 refused")
        << with(m_ed448.publicJwk(QStringLiteral("ed448")), {{QStringLiteral("crv"), QStringLiteral("Ed25519")}})
        << false << OKP << 0;
    QTest::newRow("OKP x 31 bytes refused")
        << with(ed, {{QStringLiteral("x"), b64(member(ed, "x").mid(1))}}) << false << OKP << 0;
    QTest::newRow("OKP X25519 refused") << with(ed, {{QStringLiteral("crv"), QStringLiteral("X25519")}}) << false << OKP
                                        << 0;
    QTest::newRow("OKP alg ES256 refused")
        << with(ed, {{QStringLiteral("alg"), QStringLiteral("ES256")}}) << false << OKP << 0;

    QTest::newRow("oct refused") << QJsonObject{{QStringLiteral("kty"), QStringLiteral("oct")},
                                                {QStringLiteral("k"), b64("hmac-secret")}}
                                 << false << QString() << 0;
    QTest::newRow("kty missing") << with(rsa, {}, {QStringLiteral("kty")}) << false << QString() << 0;
    QTest::newRow("kty lowercase") << with(rsa, {{QStringLiteral("kty"), QStringLiteral("rsa")}}) << false << QString()
                                   << 0;
    QTest::newRow("empty object") << QJsonObject() << false << QString() << 0;
}

void TestJwk::parse()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(bool, accepted);
    QFETCH(QString, kty);
    QFETCH(int, bits);

    QString error;
    const std::optional<Jwk> key = Jwk::fromJson(jwk, &error);
    QVERIFY2(key.has_value() == accepted, qPrintable(error));
    if (!accepted) {
        QVERIFY(!error.isEmpty());
        return;
    }
    QVERIFY(error.isEmpty());
    QCOMPARE(key->kty(), kty);
    QCOMPARE(key->bits(), bits);
    QCOMPARE(key->kid(), jwk.value(QStringLiteral("kid")).toString());
    QVERIFY(key->evpKey());
}

void TestJwk::allowsAlg_data()
{
    QTest::addColumn<QJsonObject>("jwk");
    QTest::addColumn<QString>("alg");
    QTest::addColumn<bool>("allowed");

    const QJsonObject rsa = m_rsa.publicJwk(QStringLiteral("rsa"));
    const QJsonObject rsaPs = m_rsa.publicJwk(QStringLiteral("rsa"), QStringLiteral("PS256"));
    const QJsonObject ec = m_ec.publicJwk(QStringLiteral("ec"));
    const QJsonObject ec384 = m_ec384.publicJwk(QStringLiteral("ec384"));
    const QJsonObject ec521 = m_ec521.publicJwk(QStringLiteral("ec521"));
    const QJsonObject ed = m_ed.publicJwk(QStringLiteral("ed"));

    for (const char* alg : {"RS256", "RS384", "RS512", "PS256", "PS384", "PS512"})
        QTest::newRow(qPrintable(QStringLiteral("RSA %1").arg(QLatin1String(alg))))
            << rsa << QString::fromLatin1(alg) << true;
    for (const char* alg : {"ES256", "EdDSA", "HS256", "none", "rs256", ""})
        QTest::newRow(qPrintable(QStringLiteral("RSA not %1").arg(QLatin1String(alg))))
            << rsa << QString::fromLatin1(alg) << false;
    QTest::newRow("RSA alg PS256: PS256") << rsaPs << QStringLiteral("PS256") << true;
    QTest::newRow("RSA alg PS256: not RS256") << rsaPs << QStringLiteral("RS256") << false;
    QTest::newRow("P-256 ES256") << ec << QStringLiteral("ES256") << true;
    QTest::newRow("P-256 not ES384") << ec << QStringLiteral("ES384") << false;
    QTest::newRow("P-256 not RS256") << ec << QStringLiteral("RS256") << false;
    QTest::newRow("P-256 not HS256") << ec << QStringLiteral("HS256") << false;
    QTest::newRow("P-384 ES384") << ec384 << QStringLiteral("ES384") << true;
    QTest::newRow("P-384 not ES256") << ec384 << QStringLiteral("ES256") << false;
    QTest::newRow("P-521 ES512") << ec521 << QStringLiteral("ES512") << true;
    QTest::newRow("Ed25519 EdDSA") << ed << QStringLiteral("EdDSA") << true;
    QTest::newRow("Ed25519 Ed25519") << ed << QStringLiteral("Ed25519") << true;
    QTest::newRow("Ed25519 not Ed448") << ed << QStringLiteral("Ed448") << false;
    QTest::newRow("Ed25519 not ES256") << ed << QStringLiteral("ES256") << false;
    const QJsonObject ed448 = m_ed448.publicJwk(QStringLiteral("ed448"));
    QTest::newRow("Ed448 EdDSA") << ed448 << QStringLiteral("EdDSA") << true;
    QTest::newRow("Ed448 Ed448") << ed448 << QStringLiteral("Ed448") << true;
    QTest::newRow("Ed448 not Ed25519") << ed448 << QStringLiteral("Ed25519") << false;
}

void TestJwk::allowsAlg()
{
    QFETCH(QJsonObject, jwk);
    QFETCH(QString, alg);
    QFETCH(bool, allowed);
    const std::optional<Jwk> key = Jwk::fromJson(jwk);
    QVERIFY(key);
    QCOMPARE(key->allowsAlg(alg), allowed);
    QCOMPARE(key->allowedAlgorithms().contains(alg), allowed);
    // verify() refuses a disallowed alg outright, even with a signature made by the right key.
    if (!allowed)
        QVERIFY(!key->verify(alg, "input", QByteArray(64, 'x')));
}

void TestJwk::setSkipsNonSignatureKeys()
{
    QStringList warnings;
    const JwkSet set = JwkSet::fromJson(
        QJsonObject{{QStringLiteral("keys"),
                     QJsonArray{with(m_rsa.publicJwk(QStringLiteral("enc-1")),
                                     {{QStringLiteral("use"), QStringLiteral("enc")}}),
                                m_rsa2.publicJwk(QStringLiteral("sig-1")),
                                m_rsa1024.publicJwk(QStringLiteral("small-1")), QStringLiteral("not an object")}}},
        &warnings);
    QCOMPARE(set.size(), 1);
    QCOMPARE(set.kids(), QStringList{QStringLiteral("sig-1")});
    QCOMPARE(warnings.size(), 3);
    QVERIFY(set.keysForKid(QStringLiteral("enc-1")).isEmpty());
    QVERIFY(warnings.at(0).contains(QStringLiteral("enc-1")));
    QVERIFY(warnings.at(1).contains(QStringLiteral("1024")));
}

void TestJwk::setKidlessSoleKey()
{
    QStringList warnings;
    const JwkSet set = JwkSet::fromJson(QJsonObject{{QStringLiteral("keys"), QJsonArray{m_ec.publicJwk()}}}, &warnings);
    QVERIFY(warnings.isEmpty());
    QCOMPARE(set.size(), 1);
    QVERIFY(set.soleKey());
    QVERIFY(set.soleKey()->kid().isEmpty());

    JwtVerifier::Expectations e;
    e.issuer = QStringLiteral("https://as.example.com");
    e.audience = QStringLiteral("https://127.0.0.1/mcp");
    const QJsonObject claims{{QStringLiteral("iss"), e.issuer},
                             {QStringLiteral("aud"), e.audience},
                             {QStringLiteral("sub"), QStringLiteral("u")},
                             {QStringLiteral("exp"), kNow + 60}};
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("ES256")},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const JwtVerifier::Result r = JwtVerifier::verify(makeToken(header, claims, m_ec), set, e, kNow);
    QVERIFY2(r.ok, qPrintable(r.reason));
}

void TestJwk::setKidlessKeyAmongOthers()
{
    QStringList warnings;
    const JwkSet set = JwkSet::fromJson(
        QJsonObject{{QStringLiteral("keys"), QJsonArray{m_rsa.publicJwk(), m_ec.publicJwk(QStringLiteral("ec-1"))}}},
        &warnings);
    QCOMPARE(set.size(), 1);
    QCOMPARE(set.kids(), QStringList{QStringLiteral("ec-1")});
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QStringLiteral("no kid")));
}

void TestJwk::setDuplicateKid()
{
    // Same kid, same key type: the first wins; a token signed by the second key does not verify.
    QStringList warnings;
    const QString kid = QStringLiteral("dup");
    const JwkSet set = JwkSet::fromJson(
        QJsonObject{{QStringLiteral("keys"), QJsonArray{m_rsa.publicJwk(kid), m_rsa2.publicJwk(kid)}}}, &warnings);
    QCOMPARE(set.size(), 1);
    QCOMPARE(warnings.size(), 1);
    QVERIFY(warnings.first().contains(QStringLiteral("already used")));

    JwtVerifier::Expectations e;
    e.issuer = QStringLiteral("https://as.example.com");
    e.audience = QStringLiteral("https://127.0.0.1/mcp");
    const QJsonObject claims{
        {QStringLiteral("iss"), e.issuer}, {QStringLiteral("aud"), e.audience}, {QStringLiteral("exp"), kNow + 60}};
    const QJsonObject header{{QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("kid"), kid},
                             {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    QVERIFY(JwtVerifier::verify(makeToken(header, claims, m_rsa), set, e, kNow).ok);
    QCOMPARE(JwtVerifier::verify(makeToken(header, claims, m_rsa2), set, e, kNow).reason,
             QStringLiteral("bad_signature"));
}

void TestJwk::setDuplicateKidAcrossKeyTypes()
{
    // RFC 7517 §4.5: one kid may name keys of different kty; the token's alg picks between them.
    QStringList warnings;
    const QString kid = QStringLiteral("shared");
    const JwkSet set = JwkSet::fromJson(
        QJsonObject{{QStringLiteral("keys"), QJsonArray{m_rsa.publicJwk(kid), m_ec.publicJwk(kid)}}}, &warnings);
    QVERIFY(warnings.isEmpty());
    QCOMPARE(set.size(), 2);
    QCOMPARE(set.keysForKid(kid).size(), 2);

    JwtVerifier::Expectations e;
    e.issuer = QStringLiteral("https://as.example.com");
    e.audience = QStringLiteral("https://127.0.0.1/mcp");
    const QJsonObject claims{
        {QStringLiteral("iss"), e.issuer}, {QStringLiteral("aud"), e.audience}, {QStringLiteral("exp"), kNow + 60}};
    const QJsonObject rsHeader{{QStringLiteral("alg"), QStringLiteral("RS256")},
                               {QStringLiteral("kid"), kid},
                               {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    const QJsonObject esHeader = with(rsHeader, {{QStringLiteral("alg"), QStringLiteral("ES256")}});
    QVERIFY(JwtVerifier::verify(makeToken(rsHeader, claims, m_rsa), set, e, kNow).ok);
    QVERIFY(JwtVerifier::verify(makeToken(esHeader, claims, m_ec), set, e, kNow).ok);
    QCOMPARE(
        JwtVerifier::verify(makeToken(with(rsHeader, {{QStringLiteral("alg"), QStringLiteral("EdDSA")}}), claims, m_ed),
                            set, e, kNow)
            .reason,
        QStringLiteral("alg_not_allowed"));
}

void TestJwk::setRejectsNonArray()
{
    QStringList warnings;
    QVERIFY(JwkSet::fromJson(QJsonObject{}, &warnings).isEmpty());
    QVERIFY(JwkSet::fromJson(QJsonObject{{QStringLiteral("keys"), m_rsa.publicJwk()}}, &warnings).isEmpty());
    QCOMPARE(warnings.size(), 2);
    QVERIFY(JwkSet::fromJson(QJsonObject{{QStringLiteral("keys"), QJsonArray{}}}).isEmpty());
}

void TestJwk::warningsCarryNoKeyMaterial()
{
    const QJsonObject leaked = with(m_rsa.publicJwk(QStringLiteral("leaky\n\x1b[31mkid")),
                                    {{QStringLiteral("d"), b64("private-exponent-canary")}});
    QStringList warnings;
    JwkSet::fromJson(QJsonObject{{QStringLiteral("keys"), QJsonArray{leaked}}}, &warnings);
    QCOMPARE(warnings.size(), 1);
    const QString w = warnings.first();
    QVERIFY(!w.contains(leaked.value(QStringLiteral("d")).toString()));
    QVERIFY(!w.contains(leaked.value(QStringLiteral("n")).toString().left(16)));
    QVERIFY(!w.contains(QLatin1Char('\n')));
    QVERIFY(!w.contains(QLatin1Char('\x1b')));
}

QTEST_GUILESS_MAIN(TestJwk)
#include "tst_jwk.moc"
