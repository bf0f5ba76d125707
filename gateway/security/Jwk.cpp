// SPDX-License-Identifier: GPL-3.0-or-later
#include "Jwk.h"

#include <QJsonArray>
#include <QJsonValue>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/rsa.h>

namespace Gateway {

namespace {

constexpr int kMaxKeysPerSet = 100;

// ---- base64url ------------------------------------------------------------------------------------

int base64UrlValue(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '-')
        return 62;
    if (c == '_')
        return 63;
    return -1;
}

// ---- OpenSSL RAII -----------------------------------------------------------------------------------

struct PkeyCtxDeleter
{
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct MdCtxDeleter
{
    void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct ParamBldDeleter
{
    void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamDeleter
{
    void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct BnDeleter
{
    void operator()(BIGNUM* p) const { BN_free(p); }
};
struct EcdsaSigDeleter
{
    void operator()(ECDSA_SIG* p) const { ECDSA_SIG_free(p); }
};
using PkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, PkeyCtxDeleter>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, ParamBldDeleter>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, ParamDeleter>;
using BnPtr = std::unique_ptr<BIGNUM, BnDeleter>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, EcdsaSigDeleter>;

std::shared_ptr<EVP_PKEY> adoptKey(EVP_PKEY* key)
{
    return std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* p) { EVP_PKEY_free(p); });
}

// Any failure path leaves OpenSSL's per-thread error queue clean for the next caller.
struct ErrorQueueGuard
{
    ~ErrorQueueGuard() { ERR_clear_error(); }
};

// ---- algorithm table --------------------------------------------------------------------------------

enum class Family { RsaPkcs1, RsaPss, Ecdsa, EdDsa };

struct AlgInfo
{
    const char* name;
    Family family;
    const EVP_MD* (*digest)();
};

const AlgInfo kAlgorithms[] = {
    {"RS256", Family::RsaPkcs1, EVP_sha256}, {"RS384", Family::RsaPkcs1, EVP_sha384},
    {"RS512", Family::RsaPkcs1, EVP_sha512}, {"PS256", Family::RsaPss, EVP_sha256},
    {"PS384", Family::RsaPss, EVP_sha384},   {"PS512", Family::RsaPss, EVP_sha512},
    {"ES256", Family::Ecdsa, EVP_sha256},    {"ES384", Family::Ecdsa, EVP_sha384},
    {"ES512", Family::Ecdsa, EVP_sha512},    {"EdDSA", Family::EdDsa, nullptr},
    {"Ed25519", Family::EdDsa, nullptr},     {"Ed448", Family::EdDsa, nullptr},
};

const AlgInfo* findAlg(const QString& alg)
{
    for (const AlgInfo& info : kAlgorithms) {
        if (alg == QLatin1String(info.name))
            return &info;
    }
    return nullptr;
}

const QStringList& rsaAlgorithms()
{
    static const QStringList algs{QStringLiteral("RS256"), QStringLiteral("RS384"), QStringLiteral("RS512"),
                                  QStringLiteral("PS256"), QStringLiteral("PS384"), QStringLiteral("PS512")};
    return algs;
}

struct CurveInfo
{
    const char* jwkName; // "crv" in the JWK
    const char* opensslName; // OpenSSL group / key type name
    const char* alg; // the one JWS alg for ECDSA curves; the fully specified one for OKP
    int keyBytes; // EC: one coordinate; OKP: the raw public key
    bool okp;
};

const CurveInfo kCurves[] = {
    {"P-256", "prime256v1", "ES256", 32, false}, {"P-384", "secp384r1", "ES384", 48, false},
    {"P-521", "secp521r1", "ES512", 66, false},  {"Ed25519", "ED25519", "Ed25519", 32, true},
    {"Ed448", "ED448", "Ed448", 57, true},
};

const CurveInfo* findCurve(const QString& crv, bool okp)
{
    for (const CurveInfo& info : kCurves) {
        if (info.okp == okp && crv == QLatin1String(info.jwkName))
            return &info;
    }
    return nullptr;
}

// ---- JWK member helpers -----------------------------------------------------------------------------

bool fail(QString* error, const QString& text)
{
    if (error)
        *error = text;
    return false;
}

// Reads a required base64url member. Missing, non-string or badly encoded → nullopt.
std::optional<QByteArray> binaryMember(const QJsonObject& json, const QString& name)
{
    const QJsonValue value = json.value(name);
    if (!value.isString())
        return std::nullopt;
    const QString text = value.toString();
    for (const QChar c : text) {
        if (c.unicode() > 0x7f)
            return std::nullopt;
    }
    return decodeBase64UrlStrict(text.toLatin1());
}

std::shared_ptr<EVP_PKEY> keyFromParams(const char* keyType, OSSL_PARAM_BLD* builder)
{
    ParamPtr params(OSSL_PARAM_BLD_to_param(builder));
    if (!params)
        return {};
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, keyType, nullptr));
    if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1)
        return {};
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || !key)
        return {};
    return adoptKey(key);
}

bool publicKeyChecks(EVP_PKEY* key)
{
    PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, key, nullptr));
    return ctx && EVP_PKEY_public_check(ctx.get()) == 1;
}

QByteArray stripLeadingZeros(QByteArray bytes)
{
    int i = 0;
    while (i < bytes.size() && bytes.at(i) == '\0')
        ++i;
    return bytes.mid(i);
}

std::shared_ptr<EVP_PKEY> buildRsa(const QJsonObject& json, QString* error)
{
    const std::optional<QByteArray> nRaw = binaryMember(json, QStringLiteral("n"));
    const std::optional<QByteArray> eRaw = binaryMember(json, QStringLiteral("e"));
    if (!nRaw || !eRaw) {
        fail(error, QStringLiteral("RSA key needs base64url members n and e"));
        return {};
    }
    // RFC 7518 §6.3.1 asks for minimal encodings; some servers pad with zeros, which is harmless.
    const QByteArray n = stripLeadingZeros(*nRaw);
    const QByteArray e = stripLeadingZeros(*eRaw);
    if (n.size() * 8 > Jwk::MaxRsaBits) {
        fail(error, QStringLiteral("RSA modulus larger than %1 bits").arg(Jwk::MaxRsaBits));
        return {};
    }
    // The exponent must be odd and at least 3 (e = 1 would make every "signature" verify);
    // 8 bytes is far beyond anything a real key uses.
    if (e.isEmpty() || e.size() > 8 || (quint8(e.back()) & 1) == 0 || (e.size() == 1 && quint8(e.at(0)) < 3)) {
        fail(error, QStringLiteral("RSA public exponent not acceptable"));
        return {};
    }
    BnPtr nBn(BN_bin2bn(reinterpret_cast<const unsigned char*>(n.constData()), int(n.size()), nullptr));
    BnPtr eBn(BN_bin2bn(reinterpret_cast<const unsigned char*>(e.constData()), int(e.size()), nullptr));
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!nBn || !eBn || !builder || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, nBn.get()) != 1
        || OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, eBn.get()) != 1) {
        fail(error, QStringLiteral("RSA key could not be built"));
        return {};
    }
    std::shared_ptr<EVP_PKEY> key = keyFromParams("RSA", builder.get());
    if (!key) {
        fail(error, QStringLiteral("RSA key could not be built"));
        return {};
    }
    const int bits = EVP_PKEY_get_bits(key.get());
    if (bits < Jwk::MinRsaBits) {
        fail(error, QStringLiteral("RSA key of %1 bits refused (minimum %2)").arg(bits).arg(Jwk::MinRsaBits));
        return {};
    }
    return key;
}

std::shared_ptr<EVP_PKEY> buildEc(const QJsonObject& json, const CurveInfo& curve, QString* error)
{
    const std::optional<QByteArray> x = binaryMember(json, QStringLiteral("x"));
    const std::optional<QByteArray> y = binaryMember(json, QStringLiteral("y"));
    if (!x || !y) {
        fail(error, QStringLiteral("EC key needs base64url members x and y"));
        return {};
    }
    // RFC 7518 §6.2.1.2–3: both coordinates MUST be the full field length.
    if (x->size() != curve.keyBytes || y->size() != curve.keyBytes) {
        fail(error,
             QStringLiteral("EC coordinates must be %1 bytes for %2")
                 .arg(curve.keyBytes)
                 .arg(QLatin1String(curve.jwkName)));
        return {};
    }
    const QByteArray point = QByteArray(1, '\x04') + *x + *y; // SEC1 uncompressed point
    ParamBldPtr builder(OSSL_PARAM_BLD_new());
    if (!builder
        || OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, curve.opensslName, 0) != 1
        || OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.constData(),
                                            size_t(point.size()))
            != 1) {
        fail(error, QStringLiteral("EC key could not be built"));
        return {};
    }
    std::shared_ptr<EVP_PKEY> key = keyFromParams("EC", builder.get());
    if (!key || !publicKeyChecks(key.get())) {
        fail(error, QStringLiteral("EC point is not a valid public key on %1").arg(QLatin1String(curve.jwkName)));
        return {};
    }
    return key;
}

std::shared_ptr<EVP_PKEY> buildOkp(const QJsonObject& json, const CurveInfo& curve, QString* error)
{
    const std::optional<QByteArray> x = binaryMember(json, QStringLiteral("x"));
    if (!x || x->size() != curve.keyBytes) {
        fail(error, QStringLiteral("OKP key needs a %1-byte base64url member x").arg(curve.keyBytes));
        return {};
    }
    EVP_PKEY* raw = EVP_PKEY_new_raw_public_key_ex(
        nullptr, curve.opensslName, nullptr, reinterpret_cast<const unsigned char*>(x->constData()), size_t(x->size()));
    if (!raw) {
        fail(error, QStringLiteral("%1 key could not be built").arg(QLatin1String(curve.jwkName)));
        return {};
    }
    return adoptKey(raw);
}

QString printableKid(const QString& kid)
{
    QString out;
    for (const QChar c : kid.left(64))
        out += (c.unicode() >= 0x20 && c.unicode() < 0x7f) ? c : QLatin1Char('?');
    if (kid.size() > 64)
        out += QStringLiteral("…");
    return out;
}

// DER-encodes a JWS ECDSA signature (raw big-endian r || s, RFC 7518 §3.4) for EVP_DigestVerify.
std::optional<QByteArray> ecdsaRawToDer(const QByteArray& raw, int coordinateBytes)
{
    if (raw.size() != 2 * coordinateBytes)
        return std::nullopt;
    const auto* bytes = reinterpret_cast<const unsigned char*>(raw.constData());
    BnPtr r(BN_bin2bn(bytes, coordinateBytes, nullptr));
    BnPtr s(BN_bin2bn(bytes + coordinateBytes, coordinateBytes, nullptr));
    EcdsaSigPtr sig(ECDSA_SIG_new());
    if (!r || !s || !sig || ECDSA_SIG_set0(sig.get(), r.get(), s.get()) != 1)
        return std::nullopt;
    r.release(); // now owned by sig
    s.release();
    const int length = i2d_ECDSA_SIG(sig.get(), nullptr);
    if (length <= 0)
        return std::nullopt;
    QByteArray der(length, Qt::Uninitialized);
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    if (i2d_ECDSA_SIG(sig.get(), &out) != length)
        return std::nullopt;
    return der;
}

} // namespace

// ---- base64url ------------------------------------------------------------------------------------

std::optional<QByteArray> decodeBase64UrlStrict(const QByteArray& text)
{
    const qsizetype length = text.size();
    if (length % 4 == 1)
        return std::nullopt;
    QByteArray out;
    out.reserve(length * 3 / 4 + 1);
    quint32 buffer = 0;
    int bits = 0;
    for (const char c : text) {
        const int value = base64UrlValue(c);
        if (value < 0)
            return std::nullopt;
        buffer = (buffer << 6) | quint32(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.append(char((buffer >> bits) & 0xff));
        }
    }
    // Leftover bits (2 or 4) must be zero, or two different strings would decode to the same bytes.
    if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0)
        return std::nullopt;
    return out;
}

// ---- Jwk ------------------------------------------------------------------------------------------

const QStringList& Jwk::supportedAlgorithms()
{
    static const QStringList algs = [] {
        QStringList list;
        for (const AlgInfo& info : kAlgorithms)
            list << QLatin1String(info.name);
        return list;
    }();
    return algs;
}

std::optional<Jwk> Jwk::fromJson(const QJsonObject& json, QString* error)
{
    ErrorQueueGuard errorGuard;

    const QJsonValue ktyValue = json.value(QStringLiteral("kty"));
    if (!ktyValue.isString()) {
        fail(error, QStringLiteral("kty missing"));
        return std::nullopt;
    }
    const QString kty = ktyValue.toString();

    Jwk jwk;
    const QJsonValue kidValue = json.value(QStringLiteral("kid"));
    if (!kidValue.isUndefined()) {
        if (!kidValue.isString()) {
            fail(error, QStringLiteral("kid is not a string"));
            return std::nullopt;
        }
        jwk.m_kid = kidValue.toString();
        if (jwk.m_kid.size() > MaxKidLength) {
            fail(error, QStringLiteral("kid longer than %1 characters").arg(MaxKidLength));
            return std::nullopt;
        }
    }

    const QJsonValue useValue = json.value(QStringLiteral("use"));
    if (!useValue.isUndefined() && useValue != QJsonValue(QStringLiteral("sig"))) {
        fail(error, QStringLiteral("not a signature key (use is not \"sig\")"));
        return std::nullopt;
    }
    const QJsonValue opsValue = json.value(QStringLiteral("key_ops"));
    if (!opsValue.isUndefined() && !(opsValue.isArray() && opsValue.toArray().contains(QStringLiteral("verify")))) {
        fail(error, QStringLiteral("not a verification key (key_ops lacks \"verify\")"));
        return std::nullopt;
    }

    // A published JWKS must never carry private or symmetric key material; refuse rather than use it.
    static const char* const privateMembers[] = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"};
    for (const char* member : privateMembers) {
        if (json.contains(QLatin1String(member))) {
            fail(error, QStringLiteral("private or symmetric key material present"));
            return std::nullopt;
        }
    }

    const QJsonValue algValue = json.value(QStringLiteral("alg"));
    if (!algValue.isUndefined()) {
        if (!algValue.isString()) {
            fail(error, QStringLiteral("alg is not a string"));
            return std::nullopt;
        }
        jwk.m_alg = algValue.toString();
        if (!findAlg(jwk.m_alg)) {
            fail(error, QStringLiteral("alg not supported for signature verification"));
            return std::nullopt;
        }
    }

    const QString crv = json.value(QStringLiteral("crv")).toString();
    if (kty == QLatin1String("RSA")) {
        jwk.m_type = KeyType::Rsa;
        if (!jwk.m_alg.isEmpty() && !rsaAlgorithms().contains(jwk.m_alg)) {
            fail(error, QStringLiteral("alg does not fit an RSA key"));
            return std::nullopt;
        }
        jwk.m_key = buildRsa(json, error);
    } else if (kty == QLatin1String("EC")) {
        jwk.m_type = KeyType::Ec;
        const CurveInfo* curve = findCurve(crv, false);
        if (!curve) {
            fail(error, QStringLiteral("EC curve not supported"));
            return std::nullopt;
        }
        jwk.m_curve = crv;
        if (!jwk.m_alg.isEmpty() && jwk.m_alg != QLatin1String(curve->alg)) {
            fail(error, QStringLiteral("alg does not fit curve %1").arg(crv));
            return std::nullopt;
        }
        jwk.m_key = buildEc(json, *curve, error);
    } else if (kty == QLatin1String("OKP")) {
        jwk.m_type = KeyType::Okp;
        const CurveInfo* curve = findCurve(crv, true);
        if (!curve) {
            fail(error, QStringLiteral("OKP curve not supported for signatures"));
            return std::nullopt;
        }
        jwk.m_curve = crv;
        if (!jwk.m_alg.isEmpty() && jwk.m_alg != QLatin1String("EdDSA") && jwk.m_alg != QLatin1String(curve->alg)) {
            fail(error, QStringLiteral("alg does not fit curve %1").arg(crv));
            return std::nullopt;
        }
        jwk.m_key = buildOkp(json, *curve, error);
    } else {
        fail(error, QStringLiteral("key type not supported for signature verification"));
        return std::nullopt;
    }
    if (!jwk.m_key)
        return std::nullopt; // builder set the error
    jwk.m_bits = EVP_PKEY_get_bits(jwk.m_key.get());
    return jwk;
}

QString Jwk::kty() const
{
    switch (m_type) {
    case KeyType::Rsa: return QStringLiteral("RSA");
    case KeyType::Ec: return QStringLiteral("EC");
    case KeyType::Okp: return QStringLiteral("OKP");
    }
    return {};
}

QStringList Jwk::allowedAlgorithms() const
{
    if (!m_alg.isEmpty())
        return {m_alg};
    switch (m_type) {
    case KeyType::Rsa: return rsaAlgorithms();
    case KeyType::Ec: {
        const CurveInfo* curve = findCurve(m_curve, false);
        return curve ? QStringList{QLatin1String(curve->alg)} : QStringList{};
    }
    case KeyType::Okp: {
        const CurveInfo* curve = findCurve(m_curve, true);
        return curve ? QStringList{QStringLiteral("EdDSA"), QLatin1String(curve->alg)} : QStringList{};
    }
    }
    return {};
}

bool Jwk::allowsAlg(const QString& alg) const
{
    return m_key && findAlg(alg) && allowedAlgorithms().contains(alg);
}

bool Jwk::verify(const QString& alg, const QByteArray& signingInput, const QByteArray& signature) const
{
    if (!allowsAlg(alg))
        return false;
    const AlgInfo* info = findAlg(alg);
    ErrorQueueGuard errorGuard;

    QByteArray sig = signature;
    if (info->family == Family::Ecdsa) {
        const CurveInfo* curve = findCurve(m_curve, false);
        const std::optional<QByteArray> der = curve ? ecdsaRawToDer(signature, curve->keyBytes) : std::nullopt;
        if (!der)
            return false;
        sig = *der;
    }

    MdCtxPtr mdCtx(EVP_MD_CTX_new());
    if (!mdCtx)
        return false;
    EVP_PKEY_CTX* pkeyCtx = nullptr; // owned by mdCtx
    const EVP_MD* digest = info->digest ? info->digest() : nullptr;
    if (EVP_DigestVerifyInit(mdCtx.get(), &pkeyCtx, digest, nullptr, m_key.get()) != 1)
        return false;
    if (info->family == Family::RsaPkcs1) {
        if (EVP_PKEY_CTX_set_rsa_padding(pkeyCtx, RSA_PKCS1_PADDING) != 1)
            return false;
    } else if (info->family == Family::RsaPss) {
        // RFC 7518 §3.5: MGF1 with the same hash, salt length = hash length.
        if (EVP_PKEY_CTX_set_rsa_padding(pkeyCtx, RSA_PKCS1_PSS_PADDING) != 1
            || EVP_PKEY_CTX_set_rsa_mgf1_md(pkeyCtx, digest) != 1
            || EVP_PKEY_CTX_set_rsa_pss_saltlen(pkeyCtx, RSA_PSS_SALTLEN_DIGEST) != 1)
            return false;
    }
    return EVP_DigestVerify(mdCtx.get(), reinterpret_cast<const unsigned char*>(sig.constData()), size_t(sig.size()),
                            reinterpret_cast<const unsigned char*>(signingInput.constData()),
                            size_t(signingInput.size()))
        == 1;
}

// ---- JwkSet ---------------------------------------------------------------------------------------

JwkSet JwkSet::fromJson(const QJsonObject& jwks, QStringList* warnings)
{
    auto warn = [warnings](const QString& text) {
        if (warnings)
            warnings->append(text);
    };

    JwkSet set;
    const QJsonValue keysValue = jwks.value(QStringLiteral("keys"));
    if (!keysValue.isArray()) {
        warn(QStringLiteral("JWKS has no \"keys\" array"));
        return set;
    }
    const QJsonArray keys = keysValue.toArray();
    if (keys.size() > kMaxKeysPerSet)
        warn(QStringLiteral("JWKS holds %1 keys; only the first %2 are considered")
                 .arg(keys.size())
                 .arg(kMaxKeysPerSet));

    QList<Jwk> usable;
    QList<int> indexes; // position in the document, for warnings
    for (int i = 0; i < keys.size() && i < kMaxKeysPerSet; ++i) {
        const QJsonValue entry = keys.at(i);
        if (!entry.isObject()) {
            warn(QStringLiteral("key #%1 skipped: not a JSON object").arg(i));
            continue;
        }
        QString error;
        std::optional<Jwk> jwk = Jwk::fromJson(entry.toObject(), &error);
        if (!jwk) {
            const QString kid = entry.toObject().value(QStringLiteral("kid")).toString();
            warn(kid.isEmpty()
                     ? QStringLiteral("key #%1 skipped: %2").arg(i).arg(error)
                     : QStringLiteral("key #%1 (kid \"%2\") skipped: %3").arg(i).arg(printableKid(kid), error));
            continue;
        }
        usable.append(*jwk);
        indexes.append(i);
    }

    for (int u = 0; u < usable.size(); ++u) {
        const Jwk& jwk = usable.at(u);
        if (jwk.kid().isEmpty() && usable.size() > 1) {
            warn(QStringLiteral("key #%1 skipped: no kid, and the JWKS holds several keys").arg(indexes.at(u)));
            continue;
        }
        QList<int>& sameKid = set.m_byKid[jwk.kid()];
        bool duplicate = false;
        for (int existing : sameKid)
            duplicate = duplicate || set.m_keys.at(existing).keyType() == jwk.keyType();
        if (duplicate) {
            warn(QStringLiteral("key #%1 (kid \"%2\") skipped: kid already used by a key of the same type")
                     .arg(indexes.at(u))
                     .arg(printableKid(jwk.kid())));
            continue;
        }
        sameKid.append(int(set.m_keys.size()));
        set.m_keys.append(jwk);
    }
    return set;
}

QStringList JwkSet::kids() const
{
    QStringList out;
    for (const Jwk& jwk : m_keys) {
        if (!out.contains(jwk.kid()))
            out.append(jwk.kid());
    }
    return out;
}

QList<Jwk> JwkSet::keysForKid(const QString& kid) const
{
    QList<Jwk> out;
    const auto it = m_byKid.constFind(kid);
    if (it == m_byKid.cend())
        return out;
    for (int index : *it)
        out.append(m_keys.at(index));
    return out;
}

std::optional<Jwk> JwkSet::soleKey() const
{
    if (m_keys.size() != 1)
        return std::nullopt;
    return m_keys.first();
}

} // namespace Gateway
