// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>

struct evp_pkey_st;
struct x509_st;

// Certificates made at test time with OpenSSL EVP/X509: a CA, server certificates (subjectAltName
// DNS and IP entries, serverAuth) and client certificates (clientAuth), RSA 2048 or EC P-256 keys.
// Test code only: nothing here is hardened.
namespace TestSupport {

enum class TestKeyType { Rsa, Ec };

struct TestCredential
{
    QByteArray certificatePem;
    QByteArray certificateDer;
    QByteArray privateKeyPem; // unencrypted PKCS#8 ("BEGIN PRIVATE KEY")
    QByteArray traditionalPrivateKeyPem; // PKCS#1 "BEGIN RSA PRIVATE KEY" / SEC1 "BEGIN EC PRIVATE KEY"
    bool isNull() const { return certificatePem.isEmpty(); }
};

class TestCertificateAuthority
{
public:
    explicit TestCertificateAuthority(const QString& commonName, TestKeyType keyType = TestKeyType::Ec);

    bool isNull() const { return !m_cert; }
    QByteArray certificatePem() const;
    QByteArray certificateDer() const;

    // validFromDays/validDays: notBefore = now + validFromDays, notAfter = notBefore + validDays.
    TestCredential issueServer(const QString& commonName, const QStringList& dnsNames, const QStringList& ipAddresses,
                               TestKeyType keyType = TestKeyType::Ec, int validFromDays = 0, int validDays = 2) const;
    TestCredential issueClient(const QString& commonName, TestKeyType keyType = TestKeyType::Ec) const;

private:
    TestCredential issue(const QString& commonName, const QString& subjectAltName, bool server, TestKeyType keyType,
                         int validFromDays, int validDays) const;

    std::shared_ptr<evp_pkey_st> m_key;
    std::shared_ptr<x509_st> m_cert;
};

} // namespace TestSupport
