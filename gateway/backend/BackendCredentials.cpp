// SPDX-License-Identifier: GPL-3.0-or-later
#include "BackendCredentials.h"
#include "ClientCredentialsTokenSource.h"

#include "secrets/SecretBytes.h"
#include "secrets/SecretReference.h"
#include "secrets/SecretResolver.h"

#include <QCryptographicHash>
#include <QMetaObject>
#include <QSet>
#include <QSslCertificate>
#include <QSslKey>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstring>
#include <memory>

namespace Gateway {

namespace {

constexpr int MaxHeaderValueBytes = 8 * 1024;

// Lower-case names; see strippedInboundHeaders() for the reasons.
const QList<QByteArray>& strippedNames()
{
    static const QList<QByteArray> names{
        // MCP transport
        "mcp-session-id", "mcp-protocol-version", "mcp-method", "mcp-name", "last-event-id",
        // framing and negotiation done by the backend client
        "host", "content-length", "content-type", "accept", "accept-encoding", "expect", "user-agent", "origin",
        // hop-by-hop (Proxy-Authorization is meant for the next proxy, never for the backend)
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade"};
    return names;
}

// Fields a configured custom token header must not be: they frame the request or are hop-by-hop.
bool isReservedRequestField(const QByteArray& lowerName)
{
    static const QSet<QByteArray> reserved{
        "host", "content-length", "transfer-encoding", "connection", "keep-alive", "proxy-connection",
        "te",   "trailer",        "upgrade",           "expect"};
    return reserved.contains(lowerName);
}

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

QString refProblem(const QString& field, const QString& ref)
{
    if (ref.trimmed().isEmpty())
        return QStringLiteral("backend auth: %1 is not set").arg(field);
    const SecretReference parsed = SecretReference::parse(ref);
    if (!parsed.isValid()) // never quote it: it may be a secret pasted where its reference belongs
        return QStringLiteral("backend auth: %1 is not a valid secret reference (%2)").arg(field, parsed.error);
    return {};
}

struct BioDeleter
{
    void operator()(BIO* b) const { BIO_free(b); }
};
struct PkeyDeleter
{
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Deleter
{
    void operator()(X509* x) const { X509_free(x); }
};

int noPassphrase(char*, int, int, void*)
{
    return -1; // never prompt on a terminal
}

// Whether the PEM private key belongs to the DER certificate (OpenSSL X509_check_private_key).
bool keyMatchesCertificate(const QByteArray& keyPem, const QByteArray& certDer)
{
    std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    if (!bio)
        return false;
    std::unique_ptr<EVP_PKEY, PkeyDeleter> key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
    if (!key)
        return false;
    const auto* der = reinterpret_cast<const unsigned char*>(certDer.constData());
    std::unique_ptr<X509, X509Deleter> cert(d2i_X509(nullptr, &der, long(certDer.size())));
    if (!cert)
        return false;
    return X509_check_private_key(cert.get(), key.get()) == 1;
}

bool isEncryptedPem(const QByteArray& pem)
{
    return pem.contains("ENCRYPTED");
}

} // namespace

struct BackendCredentials::Job
{
    BackendAuth auth;
    QString caRef;
    QList<QPair<QString, QString>> refs; // (field, reference) still to resolve, in order
    QHash<QString, QByteArray> values; // field -> secret value (private deep copies, scrubbed)
    Callback callback;

    ~Job()
    {
        for (auto it = values.begin(); it != values.end(); ++it)
            SecretBytes::wipeAndClear(it.value());
    }
};

BackendCredentials::BackendCredentials(SecretResolver* resolver, QObject* parent)
    : QObject(parent)
    , m_resolver(resolver)
{
}

BackendCredentials::~BackendCredentials() = default;

void BackendCredentials::prepare(const BackendAuth& auth, Callback callback)
{
    prepare(auth, QString(), std::move(callback));
}

void BackendCredentials::prepare(const BackendAuth& auth, const QString& caPemRef, Callback callback)
{
    auto job = std::make_shared<Job>();
    job->auth = auth;
    job->caRef = caPemRef;
    job->callback = std::move(callback);

    QString problem;
    switch (auth.kind) {
    case BackendAuth::Kind::None:
    case BackendAuth::Kind::OAuth2ClientCredentials: // tokens come from tokenSourceFor()
    case BackendAuth::Kind::ElicitedToken: // per-person values come from the ElicitationBroker
    case BackendAuth::Kind::ElicitedOAuth2: break;
    case BackendAuth::Kind::Basic:
        if (auth.username.isEmpty())
            problem = QStringLiteral("backend auth basic: username is not set");
        else if (auth.username.contains(QLatin1Char(':')))
            problem = QStringLiteral("backend auth basic: username must not contain ':'");
        else if (!isValidHeaderValue(auth.username.toUtf8()))
            problem = QStringLiteral("backend auth basic: username contains control characters");
        else
            problem = refProblem(QStringLiteral("secretRef"), auth.secretRef);
        job->refs.append({QStringLiteral("secretRef"), auth.secretRef});
        break;
    case BackendAuth::Kind::Token: {
        const QByteArray name = auth.headerName.toUtf8();
        if (!name.isEmpty() && !isValidHeaderName(name))
            problem = QStringLiteral("backend auth token: headerName is not a valid HTTP header name");
        else if (isReservedRequestField(name.toLower()))
            problem = QStringLiteral("backend auth token: headerName %1 is reserved").arg(auth.headerName);
        else
            problem = refProblem(QStringLiteral("secretRef"), auth.secretRef);
        job->refs.append({QStringLiteral("secretRef"), auth.secretRef});
        break;
    }
    case BackendAuth::Kind::ClientCertificate:
        problem = refProblem(QStringLiteral("certificateRef"), auth.certificateRef);
        if (problem.isEmpty())
            problem = refProblem(QStringLiteral("secretRef"), auth.secretRef);
        job->refs.append({QStringLiteral("certificateRef"), auth.certificateRef});
        job->refs.append({QStringLiteral("secretRef"), auth.secretRef});
        break;
    }
    if (problem.isEmpty() && !caPemRef.isEmpty()) {
        problem = refProblem(QStringLiteral("caCertificateRef"), caPemRef);
        job->refs.append({QStringLiteral("caCertificateRef"), caPemRef});
    }
    if (!problem.isEmpty()) {
        PreparedCredentials failed;
        failed.error = problem;
        deliver(std::move(job->callback), std::move(failed));
        return;
    }
    if (job->refs.isEmpty()) {
        // Nothing to read: still answer from the event loop.
        QMetaObject::invokeMethod(
            this, [this, job]() { finish(job); }, Qt::QueuedConnection);
        return;
    }
    resolveNext(job);
}

void BackendCredentials::resolveNext(const std::shared_ptr<Job>& job)
{
    if (job->refs.isEmpty()) {
        finish(job);
        return;
    }
    const auto [field, ref] = job->refs.takeFirst();
    if (!m_resolver) {
        PreparedCredentials failed;
        failed.error = QStringLiteral("backend secret %1 unavailable: %2")
                           .arg(ref, SecretResult::statusName(SecretResult::Status::Unavailable));
        deliver(std::move(job->callback), std::move(failed));
        return;
    }
    QPointer<BackendCredentials> self(this);
    m_resolver->resolve(ref, [self, job, field = field, ref = ref](const SecretResult& result) {
        if (!self)
            return;
        if (!result.isOk() || result.value.isEmpty()) {
            const auto status = result.isOk() ? SecretResult::Status::NotFound : result.status;
            PreparedCredentials failed;
            failed.error
                = QStringLiteral("backend secret %1 unavailable: %2").arg(ref, SecretResult::statusName(status));
            job->callback(failed);
            return;
        }
        job->values.insert(field, SecretBytes::deepCopy(result.value));
        self->resolveNext(job);
    });
}

void BackendCredentials::finish(const std::shared_ptr<Job>& job)
{
    PreparedCredentials out;
    const BackendAuth& auth = job->auth;
    QList<QSslCertificate> chain;
    QSslKey key;
    QList<QSslCertificate> cas;

    switch (auth.kind) {
    case BackendAuth::Kind::None:
    case BackendAuth::Kind::OAuth2ClientCredentials: // tokens come from tokenSourceFor()
    case BackendAuth::Kind::ElicitedToken: // per-person values come from the ElicitationBroker
    case BackendAuth::Kind::ElicitedOAuth2: break;
    case BackendAuth::Kind::Basic: {
        QByteArray userPass = auth.username.toUtf8() + ':' + job->values.value(QStringLiteral("secretRef"));
        out.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Basic ") + userPass.toBase64()});
        SecretBytes::wipeAndClear(userPass);
        break;
    }
    case BackendAuth::Kind::Token: {
        const QByteArray token = job->values.value(QStringLiteral("secretRef"));
        if (!isValidHeaderValue(token) || token.trimmed().size() != token.size()) {
            out.error = QStringLiteral("backend secret %1 is not usable as a header value "
                                       "(control characters, line breaks or surrounding spaces)")
                            .arg(auth.secretRef);
            return job->callback(out);
        }
        const QByteArray name = auth.headerName.toUtf8();
        if (name.isEmpty() || name.compare("Authorization", Qt::CaseInsensitive) == 0)
            out.headers.append({QByteArrayLiteral("Authorization"), QByteArrayLiteral("Bearer ") + token});
        else
            out.headers.append({name, token});
        break;
    }
    case BackendAuth::Kind::ClientCertificate: {
        const QByteArray certPem = job->values.value(QStringLiteral("certificateRef"));
        chain = QSslCertificate::fromData(certPem, QSsl::Pem);
        if (chain.isEmpty() || chain.first().isNull()) {
            out.error = QStringLiteral("backend certificate %1 holds no PEM certificate").arg(auth.certificateRef);
            return job->callback(out);
        }
        const QByteArray keyPem = job->values.value(QStringLiteral("secretRef"));
        if (isEncryptedPem(keyPem)) {
            out.error = QStringLiteral("backend private key %1 is encrypted; store it unencrypted in the keychain")
                            .arg(auth.secretRef);
            return job->callback(out);
        }
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem, QSsl::PrivateKey);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
        if (key.isNull()) {
            out.error = QStringLiteral("backend private key %1 is not a PEM RSA or EC private key").arg(auth.secretRef);
            return job->callback(out);
        }
        if (!keyMatchesCertificate(keyPem, chain.first().toDer())) {
            out.error = QStringLiteral("backend private key %1 does not belong to the certificate %2")
                            .arg(auth.secretRef, auth.certificateRef);
            return job->callback(out);
        }
        break;
    }
    }

    if (!job->caRef.isEmpty()) {
        cas = QSslCertificate::fromData(job->values.value(QStringLiteral("caCertificateRef")), QSsl::Pem);
        if (cas.isEmpty() || cas.first().isNull()) {
            out.error = QStringLiteral("backend CA certificate %1 holds no PEM certificate").arg(job->caRef);
            return job->callback(out);
        }
    }

    if (!chain.isEmpty() || !cas.isEmpty()) {
        out.tls = QSslConfiguration::defaultConfiguration();
        QCryptographicHash profile(QCryptographicHash::Sha256);
        profile.addData(QByteArrayLiteral("portcullis-tls-profile-v1"));
        if (!chain.isEmpty()) {
            out.tls.setLocalCertificateChain(chain);
            out.tls.setPrivateKey(key);
            for (const QSslCertificate& c : std::as_const(chain)) {
                const QByteArray der = c.toDer();
                profile.addData(QByteArrayLiteral("|cert:") + QByteArray::number(der.size()) + ':');
                profile.addData(der);
            }
        }
        if (!cas.isEmpty()) {
            out.tls.setCaCertificates(cas); // replaces the system roots: only these are trusted
            for (const QSslCertificate& c : std::as_const(cas)) {
                const QByteArray der = c.toDer();
                profile.addData(QByteArrayLiteral("|ca:") + QByteArray::number(der.size()) + ':');
                profile.addData(der);
            }
        }
        out.tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        out.tlsProfile = QByteArrayLiteral("tls:") + profile.result().toHex();
        out.hasTls = true;
    }
    out.ok = true;
    job->callback(out);
}

void BackendCredentials::deliver(Callback callback, PreparedCredentials result)
{
    QMetaObject::invokeMethod(
        this, [callback = std::move(callback), result = std::move(result)]() { callback(result); },
        Qt::QueuedConnection);
}

void BackendCredentials::applyHeaders(EncodedCall& call, const PreparedCredentials& credentials)
{
    for (const auto& field : credentials.headers) {
        call.headers.removeIf([&field](const QPair<QByteArray, QByteArray>& h) {
            return h.first.compare(field.first, Qt::CaseInsensitive) == 0;
        });
    }
    call.headers.append(credentials.headers);
}

QStringList BackendCredentials::strippedInboundHeaders()
{
    QStringList out;
    for (const QByteArray& n : strippedNames())
        out.append(QString::fromLatin1(n));
    return out;
}

bool BackendCredentials::isStrippedInboundHeader(const QByteArray& name)
{
    const QByteArray lower = name.trimmed().toLower();
    return lower.startsWith("mcp-") || strippedNames().contains(lower);
}

HttpHeaders BackendCredentials::propagatedHeaders(const HttpHeaders& inbound, bool endpointSecurityNone)
{
    HttpHeaders out;
    if (!endpointSecurityNone)
        return out;
    // Fields named as connection options are hop-by-hop too (RFC 9110 §7.6.1).
    QSet<QByteArray> connectionOptions;
    for (const auto& h : inbound) {
        if (h.first.compare("Connection", Qt::CaseInsensitive) != 0)
            continue;
        for (const QByteArray& option : h.second.split(','))
            connectionOptions.insert(option.trimmed().toLower());
    }
    for (const auto& h : inbound) {
        if (isStrippedInboundHeader(h.first) || connectionOptions.contains(h.first.trimmed().toLower()))
            continue;
        if (!isValidHeaderName(h.first) || !isValidHeaderValue(h.second))
            continue;
        out.append(h);
    }
    return out;
}

bool BackendCredentials::isValidHeaderName(const QByteArray& name)
{
    if (name.isEmpty() || name.size() > 256)
        return false;
    for (char c : name) {
        if (!isTchar(c))
            return false;
    }
    return true;
}

bool BackendCredentials::isValidHeaderValue(const QByteArray& value)
{
    if (value.size() > MaxHeaderValueBytes)
        return false;
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return false;
    }
    return true;
}

ClientCredentialsTokenSource* BackendCredentials::tokenSourceFor(const QString& service, const BackendAuth& auth)
{
    const QByteArray settings = auth.tokenEndpoint.toEncoded() + '\n' + auth.clientId.toUtf8() + '\n'
        + auth.secretRef.toUtf8() + '\n' + auth.scopes.join(QLatin1Char(' ')).toUtf8() + '\n' + auth.resource.toUtf8()
        + '\n' + auth.audience.toUtf8() + (auth.allowLoopbackHttpTokenEndpoint ? "\n1" : "\n0");
    auto it = m_tokenSources.find(service);
    if (it != m_tokenSources.end() && it->first == settings)
        return it->second;
    if (it != m_tokenSources.end())
        delete it->second;
    ClientCredentialsConfig config;
    config.tokenEndpoint = auth.tokenEndpoint;
    config.clientId = auth.clientId;
    config.clientSecretRef = auth.secretRef;
    config.scopes = auth.scopes;
    config.resource = auth.resource;
    config.audience = auth.audience;
    config.allowLoopbackHttp = auth.allowLoopbackHttpTokenEndpoint;
    auto* source = new ClientCredentialsTokenSource(config, m_resolver, this);
    m_tokenSources.insert(service, qMakePair(settings, source));
    return source;
}

} // namespace Gateway
