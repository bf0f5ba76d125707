// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestJwtIssuer.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

namespace TestSupport {

namespace {

std::shared_ptr<EVP_PKEY> adopt(EVP_PKEY* key)
{
    return key ? std::shared_ptr<EVP_PKEY>(key, [](EVP_PKEY* p) { EVP_PKEY_free(p); }) : nullptr;
}

int coordinateBytes(const QString& curve)
{
    if (curve == QLatin1String("P-256"))
        return 32;
    if (curve == QLatin1String("P-384"))
        return 48;
    if (curve == QLatin1String("P-521"))
        return 66;
    return 0;
}

QByteArray bnParam(EVP_PKEY* key, const char* name, int padTo = 0)
{
    BIGNUM* bn = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &bn) != 1)
        return {};
    const int size = padTo > 0 ? padTo : BN_num_bytes(bn);
    QByteArray out(size, '\0');
    BN_bn2binpad(bn, reinterpret_cast<unsigned char*>(out.data()), size);
    BN_free(bn);
    return out;
}

const EVP_MD* digestFor(const QString& alg)
{
    if (alg.endsWith(QLatin1String("256")))
        return EVP_sha256();
    if (alg.endsWith(QLatin1String("384")))
        return EVP_sha384();
    if (alg.endsWith(QLatin1String("512")))
        return EVP_sha512();
    return nullptr;
}

} // namespace

QByteArray base64Url(const QByteArray& bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray compactJson(const QJsonObject& object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

TestKey TestKey::rsa(int bits)
{
    TestKey key;
    key.m_key = adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", size_t(bits)));
    key.m_kty = QStringLiteral("RSA");
    return key;
}

TestKey TestKey::ec(const QString& curve)
{
    const char* group = curve == QLatin1String("P-384") ? "secp384r1"
        : curve == QLatin1String("P-521")               ? "secp521r1"
                                                        : "prime256v1";
    TestKey key;
    key.m_key = adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", group));
    key.m_kty = QStringLiteral("EC");
    key.m_curve = curve;
    return key;
}

TestKey TestKey::ed25519()
{
    TestKey key;
    key.m_key = adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    key.m_kty = QStringLiteral("OKP");
    key.m_curve = QStringLiteral("Ed25519");
    return key;
}

TestKey TestKey::ed448()
{
    TestKey key;
    key.m_key = adopt(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED448"));
    key.m_kty = QStringLiteral("OKP");
    key.m_curve = QStringLiteral("Ed448");
    return key;
}

QString TestKey::defaultAlg() const
{
    if (m_kty == QLatin1String("RSA"))
        return QStringLiteral("RS256");
    if (m_kty == QLatin1String("OKP"))
        return QStringLiteral("EdDSA");
    if (m_curve == QLatin1String("P-384"))
        return QStringLiteral("ES384");
    if (m_curve == QLatin1String("P-521"))
        return QStringLiteral("ES512");
    return QStringLiteral("ES256");
}

QJsonObject TestKey::publicJwk(const QString& kid, const QString& alg) const
{
    QJsonObject jwk{{QStringLiteral("kty"), m_kty}, {QStringLiteral("use"), QStringLiteral("sig")}};
    if (!kid.isEmpty())
        jwk.insert(QStringLiteral("kid"), kid);
    if (!alg.isEmpty())
        jwk.insert(QStringLiteral("alg"), alg);
    EVP_PKEY* key = m_key.get();
    if (m_kty == QLatin1String("RSA")) {
        jwk.insert(QStringLiteral("n"), QString::fromLatin1(base64Url(bnParam(key, OSSL_PKEY_PARAM_RSA_N))));
        jwk.insert(QStringLiteral("e"), QString::fromLatin1(base64Url(bnParam(key, OSSL_PKEY_PARAM_RSA_E))));
    } else if (m_kty == QLatin1String("EC")) {
        const int size = coordinateBytes(m_curve);
        jwk.insert(QStringLiteral("crv"), m_curve);
        jwk.insert(QStringLiteral("x"), QString::fromLatin1(base64Url(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, size))));
        jwk.insert(QStringLiteral("y"), QString::fromLatin1(base64Url(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, size))));
    } else {
        size_t length = 0;
        EVP_PKEY_get_raw_public_key(key, nullptr, &length);
        QByteArray raw(int(length), '\0');
        EVP_PKEY_get_raw_public_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length);
        jwk.insert(QStringLiteral("crv"), m_curve);
        jwk.insert(QStringLiteral("x"), QString::fromLatin1(base64Url(raw)));
    }
    return jwk;
}

QByteArray TestKey::publicKeyDer() const
{
    const int length = i2d_PUBKEY(m_key.get(), nullptr);
    if (length <= 0)
        return {};
    QByteArray der(length, '\0');
    auto* out = reinterpret_cast<unsigned char*>(der.data());
    i2d_PUBKEY(m_key.get(), &out);
    return der;
}

QByteArray TestKey::publicKeyPem() const
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, m_key.get());
    char* data = nullptr;
    const long length = BIO_get_mem_data(bio, &data);
    QByteArray pem(data, int(length));
    BIO_free(bio);
    return pem;
}

QByteArray TestKey::sign(const QString& alg, const QByteArray& input) const
{
    const bool eddsa
        = alg == QLatin1String("EdDSA") || alg == QLatin1String("Ed25519") || alg == QLatin1String("Ed448");
    const EVP_MD* md = eddsa ? nullptr : digestFor(alg);
    if (!m_key || (!eddsa && !md))
        return {};
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_PKEY_CTX* pctx = nullptr;
    QByteArray signature;
    if (EVP_DigestSignInit(ctx, &pctx, md, nullptr, m_key.get()) == 1) {
        bool ready = true;
        if (alg.startsWith(QLatin1String("PS"))) {
            ready = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) == 1
                && EVP_PKEY_CTX_set_rsa_mgf1_md(pctx, md) == 1
                && EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) == 1;
        } else if (alg.startsWith(QLatin1String("RS"))) {
            ready = EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1;
        }
        size_t length = 0;
        const auto* data = reinterpret_cast<const unsigned char*>(input.constData());
        if (ready && EVP_DigestSign(ctx, nullptr, &length, data, size_t(input.size())) == 1) {
            signature.resize(int(length));
            if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char*>(signature.data()), &length, data,
                               size_t(input.size()))
                == 1)
                signature.resize(int(length));
            else
                signature.clear();
        }
    }
    EVP_MD_CTX_free(ctx);
    ERR_clear_error();

    if (alg.startsWith(QLatin1String("ES")) && !signature.isEmpty()) {
        // DER ECDSA-Sig-Value → JWS raw r||s at the curve's coordinate size (RFC 7518 §3.4).
        const int size = coordinateBytes(m_curve);
        const auto* der = reinterpret_cast<const unsigned char*>(signature.constData());
        ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &der, long(signature.size()));
        if (!sig || size == 0)
            return {};
        QByteArray raw(2 * size, '\0');
        BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), size);
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + size, size);
        ECDSA_SIG_free(sig);
        return raw;
    }
    return signature;
}

QByteArray makeTokenWithSignature(const QJsonObject& header, const QJsonObject& claims, const QByteArray& signature)
{
    return base64Url(compactJson(header)) + '.' + base64Url(compactJson(claims)) + '.' + base64Url(signature);
}

QByteArray makeToken(const QJsonObject& header, const QJsonObject& claims, const TestKey& key,
                     const QString& signingAlg)
{
    const QString alg = signingAlg.isEmpty() ? header.value(QStringLiteral("alg")).toString() : signingAlg;
    const QByteArray input = base64Url(compactJson(header)) + '.' + base64Url(compactJson(claims));
    return input + '.' + base64Url(key.sign(alg, input));
}

QByteArray makeHmacToken(const QJsonObject& header, const QJsonObject& claims, const QByteArray& secret)
{
    const QString alg = header.value(QStringLiteral("alg")).toString();
    const QCryptographicHash::Algorithm hash = alg == QLatin1String("HS384") ? QCryptographicHash::Sha384
        : alg == QLatin1String("HS512")                                      ? QCryptographicHash::Sha512
                                                                             : QCryptographicHash::Sha256;
    const QByteArray input = base64Url(compactJson(header)) + '.' + base64Url(compactJson(claims));
    return input + '.' + base64Url(QMessageAuthenticationCode::hash(input, secret, hash));
}

} // namespace TestSupport
