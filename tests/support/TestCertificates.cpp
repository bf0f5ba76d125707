// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestCertificates.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

namespace TestSupport {

namespace {

std::shared_ptr<EVP_PKEY> generateKey(TestKeyType type)
{
    EVP_PKEY* key = type == TestKeyType::Rsa ? EVP_RSA_gen(2048) : EVP_EC_gen("P-256");
    return std::shared_ptr<EVP_PKEY>(key, EVP_PKEY_free);
}

QByteArray readBio(BIO* bio)
{
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return QByteArray(data, int(size));
}

QByteArray certToPem(X509* cert)
{
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    const QByteArray out = readBio(bio);
    BIO_free(bio);
    return out;
}

QByteArray certToDer(X509* cert)
{
    unsigned char* der = nullptr;
    const int size = i2d_X509(cert, &der);
    if (size <= 0)
        return {};
    const QByteArray out(reinterpret_cast<const char*>(der), size);
    OPENSSL_free(der);
    return out;
}

bool addExtension(X509* cert, X509* issuer, int nid, const QByteArray& value)
{
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.constData());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

// Subject, issuer, validity, serial and public key; extensions and the signature come later.
std::shared_ptr<X509> makeCertificate(EVP_PKEY* subjectKey, const QString& commonName, X509* issuerCert,
                                      int validFromDays, int validDays)
{
    std::shared_ptr<X509> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    unsigned char serial[16];
    RAND_bytes(serial, sizeof serial);
    serial[0] &= 0x7F;
    BIGNUM* bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert.get()));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), long(validFromDays) * 86400 - 60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), long(validFromDays + validDays) * 86400);
    X509_set_pubkey(cert.get(), subjectKey);
    X509_NAME* name = X509_get_subject_name(cert.get());
    const QByteArray cn = commonName.toUtf8();
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("Portcullis tests"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.constData()), -1,
                               -1, 0);
    X509_set_issuer_name(cert.get(), issuerCert ? X509_get_subject_name(issuerCert) : name);
    return cert;
}

bool sign(X509* cert, EVP_PKEY* key)
{
    return X509_sign(cert, key, EVP_sha256()) > 0;
}

} // namespace

TestCertificateAuthority::TestCertificateAuthority(const QString& commonName, TestKeyType keyType)
{
    auto key = generateKey(keyType);
    if (!key)
        return;
    auto cert = makeCertificate(key.get(), commonName, nullptr, 0, 30);
    bool ok = addExtension(cert.get(), cert.get(), NID_basic_constraints, "critical,CA:TRUE")
        && addExtension(cert.get(), cert.get(), NID_key_usage, "critical,keyCertSign,cRLSign")
        && addExtension(cert.get(), cert.get(), NID_subject_key_identifier, "hash")
        && addExtension(cert.get(), cert.get(), NID_authority_key_identifier, "keyid:always")
        && sign(cert.get(), key.get());
    if (!ok)
        return;
    m_key = key;
    m_cert = cert;
}

QByteArray TestCertificateAuthority::certificatePem() const
{
    return m_cert ? certToPem(m_cert.get()) : QByteArray();
}

QByteArray TestCertificateAuthority::certificateDer() const
{
    return m_cert ? certToDer(m_cert.get()) : QByteArray();
}

TestCredential TestCertificateAuthority::issueServer(const QString& commonName, const QStringList& dnsNames,
                                                     const QStringList& ipAddresses, TestKeyType keyType,
                                                     int validFromDays, int validDays) const
{
    QStringList san;
    for (const QString& d : dnsNames)
        san.append(QStringLiteral("DNS:") + d);
    for (const QString& ip : ipAddresses)
        san.append(QStringLiteral("IP:") + ip);
    return issue(commonName, san.join(QLatin1Char(',')), true, keyType, validFromDays, validDays);
}

TestCredential TestCertificateAuthority::issueClient(const QString& commonName, TestKeyType keyType) const
{
    return issue(commonName, QString(), false, keyType, 0, 2);
}

TestCredential TestCertificateAuthority::issue(const QString& commonName, const QString& subjectAltName, bool server,
                                               TestKeyType keyType, int validFromDays, int validDays) const
{
    TestCredential out;
    if (!m_cert)
        return out;
    auto key = generateKey(keyType);
    if (!key)
        return out;
    auto cert = makeCertificate(key.get(), commonName, m_cert.get(), validFromDays, validDays);
    const QByteArray usage = keyType == TestKeyType::Rsa ? QByteArray("critical,digitalSignature,keyEncipherment")
                                                         : QByteArray("critical,digitalSignature");
    bool ok = addExtension(cert.get(), m_cert.get(), NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(cert.get(), m_cert.get(), NID_key_usage, usage)
        && addExtension(cert.get(), m_cert.get(), NID_ext_key_usage, server ? "serverAuth" : "clientAuth")
        && addExtension(cert.get(), m_cert.get(), NID_subject_key_identifier, "hash")
        && addExtension(cert.get(), m_cert.get(), NID_authority_key_identifier, "keyid:always");
    if (ok && !subjectAltName.isEmpty())
        ok = addExtension(cert.get(), m_cert.get(), NID_subject_alt_name, subjectAltName.toUtf8());
    if (!ok || !sign(cert.get(), m_key.get()))
        return out;

    out.certificatePem = certToPem(cert.get());
    out.certificateDer = certToDer(cert.get());
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    out.privateKeyPem = readBio(bio);
    BIO_free(bio);
    bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PrivateKey_traditional(bio, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    out.traditionalPrivateKeyPem = readBio(bio);
    BIO_free(bio);
    return out;
}

} // namespace TestSupport
