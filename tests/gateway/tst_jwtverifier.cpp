// SPDX-License-Identifier: GPL-3.0-or-later
// JwtVerifier against tokens signed at test time with real OpenSSL keys (RSA 2048, EC P-256/P-384,
// Ed25519): one data row per attack or rule, exact reason codes; plus VerifiedTokenCache.
#include "TestJwtIssuer.h"
#include "security/Jwk.h"
#include "security/JwtVerifier.h"
#include "security/VerifiedTokenCache.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QtTest>

using Gateway::JwkSet;
using Gateway::JwtVerifier;
using Gateway::VerifiedTokenCache;
using TestSupport::base64Url;
using TestSupport::makeHmacToken;
using TestSupport::makeToken;
using TestSupport::makeTokenWithSignature;
using TestSupport::TestKey;

namespace {

constexpr qint64 kNow = 1700000000;
const QString kIssuer = QStringLiteral("https://as.example.com");
const QString kAudience = QStringLiteral("https://127.0.0.1:8787/mcp");

struct RowOptions
{
    QString keyset = QStringLiteral("all");
    bool requireAtJwtType = true;
    QStringList requiredScopes;
    QStringList missingScopes;
    bool unknownKid = false;
};

RowOptions onKeys(const QString& keyset, bool unknownKid = false)
{
    RowOptions options;
    options.keyset = keyset;
    options.unknownKid = unknownKid;
    return options;
}

RowOptions unknownKidRow()
{
    return onKeys(QStringLiteral("all"), true);
}

RowOptions typOptional()
{
    RowOptions options;
    options.requireAtJwtType = false;
    return options;
}

RowOptions scopes(const QStringList& required, const QStringList& missing = {})
{
    RowOptions options;
    options.requiredScopes = required;
    options.missingScopes = missing;
    return options;
}

QJsonObject merged(QJsonObject base, const QJsonObject& changes, const QStringList& removed = {})
{
    for (auto it = changes.constBegin(); it != changes.constEnd(); ++it)
        base.insert(it.key(), it.value());
    for (const QString& key : removed)
        base.remove(key);
    return base;
}

QByteArray segment(const QByteArray& token, int index)
{
    return token.split('.').value(index);
}

QByteArray replaceSegment(const QByteArray& token, int index, const QByteArray& replacement)
{
    QList<QByteArray> parts = token.split('.');
    parts[index] = replacement;
    return parts.join('.');
}

QByteArray flipSignatureByte(const QByteArray& token)
{
    QByteArray signature = QByteArray::fromBase64(segment(token, 2), QByteArray::Base64UrlEncoding);
    signature[signature.size() / 2] = char(signature.at(signature.size() / 2) ^ 0x01);
    return replaceSegment(token, 2, base64Url(signature));
}

} // namespace

class TestJwtVerifier : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void verify_data();
    void verify();

    void tokenLengthBoundary();
    void resultCarriesClaims();
    void failuresHideClaimsUntilSignatureVerified();
    void emptyExpectationsFailClosed();
    void unknownKidWithSoleKidlessKey();
    void descriptionsCarryNoTokenData();

    void cacheHit();
    void cacheExpiresAtExp();
    void cacheExpiresAfterMaxAge();
    void cacheStoresOnlySuccesses();
    void cacheEvictsLeastRecentlyUsed();
    void cacheClear();

private:
    QJsonObject header(const QString& alg, const QString& kid) const;
    QJsonObject claims() const;
    QByteArray token(const TestKey& key, const QString& alg, const QString& kid, const QJsonObject& claimChanges = {},
                     const QStringList& removedClaims = {}, const QJsonObject& headerChanges = {},
                     const QStringList& removedHeader = {}) const;
    JwkSet keyset(const QString& name) const;
    JwtVerifier::Expectations expectations() const;
    static void addRow(const char* name, const QByteArray& token, const QString& reason,
                       const RowOptions& options = {});

    TestKey m_rsa;
    TestKey m_ec;
    TestKey m_ec384;
    TestKey m_ed;
    TestKey m_ed448;
    TestKey m_ec521;
    TestKey m_attacker;
    JwkSet m_all;
    JwkSet m_singleRsa;
    JwkSet m_singleRsaNoKid;
};

void TestJwtVerifier::initTestCase()
{
    m_rsa = TestKey::rsa(2048);
    m_ec = TestKey::ec(QStringLiteral("P-256"));
    m_ec384 = TestKey::ec(QStringLiteral("P-384"));
    m_ed = TestKey::ed25519();
    m_ed448 = TestKey::ed448();
    m_ec521 = TestKey::ec(QStringLiteral("P-521"));
    m_attacker = TestKey::rsa(2048);
    QVERIFY(!m_rsa.isNull() && !m_ec.isNull() && !m_ec384.isNull() && !m_ed.isNull() && !m_ed448.isNull()
            && !m_ec521.isNull() && !m_attacker.isNull());

    QStringList warnings;
    m_all = JwkSet::fromJson(
        QJsonObject{
            {QStringLiteral("keys"),
             QJsonArray{m_rsa.publicJwk(QStringLiteral("rsa-1")), m_ec.publicJwk(QStringLiteral("ec-1")),
                        m_ec384.publicJwk(QStringLiteral("ec384-1")), m_ed.publicJwk(QStringLiteral("ed-1")),
                        m_ed448.publicJwk(QStringLiteral("ed448-1")), m_ec521.publicJwk(QStringLiteral("ec521-1"))}}},
        &warnings);
    QCOMPARE(warnings, QStringList());
    QCOMPARE(m_all.size(), 6);
    m_singleRsa = JwkSet::fromJson(
        QJsonObject{{QStringLiteral("keys"), QJsonArray{m_rsa.publicJwk(QStringLiteral("rsa-1"))}}}, &warnings);
    m_singleRsaNoKid
        = JwkSet::fromJson(QJsonObject{{QStringLiteral("keys"), QJsonArray{m_rsa.publicJwk()}}}, &warnings);
    QCOMPARE(warnings, QStringList());
    QCOMPARE(m_singleRsa.size(), 1);
    QCOMPARE(m_singleRsaNoKid.size(), 1);
}

QJsonObject TestJwtVerifier::header(const QString& alg, const QString& kid) const
{
    QJsonObject h{{QStringLiteral("alg"), alg}, {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    if (!kid.isEmpty())
        h.insert(QStringLiteral("kid"), kid);
    return h;
}

QJsonObject TestJwtVerifier::claims() const
{
    return QJsonObject{{QStringLiteral("iss"), kIssuer},
                       {QStringLiteral("aud"), kAudience},
                       {QStringLiteral("sub"), QStringLiteral("user-1")},
                       {QStringLiteral("client_id"), QStringLiteral("client-1")},
                       {QStringLiteral("iat"), kNow - 10},
                       {QStringLiteral("exp"), kNow + 600},
                       {QStringLiteral("jti"), QStringLiteral("jti-1")},
                       {QStringLiteral("scope"), QStringLiteral("mcp:read mcp:write")}};
}

QByteArray TestJwtVerifier::token(const TestKey& key, const QString& alg, const QString& kid,
                                  const QJsonObject& claimChanges, const QStringList& removedClaims,
                                  const QJsonObject& headerChanges, const QStringList& removedHeader) const
{
    return makeToken(merged(header(alg, kid), headerChanges, removedHeader),
                     merged(claims(), claimChanges, removedClaims), key);
}

JwkSet TestJwtVerifier::keyset(const QString& name) const
{
    if (name == QLatin1String("single-rsa"))
        return m_singleRsa;
    if (name == QLatin1String("single-rsa-nokid"))
        return m_singleRsaNoKid;
    if (name == QLatin1String("empty"))
        return JwkSet();
    return m_all;
}

JwtVerifier::Expectations TestJwtVerifier::expectations() const
{
    JwtVerifier::Expectations e;
    e.issuer = kIssuer;
    e.audience = kAudience;
    return e;
}

void TestJwtVerifier::addRow(const char* name, const QByteArray& token, const QString& reason,
                             const RowOptions& options)
{
    QTest::newRow(name) << token << options.keyset << options.requireAtJwtType << options.requiredScopes << reason
                        << options.missingScopes << options.unknownKid;
}

void TestJwtVerifier::verify_data()
{
    QTest::addColumn<QByteArray>("token");
    QTest::addColumn<QString>("keyset");
    QTest::addColumn<bool>("requireAtJwtType");
    QTest::addColumn<QStringList>("requiredScopes");
    QTest::addColumn<QString>("reason"); // empty: must verify
    QTest::addColumn<QStringList>("missingScopes");
    QTest::addColumn<bool>("unknownKid");

    const QString ok;
    const QString rsa = QStringLiteral("rsa-1");
    const QString ec = QStringLiteral("ec-1");
    const QString ed = QStringLiteral("ed-1");
    const QString RS256 = QStringLiteral("RS256");
    const QString ES256 = QStringLiteral("ES256");
    const QByteArray valid = token(m_rsa, RS256, rsa);

    // --- valid tokens, every family --------------------------------------------------------------
    addRow("RS256 valid", valid, ok);
    addRow("RS384 valid", token(m_rsa, QStringLiteral("RS384"), rsa), ok);
    addRow("RS512 valid", token(m_rsa, QStringLiteral("RS512"), rsa), ok);
    addRow("PS256 valid", token(m_rsa, QStringLiteral("PS256"), rsa), ok);
    addRow("PS512 valid", token(m_rsa, QStringLiteral("PS512"), rsa), ok);
    addRow("ES256 valid", token(m_ec, ES256, ec), ok);
    addRow("ES384 valid", token(m_ec384, QStringLiteral("ES384"), QStringLiteral("ec384-1")), ok);
    addRow("ES512 valid", token(m_ec521, QStringLiteral("ES512"), QStringLiteral("ec521-1")), ok);
    addRow("EdDSA valid", token(m_ed, QStringLiteral("EdDSA"), ed), ok);
    addRow("Ed25519 (fully specified) valid", token(m_ed, QStringLiteral("Ed25519"), ed), ok);
    addRow("EdDSA over Ed448 valid", token(m_ed448, QStringLiteral("EdDSA"), QStringLiteral("ed448-1")), ok);
    addRow("Ed448 header against the Ed25519 key",
           makeToken(header(QStringLiteral("Ed448"), ed), claims(), m_ed, QStringLiteral("EdDSA")),
           QStringLiteral("alg_not_allowed"));
    addRow("no kid, single key", token(m_rsa, RS256, QString()), ok, onKeys(QStringLiteral("single-rsa")));
    addRow("no kid, single kid-less key", token(m_rsa, RS256, QString()), ok,
           onKeys(QStringLiteral("single-rsa-nokid")));

    // --- shape -----------------------------------------------------------------------------------
    addRow("empty token", QByteArray(), QStringLiteral("malformed"));
    addRow("one segment", QByteArray("abc"), QStringLiteral("malformed"));
    addRow("two segments", segment(valid, 0) + '.' + segment(valid, 1), QStringLiteral("malformed"));
    addRow("four segments", valid + ".AAAA", QStringLiteral("malformed"));
    addRow("five segments (JWE shape)", valid + ".AAAA.AAAA", QStringLiteral("malformed"));
    addRow("empty signature", replaceSegment(valid, 2, QByteArray()), QStringLiteral("malformed"));
    addRow("empty payload", replaceSegment(valid, 1, QByteArray()), QStringLiteral("malformed"));
    addRow("empty header", replaceSegment(valid, 0, QByteArray()), QStringLiteral("malformed"));
    addRow("padding in signature", valid + "==", QStringLiteral("malformed"));
    addRow("padding in header", replaceSegment(valid, 0, segment(valid, 0) + "="), QStringLiteral("malformed"));
    addRow("standard base64 chars", replaceSegment(valid, 1, "+" + segment(valid, 1).mid(1)),
           QStringLiteral("malformed"));
    addRow("slash in signature", replaceSegment(valid, 2, "/" + segment(valid, 2).mid(1)), QStringLiteral("malformed"));
    addRow("trailing newline", valid + "\n", QStringLiteral("malformed"));
    addRow("leading space", " " + valid, QStringLiteral("malformed"));
    addRow(
        "impossible base64 length",
        [&] {
            QByteArray payload = segment(valid, 1);
            while (payload.size() % 4 != 1)
                payload += 'A';
            return replaceSegment(valid, 1, payload);
        }(),
        QStringLiteral("malformed"));
    addRow("header not JSON", replaceSegment(valid, 0, base64Url("not json")), QStringLiteral("malformed"));
    addRow("header JSON array", replaceSegment(valid, 0, base64Url("[\"RS256\"]")), QStringLiteral("malformed"));
    addRow("header without alg",
           makeToken(merged(header(RS256, rsa), {}, {QStringLiteral("alg")}), claims(), m_rsa, RS256),
           QStringLiteral("malformed"));
    addRow("alg not a string",
           makeToken(merged(header(RS256, rsa), {{QStringLiteral("alg"), 256}}), claims(), m_rsa, RS256),
           QStringLiteral("malformed"));
    addRow("kid not a string", token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("kid"), 1}}),
           QStringLiteral("malformed"));
    addRow(
        "payload not JSON (signed)",
        [&] {
            const QByteArray input = base64Url(TestSupport::compactJson(header(RS256, rsa))) + '.' + base64Url("{");
            return input + '.' + base64Url(m_rsa.sign(RS256, input));
        }(),
        QStringLiteral("malformed"));
    addRow("sub not a string", token(m_rsa, RS256, rsa, {{QStringLiteral("sub"), 42}}), QStringLiteral("malformed"));
    addRow("nbf not a number", token(m_rsa, RS256, rsa, {{QStringLiteral("nbf"), QStringLiteral("0")}}),
           QStringLiteral("malformed"));

    // --- size -----------------------------------------------------------------------------------
    addRow("9000 bytes of junk", QByteArray(9000, 'a'), QStringLiteral("token_too_long"));
    addRow("9000-byte signed token",
           token(m_rsa, RS256, rsa, {{QStringLiteral("pad"), QString(6500, QLatin1Char('x'))}}),
           QStringLiteral("token_too_long"));

    // --- algorithms ------------------------------------------------------------------------------
    const QJsonObject noneHeader{{QStringLiteral("alg"), QStringLiteral("none")},
                                 {QStringLiteral("typ"), QStringLiteral("at+jwt")}};
    addRow("alg none, empty signature", makeTokenWithSignature(noneHeader, claims(), QByteArray()),
           QStringLiteral("alg_not_allowed"));
    addRow("alg none with kid",
           makeTokenWithSignature(merged(noneHeader, {{QStringLiteral("kid"), rsa}}), claims(), QByteArray()),
           QStringLiteral("alg_not_allowed"));
    addRow(
        "alg None, junk signature",
        makeTokenWithSignature(merged(noneHeader, {{QStringLiteral("alg"), QStringLiteral("None")}}), claims(), "sig"),
        QStringLiteral("alg_not_allowed"));
    addRow("HS256 keyed with the RSA public key (DER)",
           makeHmacToken(header(QStringLiteral("HS256"), rsa), claims(), m_rsa.publicKeyDer()),
           QStringLiteral("alg_not_allowed"));
    addRow("HS256 keyed with the RSA public key (PEM)",
           makeHmacToken(header(QStringLiteral("HS256"), rsa), claims(), m_rsa.publicKeyPem()),
           QStringLiteral("alg_not_allowed"));
    addRow("HS256 keyed with the PEM, single kid-less key",
           makeHmacToken(header(QStringLiteral("HS256"), QString()), claims(), m_rsa.publicKeyPem()),
           QStringLiteral("alg_not_allowed"), onKeys(QStringLiteral("single-rsa-nokid")));
    addRow("HS512 keyed with the JWK n",
           makeHmacToken(header(QStringLiteral("HS512"), rsa), claims(),
                         m_rsa.publicJwk().value(QStringLiteral("n")).toString().toLatin1()),
           QStringLiteral("alg_not_allowed"));
    addRow("unknown alg", token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("alg"), QStringLiteral("RS1")}}),
           QStringLiteral("alg_not_allowed"));
    addRow("RS256 header against the EC key", makeToken(header(RS256, ec), claims(), m_ec, ES256),
           QStringLiteral("alg_not_allowed"));
    addRow("ES256 header against the RSA key", makeToken(header(ES256, rsa), claims(), m_rsa, RS256),
           QStringLiteral("alg_not_allowed"));
    addRow("ES384 header against the P-256 key", makeToken(header(QStringLiteral("ES384"), ec), claims(), m_ec, ES256),
           QStringLiteral("alg_not_allowed"));
    addRow("EdDSA header against the RSA key", makeToken(header(QStringLiteral("EdDSA"), rsa), claims(), m_ed),
           QStringLiteral("alg_not_allowed"));
    addRow("crit present",
           token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("crit"), QJsonArray{QStringLiteral("exp")}}}),
           QStringLiteral("crit_unsupported"));
    addRow("crit b64=false",
           token(m_rsa, RS256, rsa, {}, {},
                 {{QStringLiteral("crit"), QJsonArray{QStringLiteral("b64")}}, {QStringLiteral("b64"), false}}),
           QStringLiteral("crit_unsupported"));

    // --- keys ------------------------------------------------------------------------------------
    addRow("unknown kid", token(m_rsa, RS256, QStringLiteral("rsa-2")), QStringLiteral("unknown_kid"), unknownKidRow());
    addRow("path-like kid", token(m_rsa, RS256, QStringLiteral("../../etc/passwd")), QStringLiteral("unknown_kid"),
           unknownKidRow());
    addRow("kid over 256 chars", token(m_rsa, RS256, QString(257, QLatin1Char('k'))), QStringLiteral("unknown_kid"));
    addRow("no kid, several keys", token(m_rsa, RS256, QString()), QStringLiteral("unknown_kid"));
    addRow("empty key set", valid, QStringLiteral("unknown_kid"), onKeys(QStringLiteral("empty"), true));
    addRow("signature byte flipped (RS256)", flipSignatureByte(valid), QStringLiteral("bad_signature"));
    addRow("signature byte flipped (PS256)", flipSignatureByte(token(m_rsa, QStringLiteral("PS256"), rsa)),
           QStringLiteral("bad_signature"));
    addRow("signature byte flipped (ES256)", flipSignatureByte(token(m_ec, ES256, ec)),
           QStringLiteral("bad_signature"));
    addRow("signature byte flipped (EdDSA)", flipSignatureByte(token(m_ed, QStringLiteral("EdDSA"), ed)),
           QStringLiteral("bad_signature"));
    addRow("payload swapped after signing",
           replaceSegment(valid, 1,
                          segment(token(m_rsa, RS256, rsa, {{QStringLiteral("sub"), QStringLiteral("admin")}}), 1)),
           QStringLiteral("bad_signature"));
    addRow("PS256 signature presented as RS256",
           replaceSegment(valid, 2, segment(token(m_rsa, QStringLiteral("PS256"), rsa), 2)),
           QStringLiteral("bad_signature"));
    addRow(
        "ES256 DER signature instead of raw",
        [&] {
            const QByteArray t = token(m_ec, ES256, ec);
            return replaceSegment(t, 2, base64Url(QByteArray(72, '\x30')));
        }(),
        QStringLiteral("bad_signature"));
    addRow("signed by an unpublished key", token(m_attacker, RS256, rsa), QStringLiteral("bad_signature"));
    addRow("jku present: configured keys only",
           token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("jku"), QStringLiteral("http://127.0.0.1:1/jwks.json")}}),
           ok);
    addRow("x5u and x5c present: ignored",
           token(m_rsa, RS256, rsa, {}, {},
                 {{QStringLiteral("x5u"), QStringLiteral("http://169.254.169.254/cert")},
                  {QStringLiteral("x5c"), QJsonArray{QStringLiteral("MIIB")}}}),
           ok);
    addRow("embedded jwk of the signer is not trusted",
           token(m_attacker, RS256, rsa, {}, {}, {{QStringLiteral("jwk"), m_attacker.publicJwk()}}),
           QStringLiteral("bad_signature"));
    addRow("jku to the attacker's JWKS is not fetched",
           token(m_attacker, RS256, QStringLiteral("attacker-1"), {}, {},
                 {{QStringLiteral("jku"), QStringLiteral("https://attacker.example/jwks.json")}}),
           QStringLiteral("unknown_kid"), unknownKidRow());

    // --- type -------------------------------------------------------------------------------------
    addRow("typ JWT, at+jwt required",
           token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("typ"), QStringLiteral("JWT")}}),
           QStringLiteral("wrong_type"));
    addRow("typ JWT, not required", token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("typ"), QStringLiteral("JWT")}}),
           ok, typOptional());
    addRow("typ missing, required", token(m_rsa, RS256, rsa, {}, {}, {}, {QStringLiteral("typ")}),
           QStringLiteral("wrong_type"));
    addRow("typ application/AT+JWT",
           token(m_rsa, RS256, rsa, {}, {}, {{QStringLiteral("typ"), QStringLiteral("application/AT+JWT")}}), ok);

    // --- issuer -----------------------------------------------------------------------------------
    addRow("iss other", token(m_rsa, RS256, rsa, {{QStringLiteral("iss"), QStringLiteral("https://evil.example.com")}}),
           QStringLiteral("wrong_issuer"));
    addRow("iss trailing slash", token(m_rsa, RS256, rsa, {{QStringLiteral("iss"), kIssuer + QLatin1Char('/')}}),
           QStringLiteral("wrong_issuer"));
    addRow("iss different case", token(m_rsa, RS256, rsa, {{QStringLiteral("iss"), kIssuer.toUpper()}}),
           QStringLiteral("wrong_issuer"));
    addRow("iss missing", token(m_rsa, RS256, rsa, {}, {QStringLiteral("iss")}), QStringLiteral("wrong_issuer"));
    addRow("iss as array", token(m_rsa, RS256, rsa, {{QStringLiteral("iss"), QJsonArray{kIssuer}}}),
           QStringLiteral("wrong_issuer"));

    // --- audience ---------------------------------------------------------------------------------
    addRow("aud missing", token(m_rsa, RS256, rsa, {}, {QStringLiteral("aud")}), QStringLiteral("wrong_audience"));
    addRow("aud array containing ours",
           token(m_rsa, RS256, rsa,
                 {{QStringLiteral("aud"), QJsonArray{QStringLiteral("https://other.example"), kAudience}}}),
           ok);
    addRow("aud other", token(m_rsa, RS256, rsa, {{QStringLiteral("aud"), QStringLiteral("https://other.example")}}),
           QStringLiteral("wrong_audience"));
    addRow("aud array without ours",
           token(m_rsa, RS256, rsa, {{QStringLiteral("aud"), QJsonArray{QStringLiteral("https://other.example")}}}),
           QStringLiteral("wrong_audience"));
    addRow("aud prefix of ours", token(m_rsa, RS256, rsa, {{QStringLiteral("aud"), kAudience + QLatin1Char('/')}}),
           QStringLiteral("wrong_audience"));

    // --- time -----------------------------------------------------------------------------------
    addRow("exp missing", token(m_rsa, RS256, rsa, {}, {QStringLiteral("exp")}), QStringLiteral("missing_exp"));
    addRow("exp as string", token(m_rsa, RS256, rsa, {{QStringLiteral("exp"), QString::number(kNow + 600)}}),
           QStringLiteral("missing_exp"));
    addRow("expired 61 s ago",
           token(m_rsa, RS256, rsa, {{QStringLiteral("exp"), kNow - 61}, {QStringLiteral("iat"), kNow - 600}}),
           QStringLiteral("expired"));
    addRow("expired 59 s ago (within skew)",
           token(m_rsa, RS256, rsa, {{QStringLiteral("exp"), kNow - 59}, {QStringLiteral("iat"), kNow - 600}}), ok);
    addRow("nbf in 61 s", token(m_rsa, RS256, rsa, {{QStringLiteral("nbf"), kNow + 61}}),
           QStringLiteral("not_yet_valid"));
    addRow("nbf in 59 s", token(m_rsa, RS256, rsa, {{QStringLiteral("nbf"), kNow + 59}}), ok);
    addRow("iat in 61 s", token(m_rsa, RS256, rsa, {{QStringLiteral("iat"), kNow + 61}}),
           QStringLiteral("issued_in_future"));
    addRow("iat in 59 s", token(m_rsa, RS256, rsa, {{QStringLiteral("iat"), kNow + 59}}), ok);
    addRow("fractional exp", token(m_rsa, RS256, rsa, {{QStringLiteral("exp"), double(kNow) + 600.5}}), ok);
    addRow("lifetime 2 days",
           token(m_rsa, RS256, rsa, {{QStringLiteral("iat"), kNow}, {QStringLiteral("exp"), kNow + 2 * 86400}}),
           QStringLiteral("lifetime_too_long"));
    addRow("lifetime 2 days, no iat",
           token(m_rsa, RS256, rsa, {{QStringLiteral("exp"), kNow + 2 * 86400}}, {QStringLiteral("iat")}),
           QStringLiteral("lifetime_too_long"));
    addRow("lifetime exactly 24 h",
           token(m_rsa, RS256, rsa, {{QStringLiteral("iat"), kNow}, {QStringLiteral("exp"), kNow + 86400}}), ok);

    // --- scope ------------------------------------------------------------------------------------
    addRow("scope a b, required a c", token(m_rsa, RS256, rsa, {{QStringLiteral("scope"), QStringLiteral("a b")}}),
           QStringLiteral("insufficient_scope"),
           scopes({QStringLiteral("a"), QStringLiteral("c")}, {QStringLiteral("c")}));
    addRow("scope a b, required a b", token(m_rsa, RS256, rsa, {{QStringLiteral("scope"), QStringLiteral("a  b")}}), ok,
           scopes({QStringLiteral("a"), QStringLiteral("b")}));
    addRow("scp array",
           token(m_rsa, RS256, rsa, {{QStringLiteral("scp"), QJsonArray{QStringLiteral("a"), QStringLiteral("c")}}},
                 {QStringLiteral("scope")}),
           ok, scopes({QStringLiteral("a"), QStringLiteral("c")}));
    addRow("scp string",
           token(m_rsa, RS256, rsa, {{QStringLiteral("scp"), QStringLiteral("a c")}}, {QStringLiteral("scope")}), ok,
           scopes({QStringLiteral("a"), QStringLiteral("c")}));
    addRow("no scope claim", token(m_rsa, RS256, rsa, {}, {QStringLiteral("scope")}),
           QStringLiteral("insufficient_scope"), scopes({QStringLiteral("a")}, {QStringLiteral("a")}));
    addRow("scope as number", token(m_rsa, RS256, rsa, {{QStringLiteral("scope"), 7}}),
           QStringLiteral("insufficient_scope"), scopes({QStringLiteral("7")}, {QStringLiteral("7")}));
    addRow("scope substring does not count",
           token(m_rsa, RS256, rsa, {{QStringLiteral("scope"), QStringLiteral("mcp:readonly")}}),
           QStringLiteral("insufficient_scope"), scopes({QStringLiteral("mcp:read")}, {QStringLiteral("mcp:read")}));
}

void TestJwtVerifier::verify()
{
    QFETCH(QByteArray, token);
    QFETCH(QString, keyset);
    QFETCH(bool, requireAtJwtType);
    QFETCH(QStringList, requiredScopes);
    QFETCH(QString, reason);
    QFETCH(QStringList, missingScopes);
    QFETCH(bool, unknownKid);

    JwtVerifier::Expectations e = expectations();
    e.requireAtJwtType = requireAtJwtType;
    e.requiredScopes = requiredScopes;
    const JwtVerifier::Result result = JwtVerifier::verify(token, this->keyset(keyset), e, kNow);

    QCOMPARE(result.reason, reason);
    QCOMPARE(result.ok, reason.isEmpty());
    QCOMPARE(result.description.isEmpty(), reason.isEmpty());
    QCOMPARE(result.missingScopes, missingScopes);
    QCOMPARE(result.unknownKid, unknownKid);
    if (result.ok) {
        QCOMPARE(result.issuer, kIssuer);
        QVERIFY(result.expiresAt > 0);
    }
}

void TestJwtVerifier::tokenLengthBoundary()
{
    // Grow a claim (and, for base64 granularity, a header member) until the signed token is exactly
    // 8192 bytes, and find one of 8193. Only the chosen candidates are signed (RSA-2048 signatures
    // are always 342 base64url characters).
    constexpr int signatureChars = 342;
    QByteArray exact;
    QByteArray over;
    for (int headerPad = 0; headerPad < 4; ++headerPad) {
        for (int pad = 5000; pad < 6500; ++pad) {
            const QJsonObject h = merged(header(QStringLiteral("RS256"), QStringLiteral("rsa-1")),
                                         {{QStringLiteral("h"), QString(headerPad, QLatin1Char('h'))}});
            const QJsonObject c = merged(claims(), {{QStringLiteral("pad"), QString(pad, QLatin1Char('x'))}});
            const qsizetype size = base64Url(TestSupport::compactJson(h)).size() + 1
                + base64Url(TestSupport::compactJson(c)).size() + 1 + signatureChars;
            if (size == JwtVerifier::MaxTokenBytes && exact.isEmpty())
                exact = makeToken(h, c, m_rsa);
            else if (size == JwtVerifier::MaxTokenBytes + 1 && over.isEmpty())
                over = makeToken(h, c, m_rsa);
            if (size > JwtVerifier::MaxTokenBytes + 1)
                break;
        }
    }
    QCOMPARE(exact.size(), 8192);
    QCOMPARE(over.size(), 8193);
    QVERIFY(JwtVerifier::verify(exact, m_all, expectations(), kNow).ok);
    QCOMPARE(JwtVerifier::verify(over, m_all, expectations(), kNow).reason, QStringLiteral("token_too_long"));
}

void TestJwtVerifier::resultCarriesClaims()
{
    JwtVerifier::Expectations e = expectations();
    e.requiredScopes = {QStringLiteral("mcp:read")};
    const QByteArray t = token(m_ec, QStringLiteral("ES256"), QStringLiteral("ec-1"),
                               {{QStringLiteral("scope"), QStringLiteral("mcp:read mcp:write mcp:read")},
                                {QStringLiteral("scp"), QJsonArray{QStringLiteral("extra")}}});
    const JwtVerifier::Result r = JwtVerifier::verify(t, m_all, e, kNow);
    QVERIFY2(r.ok, qPrintable(r.reason));
    QCOMPARE(r.subject, QStringLiteral("user-1"));
    QCOMPARE(r.issuer, kIssuer);
    QCOMPARE(r.kid, QStringLiteral("ec-1"));
    QCOMPARE(r.algorithm, QStringLiteral("ES256"));
    QCOMPARE(r.expiresAt, kNow + 600);
    QCOMPARE(r.scopes, (QStringList{QStringLiteral("mcp:read"), QStringLiteral("mcp:write"), QStringLiteral("extra")}));
    QCOMPARE(r.claims.value(QStringLiteral("client_id")).toString(), QStringLiteral("client-1"));
    QVERIFY(r.missingScopes.isEmpty());
    QVERIFY(!r.unknownKid);

    // insufficient_scope still reports the authentic principal and what is missing.
    e.requiredScopes = {QStringLiteral("mcp:read"), QStringLiteral("mcp:admin"), QStringLiteral("mcp:root")};
    const JwtVerifier::Result denied = JwtVerifier::verify(t, m_all, e, kNow);
    QCOMPARE(denied.reason, QStringLiteral("insufficient_scope"));
    QCOMPARE(denied.subject, QStringLiteral("user-1"));
    QCOMPARE(denied.missingScopes, (QStringList{QStringLiteral("mcp:admin"), QStringLiteral("mcp:root")}));
}

void TestJwtVerifier::failuresHideClaimsUntilSignatureVerified()
{
    const QByteArray forged = flipSignatureByte(token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1")));
    const JwtVerifier::Result r = JwtVerifier::verify(forged, m_all, expectations(), kNow);
    QCOMPARE(r.reason, QStringLiteral("bad_signature"));
    QVERIFY(r.claims.isEmpty());
    QVERIFY(r.subject.isEmpty());
    QVERIFY(r.issuer.isEmpty());
    QVERIFY(r.scopes.isEmpty());
    QCOMPARE(r.expiresAt, 0);
}

void TestJwtVerifier::emptyExpectationsFailClosed()
{
    const QByteArray t = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"),
                               {{QStringLiteral("iss"), QString()}, {QStringLiteral("aud"), QString()}});
    JwtVerifier::Expectations e; // issuer and audience not configured
    QCOMPARE(JwtVerifier::verify(t, m_all, e, kNow).reason, QStringLiteral("wrong_issuer"));
    e.issuer = QString();
    e.audience = kAudience;
    QCOMPARE(JwtVerifier::verify(t, m_all, e, kNow).reason, QStringLiteral("wrong_issuer"));
    const QByteArray t2
        = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"), {{QStringLiteral("aud"), QString()}});
    e.issuer = kIssuer;
    e.audience = QString();
    QCOMPARE(JwtVerifier::verify(t2, m_all, e, kNow).reason, QStringLiteral("wrong_audience"));
}

void TestJwtVerifier::unknownKidWithSoleKidlessKey()
{
    // A lone JWKS key without kid constrains nothing: a token naming a kid is tried against it.
    const QByteArray good = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("whatever"));
    QVERIFY(JwtVerifier::verify(good, m_singleRsaNoKid, expectations(), kNow).ok);
    const QByteArray bad = token(m_attacker, QStringLiteral("RS256"), QStringLiteral("whatever"));
    QCOMPARE(JwtVerifier::verify(bad, m_singleRsaNoKid, expectations(), kNow).reason, QStringLiteral("bad_signature"));
    // A lone key with a kid does not match another kid.
    const JwtVerifier::Result r = JwtVerifier::verify(good, m_singleRsa, expectations(), kNow);
    QCOMPARE(r.reason, QStringLiteral("unknown_kid"));
    QVERIFY(r.unknownKid);
}

void TestJwtVerifier::descriptionsCarryNoTokenData()
{
    const QString canaryKid = QStringLiteral("kid-canary-7f3a");
    const QList<QByteArray> tokens{
        token(m_rsa, QStringLiteral("RS256"), canaryKid),
        flipSignatureByte(token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"))),
        token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"), {{QStringLiteral("exp"), kNow - 3600}}),
        token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"), {{QStringLiteral("nbf"), kNow + 3600}}),
        token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"),
              {{QStringLiteral("iss"), QStringLiteral("https://canary.example")}}),
        token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"),
              {{QStringLiteral("sub"), QStringLiteral("canary-sub")}}),
    };
    JwtVerifier::Expectations e = expectations();
    e.requiredScopes = {QStringLiteral("canary-scope")};
    const QRegularExpression longNumber(QStringLiteral("\\d{5,}"));
    for (const QByteArray& t : tokens) {
        const JwtVerifier::Result r = JwtVerifier::verify(t, m_all, e, kNow);
        QVERIFY(!r.ok);
        QVERIFY2(!r.description.contains(longNumber), qPrintable(r.description));
        QVERIFY(!r.description.contains(QStringLiteral("canary")));
        for (const QByteArray& part : t.split('.'))
            QVERIFY(!r.description.toLatin1().contains(part.left(12)));
    }
}

// ---- VerifiedTokenCache -------------------------------------------------------------------------

void TestJwtVerifier::cacheHit()
{
    VerifiedTokenCache cache;
    const QByteArray t = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"));
    QVERIFY(!cache.lookup(t, kNow));
    const JwtVerifier::Result r = JwtVerifier::verify(t, m_all, expectations(), kNow);
    QVERIFY(r.ok);
    cache.insert(t, r, kNow);
    QCOMPARE(cache.size(), 1);
    const std::optional<JwtVerifier::Result> hit = cache.lookup(t, kNow + 10);
    QVERIFY(hit);
    QVERIFY(hit->ok);
    QCOMPARE(hit->subject, QStringLiteral("user-1"));
    QVERIFY(!cache.lookup(t + "x", kNow + 10)); // a different token is a miss
}

void TestJwtVerifier::cacheExpiresAtExp()
{
    VerifiedTokenCache cache;
    const QByteArray t
        = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"), {{QStringLiteral("exp"), kNow + 100}});
    const JwtVerifier::Result r = JwtVerifier::verify(t, m_all, expectations(), kNow);
    QVERIFY(r.ok);
    cache.insert(t, r, kNow);
    QVERIFY(cache.lookup(t, kNow + 99));
    QVERIFY(!cache.lookup(t, kNow + 100));
    QCOMPARE(cache.size(), 0);
}

void TestJwtVerifier::cacheExpiresAfterMaxAge()
{
    VerifiedTokenCache cache;
    const QByteArray t
        = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"), {{QStringLiteral("exp"), kNow + 3600}});
    const JwtVerifier::Result r = JwtVerifier::verify(t, m_all, expectations(), kNow);
    QVERIFY(r.ok);
    cache.insert(t, r, kNow);
    QVERIFY(cache.lookup(t, kNow + VerifiedTokenCache::DefaultMaxAgeSeconds - 1));
    QVERIFY(!cache.lookup(t, kNow + VerifiedTokenCache::DefaultMaxAgeSeconds));
}

void TestJwtVerifier::cacheStoresOnlySuccesses()
{
    VerifiedTokenCache cache;
    const QByteArray bad = flipSignatureByte(token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1")));
    const JwtVerifier::Result r = JwtVerifier::verify(bad, m_all, expectations(), kNow);
    QVERIFY(!r.ok);
    cache.insert(bad, r, kNow);
    QCOMPARE(cache.size(), 0);
    QVERIFY(!cache.lookup(bad, kNow));

    // Authentic but denied (insufficient_scope) is not a success either.
    JwtVerifier::Expectations e = expectations();
    e.requiredScopes = {QStringLiteral("mcp:admin")};
    const QByteArray t = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"));
    const JwtVerifier::Result denied = JwtVerifier::verify(t, m_all, e, kNow);
    QCOMPARE(denied.reason, QStringLiteral("insufficient_scope"));
    cache.insert(t, denied, kNow);
    QCOMPARE(cache.size(), 0);

    // A success whose exp already passed is not stored.
    JwtVerifier::Result stale = JwtVerifier::verify(t, m_all, expectations(), kNow);
    QVERIFY(stale.ok);
    cache.insert(t, stale, stale.expiresAt);
    QCOMPARE(cache.size(), 0);
}

void TestJwtVerifier::cacheEvictsLeastRecentlyUsed()
{
    VerifiedTokenCache cache(2);
    QList<QByteArray> tokens;
    for (int i = 0; i < 3; ++i)
        tokens << token(m_ed, QStringLiteral("EdDSA"), QStringLiteral("ed-1"),
                        {{QStringLiteral("jti"), QStringLiteral("jti-%1").arg(i)}});
    for (int i = 0; i < 2; ++i) {
        const JwtVerifier::Result r = JwtVerifier::verify(tokens.at(i), m_all, expectations(), kNow);
        QVERIFY(r.ok);
        cache.insert(tokens.at(i), r, kNow);
    }
    QVERIFY(cache.lookup(tokens.at(0), kNow)); // token 0 becomes the most recently used
    cache.insert(tokens.at(2), JwtVerifier::verify(tokens.at(2), m_all, expectations(), kNow), kNow);
    QCOMPARE(cache.size(), 2);
    QVERIFY(cache.lookup(tokens.at(0), kNow));
    QVERIFY(!cache.lookup(tokens.at(1), kNow)); // evicted
    QVERIFY(cache.lookup(tokens.at(2), kNow));
}

void TestJwtVerifier::cacheClear()
{
    VerifiedTokenCache cache;
    const QByteArray t = token(m_rsa, QStringLiteral("RS256"), QStringLiteral("rsa-1"));
    cache.insert(t, JwtVerifier::verify(t, m_all, expectations(), kNow), kNow);
    QCOMPARE(cache.size(), 1);
    cache.clear();
    QCOMPARE(cache.size(), 0);
    QVERIFY(!cache.lookup(t, kNow));
}

QTEST_GUILESS_MAIN(TestJwtVerifier)
#include "tst_jwtverifier.moc"
